//! Reading real files: directory walks, every format, every error record.

use flate2::write::GzEncoder;
use flate2::Compression;
use newsmill_doc::{Document, Format};
use newsmill_io::{open, InputSource, Inputs, IoError, ReadOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A scratch directory under the system temp dir, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let unique = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "newsmill-io-{name}-{}-{unique}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn read_all(&self, options: ReadOptions) -> Vec<Document> {
        open(&[InputSource::Path(self.0.clone())], options)
            .unwrap()
            .collect()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn ids(docs: &[Document]) -> Vec<&str> {
    docs.iter().map(|d| d.id.as_str()).collect()
}

fn error_kind(doc: &Document) -> Option<&str> {
    doc.error.as_ref().map(|e| e.kind.as_str())
}

fn error_message(doc: &Document) -> &str {
    doc.error.as_ref().map(|e| e.message.as_str()).unwrap_or("")
}

fn limit(bytes: usize) -> ReadOptions {
    ReadOptions {
        max_article_bytes: bytes,
    }
}

#[test]
fn directory_walk_is_sorted_by_path_and_ids_are_relative() {
    let dir = Scratch::new("walk");
    dir.write("b.txt", "Second.");
    dir.write("a-c.txt", "Dash.");
    dir.write("a/z.txt", "Nested.");
    dir.write("A.html", "<p>Upper.</p>");
    dir.write("sub/deep/c.htm", "<p>Deep.</p>");
    dir.write(".hidden.txt", "Hidden file.");
    dir.write(".git/x.txt", "Hidden directory.");
    dir.write("notes.md", "Unknown extension.");
    dir.write("image.png", [0x89, b'P', b'N', b'G']);

    let mut inputs = open(
        &[InputSource::Path(dir.path().to_path_buf())],
        ReadOptions::default(),
    )
    .unwrap();
    let docs: Vec<Document> = inputs.by_ref().collect();
    // Paths compare component by component: "a/z.txt" sorts before "a-c.txt".
    assert_eq!(
        ids(&docs),
        ["A.html", "a/z.txt", "a-c.txt", "b.txt", "sub/deep/c.htm"]
    );
    assert_eq!(inputs.skipped_files(), 2);
    assert!(docs.iter().all(|d| d.error.is_none()));

    // The same tree read twice gives the same records in the same order.
    assert_eq!(dir.read_all(ReadOptions::default()), docs);
}

#[test]
fn text_and_html_files() {
    let dir = Scratch::new("formats");
    dir.write("story.txt", "\u{feff}Zoë wrote this.\r\nSecond line.");
    dir.write("page.HTML", "<html><body><p>A page.</p></body></html>");
    let docs = dir.read_all(ReadOptions::default());
    assert_eq!(ids(&docs), ["page.HTML", "story.txt"]);
    assert_eq!(docs[0].format, Format::Html);
    assert_eq!(docs[0].text, "<html><body><p>A page.</p></body></html>");
    assert_eq!(docs[1].format, Format::Text);
    // The byte order mark goes, everything else stays for the clean stage.
    assert_eq!(docs[1].text, "Zoë wrote this.\r\nSecond line.");
}

#[test]
fn a_file_named_directly_keeps_the_path_as_given() {
    let dir = Scratch::new("direct");
    let path = dir.write("in/one.txt", "Alone.");
    let docs: Vec<_> = open(&[InputSource::from(path.as_path())], ReadOptions::default())
        .unwrap()
        .collect();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, path.to_string_lossy());
    assert_eq!(docs[0].text, "Alone.");
}

#[test]
fn a_file_with_another_extension_named_directly_is_sniffed() {
    let dir = Scratch::new("sniff-file");
    let feed = dir.write("export.data", "{\"id\":\"s1\",\"text\":\"From JSON.\"}\n");
    let page = dir.write("page.php", "  <!doctype html><p>Hi</p>");
    let dump = dir.write("dump.gz", gzip(b"Zipped plain text."));
    let sources: Vec<InputSource> = [feed, page.clone(), dump]
        .into_iter()
        .map(InputSource::Path)
        .collect();
    let docs: Vec<_> = open(&sources, ReadOptions::default()).unwrap().collect();
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0].id, "s1");
    assert_eq!(docs[1].format, Format::Html);
    assert_eq!(docs[1].id, page.to_string_lossy());
    assert_eq!(docs[2].id, dir.path().join("dump").to_string_lossy());
    assert_eq!(docs[2].text, "Zipped plain text.");
}

