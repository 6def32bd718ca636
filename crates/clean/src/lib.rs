//! # newsmill-clean
//!
//! The first newsmill stage: turns a raw article, as a scraper delivered it
//! (plain text or an HTML page), into a clean body plus metadata. Use it as
//! the [`Clean`] pipeline stage (name `"clean"`) or through the pure
//! functions [`clean_text`] and [`extract_html`].
//!
//! ## What comes out
//!
//! * **Body**: paragraphs separated by exactly `"\n\n"`, whitespace inside a
//!   paragraph collapsed to single spaces, no leading or trailing whitespace.
//!   The body never holds a single `\n`: each list item is a paragraph of its
//!   own, so later stages always see a boundary after it. Paragraph spans are
//!   exact byte offsets into the body.
//! * **Normalisation**: CRLF/CR to LF, Unicode NFC, NBSP and other Unicode
//!   spaces to a plain space, zero-width characters, soft hyphens, bidi marks
//!   and control characters dropped. Typographic quotes, dashes and ellipses
//!   are kept as they are.
//! * **Paragraphs from plain text**: blank lines separate blocks. Inside a
//!   block, hard-wrapped prose (wire copy wrapped at a fixed width) is joined
//!   back; list items, indented paragraph starts, short heading lines and
//!   lines of unequal length (a caption title over its caption) stand alone.
//! * **Metadata** (never overwriting a field the document already has): a
//!   headline-shaped first line becomes `title` and a one-sentence paragraph
//!   right after it `standfirst`; bylines ("By Jane Doe", "Jane Doe |
//!   Reporter") and the subject of an author bio ("Jane Doe is a reporter for
//!   Example News ...") fill `authors`, the bio's outlet `source`; date lines
//!   ("Published Oct 17, 2023", "Updated: 2023-10-17 10:00") `published` in
//!   ISO 8601; a wire dateline ("MOSCOW (Reuters) - ") `dateline`. A line
//!   repeating a title the input record already gave is removed.
//! * **Removed furniture**, each piece listed in `removed` with its
//!   [`RemovedKind`]: photo captions (`caption`) and their agency credits
//!   (`credit`; "... war began Jane Roe/Getty Images" is split into the
//!   two), the short caption title above them (`caption`), calls to action
//!   (`cta`), subscription pitches and perk lists (`promo`), repeated lines and
//!   mission statements (`slogan`, `repeated`), disclosure and copyright lines
//!   (`disclaimer`), menus and related links (`navigation`), author bios
//!   (`bio`), bylines (`byline`), lifted title, standfirst, date and dateline
//!   (`meta`) and ads or page chrome (`boilerplate`). At the bottom of the
//!   story, once sure furniture appears, short headings and fragments around
//!   it go too.
//!
//! * **Whole-page text** (menus, headline lists, comments and footers
//!   around the story, as some scrapers keep it): the story's stretch of
//!   prose is kept, the rest listed as `navigation` or `boilerplate`. Lists
//!   of other stories (a headline glued to its teaser), readers' comment
//!   threads (a comment heading, "says:" lines, time stamps such as "2 days
//!   ago") and a copy of the story run together on one line (structured
//!   data) stay out of it.
//!
//! The rules look at the shape of lines and blocks, not at site names, and
//! they are built to do no harm: an article that is already clean comes out
//! unchanged apart from whitespace.
//!
//! ## HTML
//!
//! Metadata comes from JSON-LD (`NewsArticle`/`Article`, also inside
//! `@graph`), OpenGraph and `article:` tags, `<meta name=author|description|
//! date>`, `<title>`, `<link rel=canonical>` and `<html lang>`. The body is
//! `[itemprop=articleBody]`, else a dominant `<article>`, else the element
//! whose paragraphs score best (length, commas, few links). Inside it,
//! paragraphs, headings, list items and quotes are taken in document order;
//! navigation, asides, forms, figures (the caption is recorded) and elements
//! whose class or id says share, related, newsletter, promo, comment, ad or
//! byline are dropped, and then the plain-text rules run over what is left.
//! Page chrome outside the chosen element is not listed in `removed`.
//! A [`Format::Text`] document that is a whole HTML page is treated as HTML.
//!
//! ## Example
//!
//! ```
//! use newsmill_clean::{clean_text, Clean};
//! use newsmill_doc::{Document, RemovedKind, Stage};
//!
//! let raw = "Harbour Bridge Reopens After Repairs\n\n\
//!     City engineers finished the repairs two weeks ahead of schedule.\n\n\
//!     By Jane Doe\n\n\
//!     The bridge reopened on Monday, the council said. Traffic was light.\n\n\
//!     Commuters welcomed the news.\n\n\
//!     Sign up for our morning newsletter.";
//!
//! // As a pure function ...
//! let cleaned = clean_text(raw).unwrap();
//! assert_eq!(cleaned.meta.title.as_deref(), Some("Harbour Bridge Reopens After Repairs"));
//! assert_eq!(cleaned.meta.authors, ["Jane Doe"]);
//! assert_eq!(cleaned.paragraphs.len(), 2);
//! assert!(cleaned.removed.iter().any(|r| r.kind == RemovedKind::Promo));
//!
//! // ... or as a pipeline stage.
//! let mut doc = Document::from_text("a1", raw);
//! Clean::new().process(&mut doc).unwrap();
//! assert!(doc.text.starts_with("The bridge reopened on Monday"));
//! assert_eq!(doc.slice(doc.paragraphs[1]), "Commuters welcomed the news.");
//! ```

