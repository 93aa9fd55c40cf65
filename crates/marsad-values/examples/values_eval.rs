//! Scores the gold set: `values_eval [GOLD]` (default: the crate's test set).
fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/values_gold.jsonl").to_string()
    });
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let gold = match marsad_values::eval::read_gold(&text) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let rep = marsad_values::eval::score(&gold);
    for e in &rep.errors {
        println!("ERR {e}");
    }
    let mut r = rep.clone();
    r.errors.clear();
    println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default());
}
