//! Birth dates: parse the many forms rolls and permit lists use; compare two dates into levels.
//!
//! Takes one raw date field and gives back a calendar `BirthDate`, `None` for an empty or
//! "unknown" marker, or a typed `DateError` saying why the text is not a date. It reads the
//! forms DPT exports, Dukcapil and Imigrasi lists and spreadsheets produce (DOMAIN §3.5):
//! `DD-MM-YYYY` with `-`, `/`, `.` or space, ISO `YYYY-MM-DD` (also with a time of day),
//! `YYYYMMDD`, two-digit years, Indonesian and English month names (`17 Agustus 1945`,
//! `12 Nopember 1980`, `January 12, 1980`) and Excel serial numbers (1900 system). Ambiguous
//! all-numeric dates follow the caller's `DateOrder`. `compare` grades two dates into a
//! `DateLevel`, noting placeholder dates (DOMAIN §1.6); what a level is worth is left to `score`.
//! Parsing never allocates except to build an error.

use std::fmt;

/// Earliest and latest birth year accepted anywhere.
const MIN_YEAR: u16 = 1800;
const MAX_YEAR: u16 = 2200;

/// A calendar date of birth (always a real calendar date, year 1800..=2200).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BirthDate {
    year: u16,
    month: u8,
    day: u8,
}

impl BirthDate {
    /// `None` unless `year-month-day` is a real calendar date.
    pub fn new(year: u16, month: u8, day: u8) -> Option<BirthDate> {
        let ok = (MIN_YEAR..=MAX_YEAR).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        ok.then_some(BirthDate { year, month, day })
    }
    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }
    /// One of the dates Dukcapil records for an unknown birth date (DOMAIN §1.6):
    /// 1 July, 31 December, 1 January, or the 15th of any month.
    pub fn is_placeholder(self) -> bool {
        matches!((self.day, self.month), (1, 7) | (31, 12) | (1, 1)) || self.day == 15
    }
    /// `YYYYMMDD` as a number, e.g. 19900817.
    pub fn to_yyyymmdd(self) -> u32 {
        self.year as u32 * 10_000 + self.month as u32 * 100 + self.day as u32
    }
    /// The same date with day and month exchanged, when that is also a real date and differs.
    pub fn day_month_swapped(self) -> Option<BirthDate> {
        if self.day == self.month {
            return None;
        }
        BirthDate::new(self.year, self.day, self.month)
    }
    /// Whether `other` is this date with day and month exchanged (`day_month_swapped() ==
    /// Some(other)`, without building the swapped date: `other` is a real date already).
    pub fn is_day_month_swap_of(self, other: BirthDate) -> bool {
        self.day != self.month
            && self.year == other.year
            && self.day == other.month
            && self.month == other.day
    }
    /// The digits of `DDMMYYYY`, the order people write and mistype them in, one per byte
    /// of a `u64` (the first digit lowest): two dates compare with one XOR. Read from tables
    /// (every pair of candidate dates is compared, so this is on the hot path).
    fn packed_digits(self) -> u64 {
        TWO_DIGITS[self.day as usize] as u64
            | (TWO_DIGITS[self.month as usize] as u64) << 16
            | (YEAR_DIGITS[(self.year - MIN_YEAR) as usize] as u64) << 32
    }
    /// The digits of `DDMMYYYY`, the order people write and mistype them in (the reference
    /// `packed_digits` is tested against).
    #[cfg(test)]
    fn ddmmyyyy_digits(self) -> [u8; 8] {
        let (d, m, y) = (self.day, self.month, self.year);
        [
            d / 10,
            d % 10,
            m / 10,
            m % 10,
            (y / 1000) as u8,
            (y / 100 % 10) as u8,
            (y / 10 % 10) as u8,
            (y % 10) as u8,
        ]
    }
}

/// The two digits of 0..=31, tens in the low byte.
const TWO_DIGITS: [u16; 32] = {
    let mut t = [0u16; 32];
    let mut n = 0;
    while n < 32 {
        t[n] = (n / 10) as u16 | ((n % 10) as u16) << 8;
        n += 1;
    }
    t
};

/// The four digits of each year from `MIN_YEAR`, thousands in the low byte.
const YEAR_DIGITS: [u32; (MAX_YEAR - MIN_YEAR + 1) as usize] = {
    let mut t = [0u32; (MAX_YEAR - MIN_YEAR + 1) as usize];
    let mut i = 0;
    while i < t.len() {
        let y = MIN_YEAR as u32 + i as u32;
        t[i] = (y / 1000) | (y / 100 % 10) << 8 | (y / 10 % 10) << 16 | (y % 10) << 24;
        i += 1;
    }
    t
};

/// `YYYY-MM-DD`.
impl fmt::Display for BirthDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Gregorian leap year.
pub(crate) fn is_leap_year(year: u16) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1..=12) of `year`; 0 for a month outside 1..=12.
pub(crate) fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Order of day and month in all-numeric dates where both are <= 12.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DateOrder {
    /// Day first (Indonesian practice): 06/09/1997 is 6 September.
    #[default]
    DayFirst,
    /// Month first (US practice): 06/09/1997 is 9 June.
    MonthFirst,
}

/// Parses birth dates. `latest_year` resolves two-digit years: `YY` becomes the latest year
/// `<= latest_year` ending in `YY` (for a voter roll: election year - 17).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateParser {
    pub order: DateOrder,
    pub latest_year: u16,
}

/// Why a birth-date value could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("unrecognised date format {0:?}")]
    Unrecognised(String),
    #[error("{0:?} is not a real calendar date")]
    NotACalendarDate(String),
    #[error("year in {0:?} is outside 1800..={1}")]
    YearOutOfRange(String, u16),
}

/// A `DateError` before the offending text is attached, so failing paths stay allocation-free
/// until the very end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fail {
    Unrecognised,
    NotACalendarDate,
    YearOutOfRange,
}

impl Fail {
    fn with_text(self, text: &str) -> DateError {
        let text = text.to_string();
        match self {
            Fail::Unrecognised => DateError::Unrecognised(text),
            Fail::NotACalendarDate => DateError::NotACalendarDate(text),
            Fail::YearOutOfRange => DateError::YearOutOfRange(text, MAX_YEAR),
        }
    }
}

