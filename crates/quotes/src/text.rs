//! Small text helpers: paragraph blocks, sentence ends between quotes, and a
//! word/punctuation tokenizer for the short frames around each quote.

use newsmill_doc::Span;

/// A token of a frame: a word or one punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub span: Span,
    /// `None` for a word, the character for punctuation.
    pub punct: Option<char>,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.punct.is_none()
    }

    pub fn is_punct(&self, chars: &[char]) -> bool {
        self.punct.is_some_and(|p| chars.contains(&p))
    }
}

/// The largest char boundary at or below `i`.
pub(crate) fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Words and punctuation of `text[range]`. Apostrophes and hyphens between
/// letters stay inside the word ("Putin's", "no-limits", "rock’n’roll").
pub(crate) fn tokenize(text: &str, range: Span) -> Vec<Tok> {
    let Some(slice) = range.slice(text) else {
        return Vec::new();
    };
    // About one token per five bytes of news text: one allocation, no regrowth.
    let mut toks = Vec::with_capacity(slice.len() / 4 + 1);
    if slice.is_ascii() {
        tokenize_ascii(slice.as_bytes(), range.start, &mut toks);
    } else {
        tokenize_chars(slice, range.start, &mut toks);
    }
    toks
}

/// [`tokenize`] on ASCII text, byte by byte (most frames are ASCII).
fn tokenize_ascii(bytes: &[u8], base: usize, toks: &mut Vec<Tok>) {
    let mut word_start: Option<usize> = None;
    let mut prev_alnum = false;
    for (i, &b) in bytes.iter().enumerate() {
        let alnum = b.is_ascii_alphanumeric();
        let joins = matches!(b, b'\'' | b'-')
            && prev_alnum
            && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
        if alnum || joins {
            word_start.get_or_insert(i);
            prev_alnum = alnum;
            continue;
        }
        if let Some(start) = word_start.take() {
            toks.push(Tok {
                span: Span::new(base + start, base + i),
                punct: None,
            });
        }
        prev_alnum = false;
        let c = char::from(b);
        if !c.is_whitespace() {
            toks.push(Tok {
                span: Span::new(base + i, base + i + 1),
                punct: Some(c),
            });
        }
    }
    if let Some(start) = word_start {
        toks.push(Tok {
            span: Span::new(base + start, base + bytes.len()),
            punct: None,
        });
    }
}

fn tokenize_chars(slice: &str, base: usize, toks: &mut Vec<Tok>) {
    let range = Span::new(base, base + slice.len());
    let mut iter = slice.char_indices().peekable();
    let mut word_start: Option<usize> = None;
    let mut prev_alnum = false;
    while let Some((i, c)) = iter.next() {
        let next_alnum = iter.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        let joins = matches!(c, '\'' | '’' | '-' | '‐') && prev_alnum && next_alnum;
        if c.is_alphanumeric() || joins {
            word_start.get_or_insert(i);
            prev_alnum = c.is_alphanumeric();
            continue;
        }
        if let Some(start) = word_start.take() {
            toks.push(Tok {
                span: Span::new(range.start + start, range.start + i),
                punct: None,
            });
        }
        prev_alnum = false;
        if !c.is_whitespace() {
            toks.push(Tok {
                span: Span::new(range.start + i, range.start + i + c.len_utf8()),
                punct: Some(c),
            });
        }
    }
    if let Some(start) = word_start {
        toks.push(Tok {
            span: Span::new(range.start + start, range.end),
            punct: None,
        });
    }
}

/// Abbreviations whose period does not end a sentence (lower case).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt",
    "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs", "jan", "feb", "aug", "sept", "oct", "nov",
    "dec", "rev", "hon", "pres", "sec", "dept", "approx", "fig", "cf", "al",
];

/// Byte positions just after each sentence-ending mark in `text[range]`
/// (`.`, `!`, `?`, and `;` as a clause end), skipping abbreviations and
/// initials.
pub(crate) fn sentence_ends(text: &str, range: Span) -> impl Iterator<Item = usize> + '_ {
    let slice = range.slice(text).unwrap_or("");
    let mut iter = slice.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((i, c)) = iter.next() {
            if !matches!(c, '.' | '!' | '?' | ';' | '…') {
                continue;
            }
            let at_gap = iter.peek().is_none_or(|&(_, n)| n.is_whitespace());
            if !at_gap {
                continue;
            }
            // "… Ltd. "We thought …": an abbreviation can end a sentence too.
            let quotation_follows = c == '.'
                && text[range.start + i + 1..]
                    .trim_start()
                    .starts_with(['"', '“', '«', '„']);
            if c == '.' && !quotation_follows && is_abbreviation(&slice[..i]) {
                continue;
            }
            return Some(range.start + i + c.len_utf8());
        }
        None
    })
}

