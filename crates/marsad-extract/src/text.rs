//! Scraped-text pages: a page is a list of lines; find the article in it.
//!
//! A scraped page (what a "copy all" or a text-mode crawler gives) holds the
//! headline (often twice), a byline, share and copy widgets whose Arabic and
//! English UI strings were glued together when the markup was flattened
//! ("شارك هذا المقالمحادثة", "Copy to clipboardCopied"), advertisement
//! markers, a teaser that repeats the beginning of the lead, breadcrumbs,
//! timestamps, and a tail of related headlines. This module classifies every
//! line by *general* signals and keeps the rest as the body:
//!
//! * **shape**: word count, length, whether the line ends like a sentence
//!   (`.` `؟` `!`), whether it is headline-like (short, unpunctuated);
//! * **vocabulary**: small closed lists of UI, advertisement, related-links,
//!   byline and timestamp words, in Arabic and English, matched on the
//!   normalized view (so أ/ا, ة/ه and tashkeel do not matter);
//! * **glue**: a word where Arabic and Latin letters touch, or a Latin word
//!   with a lower→upper case change inside ("clipboardCopied"), or two UI
//!   words run together ("المقالمحادثة"): markup flattened without spaces;
//! * **repetition**: a line repeated near the top is the headline; a line
//!   that is a prefix of a later line is a teaser;
//! * **position**: bylines and headlines live before the body; a short
//!   header followed by a run of headline-like lines is a list of links.
//!
//! Every cut line goes to [`Document::removed`] with its reason, so a user
//! can audit the cut. Lines are never edited: a kept line is copied verbatim
//! (trimmed), paragraphs are joined by `"\n\n"`, and a short line ending in a
//! colon stays in one paragraph with the line it introduces (`ويقول بوتين:`).

use marsad_arabic::normalize_str;
use marsad_core::{Document, Removed, Source};

/// Reasons written into [`Removed::reason`] by this module.
pub mod reason {
    /// The headline (found and stored in `title`).
    pub const TITLE: &str = "title";
    /// The author line (names stored in `byline`).
    pub const BYLINE: &str = "byline";
    /// Share, copy, follow and comment widgets.
    pub const SHARE_WIDGET: &str = "share-widget";
    /// Advertisement markers.
    pub const ADVERTISEMENT: &str = "advertisement";
    /// "Read also" / "more" headers and their lists of headlines.
    pub const RELATED_LINKS: &str = "related-links";
    /// A teaser or standfirst that repeats the beginning of a later line.
    pub const DUPLICATE_TEASER: &str = "duplicate-teaser";
    /// Breadcrumbs and menus.
    pub const NAVIGATION: &str = "navigation";
    /// Publication / update stamps on a line of their own.
    pub const TIMESTAMP: &str = "timestamp";
    /// Photo credits and captions.
    pub const CAPTION: &str = "caption";
    /// Copyright and similar boilerplate.
    pub const BOILERPLATE: &str = "boilerplate";
}

/// Extracts the article from a scraped text page. Equivalent to
/// [`extract_text_page_titled`] with no title known beforehand.
pub fn extract_text_page(page: &str, id: String, source: Source) -> Document {
    extract_text_page_titled(page, id, source, None)
}

