//! Name lists, embedded at build time and loaded once into hash maps.
//!
//! Lookups are by exact surface form ("New York", "Xi"), with tokens joined by
//! one space, so a lookup costs one hash of the candidate name. See
//! `data/README.md` for where each list comes from.

use crate::EntitiesError;
use newsmill_doc::Label;
use rustc_hash::{FxHashMap, FxHashSet};

const CURATED: &str = include_str!("../data/curated.tsv");
const CONLL_TRAIN_NAMES: &str = include_str!("../data/conll_train_names.tsv");
const PLACES_MAJOR: &str = include_str!("../data/places_major.txt");
const PLACES_MINOR: &str = include_str!("../data/places_minor.txt");
const DEMONYMS: &str = include_str!("../data/demonyms.txt");
const FIRST_NAMES: &str = include_str!("../data/first_names.txt");
const SURNAMES: &str = include_str!("../data/surnames.txt");
const COMMON_WORDS: &str = include_str!("../data/common_words.txt");

/// How much a list entry is trusted when lists disagree about a name: the
/// hand-written list beats country names, which beat the derived lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// Towns and provinces: many share a name with something else.
    MinorPlace = 0,
    /// Names seen in the CoNLL-2003 training split.
    Corpus = 1,
    Demonym = 2,
    /// Countries, capitals, continents, US states.
    MajorPlace = 3,
    /// The hand-written list, and entries added by the user.
    Curated = 4,
}

/// What the lists say about one surface form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameEntry {
    pub label: Label,
    pub source: Source,
}

/// All name and word lists the tagger consults.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    names: FxHashMap<Box<str>, NameEntry>,
    first_names: FxHashSet<Box<str>>,
    surnames: FxHashSet<Box<str>>,
    common_words: FxHashSet<Box<str>>,
}

impl Default for Gazetteer {
    fn default() -> Self {
        Gazetteer::embedded()
    }
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Gazetteer {
    /// An empty gazetteer: no names, no common words.
    pub fn empty() -> Self {
        Gazetteer {
            names: FxHashMap::default(),
            first_names: FxHashSet::default(),
            surnames: FxHashSet::default(),
            common_words: FxHashSet::default(),
        }
    }

    /// The lists shipped with the crate.
    pub fn embedded() -> Self {
        // The shipped TSV files are checked by a unit test, so a parse error
        // cannot happen here; should one slip in, the line is skipped.
        Gazetteer::embedded_with_corpus(|g| {
            let _ = g.extend_tsv_from(CONLL_TRAIN_NAMES, Source::Corpus);
        })
    }

    /// The shipped lists with other corpus-derived names in place of the
    /// CoNLL-2003 training names: training the learned tagger gives each
    /// part of its training data the names of the other parts only, so that
    /// the list is no perfect cue in training.
    pub fn with_corpus_names(names: &[(String, Label)]) -> Self {
        Gazetteer::embedded_with_corpus(|g| {
            for (name, label) in names {
                g.insert(name, *label, Source::Corpus);
            }
        })
    }

    fn embedded_with_corpus(add_corpus: impl FnOnce(&mut Gazetteer)) -> Self {
        let mut g = Gazetteer::empty();
        g.names.reserve(40_000);
        for name in lines(PLACES_MINOR) {
            g.insert(name, Label::Loc, Source::MinorPlace);
        }
        add_corpus(&mut g);
        for name in lines(DEMONYMS) {
            g.insert(name, Label::Norp, Source::Demonym);
        }
        for name in lines(PLACES_MAJOR) {
            g.insert(name, Label::Loc, Source::MajorPlace);
        }
        let _ = g.extend_tsv_from(CURATED, Source::Curated);
        g.first_names = lines(FIRST_NAMES).map(Box::from).collect();
        g.surnames = lines(SURNAMES).map(Box::from).collect();
        g.common_words = lines(COMMON_WORDS).map(Box::from).collect();
        g
    }

    /// Adds names from `LABEL<TAB>name` lines (labels as in [`Label`], e.g.
    /// `ORG\tAcme Widgets`); blank lines and `#` comments are skipped. User
    /// entries win over the shipped lists.
    pub fn extend_tsv(&mut self, tsv: &str) -> Result<(), EntitiesError> {
        self.extend_tsv_from(tsv, Source::Curated)
    }

    fn extend_tsv_from(&mut self, tsv: &str, source: Source) -> Result<(), EntitiesError> {
        let mut first_error = None;
        for (index, raw) in tsv.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parsed = line
                .split_once('\t')
                .ok_or_else(|| "expected LABEL<TAB>name".to_string())
                .and_then(|(label, name)| {
                    let label: Label = label.trim().parse()?;
                    let name = name.trim();
                    if name.is_empty() {
                        return Err("empty name".to_string());
                    }
                    Ok((label, name))
                });
            match parsed {
                Ok((label, name)) => self.insert(name, label, source),
                Err(message) => {
                    first_error.get_or_insert(EntitiesError::Gazetteer {
                        line: index + 1,
                        message,
                    });
                }
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    /// Adds or replaces one name, if `source` is trusted at least as much as
    /// what the lists already say about it.
    pub fn insert(&mut self, name: &str, label: Label, source: Source) {
        let key = normalise_spaces(name);
        if key.is_empty() {
            return;
        }
        let entry = NameEntry { label, source };
        match self.names.get_mut(key.as_str()) {
            Some(existing) if existing.source > source => {}
            Some(existing) => *existing = entry,
            None => {
                self.names.insert(key.into_boxed_str(), entry);
            }
        }
    }

    /// What the lists say about a name written exactly so.
    pub fn name(&self, name: &str) -> Option<NameEntry> {
        self.names.get(name).copied()
    }

    pub fn is_first_name(&self, word: &str) -> bool {
        self.first_names.contains(word)
    }

    pub fn is_surname(&self, word: &str) -> bool {
        self.surnames.contains(word)
    }

    /// A word news writes in lower case far more often than capitalised
    /// mid-sentence ("experts", "even"); `word` must be lower case.
    pub fn is_common_word(&self, lower: &str) -> bool {
        self.common_words.contains(lower)
    }

    /// Number of names in the name table.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

fn normalise_spaces(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for part in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_tsv_lists_parse_cleanly() {
        let mut g = Gazetteer::empty();
        g.extend_tsv(CURATED).expect("curated.tsv parses");
        g.extend_tsv(CONLL_TRAIN_NAMES)
            .expect("conll_train_names.tsv parses");
        assert!(g.len() > 1000);
    }

    #[test]
    fn trusted_lists_win() {
        let g = Gazetteer::embedded();
        assert_eq!(g.name("Moscow").map(|e| e.label), Some(Label::Loc));
        assert_eq!(g.name("Newsweek").map(|e| e.label), Some(Label::Org));
        assert_eq!(g.name("Chinese").map(|e| e.label), Some(Label::Norp));
        assert_eq!(g.name("The Hague").map(|e| e.label), Some(Label::Loc));
        assert!(g.is_first_name("Theresa"));
        assert!(g.is_common_word("experts"));
        assert!(!g.is_common_word("putin"));
    }

    #[test]
    fn bad_user_line_is_a_typed_error() {
        let mut g = Gazetteer::empty();
        let err = g
            .extend_tsv("ORG\tAcme Widgets\nPLANET\tMars\n")
            .unwrap_err();
        assert!(matches!(err, EntitiesError::Gazetteer { line: 2, .. }));
        // The good line still went in.
        assert_eq!(g.name("Acme Widgets").map(|e| e.label), Some(Label::Org));
    }
}
