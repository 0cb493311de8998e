//! Alignment of two names' tokens, and the level and similarity that follow from it.
//!
//! Takes two parsed [`Name`]s and gives back a [`NameComparison`]. Knows nothing about token
//! frequency (MUHAMMAD counts like any other token here; `score` weighs it down) and nothing
//! about other fields.
//!
//! 1. Every token pair is scored (`similar.rs`), and so is every token against two adjacent
//!    tokens of the other name written together (XIAOMING / XIAO MING, ABDULRAHMAN / ABDUL
//!    RAHMAN). Only matching pairs become candidate edges; most pairs of unrelated names are
//!    rejected on their letter sets, and two names without a single edge are `Different` at
//!    once.
//! 2. Pairs are taken greedily, best first (exact, fuzzy, weak; then by similarity, then by
//!    letters covered), each token used at most once. Greedy is not always optimal, but with
//!    exact pairs first it is for every realistic name, and it needs no allocation.
//! 3. `similarity` is a soft token Dice: `Σ sim·(letters of the pair on both sides)` over the
//!    letters of both names. When exactly one name has unmatched tokens (a dropped middle name,
//!    a given name alone) the unmatched letters are left out of the denominator, so the value
//!    says how well the corresponding tokens agree and the level says that tokens were dropped.
//! 4. Levels:
//!    - `Exact`: same key. `Reordered`: every token of both matched exactly.
//!    - `Subset` / `SubsetSingle`: every token of one name matched exactly, the other name has
//!      more; `Single` when the fully matched name has one token.
//!    - Fuzzy bands on `similarity`: `FuzzyHigh` ≥ 0.93, `FuzzyMid` ≥ 0.85, `FuzzyLow` ≥ 0.75.
//!      A *complete* alignment (every token of both names matched, two or more on each side,
//!      no weak pair, no fuzzy match to joined tokens) is `FuzzyHigh` from 0.85: one name written twice with a slip or two
//!      (JOORE EMMA / MOORE EMMA, LIU DOBG CHEO / LIU DONG CHAO).
//!      With dropped tokens on one side the band is capped at `FuzzyMid` (`FuzzyLow` when the
//!      matched name has one token). The band is capped at `FuzzyLow` when *both* names have a
//!      token with no counterpart at all (siblings: LIU WEI / LIU MING, TAN SIOK LAN / TAN SIOK
//!      HWA; a different personal name is evidence against, not a typo), and when a weak pair
//!      was used (MARIA SANTOS / MARIO SANTOS).
//! 5. *Loose* pairs (romanisation variants, alternative spellings and typos: `Kind::Variant`,
//!    `Kind::Typo`) only count when they complete the alignment, every token of both names
//!    matched. With tokens left over the comparison is redone without them: a look-alike
//!    built from a variant or a one-letter change plus a missing or different token
//!    (MUHAMMAD SAID / ALSAQQAF MOHAMMED SAEED, MUHAMMAD INRAN / AHMED MUHAMMAD IMRAN, MARK
//!    CARTER / CARTER MARY LEE) is two disagreements at once, and gets no more than it got
//!    before these pairs were recognised.
//! 6. *Near* pairs (`Kind::Near`: one letter apart, but two known syllables, `-N`/`-NG`, or too
//!    short for the typo rule: WAN/WANG, CHU/CHUL, WO/WOP) count only as the single difference
//!    of two names of two or more tokens that agree exactly everywhere else, and make the
//!    level `FuzzyMid`, never better: WAN WEINING / WANG WEINING is a slip or a sibling, and
//!    only the other fields can tell (siblings differ in birth date). Anything else is redone
//!    without them.
//! 7. *Father's names.* Tokens after BIN or BINTI are the father's name. When the names agree
//!    there and on nothing of the person's own name but MUHAMMAD (ABDUL RAHMAN against MOHD
//!    HAFIZ BIN ABDUL RAHMAN, ALI against MAHER BIN ALI AL ATTAS), the level is at best
//!    `FuzzyLow`: a son or a brother, like the siblings of step 4.
//!
//! The work is done in one fixed orientation (the name with the smaller signature, then key,
//! first), so level and similarity are symmetric by construction.

use std::cell::RefCell;

