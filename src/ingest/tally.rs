//! Tallies: what was read from each file (rows, rejects, unreadable values), merged in input
//! order so the summary is the same for any thread count.

use super::{Layout, Side};
use crate::normalize::{PersonField, Problem};

/// Unreadable values by field, with the first occurrence of each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProblemTally {
    /// (field, count, first occurrence as "file:line: message").
    pub by_field: Vec<(PersonField, u64, String)>,
}

impl ProblemTally {
    pub fn add(&mut self, p: &Problem, file: &str, line: u64) {
        match self.by_field.iter_mut().find(|(f, _, _)| *f == p.field) {
            Some((_, n, _)) => *n += 1,
            None => {
                self.by_field
                    .push((p.field, 1, format!("{file}:{line}: {}", p.message)));
                self.by_field.sort_by_key(|(f, _, _)| *f);
            }
        }
    }

    /// Merge a later tally (its first occurrences come after ours).
    pub fn merge(&mut self, later: &ProblemTally) {
        for (f, n, first) in &later.by_field {
            match self.by_field.iter_mut().find(|(g, _, _)| g == f) {
                Some((_, m, _)) => *m += n,
                None => {
                    self.by_field.push((*f, *n, first.clone()));
                    self.by_field.sort_by_key(|(f, _, _)| *f);
                }
            }
        }
    }

    pub fn total(&self) -> u64 {
        self.by_field.iter().map(|(_, n, _)| n).sum()
    }
}

/// What was read from one input file.
#[derive(Clone, Debug)]
pub struct FileTally {
    pub label: String,
    pub side: Side,
    pub layout: Layout,
    /// Data records read (blank records excluded): screened + rejected.
    pub rows: u64,
    pub screened: u64,
    pub rejected: u64,
    /// All-empty records (`,,,,`), skipped: they hold no data.
    pub blank: u64,
    pub problems: ProblemTally,
}

impl FileTally {
    pub fn new(label: &str, side: Side, layout: Layout) -> FileTally {
        FileTally {
            label: label.to_string(),
            side,
            layout,
            rows: 0,
            screened: 0,
            rejected: 0,
            blank: 0,
            problems: ProblemTally::default(),
        }
    }
}
