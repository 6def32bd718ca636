//! Batch knowledge: lines a site repeats across its articles (slogans,
//! newsletter pitches, "Follow us" lines), found from the batch itself the
//! way CCNet removes repeated paragraphs, without a phrase list.
//!
//! Each article contributes its [`ArticleLines`]: the site it belongs to
//! and a hash of every short line (as the clean stage splits it, before any
//! rule runs), each counted once per article. A [`RepeatedLines`] table
//! counts, per site, how many distinct articles hold each line. A line is
//! furniture of its site when
//!
//! * it holds at least one letter and at most [`MAX_WORDS`] words (a longer
//!   paragraph shared by several articles is syndicated content, not
//!   furniture), and
//! * at least `max(MIN_ARTICLES, ceil(MIN_SHARE × site articles))` distinct
//!   articles of the site hold it: three articles in a small batch, 1% of a
//!   big site's (23 of 2,225), so a phrase a few stories happen to share
//!   does not go, and
//! * it has at least [`MIN_WORDS_INSIDE`] words, or it stands in a run of
//!   such lines that reaches the top or the bottom of the article: a short
//!   heading a site's stories share ("Year" over a results table, "Nine
//!   mths") is content inside the story, while a lone "REUTER" or a kicker
//!   at its edge is furniture.
//!
//! An exact duplicate article (same lines in the same order) counts once,
//! so a page crawled three times does not erase itself, and an article is
//! never emptied by this rule. Lines are compared after normalisation: case
//! folded, punctuation and spacing ignored ("© 2026 Example News." = "©2026
//! example NEWS"). Digits are kept as they are, unlike CCNet's: in news a
//! number is content ("Qtly div 10 cts vs 10 cts prior" is a fact about one
//! company, not a template), and a line without any letter never counts.
//!
//! **The site** is the host of the input's `meta.url` (without `www.`), else
//! its `meta.source`, else the hint the runner stores under [`SITE_HINT`] in
//! `doc.ext` (the input file or directory), else one unnamed site. Only what
//! the input record says counts, not what the page says about itself, so
//! that a first pass can find the site without parsing the page.
//!
//! **Counting is cheap**: plain text is split into lines as the clean stage
//! splits it; an HTML page is cut into the text of its block elements by a
//! scan of its tags ([`html_lines`]), without building a tree. That gives
//! every block of the page, a superset of the units clean extracts, which
//! is what is wanted: a slogan counts in every page that shows it, wherever
//! it stands.
//!
//! Hashes, not strings, are kept: 12 bytes or so a line, and a table caps its
//! entries ([`RepeatedLines::with_max_entries`]); once full, lines not seen
//! before are no longer counted while known ones still are.

use crate::normalize::normalize;
use crate::rules::{split_plain, Unit};
use newsmill_doc::{Document, Format, Meta, Removed, RemovedKind};
use std::collections::{HashMap, VecDeque};

/// Lines of more words are never furniture.
pub const MAX_WORDS: usize = 30;
/// Shorter repeated lines go only at the top or bottom edge of an article.
pub const MIN_WORDS_INSIDE: usize = 3;
/// The fewest distinct articles of a site that must hold a line.
pub const MIN_ARTICLES: u32 = 3;
/// The share of a site's articles that must hold a line, when that is more.
pub const MIN_SHARE: f64 = 0.01;
/// Default cap on the entries of a table (about 100 MB at most).
pub const DEFAULT_MAX_ENTRIES: usize = 4 << 20;
/// An article's lines past this many are not counted (a runaway page).
const MAX_LINES_PER_ARTICLE: usize = 2000;

/// The `doc.ext` key under which a runner names the article's input (file
/// or directory) for articles without URL or source; the clean stage reads
/// and removes it, so it never reaches a record.
pub const SITE_HINT: &str = "newsmill-clean:site";

