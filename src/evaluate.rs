//! `evaluate`: measure a worksheet against a truth file (as `synth` writes them): precision,
//! recall and F1 at the written threshold and per tier, the best F1 over thresholds, average
//! precision, recall per truth category, the gain over the exact NIK + name + birth-date key
//! supervisors match on today, and hard negatives per tier.
//!
//! Pairs are identified by (roll row, foreign row), so this assumes one roll file and one
//! foreign list, which is what `synth` writes.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Serialize;

use crate::cli::EvaluateArgs;

type Pair = (u64, u64);

/// One worksheet row, as far as evaluation needs it.
pub struct FlagRow {
    pub pair: Pair,
    pub tier: String,
    pub score: f64,
    /// The exact key supervisors use: NIK exact and the name and birth date as written equal.
    pub exact_key: bool,
    /// NIK exact (a VLOOKUP on NIK alone finds the pair).
    pub nik_exact: bool,
}

#[derive(Debug, Default, Serialize)]
pub struct TierStats {
    pub tier: String,
    pub flags: u64,
    pub true_flags: u64,
    pub precision: f64,
    /// Recall of this tier and every better one.
    pub cumulative_recall: f64,
}

#[derive(Debug, Default, Serialize)]
pub struct CategoryStats {
    pub category: String,
    pub planted: u64,
    pub found: u64,
    pub recall: f64,
}

#[derive(Debug, Default, Serialize)]
pub struct Evaluation {
    pub truth_pairs: u64,
    pub flags: u64,
    pub true_flags: u64,
    pub false_flags: u64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub tiers: Vec<TierStats>,
    pub best_f1: f64,
    pub best_f1_threshold: f64,
    pub average_precision: f64,
    pub categories: Vec<CategoryStats>,
    pub exact_key_recall: f64,
    pub recall_gain_over_exact_key: f64,
    /// Recall of a lookup on the NIK alone (VLOOKUP on NIK).
    pub nik_lookup_recall: f64,
    /// Hard negatives flagged, per tier (when a negatives file was given).
    pub hard_negatives: u64,
    pub hard_negatives_flagged: BTreeMap<String, u64>,
    /// Hard negatives in HIGH: (roll row, foreign row, category).
    pub hard_negatives_high: Vec<(u64, u64, String)>,
}

fn read_pairs(path: &Path) -> Result<Vec<(Pair, String)>> {
    let mut rdr =
        csv::Reader::from_path(path).with_context(|| format!("reading {}", path.display()))?;
    let headers = rdr.headers()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .with_context(|| format!("{}: no column {name:?}", path.display()))
    };
    let (d, f, c) = (col("dpt_row")?, col("foreign_row")?, col("category")?);
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.with_context(|| format!("{}: reading", path.display()))?;
        let num = |j: usize| -> Result<u64> {
            rec.get(j)
                .unwrap_or("")
                .parse()
                .with_context(|| format!("{}:{}: not a row number", path.display(), i + 2))
        };
        out.push(((num(d)?, num(f)?), rec.get(c).unwrap_or("").to_string()));
    }
    Ok(out)
}

