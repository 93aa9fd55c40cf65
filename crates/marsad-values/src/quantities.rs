//! Quantities: numbers (digits or words), percentages, ranges and
//! approximate counts with the noun they count.

use crate::lexicon::{self, Approx, Lex};
use crate::numbers;
use crate::scan::View;
use crate::times::THit;
use marsad_arabic::{normalize, Folding, TokenKind};
use marsad_core::{CharIndex, Quantity, Span};

/// A quantity found on the token view.
#[derive(Debug, Clone)]
pub(crate) struct QHit {
    /// Original code-point span.
    pub span: (usize, usize),
    /// Value.
    pub value: Option<f64>,
    /// Counted noun.
    pub unit: Option<String>,
    /// Approximate.
    pub approximate: bool,
    /// Bounds.
    pub range: Option<[f64; 2]>,
}

impl QHit {
    /// The published record.
    pub fn into_quantity(self, text: &str, ix: &CharIndex) -> Quantity {
        let span = Span::new(self.span.0, self.span.1);
        Quantity {
            span,
            text: ix.slice(text, span).to_string(),
            value: self.value,
            unit: self.unit,
            approximate: self.approximate,
            range: self.range,
        }
    }
}

/// Finds the quantities of the view, leaving out tokens inside `times`.
pub(crate) fn find(v: &View, times: &[THit]) -> Vec<QHit> {
    let mut covered = vec![false; v.len()];
    for t in times {
        for c in covered.iter_mut().take(t.end.min(v.len())).skip(t.i) {
            *c = true;
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < v.len() {
        if covered[i] || !v.open[i] {
            i += 1;
            continue;
        }
        match quantity_at(v, i, &covered) {
            Some((end, q)) if end > i => {
                out.push(q);
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

fn free(covered: &[bool], a: usize, b: usize) -> bool {
    (a..b.min(covered.len())).all(|k| !covered[k])
}

fn quantity_at(v: &View, i: usize, covered: &[bool]) -> Option<(usize, QHit)> {
    let mut j = i;
    let mut skip = 0;
    let mut approx: Option<Approx> = None;
    let mut between = false;
    // approximators and range openers
    if let Some(m) = lexicon::at(v, i, true, |l| matches!(l, Lex::Approx(_))) {
        if let Lex::Approx(a) = m.lex {
            approx = Some(a);
            skip = m.skip;
            j = m.end;
        }
    } else if lexicon::stems(v.w(i)).any(|(_, s)| s == "بين") && starts_number(v, i + 1) {
        between = true;
        skip = lexicon::stems(v.w(i))
            .find(|(_, s)| *s == "بين")
            .map(|x| x.0)
            .unwrap_or(0);
        j = i + 1;
    }
    // vague counts: عشرات، مئات الآلاف، آلاف
    if approx.is_none() && !between {
        if let Some(q) = vague_at(v, i, covered) {
            return Some(q);
        }
    }
    if !free(covered, j, j + 1) {
        return None;
    }
    let num = numbers::number_at(v, j)?;
    if !free(covered, j, num.end) {
        return None;
    }
    if approx.is_none() && !between {
        skip = num.skip;
    }
    let mut value = num.value;
    let mut end = num.end;
    let mut range: Option<[f64; 2]> = None;
    // percent
    let mut unit: Option<String> = None;
    let pct = |k: usize| -> Option<usize> {
        if matches!(v.w(k), "%" | "٪") {
            return Some(k + 1);
        }
        lexicon::at(v, k, false, |l| *l == Lex::Percent).map(|m| m.end)
    };
    if let Some(e) = pct(end) {
        unit = Some("%".into());
        end = e;
    }
    // ranges: بين 10 و15، ما بين 3 إلى 12، من 10 إلى 15، 10-15 (not "ارتفع
    // 0.5% إلى 1084": a change, not a range)
    let before = if j > 0 { v.w(j - 1) } else { "" };
    let mut k0 = end;
    if between && matches!(v.w(k0), "،" | ",") {
        k0 += 1;
    }
    let second = match v.w(k0) {
        "و" if between => Some(k0 + 1),
        "-" | "–" => Some(k0 + 1),
        "الي" | "حتي" if between || before == "من" => Some(k0 + 1),
        _ => None,
    };
    if let Some(k) = second {
        if free(covered, k, k + 1) {
            if let Some(n2) = numbers::number_at(v, k) {
                if let (Some(mut a), Some(b)) = (value, n2.value) {
                    // "بين 60 و90 ألف": the scale is shared
                    if num.end == j + 1 && n2.end > k + 1 {
                        if let Some(sm) =
                            lexicon::at(v, n2.end - 1, false, |l| matches!(l, Lex::Scale { .. }))
                        {
                            if let Lex::Scale { mult, .. } = sm.lex {
                                if a * mult <= b {
                                    a *= mult;
                                }
                            }
                        }
                    }
                    if b > a && free(covered, k, n2.end) {
                        range = Some([a, b]);
                        value = Some(a);
                        end = n2.end;
                        if let Some(e) = pct(end) {
                            unit = Some("%".into());
                            end = e;
                        }
                    }
                }
            }
        }
    }
    if between && range.is_none() {
        // "بين" that opened no range: start at the number itself
        skip = num.skip;
        j = i + 1;
        let _ = j;
        return finish(
            v,
            i + 1,
            skip,
            end,
            value,
            unit,
            false,
            None,
            covered,
            approx,
        );
    }
    if value.is_none() && num.words {
        value = None;
    }
    let start = if approx.is_some() || between { i } else { j };
    finish(
        v,
        start,
        skip,
        end,
        value,
        unit,
        range.is_some(),
        range,
        covered,
        approx,
    )
}

#[allow(clippy::too_many_arguments)]
fn finish(
    v: &View,
    start: usize,
    skip: usize,
    mut end: usize,
    value: Option<f64>,
    mut unit: Option<String>,
    is_range: bool,
    range: Option<[f64; 2]>,
    covered: &[bool],
    approx: Option<Approx>,
) -> Option<(usize, QHit)> {
    if unit.is_none() {
        let accusative = value.is_some_and(|x| {
            x.fract() == 0.0 && x >= 11.0 && (11..=99).contains(&((x as u64) % 100))
        });
        if let Some((e, u)) = unit_at(v, end, false, covered, accusative) {
            unit = Some(u);
            end = e;
        }
    }
    let mut approximate = approx.is_some() || is_range;
    // "تقريبا" after the quantity
    if matches!(v.w(end), "تقريبا") {
        approximate = true;
        end += 1;
    }
    let span = v.orig_span(start, skip, end);
    Some((
        end,
        QHit {
            span,
            value: if is_range { range.map(|r| r[0]) } else { value },
            unit,
            approximate,
            range,
        },
    ))
}

fn starts_number(v: &View, i: usize) -> bool {
    numbers::number_at(v, i).is_some()
}

fn vague_at(v: &View, i: usize, covered: &[bool]) -> Option<(usize, QHit)> {
    let (mut lo, mut hi, mut end, skip) = if let Some(m) =
        lexicon::at(v, i, true, |l| matches!(l, Lex::Vague { .. }))
    {
        let Lex::Vague { lo, hi } = m.lex else {
            return None;
        };
        (lo, hi, m.end, m.skip)
    } else if let Some(m) = lexicon::at(v, i, true, |l| matches!(l, Lex::Scale { count: 0, .. })) {
        // آلاف، ملايين، مليارات without a count before them
        let Lex::Scale { mult, .. } = m.lex else {
            return None;
        };
        (2.0 * mult, 10.0 * mult - 1.0, m.end, m.skip)
    } else {
        return None;
    };
    // عشرات الآلاف، مئات الملايين
    let sc = v.w(end);
    let mult = match sc {
        "الالاف" | "آلاف" | "الاف" => Some(1e3),
        "الملايين" | "ملايين" => Some(1e6),
        "المليارات" | "مليارات" => Some(1e9),
        _ => None,
    };
    if let Some(mu) = mult {
        lo *= mu;
        hi = (hi + 1.0) * mu - 1.0;
        end += 1;
    }
    if !free(covered, i, end) {
        return None;
    }
    let mut unit = None;
    if let Some((e, u)) = unit_at(v, end, true, covered, false) {
        unit = Some(u);
        end = e;
    }
    let _ = hi;
    Some((
        end,
        QHit {
            span: v.orig_span(i, skip, end),
            value: None,
            unit,
            approximate: true,
            range: Some([lo, hi]),
        },
    ))
}

/// Words after a number that are not what it counts.
fn stop(w: &str) -> bool {
    matches!(
        w,
        "في" | "من"
            | "علي"
            | "الي"
            | "عن"
            | "مع"
            | "او"
            | "ثم"
            | "حتي"
            | "منذ"
            | "بين"
            | "ان"
            | "انه"
            | "التي"
            | "الذي"
            | "الذين"
            | "هذا"
            | "هذه"
            | "ذلك"
            | "تلك"
            | "كما"
            | "قد"
            | "لا"
            | "لم"
            | "لن"
            | "ما"
            | "هو"
            | "هي"
            | "هم"
            | "عند"
            | "بعد"
            | "قبل"
            | "خلال"
            | "حيث"
            | "اي"
            | "كل"
            | "بعض"
            | "غير"
            | "سوي"
            | "فقط"
            | "ايضا"
            | "تقريبا"
            | "نحو"
            | "حوالي"
            | "مقابل"
            | "ضد"
            | "عبر"
            | "لدي"
            | "امام"
            | "بسبب"
            | "بحسب"
            | "وفق"
            | "وفقا"
            | "اذ"
            | "اذا"
            | "لكن"
            | "بل"
            | "و"
            | "ف"
            | "ب"
            | "ل"
            | "ال"
            | "يا"
            | "كان"
            | "كانت"
            | "اما"
            | "الا"
            | "ام"
            | "وهو"
            | "وهي"
            | "وفي"
            | "ومن"
            | "الف"
            | "مليون"
            | "مليار"
            | "رقم"
            | "عام"
            | "سنه"
            | "بدلا"
            | "عالميا"
            | "محليا"
            | "يوميا"
            | "سنويا"
            | "شهريا"
            | "مرات"
    )
}

/// The counted noun at token `k` ("من" + definite noun allowed after vague
/// counts and after "من"): returns (end, singular form).
fn unit_at(
    v: &View,
    k: usize,
    after_vague: bool,
    covered: &[bool],
    accusative: bool,
) -> Option<(usize, String)> {
    let mut k = k;
    if !free(covered, k, k + 1) {
        return None;
    }
    // "(164,781,745) ريالاً": the noun after a closing bracket or quote
    if matches!(v.w(k), ")" | "»" | "\"" | "”") && v.kind(k + 1) == Some(TokenKind::Arabic) {
        k += 1;
    }
    let mut definite_ok = after_vague;
    if v.w(k) == "من" && v.w(k + 1).starts_with("ال") {
        k += 1;
        definite_ok = true;
    }
    if !free(covered, k, k + 1) {
        return None;
    }
    let kind = v.kind(k)?;
    if kind != TokenKind::Arabic {
        return None;
    }
    let w = v.w(k);
    if stop(w) || w.chars().count() < 2 {
        return None;
    }
    if lexicon::known(w) {
        // a number word, a month, a time word: not a counted noun
        return None;
    }
    let bare = if let Some(r) = w.strip_prefix("ال") {
        if !definite_ok {
            return None;
        }
        r
    } else {
        w
    };
    // the original spelling, tashkeel and tatweel gone, alef/yeh/ta kept
    let light = original_light(v, k);
    let light_bare = if w.starts_with("ال") {
        light.strip_prefix("ال").unwrap_or(&light).to_string()
    } else {
        light
    };
    Some((k + 1, singular(bare, &light_bare, accusative)))
}

fn original_light(v: &View, k: usize) -> String {
    // Rebuild the token's original characters through the offset map.
    normalize(v.orig_text(k, k + 1), Folding::LIGHT).text
}

/// Singular of a counted noun: known broken plurals, the accusative alef of
/// tamyiz after 11–99 (`accusative`: جنديا → جندي), nisba and participle
/// plurals (مدنيين → مدني). `folded` is the fully folded word (dictionary
/// key), `light` the word with only tashkeel and tatweel removed.
pub fn singular(folded: &str, light: &str, accusative: bool) -> String {
    if let Some(s) = broken_plural(folded) {
        return s.to_string();
    }
    let chars: Vec<char> = light.chars().collect();
    let n = chars.len();
    let s: String;
    if accusative && n >= 3 && chars[n - 1] == 'ا' && chars[n - 2] != 'ا' {
        s = chars[..n - 1].iter().collect();
        if let Some(x) = broken_plural(&marsad_arabic::normalize_str(&s)) {
            return x.to_string();
        }
        return s;
    }
    if n >= 5 && (light.ends_with("يين") || light.ends_with("يون")) {
        return chars[..n - 2].iter().collect();
    }
    if n >= 5 && chars[0] == 'م' && (light.ends_with("ين") || light.ends_with("ون")) {
        return chars[..n - 2].iter().collect();
    }
    if n >= 5 && light.ends_with("يات") {
        let mut x: String = chars[..n - 2].iter().collect();
        x.push('ة');
        return x;
    }
    light.to_string()
}

fn broken_plural(folded: &str) -> Option<&'static str> {
    Some(match folded {
        "جنود" => "جندي",
        "قتلي" => "قتيل",
        "جرحي" => "جريح",
        "اشخاص" => "شخص",
        "دول" => "دولة",
        "غارات" => "غارة",
        "اطفال" => "طفل",
        "نساء" => "امرأة",
        "رجال" => "رجل",
        "عناصر" => "عنصر",
        "ضحايا" => "ضحية",
        "صواريخ" => "صاروخ",
        "سيارات" => "سيارة",
        "منازل" => "منزل",
        "ريالات" => "ريال",
        "دولارات" => "دولار",
        "اسر" => "أسرة",
        "عائلات" => "عائلة",
        "طلاب" => "طالب",
        "طالبات" => "طالبة",
        "حالات" => "حالة",
        "مشاريع" => "مشروع",
        "وحدات" => "وحدة",
        "مواقع" => "موقع",
        "قري" => "قرية",
        "مدن" => "مدينة",
        "مناطق" => "منطقة",
        "شهداء" => "شهيد",
        "حجاج" => "حاج",
        "زوار" => "زائر",
        "طائرات" => "طائرة",
        "دبابات" => "دبابة",
        "الغام" => "لغم",
        "قذائف" => "قذيفة",
        "براميل" => "برميل",
        "عمال" => "عامل",
        "مدارس" => "مدرسة",
        "مستشفيات" => "مستشفى",
        "جامعات" => "جامعة",
        "مرضي" => "مريض",
        "اعضاء" => "عضو",
        "وزراء" => "وزير",
        "لاعبين" => "لاعب",
        "لاجئين" => "لاجئ",
        "مقاتلين" => "مقاتل",
        "مواطنين" => "مواطن",
        "معتقلين" => "معتقل",
        "مصابين" => "مصاب",
        "ملايين" => "مليون",
        "اهداف" => "هدف",
        "نقاط" => "نقطة",
        "مباريات" => "مباراة",
        "مرات" => "مرة",
        "كيلومترات" => "كيلومتر",
        "امتار" => "متر",
        "اطنان" => "طن",
        "دراهم" => "درهم",
        "دنانير" => "دينار",
        "جنيهات" => "جنيه",
        "افراد" => "فرد",
        "ارهابيين" => "إرهابي",
        "مسلحين" => "مسلح",
        "متظاهرين" => "متظاهر",
        "مسلمين" => "مسلم",
        "مهاجرين" => "مهاجر",
        "سجناء" => "سجين",
        "اسري" => "أسير",
        "رهائن" => "رهينة",
        "مساكن" => "مسكن",
        "وظائف" => "وظيفة",
        "شركات" => "شركة",
        "بنوك" => "بنك",
        "مصارف" => "مصرف",
        "اسهم" => "سهم",
        "ابناء" => "ابن",
        "بلدان" => "بلد",
        "مباني" => "مبنى",
        "مدنيين" => "مدني",
        _ => return None,
    })
}
