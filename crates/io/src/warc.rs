//! WARC files (ISO 28500, versions 1.0 and 1.1), as web crawls and Common
//! Crawl's CC-NEWS ship them: one `response` record per fetched page, the
//! HTTP response verbatim inside. Records are streamed: at most one page
//! (bounded by `max_article_bytes`) is held in memory.

use crate::decode::{binary_reason, error_doc, read_error, read_to_end_limited, ReadFailure};
use crate::kind;
use encoding_rs::Encoding;
use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};
use newsmill_doc::{DocError, Document};
use serde_json::Value;
use std::io::{self, BufRead, Read};

/// The most bytes one header line may take; real ones are well under a
/// kilobyte, so more means the data is not what it claims to be.
const MAX_HEADER_LINE_BYTES: usize = 16 * 1024;

/// The most header lines in one block, for the same reason.
const MAX_HEADER_LINES: usize = 512;

/// How far into a page `<meta charset>` is looked for (the HTML standard
/// says 1024 bytes; pages with long `<head>` scripts put it later).
const CHARSET_SNIFF_BYTES: usize = 4096;

/// One block of `Name: value` headers, names compared case-insensitively.
#[derive(Debug, Default)]
struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Damage to the WARC framing itself (as opposed to a failing device or a
/// broken gzip stream), carried inside an `io::Error`.
#[derive(Debug)]
struct WarcDamage(String);

impl std::fmt::Display for WarcDamage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WarcDamage {}

fn invalid(message: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, WarcDamage(message.into()))
}

fn truncated(message: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, WarcDamage(message.into()))
}

fn is_warc_damage(err: &io::Error) -> bool {
    err.get_ref().is_some_and(|inner| inner.is::<WarcDamage>())
}

/// Read one line (through `\n`) of at most `MAX_HEADER_LINE_BYTES` into
/// `buf`, line ending trimmed. `Ok(false)` at end of input.
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>) -> io::Result<bool> {
    buf.clear();
    let read = reader
        .take(MAX_HEADER_LINE_BYTES as u64 + 1)
        .read_until(b'\n', buf)?;
    if read == 0 {
        return Ok(false);
    }
    if buf.len() > MAX_HEADER_LINE_BYTES {
        return Err(invalid("header line too long"));
    }
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    Ok(true)
}

/// Read `Name: value` lines up to the blank line that ends them.
fn read_headers(reader: &mut dyn BufRead) -> io::Result<Headers> {
    let mut headers = Headers::default();
    let mut line = Vec::new();
    for _ in 0..MAX_HEADER_LINES {
        if !read_line(reader, &mut line)? {
            return Err(truncated("input ends inside a header block"));
        }
        if line.is_empty() {
            return Ok(headers);
        }
        let text = String::from_utf8_lossy(&line);
        if text.starts_with([' ', '\t']) {
            // An obsolete folded continuation of the previous header.
            if let Some((_, value)) = headers.0.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
            }
            continue;
        }
        if let Some((name, value)) = text.split_once(':') {
            headers
                .0
                .push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    Err(invalid("too many header lines"))
}

/// Discard `n` bytes; an error when the input ends first.
fn skip(reader: &mut dyn BufRead, n: u64) -> io::Result<()> {
    let skipped = io::copy(&mut reader.take(n), &mut io::sink())?;
    if skipped < n {
        return Err(truncated(format!(
            "input ends {skipped} bytes into a {n}-byte block"
        )));
    }
    Ok(())
}

/// The media type of a `Content-Type` value, lowercased, without parameters.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a `Content-Type` value.
fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']))
            .filter(|v| !v.is_empty())
    })
}

