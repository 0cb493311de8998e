//! Columns: which header means which field, from a table of real spellings, and `--map`.
//!
//! Headers are compared after folding: upper case, every character that is not a letter or a
//! digit removed (`Tgl. Lahir`, `TGL_LAHIR` and `tgl lahir` all become `TGLLAHIR`). A field may
//! come from several columns joined (`SURNAME+GIVEN NAMES`).

use std::fmt;

use anyhow::{Context, Result, bail};

/// Which list a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Dpt,
    Foreign,
}

impl Side {
    pub fn label(self) -> &'static str {
        match self {
            Side::Dpt => "dpt",
            Side::Foreign => "foreign",
        }
    }
}

/// A field dpt-screen reads. Columns that map to no field are ignored (never output).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    Surname,
    GivenNames,
    BirthDate,
    Sex,
    Nik,
    Nkk,
    Passport,
    Nationality,
    Birthplace,
    Tps,
    Village,
    District,
    Regency,
    Province,
    PermitType,
    PermitNumber,
    PermitExpiry,
    /// Recognised only so that it is knowingly dropped: disability is sensitive health data
    /// (UU PDP) and never reaches an output.
    Disability,
}

impl Field {
    pub const ALL: [Field; 19] = [
        Field::Name,
        Field::Surname,
        Field::GivenNames,
        Field::BirthDate,
        Field::Sex,
        Field::Nik,
        Field::Nkk,
        Field::Passport,
        Field::Nationality,
        Field::Birthplace,
        Field::Tps,
        Field::Village,
        Field::District,
        Field::Regency,
        Field::Province,
        Field::PermitType,
        Field::PermitNumber,
        Field::PermitExpiry,
        Field::Disability,
    ];
    pub const COUNT: usize = Field::ALL.len();

    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Surname => "surname",
            Field::GivenNames => "given_names",
            Field::BirthDate => "birth_date",
            Field::Sex => "sex",
            Field::Nik => "nik",
            Field::Nkk => "nkk",
            Field::Passport => "passport",
            Field::Nationality => "nationality",
            Field::Birthplace => "birthplace",
            Field::Tps => "tps",
            Field::Village => "village",
            Field::District => "district",
            Field::Regency => "regency",
            Field::Province => "province",
            Field::PermitType => "permit_type",
            Field::PermitNumber => "permit_number",
            Field::PermitExpiry => "permit_expiry",
            Field::Disability => "disability",
        }
    }

    fn from_key(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == s)
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Header spellings, already folded (see [`fold_header`]). First match in a file wins.
/// Sources: Bawaslu form A1.DP-1, SIDALIH, cekdptonline, Model A (DOMAIN §3.1); permit lists
/// and passport-based lists (DOMAIN §4).
const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::Name,
        &[
            "NAMA",
            "NAMALENGKAP",
            "NAMAPEMILIH",
            "NAME",
            "FULLNAME",
            "NAMAWNA",
            "NAMAORANGASING",
            "NAMASESUAIPASPOR",
            "NAMAPASPOR",
            "NAMAPENDUDUK",
            "NAMAPEMEGANG",
        ],
    ),
    (
        Field::Surname,
        &[
            "SURNAME",
            "FAMILYNAME",
            "LASTNAME",
            "NAMAKELUARGA",
            "PRIMARYIDENTIFIER",
            "NAMABELAKANG",
        ],
    ),
    (
        Field::GivenNames,
        &[
            "GIVENNAMES",
            "GIVENNAME",
            "FIRSTNAME",
            "FORENAMES",
            "FORENAME",
            "NAMADEPAN",
            "SECONDARYIDENTIFIER",
        ],
    ),
    (
        Field::BirthDate,
        &[
            "TGLLAHIR",
            "TANGGALLAHIR",
            "TGLLHR",
            "TANGGALLHR",
            "TGLLAHIRDDMMYYYY",
            "DOB",
            "DATEOFBIRTH",
            "BIRTHDATE",
            "DATEBIRTH",
        ],
    ),
    (
        Field::Sex,
        &[
            "JENISKELAMIN",
            "JK",
            "LP",
            "SEX",
            "GENDER",
            "KELAMIN",
            "JNSKELAMIN",
            "JENKEL",
        ],
    ),
    (
        Field::Nik,
        &[
            "NIK",
            "NONIK",
            "NOMORNIK",
            "NOMORINDUKKEPENDUDUKAN",
            "NIKKTP",
            "NIKKTPEL",
        ],
    ),
    (
        Field::Nkk,
        &[
            "NKK",
            "NOKK",
            "NOMORKK",
            "NOMORKARTUKELUARGA",
            "NOKARTUKELUARGA",
        ],
    ),
    (
        Field::Passport,
        &[
            "NOPASPOR",
            "NOMORPASPOR",
            "PASPOR",
            "NOPASPORT",
            "PASSPORTNO",
            "PASSPORTNUMBER",
            "PASSPORT",
            "NODOKUMENPERJALANAN",
        ],
    ),
    (
        Field::Nationality,
        &[
            "KEWARGANEGARAAN",
            "NATIONALITY",
            "WARGANEGARA",
            "KEBANGSAAN",
            "CITIZENSHIP",
            "NEGARA",
        ],
    ),
    (
        Field::Birthplace,
        &[
            "TEMPATLAHIR",
            "TMPLAHIR",
            "TMPTLAHIR",
            "TEMPATLHR",
            "PLACEOFBIRTH",
            "BIRTHPLACE",
        ],
    ),
    (Field::Tps, &["TPS", "NOTPS", "NOMORTPS", "KODETPS"]),
    (
        Field::Village,
        &[
            "KELURAHANDESA",
            "KELURAHAN",
            "DESA",
            "DESAKELURAHAN",
            "KELDESA",
            "DESAKEL",
            "KEL",
            "VILLAGE",
        ],
    ),
    (Field::District, &["KECAMATAN", "KEC", "DISTRICT"]),
    (
        Field::Regency,
        &[
            "KABUPATENKOTA",
            "KABKOTA",
            "KABUPATEN",
            "KOTA",
            "KABKOT",
            "KOTAKABUPATEN",
            "REGENCY",
            "CITY",
            "REGENCYCITY",
        ],
    ),
    (
        Field::Province,
        &["PROVINSI", "PROPINSI", "PROV", "PROVINCE"],
    ),
    (
        Field::PermitType,
        &[
            "JENISIZINTINGGAL",
            "JENISIZIN",
            "IZINTINGGAL",
            "PERMITTYPE",
            "TIPEIZIN",
            "JENISITAS",
        ],
    ),
    (
        Field::PermitNumber,
        &[
            "NOIZINTINGGAL",
            "NOMORIZINTINGGAL",
            "NOIZIN",
            "NOKITAS",
            "NOKITAP",
            "NOITAS",
            "NOITAP",
            "NOREGISTER",
            "PERMITNO",
            "PERMITNUMBER",
        ],
    ),
    (
        Field::PermitExpiry,
        &[
            "TANGGALBERAKHIR",
            "TGLBERAKHIR",
            "BERLAKUSD",
            "BERLAKUSAMPAI",
            "BERLAKUHINGGA",
            "MASABERLAKU",
            "TGLHABISBERLAKU",
            "VALIDUNTIL",
            "EXPIRYDATE",
            "DATEOFEXPIRY",
            "EXPIRY",
        ],
    ),
    (
        Field::Disability,
        &["DISABILITAS", "JENISDISABILITAS", "DIFABEL", "DISABILITY"],
    ),
];

