//! `newsmill eval quotes`: quotations and their speakers against standoff gold.
//!
//! The gold file holds one line per article: `{"id", "quotes": [{"start",
//! "end", "kind", "speaker", "speaker_desc"}]}` with offsets in Unicode code
//! points over the input record's `text`. Each selected article's text runs,
//! verbatim, through `sentences,entities,quotes`, and the predicted quotes are
//! matched to the gold ones: exactly (same start and end) and leniently (any
//! overlap, one to one, largest overlap first).

use crate::score::{json_lines, ratio, Prf};
use anyhow::{bail, Context, Result};
use newsmill_doc::{Document, OffsetMap, OffsetUnit, QuoteKind};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug, Clone)]
pub struct EvalQuotesArgs {
    /// Gold annotations: JSONL, one article per line, offsets in code points.
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,

    /// JSONL inputs (optionally .gz) holding the gold articles' `id` and `text`;
    /// records whose id is not in the gold file are skipped.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,

    /// List every missed and spurious quotation, wrong kind and wrong speaker.
    #[arg(long)]
    pub errors: bool,
}

/// One quotation, gold or predicted, in code points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalQuote {
    pub start: usize,
    pub end: usize,
    pub kind: QuoteKind,
    pub speaker: Option<String>,
    pub speaker_desc: Option<String>,
}

impl EvalQuote {
    fn is_speech(&self) -> bool {
        self.kind != QuoteKind::Other
    }
}

/// Pairs `(gold index, predicted index)` with the same span.
pub fn match_exact(gold: &[EvalQuote], predicted: &[EvalQuote]) -> Vec<(usize, usize)> {
    let mut by_span: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (j, p) in predicted.iter().enumerate() {
        by_span.entry((p.start, p.end)).or_insert(j);
    }
    let mut pairs = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        if let Some(j) = by_span.remove(&(g.start, g.end)) {
            pairs.push((i, j));
        }
    }
    pairs
}

/// Overlapping pairs, one to one: the largest overlaps are taken first, ties
/// broken by position so the result does not depend on hash order.
pub fn match_overlap(gold: &[EvalQuote], predicted: &[EvalQuote]) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        for (j, p) in predicted.iter().enumerate() {
            let overlap = g.end.min(p.end).saturating_sub(g.start.max(p.start));
            if overlap > 0 {
                candidates.push((std::cmp::Reverse(overlap), i, j));
            }
        }
    }
    candidates.sort();
    let (mut used_gold, mut used_pred) = (BTreeSet::new(), BTreeSet::new());
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used_gold.contains(&i) && !used_pred.contains(&j) {
            used_gold.insert(i);
            used_pred.insert(j);
            pairs.push((i, j));
        }
    }
    pairs.sort();
    pairs
}

/// Right out of total.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Accuracy {
    pub right: usize,
    pub total: usize,
}

impl Accuracy {
    pub fn value(&self) -> f64 {
        ratio(self.right, self.total)
    }
    fn count(&mut self, right: bool) {
        self.total += 1;
        self.right += usize::from(right);
    }
    fn add(&mut self, other: Accuracy) {
        self.right += other.right;
        self.total += other.total;
    }
}

/// Every figure the command prints, summed over articles.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct QuoteScore {
    pub articles: usize,
    /// Speech quotations (direct and partial), exact spans.
    pub speech: Prf,
    /// Speech quotations, any overlap.
    pub speech_lenient: Prf,
    /// Every quotation whatever its kind, exact spans.
    pub all: Prf,
    /// Every quotation, any overlap.
    pub all_lenient: Prf,
    /// Kind agreement on exactly matched quotations of any kind.
    pub kind: Accuracy,
    /// Speaker agreement on exactly matched speech quotations.
    pub speaker: Accuracy,
    /// Speaker agreement on leniently matched speech quotations.
    pub speaker_lenient: Accuracy,
    /// (gold kind, predicted kind) counts over exact matches.
    pub confusion: BTreeMap<(String, String), usize>,
}

impl QuoteScore {
    fn add(&mut self, other: &QuoteScore) {
        self.articles += other.articles;
        self.speech.add(other.speech);
        self.speech_lenient.add(other.speech_lenient);
        self.all.add(other.all);
        self.all_lenient.add(other.all_lenient);
        self.kind.add(other.kind);
        self.speaker.add(other.speaker);
        self.speaker_lenient.add(other.speaker_lenient);
        for (k, v) in &other.confusion {
            *self.confusion.entry(k.clone()).or_default() += v;
        }
    }
}

/// Names compare case-insensitively with whitespace collapsed; null equals null.
pub fn same_speaker(gold: Option<&str>, predicted: Option<&str>) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    match (gold, predicted) {
        (None, None) => true,
        (Some(g), Some(p)) => norm(g) == norm(p),
        _ => false,
    }
}

fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Other => "other",
    }
}

/// Scores one article; with `errors`, describes each disagreement in `text`
/// (the article text, for context).
pub fn score_article(
    gold: &[EvalQuote],
    predicted: &[EvalQuote],
    text: &str,
    errors: Option<&mut Vec<String>>,
) -> QuoteScore {
    let mut score = QuoteScore {
        articles: 1,
        ..QuoteScore::default()
    };
    let gold_speech: Vec<EvalQuote> = gold.iter().filter(|q| q.is_speech()).cloned().collect();
    let pred_speech: Vec<EvalQuote> = predicted
        .iter()
        .filter(|q| q.is_speech())
        .cloned()
        .collect();

    let speech_pairs = match_exact(&gold_speech, &pred_speech);
    score.speech = Prf {
        true_positives: speech_pairs.len(),
        gold: gold_speech.len(),
        predicted: pred_speech.len(),
    };
    let speech_lenient_pairs = match_overlap(&gold_speech, &pred_speech);
    score.speech_lenient = Prf {
        true_positives: speech_lenient_pairs.len(),
        gold: gold_speech.len(),
        predicted: pred_speech.len(),
    };
    for &(i, j) in &speech_pairs {
        score.speaker.count(same_speaker(
            gold_speech[i].speaker.as_deref(),
            pred_speech[j].speaker.as_deref(),
        ));
    }
    for &(i, j) in &speech_lenient_pairs {
        score.speaker_lenient.count(same_speaker(
            gold_speech[i].speaker.as_deref(),
            pred_speech[j].speaker.as_deref(),
        ));
    }

    let all_pairs = match_exact(gold, predicted);
    score.all = Prf {
        true_positives: all_pairs.len(),
        gold: gold.len(),
        predicted: predicted.len(),
    };
    score.all_lenient = Prf {
        true_positives: match_overlap(gold, predicted).len(),
        gold: gold.len(),
        predicted: predicted.len(),
    };
    for &(i, j) in &all_pairs {
        let (g, p) = (&gold[i], &predicted[j]);
        score.kind.count(g.kind == p.kind);
        *score
            .confusion
            .entry((kind_name(g.kind).into(), kind_name(p.kind).into()))
            .or_default() += 1;
    }

    if let Some(errors) = errors {
        let show = |q: &EvalQuote| {
            let snippet: String = text.chars().skip(q.start).take(q.end - q.start).collect();
            let snippet = if snippet.chars().count() > 70 {
                format!("{}…", snippet.chars().take(70).collect::<String>())
            } else {
                snippet
            };
            format!("[{}..{}] {}", q.start, q.end, snippet.replace('\n', "⏎"))
        };
        let who = |q: &EvalQuote| match (&q.speaker, &q.speaker_desc) {
            (Some(s), _) => s.clone(),
            (None, Some(d)) => format!("null ({d})"),
            (None, None) => "null".into(),
        };
        let matched_gold: BTreeSet<usize> = all_pairs.iter().map(|p| p.0).collect();
        let matched_pred: BTreeSet<usize> = all_pairs.iter().map(|p| p.1).collect();
        let mut lines: Vec<(usize, String)> = Vec::new();
        for (i, g) in gold.iter().enumerate() {
            if !matched_gold.contains(&i) {
                lines.push((
                    g.start,
                    format!("missed    {} {} — {}", kind_name(g.kind), show(g), who(g)),
                ));
            }
        }
        for (j, p) in predicted.iter().enumerate() {
            if !matched_pred.contains(&j) {
                lines.push((
                    p.start,
                    format!("spurious  {} {} — {}", kind_name(p.kind), show(p), who(p)),
                ));
            }
        }
        for &(i, j) in &all_pairs {
            let (g, p) = (&gold[i], &predicted[j]);
            if g.kind != p.kind {
                lines.push((
                    g.start,
                    format!(
                        "kind      gold {} predicted {} {}",
                        kind_name(g.kind),
                        kind_name(p.kind),
                        show(g)
                    ),
                ));
            }
            if g.is_speech()
                && p.is_speech()
                && !same_speaker(g.speaker.as_deref(), p.speaker.as_deref())
            {
                lines.push((
                    g.start,
                    format!("speaker   gold {} predicted {} {}", who(g), who(p), show(g)),
                ));
            }
        }
        lines.sort();
        errors.extend(lines.into_iter().map(|(_, l)| l));
    }
    score
}

