//! Households of voters: who lives together (ages, sexes, roles, marital status) and the dates and
//! small codes each voter carries (placeholder birth dates, DOMAIN §1.6; disability and KETERANGAN codes,
//! DOMAIN §3.1).
//!
//! Only members aged 17+ on election day are voters, so a household here is the voting part of a family
//! card (KK): a couple, their adult children still on the card, sometimes a widowed parent.

use super::date::{Date, ELECTION};
use super::rng::Rng;

/// A voter as the roll shows them.
#[derive(Clone, Debug, Default)]
pub struct Voter {
    pub nik: u64,
    pub name: String,
    pub birthplace: String,
    pub dob: Date,
    pub female: bool,
    /// `B` belum kawin, `S` sudah kawin, `P` pernah kawin.
    pub marital: u8,
    /// 0 none, else code 1-6.
    pub disability: u8,
    /// 0 none, `B` (new voter) or `U` (data changed).
    pub note: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Head,
    Spouse,
    Child,
    Parent,
    Single,
}

/// One member before names and numbers are given.
#[derive(Clone, Copy, Debug)]
pub struct Member {
    pub dob: Date,
    pub female: bool,
    pub marital: u8,
    pub role: Role,
    /// Birth order among siblings (0 = eldest), for Balinese names.
    pub birth_order: u8,
}

fn age_of(m: &Member) -> u32 {
    m.dob.age_on(ELECTION)
}

/// Head-of-household age in years: weights per band (tuned so the whole roll approximates the 2024
/// DPT generations: about 23% aged 17-27, 34% 28-43, 28% 44-59, 15% 60+) [I].
fn head_age(rng: &mut Rng) -> u32 {
    const BANDS: [(u32, u32, f64); 7] = [
        (22, 29, 8.0),
        (30, 39, 24.0),
        (40, 49, 27.0),
        (50, 59, 24.0),
        (60, 69, 12.0),
        (70, 79, 5.0),
        (80, 92, 0.7),
    ];
    let w: Vec<f64> = BANDS.iter().map(|b| b.2).collect();
    let b = BANDS[rng.weighted_index(&w)];
    rng.range(i64::from(b.0), i64::from(b.1)) as u32
}

/// Chance that a child of this age is still on the parents' family card.
fn still_home(age: u32) -> f64 {
    match age {
        ..22 => 0.95,
        22..27 => 0.7,
        27..33 => 0.35,
        33..41 => 0.12,
        _ => 0.04,
    }
}

/// A birth date for someone `age` on election day, with Dukcapil placeholder dates (DOMAIN §1.6):
/// 1 July about 5%, 31 December about 3%, 1 January about 1.5%, the 15th about 1%, more often the older
/// the voter (31 December belongs to the pre-2004 SIMDUK era).
pub fn birth_date(rng: &mut Rng, age: u32) -> Date {
    let d = Date::random_for_age(rng, age, ELECTION);
    let old = d.year < 1987;
    let (jul, dec, jan, mid) = if old {
        (0.07, 0.058, 0.02, 0.018)
    } else {
        (0.035, 0.004, 0.009, 0.004)
    };
    let x = rng.unit();
    let candidate = if x < jul {
        Date::new(d.year, 7, 1)
    } else if x < jul + dec {
        Date::new(d.year, 12, 31)
    } else if x < jul + dec + jan {
        Date::new(d.year, 1, 1)
    } else if x < jul + dec + jan + mid {
        Date::new(d.year, d.month, 15)
    } else {
        None
    };
    candidate.filter(|c| c.age_on(ELECTION) >= 17).unwrap_or(d)
}

/// The date a NIK was issued with, for the ~1% whose birth date was corrected later (DOMAIN §1.1: the
/// NIK is never re-issued). Returns a date different from `dob`.
pub fn original_nik_date(rng: &mut Rng, dob: Date) -> Date {
    for _ in 0..8 {
        let x = rng.unit();
        let c = if x < 0.4 {
            Date::new(dob.year, 7, 1)
        } else if x < 0.6 {
            Date::new(dob.year, 12, 31)
        } else if x < 0.8 {
            Date::new(dob.year, dob.month, rng.range(1, 28) as u8)
        } else {
            let y = if rng.chance(0.5) {
                dob.year + 1
            } else {
                dob.year - 1
            };
            Date::new(y, dob.month, dob.day.min(28))
        };
        if let Some(c) = c.filter(|c| *c != dob) {
            return c;
        }
    }
    dob.add_days(1)
}

