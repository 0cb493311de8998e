//! Token folding: one name word to its comparison form.
//!
//! Takes one word of upper-case ASCII letters (already cleaned by the parser) and gives back its
//! folded comparison form, appended to the caller's buffer ([`fold_into`], the hot path) or in
//! a stack [`Token`]: old and new spellings, common transliteration variants and the usual
//! abbreviations of MUHAMMAD, AHMAD and ABDUL all land on one form. The fold only ever makes
//! two spellings *equal*; deciding that two different forms are *similar* is left to
//! `similar.rs` and `align.rs`. The tables of rule 15 (and the title, Balinese and degree
//! tables the parser needs) live in `words.rs`, looked up by the token's [`code`]. Nothing
//! here allocates.
//!
//! # Folding rules, applied in this order
//!
//! | # | rule | why | example |
//! |---|------|-----|---------|
//! | 1 | `OE` → `U` | Soewandi spelling (1947) | SOEHARTO = SUHARTO, BOEDI = BUDI |
//! | 2 | `DJ` → `J` | EYD (1972) | DJOKO = JOKO |
//! | 3 | `TJ` → `C` | EYD | TJAHJONO = CAHYONO |
//! | 4 | (`SJ` → `SY`, `NJ` → `NY`) | EYD; implied by rule 10, which makes `J` and `Y` one letter | SJAHRIR = SYAHRIR, NJOMAN = NYOMAN |
//! | 5 | `CH` → `KH` | EYD | ACHMAD = AKHMAD |
//! | 6 | `PH` → `F` | transliteration | STEPHANUS = STEFANUS |
//! | 7 | `DZ` → `Z` | Arabic ذ | USTADZ = USTAZ |
//! | 8 | `TH` → `T` | transliteration | THERESIA = TERESIA |
//! | 9 | `DH` → `D` | Javanese/Sanskrit aspirate (an addition to DOMAIN §5.3) | WIDHI = WIDI, ADHI = ADI |
//! | 10 | `Q` → `K`, `V` → `F`, `Z` → `Y`, `J` → `Y` | old `J` = /y/, so `J` ≡ `Y`; Arabic `Z`/`J` join that class | JANTI = YANTI, QOMAR = KOMAR, ZAINAL ≈ JAINAL |
//! | 11 | doubled letters → one | free doubling | MUHAMMAD = MUHAMAD, ABDULLAH = ABDULAH |
//! | 12 | final `Y` after a consonant → `I` | I/Y spelling of a final /i/ | ANDY = ANDI, RIZKY = RIZKI, EDDY = EDI |
//! | 12b | final `H` after a vowel dropped, when three letters remain | Arabic tā' marbūṭa written or not | FATIMAH = FATIMA, SARAH = SARA, AISYAH = AISYA (OH, NOH stay) |
//! | 13 | repeat 1–12b until nothing changes | a rule can expose another (`TJH` → `CH` → `KH`); makes folding idempotent | |
//! | 14 | cut to [`MAX_TOKEN_LEN`] letters (then fold again) | garbage guard; keeps key offsets in `u16` | |
//! | 15 | variant table on the folded form (below) | abbreviations and variants of the most frequent names | MOCH = M = MUHAMMAD |
//!
//! Rules 1–12 run as one left-to-right pass (digraphs are matched on the letters read, the
//! first listed winning, and every letter is written already mapped by rule 10), so the order
//! above matters where it must: old-spelling digraphs are read before `J` becomes `Y`. The
//! pass reads the raw word and writes the output, so the usual single round is also the copy.
//!
//! The `J`/`Y` class is written `Y` (rule 10). Writing it `Y` rather than `J` keeps `DY`, `TY`
//! (DYAH, SETYAWAN) from turning into the old-spelling digraphs `DJ`, `TJ` on the next round.
//! Endings `-A`/`-O` are deliberately *not* folded (MARIA and MARIO are different people), nor are
//! `KH`/`H` (KHAN and HAN are different surnames). Chinese pinyin loses a little under rules 5 and
//! 10 (CHAN = KHAN, ZOU = YOU); the aligner never treats such a single token as strong evidence.
//!
//! Variant table (rule 15): MUHAMMAD, MUHAMAD, MUHAMMED, MUHAMED, MOHAMMAD, MOHAMAD, MOHAMMED,
//! MOHAMED, MOCHAMAD, MOCHAMMAD, MUCHAMMAD, MUCHAMAD, MOCH, MOH, MUH, MHD, MUHD, MOHD, MD and the
//! single letter `M` → MUHAMMAD (folded: `MUHAMAD`); ACHMAD, AKHMAD, AHMED, ACHMED → AHMAD;
//! ABD, ABDOEL → ABDUL (the table is `VARIANTS` in `words.rs`).

