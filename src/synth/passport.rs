//! Foreign names and documents in passport form (DOMAIN §4.3-4.4): names by naming tradition (PRC
//! Pinyin, Taiwanese Wade-Giles, Korean, Japanese, Vietnamese, Thai, Malay with BIN/BINTI, Malaysian
//! Chinese and Indian, Filipino, South Asian, Arab, European, Timorese), ICAO transliteration, spelling
//! alternatives. Passport and permit numbers live in `documents`.

use std::sync::OnceLock;

use super::foreign::Foreigner;
use super::lists::{Lists, Pool};
use super::rng::Rng;

pub const DATA_FILES: [&str; 3] = [
    include_str!("../../data/synth/foreign_asia.txt"),
    include_str!("../../data/synth/foreign_other.txt"),
    include_str!("../../data/synth/foreign_places.txt"),
];

/// Naming and document conventions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Prc,
    Taiwan,
    Korea,
    Japan,
    Vietnam,
    Thailand,
    Malaysia,
    Philippines,
    India,
    Pakistan,
    Bangladesh,
    Saudi,
    Yemen,
    Egypt,
    Dutch,
    German,
    French,
    English,
    TimorLeste,
}

impl Kind {
    /// From the naming-kind column of `nationalities.txt`.
    pub fn from_name(s: &str) -> Kind {
        match s {
            "prc" => Kind::Prc,
            "taiwan" => Kind::Taiwan,
            "korea" => Kind::Korea,
            "japan" => Kind::Japan,
            "vietnam" => Kind::Vietnam,
            "thailand" => Kind::Thailand,
            "malaysia" => Kind::Malaysia,
            "philippines" => Kind::Philippines,
            "india" => Kind::India,
            "pakistan" => Kind::Pakistan,
            "bangladesh" => Kind::Bangladesh,
            "saudi" => Kind::Saudi,
            "yemen" => Kind::Yemen,
            "egypt" => Kind::Egypt,
            "dutch" => Kind::Dutch,
            "german" => Kind::German,
            "french" => Kind::French,
            "english" => Kind::English,
            "timor_leste" => Kind::TimorLeste,
            other => panic!("nationalities.txt: unknown naming kind {other}"),
        }
    }
}

/// How a given name made of syllables is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Join {
    Joined,
    Split,
    Hyphen,
}

struct ForeignLists {
    lists: Lists,
}

fn lists() -> &'static ForeignLists {
    static L: OnceLock<ForeignLists> = OnceLock::new();
    L.get_or_init(|| {
        let mut lists = Lists::default();
        for t in DATA_FILES {
            lists.merge(Lists::parse(t));
        }
        ForeignLists { lists }
    })
}

/// Pools by section name, built once.
pub(super) fn pool(name: &'static str) -> &'static Pool {
    static POOLS: OnceLock<std::collections::BTreeMap<&'static str, Pool>> = OnceLock::new();
    let all = POOLS.get_or_init(|| {
        let l = &lists().lists;
        l.section_names()
            .filter(|n| **n != "romanisation")
            .map(|n| (*n, l.pool(n)))
            .collect()
    });
    all.get(name)
        .unwrap_or_else(|| panic!("data/synth: missing section [{name}]"))
}

/// Alternative spellings of a token in the naming tradition `kind` (`romanisation` section:
/// `FROM=TO`, optionally limited with `@kor`, `@zh` or `@jp`).
pub fn romanisations(token: &str, kind: Kind) -> Vec<&'static str> {
    type Entry = (&'static str, &'static str, Option<&'static str>);
    static MAP: OnceLock<Vec<Entry>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        lists()
            .lists
            .entries("romanisation")
            .into_iter()
            .filter_map(|e| {
                let (pair, scope) = match e.split_once('@') {
                    Some((p, s)) => (p, Some(s)),
                    None => (e, None),
                };
                pair.split_once('=').map(|(a, b)| (a, b, scope))
            })
            .collect()
    });
    let applies = |scope: Option<&str>| match scope {
        None => true,
        Some("kor") => kind == Kind::Korea,
        Some("zh") => matches!(kind, Kind::Prc | Kind::Taiwan | Kind::Malaysia),
        Some("jp") => kind == Kind::Japan,
        Some(other) => panic!("romanisation: unknown scope @{other}"),
    };
    map.iter()
        .filter(|(from, _, scope)| *from == token && applies(*scope))
        .map(|e| e.1)
        .collect()
}

