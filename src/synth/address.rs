//! Addresses as a roll writes them (ALAMAT): streets and alleys in towns (`JL. MAWAR GG. II NO. 12`),
//! hamlets in villages by region (`DUSUN KRAJAN` in Java, `KP. CIBODAS` in West Java and Banten,
//! `BR. KAJA` in Bali, `JORONG III` in West Sumatra, `DUSUN IV` elsewhere). One TPS draws its
//! neighbourhood once; its households pick from it.

use super::names::id_names;
use super::rng::Rng;

/// Address vocabulary of one TPS's neighbourhood.
#[derive(Clone, Copy)]
pub enum Hood {
    Street([&'static str; 3]),
    JavaHamlet([&'static str; 2]),
    Kampung([&'static str; 2]),
    Banjar([&'static str; 2]),
    Dusun(u8),
    Jorong(u8),
}

const ROMAN: [&str; 8] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"];

impl Hood {
    pub fn new(rng: &mut Rng, kelurahan: bool, province: u8) -> Hood {
        let n = id_names();
        if kelurahan || rng.chance(0.1) {
            return Hood::Street([n.street.pick(rng), n.street.pick(rng), n.street.pick(rng)]);
        }
        match province {
            33 | 34 | 35 | 18 => {
                Hood::JavaHamlet([n.hamlet_java.pick(rng), n.hamlet_java.pick(rng)])
            }
            32 | 36 => Hood::Kampung([n.hamlet_sunda.pick(rng), n.hamlet_sunda.pick(rng)]),
            51 => Hood::Banjar([n.banjar_bali.pick(rng), n.banjar_bali.pick(rng)]),
            13 => Hood::Jorong(rng.below(6) as u8),
            _ => Hood::Dusun(rng.below(6) as u8),
        }
    }

    pub fn address(self, rng: &mut Rng, out: &mut String) {
        out.clear();
        match self {
            Hood::Street(s) => {
                let street = s[rng.index(3)];
                let no = rng.range(1, 160);
                match rng.below(10) {
                    0 | 1 => {
                        out.push_str("JL. ");
                        out.push_str(street);
                        out.push_str(" GG. ");
                        out.push_str(ROMAN[rng.index(5)]);
                        out.push_str(" NO. ");
                    }
                    2 => {
                        out.push_str(street);
                        out.push_str(" NO. ");
                    }
                    _ => {
                        out.push_str("JL. ");
                        out.push_str(street);
                        out.push_str(" NO. ");
                    }
                }
                out.push_str(&no.to_string());
            }
            Hood::JavaHamlet(h) => {
                out.push_str(if rng.chance(0.7) { "DUSUN " } else { "DSN. " });
                out.push_str(h[rng.index(2)]);
            }
            Hood::Kampung(h) => {
                out.push_str(if rng.chance(0.7) { "KP. " } else { "KAMPUNG " });
                out.push_str(h[rng.index(2)]);
            }
            Hood::Banjar(h) => {
                out.push_str(if rng.chance(0.6) {
                    "BR. "
                } else {
                    "BANJAR DINAS "
                });
                out.push_str(h[rng.index(2)]);
            }
            Hood::Dusun(d) => {
                out.push_str("DUSUN ");
                out.push_str(ROMAN[usize::from(d) + rng.index(2)]);
            }
            Hood::Jorong(d) => {
                out.push_str("JORONG ");
                out.push_str(ROMAN[usize::from(d) + rng.index(2)]);
            }
        }
    }
}
