//! The foreigner lists: read whole (they are small: thousands to a few hundred thousand rows),
//! normalised once, before the roll starts streaming.

use anyhow::{Context, Result};

use super::record::RecordView;
use super::tally::FileTally;
use super::{Field, IngestOptions, InputFile, Side};
use crate::block::Foreigner;
use crate::error::{Reject, RowError};
use crate::normalize::{DateParser, Person};

/// How a foreigner is shown in the worksheet: the values as written in the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ForeignRecord {
    /// Index into the list of foreign files.
    pub file: u32,
    /// 1-based record index in its file, header excluded.
    pub row: u64,
    pub line: u64,
    pub name: String,
    pub birth_date: String,
    pub sex: String,
    pub birthplace: String,
    pub nationality: String,
    pub passport: String,
    pub permit_type: String,
    pub permit_number: String,
    pub permit_expiry: String,
}

/// Every foreign list, read and normalised.
#[derive(Debug, Default)]
pub struct ForeignLists {
    /// Parallel to `records`.
    pub foreigners: Vec<Foreigner>,
    pub records: Vec<ForeignRecord>,
    pub files: Vec<FileTally>,
    pub rejects: Vec<Reject>,
}

/// Records normalised together: read in order, normalised in parallel, merged in order.
const BATCH: usize = 4096;

/// Read every foreign list in order. Records are read by one thread and normalised on all
/// cores, a batch at a time, the next batch read while one is normalised; the result is the
/// same as one record after another.
pub fn load(
    files: &[InputFile],
    opts: &IngestOptions,
    dates: &DateParser,
    latest_year: u16,
) -> Result<ForeignLists> {
    use rayon::prelude::*;
    let mut out = ForeignLists::default();
    for (i, file) in files.iter().enumerate() {
        let opened = super::open(file, Side::Foreign, opts)?;
        let mut tally = FileTally::new(&file.label, Side::Foreign, opened.layout.clone());
        let layout = opened.layout;
        let mut reader = opened.reader;
        let read_batch = |reader: &mut csv::Reader<_>, batch: &mut [csv::ByteRecord]| {
            let mut len = 0;
            while len < batch.len()
                && reader
                    .read_byte_record(&mut batch[len])
                    .with_context(|| format!("{}: reading", file.label))?
            {
                len += 1;
            }
            anyhow::Ok(len)
        };
        let normalise = |records: &[csv::ByteRecord]| -> Vec<Read> {
            records
                .par_iter()
                .map(|record| {
                    let view = RecordView::new(record, &layout.columns, &layout.headers);
                    if view.is_blank() {
                        return Read::Blank;
                    }
                    let mut problems = Vec::new();
                    match read_one(&view, dates, &mut problems) {
                        Ok((person, rec)) => Read::Person {
                            foreigner: Foreigner::new(person, latest_year),
                            record: rec,
                            problems,
                            line: view.line(),
                        },
                        Err(e) => Read::Rejected {
                            reason: e.to_string(),
                            raw: view.masked_raw(layout.delimiter),
                            line: view.line(),
                        },
                    }
                })
                .collect()
        };
        let mut batch = vec![csv::ByteRecord::new(); BATCH];
        let mut next = vec![csv::ByteRecord::new(); BATCH];
        let mut len = read_batch(&mut reader, &mut batch)?;
        let mut row = 0u64;
        loop {
            // The next batch is read (one thread: csv is sequential) while this one is
            // normalised (on the others): the read no longer leaves the other cores idle.
            let more = len == BATCH;
            let (read, next_len) = rayon::join(
                || normalise(&batch[..len]),
                || {
                    if more {
                        read_batch(&mut reader, &mut next)
                    } else {
                        Ok(0)
                    }
                },
            );
            out.foreigners.reserve(read.len());
            out.records.reserve(read.len());
            for r in read {
                row += 1;
                match r {
                    Read::Blank => tally.blank += 1,
                    Read::Person {
                        foreigner,
                        record,
                        problems,
                        line,
                    } => {
                        tally.rows += 1;
                        for p in &problems {
                            tally.problems.add(p, &file.label, line);
                        }
                        tally.screened += 1;
                        out.foreigners.push(foreigner);
                        out.records.push(ForeignRecord {
                            file: i as u32,
                            row,
                            line,
                            ..record
                        });
                    }
                    Read::Rejected { reason, raw, line } => {
                        tally.rows += 1;
                        tally.rejected += 1;
                        out.rejects.push(Reject {
                            file: file.label.clone(),
                            line,
                            row,
                            reason,
                            raw,
                        });
                    }
                }
            }
            if !more {
                break;
            }
            len = next_len?;
            std::mem::swap(&mut batch, &mut next);
        }
        out.files.push(tally);
    }
    Ok(out)
}