use super::fold;
use super::similar::{Kind, Tok, may_match, pair_sim};
use super::{MAX_TOKENS, Name, NameComparison, NameLevel, TokenInfo};

/// Patronymic particles: the tokens after them are the father's name (Malay and Arab names,
/// DOMAIN §5.2). `A/L` and `A/P` are initials, not tokens, and cannot be seen here.
const FATHER_MARKS: [u64; 4] = [
    fold::code(b"BIN"),
    fold::code(b"BINTI"),
    fold::code(b"BT"),
    fold::code(b"BTE"),
];
/// MUHAMMAD, folded: a first name so common that agreeing on it says nothing about which
/// son of a father this is.
const MUHAMMAD: u64 = fold::code(b"MUHAMAD");

/// A name can only have been cut by the MRZ if it filled the field (39 characters in a
/// passport, 30 in a TD1 card); below this key length a prefix is an extension, not a cut.
const MRZ_CUT_MIN_KEY: usize = 24;
const HIGH: f32 = 0.93;
const MID: f32 = 0.85;
const LOW: f32 = 0.75;
/// Candidate pairs kept per comparison. Only matching pairs are kept, so real names have a
/// handful; more than this (many repeated tokens) are ignored, in a fixed order.
const MAX_EDGES: usize = 64;
/// rapidfuzz keeps strings up to 64 letters in one machine word (no allocation); longer joined
/// pairs are not compared.
const MAX_JW_LEN: usize = 64;

pub(super) fn compare(a: &Name, b: &Name) -> NameComparison {
    if a.is_empty() || b.is_empty() {
        return NameComparison {
            level: NameLevel::Different,
            similarity: 0.0,
            matched_b: 0,
            exact_b: 0,
            joined_b: 0,
        };
    }
    if a.key() == b.key() {
        let all = low_bits(b.len());
        return NameComparison {
            level: NameLevel::Exact,
            similarity: 1.0,
            matched_b: all,
            exact_b: all,
            joined_b: 0,
        };
    }
    // Any fixed order does; the signature (one integer) settles almost every pair without
    // comparing the keys' bytes.
    let b_first = (b.signature(), b.key()) < (a.signature(), a.key());
    let (x, y) = if b_first { (b, a) } else { (a, b) };
    let mut al = Alignment {
        x: Side::of(x),
        y: Side::of(y),
        num: 0.0,
        weak: false,
        loose: false,
        joined_fuzzy: false,
        near: 0,
        inexact: 0,
    };
    let found = EDGES.with_borrow_mut(|edges| {
        edges.clear();
        al.collect_edges(edges);
        al.take_greedily(edges);
        !edges.is_empty()
    });
    if !found {
        return NameComparison {
            level: NameLevel::Different,
            similarity: 0.0,
            matched_b: 0,
            exact_b: 0,
            joined_b: 0,
        };
    }
    let (level, similarity) = al.classify();
    let side_b = if b_first { &al.x } else { &al.y };
    NameComparison {
        level,
        similarity,
        matched_b: side_b.used,
        exact_b: side_b.exact,
        joined_b: side_b.joined,
    }
}

thread_local! {
    /// The candidate pairs of the current comparison (one buffer per thread: no allocation
    /// once warm, and no array to initialise on every call).
    static EDGES: RefCell<Vec<Edge>> = const { RefCell::new(Vec::new()) };
}

fn low_bits(n: usize) -> u32 {
    if n >= 32 { u32::MAX } else { (1u32 << n) - 1 }
}

/// One name's tokens and which of them the alignment used.
struct Side<'n> {
    name: &'n Name,
    n: usize,
    /// The last token may be an MRZ-truncated one (the name is long enough to have filled
    /// the MRZ field).
    may_be_cut: bool,
    letters: f32,
    used: u32,
    exact: u32,
    /// Tokens matched as one of two adjacent tokens written as one word on the other side.
    joined: u32,
}

