//! Builds the KB without the `marsad` binary (same code path as
//! `marsad kb build`): `cargo run -p marsad-kb --example kb_build -- ../shared/data [OUT] [COORDS]`
//! (OUT defaults to `assets/kb/kb.json.gz`; COORDS is the GeoNames coordinates file, see docs/kb.md).

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let from = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data".into());
    let t0 = std::time::Instant::now();
    let out = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "assets/kb/kb.json.gz".into());
    let opts = marsad_kb::build::BuildOptions {
        coords: std::env::args().nth(3).map(std::path::PathBuf::from),
        ..Default::default()
    };
    let asset = marsad_kb::build::build_with(
        std::path::Path::new(&from),
        std::path::Path::new("kb/supplement.tsv"),
        &opts,
    )?;
    let size = marsad_kb::build::write_asset(&asset, std::path::Path::new(&out))?;
    for (f, n) in &asset.stats.read {
        eprintln!("read {n:>6} entries from {f}");
    }
    for s in asset.stats.skipped.iter().take(15) {
        eprintln!("skipped {s}");
    }
    eprintln!(
        "skipped {} lines; {} referents, {} agents, {} demonyms; {} KB in {:.1}s",
        asset.stats.skipped.len(),
        asset.entries.len(),
        asset.agents.len(),
        asset.demonyms.len(),
        size / 1024,
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}