use super::words;

/// Folded tokens are cut to this many letters.
pub(crate) const MAX_TOKEN_LEN: usize = 48;
/// Raw words are cut to this many letters before folding (and joined pairs are built in a
/// buffer this big, which holds two full tokens).
pub(crate) const BUF_LEN: usize = 2 * MAX_TOKEN_LEN;
/// Tokens of at most this many letters have a [`code`]; every table word is this short.
pub(crate) const CODE_LEN: usize = 12;
/// The folded form of MUHAMMAD, which the single letter `M` stands for.
const MUHAMMAD: &[u8] = b"MUHAMAD";

/// A folded token (upper-case ASCII letters) on the stack.
#[derive(Clone, Copy)]
pub(crate) struct Token {
    buf: [u8; BUF_LEN],
    len: usize,
}

impl Token {
    fn from_raw(raw: &[u8]) -> Token {
        let len = raw.len().min(BUF_LEN);
        let mut buf = [0; BUF_LEN];
        buf[..len].copy_from_slice(&raw[..len]);
        Token { buf, len }
    }

    /// The folded letters.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// What folding one word gave: where it is in the output, its [`code`] and table flags.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Folded {
    pub(crate) code: u64,
    /// Where the folded letters start in the output buffer (below `u16::MAX`: the output
    /// holds one cleaned name), and how many there are.
    pub(crate) start: u16,
    pub(crate) len: u16,
    /// [`words::TITLE`] and the other flags of the word.
    pub(crate) flags: u8,
    /// The word's romanisation variant groups (see [`words::related`]).
    pub(crate) roman: u16,
}

