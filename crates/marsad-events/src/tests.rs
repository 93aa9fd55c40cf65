use super::*;
use crate::testing::{code_with, events_src, repo, sentence_doc, shared_present};
use marsad_core::{Document, Modality};

/// Rebuilds the generated assets from ../shared/data/events:
/// `cargo test -p marsad-events --release -- --ignored regenerate_assets`.
#[test]
#[ignore]
fn regenerate_assets() {
    let out = repo().join("assets/events");
    for (name, text) in build::build_all(&events_src()).expect("sources readable") {
        std::fs::write(out.join(name), text).expect("assets/events writable");
    }
}

#[test]
fn committed_assets_match_their_sources() {
    let src = events_src();
    if !shared_present(&src) {
        return;
    }
    for (name, text) in build::build_all(&src).expect("sources readable") {
        let have =
            std::fs::read_to_string(repo().join("assets/events").join(name)).unwrap_or_default();
        assert!(
            have == text,
            "assets/events/{name} is stale: run `cargo test -p marsad-events --release -- --ignored regenerate_assets`"
        );
    }
}

/// Codes `text` without the report-vs-mention filter: what the argument
/// rules find, whatever the filter would keep.
fn code_args(text: &str) -> Document {
    let mut coder = Coder::bundled().expect("bundled assets load");
    coder.set_filter(None);
    let doc = code_with(&coder, &marsad_kb::Kb::default(), text, Some("2015-07-21"));
    doc.validate().expect("valid spans");
    doc
}

fn code(text: &str) -> Document {
    let coder = Coder::bundled().expect("bundled assets load");
    let doc = code_with(&coder, &marsad_kb::Kb::default(), text, Some("2015-11-26"));
    doc.validate().expect("valid spans");
    doc
}

#[test]
fn verb_first_assault_with_nisba_source_and_target() {
    let d = code("نفذت قوات حلف شمال الأطلسي ضربة جوية على معسكر للمسلحين في أفغانستان.");
    let e = d
        .events
        .iter()
        .find(|e| e.cameo == "195")
        .expect("an aerial strike");
    assert_eq!(e.plover.as_ref().map(|p| p.kind.as_str()), Some("ASSAULT"));
    assert!(e.source.text.contains("قوات"), "{:?}", e.source);
    assert_eq!(e.date.as_deref(), Some("2015-11-26"));
    assert_eq!(e.date_basis.as_deref(), Some("published"));
    assert_eq!(e.modality, Modality::Asserted);
}

#[test]
fn nominal_trigger_takes_nisba_source() {
    let d = code("قتل 12 مدنيا في غارات روسية على إدلب.");
    let e = d
        .events
        .iter()
        .find(|e| e.cameo == "195")
        .expect("air raids");
    // an air raid attributed to a country is its military's
    assert_eq!(e.source.code.as_deref(), Some("RUSMIL"), "{:?}", e.source);
    let k = d.events.iter().find(|e| e.cameo == "190").expect("killing");
    assert_eq!(k.fatalities, Some(12));
}

#[test]
fn protest_and_its_actor_code() {
    let d = code("تظاهر آلاف الطلاب العراقيين في بغداد احتجاجا على الفساد.");
    let e = d
        .events
        .iter()
        .find(|e| e.cameo.starts_with("14"))
        .expect("a protest");
    assert_eq!(e.plover.as_ref().map(|p| p.kind.as_str()), Some("PROTEST"));
    assert!(e
        .location
        .as_ref()
        .is_some_and(|l| l.text.contains("بغداد")));
}

#[test]
fn modality_is_recorded_not_dropped() {
    let neg = code("لم تهاجم القوات الإسرائيلية القطاع.");
    assert_eq!(neg.events[0].modality, Modality::Negated);
    let fut = code("من المقرر أن يزور الرئيس الفرنسي القاهرة.");
    assert!(fut
        .events
        .iter()
        .any(|e| e.cameo == "042" && e.modality == Modality::Future));
    let fut2 = code("سيجتمع وزراء الخارجية العرب.");
    assert!(fut2
        .events
        .iter()
        .any(|e| e.cameo == "040" && e.modality == Modality::Future));
    let rel = code("نفذت القوات غارة على المعسكر أمس، ما أسفر عن مقتل 12 مسلحا.");
    assert!(rel.events.iter().all(|e| e.modality != Modality::Negated));
    let hyp = code("إذا هاجمت إيران السفن فإن الرد سيكون قاسيا.");
    assert!(hyp
        .events
        .iter()
        .any(|e| e.modality == Modality::Hypothetical));
}

#[test]
fn repeats_merge_into_one_event_with_provenance() {
    let d = code("زار الرئيس المصري الرياض. وكان الرئيس المصري زار الرياض لبحث الأزمة.");
    let visits: Vec<_> = d.events.iter().filter(|e| e.cameo == "042").collect();
    assert_eq!(visits.len(), 1, "{visits:?}");
    assert_eq!(visits[0].sentences.len(), 2);
    assert_eq!(visits[0].triggers.len(), 2);
}

#[test]
fn coordinated_actors_form_one_compound_actor() {
    let d = code("هاجمت فرنسا وبريطانيا مواقع التنظيم.");
    let e = d.events.iter().find(|e| e.cameo == "190").expect("attack");
    assert_eq!(e.source.members.len(), 2, "{:?}", e.source);
}

#[test]
fn gdelt_rows_have_61_columns_and_keep_leading_zeros() {
    let d = code("زار الرئيس المصري الرياض.");
    let e = &d.events[0];
    let row = export::gdelt_row(&d, 0, e, "20261124000000");
    let cols: Vec<&str> = row.split('\t').collect();
    assert_eq!(cols.len(), export::GDELT_COLUMNS);
    assert_eq!(cols[26], "042");
    assert_eq!(cols[28], "04");
    assert_eq!(cols[1], "20151126");
}

#[test]
fn bad_input_never_panics() {
    for t in [
        "",
        "،،،",
        "قتل",
        "123 456",
        "في في في على على",
        "«»\"\"",
        "a b c",
    ] {
        let _ = code(t);
    }
}

/// Scores the coder alone on the gold standard and writes its errors to
/// `target/events-gsr-errors.json` (development aid). Without the
/// report-vs-mention filter unless `MARSAD_GSR_FILTER` is set.
#[test]
#[ignore]
fn gsr_report() {
    let mut coder = Coder::bundled().expect("bundled assets load");
    if std::env::var_os("MARSAD_GSR_FILTER").is_none() {
        coder.set_filter(None);
    }
    let kb = marsad_kb::Kb::bundled().expect("kb loads");
    let dir = events_src().join("arabic-event-gsr");
    let s = gsr::evaluate(&dir, true, &mut |text, date| {
        code_with(&coder, &kb, text, date)
    })
    .expect("gold standard readable");
    let json = serde_json::to_string_pretty(&s).expect("serializable");
    std::fs::write(repo().join("target/events-gsr-errors.json"), &json).expect("target writable");
    let mut short = s.clone();
    short.errors.clear();
    eprintln!(
        "{}",
        serde_json::to_string_pretty(&short).expect("serializable")
    );
}

/// Prints the events of the sentence in `MARSAD_EVENTS_DEBUG` (development aid).
#[test]
#[ignore]
fn debug_sentence() {
    let text = std::env::var("MARSAD_EVENTS_DEBUG").unwrap_or_default();
    for line in text.lines() {
        let d = code_args(line);
        eprintln!("== {line}");
        let coder = Coder::bundled().expect("bundled");
        let kb = marsad_kb::Kb::default();
        let cx = annotate::Ctx::new(coder.lexicon(), &kb, &d, None);
        let ix = d.char_index();
        let toks = annotate::tokens(&d.text, marsad_core::Span::new(0, ix.char_len()), &ix);
        for t in &toks {
            eprintln!(
                "   tok {:?} prefix={:?} keys={:?}",
                t.cands,
                t.prefix,
                annotate::actor_keys(t)
            );
        }
        for t in annotate::triggers(coder.lexicon(), &toks) {
            eprintln!("   trigger {}..={} {} {:?}", t.i, t.j, t.code, t.pos);
        }
        for p in annotate::phrases(&cx, &toks) {
            eprintln!(
                "   phrase {}..{} {:?} prep={:?} place={:?}",
                p.a,
                p.b,
                p.code,
                p.prep,
                p.place.is_some()
            );
        }
        for e in &d.events {
            let tr: String = d
                .text
                .chars()
                .skip(e.trigger.start)
                .take(e.trigger.len())
                .collect();
            eprintln!(
                "  {} «{tr}» {:?} src={:?}/{:?} tgt={:?} loc={:?} {:?} dead={:?}",
                e.cameo,
                e.modality,
                e.source.text,
                e.source.code,
                e.target.as_ref().map(|t| (&t.text, &t.code)),
                e.location.as_ref().map(|l| &l.text),
                e.date_basis,
                e.fatalities
            );
        }
    }
}

/// Floors on the gold standard's dev half with the lexical coder alone
/// (earlier layers empty, empty KB, no report-vs-mention filter: the
/// filter has its own tests), a little under what this test measured on
/// 2026-11-24 (docs/events.md): ASSAULT F1 0.270 (recall 0.897), PROTEST F1
/// 0.265 (recall 0.754), actor codes 0.386 (source 0.523, target 0.265);
/// session 3 (09:34 UTC): actor codes 0.473 (source 0.591, target 0.370).
#[test]
fn gsr_floors_coder_alone() {
    let dir = events_src().join("arabic-event-gsr");
    if !shared_present(&dir) {
        return;
    }
    let mut coder = Coder::bundled().expect("bundled assets load");
    coder.set_filter(None);
    let kb = marsad_kb::Kb::default();
    let s = gsr::evaluate(&dir, false, &mut |text, date| {
        code_with(&coder, &kb, text, date)
    })
    .expect("gold standard readable");
    let a = &s.types["ASSAULT"];
    let p = &s.types["PROTEST"];
    eprintln!(
        "ASSAULT F1 {:.3} R {:.3}; PROTEST F1 {:.3} R {:.3}; actors {:.3} (source {:.3}, target {:.3})",
        a.detection.f1,
        a.detection.recall,
        p.detection.f1,
        p.detection.recall,
        s.actor_code_accuracy,
        s.source_accuracy,
        s.target_accuracy
    );
    // detection, session 3 (trigger classes, nominal slots, participants):
    // ASSAULT F1 0.291 recall 0.955, PROTEST F1 0.289 recall 0.842
    assert!(a.detection.f1 >= 0.27, "ASSAULT F1 {:.3}", a.detection.f1);
    assert!(
        a.detection.recall >= 0.93,
        "ASSAULT recall {:.3}",
        a.detection.recall
    );
    assert!(p.detection.f1 >= 0.27, "PROTEST F1 {:.3}", p.detection.f1);
    assert!(
        p.detection.recall >= 0.80,
        "PROTEST recall {:.3}",
        p.detection.recall
    );
    // actor codes: session 3 measured 0.473 (source 0.591, target 0.370);
    // session 4 (protest targets, pronoun victims, conventions) 0.510
    // (source 0.611, target 0.420); session 5 (speakers, casualties
    // among a group, compass prepositions, light-verb subjects …) 0.529
    // (source 0.632, target 0.438); session 6 (protest targets by compass
    // place and police, forces led by a country, استهدف after an attack
    // noun, claimed victims, gendarmerie / Sahwa / جماعة entries) 0.561
    // (source 0.658, target 0.475); session 7 (torture coded to the state
    // where it happened; the other session-7 rules act through the KB or
    // on the field only) 0.563 (source 0.663, target 0.475); session 8
    // (placed governments, embassies, passive casualties, attacked sites,
    // detonated devices, the gold scheme's main + role) 0.578 (source
    // 0.668, target 0.498); session 9 (quoted group names, member nouns,
    // a described unit before its force, Sahwa notables / Tamil rebels)
    // 0.587 (source 0.674, target 0.511)
    assert!(
        s.actor_code_accuracy >= 0.58,
        "actor codes {:.3}",
        s.actor_code_accuracy
    );
    assert!(s.source_accuracy >= 0.65, "source {:.3}", s.source_accuracy);
    assert!(s.target_accuracy >= 0.50, "target {:.3}", s.target_accuracy);
}

