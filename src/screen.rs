//! Screen: the run. Read and index the foreign lists, stream the roll through worker threads,
//! score the pairs worth keeping, and hand everything to `report`.
//!
//! Threads: one reader splits roll files into chunks of records; `threads` workers normalise,
//! probe and compare each chunk's rows; this thread puts the workers' results back in input
//! order (by chunk number), so every output is the same for any thread count and chunk size.
//! Memory is bounded by the foreign index plus the chunks in flight plus the kept pairs.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use anyhow::{Result, bail};
use crossbeam_channel::{Receiver, Sender, bounded, unbounded};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::block::ForeignIndex;
use crate::config::{InputConfig, ScreenConfig};
use crate::error::Reject;
use crate::ingest::dpt::{self, Chunk, Cursor, RollFile};
use crate::ingest::foreign::{self, ForeignRecord};
use crate::ingest::tally::FileTally;
use crate::ingest::{self, InputFile, Opened, Side};
use crate::learn::{self, PassStats};
use crate::model::{Model, TokenFrequencies};
use crate::score::{self, Comparison, Scored};

mod chunk;
use chunk::{ChunkOut, Work, worker};

/// Bits below the threshold a pair is still kept with the final weights: such a pair can
/// still lower a stronger pair of the same voter in `finalize` (by at most
/// log2(1 + 2^-4) = 0.09 bits each when left out).
const COMPETITOR_MARGIN: f64 = 4.0;

/// Set by the Ctrl-C handler; the reader stops at the next chunk.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// How a voter is shown in the worksheet: the values as written in the roll.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VoterRecord {
    pub name: String,
    pub birth_date: String,
    pub sex: String,
    /// Masked (first 6 digits) unless `--reveal-nik`.
    pub nik: String,
    pub birthplace: String,
    pub province: String,
    pub regency: String,
    pub district: String,
    pub village: String,
    pub tps: String,
}

/// A pair kept during the pass, scored at the end.
#[derive(Clone, Debug)]
pub struct Kept {
    pub dpt_file: u32,
    pub dpt_row: u64,
    pub dpt_line: u64,
    /// Index into the foreign lists.
    pub foreign: u32,
    pub cmp: Comparison,
    pub voter: Arc<VoterRecord>,
    /// The weight it was kept with (pass model, prior of the rows seen so far, no token
    /// frequencies), to check the keep margin.
    pub pass_weight: f32,
}

/// A written flag.
#[derive(Clone, Debug)]
pub struct Flag {
    pub kept: Kept,
    pub scored: Scored,
}

/// Weights learned mid-pass, from the first `rows` roll rows.
#[derive(Clone, Debug)]
pub struct Learned {
    pub model: Model,
    /// `model`'s weights, worked out once.
    pub table: Arc<score::WeightTable>,
    /// The most a name can add under `model` (`Model::max_name_weight`).
    pub name_room: f64,
    pub report: learn::LearnReport,
    /// Non-blank roll rows they were learned from; the prior is the one for this many rows
    /// (a rate of matches per row, carried over to the rest of the roll).
    pub rows: u64,
}

/// What one pass over the roll produced.
pub struct Pass {
    pub dpt_files: Vec<FileTally>,
    /// How often each foreign name token occurs in the roll.
    pub tf: TokenFrequencies,
    /// What learning needs (patterns of candidate and random pairs).
    pub stats: PassStats,
    pub kept: Vec<Kept>,
    pub candidates: u64,
    /// Screened rows per (province, regency), in first-seen order.
    pub regions: Vec<(String, String, u64)>,
    pub rejects_written: u64,
    /// Set when the roll was longer than `learn_rows`: the weights learned from its start,
    /// which scored the rest.
    pub learned: Option<Learned>,
}

/// Everything about the foreign side.
pub struct ForeignSide {
    pub index: ForeignIndex,
    /// For each foreign record, the first record of the same person (see `person_ids`).
    pub person: Vec<u32>,
    pub records: Vec<ForeignRecord>,
    pub files: Vec<FileTally>,
    pub rejects: Vec<Reject>,
}

/// Read, normalise and index the foreign lists, on `input.threads` threads.
pub fn load_foreign(input: &InputConfig) -> Result<ForeignSide> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(input.threads)
        .build()
        .map_err(|e| crate::error::Internal(format!("starting worker threads: {e}")))?;
    pool.install(|| load_foreign_in_pool(input))
}