impl Folded {
    pub(crate) fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// The letters of a token of at most [`CODE_LEN`] letters packed 5 bits each (`A` = 1 ..
/// `Z` = 26, first letter lowest), so table lookups and equality tests are one integer; 0 for
/// longer tokens (never in a table; they compare by their letters).
pub(crate) const fn code(letters: &[u8]) -> u64 {
    if letters.len() > CODE_LEN {
        return 0;
    }
    let (mut c, mut i) = (0u64, letters.len());
    while i > 0 {
        i -= 1;
        c = c << 5 | (letters[i] & 31) as u64;
    }
    c
}

/// The letters of a nonzero [`code`], appended to `out`.
pub(crate) fn push_code(out: &mut Vec<u8>, mut code: u64) {
    while code != 0 {
        out.push(b'@' + (code & 31) as u8);
        code >>= 5;
    }
}

/// Fold one raw word (rules 1–15) and append the result to `out` (the hot-path form: no
/// copy of a token buffer, one table lookup).
pub(crate) fn fold_into(raw: &[u8], out: &mut Vec<u8>) -> Folded {
    let start = out.len();
    if raw == b"M" {
        out.extend_from_slice(MUHAMMAD);
    } else {
        // The first round reads `raw` and writes the output (no separate copy); more rounds
        // are rare (`TJH`) and work on a copy.
        let raw = &raw[..raw.len().min(BUF_LEN)];
        let mut buf = [0u8; BUF_LEN];
        let (n, again) = apply_rules(raw, &mut buf);
        let n = if again || n > MAX_TOKEN_LEN {
            fold_general(&mut buf[..n.min(MAX_TOKEN_LEN)])
        } else {
            n
        };
        out.extend_from_slice(&buf[..n]);
    }
    let mut code = code(&out[start..]);
    let word = words::lookup(code);
    if word.canon != 0 && word.canon != code {
        code = word.canon;
        out.truncate(start);
        push_code(out, code);
    }
    Folded {
        code,
        start: start as u16,
        len: (out.len() - start) as u16,
        flags: word.flags,
        roman: word.roman,
    }
}

/// Raw words of up to this many letters are remembered by [`FoldCache`].
const CACHED_LEN: usize = 16;
/// Slots of a [`FoldCache`] (a power of two; about 200 KB per thread).
const CACHE_SLOTS: usize = 4096;

/// Words folded recently, by their raw letters: one direct-mapped table per worker. A roll's
/// names are made of a few thousand words (SITI, NUR, MUHAMMAD, WAYAN, SANTOSO…) that come
/// back far more often than whole names do, so most words are folded once per worker and
/// afterwards copied from the table. The table only remembers; it never changes a result.
pub(crate) struct FoldCache {
    slots: Vec<Cached>,
}

/// One remembered word and what [`fold_into`] gave for it.
#[derive(Clone, Copy, Default)]
struct Cached {
    /// The raw letters, zero-padded, and how many there are (0: an empty slot).
    raw: [u8; CACHED_LEN],
    raw_len: u8,
    /// The folded letters (`len` of them).
    out: [u8; CACHED_LEN],
    len: u8,
    flags: u8,
    roman: u16,
    code: u64,
}

impl FoldCache {
    pub(crate) const fn new() -> FoldCache {
        FoldCache { slots: Vec::new() }
    }

