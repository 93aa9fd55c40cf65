//! Quotes and their speakers: who said what.
//!
//! [`annotate`] fills [`Document::quotes`] with
//!
//! * **direct quotes**: words between «», “” or "" marks that a cue verb
//!   attributes to a speaker, before the quote ("ويقول بوتين:\n“…”",
//!   "وقال كاميرون في خطابه، "…"", "أكد الوزير أن المجتمع "…"") or after it
//!   (""…"، قال الوزير"), or that continue the previous speaker's quote;
//! * **indirect quotes**: the clause a cue verb reports through a
//!   complementizer (قال إن …، أكد أن …، أشار إلى أن …، مضيفا أن …).
//!
//! Speakers come from the text itself: the noun phrase after the cue verb
//! (names, titles, appositions, plural groups such as "الخبراء"), or, when
//! the cue has no subject (وأضاف، مضيفا), the subject of the sentence or the
//! last speaker. When the earlier stages produced mentions and entities, the
//! speaker is linked to the entity of a mention inside its span.
//!
//! Quoted single words and short terms with no explicit speech cue
//! (“مستبدا”, “الاستراتيجية”, names of campaigns and newspapers) are scare
//! quotes, not quotes of a speaker.
//!
//! All work is linear in the text plus bounded windows (at most a few dozen
//! tokens around each quote mark or cue), so very long or malformed
//! paragraphs cost no more than their length; no input makes it panic.

pub mod cues;
pub mod eval;

use cues::{Cue, Form, Strength};
use marsad_arabic::{Token, TokenKind};
use marsad_core::{CharIndex, Document, EntityType, Quote, QuoteKind, Span, Speaker};

/// Minimum number of words in a quotation for it to count as speech without
/// a cue verb right before it; shorter ones are scare quotes or terms.
const MIN_QUOTE_WORDS: usize = 3;
/// How many tokens a cue may stand before its quotation mark.
const BACK_WINDOW: usize = 40;
/// Longest speaker noun phrase, in words.
const MAX_NP: usize = 16;
/// Longest adjunct zone between a speaker and its complementizer.
const MAX_ZONE: usize = 10;
/// Longest indirect clause, in tokens.
const MAX_CLAUSE: usize = 90;
/// An unclosed quotation is abandoned after this many code points.
const MAX_OPEN: usize = 4000;

/// Adds `quotes` to `doc`. Uses `sentences` (computed here when empty),
/// and `mentions` / `entities` when present to link speakers.
pub fn annotate(doc: &mut Document) {
    doc.quotes = find_quotes(doc);
}

/// The quotes of `doc`, in text order, without modifying it.
pub fn find_quotes(doc: &Document) -> Vec<Quote> {
    let text = &doc.text;
    if text.is_empty() {
        return Vec::new();
    }
    let sentences = if doc.sentences.is_empty() {
        marsad_arabic::sentences(text)
    } else {
        doc.sentences.clone()
    };
    let paragraphs = if doc.paragraphs.is_empty() {
        marsad_arabic::paragraphs(text)
    } else {
        doc.paragraphs.clone()
    };
    let chars: Vec<char> = text.chars().collect();
    let ctx = Ctx::new(doc, &chars, &sentences, &paragraphs);
    ctx.run()
}

/// One token with its normalized form and cue reading.
struct Tok {
    span: Span,
    norm: String,
    kind: TokenKind,
    /// The punctuation character, for one-character punctuation tokens.
    punct: Option<char>,
    cue: Option<Cue>,
    sentence: usize,
    /// "علي" written with ى (the preposition على), not the name علي.
    maqsura: bool,
    /// "إمام" (imam) written with hamza below, not أمام (in front of).
    imam: bool,
}

impl Tok {
    fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Arabic | TokenKind::Latin)
    }
    fn is_sentence_end(&self) -> bool {
        matches!(self.punct, Some('.' | '!' | '?' | '؟' | '…' | '۔'))
    }
}

/// A pair of quotation marks (or an unclosed opening one).
#[derive(Debug, Clone)]
struct Region {
    /// Code point of the opening mark.
    open: usize,
    /// Code point of the closing mark (None: unclosed to the paragraph's end).
    close: Option<usize>,
    /// The content, trimmed.
    content: Span,
    /// Words in the content.
    words: usize,
    /// First token after the opening mark, first token at/after the close.
    tok_open: usize,
    tok_after: usize,
}

/// Where a candidate's speaker comes from, before pronoun resolution.
#[derive(Debug, Clone, Copy)]
enum Src {
    /// A noun phrase of the text (token range).
    Np(usize, usize),
    /// No subject: the sentence's subject or the last speaker.
    Pronoun { cue_tok: usize },
    /// A quote that continues the previous direct quote.
    Continue,
}

#[derive(Debug, Clone)]
struct Cand {
    content: Span,
    kind: QuoteKind,
    cue: Option<Span>,
    src: Src,
    /// Position used to order resolution.
    order: usize,
    /// A clause without quotation marks, whose end is only the sentence's.
    src_is_clause: bool,
}

#[derive(Debug, Clone)]
struct Resolved {
    text: String,
    span: Option<Span>,
    entity: Option<String>,
}

struct Ctx<'a> {
    doc: &'a Document,
    chars: &'a [char],
    toks: Vec<Tok>,
    sentences: &'a [Span],
    paragraphs: &'a [Span],
    ix: CharIndex,
}

fn is_quote_mark(c: char) -> bool {
    matches!(c, '«' | '»' | '“' | '”' | '„' | '"')
}

