//! Reads JSON Lines with `sentence` (or `text`) and optional `anchor`, and
//! writes each object back with the `times` and `quantities` found.
//! Usage: `cargo run -p marsad-values --example values_jsonl < in.jsonl > out.jsonl`

use std::io::{BufRead, Write};

fn main() {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (n, line) in std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .enumerate()
    {
        let Ok(mut obj) = serde_json::from_str::<serde_json::Value>(&line) else {
            eprintln!("line {}: not JSON, skipped", n + 1);
            continue;
        };
        let text = obj
            .get("sentence")
            .or_else(|| obj.get("text"))
            .and_then(|t| t.as_str())
            .unwrap_or("")
            .to_string();
        let anchor = obj
            .get("anchor")
            .and_then(|a| a.as_str())
            .and_then(marsad_values::parse_anchor);
        let (times, qs) = marsad_values::analyze(&text, anchor);
        obj["times"] = serde_json::to_value(times).unwrap_or_default();
        obj["quantities"] = serde_json::to_value(qs).unwrap_or_default();
        let _ = writeln!(out, "{obj}");
    }
}
