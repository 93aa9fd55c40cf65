//! HTML pages: main content and metadata. (Issue #8 builds the real one.)

use marsad_core::{Document, Source};

/// Extracts the article of an HTML page.
pub fn extract_html(html: &str, id: String, source: Source) -> Document {
    // Placeholder until the HTML extractor lands: strip tags crudely so that
    // analyze does not print markup.
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let text = out.split_whitespace().collect::<Vec<_>>().join(" ");
    Document::new(id, source, text)
}
