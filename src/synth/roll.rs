//! The roll file (`dpt.csv`), TPS by TPS.
//!
//! Each TPS is generated from its own random stream (seed, TPS index): households of citizens with
//! names, NIKs and NKKs, the TPS's special households (planted foreigners, hard negatives, built
//! beforehand) inserted at random household boundaries. Blocks of TPS run in parallel and are written
//! in order, so the file is the same for any thread count; only a window of blocks is held in memory.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::address::Hood;
use super::date::{DateStyle, ELECTION, push_2};
use super::household::{self, Member, Role, Voter};
use super::layout::Layout;
use super::names::{Group, NameSpec, group_for, id_names};
use super::nik::{self, Kind, Lane};
use super::region::regions;
use super::rng::{Cumulative, Rng, mix, stream};
use super::variant::{self, Csv, Form, Mask};

/// Marks a row as planted or hard negative (`id` indexes the caller's records).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag {
    pub planted: bool,
    pub id: u32,
}

#[derive(Clone, Debug)]
pub struct Special {
    pub voter: Voter,
    pub tag: Option<Tag>,
}

/// A household built before the roll (around a planted foreigner or a hard negative).
#[derive(Clone, Debug)]
pub struct SpecialHousehold {
    /// TPS index it was placed in.
    pub tps: usize,
    pub nkk: u64,
    pub members: Vec<Special>,
}

/// Where a tagged row landed (0-based row index, header excluded).
#[derive(Clone, Copy, Debug)]
pub struct Hit {
    pub tag: Tag,
    pub row: u64,
}

/// Counts for README.txt.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub rows: u64,
    pub households: u64,
    pub movers: u64,
    pub legacy_papua: u64,
    pub nik_dob_mismatch: u64,
    pub born_abroad: u64,
    pub jul1: u64,
    pub dec31: u64,
    pub jan1: u64,
    pub disabled: u64,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.rows += o.rows;
        self.households += o.households;
        self.movers += o.movers;
        self.legacy_papua += o.legacy_papua;
        self.nik_dob_mismatch += o.nik_dob_mismatch;
        self.born_abroad += o.born_abroad;
        self.jul1 += o.jul1;
        self.dec31 += o.dec31;
        self.jan1 += o.jan1;
        self.disabled += o.disabled;
    }
}

pub struct RollCtx<'a> {
    pub seed: u64,
    pub layout: &'a Layout,
    pub form: &'a Form,
    pub specials: &'a [SpecialHousehold],
    pub specials_by_tps: BTreeMap<usize, Vec<usize>>,
    /// Regencies weighted by voters (where movers first registered).
    pub national: Cumulative,
}

impl<'a> RollCtx<'a> {
    pub fn new(
        seed: u64,
        layout: &'a Layout,
        form: &'a Form,
        specials: &'a [SpecialHousehold],
    ) -> RollCtx<'a> {
        let mut specials_by_tps: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (k, h) in specials.iter().enumerate() {
            specials_by_tps.entry(h.tps).or_default().push(k);
        }
        let national = Cumulative::new(regions().regencies.iter().map(|g| g.voters));
        RollCtx {
            seed,
            layout,
            form,
            specials,
            specials_by_tps,
            national,
        }
    }
}

/// Per-worker buffers, reused across TPS.
#[derive(Default)]
struct Scratch {
    text: String,
    members: Vec<Member>,
    name: String,
    nik_counts: FxHashMap<u64, u32>,
    nkk_counts: FxHashMap<u64, u32>,
}

const TPS_PER_CHUNK: usize = 16;

