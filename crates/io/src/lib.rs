//! # newsmill-io
//!
//! Readers that turn files, directories and stdin into a stream of
//! [`Document`](newsmill_doc::Document)s, one per article, in a deterministic
//! order and with bounded memory.
//!
//! [`open`] checks that every named path exists (and that directories can be
//! listed) and returns [`Inputs`], an iterator that reads lazily. After that
//! nothing is an iterator error: an article that cannot be read is a document
//! whose `error` says why (see [`kind`] for the reasons) and whose `id` names
//! the input, so every input gives exactly one output record and one bad
//! article never ends a batch.
//!
//! ## What is read
//!
//! | input | articles | id |
//! |---|---|---|
//! | directory | every visible file below it with a known extension, sorted by path; hidden files and directories (`.name`) and other extensions are skipped | path relative to the directory, `/`-separated |
//! | `*.txt` | the file, as text | the path as given (files named directly) |
//! | `*.html`, `*.htm` | the file, as an HTML page ([`Document::from_html`](newsmill_doc::Document::from_html)) | as above |
//! | `*.jsonl`, `*.ndjson` | one per non-blank line | the record's `id`, else `<file-id>:<line>` |
//! | `*.warc` | one per HTML page among the `response` records ([`Document::from_html`](newsmill_doc::Document::from_html)); see [WARC files](#warc-files) | the record's `WARC-Target-URI`, else its `WARC-Record-ID` |
//! | any of these + `.gz` | the same, decompressed | without the `.gz`: `a.txt.gz` is `a.txt`, its records `a.jsonl:3` |
//! | stdin (`-`), a file named directly with another extension | WARC when it starts with `WARC/`, JSON Lines when the first non-whitespace byte is `{`, else one article (HTML when it is `<`); gzip is recognised by its magic bytes | `-` (stdin) or the path |
//!
//! Extensions are matched case-insensitively. Symbolic links are followed
//! (loops and dangling links become `io` error records); sockets, FIFOs and
//! devices inside a directory are skipped. Ids come from paths alone, so they are
//! stable across runs; `a.txt` next to `a.txt.gz` gives two records with the
//! same id, as does the same relative path under two directories.
//!
//! A UTF-8 byte order mark is dropped; otherwise the text is kept verbatim
//! (line endings included): cleaning is the next stage's job.
//!
//! ## JSON Lines records
//!
//! * `id`: a string or a number; missing, `null`, empty or another type gives
//!   `<file-id>:<line>` (1-based line; an unusable value stays in `input`).
//! * `html` or `text`: the body. When both are strings `html` wins (it still
//!   holds the title, byline and date the clean stage lifts) and `text` is
//!   kept in `input`. A body that is not a string is a `json` error; a record
//!   with neither is `missing-body`.
//! * Into `meta`: `title`, `standfirst`, `url`, `source`, `language`,
//!   `published` (else `date`, else `published_at`, taken verbatim), `authors`
//!   (string or array of strings, else `author`). A field of an unexpected
//!   type is not lifted but kept in `input`.
//! * Every other field goes into `input` untouched.
//!
//! Lines are streamed: at most one line of at most
//! [`ReadOptions::max_article_bytes`] is held in memory, and a longer line is
//! skipped to its newline and reported as `too-large`. A gzip stream that
//! breaks off gives the records before the damage, then one `gzip` record
//! (`<file-id>:<line>`) for the tail, and reading moves on to the next file.
//! A line with a NUL byte gives one `binary` record and ends the file, since
//! such a file is not JSON Lines at all.
//!
//! ## WARC files
//!
//! `.warc` and `.warc.gz` (also with one gzip member per record, as Common
//! Crawl's CC-NEWS ships them) are read as a stream of records, one at a
//! time. Only pages are articles, so each record gives either one document or
//! nothing:
//!
//! * A `response` record (`Content-Type: application/http`) with a 2xx HTTP
//!   status whose `Content-Type` is `text/html` or `application/xhtml+xml`
//!   (or that has none, or `application/octet-stream`, and starts like an
//!   HTML page) is one HTML document. `warcinfo`, `request`, `metadata`,
//!   `revisit` and `resource` records, redirects and error pages, and
//!   responses that are not pages (PDF, images, JSON, feeds) are not articles
//!   and give no record; [`Inputs::skipped_records`] counts them.
//! * The id is the `WARC-Target-URI` (the page's URL, what a user looks
//!   records up by; a crawl may fetch one URL twice), else the
//!   `WARC-Record-ID`; `meta.url` is the `WARC-Target-URI`; `input` holds
//!   `warc_date` (the `WARC-Date`, when the page was fetched) and
//!   `warc_record_id` (unique per record). `meta.published` is left empty
//!   so that the date the page itself gives wins; the clean stage falls back
//!   to `warc_date` when the page has none.
//! * The HTTP head is stripped; `Transfer-Encoding: chunked` and
//!   `Content-Encoding: gzip`/`deflate` are undone (another content coding
//!   is a `warc` error record). The charset is taken from a byte order mark,
//!   the HTTP `Content-Type`, or `<meta charset>`, and legacy charsets
//!   (ISO-8859-x, windows-125x, Shift_JIS, KOI8-R, ...) are decoded to UTF-8;
//!   a page declared in a single-byte charset whose bytes are valid non-ASCII
//!   UTF-8 is taken as UTF-8 (a common server default). A page that is not
//!   valid UTF-8 and declares no other charset is an `invalid-utf8` record.
//! * A page over [`ReadOptions::max_article_bytes`] is a `too-large` record
//!   and is skipped without being held in memory.
//! * Damage ends the file with one error record, `<file-id>:<n>` for the
//!   `n`th record (1-based): a gzip stream that breaks off or is corrupt is
//!   `gzip`; a record without a `WARC/` version line or a valid
//!   `Content-Length`, or cut off before its end, is `warc`. The pages
//!   before the damage are kept. A response whose HTTP head is unreadable is
//!   a `warc` record of its own and reading goes on.
//!
//! ## Example
//!
//! ```
//! use newsmill_io::{open, InputSource, ReadOptions};
//! use std::fs;
//!
//! let dir = std::env::temp_dir().join(format!("newsmill-io-doc-{}", std::process::id()));
//! fs::create_dir_all(dir.join("wire"))?;
//! fs::write(dir.join("b.txt"), "Markets rallied on Friday.")?;
//! fs::write(
//!     dir.join("wire/feed.jsonl"),
//!     concat!(
//!         r#"{"id": 7, "text": "Rain is expected.", "title": "Weather", "desk": "metro"}"#, "\n",
//!         "\n",
//!         r#"{"text": 42}"#, "\n",
//!     ),
//! )?;
//! fs::write(dir.join("notes.md"), "not an article")?;
//!
//! let docs: Vec<_> = open(&[InputSource::Path(dir.clone())], ReadOptions::default())?.collect();
//! let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
//! assert_eq!(ids, ["b.txt", "7", "wire/feed.jsonl:3"]);
//!
//! assert_eq!(docs[0].text, "Markets rallied on Friday.");
//! assert_eq!(docs[1].meta.title.as_deref(), Some("Weather"));
//! assert_eq!(docs[1].input["desk"], "metro");
//! assert_eq!(docs[2].error.as_ref().unwrap().kind, "json");
//!
//! fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod decode;
mod inputs;
mod jsonl;
mod warc;