/// Fold a header for comparison: ASCII upper case, letters and digits only.
pub fn fold_header(h: &str) -> String {
    h.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The field a folded header names, if any.
pub fn field_for_header(folded: &str) -> Option<Field> {
    SYNONYMS
        .iter()
        .find(|(_, names)| names.contains(&folded))
        .map(|(f, _)| *f)
}

/// A user override from `--map SIDE.FIELD=HEADER[+HEADER...]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapOverride {
    pub side: Side,
    pub field: Field,
    pub headers: Vec<String>,
}

impl MapOverride {
    /// Parse one `--map` value.
    pub fn parse(s: &str) -> Result<MapOverride> {
        let (lhs, rhs) = s
            .split_once('=')
            .with_context(|| format!("--map {s:?}: expected SIDE.FIELD=HEADER"))?;
        let (side, field) = lhs.trim().split_once('.').with_context(|| {
            format!("--map {s:?}: expected SIDE.FIELD before '=', e.g. dpt.name")
        })?;
        let side = match side.to_ascii_lowercase().as_str() {
            "dpt" => Side::Dpt,
            "foreign" => Side::Foreign,
            other => bail!("--map {s:?}: side {other:?} is not `dpt` or `foreign`"),
        };
        let field = Field::from_key(&field.to_ascii_lowercase()).with_context(|| {
            let names: Vec<_> = Field::ALL.iter().map(|f| f.key()).collect();
            format!(
                "--map {s:?}: unknown field {field:?}; fields: {}",
                names.join(", ")
            )
        })?;
        let headers: Vec<String> = rhs.split('+').map(|h| h.trim().to_string()).collect();
        if headers.iter().any(|h| h.is_empty()) {
            bail!("--map {s:?}: empty column name after '='");
        }
        Ok(MapOverride {
            side,
            field,
            headers,
        })
    }
}

