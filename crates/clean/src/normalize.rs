//! Character-level normalisation of raw input.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Bytes the rewrite must look at: non-ASCII lead and continuation bytes,
/// controls other than LF (tab included: it becomes a space), DEL.
static SPECIAL_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b >= 0x80 || (b < 0x20 && b != b'\n' as usize) || b == 0x7f;
        b += 1;
    }
    table
};

/// Characters that are kept as they are and are NFC-stable on their own
/// (combining class 0, NFC quick check "yes"): Latin up to the combining
/// diacritics, basic Cyrillic, the dashes, quotes, bullets and ellipsis of
/// General Punctuation, currency signs, CJK punctuation, kana, CJK
/// ideographs, Hangul syllables and fullwidth forms. Text made only of
/// these needs no NFC pass.
fn kept_and_stable(c: char) -> bool {
    matches!(
        c as u32,
        0xA1..=0xAC
            | 0xAE..=0x2FF
            | 0x400..=0x482
            | 0x2010..=0x2027
            | 0x20A0..=0x20C0
            | 0x3001..=0x3003
            | 0x3041..=0x3096
            | 0x30A1..=0x30FA
            | 0x4E00..=0x9FFF
            | 0xAC00..=0xD7A3
            | 0xFF01..=0xFF5E
    )
}

/// Line endings to LF, NFC, Unicode spaces to U+0020, invisible and control
/// characters dropped. Line structure is kept: it carries paragraph breaks.
pub(crate) fn normalize(raw: &str) -> String {
    // Most scraped text is clean ASCII; skip the per-char rewrite for it.
    let needs_rewrite = raw
        .bytes()
        .any(|b| b >= 0x80 || (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f);
    if !needs_rewrite {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    // Unchanged stretches are copied in one go; plain ASCII is skipped by a
    // table lookup and only other characters are decoded.
    let bytes = raw.as_bytes();
    let mut run_start = 0;
    let mut at = 0;
    let mut maybe_unstable = false;
    while at < bytes.len() {
        match bytes[at..].iter().position(|&b| SPECIAL_BYTE[b as usize]) {
            Some(skip) => at += skip,
            None => break,
        }
        let b = bytes[at];
        let (replacement, len): (Option<&str>, usize) = if b < 0x80 {
            let r = match b {
                b'\r' => Some(if bytes.get(at + 1) == Some(&b'\n') {
                    ""
                } else {
                    "\n"
                }),
                b'\t' => Some(" "),
                _ => Some(""),
            };
            (r, 1)
        } else {
            let c = raw[at..].chars().next().unwrap_or(' ');
            let r = if kept_and_stable(c) {
                None
            } else {
                match c {
                    // Line and paragraph separators are line breaks in disguise.
                    '\u{2028}' | '\u{2029}' | '\u{85}' => Some("\n"),
                    // Zero-width characters, soft hyphen, BOM, word joiner, bidi marks.
                    '\u{00AD}'
                    | '\u{200B}'..='\u{200F}'
                    | '\u{2060}'..='\u{2064}'
                    | '\u{FEFF}'
                    | '\u{202A}'..='\u{202E}'
                    | '\u{2066}'..='\u{2069}'
                    | '\u{180E}'
                    | '\u{FFFE}'
                    | '\u{FFFF}' => Some(""),
                    c if c.is_control() => Some(""),
                    c if c.is_whitespace() => Some(" "),
                    _ => {
                        maybe_unstable = true;
                        None
                    }
                }
            };
            (r, c.len_utf8())
        };
        if let Some(replacement) = replacement {
            out.push_str(&raw[run_start..at]);
            out.push_str(replacement);
            run_start = at + len;
        }
        at += len;
    }
    out.push_str(&raw[run_start..]);
    if !maybe_unstable || is_nfc_quick(out.chars()) == IsNormalized::Yes {
        out
    } else {
        out.nfc().collect()
    }
}

/// Append `line` (trimmed, through [`normalize`]) to `out` with every
/// whitespace run collapsed to one space.
pub(crate) fn push_collapsed(out: &mut String, line: &str) {
    let bytes = line.as_bytes();
    if memchr::memchr(b'\t', bytes).is_none() && memchr::memmem::find(bytes, b"  ").is_none() {
        out.push_str(line);
        return;
    }
    for (i, word) in line.split_ascii_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Collapse every whitespace run to one space and trim. Input has been
/// through [`normalize`], so ASCII whitespace is all there is.
pub(crate) fn collapse_spaces(s: &str) -> String {
    let bytes = s.as_bytes();
    // One scan: no whitespace but single inner spaces.
    let mut prev_space = true;
    let mut already_collapsed = true;
    for &b in bytes {
        let space = b == b' ';
        if (space && prev_space) || (b.is_ascii_whitespace() && !space) {
            already_collapsed = false;
            break;
        }
        prev_space = space;
    }
    if already_collapsed && !prev_space || bytes.is_empty() {
        return s.to_string();
    }
    // ASCII bytes never occur inside a multi-byte UTF-8 sequence, so a
    // byte-level rewrite of ASCII whitespace keeps the text valid.
    let mut out = Vec::with_capacity(bytes.len());
    let mut pending_space = false;
    for &b in bytes {
        if b.is_ascii_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(b' ');
                pending_space = false;
            }
            out.push(b);
        }
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_spaces_breaks_and_invisibles() {
        let raw = "a\r\nb\rc\u{00A0}d\u{200B}e\u{00AD}f\u{0007}g\u{2003}h";
        assert_eq!(normalize(raw), "a\nb\nc defg h");
    }

    #[test]
    fn composes_to_nfc_and_keeps_typography() {
        let raw = "Cafe\u{0301} \u{201C}quoted\u{201D} \u{2014} wait\u{2026}";
        assert_eq!(
            normalize(raw),
            "Caf\u{e9} \u{201C}quoted\u{201D} \u{2014} wait\u{2026}"
        );
    }

    #[test]
    fn the_fast_path_characters_need_no_rewrite_and_no_nfc_pass() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0u32..0x10000)
            .filter_map(char::from_u32)
            .filter(|c| kept_and_stable(*c))
        {
            assert!(!c.is_control() && !c.is_whitespace(), "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
        }
        // A combining mark after a fast-path letter still composes.
        assert_eq!(normalize("\u{433}\u{301} e\u{301}"), "\u{453} \u{e9}");
    }

    #[test]
    fn appends_lines_with_collapsed_runs() {
        let mut out = String::from("a");
        out.push(' ');
        push_collapsed(&mut out, "b  c\td");
        out.push(' ');
        push_collapsed(&mut out, "e f");
        assert_eq!(out, "a b c d e f");
    }

    #[test]
    fn collapses_whitespace_runs() {
        assert_eq!(collapse_spaces("  a \t b\n c  "), "a b c");
    }
}
