//! End-to-end checks on written files: run the generator into a temporary directory, parse what it
//! wrote and check the promises (valid NIKs, determinism, truth rows pointing at the planted records,
//! category relations, file forms).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use super::date::Date;
use super::passport::transliterate;
use super::region::regions;
use super::{SynthOptions, negatives, nik, planted, run};
use crate::cli::VariantArg;

fn options(out: &Path, seed: u64, variants: Vec<VariantArg>) -> SynthOptions {
    SynthOptions {
        dpt_rows: 4000,
        foreign_rows: 1500,
        planted: 30,
        hard_negatives: 16,
        seed,
        variants,
        out: out.to_path_buf(),
    }
}

const FILES: [&str; 5] = [
    "dpt.csv",
    "foreign.csv",
    "truth.csv",
    "negatives.csv",
    "README.txt",
];

/// All files' bytes of one run.
fn generate(seed: u64, variants: Vec<VariantArg>) -> BTreeMap<&'static str, Vec<u8>> {
    let dir = tempfile::tempdir().expect("temp dir");
    run(&options(dir.path(), seed, variants)).expect("synth run");
    FILES
        .iter()
        .map(|f| (*f, std::fs::read(dir.path().join(f)).expect("file written")))
        .collect()
}

fn text(bytes: &[u8], cp1252: bool) -> String {
    if cp1252 {
        encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned()
    } else {
        String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
    }
}

/// Records (header first), delimiter sniffed from the header line.
fn records(text: &str) -> Vec<Vec<String>> {
    let header = text.lines().next().unwrap_or_default();
    let delimiter = if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}

/// (dpt_row, foreign_row, category), 1-based rows.
fn pairs(bytes: &[u8]) -> Vec<(usize, usize, String)> {
    let t = text(bytes, false);
    let mut lines = t.lines();
    assert_eq!(lines.next(), Some("dpt_row,foreign_row,category"));
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (
                f[0].parse().expect("row"),
                f[1].parse().expect("row"),
                f[2].to_string(),
            )
        })
        .collect()
}

/// DD-MM-YYYY or YYYY-MM-DD (the standard forms).
fn date(s: &str) -> Date {
    let p: Vec<u16> = s.split('-').map(|x| x.parse().expect("digits")).collect();
    let (y, m, d) = if p[0] > 31 {
        (p[0], p[1], p[2])
    } else {
        (p[2], p[1], p[0])
    };
    Date::new(y, m as u8, d as u8).unwrap_or_else(|| panic!("not a date: {s}"))
}

fn male(list_sex: &str) -> bool {
    matches!(list_sex, "M" | "MALE")
}

/// Comparison tokens of a list name (`ZHANG, WEI`, `ZHANG<<WEI`).
fn list_tokens(nama: &str) -> Vec<String> {
    transliterate(&nama.replace(['<', ','], " "))
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Comparison tokens of a roll name: upper case, without H./HJ. and degrees.
fn roll_tokens(name: &str) -> Vec<String> {
    let core = name.split(", ").next().unwrap_or_default().to_uppercase();
    let core = core
        .strip_prefix("HJ. ")
        .or_else(|| core.strip_prefix("H. "))
        .unwrap_or(&core)
        .to_string();
    transliterate(&core)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

fn is_subsequence(small: &[String], big: &[String]) -> bool {
    let mut it = big.iter();
    small.iter().all(|s| it.any(|b| b == s))
}

fn differing_positions(a: &str, b: &str) -> Vec<usize> {
    a.bytes()
        .zip(b.bytes())
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, _)| i)
        .collect()
}

// Column indexes (standard forms).
const NKK: usize = 1;
const NIK: usize = 2;
const NAMA: usize = 3;
const TMP: usize = 4;
const TGL: usize = 5;
const USIA: usize = 6;
const JK: usize = 7;
const F_NAMA: usize = 1;
const F_SEX: usize = 2;
const F_TMP: usize = 3;
const F_TGL: usize = 4;
const F_NIK: usize = 10;

