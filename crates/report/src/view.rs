//! The rendered content of a report: what every output format shows.

use crate::batch::Totals;
use newsmill_doc::Label;
use serde::Serialize;

/// Totals plus the top rows of every list, in display order. This is what
/// [`BatchReport::to_json`](crate::BatchReport::to_json) prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportView {
    pub totals: Totals,
    /// Articles with an error, by error kind.
    pub errors: Vec<ErrorRow>,
    /// Entity counts per label, in label order.
    pub labels: Vec<LabelRow>,
    /// Most-mentioned entities of each label that has any, in label order.
    pub top_entities: Vec<LabelTop>,
    /// Name entities mentioned in the same article, by number of articles.
    pub cooccurrences: Vec<PairRow>,
    /// Named speakers by number of quotes.
    pub speakers: Vec<SpeakerRow>,
    /// Tables that dropped rare keys to stay under `key_limit`; their counts
    /// are lower bounds. Empty when the report is exact.
    pub pruned: Vec<PrunedRow>,
    pub key_limit: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorRow {
    pub kind: String,
    pub articles: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LabelRow {
    pub label: Label,
    /// Entities with this label, once per article.
    pub entities: u64,
    pub mentions: u64,
    /// Articles with at least one entity of this label.
    pub articles: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LabelTop {
    pub label: Label,
    pub entities: Vec<EntityRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRow {
    pub name: String,
    pub mentions: u64,
    pub articles: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairRow {
    /// The smaller (label, name) of the pair, labels in [`Label::ALL`] order.
    pub a: EntityRef,
    pub b: EntityRef,
    pub articles: u64,
}

/// An entity named by its label and canonical name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRef {
    pub label: Label,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeakerRow {
    pub speaker: String,
    pub quotes: u64,
    pub articles: u64,
    pub example: Option<ExampleRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExampleRow {
    /// Id of the article the quote is from.
    pub article: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrunedRow {
    /// `entities`, `cooccurrences`, `speakers` or `errors`.
    pub table: String,
    /// Keys dropped in all.
    pub keys: u64,
    /// The largest count a dropped key had.
    pub max_count: u64,
}

impl ReportView {
    pub fn is_approximate(&self) -> bool {
        !self.pruned.is_empty()
    }
}