impl DateParser {
    /// `Ok(None)` for an empty value (or a recognised "unknown" marker such as `-`);
    /// `Ok(Some)` for a readable date; `Err` when the text is present but unreadable.
    pub fn parse(&self, raw: &str) -> Result<Option<BirthDate>, DateError> {
        let text = trim(raw);
        if is_unknown_marker(text) {
            return Ok(None);
        }
        let parsed = match self.ten_characters(text.as_bytes()) {
            Some(parsed) => parsed,
            None => match split_off_time(text) {
                Ok(date_part) if date_part.len() < text.len() && is_unknown_marker(date_part) => {
                    return Ok(None);
                }
                Ok(date_part) => self.parse_date(date_part),
                Err(fail) => Err(fail),
            },
        };
        parsed.map(Some).map_err(|f| f.with_text(text))
    }

    /// The usual forms `DD-MM-YYYY` and `YYYY-MM-DD` (separator `-`, `/` or `.`) read
    /// directly, with the same rules as `parse_date`; `None` for anything else.
    fn ten_characters(&self, b: &[u8]) -> Option<Result<BirthDate, Fail>> {
        let b: &[u8; 10] = b.try_into().ok()?;
        let digits = |from: usize, to: usize| {
            b[from..to].iter().try_fold(0u32, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
            })
        };
        let is_mark = |c: u8| matches!(c, b'-' | b'/' | b'.');
        if b[2] == b[5] && is_mark(b[2]) {
            let (p1, p2, year) = (digits(0, 2)?, digits(3, 5)?, digits(6, 10)?);
            let (day, month) = self.day_month(p1, p2);
            Some(year4(year).and_then(|y| date(y, month, day)))
        } else if b[4] == b[7] && is_mark(b[4]) {
            let (year, month, day) = (digits(0, 4)?, digits(5, 7)?, digits(8, 10)?);
            Some(year4(year).and_then(|y| date(y, month as u8, day)))
        } else {
            None
        }
    }

    /// Read a trimmed, non-empty date without a time of day.
    fn parse_date(&self, text: &str) -> Result<BirthDate, Fail> {
        let t = Tokens::read(text)?;
        match (t.len, t.tok, t.sep) {
            (1, [Tok::Num(n), ..], _) => self.single_number(n),
            (2, [Tok::Num(n), Tok::Num(zero), _], [b'.', _]) if zero.value == 0 => {
                excel_serial_date(n)
            }
            (3, [Tok::Num(a), Tok::Num(b), Tok::Num(c)], [s1, s2]) if s1 == s2 && s1 != 0 => {
                self.three_numbers(a, b, c)
            }
            (3, [Tok::Num(d), Tok::Month(m), Tok::Num(y)], _) if d.len <= 2 => {
                date(self.year(y)?, m, d.value)
            }
            (3, [Tok::Month(m), Tok::Num(d), Tok::Num(y)], _) if d.len <= 2 => {
                date(self.year(y)?, m, d.value)
            }
            _ => Err(Fail::Unrecognised),
        }
    }

    /// A lone number: `YYYYMMDD` (or `DDMMYYYY`), or an Excel serial.
    fn single_number(&self, n: Num) -> Result<BirthDate, Fail> {
        match n.len {
            8 => self.eight_digits(n.value),
            ..=5 => excel_serial_date(n),
            _ => Err(Fail::Unrecognised),
        }
    }

    /// `YYYYMMDD`; failing that, `DDMMYYYY` (with the usual day/month rules).
    fn eight_digits(&self, v: u32) -> Result<BirthDate, Fail> {
        let (y1, rest) = (v / 10_000, v % 10_000);
        let iso = year4(y1).and_then(|y| date(y, (rest / 100) as u8, rest % 100));
        if iso.is_ok() {
            return iso;
        }
        let (p1, p2, y2) = (v / 1_000_000, v / 10_000 % 100, v % 10_000);
        let (day, month) = self.day_month(p1, p2);
        match year4(y2).and_then(|y| date(y, month, day)) {
            Ok(d) => Ok(d),
            Err(_) if year4(y1).is_ok() || year4(y2).is_ok() => Err(Fail::NotACalendarDate),
            Err(_) => Err(Fail::Unrecognised),
        }
    }

    /// `YYYY-MM-DD`, or `DD-MM-YYYY` / `DD-MM-YY` with day and month resolved by value and order.
    fn three_numbers(&self, a: Num, b: Num, c: Num) -> Result<BirthDate, Fail> {
        match (a.len, b.len, c.len) {
            (4, 1..=2, 1..=2) => date(year4(a.value)?, b.value as u8, c.value),
            (1..=2, 1..=2, 2 | 4) => {
                let (day, month) = self.day_month(a.value, b.value);
                date(self.year(c)?, month, day)
            }
            _ => Err(Fail::Unrecognised),
        }
    }

    /// Day and month from the first two numeric parts: a part over 12 must be the day;
    /// otherwise `order` decides.
    fn day_month(&self, first: u32, second: u32) -> (u32, u8) {
        let month_first = if first > 12 {
            false
        } else if second > 12 {
            true
        } else {
            self.order == DateOrder::MonthFirst
        };
        let (day, month) = if month_first {
            (second, first)
        } else {
            (first, second)
        };
        // A "month" over 255 cannot arise (parts have at most 2 digits); clamp to an invalid 0.
        (day, u8::try_from(month).unwrap_or(0))
    }

    /// A 4-digit year as written, or a 2-digit year resolved against `latest_year`.
    fn year(&self, n: Num) -> Result<u16, Fail> {
        match n.len {
            4 => year4(n.value),
            2 => self.resolve_two_digit_year(n.value as u16),
            _ => Err(Fail::Unrecognised),
        }
    }

    /// The latest year `<= latest_year` that ends in `yy`.
    fn resolve_two_digit_year(&self, yy: u16) -> Result<u16, Fail> {
        resolve_two_digit_year(yy, self.latest_year).ok_or(Fail::YearOutOfRange)
    }
}

/// The latest year `<= latest_year` that ends in `yy` (0..=99), when it is in 1800..=2200.
/// Shared with the NIK, whose birth year has two digits only (DOMAIN §1.5).
pub(crate) fn resolve_two_digit_year(yy: u16, latest_year: u16) -> Option<u16> {
    let candidate = (latest_year - latest_year % 100).checked_add(yy % 100)?;
    let year = if candidate > latest_year {
        candidate.checked_sub(100)
    } else {
        Some(candidate)
    };
    year.filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y))
}

/// A 4-digit year, checked against 1800..=2200.
fn year4(v: u32) -> Result<u16, Fail> {
    u16::try_from(v)
        .ok()
        .filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y))
        .ok_or(Fail::YearOutOfRange)
}

