//! File forms (`--variant`): delimiter, encoding and line ending, header spellings, how dates are
//! written, NIK masking (DOMAIN §3.1, §3.4, §3.5).
//!
//! The data (who is on the roll) never depends on the form: format choices draw from their own random
//! streams, so `--variant mixed-dates` writes the same people as the standard form.

use crate::cli::VariantArg;

use super::date::{Date, DateStyle, push_date};
use super::rng::{Rng, stream};

/// NIK/NKK masks seen in shared DPT copies (DOMAIN §3.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mask {
    /// `327301**********` (cekdptonline, Pilkada 2020): region only.
    Region,
    /// `327301570890****` (Pemilu 2019 copies to parties): last four starred.
    LastFour,
    /// `327301xxxxxx0003`: the six birth-date digits crossed out (Pemilu 2024 party copies, probably).
    BirthDate,
}

/// The chosen form of both output files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub delimiter: u8,
    pub cp1252: bool,
    pub crlf: bool,
    pub mixed_dates: bool,
    pub masked_nik: bool,
    pub alt_headers: bool,
    /// Which of the two alternative header sets (chosen from the seed).
    pub alt_set: u8,
}

impl Form {
    pub fn new(variants: &[VariantArg], seed: u64) -> Form {
        let has = |v: VariantArg| variants.contains(&v);
        Form {
            delimiter: if has(VariantArg::Semicolon) {
                b';'
            } else {
                b','
            },
            cp1252: has(VariantArg::Cp1252),
            crlf: has(VariantArg::Cp1252),
            mixed_dates: has(VariantArg::MixedDates),
            masked_nik: has(VariantArg::MaskedNik),
            alt_headers: has(VariantArg::AltHeaders),
            alt_set: (Rng::new(seed, &[stream::HEADERS]).next() & 1) as u8,
        }
    }

    #[cfg(test)]
    pub fn standard() -> Form {
        Form::new(&[], 0)
    }

    /// Names of the variants in effect (for README and summaries).
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.delimiter == b';' {
            parts.push("semicolon");
        }
        if self.cp1252 {
            parts.push("cp1252");
        }
        if self.mixed_dates {
            parts.push("mixed-dates");
        }
        if self.masked_nik {
            parts.push("masked-nik");
        }
        if self.alt_headers {
            parts.push("alt-headers");
        }
        if parts.is_empty() {
            "standard".to_string()
        } else {
            parts.join(" ")
        }
    }

    /// Foreign list with SURNAME and GIVEN NAMES in two columns.
    pub fn split_foreign_name(&self) -> bool {
        self.alt_headers && self.alt_set == 0
    }

    pub fn roll_header(&self) -> &'static [&'static str] {
        match (self.alt_headers, self.alt_set) {
            (false, _) => &ROLL_STANDARD,
            (true, 0) => &ROLL_ALT_A,
            (true, _) => &ROLL_ALT_B,
        }
    }

    pub fn foreign_header(&self) -> &'static [&'static str] {
        match (self.alt_headers, self.alt_set) {
            (false, _) => &FOREIGN_STANDARD,
            (true, 0) => &FOREIGN_ALT_A,
            (true, _) => &FOREIGN_ALT_B,
        }
    }

    /// Line ending.
    pub fn eol(&self) -> &'static str {
        if self.crlf { "\r\n" } else { "\n" }
    }
}

