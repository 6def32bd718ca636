use crate::Span;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What [`Document::text`] holds right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: the body every annotation layer indexes.
    #[default]
    Text,
    /// An HTML page that the clean stage has not yet turned into a body.
    Html,
}

/// One article and every annotation layer stages have added to it.
///
/// `text` is the single string all layers index. Before `clean` it holds the
/// input verbatim (see [`Format`]); `clean` replaces it with the cleaned body,
/// and after that no stage changes it: later stages only add standoff layers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub id: String,
    pub meta: Meta,
    pub format: Format,
    pub text: String,
    pub paragraphs: Vec<Span>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Span>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub removed: Vec<Removed>,
    /// Fields of the input record that newsmill does not know, carried
    /// through untouched.
    pub input: serde_json::Map<String, serde_json::Value>,
    /// Data a stage attaches under its own name, like spaCy's `Doc._`.
    pub ext: BTreeMap<String, serde_json::Value>,
    /// Set when a stage failed; the layers of the stages that ran before stay.
    pub error: Option<DocError>,
}

impl Document {
    /// A plain-text article.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            format: Format::Text,
            ..Document::default()
        }
    }

    /// An HTML page, to be turned into a body by the clean stage.
    pub fn from_html(id: impl Into<String>, html: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: html.into(),
            format: Format::Html,
            ..Document::default()
        }
    }

    /// The text a span covers; empty when the span is not valid for this text.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text).unwrap_or("")
    }

    /// The entity one of whose mentions covers `span`, if any.
    pub fn entity_at(&self, span: Span) -> Option<&Entity> {
        self.entities
            .iter()
            .find(|entity| entity.mentions.iter().any(|m| m.contains(span)))
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|entity| entity.id == id)
    }

    /// Index of the sentence that contains byte `offset`.
    pub fn sentence_index_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= offset);
        (i < self.sentences.len() && self.sentences[i].start <= offset).then_some(i)
    }

    /// Index of the paragraph that contains byte `offset`.
    pub fn paragraph_index_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.end <= offset);
        (i < self.paragraphs.len() && self.paragraphs[i].start <= offset).then_some(i)
    }

    /// Number of words in the body (whitespace-separated runs).
    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// Metadata lifted from the page or given by the input record; never part of `text`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    pub standfirst: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    /// ISO 8601 date or date-time when it could be read.
    pub published: Option<String>,
    /// "MOSCOW (Reuters)"-style place line that opened the story.
    pub dateline: Option<String>,
    pub url: Option<String>,
    /// Publication or site name.
    pub source: Option<String>,
    /// ISO 639-1 code of the body's language, when detected or given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// What kind of text a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
}

/// One token: a span of the body and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// The type of an entity, named as spaCy and OntoNotes name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    Person,
    Org,
    Loc,
    /// Nationalities, religious and political groups.
    Norp,
    Event,
    Misc,
    Date,
    Time,
    Money,
    Percent,
    Quantity,
}

impl Label {
    pub const ALL: [Label; 11] = [
        Label::Person,
        Label::Org,
        Label::Loc,
        Label::Norp,
        Label::Event,
        Label::Misc,
        Label::Date,
        Label::Time,
        Label::Money,
        Label::Percent,
        Label::Quantity,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Norp => "NORP",
            Label::Event => "EVENT",
            Label::Misc => "MISC",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
            Label::Quantity => "QUANTITY",
        }
    }

    /// Names, as opposed to values such as dates and amounts.
    pub fn is_name(self) -> bool {
        matches!(
            self,
            Label::Person | Label::Org | Label::Loc | Label::Norp | Label::Event | Label::Misc
        )
    }
}

impl std::str::FromStr for Label {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Label::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown entity label {s:?}"))
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An article-level thing ("Vladimir Putin", PERSON) and every place it is mentioned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Unique within the document: "E1", "E2", … in order of first mention.
    pub id: String,
    pub label: Label,
    /// Canonical name: the fullest form the article uses.
    pub name: String,
    /// Normalised value for dates, times and amounts (ISO date, number).
    pub value: Option<String>,
    /// The `id` of the user's pattern (`--patterns`, spaCy EntityRuler
    /// format) that named this entity: a knowledge-base key the user chose.
    #[serde(default)]
    pub kb_id: Option<String>,
    /// Mentions in text order.
    pub mentions: Vec<Span>,
}

/// What a quotation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Someone's words set off as speech.
    Direct,
    /// A fragment of someone's words inside the writer's sentence.
    Partial,
    /// Quotation marks that are not speech: scare quotes, titles, hashtags.
    Other,
}

/// A quotation and who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words including their quotation marks.
    pub span: Span,
    pub kind: QuoteKind,
    /// `id` of the speaker's entity in this document.
    pub speaker: Option<String>,
    /// The speaker entity's canonical name.
    pub speaker_name: Option<String>,
    /// How the text describes an unnamed speaker ("a Kremlin spokesman").
    pub speaker_desc: Option<String>,
    /// The speech verb or phrase that attributes the quote ("told", "said", "according to").
    pub cue: Option<Span>,
}

/// Why a piece of the input was left out of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RemovedKind {
    /// Subscription, newsletter and app pitches.
    Promo,
    /// "About the writer" and author biographies.
    Bio,
    /// Photo and video captions.
    Caption,
    /// Photo and agency credits.
    Credit,
    /// Site slogans and mission statements.
    Slogan,
    /// Menus, breadcrumbs, section links, related-article lists.
    Navigation,
    /// "Read more", "Click here", share buttons.
    Cta,
    /// Disclosure and legal lines (AI use, copyright).
    Disclaimer,
    /// Lines repeated across articles of one site.
    Repeated,
    /// The byline, lifted into `meta.authors`.
    Byline,
    /// Title, standfirst, date or dateline lifted into `meta`.
    Meta,
    /// Anything else the extractor dropped (ads, comments, markup).
    Boilerplate,
}

impl RemovedKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RemovedKind::Promo => "promo",
            RemovedKind::Bio => "bio",
            RemovedKind::Caption => "caption",
            RemovedKind::Credit => "credit",
            RemovedKind::Slogan => "slogan",
            RemovedKind::Navigation => "navigation",
            RemovedKind::Cta => "cta",
            RemovedKind::Disclaimer => "disclaimer",
            RemovedKind::Repeated => "repeated",
            RemovedKind::Byline => "byline",
            RemovedKind::Meta => "meta",
            RemovedKind::Boilerplate => "boilerplate",
        }
    }
}

/// A piece of the input that clean left out of the body, kept for audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub kind: RemovedKind,
    pub text: String,
}

/// Why an article has no (complete) result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocError {
    /// A stable, machine-readable reason: `invalid-utf8`, `binary`, `empty`,
    /// `too-large`, `gzip`, `json`, `io`, `stage`, `panic`.
    pub kind: String,
    pub message: String,
}

impl DocError {
    pub fn new(kind: impl Into<String>, message: impl Into<String>) -> Self {
        DocError {
            kind: kind.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for DocError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}
