//! Sentence boundaries from tokens.
//!
//! The splitter walks the tokens once. Only tokens that can end a sentence
//! (`.` `!` `?` `…`, abbreviations) and gaps with a line break are looked at
//! closely, so the cost is one branch per ordinary token.

use crate::chars::{char_at, is_bullet, is_closer, is_opener, is_strong_terminator};
use crate::lists::AbbrevKind;
use crate::Segmenter;
use newsmill_doc::{Span, Token, TokenKind};

/// How a list item is numbered, so that "2." only continues a "1." list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkerStyle {
    Bullet,
    Dot,
    Paren,
    DotParen,
    Parens,
}

#[derive(Debug, Clone, Copy)]
struct Marker {
    ordinal: u32,
    style: MarkerStyle,
    /// Index of the marker's last token.
    last: usize,
}

/// What a sentence-ending candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// `!` `?` and runs of them.
    Strong,
    /// A full stop, possibly after an ellipsis ("....").
    Period,
    /// "...", "…" or ". . .": ends a sentence only before a clear sentence start.
    Ellipsis,
    /// A word with its period attached ("Mr.", "U.S.", "J.").
    Abbreviation(AbbrevKind),
}

/// What the walk does after looking at a token.
enum Step {
    /// The sentence ends with this token.
    End(usize),
    /// No boundary; go on at this token.
    Continue(usize),
}

/// Verbs that attribute a quotation to its speaker.
#[rustfmt::skip]
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "say", "asked", "asks", "ask", "told", "tells", "added", "adds", "replied",
    "replies", "answered", "answers", "shouted", "shouts", "cried", "cries", "wrote", "writes",
    "explained", "explains", "insisted", "insists", "yelled", "yells", "whispered", "whispers",
    "continued", "continues", "recalled", "recalls", "noted", "notes", "warned", "warns",
    "admitted", "admits", "argued", "argues", "exclaimed", "laughed", "muttered", "demanded",
    "wondered", "suggested", "howled", "screamed", "declared", "declares", "responded",
    "responds", "joked", "jokes",
];

/// Words that begin a sentence even when nothing ends the one before:
/// after a word or number without punctuation, each was a sentence start at
/// least 5 times and inside a sentence at most once in the UD EWT and GUM
/// train splits together ("...attached Please call", "Sorry", "If").
const NO_MARK_STARTERS: &[&str] = &["Please", "If", "Sorry", "Hi", "Attached"];

/// E-mail and notice fields that open a line of their own, even when the
/// line breaks are lost: each a sentence start every time it followed an
/// unpunctuated word in UD EWT train (27 times, none inside a sentence).
const HEADER_FIELDS: &[&str] = &[
    "Subject", "Date", "Groups", "Time", "To", "Location", "Where", "When", "WHERE", "WHEN",
];

/// Closings that make a sentence of their own before a name: "Thanks, Anne"
/// (UD EWT splits them: 46 of 54 times in its train split). Any case; "you"
/// and "regards" as the second word of "Thank you," and "Kind regards,".
const VALEDICTIONS: &[&str] = &[
    "Thanks",
    "Regards",
    "Best",
    "Sincerely",
    "Cheers",
    "Cordially",
    "you",
];

/// Lowercase words that do not end a line of running text.
const CONTINUING_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "and", "or", "in", "on", "at", "for", "with", "by", "from", "as",
    "that", "but", "nor", "than", "into", "its", "their", "his", "her", "is", "are", "was", "were",
    "be",
];

pub(crate) struct Splitter<'a> {
    segmenter: &'a Segmenter,
    text: &'a str,
    tokens: &'a [Token],
    /// Token index where the current blank-line block starts.
    block_start: usize,
    /// Whether the current block is hard-wrapped, computed on first need.
    block_wrapped: Option<bool>,
    /// The numbering of the list item the current sentence started with.
    list: Option<Marker>,
}

impl<'a> Splitter<'a> {
    pub(crate) fn new(segmenter: &'a Segmenter, text: &'a str, tokens: &'a [Token]) -> Self {
        Splitter {
            segmenter,
            text,
            tokens,
            block_start: 0,
            block_wrapped: None,
            list: None,
        }
    }

