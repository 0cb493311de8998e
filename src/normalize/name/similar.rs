//! Token-pair similarity: how two folded tokens agree, if at all.
//!
//! Takes two tokens (their letters plus what parsing worked out once: letter set, code,
//! alternative spelling, word-table flags, variant groups) and gives back a similarity and a
//! [`Kind`], or `None` when they do not match. Knows nothing about the rest of the names;
//! combining pairs into a name level is left to `align.rs`.
//!
//! A pair is *exact* (same folded form), *fuzzy* (Jaro-Winkler, or a last token cut short by
//! the MRZ), or *weak*: a different final vowel (MARIA/MARIO, DEWI/DEWA) or a suffix added
//! (KUMAR/KUMARI). Weak pairs often are different people (the ending marks sex, or it is
//! another name), sometimes a spelling variant (Javanese SUSILA/SUSILO).
//!
//! Three more kinds of fuzzy pair catch the same name written another way:
//! - *romanisation variants* (`roman.rs`): CHANG/ZHANG, LEE/RHEE, OMAR/UMAR, at
//!   [`VARIANT_SIM`], whatever their length;
//! - *alternative spellings* ([`alt_code`]): Japanese long vowels written out or not
//!   (KONDOU/KONDO, OHNO/ONO) and Indonesian `SY` for `SH` (SYAFIQ/SHAFIQ), at [`ALT_SIM`];
//! - *typos* ([`typo`]): one substitution, insertion, deletion or swap of adjacent letters in
//!   tokens of four letters or more, when Jaro-Winkler rejected the pair (DOBG/DONG,
//!   MAIT/AMIT, SNUNPENG/SHUNPENG). These are the weakest fuzzy pairs ([`Kind::Typo`]):
//!   a typo is indistinguishable by spelling from another name one letter away, so the rule
//!   stays out where that is the likelier reading: two-letter tokens, three-letter tokens
//!   unless exactly one of them is a known word (LIY/LIU and WOP/WOO are slips, at
//!   [`SHORT_TYPO_SIM`]; WEI/LEI and MIN/MING are whole syllables), two known words: Chinese,
//!   Korean or Vietnamese syllables or common given names (ZHANG/ZHENG, MING/MINH, LIAN/KIAN,
//!   ARIF/ARIS; `known.rs`), a changed vowel in a token of six letters or more
//!   (WIDODO/WIDADO; Jaro-Winkler accepts most real typos of that length), and everything the
//!   rules above already decide (a changed final vowel, an added suffix, `-N`/`-NG`).
//!
//! What the typo rule turns down but is still one letter apart is a *near* pair
//! ([`Kind::Near`]: WAN/WANG, CHU/CHUL, WEI/LEI, WO/WOP), the weakest kind. And since folding
//! can hide a slip (ANDREE folds to ANDRE, a prefix of ANDREW; CUEN/CHEN to CUEN/KHEN), the
//! typo and near rules are also tried on the tokens as written when folding changed one.
//!
//! Variants, typos and near pairs are *loose* pairs: `align.rs` counts them only when they
//! complete the alignment of two names (a near pair only as the one difference of otherwise
//! equal names), so they add recall without lifting look-alikes that differ in another token
//! too.
//!
//! Most pairs in screening are unrelated, so [`may_match`] rejects them on what parsing
//! stored (length, first letter, letter set) before any letter is looked at.

use rapidfuzz::distance::jaro_winkler;

use super::TokenInfo;
use super::fold::{CODE_LEN, MAX_TOKEN_LEN, is_vowel};
use super::words::{self, KNOWN};

