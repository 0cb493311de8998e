//! Names: fold a raw name into comparison tokens and compare two names token by token.
//!
//! Takes one raw name field from either side (a DPT `NAMA` cell, a foreign list's passport name,
//! an MRZ name field such as `ZHANG<<WEI<MING`) and gives back a [`Name`]: a cleaned `display`
//! form for people and a folded comparison `key` for machines, in which old and new spellings,
//! MUHAMMAD's many abbreviations and similar variants are one token. [`compare`] aligns the
//! tokens of two names (order-free, because passports and Dukcapil order surnames differently)
//! and says how they agree as a [`NameLevel`] plus a soft similarity. Left to others: weighting
//! tokens by how common they are and what a name agreement is worth next to the birth date and
//! the NIK (`score`), and which pairs to compare at all (`block`, which may prefilter with
//! [`Name::signature`] and [`signature_overlap`]).
//!
//! Parsing, in order (`Name::parse_from`; steps 1–3 live in `pieces.rs`):
//! 1. Clean: upper-case, ASCII-fold (`deunicode`, per character), drop digits and apostrophes
//!    without splitting (MA'RUF → MARUF); `<` (MRZ), spaces and other punctuation separate
//!    words, `.` separates pieces inside a word, `,` separates comma segments.
//! 2. Degrees: trailing comma segments made only of degree words are dropped (`, S.H., M.H.`);
//!    a remaining comma is the passport `SURNAME, GIVEN` form and is read in written order.
//!    Dotted degrees at the end without a comma (`BUDI S.E.`) are dropped too.
//! 3. Leading titles: a run of titles (`Prof. Dr. H.`), the Balinese male prefix `I` and the
//!    female `NI` (only before a Balinese name; NI is also a Chinese surname) are dropped.
//!    Initials inside the run stay in `display` and do not end the run.
//! 4. Tokens: every piece that folds to two or more letters (see `fold.rs` for the rules), and
//!    the single letter `M` (MUHAMMAD). Other single letters are initials: display only.
//!    Each piece is folded once; the title checks and the key read the folded pieces.
//! 5. Per token, what comparing needs later (the foreign side is parsed once and compared
//!    millions of times): letter set, packed code, first letter, the alternative spelling
//!    (`similar.rs`), and from the word table (`words.rs`) whether it is a known syllable or
//!    given name (`known.rs`) and its romanisation variant groups (`roman.rs`).
//!
//! MRZ needs no special case: `<` separates words and `<<` only adds an empty word, so the
//! primary identifier comes first (as written) and a lone primary identifier is a mononym.
//!
//! Comparing: `similar.rs` says how two tokens agree (exact, near spelling, romanisation
//! variant, alternative spelling, typo, or weak), `align.rs` pairs the tokens of two names and
//! turns the pairs into a level. The benchmark's case lists are checked by `cases.rs` (copied
//! pairs) and, when the lists are present, `eval.rs`; `perf.rs` is the callgrind workload.

mod align;
#[cfg(test)]
mod cases;
#[cfg(test)]
mod eval;
mod fold;
mod known;
#[cfg(test)]
mod perf;
mod pieces;
mod roman;
mod similar;
mod words;

use std::cell::RefCell;

use fold::{Folded, MAX_TOKEN_LEN};
use pieces::{Pieces, clean_into};

/// At most this many tokens are kept per name (the rest are ignored for comparison).
pub const MAX_TOKENS: usize = 16;

/// A normalised name.
///
/// `display` is the cleaned human form (upper-case ASCII, titles and degrees removed, MRZ `<`
/// and `SURNAME, GIVEN` resolved to `SURNAME GIVEN`); `key` holds the folded comparison tokens
/// in the same order, joined by single spaces.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Name {
    key: String,
    toks: Vec<TokenInfo>,
    display: String,
    /// Bigram bitset of the key, computed once per parse (see [`Name::signature`]).
    sig: u128,
    /// Index of the first given-name token when the name was written `SURNAME, GIVEN` or as
    /// an MRZ `SURNAME<<GIVEN`.
    given_from: Option<u8>,
    /// See [`Name::anagrams`].
    anagrams: [u32; 4],
}

