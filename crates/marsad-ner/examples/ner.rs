//! A minimal driver of the NER commands that builds without the whole CLI:
//! `cargo run --release -p marsad-ner --example ner -- train|eval|clusters …`.
//! Flags are those of `marsad train ner`, `marsad eval ner`, `marsad train clusters`.

use marsad_ner::cli;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |k: &str| {
        args.iter()
            .position(|a| a == k)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let many = |k: &str| -> Vec<String> {
        let mut v = Vec::new();
        if let Some(i) = args.iter().position(|a| a == k) {
            for a in &args[i + 1..] {
                if a.starts_with("--") {
                    break;
                }
                v.push(a.clone());
            }
        }
        v
    };
    let r = match args.first().map(String::as_str) {
        Some("train") => cli::train_ner(&cli::TrainNer {
            train: many("--train"),
            dev: get("--dev"),
            holdout: get("--holdout").and_then(|x| x.parse().ok()),
            out: get("--out").unwrap_or_else(|| "model.bin".into()),
            gazetteers: get("--gazetteers"),
            clusters: get("--clusters"),
            kb: get("--kb"),
            names_corpus: many("--names-corpus"),
            names_opts: {
                let d = marsad_ner::context::HarvestOptions::default();
                marsad_ner::context::HarvestOptions {
                    min_count: get("--names-min-count")
                        .and_then(|x| x.parse().ok())
                        .unwrap_or(d.min_count),
                    min_share: get("--names-min-share")
                        .and_then(|x| x.parse().ok())
                        .unwrap_or(d.min_share),
                    strong_share: d.strong_share,
                }
            },
            epochs: get("--epochs").and_then(|x| x.parse().ok()).unwrap_or(9),
            bits: get("--bits").and_then(|x| x.parse().ok()).unwrap_or(22),
            folds: get("--folds").and_then(|x| x.parse().ok()).unwrap_or(5),
            cost: get("--cost").and_then(|x| x.parse().ok()).unwrap_or(1.0),
            cv: get("--cv").and_then(|x| x.parse().ok()).unwrap_or(0),
            jobs: get("--jobs").and_then(|x| x.parse().ok()).unwrap_or(1),
            crf_lr: get("--crf").and_then(|x| x.parse().ok()).unwrap_or(0.03),
            repeat: get("--repeat").and_then(|x| x.parse().ok()).unwrap_or(3),
            self_train: get("--self-train")
                .and_then(|x| x.parse().ok())
                .unwrap_or(0),
            self_min_conf: get("--self-min-conf")
                .and_then(|x| x.parse().ok())
                .unwrap_or(0.9),
            self_shared: args.iter().any(|a| a == "--self-shared"),
            seed: get("--seed")
                .and_then(|x| x.parse().ok())
                .unwrap_or(0x6d61_7273_6164),
        }),
        Some("eval") => cli::eval_ner(&cli::EvalNer {
            gold: get("--gold").unwrap_or_default(),
            model: get("--model"),
            predictions: get("--predictions"),
        })
        .map(|_| ()),
        Some("clusters") => cli::train_clusters(&cli::TrainClusters {
            inputs: many("--in"),
            out: get("--out").unwrap_or_else(|| "clusters.tsv".into()),
            opts: marsad_ner::clusters::ClusterOptions {
                vocab: get("--vocab")
                    .and_then(|x| x.parse().ok())
                    .unwrap_or(50_000),
                min_count: get("--min-count").and_then(|x| x.parse().ok()).unwrap_or(5),
                ..Default::default()
            },
        }),
        _ => Err("usage: ner train|eval|clusters [flags]".into()),
    };
    if let Err(e) = r {
        eprintln!("ner: error: {e}");
        std::process::exit(1);
    }
}