/// FNV-1a, 64 bit: stable across runs and platforms, fast on short lines.
fn fnv(bytes: impl IntoIterator<Item = u8>, mut hash: u64) -> u64 {
    for byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Mix a line hash into its site's hash space.
fn site_line(site: u64, line: u64) -> u64 {
    // SplitMix64 finaliser over the pair: distinct sites give unrelated keys.
    let mut z = site ^ line.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The hash of a line after normalisation; `None` for lines that can never
/// be furniture (no letter, or too long).
pub fn line_hash(line: &str) -> Option<u64> {
    let mut hash = FNV_OFFSET;
    let mut words = 0usize;
    let mut in_word = false;
    let mut letters = false;
    for c in line.chars() {
        if c.is_alphanumeric() {
            if !in_word {
                words += 1;
                if words > MAX_WORDS {
                    return None;
                }
                if words > 1 {
                    hash = fnv([b' '], hash);
                }
                in_word = true;
            }
            letters |= c.is_alphabetic();
            let mut buf = [0u8; 4];
            for lower in c.to_lowercase() {
                hash = fnv(lower.encode_utf8(&mut buf).bytes(), hash);
            }
        } else {
            in_word = false;
        }
    }
    letters.then_some(hash)
}

/// The host of a URL, lowercased, without `www.` and port.
fn host(url: &str) -> Option<String> {
    let rest = url.trim();
    let rest = rest.split_once("://").map_or(rest, |(_, r)| r);
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = authority
        .split(':')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// The name of the site an article belongs to, from the input record's
/// metadata and the runner's hint (see the module docs).
pub fn site_name(known: &Meta, hint: Option<&str>) -> String {
    let source = known
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| format!("source:{}", s.to_lowercase()));
    known
        .url
        .as_deref()
        .and_then(host)
        .or(source)
        .or_else(|| hint.map(|h| format!("input:{h}")))
        .unwrap_or_default()
}

/// Elements whose content is not text of the page.
const RAW_TEXT: &[&str] = &["script", "style", "noscript", "template", "svg", "textarea"];

/// Elements that start or end a block of text (`br` included), a superset of
/// what the HTML extractor treats as blocks.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "form",
    "title",
    "body",
    "head",
    "html",
    "br",
    "hr",
    "button",
    "label",
    "option",
    "select",
];

/// Common entities; others stay as written (a rare miss, never harm).
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("rsquo", "\u{2019}"),
    ("lsquo", "\u{2018}"),
    ("rdquo", "\u{201d}"),
    ("ldquo", "\u{201c}"),
    ("mdash", "\u{2014}"),
    ("ndash", "\u{2013}"),
    ("hellip", "\u{2026}"),
    ("copy", "\u{a9}"),
    ("reg", "\u{ae}"),
    ("trade", "\u{2122}"),
    ("middot", "\u{b7}"),
    ("bull", "\u{2022}"),
    ("eacute", "é"),
    ("egrave", "è"),
    ("ecirc", "ê"),
    ("aacute", "á"),
    ("agrave", "à"),
    ("acirc", "â"),
    ("iacute", "í"),
    ("oacute", "ó"),
    ("ocirc", "ô"),
    ("uacute", "ú"),
    ("auml", "ä"),
    ("ouml", "ö"),
    ("uuml", "ü"),
    ("Auml", "Ä"),
    ("Ouml", "Ö"),
    ("Uuml", "Ü"),
    ("szlig", "ß"),
    ("ccedil", "ç"),
    ("ntilde", "ñ"),
    ("Eacute", "É"),
];

/// Decode the entity at the start of `rest` (which starts with `&`): the
/// text and the bytes it took, or `None` to keep the `&` as it is.
fn entity(rest: &str) -> Option<(String, usize)> {
    let end = rest.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let name = &rest[1..end];
    let text = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code)?.to_string()
    } else {
        ENTITIES.iter().find(|(n, _)| *n == name)?.1.to_string()
    };
    Some((text, end + 1))
}

/// Where an element whose raw text starts at `from` ends: after its closing
/// tag `</name ...>`, or at the end of the page.
fn skip_raw(page: &str, from: usize, name: &str) -> usize {
    let bytes = page.as_bytes();
    let mut at = from;
    while let Some(found) = page[at..].find("</") {
        let start = at + found + 2;
        let candidate = bytes.get(start..start + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) {
            return page[start..]
                .find('>')
                .map_or(page.len(), |gt| start + gt + 1);
        }
        at = start;
    }
    page.len()
}

fn flush(buffer: &mut String, lines: &mut Vec<String>) {
    let line = buffer.split_whitespace().collect::<Vec<_>>().join(" ");
    if !line.is_empty() {
        lines.push(line);
    }
    buffer.clear();
}

