//! HTML: one self-contained page; charts are inline SVG drawn here, with no
//! scripts and no external assets, so the file can be mailed or archived.

use crate::summary::clip;
use crate::view::ReportView;
use newsmill_doc::Label;
use std::fmt::Write;

/// Most bars one chart draws, whatever `top` is: more would not be readable.
const MAX_BARS: usize = 25;
/// Longest bar label, in characters; the full name is in the bar's tooltip.
const MAX_BAR_LABEL_CHARS: usize = 34;

const LABEL_WIDTH: f64 = 240.0;
const BAR_AREA: f64 = 380.0;
const VALUE_WIDTH: f64 = 80.0;
const ROW_HEIGHT: f64 = 22.0;
const BAR_HEIGHT: f64 = 16.0;

const STYLE: &str = "\
body{margin:0;background:#f7f7f5;color:#1d1d1f;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
main{max-width:980px;margin:0 auto;padding:24px 20px 48px}
h1{margin:0 0 4px;font-size:28px}
h2{margin:36px 0 12px;font-size:20px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{margin:20px 0 6px;font-size:15px;letter-spacing:.04em}
.lede{color:#555;margin:0 0 18px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px}
.card{background:#fff;border:1px solid #e2e2e2;border-radius:8px;padding:10px 12px}
.card .num{font-size:22px;font-weight:600}
.card .what{color:#666;font-size:13px}
.note{background:#fff6e0;border:1px solid #f0d48a;border-radius:8px;padding:10px 12px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{border-bottom:1px solid #eee;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f0f0ee;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.q{color:#333;font-style:italic}
svg{display:block;max-width:100%;height:auto}
svg text{font:12px system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;fill:#1d1d1f}
.empty{color:#777}
";

/// Escape for HTML text and attribute values alike.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// 1234567 as "1,234,567".
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

fn label_color(label: Label) -> &'static str {
    match label {
        Label::Person => "#4e79a7",
        Label::Org => "#f28e2b",
        Label::Loc => "#59a14f",
        Label::Norp => "#b07aa1",
        Label::Event => "#e15759",
        Label::Misc => "#76b7b2",
        Label::Date => "#9c755f",
        Label::Time => "#bab0ac",
        Label::Money => "#edc948",
        Label::Percent => "#ff9da7",
        Label::Quantity => "#8c8c8c",
    }
}

struct Bar<'a> {
    name: &'a str,
    value: u64,
    /// Extra tooltip text after the name and value.
    detail: String,
}

/// A horizontal bar chart: names on the left, bars scaled to the largest value.
fn bar_chart(out: &mut String, title: &str, bars: &[Bar<'_>], color: &str) -> std::fmt::Result {
    let bars = &bars[..bars.len().min(MAX_BARS)];
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f64;
    let width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
    let height = bars.len() as f64 * ROW_HEIGHT + 4.0;
    writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{}" width="{width}" height="{height}" viewBox="0 0 {width} {height}">"#,
        escape(title)
    )?;
    for (i, bar) in bars.iter().enumerate() {
        let y = i as f64 * ROW_HEIGHT + 2.0;
        let text_y = y + BAR_HEIGHT - 4.0;
        let mut length = bar.value as f64 / max * BAR_AREA;
        if bar.value > 0 {
            length = length.max(1.0);
        }
        writeln!(
            out,
            r#"<g><title>{name} — {value}{detail}</title><text x="{lx}" y="{text_y}" text-anchor="end">{short}</text><rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1}" height="{BAR_HEIGHT}" rx="2" fill="{color}"/><text x="{vx:.1}" y="{text_y}">{value}</text></g>"#,
            name = escape(bar.name),
            value = grouped(bar.value),
            detail = escape(&bar.detail),
            lx = LABEL_WIDTH - 8.0,
            short = escape(&clip(bar.name, MAX_BAR_LABEL_CHARS)),
            vx = LABEL_WIDTH + length + 6.0,
        )?;
    }
    writeln!(out, "</svg>")
}

pub(crate) fn render(view: &ReportView, top: usize) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; the results are ignored on purpose.
    let _ = write_page(&mut out, view, top);
    out
}

fn write_page(out: &mut String, view: &ReportView, top: usize) -> std::fmt::Result {
    let t = &view.totals;
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, r#"<html lang="en"><head><meta charset="utf-8">"#)?;
    writeln!(
        out,
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
    )?;
    writeln!(
        out,
        "<title>newsmill report</title>\n<style>\n{STYLE}</style>"
    )?;
    writeln!(out, "</head><body><main>")?;
    writeln!(out, "<h1>newsmill report</h1>")?;
    writeln!(
        out,
        r#"<p class="lede">{} articles, {} words, {} sentences, {} entities, {} quotes.{}</p>"#,
        grouped(t.articles),
        grouped(t.words),
        grouped(t.sentences),
        grouped(t.entities),
        grouped(t.quotes),
        if top > 0 {
            format!(" Top {top} rows per list.")
        } else {
            String::new()
        }
    )?;
    writeln!(out, r#"<section class="cards">"#)?;
    let cards = [
        ("articles", t.articles),
        ("with errors", t.articles_with_errors),
        ("words", t.words),
        ("sentences", t.sentences),
        ("entities", t.entities),
        ("mentions", t.mentions),
        ("quotes", t.quotes),
        ("without a named speaker", t.unattributed_quotes),
    ];
    for (what, value) in cards {
        writeln!(
            out,
            r#"<div class="card"><div class="num">{}</div><div class="what">{what}</div></div>"#,
            grouped(value)
        )?;
    }
    writeln!(out, "</section>")?;

    if view.is_approximate() {
        writeln!(
            out,
            r#"<p class="note"><strong>Approximate.</strong> Some tables outgrew their limit of {} keys and dropped their rarest keys; the counts shown are lower bounds.</p>"#,
            grouped(view.key_limit as u64)
        )?;
        table_head(
            out,
            &[
                ("Table", false),
                ("Keys dropped", true),
                ("Largest dropped count", true),
            ],
        )?;
        for p in &view.pruned {
            writeln!(
                out,
                r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
                escape(&p.table),
                grouped(p.keys),
                grouped(p.max_count)
            )?;
        }
        writeln!(out, "</tbody></table>")?;
    }

    writeln!(out, "<h2>Most-mentioned entities</h2>")?;
    if view.top_entities.is_empty() {
        writeln!(out, r#"<p class="empty">No entities.</p>"#)?;
    }
    for list in &view.top_entities {
        writeln!(out, "<h3>{}</h3>", list.label)?;
        let bars: Vec<Bar<'_>> = list
            .entities
            .iter()
            .map(|e| Bar {
                name: &e.name,
                value: e.mentions,
                detail: format!(" mentions in {} articles", grouped(e.articles)),
            })
            .collect();
        bar_chart(
            out,
            &format!("Most-mentioned {} entities", list.label),
            &bars,
            label_color(list.label),
        )?;
    }

    writeln!(out, "<h2>Quotes by speaker</h2>")?;
    if view.speakers.is_empty() {
        writeln!(
            out,
            r#"<p class="empty">No quotes with a named speaker.</p>"#
        )?;
    } else {
        let bars: Vec<Bar<'_>> = view
            .speakers
            .iter()
            .map(|s| Bar {
                name: &s.speaker,
                value: s.quotes,
                detail: format!(" quotes in {} articles", grouped(s.articles)),
            })
            .collect();
        bar_chart(out, "Quotes by speaker", &bars, "#4e79a7")?;
        table_head(
            out,
            &[
                ("#", true),
                ("Speaker", false),
                ("Quotes", true),
                ("Articles", true),
                ("Example", false),
            ],
        )?;
        for (rank, s) in view.speakers.iter().enumerate() {
            let example = s
                .example
                .as_ref()
                .map(|e| {
                    format!(
                        "{} <span class=\"empty\">({})</span>",
                        escape(&e.text),
                        escape(&e.article)
                    )
                })
                .unwrap_or_default();
            writeln!(
                out,
                r#"<tr><td class="n">{}</td><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="q">{example}</td></tr>"#,
                rank + 1,
                escape(&s.speaker),
                grouped(s.quotes),
                grouped(s.articles)
            )?;
        }
        writeln!(out, "</tbody></table>")?;
    }
    writeln!(
        out,
        "<p>Quotes without a named speaker: {} ({} with a described speaker).</p>",
        grouped(t.unattributed_quotes),
        grouped(t.described_quotes)
    )?;

    writeln!(out, "<h2>Entities mentioned together</h2>")?;
    if view.cooccurrences.is_empty() {
        writeln!(
            out,
            r#"<p class="empty">No entities were mentioned together.</p>"#
        )?;
    } else {
        table_head(
            out,
            &[
                ("#", true),
                ("Entity", false),
                ("Entity", false),
                ("Articles", true),
            ],
        )?;
        for (rank, p) in view.cooccurrences.iter().enumerate() {
            writeln!(
                out,
                r#"<tr><td class="n">{}</td><td>{} <small>{}</small></td><td>{} <small>{}</small></td><td class="n">{}</td></tr>"#,
                rank + 1,
                escape(&p.a.name),
                p.a.label,
                escape(&p.b.name),
                p.b.label,
                grouped(p.articles)
            )?;
        }
        writeln!(out, "</tbody></table>")?;
    }

    writeln!(out, "<h2>Entities by label</h2>")?;
    if view.labels.is_empty() {
        writeln!(out, r#"<p class="empty">No entities.</p>"#)?;
    } else {
        table_head(
            out,
            &[
                ("Label", false),
                ("Entities", true),
                ("Mentions", true),
                ("Articles", true),
            ],
        )?;
        for l in &view.labels {
            writeln!(
                out,
                r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
                l.label,
                grouped(l.entities),
                grouped(l.mentions),
                grouped(l.articles)
            )?;
        }
        writeln!(out, "</tbody></table>")?;
    }

    writeln!(out, "<h2>Errors by kind</h2>")?;
    if view.errors.is_empty() {
        writeln!(out, r#"<p class="empty">No errors.</p>"#)?;
    } else {
        table_head(out, &[("Kind", false), ("Articles", true)])?;
        for e in &view.errors {
            writeln!(
                out,
                r#"<tr><td>{}</td><td class="n">{}</td></tr>"#,
                escape(&e.kind),
                grouped(e.articles)
            )?;
        }
        writeln!(out, "</tbody></table>")?;
    }

    writeln!(out, "<h2>Totals</h2>")?;
    table_head(out, &[("Metric", false), ("Value", true)])?;
    for (_, name, value) in t.rows() {
        writeln!(
            out,
            r#"<tr><td>{}</td><td class="n">{}</td></tr>"#,
            escape(name),
            grouped(value)
        )?;
    }
    writeln!(out, "</tbody></table>")?;
    writeln!(out, "</main></body></html>")
}

/// Open a table with these headings (`true`: a numeric, right-aligned column).
fn table_head(out: &mut String, headings: &[(&str, bool)]) -> std::fmt::Result {
    out.push_str("<table><thead><tr>");
    for (heading, numeric) in headings {
        let class = if *numeric { r#" class="n""# } else { "" };
        write!(out, "<th{class}>{}</th>", escape(heading))?;
    }
    writeln!(out, "</tr></thead><tbody>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1234567), "1,234,567");
        assert_eq!(grouped(u64::MAX), "18,446,744,073,709,551,615");
    }

    #[test]
    fn chart_scales_bars_to_the_largest_value() {
        let mut out = String::new();
        let bars = [
            Bar {
                name: "A",
                value: 10,
                detail: String::new(),
            },
            Bar {
                name: "B",
                value: 5,
                detail: String::new(),
            },
        ];
        bar_chart(&mut out, "t", &bars, "#000").unwrap();
        assert!(out.contains(r#"width="380.0""#));
        assert!(out.contains(r#"width="190.0""#));
        assert_eq!(out.matches("<rect").count(), 2);
    }
}
