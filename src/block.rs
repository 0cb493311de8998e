//! Block: an index over the foreign list, probed by each roll row as it streams past, so that
//! only plausible pairs are ever compared (never all pairs).
//!
//! Takes normalised foreigners once (`ForeignIndex::build`), then answers `candidates` for
//! one voter at a time, read-only and safe to share between threads. A pair becomes a
//! candidate when it shares any of these keys:
//!
//! | key | catches |
//! |---|---|
//! | NIK positions 1-12 (region + birth segment) | exact NIK, one edit in the serial |
//! | NIK positions 7-16 (birth segment + serial) | one edit in the region |
//! | the same two keys after swapping positions 6/7 or 12/13 | transpositions across fields |
//! | birth date, also with day and month swapped | any name variant, no NIK on the list |
//! | a name token, when at most `TOKEN_CAP` foreigners carry it; else token + birth year | placeholder or mistyped birth dates |
//! | a pair of name tokens; else pair + birth year | the same, for common tokens |
//! | passport number | overseas voters listed by passport |
//!
//! Birth-date candidates must also share enough name bigrams (a 128-bit signature test), or a
//! token written with the same letters (a swap of two letters keeps them), to be worth
//! scoring; the other keys already imply a shared name token or identity number. A NIK
//! edit inside the birth segment is found through the recorded birth date and the name keys.
//! Scoring the candidates is left to `score`.
//!
//! Layout, for a stream of millions of probes against a list of up to a few hundred thousand
//! (each probe into a large hash map is a cache miss, and a roll row makes several): birth
//! dates and single tokens are dense arrays (a date's slot, a token's vocabulary id), NIK keys
//! have their own small map behind a bit filter, and only the rarer token-year, pair and
//! passport keys share one large map. What scoring reads of each foreigner besides the name
//! sits in one compact array ([`Core`]), one read per candidate.

use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
use rayon::slice::ParallelSliceMut;
use rustc_hash::FxHashMap;

use crate::normalize::{BirthDate, Nik, Person, Sex, name::MAX_TOKENS};

/// Token keys over this many foreigners are too common to probe on their own.
pub const TOKEN_CAP: u32 = 48;
/// Birth-date buckets over this many foreigners are not probed (a foreign-side placeholder
/// date); those foreigners are still reached through name keys.
pub const DATE_CAP: u32 = 2048;
/// Only the first this-many tokens of a voter's name form pair keys.
const PAIR_TOKENS: usize = 6;

/// How a candidate was found (a bit set).
pub mod via {
    pub const NIK: u8 = 1;
    pub const DATE: u8 = 1 << 1;
    pub const TOKEN: u8 = 1 << 2;
    pub const PASSPORT: u8 = 1 << 3;
}

const TAG_NIK_RD: u64 = 1;
const TAG_NIK_DS: u64 = 2;
const TAG_TOKEN: u64 = 4;
const TAG_PAIR: u64 = 6;
const TAG_PAIR_YEAR: u64 = 7;
const PAYLOAD: u64 = (1 << 56) - 1;

fn key(tag: u64, payload: u64) -> u64 {
    (tag << 56) | (payload & PAYLOAD)
}

/// A 64-bit mix (splitmix64 finaliser) for payloads that do not fit 56 bits.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A normalised foreigner, as blocking and scoring see it.
#[derive(Clone, Debug, Default)]
pub struct Foreigner {
    pub person: Person,
    /// Birth date to compare (recorded, else from the NIK).
    pub birth: Option<BirthDate>,
    /// Sex to compare (recorded, else from the NIK).
    pub sex: Option<Sex>,
    /// Vocabulary id of each name token, in name order.
    pub tokens: Vec<u32>,
    /// Vocabulary id of each pair of adjacent tokens written as one word (`joined[i]` for
    /// tokens `i` and `i + 1`; `u32::MAX` when too long): YU LI is YULI on a roll, and token
    /// frequencies must count how often roll names hold YULI.
    pub joined: Vec<u32>,
}

impl Foreigner {
    pub fn new(person: Person, latest_year: u16) -> Foreigner {
        let birth = person.effective_birth(latest_year);
        let sex = person.effective_sex();
        Foreigner {
            person,
            birth,
            sex,
            tokens: Vec::new(),
            joined: Vec::new(),
        }
    }
}

/// Birthplace or passport id: the value is absent.
pub const ABSENT: u32 = u32::MAX;
/// Birthplace or passport id: present, but no listed foreigner has it.
pub const UNLISTED: u32 = u32::MAX - 1;

/// Every compared value of one person except the name, packed for the candidate loop:
/// birthplace and passport as ids into the foreign list's own values (so equality is one
/// integer test and no string is read), [`ABSENT`] when missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Core {
    /// Birth date to compare (recorded, else from the NIK).
    pub birth: Option<BirthDate>,
    /// Sex to compare (recorded, else from the NIK).
    pub sex: Option<Sex>,
    pub nik: Option<Nik>,
    pub place: u32,
    pub passport: u32,
}

impl Default for Core {
    fn default() -> Core {
        Core {
            birth: None,
            sex: None,
            nik: None,
            place: ABSENT,
            passport: ABSENT,
        }
    }
}

/// A voter (roll row) prepared for probing; reused across rows by one worker.
#[derive(Clone, Debug, Default)]
pub struct Voter {
    pub person: Person,
    /// The compared values but the name, with ids from the foreign list.
    pub core: Core,
    /// Vocabulary id of each name token found in the foreign vocabulary, or among the joined
    /// forms of adjacent foreign tokens (`u32::MAX` if neither).
    pub tokens: Vec<u32>,
}