/// The text of an HTML page's block elements, one line each, whitespace
/// collapsed: a scan of the tags, no tree (scripts, styles and comments
/// skipped, common entities decoded). Broken markup never fails.
pub fn html_lines(page: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut buffer = String::new();
    let mut at = 0;
    while at < page.len() {
        let rest = &page[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            at = comment
                .find("-->")
                .map_or(page.len(), |end| at + 4 + end + 3);
            continue;
        }
        if rest.starts_with('<') {
            let Some(gt) = rest.find('>') else {
                break;
            };
            let tag = &rest[1..gt];
            let closing = tag.starts_with('/');
            let name_start = usize::from(closing);
            let name_len = tag[name_start..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(tag.len() - name_start);
            let name = tag[name_start..name_start + name_len].to_ascii_lowercase();
            at += gt + 1;
            if BLOCK_TAGS.contains(&name.as_str()) {
                flush(&mut buffer, &mut lines);
            }
            if !closing && RAW_TEXT.contains(&name.as_str()) && !tag.ends_with('/') {
                at = skip_raw(page, at, &name);
            }
            continue;
        }
        if rest.starts_with('&') {
            match entity(rest) {
                Some((text, used)) => {
                    buffer.push_str(&text);
                    at += used;
                }
                None => {
                    buffer.push('&');
                    at += 1;
                }
            }
            continue;
        }
        let run = rest.find(['<', '&']).unwrap_or(rest.len());
        buffer.push_str(&rest[..run]);
        at += run;
    }
    flush(&mut buffer, &mut lines);
    lines
}

fn site_hash(name: &str) -> u64 {
    fnv(name.bytes(), FNV_OFFSET)
}

/// What one article contributes to a table: its site and its short lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleLines {
    site: u64,
    /// Site-mixed line hashes, sorted, each once.
    lines: Vec<u64>,
    /// Names the exact content, so a duplicate counts once.
    body: u64,
}

impl ArticleLines {
    /// From the lines of an article of site `site` (see [`site_name`]).
    pub fn new<'a>(site: &str, lines: impl IntoIterator<Item = &'a str>) -> Self {
        let site = site_hash(site);
        let mut body = FNV_OFFSET;
        let mut keys = Vec::new();
        for line in lines.into_iter().take(MAX_LINES_PER_ARTICLE) {
            body = fnv(line.bytes().chain([b'\n']), body);
            if let Some(hash) = line_hash(line) {
                keys.push(site_line(site, hash));
            }
        }
        keys.sort_unstable();
        keys.dedup();
        ArticleLines {
            site,
            lines: keys,
            body: site_line(site, body),
        }
    }

    /// The lines of `doc` and its site: for plain text the lines the clean
    /// stage splits, for HTML the text of every block ([`html_lines`]).
    pub fn of_document(doc: &Document) -> Self {
        let hint = doc.ext.get(SITE_HINT).and_then(|v| v.as_str());
        if doc.error.is_some() {
            return ArticleLines::default();
        }
        let site = site_name(&doc.meta, hint);
        if doc.format == Format::Html || crate::looks_like_html(&doc.text) {
            let lines = html_lines(&doc.text);
            ArticleLines::new(&site, lines.iter().map(String::as_str))
        } else {
            let units = split_plain(&normalize(&doc.text));
            ArticleLines::new(&site, units.iter().map(|u| u.text.as_str()))
        }
    }

    /// How many distinct short lines the article has.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// Per site, how many distinct articles hold each short line.
#[derive(Debug, Clone)]
pub struct RepeatedLines {
    lines: HashMap<u64, u32>,
    sites: HashMap<u64, u32>,
    bodies: HashMap<u64, u32>,
    max_entries: usize,
    /// Line occurrences not counted because the table was full.
    overflow: u64,
}

impl Default for RepeatedLines {
    fn default() -> Self {
        RepeatedLines::with_max_entries(DEFAULT_MAX_ENTRIES)
    }
}

impl RepeatedLines {
    pub fn new() -> Self {
        RepeatedLines::default()
    }

    /// A table that holds at most `max_entries` line and article hashes.
    pub fn with_max_entries(max_entries: usize) -> Self {
        RepeatedLines {
            lines: HashMap::new(),
            sites: HashMap::new(),
            bodies: HashMap::new(),
            max_entries,
            overflow: 0,
        }
    }

    fn full(&self) -> bool {
        self.lines.len() + self.bodies.len() >= self.max_entries
    }

