//! # newsmill-sentences
//!
//! Tokens and sentence boundaries for English news text: rule-based, one pass
//! over the bytes, exact spans.
//!
//! ## The API in one screen
//!
//! * [`Segmenter`] does the work and can be used on its own. Build it once
//!   ([`Segmenter::default`] or [`Segmenter::builder`]); it is immutable,
//!   cheap to share and `Send + Sync`.
//! * One call gives sentences, tokens or both: [`Segmenter::sentences`],
//!   [`Segmenter::tokens`], [`Segmenter::segment`].
//! * For batches, the `_into` forms append to vectors the caller reuses, so
//!   nothing is allocated per sentence or per article once they have grown:
//!   [`Segmenter::segment_into`] (one region of a text, e.g. a paragraph),
//!   [`Segmenter::tokens_into`] and [`Segmenter::sentences_from_tokens_into`]
//!   (splitting alone, over tokens the caller already has).
//! * [`Sentences`] is the pipeline [`Stage`] (named `"sentences"`) that fills
//!   [`Document::tokens`] and [`Document::sentences`], one paragraph at a
//!   time.
//!
//! ## What offsets mean
//!
//! Every [`Span`] is a half-open range of **UTF-8 byte offsets** into the
//! `&str` that was passed in (for `segment_into`, into the whole text, not
//! the region), always on char boundaries, so `&text[span.range()]` is the
//! sentence or token exactly as written. The pipeline's JSON record converts
//! them to code points or UTF-16 units on output (`--offsets`).
//!
//! **Tokens** never contain whitespace and every other character belongs to
//! exactly one token. Words keep inner hyphens and apostrophes ("well-known",
//! "O'Brien") but clitics are split off as UD does ("it" "'s", "do" "n't").
//! Abbreviations keep their period ("Mr.", "U.S.", "J."), a sentence-final
//! period is its own token. Numbers keep their separators ("1,000.50",
//! "10:30", "1.2bn"); URLs and e-mail addresses are single tokens.
//!
//! **Sentences** are runs of whole tokens, so they never begin or end with
//! whitespace, and every non-whitespace character is in exactly one sentence:
//! the gaps between sentences are whitespace only, and sentences plus gaps
//! give the input back byte for byte. Boundaries follow the UD treebanks'
//! conventions (a quotation of several sentences is several sentences) and
//! handle:
//!
//! * titles, initials and abbreviations ("Lt. Col. J. K. Smith of Acme Inc.
//!   said"), with a sentence allowed to end on one when a likely sentence
//!   starter follows ("...in Washington D.C. The team...");
//! * a.m./p.m., "No. 5", months, decimals and amounts ("$1.2bn", "3.5%");
//! * "?!" runs, ellipses ("...", "…", ". . ."), closing quotes and brackets
//!   (`"Go home." He left.` splits after the quote, `"Go home," he said.`
//!   does not);
//! * URLs, e-mail addresses and file names, and links that end a sentence
//!   without a full stop;
//! * numbered, lettered and bulleted list items, even on one line;
//! * blank lines (never crossed), headlines and list lines (a line break
//!   ends a line without final punctuation when a capital follows), and
//!   hard-wrapped wire copy (line breaks inside a paragraph are spaces);
//! * datelines opening a paragraph ("MOSCOW (Reuters) -"), which are a
//!   "sentence" of their own as in UD;
//! * speakers after a quoted question (`"Why?" Jane asked.`), citation and
//!   footnote marks after a full stop ("...in 1805. [6]"), and web and
//!   e-mail habits: lowercase sentence starts after a full stop, smileys,
//!   header stamps ("08/16/2000 12:05 PM"), lists of links, sign-offs
//!   ("Thanks, Anne") and a few words that start a sentence even after no
//!   mark at all ("...sent it yesterday Please call").
//!
//! ## Extending the lists
//!
//! Abbreviations come in kinds (see `src/lists.rs`): *titles* come before a
//! name and never end a sentence ("Mr.", "Gen."); *general* abbreviations
//! ("Inc.", "Jan.", "etc.") end one only when a likely sentence starter
//! follows; number prefixes ("No.", "Fig."), inner ones ("e.g.", "vs.") and
//! times ("a.m.") have rules of their own. Sentence starters are the words
//! that, after a general abbreviation or an ellipsis, begin a new sentence
//! (`data/starters.txt`, derived from the UD train splits; its header gives
//! the provenance). A caller adds entries with the builder, with or without
//! the period; a lowercase abbreviation matches any case, a capitalised one
//! only capitalised words:
//!
//! ```
//! use newsmill_sentences::Segmenter;
//!
//! let segmenter = Segmenter::default();
//! let text = "Mr. Brown joined Acme Inc. in Jan. 2019. He earns $1.5m a year.";
//! let sentences: Vec<&str> = segmenter
//!     .sentences(text)
//!     .iter()
//!     .map(|s| &text[s.range()])
//!     .collect();
//! assert_eq!(sentences, ["Mr. Brown joined Acme Inc. in Jan. 2019.", "He earns $1.5m a year."]);
//!
//! // Offsets are bytes of the input.
//! let spans = segmenter.sentences("Caf\u{e9} au lait. Oui.");
//! assert_eq!((spans[1].start, spans[1].end), (15, 19));
//!
//! // A house style: "Cllr." is a title, "appt." an abbreviation, and
//! // "Meanwhile" after an abbreviation starts a new sentence.
//! let text = "Cllr. Ames set an appt. for noon. Then she left.";
//! assert_eq!(Segmenter::default().sentences(text).len(), 4);
//! let segmenter = Segmenter::builder()
//!     .titles(["Cllr."])
//!     .abbreviations(["appt"])
//!     .sentence_starters(["Meanwhile"])
//!     .build()?;
//! assert_eq!(segmenter.sentences(text).len(), 2);
//!
//! // Many texts with two reused buffers.
//! let (mut tokens, mut spans) = (Vec::new(), Vec::new());
//! for text in ["One. Two.", "Three! Four?"] {
//!     tokens.clear();
//!     spans.clear();
//!     let whole = newsmill_doc::Span::new(0, text.len());
//!     segmenter.segment_into(text, whole, &mut tokens, &mut spans)?;
//!     assert_eq!(spans.len(), 2);
//! }
//!
//! // As a pipeline stage.
//! use newsmill_doc::{Document, Pipeline};
//! let mut doc = Document::from_text("a1", "\u{201C}It works.\u{201D} She smiled.\n\nNext paragraph");
//! Pipeline::new().with(newsmill_sentences::Sentences::new()).run(&mut doc);
//! assert_eq!(doc.slice(doc.sentences[0]), "\u{201C}It works.\u{201D}");
//! assert_eq!(doc.sentences.len(), 3);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Measured
//!
//! `newsmill eval sentences` on the shared gold: all 48 of pySBD's English
//! Golden Rules; boundary F1 97.9 (precision 99.6) on UD GUM dev and 92.0
//! (precision 98.8) on UD EWT dev. `cargo bench -p newsmill-sentences
//! --bench segment`: about 140 MB/s a core (CPU time) for tokens and
//! sentences together on BBC news text, with no allocation once the
//! caller's buffers have grown (`tests/no_alloc.rs`).
//!
//! Not handled: languages other than English (other scripts tokenize, but
//! abbreviations and starters are English), most sentence ends without any
//! mark inside a line (web text has many), and abbreviations that end a
//! sentence before a word that does not usually start one ("...at 5 p.m.
//! Smith left").

