//! Report: everything the run writes. Files are written to a temporary sibling and renamed
//! into place only when complete, so an interrupted run never leaves half a file.

pub mod frames;
pub mod rejects;
pub mod summary;
pub mod worksheet;

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};

/// Temporary files not yet renamed, removed if the run is interrupted (Ctrl-C).
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Remove every pending temporary file (called from the interrupt handler).
pub fn remove_pending() {
    if let Ok(list) = PENDING.lock() {
        for p in list.iter() {
            let _ = fs::remove_file(p);
        }
    }
}

fn forget_pending(p: &Path) {
    if let Ok(mut list) = PENDING.lock() {
        list.retain(|q| q != p);
    }
}

/// A file written under a temporary name and renamed into place by `commit`. Dropped
/// without `commit`, the temporary file is removed and the destination is untouched.
pub struct AtomicFile {
    dest: PathBuf,
    tmp: PathBuf,
    out: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Create the temporary file beside `dest`. `private` files (full NIKs) are readable by
    /// their owner only.
    pub fn create(dest: &Path, private: bool) -> Result<AtomicFile> {
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let tmp = dest.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let mut opts = OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(if private { 0o600 } else { 0o644 });
        }
        #[cfg(not(unix))]
        let _ = private;
        let file = opts
            .open(&tmp)
            .with_context(|| format!("creating {}", dest.display()))?;
        if let Ok(mut list) = PENDING.lock() {
            list.push(tmp.clone());
        }
        Ok(AtomicFile {
            dest: dest.to_path_buf(),
            tmp,
            out: Some(BufWriter::with_capacity(1 << 20, file)),
        })
    }

    /// Flush, sync and rename into place.
    pub fn commit(mut self) -> Result<()> {
        let out = self.out.take().expect("committed once");
        let file = out
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("writing {}", self.dest.display()))?;
        file.sync_all()
            .with_context(|| format!("writing {}", self.dest.display()))?;
        fs::rename(&self.tmp, &self.dest)
            .with_context(|| format!("renaming into {}", self.dest.display()))?;
        forget_pending(&self.tmp);
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.as_mut().expect("not committed").write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.as_mut().expect("not committed").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.out.take().is_some() {
            let _ = fs::remove_file(&self.tmp);
            forget_pending(&self.tmp);
        }
    }
}

/// Where a CSV goes: an atomic file, or standard output.
pub enum Sink {
    File(AtomicFile),
    Stdout(BufWriter<io::Stdout>),
}

impl Sink {
    pub fn commit(self) -> Result<()> {
        match self {
            Sink::File(f) => f.commit(),
            Sink::Stdout(mut s) => match s.flush() {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                r => r.context("writing to standard output"),
            },
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::File(f) => f.write(buf),
            Sink::Stdout(s) => s.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::File(f) => f.flush(),
            Sink::Stdout(s) => s.flush(),
        }
    }
}

/// Defuse spreadsheet formulas (CSV injection): a cell that starts with `=`, `+`, `-`, `@`,
/// tab or CR is prefixed with `'` so a spreadsheet shows it as text.
pub fn cell(s: &str) -> std::borrow::Cow<'_, str> {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.csv");
        let mut f = AtomicFile::create(&dest, false).unwrap();
        f.write_all(b"a,b\n").unwrap();
        assert!(!dest.exists());
        f.commit().unwrap();
        assert_eq!(fs::read_to_string(&dest).unwrap(), "a,b\n");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn dropped_atomic_file_leaves_nothing_and_keeps_old_content() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.csv");
        fs::write(&dest, "old\n").unwrap();
        {
            let mut f = AtomicFile::create(&dest, false).unwrap();
            f.write_all(b"half").unwrap();
        }
        assert_eq!(fs::read_to_string(&dest).unwrap(), "old\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn private_files_are_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("full-nik.csv");
        let f = AtomicFile::create(&dest, true).unwrap();
        f.commit().unwrap();
        assert_eq!(
            fs::metadata(&dest).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn formulas_are_defused() {
        let cases: &[(&str, &str)] = &[
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+62", "'+62"),
            ("BUDI", "BUDI"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(cell(input), *want);
        }
    }
}