    /// Count one article; `false` when it duplicates one counted already
    /// (or the table is too full to tell) and was not counted again.
    pub fn add(&mut self, article: &ArticleLines) -> bool {
        if article.lines.is_empty() {
            return false;
        }
        if let Some(seen) = self.bodies.get_mut(&article.body) {
            *seen += 1;
            return false;
        }
        if self.full() {
            self.overflow += article.lines.len() as u64;
            return false;
        }
        self.bodies.insert(article.body, 1);
        *self.sites.entry(article.site).or_insert(0) += 1;
        for &key in &article.lines {
            if let Some(count) = self.lines.get_mut(&key) {
                *count += 1;
            } else if self.full() {
                self.overflow += 1;
            } else {
                self.lines.insert(key, 1);
            }
        }
        true
    }

    /// Take back an article added before (for a sliding window); `counted`
    /// is what [`RepeatedLines::add`] returned for it.
    fn remove(&mut self, article: &ArticleLines, counted: bool) {
        if let Some(seen) = self.bodies.get_mut(&article.body) {
            *seen -= 1;
            if *seen == 0 {
                self.bodies.remove(&article.body);
            }
        }
        if !counted {
            return;
        }
        decrement(&mut self.sites, article.site);
        for &key in &article.lines {
            decrement(&mut self.lines, key);
        }
    }

    /// How many distinct articles of the site hold the line.
    fn count(&self, site: u64, line: u64) -> u32 {
        self.lines.get(&site_line(site, line)).copied().unwrap_or(0)
    }

    /// How many distinct articles of the site were counted.
    fn articles(&self, site: u64) -> u32 {
        self.sites.get(&site).copied().unwrap_or(0)
    }

    /// Whether `line` is furniture of the site `site` (see the module docs).
    pub fn is_repeated(&self, site: &str, line: &str) -> bool {
        match line_hash(line) {
            Some(hash) => self.is_repeated_hash(site_hash(site), hash),
            None => false,
        }
    }

    fn is_repeated_hash(&self, site: u64, line: u64) -> bool {
        let articles = self.articles(site);
        let needed = MIN_ARTICLES.max((f64::from(articles) * MIN_SHARE).ceil() as u32);
        self.count(site, line) >= needed
    }

    /// Distinct lines counted, over all sites.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Line occurrences that went uncounted because the table was full.
    pub fn overflow(&self) -> u64 {
        self.overflow
    }
}

/// Words as [`line_hash`] counts them: runs of letters and digits.
fn word_count(line: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for c in line.chars() {
        let alnum = c.is_alphanumeric();
        words += usize::from(alnum && !in_word);
        in_word = alnum;
    }
    words
}

fn decrement(map: &mut HashMap<u64, u32>, key: u64) {
    if let Some(count) = map.get_mut(&key) {
        *count = count.saturating_sub(1);
        if *count == 0 {
            map.remove(&key);
        }
    }
}

/// Counts over the last `size` articles of a stream, for input that can be
/// read only once. Push articles in input order; a [`snapshot`] taken for a
/// group of articles then depends only on the input, never on timing.
///
/// [`snapshot`]: RepeatedWindow::snapshot
#[derive(Debug, Clone)]
pub struct RepeatedWindow {
    size: usize,
    queue: VecDeque<(ArticleLines, bool)>,
    table: RepeatedLines,
}

impl RepeatedWindow {
    /// A window over the last `size` articles (at least one).
    pub fn new(size: usize) -> Self {
        RepeatedWindow {
            size: size.max(1),
            queue: VecDeque::new(),
            // Bounded by the window itself: no cap needed.
            table: RepeatedLines::with_max_entries(usize::MAX),
        }
    }

    /// Count the next article, forgetting the oldest once the window is full.
    pub fn push(&mut self, article: ArticleLines) {
        if self.queue.len() == self.size {
            if let Some((old, counted)) = self.queue.pop_front() {
                self.table.remove(&old, counted);
            }
        }
        let counted = self.table.add(&article);
        self.queue.push_back((article, counted));
    }

    /// A small table with the window's counts for just these articles'
    /// lines and sites: what their clean stage needs to consult.
    pub fn snapshot<'a>(
        &self,
        articles: impl IntoIterator<Item = &'a ArticleLines>,
    ) -> RepeatedLines {
        let mut snapshot = RepeatedLines::with_max_entries(usize::MAX);
        for article in articles {
            snapshot
                .sites
                .insert(article.site, self.table.articles(article.site));
            for &key in &article.lines {
                if let Some(&count) = self.table.lines.get(&key) {
                    snapshot.lines.insert(key, count);
                }
            }
        }
        snapshot
    }

    /// The articles in the window.
    pub fn len(&self) -> usize {
        self.queue.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
}

