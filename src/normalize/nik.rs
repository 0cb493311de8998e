//! NIK (Nomor Induk Kependudukan): parse as a string, validate its structure, mask it for
//! display, compare two NIKs (mask-aware) into levels.
//!
//! Takes one raw NIK field and gives back a `Nik`: a 16-position pattern of known digits and
//! unknown positions, with the problems found (`NikIssues`), or a `NikError` when the text
//! is not a NIK at all. It reads NIKs the way rolls and lists actually hold them (DOMAIN §3.4,
//! §3.5, §8 items 1 and 4): masked at any positions (`*`, `x`, `X`, `#`), with spaces, dots or
//! dashes, wrapped by spreadsheets (`'327...`, `="327..."`), or damaged by Excel's 15-digit
//! limit (`3.27301E+15`, 15 digits, a 16th digit turned into 0). Structure is checked only on
//! known positions: region codes against every Kemendagri list 2016-2025 (`region`), the
//! birth-date field for either century, the serial. A NIK never prints in full except through
//! `reveal`. What an issue or a comparison level is worth as evidence is left to `score`;
//! which pairs to compare, to `block`. Parsing allocates only to build an error.

use std::fmt;

use super::date::{days_in_month, resolve_two_digit_year};
use super::region::regions;
use super::{BirthDate, Sex};

/// The byte `chars` holds for an unknown position.
const UNKNOWN: u8 = b'*';
/// All 16 positions known.
const ALL_KNOWN: u16 = u16::MAX;
/// Fewest positions two NIKs must both know before a comparison says anything.
const MIN_SHARED_KNOWN: u32 = 6;
/// 0-based birth-date field (positions 7-12), serial (13-16).
const DAY: usize = 6;
const MONTH: usize = 8;
const YEAR: usize = 10;
const SERIAL: usize = 12;

/// Problems found in a readable NIK (a bit set). A NIK with issues is still compared, but
/// `score` reports the issues and a damaged one is never an exact match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct NikIssues(u16);

impl NikIssues {
    pub const NONE: NikIssues = NikIssues(0);
    /// Positions 1-2 are not a province code in any Kemendagri list 2016-2025.
    pub const UNKNOWN_PROVINCE: NikIssues = NikIssues(1);
    /// Positions 1-4 are not a regency/city code in any list.
    pub const UNKNOWN_REGENCY: NikIssues = NikIssues(1 << 1);
    /// Positions 1-6 are not a district code in any list.
    pub const UNKNOWN_DISTRICT: NikIssues = NikIssues(1 << 2);
    /// Positions 7-12 are not a date (day 01-31 or 41-71, month 01-12, real calendar date).
    pub const BAD_BIRTH_DATE: NikIssues = NikIssues(1 << 3);
    /// Serial (positions 13-16) is 0000, which Dukcapil never issues.
    pub const SERIAL_ZERO: NikIssues = NikIssues(1 << 4);
    /// The value went through a spreadsheet as a number (`3.27301E+15`, 15 digits, or a
    /// 16th digit replaced by 0): the lost digits are unknown, never an exact match.
    pub const EXCEL_DAMAGED: NikIssues = NikIssues(1 << 5);
    /// Some positions were masked (`*`, `x`, `X`, `#`).
    pub const MASKED: NikIssues = NikIssues(1 << 6);

    /// Every issue with a stable snake-case name, in bit order (for reports).
    const NAMED: [(NikIssues, &'static str); 7] = [
        (NikIssues::UNKNOWN_PROVINCE, "unknown_province"),
        (NikIssues::UNKNOWN_REGENCY, "unknown_regency"),
        (NikIssues::UNKNOWN_DISTRICT, "unknown_district"),
        (NikIssues::BAD_BIRTH_DATE, "bad_birth_date"),
        (NikIssues::SERIAL_ZERO, "serial_zero"),
        (NikIssues::EXCEL_DAMAGED, "excel_damaged"),
        (NikIssues::MASKED, "masked"),
    ];

    pub fn contains(self, other: NikIssues) -> bool {
        self.0 & other.0 == other.0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn union(self, other: NikIssues) -> NikIssues {
        NikIssues(self.0 | other.0)
    }
    /// Stable snake-case names of the issues present (`masked`, `excel_damaged`, ...), in a
    /// fixed order, for reports and reject reasons.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        NikIssues::NAMED
            .into_iter()
            .filter(move |&(issue, _)| self.contains(issue))
            .map(|(_, name)| name)
    }
}

/// A NIK as a 16-position pattern: each position is a known digit or unknown.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Nik {
    /// b'0'..=b'9', or b'*' for an unknown position.
    chars: [u8; 16],
    /// What reading the value found (spreadsheet damage); the structural issues are
    /// derived from `chars` when asked for.
    issues: NikIssues,
}

/// Why a NIK value could not be read at all. Messages never show more than 6 digits.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NikError {
    #[error("NIK {masked} has {len} characters, expected 16")]
    WrongLength { masked: String, len: usize },
    #[error("NIK {masked} contains characters other than digits and mask characters")]
    NotDigits { masked: String },
}

impl Nik {
    /// `Ok(None)` for an empty value; `Ok(Some)` for a readable (possibly masked or damaged)
    /// NIK; `Err` for anything else.
    ///
    /// Also `Ok(None)`: `NULL`, `N/A`, values of separators only (`-`) and values of zeros
    /// only (`0`, `0000000000000000`), which exports use for "no NIK".
    pub fn parse(raw: &str) -> Result<Option<Nik>, NikError> {
        match sixteen_digits(raw.trim_ascii()) {
            Some(digits) => Ok(Nik::from_digits(digits)),
            None => Nik::parse_written(raw.trim()),
        }
    }

    /// Exactly 16 digits, the usual case, kept apart from `parse_written` so it compiles
    /// to straight-line code.
    fn from_digits(digits: [u8; 16]) -> Option<Nik> {
        if digits == [b'0'; 16] {
            None
        } else if digits[SERIAL..] == *b"0000" {
            // Excel turned the 16th digit into 0, or the NIK is simply invalid: say both.
            let damaged = NikIssues::SERIAL_ZERO.union(NikIssues::EXCEL_DAMAGED);
            Some(Nik::from_pattern(with_unknown_from(digits, 15), damaged))
        } else {
            Some(Nik::from_pattern(digits, NikIssues::NONE))
        }
    }

    /// Any other form: separators, wrappers, masks, damage, or not a NIK at all.
    #[inline(never)]
    fn parse_written(text: &str) -> Result<Option<Nik>, NikError> {
        let text = strip_formula_wrapper(text);
        if ["NULL", "N/A"].iter().any(|m| m.eq_ignore_ascii_case(text)) {
            return Ok(None);
        }
        let scan = match Scan::read(text) {
            Ok(scan) => scan,
            Err(ScanStop::Exponent) => return parse_scientific(text).map(Some),
            Err(ScanStop::BadChar) if text.contains(['E', 'e']) => {
                // A decimal comma (`3,27301E+15`) stops the scan before the exponent.
                return parse_scientific(text).map(Some);
            }
            Err(ScanStop::BadChar) => return Err(not_digits(text)),
        };
        if scan.len == 0 || scan.zeros_only() {
            return Ok(None);
        }
        match (scan.len, scan.masked) {
            (16, true) => Ok(Some(Nik::from_pattern(scan.chars, NikIssues::MASKED))),
            (16, false) => Ok(Nik::from_digits(scan.chars)),
            (15, false) => Ok(Some(Nik::from_pattern(
                scan.chars,
                NikIssues::EXCEL_DAMAGED,
            ))),
            (len, _) => Err(wrong_length(text, len)),
        }
    }

