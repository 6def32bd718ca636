//! # newsmill-quotes
//!
//! Finds the quotations of a news article and who said them. [`Quotes`] is a
//! newsmill [`Stage`] named `"quotes"`: it reads `doc.text`, the paragraph
//! layer and the entity layer, and fills `doc.quotes` in text order with a
//! [`Quote`] per quotation: its span (marks included), its kind, the speaker
//! entity when the text names one, a description when it does not ("a
//! Kremlin spokesman", "Experts"), and the span of the cue ("said",
//! "told", "according to").
//!
//! ```
//! use newsmill_doc::{Document, Entity, Label, QuoteKind, Span, Stage};
//! use newsmill_quotes::Quotes;
//!
//! let text = "\"We will not back down,\" Maria Lopez said on Monday.\n\n\
//!             A spokesman called it a \"temporary pause\" in talks.";
//! let mut doc = Document::from_text("a1", text);
//! let start = text.find("Maria Lopez").unwrap();
//! doc.entities.push(Entity {
//!     id: "E1".into(),
//!     label: Label::Person,
//!     name: "Maria Lopez".into(),
//!     value: None,
//!     kb_id: None,
//!     mentions: vec![Span::new(start, start + "Maria Lopez".len())],
//! });
//!
//! Quotes::new().process(&mut doc)?;
//!
//! let first = &doc.quotes[0];
//! assert_eq!(doc.slice(first.span), "\"We will not back down,\"");
//! assert_eq!(first.kind, QuoteKind::Direct);
//! assert_eq!(first.speaker.as_deref(), Some("E1"));
//! assert_eq!(doc.slice(first.cue.unwrap()), "said");
//!
//! // Two words inside a sentence with no speech verb: a term, not speech.
//! assert_eq!(doc.quotes[1].kind, QuoteKind::Other);
//! assert_eq!(doc.quotes[1].speaker, None);
//! # Ok::<(), newsmill_doc::StageError>(())
//! ```
//!
//! ## Finding quotations
//!
//! Straight `"…"`, typographic `“…”`, `„…“` and `«…»` quotations are found
//! paragraph by paragraph, and single-mark quotations (`'…'`, `‘…’`) when
//! both marks are there. `’` is also the apostrophe, so a closing single mark
//! must follow a non-space and precede a non-letter: "Putin’s", "’90s" and
//! "rock ’n’ roll" are not quotations. A quotation of the other kind inside a
//! quotation stays part of it and is not reported. A double quotation that is
//! never closed ends at the end of its paragraph, so a stray mark cannot
//! swallow the rest of the article.
//!
//! Multi-paragraph quotations follow the news convention: the quotation is
//! left open at the end of a paragraph and re-opened at the start of the next.
//! **Each paragraph's part is its own `Quote`** (so every span stays inside
//! one paragraph), and all parts share the speaker found for any of them.
//! Texts that lost their paragraph breaks keep the re-opening mark
//! mid-paragraph (`…to kids. "Compared to…`): a straight mark after a
//! sentence end and a space, before a word, re-opens rather than closes, so
//! the first part ends at its sentence end and the second continues it.
//!
//! ## Kinds
//!
//! * `Direct`: a quotation that opens its sentence (nothing before it, or a
//!   colon, comma or speech verb) and starts with a capital, or ends a clause
//!   inside its marks; also every whole-paragraph continuation.
//! * `Partial`: a fragment inside the writer's sentence that has a speaker, or
//!   is long enough to be someone's words (five words or more, or a sentence
//!   end inside the marks): `Fallon added that Xi has been "handcuffed …"`.
//! * `Other`: not speech: a quotation right after "hashtag", "term", "slogan",
//!   "titled", "dubbed", "so-called", "known as" and the like, hashtags,
//!   handles and URLs, and short unattributed terms (`the "no-limits
//!   partnership"`). An `Other` quotation never has a speaker.
//!
//! ## Attribution
//!
//! In order of preference, within the quotation's sentence:
//!
//! 1. A cue just before the quotation: `X said: "…"`, `X told Newsweek: "…"`,
//!    `According to X, "…"`. Appositives are skipped (`X, a doctor, said`,
//!    `X, PTC president and activist said`), and so are introductory phrases
//!    (`On Tuesday, X said`); a relative pronoun stands for its antecedent
//!    (`Pullman, who had told him that …`).
//! 2. A cue just after it: `"…," X said`, `"…," said X`, `"…." added X`,
//!    `"…," according to X`, `"…," said BA's head of planning, Robert Boyle`.
//! 3. A cue anywhere before it in the sentence (partial quotations):
//!    `Experts believe … an opportunity to "meet …"`.
//!
//! A quotation with no cue of its own then takes the speaker introduced by a
//! speech verb in a sentence of its own between it and the previous
//! quotation (`He added: "…" His agent told the Times that … . "…"`); else
//! the speaker of the previous (else next) quotation in the same paragraph;
//! a paragraph that is wholly a quotation takes the speaker of the previous
//! paragraph's quotation; and a quotation that opens a sentence takes the
//! speaker introduced by a speech verb in the sentence before (`Fallon
//! pointed out that … .` then `"…"`). Inherited speakers carry no cue, since
//! no verb attributes that quotation.
//!
//! The speaker phrase resolves to the entity whose mention covers its last
//! word (`Chinese President Xi Jinping` → Xi Jinping; but not `a spokesman
//! for Putin`). `he`/`she` resolve to the person most recently named as a
//! clause subject (a title may come first: `SMFG President Yoshifumi
//! Nishikawa said`) or speaker outside quotations; a speaker of this or the
//! previous paragraph outranks people merely mentioned since in an earlier
//! paragraph. `the minister` resolves to the latest person the text gave
//! that role ("Foreign Minister Sergei Lavrov", "Lavrov, the minister,");
//! a definite description of a person (`the actor`, `the 22-year-old Scot`)
//! to the person the story is about at that point, and of a firm (`the
//! firm`, `the company`) or a document (`the complaint`) to the organisation
//! last named as a subject in this or the previous paragraph, preferring one
//! the article names more than once; `it` likewise; `an SFA statement` to
//! the organisation it names. A surname the entity tagger missed (`Gold
//! said`) resolves when exactly one person entity's name ends with it. Two
//! people at once (`said Ann Holt and Piet Maas`) are a description, not a
//! speaker. Anything else is left as `speaker_desc` with no `speaker`: the
//! stage never guesses.
//!
//! Cue verbs come from a built-in list (said, says, told, added, explained,
//! noted, warned, argued, insisted, claimed, stated, wrote, asked, replied,
//! according to, believes, pointed out and about eighty more), which
//! [`Quotes::with_cue`] extends.
//!
//! ## Layers and limits
//!
//! The paragraph layer is used when it is valid (in bounds, on character
//! boundaries, in order); otherwise paragraphs are blank-line blocks, and a
//! line indented by two spaces or a tab also starts one (wire copy). The
//! sentence and token layers are not needed: sentence ends between
//! quotations are found by the stage itself (abbreviations and initials
//! aside), because splitters disagree about punctuation inside quotation
//! marks, and the short frames around each quotation are tokenized locally;
//! so the result is the same whether or not the sentences stage ran.
//!
//! Without an entity layer every speaker is a description. Pronouns are not
//! resolved by gender, and `they`/`it` stay descriptions. A single-mark
//! quotation that holds a plural possessive (`'the players' fault'`) ends at
//! that apostrophe.
//!
//! Work is linear in the text: one scan for marks per paragraph, then a few
//! short frames per quotation and per person or organisation mention, with
//! the cue list compiled once in [`Quotes::new`]. An article without
//! quotation marks costs one byte scan.
//!
//! ## How this stage was added (a stage on its own)
//!
//! This crate is the proof that a stage can be added without touching the
//! others. It depends on `newsmill-doc` (and `thiserror`) only and uses
//! nothing but the document model's public API: it reads `Document::text`,
//! `paragraphs` and `entities` (`Entity`, `Label`, `Span`), writes
//! `Document::quotes` (`Quote`, `QuoteKind`), and implements
//! `newsmill_doc::Stage`. Nothing in the other stage crates knows it exists:
//! the one line `"quotes" => pipeline.push(Box::new(newsmill_quotes::Quotes::new()))`
//! in `cli/src/stages.rs` (plus its name in `KNOWN` and the dependency in
//! `cli/Cargo.toml`) is all it took to put it in the pipeline, and the
//! record carries `quotes` because the document model already has the layer.
//! Its scores come from `newsmill eval quotes` against the standoff gold set
//! in `eval/quotes/` (see its README).