/// Token pairs with Jaro-Winkler at or above this match fuzzily: SURYANI/SURIYANI 0.904,
/// KATERINE/CATERINE 0.917, ALEXANDER/ALEKSANDR 0.896 pass (see the `token_pairs_calibration` test).
const JW_MATCH: f64 = 0.88;
/// ... and this when the shorter token has at most `SHORT_LEN` letters, where one edit is a
/// large share of the name and many distinct names are one edit apart: MING/MNIG 0.925 and
/// YUSUF/YUSUP 0.92 pass, ZHANG/ZHENG 0.893, MINH/MING 0.883, HYUN/HYUK 0.883 do not.
const JW_MATCH_SHORT: f64 = 0.92;
const SHORT_LEN: usize = 5;
/// Shorter tokens only match exactly: two- and three-letter tokens (LI, WEI, MIN, SEO) are
/// whole syllables, and one letter more or less is another name (MIN/MING, HAN/HANA).
const MIN_FUZZY_LEN: usize = 4;
/// Similarity of a last token that is a prefix of the other (a truncated MRZ name).
const PREFIX_SIM: f32 = 0.9;
/// Similarity of two romanisation variants of one name (LEE/RHEE, CHANG/ZHANG): a strong
/// fuzzy match, below the exact ones, so a name differing only there is `FuzzyHigh`.
const VARIANT_SIM: f32 = 0.94;
/// Similarity of two spellings equal after [`alt_code`] (KONDOU/KONDO, SYAFIQ/SHAFIQ).
const ALT_SIM: f32 = 0.95;
/// Similarity of a one-letter typo (substitution, insertion, deletion) and of two adjacent
/// letters swapped, the likeliest typo. A name whose tokens all match, one of them by a typo,
/// is `FuzzyHigh` when the rest carries enough letters (WONG MEI YEE / WUNG MEI YEE 0.94) and
/// `FuzzyMid` otherwise (MOORE EMMA / JOORE EMMA 0.92); two typos make it `FuzzyMid`.
const TYPO_SIM: f32 = 0.86;
/// Similarity of a one-letter typo in a three-letter token (LIY/LIU, WOP/WOO): only where
/// one side is a known syllable or name and the other is not a known word at all, and
/// weaker than a long token's typo, since three letters leave less to recognise.
const SHORT_TYPO_SIM: f32 = 0.75;
/// Shortest token the typo rule pairs.
const MIN_TYPO_LEN: usize = 3;
/// Shortest token a near pair ([`near`]) may have.
const MIN_NEAR_LEN: usize = 2;
/// Similarity of a near pair: below every other kind of match.
const NEAR_SIM: f32 = 0.7;
const SWAP_SIM: f32 = 0.9;
/// A changed vowel in a token this long is left to Jaro-Winkler (WIDODO/WIDADO).
const TYPO_VOWEL_MAX_LEN: usize = 5;
/// A token extended by a suffix (KUMAR/KUMARI, TRAN/TRANH) is a weak match worth its share of
/// letters when that share is at least this; below it (WAHYUNI/WAHYUNINGSIH, ANDI/ANDIKA) it
/// is another name.
const EXTENSION_MIN_SHARE: f32 = 0.75;

/// How a token pair agrees, weakest first (the order used to pick pairs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    /// One letter apart, but turned down by every rule below (see [`near`]).
    Near,
    #[default]
    Weak,
    /// A one-letter typo (see [`typo`]).
    Typo,
    /// A romanisation variant or alternative spelling that no other rule matches.
    Variant,
    Fuzzy,
    Exact,
}

impl Kind {
    /// Variants, typos and near pairs count only when they complete an alignment
    /// (`align.rs`).
    pub(super) fn is_loose(self) -> bool {
        matches!(self, Kind::Near | Kind::Typo | Kind::Variant)
    }
}

/// One token: its letters and what parsing worked out about it ([`TokenInfo`]), and whether
/// it may be an MRZ-truncated last token.
#[derive(Clone, Copy, Default)]
pub(super) struct Tok<'t> {
    pub(super) b: &'t [u8],
    /// The token as written (`b` unless folding changed it).
    pub(super) raw: &'t [u8],
    pub(super) info: TokenInfo,
    pub(super) cut: bool,
}