    /// A NIK from a 16-position pattern and what reading it found (`issues`); the structural
    /// issues of its positions follow from them and are worked out when asked for
    /// ([`Nik::issues`]), since screening never needs them.
    fn from_pattern(chars: [u8; 16], issues: NikIssues) -> Nik {
        Nik { chars, issues }
    }

    /// All 16 digits known and not spreadsheet-damaged: may be an exact match.
    pub fn is_exact_comparable(&self) -> bool {
        self.known_mask() == ALL_KNOWN && !self.issues.contains(NikIssues::EXCEL_DAMAGED)
    }
    /// Number of known positions.
    pub fn known_count(&self) -> u32 {
        self.chars.iter().filter(|&&c| c != b'*').count() as u32
    }
    /// The 16 positions: `b'0'..=b'9'`, or `b'*'` where unknown. For blocking keys; never
    /// print these (use `Display`, which masks).
    pub fn chars(&self) -> &[u8; 16] {
        &self.chars
    }
    /// Bit `i` set when 0-based position `i` is known.
    pub fn known_mask(&self) -> u16 {
        // Known bytes are digits, which differ from `*`; see `nonzero_byte_mask`.
        nonzero_byte_mask(&self.chars, &[UNKNOWN; 16])
    }
    /// The digit at 0-based `pos`, if known.
    pub fn digit(&self, pos: usize) -> Option<u8> {
        let c = self.chars[pos];
        (c != b'*').then(|| c - b'0')
    }
    /// The 16 digits as a number, when all are known (damaged NIKs included).
    pub fn as_u64(&self) -> Option<u64> {
        field_value(&self.chars)
    }
    /// First 6 positions, then 10 `*`: the form outputs show by default.
    pub fn masked(&self) -> String {
        let mut s = String::with_capacity(16);
        s.extend(self.chars[..6].iter().map(|&c| char::from(c)));
        s.push_str("**********");
        s
    }
    /// All 16 positions (`*` where unknown). Only the report writer calls this, and only
    /// when the user asked for `--reveal-nik`.
    pub fn reveal(&self) -> String {
        String::from_utf8(self.chars.to_vec()).expect("ASCII")
    }
    /// Sex from the day field (day > 40 means female), when positions 7-8 are known and valid.
    pub fn sex(&self) -> Option<Sex> {
        match field_value(&self.chars[DAY..MONTH])? {
            1..=31 => Some(Sex::Male),
            41..=71 => Some(Sex::Female),
            _ => None,
        }
    }
    /// Birth date from positions 7-12, the century chosen as the latest year <= `latest_year`.
    pub fn birth_date(&self, latest_year: u16) -> Option<BirthDate> {
        let (day, month, yy) = self.date_fields()?;
        BirthDate::new(resolve_two_digit_year(yy, latest_year)?, month, day)
    }
    /// Whether positions 7-12 agree with a recorded birth date (day, month, year % 100);
    /// `None` when any of those positions is unknown or invalid.
    ///
    /// The day agrees with or without the +40, whatever the recorded sex: a NIK is never
    /// re-issued, and the recorded sex may disagree with it; `score` weighs that separately.
    pub fn agrees_with_birth_date(&self, date: BirthDate) -> Option<bool> {
        let (day, month, yy) = self.date_fields()?;
        Some(day == date.day() && month == date.month() && yy == date.year() % 100)
    }
    /// Everything wrong with the value: what reading it found, and its structure (unknown
    /// region codes, birth digits that are no date, serial 0000).
    pub fn issues(&self) -> NikIssues {
        self.issues.union(structure_issues(&self.chars))
    }

    /// Day (the +40 removed), month and two-digit year, when positions 7-12 are known and
    /// form a real date in 19YY or 20YY.
    fn date_fields(&self) -> Option<(u8, u8, u16)> {
        let c = &self.chars;
        let fields = (
            field_value(&c[DAY..MONTH])?,
            field_value(&c[MONTH..YEAR])?,
            field_value(&c[YEAR..SERIAL])?,
        );
        let (day, month, yy) = (fields.0 as u8, fields.1 as u8, fields.2 as u16);
        birth_fields_valid(Some(day), Some(month), Some(yy)).then_some((day % 40, month, yy))
    }
}

/// Masked: a NIK never prints in full by accident (logs, errors, `{:?}`).
impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nik({})", self.masked())
    }
}

/// The value of a field whose positions are all known digits.
fn field_value(chars: &[u8]) -> Option<u64> {
    chars.iter().try_fold(0u64, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u64::from(c - b'0'))
    })
}

/// The two-digit value at 0-based positions `i`, `i + 1`, when both are known.
fn pair(c: &[u8; 16], i: usize) -> Option<u32> {
    let (a, b) = (c[i], c[i + 1]);
    (a != UNKNOWN && b != UNKNOWN).then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
}

/// Bit `i` set where `a[i] != b[i]`, for patterns (bytes `0`-`9` or `*`): eight bytes at a
/// time, no loop. Any two such bytes XOR to less than 0x80, so adding 0x7f to each byte
/// of the XOR sets its top bit exactly when the bytes differ, without carrying into the
/// next byte; the multiply then gathers the eight top bits into one byte.
fn nonzero_byte_mask(a: &[u8; 16], b: &[u8; 16]) -> u16 {
    let half = |i: usize| {
        let word = |p: &[u8; 16]| {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&p[i..i + 8]);
            u64::from_le_bytes(bytes)
        };
        let x = word(a) ^ word(b);
        let tops = (x + 0x7f7f_7f7f_7f7f_7f7f) & 0x8080_8080_8080_8080;
        (tops.wrapping_mul(0x0002_0408_1020_4081) >> 56) as u16
    };
    half(0) | (half(8) << 8)
}

/// `chars` with positions `from..16` made unknown.
fn with_unknown_from(mut chars: [u8; 16], from: usize) -> [u8; 16] {
    chars[from..].fill(UNKNOWN);
    chars
}

