//! Naming traditions: how each group composes a name (DOMAIN §5.2-5.5). Javanese mononyms and
//! two-part names by era, Sundanese ASEP/ENENG names, the MUHAMMAD family of spellings with regional
//! habits (MUH. in South Sulawesi, MOCH. in East Java, MHD. in North Sumatra), Aceh TEUKU/CUT, Bugis
//! ANDI, Sasak LALU/BAIQ, Balinese birth-order and caste names, Batak marga with BR., Chinese-Indonesian
//! surnames and Hokkien clan names, eastern Christian names with clan names, and coined names for the
//! long tail of rare tokens.

use super::lists::Pool;
use super::names::{Era, Group, IdNames, MUSLIM_MARGA, NameSpec, add, era};
use super::rng::Rng;

impl IdNames {
    /// A coined name (stem + suffix): the long tail of rare tokens real rolls have.
    fn coined(&self, rng: &mut Rng, female: bool) -> String {
        let stem = self.coin_stem.pick(rng);
        let suffix = (if female {
            &self.coin_female
        } else {
            &self.coin_male
        })
        .pick(rng);
        let vowel = |b: u8| matches!(b, b'A' | b'E' | b'I' | b'O' | b'U');
        let s = stem.as_bytes();
        let last = s[s.len() - 1];
        let cluster = s.len() >= 2 && !vowel(last) && !vowel(s[s.len() - 2]);
        let first = suffix.as_bytes()[0];
        // Indonesian allows r/n/m/s/l/h before a consonant (HARTONO, SURYANTO); otherwise a linking vowel.
        let link = !vowel(first)
            && !vowel(last)
            && (cluster
                || !(matches!(last, b'R' | b'N' | b'M' | b'S' | b'L' | b'H')
                    || matches!(first, b'Y' | b'W')));
        let mut out = String::with_capacity(stem.len() + suffix.len() + 1);
        out.push_str(stem);
        if link {
            out.push(if rng.chance(0.6) { 'I' } else { 'A' });
        }
        out.push_str(suffix);
        out
    }

    /// A Javanese mononym: from the list, or (one in five) coined.
    fn mono(&self, rng: &mut Rng, female: bool) -> String {
        if rng.chance(0.2) {
            self.coined(rng, female)
        } else if female {
            self.jv_female_mono.pick(rng).to_string()
        } else {
            self.jv_male_mono.pick(rng).to_string()
        }
    }

