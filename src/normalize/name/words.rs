//! Word tables: titles, Balinese prefixes, degrees and abbreviations, keyed by folded form.
//!
//! Takes a folded token's [`code`](super::fold::code) and gives back what the parser and the
//! aligner need to know about that word in one lookup ([`lookup`]): its canonical form when it
//! is an abbreviation or variant of a frequent name (rule 15 in `fold.rs`), whether it is a
//! leading title or a Balinese name after the female prefix `NI`, whether it is a known
//! syllable or given name (`known.rs`), and its romanisation variant groups
//! (`roman.rs`, asked through [`related`]). Degrees are matched on raw letters instead
//! ([`is_degree`]), because folding would merge some of them with names. The tables are
//! built once, lazily; a lookup does not allocate.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::fold::{self, CODE_LEN};
use super::known;
use super::roman::{self, Groups, MAX_GROUPS, Sets};

/// What the tables know about one folded word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Word {
    /// Code of the word's canonical form (rule 15), or 0 when it has none.
    pub(crate) canon: u64,
    /// [`TITLE`], [`BALINESE`], [`KNOWN`]: of the canonical form when there is one.
    pub(crate) flags: u8,
    /// The word's romanisation variant groups, as an index for [`related`]; 0 when none.
    pub(crate) roman: u16,
}

/// A leading title (stripped as a run at the start of a name).
pub(crate) const TITLE: u8 = 1;
/// A Balinese name that marks a leading `NI` as the female prefix.
pub(crate) const BALINESE: u8 = 2;
/// A known word of at least four letters (`known.rs`): a Chinese, Korean or Vietnamese
/// syllable or a common given name.
pub(crate) const KNOWN: u8 = 4;

/// Variants of the most frequent name elements: (canonical, variants). Spelling variants the
/// general fold already merges (MUHAMMAD/MUHAMAD) are listed anyway, for the reader.
const VARIANTS: &[(&str, &[&str])] = &[
    (
        "MUHAMMAD",
        &[
            "MUHAMAD",
            "MUHAMMED",
            "MUHAMED",
            "MOHAMMAD",
            "MOHAMAD",
            "MOHAMMED",
            "MOHAMED",
            "MOCHAMAD",
            "MOCHAMMAD",
            "MUCHAMMAD",
            "MUCHAMAD",
            "MOCH",
            "MOH",
            "MUH",
            "MHD",
            "MUHD",
            "MOHD",
            "MD",
        ],
    ),
    ("AHMAD", &["ACHMAD", "AKHMAD", "AHMED", "ACHMED"]),
    ("ABDUL", &["ABD", "ABDOEL"]),
];

/// Leading titles, stripped as a run at the start of a name (matched on the folded form).
/// Religious and pilgrimage, academic and professional, honorifics seen on foreign lists, and
/// retired military/police ranks (DOMAIN §5.2). Left out on purpose: MAY, MAYOR and PRADA
/// (also given names or surnames), HAJAH/HAJJAH (fold to HAYA, an Arabic given name; `Hj.` is
/// the usual form), TEUKU/CUT/ANDI/RADEN and other noble titles (kept as
/// ordinary tokens; `score` down-weights frequent ones). `TUAN GURU` is a two-word title
/// handled by the parser; `TUAN` alone is a Vietnamese given name.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    // religious, pilgrimage
    "H", "HJ", "HAJI", "KH", "KYAI", "KIAI", "USTADZ", "USTAZ", "USTADZAH", "USTAZAH", "UST",
    "HABIB", "SYEKH", "SYAIKH", "TGH", "PDT", "PENDETA", "ROMO", "PASTOR",
    // academic, professional
    "PROF", "DR", "DRS", "DRA", "IR", "DRG", "HC",
    // honorifics on foreign lists
    "MR", "MRS", "MS", "MISS",
    // retired military and police ranks
    "PURN", "PURNAWIRAWAN", "JEND", "JENDERAL", "LETJEN", "MAYJEN", "BRIGJEN", "KOL", "KOLONEL",
    "LETKOL", "KAPT", "KAPTEN", "LETTU", "LETDA", "PELTU", "PELDA", "SERMA", "SERKA", "SERTU",
    "SERDA", "KOPKA", "KOPTU", "KOPDA", "PRAKA", "PRATU", "AKBP", "AKP", "IPTU", "IPDA", "AIPTU",
    "AIPDA", "BRIPKA", "BRIGPOL", "BRIPTU", "BRIPDA", "KOMPOL", "KOMBES", "IRJEN", "KOMJEN",
    "LAKSMA", "LAKSDA", "LAKSDYA", "MARSMA", "MARSDA", "MARSDYA",
];

