//! Furniture rules shared by the plain-text and HTML paths.
//!
//! Input is a list of [`Unit`]s (paragraph candidates in reading order, each
//! knowing the blank-line block it came from); output is the body, the
//! metadata lifted from it and every removed piece.

use crate::dates::parse_date_line;
use crate::{CleanOptions, Cleaned};
use aho_corasick::AhoCorasick;
use newsmill_doc::{Meta, Removed, RemovedKind, Span};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// A paragraph candidate.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// Whitespace-collapsed text, never empty.
    pub text: String,
    /// Units of one blank-line block (or one HTML block element) share this.
    pub block: usize,
    /// A list item.
    pub bullet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Keep,
    /// Removed wherever it stands.
    Drop(RemovedKind),
    /// Removed only inside the furniture zone at the bottom.
    Weak(RemovedKind),
}

/// The lazy DFA's cache is sized so that Unicode-aware patterns stop
/// rebuilding states on every line of a long page.
const DFA_CACHE: usize = 8 << 20;

fn regex(pattern: &str) -> Regex {
    RegexBuilder::new(pattern)
        .dfa_size_limit(DFA_CACHE)
        .build()
        .expect("built-in pattern is valid")
}

/// Menus, buttons and one-line pitches are short; longer units are prose.
const PAGE_CHROME_WORDS: usize = 25;

static CREDIT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\(?(?:photo(?:graph)?s?|images?|pictures?|illustrations?|credits?|photo credit|image credit|image source|source|video|graphic)\s*:",
    )
});
static CREDIT_MARK: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"(?i:getty\s*images|shutterstock|(?-u:\b)alamy(?-u:\b)|(?-u:\b)istock(?:photo)?(?-u:\b)|via getty|(?-u:\b)getty(?-u:\b)|(?-u:\b)courtesy of(?-u:\b)|(?-u:\b)photo(?:graph)?s? by(?-u:\b)|(?-u:\b)photo(?:graph)?s?\s*:|(?-u:\b)image\s*:|(?-u:\b)credit\s*:)",
        r"|(?-u:\b)AP Photo(?-u:\b)|(?-u:\b)AP(?-u:\b)/|/AP(?-u:\b)|(?-u:\b)AFP(?-u:\b)|(?-u:\b)REUTERS(?-u:\b)|(?-u:\b)Reuters/|/Reuters(?-u:\b)|(?-u:\b)EPA(?:-EFE)?(?-u:\b)|(?-u:\b)PA (?:Wire|Media|Images)(?-u:\b)|(?-u:\b)Xinhua(?-u:\b)|(?-u:\b)AAP(?: Image)?(?-u:\b)|(?-u:\b)Bloomberg via(?-u:\b)|(?-u:\b)SOPA Images(?-u:\b)|(?-u:\b)NurPhoto(?-u:\b)|(?-u:\b)Anadolu(?-u:\b)"
    ))
});
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| regex(r#"[.!?…]["'”’)\]]*\s+["“‘(]?\p{Lu}"#));
const BIO_HEADING_RE: &str = r"(?i)^(?:about|meet) the (?:authors?|writers?|reporters?|journalists?|contributors?|editors?)\s*:?$|^(?i:author bio|about me|about us)\s*:?$";
static BIO_HEADING: LazyLock<Regex> = LazyLock::new(|| regex(BIO_HEADING_RE));
const BIO_SENTENCE_RE: &str = r"^(?P<name>\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})\s+(?:is|was|has been|joined \S+ as)\s+(?:an?|[Tt]he)\s+(?:[\p{L}'’-]+,?\s+){0,6}?(?:reporter|correspondent|editor|writer|journalist|columnist|contributor|producer|analyst|author|intern|critic|photographer|photojournalist|anchor|host|fellow|freelancer)s?(?-u:\b)";
static BIO_SENTENCE: LazyLock<Regex> = LazyLock::new(|| regex(BIO_SENTENCE_RE));
static OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^[^.]*?(?-u:\b)(?:at|for|with)\s+(?P<outlet>(?:The\s+)?\p{Lu}[\p{L}\p{N}&'’-]*(?:\.com)?(?:\s+\p{Lu}[\p{L}\p{N}&'’-]*){0,3})",
    )
});
static OUTLET_POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"\s(?:is|was|has been)\s+(?P<outlet>(?:The\s+)?\p{Lu}[\p{L}\p{N}&-]*(?:\s+\p{Lu}[\p{L}\p{N}&-]*){0,3})['’]s\s",
    )
});
/// Calls to action anywhere in a line.
const CTA_FLOATING_RE: &str = r"(?i)(?-u:\b)click here(?-u:\b)|(?-u:\b)tap here(?-u:\b)|(?-u:\b)read more\s*(?:»|›|>|…|\.\.\.)?\s*$";
/// Calls to action that open a line.
const CTA_RE: &str = r"(?i)^read more(?-u:\b)|^(?:share|tweet|email|pin) (?:this|on|via)(?-u:\b)|^follow (?:us|@|\S+ on (?:twitter|x|facebook|instagram|linkedin|threads|bluesky))|^(?:continue reading|keep reading|read the full|read next|listen to (?:this|the) (?:article|story)|download (?:the|our) \S* ?app)(?-u:\b)|^(?:share|print|email|comments?|share this(?: article| story)?)$";
const NAVIGATION_RE: &str = r"(?i)^(?:related(?: (?:articles?|stories|content|coverage|topics|reading|links?))?|see also|also read|read also|more from [\w .]{1,30}|most (?:read|popular|viewed)|trending(?: now)?|recommended(?: for you| reading)?|you may also like|you might also like|more on this(?: story)?|top stories|latest news|skip to (?:main )?content|back to top|jump to)\s*(?::|$)";
static BREADCRUMB_SEP: LazyLock<Regex> = LazyLock::new(|| regex(r"\s(?:>|›|»|\||/|·)\s"));
const PROMO_LINE_RE: &str = r"(?i)^(?:(?:please )?(?:donate|support us)(?-u:\b)|support \S+ (?:and|so|by|today|with)(?-u:\b)|sign up(?-u:\b)|subscribe(?-u:\b)|get (?:our|the|breaking)(?-u:\b).{0,60}(?-u:\b)(?:newsletters?|alerts?|inbox)(?-u:\b)|join (?:\d[\d,.]*|our|the)(?-u:\b).{0,40}(?-u:\b)(?:readers|subscribers|members|newsletter|community)(?-u:\b)|become an? (?:member|subscriber|supporter)(?-u:\b)|support (?:our|independent|quality) journalism(?-u:\b)|already an? (?:subscriber|member)(?-u:\b)|start your free trial(?-u:\b)|(?:try|start) (?:\S+ ){0,2}free trial(?-u:\b)|try (?:it|us) (?:for )?free(?-u:\b)|unlock (?:this|unlimited|full)(?-u:\b)|this (?:article|story|content) is (?:for|exclusive to) (?:subscribers|members))";
const NEWSLETTER_RE: &str = r"(?i)(?-u:\b)newsletters?(?-u:\b).*(?-u:\b)(?:sign up|subscribe|inbox|delivered)(?-u:\b)|(?-u:\b)(?:sign up|subscribe)(?-u:\b).*(?-u:\b)newsletters?(?-u:\b)";
const BOILERPLATE_LINE_RE: &str = r"(?i)^(?:advertisement|advertising|ad|adverts?|breaking news|caption|(?:close|hide|toggle) caption|this (?:slideshow|gallery|video|content|page) requires javascript\.?|\[(?:button|caption|embed|gallery|video|audio|playlist|contact-form-7|mc4wp_form|share|social)(?: [^\]]*)?\](?:.*\[/(?:button|caption|embed|gallery|video|audio|playlist|share|social)\])?|sponsored(?: content)?|story continues below(?: advertisement)?|article continues below(?: advertisement)?|scroll to continue(?: with content)?|loading\.*|please enable javascript.*|watch(?: the)? video|play video|image \d+ of \d+|\d+ of \d+)$";
const DISCLAIMER_RE: &str = r"(?i:©|\(c\) \d{4}|(?-u:\b)copyright (?:©|\(c\)|\d{4})|(?-u:\b)all rights reserved(?-u:\b)|(?-u:\b)may (?:earn|receive|get) (?:a )?(?:small )?(?:commission|compensation)|(?-u:\b)affiliate (?:links?|commission)|(?-u:\b)this (?:article|story|content|report) (?:was|is|has been) (?:produced|written|created|generated|translated|edited) (?:with|by|using)(?-u:\b)[^.]{0,40}(?-u:\b)(?:AI|artificial intelligence|automated)|(?-u:\b)not (?:intended as|constitute) (?:financial|investment|medical|legal) advice)";
const MISSION_RE: &str = r"(?i)(?-u:\b)(?:is|are|remains?) (?:committed|dedicated) to(?-u:\b)|(?-u:\b)our mission(?-u:\b)|(?-u:\b)independent journalism(?-u:\b)|(?-u:\b)journalism (?:you can|that) \w+|(?-u:\b)trusted (?:news|journalism)(?-u:\b)";
/// "This article was written with the help of AI": the AI mention alone is
/// news, the newsroom context makes it a disclosure.
static AI_USE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?-u:\b)(?:uses?|using|used|with|generated (?:by|with)|help of|assisted by)\s+(?:AI(?-u:\b)|(?i:artificial intelligence))",
    )
});
static NEWSROOM: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)newsroom|editorial|this (?:article|story|content|summary|report)|our (?:journalism|reporting|editors|journalists|content)",
    )
});
static MISSION: LazyLock<Regex> = LazyLock::new(|| regex(MISSION_RE));
static PROMO_PERK: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?-u:\b)(?:subscri\w*|ad-free|ad free|newsletters?|magazine|apps?|membership|premium|unlimited|deliver\w*|podcasts?|discounts?|free trial|comment on|e-?paper|digital edition|crosswords?|puzzles?|rewards?|perks?|insider)(?-u:\b)",
    )
});
const REPORTING_BY_RE: &str =
    r"(?i)^\(?(?:additional )?(?:reporting|writing|compiled|edited|editing) by(?-u:\b)";
