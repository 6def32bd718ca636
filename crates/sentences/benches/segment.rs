//! Tokenizer and sentence-splitter throughput on real news text, one thread.
//!
//! `cargo bench -p newsmill-sentences --bench segment`. Reads the `text` of
//! every record of ../shared/data/news/bbc.jsonl (or
//! `$NEWSMILL_SHARED/data/news/bbc.jsonl`) and skips, with a note, when it is
//! absent. Three benchmarks, in bytes of input per second:
//!
//! * `tokens+sentences`: [`Segmenter::segment_into`] with two buffers reused
//!   across articles, as the pipeline stage does, so nothing is allocated per
//!   article or per sentence once the buffers have grown;
//! * `tokens`: the tokenizer alone ([`Segmenter::tokens_into`]);
//! * `sentences`: the splitter alone, over tokens computed beforehand
//!   ([`Segmenter::sentences_from_tokens_into`]).
//!
//! Each runs twice: `bbc-cpu/…` measures the CPU time of the benchmark
//! thread (Linux `/proc/thread-self/schedstat`), which is the per-core figure
//! even when other processes share the machine; `bbc-wall/…` measures wall
//! time, which equals it on an idle machine.

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use newsmill_doc::{Span, Token};
use newsmill_sentences::Segmenter;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Time this thread spent on a CPU; wall time where the kernel does not say.
struct ThreadCpuTime {
    wall: WallTime,
}

fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

impl Measurement for ThreadCpuTime {
    type Intermediate = (Option<u64>, Instant);
    type Value = Duration;

    fn start(&self) -> Self::Intermediate {
        (thread_cpu_ns(), Instant::now())
    }
    fn end(&self, (cpu, wall): Self::Intermediate) -> Self::Value {
        match (cpu, thread_cpu_ns()) {
            (Some(from), Some(to)) => Duration::from_nanos(to.saturating_sub(from)),
            _ => wall.elapsed(),
        }
    }
    fn add(&self, v1: &Self::Value, v2: &Self::Value) -> Self::Value {
        *v1 + *v2
    }
    fn zero(&self) -> Self::Value {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Self::Value) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        // Values are nanoseconds, as with wall time.
        self.wall.formatter()
    }
}

/// `../shared` beside the project, or `$NEWSMILL_SHARED`.
fn news_file() -> Option<PathBuf> {
    let shared = std::env::var_os("NEWSMILL_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let file = shared.join("data/news/bbc.jsonl");
    file.is_file().then_some(file)
}

/// The article texts, or `None` (with a note) when the data is absent.
fn texts() -> Option<Vec<String>> {
    let Some(path) = news_file() else {
        eprintln!("shared/data/news/bbc.jsonl not found: sentence benchmarks skipped");
        return None;
    };
    let raw = std::fs::read_to_string(&path).unwrap_or_default();
    let texts: Vec<String> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    if texts.is_empty() {
        eprintln!("{}: no texts, sentence benchmarks skipped", path.display());
        return None;
    }
    Some(texts)
}

fn run_group<M: Measurement>(mut group: BenchmarkGroup<'_, M>, texts: &[String]) {
    let bytes: usize = texts.iter().map(String::len).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    let segmenter = Segmenter::default();

    // Buffers grow to the longest article once, then are only cleared.
    let mut tokens: Vec<Token> = Vec::new();
    let mut sentences: Vec<Span> = Vec::new();

    group.bench_function("tokens+sentences", |b| {
        b.iter(|| {
            let mut count = 0;
            for text in texts {
                tokens.clear();
                sentences.clear();
                let whole = Span::new(0, text.len());
                // A whole text is always a valid region.
                let _ = segmenter.segment_into(text, whole, &mut tokens, &mut sentences);
                count += sentences.len();
            }
            black_box(count)
        })
    });

    group.bench_function("tokens", |b| {
        b.iter(|| {
            let mut count = 0;
            for text in texts {
                tokens.clear();
                segmenter.tokens_into(text, &mut tokens);
                count += tokens.len();
            }
            black_box(count)
        })
    });

    let all_tokens: Vec<Vec<Token>> = texts.iter().map(|t| segmenter.tokens(t)).collect();
    group.bench_function("sentences", |b| {
        b.iter(|| {
            let mut count = 0;
            for (text, tokens) in texts.iter().zip(&all_tokens) {
                sentences.clear();
                // Tokens from `Segmenter::tokens` are always valid.
                let _ = segmenter.sentences_from_tokens_into(text, tokens, &mut sentences);
                count += sentences.len();
            }
            black_box(count)
        })
    });
    group.finish();
}

fn cpu(c: &mut Criterion<ThreadCpuTime>) {
    if let Some(texts) = texts() {
        run_group(c.benchmark_group("bbc-cpu"), &texts);
    }
}

fn wall(c: &mut Criterion) {
    if let Some(texts) = texts() {
        run_group(c.benchmark_group("bbc-wall"), &texts);
    }
}

criterion_group! {
    name = per_core;
    config = Criterion::default().with_measurement(ThreadCpuTime { wall: WallTime });
    targets = cpu
}
criterion_group!(wall_clock, wall);
criterion_main!(per_core, wall_clock);
