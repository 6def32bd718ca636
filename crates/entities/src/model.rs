//! The learned name tagger: an averaged perceptron over hashed features,
//! decoded greedily left to right with BILOU tags over PER/ORG/LOC/MISC.
//!
//! Features follow the Illinois NER tradition: the word, its lower case and
//! shape, prefixes and suffixes, neighbours two either side, capitalisation
//! context (sentence start, headline line), gazetteer membership, the two
//! previous predicted tags, and document-level history: what this word was
//! tagged earlier in the same document. Feature strings are never stored:
//! each is hashed straight into a row of a fixed table whose 17 cells are the
//! class weights, quantised to `i16` with one scale for the whole table.
//!
//! The model sees the crate's own tokens ([`crate::scan`]), in training as in
//! use, so what it learned on CoNLL files is what runs on articles.

use crate::gazetteer::{Gazetteer, Source};
use crate::scan::{Tok, TokKind};
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Name types the model tags, in class order.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
/// O, then B, I, L, U for each type.
pub const CLASSES: usize = 1 + 4 * TYPES.len();

/// "NMNER" and the number of passes.
const MAGIC: &[u8; 5] = b"NMNER";
const HEADER: usize = 6 + 1 + 1 + 4 + 4;

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("not a newsmill NER model (bad magic bytes)")]
    Magic,
    #[error("model file truncated or inconsistent: {0}")]
    Corrupt(String),
}

/// BILOU position of a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    O,
    B,
    I,
    L,
    U,
}

/// The position and type index of class `c`.
pub fn split_class(c: usize) -> (Pos, usize) {
    if c == 0 {
        return (Pos::O, 0);
    }
    let pos = match (c - 1) % 4 {
        0 => Pos::B,
        1 => Pos::I,
        2 => Pos::L,
        _ => Pos::U,
    };
    (pos, (c - 1) / 4)
}

pub fn class_of(pos: Pos, ty: usize) -> usize {
    match pos {
        Pos::O => 0,
        Pos::B => 1 + 4 * ty,
        Pos::I => 2 + 4 * ty,
        Pos::L => 3 + 4 * ty,
        Pos::U => 4 + 4 * ty,
    }
}

/// May class `next` follow class `prev`? A name continues only with its own
/// type, and only an open name continues. A name left open (B or I followed
/// by O, B or U) is closed where it stops: a greedy decoder that could not
/// stop would drag a wrong start along to the next full stop.
fn allowed(prev: usize, next: usize) -> bool {
    let (pp, pt) = split_class(prev);
    let (np, nt) = split_class(next);
    match (pp, np) {
        (Pos::B | Pos::I, Pos::I | Pos::L) => nt == pt,
        (_, Pos::I | Pos::L) => false,
        _ => true,
    }
}

/// A quantised model, ready to tag.
#[derive(Clone)]
pub struct Model {
    bits: u32,
    /// 1, or 2 with second-pass document features.
    passes: usize,
    scale: f32,
    weights: Vec<i16>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("bits", &self.bits)
            .field("bytes", &(self.weights.len() * 2))
            .finish()
    }
}

static EMBEDDED_BYTES: &[u8] = include_bytes!("../model/ner.bin");
static EMBEDDED: OnceLock<Arc<Model>> = OnceLock::new();

impl Model {
    /// The model shipped in the binary, with its word clusters (loaded once
    /// per process).
    pub fn embedded() -> Arc<Model> {
        EMBEDDED
            .get_or_init(|| {
                clusters();
                // The shipped file is checked by a unit test; should it ever
                // fail to load, an empty model tags nothing rather than panic.
                Arc::new(Model::from_bytes(EMBEDDED_BYTES).unwrap_or_else(|_| Model::empty(1)))
            })
            .clone()
    }

    /// A model with all weights zero (tags nothing).
    pub fn empty(bits: u32) -> Model {
        Model {
            bits,
            passes: 1,
            scale: 1.0,
            weights: vec![0; (1usize << bits) * CLASSES],
        }
    }

