//! Clitic analyses: candidate (proclitics + stem + enclitic) splits.
//!
//! Arabic glues conjunctions, prepositions, the article and pronouns to words
//! (وبوتين، بالقوة، للسلام، حملته). Dictionary matching and features need the
//! stem, but a split is a guess: بيروت is not ب+يروت and واشنطن is not
//! و+اشنطن. So this module never forces one split: it returns every plausible
//! analysis, ordered, and a caller with a lexicon picks (see
//! [`analyses_with`]).

/// One candidate analysis of a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// Proclitics as written, e.g. "وب" or "وال" (empty if none).
    pub prefix: String,
    /// The stem (with ال removed when `article` is true).
    pub stem: String,
    /// Enclitic pronoun as written ("ه", "ها", "هم" …; empty if none).
    pub suffix: String,
    /// True when the definite article was part of the prefix.
    pub article: bool,
    /// Number of code points of the word before the stem.
    pub prefix_chars: usize,
    /// Number of code points of the word after the stem.
    pub suffix_chars: usize,
    /// True when the stem's last letter was written ت because an enclitic
    /// follows a ta marbuta (حملته = حملة + ه); `stem` then ends in ة as a
    /// dictionary lists it, so it differs from the written letters in that
    /// one place. `prefix_chars` and `suffix_chars` still measure the word
    /// as written.
    pub ta_marbuta: bool,
}

impl Analysis {
    /// The stem with its article restored ("ال" + stem when `article`).
    pub fn with_article(&self) -> String {
        if self.article {
            format!("ال{}", self.stem)
        } else {
            self.stem.clone()
        }
    }
}

const ENCLITICS: [&str; 10] = ["كما", "هما", "هم", "هن", "ها", "كم", "كن", "نا", "ه", "ي"];

/// Common names that begin with letters that look like proclitics, or end
/// like enclitics. A small built-in guard; callers with a gazetteer pass
/// their own lexicon to [`analyses_with`].
const GUARD: &[&str] = &[
    "بوتين",
    "بيروت",
    "فلسطين",
    "واشنطن",
    "لندن",
    "ليبيا",
    "لبنان",
    "بغداد",
    "باريس",
    "بريطانيا",
    "فرنسا",
    "فرنسوا",
    "بشار",
    "باراك",
    "بكين",
    "برلين",
    "بروكسل",
    "كندا",
    "كوريا",
    "كابول",
    "لاهاي",
    "وليم",
    "وزير",
    "فيينا",
    "فنزويلا",
    "بلجيكا",
    "بولندا",
    "بنغازي",
    "فلاديمير",
    "لافروف",
    "كيري",
    "بان",
    "ولد",
    "وكالة",
    "وزارة",
    "بيان",
    "سوريا",
    "سيناء",
    "سعود",
    "سلمان",
    "ساركوزي",
    "سيسي",
    "كاميرون",
    "لوران",
    "فابيوس",
    "بلير",
    "بوش",
    "بايدن",
    "بنيامين",
    "بن",
    "لاجئ",
    "باكستان",
];

/// The guard list, normalized once.
fn guard() -> &'static std::collections::HashSet<String> {
    static G: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    G.get_or_init(|| GUARD.iter().map(|g| crate::normalize_str(g)).collect())
}

/// Candidate analyses of `word`, most plausible first; the unsplit word is
/// always among them. Equivalent to [`analyses_with`] with the built-in guard.
pub fn analyses(word: &str) -> Vec<Analysis> {
    analyses_with(word, &|w: &str| guard().contains(&crate::normalize_str(w)))
}

