//! Weighted word lists embedded from `data/synth/*.txt` (format in `data/synth/README.md`).
//!
//! A list file is split into `[section]`s of comma-separated entries with optional `:WEIGHT`. Entries
//! without a weight get a Zipf-like weight from their rank, which gives the token-frequency skew of real
//! rolls (a few very common tokens, a long tail; DOMAIN §5.5).

use std::collections::BTreeMap;

use super::rng::{Cumulative, Rng};

/// One weighted list.
#[derive(Clone, Debug, Default)]
pub struct Pool {
    pub items: Vec<&'static str>,
    table: Cumulative,
}

impl Pool {
    pub fn new(items: Vec<&'static str>, weights: Vec<f64>) -> Pool {
        let table = Cumulative::new(weights.iter().copied());
        Pool { items, table }
    }

    pub fn pick(&self, rng: &mut Rng) -> &'static str {
        self.items[self.table.sample(rng)]
    }

    pub fn contains(&self, s: &str) -> bool {
        self.items.contains(&s)
    }
}

/// The sections of one list file.
#[derive(Debug, Default)]
pub struct Lists {
    /// Entries whose text had `;` (standing for ", ") are rewritten once and leaked: tiny, static data.
    sections: BTreeMap<&'static str, Vec<(&'static str, Option<f64>)>>,
}

/// Weights of a section: explicit ones as given; an entry without one continues a Zipf curve
/// (exponent 0.8) from the entry before it, so a section reads "the common ones, then a long tail".
fn weights(entries: &[(&'static str, Option<f64>)]) -> Vec<f64> {
    let mut out = Vec::with_capacity(entries.len());
    let mut prev = 1.0;
    for (rank, e) in entries.iter().enumerate() {
        let w = match e.1 {
            Some(w) => w,
            None if rank == 0 => 1.0,
            None => prev * (rank as f64 / (rank + 1) as f64).powf(0.8),
        };
        out.push(w);
        prev = w;
    }
    out
}

impl Lists {
    pub fn parse(text: &'static str) -> Lists {
        let mut sections: BTreeMap<&'static str, Vec<(&'static str, Option<f64>)>> =
            BTreeMap::new();
        let mut current: Option<&'static str> = None;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                current = Some(name);
                sections.entry(name).or_default();
                continue;
            }
            let section = current.expect("list entry before any [section]");
            for raw in line.split(',') {
                let raw = raw.trim();
                if raw.is_empty() {
                    continue;
                }
                let (text, weight) = match raw.rsplit_once(':') {
                    Some((t, w)) if !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) => {
                        (t.trim(), Some(w.parse::<f64>().expect("digits")))
                    }
                    _ => (raw, None),
                };
                let text: &'static str = if text.contains(';') {
                    let joined: Vec<&str> = text.split(';').map(str::trim).collect();
                    Box::leak(joined.join(", ").into_boxed_str())
                } else {
                    text
                };
                sections
                    .get_mut(section)
                    .expect("section")
                    .push((text, weight));
            }
        }
        Lists { sections }
    }

    /// Adds the sections of `other` (entries of a section present in both are appended).
    pub fn merge(&mut self, other: Lists) {
        for (name, entries) in other.sections {
            self.sections.entry(name).or_default().extend(entries);
        }
    }

    /// The named section as a weighted pool; panics if missing (the data files are embedded).
    pub fn pool(&self, name: &str) -> Pool {
        let entries = self
            .sections
            .get(name)
            .unwrap_or_else(|| panic!("data/synth: missing section [{name}]"));
        assert!(!entries.is_empty(), "data/synth: empty section [{name}]");
        let items = entries.iter().map(|e| e.0).collect();
        let weights = weights(entries);
        Pool::new(items, weights)
    }

    /// Raw entries of a section, in file order.
    pub fn entries(&self, name: &str) -> Vec<&'static str> {
        self.sections
            .get(name)
            .unwrap_or_else(|| panic!("data/synth: missing section [{name}]"))
            .iter()
            .map(|e| e.0)
            .collect()
    }

    pub fn section_names(&self) -> impl Iterator<Item = &&'static str> {
        self.sections.keys()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sections_weights_and_comma_escapes() {
        let lists = Lists::parse("# c\n[a]\nX:5, Y,\nZ\n[b]\nS.PD.; M.PD.:2, O'BRIEN\n");
        let a = lists.pool("a");
        assert_eq!(a.items, vec!["X", "Y", "Z"]);
        assert_eq!(lists.sections["a"][0].1, Some(5.0), "explicit weight");
        let w = weights(&lists.sections["a"]);
        assert!(
            w[1] < w[0] && w[2] < w[1],
            "unweighted entries continue a falling curve: {w:?}"
        );
        let b = lists.pool("b");
        let cases = [
            ("degree pair", b.items[0], "S.PD., M.PD."),
            ("apostrophe", b.items[1], "O'BRIEN"),
        ];
        for (label, got, want) in cases {
            assert_eq!(got, want, "{label}");
        }
    }

    #[test]
    fn every_embedded_section_is_nonempty() {
        for text in super::super::names::DATA_FILES
            .iter()
            .chain(super::super::passport::DATA_FILES.iter())
        {
            let lists = Lists::parse(text);
            for name in lists.section_names() {
                assert!(!lists.entries(name).is_empty(), "[{name}] empty");
            }
        }
    }
}
