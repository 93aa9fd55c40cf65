//! The linker alone over the first N articles of a SaudiNewsNet day, one
//! line per linked mention (URL, start, mention text, referent), for
//! comparing two linkers (or two KB files) on the field:
//! `MARSAD_KB=kb.json.gz cargo run --release -p marsad-kb --example field_links -- ../shared/data/corpus/saudinewsnet/2015-08-01.zip 5000 > links.tsv`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let zip = args
        .next()
        .ok_or("usage: field_links DAY.zip [N] (a SaudiNewsNet zip)")?;
    let n: usize = args.next().map_or(Ok(usize::MAX), |s| {
        s.parse()
            .map_err(|e| format!("N `{s}` is not a number of articles: {e}"))
    })?;
    let kb = match std::env::var_os("MARSAD_KB") {
        Some(p) => marsad_kb::Kb::load(std::path::Path::new(&p))?,
        None => marsad_kb::Kb::bundled()?,
    };
    let t = std::time::Instant::now();
    let mut out = String::new();
    let read = marsad_kb::eval::each_article(std::path::Path::new(&zip), n, &mut |_, a| {
        let mut doc = a.document();
        kb.link(&mut doc);
        for (mi, m) in doc.mentions.iter().enumerate() {
            if let Some(id) = marsad_kb::eval::system_ref(&kb, &doc, mi) {
                out.push_str(&format!(
                    "{}\t{}\t{}\t{}\n",
                    tsv(&a.url),
                    m.span.start,
                    tsv(&m.text),
                    id
                ));
            }
        }
    })?;
    print!("{out}");
    eprintln!(
        "{read} articles linked in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A TSV field: page text's tabs and line breaks become spaces.
fn tsv(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}
