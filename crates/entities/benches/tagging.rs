//! Tagging speed on BBC News text (the shared corpus; skipped when absent):
//! `cargo bench -p newsmill-entities --bench tagging`
//!
//! `stage` is the whole entities stage per article (tokens, values, the
//! learned tagger, linking); `model` is the learned tagger alone (features,
//! scoring and greedy decoding) on the same tokens. Throughput counts the
//! crate's own tokens (words and punctuation).
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsmill_entities::Entities;
use std::hint::black_box;

fn texts() -> Option<Vec<String>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/news/bbc.jsonl"
    );
    let data = std::fs::read_to_string(path).ok()?;
    Some(
        data.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text")?.as_str().map(String::from))
            .take(300)
            .collect(),
    )
}

fn bench(c: &mut Criterion) {
    let Some(texts) = texts() else {
        eprintln!("shared/data/news/bbc.jsonl not found: skipping the tagging benchmark");
        return;
    };
    let entities = Entities::new();
    let tokens: usize = texts.iter().map(|t| entities.token_count(t)).sum();
    let mut group = c.benchmark_group("entities");
    group.throughput(Throughput::Elements(tokens as u64));
    group.sample_size(10);
    group.bench_function("model", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| entities.model_names(black_box(t)))
                .sum::<usize>()
        })
    });
    group.bench_function("stage", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| entities.annotate(black_box(t)).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
