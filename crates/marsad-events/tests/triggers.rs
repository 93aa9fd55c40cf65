//! Trigger classes of session 3, each on a real sentence (SaudiNewsNet
//! 2015-07-21, the seed page, or the gold standard's dev half), coded
//! without the report-vs-mention filter: what the lexical coder finds.

use marsad_events::testing::code_with;
use marsad_events::Coder;

/// The CAMEO codes the coder finds in `text`, filter off.
fn codes(text: &str) -> Vec<String> {
    let mut coder = Coder::bundled().expect("bundled assets load");
    coder.set_filter(None);
    let d = code_with(&coder, &marsad_kb::Kb::default(), text, Some("2015-07-21"));
    d.validate().expect("valid spans");
    d.events.iter().map(|e| e.cameo.clone()).collect()
}

fn has_root(codes: &[String], roots: &[&str]) -> bool {
    codes.iter().any(|c| roots.iter().any(|r| c.starts_with(r)))
}

#[test]
fn yadrib_hits_unless_a_strike_or_an_idiom() {
    // the seed: the coalition «hits» positions (form I), not a labour strike
    let c = codes("فإن التحالف العسكري لا يزال يضرب ومنذ عام مواقع لجهاديين في سوريا والعراق.");
    assert!(c.iter().any(|c| c == "190"), "{c:?}");
    assert!(!has_root(&c, &["143"]), "{c:?}");
    // with عن it is a strike
    let c = codes("ويضرب عمال الموانئ عن العمل منذ يومين احتجاجا على الاجور.");
    assert!(has_root(&c, &["143"]), "{c:?}");
    // an idiom codes nothing
    let c = codes("وحتى أقرّب الأمر سأضرب مثالا بالممثل الكبير يحيى الفخراني.");
    assert!(!has_root(&c, &["14", "18", "19", "20"]), "{c:?}");
}

#[test]
fn no_verb_reading_where_a_verb_cannot_stand() {
    // dawn, not «detonated»
    let c = codes(
        "والصائم يتوقف عن تناول الطعام والشرب من طلوع الفجر إلى مغيب الشمس، أي لفترة تُقارب 14 ساعة.",
    );
    assert!(!has_root(&c, &["18"]), "{c:?}");
    let c = codes("وقال مقاومون إنهم شنوا هجوما على المعسكر فجر أول من أمس.");
    assert!(!c.iter().any(|c| c.starts_with("183")), "{c:?}");
    // the verb itself still codes
    let c = codes("وقال مصدر أمني إن انتحاريا فجر نفسه في سيارة مفخخة قرب مبنى الوزارة.");
    assert!(has_root(&c, &["183"]), "{c:?}");
    // a name and a career are no events
    let c = codes("من بين هؤلاء «الإرهابيين» قوة «فجر ليبيا» التي يشارك فيها مقاتلون.");
    assert!(!has_root(&c, &["183"]), "{c:?}");
    let c =
        codes("وتوازي مسيرته في سبعينات وثمانينات القرن الماضي التاريخ المضطرب لتشاد المستقلة.");
    assert!(!has_root(&c, &["14"]), "{c:?}");
}

#[test]
fn experiencer_passives_and_hostages() {
    let c =
        codes("وكان المعتقل قد أبلغ محاميه أنه تعرض للضرب والتهديد بالاغتصاب بمجرد وصوله إلى تونس.");
    assert!(c.iter().any(|c| c == "182"), "{c:?}");
    let c = codes(
        "إلا ان الجبهة الشعبية رفضت الانصياع لاتفاق وقف إطلاق النار واحتجزت 68 رهينة من الأجانب في فندقين في عمان.",
    );
    assert!(c.iter().any(|c| c == "181"), "{c:?}");
    let c = codes(
        "وفي يناير عام 2006 اطلقت طائرة بدون طيار تابعة لوكالة المخابرات المركزية الاميركية عدة صواريخ على منزل في باجور.",
    );
    assert!(has_root(&c, &["19"]), "{c:?}");
}

#[test]
fn protests_through_participants_and_gatherings() {
    let c = codes("وسد المتظاهرون لفترة قصيرة طريقا كانت تسلكه قافلة تابعة لقوات التحالف.");
    assert!(c.iter().any(|c| c == "141"), "{c:?}");
    let c = codes(
        "وشكل عدة مئات من المتظاهرين في هدوء سلسلة بشرية على مشارف مطار يريفان للاحتجاج على زيارة غل.",
    );
    assert!(c.iter().any(|c| c == "141"), "{c:?}");
    let c = codes(
        "وتجمع عشرات الفلسطينيين في ميدان المنارة وسط مدينة رام الله وهم يحملون الاعلام الفلسطينية ولافتات تطالب بوقف الاستيطان.",
    );
    assert!(c.iter().any(|c| c == "141"), "{c:?}");
}

#[test]
fn sieges_and_the_protest_adjective() {
    // SaudiNewsNet 2015-07-21 and the gold standard's dev half: imposing a
    // siege (the indefinite accusative written with its alif) is 191
    let c = codes(
        "وكانت المقاومة الجنوبية قد فرضت حصارًا مطبقًا على معسكر لواء لبوزة بمنطقة المسيمير شمال قاعدة العند بمحافظة لحج.",
    );
    assert!(c.iter().any(|c| c == "191"), "{c:?}");
    let c = codes("فيما أكد وزير الزراعة في الحكومة المقالة ان تل ابيب تفرض حصاراً بحرياً على القطاع وتنكل بالصياديين الفلسطينيين.");
    assert!(c.iter().any(|c| c == "191"), "{c:?}");
    // فرض with sanctions stays 163
    let c = codes("بحث الاتحاد الأوروبي، أمس، فرض عقوبات على أطراف الصراع الليبي.");
    assert!(!has_root(&c, &["19"]), "{c:?}");
    // the masculine protest adjective
    let c = codes("واوضح علوش ان \"العمل الاحتجاجي لقوى 14 آذار مستمر ولكن اشكاله ستختلف\".");
    assert!(c.iter().any(|c| c == "140"), "{c:?}");
}

