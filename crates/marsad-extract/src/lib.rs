//! From page bytes to an article.
//!
//! * [`input`]: turns paths, directories, stdin, `.gz`, JSON Lines / JSON
//!   arrays (and archives) into [`RawDoc`]s, one per page, each failure its
//!   own error so a batch goes on.
//! * [`extract`]: decodes a [`RawDoc`] and finds the article in it: title,
//!   byline, date, site, the clean body, and every piece of chrome cut, with
//!   its reason, in `removed`.

pub mod dates;
pub mod decode;
pub mod eval;
pub mod html;
pub mod html_meta;
pub mod input;
pub mod score;
mod score_table;
pub mod text;
pub mod warc;

use marsad_core::{Document, Source};

pub use input::{list_files, read_path, read_stdin, InputError, InputFormat};

/// What kind of page a [`RawDoc`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFormat {
    /// HTML markup.
    Html,
    /// Scraped text: a list of lines (title, byline, widgets, body, related links).
    Text,
}

/// One page as read from an input, before extraction.
#[derive(Debug, Clone)]
pub struct RawDoc {
    /// The page bytes (HTML or text), not yet decoded.
    pub body: Vec<u8>,
    /// How to read `body`.
    pub format: PageFormat,
    /// Provenance (path, url, record). `encoding` is filled by [`extract`].
    pub source: Source,
    /// A title given beside the page (JSON Lines `title`).
    pub title: Option<String>,
    /// A publication date given beside the page (JSON Lines `published` or
    /// `date_extracted`, or an archive's date), ISO 8601.
    pub published: Option<String>,
    /// An id given beside the page (JSON Lines `id`).
    pub id: Option<String>,
    /// The charset named by an HTTP `Content-Type` header (archives).
    pub http_charset: Option<String>,
}

impl RawDoc {
    /// A raw document with only bytes, format and provenance.
    pub fn new(body: Vec<u8>, format: PageFormat, source: Source) -> Self {
        RawDoc {
            body,
            format,
            source,
            title: None,
            published: None,
            id: None,
            http_charset: None,
        }
    }

    /// A short name for messages: the path, the URL, or the record.
    pub fn name(&self) -> String {
        let mut s = self
            .source
            .path
            .clone()
            .or_else(|| self.source.url.clone())
            .unwrap_or_else(|| "<stdin>".into());
        if let Some(r) = &self.source.record {
            s.push_str(&format!(" ({r})"));
        }
        s
    }
}

/// Why a page yielded no document.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// Nothing to analyse.
    #[error("the page is empty")]
    Empty,
    /// The bytes are not text (NUL bytes, control characters).
    #[error("the input looks binary, not text or HTML ({0}); pass a text, HTML, JSON Lines or WARC file")]
    Binary(String),
    /// The page is over the per-page size bound.
    #[error("the page is {size} bytes, over the {limit}-byte limit per page")]
    TooLarge {
        /// Page size.
        size: usize,
        /// The bound.
        limit: usize,
    },
}

/// Pages larger than this are refused rather than risking minutes on one
/// document (a 50 MB page is still read; 64 MiB is the bound).
pub const MAX_PAGE_BYTES: usize = 64 << 20;

/// Decodes `raw` and extracts the article into a new [`Document`] whose
/// `title`, `byline`, `published`, `site`, `text`, `removed`, `paragraphs`,
/// `language` and `source` are set (the later layers are empty).
pub fn extract(raw: &RawDoc) -> Result<Document, ExtractError> {
    if raw.body.len() > MAX_PAGE_BYTES {
        return Err(ExtractError::TooLarge {
            size: raw.body.len(),
            limit: MAX_PAGE_BYTES,
        });
    }
    if raw.body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ExtractError::Empty);
    }
    let decoded = decode::decode(&raw.body, raw.format, raw.http_charset.as_deref());
    if decode::looks_binary(&decoded.text) {
        return Err(ExtractError::Binary(decoded.why_binary()));
    }
    let mut source = raw.source.clone();
    source.encoding = decoded.encoding.to_string();
    let id = raw
        .id
        .clone()
        .unwrap_or_else(|| marsad_core::stable_id(&raw.body));
    let mut doc = match raw.format {
        PageFormat::Text => {
            text::extract_text_page_titled(&decoded.text, id, source, raw.title.as_deref())
        }
        PageFormat::Html => html::extract_html(&decoded.text, id, source),
    };
    doc.warnings.extend(decoded.warnings);
    if raw.title.is_some() {
        doc.title = raw.title.clone();
    }
    if doc.published.is_none() {
        doc.published = raw.published.clone();
    }
    doc.paragraphs = marsad_arabic::paragraphs(&doc.text);
    // The body's own language wins when it can be told (pages often keep a
    // template's `lang="en"` over Arabic text); the page's `lang` otherwise.
    // (the first ~2,000 characters are plenty and bound the cost)
    let detected = if doc.text.chars().count() >= 40 {
        let end = doc
            .text
            .char_indices()
            .nth(2000)
            .map_or(doc.text.len(), |(i, _)| i);
        marsad_arabic::detect_language(&doc.text[..end]).map(str::to_string)
    } else {
        None
    };
    doc.language = detected.or(doc.language.take());
    Ok(doc)
}
