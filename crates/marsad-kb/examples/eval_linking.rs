//! Same scoring as `marsad eval linking` without the CLI:
//! `cargo run -p marsad-kb --example eval_linking -- crates/marsad-kb/tests/data/linking_gold.jsonl`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let gold = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "crates/marsad-kb/tests/data/linking_gold.jsonl".into());
    // MARSAD_KB=path scores a KB file instead of the embedded asset
    let kb = match std::env::var_os("MARSAD_KB") {
        Some(p) => marsad_kb::Kb::load(std::path::Path::new(&p))?,
        None => marsad_kb::Kb::bundled()?,
    };
    let g = marsad_kb::eval::read_gold(std::path::Path::new(&gold))?;
    let s = marsad_kb::eval::score_linking(
        &kb,
        &g,
        std::path::Path::new("../shared/data/corpus/saudinewsnet"),
    )?;
    for e in &s.errors {
        println!("{e}");
    }
    let gsr = "../shared/data/events/arabic-event-gsr";
    let a = marsad_kb::eval::score_actors(
        &kb,
        &[
            &std::path::Path::new(gsr).join("assault_spans.json"),
            &std::path::Path::new(gsr).join("protest_spans.json"),
        ],
    )?;
    let mut s = s;
    s.errors.clear();
    println!("{}", serde_json::to_string_pretty(&s)?);
    println!("{}", serde_json::to_string_pretty(&a)?);
    Ok(())
}