mod chars;
mod lists;
mod split;
mod tokenize;

use lists::AbbrevKind;
use newsmill_doc::{Document, Format, Span, Stage, StageError, Token};
use std::collections::{HashMap, HashSet};

/// The built-in sentence-starter list; see the file's header for provenance.
const STARTERS: &str = include_str!("../data/starters.txt");

/// Longest abbreviation or starter accepted, in bytes.
const MAX_ENTRY_LEN: usize = 32;

/// Room for a lowercased entry: lowercasing can lengthen a string.
const KEY_BUF_LEN: usize = 3 * MAX_ENTRY_LEN;

/// Why a [`SegmenterBuilder`] could not build a [`Segmenter`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    #[error("empty entry in the {list} list")]
    Empty { list: &'static str },
    #[error("entry {entry:?} in the {list} list contains whitespace")]
    Whitespace { list: &'static str, entry: String },
    #[error("entry {entry:?} in the {list} list is longer than {MAX_ENTRY_LEN} bytes")]
    TooLong { list: &'static str, entry: String },
}

/// Why a region could not be segmented.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SegmentError {
    #[error("region {start}..{end} is not a range of char boundaries in a text of {len} bytes")]
    InvalidRegion {
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("token {index} ({start}..{end}) is empty, out of order, or not on char boundaries")]
    InvalidToken {
        index: usize,
        start: usize,
        end: usize,
    },
}

/// Tokens and sentences of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Span>,
}

