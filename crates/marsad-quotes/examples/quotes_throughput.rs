//! Times the quote finder over every article of a SaudiNewsNet archive:
//! `cargo run --release -p marsad-quotes --example quotes_throughput -- ARCHIVE.zip`.
//! Sentences and paragraphs are computed first and not timed.

use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: quotes_throughput ARCHIVE.zip");
        std::process::exit(2);
    };
    let arts = match marsad_quotes::eval::read_archive(std::path::Path::new(&path)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("quotes_throughput: {e}");
            std::process::exit(2);
        }
    };
    let docs: Vec<marsad_core::Document> = arts
        .iter()
        .map(|a| {
            let mut d = marsad_core::Document::new("x", Default::default(), a.content.clone());
            d.paragraphs = marsad_arabic::paragraphs(&d.text);
            d.sentences = marsad_arabic::sentences(&d.text);
            d
        })
        .collect();
    let chars: usize = docs.iter().map(|d| d.text.chars().count()).sum();
    let t = Instant::now();
    let mut quotes = 0usize;
    let mut direct = 0usize;
    for d in &docs {
        let q = marsad_quotes::find_quotes(d);
        direct += q
            .iter()
            .filter(|q| q.kind == marsad_core::QuoteKind::Direct)
            .count();
        quotes += q.len();
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{{\"articles\": {}, \"chars\": {chars}, \"quotes\": {quotes}, \"direct\": {direct}, \"seconds\": {s:.3}, \"articles_per_s\": {:.0}, \"mb_per_s\": {:.2}}}",
        docs.len(),
        docs.len() as f64 / s,
        docs.iter().map(|d| d.text.len()).sum::<usize>() as f64 / s / 1e6
    );
}
