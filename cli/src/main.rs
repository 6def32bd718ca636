//! `newsmill`: turn large batches of raw news articles into clean, structured records.
//!
//! The binary is thin: it parses flags, builds the pipeline from the stage
//! crates, and runs it over the inputs in parallel (see `run.rs`).

mod eval_clean;
mod eval_ner;
mod eval_quotes;
mod eval_sentences;
mod run;
mod sample;
mod score;
mod stages;
mod train_ner;

use anyhow::Result;
use clap::{Parser, Subcommand};
use newsmill_doc::OffsetUnit;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "newsmill",
    version,
    about = "Turn large batches of raw news articles into clean, structured records",
    long_about = "Turn large batches of raw news articles (plain text, HTML, JSONL; optionally .gz) \
                  into one JSON record per article: cleaned body, metadata, sentences, entities and \
                  quotes with their speakers. Records go to stdout (or -o) in input order; progress \
                  and logs go to stderr."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Process articles into JSONL records (and optionally a batch report).
    Run(RunArgs),
    /// Score a stage against gold data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Train a model.
    #[command(subcommand)]
    Train(TrainCommand),
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Sentence boundaries: precision, recall, F1 and exact matches.
    Sentences(eval_sentences::EvalSentencesArgs),
    /// Quotations and their speakers against standoff gold annotations.
    Quotes(eval_quotes::EvalQuotesArgs),
    /// Body extraction against expected texts.
    Clean(eval_clean::EvalCleanArgs),
    /// Entity tagging against CoNLL-style files.
    Ner(eval_ner::EvalNerArgs),
}

#[derive(Subcommand)]
enum TrainCommand {
    /// Train the entity tagger from CoNLL-style files.
    Ner(train_ner::TrainNerArgs),
}

#[derive(clap::Args, Debug, Clone)]
pub struct RunArgs {
    /// Files or directories (walked recursively) of .txt, .html, .htm, .jsonl, .warc, each optionally .gz;
    /// `-` reads stdin. Without inputs, stdin is read.
    pub inputs: Vec<String>,

    /// Run on the sample articles bundled in the binary instead of INPUTS.
    #[arg(long, conflicts_with = "inputs")]
    pub sample: bool,

    /// Write records to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write a batch report; the format follows the extension: .md, .json, .html, .csv.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// How many entries each top list of the report shows.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub report_top: usize,

    /// Comma-separated stages to run, in order. Without `clean` the input text is the body verbatim.
    #[arg(
        long,
        default_value = "clean,sentences,entities,quotes",
        value_name = "LIST"
    )]
    pub stages: String,

    /// The unit offsets count in records: char (Unicode code points), byte (UTF-8) or utf16.
    #[arg(long, default_value = "char", value_name = "UNIT")]
    pub offsets: OffsetUnit,

    /// Your own names for the entities stage: spaCy EntityRuler JSONL
    /// (`{"label", "pattern", "id"}`); matches win over the tagger and the
    /// pattern `id` reaches the record as the entity's `kb_id`.
    #[arg(long, value_name = "FILE")]
    pub patterns: Option<PathBuf>,

    /// Include the token layer in records.
    #[arg(long)]
    pub tokens: bool,

    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Process only shard I of N (0-based, by input record position), e.g. `--shard 3/16`.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<run::Shard>,

    /// Articles larger than this many bytes become error records.
    #[arg(long, default_value_t = 16 * 1024 * 1024, value_name = "BYTES")]
    pub max_article_bytes: usize,

    /// Remove lines a site repeats across its articles, learnt from the batch: two-pass (read file
    /// inputs twice), window (count over the last 10,000 articles, for stdin), off, or auto
    /// (two-pass for files and directories, window otherwise).
    #[arg(long, default_value = "auto", value_name = "MODE")]
    pub repeated: run::RepeatedMode,

    /// Never show the progress bar (it is shown only when stderr is a terminal anyway).
    #[arg(short, long)]
    pub quiet: bool,
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Run(args) => run::run(&args),
        Command::Eval(EvalCommand::Sentences(args)) => eval_sentences::run(&args),
        Command::Eval(EvalCommand::Quotes(args)) => eval_quotes::run(&args),
        Command::Eval(EvalCommand::Clean(args)) => eval_clean::run(&args),
        Command::Eval(EvalCommand::Ner(args)) => eval_ner::run(&args),
        Command::Train(TrainCommand::Ner(args)) => train_ner::run(&args),
    }
}