/// Writes the roll; returns where tagged rows landed and counts.
pub fn write(ctx: &RollCtx, path: &Path) -> anyhow::Result<(Vec<Hit>, Stats)> {
    let file = File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let mut header = String::new();
    Csv::new(&mut header, ctx.form).record(ctx.form.roll_header());
    let mut bytes = Vec::new();
    variant::encode(ctx.form, &header, &mut bytes);
    out.write_all(&bytes)
        .with_context(|| format!("writing {}", path.display()))?;

    let n = ctx.layout.tps.len();
    let chunks = n.div_ceil(TPS_PER_CHUNK);
    let window = (8 * rayon::current_num_threads()).max(16);
    let mut hits = Vec::new();
    let mut stats = Stats::default();
    for first in (0..chunks).step_by(window) {
        let results: Vec<(Vec<u8>, Vec<Hit>, Stats)> = (first..(first + window).min(chunks))
            .into_par_iter()
            .map_init(Scratch::default, |s, c| {
                let mut hits = Vec::new();
                let mut stats = Stats::default();
                s.text.clear();
                for ti in c * TPS_PER_CHUNK..((c + 1) * TPS_PER_CHUNK).min(n) {
                    TpsGen::new(ctx, ti).run(s, &mut hits, &mut stats);
                }
                let mut bytes = Vec::with_capacity(s.text.len() + 16);
                variant::encode(ctx.form, &s.text, &mut bytes);
                (bytes, hits, stats)
            })
            .collect();
        for (bytes, h, st) in results {
            out.write_all(&bytes)
                .with_context(|| format!("writing {}", path.display()))?;
            hits.extend(h);
            stats.add(&st);
        }
    }
    out.flush()
        .with_context(|| format!("writing {}", path.display()))?;
    Ok((hits, stats))
}

/// `003`, `017`, `120` (RT, RW and TPS numbers).
fn push_3(b: &mut String, n: u32) {
    if n >= 1000 {
        b.push_str(&n.to_string());
    } else {
        b.push((b'0' + (n / 100) as u8) as char);
        push_2(b, n % 100);
    }
}

/// Birth abroad (DOMAIN §4.5 context; NTT rows include people born in Timor-Timur before 1999).
fn born_abroad_rate(province: u8) -> f64 {
    match province {
        53 => 0.015,
        21 | 61 | 64 | 65 => 0.008,
        11 | 12 | 14 | 52 => 0.004,
        _ => 0.0015,
    }
}

struct TpsGen<'a> {
    ctx: &'a RollCtx<'a>,
    ti: usize,
    rng: Rng,
    frng: Rng,
    district: usize,
    regency: usize,
    province: u8,
    mask: Mask,
    hood: Hood,
    rw: u16,
    rt: u16,
    rt_rows_left: u32,
    no: u32,
    address: String,
}

