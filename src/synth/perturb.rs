//! Small edits that make a planted row differ from the list the way real data entry does: typos,
//! re-typed names, day/month swaps, one wrong digit, placeholder dates.

use super::date::Date;
use super::rng::Rng;

/// Letters typists confuse (sound-alikes in Indonesian and transliteration, DOMAIN §5.3).
const CONFUSIONS: [(u8, u8); 14] = [
    (b'I', b'Y'),
    (b'U', b'O'),
    (b'C', b'K'),
    (b'F', b'P'),
    (b'V', b'F'),
    (b'Z', b'J'),
    (b'S', b'Z'),
    (b'E', b'A'),
    (b'I', b'E'),
    (b'D', b'T'),
    (b'B', b'P'),
    (b'G', b'K'),
    (b'N', b'M'),
    (b'H', b'K'),
];

/// QWERTY neighbours of a letter.
fn neighbours(c: u8) -> &'static [u8] {
    match c {
        b'A' => b"QSZ",
        b'B' => b"VGHN",
        b'C' => b"XDFV",
        b'D' => b"SERFCX",
        b'E' => b"WSDR",
        b'F' => b"DRTGVC",
        b'G' => b"FTYHBV",
        b'H' => b"GYUJNB",
        b'I' => b"UJKO",
        b'J' => b"HUIKMN",
        b'K' => b"JIOLM",
        b'L' => b"KOP",
        b'M' => b"NJK",
        b'N' => b"BHJM",
        b'O' => b"IKLP",
        b'P' => b"OL",
        b'Q' => b"WA",
        b'R' => b"EDFT",
        b'S' => b"AWEDXZ",
        b'T' => b"RFGY",
        b'U' => b"YHJI",
        b'V' => b"CFGB",
        b'W' => b"QASE",
        b'X' => b"ZSDC",
        b'Y' => b"TGHU",
        b'Z' => b"ASX",
        _ => b"",
    }
}

/// One typo in an ASCII upper-case word: substitution, deletion, doubled letter or swapped
/// neighbours. Words shorter than 3 letters or with non-letters come back unchanged.
pub fn typo(rng: &mut Rng, word: &str) -> String {
    let b = word.as_bytes();
    if b.len() < 3 || !b.iter().all(u8::is_ascii_uppercase) {
        return word.to_string();
    }
    for _ in 0..16 {
        let mut w = b.to_vec();
        // Keep the first letter more often than not: typists rarely miss it.
        let i = if rng.chance(0.85) {
            1 + rng.index(b.len() - 1)
        } else {
            0
        };
        match rng.below(5) {
            0 | 1 => {
                let c = w[i];
                let swap = CONFUSIONS.iter().find_map(|&(x, y)| {
                    if x == c {
                        Some(y)
                    } else if y == c {
                        Some(x)
                    } else {
                        None
                    }
                });
                w[i] = match swap {
                    Some(y) if rng.chance(0.6) => y,
                    _ => {
                        let n = neighbours(c);
                        if n.is_empty() { continue } else { *rng.pick(n) }
                    }
                };
            }
            2 if b.len() > 3 => {
                w.remove(i);
            }
            3 => w.insert(i, w[i]),
            _ if i + 1 < b.len() && w[i] != w[i + 1] => w.swap(i, i + 1),
            _ => continue,
        }
        if w != b {
            return String::from_utf8(w).expect("ASCII");
        }
    }
    word.to_string()
}

/// `n` typos in distinct random words that can take one; returns how many were made.
pub fn typos(rng: &mut Rng, tokens: &mut [String], n: usize) -> usize {
    let mut idx: Vec<usize> = (0..tokens.len())
        .filter(|&i| typo_able(&tokens[i]))
        .collect();
    rng.shuffle(&mut idx);
    let mut made = 0;
    for &i in idx.iter().take(n) {
        let t = typo(rng, &tokens[i]);
        if t != tokens[i] {
            tokens[i] = t;
            made += 1;
        }
    }
    made
}

pub fn typo_able(w: &str) -> bool {
    w.len() >= 3 && w.bytes().all(|b| b.is_ascii_uppercase())
}

/// `Zhang Wei Ming` (a clerk who did not use caps lock).
pub fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Day and month exchanged (`None` when the day is over 12 or equals the month).
pub fn swap_day_month(d: Date) -> Option<Date> {
    if d.day == d.month {
        return None;
    }
    Date::new(d.year, d.day, d.month)
}