/// Development aid: the coder alone's scores on the gold standard with
/// every wrong side and its cause (`--errors` of `marsad eval events`
/// without the pipeline), written as JSON to `MARSAD_GSR_ERRORS`, for
/// before/after comparisons of argument rules while the CLI does not build:
/// `MARSAD_GSR_ERRORS=/tmp/gsr.json cargo test -p marsad-events gsr_errors_dump -- --ignored`.
#[test]
#[ignore]
fn gsr_errors_dump() {
    let Some(out) = std::env::var_os("MARSAD_GSR_ERRORS") else {
        return;
    };
    let dir = events_src().join("arabic-event-gsr");
    if !shared_present(&dir) {
        return;
    }
    let mut coder = Coder::bundled().expect("bundled assets load");
    coder.set_filter(None);
    let kb = marsad_kb::Kb::default();
    let s = gsr::evaluate(&dir, true, &mut |text, date| {
        code_with(&coder, &kb, text, date)
    })
    .expect("gold standard readable");
    let json = serde_json::to_string_pretty(&s).expect("scores serialize");
    std::fs::write(&out, json).expect("MARSAD_GSR_ERRORS writable");
}

/// Development aid: the coder alone's events for each line of the text file
/// `MARSAD_EVENTS_LINES` (trigger, code, source and target codes), to read
/// what an argument rule does to a sentence:
/// `MARSAD_EVENTS_LINES=/tmp/s.txt cargo test -p marsad-events events_of_lines -- --ignored --nocapture`.
#[test]
#[ignore]
fn events_of_lines() {
    let Some(path) = std::env::var_os("MARSAD_EVENTS_LINES") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("MARSAD_EVENTS_LINES readable");
    let mut coder = Coder::bundled().expect("bundled assets load");
    coder.set_filter(None);
    let kb = marsad_kb::Kb::default();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let doc = code_with(&coder, &kb, line, Some("2008-01-01"));
        let cut = |s: marsad_core::Span| {
            doc.text
                .chars()
                .skip(s.start)
                .take(s.len())
                .collect::<String>()
        };
        eprintln!("{line}");
        for e in &doc.events {
            let t = e.target.as_ref();
            eprintln!(
                "  {} «{}» S: {:?} «{}» T: {:?} «{}»",
                e.cameo,
                cut(e.trigger),
                e.source.code,
                e.source.text,
                t.and_then(|t| t.code.clone()),
                t.map(|t| t.text.as_str()).unwrap_or("")
            );
        }
    }
}

/// Development aid: the coder's time on one long body read from
/// `MARSAD_EVENTS_LONG` (a text file), with and without the filter:
/// `MARSAD_EVENTS_LONG=/tmp/big.txt cargo test -p marsad-events --release long_body_time -- --ignored --nocapture`.
#[test]
#[ignore]
fn long_body_time() {
    let Some(path) = std::env::var_os("MARSAD_EVENTS_LONG") else {
        return;
    };
    let text = std::fs::read_to_string(path).expect("readable");
    let kb = marsad_kb::Kb::default();
    for filtered in [false, true] {
        let mut coder = Coder::bundled().expect("bundled assets load");
        if !filtered {
            coder.set_filter(None);
        }
        let mut doc = sentence_doc(&text, None);
        let t = std::time::Instant::now();
        coder.annotate(&mut doc, &kb);
        eprintln!(
            "{} chars, filter {filtered}: {} events in {:.3} s",
            doc.text.chars().count(),
            doc.events.len(),
            t.elapsed().as_secs_f64()
        );
    }
}

// --- arguments (session 2): each construction on a real sentence
// (SaudiNewsNet 2015-07-21, or the gold standard's dev half where the
// corpus day has none), coded without the report-vs-mention filter.

fn event<'d>(d: &'d Document, cameo_prefix: &str) -> &'d marsad_core::Event {
    d.events
        .iter()
        .find(|e| e.cameo.starts_with(cameo_prefix))
        .unwrap_or_else(|| panic!("no {cameo_prefix} event in {:#?}", d.events))
}

fn tcode(e: &marsad_core::Event) -> Option<&str> {
    e.target.as_ref().and_then(|t| t.code.as_deref())
}

#[test]
fn result_noun_victims_are_the_attacks_target() {
    // SaudiNewsNet: the massacre's victims come after مما أدى إلى مقتل
    let d = code_args("ارتكبت الميليشيات الحوثية مجزرة في مدينة عدن، جنوب اليمن، بعدما أمطرت ضاحية دار سعد شمال المدينة بصواريخ الكاتيوشا وقنابل الهاون مما أدى إلى مقتل 43 مدنيا على الأقل وإصابة 173.");
    let massacre = event(&d, "20");
    assert_eq!(tcode(massacre), Some("CVL"), "{massacre:?}");
    let killing = event(&d, "190");
    assert!(killing.source.text.contains("الحوثية"), "{killing:?}");
    assert_eq!(killing.fatalities, Some(43));
    // gold dev half: the link word before the attack noun
    let d = code_args("وأدى هجوم انتحاري بسيارة مفخخة في ابريل (نيسان) الماضي الى مقتل 71 شخصا وإصابة 178 بينهم نساء وأطفال.");
    let attack = event(&d, "183");
    assert_eq!(tcode(attack), Some("CVL"));
    assert_eq!(attack.source.code.as_deref(), Some("UAF"));
    assert_ne!(
        event(&d, "190").source.code.as_deref(),
        Some("EDU"),
        "نيسان is a month"
    );
}

#[test]
fn counted_victims_of_a_passive_killing_are_the_target() {
    // SaudiNewsNet: وقتل 14 جنديا افغانيا (passive, no diacritics)
    let d = code_args("وقال محمد رحيم امين حاكم منطقة بركي براك حيث حصلت الغارة، ان النيران اندلعت في الحاجز ودمر بالكامل، وقتل 14 جنديا افغانيا.");
    let k = event(&d, "190");
    assert_eq!(tcode(k), Some("AFGMIL"), "{k:?}");
    assert_ne!(k.source.code.as_deref(), Some("AFGMIL"));
    // gold dev half: a counted subject before a plural verb, and the
    // unidentified attacker of the suicide attack as source
    let d = code_args("وقال مصدر امني ان «ستة اشخاص على الاقل قتلوا في هجوم انتحاري بسيارة مفخخة، استهدف نقطة تفتيش مشتركة، للجيش الاميركي والقوات العراقية، غرب مدينة الفلوجة».");
    let k = event(&d, "190");
    assert_eq!(tcode(k), Some("CVL"), "{k:?}");
    assert_eq!(k.source.code.as_deref(), Some("UAF"));
}

#[test]
fn suicide_bomber_with_nisba() {
    // SaudiNewsNet
    let d = code_args("فجّر انتحاري سعودي نفسه، مساء أمس، عند نقطة تفتيش أمنية في الرياض، مما دفع رجال الأمن إلى التعامل مع الموقف، وكانت النتيجة مقتل الانتحاري وإصابة اثنين من رجال الأمن.");
    let e = event(&d, "183");
    assert_eq!(e.source.code.as_deref(), Some("SAUUAF"), "{e:?}");
}

#[test]
fn object_after_a_comma_enclosed_time_adverbial() {
    // gold dev half (BENCHMARKS error 13): the comma after the subject does
    // not end the clause; الطيران is the air force
    let d = code_args(
        "اغتال الطيران الاسرائيلي، بعد ظهر امس خمسة فلسطينيين، في خان يونس جنوب قطاع غزة.",
    );
    let e = event(&d, "186");
    assert_eq!(e.source.code.as_deref(), Some("ISRMIL"));
    assert_eq!(tcode(e), Some("PSE"));
}

#[test]
fn ba_before_a_place_is_not_a_target() {
    // gold dev half (BENCHMARKS error 12)
    let d = code_args("تفجير انتحاري في فندق ماريوت بإسلام أباد، بباكستان، يقتل 60 شخصا.");
    for e in &d.events {
        let t = e.target.as_ref().map(|t| t.text.as_str()).unwrap_or("");
        assert!(!t.contains("باكستان") && !t.contains("أباد"), "{e:?}");
    }
    assert_eq!(tcode(event(&d, "190")), Some("CVL"));
}

#[test]
fn possessive_role_takes_the_country_named_before() {
    // gold dev half
    let d = code_args("وكان الجيش الاميركي قد أعلن أمس مقتل اثنين من جنوده، واصابة اثنين، في هجوم انتحاري في محافظة صلاح الدين، شمال بغداد أول من أمس.");
    assert_eq!(tcode(event(&d, "190")), Some("USAMIL"));
}

#[test]
fn undergoer_of_tarrada_is_the_target() {
    // gold dev half
    let d = code_args("*5 فبراير 2004: افادت تقارير بتعرض المرجع الشيعي آية الله علي السيستاني لمحاولة اغتيال في النجف.");
    assert_eq!(tcode(event(&d, "18")), Some("REL"));
}

