//! Model: the match weights. For each compared field and level, `m` = P(level | same person)
//! and `u` = P(level | different people); the level's weight is log2(m/u) bits. The prior
//! says how likely one roll row is to be one listed foreigner before any field is compared.
//!
//! The default model holds documented, hand-set values (README "How a score is made"); a model
//! can be saved to and loaded from readable JSON. Learning weights from data is `train`'s job.

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::block::Foreigner;
use crate::normalize::BirthDate;
use crate::normalize::date::is_leap_year;
use crate::score::{Cmp, FIELDS};

pub const FORMAT: &str = "dpt-screen-model/1";

/// One level of one field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Level {
    pub level: String,
    /// P(level | the two records are the same person).
    pub m: f64,
    /// P(level | the two records are different people).
    pub u: f64,
}

impl Level {
    fn new(level: &str, m: f64, u: f64) -> Level {
        Level {
            level: level.to_string(),
            m,
            u,
        }
    }

    pub fn weight(&self) -> f64 {
        (self.m / self.u).log2()
    }
}

/// Tier cut-offs on the match probability.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tiers {
    pub high: f64,
    pub medium: f64,
}

/// The prior: the expected share of listed foreigners who are on the roll. With N roll rows
/// and F foreigners the prior match probability of one pair is `foreigners_on_roll / N`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prior {
    pub foreigners_on_roll: f64,
}

/// Token-frequency adjustment of name agreement: agreeing on a name that is rare in the roll
/// is worth more than agreeing on MUHAMMAD or WAYAN. Clamped to `[-max_down, +max_up]` bits
/// and scaled by `weight`:
/// - when the agreement *is* the exact tokens (same, other order, subset, one token in
///   common), the chance that a random voter carries those tokens (the product of their roll
///   frequencies) replaces the level's average `u`: `log2(u_level / product of frequencies)`;
///   for a roll name that is the listed person's given name alone, how often a roll name is
///   that token alone;
/// - when the names are similar as a whole (Jaro-Winkler high or mid), the exact tokens are only
///   part of it: each counts against the *typical* token two random names share (`typical`,
///   the frequency-weighted mean frequency): `sum of log2(typical / frequency)`, so a rare
///   shared token lifts the level and MUHAMMAD lowers it, while the fuzzy rest keeps the
///   level's `u`. (Replacing the whole level's `u` by one shared token's frequency made
///   SMIHT SUSAN / SMITH SUSAN weaker than a bare JW-high pair.)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TfSettings {
    pub enabled: bool,
    /// Share of the adjustment applied (1 = all of it).
    pub weight: f64,
    pub max_up: f64,
    pub max_down: f64,
    /// Birth-date frequency: an exact (or day/month swapped) birth date is weighed against how
    /// often the roll holds that date (see `Model::date_tf_weight`).
    #[serde(default = "yes")]
    pub dates: bool,
    /// The most such a date may be worth above its level's average weight, in bits.
    #[serde(default = "date_max_up")]
    pub date_max_up: f64,
}

fn yes() -> bool {
    true
}

fn date_max_up() -> f64 {
    1.0
}

impl Default for TfSettings {
    fn default() -> TfSettings {
        TfSettings {
            enabled: true,
            weight: 1.0,
            max_up: 7.0,
            max_down: 25.0,
            dates: yes(),
            date_max_up: date_max_up(),
        }
    }
}

/// Which of a foreigner's name tokens a roll name matched exactly, for
/// `Model::name_tf_adjustment`.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExactTokens {
    /// Bit i: token i matched exactly.
    pub bits: u32,
    /// Bits i and i + 1: tokens i and i + 1 matched one roll word.
    pub joined: u32,
    /// The roll name is the listed person's given name alone.
    pub given_alone: bool,
}

/// The match weights.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub format: String,
    /// Where the weights came from.
    pub source: String,
    pub prior: Prior,
    pub name: Vec<Level>,
    pub birth_date: Vec<Level>,
    /// Birth date when both NIKs carry the same birth digits (the NIK weight holds the date).
    pub birth_date_given_nik: Vec<Level>,
    pub nik: Vec<Level>,
    pub sex: Vec<Level>,
    /// Sex when both NIKs carry the same birth digits (the day field holds the sex).
    pub sex_given_nik: Vec<Level>,
    pub birthplace: Vec<Level>,
    pub passport: Vec<Level>,
    pub tf: TfSettings,
    pub tiers: Tiers,
    /// How the weights were learned (absent for the hand-set defaults).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learned: Option<crate::learn::LearnReport>,
}

