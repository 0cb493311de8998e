//! The foreigner list: permit holders (ITAS/ITAP/ITK) with names in passport form by nationality,
//! passports, permits, Indonesian residence and, for KTP-el holders, a NIK (DOMAIN §4).
//!
//! Nationality shares follow DOMAIN §4.2 (China leads the permits; Korea, Japan, Australia, the
//! Netherlands, the USA lead WNA KTP-el holders); residences cluster where foreigners live (Bali, Jakarta,
//! Batam, the nickel parks of Morowali and Halmahera, the Karawang-Bekasi industrial belt, Lombok...).
//! Names keep the real overlap with Indonesian names (Malay and Arab Muslim names, Hokkien surnames).

use std::collections::HashMap;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::date::{Date, ELECTION};
use super::documents::{Permit, passport, permit_number};
use super::nik;
use super::passport::{Join, Kind, gen_name, pool, transliterate};
use super::region::regions;
use super::rng::{Rng, stream};

/// One nationality of the list (`data/synth/nationalities.txt`).
pub struct Nat {
    /// ICAO code.
    pub code: &'static str,
    /// Indonesian name (`TIONGKOK`, `KOREA SELATAN`).
    pub name_id: &'static str,
    pub share: f64,
    pub kind: Kind,
    /// Share holding ITAP (permanent stay, hence a KTP-el).
    pub itap: f64,
    pub male: f64,
    /// Where they live: (regency index, weight).
    pub hotspots: Vec<(usize, f64)>,
}

const NATIONALITIES: &str = include_str!("../../data/synth/nationalities.txt");

/// The nationalities, in file order.
pub fn nats() -> &'static [Nat] {
    static N: OnceLock<Vec<Nat>> = OnceLock::new();
    N.get_or_init(|| {
        let r = regions();
        let mut profiles: HashMap<&str, Vec<(usize, f64)>> = HashMap::new();
        for line in NATIONALITIES.lines().filter_map(|l| l.strip_prefix('@')) {
            let mut parts = line.split_whitespace();
            let name = parts.next().expect("profile name");
            let spots = parts
                .map(|p| {
                    let (code, w) = p.split_once(':').expect("code:weight");
                    let code: u16 = code.parse().expect("regency code");
                    let g = r
                        .regency_by_code(code)
                        .unwrap_or_else(|| panic!("nationalities.txt: no regency {code}"));
                    (g, w.parse().expect("weight"))
                })
                .collect();
            profiles.insert(name, spots);
        }
        NATIONALITIES
            .lines()
            .filter(|l| l.contains('|') && !l.trim_start().starts_with('#'))
            .map(|l| {
                let f: Vec<&'static str> = l.split('|').map(str::trim).collect();
                assert_eq!(f.len(), 7, "nationalities.txt: {l}");
                Nat {
                    code: f[0],
                    name_id: f[1],
                    share: f[2].parse().expect("share"),
                    kind: Kind::from_name(f[3]),
                    itap: f[4].parse().expect("itap"),
                    male: f[5].parse().expect("male"),
                    hotspots: profiles
                        .get(f[6])
                        .unwrap_or_else(|| panic!("no profile {}", f[6]))
                        .clone(),
                }
            })
            .collect()
    })
}

/// How the list writes NAMA.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListForm {
    /// `ZHANG, WEI MING`
    Comma,
    /// `ZHANG<<WEI<MING` (MRZ, transliterated)
    Mrz,
    /// `JOHN PAUL SMITH`
    Plain,
    /// `TAN WEI LIANG` (surname first, no comma)
    PlainSurnameFirst,
}

#[derive(Clone, Debug)]
pub struct Foreigner {
    pub nat: usize,
    pub female: bool,
    /// Passport spelling; empty when the passport has none (Malay names, some Indian names).
    pub surname: String,
    /// Given names as the passport writes them (syllabic names already joined per `join`).
    pub given: String,
    /// Syllables of an East-Asian given name (empty otherwise).
    pub syllables: Vec<&'static str>,
    pub join: Join,
    pub form: ListForm,
    pub muslim: bool,
    pub dob: Date,
    pub birthplace: &'static str,
    pub passport: String,
    pub permit: Permit,
    pub permit_label: &'static str,
    pub permit_no: String,
    pub expiry: Date,
    pub has_nik: bool,
    /// District index of the NIK (residence), when the foreigner has a KTP-el.
    pub nik_district: usize,
    pub nik: Option<u64>,
    pub regency: usize,
    pub address: String,
    pub nat_as_code: bool,
    pub sex_long: bool,
    pub iso_dates: bool,
}

