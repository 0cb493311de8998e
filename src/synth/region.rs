//! Region codes and names for the roll, from the embedded Kemendagri lists (`data/wilayah/`, MIT,
//! cahyadsn/wilayah; DOMAIN §1.3-1.4).
//!
//! Gives the 2025 provinces, regencies (kabupaten/kota), districts (kecamatan) and villages
//! (kelurahan/desa) in code order, an estimate of each regency's voters (for sampling a roll), and the
//! pre-2022 Papua district code each 2025 Papua district had (older residents keep it in their NIK).

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

const REGIONS_CSV: &str = include_str!("../../data/wilayah/regions.csv");
const VILLAGES_CSV: &str = include_str!("../../data/wilayah/villages_2025.csv");

/// DPT Pemilu 2024 per province, in voters (DOMAIN §6). Provinces the brief lacks are estimated [I]
/// from Pilkada 2024 figures and population (marked `est`).
const PROVINCE_VOTERS: [(u8, u32); 38] = [
    (11, 3_749_037),
    (12, 10_853_940),
    (13, 4_088_606),
    (14, 4_732_174),
    (15, 2_676_107),
    (16, 6_326_348),
    (17, 1_494_828),
    (18, 6_539_138),
    (19, 1_067_434),
    (21, 1_500_974),
    (31, 8_252_897),
    (32, 35_714_901),
    (33, 28_289_413),
    (34, 2_870_974),
    (35, 31_402_838),
    (36, 8_842_646),
    (51, 3_269_516),
    (52, 3_918_291),
    (53, 4_008_475),
    (61, 3_958_561),
    (62, 1_935_116),
    (63, 3_025_220),
    (64, 2_778_644),
    (65, 504_252),
    (71, 1_969_603),
    (72, 2_236_703),
    (73, 6_670_582),
    (74, 1_867_931),
    (75, 881_206),
    (76, 1_000_000), // est
    (81, 1_300_000), // est
    (82, 950_000),   // est
    (91, 750_959),   // Pilkada 2024
    (92, 385_465),
    (93, 356_147),   // Pilkada 2024
    (94, 1_000_000), // est
    (95, 1_200_000), // est
    (96, 440_826),
];

#[derive(Debug)]
pub struct Province {
    pub code: u8,
    /// Upper case, as in regions.csv (e.g. `DAERAH KHUSUS IBUKOTA JAKARTA`).
    pub name: String,
    pub regencies: Range<usize>,
}

#[derive(Debug)]
pub struct Regency {
    /// Four digits, e.g. 3273.
    pub code: u16,
    /// `KAB. BADUNG`, `KOTA DENPASAR`: the regions.csv name with `Kabupaten`/`Kota` written as a roll would.
    pub name: String,
    /// Bare place name used as a birthplace (`BADUNG`, `DENPASAR`, `JAKARTA`).
    pub place: String,
    pub province: usize,
    pub is_kota: bool,
    pub districts: Range<usize>,
    /// Estimated voters (province DPT shared by district count, cities weighted up) [I].
    pub voters: f64,
}

#[derive(Debug)]
pub struct District {
    /// Six digits, e.g. 327301 (= the first six digits of a NIK registered there).
    pub code: u32,
    pub name: String,
    pub regency: usize,
    pub villages: Range<usize>,
    /// Pre-2022 code (91/92) of a 2025 Papua district, when the older lists have it.
    pub legacy: Option<u32>,
}

#[derive(Debug)]
pub struct Village {
    /// Last four digits of the village code (1xxx kelurahan, 2xxx desa).
    pub suffix: u16,
    pub name: String,
    pub district: usize,
}

impl Village {
    pub fn is_kelurahan(&self) -> bool {
        self.suffix < 2000
    }
}

#[derive(Debug)]
pub struct Regions {
    pub provinces: Vec<Province>,
    pub regencies: Vec<Regency>,
    pub districts: Vec<District>,
    pub villages: Vec<Village>,
    regency_by_code: HashMap<u16, usize>,
    district_by_code: HashMap<u32, usize>,
    /// Every district code of any year 2016-2025 (NIK prefixes that are valid somewhere in history).
    all_district_codes: HashSet<u32>,
}

pub fn regions() -> &'static Regions {
    static R: OnceLock<Regions> = OnceLock::new();
    R.get_or_init(Regions::load)
}

fn digits(code: &str) -> u32 {
    code.bytes()
        .filter(u8::is_ascii_digit)
        .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
}

