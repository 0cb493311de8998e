//! NIK and NKK numbers (DOMAIN §1.1, §2): 6-digit district + DDMMYY (+40 on the day for women; the
//! registration date for an NKK) + a 4-digit serial.
//!
//! Serials are issued "in sequence within (district, date)". A global counter per (district, date)
//! would serialise the generator, so the serial space of each (district, date) is cut into *lanes*
//! and each source of numbers owns lanes nobody else uses:
//!
//! | logical lane | owner |
//! |---|---|
//! | 0 | foreigners' KTP-el NIKs (the foreign list) |
//! | 1..=8 and stride-8..stride-1 | special rows (planted, hard negatives, their households) |
//! | 9..9+48 | citizens registered in another district than where they vote (movers) |
//! | 57.. | one lane per roll TPS of the district (its residents) |
//!
//! The serial is `j * stride + (lane + rot) % stride + 1`, where `stride` is the number of lanes of
//! the district, `rot` a hash of (district, date) and `j` counts earlier holders of the same lane. So
//! serials look like an ordinary sequence (`0001`, `0037`, `0152`), residents, movers, foreigners and
//! special rows never collide, and a foreigner's NIK ±1..8 in the last digits is a free special slot
//! (used for the `nik_neighbour` and `twin` rows). Movers from different TPS can share a mover lane, so
//! two movers may rarely get the same NIK (as happens in real rolls, DOMAIN §1.1); the README of each
//! run reports how often.

use super::date::Date;
use super::region::regions;
use super::rng::mix;

pub const SPECIAL_HALF: u32 = 8;
pub const MOVER_LANES: u32 = 48;
const FIRST_MOVER: u32 = 1 + SPECIAL_HALF;
const FIRST_RESIDENT: u32 = FIRST_MOVER + MOVER_LANES;
/// Lanes every district has, before its residents' lanes.
pub const FIXED_LANES: u32 = FIRST_RESIDENT + SPECIAL_HALF;

/// Who a serial is issued to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lane {
    Foreign,
    /// `±1..=±8`
    Special(i32),
    Mover(u32),
    /// Ordinal of the TPS among the roll's TPS of the district.
    Resident(u32),
}

/// Number of lanes of a district with `tps` roll TPS.
pub fn stride(tps: u32) -> u32 {
    FIXED_LANES + tps
}

fn logical(lane: Lane, stride: u32) -> u32 {
    match lane {
        Lane::Foreign => 0,
        Lane::Special(k) if k > 0 => k as u32,
        Lane::Special(k) => stride - k.unsigned_abs(),
        Lane::Mover(m) => FIRST_MOVER + m % MOVER_LANES,
        Lane::Resident(t) => FIRST_RESIDENT + t,
    }
}

fn lane_of_logical(l: u32, stride: u32) -> Lane {
    match l {
        0 => Lane::Foreign,
        l if l <= SPECIAL_HALF => Lane::Special(l as i32),
        l if l >= stride - SPECIAL_HALF => Lane::Special(-((stride - l) as i32)),
        l if l < FIRST_RESIDENT => Lane::Mover(l - FIRST_MOVER),
        l => Lane::Resident(l - FIRST_RESIDENT),
    }
}

/// Which kind of number (NIK and NKK use separate rotations).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Nik,
    Nkk,
}

fn rotation(kind: Kind, district: u32, date6: u32, stride: u32) -> u32 {
    let salt = match kind {
        Kind::Nik => 0x4e49_4b00,
        Kind::Nkk => 0x4e4b_4b00,
    };
    (mix((u64::from(district) << 32) ^ u64::from(date6) ^ (salt << 20)) % u64::from(stride)) as u32
}

/// The serial of the `j`-th holder of `lane` for (district, date6).
pub fn serial(kind: Kind, district: u32, date6: u32, lane: Lane, j: u32, stride: u32) -> u16 {
    let p = (logical(lane, stride) + rotation(kind, district, date6, stride)) % stride;
    let s = j * stride + p + 1;
    // Beyond 9999 only in absurd cases (thousands of same-day births in one TPS); wrap rather than fail.
    (if s > 9999 { (s - 1) % 9999 + 1 } else { s }) as u16
}

/// Inverse of [`serial`]: which lane and `j` a serial belongs to.
pub fn lane_of(kind: Kind, district: u32, date6: u32, serial: u16, stride: u32) -> (Lane, u32) {
    let s = u32::from(serial) - 1;
    let p = s % stride;
    let l = (p + stride - rotation(kind, district, date6, stride)) % stride;
    (lane_of_logical(l, stride), s / stride)
}

/// DDMMYY with +40 on the day for women.
pub fn date6(date: Date, female: bool) -> u32 {
    let day = u32::from(date.day) + if female { 40 } else { 0 };
    day * 10_000 + u32::from(date.month) * 100 + u32::from(date.year % 100)
}

pub fn compose(district: u32, date6: u32, serial: u16) -> u64 {
    u64::from(district) * 10_000_000_000 + u64::from(date6) * 10_000 + u64::from(serial)
}

/// The parts of a 16-digit number: (district, date6, serial).
pub fn parts(n: u64) -> (u32, u32, u16) {
    (
        (n / 10_000_000_000) as u32,
        (n / 10_000 % 1_000_000) as u32,
        (n % 10_000) as u16,
    )
}

pub fn digits(n: u64) -> [u8; 16] {
    let mut d = [0u8; 16];
    let mut x = n;
    for i in (0..16).rev() {
        d[i] = (x % 10) as u8;
        x /= 10;
    }
    d
}

