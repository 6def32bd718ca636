//! # newsmill-report
//!
//! Batch statistics for newsmill: what a run of thousands (or millions) of
//! articles contained, rendered as Markdown, JSON, a self-contained HTML page
//! with bar charts, or CSV.
//!
//! Each worker turns a processed [`Document`](newsmill_doc::Document) into a
//! small [`ArticleSummary`]; a [`BatchReport`] adds summaries up, and reports
//! built on different threads or machines combine with
//! [`BatchReport::merge`]. A report can be saved with
//! [`BatchReport::to_state_json`] and loaded again with
//! [`BatchReport::from_state_json`], so shards can be merged later.
//!
//! A report holds:
//! - totals: articles, articles with errors (and a table by error kind),
//!   words (`Document::word_count`), sentences, entities, mentions, quotes by
//!   kind, quotes with and without a named speaker;
//! - the most-mentioned entities of each label, keyed by label and canonical
//!   name, with mentions and articles;
//! - entities mentioned together: pairs of name entities (PERSON, ORG, LOC,
//!   NORP, EVENT, MISC) in the same article, counted by articles; only the
//!   [`MAX_PAIRED_ENTITIES`] most-mentioned name entities of an article are
//!   paired, so no article costs more than 190 pairs;
//! - quotes by speaker (the quote's `speaker_name`, or the name of its
//!   `speaker` entity): quotes, articles, and one example quote.
//!
//! ```
//! use newsmill_doc::{Document, Entity, Label, Quote, QuoteKind, Span};
//! use newsmill_report::{ArticleSummary, BatchReport, ReportFormat};
//!
//! let text = "“We will reopen the bridge,” Mayor Ana Lopez said in Porto.";
//! let span_of = |part: &str| {
//!     let start = text.find(part).unwrap();
//!     Span::new(start, start + part.len())
//! };
//! let mut doc = Document::from_text("a1", text);
//! doc.entities.push(Entity {
//!     id: "E1".into(),
//!     label: Label::Person,
//!     name: "Ana Lopez".into(),
//!     value: None,
//!     kb_id: None,
//!     mentions: vec![span_of("Ana Lopez")],
//! });
//! doc.entities.push(Entity {
//!     id: "E2".into(),
//!     label: Label::Loc,
//!     name: "Porto".into(),
//!     value: None,
//!     kb_id: None,
//!     mentions: vec![span_of("Porto")],
//! });
//! doc.quotes.push(Quote {
//!     span: span_of("“We will reopen the bridge,”"),
//!     kind: QuoteKind::Direct,
//!     speaker: Some("E1".into()),
//!     speaker_name: Some("Ana Lopez".into()),
//!     speaker_desc: None,
//!     cue: None,
//! });
//!
//! // Summaries are built where documents are processed, then merged.
//! let mut shard = BatchReport::new();
//! shard.add(ArticleSummary::from_document(&doc));
//! let mut report = BatchReport::new();
//! report.merge(shard);
//!
//! assert_eq!(report.totals().articles, 1);
//! assert_eq!(report.totals().words, 11);
//! let markdown = report.to_markdown(10);
//! assert!(markdown.contains("| 1 | Ana Lopez | 1 | 1 |"));
//! assert!(markdown.contains("| 1 | Ana Lopez (PERSON) | Porto (LOC) | 1 |"));
//!
//! let format = ReportFormat::from_path("out/report.html".as_ref()).unwrap();
//! assert!(report.render(format, 10).contains("<svg"));
//!
//! // Save a shard, load it back.
//! let saved = report.to_state_json();
//! let loaded = BatchReport::from_state_json(&saved).unwrap();
//! assert_eq!(loaded.to_json(10), report.to_json(10));
//! ```
//!
//! ## Determinism
//!
//! Every count is a sum and every list is sorted by count descending, then
//! by name ascending (byte order); the example quote of a speaker is the
//! first, by (article id, offset), of their quotes that is 20 to 300
//! characters long, or of all their quotes if none is. So a report is the
//! same bytes whatever order articles were added or shards merged in, and
//! however many threads built it — as long as no table was pruned.
//!
//! ## Bounded memory
//!
//! The tables that grow with distinct names (entities, pairs, speakers,
//! error kinds) keep at most [`DEFAULT_KEY_LIMIT`] keys each (see
//! [`BatchReport::with_key_limit`]). Past the limit a table drops every key
//! whose count is at or below a threshold chosen so that at most three
//! quarters of the limit remain, the heavy-hitters approximation of
//! Misra–Gries: large counts survive, the long tail of rare names is
//! forgotten. Keys with equal counts are kept or dropped together, so what
//! survives never depends on spelling. A key dropped and seen again restarts
//! from zero, so once pruning happened counts are lower bounds and may depend
//! on merge order; every rendering then says so, and how large the dropped
//! counts were. Names are cut to [`MAX_NAME_CHARS`] characters and example
//! quotes to [`MAX_EXAMPLE_CHARS`].
//!
//! ## Formats
//!
//! - **Markdown**: tables of totals, errors, labels, top entities per label,
//!   pairs and speakers; every name is escaped.
//! - **JSON** ([`BatchReport::to_json`]): the [`ReportView`], pretty-printed.
//!   The full mergeable state is [`BatchReport::to_state_json`] instead.
//! - **HTML**: one page with no scripts or external assets: headline numbers,
//!   inline-SVG bar charts of the top entities per label and top speakers,
//!   and the tables; all text is HTML-escaped.
//! - **CSV**: one table, RFC 4180 quoting, `\n` line ends, with the columns
//!   `section,rank,label,name,label_b,name_b,count,mentions,articles,example_article,example`.
//!   `section` says what a row is; cells that do not apply are empty:
//!
//!   | section | fields used |
//!   |---|---|
//!   | `total` | `name` (e.g. `words`), `count` |
//!   | `pruned` | `name` (`<table>.keys` or `<table>.max_count`), `count` |
//!   | `error` | `rank`, `name` (error kind), `count` and `articles` (articles with it) |
//!   | `label` | `label`, `count` (entities), `mentions`, `articles` |
//!   | `entity` | `rank` (within the label), `label`, `name`, `mentions`, `articles` |
//!   | `pair` | `rank`, `label`, `name`, `label_b`, `name_b`, `articles` |
//!   | `speaker` | `rank`, `name`, `count` (quotes), `articles`, `example_article`, `example` |
//!
//! In every format `top` is how many rows each list shows; 0 shows all
//! (charts draw at most 25 bars).

