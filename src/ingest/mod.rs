//! Ingest: open an input (file, `.gz`, or stdin), detect its encoding, delimiter and header
//! row, map headers to fields, and hand out a streaming csv reader with exact line numbers.
//!
//! Both sides use this one path. It reads bytes and splits records; it never interprets a
//! value (that is `normalize`) and never decides what a bad row means (the caller turns a
//! [`RowError`] into a reject). Windows-1252 and UTF-16 inputs are transcoded to UTF-8 as they
//! stream; UTF-8 inputs pass through untouched so that an undecodable byte rejects only its
//! own row.

pub mod columns;
pub mod dpt;
pub mod foreign;
pub mod record;
pub mod tally;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, Result, bail};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

pub use columns::{ColumnMap, Field, MapOverride, Side};
pub use record::RecordView;

use crate::cli::EncodingArg;
use crate::error::InputError;

/// How many bytes are read ahead to detect encoding, delimiter and header row.
const SAMPLE_BYTES: usize = 1 << 20;
/// How many leading records may sit above the header row (titles, region names).
const HEADER_SEARCH_RECORDS: usize = 30;
const CANDIDATE_DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// One input file (or standard input).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputFile {
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    /// How the file is named in outputs and messages.
    pub label: String,
}

impl InputFile {
    pub fn stdin() -> InputFile {
        InputFile {
            path: None,
            label: "<stdin>".to_string(),
        }
    }

    pub fn path(p: &Path) -> InputFile {
        InputFile {
            path: Some(p.to_path_buf()),
            label: p.display().to_string(),
        }
    }
}

/// Expand `--dpt`/`--foreign` arguments: `-` is stdin, a directory gives its data files
/// (`.csv`, `.tsv`, `.txt`, optionally `.gz`) sorted by name, a file is itself.
pub fn expand_inputs(args: &[PathBuf], flag: &str) -> Result<Vec<InputFile>> {
    let mut out = Vec::new();
    for a in args {
        if a.as_os_str() == "-" {
            out.push(InputFile::stdin());
            continue;
        }
        let meta =
            std::fs::metadata(a).map_err(|e| InputError(format!("{flag} {}: {e}", a.display())))?;
        if meta.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(a)
                .with_context(|| format!("{flag} {}: reading directory", a.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && is_data_file(p))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(InputError(format!(
                    "{flag} {}: directory holds no .csv, .tsv or .txt files (optionally .gz)",
                    a.display()
                ))
                .into());
            }
            out.extend(files.iter().map(|p| InputFile::path(p)));
        } else {
            out.push(InputFile::path(a));
        }
    }
    if out.iter().filter(|f| f.path.is_none()).count() > 1 {
        return Err(InputError(format!("{flag} -: standard input can be read only once")).into());
    }
    Ok(out)
}

fn is_data_file(p: &Path) -> bool {
    let name = p
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".csv", ".tsv", ".txt"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Options that shape how inputs are read.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    pub encoding: EncodingArg,
    pub delimiter: Option<u8>,
    pub overrides: Vec<MapOverride>,
}

/// The encoding a file was read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    /// Auto-detected from a sample that was pure ASCII: read as UTF-8, with any byte sequence
    /// that is not valid UTF-8 read as Windows-1252 (a 1252 export whose first accented
    /// letter comes after the sample, which the strict reading would reject row by row).
    Utf8Or1252,
    Utf8Bom,
    Windows1252,
    Utf16Le,
    Utf16Be,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Or1252 => "ASCII, then UTF-8 or Windows-1252",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Windows1252 => "Windows-1252",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
        }
    }

    /// Whether the stream is transcoded to UTF-8 (so every field is valid UTF-8).
    fn transcoder(self) -> Option<&'static Encoding> {
        match self {
            TextEncoding::Utf8 | TextEncoding::Utf8Or1252 | TextEncoding::Utf8Bom => None,
            TextEncoding::Windows1252 => Some(WINDOWS_1252),
            TextEncoding::Utf16Le => Some(UTF_16LE),
            TextEncoding::Utf16Be => Some(UTF_16BE),
        }
    }
}