fn load_foreign_in_pool(input: &InputConfig) -> Result<ForeignSide> {
    let lists = foreign::load(
        &input.foreign,
        &input.ingest,
        &input.foreign_dates,
        input.foreign_latest_year,
    )?;
    let index = ForeignIndex::build(lists.foreigners);
    let person = person_ids(&index.foreigners);
    Ok(ForeignSide {
        index,
        person,
        records: lists.records,
        files: lists.files,
        rejects: lists.rejects,
    })
}

/// The streaming pass: every roll row is read, normalised, probed and compared; rejects are
/// written as they come (in input order); pairs worth keeping are returned.
pub fn stream_roll(
    cfg: &ScreenConfig,
    foreign: &ForeignSide,
    model: &Model,
    keep_margin: f64,
    rejects: &mut crate::report::rejects::RejectsWriter,
) -> Result<Pass> {
    let input = &cfg.input;
    // Open every file first: a missing column in the last file should not wait an hour.
    let mut opened: Vec<Option<Opened>> = Vec::new();
    let mut tallies = Vec::new();
    for f in &input.dpt {
        let o = ingest::open(f, Side::Dpt, &input.ingest)?;
        tallies.push(FileTally::new(&f.label, Side::Dpt, o.layout.clone()));
        // Standard input cannot be opened twice: keep it; files are reopened by the reader.
        opened.push(if f.path.is_none() { Some(o) } else { None });
    }
    let total_bytes: Option<u64> = input
        .dpt
        .iter()
        .map(|f| {
            f.path
                .as_ref()
                .and_then(|p| std::fs::metadata(p).ok())
                .map(|m| m.len())
        })
        .sum();
    let bar = progress_bar(input.progress, total_bytes);
    let threshold = if cfg.threshold <= 0.0 {
        f64::NEG_INFINITY
    } else {
        (cfg.threshold / (1.0 - cfg.threshold)).log2()
    };
    // Learning mid-pass (no model given): the reader pauses after `learn_rows` records
    // until the weights learned from them are ready; the rest of the roll is screened with
    // them and no margin, so the pairs kept stay few however long the roll is.
    let learning = cfg.model.is_none();
    let learned = OnceLock::new();
    let (gate_tx, gate_rx) = bounded::<()>(1);
    let gate_row = if learning { input.learn_rows } else { u64::MAX };
    let work = Work {
        index: &foreign.index,
        model,
        dates: input.dpt_dates,
        latest_year: input.voter_latest_year,
        keep_weight: threshold - keep_margin,
        reveal_nik: cfg.reveal_nik,
        table: score::WeightTable::new(model),
        gate_row,
        learned: &learned,
        threshold_weight: threshold,
    };
    let mut point = LearnPoint {
        gate_row,
        signal: learning.then_some(gate_tx),
        slot: &learned,
        foreigners: foreign.index.len() as u64,
        rows: 0,
    };
    let gate = learning.then_some((gate_row, gate_rx));
    let threads = input.threads;
    let in_flight = threads * 2 + 2;
    let (work_tx, work_rx) = bounded::<Chunk>(in_flight);
    let (done_tx, done_rx) = bounded::<ChunkOut>(in_flight);
    let (pool_tx, pool_rx) = unbounded::<Chunk>();
    for _ in 0..in_flight {
        pool_tx
            .send(Chunk::empty(input.chunk_rows))
            .expect("pool open");
    }

    let mut pass = Pass {
        dpt_files: tallies,
        tf: TokenFrequencies::default(),
        stats: PassStats::default(),
        kept: Vec::new(),
        candidates: 0,
        regions: Vec::new(),
        rejects_written: 0,
        learned: None,
    };
    std::thread::scope(|s| -> Result<()> {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let (rx, tx, pool) = (work_rx.clone(), done_tx.clone(), pool_tx.clone());
                let w = &work;
                s.spawn(move || worker(w, rx, tx, pool))
            })
            .collect();
        drop(done_tx);
        drop(work_rx);
        let files = &input.dpt;
        let ingest_opts = &input.ingest;
        let bar_r = bar.clone();
        let reader = s.spawn(move || {
            read_all(
                files,
                opened,
                ingest_opts,
                gate,
                (pool_rx, pool_tx, work_tx),
                bar_r,
            )
        });
        let collected = collect(&done_rx, &mut pass, rejects, &mut point);
        // A reader waiting at the gate must not wait for ever.
        drop(point.signal.take());
        // On an error, dropping the receiver stops the workers, which stops the reader.
        drop(done_rx);
        let read = reader
            .join()
            .map_err(|_| crate::error::Internal("reader thread panicked".into()))?;
        for h in workers {
            let tf = h
                .join()
                .map_err(|_| crate::error::Internal("worker thread panicked".into()))?;
            pass.tf.merge(&tf);
        }
        pass.tf.finish(&foreign.index.joined_tokens());
        collected.and(read)
    })?;
    bar.finish_and_clear();
    if INTERRUPTED.load(Ordering::Relaxed) {
        bail!("interrupted");
    }
    pass.learned = learned.into_inner();
    Ok(pass)
}

