//! Synthetic data: a realistic roll, a foreigner list, planted matches and hard negatives.
//!
//! Takes [`SynthOptions`] and writes `dpt.csv`, `foreign.csv`, `truth.csv`, `negatives.csv` and
//! `README.txt` into the output directory. Everything is a function of the seed and the options:
//! the same command writes the same bytes on any machine and any number of threads. The roll is
//! streamed TPS by TPS (see `roll`); only the foreign list and the few hundred special households are
//! held in memory.
//!
//! Stages: foreigners (`foreign`) -> planted rows and hard negatives (`planted`, `negatives`) -> roll
//! layout (`layout`) -> numbers for the special rows (`specials`) -> files (`output`, `roll`).

mod address;
mod date;
mod documents;
mod foreign;
mod household;
mod layout;
mod lists;
mod names;
mod negatives;
mod nik;
mod output;
mod passport;
mod perturb;
mod planted;
mod region;
mod rng;
mod roll;
mod specials;
#[cfg(test)]
mod tests;
mod traditions;
mod variant;

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, bail};

use crate::cli::VariantArg;

/// What to generate.
#[derive(Clone, Debug)]
pub struct SynthOptions {
    pub dpt_rows: u64,
    pub foreign_rows: u64,
    pub planted: u64,
    pub hard_negatives: u64,
    pub seed: u64,
    pub variants: Vec<VariantArg>,
    pub out: PathBuf,
}

/// What was written.
#[derive(Clone, Debug, Default)]
pub struct SynthSummary {
    pub files: Vec<PathBuf>,
    pub planted: u64,
    pub hard_negatives: u64,
}

/// Generate the files into `opts.out`.
pub fn run(opts: &SynthOptions) -> anyhow::Result<SynthSummary> {
    let started = Instant::now();
    if opts.dpt_rows == 0 {
        bail!("--dpt-rows must be at least 1");
    }
    std::fs::create_dir_all(&opts.out)
        .with_context(|| format!("creating output directory {}", opts.out.display()))?;
    let form = variant::Form::new(&opts.variants, opts.seed);

    let mut list = foreign::generate(opts.seed, opts.foreign_rows);
    let plan = planted::plan(opts.seed, &list, opts.planted, opts.hard_negatives)?;
    let required = specials::required_rows(&plan.households);
    let layout = layout::build(opts.seed, opts.dpt_rows, &required)?;
    foreign::assign_niks(&mut list, &layout.tps_per_district);
    let households = specials::finish(opts.seed, plan.households, &list, &layout)?;

    let path = |name: &str| opts.out.join(name);
    let files: Vec<PathBuf> = [
        "dpt.csv",
        "foreign.csv",
        "truth.csv",
        "negatives.csv",
        "README.txt",
    ]
    .iter()
    .map(|n| path(n))
    .collect();
    output::write_foreign(&files[1], &list, &form, opts.seed)?;
    let ctx = roll::RollCtx::new(opts.seed, &layout, &form, &households);
    let (hits, stats) = roll::write(&ctx, &files[0])?;

    let mut truth = Vec::new();
    let mut negs = Vec::new();
    for h in &hits {
        if h.tag.planted {
            truth.push((h.row, &plan.planted[h.tag.id as usize]));
        } else {
            negs.push((h.row, &plan.negatives[h.tag.id as usize]));
        }
    }
    if truth.len() != plan.planted.len()
        || negs.len() != plan.negatives.len()
        || stats.rows != opts.dpt_rows
    {
        bail!(
            "internal: wrote {} of {} planted rows, {} of {} negatives, {} of {} roll rows",
            truth.len(),
            plan.planted.len(),
            negs.len(),
            plan.negatives.len(),
            stats.rows,
            opts.dpt_rows
        );
    }
    output::write_pairs(&files[2], &truth)?;
    output::write_pairs(&files[3], &negs)?;
    output::write_readme(
        &files[4],
        &output::ReadmeFacts {
            opts,
            form: &form,
            stats: &stats,
            planted: &plan.planted,
            negatives: &plan.negatives,
            foreign: &list,
            regencies: layout.regency_tps.len(),
            tps: layout.tps.len(),
        },
    )?;

    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "dpt-screen synth: {} roll rows, {} foreigners, {} planted, {} hard negatives -> {} ({:.1}s, {:.0} rows/s)",
        stats.rows,
        list.len(),
        truth.len(),
        negs.len(),
        opts.out.display(),
        secs,
        stats.rows as f64 / secs.max(1e-9)
    );
    Ok(SynthSummary {
        files,
        planted: truth.len() as u64,
        hard_negatives: negs.len() as u64,
    })
}
