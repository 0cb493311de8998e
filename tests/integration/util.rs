//! Test harness: run the real binary in a fresh temporary directory, with the repository's
//! fixtures at hand. On failure, print the command, status, stdout and stderr.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (for fixtures).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// A temporary working directory and a command builder for `dpt-screen`.
pub struct Workdir {
    pub dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, bytes).expect("write");
        p
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    /// `dpt-screen ARGS` run in the work directory.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_dpt-screen"));
        c.current_dir(self.dir.path()).args(args);
        c
    }

    /// `dpt-screen ARGS` run in the repository root (so fixture paths print the same on
    /// every machine), writing into the work directory.
    pub fn run_in_root(&self, args: &[&str], code: i32) -> Output {
        let out = Command::new(env!("CARGO_BIN_EXE_dpt-screen"))
            .current_dir(root())
            .args(args)
            .output()
            .expect("run dpt-screen");
        check(args, &out, code);
        out
    }

    /// Run and require exit code `code`.
    pub fn run_expect(&self, args: &[&str], code: i32) -> Output {
        let out = self.cmd(args).output().expect("run dpt-screen");
        check(args, &out, code);
        out
    }

    pub fn run_ok(&self, args: &[&str]) -> Output {
        self.run_expect(args, 0)
    }
}

fn check(args: &[&str], out: &Output, code: i32) {
    if out.status.code() != Some(code) {
        panic!(
            "command: dpt-screen {}\nstatus: {:?} (expected {code})\n--- stdout\n{}\n--- stderr\n{}",
            args.join(" "),
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

pub fn s(p: &Path) -> String {
    p.display().to_string()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Parse a CSV text into header-keyed rows.
pub fn csv_rows(text: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().expect("headers").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("record");
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// True when `text` holds a run of 7 or more digits (a NIK that was not masked).
pub fn has_long_digit_run(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        if b.is_ascii_digit() {
            run += 1;
            if run >= 7 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}
