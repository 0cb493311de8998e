//! dpt-screen: screen an Indonesian voter roll (DPT) against lists of foreign residents.
//!
//! Pipeline: `ingest` (both files) -> `normalize` (names, dates, NIK, sex) -> `block`
//! (candidate pairs from an index over the foreign list) -> `score` (per-field evidence,
//! Fellegi-Sunter weights from `model`) -> `report` (worksheet, summary, rejects).
//! `screen` runs the pipeline over a streamed roll; `run` wires the commands.

pub mod block;
pub mod cli;
pub mod config;
pub mod error;
pub mod evaluate;
pub mod ingest;
pub mod inspect;
pub mod learn;
pub mod model;
pub mod normalize;
pub mod report;
pub mod score;
pub mod screen;
pub mod synth;

use std::io::Write;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::cli::{Cli, Command};
use crate::config::{Output, ScreenConfig};
use crate::error::{ExitCode, InputError, Internal};
use crate::model::Model;
use crate::report::rejects::RejectsWriter;
use crate::report::{AtomicFile, Sink, frames, summary, worksheet};

/// Bits of slack when keeping pairs mid-pass before the weights are learned: learned m, u and
/// prior can make a pair this much stronger than the defaults say (measured on the synthetic
/// benchmarks: under 8 bits).
const LEARN_KEEP_MARGIN: f64 = 8.0;

/// Run one command; the exit code for a finished run.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Screen(a) => screen(&ScreenConfig::from_args(&a)?),
        Command::Train(a) => screen(&ScreenConfig::for_training(&a)?),
        Command::Inspect(a) => {
            print!("{}", inspect::run(&a)?);
            Ok(ExitCode::Ok)
        }
        Command::Synth(a) => {
            synth::run(&synth::SynthOptions {
                dpt_rows: a.dpt_rows,
                foreign_rows: a.foreign_rows,
                planted: a.planted,
                hard_negatives: a.hard_negatives.unwrap_or(a.planted),
                seed: a.seed,
                variants: a.variant,
                out: a.out,
            })?;
            Ok(ExitCode::Ok)
        }
        Command::Evaluate(a) => {
            print!(
                "{}",
                evaluate::run(&a).map_err(|e| InputError(format!("{e:#}")))?
            );
            Ok(ExitCode::Ok)
        }
    }
}

