//! Learn: estimate the match weights from the data at hand, Splink-style, adapted to a small
//! list against a huge, mostly non-matching roll.
//!
//! Takes what one pass over the roll counted (`PassStats`: the comparison pattern of every
//! candidate pair, the levels of pairs drawn at random, the pairs meeting a high-precision
//! rule) and a base model (the documented defaults); gives back a model:
//!
//! - **u** (P(level | different people)) from random pairs: a level seen at least
//!   `MIN_U_COUNT` times takes its observed share; rarer levels keep the base value, since a few
//!   hundred thousand random pairs cannot measure a one-in-a-billion agreement.
//! - **the prior** from a high-precision rule (passport same; NIK exact with the name agreeing;
//!   name same or reordered with the birth date exact and sex not different): the expected
//!   number of true matches is the rule's hits divided by the share of matches the rule catches
//!   (estimated from the data), plus one pseudo-match so that a clean roll does not get a zero
//!   prior.
//! - **m** (P(level | same person)) by expectation-maximisation over the counts of agreement
//!   patterns (a few thousand distinct patterns at any scale, so cheap). True matches are rare
//!   (tens in millions of pairs), and unsupervised EM is known to drift onto non-matches then.
//!   Two guards: the share of matches among candidates is pinned to the rule's estimate at every
//!   step rather than left free, and each field's m has a Dirichlet prior worth `PRIOR_PAIRS`
//!   pairs centred on the base model, so small inputs stay close to the defaults. The
//!   non-match distribution *among candidates* (which blocking skews: they share a birth date
//!   or a name token) is estimated freely inside EM and used only there; scores use u from
//!   random pairs.
//!
//! Everything is a function of sums, so the result does not depend on thread count or row
//! order. Token-frequency adjustment and the "given NIK" u tables are not learned (see README).

use rustc_hash::FxHashMap;

use crate::model::{Level, Model};
use crate::score::{Cmp, FIELDS, unpack_pattern};

/// A level needs this many random-pair observations to override the base u.
pub const MIN_U_COUNT: u64 = 10;
/// Strength of the Dirichlet prior on each field's m, in pairs.
pub const PRIOR_PAIRS: f64 = 100.0;
/// Pseudo-matches added to the rule's count (a clean roll keeps a small, non-zero prior).
pub const PSEUDO_MATCHES: f64 = 1.0;
/// Roll rows sampled for random pairs: one in this many (chosen by a hash of the row number).
pub const U_SAMPLE_EVERY: u64 = 64;
/// Random foreigners compared with each sampled row.
pub const U_PAIRS_PER_ROW: u64 = 4;
/// Pairs below this match posterior do not inform m (see `em`).
const MIN_POSTERIOR: f64 = 0.05;
const MAX_ITERATIONS: usize = 200;
const TOLERANCE: f64 = 1e-7;

/// Slots of learnable tables: the six fields, then birth date and sex given the NIK.
const SLOTS: usize = FIELDS + 2;
const SLOT_BIRTH_GIVEN_NIK: usize = FIELDS;
const SLOT_SEX_GIVEN_NIK: usize = FIELDS + 1;

/// A 64-bit mix (splitmix64 finaliser): deterministic sampling from row numbers.
pub fn mix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Whether roll row `global_row` is sampled for random pairs, and the foreigners it meets.
pub fn random_partners(global_row: u64, foreigners: usize) -> impl Iterator<Item = usize> {
    let sampled = foreigners > 0 && mix64(global_row) % U_SAMPLE_EVERY == 0;
    let n = if sampled { U_PAIRS_PER_ROW } else { 0 };
    (0..n).map(move |k| {
        (mix64(global_row.wrapping_mul(0x1000_0000_01b3) ^ (k + 1)) % foreigners as u64) as usize
    })
}

/// What a pass counted for learning. Merging is a sum.
#[derive(Clone, Debug, Default)]
pub struct PassStats {
    /// Candidate pairs per (comparison pattern, how they were found): key = pattern | via << 32.
    pub patterns: FxHashMap<u64, u64>,
    /// Random pairs per field and level (index 0 = missing, level + 1 otherwise).
    pub random: [[u64; 16]; FIELDS],
    pub random_pairs: u64,
}

