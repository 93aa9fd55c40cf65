//! `marsad`: the command line. Each subcommand lives in `cmd/`, one module
//! per stage, and returns the process exit status:
//! 0 everything done, 1 some documents failed (each named on stderr),
//! 2 the command itself was wrong.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod cmd;

/// Marsad (مرصد): Arabic news pages to a linked, searchable record of who did
/// what to whom, who said what, when and where.
#[derive(Parser)]
#[command(name = "marsad", version, about, long_about = None, propagate_version = true)]
struct Cli {
    /// More logging on stderr (-v info, -vv debug, -vvv trace). RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse pages and print one marsad/1 JSON document per page (JSON Lines).
    Analyze(cmd::analyze::AnalyzeArgs),
    /// Analyse pages into a database (idempotent, parallel, crash-safe).
    Ingest(cmd::store::IngestArgs),
    /// Re-analyse every stored document with the current pipeline.
    ///
    /// After an upgrade: each document's layers are replaced; its text and
    /// the search index are kept.
    Reanalyze(cmd::store::ReanalyzeArgs),
    /// Serve the JSON API and the web UI over a database.
    Serve(cmd::store::ServeArgs),
    /// Full-text search (Arabic-aware) over a database.
    Search(cmd::store::SearchArgs),
    /// List events in a database, filtered.
    Events(cmd::store::EventsArgs),
    /// Export events or documents (JSON Lines, CSV, GDELT 2.0 rows).
    Export(cmd::export::ExportArgs),
    /// Train a model.
    #[command(subcommand)]
    Train(TrainCmd),
    /// Evaluate a stage against gold data; prints JSON metrics.
    #[command(subcommand)]
    Eval(EvalCmd),
    /// Knowledge-base tools.
    #[command(subcommand)]
    Kb(KbCmd),
}

#[derive(Subcommand)]
enum TrainCmd {
    /// Train the named-entity tagger from CoNLL or WikiFANE files.
    Ner(cmd::ner::TrainNerArgs),
    /// Learn word clusters (distributional features) from unlabeled text.
    Clusters(cmd::ner::TrainClustersArgs),
    /// Train the events report-vs-mention filter (prints its CV report).
    ///
    /// Trained on the Arabic event gold standard; the report gives the
    /// cross-validation estimate and the in-sample scores.
    EventsFilter(cmd::events::TrainFilterArgs),
    /// Train the link-acceptance model on the studied linking gold sets
    ///
    /// Prints its leave-one-set-out CV report (docs/kb.md).
    LinkAccept(cmd::kb::TrainLinkAcceptArgs),
}

#[derive(Subcommand)]
enum EvalCmd {
    /// Named entities: conlleval-exact span P/R/F1 on a gold file.
    Ner(cmd::ner::EvalNerArgs),
    /// Article extraction: the scrapinghub benchmark metric and pages/s.
    Extract(cmd::extract::EvalExtractArgs),
    /// Event detection and actor codes on the Arabic event gold standard.
    Events(cmd::events::EvalEventsArgs),
    /// Time expressions and quantities on a gold set.
    Values(cmd::values::EvalValuesArgs),
    /// Entity linking on a gold set (and CAMEO actor codes on the GSR spans).
    Linking(cmd::kb::EvalLinkingArgs),
    /// Quote detection and speaker accuracy on annotated SaudiNewsNet articles.
    Quotes(cmd::quotes::EvalQuotesArgs),
}

#[derive(Subcommand)]
enum KbCmd {
    /// Compile the knowledge base from the source dictionaries and gazetteers.
    Build(cmd::kb::KbBuildArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose);
    let result = match cli.command {
        Command::Analyze(a) => cmd::analyze::run(a),
        Command::Ingest(a) => cmd::store::ingest(a),
        Command::Reanalyze(a) => cmd::store::reanalyze(a),
        Command::Serve(a) => cmd::store::serve(a),
        Command::Search(a) => cmd::store::search(a),
        Command::Events(a) => cmd::store::events(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Train(TrainCmd::Ner(a)) => cmd::ner::train(a),
        Command::Train(TrainCmd::Clusters(a)) => cmd::ner::train_clusters(a),
        Command::Train(TrainCmd::EventsFilter(a)) => cmd::events::train_filter(a),
        Command::Train(TrainCmd::LinkAccept(a)) => cmd::kb::train_link_accept(a),
        Command::Eval(EvalCmd::Ner(a)) => cmd::ner::eval(a),
        Command::Eval(EvalCmd::Extract(a)) => cmd::extract::eval(a),
        Command::Eval(EvalCmd::Events(a)) => cmd::events::eval(a),
        Command::Eval(EvalCmd::Values(a)) => cmd::values::eval(a),
        Command::Eval(EvalCmd::Linking(a)) => cmd::kb::eval_linking(a),
        Command::Eval(EvalCmd::Quotes(a)) => cmd::quotes::eval(a),
        Command::Kb(KbCmd::Build(a)) => cmd::kb::build(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("marsad: error: {e:#}");
            cmd::EXIT_FAILED
        }
    }
}

fn init_logging(verbose: u8) {
    use tracing_subscriber::EnvFilter;
    let level = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    // html5ever logs spec-conformance notes ("foster parenting not
    // implemented") at warn level for ordinary broken markup: they are not
    // about the user's input being wrong, so keep them out of the default view.
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        let quiet = if verbose < 2 {
            ",html5ever=error,markup5ever=error"
        } else {
            ""
        };
        EnvFilter::new(format!("{level}{quiet}"))
    });
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .try_init();
}
