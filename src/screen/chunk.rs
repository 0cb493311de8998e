//! One chunk of roll rows, screened by one worker: read and normalise each row, probe the
//! foreign index, compare the candidates, and keep the pairs worth scoring at the end.
//!
//! Rows go through in batches of [`BATCH`], one stage at a time over the whole batch
//! (normalise every row, then look its tokens up, then probe, then read every candidate's
//! values, then compare). The foreign index and list are far larger than the CPU caches, so
//! waiting for memory, not arithmetic, sets the pace of a row; within a stage the reads of
//! different rows do not depend on each other, so the processor overlaps their cache misses
//! instead of taking them one after another. Everything a chunk gives back (rejects, kept
//! pairs, tallies) comes out in input order, whatever the batch size.

use std::sync::{Arc, OnceLock};

use crossbeam_channel::{Receiver, Sender};

use super::{COMPETITOR_MARGIN, Kept, Learned, VoterRecord};
use crate::block::{Candidate, Core, ForeignIndex, Probe, Voter};
use crate::error::{Reject, RowError};
use crate::ingest::Field;
use crate::ingest::dpt::{Chunk, RollFile};
use crate::ingest::record::{PersonText, RecordView, mask_digit_runs};
use crate::ingest::tally::ProblemTally;
use crate::learn::{self, PassStats};
use crate::model::{Model, TokenFrequencies};
use crate::normalize::{DateParser, NikLevel, Problem};
use crate::score::{self, Comparison};

/// Rows per batch: enough independent reads in flight to cover memory latency, few enough
/// that what the batch touches stays in the first-level cache.
pub(super) const BATCH: usize = 32;

/// Read-only context shared by the workers.
pub(super) struct Work<'a> {
    pub index: &'a ForeignIndex,
    pub model: &'a Model,
    pub dates: DateParser,
    pub latest_year: u16,
    /// Keep a pair when its weight under the pass model, with the prior of the rows seen so
    /// far, reaches this (the threshold as a weight, minus a margin).
    pub keep_weight: f64,
    pub reveal_nik: bool,
    /// `model`'s weights, worked out once.
    pub table: score::WeightTable,
    /// Records (1-based, over all files) up to this one are screened with `model` and the
    /// keep margin; later ones with the weights learned from them (`learned`, no margin).
    pub gate_row: u64,
    pub learned: &'a OnceLock<Learned>,
    /// The threshold as a weight (past the gate, pairs are kept from `COMPETITOR_MARGIN`
    /// below it, plus the token allowance).
    pub threshold_weight: f64,
}

/// One worker's result for one chunk.
#[derive(Default)]
pub(super) struct ChunkOut {
    pub seq: u64,
    pub file: u32,
    /// Records in the chunk (blank ones too) and the global index of the first.
    pub records: u64,
    pub global_first_row: u64,
    pub rows: u64,
    pub screened: u64,
    pub blank: u64,
    pub rejects: Vec<Reject>,
    pub kept: Vec<Kept>,
    pub candidates: u64,
    pub problems: ProblemTally,
    pub regions: Vec<(String, String, u64)>,
    /// What learning needs, for chunks before the gate (merged in input order).
    pub stats: PassStats,
}

/// A candidate pair of the current batch.
#[derive(Clone, Copy)]
struct Pair {
    /// Index into the batch's live rows (and voters).
    live: u32,
    candidate: Candidate,
    core: Core,
    cmp: Comparison,
    /// The pair's prior weight (see `Judge::prior`).
    prior: f64,
    /// The names are compared (not settled without them, see `decide`).
    names: bool,
}

/// Per-worker scratch buffers, reused for every batch, and the worker's running tallies.
#[derive(Default)]
pub(super) struct Scratch {
    /// One voter per live row of the batch.
    voters: Vec<Voter>,
    /// The chunk index of each row of the batch that was read (voter `k` is row `live[k]`).
    live: Vec<usize>,
    probe: Probe,
    pairs: Vec<Pair>,
    problems: Vec<Problem>,
    /// Roll rows whose name holds each foreign-vocabulary token (sums: order-independent).
    pub tf: TokenFrequencies,
}