    pub(super) fn muhammad(&self, rng: &mut Rng, province: u8) -> &'static str {
        match province {
            73 | 74 | 76 if rng.chance(0.45) => "MUH.",
            35 if rng.chance(0.25) => {
                if rng.chance(0.5) {
                    "MOCH."
                } else {
                    "MOCHAMAD"
                }
            }
            12..=14 if rng.chance(0.2) => "MHD.",
            _ => self.muhammad.pick(rng),
        }
    }

    pub(super) fn core(&self, rng: &mut Rng, s: &NameSpec, out: &mut String) {
        let e = era(s.birth_year);
        match s.group {
            Group::Javanese => self.javanese(rng, s, e, out),
            Group::Sundanese => self.sundanese(rng, s, e, out),
            Group::Malay | Group::Aceh | Group::Minang | Group::Bugis | Group::Sasak => {
                self.muslim_regional(rng, s, e, out)
            }
            Group::Arab => {
                let given = if s.female {
                    self.arabic_female.pick(rng)
                } else {
                    self.arabic_male.pick(rng)
                };
                add(out, given);
                add(out, s.family.unwrap_or("ALATAS"));
            }
            Group::Balinese => self.balinese(rng, s, out),
            Group::Batak => self.batak(rng, s, e, out),
            Group::Chinese => self.chinese(rng, s, e, out),
            Group::Minahasa | Group::Ntt | Group::Papuan | Group::Maluku | Group::Dayak => {
                self.christian(rng, s, e, out)
            }
        }
    }

    fn modern(&self, rng: &mut Rng, s: &NameSpec, out: &mut String) {
        if s.female {
            if rng.chance(0.15) {
                add(out, self.female_prefix.pick(rng));
            }
            add(out, self.female_modern.pick(rng));
            if rng.chance(0.8) {
                add(out, self.female_modern_last.pick(rng));
            }
        } else {
            if rng.chance(0.3) {
                add(out, self.muhammad(rng, s.province));
            }
            add(out, self.male_modern.pick(rng));
            if rng.chance(0.75) {
                add(out, self.male_modern_last.pick(rng));
            }
        }
    }

    fn javanese(&self, rng: &mut Rng, s: &NameSpec, e: Era, out: &mut String) {
        let x = rng.unit();
        if s.female {
            match e {
                Era::Old if x < 0.55 => add(out, &self.mono(rng, true)),
                Era::Old if x < 0.78 => {
                    add(out, if rng.chance(0.6) { "SITI" } else { "SRI" });
                    let second = if rng.chance(0.5) {
                        self.mono(rng, true)
                    } else {
                        self.jv_female_last.pick(rng).to_string()
                    };
                    add(out, &second);
                }
                Era::Old | Era::Mid if x < 0.9 => {
                    add(out, self.jv_female_first.pick(rng));
                    add(out, self.jv_female_last.pick(rng));
                }
                Era::Old => add(out, self.female.pick(rng)),
                Era::Mid if x < 0.2 => add(out, &self.mono(rng, true)),
                Era::Mid if x < 0.45 => {
                    add(out, self.female_prefix.pick(rng));
                    add(out, self.female.pick(rng));
                }
                Era::Mid => add(out, self.female.pick(rng)),
                Era::Young if x < 0.6 => self.modern(rng, s, out),
                Era::Young if x < 0.85 => {
                    add(out, self.jv_female_first.pick(rng));
                    add(out, self.jv_female_last.pick(rng));
                }
                Era::Young => add(out, self.arabic_female.pick(rng)),
            }
        } else {
            match e {
                Era::Old if x < 0.62 => add(out, &self.mono(rng, false)),
                Era::Old if x < 0.88 => {
                    add(out, self.jv_male_first.pick(rng));
                    add(out, self.jv_male_last.pick(rng));
                }
                Era::Old => add(out, self.male.pick(rng)),
                Era::Mid if x < 0.3 => add(out, &self.mono(rng, false)),
                Era::Mid if x < 0.75 => {
                    add(out, self.jv_male_first.pick(rng));
                    add(out, self.jv_male_last.pick(rng));
                }
                Era::Mid if x < 0.87 => {
                    add(out, self.muhammad(rng, s.province));
                    add(
                        out,
                        if rng.chance(0.5) {
                            self.jv_male_last.pick(rng)
                        } else {
                            self.male.pick(rng)
                        },
                    );
                }
                Era::Mid => add(out, self.arabic_male.pick(rng)),
                Era::Young if x < 0.65 => self.modern(rng, s, out),
                Era::Young if x < 0.88 => {
                    add(out, self.jv_male_first.pick(rng));
                    add(out, self.jv_male_last.pick(rng));
                }
                Era::Young => add(out, &self.mono(rng, false)),
            }
        }
    }

    fn sundanese(&self, rng: &mut Rng, s: &NameSpec, e: Era, out: &mut String) {
        let x = rng.unit();
        if e == Era::Young && x < 0.5 {
            return self.modern(rng, s, out);
        }
        if s.female {
            if x < 0.6 {
                add(out, self.su_female_first.pick(rng));
                add(out, self.su_female_last.pick(rng));
            } else if x < 0.78 {
                add(out, self.su_female_first.pick(rng));
            } else {
                add(out, "SITI");
                add(out, self.su_female_last.pick(rng));
            }
        } else if x < 0.65 {
            add(out, self.su_male_first.pick(rng));
            add(out, self.su_male_last.pick(rng));
        } else if x < 0.8 {
            add(out, self.su_male_first.pick(rng));
        } else {
            add(out, self.muhammad(rng, s.province));
            add(out, self.su_male_last.pick(rng));
        }
    }

    /// Malay, Aceh, Minang, Bugis, Sasak: Muslim naming with regional pools and prefixes.
    fn muslim_regional(&self, rng: &mut Rng, s: &NameSpec, e: Era, out: &mut String) {
        // Regional noble or kin prefixes.
        let prefix = match (s.group, s.female) {
            (Group::Aceh, false) if rng.chance(0.1) => Some(self.aceh_prefix_male.pick(rng)),
            (Group::Aceh, true) if rng.chance(0.1) => Some(self.aceh_prefix_female.pick(rng)),
            (Group::Bugis, _) if rng.chance(0.08) => Some(self.bugis_first.pick(rng)),
            (Group::Sasak, false) if rng.chance(0.07) => {
                Some(self.sasak_prefix_male.pick(rng)).filter(|p| *p != "AMAQ" || e == Era::Old)
            }
            (Group::Sasak, true) if rng.chance(0.07) => {
                Some(self.sasak_prefix_female.pick(rng)).filter(|p| *p != "INAQ" || e == Era::Old)
            }
            _ => None,
        };
        if let Some(p) = prefix {
            add(out, p);
        }
        let regional: Option<&Pool> = match (s.group, s.female) {
            (Group::Aceh, false) => Some(&self.aceh_male),
            (Group::Aceh, true) => Some(&self.aceh_female),
            (Group::Minang, false) => Some(&self.minang_male),
            (Group::Minang, true) => Some(&self.minang_female),
            (Group::Bugis, false) => Some(&self.bugis_male),
            (Group::Bugis, true) => Some(&self.bugis_female),
            (Group::Sasak, false) => Some(&self.sasak_male),
            (Group::Sasak, true) => Some(&self.sasak_female),
            _ => None,
        };
        let x = rng.unit();
        if e == Era::Young && x < 0.5 {
            return self.modern(rng, s, out);
        }
        if s.female {
            let base = |rng: &mut Rng| match regional {
                _ if rng.chance(0.12) => self.coined(rng, true),
                Some(p) if rng.chance(0.6) => p.pick(rng).to_string(),
                _ => self.female.pick(rng).to_string(),
            };
            if x < 0.2 {
                add(out, self.female_prefix.pick(rng));
                add(out, &base(rng));
            } else if x < 0.32 {
                add(out, self.arabic_female.pick(rng));
            } else if x < 0.8 {
                add(out, &base(rng));
            } else {
                add(out, &base(rng));
                add(out, self.female.pick(rng));
            }
        } else {
            let base = |rng: &mut Rng| match regional {
                _ if rng.chance(0.12) => self.coined(rng, false),
                Some(p) if rng.chance(0.6) => p.pick(rng).to_string(),
                _ => self.male.pick(rng).to_string(),
            };
            let p_muh = if s.group == Group::Bugis { 0.4 } else { 0.22 };
            if x < p_muh {
                add(out, self.muhammad(rng, s.province));
                add(out, &base(rng));
            } else if x < p_muh + 0.1 {
                let a = self.arabic_male.pick(rng);
                add(
                    out,
                    if a.starts_with("ABDUL ") && rng.chance(0.15) {
                        a.replacen("ABDUL", "ABD.", 1)
                    } else {
                        a.to_string()
                    }
                    .as_str(),
                );
            } else if x < 0.75 {
                add(out, &base(rng));
            } else {
                add(out, &base(rng));
                add(out, self.male.pick(rng));
            }
        }
    }

    fn balinese(&self, rng: &mut Rng, s: &NameSpec, out: &mut String) {
        let order = usize::from(s.birth_order % 4);
        let table = if s.female {
            &self.bali_order_female
        } else {
            &self.bali_order_male
        };
        let order_name = *rng.pick(&table[order]);
        let caste = if s.female {
            &self.bali_caste_female
        } else {
            &self.bali_caste_male
        };
        if rng.chance(0.1) {
            add(out, caste.pick(rng));
        } else if s.female {
            add(out, "NI");
            if order == 0 && order_name != "LUH" && rng.chance(0.35) {
                add(out, "LUH");
            }
            add(out, order_name);
        } else {
            if rng.chance(0.75) {
                add(out, "I");
            }
            add(out, order_name);
        }
        let given = if s.female {
            &self.bali_female
        } else {
            &self.bali_male
        };
        add(out, given.pick(rng));
        if rng.chance(0.3) {
            add(out, given.pick(rng));
        }
    }

    fn batak(&self, rng: &mut Rng, s: &NameSpec, e: Era, out: &mut String) {
        let marga = s.family.unwrap_or("SIREGAR");
        let muslim = MUSLIM_MARGA.contains(&marga);
        if e == Era::Young && rng.chance(0.35) {
            self.modern(rng, s, out);
        } else if muslim {
            if !s.female && rng.chance(0.25) {
                add(out, self.muhammad(rng, s.province));
            }
            add(
                out,
                if s.female {
                    self.female.pick(rng)
                } else {
                    self.male.pick(rng)
                },
            );
        } else {
            add(
                out,
                if s.female {
                    self.batak_female.pick(rng)
                } else {
                    self.batak_male.pick(rng)
                },
            );
        }
        // Women write their father's marga, often after BR. (boru); a few omit it.
        if !s.female || rng.chance(0.9) {
            if s.female && rng.chance(0.45) {
                add(out, if rng.chance(0.8) { "BR." } else { "BR" });
            }
            add(out, marga);
        }
    }

    fn chinese(&self, rng: &mut Rng, s: &NameSpec, e: Era, out: &mut String) {
        let surname = s.family.unwrap_or("WIJAYA");
        let hokkien = self.ci_hokkien.contains(surname);
        let given = if s.female {
            &self.ci_given_female
        } else {
            &self.ci_given_male
        };
        if hokkien {
            if e == Era::Old && rng.chance(0.6) || rng.chance(0.2) {
                // TAN KIM LIONG: clan name first, two syllables.
                add(out, surname);
                add(out, self.ci_syllable.pick(rng));
                add(out, self.ci_syllable.pick(rng));
            } else {
                add(out, given.pick(rng));
                add(out, surname);
            }
        } else if rng.chance(0.1) {
            add(out, given.pick(rng));
        } else {
            add(out, given.pick(rng));
            if rng.chance(0.15) {
                add(out, given.pick(rng));
            }
            add(out, surname);
        }
    }

    fn christian(&self, rng: &mut Rng, s: &NameSpec, e: Era, out: &mut String) {
        if s.group == Group::Maluku && rng.chance(0.4) {
            // Muslim Moluccan families also carry clan names (TUASIKAL, OHORELLA).
            add(
                out,
                if s.female {
                    self.arabic_female.pick(rng)
                } else {
                    self.male.pick(rng)
                },
            );
        } else if s.group == Group::Dayak && rng.chance(0.5) {
            add(
                out,
                if s.female {
                    self.dayak_female.pick(rng)
                } else {
                    self.dayak_male.pick(rng)
                },
            );
        } else {
            add(
                out,
                if s.female {
                    self.christian_female.pick(rng)
                } else {
                    self.christian_male.pick(rng)
                },
            );
            if rng.chance(if e == Era::Young { 0.45 } else { 0.25 }) {
                add(
                    out,
                    if s.female {
                        self.christian_female.pick(rng)
                    } else {
                        self.christian_male.pick(rng)
                    },
                );
            }
        }
        match s.family {
            Some(f) => add(out, f),
            None if s.group == Group::Dayak && rng.chance(0.4) => add(out, self.male.pick(rng)),
            None => {}
        }
    }
}