/// Issues of the known positions: region codes (checked only where every position of the
/// code is known), birth-date field, serial.
fn structure_issues(c: &[u8; 16]) -> NikIssues {
    let r = regions();
    let mut issues = NikIssues::NONE;
    let mut flag = |bad: bool, issue: NikIssues| {
        if bad {
            issues = issues.union(issue);
        }
    };
    let province = pair(c, 0);
    let regency = province.zip(pair(c, 2)).map(|(p, k)| p * 100 + k);
    let district = regency.zip(pair(c, 4)).map(|(k, d)| k * 100 + d);
    flag(
        province.is_some_and(|p| !r.has_province(p)),
        NikIssues::UNKNOWN_PROVINCE,
    );
    flag(
        regency.is_some_and(|k| !r.has_regency(k)),
        NikIssues::UNKNOWN_REGENCY,
    );
    flag(
        district.is_some_and(|d| !r.has_district(d)),
        NikIssues::UNKNOWN_DISTRICT,
    );
    let day = pair(c, DAY).map(|v| v as u8);
    let month = pair(c, MONTH).map(|v| v as u8);
    let yy = pair(c, YEAR).map(|v| v as u16);
    flag(
        !birth_fields_valid(day, month, yy),
        NikIssues::BAD_BIRTH_DATE,
    );
    flag(c[SERIAL..] == *b"0000", NikIssues::SERIAL_ZERO);
    issues
}

/// Whether the known birth-date fields can be a date: day 01-31 or 41-71, month 01-12, and
/// (day and month known) a real date in 19YY or 20YY, so 29-02-00 passes (2000 was leap).
/// An unknown year allows 29 February.
fn birth_fields_valid(day: Option<u8>, month: Option<u8>, yy: Option<u16>) -> bool {
    let day_ok = day.is_none_or(|d| matches!(d, 1..=31 | 41..=71));
    let month_ok = month.is_none_or(|m| (1..=12).contains(&m));
    let (Some(day), Some(month)) = (day, month) else {
        return day_ok && month_ok;
    };
    let longest = match yy {
        Some(yy) => days_in_month(1900 + yy, month).max(days_in_month(2000 + yy, month)),
        None => days_in_month(2000, month),
    };
    day_ok && month_ok && day % 40 <= longest
}

/// The 16 bytes of `text` when they are all ASCII digits.
fn sixteen_digits(text: &str) -> Option<[u8; 16]> {
    let bytes: [u8; 16] = text.as_bytes().try_into().ok()?;
    // All 16 at once: a byte is a digit when its high nibble is 3 and adding 6 keeps it 3
    // (0x30..=0x39). With every high nibble 3, the additions cannot carry between bytes.
    const NIBBLES: u128 = u128::from_le_bytes([0xf0; 16]);
    const THREES: u128 = u128::from_le_bytes([0x30; 16]);
    const SIXES: u128 = u128::from_le_bytes([0x06; 16]);
    let x = u128::from_le_bytes(bytes);
    let digits = x & NIBBLES == THREES && (x + SIXES) & NIBBLES == THREES;
    digits.then_some(bytes)
}

/// Drop Excel's text-formula wrapper `="…"`, leaving the quotes for the scan to skip.
fn strip_formula_wrapper(text: &str) -> &str {
    match text.strip_prefix('=') {
        Some(rest) if rest.starts_with('"') => rest,
        _ => text,
    }
}

/// Bytes a NIK may be written with that carry nothing: spaces, dots, dashes, quotes
/// (Excel's leading apostrophe included).
fn is_ignorable(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'.' | b'-' | b'\'' | b'"')
}

/// The digits and mask characters of a value, in order (only the first 16 kept).
struct Scan {
    chars: [u8; 16],
    /// Digits and mask characters seen (may exceed 16).
    len: usize,
    masked: bool,
}

/// Why a scan stopped early.
enum ScanStop {
    /// An `E`/`e`: maybe scientific notation.
    Exponent,
    /// A character that is none of digit, mask, separator.
    BadChar,
}

impl Scan {
    fn read(text: &str) -> Result<Scan, ScanStop> {
        let mut s = Scan {
            chars: [UNKNOWN; 16],
            len: 0,
            masked: false,
        };
        for &b in text.as_bytes() {
            let c = match b {
                b'0'..=b'9' => b,
                b'*' | b'x' | b'X' | b'#' => {
                    s.masked = true;
                    UNKNOWN
                }
                b'E' | b'e' => return Err(ScanStop::Exponent),
                _ if is_ignorable(b) => continue,
                _ => return Err(ScanStop::BadChar),
            };
            if let Some(slot) = s.chars.get_mut(s.len) {
                *slot = c;
            }
            s.len += 1;
        }
        Ok(s)
    }

    /// Only zeros: exports write `0` (or 16 zeros) for "no NIK".
    fn zeros_only(&self) -> bool {
        !self.masked && self.chars[..self.len.min(16)].iter().all(|&c| c == b'0')
    }
}

/// Excel shows a number with all 15 of its significant digits only when asked to; fewer
/// mantissa digits than this means the display rounded.
const EXCEL_DIGITS: usize = 15;

/// Scientific notation from a spreadsheet (`3.27301E+15`, `3,27301E+15`,
/// `3.273015708900E+15`): a 16-digit number needs `int digits + exponent == 16`.
///
/// Which mantissa digits are known: a display with fewer than 15 significant digits was
/// rounded, so its last digit may be one too high, and a carry may have turned a run of 9s
/// into the trailing zeros before it (`…0899996` shows as `…0900`). Those positions are
/// unknown too; only the digits before them are certain.
fn parse_scientific(text: &str) -> Result<Nik, NikError> {
    let sci = Scientific::read(text).ok_or_else(|| not_digits(text))?;
    let len = sci.int_digits + sci.exponent;
    if len != 16 || sci.len > 16 {
        return Err(wrong_length(text, len.max(sci.len)));
    }
    let shown = &sci.digits[..sci.len];
    let certain = if sci.len >= EXCEL_DIGITS {
        sci.len
    } else {
        let significant = shown.iter().rposition(|&c| c != b'0').map_or(0, |p| p + 1);
        significant.saturating_sub(1)
    };
    let mut chars = [UNKNOWN; 16];
    chars[..certain].copy_from_slice(&shown[..certain]);
    Ok(Nik::from_pattern(chars, NikIssues::EXCEL_DAMAGED))
}

/// The parts of `d[.,]dddddE+ee` (surrounding spaces and quotes ignored).
struct Scientific {
    /// The first 16 mantissa digits, without the decimal mark.
    digits: [u8; 16],
    /// Number of mantissa digits (may exceed 16).
    len: usize,
    int_digits: usize,
    exponent: usize,
}

