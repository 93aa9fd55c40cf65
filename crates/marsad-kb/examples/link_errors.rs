//! Every linking disagreement on a gold file, with the words around it
//! (the scoring of `marsad eval linking`, all errors instead of the first
//! 40): `cargo run -p marsad-kb --example link_errors -- GOLD.jsonl
//! [CORPUS_DIR]`. Lines: `FP|FN|OK surface → system/gold … | context`.

use marsad_core::{Document, Source, Span};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

#[derive(serde::Deserialize)]
struct Article {
    url: String,
    date_extracted: Option<String>,
    content: String,
}

fn context(doc: &Document, sp: Span) -> String {
    let chars: Vec<char> = doc.text.chars().collect();
    let lo = sp.start.saturating_sub(60);
    let hi = (sp.end + 60).min(chars.len());
    let s: String = chars[lo..sp.start].iter().collect();
    let m: String = chars[sp.start..sp.end.min(chars.len())].iter().collect();
    let e: String = chars[sp.end.min(chars.len())..hi].iter().collect();
    format!("{s}[[{m}]]{e}").replace('\n', " ")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let gold_path = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "crates/marsad-kb/tests/data/linking_gold.jsonl".into());
    let corpus = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "../shared/data/corpus/saudinewsnet".into());
    let show_ok = std::env::var("SHOW_OK").is_ok();
    let kb = marsad_kb::Kb::bundled()?;
    let gold = marsad_kb::eval::read_gold(Path::new(&gold_path))?;
    let mut want: HashMap<String, Vec<String>> = HashMap::new();
    for g in &gold {
        want.entry(g.zip.clone()).or_default().push(g.url.clone());
    }
    let mut arts: HashMap<String, Article> = HashMap::new();
    for (zip, urls) in want {
        let p = Path::new(&corpus).join(&zip);
        let mut z = zip::ZipArchive::new(std::fs::File::open(&p)?)?;
        for i in 0..z.len() {
            let mut s = String::new();
            z.by_index(i)?.read_to_string(&mut s)?;
            let v: Vec<Article> = serde_json::from_str(&s)?;
            for a in v {
                if urls.contains(&a.url) {
                    arts.insert(a.url.clone(), a);
                }
            }
        }
    }
    let (mut sys_n, mut ok_n, mut gold_n, mut found_n) = (0, 0, 0, 0);
    for g in &gold {
        let Some(a) = arts.get(&g.url) else {
            eprintln!("missing article {}", g.url);
            continue;
        };
        let mut doc = Document::new(g.url.clone(), Source::default(), a.content.clone());
        doc.published = a.date_extracted.clone();
        kb.link(&mut doc);
        println!("## {} ({:?})", g.url, doc.published);
        let ix = doc.char_index();
        let mut gs: Vec<(Span, String, String)> = Vec::new();
        for (surf, occ, r) in &g.mentions {
            if let Some((b, _)) = a.content.match_indices(surf.as_str()).nth(*occ) {
                let st = ix.char_of(b);
                gs.push((
                    Span::new(st, st + surf.chars().count()),
                    r.clone(),
                    surf.clone(),
                ));
            }
        }
        let mut sys: Vec<(Span, String, String, Option<String>)> = Vec::new();
        for m in &doc.mentions {
            let Some(e) = doc
                .entities
                .iter()
                .find(|e| Some(&e.id) == m.entity.as_ref())
            else {
                continue;
            };
            let Some(r) = e.kb.as_ref() else { continue };
            let rs = if e.reading.as_deref() == Some("capital-as-government") {
                format!("gov:{}", r.country.clone().unwrap_or_default())
            } else {
                let id = r.id.clone().unwrap_or_default();
                if let Some(c) = id.strip_prefix("mk:c:") {
                    format!("c:{c}")
                } else if id.starts_with("gn:") {
                    id
                } else {
                    match kb.entry(&id).and_then(|x| x.wiki.clone()) {
                        Some(w) => format!("wiki:{}", w.replace(' ', "_")),
                        None => id,
                    }
                }
            };
            sys.push((m.span, rs, m.text.clone(), e.reading.clone()));
        }
        sys_n += sys.len();
        for (sp, r, t, _) in &sys {
            let ok = gs.iter().any(|(g, gr, _)| g.overlaps(sp) && gr == r);
            if ok {
                ok_n += 1;
                if show_ok {
                    println!("OK {t} → {r}");
                }
            } else {
                let gr = gs
                    .iter()
                    .find(|(g, _, _)| g.overlaps(sp))
                    .map(|x| x.1.as_str())
                    .unwrap_or("-");
                println!("FP {t} → {r} (gold {gr}) | {}", context(&doc, *sp));
            }
        }
        for (sp, gr, surf) in &gs {
            if gr == "NIL" {
                continue;
            }
            gold_n += 1;
            if sys.iter().any(|(s, r, _, _)| s.overlaps(sp) && r == gr) {
                found_n += 1;
            } else {
                let got = sys
                    .iter()
                    .find(|(s, _, _, _)| s.overlaps(sp))
                    .map(|x| x.1.clone())
                    .unwrap_or_else(|| "-".into());
                println!("FN {surf} → {gr} (system {got}) | {}", context(&doc, *sp));
            }
        }
    }
    println!(
        "P {:.3} ({ok_n}/{sys_n}) R {:.3} ({found_n}/{gold_n})",
        ok_n as f64 / sys_n.max(1) as f64,
        found_n as f64 / gold_n.max(1) as f64
    );
    Ok(())
}