/// The charset a page declares in its first bytes: `<meta charset=...>` or
/// `<meta http-equiv=Content-Type content="...; charset=...">`.
fn meta_charset(page: &[u8]) -> Option<String> {
    let head = &page[..page.len().min(CHARSET_SNIFF_BYTES)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = memchr::memmem::find(&lower[from..], b"charset") {
        let at = from + found;
        from = at + 7;
        // Only inside a <meta ...> tag: the nearest tag opened before it.
        let tag_start = memchr::memrchr(b'<', &lower[..at]);
        let in_meta = tag_start.is_some_and(|start| {
            lower[start..].starts_with(b"<meta") && !lower[start..at].contains(&b'>')
        });
        if !in_meta {
            continue;
        }
        let rest = &lower[from..];
        let rest = rest.trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = rest.trim_ascii_start();
        let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
        let rest = rest.strip_prefix(b"'").unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(b)))
            .unwrap_or(rest.len());
        if end > 0 {
            return Some(String::from_utf8_lossy(&rest[..end]).into_owned());
        }
    }
    None
}

/// Whether a payload without a usable `Content-Type` looks like an HTML page.
fn sniff_html(payload: &[u8]) -> bool {
    let start = payload.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(payload);
    let start = start.trim_ascii_start();
    let head = &start[..start.len().min(512)].to_ascii_lowercase();
    head.starts_with(b"<!doctype html")
        || head.starts_with(b"<html")
        || (head.starts_with(b"<") && memchr::memmem::find(head, b"<html").is_some())
}

/// Turn the payload bytes into text: a byte order mark first, then the
/// charset the HTTP header declares, then the page's `<meta>` one, else
/// UTF-8. A page declared in a legacy single-byte charset whose bytes are
/// valid, non-ASCII UTF-8 is taken as UTF-8: servers often send a default
/// `ISO-8859-1` for UTF-8 pages, while real Latin-1 text is almost never
/// valid UTF-8.
fn decode_page(bytes: &[u8], http_charset: Option<&str>) -> Result<String, DocError> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (Some(encoding), &bytes[bom..]),
        None => {
            let declared = http_charset
                .and_then(|label| Encoding::for_label(label.as_bytes()))
                .or_else(|| {
                    meta_charset(bytes).and_then(|label| Encoding::for_label(label.as_bytes()))
                });
            (declared, bytes)
        }
    };
    let utf8 = std::str::from_utf8(body);
    match encoding {
        Some(encoding) if encoding != encoding_rs::UTF_8 => {
            if let Ok(text) = utf8 {
                if !text.is_ascii() && encoding.is_single_byte() {
                    return Ok(text.to_string());
                }
            }
            let (text, had_errors) = encoding.decode_without_bom_handling(body);
            if had_errors && encoding.output_encoding() == encoding_rs::UTF_8 {
                // Only UTF-16 decodes to replacement characters this way.
                return Err(DocError::new(
                    kind::INVALID_UTF8,
                    format!("the page is not valid {}", encoding.name()),
                ));
            }
            Ok(text.into_owned())
        }
        _ => match utf8 {
            Ok(text) => Ok(text.to_string()),
            Err(err) => Err(DocError::new(
                kind::INVALID_UTF8,
                format!(
                    "invalid UTF-8 at byte offset {} of the payload, and no other charset declared",
                    err.valid_up_to()
                ),
            )),
        },
    }
}

