//! Accuracy floors on small seeded synthetic sets: `synth` -> `screen` -> `evaluate --json`.
//! A change to normalising, blocking, scoring or learning that costs precision or recall fails
//! here. The floors sit a little under what the sets give today (see the comments), so that
//! they catch regressions, not noise; the full-size figures are `bench/accuracy.sh`'s job.

use serde_json::Value;

use crate::util::{Workdir, s};

/// Generate a set, screen it with `screen_args`, and return `evaluate --json`.
fn run(
    w: &Workdir,
    name: &str,
    sizes: (&str, &str, &str),
    variants: &[&str],
    screen_args: &[&str],
) -> Value {
    let dir = w.path(name);
    let dir_s = s(&dir);
    let (rows, foreign, planted) = sizes;
    let mut synth = vec![
        "synth",
        "--dpt-rows",
        rows,
        "--foreign-rows",
        foreign,
        "--planted",
        planted,
        "--seed",
        "11",
        "--out",
        &dir_s,
    ];
    for v in variants {
        synth.extend(["--variant", v]);
    }
    w.run_ok(&synth);
    let (dpt, list, flags) = (
        s(&dir.join("dpt.csv")),
        s(&dir.join("foreign.csv")),
        s(&dir.join("flags.csv")),
    );
    let mut screen = vec![
        "screen",
        "-q",
        "--dpt",
        &dpt,
        "--foreign",
        &list,
        "-o",
        &flags,
    ];
    screen.extend_from_slice(screen_args);
    w.run_ok(&screen);
    let (truth, negatives) = (s(&dir.join("truth.csv")), s(&dir.join("negatives.csv")));
    let out = w.run_ok(&[
        "evaluate",
        "--truth",
        &truth,
        "--flags",
        &flags,
        "--negatives",
        &negatives,
        "--json",
    ]);
    serde_json::from_slice(&out.stdout).expect("evaluate --json")
}

fn f(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("{key} in {v}"))
}

/// The floors every set must meet.
fn check_floors(label: &str, v: &Value) {
    let summary = format!(
        "{label}: precision {:.3} recall {:.3}",
        f(v, "precision"),
        f(v, "recall")
    );
    // Today: recall 0.99, precision 0.94 (planted foreigners are 1 in 200 rows here, 100x
    // denser than on a real roll, so more namesakes reach LOW).
    assert!(f(v, "recall") >= 0.97, "{summary}");
    assert!(f(v, "precision") >= 0.90, "{summary}");
    // HIGH is the tier a supervisor acts on first: no false flag there, no hard negative.
    let high = &v["tiers"][0];
    assert_eq!(high["tier"], "HIGH");
    assert_eq!(
        high["flags"], high["true_flags"],
        "{label}: false HIGH flags"
    );
    assert_eq!(
        v["hard_negatives_high"].as_array().map(Vec::len),
        Some(0),
        "{label}: hard negatives in HIGH: {}",
        v["hard_negatives_high"]
    );
    // Every category is found; 20 planted each, so one miss is 0.05. Typos sit lowest (0.90
    // today: two slips in a two-token name, one of them between two real syllables, are
    // left alone); every other category is found in full.
    for c in v["categories"].as_array().expect("categories") {
        let floor = if c["category"] == "typos" { 0.8 } else { 0.9 };
        assert!(f(c, "recall") >= floor, "{label}: {c}");
    }
    // And it beats the exact NIK + name + birth-date key supervisors use today by far.
    assert!(f(v, "recall_gain_over_exact_key") >= 0.9, "{summary}");
}

#[test]
fn seeded_set_meets_the_accuracy_floors() {
    let w = Workdir::new();
    let v = run(&w, "standard", ("60000", "3000", "300"), &[], &[]);
    check_floors("standard", &v);
}

#[test]
fn export_variants_meet_the_same_floors() {
    let w = Workdir::new();
    let v = run(
        &w,
        "variants",
        ("60000", "3000", "300"),
        &[
            "semicolon",
            "cp1252",
            "mixed-dates",
            "masked-nik",
            "alt-headers",
        ],
        &[],
    );
    check_floors("all variants", &v);
}

#[test]
fn weights_learned_from_the_start_of_the_roll_meet_the_floors() {
    // The path a long roll takes: weights learned from the first 20,000 records score the
    // other 40,000 with no margin.
    let w = Workdir::new();
    let v = run(
        &w,
        "gate",
        ("60000", "3000", "300"),
        &[],
        &["--learn-rows", "20000"],
    );
    check_floors("--learn-rows 20000", &v);
}