    pub(crate) fn run(&mut self, out: &mut Vec<Span>) {
        let n = self.tokens.len();
        if n == 0 {
            return;
        }
        let mut start = 0;
        let mut marker_last = self.begin_sentence(0);
        let mut i = 0;
        let mut dateline_checked = usize::MAX;
        while i < n {
            if i == start && start == self.block_start && dateline_checked != start {
                dateline_checked = start;
                if let Some(last) = self.dateline_end(start) {
                    // UD keeps "MOSCOW (Reuters) -" apart from the sentence.
                    self.close(start, last, out);
                    start = last + 1;
                    if start < n {
                        marker_last = self.begin_sentence(start);
                    }
                    i = start;
                    continue;
                }
            }
            if i > start && self.break_before(i, start) {
                self.close(start, i - 1, out);
                start = i;
                marker_last = self.begin_sentence(i);
                continue;
            }
            if marker_last.is_some_and(|last| i <= last) {
                i += 1;
                continue;
            }
            match self.sentence_end_at(i, start) {
                Step::End(last) => {
                    self.close(start, last, out);
                    start = last + 1;
                    if start < n {
                        marker_last = self.begin_sentence(start);
                    }
                    i = start;
                }
                Step::Continue(next) => i = next.max(i + 1),
            }
        }
        if start < n {
            self.close(start, n - 1, out);
        }
    }

    fn close(&self, first: usize, last: usize, out: &mut Vec<Span>) {
        out.push(Span::new(
            self.tokens[first].span.start,
            self.tokens[last].span.end,
        ));
    }

    /// Note the list marker a sentence starts with; returns its last token.
    fn begin_sentence(&mut self, first: usize) -> Option<usize> {
        if first == 0 || line_breaks(self.gap(first)) >= 2 {
            self.block_start = first;
            self.block_wrapped = None;
        }
        self.list = self.list_marker(first);
        self.list.map(|m| m.last)
    }