/// Balinese names that mark a leading `NI` as the female prefix (not the Chinese surname NI).
const BALINESE_NAMES: &[&str] = &[
    "LUH", "MADE", "WAYAN", "PUTU", "KADEK", "NENGAH", "NYOMAN", "NJOMAN", "KOMANG", "KETUT",
    "GEDE", "GDE", "GUSTI", "DESAK", "AYU",
];

/// Degrees that are unambiguous even without dots (raw letters, sorted for binary search).
/// Left out on purpose: MA (Chinese surname; `M.A.` with dots still counts), BA (Vietnamese
/// middle name), SHI (Chinese name; `S.H.I.` with dots still counts).
const DEGREES: &[&str] = &[
    "AMA", "AMAPD", "AMD", "AMDKEB", "AMDKEP", "AMK", "AMKEB", "AMKEP", "APT", "BSC", "LC", "MAG",
    "MAP", "MBA", "MD", "MH", "MHUM", "MIKOM", "MKES", "MKM", "MKN", "MKOM", "MM", "MPD", "MPDI",
    "MPH", "MSC", "MSI", "MT", "NERS", "PHD", "SAG", "SAK", "SE", "SFARM", "SH", "SHUM", "SIKOM",
    "SIP", "SKED", "SKEP", "SKG", "SKH", "SKM", "SKOM", "SP", "SPA", "SPB", "SPD", "SPDI", "SPJP",
    "SPKK", "SPM", "SPOG", "SPPD", "SPSI", "SS", "SSI", "SSOS", "SSTP", "ST", "STH", "STP",
];

/// First pieces that make a dotted word after a comma a degree (S.x Sarjana, M.x Magister,
/// Sp.x Spesialis, A.x Ahli Madya, D.x Diploma, B.x Bachelor).
const DEGREE_STARTS: &[&str] = &["S", "M", "SP", "A", "D", "B"];

/// The word table: open addressing on codes (no code is 0, so 0 marks an empty slot), at
/// most half full, so a lookup is a multiply and one or two probes.
struct Tables {
    slots: Vec<(u64, Word)>,
    shift: u32,
    /// Codes of the raw letters of [`DEGREES`], sorted.
    degrees: Vec<u64>,
    roman: Sets,
}

impl Tables {
    fn build() -> Tables {
        let code_of = |s: &str| -> u64 {
            let mut b = s.as_bytes().to_vec();
            let n = fold::fold_general(&mut b);
            assert!(n <= CODE_LEN, "table word {s} is longer than a code");
            fold::code(&b[..n])
        };
        let mut words: FxHashMap<u64, Word> = FxHashMap::default();
        let mut flag = |list: &[&str], f: u8| {
            for s in list {
                words.entry(code_of(s)).or_default().flags |= f;
            }
        };
        flag(TITLES, TITLE);
        flag(BALINESE_NAMES, BALINESE);
        for s in known_list() {
            let mut b = s.into_bytes();
            let n = fold::fold_general(&mut b);
            if n >= 3 {
                words.entry(fold::code(&b[..n])).or_default().flags |= KNOWN;
            }
        }
        let roman = roman_groups(&code_of);
        for (i, (code, _)) in roman.iter().enumerate() {
            // Index 0 means "no groups"; below u16::MAX by the size of the table.
            words.entry(*code).or_default().roman = i as u16 + 1;
        }
        for (canon, forms) in VARIANTS {
            let c = code_of(canon);
            let w = words.get(&c).copied().unwrap_or_default();
            for key in std::iter::once(canon).chain(forms.iter()) {
                words.insert(code_of(key), Word { canon: c, ..w });
            }
        }
        let mut degrees: Vec<u64> = DEGREES.iter().map(|d| fold::code(d.as_bytes())).collect();
        degrees.sort_unstable();
        let mut sets = vec![Groups::default()];
        sets.extend(roman.into_iter().map(|(_, g)| g));
        let mut t = Tables {
            slots: Vec::new(),
            shift: 0,
            degrees,
            roman: Sets(sets),
        };
        t.fill(words);
        t
    }