impl Voter {
    /// Derive the compared values after `person` was filled.
    pub fn prepare(&mut self, index: &ForeignIndex, latest_year: u16) {
        let p = &self.person;
        self.core = Core {
            birth: p.effective_birth(latest_year),
            sex: p.effective_sex(),
            nik: p.nik,
            place: interned(&index.place_ids, &p.birthplace),
            passport: interned(&index.passport_ids, &p.passport),
        };
        self.tokens.clear();
        for (t, code) in self.person.name.tokens_with_codes() {
            self.tokens
                .push(index.vocab.get(t, code).unwrap_or(u32::MAX));
        }
    }
}

/// The id of `s` among the foreign list's distinct values (birthplaces, passports), numbered
/// in first-seen order; a new value gets the next number.
fn intern(map: &mut FxHashMap<Box<str>, u32>, s: &str) -> u32 {
    if s.is_empty() {
        return ABSENT;
    }
    let next = map.len() as u32;
    *map.entry(s.into()).or_insert(next)
}

/// The id of a roll value among the foreign list's values ([`UNLISTED`] when none has it).
fn interned(map: &FxHashMap<Box<str>, u32>, s: &str) -> u32 {
    if s.is_empty() {
        ABSENT
    } else {
        map.get(s).copied().unwrap_or(UNLISTED)
    }
}

/// The foreign list's name tokens, numbered in first-seen order. Tokens of up to 12 letters
/// are looked up by their packed letters (one integer hash and compare, no string read);
/// longer ones by their text.
#[derive(Default)]
struct Vocab {
    short: FxHashMap<u64, u32>,
    long: FxHashMap<Box<str>, u32>,
    /// Each token's text, by id.
    texts: Vec<Box<str>>,
}

impl Vocab {
    fn len(&self) -> usize {
        self.texts.len()
    }

    /// `code` is the token's packed letters (`Name::tokens_with_codes`), 0 when too long.
    fn get(&self, token: &str, code: u64) -> Option<u32> {
        if code != 0 {
            self.short.get(&code).copied()
        } else {
            self.long.get(token).copied()
        }
    }

    fn insert(&mut self, token: &str, code: u64) -> u32 {
        let next = self.len() as u32;
        let id = if code != 0 {
            *self.short.entry(code).or_insert(next)
        } else {
            *self.long.entry(token.into()).or_insert(next)
        };
        if id == next {
            self.texts.push(token.into());
        }
        id
    }
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    start: u32,
    len: u32,
}

impl Bucket {
    const EMPTY: Bucket = Bucket { start: 0, len: 0 };

    /// Stored: its ids are in the index (not over the cap).
    fn stored(self) -> bool {
        self.start != u32::MAX
    }

    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// Ids of `run` (one key's ids) appended to `ids` unless there are more than `cap`.
fn store(ids: &mut Vec<u32>, run: &[(u64, u32)], cap: u32) -> Bucket {
    let len = run.len() as u32;
    if len > cap {
        return Bucket {
            start: u32::MAX,
            len,
        };
    }
    let start = ids.len() as u32;
    ids.extend(run.iter().map(|p| p.1));
    Bucket { start, len }
}

/// key -> foreigner ids, as one sorted id array with ranges (compact, cache-friendly).
#[derive(Default)]
struct KeyIndex {
    map: FxHashMap<u64, Bucket>,
    ids: Vec<u32>,
}

impl KeyIndex {
    /// Build from (key, id) pairs. Ids of buckets larger than `cap_for(key)` are not stored.
    fn build(mut pairs: Vec<(u64, u32)>, cap_for: impl Fn(u64) -> u32) -> KeyIndex {
        pairs.par_sort_unstable();
        pairs.dedup();
        let mut index = KeyIndex::default();
        index.map.reserve(pairs.len() / 2);
        for run in pairs.chunk_by(|a, b| a.0 == b.0) {
            let k = run[0].0;
            let bucket = store(&mut index.ids, run, cap_for(k));
            index.map.insert(k, bucket);
        }
        index.ids.shrink_to_fit();
        index
    }

    /// Ids under `k`, if the bucket exists and was stored.
    fn get(&self, k: u64) -> Option<&[u32]> {
        let b = self.map.get(&k)?;
        b.stored().then(|| &self.ids[b.range()])
    }

    fn len(&self) -> usize {
        self.map.len()
    }
}

/// key -> foreigner ids for small dense integer keys (a token's vocabulary id, a passport's
/// id): the bucket is one array read, no hashing.
#[derive(Default)]
struct DenseIndex {
    buckets: Vec<Bucket>,
    ids: Vec<u32>,
}

impl DenseIndex {
    /// Build from (key, id) pairs with keys below `slots`; buckets over `cap` ids keep only
    /// their size.
    fn build(slots: usize, mut pairs: Vec<(u64, u32)>, cap: u32) -> DenseIndex {
        pairs.par_sort_unstable();
        pairs.dedup();
        let mut index = DenseIndex {
            buckets: vec![Bucket::EMPTY; slots],
            ids: Vec::with_capacity(pairs.len()),
        };
        for run in pairs.chunk_by(|a, b| a.0 == b.0) {
            index.buckets[run[0].0 as usize] = store(&mut index.ids, run, cap);
        }
        index.ids.shrink_to_fit();
        index
    }

    fn bucket(&self, slot: usize) -> Bucket {
        self.buckets.get(slot).copied().unwrap_or(Bucket::EMPTY)
    }

    /// Ids under `slot`, if stored (empty when the slot has none).
    fn get(&self, slot: usize) -> Option<&[u32]> {
        let b = self.bucket(slot);
        b.stored().then(|| &self.ids[b.range()])
    }
}

/// A birth-date bucket: ids, and their name signatures and token anagram hashes.
type Dated<'a> = (&'a [u32], &'a [u128], &'a [[u32; 4]]);

