//! Classifying quotations and finding who said them.

use crate::cues::{CueForm, CueMatch, Lexicon};
use crate::scan::Found;
use crate::text::{floor_boundary, sentence_ends, tokenize, trim_span, Tok};
use newsmill_doc::{Document, Label, Quote, QuoteKind, Span};

/// Who said a quotation and the cue that says so.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Attribution {
    /// Index into `doc.entities`.
    entity: Option<usize>,
    desc: Option<String>,
    cue: Option<Span>,
}

impl Attribution {
    fn is_some(&self) -> bool {
        self.entity.is_some() || self.desc.is_some()
    }

    /// The same speaker, without the other quotation's cue.
    fn inherited(&self) -> Attribution {
        Attribution {
            cue: None,
            ..self.clone()
        }
    }
}

/// A mention of an entity that can speak.
#[derive(Debug, Clone, Copy)]
struct Mention {
    span: Span,
    entity: usize,
    person: bool,
}

/// A noun phrase resolved to a speaker.
struct Speaker {
    entity: Option<usize>,
    desc: Option<String>,
}

/// The word just before a quotation that makes it a name rather than speech.
#[rustfmt::skip]
const OTHER_TRIGGERS: &[&str] = &[
    "hashtag", "hashtags", "term", "terms", "phrase", "phrases", "word", "words", "slogan",
    "slogans", "motto", "tagline", "title", "titled", "entitled", "headline", "headlined",
    "nickname", "nicknamed", "dubbed", "so-called", "label", "labelled", "labeled", "branded",
    "keyword", "keywords", "query", "trend", "banner", "reading", "sign", "placard", "book",
    "novel", "film", "movie", "song", "album", "documentary", "series", "show", "podcast",
    "programme", "program", "column", "essay", "poem", "play", "brand", "acronym", "codenamed",
    "code-named", "name", "named", "hashtagged", "searched", "googled", "lyric", "lyrics",
    "chant", "chanted", "chanting", "inscription", "inscribed",
];

/// Words after which a name is an object, not a subject.
const OBJECT_MARKERS: &[&str] = &[
    "than", "like", "against", "and", "or", "beat", "beats", "as",
];

const PREPOSITIONS: &[&str] = &[
    "of", "for", "at", "in", "from", "with", "on", "to", "by", "about", "during", "after",
    "before", "via", "since", "under", "over", "into", "near",
];

/// Words that end a speaker named after its verb ("said Putin in his interview").
#[rustfmt::skip]
const AFTER_SPEAKER_STOPS: &[&str] = &[
    "who", "which", "that", "when", "while", "as", "adding", "and", "but", "yesterday", "today",
    "tonight", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "last", "this", "earlier", "later", "recently", "once", "again",
];

/// Words after which a new clause, with its own subject, begins.
const SUBORDINATORS: &[&str] = &[
    "that", "when", "while", "because", "although", "though", "since", "if", "whereas", "where",
    "after", "before", "as", "who", "which", "until", "unless", "whether",
];

#[rustfmt::skip]
const LEADING_FILLERS: &[&str] = &[
    "and", "but", "so", "then", "yet", "also", "now", "meanwhile", "earlier", "later", "however",
    "separately", "still", "instead",
];

/// Auxiliaries and adverbs between a subject and its speech verb ("Fallon has also said").
#[rustfmt::skip]
const TRAILING_FILLERS: &[&str] = &[
    "also", "later", "then", "has", "have", "had", "was", "were", "is", "are", "would", "will",
    "once", "again", "further", "previously", "recently", "reportedly", "earlier", "subsequently",
    "just", "only", "even", "still", "already", "did", "does", "do", "never", "often", "always",
    "first", "might", "may", "could", "can", "should", "and", "but",
];

/// Words that cannot end a speaker phrase or open a bare description.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my",
    "your", "some", "many", "most", "all", "both", "other", "such", "what", "which",
];

const TIME_HEADS: &[&str] = &["last", "next", "this", "earlier", "later", "on"];
#[rustfmt::skip]
const TIME_UNITS: &[&str] = &[
    "week", "month", "year", "night", "weekend", "morning", "afternoon", "evening", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];

/// Verbs that show a phrase is a clause, not a description of a speaker.
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "can", "could", "did",
    "does", "do", "should", "may", "might", "must", "been", "be",
];

/// Heads of a noun phrase that stands for the organisation named in it.
const STATEMENT_NOUNS: &[&str] = &[
    "statement",
    "statements",
    "announcement",
    "release",
    "complaint",
    "lawsuit",
    "filing",
];

/// Heads of a definite description that refers back to a person in the story.
#[rustfmt::skip]
const PERSON_NOUNS: &[&str] = &[
    "actor", "actress", "star", "singer", "player", "striker", "midfielder", "defender",
    "goalkeeper", "athlete", "runner", "coach", "manager", "boss", "captain", "winger", "champion",
    "director", "frenchman", "scot", "scotsman", "welshman", "englishman", "irishman", "american",
    "dj", "rapper", "musician", "writer", "author", "novelist", "presenter", "comedian",
    "founder", "chairman", "executive", "veteran", "youngster", "teenager", "seed", "swede",
    "spaniard", "italian", "german", "australian", "russian", "briton", "student", "entrepreneur",
];

/// Heads of a definite description that refers back to an organisation.
#[rustfmt::skip]
const ORG_NOUNS: &[&str] = &[
    "firm", "company", "group", "airline", "bank", "carrier", "retailer", "club", "network",
    "channel", "broadcaster", "studio", "operator", "maker", "manufacturer", "giant", "brewer",
    "insurer", "publisher", "label", "association", "organisation", "organization",
];

const RESOLVABLE_PRONOUNS: &[&str] = &["he", "she"];
const OTHER_PRONOUNS: &[&str] = &["they", "it", "we", "i", "you"];

const CLAUSE_PUNCT: &[char] = &[',', '—', '–', '-'];
const OPENING_CONTEXT: &[char] = &[':', ',', '—', '–', '(', '-'];

/// Bytes of text looked at before a quotation for its sentence's start.
const MAX_SENTENCE: usize = 400;

fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    !n.is_empty() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