impl Default for Model {
    /// Hand-set weights (see README "How a score is made" for the reasoning behind each).
    fn default() -> Model {
        let l = Level::new;
        Model {
            format: FORMAT.to_string(),
            source: "default weights (hand-set, documented in README)".to_string(),
            prior: Prior {
                foreigners_on_roll: 0.01,
            },
            name: vec![
                l("same", 0.415, 2e-7),
                l("same tokens, other order", 0.22, 2e-7),
                l("subset, token dropped", 0.12, 1e-6),
                l("one token in common", 0.05, 2e-4),
                l("similar (JW high)", 0.10, 5e-6),
                l("similar (JW mid)", 0.06, 1e-4),
                l("similar (JW low)", 0.03, 2e-3),
                l("different", 0.005, 0.9975),
            ],
            birth_date: vec![
                l("exact", 0.855, 4.5e-5),
                l("exact, placeholder date", 0.02, 5e-4),
                l("day/month swapped", 0.03, 4.5e-5),
                l("one digit off", 0.04, 1e-3),
                l("placeholder, same year", 0.04, 2e-3),
                l("same year", 0.005, 0.016),
                l("different", 0.01, 0.98),
            ],
            birth_date_given_nik: vec![
                l("exact", 0.95, 0.94),
                l("exact, placeholder date", 0.02, 0.02),
                l("day/month swapped", 0.005, 0.005),
                l("one digit off", 0.01, 0.01),
                l("placeholder, same year", 0.005, 0.005),
                l("same year", 0.005, 0.01),
                l("different", 0.005, 0.01),
            ],
            nik: vec![
                l("exact", 0.57, 1e-9),
                l("one edit in birth digits", 0.03, 1e-7),
                l("one edit", 0.05, 1e-5),
                l("mask-compatible", 0.10, 2e-3),
                l("different", 0.25, 0.998),
            ],
            sex: vec![l("same", 0.97, 0.5), l("different", 0.03, 0.5)],
            sex_given_nik: vec![l("same", 0.99, 0.97), l("different", 0.01, 0.03)],
            birthplace: vec![l("same", 0.35, 0.01), l("different", 0.65, 0.99)],
            passport: vec![l("same", 0.90, 1e-9), l("different", 0.10, 0.999)],
            tf: TfSettings::default(),
            tiers: Tiers {
                high: 0.99,
                medium: 0.90,
            },
            learned: None,
        }
    }
}

/// How often each foreign-vocabulary token occurs in roll names, and how often roll birth
/// dates fall on each kind of day of each year (for the frequency adjustments); counts are
/// sums, so they do not depend on the order rows were seen.
#[derive(Clone, Debug, Default)]
pub struct TokenFrequencies {
    /// Roll rows whose name holds each token (after `finish`: at least as many as hold its two
    /// parts written apart, see `finish`).
    pub counts: Vec<u64>,
    /// Roll rows whose whole name is the token alone (a mononym, a given name alone).
    pub single: Vec<u64>,
    pub rows: u64,
    /// Roll rows per birth year and kind of day (`date_slot`); empty until a row is counted.
    pub births: Vec<u64>,
    /// Roll rows with a birth date.
    pub dated: u64,
    /// The frequency of the token two random roll names typically share (set by `finish`).
    pub typical: f64,
}

/// Birth years counted one by one; earlier and later years share the edge slots.
const FIRST_YEAR: u16 = 1880;
const LAST_YEAR: u16 = 2040;
/// Kinds of day: any other day, then the placeholder dates (DOMAIN §1.6): 1 July, 31
/// December, 1 January, the 15th of a month.
const DAY_KINDS: usize = 5;
pub const DATE_SLOTS: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize * DAY_KINDS;

