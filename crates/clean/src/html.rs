//! HTML pages: metadata from the head, the article body as units.
//!
//! The body is found readability-style: `[itemprop=articleBody]`, then
//! `<article>`, then the element whose paragraphs score best (length,
//! commas, few links; a div of `<br>`-broken text counts as paragraphs).
//! When that element holds little of the text the page's paragraphs gather
//! under one ancestor, the story is split over sibling sections and the
//! ancestor is taken instead (unless it is a link-heavy listing). Inside
//! it, block elements become units in document order while page chrome
//! (menus, share bars, figures, ads) is skipped and recorded as removed; a
//! second copy of the story (responsive pages ship two) is dropped.

use crate::dates::normalize_meta_date;
use crate::normalize::{collapse_spaces, normalize};
use crate::rules::{byline_names, Unit};
use newsmill_doc::{Meta, Removed, RemovedKind};
use rustc_hash::FxHashMap;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::LazyLock;

pub(crate) struct Extracted {
    pub units: Vec<Unit>,
    pub meta: Meta,
    pub removed: Vec<Removed>,
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("built-in selector is valid")
}

static JSON_LD: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"script[type="application/ld+json"]"#));
static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector(r#"link[rel="canonical"]"#));
static ARTICLE_BODY: LazyLock<Selector> = LazyLock::new(|| selector(r#"[itemprop="articleBody"]"#));
static ARTICLE: LazyLock<Selector> = LazyLock::new(|| selector("article"));
static PARAGRAPH: LazyLock<Selector> = LazyLock::new(|| selector("p, pre, div"));
static BODY: LazyLock<Selector> = LazyLock::new(|| selector("body"));
static LINK: LazyLock<Selector> = LazyLock::new(|| selector("a"));
static TEXT_CONTAINER: LazyLock<Selector> =
    LazyLock::new(|| selector("div, section, td, span, font"));

/// Elements that never hold article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "button", "select", "input", "textarea",
    "iframe", "object", "embed", "canvas", "video", "audio", "head", "title", "link", "meta",
    "picture", "img", "source", "map",
];
/// Page chrome: dropped with their text recorded.
const CHROME: &[(&str, RemovedKind)] = &[
    ("nav", RemovedKind::Navigation),
    ("header", RemovedKind::Boilerplate),
    ("footer", RemovedKind::Boilerplate),
    ("aside", RemovedKind::Boilerplate),
    ("form", RemovedKind::Boilerplate),
    ("menu", RemovedKind::Navigation),
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "hr",
    "address",
    "center",
    "details",
    "summary",
    "body",
    "caption",
    "tbody",
    "thead",
];

/// Class names that say what an element holds or is about, not what it
/// is: WordPress's taxonomy classes on the story itself ("tag-related-
/// reading", "category-comment") and state flags ("has-recirc-strip",
/// "with-comments").
fn describes_content(class: &str) -> bool {
    const PREFIXES: &[&str] = &["tag-", "category-", "post_tag-", "has-", "with-", "no-"];
    let lower = class.as_bytes();
    PREFIXES
        .iter()
        .any(|p| lower.len() > p.len() && lower[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
}

/// Whether a word of the element's class names or id (split at every
/// non-alphanumeric, case ignored; taxonomy and state classes left out) is
/// one of `words`.
fn has_class_word(el: &ElementRef, words: &[&str]) -> bool {
    let value = el.value();
    value
        .classes()
        .filter(|c| !describes_content(c))
        .chain(value.id())
        .flat_map(|name| name.split(|c: char| !c.is_ascii_alphanumeric()))
        .any(|part| words.iter().any(|w| part.eq_ignore_ascii_case(w)))
}

/// A class or id naming the element a menu, tag list, breadcrumb or pager
/// (not a list of related stories, whose teasers are prose).
fn named_as_menu(el: &ElementRef) -> bool {
    has_class_word(
        el,
        &[
            "nav",
            "navigation",
            "menu",
            "tags",
            "pagination",
            "breadcrumb",
            "breadcrumbs",
        ],
    )
}

/// What a class or id says about an element, if it marks furniture.
fn furniture_kind(el: &ElementRef) -> Option<RemovedKind> {
    let value = el.value();
    let mut names = String::new();
    for class in value.classes().filter(|c| !describes_content(c)) {
        names.push_str(class);
        names.push(' ');
    }
    if let Some(id) = value.id() {
        names.push_str(id);
    }
    if let Some(role) = el.attr("role") {
        if matches!(
            role,
            "navigation" | "complementary" | "banner" | "contentinfo"
        ) {
            return Some(RemovedKind::Navigation);
        }
    }
    if names.is_empty() {
        return None;
    }
    let lower = names.to_ascii_lowercase();
    let parts: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect();
    let has = |words: &[&str]| parts.iter().any(|p| words.contains(p));
    if has(&["caption", "figcaption", "credit", "credits"]) {
        return Some(RemovedKind::Caption);
    }
    if has(&["bio", "biography"]) {
        return Some(RemovedKind::Bio);
    }
    if has(&["byline", "author", "authors", "writer", "contributor"]) {
        return Some(RemovedKind::Byline);
    }
    if has(&[
        "share",
        "sharing",
        "social",
        "sharebar",
        "sharetools",
        "follow",
    ]) {
        return Some(RemovedKind::Cta);
    }
    if has(&[
        "related",
        "recommended",
        "recirc",
        "popular",
        "trending",
        "breadcrumb",
        "breadcrumbs",
        "nav",
        "navigation",
        "menu",
        "tags",
        "pagination",
        "mostread",
        "outbrain",
        "taboola",
    ]) {
        return Some(RemovedKind::Navigation);
    }
    if has(&[
        "newsletter",
        "subscribe",
        "subscription",
        "promo",
        "promotion",
        "paywall",
        "signup",
        "sponsored",
        "membership",
    ]) {
        return Some(RemovedKind::Promo);
    }
    if has(&[
        "comment",
        "comments",
        "disqus",
        "ad",
        "ads",
        "advert",
        "advertisement",
        "adslot",
        "dfp",
        "sidebar",
        "modal",
        "popup",
        "cookie",
        "consent",
        "sronly",
        "toolbar",
        "testimonial",
        "testimonials",
    ]) || lower.contains("sr-only")
        || lower.contains("visually-hidden")
        // Whole class names only: Drupal's "field--label-hidden" wraps the story.
        || value
            .classes()
            .any(|c| matches!(c, "hidden" | "is-hidden" | "d-none" | "hide" | "skip-link"))
    {
        return Some(RemovedKind::Boilerplate);
    }
    None
}

fn is_hidden(el: &ElementRef) -> bool {
    el.attr("hidden").is_some()
        || el.attr("aria-hidden") == Some("true")
        || el.attr("style").is_some_and(|s| {
            let s = s.to_ascii_lowercase().replace(' ', "");
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

fn clean_piece(s: &str) -> String {
    collapse_spaces(&normalize(s))
}

/// Visible text of an element: script and style contents excluded.
fn element_text(el: &ElementRef) -> String {
    let mut out = String::new();
    for node in el.descendants() {
        if let Node::Text(t) = node.value() {
            let in_code = node
                .parent()
                .and_then(|p| p.value().as_element().map(|e| SKIPPED.contains(&e.name())))
                .unwrap_or(false);
            if !in_code {
                out.push_str(t);
                out.push(' ');
            }
        }
    }
    clean_piece(&out)
}

/// Length of the text directly inside an element (not in child elements).
fn direct_text_len(el: &ElementRef) -> usize {
    el.children()
        .filter_map(|c| c.value().as_text().map(|t| t.trim().len()))
        .sum()
}

pub(crate) fn extract(page: &str) -> Extracted {
    let doc = Html::parse_document(page);
    let mut meta = Meta::default();
    let mut ld_body = None;
    read_json_ld(&doc, &mut meta, &mut ld_body);
    read_meta_tags(&doc, &mut meta);

    let mut walker = Walker::default();
    if let Some(root) = choose_root(&doc) {
        walker.walk(root);
    }
    let Walker {
        units,
        mut removed,
        bylines,
        ..
    } = walker;
    if meta.authors.is_empty() {
        for line in bylines {
            match byline_names(&line, true) {
                Some(names) => meta.authors.extend(names),
                None if line.split_whitespace().count() <= 4
                    && line.chars().next().is_some_and(char::is_uppercase) =>
                {
                    meta.authors.push(line)
                }
                None => {}
            }
        }
        meta.authors.dedup();
    }
    let (units, copies) = drop_copies(units);
    removed.extend(copies);
    let mut units = units;
    // Scripted pages may carry the article only in their JSON-LD.
    let body_chars: usize = units.iter().map(|u| u.text.len()).sum();
    if let Some(body) = ld_body {
        if body_chars < 200 && body.len() > body_chars * 2 {
            removed.extend(units.drain(..).map(|u| Removed {
                kind: RemovedKind::Boilerplate,
                text: u.text,
            }));
            units = crate::rules::split_plain(&normalize(&body));
        }
    }
    Extracted {
        units,
        meta,
        removed,
    }
}

/// Units in a row that make a repeated run a copy of the story.
const COPY_RUN: usize = 5;

/// Responsive pages ship the story twice (one copy hidden by CSS). A unit
/// repeating an earlier one is a copy when it opens or continues a run of
/// [`COPY_RUN`] units repeating an earlier run in order; the repeats of an
/// interview's question or a meal plan's dishes are shorter.
fn drop_copies(units: Vec<Unit>) -> (Vec<Unit>, Vec<Removed>) {
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    let earlier: Vec<Option<usize>> = units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let at = *first.entry(u.text.as_str()).or_insert(i);
            (at < i).then_some(at)
        })
        .collect();
    // Runs of units that repeat an earlier run in order.
    let mut copy = vec![false; units.len()];
    let mut i = 0;
    while i < units.len() {
        let Some(j) = earlier[i] else {
            i += 1;
            continue;
        };
        let mut len = 1;
        while earlier.get(i + len).copied().flatten() == Some(j + len) {
            len += 1;
        }
        if len >= COPY_RUN {
            copy[i..i + len].iter_mut().for_each(|c| *c = true);
        }
        i += len;
    }
    crate::rules::split_off(units, &copy, RemovedKind::Repeated)
}

fn set(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        if let Some(v) = value.map(|v| clean_piece(&v)).filter(|v| !v.is_empty()) {
            *slot = Some(v);
        }
    }
}

fn ld_string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => ld_string(o.get("name").or_else(|| o.get("@id"))),
        Value::Array(a) => ld_string(a.first()),
        _ => None,
    }
}

fn is_article_type(v: Option<&Value>) -> bool {
    let is_article =
        |s: &str| s.ends_with("Article") || s.ends_with("BlogPosting") || s == "Report";
    match v {
        Some(Value::String(s)) => is_article(s),
        Some(Value::Array(a)) => a.iter().any(|t| t.as_str().is_some_and(is_article)),
        _ => false,
    }
}

fn read_json_ld(doc: &Html, meta: &mut Meta, body: &mut Option<String>) {
    for script in doc.select(&JSON_LD) {
        let raw: String = script.text().collect();
        let raw = raw.trim().trim_end_matches(';');
        if let Ok(value) = serde_json::from_str::<Value>(raw) {
            visit_ld(&value, meta, body, 0);
        }
    }
}

fn visit_ld(value: &Value, meta: &mut Meta, body: &mut Option<String>, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                visit_ld(item, meta, body, depth + 1);
            }
        }
        Value::Object(obj) => {
            if let Some(graph) = obj.get("@graph") {
                visit_ld(graph, meta, body, depth + 1);
            }
            if !is_article_type(obj.get("@type")) {
                return;
            }
            set(&mut meta.title, ld_string(obj.get("headline")));
            set(&mut meta.standfirst, ld_string(obj.get("description")));
            set(
                &mut meta.published,
                ld_string(obj.get("datePublished")).and_then(|d| normalize_meta_date(&d)),
            );
            set(&mut meta.source, ld_string(obj.get("publisher")));
            set(
                &mut meta.url,
                ld_string(obj.get("url")).or_else(|| ld_string(obj.get("mainEntityOfPage"))),
            );
            set(
                &mut meta.language,
                ld_string(obj.get("inLanguage")).map(|l| language_code(&l)),
            );
            if meta.authors.is_empty() {
                let authors = match obj.get("author") {
                    Some(Value::Array(list)) => {
                        list.iter().filter_map(|a| ld_string(Some(a))).collect()
                    }
                    other => ld_string(other).into_iter().collect::<Vec<_>>(),
                };
                meta.authors = authors
                    .into_iter()
                    .map(|a| clean_piece(&a))
                    .filter(|a| !a.is_empty() && !a.starts_with("http"))
                    .collect();
            }
            if body.is_none() {
                *body = ld_string(obj.get("articleBody"));
            }
        }
        _ => {}
    }
}

