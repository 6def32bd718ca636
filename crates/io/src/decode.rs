//! Turning raw bytes into an article body, or into the reason they are not one.

use crate::kind;
use newsmill_doc::{DocError, Document, Format};
use std::io::{self, Read};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Above this share of control bytes a body is treated as binary rather than
/// text with a few stray escapes.
const MAX_CONTROL_PERCENT: usize = 10;

/// `bytes` without a leading UTF-8 byte order mark.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes)
}

/// Control bytes that never occur in prose; tab, newlines and form feed do.
fn is_stray_control(byte: u8) -> bool {
    matches!(byte, 0x00..=0x08 | 0x0B | 0x0E..=0x1F | 0x7F)
}

/// Why `bytes` look like binary data rather than text, if they do.
pub(crate) fn binary_reason(bytes: &[u8]) -> Option<String> {
    if let Some(at) = memchr::memchr(0, bytes) {
        return Some(format!(
            "NUL byte at byte offset {at}: binary data (or UTF-16 text, which is not supported)"
        ));
    }
    let controls = bytes.iter().filter(|&&b| is_stray_control(b)).count();
    // Integer arithmetic: controls / len > MAX_CONTROL_PERCENT / 100.
    if controls > 0
        && controls.saturating_mul(100) > bytes.len().saturating_mul(MAX_CONTROL_PERCENT)
    {
        return Some(format!(
            "{controls} of {} bytes are control characters: binary data",
            bytes.len()
        ));
    }
    None
}

/// Decode the bytes of one whole article (a file or stdin) into a document.
///
/// The checks run from most to least telling: binary data usually is not
/// UTF-8 either, and "binary" says more than an offset does.
pub(crate) fn article_from_bytes(id: String, bytes: Vec<u8>, format: Format) -> Document {
    let body = strip_bom(&bytes);
    if let Some(reason) = binary_reason(body) {
        return error_doc(id, kind::BINARY, reason);
    }
    let bom = bytes.len() - body.len();
    // The BOM is valid UTF-8, so the error offset is an offset into the input as stored.
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            return error_doc(
                id,
                kind::INVALID_UTF8,
                format!("invalid UTF-8 at byte offset {offset}"),
            );
        }
    };
    text.drain(..bom);
    if text.trim().is_empty() {
        // Unicode spaces (no-break, ideographic) count as no content too.
        return error_doc(id, kind::EMPTY, "no non-whitespace content");
    }
    match format {
        Format::Html => Document::from_html(id, text),
        Format::Text => Document::from_text(id, text),
    }
}

/// Check a body string that came out of a JSON record.
pub(crate) fn check_body(text: &str) -> Result<(), DocError> {
    if let Some(reason) = binary_reason(text.as_bytes()) {
        return Err(DocError::new(kind::BINARY, reason));
    }
    if text.trim().is_empty() {
        return Err(DocError::new(kind::EMPTY, "no non-whitespace content"));
    }
    Ok(())
}

/// A document that carries only an id and the reason it could not be read.
pub(crate) fn error_doc(id: String, kind: &str, message: impl Into<String>) -> Document {
    let mut doc = Document {
        id,
        ..Document::default()
    };
    doc.error = Some(DocError::new(kind, message));
    doc
}

/// Why reading failed, as a record error: damage inside a gzip stream is
/// `gzip`, anything else is `io`.
pub(crate) fn read_error(err: &io::Error, gzip: bool) -> DocError {
    if gzip {
        match err.kind() {
            io::ErrorKind::UnexpectedEof => {
                return DocError::new(kind::GZIP, format!("gzip data is truncated: {err}"))
            }
            io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => {
                return DocError::new(kind::GZIP, format!("gzip data is corrupt: {err}"))
            }
            _ => {}
        }
    }
    DocError::new(kind::IO, format!("read failed: {err}"))
}

/// How reading a whole article ended when it did not produce its bytes.
pub(crate) enum ReadFailure {
    TooLarge,
    Io(io::Error),
}

