//! The run summary printed on stderr: rows read per file, rejects, unreadable values,
//! candidates compared, flags per tier, time, and the per-region and per-nationality tables.

use std::fmt::Write as _;
use std::time::Duration;

use crate::ingest::tally::FileTally;
use crate::score::Tier;
use crate::screen::Flag;

/// Everything the summary reports.
pub struct Summary<'a> {
    pub dpt: &'a [FileTally],
    pub foreign: &'a [FileTally],
    pub foreigners_indexed: usize,
    pub candidates: u64,
    pub flags: &'a [Flag],
    pub threshold: f64,
    pub output: &'a str,
    pub rejects: Option<&'a str>,
    pub model: &'a str,
    /// Matches the model expects among all pairs (for its own estimate of misses).
    pub expected_matches: f64,
    pub elapsed: Duration,
    pub regions: Option<String>,
    pub nationalities: Option<String>,
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn file_lines(out: &mut String, side: &str, files: &[FileTally]) {
    let width = files.iter().map(|f| f.label.len()).max().unwrap_or(0);
    for f in files {
        let _ = write!(
            out,
            "  {side:<7} {:<width$}  {:>11} rows  {:>9} rejected  ({}, {} delimited, header line {})",
            f.label,
            thousands(f.rows),
            thousands(f.rejected),
            f.layout.encoding.label(),
            f.layout.delimiter_label(),
            f.layout.header_line,
        );
        if f.blank > 0 {
            let _ = write!(out, "; {} blank rows skipped", thousands(f.blank));
        }
        out.push('\n');
        for (field, n, first) in &f.problems.by_field {
            let _ = writeln!(
                out,
                "          unreadable {} in {} rows, screened without it (first: {first})",
                field.label(),
                thousands(*n)
            );
        }
    }
}

/// The model's own estimate of its errors (no labels needed): a flag with probability p is a
/// false discovery with probability 1 - p; the matches it expects but did not write are misses.
fn estimate(s: &Summary<'_>) -> String {
    let mut false_flags = [0.0f64; 3];
    let mut found = 0.0;
    for f in s.flags {
        if let Some(t) = f.scored.tier {
            false_flags[t as usize] += 1.0 - f.scored.probability;
        }
        found += f.scored.probability;
    }
    let misses = (s.expected_matches - found).max(0.0);
    format!(
        "  the model's own estimate: about {:.1} false flags (HIGH {:.1}, MEDIUM {:.1}, LOW {:.1}); about {:.1} true matches not written (below the threshold or not found)\n",
        false_flags.iter().sum::<f64>(),
        false_flags[0],
        false_flags[1],
        false_flags[2],
        misses
    )
}

/// The summary text.
pub fn render(s: &Summary<'_>) -> String {
    let mut out = String::new();
    let rows: u64 = s.dpt.iter().map(|f| f.rows).sum();
    let secs = s.elapsed.as_secs_f64();
    let _ = writeln!(
        out,
        "dpt-screen: screened {} roll rows from {} file(s) against {} foreigners from {} list(s) in {:.1} s ({} rows/s)",
        thousands(rows),
        s.dpt.len(),
        thousands(s.foreigners_indexed as u64),
        s.foreign.len(),
        secs,
        thousands((rows as f64 / secs.max(1e-9)) as u64),
    );
    file_lines(&mut out, "roll", s.dpt);
    file_lines(&mut out, "foreign", s.foreign);
    let per_row = if rows > 0 {
        s.candidates as f64 / rows as f64
    } else {
        0.0
    };
    let _ = writeln!(
        out,
        "  candidate pairs compared: {} ({per_row:.2} per roll row)",
        thousands(s.candidates)
    );
    let count = |t: Tier| s.flags.iter().filter(|f| f.scored.tier == Some(t)).count();
    let conflicts = s
        .flags
        .iter()
        .filter(|f| f.kept.cmp.is_nik_conflict())
        .count();
    let _ = write!(
        out,
        "  flagged: {} HIGH, {} MEDIUM, {} LOW (score >= {}) -> {}",
        count(Tier::High),
        count(Tier::Medium),
        count(Tier::Low),
        s.threshold,
        s.output
    );
    if conflicts > 0 {
        let _ = write!(out, "; {conflicts} of them SAME NIK, DIFFERENT NAME");
    }
    out.push('\n');
    let rejected: u64 = s.dpt.iter().chain(s.foreign).map(|f| f.rejected).sum();
    match s.rejects {
        Some(p) => {
            let _ = writeln!(out, "  rejected rows: {} -> {p}", thousands(rejected));
        }
        None => {
            let _ = writeln!(out, "  rejected rows: 0");
        }
    }
    let _ = writeln!(out, "  weights: {}", s.model);
    out.push_str(&estimate(s));
    if let Some(t) = &s.regions {
        let _ = write!(out, "  flags by region:\n{t}");
    }
    if let Some(t) = &s.nationalities {
        let _ = write!(
            out,
            "  flags by nationality on the list (reporting only; never scored):\n{t}"
        );
    }
    out.push_str("  every flag is a lead for factual verification, not a verdict (diduga WNA, perlu verifikasi faktual)\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        let cases: &[(u64, &str)] = &[
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (204807222, "204,807,222"),
        ];
        for (n, want) in cases {
            assert_eq!(thousands(*n), *want);
        }
    }
}
