//! Hard negatives: citizens built to resemble one listed foreigner without being that person (the
//! false-positive classes of DOMAIN §4.5 and §8.14): a shared common name, the same birth date and sex,
//! a Chinese-Indonesian or Muslim look-alike name, a sibling or twin, a birthplace abroad, a NIK one
//! serial digit away. Apart from the designed resemblance they are ordinary citizens of the roll.

use std::collections::HashMap;

use super::date::{Date, ELECTION};
use super::foreign::Foreigner;
use super::household::{self, Voter};
use super::names::{Group, NameSpec, group_for, id_names};
use super::passport::{self, Kind};
use super::perturb;
use super::planted::{Plan, Record, birthplace_in, find, province_of, spread, wni_family};
use super::rng::{Cumulative, Rng};
use super::roll::Tag;
use super::specials::{NikPlan, Pending, PendingMember, TwinOf};

pub const CATEGORIES: [&str; 8] = [
    "common_name_other_dob",
    "same_dob_sex_other_name",
    "look_alike_chinese_indonesian",
    "look_alike_muslim",
    "sibling",
    "twin",
    "born_abroad_citizen",
    "nik_neighbour",
];

/// How a hard negative of each category resembles its foreigner (README.txt).
pub fn describe(cat: &str) -> &'static str {
    match cat {
        "common_name_other_dob" => {
            "a citizen namesake (Malay, Arab, Hokkien, Portuguese names) with another birth date"
        }
        "same_dob_sex_other_name" => "same birth date and sex, an unrelated Indonesian name",
        "look_alike_chinese_indonesian" => {
            "Chinese-Indonesian with the same clan name: similar given name and other date, or other given name and same date"
        }
        "look_alike_muslim" => {
            "Muslim citizen with an overlapping name (MUHAMMAD RIZKI / MUHAMMAD RIZWAN), other birth date"
        }
        "sibling" => {
            "brother or sister: family name (or father's name) shared, other birth date; in the planted foreigner's household when planted"
        }
        "twin" => {
            "twin: family name and birth date shared; NIK next to the foreigner's when registered together"
        }
        "born_abroad_citizen" => {
            "citizen born in the foreigner's birthplace, other name and birth date"
        }
        "nik_neighbour" => {
            "the foreigner's NIK with the last serial digit changed (same region, date, sex), another name"
        }
        _ => "",
    }
}

fn has_family_link(f: &Foreigner) -> bool {
    !f.surname.is_empty() || f.given.contains(" BIN ") || f.given.contains(" BINTI ")
}

/// Can a negative of this category be built on this foreigner?
pub fn eligible(cat: &str, f: &Foreigner) -> bool {
    let kind = f.nationality().kind;
    match cat {
        "common_name_other_dob" => {
            f.muslim
                || id_names().ci_hokkien.contains(&f.surname)
                || matches!(kind, Kind::TimorLeste | Kind::Philippines)
        }
        "look_alike_chinese_indonesian" => {
            matches!(kind, Kind::Prc | Kind::Taiwan | Kind::Malaysia)
                && !f.surname.is_empty()
                && !f.syllables.is_empty()
        }
        "look_alike_muslim" => f.muslim && !f.given.is_empty(),
        "sibling" | "twin" => has_family_link(f),
        "nik_neighbour" => f.has_nik,
        _ => true,
    }
}

/// A birth date other than `d`: another day within about ten years, sometimes a placeholder,
/// but never a placeholder of `d`'s own year: that says "born some day of that year", which
/// fits `d` as well as a planted foreigner's placeholder date does (the `dob_placeholder`
/// category), so with the same name nothing would be left to tell the citizen apart.
fn other_dob(rng: &mut Rng, d: Date) -> Date {
    loop {
        let year = (i64::from(d.year) + rng.range(-10, 10)) as u16;
        let placeholder = rng.chance(0.2);
        if placeholder && year == d.year {
            continue;
        }
        let c = if placeholder {
            perturb::placeholder(
                rng,
                Date {
                    year,
                    month: 3,
                    day: 3,
                },
            )
        } else {
            Date::random_in_year(rng, year)
        };
        let age = c.age_on(ELECTION);
        if c != d && (17..=95).contains(&age) {
            return c;
        }
    }
}