#[test]
fn jsonl_records_with_meta_input_and_missing_ids() {
    let dir = Scratch::new("jsonl");
    dir.write(
        "feed.jsonl",
        concat!(
            "{\"id\":\"r1\",\"text\":\"First story.\",\"title\":\"One\",\"source\":\"Wire\",\"section\":\"world\",\"rank\":3}\n",
            "\n",
            "   \n",
            "{\"text\":\"No id here.\",\"published_at\":\"2024-05-06\"}\r\n",
            "{\"id\":99,\"html\":\"<p>Page</p>\",\"text\":\"Page\"}",
        ),
    );
    let docs = dir.read_all(ReadOptions::default());
    assert_eq!(ids(&docs), ["r1", "feed.jsonl:4", "99"]);
    assert!(docs.iter().all(|d| d.error.is_none()));

    assert_eq!(docs[0].text, "First story.");
    assert_eq!(docs[0].meta.title.as_deref(), Some("One"));
    assert_eq!(docs[0].meta.source.as_deref(), Some("Wire"));
    assert_eq!(docs[0].input.len(), 2);
    assert_eq!(docs[0].input["section"], "world");
    assert_eq!(docs[0].input["rank"], 3);

    assert_eq!(docs[1].text, "No id here.");
    assert_eq!(docs[1].meta.published.as_deref(), Some("2024-05-06"));

    assert_eq!(docs[2].format, Format::Html);
    assert_eq!(docs[2].input["text"], "Page");
}

#[test]
fn gzipped_files_read_like_plain_ones_and_lose_gz_in_the_id() {
    let dir = Scratch::new("gz");
    dir.write("a.txt.gz", gzip("Compressed story.".as_bytes()));
    dir.write("b.html.gz", gzip(b"<p>Compressed page.</p>"));
    dir.write(
        "c.jsonl.gz",
        gzip(b"{\"id\":\"c1\",\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n"),
    );
    // Two gzip members back to back, as `cat x.gz y.gz` makes.
    let mut members = gzip(b"{\"id\":\"d1\",\"text\":\"Member one.\"}\n");
    members.extend(gzip(b"{\"id\":\"d2\",\"text\":\"Member two.\"}\n"));
    dir.write("d.JSONL.GZ", members);

    let docs = dir.read_all(ReadOptions::default());
    assert_eq!(
        ids(&docs),
        ["a.txt", "b.html", "c1", "c.jsonl:2", "d1", "d2"]
    );
    assert!(docs.iter().all(|d| d.error.is_none()), "{docs:?}");
    assert_eq!(docs[0].text, "Compressed story.");
    assert_eq!(docs[1].format, Format::Html);
    assert_eq!(docs[5].text, "Member two.");
}

#[test]
fn invalid_utf8_in_a_file_and_in_a_line() {
    let dir = Scratch::new("utf8");
    dir.write("latin1.txt", b"Caf\xe9 society.");
    dir.write(
        "feed.jsonl",
        b"{\"text\":\"ok\"}\n{\"text\":\"caf\xe9\"}\n{\"text\":\"still read\"}\n",
    );
    let docs = dir.read_all(ReadOptions::default());
    assert_eq!(
        ids(&docs),
        ["feed.jsonl:1", "feed.jsonl:2", "feed.jsonl:3", "latin1.txt"]
    );
    assert_eq!(error_kind(&docs[1]), Some("invalid-utf8"));
    assert_eq!(
        error_message(&docs[1]),
        "invalid UTF-8 at byte 12 of line 2"
    );
    assert_eq!(docs[2].text, "still read");
    assert_eq!(error_kind(&docs[3]), Some("invalid-utf8"));
    assert_eq!(error_message(&docs[3]), "invalid UTF-8 at byte offset 3");
}