/// Foreigners by birth date (see [`DateSlots`]), each with its name signature: a bucket's
/// signatures are read in one sweep (16 bytes a foreigner), its ids only where the names
/// pass the test.
#[derive(Default)]
struct DateIndex {
    slots: DateSlots,
    buckets: Vec<Bucket>,
    /// `sigs[i]` and `anagrams[i]` are the name signature and token anagram hashes of
    /// foreigner `ids[i]`.
    sigs: Vec<u128>,
    anagrams: Vec<[u32; 4]>,
    ids: Vec<u32>,
}

impl DateIndex {
    /// Dates with more than `DATE_CAP` foreigners (a foreign-side placeholder) are not
    /// stored; those foreigners are still reached through name keys.
    fn build(foreigners: &[Foreigner], slots: DateSlots) -> DateIndex {
        let mut pairs: Vec<(u64, u32)> = foreigners
            .iter()
            .enumerate()
            .filter_map(|(i, f)| Some((slots.slot(f.birth?)? as u64, i as u32)))
            .collect();
        pairs.sort_unstable();
        let mut index = DateIndex {
            slots,
            buckets: vec![Bucket::EMPTY; slots.len()],
            sigs: Vec::with_capacity(pairs.len()),
            anagrams: Vec::with_capacity(pairs.len()),
            ids: Vec::with_capacity(pairs.len()),
        };
        for run in pairs.chunk_by(|a, b| a.0 == b.0) {
            let bucket = store(&mut index.ids, run, DATE_CAP);
            if bucket.stored() {
                for &(_, id) in run {
                    let name = &foreigners[id as usize].person.name;
                    index.sigs.push(name.signature());
                    index.anagrams.push(name.anagrams());
                }
            }
            index.buckets[run[0].0 as usize] = bucket;
        }
        index
    }

    /// The foreigners born on `d`, if stored: their ids, signatures and anagram hashes.
    fn get(&self, d: BirthDate) -> Dated<'_> {
        match self.slots.slot(d).map(|s| self.buckets[s]) {
            Some(b) if b.stored() => (
                &self.ids[b.range()],
                &self.sigs[b.range()],
                &self.anagrams[b.range()],
            ),
            _ => (&[], &[], &[]),
        }
    }
}

/// Birth dates as slots of a dense array over the years the foreign list spans (31 slots a
/// month, 12 months a year: no calendar arithmetic, a few unused slots).
#[derive(Clone, Copy, Default)]
struct DateSlots {
    first_year: u16,
    years: u16,
}

impl DateSlots {
    fn spanning(dates: impl Iterator<Item = BirthDate>) -> DateSlots {
        let (lo, hi) = dates.fold((u16::MAX, 0), |(lo, hi), d| {
            (lo.min(d.year()), hi.max(d.year()))
        });
        if lo > hi {
            return DateSlots::default();
        }
        DateSlots {
            first_year: lo,
            years: hi - lo + 1,
        }
    }

    fn len(self) -> usize {
        self.years as usize * 372
    }

    /// The year's place in the span (for the dense token + year index).
    fn year(self, d: BirthDate) -> Option<usize> {
        let y = d.year().checked_sub(self.first_year)?;
        (y < self.years).then_some(y as usize)
    }

    fn slot(self, d: BirthDate) -> Option<usize> {
        let y = d.year().checked_sub(self.first_year)?;
        (y < self.years)
            .then(|| y as usize * 372 + (d.month() as usize - 1) * 31 + (d.day() as usize - 1))
    }
}

/// One line of the NIK filter, aligned to a cache line: unaligned, most lines would straddle
/// two, and `touch` (which reads one word of it) would bring in only half.
#[derive(Clone, Copy)]
#[repr(align(64))]
struct FilterLine([u64; 8]);

/// NIK keys: their own map (a few per listed NIK), behind a blocked bit filter so that the
/// roll's NIKs, almost none of which are listed, rarely reach the map. Every key a voter's
/// NIK probes (its own two and the two transposed ones) holds positions 8-11, so the filter
/// line is chosen by those digits: one cache line answers all of a voter's probes.
#[derive(Default)]
struct NikIndex {
    keys: KeyIndex,
    /// 512-bit lines, each one cache line (so `touch` brings a whole line in with one read).
    lines: Vec<FilterLine>,
}

impl NikIndex {
    fn build(pairs: Vec<(u64, u32)>) -> NikIndex {
        let keys = KeyIndex::build(pairs, |_| u32::MAX);
        // About 32 bits per key.
        let lines = (keys.len() / 16).max(1).next_power_of_two();
        let mut index = NikIndex {
            keys,
            lines: vec![FilterLine([0; 8]); lines],
        };
        let ks: Vec<u64> = index.keys.map.keys().copied().collect();
        for k in ks {
            let (line, bit) = index.slot(k);
            index.lines[line].0[bit >> 6] |= 1 << (bit & 63);
        }
        index
    }

    /// Positions 8-11 (0-based 7..11) of the NIK a key was made from.
    fn middle(k: u64) -> u64 {
        let digits = k & PAYLOAD;
        match k >> 56 {
            // Positions 1-12: drop position 12.
            TAG_NIK_RD => (digits / 10) % 10_000,
            // Positions 7-16: drop positions 12-16.
            _ => (digits / 100_000) % 10_000,
        }
    }

    /// The filter line and bit of key `k`.
    fn slot(&self, k: u64) -> (usize, usize) {
        let line = (mix(Self::middle(k)) as usize) & (self.lines.len() - 1);
        (line, (mix(k) & 511) as usize)
    }

    /// The filter line for a NIK's probes (see `touch`).
    fn line_of(&self, chars: &[u8; 16]) -> Option<&[u64; 8]> {
        let middle = digits(chars, 7, 11)?;
        let line = self
            .lines
            .get((mix(middle) as usize) & (self.lines.len() - 1))?;
        Some(&line.0)
    }

    fn get(&self, k: u64) -> Option<&[u32]> {
        let (line, bit) = self.slot(k);
        if self.lines[line].0[bit >> 6] & (1 << (bit & 63)) == 0 {
            return None;
        }
        self.keys.get(k)
    }
}

