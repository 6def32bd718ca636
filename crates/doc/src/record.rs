//! The JSON record: one line per article, the contract downstream tools read.

use crate::{DocError, Document, Meta, OffsetMap, OffsetUnit, QuoteKind, RemovedKind, Span};
use serde::{Deserialize, Serialize};

/// A `{start, end}` pair in the record's offset unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordSpan {
    pub start: usize,
    pub end: usize,
}

/// A mention: its offsets and the text they cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordMention {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordEntity {
    pub id: String,
    pub label: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The user pattern's `id` (`--patterns`), when a pattern named it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
    pub mentions: Vec<RecordMention>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordQuote {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: QuoteKind,
    pub speaker: Option<String>,
    pub speaker_name: Option<String>,
    #[serde(default)]
    pub speaker_desc: Option<String>,
    /// The attributing verb or phrase as written ("told", "said").
    pub cue: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRemoved {
    pub kind: RemovedKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordToken {
    pub start: usize,
    pub end: usize,
    pub kind: crate::TokenKind,
}

/// One output line. Field names are the public contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    pub meta: Meta,
    pub text: String,
    /// The unit every offset in this record counts: `char`, `byte` or `utf16`.
    pub offsets: OffsetUnit,
    pub paragraphs: Vec<RecordSpan>,
    pub sentences: Vec<RecordSpan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<RecordToken>>,
    pub entities: Vec<RecordEntity>,
    pub quotes: Vec<RecordQuote>,
    pub removed: Vec<RecordRemoved>,
    /// Unknown fields of the input record, untouched.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub input: serde_json::Map<String, serde_json::Value>,
    /// Stage extensions.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub ext: std::collections::BTreeMap<String, serde_json::Value>,
    pub error: Option<DocError>,
}

/// Options for turning a [`Document`] into a [`Record`].
#[derive(Debug, Clone, Copy, Default)]
pub struct RecordOptions {
    pub offsets: OffsetUnit,
    pub tokens: bool,
}

impl Record {
    pub fn from_document(doc: &Document, options: RecordOptions) -> Record {
        let map = OffsetMap::new(&doc.text, options.offsets);
        let span = |s: Span| RecordSpan {
            start: map.convert(s.start),
            end: map.convert(s.end),
        };
        let spans = |list: &[Span]| list.iter().map(|&s| span(s)).collect::<Vec<_>>();
        let entities = doc
            .entities
            .iter()
            .map(|e| RecordEntity {
                id: e.id.clone(),
                label: e.label.as_str().to_string(),
                name: e.name.clone(),
                value: e.value.clone(),
                kb_id: e.kb_id.clone(),
                mentions: e
                    .mentions
                    .iter()
                    .map(|&m| RecordMention {
                        start: map.convert(m.start),
                        end: map.convert(m.end),
                        text: doc.slice(m).to_string(),
                    })
                    .collect(),
            })
            .collect();
        let quotes = doc
            .quotes
            .iter()
            .map(|q| RecordQuote {
                start: map.convert(q.span.start),
                end: map.convert(q.span.end),
                text: doc.slice(q.span).to_string(),
                kind: q.kind,
                speaker: q.speaker.clone(),
                speaker_name: q.speaker_name.clone(),
                speaker_desc: q.speaker_desc.clone(),
                cue: q.cue.map(|c| doc.slice(c).to_string()),
            })
            .collect();
        Record {
            id: doc.id.clone(),
            meta: doc.meta.clone(),
            text: doc.text.clone(),
            offsets: options.offsets,
            paragraphs: spans(&doc.paragraphs),
            sentences: spans(&doc.sentences),
            tokens: options.tokens.then(|| {
                doc.tokens
                    .iter()
                    .map(|t| RecordToken {
                        start: map.convert(t.span.start),
                        end: map.convert(t.span.end),
                        kind: t.kind,
                    })
                    .collect()
            }),
            entities,
            quotes,
            removed: doc
                .removed
                .iter()
                .map(|r| RecordRemoved {
                    kind: r.kind,
                    text: r.text.clone(),
                })
                .collect(),
            input: doc.input.clone(),
            ext: doc.ext.clone(),
            error: doc.error.clone(),
        }
    }

    /// The record as one line of JSON, without the trailing newline.
    pub fn to_json_line(&self) -> String {
        // A Record holds only strings, numbers and maps with string keys, so
        // serialisation cannot fail.
        serde_json::to_string(self).unwrap_or_else(|e| {
            format!(
                "{{\"id\":{},\"error\":{{\"kind\":\"serialize\",\"message\":{}}}}}",
                serde_json::Value::String(self.id.clone()),
                serde_json::Value::String(e.to_string())
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Entity, Label};

    #[test]
    fn record_offsets_count_code_points_by_default() {
        let mut doc = Document::from_text("x", "Café owner Zoë Ball spoke.");
        let start = doc.text.find("Zoë").unwrap();
        let end = start + "Zoë Ball".len();
        doc.entities.push(Entity {
            id: "E1".into(),
            label: Label::Person,
            name: "Zoë Ball".into(),
            value: None,
            kb_id: None,
            mentions: vec![Span::new(start, end)],
        });
        let record = Record::from_document(&doc, RecordOptions::default());
        let m = &record.entities[0].mentions[0];
        let chars: Vec<char> = record.text.chars().collect();
        let sliced: String = chars[m.start..m.end].iter().collect();
        assert_eq!(sliced, "Zoë Ball");
        assert_eq!(m.text, "Zoë Ball");
        let json = record.to_json_line();
        assert!(json.contains("\"offsets\":\"char\""));
        let back: Record = serde_json::from_str(&json).unwrap();
        assert_eq!(back, record);
    }
}