impl<'t> Tok<'t> {
    /// A token worked out from its letters (for tests and joined pairs; parsed names keep
    /// all of this from parsing).
    pub(super) fn new(b: &'t [u8], cut: bool) -> Tok<'t> {
        let mask = b.iter().fold(0, |m, &c| m | 1 << (c & 31));
        let code = super::fold::code(b);
        let word = words::lookup(code);
        let info = TokenInfo {
            start: 0,
            end: b.len() as u16,
            mask,
            code,
            alt: alt_code(b, mask),
            first: b.first().copied().unwrap_or(0),
            flags: word.flags,
            roman: word.roman,
            raw_start: 0,
            raw_end: b.len() as u16,
            raw_mask: mask,
            refolded: false,
        };
        Tok {
            b,
            raw: b,
            info,
            cut,
        }
    }

    fn same(&self, other: &Tok) -> bool {
        let (x, y) = (&self.info, &other.info);
        x.code == y.code && (x.code != 0 || self.b == other.b)
    }
}

/// The two tokens are equal after [`alt_code`] on one side or both.
fn alt_equal(x: &TokenInfo, y: &TokenInfo) -> bool {
    (x.alt != 0 && (x.alt == y.code || x.alt == y.alt)) || (y.alt != 0 && y.alt == x.code)
}

/// A cheap necessary condition for [`pair_sim`] to find a match, from what parsing stored:
/// false for most pairs of unrelated tokens, without looking at their letters.
#[inline]
pub(super) fn may_match(x: &TokenInfo, y: &TokenInfo) -> bool {
    if x.code == y.code || words::related(x.roman, y.roman) || alt_equal(x, y) {
        return true; // the same token (or both too long for a code), or a variant
    }
    if x.len().min(y.len()) < MIN_FUZZY_LEN {
        // A typo off a known syllable, or at least a near pair.
        return (x.len().min(y.len()) >= MIN_NEAR_LEN && one_edit_possible(x, y))
            || raw_edit_possible(x, y);
    }
    // A prefix, a changed final vowel and Jaro-Winkler's prefix bonus all need the same first
    // letter; without it only plain Jaro or a typo can match.
    x.first == y.first
        || one_edit_possible(x, y)
        || jaro_bound_reaches_match(x.len(), y.len(), x.mask, y.mask)
        || raw_edit_possible(x, y)
}

/// Folding changed one token or both, and as written they may be one letter apart.
fn raw_edit_possible(x: &TokenInfo, y: &TokenInfo) -> bool {
    (x.refolded || y.refolded)
        && x.raw_len().min(y.raw_len()) >= MIN_NEAR_LEN
        && x.raw_len().abs_diff(y.raw_len()) <= 1
        && (x.raw_mask ^ y.raw_mask).count_ones() <= 2
}

/// Lengths and letter sets allow one edit: one letter more or less, and (a substitution
/// swaps one letter for another) at most two letters in only one of the sets.
fn one_edit_possible(x: &TokenInfo, y: &TokenInfo) -> bool {
    x.len().abs_diff(y.len()) <= 1 && (x.mask ^ y.mask).count_ones() <= 2
}

/// Similarity and kind of two folded tokens; `None` when they do not match.
pub(super) fn pair_sim(x: Tok, y: Tok) -> Option<(f32, Kind)> {
    if x.same(&y) {
        return Some((1.0, Kind::Exact));
    }
    let spelled = spelling_sim(&x, &y);
    let found = match (spelled, variant_sim(&x.info, &y.info)) {
        // A variant that is also a near spelling keeps the spelling's kind (not loose).
        (Some((sim, Kind::Fuzzy)), Some(v)) => Some((sim.max(v), Kind::Fuzzy)),
        (_, Some(v)) => Some((v, Kind::Variant)),
        (Some(m), None) => Some(m),
        (None, None) => typo(&x, &y)
            .map(|s| (s, Kind::Typo))
            .or_else(|| near(&x, &y).map(|s| (s, Kind::Near))),
    };
    // Folding can hide a slip (or make it look like a weak pair: ANDREE folds to ANDRE, a
    // prefix of ANDREW): what the written letters say counts when it is stronger.
    match (found, slip_as_written(&x, &y)) {
        (Some(f), Some(w)) if w.1 > f.1 => Some(w),
        (None, w) => w,
        (f, _) => f,
    }
}

/// A typo or near pair between the tokens as written, when folding hid it: ANDREE/ANDREW
/// fold to ANDRE/ANDREW (a dropped letter plus a changed one), JOESPH/JOSEPH to YUSF/YOSEF,
/// CUEN/CHEN to CUEN/KHEN, TEESA/TERESA to TESA/TERESA. The slip is judged by the same rules on
/// the written letters (whether the folded words are known still counts).
fn slip_as_written(x: &Tok, y: &Tok) -> Option<(f32, Kind)> {
    if !(x.info.refolded || y.info.refolded) || x.raw == y.raw {
        return None;
    }
    let (wx, wy) = (Tok { b: x.raw, ..*x }, Tok { b: y.raw, ..*y });
    typo_letters(&wx, &wy)
        .map(|s| (s, Kind::Typo))
        .or_else(|| near(&wx, &wy).map(|s| (s, Kind::Near)))
}

/// Two tokens one letter apart (one substitution, insertion, deletion or swap of adjacent
/// letters) that no rule above pairs: two known syllables or names (WAN/WANG, CHU/CHUL,
/// WEI/LEI), `-N`/`-NG`, a letter dropped from a three-letter token (WAG/WANG), a token of two
/// letters (WO/WOP, from LEE WOO SEUNG written LEE WOP SEUNG), a changed vowel in a long token
/// (WULLIAMS/WILLIAMS). By spelling alone that is another name as often as a slip, so
/// `align.rs` counts such a pair only as the single difference of two names that otherwise
/// agree token for token, and never above `FuzzyMid`: siblings (WANG WEI / WANG LEI) are told
/// apart by their birth dates, and a supervisor looks at the rest.
fn near(x: &Tok, y: &Tok) -> Option<f32> {
    (x.b.len().min(y.b.len()) >= MIN_NEAR_LEN && one_edit(x.b, y.b).is_some()).then_some(NEAR_SIM)
}

/// [`VARIANT_SIM`] for romanisation variants, [`ALT_SIM`] for alternative spellings.
fn variant_sim(x: &TokenInfo, y: &TokenInfo) -> Option<f32> {
    if words::related(x.roman, y.roman) {
        Some(VARIANT_SIM)
    } else if alt_equal(x, y) {
        Some(ALT_SIM)
    } else {
        None
    }
}

/// The spelling rules: an MRZ cut, an added suffix, a changed final vowel, Jaro-Winkler.
fn spelling_sim(x: &Tok, y: &Tok) -> Option<(f32, Kind)> {
    let (short, long) = if x.b.len() <= y.b.len() {
        (x, y)
    } else {
        (y, x)
    };
    if short.b.len() < MIN_FUZZY_LEN || is_n_ng(short.b, long.b) {
        return None;
    }
    if long.b.starts_with(short.b) {
        if short.cut {
            let jw = jaro_winkler_at_least(x.b, y.b, 0.0).unwrap_or(0.0);
            return Some((jw.max(PREFIX_SIM), Kind::Fuzzy));
        }
        let share = short.b.len() as f32 / long.b.len() as f32;
        return (share >= EXTENSION_MIN_SHARE).then_some((share, Kind::Weak));
    }
    if let Some(sim) = vowel_ending(x.b, y.b) {
        return Some((sim, Kind::Weak));
    }
    if quick_bound(*x, *y) < JW_MATCH {
        return None;
    }
    let cutoff = if short.b.len() <= SHORT_LEN {
        JW_MATCH_SHORT
    } else {
        JW_MATCH
    };
    if jaro_winkler_bound(*x, *y) < cutoff {
        return None;
    }
    jaro_winkler_at_least(x.b, y.b, cutoff).map(|s| (s, Kind::Fuzzy))
}

/// The similarity of `x` and `y` as a one-letter typo of each other, when the typo rule
/// applies (see the module notes for where it does not).
fn typo(x: &Tok, y: &Tok) -> Option<f32> {
    if !one_edit_possible(&x.info, &y.info) {
        return None;
    }
    typo_letters(x, y)
}

/// [`typo`] on the letters `x.b` and `y.b`, whatever the stored letter sets say.
fn typo_letters(x: &Tok, y: &Tok) -> Option<f32> {
    let (a, b) = (&x.info, &y.info);
    let (short, long) = if x.b.len() <= y.b.len() {
        (x.b, y.b)
    } else {
        (y.b, x.b)
    };
    if short.len() < MIN_TYPO_LEN || a.flags & b.flags & KNOWN != 0 || is_n_ng(short, long) {
        return None;
    }
    if short.len() < MIN_FUZZY_LEN {
        // Three letters: a whole syllable. One side must be a known word and the other not
        // (LIY/LIU is a slip of the finger; LIN/LIU are two surnames).
        if (a.flags ^ b.flags) & KNOWN == 0 {
            return None;
        }
        // Same length only: a letter added or dropped turns one syllable into another
        // (ZHO/ZHOU, HO/HOU) more often than it is a slip.
        return match one_edit(x.b, y.b)? {
            Edit::Substitute(..) | Edit::Swap => Some(SHORT_TYPO_SIM),
            Edit::Indel => None,
        };
    }
    match one_edit(x.b, y.b)? {
        Edit::Swap => Some(SWAP_SIM),
        Edit::Substitute(p, q) if is_vowel(p) && is_vowel(q) && x.b.len() > TYPO_VOWEL_MAX_LEN => {
            None
        }
        Edit::Substitute(..) | Edit::Indel => Some(TYPO_SIM),
    }
}

/// How two different tokens are one edit apart.
#[derive(Debug, PartialEq)]
enum Edit {
    /// One letter replaced (the two letters).
    Substitute(u8, u8),
    /// One letter inserted or deleted.
    Indel,
    /// Two adjacent letters swapped.
    Swap,
}

/// The edit between `x` and `y` when their optimal-string-alignment distance is exactly 1.
fn one_edit(x: &[u8], y: &[u8]) -> Option<Edit> {
    let (s, l) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    let i = s.iter().zip(l).take_while(|(p, q)| p == q).count();
    if s.len() + 1 == l.len() {
        return (s[i..] == l[i + 1..]).then_some(Edit::Indel);
    }
    if s.len() != l.len() || i == s.len() {
        return None;
    }
    if s[i + 1..] == l[i + 1..] {
        return Some(Edit::Substitute(s[i], l[i]));
    }
    let swapped = i + 1 < s.len() && s[i] == l[i + 1] && s[i + 1] == l[i];
    (swapped && s[i + 2..] == l[i + 2..]).then_some(Edit::Swap)
}

/// The code of `t` (folded letters, letter set `mask`) with Japanese long vowels shortened
/// (`OU` → `O` before a consonant or at the end, a leading `OH` → `O` before a consonant) and the
/// Indonesian `SY` written `SH`; 0 when nothing changes, the token is over twelve letters, or
/// the result is too short to be safe: shortening `OU` must leave four letters (HOU/HO,
/// ZHOU/ZHO stay apart: those are different Chinese names), the other rules three (OHNO/ONO).
pub(super) fn alt_code(t: &[u8], mask: u32) -> u64 {
    let bit = |c: u8| 1u32 << (c & 31);
    let long_vowel = mask & bit(b'O') != 0 && mask & (bit(b'U') | bit(b'H')) != 0;
    let sy = mask & bit(b'S') != 0 && mask & bit(b'Y') != 0;
    if !(long_vowel || sy) || t.len() > CODE_LEN {
        return 0;
    }
    let mut out = [0u8; CODE_LEN];
    let (mut n, mut shortened_ou, mut changed) = (0, false, false);
    for (i, &c) in t.iter().enumerate() {
        let prev = if i > 0 { t[i - 1] } else { 0 };
        let next_is_consonant = t.get(i + 1).is_none_or(|&d| !is_vowel(d));
        // `OH` only at the start (OHNO, OHTA, OHTANI): inside a word it is as often a
        // consonant of another name (ROHMAN is not ROMAN).
        let drop = prev == b'O'
            && ((c == b'U' && next_is_consonant)
                || (c == b'H' && i == 1 && i + 1 < t.len() && next_is_consonant));
        if drop {
            shortened_ou |= c == b'U';
            changed = true;
            continue;
        }
        let c = if c == b'Y' && prev == b'S' {
            changed = true;
            b'H'
        } else {
            c
        };
        out[n] = c;
        n += 1;
    }
    let min = if shortened_ou { 4 } else { 3 };
    if changed && n >= min {
        super::fold::code(&out[..n])
    } else {
        0
    }
}

/// An upper bound on the Jaro-Winkler similarity of `x` and `y` from lengths and letter sets
/// only (no loop over letters). A letter of one token that does not occur in the other cannot
/// be matched, and each such letter occurs at least once, so the matched characters `m` are
/// at most the length less the popcount of the letters the other lacks; the prefix bonus is
/// at most 4 letters, and 0 when the first letters differ.
fn quick_bound(x: Tok, y: Tok) -> f64 {
    let jaro = jaro_bound(x.b.len(), y.b.len(), x.info.mask, y.info.mask);
    let prefix = if x.b.first() == y.b.first() { 4.0 } else { 0.0 };
    jaro + prefix * 0.1 * (1.0 - jaro)
}

/// The Jaro part of [`quick_bound`].
fn jaro_bound(lx: usize, ly: usize, x_mask: u32, y_mask: u32) -> f64 {
    let m = most_common_letters(lx, ly, x_mask, y_mask);
    if m <= 0 {
        return 0.0;
    }
    let m = m as f64;
    (m / lx as f64 + m / ly as f64 + 1.0) / 3.0
}

/// The most letters two tokens can have in common (Jaro's matched characters): each length
/// less the letters of the token that the other lacks, the smaller of the two.
fn most_common_letters(lx: usize, ly: usize, x_mask: u32, y_mask: u32) -> i32 {
    let mx = lx as i32 - (x_mask & !y_mask).count_ones() as i32;
    let my = ly as i32 - (y_mask & !x_mask).count_ones() as i32;
    mx.min(my)
}

/// `jaro_bound(lx, ly, x_mask, y_mask) >= JW_MATCH`, without the divisions: the bound grows
/// with the letters the two tokens can have in common, so for each pair of lengths it is
/// reached from a least number of them, worked out once with the same arithmetic. (This
/// test runs for most pairs of unrelated tokens; the divisions were a tenth of comparing
/// two names.)
fn jaro_bound_reaches_match(lx: usize, ly: usize, x_mask: u32, y_mask: u32) -> bool {
    if lx >= BOUND_LENS || ly >= BOUND_LENS {
        return jaro_bound(lx, ly, x_mask, y_mask) >= JW_MATCH;
    }
    let m = most_common_letters(lx, ly, x_mask, y_mask);
    m > 0 && m >= FEWEST_COMMON_FOR_MATCH[lx][ly] as i32
}

/// Token lengths covered by [`FEWEST_COMMON_FOR_MATCH`] (longer ones compute the bound).
const BOUND_LENS: usize = MAX_TOKEN_LEN + 1;

/// `[lx][ly]`: the least `m` in `1..=min(lx, ly)` with `(m / lx + m / ly + 1) / 3 >= JW_MATCH`
/// as [`jaro_bound`] computes it, or `u8::MAX` when none reaches it.
const FEWEST_COMMON_FOR_MATCH: [[u8; BOUND_LENS]; BOUND_LENS] = {
    let mut t = [[u8::MAX; BOUND_LENS]; BOUND_LENS];
    let mut lx = 1;
    while lx < BOUND_LENS {
        let mut ly = 1;
        while ly < BOUND_LENS {
            let mut m = 1;
            let most = if lx < ly { lx } else { ly };
            while m <= most {
                let (mf, xf, yf) = (m as f64, lx as f64, ly as f64);
                if (mf / xf + mf / yf + 1.0) / 3.0 >= JW_MATCH {
                    t[lx][ly] = m as u8;
                    break;
                }
                m += 1;
            }
            ly += 1;
        }
        lx += 1;
    }
    t
};

/// A cheap upper bound on the Jaro-Winkler similarity of `x` and `y`, so the real one is only
/// computed for pairs that could match. Jaro's matched characters `m` are at most the letters
/// of either token that occur anywhere in the other; with no transpositions and the longest
/// prefix bonus that gives the bound.
fn jaro_winkler_bound(x: Tok, y: Tok) -> f64 {
    let count_in = |t: &[u8], m: u32| t.iter().map(|&c| (m >> (c & 31)) & 1).sum::<u32>();
    let m = count_in(x.b, y.info.mask).min(count_in(y.b, x.info.mask)) as f64;
    if m == 0.0 {
        return 0.0;
    }
    let jaro = (m / x.b.len() as f64 + m / y.b.len() as f64 + 1.0) / 3.0;
    let prefix =
        x.b.iter()
            .zip(y.b)
            .take(4)
            .take_while(|(a, b)| a == b)
            .count() as f64;
    jaro + prefix * 0.1 * (1.0 - jaro)
}

/// Pinyin (and Korean, Vietnamese) `-N` and `-NG` are different syllables: ZHAN/ZHANG,
/// CHEN/CHENG, HUAN/HUANG are different names, whatever Jaro-Winkler says (0.96).
fn is_n_ng(short: &[u8], long: &[u8]) -> bool {
    long.len() == short.len() + 1
        && long.ends_with(b"G")
        && short.ends_with(b"N")
        && long.starts_with(short)
}

/// Same letters but a different final vowel (MARIA/MARIO, DEWI/DEWA, SUSILA/SUSILO): a weak
/// match worth the share of letters that agree, `(n-1)/n`, instead of Jaro-Winkler's 0.92.
fn vowel_ending(x: &[u8], y: &[u8]) -> Option<f32> {
    let n = x.len();
    let vowels = n == y.len() && n >= 2 && is_vowel(x[n - 1]) && is_vowel(y[n - 1]);
    (vowels && x[..n - 1] == y[..n - 1]).then(|| (n - 1) as f32 / n as f32)
}

/// Jaro-Winkler of two short ASCII tokens when at least `cutoff`.
///
/// rapidfuzz rather than strsim: for short ASCII tokens it keeps its bit vectors on the stack
/// and stops early below the cutoff, where strsim allocates its match flags on every call (see
/// the `bench_jaro_winkler` ignored test for the figures).
pub(super) fn jaro_winkler_at_least(x: &[u8], y: &[u8], cutoff: f64) -> Option<f32> {
    let args = jaro_winkler::Args::default().score_cutoff(cutoff);
    jaro_winkler::similarity_with_args(x.iter().copied(), y.iter().copied(), &args)
        .map(|s| s as f32)
}

#[cfg(test)]
mod tests {
    use super::super::fold;
    use super::*;
    use proptest::prelude::*;