impl Foreigner {
    pub fn nationality(&self) -> &'static Nat {
        &nats()[self.nat]
    }

    /// Surname as the list shows it (MRZ rows are transliterated).
    pub fn shown_surname(&self) -> String {
        if self.form == ListForm::Mrz {
            transliterate(&self.surname)
        } else {
            self.surname.clone()
        }
    }

    pub fn shown_given(&self) -> String {
        if self.form == ListForm::Mrz {
            transliterate(&self.given)
        } else {
            self.given.clone()
        }
    }

    /// The NAMA column.
    pub fn nama(&self) -> String {
        let (s, g) = (self.shown_surname(), self.shown_given());
        match (self.form, s.is_empty(), g.is_empty()) {
            (_, true, _) if self.form == ListForm::Mrz => g.replace(' ', "<"),
            (_, true, _) => g,
            (_, false, true) if self.form == ListForm::Mrz => s.replace(' ', "<"),
            (_, false, true) => s,
            (ListForm::Comma, ..) => format!("{s}, {g}"),
            (ListForm::Mrz, ..) => format!("{}<<{}", s.replace(' ', "<"), g.replace(' ', "<")),
            (ListForm::Plain, ..) => format!("{g} {s}"),
            (ListForm::PlainSurnameFirst, ..) => format!("{s} {g}"),
        }
    }

    /// True when the list shows the surname before the given names.
    pub fn surname_first_on_list(&self) -> bool {
        !self.surname.is_empty()
            && matches!(
                self.form,
                ListForm::Comma | ListForm::Mrz | ListForm::PlainSurnameFirst
            )
    }

    /// Name tokens in list order (what a roll clerk copying the list would type).
    pub fn list_tokens(&self) -> Vec<String> {
        let (s, g) = (self.shown_surname(), self.shown_given());
        let words = |x: &str| x.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        if self.surname_first_on_list() {
            words(&s).into_iter().chain(words(&g)).collect()
        } else {
            words(&g).into_iter().chain(words(&s)).collect()
        }
    }

    /// The syllabic given name written another way (joined <-> split), if it has two or more syllables.
    pub fn resyllabified_given(&self) -> Option<String> {
        if self.syllables.len() < 2 {
            return None;
        }
        Some(match self.join {
            Join::Joined => self.syllables.join(" "),
            Join::Split | Join::Hyphen => self.syllables.concat(),
        })
    }
}

fn list_form(rng: &mut Rng, kind: Kind, surname: &str) -> ListForm {
    use ListForm::*;
    let (forms, w): ([ListForm; 4], [f64; 4]) = match kind {
        Kind::Prc | Kind::Taiwan | Kind::Korea | Kind::Japan | Kind::Vietnam => (
            [Comma, Mrz, Plain, PlainSurnameFirst],
            [75.0, 15.0, 0.0, 10.0],
        ),
        Kind::Malaysia if !surname.is_empty() => (
            [Comma, Mrz, Plain, PlainSurnameFirst],
            [35.0, 15.0, 0.0, 50.0],
        ),
        Kind::Malaysia => (
            [Comma, Mrz, Plain, PlainSurnameFirst],
            [0.0, 15.0, 85.0, 0.0],
        ),
        Kind::India
        | Kind::Pakistan
        | Kind::Bangladesh
        | Kind::Saudi
        | Kind::Yemen
        | Kind::Egypt => (
            [Comma, Mrz, Plain, PlainSurnameFirst],
            [30.0, 15.0, 55.0, 0.0],
        ),
        _ => (
            [Comma, Mrz, Plain, PlainSurnameFirst],
            [55.0, 15.0, 30.0, 0.0],
        ),
    };
    forms[rng.weighted_index(&w)]
}

fn foreign_age(rng: &mut Rng, kind: Kind) -> u32 {
    let retiree = matches!(
        kind,
        Kind::English | Kind::Dutch | Kind::German | Kind::French | Kind::Japan
    );
    if retiree && rng.chance(0.12) {
        return rng.range(55, 75) as u32;
    }
    if rng.chance(0.8) {
        (38.0 + 9.0 * rng.normal()).round().clamp(21.0, 62.0) as u32
    } else {
        rng.range(18, 75) as u32
    }
}

