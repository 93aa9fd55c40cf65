//! Prints GSR actor spans whose looked-up code differs from the gold code:
//! `cargo run -p marsad-kb --example gsr_errors | head -50`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let kb = marsad_kb::Kb::bundled()?;
    for f in ["assault_spans.json", "protest_spans.json"] {
        let p = std::path::Path::new("../shared/data/events/arabic-event-gsr").join(f);
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p)?)?;
        for r in v.as_array().into_iter().flatten() {
            for sp in r["spans"].as_array().into_iter().flatten() {
                for (a, role) in [
                    ("source_actor", "source_role"),
                    ("target_actor", "target_role"),
                ] {
                    let toks: Vec<&str> = sp[a]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|x| x.as_str())
                        .collect();
                    let Some(o) = sp[role].as_object().filter(|o| !o.is_empty()) else {
                        continue;
                    };
                    if toks.is_empty() {
                        continue;
                    }
                    let part = |k: &str| {
                        o.get(k)
                            .and_then(|v| v.as_str())
                            .filter(|v| *v != "None")
                            .unwrap_or("")
                            .to_string()
                    };
                    let gold = format!("{}{}", part("main"), part("role"));
                    let text = toks.join(" ");
                    let pred = kb
                        .lookup(&text, None)
                        .and_then(|m| m.cameo)
                        .unwrap_or_default();
                    if pred != gold {
                        println!("{gold:10} {pred:10} {text}");
                    }
                }
            }
        }
    }
    Ok(())
}
