//! Pieces: the structure of one cleaned raw name, before any token is folded.
//!
//! Takes the raw name text, cleans it (`clean_into`) and cuts it into dot- and space-separated
//! pieces that remember their word and comma segment (`Pieces::split`). On those pieces it finds
//! where the name proper ends, after trailing degrees (`degree_cut`), and which leading pieces
//! are titles or Balinese prefixes (`leading_titles`). Emitting tokens and the display form is
//! left to `Name::parse_from`; folding a piece is left to `fold.rs` (the title checks read the
//! folded pieces the parser passes in). The cleaned text and the pieces go into buffers the
//! caller reuses, so a warm parse does not allocate.

use super::fold::{self, Folded};
use super::words::{self, BALINESE, TITLE};

const TUAN: u64 = fold::code(b"TUAN");
const GURU: u64 = fold::code(b"GURU");
const NI: u64 = fold::code(b"NI");

/// At most this many dot- or space-separated pieces of a raw name are looked at (a real name
/// with titles and degrees has well under 30); the rest of the input is ignored.
const MAX_PIECES: usize = 64;
/// At most this many bytes of cleaned input are looked at (a bound on work for junk input).
const MAX_CLEAN: usize = 4096;

/// Step 1: upper-case ASCII letters, `.`, `,` and separators into `out` (ASCII; every byte
/// that is not a letter, `.` or `,` separates words; digits and apostrophes are dropped).
pub(super) fn clean_into(raw: &str, out: &mut String) {
    out.clear();
    if raw.is_ascii() {
        // Copy and upper-case in bulk. Other separators can stay as they are: `split` treats
        // every byte that is not a letter, `.` or `,` as a space. Dropped characters (rare)
        // are removed after.
        out.push_str(&raw[..raw.len().min(MAX_CLEAN)]);
        out.make_ascii_uppercase();
        if out.bytes().any(|b| CLASS[b as usize] == DROP) {
            out.retain(|c| CLASS[c as usize] != DROP);
        }
        return;
    }
    for ch in raw.chars() {
        if out.len() >= MAX_CLEAN {
            break;
        }
        if ch.is_ascii() {
            push_class(out, ch as u8);
        } else if let Some(s) = deunicode::deunicode_char(ch) {
            s.bytes().for_each(|b| push_class(out, b));
        } else {
            out.push(' ');
        }
    }
}

fn push_class(out: &mut String, b: u8) {
    let c = CLASS[b as usize];
    if c != DROP {
        out.push(c as char);
    }
}

/// Marks a character that is dropped without separating (digits, apostrophes).
const DROP: u8 = 0;

/// Step 1 per byte: `A`–`Z`, `.`, `,` and `<` stay, `a`–`z` are upper-cased, digits and
/// apostrophes are [`DROP`]ped, everything else (and every non-ASCII byte) is a space.
const CLASS: [u8; 256] = {
    let mut t = [b' '; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = match b {
            // `<` is kept (a separator like any other, but `<<` marks the MRZ given names).
            b'A'..=b'Z' | b'.' | b',' | b'<' => b,
            b'a'..=b'z' => b.to_ascii_uppercase(),
            b'0'..=b'9' | b'\'' | b'`' => DROP,
            _ => b' ',
        };
        c += 1;
    }
    t
};

/// One dot- or space-separated run of letters in the cleaned input.
#[derive(Clone, Copy, Default)]
struct Piece {
    start: u16,
    end: u16,
    /// Index of the space-separated word the piece belongs to.
    word: u16,
    /// Number of commas before the piece.
    seg: u16,
    /// The piece's word has a dot between letters (`S.H.`, `Sp.OG`, but not `Lc.`).
    dotted: bool,
    /// The piece comes after a `SURNAME, GIVEN` comma or an MRZ `<<`: it is a given name.
    given: bool,
}

/// The pieces of one cleaned name, in a buffer the caller reuses.
pub(super) struct Pieces {
    items: Vec<Piece>,
}

impl Pieces {
    pub(super) const fn new() -> Pieces {
        Pieces { items: Vec::new() }
    }

    /// Cut `clean` into pieces, replacing the previous contents.
    pub(super) fn split(&mut self, clean: &[u8]) {
        self.items.clear();
        let (mut word, mut seg, mut given) = (0u16, 0u16, false);
        // The current word's first piece, whether it has a dot between letters, and whether
        // the last character was a dot right after a letter.
        let (mut word_first, mut dotted, mut after_dot) = (0, false, false);
        let n = clean.len();
        let mut i = 0;
        while i < n {
            let c = clean[i];
            if c.is_ascii_uppercase() {
                let start = i;
                while i < n && clean[i].is_ascii_uppercase() {
                    i += 1;
                }
                dotted |= after_dot;
                after_dot = false;
                if self.items.len() < MAX_PIECES {
                    // Both below MAX_CLEAN plus one character's expansion, far below u16::MAX.
                    self.items.push(Piece {
                        start: start as u16,
                        end: i as u16,
                        word,
                        seg,
                        dotted: false,
                        given,
                    });
                }
                continue;
            }
            if c == b'.' {
                after_dot = i > 0 && clean[i - 1].is_ascii_uppercase();
            } else {
                self.close_word(word_first, dotted, &mut word);
                (word_first, dotted, after_dot) = (self.items.len(), false, false);
                if c == b',' {
                    seg = seg.saturating_add(1);
                    given = true;
                } else if c == b'<' && clean.get(i + 1) == Some(&b'<') {
                    // The MRZ primary / secondary identifier split: given names follow.
                    given = true;
                }
            }
            i += 1;
        }
        self.close_word(word_first, dotted, &mut word);
    }