impl<'a> TpsGen<'a> {
    fn new(ctx: &'a RollCtx<'a>, ti: usize) -> TpsGen<'a> {
        let r = regions();
        let t = &ctx.layout.tps[ti];
        let village = &r.villages[t.village as usize];
        let district = village.district;
        let regency = r.districts[district].regency;
        let province = r.provinces[r.regencies[regency].province].code;
        let mut rng = Rng::new(ctx.seed, &[stream::TPS, ti as u64]);
        let frng = Rng::new(ctx.seed, &[stream::FORMAT, ti as u64]);
        let hood = Hood::new(&mut rng, village.is_kelurahan(), province);
        let pair = t.number.saturating_sub(1) % 3;
        TpsGen {
            ctx,
            ti,
            frng,
            district,
            regency,
            province,
            mask: variant::mask_for(mix(ctx.seed ^ u64::from(t.village).wrapping_mul(0x9e37))),
            hood,
            // About three TPS per RW (a TPS serves one or two RT of 100-150 voters).
            rw: 1 + (t.number.saturating_sub(1) / 3),
            rt: 1 + pair * 3,
            rt_rows_left: rng.range(60, 140) as u32,
            no: 0,
            address: String::new(),
            rng,
        }
    }

    fn run(mut self, s: &mut Scratch, hits: &mut Vec<Hit>, stats: &mut Stats) {
        s.nik_counts.clear();
        s.nkk_counts.clear();
        let t = &self.ctx.layout.tps[self.ti];
        let specials: &[usize] = self
            .ctx
            .specials_by_tps
            .get(&self.ti)
            .map_or(&[], Vec::as_slice);
        let special_rows: usize = specials
            .iter()
            .map(|&k| self.ctx.specials[k].members.len())
            .sum();
        let normal_rows = usize::from(t.size) - special_rows;
        let mut inserts: Vec<(usize, usize)> = specials
            .iter()
            .map(|&k| (self.rng.index(normal_rows + 1), k))
            .collect();
        inserts.sort_unstable();
        let mut normal = 0usize;
        let mut next = 0usize;
        loop {
            while next < inserts.len() && inserts[next].0 <= normal {
                self.special_household(inserts[next].1, s, hits, stats);
                next += 1;
            }
            if normal >= normal_rows {
                break;
            }
            normal += self.household((normal_rows - normal).min(6), s, stats);
        }
        debug_assert_eq!(self.no, u32::from(t.size));
    }

    fn next_rt(&mut self, size: usize) -> (u16, u16) {
        if self.rt_rows_left < size as u32 {
            self.rt += 1;
            self.rt_rows_left = self.rng.range(60, 140) as u32;
        }
        self.rt_rows_left = self.rt_rows_left.saturating_sub(size as u32);
        (self.rt, self.rw)
    }

    /// NIK for a voter living here: usually registered in this district, sometimes elsewhere (movers).
    fn nik(
        &mut self,
        s: &mut Scratch,
        dob: super::date::Date,
        female: bool,
        stats: &mut Stats,
    ) -> (u64, Option<usize>) {
        let r = regions();
        let layout = self.ctx.layout;
        let mover = self.rng.chance(0.15);
        let (district, code, lane) = if mover {
            let d = self.mover_district();
            (
                d,
                r.districts[d].code,
                Lane::Mover(self.rng.below(u64::from(nik::MOVER_LANES)) as u32),
            )
        } else {
            let here = &r.districts[self.district];
            // Older Papua residents keep their pre-2022 (91/92) code.
            let code = match here.legacy {
                Some(old) if dob.year < 2005 && self.rng.chance(0.8) => {
                    stats.legacy_papua += 1;
                    old
                }
                _ => here.code,
            };
            (
                self.district,
                code,
                Lane::Resident(layout.tps[self.ti].ordinal),
            )
        };
        let nik_date = if self.rng.chance(0.01) {
            stats.nik_dob_mismatch += 1;
            household::original_nik_date(&mut self.rng, dob)
        } else {
            dob
        };
        let d6 = nik::date6(nik_date, female);
        let lane_key = match lane {
            Lane::Mover(m) => u64::from(m),
            _ => 255,
        };
        let key = (u64::from(code) << 32) ^ (u64::from(d6) << 8) ^ lane_key;
        let j = s.nik_counts.entry(key).or_insert(0);
        let serial = nik::serial(
            Kind::Nik,
            code,
            d6,
            lane,
            *j,
            nik::stride(layout.tps_per_district[district]),
        );
        *j += 1;
        if mover {
            stats.movers += 1;
        }
        (nik::compose(code, d6, serial), mover.then_some(district))
    }

    fn mover_district(&mut self) -> usize {
        let r = regions();
        let reg = &r.regencies[self.regency];
        let x = self.rng.unit();
        let g = if x < 0.5 && reg.districts.len() > 1 {
            loop {
                let d = reg.districts.start + self.rng.index(reg.districts.len());
                if d != self.district {
                    return d;
                }
            }
        } else if x < 0.8 {
            let p = &r.provinces[reg.province];
            p.regencies.start + self.rng.index(p.regencies.len())
        } else {
            self.ctx.national.sample(&mut self.rng)
        };
        let ds = &r.regencies[g].districts;
        ds.start + self.rng.index(ds.len())
    }

    fn birthplace(&mut self, mover: Option<usize>, stats: &mut Stats) -> &'static str {
        let r = regions();
        if self.rng.chance(born_abroad_rate(self.province)) {
            stats.born_abroad += 1;
            return id_names().born_abroad.pick(&mut self.rng);
        }
        let x = self.rng.unit();
        let g = match mover {
            Some(d) if x < 0.7 => r.districts[d].regency,
            _ if x < 0.82 => self.regency,
            _ if x < 0.94 => {
                let p = &r.provinces[r.regencies[self.regency].province];
                p.regencies.start + self.rng.index(p.regencies.len())
            }
            _ => self.ctx.national.sample(&mut self.rng),
        };
        if self.rng.chance(0.08) {
            // Sometimes the district is written instead of the regency.
            let ds = &r.regencies[g].districts;
            return r.districts[ds.start + self.rng.index(ds.len())]
                .name
                .as_str();
        }
        r.regencies[g].place.as_str()
    }

    fn nkk(&mut self, s: &mut Scratch, head_birth_year: u16) -> u64 {
        let r = regions();
        let code = r.districts[self.district].code;
        let earliest = super::date::Date {
            year: (head_birth_year + 19).clamp(2005, 2027),
            month: 1,
            day: 1,
        };
        let start = if self.rng.chance(0.65) {
            earliest.max(super::date::Date {
                year: 2020,
                month: 1,
                day: 1,
            })
        } else {
            earliest
        };
        let end = super::date::Date {
            year: 2028,
            month: 12,
            day: 31,
        };
        let span = (end.to_days() - start.to_days()).max(1);
        let reg_date = start.add_days(self.rng.below(span as u64) as i64);
        let d6 = nik::date6(reg_date, false);
        let key = (u64::from(code) << 32) ^ u64::from(d6);
        let j = s.nkk_counts.entry(key).or_insert(0);
        let lane = Lane::Resident(self.ctx.layout.tps[self.ti].ordinal);
        let serial = nik::serial(
            Kind::Nkk,
            code,
            d6,
            lane,
            *j,
            nik::stride(self.ctx.layout.tps_per_district[self.district]),
        );
        *j += 1;
        nik::compose(code, d6, serial)
    }

    /// One household of generated citizens (at most `max` voters); returns its size.
    fn household(&mut self, max: usize, s: &mut Scratch, stats: &mut Stats) -> usize {
        let names = id_names();
        household::compose(&mut self.rng, max, &mut s.members);
        let group = group_for(&mut self.rng, self.province);
        let family = names.family_name(&mut self.rng, group);
        let head = s.members[0];
        let nkk = self.nkk(s, head.dob.year);
        let (rt, rw) = self.next_rt(s.members.len());
        let hood = self.hood;
        let mut address = std::mem::take(&mut self.address);
        hood.address(&mut self.rng, &mut address);
        let members = std::mem::take(&mut s.members);
        for m in &members {
            let (g, fam) = match m.role {
                Role::Spouse | Role::Parent => {
                    let g = if self.rng.chance(0.1) {
                        group_for(&mut self.rng, self.province)
                    } else {
                        group
                    };
                    let fam = if !g.has_family_name() {
                        None
                    } else if g == Group::Batak
                        || m.role == Role::Parent && head.female
                        || self.rng.chance(0.5)
                        || g != group
                    {
                        names.family_name(&mut self.rng, g)
                    } else {
                        family
                    };
                    (g, fam)
                }
                _ => (group, family),
            };
            let spec = NameSpec {
                group: g,
                female: m.female,
                birth_year: m.dob.year,
                birth_order: m.birth_order,
                family: fam,
                province: self.province,
            };
            let mut name = std::mem::take(&mut s.name);
            names.name(&mut self.rng, &spec, &mut name);
            let (nik, mover) = self.nik(s, m.dob, m.female, stats);
            let birthplace = self.birthplace(mover, stats);
            let age = m.dob.age_on(ELECTION);
            let disability = household::disability(&mut self.rng, age);
            let note = household::note(&mut self.rng, age);
            self.row(
                s, nkk, nik, &name, birthplace, m.dob, m.female, m.marital, &address, rt, rw,
                disability, note, stats,
            );
            s.name = name;
        }
        let n = members.len();
        s.members = members;
        self.address = address;
        stats.households += 1;
        n
    }

    fn special_household(
        &mut self,
        k: usize,
        s: &mut Scratch,
        hits: &mut Vec<Hit>,
        stats: &mut Stats,
    ) {
        let h = &self.ctx.specials[k];
        let (rt, rw) = self.next_rt(h.members.len());
        let hood = self.hood;
        let mut address = std::mem::take(&mut self.address);
        hood.address(&mut self.rng, &mut address);
        let start = self.ctx.layout.tps[self.ti].start_row;
        for m in &h.members {
            let v = &m.voter;
            if let Some(tag) = m.tag {
                hits.push(Hit {
                    tag,
                    row: start + u64::from(self.no),
                });
            }
            self.row(
                s,
                h.nkk,
                v.nik,
                &v.name,
                &v.birthplace,
                v.dob,
                v.female,
                v.marital,
                &address,
                rt,
                rw,
                v.disability,
                v.note,
                stats,
            );
        }
        self.address = address;
        stats.households += 1;
    }

    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        s: &mut Scratch,
        nkk: u64,
        nik: u64,
        name: &str,
        birthplace: &str,
        dob: super::date::Date,
        female: bool,
        marital: u8,
        address: &str,
        rt: u16,
        rw: u16,
        disability: u8,
        note: u8,
        stats: &mut Stats,
    ) {
        let r = regions();
        let form = self.ctx.form;
        let t = &self.ctx.layout.tps[self.ti];
        let village = &r.villages[t.village as usize];
        let district = &r.districts[village.district];
        let regency = &r.regencies[district.regency];
        let province = &r.provinces[regency.province];
        self.no += 1;
        stats.rows += 1;
        match (dob.day, dob.month) {
            (1, 7) => stats.jul1 += 1,
            (31, 12) => stats.dec31 += 1,
            (1, 1) => stats.jan1 += 1,
            _ => {}
        }
        if disability != 0 {
            stats.disabled += 1;
        }
        let style = variant::date_style(&mut self.frng, form, DateStyle::Dmy(b'-'));
        let mask = self.mask;
        let masked = form.masked_nik;
        let no = self.no;
        let mut w = Csv::new(&mut s.text, form);
        w.raw(|b| b.push_str(&no.to_string()));
        w.raw(|b| {
            if masked {
                variant::push_masked(b, nkk, mask)
            } else {
                nik::push(b, nkk)
            }
        });
        w.raw(|b| {
            if masked {
                variant::push_masked(b, nik, mask)
            } else {
                nik::push(b, nik)
            }
        });
        w.field(name);
        w.field(birthplace);
        w.raw(|b| variant::push_date_styled(b, dob, style));
        w.raw(|b| b.push_str(&dob.age_on(ELECTION).to_string()));
        w.raw(|b| b.push(if female { 'P' } else { 'L' }));
        w.raw(|b| b.push(marital as char));
        w.field(address);
        w.raw(|b| push_3(b, u32::from(rt)));
        w.raw(|b| push_3(b, u32::from(rw)));
        w.raw(|b| {
            if disability != 0 {
                b.push((b'0' + disability) as char);
            }
        });
        w.raw(|b| {
            if note != 0 {
                b.push(note as char);
            }
        });
        w.raw(|b| push_3(b, u32::from(t.number)));
        w.field(&village.name);
        w.field(&district.name);
        w.field(&regency.name);
        w.field(&province.name);
        w.end();
    }
}
