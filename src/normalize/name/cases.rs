//! Labelled cases copied from the 1M-row synthetic benchmark's planted matches and hard
//! negatives (the case lists themselves stay outside the repository; `eval.rs` reads them
//! when present). Planted matches that the scoring of the time missed must now reach the level
//! given; hard negatives must not get a better level than they had before romanisation
//! variants, alternative spellings and typos were recognised.

use super::NameLevel::{self, *};
use super::{Name, compare};

fn level(a: &str, b: &str) -> NameLevel {
    let (a, b) = (Name::parse(a), Name::parse(b));
    let (ab, ba) = (compare(&a, &b), compare(&b, &a));
    assert_eq!(ab.level, ba.level, "symmetric: {} | {}", a.key(), b.key());
    ab.level
}

/// (label, roll name, listed name, level)
fn check(cases: &[(&str, &str, &str, NameLevel)]) {
    for &(label, a, b, want) in cases {
        assert_eq!(level(a, b), want, "{label}: {a} | {b}");
    }
}

#[test]
#[rustfmt::skip]
fn missed_romanisations_are_now_fuzzy_high() {
    check(&[
        ("korean park/bak", "BAK JIMIN", "PARK<<JIMIN", FuzzyHigh),
        ("li/lee", "LEE FAN", "LI, FAN", FuzzyHigh),
        ("huang/wong", "WONG TIAN WEI", "HUANG<<TIAN<WEI", FuzzyHigh),
        ("jiang/chiang", "CHIANG JINGNA", "JIANG, JINGNA", FuzzyHigh),
        ("zhou/chou", "CHOU HAOMING", "ZHOU HAOMING", FuzzyHigh),
        ("wu/ng", "NG WEI-MING", "WU, WEI-MING", FuzzyHigh),
        ("mustafa", "ASHRAF FAHAD MUSTOFA", "ASHRAF FAHAD MOUSTAFA", FuzzyHigh),
        ("walid/waleed", "WALID YOUSSEF FATHY", "WALEED YOUSSEF FATHY", FuzzyHigh),
        ("rhee/lee", "RHEE JIN WOO", "LEE, JIN WOO", FuzzyHigh),
        ("suh/seo", "SUH MIN JAE", "SEO<<MIN<JAE", FuzzyHigh),
        ("japanese long vowel", "KONDOU YUTO", "KONDO YUTO", FuzzyHigh),
        ("japanese oh", "ONO KENJI", "OHNO, KENJI", FuzzyHigh),
        ("kim/gim", "GIM MINDONG", "KIM<<MINDONG", FuzzyHigh),
        ("hokkien tan", "TAN PENG WEI, M.M.", "CHEN PENG WEI", FuzzyHigh),
        ("ko/go", "GO JUNJAE", "KO, JUNJAE", FuzzyHigh),
        ("yi/lee", "YI MIN SEO, PH.D.", "LEE, MIN SEO", FuzzyHigh),
        ("choe/choi", "CHOE JUNCHUL", "CHOI, JUNCHUL", FuzzyHigh),
        ("hsu/xu", "HSU BO JIE, S.T.", "XU, BO JIE", FuzzyHigh),
        ("chan/chen", "CHAN RUI JIAN", "CHEN RUI JIAN", FuzzyHigh),
        ("umar/omar", "SALEM UMAR AL SHAMMARI", "SALEM OMAR AL SHAMMARI", FuzzyHigh),
        ("zhang/chang", "ZHANG YU TING", "CHANG<<YU<TING", FuzzyHigh),
        ("short name", "CHOU AN", "ZHOU, AN", FuzzyHigh),
    ]);
}

#[test]
#[rustfmt::skip]
fn missed_typos_now_match() {
    check(&[
        ("two typos, every token matched", "LIU DOBG CHEO, S.E.", "LIU, DONG CHAO", FuzzyHigh),
        ("typo and dropped letter", "HUQNG EEIJING", "HUANG, WEIJING", FuzzyHigh),
        ("vowel typo", "WUNG MEI YEE", "WONG, MEI YEE", FuzzyHigh),
        ("letters swapped", "AL SEHHRI HASSAN OMAR", "AL<SHEHRI<<HASSAN<OMAR", FuzzyHigh),
        ("swaps at the start", "MAIT SNIGH, PH.D.", "AMIT SINGH", FuzzyHigh),
        ("swap", "KHEN SHU ILNG", "CHEN, SHU LING", FuzzyHigh),
        ("z/s", "LEWIS JOZEPH", "LEWIS<<JOSEPH", FuzzyHigh),
        ("jaro-winkler misses", "JIIA SNUNPENG", "JIA<<SHUNPENG", FuzzyHigh),
        ("m/n", "YOUMG JAMES, PH.D.", "YOUNG, JAMES", FuzzyHigh),
        ("keyboard neighbour", "CHRN QIANGTAO", "CHEN, QIANGTAO", FuzzyHigh),
        ("dropped letter", "BIN SIHAB KHALID BIN HANI", "BIN<SHIHAB<<KHALID<BIN<HANI", FuzzyHigh),
        ("swap at the start", "EDVI SRINIVAS", "DEVI, SRINIVAS", FuzzyHigh),
        ("first letter", "JOORE EMMA", "MOORE, EMMA", FuzzyHigh),
        ("i/j", "LIANG BJNJIAN, S.KOM.", "LIANG, BINJIAN", FuzzyHigh),
        ("portuguese", "CRUZ JOZE PANGILINAN", "CRUZ, JOSE PANGILINAN", FuzzyHigh),
    ]);
}