    #[inline]
    fn tok(&self, k: usize) -> &'a str {
        let span = self.tokens[k].span;
        self.text.get(span.range()).unwrap_or("")
    }

    /// The whitespace between token `k - 1` and token `k`.
    #[inline]
    fn gap(&self, k: usize) -> &'a str {
        let from = self.tokens[k - 1].span.end;
        let to = self.tokens[k].span.start;
        self.text.get(from..to).unwrap_or("")
    }

    #[inline]
    fn adjacent(&self, k: usize) -> bool {
        self.tokens[k - 1].span.end == self.tokens[k].span.start
    }

    #[inline]
    fn first_char(&self, k: usize) -> Option<char> {
        self.tok(k).chars().next()
    }

    fn is_single(&self, k: usize, pred: fn(char) -> bool) -> bool {
        let mut chars = self.tok(k).chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if pred(c))
    }

    // ---- line and paragraph breaks -------------------------------------

    fn break_before(&mut self, i: usize, start: usize) -> bool {
        let gap_start = self.tokens[i - 1].span.end;
        let token_start = self.tokens[i].span.start;
        if gap_start >= token_start {
            return false;
        }
        let bytes = self.text.as_bytes();
        if token_start - gap_start == 1
            && bytes[gap_start] == b' '
            && bytes
                .get(token_start)
                .is_some_and(|&b| b.is_ascii_lowercase() && b != b'h' && b != b'w')
            && self.list.is_none()
            && self.tokens[i - 1].kind != TokenKind::Punct
            && self.tokens[i - 1].span.len() != 2
        {
            // The common case, a lowercase word after a word (not "AM" or
            // "PM") and one space, which no check below breaks before.
            return false;
        }
        if bytes.get(token_start).is_some_and(|&b| b >= 0x80)
            && self.first_char(i).is_some_and(is_bullet)
        {
            return true;
        }
        if let Some(list) = self.list {
            // An item needs content: "J. K. Rowling" is initials, not
            // items "J." and "K.".
            if list.style != MarkerStyle::Bullet && self.tok(i).len() <= 3 && i > list.last + 1 {
                if let Some(next) = self.list_marker(i) {
                    if next.style == list.style && next.ordinal == list.ordinal + 1 {
                        return true;
                    }
                }
            }
        }
        if self.tokens[i - 1].kind == TokenKind::Punct
            && i >= 2
            && i - 1 > start
            && matches!(self.tok(i - 1), "\u{2014}" | "\u{2013}" | "--")
            && !self.adjacent(i - 1)
            && self.tokens[i].kind == TokenKind::Word
            && self.tok(i) != "A"
            && self.starts_sentence(i, true)
        {
            // A broken-off sentence: "We need a \u{2014} Do you have a pin?"
            return true;
        }
        if matches!(bytes.get(token_start), Some(b'h' | b'w'))
            && is_url(self.tok(i))
            && is_url(self.tok(i - 1))
        {
            // A list of links, one per "sentence".
            return true;
        }
        if bytes.get(token_start).is_some_and(u8::is_ascii_uppercase)
            && self.tokens[i].kind == TokenKind::Word
            && self.unpunctuated_break(i, start)
        {
            return true;
        }
        if self.tokens[i].kind == TokenKind::Number
            && self.timestamp_at(i).is_some()
            && !CONTINUING_WORDS.contains(&self.tok(i - 1))
        {
            return true;
        }
        if i >= 3
            && self.tokens[i - 1].span.len() == 2
            && matches!(self.tok(i - 1), "AM" | "PM" | "am" | "pm")
            && self.timestamp_at(i - 3) == Some(i - 1)
            && (!self.first_char(i).is_some_and(char::is_lowercase)
                || i == 3
                || !CONTINUING_WORDS.contains(&self.tok(i - 4)))
        {
            // A header stamp, even before a lowercase word ("Ann 03/09/2001
            // 09:40 AM fyi Tom"), unless it sits in a sentence ("Posted on
            // 3/9/2005 11:16 PM by Jo").
            return true;
        }
        if bytes[token_start] == b'-'
            && bytes[gap_start - 1] == b'>'
            && self.after_attachment(i, start)
        {
            // A list of attachments: "<< File: a.xls >> - b.xls << File: b.xls >>".
            return true;
        }
        if token_start - gap_start == 1 && bytes[gap_start] == b' ' {
            return false;
        }
        let gap = self.gap(i);
        match line_breaks(gap) {
            0 => false,
            1 => self.line_break_before(i, gap),
            _ => {
                self.block_start = i;
                self.block_wrapped = None;
                true
            }
        }
    }

    /// Token `i` follows an attachment note's closing ">>".
    fn after_attachment(&self, i: usize, start: usize) -> bool {
        i - 1 > start && self.tok(i - 1) == ">" && self.tok(i - 2) == ">" && self.adjacent(i - 1)
    }

    /// A sentence end without a mark before the capitalised word at `i`, as
    /// web and e-mail text has it. Only patterns that were boundaries nearly
    /// every time in the UD train splits (see [`NO_MARK_STARTERS`]).
    fn unpunctuated_break(&self, i: usize, start: usize) -> bool {
        let prev = self.tok(i - 1);
        if is_url(prev) {
            // "details at http://x.org/a Then we..."
            return true;
        }
        if prev == "," && i - 1 > start {
            // A sign-off of its own: "Thanks, Anne", "Regards, Sam".
            // The closing word is the sentence so far, or its second word:
            // "Thank you,", "Kind regards,".
            let closing = i - 2 == start || (i >= 3 && i - 3 == start);
            let opener = self.tok(i - 2);
            // Not "Thanks, Kitty." or "Thank you, Mr. Chair", which stay whole.
            let n = self.tokens.len();
            let next_ends = (i + 1..n.min(i + 4))
                .find(|&k| self.tokens[k].kind == TokenKind::Punct)
                .is_some_and(|k| matches!(self.tok(k), "." | "!" | "," | "?"));
            return closing
                && VALEDICTIONS.iter().any(|v| v.eq_ignore_ascii_case(opener))
                && !next_ends
                && self.tok(i) != "I"
                && !self.is_title(i);
        }
        if self.after_attachment(i, start) {
            // "<< File: a.xls >> Please see".
            return true;
        }
        if HEADER_FIELDS.contains(&self.tok(i))
            && i + 1 < self.tokens.len()
            && self.adjacent(i + 1)
            && self.tok(i + 1) == ":"
            && !prev.ends_with([',', ':', ';', '(', '-', '&', '/'])
        {
            // A header field run into the text before it: "...@x.net Subject: Re: ..."
            return true;
        }
        let prev_kind = self.tokens[i - 1].kind;
        if matches!(prev_kind, TokenKind::Word | TokenKind::Number)
            && NO_MARK_STARTERS.contains(&self.tok(i))
            && i + 1 < self.tokens.len()
        {
            // "...sent yesterday Please call me": the next word decides, so
            // that titles stay whole ("Please Please Me", "What If Machines").
            let next = self.tok(i + 1);
            return next
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || matches!(next, "," | "!"));
        }
        false
    }

    /// A single line break inside a block: a boundary after headlines and
    /// before list items, not inside running (or hard-wrapped) text.
    fn line_break_before(&mut self, i: usize, gap: &str) -> bool {
        let next = self.first_char(i);
        let dash_item = matches!(next, Some('-' | '*' | '\u{2013}' | '\u{2014}' | '+'))
            && self.tok(i).chars().count() == 1
            && i + 1 < self.tokens.len()
            && !self.adjacent(i + 1);
        if dash_item || self.list_marker(i).is_some() {
            return true;
        }
        let starts_sentence = next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || (self.is_single(i, is_opener)
                && i + 1 < self.tokens.len()
                && self.first_char(i + 1).is_some_and(char::is_uppercase));
        if !starts_sentence {
            return false;
        }
        if self.wrapped(i) {
            let indent = gap.rsplit('\n').next().unwrap_or("");
            return indent.contains('\t') || indent.len() >= 2;
        }
        let prev = self.tok(i - 1);
        let Some(last) = prev.chars().next_back() else {
            return false;
        };
        if matches!(last, '.' | '!' | '?' | '\u{2026}')
            || is_strong_terminator(last)
            || (is_closer(last) && self.tokens[i - 1].kind == TokenKind::Punct)
        {
            // The mark before decided already.
            return false;
        }
        if matches!(
            last,
            ',' | '-' | '\u{2013}' | '\u{2014}' | '(' | '[' | '&' | '/' | '\u{201C}' | '\u{2018}'
        ) {
            return false;
        }
        !CONTINUING_WORDS.contains(&prev)
    }

    fn wrapped(&mut self, i: usize) -> bool {
        if let Some(w) = self.block_wrapped {
            return w;
        }
        let from = self.tokens[self.block_start.min(i)].span.start;
        let rest = self.text.get(from..).unwrap_or("");
        let end = find_blank_line(rest).unwrap_or(rest.len());
        let w = is_hard_wrapped(&rest[..end]);
        self.block_wrapped = Some(w);
        w
    }

    /// "MOSCOW (Reuters) -", "NEW DELHI -", "KABUL:", "PONCHATOULA, La. --"
    /// opening a paragraph: the index of its dash or colon.
    fn dateline_end(&self, first: usize) -> Option<usize> {
        let n = self.tokens.len();
        let mut j = first;
        let mut capitals = 0;
        while j < n && j < first + 8 {
            let t = self.tok(j);
            let kind = self.tokens[j].kind;
            let all_caps = t.len() >= 2 && t.chars().all(|c| c.is_uppercase() || c == '.');
            if kind == TokenKind::Word && all_caps {
                capitals += 1;
            } else if (kind == TokenKind::Word
                && capitals > 0
                && t.ends_with('.')
                && self.first_char(j).is_some_and(char::is_uppercase))
                || (t == "," && capitals > 0)
            {
                // "PONCHATOULA, La."
            } else {
                break;
            }
            j += 1;
        }
        if capitals == 0 || j >= n {
            return None;
        }
        if self.tok(j) == "(" {
            let close = (j + 1..n.min(j + 5)).find(|&k| self.tok(k) == ")")?;
            j = close + 1;
            if j >= n {
                return None;
            }
        }
        let separator = match self.tok(j) {
            ":" => self.adjacent(j),
            "-" | "--" | "\u{2013}" | "\u{2014}" => !self.adjacent(j),
            _ => false,
        };
        let next_starts = j + 1 < n
            && !self.adjacent(j + 1)
            && self
                .first_char(j + 1)
                .is_some_and(|c| c.is_uppercase() || is_opener(c));
        (separator && next_starts).then_some(j)
    }

    /// An e-mail header stamp, "08/16/2000 12:05 PM", a line of its own even
    /// when the line breaks are lost: the index of its last token.
    fn timestamp_at(&self, k: usize) -> Option<usize> {
        if k + 2 >= self.tokens.len() {
            return None;
        }
        let date = self.tok(k).as_bytes();
        let time = self.tok(k + 1).as_bytes();
        let is_date = date.len() >= 6
            && date.len() <= 10
            && date.iter().filter(|&&b| b == b'/').count() == 2
            && date.iter().all(|&b| b == b'/' || b.is_ascii_digit());
        let is_time = time.len() >= 4
            && time.len() <= 8
            && time.contains(&b':')
            && time.iter().all(|&b| b == b':' || b.is_ascii_digit());
        (is_date && is_time && matches!(self.tok(k + 2), "AM" | "PM" | "am" | "pm"))
            .then_some(k + 2)
    }

    // ---- list markers ----------------------------------------------------

    /// "1." "2)" "3.)" "a." "(b)" "•" "• 4." at token `k`, followed by a space.
    fn list_marker(&self, k: usize) -> Option<Marker> {
        let n = self.tokens.len();
        let followed_by_space = |last: usize| last + 1 < n && !self.adjacent(last + 1);
        let mut k = k;
        let mut bullet = None;
        if self.first_char(k).is_some_and(is_bullet) && self.tok(k).chars().count() == 1 {
            bullet = Some(Marker {
                ordinal: 0,
                style: MarkerStyle::Bullet,
                last: k,
            });
            k += 1;
            if k >= n {
                return bullet;
            }
        }
        let s = self.tok(k);
        let kind = self.tokens[k].kind;
        let adjacent_tok = |j: usize, want: &str| j < n && self.adjacent(j) && self.tok(j) == want;
        let numbered = if kind == TokenKind::Number
            && (1..=3).contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_digit())
            && !s.starts_with('0')
        {
            let ordinal = s.parse().unwrap_or(0);
            if adjacent_tok(k + 1, ".") {
                if adjacent_tok(k + 2, ")") {
                    Some((ordinal, MarkerStyle::DotParen, k + 2))
                } else {
                    Some((ordinal, MarkerStyle::Dot, k + 1))
                }
            } else if adjacent_tok(k + 1, ")") {
                Some((ordinal, MarkerStyle::Paren, k + 1))
            } else {
                None
            }
        } else if kind == TokenKind::Word && s.len() == 2 && s.ends_with('.') {
            let c = s.as_bytes()[0];
            c.is_ascii_alphabetic()
                .then(|| (letter_ordinal(c), MarkerStyle::Dot, k))
        } else if kind == TokenKind::Word
            && s.len() == 1
            && s.as_bytes()[0].is_ascii_alphabetic()
            && adjacent_tok(k + 1, ")")
        {
            Some((letter_ordinal(s.as_bytes()[0]), MarkerStyle::Paren, k + 1))
        } else if s == "(" && k + 2 < n && adjacent_tok(k + 2, ")") && self.adjacent(k + 1) {
            let inner = self.tok(k + 1);
            if inner.len() == 1 && inner.as_bytes()[0].is_ascii_alphabetic() {
                Some((
                    letter_ordinal(inner.as_bytes()[0]),
                    MarkerStyle::Parens,
                    k + 2,
                ))
            } else if (1..=2).contains(&inner.len()) && inner.bytes().all(|b| b.is_ascii_digit()) {
                Some((inner.parse().unwrap_or(0), MarkerStyle::Parens, k + 2))
            } else {
                None
            }
        } else {
            None
        };
        match numbered {
            Some((ordinal, style, last)) if followed_by_space(last) => Some(Marker {
                ordinal,
                style,
                last,
            }),
            _ => bullet,
        }
    }

    // ---- sentence-final marks -------------------------------------------

    fn classify(&self, i: usize) -> Option<Mark> {
        let s = self.tok(i);
        match self.tokens[i].kind {
            TokenKind::Punct => {
                let bytes = s.as_bytes();
                if bytes.iter().all(|&b| b == b'.') {
                    return Some(if matches!(bytes.len(), 2 | 3) {
                        Mark::Ellipsis
                    } else {
                        Mark::Period
                    });
                }
                if s.chars().all(|c| c == '\u{2026}') {
                    return Some(Mark::Ellipsis);
                }
                if s.chars().all(is_strong_terminator) {
                    return Some(Mark::Strong);
                }
                None
            }
            TokenKind::Word if s.len() > 1 && s.ends_with('.') => {
                let word = &s[..s.len() - 1];
                Some(Mark::Abbreviation(self.segmenter.abbreviation_kind(word)))
            }
            _ => None,
        }
    }

    /// Whether a sentence ends at or just after token `i`.
    fn sentence_end_at(&self, i: usize, start: usize) -> Step {
        let token = self.tokens[i];
        if token.kind != TokenKind::Punct
            && self.text.as_bytes().get(token.span.end.wrapping_sub(1)) != Some(&b'.')
        {
            // Neither a mark nor an abbreviation: the common case.
            return Step::Continue(i + 1);
        }
        let n = self.tokens.len();
        let mut last = i;
        let mut mark = match self.classify(i) {
            Some(mark) => mark,
            None => match self.emoticon_at(i, start) {
                // A smiley ends a sentence as "!" would: "Great :) See you".
                Some(end) => {
                    last = end;
                    Mark::Strong
                }
                None => return Step::Continue(i + 1),
            },
        };

        // Spaced ellipsis ". . ." or ". . . .".
        if self.tok(i) == "." {
            let mut k = i;
            while k + 1 < n && self.tok(k + 1) == "." && self.gap(k + 1) == " " {
                k += 1;
            }
            let dots = k - i + 1;
            let attached = i > start && self.adjacent(i);
            if dots >= 3 {
                if attached && dots >= 4 {
                    // "compounds. . . . The": the period ends this sentence and
                    // the ellipsis opens the next one, unless nothing follows.
                    let after = self.skip_closers(k);
                    if after + 1 >= n {
                        return Step::End(after);
                    }
                    if self.starts_sentence(after + 1, false) {
                        return Step::End(i);
                    }
                    return Step::Continue(after + 1);
                }
                mark = if dots == 3 || attached {
                    Mark::Ellipsis
                } else {
                    Mark::Period
                };
                last = k;
            }
        }
        if mark == Mark::Ellipsis
            && (i == start || (self.adjacent(i) && matches!(self.tok(i - 1), "[" | "(")))
        {
            // Opens the sentence, or marks an elision: "[...]".
            return Step::Continue(last + 1);
        }

        let closed = self.skip_closers(last);
        let had_closers = closed > last;
        last = closed;
        let next = last + 1;
        if next >= n {
            return Step::End(last);
        }
        let no_end = Step::Continue(last + 1);
        if self.adjacent(next) {
            // Only "world.Today" style: no space, but clearly two sentences.
            let glued = matches!(mark, Mark::Period | Mark::Strong)
                && !had_closers
                && i > start
                && matches!(self.tokens[i - 1].kind, TokenKind::Word | TokenKind::Number)
                && self.tokens[next].kind == TokenKind::Word
                && {
                    let mut cs = self.tok(next).chars();
                    matches!((cs.next(), cs.next()), (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase())
                };
            // CJK full stops need no space after them.
            let cjk = self
                .tok(i)
                .chars()
                .all(|c| matches!(c, '\u{3002}' | '\u{FF01}' | '\u{FF1F}'));
            return if glued || cjk {
                Step::End(last)
            } else {
                no_end
            };
        }
        let mark = match mark {
            Mark::Abbreviation(_) if had_closers => Mark::Period,
            m => m,
        };
        if matches!(mark, Mark::Period | Mark::Strong) {
            // A citation or footnote number after the mark stays with it:
            // "...in 1805. [6] He..." and "...rights. 4 Even...".
            if let Some(end) = self.trailing_reference(next) {
                if end + 1 >= n {
                    return Step::End(end);
                }
                if !self.adjacent(end + 1) && self.starts_sentence_loosely(end + 1, false) {
                    return Step::End(end);
                }
            }
        }
        if had_closers
            && matches!(mark, Mark::Strong | Mark::Period)
            && self.attribution_follows(i, last, next, mark == Mark::Strong)
        {
            // The speaker stays with the quotation: "Why?" Jane asked.
            return no_end;
        }
        let ends = match mark {
            Mark::Strong => {
                // "Where did you grow up? india?" but not "Yahoo! in" or a
                // title: "Who Wants to Be a Millionaire? on Christmas Day".
                let lowercase_ok = self.segmenter.split_before_lowercase
                    && !had_closers
                    && i > start
                    && self.tokens[i - 1].kind == TokenKind::Word
                    && !self.tok(i - 1).chars().any(char::is_uppercase);
                self.starts_sentence_loosely(next, lowercase_ok)
            }
            Mark::Period => {
                let lowercase_ok = self.segmenter.split_before_lowercase
                    && !had_closers
                    && i > start
                    && matches!(self.tokens[i - 1].kind, TokenKind::Word | TokenKind::Number);
                self.starts_sentence_loosely(next, lowercase_ok)
            }
            // "I" after a spaced ellipsis is usually the same sentence
            // ("what I mean . . . I didn't"), after "word..." a new one.
            Mark::Ellipsis => self.starts_sentence(next, !(i > start && self.adjacent(i))),
            Mark::Abbreviation(kind) => match kind {
                AbbrevKind::Title | AbbrevKind::Inner => false,
                AbbrevKind::NumberPrefix => {
                    // Before a capitalised word "No." is the word "no"; but
                    // "Vol. II" is still a volume.
                    let roman = self
                        .tok(next)
                        .chars()
                        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'));
                    !self
                        .first_char(next)
                        .is_some_and(|c| c.is_numeric() || c == '#')
                        && !roman
                        && self.starts_sentence_loosely(next, false)
                }
                AbbrevKind::Time => {
                    i - start >= 4 && (self.starts_sentence(next, false) || self.is_title(next))
                }
                AbbrevKind::General => self.starts_sentence(next, false),
            },
        };
        if ends {
            Step::End(last)
        } else {
            no_end
        }
    }

    /// ":)" ":-(" ";-)" ":D" after a space: the index of its last token.
    fn emoticon_at(&self, i: usize, start: usize) -> Option<usize> {
        if i <= start || self.adjacent(i) || !matches!(self.tok(i), ":" | ";") {
            return None;
        }
        let n = self.tokens.len();
        let mut k = i + 1;
        if k < n && self.adjacent(k) && self.tok(k) == "-" {
            k += 1;
        }
        (k < n && self.adjacent(k) && matches!(self.tok(k), ")" | "(" | "D" | "P")).then_some(k)
    }

    /// "[6]" or a bare footnote number "4" at `k`: the index of its last token.
    fn trailing_reference(&self, k: usize) -> Option<usize> {
        if self.tok(k) == "[" {
            return self.citation_end(k);
        }
        let s = self.tok(k);
        let footnote = self.tokens[k].kind == TokenKind::Number
            && (1..=2).contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_digit())
            && k + 1 < self.tokens.len()
            && self.tokens[k + 1].kind == TokenKind::Word
            && self.first_char(k + 1).is_some_and(char::is_uppercase);
        footnote.then_some(k)
    }

    /// After a closing quotation mark (somewhere in `mark..=last`): one to
    /// three capitalised words and a speech verb at `next`, as in `"Stay."
    /// Pete said.` After a full stop the verb must end the clause, so that
    /// `"We won." He said it was hard.` still splits.
    fn attribution_follows(&self, mark: usize, last: usize, next: usize, strong: bool) -> bool {
        let quoted = last > mark
            && matches!(
                self.tok(last),
                "\"" | "'" | "\u{201D}" | "\u{2019}" | "\u{00BB}"
            );
        if !quoted {
            return false;
        }
        let n = self.tokens.len();
        let mut k = next;
        while k < n
            && k < next + 3
            && self.tokens[k].kind == TokenKind::Word
            && self.first_char(k).is_some_and(char::is_uppercase)
        {
            // A speaker is a name or a pronoun, not "That" ("That said, ...")
            // or "But".
            let word = self.tok(k);
            if self.segmenter.is_starter(word)
                && !matches!(word, "I" | "He" | "She" | "They" | "We" | "You")
            {
                return false;
            }
            k += 1;
        }
        if k == next || k >= n || !SPEECH_VERBS.contains(&self.tok(k)) {
            return false;
        }
        // "He added: ..." opens a new quotation, so a new sentence.
        k + 1 >= n
            || matches!(self.tok(k + 1), "." | "," | ";" | "!" | "?")
            || (strong && self.tok(k + 1) != ":")
    }

    /// Closing quotes, brackets and further marks glued to token `k`.
    fn skip_closers(&self, mut k: usize) -> usize {
        let n = self.tokens.len();
        while k + 1 < n && self.adjacent(k + 1) {
            let t = self.tok(k + 1);
            let closer = self.is_single(k + 1, is_closer);
            let more_marks = self.tokens[k + 1].kind == TokenKind::Punct
                && t.chars()
                    .all(|c| c == '.' || c == '\u{2026}' || is_strong_terminator(c));
            if closer || more_marks {
                k += 1;
            } else if t == "[" && self.citation_end(k + 1).is_some() {
                k = self.citation_end(k + 1).unwrap_or(k + 1);
            } else {
                break;
            }
        }
        k
    }

    /// "[12]" starting at `k`: the index of its "]".
    fn citation_end(&self, k: usize) -> Option<usize> {
        let n = self.tokens.len();
        (k + 2 < n
            && self.tokens[k + 1].kind == TokenKind::Number
            && self.adjacent(k + 1)
            && self.adjacent(k + 2)
            && self.tok(k + 2) == "]")
            .then_some(k + 2)
    }

    /// After a plain full stop, "?" or "!": anything but a lowercase word or
    /// mid-sentence punctuation starts a new sentence.
    fn starts_sentence_loosely(&self, k: usize, lowercase_ok: bool) -> bool {
        let Some(c) = self.first_char(k) else {
            return false;
        };
        if c.is_alphabetic() {
            // A link after a full stop starts a sentence of its own.
            return !c.is_lowercase() || lowercase_ok || is_url(self.tok(k));
        }
        if c.is_numeric() || is_bullet(c) {
            return true;
        }
        match self.tokens[k].kind {
            TokenKind::Symbol => true,
            TokenKind::Punct if matches!(c, '-' | '*' | '\u{2013}' | '\u{2014}') => true,
            // An ellipsis opening the next sentence: "...to this day. ...a drop".
            TokenKind::Punct if matches!(self.tok(k), "..." | "\u{2026}") => true,
            TokenKind::Punct => {
                is_opener(c)
                    && self
                        .word_after_openers(k)
                        .and_then(|w| self.first_char(w))
                        .is_some_and(|c| !c.is_lowercase())
            }
            _ => true,
        }
    }

    /// After an abbreviation or ellipsis: only a word that usually begins a
    /// sentence ("The", "He", "However") counts, possibly after an opening mark.
    fn starts_sentence(&self, k: usize, after_ellipsis: bool) -> bool {
        let Some(w) = self.word_after_openers(k) else {
            return false;
        };
        let word = self.tok(w);
        if is_url(word) {
            return true;
        }
        let word = word.strip_suffix('.').unwrap_or(word);
        if after_ellipsis && word == "I" {
            return false;
        }
        self.segmenter.is_starter(word)
    }

    fn word_after_openers(&self, k: usize) -> Option<usize> {
        let n = self.tokens.len();
        let mut w = k;
        // "‘’" typed as a double opening quote counts as one opener.
        while w < n
            && w < k + 3
            && (self.is_single(w, is_opener)
                || (w > k && self.adjacent(w) && self.is_single(w, |c| c == '\u{2019}')))
        {
            w += 1;
        }
        (w < n && self.tokens[w].kind == TokenKind::Word).then_some(w)
    }

    fn is_title(&self, k: usize) -> bool {
        let s = self.tok(k);
        s.len() > 1
            && s.ends_with('.')
            && self.segmenter.abbreviation_kind(&s[..s.len() - 1]) == AbbrevKind::Title
    }
}