/// Drop the units that are furniture of the article's site, recording each
/// as `repeated`. Never removes every unit: an article made only of lines
/// its site repeats is left to the other rules.
pub(crate) fn remove(
    table: &RepeatedLines,
    units: &mut Vec<Unit>,
    site: &str,
    removed: &mut Vec<Removed>,
) {
    let site = site_hash(site);
    let mut repeated: Vec<bool> = units
        .iter()
        .map(|unit| line_hash(&unit.text).is_some_and(|h| table.is_repeated_hash(site, h)))
        .collect();
    if !repeated.contains(&true) || !repeated.contains(&false) {
        return;
    }
    // Short lines count only in the runs that reach the article's edges.
    let top = repeated.iter().take_while(|&&r| r).count();
    let bottom = repeated.iter().rev().take_while(|&&r| r).count();
    let inside = top..repeated.len() - bottom;
    for (flag, unit) in repeated[inside.clone()].iter_mut().zip(&units[inside]) {
        if *flag && word_count(&unit.text) < MIN_WORDS_INSIDE {
            *flag = false;
        }
    }
    let mut flags = repeated.into_iter();
    units.retain(|unit| {
        let drop = flags.next().unwrap_or(false);
        if drop {
            removed.push(Removed {
                kind: RemovedKind::Repeated,
                text: unit.text.clone(),
            });
        }
        !drop
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(site: &str, lines: &[&str]) -> ArticleLines {
        ArticleLines::new(site, lines.iter().copied())
    }

    /// A distinct word for each number: digits would all normalise to `0`.
    fn word(mut n: usize) -> String {
        let mut out = String::new();
        loop {
            out.push((b'a' + (n % 26) as u8) as char);
            n /= 26;
            if n == 0 {
                return out;
            }
        }
    }

    #[test]
    fn normalisation_ignores_case_and_punctuation_but_not_digits() {
        assert_eq!(
            line_hash("© 2026 Example News. All rights reserved."),
            line_hash("©2026  example   NEWS — all rights reserved")
        );
        assert_ne!(
            line_hash("Qtly div 10 cts vs 10 cts prior"),
            line_hash("Qtly div 25 cts vs 25 cts prior")
        );
        assert_ne!(line_hash("Follow us"), line_hash("Follow them"));
        assert_eq!(line_hash("2026 — 12:30"), None);
        assert_eq!(line_hash(&"word ".repeat(MAX_WORDS + 1)), None);
        assert!(line_hash(&"word ".repeat(MAX_WORDS)).is_some());
    }

    #[test]
    fn a_line_in_three_articles_of_a_small_site_is_repeated() {
        let mut table = RepeatedLines::new();
        for n in 0..3 {
            let story = format!("Story {} about the harbour.", word(n));
            table.add(&article(
                "gazette.example",
                &["Follow us on Mastodon", &story],
            ));
        }
        assert!(table.is_repeated("gazette.example", "Follow us on Mastodon"));
        assert!(table.is_repeated("gazette.example", "FOLLOW US ON MASTODON!"));
        assert!(!table.is_repeated("gazette.example", "Story b about the harbour."));
        // Another site never saw it.
        assert!(!table.is_repeated("other.example", "Follow us on Mastodon"));
    }

    #[test]
    fn two_articles_are_not_enough_and_big_sites_need_one_percent() {
        let mut table = RepeatedLines::new();
        table.add(&article("a", &["Shared line here", "one"]));
        table.add(&article("a", &["Shared line here", "two"]));
        assert!(!table.is_repeated("a", "Shared line here"));

        // 499 articles: 1% is 5, so a line in 4 of them stays; in 5 of 500 it goes.
        let mut table = RepeatedLines::new();
        for n in 0..499 {
            let unique = format!("Unique story {}", word(n));
            let lines: Vec<&str> = if n < 4 {
                vec!["Analysis", &unique]
            } else {
                vec![&unique]
            };
            table.add(&article("big", &lines));
        }
        assert!(!table.is_repeated("big", "Analysis"));
        table.add(&article("big", &["Analysis", "Unique story zzz"]));
        assert!(table.is_repeated("big", "Analysis"));
    }

    #[test]
    fn exact_duplicates_count_once() {
        let mut table = RepeatedLines::new();
        let page = article("a", &["Council votes", "The council voted."]);
        assert!(table.add(&page));
        assert!(!table.add(&page));
        assert!(!table.add(&page));
        assert!(!table.is_repeated("a", "Council votes"));
    }

    #[test]
    fn a_full_table_stops_learning_new_lines_but_counts_known_ones() {
        let mut table = RepeatedLines::with_max_entries(4);
        table.add(&article("a", &["alpha line", "beta line"]));
        table.add(&article("a", &["alpha line", "gamma line"]));
        table.add(&article("a", &["alpha line", "delta line"]));
        assert!(table.len() + table.bodies.len() <= 4);
        assert!(table.overflow() > 0);
    }

    #[test]
    fn the_window_forgets_old_articles() {
        let mut window = RepeatedWindow::new(3);
        let articles: Vec<ArticleLines> = (0..5)
            .map(|n| {
                let story = format!("Story {}", word(n));
                let lines: Vec<&str> = if n < 3 {
                    vec!["Old slogan", &story]
                } else {
                    vec![&story]
                };
                article("s", &lines)
            })
            .collect();
        for a in &articles[..3] {
            window.push(a.clone());
        }
        assert!(window
            .snapshot(&articles[..3])
            .is_repeated("s", "Old slogan"));
        window.push(articles[3].clone());
        assert_eq!(window.len(), 3);
        assert!(!window
            .snapshot(&articles[..4])
            .is_repeated("s", "Old slogan"));
        // The snapshot holds only what was asked for.
        assert!(window.snapshot(&articles[4..]).len() <= 1);
    }

    #[test]
    fn removal_records_the_lines_and_never_empties_an_article() {
        let mut table = RepeatedLines::new();
        for n in 0..3 {
            let story = format!("Story {} text.", word(n));
            table.add(&article("s", &["Read the Gazette every morning", &story]));
        }
        let mut units = split_plain("Read the Gazette every morning\n\nStory z text.");
        let mut removed = Vec::new();
        remove(&table, &mut units, "s", &mut removed);
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].text, "Story z text.");
        assert_eq!(removed[0].kind, RemovedKind::Repeated);
        assert_eq!(removed[0].text, "Read the Gazette every morning");

        let mut units = split_plain("Read the Gazette every morning");
        let mut removed = Vec::new();
        remove(&table, &mut units, "s", &mut removed);
        assert_eq!(units.len(), 1);
        assert!(removed.is_empty());
    }

    #[test]
    fn short_repeated_lines_go_only_at_the_edges() {
        // Results tables of a wire: "Year" heads a section inside each one.
        let mut table = RepeatedLines::new();
        for n in 0..5 {
            let body = format!(
                "Shares of company {} rose.\n\nYear\n\nNet profit rose {}.\n\nREUTER",
                word(n),
                word(n + 7)
            );
            table.add(&ArticleLines::new(
                "wire",
                split_plain(&body).iter().map(|u| u.text.as_str()),
            ));
        }
        let mut units =
            split_plain("Shares of company q rose.\n\nYear\n\nNet profit rose z.\n\nREUTER");
        let mut removed = Vec::new();
        remove(&table, &mut units, "wire", &mut removed);
        let kept: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(
            kept,
            ["Shares of company q rose.", "Year", "Net profit rose z."]
        );
        assert_eq!(removed.len(), 1);
        assert_eq!(removed[0].text, "REUTER");
    }

    #[test]
    fn html_pages_are_cut_into_block_lines_without_a_parser() {
        let page = "<!DOCTYPE html><html><head><title>Ferry news</title>\
            <script>var x = '<p>not text</p>';</script><style>p { color: red }</style></head>\
            <body><!-- <p>a comment</p> --><nav><a href=/>Home</a> | <a href=/news>News</a></nav>\
            <article><p>The <b>ferry</b> timetable&nbsp;changes &amp; fares rise.</p>\
            <p>Caf&eacute; owners said &#8220;fine&#x201d;.<br>Second line</p>\
            <div class=tagline>Small towns, told straight</div></article></body></html>";
        assert_eq!(
            html_lines(page),
            [
                "Ferry news",
                "Home | News",
                "The ferry timetable changes & fares rise.",
                "Café owners said \u{201c}fine\u{201d}.",
                "Second line",
                "Small towns, told straight",
            ]
        );
        // Broken markup ends quietly.
        assert_eq!(html_lines("<p>Cut off <b"), ["Cut off"]);
        assert_eq!(html_lines("<script>never closed"), Vec::<String>::new());
        assert_eq!(html_lines("a &bogus; b &#xZZ; c"), ["a &bogus; b &#xZZ; c"]);
    }

    #[test]
    fn sites_come_from_url_host_then_source_then_hint() {
        let url = Meta {
            url: Some("https://www.Gazette.example:443/news/a?x=1".into()),
            source: Some("The Gazette".into()),
            ..Meta::default()
        };
        assert_eq!(site_name(&url, Some("f")), "gazette.example");
        let source = Meta {
            source: Some("The Gazette".into()),
            ..Meta::default()
        };
        assert_eq!(site_name(&source, None), "source:the gazette");
        assert_eq!(
            site_name(&Meta::default(), Some("feed.jsonl")),
            "input:feed.jsonl"
        );
        assert_eq!(site_name(&Meta::default(), None), "");
    }
}