/// Undo `Transfer-Encoding: chunked`. `None` when the payload is not in
/// chunks after all (crawlers often store it decoded but keep the header).
fn dechunk(payload: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(payload.len());
    let mut rest = payload;
    loop {
        let line_end = memchr::memchr(b'\n', rest)?;
        let line = std::str::from_utf8(&rest[..line_end]).ok()?;
        let size_text = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = &rest[line_end + 1..];
        if size == 0 {
            // Trailers, if any, are not content.
            return Some(out);
        }
        if rest.len() < size {
            // A cut-off last chunk: keep what arrived.
            out.extend_from_slice(rest);
            return Some(out);
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest.strip_prefix(b"\r").unwrap_or(rest);
        rest = rest.strip_prefix(b"\n").unwrap_or(rest);
        if rest.is_empty() {
            return Some(out);
        }
    }
}

/// Undo `Content-Encoding`, holding at most `limit` decoded bytes.
fn decompress(payload: Vec<u8>, coding: &str, limit: usize) -> Result<Vec<u8>, DocError> {
    let coding = coding.trim().to_ascii_lowercase();
    let mut out = Vec::new();
    let outcome = match coding.as_str() {
        "" | "identity" => return Ok(payload),
        "gzip" | "x-gzip" => {
            read_to_end_limited(MultiGzDecoder::new(&payload[..]), &mut out, limit)
        }
        "deflate" => {
            // The standard says zlib-wrapped; some servers send raw deflate.
            let zlib = read_to_end_limited(ZlibDecoder::new(&payload[..]), &mut out, limit);
            if matches!(zlib, Err(ReadFailure::Io(_))) {
                out.clear();
                read_to_end_limited(DeflateDecoder::new(&payload[..]), &mut out, limit)
            } else {
                zlib
            }
        }
        other => {
            return Err(DocError::new(
                kind::WARC,
                format!("unsupported HTTP Content-Encoding {other:?}"),
            ))
        }
    };
    match outcome {
        Ok(()) => Ok(out),
        Err(ReadFailure::TooLarge) => Err(DocError::new(
            kind::TOO_LARGE,
            format!("decompressed page is over the limit of {limit} bytes"),
        )),
        Err(ReadFailure::Io(err)) => Err(DocError::new(
            kind::GZIP,
            format!("the page's {coding} Content-Encoding is corrupt: {err}"),
        )),
    }
}

/// The id WARC 1.1 examples write as `<uri>`: without the brackets.
fn unbracket(value: &str) -> &str {
    value
        .strip_prefix('<')
        .and_then(|v| v.strip_suffix('>'))
        .unwrap_or(value)
        .trim()
}

/// The HTTP part of one response record, read up to its payload.
struct HttpHead {
    status: u16,
    headers: Headers,
}

fn read_http_head(block: &mut dyn BufRead) -> io::Result<HttpHead> {
    let mut line = Vec::new();
    // Tolerate blank lines before the status line.
    loop {
        if !read_line(block, &mut line)? {
            return Err(truncated("response record has no HTTP status line"));
        }
        if !line.is_empty() {
            break;
        }
    }
    let status_line = String::from_utf8_lossy(&line);
    let mut parts = status_line.split_ascii_whitespace();
    let version = parts.next().unwrap_or("");
    if !version.starts_with("HTTP/") {
        return Err(invalid(format!(
            "response record does not start with an HTTP status line: {:?}",
            status_line.chars().take(40).collect::<String>()
        )));
    }
    let status = parts
        .next()
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| invalid("HTTP status line without a status code"))?;
    let headers = read_headers(block)?;
    Ok(HttpHead { status, headers })
}

/// The pages of one WARC stream, in record order.
pub(crate) struct WarcReader {
    /// Names the stream in the ids of error records (`<file-id>:<record>`).
    file_id: String,
    reader: Box<dyn BufRead + Send>,
    /// Whether the bytes come out of a gzip decoder, which decides how read
    /// errors are reported.
    gzip: bool,
    limit: usize,
    /// 1-based number of the record read last.
    record: u64,
    done: bool,
    /// Records passed over because they are not article pages.
    skipped: usize,
}

/// What one record gave.
// Built once per record and unpacked at once: boxing the document would only
// add an allocation per article.
#[allow(clippy::large_enum_variant)]
enum Step {
    Doc(Document),
    Skip,
    End,
}

impl WarcReader {
    pub(crate) fn new(
        file_id: String,
        reader: Box<dyn BufRead + Send>,
        gzip: bool,
        limit: usize,
    ) -> Self {
        WarcReader {
            file_id,
            reader,
            gzip,
            limit,
            record: 0,
            done: false,
            skipped: 0,
        }
    }

    pub(crate) fn skipped(&self) -> usize {
        self.skipped
    }

    fn record_id(&self) -> String {
        format!("{}:{}", self.file_id, self.record)
    }

