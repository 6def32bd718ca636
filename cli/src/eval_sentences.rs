//! `newsmill eval sentences`: boundary precision/recall/F1 and exact matches against gold.

use crate::score::{json_lines, Prf};
use anyhow::{bail, Context, Result};
use newsmill_doc::{Document, Stage};
use std::collections::BTreeSet;
use std::path::PathBuf;

#[derive(clap::Args, Debug, Clone)]
pub struct EvalSentencesArgs {
    /// JSONL gold files: records with `text` and `sentences` (a list of strings, optionally with
    /// `starts`, their code-point offsets), as in UD-derived files and the Golden Rules.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,

    /// List every missed and spurious boundary in context.
    #[arg(long)]
    pub errors: bool,
}

/// Boundary counts. A boundary is a sentence start other than the first
/// character of its paragraph (blank-line block), each paragraph split on its own.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BoundaryScore {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub exact: usize,
    pub documents: usize,
    /// Documents whose gold sentences could not be placed in the text (gold
    /// that was cleaned or rewritten): scored for exact match only.
    pub unaligned: usize,
}

impl BoundaryScore {
    fn add(&mut self, other: &BoundaryScore) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
        self.exact += other.exact;
        self.documents += other.documents;
        self.unaligned += other.unaligned;
    }

    /// The boundary counts as precision/recall counts.
    pub fn counts(&self) -> Prf {
        Prf {
            true_positives: self.true_positives,
            gold: self.true_positives + self.false_negatives,
            predicted: self.true_positives + self.false_positives,
        }
    }
}

/// Paragraphs of `text`: maximal runs of lines between blank lines, as byte ranges.
fn blocks(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_content_end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push((s, last_content_end));
            }
        } else {
            if start.is_none() {
                start = Some(offset);
            }
            last_content_end = offset + content.len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push((s, last_content_end));
    }
    out
}

/// Byte offsets of the gold sentence starts.
fn gold_starts(text: &str, sentences: &[String], starts: Option<Vec<usize>>) -> Option<Vec<usize>> {
    if let Some(starts) = starts {
        let byte_of: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        return starts.iter().map(|&c| byte_of.get(c).copied()).collect();
    }
    let mut cursor = 0;
    let mut out = Vec::with_capacity(sentences.len());
    for sentence in sentences {
        let needle = sentence.trim();
        let found = text[cursor..].find(needle)? + cursor;
        out.push(found);
        cursor = found + needle.len();
    }
    Some(out)
}

fn context(text: &str, at: usize) -> String {
    let mut from = at.saturating_sub(50);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (at + 50).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    format!("{}⟂{}", &text[from..at], &text[at..to]).replace('\n', "⏎")
}

/// Scores `stage` (which must fill `doc.sentences`) on one gold document.
pub fn score_document(
    stage: &dyn Stage,
    text: &str,
    gold: &[String],
    starts: Option<Vec<usize>>,
    errors: Option<&mut Vec<String>>,
) -> Result<BoundaryScore> {
    if let Some(starts) = &starts {
        if starts.len() != gold.len() {
            bail!("{} starts for {} gold sentences", starts.len(), gold.len());
        }
    }
    let gold_at = gold_starts(text, gold, starts);
    let mut score = BoundaryScore {
        documents: 1,
        unaligned: usize::from(gold_at.is_none()),
        ..BoundaryScore::default()
    };
    let aligned = gold_at.is_some();
    let gold_at = gold_at.unwrap_or_default();
    let mut predicted_sentences = Vec::new();
    let mut predicted: BTreeSet<usize> = BTreeSet::new();
    let mut expected: BTreeSet<usize> = BTreeSet::new();
    for (start, end) in blocks(text) {
        let mut doc = Document::from_text("eval", &text[start..end]);
        stage
            .process(&mut doc)
            .map_err(|e| anyhow::anyhow!("{}: {e}", stage.name()))?;
        let first = start + (end - start - text[start..end].trim_start().len());
        for s in &doc.sentences {
            predicted_sentences.push(doc.slice(*s).trim().to_string());
            if start + s.start != first {
                predicted.insert(start + s.start);
            }
        }
        expected.extend(gold_at.iter().copied().filter(|&g| g > first && g < end));
    }
    if !aligned {
        // Without gold positions every predicted boundary would count as
        // spurious; leave boundaries out.
        predicted.clear();
    }
    score.true_positives = predicted.intersection(&expected).count();
    score.false_positives = predicted.difference(&expected).count();
    score.false_negatives = expected.difference(&predicted).count();
    let gold_stripped: Vec<&str> = gold.iter().map(|s| s.trim()).collect();
    score.exact = usize::from(predicted_sentences == gold_stripped);
    if let Some(errors) = errors {
        if score.exact == 0 && expected == predicted {
            // Same boundaries, different sentences: gold that was cleaned,
            // or (unaligned) gold that is not in the text as written.
            errors.push(format!("got      {predicted_sentences:?}"));
            errors.push(format!("want     {gold_stripped:?}"));
        }
        for &at in expected.difference(&predicted) {
            errors.push(format!("missed   {}", context(text, at)));
        }
        for &at in predicted.difference(&expected) {
            errors.push(format!("spurious {}", context(text, at)));
        }
    }
    Ok(score)
}

