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

use rustc_hash::FxHashMap;

use crate::normalize::{BirthDate, Person, Sex, name::MAX_TOKENS};

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
    /// Found by birth date, but the names share too few bigrams (dropped unless another
    /// route found the pair too; never leaves `ForeignIndex::candidates`).
    pub(super) const DATE_WEAK: u8 = 1 << 4;
}

const TAG_NIK_RD: u64 = 1;
const TAG_NIK_DS: u64 = 2;
const TAG_DATE: u64 = 3;
const TAG_TOKEN: u64 = 4;
const TAG_TOKEN_YEAR: u64 = 5;
const TAG_PAIR: u64 = 6;
const TAG_PAIR_YEAR: u64 = 7;
const TAG_PASSPORT: u64 = 8;
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

fn hash_str(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
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

/// A voter (roll row) prepared for probing; reused across rows by one worker.
#[derive(Clone, Debug, Default)]
pub struct Voter {
    pub person: Person,
    pub birth: Option<BirthDate>,
    pub sex: Option<Sex>,
    /// Vocabulary id of each name token found in the foreign vocabulary, or among the joined
    /// forms of adjacent foreign tokens (`u32::MAX` if neither).
    pub tokens: Vec<u32>,
}

impl Voter {
    /// Derive the compared values after `person` was filled.
    pub fn prepare(&mut self, index: &ForeignIndex, latest_year: u16) {
        self.birth = self.person.effective_birth(latest_year);
        self.sex = self.person.effective_sex();
        self.tokens.clear();
        for t in self.person.name.tokens() {
            self.tokens
                .push(index.vocab.get(t).copied().unwrap_or(u32::MAX));
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    start: u32,
    len: u32,
}

/// key -> foreigner ids, as one sorted id array with ranges (compact, cache-friendly).
#[derive(Default)]
struct KeyIndex {
    map: FxHashMap<u64, Bucket>,
    ids: Vec<u32>,
    /// The name signature of each id in `ids` (birth-date index only): read in order with the
    /// ids instead of one random access per candidate.
    sigs: Vec<u128>,
    /// The token anagram hashes of each id in `ids` (birth-date index only, likewise).
    anagrams: Vec<[u32; 4]>,
}

impl KeyIndex {
    /// Build from (key, id) pairs. Ids of buckets larger than `cap_for(key)` are not stored.
    fn build(mut pairs: Vec<(u64, u32)>, cap_for: impl Fn(u64) -> u32) -> KeyIndex {
        pairs.sort_unstable();
        pairs.dedup();
        let mut index = KeyIndex::default();
        index.map.reserve(pairs.len() / 2);
        for run in pairs.chunk_by(|a, b| a.0 == b.0) {
            let k = run[0].0;
            let len = run.len() as u32;
            let start = if len <= cap_for(k) {
                let s = index.ids.len() as u32;
                index.ids.extend(run.iter().map(|p| p.1));
                s
            } else {
                u32::MAX
            };
            index.map.insert(k, Bucket { start, len });
        }
        index.ids.shrink_to_fit();
        index
    }

    /// Store each id's name signature and token anagram hashes beside it.
    fn with_signatures(mut self, name: impl Fn(u32) -> (u128, [u32; 4])) -> KeyIndex {
        (self.sigs, self.anagrams) = self.ids.iter().map(|&id| name(id)).unzip();
        self
    }

    /// Ids, their signatures and anagram hashes under `k` (an index built `with_signatures`).
    fn get_signed(&self, k: u64) -> Option<Signed<'_>> {
        let b = self.map.get(&k)?;
        let r = b.start as usize..(b.start + b.len) as usize;
        (b.start != u32::MAX).then(|| {
            (
                &self.ids[r.clone()],
                &self.sigs[r.clone()],
                &self.anagrams[r],
            )
        })
    }

    /// Ids under `k`, if the bucket exists and was stored.
    fn get(&self, k: u64) -> Option<&[u32]> {
        let b = self.map.get(&k)?;
        (b.start != u32::MAX).then(|| &self.ids[b.start as usize..(b.start + b.len) as usize])
    }

    fn len(&self) -> usize {
        self.map.len()
    }
}

/// A birth-date bucket: ids, and their name signatures and token anagram hashes.
type Signed<'a> = (&'a [u32], &'a [u128], &'a [[u32; 4]]);

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
    vocab: FxHashMap<Box<str>, u32>,
    /// Number of foreigners whose name holds each token.
    pub token_df: Vec<u32>,
    keys: KeyIndex,
    /// Birth-date keys, with name signatures.
    dates: KeyIndex,
}