mod batch;
mod csv;
mod html;
mod markdown;
mod summary;
mod table;
mod view;

pub use batch::{BatchReport, Totals, STATE_VERSION};
pub use summary::{
    ArticleSummary, QuoteCounts, MAX_EXAMPLE_CHARS, MAX_NAME_CHARS, MAX_PAIRED_ENTITIES,
};
pub use table::{Pruning, DEFAULT_KEY_LIMIT};
pub use view::{
    EntityRef, EntityRow, ErrorRow, ExampleRow, LabelRow, LabelTop, PairRow, PrunedRow, ReportView,
    SpeakerRow,
};

use std::path::Path;

/// Why a report could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The saved state is not valid JSON, not a report state, or of another version.
    #[error("invalid report state: {0}")]
    State(#[source] serde_json::Error),
}

/// An output format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportFormat {
    Markdown,
    Json,
    Html,
    Csv,
}

impl ReportFormat {
    /// The format a file name asks for by its extension (any case):
    /// `.md`/`.markdown`, `.json`, `.html`/`.htm`, `.csv`.
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?;
        Self::from_name(extension)
    }

    /// The format with this name or extension (`md`, `markdown`, `json`,
    /// `html`, `htm`, `csv`; any case).
    pub fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(ReportFormat::Markdown),
            "json" => Some(ReportFormat::Json),
            "html" | "htm" => Some(ReportFormat::Html),
            "csv" => Some(ReportFormat::Csv),
            _ => None,
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Markdown => "md",
            ReportFormat::Json => "json",
            ReportFormat::Html => "html",
            ReportFormat::Csv => "csv",
        }
    }
}

impl std::str::FromStr for ReportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ReportFormat::from_name(s)
            .ok_or_else(|| format!("unknown report format {s:?}: use md, json, html or csv"))
    }
}

impl std::fmt::Display for ReportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.extension())
    }
}

impl BatchReport {
    /// The report in `format`, with `top` rows per list (0: all).
    pub fn render(&self, format: ReportFormat, top: usize) -> String {
        match format {
            ReportFormat::Markdown => self.to_markdown(top),
            ReportFormat::Json => self.to_json(top),
            ReportFormat::Html => self.to_html(top),
            ReportFormat::Csv => self.to_csv(top),
        }
    }

    /// Markdown tables.
    pub fn to_markdown(&self, top: usize) -> String {
        markdown::render(&self.view(top), top)
    }

    /// The [`ReportView`] as pretty JSON, ending in a newline.
    pub fn to_json(&self, top: usize) -> String {
        // The view holds only strings, numbers and unit enums, which
        // serde_json always serialises.
        let mut json = serde_json::to_string_pretty(&self.view(top)).unwrap_or_default();
        json.push('\n');
        json
    }

    /// One self-contained HTML page with inline SVG charts.
    pub fn to_html(&self, top: usize) -> String {
        html::render(&self.view(top), top)
    }

    /// One CSV table; the columns are described in the crate docs.
    pub fn to_csv(&self, top: usize) -> String {
        csv::render(&self.view(top))
    }
}
