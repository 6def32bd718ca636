//! # newsmill-entities
//!
//! Named entities and values for news articles: people, organisations,
//! places, nationalities, events and other names, found by a learned tagger
//! and refined by rules, plus dates, times, money, percentages and
//! quantities with normalised values. Mentions of one thing inside an
//! article are linked into one [`Entity`] whose name is the fullest form the
//! article uses.
//!
//! The stage has these parts:
//!
//! - [`model`]: the learned name tagger, an averaged perceptron over hashed
//!   features (BILOU tags over PER/ORG/LOC/MISC), trained by
//!   `newsmill train ner`; the shipped model is embedded in the binary
//!   (see `data/README.md` for its model card);
//! - [`gazetteer`]: the embedded name lists (places, demonyms, organisations,
//!   first names, surnames, common words), loaded once into hash maps, used
//!   as model features and by the rules;
//! - rules on the model's names: MISC refined into NORP ("Russian",
//!   "Democrats") and EVENT ("World Cup"), titles stripped ("President Xi
//!   Jinping" → "Xi Jinping"), possessives left out ("Putin's" → "Putin"),
//!   headline words cut off ("Putin Has Nowhere To Go");
//! - values: dates ("March 21, 2023" → `2023-03-21`), times, money
//!   ("$1.13bn" → `USD 1130000000`), percentages, quantities; in a
//!   document whose `meta.published` is known, relative and year-less dates
//!   are resolved against it ("Tuesday", "last year", "March 17");
//! - linking: "Putin" joins "Vladimir Putin", "ICC" joins "International
//!   Criminal Court (ICC)", "Thomas" joins "Neil Thomas".
//!
//! [`Entities::rules_only`] runs the first, rule-based name tagger instead
//! of the model; [`conll`] reads CoNLL-style files for training and scoring.
//!
//! Every mention is an exact byte span of the text, on character boundaries,
//! and no two mentions overlap. The stage uses the `sentences` layer when it
//! is there (sentence starts tell which capitals mean nothing) and its own
//! light scanning when it is not.
//!
//! ```
//! use newsmill_doc::{Document, Label, Stage};
//! use newsmill_entities::Entities;
//!
//! let entities = Entities::new();
//! let text = "On Tuesday, President Xi Jinping met Vladimir Putin in Beijing. \
//!             Putin's visit cost $1.2bn, up 5% on March 21, 2023.";
//! let found = entities.annotate(text);
//!
//! let putin = found.iter().find(|e| e.name == "Vladimir Putin").unwrap();
//! assert_eq!(putin.label, Label::Person);
//! assert_eq!(putin.mentions.len(), 2); // "Vladimir Putin", "Putin" ('s left out)
//! assert_eq!(&text[putin.mentions[1].range()], "Putin");
//!
//! let xi = found.iter().find(|e| e.name == "Xi Jinping").unwrap();
//! assert_eq!(&text[xi.mentions[0].range()], "Xi Jinping"); // title stripped
//!
//! let date = found.iter().find(|e| e.label == Label::Date && e.value.is_some()).unwrap();
//! assert_eq!(date.value.as_deref(), Some("2023-03-21"));
//! let money = found.iter().find(|e| e.label == Label::Money).unwrap();
//! assert_eq!(money.value.as_deref(), Some("USD 1200000000"));
//!
//! // As a pipeline stage, it fills `doc.entities` (ids E1, E2, ... in order
//! // of first mention).
//! let mut doc = Document::from_text("a1", text);
//! entities.process(&mut doc).unwrap();
//! assert_eq!(doc.entities[0].id, "E1");
//! assert_eq!(doc.slice(doc.entities[0].mentions[0]), "Tuesday");
//! ```

pub mod conll;
mod dates;
pub mod gazetteer;
mod link;
pub mod model;
pub mod patterns;
mod scan;
mod tagger;
mod values;

pub use gazetteer::Gazetteer;
pub use model::Model;
use newsmill_doc::{Document, Entity, Format, Label, Span, Stage, StageError};
pub use patterns::Patterns;
use std::sync::Arc;

/// Why entity tagging could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntitiesError {
    /// The document still holds HTML: run `clean` first.
    #[error("the document is HTML; run the clean stage before entities")]
    Html,
    /// A line of a user-supplied gazetteer could not be read.
    #[error("gazetteer line {line}: {message}")]
    Gazetteer { line: usize, message: String },
}

impl From<EntitiesError> for StageError {
    fn from(err: EntitiesError) -> Self {
        let kind = match err {
            EntitiesError::Html => "unsupported-format",
            EntitiesError::Gazetteer { .. } => "gazetteer",
        };
        StageError::new(kind, err.to_string())
    }
}

