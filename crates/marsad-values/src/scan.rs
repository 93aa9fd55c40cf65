//! The token view both layers match on: tokens of the normalized text
//! (alef, yeh, ta marbuta folded; digits ASCII; tashkeel and tatweel gone)
//! with the way back to code-point spans of the original text.

use marsad_arabic::{normalize, tokenize, Folding, Normalized, TokenKind};
use marsad_core::{CharIndex, Span};

/// One token of the normalized view.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    /// Kind from the tokenizer.
    pub kind: TokenKind,
    /// Code-point span in the normalized text.
    pub ns: usize,
    /// End (exclusive) of that span.
    pub ne: usize,
    /// Byte range in the normalized text.
    pub b: (usize, usize),
}

/// The normalized view of a text and its tokens.
pub(crate) struct View<'a> {
    /// Normalized text with the map back to the original.
    pub norm: Normalized,
    /// Tokens of [`View::norm`].
    pub toks: Vec<Tok>,
    /// The original text.
    pub orig: &'a str,
    /// Code-point index over the original text.
    pub ix: CharIndex,
    /// Per token: may it open an expression (digits, lexicon words,
    /// triggers)? Other tokens are skipped without matching.
    pub open: Vec<bool>,
}

impl<'a> View<'a> {
    /// Builds the view of `text`.
    pub fn new(text: &'a str) -> View<'a> {
        let norm = normalize(text, Folding::default());
        let toks: Vec<Tok> = tokenize(&norm.text)
            .into_iter()
            .map(|t| Tok {
                kind: t.kind,
                ns: t.span.start,
                ne: t.span.end,
                b: t.bytes,
            })
            .collect();
        let open = toks
            .iter()
            .map(|t: &Tok| match t.kind {
                TokenKind::Number | TokenKind::Date | TokenKind::Time => true,
                TokenKind::Arabic => crate::lexicon::may_open(&norm.text[t.b.0..t.b.1]),
                TokenKind::Latin => &norm.text[t.b.0..t.b.1] == "gmt",
                _ => false,
            })
            .collect();
        View {
            norm,
            toks,
            orig: text,
            ix: CharIndex::new(text),
            open,
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Normalized text of token `i` (`""` past the end).
    pub fn w(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.norm.text[t.b.0..t.b.1],
            None => "",
        }
    }

    /// Kind of token `i`.
    pub fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// True when token `i + 1` follows token `i` with nothing between.
    pub fn glued(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.ne == b.ns,
            _ => false,
        }
    }

    /// Code-point span in the original text of tokens `i..j`, leaving out
    /// the first `skip` code points of token `i` (a proclitic).
    pub fn orig_span(&self, i: usize, skip: usize, j: usize) -> (usize, usize) {
        let (Some(a), Some(b)) = (self.toks.get(i), self.toks.get(j.max(i + 1) - 1)) else {
            return (0, 0);
        };
        let start_n = (a.ns + skip).min(a.ne.saturating_sub(1)).max(a.ns);
        let last = self.norm.map.len() - 1;
        let s = self.norm.map[start_n.min(last)];
        let (_, e) = self.norm.to_original(b.ns, b.ne);
        (s, e.max(s))
    }
}

impl View<'_> {
    /// The original text of tokens `i..j` (no proclitic skipped).
    pub fn orig_text(&self, i: usize, j: usize) -> &str {
        let (s, e) = self.orig_span(i, 0, j);
        self.ix.slice(self.orig, Span::new(s, e))
    }
}