#[test]
fn niks_and_nkks_are_well_formed_and_match_birth_date_and_sex() {
    for seed in [21u64] {
        let files = generate(seed, vec![]);
        let dpt = records(&text(&files["dpt.csv"], false));
        let special: HashSet<usize> = pairs(&files["truth.csv"])
            .into_iter()
            .chain(pairs(&files["negatives.csv"]))
            .map(|p| p.0)
            .collect();
        let r = regions();
        let mut mismatched_dates = 0;
        let mut checked = 0;
        for (i, row) in dpt.iter().enumerate().skip(1) {
            if special.contains(&i) {
                continue; // designed differences (a typo may even hit the district code): checked per category
            }
            for (label, value) in [("NIK", &row[NIK]), ("NKK", &row[NKK])] {
                assert!(
                    value.len() == 16 && value.bytes().all(|b| b.is_ascii_digit()),
                    "row {i} {label} {value}"
                );
                let (district, d6, serial) = nik::parts(value.parse().expect("digits"));
                assert!(
                    r.is_known_district(district),
                    "row {i}: {label} district {district} not in regions.csv"
                );
                assert!(serial > 0, "row {i}: serial 0000");
                if label == "NKK" {
                    assert!(d6 / 10_000 <= 31, "row {i}: NKK date has no +40");
                }
            }
            checked += 1;
            let dob = date(&row[TGL]);
            let (nik_dob, female) =
                nik::decode_date(nik::parts(row[NIK].parse().expect("digits")).1)
                    .unwrap_or_else(|| panic!("row {i}: NIK date segment is not a date"));
            assert_eq!(
                female,
                row[JK] == "P",
                "row {i}: sex in NIK (+40) agrees with JENIS KELAMIN"
            );
            assert_eq!(
                dob.age_on(super::date::ELECTION).to_string(),
                row[USIA],
                "row {i}: USIA"
            );
            if (nik_dob.day, nik_dob.month, nik_dob.year % 100)
                != (dob.day, dob.month, dob.year % 100)
            {
                mismatched_dates += 1;
            }
        }
        let share = f64::from(mismatched_dates) / f64::from(checked);
        assert!(
            (0.003..0.025).contains(&share),
            "about 1% of NIKs keep an older birth date: {share}"
        );
    }
}
#[test]
fn same_seed_same_bytes_on_any_thread_count() {
    let build = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        pool.install(|| generate(5, vec![VariantArg::MixedDates]))
    };
    let one = build(1);
    let three = build(3);
    // README.txt names the output directory, which differs between temporary directories.
    let readme = |b: &[u8]| {
        text(b, false)
            .lines()
            .filter(|l| !l.starts_with("Command:"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let again = generate(5, vec![VariantArg::MixedDates]);
    for f in FILES {
        let same = |x: &BTreeMap<&str, Vec<u8>>| {
            if f == "README.txt" {
                readme(&x[f]) == readme(&one[f])
            } else {
                x[f] == one[f]
            }
        };
        assert!(same(&three), "{f} differs between 1 and 3 threads");
        assert!(same(&again), "{f}: same seed, same bytes");
    }
    let other = generate(6, vec![VariantArg::MixedDates]);
    for f in ["dpt.csv", "foreign.csv", "truth.csv"] {
        assert!(one[f] != other[f], "{f}: different seeds differ");
    }
}

#[test]
fn truth_rows_hold_the_planted_foreigners_as_their_category_says() {
    for seed in [8u64, 101, 133] {
        let files = generate(seed, vec![]);
        let dpt = records(&text(&files["dpt.csv"], false));
        let foreign = records(&text(&files["foreign.csv"], false));
        let truth = pairs(&files["truth.csv"]);
        assert_eq!(truth.len(), 30);
        let seen: HashSet<&str> = truth.iter().map(|t| t.2.as_str()).collect();
        for c in planted::CATEGORIES {
            assert!(seen.contains(c), "category {c} planted");
        }
        let rows: Vec<usize> = truth.iter().map(|t| t.0).collect();
        assert!(
            rows.iter().any(|&r| r < dpt.len() / 2),
            "planted rows are spread over the roll, not all at the end"
        );
        for (row, frow, cat) in &truth {
            let (a, b) = (&dpt[*row], &foreign[*frow]);
            let ctx = format!("{cat}: roll {a:?} list {b:?}");
            assert_eq!(a[JK] == "L", male(&b[F_SEX]), "{ctx}: sex");
            let (rd, ld) = (date(&a[TGL]), date(&b[F_TGL]));
            match cat.as_str() {
                "dob_day_month_swapped" => assert_eq!(
                    (rd.day, rd.month, rd.year),
                    (ld.month, ld.day, ld.year),
                    "{ctx}"
                ),
                "dob_one_digit_off" => {
                    let diff = differing_positions(&super::date::dmy(rd), &super::date::dmy(ld));
                    assert_eq!(diff.len(), 1, "{ctx}: one digit of DD-MM-YYYY");
                }
                "dob_placeholder" => {
                    assert!(
                        rd.year == ld.year
                            && matches!((rd.day, rd.month), (1, 7) | (31, 12))
                            && rd != ld,
                        "{ctx}"
                    )
                }
                _ => assert_eq!(rd, ld, "{ctx}: birth date intact"),
            }
            let (rn, ln) = (&a[NIK], &b[F_NIK]);
            match cat.as_str() {
                "nik_typo" => assert_eq!(differing_positions(rn, ln).len(), 1, "{ctx}: one digit"),
                "nik_transposed" => {
                    let d = differing_positions(rn, ln);
                    let (x, y) = (rn.as_bytes(), ln.as_bytes());
                    assert!(
                        d.len() == 2
                            && d[1] == d[0] + 1
                            && x[d[0]] == y[d[1]]
                            && x[d[1]] == y[d[0]],
                        "{ctx}"
                    );
                }
                "no_nik_on_list" => assert!(ln.is_empty(), "{ctx}: list has no NIK"),
                "fresh_indonesian_nik" => {
                    assert_ne!(rn, ln, "{ctx}");
                    assert!(
                        ln.is_empty() || rn[..6] != ln[..6],
                        "{ctx}: registered elsewhere"
                    );
                }
                _ if !ln.is_empty() => assert_eq!(rn, ln, "{ctx}: the foreigner's NIK"),
                _ => {}
            }
            if cat == "nik_same_name_retyped" || cat == "nik_typo" || cat == "nik_transposed" {
                assert!(!ln.is_empty(), "{ctx}: list has a NIK");
            }
            if cat == "birthplace_abroad" {
                assert_eq!(a[TMP], b[F_TMP], "{ctx}: birthplace");
            } else {
                assert_ne!(a[TMP], b[F_TMP], "{ctx}: Indonesian birthplace");
            }
            let (rt, lt) = (roll_tokens(&a[NAMA]), list_tokens(&b[F_NAMA]));
            let joined = |t: &[String]| t.concat().replace('-', "");
            match cat.as_str() {
                "name_order_swapped" => {
                    let (mut x, mut y) = (rt.clone(), lt.clone());
                    x.sort();
                    y.sort();
                    assert!(x == y && rt != lt, "{ctx}: same words, other order");
                }
                "given_name_only" | "middle_name_dropped" => {
                    assert!(
                        rt.len() < lt.len() && is_subsequence(&rt, &lt),
                        "{ctx}: words dropped"
                    );
                }
                "syllables_split" => assert!(
                    joined(&rt) == joined(&lt) && rt != lt,
                    "{ctx}: same letters, other split"
                ),
                "typos" => {
                    let d = strsim::levenshtein(&rt.join(" "), &lt.join(" "));
                    assert!((1..=4).contains(&d), "{ctx}: 1-2 typos ({d})");
                }
                "other_romanisation" => {
                    // Compared before accent folding: FRANÇOIS -> FRANCOIS is a respelling too.
                    let raw = |x: &str| {
                        x.replace(['<', ','], " ")
                            .split_whitespace()
                            .map(str::to_string)
                            .collect::<Vec<_>>()
                    };
                    let (rr, lr) = (raw(&a[NAMA]), raw(&b[F_NAMA]));
                    let shared = rr.iter().filter(|t| lr.contains(t)).count();
                    assert!(
                        rr != lr && shared + 1 >= lr.len().min(rr.len()),
                        "{ctx}: one word respelled"
                    );
                }
                "nik_same_name_retyped" => {
                    let (mut x, mut y) = (rt.clone(), lt.clone());
                    x.sort();
                    y.sort();
                    let close = x == y
                        || joined(&rt) == joined(&lt)
                        || strsim::levenshtein(&joined(&rt), &joined(&lt)) <= 2;
                    assert!(close && a[NAMA] != b[F_NAMA], "{ctx}: re-typed");
                }
                _ => assert_eq!(rt, lt, "{ctx}: name intact"),
            }
        }
    }
}
#[test]
fn hard_negatives_resemble_their_foreigner_but_are_other_people() {
    for seed in [8u64, 101, 133] {
        let files = generate(seed, vec![]);
        let dpt = records(&text(&files["dpt.csv"], false));
        let foreign = records(&text(&files["foreign.csv"], false));
        let truth: HashSet<usize> = pairs(&files["truth.csv"])
            .into_iter()
            .map(|t| t.0)
            .collect();
        let negs = pairs(&files["negatives.csv"]);
        assert_eq!(negs.len(), 16);
        let seen: HashSet<&str> = negs.iter().map(|t| t.2.as_str()).collect();
        for c in negatives::CATEGORIES {
            assert!(seen.contains(c), "category {c} present");
        }
        for (row, frow, cat) in &negs {
            assert!(!truth.contains(row), "a negative is not a planted row");
            let (a, b) = (&dpt[*row], &foreign[*frow]);
            let ctx = format!("{cat}: roll {a:?} list {b:?}");
            let same_dob = date(&a[TGL]) == date(&b[F_TGL]);
            let (rt, lt) = (roll_tokens(&a[NAMA]), list_tokens(&b[F_NAMA]));
            let shared = rt.iter().filter(|t| lt.contains(t)).count();
            match cat.as_str() {
                "same_dob_sex_other_name" | "nik_neighbour" => {
                    assert!(
                        same_dob && (a[JK] == "L") == male(&b[F_SEX]),
                        "{ctx}: same birth date and sex"
                    )
                }
                "twin" => assert!(
                    same_dob && shared >= 1,
                    "{ctx}: same birth date, family name"
                ),
                "sibling" => assert!(
                    !same_dob && shared >= 1,
                    "{ctx}: other birth date, family name"
                ),
                "common_name_other_dob" => {
                    assert!(!same_dob && shared >= 2.min(lt.len()), "{ctx}: namesake")
                }
                "look_alike_muslim" => assert!(!same_dob, "{ctx}"),
                "look_alike_chinese_indonesian" => {
                    assert_eq!(rt.first(), lt.first(), "{ctx}: same clan name")
                }
                "born_abroad_citizen" => {
                    assert!(a[TMP] == b[F_TMP] && !same_dob, "{ctx}: birthplace abroad")
                }
                other => panic!("unknown category {other}"),
            }
            if cat == "nik_neighbour" {
                let d = differing_positions(&a[NIK], &b[F_NIK]);
                assert_eq!(d, vec![15], "{ctx}: serial digit");
            }
        }
    }
}
#[test]
fn variants_write_the_promised_forms() {
    let standard = generate(4, vec![]);
    let semi = generate(4, vec![VariantArg::Semicolon]);
    let header = |b: &[u8], cp| text(b, cp).lines().next().unwrap_or_default().to_string();
    assert!(header(&semi["dpt.csv"], false).starts_with("NO;NKK;NIK;NAMA;"));
    assert!(header(&semi["foreign.csv"], false).starts_with("NO;NAMA;JENIS KELAMIN;"));
    assert_eq!(
        semi["truth.csv"], standard["truth.csv"],
        "truth does not depend on the form"
    );

    let cp = generate(4, vec![VariantArg::Cp1252]);
    assert!(
        std::str::from_utf8(&cp["foreign.csv"]).is_err(),
        "Windows-1252 bytes (É, Ü, Ñ), not UTF-8"
    );
    for f in ["dpt.csv", "foreign.csv"] {
        assert!(
            cp[f].windows(2).all(|w| w[1] != b'\n' || w[0] == b'\r'),
            "{f}: CRLF line endings"
        );
        assert_eq!(
            text(&cp[f], true).replace("\r\n", "\n"),
            text(&standard[f], false),
            "{f}: same text"
        );
    }

    let masked = generate(4, vec![VariantArg::MaskedNik]);
    let rows = records(&text(&masked["dpt.csv"], false));
    for row in &rows[1..] {
        let n = &row[NIK];
        let ok = (n.ends_with("**********") || n.ends_with("****") || n[6..12] == *"xxxxxx")
            && n.len() == 16;
        assert!(ok, "masked NIK {n}");
    }
    let region_only = rows[1..]
        .iter()
        .filter(|r| r[NIK].ends_with("**********"))
        .count();
    assert!(
        region_only * 2 > rows.len(),
        "most masks show the region only"
    );
    assert_eq!(masked["truth.csv"], standard["truth.csv"]);

    let alt = generate(4, vec![VariantArg::AltHeaders]);
    let roll_header = header(&alt["dpt.csv"], false);
    assert!(
        roll_header.contains("NAMA PEMILIH") || roll_header.contains("NAMA LENGKAP"),
        "{roll_header}"
    );
    assert!(roll_header.contains("KAB/KOTA"), "{roll_header}");
    let foreign_header = header(&alt["foreign.csv"], false);
    assert!(
        foreign_header.contains("SURNAME,GIVEN NAMES") || foreign_header.contains(",NAME,"),
        "{foreign_header}"
    );
    assert!(
        foreign_header.contains("DOB") && foreign_header.contains("PASSPORT NO"),
        "{foreign_header}"
    );

    let mixed = generate(4, vec![VariantArg::MixedDates]);
    let mixed_rows = records(&text(&mixed["dpt.csv"], false));
    let std_rows = records(&text(&standard["dpt.csv"], false));
    let shapes: HashSet<String> = mixed_rows[1..]
        .iter()
        .map(|r| {
            r[TGL]
                .chars()
                .map(|c| {
                    if c.is_ascii_digit() {
                        '9'
                    } else if c.is_alphabetic() {
                        'a'
                    } else {
                        c
                    }
                })
                .collect()
        })
        .collect();
    assert!(shapes.len() >= 5, "several date shapes: {shapes:?}");
    let same_people = mixed_rows
        .iter()
        .zip(&std_rows)
        .all(|(m, s)| m[NAMA] == s[NAMA] && m[NIK] == s[NIK]);
    assert!(same_people, "the form never changes who is on the roll");
}

#[test]
fn older_papua_residents_keep_pre_2022_codes() {
    use super::{layout, roll, variant};
    let r = regions();
    let merauke = r.regency_by_code(9301).expect("Kab. Merauke 2025");
    let required = BTreeMap::from([(merauke, 3000u64)]);
    let lay = layout::build(3, 3000, &required).expect("layout");
    let form = variant::Form::new(&[], 3);
    let ctx = roll::RollCtx::new(3, &lay, &form, &[]);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("dpt.csv");
    roll::write(&ctx, &path).expect("roll");
    let rows = records(&std::fs::read_to_string(&path).expect("read"));
    let mut old = 0;
    for row in &rows[1..] {
        if row[NIK].starts_with("91") {
            old += 1;
            assert!(
                date(&row[TGL]).year < 2005,
                "only people registered before the split: {row:?}"
            );
        }
    }
    assert!(old > 100, "{old} old-coded NIKs");
}
