//! Score: compare a candidate pair field by field into levels (the comparison vector), then
//! turn the levels into a Fellegi-Sunter match weight, a probability, a tier and a reason.
//!
//! Takes a prepared `Voter` and a `Foreigner` (from `block`) and a `Model` (weights); gives
//! back a `Comparison` (what agreed, how) and a `Scored` (how much that is worth). Pure
//! functions: no I/O. Fairness: only the fields compared here enter a score, each compared
//! between the two people of the pair. Nationality and name origin are never inputs.
//!
//! The NIK carries the birth date and sex in positions 7-12. When both NIKs show the same
//! birth digits, the recorded birth date and sex say little the NIK did not already say, so
//! they are scored with the `*_given_nik` tables instead of the plain ones: one fact is not
//! counted twice.

use std::fmt::Write as _;

use crate::block::{ABSENT, Core, Foreigner, Voter};
use crate::model::{Model, TokenFrequencies};
use crate::normalize::{DateLevel, NameLevel, NikLevel, date, name, nik};

/// The compared fields, in pattern order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cmp {
    Name = 0,
    BirthDate = 1,
    Nik = 2,
    Sex = 3,
    Birthplace = 4,
    Passport = 5,
}

pub const FIELDS: usize = 6;

impl Cmp {
    pub const ALL: [Cmp; FIELDS] = [
        Cmp::Name,
        Cmp::BirthDate,
        Cmp::Nik,
        Cmp::Sex,
        Cmp::Birthplace,
        Cmp::Passport,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Cmp::Name => "name",
            Cmp::BirthDate => "birth_date",
            Cmp::Nik => "nik",
            Cmp::Sex => "sex",
            Cmp::Birthplace => "birthplace",
            Cmp::Passport => "passport",
        }
    }

    /// How the field is named in a reason.
    pub fn label(self) -> &'static str {
        match self {
            Cmp::Name => "name",
            Cmp::BirthDate => "birth date",
            Cmp::Nik => "NIK",
            Cmp::Sex => "sex",
            Cmp::Birthplace => "birthplace",
            Cmp::Passport => "passport",
        }
    }

    /// Level labels, best first (index = level).
    pub fn levels(self) -> &'static [&'static str] {
        match self {
            Cmp::Name => &[
                "same",
                "same tokens, other order",
                "subset, token dropped",
                "one token in common",
                "similar (JW high)",
                "similar (JW mid)",
                "similar (JW low)",
                "different",
            ],
            Cmp::BirthDate => &[
                "exact",
                "exact, placeholder date",
                "day/month swapped",
                "one digit off",
                "placeholder, same year",
                "same year",
                "different",
            ],
            Cmp::Nik => &[
                "exact",
                "one edit in birth digits",
                "one edit",
                "mask-compatible",
                "different",
            ],
            Cmp::Sex | Cmp::Birthplace | Cmp::Passport => &["same", "different"],
        }
    }
}

/// Missing on at least one side: no evidence either way.
pub const MISSING: u8 = u8::MAX;

/// What agreed between a voter and a foreigner, and how.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Comparison {
    /// Level index per field (`MISSING` when a side lacks the value).
    pub levels: [u8; FIELDS],
    /// Both NIKs show the same birth digits (positions 7-12): birth date and sex are scored
    /// given the NIK.
    pub nik_implies_birth: bool,
    /// For a one-edit NIK, the 1-based position of the differing digit.
    pub nik_position: Option<u8>,
    /// Soft token similarity of the names (0..=1).
    pub name_similarity: f32,
    /// Foreign name tokens matched exactly (bit i = token i), for token-frequency weights.
    pub name_exact_b: u32,
    /// Foreign name tokens matched in pairs by one roll word (YU LI / YULI): their frequency is
    /// that word's.
    pub name_joined_b: u32,
    /// The roll name is one token, the listed person's whole given name (for the
    /// token-frequency weight of a given name alone, see `given_alone`).
    pub name_given_alone: bool,
}

impl Comparison {
    pub fn level(&self, c: Cmp) -> Option<u8> {
        let l = self.levels[c as usize];
        (l != MISSING).then_some(l)
    }