#[cfg(test)]
mod stage_tests {
    use super::*;
    use crate::Clean;
    use newsmill_doc::Stage;
    use std::sync::Arc;

    fn doc(n: usize, story: &str) -> Document {
        let mut doc = Document::from_text(
            format!("{n}.txt"),
            format!(
                "{story}\n\nThe Lakeside Ledger: honest news for honest towns\n\n\
                 Find the Ledger on Bluesky and Mastodon"
            ),
        );
        doc.ext
            .insert(SITE_HINT.into(), serde_json::Value::from("ledger/"));
        doc
    }

    #[test]
    fn html_pages_of_one_site_lose_their_shared_tagline() {
        let stories = [
            "The ferry timetable changes next week, the harbour office said on Monday.",
            "Volunteers planted two hundred oak saplings along the river path.",
            "The library will open on Sundays from March, the council announced.",
        ];
        let pages: Vec<Document> = stories
            .iter()
            .enumerate()
            .map(|(n, story)| {
                let html = format!(
                    "<html><body><article><h1>Story {n}</h1><p>{story}</p>\
                     <p>Second paragraph about it, with more detail on story {n}.</p>\
                     <div class=\"motto\">Small&nbsp;towns, told <em>straight</em></div>\
                     </article></body></html>"
                );
                let mut doc = Document::from_html(format!("p{n}"), html);
                doc.meta.url = Some(format!("https://www.ledger.example/{n}"));
                doc
            })
            .collect();
        let mut table = RepeatedLines::new();
        for page in &pages {
            table.add(&ArticleLines::of_document(page));
        }
        let clean = Clean::new().with_repeated(Arc::new(table));
        for mut page in pages {
            clean.process(&mut page).unwrap();
            assert!(!page.text.contains("Small towns"), "{}", page.text);
            assert!(
                page.removed
                    .iter()
                    .any(|r| r.kind == RemovedKind::Repeated
                        && r.text == "Small towns, told straight")
            );
        }
    }