/// One digit of DD-MM-YYYY changed (day, month or the last two year digits), still a real date.
pub fn one_digit_off(rng: &mut Rng, d: Date) -> Date {
    for _ in 0..64 {
        let (mut day, mut month, mut year) = (d.day, d.month, d.year);
        let digit = rng.below(10) as u8;
        match rng.below(6) {
            0 => day = digit * 10 + day % 10,
            1 => day = day / 10 * 10 + digit,
            2 => month = digit * 10 + month % 10,
            3 => month = month / 10 * 10 + digit,
            4 => year = year / 100 * 100 + u16::from(digit) * 10 + year % 10,
            _ => year = year / 10 * 10 + u16::from(digit),
        }
        let plausible = |n: &Date| (17..=100).contains(&n.age_on(super::date::ELECTION));
        if let Some(n) = Date::new(year, month, day).filter(|n| *n != d && plausible(n)) {
            return n;
        }
    }
    Date::new(d.year, d.month, if d.day == 1 { 2 } else { d.day - 1 }).expect("valid")
}

/// 01-07 or 31-12 of the same year (Dukcapil placeholders), different from `d`.
pub fn placeholder(rng: &mut Rng, d: Date) -> Date {
    let jul = Date {
        year: d.year,
        month: 7,
        day: 1,
    };
    let dec = Date {
        year: d.year,
        month: 12,
        day: 31,
    };
    let pick = if rng.chance(0.6) { jul } else { dec };
    if pick != d {
        pick
    } else if pick == jul {
        dec
    } else {
        jul
    }
}

/// A word sharing the first letters with `word` from `candidates` (MUHAMMAD RIZWAN -> RIZKI), or a typo.
pub fn look_alike(rng: &mut Rng, word: &str, candidates: &[&'static str]) -> String {
    for prefix in [4usize, 3, 2] {
        if word.len() <= prefix {
            continue;
        }
        let similar: Vec<&&str> = candidates
            .iter()
            .filter(|c| c.starts_with(&word[..prefix]) && **c != word && !c.contains(' '))
            .collect();
        if !similar.is_empty() {
            return (*rng.pick(&similar)).to_string();
        }
    }
    let t = typo(rng, word);
    if t == word { format!("{word}A") } else { t }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_changes_one_spot() {
        let mut rng = Rng::new(1, &[]);
        for w in ["ZHANG", "MUHAMMAD", "KIM", "YOUSSEF"] {
            for _ in 0..200 {
                let t = typo(&mut rng, w);
                assert_ne!(t, w, "{w}");
                assert!(t.len().abs_diff(w.len()) <= 1, "{w} -> {t}");
                assert!(strsim::levenshtein(&t, w) <= 2, "{w} -> {t}");
            }
        }
        assert_eq!(typo(&mut rng, "LI"), "LI", "too short");
        assert_eq!(typo(&mut rng, "MÜLLER"), "MÜLLER", "non-ASCII left alone");
    }

    #[test]
    fn date_edits() {
        let d = Date {
            year: 1985,
            month: 3,
            day: 7,
        };
        let cases = [
            (
                "swap",
                swap_day_month(d),
                Some(Date {
                    year: 1985,
                    month: 7,
                    day: 3,
                }),
            ),
            (
                "no swap above 12",
                swap_day_month(Date {
                    year: 1985,
                    month: 3,
                    day: 17,
                }),
                None,
            ),
            (
                "no swap when equal",
                swap_day_month(Date {
                    year: 1985,
                    month: 3,
                    day: 3,
                }),
                None,
            ),
        ];
        for (label, got, want) in cases {
            assert_eq!(got, want, "{label}");
        }
        let mut rng = Rng::new(2, &[]);
        for _ in 0..500 {
            let n = one_digit_off(&mut rng, d);
            assert_ne!(n, d);
            let (a, b) = (super::super::date::dmy(n), super::super::date::dmy(d));
            let diff = a.bytes().zip(b.bytes()).filter(|(x, y)| x != y).count();
            assert_eq!(diff, 1, "{b} -> {a}");
            assert!(
                n.age_on(super::super::date::ELECTION) <= 100,
                "plausible age: {a}"
            );
            let p = placeholder(&mut rng, d);
            assert!(p.year == d.year && p.is_year_placeholder());
        }
    }

    #[test]
    fn look_alikes_share_a_prefix() {
        let mut rng = Rng::new(3, &[]);
        let got = look_alike(&mut rng, "RIZWAN", &["RIZKI", "BUDI", "RIZWAN"]);
        assert_eq!(got, "RIZKI");
        assert_eq!(title_case("ZHANG WEI MING"), "Zhang Wei Ming");
    }
}