    /// Exactly [`fold_into`]`(raw, out)`, from the table when `raw` was folded before.
    pub(crate) fn fold_into(&mut self, raw: &[u8], out: &mut Vec<u8>) -> Folded {
        if raw.is_empty() || raw.len() > CACHED_LEN {
            return fold_into(raw, out);
        }
        if self.slots.is_empty() {
            self.slots = vec![Cached::default(); CACHE_SLOTS];
        }
        let mut key = [0u8; CACHED_LEN];
        key[..raw.len()].copy_from_slice(raw);
        let halves = [&key[..8], &key[8..]].map(|h| u64::from_le_bytes(h.try_into().expect("8")));
        let hash = (halves[0] ^ halves[1].rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let slot = &mut self.slots[(hash >> 52) as usize % CACHE_SLOTS];
        let start = out.len();
        if slot.raw_len as usize == raw.len() && slot.raw == key {
            out.extend_from_slice(&slot.out[..slot.len as usize]);
            return Folded {
                code: slot.code,
                start: start as u16,
                len: slot.len as u16,
                flags: slot.flags,
                roman: slot.roman,
            };
        }
        let folded = fold_into(raw, out);
        if folded.len as usize <= CACHED_LEN {
            let mut letters = [0u8; CACHED_LEN];
            letters[..folded.len as usize].copy_from_slice(&out[folded.range()]);
            *slot = Cached {
                raw: key,
                raw_len: raw.len() as u8,
                out: letters,
                len: folded.len as u8,
                flags: folded.flags,
                roman: folded.roman,
                code: folded.code,
            };
        }
        folded
    }
}

/// The full comparison form of one raw word (rules 1–15), on the stack.
pub(crate) fn token(raw: &[u8]) -> Token {
    let mut t = Token::from_raw(if raw == b"M" { MUHAMMAD } else { raw });
    t.len = fold_general(&mut t.buf[..t.len]);
    let word = words::lookup(code(t.as_bytes()));
    if word.canon != 0 {
        t.len = 0;
        let mut c = word.canon;
        while c != 0 {
            t.buf[t.len] = b'@' + (c & 31) as u8;
            t.len += 1;
            c >>= 5;
        }
    }
    t
}

/// The general fold (rules 1–14) of two folded tokens written together, for comparing
/// XIAO MING with XIAOMING; `None` when the pair is longer than a token buffer.
pub(crate) fn joined(first: &[u8], second: &[u8]) -> Option<Token> {
    let len = first.len() + second.len();
    if len > BUF_LEN {
        return None;
    }
    let mut t = Token::from_raw(first);
    t.buf[first.len()..len].copy_from_slice(second);
    t.len = fold_general(&mut t.buf[..len]);
    Some(t)
}

/// Rules 1–14 on `buf` (at most [`BUF_LEN`] letters) in place, repeated until nothing
/// changes; returns the new length.
pub(crate) fn fold_general(buf: &mut [u8]) -> usize {
    let mut len = buf.len().min(BUF_LEN);
    let mut tmp = [0u8; BUF_LEN];
    loop {
        tmp[..len].copy_from_slice(&buf[..len]);
        let (n, again) = apply_rules(&tmp[..len], buf);
        if !again && n <= MAX_TOKEN_LEN {
            return n;
        }
        len = n.min(MAX_TOKEN_LEN);
    }
}

/// Rule 10, indexed by `letter & 31`: Q → K, V → F, Z and J → Y, every other letter itself.
const MAP: [u8; 32] = {
    let mut m = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        m[i] = b'@' + i as u8;
        i += 1;
    }
    m[(b'Q' & 31) as usize] = b'K';
    m[(b'V' & 31) as usize] = b'F';
    m[(b'Z' & 31) as usize] = b'Y';
    m[(b'J' & 31) as usize] = b'Y';
    m
};

/// Letters that start a digraph of rules 1–9 (bit `letter & 31`).
const DIGRAPH_FIRST: u32 = bit(b'O') | bit(b'D') | bit(b'T') | bit(b'C') | bit(b'P');
/// Letters that make a digraph of rules 5, 6, 8 and 9 with a following `H`.
const H_DIGRAPH: u32 = bit(b'C') | bit(b'P') | bit(b'T') | bit(b'D');
/// Second letters of the digraphs of rules 1–9 that a round can write (`J` and `Z` are
/// written as `Y`, so only `E` and `H`).
const AGAIN_SECOND: u32 = bit(b'E') | bit(b'H');

const fn bit(c: u8) -> u32 {
    1 << (c & 31)
}

/// The digraph `c`,`next` of rules 1–9 as the (at most two) letters it becomes.
fn digraph(c: u8, next: u8) -> Option<[u8; 2]> {
    Some(match (c, next) {
        (b'O', b'E') => [b'U', 0],
        (b'D', b'J') | (b'D', b'Z') => [b'Y', 0],
        (b'T', b'J') => [b'C', 0],
        (b'C', b'H') => [b'K', b'H'],
        (b'P', b'H') => [b'F', 0],
        (b'T', b'H') => [b'T', 0],
        (b'D', b'H') => [b'D', 0],
        _ => return None,
    })
}

/// One round of rules 1–12b in a single left-to-right pass from `src` into `dst` (at least
/// as long); returns the length written and whether another round could change something. Digraphs are matched on the input,
/// letters are written already mapped (rule 10), and a letter equal to the last one written
/// is dropped (rule 11), so the output has no `J`, `Z`, `Q`, `V` and no doubles; another round
/// can only find a digraph that this one *wrote* (`TJH` → `CH`), which is what the flag
/// reports. The tests check this against the rules applied one pass at a time, in table order.
fn apply_rules(src: &[u8], dst: &mut [u8]) -> (usize, bool) {
    let n = src.len();
    let dst = &mut dst[..n];
    let (mut r, mut w) = (0, 0);
    let mut again = false;
    let mut prev = 0u8;
    while r < n {
        let c = src[r];
        r += 1;
        let mut o = MAP[(c & 31) as usize];
        if DIGRAPH_FIRST & bit(c) != 0 && r < n {
            if let Some([o1, o2]) = digraph(c, src[r]) {
                r += 1;
                o = o1;
                if o2 != 0 {
                    // CH → KH: write the K here, the H below.
                    if prev != o1 {
                        dst[w] = o1;
                        w += 1;
                    }
                    prev = o1;
                    o = o2;
                }
            }
        }
        if o != prev {
            // w < r here: every rule writes at most as many letters as it reads.
            dst[w] = o;
            w += 1;
            if AGAIN_SECOND & bit(o) != 0 {
                again |= (o == b'E' && prev == b'O') || (o == b'H' && H_DIGRAPH & bit(prev) != 0);
            }
            prev = o;
        }
    }
    // Changing or dropping the last letter creates no new digraph or double.
    let w = final_y(&mut dst[..w]);
    (final_h(&dst[..w]), again)
}

/// Rule 12 on `t`; returns its length (unchanged).
fn final_y(t: &mut [u8]) -> usize {
    let n = t.len();
    if n >= 2 && t[n - 1] == b'Y' && !is_vowel(t[n - 2]) && t[n - 2] != b'Y' {
        t[n - 1] = b'I';
    }
    n
}

/// Rule 12b on `t`; returns its new length.
fn final_h(t: &[u8]) -> usize {
    let n = t.len();
    if n >= 4 && t[n - 1] == b'H' && is_vowel(t[n - 2]) {
        n - 1
    } else {
        n
    }
}

pub(crate) fn is_vowel(c: u8) -> bool {
    matches!(c, b'A' | b'E' | b'I' | b'O' | b'U')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str) -> String {
        String::from_utf8(token(s.as_bytes()).as_bytes().to_vec()).expect("ASCII")
    }

