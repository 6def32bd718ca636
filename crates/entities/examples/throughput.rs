//! Tokens per second on a JSONL corpus with a "text" field:
//! `cargo run --release --example throughput -- bbc.jsonl`
use newsmill_entities::Entities;
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: throughput FILE.jsonl");
        std::process::exit(2);
    };
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    let texts: Vec<String> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(String::from))
        .collect();
    let load = Instant::now();
    let model = newsmill_entities::Model::embedded();
    println!(
        "model load: {:?} ({} bytes of weights)",
        load.elapsed(),
        model.size_bytes()
    );
    let load = Instant::now();
    let tagger = Entities::new();
    println!("gazetteer load: {:?}", load.elapsed());
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let start = Instant::now();
    let mut entities = 0;
    for text in &texts {
        entities += tagger.annotate(text).len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} docs, {words} words, {entities} entities in {secs:.3}s: {:.0} words/s (one thread)",
        texts.len(),
        words as f64 / secs
    );
}
