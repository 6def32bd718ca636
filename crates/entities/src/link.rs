//! Grouping mentions of one thing into one entity, inside one article.
//!
//! Rules, in order:
//! 1. An acronym defined in brackets ("International Criminal Court (ICC)")
//!    joins its definition wherever it appears; one never defined joins the
//!    article's only longer non-person name with its initials ("BA" and
//!    "British Airways").
//! 2. A one-word mention that is a person's first or last name joins the
//!    full name it belongs to ("Putin" → "Vladimir Putin", "Xi" →
//!    "Xi Jinping"), wherever the full name appears. When two people share
//!    the word, it joins the one mentioned most recently before it (or, if
//!    none came before, the first one after it).
//!    A particle and surname ("De Wachter") are a short form too.
//! 3. Otherwise mentions written the same way are one entity, and a name in
//!    capitals ("KRAKÓW" in a dateline) joins the same name written normally.
//!
//! An entity's label comes from its best-evidenced mention (so "Thomas",
//! guessed PERSON from a first-name list, or "ICC", guessed ORG, take the
//! label of the name they join); its name is the fullest form used. A
//! "person" the text twice treats as an organisation ("the app Zippa",
//! "Zippa, which ...", "Zippa said it") and never as a person is one.
//! Values (dates, amounts) are one entity per distinct normalised value.

use crate::scan::{Tok, TokKind};
use crate::tagger::{NameMention, MODEL_EVIDENCE};
use crate::values::ValueMention;
use newsmill_doc::{Entity, Label, Span};
use std::collections::HashMap;

struct Name<'t> {
    mention: NameMention,
    span: Span,
    key: String,
    words: Vec<&'t str>,
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    /// Joins the groups of `a` and `b`; the earlier mention stays root.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[child] = root;
        }
    }
}

/// Written all in capitals, with more letters than an acronym has.
fn is_shouted(key: &str) -> bool {
    key.chars().filter(|c| c.is_alphabetic()).count() > 4 && !key.chars().any(char::is_lowercase)
}

/// Particles of surnames ("De Wachter", "van der Berg", "al-Assad").
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "du", "del", "della", "van", "von", "der", "den", "le", "la", "al", "el",
    "ter", "ten", "dos", "das", "bin", "ibn",
];

/// Words after a name that say it is an organisation: "Zippa, which is
/// based in ...", "Zippa's shares", "Zippa said it would appeal" (not
/// "Zippa's chief of staff": people have those too).
const ORG_AFTER: &[&[&str]] = &[
    &[",", "which"],
    &["said", "it"],
    &["says", "it"],
    &["announced", "it"],
    &["'s", "shares"],
    &["'s", "headquarters"],
    &["'s", "employees"],
    &["'s", "app"],
    &["'s", "platform"],
    &["'s", "website"],
];
/// Words before a name that say it is an organisation: "the app Zippa".
const ORG_BEFORE: &[&str] = &[
    "app",
    "company",
    "firm",
    "platform",
    "startup",
    "start-up",
    "retailer",
    "carrier",
    "airline",
    "brand",
    "group",
    "service",
    "shipyard",
    "maker",
    "manufacturer",
    "operator",
    "bank",
    "lender",
    "insurer",
    "broadcaster",
    "publisher",
    "developer",
    "supplier",
    "chain",
];
/// Words after a name that say it is a person: "Zippa, who ...",
/// "Zippa said he".
const PERSON_AFTER: &[&[&str]] = &[
    &[",", "who"],
    &["said", "he"],
    &["said", "she"],
    &["says", "he"],
    &["says", "she"],
    &["'s", "wife"],
    &["'s", "husband"],
];

/// A "person" the text treats as an organisation at least twice and never
/// as a person.
fn speaks_as_organisation(text: &str, toks: &[Tok], names: &[Name], list: &[usize]) -> bool {
    let word = |t: usize| toks.get(t).map(|t| &text[t.start..t.end]);
    let followed_by = |m: NameMention, cue: &[&str]| {
        cue.iter().enumerate().all(|(k, w)| {
            word(m.last + k).is_some_and(|x| x.eq_ignore_ascii_case(w) || (*w == "'s" && x == "’s"))
        })
    };
    let (mut org, mut person) = (0, 0);
    for &i in list {
        let m = names[i].mention;
        if ORG_AFTER.iter().any(|cue| followed_by(m, cue))
            || m.first > 0 && word(m.first - 1).is_some_and(|w| ORG_BEFORE.contains(&w))
        {
            org += 1;
        }
        if PERSON_AFTER.iter().any(|cue| followed_by(m, cue))
            || m.first > 0
                && word(m.first - 1).is_some_and(|w| matches!(w, "Mr" | "Mrs" | "Ms" | "Dr"))
        {
            person += 1;
        }
    }
    org >= 2 && person == 0
}

