//! Sex: read the codes rolls and permit lists use (L/P, M/F, LAKI-LAKI/PEREMPUAN, ...).
//!
//! Takes one raw sex field (DPT `L`/`P`, Indonesian words, the English `MALE`/`FEMALE` a WNA
//! KTP-el prints (DOMAIN §4.1), MRZ `M`/`F`, numeric `1`/`2`) and gives back a `Sex`, `None`
//! for an explicit unknown, or an error naming the unreadable code. Matching is case-insensitive
//! on the trimmed value, ignoring trailing dots (`L.`). The sex a NIK implies is read by
//! `nik`; weighing a disagreement between the two is left to `score`.

/// Recorded sex.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    /// The DPT letter: `L` (laki-laki) or `P` (perempuan).
    pub fn letter(self) -> &'static str {
        match self {
            Sex::Male => "L",
            Sex::Female => "P",
        }
    }
}

/// A sex value that is present but not one of the known codes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unrecognised sex code {0:?} (expected L/P, M/F, LAKI-LAKI/PEREMPUAN, MALE/FEMALE)")]
pub struct SexError(pub String);

/// Codes read as male (compared case-insensitively).
const MALE: &[&str] = &[
    "L",
    "LK",
    "LAKI",
    "LAKI-LAKI",
    "LAKI LAKI",
    "PRIA",
    "M",
    "MALE",
    "MAN",
    "1",
];
/// Codes read as female.
const FEMALE: &[&str] = &[
    "P",
    "PR",
    "PEREMPUAN",
    "WANITA",
    "W",
    "F",
    "FEMALE",
    "WOMAN",
    "2",
];
/// Explicit "unknown" markers (the empty string is handled before these).
const UNKNOWN: &[&str] = &["-", "?", "X", "U", "UNKNOWN"];

/// `Ok(None)` when empty or an explicit unknown (`-`, `X`, `?`); `Err` for unknown codes.
pub fn parse(raw: &str) -> Result<Option<Sex>, SexError> {
    // A roll writes one letter (L/P) millions of times: answer single characters from a
    // table (the same answers as the lists below, tested).
    if let &[c] = raw.as_bytes() {
        match c.to_ascii_uppercase() {
            b'L' | b'M' | b'1' => return Ok(Some(Sex::Male)),
            b'P' | b'W' | b'F' | b'2' => return Ok(Some(Sex::Female)),
            _ => {}
        }
    }
    parse_listed(raw)
}

fn parse_listed(raw: &str) -> Result<Option<Sex>, SexError> {
    let code = raw.trim().trim_end_matches('.').trim_end();
    if code.is_empty() || is_one_of(code, UNKNOWN) {
        Ok(None)
    } else if is_one_of(code, MALE) {
        Ok(Some(Sex::Male))
    } else if is_one_of(code, FEMALE) {
        Ok(Some(Sex::Female))
    } else {
        Err(SexError(raw.trim().to_string()))
    }
}

fn is_one_of(code: &str, list: &[&str]) -> bool {
    list.iter().any(|c| c.eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn single_characters_answer_as_the_lists_do() {
        for c in 0u8..=127 {
            let raw = (c as char).to_string();
            assert_eq!(parse(&raw), parse_listed(&raw), "{c:#x}");
        }
    }

    #[test]
    fn parse_codes() {
        use Sex::{Female as F, Male as M};
        let cases: &[(&str, &str, Option<Sex>)] = &[
            ("dpt L", "L", Some(M)),
            ("dpt P", "P", Some(F)),
            ("lower l", "l", Some(M)),
            ("lower p", "p", Some(F)),
            ("LK", "LK", Some(M)),
            ("PR", "PR", Some(F)),
            ("LAKI", "Laki", Some(M)),
            ("LAKI-LAKI", "LAKI-LAKI", Some(M)),
            ("laki laki", "laki laki", Some(M)),
            ("PRIA", "Pria", Some(M)),
            ("PEREMPUAN", "PEREMPUAN", Some(F)),
            ("WANITA", "wanita", Some(F)),
            ("W", "W", Some(F)),
            ("mrz M", "M", Some(M)),
            ("mrz F", "F", Some(F)),
            ("wna ktp MALE", "MALE", Some(M)),
            ("wna ktp FEMALE", "FEMALE", Some(F)),
            ("MAN", "man", Some(M)),
            ("WOMAN", "Woman", Some(F)),
            ("numeric 1", "1", Some(M)),
            ("numeric 2", "2", Some(F)),
            ("trailing dot", "L.", Some(M)),
            ("trailing dots and spaces", "  P..  ", Some(F)),
            ("surrounding spaces", " Laki-laki ", Some(M)),
            ("empty", "", None),
            ("blank", "   ", None),
            ("dash", "-", None),
            ("question mark", "?", None),
            ("X", "x", None),
            ("U", "U", None),
            ("UNKNOWN", "Unknown", None),
        ];
        for &(label, raw, want) in cases {
            assert_eq!(parse(raw), Ok(want), "{label}");
        }
    }

    #[test]
    fn parse_rejects_unknown_codes() {
        let cases: &[(&str, &str)] = &[
            ("other digit", "3"),
            ("zero", "0"),
            ("word", "LAKI2"),
            ("two codes", "L/P"),
            ("lakilaki without separator", "LAKILAKI"),
            ("internal dot", "L.K"),
        ];
        for &(label, raw) in cases {
            assert_eq!(parse(raw), Err(SexError(raw.to_string())), "{label}");
        }
    }

    #[test]
    fn letter_is_dpt_code() {
        assert_eq!(Sex::Male.letter(), "L");
        assert_eq!(Sex::Female.letter(), "P");
        assert_eq!(parse(Sex::Male.letter()), Ok(Some(Sex::Male)));
        assert_eq!(parse(Sex::Female.letter()), Ok(Some(Sex::Female)));
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = parse(&s);
        }

        #[test]
        fn parse_ignores_case_and_padding(
            i in 0..MALE.len() + FEMALE.len(),
            flips in proptest::collection::vec(any::<bool>(), 16),
            pad in " {0,3}",
        ) {
            // ASCII case flips only: a `(?i)` regex would also generate the Kelvin sign for K.
            let code = MALE.iter().chain(FEMALE).nth(i).expect("index in range");
            let mixed: String = code
                .chars()
                .zip(flips.iter())
                .map(|(c, &up)| if up { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
                .collect();
            let padded = format!("{pad}{mixed}{pad}");
            prop_assert_eq!(parse(&padded), parse(code));
            prop_assert!(parse(code).expect("listed code").is_some());
        }
    }
}