/// Which form of an abbreviation matches: lowercase entries match any case
/// ("inc" matches "Inc."), capitalised ones only capitalised words ("Mar"
/// matches "Mar." but not the verb "mar.").
#[derive(Debug, Clone, Copy, Default)]
struct AbbrevEntry {
    any_case: Option<AbbrevKind>,
    capitalized: Option<AbbrevKind>,
}

/// Splits text into tokens and sentences. Build once, share freely: it is
/// immutable and `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Segmenter {
    abbreviations: HashMap<Box<str>, AbbrevEntry>,
    starters: HashSet<Box<str>>,
    split_before_lowercase: bool,
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::with_built_in_lists(true)
    }
}

impl Segmenter {
    /// A builder that starts from the built-in lists.
    pub fn builder() -> SegmenterBuilder {
        SegmenterBuilder::default()
    }

    /// The tokens of `text`, in order.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
        tokenize::Scanner::new(text, text.len(), self, &mut tokens).run(0);
        tokens
    }

    /// Append the tokens of `text` to `out`: [`Segmenter::tokens`] without
    /// a new vector, for callers that reuse one buffer across texts.
    pub fn tokens_into(&self, text: &str, out: &mut Vec<Token>) {
        tokenize::Scanner::new(text, text.len(), self, out).run(0);
    }

    /// Append the sentences of `text` to `out`, given its `tokens` as
    /// [`Segmenter::tokens`] returns them (or any tokens in order, without
    /// overlap, on char boundaries of `text`). Splitting alone, for callers
    /// that keep or adjust tokens themselves.
    pub fn sentences_from_tokens_into(
        &self,
        text: &str,
        tokens: &[Token],
        out: &mut Vec<Span>,
    ) -> Result<(), SegmentError> {
        let mut at = 0;
        for (index, token) in tokens.iter().enumerate() {
            let span = token.span;
            if span.start < at
                || span.end <= span.start
                || span.end > text.len()
                || !text.is_char_boundary(span.start)
                || !text.is_char_boundary(span.end)
            {
                return Err(SegmentError::InvalidToken {
                    index,
                    start: span.start,
                    end: span.end,
                });
            }
            at = span.end;
        }
        split::Splitter::new(self, text, tokens).run(out);
        Ok(())
    }

    /// The sentences of `text`, in order, as byte spans.
    pub fn sentences(&self, text: &str) -> Vec<Span> {
        self.segment(text).sentences
    }

    /// Tokens and sentences of `text` in one pass.
    pub fn segment(&self, text: &str) -> Segmentation {
        let mut out = Segmentation {
            tokens: Vec::with_capacity(text.len() / 5 + 1),
            sentences: Vec::with_capacity(text.len() / 100 + 1),
        };
        self.segment_region(
            text,
            Span::new(0, text.len()),
            &mut out.tokens,
            &mut out.sentences,
        );
        out
    }

    /// Segment `text[region]` and append its tokens and sentences (offsets
    /// into the whole `text`) to the given vectors. Nothing inside the region
    /// is joined with anything outside it, so regions act as hard breaks.
    pub fn segment_into(
        &self,
        text: &str,
        region: Span,
        tokens: &mut Vec<Token>,
        sentences: &mut Vec<Span>,
    ) -> Result<(), SegmentError> {
        if region.start > region.end
            || region.end > text.len()
            || !text.is_char_boundary(region.start)
            || !text.is_char_boundary(region.end)
        {
            return Err(SegmentError::InvalidRegion {
                start: region.start,
                end: region.end,
                len: text.len(),
            });
        }
        self.segment_region(text, region, tokens, sentences);
        Ok(())
    }

    /// [`Segmenter::segment_into`] for a region known to be valid.
    fn segment_region(
        &self,
        text: &str,
        region: Span,
        tokens: &mut Vec<Token>,
        sentences: &mut Vec<Span>,
    ) {
        let first = tokens.len();
        tokenize::Scanner::new(text, region.end, self, tokens).run(region.start);
        split::Splitter::new(self, text, &tokens[first..]).run(sentences);
    }

    fn with_built_in_lists(split_before_lowercase: bool) -> Segmenter {
        let mut segmenter = Segmenter {
            abbreviations: HashMap::new(),
            starters: HashSet::new(),
            split_before_lowercase,
        };
        let built_in: [(&[&str], AbbrevKind); 5] = [
            (lists::GENERAL, AbbrevKind::General),
            (lists::NUMBER_PREFIXES, AbbrevKind::NumberPrefix),
            (lists::INNER, AbbrevKind::Inner),
            (lists::TIMES, AbbrevKind::Time),
            (lists::TITLES, AbbrevKind::Title),
        ];
        for (words, kind) in built_in {
            for word in words {
                segmenter.add_abbreviation(word, kind);
            }
        }
        let built_in_starters = STARTERS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        for word in built_in_starters {
            segmenter.starters.insert(word.into());
        }
        segmenter
    }

    /// Whether the period after `word` belongs to it: known abbreviations,
    /// single letters (initials) and dotted forms ("U.S", "e.g", "Ph.D").
    pub(crate) fn attaches_period(&self, word: &str, dotted: bool) -> bool {
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return c.is_alphabetic();
        }
        (dotted && is_dotted_abbreviation(word)) || self.lookup(word).is_some()
    }

    /// How an abbreviation (without its period) behaves; unknown ones are
    /// [`AbbrevKind::General`].
    pub(crate) fn abbreviation_kind(&self, word: &str) -> AbbrevKind {
        self.lookup(word).unwrap_or(AbbrevKind::General)
    }

    pub(crate) fn is_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }

    fn lookup(&self, word: &str) -> Option<AbbrevKind> {
        let mut buf = [0u8; KEY_BUF_LEN];
        let key = fold_key(word, &mut buf)?;
        let entry = self.abbreviations.get(key)?;
        if word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase()) {
            // Acronyms ("MS", "IE", "SEC") are words even when their
            // lowercase form is an abbreviation; "LLC." and "INC." stay, and
            // so do longer titles in capitals ("GEN.", "SEN.").
            let general = entry.any_case.filter(|&k| k == AbbrevKind::General);
            let title = entry
                .capitalized
                .filter(|&k| k == AbbrevKind::Title && word.len() >= 3);
            return general.or(title);
        }
        if word.chars().next().is_some_and(char::is_uppercase) {
            entry.capitalized.or(entry.any_case)
        } else {
            entry.any_case
        }
    }

    fn add_abbreviation(&mut self, entry: &str, kind: AbbrevKind) {
        let mut buf = [0u8; KEY_BUF_LEN];
        let Some(key) = fold_key(entry, &mut buf) else {
            return;
        };
        let slot = self.abbreviations.entry(key.into()).or_default();
        if entry.chars().next().is_some_and(char::is_uppercase) {
            slot.capitalized = Some(kind);
        } else {
            slot.any_case = Some(kind);
        }
    }
}

