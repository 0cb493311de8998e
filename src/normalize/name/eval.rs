//! Evaluation against benchmark case lists kept outside the repository (ignored test).
//!
//! Reads `MISSES.txt` (`STATUS category | roll name | listed name`) and `NEGATIVES.txt`
//! (`category | roll name DATE | listed name DATE`) from the crate root when they exist,
//! prints the name levels per category, and writes every line with its level to the file
//! named by `NAME_EVAL_OUT` (if set), so two versions can be diffed. Asserts nothing:
//! `cargo test --release --lib name_eval -- --ignored --nocapture`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Name, NameLevel, compare};

/// Drop a trailing birth date (`21-11-1999` or `1999-11-21`) from a negatives field.
fn strip_date(s: &str) -> &str {
    let s = s.trim();
    match s.rsplit_once(' ') {
        Some((name, date)) if date.bytes().all(|c| c.is_ascii_digit() || c == b'-') => name.trim(),
        _ => s,
    }
}

fn level_name(l: NameLevel) -> &'static str {
    match l {
        NameLevel::Exact => "Exact",
        NameLevel::Reordered => "Reordered",
        NameLevel::Subset => "Subset",
        NameLevel::SubsetSingle => "SubsetSingle",
        NameLevel::FuzzyHigh => "FuzzyHigh",
        NameLevel::FuzzyMid => "FuzzyMid",
        NameLevel::FuzzyLow => "FuzzyLow",
        NameLevel::Different => "Different",
    }
}

type Counts = BTreeMap<String, BTreeMap<NameLevel, usize>>;

fn run(path: &str, negatives: bool, dump: &mut String) -> Option<Counts> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut counts = Counts::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('|').collect();
        if f.len() != 3 {
            continue;
        }
        let (cat, a, b) = if negatives {
            (f[0].trim().to_string(), strip_date(f[1]), strip_date(f[2]))
        } else {
            let head = f[0].split_whitespace().collect::<Vec<_>>().join(" ");
            (head, f[1].trim(), f[2].trim())
        };
        let (na, nb) = (Name::parse(a), Name::parse(b));
        let c = compare(&na, &nb);
        *counts
            .entry(cat.clone())
            .or_default()
            .entry(c.level)
            .or_default() += 1;
        let _ = writeln!(
            dump,
            "{cat} | {a} | {b} | {} {:.3} | {} | {}",
            level_name(c.level),
            c.similarity,
            na.key(),
            nb.key()
        );
    }
    Some(counts)
}

fn print(title: &str, counts: &Counts) {
    eprintln!("== {title}");
    for (cat, levels) in counts {
        let row: Vec<String> = levels
            .iter()
            .map(|(l, n)| format!("{}={n}", level_name(*l)))
            .collect();
        eprintln!("{cat:40} {}", row.join(" "));
    }
}

#[test]
#[ignore]
fn name_eval() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut dump = String::new();
    if let Some(c) = run(&format!("{root}/MISSES.txt"), false, &mut dump) {
        print("MISSES.txt", &c);
    }
    if let Some(c) = run(&format!("{root}/NEGATIVES.txt"), true, &mut dump) {
        print("NEGATIVES.txt", &c);
    }
    if let Ok(out) = std::env::var("NAME_EVAL_OUT") {
        std::fs::write(&out, dump).expect("write the NAME_EVAL_OUT file");
    }
}