/// Extracts the article from a scraped text page, given the title when the
/// input carried one beside the page (JSON Lines `title`). With a known
/// title, lines equal to it are cut and no other line is guessed to be the
/// headline (a body whose first paragraph is short stays whole).
pub fn extract_text_page_titled(
    page: &str,
    id: String,
    source: Source,
    known_title: Option<&str>,
) -> Document {
    let lines = split_lines(page);
    let mut cls: Vec<Option<&'static str>> = vec![None; lines.len()];
    let feats: Vec<Feat> = lines.iter().map(|l| Feat::of(l.text)).collect();

    // 1. Lines that are chrome by themselves.
    for (i, f) in feats.iter().enumerate() {
        cls[i] = intrinsic(f);
    }

    // 2. The title.
    let mut title: Option<String> = None;
    find_title(&lines, &feats, &mut cls, known_title, &mut title);

    // 3. Teasers: a line that a later line begins with.
    find_teasers(&lines, &feats, &mut cls);

    // 4. Related-links headers and the headlines they introduce.
    find_related(&feats, &mut cls);

    // 5. Bylines: before the body or among the last lines.
    let mut byline = Vec::new();
    find_bylines(&lines, &feats, &mut cls, &mut byline);

    // 6. Assemble.
    let mut removed = Vec::new();
    let mut text = String::new();
    let mut prev_kept: Option<usize> = None;
    for (i, l) in lines.iter().enumerate() {
        if let Some(r) = cls[i] {
            removed.push(Removed {
                text: l.text.to_string(),
                reason: r.to_string(),
            });
            continue;
        }
        if let Some(p) = prev_kept {
            let joins =
                p + 1 == i && !l.blank_before && feats[p].ends_colon && feats[p].words <= 12;
            text.push_str(if joins { "\n" } else { "\n\n" });
        }
        text.push_str(l.text);
        prev_kept = Some(i);
    }
    let mut doc = Document::new(id, source, text);
    doc.title = title;
    doc.byline = byline;
    doc.removed = removed;
    doc
}

/// One non-empty line of the page.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// The trimmed line.
    text: &'a str,
    /// True when a blank line (or the page start) precedes it.
    blank_before: bool,
}

