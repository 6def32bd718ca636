//! `newsmill eval clean`: body extraction scored against expected texts, with both public
//! metrics (Zyte 4-gram shingle F1, WCXB bag-of-words F1) and the worst pages.

use anyhow::{bail, Context, Result};
use newsmill_clean::metrics::{bag_of_words, shingle_counts, Aggregate, Counts};
use newsmill_clean::Clean;
use newsmill_doc::Meta;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args, Debug, Clone)]
pub struct EvalCleanArgs {
    /// Expected bodies: a directory of `<id>.txt`, or a JSON file mapping id -> {articleBody}
    /// (the Zyte ground-truth.json; an `{"output": {...}}` wrapper is accepted too).
    #[arg(long, value_name = "DIR|FILE")]
    pub expected: PathBuf,

    /// Pages to clean: a directory of `<id>.html`/`.htm`/`.txt` (each optionally `.gz`), a JSON
    /// file mapping id -> {articleBody} (plain text, such as whole-page-text.json), or a JSONL
    /// file of {id, text|html}.
    pub input: PathBuf,

    /// List the N pages with the lowest bag-of-words F1.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub worst: usize,

    /// Score the input as it is, without cleaning (a baseline).
    #[arg(long)]
    pub as_is: bool,

    /// Write the predictions as JSON (id -> {articleBody}), the Zyte benchmark's output format.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Html,
    Text,
}

struct Page {
    id: String,
    kind: Kind,
    body: String,
}

fn read_maybe_gz(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = String::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_string(&mut out)
            .with_context(|| format!("decompressing {}", path.display()))?;
        Ok(out)
    } else {
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// File name without `.gz` and the given extensions, and which extension it had.
fn split_name<'a>(name: &'a str, exts: &[&'a str]) -> Option<(&'a str, &'a str)> {
    let name = name.strip_suffix(".gz").unwrap_or(name);
    exts.iter()
        .find_map(|e| name.strip_suffix(e).map(|stem| (stem, *e)))
}

fn dir_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// A JSON object id -> {articleBody} (optionally under "output").
fn read_body_map(path: &Path) -> Result<BTreeMap<String, String>> {
    let text = read_maybe_gz(path)?;
    let value: Value =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    let map = value.get("output").unwrap_or(&value);
    let Some(map) = map.as_object() else {
        bail!(
            "{}: expected a JSON object of id -> {{articleBody}}",
            path.display()
        );
    };
    Ok(map
        .iter()
        .map(|(id, v)| {
            let body = v
                .get("articleBody")
                .or_else(|| v.get("main_content"))
                .or_else(|| v.get("text"))
                .and_then(Value::as_str)
                .or_else(|| v.as_str())
                .unwrap_or("");
            (id.clone(), body.to_string())
        })
        .collect())
}

fn read_expected(path: &Path) -> Result<BTreeMap<String, String>> {
    if path.is_dir() {
        let mut out = BTreeMap::new();
        for file in dir_files(path)? {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if let Some((id, _)) = split_name(name, &[".txt"]) {
                out.insert(id.to_string(), read_maybe_gz(&file)?);
            }
        }
        Ok(out)
    } else {
        read_body_map(path)
    }
}

fn read_input(path: &Path) -> Result<Vec<Page>> {
    if path.is_dir() {
        let mut pages = Vec::new();
        for file in dir_files(path)? {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if let Some((id, ext)) = split_name(name, &[".html", ".htm", ".txt"]) {
                let kind = if ext == ".txt" {
                    Kind::Text
                } else {
                    Kind::Html
                };
                pages.push(Page {
                    id: id.to_string(),
                    kind,
                    body: read_maybe_gz(&file)?,
                });
            }
        }
        return Ok(pages);
    }
    let name = path.to_string_lossy();
    if name.ends_with(".jsonl") || name.ends_with(".jsonl.gz") {
        let text = read_maybe_gz(path)?;
        let mut pages = Vec::new();
        for (n, line) in BufReader::new(text.as_bytes()).lines().enumerate() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let v: Value = serde_json::from_str(&line)
                .with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
            let id = match v.get("id") {
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
                None => format!("{}:{}", path.display(), n + 1),
            };
            let (kind, body) = if let Some(h) = v.get("html").and_then(Value::as_str) {
                (Kind::Html, h)
            } else if let Some(t) = v.get("text").and_then(Value::as_str) {
                (Kind::Text, t)
            } else {
                bail!("{}:{}: neither text nor html", path.display(), n + 1);
            };
            pages.push(Page {
                id,
                kind,
                body: body.to_string(),
            });
        }
        return Ok(pages);
    }
    Ok(read_body_map(path)?
        .into_iter()
        .map(|(id, body)| Page {
            id,
            kind: Kind::Text,
            body,
        })
        .collect())
}

struct Scored {
    id: String,
    shingle: Counts,
    words: Counts,
    prediction: String,
    seconds: f64,
    bytes: usize,
}

/// The body clean extracts from `page` (empty when nothing is left).
fn clean_page(clean: &Clean, page: &Page) -> String {
    let result = match page.kind {
        Kind::Html => clean.extract_html(&page.body, &Meta::default()),
        Kind::Text => clean.clean_text(&page.body, &Meta::default()),
    };
    result.map(|c| c.text).unwrap_or_default()
}

