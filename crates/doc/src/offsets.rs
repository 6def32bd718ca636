use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Which unit record offsets count.
///
/// `Char` (Unicode code points) is the default: it is what Python's `str`
/// slicing and spaCy's `Doc.char_span` expect. `Utf16` suits JavaScript and
/// Java; `Byte` is the UTF-8 byte offset used inside Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OffsetUnit {
    Byte,
    #[default]
    Char,
    Utf16,
}

impl OffsetUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            OffsetUnit::Byte => "byte",
            OffsetUnit::Char => "char",
            OffsetUnit::Utf16 => "utf16",
        }
    }
}

impl FromStr for OffsetUnit {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "byte" | "bytes" => Ok(OffsetUnit::Byte),
            "char" | "chars" | "codepoint" => Ok(OffsetUnit::Char),
            "utf16" | "utf-16" => Ok(OffsetUnit::Utf16),
            other => Err(format!(
                "unknown offset unit {other:?} (expected byte, char or utf16)"
            )),
        }
    }
}

impl std::fmt::Display for OffsetUnit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Converts byte offsets of one text into another unit.
///
/// Built once per document: ASCII text (the common case) needs no table at
/// all; otherwise a table holds the converted offset of every byte position,
/// so each conversion is one lookup whatever order spans come in.
#[derive(Debug, Clone)]
pub struct OffsetMap {
    unit: OffsetUnit,
    // None when the conversion is the identity.
    table: Option<Vec<u32>>,
}

impl OffsetMap {
    pub fn new(text: &str, unit: OffsetUnit) -> Self {
        if unit == OffsetUnit::Byte || text.is_ascii() {
            return OffsetMap { unit, table: None };
        }
        let mut table = vec![0u32; text.len() + 1];
        let mut converted: u32 = 0;
        for (byte_index, ch) in text.char_indices() {
            let width = ch.len_utf8();
            // Positions inside a character map to its start: callers only ever
            // pass boundaries, and this keeps the map total.
            for slot in &mut table[byte_index..byte_index + width] {
                *slot = converted;
            }
            converted += match unit {
                OffsetUnit::Char => 1,
                OffsetUnit::Utf16 => ch.len_utf16() as u32,
                OffsetUnit::Byte => width as u32,
            };
        }
        table[text.len()] = converted;
        OffsetMap {
            unit,
            table: Some(table),
        }
    }

    pub fn unit(&self) -> OffsetUnit {
        self.unit
    }

    /// The offset of byte position `byte` in this map's unit. Positions past
    /// the end clamp to the end.
    pub fn convert(&self, byte: usize) -> usize {
        match &self.table {
            None => byte,
            Some(table) => table[byte.min(table.len() - 1)] as usize,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_to_code_points_and_utf16() {
        let text = "a€😀b";
        // bytes: a=0, €=1..4, 😀=4..8, b=8..9
        let chars = OffsetMap::new(text, OffsetUnit::Char);
        assert_eq!(chars.convert(0), 0);
        assert_eq!(chars.convert(1), 1);
        assert_eq!(chars.convert(4), 2);
        assert_eq!(chars.convert(8), 3);
        assert_eq!(chars.convert(9), 4);
        let utf16 = OffsetMap::new(text, OffsetUnit::Utf16);
        assert_eq!(utf16.convert(8), 4);
        assert_eq!(utf16.convert(9), 5);
        let bytes = OffsetMap::new(text, OffsetUnit::Byte);
        assert_eq!(bytes.convert(8), 8);
    }

    #[test]
    fn ascii_is_identity() {
        let map = OffsetMap::new("plain", OffsetUnit::Utf16);
        assert_eq!(map.convert(3), 3);
    }
}