    /// Every length pair and count of common letters: the table's least count is where the
    /// bound, computed at run time, first reaches `JW_MATCH`.
    #[test]
    fn fewest_common_letters_table_matches_the_arithmetic() {
        for (lx, row) in FEWEST_COMMON_FOR_MATCH.iter().enumerate().skip(1) {
            for (ly, &fewest) in row.iter().enumerate().skip(1) {
                for m in 1..=lx.min(ly) {
                    let (mf, xf, yf) = (m as f64, lx as f64, ly as f64);
                    let reaches = (mf / xf + mf / yf + 1.0) / 3.0 >= JW_MATCH;
                    let table = m >= fewest as usize;
                    assert_eq!(table, reaches, "lx {lx} ly {ly} m {m}");
                }
            }
        }
    }

    #[test]
    #[rustfmt::skip]
    fn token_pairs_calibration() {
        // (label, x, y, kind or None); x and y are folded first. One letter apart but another
        // name as often as a slip: `Near` (counted only as the one difference of otherwise equal
        // names, `align.rs`).
        let cases = [
            ("transposition", "MING", "MNIG", Some(Kind::Fuzzy)),
            ("inserted letter", "SURYANI", "SURIYANI", Some(Kind::Fuzzy)),
            ("first letter", "KATHERINE", "CATHERINE", Some(Kind::Fuzzy)),
            ("sundanese f/p", "YUSUF", "YUSUP", Some(Kind::Fuzzy)),
            ("kh/h", "RAHMAN", "RAKHMAN", Some(Kind::Fuzzy)),
            ("wei/wang", "WEI", "WANG", None),
            ("two letters, one added", "WO", "WOP", Some(Kind::Near)),
            ("two letters apart", "AN", "AM", Some(Kind::Near)),
            ("one letter is no token", "A", "AB", None),
            ("liu/lin", "LIU", "LIN", Some(Kind::Near)),
            ("zhang/zheng", "ZHANG", "ZHENG", Some(Kind::Near)),
            ("minh/ming", "MINH", "MING", Some(Kind::Near)),
            ("hyun/hyuk", "HYUN", "HYUK", Some(Kind::Near)),
            ("three letters", "MIN", "MING", Some(Kind::Near)),
            ("n/ng long", "HUAN", "HUANG", Some(Kind::Near)),
            ("chen/chan: 陈 in two romanisations", "CHEN", "CHAN", Some(Kind::Variant)),
            ("widodo/widado", "WIDODO", "WIDADO", Some(Kind::Near)),
            ("final vowel", "MARIA", "MARIO", Some(Kind::Weak)),
            ("suffix", "KUMAR", "KUMARI", Some(Kind::Weak)),
            ("long suffix", "WAHYUNI", "WAHYUNINGSIH", None),
            // Romanisation variants: only listed pairs, not transitive, any length.
            ("pinyin/wade-giles", "ZHANG", "CHANG", Some(Kind::Variant)),
            ("hokkien", "TAN", "CHEN", Some(Kind::Variant)),
            ("korean", "RHEE", "LEE", Some(Kind::Variant)),
            ("lin/lim 林", "LIN", "LIM", Some(Kind::Variant)),
            ("lim/im 임", "LIM", "IM", Some(Kind::Variant)),
            ("lin/im: not transitive", "LIN", "IM", None),
            ("huang/wu: not transitive over ng", "HUANG", "WU", None),
            ("arabic", "OMAR", "UMAR", Some(Kind::Variant)),
            ("variant and near spelling", "HUSSEIN", "HUSSAIN", Some(Kind::Fuzzy)),
            // Alternative spellings.
            ("japanese ou", "KONDOU", "KONDO", Some(Kind::Variant)),
            ("japanese oh", "OHNO", "ONO", Some(Kind::Variant)),
            ("korean sohn/son: the variant table", "SOHN", "SON", Some(Kind::Variant)),
            ("sy/sh", "SYAFIQ", "SHAFIQ", Some(Kind::Fuzzy)),
            ("zhou/zho: no alternative spelling, one letter apart", "ZHOU", "ZHO", Some(Kind::Near)),
            ("hou/ho: likewise", "HOU", "HO", Some(Kind::Near)),
            // Typos.
            ("keyboard typo", "DONG", "DOBG", Some(Kind::Typo)),
            ("vowel typo", "WONG", "WUNG", Some(Kind::Typo)),
            ("swap at the start", "AMIT", "MAIT", Some(Kind::Typo)),
            ("jaro-winkler misses", "SHUNPENG", "SNUNPENG", Some(Kind::Typo)),
            ("deleted first letter: jaro-winkler", "WEIJING", "EIJING", Some(Kind::Fuzzy)),
            ("substituted letter: jaro-winkler misses", "BINJIAN", "BJNJIAN", Some(Kind::Typo)),
            ("first letter", "MOORE", "JOORE", Some(Kind::Typo)),
            ("two syllables", "LIAN", "KIAN", Some(Kind::Near)),
            ("syllables ling/lang", "LING", "LANG", Some(Kind::Near)),
            ("given names arif/aris", "ARIF", "ARIS", Some(Kind::Near)),
            ("given names rina/rima", "RINA", "RIMA", Some(Kind::Near)),
            ("two edits", "CHEN", "CEHNG", None),
            ("n/ng is never a typo", "ZHAN", "ZHANG", Some(Kind::Near)),
            // Three letters: a typo only between a known word and a non-word.
            ("three letters: slip", "LIY", "LIU", Some(Kind::Typo)),
            ("three letters: slip in vietnamese", "VAH", "VAN", Some(Kind::Typo)),
            ("three letters: two surnames", "LIN", "LIU", Some(Kind::Near)),
            ("three letters: wei/lei", "WEI", "LEI", Some(Kind::Near)),
            ("three letters: chu/chul both known", "CHU", "CHUL", Some(Kind::Near)),
        ];
        for (label, x, y, want) in cases {
            let (x, y) = (fold::token(x.as_bytes()), fold::token(y.as_bytes()));
            let got = pair_sim(Tok::new(x.as_bytes(), false), Tok::new(y.as_bytes(), false)).map(|(_, k)| k);
            assert_eq!(got, want, "{label}");
        }
    }

