//! The story's stretch of a whole page's text.
//!
//! A scraper that kept the whole visible text of a page hands over menus,
//! headline lists and footers around the story. Prose units (long, or
//! closing a sentence) score their word count; short unpunctuated units
//! (menu items, link lists, labels) score a penalty. The story is the
//! stretch of units with the largest total score (the maximum-sum
//! subarray, as Finn et al.'s Body Text Extraction does over tags and
//! words): headings and captions inside it cost less than the prose
//! around them brings, while a menu of thirty items is a wall.
//!
//! A lone paragraph between headings and labels (a teaser of another
//! story) keeps only part of its score, and readers' comments ("3
//! Comments", "jane says:") end the stretch.
//!
//! To do no harm to text that is already clean, a head or tail outside the
//! stretch goes only when it is clearly furniture: its penalties add up to
//! more than a title, byline and date would, and it holds a sure piece of
//! page chrome (a menu word, a copyright line, a line the furniture rules
//! drop) or is very long.

use crate::rules::{final_mark, is_chrome_line, word_count as unit_words, Unit};
use newsmill_doc::{Removed, RemovedKind};
use regex::Regex;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Menu entries and account links every site carries.
static CHROME_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:home|menu|search|log ?in|log ?out|sign ?in|sign ?up|register|my account|contact(?: us)?|about(?: us)?|privacy(?: policy)?|terms(?: of (?:use|service))?|cookies?(?: policy| settings)?|sitemap|careers|advertise(?: with us)?|share|tweet|facebook|twitter|instagram|linkedin|youtube|pinterest|whatsapp|reddit|email|print|rss|newsletters?|subscribe|previous(?: post| article)?|next(?: post| article)?|close|more)$",
    )
    .expect("built-in pattern is valid")
});

/// The heading of a comment section, or a commenter's "says:" line.
static COMMENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\[(]?\s*(?:\d+\s+)?(?:(?:top rated|top|best|most (?:popular|liked|recent)|latest|newest|oldest|all|readers?'?)\s+)?(?:comments?|responses?|replies|discussion)(?:\s*\(\d+\))?\s*[\])]?\s*:?$|^(?:\d+|one|two|three) (?:thoughts?|responses?|comments?|replies) (?:on|to)(?-u:\b)|^(?:leave|post|add|write|submit) (?:a|your) (?:reply|comment)|^(?:join|start) the (?:discussion|conversation)|^comments are closed|^(?:show|view|load|read) (?:all |the )?(?:\d+ )?comments",
    )
    .expect("built-in pattern is valid")
});

/// A commenter's "jane says:" line; tried only on lines ending in a colon.
static COMMENTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^.{1,40}(?-u:\b)(?:says|said|wrote):$").expect("built-in pattern is valid")
});

/// A comment's time stamp: "2 days ago", "5 hours ago at 07:52 am".
static AGO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\d+|an?|one) (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago(?-u:\b)",
    )
    .expect("built-in pattern is valid")
});

fn is_comments_line(s: &str) -> bool {
    COMMENTS.is_match(s) || (s.ends_with(':') && COMMENTER.is_match(s))
}

/// Penalty mass a head or tail must reach before it is cut.
const EDGE_MASS: f64 = 6.0;
/// An edge this long is cut without a sure piece of chrome in it.
const CHROME_FREE_UNITS: usize = 150;
/// Menu items in a row (one to three words, no figures) that make a menu.
const MENU_RUN: usize = 6;
/// What a paragraph with no prose neighbour keeps of its score, less a cost.
const ISOLATED_SHARE: f64 = 0.25;
const ISOLATED_COST: f64 = 4.0;

/// How much a unit says "story" (positive) or "page furniture" (negative).
fn score(unit: &Unit) -> f64 {
    let text = unit.text.as_str();
    let (letters, chars, ideographs, punctuated) = letter_counts(text);
    // Ideographic scripts write no spaces: two characters count as a word.
    let words = unit_words(text) as f64 + ideographs as f64 / 2.0;
    let mark = final_mark(text);
    let sentence_end = matches!(
        mark,
        Some('.' | '!' | '?' | '…' | '"' | '”' | '。' | '！' | '？' | '」' | '』')
    );
    // Breadcrumbs, share bars, tickers: few letters for their length.
    if letters * 2 < chars.max(1) {
        return -1.5 - 0.25 * words.min(20.0);
    }
    // Long runs of words without any punctuation are tag clouds and menus.
    if words >= 8.0
        && (sentence_end
            || (words >= 16.0 && punctuated)
            || matches!(mark, Some(':' | ';' | ',' | '：')))
    {
        words
    } else if words >= 4.0 && sentence_end {
        words * 0.5
    } else {
        -1.5 - 0.25 * words.min(20.0)
    }
}

