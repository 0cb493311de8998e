//! Unit and property tests of parsing (`Name::parse`) and of the signature.

use super::*;
use proptest::prelude::*;

/// (label, raw, display, key)
fn check(cases: &[(&str, &str, &str, &str)]) {
    for &(label, raw, display, key) in cases {
        let n = Name::parse(raw);
        assert_eq!((n.display(), n.key()), (display, key), "{label}: {raw:?}");
    }
}

#[test]
#[rustfmt::skip]
fn leading_titles_are_stripped() {
    check(&[
        ("haji", "H. AHMAD SYAFII", "AHMAD SYAFII", "AHMAD SYAFI"),
        ("hajjah and degrees", "Hj. SITI AMINAH, S.H., M.H.", "SITI AMINAH", "SITI AMINA"),
        ("doctor and degrees", "Dr. BUDI SANTOSO, S.H., M.H.", "BUDI SANTOSO", "BUDI SANTOSO"),
        ("dra", "Dra. SRI WAHYUNI", "SRI WAHYUNI", "SRI WAHYUNI"),
        ("prof dr h m", "Prof. Dr. H. M. YUSUF", "M YUSUF", "MUHAMAD YUSUF"),
        (
            "honoris causa",
            "Dr. (H.C.) H. A. RAHMAN",
            "A RAHMAN",
            "RAHMAN",
        ),
        ("hc without dots", "DR HC IR SOEKARNO", "SOEKARNO", "SUKARNO"),
        ("kyai haji", "KH. MA'RUF AMIN", "MARUF AMIN", "MARUF AMIN"),
        ("k.h. dotted", "K.H. HASYIM ASY'ARI", "HASYIM ASYARI", "HASYIM ASYARI"),
        ("kyai", "KYAI HASYIM", "HASYIM", "HASYIM"),
        ("ustadz", "USTADZ ABDUL SOMAD", "ABDUL SOMAD", "ABDUL SOMAD"),
        ("ust", "Ust. ADI HIDAYAT", "ADI HIDAYAT", "ADI HIDAYAT"),
        ("habib", "HABIB RIZIEQ SYIHAB", "RIZIEQ SYIHAB", "RIYIEK SYIHAB"),
        ("syekh", "SYEKH ALI JABER", "ALI JABER", "ALI YABER"),
        ("tgh", "TGH. ZAINUL MAJDI", "ZAINUL MAJDI", "YAINUL MAYDI"),
        ("tuan guru", "TUAN GURU H. ZAINUL MAJDI", "ZAINUL MAJDI", "YAINUL MAYDI"),
        ("tuan alone is a name", "TUAN NGUYEN", "TUAN NGUYEN", "TUAN NGUYEN"),
        ("pendeta", "Pdt. YOHANES LIEM", "YOHANES LIEM", "YOHANES LIEM"),
        ("romo", "ROMO MANGUN", "MANGUN", "MANGUN"),
        ("pastor", "PASTOR FRANS", "FRANS", "FRANS"),
        ("ir haji", "Ir. H. DJOKO WIDODO", "DJOKO WIDODO", "YOKO WIDODO"),
        ("drg lower", "drg. LINA", "LINA", "LINA"),
        ("drs", "DRS. SUTRISNO", "SUTRISNO", "SUTRISNO"),
        ("glued to the name", "H.AHMAD", "AHMAD", "AHMAD"),
        (
            "retired colonel",
            "Kol. (Purn.) SUTRISNO",
            "SUTRISNO",
            "SUTRISNO",
        ),
        ("honorific", "MR. JOHN SMITH", "JOHN SMITH", "YOHN SMIT"),
        ("title later stays", "AHMAD HABIB", "AHMAD HABIB", "AHMAD HABIB"),
        ("haya is a name", "HAYA AL FARSI", "HAYA AL FARSI", "HAYA AL FARSI"),
        ("h later is an initial", "ANDI H. RAHMAN", "ANDI H RAHMAN", "ANDI RAHMAN"),
        ("initial before title", "R. DR. BUDI", "R BUDI", "BUDI"),
        ("initial only", "R. AJENG KARTIKA", "R AJENG KARTIKA", "AYENG KARTIKA"),
        ("noble kept", "TEUKU UMAR", "TEUKU UMAR", "TEUKU UMAR"),
        ("andi kept", "ANDI MALLARANGENG", "ANDI MALLARANGENG", "ANDI MALARANGENG"),
    ]);
}

