//! Indonesian names as a roll writes them (DOMAIN §5): upper case, regional naming customs, the
//! MUHAMMAD family of spellings, women's SITI/NUR/SRI prefixes, Javanese mononyms, old spellings
//! (SOE-, DJ-, TJ-) for older voters, Balinese birth-order names, Batak marga, Chinese-Indonesian
//! surnames, titles and degrees.
//!
//! Takes a [`NameSpec`] (group, sex, birth year, birth order, family name) and writes a name. Which
//! group a household belongs to is decided from the province by [`group_for`].

use std::collections::HashMap;
use std::sync::OnceLock;

use super::lists::{Lists, Pool};
use super::rng::Rng;

pub const DATA_FILES: [&str; 6] = [
    include_str!("../../data/synth/id_general.txt"),
    include_str!("../../data/synth/id_java.txt"),
    include_str!("../../data/synth/id_regional.txt"),
    include_str!("../../data/synth/id_east.txt"),
    include_str!("../../data/synth/id_chinese.txt"),
    include_str!("../../data/synth/places.txt"),
];

/// Naming tradition of a household.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Javanese,
    Sundanese,
    /// Malay, Betawi, Banjar and the general Muslim naming of much of Sumatra, Kalimantan, Sulawesi.
    Malay,
    Minang,
    Aceh,
    Batak,
    Bugis,
    Sasak,
    Balinese,
    Chinese,
    /// Indonesian citizens of Hadrami descent (ALATAS, ASSEGAF...).
    Arab,
    Minahasa,
    Ntt,
    Papuan,
    Maluku,
    Dayak,
}

impl Group {
    /// Families that pass a clan or family name to children.
    pub fn has_family_name(self) -> bool {
        matches!(
            self,
            Group::Batak
                | Group::Chinese
                | Group::Arab
                | Group::Minahasa
                | Group::Ntt
                | Group::Papuan
                | Group::Maluku
        )
    }
}

impl Group {
    fn from_name(s: &str) -> Group {
        match s {
            "javanese" => Group::Javanese,
            "sundanese" => Group::Sundanese,
            "malay" => Group::Malay,
            "minang" => Group::Minang,
            "aceh" => Group::Aceh,
            "batak" => Group::Batak,
            "bugis" => Group::Bugis,
            "sasak" => Group::Sasak,
            "balinese" => Group::Balinese,
            "chinese" => Group::Chinese,
            "arab" => Group::Arab,
            "minahasa" => Group::Minahasa,
            "ntt" => Group::Ntt,
            "papuan" => Group::Papuan,
            "maluku" => Group::Maluku,
            "dayak" => Group::Dayak,
            other => panic!("groups.txt: unknown group {other}"),
        }
    }
}

const GROUPS: &str = include_str!("../../data/synth/groups.txt");

/// Naming traditions and their shares per province code (`data/synth/groups.txt`).
pub fn group_mix(province: u8) -> &'static [(Group, f64)] {
    static MIX: OnceLock<HashMap<u8, Vec<(Group, f64)>>> = OnceLock::new();
    let mix = MIX.get_or_init(|| {
        let mut m = HashMap::new();
        for line in GROUPS
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let (codes, shares) = line
                .split_once(':')
                .expect("groups.txt: `codes: group share, ...`");
            let shares: Vec<(Group, f64)> = shares
                .split(',')
                .map(|p| {
                    let (g, w) = p.trim().split_once(' ').expect("group share");
                    (Group::from_name(g), w.parse().expect("share"))
                })
                .collect();
            for code in codes.split_whitespace() {
                m.insert(code.parse::<u8>().expect("province code"), shares.clone());
            }
        }
        m
    });
    mix.get(&province)
        .map_or(&[(Group::Malay, 1.0)], Vec::as_slice)
}

pub fn group_for(rng: &mut Rng, province: u8) -> Group {
    let mix = group_mix(province);
    let weights: Vec<f64> = mix.iter().map(|m| m.1).collect();
    mix[rng.weighted_index(&weights)].0
}

/// What to name.
#[derive(Clone, Copy, Debug)]
pub struct NameSpec {
    pub group: Group,
    pub female: bool,
    pub birth_year: u16,
    /// 0 = first-born (Balinese birth-order names).
    pub birth_order: u8,
    /// Clan or family name shared by the household (marga, Chinese surname), if the group has one.
    pub family: Option<&'static str>,
    /// Province code, for regional spellings (MUH. in South Sulawesi, MOCH. in East Java).
    pub province: u8,
}