static REPORTING_BY: LazyLock<Regex> = LazyLock::new(|| regex(REPORTING_BY_RE));
static BYLINE_BY: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(?:By|BY|by|Written by|Words by|Story by|Report by|Reporting by)\s*:?\s+(?P<rest>.+)$")
});
static BYLINE_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\s*(?:,|;|\||(?-u:\b)and(?-u:\b)|&|—|–|\s-\s|/)\s*"));
static DATELINE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?P<dl>\p{Lu}[\p{L}.'’-]*(?:[\s/]+\p{Lu}[\p{L}.'’-]*){0,3}(?:,\s*(?:\p{Lu}[\p{L}.]*\.?\s+\d{1,2}(?:,\s*\d{4})?|\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)?)){0,2}\s*\((?:Reuters|REUTERS|AP|AFP|Bloomberg|CNN|UPI|dpa|DPA|Xinhua|IANS|PTI|ANI|Kyodo|Yonhap|TASS|AAP|CP|BNS|Interfax|The Associated Press|Associated Press)\))\s*(?:-{1,2}|—|–|:)\s*",
    )
});
static DATELINE_CAPS: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?P<dl>\p{Lu}[\p{Lu}.'’-]{2,}(?:[\s/]+\p{Lu}[\p{Lu}.'’-]+){0,3}(?:,\s*(?:\p{Lu}[\p{L}.]*\.?\s+\d{1,2}(?:,\s*\d{4})?|\p{Lu}[\p{L}.]+))?)\s*(?:—|–|--|-)\s+",
    )
});

/// The line rules that open a line, in one automaton: it stops a few bytes
/// into most lines.
static ANCHORED_RULES: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSetBuilder::new([
        BOILERPLATE_LINE_RE,
        NAVIGATION_RE,
        BIO_HEADING_RE,
        PROMO_LINE_RE,
        CTA_RE,
        REPORTING_BY_RE,
        BIO_SENTENCE_RE,
    ])
    .dfa_size_limit(DFA_CACHE)
    .build()
    .expect("built-in patterns are valid")
});
/// The line rules that match anywhere in a line. Scanning every line with
/// them is the costly part, so a line is scanned only when it holds one of
/// [`FLOATING_KEYWORDS`], which every match of these rules contains.
static FLOATING_RULES: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSetBuilder::new([CTA_FLOATING_RE, NEWSLETTER_RE, DISCLAIMER_RE, MISSION_RE])
        .dfa_size_limit(DFA_CACHE)
        .build()
        .expect("built-in patterns are valid")
});
static FLOATING_KEYWORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            // CTA_FLOATING_RE
            "click here",
            "tap here",
            "read more",
            // NEWSLETTER_RE
            "newsletter",
            // DISCLAIMER_RE
            "©",
            "(c) ",
            "copyright",
            "all rights reserved",
            "commission",
            "compensation",
            "affiliate",
            "this article",
            "this story",
            "this content",
            "this report",
            "advice",
            // MISSION_RE
            "committed to",
            "dedicated to",
            "our mission",
            "journalism",
            "trusted news",
        ])
        .expect("built-in keywords are valid")
});
const SET_BOILERPLATE_LINE: usize = 0;
const SET_NAVIGATION: usize = 1;
const SET_BIO_HEADING: usize = 2;
const SET_PROMO_LINE: usize = 3;
const SET_CTA: usize = 4;
const SET_REPORTING_BY: usize = 5;
const SET_BIO_SENTENCE: usize = 6;
/// Floating rules, numbered after the anchored ones.
const SET_CTA_FLOATING: usize = 7;
const SET_NEWSLETTER: usize = 8;
const SET_DISCLAIMER: usize = 9;
const SET_MISSION: usize = 10;

