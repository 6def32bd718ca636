//! Clean-stage speed on the shared benchmark pages, one thread:
//! plain text with furniture (MB/s) and HTML extraction (pages/s).
//!
//! `cargo bench -p newsmill-clean --bench clean`. Skips (with a note) when
//! ../shared/data/clean (or $NEWSMILL_SHARED/data/clean) is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsmill_clean::Clean;
use newsmill_doc::Meta;
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// `../shared` beside the project, or `$NEWSMILL_SHARED`.
fn data_dir() -> Option<PathBuf> {
    let shared = std::env::var_os("NEWSMILL_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dir = shared.join("data/clean");
    dir.is_dir().then_some(dir)
}

/// The whole visible text of each Scrapinghub page.
fn whole_page_texts(dir: &Path) -> Vec<String> {
    let Ok(raw) = std::fs::read_to_string(dir.join("scrapinghub/whole-page-text.json")) else {
        return Vec::new();
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(&raw) else {
        return Vec::new();
    };
    let map = value.get("output").unwrap_or(&value);
    map.as_object()
        .map(|m| {
            m.values()
                .filter_map(|v| v["articleBody"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn html_pages(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir.join("scrapinghub/html")) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect()
}

fn bench(c: &mut Criterion) {
    let Some(dir) = data_dir() else {
        eprintln!("shared/data/clean not found: clean benchmarks skipped");
        return;
    };
    let clean = Clean::new();
    let known = Meta::default();

    let texts = whole_page_texts(&dir);
    if texts.is_empty() {
        eprintln!("whole-page-text.json not readable: plain-text benchmark skipped");
    } else {
        let bytes: usize = texts.iter().map(String::len).sum();
        let mut group = c.benchmark_group("clean-text");
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(20);
        group.bench_function("scrapinghub-whole-page-text", |b| {
            b.iter(|| {
                for t in &texts {
                    let _ = black_box(clean.clean_text(black_box(t), &known));
                }
            })
        });
        group.finish();
    }

    let pages = html_pages(&dir);
    if pages.is_empty() {
        eprintln!("scrapinghub/html not readable: HTML benchmark skipped");
    } else {
        let mut group = c.benchmark_group("clean-html");
        group.throughput(Throughput::Elements(pages.len() as u64));
        group.sample_size(10);
        group.bench_function("scrapinghub-pages", |b| {
            b.iter(|| {
                for p in &pages {
                    let _ = black_box(clean.extract_html(black_box(p), &known));
                }
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
