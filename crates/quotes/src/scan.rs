//! Finding quotation marks and pairing them, one paragraph at a time.

use crate::text::trim_span;
use newsmill_doc::Span;

/// A quotation found in the text, before classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// From the opening mark to the closing mark included (or to the end of
    /// the paragraph when it was never closed).
    pub span: Span,
    /// The words between the marks.
    pub inner: Span,
    /// Index into the paragraph list.
    pub para: usize,
    /// The closing mark was missing.
    pub unclosed: bool,
    /// Re-opens a quotation left open at the end of the previous paragraph.
    pub continues: bool,
}

/// Characters after which a straight `"` or `'` opens a quotation.
fn opens_after(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => {
            p.is_whitespace()
                || matches!(
                    p,
                    '(' | '['
                        | '{'
                        | '<'
                        | '—'
                        | '–'
                        | '-'
                        | '/'
                        | '"'
                        | '“'
                        | '‘'
                        | '\''
                        | '«'
                        | '„'
                        | ':'
                )
        }
    }
}

/// How a double quotation that starts with `open` is closed.
fn double_closers(open: char) -> Option<&'static [char]> {
    match open {
        '"' => Some(&['"']),
        '“' => Some(&['”']),
        '«' => Some(&['»']),
        '„' => Some(&['“', '”']),
        _ => None,
    }
}

/// Marks that, met again inside an open quotation of the same style, mean the
/// first one was never closed.
fn restarts(open: char) -> bool {
    matches!(open, '“' | '«' | '„')
}

/// An apostrophe-proof closing single mark: after a non-space, before a
/// non-alphanumeric ("Putin’s" and "rock ’n’ roll" do not close).
fn closes_single(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(|n| !n.is_alphanumeric())
}

/// Quotations of every paragraph, in text order. Nested quotations of the
/// other kind stay inside the outer one; an unclosed double quotation ends at
/// its paragraph's end; single marks without a partner are apostrophes.
pub(crate) fn find_quotes(text: &str, paragraphs: &[Span]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut previous_left_open = false;
    for (para_index, &para) in paragraphs.iter().enumerate() {
        let Some(para_text) = para.slice(text) else {
            previous_left_open = false;
            continue;
        };
        if !para_text.contains(['"', '“', '«', '„', '‘', '\'', '‹']) {
            previous_left_open = false;
            continue;
        }
        let chars: Vec<(usize, char)> = para_text.char_indices().collect();
        let first_in_para = out.len();
        let mut closer_cache = CloserCache::default();
        let mut left_open = false;
        let mut i = 0;
        while i < chars.len() {
            let (offset, c) = chars[i];
            let prev = i.checked_sub(1).map(|p| chars[p].1);
            let next = chars.get(i + 1).map(|&(_, n)| n);
            let is_double_open = match c {
                '"' => opens_after(prev) && next.is_some_and(|n| !n.is_whitespace()),
                '“' | '«' | '„' => true,
                _ => false,
            };
            if is_double_open {
                let closers = double_closers(c).unwrap_or(&['"']);
                let mut end: Option<(usize, bool)> = None; // (index after quote, closed)
                let mut j = i + 1;
                while j < chars.len() {
                    let d = chars[j].1;
                    if closers.contains(&d) {
                        end = Some((j + 1, true));
                        break;
                    }
                    if d == c && restarts(c) {
                        end = Some((j, false));
                        break;
                    }
                    j += 1;
                }
                let (stop, closed) = end.unwrap_or((chars.len(), false));
                let stop_byte = chars.get(stop).map_or(para_text.len(), |&(b, _)| b);
                let start = para.start + offset;
                let span = trim_span(text, Span::new(start, para.start + stop_byte));
                let inner_end = if closed {
                    span.end - chars[stop - 1].1.len_utf8()
                } else {
                    span.end
                };
                let inner = Span::new(start + c.len_utf8(), inner_end.max(start + c.len_utf8()));
                left_open = !closed && stop == chars.len();
                push(&mut out, text, span, inner, para_index, !closed);
                i = stop.max(i + 1);
                continue;
            }
            let single_closer = match c {
                '‘' => prev.is_none_or(|p| !p.is_alphanumeric()).then_some('’'),
                '\'' => {
                    (opens_after(prev) && next.is_some_and(char::is_alphabetic)).then_some('\'')
                }
                '‹' => Some('›'),
                _ => None,
            };
            if let Some(closer) = single_closer {
                let found = closer_cache.next_closer(&chars, closer, i + 1);
                // "rock ‘n’ roll": one letter between single marks is an elision.
                let elision = found.is_some_and(|j| {
                    chars[i + 1..j]
                        .iter()
                        .filter(|(_, ch)| ch.is_alphanumeric())
                        .count()
                        < 2
                });
                if let Some(j) = found.filter(|_| !elision) {
                    let start = para.start + offset;
                    let end = para.start + chars[j].0 + closer.len_utf8();
                    let inner = Span::new(start + c.len_utf8(), para.start + chars[j].0);
                    push(
                        &mut out,
                        text,
                        Span::new(start, end),
                        inner,
                        para_index,
                        false,
                    );
                    left_open = false;
                    i = j + 1;
                    continue;
                }
            }
            i += 1;
        }
        // News convention: an unclosed quotation re-opened at the start of the
        // next paragraph is the same speech going on.
        if previous_left_open {
            if let Some(first) = out.get_mut(first_in_para) {
                let lead = trim_span(text, para).start;
                if first.span.start == lead {
                    first.continues = true;
                }
            }
        }
        previous_left_open = left_open;
    }
    out
}