pub fn run(args: &EvalSentencesArgs) -> Result<()> {
    let stage = newsmill_sentences::Sentences::new();
    let mut total = BoundaryScore::default();
    for path in &args.files {
        let mut file_score = BoundaryScore::default();
        for item in json_lines(path)? {
            let (where_, value) = item?;
            let text = value["text"]
                .as_str()
                .with_context(|| format!("{where_}: no text"))?;
            let gold: Vec<String> = value["sentences"]
                .as_array()
                .with_context(|| format!("{where_}: no sentences"))?
                .iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect();
            let starts = value["starts"].as_array().map(|a| {
                a.iter()
                    .filter_map(|s| s.as_u64().map(|v| v as usize))
                    .collect()
            });
            let mut errors = Vec::new();
            let score = score_document(
                &stage,
                text,
                &gold,
                starts,
                args.errors.then_some(&mut errors),
            )
            .with_context(|| where_.clone())?;
            if args.errors && (!errors.is_empty() || score.exact == 0) {
                let id = value
                    .get("id")
                    .or_else(|| value.get("doc_id"))
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| where_.clone());
                println!("-- {id}");
                for e in errors {
                    println!("  {e}");
                }
            }
            file_score.add(&score);
        }
        print_score(&path.display().to_string(), &file_score);
        total.add(&file_score);
    }
    if args.files.len() > 1 {
        print_score("all", &total);
    }
    Ok(())
}

