//! Bad input: every kind gets a clear message naming file, line and column (or the flag),
//! the documented exit code, and never a panic.

use crate::util::{Workdir, csv_rows, fixture, s, stderr};

const FOREIGN: &str = "NAMA,TGL LAHIR,KEWARGANEGARAAN\n\"TANAKA, HIROSHI\",14-03-1978,JEPANG\n";

fn foreign(w: &Workdir) -> String {
    s(&w.write("wna.csv", FOREIGN))
}

#[test]
fn missing_input_file_is_a_usage_error() {
    let w = Workdir::new();
    let f = foreign(&w);
    let out = w.run_expect(
        &[
            "screen",
            "--dpt",
            "nope.csv",
            "--foreign",
            &f,
            "-o",
            "out.csv",
        ],
        2,
    );
    assert_eq!(
        stderr(&out),
        "dpt-screen: error: --dpt nope.csv: No such file or directory (os error 2)\n"
    );
    assert!(!w.path("out.csv").exists());
}

#[test]
fn missing_name_column_lists_headers_and_the_fix() {
    let w = Workdir::new();
    w.write("roll.csv", "NOMOR,PEMILIH,LAHIR\n1,BUDI,01-01-1990\n");
    let f = foreign(&w);
    let out = w.run_expect(
        &[
            "screen",
            "--dpt",
            "roll.csv",
            "--foreign",
            &f,
            "-o",
            "out.csv",
        ],
        2,
    );
    assert_eq!(
        stderr(&out),
        "dpt-screen: error: roll.csv: no name column (looked for NAMA, NAMA LENGKAP, NAMA PEMILIH, NAME, SURNAME + GIVEN NAMES, ...); \
         headers found: \"NOMOR\", \"PEMILIH\", \"LAHIR\"; name the column with --map dpt.name=HEADER\n"
    );
    // The suggested fix works.
    w.run_ok(&[
        "screen",
        "--dpt",
        "roll.csv",
        "--foreign",
        &f,
        "-o",
        "out.csv",
        "-q",
        "--map",
        "dpt.name=PEMILIH",
        "--map",
        "dpt.birth_date=LAHIR",
    ]);
}

#[test]
fn bad_flags_name_the_flag() {
    let w = Workdir::new();
    let f = foreign(&w);
    w.write("roll.csv", "NAMA,TGL LAHIR\nBUDI,01-01-1990\n");
    let cases: &[(&[&str], &str)] = &[
        (
            &["--threshold", "1.5"],
            "dpt-screen: error: --threshold 1.5: must be between 0 and 1\n",
        ),
        (
            &["--map", "dpt.nama=X"],
            "dpt-screen: error: --map \"dpt.nama=X\": unknown field \"nama\"; fields: name, surname, given_names, birth_date, sex, nik, nkk, passport, nationality, birthplace, tps, village, district, regency, province, permit_type, permit_number, permit_expiry, disability\n",
        ),
        (
            &["--map", "dpt.name=NAMA_PEMILIH"],
            "dpt-screen: error: roll.csv: --map dpt.name: no column \"NAMA_PEMILIH\"; headers found: \"NAMA\", \"TGL LAHIR\"\n",
        ),
        (
            &["--threads", "0"],
            "dpt-screen: error: --threads must be at least 1\n",
        ),
        (
            &["--election-date", "14-02-2029"],
            "dpt-screen: error: --election-date \"14-02-2029\": expected YYYY-MM-DD, e.g. 2029-02-14\n",
        ),
        (
            &["--delimiter", ";;"],
            "dpt-screen: error: --delimiter \";;\": give one ASCII character, or `tab`\n",
        ),
    ];
    for (extra, want) in cases {
        let mut args = vec![
            "screen",
            "--dpt",
            "roll.csv",
            "--foreign",
            &f,
            "-o",
            "out.csv",
        ];
        args.extend_from_slice(extra);
        let out = w.run_expect(&args, 2);
        assert_eq!(stderr(&out), *want, "{extra:?}");
    }
}

#[test]
fn empty_file_is_an_input_error() {
    let w = Workdir::new();
    w.write("roll.csv", "");
    let f = foreign(&w);
    let out = w.run_expect(
        &[
            "screen",
            "--dpt",
            "roll.csv",
            "--foreign",
            &f,
            "-o",
            "out.csv",
        ],
        2,
    );
    assert_eq!(stderr(&out), "dpt-screen: error: roll.csv: file is empty\n");
}

#[test]
fn undecodable_bytes_reject_only_their_row() {
    let w = Workdir::new();
    w.write(
        "roll.csv",
        b"NAMA,TGL LAHIR\nBUDI,01-01-1990\nJOS\xc9,02-02-1990\nSITI,03-03-1990\n",
    );
    let f = foreign(&w);
    w.run_ok(&[
        "screen",
        "--dpt",
        "roll.csv",
        "--foreign",
        &f,
        "-o",
        "out.csv",
        "-q",
        "--encoding",
        "utf-8",
    ]);
    assert_eq!(
        w.read("out.rejects.csv"),
        "file,line,row,reason,record\nroll.csv,3,2,\"column \"\"NAMA\"\" holds bytes that are not valid UTF-8; \
         if the file is Windows-1252, use --encoding windows-1252\",\"JOS\u{fffd},02-02-1990\"\n"
    );
}

