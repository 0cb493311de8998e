//! The rejects file: one line per row that could not be screened, with file, line and reason.
//! Streamed as rows arrive (in input order), renamed into place at the end.

use std::path::PathBuf;

use anyhow::{Context, Result};

use super::{AtomicFile, cell};
use crate::error::Reject;

pub const COLUMNS: [&str; 5] = ["file", "line", "row", "reason", "record"];

/// Writes rejects to `path`: created on the first reject, or at the end when `always`.
pub struct RejectsWriter {
    path: PathBuf,
    always: bool,
    out: Option<csv::Writer<AtomicFile>>,
    count: u64,
}

impl RejectsWriter {
    pub fn new(path: PathBuf, always: bool) -> RejectsWriter {
        RejectsWriter {
            path,
            always,
            out: None,
            count: 0,
        }
    }

    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    pub fn write(&mut self, r: &Reject) -> Result<()> {
        let out = self.writer()?;
        let line = r.line.to_string();
        let row = r.row.to_string();
        out.write_record([
            cell(&r.file).as_ref(),
            &line,
            &row,
            &r.reason,
            cell(&r.raw).as_ref(),
        ])
        .with_context(|| format!("writing {}", self.path.display()))?;
        self.count += 1;
        Ok(())
    }

    fn writer(&mut self) -> Result<&mut csv::Writer<AtomicFile>> {
        if self.out.is_none() {
            let mut w = csv::Writer::from_writer(AtomicFile::create(&self.path, false)?);
            w.write_record(COLUMNS)
                .with_context(|| format!("writing {}", self.path.display()))?;
            self.out = Some(w);
        }
        Ok(self.out.as_mut().expect("just created"))
    }

    /// Commit the file; returns its path when one was written.
    pub fn finish(mut self) -> Result<Option<PathBuf>> {
        if self.always {
            self.writer()?;
        }
        match self.out.take() {
            None => Ok(None),
            Some(w) => {
                let file = w
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("writing {}", self.path.display()))?;
                file.commit()?;
                Ok(Some(self.path.clone()))
            }
        }
    }

    pub fn count(&self) -> u64 {
        self.count
    }
}