impl<'n> Side<'n> {
    fn of(name: &'n Name) -> Side<'n> {
        let n = name.len().min(MAX_TOKENS);
        // The letters of every token, from the key's length (no read of the token table yet:
        // for a listed name that read is the first, and the one that waits for memory).
        let letters = name.letters() as f32;
        Side {
            name,
            n,
            may_be_cut: name.key().len() >= MRZ_CUT_MIN_KEY,
            letters,
            used: 0,
            exact: 0,
            joined: 0,
        }
    }

    fn tok(&self, i: usize) -> Tok<'n> {
        let t = self.name.toks[i];
        Tok {
            b: &self.name.key.as_bytes()[t.start as usize..t.end as usize],
            raw: &self.name.display.as_bytes()[t.raw_start as usize..t.raw_end as usize],
            info: t,
            cut: self.may_be_cut && i + 1 == self.n,
        }
    }

    fn full(&self) -> bool {
        self.used == low_bits(self.n)
    }

    /// The alignment agrees on this name's father's name (the tokens after BIN or BINTI)
    /// and on nothing of the person's own name but MUHAMMAD: MUHAMMAD ABU BAKAR against
    /// MUHAMMAD HAFIZ BIN ABU BAKAR is a son or a brother, not the same man.
    fn only_father_agrees(&self) -> bool {
        let toks = &self.name.toks[..self.n];
        let Some(k) = (1..self.n.saturating_sub(1)).find(|&i| FATHER_MARKS.contains(&toks[i].code))
        else {
            return false;
        };
        let own_agrees = (0..k).any(|i| self.used & (1 << i) != 0 && toks[i].code != MUHAMMAD);
        let father_agrees = (k + 1..self.n).any(|i| self.used & (1 << i) != 0);
        father_agrees && !own_agrees
    }

    fn used_letters(&self) -> f32 {
        (0..self.n)
            .filter(|&i| self.used & (1 << i) != 0)
            .map(|i| self.name.token(i).len() as f32)
            .sum()
    }
}

/// A candidate correspondence: tokens `x..x+x_n` of one name with `y..y+y_n` of the other.
#[derive(Clone, Copy)]
struct Edge {
    x: u8,
    x_n: u8,
    y: u8,
    y_n: u8,
    kind: Kind,
    sim: f32,
    /// Letters covered on both sides.
    letters: u16,
}

impl Edge {
    fn x_bits(&self) -> u32 {
        ((1u32 << self.x_n) - 1) << self.x
    }

    fn y_bits(&self) -> u32 {
        ((1u32 << self.y_n) - 1) << self.y
    }
}

struct Alignment<'n> {
    x: Side<'n>,
    y: Side<'n>,
    /// `Σ sim · letters` over the chosen edges.
    num: f32,
    /// A weak pair was chosen.
    weak: bool,
    /// A loose pair (variant or typo) was chosen.
    loose: bool,
    /// A token matched two joined tokens other than exactly (JUANFANG ~ JUAN LIAN).
    joined_fuzzy: bool,
    /// Near pairs chosen, and pairs chosen that are not exact (near ones included).
    near: u8,
    inexact: u8,
}

impl<'n> Alignment<'n> {
    /// Take the edges best first, each where both its sides are still free.
    /// (Loose edges only when they complete the alignment, a near pair only as the one
    /// difference of an otherwise exact one: steps 5 and 6 in the module notes.)
    fn take_greedily(&mut self, edges: &mut [Edge]) {
        edges.sort_unstable_by(|p, q| {
            (q.kind.cmp(&p.kind))
                .then(q.sim.total_cmp(&p.sim))
                .then(q.letters.cmp(&p.letters))
                .then((p.x, p.y, p.x_n, p.y_n).cmp(&(q.x, q.y, q.x_n, q.y_n)))
        });
        self.take_all(edges, |_| true);
        if self.near > 0 && !self.near_completes() {
            self.take_all(edges, |e| e.kind != Kind::Near);
        }
        if self.loose && !(self.x.full() && self.y.full()) {
            self.take_all(edges, |e| !e.kind.is_loose());
        }
    }

    /// Start over and take the edges `keep` accepts, in order.
    fn take_all(&mut self, edges: &[Edge], keep: impl Fn(&Edge) -> bool) {
        (self.x.used, self.x.exact, self.y.used, self.y.exact) = (0, 0, 0, 0);
        (self.x.joined, self.y.joined) = (0, 0);
        (self.num, self.weak, self.loose, self.joined_fuzzy) = (0.0, false, false, false);
        (self.near, self.inexact) = (0, 0);
        for e in edges.iter().filter(|e| keep(e)) {
            self.take(e);
        }
    }

