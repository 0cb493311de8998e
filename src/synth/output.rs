//! The small output files: the foreigner list, truth.csv, negatives.csv and README.txt.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;

use super::SynthOptions;
use super::date::DateStyle;
use super::documents::Permit;
use super::foreign::{Foreigner, nats};
use super::negatives;
use super::nik;
use super::planted::{self, Record};
use super::region::regions;
use super::rng::{Rng, stream};
use super::roll::Stats;
use super::variant::{self, Csv, Form};

fn create(path: &Path) -> anyhow::Result<BufWriter<File>> {
    let f = File::create(path).with_context(|| format!("creating {}", path.display()))?;
    Ok(BufWriter::with_capacity(1 << 20, f))
}

/// Writes the foreigner list in the permit office's order.
pub fn write_foreign(
    path: &Path,
    list: &[Foreigner],
    form: &Form,
    seed: u64,
) -> anyhow::Result<()> {
    let r = regions();
    let mut out = create(path)?;
    let mut text = String::with_capacity(1 << 16);
    let mut bytes = Vec::with_capacity(1 << 16);
    let mut rng = Rng::new(seed, &[stream::FOREIGN_FORMAT]);
    Csv::new(&mut text, form).record(form.foreign_header());
    for (i, f) in list.iter().enumerate() {
        let nat = &nats()[f.nat];
        let standard = if f.iso_dates {
            DateStyle::Iso
        } else {
            DateStyle::Dmy(b'-')
        };
        let dob_style = variant::date_style(&mut rng, form, standard);
        let exp_style = variant::date_style(&mut rng, form, standard);
        let regency = &r.regencies[f.regency];
        let mut w = Csv::new(&mut text, form);
        w.raw(|b| b.push_str(&(i + 1).to_string()));
        if form.split_foreign_name() {
            let (s, g) = (f.shown_surname(), f.shown_given());
            // ICAO: a name that cannot be split goes whole into the primary identifier.
            if s.is_empty() {
                w.field(&g);
                w.field("");
            } else {
                w.field(&s);
                w.field(&g);
            }
        } else {
            w.field(&f.nama());
        }
        w.field(match (f.female, f.sex_long) {
            (false, false) => "M",
            (true, false) => "F",
            (false, true) => "MALE",
            (true, true) => "FEMALE",
        });
        w.field(f.birthplace);
        w.raw(|b| variant::push_date_styled(b, f.dob, dob_style));
        let code = if nat.code == "DEU" && f.passport.len() % 3 == 0 {
            "D"
        } else {
            nat.code
        };
        w.field(if f.nat_as_code { code } else { nat.name_id });
        w.field(&f.passport);
        w.field(f.permit_label);
        w.field(&f.permit_no);
        w.raw(|b| variant::push_date_styled(b, f.expiry, exp_style));
        w.raw(|b| {
            if let Some(n) = f.nik {
                nik::push(b, n);
            }
        });
        w.field(&f.address);
        w.field(&regency.name);
        w.field(&r.provinces[regency.province].name);
        w.end();
        if text.len() > 1 << 15 {
            bytes.clear();
            variant::encode(form, &text, &mut bytes);
            out.write_all(&bytes)
                .with_context(|| format!("writing {}", path.display()))?;
            text.clear();
        }
    }
    bytes.clear();
    variant::encode(form, &text, &mut bytes);
    out.write_all(&bytes)
        .with_context(|| format!("writing {}", path.display()))?;
    out.flush()
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// truth.csv / negatives.csv: `dpt_row,foreign_row,category`, 1-based, sorted by roll row.
pub fn write_pairs(path: &Path, rows: &[(u64, &Record)]) -> anyhow::Result<()> {
    let mut out = create(path)?;
    let mut text = String::from("dpt_row,foreign_row,category\n");
    let mut sorted: Vec<&(u64, &Record)> = rows.iter().collect();
    sorted.sort_by_key(|p| (p.0, p.1.foreign));
    for (row, rec) in sorted {
        text.push_str(&format!(
            "{},{},{}\n",
            row + 1,
            rec.foreign + 1,
            rec.category
        ));
    }
    out.write_all(text.as_bytes())
        .with_context(|| format!("writing {}", path.display()))?;
    out.flush()
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

fn count<'a>(records: impl Iterator<Item = &'a Record>, cat: &str) -> usize {
    records.filter(|r| r.category == cat).count()
}

pub struct ReadmeFacts<'a> {
    pub opts: &'a SynthOptions,
    pub form: &'a Form,
    pub stats: &'a Stats,
    pub planted: &'a [Record],
    pub negatives: &'a [Record],
    pub foreign: &'a [Foreigner],
    pub regencies: usize,
    pub tps: usize,
}

