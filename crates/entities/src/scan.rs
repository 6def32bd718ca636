//! Word scanning: the crate's own tokens, with the features the taggers need.
//!
//! The tokens layer of the document is not used: its tokenisation belongs to
//! another stage, and name tagging needs splits of its own (possessive `'s`
//! apart from the name, `U.S.` and `a.m.` whole, `Jong-un` whole).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Number,
    Punct,
    /// Currency signs and `%`.
    Symbol,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Starts with an upper-case letter (or `al-`/`el-` before one).
    pub cap: bool,
    /// Two or more letters, all upper case.
    pub all_caps: bool,
    /// No whitespace between this token and the one before.
    pub glued: bool,
    /// A line break between this token and the one before.
    pub newline_before: bool,
    /// Capitalisation says nothing here: sentence start, after an opening
    /// quote or bracket, or inside a title-case line.
    pub initial: bool,
    /// Inside a line where nearly every word is capitalised (a headline).
    pub title_line: bool,
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

fn is_currency_or_percent(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '₹' | '₽' | '%')
}

/// Splits `text` into tokens. Total: every byte is either whitespace or in
/// exactly one token, and every boundary is a char boundary.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut toks = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    let mut saw_space = true;
    let mut saw_newline = true;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            saw_space = true;
            if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                saw_newline = true;
            }
            i += 1;
            continue;
        }
        let begin = i;
        let kind;
        if c.is_alphabetic() {
            kind = TokKind::Word;
            // Dotted abbreviations: U.S., a.m., U.S.A.
            let dotted = |j: usize| {
                chars.get(j).is_some_and(|&(_, x)| x.is_alphabetic())
                    && chars.get(j + 1).is_some_and(|&(_, x)| x == '.')
            };
            if dotted(i) && dotted(i + 2) {
                i += 4;
                while dotted(i) {
                    i += 2;
                }
            } else {
                i += 1;
                while i < chars.len() {
                    let x = chars[i].1;
                    if x.is_alphanumeric() || is_mark(x) {
                        i += 1;
                    } else if (is_hyphen(x) || is_apostrophe(x))
                        && chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphanumeric())
                    {
                        // A possessive 's stays out of the word.
                        if is_apostrophe(x)
                            && chars.get(i + 1).is_some_and(|&(_, n)| n == 's' || n == 'S')
                            && !chars.get(i + 2).is_some_and(|&(_, n)| n.is_alphanumeric())
                        {
                            break;
                        }
                        i += 2;
                    } else {
                        break;
                    }
                }
            }
        } else if c.is_ascii_digit() {
            kind = TokKind::Number;
            i += 1;
            while i < chars.len() {
                let x = chars[i].1;
                if x.is_ascii_digit() {
                    i += 1;
                } else if (x == '.' || x == ',')
                    && chars.get(i + 1).is_some_and(|&(_, n)| n.is_ascii_digit())
                {
                    i += 2;
                } else {
                    break;
                }
            }
        } else {
            kind = if is_currency_or_percent(c) {
                TokKind::Symbol
            } else {
                TokKind::Punct
            };
            i += 1;
        }
        let (start, end) = (start, end_of(i));
        let word = &text[start..end];
        let (cap, all_caps) = if kind == TokKind::Word {
            word_case(word)
        } else {
            (false, false)
        };
        toks.push(Tok {
            start,
            end,
            kind,
            cap,
            all_caps,
            glued: !saw_space && begin > 0,
            newline_before: saw_newline,
            initial: false,
            title_line: false,
        });
        saw_space = false;
        saw_newline = false;
    }
    toks
}

fn is_mark(c: char) -> bool {
    // Combining diacritics (decomposed text) stay inside their word.
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

fn word_case(word: &str) -> (bool, bool) {
    let mut letters = 0usize;
    let mut upper = 0usize;
    for ch in word.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if ch.is_uppercase() {
            upper += 1;
        }
    }
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    // Arabic article prefixes: al-Assad, el-Sisi.
    let prefixed = ["al-", "el-", "al\u{2010}", "el\u{2010}"]
        .iter()
        .any(|p| word.starts_with(p) && word[p.len()..].starts_with(char::is_uppercase));
    (first_upper || prefixed, letters >= 2 && upper == letters)
}

/// Marks tokens whose capitalisation is uninformative. `sentence_starts` are
/// byte offsets where sentences begin (from the sentences layer); the crate's
/// own cues (line starts, `. ! ?`, opening quotes) are always added.
pub(crate) fn mark_initial(text: &str, toks: &mut [Tok], sentence_starts: &[usize]) {
    let mut next_sentence = 0;
    let mut after_boundary = true;
    for i in 0..toks.len() {
        let tok = toks[i];
        while next_sentence < sentence_starts.len() && sentence_starts[next_sentence] <= tok.start {
            after_boundary = true;
            next_sentence += 1;
        }
        if tok.newline_before {
            after_boundary = true;
        }
        if matches!(tok.kind, TokKind::Word | TokKind::Number) {
            toks[i].initial = after_boundary;
            after_boundary = false;
            continue;
        }
        let s = &text[tok.start..tok.end];
        match s {
            "." | "!" | "?" | "…" => {
                // "Mr. Smith", "U.S. officials": a dot after a short title or
                // an initial does not end a sentence.
                let abbreviation = i > 0 && toks[i - 1].kind == TokKind::Word && {
                    let prev = &text[toks[i - 1].start..toks[i - 1].end];
                    prev.chars().count() == 1 || crate::tagger::is_abbreviated_title(prev)
                };
                if !(s == "." && abbreviation) {
                    after_boundary = true;
                }
            }
            ":" | "(" | "[" | "\u{201C}" | "\u{2018}" | "\u{2022}" | "*" => after_boundary = true,
            // A straight quote opens when it hugs the next word, not the last.
            "\"" | "'" if !tok.glued && toks.get(i + 1).is_some_and(|n| n.glued) => {
                after_boundary = true
            }
            _ => {}
        }
    }
    mark_title_lines(text, toks);
}

/// Headline-style lines ("Putin Has Nowhere To Go Except Beijing"): every
/// word is capitalised, so capitals are no evidence of a name.
fn mark_title_lines(text: &str, toks: &mut [Tok]) {
    let mut line_start = 0;
    while line_start < toks.len() {
        let mut line_end = line_start + 1;
        while line_end < toks.len() && !toks[line_end].newline_before {
            line_end += 1;
        }
        let words: Vec<&Tok> = toks[line_start..line_end]
            .iter()
            .filter(|t| t.kind == TokKind::Word)
            .collect();
        let capitalised = words.iter().filter(|t| t.cap).count();
        // Headlines leave only short function words ("of", "in", "to") in
        // lower case, and end without a full stop.
        let long_lower = words
            .iter()
            .any(|t| !t.cap && text[t.start..t.end].chars().count() > 4);
        let last = &toks[line_end - 1];
        let ends_sentence = matches!(&text[last.start..last.end], "." | "!" | "?" | ":" | ";");
        let shouting = words.iter().filter(|t| t.all_caps).count();
        let all_caps_line = !words.is_empty()
            && shouting * 4 >= words.len() * 3
            && words
                .iter()
                .any(|t| text[t.start..t.end].chars().count() > 4);
        if words.len() >= 4 && capitalised >= 3 && !long_lower && !ends_sentence || all_caps_line {
            for tok in &mut toks[line_start..line_end] {
                tok.title_line = true;
                tok.initial = true;
            }
        }
        line_start = line_end;
    }
}
