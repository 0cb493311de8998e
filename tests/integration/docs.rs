//! The README documents what the binary does: keep them in step.

use crate::util::{Workdir, root, stdout};

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md")
}

#[test]
fn readme_lists_every_worksheet_column_in_order() {
    let w = Workdir::new();
    let out = w.run_in_root(
        &[
            "screen",
            "--dpt",
            "fixtures/dpt",
            "--foreign",
            "fixtures/foreign",
            "-o",
            "-",
            "-q",
            "--rejects",
            w.path("r.csv").to_str().unwrap(),
        ],
        0,
    );
    let header = stdout(&out).lines().next().unwrap_or_default().to_string();
    let columns: Vec<&str> = header.split(',').collect();
    // The README's worksheet table: first cell of each row, split on ", ".
    let text = readme();
    let section = text
        .split("### The worksheet")
        .nth(1)
        .expect("worksheet section");
    let table: Vec<String> = section
        .lines()
        .skip_while(|l| !l.starts_with("| column"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .flat_map(|l| {
            l.split('|')
                .nth(1)
                .unwrap_or("")
                .split(',')
                .map(|c| c.trim().trim_matches('`').to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(
        table, columns,
        "README worksheet table vs the binary's header"
    );
}

#[test]
fn readme_opens_with_the_two_commands_and_ci_runs_the_test_one() {
    let text = readme();
    let block: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("```sh"))
        .skip(1)
        .take(2)
        .collect();
    assert!(
        block[0].starts_with(
            "cargo run --release -- screen --dpt fixtures/dpt --foreign fixtures/foreign"
        ),
        "{block:?}"
    );
    assert!(block[1].starts_with("bash .ci/run"), "{block:?}");
    let ci = std::fs::read_to_string(root().join(".ci/run")).expect(".ci/run");
    assert!(ci.contains("cargo test --locked"));
}

#[test]
fn readme_documents_every_exit_code_the_help_mentions() {
    let text = readme();
    for code in ["| 0 |", "| 1 |", "| 2 |", "| 3 |"] {
        assert!(text.contains(code), "README lacks exit code row {code}");
    }
    let w = Workdir::new();
    let help = stdout(&w.run_ok(&["--help"]));
    assert!(
        help.contains("Exit codes: 0 run finished; 1 with --fail-on-flags"),
        "{help}"
    );
}