/// A real date or `NotACalendarDate`.
fn date(year: u16, month: u8, day: u32) -> Result<BirthDate, Fail> {
    u8::try_from(day)
        .ok()
        .and_then(|day| BirthDate::new(year, month, day))
        .ok_or(Fail::NotACalendarDate)
}

/// Empty, or one of the markers exports use for "no date": `-`, `NULL`, `N/A`,
/// `TIDAK DIKETAHUI`, or zeros only (`0`, `00-00-0000`, `0000-00-00`, `0.0`).
fn is_unknown_marker(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first().is_some_and(|c| matches!(c, b'1'..=b'9')) {
        return false; // the usual case, a date
    }
    b.is_empty()
        || b.iter().all(|&c| c == b'-')
        || (b.contains(&b'0') && b.iter().all(|c| b"0-/. ".contains(c)))
        || ["NULL", "N/A", "TIDAK DIKETAHUI"]
            .iter()
            .any(|m| m.eq_ignore_ascii_case(s))
}

/// `raw` without surrounding whitespace; ASCII first, as nearly every value is.
fn trim(raw: &str) -> &str {
    let t = raw.trim_ascii();
    let ends_ascii = t.as_bytes().first().is_none_or(u8::is_ascii)
        && t.as_bytes().last().is_none_or(u8::is_ascii);
    if ends_ascii { t } else { t.trim() }
}

/// Drop a trailing time of day (`1990-08-17T00:00:00`, `17/08/1990 0:00`, `... 12:00:00 AM`,
/// `...T00:00:00+07:00`). A value without `:` is returned as is.
fn split_off_time(s: &str) -> Result<&str, Fail> {
    let Some(colon) = s.bytes().position(|b| b == b':') else {
        return Ok(s);
    };
    let cut = s[..colon].rfind([' ', 'T']).ok_or(Fail::Unrecognised)?;
    let time = &s.as_bytes()[cut + 1..];
    let time_like = |c: &u8| c.is_ascii_digit() || b":.+-Z APMapm".contains(c);
    if time.iter().all(time_like) {
        Ok(s[..cut].trim_end())
    } else {
        Err(Fail::Unrecognised)
    }
}

/// A run of digits: its value and how many digits were written (leading zeros count).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Num {
    value: u32,
    len: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Num(Num),
    /// A month name, already resolved to 1..=12.
    Month(u8),
}

/// Up to three tokens and the punctuation between them (` ` when only spaces, 0 when a number
/// touches a word directly, as in `12JAN1980`).
struct Tokens {
    tok: [Tok; 3],
    sep: [u8; 2],
    len: usize,
}

/// Characters that may separate the parts of a date.
const SEPARATORS: &[u8] = b" -/.,";
/// Longest digit run or word we look at (`YYYYMMDD`; `september`).
const MAX_DIGITS: usize = 8;
const MAX_WORD: usize = 9;

impl Tokens {
    fn read(text: &str) -> Result<Tokens, Fail> {
        let b = text.as_bytes();
        let mut t = Tokens {
            tok: [Tok::Month(0); 3],
            sep: [0; 2],
            len: 0,
        };
        let mut i = 0;
        loop {
            let (tok, end) = read_token(b, i)?;
            if t.len == t.tok.len() {
                return Err(Fail::Unrecognised);
            }
            t.tok[t.len] = tok;
            t.len += 1;
            if end == b.len() {
                return Ok(t);
            }
            let (sep, next) = read_separator(b, end)?;
            if next == b.len() || t.len == t.tok.len() {
                return Err(Fail::Unrecognised);
            }
            let kinds_differ = b[end - 1].is_ascii_digit() != b[next].is_ascii_digit();
            if sep == 0 && !kinds_differ {
                return Err(Fail::Unrecognised);
            }
            t.sep[t.len - 1] = sep;
            i = next;
        }
    }
}

/// The token starting at `i` and where it ends.
fn read_token(b: &[u8], i: usize) -> Result<(Tok, usize), Fail> {
    let first = *b.get(i).ok_or(Fail::Unrecognised)?;
    if first.is_ascii_digit() {
        let end = run_end(b, i, |c| c.is_ascii_digit());
        if end - i > MAX_DIGITS {
            return Err(Fail::Unrecognised);
        }
        let value = b[i..end]
            .iter()
            .fold(0u32, |acc, &c| acc * 10 + u32::from(c - b'0'));
        let len = (end - i) as u8;
        Ok((Tok::Num(Num { value, len }), end))
    } else if first.is_ascii_alphabetic() {
        let end = run_end(b, i, |c| c.is_ascii_alphabetic());
        let month = month_from_name(&b[i..end]).ok_or(Fail::Unrecognised)?;
        Ok((Tok::Month(month), end))
    } else {
        Err(Fail::Unrecognised)
    }
}

/// The separator run starting at `i`: its one punctuation mark (` ` if only spaces, 0 if the
/// run is empty) and where the next token starts. Two marks (`-/`) are not a separator.
fn read_separator(b: &[u8], i: usize) -> Result<(u8, usize), Fail> {
    let end = run_end(b, i, |c| SEPARATORS.contains(&c));
    let mut mark = if end > i { b' ' } else { 0 };
    for &c in b[i..end].iter().filter(|&&c| c != b' ') {
        if mark != b' ' {
            return Err(Fail::Unrecognised);
        }
        mark = c;
    }
    Ok((mark, end))
}

fn run_end(b: &[u8], start: usize, keep: impl Fn(u8) -> bool) -> usize {
    b[start..]
        .iter()
        .position(|&c| !keep(c))
        .map_or(b.len(), |p| start + p)
}

/// Month number for an Indonesian or English month name or abbreviation, any case
/// (old spellings `Pebruari`, `Nopember` included).
fn month_from_name(word: &[u8]) -> Option<u8> {
    let mut buf = [0u8; MAX_WORD];
    if word.len() > buf.len() {
        return None;
    }
    for (lower, &c) in buf.iter_mut().zip(word) {
        *lower = c.to_ascii_lowercase();
    }
    Some(match &buf[..word.len()] {
        b"jan" | b"januari" | b"january" => 1,
        b"feb" | b"peb" | b"februari" | b"pebruari" | b"february" => 2,
        b"mar" | b"maret" | b"march" => 3,
        b"apr" | b"april" => 4,
        b"mei" | b"may" => 5,
        b"jun" | b"juni" | b"june" => 6,
        b"jul" | b"juli" | b"july" => 7,
        b"agu" | b"agt" | b"ags" | b"agst" | b"agus" | b"aug" | b"agustus" | b"august" => 8,
        b"sep" | b"sept" | b"september" => 9,
        b"okt" | b"oct" | b"oktober" | b"october" => 10,
        b"nov" | b"nop" | b"november" | b"nopember" => 11,
        b"des" | b"dec" | b"desember" | b"december" => 12,
        _ => return None,
    })
}