impl PassStats {
    pub fn add_candidate(&mut self, pattern: u32, via: u8) {
        *self
            .patterns
            .entry(pattern as u64 | (via as u64) << 32)
            .or_insert(0) += 1;
    }

    pub fn add_random(&mut self, pattern: u32) {
        let (levels, _) = unpack_pattern(pattern);
        for (f, &l) in levels.iter().enumerate() {
            let i = if l == crate::score::MISSING {
                0
            } else {
                l as usize + 1
            };
            self.random[f][i] += 1;
        }
        self.random_pairs += 1;
    }

    pub fn merge(&mut self, other: &PassStats) {
        for (p, c) in &other.patterns {
            *self.patterns.entry(*p).or_insert(0) += c;
        }
        for (a, b) in self.random.iter_mut().zip(&other.random) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        self.random_pairs += other.random_pairs;
    }

    pub fn candidates(&self) -> u64 {
        self.patterns.values().sum()
    }
}

/// How the learning went (for the summary and the model file).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LearnReport {
    pub roll_rows: u64,
    pub foreigners: u64,
    pub candidate_pairs: u64,
    pub random_pairs: u64,
    /// Candidate pairs meeting the high-precision rule.
    pub rule_hits: u64,
    /// Estimated share of true matches the rule catches.
    pub rule_recall: f64,
    /// Estimated true matches among the candidates (the prior's basis).
    pub expected_matches: f64,
    pub iterations: usize,
    pub converged: bool,
}

/// Does a pattern meet the high-precision rule?
pub fn meets_rule(levels: &[u8; FIELDS]) -> bool {
    let l = |c: Cmp| levels[c as usize];
    let name = l(Cmp::Name);
    let name_agrees = name <= 2; // same, other order, subset
    let passport = l(Cmp::Passport) == 0;
    let nik = l(Cmp::Nik) == 0 && name_agrees;
    let sex_ok = l(Cmp::Sex) != 1;
    let name_date = name <= 1 && l(Cmp::BirthDate) == 0 && sex_ok;
    passport || nik || name_date
}

/// The level table slot a field uses in a pattern.
fn slot(field: usize, implies: bool) -> usize {
    match (field, implies) {
        (f, true) if f == Cmp::BirthDate as usize => SLOT_BIRTH_GIVEN_NIK,
        (f, true) if f == Cmp::Sex as usize => SLOT_SEX_GIVEN_NIK,
        (f, _) => f,
    }
}

fn tables(model: &Model) -> [&[Level]; SLOTS] {
    [
        &model.name,
        &model.birth_date,
        &model.nik,
        &model.sex,
        &model.birthplace,
        &model.passport,
        &model.birth_date_given_nik,
        &model.sex_given_nik,
    ]
}

fn tables_mut(model: &mut Model) -> [&mut Vec<Level>; SLOTS] {
    [
        &mut model.name,
        &mut model.birth_date,
        &mut model.nik,
        &mut model.sex,
        &mut model.birthplace,
        &mut model.passport,
        &mut model.birth_date_given_nik,
        &mut model.sex_given_nik,
    ]
}

/// One decoded pattern: (slot, level) per present field, its count, how it was found,
/// whether it meets the rule.
struct Row {
    cells: Vec<(usize, usize)>,
    count: f64,
    via: u8,
    rule: bool,
}

fn decode(stats: &PassStats) -> Vec<Row> {
    let mut keys: Vec<&u64> = stats.patterns.keys().collect();
    keys.sort_unstable();
    keys.into_iter()
        .map(|k| {
            let (levels, implies) = unpack_pattern(*k as u32);
            let cells = levels
                .iter()
                .enumerate()
                .filter(|(_, l)| **l != crate::score::MISSING)
                .map(|(f, l)| (slot(f, implies), *l as usize))
                .collect();
            Row {
                cells,
                count: stats.patterns[k] as f64,
                via: (*k >> 32) as u8,
                rule: meets_rule(&levels),
            }
        })
        .collect()
}

