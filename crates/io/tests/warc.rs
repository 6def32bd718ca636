//! WARC input: small crawls written byte by byte here, plain and gzipped
//! one member per record as CC-NEWS ships them.

use flate2::write::GzEncoder;
use flate2::Compression;
use newsmill_doc::{Document, Format};
use newsmill_io::{open, InputSource, Inputs, ReadOptions};
use std::io::Write;
use std::path::PathBuf;

/// One WARC record: version line, headers, block, the two CRLFs after it.
fn record(warc_type: &str, headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = b"WARC/1.0\r\n".to_vec();
    out.extend(format!("WARC-Type: {warc_type}\r\n").bytes());
    for (name, value) in headers {
        out.extend(format!("{name}: {value}\r\n").bytes());
    }
    out.extend(format!("Content-Length: {}\r\n\r\n", block.len()).bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTTP response: status line, headers, blank line, payload.
fn http(status: &str, headers: &[(&str, &str)], payload: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n").into_bytes();
    for (name, value) in headers {
        out.extend(format!("{name}: {value}\r\n").bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(payload);
    out
}

/// A response record for `uri` fetched at `date`.
fn response(uri: &str, date: &str, n: u32, block: &[u8]) -> Vec<u8> {
    let id = format!("<urn:uuid:00000000-0000-0000-0000-{n:012}>");
    record(
        "response",
        &[
            ("WARC-Target-URI", uri),
            ("WARC-Date", date),
            ("WARC-Record-ID", &id),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        block,
    )
}

fn page(title: &str, body: &str) -> Vec<u8> {
    format!("<!DOCTYPE html><html><head><title>{title}</title></head><body><article><p>{body}</p></article></body></html>").into_bytes()
}

fn html_response(uri: &str, n: u32, title: &str, body: &str) -> Vec<u8> {
    let payload = page(title, body);
    response(
        uri,
        "2026-03-04T05:06:07Z",
        n,
        &http(
            "200 OK",
            &[("Content-Type", "text/html; charset=utf-8")],
            &payload,
        ),
    )
}

/// A small crawl: a warcinfo record, a request, two pages, a PDF, a
/// redirect, a metadata record.
fn crawl() -> Vec<Vec<u8>> {
    vec![
        record(
            "warcinfo",
            &[("Content-Type", "application/warc-fields")],
            b"software: hand-written\r\nformat: WARC File Format 1.0\r\n",
        ),
        record(
            "request",
            &[
                ("WARC-Target-URI", "https://news.example.org/harbour"),
                ("Content-Type", "application/http; msgtype=request"),
            ],
            b"GET /harbour HTTP/1.1\r\nHost: news.example.org\r\n\r\n",
        ),
        html_response(
            "https://news.example.org/harbour",
            1,
            "Harbour reopens",
            "The harbour reopened on Monday after repairs.",
        ),
        response(
            "https://news.example.org/report.pdf",
            "2026-03-04T05:06:08Z",
            2,
            &http(
                "200 OK",
                &[("Content-Type", "application/pdf")],
                b"%PDF-1.7 ...",
            ),
        ),
        response(
            "https://news.example.org/old",
            "2026-03-04T05:06:09Z",
            3,
            &http(
                "301 Moved Permanently",
                &[
                    ("Location", "https://news.example.org/new"),
                    ("Content-Type", "text/html"),
                ],
                b"<html><body>Moved</body></html>",
            ),
        ),
        html_response(
            "https://news.example.org/council",
            4,
            "Council votes",
            "The council voted to extend the tram line.",
        ),
        record(
            "metadata",
            &[
                ("WARC-Target-URI", "https://news.example.org/council"),
                ("Content-Type", "application/warc-fields"),
            ],
            b"fetchTimeMs: 120\r\n",
        ),
    ]
}

fn read_bytes(bytes: Vec<u8>, limit: usize) -> (Vec<Document>, usize) {
    let mut inputs = Inputs::from_reader(
        "crawl.warc",
        std::io::Cursor::new(bytes),
        ReadOptions {
            max_article_bytes: limit,
        },
    );
    let docs: Vec<Document> = inputs.by_ref().collect();
    (docs, inputs.skipped_records())
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn error_kind(doc: &Document) -> Option<&str> {
    doc.error.as_ref().map(|e| e.kind.as_str())
}

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("newsmill-warc-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn read(&self, name: &str, bytes: &[u8]) -> Vec<Document> {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        open(&[InputSource::Path(path)], ReadOptions::default())
            .unwrap()
            .collect()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn check_crawl(docs: &[Document]) {
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "https://news.example.org/harbour",
            "https://news.example.org/council"
        ]
    );
    for doc in docs {
        assert!(doc.error.is_none(), "{:?}", doc.error);
        assert_eq!(doc.format, Format::Html);
        assert_eq!(doc.meta.url.as_deref(), Some(doc.id.as_str()));
        assert_eq!(doc.meta.published, None);
        assert_eq!(doc.input["warc_date"], "2026-03-04T05:06:07Z");
        assert!(
            doc.text.starts_with("<!DOCTYPE html>"),
            "HTTP head stripped"
        );
    }
    assert!(docs[0].text.contains("The harbour reopened on Monday"));
    assert_eq!(
        docs[1].input["warc_record_id"],
        "urn:uuid:00000000-0000-0000-0000-000000000004"
    );
}

#[test]
fn a_plain_warc_gives_one_document_per_html_response() {
    let scratch = Scratch::new("plain");
    let docs = scratch.read("crawl.warc", &crawl().concat());
    check_crawl(&docs);
    let (docs, skipped) = read_bytes(crawl().concat(), 1 << 20);
    check_crawl(&docs);
    // warcinfo, request, PDF, redirect, metadata.
    assert_eq!(skipped, 5);
}

#[test]
fn a_warc_gz_with_one_member_per_record_reads_the_same() {
    let members: Vec<u8> = crawl().iter().flat_map(|r| gzip(r)).collect();
    let scratch = Scratch::new("members");
    let docs = scratch.read("CC-NEWS-20260304.warc.gz", &members);
    check_crawl(&docs);
    // Sniffed from stdin too, and one gzip member for the whole file works.
    let (docs, _) = read_bytes(members, 1 << 20);
    check_crawl(&docs);
    let docs = scratch.read("whole.WARC.GZ", &gzip(&crawl().concat()));
    check_crawl(&docs);
}

#[test]
fn a_truncated_warc_gz_keeps_the_pages_before_the_damage() {
    let records = crawl();
    let mut bytes: Vec<u8> = records[..6].iter().flat_map(|r| gzip(r)).collect();
    let last = gzip(&records[6]);
    bytes.extend_from_slice(&last[..last.len() / 2]);
    let scratch = Scratch::new("truncated");
    let docs = scratch.read("cut.warc.gz", &bytes);
    assert_eq!(docs.len(), 3);
    check_crawl(&docs[..2]);
    assert_eq!(error_kind(&docs[2]), Some("gzip"));
    assert!(docs[2].id.ends_with("cut.warc:7"), "{}", docs[2].id);

    // Cut inside the second page of a plain file: the framing is damaged.
    let plain = records.concat();
    let cut = plain.len() - records[6].len() - 20;
    let (docs, _) = read_bytes(plain[..cut].to_vec(), 1 << 20);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].id, "https://news.example.org/harbour");
    assert_eq!(error_kind(&docs[1]), Some("warc"));
    assert!(docs[1].error.as_ref().unwrap().message.contains("record 6"));
}

#[test]
fn cut_anywhere_never_panics_and_damage_gives_one_record() {
    let bytes = crawl().concat();
    for cut in 0..bytes.len() {
        let (docs, _) = read_bytes(bytes[..cut].to_vec(), 1 << 20);
        let errors = docs.iter().filter(|d| d.error.is_some()).count();
        assert!(errors <= 1, "cut at {cut}: {errors} errors");
        for doc in &docs {
            assert!(!doc.id.is_empty());
        }
    }
}

#[test]
fn garbage_between_records_ends_the_file_with_a_warc_record() {
    let records = crawl();
    let mut bytes = records[..3].concat();
    bytes.extend_from_slice(b"this is not a WARC record\r\n\r\n");
    bytes.extend(records[3..].concat());
    let (docs, _) = read_bytes(bytes, 1 << 20);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].id, "https://news.example.org/harbour");
    assert_eq!(error_kind(&docs[1]), Some("warc"));
    assert_eq!(docs[1].id, "crawl.warc:4");
}

#[test]
fn chunked_and_gzipped_payloads_are_decoded() {
    let html = page("Tram line", "The tram line opens in May.");
    let compressed = gzip(&html);
    let mut chunked = Vec::new();
    for piece in compressed.chunks(7) {
        chunked.extend(format!("{:x}\r\n", piece.len()).bytes());
        chunked.extend_from_slice(piece);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let block = http(
        "200 OK",
        &[
            ("Content-Type", "text/html"),
            ("Transfer-Encoding", "chunked"),
            ("Content-Encoding", "gzip"),
        ],
        &chunked,
    );
    let bytes = response(
        "https://news.example.org/tram",
        "2026-01-01T00:00:00Z",
        9,
        &block,
    );
    let (docs, _) = read_bytes(bytes, 1 << 20);
    assert_eq!(docs.len(), 1);
    assert!(docs[0].error.is_none(), "{:?}", docs[0].error);
    assert_eq!(docs[0].text.as_bytes(), &html[..]);
}

#[test]
fn legacy_charsets_are_decoded_and_undeclared_bad_bytes_are_invalid_utf8() {
    let latin1 = b"<html><body><p>Caf\xe9 owners in Z\xfcrich said \x93no\x94.</p></body></html>";
    let declared = http(
        "200 OK",
        &[("Content-Type", "text/html; charset=windows-1252")],
        latin1,
    );
    let in_meta = {
        let mut page = b"<html><head><meta charset=\"ISO-8859-1\"></head>".to_vec();
        page.extend_from_slice(b"<body><p>Caf\xe9</p></body></html>");
        http("200 OK", &[("Content-Type", "text/html")], &page)
    };
    let undeclared = http("200 OK", &[("Content-Type", "text/html")], latin1);
    let bytes = [
        response("https://a.example/1", "2026-01-01T00:00:00Z", 1, &declared),
        response("https://a.example/2", "2026-01-01T00:00:00Z", 2, &in_meta),
        response(
            "https://a.example/3",
            "2026-01-01T00:00:00Z",
            3,
            &undeclared,
        ),
    ]
    .concat();
    let (docs, _) = read_bytes(bytes, 1 << 20);
    assert_eq!(docs.len(), 3);
    assert!(docs[0]
        .text
        .contains("Café owners in Zürich said \u{201c}no\u{201d}."));
    assert!(docs[1].text.contains("<p>Café</p>"));
    assert_eq!(error_kind(&docs[2]), Some("invalid-utf8"));
    assert_eq!(docs[2].id, "https://a.example/3");
}

#[test]
fn ids_fall_back_to_the_record_id_and_html_is_sniffed() {
    let block = http(
        "200 OK",
        &[],
        &page("Untyped", "A page served without a type."),
    );
    let bytes = record(
        "response",
        &[
            (
                "WARC-Record-ID",
                "<urn:uuid:11111111-2222-3333-4444-555555555555>",
            ),
            ("Content-Type", "application/http;msgtype=response"),
        ],
        &block,
    );
    let (docs, _) = read_bytes(bytes, 1 << 20);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, "urn:uuid:11111111-2222-3333-4444-555555555555");
    assert_eq!(docs[0].meta.url, None);
    assert_eq!(docs[0].format, Format::Html);
}

#[test]
fn a_page_over_the_limit_is_too_large_and_reading_goes_on() {
    let big = "word ".repeat(400);
    let bytes = [
        html_response("https://a.example/big", 1, "Big", &big),
        html_response("https://a.example/small", 2, "Small", "Short."),
    ]
    .concat();
    let (docs, _) = read_bytes(bytes, 1000);
    assert_eq!(docs.len(), 2);
    assert_eq!(error_kind(&docs[0]), Some("too-large"));
    assert_eq!(docs[0].id, "https://a.example/big");
    assert!(docs[1].error.is_none());
}

#[test]
fn an_unreadable_http_head_spoils_only_its_record() {
    let bytes = [
        response(
            "https://a.example/bad",
            "2026-01-01T00:00:00Z",
            1,
            b"no status line here\r\n\r\n<html></html>",
        ),
        html_response("https://a.example/good", 2, "Good", "Fine."),
    ]
    .concat();
    let (docs, _) = read_bytes(bytes, 1 << 20);
    assert_eq!(docs.len(), 2);
    assert_eq!(error_kind(&docs[0]), Some("warc"));
    assert!(docs[1].error.is_none());
}
