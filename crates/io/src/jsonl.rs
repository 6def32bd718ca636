//! JSON Lines: one article per line, streamed without holding more than one
//! line (of at most `max_article_bytes`) in memory.

use crate::decode::{check_body, error_doc, read_error, strip_bom};
use crate::kind;
use newsmill_doc::{DocError, Document, Format, Meta};
use serde_json::{Map, Value};
use std::io::{self, BufRead};

/// A line buffer that grew past this is given back after use, so one huge
/// record does not pin its memory for the rest of the file.
const KEEP_BUFFER_BYTES: usize = 1 << 20;

/// How reading one line ended.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    /// Nothing left to read.
    End,
    /// The line (without its `\n`) is in the buffer.
    Read,
    /// The line was longer than the limit; it was skipped, not buffered.
    TooLong { bytes: u64 },
}

/// Read one line into `buf` (cleared first), holding at most `limit` bytes.
/// A longer line is consumed up to and including its newline but not kept.
fn read_line_bounded(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Line> {
    buf.clear();
    let mut seen: u64 = 0;
    let mut too_long = false;
    let mut started = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if available.is_empty() {
            break;
        }
        started = true;
        let newline = memchr::memchr(b'\n', available);
        let chunk = &available[..newline.unwrap_or(available.len())];
        seen += chunk.len() as u64;
        if !too_long {
            if buf.len() + chunk.len() > limit {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        let used = chunk.len() + usize::from(newline.is_some());
        reader.consume(used);
        if newline.is_some() {
            break;
        }
    }
    Ok(match (started, too_long) {
        (false, _) => Line::End,
        (true, false) => Line::Read,
        (true, true) => Line::TooLong { bytes: seen },
    })
}

/// The articles of one JSON Lines stream, in line order.
pub(crate) struct JsonlReader {
    /// Names the stream in fallback ids (`<file-id>:<line>`).
    file_id: String,
    reader: Box<dyn BufRead + Send>,
    /// Whether the bytes come out of a gzip decoder, which decides how read
    /// errors are reported.
    gzip: bool,
    limit: usize,
    /// 1-based number of the line read last.
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlReader {
    pub(crate) fn new(
        file_id: String,
        reader: Box<dyn BufRead + Send>,
        gzip: bool,
        limit: usize,
    ) -> Self {
        JsonlReader {
            file_id,
            reader,
            gzip,
            limit,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn line_id(&self) -> String {
        format!("{}:{}", self.file_id, self.line)
    }

    fn line_error(&self, kind: &str, message: impl Into<String>) -> Document {
        error_doc(self.line_id(), kind, message)
    }
}

impl Iterator for JsonlReader {
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        while !self.done {
            self.line += 1;
            if self.buf.capacity() > KEEP_BUFFER_BYTES {
                self.buf = Vec::new();
            }
            let outcome = read_line_bounded(self.reader.as_mut(), &mut self.buf, self.limit);
            match outcome {
                Err(err) => {
                    // Whatever follows a damaged gzip block or a failing
                    // device cannot be trusted: one record for the tail.
                    self.done = true;
                    let error = read_error(&err, self.gzip);
                    let message = format!("line {}: {}", self.line, error.message);
                    return Some(self.line_error(&error.kind, message));
                }
                Ok(Line::End) => self.done = true,
                Ok(Line::TooLong { bytes }) => {
                    let message = format!(
                        "line {} is {bytes} bytes, over the limit of {} bytes",
                        self.line, self.limit
                    );
                    return Some(self.line_error(kind::TOO_LARGE, message));
                }
                Ok(Line::Read) => {
                    let mut line = self.buf.as_slice();
                    if self.line == 1 {
                        line = strip_bom(line);
                    }
                    let line = line.strip_suffix(b"\r").unwrap_or(line);
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    if let Some(at) = memchr::memchr(0, line) {
                        // JSON text never holds a raw NUL: this is not a JSON
                        // Lines file, and splitting it at 0x0A would give
                        // one error per chunk. One record for the rest.
                        self.done = true;
                        let message = format!(
                            "NUL byte at byte {at} of line {}: binary data, rest of the file skipped",
                            self.line
                        );
                        return Some(self.line_error(kind::BINARY, message));
                    }
                    let text = match std::str::from_utf8(line) {
                        Ok(text) => text,
                        Err(err) => {
                            let message = format!(
                                "invalid UTF-8 at byte {} of line {}",
                                err.valid_up_to(),
                                self.line
                            );
                            return Some(self.line_error(kind::INVALID_UTF8, message));
                        }
                    };
                    let line_no = self.line;
                    return Some(parse_record(text, line_no, || self.line_id()));
                }
            }
        }
        None
    }
}

/// The JSON type of a value, for messages.
fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Remove `key` when it holds a non-blank string and return it; `null` and
/// blank strings are removed as absent; other types stay in the map so they
/// reach `input` untouched.
fn take_string(map: &mut Map<String, Value>, key: &str) -> Option<String> {
    match map.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => match map.remove(key) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        },
        Some(Value::String(_)) | Some(Value::Null) => {
            map.remove(key);
            None
        }
        _ => None,
    }
}

/// Remove `key` when it holds a string or an array of strings.
fn take_authors(map: &mut Map<String, Value>, key: &str) -> Vec<String> {
    let usable = match map.get(key) {
        Some(Value::String(_)) | Some(Value::Null) => true,
        Some(Value::Array(items)) => items.iter().all(Value::is_string),
        _ => false,
    };
    if !usable {
        return Vec::new();
    }
    let names = match map.remove(key) {
        Some(Value::String(s)) => vec![s],
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|item| match item {
                Value::String(s) => Some(s),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    names
        .into_iter()
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .collect()
}

/// Lift the fields newsmill knows into `Meta`; the rest stays in the map.
fn take_meta(map: &mut Map<String, Value>) -> Meta {
    let mut authors = take_authors(map, "authors");
    if authors.is_empty() {
        authors = take_authors(map, "author");
    }
    Meta {
        title: take_string(map, "title"),
        standfirst: take_string(map, "standfirst"),
        authors,
        // Aliases only when the canonical field gave nothing, so a record
        // with both keeps the alias in `input`.
        published: take_string(map, "published")
            .or_else(|| take_string(map, "date"))
            .or_else(|| take_string(map, "published_at")),
        dateline: None,
        url: take_string(map, "url"),
        source: take_string(map, "source"),
        language: take_string(map, "language"),
    }
}

/// The record's id: a non-empty string or a number; anything else falls back
/// to `<file-id>:<line>` and an unusable value is kept in `input`.
fn take_id(map: &mut Map<String, Value>, fallback: impl FnOnce() -> String) -> String {
    match map.remove("id") {
        Some(Value::String(id)) if !id.is_empty() => id,
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Null) | None => fallback(),
        Some(other) => {
            map.insert("id".to_string(), other);
            fallback()
        }
    }
}

/// A body field: `Ok(None)` when absent or null, an error when not a string.
fn take_body(map: &mut Map<String, Value>, key: &str) -> Result<Option<String>, DocError> {
    match map.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(DocError::new(
            kind::JSON,
            format!(
                "field \"{key}\" is {}, expected a string",
                type_name(&other)
            ),
        )),
    }
}

/// serde_json's message without its " at line 1 column N" tail, which would
/// read as a line number of the file.
fn json_error_message(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let tail = format!(" at line {} column {}", err.line(), err.column());
    match full.strip_suffix(&tail) {
        Some(head) => format!("{head} at column {}", err.column()),
        None => full,
    }
}

/// One JSON Lines record as a document. `html` wins over `text` when both are
/// strings (the page still holds the metadata clean can lift); the unused
/// `text` then stays in `input`.
pub(crate) fn parse_record(
    line: &str,
    line_no: u64,
    fallback_id: impl FnOnce() -> String,
) -> Document {
    let mut map = match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(map)) => map,
        Ok(other) => {
            let message = format!("line {line_no} is {}, not a JSON object", type_name(&other));
            return error_doc(fallback_id(), kind::JSON, message);
        }
        Err(err) => {
            let message = format!(
                "line {line_no} is not valid JSON: {}",
                json_error_message(&err)
            );
            return error_doc(fallback_id(), kind::JSON, message);
        }
    };
    let id = take_id(&mut map, fallback_id);
    let meta = take_meta(&mut map);
    let body = take_body(&mut map, "html").and_then(|html| match html {
        Some(html) => match map.get("text") {
            Some(text) if !(text.is_string() || text.is_null()) => Err(DocError::new(
                kind::JSON,
                format!("field \"text\" is {}, expected a string", type_name(text)),
            )),
            _ => Ok(Some((html, Format::Html))),
        },
        None => Ok(take_body(&mut map, "text")?.map(|text| (text, Format::Text))),
    });
    let outcome = match body {
        Ok(Some((text, format))) => check_body(&text).map(|()| (text, format)).map_err(|error| {
            let field = if format == Format::Html {
                "html"
            } else {
                "text"
            };
            DocError::new(error.kind, format!("field \"{field}\": {}", error.message))
        }),
        Ok(None) => Err(DocError::new(
            kind::MISSING_BODY,
            format!("line {line_no} has neither a \"text\" nor an \"html\" string"),
        )),
        Err(error) => Err(error),
    };
    let mut doc = match outcome {
        Ok((text, Format::Html)) => Document::from_html(id, text),
        Ok((text, Format::Text)) => Document::from_text(id, text),
        Err(error) => Document {
            id,
            error: Some(error),
            ..Document::default()
        },
    };
    doc.meta = meta;
    doc.input = map;
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(input: &[u8], limit: usize) -> Vec<Result<String, u64>> {
        let mut reader: &[u8] = input;
        let mut buf = Vec::new();
        let mut out = Vec::new();
        loop {
            match read_line_bounded(&mut reader, &mut buf, limit).unwrap() {
                Line::End => return out,
                Line::Read => out.push(Ok(String::from_utf8(buf.clone()).unwrap())),
                Line::TooLong { bytes } => out.push(Err(bytes)),
            }
        }
    }

    #[test]
    fn bounded_lines_skip_what_is_too_long() {
        let lines = lines_of(b"short\nthis one is long\n\nlast", 8);
        assert_eq!(
            lines,
            [
                Ok("short".into()),
                Err(16),
                Ok("".into()),
                Ok("last".into())
            ]
        );
        // A long line split over many small buffer fills is still one line.
        let long = [b'x'; 100];
        let mut reader = io::BufReader::with_capacity(7, &long[..]);
        let mut buf = Vec::new();
        assert_eq!(
            read_line_bounded(&mut reader, &mut buf, 99).unwrap(),
            Line::TooLong { bytes: 100 }
        );
        assert!(buf.is_empty());
        assert_eq!(
            read_line_bounded(&mut reader, &mut buf, 99).unwrap(),
            Line::End
        );
    }

    fn record(line: &str) -> Document {
        parse_record(line, 4, || "feed.jsonl:4".to_string())
    }

    #[test]
    fn known_fields_go_to_meta_and_the_rest_to_input() {
        let doc = record(
            r#"{"id":"x1","text":"Body.","title":"T","url":"https://example.org/a",
               "date":"2024-03-01","author":"Ann Lee","tags":["a"],"score":0.5}"#,
        );
        assert_eq!(doc.id, "x1");
        assert_eq!(doc.text, "Body.");
        assert_eq!(doc.meta.title.as_deref(), Some("T"));
        assert_eq!(doc.meta.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(doc.meta.published.as_deref(), Some("2024-03-01"));
        assert_eq!(doc.meta.authors, ["Ann Lee"]);
        assert_eq!(doc.input.len(), 2);
        assert_eq!(doc.input["tags"], serde_json::json!(["a"]));
    }

    #[test]
    fn published_beats_its_aliases_which_then_stay_in_input() {
        let doc = record(r#"{"text":"B","published":"2024-01-02","date":"yesterday"}"#);
        assert_eq!(doc.meta.published.as_deref(), Some("2024-01-02"));
        assert_eq!(doc.input["date"], "yesterday");
        let doc = record(r#"{"text":"B","published_at":"2024-01-03T10:00:00Z"}"#);
        assert_eq!(doc.meta.published.as_deref(), Some("2024-01-03T10:00:00Z"));
    }

    #[test]
    fn meta_of_an_unexpected_type_stays_in_input() {
        let doc = record(r#"{"text":"B","title":{"main":"T"},"authors":["A",3],"url":null}"#);
        assert_eq!(doc.meta.title, None);
        assert!(doc.input["title"].is_object());
        assert!(doc.meta.authors.is_empty());
        assert!(doc.input.contains_key("authors"));
        assert!(!doc.input.contains_key("url"));
    }

    #[test]
    fn ids_from_strings_numbers_or_the_line() {
        assert_eq!(record(r#"{"id":12,"text":"B"}"#).id, "12");
        assert_eq!(record(r#"{"id":"","text":"B"}"#).id, "feed.jsonl:4");
        assert_eq!(record(r#"{"text":"B"}"#).id, "feed.jsonl:4");
        let doc = record(r#"{"id":[1],"text":"B"}"#);
        assert_eq!(doc.id, "feed.jsonl:4");
        assert_eq!(doc.input["id"], serde_json::json!([1]));
    }

    #[test]
    fn html_wins_and_text_is_kept() {
        let doc = record(r#"{"text":"plain","html":"<p>rich</p>"}"#);
        assert_eq!(doc.format, Format::Html);
        assert_eq!(doc.text, "<p>rich</p>");
        assert_eq!(doc.input["text"], "plain");
        // A null html is absent, so text is the body.
        let doc = record(r#"{"text":"plain","html":null}"#);
        assert_eq!(doc.format, Format::Text);
        assert_eq!(doc.text, "plain");
    }

    fn error_of(doc: &Document) -> (&str, &str) {
        let error = doc.error.as_ref().expect("an error record");
        (error.kind.as_str(), error.message.as_str())
    }

    #[test]
    fn bodies_that_are_not_strings_or_missing() {
        let doc = record(r#"{"id":"n","text":42}"#);
        assert_eq!(doc.id, "n");
        assert_eq!(
            error_of(&doc),
            ("json", "field \"text\" is a number, expected a string")
        );
        let doc = record(r#"{"html":"<p>x</p>","text":["a"]}"#);
        assert_eq!(error_of(&doc).0, "json");
        let doc = record(r#"{"id":"m","title":"Only a title"}"#);
        assert_eq!(error_of(&doc).0, "missing-body");
        // The record's other fields are kept for whoever debugs it.
        assert_eq!(doc.meta.title.as_deref(), Some("Only a title"));
        let doc = record(r#"{"text":" \n "}"#);
        assert_eq!(error_of(&doc).0, "empty");
        let doc = record(r#"{"text":"a\u0000b"}"#);
        assert_eq!(error_of(&doc).0, "binary");
    }

    #[test]
    fn lines_that_are_not_objects() {
        for line in ["[1, 2]", "\"text\"", "3", "null"] {
            let doc = record(line);
            assert_eq!(doc.id, "feed.jsonl:4");
            let (kind, message) = error_of(&doc);
            assert_eq!(kind, "json");
            assert!(message.contains("not a JSON object"), "{message}");
        }
        let doc = record(r#"{"text": "unterminated"#);
        let (kind, message) = error_of(&doc);
        assert_eq!(kind, "json");
        assert!(message.starts_with("line 4 is not valid JSON"), "{message}");
        assert!(!message.contains("line 1"), "{message}");
    }
}