fn language_code(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn read_meta_tags(doc: &Html, meta: &mut Meta) {
    let mut tags: HashMap<String, String> = HashMap::new();
    for el in doc.select(&META) {
        let key = el
            .attr("property")
            .or_else(|| el.attr("name"))
            .or_else(|| el.attr("itemprop"));
        if let (Some(key), Some(content)) = (key, el.attr("content")) {
            tags.entry(key.to_ascii_lowercase())
                .or_insert_with(|| content.to_string());
        }
    }
    let first = |keys: &[&str]| keys.iter().find_map(|k| tags.get(*k).cloned());
    set(&mut meta.title, first(&["og:title", "twitter:title"]));
    set(
        &mut meta.standfirst,
        first(&["og:description", "description", "twitter:description"]),
    );
    set(
        &mut meta.source,
        first(&["og:site_name", "application-name"]),
    );
    set(&mut meta.url, first(&["og:url"]));
    set(
        &mut meta.published,
        first(&[
            "article:published_time",
            "og:published_time",
            "datepublished",
            "date",
            "pubdate",
            "publish-date",
            "dc.date",
            "dc.date.issued",
            "sailthru.date",
            "parsely-pub-date",
        ])
        .and_then(|d| normalize_meta_date(&d)),
    );
    if meta.authors.is_empty() {
        if let Some(author) = first(&[
            "author",
            "article:author",
            "dc.creator",
            "parsely-author",
            "sailthru.author",
        ]) {
            let author = clean_piece(&author);
            if !author.is_empty() && !author.starts_with("http") {
                meta.authors.push(author);
            }
        }
    }
    if meta.title.is_none() {
        let title = doc
            .select(&TITLE)
            .next()
            .map(|t| clean_piece(&t.text().collect::<String>()));
        // "Headline | Site": drop the site part when it names the source.
        let title = title.map(|t| match &meta.source {
            Some(site) => t
                .strip_suffix(site.as_str())
                .map(|rest| {
                    rest.trim_end_matches([' ', '|', '-', '–', '—', ':'])
                        .to_string()
                })
                .filter(|rest| !rest.is_empty())
                .unwrap_or(t),
            None => t,
        });
        set(&mut meta.title, title);
    }
    if meta.url.is_none() {
        let canonical = doc
            .select(&CANONICAL)
            .next()
            .and_then(|l| l.attr("href"))
            .map(str::to_string);
        set(&mut meta.url, canonical);
    }
    if meta.language.is_none() {
        let lang = doc.root_element().attr("lang").map(language_code);
        let lang = lang.or_else(|| first(&["og:locale"]).map(|l| language_code(&l)));
        set(
            &mut meta.language,
            lang.filter(|l| (2..=3).contains(&l.len())),
        );
    }
}

/// Inside comments, related-story lists or page chrome.
fn in_furniture(el: &ElementRef) -> bool {
    let mut node = Some(*el);
    while let Some(current) = node {
        let name = current.value().name();
        if name == "body" || name == "html" {
            return false;
        }
        // The page's main content by its own markup: what holds it is not
        // furniture, even an <aside> the page forgot to close.
        if name == "main" {
            return false;
        }
        if matches!(name, "nav" | "footer" | "aside") {
            return true;
        }
        if has_class_word(
            &current,
            &[
                "comment",
                "comments",
                "related",
                "recommended",
                "recirc",
                "disqus",
            ],
        ) {
            return true;
        }
        node = current.parent().and_then(ElementRef::wrap);
    }
    false
}

/// Text (bytes) of unlinked paragraphs that makes a block prose: menus,
/// tag lists and page numbers hold none.
const PROSE_MASS: usize = 200;

/// Whether `el` holds paragraphs that are not links: prose.
fn holds_prose(el: &ElementRef) -> bool {
    let mut mass = 0;
    for p in paragraphs(el, true) {
        let len = element_text(&p).len();
        if len >= 100 && link_density(&p) < 0.25 {
            mass += len;
            if mass >= PROSE_MASS {
                return true;
            }
        }
    }
    false
}

/// The paragraphs under `el`: `<p>` and `<pre>`, and a `<div>` holding
/// only inline content (Blogger and many old templates write each
/// paragraph as a div of spans). A div whose own text is long is left to
/// the text-container vote in [`choose_root`].
fn paragraphs<'a>(el: &ElementRef<'a>, divs: bool) -> impl Iterator<Item = ElementRef<'a>> {
    el.select(&PARAGRAPH)
        .filter(move |p| p.value().name() != "div" || (divs && is_div_paragraph(p)))
}