/// The text of tokens `first..last`, words joined by one space.
pub(crate) fn surface(text: &str, toks: &[Tok], first: usize, last: usize) -> String {
    let mut out = String::new();
    for (i, tok) in toks[first..last].iter().enumerate() {
        if i > 0 && !tok.glued {
            out.push(' ');
        }
        out.push_str(&text[tok.start..tok.end]);
    }
    out
}

fn is_acronym(word: &str) -> bool {
    (2..=8).contains(&word.chars().count()) && word.chars().all(|c| c.is_uppercase())
}

fn initials(words: &[&str], with_connectors: bool) -> String {
    words
        .iter()
        .filter(|w| with_connectors || w.starts_with(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

pub(crate) fn link(
    text: &str,
    toks: &[Tok],
    names: &[NameMention],
    values: &[ValueMention],
) -> Vec<Entity> {
    let names: Vec<Name> = names
        .iter()
        .map(|&m| Name {
            mention: m,
            span: Span::new(toks[m.first].start, toks[m.last - 1].end),
            key: surface(text, toks, m.first, m.last),
            words: toks[m.first..m.last]
                .iter()
                .filter(|t| t.kind == TokKind::Word)
                .map(|t| &text[t.start..t.end])
                .collect(),
        })
        .collect();
    let n = names.len();
    let mut groups = UnionFind((0..n).collect());

    // 1. Acronyms defined in brackets.
    let mut definition_of: HashMap<&str, usize> = HashMap::new();
    let by_first_token: HashMap<usize, usize> = names
        .iter()
        .enumerate()
        .map(|(i, name)| (name.mention.first, i))
        .collect();
    for (i, name) in names.iter().enumerate() {
        let m = name.mention;
        if name.words.len() < 2
            || toks
                .get(m.last)
                .is_none_or(|t| &text[t.start..t.end] != "(")
        {
            continue;
        }
        let Some(&j) = by_first_token.get(&(m.last + 1)) else {
            continue;
        };
        let acronym = &names[j];
        let closes = toks
            .get(acronym.mention.last)
            .is_some_and(|t| &text[t.start..t.end] == ")");
        if acronym.words.len() == 1
            && closes
            && is_acronym(acronym.words[0])
            && (initials(&name.words, false) == acronym.key
                || initials(&name.words, true) == acronym.key)
        {
            definition_of.entry(acronym.key.as_str()).or_insert(i);
        }
    }
    // An acronym the text never defines joins the one longer name of the
    // article whose initials it is ("BA" and "British Airways").
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        if name.words.len() >= 2 && name.mention.label != Label::Person {
            let list = by_initials.entry(initials(&name.words, false)).or_default();
            if list.iter().all(|&j| names[j].key != name.key) {
                list.push(i);
            }
        }
    }
    for name in &names {
        if name.words.len() == 1
            && is_acronym(name.words[0])
            && !definition_of.contains_key(name.key.as_str())
        {
            if let Some([only]) = by_initials.get(name.key.as_str()).map(Vec::as_slice) {
                definition_of.insert(name.key.as_str(), *only);
            }
        }
    }
    for (j, name) in names.iter().enumerate() {
        if let Some(&i) = definition_of.get(name.key.as_str()) {
            groups.union(i, j);
        }
    }

    // 2. Short forms of people's names. Full names are indexed by their
    // first and last word; each person (one written full name) keeps its
    // mentions in text order.
    struct Person<'k> {
        key: &'k str,
        mentions: Vec<usize>,
    }
    let mut people_by_word: HashMap<&str, Vec<Person>> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        if name.mention.label != Label::Person || name.words.len() < 2 {
            continue;
        }
        let (first, last) = (name.words[0], name.words[name.words.len() - 1]);
        for word in [first, last] {
            let people = people_by_word.entry(word).or_default();
            match people.iter_mut().find(|p| p.key == name.key) {
                Some(p) if p.mentions.last() != Some(&i) => p.mentions.push(i),
                Some(_) => {}
                None => people.push(Person {
                    key: &name.key,
                    mentions: vec![i],
                }),
            }
        }
    }
    let mut short_linked = vec![false; n];
    for s in 0..n {
        let short = &names[s];
        // "De Wachter" is the short form of "Jeroen De Wachter" as "Putin"
        // is of "Vladimir Putin": a particle and a surname.
        let with_particle = short.words.len() == 2
            && short.mention.label == Label::Person
            && NAME_PARTICLES.contains(&short.words[0].to_lowercase().as_str());
        if !(short.words.len() == 1 || with_particle)
            || definition_of.contains_key(short.key.as_str())
            || (short.mention.evidence.is_strong() && short.mention.label != Label::Person)
            // The learned tagger read the context: "Jordan" the country
            // stays apart from "Michael Jordan".
            || (short.mention.evidence == MODEL_EVIDENCE && short.mention.label != Label::Person)
        {
            continue;
        }
        let Some(people) = people_by_word.get(short.words[short.words.len() - 1]) else {
            continue;
        };
        // A particle and surname must end the full name, as whole words;
        // the short form itself is no full name to join.
        let people: Vec<&Person> = people
            .iter()
            .filter(|p| {
                let words: Vec<&str> = p.key.split(' ').collect();
                !with_particle
                    || words.len() > 2
                        && words[words.len() - 1] == short.words[1]
                        && words[words.len() - 2].eq_ignore_ascii_case(short.words[0])
            })
            .collect();
        if people.is_empty() {
            continue;
        }
        // The person mentioned most recently before the short form; failing
        // that, the first one mentioned after it.
        let latest_before = |p: &Person| {
            let before = p
                .mentions
                .partition_point(|&f| names[f].span.start < short.span.start);
            (before > 0).then(|| p.mentions[before - 1])
        };
        let chosen = people
            .iter()
            .copied()
            .filter_map(latest_before)
            .max_by_key(|&f| names[f].span.start)
            .or_else(|| {
                people
                    .iter()
                    .map(|p| p.mentions[0])
                    .min_by_key(|&f| names[f].span.start)
            });
        if let Some(full) = chosen {
            groups.union(full, s);
            short_linked[s] = true;
        }
    }

    // 3. Same written form (and, from the learned tagger, the same type:
    // "Philadelphia" the city and "Philadelphia" the team stay apart).
    let mut first_with_key: HashMap<(&str, Option<Label>), usize> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        if short_linked[i] {
            continue;
        }
        let label = (name.mention.evidence == MODEL_EVIDENCE).then_some(name.mention.label);
        match first_with_key.get(&(name.key.as_str(), label)) {
            Some(&j) => groups.union(j, i),
            None => {
                first_with_key.insert((name.key.as_str(), label), i);
            }
        }
    }
    // A name in capitals (a dateline's "KRAKÓW", a headline's "PUTIN") is
    // the same name written normally, when the article has it so.
    let mut by_folded: HashMap<(String, Label), usize> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        if !is_shouted(&name.key) {
            by_folded
                .entry((name.key.to_lowercase(), name.mention.label))
                .or_insert(i);
        }
    }
    for (i, name) in names.iter().enumerate() {
        if is_shouted(&name.key) {
            if let Some(&j) = by_folded.get(&(name.key.to_lowercase(), name.mention.label)) {
                groups.union(j, i);
            }
        }
    }

    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let root = groups.find(i);
        members.entry(root).or_default().push(i);
    }
    let mut entities: Vec<Entity> = Vec::with_capacity(members.len());
    for list in members.values() {
        let defined = list
            .iter()
            .copied()
            .find(|&i| definition_of.values().any(|&d| d == i));
        let best = defined.unwrap_or_else(|| {
            list.iter()
                .copied()
                .max_by_key(|&i| {
                    let m = names[i].mention;
                    (
                        m.evidence.is_strong(),
                        names[i].words.len(),
                        m.evidence,
                        usize::MAX - i,
                    )
                })
                .unwrap_or(list[0])
        });
        let fullest = defined.unwrap_or_else(|| {
            list.iter()
                .copied()
                .filter(|&i| {
                    names[i].mention.label == names[best].mention.label || names[i].words.len() > 1
                })
                .max_by_key(|&i| {
                    (
                        names[i].words.len(),
                        !is_shouted(&names[i].key),
                        names[i].key.len(),
                        usize::MAX - i,
                    )
                })
                .unwrap_or(best)
        });
        let mut mentions: Vec<Span> = list.iter().map(|&i| names[i].span).collect();
        mentions.sort();
        let mut label = names[best].mention.label;
        if label == Label::Person && speaks_as_organisation(text, toks, &names, list) {
            label = Label::Org;
        }
        entities.push(Entity {
            id: String::new(),
            label,
            name: names[fullest].key.clone(),
            value: None,
            kb_id: None,
            mentions,
        });
    }

    // Values: one entity per distinct normalised value.
    let mut value_index: HashMap<(Label, String), usize> = HashMap::new();
    for v in values {
        let span = Span::new(toks[v.first].start, toks[v.last - 1].end);
        let written = surface(text, toks, v.first, v.last);
        let key = (
            v.label,
            v.value.clone().unwrap_or_else(|| written.to_lowercase()),
        );
        match value_index.get(&key) {
            Some(&e) => entities[e].mentions.push(span),
            None => {
                value_index.insert(key, entities.len());
                entities.push(Entity {
                    id: String::new(),
                    label: v.label,
                    name: written,
                    value: v.value.clone(),
                    kb_id: None,
                    mentions: vec![span],
                });
            }
        }
    }

    for e in &mut entities {
        e.mentions.sort();
    }
    entities.sort_by_key(|e| e.mentions.first().map_or(usize::MAX, |m| m.start));
    for (i, e) in entities.iter_mut().enumerate() {
        e.id = format!("E{}", i + 1);
    }
    entities
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::tokenize;

    /// Every occurrence of `word` as a one-token name the model called a person.
    fn people_named(text: &str, toks: &[Tok], word: &str) -> Vec<NameMention> {
        toks.iter()
            .enumerate()
            .filter(|(_, t)| &text[t.start..t.end] == word)
            .map(|(i, _)| NameMention {
                first: i,
                last: i + 1,
                label: Label::Person,
                evidence: MODEL_EVIDENCE,
            })
            .collect()
    }

    #[test]
    fn a_person_the_text_treats_as_a_company_becomes_an_organisation() {
        let text = "Drivers for the delivery app Quibbly won their case. Quibbly, which is \
                    based in Lisbon, said the ruling was wrong. Quibbly said it would appeal.";
        let toks = tokenize(text);
        let found = link(text, &toks, &people_named(text, &toks, "Quibbly"), &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].label, Label::Org);
        assert_eq!(found[0].mentions.len(), 3);
    }

    /// Model mentions of the given (words, label) in text order.
    fn mentions_of(text: &str, toks: &[Tok], names: &[(&str, Label)]) -> Vec<NameMention> {
        let mut out = Vec::new();
        let mut from = 0;
        for &(words, label) in names {
            let start = from + text[from..].find(words).expect("name in text");
            let end = start + words.len();
            from = end;
            let first = toks.iter().position(|t| t.start == start).expect("first");
            let last = toks.iter().position(|t| t.end == end).expect("last") + 1;
            out.push(NameMention {
                first,
                last,
                label,
                evidence: MODEL_EVIDENCE,
            });
        }
        out
    }

    #[test]
    fn a_particle_and_surname_join_the_full_name() {
        let text = "Jeroen De Wachter runs the club. De Wachter said the fee was fair.";
        let toks = tokenize(text);
        let names = [
            ("Jeroen De Wachter", Label::Person),
            ("De Wachter", Label::Person),
        ];
        let found = link(text, &toks, &mentions_of(text, &toks, &names), &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name, "Jeroen De Wachter");
        assert_eq!(found[0].mentions.len(), 2);
    }

    #[test]
    fn a_particle_short_form_needs_whole_words_and_may_come_first() {
        let text = "De Wachter spoke first. Jeroen De Wachter runs the club. Linda Silva \
                    and Lula da Silva met. Da Silva said no.";
        let toks = tokenize(text);
        let names = [
            ("De Wachter", Label::Person),
            ("Jeroen De Wachter", Label::Person),
            ("Linda Silva", Label::Person),
            ("Lula da Silva", Label::Person),
            ("Da Silva", Label::Person),
        ];
        let found = link(text, &toks, &mentions_of(text, &toks, &names), &[]);
        let by_name = |n: &str| found.iter().find(|e| e.name == n).expect(n);
        assert_eq!(by_name("Jeroen De Wachter").mentions.len(), 2);
        assert_eq!(by_name("Linda Silva").mentions.len(), 1);
        assert_eq!(by_name("Lula da Silva").mentions.len(), 2);
    }

    #[test]
    fn a_name_in_capitals_joins_the_same_name_written_normally() {
        let text = "KRAKÓW - The tram reached Nowa Huta. Kraków paid for it.";
        let toks = tokenize(text);
        let names = [
            ("KRAKÓW", Label::Loc),
            ("Nowa Huta", Label::Loc),
            ("Kraków", Label::Loc),
        ];
        let found = link(text, &toks, &mentions_of(text, &toks, &names), &[]);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "Kraków");
        assert_eq!(found[0].mentions.len(), 2);
    }

    #[test]
    fn one_sign_of_a_person_keeps_the_label() {
        let text = "The delivery app Quibbly was named after its founder. Quibbly, which \
                    started as a bike courier, is popular. Quibbly said he would appeal.";
        let toks = tokenize(text);
        let found = link(text, &toks, &people_named(text, &toks, "Quibbly"), &[]);
        assert_eq!(found[0].label, Label::Person);
    }
}