    /// Reads a model file written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < HEADER || &bytes[..5] != MAGIC || !(1..=2).contains(&bytes[5]) {
            return Err(ModelError::Magic);
        }
        let passes = usize::from(bytes[5]);
        let bits = u32::from(bytes[6]);
        if bytes[7] as usize != CLASSES || !(1..=26).contains(&bits) {
            return Err(ModelError::Corrupt(format!(
                "bits {bits}, classes {}",
                bytes[7]
            )));
        }
        let scale = f32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        let n = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]) as usize;
        if n != (1usize << bits) * CLASSES || bytes.len() != HEADER + 2 * n || !scale.is_finite() {
            return Err(ModelError::Corrupt(format!(
                "{} bytes for {n} weights",
                bytes.len()
            )));
        }
        let weights = bytes[HEADER..]
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(Model {
            bits,
            passes,
            scale,
            weights,
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + 2 * self.weights.len());
        out.extend_from_slice(MAGIC);
        out.push(self.passes as u8);
        out.push(self.bits as u8);
        out.push(CLASSES as u8);
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(self.weights.len() as u32).to_le_bytes());
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Quantises float weights (rows of [`CLASSES`]) to `i16`.
    pub(crate) fn quantise(bits: u32, passes: usize, weights: &[f32]) -> Model {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let weights = weights
            .iter()
            .map(|w| (w / scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        Model {
            bits,
            passes,
            scale,
            weights,
        }
    }

    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Size of the weight table in bytes.
    pub fn size_bytes(&self) -> usize {
        self.weights.len() * 2
    }

    /// BILOU classes for `toks` of `text`. A text longer than
    /// [`SEGMENT_TOKENS`] is tagged a stretch at a time, cut at paragraph
    /// breaks, so that memory stays bounded whatever the input; document
    /// features then cover one stretch.
    pub(crate) fn tag(&self, text: &str, toks: &[Tok], gaz: &Gazetteer) -> Vec<usize> {
        let mut classes = Vec::with_capacity(toks.len());
        let mut start = 0;
        while start < toks.len() {
            let mut end = (start + SEGMENT_TOKENS).min(toks.len());
            if end < toks.len() {
                // The last paragraph break in the second half of the stretch.
                let half = start + SEGMENT_TOKENS / 2;
                if let Some(cut) = (half..end).rev().find(|&i| toks[i].newline_before) {
                    end = cut;
                }
            }
            classes.extend(self.tag_stretch(text, &toks[start..end], gaz));
            start = end;
        }
        classes
    }

    fn tag_stretch(&self, text: &str, toks: &[Tok], gaz: &Gazetteer) -> Vec<usize> {
        let infos = token_infos(text, toks, gaz);
        let mut decoder = Decoder::new(self.bits);
        // Integer sums: the part of a token's score that no earlier class
        // changes is summed once, not once per pass.
        let add_rows = |scores: &mut [i32; CLASSES], rows: &[u32]| {
            for &r in rows {
                let row = &self.weights[r as usize * CLASSES..(r as usize + 1) * CLASSES];
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += i32::from(*w);
                }
            }
        };
        // The weight table is far larger than the caches and each token's
        // rows are scattered through it: the next token's rows are touched
        // while this token's are summed, so their cache misses overlap.
        let mut fixed: Vec<[i32; CLASSES]> = Vec::with_capacity(infos.len());
        let mut next_rows: Vec<u32> = Vec::new();
        let mut rows: Vec<u32> = Vec::new();
        let mut touched = 0i16;
        if !infos.is_empty() {
            decoder.static_features(&infos, 0);
            next_rows.clone_from(&decoder.rows);
        }
        for i in 0..infos.len() {
            std::mem::swap(&mut rows, &mut next_rows);
            if i + 1 < infos.len() {
                decoder.static_features(&infos, i + 1);
                next_rows.clone_from(&decoder.rows);
                for &r in &next_rows {
                    let at = r as usize * CLASSES;
                    if let (Some(a), Some(b)) =
                        (self.weights.get(at), self.weights.get(at + CLASSES - 1))
                    {
                        touched ^= a ^ b;
                    }
                }
            }
            let mut scores = [0i32; CLASSES];
            add_rows(&mut scores, &rows);
            fixed.push(scores);
        }
        std::hint::black_box(touched);
        decoder.run(&infos, self.passes, true, |rows, prev, i| {
            let mut scores = fixed[i];
            add_rows(&mut scores, rows);
            scores.best(prev)
        })
    }
}

/// Most tokens tagged at once: about 100 KB of text, twenty long articles.
/// Per-token state costs about 350 bytes, so a stretch needs about 7 MB.
pub(crate) const SEGMENT_TOKENS: usize = 20_000;

/// The name spans of a BILOU sequence: (first token, last token exclusive, type).
pub(crate) fn spans(classes: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &c) in classes.iter().enumerate() {
        let (pos, ty) = split_class(c);
        if matches!(pos, Pos::O | Pos::B | Pos::U) {
            if let Some((s, t)) = open.take() {
                out.push((s, i, t));
            }
        }
        match pos {
            Pos::O => {}
            Pos::U => out.push((i, i + 1, ty)),
            Pos::B => open = Some((i, ty)),
            Pos::I => {}
            Pos::L => {
                if let Some((s, t)) = open.take() {
                    if t == ty {
                        out.push((s, i + 1, ty));
                    }
                }
            }
        }
    }
    if let Some((s, t)) = open {
        out.push((s, classes.len(), t));
    }
    out
}

// ---- hashing ----

const K: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ v).wrapping_mul(K);
    }
    let mut last = 0u64;
    for (i, b) in chunks.remainder().iter().enumerate() {
        last |= u64::from(*b) << (8 * i);
    }
    mix((h.rotate_left(5) ^ last).wrapping_mul(K))
}

fn combine(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(17) ^ b.wrapping_mul(K))
}

/// What the model knows about one token before tagging starts.
#[derive(Clone, Copy, Default)]
struct Info {
    word: u64,
    lower: u64,
    shape: u64,
    short: u64,
    pre: [u64; 4],
    suf: [u64; 4],
    /// Capitalisation context, packed: kind, cap, all caps, initial, headline.
    flags: u64,
    /// Listed as first name, surname; a common word capitalised.
    names: u64,
    /// Gazetteer matches covering the token: label, source, BILOU position.
    gaz: [u64; 3],
    /// A capitalised word whose history counts (document-level features).
    history_key: Option<u64>,
    /// Word clusters at three granularities (0: unknown word).
    clusters: [u64; 3],
    /// Elsewhere in the document: seen capitalised mid-sentence, seen in
    /// lower case (bits 0 and 1).
    elsewhere: u64,
    /// The words around other occurrences of this word in the document
    /// (context aggregation): left and right neighbours, a few each.
    around: [u64; 6],
    /// The run of capitalised words the token is in: its last word, the
    /// words before and after the run, and the position in it (0 = none).
    run: [u64; 4],
    /// The first word of that run and the finest cluster of its last word.
    run_extra: [u64; 2],
}

static CLUSTERS_TSV: &str = include_str!("../data/clusters.tsv");
static CLUSTERS: OnceLock<FxHashMap<&'static str, [u16; 3]>> = OnceLock::new();