fn progress_bar(show: bool, total: Option<u64>) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template(
                "{spinner} screening {bytes}/{total_bytes} [{wide_bar}] {eta} left",
            )
            .expect("valid template"),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} screening {bytes} read")
                .expect("valid template"),
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

/// The reader thread: every roll file in order, as numbered chunks.
fn read_all(
    files: &[InputFile],
    mut opened: Vec<Option<Opened>>,
    opts: &ingest::IngestOptions,
    gate: Option<(u64, Receiver<()>)>,
    (pool, recycle, work): (Receiver<Chunk>, Sender<Chunk>, Sender<Chunk>),
    bar: ProgressBar,
) -> Result<()> {
    let mut cursor = Cursor {
        gate,
        ..Cursor::default()
    };
    let mut done_bytes = 0u64;
    for (i, f) in files.iter().enumerate() {
        let o = match opened[i].take() {
            Some(o) => o,
            None => ingest::open(f, Side::Dpt, opts)?,
        };
        let size = o.size.unwrap_or(0);
        let file = Arc::new(RollFile {
            index: i as u32,
            label: f.label.clone(),
            layout: o.layout.clone(),
        });
        let rows = dpt::stream_file(o, file, &mut cursor, &pool, &recycle, &work, |b| {
            bar.set_position(done_bytes + b);
        })?;
        cursor.rows_before += rows;
        done_bytes += size;
        if INTERRUPTED.load(Ordering::Relaxed) {
            break;
        }
    }
    Ok(())
}

/// Where the weights are learned mid-pass (see `stream_roll`).
struct LearnPoint<'a> {
    gate_row: u64,
    /// Fired (then dropped) once the weights are set; `None` when not learning or done.
    signal: Option<Sender<()>>,
    slot: &'a OnceLock<Learned>,
    foreigners: u64,
    /// Non-blank rows merged so far.
    rows: u64,
}

/// Put chunk results back in input order and merge them; learn the weights when the records
/// up to the gate are all in.
fn collect(
    done: &Receiver<ChunkOut>,
    pass: &mut Pass,
    rejects: &mut crate::report::rejects::RejectsWriter,
    point: &mut LearnPoint<'_>,
) -> Result<()> {
    let mut waiting: BTreeMap<u64, ChunkOut> = BTreeMap::new();
    let mut next = 0u64;
    for out in done {
        waiting.insert(out.seq, out);
        while let Some(out) = waiting.remove(&next) {
            next += 1;
            pass.stats.merge(&out.stats);
            point.rows += out.rows;
            let through = out.global_first_row + out.records - 1;
            if through >= point.gate_row {
                if let Some(signal) = point.signal.take() {
                    let (mut model, report) =
                        learn::learn(&Model::default(), &pass.stats, point.rows, point.foreigners);
                    model.source = model
                        .source
                        .replacen(
                            "learned from this input",
                            &format!(
                                "learned from the first {} roll rows (the rest scored with them)",
                                point.rows
                            ),
                            1,
                        )
                        .replacen("on the roll", "in those rows", 1);
                    let _ = point.slot.set(Learned {
                        table: Arc::new(score::WeightTable::new(&model)),
                        name_room: model.max_name_weight(),
                        model,
                        report,
                        rows: point.rows,
                    });
                    let _ = signal.send(());
                }
            }
            let t = &mut pass.dpt_files[out.file as usize];
            t.rows += out.rows;
            t.screened += out.screened;
            t.blank += out.blank;
            t.rejected += out.rejects.len() as u64;
            t.problems.merge(&out.problems);
            for r in &out.rejects {
                rejects.write(r)?;
            }
            pass.rejects_written += out.rejects.len() as u64;
            pass.candidates += out.candidates;
            pass.kept.extend(out.kept);
            for (p, r, n) in out.regions {
                match pass.regions.last_mut() {
                    Some((lp, lr, ln)) if *lp == p && *lr == r => *ln += n,
                    _ => pass.regions.push((p, r, n)),
                }
            }
        }
    }
    if !waiting.is_empty() {
        return Err(crate::error::Internal(format!(
            "{} chunk results out of order",
            waiting.len()
        ))
        .into());
    }
    Ok(())
}

