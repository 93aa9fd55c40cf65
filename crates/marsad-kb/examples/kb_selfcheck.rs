//! Self-check of the compiled KB through the text layer (see
//! [`marsad_kb::eval::curated_names_selfcheck`]):
//! `cargo run -p marsad-kb --example kb_selfcheck [-- KB_FILE]` prints every
//! curated name form that is not found and linked to its entry, and the rate.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let kb = match std::env::args().nth(1) {
        Some(p) => marsad_kb::Kb::load(std::path::Path::new(&p))?,
        None => marsad_kb::Kb::bundled()?,
    };
    for (src, ok, n) in marsad_kb::eval::detected_names_by_source(&kb, 2000) {
        println!("{src}: {ok}/{n} detected names found and linked back");
    }
    let sup = std::fs::read_to_string("kb/supplement.tsv")?;
    let r = marsad_kb::eval::curated_names_selfcheck(&kb, &sup);
    for m in &r.misses {
        println!("MISS {m}");
    }
    println!(
        "{}/{} curated name forms found and linked ({:.3})",
        r.linked,
        r.forms,
        r.linked as f64 / r.forms.max(1) as f64
    );
    Ok(())
}
