//! Config: validated, typed options built from the command-line values. Every check that can
//! fail before reading data happens here (paths exist, numbers in range, flags consistent).

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;

use crate::cli::{InputArgs, ScreenArgs, TrainArgs};
use crate::error::InputError;
use crate::ingest::{self, IngestOptions, InputFile, MapOverride};
use crate::normalize::DateParser;
use crate::normalize::date::DateOrder;

/// Where the worksheet goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    Stdout,
    File(PathBuf),
}

/// Options shared by every command that reads a roll and foreigner lists.
#[derive(Clone, Debug)]
pub struct InputConfig {
    pub dpt: Vec<InputFile>,
    pub foreign: Vec<InputFile>,
    pub ingest: IngestOptions,
    /// Parses roll birth dates (two-digit years resolve to voters aged 17 or more).
    pub dpt_dates: DateParser,
    /// Parses foreign-list birth dates (two-digit years resolve to the past).
    pub foreign_dates: DateParser,
    /// Latest plausible birth year of a voter (for the century of a NIK).
    pub voter_latest_year: u16,
    /// Latest plausible birth year of a listed foreigner.
    pub foreign_latest_year: u16,
    pub threads: usize,
    pub chunk_rows: usize,
    /// Weights are learned from the first this many roll records (see `screen`).
    pub learn_rows: u64,
    pub quiet: bool,
    /// Draw a progress bar (stderr is a terminal and not `--quiet`).
    pub progress: bool,
    pub rejects: Option<PathBuf>,
    pub strict: bool,
}

/// Everything `screen` needs.
#[derive(Clone, Debug)]
pub struct ScreenConfig {
    pub input: InputConfig,
    pub output: Output,
    /// Rejects path to use when `--rejects` was not given (derived from the output).
    pub rejects_path: Option<PathBuf>,
    pub threshold: f64,
    pub reveal_nik: bool,
    pub model: Option<PathBuf>,
    pub save_model: Option<PathBuf>,
    pub parquet: Option<PathBuf>,
    pub summary_csv: Option<PathBuf>,
    pub fail_on_flags: bool,
    /// `train` learns and saves the model without writing a worksheet.
    pub write_worksheet: bool,
}

fn usage(msg: String) -> anyhow::Error {
    InputError(msg).into()
}