#[test]
fn verbal_noun_after_a_light_verb() {
    // gold dev half: قام مسلحون مقنعون بخطف … (بخطف is a noun, not a verb)
    let d = code_args("ففي نابلس قام مسلحون مقنعون بخطف نائب رئيس البلدية مهدي حنبلي من سيارته، ولم يعرف اي شيء عن مصيره.");
    let e = event(&d, "181");
    // a bare nominative مسلحون keeps the dictionary's REB (docs/events.md)
    assert_eq!(e.source.code.as_deref(), Some("REB"), "{e:?}");
    assert_eq!(tcode(e), Some("GOV"), "{e:?}");
}

#[test]
fn agent_after_ala_yad_through_a_partitive() {
    // SaudiNewsNet
    let d =
        code_args("فانه اعتقل على يد افراد من قوة شرطة حرس الحدود الإسرائيلية في القدس في نوفمبر.");
    let e = event(&d, "17");
    assert!(e.source.text.contains("شرطة"), "{e:?}");
    assert_eq!(e.source.code.as_deref(), Some("COP"));
}

#[test]
fn protesters_as_subject_report_a_protest() {
    // gold dev half
    let d = code_args("ورشق مئات المتظاهرين قوات مكافحة الشغب بالحجارة والزجاجات الفارغة في شوارع ضيفة وسط كالكوتا.");
    let e = event(&d, "14");
    assert_eq!(e.source.code.as_deref(), Some("CVL"));
    assert_eq!(tcode(e), Some("COP"));
    let d = code_args("وخرج المتظاهرون المسلمون الى الشوارع في سريناجار العاصمة الصيفية لولاية جامو وكشمير مرددين هتافات منها «يسقط بوش».");
    assert!(d.events.iter().any(|e| e.cameo == "141"), "{:?}", d.events);
    // … but not as the object of dispersal, nor as speakers
    for text in [
        "وتدخلت قوات الأمن الكردية لتفريق المتظاهرين، بشكل سلمي وحثتهم على تقديم الشكوى ضد الشركة المذكورة الى القضاء، لاسترجاع حقوقهم.",
        "وقال المتظاهرون ان بعضهم خدم 30 عاما لكنه لم يتلق معاش تقاعد من الجيش منذ سبعة أشهر.",
    ] {
        let d = code_args(text);
        assert!(
            d.events.iter().all(|e| !e.cameo.starts_with("14")),
            "{text}: {:?}",
            d.events
        );
    }
}

#[test]
fn protest_target_after_a_cue() {
    // gold dev half
    let d = code_args("وفي الضفة الغربية، امس، خرج آلاف المتظاهرين، ضد ما سموه جرائم حماس في غزة، وهتفوا ضد حماس وابرز قادتها.");
    let e = event(&d, "14");
    assert_eq!(e.source.code.as_deref(), Some("CVL"));
    assert!(tcode(e).is_some_and(|c| c.starts_with("PSE")), "{e:?}");
}

#[test]
fn layer_index_finds_each_sentences_items() {
    use marsad_core::{Quote, Span};
    // three sentences; a quote spans the second only
    let text =
        "قال المتحدث إن القوات قصفت المعسكر. وأضاف «هاجم المسلحون الحاجز أمس». ثم انسحبت القوات.";
    let mut doc = sentence_doc(text, None);
    let chars: Vec<char> = text.chars().collect();
    let find = |w: &str| {
        let w: Vec<char> = w.chars().collect();
        (0..chars.len())
            .find(|&i| chars[i..].starts_with(&w))
            .expect("in text")
    };
    let a = find("«");
    let b = find("»") + 1;
    doc.quotes.push(Quote {
        span: Span::new(a, b),
        text: chars[a..b].iter().collect(),
        kind: marsad_core::QuoteKind::Direct,
        speaker: marsad_core::Speaker {
            text: "المتحدث".into(),
            entity: None,
            span: None,
        },
        cue: None,
    });
    let kb = marsad_kb::Kb::default();
    let lx = Coder::bundled().expect("bundled");
    let cx = annotate::Ctx::new(lx.lexicon(), &kb, &doc, None);
    let inside = Span::new(find("هاجم"), find("هاجم") + 4);
    let outside = Span::new(find("قصفت"), find("قصفت") + 4);
    let mut sweep = annotate::QuoteSweep::default();
    let open: Vec<Vec<usize>> = doc
        .sentences
        .iter()
        .map(|s| sweep.advance(&cx.layers, &doc, *s).to_vec())
        .collect();
    let in_sentence = |x: Span| {
        doc.sentences
            .iter()
            .position(|s| s.contains(&x))
            .expect("in a sentence")
    };
    assert_eq!(open[in_sentence(inside)], vec![0]);
    assert!(open[in_sentence(outside)].is_empty());
    let mut coder = Coder::bundled().expect("bundled");
    coder.set_filter(None);
    let mut d2 = doc.clone();
    coder.annotate(&mut d2, &kb);
    let attack = event(&d2, "190");
    assert_eq!(attack.modality, Modality::Reported);
    assert_eq!(attack.quote, Some(0));
}

#[test]
fn protest_source_a_protesting_group_or_a_participant_with_nisba() {
    // gold dev half: the opposition is the genitive source of the protests
    let d = code_args("تصاعدت احتجاجات المعارضة ضد الحكومة في تايلاند أمس، وأدت أعمال الشغب الى اقفال مطار بانكوك الدولي بعد أن اقتحم متظاهرون معارضون للحكومة مبنى الركاب.");
    let e = event(&d, "14");
    assert_eq!(e.source.code.as_deref(), Some("OPP"), "{e:?}");
    // (the government «في تايلاند» is Thailand's: session 8)
    assert_eq!(tcode(e), Some("THAGOV"));
    // ف of فلسطينيون is not a conjunction: the nisba glues to its noun
    let d = code_args("وكان متظاهرون فلسطينيون قد خرجوا الى الشوارع السبت، وسط رام الله في مظاهرات تطالب السلطة بوقف المفاوضات مع الاسرائيليين.");
    let e = event(&d, "14");
    assert_eq!(e.source.code.as_deref(), Some("PSECVL"), "{e:?}");
}

#[test]
fn passive_with_the_attack_in_a_phrase_and_no_false_future() {
    // gold dev half: جرح X في تفجير … is passive (X is the target, the car
    // bomb the unidentified source); سيارة is a noun, not the future سـ
    let d = code_args(
        "ـ 12 يوليو (تموز) 2005: جرح وزير الدفاع الياس المر في تفجير سيارة مفخخة استهدفت موكبه.",
    );
    let e = event(&d, "190");
    assert!(
        e.target
            .as_ref()
            .is_some_and(|t| t.text.contains("وزير الدفاع")),
        "{e:?}"
    );
    assert_eq!(e.source.code.as_deref(), Some("UAF"));
    assert!(
        d.events.iter().all(|e| e.modality != Modality::Future),
        "{:?}",
        d.events
    );
}

// --- arguments (session 3): each construction on a real sentence
// (SaudiNewsNet 2015-07-21 … 27 where the corpus has one, else the gold
// standard's dev half), coded without the report-vs-mention filter.

/// The event whose trigger text contains `word`.
fn event_at<'d>(d: &'d Document, word: &str) -> &'d marsad_core::Event {
    d.events
        .iter()
        .find(|e| {
            e.triggers.iter().any(|tr| {
                let t: String = d.text.chars().skip(tr.start).take(tr.len()).collect();
                t.contains(word)
            })
        })
        .unwrap_or_else(|| panic!("no event at «{word}» in {:#?}", d.events))
}

#[test]
fn coordinated_verb_takes_the_earlier_subject() {
    // SaudiNewsNet 2015-07-25: و + verb after a place that ends the
    // earlier clause; the subject is the forces that attacked
    let d = code_args("ونقلت وكالة الأناضول عن المتحدث باسم مجلس محافظة الأنبار عميد عياش أن القوات العراقية هاجمت مواقع لتنظيم داعش في منطقتي حصيبة وجويبة شرق الرمادي وقتلت 31 منهم، كما دمرت بعض آلياتهم.");
    let e = event_at(&d, "وقتلت");
    assert_eq!(e.source.code.as_deref(), Some("IRQMIL"), "{e:?}");
    // «N منهم»: some of the earlier clause's target
    assert_eq!(tcode(e), tcode(event_at(&d, "هاجمت")), "{e:?}");
    // SaudiNewsNet 2015-07-21: construct plural مسلحو, an earlier verb
    // that is no trigger, ف + verb; its object is the earlier على phrase
    let d = code_args("وأطلق مسلحو (داعش) النار على المواطنين فقتلوا اثنين منهم وأصابوا عشرة آخرين بجروح، فيما جرح ثلاثة مسلحين.");
    let e = event_at(&d, "فقتلوا");
    assert_eq!(e.source.text, "مسلحو", "{e:?}");
    assert_eq!(tcode(e), Some("CVL"), "{e:?}");
    // gold dev half: the phrase after ف + verb is its object, the
    // subject is the earlier clause's (a verb no trigger covers)
    let d = code_args("وفي بلدة «بيت حانون شمال غزة، اطلقت القوات الاسرائيلية المتمركزة شرق القطاع صاروخ ارض ـ ارض على المدرسة الزراعية شرق البلدة فقتلت المدرس هاني شعبان نعيم 40 عاما، وإصابة ثلاثة طلاب بجراح.");
    let e = event_at(&d, "فقتلت");
    assert_eq!(e.source.code.as_deref(), Some("ISRMIL"), "{e:?}");
    assert_eq!(tcode(e), Some("EDU"), "{e:?}");
    // ف that begins the verb (فتح) is no conjunction
    let d = code_args("كما أكد رئيس الجمهورية الجورجية، ميخائيل ساكاشفيلي، ان دبابات روسية فتحت النار على سكان ودمرت مباني في مدينة غوري.");
    let e = event_at(&d, "فتحت");
    assert_eq!(e.source.code.as_deref(), Some("RUSMIL"), "{e:?}");
}

#[test]
fn pronoun_resumed_and_partitive_subjects() {
    // gold dev half: وانهم + verb resumes the soldiers named before; a
    // count before a plural verb does not make it passive here
    let d = code_args("وقال مواطنون سوريون في منطقة البوكمال إن ثمانية جنود أميركيين نفذوا الغارة وانهم اختطفوا «مواطنا سوريا» بعد أن جرحوا وقتلوا عددا من الموجودين بالمكان.");
    let e = event_at(&d, "اختطفوا");
    assert_eq!(e.source.code.as_deref(), Some("USAMIL"), "{e:?}");
    assert_eq!(tcode(e), Some("SYRCVL"), "{e:?}");
    // gold dev half: a unit from a group is the group (قوة من الشرطة
    // العراقية), the subject of an إن clause far before its second verb
    let d = code_args("في سياق آخر قال عدد من سكان منطقة حسن كوي في تلعفر، إن قوة من الشرطة العراقية قامت بمداهمة جامع النور بعد صلاة العشاء من ليلة الخميس واعتدت على المصلين بالضرب والإهانة من دون ان توجد اسباب لهذا العمل.");
    let e = event_at(&d, "واعتدت");
    assert_eq!(e.source.code.as_deref(), Some("IRQCOP"), "{e:?}");
    assert_eq!(tcode(e), Some("CVL"), "worshippers are civilians: {e:?}");
}