impl ForeignIndex {
    /// Build the vocabulary and every key. Ids follow the input order, so the index (and
    /// everything downstream) is deterministic.
    pub fn build(mut foreigners: Vec<Foreigner>) -> ForeignIndex {
        let mut vocab: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut token_df: Vec<u32> = Vec::new();
        for f in &mut foreigners {
            f.tokens.clear();
            for t in f.person.name.tokens() {
                let next = vocab.len() as u32;
                let id = *vocab.entry(t.into()).or_insert(next);
                if id as usize == token_df.len() {
                    token_df.push(0);
                }
                if !f.tokens.contains(&id) {
                    token_df[id as usize] += 1;
                }
                f.tokens.push(id);
            }
        }
        // Joined forms of adjacent tokens: counted in the roll like tokens (ids from
        // `token_df.len()` on), never probed for candidates.
        for f in &mut foreigners {
            f.joined.clear();
            let name = &f.person.name;
            for i in 1..name.len() {
                let id = crate::normalize::name::joined_key(name.token(i - 1), name.token(i))
                    .map_or(u32::MAX, |j| {
                        let next = vocab.len() as u32;
                        *vocab.entry(j.into()).or_insert(next)
                    });
                f.joined.push(id);
            }
        }
        let mut pairs = Vec::with_capacity(foreigners.len() * 16);
        for (i, f) in foreigners.iter().enumerate() {
            let id = i as u32;
            foreign_keys(f, |k| pairs.push((k, id)));
        }
        let (date_pairs, pairs): (Vec<_>, Vec<_>) =
            pairs.into_iter().partition(|(k, _)| k >> 56 == TAG_DATE);
        let keys = KeyIndex::build(pairs, |k| match k >> 56 {
            TAG_TOKEN | TAG_TOKEN_YEAR | TAG_PAIR | TAG_PAIR_YEAR => TOKEN_CAP,
            _ => u32::MAX,
        });
        let dates = KeyIndex::build(date_pairs, |_| DATE_CAP).with_signatures(|id| {
            let name = &foreigners[id as usize].person.name;
            (name.signature(), name.anagrams())
        });
        ForeignIndex {
            foreigners,
            vocab,
            token_df,
            keys,
            dates,
        }
    }

    pub fn len(&self) -> usize {
        self.foreigners.len()
    }

    pub fn is_empty(&self) -> bool {
        self.foreigners.is_empty()
    }

    /// Number of distinct blocking keys (for the summary).
    pub fn key_count(&self) -> usize {
        self.keys.len() + self.dates.len()
    }

    /// Vocabulary size.
    pub fn vocab_len(&self) -> usize {
        self.vocab.len()
    }

    /// Vocabulary tokens that are two other vocabulary tokens written together, as
    /// `(whole, first, second)` (ABDULRAHMAN = ABDUL + RAHMAN; parts of two letters or
    /// more), sorted: a roll name holding the parts agrees with the whole, which token
    /// frequencies must know (`TokenFrequencies::finish`). Once per run, not per row.
    pub fn joined_tokens(&self) -> Vec<(u32, u32, u32)> {
        let mut out = Vec::new();
        for (t, &whole) in &self.vocab {
            for i in 2..t.len().saturating_sub(1) {
                let (a, b) = t.split_at(i);
                if let (Some(&first), Some(&second)) = (self.vocab.get(a), self.vocab.get(b)) {
                    if crate::normalize::name::joined_key(a, b).as_deref() == Some(&**t) {
                        out.push((whole, first, second));
                    }
                }
            }
        }
        // The map's order must not reach anything downstream.
        out.sort_unstable();
        out
    }

