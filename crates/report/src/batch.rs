//! The aggregate: sums of article summaries, mergeable across shards.

use crate::summary::{ArticleSummary, EntityKey, Example};
use crate::table::{Pruning, Table, Tally};
use crate::view::{
    EntityRef, EntityRow, ErrorRow, ExampleRow, LabelRow, LabelTop, PairRow, PrunedRow, ReportView,
    SpeakerRow,
};
use crate::ReportError;
use newsmill_doc::Label;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// Version of the saved state ([`BatchReport::to_state_json`]); a state of
/// another version is refused rather than misread.
pub const STATE_VERSION: u32 = 1;

/// Batch-wide counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub articles: u64,
    /// Articles whose record carries an error (see the errors table by kind).
    pub articles_with_errors: u64,
    pub articles_with_entities: u64,
    pub articles_with_quotes: u64,
    /// Sum of `Document::word_count()` (HTML pages never cleaned count 0).
    pub words: u64,
    pub sentences: u64,
    /// Entities, counted once per article they appear in.
    pub entities: u64,
    pub mentions: u64,
    /// Every quotation; the next fields break it down.
    pub quotes: u64,
    pub direct_quotes: u64,
    pub partial_quotes: u64,
    /// Quotation marks that are not speech (scare quotes, titles).
    pub other_quotes: u64,
    /// Quotes with a named speaker.
    pub attributed_quotes: u64,
    /// Direct and partial quotes with no named speaker.
    pub unattributed_quotes: u64,
    /// Unattributed quotes whose speaker is described ("a spokesman").
    pub described_quotes: u64,
}

impl Totals {
    /// Every total as (machine name, human name, value), in display order.
    pub fn rows(&self) -> [(&'static str, &'static str, u64); 15] {
        [
            ("articles", "Articles", self.articles),
            (
                "articles_with_errors",
                "Articles with errors",
                self.articles_with_errors,
            ),
            (
                "articles_with_entities",
                "Articles with entities",
                self.articles_with_entities,
            ),
            (
                "articles_with_quotes",
                "Articles with quotes",
                self.articles_with_quotes,
            ),
            ("words", "Words", self.words),
            ("sentences", "Sentences", self.sentences),
            ("entities", "Entities", self.entities),
            ("mentions", "Entity mentions", self.mentions),
            ("quotes", "Quotes", self.quotes),
            ("direct_quotes", "Direct quotes", self.direct_quotes),
            ("partial_quotes", "Partial quotes", self.partial_quotes),
            ("other_quotes", "Other quoted text", self.other_quotes),
            (
                "attributed_quotes",
                "Quotes with a named speaker",
                self.attributed_quotes,
            ),
            (
                "unattributed_quotes",
                "Quotes without a named speaker",
                self.unattributed_quotes,
            ),
            (
                "described_quotes",
                "… of which the speaker is described",
                self.described_quotes,
            ),
        ]
    }

    fn absorb(&mut self, o: &Totals) {
        let pairs = [
            (&mut self.articles, o.articles),
            (&mut self.articles_with_errors, o.articles_with_errors),
            (&mut self.articles_with_entities, o.articles_with_entities),
            (&mut self.articles_with_quotes, o.articles_with_quotes),
            (&mut self.words, o.words),
            (&mut self.sentences, o.sentences),
            (&mut self.entities, o.entities),
            (&mut self.mentions, o.mentions),
            (&mut self.quotes, o.quotes),
            (&mut self.direct_quotes, o.direct_quotes),
            (&mut self.partial_quotes, o.partial_quotes),
            (&mut self.other_quotes, o.other_quotes),
            (&mut self.attributed_quotes, o.attributed_quotes),
            (&mut self.unattributed_quotes, o.unattributed_quotes),
            (&mut self.described_quotes, o.described_quotes),
        ];
        for (mine, theirs) in pairs {
            *mine = mine.saturating_add(theirs);
        }
    }
}

/// Per-label entity counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct LabelTally {
    pub entities: u64,
    pub mentions: u64,
    pub articles: u64,
}