/// The entities stage: finds and links entity mentions in a document.
///
/// Build it once (it loads the embedded gazetteers) and share it: it is
/// `Send + Sync` and works through `&self`.
#[derive(Debug, Clone)]
pub struct Entities {
    gazetteer: Gazetteer,
    /// The learned name tagger; `None` runs the rule tagger alone.
    model: Option<Arc<Model>>,
    /// Users' own names (`--patterns`), winning over the tagger.
    patterns: Option<Arc<Patterns>>,
}

impl Default for Entities {
    fn default() -> Self {
        Entities::new()
    }
}

impl Entities {
    /// The stage with the embedded gazetteers and learned model.
    pub fn new() -> Self {
        Entities {
            gazetteer: Gazetteer::embedded(),
            model: Some(Model::embedded()),
            patterns: None,
        }
    }

    /// The stage with a gazetteer of your own (e.g. the embedded one
    /// extended with [`Gazetteer::extend_tsv`]) and the embedded model.
    pub fn with_gazetteer(gazetteer: Gazetteer) -> Self {
        Entities {
            gazetteer,
            model: Some(Model::embedded()),
            patterns: None,
        }
    }

    /// The same stage with another learned model (e.g. one read with
    /// [`Model::from_bytes`] from a file `newsmill train ner` wrote).
    pub fn with_model(mut self, model: Model) -> Self {
        self.model = Some(Arc::new(model));
        self
    }

    /// The same stage with users' own names (spaCy EntityRuler JSONL, read
    /// with [`Patterns::from_jsonl`]): their matches win over the tagger,
    /// and the entities they name carry the pattern's `id` in `kb_id`.
    pub fn with_patterns(mut self, patterns: Patterns) -> Self {
        self.patterns = Some(Arc::new(patterns));
        self
    }

    /// The same stage with the first, rule-based name tagger instead of the
    /// learned model (for comparison).
    pub fn rules_only(mut self) -> Self {
        self.model = None;
        self
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Entities of a plain text, found with the crate's own sentence cues.
    pub fn annotate(&self, text: &str) -> Vec<Entity> {
        self.annotate_with_sentences(text, &[])
    }

    /// Entities of a document's text, using its `sentences` and `paragraphs`
    /// layers when present. HTML documents are refused.
    pub fn annotate_document(&self, doc: &Document) -> Result<Vec<Entity>, EntitiesError> {
        if doc.format == Format::Html {
            return Err(EntitiesError::Html);
        }
        let mut starts: Vec<usize> = doc
            .sentences
            .iter()
            .chain(doc.paragraphs.iter())
            .map(|s| s.start)
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let mut entities = self.annotate_with_sentences(&doc.text, &starts);
        let context = [doc.meta.title.as_deref(), doc.meta.standfirst.as_deref()];
        self.complete_names_from(&mut entities, context.into_iter().flatten());
        if let Some(published) = doc
            .meta
            .published
            .as_deref()
            .and_then(dates::parse_published)
        {
            for entity in entities.iter_mut().filter(|e| e.label == Label::Date) {
                if let Some(value) =
                    dates::resolve(&entity.name, entity.value.as_deref(), published)
                {
                    entity.value = Some(value);
                }
            }
        }
        Ok(entities)
    }

    /// Gives a person known in the body only by one name ("Putin") the full
    /// name the headline or standfirst uses ("Russian President Vladimir
    /// Putin"): clean lifts those out of the body, but they still name the
    /// article's people. A name is completed only when exactly one person of
    /// the context carries that word first or last; acronyms are left alone.
    fn complete_names_from<'c>(
        &self,
        entities: &mut [Entity],
        context: impl Iterator<Item = &'c str>,
    ) {
        // A lone unknown word is only weakly typed (ORG or MISC by default),
        // so the person it names in the headline decides.
        let short = |e: &Entity| {
            matches!(e.label, Label::Person | Label::Org | Label::Misc)
                && !e.name.contains(' ')
                && !e
                    .name
                    .chars()
                    .all(|c| c.is_uppercase() || !c.is_alphabetic())
        };
        if !entities.iter().any(short) {
            return;
        }
        let mut full_names: Vec<String> = context
            .flat_map(|text| self.annotate(text))
            .filter(|e| e.label == Label::Person && e.name.contains(' '))
            .map(|e| e.name)
            .collect();
        full_names.sort_unstable();
        full_names.dedup();
        for entity in entities.iter_mut().filter(|e| short(e)) {
            let mut candidates = full_names.iter().filter(|full| {
                let mut words = full.split(' ');
                let first = words.next();
                let last = words.next_back();
                first == Some(entity.name.as_str()) || last == Some(entity.name.as_str())
            });
            if let (Some(found), None) = (candidates.next(), candidates.next()) {
                entity.name = found.clone();
                entity.label = Label::Person;
            }
        }
    }

