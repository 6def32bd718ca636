//! Cost per token of each stage, on BBC News texts from ../shared (skipped when absent).
//!
//! `cargo bench -p newsmill --bench stages`
//!
//! Each stage is measured on documents already carried through the stages
//! before it, with throughput in tokens (as the sentences stage counts them),
//! so the figures read as tokens per second and compare across stages.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use newsmill_doc::{Document, Stage};
use std::path::Path;

const ARTICLES: usize = 300;

fn load_bbc() -> Option<Vec<Document>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/news/bbc.jsonl");
    let data = std::fs::read_to_string(&path).ok()?;
    let docs = data
        .lines()
        .take(ARTICLES)
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            Some(Document::from_text(
                v["id"].as_str()?.to_string(),
                v["text"].as_str()?.to_string(),
            ))
        })
        .collect();
    Some(docs)
}

fn run_all(stage: &dyn Stage, docs: &mut [Document]) {
    for doc in docs {
        let _ = stage.process(doc);
    }
}

fn stages(c: &mut Criterion) {
    let Some(raw) = load_bbc() else {
        eprintln!("skipping: ../shared/data/news/bbc.jsonl is not present");
        return;
    };
    let clean = newsmill_clean::Clean::new();
    let sentences = newsmill_sentences::Sentences::new();
    let entities = newsmill_entities::Entities::new();
    let quotes = newsmill_quotes::Quotes::new();

    let mut cleaned = raw.clone();
    run_all(&clean, &mut cleaned);
    let mut split = cleaned.clone();
    run_all(&sentences, &mut split);
    let mut tagged = split.clone();
    run_all(&entities, &mut tagged);

    let tokens: usize = split.iter().map(|d| d.tokens.len()).sum();
    let bytes: usize = raw.iter().map(|d| d.text.len()).sum();
    eprintln!("{} articles, {tokens} tokens, {bytes} bytes", raw.len());

    let mut group = c.benchmark_group("stage");
    group.throughput(Throughput::Elements(tokens as u64));
    group.sample_size(20);
    let cases: [(&str, &dyn Stage, &Vec<Document>); 4] = [
        ("clean", &clean, &raw),
        ("sentences", &sentences, &cleaned),
        ("entities", &entities, &split),
        ("quotes", &quotes, &tagged),
    ];
    for (name, stage, input) in cases {
        group.bench_function(name, |b| {
            b.iter_batched(
                || input.clone(),
                // Returned so that dropping them is not timed.
                |mut docs| {
                    run_all(stage, &mut docs);
                    docs
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