    /// The comparison vector packed into 32 bits (4 bits per field + the NIK flag), for
    /// counting agreement patterns.
    pub fn pattern(&self) -> u32 {
        let mut p = 0u32;
        for (i, &l) in self.levels.iter().enumerate() {
            let v = if l == MISSING { 0 } else { l as u32 + 1 };
            p |= v << (4 * i);
        }
        p | ((self.nik_implies_birth as u32) << 31)
    }

    pub fn name_level(&self) -> Option<NameLevel> {
        self.level(Cmp::Name).map(|l| NAME_LEVELS[l as usize])
    }

    pub fn nik_level(&self) -> Option<NikLevel> {
        self.level(Cmp::Nik).map(|l| NIK_LEVELS[l as usize])
    }

    pub fn date_level(&self) -> Option<DateLevel> {
        self.level(Cmp::BirthDate).map(|l| DATE_LEVELS[l as usize])
    }

    /// "Same NIK, different name" (SIDALIH's K2): an identity conflict to review on its own.
    pub fn is_nik_conflict(&self) -> bool {
        self.nik_level() == Some(NikLevel::Exact)
            && matches!(
                self.name_level(),
                Some(NameLevel::Different | NameLevel::FuzzyLow)
            )
    }
}

impl Default for Comparison {
    /// Nothing compared yet: every level missing.
    fn default() -> Comparison {
        Comparison {
            levels: [MISSING; FIELDS],
            nik_implies_birth: false,
            nik_position: None,
            name_similarity: 0.0,
            name_exact_b: 0,
            name_joined_b: 0,
            name_given_alone: false,
        }
    }
}

/// Unpack a pattern (inverse of `Comparison::pattern`, without the name details).
pub fn unpack_pattern(p: u32) -> ([u8; FIELDS], bool) {
    let mut levels = [MISSING; FIELDS];
    for (i, l) in levels.iter_mut().enumerate() {
        let v = (p >> (4 * i)) & 0xf;
        *l = if v == 0 { MISSING } else { (v - 1) as u8 };
    }
    (levels, p >> 31 == 1)
}

const NAME_LEVELS: [NameLevel; 8] = [
    NameLevel::Exact,
    NameLevel::Reordered,
    NameLevel::Subset,
    NameLevel::SubsetSingle,
    NameLevel::FuzzyHigh,
    NameLevel::FuzzyMid,
    NameLevel::FuzzyLow,
    NameLevel::Different,
];
const DATE_LEVELS: [DateLevel; 7] = [
    DateLevel::Exact,
    DateLevel::ExactPlaceholder,
    DateLevel::DayMonthSwapped,
    DateLevel::OneDigit,
    DateLevel::PlaceholderSameYear,
    DateLevel::SameYear,
    DateLevel::Different,
];
const NIK_LEVELS: [NikLevel; 5] = [
    NikLevel::Exact,
    NikLevel::OneEditDate,
    NikLevel::OneEditOther,
    NikLevel::MaskCompatible,
    NikLevel::Different,
];

// A level is stored as its place in its table; each table lists its enum in declaration
// order (checked here, at compile time), so the place is the discriminant: no search.
const _: () = {
    let mut i = 0;
    while i < NAME_LEVELS.len() {
        assert!(NAME_LEVELS[i] as usize == i);
        i += 1;
    }
    let mut i = 0;
    while i < DATE_LEVELS.len() {
        assert!(DATE_LEVELS[i] as usize == i);
        i += 1;
    }
    let mut i = 0;
    while i < NIK_LEVELS.len() {
        assert!(NIK_LEVELS[i] as usize == i);
        i += 1;
    }
};

/// Compare one voter with one foreigner (`core`: the foreigner's [`Core`] from the index).
pub fn compare(v: &Voter, f: &Foreigner, core: &Core) -> Comparison {
    let mut c = compare_except_name(&v.core, core);
    compare_names(v, f, &mut c);
    c
}

/// Add the name level to a comparison made by [`compare_except_name`] (the costly part:
/// the caller may skip it when no name could lift the pair far enough).
pub fn compare_names(v: &Voter, f: &Foreigner, c: &mut Comparison) {
    let (vp, fp) = (&v.person, &f.person);
    if !vp.name.is_empty() && !fp.name.is_empty() {
        let n = name::compare(&vp.name, &fp.name);
        c.levels[Cmp::Name as usize] = n.level as u8;
        c.name_similarity = n.similarity;
        c.name_exact_b = n.exact_b;
        c.name_joined_b = n.joined_b;
        c.name_given_alone = given_alone(&vp.name, &fp.name, n.exact_b);
    }
}

