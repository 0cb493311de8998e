//! Frames: the column-wise side of reporting, in polars (eager API only; every polars call of
//! the crate lives in this file). Group-bys over the flagged pairs and the screened rows, and
//! Parquet output for analysts. Never on the per-row path: it sees only the summary-sized
//! inputs the pass already reduced (flags, and screened-row counts per region).

use std::path::Path;

use anyhow::{Context, Result};
use polars::prelude::*;

use super::AtomicFile;
use super::worksheet::{self, COLUMNS};
use crate::score::Tier;
use crate::screen::Flag;

fn err(e: PolarsError) -> anyhow::Error {
    anyhow::anyhow!("summary table: {e}")
}

/// Sum `sums` per group of `keys` (groups in first-seen order). Eager group-by + apply: the
/// eager aggregation shortcuts are deprecated upstream in favour of the lazy API, which this
/// crate does not build (it pulls in an HTTP/cloud stack).
fn group_sum(df: &DataFrame, keys: &[&str], sums: &[&str]) -> PolarsResult<DataFrame> {
    let wanted: Vec<&str> = keys.iter().chain(sums).copied().collect();
    if df.height() == 0 {
        return df.select(wanted);
    }
    df.group_by_stable(keys.iter().copied())?.apply(|g| {
        let mut cols = Vec::with_capacity(wanted.len());
        for k in keys {
            cols.push(g.column(k)?.slice(0, 1));
        }
        for c in sums {
            let total: u64 = g.column(c)?.u64()?.sum().unwrap_or(0);
            cols.push(Column::new((*c).into(), [total]));
        }
        DataFrame::new(1, cols)
    })
}

/// Indicator columns (1/0) for each tier, so one group-by sum counts all three.
fn tier_columns(tiers: &[Option<Tier>]) -> [Column; 3] {
    let ind = |t: Tier| -> Vec<u64> { tiers.iter().map(|x| (*x == Some(t)) as u64).collect() };
    [
        Column::new("high".into(), ind(Tier::High)),
        Column::new("medium".into(), ind(Tier::Medium)),
        Column::new("low".into(), ind(Tier::Low)),
    ]
}

/// Flags and screened rows per (province, regency), with flags per 100,000 screened rows:
/// where to send field teams first. Regions with flags come first.
pub fn region_table(regions: &[(String, String, u64)], flags: &[Flag]) -> Result<DataFrame> {
    // One frame holds both inputs (screened rows with no tier, flags with one screened
    // count of 0), so a single group-by sums everything per region.
    let mut province: Vec<&str> = regions.iter().map(|r| r.0.as_str()).collect();
    let mut regency: Vec<&str> = regions.iter().map(|r| r.1.as_str()).collect();
    let mut screened: Vec<u64> = regions.iter().map(|r| r.2).collect();
    let mut tiers: Vec<Option<Tier>> = vec![None; regions.len()];
    for f in flags {
        province.push(&f.kept.voter.province);
        regency.push(&f.kept.voter.regency);
        screened.push(0);
        tiers.push(f.scored.tier);
    }
    let height = province.len();
    let [high, medium, low] = tier_columns(&tiers);
    let df = DataFrame::new(
        height,
        vec![
            Column::new("province".into(), province),
            Column::new("regency".into(), regency),
            Column::new("screened".into(), screened),
            high,
            medium,
            low,
        ],
    )
    .map_err(err)?;
    let mut by = group_sum(
        &df,
        &["province", "regency"],
        &["screened", "high", "medium", "low"],
    )
    .map_err(err)?;
    let flagged = (by.column("high").map_err(err)?.as_materialized_series()
        + by.column("medium").map_err(err)?.as_materialized_series())
    .map_err(err)?;
    let flagged =
        (&flagged + by.column("low").map_err(err)?.as_materialized_series()).map_err(err)?;
    let screened_f = by
        .column("screened")
        .map_err(err)?
        .cast(&DataType::Float64)
        .map_err(err)?;
    let flagged_f = flagged.cast(&DataType::Float64).map_err(err)?;
    let per = (flagged_f * 100_000.0) / screened_f.as_materialized_series().clone();
    let per = per.map_err(err)?;
    by.with_column(Column::from(flagged.with_name("flags".into())))
        .map_err(err)?;
    by.with_column(Column::from(per.with_name("flags_per_100k".into())))
        .map_err(err)?;
    by.sort(
        ["flags", "province", "regency"],
        SortMultipleOptions::default()
            .with_order_descending_multi([true, false, false])
            .with_maintain_order(true),
    )
    .map_err(err)
}