/// Family name first for these traditions (Chinese, Korean, Vietnamese names as their owners write them).
fn surname_first(f: &Foreigner) -> bool {
    let kind = f.nationality().kind;
    matches!(kind, Kind::Prc | Kind::Taiwan | Kind::Korea | Kind::Vietnam)
        || (kind == Kind::Malaysia && !f.syllables.is_empty())
}

/// The foreigner's name as a citizen namesake would write it: natural order, no patronymic (or another
/// father's name).
fn namesake(rng: &mut Rng, f: &Foreigner) -> String {
    let given: Vec<&str> = f.given.split_whitespace().collect();
    let cut = given
        .iter()
        .position(|w| matches!(*w, "BIN" | "BINTI" | "A/L" | "A/P"));
    let mut g: Vec<String> = match cut {
        Some(i) if rng.chance(0.3) => {
            let mut v: Vec<String> = given[..=i].iter().map(|s| s.to_string()).collect();
            v.push(id_names().male.pick(rng).to_string());
            v
        }
        Some(i) => given[..i].iter().map(|s| s.to_string()).collect(),
        None => given.iter().map(|s| s.to_string()).collect(),
    };
    let s: Vec<String> = f.surname.split_whitespace().map(str::to_string).collect();
    if surname_first(f) {
        [s, g].concat().join(" ")
    } else {
        g.extend(s);
        g.join(" ")
    }
}

fn chinese_look_alike(rng: &mut Rng, f: &Foreigner, same_dob: bool) -> String {
    let pool = &id_names().ci_syllable;
    let mut syll: Vec<&str> = f.syllables.clone();
    if same_dob {
        // Different given name, same birth date.
        for s in syll.iter_mut() {
            *s = pool.pick(rng);
        }
        if syll == f.syllables {
            syll[0] = "HONG";
        }
    } else {
        let i = rng.index(syll.len());
        let old = syll[i];
        while syll[i] == old {
            syll[i] = pool.pick(rng);
        }
    }
    format!("{} {}", f.surname, syll.join(" "))
}

fn muslim_look_alike(rng: &mut Rng, f: &Foreigner) -> String {
    let n = id_names();
    let tokens: Vec<&str> = f
        .given
        .split_whitespace()
        .filter(|w| !matches!(*w, "BIN" | "BINTI"))
        .collect();
    let candidates: Vec<&'static str> = if f.female {
        n.female
            .items
            .iter()
            .chain(n.female_modern.items.iter())
            .chain(n.arabic_female.items.iter())
            .copied()
            .collect()
    } else {
        n.male
            .items
            .iter()
            .chain(n.male_modern.items.iter())
            .chain(n.arabic_male.items.iter())
            .copied()
            .collect()
    };
    let first = tokens.first().copied().unwrap_or("MUHAMMAD");
    let muhammad = matches!(
        first,
        "MUHAMMAD" | "MOHAMMAD" | "MOHAMMED" | "MOHAMED" | "MOHD" | "MD." | "MUHAMAD"
    );
    let mut out = Vec::new();
    let rest: &str = if muhammad
        || matches!(
            first,
            "SITI" | "NUR" | "NURUL" | "NOR" | "ABDUL" | "AHMAD" | "AHMED"
        ) {
        out.push(if muhammad {
            n.muhammad.pick(rng).to_string()
        } else {
            first.replace("AHMED", "AHMAD").replace("NOR", "NUR")
        });
        tokens.get(1).copied().unwrap_or(f.surname.as_str())
    } else {
        first
    };
    out.push(perturb::look_alike(rng, rest, &candidates));
    if rng.chance(0.5) {
        out.push(
            (if f.female {
                n.female_modern_last.pick(rng)
            } else {
                n.male_modern_last.pick(rng)
            })
            .to_string(),
        );
    }
    out.join(" ")
}

/// The tokens of a given name that name the person (patronymic particles and the father's
/// name after BIN/BINTI/A/L/A/P excluded).
fn personal_tokens(given: &str) -> Vec<&str> {
    let own = [" BIN ", " BINTI ", " A/L ", " A/P "]
        .iter()
        .filter_map(|p| given.find(p))
        .min()
        .map_or(given, |i| &given[..i]);
    own.split([' ', '-']).filter(|t| !t.is_empty()).collect()
}

