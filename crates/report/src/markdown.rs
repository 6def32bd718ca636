//! Markdown: GitHub-flavoured tables.

use crate::view::ReportView;
use std::fmt::Write;

/// Backslash-escape every ASCII punctuation mark that could start markup
/// (CommonMark allows escaping any of them), so names render as written.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '&' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub(crate) fn render(view: &ReportView, top: usize) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; the results are ignored on purpose.
    let _ = write_report(&mut out, view, top);
    out
}

fn write_report(out: &mut String, view: &ReportView, top: usize) -> std::fmt::Result {
    writeln!(out, "# newsmill report\n")?;
    if top > 0 {
        writeln!(out, "Top {top} rows per list.\n")?;
    }
    if view.is_approximate() {
        writeln!(
            out,
            "> **Approximate.** Tables outgrew their limit of {} keys and dropped their rarest \
             keys; the counts shown are lower bounds.\n",
            view.key_limit
        )?;
        writeln!(out, "| Table | Keys dropped | Largest dropped count |")?;
        writeln!(out, "|:--|--:|--:|")?;
        for p in &view.pruned {
            writeln!(out, "| {} | {} | {} |", md(&p.table), p.keys, p.max_count)?;
        }
        writeln!(out)?;
    }

    writeln!(out, "## Totals\n")?;
    writeln!(out, "| Metric | Value |")?;
    writeln!(out, "|:--|--:|")?;
    for (_, name, value) in view.totals.rows() {
        writeln!(out, "| {} | {value} |", md(name))?;
    }

    writeln!(out, "\n## Errors by kind\n")?;
    if view.errors.is_empty() {
        writeln!(out, "No errors.")?;
    } else {
        writeln!(out, "| Kind | Articles |")?;
        writeln!(out, "|:--|--:|")?;
        for e in &view.errors {
            writeln!(out, "| {} | {} |", md(&e.kind), e.articles)?;
        }
    }

    writeln!(out, "\n## Entities by label\n")?;
    if view.labels.is_empty() {
        writeln!(out, "No entities.")?;
    } else {
        writeln!(out, "| Label | Entities | Mentions | Articles |")?;
        writeln!(out, "|:--|--:|--:|--:|")?;
        for l in &view.labels {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                l.label, l.entities, l.mentions, l.articles
            )?;
        }
    }

    writeln!(out, "\n## Most-mentioned entities")?;
    if view.top_entities.is_empty() {
        writeln!(out, "\nNo entities.")?;
    }
    for list in &view.top_entities {
        writeln!(out, "\n### {}\n", list.label)?;
        writeln!(out, "| # | Name | Mentions | Articles |")?;
        writeln!(out, "|--:|:--|--:|--:|")?;
        for (rank, e) in list.entities.iter().enumerate() {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                rank + 1,
                md(&e.name),
                e.mentions,
                e.articles
            )?;
        }
    }

    writeln!(out, "\n## Entities mentioned together\n")?;
    if view.cooccurrences.is_empty() {
        writeln!(out, "No entities were mentioned together.")?;
    } else {
        writeln!(out, "| # | Entity | Entity | Articles |")?;
        writeln!(out, "|--:|:--|:--|--:|")?;
        for (rank, p) in view.cooccurrences.iter().enumerate() {
            writeln!(
                out,
                "| {} | {} ({}) | {} ({}) | {} |",
                rank + 1,
                md(&p.a.name),
                p.a.label,
                md(&p.b.name),
                p.b.label,
                p.articles
            )?;
        }
    }

    writeln!(out, "\n## Quotes by speaker\n")?;
    if view.speakers.is_empty() {
        writeln!(out, "No quotes with a named speaker.")?;
    } else {
        writeln!(out, "| # | Speaker | Quotes | Articles | Example |")?;
        writeln!(out, "|--:|:--|--:|--:|:--|")?;
        for (rank, s) in view.speakers.iter().enumerate() {
            let example = s
                .example
                .as_ref()
                .map(|e| format!("{} ({})", md(&e.text), md(&e.article)))
                .unwrap_or_default();
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                rank + 1,
                md(&s.speaker),
                s.quotes,
                s.articles,
                example
            )?;
        }
    }
    let t = &view.totals;
    writeln!(
        out,
        "\nQuotes without a named speaker: {} ({} with a described speaker).",
        t.unattributed_quotes, t.described_quotes
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_table_breaking_characters() {
        assert_eq!(md("A|B"), "A\\|B");
        assert_eq!(md("<b>*x*</b>"), "\\<b\\>\\*x\\*\\</b\\>");
        assert_eq!(md("Zoë"), "Zoë");
    }
}