/// Score every kept pair with the final model and prior; keep those to write, best first.
/// Ties are broken by file and row numbers, so the order never depends on threads.
///
/// A voter is one person: when one roll row resembles several listed people, each pair's odds
/// are shared with the others ("which listed person is this voter, if any"), so a namesake
/// with another birth date is explained away by the listed person who agrees on everything.
/// Records that look like the same person listed twice (same folded name and birth date, or
/// same passport or full NIK) count once.
pub fn finalize(
    kept: Vec<Kept>,
    foreign: &ForeignSide,
    model: &Model,
    tf: &TokenFrequencies,
    prior_rows: u64,
    threshold: f64,
) -> Vec<Flag> {
    let prior = model.prior_weight(prior_rows);
    let scored: Vec<Flag> = kept
        .into_iter()
        .map(|k| {
            let f = &foreign.index.foreigners[k.foreign as usize];
            let scored = score::score(&k.cmp, f, model, tf, prior, 0.0);
            Flag { kept: k, scored }
        })
        .collect();
    let mut flags = Vec::new();
    // Kept pairs arrive in input order, so one voter's pairs are adjacent.
    for group in scored
        .chunk_by(|a, b| (a.kept.dpt_file, a.kept.dpt_row) == (b.kept.dpt_file, b.kept.dpt_row))
    {
        for (i, flag) in group.iter().enumerate() {
            let mut flag = flag.clone();
            let (lowered, best) = competition(group, i, foreign);
            if lowered > 0.0 {
                flag.scored.weight -= lowered;
                flag.scored.probability = score::probability(flag.scored.weight);
                if let Some(b) = best {
                    let r = &foreign.records[b as usize];
                    let _ = std::fmt::Write::write_fmt(
                        &mut flag.scored.reasons,
                        format_args!(
                            "; another listed person fits this voter better ({} row {}) ({:+.1})",
                            foreign_label(foreign, r.file),
                            r.row,
                            -lowered
                        ),
                    );
                }
            }
            flag.scored.tier =
                score::tier(flag.scored.probability, &flag.kept.cmp, model, threshold);
            if flag.scored.tier.is_some() {
                flags.push(flag);
            }
        }
    }
    flags.sort_by(|a, b| {
        b.scored
            .weight
            .total_cmp(&a.scored.weight)
            .then(a.kept.dpt_file.cmp(&b.kept.dpt_file))
            .then(a.kept.dpt_row.cmp(&b.kept.dpt_row))
            .then(a.kept.foreign.cmp(&b.kept.foreign))
    });
    flags
}

fn foreign_label(foreign: &ForeignSide, file: u32) -> &str {
    foreign
        .files
        .get(file as usize)
        .map_or("?", |f| f.label.as_str())
}

/// Bits to take from pair `i` of one voter's pairs for the competing listed people, and the
/// strongest competitor: `log2(1 + sum of the others' odds)`, one term per distinct person.
fn competition(group: &[Flag], i: usize, foreign: &ForeignSide) -> (f64, Option<u32>) {
    if group.len() < 2 {
        return (0.0, None);
    }
    let me = &group[i];
    let mut persons: Vec<(usize, f64)> = Vec::new(); // (representative index, best weight)
    for (j, other) in group.iter().enumerate() {
        if same_person(foreign, me.kept.foreign, other.kept.foreign) {
            continue;
        }
        let w = other.scored.weight;
        match persons
            .iter_mut()
            .find(|(r, _)| same_person(foreign, group[*r].kept.foreign, other.kept.foreign))
        {
            Some((r, best)) if w > *best => {
                *r = j;
                *best = w;
            }
            Some(_) => {}
            None => persons.push((j, w)),
        }
    }
    if persons.is_empty() {
        return (0.0, None);
    }
    // log2(1 + sum 2^w), computed stably.
    let top = persons
        .iter()
        .map(|p| p.1)
        .fold(f64::NEG_INFINITY, f64::max)
        .max(0.0);
    let sum: f64 = (-top).exp2() + persons.iter().map(|p| (p.1 - top).exp2()).sum::<f64>();
    let lowered = top + sum.log2();
    let best = persons
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|p| group[p.0].kept.foreign);
    (lowered, best)
}

