//! `inspect`: what dpt-screen detects in one file (encoding, delimiter, header row, which
//! column feeds which field, row count) and how a few sample rows normalise, so a user can
//! fix a mapping before a long run. NIKs are shown masked.

use std::fmt::Write as _;

use anyhow::{Context, Result};

use crate::cli::InspectArgs;
use crate::error::InputError;
use crate::ingest::record::RecordView;
use crate::ingest::{self, ColumnMap, Field, IngestOptions, InputFile, MapOverride, Side};
use crate::normalize::{DateParser, Nik, Person, region};

/// Run `inspect` and return the report text.
pub fn run(a: &InspectArgs) -> Result<String> {
    let overrides = a
        .map
        .iter()
        .map(|m| {
            MapOverride::parse(m).map_err(|e| anyhow::Error::from(InputError(format!("{e:#}"))))
        })
        .collect::<Result<Vec<_>>>()?;
    let delimiter = a
        .delimiter
        .as_deref()
        .map(|d| ingest::parse_delimiter(d).map_err(|e| InputError(format!("{e:#}"))))
        .transpose()?;
    let opts = IngestOptions {
        encoding: a.encoding,
        delimiter,
        overrides,
    };
    let file = if a.file.as_os_str() == "-" {
        InputFile::stdin()
    } else {
        InputFile::path(&a.file)
    };
    let side = match a.side {
        Some(crate::cli::SideArg::Dpt) => Side::Dpt,
        Some(crate::cli::SideArg::Foreign) => Side::Foreign,
        None => guess_side(&file, &opts)?,
    };
    let mut opened = ingest::open(&file, side, &opts)?;
    let layout = opened.layout.clone();
    let mut out = String::new();
    let _ = writeln!(out, "{}", file.label);
    let _ = writeln!(
        out,
        "  read as:    {} list ({})",
        side.label(),
        if a.side.is_some() {
            "--side"
        } else {
            "guessed from the columns; set --side to change"
        }
    );
    let _ = writeln!(
        out,
        "  encoding:   {}{}",
        layout.encoding.label(),
        if layout.gzip { ", gzip-compressed" } else { "" }
    );
    let _ = writeln!(out, "  delimiter:  {}", layout.delimiter_label());
    let _ = write!(out, "  header:     line {}", layout.header_line);
    if layout.preamble_records > 0 {
        let _ = write!(
            out,
            " ({} title row(s) above it skipped)",
            layout.preamble_records
        );
    }
    out.push('\n');
    out.push_str("  columns:\n");
    let width = layout
        .headers
        .iter()
        .map(|h| h.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    for (i, h) in layout.headers.iter().enumerate() {
        let field = layout
            .columns
            .found()
            .find(|(_, cols)| cols.contains(&i))
            .map(|(f, _)| f);
        let target = match field {
            Some(Field::Disability) => "disability (sensitive: dropped, never output)".to_string(),
            Some(f) => f.key().to_string(),
            None => "(not used)".to_string(),
        };
        let _ = writeln!(out, "    {h:<width$}  -> {target}");
    }
    let missing: Vec<&str> = wanted(side)
        .iter()
        .filter(|f| !layout.columns.has(**f))
        .map(|f| f.key())
        .collect();
    if !missing.is_empty() {
        let _ = writeln!(
            out,
            "  not found:  {} (map one with --map {}.FIELD=HEADER if the file has it)",
            missing.join(", "),
            side.label()
        );
    }
    let dates = DateParser {
        order: crate::normalize::date::DateOrder::DayFirst,
        latest_year: 2029 - 17,
    };
    let mut record = csv::ByteRecord::new();
    let (mut rows, mut blank) = (0u64, 0u64);
    let mut samples = String::new();
    let mut problems = Vec::new();
    let mut person = Person::default();
    while opened
        .reader
        .read_byte_record(&mut record)
        .with_context(|| format!("{}: reading", file.label))?
    {
        let view = RecordView::new(&record, &layout.columns, &layout.headers);
        if view.is_blank() {
            blank += 1;
            continue;
        }
        rows += 1;
        if (rows as usize) <= a.samples {
            sample(
                &mut samples,
                rows,
                &view,
                &dates,
                &mut person,
                &mut problems,
            );
        }
    }
    let _ = writeln!(
        out,
        "  rows:       {rows}{}",
        if blank > 0 {
            format!(" (+{blank} blank, skipped)")
        } else {
            String::new()
        }
    );
    let _ = write!(out, "  samples (normalised; NIKs masked):\n{samples}");
    Ok(out)
}

fn wanted(side: Side) -> &'static [Field] {
    match side {
        Side::Dpt => &[
            Field::Name,
            Field::BirthDate,
            Field::Sex,
            Field::Nik,
            Field::Birthplace,
            Field::Province,
            Field::Regency,
            Field::District,
            Field::Village,
            Field::Tps,
        ],
        Side::Foreign => &[
            Field::Name,
            Field::BirthDate,
            Field::Sex,
            Field::Nik,
            Field::Passport,
            Field::Nationality,
            Field::Birthplace,
            Field::PermitType,
            Field::PermitNumber,
            Field::PermitExpiry,
        ],
    }
}

