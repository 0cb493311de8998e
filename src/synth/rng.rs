//! Seeded random streams for the generator.
//!
//! Every unit of work (a block of foreigners, one TPS, the layout, the planted rows) draws from its own
//! stream, derived from the user's seed and a fixed label, so the output does not depend on how many
//! threads ran or in which order. The helpers are written out here (not taken from `rand`'s
//! distributions) so that the bytes we write depend only on xoshiro256++ and this file.

use rand::{Rng as _, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// Labels of the independent streams (mixed into the seed).
pub mod stream {
    pub const FOREIGN: u64 = 0x464f_5245_4947_4e00;
    pub const LAYOUT: u64 = 0x4c41_594f_5554_0000;
    pub const PLANTED: u64 = 0x504c_414e_5445_4400;
    pub const TPS: u64 = 0x5450_5300_0000_0000;
    pub const FORMAT: u64 = 0x464f_524d_4154_0000;
    pub const FOREIGN_FORMAT: u64 = 0x4646_4f52_4d41_5400;
    pub const HEADERS: u64 = 0x4845_4144_4552_5300;
}

/// SplitMix64 finaliser: a fast, well-mixed hash of one word.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Hash of several words, order-sensitive.
pub fn mix_all(parts: &[u64]) -> u64 {
    parts.iter().fold(0x2545_f491_4f6c_dd1d, |h, &p| mix(h ^ p))
}

/// A random stream.
pub struct Rng(Xoshiro256PlusPlus);

impl Rng {
    /// The stream for `seed` under the given labels (e.g. `[stream::TPS, tps_index]`).
    pub fn new(seed: u64, labels: &[u64]) -> Rng {
        let mut parts = Vec::with_capacity(labels.len() + 1);
        parts.push(seed);
        parts.extend_from_slice(labels);
        Rng(Xoshiro256PlusPlus::seed_from_u64(mix_all(&parts)))
    }

    pub fn next(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in `0..n` (`n > 0`); multiply-shift, bias below 2^-40 for our sizes.
    pub fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform index into a slice of length `n`.
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi);
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.index(xs.len())]
    }

    /// Index drawn with the given relative weights (linear scan: for short tables).
    pub fn weighted_index(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    /// Approximately normal (sum of uniforms), mean 0, sd 1.
    pub fn normal(&mut self) -> f64 {
        (0..4)
            .map(|_| self.unit())
            .sum::<f64>()
            .mul_add(3f64.sqrt(), -2.0 * 3f64.sqrt())
    }

    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.index(i + 1);
            xs.swap(i, j);
        }
    }
}

/// A table of cumulative weights for repeated weighted draws (binary search).
#[derive(Clone, Debug, Default)]
pub struct Cumulative {
    cum: Vec<f64>,
}

impl Cumulative {
    pub fn new(weights: impl IntoIterator<Item = f64>) -> Cumulative {
        let mut total = 0.0;
        let cum = weights
            .into_iter()
            .map(|w| {
                total += w.max(0.0);
                total
            })
            .collect();
        Cumulative { cum }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self.cum.last().expect("sampling from an empty table");
        let x = rng.unit() * total;
        self.cum
            .partition_point(|&c| c <= x)
            .min(self.cum.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4)
            .map(|_| Rng::new(7, &[stream::TPS, 3]).next())
            .collect();
        assert!(
            a.windows(2).all(|w| w[0] == w[1]),
            "same labels, same stream"
        );
        let cases = [
            ("other seed", Rng::new(8, &[stream::TPS, 3]).next()),
            ("other index", Rng::new(7, &[stream::TPS, 4]).next()),
            ("other label", Rng::new(7, &[stream::LAYOUT, 3]).next()),
        ];
        for (label, v) in cases {
            assert_ne!(v, a[0], "{label}");
        }
    }

    #[test]
    fn below_and_range_stay_in_bounds() {
        let mut r = Rng::new(1, &[]);
        for n in [1u64, 2, 3, 10, 1000] {
            for _ in 0..1000 {
                assert!(r.below(n) < n, "below({n})");
            }
        }
        for _ in 0..1000 {
            let x = r.range(-3, 3);
            assert!((-3..=3).contains(&x));
        }
    }

    #[test]
    fn cumulative_follows_weights() {
        let table = Cumulative::new([1.0, 0.0, 3.0]);
        let mut r = Rng::new(2, &[]);
        let mut counts = [0u32; 3];
        for _ in 0..40_000 {
            counts[table.sample(&mut r)] += 1;
        }
        assert_eq!(counts[1], 0, "zero weight never drawn");
        let ratio = f64::from(counts[2]) / f64::from(counts[0]);
        assert!((2.7..3.3).contains(&ratio), "ratio {ratio}");
    }
}