pub use inputs::Inputs;

use std::path::{Path, PathBuf};

/// The `kind` of the error records readers produce
/// ([`DocError::kind`](newsmill_doc::DocError)).
pub mod kind {
    /// The bytes are not UTF-8; the message gives the byte offset.
    pub const INVALID_UTF8: &str = "invalid-utf8";
    /// NUL bytes or a high share of control characters.
    pub const BINARY: &str = "binary";
    /// No non-whitespace content.
    pub const EMPTY: &str = "empty";
    /// An article or line over [`ReadOptions::max_article_bytes`](crate::ReadOptions).
    pub const TOO_LARGE: &str = "too-large";
    /// Corrupt or truncated gzip data.
    pub const GZIP: &str = "gzip";
    /// A line that is not a JSON object, or a body field that is not a string.
    pub const JSON: &str = "json";
    /// A JSON record with neither `text` nor `html`.
    pub const MISSING_BODY: &str = "missing-body";
    /// A file that vanished or could not be read.
    pub const IO: &str = "io";
    /// A WARC file whose framing is broken or cut off, a response whose
    /// HTTP head is unreadable, or a page in an HTTP content coding that is
    /// not supported (only gzip and deflate are).
    pub const WARC: &str = "warc";
}

/// The default for [`ReadOptions::max_article_bytes`]: 16 MiB.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 16 * 1024 * 1024;

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// The most bytes one article may take: a whole `.txt`/`.html` file
    /// (after decompression) or one JSON Lines line. Larger ones become
    /// `too-large` records without being read into memory.
    pub max_article_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
        }
    }
}

/// Where articles come from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum InputSource {
    /// A file or a directory.
    Path(PathBuf),
    /// Standard input.
    Stdin,
}

impl InputSource {
    /// A command-line argument: `-` is stdin, anything else a path.
    pub fn from_arg(arg: impl AsRef<std::ffi::OsStr>) -> Self {
        let arg = arg.as_ref();
        if arg == "-" {
            InputSource::Stdin
        } else {
            InputSource::Path(PathBuf::from(arg))
        }
    }
}

impl From<PathBuf> for InputSource {
    fn from(path: PathBuf) -> Self {
        InputSource::Path(path)
    }
}

impl From<&Path> for InputSource {
    fn from(path: &Path) -> Self {
        InputSource::Path(path.to_path_buf())
    }
}

/// Why a run cannot start. Failures after [`open`] are error records instead.
#[derive(Debug, thiserror::Error)]
pub enum IoError {
    /// A named file or directory does not exist.
    #[error("{}: no such file or directory", .0.display())]
    NotFound(PathBuf),
    /// A named path could not be inspected, or a named directory not listed.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Stdin (`-`) was named more than once; it can be read only once.
    #[error("stdin (-) is named more than once")]
    StdinRepeated,
}

/// Check the sources and return the iterator over their articles.
///
/// Fails only when the run cannot start: a named path that does not exist, a
/// path that cannot be inspected, a directory that cannot be listed, or stdin
/// named twice. Files are opened lazily, as the iterator reaches them.
pub fn open(sources: &[InputSource], options: ReadOptions) -> Result<Inputs, IoError> {
    let mut inputs = Inputs::new(options);
    let mut stdin_named = false;
    for source in sources {
        match source {
            InputSource::Stdin => {
                if stdin_named {
                    return Err(IoError::StdinRepeated);
                }
                stdin_named = true;
                inputs.push_stream("-".to_string(), Box::new(std::io::stdin()));
            }
            InputSource::Path(path) => {
                let io_error = |source: std::io::Error| match source.kind() {
                    std::io::ErrorKind::NotFound => IoError::NotFound(path.clone()),
                    _ => IoError::Io {
                        path: path.clone(),
                        source,
                    },
                };
                let metadata = std::fs::metadata(path).map_err(io_error)?;
                if metadata.is_dir() {
                    std::fs::read_dir(path).map_err(io_error)?;
                    inputs.push_dir(path.clone());
                } else {
                    inputs.push_file(path.clone());
                }
            }
        }
    }
    Ok(inputs)
}
