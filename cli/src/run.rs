//! The parallel runner: reader thread → bounded queue of batches → rayon
//! workers → writer thread that keeps input order.
//!
//! Memory stays flat whatever the batch size: at most `QUEUED_BATCHES`
//! batches wait to be processed and `QUEUED_OUTPUTS` wait to be written, each
//! bounded by `BATCH_ARTICLES` articles and about `BATCH_BYTES` bytes. Output
//! order is input order because batches are processed one after another and
//! rayon's indexed `collect` keeps positions, so bytes are identical for any
//! number of workers.
//!
//! Batch knowledge (`--repeated`): lines a site repeats across its articles
//! are removed by the clean stage from counts over the batch itself
//! ([`newsmill_clean::repeated`]). With `two-pass` a first pass reads every
//! input and only hashes lines, then the normal run consults the finished
//! table. With `window` (input that can be read once, such as stdin) the
//! counts cover the last `WINDOW_ARTICLES` articles; the main thread updates
//! them batch by batch in input order before the batch is processed, and
//! every article of a batch consults the counts as they stand after its
//! whole batch, so what an article sees depends only on the input (batch
//! boundaries are fixed by article counts and sizes), never on `--jobs`.
//! Both count every input record, also those another `--shard` keeps, so
//! the shards of a run together give the unsharded output.

use crate::{sample, stages, RunArgs};
use anyhow::{bail, Context, Result};
use crossbeam_channel::bounded;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsmill_clean::repeated::SITE_HINT;
use newsmill_clean::{ArticleLines, Clean, RepeatedLines, RepeatedWindow};
use newsmill_doc::{Document, Pipeline, Record, RecordOptions};
use newsmill_io::{InputSource, Inputs, ReadOptions};
use newsmill_report::{ArticleSummary, BatchReport, ReportFormat};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Instant;

const BATCH_ARTICLES: usize = 256;
const BATCH_BYTES: usize = 8 * 1024 * 1024;
const QUEUED_BATCHES: usize = 2;
const QUEUED_OUTPUTS: usize = 2;
/// How many of the latest articles `--repeated window` counts over.
const WINDOW_ARTICLES: usize = 10_000;

/// `--repeated`: how lines a site repeats across the batch are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepeatedMode {
    /// `two-pass` when every input is a file or directory, else `window`.
    Auto,
    /// Read the inputs twice: count first, then clean.
    TwoPass,
    /// Count over a sliding window of the latest articles.
    Window,
    /// No batch knowledge.
    Off,
}

impl FromStr for RepeatedMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(RepeatedMode::Auto),
            "two-pass" | "twopass" | "2" => Ok(RepeatedMode::TwoPass),
            "window" => Ok(RepeatedMode::Window),
            "off" | "none" => Ok(RepeatedMode::Off),
            other => Err(format!(
                "unknown --repeated mode {other:?}: use auto, two-pass, window or off"
            )),
        }
    }
}

/// The stages, with clean split out when it consults batch knowledge.
enum Stages {
    Whole(Pipeline),
    Split {
        before: Pipeline,
        after: Pipeline,
        knowledge: Knowledge,
    },
}

/// Where the clean stage's repeated-line table comes from.
enum Knowledge {
    /// Counted over all inputs by a first pass.
    Fixed(Pipeline),
    /// Counted over a window of the stream, batch by batch.
    Window(Box<RepeatedWindow>),
}

fn clean_with(table: RepeatedLines) -> Pipeline {
    Pipeline::new().with(Clean::new().with_repeated(Arc::new(table)))
}

/// The stage list as names, checked by building it whole.
fn split_stages(
    list: &str,
    patterns: Option<&std::path::Path>,
) -> Result<(Pipeline, Option<(Pipeline, Pipeline)>)> {
    let whole = stages::build_with_patterns(list, patterns)?;
    let names: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    let parts = match names.iter().position(|&n| n == "clean") {
        Some(at) => Some((
            stages::build_with_patterns(&names[..at].join(","), patterns)?,
            stages::build_with_patterns(&names[at + 1..].join(","), patterns)?,
        )),
        None => None,
    };
    Ok((whole, parts))
}