const ESTATES: [&str; 12] = [
    "GRIYA ASRI",
    "BUMI INDAH",
    "TAMAN SARI",
    "PURI KENCANA",
    "GRAHA PERMAI",
    "CITRA HARMONI",
    "MENARA SEJAHTERA",
    "TAMAN MUTIARA",
    "NUSA INDAH",
    "VILLA BUKIT MAS",
    "PESONA ALAM",
    "GRAND PARAMA",
];

fn address(rng: &mut Rng, regency_code: u16) -> String {
    let industrial = matches!(regency_code, 7206 | 7212 | 8202 | 8204 | 7402);
    let n = rng.range(1, 180);
    if industrial && rng.chance(0.7) {
        return format!(
            "MESS KARYAWAN KAWASAN INDUSTRI BLOK {}{} NO. {n}",
            *rng.pick(&["A", "B", "C", "D", "E", "F"]),
            rng.range(1, 20)
        );
    }
    let x = rng.unit();
    if x < 0.45 {
        let streets = &super::names::id_names().street;
        format!("JL. {} NO. {n}", streets.pick(rng))
    } else if x < 0.7 {
        format!(
            "PERUM {} BLOK {}{} NO. {n}",
            rng.pick(&ESTATES),
            *rng.pick(&["A", "B", "C", "D"]),
            rng.range(1, 12)
        )
    } else if x < 0.88 {
        format!(
            "APARTEMEN {} TOWER {} UNIT {}{:02}",
            rng.pick(&ESTATES),
            *rng.pick(&["A", "B", "C"]),
            rng.range(2, 35),
            rng.range(1, 40)
        )
    } else {
        format!("VILLA {} NO. {n}", rng.pick(&ESTATES))
    }
}

/// One foreigner (without NIK serial: that needs the roll layout, see [`assign_niks`]).
fn generate_one(rng: &mut Rng) -> Foreigner {
    let shares: Vec<f64> = nats().iter().map(|n| n.share).collect();
    let nat = rng.weighted_index(&shares);
    let n = &nats()[nat];
    let female = !rng.chance(n.male);
    let (given, surname, syllables, join, muslim) = gen_name(rng, n.kind, female);
    let form = list_form(rng, n.kind, &surname);
    let age = foreign_age(rng, n.kind);
    let dob = Date::random_for_age(rng, age, ELECTION);
    let birthplace = pool(n.code).pick(rng);
    let r = regions();
    let weights: Vec<f64> = n.hotspots.iter().map(|h| h.1).collect();
    let regency = n.hotspots[rng.weighted_index(&weights)].0;
    let regency_code = r.regencies[regency].code;
    let permit = if rng.chance(n.itap) {
        Permit::Itap
    } else if rng.chance(0.06) {
        Permit::Itk
    } else {
        Permit::Itas
    };
    let labels = match permit {
        Permit::Itas => ["ITAS", "KITAS", "ITAS"],
        Permit::Itap => ["ITAP", "KITAP", "ITAP"],
        Permit::Itk => ["ITK", "VISA KUNJUNGAN", "ITK"],
    };
    let permit_label = *rng.pick(&labels);
    let expiry = match permit {
        Permit::Itas => ELECTION.add_days(rng.range(-40, 700)),
        Permit::Itap => ELECTION.add_days(rng.range(30, 1800)),
        Permit::Itk => ELECTION.add_days(rng.range(-20, 60)),
    };
    // DOMAIN §4.1: every ITAP holder has a KTP-el (hence a NIK); many ITAS holders have one too.
    let has_nik = match permit {
        Permit::Itap => true,
        Permit::Itas => rng.chance(0.3),
        Permit::Itk => false,
    };
    let districts = r.regencies[regency].districts.clone();
    let nik_district = districts.start + rng.index(districts.len());
    Foreigner {
        nat,
        female,
        surname,
        given,
        syllables,
        join,
        form,
        muslim,
        dob,
        birthplace,
        passport: passport(rng, n.code),
        permit,
        permit_label,
        permit_no: permit_number(rng, permit),
        expiry,
        has_nik,
        nik_district,
        nik: None,
        regency,
        address: address(rng, regency_code),
        nat_as_code: rng.chance(0.25),
        sex_long: rng.chance(if has_nik { 0.6 } else { 0.15 }),
        iso_dates: rng.chance(0.3),
    }
}