impl InputConfig {
    pub fn from_args(a: &InputArgs) -> Result<InputConfig> {
        let dpt = ingest::expand_inputs(&a.dpt, "--dpt")?;
        let foreign = ingest::expand_inputs(&a.foreign, "--foreign")?;
        if dpt
            .iter()
            .chain(&foreign)
            .filter(|f| f.path.is_none())
            .count()
            > 1
        {
            return Err(usage("standard input (-) can feed only one input".into()));
        }
        if foreign.iter().any(|f| f.path.is_none()) {
            return Err(usage(
                "--foreign -: the foreigner list must be a file (standard input is for the roll)"
                    .into(),
            ));
        }
        let overrides = a
            .map
            .iter()
            .map(|m| MapOverride::parse(m).map_err(|e| usage(format!("{e:#}"))))
            .collect::<Result<Vec<_>>>()?;
        let delimiter = a
            .delimiter
            .as_deref()
            .map(|d| ingest::parse_delimiter(d).map_err(|e| usage(format!("{e:#}"))))
            .transpose()?;
        let election_year = parse_election_year(&a.election_date)?;
        let order = if a.month_first {
            DateOrder::MonthFirst
        } else {
            DateOrder::DayFirst
        };
        let threads = match a.threads {
            Some(0) => return Err(usage("--threads must be at least 1".into())),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        if a.chunk_rows == 0 {
            return Err(usage("--chunk-rows must be at least 1".into()));
        }
        if a.learn_rows == 0 {
            return Err(usage("--learn-rows must be at least 1".into()));
        }
        Ok(InputConfig {
            dpt,
            foreign,
            ingest: IngestOptions {
                encoding: a.encoding,
                delimiter,
                overrides,
            },
            dpt_dates: DateParser {
                order,
                latest_year: election_year - 17,
            },
            foreign_dates: DateParser {
                order,
                latest_year: election_year,
            },
            voter_latest_year: election_year - 17,
            foreign_latest_year: election_year,
            threads,
            chunk_rows: a.chunk_rows,
            learn_rows: a.learn_rows,
            quiet: a.quiet,
            progress: !a.quiet && std::io::stderr().is_terminal(),
            rejects: a.rejects.clone(),
            strict: a.strict,
        })
    }
}

fn parse_election_year(s: &str) -> Result<u16> {
    let parts: Vec<&str> = s.split('-').collect();
    let ok = parts.len() == 3
        && parts[0].len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let year: u16 = if ok { parts[0].parse().unwrap_or(0) } else { 0 };
    if !(1950..=2200).contains(&year) {
        return Err(usage(format!(
            "--election-date {s:?}: expected YYYY-MM-DD, e.g. 2029-02-14"
        )));
    }
    Ok(year)
}

impl ScreenConfig {
    pub fn from_args(a: &ScreenArgs) -> Result<ScreenConfig> {
        let input = InputConfig::from_args(&a.input)?;
        if !(0.0..=1.0).contains(&a.threshold) {
            return Err(usage(format!(
                "--threshold {}: must be between 0 and 1",
                a.threshold
            )));
        }
        let output = if a.output.as_os_str() == "-" {
            Output::Stdout
        } else {
            Output::File(a.output.clone())
        };
        if let Output::File(p) = &output {
            check_parent(p, "--output")?;
        }
        for (flag, p) in [
            ("--parquet", &a.parquet),
            ("--summary-csv", &a.summary_csv),
            ("--save-model", &a.save_model),
        ] {
            if let Some(p) = p {
                check_parent(p, flag)?;
            }
        }
        if let Some(m) = &a.model {
            if !m.is_file() {
                return Err(usage(format!("--model {}: no such file", m.display())));
            }
        }
        let rejects_path = match (&input.rejects, &output) {
            (Some(p), _) => Some(p.clone()),
            (None, Output::File(p)) => Some(sibling(p, "rejects.csv")),
            (None, Output::Stdout) => None,
        };
        Ok(ScreenConfig {
            input,
            output,
            rejects_path,
            threshold: a.threshold,
            reveal_nik: a.reveal_nik,
            model: a.model.clone(),
            save_model: a.save_model.clone(),
            parquet: a.parquet.clone(),
            summary_csv: a.summary_csv.clone(),
            fail_on_flags: a.fail_on_flags,
            write_worksheet: true,
        })
    }

    /// A config for `train`: the same pass, no worksheet.
    pub fn for_training(a: &TrainArgs) -> Result<ScreenConfig> {
        let input = InputConfig::from_args(&a.input)?;
        check_parent(&a.output, "--output")?;
        let rejects_path = input
            .rejects
            .clone()
            .or_else(|| Some(sibling(&a.output, "rejects.csv")));
        Ok(ScreenConfig {
            input,
            output: Output::File(a.output.clone()),
            rejects_path,
            threshold: 0.5,
            reveal_nik: false,
            model: None,
            save_model: Some(a.output.clone()),
            parquet: None,
            summary_csv: None,
            fail_on_flags: false,
            write_worksheet: false,
        })
    }
}

/// `flags.csv` -> `flags.rejects.csv`.
fn sibling(p: &std::path::Path, suffix: &str) -> PathBuf {
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "dpt-screen".into());
    p.with_file_name(format!("{stem}.{suffix}"))
}

fn check_parent(p: &std::path::Path, flag: &str) -> Result<()> {
    let parent = p
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    if !parent.is_dir() {
        return Err(usage(format!(
            "{flag} {}: directory {} does not exist",
            p.display(),
            parent.display()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn election_year() {
        assert_eq!(parse_election_year("2029-02-14").unwrap(), 2029);
        for bad in ["2029", "14-02-2029", "20x9-01-01", "1900-01-01"] {
            assert!(parse_election_year(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rejects_file_sits_beside_the_output() {
        assert_eq!(
            sibling(std::path::Path::new("out/flags.csv"), "rejects.csv"),
            PathBuf::from("out/flags.rejects.csv")
        );
    }
}