/// A worker thread: screen chunks until the reader is done; returns its tallies.
pub(super) fn worker(
    w: &Work<'_>,
    rx: Receiver<Chunk>,
    tx: Sender<ChunkOut>,
    pool: Sender<Chunk>,
) -> TokenFrequencies {
    let mut scratch = Scratch::default();
    scratch.tf.counts = vec![0; w.index.vocab_len()];
    scratch.tf.single = vec![0; w.index.vocab_len()];
    scratch.voters.resize_with(BATCH, Voter::default);
    for chunk in rx {
        let out = screen_chunk(&chunk, w, &mut scratch);
        let _ = pool.send(chunk);
        if tx.send(out).is_err() {
            break;
        }
    }
    scratch.tf
}

/// How the pairs of one chunk are judged: before the learning gate with the pass model, the
/// prior of the rows seen so far and a margin; after it with the learned weights.
struct Judge<'a> {
    model: &'a Model,
    table: &'a score::WeightTable,
    keep_weight: f64,
    /// Past the gate: the final prior, and the most a name can add (pairs that cannot reach
    /// the keep weight even with the best name are settled without comparing names).
    phase2: Option<(f64, f64)>,
}

impl Judge<'_> {
    /// The prior of a pair of roll row `global_row`.
    fn prior(&self, global_row: u64) -> f64 {
        match self.phase2 {
            Some((prior, _)) => prior,
            // The roll has at least `global_row` rows, so the final prior is at most this one.
            None => self.model.prior_weight(global_row),
        }
    }

    /// Whether the names of a pair with `cmp` (names not yet compared) must be compared:
    /// always before the gate (learning counts every pair's pattern); after it, unless even
    /// the best name leaves the pair short of the keep weight (an exact NIK is always kept:
    /// same NIK with another name is an identity conflict).
    fn needs_names(&self, cmp: &Comparison, prior: f64) -> bool {
        match self.phase2 {
            None => true,
            Some((_, room)) => {
                let rest = self.table.total(cmp) + self.table.date_room(cmp);
                prior + rest + room >= self.keep_weight || cmp.nik_level() == Some(NikLevel::Exact)
            }
        }
    }

    /// Whether a compared pair is kept for scoring at the end, and its weight so far. The
    /// roll's token and birth-date frequencies are not known yet: they may add up to their
    /// room.
    fn keep(&self, cmp: &Comparison, prior: f64) -> Option<f64> {
        let total = prior + self.table.total(cmp);
        let room = self.model.max_tf_boost(cmp.level(score::Cmp::Name)) + self.table.date_room(cmp);
        (total + room >= self.keep_weight || cmp.is_nik_conflict()).then_some(total)
    }
}

fn screen_chunk(chunk: &Chunk, w: &Work<'_>, scratch: &mut Scratch) -> ChunkOut {
    let file = &chunk.file;
    let mut out = ChunkOut {
        seq: chunk.seq,
        file: file.index,
        records: chunk.len as u64,
        global_first_row: chunk.global_first_row,
        ..ChunkOut::default()
    };
    // Chunks never cross the gate; past it the learned weights are set (the reader waits).
    let learned = (chunk.global_first_row > w.gate_row)
        .then(|| w.learned.get())
        .flatten();
    let judge = match learned {
        Some(l) => Judge {
            model: &l.model,
            table: &l.table,
            keep_weight: w.threshold_weight - COMPETITOR_MARGIN,
            phase2: Some((l.model.prior_weight(l.rows), l.name_room)),
        },
        None => Judge {
            model: w.model,
            table: &w.table,
            keep_weight: w.keep_weight,
            phase2: None,
        },
    };
    let mut start = 0;
    while start < chunk.len {
        let end = (start + BATCH).min(chunk.len);
        screen_batch(chunk, start..end, w, &judge, scratch, &mut out);
        start = end;
    }
    out
}