fn print_score(name: &str, s: &BoundaryScore) {
    println!(
        "{name}: precision {:.2}  recall {:.2}  F1 {:.2}  (tp {} fp {} fn {})  exact {}/{} documents",
        100.0 * s.counts().precision(),
        100.0 * s.counts().recall(),
        100.0 * s.counts().f1(),
        s.true_positives,
        s.false_positives,
        s.false_negatives,
        s.exact,
        s.documents
    );
    if s.unaligned > 0 {
        println!(
            "  ({} documents whose gold sentences are not in the text as written: exact match only)",
            s.unaligned
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsmill_doc::{Span, StageError};

    /// Splits after every ". " — enough to test the scorer.
    struct DotSplitter;
    impl Stage for DotSplitter {
        fn name(&self) -> &str {
            "dots"
        }
        fn process(&self, doc: &mut Document) -> Result<(), StageError> {
            let mut start = 0;
            for (i, _) in doc.text.match_indices(". ") {
                doc.sentences.push(Span::new(start, i + 1));
                start = i + 2;
            }
            doc.sentences.push(Span::new(start, doc.text.len()));
            Ok(())
        }
    }

    #[test]
    fn counts_boundaries_per_paragraph() {
        let text = "Mr. Smith came. He sat.\n\nNew para here. Done.";
        let gold = ["Mr. Smith came.", "He sat.", "New para here.", "Done."].map(String::from);
        let score = score_document(&DotSplitter, text, &gold, None, None).unwrap();
        // Boundaries: "He" and "Done" (paragraph starts do not count); the
        // splitter also cuts after "Mr." (a false positive).
        assert_eq!(score.true_positives, 2);
        assert_eq!(score.false_positives, 1);
        assert_eq!(score.false_negatives, 0);
        assert_eq!(score.exact, 0);
    }

    #[test]
    fn golden_rules_cases_are_located_by_text() {
        // No `starts`: gold sentences are found in order, even when repeated.
        let text = "Go. Go. Stop now.";
        let gold = ["Go.", "Go.", "Stop now."].map(String::from);
        let score = score_document(&DotSplitter, text, &gold, None, None).unwrap();
        assert_eq!(
            (
                score.true_positives,
                score.false_positives,
                score.false_negatives
            ),
            (2, 0, 0)
        );
        assert_eq!((score.exact, score.unaligned), (1, 0));
    }

    #[test]
    fn errors_name_each_missed_and_spurious_boundary_in_context() {
        let text = "Dr. Ames left. She slept";
        let gold = ["Dr. Ames left.", "She slept"].map(String::from);
        let mut errors = Vec::new();
        let score = score_document(&DotSplitter, text, &gold, None, Some(&mut errors)).unwrap();
        assert_eq!((score.true_positives, score.false_positives), (1, 1));
        assert_eq!(errors, ["spurious Dr. ⟂Ames left. She slept"]);

        let text = "Yes sir Then we go.";
        let gold = ["Yes sir", "Then we go."].map(String::from);
        let mut errors = Vec::new();
        let score = score_document(&DotSplitter, text, &gold, None, Some(&mut errors)).unwrap();
        assert_eq!(score.false_negatives, 1);
        assert_eq!(errors, ["missed   Yes sir ⟂Then we go."]);
    }

    #[test]
    fn gold_not_in_the_text_is_scored_for_exact_match_only() {
        // Gold that was cleaned (double space collapsed) cannot be placed.
        let text = "One.  Two  three.";
        let gold = ["One.", "Two three."].map(String::from);
        let mut errors = Vec::new();
        let score = score_document(&DotSplitter, text, &gold, None, Some(&mut errors)).unwrap();
        assert_eq!(score.unaligned, 1);
        assert_eq!(score.exact, 0);
        assert_eq!(score.true_positives + score.false_negatives, 0);
        assert!(errors.iter().any(|e| e.starts_with("want")), "{errors:?}");
    }

    #[test]
    fn malformed_starts_are_an_error() {
        let gold = ["A.", "B."].map(String::from);
        assert!(score_document(&DotSplitter, "A. B.", &gold, Some(vec![0]), None).is_err());
    }

    #[test]
    fn paragraphs_are_blank_line_blocks() {
        let text = "a\nb\n\n  \n c\r\n\r\nd";
        let got: Vec<&str> = blocks(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(got, ["a\nb", " c", "d"]);
    }

    #[test]
    fn scores_add_up_and_ratios_handle_zero() {
        let mut total = BoundaryScore::default();
        assert_eq!(
            (total.counts().precision(), total.counts().recall()),
            (1.0, 1.0)
        );
        let one = BoundaryScore {
            true_positives: 3,
            false_positives: 1,
            false_negatives: 1,
            exact: 1,
            documents: 1,
            unaligned: 0,
        };
        total.add(&one);
        total.add(&one);
        assert_eq!(total.true_positives, 6);
        assert_eq!(total.documents, 2);
        assert!((total.counts().f1() - 0.75).abs() < 1e-9);
    }

    #[test]
    fn code_point_starts_are_honoured() {
        let text = "Zoë ran. Él vino.";
        let gold = ["Zoë ran.", "Él vino."].map(String::from);
        let score = score_document(&DotSplitter, text, &gold, Some(vec![0, 9]), None).unwrap();
        assert_eq!((score.true_positives, score.exact), (1, 1));
    }
}