/// One reader per source, named for the site hint of articles that have
/// neither URL nor source.
fn open_each(sources: &[InputSource], options: ReadOptions) -> Result<Vec<(String, Inputs)>> {
    // Checks every path (and stdin named once) before anything is read.
    newsmill_io::open(sources, options).context("opening inputs")?;
    sources
        .iter()
        .map(|source| {
            let name = match source {
                InputSource::Stdin => "-".to_string(),
                InputSource::Path(path) => path.to_string_lossy().into_owned(),
            };
            let inputs = newsmill_io::open(std::slice::from_ref(source), options)
                .context("opening inputs")?;
            Ok((name, inputs))
        })
        .collect()
}

/// Every article of every source, in order, each carrying its source's name
/// as the site hint.
fn hinted(readers: Vec<(String, Inputs)>) -> impl Iterator<Item = Document> + Send {
    readers.into_iter().flat_map(|(name, inputs)| {
        let hint = serde_json::Value::String(name);
        inputs.map(move |mut doc| {
            doc.ext.insert(SITE_HINT.to_string(), hint.clone());
            doc
        })
    })
}

/// The first of two passes: count the lines of every article, hashing in
/// parallel and counting in input order.
fn count_lines(
    sources: &[InputSource],
    options: ReadOptions,
    pool: &rayon::ThreadPool,
) -> Result<RepeatedLines> {
    let mut table = RepeatedLines::new();
    let mut docs = hinted(open_each(sources, options)?);
    loop {
        // Bounded like the main run's batches, in articles and in bytes.
        let mut batch = Vec::with_capacity(BATCH_ARTICLES);
        let mut bytes = 0;
        for doc in docs.by_ref() {
            bytes += doc.text.len();
            batch.push(doc);
            if batch.len() >= BATCH_ARTICLES || bytes >= BATCH_BYTES {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        let lines: Vec<ArticleLines> =
            pool.install(|| batch.par_iter().map(ArticleLines::of_document).collect());
        for article in &lines {
            table.add(article);
        }
    }
    Ok(table)
}

/// `--shard I/N`: keep the input records whose position modulo N is I.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (i, n) = s
            .split_once('/')
            .ok_or_else(|| format!("expected I/N such as 0/4, got {s:?}"))?;
        let index: usize = i
            .trim()
            .parse()
            .map_err(|_| format!("bad shard index {i:?}"))?;
        let count: usize = n
            .trim()
            .parse()
            .map_err(|_| format!("bad shard count {n:?}"))?;
        if count == 0 || index >= count {
            return Err(format!(
                "shard index must be below the count, got {index}/{count}"
            ));
        }
        Ok(Shard { index, count })
    }
}

/// What one processed article leaves for the writer.
struct Output {
    line: String,
    summary: Option<ArticleSummary>,
    failed: bool,
}

#[derive(Default)]
struct Totals {
    articles: u64,
    errors: u64,
}