/// One candidate pair for the current voter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Index into `ForeignIndex::foreigners`.
    pub id: u32,
    /// `via` bits: how it was found.
    pub via: u8,
}

/// Scratch space for probing, one per worker.
#[derive(Default)]
pub struct Probe {
    found: Vec<Candidate>,
    pub candidates: Vec<Candidate>,
}

/// The index over the foreign list.
pub struct ForeignIndex {
    pub foreigners: Vec<Foreigner>,
    /// `cores[i]`: what scoring compares of `foreigners[i]` besides the name.
    pub cores: Vec<Core>,
    vocab: Vocab,
    /// Number of foreigners whose name holds each token.
    pub token_df: Vec<u32>,
    /// Foreigners by name token (vocabulary id).
    tokens: DenseIndex,
    /// Foreigners by common token (one carried by more than `TOKEN_CAP`) and birth year:
    /// slot `common[token] * years + year` (years as in `dates`).
    token_years: DenseIndex,
    /// Per vocabulary token, its number among the common tokens (`u32::MAX` if not common).
    common: Vec<u32>,
    /// Foreigners by birth date, with name signatures.
    dates: DateIndex,
    niks: NikIndex,
    /// Foreigners by passport (its id among the list's passports).
    passports: DenseIndex,
    /// Token + birth year, token pairs (+ year).
    keys: KeyIndex,
    /// The foreign list's distinct birthplaces and passports (see [`Core`]).
    place_ids: FxHashMap<Box<str>, u32>,
    passport_ids: FxHashMap<Box<str>, u32>,
}

impl ForeignIndex {
    /// Build the vocabulary and every key. Ids follow the input order, so the index (and
    /// everything downstream) is deterministic.
    pub fn build(mut foreigners: Vec<Foreigner>) -> ForeignIndex {
        let mut vocab = Vocab::default();
        let mut token_df: Vec<u32> = Vec::new();
        let mut place_ids = FxHashMap::default();
        let mut passport_ids =
            FxHashMap::with_capacity_and_hasher(foreigners.len(), Default::default());
        let mut cores = Vec::with_capacity(foreigners.len());
        vocab.short.reserve(foreigners.len() / 4);
        for f in &mut foreigners {
            f.tokens.clear();
            for (t, code) in f.person.name.tokens_with_codes() {
                let id = vocab.insert(t, code);
                if id as usize == token_df.len() {
                    token_df.push(0);
                }
                if !f.tokens.contains(&id) {
                    token_df[id as usize] += 1;
                }
                f.tokens.push(id);
            }
            cores.push(Core {
                birth: f.birth,
                sex: f.sex,
                nik: f.person.nik,
                place: intern(&mut place_ids, &f.person.birthplace),
                passport: intern(&mut passport_ids, &f.person.passport),
            });
        }
        // Joined forms of adjacent tokens: counted in the roll like tokens (ids from
        // `token_df.len()` on), never probed for candidates. Folded on all cores (each form
        // as its text and code, `None` when too long for a token); numbered in input order.
        type Form = Option<(String, u64)>;
        let joined: Vec<Vec<Form>> = foreigners
            .par_iter()
            .map(|f| {
                let name = &f.person.name;
                (1..name.len())
                    .map(|i| {
                        crate::normalize::name::joined_key(name.token(i - 1), name.token(i)).map(
                            |j| {
                                let code = crate::normalize::name::token_code(&j);
                                (j, code)
                            },
                        )
                    })
                    .collect()
            })
            .collect();
        for (f, forms) in foreigners.iter_mut().zip(joined) {
            f.joined.clear();
            f.joined.extend(forms.iter().map(|j| {
                j.as_ref()
                    .map_or(u32::MAX, |(j, code)| vocab.insert(j, *code))
            }));
        }
        let n = foreigners.len();
        let (mut token_pairs, mut nik_pairs, mut other_pairs, mut passport_pairs) = (
            Vec::with_capacity(n * 3),
            Vec::new(),
            Vec::new(),
            Vec::with_capacity(n),
        );
        // The common tokens, numbered.
        let mut n_common = 0;
        let common: Vec<u32> = token_df
            .iter()
            .map(|&df| {
                if df > TOKEN_CAP {
                    n_common += 1;
                    n_common - 1
                } else {
                    u32::MAX
                }
            })
            .collect();
        let year_slots = DateSlots::spanning(foreigners.iter().filter_map(|f| f.birth));
        let years = year_slots.years as usize;
        let mut token_year_pairs = Vec::new();
        // The birth-date index (its own sort) is built on another core meanwhile.
        let (dates, ()) = rayon::join(
            || DateIndex::build(&foreigners, year_slots),
            || {
                for (i, (f, c)) in foreigners.iter().zip(&cores).enumerate() {
                    let id = i as u32;
                    if c.passport != ABSENT {
                        passport_pairs.push((c.passport as u64, id));
                    }
                    let is_common = |t: u32| common[t as usize] != u32::MAX;
                    foreign_keys(f, is_common, |k| match k >> 56 {
                        TAG_TOKEN => token_pairs.push((k & PAYLOAD, id)),
                        TAG_NIK_RD | TAG_NIK_DS => nik_pairs.push((k, id)),
                        _ => other_pairs.push((k, id)),
                    });
                    if let Some(y) = f.birth.and_then(|d| year_slots.year(d)) {
                        for &t in f.tokens.iter().filter(|&&t| is_common(t)) {
                            let slot = common[t as usize] as usize * years + y;
                            token_year_pairs.push((slot as u64, id));
                        }
                    }
                }
            },
        );
        // Five independent sorts and fills, side by side.
        let ((tokens, token_years), (keys, (passports, niks))) = rayon::join(
            || {
                rayon::join(
                    || DenseIndex::build(vocab.len(), token_pairs, TOKEN_CAP),
                    || {
                        let slots = n_common as usize * years;
                        DenseIndex::build(slots, token_year_pairs, TOKEN_CAP)
                    },
                )
            },
            || {
                rayon::join(
                    || KeyIndex::build(other_pairs, |_| TOKEN_CAP),
                    || {
                        rayon::join(
                            || DenseIndex::build(passport_ids.len(), passport_pairs, u32::MAX),
                            || NikIndex::build(nik_pairs),
                        )
                    },
                )
            },
        );
        ForeignIndex {
            passports,
            foreigners,
            cores,
            vocab,
            token_df,
            tokens,
            token_years,
            common,
            dates,
            niks,
            keys,
            place_ids,
            passport_ids,
        }
    }

