//! Links a text read from stdin and prints mentions and entities:
//! `echo "…" | cargo run -p marsad-kb --example link_demo -- 2015-07-21`.

use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let kb = marsad_kb::Kb::bundled()?;
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let mut doc = marsad_core::Document::new("demo", Default::default(), text);
    doc.published = std::env::args().nth(1);
    kb.link(&mut doc);
    for (i, m) in doc.mentions.iter().enumerate() {
        println!("m{i} {:?} {} {:?} → {:?}", m.span, m.text, m.kind, m.entity);
    }
    for e in &doc.entities {
        println!(
            "{} {:?} {} roles={:?} reading={:?} kb={:?} mentions={:?}",
            e.id,
            e.kind,
            e.name,
            e.roles,
            e.reading,
            e.kb.as_ref().map(|k| (k.id.clone(), k.cameo.clone())),
            e.mentions
        );
    }
    for q in std::env::args().skip(2) {
        println!("lookup {q}: {:?}", kb.lookup(&q, doc.published.as_deref()));
    }
    Ok(())
}