    /// End the word whose pieces start at `first`: mark them dotted if it had a dot between
    /// letters, and count it if it had any.
    fn close_word(&mut self, first: usize, dotted: bool, word: &mut u16) {
        if self.items.len() > first {
            self.items[first..]
                .iter_mut()
                .for_each(|p| p.dotted = dotted);
            *word += 1;
        }
    }

    /// Piece `i` follows a `SURNAME, GIVEN` comma or an MRZ `<<`.
    pub(super) fn is_given(&self, i: usize) -> bool {
        self.items[i].given
    }

    /// The letters of piece `i` as text.
    pub(super) fn text<'c>(&self, clean: &'c str, i: usize) -> &'c str {
        let p = self.items[i];
        &clean[p.start as usize..p.end as usize]
    }

    pub(super) fn letters<'c>(&self, clean: &'c [u8], i: usize) -> &'c [u8] {
        let p = self.items[i];
        &clean[p.start as usize..p.end as usize]
    }

    fn word_start(&self, i: usize) -> usize {
        let w = self.items[i].word;
        (0..i)
            .rev()
            .take_while(|&k| self.items[k].word == w)
            .last()
            .unwrap_or(i)
    }

    fn word_end(&self, i: usize) -> usize {
        let w = self.items[i].word;
        (i..self.items.len())
            .find(|&k| self.items[k].word != w)
            .unwrap_or(self.items.len())
    }

    /// The letters of pieces `lo..hi` written together, if they fit in `buf`.
    fn joined<'b>(
        &self,
        clean: &[u8],
        lo: usize,
        hi: usize,
        buf: &'b mut [u8; 16],
    ) -> Option<&'b [u8]> {
        let mut n = 0;
        for k in lo..hi {
            let l = self.letters(clean, k);
            buf.get_mut(n..n + l.len())?.copy_from_slice(l);
            n += l.len();
        }
        Some(&buf[..n])
    }

    /// Step 2: the end of the name proper, after dropping trailing degrees.
    pub(super) fn degree_cut(&self, clean: &[u8]) -> usize {
        let mut end = self.items.len();
        // Whole comma segments of degrees at the end: `SITI AMINAH, S.H., M.H.`.
        while end > 0 && self.items[end - 1].seg > 0 {
            let seg = self.items[end - 1].seg;
            let mut start = end;
            while start > 0 && self.items[start - 1].seg == seg {
                start -= 1;
            }
            if !self.all_degrees(clean, start, end) {
                break;
            }
            end = start;
        }
        // Dotted degrees without a comma: `BUDI SANTOSO S.E. M.M.` (keep at least one word).
        while end > 0 {
            let ws = self.word_start(end - 1);
            if ws == 0 || !self.items[ws].dotted || !self.is_degree(clean, ws, end, false) {
                break;
            }
            end = ws;
        }
        end
    }

    fn all_degrees(&self, clean: &[u8], lo: usize, hi: usize) -> bool {
        let mut w = lo;
        while w < hi {
            let we = self.word_end(w).min(hi);
            if !self.is_degree(clean, w, we, true) {
                return false;
            }
            w = we;
        }
        true
    }

    /// The word made of pieces `lo..hi` is a degree. After a comma any dotted word that starts
    /// like one counts (`S.Pd.I.`, `Sp.OG`); elsewhere only the degree table does.
    fn is_degree(&self, clean: &[u8], lo: usize, hi: usize, after_comma: bool) -> bool {
        let mut buf = [0; 16];
        if self
            .joined(clean, lo, hi, &mut buf)
            .is_some_and(words::is_degree)
        {
            return true;
        }
        after_comma && self.items[lo].dotted && words::is_degree_start(self.letters(clean, lo))
    }

    /// Step 3: the bit set of pieces dropped as leading titles and Balinese prefixes, given
    /// the folded form of every piece before `end`.
    pub(super) fn leading_titles(&self, clean: &[u8], end: usize, folds: &[Folded]) -> u64 {
        let mut dropped = 0u64;
        let mut i = 0;
        while i < end {
            let we = self.word_end(i).min(end);
            if self.word_start(i) == i && we - i >= 2 && self.is_title_word(clean, i, we) {
                dropped |= bits(i, we); // `H.C.`, `K.H.`
                i = we;
                continue;
            }
            let f = folds[i];
            if f.flags & TITLE != 0 || (f.len < 2 && self.letters(clean, i) == b"I") {
                dropped |= bits(i, i + 1);
            } else if f.len < 2 {
                // An initial: kept for display, does not end the run.
            } else if f.code == TUAN || f.code == NI {
                // Two-word forms: look at the next token (initials skipped).
                let Some(k) = (i + 1..end).find(|&k| folds[k].len >= 2) else {
                    break;
                };
                if f.code == TUAN && folds[k].code == GURU {
                    dropped |= bits(i, i + 1) | bits(k, k + 1);
                    i = k;
                } else if f.code == NI && folds[k].flags & BALINESE != 0 {
                    dropped |= bits(i, i + 1);
                } else {
                    break;
                }
            } else {
                break;
            }
            i += 1;
        }
        dropped
    }

    fn is_title_word(&self, clean: &[u8], lo: usize, hi: usize) -> bool {
        let mut buf = [0; 16];
        self.joined(clean, lo, hi, &mut buf).is_some_and(|l| {
            let t = fold::token(l);
            words::lookup(fold::code(t.as_bytes())).flags & TITLE != 0
        })
    }
}

/// Bits `lo..hi` (both < 64) set.
fn bits(lo: usize, hi: usize) -> u64 {
    (lo..hi).fold(0, |m, k| m | 1 << k)
}
