//! A field sample of the session-3 linking rules: links the first N articles
//! of a SaudiNewsNet zip and prints every institution named without its
//! country (ORG mentions of confidence 0.7) and every unqualified role
//! mention (PER, 0.7) with its entity and the words around it, to be read by
//! hand: `cargo run --release -p marsad-kb --example rule_sample --
//! ../shared/data/corpus/saudinewsnet/2015-07-21.zip 300`.

use marsad_kb::eval;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: rule_sample ZIP [N]")?.to_string();
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(300);
    let kb = marsad_kb::Kb::bundled()?;
    eval::each_article(std::path::Path::new(&path), n, &mut |done, a| {
        let mut doc = a.document();
        kb.link(&mut doc);
        for m in &doc.mentions {
            if (m.confidence - 0.7).abs() > 1e-6 {
                continue;
            }
            let e = doc
                .entities
                .iter()
                .find(|e| Some(&e.id) == m.entity.as_ref());
            let what = e
                .map(|e| {
                    format!(
                        "{} {:?}",
                        e.name,
                        e.kb.as_ref().and_then(|k| k.cameo.clone())
                    )
                })
                .unwrap_or_default();
            println!(
                "{done}\t{:?}\t{}\t→ {what}\t{}",
                m.kind,
                m.text,
                eval::context(&doc.text, m.span)
            );
        }
    })?;
    Ok(())
}