/// The slot of `d` in `TokenFrequencies::births`.
pub fn date_slot(d: BirthDate) -> usize {
    let year = d.year().clamp(FIRST_YEAR, LAST_YEAR);
    (year - FIRST_YEAR) as usize * DAY_KINDS + day_kind(d)
}

fn day_kind(d: BirthDate) -> usize {
    match (d.day(), d.month()) {
        (1, 7) => 1,
        (31, 12) => 2,
        (1, 1) => 3,
        (15, _) => 4,
        _ => 0,
    }
}

/// Days of `d`'s year of the same kind as `d`.
fn days_of_kind(d: BirthDate) -> f64 {
    match day_kind(d) {
        0 => {
            let year = if is_leap_year(d.year()) { 366.0 } else { 365.0 };
            year - 15.0
        }
        4 => 12.0,
        _ => 1.0,
    }
}

/// Name levels up to this one (same, other order, subset, one token, JW high, JW mid) get a
/// token-frequency adjustment.
const TF_LAST_LEVEL: u8 = 5;
/// "One token in common".
const LEVEL_ONE_TOKEN: u8 = 3;
/// Birth-date levels with a date frequency (`Model::date_tf_weight`).
const DATE_EXACT: u8 = 0;
const DATE_EXACT_PLACEHOLDER: u8 = 1;
const DATE_SWAPPED: u8 = 2;
/// From this level on (similar) the names agree only in part: their exact tokens are weighed
/// against the typical shared token.
const TF_PARTIAL_LEVEL: u8 = 4;

impl TokenFrequencies {
    /// Share of roll rows whose name holds token `t` (add-one smoothed, never 0).
    pub fn frequency(&self, t: u32) -> f64 {
        let c = self.counts.get(t as usize).copied().unwrap_or(0);
        (c as f64 + 1.0) / (self.rows as f64 + 2.0)
    }

    /// Share of roll rows whose whole name is token `t` (add-one smoothed, never 0).
    pub fn single_frequency(&self, t: u32) -> f64 {
        let c = self.single.get(t as usize).copied().unwrap_or(0);
        (c as f64 + 1.0) / (self.rows as f64 + 2.0)
    }

    /// Count one roll row: its name's vocabulary ids (`u32::MAX` for a token not in the
    /// vocabulary) and its birth date. `counts` and `single` must be sized to the vocabulary.
    pub fn count_row(&mut self, tokens: &[u32], birth: Option<BirthDate>) {
        self.rows += 1;
        for (i, &t) in tokens.iter().enumerate() {
            if t != u32::MAX && !tokens[..i].contains(&t) {
                self.counts[t as usize] += 1;
            }
        }
        if let [t] = tokens {
            if *t != u32::MAX {
                self.single[*t as usize] += 1;
            }
        }
        if let Some(d) = birth {
            if self.births.is_empty() {
                self.births = vec![0; DATE_SLOTS];
            }
            self.births[date_slot(d)] += 1;
            self.dated += 1;
        }
    }

    /// Share of dated roll rows born on `d` (from the rows born on the same kind of day of
    /// the same year, spread evenly over those days; smoothed, never 0).
    pub fn date_frequency(&self, d: BirthDate) -> f64 {
        let c = self.births.get(date_slot(d)).copied().unwrap_or(0);
        (c as f64 + 0.5) / (self.dated as f64 + 1.0) / days_of_kind(d)
    }

    /// Finish once all tallies are merged.
    ///
    /// `joined` lists vocabulary tokens that are two other vocabulary tokens written
    /// together, `(whole, first, second)` (ABDULRAHMAN = ABDUL + RAHMAN): a roll name agrees
    /// with the whole when it holds the two parts, so the whole is counted at least as often
    /// as the rarer part (an upper bound on how often the parts occur together). Without
    /// this, a foreign ABDULRAHMAN, rare as one word in the roll, made every ABDUL RAHMAN a
    /// rare-name agreement.
    ///
    /// Then `typical`: `sum f^2 / sum f` over the tokens seen, the mean frequency of the
    /// token a random pair of names agrees on.
    pub fn finish(&mut self, joined: &[(u32, u32, u32)]) {
        let raw = self.counts.clone();
        let count = |t: u32| raw.get(t as usize).copied().unwrap_or(0);
        for &(whole, first, second) in joined {
            let parts = count(first).min(count(second));
            if let Some(c) = self.counts.get_mut(whole as usize) {
                *c = (*c).max(parts);
            }
        }
        let (mut s1, mut s2) = (0.0, 0.0);
        for (t, &c) in self.counts.iter().enumerate() {
            if c > 0 {
                let f = self.frequency(t as u32);
                s1 += f;
                s2 += f * f;
            }
        }
        self.typical = if s1 > 0.0 { s2 / s1 } else { 0.0 };
    }