pub fn run(args: &RunArgs) -> Result<()> {
    let started = Instant::now();
    let (pipeline, clean_split) = split_stages(&args.stages, args.patterns.as_deref())?;
    let report_format = match &args.report {
        Some(path) => Some(ReportFormat::from_path(path).with_context(|| {
            format!(
                "cannot tell the report format of {}: use .md, .json, .html or .csv",
                path.display()
            )
        })?),
        None => None,
    };

    let sample_dir = args.sample.then(sample::materialise).transpose()?;
    let _cleanup = sample_dir
        .as_ref()
        .map(|dir| sample::RemoveOnDrop(dir.clone()));
    let sources = match &sample_dir {
        Some(dir) => vec![InputSource::Path(dir.clone())],
        None => sources(args)?,
    };
    let read_options = ReadOptions {
        max_article_bytes: args.max_article_bytes,
    };
    let readers = open_each(&sources, read_options)?;
    let rereadable = sources.iter().all(|s| matches!(s, InputSource::Path(_)));
    let mode = match (args.repeated, &clean_split) {
        // Nothing consults the table without the clean stage.
        (_, None) | (RepeatedMode::Off, _) => RepeatedMode::Off,
        (RepeatedMode::Auto, _) if rereadable => RepeatedMode::TwoPass,
        (RepeatedMode::Auto, _) => RepeatedMode::Window,
        (RepeatedMode::TwoPass, _) if !rereadable => {
            bail!("--repeated two-pass reads the inputs twice, which stdin cannot be: use --repeated window")
        }
        (mode, _) => mode,
    };

    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("newsmill-worker-{i}"))
        .build()
        .context("starting worker threads")?;

    let sink: Box<dyn Write + Send> = match &args.output {
        Some(path) => {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("creating {}", parent.display()))?;
            }
            Box::new(
                std::fs::File::create(path)
                    .with_context(|| format!("creating {}", path.display()))?,
            )
        }
        None => Box::new(std::io::stdout()),
    };
    let mut sink = std::io::BufWriter::with_capacity(1 << 20, sink);

    let progress = progress_bar(args.quiet);
    let record_options = RecordOptions {
        offsets: args.offsets,
        tokens: args.tokens,
    };
    let want_report = report_format.is_some();
    let shard = args.shard;

    let mut stages = match (mode, clean_split) {
        (RepeatedMode::Off, _) | (_, None) => Stages::Whole(pipeline),
        (mode, Some((before, after))) => {
            let knowledge = if mode == RepeatedMode::Window {
                Knowledge::Window(Box::new(RepeatedWindow::new(WINDOW_ARTICLES)))
            } else {
                Knowledge::Fixed(clean_with(count_lines(&sources, read_options, &pool)?))
            };
            Stages::Split {
                before,
                after,
                knowledge,
            }
        }
    };
    let hint = mode != RepeatedMode::Off;
    // The window counts articles other shards keep, so they travel along.
    let keep_all = mode == RepeatedMode::Window;

    let (batch_tx, batch_rx) = bounded::<Vec<(Document, bool)>>(QUEUED_BATCHES);
    let (output_tx, output_rx) = bounded::<Vec<Output>>(QUEUED_OUTPUTS);

    let reader = std::thread::Builder::new()
        .name("newsmill-reader".into())
        .spawn(move || {
            let mut input_bytes: u64 = 0;
            let mut batch = Vec::with_capacity(BATCH_ARTICLES);
            let mut batch_bytes = 0usize;
            let docs: Box<dyn Iterator<Item = Document> + Send> = if hint {
                Box::new(hinted(readers))
            } else {
                Box::new(readers.into_iter().flat_map(|(_, inputs)| inputs))
            };
            for (position, doc) in docs.enumerate() {
                let keep = shard.is_none_or(|shard| position % shard.count == shard.index);
                if !keep && !keep_all {
                    continue;
                }
                if keep {
                    input_bytes += doc.text.len() as u64;
                }
                batch_bytes += doc.text.len();
                batch.push((doc, keep));
                if batch.len() >= BATCH_ARTICLES || batch_bytes >= BATCH_BYTES {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_ARTICLES));
                    batch_bytes = 0;
                    if batch_tx.send(full).is_err() {
                        return input_bytes;
                    }
                }
            }
            if !batch.is_empty() {
                let _ = batch_tx.send(batch);
            }
            input_bytes
        })
        .context("starting the reader thread")?;

    let writer_progress = progress.clone();
    let writer = std::thread::Builder::new()
        .name("newsmill-writer".into())
        .spawn(move || -> Result<(BatchReport, Totals)> {
            let mut report = BatchReport::new();
            let mut totals = Totals::default();
            for outputs in output_rx {
                let count = outputs.len() as u64;
                for output in outputs {
                    sink.write_all(output.line.as_bytes())
                        .and_then(|()| sink.write_all(b"\n"))
                        .context("writing records")?;
                    totals.articles += 1;
                    totals.errors += u64::from(output.failed);
                    if let Some(summary) = output.summary {
                        report.add(summary);
                    }
                }
                writer_progress.inc(count);
            }
            sink.flush().context("flushing records")?;
            Ok((report, totals))
        })
        .context("starting the writer thread")?;

    for batch in batch_rx {
        let window_clean = match &mut stages {
            Stages::Split {
                knowledge: Knowledge::Window(window),
                ..
            } => {
                // In input order, before the batch runs: see the module docs.
                let lines: Vec<ArticleLines> = pool.install(|| {
                    batch
                        .par_iter()
                        .map(|(doc, _)| ArticleLines::of_document(doc))
                        .collect()
                });
                for article in &lines {
                    window.push(article.clone());
                }
                Some(clean_with(window.snapshot(&lines)))
            }
            _ => None,
        };
        let clean = match &stages {
            Stages::Split {
                knowledge: Knowledge::Fixed(clean),
                ..
            } => Some(clean),
            _ => window_clean.as_ref(),
        };
        let stages = &stages;
        let outputs: Vec<Output> = pool.install(|| {
            batch
                .into_par_iter()
                .filter(|(_, keep)| *keep)
                .map(|(doc, _)| process(stages, clean, doc, record_options, want_report))
                .collect()
        });
        if output_tx.send(outputs).is_err() {
            // The writer stopped on an error; it reports it below.
            break;
        }
    }
    drop(output_tx);

    let input_bytes = reader
        .join()
        .map_err(|_| anyhow::anyhow!("the reader thread panicked"))?;
    let (report, totals) = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the writer thread panicked"))??;
    progress.finish_and_clear();

    if let (Some(path), Some(format)) = (&args.report, report_format) {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(path, report.render(format, args.report_top))
            .with_context(|| format!("writing the report {}", path.display()))?;
    }

    if !args.quiet {
        let seconds = started.elapsed().as_secs_f64();
        eprintln!(
            "newsmill: {} articles ({} error records) in {:.2} s: {:.0} articles/s, {:.2} MB/s, {} jobs",
            totals.articles,
            totals.errors,
            seconds,
            totals.articles as f64 / seconds.max(1e-9),
            input_bytes as f64 / 1e6 / seconds.max(1e-9),
            jobs
        );
    }
    Ok(())
}