/// A div written as a paragraph: only inline content, and prose (long
/// enough, closing a sentence, mostly not links), so that menu entries and
/// card labels built of divs do not vote.
fn is_div_paragraph(div: &ElementRef) -> bool {
    if direct_text_len(div) >= DIV_TEXT_LEN
        || div
            .descendants()
            .skip(1)
            .filter_map(ElementRef::wrap)
            .any(|d| BLOCKS.contains(&d.value().name()))
    {
        return false;
    }
    // Form field hints are sentences too.
    if div
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| a.value().name() == "form")
    {
        return false;
    }
    let text = element_text(div);
    text.len() >= 80 && text.contains(['.', '!', '?']) && link_density(div) < 0.5
}

fn p_text_len(el: &ElementRef, divs: bool) -> usize {
    paragraphs(el, divs)
        .filter(|p| !in_furniture(p))
        .map(|p| element_text(&p).len())
        .sum()
}

fn link_density(el: &ElementRef) -> f64 {
    let total = element_text(el).len();
    if total == 0 {
        return 1.0;
    }
    let links: usize = el.select(&LINK).map(|a| element_text(&a).len()).sum();
    links as f64 / total as f64
}

/// The element holding the article.
fn choose_root(doc: &Html) -> Option<ElementRef<'_>> {
    // Divs count as paragraphs only on pages that write few <p>s: where
    // <p>s carry the story, divs of prose are teasers and widgets.
    let divs = p_text_len(&doc.root_element(), false) < DIV_PARAGRAPHS_BELOW;
    let p_text_len = |el: &ElementRef| p_text_len(el, divs);
    let largest = |sel: &Selector| {
        doc.select(sel)
            .filter(|el| !in_furniture(el))
            .map(|el| (p_text_len(&el).max(element_text(&el).len() / 2), el))
            .max_by_key(|(len, _)| *len)
    };
    if let Some((len, el)) = largest(&ARTICLE_BODY) {
        if len >= 200 {
            return Some(el);
        }
    }
    // Readability-style score: paragraphs vote for their parent and,
    // at half weight, their grandparent.
    // Fx: deterministic order, so tied scores rank the same in every run.
    let mut scores: FxHashMap<_, (f64, ElementRef)> = FxHashMap::default();
    let mut mass: FxHashMap<_, f64> = FxHashMap::default();
    for p in paragraphs(&doc.root_element(), divs) {
        if in_furniture(&p) {
            continue;
        }
        let text = element_text(&p);
        if text.len() < 25 {
            continue;
        }
        let score = 1.0 + text.matches(',').count() as f64 + (text.len() as f64 / 100.0).min(3.0);
        // Every ancestor gathers the paragraph's text, discounted by its links.
        let links: usize = p.select(&LINK).map(|a| element_text(&a).len()).sum();
        // Long paragraphs weigh more than their length: teaser blurbs are short.
        let len = text.len() as f64;
        let weight = len * (len / PROSE_LEN).min(1.0) * (1.0 - (links as f64 / len).min(1.0));
        for anc in p.ancestors().filter_map(ElementRef::wrap) {
            *mass.entry(anc.id()).or_insert(0.0) += weight;
        }
        // Vote for the nearest block container, not a wrapping link or span.
        let mut parent = p.parent().and_then(ElementRef::wrap);
        while let Some(el) = parent {
            if !matches!(
                el.value().name(),
                "a" | "span" | "font" | "em" | "strong" | "b" | "i" | "u" | "small"
            ) {
                break;
            }
            parent = el.parent().and_then(ElementRef::wrap);
        }
        if let Some(parent) = parent {
            scores.entry(parent.id()).or_insert((0.0, parent)).0 += score;
            if let Some(grand) = parent.parent().and_then(ElementRef::wrap) {
                scores.entry(grand.id()).or_insert((0.0, grand)).0 += score / 2.0;
            }
        }
    }
    // Some pages keep their text in divs broken by <br>, not in <p>s:
    // such a div votes for itself and weighs in the gathering.
    for el in doc.select(&TEXT_CONTAINER) {
        let len = direct_text_len(&el);
        if len >= DIV_TEXT_LEN && !in_furniture(&el) {
            let score = 1.0 + (len as f64 / 100.0).min(10.0);
            scores.entry(el.id()).or_insert((0.0, el)).0 += score;
            let weight = len as f64 * (len as f64 / PROSE_LEN).min(1.0);
            for anc in std::iter::once(el).chain(el.ancestors().filter_map(ElementRef::wrap)) {
                *mass.entry(anc.id()).or_insert(0.0) += weight;
            }
        }
    }
    let gathered = gathering_root(doc, |el| mass.get(&el.id()).copied());
    let mut ranked: Vec<(f64, ElementRef)> = scores.into_values().collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    // A candidate whose own class names a promo, menu or share bar is not
    // the story, however much text its slides carry.
    let best = ranked
        .into_iter()
        .filter(|(_, el)| {
            !matches!(
                furniture_kind(el),
                Some(RemovedKind::Promo | RemovedKind::Navigation | RemovedKind::Cta)
            )
        })
        .take(5)
        .map(|(score, el)| (score * (1.0 - link_density(&el)), el))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, el)| el);
    // A story split over sibling containers (ads between them): climb to
    // the ancestor that gathers its paragraphs.
    let best = best.map(|mut el| {
        let mut own = p_text_len(&el);
        for _ in 0..3 {
            let Some(parent) = el.parent().and_then(ElementRef::wrap) else {
                break;
            };
            if matches!(parent.value().name(), "body" | "html") {
                break;
            }
            let gathered = p_text_len(&parent);
            if gathered * 10 > own * 16 && link_density(&parent) < 0.35 {
                el = parent;
                own = gathered;
            } else {
                break;
            }
        }
        el
    });
    // The voted container holding most of what the page gathers is the
    // story; holding little of it, it is one section of a split story.
    let share = |el: &ElementRef| mass.get(&el.id()).copied().unwrap_or(0.0);
    let best = match (gathered, best) {
        (Some(g), Some(b))
            if b.ancestors().any(|a| a.id() == g.id())
                && share(&b) >= share(&g) * SECTION_SHARE =>
        {
            Some(b)
        }
        // A gathering full of links is a listing around the story.
        (Some(g), Some(b)) if link_density(&g) > GATHERED_LINKS => Some(b),
        (g, b) => g.or(b),
    };
    if let Some((len, article)) = largest(&ARTICLE) {
        // An <article> wins unless the scored element holds far more text.
        let best_len = best.as_ref().map_or(0, p_text_len);
        // Many <article>s are cards of a listing, not one story.
        let all_articles: usize = doc
            .select(&ARTICLE)
            .filter(|el| !in_furniture(el))
            .filter(|el| {
                !el.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| e.name() == "article")
                })
            })
            .map(|el| p_text_len(&el))
            .sum();
        let dominant = len * 10 >= all_articles * 6;
        if len >= 200 && len * 2 >= best_len && dominant {
            return Some(article);
        }
    }
    best.or_else(|| doc.select(&BODY).next())
}