#[test]
fn explicit_agent_makes_a_passive() {
    // SaudiNewsNet 2015-07-21: victims before a plural verb, the agent
    // after على أيدي
    let d = code_args("والكثير من الأشخاص قتلوا على الطريق السريع على أيدي المهاجمين.");
    let e = event_at(&d, "قتلوا");
    assert_eq!(tcode(e), Some("CVL"), "{e:?}");
    assert_eq!(e.source.code.as_deref(), Some("UAF"), "{e:?}");
    // gold dev half: a dual passive (اختطفا) with على يد
    let d = code_args("وقال خليل إن ضابط شرطة وجنديا من الجيش اختطفا من منزليهما على يد مسلحين خلال إجازتهما ثم قتلا في وقت لاحق.");
    let e = event_at(&d, "اختطفا");
    assert_eq!(e.source.code.as_deref(), Some("UAF"), "{e:?}");
    assert_eq!(tcode(e), Some("COP"), "{e:?}");
}

#[test]
fn headline_passive_with_an_unarmed_victim() {
    // gold dev half: خطف + one unarmed phrase is passive; بريطاني is a
    // nisba, not ب + a place
    let d = code_args("لاغوس ـ ا.ف.ب: خطف موظف بريطاني يعمل في احدى منصات النفط في المياه النيجيرية أمس، حسب مصدر في قطاع النفط.");
    let e = event_at(&d, "خطف");
    assert_eq!(tcode(e), Some("GBRCVL"), "{e:?}");
    assert_eq!(e.source.code, None, "{e:?}");
}

#[test]
fn attack_targets_what_it_was_aimed_at() {
    // gold dev half: استهدف X names the target; the victims counted after
    // أدى الى are people, the checkpoint the police's
    let d = code_args("وقال الرائد حسن الكروي من الشرطة ان «هجوماً انتحارياً بسيارة مفخخة استهدف نقطة تفتيش للشرطة، وادى الى مقتل 15 شخصا؛ بينهم سبعة من الشرطة واصابة عشرين آخرين بجروح».");
    let e = event(&d, "190");
    assert_eq!(tcode(e), Some("COP"), "{e:?}");
    // … but victims named first, as the clause's topic, stay the target
    let d = code_args("وقال مصدر امني ان «ستة اشخاص على الاقل قتلوا في هجوم انتحاري بسيارة مفخخة، استهدف نقطة تفتيش مشتركة، للجيش الاميركي والقوات العراقية، غرب مدينة الفلوجة».");
    assert_eq!(tcode(event(&d, "190")), Some("CVL"));
    // gold dev half: لدى مرور دورية للشرطة
    let d = code_args("وقالت مصادر امنية ان «سيارة مفخخة مركونة على جانب الطريق في شارع النضال (وسط بغداد) انفجرت لدى مرور دورية للشرطة، مما ادى الى مقتل اربعة وإصابة سبعة بجروح».");
    let e = event(&d, "190");
    assert_eq!(tcode(e), Some("COP"), "{e:?}");
}

#[test]
fn protest_targets_before_the_trigger_and_down_with() {
    // gold dev half: the cue (ضد) stands before the participants' verb
    let d = code_args("وتواصل المظاهرات الاحتجاجية ضد وجود القوات الإثيوبية في مقديشو حيث أغلق المتظاهرون الغاضبون شوارع رئيسية في العاصمة وبدأوا بإحراق إطارات السيارات.");
    let e = event(&d, "14");
    assert_eq!(tcode(e), Some("ETHMIL"), "{e:?}");
    // gold dev half: «يسقط بوش» (down with Bush)
    let d = code_args("وخرج المتظاهرون المسلمون الى الشوارع في سريناجار العاصمة الصيفية لولاية جامو وكشمير التي تقطنها أغلبية سنية مرددين هتافات منها «يسقط بوش».");
    let e = event(&d, "14");
    assert_eq!(tcode(e), Some("USAGOV"), "{e:?}");
    // gold dev half: a country nisba describing a noun (مدن باكستانية) is
    // no target; the protested decision's owner is
    let d = code_args("ونزل المتظاهرون الى الشوارع في عدة مدن باكستانية وسط غضب متزايد من قرار بريطانيا تكريم سلمان رشدي مؤلف كتاب «آيات شيطانية».");
    let e = event(&d, "14");
    assert_eq!(tcode(e), Some("GBR"), "{e:?}");
}

#[test]
fn attack_without_a_named_target_and_result_victims() {
    // gold dev half: no victim named, the attack is coded against the
    // country where it happened (not the attacker's own)
    let d = code_args("وكان مسؤول في البنتاغون قد قال أول من أمس، إن إسرائيل نفذت بالفعل ضربة جوية في سورية بعد منتصف ليلة الاربعاء من الاسبوع الماضي.");
    let e = event(&d, "195");
    assert_eq!(tcode(e), Some("SYR"), "{e:?}");
    // a country named as a noun is coded as named, not as its military
    assert_eq!(e.source.code.as_deref(), Some("ISR"), "{e:?}");
    // gold dev half: the victims after a result link, with no casualty
    // trigger of their own
    let d = code_args("واضاف ان «الانتحاريين فجرا نفسيهما قرب القوة المداهمة لاحد المنازل، ما اسفر عن اصابة ثلاثة من عناصر الجيش بجروح».");
    let e = event(&d, "183");
    assert_eq!(tcode(e), Some("MIL"), "{e:?}");
    // gold dev half: a group singled out among a bare count of victims
    let d = code_args("وفي تكريت، أسفر انفجار سيارة ملغومة في وسط المدينة، عن إصابة عشرة بينهم ثلاثة من رجال الشرطة.");
    let e = event(&d, "183");
    assert_eq!(tcode(e), Some("COP"), "{e:?}");
    // SaudiNewsNet 2015-07-24: a place after a place noun is where, not
    // who killed; the result noun takes the car bomb's source
    let d = code_args("وقال الجبوري إن سيارة مفخخة مركونة على جانب الطريق انفجرت عند مرور رتل لعناصر تنظيم داعش لدى دخوله بوابة مدينة الموصل من الجهة الجنوبية ما أسفر عن مقتل 42 منهم، بينهم قياديون وإصابة 18 آخرين.");
    let e = event_at(&d, "مقتل");
    assert_ne!(e.source.code.as_deref(), Some("IRQ"), "{e:?}");
}

#[test]
fn membership_and_origin_give_the_group() {
    // gold dev half: a bare role + في + an organization is a member of it
    let d = code_args("وفي الموصل (370 كلم شمال بغداد)، اعلن الرائد محمد احمد من الشرطة أن «مسلحين مجهولين اغتالوا ضابطا في الشرطة في الحي الصناعي (غرب)».");
    let e = event(&d, "186");
    assert_eq!(tcode(e), Some("COP"), "{e:?}");
    // gold dev half: a volunteer in the Iraqi army (passive with a count)
    let d = code_args("وقتل ما لا يقل عن 28 متطوعا في الجيش العراقي وجرح 55 شخصا اخرون منتصف يوليو (تموز) الحالي، في هجوم انتحاري مزدوج.");
    let e = event_at(&d, "وقتل");
    assert_eq!(tcode(e), Some("IRQMIL"), "{e:?}");
    // gold dev half: من + a country is where the people come from
    let d = code_args("وبالاضافة الى المجرمين كان متشددو طالبان وراء سلسلة من اعمال الخطف في الاونة الاخيرة من بينها خطف 23 متطوعا مسيحيا من كوريا الجنوبية في العام الماضي.");
    let e = d
        .events
        .iter()
        .find(|e| tcode(e) == Some("KORCVL"))
        .unwrap_or_else(|| panic!("{:#?}", d.events));
    assert!(e.cameo.starts_with("18"), "{e:?}");
}

/// Codes `text` with NER mentions of the given words (no entities, empty
/// KB), as the full pipeline gives them.
fn code_with_mentions(text: &str, names: &[(&str, marsad_core::EntityType)]) -> Document {
    let mut coder = Coder::bundled().expect("bundled assets load");
    coder.set_filter(None);
    let mut doc = Document::new("t", marsad_core::Source::default(), text);
    doc.published = Some("2008-01-01".into());
    doc.sentences = marsad_arabic::sentences(&doc.text);
    for (name, kind) in names {
        let byte = text.find(name).expect("name in text");
        let start = text[..byte].chars().count();
        doc.mentions.push(marsad_core::Mention {
            span: marsad_core::Span::new(start, start + name.chars().count()),
            text: name.to_string(),
            kind: *kind,
            entity: None,
            confidence: 1.0,
        });
    }
    doc.mentions.sort_by_key(|m| m.span.start);
    coder.annotate(&mut doc, &marsad_kb::Kb::default());
    doc.validate().expect("valid spans");
    doc
}

#[test]
fn ner_mentions_split_from_their_head_and_unlinked_places() {
    // gold dev half: NER names only طالبان, so حركة stands between إن and
    // the subject; the subject-first reading still holds
    let d = code_with_mentions(
        "قال مسؤولون امس إن حركة طالبان اختطفت حاكم منطقة بشرق أفغانستان، فيما قتل ثلاثة مدنيين وأصيب خمسة في هجوم انتحاري بغرب البلاد.",
        &[
            ("طالبان", marsad_core::EntityType::ORG),
            ("أفغانستان", marsad_core::EntityType::GPE),
        ],
    );
    let e = event_at(&d, "اختطفت");
    assert_eq!(e.source.code.as_deref(), Some("IMGREB"), "{e:?}");
    // a place after a direction word (بشرق أفغانستان) is no subject
    let k = event_at(&d, "قتل");
    assert_ne!(k.source.code.as_deref(), Some("AFG"), "{k:?}");
    // gold dev half: a NER place the KB did not link still has the
    // country the actor tables give it, for an attack with no target
    let d = code_with_mentions(
        "وكان مسؤول في البنتاغون قد قال أول من أمس، إن إسرائيل نفذت بالفعل ضربة جوية في سورية بعد منتصف ليلة الاربعاء.",
        &[
            ("إسرائيل", marsad_core::EntityType::GPE),
            ("سورية", marsad_core::EntityType::LOC),
        ],
    );
    assert_eq!(tcode(event(&d, "195")), Some("SYR"));
}

