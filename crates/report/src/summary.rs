//! What one article contributes to a report, computed in the worker thread
//! that processed it so the aggregating thread only adds numbers.

use newsmill_doc::{Document, Entity, Format, Label, QuoteKind};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Longest entity or speaker name kept, in characters; longer ones are cut
/// (a stage that emits a paragraph as a "name" must not bloat the tables).
pub const MAX_NAME_CHARS: usize = 120;
/// Longest example quote kept, in characters.
pub const MAX_EXAMPLE_CHARS: usize = 300;
/// Only the most-mentioned name entities of an article are paired, so an
/// article costs at most 190 pairs however many entities it has.
pub const MAX_PAIRED_ENTITIES: usize = 20;
/// Example quotes shorter than this are passed over when a longer one exists.
const MIN_GOOD_EXAMPLE_CHARS: usize = 20;

/// An entity across articles: its label and canonical name. The name is
/// shared, so the entity table and every pair holding it cost one copy.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) struct EntityKey {
    pub label: Label,
    #[serde(with = "shared_str")]
    pub name: Arc<str>,
}

/// Serde for `Arc<str>` as a plain string (serde's `rc` feature is not on).
mod shared_str {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::sync::Arc;

    pub fn serialize<S: Serializer>(name: &Arc<str>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(name)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Arc<str>, D::Error> {
        String::deserialize(deserializer).map(Arc::from)
    }
}

/// A quotation chosen to illustrate a speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Example {
    /// Id of the article it comes from.
    pub article: String,
    /// Byte offset of the quote in that article's text.
    pub offset: usize,
    /// The quote, whitespace collapsed, cut to [`MAX_EXAMPLE_CHARS`].
    pub text: String,
}

impl Example {
    /// The order that picks the example: a quote of readable length first,
    /// then the smallest (article id, offset). It depends only on the quotes
    /// themselves, so every merge order picks the same one.
    fn preference(&self, other: &Example) -> Ordering {
        let poor = |e: &Example| {
            let chars = e.text.chars().count();
            !(MIN_GOOD_EXAMPLE_CHARS..=MAX_EXAMPLE_CHARS).contains(&chars) || e.text.ends_with('…')
        };
        poor(self)
            .cmp(&poor(other))
            .then_with(|| self.article.cmp(&other.article))
            .then_with(|| self.offset.cmp(&other.offset))
            .then_with(|| self.text.cmp(&other.text))
    }

    /// Keep the preferred of `current` and `candidate`.
    pub(crate) fn pick(current: &mut Option<Example>, candidate: Option<Example>) {
        match (current.as_ref(), candidate) {
            (_, None) => {}
            (None, Some(c)) => *current = Some(c),
            (Some(cur), Some(c)) => {
                if c.preference(cur) == Ordering::Less {
                    *current = Some(c);
                }
            }
        }
    }
}

/// Entity counts for one label in one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct LabelCount {
    pub label: Label,
    pub entities: u64,
    pub mentions: u64,
}

/// One speaker's quotes in one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SpeakerCount {
    pub name: String,
    pub quotes: u64,
    pub example: Option<Example>,
}

/// Quote counts of one article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteCounts {
    /// Every quotation, whatever its kind.
    pub total: u64,
    pub direct: u64,
    pub partial: u64,
    /// Scare quotes, titles and other quotation marks that are not speech.
    pub other: u64,
    /// Quotes with a named speaker.
    pub attributed: u64,
    /// Direct and partial quotes without a named speaker.
    pub unattributed: u64,
    /// Of the unattributed, those whose speaker is described ("a spokesman").
    pub described: u64,
}

/// What one article adds to a [`crate::BatchReport`]: counts, its entities
/// and speakers, already normalised. Small and `Send`, so worker threads build
/// them and one thread adds them up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub(crate) id: String,
    pub(crate) error: Option<String>,
    pub(crate) words: u64,
    pub(crate) sentences: u64,
    pub(crate) entities: u64,
    pub(crate) mentions: u64,
    pub(crate) quotes: QuoteCounts,
    pub(crate) labels: Vec<LabelCount>,
    /// Distinct entities of the article with their mention counts, by key.
    pub(crate) names: Vec<(EntityKey, u64)>,
    /// Indices into `names` of the name entities to pair, ascending.
    pub(crate) paired: Vec<usize>,
    pub(crate) speakers: Vec<SpeakerCount>,
}