mod dates;
mod html;
pub mod language;
pub mod metrics;
mod normalize;
mod page;
pub mod repeated;
mod rules;

use newsmill_doc::{Document, Format, Meta, Removed, Span, Stage, StageError};

pub use newsmill_doc::RemovedKind;
pub use repeated::{ArticleLines, RepeatedLines, RepeatedWindow};
use std::sync::Arc;

/// A cleaned article: the body, its paragraphs, lifted metadata and what
/// was removed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    /// Paragraphs joined by `"\n\n"`, no leading or trailing whitespace.
    pub text: String,
    /// Byte span of each paragraph in `text`.
    pub paragraphs: Vec<Span>,
    /// Metadata found in the input.
    pub meta: Meta,
    /// Every dropped piece, in reading order.
    pub removed: Vec<Removed>,
}

/// Why an input yielded no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CleanError {
    /// Nothing of the body was left once furniture was removed.
    #[error("no article body left after cleaning ({removed} pieces removed)")]
    NoContent {
        /// How many pieces were removed as furniture.
        removed: usize,
    },
}

/// Switches for the clean stage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CleanOptions {
    /// Keep photo captions and credits in the body instead of removing them.
    pub keep_captions: bool,
}

/// The `clean` pipeline stage. Cheap to build: its patterns are compiled
/// once per process and shared.
#[derive(Debug, Clone, Default)]
pub struct Clean {
    options: CleanOptions,
    /// Batch knowledge: lines the article's site repeats go as `repeated`.
    repeated: Option<Arc<RepeatedLines>>,
}

impl Clean {
    pub fn new() -> Self {
        Clean::default()
    }

    pub fn with_options(options: CleanOptions) -> Self {
        Clean {
            options,
            repeated: None,
        }
    }

    /// Consult `table` (see [`repeated`]): units its site repeats are removed
    /// as `repeated` before the other rules run.
    pub fn with_repeated(mut self, table: Arc<RepeatedLines>) -> Self {
        self.repeated = Some(table);
        self
    }

    pub fn options(&self) -> CleanOptions {
        self.options
    }

    /// Clean plain text. `known` is metadata the caller already has: it is
    /// not overwritten (the returned meta holds only what was found) but a
    /// title line repeating `known.title` is removed from the body.
    pub fn clean_text(&self, raw: &str, known: &Meta) -> Result<Cleaned, CleanError> {
        self.clean_text_from(raw, known, None)
    }