    /// The near pair chosen is the one difference of two names of two or more tokens that
    /// otherwise agree exactly, token for token.
    fn near_completes(&self) -> bool {
        let (x, y) = (&self.x, &self.y);
        self.near == 1 && self.inexact == 1 && x.full() && y.full() && x.n >= 2 && y.n >= 2
    }

    /// Use edge `e` if both its sides are still free.
    fn take(&mut self, e: &Edge) {
        let (xb, yb) = (e.x_bits(), e.y_bits());
        if self.x.used & xb != 0 || self.y.used & yb != 0 {
            return;
        }
        self.x.used |= xb;
        self.y.used |= yb;
        if e.kind == Kind::Exact {
            self.x.exact |= xb;
            self.y.exact |= yb;
        }
        if e.x_n > 1 {
            self.x.joined |= xb;
        }
        if e.y_n > 1 {
            self.y.joined |= yb;
        }
        self.weak |= e.kind == Kind::Weak;
        self.near += (e.kind == Kind::Near) as u8;
        self.inexact += (e.kind != Kind::Exact) as u8;
        self.loose |= e.kind.is_loose();
        self.joined_fuzzy |= (e.x_n > 1 || e.y_n > 1) && e.kind != Kind::Exact;
        self.num += e.sim * e.letters as f32;
    }

    /// Append every matching pair to `out` (at most `MAX_EDGES`).
    fn collect_edges(&self, out: &mut Vec<Edge>) {
        let (x, y) = (&self.x, &self.y);
        let mut push = |e: Option<Edge>| {
            if let Some(e) = e.filter(|_| out.len() < MAX_EDGES) {
                out.push(e);
            }
        };
        let (xt, yt) = (&x.name.toks[..x.n], &y.name.toks[..y.n]);
        for (i, ti) in xt.iter().enumerate() {
            for (j, tj) in yt.iter().enumerate() {
                if may_match(ti, tj) {
                    let (a, b) = (x.tok(i), y.tok(j));
                    let letters = ti.len() + tj.len();
                    push(pair_sim(a, b).map(|m| edge(i, 1, j, 1, m, letters)));
                }
            }
        }
        for (i, ti) in xt.iter().enumerate() {
            for (j, pair) in yt.windows(2).enumerate() {
                if may_join(ti, pair) {
                    let letters = ti.len() + pair[0].len() + pair[1].len();
                    let m = joined_sim(x.tok(i), y.tok(j), y.tok(j + 1));
                    push(m.map(|m| edge(i, 1, j, 2, m, letters)));
                }
            }
        }
        for (j, tj) in yt.iter().enumerate() {
            for (i, pair) in xt.windows(2).enumerate() {
                if may_join(tj, pair) {
                    let letters = tj.len() + pair[0].len() + pair[1].len();
                    let m = joined_sim(y.tok(j), x.tok(i), x.tok(i + 1));
                    push(m.map(|m| edge(i, 2, j, 1, m, letters)));
                }
            }
        }
    }

    fn dice(&self, x_letters: f32, y_letters: f32) -> f32 {
        let den = x_letters + y_letters;
        if den <= 0.0 {
            0.0
        } else {
            (self.num / den).clamp(0.0, 1.0)
        }
    }

    /// The level and similarity (steps 4 to 7 in the module notes).
    fn classify(&self) -> (NameLevel, f32) {
        let (level, sim) = self.classify_tokens();
        if self.x.only_father_agrees() || self.y.only_father_agrees() {
            return (level.max(NameLevel::FuzzyLow), sim);
        }
        (level, sim)
    }