/// What compare needs about one token, worked out once per parse.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct TokenInfo {
    /// The token is `key[start..end]`.
    start: u16,
    end: u16,
    /// Letter set (bit `c & 31`).
    mask: u32,
    /// [`fold::code`]: the letters packed into one integer (0 for tokens over 12 letters).
    code: u64,
    /// [`similar::alt_code`]: the code of the token with Japanese long vowels shortened and
    /// Indonesian `SY` written `SH`, or 0 when that changes nothing.
    alt: u64,
    /// The first letter.
    first: u8,
    /// `words::KNOWN` and the other word-table flags.
    flags: u8,
    /// Romanisation variant groups (`words::related`), 0 when none.
    roman: u16,
    /// The token as written (cleaned, not folded) is `display[raw_start..raw_end]`, and its
    /// letter set; `refolded` when folding changed it (JOESPH -> YUSF, ANDREE -> ANDRE): a
    /// slip next to a folded spelling is one letter off only as written.
    raw_start: u16,
    raw_end: u16,
    raw_mask: u32,
    refolded: bool,
}

impl TokenInfo {
    fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    fn raw_len(&self) -> usize {
        (self.raw_end - self.raw_start) as usize
    }
}

/// Working buffers of [`Name::parse_from`], one set per thread: a `Name` holds only its value
/// (the foreign list keeps hundreds of thousands), and a warm parse does not allocate.
struct Scratch {
    /// The cleaned input (ASCII) and its pieces.
    clean: String,
    pieces: Pieces,
    /// The folded letters of every piece, and where each piece's are.
    folded: Vec<u8>,
    folds: Vec<Folded>,
    /// The key, built as bytes.
    key: Vec<u8>,
    /// Words folded before by this thread.
    cache: fold::FoldCache,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = const {
        RefCell::new(Scratch {
            clean: String::new(),
            pieces: Pieces::new(),
            folded: Vec::new(),
            folds: Vec::new(),
            key: Vec::new(),
            cache: fold::FoldCache::new(),
        })
    };
}

impl Name {
    /// Parse a raw name into a new `Name` (sized to fit; use [`Name::parse_from`] in loops).
    pub fn parse(raw: &str) -> Name {
        let mut n = Name::default();
        n.parse_from(raw);
        n
    }

    /// Clear `self` and refill it from `raw`, reusing its allocations and this thread's
    /// working buffers (the hot-path form: once the buffers have grown to fit, this does not
    /// allocate).
    pub fn parse_from(&mut self, raw: &str) {
        SCRATCH.with_borrow_mut(|s| self.fill(raw, s));
    }

    fn fill(&mut self, raw: &str, s: &mut Scratch) {
        clean_into(raw, &mut s.clean);
        let clean = s.clean.as_bytes();
        s.pieces.split(clean);
        let end = s.pieces.degree_cut(clean);
        s.folded.clear();
        s.folds.clear();
        for i in 0..end {
            let f = s.cache.fold_into(s.pieces.letters(clean, i), &mut s.folded);
            s.folds.push(f);
        }
        let dropped = s.pieces.leading_titles(clean, end, &s.folds);
        self.emit(s, end, dropped);
    }

    /// True when no comparison token survived normalisation.
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The comparison key: folded tokens in original order, joined by single spaces.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Read the name's data held outside the value itself (its key and token table) and
    /// return something of it. A caller about to compare many names calls this on each first:
    /// the reads do not depend on each other, so their cache misses overlap.
    pub fn touch(&self) -> u64 {
        let first = self.key.as_bytes().first().copied().unwrap_or(0);
        // Every cache line of the token table (two tokens a line).
        let toks = self.toks.iter().step_by(2).fold(0, |acc, t| acc ^ t.code);
        first as u64 ^ toks
    }

    /// The cleaned display form.
    pub fn display(&self) -> &str {
        &self.display
    }

    /// Number of comparison tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Letters of the comparison tokens together: the key less the spaces between them.
    pub(crate) fn letters(&self) -> usize {
        self.key.len() + 1 - self.toks.len().max(1)
    }

    /// The `i`th folded comparison token.
    pub fn token(&self, i: usize) -> &str {
        let t = self.toks[i];
        &self.key[t.start as usize..t.end as usize]
    }

