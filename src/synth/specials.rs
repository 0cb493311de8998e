//! Households built around planted foreigners and hard negatives, from plan to placed rows.
//!
//! Planning (in `planted` and `negatives`) fixes who they are and which regency they live in; the roll
//! layout then needs each regency's rows; [`finish`] puts every household into a TPS of its regency and
//! issues the NIK/NKK numbers, which depend on the layout (see `nik`): the foreigner's own NIK, a
//! one-digit typo of it that lands on nobody else's number, a serial neighbour, or a fresh number in
//! the special lanes.

use std::collections::{BTreeMap, HashSet};

use anyhow::bail;

use super::date::Date;
use super::foreign::Foreigner;
use super::household::Voter;
use super::layout::Layout;
use super::nik::{self, Kind, Lane};
use super::region::regions;
use super::rng::{Rng, stream};
use super::roll::{Special, SpecialHousehold, Tag};

/// How a special row gets its NIK.
#[derive(Clone, Debug)]
pub enum NikPlan {
    /// The listed foreigner's own NIK.
    Foreign(usize),
    /// The foreigner's NIK with one digit substituted.
    Typo(usize),
    /// The foreigner's NIK with two adjacent digits swapped.
    Transposed(usize),
    /// The foreigner's NIK with the last (serial) digit changed.
    Neighbour(usize),
    /// A new Indonesian NIK for `date`/sex: registered where the row lives, or elsewhere (`away`), never
    /// in district `avoid`.
    Local {
        date: Date,
        female: bool,
        away: bool,
        avoid: Option<u32>,
    },
    /// Registered with a twin: the district of `base`'s NIK and the row's own birth segment, the serial
    /// next to it when the segment is the same (same sex).
    Twin(TwinOf),
}

/// Whose NIK a twin's is issued next to.
#[derive(Clone, Copy, Debug)]
pub enum TwinOf {
    /// An earlier member of the same household (0-based).
    Member(usize),
    /// A listed foreigner's NIK.
    Foreign(usize),
}

#[derive(Clone, Debug)]
pub struct PendingMember {
    pub voter: Voter,
    pub tag: Option<Tag>,
    pub plan: NikPlan,
}

#[derive(Clone, Debug)]
pub struct Pending {
    pub regency: usize,
    pub members: Vec<PendingMember>,
}

/// Rows each regency needs for its special households (plus room for ordinary neighbours).
pub fn required_rows(pending: &[Pending]) -> BTreeMap<usize, u64> {
    let mut need: BTreeMap<usize, u64> = BTreeMap::new();
    for p in pending {
        *need.entry(p.regency).or_insert(0) += p.members.len() as u64;
    }
    for v in need.values_mut() {
        *v += 20;
    }
    need
}

struct Issuer<'a> {
    rng: Rng,
    used: HashSet<u64>,
    used_nkk: HashSet<u64>,
    layout: &'a Layout,
    list: &'a [Foreigner],
}

/// Places every household in a TPS of its regency and issues the numbers.
pub fn finish(
    seed: u64,
    pending: Vec<Pending>,
    list: &[Foreigner],
    layout: &Layout,
) -> anyhow::Result<Vec<SpecialHousehold>> {
    let mut issuer = Issuer {
        rng: Rng::new(seed, &[stream::PLANTED, 2]),
        used: list.iter().filter_map(|f| f.nik).collect(),
        used_nkk: HashSet::new(),
        layout,
        list,
    };
    let mut taken = vec![0u32; layout.tps.len()];
    let mut out = Vec::with_capacity(pending.len());
    for p in pending {
        let tps = issuer.place(&p, &mut taken)?;
        let district = layout.district_of(tps);
        let nkk = issuer.nkk(district);
        let mut members: Vec<Special> = Vec::with_capacity(p.members.len());
        for m in p.members {
            let mut voter = m.voter;
            voter.nik = issuer.nik(&m.plan, district, &members, &voter)?;
            members.push(Special { voter, tag: m.tag });
        }
        out.push(SpecialHousehold { tps, nkk, members });
    }
    Ok(out)
}