    #[test]
    fn one_edit_kinds() {
        assert_eq!(
            one_edit(b"DONG", b"DOBG"),
            Some(Edit::Substitute(b'N', b'B'))
        );
        assert_eq!(one_edit(b"AMIT", b"MAIT"), Some(Edit::Swap));
        assert_eq!(one_edit(b"SINGH", b"SIGNH"), Some(Edit::Swap));
        assert_eq!(one_edit(b"EIJING", b"WEIJING"), Some(Edit::Indel));
        assert_eq!(one_edit(b"SHEHRI", b"SEHRI"), Some(Edit::Indel));
        assert_eq!(one_edit(b"ABCD", b"BADC"), None);
        assert_eq!(one_edit(b"ABCD", b"ABCD"), None);
        assert_eq!(one_edit(b"ABCD", b"ABCDEF"), None);
    }

    #[test]
    fn alternative_spellings() {
        let alt = |s: &str| {
            let t = Tok::new(s.as_bytes(), false);
            let mut out = Vec::new();
            super::super::fold::push_code(&mut out, t.info.alt);
            String::from_utf8(out).expect("ASCII")
        };
        assert_eq!(alt("KONDOU"), "KONDO");
        assert_eq!(alt("YOUSUKE"), "YOSUKE");
        assert_eq!(alt("OHNO"), "ONO");
        assert_eq!(alt("SYAFIK"), "SHAFIK");
        assert_eq!(alt("LOUIS"), "", "U before a vowel stays");
        assert_eq!(alt("ROHMAN"), "", "OH inside a word stays");
        assert_eq!(alt("ZHOU"), "", "too short");
        assert_eq!(alt("SUTRISNO"), "", "nothing to change");
    }