impl<'a> Ctx<'a> {
    fn new(
        doc: &'a Document,
        chars: &'a [char],
        sentences: &'a [Span],
        paragraphs: &'a [Span],
    ) -> Self {
        let text = &doc.text;
        let raw: Vec<Token> = marsad_arabic::tokenize(text);
        let mut toks = Vec::with_capacity(raw.len());
        let mut si = 0usize;
        for t in raw {
            let s = t.text(text);
            while si + 1 < sentences.len() && sentences[si].end <= t.span.start {
                si += 1;
            }
            let norm = marsad_arabic::normalize_str(s);
            let cue = if t.kind == TokenKind::Arabic {
                cues::cue_of(s, &norm)
            } else {
                None
            };
            let mut it = s.chars();
            let punct = match (it.next(), it.next()) {
                (Some(c), None) if t.kind == TokenKind::Punct => Some(c),
                _ => None,
            };
            toks.push(Tok {
                span: t.span,
                norm,
                kind: t.kind,
                punct,
                cue,
                sentence: si,
                maqsura: s.ends_with('ى'),
                imam: s.starts_with("إمام") || s.starts_with("وإمام"),
            });
        }
        Ctx {
            doc,
            chars,
            toks,
            sentences,
            paragraphs,
            ix: doc.char_index(),
        }
    }

    fn slice(&self, s: Span) -> String {
        self.ix.slice(&self.doc.text, s).to_string()
    }

