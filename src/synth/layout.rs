//! Where the roll's rows live: a sequence of TPS (polling stations), grouped by village, district,
//! regency and province in code order, like an export of a real DPT (DOMAIN §3.5, §6).
//!
//! Takes the number of rows and the regencies that must appear (where planted foreigners and hard
//! negatives live) and returns every TPS with its village, size (at most 300 voters, DOMAIN §6) and
//! first row. Regencies are drawn by estimated voters; village sizes follow the regency's mean voters
//! per village with a log-normal spread.

use std::collections::BTreeMap;
use std::ops::Range;

use anyhow::bail;

use super::region::regions;
use super::rng::{Cumulative, Rng, stream};

/// Voters per TPS at most (Pemilu 2024).
pub const MAX_TPS: u32 = 300;
/// Rows per sampled regency when the roll is large.
const ROWS_PER_REGENCY: u64 = 150_000;

#[derive(Clone, Debug)]
pub struct Tps {
    /// Index into `regions().villages`.
    pub village: u32,
    /// 1-based TPS number within the village.
    pub number: u16,
    pub size: u16,
    /// 0-based index of the TPS's first row in the roll.
    pub start_row: u64,
    /// Ordinal of this TPS among the roll's TPS of its district (its residents' NIK lane).
    pub ordinal: u32,
}

#[derive(Debug)]
pub struct Layout {
    pub tps: Vec<Tps>,
    /// Roll TPS per district (by district index); 0 for districts not in the roll.
    pub tps_per_district: Vec<u32>,
    /// TPS index range of each regency in the roll (regency index -> range).
    pub regency_tps: BTreeMap<usize, Range<usize>>,
}

impl Layout {
    #[cfg(test)]
    pub fn rows(&self) -> u64 {
        self.tps
            .last()
            .map_or(0, |t| t.start_row + u64::from(t.size))
    }

    pub fn district_of(&self, tps: usize) -> usize {
        regions().villages[self.tps[tps].village as usize].district
    }
}

/// Lays out `rows` roll rows. `required` lists regencies that must appear with at least that many rows.
pub fn build(seed: u64, rows: u64, required: &BTreeMap<usize, u64>) -> anyhow::Result<Layout> {
    let r = regions();
    let mut rng = Rng::new(seed, &[stream::LAYOUT]);
    let min_total: u64 = required.values().sum();
    if rows < min_total.max(1) {
        bail!(
            "--dpt-rows {rows} is too small: the planted foreigners and hard negatives (with their households) \
             need at least {} rows",
            min_total.max(1)
        );
    }

    // Which regencies: the required ones plus a voter-weighted sample.
    let target = (rows / ROWS_PER_REGENCY).clamp(1, r.regencies.len() as u64) as usize;
    let by_voters = Cumulative::new(r.regencies.iter().map(|g| g.voters));
    let mut chosen: BTreeMap<usize, u64> = required.clone();
    let mut attempts = 0;
    while chosen.len() < target.max(required.len()).max(1) && attempts < 100_000 {
        chosen.entry(by_voters.sample(&mut rng)).or_insert(0);
        attempts += 1;
    }

    // Row quotas: each regency's minimum plus a voter-proportional share of the rest.
    let free = rows - min_total;
    let weight: f64 = chosen.keys().map(|&g| r.regencies[g].voters).sum();
    let mut quotas: BTreeMap<usize, u64> = chosen
        .iter()
        .map(|(&g, &min)| {
            (
                g,
                min + (free as f64 * r.regencies[g].voters / weight).floor() as u64,
            )
        })
        .collect();
    let assigned: u64 = quotas.values().sum();
    let mut order: Vec<usize> = quotas.keys().copied().collect();
    order.sort_by(|a, b| {
        r.regencies[*b]
            .voters
            .total_cmp(&r.regencies[*a].voters)
            .then(a.cmp(b))
    });
    for g in order.iter().cycle().take((rows - assigned) as usize) {
        *quotas.get_mut(g).expect("chosen") += 1;
    }

    let mut tps = Vec::new();
    let mut regency_tps = BTreeMap::new();
    let mut tps_per_district = vec![0u32; r.districts.len()];
    let mut start_row = 0u64;
    for (&g, &quota) in &quotas {
        let first = tps.len();
        for (village, size) in villages_for(&mut rng, g, quota) {
            for (number, tps_size) in split_village(&mut rng, size).into_iter().enumerate() {
                let district = r.villages[village].district;
                tps.push(Tps {
                    village: village as u32,
                    number: number as u16 + 1,
                    size: tps_size as u16,
                    start_row,
                    ordinal: tps_per_district[district],
                });
                tps_per_district[district] += 1;
                start_row += u64::from(tps_size);
            }
        }
        regency_tps.insert(g, first..tps.len());
    }
    debug_assert_eq!(start_row, rows);
    Ok(Layout {
        tps,
        tps_per_district,
        regency_tps,
    })
}

