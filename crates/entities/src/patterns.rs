//! Users' own names: a gazetteer in spaCy's EntityRuler JSONL format, one
//! `{"label": .., "pattern": .., "id": ..}` object a line.
//!
//! A pattern is a string ("Acme Widgets", matched as written) or a list of
//! token dicts with `ORTH` (as written) or `LOWER` (any case) for each
//! token (`[{"LOWER": "acme"}, {"LOWER": "widgets"}]`), matched with the
//! tokens one space apart. Matches start and end on token edges and win
//! over the learned tagger; the longest match wins where patterns overlap.
//! Labels are newsmill's (PERSON, ORG, LOC, NORP, EVENT, MISC) or spaCy's
//! (GPE and FAC read as LOC, other name labels as MISC).

use crate::scan::Tok;
use crate::EntitiesError;
use aho_corasick::{AhoCorasick, MatchKind};
use newsmill_doc::Label;

/// One compiled set of patterns.
#[derive(Debug, Clone)]
pub struct Patterns {
    exact: Option<AhoCorasick>,
    any_case: Option<AhoCorasick>,
    exact_rules: Vec<Rule>,
    any_case_rules: Vec<Rule>,
}

/// What a pattern gives the text it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub label: Label,
    /// The pattern's `id` (a knowledge-base id), when it has one.
    pub id: Option<String>,
}

/// A pattern match: tokens `first..last` of the scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PatternMatch {
    pub first: usize,
    pub last: usize,
    pub label: Label,
    pub id: Option<String>,
}

fn label_of(name: &str) -> Option<Label> {
    if let Ok(label) = name.parse::<Label>() {
        return Some(label);
    }
    match name.to_ascii_uppercase().as_str() {
        "PER" => Some(Label::Person),
        "GPE" | "FAC" | "LOCATION" => Some(Label::Loc),
        "ORGANIZATION" | "ORGANISATION" => Some(Label::Org),
        "PRODUCT" | "WORK_OF_ART" | "LAW" | "LANGUAGE" => Some(Label::Misc),
        _ => None,
    }
}

impl Patterns {
    /// Reads EntityRuler JSONL; blank lines are skipped, any other line that
    /// is not a usable pattern is an error naming its line.
    pub fn from_jsonl(jsonl: &str) -> Result<Patterns, EntitiesError> {
        let mut exact: Vec<(String, Rule)> = Vec::new();
        let mut any_case: Vec<(String, Rule)> = Vec::new();
        for (index, line) in jsonl.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let err = |message: String| EntitiesError::Gazetteer {
                line: index + 1,
                message,
            };
            let value: serde_json::Value =
                serde_json::from_str(line).map_err(|e| err(format!("not JSON: {e}")))?;
            let label = value
                .get("label")
                .and_then(|l| l.as_str())
                .ok_or_else(|| err("no \"label\"".into()))?;
            let label = label_of(label).ok_or_else(|| err(format!("unknown label {label:?}")))?;
            let id = value.get("id").and_then(|i| match i {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            });
            let rule = Rule { label, id };
            match value.get("pattern") {
                Some(serde_json::Value::String(s)) if !s.trim().is_empty() => {
                    exact.push((s.split_whitespace().collect::<Vec<_>>().join(" "), rule));
                }
                Some(serde_json::Value::Array(tokens)) if !tokens.is_empty() => {
                    let mut words = Vec::with_capacity(tokens.len());
                    let mut lower = false;
                    for t in tokens {
                        if let Some(w) = t.get("ORTH").and_then(|w| w.as_str()) {
                            words.push(w.to_string());
                        } else if let Some(w) = t.get("LOWER").and_then(|w| w.as_str()) {
                            lower = true;
                            words.push(w.to_lowercase());
                        } else {
                            return Err(err(
                                "only ORTH and LOWER token patterns are supported".into()
                            ));
                        }
                    }
                    let text = words.join(" ");
                    if lower {
                        any_case.push((text, rule));
                    } else {
                        exact.push((text, rule));
                    }
                }
                _ => {
                    return Err(err(
                        "\"pattern\" must be a string or a list of tokens".into()
                    ))
                }
            }
        }
        let build = |list: &[(String, Rule)], any_case: bool| {
            if list.is_empty() {
                return Ok(None);
            }
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(any_case)
                .build(list.iter().map(|(p, _)| p.as_str()))
                .map(Some)
                .map_err(|e| EntitiesError::Gazetteer {
                    line: 0,
                    message: format!("patterns: {e}"),
                })
        };
        Ok(Patterns {
            exact: build(&exact, false)?,
            any_case: build(&any_case, true)?,
            exact_rules: exact.into_iter().map(|(_, r)| r).collect(),
            any_case_rules: any_case.into_iter().map(|(_, r)| r).collect(),
        })
    }

    pub fn len(&self) -> usize {
        self.exact_rules.len() + self.any_case_rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Matches on token edges, longest first, none overlapping.
    pub(crate) fn find(&self, text: &str, toks: &[Tok]) -> Vec<PatternMatch> {
        let mut found: Vec<PatternMatch> = Vec::new();
        for (automaton, rules) in [
            (&self.exact, &self.exact_rules),
            (&self.any_case, &self.any_case_rules),
        ] {
            let Some(automaton) = automaton else { continue };
            for m in automaton.matches_from_each_start(text) {
                let first = toks.partition_point(|t| t.start < m.start());
                let last = toks.partition_point(|t| t.end <= m.end());
                if first >= last || toks[first].start != m.start() || toks[last - 1].end != m.end()
                {
                    continue;
                }
                let rule = &rules[m.pattern().as_usize()];
                found.push(PatternMatch {
                    first,
                    last,
                    label: rule.label,
                    id: rule.id.clone(),
                });
            }
        }
        // Longest first, then earliest; keep those that overlap nothing kept.
        found.sort_by_key(|m| (usize::MAX - (m.last - m.first), m.first));
        let mut taken = vec![false; toks.len()];
        let mut kept = Vec::new();
        for m in found {
            if taken[m.first..m.last].iter().any(|&t| t) {
                continue;
            }
            taken[m.first..m.last].fill(true);
            kept.push(m);
        }
        kept.sort_by_key(|m| m.first);
        kept
    }
}

trait EachStart {
    fn matches_from_each_start<'a>(&'a self, text: &'a str) -> Vec<aho_corasick::Match>;
}

impl EachStart for AhoCorasick {
    /// The leftmost-longest match from each start position, so that a match
    /// inside a word ("Acme" in "Acmeville") does not hide one on token
    /// edges further on. Leftmost-longest automata cannot search
    /// overlapping, hence the restarts.
    fn matches_from_each_start<'a>(&'a self, text: &'a str) -> Vec<aho_corasick::Match> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let input = aho_corasick::Input::new(text).span(at..text.len());
            let Some(m) = self.find(input) else { break };
            out.push(m);
            // Next search from the character after this match's start.
            at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
        out
    }
}