/// The roll name is one token, and that token is the listed name's whole given-name part: the
/// one given name after a `SURNAME, GIVEN` comma or an MRZ `<<`, or either token of a
/// two-token name that does not say which part is which. (HARRY alone against JONES, HARRY
/// LEE is not: it is one of two given names.)
fn given_alone(roll: &name::Name, listed: &name::Name, exact_b: u32) -> bool {
    if roll.len() != 1 || exact_b.count_ones() != 1 {
        return false;
    }
    let j = exact_b.trailing_zeros() as usize;
    match listed.given_from() {
        Some(g) => g == j && listed.len() == j + 1,
        None => listed.len() == 2,
    }
}

/// Every field but the name (whose level stays missing), voter `v` against foreigner `f`.
pub fn compare_except_name(v: &Core, f: &Core) -> Comparison {
    let mut c = Comparison::default();
    if let (Some(a), Some(b)) = (v.birth, f.birth) {
        c.levels[Cmp::BirthDate as usize] = date::compare(a, b) as u8;
    }
    if let (Some(a), Some(b)) = (&v.nik, &f.nik) {
        if let Some(n) = nik::compare(a, b) {
            c.levels[Cmp::Nik as usize] = n.level as u8;
            c.nik_position = n.position;
            // Exact, or one edit outside positions 7-12: both NIKs carry the same birth digits,
            // and the NIK level's weight already holds that evidence.
            c.nik_implies_birth = matches!(n.level, NikLevel::Exact | NikLevel::OneEditOther);
        }
    }
    if let (Some(a), Some(b)) = (v.sex, f.sex) {
        c.levels[Cmp::Sex as usize] = (a != b) as u8;
    }
    // Ids into the foreign list's values: equal ids are equal strings.
    if v.place != ABSENT && f.place != ABSENT {
        c.levels[Cmp::Birthplace as usize] = (v.place != f.place) as u8;
    }
    if v.passport != ABSENT && f.passport != ABSENT {
        c.levels[Cmp::Passport as usize] = (v.passport != f.passport) as u8;
    }
    c
}

/// Review tier of a flagged pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tier {
    High,
    Medium,
    Low,
}

impl Tier {
    pub fn label(self) -> &'static str {
        match self {
            Tier::High => "HIGH",
            Tier::Medium => "MEDIUM",
            Tier::Low => "LOW",
        }
    }
}

/// A scored pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    /// Match weight in bits: prior + evidence.
    pub weight: f64,
    /// Match probability 0..=1.
    pub probability: f64,
    /// `None` when below the threshold (and not an identity conflict).
    pub tier: Option<Tier>,
    /// Per-field evidence, e.g. `NIK exact (+28.4); name same (+21.1); ...`.
    pub reasons: String,
}

/// Evidence of each compared field in bits, and the total (without the prior).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Evidence {
    pub per_field: [f64; FIELDS],
    pub total: f64,
}

/// The evidence of a comparison under `model`. With `tf`, the roll's token and birth-date
/// frequencies adjust name and birth-date agreement; without (mid-pass, before the roll's
/// frequencies are known), they do not.
pub fn evidence(
    c: &Comparison,
    f: &Foreigner,
    model: &Model,
    tf: Option<&TokenFrequencies>,
) -> Evidence {
    let mut e = Evidence::default();
    for cmp in Cmp::ALL {
        let Some(level) = c.level(cmp) else { continue };
        let mut w = model.weight(cmp, level, c.nik_implies_birth);
        match (cmp, tf) {
            (Cmp::Name, Some(tf)) => {
                let exact = crate::model::ExactTokens {
                    bits: c.name_exact_b,
                    joined: c.name_joined_b,
                    given_alone: c.name_given_alone,
                };
                w += model.name_tf_adjustment(level, &exact, f, tf);
            }
            (Cmp::BirthDate, Some(tf)) => {
                if let Some(d) = model.date_tf_weight(level, c.nik_implies_birth, f.birth, tf) {
                    w = d;
                }
            }
            _ => {}
        }
        e.per_field[cmp as usize] = w;
        e.total += w;
    }
    e
}

