//! Command-line flags (clap types and help text only). Validation happens in `config`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Examples:
  dpt-screen screen --dpt roll.csv --foreign wna_kitap.csv -o flags.csv
  dpt-screen screen --dpt rolls/ --foreign imigrasi.csv --foreign dukcapil_wna.csv -o flags.csv --threshold 0.9
  dpt-screen inspect roll.csv

Exit codes: 0 run finished; 1 with --fail-on-flags, something was flagged;
2 usage or input error (with --strict, any rejected row); 3 internal error.";

/// Screen an Indonesian voter roll (DPT) against lists of foreign residents (WNA).
///
/// Every flag is a lead for factual verification ("diduga WNA, perlu verifikasi faktual"),
/// never a verdict.
#[derive(Debug, Parser)]
#[command(name = "dpt-screen", version, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Screen DPT files against foreigner lists and write a review worksheet.
    Screen(ScreenArgs),
    /// Show what dpt-screen detects in a file: delimiter, encoding, columns, sample values.
    Inspect(InspectArgs),
    /// Write a synthetic roll, foreigner list and truth file (for tests and benchmarks).
    Synth(SynthArgs),
    /// Learn match weights from a roll and foreigner lists and save them as JSON.
    Train(TrainArgs),
    /// Measure a worksheet against a truth file: precision, recall, F1, per category.
    Evaluate(EvaluateArgs),
}

/// Inputs shared by `screen` and `train`.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// DPT file, directory of DPT files, or `-` for standard input (repeatable).
    #[arg(long = "dpt", value_name = "PATH", required = true)]
    pub dpt: Vec<PathBuf>,

    /// Foreigner list (permit holders, WNA KTP-el holders): file or directory (repeatable).
    #[arg(long = "foreign", value_name = "PATH", required = true)]
    pub foreign: Vec<PathBuf>,

    /// Map a field to a column: SIDE.FIELD=HEADER, several columns joined with `+`.
    ///
    /// SIDE is `dpt` or `foreign`; FIELD is one of name, surname, given_names, birth_date,
    /// sex, nik, nkk, passport, nationality, birthplace, tps, village, district, regency,
    /// province, permit_type, permit_number, permit_expiry. Example:
    /// --map dpt.name=NAMA_PEMILIH --map foreign.name=SURNAME+GIVEN_NAMES
    #[arg(long = "map", value_name = "SIDE.FIELD=HEADER")]
    pub map: Vec<String>,

    /// Character encoding of the inputs; `auto` tells UTF-8 from Windows-1252 per file.
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto, value_name = "ENC")]
    pub encoding: EncodingArg,

    /// Field delimiter; sniffed per file from `,` `;` tab `|` when not given.
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,

    /// Read all-numeric dates like 06/09/1997 month first (US order) instead of day first.
    #[arg(long)]
    pub month_first: bool,

    /// Election day, YYYY-MM-DD: resolves two-digit years (voters are 17 or older).
    #[arg(long, value_name = "DATE", default_value = "2029-02-14")]
    pub election_date: String,

    /// Worker threads (default: all cores). Output is identical for any value.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,

    /// Roll records per work chunk (tuning; output is identical for any value).
    #[arg(long, value_name = "N", default_value_t = 8192, hide = true)]
    pub chunk_rows: usize,

    /// Roll records the weights are learned from (the first N; larger rolls are scored with
    /// the weights learned on them, which keeps memory flat). Tuning and tests.
    #[arg(long, value_name = "N", default_value_t = 1 << 20, hide = true)]
    pub learn_rows: u64,

    /// No progress bar and no summary on stderr (errors still print).
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Write rejected rows (file, line, reason) here.
    ///
    /// Default: next to the output as OUTPUT.rejects.csv; with `-o -`, dpt-screen.rejects.csv
    /// in the current directory, written only when a row was rejected.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,

    /// Treat any rejected row as an input error (exit code 2 after writing everything).
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct ScreenArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Review worksheet (CSV), or `-` for standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,

    /// Lowest match probability written to the worksheet (0 to 1).
    #[arg(long, value_name = "P", default_value_t = 0.5)]
    pub threshold: f64,

    /// Show NIKs in full in the worksheet (personal data: default shows the first 6 digits).
    #[arg(long)]
    pub reveal_nik: bool,

    /// Use the match weights saved in this model file instead of learning them from the input.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,

    /// Save the model this run used (learned or loaded) as JSON.
    #[arg(long, value_name = "FILE")]
    pub save_model: Option<PathBuf>,

    /// Also write the worksheet as Parquet (for analysts).
    #[arg(long, value_name = "FILE")]
    pub parquet: Option<PathBuf>,

    /// Also write flag counts per region and tier as CSV.
    #[arg(long, value_name = "FILE")]
    pub summary_csv: Option<PathBuf>,

    /// Exit with code 1 when anything was flagged (for batch scripts).
    #[arg(long)]
    pub fail_on_flags: bool,
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Where to write the learned model (JSON).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The file to inspect (CSV, optionally .gz).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Which kind of list the file is; guessed from its columns when not given.
    #[arg(long, value_enum, value_name = "SIDE")]
    pub side: Option<SideArg>,

    /// Same as for `screen`.
    #[arg(long = "map", value_name = "SIDE.FIELD=HEADER")]
    pub map: Vec<String>,

    #[arg(long, value_enum, default_value_t = EncodingArg::Auto, value_name = "ENC")]
    pub encoding: EncodingArg,

    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,

    /// Number of sample rows to show.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub samples: usize,
}

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// Number of roll (DPT) rows.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub dpt_rows: u64,

    /// Number of foreigners on the list.
    #[arg(long, value_name = "N", default_value_t = 1_000)]
    pub foreign_rows: u64,

    /// Number of listed foreigners planted on the roll (true matches).
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub planted: u64,

    /// Number of hard negatives (look-alike citizens); default: as many as planted.
    #[arg(long, value_name = "N")]
    pub hard_negatives: Option<u64>,

    /// Random seed; the same seed always writes the same files.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,

    /// File forms to imitate (repeatable).
    #[arg(long, value_enum, value_name = "VARIANT")]
    pub variant: Vec<VariantArg>,

    /// Output directory (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// truth.csv as written by `synth` (dpt_row,foreign_row,category).
    #[arg(long, value_name = "FILE")]
    pub truth: PathBuf,

    /// The worksheet written by `screen`.
    #[arg(long, value_name = "FILE")]
    pub flags: PathBuf,

    /// Hard negatives file written by `synth`, to report any in HIGH.
    #[arg(long, value_name = "FILE")]
    pub negatives: Option<PathBuf>,

    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    Auto,
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "windows-1252", alias = "cp1252", alias = "latin1")]
    Windows1252,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SideArg {
    Dpt,
    Foreign,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum VariantArg {
    /// `;`-delimited (Indonesian-locale Excel).
    Semicolon,
    /// Windows-1252 encoded.
    Cp1252,
    /// Birth dates in several formats (DD-MM-YYYY, DD/MM/YY, `12 Januari 1980`, Excel serials).
    MixedDates,
    /// NIKs masked in the roll (`327301**********` and similar).
    MaskedNik,
    /// Other header spellings (NAMA PEMILIH, TGL_LAHIR, L/P, ...).
    AltHeaders,
}
