//! Nationality: map the ways lists write a country (ICAO codes incl. `D`, Indonesian and
//! English names) to ISO 3166-1 alpha-3, for reporting only. Nationality never enters a
//! score: a voter is flagged for resembling a specific listed person, never for origin.

/// (ISO alpha-3, spellings after folding to upper-case letters only).
const TABLE: &[(&str, &[&str])] = &[
    (
        "CHN",
        &[
            "CHN",
            "CHINA",
            "TIONGKOK",
            "RRT",
            "CINA",
            "REPUBLIKRAKYATTIONGKOK",
            "PEOPLESREPUBLICOFCHINA",
        ],
    ),
    (
        "KOR",
        &[
            "KOR",
            "KOREASELATAN",
            "SOUTHKOREA",
            "KOREA",
            "REPUBLICOFKOREA",
            "KORSEL",
        ],
    ),
    ("PRK", &["PRK", "KOREAUTARA", "NORTHKOREA"]),
    ("JPN", &["JPN", "JEPANG", "JAPAN"]),
    ("TWN", &["TWN", "TAIWAN"]),
    ("HKG", &["HKG", "HONGKONG"]),
    ("IND", &["IND", "INDIA"]),
    ("PAK", &["PAK", "PAKISTAN"]),
    ("BGD", &["BGD", "BANGLADESH"]),
    ("LKA", &["LKA", "SRILANKA"]),
    ("NPL", &["NPL", "NEPAL"]),
    ("SAU", &["SAU", "ARABSAUDI", "SAUDIARABIA", "SAUDI"]),
    ("YEM", &["YEM", "YAMAN", "YEMEN"]),
    ("EGY", &["EGY", "MESIR", "EGYPT"]),
    (
        "ARE",
        &[
            "ARE",
            "UNIEMIRATARAB",
            "UAE",
            "UNITEDARABEMIRATES",
            "EMIRATARAB",
        ],
    ),
    ("IRN", &["IRN", "IRAN"]),
    ("IRQ", &["IRQ", "IRAK", "IRAQ"]),
    ("SYR", &["SYR", "SURIAH", "SYRIA"]),
    ("AFG", &["AFG", "AFGANISTAN", "AFGHANISTAN"]),
    ("TUR", &["TUR", "TURKI", "TURKEY", "TURKIYE"]),
    ("MYS", &["MYS", "MALAYSIA"]),
    ("SGP", &["SGP", "SINGAPURA", "SINGAPORE"]),
    ("PHL", &["PHL", "FILIPINA", "PHILIPPINES", "FILIPINO"]),
    ("VNM", &["VNM", "VIETNAM"]),
    ("THA", &["THA", "THAILAND"]),
    ("MMR", &["MMR", "MYANMAR"]),
    ("KHM", &["KHM", "KAMBOJA", "CAMBODIA"]),
    ("LAO", &["LAO", "LAOS"]),
    ("TLS", &["TLS", "TIMORLESTE", "EASTTIMOR"]),
    ("PNG", &["PNG", "PAPUANUGINI", "PAPUANEWGUINEA"]),
    ("AUS", &["AUS", "AUSTRALIA"]),
    ("NZL", &["NZL", "SELANDIABARU", "NEWZEALAND"]),
    (
        "USA",
        &[
            "USA",
            "AMERIKASERIKAT",
            "AMERIKA",
            "UNITEDSTATES",
            "UNITEDSTATESOFAMERICA",
            "AS",
        ],
    ),
    ("CAN", &["CAN", "KANADA", "CANADA"]),
    (
        "GBR",
        &[
            "GBR",
            "INGGRIS",
            "BRITANIARAYA",
            "UNITEDKINGDOM",
            "UK",
            "GREATBRITAIN",
        ],
    ),
    ("NLD", &["NLD", "BELANDA", "NETHERLANDS", "HOLLAND"]),
    ("DEU", &["DEU", "D", "JERMAN", "GERMANY"]),
    ("FRA", &["FRA", "PERANCIS", "FRANCE"]),
    ("ITA", &["ITA", "ITALIA", "ITALY"]),
    ("ESP", &["ESP", "SPANYOL", "SPAIN"]),
    ("PRT", &["PRT", "PORTUGAL"]),
    ("CHE", &["CHE", "SWISS", "SWITZERLAND"]),
    ("BEL", &["BEL", "BELGIA", "BELGIUM"]),
    ("AUT", &["AUT", "AUSTRIA"]),
    ("SWE", &["SWE", "SWEDIA", "SWEDEN"]),
    ("NOR", &["NOR", "NORWEGIA", "NORWAY"]),
    ("DNK", &["DNK", "DENMARK"]),
    ("FIN", &["FIN", "FINLANDIA", "FINLAND"]),
    ("POL", &["POL", "POLANDIA", "POLAND"]),
    ("RUS", &["RUS", "RUSIA", "RUSSIA"]),
    ("UKR", &["UKR", "UKRAINA", "UKRAINE"]),
    ("BRA", &["BRA", "BRASIL", "BRAZIL"]),
    ("NGA", &["NGA", "NIGERIA"]),
    ("ZAF", &["ZAF", "AFRIKASELATAN", "SOUTHAFRICA"]),
    ("XXA", &["XXA", "STATELESS", "TANPAKEWARGANEGARAAN"]),
];

/// The ISO alpha-3 code for a written nationality, if known.
pub fn iso3(raw: &str) -> Option<&'static str> {
    let folded: String = raw
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if folded.is_empty() {
        return None;
    }
    TABLE
        .iter()
        .find(|(_, names)| names.contains(&folded.as_str()))
        .map(|(code, _)| *code)
}

/// A reporting label: the ISO code when known, else the value as written (upper-cased).
pub fn label(raw: &str) -> String {
    iso3(raw).map_or_else(|| raw.trim().to_uppercase(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nationalities_map_to_iso3() {
        let cases: &[(&str, Option<&str>)] = &[
            ("TIONGKOK", Some("CHN")),
            ("Korea Selatan", Some("KOR")),
            ("JEPANG", Some("JPN")),
            ("D", Some("DEU")),
            ("D<<", Some("DEU")),
            ("Amerika Serikat", Some("USA")),
            ("BELANDA", Some("NLD")),
            ("KOR", Some("KOR")),
            ("WAKANDA", None),
            ("", None),
        ];
        for (raw, want) in cases {
            assert_eq!(iso3(raw), *want, "{raw}");
        }
    }

    #[test]
    fn every_spelling_is_folded_and_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for (code, names) in TABLE {
            assert!(names.contains(code), "{code} lists itself");
            for n in *names {
                assert!(n.chars().all(|c| c.is_ascii_uppercase()), "{n}");
                assert!(seen.insert(*n), "{n} twice");
            }
        }
    }
}