    /// Index of the first token starting at or after code point `c`.
    fn tok_at(&self, c: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < c)
    }

    fn sentence_of(&self, c: usize) -> Option<Span> {
        let i = self.sentences.partition_point(|s| s.end <= c);
        self.sentences.get(i).copied().filter(|s| s.start <= c)
    }

    fn paragraph_index(&self, c: usize) -> usize {
        self.paragraphs.partition_point(|p| p.end <= c)
    }

    /// Quotation regions, line by line. «» may be written reversed (»…«);
    /// “” and "" pair by alternation; marks of another family inside a
    /// region are nested and ignored. An unclosed mark is kept as a region to
    /// the end of its line (used only after a colon introducer), so one stray
    /// mark never shifts the pairing of the lines after it.
    fn regions(&self) -> Vec<Region> {
        let chars = self.chars;
        let mut out = Vec::new();
        for p in self.paragraphs {
            let mut i = p.start;
            let mut open: Option<(usize, char)> = None;
            while i < p.end.min(chars.len()) {
                let c = chars[i];
                if c == '\n' {
                    // a quotation does not run over a line break: an open
                    // mark left at the end of a line is unclosed there
                    if let Some((o, _)) = open.take() {
                        out.push(self.region(o, None, i));
                    }
                    i += 1;
                    continue;
                }
                match open {
                    None => {
                        if is_quote_mark(c) {
                            open = Some((i, c));
                        }
                    }
                    Some((o, oc)) => {
                        let closes = match oc {
                            '«' => c == '»',
                            '»' => c == '«',
                            '“' | '”' | '„' => matches!(c, '”' | '“'),
                            _ => c == '"',
                        };
                        if closes {
                            out.push(self.region(o, Some(i), i));
                            open = None;
                        } else if i - o > MAX_OPEN {
                            // a stray mark: forget it and rescan after it
                            open = None;
                            i = o + 1;
                            continue;
                        }
                    }
                }
                i += 1;
            }
            if let Some((o, _)) = open {
                out.push(self.region(o, None, p.end.min(chars.len())));
            }
        }
        out
    }

    fn region(&self, open: usize, close: Option<usize>, end: usize) -> Region {
        let mut s = open + 1;
        let mut e = end;
        while s < e && self.chars[s].is_whitespace() {
            s += 1;
        }
        while e > s && self.chars[e - 1].is_whitespace() {
            e -= 1;
        }
        let content = Span::new(s, e);
        let tok_open = self.tok_at(open + 1);
        let tok_after = self.tok_at(end);
        let words = self.toks[tok_open..tok_after.min(self.toks.len())]
            .iter()
            .filter(|t| t.is_word() || t.kind == TokenKind::Number)
            .count();
        Region {
            open,
            close,
            content,
            words,
            tok_open,
            tok_after: if close.is_some() {
                tok_after + 1
            } else {
                tok_after
            },
        }
    }

    fn run(&self) -> Vec<Quote> {
        let regions = self.regions();
        let mut cands: Vec<Cand> = Vec::new();
        let mut used_cues: Vec<usize> = Vec::new();
        let mut accepted: Vec<&Region> = Vec::new();
        let mut last_direct_para: Option<usize> = None;
        for r in &regions {
            if r.content.is_empty() || r.words == 0 {
                continue;
            }
            if let Some((cand, cue_tok)) = self.direct(r, last_direct_para) {
                if let Some(c) = cue_tok {
                    used_cues.push(c);
                }
                last_direct_para = Some(self.paragraph_index(r.open));
                accepted.push(r);
                cands.push(cand);
            }
        }
        // cues inside any quotation are the quoted person's words
        let inside = |c: usize| {
            regions
                .iter()
                .any(|r| r.words >= 2 && r.open < c && r.close.is_none_or(|e| c < e))
        };
        for (i, t) in self.toks.iter().enumerate() {
            let Some(cue) = t.cue else { continue };
            if used_cues.contains(&i) || inside(t.span.start) {
                continue;
            }
            if let Some(c) = self.indirect(i, cue, &accepted) {
                cands.push(c);
            }
        }
        // a reported clause ends where the next report begins
        let cue_starts: Vec<usize> = cands
            .iter()
            .filter_map(|c| c.cue.map(|s| s.start))
            .collect();
        for c in cands.iter_mut().filter(|c| c.src_is_clause) {
            if let Some(&next) = cue_starts
                .iter()
                .filter(|&&x| x > c.content.start && x < c.content.end)
                .min()
            {
                let mut e = self.tok_at(next);
                while e > 0
                    && self.toks[e - 1].punct.is_some()
                    && self.toks[e - 1].span.start > c.content.start
                {
                    e -= 1;
                }
                if e > 0 && self.toks[e - 1].span.end > c.content.start {
                    c.content.end = self.toks[e - 1].span.end;
                }
            }
        }
        cands.sort_by_key(|c| (c.order, c.content.start));
        self.resolve(cands)
    }

    /// Decides whether a region is a direct quote, and how its speaker is found.
    fn direct(&self, r: &Region, last_direct_para: Option<usize>) -> Option<(Cand, Option<usize>)> {
        // a quoted name glued to a preposition: لـ"الشرق الأوسط"، بـ"داعش"
        if r.open > 0 && is_arabic_letter_or_tatweel(self.chars[r.open - 1]) {
            return None;
        }
        if r.tok_open > 1 {
            let prev = &self.toks[r.tok_open - 2];
            if prev.is_word() && cues::names_a_title(&prev.norm) {
                return None;
            }
        }
        // 1. a cue before the quotation
        if let Some((src, cue_tok, colon)) = self.cue_before(r) {
            let cue = self.toks[cue_tok].cue?;
            let short_ok = r.words >= MIN_QUOTE_WORDS
                || (cue.strength != Strength::Weak && colon)
                || (cue.strength == Strength::Say && self.adjacent(cue_tok, r));
            let weak_ok = cue.strength != Strength::Weak || r.words >= 4;
            if short_ok && weak_ok && (r.close.is_some() || colon) {
                return Some((
                    Cand {
                        content: r.content,
                        kind: QuoteKind::Direct,
                        cue: Some(self.toks[cue_tok].span),
                        src,
                        order: self.toks[cue_tok].span.start,
                        src_is_clause: false,
                    },
                    Some(cue_tok),
                ));
            }
        }
        r.close?;
        // 2. a cue right after it: "…"، قال الوزير
        if r.words >= MIN_QUOTE_WORDS {
            if let Some((src, cue_tok)) = self.cue_after(r) {
                return Some((
                    Cand {
                        content: r.content,
                        kind: QuoteKind::Direct,
                        cue: Some(self.toks[cue_tok].span),
                        src,
                        order: r.open,
                        src_is_clause: false,
                    },
                    Some(cue_tok),
                ));
            }
        }
        // 3. a continuation of the previous speaker's quote: a whole
        // sentence in marks, in the same or the next paragraph
        if r.words >= 5 {
            let para = self.paragraph_index(r.open);
            let near = last_direct_para.is_some_and(|p| para <= p + 1);
            if near && self.starts_sentence(r.open) && self.ends_sentence_or_para(r) {
                return Some((
                    Cand {
                        content: r.content,
                        kind: QuoteKind::Direct,
                        cue: None,
                        src: Src::Continue,
                        order: r.open,
                        src_is_clause: false,
                    },
                    None,
                ));
            }
        }
        None
    }

    /// True when only whitespace, punctuation or the conjunction و stands
    /// between the start of the sentence and `c`.
    fn starts_sentence(&self, c: usize) -> bool {
        let Some(s) = self.sentence_of(c) else {
            return true;
        };
        let s_tok = self.tok_at(s.start);
        let c_tok = self.tok_at(c);
        self.toks[s_tok..c_tok.min(self.toks.len())]
            .iter()
            .all(|t| t.punct.is_some() || t.norm == "و")
    }

    fn ends_sentence_or_para(&self, r: &Region) -> bool {
        let Some(close) = r.close else { return true };
        let para_end = self
            .paragraphs
            .get(self.paragraph_index(close))
            .map(|p| p.end);
        let mut k = close + 1;
        while k < self.chars.len() && Some(k) != para_end {
            let c = self.chars[k];
            if c.is_whitespace() || matches!(c, ')' | '(') {
                k += 1;
                continue;
            }
            return matches!(c, '.' | '!' | '?' | '؟' | '…' | '\n');
        }
        true
    }

    /// True when the cue's phrase reaches the quotation with nothing but its
    /// subject and punctuation in between ("قائلا "لا""، "وقال الوزير "…"").
    fn adjacent(&self, cue_tok: usize, r: &Region) -> bool {
        let end = r.tok_open.saturating_sub(1);
        let between = &self.toks[cue_tok + 1..end.max(cue_tok + 1)];
        between.iter().filter(|t| t.is_word()).count() <= 3
            && between
                .iter()
                .all(|t| (t.is_word() && !cues::stops_np(&t.norm)) || t.punct.is_some())
            && !between
                .iter()
                .any(|t| cues::complementizer(&t.norm).is_some())
    }

    /// Finds a cue before the region that introduces it. Returns the speaker
    /// source, the cue's token, and whether a colon introduces the quote.
    fn cue_before(&self, r: &Region) -> Option<(Src, usize, bool)> {
        let mark_tok = r.tok_open.checked_sub(1)?;
        let sentence = self.toks.get(mark_tok)?.sentence;
        let para = self.paragraph_index(r.open);
        let lo = mark_tok.saturating_sub(BACK_WINDOW);
        let colon = (lo..mark_tok)
            .rev()
            .find(|&k| self.toks[k].punct.is_none_or(|c| !c.is_whitespace()))
            .is_some_and(|k| self.toks[k].punct == Some(':'));
        let mut k = mark_tok;
        while k > lo {
            k -= 1;
            let t = &self.toks[k];
            if t.is_sentence_end() && t.sentence != sentence {
                break;
            }
            if t.is_sentence_end() {
                break;
            }
            if self.paragraph_index(t.span.start) != para {
                break;
            }
            let Some(cue) = t.cue else { continue };
            // the cue must connect to the quote
            let (src, after_np) = self.subject(k, cue);
            if after_np > mark_tok {
                // the quotation is a name inside the speaker's noun phrase
                return None;
            }
            let zone = &self.toks[after_np..mark_tok];
            if self.zone_links(zone, cue) {
                return Some((src, k, colon));
            }
            // a nearer cue that does not connect blocks farther ones
            return None;
        }
        None
    }

    /// Is the stretch between a speaker and a quotation an allowed link?
    /// Punctuation and short adjuncts (في خطابه، أمس، لـ"سبق")
    /// are; so is a complementizer followed by a few words of the reported
    /// clause ("أكد أن المجتمع البريطاني "…"").
    fn zone_links(&self, zone: &[Tok], cue: Cue) -> bool {
        if zone.iter().any(|t| t.is_sentence_end()) {
            return false;
        }
        let words: Vec<&Tok> = zone.iter().filter(|t| t.is_word()).collect();
        if let Some(ci) = zone
            .iter()
            .position(|t| cues::complementizer(&t.norm).is_some())
        {
            let before = zone[..ci].iter().filter(|t| t.is_word()).count();
            let after = zone[ci + 1..].iter().filter(|t| t.is_word()).count();
            return before <= MAX_ZONE && after <= 8;
        }
        if words.is_empty() {
            return true;
        }
        if cue.strength == Strength::Weak {
            return false;
        }
        // an adjunct must open with a preposition, a time word or a comma
        let first = zone.iter().find(|t| t.punct.is_none_or(|c| c != ' '));
        let opens_adjunct = first.is_some_and(|t| {
            t.punct.is_some() || cues::stops_np(&t.norm) || t.norm.starts_with("ل")
        });
        opens_adjunct && words.len() <= MAX_ZONE && !words.iter().any(|t| t.cue.is_some())
    }

    /// The speaker noun phrase after a cue: (token range, first token after
    /// it). None when the cue has no subject (participles, "وأضاف أن").
    fn np_after(&self, cue_tok: usize, cue: Cue) -> (Option<(usize, usize)>, usize) {
        let i = cue_tok + 1;
        if cue.form != Form::Verb {
            return (None, i);
        }
        let n = self.toks.len();
        // "بدوره"، "من جهته"، "من جانبه": the subject is a pronoun
        if i < n && matches!(self.toks[i].norm.as_str(), "بدوره" | "بدورها") {
            return (None, i + 1);
        }
        if i + 1 < n
            && self.toks[i].norm == "من"
            && matches!(
                self.toks[i + 1].norm.as_str(),
                "جهته" | "جهتها" | "جانبه" | "جانبها" | "ناحيته"
            )
        {
            return (None, i + 2);
        }
        self.np_from(i)
    }

    /// A noun phrase starting at token `i`: words up to a preposition, a time
    /// word, a complementizer, a cue or punctuation. A short quoted name
    /// inside it is kept (وقال المواطن "الصعب"). Returns the token range and
    /// the first token after it.
    fn np_from(&self, mut i: usize) -> (Option<(usize, usize)>, usize) {
        let n = self.toks.len();
        let start = i;
        let mut words = 0;
        let mut end = i;
        while i < n && words < MAX_NP {
            let t = &self.toks[i];
            if t.punct.is_some_and(is_quote_mark) && words > 0 {
                // a quoted name of at most three words
                let close = (i + 1..(i + 5).min(n))
                    .find(|&j| self.toks[j].punct.is_some_and(is_quote_mark));
                match close {
                    Some(j) if j > i + 1 && self.toks[i + 1..j].iter().all(|t| t.is_word()) => {
                        // a quotation introduced right after it is not a name
                        if self.toks.get(j + 1).is_some_and(|t| t.punct == Some(':'))
                            && !self
                                .toks
                                .get(j + 2)
                                .is_some_and(|t| t.punct.is_some_and(is_quote_mark))
                        {
                            break;
                        }
                        words += j - i - 1;
                        i = j + 1;
                        end = i;
                        continue;
                    }
                    _ => break,
                }
            }
            if !(t.is_word() || (t.punct == Some('.') && words > 0 && self.abbrev_dot(i))) {
                break;
            }
            if t.is_word() && ((t.norm == "علي" && !t.maqsura && words > 0) || t.imam) {
                // the name علي inside a name (نجيب علي طاهر)
                words += 1;
                i += 1;
                end = i;
                continue;
            }
            if t.is_word()
                && t.norm == "من"
                && words == 1
                && matches!(
                    self.toks[i - 1].norm.as_str(),
                    "عدد" | "بعض" | "احد" | "احدي" | "مجموعه" | "عشرات" | "كثير" | "العديد"
                )
            {
                // "عدد من الزبائن"، "أحد من"
                i += 1;
                end = i;
                continue;
            }
            if t.is_word() {
                let lil = t.norm.starts_with("لل")
                    || cues::names_a_title(&t.norm) && t.norm.starts_with('ل');
                if cues::stops_np(&t.norm)
                    || cues::complementizer(&t.norm).is_some()
                    || t.cue.is_some()
                    || t.norm == "ل"
                    || (lil && (words == 0 || !t.norm.starts_with("لل")))
                {
                    break;
                }
                words += 1;
            }
            i += 1;
            end = i;
        }
        if words == 0 {
            return (None, start);
        }
        (Some((start, end)), end)
    }

    /// Who a cue names as speaker. Tries, in order: the noun phrase right
    /// after the cue, extended to a name that an honorific introduces in the
    /// adjunct that follows ("قال الخبير في الفكر الاستراتيجي الدكتور محمد
    /// الفايدي إن"); a title or honorific inside that adjunct when the cue
    /// has no subject ("وأكد لـ"الوطن" مصدر أمني أن"); "نقل عن X قوله"; a
    /// subject before the verb ("لكن مسؤولا ليبيا قال إن"). Otherwise the
    /// speaker is a pronoun, resolved later. Returns the source and the
    /// first token after the subject noun phrase.
    fn subject(&self, cue_tok: usize, cue: Cue) -> (Src, usize) {
        let (np, after) = self.np_after(cue_tok, cue);
        let extra = self.named_in_adjunct(after, np.is_none());
        match (np, extra) {
            (Some((a, _)), Some((_, b))) => return (Src::Np(a, b), after),
            (Some((a, b)), None) => return (Src::Np(a, b), after),
            (None, Some((a, b))) if cue.form == Form::Verb => return (Src::Np(a, b), after),
            _ => {}
        }
        if cue.form == Form::Noun {
            // نقلت الوكالة عن ابن المزارع قوله
            let lo = cue_tok.saturating_sub(8);
            if let Some(an) = (lo..cue_tok).rev().find(|&k| self.toks[k].norm == "عن") {
                if let (Some((a, b)), _) = self.np_from(an + 1) {
                    if b <= cue_tok {
                        return (Src::Np(a, b), after);
                    }
                }
            }
        }
        if cue.form == Form::Verb {
            if let Some((a, b)) = self.subject_before(cue_tok) {
                return (Src::Np(a, b), after);
            }
        }
        (Src::Pronoun { cue_tok }, after)
    }

    /// A name introduced by an honorific (or, when `any_title`, any title
    /// word) inside the adjunct that starts at token `from` and runs to a
    /// complementizer, a colon or a quotation mark.
    fn named_in_adjunct(&self, from: usize, any_title: bool) -> Option<(usize, usize)> {
        let n = self.toks.len();
        let mut k = from;
        let mut words = 0;
        while k < n && words <= MAX_ZONE {
            let t = &self.toks[k];
            if t.is_sentence_end()
                || t.punct == Some(':')
                || cues::complementizer(&t.norm).is_some()
                || t.cue.is_some()
            {
                return None;
            }
            if t.punct.is_some_and(is_quote_mark) {
                // skip a quoted name (لـ"الوطن")
                k += 1;
                continue;
            }
            if t.is_word() {
                words += 1;
                let hon = cues::is_honorific(&t.norm);
                if hon || (any_title && cues::is_title(&t.norm)) {
                    let (np, end) = self.np_from(k);
                    let (a, b) = np?;
                    // the name must reach the end of the adjunct
                    let next = self.toks.get(end)?;
                    let closes = next.punct.is_some_and(|c| matches!(c, ':' | '،' | ','))
                        || next.punct.is_some_and(is_quote_mark)
                        || cues::complementizer(&next.norm).is_some()
                        || (next.norm == "ل" || next.norm.starts_with("لل"));
                    if closes {
                        return Some((a, b));
                    }
                    words += b - k;
                    k = end.max(k + 1);
                    continue;
                }
            }
            k += 1;
        }
        None
    }

    /// A subject written before its verb: the words between the start of
    /// the sentence (or a comma, or a particle such as لكن) and the cue, when
    /// they are few and hold no preposition ("روحاني قال:"، "وكان المركز
    /// الإعلامي قد قال").
    fn subject_before(&self, cue_tok: usize) -> Option<(usize, usize)> {
        let mut k = cue_tok;
        if k > 0 && matches!(self.toks[k - 1].norm.as_str(), "قد" | "لقد") {
            k -= 1;
        }
        // "قائد القوات فضل حسن الذي أوضح أن": the relative's antecedent
        if k > 0 && matches!(self.toks[k - 1].norm.as_str(), "الذي" | "التي" | "الذين")
        {
            let end = k - 1;
            let mut a = end;
            while a > 0 && end - a < 6 {
                let t = &self.toks[a - 1];
                if !t.is_word() || cues::stops_np(&t.norm) || t.cue.is_some() {
                    break;
                }
                a -= 1;
            }
            return (a < end).then_some((a, end));
        }
        let end = k;
        let sentence = self.toks[cue_tok].sentence;
        let mut words = 0;
        while k > 0 {
            let t = &self.toks[k - 1];
            if t.sentence != sentence || !t.is_word() {
                break;
            }
            let bare = t.norm.strip_prefix('و').unwrap_or(&t.norm);
            if matches!(
                bare,
                "لكن" | "كان" | "ان" | "اذ" | "ثم" | "كما" | "بينما" | "فيما" | "حيث"
            ) {
                break;
            }
            if cues::stops_np(&t.norm) || cues::stops_np(bare) || t.cue.is_some() || words >= 5 {
                return None;
            }
            words += 1;
            k -= 1;
        }
        if words == 0 {
            return None;
        }
        // what precedes must be the sentence start, a comma or a particle
        let ok = match k.checked_sub(1).map(|p| &self.toks[p]) {
            None => true,
            Some(p) if p.sentence != sentence => true,
            Some(p) if p.punct.is_some() => !p.punct.is_some_and(is_quote_mark),
            Some(p) => {
                let bare = p.norm.strip_prefix('و').unwrap_or(&p.norm);
                matches!(
                    bare,
                    "لكن" | "كان" | "ان" | "ثم" | "كما" | "بينما" | "فيما" | "حيث"
                ) && (p.span.start == 0
                    || self
                        .toks
                        .get(k.wrapping_sub(2))
                        .is_none_or(|q| q.sentence != sentence || q.punct.is_some()))
            }
        };
        ok.then_some((k, end))
    }

    fn abbrev_dot(&self, i: usize) -> bool {
        i > 0 && self.toks[i - 1].norm.chars().count() == 1
    }

    /// A cue right after the region's closing mark: ""…"، قال الوزير".
    fn cue_after(&self, r: &Region) -> Option<(Src, usize)> {
        let mut k = r.tok_after;
        let n = self.toks.len();
        let mut hops = 0;
        while k < n && hops < 3 {
            let t = &self.toks[k];
            if t.is_sentence_end() || t.punct.is_some_and(is_quote_mark) {
                return None;
            }
            if t.punct.is_some() {
                k += 1;
                hops += 1;
                continue;
            }
            break;
        }
        if self
            .toks
            .get(k)
            .is_some_and(|t| matches!(t.norm.as_str(), "كما" | "حسبما" | "مثلما" | "وفق" | "وفقا"))
        {
            k += 1;
            if self
                .toks
                .get(k)
                .is_some_and(|t| t.norm == "ما" || t.norm == "لما")
            {
                k += 1;
            }
        }
        let t = self.toks.get(k)?;
        let cue = t.cue?;
        if cue.strength == Strength::Weak || cue.form == Form::Noun {
            return None;
        }
        let (src, after) = self.subject(k, cue);
        // the cue must not introduce something of its own
        if let Some(next) = self.toks.get(after) {
            if next.punct == Some(':')
                || next.punct.is_some_and(is_quote_mark)
                || cues::complementizer(&next.norm).is_some()
            {
                return None;
            }
            if cue.form == Form::Participle {
                return None;
            }
        }
        Some((src, k))
    }

    /// A quote reported by the cue at token `i` without quotation marks:
    /// an indirect one through a complementizer ("قال إن …"، "أشار إلى أن
    /// …"), or an unmarked direct one after a colon ("وقال: تم الانتهاء …"،
    /// "قائلاً، لكن …").
    fn indirect(&self, i: usize, cue: Cue, accepted: &[&Region]) -> Option<Cand> {
        let n = self.toks.len();
        let (src, mut k) = self.subject(i, cue);
        let sentence = self.toks[i].sentence;
        let zone_start = k;
        // find the complementizer (or the colon) within the zone
        let limit = if cue.strength == Strength::Weak {
            0
        } else {
            MAX_ZONE
        };
        let mut words = 0;
        let (start_tok, kind) = loop {
            if k >= n || words > limit {
                return None;
            }
            let t = &self.toks[k];
            if t.sentence != sentence || t.is_sentence_end() {
                return None;
            }
            let next = self.toks.get(k + 1);
            let opens_unmarked = |nx: Option<&Tok>| {
                nx.is_some_and(|x| {
                    x.is_word()
                        && x.sentence == sentence
                        && cues::complementizer(&x.norm).is_none()
                        && x.cue.is_none()
                })
            };
            if t.punct == Some(':') {
                if next.is_some_and(|x| cues::complementizer(&x.norm).is_some()) {
                    k += 1;
                    continue;
                }
                if cue.strength != Strength::Weak && opens_unmarked(next) {
                    break (k + 1, QuoteKind::Direct);
                }
                return None;
            }
            if matches!(t.punct, Some('،' | ','))
                && k == zone_start
                && cue.form == Form::Participle
                && cue.strength == Strength::Say
                && opens_unmarked(next)
            {
                // "استدرك قائلاً، لكن …"
                break (k + 1, QuoteKind::Direct);
            }
            if t.punct.is_some_and(is_quote_mark) {
                k += 1;
                continue;
            }
            if let Some(own) = cues::complementizer(&t.norm) {
                // "إن شاء الله" is a formula, not a clause
                if next.is_some_and(|x| x.norm == "شاء") {
                    return None;
                }
                // "ولو أن"، "رغم أن"، "بعد أن": a subordinate clause
                if k > zone_start {
                    let prev = self.toks[k - 1].norm.as_str();
                    let prev = prev.strip_prefix('و').unwrap_or(prev);
                    if matches!(
                        prev,
                        "لو" | "رغم"
                            | "برغم"
                            | "بعد"
                            | "قبل"
                            | "منذ"
                            | "حتي"
                            | "غير"
                            | "الا"
                            | "كما"
                            | "بما"
                            | "اذ"
                            | "ذلك"
                            | "مع"
                            | "دون"
                            | "بدون"
                            | "لمجرد"
                            | "حيث"
                    ) {
                        return None;
                    }
                }
                // a governed preposition must stand right before the
                // complementizer when there is an adjunct (أشار الوزير إلى أن)
                if !cue.prep.is_empty() && cue.prep != "عن" && k > zone_start {
                    let prev = self.toks[k - 1].norm.as_str();
                    let bare_prev = prev.strip_prefix('و').unwrap_or(prev);
                    if bare_prev != cue.prep && words > 0 && cue.strength == Strength::Weak {
                        return None;
                    }
                }
                break (if own { k } else { k + 1 }, QuoteKind::Indirect);
            }
            if t.is_word() {
                if t.cue.is_some() || matches!(t.norm.as_str(), "ما" | "الذي" | "التي" | "مما")
                {
                    // "أكدت الأمانة على ما سبق أن صدر": the complementizer
                    // belongs to a relative clause
                    return None;
                }
                // "لافتاً النظر إلى أن"
                if k == zone_start && matches!(t.norm.as_str(), "النظر" | "الانتباه") {
                    k += 1;
                    continue;
                }
                // "أكد على ضرورة …": a preposition that governs an object,
                // not the complementizer
                if k == zone_start
                    && matches!(t.norm.as_str(), "علي" | "الي" | "من" | "عن")
                    && next.is_none_or(|x| cues::complementizer(&x.norm).is_none())
                {
                    return None;
                }
                // the zone must look like adjuncts, not an object
                if k == zone_start
                    && !(cues::stops_np(&t.norm)
                        || t.norm.starts_with('ل')
                        || (!cue.prep.is_empty() && t.norm == cue.prep))
                {
                    return None;
                }
                words += 1;
            }
            k += 1;
        };
        let start = self.toks.get(start_tok)?.span.start;
        // the clause: to the end of the sentence, or to the next reporting cue
        let mut end_tok = start_tok;
        let mut j = start_tok;
        while j < n && j < start_tok + MAX_CLAUSE {
            let t = &self.toks[j];
            if t.sentence != sentence || t.is_sentence_end() {
                break;
            }
            if j > start_tok {
                if let Some(c) = t.cue {
                    let prev_punct = self.toks[j - 1].punct.is_some();
                    let conj = t.norm.starts_with('و') || t.norm.starts_with('ف');
                    if c.form == Form::Participle || (prev_punct && conj) {
                        break;
                    }
                }
            }
            end_tok = j;
            j += 1;
        }
        // trim trailing punctuation
        while end_tok > start_tok && self.toks[end_tok].punct.is_some() {
            let p = self.toks[end_tok].punct;
            if p.is_some_and(is_quote_mark) || matches!(p, Some(')' | ']')) {
                break;
            }
            end_tok -= 1;
        }
        let end = self.toks.get(end_tok)?.span.end;
        if end <= start {
            return None;
        }
        let content = Span::new(start, end);
        if kind == QuoteKind::Direct
            && self.toks[start_tok..=end_tok]
                .iter()
                .filter(|t| t.is_word())
                .count()
                < 3
        {
            return None;
        }
        // a clause that carries a direct quote of its own is reported there
        if accepted
            .iter()
            .any(|r| content.start <= r.open && r.open < content.end)
        {
            return None;
        }
        Some(Cand {
            content,
            kind,
            cue: Some(self.toks[i].span),
            src,
            order: self.toks[i].span.start,
            src_is_clause: true,
        })
    }

    /// Resolves speakers in text order and builds the quotes.
    fn resolve(&self, cands: Vec<Cand>) -> Vec<Quote> {
        let mut out = Vec::new();
        let mut last: Option<(Resolved, usize)> = None; // speaker and where said
        let mut last_direct: Option<Resolved> = None;
        for c in cands {
            let sp = match c.src {
                Src::Np(a, b) => Some(self.np_speaker(a, b)),
                Src::Continue => last_direct.clone(),
                Src::Pronoun { cue_tok } => self.antecedent(cue_tok, last.as_ref()),
            };
            if c.kind == QuoteKind::Indirect && sp.is_none() {
                continue;
            }
            let sp = sp.unwrap_or(Resolved {
                text: String::new(),
                span: None,
                entity: None,
            });
            if !sp.text.is_empty() {
                last = Some((sp.clone(), c.order));
                if c.kind == QuoteKind::Direct {
                    last_direct = Some(sp.clone());
                }
            }
            out.push(Quote {
                span: c.content,
                text: self.slice(c.content),
                kind: c.kind,
                speaker: Speaker {
                    text: sp.text,
                    entity: sp.entity,
                    span: sp.span,
                },
                cue: c.cue,
            });
        }
        out.sort_by_key(|q| (q.span.start, q.span.end));
        out.dedup_by(|a, b| a.span == b.span);
        out
    }

    fn np_speaker(&self, a: usize, b: usize) -> Resolved {
        let span = Span::new(self.toks[a].span.start, self.toks[b - 1].span.end);
        Resolved {
            text: self.slice(span),
            span: Some(span),
            entity: self.entity_in(span),
        }
    }

    /// The entity of the best mention inside (or overlapping) `span`:
    /// persons first, then organisations, then the longest.
    fn entity_in(&self, span: Span) -> Option<String> {
        let rank = |k: EntityType| match k {
            EntityType::PER => 0,
            EntityType::ORG => 1,
            EntityType::NORP => 2,
            EntityType::GPE => 3,
            _ => 4,
        };
        let best = self
            .doc
            .mentions
            .iter()
            .filter(|m| m.entity.is_some() && m.span.overlaps(&span))
            .min_by_key(|m| (rank(m.kind), std::cmp::Reverse(m.span.len())));
        if let Some(m) = best {
            return m.entity.clone();
        }
        // a title the linker recorded as an entity's role or alias
        let norm = marsad_arabic::normalize_str(&self.slice(span));
        self.doc
            .entities
            .iter()
            .find(|e| {
                e.roles
                    .iter()
                    .chain(&e.aliases)
                    .any(|r| marsad_arabic::normalize_str(r) == norm)
            })
            .map(|e| e.id.clone())
    }

    /// Who a subject-less cue refers to: the last speaker when it was named
    /// in the same sentence; else the subject of the sentence's first verb;
    /// else the last speaker within three paragraphs; else the first person
    /// mention of the sentence (when NER ran); else a title or honorific
    /// phrase of this or the two previous sentences.
    fn antecedent(&self, cue_tok: usize, last: Option<&(Resolved, usize)>) -> Option<Resolved> {
        let cue_at = self.toks[cue_tok].span.start;
        let sentence = self.sentence_of(cue_at);
        if let (Some(s), Some((sp, _))) = (sentence, last) {
            if sp
                .span
                .is_some_and(|x| x.start >= s.start && x.end <= cue_at)
            {
                return Some(sp.clone());
            }
        }
        if let Some(s) = sentence {
            // the subject of the sentence's verb: "ورسم كاميرون … مؤكدا أن"
            if let Some((a, b)) = self.sentence_subject(s, cue_tok) {
                return Some(self.np_speaker(a, b));
            }
        }
        if let Some((sp, at)) = last {
            // not across more than a few paragraphs
            if self.paragraph_index(cue_at) <= self.paragraph_index(*at) + 3 {
                return Some(sp.clone());
            }
        }
        if let Some(s) = sentence {
            // a person mention of the sentence, before the cue
            if let Some(m) = self
                .doc
                .mentions
                .iter()
                .filter(|m| m.span.start >= s.start && m.span.end <= cue_at)
                .find(|m| matches!(m.kind, EntityType::PER))
            {
                return Some(Resolved {
                    text: m.text.clone(),
                    span: Some(m.span),
                    entity: m.entity.clone(),
                });
            }
        }
        // a title phrase earlier in the sentence, else in one of the two
        // sentences before it (within the paragraph)
        let s = sentence?;
        let si = self.sentences.partition_point(|x| x.end <= s.start);
        let para = self.paragraph_index(cue_at);
        for back in 0..3usize {
            let Some(sx) = si.checked_sub(back).and_then(|i| self.sentences.get(i)) else {
                break;
            };
            if self.paragraph_index(sx.start) + 1 < para {
                break;
            }
            let lo = self.tok_at(sx.start);
            let hi = if back == 0 {
                cue_tok
            } else {
                self.tok_at(sx.end)
            };
            let found = (lo..hi).find_map(|t| {
                let tok = &self.toks[t];
                if !(tok.is_word() && (cues::is_title(&tok.norm) || cues::is_honorific(&tok.norm)))
                {
                    return None;
                }
                match self.np_from(t) {
                    (Some((a, b)), _) if b <= hi => Some(self.np_speaker(a, b)),
                    _ => None,
                }
            });
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// The noun phrase after the first verb of sentence `s` (Arabic news
    /// sentences are verb-first: "وأعرب فهد السبيعي … مشيراً إلى أن"), when
    /// it ends before the cue. Leading adjuncts up to a comma ("من جهته،"،
    /// "إلى ذلك،") and particles (كما، ثم، فيما) are skipped.
    fn sentence_subject(&self, s: Span, cue_tok: usize) -> Option<(usize, usize)> {
        let mut t = self.tok_at(s.start);
        let first = self.toks.get(t)?;
        let bare = |x: &Tok| x.norm.strip_prefix('و').unwrap_or(&x.norm).to_string();
        let adjunct = matches!(
            bare(first).as_str(),
            "في" | "من"
                | "الي"
                | "علي"
                | "عن"
                | "مع"
                | "خلال"
                | "بعد"
                | "قبل"
                | "حول"
                | "عقب"
                | "اثناء"
                | "وسط"
                | "امام"
                | "لدي"
                | "منذ"
        );
        if adjunct {
            let comma = (t..(t + 10).min(cue_tok))
                .find(|&k| matches!(self.toks[k].punct, Some('،' | ',')))?;
            t = comma + 1;
        } else if t + 1 < cue_tok
            && first.norm == "من"
            && matches!(
                self.toks[t + 1].norm.as_str(),
                "جهته" | "جهتها" | "جانبه" | "جانبها"
            )
        {
            t += 2;
            if self.toks.get(t).is_some_and(|x| x.punct.is_some()) {
                t += 1;
            }
        }
        let v = self.toks.get(t)?;
        if matches!(
            bare(v).as_str(),
            "كما" | "ثم" | "فيما" | "بينما" | "حيث" | "لكن" | "قد" | "لقد" | "اخيرا"
        ) {
            t += 1;
        }
        let v = self.toks.get(t)?;
        if t >= cue_tok || !v.is_word() || v.norm.starts_with("ال") || cues::is_title(&v.norm) {
            return None;
        }
        // "روحاني كان واضحا …": a subject before كان / قد
        if self
            .toks
            .get(t + 1)
            .is_some_and(|x| matches!(x.norm.as_str(), "كان" | "قد" | "لقد"))
            && !v.norm.starts_with('و')
        {
            return Some((t, t + 1));
        }
        match self.np_from(t + 1) {
            (Some((a, b)), _) if b <= cue_tok => Some((a, b)),
            _ => None,
        }
    }
}

fn is_arabic_letter_or_tatweel(c: char) -> bool {
    marsad_arabic::is_arabic_letter(c) || c == '\u{0640}'
}

#[cfg(test)]
mod tests;