impl Scientific {
    fn read(text: &str) -> Option<Scientific> {
        let t = text.trim_matches(|c: char| c == '\'' || c == '"' || c == ' ');
        let (mantissa, exponent) = t.split_once(['E', 'e'])?;
        let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
        let (int, frac) = mantissa.split_once(['.', ',']).unwrap_or((mantissa, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        let well_formed = !int.is_empty()
            && !int.starts_with('0')
            && all_digits(int)
            && all_digits(frac)
            && (1..=3).contains(&exponent.len())
            && all_digits(exponent);
        if !well_formed {
            return None;
        }
        let mut sci = Scientific {
            digits: [UNKNOWN; 16],
            len: int.len() + frac.len(),
            int_digits: int.len(),
            exponent: exponent.parse().ok()?,
        };
        for (slot, &b) in sci
            .digits
            .iter_mut()
            .zip(int.as_bytes().iter().chain(frac.as_bytes()))
        {
            *slot = b;
        }
        Some(sci)
    }
}

/// Error for a value with other characters than digits, masks and separators.
fn not_digits(text: &str) -> NikError {
    NikError::NotDigits {
        masked: mask_for_error(text),
    }
}

/// Error for a value with `len` digits and mask characters.
fn wrong_length(text: &str, len: usize) -> NikError {
    NikError::WrongLength {
        masked: mask_for_error(text),
        len,
    }
}

/// Most characters an error shows of a value (6 as written, the rest as `*`).
const ERROR_SHOWN: usize = 6;
const ERROR_MAX_STARS: usize = 24;

/// The value for an error message: separators dropped, the first 6 characters kept, every
/// later one shown as `*` (at most 24, then `…`), so a message never holds more than 6
/// digits. Characters that are not printable ASCII show as `?`.
fn mask_for_error(text: &str) -> String {
    let mut out = String::new();
    let kept = text
        .chars()
        .filter(|&c| !(c.is_ascii() && is_ignorable(c as u8)));
    for (i, c) in kept.enumerate() {
        if i == ERROR_SHOWN + ERROR_MAX_STARS {
            out.push('…');
            break;
        }
        out.push(match c {
            _ if i >= ERROR_SHOWN => '*',
            c if c.is_ascii_graphic() => c,
            _ => '?',
        });
    }
    out
}

/// How two NIKs agree, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NikLevel {
    /// All 16 digits known on both sides and equal.
    Exact,
    /// One substituted digit or one adjacent transposition, inside the birth-date field
    /// (positions 7-12).
    OneEditDate,
    /// One substituted digit or one adjacent transposition elsewhere (region or serial).
    OneEditOther,
    /// Some positions unknown on a side; every position known on both sides agrees.
    MaskCompatible,
    /// Anything else.
    Different,
}

/// The result of comparing two NIKs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NikComparison {
    pub level: NikLevel,
    /// For one-edit levels, the 1-based position of the (first) differing digit.
    pub position: Option<u8>,
}

/// Compare two NIKs (symmetric). `None` when they share fewer than 6 known positions, so
/// nothing can be said.
///
/// Two complete, undamaged NIKs are graded Exact / one edit / Different. Otherwise only the
/// positions known on both sides count: all agree is `MaskCompatible`, any disagreement
/// `Different` (a typo cannot be told from a different person when digits are missing).
pub fn compare(a: &Nik, b: &Nik) -> Option<NikComparison> {
    if a.is_exact_comparable() && b.is_exact_comparable() {
        return Some(compare_complete(&a.chars, &b.chars));
    }
    let shared = a.known_mask() & b.known_mask();
    if shared.count_ones() < MIN_SHARED_KNOWN {
        return None;
    }
    let differ = nonzero_byte_mask(&a.chars, &b.chars);
    let level = if differ & shared == 0 {
        NikLevel::MaskCompatible
    } else {
        NikLevel::Different
    };
    Some(NikComparison {
        level,
        position: None,
    })
}

/// Grade two fully known NIKs.
fn compare_complete(a: &[u8; 16], b: &[u8; 16]) -> NikComparison {
    let (level, position) = if a == b {
        (NikLevel::Exact, None)
    } else if let Some((first, last)) = one_edit_packed(a, b) {
        let in_date = first >= DAY && last < SERIAL;
        let level = if in_date {
            NikLevel::OneEditDate
        } else {
            NikLevel::OneEditOther
        };
        (level, Some(first as u8 + 1))
    } else {
        (NikLevel::Different, None)
    };
    NikComparison { level, position }
}

/// `date::one_edit(a, b)` for two different NIKs, from the XOR of the two as one integer
/// (the first and last differing bytes are its bit scans): every roll row's candidate with a
/// NIK on both sides is graded, and almost all differ in many digits.
fn one_edit_packed(a: &[u8; 16], b: &[u8; 16]) -> Option<(usize, usize)> {
    let x = u128::from_le_bytes(*a) ^ u128::from_le_bytes(*b);
    if x == 0 {
        return None;
    }
    let (first, last) = (
        x.trailing_zeros() as usize / 8,
        (127 - x.leading_zeros()) as usize / 8,
    );
    let substitution = first == last;
    let transposition = last == first + 1 && a[first] == b[last] && a[last] == b[first];
    (substitution || transposition).then_some((first, last))
}