/// A sibling's name: the family part kept, a new given name of the same tradition or an Indonesian one.
fn sibling_name(rng: &mut Rng, f: &Foreigner, female: bool) -> String {
    let n = id_names();
    // A sibling never shares a personal name with the foreigner: a brother named THOMAS
    // FLORIAN BECKER beside THOMAS BECKER is the same person with a middle name, not a
    // look-alike.
    let own: Vec<&str> = personal_tokens(&f.given);
    let mut given = String::new();
    for _ in 0..32 {
        given = if rng.chance(0.5) {
            passport::sibling_given(rng, f, female)
        } else if female {
            n.female_modern.pick(rng).to_string()
        } else {
            n.male_modern.pick(rng).to_string()
        };
        if !personal_tokens(&given).iter().any(|t| own.contains(t)) {
            break;
        }
    }
    let father = f
        .given
        .split_once(" BIN ")
        .or_else(|| f.given.split_once(" BINTI "))
        .map(|p| p.1);
    if let Some(father) = father {
        given = format!("{given} {} {father}", if female { "BINTI" } else { "BIN" });
    }
    match (f.surname.is_empty(), surname_first(f)) {
        (true, _) => given,
        (false, true) => format!("{} {given}", f.surname),
        (false, false) => format!("{given} {}", f.surname),
    }
}

/// Naming group for a citizen born in the foreigner's country.
fn group_for_birthplace(rng: &mut Rng, kind: Kind, province: u8) -> Group {
    match kind {
        Kind::Prc | Kind::Taiwan => Group::Chinese,
        Kind::Saudi
        | Kind::Yemen
        | Kind::Egypt
        | Kind::Pakistan
        | Kind::Bangladesh
        | Kind::Malaysia => {
            if rng.chance(0.5) {
                Group::Malay
            } else {
                Group::Javanese
            }
        }
        Kind::TimorLeste => Group::Ntt,
        _ => group_for(rng, province),
    }
}

fn indonesian_name(rng: &mut Rng, group: Group, female: bool, dob: Date, province: u8) -> String {
    let n = id_names();
    let spec = NameSpec {
        group,
        female,
        birth_year: dob.year,
        birth_order: rng.below(4) as u8,
        family: n.family_name(rng, group),
        province,
    };
    let mut s = String::new();
    n.name(rng, &spec, &mut s);
    s
}

fn marital_for(rng: &mut Rng, dob: Date) -> u8 {
    if dob.age_on(ELECTION) < 22 {
        b'B'
    } else {
        *rng.pick(b"SSSSSSBBPP")
    }
}