impl ArticleSummary {
    /// Summarise one processed document. Never panics: spans that do not fit
    /// the text read as empty, and missing layers count as zero.
    pub fn from_document(doc: &Document) -> Self {
        let mut labels: BTreeMap<Label, LabelCount> = BTreeMap::new();
        let mut names: HashMap<EntityKey, u64> = HashMap::new();
        let mut mentions_total = 0u64;
        for entity in &doc.entities {
            let mentions = entity.mentions.len() as u64;
            mentions_total = mentions_total.saturating_add(mentions);
            let per_label = labels.entry(entity.label).or_insert(LabelCount {
                label: entity.label,
                entities: 0,
                mentions: 0,
            });
            per_label.entities += 1;
            per_label.mentions = per_label.mentions.saturating_add(mentions);
            if let Some(name) = entity_name(doc, entity) {
                let key = EntityKey {
                    label: entity.label,
                    name: Arc::from(if entity.label == Label::Loc {
                        name.as_str()
                    } else {
                        without_article(&name)
                    }),
                };
                // Two entities can share a canonical name; they count as one.
                let slot = names.entry(key).or_default();
                *slot = slot.saturating_add(mentions);
            }
        }
        let mut names: Vec<(EntityKey, u64)> = names.into_iter().collect();
        names.sort_unstable_by(|a, b| a.0.cmp(&b.0));

        let mut paired: Vec<usize> = (0..names.len())
            .filter(|&i| names[i].0.label.is_name())
            .collect();
        paired.sort_unstable_by(|&a, &b| names[b].1.cmp(&names[a].1).then(a.cmp(&b)));
        paired.truncate(MAX_PAIRED_ENTITIES);
        paired.sort_unstable();

        let (quotes, speakers) = summarise_quotes(doc);

        ArticleSummary {
            id: doc.id.clone(),
            error: doc
                .error
                .as_ref()
                .map(|e| clean_name(&e.kind).unwrap_or_else(|| "unknown".to_string())),
            // An HTML page nobody cleaned would count its markup as words.
            words: match doc.format {
                Format::Text => doc.word_count() as u64,
                Format::Html => 0,
            },
            sentences: doc.sentences.len() as u64,
            entities: doc.entities.len() as u64,
            mentions: mentions_total,
            quotes,
            labels: labels.into_values().collect(),
            names,
            paired,
            speakers,
        }
    }