/// What was detected about one file.
#[derive(Clone, Debug)]
pub struct Layout {
    pub encoding: TextEncoding,
    pub delimiter: u8,
    pub gzip: bool,
    /// Line of the header row (1-based).
    pub header_line: u64,
    /// Records above the header row that were skipped (titles, region names).
    pub preamble_records: usize,
    pub headers: Vec<String>,
    pub columns: ColumnMap,
}

impl Layout {
    /// A placeholder layout (for pooled buffers before first use).
    pub fn empty() -> Layout {
        Layout {
            encoding: TextEncoding::Utf8,
            delimiter: b',',
            gzip: false,
            header_line: 0,
            preamble_records: 0,
            headers: Vec::new(),
            columns: ColumnMap::default(),
        }
    }

    pub fn delimiter_label(&self) -> String {
        match self.delimiter {
            b'\t' => "tab".to_string(),
            d => format!("'{}'", d as char),
        }
    }
}

/// An opened input: its layout and a csv reader positioned on the first data record.
pub struct Opened {
    pub file: InputFile,
    pub layout: Layout,
    pub reader: csv::Reader<Box<dyn Read + Send>>,
    /// Raw (on-disk, compressed if gzip) bytes consumed so far, for progress.
    pub bytes_read: Arc<AtomicU64>,
    /// Size on disk, when known.
    pub size: Option<u64>,
}

/// Open `file`, detect its layout, and map its columns for `side`.
pub fn open(file: &InputFile, side: Side, opts: &IngestOptions) -> Result<Opened> {
    let label = &file.label;
    let bytes_read = Arc::new(AtomicU64::new(0));
    let (raw, size): (Box<dyn Read + Send>, Option<u64>) = match &file.path {
        Some(p) => {
            let f = File::open(p).map_err(|e| InputError(format!("{label}: {e}")))?;
            let size = f.metadata().ok().map(|m| m.len());
            (Box::new(f), size)
        }
        None => (Box::new(io::stdin()), None),
    };
    let counted = CountingReader {
        inner: raw,
        count: Arc::clone(&bytes_read),
    };
    let mut buffered = BufReader::with_capacity(256 * 1024, counted);
    let gzip = buffered
        .fill_buf()
        .with_context(|| format!("{label}: reading"))?
        .starts_with(&[0x1f, 0x8b]);
    let mut plain: Box<dyn Read + Send> = if gzip {
        Box::new(BufReader::with_capacity(
            256 * 1024,
            flate2::bufread::MultiGzDecoder::new(buffered),
        ))
    } else {
        Box::new(buffered)
    };

    let mut sample = Vec::with_capacity(SAMPLE_BYTES);
    (&mut plain)
        .take(SAMPLE_BYTES as u64)
        .read_to_end(&mut sample)
        .with_context(|| format!("{label}: reading"))?;
    if sample.is_empty() {
        return Err(InputError(format!("{label}: file is empty")).into());
    }
    let encoding = detect_encoding(&sample, opts.encoding);
    let text = decode_sample(&sample, encoding);
    let delimiter = match opts.delimiter {
        Some(d) => d,
        None => sniff_delimiter(&text),
    };
    let (preamble_records, header_score) = find_header(&text, delimiter, side, &opts.overrides);
    let _ = header_score;

    let stream: Box<dyn Read + Send> = Box::new(Cursor::new(sample).chain(plain));
    let stream: Box<dyn Read + Send> = match encoding.transcoder() {
        Some(enc) => Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(enc))
                .bom_override(true)
                .strip_bom(true)
                .build(stream),
        ),
        None if encoding == TextEncoding::Utf8Bom => Box::new(SkipPrefix {
            inner: stream,
            left: 3,
        }),
        None if encoding == TextEncoding::Utf8Or1252 => Box::new(Utf8Or1252Reader::new(stream)),
        None => stream,
    };
    // Records end at '\n' (a '\r' before it is trimmed with the field): csv's CRLF mode would
    // end a record at '\r' and count the '\n' into the next record's line, one line short.
    // Files with old Mac '\r'-only line ends keep the default terminator.
    let terminator = if text.contains('\n') {
        csv::Terminator::Any(b'\n')
    } else {
        csv::Terminator::CRLF
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .terminator(terminator)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(256 * 1024)
        .from_reader(stream);
    let mut header = csv::ByteRecord::new();
    for _ in 0..=preamble_records {
        if !reader
            .read_byte_record(&mut header)
            .with_context(|| format!("{label}: reading"))?
        {
            return Err(InputError(format!("{label}: no header row")).into());
        }
    }
    let header_line = header.position().map_or(1, |p| p.line());
    let headers: Vec<String> = header
        .iter()
        .map(|f| String::from_utf8_lossy(f).trim().to_string())
        .collect();
    let columns = ColumnMap::build(&headers, side, &opts.overrides)
        .map_err(|e| InputError(format!("{label}: {e:#}")))?;
    columns
        .require(side, &headers, label)
        .map_err(|e| InputError(format!("{e:#}")))?;
    Ok(Opened {
        file: file.clone(),
        layout: Layout {
            encoding,
            delimiter,
            gzip,
            header_line,
            preamble_records,
            headers,
            columns,
        },
        reader,
        bytes_read,
        size,
    })
}