#[test]
fn windows_1252_after_an_ascii_first_mebibyte_is_read_not_rejected() {
    // Detection reads the first MiB; a 1252 export whose first accented letter comes later
    // must not lose those rows (the strict reading rejected them one by one).
    let w = Workdir::new();
    let mut roll = b"NAMA,TGL LAHIR,JK\n".to_vec();
    for i in 0..40_000 {
        roll.extend_from_slice(format!("BUDI SANTOSO {i:05},01-01-1990,L\n").as_bytes());
    }
    assert!(roll.len() > 1 << 20);
    roll.extend_from_slice(b"FRAN\xc7OIS DUBOIS,14-07-1985,L\n");
    w.write("roll.csv", &roll);
    w.write(
        "wna.csv",
        "NAMA,TGL LAHIR,JENIS KELAMIN,KEWARGANEGARAAN\nDUBOIS<<FRAN\u{c7}OIS,1985-07-14,M,FRA\n",
    );
    let out = w.run_ok(&[
        "screen",
        "--dpt",
        "roll.csv",
        "--foreign",
        "wna.csv",
        "-o",
        "out.csv",
    ]);
    let summary = stderr(&out);
    assert!(
        summary.contains("0 rejected  (ASCII, then UTF-8 or Windows-1252"),
        "{summary}"
    );
    let flags = csv_rows(&w.read("out.csv"));
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert_eq!(flags[0]["dpt_name"], "FRAN\u{c7}OIS DUBOIS");
    assert_eq!(flags[0]["dpt_row"], "40001");
    assert_eq!(flags[0]["tier"], "HIGH");
}

#[test]
fn strict_makes_rejects_an_input_error_but_still_writes_everything() {
    let w = Workdir::new();
    w.write("roll.csv", "NAMA,TGL LAHIR\nBUDI,01-01-1990\nSITI\n");
    let f = foreign(&w);
    let out = w.run_expect(
        &[
            "screen",
            "--dpt",
            "roll.csv",
            "--foreign",
            &f,
            "-o",
            "out.csv",
            "-q",
            "--strict",
        ],
        2,
    );
    assert_eq!(
        stderr(&out),
        "dpt-screen: error: --strict: 1 row(s) rejected (see the rejects file)\n"
    );
    assert!(w.path("out.csv").exists());
    assert!(
        w.read("out.rejects.csv")
            .contains("roll.csv,3,2,\"has 1 fields, expected 2 (as in the header)\",SITI")
    );
}

#[test]
fn fail_on_flags_exits_1_only_when_something_is_flagged() {
    let w = Workdir::new();
    let f = foreign(&w);
    w.write("clean.csv", "NAMA,TGL LAHIR\nBUDI SANTOSO,01-01-1990\n");
    w.run_expect(
        &[
            "screen",
            "--dpt",
            "clean.csv",
            "--foreign",
            &f,
            "-o",
            "out.csv",
            "-q",
            "--fail-on-flags",
        ],
        0,
    );
    w.write("hit.csv", "NAMA,TGL LAHIR\nHIROSHI TANAKA,14-03-1978\n");
    w.run_expect(
        &[
            "screen",
            "--dpt",
            "hit.csv",
            "--foreign",
            &f,
            "-o",
            "out.csv",
            "-q",
            "--fail-on-flags",
        ],
        1,
    );
}

#[test]
fn roll_from_stdin_and_gzip_give_the_same_flags() {
    use std::io::Write;
    let w = Workdir::new();
    let f = foreign(&w);
    let roll = "NAMA,TGL LAHIR\nHIROSHI TANAKA,14-03-1978\nBUDI,01-01-1990\n";
    w.write("roll.csv", roll);
    w.run_ok(&[
        "screen",
        "--dpt",
        "roll.csv",
        "--foreign",
        &f,
        "-o",
        "plain.csv",
        "-q",
    ]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(roll.as_bytes()).unwrap();
    w.write("roll.csv.gz", gz.finish().unwrap());
    w.run_ok(&[
        "screen",
        "--dpt",
        "roll.csv.gz",
        "--foreign",
        &f,
        "-o",
        "gz.csv",
        "-q",
    ]);
    let mut child = w
        .cmd(&[
            "screen",
            "--dpt",
            "-",
            "--foreign",
            &f,
            "-o",
            "stdin.csv",
            "-q",
        ])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(roll.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    let plain = w.read("plain.csv").replace("roll.csv", "ROLL");
    assert!(plain.lines().count() == 2, "{plain}");
    assert_eq!(w.read("gz.csv").replace("roll.csv.gz", "ROLL"), plain);
    assert_eq!(w.read("stdin.csv").replace("<stdin>", "ROLL"), plain);
}

#[test]
fn inspect_shows_detection_and_masks_niks() {
    let w = Workdir::new();
    let out = w.run_ok(&["inspect", &s(&fixture("dpt/5103_kab_badung.csv"))]);
    let text = crate::util::stdout(&out);
    for want in [
        "read as:    dpt list",
        "encoding:   UTF-8 with BOM",
        "delimiter:  ';'",
        "header:     line 3 (2 title row(s) above it skipped)",
        "NAMA PEMILIH  -> name",
        "TGL LAHIR     -> birth_date",
        "rows:       10 (+1 blank, skipped)",
        "\"14 Maret 1978\" -> 1978-03-14",
        "NIK         510301**********",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    assert!(
        !crate::util::has_long_digit_run(&text),
        "inspect shows a NIK:\n{text}"
    );
}
