//! Character-level normalisation of raw input.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

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
    // Unchanged stretches are copied in one go; ASCII is judged byte by
    // byte and only other characters are decoded.
    let bytes = raw.as_bytes();
    let mut run_start = 0;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let (replacement, len): (Option<&str>, usize) = if b < 0x80 {
            let r = match b {
                b'\r' => Some(if bytes.get(at + 1) == Some(&b'\n') {
                    ""
                } else {
                    "\n"
                }),
                b'\t' => Some(" "),
                b'\n' => None,
                0..=0x1f | 0x7f => Some(""),
                _ => None,
            };
            (r, 1)
        } else {
            let c = raw[at..].chars().next().unwrap_or(' ');
            let r = match c {
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
                _ => None,
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
    if is_nfc_quick(out.chars()) == IsNormalized::Yes {
        out
    } else {
        out.nfc().collect()
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
    fn collapses_whitespace_runs() {
        assert_eq!(collapse_spaces("  a \t b\n c  "), "a b c");
    }
}