/// Flags per nationality of the listed foreigner (reporting only: nationality never enters a
/// score).
pub fn nationality_table(
    flags: &[Flag],
    nationality: impl Fn(&Flag) -> String,
) -> Result<DataFrame> {
    let names: Vec<String> = flags.iter().map(&nationality).collect();
    let tiers: Vec<Option<Tier>> = flags.iter().map(|f| f.scored.tier).collect();
    let [high, medium, low] = tier_columns(&tiers);
    let df = DataFrame::new(
        flags.len(),
        vec![Column::new("nationality".into(), names), high, medium, low],
    )
    .map_err(err)?;
    let by = group_sum(&df, &["nationality"], &["high", "medium", "low"]).map_err(err)?;
    by.sort(
        ["high", "medium", "nationality"],
        SortMultipleOptions::default()
            .with_order_descending_multi([true, true, false])
            .with_maintain_order(true),
    )
    .map_err(err)
}

/// The cell at (`row`, `col`) as text (numbers plain, floats with 1 decimal).
fn cell_text(df: &DataFrame, row: usize, col: usize) -> String {
    match df.columns()[col].get(row) {
        Ok(AnyValue::String(s)) => s.to_string(),
        Ok(AnyValue::Float64(x)) => format!("{x:.1}"),
        Ok(AnyValue::Null) => String::new(),
        Ok(v) => v.to_string(),
        Err(_) => String::new(),
    }
}

/// A plain-text table of the first `max_rows` rows (for the stderr summary).
pub fn render(df: &DataFrame, max_rows: usize, indent: &str) -> String {
    let names: Vec<String> = df.columns().iter().map(|c| c.name().to_string()).collect();
    let rows = df.height().min(max_rows);
    let mut cells: Vec<Vec<String>> = vec![names];
    for r in 0..rows {
        cells.push((0..df.width()).map(|c| cell_text(df, r, c)).collect());
    }
    let widths: Vec<usize> = (0..df.width())
        .map(|c| {
            cells
                .iter()
                .map(|row| row[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in &cells {
        out.push_str(indent);
        for (c, text) in row.iter().enumerate() {
            let pad = widths[c] - text.chars().count();
            if c > 0 {
                out.push_str("  ");
            }
            // Text left, numbers right.
            let numeric = matches!(
                df.columns()[c].dtype(),
                DataType::UInt64 | DataType::Float64
            );
            if numeric {
                out.extend(std::iter::repeat_n(' ', pad));
                out.push_str(text);
            } else {
                out.push_str(text);
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        while out.ends_with(' ') {
            out.pop();
        }
        out.push('\n');
    }
    if df.height() > rows {
        out.push_str(&format!("{indent}... {} more\n", df.height() - rows));
    }
    out
}

/// Write a frame as CSV (atomically).
pub fn write_csv(df: &DataFrame, path: &Path) -> Result<()> {
    let mut w = csv::Writer::from_writer(AtomicFile::create(path, false)?);
    let names: Vec<String> = df.columns().iter().map(|c| c.name().to_string()).collect();
    w.write_record(&names)
        .with_context(|| format!("writing {}", path.display()))?;
    for r in 0..df.height() {
        let row: Vec<String> = (0..df.width())
            .map(|c| super::cell(&cell_text(df, r, c)).into_owned())
            .collect();
        w.write_record(&row)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let file = w
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("writing {}", path.display()))?;
    file.commit()
}

/// The worksheet as a frame: text columns, with score and weight as floats and row numbers
/// as integers, for analysts' tools.
pub fn worksheet_frame(flags: &[Flag], ctx: &worksheet::Context<'_>) -> Result<DataFrame> {
    let rows: Vec<Vec<String>> = flags.iter().map(|f| worksheet::row(f, ctx)).collect();
    let mut cols = Vec::with_capacity(COLUMNS.len());
    for (c, name) in COLUMNS.iter().enumerate() {
        let col = match *name {
            "score" | "match_weight" => {
                let v: Vec<f64> = rows
                    .iter()
                    .map(|r| r[c].parse().unwrap_or(f64::NAN))
                    .collect();
                Column::new((*name).into(), v)
            }
            "dpt_row" | "dpt_line" | "foreign_row" => {
                let v: Vec<u64> = rows.iter().map(|r| r[c].parse().unwrap_or(0)).collect();
                Column::new((*name).into(), v)
            }
            _ => {
                let v: Vec<&str> = rows.iter().map(|r| r[c].as_str()).collect();
                Column::new((*name).into(), v)
            }
        };
        cols.push(col);
    }
    DataFrame::new(rows.len(), cols).map_err(err)
}

/// Write a frame as Parquet (atomically; owner-only when it holds full NIKs).
pub fn write_parquet(df: &mut DataFrame, path: &Path, private: bool) -> Result<()> {
    let mut file = AtomicFile::create(path, private)?;
    ParquetWriter::new(&mut file)
        .finish(df)
        .map_err(|e| anyhow::anyhow!("writing {}: {e}", path.display()))?;
    file.commit()
}
