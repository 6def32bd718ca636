//! # newsmill-doc
//!
//! The document model every newsmill stage shares. An article is one
//! [`Document`]: a cleaned body in [`Document::text`] that never changes once
//! `clean` has run, and standoff layers over it (paragraphs, tokens,
//! sentences, entities with their mentions, quotes), each a list of byte
//! [`Span`]s. It is the design of spaCy's `Doc` and CoreNLP's annotations: one
//! string, many layers, and offsets that stay exact.
//!
//! A stage is anything that implements [`Stage`]; a [`Pipeline`] runs stages
//! in order and turns a failure (or a panic) into the document's `error`
//! instead of ending the batch. [`Record`] is the JSON line written for each
//! article, with offsets converted to code points (the default), UTF-16 units
//! or bytes by [`OffsetMap`].
//!
//! ```
//! use newsmill_doc::{Document, Pipeline, Record, RecordOptions, Span, Stage, StageError};
//!
//! /// A stage of our own: marks every paragraph (blank-line block).
//! struct Paragraphs;
//!
//! impl Stage for Paragraphs {
//!     fn name(&self) -> &str { "paragraphs" }
//!     fn process(&self, doc: &mut Document) -> Result<(), StageError> {
//!         let mut start = 0;
//!         for block in doc.text.split("\n\n") {
//!             doc.paragraphs.push(Span::new(start, start + block.len()));
//!             start += block.len() + 2;
//!         }
//!         Ok(())
//!     }
//! }
//!
//! let pipeline = Pipeline::new().with(Paragraphs);
//! let mut doc = Document::from_text("a1", "Première ligne.\n\nSecond paragraph.");
//! pipeline.run(&mut doc);
//! assert_eq!(doc.slice(doc.paragraphs[1]), "Second paragraph.");
//!
//! // In the record, offsets count code points: "é" is one.
//! let record = Record::from_document(&doc, RecordOptions::default());
//! assert_eq!(record.paragraphs[1].start, 17);
//! ```

mod document;
mod offsets;
pub mod record;
mod span;
mod stage;

pub use document::{
    DocError, Document, Entity, Format, Label, Meta, Quote, QuoteKind, Removed, RemovedKind, Token,
    TokenKind,
};
pub use offsets::{OffsetMap, OffsetUnit};
pub use record::{Record, RecordOptions};
pub use span::Span;
pub use stage::{Pipeline, Stage, StageError};
