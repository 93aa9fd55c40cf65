//! A field sample of the session-3 linking rules: links the first N articles
//! of a SaudiNewsNet zip and prints every institution named without its
//! country (ORG mentions of confidence 0.7) and every unqualified role
//! mention (PER, 0.7) with its entity and the words around it, to be read by
//! hand: `cargo run --release -p marsad-kb --example rule_sample --
//! ../shared/data/corpus/saudinewsnet/2015-07-21.zip 300`.

use std::io::Read;

#[derive(serde::Deserialize)]
struct Article {
    content: String,
    date_extracted: Option<String>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: rule_sample ZIP [N]")?.to_string();
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(300);
    let kb = marsad_kb::Kb::bundled()?;
    let mut z =
        zip::ZipArchive::new(std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?)?;
    let mut done = 0;
    for i in 0..z.len() {
        let mut s = String::new();
        z.by_index(i)?.read_to_string(&mut s)?;
        let arts: Vec<Article> = serde_json::from_str(&s)?;
        for a in arts {
            if done >= n {
                return Ok(());
            }
            done += 1;
            let mut doc = marsad_core::Document::new("a", Default::default(), a.content);
            doc.published = a.date_extracted.map(|d| d.chars().take(10).collect());
            kb.link(&mut doc);
            let chars: Vec<char> = doc.text.chars().collect();
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
                let lo = m.span.start.saturating_sub(50);
                let hi = (m.span.end + 30).min(chars.len());
                let ctx: String = chars[lo..hi].iter().collect();
                println!(
                    "{done}\t{:?}\t{}\t→ {what}\t| {}",
                    m.kind,
                    m.text,
                    ctx.replace('\n', " ")
                );
            }
        }
    }
    Ok(())
}
