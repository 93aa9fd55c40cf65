//! Candidates for `kb/stoplist.txt`, from word frequencies over the whole
//! SaudiNewsNet corpus:
//! `cargo run --release -p marsad-kb --example stoplist_candidates -- [CORPUS_DIR] [MIN_FREQ]`.
//!
//! Every corpus word (normalized) seen at least MIN_FREQ times (default 20)
//! is linked alone with the bundled KB. A word that the linker turns into a
//! one-word place, organization or person mention is printed, tab-separated:
//!
//! * `split  WORD  freq  NAME  name_freq  ID` — the match needs proclitics
//!   stripped (كبيرا → ك + بيرا) and the word as written is more frequent
//!   than the name written alone: the word is a word of its own;
//! * `common WORD  freq  suffixed  ID` — the word is the name as written;
//!   `suffixed` counts the word with a possessive pronoun (عيونهم، ميدانه),
//!   which proper names almost never take. These are reviewed by hand
//!   before they go into the stoplist (Moscow is frequent too).

use std::collections::HashMap;
use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let corpus = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "../shared/data/corpus/saudinewsnet".into());
    let min: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(20);
    let mut freq: HashMap<String, usize> = HashMap::new();
    let mut zips: Vec<_> = std::fs::read_dir(&corpus)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "zip"))
        .collect();
    zips.sort();
    #[derive(serde::Deserialize)]
    struct Article {
        content: String,
    }
    let mut docs = 0usize;
    for p in &zips {
        let mut z = zip::ZipArchive::new(std::fs::File::open(p)?)?;
        for i in 0..z.len() {
            let mut s = String::new();
            z.by_index(i)?.read_to_string(&mut s)?;
            let arts: Vec<Article> = serde_json::from_str(&s)?;
            for a in arts {
                docs += 1;
                for t in marsad_arabic::tokenize(&a.content) {
                    if t.kind == marsad_arabic::TokenKind::Arabic {
                        *freq
                            .entry(marsad_arabic::normalize_str(t.text(&a.content)))
                            .or_default() += 1;
                    }
                }
            }
        }
    }
    eprintln!("{docs} articles, {} distinct words", freq.len());
    let kb = marsad_kb::Kb::bundled()?;
    let f = |w: &str| freq.get(w).copied().unwrap_or(0);
    let mut words: Vec<(&String, &usize)> = freq.iter().filter(|(_, &n)| n >= min).collect();
    words.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (w, &n) in words {
        let mut d = marsad_core::Document::new("w", Default::default(), w.clone());
        kb.link(&mut d);
        let [m] = d.mentions.as_slice() else { continue };
        let Some(e) = d.entities.iter().find(|e| Some(&e.id) == m.entity.as_ref()) else {
            continue;
        };
        let Some(id) = e.kb.as_ref().and_then(|k| k.id.clone()) else {
            continue;
        };
        let name = marsad_arabic::normalize_str(&m.text);
        if m.span.start > 0 {
            // proclitics stripped: compare with the name written alone
            let bare = name.strip_prefix("ال").unwrap_or(&name);
            let nf = f(&name).max(f(bare)).max(f(&format!("ال{bare}")));
            if n > nf {
                println!("split\t{w}\t{n}\t{name}\t{nf}\t{id}");
            }
        } else {
            let stem = w
                .strip_prefix("ال")
                .filter(|r| r.chars().count() >= 2)
                .unwrap_or(w);
            let stem = stem
                .strip_suffix('ه')
                .map(|r| format!("{r}ت"))
                .unwrap_or(stem.to_string());
            let suffixed: usize = ["ه", "ها", "هم", "هن", "ي", "نا", "كم", "هما"]
                .iter()
                .map(|s| f(&format!("{stem}{s}")))
                .sum();
            println!("common\t{w}\t{n}\t{suffixed}\t{id}");
        }
    }
    Ok(())
}