/// The stages, each over every row (or pair) of the batch.
fn screen_batch(
    chunk: &Chunk,
    records: std::ops::Range<usize>,
    w: &Work<'_>,
    judge: &Judge<'_>,
    scratch: &mut Scratch,
    out: &mut ChunkOut,
) {
    let file = &chunk.file;
    let Scratch {
        voters,
        live,
        probe,
        pairs,
        problems,
        tf,
    } = scratch;
    let view = |i: usize| {
        RecordView::new(
            &chunk.records[i],
            &file.layout.columns,
            &file.layout.headers,
        )
    };
    // 1. Read and normalise each row; a row that cannot be read is rejected here, so the
    // later stages never fail. The records were written by the reader thread on another
    // core: bring every line of them in first, together.
    live.clear();
    std::hint::black_box(records.clone().fold(0, |acc, i| {
        let r = &chunk.records[i];
        // The field bounds too (8 bytes a field, in a buffer of their own): every 8th.
        let ends = (0..r.len())
            .step_by(8)
            .fold(0, |a, f| a ^ r.range(f).map_or(0, |x| x.end));
        acc ^ r.as_slice().iter().step_by(64).fold(0, |a, &b| a ^ b) ^ ends as u8
    }));
    for i in records {
        let v = view(i);
        if v.is_blank() {
            out.blank += 1;
            continue;
        }
        out.rows += 1;
        match read_row(&v, file, w, &mut voters[live.len()], problems, out) {
            Ok(()) => {
                out.screened += 1;
                live.push(i);
            }
            Err(e) => out.rejects.push(Reject {
                file: file.label.clone(),
                line: v.line(),
                row: chunk.first_row + i as u64,
                reason: e.to_string(),
                raw: v.masked_raw(file.layout.delimiter),
            }),
        }
    }
    let voters = &mut voters[..live.len()];
    // 2. Look the names' tokens (and birthplace, passport) up among the foreign list's;
    // count the tokens; before the gate, compare the row with random foreigners for u.
    for (v, &record) in voters.iter_mut().zip(live.iter()) {
        v.prepare(w.index, w.latest_year);
        tf.count_row(&v.tokens, v.core.birth);
        if judge.phase2.is_none() {
            let global_row = chunk.global_first_row + record as u64;
            for i in learn::random_partners(global_row, w.index.len()) {
                let f = (&w.index.foreigners[i], &w.index.cores[i]);
                out.stats.add_random(score::compare(v, f.0, f.1).pattern());
            }
        }
    }
    // 3. Probe: the index's first reads for every row, then the candidates of each.
    std::hint::black_box(voters.iter().fold(0, |acc, v| acc ^ w.index.touch(v)));
    pairs.clear();
    for (k, v) in voters.iter().enumerate() {
        w.index.candidates(v, probe);
        out.candidates += probe.candidates.len() as u64;
        pairs.extend(probe.candidates.iter().map(|&candidate| Pair {
            live: k as u32,
            candidate,
            core: Core::default(),
            cmp: Comparison::default(),
            prior: 0.0,
            names: false,
        }));
    }
    // 4. Every candidate's values (independent reads), then every field but the names.
    for p in pairs.iter_mut() {
        p.core = w.index.cores[p.candidate.id as usize];
    }
    // The prior is the row's (a logarithm before the gate): worked out once per row, for
    // its first pair (a row's pairs are next to each other).
    let mut prior = (u32::MAX, 0.0);
    for p in pairs.iter_mut() {
        let voter = &voters[p.live as usize];
        w.index.complete(voter, &mut p.candidate, &p.core);
        if prior.0 != p.live {
            let global_row = chunk.global_first_row + live[p.live as usize] as u64;
            prior = (p.live, judge.prior(global_row));
        }
        p.prior = prior.1;
        p.cmp = score::compare_except_name(&voter.core, &p.core);
        p.names = judge.needs_names(&p.cmp, p.prior);
    }
    // 5. The names: bring the foreign names in (independent reads), compare, decide.
    let names = pairs.iter().filter(|p| p.names);
    let foreigners = &w.index.foreigners;
    std::hint::black_box(names.fold(0, |acc, p| {
        acc ^ foreigners[p.candidate.id as usize].person.name.touch()
    }));
    let mut shown: Option<(u32, Arc<VoterRecord>)> = None;
    for p in pairs.iter_mut().filter(|p| p.names) {
        let (voter, record) = (&voters[p.live as usize], live[p.live as usize]);
        score::compare_names(voter, &foreigners[p.candidate.id as usize], &mut p.cmp);
        if judge.phase2.is_none() {
            out.stats.add_candidate(p.cmp.pattern(), p.candidate.via);
        }
        let Some(weight) = judge.keep(&p.cmp, p.prior) else {
            continue;
        };
        let shown_voter = match &shown {
            Some((k, r)) if *k == p.live => Arc::clone(r),
            _ => {
                let r = Arc::new(voter_record(&view(record), voter, w.reveal_nik));
                shown = Some((p.live, Arc::clone(&r)));
                r
            }
        };
        out.kept.push(Kept {
            dpt_file: file.index,
            dpt_row: chunk.first_row + record as u64,
            dpt_line: view(record).line(),
            foreign: p.candidate.id,
            cmp: p.cmp,
            voter: shown_voter,
            pass_weight: weight as f32,
        });
    }
}