#[test]
#[rustfmt::skip]
fn degrees_and_comma_forms() {
    check(&[
        ("dotted degree", "CAHYONO, S.Pd.I.", "CAHYONO", "CAHYONO"),
        ("two degrees", "BUDI SANTOSO, S.E., M.M.", "BUDI SANTOSO", "BUDI SANTOSO"),
        ("phd", "ANDI WIJAYA, Ph.D.", "ANDI WIJAYA", "ANDI WIYAYA"),
        ("amd", "RINA, A.Md.", "RINA", "RINA"),
        ("lc trailing dot", "ABDULLAH, Lc.", "ABDULLAH", "ABDULA"),
        ("specialist", "DEWI, Sp.OG", "DEWI", "DEWI"),
        ("sp.a", "ANITA, Sp.A", "ANITA", "ANITA"),
        ("undotted degrees", "SITI AMINAH, SH, MH", "SITI AMINAH", "SITI AMINA"),
        ("undotted spdi", "CAHYONO, SPDI", "CAHYONO", "CAHYONO"),
        ("degrees no comma", "BUDI SANTOSO S.E. M.M.", "BUDI SANTOSO", "BUDI SANTOSO"),
        ("degree and title", "Hj. NI'MAH, S.Ag.", "NIMAH", "NIMA"),
        ("surname comma", "ZHANG, WEI MING", "ZHANG WEI MING", "YHANG WEI MING"),
        ("li ma is a name", "LI, MA", "LI MA", "LI MA"),
        ("nguyen van an", "NGUYEN, VAN AN", "NGUYEN VAN AN", "NGUYEN FAN AN"),
        ("korean given se ri", "KIM, SE RI", "KIM SE RI", "KIM SE RI"),
        ("filipino ma.", "SANTOS, MA. CRISTINA", "SANTOS MA CRISTINA", "SANTOS MA CRISTINA"),
        ("surname and degree", "ZHANG, WEI MING, Ph.D.", "ZHANG WEI MING", "YHANG WEI MING"),
        ("initials not a degree", "SMITH, J.R.", "SMITH J R", "SMIT"),
        ("trailing comma", "BUDI SANTOSO,", "BUDI SANTOSO", "BUDI SANTOSO"),
    ]);
}

#[test]
#[rustfmt::skip]
fn mrz_names() {
    check(&[
        ("primary and secondary", "ZHANG<<WEI<MING", "ZHANG WEI MING", "YHANG WEI MING"),
        ("padding", "ZHANG<<WEI<MING<<<<<<<<<<<<", "ZHANG WEI MING", "YHANG WEI MING"),
        ("mononym", "SUTRISNO<<<<<<<<", "SUTRISNO", "SUTRISNO"),
        ("multi-word primary", "VAN<DER<BERG<<JAN<PIETER", "VAN DER BERG JAN PIETER", "FAN DER BERG YAN PIETER"),
        ("korean", "KIM<<MIN<JUN", "KIM MIN JUN", "KIM MIN YUN"),
    ]);
}

#[test]
#[rustfmt::skip]
fn balinese_prefixes() {
    check(&[
        ("i male", "I WAYAN SUDARTA", "WAYAN SUDARTA", "WAYAN SUDARTA"),
        ("i gusti", "I GUSTI NGURAH RAI", "GUSTI NGURAH RAI", "GUSTI NGURA RAI"),
        ("ni luh", "NI LUH PUTU ARIANI", "LUH PUTU ARIANI", "LUH PUTU ARIANI"),
        ("ni nyoman old spelling", "NI NJOMAN SARI", "NJOMAN SARI", "NYOMAN SARI"),
        ("ni kadek", "NI KADEK DWI", "KADEK DWI", "KADEK DWI"),
        ("after a title", "DRS. I KETUT SUDIARTA", "KETUT SUDIARTA", "KETUT SUDIARTA"),
        ("ni the chinese surname", "NI HAO MING", "NI HAO MING", "NI HAO MING"),
        ("ni mrz surname", "NI<<WEI", "NI WEI", "NI WEI"),
    ]);
}