fn split_lines(page: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut blank = true;
    for raw in page.lines() {
        let t = raw.trim_matches(|c: char| c.is_whitespace() || is_invisible(c));
        if t.is_empty() {
            blank = true;
            continue;
        }
        out.push(Line {
            text: t,
            blank_before: blank,
        });
        blank = false;
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Shape and vocabulary features of a line.
#[derive(Debug, Clone)]
struct Feat {
    /// Whitespace-separated words.
    words: usize,
    /// Code points.
    chars: usize,
    /// Ends with `.` `؟` `?` `!` (optionally followed by closing quotes).
    ends_sentence: bool,
    /// Ends with `:`.
    ends_colon: bool,
    /// Ends with an ellipsis (`...`, `…`).
    ends_ellipsis: bool,
    /// The line normalized (folded, lowercased), whitespace collapsed,
    /// trailing ellipsis and dots removed: what repetition is judged on.
    key: String,
    /// Sub-words (split at whitespace, `/`, `|`, script and case glue),
    /// normalized, edge punctuation stripped, empty ones dropped.
    subwords: Vec<String>,
    /// Scripts or UI words glued without a space.
    glued: bool,
    /// Number of sub-words that are widget actions or platforms.
    ui_hits: usize,
    /// Number of sub-words that are accompanying UI words.
    ui_weak: usize,
    /// Starts with a list marker (`*`, `-`, `•`, `1.`, `2 -`, `(3)`): an
    /// item of a list in the body.
    list_item: bool,
    /// Number of whitespace-separated tokens that are lone separators
    /// (`>`, `»`, `›`, `|`, `/`, `-`).
    separators: usize,
    /// Has any digit.
    digits: bool,
    /// Has no letter or digit at all ("***", "•", ">").
    no_letters: bool,
}

/// Lines longer than this (in words) are never chrome on their own, so
/// their vocabulary is not computed.
const SHORT_LINE_WORDS: usize = 40;

impl Feat {
    fn of(text: &str) -> Feat {
        let words: Vec<&str> = text.split_whitespace().collect();
        let trimmed_end = text.trim_end_matches(|c: char| {
            matches!(c, '»' | '”' | '"' | ')' | '\'' | '’') || c.is_whitespace()
        });
        let last = trimmed_end.chars().last().unwrap_or(' ');
        let ends_ellipsis = trimmed_end.ends_with("..") || trimmed_end.ends_with('…');
        let ends_sentence =
            !ends_ellipsis && matches!(last, '.' | '؟' | '?' | '!' | '۔' | '؛' | ';');
        let ends_colon = last == ':';
        let base = text.trim_end_matches(|c: char| c == '.' || c == '…' || c.is_whitespace());
        let key = normalize_str(base)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let mut glued = false;
        let mut subwords = Vec::new();
        // Vocabulary and glue only matter on short lines: every rule that
        // reads them is bounded by a word count, and skipping them keeps a
        // 20 MB single-line page linear and fast.
        let short = words.len() <= SHORT_LINE_WORDS;
        for w in words.iter().filter(|_| short) {
            for piece in w.split(['/', '|', '\\']) {
                for sub in split_glue(piece, &mut glued) {
                    let s = strip_edges(&sub);
                    if !s.is_empty() {
                        subwords.push(normalize_str(s));
                    }
                }
            }
        }
        // UI words run together without a space ("المقالمحادثة"): split a
        // word that is not vocabulary itself into two that are.
        let (mut ui_hits, mut ui_weak) = (0, 0);
        for s in &subwords {
            if is_ui_word(s) {
                ui_hits += 1;
            } else if glued_ui(s) {
                ui_hits += 1;
                ui_weak += 1;
                glued = true;
            } else if is_ui_any(s) {
                ui_weak += 1;
            }
        }
        // breadcrumb separators: the most frequent lone separator token
        let separators = [">", "»", "›", "|", "/", "<", "«", "‹", "::"]
            .iter()
            .map(|s| words.iter().filter(|w| *w == s).count())
            .max()
            .unwrap_or(0);
        Feat {
            words: words.len(),
            chars: text.chars().count(),
            ends_sentence,
            ends_colon,
            ends_ellipsis,
            key,
            subwords,
            glued,
            ui_hits,
            ui_weak,
            separators,
            list_item: starts_list_item(text),
            digits: text
                .chars()
                .any(|c| marsad_arabic::digit_value(c).is_some()),
            no_letters: !text.chars().any(char::is_alphanumeric),
        }
    }

    /// Short and unpunctuated, like a headline or a link.
    fn headline_like(&self) -> bool {
        self.words <= 22 && self.chars <= 180 && !self.ends_sentence && !self.ends_colon
    }

    /// Looks like running text of an article.
    fn body_like(&self) -> bool {
        self.words >= 10 && (self.ends_sentence || self.chars >= 100)
    }
}

/// True when a line starts like an item of a list: a bullet, or a number
/// followed by `.`, `-`, `)`.
fn starts_list_item(text: &str) -> bool {
    let mut cs = text.chars().peekable();
    match cs.peek() {
        Some('*' | '-' | '•' | '–' | '—' | '·' | '▪' | '●' | '◾' | '>') => {
            return true
        }
        Some('(') => {
            cs.next();
        }
        _ => {}
    }
    let mut digits = 0;
    while let Some(&c) = cs.peek() {
        if marsad_arabic::digit_value(c).is_some() {
            digits += 1;
            cs.next();
        } else {
            break;
        }
    }
    if digits == 0 || digits > 3 {
        return false;
    }
    let rest: String = cs.take(4).collect();
    let rest =
        rest.trim_start_matches(|c: char| c == ' ' || ('\u{202A}'..='\u{202E}').contains(&c));
    rest.starts_with(['.', '-', ')', '–', '/', '،'])
}

/// Strips punctuation and symbols from both ends of a word.
fn strip_edges(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Splits a word where Arabic and Latin letters touch, or where a Latin
/// lowercase letter is followed by an uppercase one; sets `glued` when it
/// splits.
fn split_glue(w: &str, glued: &mut bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev: Option<char> = None;
    for c in w.chars() {
        if let Some(p) = prev {
            let script_change = (marsad_arabic::is_arabic_letter(p) && c.is_ascii_alphabetic())
                || (p.is_ascii_alphabetic() && marsad_arabic::is_arabic_letter(c));
            let case_change = p.is_ascii_lowercase() && c.is_ascii_uppercase();
            if script_change || case_change {
                *glued = true;
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.push(c);
        prev = Some(c);
    }
    out.push(cur);
    out
}

/// UI vocabulary: actions of page widgets and social platforms (normalized:
/// ة→ه, أ→ا, ى→ي; lowercase). A line needs at least one of these to be a
/// widget.
const UI_STRONG: &[&str] = &[
    "شارك",
    "شاركوا",
    "شاركها",
    "مشاركه",
    "المشاركه",
    "انشر",
    "نسخ",
    "انسخ",
    "لصق",
    "النسخ",
    "تابعنا",
    "تابعونا",
    "تابعوا",
    "اشترك",
    "اشتركوا",
    "الاشتراك",
    "اضغط",
    "انقر",
    "طباعه",
    "اطبع",
    "اضف",
    "تعليق",
    "تعليقات",
    "التعليقات",
    "علق",
    "محادثه",
    "المحادثه",
    "احفظ",
    "اغلاق",
    "حمل",
    "فيسبوك",
    "تويتر",
    "واتساب",
    "تيليجرام",
    "تلغرام",
    "تليجرام",
    "انستغرام",
    "انستجرام",
    "يوتيوب",
    "لينكدان",
    "ماسنجر",
    "share",
    "shares",
    "sharing",
    "copy",
    "copied",
    "clipboard",
    "close",
    "button",
    "follow",
    "tweet",
    "print",
    "comment",
    "comments",
    "subscribe",
    "click",
    "whatsapp",
    "facebook",
    "twitter",
    "telegram",
    "instagram",
    "youtube",
    "linkedin",
    "messenger",
    "pinterest",
    "reddit",
    "conversation",
    "embed",
    "download",
    "newsletter",
    "login",
];

/// Words that accompany widget actions ("this article", "the link", "on",
/// "via"): counted towards a widget line only beside a strong word.
const UI_WEAK: &[&str] = &[
    "هذا",
    "هذه",
    "المقال",
    "الخبر",
    "الصفحه",
    "الرابط",
    "رابط",
    "الفيديو",
    "فيديو",
    "ادناه",
    "هنا",
    "علي",
    "عبر",
    "في",
    "البريد",
    "الالكتروني",
    "تطبيق",
    "التطبيق",
    "حساب",
    "حسابنا",
    "صفحتنا",
    "قناتنا",
    "الي",
    "من",
    "فيس",
    "بوك",
    "واتس",
    "اب",
    "سناب",
    "شات",
    "تيك",
    "توك",
    "x",
    "us",
    "on",
    "to",
    "via",
    "the",
    "this",
    "article",
    "story",
    "link",
    "url",
    "video",
    "here",
    "email",
    "e-mail",
    "mail",
    "app",
    "sign",
    "up",
    "in",
    "log",
    "page",
    "button",
];

fn in_vocab(s: &str, vocab: &[&str]) -> bool {
    let s = s.to_lowercase();
    if vocab.contains(&s.as_str()) {
        return true;
    }
    // a conjunction or preposition glued in front: وتويتر
    ["و", "ف", "ب", "ل"].iter().any(|p| {
        s.strip_prefix(p)
            .is_some_and(|rest| rest.chars().count() >= 3 && vocab.contains(&rest))
    })
}

fn is_ui_word(s: &str) -> bool {
    in_vocab(s, UI_STRONG)
}

fn is_ui_any(s: &str) -> bool {
    in_vocab(s, UI_STRONG) || in_vocab(s, UI_WEAK)
}

/// True when `s` is two UI words run together (each at least 3 letters, at
/// least one of them a widget action or platform).
fn glued_ui(s: &str) -> bool {
    let cs: Vec<(usize, char)> = s.char_indices().collect();
    if cs.len() < 6 {
        return false;
    }
    (3..=cs.len() - 3).any(|k| {
        let (a, b) = s.split_at(cs[k].0);
        is_ui_any(a) && is_ui_any(b) && (is_ui_word(a) || is_ui_word(b))
    })
}

/// Advertisement vocabulary (normalized).
const AD_CORE: &[&str] = &[
    "اعلان",
    "الاعلان",
    "اعلانات",
    "الاعلانات",
    "اعلاني",
    "اعلانيه",
    "advertisement",
    "advertisements",
    "advert",
    "ad",
    "ads",
    "sponsored",
    "مدعوم",
    "ممول",
];
const AD_FILLER: &[&str] = &[
    "محتوي",
    "مساحه",
    "تجاري",
    "scroll",
    "to",
    "continue",
    "with",
    "content",
    "reading",
    "story",
    "continues",
    "below",
    "تابع",
    "القراءه",
    "اسفل",
    "بالاسفل",
    "يتبع",
    "التالي",
];

/// Related-links headers, normalized and without punctuation.
const RELATED_HEADERS: &[&str] = &[
    "اقرا ايضا",
    "اقرا ايضاً",
    "اقرا كذلك",
    "اقرا المزيد",
    "اقرا",
    "المزيد",
    "المزيد من الاخبار",
    "مواضيع اضافيه",
    "مواضيع ذات صله",
    "موضوعات ذات صله",
    "موضوعات متعلقه",
    "مواضيع متعلقه",
    "اخبار ذات صله",
    "اخبار متعلقه",
    "ذات صله",
    "قد يهمك",
    "قد يهمك ايضا",
    "شاهد ايضا",
    "شاهد ايضاً",
    "الاكثر قراءه",
    "الاكثر مشاهده",
    "الاكثر تداولا",
    "الاكثر شعبيه",
    "اخترنا لك",
    "ننصحك بقراءه",
    "المزيد حول هذه القصه",
    "المزيد من",
    "اخر الاخبار",
    "ايضا",
    "تقارير ذات صله",
    "مقالات ذات صله",
    "مقالات اخري",
    "اخبار اخري",
    "related",
    "related articles",
    "related stories",
    "related topics",
    "related news",
    "read more",
    "read also",
    "more",
    "more stories",
    "more from",
    "most read",
    "most popular",
    "recommended",
    "you may also like",
    "see also",
    "also read",
    "top stories",
    "trending",
];

/// A word of a timestamp line: a month or weekday name, or stamp vocabulary.
fn is_time_word(w: &str) -> bool {
    use marsad_arabic::calendar::{is_gregorian_month, is_hijri_month, is_weekday};
    is_gregorian_month(w) || is_hijri_month(w) || is_weekday(w) || TIME_WORDS.contains(&w)
}

/// Words of a timestamp line besides numbers and calendar names
/// (normalized; month and weekday names come from
/// `marsad_arabic::calendar`).
const TIME_WORDS: &[&str] = &[
    // second words of two-word month names (تشرين الأول، ربيع الآخر، جمادى الأولى)
    "الاول",
    "الثاني",
    "الاخر",
    "الاخره",
    "الاولي",
    // stamp vocabulary
    "نشر",
    "نشرت",
    "منشور",
    "في",
    "تاريخ",
    "النشر",
    "اخر",
    "تحديث",
    "التحديث",
    "تم",
    "محدث",
    "بتوقيت",
    "توقيت",
    "مكه",
    "المكرمه",
    "غرينتش",
    "جرينتش",
    "القاهره",
    "الرياض",
    "ابوظبي",
    "الدوحه",
    "ص",
    "م",
    "ه",
    "هـ",
    "صباحا",
    "مساء",
    "مساءا",
    "ظهرا",
    "منذ",
    "قبل",
    "ساعه",
    "ساعات",
    "ساعتين",
    "دقيقه",
    "دقائق",
    "دقيقتين",
    "يوم",
    "ايام",
    "يومين",
    "امس",
    "اليوم",
    "الموافق",
    "الساعه",
    "عام",
    "سنه",
    "gmt",
    "utc",
    "am",
    "pm",
    "updated",
    "update",
    "published",
    "posted",
    "last",
    "on",
    "at",
    "ago",
    "hour",
    "hours",
    "minute",
    "minutes",
    "day",
    "days",
    "mins",
    "min",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// Byline markers (normalized, lowercase) and whether a colon or a name
/// must follow directly.
const BYLINE_MARKERS: &[&str] = &[
    "بقلم",
    "كتب",
    "كتبت",
    "كتبه",
    "كتبها",
    "اعداد",
    "تقرير",
    "تحرير",
    "الكاتب",
    "الكاتبه",
    "المحرر",
    "مراسل",
    "by",
    "author",
    "written by",
    "reporting by",
];

fn words_in(f: &Feat, vocab: &[&str]) -> usize {
    f.subwords
        .iter()
        .filter(|w| vocab.contains(&w.to_lowercase().as_str()))
        .count()
}

/// The reason a line is chrome on its own, if it is.
fn intrinsic(f: &Feat) -> Option<&'static str> {
    let n = f.subwords.len();
    if n == 0 {
        // punctuation or symbols only ("***", ">", "•")
        return None;
    }
    // advertisement marker: nothing but ad words
    if f.words <= 6 && !f.ends_sentence {
        let core = words_in(f, AD_CORE);
        let filler = words_in(f, AD_FILLER);
        if core >= 1 && core + filler == n {
            return Some(reason::ADVERTISEMENT);
        }
    }
    // copyright
    if f.words <= 25
        && (f.key.contains('©')
            || f.key.contains("جميع الحقوق محفوظه")
            || f.key.to_lowercase().contains("all rights reserved"))
    {
        return Some(reason::BOILERPLATE);
    }
    // photo credits and captions
    if f.words <= 30 {
        let k = f.key.to_lowercase();
        if [
            "مصدر الصوره",
            "التعليق علي الصوره",
            "image source",
            "image caption",
            "photo credit",
        ]
        .iter()
        .any(|p| k.starts_with(p))
        {
            return Some(reason::CAPTION);
        }
    }
    // share / copy / follow widgets
    if f.words <= 10 && !f.ends_sentence && !f.ends_colon && !f.list_item {
        let (ui, all) = (f.ui_hits, f.ui_hits + f.ui_weak);
        if ui >= 1 && (f.glued || n <= 2 || (all >= 2 && all * 3 >= n * 2)) {
            return Some(reason::SHARE_WIDGET);
        }
    }
    // breadcrumbs: short segments between lone separators
    if f.words <= 14
        && f.separators >= 2
        && !f.ends_sentence
        && !f.list_item
        && !f.key.contains("http")
        && !f.key.contains("www")
        && f.words - f.separators <= 3 * (f.separators + 1)
    {
        return Some(reason::NAVIGATION);
    }
    // a timestamp on its own line
    if f.words <= 16 && !f.ends_sentence && is_timestamp(f) {
        return Some(reason::TIMESTAMP);
    }
    None
}

fn is_timestamp(f: &Feat) -> bool {
    let mut numbers = 0;
    let mut words = 0;
    let mut dates = 0;
    for w in &f.subwords {
        let lw = w.to_lowercase();
        if lw.chars().all(|c| c.is_ascii_digit()) {
            numbers += 1;
        } else if lw
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | '-'))
            && lw.chars().any(|c| c.is_ascii_digit())
        {
            dates += 1;
        } else if is_time_word(&lw)
            || lw
                .strip_prefix('و')
                .or_else(|| lw.strip_prefix('ب'))
                .is_some_and(is_time_word)
        {
            words += 1;
        } else {
            return false;
        }
    }
    let relative = f.subwords.iter().any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "منذ" | "قبل" | "ago" | "ساعه" | "ساعات" | "دقائق" | "دقيقه"
        )
    });
    // a bare numeric date ("23/11/2015"), or words with a number
    let bare_date = words == 0 && dates == 0 && (3..=6).contains(&numbers) && f.words <= 2;
    bare_date
        || dates >= 1 && (words >= 1 || f.words <= 2)
        || words >= 1 && (numbers >= 1 || relative && f.words <= 4)
}