fn is_url(token: &str) -> bool {
    token.len() > 7
        && (token.starts_with("http") && token.contains("://") || token.starts_with("www."))
}

fn letter_ordinal(c: u8) -> u32 {
    u32::from(c.to_ascii_lowercase().saturating_sub(b'a')) + 1
}

/// Line breaks in a whitespace gap; a blank line or page break counts two.
fn line_breaks(gap: &str) -> usize {
    let bytes = gap.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => count += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => count += 1,
            0x0C => count += 2,
            0xE2 => match char_at(gap, i) {
                Some(('\u{2028}', _)) => count += 1,
                Some(('\u{2029}', _)) => count += 2,
                _ => {}
            },
            _ => {}
        }
        i += 1;
    }
    count
}

/// Byte offset of the first blank line ("\n", optional spaces, "\n") in `text`.
fn find_blank_line(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(p) = bytes[from..].iter().position(|&b| b == b'\n') {
        let at = from + p;
        let mut j = at + 1;
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b'\n' {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Whether a block is running text wrapped at a fixed width (wire copy,
/// e-mail), where a line break is just a space.
fn is_hard_wrapped(block: &str) -> bool {
    let width = |line: &str| line.trim_end().chars().count();
    // Every line but the last, which may end anywhere.
    let body = || {
        let cut = block.trim_end().rfind('\n').unwrap_or(0);
        block[..cut].split('\n')
    };
    let lines = body().count();
    if lines < 2 {
        return false;
    }
    let widest = body().map(width).max().unwrap_or(0);
    if !(30..=100).contains(&widest) {
        return false;
    }
    let full = body().filter(|l| width(l) * 10 >= widest * 7).count();
    full * 10 >= lines * 6
}
