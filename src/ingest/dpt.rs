//! The roll, streamed: a reader thread splits each file into chunks of records (reusing the
//! chunks workers hand back, so memory is bounded by chunk size x chunks in flight, never by
//! the roll) and numbers the chunks so results can be put back in input order.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use anyhow::{Context, Result};
use crossbeam_channel::{Receiver, Sender};

use super::{Layout, Opened};

/// A roll file as workers see it.
#[derive(Debug)]
pub struct RollFile {
    /// Index in the list of roll files.
    pub index: u32,
    pub label: String,
    pub layout: Layout,
}

/// A run of consecutive records of one roll file.
#[derive(Debug)]
pub struct Chunk {
    /// Position in the whole run (all files), from 0.
    pub seq: u64,
    pub file: Arc<RollFile>,
    /// 1-based record index (header excluded) of `records[0]` in its file.
    pub first_row: u64,
    /// 1-based index of `records[0]` over all roll files read so far.
    pub global_first_row: u64,
    /// Reused buffers; only `records[..len]` belong to this chunk.
    pub records: Vec<csv::ByteRecord>,
    pub len: usize,
}

impl Chunk {
    pub fn empty(capacity: usize) -> Chunk {
        Chunk {
            seq: 0,
            file: Arc::new(RollFile {
                index: 0,
                label: String::new(),
                layout: Layout::empty(),
            }),
            first_row: 0,
            global_first_row: 0,
            // Sized for a typical roll row, so the buffers do not grow record by record
            // while the first chunks are read.
            records: (0..capacity)
                .map(|_| csv::ByteRecord::with_capacity(512, 32))
                .collect(),
            len: 0,
        }
    }
}

/// Where the reader is in the whole run.
#[derive(Debug, Default)]
pub struct Cursor {
    pub next_seq: u64,
    pub rows_before: u64,
    /// A pause point: no chunk crosses record `.0` (over all files), and no record after it
    /// is sent before `.1` fires (the weights learned from the records before it are ready).
    /// A closed gate (sender dropped) ends the reading.
    pub gate: Option<(u64, Receiver<()>)>,
}

impl Cursor {
    /// How many records the next chunk may hold (`cap` at most), waiting at the gate first
    /// when it is reached. `None`: the gate was closed (the run is stopping).
    fn room(&mut self, row: u64, cap: usize) -> Option<usize> {
        let at = self.rows_before + row;
        match &self.gate {
            Some((g, _)) if at < *g => Some(cap.min((*g - at).min(usize::MAX as u64) as usize)),
            Some((_, rx)) => {
                let open = rx.recv().is_ok();
                self.gate = None;
                open.then_some(cap)
            }
            None => Some(cap),
        }
    }
}

/// Read `opened` to its end as chunks sent to `work`; empty chunks come from `pool` (and an
/// unused one goes back through `recycle`). Returns the number of records read. `progress` is
/// told the raw bytes read after each chunk.
pub fn stream_file(
    mut opened: Opened,
    file: Arc<RollFile>,
    cursor: &mut Cursor,
    pool: &Receiver<Chunk>,
    recycle: &Sender<Chunk>,
    work: &Sender<Chunk>,
    mut progress: impl FnMut(u64),
) -> Result<u64> {
    let mut row = 0u64;
    loop {
        let Some(room) = cursor.room(row, usize::MAX) else {
            return Ok(row);
        };
        let Ok(mut chunk) = pool.recv() else {
            return Ok(row);
        };
        let room = room.min(chunk.records.len());
        let mut len = 0;
        while len < room {
            let more = opened
                .reader
                .read_byte_record(&mut chunk.records[len])
                .with_context(|| format!("{}: reading", file.label))?;
            if !more {
                break;
            }
            len += 1;
        }
        if len == 0 {
            // Nothing left: the chunk waits in the pool for the next file.
            let _ = recycle.send(chunk);
            return Ok(row);
        }
        chunk.seq = cursor.next_seq;
        chunk.file = Arc::clone(&file);
        chunk.first_row = row + 1;
        chunk.global_first_row = cursor.rows_before + row + 1;
        chunk.len = len;
        cursor.next_seq += 1;
        row += len as u64;
        progress(opened.bytes_read.load(Ordering::Relaxed));
        let full = len == room;
        if work.send(chunk).is_err() {
            return Ok(row); // workers stopped (an error elsewhere ends the run)
        }
        if !full {
            return Ok(row);
        }
    }
}
