//! One record of an opened file, seen through its column map: trimmed UTF-8 text per field,
//! and the checks that decide whether the row can be read at all.

use std::borrow::Cow;

use super::{ColumnMap, Field};
use crate::error::RowError;
use crate::normalize::RawPerson;

/// The text of the fields that take part in matching.
#[derive(Clone, Debug, Default)]
pub struct PersonText<'a> {
    pub name: Cow<'a, str>,
    pub birth_date: Cow<'a, str>,
    pub sex: Cow<'a, str>,
    pub nik: Cow<'a, str>,
    pub passport: Cow<'a, str>,
    pub birthplace: Cow<'a, str>,
}

impl PersonText<'_> {
    pub fn raw(&self) -> RawPerson<'_> {
        RawPerson {
            name: &self.name,
            birth_date: &self.birth_date,
            sex: &self.sex,
            nik: &self.nik,
            passport: &self.passport,
            birthplace: &self.birthplace,
        }
    }
}

/// A csv record and the map that says which column holds which field.
#[derive(Clone, Copy)]
pub struct RecordView<'a> {
    pub record: &'a csv::ByteRecord,
    pub columns: &'a ColumnMap,
    pub headers: &'a [String],
    /// All of the record's field bytes as text, when they are valid UTF-8: checked once per
    /// record (one pass over the row) instead of once per field read.
    whole: Option<&'a str>,
    /// Some field holds a line break (a quoted value spanning lines; rare): only then are
    /// the fields read checked for one.
    line_break: bool,
}