const LETTER: u8 = 1;
const PUNCT: u8 = 2;
static ASCII_CLASS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphabetic() {
            LETTER
        } else if matches!(byte, b'.' | b',' | b';' | b'!' | b'?') {
            PUNCT
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Letters, characters, ideographs and whether inner punctuation occurs.
/// ASCII stretches are counted a block at a time (the compiler vectorises
/// them); only other characters are decoded.
fn letter_counts(text: &str) -> (usize, usize, usize, bool) {
    let (mut letters, mut chars, mut ideographs, mut punctuated) = (0usize, 0usize, 0usize, false);
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // One scalar pass over the ASCII stretch: units are short, and one
        // pass beats several vectorised ones that never warm up.
        let mut ascii_end = at;
        while let Some(&b) = bytes.get(ascii_end).filter(|b| **b < 0x80) {
            let class = ASCII_CLASS[b as usize];
            letters += usize::from(class & LETTER);
            punctuated |= class & PUNCT != 0;
            ascii_end += 1;
        }
        chars += ascii_end - at;
        at = ascii_end;
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        at += c.len_utf8();
        chars += 1;
        if is_ideograph(c) {
            letters += 1;
            ideographs += 1;
        } else if is_letter(c) {
            letters += 1;
        } else if matches!(c, '。' | '、' | '，') {
            punctuated = true;
        }
    }
    (letters, chars, ideographs, punctuated)
}

/// `char::is_alphabetic`, answered without a table search for the
/// Cyrillic alphabet and the General Punctuation block.
fn is_letter(c: char) -> bool {
    match c as u32 {
        0x400..=0x481 => true,
        0x2000..=0x206F => false,
        _ => c.is_alphabetic(),
    }
}

fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Headline-led units in a row that make a list of other stories.
const TEASER_RUN: usize = 3;

/// Function words a headline capitalises and running prose does not.
const HEADLINE_SMALL_WORDS: &[&str] = &[
    "Of", "To", "In", "At", "For", "After", "With", "On", "By", "From", "And", "Over", "Into",
    "About", "Against", "Amid", "As", "Is", "Are", "Be",
];

/// A unit that opens with a title-case headline ("Police: 2 In Custody
/// After Death Of ...") glued to more text: a teaser in a list of stories.
fn headline_led(text: &str) -> bool {
    let mut capitalised = 0;
    let mut small_words = 0;
    for word in text.split(' ').take(10) {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = word.chars().next() else {
            continue;
        };
        // Figures neither make nor break a headline ("2 In Custody").
        if first.is_ascii_digit() {
            continue;
        }
        if !first.is_uppercase() {
            break;
        }
        capitalised += 1;
        if capitalised > 1 && HEADLINE_SMALL_WORDS.contains(&word) {
            small_words += 1;
        }
    }
    capitalised >= 5 && (small_words >= 1 || capitalised >= 6) && unit_words(text) > capitalised + 3
}

/// Where readers' comments begin: a comment heading, or the second
/// commenter line ("jane says:") close after another. Only after some
/// story, so a clean article mentioning comments keeps its text.
fn comments_start(units: &[Unit], scores: &[f64]) -> Option<usize> {
    let mut story = 0.0;
    let mut last_says: Option<usize> = None;
    let mut last_stamp: Option<usize> = None;
    for (i, unit) in units.iter().enumerate() {
        // Two comment time stamps close together: the thread began at the
        // first, with its commenter's name just above it.
        if story >= 40.0 && unit.text.len() <= 40 && AGO.is_match(&unit.text) {
            if let Some(prev) = last_stamp.filter(|p| i - p <= 12) {
                let named = prev > 0 && {
                    let name = &units[prev - 1].text;
                    unit_words(name) <= 3 && final_mark(name).is_some_and(char::is_alphanumeric)
                };
                return Some(if named { prev - 1 } else { prev });
            }
            last_stamp = Some(i);
        }
        if story >= 40.0 && unit.text.len() <= 80 && is_comments_line(&unit.text) {
            let says = unit.text.ends_with(':') && !unit.text.eq_ignore_ascii_case("comments:");
            if !says {
                return Some(i);
            }
            if let Some(prev) = last_says.filter(|p| i - p <= 12) {
                return Some(prev);
            }
            last_says = Some(i);
        }
        story += scores[i].max(0.0);
    }
    None
}