    /// The article's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The kind of the article's error (`doc.error.kind`), if it has one.
    pub fn error_kind(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Words in the body (0 for an HTML page that was never cleaned).
    pub fn words(&self) -> u64 {
        self.words
    }

    pub fn sentences(&self) -> u64 {
        self.sentences
    }

    /// Entities in the article (`doc.entities.len()`).
    pub fn entities(&self) -> u64 {
        self.entities
    }

    /// Mentions of all entities.
    pub fn mentions(&self) -> u64 {
        self.mentions
    }

    pub fn quotes(&self) -> QuoteCounts {
        self.quotes
    }

    /// Distinct entities (label, canonical name) and their mention counts.
    pub fn entity_counts(&self) -> impl Iterator<Item = (Label, &str, u64)> {
        self.names.iter().map(|(k, n)| (k.label, &*k.name, *n))
    }

    /// Named speakers and how many quotes each has in this article.
    pub fn speaker_counts(&self) -> impl Iterator<Item = (&str, u64)> {
        self.speakers.iter().map(|s| (s.name.as_str(), s.quotes))
    }
}

fn summarise_quotes(doc: &Document) -> (QuoteCounts, Vec<SpeakerCount>) {
    let mut counts = QuoteCounts::default();
    let mut speakers: HashMap<String, SpeakerCount> = HashMap::new();
    // Only built when a quote names its speaker by id alone.
    let mut by_id: Option<HashMap<&str, &Entity>> = None;
    for quote in &doc.quotes {
        counts.total += 1;
        match quote.kind {
            QuoteKind::Direct => counts.direct += 1,
            QuoteKind::Partial => counts.partial += 1,
            QuoteKind::Other => counts.other += 1,
        }
        let mut speaker = quote.speaker_name.as_deref().and_then(clean_name);
        if speaker.is_none() {
            if let Some(id) = quote.speaker.as_deref() {
                let index = by_id.get_or_insert_with(|| {
                    doc.entities.iter().map(|e| (e.id.as_str(), e)).collect()
                });
                speaker = index.get(id).and_then(|e| entity_name(doc, e));
            }
        }
        match speaker {
            Some(name) => {
                counts.attributed += 1;
                let example = Example {
                    article: doc.id.clone(),
                    offset: quote.span.start,
                    text: clip(doc.slice(quote.span), MAX_EXAMPLE_CHARS),
                };
                let entry = speakers
                    .entry(name)
                    .or_insert_with_key(|name| SpeakerCount {
                        name: name.clone(),
                        quotes: 0,
                        example: None,
                    });
                entry.quotes += 1;
                Example::pick(&mut entry.example, Some(example));
            }
            None if quote.kind != QuoteKind::Other => {
                counts.unattributed += 1;
                if quote.speaker_desc.as_deref().and_then(clean_name).is_some() {
                    counts.described += 1;
                }
            }
            None => {}
        }
    }
    let mut speakers: Vec<SpeakerCount> = speakers.into_values().collect();
    speakers.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    (counts, speakers)
}

/// A name counted without a leading "The" ("The Harbour Ledger" and
/// "Harbour Ledger" are one row), unless nothing capitalised follows.
/// Places keep theirs: "The Hague" is no "Hague".
fn without_article(name: &str) -> &str {
    match name.strip_prefix("The ") {
        Some(rest) if rest.starts_with(char::is_uppercase) => rest,
        _ => name,
    }
}

/// The name an entity is counted under: its canonical name, or the text of
/// its first mention when the name is blank.
fn entity_name(doc: &Document, entity: &Entity) -> Option<String> {
    clean_name(&entity.name).or_else(|| {
        entity
            .mentions
            .first()
            .and_then(|&m| clean_name(doc.slice(m)))
    })
}

/// Whitespace and control characters collapsed to single spaces, cut to
/// [`MAX_NAME_CHARS`]; `None` when nothing is left.
pub(crate) fn clean_name(raw: &str) -> Option<String> {
    let name = clip(raw, MAX_NAME_CHARS);
    (!name.is_empty()).then_some(name)
}

/// `raw` with runs of whitespace and control characters turned into one
/// space, trimmed, and cut to `max_chars` characters (ending in "…" when cut).
pub(crate) fn clip(raw: &str, max_chars: usize) -> String {
    if max_chars == 0 {
        return String::new();
    }
    let mut out = String::with_capacity(raw.len().min(max_chars * 4));
    let mut chars = 0usize;
    let mut pending_space = false;
    for c in raw.chars() {
        if c.is_whitespace() || c.is_control() {
            pending_space = !out.is_empty();
            continue;
        }
        let needed = 1 + usize::from(pending_space);
        if chars + needed > max_chars {
            // Leave room for the ellipsis.
            while chars >= max_chars {
                out.pop();
                chars -= 1;
            }
            let trimmed = out.trim_end().len();
            out.truncate(trimmed);
            out.push('…');
            return out;
        }
        if pending_space {
            out.push(' ');
            chars += 1;
            pending_space = false;
        }
        out.push(c);
        chars += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_collapses_whitespace_and_controls() {
        assert_eq!(clip("  Angela\n\t Merkel\u{0} ", 50), "Angela Merkel");
        assert_eq!(clip("\n\n", 50), "");
    }

    #[test]
    fn clip_cuts_on_characters_with_an_ellipsis() {
        assert_eq!(clip("ééééé", 3), "éé…");
        assert_eq!(clip("ab cd", 3), "ab…");
        assert_eq!(clip("abc", 3), "abc");
        assert!(clip(&"x".repeat(10_000), MAX_NAME_CHARS).chars().count() <= MAX_NAME_CHARS);
    }

    #[test]
    fn a_leading_the_does_not_split_a_name() {
        assert_eq!(without_article("The Harbour Ledger"), "Harbour Ledger");
        assert_eq!(without_article("Harbour Ledger"), "Harbour Ledger");
        assert_eq!(without_article("The the"), "The the");
        assert_eq!(without_article("Theresa May"), "Theresa May");
        let mut doc = Document::from_text("a", "The Hague and The Harbour Ledger");
        for (label, start, end) in [(Label::Loc, 0, 9), (Label::Org, 14, 32)] {
            doc.entities.push(Entity {
                id: format!("E{start}"),
                label,
                name: doc.text[start..end].to_string(),
                value: None,
                kb_id: None,
                mentions: vec![newsmill_doc::Span::new(start, end)],
            });
        }
        let names: Vec<String> = ArticleSummary::from_document(&doc)
            .names
            .iter()
            .map(|(k, _)| k.name.to_string())
            .collect();
        assert_eq!(names, ["Harbour Ledger", "The Hague"]);
    }

    #[test]
    fn example_prefers_readable_then_first() {
        let ex = |article: &str, offset, text: &str| Example {
            article: article.into(),
            offset,
            text: text.into(),
        };
        let mut current = Some(ex("b", 0, "“We will rebuild the bridge,” she said"));
        Example::pick(&mut current, Some(ex("a", 9, "“Yes”")));
        assert_eq!(current.as_ref().unwrap().article, "b");
        Example::pick(
            &mut current,
            Some(ex("a", 50, "“We are ready for the vote tomorrow”")),
        );
        assert_eq!(current.as_ref().unwrap().article, "a");
    }
}