pub const ROLL_STANDARD: [&str; 19] = [
    "NO",
    "NKK",
    "NIK",
    "NAMA",
    "TEMPAT LAHIR",
    "TANGGAL LAHIR",
    "USIA",
    "JENIS KELAMIN",
    "STATUS PERKAWINAN",
    "ALAMAT",
    "RT",
    "RW",
    "DISABILITAS",
    "KETERANGAN",
    "TPS",
    "KELURAHAN",
    "KECAMATAN",
    "KABUPATEN/KOTA",
    "PROVINSI",
];
pub const ROLL_ALT_A: [&str; 19] = [
    "NO",
    "NO KK",
    "NIK",
    "NAMA PEMILIH",
    "TMP LAHIR",
    "TGL_LAHIR",
    "UMUR",
    "L/P",
    "STS KAWIN",
    "ALAMAT",
    "RT",
    "RW",
    "JENIS DISABILITAS",
    "KET",
    "NO TPS",
    "KEL/DESA",
    "KECAMATAN",
    "KAB/KOTA",
    "PROVINSI",
];
pub const ROLL_ALT_B: [&str; 19] = [
    "NO",
    "NO. KK",
    "NO NIK",
    "NAMA LENGKAP",
    "TEMPAT_LAHIR",
    "TGL LAHIR",
    "USIA",
    "JK",
    "KAWIN",
    "ALAMAT JALAN/DUKUH",
    "RT",
    "RW",
    "DISABILITAS",
    "KET",
    "TPS",
    "KELURAHAN/DESA",
    "KECAMATAN",
    "KAB/KOTA",
    "PROVINSI",
];
pub const FOREIGN_STANDARD: [&str; 14] = [
    "NO",
    "NAMA",
    "JENIS KELAMIN",
    "TEMPAT LAHIR",
    "TANGGAL LAHIR",
    "KEWARGANEGARAAN",
    "NO PASPOR",
    "JENIS IZIN TINGGAL",
    "NO IZIN TINGGAL",
    "TANGGAL BERAKHIR",
    "NIK",
    "ALAMAT",
    "KABUPATEN/KOTA",
    "PROVINSI",
];
pub const FOREIGN_ALT_A: [&str; 15] = [
    "NO",
    "SURNAME",
    "GIVEN NAMES",
    "SEX",
    "PLACE OF BIRTH",
    "DOB",
    "NATIONALITY",
    "PASSPORT NO",
    "PERMIT TYPE",
    "PERMIT NO",
    "VALID UNTIL",
    "NIK",
    "ADDRESS",
    "REGENCY/CITY",
    "PROVINCE",
];
pub const FOREIGN_ALT_B: [&str; 14] = [
    "NO",
    "NAME",
    "SEX",
    "PLACE OF BIRTH",
    "DOB",
    "NATIONALITY",
    "PASSPORT NO",
    "PERMIT TYPE",
    "PERMIT NO",
    "VALID UNTIL",
    "NIK",
    "ADDRESS",
    "CITY",
    "PROVINCE",
];

/// Writes CSV records into a `String`, quoting fields that need it.
pub struct Csv<'a> {
    pub buf: &'a mut String,
    delimiter: char,
    eol: &'static str,
    first: bool,
}

