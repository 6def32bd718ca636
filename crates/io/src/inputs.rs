//! The iterator over every article of every source, and the per-file readers.

use crate::decode::{
    article_from_bytes, error_doc, read_error, read_to_end_limited, strip_bom, ReadFailure,
};
use crate::jsonl::JsonlReader;
use crate::warc::WarcReader;
use crate::{kind, ReadOptions};
use flate2::read::MultiGzDecoder;
use newsmill_doc::{Document, Format};
use std::collections::VecDeque;
use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use walkdir::{DirEntry, FilterEntry, WalkDir};

/// Read buffer for JSON Lines streams: big enough that a typical article
/// line is a handful of reads.
const STREAM_BUFFER_BYTES: usize = 64 * 1024;

/// How far ahead a stream is read in one go while looking for its first
/// meaningful byte.
const SNIFF_CHUNK_BYTES: u64 = 8 * 1024;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// What a file holds, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    Text,
    Html,
    Jsonl,
    /// A WARC file: one article per HTML response record.
    Warc,
    /// Unknown: decided by the first bytes, as for stdin.
    Sniff,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileKind {
    body: Body,
    gzip: bool,
}

/// The kind a file name announces; `None` for names newsmill does not read
/// (`Body::Sniff` is never returned here).
fn classify(name: &OsStr) -> Option<FileKind> {
    let name = name.to_string_lossy().to_ascii_lowercase();
    let (stem, gzip) = match name.strip_suffix(".gz") {
        Some(stem) => (stem, true),
        None => (name.as_str(), false),
    };
    let extension = stem.rsplit_once('.').map(|(_, ext)| ext)?;
    let body = match extension {
        "txt" => Body::Text,
        "html" | "htm" => Body::Html,
        "jsonl" | "ndjson" => Body::Jsonl,
        "warc" => Body::Warc,
        _ => return None,
    };
    Some(FileKind { body, gzip })
}

/// A file's id without a trailing `.gz` (any case): `a.txt.gz` is `a.txt`.
fn strip_gz(mut id: String) -> String {
    let len = id.len();
    if len > 3 && id.is_char_boundary(len - 3) && id[len - 3..].eq_ignore_ascii_case(".gz") {
        id.truncate(len - 3);
    }
    id
}