impl<'a> RecordView<'a> {
    pub fn new(
        record: &'a csv::ByteRecord,
        columns: &'a ColumnMap,
        headers: &'a [String],
    ) -> RecordView<'a> {
        let bytes = record.as_slice();
        RecordView {
            record,
            columns,
            headers,
            whole: simdutf8::basic::from_utf8(bytes).ok(),
            line_break: memchr::memchr(b'\n', bytes).is_some(),
        }
    }

    /// Whether every field of the record reads without error: all of it is ASCII (no field
    /// can be invalid UTF-8, or start or end inside a character) and no field spans lines,
    /// the only two reasons `text` fails. A caller that reads a field only to check it can
    /// skip the read when this holds. (Worked out when asked: most views never ask.)
    pub fn every_field_reads(&self) -> bool {
        !self.line_break && self.record.as_slice().is_ascii()
    }

    /// True when every field is empty or blank (a spreadsheet's trailing `,,,,` row).
    pub fn is_blank(&self) -> bool {
        self.record.as_slice().iter().all(u8::is_ascii_whitespace)
    }

    /// The row has as many fields as the header (extra trailing empty fields are tolerated,
    /// since spreadsheets add them; missing fields are not: they would shift or lose data).
    pub fn check_shape(&self) -> Result<(), RowError> {
        let expected = self.headers.len();
        let found = self.record.len();
        let extra_blank = found > expected
            && self
                .record
                .iter()
                .skip(expected)
                .all(|f| f.iter().all(u8::is_ascii_whitespace));
        if found == expected || extra_blank {
            return Ok(());
        }
        // A field spanning lines in a short record: an unclosed quote swallowed the rest.
        if let Some((c, f)) = self
            .record
            .iter()
            .enumerate()
            .find(|(_, f)| f.contains(&b'\n'))
        {
            let f = f.trim_ascii_end();
            let lines = f.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            return Err(RowError::BrokenQuoting {
                column: self.header(c),
                lines,
            });
        }
        Err(RowError::FieldCount { found, expected })
    }

    /// Trimmed text of `field` ("" if the file has no such column). Several mapped columns
    /// are joined with `sep`. A value spanning lines, or not UTF-8, rejects the row.
    #[inline]
    pub fn text(&self, field: Field, sep: &str) -> Result<Cow<'a, str>, RowError> {
        let cols = self.columns.get(field);
        match cols {
            [] => Ok(Cow::Borrowed("")),
            [c] => self.column(*c).map(Cow::Borrowed),
            many => {
                let mut out = String::new();
                for &c in many {
                    let t = self.column(c)?;
                    if !t.is_empty() {
                        if !out.is_empty() {
                            out.push_str(sep);
                        }
                        out.push_str(t);
                    }
                }
                Ok(Cow::Owned(out))
            }
        }
    }

    /// Trimmed text of column `c`: the common case (the record is UTF-8 and holds no line
    /// break) inline, without building a `Result` in memory; everything else in `read_column`.
    #[inline]
    fn column(&self, c: usize) -> Result<&'a str, RowError> {
        if !self.line_break
            && let Some(bytes) = self.record.get(c)
        {
            let bytes = bytes.trim_ascii();
            let plain = |b: Option<&u8>| b.is_none_or(|&c| c < 0x80 && c != 0x0b);
            if plain(bytes.first())
                && plain(bytes.last())
                && let Some(text) = self.slice_of_whole(bytes)
            {
                return Ok(text);
            }
        }
        self.read_column(c)
    }

    #[cold]
    #[inline(never)]
    fn read_column(&self, c: usize) -> Result<&'a str, RowError> {
        // ASCII blanks first (the common case, no decoding); then Unicode ones (a
        // spreadsheet's no-break space) only when some are left at either end. Same result
        // as `str::trim` on the whole field.
        let bytes = self.record.get(c).unwrap_or(b"").trim_ascii();
        let text = self
            .slice_of_whole(bytes)
            .or_else(|| std::str::from_utf8(bytes).ok())
            .ok_or_else(|| RowError::Encoding {
                column: self.header(c),
            })?;
        // U+000B and non-ASCII blanks are white space to `str::trim` but not to `trim_ascii`.
        let other_blank = |b: Option<&u8>| b.is_some_and(|&c| c >= 0x80 || c == 0x0b);
        let text = if other_blank(bytes.first()) || other_blank(bytes.last()) {
            text.trim()
        } else {
            text
        };
        if self.line_break && memchr::memchr(b'\n', text.as_bytes()).is_some() {
            let lines = text.bytes().filter(|&b| b == b'\n').count() as u64 + 1;
            return Err(RowError::BrokenQuoting {
                column: self.header(c),
                lines,
            });
        }
        Ok(text)
    }

    /// `bytes` (a part of one of the record's fields) as text, cut from the record's text
    /// validated once: `None` when the record is not UTF-8 or the cut is not on character
    /// boundaries (a multi-byte character split between fields), so the caller checks the
    /// field on its own.
    #[inline]
    fn slice_of_whole(&self, bytes: &[u8]) -> Option<&'a str> {
        let whole = self.whole?;
        // Where `bytes` sits in the record's buffer: plain address arithmetic, no unsafe.
        let start = (bytes.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
        whole.get(start..start + bytes.len())
    }

    fn header(&self, c: usize) -> String {
        self.headers
            .get(c)
            .cloned()
            .unwrap_or_else(|| format!("#{}", c + 1))
    }

    /// The matching fields' text. A name split over SURNAME and GIVEN NAMES columns is joined
    /// as `SURNAME, GIVEN NAMES` (passport order, which the name parser understands).
    pub fn person_text(&self) -> Result<PersonText<'a>, RowError> {
        let name = if self.columns.has(Field::Name) {
            self.text(Field::Name, " ")?
        } else {
            let surname = self.text(Field::Surname, " ")?;
            let given = self.text(Field::GivenNames, " ")?;
            match (surname.is_empty(), given.is_empty()) {
                (false, false) => Cow::Owned(format!("{surname}, {given}")),
                (false, true) => surname,
                _ => given,
            }
        };
        Ok(PersonText {
            name,
            birth_date: self.text(Field::BirthDate, " ")?,
            sex: self.text(Field::Sex, " ")?,
            nik: self.text(Field::Nik, "")?,
            passport: self.text(Field::Passport, "")?,
            birthplace: self.text(Field::Birthplace, " ")?,
        })
    }

    /// 1-based line where the record starts.
    pub fn line(&self) -> u64 {
        self.record.position().map_or(0, |p| p.line())
    }

    /// The record's text for the rejects file: fields joined by `delimiter`, digit runs of 7
    /// or more (NIK, NKK) masked after their 6th digit, at most 400 characters.
    pub fn masked_raw(&self, delimiter: u8) -> String {
        let mut out = String::new();
        for (i, f) in self.record.iter().enumerate() {
            if i > 0 {
                out.push(delimiter as char);
            }
            for ch in String::from_utf8_lossy(f).chars() {
                match ch {
                    '\n' => out.push_str("\\n"),
                    '\r' => {}
                    c => out.push(c),
                }
            }
            if out.len() > 400 {
                break;
            }
        }
        let mut masked = mask_digit_runs(&out);
        if masked.chars().count() > 400 {
            masked = masked.chars().take(399).collect::<String>() + "…";
        }
        masked
    }
}

