//! Times `Kb::link` on whole files (one document each, no NER mentions) and
//! optionally writes the linked mentions and entities as JSON, to check that
//! a change to the linker's cost leaves its output unchanged:
//! `cargo run --release -p marsad-kb --example link_timing -- FILE… [--out DIR]`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let kb = marsad_kb::Kb::bundled()?;
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let out = match args.iter().position(|a| a == "--out") {
        Some(p) if p + 1 < args.len() => {
            let d = args.remove(p + 1);
            args.remove(p);
            Some(std::path::PathBuf::from(d))
        }
        _ => None,
    };
    for path in &args {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let chars = text.chars().count();
        let mut doc = marsad_core::Document::new(path.clone(), Default::default(), text);
        doc.published = Some("2015-07-21".into());
        let t = std::time::Instant::now();
        kb.link(&mut doc);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        println!(
            "{path}: {chars} code points, {} mentions, {} entities, link {ms:.1} ms",
            doc.mentions.len(),
            doc.entities.len()
        );
        if let Some(dir) = &out {
            let name = std::path::Path::new(path)
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_else(|| "doc".into());
            let v = serde_json::json!({"mentions": doc.mentions, "entities": doc.entities});
            std::fs::write(dir.join(format!("{name}.json")), serde_json::to_string(&v)?)?;
        }
    }
    Ok(())
}