impl<'a> Csv<'a> {
    pub fn new(buf: &'a mut String, form: &Form) -> Csv<'a> {
        Csv {
            buf,
            delimiter: form.delimiter as char,
            eol: form.eol(),
            first: true,
        }
    }

    fn sep(&mut self) {
        if !self.first {
            self.buf.push(self.delimiter);
        }
        self.first = false;
    }

    /// A text field, quoted when it holds the delimiter, a quote or a line break.
    pub fn field(&mut self, s: &str) {
        self.sep();
        if s.bytes()
            .any(|b| b == self.delimiter as u8 || b == b'"' || b == b'\n' || b == b'\r')
        {
            self.buf.push('"');
            self.buf.push_str(&s.replace('"', "\"\""));
            self.buf.push('"');
        } else {
            self.buf.push_str(s);
        }
    }

    /// A field written by `f` straight into the buffer (must not need quoting).
    pub fn raw(&mut self, f: impl FnOnce(&mut String)) {
        self.sep();
        f(self.buf);
    }

    pub fn end(&mut self) {
        self.buf.push_str(self.eol);
        self.first = true;
    }

    pub fn record<S: AsRef<str>>(&mut self, fields: &[S]) {
        for f in fields {
            self.field(f.as_ref());
        }
        self.end();
    }
}

/// The date style for one value: `DD-MM-YYYY`, or with `mixed-dates` a random mix.
pub fn date_style(rng: &mut Rng, form: &Form, standard: DateStyle) -> DateStyle {
    if !form.mixed_dates {
        return standard;
    }
    match rng.weighted_index(&[40.0, 20.0, 10.0, 7.0, 3.0, 10.0, 10.0]) {
        0 => DateStyle::Dmy(b'-'),
        1 => DateStyle::Dmy(b'/'),
        2 => DateStyle::DmyShort,
        3 => DateStyle::Indonesian { old: false },
        4 => DateStyle::Indonesian { old: true },
        5 => DateStyle::Iso,
        _ => DateStyle::Excel,
    }
}

pub fn push_date_styled(buf: &mut String, d: Date, style: DateStyle) {
    push_date(buf, d, style);
}

/// The mask a village's sheet uses (most: region only).
pub fn mask_for(rng_word: u64) -> Mask {
    match rng_word % 10 {
        0 => Mask::LastFour,
        1 => Mask::BirthDate,
        _ => Mask::Region,
    }
}

/// A 16-digit number written with `mask`.
pub fn push_masked(buf: &mut String, n: u64, mask: Mask) {
    let d = super::nik::digits(n);
    for (i, x) in d.iter().enumerate() {
        let hidden = match mask {
            Mask::Region => i >= 6,
            Mask::LastFour => i >= 12,
            Mask::BirthDate => (6..12).contains(&i),
        };
        buf.push(if !hidden {
            (b'0' + x) as char
        } else if mask == Mask::BirthDate {
            'x'
        } else {
            '*'
        });
    }
}

/// Bytes of a chunk of UTF-8 text in the output encoding.
pub fn encode(form: &Form, text: &str, out: &mut Vec<u8>) {
    if form.cp1252 {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
        debug_assert!(
            !unmappable,
            "every generated character exists in Windows-1252"
        );
        out.extend_from_slice(&bytes);
    } else {
        out.extend_from_slice(text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let form = Form::standard();
        let mut s = String::new();
        let mut w = Csv::new(&mut s, &form);
        w.record(&["A", "HJ. SITI, S.PD.", "MA'RUF", "SAY \"HI\""]);
        assert_eq!(s, "A,\"HJ. SITI, S.PD.\",MA'RUF,\"SAY \"\"HI\"\"\"\n");
        let semi = Form::new(&[VariantArg::Semicolon], 0);
        let mut s = String::new();
        Csv::new(&mut s, &semi).record(&["HJ. SITI, S.PD.", "X;Y"]);
        assert_eq!(s, "HJ. SITI, S.PD.;\"X;Y\"\n");
    }

    #[test]
    fn masks() {
        let n = 3273015708900003;
        let cases = [
            ("region", Mask::Region, "327301**********"),
            ("last four", Mask::LastFour, "327301570890****"),
            ("birth date", Mask::BirthDate, "327301xxxxxx0003"),
        ];
        for (label, mask, want) in cases {
            let mut s = String::new();
            push_masked(&mut s, n, mask);
            assert_eq!(s, want, "{label}");
        }
    }

    #[test]
    fn cp1252_bytes_and_line_endings() {
        let form = Form::new(&[VariantArg::Cp1252], 0);
        assert_eq!(form.eol(), "\r\n");
        let mut out = Vec::new();
        encode(&form, "MÜLLER JOSÉ PEÑA", &mut out);
        assert_eq!(out, b"M\xdcLLER JOS\xc9 PE\xd1A");
    }

    #[test]
    fn header_sets_have_the_same_width() {
        for alt_set in [0u8, 1] {
            let mut f = Form::new(&[VariantArg::AltHeaders], 0);
            f.alt_set = alt_set;
            assert_eq!(f.roll_header().len(), ROLL_STANDARD.len());
            assert!(f.foreign_header().len() >= FOREIGN_STANDARD.len());
        }
    }
}