fn read_flags(path: &Path) -> Result<Vec<FlagRow>> {
    let mut rdr =
        csv::Reader::from_path(path).with_context(|| format!("reading {}", path.display()))?;
    let headers = rdr.headers()?.clone();
    let col = |name: &str| {
        headers.iter().position(|h| h == name).with_context(|| {
            format!(
                "{}: no column {name:?} (is it a dpt-screen worksheet?)",
                path.display()
            )
        })
    };
    let idx: Vec<usize> = [
        "dpt_row",
        "foreign_row",
        "tier",
        "score",
        "reasons",
        "dpt_name",
        "foreign_name",
        "dpt_birth_date",
        "foreign_birth_date",
    ]
    .iter()
    .map(|n| col(n))
    .collect::<Result<_>>()?;
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.with_context(|| format!("{}: reading", path.display()))?;
        let get = |k: usize| rec.get(idx[k]).unwrap_or("");
        let line = i + 2;
        let num = |k: usize| -> Result<u64> {
            get(k)
                .parse()
                .with_context(|| format!("{}:{line}: bad row number", path.display()))
        };
        let score: f64 = get(3)
            .parse()
            .with_context(|| format!("{}:{line}: bad score", path.display()))?;
        let exact_key = get(4).contains("NIK exact")
            && get(5).trim().eq_ignore_ascii_case(get(6).trim())
            && !get(7).is_empty()
            && get(7) == get(8);
        let nik_exact = get(4).contains("NIK exact");
        out.push(FlagRow {
            pair: (num(0)?, num(1)?),
            tier: get(2).to_string(),
            score,
            exact_key,
            nik_exact,
        });
    }
    Ok(out)
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Evaluate a worksheet against the truth (and optionally hard negatives).
pub fn evaluate(
    truth: &[(Pair, String)],
    flags: &[FlagRow],
    negatives: &[(Pair, String)],
) -> Evaluation {
    let truth_set: HashMap<Pair, &str> = truth.iter().map(|(p, c)| (*p, c.as_str())).collect();
    let n_truth = truth_set.len() as u64;
    let mut seen = HashSet::new();
    let flags: Vec<&FlagRow> = flags.iter().filter(|f| seen.insert(f.pair)).collect();
    let tp = flags
        .iter()
        .filter(|f| truth_set.contains_key(&f.pair))
        .count() as u64;
    let n = flags.len() as u64;
    let mut e = Evaluation {
        truth_pairs: n_truth,
        flags: n,
        true_flags: tp,
        false_flags: n - tp,
        precision: ratio(tp, n),
        recall: ratio(tp, n_truth),
        ..Evaluation::default()
    };
    e.f1 = f1(e.precision, e.recall);
    let mut cumulative = 0;
    for tier in ["HIGH", "MEDIUM", "LOW"] {
        let in_tier: Vec<&&FlagRow> = flags.iter().filter(|f| f.tier == tier).collect();
        let t = in_tier
            .iter()
            .filter(|f| truth_set.contains_key(&f.pair))
            .count() as u64;
        cumulative += t;
        e.tiers.push(TierStats {
            tier: tier.to_string(),
            flags: in_tier.len() as u64,
            true_flags: t,
            precision: ratio(t, in_tier.len() as u64),
            cumulative_recall: ratio(cumulative, n_truth),
        });
    }
    // Ranked by score: best F1 over cut-offs and average precision.
    let mut ranked = flags.clone();
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
    let (mut hits, mut ap) = (0u64, 0.0);
    for (k, f) in ranked.iter().enumerate() {
        if truth_set.contains_key(&f.pair) {
            hits += 1;
            ap += ratio(hits, k as u64 + 1);
        }
        let last_at_score = ranked.get(k + 1).is_none_or(|g| g.score < f.score);
        if last_at_score {
            let score = f1(ratio(hits, k as u64 + 1), ratio(hits, n_truth));
            if score > e.best_f1 {
                e.best_f1 = score;
                e.best_f1_threshold = f.score;
            }
        }
    }
    e.average_precision = if n_truth == 0 {
        0.0
    } else {
        ap / n_truth as f64
    };
    let found: HashSet<Pair> = flags.iter().map(|f| f.pair).collect();
    let mut cats: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for (p, c) in &truth_set {
        let entry = cats.entry(c).or_default();
        entry.0 += 1;
        entry.1 += found.contains(p) as u64;
    }
    e.categories = cats
        .into_iter()
        .map(|(c, (planted, hit))| CategoryStats {
            category: c.to_string(),
            planted,
            found: hit,
            recall: ratio(hit, planted),
        })
        .collect();
    let exact = flags
        .iter()
        .filter(|f| f.exact_key && truth_set.contains_key(&f.pair))
        .count() as u64;
    e.exact_key_recall = ratio(exact, n_truth);
    e.recall_gain_over_exact_key = e.recall - e.exact_key_recall;
    let nik = flags
        .iter()
        .filter(|f| f.nik_exact && truth_set.contains_key(&f.pair))
        .count() as u64;
    e.nik_lookup_recall = ratio(nik, n_truth);
    let by_pair: HashMap<Pair, &str> = flags.iter().map(|f| (f.pair, f.tier.as_str())).collect();
    e.hard_negatives = negatives.len() as u64;
    for (p, c) in negatives {
        if let Some(t) = by_pair.get(p) {
            *e.hard_negatives_flagged.entry(t.to_string()).or_default() += 1;
            if *t == "HIGH" {
                e.hard_negatives_high.push((p.0, p.1, c.clone()));
            }
        }
    }
    e
}

