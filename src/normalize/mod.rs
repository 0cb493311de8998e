//! Normalise: turn the raw text of one record's fields (either side) into comparable values.
//!
//! Takes `&str` field values that ingest has already decoded and trimmed; gives back typed
//! values (`Name`, `BirthDate`, `Sex`, `Nik`) or a typed error saying why a value could not be
//! read. Everything here is a pure function of its input: no files, no global state beyond the
//! embedded region table, so it is safe to call from any worker thread. Deciding what a value
//! is worth as evidence is left to `score`; deciding which pairs to compare is left to `block`.

pub mod date;
pub mod name;
pub mod nationality;
pub mod nik;
pub mod region;
pub mod sex;

pub use date::{BirthDate, DateError, DateLevel, DateParser};
pub use name::{Name, NameComparison, NameLevel};
pub use nik::{Nik, NikComparison, NikError, NikLevel};
pub use sex::{Sex, SexError};

/// Which person field a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PersonField {
    BirthDate,
    Sex,
    Nik,
}

impl PersonField {
    pub fn label(self) -> &'static str {
        match self {
            PersonField::BirthDate => "birth date",
            PersonField::Sex => "sex",
            PersonField::Nik => "NIK",
        }
    }
}

/// A value that was present but unreadable: the row is still screened without it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: PersonField,
    /// Never holds more than 6 digits of a NIK.
    pub message: String,
}

/// The raw text of the fields that take part in matching (already trimmed).
#[derive(Clone, Copy, Debug, Default)]
pub struct RawPerson<'a> {
    pub name: &'a str,
    pub birth_date: &'a str,
    pub sex: &'a str,
    pub nik: &'a str,
    pub passport: &'a str,
    pub birthplace: &'a str,
}

/// One record's matching fields, normalised. Reused across rows on the hot path.
#[derive(Clone, Debug, Default)]
pub struct Person {
    pub name: Name,
    /// Birth date as recorded.
    pub birth: Option<BirthDate>,
    /// Sex as recorded.
    pub sex: Option<Sex>,
    pub nik: Option<Nik>,
    /// Upper-case letters and digits only; empty when absent.
    pub passport: String,
    /// Folded place of birth (upper-case letters only, KOTA/KAB. prefixes dropped); empty when
    /// absent.
    pub birthplace: String,
}

impl Person {
    /// Refill from `raw`, reusing allocations. Unreadable values are left empty and reported
    /// through `problems` (which is only written to when there is a problem).
    pub fn fill(&mut self, raw: &RawPerson<'_>, dates: &DateParser, problems: &mut Vec<Problem>) {
        self.name.parse_from(raw.name);
        self.birth = match dates.parse(raw.birth_date) {
            Ok(d) => d,
            Err(e) => {
                problems.push(Problem {
                    field: PersonField::BirthDate,
                    message: e.to_string(),
                });
                None
            }
        };
        self.sex = match sex::parse(raw.sex) {
            Ok(s) => s,
            Err(e) => {
                problems.push(Problem {
                    field: PersonField::Sex,
                    message: e.to_string(),
                });
                None
            }
        };
        fold_alnum(raw.passport, &mut self.passport);
        self.nik = match Nik::parse(raw.nik) {
            Ok(n) => n,
            // Overseas voters are listed by passport in the NIK column.
            Err(_) if self.passport.is_empty() && looks_like_passport(raw.nik) => {
                fold_alnum(raw.nik, &mut self.passport);
                None
            }
            Err(e) => {
                problems.push(Problem {
                    field: PersonField::Nik,
                    message: e.to_string(),
                });
                None
            }
        };
        fold_place(raw.birthplace, &mut self.birthplace);
    }

    /// The birth date to compare: as recorded, else the one inside the NIK.
    pub fn effective_birth(&self, latest_year: u16) -> Option<BirthDate> {
        self.birth
            .or_else(|| self.nik.as_ref().and_then(|n| n.birth_date(latest_year)))
    }

    /// The sex to compare: as recorded, else the one inside the NIK.
    pub fn effective_sex(&self) -> Option<Sex> {
        self.sex.or_else(|| self.nik.as_ref().and_then(Nik::sex))
    }

    /// Whether anything can be compared at all.
    pub fn has_identity(&self) -> bool {
        !self.name.is_empty()
            || self.birth.is_some()
            || self.nik.is_some()
            || !self.passport.is_empty()
    }
}

/// A passport number in a NIK column: starts with a letter, 6-12 letters and digits, some digits.
fn looks_like_passport(s: &str) -> bool {
    let t: Vec<u8> = s.bytes().filter(|b| !b" -./".contains(b)).collect();
    (6..=12).contains(&t.len())
        && t[0].is_ascii_alphabetic()
        && t.iter().all(u8::is_ascii_alphanumeric)
        && t.iter().filter(|b| b.is_ascii_digit()).count() >= 4
}

/// Upper-case ASCII letters and digits of `s`, into `out`.
fn fold_alnum(s: &str, out: &mut String) {
    out.clear();
    out.extend(
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase()),
    );
}

/// Administrative prefixes of place names, dropped before comparing.
const PLACE_PREFIXES: [&str; 6] = ["KOTA", "KAB", "KABUPATEN", "CITY", "ADM", "KOTAMADYA"];

/// Place names compare on their letters, without administrative prefixes.
fn fold_place(s: &str, out: &mut String) {
    out.clear();
    for word in s.split(|c: char| !c.is_alphanumeric()) {
        if word.is_ascii() {
            // The common case, without the allocation of `to_uppercase`.
            if !PLACE_PREFIXES.iter().any(|p| word.eq_ignore_ascii_case(p)) {
                out.extend(
                    word.bytes()
                        .filter(u8::is_ascii_alphabetic)
                        .map(|b| b.to_ascii_uppercase() as char),
                );
            }
            continue;
        }
        let upper = word.to_uppercase();
        if PLACE_PREFIXES.contains(&upper.as_str()) {
            continue;
        }
        for c in upper.chars() {
            if c.is_ascii_alphabetic() {
                out.push(c);
            } else if !c.is_ascii() {
                out.extend(
                    deunicode::deunicode_char(c)
                        .unwrap_or("")
                        .chars()
                        .filter(char::is_ascii_alphabetic)
                        .map(|c| c.to_ascii_uppercase()),
                );
            }
        }
    }
}

/// Mean nanoseconds per call of `f` over `iters` calls (the normalisers' ignored
/// throughput tests).
#[cfg(test)]
fn ns_per_call<T>(iters: u32, mut f: impl FnMut() -> T) -> f64 {
    let start = std::time::Instant::now();
    for _ in 0..iters {
        std::hint::black_box(f());
    }
    start.elapsed().as_nanos() as f64 / f64::from(iters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passport_in_nik_column() {
        let cases: &[(&str, bool)] = &[
            ("A1234567", true),
            ("E 1234 5678", true),
            ("3273015708900003", false),
            ("ABCDEFG", false),
            ("A12", false),
        ];
        for (s, want) in cases {
            assert_eq!(looks_like_passport(s), *want, "{s}");
        }
    }

    #[test]
    fn places_fold() {
        let cases: &[(&str, &str)] = &[
            ("Kota Bandung", "BANDUNG"),
            ("KAB. BADUNG", "BADUNG"),
            ("Kuala Lumpur", "KUALALUMPUR"),
            ("São Paulo", "SAOPAULO"),
            ("", ""),
        ];
        for (s, want) in cases {
            let mut out = String::new();
            fold_place(s, &mut out);
            assert_eq!(out, *want, "{s}");
        }
    }
}