/// "U.S", "e.g", "Ph.D", "a.m": short letter groups joined by periods.
fn is_dotted_abbreviation(word: &str) -> bool {
    word.split('.').all(|part| {
        (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
    })
}

/// `word` lowercased into `buf`; `None` when it does not fit.
fn fold_key<'b>(word: &str, buf: &'b mut [u8; KEY_BUF_LEN]) -> Option<&'b str> {
    if word.is_ascii() {
        let out = buf.get_mut(..word.len())?;
        out.copy_from_slice(word.as_bytes());
        out.make_ascii_lowercase();
        return std::str::from_utf8(out).ok();
    }
    let mut len = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let n = c.len_utf8();
        if len + n > buf.len() {
            return None;
        }
        c.encode_utf8(&mut buf[len..len + n]);
        len += n;
    }
    std::str::from_utf8(&buf[..len]).ok()
}

/// Configures a [`Segmenter`]. Entries may be given with or without their
/// final period ("Gov" and "Gov." are the same).
#[derive(Debug, Clone)]
pub struct SegmenterBuilder {
    abbreviations: Vec<String>,
    titles: Vec<String>,
    starters: Vec<String>,
    split_before_lowercase: bool,
}

impl Default for SegmenterBuilder {
    fn default() -> Self {
        SegmenterBuilder {
            abbreviations: Vec::new(),
            titles: Vec::new(),
            starters: Vec::new(),
            split_before_lowercase: true,
        }
    }
}

impl SegmenterBuilder {
    /// Abbreviations that end a sentence only before a likely sentence
    /// starter ("Inc.", "Gov."). A lowercase entry matches any case; a
    /// capitalised one only capitalised words.
    pub fn abbreviations<I, S>(mut self, words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.abbreviations.extend(words.into_iter().map(Into::into));
        self
    }

