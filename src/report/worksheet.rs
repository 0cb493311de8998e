//! The review worksheet: one CSV row per flagged pair, best first, with the reasons and the
//! compared values from both sides. NIKs are masked unless the user asked for them in full.

use anyhow::{Context as _, Result};

use super::cell;
use crate::block::Foreigner;
use crate::ingest::foreign::ForeignRecord;
use crate::screen::Flag;

/// The worksheet's columns, in order (the README documents each).
pub const COLUMNS: [&str; 32] = [
    "tier",
    "score",
    "match_weight",
    "reasons",
    "dpt_file",
    "dpt_row",
    "dpt_line",
    "foreign_file",
    "foreign_row",
    "dpt_name",
    "foreign_name",
    "dpt_birth_date",
    "foreign_birth_date",
    "dpt_sex",
    "foreign_sex",
    "dpt_nik",
    "foreign_nik",
    "dpt_birthplace",
    "foreign_birthplace",
    "nationality",
    "nationality_code",
    "passport",
    "permit_type",
    "permit_number",
    "permit_expiry",
    "province",
    "regency",
    "district",
    "village",
    "tps",
    "status",
    "note",
];

/// What every row says: a lead for factual verification, not a verdict.
pub const NOTE: &str = "diduga WNA, perlu verifikasi faktual";

/// Lookups the writer needs besides the flags.
pub struct Context<'a> {
    pub dpt_labels: &'a [String],
    pub foreign_labels: &'a [String],
    pub records: &'a [ForeignRecord],
    pub foreigners: &'a [Foreigner],
    pub reveal_nik: bool,
}

/// The cells of one flag, in `COLUMNS` order.
pub fn row(flag: &Flag, ctx: &Context<'_>) -> Vec<String> {
    let k = &flag.kept;
    let s = &flag.scored;
    let v = &k.voter;
    let fr = &ctx.records[k.foreign as usize];
    let fp = &ctx.foreigners[k.foreign as usize].person;
    let foreign_nik = match &fp.nik {
        Some(n) if ctx.reveal_nik => n.reveal(),
        Some(n) => n.masked(),
        None => String::new(),
    };
    let foreign_birth = fp
        .birth
        .map_or_else(|| fr.birth_date.clone(), |d| d.to_string());
    let foreign_sex = fp
        .sex
        .map_or_else(|| fr.sex.clone(), |x| x.letter().to_string());
    let status = if k.cmp.is_nik_conflict() {
        "identity conflict"
    } else {
        "suspected match"
    };
    vec![
        s.tier.map_or("", |t| t.label()).to_string(),
        format!("{:.6}", s.probability),
        format!("{:.2}", s.weight),
        s.reasons.clone(),
        ctx.dpt_labels[k.dpt_file as usize].clone(),
        k.dpt_row.to_string(),
        k.dpt_line.to_string(),
        ctx.foreign_labels[fr.file as usize].clone(),
        fr.row.to_string(),
        v.name.clone(),
        fr.name.clone(),
        v.birth_date.clone(),
        foreign_birth,
        v.sex.clone(),
        foreign_sex,
        v.nik.clone(),
        foreign_nik,
        v.birthplace.clone(),
        fr.birthplace.clone(),
        fr.nationality.clone(),
        crate::normalize::nationality::iso3(&fr.nationality)
            .unwrap_or("")
            .to_string(),
        fr.passport.clone(),
        fr.permit_type.clone(),
        fr.permit_number.clone(),
        fr.permit_expiry.clone(),
        v.province.clone(),
        v.regency.clone(),
        v.district.clone(),
        v.village.clone(),
        v.tps.clone(),
        status.to_string(),
        NOTE.to_string(),
    ]
}

/// Write the worksheet (header, then one row per flag in the given order).
pub fn write(out: impl std::io::Write, flags: &[Flag], ctx: &Context<'_>) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS).context("writing the worksheet")?;
    for f in flags {
        let cells = row(f, ctx);
        w.write_record(cells.iter().map(|c| cell(c).into_owned()))
            .context("writing the worksheet")?;
    }
    w.flush().context("writing the worksheet")?;
    Ok(())
}