/// Era of birth: naming fashions changed around 1965 and 1990.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Era {
    Old,
    Mid,
    Young,
}

pub(super) fn era(year: u16) -> Era {
    match year {
        ..1965 => Era::Old,
        1965..1990 => Era::Mid,
        _ => Era::Young,
    }
}

/// Mandailing marga: Muslim Batak families.
pub(super) const MUSLIM_MARGA: [&str; 11] = [
    "NASUTION",
    "LUBIS",
    "HARAHAP",
    "DAULAY",
    "RANGKUTI",
    "HASIBUAN",
    "POHAN",
    "RITONGA",
    "BATUBARA",
    "PULUNGAN",
    "MATONDANG",
];

macro_rules! pools {
    ($($field:ident),* $(,)?) => {
        /// Every list, by section name.
        pub struct IdNames { $(pub $field: Pool,)* pub bali_order_male: Vec<Vec<&'static str>>, pub bali_order_female: Vec<Vec<&'static str>> }
        fn load_pools(lists: &Lists) -> IdNames {
            IdNames {
                $($field: lists.pool(stringify!($field)),)*
                bali_order_male: order_table(&lists.entries("bali_order_male")),
                bali_order_female: order_table(&lists.entries("bali_order_female")),
            }
        }
    };
}

pools!(
    muhammad,
    male,
    female,
    male_modern,
    male_modern_last,
    female_modern,
    female_modern_last,
    female_prefix,
    coin_stem,
    coin_male,
    coin_female,
    arabic_male,
    arabic_female,
    arab_surname,
    title_male_pre,
    title_female_pre,
    degree,
    jv_male_mono,
    jv_female_mono,
    jv_male_first,
    jv_male_last,
    jv_female_first,
    jv_female_last,
    su_male_first,
    su_male_last,
    su_female_first,
    su_female_last,
    bali_caste_male,
    bali_caste_female,
    bali_male,
    bali_female,
    batak_marga,
    batak_male,
    batak_female,
    minang_male,
    minang_female,
    aceh_prefix_male,
    aceh_prefix_female,
    aceh_male,
    aceh_female,
    bugis_first,
    bugis_male,
    bugis_female,
    sasak_prefix_male,
    sasak_prefix_female,
    sasak_male,
    sasak_female,
    christian_male,
    christian_female,
    minahasa_marga,
    ntt_marga,
    papua_marga,
    maluku_marga,
    dayak_male,
    dayak_female,
    ci_surname,
    ci_hokkien,
    ci_syllable,
    ci_given_male,
    ci_given_female,
    street,
    hamlet_java,
    hamlet_sunda,
    banjar_bali,
    born_abroad,
);