#[test]
fn binary_files_and_lines() {
    let dir = Scratch::new("binary");
    dir.write("blob.txt", [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0]);
    dir.write("controls.html", [1u8, 2, 3, 4, 5, 6, b'<', b'p', b'>']);
    dir.write(
        "mixed.jsonl",
        b"{\"text\":\"fine\"}\n\x00\x01\x02\n{\"text\":\"never read\"}\n",
    );
    let docs = dir.read_all(ReadOptions::default());
    assert_eq!(
        ids(&docs),
        [
            "blob.txt",
            "controls.html",
            "mixed.jsonl:1",
            "mixed.jsonl:2"
        ]
    );
    assert_eq!(error_kind(&docs[0]), Some("binary"));
    assert!(error_message(&docs[0]).contains("NUL byte at byte offset 7"));
    assert_eq!(error_kind(&docs[1]), Some("binary"));
    assert!(docs[2].error.is_none());
    // One record for the rest of a file that turned out not to be JSON Lines.
    assert_eq!(error_kind(&docs[3]), Some("binary"));
}

#[test]
fn empty_files_and_empty_feeds() {
    let dir = Scratch::new("empty");
    dir.write("blank.txt", " \n\t\n");
    dir.write("zero.html", "");
    dir.write("nothing.jsonl", "\n\n");
    let docs = dir.read_all(ReadOptions::default());
    // A feed without records has no articles, so no records.
    assert_eq!(ids(&docs), ["blank.txt", "zero.html"]);
    assert!(docs.iter().all(|d| error_kind(d) == Some("empty")));
    assert_eq!(error_message(&docs[0]), "no non-whitespace content");
}

#[test]
fn too_large_files_and_lines() {
    let dir = Scratch::new("large");
    dir.write("big.txt", "x".repeat(64));
    dir.write("big.txt.gz", gzip("y".repeat(64).as_bytes()));
    dir.write("fits.txt", "Short story.");
    let long_line = format!("{{\"text\":\"{}\"}}", "z".repeat(100));
    dir.write(
        "feed.jsonl",
        format!("{{\"text\":\"a\"}}\n{long_line}\n{{\"text\":\"b\"}}\n"),
    );
    let docs = dir.read_all(limit(40));
    assert_eq!(
        ids(&docs),
        [
            "big.txt",
            "big.txt",
            "feed.jsonl:1",
            "feed.jsonl:2",
            "feed.jsonl:3",
            "fits.txt"
        ]
    );
    assert_eq!(error_kind(&docs[0]), Some("too-large"));
    assert_eq!(
        error_message(&docs[0]),
        "file is 64 bytes, over the limit of 40 bytes"
    );
    assert_eq!(error_kind(&docs[1]), Some("too-large"));
    assert_eq!(docs[2].text, "a");
    assert_eq!(error_kind(&docs[3]), Some("too-large"));
    assert_eq!(
        error_message(&docs[3]),
        "line 2 is 111 bytes, over the limit of 40 bytes"
    );
    assert_eq!(docs[4].text, "b");
    assert!(docs[5].error.is_none());
}

/// JSON Lines text long and varied enough that its gzip form has many
/// deflate blocks' worth of data to cut into.
fn long_feed(records: usize) -> Vec<u8> {
    let mut feed = String::new();
    for i in 0..records {
        let words: Vec<String> = (0..30)
            .map(|w| format!("w{}", (i * 7919 + w * 104729) % 100_003))
            .collect();
        feed.push_str(&format!(
            "{{\"id\":\"r{i}\",\"text\":\"{}\"}}\n",
            words.join(" ")
        ));
    }
    feed.into_bytes()
}