/// Which line rules `s` matches, as a bit per `SET_` index.
fn line_rule_hits(s: &str) -> u16 {
    let mut hits = 0u16;
    for i in ANCHORED_RULES.matches(s).iter() {
        hits |= 1 << i;
    }
    // The rules fold case by Unicode; the keywords by ASCII. Only 'ſ' and
    // the Kelvin sign fold to ASCII letters: a line with one is scanned.
    if FLOATING_KEYWORDS.is_match(s) || (!s.is_ascii() && s.contains(['ſ', '\u{212A}'])) {
        for i in FLOATING_RULES.matches(s).iter() {
            hits |= 1 << (SET_CTA_FLOATING + i);
        }
    }
    // One rule, two automata.
    if hits & (1 << SET_CTA_FLOATING) != 0 {
        hits |= 1 << SET_CTA;
    }
    hits
}

const ROLE_WORDS: &[&str] = &[
    "reporter",
    "correspondent",
    "editor",
    "writer",
    "journalist",
    "columnist",
    "contributor",
    "staff",
    "producer",
    "analyst",
    "desk",
    "bureau",
    "team",
    "newsroom",
    "author",
    "reporters",
    "editors",
    "writers",
    "correspondents",
    "contributors",
    "photographer",
    "critic",
    "intern",
];
const AGENCIES: &[&str] = &[
    "reuters",
    "ap",
    "afp",
    "bloomberg",
    "associated press",
    "the associated press",
    "upi",
    "dpa",
    "xinhua",
    "pa",
    "aap",
    "cnn",
    "bbc",
    "staff",
];
const NAME_PARTICLES: &[&str] = &[
    "de", "van", "von", "da", "del", "der", "la", "le", "bin", "al", "di", "du", "dos", "el",
    "ter", "ten", "y", "bint", "ibn",
];

/// Words in a whitespace-collapsed string.
pub(crate) fn word_count(s: &str) -> usize {
    if s.is_empty() {
        0
    } else {
        // A sum of 0/1 bytes in blocks: the compiler vectorises it, where a
        // filtered count it does not.
        let spaces: usize = s
            .as_bytes()
            .chunks(255)
            .map(|chunk| {
                chunk
                    .iter()
                    .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b' '))) as usize
            })
            .sum();
        spaces + 1
    }
}

/// Final character, looking through closing quotes and brackets.
pub(crate) fn final_mark(s: &str) -> Option<char> {
    // Byte-wise from the end: '”' and '’' end in E2 80 9D / E2 80 99, '»'
    // in C2 BB; every other closer is ASCII.
    let bytes = s.as_bytes();
    let mut end = bytes.len();
    loop {
        match bytes[..end] {
            [.., b'"' | b'\'' | b')' | b']' | b'*'] => end -= 1,
            [.., 0xE2, 0x80, 0x9D | 0x99] => end -= 3,
            [.., 0xC2, 0xBB] => end -= 2,
            _ => break,
        }
    }
    s[..end].chars().next_back()
}

fn ends_sentence(s: &str) -> bool {
    matches!(final_mark(s), Some('.' | '!' | '?' | '…'))
}

/// A short line without closing punctuation: a heading, label or menu item.
fn heading_like(s: &str, max_words: usize) -> bool {
    let words = word_count(s);
    words >= 1
        && words <= max_words
        && s.chars().count() <= 120
        && !matches!(final_mark(s), Some('.' | ',' | ';' | ':' | '!' | '?' | '…'))
        && s.chars().any(char::is_alphabetic)
}

fn title_like(s: &str) -> bool {
    let words = word_count(s);
    let first_ok = s
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric());
    if !first_ok || words < 2 || s.chars().count() > 200 {
        return false;
    }
    match final_mark(s) {
        Some('.' | ',' | ';' | ':' | '…') => false,
        Some('?' | '!') => words <= 15,
        _ => words <= 15,
    }
}

fn single_sentence(s: &str) -> bool {
    let words = word_count(s);
    (6..=60).contains(&words) && ends_sentence(s) && !SENTENCE_END.is_match(s)
}

/// Comparison key: lower-case letters and digits only.
fn key(s: &str) -> String {
    if s.is_ascii() {
        return s
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase() as char)
            .collect();
    }
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Same text as a known line, or one a prefix of the other ("Headline" vs
/// "Headline | Site"); `known` is already a [`key`].
fn same_line(unit: &str, known: &str) -> bool {
    // Cheap length check first: a key is never longer than its text.
    if known.is_empty() || unit.len() * 10 < known.len() * 6 {
        return false;
    }
    let a = key(unit);
    if a.is_empty() {
        return false;
    }
    if a == known {
        return true;
    }
    let (short, long) = if a.len() < known.len() {
        (a.as_str(), known)
    } else {
        (known, a.as_str())
    };
    long.starts_with(short) && short.len() * 10 >= long.len() * 6
}

fn is_role_or_agency(piece: &str) -> bool {
    let lower = piece.to_lowercase();
    AGENCIES.contains(&lower.as_str())
        || lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| ROLE_WORDS.contains(&w))
}

fn is_person_name(piece: &str) -> bool {
    let tokens: Vec<&str> = piece.split_whitespace().collect();
    if !(2..=4).contains(&tokens.len()) || is_role_or_agency(piece) {
        return false;
    }
    tokens.iter().enumerate().all(|(i, t)| {
        let starts_upper = t.chars().next().is_some_and(char::is_uppercase);
        let letters_only = t
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'));
        (starts_upper && letters_only) || (i > 0 && NAME_PARTICLES.contains(t))
    }) && parse_date_line(piece).is_none()
}