    #[test]
    fn the_stage_removes_what_its_site_repeats_and_drops_the_hint() {
        let stories = [
            "The ferry timetable changes next week, the harbour office said on Monday.",
            "Volunteers planted two hundred oak saplings along the river path.",
            "The library will open on Sundays from March, the council announced.",
        ];
        let docs: Vec<Document> = stories.iter().enumerate().map(|(n, s)| doc(n, s)).collect();
        let mut table = RepeatedLines::new();
        for d in &docs {
            table.add(&ArticleLines::of_document(d));
        }
        let clean = Clean::new().with_repeated(Arc::new(table));
        for (mut d, story) in docs.into_iter().zip(stories) {
            clean.process(&mut d).unwrap();
            assert_eq!(d.text, story);
            let repeated: Vec<&str> = d
                .removed
                .iter()
                .filter(|r| r.kind == RemovedKind::Repeated)
                .map(|r| r.text.as_str())
                .collect();
            assert_eq!(
                repeated,
                [
                    "The Lakeside Ledger: honest news for honest towns",
                    "Find the Ledger on Bluesky and Mastodon"
                ]
            );
            assert!(d.ext.is_empty());
        }
        // Without the table the lines stay: no phrase rule knows them.
        let mut d = doc(9, stories[0]);
        Clean::new().process(&mut d).unwrap();
        assert!(d.text.contains("Find the Ledger on Bluesky and Mastodon"));
    }
}