/// Append everything `reader` yields to `buf`, refusing to hold more than
/// `limit` bytes in total: at most `limit + 1` bytes are ever read.
pub(crate) fn read_to_end_limited(
    reader: impl Read,
    buf: &mut Vec<u8>,
    limit: usize,
) -> Result<(), ReadFailure> {
    if buf.len() > limit {
        return Err(ReadFailure::TooLarge);
    }
    let room = (limit - buf.len()) as u64;
    reader
        .take(room.saturating_add(1))
        .read_to_end(buf)
        .map_err(ReadFailure::Io)?;
    if buf.len() > limit {
        return Err(ReadFailure::TooLarge);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_kind(doc: &Document) -> &str {
        doc.error.as_ref().map(|e| e.kind.as_str()).unwrap_or("")
    }

    #[test]
    fn bom_is_dropped_and_text_kept_verbatim() {
        let doc = article_from_bytes(
            "a".into(),
            b"\xEF\xBB\xBFHeadline\r\n\r\nBody.".to_vec(),
            Format::Text,
        );
        assert!(doc.error.is_none());
        assert_eq!(doc.text, "Headline\r\n\r\nBody.");
    }

    #[test]
    fn invalid_utf8_names_the_offset_in_the_file() {
        let doc = article_from_bytes("a".into(), b"caf\xE9 au lait".to_vec(), Format::Text);
        assert_eq!(error_kind(&doc), "invalid-utf8");
        assert!(doc.error.unwrap().message.contains("byte offset 3"));
        // The BOM counts: offsets are into the file as stored.
        let doc = article_from_bytes("a".into(), b"\xEF\xBB\xBFab\xFF".to_vec(), Format::Text);
        assert!(doc.error.unwrap().message.contains("byte offset 5"));
    }

    #[test]
    fn binary_by_nul_or_control_share() {
        let doc = article_from_bytes("a".into(), b"PK\x03\x04\x00\x00".to_vec(), Format::Text);
        assert_eq!(error_kind(&doc), "binary");
        let doc = article_from_bytes("a".into(), b"\x01\x02\x03abc\x05".to_vec(), Format::Text);
        assert_eq!(error_kind(&doc), "binary");
        // One escape in a long text is just a stray byte.
        let mut text = b"A terminal escape \x1b[1m in an otherwise normal text.".to_vec();
        text.extend_from_slice(&[b' '; 40]);
        let doc = article_from_bytes("a".into(), text, Format::Text);
        assert!(doc.error.is_none());
    }

    #[test]
    fn whitespace_only_is_empty() {
        for input in [
            &b""[..],
            b"  \n\t ",
            b"\xEF\xBB\xBF\n",
            "\u{a0}\u{3000}\n".as_bytes(),
        ] {
            let doc = article_from_bytes("a".into(), input.to_vec(), Format::Html);
            assert_eq!(error_kind(&doc), "empty", "{input:?}");
        }
    }

    #[test]
    fn gzip_damage_is_told_apart_from_io() {
        let truncated = io::Error::new(io::ErrorKind::UnexpectedEof, "eof");
        assert_eq!(read_error(&truncated, true).kind, "gzip");
        assert_eq!(read_error(&truncated, false).kind, "io");
        let denied = io::Error::new(io::ErrorKind::PermissionDenied, "denied");
        assert_eq!(read_error(&denied, true).kind, "io");
    }

    #[test]
    fn limited_read_stops_one_byte_past_the_limit() {
        let mut buf = Vec::new();
        assert!(read_to_end_limited(&b"12345"[..], &mut buf, 5).is_ok());
        let mut buf = Vec::new();
        let endless = io::repeat(b'x');
        assert!(matches!(
            read_to_end_limited(endless, &mut buf, 10),
            Err(ReadFailure::TooLarge)
        ));
        assert_eq!(buf.len(), 11);
        let mut buf = Vec::new();
        assert!(read_to_end_limited(&b"1"[..], &mut buf, usize::MAX).is_ok());
    }
}