/// Names from a byline line, or `None` when the line is not a byline.
pub(crate) fn byline_names(line: &str, in_head: bool) -> Option<Vec<String>> {
    if word_count(line) > 20
        || (line.contains(". ") && !line.contains("Jr. "))
        || matches!(final_mark(line), Some(',' | ';' | ':'))
    {
        return None;
    }
    let (rest, strict_start) = if let Some(caps) = BYLINE_BY.captures(line) {
        (caps.name("rest")?.as_str(), true)
    } else if REPORTING_BY.is_match(line) {
        return Some(reporting_names(line));
    } else if in_head {
        (line, false)
    } else {
        return None;
    };
    let rest = rest.trim_end_matches(['.', ')']);
    let pieces: Vec<&str> = BYLINE_SPLIT
        .split(rest)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let first = pieces.first()?;
    if !(is_person_name(first) || (strict_start && is_role_or_agency(first))) {
        return None;
    }
    let mut names = Vec::new();
    let mut roles = 0;
    for (k, piece) in pieces.iter().enumerate() {
        if k > 0 && strict_start && is_section_label(piece) {
            roles += 1;
        } else if is_person_name(piece) {
            names.push(piece.to_string());
        } else if (is_role_or_agency(piece) && word_count(piece) <= 5)
            || parse_date_line(piece).is_some()
        {
            roles += 1;
        } else {
            return None;
        }
    }
    // Without "By", only "Name | Role" counts: a bare name could be anything.
    if !strict_start && (roles == 0 || word_count(line) > 10 || ends_sentence(line)) {
        return None;
    }
    Some(names)
}