    fn classify_tokens(&self) -> (NameLevel, f32) {
        let (x, y) = (&self.x, &self.y);
        let all_exact = x.exact == x.used && y.exact == y.used;
        let best_fuzzy = if self.weak {
            NameLevel::FuzzyLow
        } else {
            NameLevel::FuzzyHigh
        };
        match (x.full(), y.full()) {
            (true, true) if all_exact => (NameLevel::Reordered, 1.0),
            // One token one letter off another name (step 6): at best FuzzyMid.
            (true, true) if self.near > 0 => (NameLevel::FuzzyMid, self.dice(x.letters, y.letters)),
            // Every token of both names accounted for, each at worst one slip or another
            // spelling away: that is one name written twice, whatever the slips cost in
            // letters (JOORE EMMA, LIU DOBG CHEO), unlike a look-alike with tokens left over.
            (true, true) => {
                let sim = self.dice(x.letters, y.letters);
                if !self.weak && !self.joined_fuzzy && x.n >= 2 && y.n >= 2 && sim >= MID {
                    (NameLevel::FuzzyHigh, sim)
                } else {
                    band(sim, best_fuzzy)
                }
            }
            (true, false) | (false, true) => {
                let (full, part) = if x.full() { (x, y) } else { (y, x) };
                let sim = self.dice(full.letters, part.used_letters());
                match (all_exact, full.n >= 2) {
                    (true, true) => (NameLevel::Subset, sim),
                    (true, false) => (NameLevel::SubsetSingle, sim),
                    (false, true) => band(sim, best_fuzzy.max(NameLevel::FuzzyMid)),
                    (false, false) => band(sim, NameLevel::FuzzyLow),
                }
            }
            (false, false) => band(self.dice(x.letters, y.letters), NameLevel::FuzzyLow),
        }
    }
}

fn edge(
    x: usize,
    x_n: usize,
    y: usize,
    y_n: usize,
    (sim, kind): (f32, Kind),
    letters: usize,
) -> Edge {
    // Indices are below MAX_TOKENS and letters below 3 * MAX_TOKEN_LEN, so the casts are exact.
    Edge {
        x: x as u8,
        x_n: x_n as u8,
        y: y as u8,
        y_n: y_n as u8,
        kind,
        sim,
        letters: letters as u16,
    }
}

/// The fuzzy band for `sim`, no better than `best`.
fn band(sim: f32, best: NameLevel) -> (NameLevel, f32) {
    let level = if sim >= HIGH {
        NameLevel::FuzzyHigh
    } else if sim >= MID {
        NameLevel::FuzzyMid
    } else if sim >= LOW {
        NameLevel::FuzzyLow
    } else {
        NameLevel::Different
    };
    (level.max(best), sim)
}

/// `single` may match the two tokens of `pair` written together: same first letter, and
/// lengths within two letters.
fn may_join(single: &TokenInfo, pair: &[TokenInfo]) -> bool {
    let pair_len = pair[0].len() + pair[1].len();
    let len = single.len();
    single.first == pair[0].first && len + 2 >= pair_len && len <= pair_len + 2
}