    fn clean_text_from(
        &self,
        raw: &str,
        known: &Meta,
        site_hint: Option<&str>,
    ) -> Result<Cleaned, CleanError> {
        let normalized = normalize::normalize(raw);
        // A whole page's text: keep the story's stretch of it.
        let (units, mut removed) = page::drop_story_copies(rules::split_plain(&normalized));
        let (units, outside) = page::main_stretch(units);
        removed.extend(outside);
        self.assemble(units, known, Meta::default(), removed, site_hint)
    }

    /// Language and batch knowledge first, so the rules can see both.
    fn assemble(
        &self,
        mut units: Vec<rules::Unit>,
        known: &Meta,
        mut found: Meta,
        mut removed: Vec<Removed>,
        site_hint: Option<&str>,
    ) -> Result<Cleaned, CleanError> {
        language::mark(&units, known, &mut found);
        if let Some(table) = &self.repeated {
            let site = repeated::site_name(known, site_hint);
            repeated::remove(table, &mut units, &site, &mut removed);
        }
        finish(rules::assemble(units, known, found, removed, &self.options))
    }

    /// Extract the article from an HTML page; see [`Clean::clean_text`] for `known`.
    pub fn extract_html(&self, page: &str, known: &Meta) -> Result<Cleaned, CleanError> {
        self.extract_html_from(page, known, None)
    }

    fn extract_html_from(
        &self,
        page: &str,
        known: &Meta,
        site_hint: Option<&str>,
    ) -> Result<Cleaned, CleanError> {
        let extracted = html::extract(page);
        self.assemble(
            extracted.units,
            known,
            extracted.meta,
            extracted.removed,
            site_hint,
        )
    }
}

fn finish(cleaned: Cleaned) -> Result<Cleaned, CleanError> {
    if cleaned.text.is_empty() {
        Err(CleanError::NoContent {
            removed: cleaned.removed.len(),
        })
    } else {
        Ok(cleaned)
    }
}

/// Clean a plain-text article with default options.
pub fn clean_text(raw: &str) -> Result<Cleaned, CleanError> {
    Clean::new().clean_text(raw, &Meta::default())
}

/// Extract and clean the article in an HTML page with default options.
pub fn extract_html(page: &str) -> Result<Cleaned, CleanError> {
    Clean::new().extract_html(page, &Meta::default())
}

/// A whole HTML page handed over as text: scrapers often mislabel them.
fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start().as_bytes();
    let head = &head[..head.len().min(64)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html")
}

/// Fill the fields of `target` that are still unset from `found`.
fn fill_meta(target: &mut Meta, found: Meta) {
    fn fill(slot: &mut Option<String>, value: Option<String>) {
        if slot.as_deref().is_none_or(|s| s.trim().is_empty()) {
            if let Some(v) = value {
                *slot = Some(v);
            }
        }
    }
    fill(&mut target.title, found.title);
    fill(&mut target.standfirst, found.standfirst);
    fill(&mut target.published, found.published);
    fill(&mut target.dateline, found.dateline);
    fill(&mut target.url, found.url);
    fill(&mut target.source, found.source);
    fill(&mut target.language, found.language);
    if target.authors.is_empty() {
        target.authors = found.authors;
    }
}

impl Stage for Clean {
    fn name(&self) -> &str {
        "clean"
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        // A runner's hint for batch knowledge, never part of the record.
        let hint = doc.ext.remove(repeated::SITE_HINT);
        let hint = hint.as_ref().and_then(|h| h.as_str());
        let result = if doc.format == Format::Html || looks_like_html(&doc.text) {
            self.extract_html_from(&doc.text, &doc.meta, hint)
        } else {
            self.clean_text_from(&doc.text, &doc.meta, hint)
        };
        let cleaned = match result {
            Ok(cleaned) => cleaned,
            Err(err) => return Err(StageError::new("no-content", err.to_string())),
        };
        doc.text = cleaned.text;
        doc.paragraphs = cleaned.paragraphs;
        doc.format = Format::Text;
        doc.removed.extend(cleaned.removed);
        fill_meta(&mut doc.meta, cleaned.meta);
        if doc.meta.published.is_none() {
            // The crawl date of a WARC record, when the page gave no date.
            if let Some(date) = doc.input.get("warc_date").and_then(|d| d.as_str()) {
                doc.meta.published = Some(date.to_string());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
