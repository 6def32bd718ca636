use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into [`crate::Document::text`].
///
/// Inside Rust every span counts UTF-8 bytes so that `&text[span.range()]` is a
/// plain slice; records convert to code points or UTF-16 units on the way out
/// (see [`crate::OffsetUnit`]).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub const fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The text this span covers, or `None` when it is out of bounds or not on
    /// character boundaries (a stage bug, never a panic).
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.range())
    }

    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}