/// A menu in any language: a run of one-to-three-word labels. Figures
/// mark rankings and results tables, which are content.
fn has_menu_run(units: &[Unit]) -> bool {
    let mut run = 0;
    for unit in units {
        let label = unit_words(&unit.text) <= 3 && !unit.text.bytes().any(|b| b.is_ascii_digit());
        run = if label { run + 1 } else { 0 };
        if run >= MENU_RUN {
            return true;
        }
    }
    false
}

/// Words from which a unit may be the whole story flattened into one line.
const FLATTENED_WORDS: usize = 50;
/// Opening bytes by which the paragraphs of a copy are looked up.
const OPENING: usize = 24;
/// Paragraphs sharing an opening beyond which none is looked for.
const SHARED_OPENINGS: usize = 4;
/// Paragraphs of the page a flattened copy must contain.
const FLATTENED_PARTS: usize = 3;

/// Drop copies of the story inside a whole page's text: a unit that holds
/// several of the page's paragraphs run together is the story again (from
/// structured data or a hidden copy). Repeated lines are left to the
/// rules: in recipes and tables they are content.
pub(crate) fn drop_story_copies(units: Vec<Unit>) -> (Vec<Unit>, Vec<Removed>) {
    let words: Vec<usize> = units.iter().map(|u| unit_words(&u.text)).collect();
    let mut copy = vec![false; units.len()];
    if !words.iter().any(|w| *w >= FLATTENED_WORDS) {
        return (units, Vec::new());
    }
    // Paragraphs by their opening bytes: a copy holds them at sentence starts.
    // An opening many paragraphs share is a repeated label, not a story's
    // paragraph: dropping it keeps the search linear on any page.
    let mut by_opening: FxHashMap<&[u8], Vec<usize>> = FxHashMap::default();
    for (j, unit) in units.iter().enumerate() {
        if words[j] >= 10 && unit.text.len() >= OPENING {
            by_opening
                .entry(&unit.text.as_bytes()[..OPENING])
                .or_default()
                .push(j);
        }
    }
    by_opening.retain(|_, list| list.len() <= SHARED_OPENINGS);
    for (i, unit) in units.iter().enumerate() {
        if words[i] < FLATTENED_WORDS {
            continue;
        }
        let text = unit.text.as_bytes();
        let mut parts: Vec<usize> = Vec::new();
        // After a full stop, question or exclamation mark, a closing quote
        // (straight, or the last byte of '”') or bracket, and a space. The
        // marks are found by memchr, a sentence apart rather than a word.
        let after_mark = |at: usize| (text.get(at + 1) == Some(&b' ')).then_some(at + 2);
        let sentence_starts = std::iter::once(0)
            .chain(memchr::memchr3_iter(b'.', b'!', b'?', text).filter_map(after_mark))
            .chain(memchr::memchr3_iter(b'"', b')', 0x9D, text).filter_map(after_mark));
        for at in sentence_starts {
            let Some(opening) = text.get(at..at + OPENING) else {
                break;
            };
            for &j in by_opening.get(opening).into_iter().flatten() {
                if j != i
                    && words[j] * 2 < words[i]
                    && text[at..].starts_with(units[j].text.as_bytes())
                    && !parts.contains(&j)
                {
                    parts.push(j);
                }
            }
            if parts.len() >= FLATTENED_PARTS {
                copy[i] = true;
                break;
            }
        }
    }
    crate::rules::split_off(units, &copy, RemovedKind::Repeated)
}

