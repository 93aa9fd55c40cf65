//! Every linking disagreement on a gold file, with the words around it
//! (the scoring of `marsad eval linking`, all errors instead of the first
//! 400): `cargo run -p marsad-kb --example link_errors -- GOLD.jsonl
//! [CORPUS_DIR]`. Lines: `FP|FN|OK surface → system/gold … | context`
//! (`SHOW_OK=1` prints the agreements too).

use marsad_core::Span;
use marsad_kb::eval;
use std::path::Path;

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
    let gold = eval::read_gold(Path::new(&gold_path))?;
    let arts = eval::articles(Path::new(&corpus), &gold)?;
    let (mut sys_n, mut ok_n, mut gold_n, mut found_n) = (0, 0, 0, 0);
    for g in &gold {
        let Some(a) = arts.get(&g.url) else {
            eprintln!("missing article {}", g.url);
            continue;
        };
        let mut doc = a.document();
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
        let sys: Vec<(Span, String, String)> = (0..doc.mentions.len())
            .filter_map(|mi| {
                let m = &doc.mentions[mi];
                eval::system_ref(&kb, &doc, mi).map(|r| (m.span, r, m.text.clone()))
            })
            .collect();
        sys_n += sys.len();
        for (sp, r, t) in &sys {
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
                println!("FP {t} → {r} (gold {gr}) {}", eval::context(&doc.text, *sp));
            }
        }
        for (sp, gr, surf) in &gs {
            if gr == "NIL" {
                continue;
            }
            gold_n += 1;
            if sys.iter().any(|(s, r, _)| s.overlaps(sp) && r == gr) {
                found_n += 1;
            } else {
                let got = sys
                    .iter()
                    .find(|(s, _, _)| s.overlaps(sp))
                    .map(|x| x.1.clone())
                    .unwrap_or_else(|| "-".into());
                println!(
                    "FN {surf} → {gr} (system {got}) {}",
                    eval::context(&doc.text, *sp)
                );
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