/// The human-readable table.
pub fn render(e: &Evaluation) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "pairs: {} true, {} flagged ({} true, {} false)",
        e.truth_pairs, e.flags, e.true_flags, e.false_flags
    );
    let _ = writeln!(
        out,
        "at the written threshold: precision {:.4}  recall {:.4}  F1 {:.4}",
        e.precision, e.recall, e.f1
    );
    let _ = writeln!(
        out,
        "{:<8} {:>7} {:>7} {:>10} {:>18}",
        "tier", "flags", "true", "precision", "recall (cumul.)"
    );
    for t in &e.tiers {
        let _ = writeln!(
            out,
            "{:<8} {:>7} {:>7} {:>10.4} {:>18.4}",
            t.tier, t.flags, t.true_flags, t.precision, t.cumulative_recall
        );
    }
    let _ = writeln!(
        out,
        "best F1 over thresholds: {:.4} (score >= {:.6}); average precision {:.4}",
        e.best_f1, e.best_f1_threshold, e.average_precision
    );
    let _ = writeln!(
        out,
        "exact NIK + name + birth-date key: recall {:.4}; gain over it {:+.4}",
        e.exact_key_recall, e.recall_gain_over_exact_key
    );
    let _ = writeln!(
        out,
        "lookup on NIK alone: recall {:.4}",
        e.nik_lookup_recall
    );
    let _ = writeln!(
        out,
        "{:<28} {:>8} {:>7} {:>8}",
        "category", "planted", "found", "recall"
    );
    for c in &e.categories {
        let _ = writeln!(
            out,
            "{:<28} {:>8} {:>7} {:>8.4}",
            c.category, c.planted, c.found, c.recall
        );
    }
    if e.hard_negatives > 0 {
        let flagged: Vec<String> = e
            .hard_negatives_flagged
            .iter()
            .map(|(t, n)| format!("{n} {t}"))
            .collect();
        let _ = writeln!(
            out,
            "hard negatives: {} ({} flagged{}{})",
            e.hard_negatives,
            e.hard_negatives_flagged.values().sum::<u64>(),
            if flagged.is_empty() {
                String::new()
            } else {
                format!(": {}", flagged.join(", "))
            },
            if e.hard_negatives_high.is_empty() {
                "; none in HIGH"
            } else {
                ""
            }
        );
        for (d, f, c) in &e.hard_negatives_high {
            let _ = writeln!(
                out,
                "  HIGH hard negative: roll row {d}, foreign row {f} ({c})"
            );
        }
    }
    out
}

/// Run `evaluate` and return what to print.
pub fn run(a: &EvaluateArgs) -> Result<String> {
    let truth = read_pairs(&a.truth)?;
    if truth.is_empty() {
        bail!("{}: no truth pairs", a.truth.display());
    }
    let flags = read_flags(&a.flags)?;
    let negatives = match &a.negatives {
        Some(p) => read_pairs(p)?,
        None => Vec::new(),
    };
    let e = evaluate(&truth, &flags, &negatives);
    Ok(if a.json {
        serde_json::to_string_pretty(&e).expect("serialises") + "\n"
    } else {
        render(&e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(d: u64, f: u64, tier: &str, score: f64) -> FlagRow {
        FlagRow {
            pair: (d, f),
            tier: tier.into(),
            score,
            exact_key: false,
            nik_exact: false,
        }
    }

    #[test]
    fn counts_precision_recall_and_ranking() {
        let truth = vec![
            ((1, 1), "a".to_string()),
            ((2, 2), "a".to_string()),
            ((3, 3), "b".to_string()),
        ];
        let flags = vec![
            flag(1, 1, "HIGH", 0.99),
            flag(9, 9, "LOW", 0.6),
            flag(2, 2, "MEDIUM", 0.95),
        ];
        let negatives = vec![((9, 9), "twin".to_string())];
        let e = evaluate(&truth, &flags, &negatives);
        assert_eq!((e.true_flags, e.false_flags), (2, 1));
        assert!((e.precision - 2.0 / 3.0).abs() < 1e-12);
        assert!((e.recall - 2.0 / 3.0).abs() < 1e-12);
        // Ranked 1 (hit), 2 (hit), 9 (miss): best F1 at 0.95 = 2*1*(2/3)/(5/3) = 0.8.
        assert!((e.best_f1 - 0.8).abs() < 1e-12);
        assert_eq!(e.best_f1_threshold, 0.95);
        assert!((e.average_precision - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(e.tiers[0].true_flags, 1);
        assert!((e.tiers[1].cumulative_recall - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(e.categories[1].found, 0);
        assert_eq!(e.hard_negatives_flagged.get("LOW"), Some(&1));
        assert!(e.hard_negatives_high.is_empty());
    }

    #[test]
    fn duplicate_flags_count_once() {
        let truth = vec![((1, 1), "a".to_string())];
        let flags = vec![flag(1, 1, "HIGH", 0.99), flag(1, 1, "HIGH", 0.99)];
        assert_eq!(evaluate(&truth, &flags, &[]).flags, 1);
    }
}
