//! Kemendagri region codes (provinces, regencies, districts of every list 2016-2025), embedded
//! from `data/wilayah/regions.csv` (cahyadsn/wilayah, MIT; see data/wilayah/LICENSE).
//!
//! Takes a NIK prefix (2, 4 or 6 digits, no dots) and gives back the region's name as the
//! table spells it (older lists upper-case, 2025 mixed case), or `None` when no list from 2016
//! to 2025 has that code. The table is the union of all those lists on purpose: a NIK keeps the
//! code of the place it was first registered, so a `92`/`91` prefix from before the 2022 Papua
//! split is still a known code (DOMAIN §1.3). Which list a code came from, and whether a prefix
//! matches where a voter lives now, is left to callers (it never should: DOMAIN §8 item 5).

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// The embedded table, `code,nik_prefix,level,name,first_year,last_year`.
const REGIONS_CSV: &str = include_str!("../../data/wilayah/regions.csv");

/// The embedded region table: one map per level, keyed by the NIK prefix read as a number
/// (the level fixes the number of digits, so `11` the province and `0011` cannot collide).
pub struct Regions {
    provinces: FxHashMap<u32, &'static str>,
    regencies: FxHashMap<u32, &'static str>,
    districts: FxHashMap<u32, &'static str>,
}

static REGIONS: LazyLock<Regions> = LazyLock::new(|| Regions::from_csv(REGIONS_CSV));

/// The process-wide region table, parsed once on first use.
pub fn regions() -> &'static Regions {
    &REGIONS
}

impl Regions {
    /// Parse the embedded CSV. It is part of the binary, so a malformed line is a bug: panic.
    fn from_csv(csv: &'static str) -> Regions {
        let mut r = Regions {
            provinces: FxHashMap::default(),
            regencies: FxHashMap::default(),
            districts: FxHashMap::default(),
        };
        for (i, line) in csv.lines().enumerate().skip(1) {
            let mut f = line.split(',');
            let (_code, prefix, level, name) = (f.next(), f.next(), f.next(), f.next());
            let (Some(prefix), Some(level), Some(name)) = (prefix, level, name) else {
                panic!("regions.csv line {}: too few fields", i + 1);
            };
            let key = digits_value(prefix.as_bytes())
                .unwrap_or_else(|| panic!("regions.csv line {}: bad prefix", i + 1));
            let (map, width) = match level {
                "province" => (&mut r.provinces, 2),
                "regency" => (&mut r.regencies, 4),
                "district" => (&mut r.districts, 6),
                _ => panic!("regions.csv line {}: unknown level", i + 1),
            };
            assert_eq!(
                prefix.len(),
                width,
                "regions.csv line {}: prefix width",
                i + 1
            );
            map.insert(key, name);
        }
        r
    }

    /// Name of the province with this 2-digit code, if it exists in any list.
    pub fn province(&self, code: &str) -> Option<&str> {
        lookup(&self.provinces, code, 2)
    }
    /// Name of the regency/city with this 4-digit code (no dots), if it exists in any list.
    pub fn regency(&self, code: &str) -> Option<&str> {
        lookup(&self.regencies, code, 4)
    }
    /// Name of the district (kecamatan) with this 6-digit code (no dots), if in any list.
    pub fn district(&self, code: &str) -> Option<&str> {
        lookup(&self.districts, code, 6)
    }

    /// Whether the 2-digit province code `code` (e.g. `32`) is in any list.
    pub(crate) fn has_province(&self, code: u32) -> bool {
        self.provinces.contains_key(&code)
    }
    /// Whether the 4-digit regency code `code` (e.g. `3273`) is in any list.
    pub(crate) fn has_regency(&self, code: u32) -> bool {
        self.regencies.contains_key(&code)
    }
    /// Whether the 6-digit district code `code` (e.g. `327301`) is in any list.
    pub(crate) fn has_district(&self, code: u32) -> bool {
        self.districts.contains_key(&code)
    }
}

/// Look `code` up when it is exactly `width` ASCII digits.
fn lookup<'a>(map: &'a FxHashMap<u32, &'static str>, code: &str, width: usize) -> Option<&'a str> {
    if code.len() != width {
        return None;
    }
    map.get(&digits_value(code.as_bytes())?).copied()
}

/// The value of a run of ASCII digits, `None` if any byte is not a digit (or it is empty).
fn digits_value(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 {
        return None;
    }
    bytes.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_every_level() {
        let r = regions();
        assert_eq!(r.provinces.len(), 38, "provinces 2016-2025");
        assert_eq!(r.regencies.len(), 540, "regencies in any list");
        assert_eq!(r.districts.len(), 7879, "districts in any list");
    }

    #[test]
    fn province_lookup() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("aceh", "11", Some("Aceh")),
            ("jawa barat", "32", Some("Jawa Barat")),
            ("papua (pre-split)", "91", Some("Papua")),
            ("papua barat (pre-split)", "92", Some("Papua Barat")),
            ("papua selatan", "93", Some("Papua Selatan")),
            ("papua tengah", "94", Some("Papua Tengah")),
            ("papua pegunungan", "95", Some("Papua Pegunungan")),
            ("papua barat daya", "96", Some("Papua Barat Daya")),
            ("old-style 10 never Kemendagri 2016+", "10", None),
            ("99 unused", "99", None),
            ("old-style 09", "09", None),
            ("one digit", "3", None),
            ("three digits", "320", None),
            ("letters", "3a", None),
            ("empty", "", None),
        ];
        for &(label, code, want) in cases {
            assert_eq!(regions().province(code), want, "{label}");
        }
    }

    #[test]
    fn regency_and_district_lookup() {
        let r = regions();
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            ("kota bandung", r.regency("3273"), Some("Kota Bandung")),
            ("kota surabaya", r.regency("3578"), Some("Kota Surabaya")),
            (
                "sorong under 92 before the split",
                r.regency("9201"),
                Some("KAB. SORONG"),
            ),
            (
                "sorong under 96 from 2025",
                r.regency("9601"),
                Some("Kabupaten Sorong"),
            ),
            (
                "merauke under 91 before the split",
                r.regency("9101"),
                Some("KAB. MERAUKE"),
            ),
            ("unknown regency", r.regency("3299"), None),
            ("dotted code is not a prefix", r.regency("32.73"), None),
            (
                "bandung district 01",
                r.district("327301").map(|_| "found"),
                Some("found"),
            ),
            ("unknown district", r.district("327399"), None),
            ("district needs 6 digits", r.district("32730"), None),
        ];
        for &(label, got, want) in cases {
            assert_eq!(got, want, "{label}");
        }
    }

    #[test]
    fn numeric_membership_matches_string_lookup() {
        let r = regions();
        assert!(r.has_province(32) && !r.has_province(10) && !r.has_province(99));
        assert!(r.has_regency(3273) && r.has_regency(9201) && !r.has_regency(3299));
        assert!(r.has_district(327301) && !r.has_district(327399));
    }
}