/// A foreign list names nationality, passport or permit; a roll does not.
fn guess_side(file: &InputFile, opts: &IngestOptions) -> Result<Side> {
    if file.path.is_none() {
        return Ok(Side::Dpt);
    }
    let probe = IngestOptions {
        overrides: Vec::new(),
        ..opts.clone()
    };
    let headers = match ingest::open(file, Side::Dpt, &probe) {
        Ok(o) => o.layout.headers,
        Err(_) => return Ok(Side::Dpt),
    };
    let map = ColumnMap::build(&headers, Side::Dpt, &[])?;
    let foreign = [
        Field::Nationality,
        Field::Passport,
        Field::PermitType,
        Field::PermitNumber,
        Field::Surname,
    ]
    .iter()
    .any(|f| map.has(*f));
    Ok(if foreign { Side::Foreign } else { Side::Dpt })
}

fn sample(
    out: &mut String,
    row: u64,
    view: &RecordView<'_>,
    dates: &DateParser,
    person: &mut Person,
    problems: &mut Vec<crate::normalize::Problem>,
) {
    let _ = writeln!(out, "    row {row} (line {}):", view.line());
    if let Err(e) = view.check_shape() {
        let _ = writeln!(out, "      would be rejected: {e}");
        return;
    }
    let text = match view.person_text() {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(out, "      would be rejected: {e}");
            return;
        }
    };
    problems.clear();
    person.fill(&text.raw(), dates, problems);
    let _ = writeln!(
        out,
        "      name        {:?} -> compared as {:?}",
        text.name,
        person.name.key()
    );
    let birth = person
        .birth
        .map_or_else(|| "-".to_string(), |d| d.to_string());
    let _ = writeln!(
        out,
        "      birth date  {:?} -> {birth}{}",
        text.birth_date,
        if person.birth.is_some_and(|d| d.is_placeholder()) {
            " (placeholder date: weak evidence)"
        } else {
            ""
        }
    );
    let sex = person.sex.map_or("-", |s| s.letter());
    let _ = writeln!(out, "      sex         {:?} -> {sex}", text.sex);
    if let Some(n) = &person.nik {
        let _ = writeln!(
            out,
            "      NIK         {} -> {}",
            n.masked(),
            describe_nik(n)
        );
    } else if !person.passport.is_empty() {
        let _ = writeln!(out, "      passport    {}", person.passport);
    }
    for p in problems.iter() {
        let _ = writeln!(
            out,
            "      unreadable {}: {} (screened without it)",
            p.field.label(),
            p.message
        );
    }
}

fn describe_nik(n: &Nik) -> String {
    let mut parts = Vec::new();
    let code: String = (0..6)
        .map(|i| n.digit(i).map_or('*', |d| (b'0' + d) as char))
        .collect();
    let regions = region::regions();
    if let Some(d) = regions.district(&code) {
        let regency = regions.regency(&code[..4]).unwrap_or("?");
        parts.push(format!("registered in {d}, {regency}"));
    }
    if let Some(s) = n.sex() {
        parts.push(format!("sex {}", s.letter()));
    }
    let issues = n.issues();
    use crate::normalize::nik::NikIssues as I;
    for (flag, text) in [
        (I::MASKED, "masked"),
        (
            I::EXCEL_DAMAGED,
            "damaged by a spreadsheet: never an exact match",
        ),
        (I::UNKNOWN_PROVINCE, "unknown province code"),
        (I::UNKNOWN_REGENCY, "unknown regency code"),
        (I::UNKNOWN_DISTRICT, "unknown district code"),
        (I::BAD_BIRTH_DATE, "birth digits are not a date"),
        (I::SERIAL_ZERO, "serial 0000"),
    ] {
        if issues.contains(flag) {
            parts.push(text.to_string());
        }
    }
    if parts.is_empty() {
        "valid".to_string()
    } else {
        parts.join("; ")
    }
}
