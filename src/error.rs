//! Exit codes, and `RowError`: why one input row was rejected (data, not a failure of the run).

use std::fmt;

/// Process exit codes (README "Exit codes"; `--help`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitCode {
    /// The run finished; rejected rows are counted in the summary and written out.
    Ok = 0,
    /// Only with `--fail-on-flags`: the run finished and something was flagged.
    Flagged = 1,
    /// Usage or input error (bad flag, missing file or column; with `--strict`, any reject).
    Input = 2,
    /// Internal error (a bug).
    Internal = 3,
}

/// An error that should end the run with exit code 2 (input/usage), as opposed to a bug.
#[derive(Debug)]
pub struct InputError(pub String);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

/// A broken invariant (a bug): exit code 3. Every other error of a run is a usage or input
/// problem (exit code 2).
#[derive(Debug)]
pub struct Internal(pub String);

impl fmt::Display for Internal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "internal error (a bug, please report it): {}", self.0)
    }
}

impl std::error::Error for Internal {}

/// Why a row could not be screened. It goes to the rejects file; the run goes on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RowError {
    #[error("has {found} fields, expected {expected} (as in the header)")]
    FieldCount { found: usize, expected: usize },
    #[error(
        "column {column:?} holds bytes that are not valid UTF-8; if the file is Windows-1252, use --encoding windows-1252"
    )]
    Encoding { column: String },
    #[error(
        "column {column:?} runs over {lines} lines: probably an unclosed quote (\") starting on this line"
    )]
    BrokenQuoting { column: String, lines: u64 },
    #[error("no name, birth date, NIK or passport could be read: nothing to compare")]
    NothingToCompare,
}

/// A rejected row, as written to the rejects file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reject {
    pub file: String,
    /// Line where the record starts (1-based, physical lines).
    pub line: u64,
    /// 1-based record index in the file, header excluded (0 for the header itself).
    pub row: u64,
    pub reason: String,
    /// The record's text, NIK-like digit runs masked, shortened to at most 400 characters.
    pub raw: String,
}