impl LabelTally {
    fn absorb(&mut self, o: LabelTally) {
        self.entities = self.entities.saturating_add(o.entities);
        self.mentions = self.mentions.saturating_add(o.mentions);
        self.articles = self.articles.saturating_add(o.articles);
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct EntityTally {
    pub mentions: u64,
    pub articles: u64,
}

impl Tally for EntityTally {
    fn rank(&self) -> (u64, u64) {
        (self.mentions, self.articles)
    }
    fn absorb(&mut self, o: Self) {
        self.mentions = self.mentions.saturating_add(o.mentions);
        self.articles = self.articles.saturating_add(o.articles);
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SpeakerTally {
    pub quotes: u64,
    pub articles: u64,
    pub example: Option<Example>,
}

impl Tally for SpeakerTally {
    fn rank(&self) -> (u64, u64) {
        (self.quotes, self.articles)
    }
    fn absorb(&mut self, o: Self) {
        self.quotes = self.quotes.saturating_add(o.quotes);
        self.articles = self.articles.saturating_add(o.articles);
        Example::pick(&mut self.example, o.example);
    }
}

/// Aggregate statistics over any number of articles.
///
/// Build one per worker or shard with [`BatchReport::add`], combine them with
/// [`BatchReport::merge`], render with [`BatchReport::render`]. Everything is
/// a sum or an order-independent choice, so the rendered output is the same
/// bytes whatever the merge order or thread count, as long as no table was
/// pruned (see [`BatchReport::with_key_limit`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BatchReport {
    #[serde(deserialize_with = "known_version")]
    version: u32,
    totals: Totals,
    labels: BTreeMap<Label, LabelTally>,
    errors: Table<String, u64>,
    entities: Table<EntityKey, EntityTally>,
    /// Pairs of name entities, the smaller key first, counted by articles.
    pairs: Table<(EntityKey, EntityKey), u64>,
    speakers: Table<String, SpeakerTally>,
}

fn known_version<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    let version = u32::deserialize(deserializer)?;
    if version != STATE_VERSION {
        return Err(serde::de::Error::custom(format!(
            "report state version {version} is not supported (expected {STATE_VERSION})"
        )));
    }
    Ok(version)
}

impl Default for BatchReport {
    fn default() -> Self {
        BatchReport {
            version: STATE_VERSION,
            totals: Totals::default(),
            labels: BTreeMap::new(),
            errors: Table::default(),
            entities: Table::default(),
            pairs: Table::default(),
            speakers: Table::default(),
        }
    }
}

impl BatchReport {
    /// An empty report whose tables keep up to
    /// [`DEFAULT_KEY_LIMIT`](crate::DEFAULT_KEY_LIMIT) keys each.
    pub fn new() -> Self {
        BatchReport::default()
    }

    /// An empty report whose count tables (entities, pairs, speakers, error
    /// kinds) keep at most `limit` keys each (at least 1). Past the limit a
    /// table drops its lowest counts, so memory stays bounded however many
    /// articles are added; the report then says it is approximate.
    pub fn with_key_limit(limit: usize) -> Self {
        let mut report = BatchReport::new();
        report.set_key_limit(limit);
        report
    }

    /// Change the key limit of every table (pruning now if needed).
    pub fn set_key_limit(&mut self, limit: usize) {
        self.errors.set_limit(limit);
        self.entities.set_limit(limit);
        self.pairs.set_limit(limit);
        self.speakers.set_limit(limit);
    }

    /// The key limit of the tables.
    pub fn key_limit(&self) -> usize {
        self.errors
            .limit()
            .min(self.entities.limit())
            .min(self.pairs.limit())
            .min(self.speakers.limit())
    }

    pub fn totals(&self) -> &Totals {
        &self.totals
    }

    /// Number of articles added.
    pub fn articles(&self) -> u64 {
        self.totals.articles
    }

    /// Whether any table was pruned, making its counts lower bounds.
    pub fn is_approximate(&self) -> bool {
        self.pruned_tables().iter().any(|(_, p)| p.happened())
    }

    /// Add one article.
    pub fn add(&mut self, summary: ArticleSummary) {
        let quotes = summary.quotes;
        let article = Totals {
            articles: 1,
            articles_with_errors: u64::from(summary.error.is_some()),
            articles_with_entities: u64::from(summary.entities > 0),
            articles_with_quotes: u64::from(quotes.total > 0),
            words: summary.words,
            sentences: summary.sentences,
            entities: summary.entities,
            mentions: summary.mentions,
            quotes: quotes.total,
            direct_quotes: quotes.direct,
            partial_quotes: quotes.partial,
            other_quotes: quotes.other,
            attributed_quotes: quotes.attributed,
            unattributed_quotes: quotes.unattributed,
            described_quotes: quotes.described,
        };
        self.totals.absorb(&article);
        if let Some(kind) = summary.error {
            self.errors.add(kind, 1);
        }
        for count in summary.labels {
            self.labels
                .entry(count.label)
                .or_default()
                .absorb(LabelTally {
                    entities: count.entities,
                    mentions: count.mentions,
                    articles: 1,
                });
        }
        let names = &summary.names;
        for (i, &a) in summary.paired.iter().enumerate() {
            for &b in &summary.paired[i + 1..] {
                let (Some((a, _)), Some((b, _))) = (names.get(a), names.get(b)) else {
                    continue;
                };
                let pair = if a < b { (a, b) } else { (b, a) };
                if pair.0 != pair.1 {
                    self.pairs.add((pair.0.clone(), pair.1.clone()), 1);
                }
            }
        }
        for (key, mentions) in summary.names {
            self.entities.add(
                key,
                EntityTally {
                    mentions,
                    articles: 1,
                },
            );
        }
        for speaker in summary.speakers {
            self.speakers.add(
                speaker.name,
                SpeakerTally {
                    quotes: speaker.quotes,
                    articles: 1,
                    example: speaker.example,
                },
            );
        }
    }

    /// Add a document directly (summarise, then [`BatchReport::add`]).
    pub fn add_document(&mut self, doc: &newsmill_doc::Document) {
        self.add(ArticleSummary::from_document(doc));
    }

    /// Add another report's counts to this one. Sums only, so merging shards
    /// in any order or grouping gives the same report. The result keeps the
    /// smaller of the two key limits.
    pub fn merge(&mut self, other: BatchReport) {
        self.totals.absorb(&other.totals);
        for (label, tally) in other.labels {
            self.labels.entry(label).or_default().absorb(tally);
        }
        self.errors.merge(other.errors);
        self.entities.merge(other.entities);
        self.pairs.merge(other.pairs);
        self.speakers.merge(other.speakers);
    }

    /// The full aggregate state as compact JSON, to save a shard and merge it
    /// later with [`BatchReport::from_state_json`]. Keys are sorted, so equal
    /// reports give equal bytes.
    pub fn to_state_json(&self) -> String {
        // Every key is a string or a unit enum and every value a number or
        // string, which serde_json always serialises.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Load a state written by [`BatchReport::to_state_json`].
    pub fn from_state_json(json: &str) -> Result<Self, ReportError> {
        serde_json::from_str(json).map_err(ReportError::State)
    }

    /// The rendered content: totals and the `top` first rows of every list
    /// (all rows when `top` is 0). Every renderer draws this.
    pub fn view(&self, top: usize) -> ReportView {
        let labels: Vec<LabelRow> = self
            .labels
            .iter()
            .map(|(&label, t)| LabelRow {
                label,
                entities: t.entities,
                mentions: t.mentions,
                articles: t.articles,
            })
            .collect();
        let top_entities = Label::ALL
            .into_iter()
            .map(|label| LabelTop {
                label,
                entities: self
                    .entities
                    .ranked_where(top, |key| key.label == label)
                    .into_iter()
                    .map(|(key, t)| EntityRow {
                        name: key.name.to_string(),
                        mentions: t.mentions,
                        articles: t.articles,
                    })
                    .collect(),
            })
            .filter(|list| !list.entities.is_empty())
            .collect();
        ReportView {
            totals: self.totals,
            errors: self
                .errors
                .ranked(top)
                .into_iter()
                .map(|(kind, &articles)| ErrorRow {
                    kind: kind.clone(),
                    articles,
                })
                .collect(),
            labels,
            top_entities,
            cooccurrences: self
                .pairs
                .ranked(top)
                .into_iter()
                .map(|((a, b), &articles)| PairRow {
                    a: EntityRef {
                        label: a.label,
                        name: a.name.to_string(),
                    },
                    b: EntityRef {
                        label: b.label,
                        name: b.name.to_string(),
                    },
                    articles,
                })
                .collect(),
            speakers: self
                .speakers
                .ranked(top)
                .into_iter()
                .map(|(name, t)| SpeakerRow {
                    speaker: name.clone(),
                    quotes: t.quotes,
                    articles: t.articles,
                    example: t.example.as_ref().map(|e| ExampleRow {
                        article: e.article.clone(),
                        text: e.text.clone(),
                    }),
                })
                .collect(),
            pruned: self
                .pruned_tables()
                .into_iter()
                .filter(|(_, p)| p.happened())
                .map(|(table, p)| PrunedRow {
                    table: table.to_string(),
                    keys: p.keys,
                    max_count: p.max_count,
                })
                .collect(),
            key_limit: self.key_limit(),
        }
    }

    fn pruned_tables(&self) -> [(&'static str, Pruning); 4] {
        [
            ("entities", self.entities.pruning()),
            ("cooccurrences", self.pairs.pruning()),
            ("speakers", self.speakers.pruning()),
            ("errors", self.errors.pruning()),
        ]
    }
}

impl Extend<ArticleSummary> for BatchReport {
    fn extend<I: IntoIterator<Item = ArticleSummary>>(&mut self, summaries: I) {
        for summary in summaries {
            self.add(summary);
        }
    }
}

impl FromIterator<ArticleSummary> for BatchReport {
    fn from_iter<I: IntoIterator<Item = ArticleSummary>>(summaries: I) -> Self {
        let mut report = BatchReport::new();
        report.extend(summaries);
        report
    }
}