#[test]
#[rustfmt::skip]
fn characters_are_cleaned() {
    check(&[
        ("apostrophe", "MA'RUF AMIN", "MARUF AMIN", "MARUF AMIN"),
        ("apostrophe nimah", "SITI NI'MAH", "SITI NIMAH", "SITI NIMA"),
        ("curly apostrophe", "PATRICK O\u{2019}BRIEN", "PATRICK OBRIEN", "PATRICK OBRIEN"),
        ("backtick", "MA`RUF", "MARUF", "MARUF"),
        ("acute", "JOSÉ GARCÍA", "JOSE GARCIA", "YOSE GARCIA"),
        ("umlaut", "MÜLLER", "MULLER", "MULER"),
        ("combining accent", "JOSE\u{301}", "JOSE", "YOSE"),
        ("sharp s", "GROß", "GROSS", "GROS"),
        ("vietnamese", "NGUYỄN VĂN ĐỨC", "NGUYEN VAN DUC", "NGUYEN FAN DUC"),
        ("digits dropped", "BUDI2 SANTOSO 3", "BUDI SANTOSO", "BUDI SANTOSO"),
        ("lower case", "siti aminah", "SITI AMINAH", "SITI AMINA"),
        ("hyphen and spaces", "  SITI-AMINAH   BINTI  AHMAD ", "SITI AMINAH BINTI AHMAD", "SITI AMINA BINTI AHMAD"),
    ]);
}

#[test]
#[rustfmt::skip]
fn muhammad_abdul_and_ahmad_variants_share_a_key() {
    let groups: &[(&str, &[&str])] = &[
        ("muhammad", &["MUHAMMAD RIZKI", "M. RIZKI", "MOCH. RIZKI", "MUH RIZKY", "MOCHAMMAD RIZKI", "MOHAMMED RIZKI", "MUHAMAD RIZKI", "MHD. RIZKI", "Muh.Rizki"]),
        ("abdul", &["ABDUL RAHMAN", "ABD. RAHMAN", "ABD RAHMAN", "ABDOEL RAHMAN"]),
        ("ahmad", &["AHMAD DAHLAN", "ACHMAD DAHLAN", "AKHMAD DAHLAN", "H. AHMAD DAHLAN"]),
        ("old spelling", &["SOEHARTO", "SUHARTO"]),
        ("dj", &["DJOKO SOESILO", "JOKO SUSILO"]),
        ("tj", &["TJAHJONO", "CAHYONO"]),
        ("j/y", &["JANTI", "YANTI"]),
        ("nj", &["NJOMAN", "NYOMAN"]),
        ("sj", &["SJAHRIR", "SYAHRIR"]),
        ("ch", &["ACHMAD", "AKHMAD"]),
        ("final h", &["SITI FATIMAH", "SITI FATIMA"]),
    ];
    for (label, forms) in groups {
        let want = Name::parse(forms[0]);
        for f in *forms {
            assert_eq!(Name::parse(f).key(), want.key(), "{label}: {f}");
        }
    }
}

#[test]
#[rustfmt::skip]
fn given_names_are_found_after_a_comma_or_mrz_separator() {
    let cases: &[(&str, &str, Option<usize>)] = &[
        ("comma", "TANAKA, HIROSHI", Some(1)),
        ("comma, two given names", "JONES, HARRY LEE", Some(1)),
        ("long surname", "DE JESUS DOS SANTOS, ANA", Some(4)),
        ("mrz", "ZHANG<<WEI<MING", Some(1)),
        ("mrz mononym", "SUTRISNO<<", None),
        ("mrz single '<' only separates", "MOHAMAD<IRFAN<BIN<RAHMAN", None),
        ("degrees are no given names", "SITI AMINAH, S.H., M.H.", None),
        ("given names then degrees", "SMITH, JOHN, PH.D.", Some(1)),
        ("natural order", "JOHN SMITH", None),
        ("non-ASCII mrz", "MÜLLER<<ANNA", Some(1)),
    ];
    for &(label, raw, want) in cases {
        assert_eq!(Name::parse(raw).given_from(), want, "{label}: {raw:?}");
    }
}

#[test]
fn anagram_hashes_survive_swapped_letters_and_folding() {
    let first = |raw: &str| Name::parse(raw).anagrams()[0];
    assert_eq!(first("SNATOSH"), first("SANTOSH"));
    assert_eq!(first("JOESPH"), first("JOSEPH"), "as written, not folded");
    assert_ne!(first("SANTOSO"), first("SANTOSH"));
    assert_eq!(
        Name::parse("LI NA WU").anagrams(),
        [0; 4],
        "short tokens have none"
    );
    let n = Name::parse("AMIT KUMAR SINGH");
    assert!(n.anagrams()[..3].iter().all(|&h| h != 0) && n.anagrams()[3] == 0);
}