/// `path` relative to `root`, components joined by `/` whatever the platform.
fn relative_id(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<_> = relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

fn is_hidden(entry: &DirEntry) -> bool {
    entry.file_name().as_encoded_bytes().starts_with(b".")
}

/// Keeps the root even when its own name starts with a dot (`.`, `./.data`).
fn is_visible(entry: &DirEntry) -> bool {
    entry.depth() == 0 || !is_hidden(entry)
}

/// One file to read and the id it goes by.
struct FileJob {
    path: PathBuf,
    id: String,
    kind: FileKind,
}

/// A directory being walked, depth first, entries sorted by name at every
/// level, which is the order of the paths compared component by component.
struct Walk {
    root: PathBuf,
    entries: FilterEntry<walkdir::IntoIter, fn(&DirEntry) -> bool>,
}

impl Walk {
    fn new(root: PathBuf) -> Self {
        let visible: fn(&DirEntry) -> bool = is_visible;
        let entries = WalkDir::new(&root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(visible);
        Walk { root, entries }
    }
}

/// A source not started yet.
enum Pending {
    Dir(PathBuf),
    File(PathBuf),
    Stream {
        id: String,
        reader: Box<dyn Read + Send>,
    },
}

/// What opening one file or stream gave: a finished document, or a JSON
/// Lines stream to drain.
// Built once per file and unpacked at once: boxing the document would only
// add an allocation per article.
#[allow(clippy::large_enum_variant)]
enum Opened {
    Doc(Document),
    Jsonl(JsonlReader),
    Warc(WarcReader),
}

/// Every article of the sources given to [`open`](crate::open), in order:
/// sources as listed, files of a directory sorted by path, records of a JSON
/// Lines file by line.
///
/// Yields one [`Document`] per article. A failure to read one article is not
/// an iterator error: it is a document whose `error` says why.
pub struct Inputs {
    options: ReadOptions,
    pending: VecDeque<Pending>,
    walk: Option<Walk>,
    jsonl: Option<JsonlReader>,
    warc: Option<WarcReader>,
    skipped: usize,
    /// WARC records of files already finished that were not articles.
    skipped_records: usize,
}

impl Inputs {
    pub(crate) fn new(options: ReadOptions) -> Self {
        Inputs {
            options,
            pending: VecDeque::new(),
            walk: None,
            jsonl: None,
            warc: None,
            skipped: 0,
            skipped_records: 0,
        }
    }

    pub(crate) fn push_dir(&mut self, path: PathBuf) {
        self.pending.push_back(Pending::Dir(path));
    }

    pub(crate) fn push_file(&mut self, path: PathBuf) {
        self.pending.push_back(Pending::File(path));
    }

    pub(crate) fn push_stream(&mut self, id: String, reader: Box<dyn Read + Send>) {
        self.pending.push_back(Pending::Stream { id, reader });
    }

    /// Articles from any reader, as stdin is read: JSON Lines when the first
    /// non-whitespace byte is `{`, otherwise one article (HTML when it starts
    /// with `<`) named `id`. Gzip data is recognised by its magic bytes.
    pub fn from_reader(
        id: impl Into<String>,
        reader: impl Read + Send + 'static,
        options: ReadOptions,
    ) -> Inputs {
        let mut inputs = Inputs::new(options);
        inputs.push_stream(id.into(), Box::new(reader));
        inputs
    }

    /// Files met while walking directories so far that were passed over
    /// because their extension is not one newsmill reads.
    pub fn skipped_files(&self) -> usize {
        self.skipped
    }

    /// WARC records read so far that were passed over because they are not
    /// article pages: `warcinfo`, `request`, `metadata` and `revisit`
    /// records, and responses that are not a successful HTML page.
    pub fn skipped_records(&self) -> usize {
        self.skipped_records + self.warc.as_ref().map_or(0, WarcReader::skipped)
    }

    fn limit(&self) -> usize {
        self.options.max_article_bytes
    }

    /// The next file of the current walk, or an error record for a part of
    /// the tree that could not be read; `None` once the walk is over.
    fn next_in_walk(&mut self) -> Option<Result<FileJob, Document>> {
        let walk = self.walk.as_mut()?;
        for entry in walk.entries.by_ref() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let id = err
                        .path()
                        .map(|path| relative_id(&walk.root, path))
                        .filter(|id| !id.is_empty())
                        .unwrap_or_else(|| walk.root.to_string_lossy().into_owned());
                    let message = match err.loop_ancestor() {
                        Some(ancestor) => {
                            format!("symbolic link loop back to {}", ancestor.to_string_lossy())
                        }
                        None => format!("cannot read directory entry: {err}"),
                    };
                    return Some(Err(error_doc(id, kind::IO, message)));
                }
            };
            // Sockets, FIFOs and devices are not articles (and a FIFO would block).
            if !entry.file_type().is_file() {
                continue;
            }
            match classify(entry.file_name()) {
                Some(kind) => {
                    let id = strip_gz(relative_id(&walk.root, entry.path()));
                    return Some(Ok(FileJob {
                        path: entry.into_path(),
                        id,
                        kind,
                    }));
                }
                None => self.skipped += 1,
            }
        }
        self.walk = None;
        None
    }

    /// Start one file: a finished document, or a JSON Lines stream.
    fn open_file(&self, job: FileJob) -> Opened {
        let FileJob { path, id, kind } = job;
        let limit = self.limit();
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(err) => {
                let message = format!("cannot open {}: {err}", path.to_string_lossy());
                return Opened::Doc(error_doc(id, kind::IO, message));
            }
        };
        match kind.body {
            Body::Jsonl => {
                let reader: Box<dyn Read + Send> = if kind.gzip {
                    Box::new(MultiGzDecoder::new(file))
                } else {
                    Box::new(file)
                };
                let reader = BufReader::with_capacity(STREAM_BUFFER_BYTES, reader);
                Opened::Jsonl(JsonlReader::new(id, Box::new(reader), kind.gzip, limit))
            }
            Body::Warc => {
                // CC-NEWS gzips each record as its own member: the multi-member
                // decoder reads them as one stream.
                let reader: Box<dyn Read + Send> = if kind.gzip {
                    Box::new(MultiGzDecoder::new(file))
                } else {
                    Box::new(file)
                };
                let reader = BufReader::with_capacity(STREAM_BUFFER_BYTES, reader);
                Opened::Warc(WarcReader::new(id, Box::new(reader), kind.gzip, limit))
            }
            Body::Sniff if kind.gzip => {
                open_stream(id, Box::new(MultiGzDecoder::new(file)), true, limit)
            }
            Body::Sniff => open_stream(id, Box::new(file), false, limit),
            Body::Text | Body::Html => {
                let format = if kind.body == Body::Html {
                    Format::Html
                } else {
                    Format::Text
                };
                Opened::Doc(read_file_article(id, file, kind.gzip, format, limit))
            }
        }
    }

    /// Begin the next pending source; `Some` when that alone gave a document.
    fn start_next_source(&mut self) -> Option<Option<Document>> {
        let limit = self.limit();
        let opened = match self.pending.pop_front()? {
            Pending::Dir(root) => {
                self.walk = Some(Walk::new(root));
                return Some(None);
            }
            Pending::File(path) => {
                let id = strip_gz(path.to_string_lossy().into_owned());
                let kind = path.file_name().and_then(classify).unwrap_or_else(|| {
                    let name = path.file_name().unwrap_or_default().as_encoded_bytes();
                    FileKind {
                        body: Body::Sniff,
                        gzip: name.len() > 3 && name[name.len() - 3..].eq_ignore_ascii_case(b".gz"),
                    }
                });
                self.open_file(FileJob { path, id, kind })
            }
            Pending::Stream { id, reader } => open_stream(id, reader, false, limit),
        };
        Some(self.take_opened(opened))
    }

    fn take_opened(&mut self, opened: Opened) -> Option<Document> {
        match opened {
            Opened::Doc(doc) => Some(doc),
            Opened::Jsonl(reader) => {
                self.jsonl = Some(reader);
                None
            }
            Opened::Warc(reader) => {
                self.warc = Some(reader);
                None
            }
        }
    }
}