/// Largest serial accepted (2119-01-11); larger numbers are not dates.
const MAX_EXCEL_SERIAL: u32 = 80_000;
/// 1900-01-01, Excel serial 1, as days since 1970-01-01.
const EXCEL_SERIAL_ONE: i64 = -25_567;

/// An Excel serial in the 1900 date system. Excel counts a 29 February 1900 that never
/// existed (serial 60), so serials after it are one day ahead of the calendar.
/// A bare 4-digit number in 1800..=2200 is far more likely a year of birth alone than a
/// serial for 1904-1906, so it is refused rather than turned into a wrong date.
fn excel_serial_date(n: Num) -> Result<BirthDate, Fail> {
    let serial = n.value;
    if n.len == 4 && year4(serial).is_ok() {
        return Err(Fail::Unrecognised);
    }
    let offset = match serial {
        60 => return Err(Fail::NotACalendarDate),
        1..60 => serial - 1,
        61..=MAX_EXCEL_SERIAL => serial - 2,
        _ => return Err(Fail::Unrecognised),
    };
    let (y, m, d) = civil_from_days(EXCEL_SERIAL_ONE + i64::from(offset));
    date(y, m, d)
}

/// Proleptic Gregorian date of `days` since 1970-01-01 (H. Hinnant's `civil_from_days`);
/// only called with days of years 1900..=2200.
fn civil_from_days(days: i64) -> (u16, u8, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year as u16, month as u8, day as u32)
}

/// How two birth dates agree, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DateLevel {
    /// Same date, not a placeholder.
    Exact,
    /// Same date, but it is a placeholder date (weak evidence).
    ExactPlaceholder,
    /// Day and month exchanged.
    DayMonthSwapped,
    /// One digit of DDMMYYYY differs, or two adjacent digits are transposed.
    OneDigit,
    /// At least one side is a placeholder date and the years agree.
    PlaceholderSameYear,
    /// Years agree, nothing else does.
    SameYear,
    /// Nothing above.
    Different,
}

/// Compare two birth dates (symmetric).
pub fn compare(a: BirthDate, b: BirthDate) -> DateLevel {
    // Most compared pairs (a roll row's candidates) differ in day and year: digits in
    // DDMMYYYY positions 1-2 and 5-8, too far apart for one edit, and no swap or same year.
    if a.year != b.year && a.day != b.day {
        return DateLevel::Different;
    }
    if a == b {
        if a.is_placeholder() {
            DateLevel::ExactPlaceholder
        } else {
            DateLevel::Exact
        }
    } else if a.is_day_month_swap_of(b) {
        DateLevel::DayMonthSwapped
    } else if one_digit_edit(a.packed_digits(), b.packed_digits()) {
        DateLevel::OneDigit
    } else if a.year == b.year && (a.is_placeholder() || b.is_placeholder()) {
        DateLevel::PlaceholderSameYear
    } else if a.year == b.year {
        DateLevel::SameYear
    } else {
        DateLevel::Different
    }
}

/// `one_edit(a, b).is_some()` for two different dates' packed digits (one digit a byte): the
/// differing bytes are found from the XOR with two bit scans, no loop.
fn one_digit_edit(a: u64, b: u64) -> bool {
    let x = a ^ b;
    if x == 0 {
        return false;
    }
    let (first, last) = (x.trailing_zeros() / 8, (63 - x.leading_zeros()) / 8);
    let byte = |v: u64, i: u32| (v >> (8 * i)) as u8;
    first == last
        || (last == first + 1 && byte(a, first) == byte(b, last) && byte(a, last) == byte(b, first))
}