    /// rapidfuzz against strsim on short folded tokens (prints, asserts nothing):
    /// `cargo test --release --lib bench_jaro_winkler -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn bench_jaro_winkler() {
        use std::hint::black_box;
        use std::time::Instant;
        let toks: Vec<fold::Token> = super::super::align::tests::TOKENS
            .iter()
            .map(|t| fold::token(t.as_bytes()))
            .collect();
        let strs: Vec<&str> = toks
            .iter()
            .map(|t| std::str::from_utf8(t.as_bytes()).expect("ASCII"))
            .collect();
        let rounds = 2_000;
        let t = Instant::now();
        for _ in 0..rounds {
            for x in &toks {
                for y in &toks {
                    black_box(jaro_winkler_at_least(
                        black_box(x.as_bytes()),
                        black_box(y.as_bytes()),
                        JW_MATCH,
                    ));
                }
            }
        }
        let rf = t.elapsed().as_nanos() as f64 / (rounds * toks.len() * toks.len()) as f64;
        let t = Instant::now();
        for _ in 0..rounds {
            for x in &strs {
                for y in &strs {
                    black_box(strsim::jaro_winkler(black_box(x), black_box(y)) >= JW_MATCH);
                }
            }
        }
        let ss = t.elapsed().as_nanos() as f64 / (rounds * strs.len() * strs.len()) as f64;
        eprintln!("jaro-winkler per pair: rapidfuzz {rf:.1} ns, strsim {ss:.1} ns");
    }