/// u from random pairs (plain tables only).
fn learn_u(model: &mut Model, stats: &PassStats) {
    let mut t = tables_mut(model);
    for (field, counts) in stats.random.iter().enumerate() {
        let levels = &mut t[field];
        let n: u64 = counts[1..=levels.len()].iter().sum();
        if n == 0 {
            continue;
        }
        let measured: Vec<bool> = (0..levels.len())
            .map(|l| counts[l + 1] >= MIN_U_COUNT)
            .collect();
        let kept: f64 = levels
            .iter()
            .zip(&measured)
            .filter(|(_, m)| !**m)
            .map(|(l, _)| l.u)
            .sum();
        let share = (1.0 - kept).max(0.0);
        let seen: u64 = (0..levels.len())
            .filter(|&l| measured[l])
            .map(|l| counts[l + 1])
            .sum();
        if seen == 0 {
            continue;
        }
        for (l, level) in levels.iter_mut().enumerate() {
            if measured[l] {
                level.u = (share * counts[l + 1] as f64 / seen as f64).clamp(1e-12, 1.0);
            }
        }
    }
}

type Tables = Vec<Vec<f64>>;

/// The result of one EM run.
struct Em {
    /// Expected level counts among matches, per slot (no prior added).
    matched_levels: Tables,
    /// Expected number of matches.
    matched: f64,
    /// Expected matches that meet the rule.
    matched_rule: f64,
    iterations: usize,
    converged: bool,
}

/// Two-class EM over `rows`. Slots in `frozen` keep `m` as given and do not inform the
/// posterior (the blocking field of a session: every pair agrees on it by construction).
/// With `learn_m` false, m stays fixed everywhere and only the mixture weight and the
/// non-match distribution are fitted.
fn em(
    rows: &[&Row],
    prior_m: &Tables,
    start_m: &Tables,
    frozen: &[usize],
    learn_m: bool,
) -> (Tables, Em) {
    let total: f64 = rows.iter().map(|r| r.count).sum();
    let mut m = start_m.clone();
    // The candidates' marginals start the non-match side (nearly every candidate is a
    // non-match; a flat start lets EM call blocked non-matches matches).
    let mut v: Tables = m.iter().map(|t| vec![1.0; t.len()]).collect();
    for r in rows {
        for &(s, l) in &r.cells {
            v[s][l] += r.count;
        }
    }
    normalise(&mut v);
    let rule: f64 = rows.iter().filter(|r| r.rule).map(|r| r.count).sum();
    let mut lambda = ((rule + PSEUDO_MATCHES) * 2.0 / total.max(1.0)).clamp(1e-12, 0.5);
    let mut out = Em {
        matched_levels: Vec::new(),
        matched: 0.0,
        matched_rule: 0.0,
        iterations: 0,
        converged: false,
    };
    for it in 0..MAX_ITERATIONS {
        out.iterations = it + 1;
        let mut mm: Tables = m.iter().map(|t| vec![0.0; t.len()]).collect();
        let mut vv: Tables = v.iter().map(|t| vec![1.0; t.len()]).collect();
        let (mut matched, mut matched_rule) = (0.0, 0.0);
        for r in rows {
            let (mut lm, mut lv) = (lambda.ln(), (1.0 - lambda).ln());
            for &(s, l) in r.cells.iter().filter(|(s, _)| !frozen.contains(s)) {
                lm += m[s][l].ln();
                lv += v[s][l].ln();
            }
            let w = 1.0 / (1.0 + (lv - lm).exp());
            let (wm, wv) = (w * r.count, (1.0 - w) * r.count);
            matched += wm;
            if r.rule {
                matched_rule += wm;
            }
            for &(s, l) in &r.cells {
                // Rare matches: millions of candidates with a one-in-a-million posterior
                // would add up to a phantom "match" population that disagrees on everything.
                // Only pairs the model finds at least plausible inform m.
                if w >= MIN_POSTERIOR {
                    mm[s][l] += wm;
                }
                vv[s][l] += wv;
            }
        }
        let mut change: f64 = 0.0;
        if learn_m {
            for (s, counts) in mm.iter().enumerate() {
                if frozen.contains(&s) {
                    continue;
                }
                let sum: f64 = counts.iter().sum::<f64>() + PRIOR_PAIRS;
                for (l, c) in counts.iter().enumerate() {
                    let new = ((c + PRIOR_PAIRS * prior_m[s][l]) / sum).max(1e-9);
                    change = change.max((new - m[s][l]).abs());
                    m[s][l] = new;
                }
            }
        }
        normalise(&mut vv);
        v = vv;
        let new_lambda = ((matched + PSEUDO_MATCHES) / (total + PSEUDO_MATCHES)).clamp(1e-12, 0.5);
        change = change.max(((new_lambda - lambda) / lambda).abs());
        lambda = new_lambda;
        out.matched = matched;
        out.matched_rule = matched_rule;
        out.matched_levels = mm;
        if change < TOLERANCE {
            out.converged = true;
            break;
        }
    }
    (m, out)
}