/// A model's level weights worked out once (`log2(m/u)` per level), for the per-candidate
/// keep decision; sums in the same order as [`evidence`], so the totals are the same.
#[derive(Debug)]
pub struct WeightTable {
    /// `[field][level]`, then birth date and sex given the NIK at `FIELDS` and `FIELDS + 1`.
    w: [[f64; 16]; FIELDS + 2],
    /// `Model::max_date_boost` per plain birth-date level.
    date_room: [f64; 16],
}

impl WeightTable {
    pub fn new(model: &Model) -> WeightTable {
        let mut date_room = [0.0; 16];
        for (l, r) in date_room.iter_mut().enumerate() {
            *r = model.max_date_boost(Some(l as u8), false);
        }
        let mut w = [[0.0; 16]; FIELDS + 2];
        for cmp in Cmp::ALL {
            for implies in [false, true] {
                let slot = Self::slot(cmp, implies);
                for (l, level) in model.table(cmp, implies).iter().enumerate().take(16) {
                    w[slot][l] = level.weight();
                }
            }
        }
        WeightTable { w, date_room }
    }

    fn slot(cmp: Cmp, implies: bool) -> usize {
        match (cmp, implies) {
            (Cmp::BirthDate, true) => FIELDS,
            (Cmp::Sex, true) => FIELDS + 1,
            (c, _) => c as usize,
        }
    }

    /// The evidence total of `c` without token frequencies (= `evidence(c, .., None).total`).
    pub fn total(&self, c: &Comparison) -> f64 {
        let mut total = 0.0;
        for cmp in Cmp::ALL {
            let Some(level) = c.level(cmp) else { continue };
            total += self.w[Self::slot(cmp, c.nik_implies_birth)][level as usize];
        }
        total
    }

    /// The most the roll's birth-date frequencies can add to `c`'s total
    /// (`Model::max_date_boost`), for keep decisions made before they are counted.
    pub fn date_room(&self, c: &Comparison) -> f64 {
        match (c.level(Cmp::BirthDate), c.nik_implies_birth) {
            (Some(l), false) => self.date_room[l as usize],
            _ => 0.0,
        }
    }
}

/// Weight -> probability.
pub fn probability(weight: f64) -> f64 {
    1.0 / (1.0 + (-weight).exp2())
}

/// Score a comparison: weight, probability, tier (given the writing threshold), reasons.
pub fn score(
    c: &Comparison,
    f: &Foreigner,
    model: &Model,
    tf: &TokenFrequencies,
    prior_weight: f64,
    threshold: f64,
) -> Scored {
    let e = evidence(c, f, model, Some(tf));
    let weight = prior_weight + e.total;
    let probability = probability(weight);
    Scored {
        weight,
        probability,
        tier: tier(probability, c, model, threshold),
        reasons: reasons(c, &e),
    }
}

/// The tier of a pair with match probability `p`. Identity conflicts are always written (as
/// MEDIUM at least): they need a look whatever the score. Everything else is written from the
/// threshold up.
pub fn tier(p: f64, c: &Comparison, model: &Model, threshold: f64) -> Option<Tier> {
    let conflict = c.is_nik_conflict();
    if p < threshold && !conflict {
        None
    } else if p >= model.tiers.high && strong_agreement(c) {
        Some(Tier::High)
    } else if p >= model.tiers.medium || conflict {
        Some(Tier::Medium)
    } else {
        Some(Tier::Low)
    }
}

/// HIGH needs the name to agree and an identity field (birth date, NIK or passport) to agree:
/// an exact NIK alone, or a name alone, is never HIGH.
fn strong_agreement(c: &Comparison) -> bool {
    let name_agrees = matches!(
        c.name_level(),
        Some(NameLevel::Exact | NameLevel::Reordered | NameLevel::Subset | NameLevel::FuzzyHigh)
    );
    let date_agrees = matches!(
        c.date_level(),
        Some(DateLevel::Exact | DateLevel::DayMonthSwapped | DateLevel::OneDigit)
    );
    let nik_agrees = matches!(
        c.nik_level(),
        Some(NikLevel::Exact | NikLevel::OneEditDate | NikLevel::OneEditOther)
    );
    let passport_agrees = c.level(Cmp::Passport) == Some(0);
    name_agrees && (date_agrees || nik_agrees || passport_agrees)
}

