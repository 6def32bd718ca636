//! Byte-level tokenizer: one pass, ASCII fast paths, exact spans.
//!
//! Every character that is not whitespace ends up in exactly one token, which
//! is what lets the splitter build sentences from whole tokens and still be
//! lossless.

use crate::chars::{char_at, char_before, is_mark, is_space, is_unicode_punct, is_word_char};
use crate::Segmenter;
use newsmill_doc::{Span, Token, TokenKind};

/// ASCII letters and digits, by byte.
static ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Clitics split off the word before them, as UD and spaCy do ("it" + "'s").
const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

pub(crate) struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    segmenter: &'a Segmenter,
    out: &'a mut Vec<Token>,
}

impl<'a> Scanner<'a> {
    /// A scanner over `text[..end]`; tokens keep offsets into the whole `text`.
    pub(crate) fn new(
        text: &'a str,
        end: usize,
        segmenter: &'a Segmenter,
        out: &'a mut Vec<Token>,
    ) -> Self {
        let text = text.get(..end).unwrap_or(text);
        Scanner {
            text,
            bytes: text.as_bytes(),
            segmenter,
            out,
        }
    }

    pub(crate) fn run(&mut self, from: usize) {
        let n = self.bytes.len();
        let mut i = from;
        while i < n {
            let c = self.bytes[i];
            let next = if c < 0x80 {
                match c {
                    b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => i + 1,
                    b'a'..=b'z' | b'A'..=b'Z' => self.word(i),
                    b'0'..=b'9' => self.number(i),
                    _ => self.ascii_other(i),
                }
            } else {
                match char_at(self.text, i) {
                    Some((ch, len)) if is_space(ch) => i + len,
                    Some((ch, _)) if ch.is_alphanumeric() => self.word(i),
                    Some((ch, len)) if is_unicode_punct(ch) => self.unicode_punct(i, ch, len),
                    Some((_, len)) => self.symbol(i, len),
                    // Not on a char boundary: impossible by construction, but
                    // skip to the next boundary rather than loop or panic.
                    None => next_boundary(self.text, i),
                }
            };
            debug_assert!(next > i);
            i = next.max(i + 1);
        }
    }

    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        if end > start {
            self.out.push(Token {
                span: Span::new(start, end),
                kind,
            });
        }
    }

    #[inline]
    fn byte(&self, i: usize) -> Option<u8> {
        self.bytes.get(i).copied()
    }

    /// Whether a word character starts at `i`.
    #[inline]
    fn word_char_at(&self, i: usize) -> bool {
        match self.byte(i) {
            Some(c) if c < 0x80 => c.is_ascii_alphanumeric(),
            Some(_) => char_at(self.text, i).is_some_and(|(c, _)| is_word_char(c)),
            None => false,
        }
    }

    #[inline]
    fn letter_at(&self, i: usize) -> bool {
        match self.byte(i) {
            Some(c) if c < 0x80 => c.is_ascii_alphabetic(),
            Some(_) => char_at(self.text, i).is_some_and(|(c, _)| c.is_alphabetic()),
            None => false,
        }
    }

    /// End of the run of word characters starting at `i`.
    #[inline]
    fn word_run(&self, mut i: usize) -> usize {
        let bytes = self.bytes;
        loop {
            while i < bytes.len() && ASCII_WORD[usize::from(bytes[i])] {
                i += 1;
            }
            if i < bytes.len() && bytes[i] >= 0x80 {
                if let Some((ch, len)) = char_at(self.text, i) {
                    if is_word_char(ch) {
                        i += len;
                        continue;
                    }
                }
            }
            return i;
        }
    }

    #[inline]
    fn digit_run(&self, mut i: usize) -> usize {
        while self.byte(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        i
    }

    /// Length of an apostrophe (straight or typographic) at `i`, or 0.
    #[inline]
    fn apostrophe_len(&self, i: usize) -> usize {
        match self.byte(i) {
            Some(b'\'') => 1,
            Some(0xE2) if self.bytes[i..].starts_with("\u{2019}".as_bytes()) => 3,
            _ => 0,
        }
    }

    /// A clitic ("'s", "'ll") at `i` that ends where the letters after it end.
    fn clitic_at(&self, i: usize) -> Option<usize> {
        let apostrophe = self.apostrophe_len(i);
        if apostrophe == 0 || !self.letter_at(i + apostrophe) {
            return None;
        }
        let end = self.word_run(i + apostrophe);
        let suffix = &self.text[i + apostrophe..end];
        CLITICS
            .iter()
            .any(|c| c.eq_ignore_ascii_case(suffix))
            .then_some(end)
    }

    fn word(&mut self, start: usize) -> usize {
        let mut j = self.word_run(start);
        let mut dots = 0usize;
        while let Some(c) = self.byte(j) {
            match c {
                b'\'' | 0xE2 if self.apostrophe_len(j) > 0 => {
                    let apostrophe = self.apostrophe_len(j);
                    if !self.letter_at(j + apostrophe) {
                        break;
                    }
                    if let Some(end) = self.clitic_at(j) {
                        self.push(start, j, TokenKind::Word);
                        self.push(j, end, TokenKind::Word);
                        return end;
                    }
                    let end = self.word_run(j + apostrophe);
                    let suffix = &self.text[j + apostrophe..end];
                    let before = &self.bytes[start..j];
                    if suffix.eq_ignore_ascii_case("t")
                        && before.len() > 1
                        && matches!(before.last(), Some(b'n' | b'N'))
                    {
                        self.push(start, j - 1, TokenKind::Word);
                        self.push(j - 1, end, TokenKind::Word);
                        return end;
                    }
                    j = end;
                }
                b'-' | b'_' if self.word_char_at(j + 1) => j = self.word_run(j + 1),
                b'.' if self.word_char_at(j + 1) => {
                    if self.glued_sentence_end(start, j) {
                        break;
                    }
                    dots += 1;
                    j = self.word_run(j + 1);
                }
                b'@' if self.word_char_at(j + 1) => return self.url(start),
                b':' if self.bytes[j..].starts_with(b"://")
                    && self.bytes[start..j].iter().all(u8::is_ascii_alphabetic) =>
                {
                    return self.url(start)
                }
                b'/' if dots > 0 && self.word_char_at(j + 1) => return self.url(start),
                b'&' if j > start
                    && self.bytes[j - 1].is_ascii_uppercase()
                    && self.byte(j + 1).is_some_and(|c| c.is_ascii_uppercase()) =>
                {
                    j = self.word_run(j + 1)
                }
                // "N°" / "Nº", the numero sign written with a degree or ordinal sign.
                0xC2 if j == start + 1
                    && matches!(self.bytes[start], b'N' | b'n')
                    && matches!(self.byte(j + 1), Some(0xB0 | 0xBA)) =>
                {
                    j += 2;
                    break;
                }
                _ => break,
            }
        }
        if self.byte(j) == Some(b'.')
            && self.byte(j + 1) != Some(b'.')
            && self
                .segmenter
                .attaches_period(&self.text[start..j], dots > 0)
        {
            j += 1;
        }
        let kind = match self.bytes[start] {
            b if b < 0x80 => TokenKind::Word,
            _ => match char_at(self.text, start) {
                Some((c, _)) if c.is_numeric() => TokenKind::Number,
                _ => TokenKind::Word,
            },
        };
        self.push(start, j, kind);
        j
    }

    /// "world.Today": a period between a lowercase word and a capitalised one,
    /// with no space, in a run that is not an address. Ends a sentence.
    fn glued_sentence_end(&self, start: usize, dot: usize) -> bool {
        let before = &self.bytes[start..dot];
        let segment_start = before.iter().rposition(|&c| c == b'.').map_or(0, |p| p + 1);
        let segment = &before[segment_start..];
        if segment.len() < 2 || !segment.iter().all(u8::is_ascii_alphabetic) {
            return false;
        }
        if !segment[segment.len() - 1].is_ascii_lowercase() {
            return false;
        }
        let after = &self.bytes[dot + 1..];
        if after.len() < 2 || !after[0].is_ascii_uppercase() || !after[1].is_ascii_lowercase() {
            return false;
        }
        // Addresses are short; a bounded look keeps space-free text linear.
        let after = &after[..after.len().min(256)];
        let run_end = after
            .iter()
            .position(|c| c.is_ascii_whitespace())
            .unwrap_or(after.len());
        let word_end = after
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        // "Newsfeed.Com" is a host name, not two sentences.
        let host = ["com", "net", "org", "edu", "gov"]
            .iter()
            .any(|tld| tld.as_bytes().eq_ignore_ascii_case(&after[..word_end]));
        !host
            && !after[..run_end]
                .iter()
                .any(|&c| matches!(c, b'@' | b'/' | b'\\'))
    }

    /// A URL or e-mail address: up to the next space, minus trailing punctuation.
    fn url(&mut self, start: usize) -> usize {
        let mut end = start;
        while let Some((c, len)) = char_at(self.text, end) {
            if is_space(c) || matches!(c, '"' | '<' | '>' | '\u{201C}' | '\u{201D}' | '\u{00BB}') {
                break;
            }
            end += len;
        }
        let mut trimmed = &self.text[start..end];
        let opening = trimmed.matches('(').count();
        let mut closing = trimmed.matches(')').count();
        while let Some(last) = trimmed.chars().next_back() {
            let strip = match last {
                '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '\u{2019}' | ']' | '}' => true,
                // Keep the bracket of "wiki/A_(b)", drop the one closing "(see x.org)".
                ')' => opening < closing,
                _ => false,
            };
            if !strip || trimmed.len() <= 1 {
                break;
            }
            if last == ')' {
                closing -= 1;
            }
            trimmed = &trimmed[..trimmed.len() - last.len_utf8()];
        }
        let end = start + trimmed.len();
        self.push(start, end, TokenKind::Word);
        end
    }

    fn number(&mut self, start: usize) -> usize {
        let mut j = self.digit_run(start);
        while let Some(c) = self.byte(j) {
            let digit_follows = self.byte(j + 1).is_some_and(|d| d.is_ascii_digit());
            if matches!(c, b',' | b'.' | b':' | b'/' | b'-') && digit_follows {
                j = self.digit_run(j + 1);
            } else {
                break;
            }
        }
        // Units and suffixes written solid: "5th", "1990s", "1.2bn", "19-year-old".
        loop {
            if self.word_char_at(j) {
                j = self.word_run(j);
            } else if self.byte(j) == Some(b'-') && self.word_char_at(j + 1) {
                j = self.word_run(j + 1);
            } else {
                break;
            }
        }
        self.push(start, j, TokenKind::Number);
        j
    }

    fn ascii_other(&mut self, i: usize) -> usize {
        let c = self.bytes[i];
        let run = |set: &[u8]| {
            let mut j = i + 1;
            while self.byte(j).is_some_and(|d| set.contains(&d)) {
                j += 1;
            }
            j
        };
        let (end, kind) = match c {
            b'.' => (run(b"."), TokenKind::Punct),
            b'!' | b'?' => (run(b"!?"), TokenKind::Punct),
            b'-' => (run(b"-"), TokenKind::Punct),
            b'\'' => match self.clitic_after_word(i) {
                Some(end) => (end, TokenKind::Word),
                None => (i + 1, TokenKind::Punct),
            },
            b'#' | b'@' if self.word_char_at(i + 1) && self.starts_item(i) => {
                let mut j = self.word_run(i + 1);
                while self.byte(j) == Some(b'_') && self.word_char_at(j + 1) {
                    j = self.word_run(j + 1);
                }
                (j, TokenKind::Word)
            }
            b'$' | b'+' | b'<' | b'=' | b'>' | b'^' | b'`' | b'|' | b'~' | b'%' => {
                (i + 1, TokenKind::Symbol)
            }
            0..=0x1F | 0x7F => (i + 1, TokenKind::Symbol),
            _ => (i + 1, TokenKind::Punct),
        };
        self.push(i, end, kind);
        end
    }

    /// Whether position `i` follows whitespace, an opening mark or the start.
    fn starts_item(&self, i: usize) -> bool {
        match char_before(self.text, i) {
            None => true,
            Some(c) => is_space(c) || crate::chars::is_opener(c),
        }
    }

    /// "'s" right after a word or abbreviation ("Jr.'s").
    fn clitic_after_word(&self, i: usize) -> Option<usize> {
        let before = char_before(self.text, i)?;
        if !(is_word_char(before) || before == '.') {
            return None;
        }
        self.clitic_at(i)
    }

    fn unicode_punct(&mut self, i: usize, ch: char, len: usize) -> usize {
        let mut end = i + len;
        let mut kind = TokenKind::Punct;
        match ch {
            '\u{2026}' => {
                while self.bytes[end..].starts_with("\u{2026}".as_bytes()) {
                    end += 3;
                }
            }
            '\u{2019}' => {
                if let Some(clitic_end) = self.clitic_after_word(i) {
                    end = clitic_end;
                    kind = TokenKind::Word;
                }
            }
            _ => {}
        }
        self.push(i, end, kind);
        end
    }

    /// One symbol with any marks on it; a zero-width joiner pulls in the next
    /// character too, so emoji sequences stay whole.
    fn symbol(&mut self, i: usize, len: usize) -> usize {
        let mut end = i + len;
        while let Some((c, l)) = char_at(self.text, end) {
            if c == '\u{200D}' {
                end += l;
                if let Some((next, nl)) = char_at(self.text, end) {
                    if !is_space(next) {
                        end += nl;
                    }
                }
            } else if is_mark(c) {
                end += l;
            } else {
                break;
            }
        }
        self.push(i, end, TokenKind::Symbol);
        end
    }
}

fn next_boundary(text: &str, mut i: usize) -> usize {
    i += 1;
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}