    /// Entities of `text`, given the byte offsets where sentences start
    /// (any order; the crate's own cues are added to them). An entity a user
    /// pattern ([`Entities::with_patterns`]) named carries the pattern's `id`
    /// in `kb_id`: the id of its first mention matched by a pattern with one.
    pub fn annotate_with_sentences(&self, text: &str, sentence_starts: &[usize]) -> Vec<Entity> {
        if text.is_empty() {
            return Vec::new();
        }
        let mut starts = sentence_starts.to_vec();
        starts.sort_unstable();
        let mut toks = scan::tokenize(text);
        scan::mark_initial(text, &mut toks, &starts);
        let mut values = values::find_values(text, &toks);
        let matches = self
            .patterns
            .as_ref()
            .map_or_else(Vec::new, |p| p.find(text, &toks));
        let mut names = match &self.model {
            None => {
                let mut blocked = vec![false; toks.len()];
                for v in &values {
                    blocked[v.first..v.last].fill(true);
                }
                tagger::tag_names(text, &toks, &blocked, &self.gazetteer)
            }
            Some(model) => {
                let classes = model.tag(text, &toks, &self.gazetteer);
                tagger::from_model(text, &toks, &model::spans(&classes), &self.gazetteer)
            }
        };
        if !matches.is_empty() {
            // Users' names win over whatever the tagger found in their words.
            let mut matched = vec![false; toks.len()];
            for m in &matches {
                matched[m.first..m.last].fill(true);
            }
            names.retain(|n| !matched[n.first..n.last].iter().any(|&b| b));
            values.retain(|v| !matched[v.first..v.last].iter().any(|&b| b));
            names.extend(matches.iter().map(|m| tagger::NameMention {
                first: m.first,
                last: m.last,
                label: m.label,
                evidence: tagger::Evidence::Listed(gazetteer::Source::Curated),
            }));
            names.sort_by_key(|n| n.first);
        }
        // A name inside a value ("US" in "US$20m") is part of the amount;
        // otherwise a name the model found wins over a value in its words.
        let mut in_value = vec![false; toks.len()];
        for v in &values {
            in_value[v.first..v.last].fill(true);
        }
        names.retain(|n| {
            !(in_value[n.first..n.last].iter().all(|&b| b)
                && toks
                    .get(n.last)
                    .is_some_and(|t| t.glued && in_value[n.last]))
        });
        let mut named = vec![false; toks.len()];
        for n in &names {
            named[n.first..n.last].fill(true);
        }
        values.retain(|v| !named[v.first..v.last].iter().any(|&b| b));
        let mut entities = link::link(text, &toks, &names, &values);
        for m in matches {
            let Some(id) = m.id else { continue };
            let start = toks[m.first].start;
            if let Some(e) = entities
                .iter_mut()
                .find(|e| e.mentions.iter().any(|s| s.start == start))
            {
                e.kb_id.get_or_insert(id);
            }
        }
        entities
    }
}

#[doc(hidden)]
impl Entities {
    /// The crate's tokens in `text` (the unit of the speed benchmark).
    pub fn token_count(&self, text: &str) -> usize {
        scan::tokenize(text).len()
    }

    /// The learned tagger alone on `text` (tokens marked, no values, no
    /// linking); returns the number of names. For the speed benchmark.
    pub fn model_names(&self, text: &str) -> usize {
        let mut toks = scan::tokenize(text);
        scan::mark_initial(text, &mut toks, &[]);
        self.model.as_ref().map_or(0, |m| {
            model::spans(&m.tag(text, &toks, &self.gazetteer)).len()
        })
    }
}

impl Stage for Entities {
    fn name(&self) -> &str {
        "entities"
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.entities = self.annotate_document(doc)?;
        Ok(())
    }
}

/// Checks the invariants every output holds; used by the tests.
#[doc(hidden)]
pub fn check_invariants(text: &str, entities: &[Entity]) -> Result<(), String> {
    let mut all: Vec<Span> = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        if e.id != format!("E{}", i + 1) {
            return Err(format!("entity {i} has id {}", e.id));
        }
        if e.mentions.is_empty() {
            return Err(format!("{} has no mentions", e.id));
        }
        if e.mentions.windows(2).any(|w| w[0].start > w[1].start) {
            return Err(format!("{} mentions out of order", e.id));
        }
        for m in &e.mentions {
            if m.is_empty() || m.slice(text).is_none() {
                return Err(format!("{} has a bad span {m:?}", e.id));
            }
        }
        all.extend(e.mentions.iter().copied());
    }
    if entities
        .windows(2)
        .any(|w| w[0].mentions[0].start > w[1].mentions[0].start)
    {
        return Err("entities not ordered by first mention".into());
    }
    all.sort();
    if let Some(w) = all.windows(2).find(|w| w[0].overlaps(w[1])) {
        return Err(format!("overlapping mentions {:?} {:?}", w[0], w[1]));
    }
    Ok(())
}
