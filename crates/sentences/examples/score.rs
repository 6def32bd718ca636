//! Scores the segmenter on sentence-boundary gold data and measures speed.
//!
//! ```text
//! cargo run --release -p newsmill-sentences --example score -- [DATA_DIR] [NEWS_JSONL]
//! ```
//!
//! DATA_DIR defaults to /work/shared/data/sbd and must hold
//! golden_rules_en.jsonl and ud_{gum,ewt}_dev.jsonl; NEWS_JSONL (for the
//! MB/s figure) defaults to /work/shared/data/news/bbc.jsonl. Missing files are
//! skipped with a note. SCORE_FILES (comma-separated names in DATA_DIR)
//! replaces the two dev files. Set SHOW_ERRORS=1 to print the boundaries missed and
//! added, and NO_SPLIT_LOWERCASE=1 to turn `split_before_lowercase` off.

use newsmill_sentences::Segmenter;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let data = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "/work/shared/data/sbd".to_string()),
    );
    let news = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "/work/shared/data/news/bbc.jsonl".to_string()),
    );
    let show = std::env::var_os("SHOW_ERRORS").is_some();
    let segmenter = Segmenter::builder()
        .split_before_lowercase(std::env::var_os("NO_SPLIT_LOWERCASE").is_none())
        .build()
        .expect("valid configuration");

    if let Some(rows) = read_jsonl(&data.join("golden_rules_en.jsonl")) {
        golden_rules(&segmenter, &rows, show);
    }
    // SCORE_FILES=ud_gum_train.jsonl,ud_ewt_train.jsonl looks at other
    // splits: rules are developed on train, dev is only reported.
    let files = std::env::var("SCORE_FILES")
        .unwrap_or_else(|_| "ud_gum_dev.jsonl,ud_ewt_dev.jsonl".to_string());
    for name in files.split(',').filter(|n| !n.is_empty()) {
        if let Some(rows) = read_jsonl(&data.join(name)) {
            boundaries(&segmenter, name, &rows, show);
        }
    }
    if let Some(rows) = read_jsonl(&news) {
        speed(&segmenter, &rows);
    }
}

fn read_jsonl(path: &Path) -> Option<Vec<Value>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect(),
        ),
        Err(err) => {
            eprintln!("skipping {}: {err}", path.display());
            None
        }
    }
}

fn split<'t>(segmenter: &Segmenter, text: &'t str) -> Vec<&'t str> {
    segmenter
        .sentences(text)
        .iter()
        .map(|s| &text[s.range()])
        .collect()
}

fn golden_rules(segmenter: &Segmenter, rows: &[Value], show: bool) {
    let mut passed = 0;
    for row in rows {
        let text = row["text"].as_str().unwrap_or_default();
        let want: Vec<&str> = row["sentences"]
            .as_array()
            .map(|a| a.iter().filter_map(|s| s.as_str()).map(str::trim).collect())
            .unwrap_or_default();
        let got = split(segmenter, text);
        if got == want {
            passed += 1;
        } else if show {
            println!(
                "FAIL rule {}: {:?}\n  want {want:?}\n  got  {got:?}",
                row["id"], row["title"]
            );
        }
    }
    println!("golden rules: {passed}/{} passed", rows.len());
}

/// Boundary P/R/F1: each blank-line block on its own; a boundary is a
/// sentence start other than the block's first character.
fn boundaries(segmenter: &Segmenter, name: &str, rows: &[Value], show: bool) {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for row in rows {
        let text = row["text"].as_str().unwrap_or_default();
        let gold_chars: BTreeSet<usize> = row["starts"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_u64())
                    .map(|v| v as usize)
                    .collect()
            })
            .unwrap_or_default();
        // Gold counts code points; convert to bytes.
        let byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        let gold: BTreeSet<usize> = gold_chars
            .iter()
            .filter_map(|&c| byte_of.get(c).copied())
            .collect();
        let mut at = 0;
        for block in text.split("\n\n") {
            let block_start = at;
            at += block.len() + 2;
            let first = block_start + (block.len() - block.trim_start().len());
            let want: BTreeSet<usize> = gold
                .range(block_start..block_start + block.len())
                .copied()
                .filter(|&b| b != first)
                .collect();
            let got: BTreeSet<usize> = segmenter
                .sentences(block)
                .iter()
                .map(|s| block_start + s.start)
                .filter(|&b| b != first)
                .collect();
            tp += want.intersection(&got).count();
            for &b in want.difference(&got) {
                fn_ += 1;
                if show {
                    println!("MISS {name}: {}", context(text, b));
                }
            }
            for &b in got.difference(&want) {
                fp += 1;
                if show {
                    println!("FALSE {name}: {}", context(text, b));
                }
            }
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!(
        "{name}: P {:.2} R {:.2} F1 {:.2} (tp {tp}, fp {fp}, fn {fn_})",
        p * 100.0,
        r * 100.0,
        f * 100.0
    );
}

fn context(text: &str, at: usize) -> String {
    let mut from = at.saturating_sub(50);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (at + 40).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    format!("{:?} || {:?}", &text[from..at], &text[at..to])
}

/// Nanoseconds this thread has run on a CPU (Linux), so that the figure is
/// per core even on a busy machine; wall time elsewhere.
fn cpu_now(wall: Instant) -> f64 {
    let on_cpu = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok());
    match on_cpu {
        Some(ns) => ns / 1e9,
        None => wall.elapsed().as_secs_f64(),
    }
}

fn speed(segmenter: &Segmenter, rows: &[Value]) {
    let texts: Vec<&str> = rows.iter().filter_map(|r| r["text"].as_str()).collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    // Best of several rounds, in CPU time: the machine is shared, and the
    // best round is the closest to the real cost.
    let mut best = f64::MAX;
    let mut tokens_only = f64::MAX;
    let (mut tokens, mut sentences) = (0, 0);
    let wall = Instant::now();
    let mut best_wall = f64::MAX;
    let mut token_buf = Vec::new();
    let mut sentence_buf = Vec::new();
    for _ in 0..7 {
        let started = Instant::now();
        let cpu = cpu_now(wall);
        tokens = 0;
        sentences = 0;
        for text in &texts {
            // Buffers reused across texts, as the pipeline stage does.
            token_buf.clear();
            sentence_buf.clear();
            let whole = newsmill_doc::Span::new(0, text.len());
            if segmenter
                .segment_into(text, whole, &mut token_buf, &mut sentence_buf)
                .is_ok()
            {
                sentences += sentence_buf.len();
                tokens += token_buf.len();
            }
        }
        best = best.min(cpu_now(wall) - cpu);
        best_wall = best_wall.min(started.elapsed().as_secs_f64());
        let cpu = cpu_now(wall);
        let mut count = 0;
        for text in &texts {
            token_buf.clear();
            segmenter.tokens_into(text, &mut token_buf);
            count += token_buf.len();
        }
        assert_eq!(count, tokens);
        tokens_only = tokens_only.min(cpu_now(wall) - cpu);
    }
    println!(
        "speed (CPU time of this thread): {:.1} MB/s tokenize+split ({:.1} MB/s wall), {:.1} MB/s tokenize only, on {} texts, {:.1} MB ({tokens} tokens, {sentences} sentences)",
        bytes as f64 / best / 1e6,
        bytes as f64 / best_wall / 1e6,
        bytes as f64 / tokens_only / 1e6,
        texts.len(),
        bytes as f64 / 1e6,
    );
}
