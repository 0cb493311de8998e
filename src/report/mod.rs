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
///
/// A destination that exists and is not a regular file (`/dev/null`, a named pipe, a
/// terminal) is written in place: renaming over it would replace the device with a file. A
/// symbolic link is followed, so the file it points to is replaced and the link kept.
pub struct AtomicFile {
    dest: PathBuf,
    /// The temporary sibling; `None` when writing to a device or pipe in place.
    tmp: Option<PathBuf>,
    out: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Create the temporary file beside `dest`. `private` files (full NIKs) are readable by
    /// their owner only.
    pub fn create(dest: &Path, private: bool) -> Result<AtomicFile> {
        let mut opts = OpenOptions::new();
        opts.write(true);
        match fs::metadata(dest) {
            Ok(m) if !m.is_file() && !m.is_dir() => {
                let file = opts
                    .open(dest)
                    .with_context(|| format!("opening {}", dest.display()))?;
                return Ok(AtomicFile {
                    dest: dest.to_path_buf(),
                    tmp: None,
                    out: Some(BufWriter::with_capacity(1 << 20, file)),
                });
            }
            _ => {}
        }
        // Replace what a link (or a chain of links) points to, not the link; a link to a
        // file not there yet is followed one step, and the file created.
        let real = match (fs::canonicalize(dest), fs::read_link(dest)) {
            (Ok(target), _) => target,
            (Err(_), Ok(target)) if target.is_absolute() => target,
            (Err(_), Ok(target)) => dest.parent().unwrap_or(Path::new("")).join(target),
            (Err(_), Err(_)) => dest.to_path_buf(),
        };
        let name = real
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let tmp = real.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        opts.create(true).truncate(true);
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
            dest: real,
            tmp: Some(tmp),
            out: Some(BufWriter::with_capacity(1 << 20, file)),
        })
    }

    /// Flush, sync and rename into place (a device or pipe is only flushed).
    pub fn commit(mut self) -> Result<()> {
        let out = self.out.take().expect("committed once");
        let file = out
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("writing {}", self.dest.display()))?;
        let Some(tmp) = self.tmp.take() else {
            return Ok(());
        };
        file.sync_all()
            .with_context(|| format!("writing {}", self.dest.display()))?;
        fs::rename(&tmp, &self.dest)
            .with_context(|| format!("renaming into {}", self.dest.display()))?;
        forget_pending(&tmp);
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
        if let (Some(_), Some(tmp)) = (self.out.take(), &self.tmp) {
            let _ = fs::remove_file(tmp);
            forget_pending(tmp);
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
    fn devices_are_written_in_place_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dest = Path::new("/dev/null");
        if !fs::metadata(dest).is_ok_and(|m| m.file_type().is_char_device()) {
            return; // nothing to protect on this machine
        }
        let mut f = AtomicFile::create(dest, false).unwrap();
        f.write_all(b"a,b\n").unwrap();
        f.commit().unwrap();
        assert!(fs::metadata(dest).unwrap().file_type().is_char_device());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_kept_and_its_target_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        let link = dir.path().join("link.csv");
        fs::write(&real, "old\n").unwrap();
        let chained = dir.path().join("chained.csv");
        std::os::unix::fs::symlink("real.csv", &link).unwrap();
        std::os::unix::fs::symlink("link.csv", &chained).unwrap();
        for (dest, text) in [(&link, "new\n"), (&chained, "newer\n")] {
            let mut f = AtomicFile::create(dest, false).unwrap();
            f.write_all(text.as_bytes()).unwrap();
            f.commit().unwrap();
            assert_eq!(fs::read_to_string(&real).unwrap(), text);
        }
        for l in [&link, &chained] {
            assert!(fs::symlink_metadata(l).unwrap().file_type().is_symlink());
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 3);
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