pub fn write_readme(path: &Path, x: &ReadmeFacts) -> anyhow::Result<()> {
    let o = x.opts;
    let s = x.stats;
    let pct = |n: u64| 100.0 * n as f64 / s.rows.max(1) as f64;
    let mut t = String::new();
    t.push_str("Synthetic data written by `dpt-screen synth`. Every person here is invented.\n\n");
    t.push_str(&format!(
        "Command: dpt-screen synth --dpt-rows {} --foreign-rows {} --planted {} --hard-negatives {} --seed {}{} --out {}\n",
        o.dpt_rows,
        o.foreign_rows,
        o.planted,
        o.hard_negatives,
        o.seed,
        o.variants.iter().map(|v| format!(" --variant {}", variant_name(*v))).collect::<String>(),
        o.out.display()
    ));
    t.push_str(&format!("Form: {}\n\n", x.form.describe()));
    t.push_str("Files\n");
    t.push_str(&format!(
        "  dpt.csv        the roll: {} rows, {} households, {} TPS in {} regencies (NO restarts at 1 in each TPS)\n",
        s.rows, s.households, x.tps, x.regencies
    ));
    t.push_str(&format!(
        "                 header: {}\n",
        x.form
            .roll_header()
            .join(&(x.form.delimiter as char).to_string())
    ));
    t.push_str(&format!(
        "  foreign.csv    the foreigner list: {} rows, ordered by nationality then name\n",
        x.foreign.len()
    ));
    t.push_str(&format!(
        "                 header: {}\n",
        x.form
            .foreign_header()
            .join(&(x.form.delimiter as char).to_string())
    ));
    t.push_str("  truth.csv      dpt_row,foreign_row,category: one line per planted foreigner (1-based record numbers, header excluded)\n");
    t.push_str("  negatives.csv  same columns: one line per hard negative and the foreign row it was built to resemble\n\n");
    t.push_str(&format!(
        "Encoding {}, delimiter '{}', line ending {}, dates {}, NIK/NKK {}\n\n",
        if x.form.cp1252 { "Windows-1252" } else { "UTF-8" },
        x.form.delimiter as char,
        if x.form.crlf { "CRLF" } else { "LF" },
        if x.form.mixed_dates { "mixed (DD-MM-YYYY, DD/MM/YYYY, DD-MM-YY, 12 Januari 1980, YYYY-MM-DD, Excel serials)" } else { "DD-MM-YYYY (foreign list: DD-MM-YYYY or YYYY-MM-DD per row)" },
        if x.form.masked_nik { "masked in the roll (mostly 327301**********, some ****-last-four or xxxxxx birth-date masks)" } else { "in full" }
    ));
    t.push_str(&format!("Planted foreigners: {}\n", x.planted.len()));
    for c in planted::CATEGORIES {
        t.push_str(&format!(
            "  {c:<30} {:>5}  {}\n",
            count(x.planted.iter(), c),
            planted::describe(c)
        ));
    }
    let extras = ["title", "accents_dropped", "degree"];
    t.push_str("  Otherwise intact: name in list order and upper case, birth date, sex as L/P, the list NIK when there is one.\n");
    t.push_str("  Placed in a random TPS of the foreigner's listed regency (15%: elsewhere); 40% in a WNI household\n");
    t.push_str("  (Indonesian spouse, maybe adult children, one NKK). Planted rows land where their region sits in the roll.\n");
    t.push_str("  with a minor second difference: ");
    t.push_str(
        &extras
            .iter()
            .map(|e| {
                format!(
                    "{e} {}",
                    x.planted.iter().filter(|r| r.extra == Some(e)).count()
                )
            })
            .collect::<Vec<_>>()
            .join(", "),
    );
    t.push_str("\n\n");
    t.push_str(&format!("Hard negatives: {}\n", x.negatives.len()));
    for c in negatives::CATEGORIES {
        t.push_str(&format!(
            "  {c:<30} {:>5}  {}\n",
            count(x.negatives.iter(), c),
            negatives::describe(c)
        ));
    }
    t.push('\n');
    let with_nik = x.foreign.iter().filter(|f| f.nik.is_some()).count();
    let permits = |p: Permit| x.foreign.iter().filter(|f| f.permit == p).count();
    t.push_str(&format!(
        "Foreign list: ITAS {}, ITAP {}, ITK/visit {}; with a NIK (KTP-el: every ITAP holder, ~30% of ITAS): {with_nik}\n",
        permits(Permit::Itas),
        permits(Permit::Itap),
        permits(Permit::Itk)
    ));
    t.push_str("Roll facts (all rows, planted included)\n");
    t.push_str(&format!(
        "  NIK registered in another district (movers): {} ({:.1}%)\n",
        s.movers,
        pct(s.movers)
    ));
    t.push_str(&format!(
        "  NIK date segment differs from TANGGAL LAHIR (date corrected, NIK kept): {} ({:.2}%)\n",
        s.nik_dob_mismatch,
        pct(s.nik_dob_mismatch)
    ));
    t.push_str(&format!(
        "  pre-2022 Papua district codes (91/92) in NIKs: {}\n",
        s.legacy_papua
    ));
    t.push_str(&format!(
        "  born abroad (citizens): {} ({:.2}%)\n",
        s.born_abroad,
        pct(s.born_abroad)
    ));
    t.push_str(&format!(
        "  placeholder birth dates: 01-07 {:.1}%, 31-12 {:.1}%, 01-01 {:.1}%\n",
        pct(s.jul1),
        pct(s.dec31),
        pct(s.jan1)
    ));
    t.push_str(&format!(
        "  DISABILITAS code present: {} ({:.2}%)\n",
        s.disabled,
        pct(s.disabled)
    ));
    t.push_str("\nUSIA is the age on 2029-02-14 (the default --election-date). Region names come from the Kemendagri 2025 list\n");
    t.push_str("(data/wilayah, cahyadsn/wilayah, MIT). Names come from hand-written common-name lists (data/synth).\n");
    t.push_str("Two movers may rarely share a NIK (about 0.01% of rows, as real rolls also have); planted, negative and\n");
    t.push_str("foreign NIKs never collide with anyone else's. Masks (masked-nik) are chosen per village sheet.\n");
    t.push_str(
        "truth.csv and negatives.csv are always UTF-8 with commas and LF, whatever the variant.\n",
    );
    let mut out = create(path)?;
    out.write_all(t.as_bytes())
        .with_context(|| format!("writing {}", path.display()))?;
    out.flush()
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

fn variant_name(v: crate::cli::VariantArg) -> &'static str {
    use crate::cli::VariantArg::*;
    match v {
        Semicolon => "semicolon",
        Cp1252 => "cp1252",
        MixedDates => "mixed-dates",
        MaskedNik => "masked-nik",
        AltHeaders => "alt-headers",
    }
}