impl Iterator for Inputs {
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        loop {
            if let Some(reader) = self.jsonl.as_mut() {
                match reader.next() {
                    Some(doc) => return Some(doc),
                    None => self.jsonl = None,
                }
            }
            if let Some(reader) = self.warc.as_mut() {
                match reader.next() {
                    Some(doc) => return Some(doc),
                    None => {
                        self.skipped_records += reader.skipped();
                        self.warc = None;
                    }
                }
            }
            if self.walk.is_some() {
                match self.next_in_walk() {
                    Some(Ok(job)) => {
                        let opened = self.open_file(job);
                        match self.take_opened(opened) {
                            Some(doc) => return Some(doc),
                            None => continue,
                        }
                    }
                    Some(Err(doc)) => return Some(doc),
                    None => continue,
                }
            }
            match self.start_next_source() {
                None => return None,
                Some(Some(doc)) => return Some(doc),
                Some(None) => continue,
            }
        }
    }
}

impl std::iter::FusedIterator for Inputs {}

impl std::fmt::Debug for Inputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("options", &self.options)
            .field("pending_sources", &self.pending.len())
            .field("walking", &self.walk.as_ref().map(|w| &w.root))
            .field("in_jsonl", &self.jsonl.is_some())
            .field("in_warc", &self.warc.is_some())
            .field("skipped_files", &self.skipped)
            .finish()
    }
}

/// Read a `.txt` or `.html` file (maybe gzipped) as one article.
fn read_file_article(id: String, file: File, gzip: bool, format: Format, limit: usize) -> Document {
    if !gzip {
        // Refuse early when the size is known; the bounded read below still
        // guards files that grow or report no size.
        if let Ok(metadata) = file.metadata() {
            if metadata.len() > limit as u64 {
                let message = format!(
                    "file is {} bytes, over the limit of {limit} bytes",
                    metadata.len()
                );
                return error_doc(id, kind::TOO_LARGE, message);
            }
        }
    }
    let mut bytes = Vec::new();
    let outcome = if gzip {
        read_to_end_limited(MultiGzDecoder::new(file), &mut bytes, limit)
    } else {
        read_to_end_limited(file, &mut bytes, limit)
    };
    match outcome {
        Ok(()) => article_from_bytes(id, bytes, format),
        Err(failure) => failure_doc(id, failure, gzip, limit),
    }
}

fn failure_doc(id: String, failure: ReadFailure, gzip: bool, limit: usize) -> Document {
    match failure {
        ReadFailure::TooLarge => {
            let what = if gzip { "decompressed input" } else { "input" };
            let message = format!("{what} is over the limit of {limit} bytes");
            error_doc(id, kind::TOO_LARGE, message)
        }
        ReadFailure::Io(err) => {
            let error = read_error(&err, gzip);
            error_doc(id, &error.kind, error.message)
        }
    }
}