    #[test]
    #[rustfmt::skip]
    fn spelling_pairs_fold_together() {
        let cases = [
            ("oe/u", "SOEHARTO", "SUHARTO"),
            ("oe/u budi", "BOEDI", "BUDI"),
            ("dj/j", "DJOKO", "JOKO"),
            ("tj/c + j/y", "TJAHJONO", "CAHYONO"),
            ("j/y", "JANTI", "YANTI"),
            ("nj/ny", "NJOMAN", "NYOMAN"),
            ("sj/sy", "SJAHRIR", "SYAHRIR"),
            ("ch/kh", "ACHMAD", "AKHMAD"),
            ("ph/f", "STEPHANUS", "STEFANUS"),
            ("q/k", "QOMARUDIN", "KOMARUDIN"),
            ("v/f", "VITRI", "FITRI"),
            ("dz/z", "USTADZ", "USTAZ"),
            ("z/j", "ZAINAL", "JAINAL"),
            ("th/t", "THERESIA", "TERESIA"),
            ("dh/d", "WIDHI", "WIDI"),
            ("double", "MUHAMMAD", "MUHAMAD"),
            ("double abdullah", "ABDULLAH", "ABDULAH"),
            ("final y", "ANDY", "ANDI"),
            ("final y rizky", "RIZKY", "RIZKI"),
            ("final y eddy", "EDDY", "EDI"),
            ("final h", "FATIMAH", "FATIMA"),
            ("final h aisyah", "AISYAH", "AISYA"),
            ("muhammad m", "M", "MUHAMMAD"),
            ("muhammad moch", "MOCH", "MUHAMMAD"),
            ("muhammad mochammad", "MOCHAMMAD", "MOHAMED"),
            ("muhammad mhd", "MHD", "MUH"),
            ("ahmad", "ACHMAD", "AHMAD"),
            ("ahmad akhmad", "AKHMAD", "AHMED"),
            ("abd", "ABD", "ABDUL"),
            ("abdoel", "ABDOEL", "ABDUL"),
        ];
        for (label, x, y) in cases {
            assert_eq!(fold(x), fold(y), "{label}: {x} vs {y}");
        }
    }

