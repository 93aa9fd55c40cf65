//! Prints what the extractor makes of one page (HTML, optionally .gz):
//! `cargo run -p marsad-extract --example extract_page -- PAGE.html[.gz]`.
//! A debugging aid: title, byline, date, body and every cut piece with its reason.

use std::io::Read;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: extract_page PAGE.html[.gz]");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: cannot read: {e}");
            std::process::exit(1);
        }
    };
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        if let Err(e) = flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut out) {
            eprintln!("{path}: corrupt gzip: {e}");
            std::process::exit(1);
        }
        out
    } else {
        bytes
    };
    let source = marsad_core::Source {
        path: Some(path.clone()),
        format: "html".into(),
        ..Default::default()
    };
    let raw = marsad_extract::RawDoc::new(bytes, marsad_extract::PageFormat::Html, source);
    match marsad_extract::extract(&raw) {
        Ok(d) => {
            println!("TITLE: {:?}\nBYLINE: {:?}\nPUBLISHED: {:?}\nSITE: {:?}\nLANG: {:?}\nURL: {:?}\nENCODING: {}\nWARNINGS: {:?}", d.title, d.byline, d.published, d.site, d.language, d.source.url, d.source.encoding, d.warnings);
            println!("---- TEXT\n{}\n---- REMOVED", d.text);
            for r in &d.removed {
                let t: String = r.text.chars().take(160).collect();
                println!("[{}] {}", r.reason, t);
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