/// Passes valid UTF-8 through and turns every byte that is not part of a valid UTF-8
/// sequence into the Windows-1252 character it stands for (see `TextEncoding::Utf8Or1252`).
struct Utf8Or1252Reader {
    inner: Box<dyn Read + Send>,
    /// Bytes read from `inner` and not yet converted (an incomplete sequence at the end).
    input: Vec<u8>,
    output: Vec<u8>,
    at: usize,
    eof: bool,
}

impl Utf8Or1252Reader {
    fn new(inner: Box<dyn Read + Send>) -> Utf8Or1252Reader {
        Utf8Or1252Reader {
            inner,
            input: Vec::with_capacity(64 * 1024),
            output: Vec::with_capacity(64 * 1024),
            at: 0,
            eof: false,
        }
    }

    /// Convert what `input` holds into `output` (keeping a sequence cut at the end unless
    /// the stream is over).
    fn convert(&mut self) {
        self.output.clear();
        self.at = 0;
        let mut i = 0;
        while i < self.input.len() {
            match std::str::from_utf8(&self.input[i..]) {
                Ok(_) => {
                    self.output.extend_from_slice(&self.input[i..]);
                    i = self.input.len();
                }
                Err(e) => {
                    let good = i + e.valid_up_to();
                    self.output.extend_from_slice(&self.input[i..good]);
                    let bad = match e.error_len() {
                        Some(n) => n,
                        None if self.eof => self.input.len() - good,
                        None => {
                            i = good; // cut at the end: wait for more bytes
                            break;
                        }
                    };
                    let (text, _) =
                        WINDOWS_1252.decode_without_bom_handling(&self.input[good..good + bad]);
                    self.output.extend_from_slice(text.as_bytes());
                    i = good + bad;
                }
            }
        }
        self.input.drain(..i);
    }
}