/// Keep the story's stretch of `units`; the rest goes to `removed`.
pub(crate) fn main_stretch(units: Vec<Unit>) -> (Vec<Unit>, Vec<Removed>) {
    let mut scores: Vec<f64> = units.iter().map(score).collect();
    // Stories run paragraph after paragraph; a lone paragraph between
    // headings and labels is a teaser of another story.
    let prose: Vec<bool> = scores.iter().map(|s| *s > 0.0).collect();
    for i in 0..scores.len() {
        let next_to_prose = (i > 0 && prose[i - 1]) || prose.get(i + 1).copied().unwrap_or(false);
        if prose[i] && !next_to_prose {
            scores[i] = scores[i] * ISOLATED_SHARE - ISOLATED_COST;
        }
    }
    // Lists of other stories glue each headline to its teaser.
    let mut i = 0;
    while i < units.len() {
        let run = units[i..]
            .iter()
            .take_while(|u| headline_led(&u.text))
            .count();
        if run >= TEASER_RUN {
            for (s, unit) in scores[i..i + run].iter_mut().zip(&units[i..i + run]) {
                *s = -1.5 - 0.25 * (unit_words(&unit.text) as f64).min(20.0);
            }
        }
        i += run.max(1);
    }
    if let Some(at) = comments_start(&units, &scores) {
        // Readers' comments are never the story: the stretch ends before them.
        for s in &mut scores[at..] {
            *s = -1e6;
        }
    }
    // Kadane's algorithm: the best-scoring contiguous stretch.
    let (mut best, mut best_range) = (f64::MIN, (0, 0));
    let (mut run, mut run_start) = (0.0, 0);
    for (i, &s) in scores.iter().enumerate() {
        if run <= 0.0 {
            run = 0.0;
            run_start = i;
        }
        run += s;
        if run > best {
            best = run;
            best_range = (run_start, i + 1);
        }
    }
    if best <= 0.0 {
        return (units, Vec::new());
    }
    let (mut start, mut end) = best_range;
    let mass = |range: &[f64]| -range.iter().filter(|s| **s < 0.0).sum::<f64>();
    // An edge goes when it weighs enough and shows it is a page's chrome.
    let chrome = |range: &[Unit]| {
        range.len() >= CHROME_FREE_UNITS
            || has_menu_run(range)
            || range.iter().any(|u| {
                u.text.contains('©') || CHROME_WORD.is_match(&u.text) || is_chrome_line(&u.text)
            })
    };
    if mass(&scores[..start]) < EDGE_MASS || !chrome(&units[..start]) {
        start = 0;
    }
    if end < units.len() && (mass(&scores[end..]) < EDGE_MASS || !chrome(&units[end..])) {
        end = units.len();
    }
    if start == 0 && end == units.len() {
        return (units, Vec::new());
    }
    let mut removed = Vec::new();
    let mut kept = Vec::with_capacity(end - start);
    for (i, unit) in units.into_iter().enumerate() {
        if (start..end).contains(&i) {
            kept.push(unit);
        } else {
            let kind = if scores[i] < 0.0 {
                RemovedKind::Navigation
            } else {
                RemovedKind::Boilerplate
            };
            removed.push(Removed {
                kind,
                text: unit.text,
            });
        }
    }
    (kept, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_letter_shortcut_agrees_with_the_unicode_tables() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn headlines_glued_to_teasers_are_told_from_prose() {
        assert!(headline_led(
            "Police: 2 In Custody After Death Of Student The two were arrested on Sunday."
        ));
        assert!(headline_led(
            "Tape Gaffe Ends Hamlin's Title Run Denny Hamlin's run was foiled by the tape."
        ));
        // Prose, and results lines whose capitals are names and figures.
        assert!(!headline_led(
            "The ferry operator said on Monday that it would add two crossings."
        ));
        assert!(!headline_led(
            "Wild 4, Sabres 1: Zach Parise scored twice and Minnesota beat Buffalo."
        ));
        assert!(!headline_led("Council To Vote On New Tram Line"));
    }

    #[test]
    fn a_thread_of_time_stamped_comments_ends_the_story() {
        let story = "The ferry operator said on Monday that it would add two evening crossings from March, after a long winter. ";
        let text = format!(
            "{}\n\nharbourfan\n2 days ago at 07:52 am\nAbout time, the queues have been ridiculous.\noldtowner\n5 hours ago\nNobody asked us about the late boats.",
            story.repeat(4)
        );
        let units = crate::rules::split_plain(&text);
        let scores: Vec<f64> = units.iter().map(score).collect();
        let at = comments_start(&units, &scores).expect("comments found");
        assert_eq!(units[at].text, "harbourfan");
    }

    #[test]
    fn counts_letters_characters_and_punctuation_across_scripts() {
        assert_eq!(letter_counts("Hi, там — 東京"), (7, 12, 2, true));
        assert_eq!(letter_counts("12 34"), (0, 5, 0, false));
        assert_eq!(letter_counts(""), (0, 0, 0, false));
        assert_eq!(letter_counts("東京。"), (2, 3, 2, true));
    }
}