/// `Kabupaten Badung` / `KAB. BADUNG` -> `KAB. BADUNG`; `Kota Denpasar` -> `KOTA DENPASAR`.
fn regency_display(name: &str) -> (String, bool) {
    let up = name.trim().to_uppercase();
    for p in ["KABUPATEN ", "KAB. ", "KAB "] {
        if let Some(rest) = up.strip_prefix(p) {
            return (format!("KAB. {rest}"), false);
        }
    }
    (up, true)
}

fn place_of(display: &str, province: u8) -> String {
    if province == 31 {
        return "JAKARTA".to_string();
    }
    let rest = display
        .strip_prefix("KAB. ")
        .or_else(|| display.strip_prefix("KOTA "))
        .unwrap_or(display);
    rest.strip_prefix("ADMINISTRASI ")
        .unwrap_or(rest)
        .to_string()
}

impl Regions {
    fn load() -> Regions {
        struct Row<'a> {
            code: &'a str,
            level: &'a str,
            name: &'a str,
            last_year: u16,
        }
        let mut rows: Vec<Row> = REGIONS_CSV
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let f: Vec<&str> = l.trim_end_matches('\r').split(',').collect();
                assert_eq!(f.len(), 6, "regions.csv: {l}");
                Row {
                    code: f[0],
                    level: f[2],
                    name: f[3],
                    last_year: f[5].parse().expect("year"),
                }
            })
            .collect();
        rows.sort_by_key(|r| (r.code.len() > 2, r.code.to_string()));
        rows.sort_by(|a, b| a.code.cmp(b.code));

        let all_district_codes = rows
            .iter()
            .filter(|r| r.level == "district")
            .map(|r| digits(r.code))
            .collect();

        // Pre-2022 Papua districts by (regency display name, district name).
        let old_regency_names: HashMap<&str, String> = rows
            .iter()
            .filter(|r| r.level == "regency")
            .map(|r| (r.code, regency_display(r.name).0))
            .collect();
        let mut legacy_by_name: HashMap<(String, String), Option<u32>> = HashMap::new();
        for r in rows
            .iter()
            .filter(|r| r.level == "district" && r.last_year < 2025)
        {
            let key = (
                old_regency_names[&r.code[..5]].clone(),
                r.name.to_uppercase(),
            );
            legacy_by_name
                .entry(key)
                .and_modify(|v| *v = None) // ambiguous: keep none
                .or_insert(Some(digits(r.code)));
        }

        let mut provinces = Vec::new();
        let mut regencies: Vec<Regency> = Vec::new();
        let mut districts: Vec<District> = Vec::new();
        for r in rows.iter().filter(|r| r.last_year == 2025) {
            match r.level {
                "province" => provinces.push(Province {
                    code: digits(r.code) as u8,
                    name: r.name.to_uppercase(),
                    regencies: regencies.len()..regencies.len(),
                }),
                "regency" => {
                    let p = provinces.len() - 1;
                    let (name, is_kota) = regency_display(r.name);
                    let place = place_of(&name, provinces[p].code);
                    regencies.push(Regency {
                        code: digits(r.code) as u16,
                        name,
                        place,
                        province: p,
                        is_kota,
                        districts: districts.len()..districts.len(),
                        voters: 0.0,
                    });
                    provinces[p].regencies.end = regencies.len();
                }
                "district" => {
                    let g = regencies.len() - 1;
                    assert!(
                        r.code.starts_with(&regencies_code_str(regencies[g].code)),
                        "{}",
                        r.code
                    );
                    let prov = provinces[regencies[g].province].code;
                    let legacy = if (93..=96).contains(&prov) {
                        legacy_by_name
                            .get(&(regencies[g].name.clone(), r.name.to_uppercase()))
                            .copied()
                            .flatten()
                    } else {
                        None
                    };
                    districts.push(District {
                        code: digits(r.code),
                        name: r.name.to_uppercase(),
                        regency: g,
                        villages: 0..0,
                        legacy,
                    });
                    regencies[g].districts.end = districts.len();
                }
                other => panic!("regions.csv: unknown level {other}"),
            }
        }
        let district_by_code: HashMap<u32, usize> = districts
            .iter()
            .enumerate()
            .map(|(i, d)| (d.code, i))
            .collect();

        let mut villages = Vec::with_capacity(84_000);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(VILLAGES_CSV.as_bytes());
        let mut parsed: Vec<(u64, String)> = reader
            .records()
            .map(|rec| {
                let rec = rec.expect("villages_2025.csv is valid CSV");
                (
                    u64::from(digits(&rec[0][..8])) * 10_000 + u64::from(digits(&rec[0][9..])),
                    rec[1].to_uppercase(),
                )
            })
            .collect();
        parsed.sort_by_key(|p| p.0);
        for (code, name) in parsed {
            let district_code = (code / 10_000) as u32;
            let Some(&d) = district_by_code.get(&district_code) else {
                continue;
            };
            if districts[d].villages.is_empty() {
                districts[d].villages = villages.len()..villages.len();
            }
            villages.push(Village {
                suffix: (code % 10_000) as u16,
                name,
                district: d,
            });
            districts[d].villages.end = villages.len();
        }

        let mut regions = Regions {
            regency_by_code: regencies
                .iter()
                .enumerate()
                .map(|(i, g)| (g.code, i))
                .collect(),
            provinces,
            regencies,
            districts,
            villages,
            district_by_code,
            all_district_codes,
        };
        regions.estimate_voters();
        regions
    }

    fn estimate_voters(&mut self) {
        for p in &self.provinces {
            let voters = PROVINCE_VOTERS
                .iter()
                .find(|(c, _)| *c == p.code)
                .map_or(1e6, |(_, v)| f64::from(*v));
            let weight = |g: &Regency| {
                let n = g.districts.len().max(1) as f64;
                if g.is_kota { n * 1.6 } else { n }
            };
            let total: f64 = self.regencies[p.regencies.clone()].iter().map(weight).sum();
            for g in p.regencies.clone() {
                let share = weight(&self.regencies[g]) / total;
                self.regencies[g].voters = voters * share;
            }
        }
    }

    pub fn regency_by_code(&self, code: u16) -> Option<usize> {
        self.regency_by_code.get(&code).copied()
    }

    pub fn district_by_code(&self, code: u32) -> Option<usize> {
        self.district_by_code.get(&code).copied()
    }

    /// True for a district code of any Kemendagri list 2016-2025 (valid first-registration prefix).
    pub fn is_known_district(&self, code: u32) -> bool {
        self.all_district_codes.contains(&code)
    }

    /// Mean voters per village in a regency (for sizing villages).
    pub fn voters_per_village(&self, g: usize) -> f64 {
        let r = &self.regencies[g];
        let villages: usize = self.districts[r.districts.clone()]
            .iter()
            .map(|d| d.villages.len())
            .sum();
        r.voters / villages.max(1) as f64
    }
}