/// A desk or section named in a byline ("Sport", "World News"): words a
/// name is not made of.
fn is_section_label(piece: &str) -> bool {
    const SECTION_WORDS: &[&str] = &[
        "news",
        "world",
        "sport",
        "sports",
        "business",
        "politics",
        "opinion",
        "culture",
        "tech",
        "technology",
        "science",
        "health",
        "money",
        "travel",
        "entertainment",
        "arts",
        "lifestyle",
        "local",
        "national",
        "international",
        "economy",
        "markets",
        "finance",
        "environment",
        "climate",
        "education",
        "food",
        "books",
        "music",
        "film",
        "media",
        "features",
        "analysis",
        "comment",
        "weather",
        "crime",
        "law",
        "style",
        "property",
        "motoring",
        "football",
        "cricket",
        "rugby",
        "tennis",
        "uk",
        "us",
        "europe",
        "asia",
        "africa",
        "americas",
        "and",
        "&",
    ];
    word_count(piece) <= 3
        && piece
            .split(' ')
            .all(|w| SECTION_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Reporter names from a wire-style "Reporting by A and B; Editing by C" line.
fn reporting_names(line: &str) -> Vec<String> {
    static REPORTERS: LazyLock<Regex> =
        LazyLock::new(|| regex(r"(?i)(?:reporting|writing|compiled) by\s+(?P<names>[^;)]+)"));
    let mut names = Vec::new();
    for caps in REPORTERS.captures_iter(line) {
        if let Some(list) = caps.name("names") {
            for piece in BYLINE_SPLIT.split(list.as_str().trim_end_matches('.')) {
                let piece = piece.trim();
                // "in Moscow" trails some wire credits.
                let piece = piece.split(" in ").next().unwrap_or(piece).trim();
                if is_person_name(piece) {
                    names.push(piece.to_string());
                }
            }
        }
    }
    names
}

fn is_breadcrumb(s: &str, words: usize) -> bool {
    // Every separator holds one of these bytes ('›', '»' and '·' end in 0xBA,
    // 0xBB, 0xB7): most lines are ruled out without the regex.
    if words > 20
        || !s.contains([' '])
        || !s
            .bytes()
            .any(|b| matches!(b, b'>' | b'|' | b'/' | 0xBA | 0xBB | 0xB7))
    {
        return false;
    }
    // "By Jane Doe | Sport | 2 February 2026" is a byline, not a trail.
    if BYLINE_BY.is_match(s) {
        return false;
    }
    let seps = BREADCRUMB_SEP.find_iter(s).count();
    seps >= 2
        && BREADCRUMB_SEP.split(s).all(|part| {
            word_count(part) <= 4 && !ends_sentence(part) && parse_date_line(part).is_none()
        })
}

/// Where a photo credit starts in a unit: `Some(0)` when the whole unit is
/// a credit, `Some(i)` when a caption precedes it.
fn credit_start(s: &str, words: usize) -> Option<usize> {
    if CREDIT_LABEL.is_match(s) && words <= 40 {
        return Some(0);
    }
    // A credit line does not close with a full stop, except "(AP Photo/X)."
    if words > 120 || (ends_sentence(s) && !s.ends_with(')')) {
        return None;
    }
    // The credit trails the caption, after its last sentence.
    let tail_start = SENTENCE_END
        .find_iter(s)
        .last()
        .map(|m| {
            // Keep the capital letter that opened the next sentence.
            let last_char = s[m.start()..m.end()]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8);
            m.end() - last_char
        })
        .unwrap_or(0);
    let found = CREDIT_MARK.find(&s[tail_start..])?;
    let mark_at = tail_start + found.start();
    let mut token_start = s[..mark_at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    // "Jane Roe/Getty Images": the photographer's name precedes the slash.
    let token = s[token_start..].split_whitespace().next().unwrap_or("");
    if token.contains('/') {
        for _ in 0..3 {
            let before = s[..token_start].trim_end();
            let word_at = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            let word = &before[word_at..];
            let capitalised = word.chars().next().is_some_and(char::is_uppercase)
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'));
            if word.is_empty() || !capitalised || word_at < tail_start {
                break;
            }
            token_start = word_at;
        }
    }
    // A credit in the middle of the last sentence is prose ("said AFP on").
    let after = &s[found.end() + tail_start..];
    if word_count(after) > 8 && !after.contains('/') {
        return None;
    }
    Some(token_start)
}

/// The verdict a unit earns on its own.
fn judge(unit: &Unit, words: usize, options: &CleanOptions) -> (Verdict, Option<usize>) {
    let s = unit.text.as_str();
    let hits = if words <= 80 { line_rule_hits(s) } else { 0 };
    let hit = |rule: usize, max_words: usize| words <= max_words && hits & (1 << rule) != 0;
    if hit(SET_BOILERPLATE_LINE, PAGE_CHROME_WORDS) {
        return (Verdict::Drop(RemovedKind::Boilerplate), None);
    }
    if hit(SET_NAVIGATION, PAGE_CHROME_WORDS) || is_breadcrumb(s, words) {
        return (Verdict::Drop(RemovedKind::Navigation), None);
    }
    if hit(SET_BIO_HEADING, PAGE_CHROME_WORDS) {
        return (Verdict::Drop(RemovedKind::Bio), None);
    }
    if hit(SET_DISCLAIMER, 60) || (words <= 40 && AI_USE.is_match(s) && NEWSROOM.is_match(s)) {
        return (Verdict::Drop(RemovedKind::Disclaimer), None);
    }
    if hit(SET_PROMO_LINE, 40) || hit(SET_NEWSLETTER, 40) {
        return (Verdict::Drop(RemovedKind::Promo), None);
    }
    if hit(SET_BIO_SENTENCE, 80) {
        let trailing_more = s.ends_with("Read more")
            || s.ends_with("read more")
            || s.ends_with("...")
            || s.ends_with('…');
        return if trailing_more {
            (Verdict::Drop(RemovedKind::Bio), None)
        } else {
            (Verdict::Weak(RemovedKind::Bio), None)
        };
    }
    if hit(SET_CTA, PAGE_CHROME_WORDS) {
        return (Verdict::Drop(RemovedKind::Cta), None);
    }
    if hit(SET_REPORTING_BY, 30) {
        return (Verdict::Drop(RemovedKind::Byline), None);
    }
    if !options.keep_captions {
        if let Some(at) = credit_start(s, words) {
            let kind = if at == 0 {
                RemovedKind::Credit
            } else {
                RemovedKind::Caption
            };
            return (Verdict::Drop(kind), Some(at));
        }
    }
    if hit(SET_MISSION, 40) {
        return (Verdict::Weak(RemovedKind::Slogan), None);
    }
    // Perks are fragments; list items that are sentences belong to a story.
    if unit.bullet && words <= 30 && !ends_sentence(s) {
        return (Verdict::Weak(RemovedKind::Promo), None);
    }
    if heading_like(s, 8) {
        return (Verdict::Weak(RemovedKind::Boilerplate), None);
    }
    (Verdict::Keep, None)
}

/// Sure page chrome by the line rules alone (ads, menus, pitches, share
/// bars, copyright): evidence that text around a story is a page's.
pub(crate) fn is_chrome_line(s: &str) -> bool {
    let words = word_count(s);
    if words > PAGE_CHROME_WORDS {
        return false;
    }
    let hits = line_rule_hits(s);
    [
        SET_BOILERPLATE_LINE,
        SET_NAVIGATION,
        SET_DISCLAIMER,
        SET_PROMO_LINE,
        SET_NEWSLETTER,
        SET_CTA,
    ]
    .iter()
    .any(|r| hits & (1 << r) != 0)
        || is_breadcrumb(s, words)
}

fn is_drop(v: Verdict) -> bool {
    matches!(v, Verdict::Drop(_))
}

/// Apply every rule to `units` and build the cleaned body.
///
/// `known` holds metadata the caller already has (it is never overwritten
/// but a title line repeating it is removed); `found` is metadata the caller
/// extracted itself (HTML head), `removed` what it already dropped.
pub(crate) fn assemble(
    units: Vec<Unit>,
    known: &Meta,
    mut found: Meta,
    mut removed: Vec<Removed>,
    options: &CleanOptions,
) -> Cleaned {
    let n = units.len();
    let words: Vec<usize> = units.iter().map(|u| word_count(&u.text)).collect();
    let mut verdicts = Vec::with_capacity(n);
    let mut credit_at = vec![None; n];
    for (i, unit) in units.iter().enumerate() {
        let (verdict, at) = judge(unit, words[i], options);
        verdicts.push(verdict);
        credit_at[i] = at;
    }

    // A short line heading a caption in the same block is its title.
    for i in 1..n {
        if matches!(
            verdicts[i],
            Verdict::Drop(RemovedKind::Caption | RemovedKind::Credit)
        ) && units[i - 1].block == units[i].block
            && !is_drop(verdicts[i - 1])
            && heading_like(&units[i - 1].text, 15)
        {
            verdicts[i - 1] = Verdict::Drop(RemovedKind::Caption);
        }
    }

    mark_promo_lists(&units, &mut verdicts);

    // The paragraph after an "About the author" heading is the bio.
    for i in 1..n {
        if verdicts[i - 1] == Verdict::Drop(RemovedKind::Bio)
            && BIO_HEADING.is_match(&units[i - 1].text)
            && !is_drop(verdicts[i])
            && words[i] <= 120
        {
            verdicts[i] = Verdict::Drop(RemovedKind::Bio);
        }
    }

    mark_repeats(&units, &words, &mut verdicts);
    mark_listing_tail(&units, &mut verdicts);

    let head_end = lift_head(&units, &mut verdicts, known, &mut found);

    // The furniture zone: the run of non-story units at the bottom. Weak
    // units go only when the run holds at least one sure piece of furniture.
    let mut zone_start = n;
    while zone_start > head_end && verdicts[zone_start - 1] != Verdict::Keep {
        zone_start -= 1;
    }
    if verdicts[zone_start..].iter().any(|v| is_drop(*v)) {
        for i in zone_start..n {
            if let Verdict::Weak(kind) = verdicts[i] {
                let next_sure = verdicts[i + 1..].iter().find_map(|v| match v {
                    Verdict::Drop(k) => Some(*k),
                    _ => None,
                });
                let kind = match (kind, next_sure) {
                    (RemovedKind::Boilerplate, Some(RemovedKind::Promo | RemovedKind::Slogan)) => {
                        RemovedKind::Promo
                    }
                    (RemovedKind::Boilerplate, Some(RemovedKind::Bio)) => RemovedKind::Bio,
                    (k, _) => k,
                };
                verdicts[i] = Verdict::Drop(kind);
            }
        }
    }

    // Bios removed: their subject is the author, their outlet the source.
    let lift_authors = known.authors.is_empty() && found.authors.is_empty();
    for (unit, verdict) in units.iter().zip(&verdicts) {
        // Wire stories credit their reporters at the bottom.
        if *verdict == Verdict::Drop(RemovedKind::Byline) && REPORTING_BY.is_match(&unit.text) {
            if lift_authors {
                for name in reporting_names(&unit.text) {
                    if !found.authors.contains(&name) {
                        found.authors.push(name);
                    }
                }
            }
            continue;
        }
        if *verdict != Verdict::Drop(RemovedKind::Bio) {
            continue;
        }
        if let Some(caps) = BIO_SENTENCE.captures(&unit.text) {
            let name = caps["name"].to_string();
            if lift_authors && !found.authors.contains(&name) {
                found.authors.push(name);
            }
            if found.source.is_none() {
                // "... is The Harbour Ledger's local government correspondent".
                if let Some(outlet) = OUTLET_POSSESSIVE
                    .captures(&caps[0])
                    .and_then(|c| c.name("outlet"))
                {
                    found.source = Some(outlet.as_str().to_string());
                    continue;
                }
                let after = &unit.text[caps.get(0).map_or(0, |m| m.end())..];
                if let Some(outlet) = OUTLET.captures(after).and_then(|c| c.name("outlet")) {
                    let outlet = outlet.as_str().trim_end_matches(['.', '\'', '’']);
                    if !outlet.is_empty() {
                        found.source = Some(outlet.to_string());
                    }
                }
            }
        }
    }

    // Record removals in reading order and build the body.
    let mut text = String::new();
    let mut paragraphs = Vec::new();
    let mut dateline_checked = false;
    for (i, unit) in units.into_iter().enumerate() {
        match verdicts[i] {
            Verdict::Drop(kind) => {
                match credit_at[i] {
                    Some(at) if at > 0 && kind == RemovedKind::Caption => {
                        let (caption, credit) = unit.text.split_at(at);
                        removed.push(Removed {
                            kind: RemovedKind::Caption,
                            text: caption.trim().to_string(),
                        });
                        removed.push(Removed {
                            kind: RemovedKind::Credit,
                            text: credit.trim().to_string(),
                        });
                    }
                    _ => removed.push(Removed {
                        kind,
                        text: unit.text,
                    }),
                }
                continue;
            }
            Verdict::Keep | Verdict::Weak(_) => {}
        }
        let mut body = unit.text.as_str();
        if !dateline_checked {
            dateline_checked = true;
            if let Some((dateline, consumed)) = find_dateline(body) {
                removed.push(Removed {
                    kind: RemovedKind::Meta,
                    text: body[..consumed].trim().to_string(),
                });
                if found.dateline.is_none() {
                    found.dateline = Some(dateline);
                }
                body = &body[consumed..];
            }
        }
        let body = body.trim();
        if body.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(body);
        paragraphs.push(Span::new(start, text.len()));
    }
    Cleaned {
        text,
        paragraphs,
        meta: found,
        removed,
    }
}

/// "MOSCOW (Reuters) - " at the start of the body: the dateline and the
/// number of bytes it takes up.
fn find_dateline(s: &str) -> Option<(String, usize)> {
    let caps = DATELINE_AGENCY
        .captures(s)
        .or_else(|| DATELINE_CAPS.captures(s))?;
    let whole = caps.get(0)?;
    // A dateline opens a sentence; a lone "NATO -" line is not one.
    if whole.end() >= s.len() {
        return None;
    }
    Some((caps["dl"].trim().to_string(), whole.end()))
}

/// Bullet lists selling subscriptions, and the heading above them.
fn mark_promo_lists(units: &[Unit], verdicts: &mut [Verdict]) {
    let mut i = 0;
    while i < units.len() {
        let block = units[i].block;
        let mut j = i;
        while j < units.len() && units[j].block == block {
            j += 1;
        }
        let bullets: Vec<usize> = (i..j).filter(|&k| units[k].bullet).collect();
        let perks = bullets
            .iter()
            .filter(|&&k| PROMO_PERK.is_match(&units[k].text))
            .count();
        // Perks are short; a list of policy points is not an ad.
        let short_items = bullets.iter().all(|&k| word_count(&units[k].text) <= 12);
        if bullets.len() >= 2 && short_items && perks * 2 >= bullets.len() {
            for k in i..j {
                if units[k].bullet || heading_like(&units[k].text, 8) {
                    verdicts[k] = Verdict::Drop(RemovedKind::Promo);
                }
            }
        }
        i = j;
    }
}

/// Lines that occur more than once in a document are slogans or furniture.
/// Bytes a teaser of another story stays under.
const TEASER_LEN: usize = 350;

/// A heading that opens a list of other stories.
static LISTING_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:related(?: (?:articles?|stories|posts|content|coverage|reading|news))?|read (?:this )?next|what to read next|up next|more (?:stories|articles|posts|news|like this|to read)|more from (?:\S+ ){0,3}\S+|you (?:may|might) (?:also )?(?:like|enjoy)|recommended(?: for you| reading| stories| articles)?|most (?:read|popular|viewed)|trending(?: now| stories)?|latest (?:news|stories|articles|posts)|popular (?:posts|stories|articles)|recent (?:articles|posts|stories|news)|(?:more|latest|related) videos|also (?:on|from) \S+)\s*:?$",
    )
});

