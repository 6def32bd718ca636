//! The speech-cue lexicon: verbs and phrases that attribute words to a speaker.

use crate::text::Tok;
use std::collections::{HashMap, HashSet};

/// Where the speaker stands relative to a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueForm {
    /// "X said", and also inverted "said X" after a quotation.
    Verb,
    /// "X told …": the speaker comes first; "told X" names the listener.
    VerbNoInversion,
    /// "according to X": the speaker follows.
    SpeakerAfter,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cue {
    /// Lower-case words.
    pub words: Vec<String>,
    pub form: CueForm,
}

/// A cue found among tokens: its first token index and how many tokens it spans.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CueMatch<'l> {
    pub first: usize,
    pub len: usize,
    pub cue: &'l Cue,
}

/// Speech verbs whose speaker may also follow them ("…," said Putin).
#[rustfmt::skip]
const VERBS: &[&str] = &[
    "said", "says", "say", "added", "adds", "explained", "explains", "noted", "notes", "warned",
    "warns", "argued", "argues", "insisted", "insists", "claimed", "claims", "stated", "states",
    "wrote", "writes", "asked", "asks", "replied", "replies", "continued", "continues", "remarked",
    "commented", "declared", "stressed", "emphasized", "emphasised", "acknowledged", "admitted",
    "suggested", "recalled", "observed", "conceded", "concluded", "urged", "cautioned",
    "predicted", "tweeted", "posted", "testified", "responded", "answered", "joked", "quipped",
    "shouted", "cried", "whispered", "mused", "agreed", "pointed out", "points out", "went on",
    "goes on", "complained", "recounted", "revealed", "confirmed", "countered", "affirmed",
    "maintained", "asserted", "contended", "reckoned", "wondered", "promised", "vowed", "boasted",
    "lamented",
];

/// Cues whose inverted form would name the listener, not the speaker.
#[rustfmt::skip]
const VERBS_NO_INVERSION: &[&str] = &[
    "told", "tells", "believes", "believe", "believed", "thinks", "think", "thought", "feels",
    "feel", "felt", "hopes", "expects", "fears", "feared", "described", "describes", "pledged",
    "pledges", "indicated", "indicates", "hailed", "hails",
];

const SPEAKER_AFTER: &[&str] = &["according to", "in the words of", "quoting"];

/// Cue phrases indexed by their first word, longest first.
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    by_first: HashMap<String, Vec<Cue>, Fnv>,
    /// The last word of every verb cue, for a cheap "could a cue end here" test.
    words: HashSet<String, Fnv>,
}

/// FNV-1a: the lexicon is looked up for most words near a quotation, with
/// short keys that are not attacker-chosen, where SipHash costs more than
/// the rest of the lookup.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Fnv;

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

pub(crate) struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

impl Lexicon {
    pub fn standard() -> Self {
        let mut lexicon = Lexicon {
            by_first: HashMap::with_hasher(Fnv),
            words: HashSet::with_hasher(Fnv),
        };
        for (list, form) in [
            (VERBS, CueForm::Verb),
            (VERBS_NO_INVERSION, CueForm::VerbNoInversion),
            (SPEAKER_AFTER, CueForm::SpeakerAfter),
        ] {
            for phrase in list {
                lexicon.add(phrase, form);
            }
        }
        lexicon
    }

    /// Adds a cue; returns false when the phrase has no words.
    pub fn add(&mut self, phrase: &str, form: CueForm) -> bool {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        let Some(first) = words.first().cloned() else {
            return false;
        };
        // "…, said X": only the word that ends a verb cue can stand before
        // its speaker ("according to" would make every "to" a candidate).
        if form != CueForm::SpeakerAfter {
            if let Some(last) = words.last() {
                self.words.insert(last.clone());
            }
        }
        let entry = self.by_first.entry(first).or_default();
        if !entry.iter().any(|c| c.words == words) {
            entry.push(Cue { words, form });
            entry.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
        }
        true
    }

    /// `word` ends some verb cue (any case).
    pub fn has_word(&self, word: &str) -> bool {
        // Cue words are lower case; a capitalised word is checked without allocating.
        !word.is_empty()
            && if word
                .bytes()
                .all(|b| b.is_ascii_lowercase() || !b.is_ascii())
            {
                self.words.contains(word)
            } else {
                word.len() <= 32 && {
                    let mut buf = [0u8; 32];
                    let lowered = &mut buf[..word.len()];
                    lowered.copy_from_slice(word.as_bytes());
                    lowered.make_ascii_lowercase();
                    std::str::from_utf8(lowered).is_ok_and(|w| self.words.contains(w))
                }
            }
    }

    /// Some cue is the start of `words` (compared ignoring ASCII case).
    pub fn matches_words(&self, words: &[&str]) -> bool {
        let Some(first) = words.first() else {
            return false;
        };
        let candidates = match self.by_first.get(*first) {
            Some(c) => c,
            None => match self.by_first.get(&first.to_lowercase()) {
                Some(c) => c,
                None => return false,
            },
        };
        candidates.iter().any(|cue| {
            cue.words.len() <= words.len()
                && cue
                    .words
                    .iter()
                    .zip(words)
                    .all(|(c, w)| c.eq_ignore_ascii_case(w))
        })
    }

    /// The longest cue starting at token `i`.
    pub fn match_at<'l>(&'l self, text: &str, toks: &[Tok], i: usize) -> Option<CueMatch<'l>> {
        let first = toks.get(i).filter(|t| t.is_word())?;
        let word = &text[first.span.range()];
        // Called for every word of every frame: lower-case ASCII words on the
        // stack instead of allocating.
        let mut buf = [0u8; 32];
        let candidates = if word.is_ascii() {
            let lowered = buf.get_mut(..word.len())?;
            lowered.copy_from_slice(word.as_bytes());
            lowered.make_ascii_lowercase();
            self.by_first.get(std::str::from_utf8(lowered).ok()?)?
        } else {
            self.by_first.get(&word.to_lowercase())?
        };
        candidates.iter().find_map(|cue| {
            let fits = cue.words.iter().enumerate().skip(1).all(|(k, word)| {
                toks.get(i + k)
                    .is_some_and(|t| t.is_word() && text[t.span.range()].eq_ignore_ascii_case(word))
            });
            fits.then_some(CueMatch {
                first: i,
                len: cue.words.len(),
                cue,
            })
        })
    }

    /// The last cue among `toks`.
    pub fn last_match<'l>(&'l self, text: &str, toks: &[Tok]) -> Option<CueMatch<'l>> {
        (0..toks.len())
            .rev()
            .find_map(|i| self.match_at(text, toks, i))
    }

    /// The first cue among the first `limit` tokens.
    pub fn first_match<'l>(
        &'l self,
        text: &str,
        toks: &[Tok],
        limit: usize,
    ) -> Option<CueMatch<'l>> {
        (0..toks.len().min(limit)).find_map(|i| self.match_at(text, toks, i))
    }
}