#[test]
fn empty_inputs_give_an_empty_name() {
    for raw in [
        "",
        "   ",
        "H.",
        "Prof. Dr.",
        "Hj",
        "...",
        "<<<<",
        ", S.H.",
        "123",
        "-",
        "A. B.",
    ] {
        let n = Name::parse(raw);
        assert!(
            n.is_empty() && n.key().is_empty() && n.signature() == 0,
            "{raw:?}"
        );
    }
    assert_eq!(Name::parse("TUAN GURU").display(), "");
}

#[test]
fn tokens_are_capped_and_spans_line_up() {
    let raw = (0..20)
        .map(|i| format!("NAME{}", (b'A' + i) as char))
        .collect::<Vec<_>>()
        .join(" ");
    let n = Name::parse(&raw);
    assert_eq!(n.len(), MAX_TOKENS);
    assert_eq!(n.token(15), "NAMEP");
    assert_eq!(n.tokens().collect::<Vec<_>>().join(" "), n.key());
    assert_eq!(n.display().split(' ').count(), MAX_TOKENS);
}

#[test]
#[rustfmt::skip]
fn signature_overlap_of_related_forms() {
    // (label, a, b, at least this overlap)
    let cases = [
        ("mrz", "ZHANG WEI MING", "ZHANG<<WEI<MING", 1.0),
        ("split syllables", "ZHANG XIAOMING", "ZHANG XIAO MING", 1.0),
        ("given names only", "WEI MING", "ZHANG WEI MING", 1.0),
        ("reordered", "WEI MING ZHANG", "ZHANG WEI MING", 0.8),
        ("typo", "ZHANG WEI MNIG", "ZHANG WEI MING", 0.7),
        ("dropped middle", "RAJESH SHARMA", "RAJESH KUMAR SHARMA", 0.8),
        ("romanisation", "LEE FAN", "LI, FAN", 0.6),
        ("hokkien surname", "TAN YI", "CHEN, YI", 0.6),
    ];
    for (label, a, b, min) in cases {
        let (sa, sb) = (Name::parse(a).signature(), Name::parse(b).signature());
        let o = signature_overlap(sa, sb);
        assert!(o >= min, "{label}: {o}");
        assert_eq!(o, signature_overlap(sb, sa), "{label}: symmetric");
    }
    let unrelated = signature_overlap(
        Name::parse("ZHANG WEI MING").signature(),
        Name::parse("SITI AMINAH").signature(),
    );
    assert!(unrelated < 0.4, "unrelated: {unrelated}");
}

#[test]
fn parse_from_reuses_its_buffers() {
    let inputs = sample_roll_names(500);
    let mut n = Name::default();
    let pointers = |n: &Name| {
        SCRATCH.with_borrow(|s| {
            (
                [n.key.as_ptr(), n.display.as_ptr(), s.clean.as_ptr()],
                [s.folded.as_ptr(), s.key.as_ptr()],
                n.toks.as_ptr(),
                s.folds.as_ptr(),
            )
        })
    };
    inputs.iter().for_each(|r| n.parse_from(r));
    let before = pointers(&n);
    inputs.iter().for_each(|r| n.parse_from(r));
    assert_eq!(before, pointers(&n), "a warm Name reallocated");
}

/// Deterministic roll-like raw names (titles, degrees, old spellings, MRZ, commas).
fn sample_roll_names(n: usize) -> Vec<String> {
    const PRE: &[&str] = &[
        "",
        "",
        "",
        "H. ",
        "Hj. ",
        "Dr. ",
        "Prof. Dr. H. ",
        "I ",
        "NI LUH ",
        "Ir. ",
    ];
    const GIVEN: &[&str] = &[
        "MUHAMMAD",
        "M.",
        "SITI",
        "SRI",
        "AHMAD",
        "ACHMAD",
        "BUDI",
        "DJOKO",
        "NURHAYATI",
        "DEWI",
        "AGUS",
        "RIZKY",
        "WAYAN",
        "ZHANG",
        "WEI",
        "KIM",
        "SUTRISNO",
        "ABD.",
        "MA'RUF",
        "JOSÉ",
    ];
    const FAMILY: &[&str] = &[
        "SANTOSO", "WIJAYA", "SOESILO", "RAHMAN", "SUHARTO", "PRATAMA", "LESTARI", "TJAHJONO",
        "MING", "HIDAYAT", "NINGSIH", "SAPUTRA",
    ];
    const POST: &[&str] = &[
        "",
        "",
        "",
        "",
        ", S.H.",
        ", S.Pd.I.",
        ", S.E., M.M.",
        "<<<<",
        "",
    ];
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut pick = |len: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % len as u64) as usize
    };
    (0..n)
        .map(|_| {
            let g2 = GIVEN[pick(GIVEN.len())];
            let f = FAMILY[pick(FAMILY.len())];
            format!(
                "{}{} {} {}{}",
                PRE[pick(PRE.len())],
                GIVEN[pick(GIVEN.len())],
                g2,
                f,
                POST[pick(POST.len())]
            )
        })
        .collect()
}