    /// The vocabulary id of a folded token.
    pub fn token_id(&self, token: &str) -> Option<u32> {
        self.vocab.get(token).copied()
    }

    /// Fill `probe.candidates` (sorted by id, each once) for `voter`.
    pub fn candidates(&self, voter: &Voter, probe: &mut Probe) {
        probe.found.clear();
        let found = &mut probe.found;
        if let Some(d) = voter.birth {
            let (sig, anagrams) = (voter.person.name.signature(), voter.person.name.anagrams());
            let swapped = d.day_month_swapped();
            for d in std::iter::once(d).chain(swapped) {
                if let Some((ids, sigs, grams)) =
                    self.dates.get_signed(key(TAG_DATE, d.to_yyyymmdd() as u64))
                {
                    found.extend(
                        ids.iter()
                            .zip(sigs)
                            .zip(grams)
                            .map(|((&id, &s), g)| Candidate {
                                id,
                                via: if names_may_match(sig, s) || shares_anagram(&anagrams, g) {
                                    via::DATE
                                } else {
                                    via::DATE_WEAK
                                },
                            }),
                    );
                }
            }
        }
        let mut add = |ids: Option<&[u32]>, via: u8| {
            if let Some(ids) = ids {
                found.extend(ids.iter().map(|&id| Candidate { id, via }));
            }
        };
        if let Some(nik) = &voter.person.nik {
            nik_probe_keys(nik.chars(), |k| add(self.keys.get(k), via::NIK));
        }
        self.token_candidates(voter, &mut add);
        if !voter.person.passport.is_empty() {
            add(
                self.keys
                    .get(key(TAG_PASSPORT, hash_str(&voter.person.passport))),
                via::PASSPORT,
            );
        }
        Self::merge(probe);
    }