    #[test]
    #[rustfmt::skip]
    fn distinct_names_stay_distinct() {
        let cases = [
            ("-a/-o ending", "MARIA", "MARIO"),
            ("susila/susilo", "SUSILA", "SUSILO"),
            ("kh/h", "KHAN", "HAN"),
            ("final y after vowel", "RAY", "RAI"),
            ("dy stays", "DYAH", "YAH"),
            ("ty stays", "SETYAWAN", "SECAWAN"),
            ("n/ng", "WAN", "WANG"),
            ("short final h stays", "OH", "O"),
            ("final h after consonant stays", "SINGH", "SING"),
        ];
        for (label, x, y) in cases {
            assert_ne!(fold(x), fold(y), "{label}: {x} vs {y}");
        }
    }

    #[test]
    #[rustfmt::skip]
    fn exact_folded_forms() {
        let cases = [
            ("muhammad canonical", "MUHAMMAD", "MUHAMAD"),
            ("tjh exposes ch", "TJHIN", "KHIN"),
            ("jy written y", "JOKO", "YOKO"),
            ("all same letter", "AA", "A"),
            ("cut long", &"AB".repeat(40), &"AB".repeat(24)),
        ];
        for (label, raw, want) in cases {
            assert_eq!(fold(raw), want, "{label}");
        }
    }

    #[test]
    fn codes_round_trip() {
        for w in ["A", "MUHAMAD", "ZZZZZZZZZZZZ", "YHANG"] {
            let mut out = Vec::new();
            push_code(&mut out, code(w.as_bytes()));
            assert_eq!(out, w.as_bytes());
        }
        assert_eq!(code(b"ABCDEFGHIJKLM"), 0, "too long for a code");
    }

    #[test]
    fn joined_folds_the_junction() {
        let j = joined(b"AL", b"LAH").expect("short");
        assert_eq!(j.as_bytes(), token(b"ALLAH").as_bytes());
        let j = joined(b"XIAO", b"MING").expect("short");
        assert_eq!(j.as_bytes(), b"XIAOMING");
    }

    #[test]
    fn fused_pass_matches_the_rules_one_by_one_on_real_names() {
        let words = "SOEHARTO DJOKO TJAHJONO NJOMAN SJAHRIR ACHMAD STEPHANUS QOMARUDIN VITRI USTADZ \
            ZAINAL THERESIA WIDHI MUHAMMAD MOCHAMMAD ABDULLAH ANDY RIZKY EDDY FATIMAH AISYAH \
            TJHIN SOETJIPTO DJOEWITA TJOKORDA NJOTO SJAMSOEDIN CHAIRUL ZHANG XIAOMING CHENG \
            PHAM NGUYEN THANH DHARMA KHADIJAH MOEHAMMAD DZULKIFLI SETYAWAN DYAH YOHANES \
            JOSEPH MATTHEW HEATHER SCHWARZ WOJCIECH JAEHYUN SEUNGHOON KHRISNA PRADHANA";
        for w in words.split_whitespace() {
            let mut t = w.as_bytes().to_vec();
            let n = fold_general(&mut t);
            assert_eq!(&t[..n], &reference_fold(w.as_bytes())[..], "{w}");
        }
    }

    /// The rules one pass at a time, in table order. `apply_rules` fuses them into one
    /// left-to-right pass matching digraphs on the input letters; the two differ only on
    /// clusters no name has, where one rule's output would feed a later rule (`TDJ`: `TJ`→`C`
    /// here, `TI` fused).
    fn reference_fold(raw: &[u8]) -> Vec<u8> {
        let mut t = Token::from_raw(raw);
        loop {
            let mut changed = reference_round(&mut t);
            if t.len > MAX_TOKEN_LEN {
                t.len = MAX_TOKEN_LEN;
                changed = true;
            }
            if !changed {
                return t.as_bytes().to_vec();
            }
        }
    }