    /// The folded comparison tokens in order.
    pub fn tokens(&self) -> impl Iterator<Item = &str> + '_ {
        self.toks
            .iter()
            .map(|t| &self.key[t.start as usize..t.end as usize])
    }

    /// The folded comparison tokens in order, each with its letters packed into one integer
    /// (0 for a token over 12 letters): a vocabulary looks short tokens up by the integer.
    pub fn tokens_with_codes(&self) -> impl Iterator<Item = (&str, u64)> + '_ {
        self.toks
            .iter()
            .map(|t| (&self.key[t.start as usize..t.end as usize], t.code))
    }

    /// A 128-bit set of hashed character bigrams of the key (spaces removed), for a cheap
    /// "could these names be related at all" prefilter in blocking.
    ///
    /// Intended test: `(sa & sb).count_ones()` against `min(sa.count_ones(), sb.count_ones())`,
    /// i.e. [`signature_overlap`]. Using the smaller set makes a dropped middle name or a given
    /// name alone (the Subset levels) still overlap fully; spaces are removed so XIAO MING and
    /// XIAOMING have the same signature, and reordering only changes the bigrams across token
    /// boundaries. Measured (see `signature_overlap_of_related_forms`): the same person
    /// in the forms `compare` accepts (reordered, one typo, dropped middle name, MRZ cut,
    /// ALEKSANDR/ALEXANDER) overlaps 0.75–1.0; random pairs of synthetic roll names overlap
    /// ≥ 0.6 about 5% of the time and ≥ 0.7 about 2%. A blocking cut at 0.6 is suggested. A
    /// typical name sets only 8–14 of the 128 bits, so chance collisions are rare.
    ///
    /// A token with romanisation variants (`roman.rs`) also sets one bit per variant group,
    /// so LEE FAN / LI FAN and TAN YI / CHEN YI overlap 0.6 instead of 0.5.
    pub fn signature(&self) -> u128 {
        self.sig
    }

    /// Order-free hashes of the first four tokens of four letters or more, as written (0 for
    /// none), for blocking: two letters swapped (SNATOSH / SANTOSH) keep a token's hash, and
    /// a folded spelling does not hide it (JOESPH / JOSEPH).
    pub fn anagrams(&self) -> [u32; 4] {
        self.anagrams
    }

    /// The index of the first given-name token when the name was written `SURNAME, GIVEN` or
    /// `SURNAME<<GIVEN` (the tokens from there on are the given names), `None` when the name
    /// does not say which part is which.
    pub fn given_from(&self) -> Option<usize> {
        self.given_from.map(usize::from)
    }

    /// Fill `display`, `key`, the token data and the signature from the kept pieces before
    /// `end`.
    fn emit(&mut self, s: &mut Scratch, end: usize, dropped: u64) {
        self.given_from = None;
        self.anagrams = [0; 4];
        let mut grams = 0;
        self.toks.clear();
        self.display.clear();
        s.key.clear();
        // The signature runs over the key without spaces: `prev` carries across tokens.
        let (mut sig, mut prev) = ([0u64; 2], 0u8);
        for i in (0..end).filter(|&i| dropped & (1 << i) == 0) {
            let f = s.folds[i];
            let is_token = f.len >= 2;
            if is_token && self.toks.len() == MAX_TOKENS {
                break;
            }
            let raw = s.pieces.text(&s.clean, i);
            let raw = &raw[..raw.len().min(MAX_TOKEN_LEN)];
            let raw_start = self.display.len() + usize::from(!self.display.is_empty());
            push_word(&mut self.display, raw);
            if !is_token {
                continue;
            }
            if !s.key.is_empty() {
                s.key.push(b' ');
            }
            if self.given_from.is_none() && s.pieces.is_given(i) && !self.toks.is_empty() {
                // At most MAX_TOKENS.
                self.given_from = Some(self.toks.len() as u8);
            }
            let start = s.key.len();
            let tok = &s.folded[f.range()];
            s.key.extend_from_slice(tok);
            let mut mask = 0u32;
            for &c in tok {
                mask |= 1 << (c & 31);
                if prev != 0 {
                    let b = signature_bit(prev, c);
                    sig[b >> 6] |= 1 << (b & 63);
                }
                prev = c;
            }
            if f.roman != 0 {
                let g = words::roman_signature(f.roman);
                (sig[0], sig[1]) = (sig[0] | g as u64, sig[1] | (g >> 64) as u64);
            }
            if raw.len() >= 4 && grams < self.anagrams.len() {
                self.anagrams[grams] = anagram(raw.as_bytes());
                grams += 1;
            }
            let refolded = raw.as_bytes() != tok;
            let raw_mask = if refolded {
                raw.bytes().fold(0, |m, c| m | 1 << (c & 31))
            } else {
                mask
            };
            // Bounded by MAX_PIECES * (MAX_TOKEN_LEN + 1), far below u16::MAX.
            self.toks.push(TokenInfo {
                start: start as u16,
                end: s.key.len() as u16,
                mask,
                code: f.code,
                alt: similar::alt_code(tok, mask),
                first: tok[0],
                flags: f.flags,
                roman: f.roman,
                raw_start: raw_start as u16,
                raw_end: (raw_start + raw.len()) as u16,
                raw_mask,
                refolded,
            });
        }
        // Built as bytes and validated once: cheaper than pushing `char`s.
        self.key.clear();
        self.key
            .push_str(std::str::from_utf8(&s.key).expect("tokens are ASCII letters"));
        self.sig = (sig[1] as u128) << 64 | sig[0] as u128;
    }
}