#[test]
fn a_possessed_convoy_stands_for_its_owner() {
    // gold dev half: a trigger spanning تعرض and its attack noun; the
    // possessed convoy inside it is the target, and it is the
    // ambassador's (the dictionary's MIL for قافلة gives way)
    let d = code_args("في تطور يشكل نكسة لجهود العراق لإقناع دول العالم بفتح سفارات لديه، أصيب سفير بولندا أمس عندما تعرضت قافلته الدبلوماسية لهجوم بعدة قنابل في وسط بغداد.");
    let e = d
        .events
        .iter()
        .find(|e| e.target.as_ref().is_some_and(|t| t.text == "قافلته"))
        .unwrap_or_else(|| panic!("{:#?}", d.events));
    assert_eq!(tcode(e), Some("POLGOV"), "{e:?}");
    assert!(e.source.code.is_none(), "{e:?}");
}

#[test]
fn owner_after_taabi_and_claims_of_responsibility() {
    // gold dev half: X تابعة لـ Y is coded as Y (a drone of the CIA); the
    // base «تابعة للجيش» is the army's, not al-Qaeda's (قاعدة)
    let d = code_args("وفي يناير كانون الثاني عام 2006 اطلقت طائرة بدون طيار تابعة لوكالة المخابرات المركزية الاميركية عدة صواريخ على منزل في باجور معتقدة ان الظواهري كان موجودا فيه.");
    let e = event(&d, "19");
    assert_eq!(e.source.code.as_deref(), Some("USASPY"), "{e:?}");
    // gold dev half: the attack attributed with نسب الى to rebels
    let d = code_args("كذلك، تعرضت قاعدة تابعة للجيش في شرق الجزيرة أمس الى هجوم انتحاري، نسب الى المتمردين التاميل، واسفر عن مقتل اربعة جنود على الاقل وجرح 10 آخرين.");
    let e = event(&d, "1831");
    assert_eq!(tcode(e), Some("MIL"), "{e:?}");
    // (REB until session 9; the Tamil rebels are LKAREB in the gold, 3 of 3
    // annotations, and in actors-extra.tsv since)
    assert_eq!(e.source.code.as_deref(), Some("LKAREB"), "{e:?}");
}

#[test]
fn protest_target_is_what_it_is_about_before_where_it_stood() {
    // gold dev half: أمام names where the protest stood, احتجاجا على what
    // it was against; the cue of what it is about wins
    let d = code_args("وبينما تظاهر أمس نحو مائتي شخص أمام مقر نقابة الصحافيين في وسط القاهرة احتجاجا على زيارة بوش، تقدمهم عدد من الصحافيين والنواب بالبرلمان.");
    let e = event(&d, "14");
    assert_eq!(tcode(e), Some("USAGOV"), "{e:?}");
    // SaudiNewsNet 2015-07-2x: with no coded phrase after احتجاجا على,
    // the place cue still gives the target (the UN agency's headquarters)
    let d = code_args("وتظاهر مئات الفلسطينيين في غزة أمس، أمام مقر وكالة الغوث الدولية احتجاجا على سياسة تقليص خدماتها، ورفعوا لافتات تندد بسياسة التقليص.");
    let e = event(&d, "14");
    let t = e.target.as_ref().expect("a target after أمام");
    assert!(t.text.contains("الغوث"), "{e:?}");
    // gold dev half: the clause's object after الى (the streets, a state)
    // is no target; «يسقط بوش» is
    let d = code_args("وخرج المتظاهرون المسلمون الى الشوارع في سريناجار العاصمة الصيفية لولاية جامو وكشمير التي تقطنها أغلبية سنية مرددين هتافات منها «يسقط بوش».");
    assert_eq!(tcode(event(&d, "14")), Some("USAGOV"));
}

#[test]
fn protest_against_nobody_named_is_against_its_country() {
    // gold dev half: no target named, the protest in Istanbul is coded
    // against Turkey (as an attack on a place is)
    let d = code_args("وحمل المتظاهرون في اسطنبول، الاعلام التركية وصور مؤسس تركيا الحديثة مصطفى كمال اتاتورك، دفاعا عن مبدأ العلمانية.");
    let e = event(&d, "14");
    assert_eq!(tcode(e), Some("TUR"), "{e:?}");
    assert_eq!(e.source.code.as_deref(), Some("CVL"), "{e:?}");
}

#[test]
fn a_patient_nouns_pronoun_is_the_phrase_before_it() {
    // gold dev half: «لدى خطفهم» (when they were kidnapped): the South
    // Koreans before it are the victims; the verb form after لدى is a
    // verbal noun
    let d = code_args("وبلغ عدد الكوريين الجنوبيين لدى خطفهم في التاسع عشر من يوليو (تموز) الماضي 23، اعدم اثنان منهم في نهاية الشهر نفسه.");
    let e = event_at(&d, "خطفهم");
    assert_eq!(tcode(e), Some("KOR"), "{e:?}");
    assert!(e.source.code.is_none(), "{e:?}");
}

#[test]
fn detainees_fighters_and_drones() {
    // gold dev half: detainees are CRM (PLOVER's sector for criminals;
    // the gold coders 3 of 3)
    let d = code_args("تحدث التقرير أيضاً عن استمرار انتهاكات حقوق الانسان بالعراق من جانب القنوات الأمريكية التي لم تتوقف عن تعذيب المحتجزين، إضافة الى احتجازهم في مراكز اعتقال سرية.");
    let e = event_at(&d, "تعذيب");
    assert_eq!(tcode(e), Some("CRM"), "{e:?}");
    // gold dev half: fedayeen and fighters with no group are UAF
    let d = code_args(
        "ففي 9 يونيو أطلق بعض الفدائيين النار على المقر الرئيسي للاستخبارات في العاصمة عمان.",
    );
    let e = event(&d, "19");
    assert_eq!(e.source.code.as_deref(), Some("UAF"), "{e:?}");
    // gold dev half: «تعملان بدون طيار» (pilotless): طيار is no actor
    let d = code_args("وفي الاتهامات المتبادلة حول خرق الهدنة، اعلنت وزارة الدفاع الروسية ان القوات الروسية أسقطت طائرتي تجسس جورجيتين تعملان بدون طيار فوق تسخينفالي عاصمة اوسيتيا الجنوبية.");
    let e = event_at(&d, "أسقطت");
    assert!(
        e.target.as_ref().is_none_or(|t| !t.text.contains("طيار")),
        "{e:?}"
    );
}

#[test]
fn a_place_name_after_a_gap_is_no_nisba() {
    // gold dev half: «المتظاهرون مدخل مدينة القدس»: the city is the object
    // of the verb, not the protesters' nationality
    let d = code_args("وبعد أن أغلق المتظاهرون مدخل مدينة القدس، الليلة قبل الماضية، أغلقوا أمس الشارع الرئيس في قلب مدينة تل أبيب.");
    let e = event(&d, "14");
    assert_eq!(e.source.code.as_deref(), Some("CVL"), "{e:?}");
}

#[test]
fn flags_are_no_media() {
    // gold dev half: أعلام (flags, burnt) folds to إعلام (media): after a
    // flag verb it is no MED, and the flags' country is the target
    let d = code_args("وفي بغداد أحرق متظاهرون أعلام اسرائيل وأطلقوا نيران البنادق من طراز(ايه كيه – 47) في الهواء في احتجاجات عمت العراق امس، مطالبين برد أقوى من الدول العربية على الهجوم الإسرائيلي في غزة.");
    let e = event_at(&d, "أحرق");
    assert_eq!(tcode(e), Some("ISR"), "{e:?}");
}

#[test]
fn flags_in_a_gap_do_not_glue_a_nisba_to_the_protesters() {
    // gold dev half: «المتظاهرون اعلاما تركية»: the flags are Turkish; the
    // protesters stay CVL
    let d = code_args(
        "وحمل المتظاهرون اعلاما تركية وتجمعوا في الساحات العامة في رد على أزمة الرئاسة التركية.",
    );
    let e = event(&d, "14");
    assert_eq!(e.source.code.as_deref(), Some("CVL"), "{e:?}");
}

// --- arguments, session 5: each construction on a gold dev-half sentence
// (coder alone, no filter).

#[test]
fn the_speaker_of_a_death_is_not_its_agent() {
    // the subject of أعلن reports the deaths; the agent is the air raid's
    let d = code_args("وكان مسؤول في اجهزة الامن الباكستانية قد اعلن في وقت سابق امس مقتل ما لا يقل عن ثلاثة مسلحين اسلاميين في المناطق القبلية شمال غربي باكستان في غارة شنتها طائرة بدون طيار تابعة للقوات الاميركية التي تقاتل طالبان في افغانستان المجاورة.");
    let e = event_at(&d, "مقتل");
    assert_eq!(e.source.code.as_deref(), Some("USAMIL"), "{e:?}");
    // بحسب الجيش "according to the army" is no agent; the dead among the
    // rebels are the attack's target (the gold sentence with a date, so
    // that the coder alone anchors its event nouns)
    let d = code_args(
        "وهذا الهجوم الذي بدأ في اغسطس اوقع بحسب الجيش اكثر من الف قتيل بين المتمردين الإسلاميين.",
    );
    let e = event_at(&d, "الهجوم");
    assert_eq!(tcode(e), Some("REB"), "{e:?}");
    let e = event_at(&d, "قتيل");
    assert_ne!(e.source.code.as_deref(), Some("MIL"), "{e:?}");
}

#[test]
fn what_an_attack_struck_is_no_agent_of_its_result() {
    // the barracks did not kill the soldiers: the claim names the attacker
    let d = code_args("كما تعرضت ثكنة الغلاوية في الشمال لاعتداء أسفر عن مقتل ثلاثة جنود، وقد تبناه «تنظيم القاعدة في بلاد المغرب الإسلامي».");
    let e = event_at(&d, "مقتل");
    assert!(e.source.text.contains("القاعدة"), "{e:?}");
}