#[test]
#[rustfmt::skip]
fn short_token_typos_match_only_off_a_known_syllable() {
    // Three-letter tokens one letter apart are other names as often as typos (LIN/LIU,
    // CHU/CHUL, WAN/WANG): between two known words they are only a near pair, FuzzyMid at
    // best when everything else agrees. A slip that makes no known word (LIJ, LIY, VAH) is a
    // typo of the known one.
    check(&[
        ("lin/lij", "LIJ WEI, S.E.", "LIN, WEI", FuzzyHigh),
        ("liu/liy", "LIY HUI MIN", "LIU, HUI MIN", FuzzyHigh),
        ("vah/van plus a changed final vowel", "LE VAH KHOE, S.T.", "LE, VAN KHOA", Different),
        ("chu/chul", "SONG CHU", "SONG, CHUL", FuzzyMid),
        ("wan/wang", "WAN WEINING", "WANG, WEINING", FuzzyMid),
        ("lin/liu", "LIN WEI", "LIU, WEI", FuzzyMid),
    ]);
}

#[test]
#[rustfmt::skip]
fn given_names_with_degrees_are_subsets() {
    check(&[
        ("degree after a comma", "RICHARD, PH.D.", "RICHARD ANDERSON", SubsetSingle),
        ("haji title", "H. MOHAMMAD RAFIQUL", "HAQUE, MOHAMMAD RAFIQUL", Subset),
        ("two given names", "ABDULLAH MOHAMED", "ZAKI, ABDULLAH MOHAMED", Subset),
        ("dutch given name", "HENDRIK", "HENDRIK VERMEULEN", SubsetSingle),
    ]);
}

/// Hard negatives of the benchmark. Most must stay where they were; those one letter off in
/// a single token (WANG WEI / WANG LEI) are near pairs now, FuzzyMid and never better, so their
/// other birth dates keep them out of the worksheet.
#[test]
#[rustfmt::skip]
fn hard_negatives_stay_where_they_were() {
    check(&[
        // Look-alike Chinese-Indonesians: one Hokkien syllable against a pinyin one.
        ("lim yoe/wen mei", "LIM YOE MEI", "LIM WEN MEI", Different),
        ("lian/kian: near pair, other birth date", "WONG LIANG LIAN", "WONG LIANG-KIAN", FuzzyMid),
        ("giok/kim", "YAP MEI GIOK", "YAP<<MEI<KIM", Different),
        ("giok/lin", "SUN GIOK", "SUN<<LIN", Different),
        ("soen tiang", "LIN SOEN TIANG", "LIN<<CHI<HSIANG", Different),
        ("lok/chee", "CHUA LOK KEONG", "CHUA CHEE KEONG", FuzzyLow),
        // Muslim look-alikes: a variant or a one-letter change plus another difference.
        ("rizki/rizwan", "MUHAMMAD RIZKI", "MUHAMMAD RIZWAN", Different),
        ("inran/imran", "MUHAMMAD INRAN", "AHMED, MUHAMMAD IMRAN", Different),
        ("said/saeed", "MUHAMMAD SAID", "ALSAQQAF, MOHAMMED SAEED", Different),
        ("nasir/nasser", "NASIR", "AL<DOSARI<<NASSER", Different),
        ("imean/imran", "MUH. IMEAN KURNIAWAN", "QURESHI<<MUHAMMAD<IMRAN", Different),
        ("rizki/rizal", "MUHAMAD RIZKI", "MOHD RIZAL BIN JAAFAR", Different),
        ("arsyad/arshad", "MOHAMMED ARSYAD ILHAMSYAH", "MUHAMMAD ARSHAD KHAN", Different),
        ("husin/hussein", "HUSIN", "ABDELHAMID, HUSSEIN BANDAR", FuzzyLow),
        // Siblings and twins: same surname, another given name.
        ("li jing/heng", "LI JING", "LI, HENG", Different),
        ("liu", "LIU FANG NA", "LIU, HAO LIANG", Different),
        ("bin yusof", "MUHAMMAD FIRDAUS BIN YUSOF", "MOHD HAFIZ BIN YUSOF", Different),
        ("anderson", "BAYU ANDERSON", "RICHARD ANDERSON", Different),
        ("mark/mary", "MARK CARTER", "CARTER, MARY LEE", Different),
        ("soo", "SOO YAN MEI", "SOO KAH SENG", Different),
        ("dong", "DONG LI", "DONG<<XIU", Different),
        ("lim", "LIM ANGGUN", "LIM WEI HAO", Different),
        ("kim", "KIM RANGGA", "KIM, HA GYU", Different),
        // From the brief: a single differing short syllable.
        ("liu wei/ming", "LIU WEI", "LIU MING", Different),
        ("wang wei/lei: near pair", "WANG WEI", "WANG LEI", FuzzyMid),
        ("kim min jun/seo", "KIM MIN JUN", "KIM MIN SEO", Different),
        ("zhang/zheng: near pair", "ZHANG WEI", "ZHENG WEI", FuzzyMid),
    ]);
}

#[test]
#[rustfmt::skip]
fn hard_negatives_already_fuzzy_get_no_better() {
    // (label, roll, listed, level before): must not improve.
    let cases = [
        ("juan lian/juanfang", "HU JUAN LIAN", "HU<<JUANFANG", FuzzyMid),
        ("guang tjay", "WANG GUANG TJAY", "WANG<<GUANGGANG", FuzzyHigh),
        ("khaidir/khairul", "MUHAMMAD KHAIDIR", "MOHAMMAD KHAIRUL BIN ABDULLAH", FuzzyMid),
        ("faisal/faizal", "AHMAD FAISAL", "AHMAD FAIZAL BIN HASSAN", FuzzyMid),
        ("mary/maria", "MARY GRACE SORIANO CRUZ", "CRUZ, MARIA SORIANO", FuzzyLow),
    ];
    for (label, a, b, before) in cases {
        assert!(level(a, b) >= before, "{label}: {a} | {b}");
    }
}