fn process(
    stages: &Stages,
    clean: Option<&Pipeline>,
    mut doc: Document,
    options: RecordOptions,
    report: bool,
) -> Output {
    match stages {
        Stages::Whole(pipeline) => pipeline.run(&mut doc),
        Stages::Split { before, after, .. } => {
            before.run(&mut doc);
            if let Some(clean) = clean {
                clean.run(&mut doc);
            }
            after.run(&mut doc);
        }
    }
    // Left over only when a stage failed before clean read it.
    doc.ext.remove(SITE_HINT);
    let record = Record::from_document(&doc, options);
    Output {
        line: record.to_json_line(),
        summary: report.then(|| ArticleSummary::from_document(&doc)),
        failed: doc.error.is_some(),
    }
}

fn sources(args: &RunArgs) -> Result<Vec<InputSource>> {
    if args.inputs.is_empty() {
        if std::io::stdin().is_terminal() {
            bail!("no inputs: give files or directories, `-` for stdin, or --sample");
        }
        return Ok(vec![InputSource::Stdin]);
    }
    Ok(args
        .inputs
        .iter()
        .map(|input| match input.as_str() {
            "-" => InputSource::Stdin,
            path => InputSource::Path(PathBuf::from(path)),
        })
        .collect())
}

fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {human_pos} articles  {rate}  {elapsed}")
            .map(|style| {
                style.with_key(
                    "rate",
                    |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.0} articles/s", state.per_sec());
                    },
                )
            })
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_parses_and_rejects_nonsense() {
        assert_eq!(
            "3/16".parse::<Shard>(),
            Ok(Shard {
                index: 3,
                count: 16
            })
        );
        assert!("4/4".parse::<Shard>().is_err());
        assert!("1/0".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
    }
}