#[test]
fn aim_before_the_trigger_membership_with_ba_and_light_verb_subjects() {
    // استهدف right before the attack names what follows the attack's words
    let d = code_args("وقد استهدف اخر هجوم انتحاري في كابل ايضا القوات الاجنبية في 25 اغسطس (اب) ووقع على الطريق المحوري المؤدي الى مدينة جلال اباد مما اسفر عن جرح ثلاثة جنود من التحالف الدولي بقيادة الولايات المتحدة واربعة من المارة.");
    let e = event_at(&d, "هجوم انتحاري");
    assert_eq!(tcode(e), Some("INTMIL"), "{e:?}");
    // a role + ب + a ministry belongs to it
    let d = code_args("تعرضت وزيرة الدولة بوزارة الطاقة السودانية، انجلينا مانج، حرم الدكتور رياك مشار نائب رئيس الحركة الشعبية، لمحاولة اغتيال في ولاية الوحدة، الغنية بالنفط في جنوب السودان.");
    let e = event_at(&d, "اغتيال");
    assert_eq!(tcode(e), Some("SDNGOV"), "{e:?}");
    // the named subject of نفذ carried the suicide attacks out
    let d = code_args("ونقلت وكالة الصحافة الفرنسية عن الخبيرة قولها ان 12 امرأة نفذت عمليات انتحارية في العراق في الاشهر الثلاثة الاولى من العام الجاري مقابل 11 امرأة بين 2003 و2007 .");
    let e = event_at(&d, "عمليات انتحارية");
    assert_eq!(e.source.code.as_deref(), Some("CVL"), "{e:?}");
}

#[test]
fn compass_words_pass_the_preposition_and_trigger_words_are_no_actors() {
    // في اتجاه شمال اسرائيل: the rockets were aimed at Israel
    let d = code_args("وعلمت «الشرق الاوسط» ان سيارة مستأجرة تحمل لوحة زرقاء قدمت من جهة بلدة الطيبة نحو بلدة العديسة في منطقة مرجعيون، وقام من فيها باطلاق ثلاثة صواريخ «كاتيوشا» في اتجاه شمال اسرائيل، فسقط احدها داخل الاراضي اللبنانية قرب مركز للقوات الدولية.");
    let e = event_at(&d, "صواريخ");
    assert_eq!(tcode(e), Some("ISR"), "{e:?}");
    // rockets fired from a place, by no one named: that place's country
    let d = code_args("وكان الاحد الماضي شهد حادثا امنيا تمثل باطلاق صواريخ كاتيوشا من جنوب لبنان على مستوطنة كريات شمونة.");
    let e = event_at(&d, "صواريخ");
    assert_eq!(e.source.code.as_deref(), Some("LBN"), "{e:?}");
    // a city after مطار is where, not who; فتح of فتح النار is no Fatah
    let d = code_args("افادت الاجهزة الامنية الباكستانية بان رجلا يشتبه في انه اراد تنفيذ عملية انتحارية بسيارة مفخخة في مطار اسلام اباد الدولي، فتح النار ثم فجر الشحنة التي بحوزته ما ادى الى اصابة خمسة اشخاص بجروح فيما قضى هو في الانفجار.");
    assert_ne!(
        event_at(&d, "فتح النار").source.code.as_deref(),
        Some("PAK")
    );
    let e = event_at(&d, "فجر");
    assert!(!e.source.text.contains("فتح"), "{e:?}");
}

#[test]
fn the_wing_of_a_group_is_the_group() {
    // gold dev half: «الجناح العسكري لحركة حماس» is Hamas in its armed role
    let d = code_args("وكانت «كتائب عز الدين القسام»، الجناح العسكري لحركة حماس قد أطلقت عشرات الصواريخ فجر امس على البلدات المحيطة بقطاع غزة.");
    let e = event_at(&d, "أطلقت");
    assert_eq!(e.source.code.as_deref(), Some("PSEREB"), "{e:?}");
}

#[test]
fn the_group_behind_the_attacks_is_their_source() {
    // gold dev half: X وراء the kidnappings names the kidnappers
    let d = code_args("وبالاضافة الى المجرمين كان متشددو طالبان وراء سلسلة من اعمال الخطف في الاونة الاخيرة من بينها خطف 23 متطوعا مسيحيا من كوريا الجنوبية في العام الماضي.");
    assert!(
        d.events
            .iter()
            .any(|e| e.cameo.starts_with("18") && e.source.text.contains("طالبان")),
        "{:?}",
        d.events
    );
}

#[test]
fn protest_target_after_a_compass_word_then_the_police() {
    // gold dev half: with no target named, a place after a compass word
    // gives its country («المدن جنوب باكستان» → PAK)
    let d = code_args("وتجمع أمس مئات المتظاهرين الغاضبين في الطرقات وأحرقوا الاطارات في العديد من المدن جنوب باكستان في وقت نفى فيه المتشددون الاسلاميون مسؤوليتهم عن الهجومين الانتحاريين.");
    let e = event_at(&d, "وتجمع");
    assert_eq!(tcode(e), Some("PAK"), "{e:?}");
    // neither a target nor a place: the police the protesters confront
    let d = code_args("ووقعت المواجهات عندما احتشد متظاهرون امام السجن، وبدأوا في القاء مقذوفات مختلفة على قوات الشرطة، كما اوضح احد الحراس طالبا عدم كشف اسمه.");
    let e = event_at(&d, "احتشد");
    assert_eq!(tcode(e), Some("COP"), "{e:?}");
    // a place with a country still comes first (gold dev half: GRC, not
    // the policeman they hurt)
    let d = code_args("وقد اصاب متظاهرون شرطيا واحرقوا مصارف وسيارات امس في باتراس (في غرب اليونان) احتجاجا على مقتل الفتى وذلك حسب ما ذكر مصدر في الشرطة المحلية.");
    assert!(
        d.events
            .iter()
            .filter(|e| e.cameo.starts_with("14"))
            .all(|e| tcode(e) != Some("COP")),
        "{:?}",
        d.events
    );
}

#[test]
fn a_force_led_by_a_country_is_that_countrys() {
    // gold dev half: «قافلة لقوات التحالف بقيادة اميركية» → USAMIL
    let d = code_args("كابل ـ روما ـ ا.ف.ب: قال متحدث باسم التحالف الدولي في افغانستان ان عملية انتحارية بسيارة مفخخة استهدفت امس قافلة لقوات التحالف بقيادة اميركية قرب كابل من دون ان تسفر عن سقوط ضحايا.");
    let e = event_at(&d, "عملية انتحارية");
    assert_eq!(tcode(e), Some("USAMIL"), "{e:?}");
    // «قوات التحالف التي تقودها الولايات المتحدة» → USAMIL
    let d = code_args("في شق متصل، خرج متظاهرون أفغان اول من امس، للاحتجاج على مقتل ثلاثة مدنيين على يد قوات التحالف التي تقودها الولايات المتحدة في أفغانستان.");
    let e = event_at(&d, "خرج");
    assert_eq!(tcode(e), Some("USAMIL"), "{e:?}");
    // SaudiNewsNet: a car «بقيادة مواطن سعودي» (driven by) is no force
    let d = code_args("تمكنت دوريات القوة الخاصة لأمن الطرق بمنطقة مكة المكرمة من استيقاف سيارة بقيادة مواطن سعودي وعثر بداخلها على سلاح ناري.");
    assert!(
        d.events
            .iter()
            .flat_map(|e| [Some(&e.source), e.target.as_ref()])
            .flatten()
            .all(|a| a.code.as_deref() != Some("SAUMIL") || !a.text.contains("سيارة")),
        "{:?}",
        d.events
    );
}

#[test]
fn an_attack_noun_before_istahdafa_is_its_subject() {
    // SaudiNewsNet 2015-07: the bomb targeted the convoy; the convoy did
    // not target anyone
    let d = code_args("أعلنت مصادر رسمية مقتل عسكريين تركيين اثنين وجرح أربعة آخرين مساء يوم السبت، في انفجار سيارة مفخخة استهدف قافلة عسكرية في محافظة ديار بكر ذات الغالبية الكردية جنوب شرق تركيا.");
    let e = event_at(&d, "استهدف");
    assert_eq!(tcode(e), Some("MIL"), "{e:?}");
    assert!(!e.source.text.contains("قافلة"), "{e:?}");
    // gold dev half: «عبوة ناسفة استهدفت حافلة مدنية» → CVL
    let d = code_args("وفي هجوم اخر، اعلن مصدر امني مقتل ثلاثة اشقاء واصابة والدهم في انفجار عبوة ناسفة استهدفت حافلة مدنية، في قرية البوفياض التابعة لناحية بهرز جنوب بعقوبة كبرى مدن محافظة ديالى.");
    let e = event_at(&d, "استهدفت");
    assert_eq!(tcode(e), Some("CVL"), "{e:?}");
    assert_ne!(e.source.code.as_deref(), Some("CVL"), "{e:?}");
}

#[test]
fn the_victims_an_attack_claimed() {
    // gold dev half: «راح ضحية اعتداءاتها امس 7 فلسطينيين» → PSE
    let d = code_args("واصلت اسرائيل اعمال القتل في قطاع غزة والضفة الغربية، وراح ضحية اعتداءاتها امس 7 فلسطينيين، ليصل عدد الضحايا في غضون 36 ساعة الى 26، اضافة الى عشرات الجرحى.");
    let e = event_at(&d, "اعتداءاتها");
    assert_eq!(tcode(e), Some("PSE"), "{e:?}");
    // the attack before راح ضحيته
    let d = code_args("وكان الهجوم الذي راح ضحيته أكثر من 20 شخصا قد وقع في بغداد.");
    let e = event_at(&d, "الهجوم");
    assert_eq!(tcode(e), Some("CVL"), "{e:?}");
}

#[test]
fn session_6_actor_entries() {
    // SaudiNewsNet: the gendarmerie is police (not the dictionary's MIL)
    let d = code_args("أكد مصدر أمني جزائري رفيع لوكالة «سبوتنيك»، أمس أن مجموعة إرهابية اغتالت ثلاثة من أفراد الدرك الوطني الجزائري بالرصاص، في ثاني هجوم إرهابي في ظرف يومين في منطقة عين الدفلي غربي الجزائر.");
    let e = event_at(&d, "اغتالت");
    assert_eq!(tcode(e), Some("DZACOP"), "{e:?}");
    // SaudiNewsNet: the Awakening forces are Iraqi militias
    let d = code_args("وأوضح مصدر أمني أن اثنين من عناصر قوات الصحوة قُتلا, بينما أُصيب اثنان آخران بجروح، بتفجير عبوة ناسفة على عجلة كانوا يستقلونها في قضاء أبو غريب غربي بغداد.");
    let e = event_at(&d, "قُتلا");
    assert_eq!(tcode(e), Some("IRQUAF"), "{e:?}");
    // gold dev half: an unnamed group is people, not a business
    let d = code_args("وقامت الجماعة في ديسمبر (كانون الأول) 2005 بخطف تسعة جنود قرب الحدود مع باكستان، وأفرجت في ما بعد عن ثمانية منهم وقتلت التاسع.");
    assert_eq!(event_at(&d, "بخطف").source.code.as_deref(), Some("CVL"));
    // gold dev half: الطائفة is a community, not the city of Taif (SAU)
    let d = code_args("وفي احداث اخرى قتل 20 واصيب 70 في هجوم انتحاري منسق على الطائفة اليزيدية في 3 احياء في الموصل.");
    let e = event_at(&d, "هجوم");
    assert_eq!(tcode(e), Some("CVL"), "{e:?}");
    // gold dev half: a weapon is no armed force («اشتباكات بالسلاح»)
    let d = code_args("وحاصر متظاهرون من انصار «حزب الله» وحركة «أمل» مطار بيروت وشوارع العاصمة اللبنانية التي تحولت الى خطوط تماس بينهم وبين أنصار «تيار المستقبل» وشهدت بدلا من الاضراب العمالي الذي انتهى قبل ان يبدأ اشتباكات بالسلاح ومعارك متنقلة.");
    assert!(
        d.events
            .iter()
            .flat_map(|e| [Some(&e.source), e.target.as_ref()])
            .flatten()
            .all(|a| !a.text.contains("السلاح")),
        "{:?}",
        d.events
    );
}