    /// Add another tally (sums, so the order of merging does not matter).
    pub fn merge(&mut self, other: &TokenFrequencies) {
        add_into(&mut self.counts, &other.counts);
        add_into(&mut self.single, &other.single);
        add_into(&mut self.births, &other.births);
        self.rows += other.rows;
        self.dated += other.dated;
    }
}

fn add_into(a: &mut Vec<u64>, b: &[u64]) {
    if a.len() < b.len() {
        a.resize(b.len(), 0);
    }
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

impl Model {
    /// The table for `cmp`, given whether the NIKs carry the same birth digits.
    pub fn table(&self, cmp: Cmp, nik_implies_birth: bool) -> &[Level] {
        match cmp {
            Cmp::Name => &self.name,
            Cmp::BirthDate if nik_implies_birth => &self.birth_date_given_nik,
            Cmp::BirthDate => &self.birth_date,
            Cmp::Nik => &self.nik,
            Cmp::Sex if nik_implies_birth => &self.sex_given_nik,
            Cmp::Sex => &self.sex,
            Cmp::Birthplace => &self.birthplace,
            Cmp::Passport => &self.passport,
        }
    }

    /// Weight in bits of `level` of `cmp`.
    pub fn weight(&self, cmp: Cmp, level: u8, nik_implies_birth: bool) -> f64 {
        self.table(cmp, nik_implies_birth)[level as usize].weight()
    }

    /// Bits to add to a name level for the tokens matched exactly (`exact.bits` index the
    /// foreigner's `tokens`). Applies to the agreeing levels (same .. similar mid).
    ///
    /// Two foreign tokens matched by one roll word (`exact.joined`: YU LI against YULI) count
    /// once, at the frequency of that word in the roll (`Foreigner::joined`): YU and LI are
    /// rare in an Indonesian roll, YULI is not.
    ///
    /// `exact.given_alone`: the roll name is one token, the listed person's whole given name
    /// (see `score::given_alone`). The chance of a random roll row agreeing is then how often a
    /// roll name is that token *alone*, not how often names hold it: many roll names hold
    /// RICHARD, few are RICHARD and nothing else. (A roll name that is one of several given
    /// names, HARRY against JONES, HARRY LEE, keeps the plain frequency: the levels cannot
    /// tell how much rarer such a true match is, so it gets no more than before.)
    pub fn name_tf_adjustment(
        &self,
        level: u8,
        exact: &ExactTokens,
        f: &Foreigner,
        tf: &TokenFrequencies,
    ) -> f64 {
        if !self.tf.enabled || exact.bits == 0 || level > TF_LAST_LEVEL {
            return 0.0;
        }
        let tokens = &f.tokens;
        let mut log_u_tf = 0.0;
        let mut n = 0;
        let mut seen: [u32; 16] = [u32::MAX; 16];
        let mut i = 0;
        while i < tokens.len().min(16) {
            let (t, bit) = (tokens[i], 1u32 << i);
            let pair = exact.joined & bit != 0 && exact.bits & (bit << 1) != 0;
            let joined = f.joined.get(i).copied().filter(|&j| pair && j != u32::MAX);
            if exact.bits & bit == 0 || seen[..i].contains(&t) {
                i += 1;
                continue;
            }
            seen[i] = t;
            n += 1;
            log_u_tf += if let Some(j) = joined {
                i += 1; // the pair's second token is this one
                tf.frequency(j).log2()
            } else if level == LEVEL_ONE_TOKEN && exact.given_alone {
                tf.single_frequency(t).log2()
            } else {
                tf.frequency(t).log2()
            };
            i += 1;
        }
        let adj = if level >= TF_PARTIAL_LEVEL {
            if tf.typical <= 0.0 {
                return 0.0;
            }
            n as f64 * tf.typical.log2() - log_u_tf
        } else {
            self.name[level as usize].u.log2() - log_u_tf
        };
        self.tf.weight * adj.clamp(-self.tf.max_down, self.tf.max_up)
    }

    /// The weight of an exact or day/month-swapped birth date `level` (plain table) when the
    /// listed date is `foreign`, from how often roll rows are born on the date the roll row
    /// shows (`None`: the level's own weight applies). The chance that a random roll row
    /// agrees on 1 July 1970 (a placeholder date, DOMAIN §1.6) is many times the chance it
    /// agrees on 3 March 1970, and an exact 15 March 1996 is nearly as good as any date: one
    /// level's average `u` cannot say both. `m` is the chance a true match agrees exactly (both
    /// exact levels together, whatever the day), or is swapped. At most `date_max_up` bits
    /// above the level's own weight (`Exact`'s, for an exact placeholder).
    pub fn date_tf_weight(
        &self,
        level: u8,
        nik_implies_birth: bool,
        foreign: Option<BirthDate>,
        tf: &TokenFrequencies,
    ) -> Option<f64> {
        if !self.tf.dates || nik_implies_birth || tf.dated == 0 {
            return None;
        }
        let d = foreign?;
        let t = &self.birth_date;
        let (m, roll_date, best) = match level {
            DATE_EXACT | DATE_EXACT_PLACEHOLDER => (
                t[DATE_EXACT as usize].m + t[DATE_EXACT_PLACEHOLDER as usize].m,
                d,
                t[DATE_EXACT as usize].weight(),
            ),
            DATE_SWAPPED => (
                t[DATE_SWAPPED as usize].m,
                d.day_month_swapped()?,
                t[DATE_SWAPPED as usize].weight(),
            ),
            _ => return None,
        };
        let w = (m / tf.date_frequency(roll_date)).log2();
        Some(w.min(best + self.tf.date_max_up))
    }

    /// The most [`Model::date_tf_weight`] can add to a birth-date level's own weight, for
    /// deciding what to keep before the roll's dates are counted.
    pub fn max_date_boost(&self, level: Option<u8>, nik_implies_birth: bool) -> f64 {
        if !self.tf.dates || nik_implies_birth {
            return 0.0;
        }
        let t = &self.birth_date;
        let w = |l: u8| t[l as usize].weight();
        match level {
            Some(l @ (DATE_EXACT | DATE_EXACT_PLACEHOLDER)) => {
                (w(DATE_EXACT) + self.tf.date_max_up - w(l)).max(0.0)
            }
            Some(DATE_SWAPPED) => self.tf.date_max_up,
            _ => 0.0,
        }
    }

    /// The most a token-frequency adjustment can add to a name at `level` (`None`: no name),
    /// for deciding what to keep mid-pass.
    pub fn max_tf_boost(&self, level: Option<u8>) -> f64 {
        if self.tf.enabled && level.is_some_and(|l| l <= TF_LAST_LEVEL) {
            self.tf.weight * self.tf.max_up
        } else {
            0.0
        }
    }

    /// The most a name can add to a pair: the best name level's weight plus the largest
    /// token-frequency lift.
    pub fn max_name_weight(&self) -> f64 {
        let best = self
            .name
            .iter()
            .map(Level::weight)
            .fold(f64::NEG_INFINITY, f64::max);
        best + self.max_tf_boost(Some(0))
    }

    /// Prior weight (bits) of one pair, with `dpt_rows` roll rows.
    pub fn prior_weight(&self, dpt_rows: u64) -> f64 {
        let lambda = (self.prior.foreigners_on_roll / dpt_rows.max(1) as f64).min(0.5);
        (lambda / (1.0 - lambda)).log2()
    }

    /// Check shape and ranges (a hand-edited model file must not crash a run).
    pub fn validate(&self) -> Result<()> {
        if self.format != FORMAT {
            bail!("model format {:?} is not {FORMAT:?}", self.format);
        }
        let fields: [(Cmp, &[Level], &str); 8] = [
            (Cmp::Name, &self.name, "name"),
            (Cmp::BirthDate, &self.birth_date, "birth_date"),
            (
                Cmp::BirthDate,
                &self.birth_date_given_nik,
                "birth_date_given_nik",
            ),
            (Cmp::Nik, &self.nik, "nik"),
            (Cmp::Sex, &self.sex, "sex"),
            (Cmp::Sex, &self.sex_given_nik, "sex_given_nik"),
            (Cmp::Birthplace, &self.birthplace, "birthplace"),
            (Cmp::Passport, &self.passport, "passport"),
        ];
        debug_assert_eq!(FIELDS, 6);
        for (cmp, levels, key) in fields {
            let want = cmp.levels();
            if levels.len() != want.len() {
                bail!(
                    "model field {key}: {} levels, expected {} ({})",
                    levels.len(),
                    want.len(),
                    want.join(", ")
                );
            }
            for (l, w) in levels.iter().zip(want) {
                if l.level != *w {
                    bail!(
                        "model field {key}: level {:?} where {w:?} was expected",
                        l.level
                    );
                }
                if !(l.m > 0.0 && l.m <= 1.0 && l.u > 0.0 && l.u <= 1.0) {
                    bail!("model field {key}, level {w:?}: m and u must be in (0, 1]");
                }
            }
        }
        let p = self.prior.foreigners_on_roll;
        if !(p > 0.0 && p <= 1.0) {
            bail!("model prior foreigners_on_roll must be in (0, 1]");
        }
        let tf = &self.tf;
        if !(tf.weight >= 0.0 && tf.max_up >= 0.0 && tf.max_down >= 0.0 && tf.date_max_up >= 0.0) {
            bail!("model tf: weight, max_up, max_down and date_max_up must be >= 0");
        }
        if !(0.0..=1.0).contains(&self.tiers.medium)
            || !(self.tiers.medium..=1.0).contains(&self.tiers.high)
        {
            bail!("model tiers must satisfy 0 <= medium <= high <= 1");
        }
        Ok(())
    }

    pub fn load(path: &Path) -> Result<Model> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading model {}", path.display()))?;
        let model: Model = serde_json::from_str(&text)
            .with_context(|| format!("model {}: not a dpt-screen model", path.display()))?;
        model
            .validate()
            .with_context(|| format!("model {}", path.display()))?;
        Ok(model)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("model serialises") + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `name_tf_adjustment` for a foreigner whose tokens are `tokens` (no joined matches).
    fn adjust(
        m: &Model,
        level: u8,
        bits: u32,
        tokens: &[u32],
        tf: &TokenFrequencies,
        given: bool,
    ) -> f64 {
        let mut f = Foreigner::new(crate::normalize::Person::default(), 2029);
        f.tokens = tokens.to_vec();
        let exact = ExactTokens {
            bits,
            joined: 0,
            given_alone: given,
        };
        m.name_tf_adjustment(level, &exact, &f, tf)
    }

    #[test]
    fn default_model_is_valid_and_round_trips() {
        let m = Model::default();
        m.validate().unwrap();
        let back: Model = serde_json::from_str(&m.to_json()).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn every_default_table_is_a_distribution() {
        let m = Model::default();
        let tables: [&[Level]; 8] = [
            &m.name,
            &m.birth_date,
            &m.birth_date_given_nik,
            &m.nik,
            &m.sex,
            &m.sex_given_nik,
            &m.birthplace,
            &m.passport,
        ];
        for t in tables {
            let (sm, su): (f64, f64) = (t.iter().map(|l| l.m).sum(), t.iter().map(|l| l.u).sum());
            assert!(
                (sm - 1.0).abs() < 1e-3 && (su - 1.0).abs() < 1e-3,
                "{t:?}: m {sm}, u {su}"
            );
        }
    }

    #[test]
    fn agreement_is_evidence_for_and_disagreement_against() {
        let m = Model::default();
        for cmp in Cmp::ALL {
            let t = m.table(cmp, false);
            assert!(t[0].weight() > 0.0, "{cmp:?} best level must be positive");
            assert!(
                t[t.len() - 1].weight() < 0.0,
                "{cmp:?} worst level must be negative"
            );
        }
    }

    #[test]
    fn nik_dependence_removes_double_counting() {
        let m = Model::default();
        let plain = m.weight(Cmp::BirthDate, 0, false);
        let given = m.weight(Cmp::BirthDate, 0, true);
        assert!(plain > 10.0 && given.abs() < 0.5, "{plain} {given}");
    }

    #[test]
    fn prior_shrinks_with_the_roll() {
        let m = Model::default();
        assert!(m.prior_weight(1_000_000) < m.prior_weight(1_000));
        assert!((m.prior_weight(1_000_000) - (0.01f64 / 1e6 / (1.0 - 1e-8)).log2()).abs() < 1e-9);
    }

    #[test]
    fn rare_tokens_weigh_more_than_common_ones() {
        let m = Model::default();
        let mut tf = TokenFrequencies {
            counts: vec![100_000, 3, 50, 2],
            rows: 1_000_000,
            ..TokenFrequencies::default()
        };
        tf.finish(&[]);
        // Two-token names: MUHAMMAD-like + a mid token, against two rare tokens.
        let common = adjust(&m, 0, 0b11, &[0, 2], &tf, false);
        let rare = adjust(&m, 0, 0b11, &[1, 3], &tf, false);
        assert!(common < 0.0 && rare > 0.0, "{common} {rare}");
        assert_eq!(rare, m.tf.max_up, "clamped");
        assert_eq!(
            adjust(&m, 7, 0b1, &[1], &tf, false),
            0.0,
            "no adjustment when names differ"
        );
        assert_eq!(adjust(&m, 0, 0, &[1], &tf, false), 0.0, "no exact tokens");
        // Similar names: the exact tokens weigh against the typical shared token (about
        // MUHAMMAD's frequency here, since it dominates), so a rare one gains and the common
        // one does not; the level's own `u` is not replaced.
        assert!((tf.typical - 0.0999).abs() < 1e-3, "{}", tf.typical);
        let sim_rare = adjust(&m, 4, 0b1, &[1], &tf, false);
        let sim_common = adjust(&m, 4, 0b1, &[0], &tf, false);
        assert!(
            sim_rare == m.tf.max_up && sim_common.abs() < 0.01,
            "{sim_rare} {sim_common}"
        );
        // One token in common: that token's frequency is the agreement.
        let one_common = adjust(&m, 3, 0b1, &[0], &tf, false);
        assert!(one_common < -8.0, "{one_common}");
    }

    #[test]
    fn a_given_name_alone_weighs_by_how_often_it_stands_alone() {
        let m = Model::default();
        let mut tf = TokenFrequencies {
            counts: vec![5_000],
            single: vec![3],
            rows: 1_000_000,
            ..TokenFrequencies::default()
        };
        tf.finish(&[]);
        let anywhere = adjust(&m, 3, 0b1, &[0], &tf, false);
        let alone = adjust(&m, 3, 0b1, &[0], &tf, true);
        assert!(anywhere < -4.0 && alone > 5.0, "{anywhere} {alone}");
    }

    #[test]
    fn two_tokens_matched_by_one_roll_word_weigh_as_that_word() {
        // Tokens 0 = YU, 1 = LI (rare in the roll), 2 = YULI (their joined form, common).
        let m = Model::default();
        let mut tf = TokenFrequencies {
            counts: vec![3, 5, 4_000],
            rows: 1_000_000,
            ..TokenFrequencies::default()
        };
        tf.finish(&[]);
        let mut f = Foreigner::new(crate::normalize::Person::default(), 2029);
        f.tokens = vec![0, 1];
        f.joined = vec![2];
        let apart = ExactTokens {
            bits: 0b11,
            ..ExactTokens::default()
        };
        let joined = ExactTokens {
            joined: 0b11,
            ..apart
        };
        let (a, j) = (
            m.name_tf_adjustment(2, &apart, &f, &tf),
            m.name_tf_adjustment(2, &joined, &f, &tf),
        );
        assert!(a == m.tf.max_up && j < -1.0, "{a} {j}");
    }

    #[test]
    fn a_joined_word_is_as_common_as_its_rarer_part() {
        // Token 0 = ABDULRAHMAN (rare as one word), 1 = ABDUL, 2 = RAHMAN.
        let mut tf = TokenFrequencies {
            counts: vec![2, 40_000, 9_000],
            rows: 1_000_000,
            ..TokenFrequencies::default()
        };
        tf.finish(&[(0, 1, 2)]);
        assert_eq!(tf.counts, vec![9_000, 40_000, 9_000]);
    }

    fn date(y: u16, m: u8, d: u8) -> BirthDate {
        BirthDate::new(y, m, d).expect("real date")
    }

    #[test]
    fn an_exact_birth_date_weighs_by_how_common_that_day_is() {
        let m = Model::default();
        let mut tf = TokenFrequencies::default();
        // A million rows; 1990: 20,300 rows, 1,400 of them on 1 July, 600 on the 15th of some
        // month (as common as any day).
        for (d, n) in [
            (date(1960, 3, 3), 979_700),
            (date(1990, 3, 3), 18_300),
            (date(1990, 7, 1), 1_400),
            (date(1990, 5, 15), 600),
        ] {
            for _ in 0..n {
                tf.count_row(&[], Some(d));
            }
        }
        let w = |level: u8, d| {
            m.date_tf_weight(level, false, Some(d), &tf)
                .expect("weight")
        };
        let (plain, july, mid) = (
            w(0, date(1990, 3, 4)),
            w(1, date(1990, 7, 1)),
            w(1, date(1990, 6, 15)),
        );
        // 1 July is ~27 times as common as another day: ~4.7 bits less; the 15th about as
        // common as any day, so nearly a plain exact date, far above the level's own weight.
        assert!((plain - july - 4.75).abs() < 0.3, "{plain} {july}");
        assert!(
            (plain - mid).abs() < 0.6 && mid > m.weight(Cmp::BirthDate, 1, false) + 5.0,
            "{plain} {mid}"
        );
        // Capped above, and never applied when the NIKs carry the date.
        let rare = w(0, date(1950, 3, 4)); // no roll row born in 1950
        assert_eq!(rare, m.weight(Cmp::BirthDate, 0, false) + m.tf.date_max_up);
        assert_eq!(m.date_tf_weight(0, true, Some(date(1990, 3, 4)), &tf), None);
        assert_eq!(
            m.date_tf_weight(5, false, Some(date(1990, 3, 4)), &tf),
            None
        );
        // Day and month swapped: the roll shows the swapped date (1 July for 7 January).
        let swapped = w(2, date(1990, 1, 7));
        assert!(
            swapped < m.weight(Cmp::BirthDate, 2, false) - 3.0,
            "{swapped}"
        );
        // The keep-time bound holds.
        for l in 0..7u8 {
            let bound = m.weight(Cmp::BirthDate, l, false) + m.max_date_boost(Some(l), false);
            for d in [
                date(1950, 3, 4),
                date(1990, 3, 4),
                date(1990, 7, 1),
                date(1990, 1, 7),
            ] {
                if let Some(x) = m.date_tf_weight(l, false, Some(d), &tf) {
                    assert!(x <= bound + 1e-9, "level {l} {d:?}: {x} > {bound}");
                }
            }
        }
    }

    #[test]
    fn token_frequencies_merge_as_sums() {
        let mut a = TokenFrequencies {
            counts: vec![1, 2],
            rows: 10,
            ..TokenFrequencies::default()
        };
        a.merge(&TokenFrequencies {
            counts: vec![1, 0, 5],
            rows: 20,
            ..TokenFrequencies::default()
        });
        assert_eq!(a.counts, vec![2, 2, 5]);
        assert_eq!(a.rows, 30);
    }

    #[test]
    fn invalid_models_are_rejected_with_the_field_named() {
        let mut m = Model::default();
        m.nik[0].u = 0.0;
        assert!(
            m.validate()
                .unwrap_err()
                .to_string()
                .contains("model field nik, level \"exact\"")
        );
        let mut m = Model::default();
        m.sex.pop();
        assert!(
            m.validate()
                .unwrap_err()
                .to_string()
                .contains("model field sex: 1 levels")
        );
    }
}