/// An order-free hash of a word's letters (never 0): the sum of one random 32-bit value per
/// letter, so anagrams collide and little else does.
fn anagram(letters: &[u8]) -> u32 {
    const fn letter(c: usize) -> u32 {
        // splitmix64 of the letter index, top bits.
        let mut x = (c as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((x ^ (x >> 31)) >> 32) as u32
    }
    const LETTERS: [u32; 32] = {
        let mut t = [0; 32];
        let mut c = 0;
        while c < 32 {
            t[c] = letter(c);
            c += 1;
        }
        t
    };
    letters
        .iter()
        .fold(0u32, |h, &c| h.wrapping_add(LETTERS[(c & 31) as usize]))
        .max(1)
}

/// The packed letters of a folded token (as [`Name::tokens_with_codes`] gives them; 0 for a
/// token over 12 letters), for looking a token up by text where only the text is at hand.
pub fn token_code(token: &str) -> u64 {
    fold::code(token.as_bytes())
}

/// Two folded tokens written together and folded again at the junction, as comparing sees
/// XIAO MING against XIAOMING (`None` when too long for a token).
pub fn joined_key(first: &str, second: &str) -> Option<String> {
    let t = fold::joined(first.as_bytes(), second.as_bytes())?;
    Some(String::from_utf8_lossy(t.as_bytes()).into_owned())
}

/// How many bigram bits two signatures share, as a fraction of the smaller set (0..=1).
pub fn signature_overlap(sa: u128, sb: u128) -> f32 {
    let min = sa.count_ones().min(sb.count_ones());
    if min == 0 {
        return 0.0;
    }
    (sa & sb).count_ones() as f32 / min as f32
}

/// Append `word` to `out`, after a space unless `out` is empty.
fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

/// The signature bit (0..128) of the letter pair `prev`, `c`. Kept in two `u64` halves while
/// building: a 128-bit shift per letter costs more than the rest of the signature.
fn signature_bit(prev: u8, c: u8) -> usize {
    // Polynomial pair code, spread by a Fibonacci multiply; the top 7 bits pick the bit.
    let code = (prev as u32) * 31 + c as u32;
    (code.wrapping_mul(0x9E37_79B1) >> 25) as usize
}

/// How two names agree, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NameLevel {
    /// Same folded tokens in the same order.
    Exact,
    /// Same folded tokens in another order, or the same letters split differently
    /// (XIAOMING / XIAO MING).
    Reordered,
    /// Every token of the shorter name (at least two) is in the longer one; tokens dropped.
    Subset,
    /// The shorter name is a single token found in the longer one (given name only, mononym).
    SubsetSingle,
    /// Token-level Jaro-Winkler similarity bands.
    FuzzyHigh,
    FuzzyMid,
    FuzzyLow,
    /// Nothing above agrees.
    Different,
}

/// The result of comparing two names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NameComparison {
    pub level: NameLevel,
    /// Soft token similarity in 0..=1 (1 = same tokens).
    pub similarity: f32,
    /// Bit i set: token i of `b` matched a token of `a` (exactly or fuzzily).
    pub matched_b: u32,
    /// Bit i set: token i of `b` matched a token of `a` exactly on the folded key.
    pub exact_b: u32,
    /// Bits i and i + 1 set: tokens i and i + 1 of `b` matched one token of `a` written as one
    /// word (YU LI / YULI).
    pub joined_b: u32,
}

/// Compare two non-empty names (`a` from the roll, `b` from the foreign list).
///
/// Symmetric in `level` and `similarity`; `compare(x, x)` is `Exact` with similarity 1. An empty
/// name is `Different` from everything. See `align.rs` for the alignment and the level rules.
pub fn compare(a: &Name, b: &Name) -> NameComparison {
    align::compare(a, b)
}

#[cfg(test)]
mod tests;