#[cfg(test)]
mod tests {
    use super::super::date::one_edit;
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The packed one-edit test finds what the digit-by-digit one finds, on NIKs one
        /// substitution, one transposition or a few changes apart.
        #[test]
        fn packed_one_edit_is_one_edit(
            a in proptest::array::uniform16(b'0'..=b'9'),
            edits in proptest::collection::vec((0usize..16, b'0'..=b'9', any::<bool>()), 0..4),
        ) {
            let mut b = a;
            for (i, digit, transpose) in edits {
                if transpose && i < 15 {
                    b.swap(i, i + 1);
                } else {
                    b[i] = digit;
                }
            }
            prop_assert_eq!(one_edit_packed(&a, &b), one_edit(&a, &b));
            prop_assert_eq!(one_edit_packed(&b, &a), one_edit(&b, &a));
        }
    }

    /// An expected comparison: level and position, or `None`.
    type Graded = Option<(NikLevel, Option<u8>)>;

    const NONE: NikIssues = NikIssues::NONE;
    const MASKED: NikIssues = NikIssues::MASKED;
    const DAMAGED: NikIssues = NikIssues::EXCEL_DAMAGED;
    const BAD_DATE: NikIssues = NikIssues::BAD_BIRTH_DATE;
    const SERIAL_ZERO: NikIssues = NikIssues::SERIAL_ZERO;
    const BAD_REGION: NikIssues = NikIssues(0b111);

    fn nik(raw: &str) -> Nik {
        Nik::parse(raw)
            .expect("test NIK parses")
            .expect("test NIK present")
    }

    fn d(y: u16, m: u8, day: u8) -> BirthDate {
        BirthDate::new(y, m, day).expect("test date is real")
    }

    /// DOMAIN §1.2, every synthetic example.
    #[test]
    fn domain_examples() {
        let cases: &[(&str, &str, &str, NikIssues)] = &[
            (
                "bandung woman, valid",
                "3273015708900003",
                "3273015708900003",
                NONE,
            ),
            (
                "surabaya man, valid",
                "3578081501030001",
                "3578081501030001",
                NONE,
            ),
            (
                "day 32 never used",
                "3273013208900001",
                "3273013208900001",
                BAD_DATE,
            ),
            (
                "day 72 too high",
                "3273017208900001",
                "3273017208900001",
                BAD_DATE,
            ),
            (
                "woman born 04-02-1990",
                "3273014402900001",
                "3273014402900001",
                NONE,
            ),
            (
                "30 February",
                "3273017002900001",
                "3273017002900001",
                BAD_DATE,
            ),
            (
                "serial 0000",
                "3273011708900000",
                "327301170890000*",
                SERIAL_ZERO.union(DAMAGED),
            ),
            (
                "cekdptonline mask",
                "327301**********",
                "327301**********",
                MASKED,
            ),
            (
                "excel scientific",
                "3.27301E+15",
                "32730***********",
                DAMAGED,
            ),
            (
                "excel 16th digit zeroed",
                "3273015708900000",
                "327301570890000*",
                SERIAL_ZERO.union(DAMAGED),
            ),
        ];
        for &(label, raw, reveal, issues) in cases {
            let n = nik(raw);
            assert_eq!(n.reveal(), reveal, "{label}: pattern");
            assert_eq!(n.issues(), issues, "{label}: issues");
        }
        let woman = nik("3273015708900003");
        assert_eq!(woman.sex(), Some(Sex::Female));
        assert_eq!(woman.birth_date(2007), Some(d(1990, 8, 17)));
        let man = nik("3578081501030001");
        assert_eq!(man.sex(), Some(Sex::Male));
        assert_eq!(man.birth_date(2007), Some(d(2003, 1, 15)));
        assert_eq!(
            nik("3273014402900001").birth_date(2007),
            Some(d(1990, 2, 4))
        );
        assert!(
            !nik("3273011708900000").is_exact_comparable(),
            "serial 0000 never exact"
        );
        assert!(
            !nik("3.27301E+15").is_exact_comparable(),
            "scientific never exact"
        );
    }

    #[test]
    fn parse_written_forms() {
        let cases: &[(&str, &str, &str, NikIssues)] = &[
            ("plain", "3273015708900003", "3273015708900003", NONE),
            (
                "surrounding spaces",
                "  3273015708900003 ",
                "3273015708900003",
                NONE,
            ),
            (
                "grouped with spaces",
                "3273 0157 0890 0003",
                "3273015708900003",
                NONE,
            ),
            ("dotted", "32.73.01.570890.0003", "3273015708900003", NONE),
            ("dashed", "3273-0157-0890-0003", "3273015708900003", NONE),
            (
                "excel apostrophe",
                "'3273015708900003",
                "3273015708900003",
                NONE,
            ),
            (
                "double-quoted",
                "\"3273015708900003\"",
                "3273015708900003",
                NONE,
            ),
            (
                "excel text formula",
                "=\"3273015708900003\"",
                "3273015708900003",
                NONE,
            ),
            ("tab inside", "3273\t015708900003", "3273015708900003", NONE),
            (
                "masked serial and date",
                "3273015708******",
                "3273015708******",
                MASKED,
            ),
            (
                "masked region and date",
                "************0003",
                "************0003",
                MASKED,
            ),
            (
                "x at position 12",
                "32730157089x0003",
                "32730157089*0003",
                MASKED,
            ),
            ("X mask", "3273015708XXXXXX", "3273015708******", MASKED),
            ("# mask", "######5708900003", "******5708900003", MASKED),
            (
                "fully masked",
                "****************",
                "****************",
                MASKED,
            ),
            (
                "masked with dots",
                "3273.01**.****.****",
                "327301**********",
                MASKED,
            ),
            ("15 digits", "327301570890000", "327301570890000*", DAMAGED),
            (
                "15 digits, last known nonzero",
                "327301570890003",
                "327301570890003*",
                DAMAGED,
            ),
            (
                "scientific comma",
                "3,27301E+15",
                "32730***********",
                DAMAGED,
            ),
            (
                "scientific lower e, no plus",
                "3.27301e15",
                "32730***********",
                DAMAGED,
            ),
            (
                "scientific rounded up",
                "3.27302E+15",
                "32730***********",
                DAMAGED,
            ),
            (
                "scientific 12 decimals",
                "3.273015708900E+15",
                "3273015708******",
                DAMAGED,
            ),
            (
                "scientific 11 digits",
                "3.2730157089E+15",
                "3273015708******",
                DAMAGED,
            ),
            (
                "scientific 15 digits exact",
                "3.27301570890000E+15",
                "327301570890000*",
                DAMAGED,
            ),
            (
                "scientific 16 digits",
                "3.273015708900003E+15",
                "3273015708900003",
                DAMAGED,
            ),
            (
                "scientific 2 int digits",
                "32.7301E+14",
                "32730***********",
                DAMAGED,
            ),
            (
                "scientific quoted",
                "'3.27301E+15",
                "32730***********",
                DAMAGED,
            ),
        ];
        for &(label, raw, reveal, issues) in cases {
            let n = nik(raw);
            assert_eq!(n.reveal(), reveal, "{label}: pattern");
            assert_eq!(n.issues(), issues, "{label}: issues");
        }
    }

    #[test]
    fn parse_empty_values() {
        let cases: &[(&str, &str)] = &[
            ("empty", ""),
            ("blank", "   "),
            ("dash", "-"),
            ("quotes only", "''"),
            ("NULL", "NULL"),
            ("n/a", "n/a"),
            ("zero", "0"),
            ("sixteen zeros", "0000000000000000"),
        ];
        for &(label, raw) in cases {
            assert_eq!(Nik::parse(raw), Ok(None), "{label}");
        }
    }

    #[test]
    fn parse_errors() {
        let len = |masked: &str, len| NikError::WrongLength {
            masked: masked.into(),
            len,
        };
        let not = |masked: &str| NikError::NotDigits {
            masked: masked.into(),
        };
        let cases: &[(&str, &str, NikError)] = &[
            ("11 digits", "32730157089", len("327301*****", 11)),
            (
                "17 digits",
                "32730157089000031",
                len("327301***********", 17),
            ),
            (
                "15 with a mask",
                "327301*********",
                len("327301*********", 15),
            ),
            ("14 digits", "32730157089000", len("327301********", 14)),
            ("letter", "3273015708900003A", not("327301***********")),
            ("letter early", "32A3015708900003", not("32A301**********")),
            ("label", "NIK:3273015708900003", not("NIK:32**************")),
            (
                "comma thousands",
                "3,273,015,708,900,003",
                not("3,273,***************"),
            ),
            ("exponent 14", "3.27301E+14", len("327301****", 15)),
            ("exponent 16", "3.27301E+16", len("327301****", 17)),
            ("negative exponent", "3.27301E-15", not("327301***")),
            ("leading zero mantissa", "0.327301E+16", not("032730*****")),
            ("bare E", "E", not("E")),
            (
                "old-style layout, 18 digits",
                "105024570890000123",
                len("105024************", 18),
            ),
            (
                "control character",
                "\u{7}3273015708900003",
                not("?32730***********"),
            ),
        ];
        for (label, raw, want) in cases {
            assert_eq!(&Nik::parse(raw).expect_err(label), want, "{label}");
        }
    }

    #[test]
    fn error_messages_show_at_most_six_digits() {
        let e = Nik::parse("32730157089").expect_err("too short");
        assert_eq!(
            e.to_string(),
            "NIK 327301***** has 11 characters, expected 16"
        );
        let e = Nik::parse("3273015708900003A").expect_err("letter");
        assert_eq!(
            e.to_string(),
            "NIK 327301*********** contains characters other than digits and mask characters"
        );
        let long = "1".repeat(100);
        let e = Nik::parse(&long).expect_err("too long");
        assert_eq!(
            e.to_string(),
            format!(
                "NIK 111111{}… has 100 characters, expected 16",
                "*".repeat(24)
            )
        );
    }

    #[test]
    fn region_validation() {
        let cases: &[(&str, &str, NikIssues)] = &[
            ("known district", "3273015708900003", NONE),
            ("old-style province 10", "1050245708900001", BAD_REGION),
            ("unused province 99", "9901015708900001", BAD_REGION),
            ("province 00 with a serial", "0001015708900001", BAD_REGION),
            (
                "unknown regency 32.99",
                "3299015708900001",
                NikIssues(0b110),
            ),
            (
                "unknown district 32.73.99",
                "3273995708900001",
                NikIssues(0b100),
            ),
            (
                "papua 91 before the split (merauke)",
                "9101015708900001",
                NONE,
            ),
            (
                "papua barat 92 before the split (sorong)",
                "9201015708900001",
                NONE,
            ),
            ("papua selatan 93", "9301015708900001", NONE),
            ("papua tengah 94", "9401015708900001", NONE),
            ("papua pegunungan 95", "9501015708900001", NONE),
            ("papua barat daya 96", "9601015708900001", NONE),
            (
                "masked regency: only province checked",
                "32****5708900003",
                MASKED,
            ),
            (
                "masked regency, bad province",
                "99****5708900003",
                MASKED.union(NikIssues::UNKNOWN_PROVINCE),
            ),
            (
                "masked district: regency checked",
                "3299**5708900003",
                MASKED.union(NikIssues(0b010)),
            ),
            ("one unknown province digit", "3*73015708900003", MASKED),
        ];
        for &(label, raw, issues) in cases {
            assert_eq!(nik(raw).issues(), issues, "{label}");
        }
    }

    #[test]
    fn birth_date_field_validation() {
        let cases: &[(&str, &str, bool)] = &[
            ("male 17-08", "3273011708900001", true),
            ("female 57-08", "3273015708900001", true),
            ("day 00", "3273010008900001", false),
            ("day 31", "3273013101900001", true),
            ("day 32", "3273013201900001", false),
            ("day 40", "3273014001900001", false),
            ("day 41", "3273014101900001", true),
            ("day 71", "3273017101900001", true),
            ("day 72", "3273017201900001", false),
            ("month 00", "3273011700900001", false),
            ("month 13", "3273011713900001", false),
            ("31 April", "3273013104900001", false),
            ("female 31 April", "3273017104900001", false),
            ("29-02-00 is valid (2000 leap)", "3273012902000001", true),
            ("29-02-04 leap either century", "3273012902040001", true),
            ("29-02-01 never leap", "3273012902010001", false),
            ("female 29-02-00", "3273016902000001", true),
            ("29 Feb, year masked", "3273012902**0001", true),
            ("30 Feb, year masked", "3273013002**0001", false),
            ("day masked, month 13", "327301**13900001", false),
            ("day masked, month ok", "327301**08900001", true),
            ("month masked, day 72", "32730172**900001", false),
            ("whole date masked", "327301******0001", true),
        ];
        for &(label, raw, valid) in cases {
            let n = nik(raw);
            assert_eq!(!n.issues().contains(BAD_DATE), valid, "{label}");
        }
    }

    #[test]
    fn sex_from_day_field() {
        let cases: &[(&str, &str, Option<Sex>)] = &[
            ("day 17 male", "3273011708900001", Some(Sex::Male)),
            ("day 57 female", "3273015708900001", Some(Sex::Female)),
            ("day 01 male", "3273010108900001", Some(Sex::Male)),
            ("day 41 female", "3273014108900001", Some(Sex::Female)),
            ("day 71 female", "3273017108900001", Some(Sex::Female)),
            ("day 32 unknown", "3273013208900001", None),
            ("day 00 unknown", "3273010008900001", None),
            ("day masked", "327301**08900001", None),
            ("one day digit masked", "3273015*08900001", None),
            (
                "30 Feb: day field still says female",
                "3273017002900001",
                Some(Sex::Female),
            ),
        ];
        for &(label, raw, want) in cases {
            assert_eq!(nik(raw).sex(), want, "{label}");
        }
    }

    #[test]
    fn birth_date_century() {
        let cases: &[(&str, &str, u16, Option<BirthDate>)] = &[
            (
                "90 before 2007",
                "3273015708900003",
                2007,
                Some(d(1990, 8, 17)),
            ),
            (
                "05 up to 2007",
                "3273011708050003",
                2007,
                Some(d(2005, 8, 17)),
            ),
            (
                "07 is 2007 itself",
                "3273011708070003",
                2007,
                Some(d(2007, 8, 17)),
            ),
            (
                "08 after 2007 is 1908",
                "3273011708080003",
                2007,
                Some(d(1908, 8, 17)),
            ),
            (
                "20 for Pemilu 2024 is 1920",
                "3273011708200003",
                2007,
                Some(d(1920, 8, 17)),
            ),
            (
                "29-02-00 with 2007 is 2000",
                "3273012902000001",
                2007,
                Some(d(2000, 2, 29)),
            ),
            (
                "29-02-00 with 1999 is 1900 (not leap)",
                "3273012902000001",
                1999,
                None,
            ),
            (
                "female 29-02-00",
                "3273016902000001",
                2007,
                Some(d(2000, 2, 29)),
            ),
            ("bad day", "3273013208900001", 2007, None),
            ("30 Feb", "3273017002900001", 2007, None),
            ("year masked", "32730157089*0003", 2007, None),
            (
                "damaged with date known",
                "327301570890000",
                2007,
                Some(d(1990, 8, 17)),
            ),
        ];
        for &(label, raw, latest, want) in cases {
            assert_eq!(nik(raw).birth_date(latest), want, "{label}");
        }
    }

    #[test]
    fn agreement_with_recorded_birth_date() {
        let cases: &[(&str, &str, BirthDate, Option<bool>)] = &[
            (
                "female field, same date",
                "3273015708900003",
                d(1990, 8, 17),
                Some(true),
            ),
            (
                "male field, same date",
                "3273011708900003",
                d(1990, 8, 17),
                Some(true),
            ),
            (
                "other century, same YY",
                "3273015708900003",
                d(1890, 8, 17),
                Some(true),
            ),
            (
                "day differs",
                "3273015708900003",
                d(1990, 8, 18),
                Some(false),
            ),
            (
                "month differs",
                "3273015708900003",
                d(1990, 9, 17),
                Some(false),
            ),
            (
                "year differs",
                "3273015708900003",
                d(1991, 8, 17),
                Some(false),
            ),
            (
                "day and month swapped",
                "3273010508900003",
                d(1990, 5, 8),
                Some(false),
            ),
            ("year masked", "32730157089*0003", d(1990, 8, 17), None),
            ("date masked", "327301******0003", d(1990, 8, 17), None),
            (
                "bad day field",
                "3273013208900001",
                d(1990, 8, 32 - 1),
                None,
            ),
            ("30 Feb field", "3273017002900001", d(1990, 3, 2), None),
            (
                "29-02-00 field",
                "3273012902000001",
                d(2000, 2, 29),
                Some(true),
            ),
        ];
        for &(label, raw, date, want) in cases {
            assert_eq!(nik(raw).agrees_with_birth_date(date), want, "{label}");
        }
    }

    #[test]
    fn byte_mask_matches_a_plain_loop() {
        let patterns: [&[u8; 16]; 5] = [
            b"3273015708900003",
            b"327301**********",
            b"************0003",
            b"****************",
            b"99999999*9999990",
        ];
        for a in patterns {
            for b in patterns {
                let plain = (0..16).fold(0u16, |m, i| m | (u16::from(a[i] != b[i]) << i));
                assert_eq!(nonzero_byte_mask(a, b), plain);
            }
        }
    }

    #[test]
    fn accessors() {
        let full = nik("3273015708900003");
        assert_eq!(full.as_u64(), Some(3_273_015_708_900_003));
        assert_eq!(full.known_count(), 16);
        assert_eq!(full.known_mask(), 0xFFFF);
        assert_eq!(full.digit(0), Some(3));
        assert_eq!(full.chars(), b"3273015708900003");
        assert!(full.is_exact_comparable());
        let masked = nik("327301**********");
        assert_eq!(masked.as_u64(), None);
        assert_eq!(masked.known_count(), 6);
        assert_eq!(masked.known_mask(), 0b11_1111);
        assert_eq!(masked.digit(6), None);
        assert!(!masked.is_exact_comparable());
        let tail = nik("************0003");
        assert_eq!(tail.known_mask(), 0xF000);
        let damaged = nik("3.273015708900003E+15");
        assert_eq!(
            damaged.as_u64(),
            Some(3_273_015_708_900_003),
            "all known, damaged"
        );
        assert!(!damaged.is_exact_comparable());
        assert_eq!(nik("327301570890000").as_u64(), None);
    }

    #[test]
    fn masked_display_and_debug() {
        let cases: &[(&str, &str, &str)] = &[
            ("full", "3273015708900003", "327301**********"),
            (
                "masked after region",
                "327301**********",
                "327301**********",
            ),
            ("masked region", "************0003", "****************"),
            (
                "one region digit masked",
                "32x3015708900003",
                "32*301**********",
            ),
            ("damaged", "3.27301E+15", "32730***********"),
        ];
        for &(label, raw, want) in cases {
            let n = nik(raw);
            assert_eq!(n.masked(), want, "{label}: masked");
            assert_eq!(n.to_string(), want, "{label}: Display");
            assert_eq!(format!("{n:?}"), format!("Nik({want})"), "{label}: Debug");
        }
    }

    #[test]
    fn issue_names() {
        let issues = nik("3273011708900000").issues();
        assert_eq!(
            issues.names().collect::<Vec<_>>(),
            ["serial_zero", "excel_damaged"]
        );
        assert_eq!(NONE.names().count(), 0);
        assert_eq!(BAD_REGION.names().count(), 3);
    }

    #[test]
    fn compare_levels_both_directions() {
        use NikLevel::*;
        let cases: &[(&str, &str, &str, Graded)] = &[
            (
                "equal",
                "3273015708900003",
                "3273015708900003",
                Some((Exact, None)),
            ),
            (
                "cianjur: position 12",
                "3273015708970003",
                "3273015708920003",
                Some((OneEditDate, Some(12))),
            ),
            (
                "position 7",
                "3273015708900003",
                "3273011708900003",
                Some((OneEditDate, Some(7))),
            ),
            (
                "transposed 7-8",
                "3273015708900003",
                "3273017508900003",
                Some((OneEditDate, Some(7))),
            ),
            (
                "transposed 11-12",
                "3273015708900003",
                "3273015708090003",
                Some((OneEditDate, Some(11))),
            ),
            (
                "serial digit",
                "3273015708900003",
                "3273015708900004",
                Some((OneEditOther, Some(16))),
            ),
            (
                "province digit",
                "3273015708900003",
                "3373015708900003",
                Some((OneEditOther, Some(2))),
            ),
            (
                "transposed 6-7 crosses region/date",
                "3273015708900003",
                "3273051708900003",
                Some((OneEditOther, Some(6))),
            ),
            (
                "transposed 12-13 crosses date/serial",
                "3273015708910003",
                "3273015708901003",
                Some((OneEditOther, Some(12))),
            ),
            (
                "two substitutions",
                "3273015708900003",
                "3273015709900004",
                Some((Different, None)),
            ),
            (
                "unrelated",
                "3273015708900003",
                "3578081501030001",
                Some((Different, None)),
            ),
            (
                "region mask agrees",
                "327301**********",
                "3273015708900003",
                Some((MaskCompatible, None)),
            ),
            (
                "region mask disagrees",
                "327302**********",
                "3273015708900003",
                Some((Different, None)),
            ),
            (
                "date and serial masked",
                "3273015708******",
                "3273015708900003",
                Some((MaskCompatible, None)),
            ),
            (
                "one x, agrees",
                "32730157089x0003",
                "3273015708900003",
                Some((MaskCompatible, None)),
            ),
            (
                "one x, one edit elsewhere is different",
                "32730157089x0003",
                "3273015708900004",
                Some((Different, None)),
            ),
            (
                "serial only: 4 shared",
                "************0003",
                "3273015708900003",
                None,
            ),
            (
                "complementary masks",
                "327301**********",
                "******5708900003",
                None,
            ),
            (
                "15 digits vs full",
                "327301570890000",
                "3273015708900003",
                Some((MaskCompatible, None)),
            ),
            (
                "serial zero vs full",
                "3273015708900000",
                "3273015708900003",
                Some((MaskCompatible, None)),
            ),
            (
                "16-digit scientific is never exact",
                "3.273015708900003E+15",
                "3273015708900003",
                Some((MaskCompatible, None)),
            ),
            (
                "5-digit scientific: too few",
                "3.27301E+15",
                "3273015708900003",
                None,
            ),
            (
                "two masked, 6 shared agree",
                "327301**********",
                "3273019999******",
                Some((MaskCompatible, None)),
            ),
            (
                "two masked, 6 shared differ",
                "327301**********",
                "3273029999******",
                Some((Different, None)),
            ),
        ];
        for &(label, a, b, want) in cases {
            let want = want.map(|(level, position)| NikComparison { level, position });
            let (a, b) = (nik(a), nik(b));
            assert_eq!(compare(&a, &b), want, "{label} (a, b)");
            assert_eq!(compare(&b, &a), want, "{label} (b, a)");
        }
    }

    /// Longest run of ASCII digits in `s`.
    fn longest_digit_run(s: &str) -> usize {
        s.split(|c: char| !c.is_ascii_digit())
            .map(str::len)
            .max()
            .unwrap_or(0)
    }

    /// Text that looks like a NIK, possibly damaged: digits, masks, separators, exponent parts.
    fn nik_like() -> impl Strategy<Value = String> {
        prop_oneof![
            "[0-9]{10,20}",
            "[0-9*xX#]{14,18}",
            "[1-9][.,][0-9]{0,16}[Ee][+-]?[0-9]{1,3}",
            "['\"=]{0,2}[0-9 .-]{10,30}['\"]?",
            "[0-9A-Za-z*#.:/ -]{0,30}",
        ]
    }

    /// A valid-shape NIK (16 digits).
    fn nik_digits() -> impl Strategy<Value = Vec<u8>> {
        (
            prop::sample::select(vec!["327301", "357808", "910101", "327399"]),
            1u8..=31,
            any::<bool>(),
            1u8..=12,
            0u8..=99,
            0u16..=9999,
        )
            .prop_map(|(region, day, female, month, yy, serial)| {
                let day = if female { day + 40 } else { day };
                format!("{region}{day:02}{month:02}{yy:02}{serial:04}").into_bytes()
            })
    }

    /// `digits` with at most one edit (substitution or adjacent transposition at `pos`) and
    /// the positions set in `mask` unknown.
    fn variant(mut digits: Vec<u8>, edit: u8, pos: usize, mask: u16) -> String {
        match edit {
            0 => {}
            1..=9 => digits[pos] = b'0' + (digits[pos] - b'0' + edit) % 10,
            _ => digits.swap(pos.min(14), pos.min(14) + 1),
        }
        for (i, c) in digits.iter_mut().enumerate() {
            if mask >> i & 1 == 1 {
                *c = b'*';
            }
        }
        String::from_utf8(digits).expect("ASCII")
    }

    /// A mask that is usually empty, else random.
    fn some_mask() -> impl Strategy<Value = u16> {
        prop_oneof![3 => Just(0u16), 1 => any::<u16>()]
    }

    /// A NIK pattern: valid shape, maybe one edit, maybe masked.
    fn nik_pattern() -> impl Strategy<Value = String> {
        (nik_digits(), 0u8..12, 0usize..16, some_mask())
            .prop_map(|(digits, edit, pos, mask)| variant(digits, edit, pos, mask))
    }

    /// Two patterns of one NIK, each perhaps edited once and masked.
    fn nik_pair() -> impl Strategy<Value = (String, String)> {
        (nik_digits(), 0u8..12, 0usize..16, some_mask(), some_mask()).prop_map(
            |(digits, edit, pos, mask_a, mask_b)| {
                let b = variant(digits.clone(), edit, pos, mask_b);
                (variant(digits, 0, 0, mask_a), b)
            },
        )
    }

    /// Throughput, printed, never asserted. Run in release:
    /// `cargo test --release --lib normalize:: -- --ignored --nocapture`.
    #[test]
    #[ignore = "measurement: run with --release -- --ignored --nocapture"]
    fn throughput() {
        use crate::normalize::ns_per_call;
        use std::hint::black_box;
        let iters = 10_000_000;
        let _ = regions(); // build the table outside the timing
        // Labels, not the inputs: no full NIK is ever printed, synthetic or not.
        for (label, raw) in [
            ("plain", "3273015708900003"),
            ("spaced", "3273 0157 0890 0003"),
            ("masked", "327301**********"),
            ("excel", "3.27301E+15"),
        ] {
            let ns = ns_per_call(iters, || Nik::parse(black_box(raw)));
            println!("Nik::parse {label}: {ns:.1} ns/call");
        }
        let pairs = [
            ("exact", "3273015708900003", "3273015708900003"),
            ("one edit", "3273015708970003", "3273015708920003"),
            ("different", "3273015708900003", "3578081501030001"),
            ("masked", "327301**********", "3273015708900003"),
        ];
        for (label, a, b) in pairs {
            let (a, b) = (nik(a), nik(b));
            let ns = ns_per_call(iters, || compare(black_box(&a), black_box(&b)));
            println!("nik::compare {label}: {ns:.1} ns/call");
        }
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,40}") {
            let _ = Nik::parse(&s);
        }

        #[test]
        fn parse_never_panics_on_nik_like_text(s in nik_like()) {
            let _ = Nik::parse(&s);
        }

        #[test]
        fn output_never_shows_seven_digits(s in prop_oneof![nik_like(), "\\PC{0,40}"]) {
            match Nik::parse(&s) {
                Ok(Some(n)) => {
                    let (shown, debug) = (n.to_string(), format!("{n:?}"));
                    prop_assert!(longest_digit_run(&shown) <= 6);
                    prop_assert!(longest_digit_run(&debug) <= 6);
                    let m = n.masked();
                    prop_assert_eq!(m.len(), 16);
                    prop_assert!(m[6..].bytes().all(|c| c == b'*'));
                }
                Ok(None) => {}
                Err(e) => {
                    let (shown, debug) = (e.to_string(), format!("{e:?}"));
                    prop_assert!(longest_digit_run(&shown) <= 6, "{}", shown);
                    prop_assert!(longest_digit_run(&debug) <= 6, "{}", debug);
                }
            }
        }

        #[test]
        fn compare_is_symmetric(a in nik_pattern(), b in nik_pattern()) {
            let (a, b) = (nik(&a), nik(&b));
            prop_assert_eq!(compare(&a, &b), compare(&b, &a));
        }

        #[test]
        fn compare_near_pairs_is_symmetric((a, b) in nik_pair()) {
            let (a, b) = (nik(&a), nik(&b));
            let ab = compare(&a, &b);
            prop_assert_eq!(ab, compare(&b, &a));
            if a.is_exact_comparable() && b.is_exact_comparable() {
                prop_assert!(ab.is_some_and(|c| c.level != NikLevel::Different));
            }
        }

        #[test]
        fn compare_with_itself(a in nik_pattern()) {
            let a = nik(&a);
            let got = compare(&a, &a);
            if a.is_exact_comparable() {
                prop_assert_eq!(got.map(|c| c.level), Some(NikLevel::Exact));
            } else if a.known_count() >= 6 {
                prop_assert_eq!(got.map(|c| c.level), Some(NikLevel::MaskCompatible));
            } else {
                prop_assert_eq!(got, None);
            }
        }

        #[test]
        fn reveal_round_trips(s in prop_oneof![nik_pattern(), "[0-9]{16}"]) {
            if let Ok(Some(n)) = Nik::parse(&s) {
                if !n.issues().contains(NikIssues::EXCEL_DAMAGED) {
                    prop_assert_eq!(Nik::parse(&n.reveal()), Ok(Some(n)));
                }
            }
        }

        #[test]
        fn byte_mask_matches_a_plain_loop_on_any_pattern(a in "[0-9*]{16}", b in "[0-9*]{16}") {
            let a: [u8; 16] = a.as_bytes().try_into().expect("16 bytes");
            let b: [u8; 16] = b.as_bytes().try_into().expect("16 bytes");
            let plain = (0..16).fold(0u16, |m, i| m | (u16::from(a[i] != b[i]) << i));
            prop_assert_eq!(nonzero_byte_mask(&a, &b), plain);
        }

        #[test]
        fn sixteen_digits_matches_a_plain_check(s in "[0-9]{16}|[ -~]{16}|[0-9]{15}[\\x00-\\xff]") {
            let plain = s.len() == 16 && s.bytes().all(|b| b.is_ascii_digit());
            prop_assert_eq!(sixteen_digits(&s).is_some(), plain);
        }

        #[test]
        fn separators_do_not_matter(s in "[0-9]{16}", cut in 1usize..16) {
            let spaced = format!("{}.{} ", &s[..cut], &s[cut..]);
            prop_assert_eq!(Nik::parse(&spaced), Nik::parse(&s));
        }
    }
}