    /// The error record that ends the file after damage.
    fn damage(&mut self, err: io::Error) -> Document {
        self.done = true;
        let error = if is_warc_damage(&err) {
            DocError::new(kind::WARC, err.to_string())
        } else {
            read_error(&err, self.gzip)
        };
        let message = format!(
            "record {}: {}; rest of the file skipped",
            self.record, error.message
        );
        error_doc(self.record_id(), &error.kind, message)
    }

    fn step(&mut self) -> io::Result<Step> {
        // The version line, after the blank lines that end the last record.
        let mut line = Vec::new();
        loop {
            if !read_line(self.reader.as_mut(), &mut line)? {
                return Ok(Step::End);
            }
            if !line.is_empty() {
                break;
            }
        }
        self.record += 1;
        if !line.starts_with(b"WARC/") {
            return Err(invalid(format!(
                "expected a WARC version line, found {:?}",
                String::from_utf8_lossy(&line[..line.len().min(40)])
            )));
        }
        let headers = read_headers(self.reader.as_mut())?;
        let length: u64 = headers
            .get("Content-Length")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| invalid("WARC record without a valid Content-Length"))?;
        let is_response = headers
            .get("WARC-Type")
            .is_some_and(|t| t.eq_ignore_ascii_case("response"));
        let is_http = headers
            .get("Content-Type")
            .is_some_and(|t| media_type(t) == "application/http");
        if !is_response || !is_http {
            // warcinfo, request, metadata, revisit, resource: not articles.
            skip(self.reader.as_mut(), length)?;
            self.skipped += 1;
            return Ok(Step::Skip);
        }
        let fallback_id = self.record_id();
        let mut block = (&mut *self.reader).take(length);
        let step = response(&headers, &mut block, fallback_id, self.limit);
        // Whatever the response gave, the reader goes on after its block; a
        // block that ends early is a truncated file.
        let rest = block.limit();
        let step = step?;
        skip(self.reader.as_mut(), rest)?;
        if matches!(step, Step::Skip) {
            self.skipped += 1;
        }
        Ok(step)
    }
}

/// One `response` record: its HTTP head is read from `block`, then the
/// payload when the response is an HTML page.
fn response(
    warc: &Headers,
    block: &mut dyn BufRead,
    fallback_id: String,
    limit: usize,
) -> io::Result<Step> {
    let uri = warc.get("WARC-Target-URI").map(unbracket);
    let record_id = warc.get("WARC-Record-ID").map(unbracket);
    let id = uri
        .filter(|u| !u.is_empty())
        .or(record_id.filter(|r| !r.is_empty()))
        .map(str::to_string)
        .unwrap_or(fallback_id);
    let head = match read_http_head(block) {
        Ok(head) => head,
        // A broken HTTP head spoils this record only; the WARC framing
        // (Content-Length) still says where the next one starts.
        Err(err) if err.kind() == io::ErrorKind::InvalidData && is_warc_damage(&err) => {
            return Ok(Step::Doc(error_doc(id, kind::WARC, err.to_string())))
        }
        Err(err) => return Err(err),
    };
    if !(200..300).contains(&head.status) {
        // Redirects, "not found" pages and errors are not articles.
        return Ok(Step::Skip);
    }
    let content_type = head.headers.get("Content-Type");
    let declared_html = content_type.map(|ct| {
        matches!(
            media_type(ct).as_str(),
            "text/html" | "application/xhtml+xml"
        )
    });
    // Servers label pages they know nothing about as octet-stream: sniff those.
    let untyped = content_type.is_some_and(|ct| media_type(ct) == "application/octet-stream");
    if declared_html == Some(false) && !untyped {
        return Ok(Step::Skip);
    }
    let mut payload = Vec::new();
    match read_to_end_limited(&mut *block, &mut payload, limit) {
        Ok(()) => {}
        Err(ReadFailure::TooLarge) => {
            let message = format!("page is over the limit of {limit} bytes");
            return Ok(Step::Doc(error_doc(id, kind::TOO_LARGE, message)));
        }
        Err(ReadFailure::Io(err)) => return Err(err),
    }
    let mut doc = match page(payload, &head.headers, declared_html == Some(true), limit) {
        Some(Ok(text)) => Document::from_html(id, text),
        Some(Err(error)) => Document {
            id,
            error: Some(error),
            ..Document::default()
        },
        None => {
            return Ok(Step::Skip);
        }
    };
    doc.meta.url = uri.filter(|u| !u.is_empty()).map(str::to_string);
    if let Some(date) = warc.get("WARC-Date").filter(|d| !d.is_empty()) {
        doc.input
            .insert("warc_date".into(), Value::String(date.to_string()));
    }
    if let Some(record_id) = record_id.filter(|r| !r.is_empty()) {
        doc.input.insert(
            "warc_record_id".into(),
            Value::String(record_id.to_string()),
        );
    }
    Ok(Step::Doc(doc))
}

