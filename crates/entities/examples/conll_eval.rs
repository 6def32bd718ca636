//! Scores the tagger on a CoNLL-2003-style file (token<TAB>BIO-tag), exact
//! span match per type, after mapping labels to PER/ORG/LOC/MISC (NORP and
//! EVENT count as MISC; values are ignored).
//! `cargo run --release --example conll_eval -- dev.tsv`
use newsmill_entities::Entities;
use std::collections::{BTreeMap, HashSet};

type Spans = HashSet<(usize, usize, &'static str)>;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: conll_eval FILE.tsv");
        std::process::exit(2);
    };
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    let tagger = Entities::new();
    let mut gold = Spans::new();
    let mut pred = Spans::new();
    // Documents as text: one sentence per line, tokens joined by spaces.
    let mut text = String::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut open: Option<(usize, &'static str)> = None;
    let mut last_end = 0;
    let mut base = 0usize;
    let mut all = String::new();
    let flush = |text: &mut String,
                 starts: &mut Vec<usize>,
                 base: &mut usize,
                 pred: &mut Spans,
                 all: &mut String| {
        all.push_str(text);
        all.push('\n');
        for e in tagger.annotate_with_sentences(text, starts) {
            if let Some(t) = newsmill_entities::conll::label_type(e.label) {
                for m in e.mentions {
                    pred.insert((*base + m.start, *base + m.end, t));
                }
            }
        }
        *base += text.len() + 1;
        text.clear();
        starts.clear();
    };
    for line in data.lines().chain(std::iter::once("-DOCSTART-\tO")) {
        let Some((tok, tag)) = line.split_once('\t') else {
            if let Some((s, t)) = open.take() {
                gold.insert((base + s, base + last_end, t));
            }
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            continue;
        };
        if tok == "-DOCSTART-" {
            if let Some((s, t)) = open.take() {
                gold.insert((base + s, base + last_end, t));
            }
            flush(&mut text, &mut starts, &mut base, &mut pred, &mut all);
            continue;
        }
        if text.is_empty() || text.ends_with('\n') {
            starts.push(text.len());
        } else {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(tok);
        let kind: &'static str = match tag.get(2..) {
            Some("PER") => "PER",
            Some("ORG") => "ORG",
            Some("LOC") => "LOC",
            Some("MISC") => "MISC",
            _ => "",
        };
        if tag.starts_with("B-") || tag == "O" {
            if let Some((s, t)) = open.take() {
                gold.insert((base + s, base + last_end, t));
            }
        }
        if tag.starts_with("B-") {
            open = Some((start, kind));
        }
        last_end = text.len();
    }
    let mut rows: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for g in &gold {
        let r = rows.entry(g.2).or_default();
        r.1 += 1;
        if pred.contains(g) {
            r.0 += 1;
        }
    }
    for p in &pred {
        rows.entry(p.2).or_default().2 += 1;
    }
    let (mut tp, mut ng, mut np) = (0, 0, 0);
    println!("type   P      R      F1     gold  pred");
    for (t, (hit, g, p)) in &rows {
        tp += hit;
        ng += g;
        np += p;
        report(t, *hit, *g, *p);
    }
    report("ALL", tp, ng, np);
    // NEWSMILL_ERRORS=1 lists misses ("-") and false alarms ("+").
    if std::env::var_os("NEWSMILL_ERRORS").is_some() {
        for (s, e, t) in gold.difference(&pred) {
            println!("- {t:4} {}", &all[*s..*e]);
        }
        for (s, e, t) in pred.difference(&gold) {
            println!("+ {t:4} {}", &all[*s..*e]);
        }
    }
}

fn report(name: &str, hit: usize, gold: usize, pred: usize) {
    let p = hit as f64 / pred.max(1) as f64;
    let r = hit as f64 / gold.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!("{name:5} {p:.3}  {r:.3}  {f:.3}  {gold:5} {pred:5}");
}