pub fn run(args: &EvalCleanArgs) -> Result<()> {
    let expected = read_expected(&args.expected)?;
    let pages = read_input(&args.input)?;
    if expected.is_empty() {
        bail!("no expected texts in {}", args.expected.display());
    }
    let (pages, unexpected): (Vec<Page>, Vec<Page>) = pages
        .into_iter()
        .partition(|p| expected.contains_key(&p.id));
    if !unexpected.is_empty() {
        eprintln!(
            "note: {} input pages have no expected text and are not scored (e.g. {})",
            unexpected.len(),
            unexpected[0].id
        );
    }
    let missing = expected.len() - pages.len();
    if missing > 0 {
        eprintln!("note: {missing} expected pages have no input and are scored as empty");
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()?;
    let clean = Clean::new();
    let wall = Instant::now();
    let mut scored: Vec<Scored> = pool.install(|| {
        pages
            .par_iter()
            .map(|page| {
                let start = Instant::now();
                let prediction = if args.as_is {
                    page.body.clone()
                } else {
                    clean_page(&clean, page)
                };
                let seconds = start.elapsed().as_secs_f64();
                let gold = &expected[&page.id];
                Scored {
                    id: page.id.clone(),
                    shingle: shingle_counts(gold, &prediction),
                    words: bag_of_words(gold, &prediction),
                    prediction,
                    seconds,
                    bytes: page.body.len(),
                }
            })
            .collect()
    });
    let mut wall = wall.elapsed().as_secs_f64();
    if !args.as_is {
        // Patterns compile and the regex automata grow on first use, once
        // per process: time a second pass, as a long batch would run.
        let again = Instant::now();
        let seconds: Vec<f64> = pool.install(|| {
            pages
                .par_iter()
                .map(|page| {
                    let start = Instant::now();
                    let _ = clean_page(&clean, page);
                    start.elapsed().as_secs_f64()
                })
                .collect()
        });
        wall = again.elapsed().as_secs_f64();
        for (s, t) in scored.iter_mut().zip(seconds) {
            s.seconds = t;
        }
    }
    for (id, gold) in &expected {
        if !scored.iter().any(|s| &s.id == id) {
            scored.push(Scored {
                id: id.clone(),
                shingle: shingle_counts(gold, ""),
                words: bag_of_words(gold, ""),
                prediction: String::new(),
                seconds: 0.0,
                bytes: 0,
            });
        }
    }

    let mut shingles = Aggregate::default();
    let mut words = Aggregate::default();
    for s in &scored {
        shingles.add(s.shingle);
        words.add(s.words);
    }
    let (sh, bw) = (shingles.summary(), words.summary());
    let cpu: f64 = scored.iter().map(|s| s.seconds).sum();
    let bytes: usize = scored.iter().map(|s| s.bytes).sum();
    println!("pages: {}", sh.pages);
    println!(
        "shingle 4-gram (Zyte): precision {:.4}  recall {:.4}  F1 {:.4}   (mean per-page F1 {:.4})",
        sh.precision, sh.recall, sh.f1_of_means, sh.mean_f1
    );
    println!(
        "bag of words (WCXB):   precision {:.4}  recall {:.4}  F1 {:.4}   (F1 of means {:.4})",
        bw.precision, bw.recall, bw.mean_f1, bw.f1_of_means
    );
    if cpu > 0.0 && !args.as_is {
        println!(
            "speed (second pass): {:.0} pages/s and {:.1} MB/s a core (summed per-page \
             time), wall {:.2}s (a rough figure: use the criterion bench for speed)",
            scored.len() as f64 / cpu,
            bytes as f64 / 1e6 / cpu,
            wall
        );
    }
    if args.worst > 0 {
        let mut order: Vec<&Scored> = scored.iter().collect();
        order.sort_by(|a, b| a.words.f1().total_cmp(&b.words.f1()));
        println!("\nworst pages by bag-of-words F1:");
        println!(
            "  {:>6} {:>6} {:>6} {:>8}  id",
            "bowF1", "P", "R", "shingF1"
        );
        for s in order.into_iter().take(args.worst) {
            println!(
                "  {:>6.3} {:>6.3} {:>6.3} {:>8.3}  {}",
                s.words.f1(),
                s.words.precision().unwrap_or(0.0),
                s.words.recall().unwrap_or(0.0),
                s.shingle.f1(),
                s.id
            );
        }
    }
    if let Some(path) = &args.output {
        let mut map = serde_json::Map::new();
        scored.sort_by(|a, b| a.id.cmp(&b.id));
        for s in &scored {
            map.insert(
                s.id.clone(),
                serde_json::json!({ "articleBody": s.prediction }),
            );
        }
        let json = serde_json::to_string_pretty(&serde_json::json!({ "output": map }))?;
        std::fs::write(path, json).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_gz_and_extension() {
        assert_eq!(
            split_name("dev-0001.html.gz", &[".html", ".txt"]),
            Some(("dev-0001", ".html"))
        );
        assert_eq!(split_name("a.txt", &[".txt"]), Some(("a", ".txt")));
        assert_eq!(split_name("a.json", &[".txt"]), None);
    }
}