const BLOCK: u64 = 4096;

/// The list in the permit office's order (nationality, then name, then permit number).
pub fn generate(seed: u64, count: u64) -> Vec<Foreigner> {
    let blocks = count.div_ceil(BLOCK);
    let mut list: Vec<Foreigner> = (0..blocks)
        .into_par_iter()
        .flat_map_iter(|b| {
            let mut rng = Rng::new(seed, &[stream::FOREIGN, b]);
            let n = BLOCK.min(count - b * BLOCK);
            (0..n)
                .map(move |_| generate_one(&mut rng))
                .collect::<Vec<_>>()
        })
        .collect();
    list.sort_by(|a, b| {
        (nats()[a.nat].code, &a.surname, &a.given, &a.permit_no).cmp(&(
            nats()[b.nat].code,
            &b.surname,
            &b.given,
            &b.permit_no,
        ))
    });
    list
}

/// Gives every KTP-el holder a NIK: residence district, birth date (+40 for women) and the next serial
/// of the foreigners' lane (see `nik`), counted in list order.
pub fn assign_niks(list: &mut [Foreigner], tps_per_district: &[u32]) {
    let r = regions();
    let mut counts: std::collections::HashMap<(u32, u32), u32> = std::collections::HashMap::new();
    for f in list.iter_mut().filter(|f| f.has_nik) {
        let code = r.districts[f.nik_district].code;
        let d6 = nik::date6(f.dob, f.female);
        let j = counts.entry((code, d6)).or_insert(0);
        let stride = nik::stride(tps_per_district[f.nik_district]);
        let serial = nik::serial(nik::Kind::Nik, code, d6, nik::Lane::Foreign, *j, stride);
        *j += 1;
        f.nik = Some(nik::compose(code, d6, serial));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Foreigner> {
        generate(11, 3000)
    }

    #[test]
    fn names_in_passport_forms() {
        let list = sample();
        let count = |f: &dyn Fn(&Foreigner) -> bool| list.iter().filter(|x| f(x)).count();
        let cases: [(&str, usize, usize); 6] = [
            ("comma form", count(&|x| x.nama().contains(", ")), 1000),
            ("MRZ form", count(&|x| x.nama().contains("<<")), 150),
            (
                "Malay BIN/BINTI",
                count(&|x| x.given.contains(" BIN ") || x.given.contains(" BINTI ")),
                40,
            ),
            (
                "Hokkien TAN/LIM",
                count(&|x| x.surname == "TAN" || x.surname == "LIM"),
                15,
            ),
            ("accented", count(&|x| !x.nama().is_ascii()), 10),
            (
                "Chinese leads",
                count(&|x| x.nationality().code == "CHN"),
                700,
            ),
        ];
        for (label, got, at_least) in cases {
            assert!(got >= at_least, "{label}: {got} < {at_least}");
        }
        assert!(
            list.iter()
                .all(|x| !x.nama().is_empty() && x.nama() == x.nama().to_uppercase())
        );
    }

    #[test]
    fn list_is_sorted_by_nationality_then_name() {
        let list = sample();
        assert!(
            list.windows(2)
                .all(|w| nats()[w[0].nat].code <= nats()[w[1].nat].code)
        );
    }

    #[test]
    fn permits_ages_and_kt_pel() {
        let list = sample();
        for x in &list {
            let age = x.dob.age_on(ELECTION);
            assert!((18..=75).contains(&age), "age {age}");
            if x.permit == Permit::Itap {
                assert!(x.has_nik, "ITAP holders have a KTP-el");
            }
            if x.permit == Permit::Itk {
                assert!(!x.has_nik, "visitors have none");
            }
        }
        let itap =
            list.iter().filter(|x| x.permit == Permit::Itap).count() as f64 / list.len() as f64;
        assert!((0.04..0.14).contains(&itap), "ITAP share {itap}");
    }

    #[test]
    fn same_seed_same_list() {
        let a: Vec<String> = generate(3, 500).iter().map(Foreigner::nama).collect();
        let b: Vec<String> = generate(3, 500).iter().map(Foreigner::nama).collect();
        assert_eq!(a, b);
    }
}