pub fn from_digits(d: &[u8; 16]) -> u64 {
    d.iter().fold(0u64, |n, &x| n * 10 + u64::from(x))
}

pub fn push(buf: &mut String, n: u64) {
    for d in digits(n) {
        buf.push((b'0' + d) as char);
    }
}

#[cfg(test)]
pub fn to_string(n: u64) -> String {
    let mut s = String::with_capacity(16);
    push(&mut s, n);
    s
}

/// One digit replaced (`pos` 0-based, `digit` different from the old one).
pub fn substitute(n: u64, pos: usize, digit: u8) -> u64 {
    let mut d = digits(n);
    d[pos] = digit;
    from_digits(&d)
}

/// Digits `pos` and `pos + 1` swapped.
pub fn transpose(n: u64, pos: usize) -> u64 {
    let mut d = digits(n);
    d.swap(pos, pos + 1);
    from_digits(&d)
}

/// The birth date and sex a NIK's date segment says, taking the century that makes sense for someone
/// alive on election day (`None` if the segment is not a date).
pub fn decode_date(date6: u32) -> Option<(Date, bool)> {
    let day = date6 / 10_000;
    let month = (date6 / 100 % 100) as u8;
    let yy = (date6 % 100) as u16;
    let (day, female) = match day {
        1..=31 => (day as u8, false),
        41..=71 => ((day - 40) as u8, true),
        _ => return None,
    };
    let year = if yy <= 12 { 2000 + yy } else { 1900 + yy };
    Date::new(year, month, day).map(|d| (d, female))
}

/// Could a roll resident or mover hold this NIK? (Used to keep designed typos from landing on another
/// person's real number.) Numbers in foreign or special lanes are checked against `used` by the caller.
pub fn in_open_lanes(n: u64, tps_of_district: &[u32]) -> bool {
    let (district, d6, serial) = parts(n);
    if serial == 0 || decode_date(d6).is_none() {
        return false;
    }
    let r = regions();
    if !r.is_known_district(district) {
        return false;
    }
    let idx = r
        .district_by_code(district)
        .or_else(|| r.districts.iter().position(|d| d.legacy == Some(district)));
    let Some(idx) = idx else { return false };
    let stride = stride(tps_of_district[idx]);
    matches!(
        lane_of(Kind::Nik, district, d6, serial, stride).0,
        Lane::Mover(_) | Lane::Resident(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_segment_follows_the_plus_40_rule() {
        let cases = [
            (
                "man",
                Date {
                    year: 2003,
                    month: 1,
                    day: 15,
                },
                false,
                150103,
            ),
            (
                "woman",
                Date {
                    year: 1990,
                    month: 8,
                    day: 17,
                },
                true,
                570890,
            ),
            (
                "woman day 31",
                Date {
                    year: 1955,
                    month: 12,
                    day: 31,
                },
                true,
                711255,
            ),
        ];
        for (label, d, f, want) in cases {
            assert_eq!(date6(d, f), want, "{label}");
            assert_eq!(decode_date(want), Some((d, f)), "{label} decodes");
        }
        assert_eq!(decode_date(320890), None, "day 32 is not used");
    }

    #[test]
    fn lanes_round_trip_and_never_collide() {
        let district = 327301;
        let d6 = 570890;
        for tps in [0u32, 1, 5, 300] {
            let st = stride(tps);
            let mut seen = std::collections::HashSet::new();
            let mut lanes = vec![Lane::Foreign];
            lanes.extend((1..=8).flat_map(|k| [Lane::Special(k), Lane::Special(-k)]));
            lanes.extend((0..MOVER_LANES).map(Lane::Mover));
            lanes.extend((0..tps).map(Lane::Resident));
            assert_eq!(lanes.len() as u32, st, "every lane counted");
            for lane in lanes {
                for j in 0..3 {
                    let s = serial(Kind::Nik, district, d6, lane, j, st);
                    assert!((1..=9999).contains(&s), "serial in range");
                    assert!(seen.insert(s), "{lane:?} j={j} collides");
                    assert_eq!(
                        lane_of(Kind::Nik, district, d6, s, st),
                        (lane, j),
                        "round trip"
                    );
                }
            }
        }
    }

    #[test]
    fn last_digit_neighbours_of_a_foreign_serial_are_special_lanes() {
        let st = stride(40);
        for d6 in [10190, 570890, 711255] {
            let s = serial(Kind::Nik, 510301, d6, Lane::Foreign, 0, st);
            for delta in [-8i32, -1, 1, 8] {
                let n = i32::from(s) + delta;
                if n < 1 {
                    continue;
                }
                let (lane, _) = lane_of(Kind::Nik, 510301, d6, n as u16, st);
                assert_eq!(lane, Lane::Special(delta), "serial {s}{delta:+}");
            }
        }
    }

    #[test]
    fn digit_edits() {
        let n = 3273015708900003;
        let cases = [
            ("substitute last", substitute(n, 15, 8), 3273015708900008),
            ("substitute first", substitute(n, 0, 5), 5273015708900003),
            ("transpose 6-7", transpose(n, 6), 3273017508900003),
        ];
        for (label, got, want) in cases {
            assert_eq!(got, want, "{label}");
        }
        assert_eq!(to_string(compose(327301, 570890, 3)), "3273015708900003");
        assert_eq!(parts(n), (327301, 570890, 3));
    }
}