/// Remembers the last search for each single closing mark, so that a
/// paragraph full of unmatched openers ("'tis", "'em") is scanned once, not
/// once per opener.
#[derive(Default)]
struct CloserCache {
    // (closer, searched from, first closer at or after it)
    searches: Vec<(char, usize, Option<usize>)>,
}

impl CloserCache {
    fn next_closer(&mut self, chars: &[(usize, char)], closer: char, from: usize) -> Option<usize> {
        // Whether index j closes depends only on its neighbours, so the first
        // closer at or after `from` is the same for every `from` up to it.
        if let Some(&(_, searched, found)) = self.searches.iter().find(|s| s.0 == closer) {
            if searched <= from && found.is_none_or(|f| f >= from) {
                return found;
            }
        }
        let found = (from.max(1)..chars.len()).find(|&j| {
            chars[j].1 == closer
                && (closer == '›'
                    || closes_single(Some(chars[j - 1].1), chars.get(j + 1).map(|&(_, n)| n)))
        });
        self.searches.retain(|s| s.0 != closer);
        self.searches.push((closer, from, found));
        found
    }
}

fn push(out: &mut Vec<Found>, text: &str, span: Span, inner: Span, para: usize, unclosed: bool) {
    let has_words = inner
        .slice(text)
        .is_some_and(|s| s.chars().any(char::is_alphanumeric));
    if has_words {
        out.push(Found {
            span,
            inner,
            para,
            unclosed,
            continues: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::blank_line_paragraphs;

    fn quotes(text: &str) -> Vec<&str> {
        let paragraphs = blank_line_paragraphs(text);
        find_quotes(text, &paragraphs)
            .iter()
            .map(|q| &text[q.span.range()])
            .collect()
    }

    #[test]
    fn pairs_straight_and_typographic_marks() {
        assert_eq!(
            quotes(r#"He said "yes" and “no” and «peut-être»."#),
            [r#""yes""#, "“no”", "«peut-être»"]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let text = "Putin’s rock ’n’ roll in the ’90s and the players' union";
        assert!(quotes(text).is_empty());
        assert!(quotes("rock ‘n’ roll and rock 'n' roll").is_empty());
        assert_eq!(quotes("She called it ‘absurd’, then left."), ["‘absurd’"]);
        assert_eq!(quotes("It was 'absurd', she said."), ["'absurd'"]);
    }

    #[test]
    fn nested_quotes_stay_inside() {
        let text = r#""The leader of the 'Hermit Kingdom' came," she said."#;
        assert_eq!(
            quotes(text),
            [r#""The leader of the 'Hermit Kingdom' came,""#]
        );
        let text = "“He called it ‘a farce’ today,” she said.";
        assert_eq!(quotes(text), ["“He called it ‘a farce’ today,”"]);
    }

    #[test]
    fn unclosed_quote_stops_at_paragraph_end_and_continues() {
        let text = "\"First part of it.\n\n\"Second part,\" she said.\n\nNo quotes here.";
        let paragraphs = blank_line_paragraphs(text);
        let found = find_quotes(text, &paragraphs);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].span.range()], "\"First part of it.");
        assert!(found[0].unclosed);
        assert!(found[1].continues);
        assert_eq!(&text[found[1].inner.range()], "Second part,");
    }

    #[test]
    fn reopened_typographic_quote_restarts() {
        let text = "“Never closed. “Second,” she said.";
        assert_eq!(quotes(text), ["“Never closed.", "“Second,”"]);
    }

    #[test]
    fn stray_marks_are_ignored() {
        assert!(quotes(r#"A 5" screen and a ” mark"#).is_empty());
        assert!(quotes("\"\" and “  ”").is_empty());
    }
}