/// Runs the stages on `text` and returns the predicted quotations in code points.
fn predict(pipeline: &newsmill_doc::Pipeline, id: &str, text: &str) -> Result<Vec<EvalQuote>> {
    let mut doc = Document::from_text(id, text);
    pipeline.run(&mut doc);
    if let Some(err) = &doc.error {
        bail!("{id}: {} ({})", err.message, err.kind);
    }
    let map = OffsetMap::new(&doc.text, OffsetUnit::Char);
    Ok(doc
        .quotes
        .iter()
        .map(|q| EvalQuote {
            start: map.convert(q.span.start),
            end: map.convert(q.span.end),
            kind: q.kind,
            speaker: q.speaker_name.clone(),
            speaker_desc: q.speaker_desc.clone(),
        })
        .collect())
}

fn load_gold(path: &Path) -> Result<BTreeMap<String, Vec<EvalQuote>>> {
    let mut gold = BTreeMap::new();
    for item in json_lines(path)? {
        let (where_, value) = item?;
        let id = value["id"]
            .as_str()
            .with_context(|| format!("{where_}: no id"))?
            .to_string();
        let mut quotes = Vec::new();
        for (k, q) in value["quotes"]
            .as_array()
            .with_context(|| format!("{where_}: no quotes list"))?
            .iter()
            .enumerate()
        {
            let offset = |name: &str| {
                q[name]
                    .as_u64()
                    .map(|v| v as usize)
                    .with_context(|| format!("{where_}: quote {k} has no {name}"))
            };
            let kind: QuoteKind = serde_json::from_value(q["kind"].clone()).with_context(|| {
                format!("{where_}: quote {k}: kind is not direct/partial/other")
            })?;
            let text_field = |name: &str| q[name].as_str().map(str::to_string);
            quotes.push(EvalQuote {
                start: offset("start")?,
                end: offset("end")?,
                kind,
                speaker: text_field("speaker"),
                speaker_desc: text_field("speaker_desc"),
            });
        }
        if let Some(bad) = quotes.iter().find(|q| q.start >= q.end) {
            bail!(
                "{where_}: empty or reversed span {}..{}",
                bad.start,
                bad.end
            );
        }
        quotes.sort_by_key(|q| (q.start, q.end));
        if gold.insert(id.clone(), quotes).is_some() {
            bail!("{where_}: article {id:?} annotated twice");
        }
    }
    Ok(gold)
}

pub fn run(args: &EvalQuotesArgs) -> Result<()> {
    let gold = load_gold(&args.gold)?;
    if gold.is_empty() {
        bail!("{}: no gold articles", args.gold.display());
    }
    let pipeline = crate::stages::build("sentences,entities,quotes")?;
    let mut total = QuoteScore::default();
    let mut seen = BTreeSet::new();
    for path in &args.files {
        for item in json_lines(path)? {
            let (where_, value) = item?;
            let Some(id) = value["id"].as_str() else {
                continue;
            };
            let Some(gold_quotes) = gold.get(id) else {
                continue;
            };
            if !seen.insert(id.to_string()) {
                bail!("{where_}: article {id:?} appears twice in the inputs");
            }
            let text = value["text"]
                .as_str()
                .with_context(|| format!("{where_}: no text"))?;
            let length = text.chars().count();
            if let Some(bad) = gold_quotes.iter().find(|q| q.end > length) {
                bail!(
                    "{id}: gold span {}..{} is past the text's end ({length} code points)",
                    bad.start,
                    bad.end
                );
            }
            let predicted = predict(&pipeline, id, text)?;
            let mut errors = Vec::new();
            let score = score_article(
                gold_quotes,
                &predicted,
                text,
                args.errors.then_some(&mut errors),
            );
            if !errors.is_empty() {
                println!("-- {id}");
                for e in errors {
                    println!("  {e}");
                }
            }
            total.add(&score);
        }
    }
    let missing: Vec<&String> = gold.keys().filter(|id| !seen.contains(*id)).collect();
    if !missing.is_empty() {
        bail!(
            "{} gold article(s) not found in the inputs, e.g. {}",
            missing.len(),
            missing[0]
        );
    }
    print_score(&total);
    Ok(())
}

