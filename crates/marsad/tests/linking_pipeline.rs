//! Entity linking as `marsad analyze` does it: the whole pipeline (sentences,
//! NER, values, then KB linking) on the real SaudiNewsNet articles of the
//! linking gold sets, scored like `marsad eval linking --pipeline`. The KB
//! crate's own floors (crates/marsad-kb/tests/kb.rs) score the linker on the
//! bare text; NER's spans change what it sees (a span swallowing a verb and
//! two names, a foreign name read as a clitic + stem), so the end-to-end
//! number is lower and is held here.

use marsad::Pipeline;
use marsad_core::testing::shared_present;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn score(set: &str) -> Option<marsad_kb::eval::LinkingScore> {
    let corpus = root().join("../shared/data/corpus/saudinewsnet");
    if !shared_present(&corpus) {
        return None;
    }
    let gold = marsad_kb::eval::read_gold(&root().join("crates/marsad-kb/tests/data").join(set))
        .unwrap_or_else(|e| panic!("{e}"));
    let pipeline = Pipeline::bundled().expect("bundled assets load");
    let s = marsad_kb::eval::score_linking_with(pipeline.kb(), &gold, &corpus, &mut |doc| {
        pipeline
            .annotate(doc)
            .unwrap_or_else(|e| panic!("a stage failed: {e}"))
    })
    .unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "{set}: P {:.3} R {:.3} (in KB {:.3})",
        s.precision, s.recall, s.recall_in_kb
    );
    Some(s)
}

/// Floors a little under what was measured on 2026-11-24: at 10:22 UTC dev
/// P 0.979 R 0.849, held-out P 0.909 R 0.677, held-out 2 P 0.877 R 0.714;
/// with NER spans that hide KB names dropped (`hidden_names` in
/// marsad-kb's link.rs, 10:25 UTC) dev P 0.977 R 0.880, held-out P 0.917
/// R 0.703, held-out 2 P 0.874 R 0.729. Held-out 3 (20 articles of
/// 2015-08-09 in the corpus's own mix of sections, annotated before session
/// 4's changes): frozen session-3 system P 0.741 R 0.463; with session 4's
/// KB coverage (12:37 UTC, working tree) P 0.768 R 0.511. With the
/// session-4 KB and the linking decisions of marsad-kb 76c4664 (13:12 UTC:
/// NER spans inside institution names, media titles over NER spans, the
/// sentence's country for bare institutions, event names): dev P 0.983
/// R 0.898, held-out P 0.939 R 0.752, held-out 2 P 0.913 R 0.848, held-out
/// 3 P 0.761 R 0.515 (the session-4 KB with session-3 linking: .977/.886,
/// .919/.722, .896/.824, .760/.500); 13:22 UTC, with organizations named
/// after places and one-word dictionary persons left local: held-out P
/// 0.962, held-out 2 P 0.937, held-out 3 P 0.769 (recall unchanged); 13:27
/// UTC, NER spans crossing or over-reaching a confident KB name give way and
/// NER mentions prefer detectable entries (13:35 UTC, a one-word person's
/// name inside a longer person span kept): dev P 0.984 R 0.910, held-out P
/// 0.967 R 0.771, held-out 2 P 0.937 R 0.852, held-out 3 P 0.768 R 0.522.
/// Held-out 4 (27 articles of 2015-07-23 and 2015-08-04, annotated before
/// session 5's changes; totals only): frozen d457dd4 P 0.782 R 0.561; with
/// session 5's KB coverage (same frozen code, 15:54 UTC) P 0.794 R 0.570
/// (held-out 3 P 0.817 R 0.592). Session 5's linking decisions (16:01
/// UTC; same asset with session-4 linking measured alongside: dev
/// .984/.922, held-out .968/.797, held-out 2 .937/.852, held-out 3
/// .807/.585, held-out 4 .794/.570): division nouns, the document's country
/// for namesake places, event and municipality heads, ل+ال read as definite,
/// the sentences of `doc.sentences`: dev P 0.984 R 0.931, held-out P 0.969
/// R 0.820, held-out 2 P 0.937 R 0.852, held-out 3 P 0.925 R 0.680,
/// held-out 4 P 0.823 R 0.587.
/// Held-out 5 (the clean set of session 6: totals only, never its errors):
/// P 0.848 R 0.628 on frozen d559ae6; with the sixth session's coverage
/// block (measured in session 7 on 9ec9e0c + the block) P 0.855 R 0.662.
/// Session 7's linking decisions (53657c5, with the committed session-7
/// asset; bare club names in sports text, districts, modifiers, placed
/// institutions): dev P 0.984 R 0.943, held-out 0.978/0.820, held-out 2
/// 0.937/0.852, held-out 3 0.937/0.761, held-out 4 0.964/0.809, held-out 5
/// 0.859/0.688. Only held-out 5's floor guarded an estimate: the rules were
/// written from the errors of dev and held-out 1–4, so their floors are
/// regression tripwires, not measures of quality. (Held-out 6, drawn at the
/// end of session 7, has no floor until its annotation is reviewed.)
/// Session 8: held-out 5 became a studied set (its errors were read and the
/// KB's eighth-session categories drawn from them), so its floor is now a
/// tripwire too: P 0.901 R 0.792 with the session-8 asset (1ce3168; without
/// the 17 entries and 2 spellings whose referents its errors showed, the
/// linker alone scores it exactly as before: the gain is fit). Session 8's
/// linking decisions (82d57ff: definite names, given names before a name,
/// initials with a period, division lists, a Saudi outlet's country),
/// release build, same asset: held-out 5 P 0.922 R 0.814 (the other sets
/// unchanged); floor 0.90/0.79 under it, a tripwire (rules read its errors).
/// The clean sets of session 8 (annotated from the text, their errors never
/// read; totals only): held-out 6 after its second reading P 0.883 R 0.622
/// and held-out 7 P 0.846 R 0.668, both the same at the session's start and
/// end (lead, release build of 093fb55); floors a little under them, the
/// floors that guard estimates.
#[test]
fn end_to_end_linking_floors() {
    for (set, p, r) in [
        ("linking_gold.jsonl", 0.97, 0.93),
        ("linking_heldout.jsonl", 0.96, 0.80),
        ("linking_heldout2.jsonl", 0.92, 0.84),
        ("linking_heldout3.jsonl", 0.92, 0.74),
        ("linking_heldout4.jsonl", 0.94, 0.79),
        ("linking_heldout5.jsonl", 0.90, 0.79),
        ("linking_heldout6.jsonl", 0.86, 0.60),
        ("linking_heldout7.jsonl", 0.82, 0.64),
    ] {
        let Some(s) = score(set) else { return };
        assert!(
            s.precision >= p,
            "{set}: precision {:.3} < {p}",
            s.precision
        );
        assert!(s.recall >= r, "{set}: recall {:.3} < {r}", s.recall);
    }
}