/// When two equal-length digit strings differ by exactly one substituted digit or one
/// transposition of adjacent digits: the 0-based first and last differing positions.
/// `None` when they are equal or further apart. The reference that the packed forms used by
/// date and NIK comparison are tested against.
#[cfg(test)]
pub(crate) fn one_edit(a: &[u8], b: &[u8]) -> Option<(usize, usize)> {
    debug_assert_eq!(a.len(), b.len());
    let first = a.iter().zip(b).position(|(x, y)| x != y)?;
    let last = a.iter().zip(b).rposition(|(x, y)| x != y)?;
    let substitution = first == last;
    let transposition = last == first + 1 && a[first] == b[last] && a[last] == b[first];
    (substitution || transposition).then_some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A date (day below 29) and one `step` (years, months, days) from it, months and days
    /// wrapping; with `swap`, the second's day and month exchanged where that is a date.
    fn pair(
        (y, m, d): (u16, u8, u8),
        (dy, dm, dd): (u16, u8, u8),
        swap: bool,
    ) -> (BirthDate, BirthDate) {
        let a = BirthDate::new(y, m, d).expect("valid");
        let b =
            BirthDate::new(y + dy, (m + dm - 1) % 12 + 1, (d + dd - 1) % 28 + 1).expect("valid");
        (
            a,
            if swap {
                b.day_month_swapped().unwrap_or(b)
            } else {
                b
            },
        )
    }

    proptest! {
        /// The packed test agrees with the digit-by-digit one on any two dates.
        #[test]
        fn packed_one_digit_edit_is_one_edit(
            (y1, m1, d1) in (1800u16..2180, 1u8..13, 1u8..29),
            (dy, dm, dd) in (0u16..3, 0u8..3, 0u8..3),
            swap in any::<bool>(),
        ) {
            // Nearby dates (most differ in one or two digits), and some swapped ones.
            let (a, b) = pair((y1, m1, d1), (dy * 9, dm, dd * 10), swap);
            let want = a != b && one_edit(&a.ddmmyyyy_digits(), &b.ddmmyyyy_digits()).is_some();
            prop_assert_eq!(one_digit_edit(a.packed_digits(), b.packed_digits()), want);
            prop_assert_eq!(a.is_day_month_swap_of(b), a.day_month_swapped() == Some(b));
            prop_assert_eq!(b.is_day_month_swap_of(a), b.day_month_swapped() == Some(a));
        }

        /// `compare` (with its shortcuts) agrees with the levels worked out digit by digit,
        /// on dates near each other and on unrelated ones.
        #[test]
        fn compare_agrees_with_the_digits(
            (y1, m1, d1) in (1800u16..2180, 1u8..13, 1u8..29),
            (dy, dm, dd) in (0u16..12, 0u8..12, 0u8..28),
            swap in any::<bool>(),
        ) {
            let (a, b) = pair((y1, m1, d1), (dy, dm, dd), swap);
            let want = if a == b && a.is_placeholder() {
                DateLevel::ExactPlaceholder
            } else if a == b {
                DateLevel::Exact
            } else if a.day_month_swapped() == Some(b) {
                DateLevel::DayMonthSwapped
            } else if one_edit(&a.ddmmyyyy_digits(), &b.ddmmyyyy_digits()).is_some() {
                DateLevel::OneDigit
            } else if a.year == b.year && (a.is_placeholder() || b.is_placeholder()) {
                DateLevel::PlaceholderSameYear
            } else if a.year == b.year {
                DateLevel::SameYear
            } else {
                DateLevel::Different
            };
            prop_assert_eq!(compare(a, b), want);
            prop_assert_eq!(compare(b, a), want);
        }

        /// The table-driven packed digits are the digits of `DDMMYYYY`, for any real date.
        #[test]
        fn packed_digits_are_the_ddmmyyyy_digits(y in MIN_YEAR..=MAX_YEAR, m in 1u8..13, d in 1u8..32) {
            if let Some(a) = BirthDate::new(y, m, d) {
                prop_assert_eq!(a.packed_digits(), u64::from_le_bytes(a.ddmmyyyy_digits()));
                if let Some(s) = a.day_month_swapped() {
                    prop_assert!(a.is_day_month_swap_of(s) && s.is_day_month_swap_of(a));
                }
            }
        }
    }

    /// A parse result as `YYYYMMDD`; a constructor of the expected error; a `one_edit` result.
    type Parsed = Result<Option<u32>, DateError>;
    type MakeError = fn(String) -> DateError;
    type Edit = Option<(usize, usize)>;

    const DAY_FIRST_2012: DateParser = DateParser {
        order: DateOrder::DayFirst,
        latest_year: 2012,
    };
    const MONTH_FIRST_2012: DateParser = DateParser {
        order: DateOrder::MonthFirst,
        latest_year: 2012,
    };
    const DAY_FIRST_2029: DateParser = DateParser {
        order: DateOrder::DayFirst,
        latest_year: 2029,
    };

    fn d(y: u16, m: u8, day: u8) -> BirthDate {
        BirthDate::new(y, m, day).expect("test date is real")
    }

    #[test]
    fn new_accepts_only_real_dates() {
        let cases: &[(&str, (u16, u8, u8), bool)] = &[
            ("ordinary", (1990, 8, 17), true),
            ("1900 is not leap", (1900, 2, 29), false),
            ("2000 is leap", (2000, 2, 29), true),
            ("2004 is leap", (2004, 2, 29), true),
            ("2100 is not leap", (2100, 2, 29), false),
            ("1999 not leap", (1999, 2, 29), false),
            ("28 Feb always", (1900, 2, 28), true),
            ("30 April", (1990, 4, 30), true),
            ("31 April", (1990, 4, 31), false),
            ("31 December", (1990, 12, 31), true),
            ("day 0", (1990, 1, 0), false),
            ("day 32", (1990, 1, 32), false),
            ("month 0", (1990, 0, 1), false),
            ("month 13", (1990, 13, 1), false),
            ("year 1799", (1799, 12, 31), false),
            ("year 1800", (1800, 1, 1), true),
            ("year 2200", (2200, 12, 31), true),
            ("year 2201", (2201, 1, 1), false),
        ];
        for &(label, (y, m, day), want) in cases {
            assert_eq!(BirthDate::new(y, m, day).is_some(), want, "{label}");
        }
    }

    #[test]
    fn placeholder_dates() {
        let cases: &[(&str, BirthDate, bool)] = &[
            ("1 July (SIAK)", d(1980, 7, 1), true),
            ("31 December (SIMDUK)", d(1970, 12, 31), true),
            ("1 January", d(1965, 1, 1), true),
            ("15th, month known", d(1990, 3, 15), true),
            ("15 August", d(1990, 8, 15), true),
            ("17 August", d(1990, 8, 17), false),
            ("2 July", d(1980, 7, 2), false),
            ("1 June", d(1980, 6, 1), false),
            ("30 December", d(1970, 12, 30), false),
            ("31 January", d(1970, 1, 31), false),
            ("1 December", d(1970, 12, 1), false),
        ];
        for &(label, date, want) in cases {
            assert_eq!(date.is_placeholder(), want, "{label}");
        }
    }

    #[test]
    fn day_month_swap() {
        let cases: &[(&str, BirthDate, Option<BirthDate>)] = &[
            ("both <= 12", d(1990, 8, 5), Some(d(1990, 5, 8))),
            ("day > 12", d(1990, 8, 17), None),
            ("same day and month", d(1990, 8, 8), None),
            ("12 Jan to 1 Dec", d(1980, 1, 12), Some(d(1980, 12, 1))),
        ];
        for &(label, date, want) in cases {
            assert_eq!(date.day_month_swapped(), want, "{label}");
        }
    }

    #[test]
    fn display_and_yyyymmdd() {
        assert_eq!(d(1990, 8, 17).to_string(), "1990-08-17");
        assert_eq!(d(1800, 1, 1).to_string(), "1800-01-01");
        assert_eq!(d(1990, 8, 17).to_yyyymmdd(), 19_900_817);
    }

    #[test]
    fn parse_readable_formats() {
        let p = DAY_FIRST_2012;
        let cases: &[(&str, &str, u32)] = &[
            ("DD-MM-YYYY", "17-08-1990", 19_900_817),
            ("DD/MM/YYYY", "17/08/1990", 19_900_817),
            ("DD.MM.YYYY", "17.08.1990", 19_900_817),
            ("DD MM YYYY", "17 08 1990", 19_900_817),
            ("D-M-YYYY", "5-8-1990", 19_900_805),
            ("D/M/YYYY", "1/2/1990", 19_900_201),
            ("YYYY-MM-DD", "1990-08-17", 19_900_817),
            ("YYYY/MM/DD", "1990/08/17", 19_900_817),
            ("YYYY.MM.DD", "1990.08.17", 19_900_817),
            ("YYYY-M-D", "1990-8-7", 19_900_807),
            ("YYYYMMDD", "19900817", 19_900_817),
            ("DDMMYYYY when not YYYYMMDD", "17081990", 19_900_817),
            ("ISO timestamp T", "1990-08-17T00:00:00", 19_900_817),
            ("ISO timestamp space", "1990-08-17 00:00:00", 19_900_817),
            (
                "ISO timestamp fraction and zone",
                "1990-08-17T00:00:00.000+07:00",
                19_900_817,
            ),
            ("ISO timestamp Z", "1990-08-17T00:00:00Z", 19_900_817),
            ("DMY with time", "17/08/1990 0:00", 19_900_817),
            ("US export with AM", "8/17/1990 12:00:00 AM", 19_900_817),
            ("surrounding spaces", "  17-08-1990 ", 19_900_817),
            ("spaced separators", "17 - 08 - 1990", 19_900_817),
            ("Januari", "12 Januari 1980", 19_800_112),
            ("Pebruari (old spelling)", "12 Pebruari 1980", 19_800_212),
            ("Februari", "12 Februari 1980", 19_800_212),
            ("Maret", "3 Maret 1975", 19_750_303),
            ("Mei", "1 Mei 1990", 19_900_501),
            ("Juni", "1 Juni 1990", 19_900_601),
            ("Juli", "1 Juli 1990", 19_900_701),
            ("Agustus", "17 Agustus 1945", 19_450_817),
            ("September", "12 September 1980", 19_800_912),
            ("Oktober", "3 Oktober 1988", 19_881_003),
            ("Okt", "3 Okt 1988", 19_881_003),
            ("Nopember (old spelling)", "12 Nopember 1980", 19_801_112),
            ("November", "12 November 1980", 19_801_112),
            ("Desember", "5 Desember 1970", 19_701_205),
            ("Des", "5 Des 1970", 19_701_205),
            ("Agt", "17 Agt 1990", 19_900_817),
            ("upper JAN", "12 JAN 1980", 19_800_112),
            ("lower januari", "12 januari 1980", 19_800_112),
            ("12-Jan-1980", "12-Jan-1980", 19_800_112),
            ("12.Jan.1980", "12.Jan.1980", 19_800_112),
            ("abbreviation with dot", "12 Jan. 1980", 19_800_112),
            ("SAS style 12JAN1980", "12JAN1980", 19_800_112),
            ("English month first", "January 12, 1980", 19_800_112),
            ("English month first no comma", "Jan 12 1980", 19_800_112),
            ("English May", "1 May 1990", 19_900_501),
            ("English Oct", "3 Oct 1988", 19_881_003),
            ("English Dec", "5 Dec 1970", 19_701_205),
            ("English August", "August 17, 1945", 19_450_817),
            ("month name, two-digit year", "12-Jan-80", 19_800_112),
            ("leap day 2000", "29-02-2000", 20_000_229),
            ("leap day 1996", "29/02/1996", 19_960_229),
        ];
        for &(label, raw, want) in cases {
            let got = p.parse(raw).map(|o| o.map(BirthDate::to_yyyymmdd));
            assert_eq!(got, Ok(Some(want)), "{label}: {raw:?}");
        }
    }

    #[test]
    fn parse_day_month_order() {
        let cases: &[(&str, DateParser, &str, u32)] = &[
            (
                "both <= 12, day first",
                DAY_FIRST_2012,
                "06/09/1997",
                19_970_906,
            ),
            (
                "both <= 12, month first",
                MONTH_FIRST_2012,
                "06/09/1997",
                19_970_609,
            ),
            (
                "first > 12 is the day (day first)",
                DAY_FIRST_2012,
                "17/08/1990",
                19_900_817,
            ),
            (
                "first > 12 is the day (month first)",
                MONTH_FIRST_2012,
                "17/08/1990",
                19_900_817,
            ),
            (
                "only second > 12: month first (day first)",
                DAY_FIRST_2012,
                "08/17/1990",
                19_900_817,
            ),
            (
                "only second > 12: month first (month first)",
                MONTH_FIRST_2012,
                "08/17/1990",
                19_900_817,
            ),
            ("equal parts", MONTH_FIRST_2012, "05-05-1990", 19_900_505),
            (
                "ISO ignores order",
                MONTH_FIRST_2012,
                "1997-06-09",
                19_970_609,
            ),
            (
                "month names ignore order",
                MONTH_FIRST_2012,
                "6 September 1997",
                19_970_906,
            ),
        ];
        for &(label, p, raw, want) in cases {
            let got = p.parse(raw).map(|o| o.map(BirthDate::to_yyyymmdd));
            assert_eq!(got, Ok(Some(want)), "{label}");
        }
    }

    #[test]
    fn parse_two_digit_years() {
        let cases: &[(&str, DateParser, &str, u32)] = &[
            (
                "80 with latest 2012",
                DAY_FIRST_2012,
                "17-08-80",
                19_800_817,
            ),
            (
                "12 with latest 2012 is 2012",
                DAY_FIRST_2012,
                "17-08-12",
                20_120_817,
            ),
            (
                "13 with latest 2012 is 1913",
                DAY_FIRST_2012,
                "17-08-13",
                19_130_817,
            ),
            (
                "00 with latest 2012 is 2000",
                DAY_FIRST_2012,
                "29-02-00",
                20_000_229,
            ),
            (
                "29 with latest 2029 is 2029",
                DAY_FIRST_2029,
                "01/01/29",
                20_290_101,
            ),
            (
                "30 with latest 2029 is 1930",
                DAY_FIRST_2029,
                "01/01/30",
                19_300_101,
            ),
            (
                "99 with latest 2029 is 1999",
                DAY_FIRST_2029,
                "31.12.99",
                19_991_231,
            ),
            (
                "20 for Pemilu 2024 voters",
                DAY_FIRST_2029,
                "05-06-20",
                20_200_605,
            ),
            (
                "20 with latest 2007 is 1920",
                DateParser {
                    order: DateOrder::DayFirst,
                    latest_year: 2007,
                },
                "05-06-20",
                19_200_605,
            ),
        ];
        for &(label, p, raw, want) in cases {
            let got = p.parse(raw).map(|o| o.map(BirthDate::to_yyyymmdd));
            assert_eq!(got, Ok(Some(want)), "{label}");
        }
    }

    #[test]
    fn parse_excel_serials() {
        let p = DAY_FIRST_2012;
        let cases: &[(&str, &str, Parsed)] = &[
            ("serial 1", "1", Ok(Some(19_000_101))),
            ("serial 59 is 28 Feb 1900", "59", Ok(Some(19_000_228))),
            (
                "serial 60 is Excel's fictitious 29 Feb 1900",
                "60",
                Err(DateError::NotACalendarDate("60".into())),
            ),
            ("serial 61 is 1 Mar 1900", "61", Ok(Some(19_000_301))),
            (
                "serial 25569 is the Unix epoch",
                "25569",
                Ok(Some(19_700_101)),
            ),
            ("serial 32874", "32874", Ok(Some(19_900_101))),
            ("serial with .0", "32874.0", Ok(Some(19_900_101))),
            (
                "serial 36585 is leap day 2000",
                "36585",
                Ok(Some(20_000_229)),
            ),
            ("serial 80000", "80000", Ok(Some(21_190_111))),
            (
                "serial 80001",
                "80001",
                Err(DateError::Unrecognised("80001".into())),
            ),
            ("serial 0 is unknown", "0", Ok(None)),
            ("serial 0.0 is unknown", "0.0", Ok(None)),
            (
                "bare year is not a serial",
                "1990",
                Err(DateError::Unrecognised("1990".into())),
            ),
            (
                "4-digit serial outside year range",
                "1500",
                Ok(Some(19_040_208)),
            ),
            (
                "fraction other than .0",
                "32874.5",
                Err(DateError::Unrecognised("32874.5".into())),
            ),
        ];
        for (label, raw, want) in cases {
            let got = p.parse(raw).map(|o| o.map(BirthDate::to_yyyymmdd));
            assert_eq!(&got, want, "{label}");
        }
    }

    #[test]
    fn parse_unknown_markers() {
        let cases: &[(&str, &str)] = &[
            ("empty", ""),
            ("blank", "   "),
            ("dash", "-"),
            ("double dash", "--"),
            ("zero", "0"),
            ("zero date", "00-00-0000"),
            ("zero date slashes", "00/00/0000"),
            ("mysql zero date", "0000-00-00"),
            ("zero timestamp", "0000-00-00 00:00:00"),
            ("NULL", "NULL"),
            ("null lower", "null"),
            ("N/A", "N/A"),
            ("TIDAK DIKETAHUI", "TIDAK DIKETAHUI"),
            ("tidak diketahui mixed", " Tidak Diketahui "),
        ];
        for &(label, raw) in cases {
            assert_eq!(DAY_FIRST_2012.parse(raw), Ok(None), "{label}");
        }
    }

    #[test]
    fn parse_errors() {
        use DateError::{NotACalendarDate as Cal, Unrecognised as Unr, YearOutOfRange as Year};
        let cases: &[(&str, &str, MakeError)] = &[
            ("words", "kemarin", Unr),
            ("not a month", "12 Foo 1980", Unr),
            ("month and year only", "Agustus 1990", Unr),
            ("two parts", "17-08", Unr),
            ("four parts", "17-08-19-90", Unr),
            ("mixed separators", "17-08/1990", Unr),
            ("trailing separator", "17-08-1990-", Unr),
            ("three-digit year", "17-08-199", Unr),
            ("three-digit day", "017-08-1990", Unr),
            ("six digits", "170890", Unr),
            ("nine digits", "199008170", Unr),
            ("garbage time", "1990-08-17 xx:yy", Unr),
            ("colon without time", "17:08:1990", Unr),
            ("two marks in a separator", "17-/08-/1990", Unr),
            ("non-ASCII digits", "١٧-٠٨-١٩٩٠", Unr),
            ("leading separator", "-17-08-1990", Unr),
            ("31 February", "31-02-1990", Cal),
            ("29 Feb 1900", "29-02-1900", Cal),
            ("29 Feb 1990", "1990-02-29", Cal),
            ("both parts > 12", "17/18/1990", Cal),
            ("month 13 in ISO", "1990-13-01", Cal),
            ("day 0", "00-08-1990", Cal),
            ("day 32 with month name", "32 Agustus 1990", Cal),
            ("eight digits, no reading", "19901317", Cal),
            ("eight digits, no year", "12345678", Unr),
        ];
        for &(label, raw, want) in cases {
            assert_eq!(
                DAY_FIRST_2012.parse(raw),
                Err(want(raw.to_string())),
                "{label}"
            );
        }
        let year_cases: &[(&str, &str)] = &[
            ("year 1799", "31-12-1799"),
            ("year 2201", "2201-01-01"),
            ("year 0990", "17-08-0990"),
        ];
        for &(label, raw) in year_cases {
            let want = Err(Year(raw.to_string(), 2200));
            assert_eq!(DAY_FIRST_2012.parse(raw), want, "{label}");
        }
    }

    #[test]
    fn error_messages_name_the_value() {
        let e = DAY_FIRST_2012
            .parse(" 31-02-1990 ")
            .expect_err("not a date");
        assert_eq!(e.to_string(), "\"31-02-1990\" is not a real calendar date");
        let e = DAY_FIRST_2012
            .parse("2201-01-01")
            .expect_err("out of range");
        assert_eq!(
            e.to_string(),
            "year in \"2201-01-01\" is outside 1800..=2200"
        );
        let e = DAY_FIRST_2012.parse("kemarin").expect_err("unreadable");
        assert_eq!(e.to_string(), "unrecognised date format \"kemarin\"");
    }

    #[test]
    fn compare_levels_both_directions() {
        use DateLevel::*;
        let cases: &[(&str, BirthDate, BirthDate, DateLevel)] = &[
            ("same date", d(1990, 8, 17), d(1990, 8, 17), Exact),
            (
                "same placeholder 1 July",
                d(1980, 7, 1),
                d(1980, 7, 1),
                ExactPlaceholder,
            ),
            (
                "same placeholder 15th",
                d(1980, 3, 15),
                d(1980, 3, 15),
                ExactPlaceholder,
            ),
            (
                "day and month swapped",
                d(1990, 8, 5),
                d(1990, 5, 8),
                DayMonthSwapped,
            ),
            (
                "swap wins over one digit (01-10/10-01)",
                d(1990, 10, 1),
                d(1990, 1, 10),
                DayMonthSwapped,
            ),
            ("one digit in day", d(1990, 8, 17), d(1990, 8, 18), OneDigit),
            (
                "one digit in year",
                d(1990, 8, 17),
                d(1980, 8, 17),
                OneDigit,
            ),
            (
                "one digit in month",
                d(1990, 8, 17),
                d(1990, 9, 17),
                OneDigit,
            ),
            (
                "transposed day digits",
                d(1990, 8, 12),
                d(1990, 8, 21),
                OneDigit,
            ),
            (
                "transposed year digits",
                d(1990, 8, 17),
                d(1909, 8, 17),
                OneDigit,
            ),
            (
                "one digit, tens of day",
                d(1990, 8, 17),
                d(1990, 8, 27),
                OneDigit,
            ),
            (
                "two digits differ",
                d(1990, 8, 17),
                d(1990, 9, 18),
                SameYear,
            ),
            (
                "two digits differ across years",
                d(1990, 8, 17),
                d(1991, 8, 18),
                Different,
            ),
            (
                "non-adjacent swap",
                d(1990, 8, 17),
                d(1990, 7, 18),
                SameYear,
            ),
            (
                "placeholder same year",
                d(1990, 7, 1),
                d(1990, 3, 22),
                PlaceholderSameYear,
            ),
            (
                "both placeholders same year",
                d(1990, 12, 31),
                d(1990, 1, 1),
                PlaceholderSameYear,
            ),
            (
                "placeholder one digit away is one digit",
                d(1990, 7, 1),
                d(1990, 7, 2),
                OneDigit,
            ),
            (
                "placeholder different year",
                d(1990, 7, 1),
                d(1985, 3, 22),
                Different,
            ),
            ("same year only", d(1990, 3, 22), d(1990, 11, 4), SameYear),
            ("different", d(1990, 3, 22), d(1975, 11, 4), Different),
            (
                "swap across year is different",
                d(1990, 8, 5),
                d(1991, 5, 8),
                Different,
            ),
        ];
        for &(label, a, b, want) in cases {
            assert_eq!(compare(a, b), want, "{label} (a, b)");
            assert_eq!(compare(b, a), want, "{label} (b, a)");
        }
    }

    #[test]
    fn one_edit_positions() {
        let cases: &[(&str, &[u8], &[u8], Edit)] = &[
            ("equal", b"1234", b"1234", None),
            ("substitution", b"1234", b"1284", Some((2, 2))),
            ("adjacent transposition", b"1234", b"1324", Some((1, 2))),
            ("two substitutions", b"1234", b"1288", None),
            ("distant swap", b"1234", b"4231", None),
            ("adjacent, not a swap", b"1234", b"1354", None),
        ];
        for &(label, a, b, want) in cases {
            assert_eq!(one_edit(a, b), want, "{label}");
        }
    }

    fn any_date() -> impl Strategy<Value = BirthDate> {
        (MIN_YEAR..=MAX_YEAR, 1u8..=12, 1u8..=31)
            .prop_filter_map("real date", |(y, m, day)| BirthDate::new(y, m, day))
    }

    /// Throughput, printed, never asserted. Run in release:
    /// `cargo test --release --lib normalize:: -- --ignored --nocapture`.
    #[test]
    #[ignore = "measurement: run with --release -- --ignored --nocapture"]
    fn throughput() {
        use crate::normalize::ns_per_call;
        use std::hint::black_box;
        let p = DAY_FIRST_2012;
        let iters = 10_000_000;
        for raw in ["17-08-1990", "1990-08-17", "17 Agustus 1990", "32874"] {
            let ns = ns_per_call(iters, || p.parse(black_box(raw)));
            println!("date::parse {raw:?}: {ns:.1} ns/call");
        }
        let (a, b) = (d(1990, 8, 17), d(1990, 8, 18));
        let ns = ns_per_call(iters, || compare(black_box(a), black_box(b)));
        println!("date::compare one digit apart: {ns:.1} ns/call");
        let c = d(1975, 3, 2);
        let ns = ns_per_call(iters, || compare(black_box(a), black_box(c)));
        println!("date::compare different: {ns:.1} ns/call");
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,40}") {
            let _ = DAY_FIRST_2012.parse(&s);
            let _ = MONTH_FIRST_2012.parse(&s);
        }

        #[test]
        fn parse_never_panics_on_date_like_text(s in "[0-9 ./:,TZ+-]{0,24}|[0-9]{1,2} [A-Za-z]{1,10} [0-9]{2,4}") {
            let _ = DAY_FIRST_2029.parse(&s);
        }

        #[test]
        fn display_round_trips(date in any_date()) {
            prop_assert_eq!(DAY_FIRST_2012.parse(&date.to_string()), Ok(Some(date)));
            prop_assert_eq!(MONTH_FIRST_2012.parse(&date.to_string()), Ok(Some(date)));
        }

        #[test]
        fn parsed_dates_format_back_to_canonical(s in "[0-9]{1,4}[-/. ][0-9]{1,2}[-/. ][0-9]{1,4}|[0-9]{1,8}") {
            if let Ok(Some(date)) = DAY_FIRST_2012.parse(&s) {
                prop_assert_eq!(DAY_FIRST_2012.parse(&date.to_string()), Ok(Some(date)));
            }
        }

        #[test]
        fn common_formats_agree(date in any_date()) {
            let (y, m, day) = (date.year(), date.month(), date.day());
            for text in [
                format!("{day:02}-{m:02}-{y}"),
                format!("{day}/{m}/{y}"),
                format!("{y}{m:02}{day:02}"),
                format!("{date}T00:00:00"),
            ] {
                let p = if day > 12 { MONTH_FIRST_2012 } else { DAY_FIRST_2012 };
                prop_assert_eq!(p.parse(&text), Ok(Some(date)), "{}", text);
            }
        }

        #[test]
        fn ten_character_fast_path_agrees(s in "[0-9]{2}[-/.][0-9]{2}[-/.][0-9]{4}|[0-9]{4}[-/.][0-9]{2}[-/.][0-9]{2}|[0-9./-]{10}") {
            for p in [DAY_FIRST_2012, MONTH_FIRST_2012] {
                if let Some(fast) = p.ten_characters(s.as_bytes()) {
                    prop_assert_eq!(fast, p.parse_date(&s), "{}", s);
                }
            }
        }

        #[test]
        fn compare_is_symmetric(a in any_date(), b in any_date()) {
            prop_assert_eq!(compare(a, b), compare(b, a));
        }

        #[test]
        fn compare_nearby_is_symmetric(a in any_date(), dd in 0u8..3, dm in 0u8..2) {
            let b = BirthDate::new(a.year(), a.month().saturating_sub(dm).max(1), a.day().saturating_sub(dd).max(1));
            if let Some(b) = b {
                prop_assert_eq!(compare(a, b), compare(b, a));
            }
        }
    }
}