/// Once a heading like "Related stories" or "Read this next" stands after
/// the first 70% of the text and only teaser-sized units follow it, what
/// follows is a list of other stories: it goes as navigation.
fn mark_listing_tail(units: &[Unit], verdicts: &mut [Verdict]) {
    let total: usize = units.iter().map(|u| u.text.len()).sum();
    let mut before = 0;
    for (i, unit) in units.iter().enumerate() {
        // Teasers are short; a long paragraph after the heading means the
        // story goes on (an inline "Related:" box in mid-story).
        if before * 10 >= total * 7
            && unit.text.len() <= 60
            && LISTING_HEADING.is_match(&unit.text)
            && units[i + 1..].iter().all(|u| u.text.len() <= TEASER_LEN)
        {
            for v in verdicts[i..].iter_mut() {
                if !is_drop(*v) {
                    *v = Verdict::Drop(RemovedKind::Navigation);
                }
            }
            return;
        }
        before += unit.text.len();
    }
}

fn mark_repeats(units: &[Unit], words: &[usize], verdicts: &mut [Verdict]) {
    // Copies of a slogan are verbatim once whitespace is collapsed.
    let mut groups: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, unit) in units.iter().enumerate() {
        // Slogans are sentences; repeated short labels are often table rows.
        if !unit.bullet && words[i] >= 4 && (ends_sentence(&unit.text) || words[i] >= 8) {
            groups.entry(unit.text.as_str()).or_default().push(i);
        }
    }
    let repeated: Vec<&Vec<usize>> = groups.values().filter(|c| c.len() >= 2).collect();
    // Many repeated lines mean a structured text (recipes, interviews,
    // tables) whose repeats are content; a slogan is one line.
    let structured = repeated.len() > 2;
    for copies in repeated {
        let first = copies[0];
        let mission = MISSION.is_match(&units[first].text);
        if structured && !mission {
            continue;
        }
        for &i in &copies[1..] {
            if !is_drop(verdicts[i]) {
                verdicts[i] = Verdict::Drop(if mission {
                    RemovedKind::Slogan
                } else {
                    RemovedKind::Repeated
                });
            }
        }
        if is_drop(verdicts[first]) {
            continue;
        }
        if mission {
            verdicts[first] = Verdict::Drop(RemovedKind::Slogan);
        } else if words[first] <= 40
            && copies[1] <= first + 2
            // Figures repeat in market reports; slogans carry none.
            && !units[first].text.contains(|c: char| c.is_ascii_digit())
        {
            verdicts[first] = Verdict::Weak(RemovedKind::Slogan);
        }
    }
}