    /// Abbreviations that come before a name and never end a sentence
    /// ("Supt.", "Cllr.").
    pub fn titles<I, S>(mut self, words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.titles.extend(words.into_iter().map(Into::into));
        self
    }

    /// Words that, after an abbreviation or an ellipsis, start a new
    /// sentence. Case-sensitive ("The", not "the").
    pub fn sentence_starters<I, S>(mut self, words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.starters.extend(words.into_iter().map(Into::into));
        self
    }

    /// End a sentence at a full stop (or "?", "!") that follows an ordinary
    /// word and is followed by a lowercase word, as web and chat text
    /// often has it: "I agree. but then...". On by default; a full stop after
    /// a known abbreviation never counts ("approx. five").
    pub fn split_before_lowercase(mut self, yes: bool) -> Self {
        self.split_before_lowercase = yes;
        self
    }

    pub fn build(self) -> Result<Segmenter, BuildError> {
        let mut segmenter = Segmenter::with_built_in_lists(self.split_before_lowercase);
        for word in &self.abbreviations {
            let word = validate(word, "abbreviations")?;
            segmenter.add_abbreviation(word, AbbrevKind::General);
        }
        for word in &self.titles {
            let word = validate(word, "titles")?;
            segmenter.add_abbreviation(word, AbbrevKind::Title);
        }
        for word in &self.starters {
            let word = validate(word, "sentence starters")?;
            segmenter.starters.insert(word.into());
        }
        Ok(segmenter)
    }
}

fn validate<'w>(entry: &'w str, list: &'static str) -> Result<&'w str, BuildError> {
    let word = entry.strip_suffix('.').unwrap_or(entry);
    if word.is_empty() {
        return Err(BuildError::Empty { list });
    }
    if word.chars().any(char::is_whitespace) {
        return Err(BuildError::Whitespace {
            list,
            entry: entry.to_string(),
        });
    }
    if word.len() > MAX_ENTRY_LEN {
        return Err(BuildError::TooLong {
            list,
            entry: entry.to_string(),
        });
    }
    Ok(word)
}

/// The pipeline stage: fills `doc.tokens` and `doc.sentences`.
///
/// When `doc.paragraphs` is set (by `clean`) no sentence crosses a paragraph;
/// otherwise blank lines separate paragraphs. Existing tokens and sentences
/// are replaced.
#[derive(Debug, Clone, Default)]
pub struct Sentences {
    segmenter: Segmenter,
}

impl Sentences {
    pub fn new() -> Self {
        Sentences::default()
    }

    pub fn with_segmenter(segmenter: Segmenter) -> Self {
        Sentences { segmenter }
    }

    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }
}

impl Stage for Sentences {
    fn name(&self) -> &str {
        "sentences"
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        if doc.format == Format::Html {
            return Err(StageError::new(
                "unsupported-format",
                "the text is still HTML; run the clean stage first",
            ));
        }
        let mut tokens = std::mem::take(&mut doc.tokens);
        let mut sentences = std::mem::take(&mut doc.sentences);
        tokens.clear();
        sentences.clear();
        tokens.reserve(doc.text.len() / 5 + 1);
        let text = doc.text.as_str();
        let regions = regions(text, &doc.paragraphs);
        for region in regions {
            self.segmenter
                .segment_into(text, region, &mut tokens, &mut sentences)
                .map_err(|e| StageError::new("invalid-paragraphs", e.to_string()))?;
        }
        doc.tokens = tokens;
        doc.sentences = sentences;
        Ok(())
    }
}

/// The paragraphs and the stretches between them, covering the whole text;
/// just the whole text when the paragraphs are missing or not usable.
fn regions(text: &str, paragraphs: &[Span]) -> Vec<Span> {
    let usable = !paragraphs.is_empty()
        && paragraphs.windows(2).all(|w| w[0].end <= w[1].start)
        && paragraphs
            .iter()
            .all(|p| p.start <= p.end && p.slice(text).is_some());
    if !usable {
        return vec![Span::new(0, text.len())];
    }
    let mut regions = Vec::with_capacity(paragraphs.len() * 2 + 1);
    let mut at = 0;
    for p in paragraphs {
        if p.start > at {
            regions.push(Span::new(at, p.start));
        }
        regions.push(*p);
        at = p.end;
    }
    if at < text.len() {
        regions.push(Span::new(at, text.len()));
    }
    regions
}

#[cfg(test)]
mod tests;