/// Word clusters learned from unlabeled news (see `examples/clusters.rs`).
fn clusters() -> &'static FxHashMap<&'static str, [u16; 3]> {
    CLUSTERS.get_or_init(|| {
        let mut map = FxHashMap::with_capacity_and_hasher(40_000, Default::default());
        for line in CLUSTERS_TSV.lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.split('\t');
            let Some(word) = parts.next() else { continue };
            let mut ids = [0u16; 3];
            for id in &mut ids {
                // Cluster numbers are stored from 0; 0 here means unknown.
                *id = parts
                    .next()
                    .and_then(|p| p.parse::<u16>().ok())
                    .map_or(0, |n| n.saturating_add(1));
            }
            map.insert(word, ids);
        }
        map
    })
}

const NONE: u64 = 0x5151_5151;

/// The word's shape ("Xxxxx", "dd-dd"; `short` merges repeats: "Xx") into
/// `out`.
fn shape_into(word: &str, short: bool, out: &mut String) {
    out.clear();
    let mut last = '\0';
    for (n, ch) in word.chars().enumerate() {
        let c = if ch.is_uppercase() {
            'X'
        } else if ch.is_lowercase() {
            'x'
        } else if ch.is_ascii_digit() {
            'd'
        } else if ch.is_alphabetic() {
            'a'
        } else {
            ch
        };
        if short && c == last {
            continue;
        }
        if !short && n >= 12 {
            break;
        }
        out.push(c);
        last = c;
    }
}

fn source_code(s: Source) -> u64 {
    s as u64
}

/// Greedy decoder state; one per tagging call, buffers reused across tokens.
struct Decoder {
    bits: u32,
    rows: Vec<u32>,
    history: FxHashMap<u64, [u8; CLASSES_HIST]>,
    feats: Vec<(u64, u64)>,
}

/// History counts: O and the four types.
const CLASSES_HIST: usize = 1 + TYPES.len();

/// First-pass label counts of each capitalised word of a document.
type Global = FxHashMap<u64, [u16; CLASSES_HIST]>;

fn history_slot(class: usize) -> usize {
    let (pos, ty) = split_class(class);
    if pos == Pos::O {
        0
    } else {
        1 + ty
    }
}

fn global_counts(infos: &[Info], classes: &[usize]) -> Global {
    let mut global = Global::default();
    for (info, &c) in infos.iter().zip(classes) {
        if let Some(key) = info.history_key {
            let counts = global.entry(key).or_default();
            let slot = history_slot(c);
            counts[slot] = counts[slot].saturating_add(1);
        }
    }
    global
}

impl Decoder {
    fn new(bits: u32) -> Decoder {
        Decoder {
            bits,
            rows: Vec::with_capacity(64),
            history: FxHashMap::default(),
            feats: Vec::with_capacity(FEATS_MAX),
        }
    }

    fn row(&self, template: u64, value: u64) -> u32 {
        (combine(template.wrapping_mul(K) ^ 0x1234_5678, value) >> (64 - self.bits)) as u32
    }

    /// Tags the tokens in two passes: the second sees what the first said
    /// about the same word everywhere in the document. `step` scores the
    /// feature rows of a token (and, in training, learns from them) and
    /// returns its class; it gets the rows, the previous class and the index.
    /// With `dynamic_only`, `step` gets only the rows that depend on the
    /// classes before (and the second pass's), and adds the rest itself.
    fn run<F>(
        &mut self,
        infos: &[Info],
        passes: usize,
        dynamic_only: bool,
        mut step: F,
    ) -> Vec<usize>
    where
        F: FnMut(&[u32], usize, usize) -> usize,
    {
        let mut out = self.pass(infos, None, dynamic_only, &mut step);
        if passes > 1 {
            let global = global_counts(infos, &out);
            out = self.pass(infos, Some((&global, &out)), dynamic_only, &mut step);
        }
        out
    }

    fn pass<F>(
        &mut self,
        infos: &[Info],
        global: Option<(&Global, &[usize])>,
        dynamic_only: bool,
        step: &mut F,
    ) -> Vec<usize>
    where
        F: FnMut(&[u32], usize, usize) -> usize,
    {
        let mut out: Vec<usize> = Vec::with_capacity(infos.len());
        self.history.clear();
        for i in 0..infos.len() {
            let prev = if i > 0 { out[i - 1] } else { 0 };
            let prev2 = if i > 1 { out[i - 2] } else { 0 };
            if dynamic_only {
                self.dynamic_features(infos, i, prev, prev2);
            } else {
                self.features(infos, i, prev, prev2);
            }
            if let Some((global, first)) = global {
                self.global_features(&infos[i], global, first[i]);
            }
            let best = step(&self.rows, prev, i);
            self.remember(&infos[i], best);
            out.push(best);
        }
        // A sequence cut off by the end of the text: close it as a name.
        if let Some(last) = out.last_mut() {
            let (pos, ty) = split_class(*last);
            match pos {
                Pos::B => *last = class_of(Pos::U, ty),
                Pos::I => *last = class_of(Pos::L, ty),
                _ => {}
            }
        }
        out
    }

    /// Second-pass features: the first pass's labels for the same word
    /// elsewhere in the document (its own label left out).
    fn global_features(&mut self, info: &Info, global: &Global, own: usize) {
        let Some(key) = info.history_key else {
            return;
        };
        let mut counts = global.get(&key).copied().unwrap_or_default();
        let slot = history_slot(own);
        counts[slot] = counts[slot].saturating_sub(1);
        let mut feats: [(u64, u64); 8] = [(0, 0); 8];
        let mut n;
        if counts.iter().all(|&c| c == 0) {
            feats[0] = (63, 0);
            n = 1;
        } else {
            let (best, _) = counts
                .iter()
                .enumerate()
                .max_by_key(|&(slot, c)| (*c, usize::MAX - slot))
                .unwrap_or((0, &0));
            feats[0] = (60, best as u64);
            feats[1] = (61, combine(best as u64, info.flags));
            n = 2;
            for (slot, &c) in counts.iter().enumerate() {
                if c > 0 {
                    feats[n] = (62, slot as u64);
                    n += 1;
                }
            }
        }
        for &(t, v) in &feats[..n] {
            let r = self.row(t, v);
            self.rows.push(r);
        }
    }