    fn fill(&mut self, words: FxHashMap<u64, Word>) {
        let size = (2 * words.len()).next_power_of_two().max(16);
        self.shift = 64 - size.trailing_zeros();
        self.slots = vec![(0, Word::default()); size];
        // In code order, so the layout does not depend on hash-map iteration order.
        let mut sorted: Vec<(u64, Word)> = words.into_iter().collect();
        sorted.sort_unstable_by_key(|&(c, _)| c);
        for (code, word) in sorted {
            let mut i = self.slot(code);
            while self.slots[i].0 != 0 {
                i = (i + 1) & (size - 1);
            }
            self.slots[i] = (code, word);
        }
    }

    fn slot(&self, code: u64) -> usize {
        (code.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    fn get(&self, code: u64) -> Word {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(code);
        loop {
            let (c, w) = self.slots[i];
            if c == code {
                return w;
            }
            if c == 0 {
                return Word::default();
            }
            i = (i + 1) & mask;
        }
    }
}

/// Every word of `known.rs`, written out.
fn known_list() -> Vec<String> {
    let mut all: Vec<String> = known::PINYIN
        .iter()
        .flat_map(|(initial, finals)| finals.split(' ').map(move |f| format!("{initial}{f}")))
        .collect();
    let lists = [
        known::CHINESE,
        known::KOREAN,
        known::VIETNAMESE,
        known::GIVEN,
    ];
    all.extend(lists.iter().flat_map(|l| l.iter().map(|s| s.to_string())));
    all
}

/// The variant groups of every folded spelling in `roman.rs`, in code order.
fn roman_groups(code_of: &impl Fn(&str) -> u64) -> Vec<(u64, Groups)> {
    assert!(roman::GROUPS.len() <= MAX_GROUPS, "too many variant groups");
    let mut by_code: FxHashMap<u64, Groups> = FxHashMap::default();
    for (g, spellings) in roman::GROUPS.iter().enumerate() {
        for s in spellings.iter() {
            roman::insert(by_code.entry(code_of(s)).or_default(), g);
        }
    }
    let mut v: Vec<(u64, Groups)> = by_code.into_iter().collect();
    v.sort_unstable_by_key(|&(c, _)| c);
    v
}

/// Signature bits for the variant groups of a token with this `roman` number (nonzero).
pub(crate) fn roman_signature(roman: u16) -> u128 {
    tables().roman.signature(roman)
}

/// Two tokens with these `roman` numbers (from [`lookup`]) are listed together in a
/// romanisation variant group.
pub(crate) fn related(a: u16, b: u16) -> bool {
    a != 0 && b != 0 && a != b && tables().roman.related(a, b)
}

fn tables() -> &'static Tables {
    static TABLES: LazyLock<Tables> = LazyLock::new(Tables::build);
    &TABLES
}

/// What the tables know about the folded word with this code (nothing for code 0).
pub(crate) fn lookup(code: u64) -> Word {
    if code == 0 {
        return Word::default();
    }
    tables().get(code)
}

/// `letters` (raw, dots removed) spell a degree that needs no dots to be recognised.
pub(crate) fn is_degree(letters: &[u8]) -> bool {
    let code = fold::code(letters);
    code != 0 && tables().degrees.binary_search(&code).is_ok()
}

/// `first` (the first dot-separated piece of a dotted word) starts a degree.
pub(crate) fn is_degree_start(first: &[u8]) -> bool {
    DEGREE_STARTS.iter().any(|d| d.as_bytes() == first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str) -> Vec<u8> {
        fold::token(s.as_bytes()).as_bytes().to_vec()
    }

    #[test]
    fn table_entries_are_fixed_points() {
        for (canon, forms) in VARIANTS {
            for f in forms.iter().chain([canon]) {
                assert_eq!(fold(f), fold(canon), "variant {f}");
                assert_eq!(
                    fold(&String::from_utf8(fold(f)).expect("ASCII")),
                    fold(canon)
                );
            }
        }
        for s in TITLES.iter().chain(BALINESE_NAMES) {
            let f = fold(s);
            assert_eq!(fold(std::str::from_utf8(&f).expect("ASCII")), f, "{s}");
        }
    }

    #[test]
    fn lookups_find_titles_and_balinese_names() {
        let get = |s: &str| lookup(fold::code(&fold(s)));
        assert_eq!(get("HJ").flags, TITLE);
        assert_eq!(get("NJOMAN").flags, BALINESE);
        assert_eq!(get("MOCH").canon, fold::code(b"MUHAMAD"));
        assert_eq!(get("KURNIAWAN"), Word::default());
    }

    #[test]
    fn fold_collisions_stay_out() {
        // Two spellings in the table that fold alike must be listed in the same groups, or
        // folding would quietly relate names the table keeps apart (Korean JANG folds like
        // Chinese YANG).
        let mut declared: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (g, spellings) in roman::GROUPS.iter().enumerate() {
            for s in spellings.iter() {
                declared.entry(s).or_default().push(g);
            }
        }
        let mut by_code: FxHashMap<u64, Vec<(&str, Vec<usize>)>> = FxHashMap::default();
        for (s, groups) in declared {
            by_code
                .entry(fold::code(&fold(s)))
                .or_default()
                .push((s, groups));
        }
        let mut bad: Vec<String> = by_code
            .values()
            .filter(|v| v.iter().any(|(_, g)| *g != v[0].1))
            .map(|v| format!("{:?}", v.iter().map(|(s, _)| *s).collect::<Vec<_>>()))
            .collect();
        bad.sort();
        assert!(
            bad.is_empty(),
            "spellings folding alike in other groups: {bad:?}"
        );
    }

    #[test]
    fn variants_pair_spellings_not_names() {
        let rel = |x: &str, y: &str| {
            let get = |s: &str| lookup(fold::code(&fold(s))).roman;
            related(get(x), get(y))
        };
        for (x, y) in [
            ("LIN", "LIM"),
            ("LIM", "IM"),
            ("NG", "HUANG"),
            ("NG", "WU"),
            ("TAN", "CHEN"),
        ] {
            assert!(rel(x, y), "{x}/{y}");
        }
        for (x, y) in [
            ("LIN", "IM"),
            ("HUANG", "WU"),
            ("CHEN", "CHENG"),
            ("LIN", "LIN"),
        ] {
            assert!(!rel(x, y), "{x}/{y}");
        }
    }

    #[test]
    fn known_words_are_flagged() {
        let get = |s: &str| lookup(fold::code(&fold(s))).flags & KNOWN != 0;
        assert!(get("ZHANG") && get("ZHENG") && get("MINH") && get("HYUK") && get("KIAN"));
        assert!(get("ARIF") && get("ARIS") && get("DIAN") && get("DINA"));
        assert!(!get("DOBG") && !get("WUNG") && !get("KONDOU") && !get("LI"));
    }

    #[test]
    fn degrees_are_found_by_raw_letters() {
        assert!(is_degree(b"SPDI") && is_degree(b"PHD") && !is_degree(b"MA"));
    }
}
