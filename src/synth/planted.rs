//! Planted foreigners: listed foreigners who also appear as a roll row, each in one category of
//! difference between list and roll (the truth file names it).
//!
//! Categories are spread evenly over the planted rows; each row differs from the list in the way its
//! category says and is otherwise intact (name in list order and upper case, birth date DD-MM-YYYY, sex
//! as L/P, the foreigner's NIK when the list has one). About 10% also carry a minor second difference
//! (README.txt counts them): an H./HJ. title on a Muslim name, accents dropped, or a degree suffix.
//! Most live in the foreigner's listed regency; 40% sit in a WNI household (Indonesian spouse, maybe
//! adult children: the classic path onto the roll, DOMAIN §2).

use std::collections::HashMap;

use anyhow::bail;

use super::date::ELECTION;
use super::foreign::Foreigner;
use super::household::{self, Voter};
use super::names::{NameSpec, group_for, id_names};
use super::negatives;
use super::passport::{romanisations, transliterate};
use super::perturb;
use super::region::regions;
use super::rng::{Cumulative, Rng, stream};
use super::roll::Tag;
use super::specials::{NikPlan, Pending, PendingMember};

pub const CATEGORIES: [&str; 15] = [
    "nik_same_name_retyped",
    "nik_typo",
    "nik_transposed",
    "no_nik_on_list",
    "name_order_swapped",
    "middle_name_dropped",
    "given_name_only",
    "syllables_split",
    "other_romanisation",
    "typos",
    "dob_day_month_swapped",
    "dob_one_digit_off",
    "dob_placeholder",
    "birthplace_abroad",
    "fresh_indonesian_nik",
];

/// How a planted row of each category differs from its list row (README.txt).
pub fn describe(cat: &str) -> &'static str {
    match cat {
        "nik_same_name_retyped" => {
            "the foreigner's NIK; name re-typed (order, spacing, one typo or not in capitals)"
        }
        "nik_typo" => "the foreigner's NIK with one digit substituted (anywhere)",
        "nik_transposed" => "the foreigner's NIK with two adjacent digits swapped",
        "no_nik_on_list" => {
            "no NIK on the list (permit holder); the roll row has an Indonesian NIK from its birth date"
        }
        "name_order_swapped" => "GIVEN SURNAME on the roll, SURNAME, GIVEN (or MRZ) on the list",
        "middle_name_dropped" => "a middle name or the BIN/BINTI patronymic left out",
        "given_name_only" => "given names only, no surname",
        "syllables_split" => {
            "syllabic given name joined or split the other way (XIAOMING / XIAO MING, MIN-JUN / MINJUN)"
        }
        "other_romanisation" => {
            "one word in another spelling (MOHAMMED/MUHAMMAD, HSU/XU, CHOI/CHOE, MÜLLER/MUELLER)"
        }
        "typos" => "one or two typing errors in the name",
        "dob_day_month_swapped" => "day and month of the birth date swapped",
        "dob_one_digit_off" => "one digit of DD-MM-YYYY wrong",
        "dob_placeholder" => "birth date replaced by 01-07 or 31-12 of the same year",
        "birthplace_abroad" => {
            "TEMPAT LAHIR is the foreign birthplace from the list (other categories: an Indonesian place)"
        }
        "fresh_indonesian_nik" => "a new NIK registered in another district than the list NIK",
        _ => "",
    }
}

/// One planted row or hard negative: the foreign row (0-based) it was built from, its category and
/// any minor second difference.
#[derive(Clone, Debug)]
pub struct Record {
    pub foreign: usize,
    pub category: &'static str,
    pub extra: Option<&'static str>,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub households: Vec<Pending>,
    pub planted: Vec<Record>,
    pub negatives: Vec<Record>,
}