/// `single` against `first` and `second` written together (folded again at the junction),
/// once [`may_join`] said it could match.
fn joined_sim(single: Tok, first: Tok, second: Tok) -> Option<(f32, Kind)> {
    let len = single.b.len();
    let joined = fold::joined(first.b, second.b)?;
    let joined = joined.as_bytes();
    if joined.len() > MAX_JW_LEN || len > MAX_JW_LEN {
        return None;
    }
    pair_sim(single, Tok::new(joined, second.cut)).filter(|(_, k)| *k != Kind::Near)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use NameLevel::*;
    use proptest::prelude::*;

    /// (label, roll name, foreign name, level); every case is also checked the other way round.
    fn check(cases: &[(&str, &str, &str, NameLevel)]) {
        for &(label, a, b, want) in cases {
            let (a, b) = (Name::parse(a), Name::parse(b));
            let ab = compare(&a, &b);
            let ba = compare(&b, &a);
            assert_eq!(
                ab.level,
                want,
                "{label}: {} | {} ({})",
                a.key(),
                b.key(),
                ab.similarity
            );
            assert_eq!(
                (ba.level, ba.similarity),
                (ab.level, ab.similarity),
                "{label}: symmetric"
            );
        }
    }

    #[test]
    #[rustfmt::skip]
    fn exact_and_reordered() {
        check(&[
            ("mrz chinese", "ZHANG WEI MING", "ZHANG<<WEI<MING", Exact),
            ("titles and degrees", "Hj. SITI AMINAH, S.H.", "SITI AMINAH", Exact),
            ("old spelling", "DJOKO SOESILO", "JOKO SUSILO", Exact),
            ("muhammad abbreviation", "MOCH. RIZKI", "MUHAMMAD RIZKY", Exact),
            ("korean mrz", "KIM MIN JUN", "KIM<<MIN<JUN", Exact),
            ("japanese comma", "TANAKA HIROSHI", "TANAKA, HIROSHI", Exact),
            ("arab variants", "MOHAMMED AL FARSI", "MUHAMMAD AL FARSI", Exact),
            ("european accents", "JOSE MULLER", "JOSÉ MÜLLER", Exact),
            ("chinese given first", "WEI MING ZHANG", "ZHANG<<WEI<MING", Reordered),
            ("split syllables", "ZHANG XIAOMING", "ZHANG<<XIAO<MING", Reordered),
            ("abdul joined", "ABDULRAHMAN WAHID", "ABDUL RAHMAN WAHID", Reordered),
            ("japanese order", "HIROSHI TANAKA", "TANAKA<<HIROSHI", Reordered),
            ("indian", "SHARMA RAJESH KUMAR", "RAJESH KUMAR SHARMA", Reordered),
            ("vietnamese", "VAN AN NGUYEN", "NGUYEN<<VAN<AN", Reordered),
            ("korean joined given", "KIM MINJUN", "KIM<<MIN<JUN", Reordered),
            ("filipino", "JUAN DELA CRUZ", "DELA CRUZ, JUAN", Reordered),
            ("arabic article", "FATIMAH AZZAHRA", "FATIMA AZ ZAHRA", Reordered),
        ]);
    }

    #[test]
    #[rustfmt::skip]
    fn subsets() {
        check(&[
            ("given names only", "WEI MING", "ZHANG<<WEI<MING", Subset),
            ("dropped middles", "JOSE RIZAL", "JOSE PROTASIO RIZAL MERCADO", Subset),
            ("dropped last", "MUHAMMAD ALI", "MUHAMMAD ALI AKBAR", Subset),
            ("indian middle", "RAJESH SHARMA", "RAJESH KUMAR SHARMA", Subset),
            ("european second given", "ANNA SCHMIDT", "ANNA MARIA SCHMIDT", Subset),
            ("roll longer", "SITI NURHAYATI BINTI AHMAD", "SITI NURHAYATI", Subset),
            ("mononym", "SUTRISNO", "SUTRISNO<<WIJAYA", SubsetSingle),
            ("given name joined", "XIAOMING", "ZHANG XIAO MING", SubsetSingle),
            ("arab first name", "AHMED", "AHMED AL FARSI", SubsetSingle),
            ("japanese surname only", "TANAKA", "TANAKA<<HIROSHI", SubsetSingle),
        ]);
    }

    #[test]
    #[rustfmt::skip]
    fn fuzzy_bands() {
        check(&[
            ("transposition", "ZHANG WEI MNIG", "ZHANG<<WEI<MING", FuzzyHigh),
            ("inserted i", "SURIYANI WIJAYA", "SURYANI WIJAYA", FuzzyHigh),
            ("c/k", "CATHERINE MUELLER", "KATHERINE MUELLER", FuzzyHigh),
            ("x/ks", "ALEKSANDR PETROV", "ALEXANDER PETROV", FuzzyHigh),
            ("kh/h", "ABD RACHMAN", "ABDUL RAHMAN", FuzzyHigh),
            ("korean romanisation", "PARK JI SUNG", "PARK<<JI<SEUNG", FuzzyHigh),
            ("filipino typo", "MARIA CRISTINA SANTSO", "SANTOS, MARIA CRISTINA", FuzzyHigh),
            ("mrz truncation", "VENKATARAMAN SUBRAMANIAM KRISHNAMURTHY", "VENKATARAMAN<<SUBRAMANIAM<KRISHNAMURT", FuzzyHigh),
            ("two variants", "KATHERINE ALEXANDER", "CATHERINE ALEKSANDR", FuzzyHigh), // complete alignment
            ("given names with typo", "WEI MNIG", "ZHANG<<WEI<MING", FuzzyMid),
            ("final vowel", "MARIA SANTOS", "MARIO SANTOS", FuzzyLow),
            ("final vowel javanese", "BAMBANG SUSILA", "BAMBANG SUSILO", FuzzyLow),
            ("final vowel indonesian", "DEWI LESTARI", "DEWA LESTARI", FuzzyLow),
            ("suffix added", "RAJESH KUMAR", "RAJESH KUMARI", FuzzyLow),
            ("one token with typo", "MNIG", "ZHANG WEI MING", FuzzyLow),
            ("short prefix is no cut", "SUBRAMANIAM KRISHNAMURTHY", "SUBRAMANIAM<<KRISHNAMURT", FuzzyLow),
        ]);
    }

    #[test]
    #[rustfmt::skip]
    fn hard_negatives() {
        check(&[
            ("pinyin siblings", "LIU WEI", "LIU MING", Different),
            ("hokkien siblings", "TAN SIOK LAN", "TAN SIOK HWA", Different),
            ("muhammad siblings", "MUHAMMAD ALI", "MUHAMMAD ARIF", Different),
            
            ("korean siblings", "KIM MIN JUN", "KIM MIN SEO", Different),
            
            
            
            ("longer name", "SRI WAHYUNI", "SRI WAHYUNINGSIH", Different),
            ("prefix is not a cut", "ANDI", "ANDIKA PRATAMA", Different),
            ("unrelated", "BUDI SANTOSO", "JOHN SMITH", Different),
            ("japanese", "SUZUKI ICHIRO", "SATO TARO", Different),
            ("empty side", "H.", "JOHN SMITH", Different),
            ("shared long part", "MUHAMMAD ABDULRAHMAN ALI", "MUHAMMAD ABDULRAHMAN ARIF", FuzzyLow),
            ("two near pairs", "ZHANG WEI", "ZHENG LEI", Different),
            ("near pair and a token left over", "MARK CARTER", "CARTER MARY LEE", Different),
            ("near pair and a typo", "WAG ZHENU", "WANG ZHENLU", Different),
        ]);
    }

    #[test]
    #[rustfmt::skip]
    fn one_syllable_apart_is_fuzzy_mid_at_best() {
        // One token one letter off another name, everything else the same: a slip or a
        // sibling, told apart by the other fields; never FuzzyHigh (so never HIGH).
        check(&[
            ("n/ng slip", "WAN WEINING", "WANG, WEINING", FuzzyMid),
            ("two-letter token", "LEE WOP SEUNG", "LEE, WOO SEUNG", FuzzyMid),
            ("known syllables", "SONG CHU", "SONG, CHUL", FuzzyMid),
            ("wei/lei", "WANG WEI", "WANG LEI", FuzzyMid),
            ("n/ng", "ZHANG WEI", "ZHAN WEI", FuzzyMid),
            ("zhang/zheng", "ZHANG WEI", "ZHENG WEI", FuzzyMid),
            ("minh/ming", "NGUYEN THI MINH", "NGUYEN THI MING", FuzzyMid),
            ("vietnamese siblings", "NGUYEN VAN AN", "NGUYEN VAN ANH", FuzzyMid),
            ("changed vowel in a long token", "WULLIAMS MICHAEL", "WILLIAMS<<MICHAEL", FuzzyMid),
            ("dropped letter", "WAG HONGWEI", "WANG<<HONGWEI", FuzzyMid),
            // One token alone is not enough: LIN / LIU are two surnames.
            ("single tokens", "LIN", "LIU", Different),
        ]);
    }

    #[test]
    #[rustfmt::skip]
    fn slips_hidden_by_folding_are_found_as_written() {
        // Folding turns ANDREE into ANDRE (a prefix of ANDREW), JOESPH into YUSF, CHEN into
        // KHEN: as written each pair is one letter apart.
        check(&[
            ("ee/ew", "LEWIS ANDREE", "LEWIS, ANDREW", FuzzyHigh),
            ("ee/ere", "MARTINS DOMINGAS TEESA", "MARTINS, DOMINGAS TERESA", FuzzyHigh),
            ("oe swap and a dropped letter", "JOESPH TALOR", "JOSEPH TAYLOR", FuzzyHigh),
            ("ch/cu", "CUEN ZHAOQIANG", "CHEN, ZHAOQIANG", FuzzyHigh),
            ("ch/cj", "AHN CJANG", "AHN, CHANG", FuzzyHigh),
        ]);
    }

    #[test]
    fn joined_bits_mark_a_pair_matched_by_one_word() {
        let c = compare(&Name::parse("YULI WAHYUNI"), &Name::parse("YU<<LI"));
        assert_eq!((c.level, c.exact_b, c.joined_b), (Subset, 0b11, 0b11));
        let c = compare(&Name::parse("YU LI"), &Name::parse("YU<<LI"));
        assert_eq!(c.joined_b, 0);
    }

    #[test]
    #[rustfmt::skip]
    fn agreeing_on_the_fathers_name_only_is_kinship() {
        check(&[
            ("father's name alone", "ALI", "MAHER BIN ALI AL ATTAS", FuzzyLow),
            ("muhammad and the father's name", "MUHAMMAD ABU BAKAR", "MUHAMMAD HAFIZ BIN ABU BAKAR", FuzzyLow),
            ("father's two names", "ABDUL RAHMAN", "MOHD HAFIZ BIN ABDUL RAHMAN", FuzzyLow),
            ("binti", "IBRAHIM", "NUR AISYAH BINTI IBRAHIM", FuzzyLow),
            // The person's own name agrees: the father's name may be dropped or kept.
            ("own name, patronymic dropped", "MOHD HAFIZ", "MOHD HAFIZ BIN ISMAIL", Subset),
            ("own name and father's name", "HAFIZ ISMAIL", "MOHD HAFIZ BIN ISMAIL", Subset),
            ("no patronymic", "ABU BAKAR", "ABU BAKAR SIDDIQ", Subset),
        ]);
    }

    #[test]
    fn matched_and_exact_bits_are_for_b() {
        let c = |a: &str, b: &str| compare(&Name::parse(a), &Name::parse(b));
        let r = c("WEI MING", "ZHANG<<WEI<MING");
        assert_eq!((r.matched_b, r.exact_b), (0b110, 0b110));
        let r = c("ZHANG WEI MING", "WEI MING");
        assert_eq!((r.matched_b, r.exact_b), (0b11, 0b11));
        let r = c("ZHANG WEI MNIG", "ZHANG WEI MING");
        assert_eq!((r.matched_b, r.exact_b), (0b111, 0b011));
        let r = c("XIAOMING", "ZHANG XIAO MING");
        assert_eq!((r.matched_b, r.exact_b), (0b110, 0b110));
    }

    pub(in super::super) const TOKENS: &[&str] = &[
        "ZHANG",
        "ZHENG",
        "ZHAN",
        "WEI",
        "WANG",
        "MING",
        "MNIG",
        "XIAO",
        "XIAOMING",
        "LI",
        "LIU",
        "KIM",
        "MIN",
        "JUN",
        "MUHAMMAD",
        "M.",
        "ALI",
        "ARIF",
        "ABD",
        "ABDUL",
        "RAHMAN",
        "ABDULRAHMAN",
        "SITI",
        "MARIA",
        "MARIO",
        "KUMAR",
        "KUMARI",
        "NGUYEN",
        "VAN",
        "AN",
        "ANH",
        "SUTRISNO",
        "SURYANI",
        "SURIYANI",
        "KRISHNAMURTHY",
        "KRISHNAMURT",
        "TAN",
        "SIOK",
        "H.",
        "<<",
        "<",
    ];

    fn name() -> impl Strategy<Value = Name> {
        let words =
            prop::collection::vec(prop::sample::select(TOKENS), 1..7).prop_map(|w| w.join(" "));
        prop_oneof![words, "[A-Z ]{1,40}"].prop_map(|s| Name::parse(&s))
    }

    proptest! {
        #[test]
        fn compare_is_symmetric_and_in_range(a in name(), b in name()) {
            let (ab, ba) = (compare(&a, &b), compare(&b, &a));
            prop_assert_eq!((ab.level, ab.similarity), (ba.level, ba.similarity));
            prop_assert!((0.0..=1.0).contains(&ab.similarity));
            prop_assert_eq!(ab.exact_b & !ab.matched_b, 0);
            prop_assert_eq!(ab.matched_b & !low_bits(b.len()), 0);
        }

        #[test]
        fn a_name_is_exact_with_itself(a in name()) {
            let c = compare(&a, &a);
            if a.is_empty() {
                prop_assert_eq!((c.level, c.similarity), (Different, 0.0));
            } else {
                prop_assert_eq!((c.level, c.similarity), (Exact, 1.0));
            }
        }
    }
}