#[test]
fn truncated_jsonl_gz_keeps_the_records_before_the_damage() {
    let dir = Scratch::new("truncated");
    let compressed = gzip(&long_feed(2000));
    dir.write("feed.jsonl.gz", &compressed[..compressed.len() / 2]);
    dir.write("next.txt", "Read after the damage.");

    let docs = dir.read_all(ReadOptions::default());
    let (last, before) = docs.split_last().unwrap();
    assert_eq!(last.id, "next.txt");
    assert!(last.error.is_none());

    let (damage, records) = before.split_last().unwrap();
    assert!(records.len() > 100, "only {} records", records.len());
    for (i, doc) in records.iter().enumerate() {
        assert_eq!(doc.id, format!("r{i}"));
        assert!(doc.error.is_none(), "{doc:?}");
    }
    assert_eq!(error_kind(damage), Some("gzip"));
    assert_eq!(damage.id, format!("feed.jsonl:{}", records.len() + 1));
    assert!(
        error_message(damage).contains("truncated"),
        "{}",
        error_message(damage)
    );
}

#[test]
fn corrupt_txt_gz() {
    let dir = Scratch::new("corrupt");
    dir.write("not-gzip.txt.gz", "plain text pretending");
    let mut flipped = gzip("A story that will not survive a flipped byte.".as_bytes());
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0xff;
    dir.write("flipped.txt.gz", flipped);
    let mut cut = gzip("A story cut short.".as_bytes());
    cut.truncate(cut.len() - 4);
    dir.write("short.txt.gz", cut);

    dir.write("zero.txt.gz", "");
    dir.write("hollow.txt.gz", gzip(b""));

    let docs = dir.read_all(ReadOptions::default());
    assert_eq!(
        ids(&docs),
        [
            "flipped.txt",
            "hollow.txt",
            "not-gzip.txt",
            "short.txt",
            "zero.txt"
        ]
    );
    let kinds: Vec<_> = docs.iter().map(error_kind).collect();
    // A valid gzip of nothing is an empty article, not damage.
    assert_eq!(
        kinds,
        [
            Some("gzip"),
            Some("empty"),
            Some("gzip"),
            Some("gzip"),
            Some("gzip")
        ]
    );
    assert!(error_message(&docs[0]).contains("checksum"));
    assert!(error_message(&docs[2]).contains("header"));
    assert!(error_message(&docs[3]).contains("truncated"));
}

#[test]
fn lines_that_are_not_objects_or_lack_a_body() {
    let dir = Scratch::new("json");
    dir.write(
        "feed.jsonl",
        "[\"an\",\"array\"]\n{\"id\":\"t\",\"title\":\"No body\"}\n{oops}\n{\"text\":\"fine\"}\n",
    );
    let docs = dir.read_all(ReadOptions::default());
    assert_eq!(
        ids(&docs),
        ["feed.jsonl:1", "t", "feed.jsonl:3", "feed.jsonl:4"]
    );
    assert_eq!(error_kind(&docs[0]), Some("json"));
    assert_eq!(
        error_message(&docs[0]),
        "line 1 is an array, not a JSON object"
    );
    assert_eq!(error_kind(&docs[1]), Some("missing-body"));
    assert_eq!(error_kind(&docs[2]), Some("json"));
    assert!(docs[3].error.is_none());
}

#[test]
fn missing_path_stops_the_run_before_it_starts() {
    let dir = Scratch::new("missing");
    let missing = dir.path().join("no-such-dir");
    match open(
        &[InputSource::Path(missing.clone())],
        ReadOptions::default(),
    ) {
        Err(IoError::NotFound(path)) => assert_eq!(path, missing),
        other => panic!("expected NotFound, got {other:?}"),
    }
    let twice = [InputSource::Stdin, InputSource::from_arg("-")];
    assert!(matches!(
        open(&twice, ReadOptions::default()),
        Err(IoError::StdinRepeated)
    ));
}

#[test]
fn a_file_that_vanishes_after_open_is_an_io_record() {
    let dir = Scratch::new("vanish");
    let path = dir.write("gone.txt", "Here for now.");
    let inputs = open(&[InputSource::Path(path.clone())], ReadOptions::default()).unwrap();
    std::fs::remove_file(&path).unwrap();
    let docs: Vec<_> = inputs.collect();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, path.to_string_lossy());
    assert_eq!(error_kind(&docs[0]), Some("io"));
    assert!(error_message(&docs[0]).starts_with("cannot open"));
}