/// Villages (index, voters) of regency `g` summing to `quota`, in code order.
fn villages_for(rng: &mut Rng, g: usize, quota: u64) -> Vec<(usize, u64)> {
    let r = regions();
    let reg = &r.regencies[g];
    let mean = r.voters_per_village(g).max(120.0);
    let mut districts: Vec<usize> = reg.districts.clone().collect();
    rng.shuffle(&mut districts);
    let mut picked: Vec<(usize, u64)> = Vec::new();
    let mut left = quota;
    'outer: for d in districts {
        for v in r.districts[d].villages.clone() {
            if left == 0 {
                break 'outer;
            }
            let size = (mean * (0.55 * rng.normal()).exp())
                .round()
                .clamp(60.0, 40_000.0) as u64;
            let size = size.min(left);
            picked.push((v, size));
            left -= size;
        }
    }
    // A regency smaller than its quota: its villages just get bigger.
    let n = picked.len() as u64;
    for (i, p) in picked.iter_mut().enumerate() {
        p.1 += left / n + u64::from((i as u64) < left % n);
    }
    picked.sort_by_key(|p| p.0);
    picked.retain(|p| p.1 > 0);
    picked
}

/// TPS sizes for a village: about 220-285 voters each, never more than 300.
fn split_village(rng: &mut Rng, voters: u64) -> Vec<u32> {
    let target = rng.range(220, 285) as u64;
    let n = voters
        .div_ceil(u64::from(MAX_TPS))
        .max((voters as f64 / target as f64).round() as u64)
        .max(1);
    let base = voters / n;
    let extra = voters % n;
    let mut sizes: Vec<u32> = (0..n)
        .map(|i| (base + u64::from(i < extra)) as u32)
        .collect();
    for i in 0..sizes.len().saturating_sub(1) {
        let d = rng.range(-15, 15);
        let a = i64::from(sizes[i]) + d;
        let b = i64::from(sizes[i + 1]) - d;
        if (1..=i64::from(MAX_TPS)).contains(&a) && (1..=i64::from(MAX_TPS)).contains(&b) {
            sizes[i] = a as u32;
            sizes[i + 1] = b as u32;
        }
    }
    sizes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_add_up_and_respect_the_tps_cap() {
        let r = regions();
        let badung = r.regency_by_code(5103).expect("Badung");
        let cases = [
            ("small", 500u64),
            ("one kelurahan", 10_000),
            ("one regency", 300_000),
        ];
        for (label, rows) in cases {
            let required = BTreeMap::from([(badung, 40u64)]);
            let layout = build(1, rows, &required).expect("layout");
            assert_eq!(layout.rows(), rows, "{label}: total rows");
            assert!(
                layout
                    .tps
                    .iter()
                    .all(|t| t.size >= 1 && u32::from(t.size) <= MAX_TPS),
                "{label}: TPS size"
            );
            assert!(
                layout.regency_tps.contains_key(&badung),
                "{label}: required regency present"
            );
            let mut next = 0;
            for t in &layout.tps {
                assert_eq!(t.start_row, next, "{label}: contiguous");
                next += u64::from(t.size);
            }
            // Villages appear in code order (a real export is sorted by region).
            let codes: Vec<(u32, u16)> = layout
                .tps
                .iter()
                .map(|t| {
                    (
                        r.districts[r.villages[t.village as usize].district].code,
                        t.number,
                    )
                })
                .collect();
            assert!(
                codes.windows(2).all(|w| w[0].0 <= w[1].0),
                "{label}: sorted by district"
            );
        }
    }

    #[test]
    fn too_few_rows_is_an_error() {
        let required = BTreeMap::from([(0usize, 100u64)]);
        assert!(build(1, 50, &required).is_err());
    }
}