fn is_abbreviation(before: &str) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '.')
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    // A lone capital is an initial ("John F. Kennedy"); "U.S" and "e.g" are
    // abbreviations, but "$42.09bn" is not.
    let dotted = word.contains('.')
        && word
            .split('.')
            .all(|part| (1..=2).contains(&part.len()) && part.chars().all(char::is_alphabetic));
    if first.is_uppercase() && chars.as_str().is_empty() || dotted {
        return true;
    }
    ABBREVIATIONS
        .iter()
        .any(|a| a.eq_ignore_ascii_case(word.trim_matches('.')))
}

/// `range` with surrounding whitespace removed.
pub(crate) fn trim_span(text: &str, range: Span) -> Span {
    let Some(slice) = range.slice(text) else {
        return Span::new(range.start, range.start);
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    Span::new(start, end.max(start))
}

/// Blank-line separated blocks of `text` (a line indented by two spaces or a
/// tab also starts a block), trimmed; used when the document has no usable
/// paragraph layer.
pub(crate) fn blank_line_paragraphs(text: &str) -> Vec<Span> {
    let mut paragraphs = Vec::new();
    let mut block_start: Option<usize> = None;
    let mut block_end = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        // Wire copy marks paragraphs by indenting their first line instead.
        let indented = line.starts_with("  ") || line.starts_with('\t');
        if line.trim().is_empty() || indented {
            if let Some(start) = block_start.take() {
                paragraphs.push(trim_span(text, Span::new(start, block_end)));
            }
        }
        if !line.trim().is_empty() {
            block_start.get_or_insert(line_start);
            block_end = line_end;
        }
        line_start = line_end;
    }
    if let Some(start) = block_start {
        paragraphs.push(trim_span(text, Span::new(start, block_end)));
    }
    paragraphs
}

/// The document's paragraph layer when it is usable (in bounds, on char
/// boundaries, in order, not overlapping), else blank-line blocks.
pub(crate) fn usable_paragraphs(text: &str, given: &[Span]) -> Vec<Span> {
    let mut last_end = 0;
    let valid = !given.is_empty()
        && given.iter().all(|p| {
            let ok = p.start >= last_end && p.start <= p.end && p.slice(text).is_some();
            last_end = p.end;
            ok
        });
    if valid {
        given
            .iter()
            .map(|&p| trim_span(text, p))
            .filter(|p| !p.is_empty())
            .collect()
    } else {
        blank_line_paragraphs(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_keeps_apostrophes_and_hyphens_inside_words() {
        let text = "Putin’s no-limits deal, he said: 'yes'";
        let toks = tokenize(text, Span::new(0, text.len()));
        let words: Vec<&str> = toks
            .iter()
            .filter(|t| t.is_word())
            .map(|t| &text[t.span.range()])
            .collect();
        assert_eq!(words, ["Putin’s", "no-limits", "deal", "he", "said", "yes"]);
    }

    #[test]
    fn ascii_and_unicode_tokenizers_agree() {
        for text in [
            "Putin's no-limits deal, he said: 'yes' -- and \"then\" 4.5% (ok)\t\x0bx",
            "  -a- b-'c' it's  rock-'n'-roll. ",
            "",
        ] {
            let mut ascii = Vec::new();
            tokenize_ascii(text.as_bytes(), 3, &mut ascii);
            let mut chars = Vec::new();
            tokenize_chars(text, 3, &mut chars);
            assert_eq!(ascii, chars, "{text:?}");
        }
    }

    #[test]
    fn sentence_ends_skip_abbreviations_and_initials() {
        let text = "Mr. Smith met John F. Kennedy in the U.S. on Friday. Then left!";
        let ends: Vec<usize> = sentence_ends(text, Span::new(0, text.len())).collect();
        assert_eq!(ends.len(), 2);
        assert_eq!(
            &text[..ends[0]],
            "Mr. Smith met John F. Kennedy in the U.S. on Friday."
        );
        let text = "Revenue rose to $42.09bn. Then fell.";
        assert_eq!(sentence_ends(text, Span::new(0, text.len())).count(), 2);
    }

    #[test]
    fn blank_lines_split_paragraphs() {
        let text = "  One\nstill one\n\n \n Two \n";
        let paragraphs = blank_line_paragraphs(text);
        let got: Vec<&str> = paragraphs.iter().map(|p| &text[p.range()]).collect();
        assert_eq!(got, ["One\nstill one", "Two"]);
        let text = "    First line\nwrapped.\n    Second\n";
        let paragraphs = blank_line_paragraphs(text);
        let got: Vec<&str> = paragraphs.iter().map(|p| &text[p.range()]).collect();
        assert_eq!(got, ["First line\nwrapped.", "Second"]);
    }

    #[test]
    fn bad_paragraph_layer_falls_back() {
        let text = "é\n\nb";
        let got = usable_paragraphs(text, &[Span::new(1, 2)]);
        assert_eq!(got, vec![Span::new(0, 2), Span::new(4, 5)]);
    }
}
