//! Whatever the bytes, reading gives records, never a panic, and every
//! record is either an article or says why it is not one.

use flate2::write::GzEncoder;
use flate2::Compression;
use newsmill_io::{Inputs, ReadOptions};
use proptest::prelude::*;
use std::io::Write;

fn read(bytes: Vec<u8>, max_article_bytes: usize) -> Vec<newsmill_doc::Document> {
    Inputs::from_reader(
        "-",
        std::io::Cursor::new(bytes),
        ReadOptions { max_article_bytes },
    )
    .collect()
}

fn check(docs: &[newsmill_doc::Document]) {
    for doc in docs {
        assert!(!doc.id.is_empty());
        match &doc.error {
            Some(error) => assert!(!error.kind.is_empty() && !error.message.is_empty()),
            None => assert!(!doc.text.trim().is_empty()),
        }
    }
}

/// Bytes that look enough like JSON Lines to reach the record parser.
fn jsonl_like() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"{\"text\":\"".to_vec()),
        Just(b"\"}\n".to_vec()),
        Just(b"{\"id\":1,\"html\":\"<p>x</p>\"}\n".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just("é\u{2028}".as_bytes().to_vec()),
        Just(b"\xff\x00".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..8),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| {
        let mut bytes = b"{".to_vec();
        bytes.extend(pieces.concat());
        bytes
    })
}

/// Bytes that look enough like a WARC file to reach the record parser.
fn warc_like() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"WARC/1.0\r\n".to_vec()),
        Just(b"WARC-Type: response\r\n".to_vec()),
        Just(b"WARC-Type: warcinfo\r\n".to_vec()),
        Just(b"WARC-Target-URI: https://a.example/x\r\n".to_vec()),
        Just(b"Content-Type: application/http; msgtype=response\r\n".to_vec()),
        Just(b"Content-Length: 40\r\n".to_vec()),
        Just(b"Content-Length: 99999999999999999999\r\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=latin1\r\n".to_vec()),
        Just(b"Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n".to_vec()),
        Just(b"<html><p>caf\xe9</p></html>".to_vec()),
        Just(b"5\r\nhello\r\n0\r\n".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..8),
    ];
    proptest::collection::vec(piece, 0..32).prop_map(|pieces| {
        let mut bytes = b"WARC/1.0\r\n".to_vec();
        bytes.extend(pieces.concat());
        bytes
    })
}

proptest! {
    #[test]
    fn warc_like_streams_never_panic(bytes in warc_like(), limit in 1usize..200) {
        let docs = read(bytes, limit);
        check(&docs);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512), limit in 0usize..600) {
        let docs = read(bytes, limit);
        check(&docs);
    }

    #[test]
    fn jsonl_like_streams_never_panic(bytes in jsonl_like(), limit in 1usize..200) {
        let docs = read(bytes.clone(), limit);
        check(&docs);
        // Gzipped, then cut anywhere: records before the cut, then at most one gzip record.
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(&bytes).unwrap();
        let mut compressed = encoder.finish().unwrap();
        let cut = compressed.len() * 2 / 3;
        compressed.truncate(cut.max(2));
        let docs = read(compressed, limit);
        check(&docs);
        let gzip_errors = docs
            .iter()
            .filter(|d| d.error.as_ref().is_some_and(|e| e.kind == "gzip"))
            .count();
        prop_assert!(gzip_errors <= 1);
    }
}