/// Throughput of `parse_from` and `compare` (prints, asserts nothing):
/// `cargo test --release --lib bench_parse_and_compare -- --ignored --nocapture`.
#[test]
#[ignore]
fn bench_parse_and_compare() {
    use std::hint::black_box;
    use std::time::Instant;
    let inputs = sample_roll_names(10_000);
    let mut n = Name::default();
    let rounds = 50;
    let t = Instant::now();
    for _ in 0..rounds {
        for r in &inputs {
            n.parse_from(black_box(r));
            black_box(n.signature());
        }
    }
    let per_s = (rounds * inputs.len()) as f64 / t.elapsed().as_secs_f64();
    eprintln!(
        "parse_from: {:.2} M/s ({:.0} ns each)",
        per_s / 1e6,
        1e9 / per_s
    );
    let names: Vec<Name> = inputs.iter().map(|r| Name::parse(r)).collect();
    let t = Instant::now();
    let mut count = 0usize;
    for (i, a) in names.iter().enumerate() {
        for b in names.iter().skip(i % 97).step_by(97).take(100) {
            black_box(compare(black_box(a), black_box(b)));
            count += 1;
        }
    }
    let per_s = count as f64 / t.elapsed().as_secs_f64();
    eprintln!(
        "compare: {:.2} M/s ({:.0} ns each)",
        per_s / 1e6,
        1e9 / per_s
    );
}

/// Words that exercise every parsing path, for generated names.
const VOCAB: &[&str] = &[
    "H.", "Hj", "Dr.", "Prof", "(H.C.)", "K.H.", "TUAN", "GURU", "I", "NI", "LUH", "M.", "M",
    "MOCH.", "ABD", "S.H.", "S.Pd.I.", "Ph.D.", "MA", "LI", "SE", "ZHANG", "WEI", "MING",
    "SOEHARTO", "DJOKO", "TJAHJONO", "NJOMAN", "MA'RUF", "JOSÉ", "ÆSIR", "R.", "AA", "MM", "ANDY",
    "DYAH", "XIAOMING", "ALLAH", "AL", "ABDUL", "RAHMAN", "SUTRISNO", "Sp.OG", "Lc.", "<<", "<",
    ",", "-",
];

fn name_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCAB), 0..12).prop_map(|w| w.join(" "))
}

proptest! {
    #[test]
    fn parse_never_panics(raw in "\\PC{0,300}") {
        let n = Name::parse(&raw);
        prop_assert!(n.len() <= MAX_TOKENS);
        prop_assert_eq!(n.tokens().collect::<Vec<_>>().join(" "), n.key());
        prop_assert_eq!(n.letters(), n.tokens().map(str::len).sum::<usize>());
    }

    #[test]
    fn parse_never_panics_on_long_input(raw in ".{2000,6000}") {
        let n = Name::parse(&raw);
        prop_assert!(n.len() <= MAX_TOKENS);
    }

    #[test]
    fn key_is_a_fixed_point(raw in prop_oneof![name_like(), "\\PC{0,120}", "[A-Za-z ,.<']{0,80}"]) {
        let n = Name::parse(&raw);
        let again = Name::parse(n.key());
        prop_assert_eq!(again.key(), n.key(), "raw {:?}", raw);
        prop_assert_eq!(again.signature(), n.signature());
    }

    #[test]
    fn parse_from_reuse_equals_fresh_parse(first in name_like(), raw in prop_oneof![name_like(), "\\PC{0,80}"]) {
        let mut reused = Name::parse(&first);
        reused.parse_from(&first);
        reused.parse_from(&raw);
        prop_assert_eq!(reused, Name::parse(&raw));
    }
}