/// Candidate analyses of `word`, consulting `known(stem)` (which receives
/// unnormalized candidate stems) to rank analyses whose stem is a known word
/// first and to refuse splits that would cut into a known name: when the
/// whole word is known, analyses that remove letters from its start are
/// dropped (بيروت stays whole), but a proclitic *before* a known word is still
/// offered (وبيروت → و + بيروت).
pub fn analyses_with(word: &str, known: &dyn Fn(&str) -> bool) -> Vec<Analysis> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let whole = Analysis {
        prefix: String::new(),
        stem: word.to_string(),
        suffix: String::new(),
        article: false,
        prefix_chars: 0,
        suffix_chars: 0,
        ta_marbuta: false,
    };
    if n < 3
        || !chars
            .iter()
            .all(|&c| crate::is_arabic_letter(c) || crate::is_tashkeel(c) || c == crate::TATWEEL)
    {
        return vec![whole];
    }
    let whole_known = known(word);
    let mut out: Vec<(i32, Analysis)> = vec![(if whole_known { 100 } else { 10 }, whole)];
    let letter = |i: usize| {
        chars.get(i).copied().map(|c| match c {
            'أ' | 'إ' | 'آ' => 'ا',
            c => c,
        })
    };
    // proclitic sequences: (و|ف)? (ب|ك|ل|س)? (ال)?   and  (و|ف)? لل
    let mut prefixes: Vec<(usize, bool)> = Vec::new(); // (chars, article)
    let conj = if matches!(letter(0), Some('و' | 'ف')) {
        vec![0, 1]
    } else {
        vec![0]
    };
    for &c in &conj {
        // س (future) only before an imperfect verb prefix: سيعقد، ستواصل
        let future = letter(c) == Some('س') && matches!(letter(c + 1), Some('ي' | 'ت' | 'ن' | 'ا'));
        let preps = if matches!(letter(c), Some('ب' | 'ك' | 'ل')) || future {
            vec![0, 1]
        } else {
            vec![0]
        };
        for &p in &preps {
            let k = c + p;
            if letter(k) == Some('ا')
                && letter(k + 1) == Some('ل')
                && !(p == 1 && letter(c) == Some('س'))
            {
                prefixes.push((k + 2, true));
            }
            if k > 0 {
                prefixes.push((k, false));
            }
        }
        // لل = ل + ال (alef dropped)
        if letter(c) == Some('ل') && letter(c + 1) == Some('ل') {
            prefixes.push((c + 2, true));
        }
    }
    prefixes.push((0, false));
    prefixes.sort();
    prefixes.dedup();
    for &(pl, article) in &prefixes {
        for suf in std::iter::once("").chain(ENCLITICS.iter().copied()) {
            let sl = suf.chars().count();
            if pl == 0 && sl == 0 {
                continue;
            }
            if sl > 0 && !word.ends_with(suf) {
                continue;
            }
            // a pronoun does not follow the article
            if article && sl > 0 {
                continue;
            }
            if pl + sl >= n {
                continue;
            }
            let stem_len = n - pl - sl;
            let min = if article { 2 } else { 3 };
            if stem_len < min {
                continue;
            }
            if whole_known && pl > 0 && !known(&chars[pl..].iter().collect::<String>()) {
                // would cut into a known name (بيروت → ب + يروت)
                continue;
            }
            let stem: String = chars[pl..n - sl].iter().collect();
            let mut score = 5 - (pl as i32) / 2 - sl as i32;
            let stem_known = known(&stem);
            // ت before an enclitic is often a ta marbuta (حملته → حملة + ه):
            // offer the restored stem beside the written one
            let restored = (sl > 0 && chars[n - sl - 1] == 'ت').then(|| {
                let mut r: String = chars[pl..n - sl - 1].iter().collect();
                r.push('ة');
                r
            });
            let restored_known = restored
                .as_ref()
                .is_some_and(|r| known(r) || known(&crate::normalize_str(r)));
            if whole_known && !stem_known && !restored_known {
                continue;
            }
            if stem_known {
                score += 50;
            }
            if article {
                score += 2;
            }
            let analysis = |stem: String, ta_marbuta: bool| Analysis {
                prefix: chars[..pl].iter().collect(),
                stem,
                suffix: suf.to_string(),
                article,
                prefix_chars: pl,
                suffix_chars: sl,
                ta_marbuta,
            };
            if let Some(r) = restored {
                let bonus = if restored_known { 51 } else { 0 };
                out.push((
                    score - if stem_known { 50 } else { 0 } + bonus,
                    analysis(r, true),
                ));
            }
            out.push((score, analysis(stem, false)));
        }
    }
    out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.prefix_chars.cmp(&b.1.prefix_chars)));
    out.into_iter().map(|(_, a)| a).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(w: &str) -> Vec<String> {
        analyses(w).into_iter().map(|a| a.stem).collect()
    }

    #[test]
    fn real_words_of_the_seed() {
        let best = |w: &str| {
            analyses(w)
                .into_iter()
                .filter(|a| a.prefix_chars + a.suffix_chars > 0)
                .map(|a| (a.prefix.clone(), a.with_article(), a.suffix.clone()))
                .collect::<Vec<_>>()
        };
        assert!(best("وبالتحالف").contains(&("وبال".into(), "التحالف".into(), "".into())));
        assert!(best("فالروس").contains(&("فال".into(), "الروس".into(), "".into())));
        assert!(best("لرحيله").contains(&("ل".into(), "رحيل".into(), "ه".into())));
        assert!(best("شركائه").contains(&("".into(), "شركائ".into(), "ه".into())));
        assert!(best("سيستمرون").contains(&("س".into(), "يستمرون".into(), "".into())));
        assert!(best("بلدهم").contains(&("".into(), "بلد".into(), "هم".into())));
        // س is not a proclitic before a noun: سوريا، سلسلة
        assert!(best("سلسلة").iter().all(|a| a.0.is_empty()));
        // a guarded name keeps its letters, with or without a conjunction
        assert!(best("فلسطين").is_empty());
        assert_eq!(analyses("وفلسطين")[0].stem, "فلسطين");
        assert_eq!(analyses("وبيروت")[0].stem, "بيروت");
    }

    #[test]
    fn guards_names() {
        assert_eq!(stems("بيروت"), ["بيروت"]);
        assert_eq!(stems("واشنطن"), ["واشنطن"]);
        assert_eq!(stems("بوتين")[0], "بوتين");
    }

    #[test]
    fn offers_proclitic_before_known_name() {
        assert_eq!(analyses("وبوتين")[0].stem, "بوتين");
        assert_eq!(analyses("وواشنطن")[0].stem, "واشنطن");
    }

    #[test]
    fn splits_article_prepositions_and_pronouns() {
        let a = analyses("بالقوة");
        assert!(a
            .iter()
            .any(|x| x.stem == "قوة" && x.article && x.prefix == "بال"));
        let a = analyses("للسلام");
        assert!(a.iter().any(|x| x.stem == "سلام" && x.article));
        let a = analyses("حملته");
        assert!(a.iter().any(|x| x.stem == "حملت" && x.suffix == "ه"));
        assert_eq!(a[0].stem, "حملته", "unsplit stays a candidate");
        // ta marbuta restored before the enclitic, written letters counted
        let r = a
            .iter()
            .find(|x| x.stem == "حملة" && x.suffix == "ه")
            .expect("حملة + ه offered");
        assert!(r.ta_marbuta);
        assert_eq!((r.prefix_chars, r.suffix_chars), (0, 1));
    }
}