/// Keep the first 6 digits of every run of 7 or more digits; replace the rest with `*`.
pub fn mask_digit_runs(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let run = &s[start..i];
            if run.len() >= 7 {
                out.push_str(&run[..6]);
                out.extend(std::iter::repeat_n('*', run.len() - 6));
            } else {
                out.push_str(run);
            }
        } else {
            let ch_len = s[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&s[i..i + ch_len]);
            i += ch_len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Side;

    fn view_of(headers: &[&str], fields: &[&[u8]], f: impl FnOnce(RecordView<'_>)) {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        let map = ColumnMap::build(&headers, Side::Dpt, &[]).unwrap();
        let rec = csv::ByteRecord::from(fields.to_vec());
        f(RecordView::new(&rec, &map, &headers));
    }

    #[test]
    fn masks_long_digit_runs_only() {
        let cases: &[(&str, &str, &str)] = &[
            ("nik", "3273015708900003", "327301**********"),
            (
                "nik in a line",
                "BUDI,3273015708900003,L",
                "BUDI,327301**********,L",
            ),
            (
                "short numbers kept",
                "RT 003 RW 12 TPS 001",
                "RT 003 RW 12 TPS 001",
            ),
            ("seven digits", "1234567", "123456*"),
            ("non-ascii kept", "JOSÉ 1234567890", "JOSÉ 123456****"),
        ];
        for (label, input, want) in cases {
            assert_eq!(mask_digit_runs(input), *want, "{label}");
        }
    }

    #[test]
    fn shape_check_tolerates_trailing_blank_fields_only() {
        view_of(&["NAMA", "NIK"], &[b"A", b"1"], |v| {
            assert!(v.check_shape().is_ok())
        });
        view_of(&["NAMA", "NIK"], &[b"A", b"1", b"", b" "], |v| {
            assert!(v.check_shape().is_ok())
        });
        view_of(&["NAMA", "NIK"], &[b"A", b"1", b"x"], |v| {
            assert_eq!(
                v.check_shape(),
                Err(RowError::FieldCount {
                    found: 3,
                    expected: 2
                })
            )
        });
        view_of(&["NAMA", "NIK"], &[b"A"], |v| {
            assert_eq!(
                v.check_shape(),
                Err(RowError::FieldCount {
                    found: 1,
                    expected: 2
                })
            )
        });
    }

    /// What `text` must give for one field: the value as UTF-8, trimmed of Unicode white
    /// space, rejected when not UTF-8 or spanning lines.
    fn reference(field: &[u8], header: &str) -> Result<String, RowError> {
        let text = std::str::from_utf8(field).map_err(|_| RowError::Encoding {
            column: header.into(),
        })?;
        let text = text.trim();
        if text.contains('\n') {
            let lines = text.matches('\n').count() as u64 + 1;
            return Err(RowError::BrokenQuoting {
                column: header.into(),
                lines,
            });
        }
        Ok(text.to_string())
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// Reading a field through the record's text validated once gives what validating and
        /// trimming the field alone gives, for blanks of every kind and characters split
        /// between fields; `every_field_reads` holds only when every field reads.
        #[test]
        fn text_matches_the_field_read_alone(
            fields in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        &b"A"[..], b" ", b"\t", b"\x0b", b"\n", b"\r", b"\xc2\xa0", b"\xc3\xa9",
                        b"\xc3", b"\xa9", b"\xe3\x80\x80", b"\xff",
                    ]),
                    0..6,
                ).prop_map(|parts| parts.concat()),
                3,
            )
        ) {
            let headers = ["NAMA", "NIK", "TPS"];
            let record: Vec<&[u8]> = fields.iter().map(|f| f.as_slice()).collect();
            view_of(&headers, &record, |v| {
                let mut all_read = true;
                for (i, f) in [Field::Name, Field::Nik, Field::Tps].into_iter().enumerate() {
                    let got = v.text(f, " ").map(|t| t.into_owned());
                    all_read &= got.is_ok();
                    assert_eq!(got, reference(&fields[i], headers[i]), "{:?}", fields[i]);
                }
                // The shortcut callers take to skip reads made only to check a field.
                assert!(all_read || !v.every_field_reads(), "{fields:?}");
                let ascii = fields.iter().all(|f| f.is_ascii() && !f.contains(&b'\n'));
                assert_eq!(v.every_field_reads(), ascii, "{fields:?}");
            });
        }
    }

    #[test]
    fn text_is_trimmed_checked_and_joined() {
        view_of(
            &["NAMA", "NIK", "TPS"],
            &[b"  BUDI ", b"\xc9", b"a\nb"],
            |v| {
                assert_eq!(v.text(Field::Name, " ").unwrap(), "BUDI");
                assert_eq!(
                    v.text(Field::Nik, " "),
                    Err(RowError::Encoding {
                        column: "NIK".into()
                    })
                );
                assert_eq!(
                    v.text(Field::Tps, " "),
                    Err(RowError::BrokenQuoting {
                        column: "TPS".into(),
                        lines: 2
                    })
                );
                assert_eq!(v.text(Field::Province, " ").unwrap(), "");
            },
        );
    }
}