/// Title, standfirst, byline and date lines at the top. Returns the index of
/// the first story unit.
fn lift_head(units: &[Unit], verdicts: &mut [Verdict], known: &Meta, found: &mut Meta) -> usize {
    let known_title = known.title.as_deref().or(found.title.as_deref()).map(key);
    let known_standfirst = known.standfirst.as_deref().map(key);
    let mut title_lifted = false;
    let mut standfirst_done = known.standfirst.is_some() || found.standfirst.is_some();
    let mut seen = 0;
    let remaining_content = |from: usize, verdicts: &[Verdict]| {
        verdicts[from..].iter().filter(|v| !is_drop(**v)).count()
    };
    for i in 0..units.len() {
        if is_drop(verdicts[i]) {
            continue;
        }
        if seen >= 8 {
            return i;
        }
        seen += 1;
        let s = units[i].text.as_str();
        if known_title.as_deref().is_some_and(|t| same_line(s, t)) {
            verdicts[i] = Verdict::Drop(RemovedKind::Meta);
            continue;
        }
        // The page printing its own address.
        let own_url = |u: &Option<String>| {
            u.as_deref()
                .is_some_and(|u| u.trim_end_matches('/') == s.trim_end_matches('/'))
        };
        if s.starts_with("http") && (own_url(&known.url) || own_url(&found.url)) {
            verdicts[i] = Verdict::Drop(RemovedKind::Meta);
            continue;
        }
        if let Some(names) = byline_names(s, true) {
            verdicts[i] = Verdict::Drop(RemovedKind::Byline);
            if known.authors.is_empty() {
                for name in names {
                    if !found.authors.contains(&name) {
                        found.authors.push(name);
                    }
                }
            }
            // "By Jane Doe | Sport | 2 February 2026" dates the story too.
            if found.published.is_none() {
                found.published = s
                    .split(['|', '·'])
                    .find_map(|piece| parse_date_line(piece.trim()))
                    .map(|d| d.iso);
            }
            continue;
        }
        if let Some(date) = parse_date_line(s) {
            verdicts[i] = Verdict::Drop(RemovedKind::Meta);
            // A "Published" date beats an "Updated" one.
            if found.published.is_none() || !date.updated {
                found.published = Some(date.iso);
            }
            continue;
        }
        if known_title.is_none()
            && !title_lifted
            && seen == 1
            && title_like(s)
            && remaining_content(i + 1, verdicts) >= 2
        {
            found.title = Some(s.to_string());
            title_lifted = true;
            verdicts[i] = Verdict::Drop(RemovedKind::Meta);
            continue;
        }
        if title_lifted
            && !standfirst_done
            && single_sentence(s)
            && remaining_content(i + 1, verdicts) >= 1
            && find_dateline(s).is_none()
        {
            found.standfirst = Some(s.to_string());
            standfirst_done = true;
            verdicts[i] = Verdict::Drop(RemovedKind::Meta);
            continue;
        }
        if known_standfirst.as_deref().is_some_and(|t| key(s) == t) {
            verdicts[i] = Verdict::Drop(RemovedKind::Meta);
            continue;
        }
        return i;
    }
    units.len()
}

/// Take the units marked in `drop` out of `units`, as removed `kind`.
pub(crate) fn split_off(
    units: Vec<Unit>,
    drop: &[bool],
    kind: RemovedKind,
) -> (Vec<Unit>, Vec<Removed>) {
    if !drop.contains(&true) {
        return (units, Vec::new());
    }
    let mut kept = Vec::with_capacity(units.len());
    let mut removed = Vec::new();
    for (unit, &dropped) in units.into_iter().zip(drop) {
        if dropped {
            removed.push(Removed {
                kind,
                text: unit.text,
            });
        } else {
            kept.push(unit);
        }
    }
    (kept, removed)
}

/// Split normalised plain text into units: blank lines end blocks; inside a
/// block, hard-wrapped prose is joined and list items, indented paragraph
/// starts and short heading lines stand alone.
pub(crate) fn split_plain(text: &str) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut block_lines: Vec<&str> = Vec::new();
    let mut block = 0;
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !block_lines.is_empty() {
                push_block(&block_lines, block, &mut units);
                block += 1;
                block_lines.clear();
            }
        } else {
            block_lines.push(line);
        }
    }
    if !block_lines.is_empty() {
        push_block(&block_lines, block, &mut units);
    }
    units
}

fn bullet_marker_len(line: &str) -> Option<usize> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    if matches!(
        first,
        '•' | '·'
            | '-'
            | '*'
            | '–'
            | '—'
            | '▪'
            | '►'
            | '‣'
            | '◦'
            | '●'
            | '■'
            | '→'
            | '✓'
            | '✔'
    ) {
        let (at, next) = chars.next()?;
        return (next == ' ').then_some(at);
    }
    // "1." or "2)" numbered items.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let rest = &line[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return Some(digits + 1);
        }
    }
    None
}