#[test]
fn torture_with_no_torturer_is_the_states_where_it_happened() {
    // gold dev half: «تعرض خلال الاستجواب في مصر للتعذيب» → EGY as source
    let d = code_args("ويقول نصر انه تعرض خلال الاستجواب في مصر للتعذيب بالصدمات الكهربائية والضرب والانتهاكات الجنسية.");
    let e = event_at(&d, "للتعذيب");
    assert_eq!(e.source.code.as_deref(), Some("EGY"), "{e:?}");
    assert_eq!(tcode(e), None, "the place is not also the target: {e:?}");
}

#[test]
fn a_leader_in_office_is_coded_gov_not_eli() {
    // the dictionary's ranges for George W. Bush (UniversalPetrarch, as the
    // bundled KB compiles them): USAELI 1995-01-17 … 2009-01-20 listed
    // before the presidential term USAGOV 2001-01-20 … 2009-01-20
    let mut bush = marsad_kb::model::Entry::new(
        "mk:test-bush",
        "George W. Bush",
        marsad_core::EntityType::PER,
    );
    bush.name_ar = Some("جورج بوش".into());
    bush.aliases_ar = vec!["جورج بوش".into(), "بوش".into()];
    bush.detect = true;
    bush.codes = [
        ("USAELI", 19950117, 20090120),
        ("USAGOV", 20010120, 20090120),
        ("USAELI", 20090120, 0),
    ]
    .iter()
    .map(|&(c, f, t)| marsad_kb::model::DatedCode {
        code: c.into(),
        from: Some(f),
        to: (t > 0).then_some(t),
    })
    .collect();
    let kb = marsad_kb::Kb::from_asset(marsad_kb::model::KbAsset {
        format: marsad_kb::model::FORMAT.into(),
        entries: vec![bush],
        agents: Vec::new(),
        demonyms: Vec::new(),
        stats: Default::default(),
        stop: Vec::new(),
    });
    // gold dev half (2007-01-06): «يسقط بوش» → USAGOV (he was president)
    let text = "وخرج المتظاهرون المسلمون الى الشوارع في سريناجار العاصمة الصيفية لولاية جامو وكشمير التي تقطنها أغلبية سنية مرددين هتافات منها «يسقط بوش».";
    let coded = |date: &str| {
        let mut coder = Coder::bundled().expect("bundled assets load");
        coder.set_filter(None);
        let mut doc = Document::new("t", marsad_core::Source::default(), text);
        doc.published = Some(date.into());
        doc.sentences = marsad_arabic::sentences(&doc.text);
        let byte = text.find("بوش").expect("name in text");
        let start = text[..byte].chars().count();
        doc.mentions.push(marsad_core::Mention {
            span: marsad_core::Span::new(start, start + 3),
            text: "بوش".into(),
            kind: marsad_core::EntityType::PER,
            entity: None,
            confidence: 1.0,
        });
        coder.annotate(&mut doc, &kb);
        doc.validate().expect("valid spans");
        doc
    };
    let d = coded("2007-01-06");
    let e = event_at(&d, "وخرج");
    assert_eq!(tcode(e), Some("USAGOV"), "{e:?}");
    // out of office the elite code stands
    let d = coded("2010-05-01");
    let e = event_at(&d, "وخرج");
    assert_eq!(tcode(e), Some("USAELI"), "{e:?}");
}

#[test]
fn victims_are_no_agent_of_the_attack_that_hurt_them() {
    // SaudiNewsNet 2015-07: the civilians killed are not who shelled
    let d = code_args("من جهة أخرى قتل 6 من المدنيين وأصيب آخرون، في قصف مدفعي للحوثيين على منطقة دار سعد في عدن جنوبي البلاد.");
    let e = event_at(&d, "قصف");
    assert_ne!(e.source.code.as_deref(), Some("CVL"), "{e:?}");
    assert_eq!(tcode(event_at(&d, "قتل")), Some("CVL"));
    // SaudiNewsNet 2015-07: people counted after أصيب are victims too
    let d = code_args("وفي مطلع الشهر الحالي، قتل 33 شخصا غالبيتهم من المدنيين في هجوم انتحاري بالقرب من مدخل كامب تشابمان التابع للحلف الاطلسي في ولاية خوست على الحدود مع باكستان، وبعدها بايام اصيب 25 مدنيا بجروح في هجوم استهدف مسجدا في شمال البلاد.");
    assert!(
        d.events
            .iter()
            .filter(|e| e.cameo.starts_with("19"))
            .all(|e| e.source.code.as_deref() != Some("CVL")),
        "{:?}",
        d.events
    );
}

#[test]
fn who_fired_the_projectile_is_the_source() {
    // SaudiNewsNet 2015-07: «بصاروخ أطلقته قوة إيساف» names the attacker
    let d = code_args("يذكر هذا الحادث بحادث مماثل وقع في مارس (آذار) 2014 في ولاية لوغار نفسها، وقد قتل آنذاك خمسة جنود أفغان، وأصيب ثمانية آخرون بصاروخ أطلقته قوة إيساف التابعة للحلف الأطلسي التي أنهت في ديسمبر (كانون الأول) الماضي مهمتها القتالية في أفغانستان.");
    let e = event_at(&d, "قتل");
    assert!(e.source.text.contains("إيساف"), "{e:?}");
    assert_eq!(tcode(e), Some("AFGMIL"), "{e:?}");
}

#[test]
fn the_one_whose_fire_killed_is_the_source() {
    // SaudiNewsNet 2015-07: «رصاص الجيش الإسرائيلي» killed; the army was
    // read as the object of قتل
    let d = code_args("وكان رصاص الجيش الإسرائيلي قد قتل أمس، محمد علاونة (22 سنة)، وذلك اثناء مواجهات قرب مدينة جنين شمال الضفة الغربية المحتلة، حسبما أفاد مصدر أمني فلسطيني ومصدر طبي.");
    let e = event_at(&d, "قتل");
    assert_eq!(e.source.code.as_deref(), Some("ISRMIL"), "{e:?}");
    assert_ne!(tcode(e), Some("ISRMIL"), "{e:?}");
}

#[test]
fn a_coordinated_verb_takes_the_subject_of_a_subject_first_clause() {
    // SaudiNewsNet 2015-07: «إن قوات الأمن دخلت … واشتبكت مع مسلحي داعش»:
    // the forces clashed, not the city named before و
    let d = code_args("قالت قيادة العمليات المشتركة العراقية في بيان، إن قوات الأمن دخلت جامعة الانبار في جنوب مدينة الرمادي بمحافظة الانبار، واشتبكت مع مسلحي تنظيم \"داعش\" داخل حرمها.");
    let e = event_at(&d, "واشتبكت");
    assert!(e.source.text.contains("قوات الأمن"), "{e:?}");
}

#[test]
fn former_office_holders_are_elites() {
    // SaudiNewsNet 2015-07: «وزير التعليم المصري السابق» → EGYELI, not EGYGOV
    let d = code_args("أكد وزير التعليم المصري السابق الدكتور محمود أبو النصر ذلك العدد، موضحا أن الوزارة تعمل على عدد من المشروعات لمساعدة هؤلاء الأطفال على إكمال تعليمهم أو تدريبهم على حرفة تساعدهم على الحياة.");
    let e = event_at(&d, "أكد");
    assert_eq!(e.source.code.as_deref(), Some("EGYELI"), "{e:?}");
    // gold dev half: «اغتيال الأمين العام السابق للحزب الشيوعي» (gold LBNELI)
    let d = code_args("* 21 مايو(أيار) 2005: اغتيال الأمين العام السابق للحزب الشيوعي جورج حاوي في اعتداء بسيارة مفخخة في بيروت.");
    let e = event_at(&d, "اغتيال");
    assert!(tcode(e).is_some_and(|c| c.ends_with("ELI")), "{e:?}");
    // SaudiNewsNet 2015-07: الأسبق, the one before the former
    let d = code_args("وعلى صعيد آخر، أكد عمر أبو العيش السفير المصري لدى الجزائر، أن بلاده لم تتلق طلبا جزائريا بالوساطة لمنع تنفيذ حكم الإعدام الصادر بحق الرئيس المصري الأسبق محمد مرسي.");
    let codes: Vec<_> = d
        .events
        .iter()
        .flat_map(|e| {
            [
                e.source.code.clone(),
                e.target.as_ref().and_then(|t| t.code.clone()),
            ]
        })
        .collect();
    assert!(
        codes.iter().any(|c| c.as_deref() == Some("EGYELI")),
        "{:?}",
        d.events
    );
}

#[test]
fn a_government_placed_by_its_own_fi_phrase_is_that_countrys() {
    // gold dev half: «الحكومة في تايلاند» → THAGOV
    let d = code_args("تصاعدت احتجاجات المعارضة ضد الحكومة في تايلاند أمس، وأدت أعمال الشغب الى اقفال مطار بانكوك الدولي.");
    let e = event_at(&d, "احتجاجات");
    assert_eq!(tcode(e), Some("THAGOV"), "{e:?}");
    // SaudiNewsNet 2015-08-08: a city of the country places it too
    let d = code_args("دعا المرجع الشيعي الأعلى في العراق آية الله علي السيستاني رئيس الوزراء حيدر العبادي اليوم الجمعة للضرب بيد من حديد لكل المتورطين في الفساد بينما اندلعت احتجاجات جديدة ضد الحكومة في بغداد والبصرة.");
    let e = event_at(&d, "احتجاجات");
    assert_eq!(tcode(e), Some("IRQGOV"), "{e:?}");
    // SaudiNewsNet 2015-07/08: a mission abroad stays its sender's
    let d = code_args("واستغل تنظيم داعش المتشدد الفوضى بأن سيطر على بضع بلدات وأعدم أجانب وشن هجمات على سفارات في طرابلس.");
    assert_eq!(tcode(event_at(&d, "هجمات")), Some("GOV"));
    // people placed the same way keep their bare role (the gold codes
    // protesters «في وسط دنفر» CVL)
    let d = code_args("أعمال الشغب التي تستعد لها شرطة دنفر بدأت قبل ليلة من انطلاق مؤتمر الحزب الديمقراطي، حيث تجمع مئات المتظاهرين في وسط دنفر ليل الاحد يطلقون هتافات ضد الحرب في العراق.");
    let e = event_at(&d, "تجمع");
    assert_eq!(e.source.code.as_deref(), Some("CVL"), "{e:?}");
}

