//! `newsmill eval ner`: entity-level exact-match precision, recall and F1
//! (as conlleval counts them) of the entities stage on CoNLL-style files.
//!
//! Each document's tokens are joined with spaces (one sentence per line) and
//! the real stage runs on that text, so the score is what users get; every
//! token keeps its byte span, so predicted mentions map back to tokens.
//! Labels are compared as CoNLL types: PERSON → PER, NORP and EVENT → MISC;
//! a file is scored only on the types its gold labels use.

use anyhow::{Context, Result};
use newsmill_entities::conll::{self, conll_type, label_type, ConllDoc};
use newsmill_entities::{Entities, Model};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug, Clone)]
pub struct EvalNerArgs {
    /// CoNLL-style files (`token<TAB>tag`, BIO or IOB1).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Write `token<TAB>gold<TAB>predicted` lines (BIO, CoNLL types) to this file.
    #[arg(long)]
    pub predictions: Option<PathBuf>,
    /// Score this model file instead of the embedded one.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Score the rule-based tagger alone (no learned model).
    #[arg(long, conflicts_with = "model")]
    pub rules: bool,
}

#[derive(Default, Clone, Copy)]
struct Row {
    correct: usize,
    gold: usize,
    predicted: usize,
}

impl Row {
    fn prf(&self) -> (f64, f64, f64) {
        let p = self.correct as f64 / self.predicted.max(1) as f64;
        let r = self.correct as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

type Spans = Vec<(usize, usize, &'static str)>;

/// Gold and predicted names of one document, restricted to `types`.
fn score_doc(
    entities: &Entities,
    doc: &ConllDoc,
    types: &BTreeSet<&'static str>,
) -> (Spans, Spans) {
    let gold: Spans = doc
        .names
        .iter()
        .filter_map(|(s, e, l)| conll_type(l).map(|t| (*s, *e, t)))
        .collect();
    let mut pred: Spans = entities
        .annotate_with_sentences(&doc.text, &doc.sentence_starts)
        .into_iter()
        .filter_map(|e| label_type(e.label).map(|t| (e, t)))
        .filter(|(_, t)| types.contains(t))
        .flat_map(|(e, t)| e.mentions.into_iter().map(move |m| (m.start, m.end, t)))
        .collect();
    pred.sort_unstable();
    (gold, pred)
}

/// BIO tags of the tokens from names given as byte spans.
fn bio(doc: &ConllDoc, spans: &Spans) -> Vec<String> {
    let mut tags = vec!["O".to_string(); doc.tokens.len()];
    for &(s, e, t) in spans {
        let mut first = true;
        for (i, &(ts, te)) in doc.tokens.iter().enumerate() {
            if te > s && ts < e {
                tags[i] = format!("{}-{t}", if first { "B" } else { "I" });
                first = false;
            }
        }
    }
    tags
}

pub fn run(args: &EvalNerArgs) -> Result<()> {
    let mut entities = Entities::new();
    if let Some(path) = &args.model {
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        let model =
            Model::from_bytes(&bytes).with_context(|| format!("loading {}", path.display()))?;
        entities = entities.with_model(model);
    } else if args.rules {
        entities = entities.rules_only();
    }
    let mut out = match &args.predictions {
        Some(path) => Some(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => None,
    };
    for path in &args.files {
        let data =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let docs = conll::parse(&data).with_context(|| format!("parsing {}", path.display()))?;
        let types: BTreeSet<&'static str> = docs
            .iter()
            .flat_map(|d| d.names.iter().filter_map(|(_, _, l)| conll_type(l)))
            .collect();
        let mut rows: BTreeMap<&'static str, Row> =
            types.iter().map(|t| (*t, Row::default())).collect();
        let mut tokens = 0;
        for doc in &docs {
            tokens += doc.tokens.len();
            let (gold, pred) = score_doc(&entities, doc, &types);
            let gold_set: HashSet<_> = gold.iter().copied().collect();
            for g in &gold {
                rows.entry(g.2).or_default().gold += 1;
            }
            for p in &pred {
                let row = rows.entry(p.2).or_default();
                row.predicted += 1;
                if gold_set.contains(p) {
                    row.correct += 1;
                }
            }
            if let Some(out) = out.as_mut() {
                let (g, p) = (bio(doc, &gold), bio(doc, &pred));
                let mut sentence = 1;
                for (i, &(s, e)) in doc.tokens.iter().enumerate() {
                    if sentence < doc.sentence_starts.len() && doc.sentence_starts[sentence] == s {
                        writeln!(out)?;
                        sentence += 1;
                    }
                    writeln!(out, "{}\t{}\t{}", &doc.text[s..e], g[i], p[i])?;
                }
                writeln!(out)?;
            }
        }
        let all = rows.values().fold(Row::default(), |a, r| Row {
            correct: a.correct + r.correct,
            gold: a.gold + r.gold,
            predicted: a.predicted + r.predicted,
        });
        println!(
            "{} ({} documents, {tokens} tokens)",
            path.display(),
            docs.len()
        );
        println!("type  precision  recall  F1      gold  predicted");
        for (t, row) in rows.iter().chain(std::iter::once((&"ALL", &all))) {
            let (p, r, f) = row.prf();
            println!(
                "{t:5} {:9.2}  {:6.2}  {:6.2} {:5} {:10}",
                100.0 * p,
                100.0 * r,
                100.0 * f,
                row.gold,
                row.predicted
            );
        }
    }
    if let Some(mut out) = out {
        out.flush()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predictions_map_back_to_tokens_and_score_shared_types() {
        let data = "-DOCSTART-\tO\n\nMarta\tB-PER\nVelasquez\tI-PER\nflew\tO\nto\tO\nLisbon\tB-LOC\n.\tO\n";
        let docs = conll::parse(data).unwrap();
        let doc = &docs[0];
        let types: BTreeSet<&'static str> = ["PER"].into_iter().collect();
        let (gold, pred) = score_doc(&Entities::new(), doc, &types);
        assert_eq!(gold.len(), 2, "gold keeps every mapped type");
        assert!(
            pred.iter().all(|p| p.2 == "PER"),
            "only shared types: {pred:?}"
        );
        assert_eq!(pred, vec![(0, 15, "PER")]);
        let tags = bio(doc, &pred);
        assert_eq!(tags, ["B-PER", "I-PER", "O", "O", "O", "O"]);
    }
}