mod attribute;
mod cues;
mod scan;
mod text;

use cues::{CueForm, Lexicon};
use newsmill_doc::{Document, Format, Quote, Stage, StageError};

/// Why the quotes stage could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuotesError {
    /// A cue phrase passed to [`Quotes::with_cue`] has no words.
    #[error("cue phrase {0:?} has no words")]
    EmptyCue(String),
    /// The document still holds HTML; quotes need the cleaned body.
    #[error("document {0:?} is HTML; run the clean stage before quotes")]
    HtmlInput(String),
}

impl QuotesError {
    /// The machine-readable kind used in [`StageError`].
    pub fn kind(&self) -> &'static str {
        match self {
            QuotesError::EmptyCue(_) => "invalid-cue",
            QuotesError::HtmlInput(_) => "unsupported-format",
        }
    }
}

impl From<QuotesError> for StageError {
    fn from(err: QuotesError) -> Self {
        StageError::new(err.kind(), err.to_string())
    }
}

/// The quotation finder and speaker attributor; see the crate documentation.
#[derive(Debug, Clone)]
pub struct Quotes {
    lexicon: Lexicon,
}

impl Default for Quotes {
    fn default() -> Self {
        Quotes::new()
    }
}

impl Quotes {
    /// The stage with the built-in cue list.
    pub fn new() -> Self {
        Quotes {
            lexicon: Lexicon::standard(),
        }
    }

    /// Adds a speech cue, one word or a phrase ("chimed in"), whose speaker
    /// stands before it (`X chimed in`) or, after a quotation, just after it.
    pub fn with_cue(mut self, phrase: &str) -> Result<Self, QuotesError> {
        if self.lexicon.add(phrase, CueForm::Verb) {
            Ok(self)
        } else {
            Err(QuotesError::EmptyCue(phrase.to_string()))
        }
    }

    /// The quotations of `doc`, in text order, without changing it.
    pub fn find(&self, doc: &Document) -> Result<Vec<Quote>, QuotesError> {
        if doc.format == Format::Html {
            return Err(QuotesError::HtmlInput(doc.id.clone()));
        }
        let paragraphs = text::usable_paragraphs(&doc.text, &doc.paragraphs);
        let found = scan::find_quotes(&doc.text, &paragraphs);
        if found.is_empty() {
            return Ok(Vec::new());
        }
        Ok(attribute::Annotator::new(doc, &self.lexicon, &paragraphs, &found).run())
    }
}

impl Stage for Quotes {
    fn name(&self) -> &str {
        "quotes"
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.quotes = self.find(doc)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