impl Issuer<'_> {
    fn place(&mut self, p: &Pending, taken: &mut [u32]) -> anyhow::Result<usize> {
        let need = p.members.len() as u32;
        let fits = |t: usize, taken: &[u32]| taken[t] + need <= u32::from(self.layout.tps[t].size);
        let range = self
            .layout
            .regency_tps
            .get(&p.regency)
            .cloned()
            .unwrap_or(0..self.layout.tps.len());
        let mut chosen = None;
        for _ in 0..64 {
            let t = range.start + self.rng.index(range.len());
            if fits(t, taken) {
                chosen = Some(t);
                break;
            }
        }
        if chosen.is_none() {
            let start = self.rng.index(self.layout.tps.len());
            chosen = range
                .clone()
                .chain((0..self.layout.tps.len()).map(|i| (start + i) % self.layout.tps.len()))
                .find(|&t| fits(t, taken));
        }
        let Some(t) = chosen else {
            bail!("no room left in the roll for a planted household; raise --dpt-rows")
        };
        taken[t] += need;
        Ok(t)
    }

    fn foreign_nik(&self, fi: usize) -> anyhow::Result<u64> {
        match self.list[fi].nik {
            Some(n) => Ok(n),
            None => bail!(
                "internal: planted NIK plan for a foreigner without NIK (row {})",
                fi + 1
            ),
        }
    }

    fn stride_of(&self, code: u32) -> u32 {
        let r = regions();
        let idx = r
            .district_by_code(code)
            .or_else(|| r.districts.iter().position(|d| d.legacy == Some(code)));
        nik::stride(idx.map_or(0, |i| self.layout.tps_per_district[i]))
    }

    /// A free number in the special lanes of (district, date6).
    fn special_serial(&mut self, kind: Kind, code: u32, d6: u32) -> u64 {
        let stride = self.stride_of(code);
        let mut lanes: Vec<i32> = (1..=nik::SPECIAL_HALF as i32)
            .flat_map(|k| [k, -k])
            .collect();
        for j in 0.. {
            self.rng.shuffle(&mut lanes);
            for &k in &lanes {
                let n = nik::compose(
                    code,
                    d6,
                    nik::serial(kind, code, d6, Lane::Special(k), j, stride),
                );
                let used = if kind == Kind::Nik {
                    &mut self.used
                } else {
                    &mut self.used_nkk
                };
                if used.insert(n) {
                    return n;
                }
            }
        }
        unreachable!("the serial space is never exhausted")
    }

    fn nkk(&mut self, district: usize) -> u64 {
        let code = regions().districts[district].code;
        let start = Date {
            year: 2008,
            month: 1,
            day: 1,
        }
        .to_days();
        let end = Date {
            year: 2028,
            month: 12,
            day: 31,
        }
        .to_days();
        let reg = Date::from_days(start + self.rng.below((end - start) as u64) as i64);
        self.special_serial(Kind::Nkk, code, nik::date6(reg, false))
    }

    /// A free number that differs from the foreigner's only in the last digit.
    fn neighbour_of(&mut self, n0: u64) -> Option<u64> {
        let (code, d6, s0) = nik::parts(n0);
        let stride = self.stride_of(code);
        let last = i32::from(s0 % 10);
        let mut options: Vec<u64> = (0..10)
            .filter(|&d| d != last && (d - last).unsigned_abs() <= nik::SPECIAL_HALF)
            .map(|d| i32::from(s0) - last + d)
            .filter(|&s| s >= 1)
            .map(|s| nik::compose(code, d6, s as u16))
            .filter(|&n| {
                let (_, _, s) = nik::parts(n);
                matches!(
                    nik::lane_of(Kind::Nik, code, d6, s, stride).0,
                    Lane::Special(_)
                ) && !self.used.contains(&n)
            })
            .collect();
        if options.is_empty() {
            return None;
        }
        let n = options.swap_remove(self.rng.index(options.len()));
        self.used.insert(n);
        Some(n)
    }

    /// An edit of the foreigner's NIK that nobody on the roll holds.
    fn edited(&mut self, n0: u64, transpose: bool) -> u64 {
        let d = nik::digits(n0);
        for attempt in 0..400 {
            let n = if transpose {
                let pos = self.rng.index(15);
                if d[pos] == d[pos + 1] {
                    continue;
                }
                nik::transpose(n0, pos)
            } else {
                let pos = self.rng.index(16);
                let digit = (d[pos] + 1 + self.rng.below(9) as u8) % 10;
                nik::substitute(n0, pos, digit)
            };
            let safe = attempt > 300 || !nik::in_open_lanes(n, &self.layout.tps_per_district);
            if n != n0 && n >= 1_000_000_000_000_000 && safe && !self.used.contains(&n) {
                self.used.insert(n);
                return n;
            }
        }
        // All-equal digits cannot be transposed; fall back to a last-digit change.
        self.neighbour_of(n0).unwrap_or(n0 + 1)
    }

    fn away_district(&mut self, home: usize, avoid: Option<u32>) -> usize {
        let r = regions();
        let reg = &r.regencies[r.districts[home].regency];
        for _ in 0..32 {
            let d = if self.rng.chance(0.5) && reg.districts.len() > 1 {
                reg.districts.start + self.rng.index(reg.districts.len())
            } else {
                self.rng.index(r.districts.len())
            };
            if d != home && Some(r.districts[d].code) != avoid {
                return d;
            }
        }
        (home + 1) % r.districts.len()
    }

    fn nik(
        &mut self,
        plan: &NikPlan,
        district: usize,
        earlier: &[Special],
        voter: &Voter,
    ) -> anyhow::Result<u64> {
        let r = regions();
        Ok(match *plan {
            NikPlan::Foreign(fi) => self.foreign_nik(fi)?,
            NikPlan::Typo(fi) => {
                let n0 = self.foreign_nik(fi)?;
                self.edited(n0, false)
            }
            NikPlan::Transposed(fi) => {
                let n0 = self.foreign_nik(fi)?;
                self.edited(n0, true)
            }
            NikPlan::Neighbour(fi) => {
                let n0 = self.foreign_nik(fi)?;
                match self.neighbour_of(n0) {
                    Some(n) => n,
                    None => {
                        let (code, d6, _) = nik::parts(n0);
                        self.special_serial(Kind::Nik, code, d6)
                    }
                }
            }
            NikPlan::Local {
                date,
                female,
                away,
                avoid,
            } => {
                let here_avoided = Some(r.districts[district].code) == avoid;
                let d = if away || here_avoided {
                    self.away_district(district, avoid)
                } else {
                    district
                };
                self.special_serial(Kind::Nik, r.districts[d].code, nik::date6(date, female))
            }
            NikPlan::Twin(of) => {
                let n0 = match of {
                    TwinOf::Member(i) => earlier[i].voter.nik,
                    TwinOf::Foreign(fi) => self.foreign_nik(fi)?,
                };
                let (code, d6, _) = nik::parts(n0);
                let own = nik::date6(voter.dob, voter.female);
                match (own == d6).then(|| self.neighbour_of(n0)).flatten() {
                    Some(n) => n,
                    None => self.special_serial(Kind::Nik, code, own),
                }
            }
        })
    }
}