fn push_block(lines: &[&str], block: usize, units: &mut Vec<Unit>) {
    let lens: Vec<usize> = lines.iter().map(|l| l.trim().chars().count()).collect();
    let max_len = lens.iter().copied().max().unwrap_or(0);
    let body_lines = &lens[..lens.len() - 1];
    // Hard-wrapped prose: lines close to one width (paragraph ends are shorter).
    let wrapped = !body_lines.is_empty()
        && (40..=100).contains(&max_len)
        && body_lines.iter().filter(|&&n| n * 4 >= max_len * 3).count() * 3 >= body_lines.len();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let min_indent = lines
        .iter()
        .filter(|l| bullet_marker_len(l.trim_start()).is_none())
        .map(|l| indent(l))
        .min()
        .unwrap_or(0);
    let mut current = String::new();
    let mut current_bullet = false;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let bullet = bullet_marker_len(trimmed).is_some();
        // A line that opens in lower case continues the one before.
        let continues = i > 0
            && trimmed.starts_with(char::is_lowercase)
            && !matches!(final_mark(lines[i - 1].trim()), Some('.' | '!' | '?'));
        let starts_unit = i == 0
            || (!wrapped && !continues)
            || bullet
            || current_bullet
            || indent(line) > min_indent
            // A short line that closes a sentence ends its paragraph.
            || (lens[i - 1] * 10 < max_len * 6
                && matches!(final_mark(lines[i - 1].trim()), Some('.' | '!' | '?' | ':')));
        if starts_unit && !current.is_empty() {
            units.push(Unit {
                text: std::mem::take(&mut current),
                block,
                bullet: current_bullet,
            });
        }
        if starts_unit {
            current_bullet = bullet;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        crate::normalize::push_collapsed(&mut current, trimmed);
    }
    if !current.is_empty() {
        units.push(Unit {
            text: current,
            block,
            bullet: current_bullet,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_widget_shortcodes_are_furniture() {
        let hit = |s: &str| line_rule_hits(s) & (1 << SET_BOILERPLATE_LINE) != 0;
        assert!(hit(
            "[button link=\"/tips\" type=\"big\"]Send us YOUR tips[/button]"
        ));
        assert!(hit("[gallery ids=\"12,13,14\"]"));
        // Page-builder markup around real paragraphs is not.
        assert!(!hit(
            "[vc_column_text]Residents asked for a later boat on Fridays.[/vc_column_text]"
        ));
        assert!(!hit("[quote]We will appeal this ruling,[/quote]"));
    }

    #[test]
    fn word_count_counts_past_a_block() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("one"), 1);
        assert_eq!(word_count(&vec!["w"; 1000].join(" ")), 1000);
    }

    #[test]
    fn final_mark_looks_through_closers() {
        let by_chars = |s: &str| {
            s.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', '*'])
                .chars()
                .next_back()
        };
        for s in [
            "He said so.\"",
            "(See above.)”’",
            "Done!»*",
            "“”",
            "",
            "Plain",
            "Ends in é",
            "Quote’s",
            "a)]\"'",
        ] {
            assert_eq!(final_mark(s), by_chars(s), "{s:?}");
        }
    }

    #[test]
    fn the_keyword_prefilter_never_hides_a_floating_rule() {
        let lines = [
            (SET_CTA, "To find out more, Click here."),
            (SET_CTA, "Read our guide, tap here"),
            (SET_CTA, "The mayor's plan, explained. Read more »"),
            (
                SET_NEWSLETTER,
                "Get the Morning Briefing newsletter delivered to your inbox",
            ),
            (SET_NEWSLETTER, "Subscribe to our weekly NEWSLETTER"),
            (SET_DISCLAIMER, "© 2026 Harbour Daily"),
            (SET_DISCLAIMER, "Text (c) 2026 Harbour Daily"),
            (
                SET_DISCLAIMER,
                "Copyright 2026 Harbour Daily. All Rights Reserved.",
            ),
            (
                SET_DISCLAIMER,
                "We may earn a small commission from links on this page.",
            ),
            (SET_DISCLAIMER, "This page contains affiliate links."),
            (
                SET_DISCLAIMER,
                "This story was produced with the help of AI tools.",
            ),
            (SET_DISCLAIMER, "It does not constitute financial advice."),
            (
                SET_MISSION,
                "Harbour Daily is committed to covering the coast.",
            ),
            (SET_MISSION, "Our mission is to inform."),
            (SET_MISSION, "Support independent journalism today."),
            (SET_MISSION, "Journalism you can trust."),
            (SET_MISSION, "Your source of trusted news since 1901."),
        ];
        for (rule, line) in lines {
            assert!(FLOATING_KEYWORDS.is_match(line), "{line}");
            assert!(line_rule_hits(line) & (1 << rule) != 0, "{line}");
        }
        // Unicode case folding: the Kelvin sign is a 'k', a long s an 's'.
        assert!(line_rule_hits("To find out more, clic\u{212A} here") & (1 << SET_CTA) != 0);
        assert!(line_rule_hits("Our mi\u{17F}sion is to inform.") & (1 << SET_MISSION) != 0);
        // Lines without a keyword match no floating rule at all.
        for line in [
            "The council met on Monday.",
            "Harbour Daily",
            "Read the report",
        ] {
            assert!(!FLOATING_KEYWORDS.is_match(line));
            assert!(!FLOATING_RULES.is_match(line));
        }
    }

    #[test]
    fn bylines_need_names() {
        assert_eq!(
            byline_names("By Jane Doe and John Smith", true).unwrap(),
            ["Jane Doe", "John Smith"]
        );
        assert_eq!(
            byline_names("Jane Doe | Senior Reporter", true).unwrap(),
            ["Jane Doe"]
        );
        assert_eq!(
            byline_names("By Maria de la Cruz, Reuters", true).unwrap(),
            ["Maria de la Cruz"]
        );
        assert!(byline_names("By the end of the year prices rose", true).is_none());
        assert!(byline_names("Jane Doe", true).is_none());
    }

    #[test]
    fn credits_split_from_captions() {
        let s = "The minister arrives in Paris. Crowds gathered early Jane Roe/Getty Images";
        let at = credit_start(s, word_count(s)).unwrap();
        assert_eq!(&s[at..], "Jane Roe/Getty Images");
        let s = "Protesters march on Monday. (AP Photo/John Doe)";
        let at = credit_start(s, word_count(s)).unwrap();
        assert_eq!(&s[at..], "(AP Photo/John Doe)");
        let prose = "The photo was later distributed by AFP and shared widely online.";
        assert!(credit_start(prose, word_count(prose)).is_none());
        assert_eq!(credit_start("Photo: Jane Roe", 3), Some(0));
    }

    #[test]
    fn datelines_open_wire_stories() {
        let (dl, n) = find_dateline("MOSCOW (Reuters) - Russia said on Monday.").unwrap();
        assert_eq!(dl, "MOSCOW (Reuters)");
        assert_eq!(n, "MOSCOW (Reuters) - ".len());
        let (dl, _) = find_dateline("WASHINGTON, Oct 3 (AP) — The Senate voted.").unwrap();
        assert_eq!(dl, "WASHINGTON, Oct 3 (AP)");
        let (dl, _) = find_dateline("LONDON — Prices rose.").unwrap();
        assert_eq!(dl, "LONDON");
        assert!(find_dateline("Prices rose in London - again.").is_none());
    }

    #[test]
    fn hard_wrapped_blocks_join_but_lists_split() {
        let text = "Showers continued throughout the week in the cocoa zone and\nfarmers said the crop would be late this year, traders said.\n    The dry period means arrivals will be late\nthis year.\n\nPerks\n• Ad-free reading\n• The weekly magazine";
        let units = split_plain(text);
        let texts: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(texts[0], "Showers continued throughout the week in the cocoa zone and farmers said the crop would be late this year, traders said.");
        assert_eq!(
            texts[1],
            "The dry period means arrivals will be late this year."
        );
        assert_eq!(
            &texts[2..],
            ["Perks", "• Ad-free reading", "• The weekly magazine"]
        );
        assert!(units[3].bullet && !units[2].bullet);
    }
}