/// What one record of a foreign list gave.
#[expect(
    clippy::large_enum_variant,
    reason = "each value is moved once, into the lists; a box would cost an allocation per record"
)]
enum Read {
    Blank,
    Person {
        foreigner: Foreigner,
        record: ForeignRecord,
        problems: Vec<crate::normalize::Problem>,
        line: u64,
    },
    Rejected {
        reason: String,
        raw: String,
        line: u64,
    },
}

fn read_one(
    view: &RecordView<'_>,
    dates: &DateParser,
    problems: &mut Vec<crate::normalize::Problem>,
) -> Result<(Person, ForeignRecord), RowError> {
    view.check_shape()?;
    let text = view.person_text()?;
    let mut person = Person::default();
    person.fill(&text.raw(), dates, problems);
    if !person.has_identity() {
        return Err(RowError::NothingToCompare);
    }
    let get = |f: Field| view.text(f, " ").map(|t| t.into_owned());
    let rec = ForeignRecord {
        name: text.name.into_owned(),
        birth_date: text.birth_date.into_owned(),
        sex: text.sex.into_owned(),
        birthplace: text.birthplace.into_owned(),
        passport: text.passport.into_owned(),
        nationality: get(Field::Nationality)?,
        permit_type: get(Field::PermitType)?,
        permit_number: get(Field::PermitNumber)?,
        permit_expiry: get(Field::PermitExpiry)?,
        ..ForeignRecord::default()
    };
    Ok((person, rec))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::EncodingArg;
    use crate::normalize::date::DateOrder;

    /// Letters only (the name parser drops digits): a distinct name per row.
    fn letters(mut i: usize) -> String {
        let mut s = String::new();
        loop {
            s.push((b'A' + (i % 26) as u8) as char);
            i /= 26;
            if i == 0 {
                return s;
            }
        }
    }

    /// Load a list of `n` data records; record `bad` (1-based) is short a field and record
    /// `blank` is all empty.
    fn load_list(n: usize, bad: usize, blank: usize) -> ForeignLists {
        let mut text = String::from("NAMA,TANGGAL LAHIR,KEWARGANEGARAAN,NO PASPOR\n");
        for i in 1..=n {
            if i == bad {
                text.push_str("SHORT RECORD,01-02-1980\n");
            } else if i == blank {
                text.push_str(",,,\n");
            } else {
                text.push_str(&format!("WANG {},01-02-1980,CHN,P{i:07}\n", letters(i)));
            }
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("wna.csv");
        std::fs::write(&path, text).expect("write list");
        let opts = IngestOptions {
            encoding: EncodingArg::Auto,
            delimiter: None,
            overrides: Vec::new(),
        };
        let dates = DateParser {
            order: DateOrder::DayFirst,
            latest_year: 2029,
        };
        load(&[InputFile::path(&path)], &opts, &dates, 2029).expect("load")
    }

    #[test]
    fn lists_longer_than_a_batch_keep_their_order_line_numbers_and_rejects() {
        // Short of a batch, exactly one (the read after it finds nothing), one over, and
        // several with the bad and blank records in a later batch.
        for (n, bad, blank) in [
            (BATCH - 1, 7, 8),
            (BATCH, BATCH, 1),
            (BATCH + 1, BATCH + 1, BATCH),
            (2 * BATCH + 5, BATCH + 3, 2 * BATCH + 1),
        ] {
            let out = load_list(n, bad, blank);
            let tally = &out.files[0];
            assert_eq!(
                (tally.rows, tally.screened, tally.rejected, tally.blank),
                (n as u64 - 1, n as u64 - 2, 1, 1),
                "n = {n}"
            );
            assert_eq!(out.foreigners.len(), n - 2);
            let expected: Vec<u64> = (1..=n as u64)
                .filter(|&i| i != bad as u64 && i != blank as u64)
                .collect();
            let rows: Vec<u64> = out.records.iter().map(|r| r.row).collect();
            assert_eq!(rows, expected, "n = {n}");
            for r in &out.records {
                // One line a record, after the header.
                assert_eq!(r.line, r.row + 1);
                assert_eq!(r.name, format!("WANG {}", letters(r.row as usize)));
                assert_eq!(r.passport, format!("P{:07}", r.row));
            }
            assert_eq!(out.rejects.len(), 1);
            assert_eq!(
                (out.rejects[0].row, out.rejects[0].line),
                (bad as u64, bad as u64 + 1)
            );
        }
    }
}