pub(crate) struct Annotator<'a> {
    text: &'a str,
    doc: &'a Document,
    lexicon: &'a Lexicon,
    paragraphs: &'a [Span],
    found: &'a [Found],
    /// Speakable mentions in text order.
    mentions: Vec<Mention>,
    /// (position, entity) of people named as a clause subject outside quotations.
    subjects: Vec<(usize, usize)>,
    /// (position, entity) of organisations named as a clause subject.
    org_subjects: Vec<(usize, usize)>,
    /// `subjects` and `org_subjects` are filled in (on first need: most
    /// articles never resolve a pronoun or a role).
    subjects_found: bool,
    /// (position, entity) of people named as a speaker, kept sorted.
    speakers: Vec<(usize, usize)>,
}

impl<'a> Annotator<'a> {
    pub fn new(
        doc: &'a Document,
        lexicon: &'a Lexicon,
        paragraphs: &'a [Span],
        found: &'a [Found],
    ) -> Self {
        let text = doc.text.as_str();
        let mut mentions: Vec<Mention> = doc
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                matches!(
                    e.label,
                    Label::Person | Label::Org | Label::Norp | Label::Loc
                )
            })
            .flat_map(|(index, e)| {
                e.mentions.iter().map(move |&span| Mention {
                    span,
                    entity: index,
                    person: e.label == Label::Person,
                })
            })
            .filter(|m| !m.span.is_empty() && m.span.slice(text).is_some())
            .collect();
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        Annotator {
            text,
            doc,
            lexicon,
            paragraphs,
            found,
            mentions,
            subjects: Vec::new(),
            org_subjects: Vec::new(),
            subjects_found: false,
            speakers: Vec::new(),
        }
    }

    /// Mentions in subject position: "Putin landed", "On Tuesday, Xi met",
    /// "SMFG President Yoshifumi Nishikawa said" (a title may precede the
    /// name); not "Putin's", "met Putin" or "a spokesman for Putin". People
    /// when `people`, else organisations.
    fn find_subjects(&self, people: bool) -> Vec<(usize, usize, bool)> {
        let mut subjects = Vec::new();
        let is_org = |m: &Mention| {
            self.doc
                .entities
                .get(m.entity)
                .is_some_and(|e| e.label == Label::Org)
        };
        for m in self
            .mentions
            .iter()
            .filter(|m| if people { m.person } else { is_org(m) })
        {
            if self.inside_quote(m.span.start) {
                continue;
            }
            let para_start = self
                .paragraph_of(m.span.start)
                .map_or(0, |p| self.paragraphs[p].start);
            let before = self.text[para_start.min(m.span.start)..m.span.start].trim_end();
            let opens_clause = before
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, '.' | '!' | '?' | ',' | ';' | ':' | '"' | '“' | '”'));
            let previous_word = before
                .rsplit(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
                .next()
                .unwrap_or("");
            // An object: "to Dent", "beating Enqvist", "accused Smith".
            let object = !opens_clause
                && previous_word.chars().next().is_some_and(char::is_lowercase)
                && (is_one_of(previous_word, PREPOSITIONS)
                    || is_one_of(previous_word, OBJECT_MARKERS)
                    || previous_word.ends_with("ed")
                    || previous_word.ends_with("ing"));
            let after = &self.text[m.span.end..];
            let possessive = after.starts_with(['\'', '’']);
            // "The 22-year-old Scot": a role word the tagger took for a name.
            let role_word = m
                .span
                .slice(self.text)
                .is_some_and(|w| is_one_of(w, PERSON_NOUNS));
            if possessive || role_word {
                continue;
            }
            // "…, said Mr Sridharan.": named right after a speech verb.
            // "…, said Mr Sridharan.": named right after a speech verb.
            // The word before, or the one before a title ("said Mr X").
            let word_before_title = || {
                before
                    .rsplit(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
                    .filter(|w| !w.is_empty())
                    .nth(1)
                    .unwrap_or("")
            };
            let inverted_verb = !opens_clause
                && (self.lexicon.has_word(previous_word)
                    || self.lexicon.has_word(word_before_title()))
                && {
                    let from = floor_boundary(self.text, m.span.start.saturating_sub(40));
                    let toks = tokenize(self.text, Span::new(from, m.span.start));
                    let n = toks.len();
                    // The cue ends the window, or one title word follows it.
                    (n.saturating_sub(4)..n)
                        .rev()
                        .find_map(|j| {
                            self.lexicon.match_at(self.text, &toks, j).filter(|c| {
                                j + c.len == n
                                    || (j + c.len + 1 == n
                                        && self.word(&toks[n - 1]).starts_with(char::is_uppercase))
                            })
                        })
                        .is_some_and(|c| c.first > 0 && toks[c.first - 1].is_punct(CLAUSE_PUNCT))
                };
            // "according to Carly Fiorina, chief of …": checked on the text,
            // since "to" alone is everywhere.
            let according = !opens_clause
                && before.len() >= 12
                && before.is_char_boundary(before.len() - 12)
                && before[before.len() - 12..].eq_ignore_ascii_case("according to");
            let inverted = inverted_verb || according;
            let verb = self.verb_follows(m.span.end);
            if opens_clause || inverted || (!object && verb.is_some()) {
                subjects.push((m.span.start, m.entity, inverted || verb == Some(true)));
            }
        }
        subjects
    }

    /// A verb follows the name at `end`, after an optional appositive:
    /// "Kedas said", "Gatland also singled out", "Gilmore, who issued …, said";
    /// `Some(true)` when it is a speech verb.
    fn verb_follows(&self, end: usize) -> Option<bool> {
        let rest = &self.text[end..];
        let mut from = end + (rest.len() - rest.trim_start().len());
        if self.text[from..].starts_with(',') {
            // Skip the appositive to its closing comma.
            let limit = floor_boundary(self.text, from + 160);
            from += 1 + self.text[from + 1..limit].find(',')? + 1;
            from += self.text[from..].len() - self.text[from..].trim_start().len();
        }
        // Called for every mention: split a short window by hand instead of
        // tokenizing it.
        let limit = floor_boundary(self.text, from + 60);
        let mut words = [""; 6];
        let mut n = 0;
        for piece in self.text[from..limit]
            .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
        {
            // An empty piece is punctuation (or the window's end): stop there.
            if piece.is_empty() || n == words.len() {
                break;
            }
            words[n] = piece;
            n += 1;
        }
        let words = &words[..n];
        let mut i = 0;
        // Auxiliaries and adverbs first: "Fallon has also said".
        while words.get(i).is_some_and(|w| {
            !self.lexicon.matches_words(&words[i..])
                && is_one_of(w, TRAILING_FILLERS)
                && !is_one_of(w, &["and", "but"])
        }) {
            i += 1;
        }
        let w = *words.get(i)?;
        if !w.chars().next().is_some_and(char::is_lowercase) {
            return None;
        }
        if self.lexicon.matches_words(&words[i..]) {
            return Some(true);
        }
        (i > 0 || is_one_of(w, AUXILIARIES) || w.ends_with("ed")).then_some(false)
    }

    fn paragraph_of(&self, pos: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.start <= pos);
        i.checked_sub(1).filter(|&i| pos <= self.paragraphs[i].end)
    }

    fn inside_quote(&self, pos: usize) -> bool {
        let i = self.found.partition_point(|q| q.span.start <= pos);
        i.checked_sub(1)
            .is_some_and(|i| pos < self.found[i].span.end)
    }

    /// The person most recently named as a subject or speaker before `pos`.
    fn find_all_subjects(&mut self) {
        if self.subjects_found {
            return;
        }
        self.subjects_found = true;
        let people = self.find_subjects(true);
        // People named as the subject of a speech verb are speakers already.
        for &(pos, entity, speech) in &people {
            if speech {
                let i = self.speakers.partition_point(|&(p, _)| p <= pos);
                self.speakers.insert(i, (pos, entity));
            }
        }
        self.subjects = people.into_iter().map(|(p, e, _)| (p, e)).collect();
        self.org_subjects = self
            .find_subjects(false)
            .into_iter()
            .map(|(p, e, _)| (p, e))
            .collect();
    }

    fn latest_person_before(&mut self, pos: usize) -> Option<usize> {
        self.find_all_subjects();
        let last = |list: &[(usize, usize)]| {
            let i = list.partition_point(|&(p, _)| p < pos);
            i.checked_sub(1).map(|i| list[i])
        };
        // A speaker of this paragraph or the one before outranks people who
        // merely did something since, unless they did it in this paragraph.
        let para = self.paragraph_of(pos);
        let recent_from = para.map_or(0, |p| self.paragraphs[p.saturating_sub(1)].start);
        let this_para = para.map_or(0, |p| self.paragraphs[p].start);
        match (last(&self.subjects), last(&self.speakers)) {
            (Some(a), Some(b)) if b.0 >= recent_from && a.0 < this_para => Some(b.1),
            (Some(a), Some(b)) => Some(if a.0 > b.0 { a.1 } else { b.1 }),
            (a, b) => a.or(b).map(|(_, e)| e),
        }
    }

    /// The organisation most recently named as a subject before `pos`, in
    /// this paragraph or the one before.
    fn latest_org_before(&mut self, pos: usize) -> Option<usize> {
        self.find_all_subjects();
        let para = self.paragraph_of(pos)?;
        let from = self.paragraphs[para.saturating_sub(1)].start;
        let i = self.org_subjects.partition_point(|&(p, _)| p < pos);
        let recent = self.org_subjects[..i]
            .iter()
            .rev()
            .take_while(|&&(p, _)| p >= from);
        // An organisation the article keeps naming, over one named in passing.
        let mut first_any = None;
        for &(_, e) in recent {
            first_any.get_or_insert(e);
            if self
                .doc
                .entities
                .get(e)
                .is_some_and(|x| x.mentions.len() >= 2)
            {
                return Some(e);
            }
        }
        first_any
    }

    /// A person entity whose name ends with these capitalised words ("Gold"
    /// for "Gary Gold"), when exactly one person matches.
    fn person_named_like(&self, words: &[&Tok]) -> Option<usize> {
        if words.is_empty() || words.len() > 3 {
            return None;
        }
        let capitalised = words.iter().all(|t| {
            let w = self.word(t);
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).any(char::is_lowercase)
        });
        if !capitalised || self.mention_covering(words[words.len() - 1].span).is_some() {
            return None;
        }
        // The words as written, one space apart (else no name can end so).
        let phrase = &self.text[words[0].span.start..words[words.len() - 1].span.end];
        if phrase.split(' ').count() != words.len() {
            return None;
        }
        let mut found = None;
        for (index, entity) in self.doc.entities.iter().enumerate() {
            if entity.label != Label::Person {
                continue;
            }
            // "Gary Gold" ends with " Gold": whole words only.
            let name = entity.name.as_str();
            let fits = name.len() > phrase.len()
                && name.ends_with(phrase)
                && name[..name.len() - phrase.len()].ends_with(' ');
            if fits {
                if found.is_some_and(|f| f != index) {
                    return None;
                }
                found = Some(index);
            }
        }
        found
    }

    fn record_speaker(&mut self, pos: usize, entity: usize) {
        if self
            .doc
            .entities
            .get(entity)
            .is_some_and(|e| e.label == Label::Person)
        {
            let i = self.speakers.partition_point(|&(p, _)| p <= pos);
            self.speakers.insert(i, (pos, entity));
        }
    }

    /// The speakable mention covering `span`, people first.
    fn mention_covering(&self, span: Span) -> Option<Mention> {
        let i = self
            .mentions
            .partition_point(|m| m.span.start <= span.start);
        let mut best: Option<Mention> = None;
        for m in self.mentions[..i].iter().rev().take(16) {
            if m.span.contains(span) && best.is_none_or(|b| !b.person && m.person) {
                best = Some(*m);
            }
        }
        best
    }

    fn word<'t>(&'t self, tok: &Tok) -> &'t str {
        &self.text[tok.span.range()]
    }

    /// Text between the previous quotation (or the paragraph start) and this
    /// one, from the last sentence end on.
    fn left_frame(&self, k: usize) -> Span {
        let q = self.found[k];
        let mut lo = self.paragraphs[q.para].start;
        if let Some(prev) = k.checked_sub(1).map(|p| self.found[p]) {
            if prev.para == q.para {
                lo = lo.max(prev.span.end);
            }
        }
        // A sentence is not longer than this; bounding the scan keeps long
        // paragraphs linear.
        let lo = lo
            .max(floor_boundary(
                self.text,
                q.span.start.saturating_sub(MAX_SENTENCE),
            ))
            .min(q.span.start);
        let range = Span::new(lo, q.span.start);
        let start = sentence_ends(self.text, range).last().unwrap_or(lo);
        Span::new(start, q.span.start)
    }

    /// Text after this quotation up to the sentence end or the next quotation.
    fn right_frame(&self, k: usize) -> Span {
        let q = self.found[k];
        let mut hi = self.paragraphs[q.para].end;
        if let Some(next) = self.found.get(k + 1) {
            if next.para == q.para {
                hi = hi.min(next.span.start);
            }
        }
        let hi = hi.max(q.span.end);
        let range = Span::new(q.span.end, hi);
        let end = sentence_ends(self.text, range).next().unwrap_or(hi);
        Span::new(q.span.end, end)
    }

    /// The subject of a clause that ends where its speech verb begins, with
    /// appositives ("Fallon, a doctor,") and introductory phrases dropped.
    fn subject_tokens<'t>(&self, toks: &'t [Tok]) -> &'t [Tok] {
        let mut segments: Vec<&[Tok]> = toks.split(|t| t.is_punct(CLAUSE_PUNCT)).collect();
        let has_words = |s: &[Tok]| s.iter().any(Tok::is_word);
        let chosen = match segments.last() {
            Some(last) if has_words(last) => {
                let last = segments.pop().unwrap_or(&[]);
                match segments.last() {
                    // "Howard Archer, economist at Global Insight said": an
                    // appositive whose closing comma is missing.
                    Some(prev) if self.is_unclosed_appositive(prev, last) => prev,
                    _ => last,
                }
            }
            // "the ambassador, Carlo Trojan, said": the appositive is the name.
            _ if segments.len() >= 3 && self.is_just_a_name(segments[segments.len() - 2]) => {
                segments[segments.len() - 2]
            }
            _ if segments.len() >= 3 => {
                // "The report, published today by a monthly, the Peru Report,
                // said": walk back over a chain of appositives.
                let mut i = segments.len() - 3;
                while i > 0 && self.is_appositive_like(segments[i]) {
                    i -= 1;
                }
                segments[i]
            }
            _ => segments.first().copied().unwrap_or(&[]),
        };
        // "The Parents Television Council (PTC)": drop a closing parenthesis.
        let chosen = match chosen.last() {
            Some(t) if t.is_punct(&[')']) => {
                let open = chosen.iter().rposition(|t| t.is_punct(&['(']));
                open.map_or(chosen, |i| &chosen[..i])
            }
            _ => chosen,
        };
        let mut start = chosen
            .iter()
            .enumerate()
            .rev()
            .find(|&(i, t)| {
                t.is_punct(&[':', ';', '(', ')', '"', '“', '”'])
                    || (t.is_word() && is_one_of(self.word(t), SUBORDINATORS))
                    // "A spokesman said the board expects": the inner clause.
                    || self.lexicon.match_at(self.text, chosen, i).is_some()
            })
            .map_or(0, |(i, _)| i + 1);
        let mut end = chosen.len();
        while start < end
            && (!chosen[start].is_word() || is_one_of(self.word(&chosen[start]), LEADING_FILLERS))
        {
            start += 1;
        }
        // "Last week the LSE said": a time phrase opens the clause.
        let word_at = |i: usize| chosen.get(i).filter(|t| t.is_word()).map(|t| self.word(t));
        let time_len = match (word_at(start), word_at(start + 1)) {
            (Some(a), Some(b)) if is_one_of(a, TIME_HEADS) && is_one_of(b, TIME_UNITS) => 2,
            (Some(a), _) if is_one_of(a, &["yesterday", "today", "tonight"]) => 1,
            _ => 0,
        };
        if chosen[start + time_len.min(end - start)..end]
            .iter()
            .any(Tok::is_word)
        {
            start += time_len;
        }
        // "Privately ministers believe": a sentence adverb before the subject.
        if word_at(start).is_some_and(|w| w.len() > 4 && w.ends_with("ly"))
            && chosen[start + 1..end].iter().any(Tok::is_word)
        {
            start += 1;
        }
        // "In a letter to his chairman he wrote", "they met and agreed": the
        // pronoun is the subject.
        let is_pronoun = |i: usize| {
            word_at(i)
                .is_some_and(|w| is_one_of(w, RESOLVABLE_PRONOUNS) || is_one_of(w, OTHER_PRONOUNS))
        };
        if let Some(i) = (start..end).rev().find(|&i| is_pronoun(i)) {
            start = i;
            end = end.min(i + 1);
        }
        while end > start {
            let t = &chosen[end - 1];
            let filler = t.is_word() && {
                let w = self.word(t);
                is_one_of(w, TRAILING_FILLERS)
                    || (w.len() > 4 && w.ends_with("ly") && w.chars().all(|c| c.is_lowercase()))
            };
            if t.is_word() && !filler {
                break;
            }
            end -= 1;
        }
        &chosen[start..end]
    }

    /// A segment that describes rather than names: it opens with a lower-case
    /// word other than a determiner ("published today by …"), or a number.
    fn is_appositive_like(&self, segment: &[Tok]) -> bool {
        segment
            .iter()
            .filter(|t| t.is_word())
            .map(|t| self.word(t))
            .find(|w| !is_one_of(w, LEADING_FILLERS))
            .and_then(|w| w.chars().next().map(|c| (w, c)))
            .is_some_and(|(w, c)| {
                c.is_numeric() || (c.is_lowercase() && !is_one_of(w, FUNCTION_WORDS))
            })
    }

    /// The segment is one person mention and nothing else.
    fn is_just_a_name(&self, segment: &[Tok]) -> bool {
        let mut words = segment.iter().filter(|t| t.is_word());
        let (Some(first), Some(last)) = (words.next(), segment.iter().rev().find(|t| t.is_word()))
        else {
            return false;
        };
        self.mention_covering(last.span)
            .is_some_and(|m| m.person && m.span.start <= first.span.start)
    }

    /// `prev` ends with a person's name and `last` is a bare lower-case
    /// description naming no one.
    fn is_unclosed_appositive(&self, prev: &[Tok], last: &[Tok]) -> bool {
        let name_ends_prev = prev
            .iter()
            .rev()
            .find(|t| t.is_word())
            .and_then(|t| self.mention_covering(t.span))
            .is_some_and(|m| m.person);
        let bare_description = last.iter().find(|t| t.is_word()).is_some_and(|t| {
            let w = self.word(t);
            w.chars().next().is_some_and(char::is_lowercase) && !is_one_of(w, FUNCTION_WORDS)
        }) && !last
            .iter()
            .any(|t| t.is_word() && self.mention_covering(t.span).is_some());
        // "Brent Bozell, PTC president and conservative activist said": a
        // short title naming no person, after a segment that is just a name.
        let words: Vec<&str> = last
            .iter()
            .filter(|t| t.is_word())
            .map(|t| self.word(t))
            .collect();
        let title = (1..=6).contains(&words.len())
            && words.iter().any(|w| {
                w.chars().next().is_some_and(char::is_lowercase) && !is_one_of(w, FUNCTION_WORDS)
            })
            && !words.iter().any(|w| is_one_of(w, AUXILIARIES))
            && !last
                .iter()
                .any(|t| t.is_word() && self.mention_covering(t.span).is_some_and(|m| m.person))
            && self.is_just_a_name(prev);
        name_ends_prev && (bare_description || title)
    }

    /// A person named within a title phrase after a cue: only words and
    /// commas before it, and not as a possessive ("Kidman's publicist").
    fn person_after_title(&mut self, toks: &[Tok], from: usize) -> Option<usize> {
        let mut words = 0;
        for t in toks.get(from..)?.iter().take(16) {
            if !t.is_word() {
                if t.is_punct(&[',']) {
                    continue;
                }
                return None;
            }
            words += 1;
            if words > 10 || is_one_of(self.word(t), AFTER_SPEAKER_STOPS) {
                return None;
            }
            if let Some(m) = self.mention_covering(t.span).filter(|m| m.person) {
                let after = &self.text[m.span.end..];
                if after.starts_with(['\'', '’']) {
                    continue;
                }
                self.record_speaker(m.span.start, m.entity);
                return Some(m.entity);
            }
        }
        None
    }

    /// The speaker named right after a cue: words up to punctuation or a stop word.
    fn tokens_after<'t>(&self, toks: &'t [Tok], from: usize) -> &'t [Tok] {
        let rest = toks.get(from..).unwrap_or(&[]);
        let mut len = rest
            .iter()
            .position(|t| {
                !t.is_word()
                    || is_one_of(self.word(t), PREPOSITIONS)
                    || is_one_of(self.word(t), AFTER_SPEAKER_STOPS)
            })
            .unwrap_or(rest.len());
        // "said Jonathan Wolpaw and Dennis McFarlane": two people.
        let person_at = |i: usize| {
            rest.get(i)
                .is_some_and(|t| self.mention_covering(t.span).is_some_and(|m| m.person))
        };
        if len > 0
            && person_at(len - 1)
            && rest
                .get(len)
                .is_some_and(|t| self.word(t).eq_ignore_ascii_case("and"))
            && person_at(len + 1)
        {
            let more = rest[len + 1..]
                .iter()
                .position(|t| !t.is_word() || is_one_of(self.word(t), AFTER_SPEAKER_STOPS))
                .unwrap_or(rest.len() - len - 1);
            len += 1 + more;
        }
        &rest[..len.min(8)]
    }

    /// Who a noun phrase names: an entity, a resolved pronoun or role, or else
    /// the phrase itself as a description.
    fn resolve(&mut self, np: &[Tok]) -> Option<Speaker> {
        let words: Vec<&Tok> = np.iter().filter(|t| t.is_word()).collect();
        let (first, last) = (*words.first()?, *words.last()?);
        if words.len() > 12 {
            return None;
        }
        if is_one_of(self.word(last), FUNCTION_WORDS) {
            return None;
        }
        let span = Span::new(first.span.start, last.span.end);
        // "Jonathan Wolpaw and Dennis McFarlane": no single speaker.
        let two_people = words.iter().any(|t| is_one_of(self.word(t), &["and", "&"])) && {
            let people: Vec<usize> = words
                .iter()
                .filter_map(|t| self.mention_covering(t.span).filter(|m| m.person))
                .map(|m| m.entity)
                .collect();
            people.windows(2).any(|w| w[0] != w[1])
        };
        if two_people {
            return Some(Speaker {
                entity: None,
                desc: Some(
                    self.text[span.range()]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            });
        }
        // "The 22-year-old Scot": a role word the tagger took for a name.
        let role_word = words.len() >= 2
            && self.word(first).eq_ignore_ascii_case("the")
            && is_one_of(self.word(last), PERSON_NOUNS);
        if let Some(m) = self.mention_covering(last.span).filter(|_| !role_word) {
            let word_before = words
                .iter()
                .rev()
                .find(|t| t.span.end <= m.span.start)
                .map(|t| self.word(t));
            if word_before.is_none_or(|w| !is_one_of(w, PREPOSITIONS)) {
                self.record_speaker(m.span.start, m.entity);
                return Some(Speaker {
                    entity: Some(m.entity),
                    desc: None,
                });
            }
        }
        let phrase = &self.text[span.range()];
        // "Gold said" where the tagger missed this "Gold": a capitalised name
        // that is the surname of a person the article names elsewhere.
        if let Some(entity) = self.person_named_like(&words) {
            self.record_speaker(span.start, entity);
            return Some(Speaker {
                entity: Some(entity),
                desc: None,
            });
        }
        // "an SFA statement": the organisation that issued it; "the
        // complaint": the organisation the paragraph is about.
        if is_one_of(self.word(last), STATEMENT_NOUNS) {
            let named = words
                .iter()
                .rev()
                .find_map(|t| self.mention_covering(t.span).filter(|m| !m.person))
                .map(|m| m.entity);
            let definite = words.len() == 2 && self.word(first).eq_ignore_ascii_case("the");
            let entity = named.or_else(|| {
                definite
                    .then(|| self.latest_org_before(span.start))
                    .flatten()
            });
            if entity.is_some() {
                return Some(Speaker { entity, desc: None });
            }
        }
        if words.len() == 1 && phrase.eq_ignore_ascii_case("it") {
            if let Some(entity) = self.latest_org_before(span.start) {
                return Some(Speaker {
                    entity: Some(entity),
                    desc: None,
                });
            }
        }
        if words.len() == 1 && is_one_of(phrase, RESOLVABLE_PRONOUNS) {
            if let Some(entity) = self.latest_person_before(span.start) {
                self.record_speaker(span.start, entity);
                return Some(Speaker {
                    entity: Some(entity),
                    desc: None,
                });
            }
        }
        if words.len() == 1 && is_one_of(phrase, OTHER_PRONOUNS) {
            return Some(Speaker {
                entity: None,
                desc: Some(phrase.to_string()),
            });
        }
        if words.len() >= 2 && self.word(first).eq_ignore_ascii_case("the") {
            let head_len = words
                .iter()
                .skip(1)
                .position(|t| is_one_of(self.word(t), PREPOSITIONS))
                .map_or(words.len(), |i| i + 1);
            let text = self.text;
            let role = &text[words[head_len - 1].span.range()];
            if let Some(entity) = self.person_with_role(role, span.start) {
                self.record_speaker(span.start, entity);
                return Some(Speaker {
                    entity: Some(entity),
                    desc: None,
                });
            }
            // "the actor", "the 22-year-old Scot": a definite description of
            // a person is the person the story is about at this point.
            let plain = words[1..head_len]
                .iter()
                .all(|t| !is_one_of(self.word(t), PREPOSITIONS));
            if plain && head_len == words.len() && is_one_of(role, PERSON_NOUNS) {
                if let Some(entity) = self.latest_person_before(span.start) {
                    self.record_speaker(span.start, entity);
                    return Some(Speaker {
                        entity: Some(entity),
                        desc: None,
                    });
                }
            }
            if plain && head_len == words.len() && is_one_of(role, ORG_NOUNS) {
                if let Some(entity) = self.latest_org_before(span.start) {
                    return Some(Speaker {
                        entity: Some(entity),
                        desc: None,
                    });
                }
            }
        }
        let clause_like = words.iter().any(|t| {
            let w = self.word(t);
            w.chars().all(char::is_lowercase) && is_one_of(w, AUXILIARIES)
        });
        // "Kaplan has vigorously defended … and admitted": the person who
        // opens a clause of coordinated verbs is the subject of each.
        if clause_like {
            if let Some(m) = self
                .mention_covering(first.span)
                .filter(|m| m.person && m.span.start == first.span.start)
            {
                self.record_speaker(m.span.start, m.entity);
                return Some(Speaker {
                    entity: Some(m.entity),
                    desc: None,
                });
            }
        }
        let has_letters = phrase.chars().any(char::is_alphabetic);
        if clause_like || words.len() > 8 || !has_letters {
            return None;
        }
        Some(Speaker {
            entity: None,
            // Hard-wrapped text: "John\nMichael" is "John Michael".
            desc: Some(phrase.split_whitespace().collect::<Vec<_>>().join(" ")),
        })
    }

    /// The latest person before `pos` that the text gives `role`: as a title
    /// ("Foreign Minister Sergei Lavrov") or an appositive ("Lavrov, the minister,").
    fn person_with_role(&self, role: &str, pos: usize) -> Option<usize> {
        if role.chars().count() < 3 || !role.chars().all(char::is_alphabetic) {
            return None;
        }
        let end = self.mentions.partition_point(|m| m.span.end <= pos);
        self.mentions[..end]
            .iter()
            .rev()
            .filter(|m| m.person)
            .take(30)
            .find(|m| {
                // Most mentions have no such word near them: look before tokenizing.
                let near = Span::new(
                    floor_boundary(self.text, m.span.start.saturating_sub(80)),
                    floor_boundary(self.text, m.span.end + 100),
                );
                if !contains_ignore_ascii_case(&self.text[near.range()], role) {
                    return false;
                }
                let before = Span::new(near.start, m.span.start);
                let before_toks = tokenize(self.text, before);
                let clause_start = before_toks
                    .iter()
                    .rposition(|t| t.is_punct(&['.', '!', '?', ';', ',', '"', '“', '”']))
                    .map_or(0, |i| i + 1);
                // A title runs up to the name: "Foreign Minister Sergei
                // Lavrov", "the Minister of Commerce Wang Wentao"; not "the
                // source told the Times".
                let title = before_toks[clause_start..]
                    .iter()
                    .rev()
                    .take(5)
                    .take_while(|t| {
                        let w = self.word(t);
                        w.chars().next().is_some_and(char::is_uppercase)
                            || is_one_of(w, &["of", "for", "the"])
                            || w.eq_ignore_ascii_case(role)
                    })
                    .any(|t| self.word(t).eq_ignore_ascii_case(role));
                let after = Span::new(m.span.end, floor_boundary(self.text, m.span.end + 100));
                let after_toks = tokenize(self.text, after);
                let appositive = after_toks.first().is_some_and(|t| t.is_punct(&[',']))
                    && after_toks[1..]
                        .iter()
                        .take_while(|t| t.is_word())
                        .take(8)
                        .any(|t| self.word(t).eq_ignore_ascii_case(role));
                title || appositive
            })
            .map(|m| m.entity)
    }

    fn attribution(&mut self, np: &[Tok], cue: Option<Span>) -> Option<Attribution> {
        let speaker = self.resolve(np)?;
        Some(Attribution {
            entity: speaker.entity,
            desc: speaker.desc,
            cue,
        })
    }

    fn cue_span(toks: &[Tok], cue: &CueMatch<'_>) -> Span {
        Span::new(
            toks[cue.first].span.start,
            toks[cue.first + cue.len - 1].span.end,
        )
    }

    /// "X said: …", "according to X, …", "X believes … the "…"".
    fn attribute_with_cue(&mut self, toks: &[Tok], cue: &CueMatch<'_>) -> Option<Attribution> {
        let cue_span = Self::cue_span(toks, cue);
        let after = self.tokens_after(toks, cue.first + cue.len);
        let next = toks.get(cue.first + cue.len + after.len());
        // "…, said founder Mikhail Khodorkovsky." names the speaker after the verb.
        let pronoun_clause = after.len() > 1
            && (is_one_of(self.word(&after[0]), RESOLVABLE_PRONOUNS)
                || is_one_of(self.word(&after[0]), OTHER_PRONOUNS));
        let inverted = cue.cue.form == CueForm::Verb
            && !after.is_empty()
            && !pronoun_clause
            && next.is_none_or(|t| t.is_punct(&['.', '!', '?']))
            && cue
                .first
                .checked_sub(1)
                .is_none_or(|i| toks[i].is_punct(CLAUSE_PUNCT));
        let np = match cue.cue.form {
            CueForm::SpeakerAfter => after,
            _ if inverted => after,
            CueForm::Verb | CueForm::VerbNoInversion => {
                match self.relative_antecedent(&toks[..cue.first]) {
                    Some(name) => name,
                    None => self.subject_tokens(&toks[..cue.first]),
                }
            }
        };
        self.attribution(np, Some(cue_span))
    }

    /// "Pullman, who had told him": the name a relative pronoun stands for,
    /// when the verb's subject is that pronoun.
    fn relative_antecedent<'t>(&self, toks: &'t [Tok]) -> Option<&'t [Tok]> {
        let mut i = toks.len();
        while i > 0 && toks[i - 1].is_word() && is_one_of(self.word(&toks[i - 1]), TRAILING_FILLERS)
        {
            i -= 1;
        }
        let who = toks.get(i.checked_sub(1)?)?;
        if !(who.is_word() && is_one_of(self.word(who), &["who", "whom"])) {
            return None;
        }
        let comma = i.checked_sub(2)?;
        if !toks[comma].is_punct(&[',']) {
            return None;
        }
        let name_end = comma;
        let last = toks.get(name_end.checked_sub(1)?)?;
        let m = self.mention_covering(last.span).filter(|m| m.person)?;
        let start = toks[..name_end]
            .iter()
            .position(|t| t.span.start >= m.span.start)?;
        Some(&toks[start..name_end])
    }

    /// "…," X said. / "…," said X. / "…," according to X.
    fn attribute_right(&mut self, toks: &[Tok], inner_ends_sentence: bool) -> Option<Attribution> {
        let lead = toks
            .iter()
            .position(|t| !t.is_punct(&[',', '—', '–', '-']))
            .unwrap_or(toks.len());
        let toks = &toks[lead..];
        let cue = self.lexicon.first_match(self.text, toks, 12)?;
        let cue_span = Self::cue_span(toks, &cue);
        if cue.first == 0 {
            return match cue.cue.form {
                CueForm::Verb | CueForm::SpeakerAfter => {
                    let np = self.tokens_after(toks, cue.len);
                    let found = self.attribution(np, Some(cue_span));
                    let is_person = found.as_ref().is_some_and(|a| {
                        a.entity
                            .and_then(|e| self.doc.entities.get(e))
                            .is_some_and(|e| e.label == Label::Person)
                    });
                    let pair = np.iter().any(|t| self.word(t).eq_ignore_ascii_case("and"));
                    if is_person || pair {
                        return found;
                    }
                    // "said BA director of commercial planning, Robert Boyle.":
                    // the title comes first, the name after a comma.
                    match self.person_after_title(toks, cue.len) {
                        Some(entity) => Some(Attribution {
                            entity: Some(entity),
                            desc: None,
                            cue: Some(cue_span),
                        }),
                        None => found,
                    }
                }
                CueForm::VerbNoInversion => None,
            };
        }
        if cue.cue.form == CueForm::SpeakerAfter {
            return None;
        }
        // `"…." Smith said the plan …` starts a new statement; `"…." Smith said.` does not.
        let new_sentence = inner_ends_sentence
            && toks
                .first()
                .is_some_and(|t| self.word(t).chars().next().is_some_and(char::is_uppercase));
        let words_after_cue = toks[cue.first + cue.len..]
            .iter()
            .filter(|t| t.is_word())
            .count();
        let ends_at_sentence_end = toks.last().is_some_and(|t| t.is_punct(&['.', '!', '?']));
        if new_sentence && (words_after_cue > 3 || !ends_at_sentence_end) {
            return None;
        }
        let np = self.subject_tokens(&toks[..cue.first]);
        self.attribution(np, Some(cue_span))
    }

    fn is_other_context(&self, left: &[Tok], inner: &str) -> bool {
        if inner.trim_start().starts_with(['#', '@'])
            || inner.contains("://")
            || inner.trim_start().starts_with("www.")
        {
            return true;
        }
        let mut words = left
            .iter()
            .rev()
            .skip_while(|t| t.is_punct(&[':', ',', '(', '-', '—', '–']))
            .take_while(|t| t.is_word())
            .map(|t| self.word(t));
        match words.next() {
            Some(w) if is_one_of(w, OTHER_TRIGGERS) => true,
            Some(w) if w.eq_ignore_ascii_case("as") => words
                .next()
                .is_some_and(|p| is_one_of(p, &["known", "referred"])),
            _ => false,
        }
    }

    /// The last sentence before the quotation `k`, outside any quotation: in
    /// the same paragraph, or the end of the previous one when `k` opens its
    /// paragraph.
    fn sentence_before(&self, k: usize) -> Option<Span> {
        let q = self.found[k];
        let para = self.paragraphs[q.para];
        let (para_index, hi) =
            if trim_span(self.text, Span::new(para.start, q.span.start)).is_empty() {
                let p = q.para.checked_sub(1)?;
                (p, self.paragraphs[p].end)
            } else {
                (q.para, q.span.start)
            };
        let mut lo = self.paragraphs[para_index].start;
        if let Some(prev) = self.found[..k]
            .iter()
            .rev()
            .take_while(|f| f.para >= para_index)
            .find(|f| f.para == para_index)
        {
            lo = lo.max(prev.span.end);
        }
        let region = trim_span(self.text, Span::new(lo.min(hi), hi));
        let start = sentence_ends(self.text, region)
            .take_while(|&e| e < region.end)
            .last()
            .unwrap_or(region.start);
        Some(Span::new(start, region.end))
    }

    /// The speaker a speech verb introduces in the sentence before quotation `k`.
    fn speaker_of_sentence_before(&mut self, k: usize) -> Option<Attribution> {
        let sentence = self.sentence_before(k)?;
        let toks = tokenize(self.text, sentence);
        let cue = self.lexicon.last_match(self.text, &toks)?;
        self.attribute_with_cue(&toks, &cue)
    }

    pub fn run(mut self) -> Vec<Quote> {
        let n = self.found.len();
        let mut kinds = Vec::with_capacity(n);
        let mut attrs: Vec<Attribution> = Vec::with_capacity(n);
        let mut opens_sentence = Vec::with_capacity(n);

        // Pass 1: each quotation on its own, from the words around it.
        for k in 0..n {
            let q = self.found[k];
            let left_span = self.left_frame(k);
            let left = tokenize(self.text, left_span);
            let right = tokenize(self.text, self.right_frame(k));
            let inner = self.doc.slice(q.inner).trim();
            let word_count = inner.split_whitespace().count();
            let starts_upper = inner
                .chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(|c| c.is_uppercase() || c.is_numeric());
            let ends_clause = inner.ends_with([',', '.', '?', '!', '…', ':', ';']);
            let left_cue = self.lexicon.last_match(self.text, &left);
            let cue_adjacent = left_cue
                .as_ref()
                .is_some_and(|c| left.len() - (c.first + c.len) <= 4);
            // `X said "…"` opens a quotation; `X added that it was "…"` embeds one.
            let cue_ends_frame = left_cue
                .as_ref()
                .is_some_and(|c| c.first + c.len == left.len());
            let opens = left.is_empty()
                || left.last().is_some_and(|t| t.is_punct(OPENING_CONTEXT))
                || cue_ends_frame
                || (cue_adjacent && starts_upper);
            opens_sentence.push(left.is_empty());

            if self.is_other_context(&left, inner) {
                kinds.push(QuoteKind::Other);
                attrs.push(Attribution::default());
                continue;
            }
            let right_allowed =
                ends_clause || opens || right.first().is_some_and(|t| t.is_punct(&[',', '—', '–']));
            let mut own = None;
            if cue_adjacent {
                own = left_cue
                    .as_ref()
                    .and_then(|c| self.attribute_with_cue(&left, c));
            }
            if own.is_none() && right_allowed {
                own = self.attribute_right(&right, inner.ends_with(['.', '?', '!']));
            }
            if own.is_none() {
                own = left_cue
                    .as_ref()
                    .and_then(|c| self.attribute_with_cue(&left, c));
            }
            let attributed = own.is_some();
            let kind = if q.continues {
                QuoteKind::Direct
            } else if opens && (starts_upper || (ends_clause && word_count >= 3)) {
                if word_count >= 3 || ends_clause || attributed {
                    QuoteKind::Direct
                } else {
                    QuoteKind::Other
                }
            } else if attributed
                || word_count >= 5
                || (inner.ends_with(['.', '?', '!']) && word_count >= 3)
            {
                QuoteKind::Partial
            } else {
                QuoteKind::Other
            };
            if kind == QuoteKind::Other {
                own = None;
            }
            kinds.push(kind);
            attrs.push(own.unwrap_or_default());
        }

        // Pass 2: the parts of a multi-paragraph quotation share one speaker.
        let speech = |kind: QuoteKind| kind != QuoteKind::Other;
        for k in (0..n.saturating_sub(1)).rev() {
            if self.found[k + 1].continues
                && speech(kinds[k])
                && speech(kinds[k + 1])
                && !attrs[k].is_some()
                && attrs[k + 1].is_some()
            {
                attrs[k] = attrs[k + 1].clone();
            }
        }
        for k in 1..n {
            if self.found[k].continues
                && speech(kinds[k - 1])
                && speech(kinds[k])
                && !attrs[k].is_some()
                && attrs[k - 1].is_some()
            {
                attrs[k] = attrs[k - 1].clone();
            }
        }

        // Pass 3: direct quotations without a cue of their own.
        for k in 0..n {
            if kinds[k] != QuoteKind::Direct || attrs[k].is_some() {
                continue;
            }
            let q = self.found[k];
            let same_para = |j: usize| self.found[j].para == q.para && kinds[j] != QuoteKind::Other;
            // `He added: "…" His agent told the Times that … . "…"`: a
            // sentence of its own between the two introduces a new speaker.
            let sentence_between = k.checked_sub(1).is_some_and(|j| {
                let prev = self.found[j];
                let between = trim_span(self.text, Span::new(prev.span.end, q.span.start));
                // After `"….", the words that follow are a sentence of their
                // own; after `"…,"` the first sentence end closes the quote's.
                let closed_sentence = self
                    .text
                    .get(prev.inner.range())
                    .is_some_and(|s| s.trim_end().ends_with(['.', '!', '?']));
                let ends = sentence_ends(self.text, between).count();
                prev.para == q.para && !between.is_empty() && (closed_sentence || ends >= 2)
            });
            if opens_sentence[k] && sentence_between {
                if let Some(found) = self.speaker_of_sentence_before(k) {
                    attrs[k] = found;
                    continue;
                }
            }
            if let Some(prev) = k
                .checked_sub(1)
                .filter(|&j| same_para(j) && attrs[j].is_some())
            {
                attrs[k] = attrs[prev].inherited();
                continue;
            }
            if let Some(next) = Some(k + 1).filter(|&j| j < n && same_para(j) && attrs[j].is_some())
            {
                attrs[k] = attrs[next].inherited();
                continue;
            }
            let para = self.paragraphs[q.para];
            let whole_paragraph = q.span.start == para.start && q.span.end == para.end;
            if whole_paragraph && q.para > 0 {
                let previous = (0..k)
                    .rev()
                    .take_while(|&j| self.found[j].para + 1 >= q.para)
                    .find(|&j| self.found[j].para + 1 == q.para && kinds[j] != QuoteKind::Other);
                if let Some(j) = previous.filter(|&j| attrs[j].is_some()) {
                    attrs[k] = attrs[j].inherited();
                    continue;
                }
            }
            if opens_sentence[k] {
                if let Some(found) = self.speaker_of_sentence_before(k) {
                    attrs[k] = found;
                }
            }
        }

        self.found
            .iter()
            .zip(kinds)
            .zip(attrs)
            .map(|((q, kind), attr)| {
                let entity = attr.entity.and_then(|i| self.doc.entities.get(i));
                Quote {
                    span: q.span,
                    kind,
                    speaker: entity.map(|e| e.id.clone()),
                    speaker_name: entity.map(|e| e.name.clone()),
                    speaker_desc: if entity.is_some() { None } else { attr.desc },
                    cue: attr.cue,
                }
            })
            .collect()
    }
}
