//! Tagging-speed probe for profiling: loads a model once and tags a CoNLL
//! file `--repeat` times as one document (no scoring), printing tokens per
//! second of the whole loop. `cargo run --release -p marsad-ner --example
//! ner_speed -- MODEL GOLD [REPEAT]`.

use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(model), Some(gold)) = (args.first(), args.get(1)) else {
        eprintln!("usage: ner_speed MODEL GOLD [REPEAT]");
        std::process::exit(2);
    };
    let repeat: usize = args.get(2).and_then(|x| x.parse().ok()).unwrap_or(10);
    let run = || -> Result<(), Box<dyn std::error::Error>> {
        let tagger = marsad_ner::Tagger::load(Path::new(model))?;
        let gold = marsad_ner::conll::read(Path::new(gold))?;
        let sents: Vec<Vec<String>> = gold.iter().map(|s| s.tokens.clone()).collect();
        let ntok: usize = sents.iter().map(|s| s.len()).sum();
        let t0 = Instant::now();
        let c0 = cpu_seconds();
        let mut found = 0usize;
        for _ in 0..repeat {
            for t in tagger.tag_document(&sents, false) {
                found += t.labels.iter().filter(|l| l.starts_with('B')).count();
            }
        }
        let secs = t0.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - c0;
        println!(
            "{} tokens x {repeat} in {secs:.3}s wall, {cpu:.2}s CPU: {:.0} tokens/s wall, {:.0} tokens per CPU-second ({found} span starts)",
            ntok,
            (ntok * repeat) as f64 / secs,
            (ntok * repeat) as f64 / cpu.max(1e-9)
        );
        Ok(())
    };
    if let Err(e) = run() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}

/// User + system CPU time of this process (Linux /proc; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return 0.0;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) / 100.0
}