/// The page text, an error, or `None` when the payload is not HTML.
fn page(
    payload: Vec<u8>,
    http: &Headers,
    declared_html: bool,
    limit: usize,
) -> Option<Result<String, DocError>> {
    let chunked = http
        .get("Transfer-Encoding")
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    let payload = if chunked {
        dechunk(&payload).unwrap_or(payload)
    } else {
        payload
    };
    let payload = match decompress(payload, http.get("Content-Encoding").unwrap_or(""), limit) {
        Ok(payload) => payload,
        // Only a page declared HTML is worth an error record.
        Err(error) => return declared_html.then_some(Err(error)),
    };
    if !declared_html && !sniff_html(&payload) {
        return None;
    }
    let content_type = http.get("Content-Type").unwrap_or("");
    Some(
        decode_page(&payload, charset_param(content_type)).and_then(|text| {
            if let Some(reason) = binary_reason(text.as_bytes()) {
                return Err(DocError::new(kind::BINARY, reason));
            }
            if text.trim().is_empty() {
                return Err(DocError::new(kind::EMPTY, "no non-whitespace content"));
            }
            Ok(text)
        }),
    )
}

impl Iterator for WarcReader {
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        while !self.done {
            match self.step() {
                Ok(Step::Doc(doc)) => return Some(doc),
                Ok(Step::Skip) => continue,
                Ok(Step::End) => self.done = true,
                Err(err) => return Some(self.damage(err)),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_parameters_and_meta_tags() {
        assert_eq!(
            charset_param("text/html; charset=\"ISO-8859-1\""),
            Some("ISO-8859-1")
        );
        assert_eq!(charset_param("text/html"), None);
        assert_eq!(
            meta_charset(b"<html><head><meta charset='windows-1252'>").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">"
            )
            .as_deref(),
            Some("koi8-r")
        );
        // The word in running text is not a declaration.
        assert_eq!(meta_charset(b"<p>charset=latin1</p>"), None);
    }

    #[test]
    fn legacy_pages_are_decoded_and_mislabelled_utf8_is_kept() {
        assert_eq!(decode_page(b"caf\xe9", Some("iso-8859-1")).unwrap(), "café");
        assert_eq!(
            decode_page("café".as_bytes(), Some("iso-8859-1")).unwrap(),
            "café"
        );
        assert_eq!(
            decode_page(b"<meta charset=windows-1252>\x93Hi\x94", None).unwrap(),
            "<meta charset=windows-1252>\u{201c}Hi\u{201d}"
        );
        let err = decode_page(b"caf\xe9", None).unwrap_err();
        assert_eq!(err.kind, "invalid-utf8");
    }

    #[test]
    fn chunks_are_joined_and_unchunked_payloads_left_alone() {
        assert_eq!(
            dechunk(b"5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n").unwrap(),
            b"Hello, world"
        );
        assert_eq!(dechunk(b"<html>not chunked"), None);
    }

    #[test]
    fn html_is_sniffed_without_a_content_type() {
        assert!(sniff_html(b"\n <!DOCTYPE html><html>"));
        assert!(sniff_html(b"<?xml version='1.0'?><html xmlns='x'>"));
        assert!(!sniff_html(b"%PDF-1.7"));
    }
}