/// Members of one household, at most `max` (>= 1).
pub fn compose(rng: &mut Rng, max: usize, out: &mut Vec<Member>) {
    out.clear();
    let x = rng.unit();
    let member = |rng: &mut Rng, age: u32, female: bool, marital: u8, role: Role| Member {
        dob: birth_date(rng, age),
        female,
        marital,
        role,
        birth_order: rng.below(4) as u8,
    };
    if x < 0.74 {
        let age = head_age(rng);
        let widowed = age > 45 && rng.chance(0.02 * f64::from(age - 45).min(30.0) / 3.0);
        let head_female = widowed && rng.chance(0.7) || rng.chance(0.03);
        let married = !widowed && !head_female;
        out.push(member(
            rng,
            age,
            head_female,
            if married { b'S' } else { b'P' },
            Role::Head,
        ));
        if married && out.len() < max {
            let gap = (3.5 + 3.5 * rng.normal()).round().clamp(-4.0, 16.0) as i64;
            let spouse_age = (i64::from(age) - gap).clamp(18, 95) as u32;
            out.push(member(rng, spouse_age, true, b'S', Role::Spouse));
        }
        // Children: born when the mother was 19-40.
        let mother_age = out.iter().find(|m| m.female).map_or(age, age_of);
        let born = match rng.unit() {
            x if x < 0.08 => 0,
            x if x < 0.25 => 1,
            x if x < 0.55 => 2,
            x if x < 0.8 => 3,
            x if x < 0.93 => 4,
            _ => 5,
        };
        let mut kids: Vec<u32> = Vec::new();
        for _ in 0..born {
            let a = mother_age.saturating_sub(rng.range(19, 40) as u32);
            if a >= 17 && rng.chance(still_home(a)) {
                kids.push(a);
            }
        }
        kids.sort_unstable_by(|a, b| b.cmp(a));
        let offset = rng.below(2) as u8;
        for (i, a) in kids.into_iter().enumerate() {
            if out.len() >= max {
                break;
            }
            let marital = if a >= 24 && rng.chance(0.12) {
                b'S'
            } else {
                b'B'
            };
            let female = rng.chance(0.5);
            let mut m = member(rng, a, female, marital, Role::Child);
            m.birth_order = i as u8 + offset;
            out.push(m);
        }
        if (30..62).contains(&age) && out.len() < max && rng.chance(0.07) {
            let pa = (age + rng.range(21, 36) as u32).min(95);
            let female = rng.chance(0.65);
            out.push(member(rng, pa, female, b'P', Role::Parent));
        }
    } else if x < 0.89 {
        let age = rng.range(18, 38) as u32;
        let marital = match rng.unit() {
            x if x < 0.82 => b'B',
            x if x < 0.94 => b'S',
            _ => b'P',
        };
        let female = rng.chance(0.45);
        out.push(member(rng, age, female, marital, Role::Single));
    } else {
        let age = match rng.unit() {
            x if x < 0.6 => rng.range(55, 69),
            x if x < 0.92 => rng.range(70, 79),
            _ => rng.range(80, 95),
        } as u32;
        let female = rng.chance(0.62);
        out.push(member(rng, age, female, b'P', Role::Single));
    }
}

/// DISABILITAS code: about 0.5% of voters (DOMAIN §6), more among the old; 1 fisik ... 6 netra.
pub fn disability(rng: &mut Rng, age: u32) -> u8 {
    let p = if age >= 70 { 0.02 } else { 0.0035 };
    if rng.chance(p) {
        [1u8, 1, 1, 6, 6, 5, 2, 3, 4][rng.index(9)]
    } else {
        0
    }
}

/// KETERANGAN: `B` for some new voters, `U` for corrected rows, mostly empty.
pub fn note(rng: &mut Rng, age: u32) -> u8 {
    if age <= 18 && rng.chance(0.35) || rng.chance(0.004) {
        b'B'
    } else if rng.chance(0.03) {
        b'U'
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn households_are_voters_only_and_bounded() {
        let mut rng = Rng::new(1, &[]);
        let mut out = Vec::new();
        for max in [1usize, 2, 6] {
            for _ in 0..2000 {
                compose(&mut rng, max, &mut out);
                assert!(!out.is_empty() && out.len() <= max, "size within 1..={max}");
                for m in &out {
                    let age = m.dob.age_on(ELECTION);
                    assert!((17..=95).contains(&age), "age {age}");
                    assert!(matches!(m.marital, b'B' | b'S' | b'P'));
                }
            }
        }
    }

    #[test]
    fn placeholder_dates_have_the_documented_shares() {
        let mut rng = Rng::new(2, &[]);
        let mut out = Vec::new();
        let (mut n, mut jul, mut dec, mut jan) = (0u32, 0u32, 0u32, 0u32);
        for _ in 0..40_000 {
            compose(&mut rng, 6, &mut out);
            for m in &out {
                n += 1;
                match (m.dob.day, m.dob.month) {
                    (1, 7) => jul += 1,
                    (31, 12) => dec += 1,
                    (1, 1) => jan += 1,
                    _ => {}
                }
            }
        }
        let share = |k: u32| f64::from(k) / f64::from(n);
        let cases = [
            ("1 July", share(jul), 0.035, 0.07),
            ("31 Dec", share(dec), 0.02, 0.045),
            ("1 Jan", share(jan), 0.01, 0.022),
        ];
        for (label, got, lo, hi) in cases {
            assert!((lo..hi).contains(&got), "{label}: {got}");
        }
    }

    #[test]
    fn corrected_dates_differ() {
        let mut rng = Rng::new(3, &[]);
        for d in [
            Date {
                year: 1970,
                month: 7,
                day: 1,
            },
            Date {
                year: 1990,
                month: 2,
                day: 28,
            },
        ] {
            for _ in 0..100 {
                assert_ne!(original_nik_date(&mut rng, d), d);
            }
        }
    }
}