/// ICAO transliteration of Latin letters with diacritics (Doc 9303 part 3), upper case.
pub fn transliterate(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            'Ä' | 'Æ' => out.push_str("AE"),
            'Ö' | 'Ø' => out.push_str("OE"),
            'Ü' => out.push_str("UE"),
            'Å' => out.push_str("AA"),
            'ß' => out.push_str("SS"),
            'Á' | 'À' | 'Â' | 'Ã' => out.push('A'),
            'É' | 'È' | 'Ê' | 'Ë' => out.push('E'),
            'Í' | 'Ì' | 'Î' | 'Ï' => out.push('I'),
            'Ó' | 'Ò' | 'Ô' | 'Õ' => out.push('O'),
            'Ú' | 'Ù' | 'Û' => out.push('U'),
            'Ñ' => out.push('N'),
            'Ç' => out.push('C'),
            '\'' | '.' => {}
            '-' | '/' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn render_syllables(syll: &[&str], join: Join) -> String {
    match join {
        Join::Joined => syll.concat(),
        Join::Split => syll.join(" "),
        Join::Hyphen => syll.join("-"),
    }
}

/// Given name, surname, syllables, join, Muslim: the parts of a passport name.
pub(super) type NameParts = (String, String, Vec<&'static str>, Join, bool);

fn syllabic(
    rng: &mut Rng,
    male: &'static str,
    female: &'static str,
    is_f: bool,
    two: f64,
    joins: [f64; 3],
) -> (Vec<&'static str>, Join) {
    let p = pool(if is_f { female } else { male });
    let n = if rng.chance(two) { 2 } else { 1 };
    let mut s = vec![p.pick(rng)];
    while s.len() < n {
        let x = p.pick(rng);
        if x != s[0] {
            s.push(x);
        }
    }
    let join = [Join::Joined, Join::Split, Join::Hyphen][rng.weighted_index(&joins)];
    (s, join)
}

/// A passport name of `kind`'s tradition: (given, surname, syllables, join, Muslim).
pub(super) fn gen_name(rng: &mut Rng, kind: Kind, f: bool) -> NameParts {
    let pick = |rng: &mut Rng, name: &'static str| pool(name).pick(rng).to_string();
    let gendered = |rng: &mut Rng, m: &'static str, w: &'static str| {
        pool(if f { w } else { m }).pick(rng).to_string()
    };
    match kind {
        Kind::Prc => {
            let (s, j) = syllabic(
                rng,
                "chn_syll_male",
                "chn_syll_female",
                f,
                0.75,
                [75.0, 25.0, 0.0],
            );
            (
                render_syllables(&s, j),
                pick(rng, "chn_surname"),
                s,
                j,
                false,
            )
        }
        Kind::Taiwan => {
            let (s, j) = syllabic(
                rng,
                "twn_syll_male",
                "twn_syll_female",
                f,
                0.95,
                [10.0, 20.0, 70.0],
            );
            (
                render_syllables(&s, j),
                pick(rng, "twn_surname"),
                s,
                j,
                false,
            )
        }
        Kind::Korea => {
            let (s, j) = syllabic(
                rng,
                "kor_syll_male",
                "kor_syll_female",
                f,
                0.9,
                [30.0, 50.0, 20.0],
            );
            (
                render_syllables(&s, j),
                pick(rng, "kor_surname"),
                s,
                j,
                false,
            )
        }
        Kind::Japan => (
            gendered(rng, "jpn_male", "jpn_female"),
            pick(rng, "jpn_surname"),
            vec![],
            Join::Split,
            false,
        ),
        Kind::Vietnam => {
            let given = format!(
                "{} {}",
                gendered(rng, "vnm_middle_male", "vnm_middle_female"),
                gendered(rng, "vnm_male", "vnm_female")
            );
            (given, pick(rng, "vnm_surname"), vec![], Join::Split, false)
        }
        Kind::Thailand if rng.chance(0.12) => (
            pick(rng, "tha_muslim_male"),
            pick(rng, "tha_muslim_surname"),
            vec![],
            Join::Split,
            true,
        ),
        Kind::Thailand => (
            gendered(rng, "tha_male", "tha_female"),
            pick(rng, "tha_surname"),
            vec![],
            Join::Split,
            false,
        ),
        Kind::Malaysia => malaysian(rng, f),
        Kind::Philippines => {
            let given = format!(
                "{} {}",
                gendered(rng, "phl_male", "phl_female"),
                pick(rng, "phl_surname")
            );
            (given, pick(rng, "phl_surname"), vec![], Join::Split, false)
        }
        Kind::India => {
            let mut given = gendered(rng, "ind_male", "ind_female");
            if rng.chance(0.2) {
                given.push_str(if f { " KUMARI" } else { " KUMAR" });
            }
            let surname = if rng.chance(0.85) {
                pick(rng, "ind_surname")
            } else {
                String::new()
            };
            (given, surname, vec![], Join::Split, false)
        }
        Kind::Pakistan => {
            let mut given = String::new();
            if !f && rng.chance(0.5) {
                given.push_str(if rng.chance(0.85) {
                    "MUHAMMAD "
                } else {
                    "MOHAMMAD "
                });
            }
            given.push_str(&gendered(rng, "pak_male_given", "pak_female_given"));
            (given, pick(rng, "pak_surname"), vec![], Join::Split, true)
        }
        Kind::Bangladesh => {
            let first = if f {
                pick(rng, "bgd_female_first")
            } else {
                pick(rng, "bgd_first")
            };
            let given = format!(
                "{first} {}",
                gendered(rng, "bgd_male_given", "bgd_female_given")
            );
            (
                given,
                gendered(rng, "bgd_male_surname", "bgd_female_surname"),
                vec![],
                Join::Split,
                true,
            )
        }
        Kind::Saudi | Kind::Yemen | Kind::Egypt => arab(rng, kind, f),
        Kind::Dutch => western(rng, f, "nld_male", "nld_female", "nld_surname", 0.3),
        Kind::German => western(rng, f, "deu_male", "deu_female", "deu_surname", 0.3),
        Kind::French => western(rng, f, "fra_male", "fra_female", "fra_surname", 0.25),
        Kind::English => {
            let (mut g, s, v, j, m) = western(rng, f, "eng_male", "eng_female", "eng_surname", 0.0);
            if rng.chance(0.45) {
                g.push(' ');
                g.push_str(
                    pool(if f {
                        "eng_middle_female"
                    } else {
                        "eng_middle_male"
                    })
                    .pick(rng),
                );
            }
            (g, s, v, j, m)
        }
        Kind::TimorLeste => {
            let (g, mut s, v, j, m) = western(rng, f, "tls_male", "tls_female", "tls_surname", 0.3);
            if rng.chance(0.35) {
                s = format!("{} {s}", pool("tls_surname").pick(rng));
            }
            (g, s, v, j, m)
        }
    }
}

/// A new given name in `f`'s own naming tradition (for a sibling): same nationality and, within
/// Malaysia, the same community (Malay, Chinese or Indian).
pub(super) fn sibling_given(rng: &mut Rng, f: &Foreigner, female: bool) -> String {
    let kind = f.nationality().kind;
    for _ in 0..32 {
        let (given, _, syllables, join, _) = gen_name(rng, kind, female);
        let same_community = kind != Kind::Malaysia
            || (f.syllables.is_empty() == syllables.is_empty()
                && f.given.contains(" BIN") == given.contains(" BIN"));
        if !same_community {
            continue;
        }
        if !syllables.is_empty() {
            return render_syllables(
                &syllables,
                if f.syllables.is_empty() { join } else { f.join },
            );
        }
        let cut = [" BIN ", " BINTI ", " A/L ", " A/P "]
            .iter()
            .filter_map(|p| given.find(p))
            .min();
        return cut.map_or(given.clone(), |i| given[..i].to_string());
    }
    pool(if female { "eng_female" } else { "eng_male" })
        .pick(rng)
        .to_string()
}

fn western(
    rng: &mut Rng,
    f: bool,
    m: &'static str,
    w: &'static str,
    s: &'static str,
    middle: f64,
) -> NameParts {
    let p = pool(if f { w } else { m });
    let mut given = p.pick(rng).to_string();
    if rng.chance(middle) {
        let x = p.pick(rng);
        if !given.contains(x) {
            given.push(' ');
            given.push_str(x);
        }
    }
    (
        given,
        pool(s).pick(rng).to_string(),
        vec![],
        Join::Split,
        false,
    )
}

fn malaysian(rng: &mut Rng, f: bool) -> NameParts {
    let x = rng.unit();
    if x < 0.6 {
        // Malay: no surname; patronymic with BIN/BINTI (the whole name sits in the MRZ primary identifier).
        let given = if f {
            format!(
                "{} {} BINTI {}",
                pool("mys_malay_female").pick(rng),
                pool("mys_malay_female_given").pick(rng),
                pool("mys_father").pick(rng)
            )
        } else {
            format!(
                "{} {} BIN {}",
                pool("mys_malay_male").pick(rng),
                pool("mys_malay_male_given").pick(rng),
                pool("mys_father").pick(rng)
            )
        };
        (given, String::new(), vec![], Join::Split, true)
    } else if x < 0.92 {
        let (s, _) = syllabic(
            rng,
            "mys_chinese_syll_male",
            "mys_chinese_syll_female",
            f,
            0.97,
            [0.0, 1.0, 0.0],
        );
        let join = if rng.chance(0.1) {
            Join::Hyphen
        } else {
            Join::Split
        };
        (
            render_syllables(&s, join),
            pool("mys_chinese_surname").pick(rng).to_string(),
            s,
            join,
            false,
        )
    } else {
        let given = format!(
            "{} {} {}",
            pool(if f {
                "mys_indian_female"
            } else {
                "mys_indian_male"
            })
            .pick(rng),
            if f { "A/P" } else { "A/L" },
            pool("mys_indian_father").pick(rng)
        );
        (given, String::new(), vec![], Join::Split, false)
    }
}

fn arab(rng: &mut Rng, kind: Kind, f: bool) -> NameParts {
    let first = pool(if f { "arab_female" } else { "arab_male" }).pick(rng);
    let father = pool("arab_male").pick(rng);
    let (family_pool, bin) = match kind {
        Kind::Saudi => ("sau_family", 0.35),
        Kind::Yemen => ("yem_family", 0.45),
        _ => ("egy_family", 0.0),
    };
    let mut family = pool(family_pool).pick(rng).to_string();
    if family.starts_with("AL ") && rng.chance(0.3) {
        family = family.replacen("AL ", if rng.chance(0.5) { "AL" } else { "AL-" }, 1);
    }
    let given = if rng.chance(bin) {
        format!("{first} {} {father}", if f { "BINTI" } else { "BIN" })
    } else if kind == Kind::Egypt || rng.chance(0.4) {
        format!("{first} {father}")
    } else {
        first.to_string()
    };
    (given, family, vec![], Join::Split, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliteration_and_alternatives() {
        let cases = [
            ("umlaut", "MÜLLER", "MUELLER"),
            ("tilde", "JOÃO", "JOAO"),
            ("apostrophe", "O'BRIEN", "OBRIEN"),
            ("hyphen", "JEAN-PIERRE", "JEAN PIERRE"),
        ];
        for (label, input, want) in cases {
            assert_eq!(transliterate(input), want, "{label}");
        }
        let cases = [
            (
                "Arabic, any tradition",
                "MOHAMMED",
                Kind::Saudi,
                Some("MUHAMMAD"),
            ),
            ("Wade-Giles to Pinyin", "HSU", Kind::Taiwan, Some("XU")),
            ("Korean LIM", "LIM", Kind::Korea, Some("IM")),
            ("not for a Malaysian LIM", "LIM", Kind::Malaysia, None),
        ];
        for (label, token, kind, want) in cases {
            let alts = romanisations(token, kind);
            let ok = match want {
                Some(w) => alts.contains(&w),
                None => alts.is_empty(),
            };
            assert!(ok, "{label}: {alts:?}");
        }
    }
}