/// Where each field comes from in one file: column indexes (several = joined).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap {
    cols: [Vec<usize>; Field::COUNT],
}

impl ColumnMap {
    /// Columns of `field` (empty if absent).
    pub fn get(&self, field: Field) -> &[usize] {
        &self.cols[field.index()]
    }

    pub fn has(&self, field: Field) -> bool {
        !self.cols[field.index()].is_empty()
    }

    /// Fields found, in `Field::ALL` order, with their columns.
    pub fn found(&self) -> impl Iterator<Item = (Field, &[usize])> {
        Field::ALL
            .into_iter()
            .filter(|f| self.has(*f))
            .map(|f| (f, self.get(f)))
    }

    /// Number of fields found (a header-row detector score).
    pub fn count(&self) -> usize {
        self.cols.iter().filter(|c| !c.is_empty()).count()
    }

    /// Map `headers` by the synonym table, then apply the overrides for `side`.
    /// An override naming a header that does not exist is an error listing the headers.
    pub fn build(headers: &[String], side: Side, overrides: &[MapOverride]) -> Result<ColumnMap> {
        let folded: Vec<String> = headers.iter().map(|h| fold_header(h)).collect();
        let mut map = ColumnMap::default();
        for (i, h) in folded.iter().enumerate() {
            if let Some(f) = field_for_header(h) {
                if !map.has(f) {
                    map.cols[f.index()] = vec![i];
                }
            }
        }
        for o in overrides.iter().filter(|o| o.side == side) {
            let mut cols = Vec::with_capacity(o.headers.len());
            for want in &o.headers {
                let fw = fold_header(want);
                let i = headers
                    .iter()
                    .position(|h| h.trim() == want.trim())
                    .or_else(|| folded.iter().position(|h| *h == fw))
                    .with_context(|| {
                        format!(
                            "--map {}.{}: no column {want:?}; headers found: {}",
                            side.label(),
                            o.field,
                            quote_list(headers)
                        )
                    })?;
                cols.push(i);
            }
            // A column can only feed one field: an override takes it from any other field.
            for c in map.cols.iter_mut() {
                c.retain(|i| !cols.contains(i));
            }
            map.cols[o.field.index()] = cols;
        }
        Ok(map)
    }

    /// Check that the fields screening needs are present; the error lists the headers found
    /// and the `--map` that would fix it.
    pub fn require(&self, side: Side, headers: &[String], file: &str) -> Result<()> {
        let has_name =
            self.has(Field::Name) || self.has(Field::Surname) || self.has(Field::GivenNames);
        if !has_name {
            bail!(
                "{file}: no name column (looked for NAMA, NAMA LENGKAP, NAMA PEMILIH, NAME, SURNAME + GIVEN NAMES, ...); \
                 headers found: {}; name the column with --map {}.name=HEADER",
                quote_list(headers),
                side.label()
            );
        }
        if !self.has(Field::BirthDate) && !self.has(Field::Nik) && !self.has(Field::Passport) {
            bail!(
                "{file}: no birth date, NIK or passport column (looked for TGL LAHIR, TANGGAL LAHIR, DOB, NIK, NO PASPOR, ...); \
                 headers found: {}; name one with --map {}.birth_date=HEADER",
                quote_list(headers),
                side.label()
            );
        }
        Ok(())
    }
}

