use crate::Span;

/// Converts between byte offsets and code-point offsets of one string.
///
/// Built once per text in O(n); every lookup afterwards is O(1) (char → byte)
/// or O(log n) (byte → char, by binary search). Stages that work on `&str`
/// slices use it to publish [`Span`]s in code points.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// `bytes[i]` is the byte offset of code point `i`; the last entry is the
    /// text's byte length.
    bytes: Vec<u32>,
}

impl CharIndex {
    /// Index `text`.
    pub fn new(text: &str) -> Self {
        let mut bytes = Vec::with_capacity(text.len() + 1);
        for (b, _) in text.char_indices() {
            bytes.push(b as u32);
        }
        bytes.push(text.len() as u32);
        CharIndex { bytes }
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// Byte offset of code point `c` (clamped to the end of the text).
    pub fn byte_of(&self, c: usize) -> usize {
        self.bytes[c.min(self.bytes.len() - 1)] as usize
    }

    /// Code-point offset of byte `b`. A byte inside a multi-byte character maps
    /// to that character's start.
    pub fn char_of(&self, b: usize) -> usize {
        match self.bytes.binary_search(&(b as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The code-point span of the byte range `start..end`.
    pub fn span_of_bytes(&self, start: usize, end: usize) -> Span {
        Span::new(self.char_of(start), self.char_of(end))
    }

    /// The byte range of a code-point span.
    pub fn bytes_of(&self, span: Span) -> std::ops::Range<usize> {
        self.byte_of(span.start)..self.byte_of(span.end)
    }

    /// The substring of `text` (which must be the indexed text) under `span`.
    pub fn slice<'a>(&self, text: &'a str, span: Span) -> &'a str {
        let r = self.bytes_of(span);
        text.get(r).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_arabic_offsets() {
        let t = "قال بوتين: نعم";
        let ix = CharIndex::new(t);
        assert_eq!(ix.char_len(), t.chars().count());
        let b = t.find("بوتين").unwrap();
        let s = ix.span_of_bytes(b, b + "بوتين".len());
        assert_eq!(s, Span::new(4, 9));
        assert_eq!(ix.slice(t, s), "بوتين");
    }
}
