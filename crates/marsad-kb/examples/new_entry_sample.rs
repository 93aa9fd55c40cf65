//! A field sample of curated entries: links the first N articles of a
//! SaudiNewsNet zip and prints every mention linked to an entry of
//! `kb/supplement.tsv` added after a given header line (the block of one
//! session), with the words around it, to be read by hand for wrong aliases:
//! `cargo run --release -p marsad-kb --example new_entry_sample --
//! ../shared/data/corpus/saudinewsnet/2015-07-22.zip 400 "fourth session"`.
//! `HEADER_TEXT` may be `@FILE`: the ids listed in FILE, one per line.
//! Uses the bundled KB (rebuild the asset and the example first); set
//! `MARSAD_KB=PATH` to read another asset file.

use std::collections::HashSet;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: new_entry_sample ZIP [N] [HEADER_TEXT]";
    let path = args.get(1).ok_or(usage)?.to_string();
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(300);
    let header = args
        .get(3)
        .cloned()
        .unwrap_or_else(|| "fourth session".into());
    let sup_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../kb/supplement.tsv");
    let sup = std::fs::read_to_string(sup_path).map_err(|e| format!("{sup_path}: {e}"))?;
    let mut on = false;
    let mut ids: HashSet<String> = HashSet::new();
    // `@FILE`: the ids listed in FILE (one per line; e.g. GeoNames places a
    // build change made detectable) instead of a supplement block
    if let Some(f) = header.strip_prefix('@') {
        let t = std::fs::read_to_string(f).map_err(|e| format!("{f}: {e}"))?;
        ids.extend(
            t.lines()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty()),
        );
    }
    for line in sup.lines().filter(|_| !header.starts_with('@')) {
        if line.starts_with('#') {
            on |= line.contains(header.as_str());
            continue;
        }
        if on {
            if let Some(id) = line.split('\t').next() {
                ids.insert(id.to_string());
            }
        }
    }
    eprintln!("{} entries after the header «{header}»", ids.len());
    let kb = match std::env::var_os("MARSAD_KB") {
        Some(p) => marsad_kb::Kb::load(std::path::Path::new(&p))?,
        None => marsad_kb::Kb::bundled()?,
    };
    let mut hits = 0;
    let done = marsad_kb::eval::each_article(std::path::Path::new(&path), n, &mut |done, a| {
        let mut doc = a.document();
        kb.link(&mut doc);
        for m in &doc.mentions {
            let Some(e) = doc
                .entities
                .iter()
                .find(|e| Some(&e.id) == m.entity.as_ref())
            else {
                continue;
            };
            let Some(kid) = e.kb.as_ref().and_then(|k| k.id.clone()) else {
                continue;
            };
            if !ids.contains(&kid) {
                continue;
            }
            hits += 1;
            println!(
                "{done}\t{}\t→ {} ({kid})\t{}",
                m.text,
                e.name,
                marsad_kb::eval::context(&doc.text, m.span)
            );
        }
    })?;
    eprintln!("{done} articles, {hits} links to the block's entries");
    Ok(())
}
