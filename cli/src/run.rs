//! The parallel runner: reader thread → bounded queue of batches → rayon
//! workers → writer thread that keeps input order.
//!
//! Memory stays flat whatever the batch size: at most `QUEUED_BATCHES`
//! batches wait to be processed and `QUEUED_OUTPUTS` wait to be written, each
//! bounded by `BATCH_ARTICLES` articles and about `BATCH_BYTES` bytes. Output
//! order is input order because batches are processed one after another and
//! rayon's indexed `collect` keeps positions, so bytes are identical for any
//! number of workers.

use crate::{sample, stages, RunArgs};
use anyhow::{bail, Context, Result};
use crossbeam_channel::bounded;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsmill_doc::{Document, Pipeline, Record, RecordOptions};
use newsmill_io::{InputSource, ReadOptions};
use newsmill_report::{ArticleSummary, BatchReport, ReportFormat};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Instant;

const BATCH_ARTICLES: usize = 256;
const BATCH_BYTES: usize = 8 * 1024 * 1024;
const QUEUED_BATCHES: usize = 2;
const QUEUED_OUTPUTS: usize = 2;

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
    let pipeline = stages::build(&args.stages)?;
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
    let inputs = newsmill_io::open(
        &sources,
        ReadOptions {
            max_article_bytes: args.max_article_bytes,
        },
    )
    .context("opening inputs")?;

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

    let (batch_tx, batch_rx) = bounded::<Vec<Document>>(QUEUED_BATCHES);
    let (output_tx, output_rx) = bounded::<Vec<Output>>(QUEUED_OUTPUTS);

    let reader = std::thread::Builder::new()
        .name("newsmill-reader".into())
        .spawn(move || {
            let mut input_bytes: u64 = 0;
            let mut batch = Vec::with_capacity(BATCH_ARTICLES);
            let mut batch_bytes = 0usize;
            for (position, doc) in inputs.enumerate() {
                if let Some(shard) = shard {
                    if position % shard.count != shard.index {
                        continue;
                    }
                }
                input_bytes += doc.text.len() as u64;
                batch_bytes += doc.text.len();
                batch.push(doc);
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
        let outputs: Vec<Output> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|doc| process(&pipeline, doc, record_options, want_report))
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

fn process(pipeline: &Pipeline, mut doc: Document, options: RecordOptions, report: bool) -> Output {
    pipeline.run(&mut doc);
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
        ProgressStyle::with_template("{spinner} {pos} articles  {per_sec}  {elapsed}")
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
