//! The gold set of real SaudiNewsNet sentences: ≥ 300 time expressions and
//! ≥ 300 quantities with expected values; the analyser must get ≥ 95 % of
//! each exactly right and leave the non-expressions alone.

use marsad_values::eval::{read_gold, score};

fn gold() -> Vec<marsad_values::eval::GoldItem> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/values_gold.jsonl");
    let text = std::fs::read_to_string(path).expect("the gold set ships with the crate");
    read_gold(&text).expect("gold set parses")
}

#[test]
fn gold_set_is_large_sourced_and_consistent() {
    let g = gold();
    let times = g
        .iter()
        .filter(|x| x.layer == "time" && !x.expect_none)
        .count();
    let qs = g
        .iter()
        .filter(|x| x.layer == "quantity" && !x.expect_none)
        .count();
    assert!(times >= 300, "{times} time expressions");
    assert!(qs >= 300, "{qs} quantities");
    for x in &g {
        assert_eq!(x.id.len(), 16, "article id of {:?}", x.text);
        assert!(x.url.as_deref().is_some_and(|u| u.starts_with("http")));
        assert!(x.anchor.is_some());
        let got: String = x
            .sentence
            .chars()
            .skip(x.start)
            .take(x.text.chars().count())
            .collect();
        assert_eq!(got, x.text, "span of {:?}", x.text);
    }
    // every category of the issue is represented
    for cat in [
        "greg_month_gulf",
        "greg_month_levant",
        "greg_paired",
        "hijri",
        "numeric_date",
        "weekday",
        "relative_day",
        "relative_period",
        "ago_after",
        "ordinal_day",
        "part_of_period",
        "year",
        "clock",
        "interval",
        "duration",
        "digits_thousands",
        "digits_indic",
        "decimal",
        "percent",
        "digits_scale",
        "range",
        "words_units",
        "words_tens_hundreds",
        "words_thousands",
        "approx",
        "vague",
        "casualties",
    ] {
        assert!(
            g.iter()
                .filter(|x| x.category == cat && !x.expect_none)
                .count()
                >= 5,
            "category {cat}"
        );
    }
}

#[test]
fn at_least_95_percent_exact_values() {
    let rep = score(&gold());
    for e in &rep.errors {
        eprintln!("{e}");
    }
    assert!(rep.time.accuracy >= 0.95, "times: {:?}", rep.time);
    assert!(
        rep.quantity.accuracy >= 0.95,
        "quantities: {:?}",
        rep.quantity
    );
    let neg_ok = (rep.time.negatives_ok + rep.quantity.negatives_ok) as f64
        / (rep.time.negatives + rep.quantity.negatives) as f64;
    assert!(neg_ok >= 0.95, "non-expressions left alone: {neg_ok}");
    // units of quantities (plural forms count as misses)
    assert!(
        rep.quantity.unit_ok as f64 / rep.quantity.items as f64 >= 0.88,
        "units: {:?}",
        rep.quantity
    );
}

/// A second sample (seed 5, sentences not in the main set), annotated after
/// the analyser was frozen: an honest estimate for unseen text. Floors a
/// little under what was measured (times 0.929, quantities 1.0).
#[test]
fn held_out_sample() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/values_heldout.jsonl"
    );
    let text = std::fs::read_to_string(path).expect("the held-out set ships with the crate");
    let rep = score(&read_gold(&text).expect("held-out set parses"));
    for e in &rep.errors {
        eprintln!("{e}");
    }
    assert!(rep.time.items >= 60 && rep.quantity.items >= 40);
    assert!(rep.time.accuracy >= 0.9, "times: {:?}", rep.time);
    assert!(
        rep.quantity.accuracy >= 0.95,
        "quantities: {:?}",
        rep.quantity
    );
}