    fn remember(&mut self, info: &Info, class: usize) {
        if let Some(key) = info.history_key {
            let slot = history_slot(class);
            let counts = self.history.entry(key).or_insert([0; CLASSES_HIST]);
            counts[slot] = counts[slot].saturating_add(1);
        }
    }

    /// Fills `self.rows` with the feature buckets of token `i`: in this
    /// order, which training's float sums follow.
    fn features(&mut self, infos: &[Info], i: usize, prev: usize, prev2: usize) {
        let mut f = self.take_feats();
        own_and_neighbours(&mut f, infos, i);
        previous_classes(&mut f, &infos[i], prev, prev2);
        clusters_and_context(&mut f, infos, i);
        self.document_history(&mut f, &infos[i]);
        self.fill_rows(&f);
        self.feats = f.0;
    }

    /// The feature buckets of token `i` that do not depend on the classes
    /// chosen before it: summed once per token when tagging.
    fn static_features(&mut self, infos: &[Info], i: usize) {
        let mut f = self.take_feats();
        own_and_neighbours(&mut f, infos, i);
        clusters_and_context(&mut f, infos, i);
        self.fill_rows(&f);
        self.feats = f.0;
    }

    /// The feature buckets of token `i` that depend on the classes chosen
    /// before it.
    fn dynamic_features(&mut self, infos: &[Info], i: usize, prev: usize, prev2: usize) {
        let mut f = self.take_feats();
        previous_classes(&mut f, &infos[i], prev, prev2);
        self.document_history(&mut f, &infos[i]);
        self.fill_rows(&f);
        self.feats = f.0;
    }

    /// What this word was tagged before in the document.
    fn document_history(&self, f: &mut Feats, me: &Info) {
        if let Some(counts) = me.history_key.and_then(|k| self.history.get(&k)) {
            let (best, _) = counts
                .iter()
                .enumerate()
                .max_by_key(|&(slot, c)| (*c, usize::MAX - slot))
                .unwrap_or((0, &0));
            f.push(45, best as u64);
            f.push(46, combine(best as u64, me.flags));
            for (slot, &c) in counts.iter().enumerate() {
                if c > 0 {
                    f.push(47, slot as u64);
                }
            }
        } else if me.history_key.is_some() {
            f.push(48, 0);
        }
    }

    fn take_feats(&mut self) -> Feats {
        let mut buffer = std::mem::take(&mut self.feats);
        buffer.clear();
        Feats(buffer)
    }

    fn fill_rows(&mut self, f: &Feats) {
        self.rows.clear();
        for &(t, v) in f.as_slice() {
            let r = self.row(t, v);
            self.rows.push(r);
        }
    }
}

/// Room for a token's (template, value) pairs: the templates below give at
/// most 74, so none is ever dropped.
const FEATS_MAX: usize = 96;

/// Feature (template, value) pairs of one token; the buffer is reused.
struct Feats(Vec<(u64, u64)>);

impl Feats {
    fn push(&mut self, t: u64, v: u64) {
        if self.0.len() < FEATS_MAX {
            self.0.push((t, v));
        }
    }

    fn as_slice(&self) -> &[(u64, u64)] {
        &self.0
    }
}

/// The token itself, its neighbours' words, and gazetteer matches.
fn own_and_neighbours(f: &mut Feats, infos: &[Info], i: usize) {
    let at = |d: isize| -> Option<&Info> {
        let j = i as isize + d;
        (j >= 0).then(|| infos.get(j as usize)).flatten()
    };
    let me = &infos[i];
    let lower_at = |d: isize| at(d).map_or(NONE, |x| x.lower);
    let short_at = |d: isize| at(d).map_or(NONE, |x| x.short);
    f.push(1, 0);
    f.push(2, me.word);
    f.push(3, me.lower);
    f.push(4, me.shape);
    f.push(5, me.short);
    for k in 0..4 {
        if me.pre[k] != 0 {
            f.push(6 + k as u64, me.pre[k]);
        }
        if me.suf[k] != 0 {
            f.push(10 + k as u64, me.suf[k]);
        }
    }
    f.push(14, lower_at(-1));
    f.push(15, lower_at(1));
    f.push(16, lower_at(-2));
    f.push(17, lower_at(2));
    f.push(18, short_at(-1));
    f.push(19, short_at(1));
    f.push(20, combine(combine(short_at(-1), me.short), short_at(1)));
    f.push(21, combine(lower_at(-1), me.lower));
    f.push(22, combine(me.lower, lower_at(1)));
    f.push(23, me.flags);
    f.push(24, combine(me.flags, me.lower));
    f.push(25, me.names);
    f.push(26, combine(me.names, me.flags));
    for &g in me.gaz.iter().filter(|&&g| g != 0) {
        f.push(27, g);
        f.push(28, combine(g, me.flags));
    }
    for (t, d) in [(29u64, -1isize), (30, 1)] {
        if let Some(x) = at(d) {
            for &g in x.gaz.iter().filter(|&&g| g != 0) {
                f.push(t, g);
            }
            f.push(t + 2, x.flags);
        }
    }
}

/// The classes of the two tokens before.
fn previous_classes(f: &mut Feats, me: &Info, prev: usize, prev2: usize) {
    let p = prev as u64;
    f.push(40, p);
    f.push(41, p * 32 + prev2 as u64);
    f.push(42, combine(p, me.lower));
    f.push(43, combine(p, me.short));
    f.push(44, combine(p, me.flags));
}