/// Paragraph text (bytes) in `<p>`s below which divs written as paragraphs
/// are counted too.
const DIV_PARAGRAPHS_BELOW: usize = 1000;
/// Share of a container's paragraph text one child must hold to be
/// descended into.
const DESCEND_SHARE: f64 = 0.7;
/// Link density above which a gathering is a listing, not a story.
const GATHERED_LINKS: f64 = 0.2;
/// Text directly inside a div (bytes) that makes it a paragraph.
const DIV_TEXT_LEN: usize = 200;
/// Paragraph length (bytes) from which text weighs in full.
const PROSE_LEN: f64 = 250.0;
/// Share of the gathered text the voted container must hold to stand.
const SECTION_SHARE: f64 = 0.65;

/// The smallest element that gathers most of the page's paragraph text:
/// from `<body>` down, step into the child holding most of it while that
/// child holds at least [`DESCEND_SHARE`]. A story split over sibling
/// sections (each a few paragraphs under its own heading) is found whole,
/// where a per-container vote would pick one section.
fn gathering_root<'a>(
    doc: &'a Html,
    mass: impl Fn(&ElementRef) -> Option<f64>,
) -> Option<ElementRef<'a>> {
    let mut current = doc.select(&BODY).next()?;
    let total = mass(&current)?;
    if total < 200.0 {
        return None;
    }
    loop {
        let here = mass(&current).unwrap_or(0.0);
        let best = current
            .children()
            .filter_map(ElementRef::wrap)
            .filter_map(|c| mass(&c).map(|m| (m, c)))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        match best {
            Some((m, child)) if m >= here * DESCEND_SHARE => current = child,
            _ => break,
        }
    }
    Some(current)
}