/// Finds the headline: the known title, a line repeated near the top, or a
/// headline-like first line followed by body text.
fn find_title(
    lines: &[Line<'_>],
    feats: &[Feat],
    cls: &mut [Option<&'static str>],
    known: Option<&str>,
    title: &mut Option<String>,
) {
    const TOP: usize = 8;
    let top: Vec<usize> = (0..lines.len())
        .filter(|&i| cls[i].is_none())
        .take(TOP)
        .collect();
    if let Some(k) = known {
        let kk = normalize_str(k.trim())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if kk.is_empty() {
            return;
        }
        for &i in &top {
            if feats[i].key == kk {
                cls[i] = Some(reason::TITLE);
                title.get_or_insert_with(|| lines[i].text.to_string());
            }
        }
        return;
    }
    // a headline-like line that repeats among the first lines
    for (a, &i) in top.iter().enumerate() {
        let f = &feats[i];
        if f.words > 30 {
            continue;
        }
        let copies: Vec<usize> = top[a + 1..]
            .iter()
            .copied()
            .filter(|&j| feats[j].key == f.key)
            .collect();
        if !copies.is_empty() {
            *title = Some(lines[i].text.to_string());
            cls[i] = Some(reason::TITLE);
            for j in copies {
                cls[j] = Some(reason::TITLE);
            }
            return;
        }
    }
    // otherwise the first line, when it reads like a headline and body text
    // follows
    let Some(&first) = top.first() else { return };
    let f = &feats[first];
    let has_body = (first + 1..lines.len()).any(|j| cls[j].is_none() && feats[j].body_like());
    let dateline = f.words <= 6 && f.separators >= 1;
    if has_body
        && f.headline_like()
        && f.words >= 2
        && !dateline
        && !looks_like_byline(f)
        && !f.ends_ellipsis
    {
        *title = Some(lines[first].text.to_string());
        cls[first] = Some(reason::TITLE);
    }
}

/// Marks teasers: a line of at least 5 words that the next kept line (or
/// one of the next two) begins with, or, before the body starts, that a
/// later line within 40 lines begins with or equals. An exact repetition
/// deep in the body (a wire story restating a sentence) is kept.
fn find_teasers(lines: &[Line<'_>], feats: &[Feat], cls: &mut [Option<&'static str>]) {
    let kept: Vec<usize> = (0..lines.len()).filter(|&i| cls[i].is_none()).collect();
    let body_start = kept
        .iter()
        .position(|&i| feats[i].body_like())
        .unwrap_or(kept.len());
    let starts_with_key = |j: usize, key: &str| {
        let kj = &feats[j].key;
        kj.len() >= key.len()
            && kj.starts_with(key)
            && (kj.len() == key.len()
                || kj[key.len()..].starts_with(|c: char| !c.is_alphanumeric()))
    };
    for (pos, &i) in kept.iter().enumerate() {
        let f = &feats[i];
        if f.words < 5 || f.list_item {
            continue;
        }
        let key = f.key.as_str();
        // the lead itself may be body-like: it counts as "before the body"
        // when it is the first body-like line
        let head = pos <= body_start;
        let window = if head { 40 } else { 2 };
        let hit = kept[pos + 1..]
            .iter()
            .take(window)
            .any(|&j| starts_with_key(j, key) && (feats[j].key.len() > key.len() || head));
        if hit {
            cls[i] = Some(reason::DUPLICATE_TEASER);
        }
    }
}

fn related_header(f: &Feat) -> bool {
    if f.words > 7 || f.ends_sentence {
        return false;
    }
    let k: String = f
        .subwords
        .iter()
        .map(|s| s.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    RELATED_HEADERS.contains(&k.as_str())
}

/// Marks related-links blocks: a header from the related vocabulary (or, at
/// the end of the page, any short unpunctuated header) and the run of
/// headline-like lines after it.
fn find_related(feats: &[Feat], cls: &mut [Option<&'static str>]) {
    let n = feats.len();
    let mut i = 0;
    while i < n {
        if cls[i].is_none() && related_header(&feats[i]) {
            cls[i] = Some(reason::RELATED_LINKS);
            let mut j = i + 1;
            while j < n {
                if cls[j].is_some() {
                    // other chrome inside the block (timestamps, share icons)
                    j += 1;
                    continue;
                }
                let f = &feats[j];
                if f.headline_like() || f.no_letters {
                    cls[j] = Some(reason::RELATED_LINKS);
                    j += 1;
                } else {
                    break;
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    // Tail without a known header: after the last body-like line, a short
    // unpunctuated header followed by at least three headline-like lines of
    // 3+ words that run to the end of the page.
    let Some(last_body) = (0..n)
        .rev()
        .find(|&j| cls[j].is_none() && feats[j].body_like())
    else {
        return;
    };
    let tail: Vec<usize> = (last_body + 1..n).filter(|&j| cls[j].is_none()).collect();
    if tail.len() >= 4 {
        let h = &feats[tail[0]];
        let items = &tail[1..];
        let header_ok = h.words <= 4
            && !h.ends_sentence
            && !h.ends_colon
            && !h.digits
            && !h.list_item
            && !h.ends_ellipsis;
        let items_ok = items.iter().all(|&j| {
            let f = &feats[j];
            f.headline_like() && f.words >= 4 && !f.ends_ellipsis && !f.list_item
        });
        if header_ok && items_ok {
            for &j in &tail {
                cls[j] = Some(reason::RELATED_LINKS);
            }
        }
    }
}

fn looks_like_byline(f: &Feat) -> bool {
    byline_names_of(f).is_some()
}

/// When `f` is a byline line, the text after its marker.
fn byline_names_of(f: &Feat) -> Option<usize> {
    if f.ends_sentence || f.words > 10 || f.subwords.is_empty() {
        return None;
    }
    let first = f.subwords[0].to_lowercase();
    let two = f
        .subwords
        .get(1)
        .map(|s| format!("{first} {}", s.to_lowercase()));
    let skip = if two.as_deref().is_some_and(|t| BYLINE_MARKERS.contains(&t)) {
        2
    } else if BYLINE_MARKERS.contains(&first.as_str()) {
        1
    } else {
        return None;
    };
    let names = f.subwords.len() - skip;
    (1..=7).contains(&names).then_some(skip)
}

/// Marks byline lines (before the first body line, or among the last three
/// kept lines) and collects the names.
fn find_bylines(
    lines: &[Line<'_>],
    feats: &[Feat],
    cls: &mut [Option<&'static str>],
    byline: &mut Vec<String>,
) {
    let kept: Vec<usize> = (0..lines.len()).filter(|&i| cls[i].is_none()).collect();
    let body_start = kept
        .iter()
        .position(|&i| feats[i].body_like())
        .unwrap_or(kept.len());
    for (pos, &i) in kept.iter().enumerate() {
        let at_end = pos + 3 >= kept.len() && pos > body_start;
        if pos >= body_start && !at_end {
            continue;
        }
        // a colon-less marker ("كتب محمد") only in the header zone
        if at_end && !lines[i].text.contains(':') {
            continue;
        }
        if byline_names_of(&feats[i]).is_some() {
            cls[i] = Some(reason::BYLINE);
            for name in split_names(lines[i].text) {
                if !byline.contains(&name) {
                    byline.push(name);
                }
            }
        }
    }
}

/// The names of a byline line: the text after the marker (and its colon),
/// cut at a dash or pipe (what follows is an outlet or a place), split at
/// commas and "and".
fn split_names(line: &str) -> Vec<String> {
    let t = line.trim();
    // drop the marker: up to the first colon when there is one near the
    // start, else the marker word(s)
    let after = match t.find(':') {
        Some(b) if t[..b].split_whitespace().count() <= 2 => &t[b + 1..],
        _ => {
            let mut ws = t.split_whitespace();
            let first = ws.next().unwrap_or("");
            let rest = t[first.len()..].trim_start();
            let second = rest.split_whitespace().next().unwrap_or("");
            let two = normalize_str(&format!("{first} {second}")).to_lowercase();
            if BYLINE_MARKERS.contains(&two.as_str()) {
                rest[second.len()..].trim_start()
            } else {
                rest
            }
        }
    };
    let after = after
        .split([' ', '\u{A0}'])
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let head = before_any(&after, &[" - ", " – ", " — ", " | "]);
    let mut names = Vec::new();
    for part in head.split(['،', ',', '&', '؛']) {
        for p in part.split(" and ").flat_map(|p| p.split(" و ")) {
            let p = p.trim_matches(|c: char| !c.is_alphanumeric());
            if !p.is_empty() {
                names.push(p.to_string());
            }
        }
    }
    names
}

/// The part of `s` before the first occurrence of any of `pats`.
fn before_any<'a>(s: &'a str, pats: &[&str]) -> &'a str {
    match pats.iter().filter_map(|p| s.find(p)).min() {
        Some(b) => &s[..b],
        None => s,
    }
}

#[cfg(test)]
mod tests;