#[cfg(unix)]
#[test]
fn a_dangling_link_in_a_directory_is_an_io_record() {
    let dir = Scratch::new("dangling");
    dir.write("a.txt", "Before.");
    std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), dir.path().join("b.txt")).unwrap();
    dir.write("c.txt", "After.");
    let docs = dir.read_all(ReadOptions::default());
    assert_eq!(ids(&docs), ["a.txt", "b.txt", "c.txt"]);
    assert_eq!(error_kind(&docs[1]), Some("io"));
    assert!(docs[2].error.is_none());
}

#[test]
fn streams_are_sniffed_like_stdin() {
    let read = |bytes: &'static [u8]| -> Vec<Document> {
        Inputs::from_reader("-", bytes, ReadOptions::default()).collect()
    };
    let docs = read(b"\n  {\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\"two\"}\n");
    assert_eq!(ids(&docs), ["-:2", "b"]);

    let docs = read(b"\xEF\xBB\xBF<html><p>Page</p></html>");
    assert_eq!(ids(&docs), ["-"]);
    assert_eq!(docs[0].format, Format::Html);
    assert_eq!(docs[0].text, "<html><p>Page</p></html>");

    let docs = read(b"Plain words, { and < later.");
    assert_eq!(docs[0].format, Format::Text);

    let docs = read(b"   \n");
    assert_eq!(error_kind(&docs[0]), Some("empty"));

    let compressed: &'static [u8] = gzip(b"{\"id\":\"z\",\"text\":\"zipped\"}\n").leak();
    let docs = read(compressed);
    assert_eq!(ids(&docs), ["z"]);
    assert_eq!(docs[0].text, "zipped");
}

#[test]
fn streams_respect_the_limit() {
    let long: &'static [u8] = "w ".repeat(5000).leak().as_bytes();
    let docs: Vec<_> = Inputs::from_reader("-", long, limit(1000)).collect();
    assert_eq!(error_kind(&docs[0]), Some("too-large"));
    let spaces: &'static [u8] = " ".repeat(20_000).leak().as_bytes();
    let docs: Vec<_> = Inputs::from_reader("-", spaces, limit(1000)).collect();
    assert_eq!(docs.len(), 1);
    assert_eq!(error_kind(&docs[0]), Some("too-large"));
}

#[test]
fn sources_are_read_in_the_order_given() {
    let one = Scratch::new("order-one");
    let two = Scratch::new("order-two");
    one.write("x.txt", "From one.");
    two.write("a.txt", "From two.");
    let sources = [
        InputSource::Path(two.path().to_path_buf()),
        InputSource::Path(one.path().to_path_buf()),
    ];
    let texts: Vec<String> = open(&sources, ReadOptions::default())
        .unwrap()
        .map(|d| d.text)
        .collect();
    assert_eq!(texts, ["From two.", "From one."]);
}

/// Reads the shared news corpus and scraped pages, which are not part of the
/// repository: every record there is a readable article.
#[test]
fn shared_corpus_reads_without_error_records() {
    let shared = Path::new("/work/shared/data");
    let sources = [
        shared.join("news/bbc.jsonl"),
        shared.join("clean/scrapinghub/html"),
    ];
    if !sources.iter().all(|p| p.exists()) {
        eprintln!("skipping: the shared corpus under /work/shared/data is absent");
        return;
    }
    let sources: Vec<InputSource> = sources.into_iter().map(InputSource::Path).collect();
    let mut count = 0usize;
    for doc in open(&sources, ReadOptions::default()).expect("shared corpus opens") {
        assert!(doc.error.is_none(), "{}: {:?}", doc.id, doc.error);
        count += 1;
    }
    assert!(count > 2000, "only {count} documents");
    eprintln!("read {count} documents from /work/shared/data");
}