fn normalise(t: &mut Tables) {
    for row in t.iter_mut() {
        let sum: f64 = row.iter().sum();
        if sum > 0.0 {
            row.iter_mut().for_each(|x| *x = (*x / sum).max(1e-12));
        }
    }
}

/// The sessions: candidates found through one blocking route, with the field that route
/// keys on frozen (every pair of the session agrees on it by construction, so it says
/// nothing about who matches within the session).
const SESSIONS: [(u8, &[usize]); 3] = [
    (
        crate::block::via::DATE,
        &[Cmp::BirthDate as usize, SLOT_BIRTH_GIVEN_NIK],
    ),
    (crate::block::via::TOKEN, &[Cmp::Name as usize]),
    (crate::block::via::NIK, &[Cmp::Nik as usize]),
];

/// Learn a model from one pass's counts, starting from (and regularised towards) `base`.
pub fn learn(
    base: &Model,
    stats: &PassStats,
    roll_rows: u64,
    foreigners: u64,
) -> (Model, LearnReport) {
    let mut model = base.clone();
    learn_u(&mut model, stats);
    let rows = decode(stats);
    let all: Vec<&Row> = rows.iter().collect();
    let total: f64 = rows.iter().map(|r| r.count).sum();
    let rule_hits: f64 = rows.iter().filter(|r| r.rule).map(|r| r.count).sum();
    let prior_m: Tables = tables(base)
        .iter()
        .map(|t| t.iter().map(|l| l.m).collect())
        .collect();
    let mut report = LearnReport {
        roll_rows,
        foreigners,
        candidate_pairs: total as u64,
        random_pairs: stats.random_pairs,
        rule_hits: rule_hits as u64,
        converged: true,
        ..LearnReport::default()
    };
    // Stage 1: m per blocking route, each field estimated where it was not the blocking key;
    // the estimates are pooled as expected counts, plus the prior.
    let mut pooled: Tables = prior_m
        .iter()
        .map(|t| t.iter().map(|x| x * PRIOR_PAIRS).collect())
        .collect();
    for (via, frozen) in SESSIONS {
        let session: Vec<&Row> = rows.iter().filter(|r| r.via & via != 0).collect();
        if session.is_empty() {
            continue;
        }
        let (_, run) = em(&session, &prior_m, &prior_m, frozen, true);
        report.iterations = report.iterations.max(run.iterations);
        report.converged &= run.converged;
        for (s, counts) in run.matched_levels.iter().enumerate() {
            if !frozen.contains(&s) {
                for (l, c) in counts.iter().enumerate() {
                    pooled[s][l] += c;
                }
            }
        }
    }
    normalise(&mut pooled);
    // Stage 2: with m fixed, how many candidates are matches, and what share meets the rule.
    let (_, fit) = em(&all, &prior_m, &pooled, &[], false);
    report.converged &= fit.converged;
    let recall = if fit.matched > 0.0 {
        (fit.matched_rule / fit.matched).clamp(0.05, 1.0)
    } else {
        0.5
    };
    // The prior: the rule's hits scaled by the share of matches the rule catches.
    let expected = rule_hits / recall + PSEUDO_MATCHES;
    for (t, ms) in tables_mut(&mut model).into_iter().zip(&pooled) {
        for (level, &x) in t.iter_mut().zip(ms) {
            level.m = x.max(1e-9);
        }
    }
    report.rule_recall = recall;
    report.expected_matches = expected;
    model.prior.foreigners_on_roll = (expected / foreigners.max(1) as f64).clamp(1e-9, 1.0);
    model.source = format!(
        "learned from this input: {} candidate pairs, {} random pairs, {} rule hits, about {:.0} listed foreigners on the roll (EM{})",
        report.candidate_pairs,
        report.random_pairs,
        report.rule_hits,
        expected,
        if report.converged {
            ""
        } else {
            ", not converged"
        }
    );
    model.learned = Some(report.clone());
    (model, report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::{Comparison, MISSING};

    fn pattern(levels: [u8; FIELDS], implies: bool) -> u32 {
        Comparison {
            levels,
            nik_implies_birth: implies,
            ..Comparison::default()
        }
        .pattern()
    }

    #[test]
    fn sampling_is_deterministic_and_about_one_in_64() {
        let sampled = (0..64_000u64)
            .filter(|r| random_partners(*r, 100).next().is_some())
            .count();
        assert!((800..1200).contains(&sampled), "{sampled}");
        let a: Vec<usize> = random_partners(64 * 7, 1000).collect();
        assert_eq!(a, random_partners(64 * 7, 1000).collect::<Vec<_>>());
        assert!(random_partners(5, 0).next().is_none());
    }

    #[test]
    fn no_data_gives_the_base_weights_and_a_small_prior() {
        let base = Model::default();
        let (m, r) = learn(&base, &PassStats::default(), 1000, 100);
        for (a, b) in m.name.iter().zip(&base.name) {
            assert!((a.m - b.m).abs() < 1e-12 && a.u == b.u, "{a:?} {b:?}");
        }
        assert_eq!(r.rule_hits, 0);
        assert!(
            m.prior.foreigners_on_roll < 0.05,
            "{}",
            m.prior.foreigners_on_roll
        );
    }

    /// A synthetic candidate set: `matches` true pairs with near-certain patterns and
    /// `others` blocked non-matches (same birth date, names different or weakly similar).
    fn stats(matches: u64, others: u64) -> PassStats {
        let mut s = PassStats::default();
        let via = (crate::block::via::DATE | crate::block::via::TOKEN) as u64;
        let mut add = |levels, n| {
            *s.patterns
                .entry(pattern(levels, false) as u64 | via << 32)
                .or_insert(0) += n;
        };
        // Matches: names mostly the same, sex agrees.
        add([0, 0, MISSING, 0, MISSING, MISSING], matches * 3 / 4);
        add([4, 0, MISSING, 0, MISSING, MISSING], matches / 4);
        // Non-matches found by birth date: names differ, sex agrees half the time.
        for sex in [0, 1] {
            add([7, 0, MISSING, sex, MISSING, MISSING], others * 9 / 20);
            add([6, 0, MISSING, sex, MISSING, MISSING], others / 20);
        }
        for _ in 0..50_000 {
            s.add_random(pattern([7, 6, MISSING, 1, MISSING, MISSING], false));
        }
        for _ in 0..50_000 {
            s.add_random(pattern([7, 5, MISSING, 0, MISSING, MISSING], false));
        }
        s
    }

    #[test]
    fn rare_matches_do_not_pull_m_onto_non_matches() {
        let base = Model::default();
        let (m, r) = learn(&base, &stats(40, 4_000_000), 1_000_000, 200_000);
        // Names "different" stay improbable among matches despite 3.6M such candidates.
        assert!(m.name[7].m < 0.05, "m(name different) = {}", m.name[7].m);
        assert!(r.expected_matches < 200.0, "{}", r.expected_matches);
        assert!(r.converged);
    }

    #[test]
    fn plentiful_matches_teach_m() {
        let base = Model::default();
        let (m, r) = learn(&base, &stats(20_000, 100_000), 1_000_000, 20_000);
        // 3/4 of matches have the same name: m(same) moves from 0.40 towards 0.75.
        assert!(
            m.name[0].m > 0.6,
            "{} {:?} {:?}",
            m.name[0].m,
            r,
            m.name.iter().map(|l| l.m).collect::<Vec<_>>()
        );
        assert!(r.expected_matches > 10_000.0, "{}", r.expected_matches);
    }

    #[test]
    fn u_comes_from_random_pairs_where_measurable() {
        let base = Model::default();
        let (m, _) = learn(&base, &stats(40, 1000), 1000, 100);
        // Sex: half same, half different in the random pairs.
        assert!((m.sex[0].u - 0.5).abs() < 0.01, "{}", m.sex[0].u);
        // Name "same" never seen at random: the base value stays.
        assert_eq!(m.name[0].u, base.name[0].u);
    }
}