enum Step<'a> {
    Open(ElementRef<'a>),
    Text(&'a str),
    Close { block: bool, link: bool },
}

#[derive(Default)]
struct Walker {
    units: Vec<Unit>,
    removed: Vec<Removed>,
    bylines: Vec<String>,
    buffer: String,
    buffer_link_chars: usize,
    buffer_bullet: bool,
    link_depth: usize,
    block: usize,
}

impl Walker {
    fn walk(&mut self, root: ElementRef<'_>) {
        let root_len = element_text(&root).len().max(1);
        let mut stack = vec![Step::Open(root)];
        let mut first = true;
        while let Some(step) = stack.pop() {
            match step {
                Step::Text(t) => {
                    self.buffer.push_str(t);
                    if self.link_depth > 0 {
                        self.buffer_link_chars += t.trim().len();
                    }
                }
                Step::Close { block, link } => {
                    if link {
                        self.link_depth = self.link_depth.saturating_sub(1);
                    }
                    if block {
                        self.flush(true);
                    }
                }
                Step::Open(el) => {
                    let is_root = std::mem::take(&mut first);
                    let name = el.value().name();
                    if SKIPPED.contains(&name) || (!is_root && is_hidden(&el)) {
                        continue;
                    }
                    if name == "br" {
                        self.flush(false);
                        continue;
                    }
                    if !is_root && self.drop_furniture(&el, name, root_len) {
                        continue;
                    }
                    let block = BLOCKS.contains(&name);
                    if block {
                        self.flush(true);
                    }
                    if name == "li" {
                        self.buffer_bullet = true;
                    }
                    let link = name == "a";
                    if link {
                        self.link_depth += 1;
                    }
                    stack.push(Step::Close { block, link });
                    let children: Vec<_> = el.children().collect();
                    for child in children.into_iter().rev() {
                        match child.value() {
                            Node::Text(t) => stack.push(Step::Text(t)),
                            Node::Element(_) => {
                                if let Some(child) = ElementRef::wrap(child) {
                                    stack.push(Step::Open(child));
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        self.flush(true);
    }

    /// Skip page chrome inside the article, recording what it said.
    fn drop_furniture(&mut self, el: &ElementRef, name: &str, root_len: usize) -> bool {
        let kind = if name == "figure" || name == "figcaption" {
            Some(RemovedKind::Caption)
        } else if let Some((_, kind)) = CHROME.iter().find(|(n, _)| *n == name) {
            Some(*kind)
        } else {
            furniture_kind(el)
        };
        let Some(kind) = kind else {
            return false;
        };
        let text = element_text(el);
        // A class name is a weak signal: never let it take most of the story.
        if text.len() * 2 > root_len && !matches!(name, "figure" | "nav" | "aside") {
            return false;
        }
        // A block the theme named for its menu ("content-nav-section") that
        // holds paragraphs of prose is part of the story.
        if kind == RemovedKind::Navigation
            && !matches!(name, "nav" | "menu")
            && named_as_menu(el)
            && holds_prose(el)
        {
            return false;
        }
        if !text.is_empty() {
            if kind == RemovedKind::Byline {
                self.bylines.push(text.clone());
            }
            self.flush(true);
            self.removed.push(Removed { kind, text });
        }
        true
    }

    fn flush(&mut self, end_block: bool) {
        let text = clean_piece(&self.buffer);
        if !text.is_empty() {
            let words = text.split_whitespace().count();
            // A line that is all link is a menu item or a related story.
            if self.buffer_link_chars * 10 >= text.len() * 8 && words <= 20 {
                self.removed.push(Removed {
                    kind: RemovedKind::Navigation,
                    text,
                });
            } else {
                let bullet = self.buffer_bullet;
                self.units.push(Unit {
                    text,
                    block: self.block,
                    bullet,
                });
            }
        }
        self.buffer.clear();
        self.buffer_link_chars = 0;
        if end_block {
            self.buffer_bullet = false;
            self.block += 1;
        }
    }
}