/// Plans `count` hard negatives, spread evenly over [`CATEGORIES`].
pub fn plan(
    rng: &mut Rng,
    list: &[Foreigner],
    count: u64,
    planted: &[bool],
    household_of: &HashMap<usize, usize>,
    national: &Cumulative,
    plan: &mut Plan,
) {
    let mut hosts_sibling = vec![false; list.len()];
    let mut used = vec![false; list.len()];
    for (id, cat) in spread(rng, &CATEGORIES, count).into_iter().enumerate() {
        let family_cat = matches!(cat, "sibling" | "twin");
        let target = if family_cat {
            find(rng, list.len(), |i| {
                planted[i]
                    && !hosts_sibling[i]
                    && household_of.contains_key(&i)
                    && eligible(cat, &list[i])
            })
            .or_else(|| {
                find(rng, list.len(), |i| {
                    !planted[i] && !used[i] && eligible(cat, &list[i])
                })
            })
        } else {
            find(rng, list.len(), |i| {
                !planted[i] && !used[i] && eligible(cat, &list[i])
            })
            .or_else(|| find(rng, list.len(), |i| eligible(cat, &list[i])))
        };
        let (fi, cat) = match target {
            Some(fi) => (fi, cat),
            None => (
                find(rng, list.len(), |i| !used[i]).unwrap_or(0),
                "same_dob_sex_other_name",
            ),
        };
        used[fi] = true;
        let f = &list[fi];
        let tag = Tag {
            planted: false,
            id: id as u32,
        };
        plan.negatives.push(Record {
            foreign: fi,
            category: cat,
            extra: None,
        });

        if matches!(cat, "sibling" | "twin") {
            let female = rng.chance(0.5);
            let dob = if cat == "twin" {
                f.dob
            } else {
                sibling_dob(rng, f.dob)
            };
            let voter = Voter {
                nik: 0,
                name: sibling_name(rng, f, female),
                birthplace: String::new(),
                dob,
                female,
                marital: marital_for(rng, dob),
                disability: 0,
                note: 0,
            };
            if let Some(&h) = household_of
                .get(&fi)
                .filter(|_| planted[fi] && !hosts_sibling[fi])
            {
                hosts_sibling[fi] = true;
                let household = &mut plan.households[h];
                let at = household
                    .members
                    .iter()
                    .position(|m| m.tag.is_some_and(|t| t.planted))
                    .expect("planted member");
                let mut v = voter;
                v.birthplace = household.members[at].voter.birthplace.clone();
                // Twins were registered together: next to the foreigner's real NIK when there is one.
                let of = if f.has_nik {
                    TwinOf::Foreign(fi)
                } else {
                    TwinOf::Member(at)
                };
                let nik = if cat == "twin" {
                    NikPlan::Twin(of)
                } else {
                    local(rng, &v)
                };
                household.members.push(PendingMember {
                    voter: v,
                    tag: Some(tag),
                    plan: nik,
                });
            } else {
                let regency = f.regency;
                let mut v = voter;
                v.birthplace = birthplace_in(rng, regency);
                let nik = if cat == "twin" && f.has_nik {
                    NikPlan::Twin(TwinOf::Foreign(fi))
                } else {
                    local(rng, &v)
                };
                plan.households.push(Pending {
                    regency,
                    members: vec![PendingMember {
                        voter: v,
                        tag: Some(tag),
                        plan: nik,
                    }],
                });
            }
            continue;
        }

        let regency = if cat == "nik_neighbour" || rng.chance(0.85) {
            f.regency
        } else {
            national.sample(rng)
        };
        let province = province_of(regency);
        let (name, dob, female, birthplace) = match cat {
            "common_name_other_dob" => (
                namesake(rng, f),
                other_dob(rng, f.dob),
                f.female,
                birthplace_in(rng, regency),
            ),
            "same_dob_sex_other_name" | "nik_neighbour" => {
                let g = group_for(rng, province);
                (
                    indonesian_name(rng, g, f.female, f.dob, province),
                    f.dob,
                    f.female,
                    birthplace_in(rng, regency),
                )
            }
            "look_alike_chinese_indonesian" => {
                let same_dob = rng.chance(0.4);
                let dob = if same_dob {
                    f.dob
                } else {
                    other_dob(rng, f.dob)
                };
                (
                    chinese_look_alike(rng, f, same_dob),
                    dob,
                    f.female,
                    birthplace_in(rng, regency),
                )
            }
            "look_alike_muslim" => (
                muslim_look_alike(rng, f),
                other_dob(rng, f.dob),
                f.female,
                birthplace_in(rng, regency),
            ),
            _ => {
                // born_abroad_citizen
                let female = rng.chance(0.5);
                let dob = other_dob(rng, f.dob);
                let g = group_for_birthplace(rng, f.nationality().kind, province);
                (
                    indonesian_name(rng, g, female, dob, province),
                    dob,
                    female,
                    f.birthplace.to_string(),
                )
            }
        };
        let age = dob.age_on(ELECTION);
        let voter = Voter {
            nik: 0,
            name,
            birthplace,
            dob,
            female,
            marital: marital_for(rng, dob),
            disability: household::disability(rng, age),
            note: household::note(rng, age),
        };
        let nik = if cat == "nik_neighbour" {
            NikPlan::Neighbour(fi)
        } else {
            local(rng, &voter)
        };
        let person = PendingMember {
            voter,
            tag: Some(tag),
            plan: nik,
        };
        let members = if person.voter.marital == b'S' && rng.chance(0.5) {
            wni_family(rng, regency, person)
        } else {
            vec![person]
        };
        plan.households.push(Pending { regency, members });
    }
}

fn local(rng: &mut Rng, v: &Voter) -> NikPlan {
    NikPlan::Local {
        date: v.dob,
        female: v.female,
        away: rng.chance(0.15),
        avoid: None,
    }
}

fn sibling_dob(rng: &mut Rng, d: Date) -> Date {
    loop {
        let gap = rng.range(1, 8) * if rng.chance(0.5) { 1 } else { -1 };
        let c = Date::random_in_year(rng, (i64::from(d.year) + gap) as u16);
        if (17..=95).contains(&c.age_on(ELECTION)) {
            return c;
        }
    }
}