    proptest! {
        #[test]
        fn jaro_winkler_bound_is_an_upper_bound(x in "[A-Z]{1,12}", y in "[A-Z]{1,12}") {
            let (x, y) = (x.as_bytes(), y.as_bytes());
            let jw = jaro_winkler::similarity(x.iter().copied(), y.iter().copied());
            prop_assert!(jaro_winkler_bound(Tok::new(x, false), Tok::new(y, false)) >= jw - 1e-9);
        }

        /// The table gives what the bound's arithmetic gives, for any lengths and letter sets.
        #[test]
        fn jaro_bound_table_is_the_bound(
            lx in 1usize..BOUND_LENS + 4,
            ly in 1usize..BOUND_LENS + 4,
            x_mask in any::<u32>(),
            y_mask in any::<u32>(),
        ) {
            prop_assert_eq!(
                jaro_bound_reaches_match(lx, ly, x_mask, y_mask),
                jaro_bound(lx, ly, x_mask, y_mask) >= JW_MATCH
            );
        }

        #[test]
        fn quick_bound_is_an_upper_bound(x in "[A-Z]{1,12}", y in "[A-Z]{1,12}") {
            let (x, y) = (Tok::new(x.as_bytes(), false), Tok::new(y.as_bytes(), false));
            let jw = jaro_winkler::similarity(x.b.iter().copied(), y.b.iter().copied());
            prop_assert!(quick_bound(x, y) >= jw - 1e-9);
        }
    }
}
