//! Extraction scores, as the public benchmarks compute them.
//!
//! * [`shingle_counts`]: the Zyte/Scrapinghub article-extraction benchmark.
//!   Tokens are `\w+` runs, case kept; shingles are word 4-grams counted as
//!   a multiset (a text of fewer than four tokens is one shorter shingle).
//!   Per page, true/false positives and false negatives are normalised to
//!   sum to 1; [`Aggregate`] then averages precision over pages with a
//!   non-empty prediction, recall over pages with a non-empty expectation,
//!   and takes F1 of the two means.
//! * [`bag_of_words`]: WCXB. Lowercased `\w+` tokens as a multiset, F1 per
//!   page; [`Aggregate`] averages it over pages.
//!
//! `\w` is a letter, a number or `_`, as in Python's `re` (which the
//! benchmarks use) up to Unicode-table differences.

use std::collections::HashMap;
use std::hash::Hash;

/// Word tokens: maximal runs of letters, numbers and `_`.
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
}

/// Matched, extra and missed amounts for one page.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
}

impl Counts {
    /// Precision; `None` when nothing was predicted.
    pub fn precision(&self) -> Option<f64> {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            return Some(1.0);
        }
        (self.tp + self.fp > 0.0).then(|| self.tp / (self.tp + self.fp))
    }

    /// Recall; `None` when nothing was expected.
    pub fn recall(&self) -> Option<f64> {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            return Some(1.0);
        }
        (self.tp + self.fn_ > 0.0).then(|| self.tp / (self.tp + self.fn_))
    }

    /// F1 of this page alone (0 when either side is empty and the other not).
    pub fn f1(&self) -> f64 {
        let p = self.precision().unwrap_or(0.0);
        let r = self.recall().unwrap_or(0.0);
        f1(p, r)
    }

    fn normalised(self) -> Counts {
        let sum = self.tp + self.fp + self.fn_;
        if sum > 0.0 {
            Counts {
                tp: self.tp / sum,
                fp: self.fp / sum,
                fn_: self.fn_ / sum,
            }
        } else {
            self
        }
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn multiset_counts<K: Hash + Eq>(
    expected: impl Iterator<Item = K>,
    predicted: impl Iterator<Item = K>,
) -> Counts {
    let mut balance: HashMap<K, (u32, u32)> = HashMap::new();
    for k in expected {
        balance.entry(k).or_default().0 += 1;
    }
    for k in predicted {
        balance.entry(k).or_default().1 += 1;
    }
    let mut c = Counts::default();
    for (e, p) in balance.into_values() {
        c.tp += e.min(p) as f64;
        c.fp += p.saturating_sub(e) as f64;
        c.fn_ += e.saturating_sub(p) as f64;
    }
    c
}

/// Word n-grams of a text; fewer than `n` tokens give one shorter shingle.
pub fn shingles(text: &str, n: usize) -> Vec<Vec<&str>> {
    let toks: Vec<&str> = tokens(text).collect();
    if toks.is_empty() {
        return Vec::new();
    }
    if toks.len() < n {
        return vec![toks];
    }
    toks.windows(n.max(1)).map(<[&str]>::to_vec).collect()
}

/// Zyte benchmark counts for one page: 4-gram shingle multisets, normalised.
pub fn shingle_counts(expected: &str, predicted: &str) -> Counts {
    multiset_counts(
        shingles(expected, 4).into_iter(),
        shingles(predicted, 4).into_iter(),
    )
    .normalised()
}

/// WCXB counts for one page: lowercased word multisets (not normalised).
pub fn bag_of_words(expected: &str, predicted: &str) -> Counts {
    multiset_counts(
        tokens(expected).map(str::to_lowercase),
        tokens(predicted).map(str::to_lowercase),
    )
}

/// Scores of many pages.
#[derive(Debug, Clone, Default)]
pub struct Aggregate {
    precisions: Vec<f64>,
    recalls: Vec<f64>,
    f1s: Vec<f64>,
}

/// Averages over pages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// Mean precision over pages with a prediction.
    pub precision: f64,
    /// Mean recall over pages with an expectation.
    pub recall: f64,
    /// F1 of the mean precision and mean recall (the Zyte way).
    pub f1_of_means: f64,
    /// Mean of the per-page F1 (the WCXB way).
    pub mean_f1: f64,
    pub pages: usize,
}

impl Aggregate {
    pub fn add(&mut self, c: Counts) {
        if let Some(p) = c.precision() {
            self.precisions.push(p);
        }
        if let Some(r) = c.recall() {
            self.recalls.push(r);
        }
        self.f1s.push(c.f1());
    }

    pub fn summary(&self) -> Summary {
        let mean = |v: &[f64]| {
            if v.is_empty() {
                0.0
            } else {
                v.iter().sum::<f64>() / v.len() as f64
            }
        };
        let (p, r) = (mean(&self.precisions), mean(&self.recalls));
        Summary {
            precision: p,
            recall: r,
            f1_of_means: f1(p, r),
            mean_f1: mean(&self.f1s),
            pages: self.f1s.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_word_runs_with_case_kept() {
        let t: Vec<&str> = tokens("Don't stop_now, Zürich—2024!").collect();
        assert_eq!(t, ["Don", "t", "stop_now", "Zürich", "2024"]);
    }

    #[test]
    fn short_text_is_one_shingle() {
        assert_eq!(shingles("one two", 4), vec![vec!["one", "two"]]);
        assert_eq!(shingles("a b c d e", 4).len(), 2);
        assert!(shingles(" ,. ", 4).is_empty());
    }

    #[test]
    fn identical_texts_score_one() {
        let text = "The council met on Monday and voted to reopen the bridge.";
        let c = shingle_counts(text, text);
        assert_eq!(c.f1(), 1.0);
        assert_eq!(bag_of_words(text, text).f1(), 1.0);
    }

    #[test]
    fn shingles_are_case_sensitive_and_normalised() {
        // 5 tokens -> 2 shingles each; only the first matches.
        let c = shingle_counts("a b c d e", "a b c d E");
        assert!((c.tp - 1.0 / 3.0).abs() < 1e-12);
        assert!((c.fp - 1.0 / 3.0).abs() < 1e-12);
        assert!((c.fn_ - 1.0 / 3.0).abs() < 1e-12);
        assert!((c.f1() - 0.5).abs() < 1e-12);
    }

    #[test]
    fn shingles_count_repeats() {
        // The prediction repeats the story: half of its shingles are extra.
        let once = "w x y z";
        let twice = "w x y z. w x y z";
        let c = shingle_counts(once, twice);
        assert!(c.fp > 0.0);
        assert!(c.recall().unwrap() == 1.0);
    }

    #[test]
    fn bag_of_words_lowercases() {
        let c = bag_of_words("The Bridge reopened", "the bridge reopened today");
        assert_eq!(c.tp, 3.0);
        assert_eq!(c.fp, 1.0);
        assert_eq!(c.fn_, 0.0);
        assert!((c.f1() - 6.0 / 7.0).abs() < 1e-12);
    }

    #[test]
    fn empty_prediction_is_left_out_of_precision() {
        let mut agg = Aggregate::default();
        agg.add(shingle_counts("a b c d", "a b c d"));
        agg.add(shingle_counts("a b c d", ""));
        let s = agg.summary();
        assert_eq!(s.precision, 1.0);
        assert_eq!(s.recall, 0.5);
        assert!((s.f1_of_means - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.mean_f1, 0.5);
        assert_eq!(s.pages, 2);
    }
}