    fn token_candidates(&self, voter: &Voter, add: &mut impl FnMut(Option<&[u32]>, u8)) {
        let year = voter.birth.map(|d| d.year() as u64);
        // Ids from `token_df.len()` on are joined forms, counted but never probed.
        let known = |t: &&u32| (**t as usize) < self.token_df.len();
        let mut seen = [u32::MAX; MAX_TOKENS];
        let mut n = 0;
        for &t in voter.tokens.iter().filter(known) {
            if seen[..n].contains(&t) {
                continue;
            }
            seen[n] = t;
            n += 1;
            self.probe_capped(
                key(TAG_TOKEN, t as u64),
                year.map(|y| key(TAG_TOKEN_YEAR, ((t as u64) << 16) | y)),
                add,
            );
        }
        let first = &seen[..n.min(PAIR_TOKENS)];
        for (i, &a) in first.iter().enumerate() {
            for &b in &first[i + 1..] {
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

    /// Probe `wide`; when it is too common, probe `narrow` (the same key + birth year).
    fn probe_capped(
        &self,
        wide: u64,
        narrow: Option<u64>,
        add: &mut impl FnMut(Option<&[u32]>, u8),
    ) {
        match self.keys.map.get(&wide) {
            None => {}
            Some(b) if b.start != u32::MAX => add(self.keys.get(wide), via::TOKEN),
            Some(_) => {
                if let Some(k) = narrow {
                    add(self.keys.get(k), via::TOKEN);
                }
            }
        }
    }

    /// Sort, merge duplicates, and drop birth-date-only candidates whose names share too
    /// few bigrams to be the same person.
    fn merge(probe: &mut Probe) {
        probe.found.sort_unstable_by_key(|c| c.id);
        probe.candidates.clear();
        for run in probe.found.chunk_by(|a, b| a.id == b.id) {
            let mut via = run.iter().fold(0, |v, c| v | c.via);
            if via == via::DATE_WEAK {
                continue; // birth date only, and the names are too far apart
            }
            if via & via::DATE_WEAK != 0 {
                via = (via & !via::DATE_WEAK) | via::DATE;
            }
            probe.candidates.push(Candidate { id: run[0].id, via });
        }
    }
}

/// Share of the smaller name's bigram bits the other name must hold: the same person in
/// every accepted form (reordered, split, dropped tokens, typos, old spellings) overlaps
/// 0.75-1.0; about 5% of unrelated synthetic roll pairs reach 0.6 (measured in name.rs tests).
pub const SIGNATURE_OVERLAP: f32 = 0.6;

/// The bigram-signature prefilter for birth-date candidates. Empty names (no signature)
/// pass, since the date and NIK may still decide.
pub fn names_may_match(a: u128, b: u128) -> bool {
    if a == 0 || b == 0 {
        return true;
    }
    (a & b).count_ones() >= 2
        && crate::normalize::name::signature_overlap(a, b) >= SIGNATURE_OVERLAP
}

/// The second chance of a birth-date candidate whose bigrams differ too much: a token of four
/// letters or more written with the same letters in both names. Two letters swapped in a short
/// name (SNATOSH / SANTOSH, MAIT SNIGH / AMIT SINGH) change half its bigrams but none of its
/// letters.
pub fn shares_anagram(a: &[u32; 4], b: &[u32; 4]) -> bool {
    a.iter().any(|&x| x != 0 && b.contains(&x))
}

/// Every key a foreigner is filed under.
fn foreign_keys(f: &Foreigner, mut emit: impl FnMut(u64)) {
    if let Some(nik) = &f.person.nik {
        nik_keys(nik.chars(), &mut emit);
    }
    if let Some(d) = f.birth {
        emit(key(TAG_DATE, d.to_yyyymmdd() as u64));
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
        if let Some(y) = year {
            emit(key(TAG_TOKEN_YEAR, ((t as u64) << 16) | y));
        }
    }
    // Every pair of a foreigner's tokens, so a voter's first tokens find any of them.
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
    if !f.person.passport.is_empty() {
        emit(key(TAG_PASSPORT, hash_str(&f.person.passport)));
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
    use crate::normalize::name::Name;

    fn person(name: &str, (y, m, d): (u16, u8, u8)) -> Person {
        Person {
            name: Name::parse(name),
            birth: BirthDate::new(y, m, d),
            ..Person::default()
        }
    }

    fn candidates(listed: &[(&str, (u16, u8, u8))], roll: (&str, (u16, u8, u8))) -> Vec<u32> {
        let foreigners = listed
            .iter()
            .map(|&(n, d)| Foreigner::new(person(n, d), 2029))
            .collect();
        let index = ForeignIndex::build(foreigners);
        let mut voter = Voter {
            person: person(roll.0, roll.1),
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
        assert_eq!(candidates(&listed, ("SNATOSH", d)), vec![0]);
        assert_eq!(candidates(&listed, ("MAIT SNIGH", d)), vec![2]);
        // Another birth date: no route finds it.
        assert!(candidates(&listed, ("SNATOSH", (1989, 1, 9))).is_empty());
    }

    #[test]
    fn joined_forms_are_counted_but_never_probed() {
        let index = ForeignIndex::build(vec![Foreigner::new(person("YU<<LI", (1981, 2, 3)), 2029)]);
        let yuli = index
            .token_id("YULI")
            .expect("the joined form is in the vocabulary");
        assert_eq!(index.foreigners[0].joined, vec![yuli]);
        assert!(yuli as usize >= index.token_df.len());
        // A roll YULI born another day is not a candidate through the joined form.
        let mut voter = Voter {
            person: person("YULI WAHYUNI", (1990, 5, 6)),
            ..Voter::default()
        };
        voter.prepare(&index, 2029);
        let mut probe = Probe::default();
        index.candidates(&voter, &mut probe);
        assert!(probe.candidates.is_empty());
    }
}