fn print_score(s: &QuoteScore) {
    let prf = |name: &str, p: &Prf| {
        println!(
            "{name:<28} P {:.3}  R {:.3}  F1 {:.3}  (tp {} gold {} predicted {})",
            p.precision(),
            p.recall(),
            p.f1(),
            p.true_positives,
            p.gold,
            p.predicted
        );
    };
    println!("articles {}", s.articles);
    prf("speech quotes, exact", &s.speech);
    prf("speech quotes, overlap", &s.speech_lenient);
    prf("all quotes, exact", &s.all);
    prf("all quotes, overlap", &s.all_lenient);
    println!(
        "{:<28} {:.3}  ({}/{} exact matches)",
        "kind accuracy",
        s.kind.value(),
        s.kind.right,
        s.kind.total
    );
    println!(
        "{:<28} {:.3}  ({}/{} exact speech matches)",
        "speaker accuracy",
        s.speaker.value(),
        s.speaker.right,
        s.speaker.total
    );
    println!(
        "{:<28} {:.3}  ({}/{} overlap speech matches)",
        "speaker accuracy, overlap",
        s.speaker_lenient.value(),
        s.speaker_lenient.right,
        s.speaker_lenient.total
    );
    let cells: Vec<String> = s
        .confusion
        .iter()
        .map(|((g, p), n)| format!("{g}→{p} {n}"))
        .collect();
    println!("{:<28} {}", "kinds (gold→predicted)", cells.join(", "));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(start: usize, end: usize, kind: QuoteKind, speaker: Option<&str>) -> EvalQuote {
        EvalQuote {
            start,
            end,
            kind,
            speaker: speaker.map(str::to_string),
            speaker_desc: None,
        }
    }

    #[test]
    fn exact_matching_pairs_equal_spans_once() {
        let gold = [
            q(0, 10, QuoteKind::Direct, None),
            q(20, 30, QuoteKind::Direct, None),
        ];
        let pred = [
            q(0, 10, QuoteKind::Direct, None),
            q(0, 10, QuoteKind::Partial, None),
            q(21, 30, QuoteKind::Direct, None),
        ];
        assert_eq!(match_exact(&gold, &pred), vec![(0, 0)]);
    }

    #[test]
    fn overlap_matching_is_one_to_one_and_prefers_the_largest_overlap() {
        // Gold is one quotation; the system split it in two: only the larger part matches.
        let gold = [q(0, 100, QuoteKind::Direct, None)];
        let pred = [
            q(0, 30, QuoteKind::Direct, None),
            q(31, 100, QuoteKind::Direct, None),
        ];
        assert_eq!(match_overlap(&gold, &pred), vec![(0, 1)]);
        // Touching spans do not overlap.
        let gold = [q(0, 10, QuoteKind::Direct, None)];
        let pred = [q(10, 20, QuoteKind::Direct, None)];
        assert!(match_overlap(&gold, &pred).is_empty());
    }

    #[test]
    fn speech_scores_leave_out_other_marks() {
        let text = "x".repeat(200);
        let gold = [
            q(0, 10, QuoteKind::Direct, Some("Ann Lee")),
            q(20, 30, QuoteKind::Partial, None),
            q(40, 50, QuoteKind::Other, None),
        ];
        let pred = [
            q(0, 10, QuoteKind::Direct, Some("ann  lee")),
            // A speech quotation the system called `other`: missed as speech.
            q(20, 30, QuoteKind::Other, None),
            q(40, 50, QuoteKind::Other, None),
            q(60, 70, QuoteKind::Direct, Some("Bob")),
        ];
        let mut errors = Vec::new();
        let s = score_article(&gold, &pred, &text, Some(&mut errors));
        assert_eq!(
            s.speech,
            Prf {
                true_positives: 1,
                gold: 2,
                predicted: 2
            }
        );
        assert_eq!(
            s.all,
            Prf {
                true_positives: 3,
                gold: 3,
                predicted: 4
            }
        );
        assert!((s.speech.f1() - 0.5).abs() < 1e-9);
        assert_eq!(s.kind, Accuracy { right: 2, total: 3 });
        assert_eq!(s.speaker, Accuracy { right: 1, total: 1 });
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("kind"));
        assert!(errors[1].starts_with("spurious"));
    }

    #[test]
    fn speaker_accuracy_counts_null_as_an_answer() {
        let text = "y".repeat(50);
        let gold = [
            q(0, 10, QuoteKind::Direct, None),
            q(20, 30, QuoteKind::Direct, Some("Kim Park")),
        ];
        let pred = [
            q(0, 10, QuoteKind::Direct, None),
            q(20, 30, QuoteKind::Direct, None),
        ];
        let mut errors = Vec::new();
        let s = score_article(&gold, &pred, &text, Some(&mut errors));
        assert_eq!(s.speaker, Accuracy { right: 1, total: 2 });
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].contains("gold Kim Park predicted null"),
            "{errors:?}"
        );
    }

    #[test]
    fn empty_sets_score_perfectly() {
        let s = score_article(&[], &[], "", None);
        assert_eq!(s.speech.f1(), 1.0);
        assert_eq!(s.speaker.value(), 1.0);
    }

    #[test]
    fn same_speaker_normalises_case_and_spaces() {
        assert!(same_speaker(Some("Marat  Safin"), Some("marat safin")));
        assert!(!same_speaker(Some("Marat Safin"), Some("Safin")));
        assert!(same_speaker(None, None));
        assert!(!same_speaker(None, Some("Safin")));
    }
}