/// Two foreign records that are plainly the same person (listed twice).
fn same_person(foreign: &ForeignSide, a: u32, b: u32) -> bool {
    foreign.person[a as usize] == foreign.person[b as usize]
}

/// Group the foreign records that are plainly one person listed twice: same passport, same
/// full NIK, or the same birth date with the same name (same tokens, any order or split).
/// Each record gets the smallest record index of its group, computed once so that
/// `finalize` compares two integers per pair.
pub fn person_ids(foreigners: &[crate::block::Foreigner]) -> Vec<u32> {
    use rustc_hash::FxHashMap;
    fn root(parent: &mut [u32], mut i: u32) -> u32 {
        while parent[i as usize] != i {
            let up = parent[parent[i as usize] as usize];
            parent[i as usize] = up;
            i = up;
        }
        i
    }
    let mut parent: Vec<u32> = (0..foreigners.len() as u32).collect();
    let join = |parent: &mut Vec<u32>, a: u32, b: u32| {
        let (ra, rb) = (root(parent, a), root(parent, b));
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        parent[hi as usize] = lo;
    };
    let mut by_passport: FxHashMap<&str, u32> = FxHashMap::default();
    let mut by_nik: FxHashMap<[u8; 16], u32> = FxHashMap::default();
    // Same birth date and the same letters (a hash of the multiset of the key's letters, so
    // that reordered and re-split names meet): candidates for "same name", checked by compare.
    let mut by_birth_letters: Vec<(u32, u64, u32)> = Vec::with_capacity(foreigners.len());
    for (i, f) in foreigners.iter().enumerate() {
        let i = i as u32;
        let p = &f.person;
        if !p.passport.is_empty() {
            if let Some(&j) = by_passport.get(p.passport.as_str()) {
                join(&mut parent, i, j);
            } else {
                by_passport.insert(&p.passport, i);
            }
        }
        if let Some(n) = p.nik.as_ref().filter(|n| n.is_exact_comparable()) {
            if let Some(&j) = by_nik.get(n.chars()) {
                join(&mut parent, i, j);
            } else {
                by_nik.insert(*n.chars(), i);
            }
        }
        if let (Some(d), false) = (f.birth, p.name.is_empty()) {
            by_birth_letters.push((d.to_yyyymmdd(), letters_hash(p.name.key()), i));
        }
    }
    // Each pair in a group compared once, earlier record first (the order does not change
    // the groups: a group's root is always its smallest index).
    by_birth_letters.sort_unstable();
    for group in by_birth_letters.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        for (k, &(_, _, i)) in group.iter().enumerate() {
            for &(_, _, j) in &group[..k] {
                let level = crate::normalize::name::compare(
                    &foreigners[i as usize].person.name,
                    &foreigners[j as usize].person.name,
                )
                .level;
                if matches!(
                    level,
                    crate::normalize::NameLevel::Exact | crate::normalize::NameLevel::Reordered
                ) {
                    join(&mut parent, i, j);
                }
            }
        }
    }
    (0..foreigners.len() as u32)
        .map(|i| root(&mut parent, i))
        .collect()
}

/// A hash of the multiset of letters of `key` (spaces ignored): equal for names with the
/// same letters in any order or split.
fn letters_hash(key: &str) -> u64 {
    key.bytes()
        .filter(|&c| c != b' ')
        .map(|c| crate::learn::mix64(c as u64))
        .fold(0u64, u64::wrapping_add)
}

/// Install the Ctrl-C handler: remove temporary output files and exit with 130. Outputs are
/// renamed into place only when complete, so an interrupted run leaves no half file.
pub fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(|| {
        INTERRUPTED.store(true, Ordering::SeqCst);
        crate::report::remove_pending();
        std::process::exit(130);
    });
}