/// Word clusters, the word's other occurrences, and its run of capitals.
fn clusters_and_context(f: &mut Feats, infos: &[Info], i: usize) {
    let at = |d: isize| -> Option<&Info> {
        let j = i as isize + d;
        (j >= 0).then(|| infos.get(j as usize)).flatten()
    };
    let me = &infos[i];
    for g in 0..3 {
        if me.clusters[g] != 0 {
            f.push(50 + g as u64, me.clusters[g]);
        }
    }
    if me.clusters[1] != 0 {
        f.push(53, combine(me.clusters[1], me.flags));
    }
    for (t, d) in [(54u64, -1isize), (56, 1)] {
        if let Some(x) = at(d) {
            f.push(t, x.clusters[1]);
            f.push(t + 1, x.clusters[2]);
        }
    }
    if me.history_key.is_some() {
        f.push(58, combine(me.elsewhere, me.flags));
        for &a in me.around.iter().filter(|&&a| a != 0) {
            f.push(59, a);
        }
    }
    if me.run[3] != 0 {
        f.push(64, me.run[0]);
        f.push(65, combine(me.run[0], me.run[3]));
        f.push(66, me.run[1]);
        f.push(67, me.run[2]);
        f.push(68, me.run_extra[0]);
        f.push(69, me.run_extra[1]);
        f.push(70, combine(me.run[0], me.run[2]));
    }
}

/// Score accumulators: `i32` when tagging with the quantised model, `f32`
/// when training.
pub(crate) trait Scores {
    /// The best class that may follow `prev`.
    fn best(&self, prev: usize) -> usize;
}

impl Scores for [i32; CLASSES] {
    fn best(&self, prev: usize) -> usize {
        let mut best = 0;
        let mut top = i32::MIN;
        for (c, &s) in self.iter().enumerate() {
            if s > top && allowed(prev, c) {
                top = s;
                best = c;
            }
        }
        best
    }
}

impl Scores for [f32; CLASSES] {
    fn best(&self, prev: usize) -> usize {
        let mut best = 0;
        let mut top = f32::NEG_INFINITY;
        for (c, &s) in self.iter().enumerate() {
            if s > top && allowed(prev, c) {
                top = s;
                best = c;
            }
        }
        best
    }
}

const MAX_GAZ_TOKENS: usize = 5;