impl Read for Utf8Or1252Reader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.output.len() {
            if self.eof && self.input.is_empty() {
                return Ok(0);
            }
            let start = self.input.len();
            self.input.resize(start + 64 * 1024, 0);
            let n = self.inner.read(&mut self.input[start..])?;
            self.input.truncate(start + n);
            self.eof = n == 0;
            self.convert();
        }
        let n = buf.len().min(self.output.len() - self.at);
        buf[..n].copy_from_slice(&self.output[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Encoding from a sample: a BOM decides; else valid UTF-8 (a character cut at the end of the
/// sample is fine) is UTF-8; else Windows-1252. `--encoding` overrides detection (a BOM is
/// still stripped).
pub fn detect_encoding(sample: &[u8], arg: EncodingArg) -> TextEncoding {
    let bom = if sample.starts_with(&[0xef, 0xbb, 0xbf]) {
        Some(TextEncoding::Utf8Bom)
    } else if sample.starts_with(&[0xff, 0xfe]) {
        Some(TextEncoding::Utf16Le)
    } else if sample.starts_with(&[0xfe, 0xff]) {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    };
    match arg {
        EncodingArg::Windows1252 => TextEncoding::Windows1252,
        EncodingArg::Utf8 => bom
            .filter(|b| *b == TextEncoding::Utf8Bom)
            .unwrap_or(TextEncoding::Utf8),
        EncodingArg::Auto => bom.unwrap_or_else(|| match std::str::from_utf8(sample) {
            Ok(_) if sample.is_ascii() => TextEncoding::Utf8Or1252,
            Ok(_) => TextEncoding::Utf8,
            Err(e) if e.error_len().is_none() => TextEncoding::Utf8,
            Err(_) => TextEncoding::Windows1252,
        }),
    }
}

fn decode_sample(sample: &[u8], enc: TextEncoding) -> String {
    let encoding = enc.transcoder().unwrap_or(UTF_8);
    let (text, _, _) = encoding.decode(sample);
    text.into_owned()
}

/// The candidate delimiter that splits the first lines into the most fields, consistently.
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut best = (b',', 0usize);
    for d in CANDIDATE_DELIMITERS {
        let mut counts = Vec::new();
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(d)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut rec = csv::ByteRecord::new();
        while counts.len() < 50 {
            match rdr.read_byte_record(&mut rec) {
                Ok(true) => counts.push(rec.len()),
                _ => break,
            }
        }
        // The sample may end mid-record: ignore the last one.
        if counts.len() > 1 {
            counts.pop();
        }
        let Some(mode) = mode(&counts) else { continue };
        let agree = counts.iter().filter(|&&c| c == mode).count();
        // Most records must agree; titles above the header may not.
        let score = if mode > 1 && agree * 2 >= counts.len() {
            mode
        } else {
            0
        };
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

fn mode(xs: &[usize]) -> Option<usize> {
    let mut sorted = xs.to_vec();
    sorted.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    for run in sorted.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(_, n)| run.len() > n) {
            best = Some((run[0], run.len()));
        }
    }
    best.map(|(v, _)| v)
}

/// The header row: among the first records, the first one that names the most fields.
/// Returns (records above it, fields it names). With no recognisable header, the first row.
fn find_header(text: &str, delimiter: u8, side: Side, overrides: &[MapOverride]) -> (usize, usize) {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut best = (0usize, 0usize);
    let mut rec = csv::StringRecord::new();
    for i in 0..HEADER_SEARCH_RECORDS {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            _ => break,
        }
        let headers: Vec<String> = rec.iter().map(|h| h.trim().to_string()).collect();
        let score = ColumnMap::build(&headers, side, overrides)
            .map(|m| m.count())
            .unwrap_or(0);
        if score > best.1 {
            best = (i, score);
        }
    }
    best
}

/// Counts bytes as they are read (for the progress bar).
struct CountingReader {
    inner: Box<dyn Read + Send>,
    count: Arc<AtomicU64>,
}

impl Read for CountingReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Drops the first `left` bytes (a UTF-8 BOM) of a stream.
struct SkipPrefix {
    inner: Box<dyn Read + Send>,
    left: usize,
}

impl Read for SkipPrefix {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.left > 0 {
            let mut skip = [0u8; 3];
            let n = self.inner.read(&mut skip[..self.left])?;
            if n == 0 {
                return Ok(0);
            }
            self.left -= n;
        }
        self.inner.read(buf)
    }
}

