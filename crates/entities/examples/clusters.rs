//! Derives `data/clusters.tsv`: word clusters learned from unlabeled news,
//! used as features by the learned name tagger.
//!
//! `cargo run --release -p newsmill-entities --example clusters -- SHARED_DIR data/clusters.tsv`
//!
//! Each frequent word (case kept) gets a vector of the words seen right
//! before and after it (positive PMI over the 1,000 most frequent words),
//! and spherical k-means groups the vectors at three granularities. Only the
//! word list and cluster numbers are written, never corpus text. Inputs:
//! `data/news/bbc.jsonl`, `data/news/reuters21578.jsonl` and the tokens of
//! `data/ner/conll2003/train.tsv` (the training split only, labels unused).
//! Deterministic: no randomness, fixed iteration counts.
use std::collections::HashMap;

const VOCAB: usize = 40_000;
const MIN_COUNT: u32 = 4;
const CONTEXTS: usize = 1_000;
const KS: [usize; 3] = [64, 256, 1024];
const ITERATIONS: usize = 10;

fn words(text: &str, out: &mut Vec<String>) {
    for raw in text.split_whitespace() {
        // Split leading and trailing punctuation off, keep inner ('U.S.', "don't").
        let start = raw.find(|c: char| c.is_alphanumeric()).unwrap_or(raw.len());
        let end = raw.rfind(|c: char| c.is_alphanumeric()).map_or(start, |i| {
            i + raw[i..].chars().next().map_or(1, char::len_utf8)
        });
        for c in raw[..start].chars() {
            out.push(c.to_string());
        }
        if start < end {
            let core = &raw[start..end];
            match core.strip_suffix("'s") {
                Some(stem) if !stem.is_empty() => {
                    out.push(stem.to_string());
                    out.push("'s".to_string());
                }
                _ => out.push(core.to_string()),
            }
            // Abbreviation dots stay with the word ("U.S.").
            if raw[end..].starts_with('.') && core.contains('.') {
                if let Some(w) = out.last_mut() {
                    w.push('.');
                }
                for c in raw[end + 1..].chars() {
                    out.push(c.to_string());
                }
                continue;
            }
        }
        for c in raw[end.max(start)..].chars() {
            out.push(c.to_string());
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: clusters SHARED_DIR OUT.tsv");
        std::process::exit(2);
    }
    let shared = std::path::Path::new(&args[1]);
    let mut sentences: Vec<Vec<String>> = Vec::new();
    for name in ["bbc.jsonl", "reuters21578.jsonl"] {
        let path = shared.join("data/news").join(name);
        let data = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            eprintln!("{}: {e}", path.display());
            std::process::exit(1)
        });
        for line in data.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if let Some(text) = v.get("text").and_then(|t| t.as_str()) {
                for para in text.split("\n\n") {
                    let mut ws = Vec::new();
                    words(para, &mut ws);
                    sentences.push(ws);
                }
            }
        }
    }
    let conll = shared.join("data/ner/conll2003/train.tsv");
    if let Ok(data) = std::fs::read_to_string(&conll) {
        let mut ws = Vec::new();
        for line in data.lines() {
            match line.split_once('\t') {
                Some((tok, _)) if tok != "-DOCSTART-" => ws.push(tok.to_string()),
                _ => {
                    if !ws.is_empty() {
                        sentences.push(std::mem::take(&mut ws));
                    }
                }
            }
        }
    }
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for s in &sentences {
        for w in s {
            *counts.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut by_freq: Vec<(&str, u32)> = counts.iter().map(|(w, c)| (*w, *c)).collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let vocab: Vec<&str> = by_freq
        .iter()
        .filter(|(_, c)| *c >= MIN_COUNT)
        .take(VOCAB)
        .map(|(w, _)| *w)
        .collect();
    let index: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, w)| (*w, i)).collect();
    let ctx_index: HashMap<&str, usize> = vocab
        .iter()
        .take(CONTEXTS)
        .enumerate()
        .map(|(i, w)| (*w, i))
        .collect();
    let dims = 2 * CONTEXTS + 2;
    // Sparse co-occurrence counts: word -> (dim -> count).
    let mut cooc: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    for s in &sentences {
        for (i, w) in s.iter().enumerate() {
            let Some(&wi) = index.get(w.as_str()) else {
                continue;
            };
            let left = if i == 0 {
                Some(2 * CONTEXTS)
            } else {
                ctx_index.get(s[i - 1].as_str()).copied()
            };
            let right = if i + 1 == s.len() {
                Some(2 * CONTEXTS + 1)
            } else {
                ctx_index.get(s[i + 1].as_str()).map(|c| c + CONTEXTS)
            };
            for d in [left, right].into_iter().flatten() {
                *cooc[wi].entry(d as u32).or_default() += 1.0;
            }
        }
    }
    // Positive PMI, then unit length.
    let mut dim_total = vec![0f64; dims];
    let mut total = 0f64;
    for row in &cooc {
        for (&d, &c) in row {
            dim_total[d as usize] += f64::from(c);
            total += f64::from(c);
        }
    }
    let vectors: Vec<Vec<(u32, f32)>> = cooc
        .iter()
        .map(|row| {
            let row_total: f64 = row.values().map(|&c| f64::from(c)).sum();
            let mut v: Vec<(u32, f32)> = row
                .iter()
                .filter_map(|(&d, &c)| {
                    let pmi = (f64::from(c) * total / (row_total * dim_total[d as usize])).ln();
                    (pmi > 0.0).then_some((d, pmi as f32))
                })
                .collect();
            v.sort_by_key(|x| x.0);
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-6);
            v.iter_mut().for_each(|x| x.1 /= norm);
            v
        })
        .collect();
    eprintln!(
        "{} sentences, {} words in the vocabulary",
        sentences.len(),
        vocab.len()
    );
    let mut assignments: Vec<Vec<usize>> = Vec::new();
    for &k in &KS {
        // Seeds: every (n/k)-th word by frequency, a deterministic spread.
        let step = vocab.len() / k;
        let mut centroids: Vec<Vec<f32>> = (0..k)
            .map(|c| {
                let mut dense = vec![0f32; dims];
                for &(d, x) in &vectors[c * step] {
                    dense[d as usize] = x;
                }
                dense
            })
            .collect();
        let mut assign = vec![0usize; vocab.len()];
        for it in 0..ITERATIONS {
            for (w, v) in vectors.iter().enumerate() {
                let mut best = (f32::NEG_INFINITY, 0);
                for (c, cen) in centroids.iter().enumerate() {
                    let s: f32 = v.iter().map(|&(d, x)| x * cen[d as usize]).sum();
                    if s > best.0 {
                        best = (s, c);
                    }
                }
                assign[w] = best.1;
            }
            for cen in centroids.iter_mut() {
                cen.iter_mut().for_each(|x| *x = 0.0);
            }
            for (w, v) in vectors.iter().enumerate() {
                for &(d, x) in v {
                    centroids[assign[w]][d as usize] += x;
                }
            }
            for cen in centroids.iter_mut() {
                let norm = cen.iter().map(|x| x * x).sum::<f32>().sqrt();
                if norm > 0.0 {
                    cen.iter_mut().for_each(|x| *x /= norm);
                }
            }
            eprintln!("k={k}: iteration {}", it + 1);
        }
        assignments.push(assign);
    }
    let mut out =
        String::from("# word<TAB>cluster at k=64<TAB>k=256<TAB>k=1024; see examples/clusters.rs\n");
    for (w, word) in vocab.iter().enumerate() {
        if word.contains(char::is_whitespace) {
            continue;
        }
        out.push_str(word);
        for a in &assignments {
            out.push('\t');
            out.push_str(&a[w].to_string());
        }
        out.push('\n');
    }
    std::fs::write(&args[2], out).unwrap_or_else(|e| {
        eprintln!("{}: {e}", args[2]);
        std::process::exit(1)
    });
}