fn order_table(entries: &[&'static str]) -> Vec<Vec<&'static str>> {
    entries.iter().map(|e| e.split('|').collect()).collect()
}

pub fn id_names() -> &'static IdNames {
    static N: OnceLock<IdNames> = OnceLock::new();
    N.get_or_init(|| {
        let mut all = Lists::default();
        for text in DATA_FILES {
            all.merge(Lists::parse(text));
        }
        load_pools(&all)
    })
}

/// Appends `word` with a separating space (a word equal to the last one is skipped: no
/// `DARMAYASA DARMAYASA`).
pub(super) fn add(out: &mut String, word: &str) {
    if out.rsplit(' ').next() == Some(word) {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

impl IdNames {
    /// A family name for a new household of `group` (None for groups without one).
    pub fn family_name(&self, rng: &mut Rng, group: Group) -> Option<&'static str> {
        match group {
            Group::Batak => Some(self.batak_marga.pick(rng)),
            Group::Chinese => Some(if rng.chance(0.7) {
                self.ci_surname.pick(rng)
            } else {
                self.ci_hokkien.pick(rng)
            }),
            Group::Arab => Some(self.arab_surname.pick(rng)),
            Group::Minahasa => Some(self.minahasa_marga.pick(rng)),
            Group::Ntt if rng.chance(0.7) => Some(self.ntt_marga.pick(rng)),
            Group::Papuan => Some(self.papua_marga.pick(rng)),
            Group::Maluku => Some(self.maluku_marga.pick(rng)),
            _ => None,
        }
    }

    /// Writes a full name (upper case) for `spec` into `out` (cleared first).
    pub fn name(&self, rng: &mut Rng, spec: &NameSpec, out: &mut String) {
        out.clear();
        self.core(rng, spec, out);
        if spec.birth_year >= 2005 && !out.contains(' ') {
            // Permendagri 73/2022: new records need two words (DOMAIN §5.1).
            let last = if spec.female {
                self.female_modern_last.pick(rng)
            } else {
                self.male_modern_last.pick(rng)
            };
            add(out, last);
        }
        let age = 2029i32 - i32::from(spec.birth_year);
        if spec.birth_year < 1972
            && matches!(
                spec.group,
                Group::Javanese | Group::Sundanese | Group::Malay
            )
        {
            let p = if spec.birth_year < 1960 { 0.35 } else { 0.12 };
            if rng.chance(p) {
                let old = old_spelling(out, rng.chance(0.75));
                out.clear();
                out.push_str(&old);
            }
        }
        self.titles(rng, spec, age, out);
        if out.len() > 60 {
            if let Some(cut) = out[..60].rfind(' ') {
                out.truncate(cut);
            }
            while out.ends_with(',') {
                out.pop();
            }
        }
    }

    fn titles(&self, rng: &mut Rng, spec: &NameSpec, age: i32, out: &mut String) {
        let muslim = is_muslim(spec);
        let mut prefix: Option<&str> = None;
        if muslim && age >= 40 && rng.chance(0.04) {
            prefix = Some(if spec.female { "HJ." } else { "H." });
        } else if (1940..=1978).contains(&spec.birth_year) && rng.chance(0.02) {
            prefix = Some(if spec.female {
                self.title_female_pre.pick(rng)
            } else {
                self.title_male_pre.pick(rng)
            })
            .filter(|t| muslim || !matches!(*t, "H." | "HJ." | "KH." | "USTADZ"));
        }
        if let Some(p) = prefix {
            out.insert(0, ' ');
            out.insert_str(0, p);
        }
        if (23..=65).contains(&age) && rng.chance(0.035) {
            out.push_str(", ");
            out.push_str(self.degree.pick(rng));
        }
    }
}

/// Muslim naming (for H./HJ. titles).
pub fn is_muslim(spec: &NameSpec) -> bool {
    match spec.group {
        Group::Batak => spec.family.is_some_and(|m| MUSLIM_MARGA.contains(&m)),
        Group::Chinese
        | Group::Balinese
        | Group::Minahasa
        | Group::Ntt
        | Group::Papuan
        | Group::Dayak => false,
        _ => true,
    }
}

/// Pre-1972 spelling of a name written in EYD (DOMAIN §5.3): J->DJ, C->TJ, NY->NJ, SY->SJ, KH->CH,
/// then Y->J, and (if `oe`) U->OE. Abbreviations and the MUHAMMAD family are left alone.
pub fn old_spelling(name: &str, oe: bool) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, token) in name.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        // Letters and pairs the old orthography did not use mark borrowed names: leave them alone.
        let foreign = token.bytes().any(|b| matches!(b, b'Q' | b'X' | b'V'))
            || token.contains("CH")
            || token.contains("TH")
            || token.contains("YY");
        let skip = foreign
            || token.ends_with('.')
            || [
                "MUHAMMAD",
                "MUHAMAD",
                "MOHAMMAD",
                "MOHAMAD",
                "MOCHAMAD",
                "MOCHAMMAD",
                "ABDUL",
                "AHMAD",
            ]
            .contains(&token);
        if skip {
            out.push_str(token);
            continue;
        }
        let b = token.as_bytes();
        let mut k = 0;
        while k < b.len() {
            let next = b.get(k + 1).copied();
            match (b[k], next) {
                (b'N', Some(b'Y')) => {
                    out.push_str("NJ");
                    k += 2;
                    continue;
                }
                (b'S', Some(b'Y')) => {
                    out.push_str("SJ");
                    k += 2;
                    continue;
                }
                (b'K', Some(b'H')) => {
                    out.push_str("CH");
                    k += 2;
                    continue;
                }
                (b'J', _) if k > 0 && b[k - 1] == b'D' => out.push('J'),
                (b'J', _) => out.push_str("DJ"),
                (b'C', _) => out.push_str("TJ"),
                (b'Y', _) => out.push('J'),
                (b'U', _) if oe => out.push_str("OE"),
                (c, _) => out.push(c as char),
            }
            k += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(group: Group, female: bool, year: u16) -> NameSpec {
        NameSpec {
            group,
            female,
            birth_year: year,
            birth_order: 0,
            family: None,
            province: 33,
        }
    }

    #[test]
    fn old_spelling_examples() {
        let cases = [
            ("oe", "SUHARTO", true, "SOEHARTO"),
            ("dj", "JOKO", true, "DJOKO"),
            ("tj and j", "CAHYONO", true, "TJAHJONO"),
            ("nj", "NYOMAN", false, "NJOMAN"),
            ("sj", "SYAHRIR", false, "SJAHRIR"),
            ("keeps muhammad", "MUHAMMAD YUSUF", true, "MUHAMMAD JOESOEF"),
            (
                "keeps abbreviations",
                "MOH. JUNAIDI",
                false,
                "MOH. DJUNAIDI",
            ),
        ];
        for (label, input, oe, want) in cases {
            assert_eq!(old_spelling(input, oe), want, "{label}");
        }
    }

    #[test]
    fn names_are_upper_case_and_short() {
        let n = id_names();
        let mut rng = Rng::new(5, &[]);
        let mut s = String::new();
        let groups = [
            Group::Javanese,
            Group::Sundanese,
            Group::Malay,
            Group::Minang,
            Group::Aceh,
            Group::Batak,
            Group::Bugis,
            Group::Sasak,
            Group::Balinese,
            Group::Chinese,
            Group::Arab,
            Group::Minahasa,
            Group::Ntt,
            Group::Papuan,
            Group::Maluku,
            Group::Dayak,
        ];
        for g in groups {
            for i in 0..300u16 {
                let mut sp = spec(g, i % 2 == 0, 1935 + i % 78);
                sp.family = n.family_name(&mut rng, g);
                n.name(&mut rng, &sp, &mut s);
                assert!(!s.is_empty() && s.len() <= 60, "{g:?}: {s:?}");
                assert_eq!(s, s.to_uppercase(), "{g:?}: upper case");
                assert!(!s.contains("  ") && !s.starts_with(' '), "{g:?}: {s:?}");
            }
        }
    }

    #[test]
    fn regional_signatures_appear() {
        let n = id_names();
        let mut rng = Rng::new(6, &[]);
        let mut s = String::new();
        let mut count = |g: Group, female: bool, year: u16, needle: &str| {
            (0..2000)
                .filter(|i| {
                    let mut sp = spec(g, female, year);
                    sp.birth_order = (*i % 4) as u8;
                    sp.family = n.family_name(&mut rng, g);
                    n.name(&mut rng, &sp, &mut s);
                    s.split([' ', ',']).any(|t| t == needle)
                })
                .count()
        };
        let cases = [
            (
                "Bali men: I",
                count(Group::Balinese, false, 1970, "I"),
                1000,
            ),
            (
                "Bali women: NI",
                count(Group::Balinese, true, 1970, "NI"),
                1000,
            ),
            (
                "Bali: KETUT",
                count(Group::Balinese, false, 1970, "KETUT"),
                200,
            ),
            (
                "Javanese women: SITI",
                count(Group::Javanese, true, 1950, "SITI"),
                100,
            ),
            (
                "young men: MUHAMMAD",
                count(Group::Javanese, false, 2005, "MUHAMMAD"),
                60,
            ),
            (
                "Javanese old: SLAMET",
                count(Group::Javanese, false, 1950, "SLAMET"),
                20,
            ),
        ];
        for (label, got, at_least) in cases {
            assert!(got >= at_least, "{label}: {got} < {at_least}");
        }
    }

    #[test]
    fn young_voters_have_two_words() {
        let n = id_names();
        let mut rng = Rng::new(7, &[]);
        let mut s = String::new();
        for _ in 0..500 {
            n.name(&mut rng, &spec(Group::Javanese, false, 2008), &mut s);
            assert!(s.contains(' '), "{s}");
        }
    }
}