fn quote_list(headers: &[String]) -> String {
    let shown: Vec<String> = headers.iter().take(40).map(|h| format!("{h:?}")).collect();
    let more = if headers.len() > 40 {
        format!(" (+{} more)", headers.len() - 40)
    } else {
        String::new()
    };
    format!("{}{more}", shown.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(s: &[&str]) -> Vec<String> {
        s.iter().map(|h| h.to_string()).collect()
    }

    #[test]
    fn header_spellings_map_to_fields() {
        let cases: &[(&str, &str, Option<Field>)] = &[
            ("plain", "NAMA", Some(Field::Name)),
            ("lower with space", "nama lengkap", Some(Field::Name)),
            ("underscore", "NAMA_PEMILIH", Some(Field::Name)),
            ("dots", "Tgl. Lahir", Some(Field::BirthDate)),
            ("L/P", "L/P", Some(Field::Sex)),
            ("JK", "JK", Some(Field::Sex)),
            ("NO. KK", "NO. KK", Some(Field::Nkk)),
            ("kab/kota", "KAB/KOTA", Some(Field::Regency)),
            ("kelurahan/desa", "KELURAHAN/DESA", Some(Field::Village)),
            ("berlaku s/d", "BERLAKU S/D", Some(Field::PermitExpiry)),
            ("passport english", "Passport No.", Some(Field::Passport)),
            ("given names", "Given Names", Some(Field::GivenNames)),
            ("disability known", "DISABILITAS", Some(Field::Disability)),
            ("unknown", "PEKERJAAN", None),
            ("empty", "", None),
        ];
        for (label, h, want) in cases {
            assert_eq!(field_for_header(&fold_header(h)), *want, "{label}: {h:?}");
        }
    }

    #[test]
    fn every_synonym_is_folded_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for (f, names) in SYNONYMS {
            for n in *names {
                assert_eq!(fold_header(n), *n, "{f}: {n} is not folded");
                assert!(seen.insert(*n), "{n} listed twice");
            }
        }
    }

    #[test]
    fn first_matching_column_wins() {
        let h = headers(&["NO", "NAMA", "NAMA LENGKAP", "KABUPATEN", "KOTA"]);
        let m = ColumnMap::build(&h, Side::Dpt, &[]).unwrap();
        assert_eq!(m.get(Field::Name), &[1]);
        assert_eq!(m.get(Field::Regency), &[3]);
    }

    #[test]
    fn map_override_joins_columns_and_takes_them_from_other_fields() {
        let h = headers(&["SURNAME", "GIVEN NAMES", "DOB"]);
        let o = MapOverride::parse("foreign.name=SURNAME+GIVEN NAMES").unwrap();
        let m = ColumnMap::build(&h, Side::Foreign, &[o]).unwrap();
        assert_eq!(m.get(Field::Name), &[0, 1]);
        assert!(!m.has(Field::Surname));
        assert!(!m.has(Field::GivenNames));
    }

    #[test]
    fn map_override_for_other_side_is_ignored() {
        let h = headers(&["NAMA_PEMILIH_X", "TGL"]);
        let o = MapOverride::parse("foreign.name=NAMA_PEMILIH_X").unwrap();
        let m = ColumnMap::build(&h, Side::Dpt, &[o]).unwrap();
        assert!(!m.has(Field::Name));
    }

    #[test]
    fn map_override_errors_name_the_problem() {
        let cases: &[(&str, &str)] = &[
            ("nama", "expected SIDE.FIELD=HEADER"),
            ("x.name=A", "side \"x\" is not `dpt` or `foreign`"),
            ("dpt.nama=A", "unknown field \"nama\""),
            ("dpt.name=", "empty column name"),
        ];
        for (arg, want) in cases {
            let e = MapOverride::parse(arg).unwrap_err().to_string();
            assert!(e.contains(want), "{arg}: {e}");
        }
        let h = headers(&["A", "B"]);
        let o = MapOverride::parse("dpt.name=C").unwrap();
        let e = ColumnMap::build(&h, Side::Dpt, &[o])
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "--map dpt.name: no column \"C\"; headers found: \"A\", \"B\""
        );
    }

    #[test]
    fn missing_required_columns_say_how_to_fix() {
        let h = headers(&["NOMOR", "PEMILIH"]);
        let m = ColumnMap::build(&h, Side::Dpt, &[]).unwrap();
        let e = m
            .require(Side::Dpt, &h, "roll.csv")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("roll.csv: no name column"), "{e}");
        assert!(e.contains("headers found: \"NOMOR\", \"PEMILIH\""), "{e}");
        assert!(e.ends_with("--map dpt.name=HEADER"), "{e}");
    }
}
