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

/// Read every foreign list in order.
pub fn load(
    files: &[InputFile],
    opts: &IngestOptions,
    dates: &DateParser,
    latest_year: u16,
) -> Result<ForeignLists> {
    let mut out = ForeignLists::default();
    for (i, file) in files.iter().enumerate() {
        let opened = super::open(file, Side::Foreign, opts)?;
        let mut tally = FileTally::new(&file.label, Side::Foreign, opened.layout.clone());
        let layout = opened.layout;
        let mut reader = opened.reader;
        let mut record = csv::ByteRecord::new();
        let mut problems = Vec::new();
        let mut row = 0u64;
        while reader
            .read_byte_record(&mut record)
            .with_context(|| format!("{}: reading", file.label))?
        {
            let view = RecordView {
                record: &record,
                columns: &layout.columns,
                headers: &layout.headers,
            };
            row += 1;
            if view.is_blank() {
                tally.blank += 1;
                continue;
            }
            tally.rows += 1;
            let line = view.line();
            match read_one(&view, dates, &mut problems) {
                Ok((person, rec)) => {
                    for p in problems.drain(..) {
                        tally.problems.add(&p, &file.label, line);
                    }
                    tally.screened += 1;
                    out.foreigners.push(Foreigner::new(person, latest_year));
                    out.records.push(ForeignRecord {
                        file: i as u32,
                        row,
                        line,
                        ..rec
                    });
                }
                Err(e) => {
                    problems.clear();
                    tally.rejected += 1;
                    out.rejects.push(Reject {
                        file: file.label.clone(),
                        line,
                        row,
                        reason: e.to_string(),
                        raw: view.masked_raw(layout.delimiter),
                    });
                }
            }
        }
        out.files.push(tally);
    }
    Ok(out)
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