#[test]
fn crowds_need_a_sign_of_protest() {
    // session 9, SaudiNewsNet 2015-07-21..08-01: a festival crowd is no
    // demonstration
    let c = codes(
        "واحتشد آلاف المواطنين والمقيمين في الشوارع المحيطة بدرة الحدائق على الطريق الدائري الجنوبي لمدينة الرياض لمشاهدة الألعاب النارية.",
    );
    assert!(!has_root(&c, &["14"]), "{c:?}");
    // with a sign of protest it is one (SaudiNewsNet)
    let c =
        codes("وتجمهر أنصار الحركة وسط نواكشوط، ورفعوا شعارات، مرددين هتافات تندد بسجن الحقوقيين.");
    assert!(c.iter().any(|c| c == "141"), "{c:?}");
    // and with protesters as its subject (gold standard, yes)
    let c = codes("ووقعت المواجهات عندما احتشد متظاهرون امام السجن، وبدأوا في القاء مقذوفات مختلفة على قوات الشرطة.");
    assert!(c.iter().any(|c| c == "141"), "{c:?}");
}

#[test]
fn needed_is_no_protest() {
    // احتاج (needed) was read as the verbal noun of احتج (SaudiNewsNet)
    let c = codes("واحتاج ثييم إلى ساعة و26 دقيقة لتحقيق فوزه الثاني على جوفان أمس.");
    assert!(!has_root(&c, &["14"]), "{c:?}");
    let c = codes("وتظاهر المئات أمس احتجاجا على قرار الحكومة في وسط العاصمة.");
    assert!(has_root(&c, &["14"]), "{c:?}");
    // the verbal noun alone still codes (no تظاهر to carry it)
    let c = codes("ونظم العمال وقفة احتجاج أمام مقر الشركة أمس على تأخر الرواتب.");
    assert!(has_root(&c, &["14"]), "{c:?}");
}

#[test]
fn a_career_is_no_march() {
    // SaudiNewsNet: مسيرة with a definite genitive or an abstract adjective
    let c = codes(
        "كشف تقرير اقتصادي أمس عن مساهمة المملكة في دعم مسيرة التنمية في 121 دولة نامية عبر صندوق أوبك للتنمية الدولية.",
    );
    assert!(!has_root(&c, &["14"]), "{c:?}");
    // a march of people stays a march: a sound plural, or a listed broken
    // plural or march name (lead's review)
    let c = codes("وتعرضت مسيرة المثليين في القدس أمس لاعتداء أسفر عن إصابة ستة من المشاركين فيها.");
    assert!(has_root(&c, &["14"]), "{c:?}");
    let c = codes("وجابت مسيرة العمال شوارع المدينة أمس للمطالبة برفع الأجور.");
    assert!(has_root(&c, &["14"]), "{c:?}");
    let c = codes("ودعت المعارضة أنصارها إلى المشاركة في مسيرة الغضب يوم الجمعة أمام مقر الحكومة.");
    assert!(has_root(&c, &["14"]), "{c:?}");
    // لل is the article too: a definite مسيرة with a protest adjective
    let c = codes("وتصدت قوات الأمن للمسيرة الاحتجاجية التي انطلقت من وسط العاصمة أمس.");
    assert!(has_root(&c, &["14"]), "{c:?}");
    let c = codes("وانطلقت أمس مسيرة احتجاجية باتجاه مبنى البرلمان في وسط العاصمة.");
    assert!(has_root(&c, &["14"]), "{c:?}");
}

#[test]
fn a_found_bomb_is_no_attack() {
    // gold standard (easy no) and SaudiNewsNet: found, defused or seized
    let c = codes("وفي الجزائر، فككت قوات الأمن أمس سيارة مفخخة في منطقة غير بعيدة عن موقع السفارة الفرنسية في العاصمة.");
    assert!(!c.iter().any(|c| c.starts_with("183")), "{c:?}");
    let c = codes("أبطل خبراء متفجرات أتراك أمس مفعول عبوة ناسفة كانت موضوعة داخل صندوق قرب مبنى الحزب في أنقرة.");
    assert!(!c.iter().any(|c| c.starts_with("183")), "{c:?}");
    // a bomb that went off still codes
    let c = codes(
        "قتل أربعة أشخاص وأصيب أربعة آخرون في انفجار سيارة مفخخة بعد ظهر أمس قرب مسجد في صنعاء.",
    );
    assert!(has_root(&c, &["183"]), "{c:?}");
}

#[test]
fn a_fair_and_a_pretence_are_no_protests() {
    // SaudiNewsNet 2015-08-04 and 2015-07-22
    let c = codes(
        "ينطلق يوم غد الأربعاء في مدينة بريدة أكبر مهرجان للتمور في العالم وهو أكبر تظاهرة اقتصادية فريدة من نوعها.",
    );
    assert!(!has_root(&c, &["14"]), "{c:?}");
    let c = codes("وقالت: أخبرني أنه سيغتصبني في نفس اليوم فتظاهرت بأنني مريضة فأخذني إلى منزله.");
    assert!(!has_root(&c, &["14"]), "{c:?}");
    // a demonstration stays one
    let c = codes("وتظاهر عشرات الأكراد في محافظة السليمانية في شمال العراق مساء السبت، احتجاجا على الغارات الجوية التركية.");
    assert!(has_root(&c, &["14"]), "{c:?}");
}