fn regencies_code_str(code: u16) -> String {
    format!("{:02}.{:02}", code / 100, code % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_the_2025_lists() {
        let r = regions();
        let cases = [
            ("provinces", r.provinces.len(), 38),
            ("regencies", r.regencies.len(), 514),
            ("districts", r.districts.len(), 7285),
        ];
        for (label, got, want) in cases {
            assert_eq!(got, want, "{label}");
        }
        assert!(r.villages.len() > 83_000, "villages {}", r.villages.len());
        assert!(
            r.districts.iter().all(|d| !d.villages.is_empty()),
            "every district has villages"
        );
    }

    #[test]
    fn names_are_written_like_a_roll() {
        let r = regions();
        let cases = [
            (5103, "KAB. BADUNG", "BADUNG"),
            (5171, "KOTA DENPASAR", "DENPASAR"),
            (3174, "KOTA ADMINISTRASI JAKARTA SELATAN", "JAKARTA"),
            (9671, "KOTA SORONG", "SORONG"),
        ];
        for (code, name, place) in cases {
            let g = &r.regencies[r.regency_by_code(code).expect("code exists")];
            assert_eq!((g.name.as_str(), g.place.as_str()), (name, place), "{code}");
        }
    }

    #[test]
    fn papua_districts_know_their_old_codes() {
        let r = regions();
        let merauke = r.district_by_code(930101).expect("Merauke 2025");
        assert_eq!(r.districts[merauke].legacy, Some(910101));
        let with_legacy = r.districts.iter().filter(|d| d.legacy.is_some()).count();
        assert!(with_legacy > 500, "{with_legacy}");
        for d in r.districts.iter().filter_map(|d| d.legacy) {
            assert!(
                r.is_known_district(d) && r.district_by_code(d).is_none(),
                "{d} is an old-only code"
            );
        }
    }
}