/// Stage 1 for one row: check it can be read, normalise its fields into `voter.person`, and
/// count its region and problems.
fn read_row(
    view: &RecordView<'_>,
    file: &RollFile,
    w: &Work<'_>,
    voter: &mut Voter,
    problems: &mut Vec<Problem>,
    out: &mut ChunkOut,
) -> Result<(), RowError> {
    view.check_shape()?;
    let text = view.person_text()?;
    problems.clear();
    voter.person.fill(&text.raw(), &w.dates, problems);
    if !voter.person.has_identity() {
        return Err(RowError::NothingToCompare);
    }
    // Every place column the worksheet may show: an unreadable one rejects the row now,
    // whether or not the row is flagged later (the check is only needed when some field
    // could be unreadable).
    let province = view.text(Field::Province, " ")?;
    let regency = view.text(Field::Regency, " ")?;
    if !view.every_field_reads() {
        for f in [Field::District, Field::Village, Field::Tps] {
            view.text(f, " ")?;
        }
    }
    for p in problems.iter() {
        out.problems.add(p, &file.label, view.line());
    }
    // Rolls are sorted by region, so this is almost always the last entry.
    match out.regions.last_mut() {
        Some((p, r, n)) if *p == province && *r == regency => *n += 1,
        _ => out
            .regions
            .push((province.into_owned(), regency.into_owned(), 1)),
    }
    Ok(())
}

/// The voter as the worksheet shows it. Every field was read once in `read_row`, or could
/// not fail (`RecordView::every_field_reads`), so none can fail here.
fn voter_record(view: &RecordView<'_>, voter: &Voter, reveal: bool) -> VoterRecord {
    const READ: &str = "fields were read (or cannot fail) in stage 1";
    let text: PersonText<'_> = view.person_text().expect(READ);
    let p = &voter.person;
    let get = |f: Field| view.text(f, " ").expect(READ).into_owned();
    let nik = match &p.nik {
        Some(n) if reveal => n.reveal(),
        Some(n) => n.masked(),
        None if reveal => text.nik.to_string(),
        None => mask_digit_runs(&text.nik),
    };
    VoterRecord {
        name: text.name.to_string(),
        birth_date: p
            .birth
            .map_or_else(|| text.birth_date.to_string(), |d| d.to_string()),
        sex: p
            .sex
            .map_or_else(|| text.sex.to_string(), |s| s.letter().to_string()),
        nik,
        birthplace: text.birthplace.to_string(),
        province: get(Field::Province),
        regency: get(Field::Regency),
        district: get(Field::District),
        village: get(Field::Village),
        tps: get(Field::Tps),
    }
}
