//! CSV: one table, one row per item of every list (see the crate docs for
//! the columns).

use crate::view::ReportView;

pub(crate) const HEADER: [&str; 11] = [
    "section",
    "rank",
    "label",
    "name",
    "label_b",
    "name_b",
    "count",
    "mentions",
    "articles",
    "example_article",
    "example",
];

/// RFC 4180 quoting: a field with a comma, quote, line break or edge
/// whitespace is wrapped in quotes, and its quotes are doubled.
pub(crate) fn field(text: &str) -> String {
    let needs_quotes = text.contains([',', '"', '\n', '\r'])
        || text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace);
    if needs_quotes {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[derive(Default)]
struct Row {
    section: &'static str,
    rank: Option<usize>,
    label: String,
    name: String,
    label_b: String,
    name_b: String,
    count: Option<u64>,
    mentions: Option<u64>,
    articles: Option<u64>,
    example_article: String,
    example: String,
}

impl Row {
    fn write(&self, out: &mut String) {
        let number = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
        let cells = [
            self.section.to_string(),
            self.rank.map(|r| r.to_string()).unwrap_or_default(),
            field(&self.label),
            field(&self.name),
            field(&self.label_b),
            field(&self.name_b),
            number(self.count),
            number(self.mentions),
            number(self.articles),
            field(&self.example_article),
            field(&self.example),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    }
}

pub(crate) fn render(view: &ReportView) -> String {
    let mut out = HEADER.join(",");
    out.push('\n');
    for (key, _, value) in view.totals.rows() {
        Row {
            section: "total",
            name: key.to_string(),
            count: Some(value),
            ..Row::default()
        }
        .write(&mut out);
    }
    for p in &view.pruned {
        for (what, value) in [("keys", p.keys), ("max_count", p.max_count)] {
            Row {
                section: "pruned",
                name: format!("{}.{what}", p.table),
                count: Some(value),
                ..Row::default()
            }
            .write(&mut out);
        }
    }
    for (i, e) in view.errors.iter().enumerate() {
        Row {
            section: "error",
            rank: Some(i + 1),
            name: e.kind.clone(),
            count: Some(e.articles),
            articles: Some(e.articles),
            ..Row::default()
        }
        .write(&mut out);
    }
    for l in &view.labels {
        Row {
            section: "label",
            label: l.label.to_string(),
            count: Some(l.entities),
            mentions: Some(l.mentions),
            articles: Some(l.articles),
            ..Row::default()
        }
        .write(&mut out);
    }
    for list in &view.top_entities {
        for (i, e) in list.entities.iter().enumerate() {
            Row {
                section: "entity",
                rank: Some(i + 1),
                label: list.label.to_string(),
                name: e.name.clone(),
                mentions: Some(e.mentions),
                articles: Some(e.articles),
                ..Row::default()
            }
            .write(&mut out);
        }
    }
    for (i, p) in view.cooccurrences.iter().enumerate() {
        Row {
            section: "pair",
            rank: Some(i + 1),
            label: p.a.label.to_string(),
            name: p.a.name.clone(),
            label_b: p.b.label.to_string(),
            name_b: p.b.name.clone(),
            articles: Some(p.articles),
            ..Row::default()
        }
        .write(&mut out);
    }
    for (i, s) in view.speakers.iter().enumerate() {
        let (example_article, example) = s
            .example
            .as_ref()
            .map(|e| (e.article.clone(), e.text.clone()))
            .unwrap_or_default();
        Row {
            section: "speaker",
            rank: Some(i + 1),
            name: s.speaker.clone(),
            count: Some(s.quotes),
            articles: Some(s.articles),
            example_article,
            example,
            ..Row::default()
        }
        .write(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(field("Paris"), "Paris");
        assert_eq!(field("Smith, John"), "\"Smith, John\"");
        assert_eq!(field("the \"Iron Lady\""), "\"the \"\"Iron Lady\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field(" padded"), "\" padded\"");
        assert_eq!(field(""), "");
    }
}