fn token_infos(text: &str, toks: &[Tok], gaz: &Gazetteer) -> Vec<Info> {
    let mut infos = vec![Info::default(); toks.len()];
    let mut lower = String::new();
    let mut shape = String::new();
    for (info, tok) in infos.iter_mut().zip(toks) {
        let word = &text[tok.start..tok.end];
        lower.clear();
        if word.is_ascii() {
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        info.word = hash_bytes(word.as_bytes());
        info.lower = hash_bytes(lower.as_bytes());
        shape_into(word, false, &mut shape);
        info.shape = hash_bytes(shape.as_bytes());
        shape_into(word, true, &mut shape);
        info.short = hash_bytes(shape.as_bytes());
        // Prefixes and suffixes of one to four characters, of words longer
        // than the affix.
        let bytes = word.as_bytes();
        let chars = if word.is_ascii() {
            bytes.len()
        } else {
            word.chars().count()
        };
        let mut ends = word.char_indices().map(|(b, _)| b).skip(1);
        let mut starts = word.char_indices().rev().map(|(b, _)| b);
        for k in 0..4.min(chars.saturating_sub(1)) {
            if let (Some(end), Some(start)) = (ends.next(), starts.next()) {
                info.pre[k] = hash_bytes(&bytes[..end]);
                info.suf[k] = hash_bytes(&bytes[start..]);
            }
        }
        let kind = match tok.kind {
            TokKind::Word => 0u64,
            TokKind::Number => 1,
            TokKind::Punct => 2,
            TokKind::Symbol => 3,
        };
        info.flags = kind
            | u64::from(tok.cap) << 2
            | u64::from(tok.all_caps) << 3
            | u64::from(tok.initial) << 4
            | u64::from(tok.title_line) << 5
            | u64::from(tok.newline_before) << 6;
        if tok.kind == TokKind::Word && (tok.cap || tok.all_caps) {
            info.names = 1
                | u64::from(gaz.is_first_name(word)) << 1
                | u64::from(gaz.is_surname(word)) << 2
                | u64::from(gaz.is_common_word(&lower)) << 3;
            info.history_key = Some(info.lower);
        }
    }
    // What the rest of the document says about each word's case.
    let mut seen: FxHashMap<u64, u64> = FxHashMap::default();
    for (info, tok) in infos.iter().zip(toks) {
        if tok.kind != TokKind::Word {
            continue;
        }
        if tok.cap && !tok.initial && !tok.all_caps {
            *seen.entry(info.lower).or_default() |= 1;
        } else if !tok.cap && !tok.all_caps {
            *seen.entry(info.lower).or_default() |= 2;
        }
    }
    // Runs of capitalised words ("Kansai International Airport"): the head
    // at the end of a name tells its type from its first word on.
    let capital = |t: &Tok| t.kind == TokKind::Word && (t.cap || t.all_caps);
    let mut a = 0;
    while a < toks.len() {
        if !capital(&toks[a]) {
            a += 1;
            continue;
        }
        let mut b = a + 1;
        while b < toks.len() && !toks[b].newline_before {
            let joins = |w: &str| matches!(w, "of" | "&" | "and" | "for" | "de");
            if capital(&toks[b]) {
                b += 1;
            } else if b + 1 < toks.len()
                && joins(&text[toks[b].start..toks[b].end])
                && capital(&toks[b + 1])
                && !toks[b + 1].newline_before
            {
                b += 2;
            } else {
                break;
            }
        }
        let last = infos[b - 1].lower;
        let before = if a > 0 { infos[a - 1].lower } else { NONE };
        let after = infos.get(b).map_or(NONE, |x| x.lower);
        let len = (b - a).min(4) as u64;
        for (k, info) in infos[a..b].iter_mut().enumerate() {
            let pos = if k + 1 == b - a {
                8
            } else {
                (k as u64).min(3) + 1
            };
            info.run = [last, before, after, pos | len << 4];
        }
        let first = infos[a].lower;
        for info in infos[a..b].iter_mut() {
            info.run_extra[0] = first;
        }
        a = b;
    }
    // Context aggregation: the neighbours of every occurrence of a word.
    let mut around: FxHashMap<u64, [u64; 6]> = FxHashMap::default();
    for (i, info) in infos.iter().enumerate() {
        let Some(key) = info.history_key else {
            continue;
        };
        let slots = around.entry(key).or_default();
        let left = if i > 0 { infos[i - 1].lower } else { NONE };
        let right = infos.get(i + 1).map_or(NONE, |x| x.lower);
        for (v, half) in [(mix(left ^ 1), 0), (mix(right ^ 2), 3)] {
            let part = &mut slots[half..half + 3];
            if !part.contains(&v) {
                if let Some(free) = part.iter_mut().find(|s| **s == 0) {
                    *free = v;
                }
            }
        }
    }
    for info in infos.iter_mut() {
        if let Some(a) = info.history_key.and_then(|k| around.get(&k)) {
            info.around = *a;
        }
    }
    let table = clusters();
    for (info, tok) in infos.iter_mut().zip(toks) {
        if info.history_key.is_some() {
            info.elsewhere = seen.get(&info.lower).copied().unwrap_or(0) | 4;
        }
        let word = &text[tok.start..tok.end];
        let found = table.get(word).or_else(|| {
            // Headline capitals: "LEEDS" is clustered as "Leeds".
            if !tok.all_caps {
                return None;
            }
            let mut title = String::with_capacity(word.len());
            for (i, ch) in word.chars().enumerate() {
                if i == 0 {
                    title.push(ch);
                } else {
                    title.extend(ch.to_lowercase());
                }
            }
            table.get(title.as_str())
        });
        if let Some(ids) = found {
            for (g, (slot, id)) in info.clusters.iter_mut().zip(ids).enumerate() {
                *slot = u64::from(*id) | (g as u64) << 16;
            }
        }
    }
    // Gazetteer matches, longest first from each capitalised token.
    let mut key = String::new();
    let mut title = String::new();
    for a in 0..toks.len() {
        if toks[a].kind != TokKind::Word || !(toks[a].cap || toks[a].all_caps) {
            continue;
        }
        key.clear();
        let mut found: Option<(usize, crate::gazetteer::NameEntry)> = None;
        for b in a..toks.len().min(a + MAX_GAZ_TOKENS) {
            if b > a && (toks[b].newline_before || toks[b].kind == TokKind::Punct && !toks[b].glued)
            {
                break;
            }
            if b > a && !toks[b].glued {
                key.push(' ');
            }
            key.push_str(&text[toks[b].start..toks[b].end]);
            let entry = gaz.name(&key).or_else(|| {
                if !toks[a..=b].iter().any(|t| t.all_caps) {
                    return None;
                }
                // "NEW YORK" in a headline is "New York" in the lists.
                title.clear();
                let mut start = true;
                for ch in key.chars() {
                    if start {
                        title.push(ch);
                    } else {
                        title.extend(ch.to_lowercase());
                    }
                    start = !ch.is_alphanumeric();
                }
                gaz.name(&title)
            });
            if let Some(e) = entry {
                found = Some((b + 1, e));
            }
        }
        if let Some((end, entry)) = found {
            let base = (entry.label as u64) << 8 | source_code(entry.source) << 4;
            for (t, info) in infos[a..end].iter_mut().enumerate() {
                let pos = if end - a == 1 {
                    4
                } else if t == 0 {
                    1
                } else if a + t + 1 == end {
                    3
                } else {
                    2
                };
                if let Some(slot) = info.gaz.iter_mut().find(|g| **g == 0) {
                    *slot = mix(base | pos | 0x10000);
                }
            }
        }
    }
    // The cluster of each run's head, now that clusters are known.
    let mut i = 0;
    while i < infos.len() {
        if infos[i].run[3] == 0 {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < infos.len() && infos[j].run[3] != 0 && infos[j].run[3] & 15 != 8 {
            j += 1;
        }
        let head = infos.get(j).map_or(0, |x| x.clusters[2]);
        let end = (j + 1).min(infos.len());
        for info in &mut infos[i..end] {
            info.run_extra[1] = head;
        }
        i = j + 1;
    }
    infos
}

// ---- training ----

/// One training or development document: its text, the crate's tokens and
/// the gold class of every token.
pub struct TrainDoc {
    pub(crate) text: String,
    pub(crate) toks: Vec<Tok>,
    pub(crate) gold: Vec<usize>,
}

impl TrainDoc {
    /// A document from a text with the byte offsets where its sentences
    /// start, and gold names as byte spans with a type index into [`TYPES`].
    /// A name whose edges do not fall on token edges is skipped.
    pub fn new(text: String, sentence_starts: &[usize], names: &[(usize, usize, usize)]) -> Self {
        let mut toks = crate::scan::tokenize(&text);
        crate::scan::mark_initial(&text, &mut toks, sentence_starts);
        let mut gold = vec![0usize; toks.len()];
        for &(start, end, ty) in names {
            let first = toks.partition_point(|t| t.start < start);
            let last = toks.partition_point(|t| t.end <= end);
            if first >= last || toks[first].start != start || toks[last - 1].end != end {
                continue;
            }
            if last - first == 1 {
                gold[first] = class_of(Pos::U, ty);
            } else {
                gold[first] = class_of(Pos::B, ty);
                gold[first + 1..last - 1].fill(class_of(Pos::I, ty));
                gold[last - 1] = class_of(Pos::L, ty);
            }
        }
        TrainDoc { text, toks, gold }
    }

    /// A training document from a CoNLL document; names of types other than
    /// PER/ORG/LOC/MISC (after [`crate::conll::conll_type`]) count as O.
    pub fn from_conll(doc: &crate::conll::ConllDoc) -> Self {
        let names: Vec<(usize, usize, usize)> = doc
            .names
            .iter()
            .filter_map(|(s, e, label)| {
                let ty = crate::conll::conll_type(label)?;
                Some((*s, *e, TYPES.iter().position(|t| *t == ty)?))
            })
            .collect();
        TrainDoc::new(doc.text.clone(), &doc.sentence_starts, &names)
    }

    pub fn tokens(&self) -> usize {
        self.toks.len()
    }
}

/// Gazetteers for training in `folds` parts (document `i` in part
/// `i % folds`): each holds the names tagged in the other parts, kept as
/// `data/conll_train_names.tsv` keeps them (seen twice or more, one type at
/// least 90% of the time, not an all-caps headline form, not a common word,
/// not a listed place under another type).
pub fn jackknife_gazetteers(docs: &[TrainDoc], folds: usize) -> Vec<Gazetteer> {
    let folds = folds.max(1);
    let base = Gazetteer::with_corpus_names(&[]);
    let mut counts: Vec<HashMap<String, [u32; 4]>> = vec![HashMap::new(); folds];
    for (d, doc) in docs.iter().enumerate() {
        for (first, last, ty) in spans(&doc.gold) {
            let name = crate::link::surface(&doc.text, &doc.toks, first, last);
            counts[d % folds].entry(name).or_default()[ty] += 1;
        }
    }
    let labels = [
        newsmill_doc::Label::Person,
        newsmill_doc::Label::Org,
        newsmill_doc::Label::Loc,
        newsmill_doc::Label::Misc,
    ];
    (0..folds)
        .map(|f| {
            let mut total: HashMap<&str, [u32; 4]> = HashMap::new();
            for (g, part) in counts.iter().enumerate() {
                if g == f && folds > 1 {
                    continue;
                }
                for (name, c) in part {
                    let t = total.entry(name.as_str()).or_default();
                    for k in 0..4 {
                        t[k] += c[k];
                    }
                }
            }
            let mut names: Vec<(String, newsmill_doc::Label)> = total
                .into_iter()
                .filter_map(|(name, c)| {
                    let sum: u32 = c.iter().sum();
                    let (ty, &n) = c.iter().enumerate().max_by_key(|&(k, n)| (*n, 4 - k))?;
                    let shouted = name.chars().count() > 4 && !name.chars().any(char::is_lowercase);
                    let common = !name.contains(' ') && base.is_common_word(&name.to_lowercase());
                    let place = base.name(name).is_some_and(|e| {
                        e.label == newsmill_doc::Label::Loc && e.source != Source::Corpus
                    });
                    (sum >= 2 && n * 10 >= sum * 9 && !shouted && !common && !(place && ty != 2))
                        .then(|| (name.to_string(), labels[ty]))
                })
                .collect();
            names.sort();
            Gazetteer::with_corpus_names(&names)
        })
        .collect()
}

/// Entity-level counts: correct, gold, predicted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub correct: usize,
    pub gold: usize,
    pub predicted: usize,
}

impl Counts {
    pub fn f1(&self) -> f64 {
        let p = self.correct as f64 / self.predicted.max(1) as f64;
        let r = self.correct as f64 / self.gold.max(1) as f64;
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

/// Scores a model alone (no rules) on documents: exact name spans and types.
pub fn evaluate(model: &Model, docs: &[TrainDoc], gaz: &Gazetteer) -> Counts {
    let mut counts = Counts::default();
    for doc in docs {
        let pred = spans(&model.tag(&doc.text, &doc.toks, gaz));
        let gold = spans(&doc.gold);
        counts.gold += gold.len();
        counts.predicted += pred.len();
        counts.correct += pred
            .iter()
            .filter(|p| gold.binary_search(p).is_ok())
            .count();
    }
    counts
}

/// An averaged perceptron in training.
pub struct Trainer {
    bits: u32,
    weights: Vec<f32>,
    /// Sum of update * time, for averaging: average = w - totals / time.
    totals: Vec<f32>,
    time: f32,
    decoder: Decoder,
    passes: usize,
}

impl Trainer {
    /// A trainer for a table of `1 << bits` rows, tagging in one or two
    /// passes (the second with document-level features).
    pub fn new(bits: u32, passes: usize) -> Trainer {
        let bits = bits.clamp(10, 24);
        let n = (1usize << bits) * CLASSES;
        Trainer {
            bits,
            passes: passes.clamp(1, 2),
            weights: vec![0.0; n],
            totals: vec![0.0; n],
            time: 1.0,
            decoder: Decoder::new(bits),
        }
    }

    /// One pass over `doc`, tagging with the current weights and updating on
    /// every token tagged wrong. Returns the number of mistakes.
    pub fn learn(&mut self, doc: &TrainDoc, gaz: &Gazetteer) -> usize {
        let infos = token_infos(&doc.text, &doc.toks, gaz);
        let mut mistakes = 0;
        let Trainer {
            weights,
            totals,
            time,
            decoder,
            passes,
            ..
        } = self;
        decoder.run(&infos, *passes, false, |rows, prev, i| {
            let mut scores = [0f32; CLASSES];
            for &r in rows {
                let row = &weights[r as usize * CLASSES..(r as usize + 1) * CLASSES];
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
            let guess = scores.best(prev);
            let gold = doc.gold[i];
            if guess != gold {
                mistakes += 1;
                for &r in rows {
                    let base = r as usize * CLASSES;
                    weights[base + gold] += 1.0;
                    totals[base + gold] += *time;
                    weights[base + guess] -= 1.0;
                    totals[base + guess] -= *time;
                }
            }
            *time += 1.0;
            guess
        });
        mistakes
    }

    /// The mean of several trainers' averaged weights, quantised: models
    /// trained on differently shuffled data err differently, and their mean
    /// errs less. `None` when the trainers' tables differ in shape.
    pub fn ensemble(trainers: &[&Trainer]) -> Option<Model> {
        let first = trainers.first()?;
        if trainers
            .iter()
            .any(|t| t.bits != first.bits || t.passes != first.passes)
        {
            return None;
        }
        let mut sum = vec![0f32; first.weights.len()];
        for t in trainers {
            for ((s, w), total) in sum.iter_mut().zip(&t.weights).zip(&t.totals) {
                *s += w - total / t.time;
            }
        }
        let k = trainers.len() as f32;
        sum.iter_mut().for_each(|s| *s /= k);
        Some(Model::quantise(first.bits, first.passes, &sum))
    }

    /// The averaged weights, quantised.
    pub fn model(&self) -> Model {
        let avg: Vec<f32> = self
            .weights
            .iter()
            .zip(&self.totals)
            .map(|(w, t)| w - t / self.time)
            .collect();
        Model::quantise(self.bits, self.passes, &avg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_spans_and_constraints() {
        let per_b = class_of(Pos::B, 0);
        let per_l = class_of(Pos::L, 0);
        let loc_u = class_of(Pos::U, 2);
        assert_eq!(
            spans(&[0, per_b, per_l, 0, loc_u]),
            vec![(1, 3, 0), (4, 5, 2)]
        );
        assert!(allowed(per_b, per_l));
        assert!(allowed(per_b, 0));
        assert!(!allowed(per_b, class_of(Pos::L, 1)));
        // An unfinished name closes where it stops.
        assert_eq!(spans(&[per_b, class_of(Pos::I, 0), 0]), vec![(0, 2, 0)]);
        assert!(!allowed(0, per_l));
    }

    #[test]
    fn model_round_trips_and_rejects_junk() {
        let m = Model::quantise(10, 2, &vec![0.5; (1 << 10) * CLASSES]);
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.weights, m.weights);
        assert!(matches!(
            Model::from_bytes(b"nonsense"),
            Err(ModelError::Magic)
        ));
        let mut cut = m.to_bytes();
        cut.pop();
        assert!(Model::from_bytes(&cut).is_err());
    }

    #[test]
    fn tagging_sums_fixed_features_once_and_matches_the_full_scoring() {
        let model = Model::embedded();
        let gaz = Gazetteer::embedded();
        let text = "LONDON (Reuters) - Vladimir Putin met Angela Merkel in Berlin on Monday. \
                    Putin said the International Criminal Court (ICC) had no say. \
                    Shares of Deutsche Bank rose 3 percent, Merkel told reporters.";
        let toks = crate::scan::tokenize(text);
        // Every feature row summed for every token in every pass, as training does.
        let infos = token_infos(text, &toks, &gaz);
        let mut decoder = Decoder::new(model.bits);
        let full = decoder.run(&infos, model.passes, false, |rows, prev, _| {
            let mut scores = [0i32; CLASSES];
            for &r in rows {
                let row = &model.weights[r as usize * CLASSES..(r as usize + 1) * CLASSES];
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += i32::from(*w);
                }
            }
            scores.best(prev)
        });
        let tagged = model.tag(text, &toks, &gaz);
        assert_eq!(tagged, full);
        assert!(spans(&tagged).len() >= 6, "{:?}", spans(&tagged));
    }

    #[test]
    fn a_huge_text_is_tagged_a_stretch_at_a_time_without_losing_names() {
        let model = Model::embedded();
        let gaz = Gazetteer::embedded();
        let paragraph = "Vladimir Putin met Angela Merkel in Berlin on Monday, officials said.";
        let repeats = 3 * SEGMENT_TOKENS / 12;
        let text = vec![paragraph; repeats].join("\n\n");
        let toks = crate::scan::tokenize(&text);
        assert!(toks.len() > 2 * SEGMENT_TOKENS);
        let classes = model.tag(&text, &toks, &gaz);
        assert_eq!(classes.len(), toks.len());
        // Every paragraph is tagged alike: no stretch cuts through one.
        let people = spans(&classes).iter().filter(|s| s.2 == 0).count();
        assert_eq!(people, 2 * repeats);
    }

    #[test]
    fn shipped_model_loads() {
        let m = Model::from_bytes(EMBEDDED_BYTES).expect("shipped model");
        assert!(m.bits() >= 10);
    }

    #[test]
    fn learns_a_toy_pattern_deterministically() {
        let gaz = Gazetteer::empty();
        let doc = |name: &str| {
            let text = format!("Yesterday {name} said the plan works .");
            let start = "Yesterday ".len();
            TrainDoc::new(text, &[0], &[(start, start + name.len(), 0)])
        };
        let docs: Vec<TrainDoc> = ["Ann Zed", "Bob Yule", "Cy Xu", "Di Wim"]
            .iter()
            .map(|n| doc(n))
            .collect();
        let train = |docs: &[TrainDoc]| {
            let mut t = Trainer::new(12, 2);
            for _ in 0..5 {
                for d in docs {
                    t.learn(d, &gaz);
                }
            }
            t.model()
        };
        let a = train(&docs);
        assert_eq!(a.weights, train(&docs).weights);
        let test = [doc("Eve Vance")];
        assert_eq!(evaluate(&a, &test, &gaz).f1(), 1.0);
    }
}