/// Read up to `SNIFF_CHUNK_BYTES` more bytes into `buf`; `true` at end of input.
fn read_chunk(reader: &mut dyn Read, buf: &mut Vec<u8>) -> io::Result<bool> {
    let before = buf.len();
    reader.take(SNIFF_CHUNK_BYTES).read_to_end(buf)?;
    Ok((buf.len() - before) < SNIFF_CHUNK_BYTES as usize)
}

/// Open a stream of unknown kind: gzip by its magic bytes (unless `gzip`
/// says it is already being decompressed), then JSON Lines, HTML or text by
/// its first non-whitespace byte. Only a single article is read whole.
fn open_stream(
    id: String,
    mut reader: Box<dyn Read + Send>,
    mut gzip: bool,
    limit: usize,
) -> Opened {
    let mut prefix = Vec::new();
    let mut at_end = false;
    if !gzip {
        match read_chunk(reader.as_mut(), &mut prefix) {
            Ok(end) => at_end = end,
            Err(err) => return Opened::Doc(failure_doc(id, ReadFailure::Io(err), false, limit)),
        }
        if prefix.starts_with(&GZIP_MAGIC) {
            let compressed = Cursor::new(std::mem::take(&mut prefix)).chain(reader);
            reader = Box::new(MultiGzDecoder::new(compressed));
            gzip = true;
            at_end = false;
        }
    }
    let first = loop {
        // Wait for three bytes so that a byte order mark split across reads
        // is not taken for content.
        let significant = strip_bom(&prefix)
            .iter()
            .copied()
            .find(|b| !b.is_ascii_whitespace());
        if significant.is_some() && (prefix.len() >= 3 || at_end) {
            break significant;
        }
        if at_end || prefix.len() > limit {
            break significant;
        }
        match read_chunk(reader.as_mut(), &mut prefix) {
            Ok(end) => at_end = end,
            Err(err) => return Opened::Doc(failure_doc(id, ReadFailure::Io(err), gzip, limit)),
        }
    };
    if strip_bom(&prefix).starts_with(b"WARC/") {
        let stream =
            BufReader::with_capacity(STREAM_BUFFER_BYTES, Cursor::new(prefix).chain(reader));
        return Opened::Warc(WarcReader::new(id, Box::new(stream), gzip, limit));
    }
    if first == Some(b'{') {
        let stream =
            BufReader::with_capacity(STREAM_BUFFER_BYTES, Cursor::new(prefix).chain(reader));
        return Opened::Jsonl(JsonlReader::new(id, Box::new(stream), gzip, limit));
    }
    let format = if first == Some(b'<') {
        Format::Html
    } else {
        Format::Text
    };
    let outcome = if at_end {
        if prefix.len() > limit {
            Err(ReadFailure::TooLarge)
        } else {
            Ok(())
        }
    } else {
        read_to_end_limited(reader, &mut prefix, limit)
    };
    Opened::Doc(match outcome {
        Ok(()) => article_from_bytes(id, prefix, format),
        Err(failure) => failure_doc(id, failure, gzip, limit),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_kinds() {
        let kind = |name: &str| classify(OsStr::new(name));
        assert_eq!(kind("a.txt").map(|k| k.body), Some(Body::Text));
        assert_eq!(kind("A.HTM").map(|k| k.body), Some(Body::Html));
        assert_eq!(
            kind("feed.jsonl.gz"),
            Some(FileKind {
                body: Body::Jsonl,
                gzip: true
            })
        );
        assert_eq!(kind("notes.md"), None);
        assert_eq!(kind("txt"), None);
        assert_eq!(kind("archive.gz"), None);
    }

    #[test]
    fn gz_suffix_leaves_the_id() {
        assert_eq!(strip_gz("dir/a.txt.gz".into()), "dir/a.txt");
        assert_eq!(strip_gz("a.TXT.GZ".into()), "a.TXT");
        assert_eq!(strip_gz(".gz".into()), ".gz");
        assert_eq!(strip_gz("é.gz".into()), "é");
    }

    #[test]
    fn inputs_can_move_to_a_reader_thread() {
        fn assert_send<T: Send>() {}
        assert_send::<Inputs>();
    }
}
