//! Throughput of `marsad_values::analyze` on real text.
//!
//! `cargo run --release -p marsad-values --example values_bench -- [ZIP…]`
//! (default: the first three SaudiNewsNet days in ../shared). Reads every
//! article body into memory first, then times one pass on one thread and
//! prints MB/s (MB = 10^6 bytes of UTF-8 text).

use std::io::Read;
use std::time::Instant;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/corpus/saudinewsnet"
        );
        for d in ["2015-07-21", "2015-07-22", "2015-07-23"] {
            args.push(format!("{dir}/{d}.zip"));
        }
    }
    let mut texts: Vec<String> = Vec::new();
    for path in &args {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("{path}: {e} (pass zip files of JSON arrays with a `content` field)");
                std::process::exit(2);
            }
        };
        let mut zip = match zip::ZipArchive::new(file) {
            Ok(z) => z,
            Err(e) => {
                eprintln!("{path}: not a zip archive: {e}");
                std::process::exit(2);
            }
        };
        for k in 0..zip.len() {
            let mut s = String::new();
            if let Ok(mut f) = zip.by_index(k) {
                if f.read_to_string(&mut s).is_err() {
                    continue;
                }
            }
            if let Ok(serde_json::Value::Array(arts)) =
                serde_json::from_str::<serde_json::Value>(&s)
            {
                for a in arts {
                    if let Some(c) = a.get("content").and_then(|c| c.as_str()) {
                        texts.push(c.to_string());
                    }
                }
            }
        }
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let anchor = marsad_values::parse_anchor("2015-07-21");
    // warm-up (builds the lexicon)
    let _ = marsad_values::analyze("في 26 نوفمبر قتل 12 جنديا", anchor);
    let c0 = cpu_seconds();
    let t0 = Instant::now();
    let (mut nt, mut nq) = (0usize, 0usize);
    for t in &texts {
        let (a, b) = marsad_values::analyze(t, anchor);
        nt += a.len();
        nq += b.len();
    }
    let secs = t0.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(c0).map(|(a, b)| a - b);
    println!(
        "{} documents, {:.1} MB, wall {:.2} s = {:.1} MB/s; {} times, {} quantities",
        texts.len(),
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs,
        nt,
        nq
    );
    if let Some(cpu) = cpu {
        println!(
            "CPU time of this thread {:.2} s = {:.1} MB/s per core (independent of other load on the machine)",
            cpu,
            bytes as f64 / 1e6 / cpu
        );
    }
}

/// User + system CPU seconds of this process (Linux /proc), or None.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // fields after the ")" of the command name; utime and stime are 14 and 15
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