/// Parse a `--delimiter` value.
pub fn parse_delimiter(s: &str) -> Result<u8> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        s if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => bail!("--delimiter {s:?}: give one ASCII character, or `tab`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader handing out one byte per call: every sequence is cut somewhere.
    struct Trickle(Vec<u8>, usize);
    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.1 == self.0.len() || buf.is_empty() {
                return Ok(0);
            }
            buf[0] = self.0[self.1];
            self.1 += 1;
            Ok(1)
        }
    }

    #[test]
    fn utf8_with_windows_1252_fallback() {
        let cases: &[(&[u8], &str)] = &[
            (b"NAMA\nBUDI\n", "NAMA\nBUDI\n"),
            (b"JOS\xc9,M\xdcNCHEN\n", "JOS\u{c9},M\u{dc}NCHEN\n"),
            ("JOS\u{c9}\n".as_bytes(), "JOS\u{c9}\n"),
            (b"JOS\xc3\x89 N\xdcRNBERG\n", "JOS\u{c9} N\u{dc}RNBERG\n"),
            (b"END\xc3", "END\u{c3}"),
            (b"\x80\x93", "\u{20ac}\u{201c}"),
        ];
        for &(input, want) in cases {
            for trickle in [false, true] {
                let inner: Box<dyn Read + Send> = if trickle {
                    Box::new(Trickle(input.to_vec(), 0))
                } else {
                    Box::new(Cursor::new(input.to_vec()))
                };
                let mut out = String::new();
                Utf8Or1252Reader::new(inner)
                    .read_to_string(&mut out)
                    .expect("valid UTF-8 out");
                assert_eq!(out, want, "{input:?} trickle {trickle}");
            }
        }
    }

    #[test]
    fn encoding_detection() {
        let cases: &[(&str, &[u8], EncodingArg, TextEncoding)] = &[
            (
                "ascii",
                b"NAMA,NIK\nBUDI,1\n",
                EncodingArg::Auto,
                TextEncoding::Utf8Or1252,
            ),
            (
                "utf8 accents",
                "NAMA\nJOS\u{c9}\n".as_bytes(),
                EncodingArg::Auto,
                TextEncoding::Utf8,
            ),
            (
                "utf8 bom",
                b"\xef\xbb\xbfNAMA\n",
                EncodingArg::Auto,
                TextEncoding::Utf8Bom,
            ),
            (
                "cp1252 e-acute",
                b"NAMA\nJOS\xc9\n",
                EncodingArg::Auto,
                TextEncoding::Windows1252,
            ),
            (
                "utf16le bom",
                b"\xff\xfeN\0",
                EncodingArg::Auto,
                TextEncoding::Utf16Le,
            ),
            (
                "cut utf8 at end",
                b"NAMA\nJOS\xc3",
                EncodingArg::Auto,
                TextEncoding::Utf8,
            ),
            (
                "forced 1252",
                b"NAMA\n",
                EncodingArg::Windows1252,
                TextEncoding::Windows1252,
            ),
            (
                "forced utf8 keeps bom",
                b"\xef\xbb\xbfNAMA\n",
                EncodingArg::Utf8,
                TextEncoding::Utf8Bom,
            ),
        ];
        for (label, bytes, arg, want) in cases {
            assert_eq!(detect_encoding(bytes, *arg), *want, "{label}");
        }
    }

    #[test]
    fn delimiter_sniffing() {
        let cases: &[(&str, &str, u8)] = &[
            (
                "comma",
                "NAMA,NIK,TGL LAHIR\nBUDI,3273,01-01-1990\nSITI,3273,02-02-1991\n",
                b',',
            ),
            (
                "semicolon with commas in names",
                "NAMA;NIK;TGL\n\"SITI, S.H.\";1;2\nBUDI;1;2\n",
                b';',
            ),
            ("tab", "NAMA\tNIK\tTGL\nA\t1\t2\nB\t1\t2\n", b'\t'),
            ("pipe", "NAMA|NIK|TGL\nA|1|2\n", b'|'),
            (
                "title rows above",
                "DAFTAR PEMILIH TETAP\nKEC. COBLONG\nNAMA;NIK;TGL\nA;1;2\nB;1;2\nC;1;2\n",
                b';',
            ),
        ];
        for (label, text, want) in cases {
            assert_eq!(sniff_delimiter(text) as char, *want as char, "{label}");
        }
    }

    #[test]
    fn header_row_found_below_titles() {
        let text = "DAFTAR PEMILIH TETAP PEMILU\nKELURAHAN: LEBAKGEDE\nNO,NAMA,NIK,TGL LAHIR,L/P\n1,BUDI,1,2,L\n";
        assert_eq!(find_header(text, b',', Side::Dpt, &[]), (2, 4));
    }

    #[test]
    fn delimiter_argument() {
        assert_eq!(parse_delimiter(";").unwrap(), b';');
        assert_eq!(parse_delimiter("tab").unwrap(), b'\t');
        assert!(parse_delimiter(";;").is_err());
    }
}