    fn reference_round(t: &mut Token) -> bool {
        let mut changed = false;
        changed |= replace_pair(t, *b"OE", b"U");
        changed |= replace_pair(t, *b"DJ", b"J");
        changed |= replace_pair(t, *b"TJ", b"C");
        changed |= replace_pair(t, *b"CH", b"KH");
        changed |= replace_pair(t, *b"PH", b"F");
        changed |= replace_pair(t, *b"DZ", b"Z");
        changed |= replace_pair(t, *b"TH", b"T");
        changed |= replace_pair(t, *b"DH", b"D");
        changed |= map_letters(t);
        changed |= collapse_doubles(t);
        let (n, last) = (t.len, t.as_bytes().last().copied());
        final_y(&mut t.buf[..n]);
        t.len = final_h(&t.buf[..n]);
        changed || t.len != n || t.as_bytes().last().copied() != last
    }

    /// Replace every non-overlapping `pair` (left to right) with `with` (at most two letters).
    fn replace_pair(t: &mut Token, pair: [u8; 2], with: &[u8]) -> bool {
        debug_assert!(with.len() <= 2);
        let (mut r, mut w, n) = (0, 0, t.len);
        let mut changed = false;
        while r < n {
            if r + 1 < n && t.buf[r] == pair[0] && t.buf[r + 1] == pair[1] {
                for &c in with {
                    t.buf[w] = c;
                    w += 1;
                }
                r += 2;
                changed = true;
            } else {
                t.buf[w] = t.buf[r];
                w += 1;
                r += 1;
            }
        }
        t.len = w;
        changed
    }

    /// Rule 10.
    fn map_letters(t: &mut Token) -> bool {
        let mut changed = false;
        for c in &mut t.buf[..t.len] {
            let to = match *c {
                b'Q' => b'K',
                b'V' => b'F',
                b'Z' | b'J' => b'Y',
                other => other,
            };
            changed |= to != *c;
            *c = to;
        }
        changed
    }

    /// Rule 11.
    fn collapse_doubles(t: &mut Token) -> bool {
        let n = t.len;
        if n < 2 {
            return false;
        }
        let mut w = 1;
        for r in 1..n {
            if t.buf[r] != t.buf[w - 1] {
                t.buf[w] = t.buf[r];
                w += 1;
            }
        }
        t.len = w;
        w != n
    }

    proptest::proptest! {
        /// The cache gives what folding gives, whether the word is new, remembered, or
        /// pushed out by another word in its slot.
        #[test]
        fn cached_folding_is_folding(words in proptest::collection::vec("[A-Z]{1,20}", 1..40)) {
            let mut cache = FoldCache::new();
            for w in words.iter().chain(&words).chain(words.iter().rev()) {
                let (mut want, mut got) = (vec![b'#'], vec![b'#']);
                let a = fold_into(w.as_bytes(), &mut want);
                let b = cache.fold_into(w.as_bytes(), &mut got);
                proptest::prop_assert_eq!(&want, &got, "{}", w);
                proptest::prop_assert_eq!(
                    (a.code, a.start, a.len, a.flags, a.roman),
                    (b.code, b.start, b.len, b.flags, b.roman)
                );
            }
        }

        #[test]
        fn folding_is_idempotent(raw in "[A-Z]{1,120}") {
            // A fold to one letter is an initial and never reaches a key (MM folds to M, while
            // a raw M means MUHAMMAD), so the property is about comparison tokens.
            let once = token(raw.as_bytes());
            let twice = token(once.as_bytes());
            if once.as_bytes().len() >= 2 {
                proptest::prop_assert_eq!(once.as_bytes(), twice.as_bytes());
            }
            proptest::prop_assert!(once.as_bytes().len() <= MAX_TOKEN_LEN);
        }
    }
}
