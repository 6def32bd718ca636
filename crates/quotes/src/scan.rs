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

/// Bytes that start a quotation mark: `"`, `'`, and the lead bytes of the
/// typographic marks (`“ ” ‘ ’ „ ‹ ›` start with 0xE2, `« »` with 0xC2).
fn is_mark_byte(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | 0xE2 | 0xC2)
}

/// The next quotation mark at or after byte `from` of `para`: its offset and
/// character. Other characters are skipped a byte at a time without decoding
/// (the work that makes the scan cheap on long articles).
fn next_mark(para: &str, mut from: usize) -> Option<(usize, char)> {
    let bytes = para.as_bytes();
    loop {
        let at = from + bytes.get(from..)?.iter().position(|&b| is_mark_byte(b))?;
        let c = para.get(at..)?.chars().next()?;
        if matches!(
            c,
            '"' | '\'' | '“' | '”' | '‘' | '’' | '„' | '‹' | '›' | '«' | '»'
        ) {
            return Some((at, c));
        }
        from = at + c.len_utf8();
    }
}

fn char_before(para: &str, at: usize) -> Option<char> {
    para.get(..at)?.chars().next_back()
}

fn char_after(para: &str, at: usize, c: char) -> Option<char> {
    para.get(at + c.len_utf8()..)?.chars().next()
}

/// The straight mark at byte `j` re-opens a quotation rather than closing
/// one: it stands after a sentence end and a space, before a word.
fn reopens(para: &str, j: usize) -> bool {
    let next_is_word = char_after(para, j, '"')
        .is_some_and(|n| n.is_alphanumeric() || matches!(n, '(' | '[' | '\'' | '‘'));
    let before = &para[..j];
    let trimmed = before.trim_end();
    let spaced = trimmed.len() < before.len();
    // A nested quotation or an aside may close just before: `ridiculous.' "But`.
    let mut ending = trimmed.chars();
    let mut last = ending.next_back();
    if matches!(last, Some('\'' | '’' | ')')) && !ending.as_str().is_empty() {
        last = ending.next_back();
    }
    spaced && next_is_word && matches!(last, Some('.' | '!' | '?' | '…'))
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
        let first_in_para = out.len();
        let mut closer_cache = CloserCache::default();
        let mut left_open = false;
        // Where the last double quotation stopped at a re-opening mark.
        let mut reopened_at: Option<usize> = None;
        let mut i = 0;
        while let Some((offset, c)) = next_mark(para_text, i) {
            let prev = char_before(para_text, offset);
            let next = char_after(para_text, offset, c);
            let is_double_open = match c {
                '"' => opens_after(prev) && next.is_some_and(|n| !n.is_whitespace()),
                '“' | '«' | '„' => true,
                _ => false,
            };
            if is_double_open {
                let closers = double_closers(c).unwrap_or(&['"']);
                // (byte offset after the quotation, closed)
                let mut end: Option<(usize, bool)> = None;
                let mut j = offset + c.len_utf8();
                while let Some((at, d)) = next_mark(para_text, j) {
                    // `…kids. "Compared…`: a straight mark that opens a new
                    // sentence re-opens the speech whose closing mark the
                    // source dropped along with a paragraph break.
                    if d == '"' && c == '"' && reopens(para_text, at) {
                        end = Some((at, false));
                        break;
                    }
                    if closers.contains(&d) {
                        end = Some((at + d.len_utf8(), true));
                        break;
                    }
                    if d == c && restarts(c) {
                        end = Some((at, false));
                        break;
                    }
                    j = at + d.len_utf8();
                }
                let (stop, closed) = end.unwrap_or((para_text.len(), false));
                let start = para.start + offset;
                let span = trim_span(text, Span::new(start, para.start + stop));
                let inner_end = if closed {
                    span.end - char_before(para_text, stop).map_or(0, char::len_utf8)
                } else {
                    span.end
                };
                let inner = Span::new(start + c.len_utf8(), inner_end.max(start + c.len_utf8()));
                left_open = !closed && stop == para_text.len();
                let continues = reopened_at == Some(offset);
                push(&mut out, text, span, inner, para_index, !closed);
                if continues {
                    if let Some(last) = out.last_mut().filter(|f| f.span.start == start) {
                        last.continues = true;
                    }
                }
                reopened_at = (!closed && stop < para_text.len()).then_some(stop);
                i = stop.max(offset + c.len_utf8());
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
            let after_open = offset + c.len_utf8();
            if let Some(closer) = single_closer {
                let found = closer_cache.next_closer(para_text, closer, after_open);
                // "rock ‘n’ roll": one letter between single marks is an elision.
                let elision = found.is_some_and(|j| {
                    para_text[after_open..j]
                        .chars()
                        .filter(|ch| ch.is_alphanumeric())
                        .count()
                        < 2
                });
                if let Some(j) = found.filter(|_| !elision) {
                    let start = para.start + offset;
                    let end = para.start + j + closer.len_utf8();
                    let inner = Span::new(start + c.len_utf8(), para.start + j);
                    push(
                        &mut out,
                        text,
                        Span::new(start, end),
                        inner,
                        para_index,
                        false,
                    );
                    left_open = false;
                    i = j + closer.len_utf8();
                    continue;
                }
            }
            i = after_open;
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
    // (closer, searched from, first closer at or after it), byte offsets
    searches: Vec<(char, usize, Option<usize>)>,
}

impl CloserCache {
    fn next_closer(&mut self, para: &str, closer: char, from: usize) -> Option<usize> {
        // Whether a mark closes depends only on its neighbours, so the first
        // closer at or after `from` is the same for every `from` up to it.
        if let Some(&(_, searched, found)) = self.searches.iter().find(|s| s.0 == closer) {
            if searched <= from && found.is_none_or(|f| f >= from) {
                return found;
            }
        }
        let found = para
            .get(from..)
            .unwrap_or("")
            .match_indices(closer)
            .map(|(k, _)| from + k)
            .find(|&j| {
                j > 0
                    && (closer == '›'
                        || closes_single(char_before(para, j), char_after(para, j, closer)))
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