    pub fn len(&self) -> usize {
        self.foreigners.len()
    }

    pub fn is_empty(&self) -> bool {
        self.foreigners.is_empty()
    }

    /// Vocabulary size.
    pub fn vocab_len(&self) -> usize {
        self.vocab.len()
    }

    /// The vocabulary id of a folded token.
    pub fn token_id(&self, token: &str) -> Option<u32> {
        self.vocab
            .get(token, crate::normalize::name::token_code(token))
    }

    /// Vocabulary tokens that are two other vocabulary tokens written together, as
    /// `(whole, first, second)` (ABDULRAHMAN = ABDUL + RAHMAN; parts of two letters or
    /// more), sorted: a roll name holding the parts agrees with the whole, which token
    /// frequencies must know (`TokenFrequencies::finish`). Once per run, not per row.
    pub fn joined_tokens(&self) -> Vec<(u32, u32, u32)> {
        let mut out = Vec::new();
        for (whole, t) in self.vocab.texts.iter().enumerate() {
            for i in 2..t.len().saturating_sub(1) {
                let (a, b) = t.split_at(i);
                if let (Some(first), Some(second)) = (self.token_id(a), self.token_id(b)) {
                    if crate::normalize::name::joined_key(a, b).as_deref() == Some(&**t) {
                        out.push((whole as u32, first, second));
                    }
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// Read the index data `candidates` will need for `voter` (its birth dates' entries,
    /// its NIK's filter line, its tokens' buckets) and return something of it. Called for a
    /// batch of voters before probing any of them: the reads do not depend on each other, so
    /// their cache misses overlap instead of each probe waiting for its own.
    pub fn touch(&self, voter: &Voter) -> u64 {
        let mut acc = 0u64;
        if let Some(d) = voter.core.birth {
            for d in std::iter::once(d).chain(d.day_month_swapped()) {
                // One signature per cache line.
                let (_, sigs, anagrams) = self.dates.get(d);
                for &sig in sigs.iter().step_by(4) {
                    acc ^= sig as u64;
                }
                for a in anagrams.iter().step_by(4) {
                    acc ^= a[0] as u64;
                }
            }
        }
        if let Some(line) = voter
            .core
            .nik
            .and_then(|n| self.niks.line_of(n.chars()).copied())
        {
            acc ^= line[0];
        }
        for &t in voter.tokens.iter().filter(|&&t| self.probed(t)) {
            let (index, b) = match self.tokens.bucket(t as usize) {
                b if b.stored() => (&self.tokens, b),
                _ => match self.token_year_slot(t, voter.core.birth) {
                    Some(slot) => (&self.token_years, self.token_years.bucket(slot)),
                    None => continue,
                },
            };
            if b.stored() && b.len > 0 {
                acc ^= index.ids[b.start as usize] as u64;
            }
        }
        acc
    }

    /// Fill `probe.candidates` (sorted by id, each once) for `voter`; see `complete`.
    pub fn candidates(&self, voter: &Voter, probe: &mut Probe) {
        probe.found.clear();
        let found = &mut probe.found;
        // Birth date: only foreigners whose names share enough bigrams become candidates on
        // the date alone (the others get the date bit below when another key finds them).
        let birth = voter.core.birth;
        if let Some(d) = birth {
            let name = &voter.person.name;
            let (sig, grams) = (name.signature(), name.anagrams());
            let ones = sig.count_ones();
            for d in std::iter::once(d).chain(d.day_month_swapped()) {
                let (ids, sigs, anagrams) = self.dates.get(d);
                for (k, &s) in sigs.iter().enumerate() {
                    if names_may_match(sig, ones, s) || shares_anagram(&grams, &anagrams[k]) {
                        found.push(Candidate {
                            id: ids[k],
                            via: via::DATE,
                        });
                    }
                }
            }
        }
        let mut add = |ids: Option<&[u32]>, via: u8| {
            if let Some(ids) = ids {
                found.extend(ids.iter().map(|&id| Candidate { id, via }));
            }
        };
        if let Some(nik) = &voter.core.nik {
            nik_probe_keys(nik.chars(), |k| add(self.niks.get(k), via::NIK));
        }
        self.token_candidates(voter, &mut add);
        if voter.core.passport < UNLISTED {
            add(
                self.passports.get(voter.core.passport as usize),
                via::PASSPORT,
            );
        }
        Self::merge(probe);
    }

    /// Finish a candidate of `voter` once its values (`core`, from `cores`) have been read:
    /// one found another way that is also filed under the voter's birth date (or its swap)
    /// was found by the date too, whatever its name. `candidates` leaves this to the caller
    /// so that the caller can read the values of many candidates together.
    pub fn complete(&self, voter: &Voter, candidate: &mut Candidate, core: &Core) {
        if candidate.via & via::DATE != 0 {
            return;
        }
        let (Some(d), Some(b)) = (voter.core.birth, core.birth) else {
            return;
        };
        if (b == d || d.is_day_month_swap_of(b)) && !self.dates.get(b).0.is_empty() {
            candidate.via |= via::DATE;
        }
    }

    /// Candidates by name token: a token's own bucket when at most `TOKEN_CAP` foreigners
    /// carry it, else token + birth year; a pair of tokens only when both are that common (a
    /// pair's foreigners are all in the bucket of either token when one is stored).
    fn token_candidates(&self, voter: &Voter, add: &mut impl FnMut(Option<&[u32]>, u8)) {
        let birth = voter.core.birth;
        let year = birth.map(|d| d.year() as u64);
        let known = |t: &&u32| self.probed(**t);
        let mut seen = [u32::MAX; MAX_TOKENS];
        let mut n = 0;
        for &t in voter.tokens.iter().filter(known) {
            if seen[..n].contains(&t) {
                continue;
            }
            seen[n] = t;
            n += 1;
            if self.tokens.bucket(t as usize).stored() {
                add(self.tokens.get(t as usize), via::TOKEN);
            } else if let Some(slot) = self.token_year_slot(t, birth) {
                add(self.token_years.get(slot), via::TOKEN);
            }
        }
        let first = &seen[..n.min(PAIR_TOKENS)];
        let common = |t: u32| !self.tokens.bucket(t as usize).stored();
        for (i, &a) in first.iter().enumerate() {
            if !common(a) {
                continue;
            }
            for &b in first[i + 1..].iter().filter(|&&b| common(b)) {
                let (lo, hi) = if a < b { (a, b) } else { (b, a) };
                let pair = ((lo as u64) << 24) | hi as u64;
                self.probe_capped(
                    key(TAG_PAIR, pair),
                    year.map(|y| key(TAG_PAIR_YEAR, mix((pair << 16) | y))),
                    add,
                );
            }
        }
    }

    /// Whether vocabulary id `t` is probed for candidates: a token of the list (the joined
    /// forms, ids from `token_df.len()` on, are counted but never probed).
    fn probed(&self, t: u32) -> bool {
        (t as usize) < self.token_df.len()
    }

    /// The `token_years` slot of common token `t` and birth date `d`.
    fn token_year_slot(&self, t: u32, d: Option<BirthDate>) -> Option<usize> {
        let c = self.common[t as usize];
        let y = self.dates.slots.year(d?)?;
        (c != u32::MAX).then(|| c as usize * self.dates.slots.years as usize + y)
    }

    /// Probe `wide`; when it is too common, probe `narrow` (the same key + birth year).
    fn probe_capped(
        &self,
        wide: u64,
        narrow: Option<u64>,
        add: &mut impl FnMut(Option<&[u32]>, u8),
    ) {
        match self.keys.map.get(&wide) {
            None => {}
            Some(b) if b.stored() => add(Some(&self.keys.ids[b.range()]), via::TOKEN),
            Some(_) => {
                if let Some(k) = narrow {
                    add(self.keys.get(k), via::TOKEN);
                }
            }
        }
    }

    /// Sort by id and merge duplicates.
    fn merge(probe: &mut Probe) {
        probe.found.sort_unstable_by_key(|c| c.id);
        probe.candidates.clear();
        for run in probe.found.chunk_by(|a, b| a.id == b.id) {
            let via = run.iter().fold(0, |v, c| v | c.via);
            probe.candidates.push(Candidate { id: run[0].id, via });
        }
    }
}

/// Share of the smaller name's bigram bits the other name must hold: the same person in
/// every accepted form (reordered, split, dropped tokens, typos, old spellings) overlaps
/// 0.75-1.0; about 5% of unrelated synthetic roll pairs reach 0.6 (measured in name.rs tests).
pub const SIGNATURE_OVERLAP: f32 = 0.6;

/// The bigram-signature prefilter for birth-date candidates, given `a_ones =
/// a.count_ones()` (one voter's signature is tested against every foreigner born on its
/// date, and a portable build counts bits without a `popcnt` instruction). Empty names (no
/// signature) pass, since the date and NIK may still decide.
pub fn names_may_match(a: u128, a_ones: u32, b: u128) -> bool {
    if a == 0 || b == 0 {
        return true;
    }
    // `signature_overlap(a, b) >= SIGNATURE_OVERLAP` in integers (shared / smaller >= 3/5,
    // and at least two bigrams shared; tested below against the float form). Most foreigners
    // born on a voter's date share fewer than two bigrams with the voter's name: one `and`
    // tells (clearing the lowest shared bit leaves nothing), before any bit is counted.
    let both = a & b;
    if both & both.wrapping_sub(1) == 0 {
        return false;
    }
    let shared = both.count_ones();
    // Against `a` alone first: the smaller set is at most `a`'s, and `b`'s count is needed
    // only when that does not settle it.
    5 * shared >= 3 * a_ones || 5 * shared >= 3 * b.count_ones()
}

/// The second chance of a birth-date candidate whose bigrams differ too much: a token of four
/// letters or more written with the same letters in both names. Two letters swapped in a short
/// name (SNATOSH / SANTOSH, MAIT SNIGH / AMIT SINGH) change half its bigrams but none of its
/// letters.
pub fn shares_anagram(a: &[u32; 4], b: &[u32; 4]) -> bool {
    // Hashes fill from the front: a name without a token of four letters has none.
    a[0] != 0 && a.iter().any(|&x| x != 0 && b.contains(&x))
}

/// Every key a foreigner is filed under, but its birth date, passport and common token + year
/// (dense indexes of their own). Pair keys only for tokens carried by more than `TOKEN_CAP`
/// foreigners (`common`): those are the only ones ever probed.
fn foreign_keys(f: &Foreigner, common: impl Fn(u32) -> bool, mut emit: impl FnMut(u64)) {
    if let Some(nik) = &f.person.nik {
        nik_keys(nik.chars(), &mut emit);
    }
    let year = f.birth.map(|d| d.year() as u64);
    let mut distinct: Vec<u32> = Vec::with_capacity(f.tokens.len());
    for &t in &f.tokens {
        if !distinct.contains(&t) {
            distinct.push(t);
        }
    }
    for &t in &distinct {
        emit(key(TAG_TOKEN, t as u64));
    }
    // Every pair of a foreigner's common tokens, so a voter's first tokens find any of them.
    distinct.retain(|&t| common(t));
    for (i, &a) in distinct.iter().enumerate() {
        for &b in &distinct[i + 1..] {
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            let pair = ((lo as u64) << 24) | hi as u64;
            emit(key(TAG_PAIR, pair));
            if let Some(y) = year {
                emit(key(TAG_PAIR_YEAR, mix((pair << 16) | y)));
            }
        }
    }
}

/// Digits `from..to` of a NIK pattern as a number, if all are known.
fn digits(chars: &[u8; 16], from: usize, to: usize) -> Option<u64> {
    chars[from..to].iter().try_fold(0u64, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as u64)
    })
}

/// The two NIK keys of a pattern (those whose positions are all known).
fn nik_keys(chars: &[u8; 16], emit: &mut impl FnMut(u64)) {
    if let Some(rd) = digits(chars, 0, 12) {
        emit(key(TAG_NIK_RD, rd));
    }
    if let Some(ds) = digits(chars, 6, 16) {
        emit(key(TAG_NIK_DS, ds));
    }
}

/// The keys a voter's NIK probes: its own two, and those of the variants with positions 6/7
/// or 12/13 (1-based) swapped, since a transposition there breaks both of its own keys.
fn nik_probe_keys(chars: &[u8; 16], mut emit: impl FnMut(u64)) {
    nik_keys(chars, &mut emit);
    for (a, b, from, to, tag) in [(5, 6, 0, 12, TAG_NIK_RD), (11, 12, 6, 16, TAG_NIK_DS)] {
        if chars[a] != chars[b] {
            let mut swapped = *chars;
            swapped.swap(a, b);
            if let Some(v) = digits(&swapped, from, to) {
                emit(key(tag, v));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{DateParser, Name, RawPerson, date::DateOrder};

    const DATES: DateParser = DateParser {
        order: DateOrder::DayFirst,
        latest_year: 2029,
    };

    /// (name, birth date, NIK, passport)
    type Row<'a> = (&'a str, &'a str, &'a str, &'a str);
    /// (label, voter, the candidates as (foreigner index, via bits))
    type Case<'a> = (&'a str, Row<'a>, &'a [(u32, u8)]);

    fn person((name, birth_date, nik, passport): Row<'_>) -> Person {
        let mut p = Person::default();
        let raw = RawPerson {
            name,
            birth_date,
            nik,
            passport,
            ..RawPerson::default()
        };
        p.fill(&raw, &DATES, &mut Vec::new());
        p
    }

    fn index(rows: &[Row<'_>]) -> ForeignIndex {
        ForeignIndex::build(
            rows.iter()
                .map(|&r| Foreigner::new(person(r), 2029))
                .collect(),
        )
    }

    /// The candidates of one voter as (foreigner index, via bits).
    fn found(index: &ForeignIndex, row: Row<'_>) -> Vec<(u32, u8)> {
        let mut v = Voter {
            person: person(row),
            ..Voter::default()
        };
        v.prepare(index, 2012);
        let mut probe = Probe::default();
        index.candidates(&v, &mut probe);
        probe
            .candidates
            .iter()
            .map(|&c| {
                let (mut c, core) = (c, index.cores[c.id as usize]);
                index.complete(&v, &mut c, &core);
                (c.id, c.via)
            })
            .collect()
    }

    const LIST: &[Row<'_>] = &[
        ("ZHANG, WEI MING", "12-03-1980", "", "E12345678"),
        ("TANAKA, HIROSHI", "15-11-1975", "3171011511750001", ""),
        ("KIM MIN JUN", "01-07-1990", "", ""),
        ("SMITH, JOHN", "23-08-1985", "", "P7654321"),
    ];

    #[test]
    #[rustfmt::skip]
    fn each_route_finds_its_pairs() {
        let ix = index(LIST);
        let cases: &[Case<'_>] = &[
            ("same date, similar name", ("ZANG WEIMIN", "12-03-1980", "", ""), &[(0, via::DATE)]),
            ("day and month swapped", ("WEI MING ZHANG", "03-12-1980", "", ""), &[(0, via::DATE | via::TOKEN)]),
            ("same date, unrelated name", ("SITI AMINAH", "12-03-1980", "", ""), &[]),
            ("rare token, other date", ("HIROSHI", "01-01-1960", "", ""), &[(1, via::TOKEN)]),
            // The NIK's birth date (15-11-1975) is the voter's: the birth date route finds the
            // pair too, and its unrelated name does not drop it.
            ("NIK exact, other name", ("BUDI", "", "3171011511750001", ""), &[(1, via::NIK | via::DATE)]),
            ("NIK serial slip", ("BUDI", "", "3171011511750007", ""), &[(1, via::NIK | via::DATE)]),
            ("NIK region slip", ("BUDI", "", "3271011511750001", ""), &[(1, via::NIK | via::DATE)]),
            ("NIK swap across 12/13", ("BUDI", "", "3171011511705001", ""), &[(1, via::NIK)]),
            ("passport", ("JOHN SMITH", "", "", "P7654321"), &[(3, via::TOKEN | via::PASSPORT)]),
            ("passport not listed", ("BUDI", "", "", "P0000000"), &[]),
            ("nothing shared", ("SITI AMINAH", "02-02-1999", "3273015708900003", ""), &[]),
        ];
        for (label, row, want) in cases {
            assert_eq!(found(&ix, *row), *want, "{label}");
        }
    }

    #[test]
    fn common_tokens_probe_with_the_birth_year_and_in_pairs() {
        // 60 foreigners named MUHAMMAD ALI (over the token cap, and so is the pair), one born
        // in 1990; 60 named MUHAMMAD with others names, none born in 1991.
        let mut rows: Vec<(String, String)> = Vec::new();
        for i in 0..60 {
            rows.push((
                "MUHAMMAD ALI".into(),
                format!("0{}-0{}-19{}", 1 + i % 9, 1 + i % 9, 50 + i % 30),
            ));
        }
        rows.push(("MUHAMMAD ALI".into(), "02-02-1990".into()));
        for i in 0..60 {
            rows.push((format!("MUHAMMAD OTHERNAME{}", i % 7), "03-03-1960".into()));
        }
        let owned: Vec<Row<'_>> = rows
            .iter()
            .map(|(n, d)| (n.as_str(), d.as_str(), "", ""))
            .collect();
        let ix = index(&owned);
        // Born 1990, another day: the token + year and pair + year keys find the one.
        let got = found(&ix, ("MUHAMMAD ALI", "20-10-1990", "", ""));
        assert_eq!(got, vec![(60, via::TOKEN)]);
        // No foreigner of that birth year: nothing, however common the name.
        assert!(found(&ix, ("MUHAMMAD ALI", "20-10-1991", "", "")).is_empty());
    }

    fn dated(name: &str, (y, m, d): (u16, u8, u8)) -> Person {
        Person {
            name: Name::parse(name),
            birth: BirthDate::new(y, m, d),
            ..Person::default()
        }
    }

    /// Candidate ids for a roll name and birth date against listed names and birth dates.
    fn ids(listed: &[(&str, (u16, u8, u8))], roll: (&str, (u16, u8, u8))) -> Vec<u32> {
        let index = ForeignIndex::build(
            listed
                .iter()
                .map(|&(n, d)| Foreigner::new(dated(n, d), 2029))
                .collect(),
        );
        let mut voter = Voter {
            person: dated(roll.0, roll.1),
            ..Voter::default()
        };
        voter.prepare(&index, 2029);
        let mut probe = Probe::default();
        index.candidates(&voter, &mut probe);
        probe.candidates.iter().map(|c| c.id).collect()
    }

    #[test]
    fn a_name_with_two_letters_swapped_and_the_same_birth_date_is_a_candidate() {
        let d = (1989, 1, 8);
        let listed = [("SANTOSH", d), ("WINSTON", d), ("AMIT SINGH", d)];
        assert_eq!(ids(&listed, ("SNATOSH", d)), vec![0]);
        assert_eq!(ids(&listed, ("MAIT SNIGH", d)), vec![2]);
        // Another birth date: no route finds it.
        assert!(ids(&listed, ("SNATOSH", (1989, 1, 9))).is_empty());
    }

    #[test]
    fn joined_forms_are_counted_but_never_probed() {
        let index = ForeignIndex::build(vec![Foreigner::new(dated("YU<<LI", (1981, 2, 3)), 2029)]);
        let yuli = index
            .token_id("YULI")
            .expect("the joined form is in the vocabulary");
        assert_eq!(index.foreigners[0].joined, vec![yuli]);
        assert!(yuli as usize >= index.token_df.len());
        // A roll YULI born another day is not a candidate through the joined form.
        assert!(ids(&[("YU<<LI", (1981, 2, 3))], ("YULI WAHYUNI", (1990, 5, 6))).is_empty());
    }

    proptest::proptest! {
        /// The integer test is the float overlap rule (with at least two shared bigrams),
        /// for signatures of any size drawn from a few bits so that they overlap often.
        #[test]
        fn names_may_match_is_the_overlap_rule(
            a_bits in proptest::collection::vec(0u32..40, 0..16),
            b_bits in proptest::collection::vec(0u32..40, 0..16),
        ) {
            let set = |bits: &[u32]| bits.iter().fold(0u128, |s, &b| s | 1 << b);
            let (a, b) = (set(&a_bits), set(&b_bits));
            let shared = (a & b).count_ones();
            let want = a == 0
                || b == 0
                || (shared >= 2
                    && crate::normalize::name::signature_overlap(a, b) >= SIGNATURE_OVERLAP);
            proptest::prop_assert_eq!(names_may_match(a, a.count_ones(), b), want);
        }
    }

    #[test]
    fn core_fits_in_a_cache_line() {
        // The candidate loop reads one per candidate: keep it to one line, mostly.
        assert!(
            std::mem::size_of::<Core>() <= 36,
            "{}",
            std::mem::size_of::<Core>()
        );
    }

    #[test]
    fn voter_values_are_ids_into_the_list() {
        let ix = index(LIST);
        let mut v = Voter {
            person: person(("JOHN SMITH", "", "", "P7654321")),
            ..Voter::default()
        };
        v.prepare(&ix, 2012);
        assert_eq!(v.core.passport, ix.cores[3].passport);
        assert_eq!(v.core.place, ABSENT);
        v.person = person(("JOHN SMITH", "", "", "X1111111"));
        v.prepare(&ix, 2012);
        assert_eq!(v.core.passport, UNLISTED);
        assert_eq!(ix.cores[1].passport, ABSENT);
    }

    #[test]
    fn vocabulary_codes_match_the_token_text() {
        let ix = index(LIST);
        let long = Name::parse("ABCDEFGHIJKLMNOP SMITH");
        let ids: Vec<Option<u32>> = long
            .tokens_with_codes()
            .map(|(t, code)| ix.vocab.get(t, code))
            .collect();
        assert_eq!(
            ids[0], None,
            "a token over 12 letters is looked up by its text"
        );
        assert!(ids[1].is_some());
        for name in [
            "ZHANG WEI MING",
            "TANAKA HIROSHI",
            "MUHAMMAD ABDURRAHMANWAHID",
        ] {
            for (t, code) in Name::parse(name).tokens_with_codes() {
                let mut letters = 0u64;
                for b in t.bytes().rev() {
                    letters = letters << 5 | (b & 31) as u64;
                }
                let want = if t.len() <= 12 { letters } else { 0 };
                assert_eq!(code, want, "{t}");
            }
        }
    }
}
