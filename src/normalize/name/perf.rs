//! A fixed workload for counting instructions per call under callgrind (ignored test).
//!
//! `NAME_OP` picks `parse` (roll names through `parse_from`), `parse_typical` (the three
//! typical roll names at the top of [`ROLL`] only), `compare_related`
//! (roll name against a listed name of the same person in another form) or
//! `compare_different` (against unrelated listed names, the common case in screening);
//! `NAME_OPS` is the number of calls. Run it twice with different counts and divide the
//! difference of the totals by the difference of the counts, so start-up cancels out:
//!
//! ```text
//! cargo test --release --lib --no-run
//! NAME_OP=parse NAME_OPS=200000 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/deps/dpt_screen-HASH name_ops_for_callgrind --ignored --exact \
//!     normalize::name::perf::name_ops_for_callgrind
//! ```

use std::hint::black_box;

use super::{Name, compare};

/// Roll names as they come (titles, degrees, old spellings, Balinese prefixes).
pub(super) const ROLL: &[&str] = &[
    "MUHAMMAD RIZKI FAUZAN",
    "HJ. SITI AMINAH, S.PD.",
    "I WAYAN SUDIRTA",
    "BUDI SANTOSO",
    "DJOKO SOESILO WIDODO",
    "NI LUH PUTU ARIANI",
    "AGUS SETIAWAN, S.E.",
    "TAN SIOK LAN",
    "MOCH. IQBAL MAULANA",
    "DEWI LESTARI",
    "LIU DOBG CHEO, S.E.",
    "SRI WAHYUNI",
];

/// Listed names (parsed once, reused).
pub(super) const LISTED: &[&str] = &[
    "ZHANG<<WEI<MING",
    "MOHAMMED AL FARSI",
    "KIM<<MIN<JUN",
    "RAJESH KUMAR SHARMA",
    "NGUYEN, VAN AN",
    "SANTOS, MARIA CRISTINA",
    "LIU, DONG CHAO",
    "TANAKA<<HIROSHI",
];

/// (roll, listed) pairs of the same person in another form.
const RELATED: &[(&str, &str)] = &[
    ("MUHAMMAD RIZKI FAUZAN", "MOHAMMED RIZKY FAUZAN"),
    ("WEI MING ZHANG", "ZHANG<<WEI<MING"),
    ("LIU DOBG CHEO, S.E.", "LIU, DONG CHAO"),
    ("LEE JIN WOO", "RHEE<<JIN<WOO"),
    ("RAJESH SHARMA", "RAJESH KUMAR SHARMA"),
    ("ZHANG WEI MNIG", "ZHANG<<WEI<MING"),
];

#[test]
#[ignore]
fn name_ops_for_callgrind() {
    let op = std::env::var("NAME_OP").unwrap_or_else(|_| "parse".into());
    let ops: usize = std::env::var("NAME_OPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let mut n = Name::default();
    let t = std::time::Instant::now();
    match op.as_str() {
        "parse" | "parse_typical" => {
            let roll = if op == "parse" { ROLL } else { &ROLL[..3] };
            for i in 0..ops {
                n.parse_from(black_box(roll[i % roll.len()]));
                black_box(&n);
            }
        }
        "compare_different" => {
            let roll: Vec<Name> = ROLL.iter().map(|r| Name::parse(r)).collect();
            let listed: Vec<Name> = LISTED.iter().map(|r| Name::parse(r)).collect();
            for i in 0..ops {
                let (a, b) = (&roll[i % roll.len()], &listed[i % listed.len()]);
                black_box(compare(black_box(a), black_box(b)));
            }
        }
        "compare_related" => {
            let pairs: Vec<(Name, Name)> = RELATED
                .iter()
                .map(|(a, b)| (Name::parse(a), Name::parse(b)))
                .collect();
            for i in 0..ops {
                let (a, b) = &pairs[i % pairs.len()];
                black_box(compare(black_box(a), black_box(b)));
            }
        }
        other => panic!("unknown NAME_OP {other:?}"),
    }
    // Wall time (setup included, so only meaningful for large NAME_OPS).
    let ns = t.elapsed().as_nanos() as f64 / ops.max(1) as f64;
    eprintln!("{op}: {ns:.0} ns per call over {ops} calls");
}