/// `screen`: foreign lists -> index; roll -> pass; score; write worksheet, rejects, summary.
pub fn screen(cfg: &ScreenConfig) -> Result<ExitCode> {
    let started = Instant::now();
    screen::install_interrupt_handler();
    let timing = Timing::from_env(started);
    let foreign = screen::load_foreign(&cfg.input)?;
    timing.mark("foreign lists read and indexed");
    let loaded = match &cfg.model {
        Some(p) => Some(Model::load(p).map_err(|e| InputError(format!("{e:#}")))?),
        None => None,
    };
    // Mid-pass, pairs are kept by the loaded model, or by the defaults with a margin wide
    // enough for what learning can change.
    let pass_model = loaded.clone().unwrap_or_default();
    let margin = if loaded.is_some() {
        0.0
    } else {
        LEARN_KEEP_MARGIN
    };
    let rejects_path = cfg
        .rejects_path
        .clone()
        .unwrap_or_else(|| std::path::PathBuf::from("dpt-screen.rejects.csv"));
    let always = cfg.rejects_path.is_some();
    let mut rejects = RejectsWriter::new(rejects_path, always);
    for r in &foreign.rejects {
        rejects.write(r)?;
    }
    let pass = screen::stream_roll(cfg, &foreign, &pass_model, margin, &mut rejects)?;
    timing.mark(&format!("roll streamed ({} pairs kept)", pass.kept.len()));
    let dpt_rows: u64 = pass.dpt_files.iter().map(|f| f.rows).sum();
    // The prior is a rate of matches per roll row: learned from the first `learn_rows`, it
    // carries over to the rest of a longer roll.
    let (model, prior_rows) = match (loaded, pass.learned) {
        (Some(m), _) => (m, dpt_rows),
        (None, Some(l)) => (l.model, l.rows),
        (None, None) => {
            let (m, _) = learn::learn(
                &Model::default(),
                &pass.stats,
                dpt_rows,
                foreign.index.len() as u64,
            );
            (m, dpt_rows)
        }
    };
    timing.mark("weights learned");
    let flags = screen::finalize(
        pass.kept,
        &foreign,
        &model,
        &pass.tf,
        prior_rows,
        cfg.threshold,
    );

    let dpt_labels: Vec<String> = cfg.input.dpt.iter().map(|f| f.label.clone()).collect();
    let foreign_labels: Vec<String> = cfg.input.foreign.iter().map(|f| f.label.clone()).collect();
    let ctx = worksheet::Context {
        dpt_labels: &dpt_labels,
        foreign_labels: &foreign_labels,
        records: &foreign.records,
        foreigners: &foreign.index.foreigners,
        reveal_nik: cfg.reveal_nik,
    };
    timing.mark("pairs scored");
    if timing.start.is_some() {
        let gap = flags
            .iter()
            .filter(|f| !f.kept.cmp.is_nik_conflict())
            .map(|f| {
                let c = &f.kept.cmp;
                let tf = pass_model.max_tf_boost(c.level(score::Cmp::Name))
                    + pass_model
                        .max_date_boost(c.level(score::Cmp::BirthDate), c.nik_implies_birth);
                f.scored.weight - f.kept.pass_weight as f64 - tf
            })
            .fold(f64::NEG_INFINITY, f64::max);
        eprintln!(
            "dpt-screen: timing: written pairs gained at most {gap:.1} bits over their keep-time weight and token allowance (keep margin {margin})"
        );
    }
    if cfg.write_worksheet {
        let mut sink = match &cfg.output {
            Output::Stdout => Sink::Stdout(std::io::BufWriter::new(std::io::stdout())),
            Output::File(p) => Sink::File(AtomicFile::create(p, cfg.reveal_nik)?),
        };
        worksheet::write(&mut sink, &flags, &ctx)?;
        sink.flush().context("writing the worksheet")?;
        sink.commit()?;
    }
    if let Some(p) = &cfg.parquet {
        let mut df = frames::worksheet_frame(&flags, &ctx)?;
        frames::write_parquet(&mut df, p, cfg.reveal_nik)?;
    }
    timing.mark("worksheet written");
    let regions = frames::region_table(&pass.regions, &flags)?;
    if let Some(p) = &cfg.summary_csv {
        frames::write_csv(&regions, p)?;
    }
    if let Some(p) = &cfg.save_model {
        let mut f = AtomicFile::create(p, false)?;
        f.write_all(model.to_json().as_bytes())
            .with_context(|| format!("writing {}", p.display()))?;
        f.commit()?;
    }
    let rejected = rejects.count();
    let rejects_file = rejects.finish()?;
    if pass.rejects_written + foreign.rejects.len() as u64 != rejected {
        return Err(Internal(format!(
            "rejects counted {} but written {rejected}",
            pass.rejects_written
        ))
        .into());
    }
    for t in pass.dpt_files.iter().chain(&foreign.files) {
        if t.rows != t.screened + t.rejected {
            return Err(Internal(format!(
                "{}: {} rows read but {} screened + {} rejected",
                t.label, t.rows, t.screened, t.rejected
            ))
            .into());
        }
    }
    if !cfg.input.quiet {
        let output = match &cfg.output {
            Output::Stdout => "standard output".to_string(),
            Output::File(p) => p.display().to_string(),
        };
        let nat = frames::nationality_table(&flags, |f| {
            normalize::nationality::label(&foreign.records[f.kept.foreign as usize].nationality)
        })?;
        let rejects_label = rejects_file.as_ref().map(|p| p.display().to_string());
        let text = summary::render(&summary::Summary {
            dpt: &pass.dpt_files,
            foreign: &foreign.files,
            foreigners_indexed: foreign.index.len(),
            candidates: pass.candidates,
            flags: &flags,
            threshold: cfg.threshold,
            output: &output,
            rejects: if rejected > 0 || cfg.rejects_path.is_some() {
                rejects_label.as_deref()
            } else {
                None
            },
            model: &model.source,
            expected_matches: model.prior.foreigners_on_roll
                * foreign.index.len() as f64
                * (dpt_rows as f64 / prior_rows.max(1) as f64).max(1.0),
            elapsed: started.elapsed(),
            regions: (!flags.is_empty()).then(|| frames::render(&regions, 10, "    ")),
            nationalities: (!flags.is_empty()).then(|| frames::render(&nat, 10, "    ")),
        });
        eprint!("{text}");
    }
    if cfg.input.strict && rejected > 0 {
        return Err(InputError(format!(
            "--strict: {rejected} row(s) rejected (see the rejects file)"
        ))
        .into());
    }
    let code = if cfg.fail_on_flags && !flags.is_empty() {
        ExitCode::Flagged
    } else {
        ExitCode::Ok
    };
    // The run is over and the process ends next: freeing the foreign list's millions of small
    // allocations one by one would only delay the exit (about 0.2 s for 200,000 people).
    std::mem::forget(foreign);
    Ok(code)
}

/// Phase times on stderr when `DPT_SCREEN_TIMING` is set (for profiling; not a stable output).
struct Timing {
    start: Option<Instant>,
}

impl Timing {
    fn from_env(start: Instant) -> Timing {
        Timing {
            start: std::env::var_os("DPT_SCREEN_TIMING").map(|_| start),
        }
    }

    fn mark(&self, what: &str) {
        if let Some(s) = self.start {
            eprintln!(
                "dpt-screen: timing: {:8.3} s  {what}",
                s.elapsed().as_secs_f64()
            );
        }
    }
}