#[test]
fn a_protest_at_an_embassy_is_against_its_government() {
    // gold dev half: the embassy wins over the grievance named after
    // احتجاجا على (the statue «الجندي» is no military target)
    let d = code_args("وفي نفس الوقت، تجمع متظاهرون من حركة «الحرس الفتي» الموالية للكرملين منذ صباح امس حول مقر سفارة استونيا في موسكو احتجاجا على رفع نصب «الجندي البرونزي ـ محرر تالين».");
    let e = event_at(&d, "تجمع");
    assert_eq!(tcode(e), Some("ESTGOV"), "{e:?}");
    // SaudiNewsNet 2015-07-31: the consulate stormed is the target, not
    // the one of the next clause («أمام القنصلية الصينية»)
    let d = code_args("واقتحم متظاهرون أتراك قنصلية تايلاند في إسطنبول وأحرقوا العلم الصيني أمام القنصلية الصينية في المدينة وهو ما نددت به بكين «بشدة».");
    let e = event_at(&d, "واقتحم");
    assert_eq!(tcode(e), Some("THAGOV"), "{e:?}");
    // a consulate named by its nisba after أمام
    let d =
        code_args("تظاهر مئات الطلاب أمام القنصلية الصينية في المدينة احتجاجا على قرار الحكومة.");
    let e = event_at(&d, "تظاهر");
    assert_eq!(tcode(e), Some("CHNGOV"), "{e:?}");
    // no embassy: what the protest is about still comes before where it
    // stood
    let d = code_args("وبينما تظاهر أمس نحو مائتي شخص أمام مقر نقابة الصحافيين في وسط القاهرة احتجاجا على زيارة بوش، تقدمهم عدد من الصحافيين والنواب بالبرلمان.");
    assert_eq!(tcode(event(&d, "14")), Some("USAGOV"));
}

#[test]
fn codes_are_compared_in_the_gold_schemes_main_and_role() {
    // the annotators write one main part and one role: NATO's CAMEO code
    // IGOWSTNAT can only be IGO there, a legislator in government USAGOV
    assert_eq!(gsr::in_gold_scheme("IGOWSTNAT"), "IGO");
    assert_eq!(gsr::in_gold_scheme("USAGOVLEG"), "USAGOV");
    assert_eq!(gsr::in_gold_scheme("IGOUNOGOV"), "IGOGOV");
    for same in ["IRQMIL", "CVL", "AFG", "IMGREB", "PSEGOV"] {
        assert_eq!(gsr::in_gold_scheme(same), same);
    }
}

#[test]
fn the_casualties_of_a_passive_verb_are_the_attacks_target() {
    // gold dev half: the wounded (and the name inside their phrase) are no
    // source of the explosion; they are its target
    let d = code_args("في حادثة هي الثانية من نوعها في أقل من يومين، أصيب فجر أمس ثلاثة من عناصر القوة التنفيذية التابعة لوزارة الداخلية في الحكومة الفلسطينية المقالة برئاسة إسماعيل هنية، في انفجار عبوة جانبية بالقرب من دوريتهم في حي «عسقولة» وسط مدينة غزة.");
    let e = event_at(&d, "انفجار");
    assert_eq!(tcode(e), Some("PSEGOV"), "{e:?}");
    assert!(e.source.code.is_none(), "{e:?}");
    // SaudiNewsNet 2015-07-2x: a policeman wounded by a bomb
    let d = code_args("أصيب رجل أمن بانفجار قنبلة في قرية العكر الغربي بمملكة البحرين.");
    let e = event_at(&d, "بانفجار");
    assert_eq!(tcode(e), Some("COP"), "{e:?}");
    // SaudiNewsNet 2015-07-21: the wounded bomber was kept from blowing
    // himself up: no casualties' circumstance, no victim rule
    let d = code_args("وأشار إلى أنه «فور تنفيذ الأول التفجير، أصيب الانتحاري الثاني بجروح منعته من تفجير نفسه أيضًا».");
    // (the coder codes no assault here; every event it does code is checked)
    assert!(!d.events.is_empty(), "{:?}", d.events);
    for e in &d.events {
        assert!(
            e.target.as_ref().is_none_or(|t| t.span != e.source.span),
            "{e:?}"
        );
    }
}

#[test]
fn the_possessor_of_an_attack_noun_is_its_agent() {
    // SaudiNewsNet 2015-07-24: «هجوم لداعش» is the Islamic State's attack,
    // the soldiers wounded in it are its target
    let d = code_args("كما قتل امس الخميس ضابط تركي واصيب جنديان اخران في هجوم لداعش على الحدود مع سورية، ورد الطيران الحربي التركي بمهاجمة اهداف للتنظيم داخل سورية.");
    let e = event_at(&d, "هجوم");
    assert_eq!(e.source.code.as_deref(), Some("IMGREB"), "{e:?}");
    assert_eq!(tcode(e), Some("MIL"), "{e:?}");
    // SaudiNewsNet 2015-07-2x: an adjective between (غارة جوية لطيران)
    let d = code_args("أما في مديرية باب المندب، غرب اليمن، فلقي 22 متمردا مصرعهم في غارة جوية لطيران التحالف على قيادة اللواء 17 مشاة.");
    let e = event_at(&d, "غارة");
    assert_eq!(e.source.code.as_deref(), Some("MIL"), "{e:?}");
    assert_eq!(tcode(e), Some("REB"), "{e:?}");
    // (the ضربات ل exclusion — «توجيه ضربات موجعة للجماعات» is a blow to
    // them — has no test: the coder codes no event in that sentence, so a
    // check of its sources could not fail; lead's review, session 8)
}

#[test]
fn an_attacked_site_is_no_website() {
    // gold dev half: «موقع فلسطيني» shelled is a Palestinian position (PSE)
    let d = code_args("فقد تجاهل الجنود في سلاح المدفعية هذا الشرط، وأطلقوا قذائفهم باتجاه موقع فلسطيني تطلق منه الصواريخ باتجاه مدينة اشكلون الاسرائيلية.");
    assert_eq!(tcode(event(&d, "194")), Some("PSE"));
    // SaudiNewsNet 2015-07-2x: a bare site is its owner's (موقعا للجيش)
    let d = code_args("ولم يؤكد المتحدث باسم الجيش البوروندي المعارك، مكتفيا بالقول إن «مجموعة مسلحة هاجمت موقعا للجيش».");
    assert_eq!(tcode(event_at(&d, "هاجمت")), Some("MIL"));
    // a site that publishes is still the media
    let d = code_args("ونشر موقع إسرائيلي صورا للهجوم على المستوطنة.");
    assert_eq!(event_at(&d, "ونشر").source.code.as_deref(), Some("ISRMED"));
}

#[test]
fn a_detonated_device_shares_the_detonations_sides() {
    // gold dev half: «فجر» (183) and «سيارة مفخخة» (1832) are one attack;
    // the device event takes the bomber and the policemen too
    let d = code_args("من ناحية ثانية, فجر انتحاري سيارة مفخخة أمام مطعم يقصده رجال شرطة عراقيون الى الشمال من الرمادي.");
    let e = event(&d, "1832");
    assert_eq!(tcode(e), Some("IRQCOP"), "{e:?}");
    assert_eq!(e.source.code.as_deref(), Some("UAF"), "{e:?}");
}

#[test]
fn a_quoted_group_name_keeps_its_preposition() {
    // SaudiNewsNet 2015-08-0x: «هجمات على تنظيم "داعش"» — the name after
    // the mark had no preposition and the country of the place won
    let d = code_args("واعلنت انقرة في يوليو (تموز) انها سمحت للطائرات العسكرية الاميركية بشن هجمات على تنظيم \"داعش\" انطلاقا من قاعدة انجرليك الجوية في جنوب تركيا.");
    let e = event_at(&d, "هجمات");
    assert_eq!(tcode(e), Some("IMGREB"), "{e:?}");
    // gold (ASSAULT spans): a leader «في تنظيم «القاعدة»» killed by an air
    // strike is the strike's target (quoted name and member noun together)
    let d = code_args("صرح مسؤلوون معنيون بجهود مكافحة الإرهاب هذا الأسبوع بأنه تم شن ضربة جوية أميركية على مناطق بشمال غرب باكستان، ومن المعتقد أنها أسفرت عن مقتل أحد القيادات البارزة في تنظيم «القاعدة»، في استمرار للهجمات الجوية التي أثارت غضب باكستان.");
    let e = event(&d, "195");
    assert_eq!(tcode(e), Some("IMG"), "{e:?}");
}

#[test]
fn a_member_noun_belongs_to_its_group() {
    // SaudiNewsNet 2015-07-2x: «قياديا كبيرا في تنظيم القاعدة» is al-Qaeda,
    // the aimed-at target of the raid (before: the gunmen killed with him)
    let d = code_args("أعلنت وزارة الدفاع الأميركية، الجمعة، أن قياديا كبيرا في تنظيم القاعدة قتل مع مسلحين اثنين آخرين، في غارة أميركية استهدفته في أفغانستان.");
    let e = event_at(&d, "قتل");
    // (the actor tables code تنظيم القاعدة IMGREBRAD; the KB gives IMG)
    assert!(tcode(e).is_some_and(|c| c.starts_with("IMG")), "{e:?}");
}

#[test]
fn a_unit_described_before_its_force_is_part_of_it() {
    // gold (ASSAULT spans, 4 of 4 annotators MIL / 2 of 2 UAF): «فرقة مظلية
    // من قوات مكافحة الإرهاب» is the subject of «قد قتلت», not a من-phrase
    let d = code_args("وكانت فرقة مظلية من قوات مكافحة الإرهاب قد قتلت أول من أمس أربعة من المتهمين بالهجوم الانتحاري الذي نفذته خلية من «القاعدة» على قافلة سياحية في معبد بلقيس القريب من مدينة مأرب .");
    let e = event_at(&d, "قتلت");
    assert_eq!(e.source.code.as_deref(), Some("MIL"), "{e:?}");
}