/// `NIK exact (+28.4); name same tokens, other order (+20.9); ...`, fields in a fixed order
/// (identity numbers, name, birth date, sex, birthplace).
pub fn reasons(c: &Comparison, e: &Evidence) -> String {
    let mut out = String::new();
    if c.is_nik_conflict() {
        out.push_str("SAME NIK, DIFFERENT NAME: check identity; ");
    }
    for cmp in [
        Cmp::Nik,
        Cmp::Passport,
        Cmp::Name,
        Cmp::BirthDate,
        Cmp::Sex,
        Cmp::Birthplace,
    ] {
        let Some(level) = c.level(cmp) else { continue };
        if !out.is_empty() && !out.ends_with("; ") {
            out.push_str("; ");
        }
        let _ = write!(out, "{} {}", cmp.label(), cmp.levels()[level as usize]);
        if cmp == Cmp::Nik {
            if let Some(p) = c.nik_position {
                let _ = write!(out, " at position {p}");
            }
        }
        if c.nik_implies_birth && matches!(cmp, Cmp::BirthDate | Cmp::Sex) {
            out.push_str(", as in NIK");
        }
        let _ = write!(out, " ({:+.1})", e.per_field[cmp as usize]);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn weight_table_totals_equal_evidence() {
        let m = Model::default();
        let t = WeightTable::new(&m);
        let f = crate::block::Foreigner::new(crate::normalize::Person::default(), 2029);
        for p in 0..4096u32 {
            // Every level combination of the first three fields, with and without the NIK flag.
            let mut c = Comparison {
                nik_implies_birth: p & 1 == 1,
                ..Comparison::default()
            };
            c.levels[Cmp::Name as usize] = ((p >> 1) % 9) as u8;
            c.levels[Cmp::BirthDate as usize] = ((p >> 4) % 8) as u8;
            c.levels[Cmp::Sex as usize] = ((p >> 7) % 3) as u8;
            for cmp in Cmp::ALL {
                let n = m.table(cmp, c.nik_implies_birth).len() as u8;
                if c.levels[cmp as usize] >= n {
                    c.levels[cmp as usize] = MISSING;
                }
            }
            assert_eq!(t.total(&c), evidence(&c, &f, &m, None).total, "{c:?}");
        }
    }

    use super::*;

    #[test]
    fn a_given_name_alone_is_the_whole_given_part() {
        let given = |roll: &str, listed: &str| {
            let (a, b) = (name::Name::parse(roll), name::Name::parse(listed));
            given_alone(&a, &b, name::compare(&a, &b).exact_b)
        };
        assert!(given("RICHARD", "RICHARD ANDERSON"));
        assert!(given("MICHAEL", "HILL<<MICHAEL"));
        assert!(given("ANA", "DE JESUS DOS SANTOS, ANA"));
        assert!(
            !given("HARRY", "JONES, HARRY LEE"),
            "one of two given names"
        );
        assert!(
            !given("ROBERT", "ROBERT JOHN ADAMS"),
            "order unknown, three tokens"
        );
        assert!(!given("JONES", "JONES, HARRY LEE"), "the surname");
        assert!(!given("HARRY LEE", "JONES, HARRY LEE"), "two tokens");
    }

    #[test]
    fn pattern_round_trips() {
        let c = Comparison {
            levels: [0, 6, MISSING, 1, MISSING, 0],
            nik_implies_birth: true,
            name_similarity: 1.0,
            ..Comparison::default()
        };
        assert_eq!(unpack_pattern(c.pattern()), (c.levels, true));
    }

    #[test]
    fn every_level_table_matches_its_labels() {
        assert_eq!(Cmp::Name.levels().len(), NAME_LEVELS.len());
        assert_eq!(Cmp::BirthDate.levels().len(), DATE_LEVELS.len());
        assert_eq!(Cmp::Nik.levels().len(), NIK_LEVELS.len());
        for c in Cmp::ALL {
            assert!(c.levels().len() < 15, "{c:?} must fit 4 bits with MISSING");
        }
    }

    #[test]
    fn probability_is_logistic_in_bits() {
        assert_eq!(probability(0.0), 0.5);
        assert!((probability(10.0) - 1024.0 / 1025.0).abs() < 1e-12);
        assert!(probability(-60.0) > 0.0);
    }
}