/// `n` categories spread evenly (each used n / len times, the remainder on random ones), shuffled.
pub fn spread(rng: &mut Rng, cats: &[&'static str], n: u64) -> Vec<&'static str> {
    let k = cats.len() as u64;
    let mut extra = cats.to_vec();
    rng.shuffle(&mut extra);
    let mut out: Vec<&'static str> = (0..n / k)
        .flat_map(|_| cats.iter().copied())
        .chain(extra.into_iter().take((n % k) as usize))
        .collect();
    rng.shuffle(&mut out);
    out
}

/// A random index in `0..n` satisfying `ok` (random probes, then a full scan).
pub fn find(rng: &mut Rng, n: usize, ok: impl Fn(usize) -> bool) -> Option<usize> {
    if n == 0 {
        return None;
    }
    for _ in 0..64 {
        let i = rng.index(n);
        if ok(i) {
            return Some(i);
        }
    }
    let all: Vec<usize> = (0..n).filter(|&i| ok(i)).collect();
    (!all.is_empty()).then(|| all[rng.index(all.len())])
}

/// Can this foreigner be planted in this category?
pub fn eligible(cat: &str, f: &Foreigner) -> bool {
    match cat {
        "nik_same_name_retyped" | "nik_typo" | "nik_transposed" => f.has_nik,
        "no_nik_on_list" => !f.has_nik,
        "name_order_swapped" => f.surname_first_on_list() && !f.given.is_empty(),
        "middle_name_dropped" => {
            f.syllables.is_empty() && f.shown_given().split_whitespace().count() >= 2
        }
        "given_name_only" => !f.surname.is_empty() && !f.given.is_empty(),
        "syllables_split" => f.syllables.len() >= 2,
        "other_romanisation" => f
            .list_tokens()
            .iter()
            .any(|t| !romanisations(t, f.nationality().kind).is_empty()),
        "dob_day_month_swapped" => perturb::swap_day_month(f.dob).is_some(),
        "dob_placeholder" => !f.dob.is_year_placeholder(),
        _ => true,
    }
}

/// Chooses planted foreigners and hard negatives and builds their households (numbers come later).
pub fn plan(seed: u64, list: &[Foreigner], planted: u64, negatives: u64) -> anyhow::Result<Plan> {
    if planted > list.len() as u64 {
        bail!(
            "--planted {planted} is more than --foreign-rows {}",
            list.len()
        );
    }
    if negatives > 0 && list.is_empty() {
        bail!("hard negatives need a foreign list: --foreign-rows must be at least 1");
    }
    let mut rng = Rng::new(seed, &[stream::PLANTED]);
    let national = Cumulative::new(regions().regencies.iter().map(|g| g.voters));
    let mut used = vec![false; list.len()];
    let mut plan = Plan::default();
    let mut household_of: HashMap<usize, usize> = HashMap::new();
    // Scarce categories (few eligible foreigners) choose first, so a small list still covers them all.
    let mut cats = spread(&mut rng, &CATEGORIES, planted);
    let step = (list.len() / 4000).max(1);
    let eligible_count = |c: &str| list.iter().step_by(step).filter(|f| eligible(c, f)).count();
    let scarcity: HashMap<&str, usize> =
        CATEGORIES.iter().map(|c| (*c, eligible_count(c))).collect();
    cats.sort_by_key(|c| scarcity[c]);
    for (id, cat) in cats.into_iter().enumerate() {
        let pick = |rng: &mut Rng, cat: &str| {
            find(rng, list.len(), |i| !used[i] && eligible(cat, &list[i]))
        };
        let (fi, cat) = match pick(&mut rng, cat) {
            Some(fi) => (fi, cat),
            // Small lists may lack an eligible foreigner: a typo is always possible.
            None => (
                pick(&mut rng, "typos").expect("planted <= foreign rows"),
                "typos",
            ),
        };
        used[fi] = true;
        let regency = if rng.chance(0.85) {
            list[fi].regency
        } else {
            national.sample(&mut rng)
        };
        let tag = Tag {
            planted: true,
            id: id as u32,
        };
        let (household, extra) = build(&mut rng, list, fi, cat, regency, tag);
        household_of.insert(fi, plan.households.len());
        plan.households.push(household);
        plan.planted.push(Record {
            foreign: fi,
            category: cat,
            extra,
        });
    }
    negatives::plan(
        &mut rng,
        list,
        negatives,
        &used,
        &household_of,
        &national,
        &mut plan,
    );
    Ok(plan)
}

fn join(tokens: &[String]) -> String {
    tokens.join(" ")
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

/// A clerk re-typing the name: reordered, spaced differently, one typo, or not in capitals.
fn retyped(rng: &mut Rng, f: &Foreigner) -> String {
    let base = f.list_tokens();
    for _ in 0..8 {
        let out = match rng.weighted_index(&[40.0, 20.0, 30.0, 10.0]) {
            0 => {
                let (s, g) = (words(&f.shown_surname()), words(&f.shown_given()));
                join(&if f.surname_first_on_list() {
                    [g, s].concat()
                } else {
                    [s, g].concat()
                })
            }
            1 => {
                let mut t = base.clone();
                if t.len() >= 3 && rng.chance(0.5) {
                    let i = rng.index(t.len() - 1);
                    let merged = format!("{}{}", t[i], t[i + 1]);
                    t.splice(i..i + 2, [merged]);
                    join(&t)
                } else {
                    // Split a long token after its first syllable-ish part, or double a space.
                    match t.iter().position(|w| w.len() >= 6) {
                        Some(i) => {
                            let cut = t[i]
                                .char_indices()
                                .nth(t[i].chars().count() / 2)
                                .map_or(0, |c| c.0);
                            let (a, b) = t[i].split_at(cut);
                            let split = [a.to_string(), b.to_string()];
                            t.splice(i..=i, split);
                            join(&t)
                        }
                        None => base.join("  "),
                    }
                }
            }
            2 => {
                let mut t = base.clone();
                perturb::typos(rng, &mut t, 1);
                join(&t)
            }
            _ => perturb::title_case(&join(&base)),
        };
        if out != join(&base) {
            return out;
        }
    }
    perturb::title_case(&join(&base))
}

fn is_prefix_particle(w: &str) -> bool {
    matches!(
        w,
        "MUHAMMAD" | "MOHAMMAD" | "MOHAMMED" | "MOHAMED" | "MD" | "MD." | "MST" | "MST." | "MOHD"
    )
}

/// The name as the roll shows it for this category.
fn roll_name(rng: &mut Rng, f: &Foreigner, cat: &str) -> String {
    let base = f.list_tokens();
    let (surname, given) = (words(&f.shown_surname()), words(&f.shown_given()));
    let list_order = |given: Vec<String>| {
        if f.surname_first_on_list() {
            [surname.clone(), given].concat()
        } else {
            [given, surname.clone()].concat()
        }
    };
    match cat {
        "nik_same_name_retyped" => retyped(rng, f),
        "name_order_swapped" => join(&[given, surname].concat()),
        "middle_name_dropped" => {
            let mut g = given;
            let pat = g
                .iter()
                .position(|w| matches!(w.as_str(), "BIN" | "BINTI" | "A/L" | "A/P"));
            match pat {
                Some(i) if i + 1 < g.len() && i > 0 => {
                    g.drain(i..=i + 1);
                }
                _ if is_prefix_particle(&g[0]) => {
                    g.remove(0);
                }
                _ => {
                    let i = 1 + rng.index(g.len() - 1);
                    g.remove(i);
                }
            }
            join(&list_order(g))
        }
        "given_name_only" => join(&given),
        "syllables_split" => {
            let alt = f.resyllabified_given().unwrap_or_else(|| f.shown_given());
            join(&list_order(words(&alt)))
        }
        "other_romanisation" => {
            let mut t = base;
            let candidates: Vec<usize> = (0..t.len())
                .filter(|&i| !romanisations(&t[i], f.nationality().kind).is_empty())
                .collect();
            if let Some(&i) = candidates.get(rng.index(candidates.len().max(1))) {
                let alts = romanisations(&t[i], f.nationality().kind);
                t[i] = rng.pick(&alts).to_string();
            }
            join(&t).split_whitespace().collect::<Vec<_>>().join(" ")
        }
        "typos" => {
            let mut t = base;
            let n = if rng.chance(0.6) { 1 } else { 2 };
            if perturb::typos(rng, &mut t, n) == 0 {
                // Nothing typo-able (accents everywhere): drop the accents instead of a typo.
                return transliterate(&join(&t));
            }
            join(&t)
        }
        _ => join(&base),
    }
}

/// The second, minor difference some planted rows carry.
fn secondary(rng: &mut Rng, f: &Foreigner, name: &mut String) -> Option<&'static str> {
    if !rng.chance(0.1) {
        return None;
    }
    if f.muslim && f.dob.age_on(ELECTION) >= 30 {
        name.insert_str(0, if f.female { "HJ. " } else { "H. " });
        Some("title")
    } else if !name.is_ascii() {
        *name = transliterate(name);
        Some("accents_dropped")
    } else {
        name.push_str(", ");
        let degree = *rng.pick(&["S.E.", "S.T.", "M.M.", "S.KOM.", "PH.D."]);
        name.push_str(degree);
        Some("degree")
    }
}

pub fn birthplace_in(rng: &mut Rng, regency: usize) -> String {
    let r = regions();
    if rng.chance(0.8) {
        r.regencies[regency].place.clone()
    } else {
        let g = rng.index(r.regencies.len());
        r.regencies[g].place.clone()
    }
}

pub fn province_of(regency: usize) -> u8 {
    let r = regions();
    r.provinces[r.regencies[regency].province].code
}

/// An Indonesian citizen living in `regency` (for households around special rows).
pub fn citizen(
    rng: &mut Rng,
    regency: usize,
    female: bool,
    age: u32,
    marital: u8,
    family: Option<&'static str>,
) -> PendingMember {
    let province = province_of(regency);
    let group = group_for(rng, province);
    let dob = household::birth_date(rng, age.clamp(17, 95));
    let spec = NameSpec {
        group,
        female,
        birth_year: dob.year,
        birth_order: rng.below(4) as u8,
        family: if group.has_family_name() {
            family.or_else(|| id_names().family_name(rng, group))
        } else {
            None
        },
        province,
    };
    let mut name = String::new();
    id_names().name(rng, &spec, &mut name);
    let voter = Voter {
        nik: 0,
        name,
        birthplace: birthplace_in(rng, regency),
        dob,
        female,
        marital,
        disability: household::disability(rng, age),
        note: household::note(rng, age),
    };
    PendingMember {
        voter,
        tag: None,
        plan: NikPlan::Local {
            date: dob,
            female,
            away: rng.chance(0.15),
            avoid: None,
        },
    }
}

/// Members of a WNI household around `person` (a foreigner or look-alike): a spouse, maybe adult
/// children. The man comes first, as on a family card.
pub fn wni_family(rng: &mut Rng, regency: usize, person: PendingMember) -> Vec<PendingMember> {
    let age = person.voter.dob.age_on(ELECTION);
    let female = person.voter.female;
    let gap = (3.5 + 4.0 * rng.normal()).round().clamp(-3.0, 15.0) as i64;
    let spouse_age = if female {
        i64::from(age) + gap
    } else {
        i64::from(age) - gap
    }
    .clamp(18, 90) as u32;
    let spouse = citizen(rng, regency, !female, spouse_age, b'S', None);
    let mut out = if female {
        vec![spouse, person]
    } else {
        vec![person, spouse]
    };
    if age >= 40 {
        for _ in 0..rng.below(3) {
            let kid_age = rng.range(17, i64::from(age) - 20) as u32;
            let kid_female = rng.chance(0.5);
            out.push(citizen(rng, regency, kid_female, kid_age, b'B', None));
        }
    }
    out
}

fn build(
    rng: &mut Rng,
    list: &[Foreigner],
    fi: usize,
    cat: &'static str,
    regency: usize,
    tag: Tag,
) -> (Pending, Option<&'static str>) {
    let f = &list[fi];
    let mut name = roll_name(rng, f, cat);
    let extra = secondary(rng, f, &mut name);
    let dob = match cat {
        "dob_day_month_swapped" => perturb::swap_day_month(f.dob).expect("eligible"),
        "dob_one_digit_off" => perturb::one_digit_off(rng, f.dob),
        "dob_placeholder" => perturb::placeholder(rng, f.dob),
        _ => f.dob,
    };
    // NIK numbers are issued after the layout; the district is already known.
    let nik_district = f.has_nik.then(|| regions().districts[f.nik_district].code);
    let plan = match cat {
        "nik_typo" => NikPlan::Typo(fi),
        "nik_transposed" => NikPlan::Transposed(fi),
        "fresh_indonesian_nik" => NikPlan::Local {
            date: dob,
            female: f.female,
            away: rng.chance(0.5),
            avoid: nik_district,
        },
        _ if f.has_nik => NikPlan::Foreign(fi),
        _ => NikPlan::Local {
            date: dob,
            female: f.female,
            away: rng.chance(0.15),
            avoid: None,
        },
    };
    let birthplace = if cat == "birthplace_abroad" {
        f.birthplace.to_string()
    } else {
        birthplace_in(rng, regency)
    };
    let in_family = rng.chance(0.4);
    let marital = if in_family { b'S' } else { *rng.pick(b"SSBBP") };
    let note = match rng.below(20) {
        0 | 1 => b'B',
        2 => b'U',
        _ => 0,
    };
    let voter = Voter {
        nik: 0,
        name,
        birthplace,
        dob,
        female: f.female,
        marital,
        disability: 0,
        note,
    };
    let person = PendingMember {
        voter,
        tag: Some(tag),
        plan,
    };
    let members = if in_family {
        wni_family(rng, regency, person)
    } else {
        vec![person]
    };
    (Pending { regency, members }, extra)
}

#[cfg(test)]
mod tests {
    use super::super::foreign;
    use super::*;

    #[test]
    fn categories_are_spread_evenly() {
        let mut rng = Rng::new(1, &[]);
        let cats = spread(&mut rng, &CATEGORIES, 47);
        assert_eq!(cats.len(), 47);
        for c in CATEGORIES {
            let n = cats.iter().filter(|x| **x == c).count();
            assert!((3..=4).contains(&n), "{c}: {n}");
        }
    }

    #[test]
    fn every_category_finds_a_foreigner_and_differs_as_promised() {
        let list = foreign::generate(5, 4000);
        let mut rng = Rng::new(2, &[]);
        for cat in CATEGORIES {
            let fi = find(&mut rng, list.len(), |i| eligible(cat, &list[i]))
                .unwrap_or_else(|| panic!("{cat}"));
            let f = &list[fi];
            let name = roll_name(&mut rng, f, cat);
            let base = f.list_tokens().join(" ");
            let changes_name = matches!(
                cat,
                "nik_same_name_retyped"
                    | "name_order_swapped"
                    | "middle_name_dropped"
                    | "given_name_only"
                    | "syllables_split"
                    | "other_romanisation"
                    | "typos"
            );
            assert_eq!(name != base, changes_name, "{cat}: {base} -> {name}");
        }
    }
}
