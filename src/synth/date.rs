//! Calendar dates and the written forms they take in rolls and permit lists (DOMAIN §3.5).

use super::rng::Rng;

/// A calendar date (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Default for Date {
    fn default() -> Date {
        ELECTION
    }
}

/// Election day the roll is prepared for; USIA is the age on this day (the CLI's default).
pub const ELECTION: Date = Date {
    year: 2029,
    month: 2,
    day: 14,
};

pub fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let ok = (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && (1800..=2200).contains(&year);
        ok.then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (H. Hinnant's algorithm).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Whole years of age on `on`.
    pub fn age_on(self, on: Date) -> u32 {
        let mut age = i32::from(on.year) - i32::from(self.year);
        if (on.month, on.day) < (self.month, self.day) {
            age -= 1;
        }
        age.max(0) as u32
    }

    /// Excel 1900-system serial number (day 1 = 1900-01-01, with Excel's phantom 29 Feb 1900).
    pub fn excel_serial(self) -> i64 {
        self.to_days()
            - Date {
                year: 1899,
                month: 12,
                day: 30,
            }
            .to_days()
    }

    /// 1 July, 31 December, 1 January: Dukcapil's stand-ins for an unknown birth date (DOMAIN §1.6).
    pub fn is_year_placeholder(self) -> bool {
        matches!((self.day, self.month), (1, 7) | (31, 12) | (1, 1))
    }

    /// A uniformly random day of `year`.
    pub fn random_in_year(rng: &mut Rng, year: u16) -> Date {
        let start = Date {
            year,
            month: 1,
            day: 1,
        }
        .to_days();
        let len = if is_leap(year) { 366 } else { 365 };
        Date::from_days(start + rng.below(len) as i64)
    }

    /// The date someone aged `age` on `on` was born, uniformly among the possible days.
    pub fn random_for_age(rng: &mut Rng, age: u32, on: Date) -> Date {
        let latest = Date {
            year: on.year - age as u16,
            ..on
        }
        .to_days();
        let earliest = latest - 364;
        let d = Date::from_days(earliest + rng.below(365) as i64);
        debug_assert_eq!(d.age_on(on), age);
        d
    }
}

/// How a date is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStyle {
    /// `17-08-1990` (sep `-`) or `17/08/1990` (sep `/`).
    Dmy(u8),
    /// `17-08-90`.
    DmyShort,
    /// `1990-08-17`.
    Iso,
    /// `17 Agustus 1990`; `old` writes the older `Pebruari`/`Nopember`.
    Indonesian { old: bool },
    /// `33102` (Excel serial).
    Excel,
}

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

pub fn push_2(buf: &mut String, n: u32) {
    buf.push((b'0' + (n / 10 % 10) as u8) as char);
    buf.push((b'0' + (n % 10) as u8) as char);
}

pub fn push_4(buf: &mut String, n: u32) {
    push_2(buf, n / 100);
    push_2(buf, n % 100);
}

pub fn push_date(buf: &mut String, d: Date, style: DateStyle) {
    match style {
        DateStyle::Dmy(sep) => {
            push_2(buf, u32::from(d.day));
            buf.push(sep as char);
            push_2(buf, u32::from(d.month));
            buf.push(sep as char);
            push_4(buf, u32::from(d.year));
        }
        DateStyle::DmyShort => {
            push_2(buf, u32::from(d.day));
            buf.push('-');
            push_2(buf, u32::from(d.month));
            buf.push('-');
            push_2(buf, u32::from(d.year % 100));
        }
        DateStyle::Iso => {
            push_4(buf, u32::from(d.year));
            buf.push('-');
            push_2(buf, u32::from(d.month));
            buf.push('-');
            push_2(buf, u32::from(d.day));
        }
        DateStyle::Indonesian { old } => {
            buf.push_str(&d.day.to_string());
            buf.push(' ');
            let name = match (old, d.month) {
                (true, 2) => "Pebruari",
                (true, 11) => "Nopember",
                _ => MONTHS[usize::from(d.month) - 1],
            };
            buf.push_str(name);
            buf.push(' ');
            push_4(buf, u32::from(d.year));
        }
        DateStyle::Excel => buf.push_str(&d.excel_serial().to_string()),
    }
}

/// `DD-MM-YYYY` as a new string.
#[cfg(test)]
pub fn dmy(d: Date) -> String {
    let mut s = String::with_capacity(10);
    push_date(&mut s, d, DateStyle::Dmy(b'-'));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u16, m: u8, day: u8) -> Date {
        Date::new(y, m, day).expect("valid test date")
    }

    #[test]
    fn day_numbers_round_trip() {
        for z in (-40_000..40_000).step_by(37) {
            assert_eq!(Date::from_days(z).to_days(), z);
        }
        assert_eq!(d(1970, 1, 1).to_days(), 0);
        assert_eq!(
            d(2000, 3, 1).to_days() - d(2000, 2, 28).to_days(),
            2,
            "leap day 2000"
        );
    }

    #[test]
    fn validity() {
        let cases = [
            ("31 Jan", 2001, 1, 31, true),
            ("29 Feb leap", 2024, 2, 29, true),
            ("29 Feb common", 2023, 2, 29, false),
            ("30 Feb", 2024, 2, 30, false),
            ("month 13", 2024, 13, 1, false),
            ("day 0", 2024, 1, 0, false),
        ];
        for (label, y, m, day, ok) in cases {
            assert_eq!(Date::new(y, m, day).is_some(), ok, "{label}");
        }
    }

    #[test]
    fn ages_on_election_day() {
        let cases = [
            ("birthday today", d(2012, 2, 14), 17),
            ("birthday tomorrow", d(2012, 2, 15), 16),
            ("old", d(1934, 1, 1), 95),
        ];
        for (label, born, age) in cases {
            assert_eq!(born.age_on(ELECTION), age, "{label}");
        }
        let mut rng = Rng::new(3, &[]);
        for age in [17, 40, 95] {
            for _ in 0..200 {
                assert_eq!(
                    Date::random_for_age(&mut rng, age, ELECTION).age_on(ELECTION),
                    age
                );
            }
        }
    }

    #[test]
    fn written_forms() {
        let x = d(1980, 11, 2);
        let cases = [
            ("dmy dash", DateStyle::Dmy(b'-'), "02-11-1980"),
            ("dmy slash", DateStyle::Dmy(b'/'), "02/11/1980"),
            ("short", DateStyle::DmyShort, "02-11-80"),
            ("iso", DateStyle::Iso, "1980-11-02"),
            (
                "indonesian",
                DateStyle::Indonesian { old: false },
                "2 November 1980",
            ),
            (
                "old spelling",
                DateStyle::Indonesian { old: true },
                "2 Nopember 1980",
            ),
            ("excel", DateStyle::Excel, "29527"),
        ];
        for (label, style, want) in cases {
            let mut s = String::new();
            push_date(&mut s, x, style);
            assert_eq!(s, want, "{label}");
        }
        assert_eq!(
            d(1900, 3, 1).excel_serial(),
            61,
            "Excel counts the phantom 29 Feb 1900"
        );
    }
}
