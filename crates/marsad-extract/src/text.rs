//! Scraped-text pages: a list of lines. (Issue #2 builds the real chrome cutter.)

use marsad_core::{Document, Source};

/// Extracts the article from a scraped text page.
pub fn extract_text_page(page: &str, id: String, source: Source) -> Document {
    let paras: Vec<&str> = page
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    Document::new(id, source, paras.join("\n\n"))
}
