//! HTML pages: the article body, its metadata, and everything cut.
//!
//! The flow for one page:
//!
//! 1. **Bound the work.** A cheap byte scan measures how deeply containers
//!    nest (HTML5 tree building is quadratic in nesting depth) and pages
//!    over [`MAX_NESTING`] levels yield an empty body with the reason in
//!    `removed`. Pages over [`MAX_PARSE_BYTES`] lose their scripts, styles
//!    and inline data first, and are cut at a tag boundary if still too big.
//! 2. **Parse once** with html5ever (through `dom_query`, spec-conformant).
//! 3. **Metadata** from that tree ([`crate::html_meta`]).
//! 4. **Chrome inventory**: navigation, headers, footers, asides, share
//!    bars, comment sections, related lists, ads, cookie and newsletter boxes,
//!    found by element and by class/id hints in English, French and Arabic
//!    transliteration. What of it does not end up in the body is reported in
//!    `removed` with its reason.
//! 5. **Main content**: `dom_smoothie` (Readability's scoring of text, commas
//!    and link density) picks the article container; it was the only
//!    candidate fast enough for the project's target (see docs/extract.md).
//! 6. **Block pass** over that container: headings, paragraphs, list items,
//!    blockquotes become paragraphs separated by a blank line; captions,
//!    link lists, share and ad strings, bylines and datelines, and the tail
//!    after a "related"/"comments" heading are cut with their reason.
//! 7. **JSON-LD `articleBody`** as a check: when the page ships a full one,
//!    blocks that share nothing with it are cut, and when our body misses most
//!    of it the JSON-LD body is used instead (never when it looks truncated).

use crate::dates;
use crate::html_meta::{self, squash, Meta};
use dom_query::{Document as Dom, NodeRef};
use marsad_core::{Document, Removed, Source};
use std::collections::HashSet;

/// Container nesting deeper than this is refused (real pages stay under a
/// few hundred levels; html5ever's tree builder is quadratic in depth).
pub const MAX_NESTING: usize = 2_000;
/// Markup parsed per page at most, after scripts and styles are dropped.
pub const MAX_PARSE_BYTES: usize = 8 << 20;
/// At most this many characters of one cut piece are kept in `removed`.
const REMOVED_TEXT_CAP: usize = 2_000;

/// Extracts the article of an HTML page.
pub fn extract_html(html: &str, id: String, mut source: Source) -> Document {
    let mut warnings = Vec::new();
    let depth = max_nesting(html);
    if depth > MAX_NESTING {
        let mut doc = Document::new(id, source, String::new());
        doc.removed.push(Removed {
            text: format!(
                "the whole page: its markup nests {depth} levels deep (limit {MAX_NESTING})"
            ),
            reason: "too-deeply-nested".into(),
        });
        doc.warnings.push(format!(
            "page skipped: elements nested {depth} levels deep, over the {MAX_NESTING} limit"
        ));
        return doc;
    }
    let owned;
    let mut html = html;
    if html.len() > MAX_PARSE_BYTES {
        owned = shrink(html, &mut warnings);
        html = &owned;
    }
    let dom = Dom::from(html);
    let meta = html_meta::collect(&dom, source.url.as_deref());
    let chrome = chrome_inventory(&dom);

    let url = source
        .url
        .clone()
        .or_else(|| meta.canonical.clone())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let cfg = dom_smoothie::Config {
        max_elements_to_parse: 0,
        ..Default::default()
    };
    let content = dom_smoothie::Readability::with_document(dom, url.as_deref(), Some(cfg))
        .or_else(|_| {
            // A URL dom_smoothie refuses is no reason to lose the page.
            dom_smoothie::Readability::with_document(Dom::from(html), None, None)
        })
        .and_then(|mut r| r.parse())
        .map(|a| a.content.to_string())
        .ok();

    let mut removed = Vec::new();
    let mut paragraphs: Vec<String> = Vec::new();
    match content {
        Some(c) => {
            let blocks = blocks_of(&Dom::fragment(c));
            paragraphs = filter_blocks(blocks, &meta, &mut removed);
        }
        None => removed.push(Removed {
            text: String::new(),
            reason: "no-article-text".into(),
        }),
    }
    apply_article_body(&meta, &mut paragraphs, &mut removed);
    if paragraphs.is_empty() && !removed.iter().any(|r| r.reason == "no-article-text") {
        removed.push(Removed {
            text: String::new(),
            reason: "no-article-text".into(),
        });
    }

    let text = paragraphs.join("\n\n");
    // Chrome that did not end in the body is reported.
    let flat = squash(&text);
    for (reason, t) in chrome {
        let probe: String = t.chars().take(80).collect();
        if !flat.contains(&probe) {
            removed.push(Removed {
                text: cap(&t),
                reason: reason.to_string(),
            });
        }
    }

    let mut byline = meta.byline.clone();
    if byline.is_empty() {
        for r in removed.iter().filter(|r| r.reason == "byline") {
            for n in html_meta::split_authors(&r.text) {
                if !byline.contains(&n) && n.chars().count() < 60 {
                    byline.push(n);
                }
            }
        }
    }
    let published = meta.published.clone().or_else(|| {
        removed
            .iter()
            .filter(|r| r.reason == "dateline" || r.reason == "byline")
            .find_map(|r| dates::normalize(&r.text))
    });
    if source.url.is_none() {
        source.url = meta.canonical.clone();
    }
    let mut doc = Document::new(id, source, text);
    doc.title = meta.title.clone();
    doc.byline = byline;
    doc.published = published;
    doc.site = meta.site.clone();
    doc.language = meta.lang.clone();
    doc.removed = removed;
    doc.warnings = warnings;
    doc
}

fn cap(t: &str) -> String {
    if t.chars().count() > REMOVED_TEXT_CAP {
        let mut s: String = t.chars().take(REMOVED_TEXT_CAP).collect();
        s.push('…');
        s
    } else {
        t.to_string()
    }
}

/// Elements that are containers and never closed implicitly: the ones whose
/// nesting the tree builder must walk.
fn counts_for_depth(name: &[u8]) -> bool {
    matches!(
        name,
        b"div"
            | b"span"
            | b"section"
            | b"article"
            | b"main"
            | b"aside"
            | b"nav"
            | b"header"
            | b"footer"
            | b"blockquote"
            | b"ul"
            | b"ol"
            | b"table"
            | b"form"
            | b"center"
            | b"font"
            | b"em"
            | b"strong"
            | b"b"
            | b"i"
            | b"u"
            | b"a"
            | b"dl"
            | b"fieldset"
            | b"figure"
    )
}

/// The deepest nesting of container elements, by a byte scan (comments,
/// scripts and styles skipped). Linear time, no allocation per tag.
pub fn max_nesting(html: &str) -> usize {
    let b = html.as_bytes();
    let mut i = 0;
    let mut depth: usize = 0;
    let mut max = 0;
    while let Some(p) = memchr(b'<', &b[i..]) {
        i += p + 1;
        if i >= b.len() {
            break;
        }
        if b[i..].starts_with(b"!--") {
            match find(&b[i..], b"-->") {
                Some(e) => i += e + 3,
                None => break,
            }
            continue;
        }
        let closing = b[i] == b'/';
        let s = if closing { i + 1 } else { i };
        let mut e = s;
        while e < b.len() && b[e].is_ascii_alphanumeric() {
            e += 1;
        }
        if e == s {
            continue;
        }
        // tag names of interest are short: lower-case them into a small buffer
        let mut buf = [0u8; 12];
        let len = (e - s).min(buf.len());
        for (d, c) in buf.iter_mut().zip(&b[s..s + len]) {
            *d = c.to_ascii_lowercase();
        }
        let name = &buf[..if e - s > buf.len() { 0 } else { len }];
        if !closing && (name == b"script" || name == b"style") {
            let end: &[u8] = if name == b"script" {
                b"</script"
            } else {
                b"</style"
            };
            let lower_find = find_ci(&b[e..], end);
            match lower_find {
                Some(x) => i = e + x + end.len(),
                None => break,
            }
            continue;
        }
        if !counts_for_depth(name) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            // self-closing <div/> is still an open div in HTML, count it.
            depth += 1;
            max = max.max(depth);
        }
        i = e;
    }
    max
}

fn memchr(n: u8, h: &[u8]) -> Option<usize> {
    h.iter().position(|&c| c == n)
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

fn find_ci(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

/// Drops script/style/svg/noscript content and `data:` URIs, then cuts at a
/// tag boundary if the page is still over [`MAX_PARSE_BYTES`].
fn shrink(html: &str, warnings: &mut Vec<String>) -> String {
    let before = html.len();
    let mut out = String::with_capacity(MAX_PARSE_BYTES.min(before));
    let lower_tags = ["script", "style", "svg", "noscript"];
    let b = html.as_bytes();
    let mut i = 0;
    'outer: while i < b.len() {
        if b[i] == b'<' {
            for t in lower_tags {
                let tb = t.as_bytes();
                if b.len() > i + 1 + tb.len() && b[i + 1..i + 1 + tb.len()].eq_ignore_ascii_case(tb)
                {
                    // keep JSON-LD: it carries metadata
                    let head_end = memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1);
                    let keep = t == "script" && find_ci(&b[i..head_end], b"ld+json").is_some();
                    let close = format!("</{t}");
                    if let Some(e) = find_ci(&b[head_end..], close.as_bytes()) {
                        if keep {
                            out.push_str(&html[i..head_end + e]);
                        }
                        i = head_end + e;
                        continue 'outer;
                    }
                }
            }
        }
        if b[i..].starts_with(b"data:") {
            let end = b[i..]
                .iter()
                .position(|&c| c == b'"' || c == b'\'' || c == b')' || c == b' ')
                .map_or(b.len(), |e| i + e);
            out.push_str("data:");
            i = end;
            continue;
        }
        // copy one char
        let ch_len = utf8_len(b[i]);
        let end = (i + ch_len).min(b.len());
        if let Some(s) = html.get(i..end) {
            out.push_str(s);
        }
        i = end;
    }
    if out.len() > MAX_PARSE_BYTES {
        let mut cut = MAX_PARSE_BYTES;
        while cut > 0 && !out.is_char_boundary(cut) {
            cut -= 1;
        }
        if let Some(p) = out[..cut].rfind('<') {
            cut = p;
        }
        out.truncate(cut);
        warnings.push(format!(
            "page of {before} bytes cut to its first {cut} bytes of markup (limit {MAX_PARSE_BYTES})"
        ));
    } else {
        warnings.push(format!(
            "page of {before} bytes: scripts, styles and inline data dropped before parsing ({} bytes left)",
            out.len()
        ));
    }
    out
}

fn utf8_len(b: u8) -> usize {
    match b {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

/// The reason a class/id token names, if it names chrome.
fn hint_reason(token: &str) -> Option<&'static str> {
    let t = token.to_ascii_lowercase();
    let parts: Vec<&str> = t.split(['-', '_']).filter(|p| !p.is_empty()).collect();
    let has = |w: &str| parts.contains(&w);
    let sub = |w: &str| t.contains(w);
    if sub("comment") || sub("disqus") || has("reactions") || sub("ta3lik") {
        return Some("comments");
    }
    if sub("share") || sub("social") || sub("sharing") || sub("addthis") || has("sharethis") {
        return Some("share-widget");
    }
    if sub("related")
        || sub("recommend")
        || sub("outbrain")
        || sub("taboola")
        || sub("trending")
        || sub("most-read")
        || sub("mostread")
        || sub("popular")
        || sub("more-stories")
        || sub("read-more")
        || sub("readmore")
        || sub("also-read")
        || sub("moreon")
    {
        return Some("related-links");
    }
    if has("ad")
        || has("ads")
        || sub("advert")
        || has("dfp")
        || sub("sponsor")
        || has("adslot")
        || has("banner")
        || sub("promo")
        || sub("i3lan")
    {
        return Some("advertisement");
    }
    if sub("newsletter")
        || sub("subscribe")
        || sub("cookie")
        || sub("consent")
        || has("gdpr")
        || sub("paywall")
    {
        return Some("boilerplate");
    }
    if has("nav")
        || sub("navbar")
        || sub("navigation")
        || sub("breadcrumb")
        || has("menu")
        || sub("sidebar")
    {
        return Some("navigation");
    }
    if sub("footer") || sub("copyright") {
        return Some("boilerplate");
    }
    None
}

/// The chrome of the page, before extraction: (reason, text) per outermost
/// chrome element.
fn chrome_inventory(dom: &Dom) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let Some(body) = dom.body() else {
        return out;
    };
    let mut stack: Vec<NodeRef> = body.element_children();
    stack.reverse();
    let mut visited = 0usize;
    while let Some(n) = stack.pop() {
        visited += 1;
        if visited > 200_000 {
            break;
        }
        let name = n.node_name().map(|s| s.to_string()).unwrap_or_default();
        if matches!(
            name.as_str(),
            "script" | "style" | "noscript" | "template" | "svg"
        ) {
            continue;
        }
        let by_tag = match name.as_str() {
            "nav" => Some("navigation"),
            "footer" => Some("boilerplate"),
            "aside" => Some("related-links"),
            "form" => Some("boilerplate"),
            _ => match n.attr("role").as_deref() {
                Some("navigation") | Some("menubar") | Some("menu") => Some("navigation"),
                Some("contentinfo") | Some("complementary") => Some("boilerplate"),
                _ => None,
            },
        };
        let reason = by_tag.or_else(|| {
            let mut r = None;
            if let Some(c) = n.class() {
                r = c.split_whitespace().find_map(hint_reason);
            }
            if r.is_none() {
                if let Some(i) = n.id_attr() {
                    r = hint_reason(&i);
                }
            }
            r
        });
        // "article"/"main" are never chrome, whatever their classes say.
        let reason = if matches!(name.as_str(), "article" | "main" | "body" | "html") {
            None
        } else {
            reason
        };
        if let Some(r) = reason {
            let t = squash(&n.text());
            if !t.is_empty() {
                out.push((r, t));
            }
            continue;
        }
        let mut kids = n.element_children();
        kids.reverse();
        stack.extend(kids);
    }
    out
}

/// One block of text of the article container.
#[derive(Debug, Default)]
struct Block {
    text: String,
    /// Characters inside links.
    link_chars: usize,
    /// The innermost block element (`p`, `li`, `h2`, …).
    tag: String,
    /// Inside a figure, figcaption or table caption.
    caption: bool,
    /// Inside a list item.
    in_li: bool,
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "form"
            | "address"
            | "hr"
            | "br"
            | "details"
            | "summary"
            | "center"
            | "tbody"
            | "thead"
    )
}

/// Flattens the article container into blocks, in document order, without
/// recursion.
fn blocks_of(frag: &Dom) -> Vec<Block> {
    struct Open {
        tag: String,
        block: bool,
    }
    let mut blocks = Vec::new();
    let mut cur = Block::default();
    let mut open: Vec<Open> = Vec::new();
    let mut parents: Vec<NodeRef> = Vec::new();

    fn flush(cur: &mut Block, open: &[Open], blocks: &mut Vec<Block>) {
        let text = squash(&cur.text);
        if !text.is_empty() {
            let tag = open
                .iter()
                .rev()
                .find(|o| o.block)
                .map(|o| o.tag.clone())
                .unwrap_or_default();
            let caption = open
                .iter()
                .any(|o| matches!(o.tag.as_str(), "figure" | "figcaption" | "caption"));
            let in_li = open.iter().any(|o| o.tag == "li");
            blocks.push(Block {
                text,
                link_chars: cur.link_chars,
                tag,
                caption,
                in_li,
            });
        }
        *cur = Block::default();
    }

    let root = frag.root();
    let mut node = root.first_child();
    let mut steps = 0usize;
    while let Some(n) = node {
        steps += 1;
        if steps > 2_000_000 {
            break;
        }
        let mut descend = false;
        if n.is_text() {
            let t = n.text();
            if open.iter().any(|o| o.tag == "a") {
                cur.link_chars += t.trim().chars().count();
            }
            cur.text.push_str(&t);
        } else if n.is_element() {
            let tag = n.node_name().map(|s| s.to_string()).unwrap_or_default();
            if matches!(
                tag.as_str(),
                "script" | "style" | "noscript" | "template" | "button" | "select" | "svg"
            ) {
                // skipped with its content
            } else {
                let block = is_block(&tag);
                if block {
                    flush(&mut cur, &open, &mut blocks);
                } else if matches!(tag.as_str(), "img" | "input") {
                    cur.text.push(' ');
                }
                if n.first_child().is_some() {
                    open.push(Open { tag, block });
                    parents.push(n);
                    descend = true;
                }
            }
        }
        if descend {
            node = n.first_child();
            continue;
        }
        let mut next = n.next_sibling();
        while next.is_none() {
            let Some(p) = parents.pop() else { break };
            if let Some(o) = open.pop() {
                if o.block {
                    open.push(o);
                    flush(&mut cur, &open, &mut blocks);
                    open.pop();
                } else if o.tag == "a" {
                    cur.text.push(' ');
                }
            }
            next = p.next_sibling();
        }
        node = next;
    }
    flush(&mut cur, &open, &mut blocks);
    blocks
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Short UI strings: share bars, ads, photo credits, gallery controls.
fn ui_reason(text: &str) -> Option<&'static str> {
    let t = lower(text);
    let words = word_count(&t);
    if words > 12 {
        return None;
    }
    const SHARE: [&str; 22] = [
        "share",
        "tweet",
        "facebook",
        "twitter",
        "whatsapp",
        "pinterest",
        "linkedin",
        "telegram",
        "email",
        "e-mail",
        "print",
        "copy link",
        "partager",
        "شارك",
        "مشاركة",
        "تويتر",
        "فيسبوك",
        "واتساب",
        "طباعة",
        "نسخ الرابط",
        "أرسل",
        "reddit",
    ];
    let share_hits = SHARE.iter().filter(|w| t.contains(*w)).count();
    if share_hits >= 2 || (share_hits == 1 && words <= 3) {
        return Some("share-widget");
    }
    const AD: [&str; 6] = [
        "advertisement",
        "sponsored",
        "publicité",
        "إعلان",
        "اعلان",
        "محتوى مدفوع",
    ];
    if words <= 3 && AD.iter().any(|w| t.contains(w)) {
        return Some("advertisement");
    }
    let starts = |p: &str| t.starts_with(p);
    if starts("photo:")
        || starts("photo by")
        || starts("image:")
        || starts("image source")
        || starts("credit:")
        || starts("source:") && words <= 6
        || starts("©")
        || starts("(c)")
        || starts("getty")
        || starts("صورة")
        || starts("الصورة")
        || t == "caption"
        || t == "close"
        || t == "hide caption"
        || t == "toggle caption"
        || (starts("image ") && t.contains(" of "))
    {
        return Some("caption");
    }
    None
}

/// A heading after which the rest of the container is related links or
/// comments.
fn tail_reason(text: &str) -> Option<&'static str> {
    let t = lower(text.trim().trim_end_matches([':', '.', '…']));
    if word_count(&t) > 7 {
        return None;
    }
    const REL: [&str; 23] = [
        "related",
        "you may also like",
        "you might also like",
        "more from",
        "recommended",
        "more stories",
        "most read",
        "most popular",
        "trending",
        "read next",
        "also read",
        "lire aussi",
        "à lire aussi",
        "sur le même sujet",
        "اقرأ أيضا",
        "اقرأ أيضاً",
        "اقرأ ايضا",
        "اقرأ المزيد",
        "مواضيع ذات صلة",
        "أخبار ذات صلة",
        "اخبار ذات صلة",
        "مواضيع إضافية",
        "الأكثر قراءة",
    ];
    if REL.iter().any(|w| t.starts_with(w)) {
        return Some("related-links");
    }
    const COM: [&str; 9] = [
        "comments",
        "leave a comment",
        "leave a reply",
        "add comment",
        "commentaires",
        "التعليقات",
        "تعليقات",
        "أضف تعليق",
        "اضف تعليق",
    ];
    if COM.iter().any(|w| t.starts_with(w)) {
        return Some("comments");
    }
    None
}

/// A byline or dateline line near the top or bottom of the body.
fn byline_reason(text: &str) -> Option<&'static str> {
    let t = text.trim();
    let words = word_count(t);
    if words > 16 {
        return None;
    }
    let l = lower(t);
    if l.starts_with("by ")
        || t.starts_with("بقلم")
        || l.starts_with("par ")
        || t.starts_with("كتب ")
    {
        return Some("byline");
    }
    if l.starts_with("updated")
        || l.starts_with("published")
        || l.starts_with("posted")
        || l.starts_with("last updated")
        || l.starts_with("publié")
        || t.starts_with("نشر")
        || t.starts_with("تاريخ النشر")
        || t.starts_with("تم نشر")
        || t.starts_with("آخر تحديث")
    {
        return Some("dateline");
    }
    if words <= 12 && dates::normalize(t).is_some() && !t.ends_with('.') {
        return Some("dateline");
    }
    None
}

/// Keeps the article's blocks; cut ones go to `removed`.
fn filter_blocks(blocks: Vec<Block>, meta: &Meta, removed: &mut Vec<Removed>) -> Vec<String> {
    let total: usize = blocks.iter().map(|b| b.text.chars().count()).sum();
    let mut kept: Vec<String> = Vec::new();
    let mut pos = 0usize;
    let n = blocks.len();
    let mut cut_rest: Option<&'static str> = None;
    let title_norm = meta.title.as_deref().map(|t| lower(&squash(t)));
    // For each block: characters and link characters of the blocks after it.
    let mut after = vec![(0usize, 0usize); blocks.len() + 1];
    for i in (0..blocks.len()).rev() {
        let c = blocks[i].text.chars().count();
        after[i] = (after[i + 1].0 + c, after[i + 1].1 + blocks[i].link_chars);
    }
    let tail_is_chrome = |i: usize| {
        let (c, l) = after[i + 1];
        let rest_blocks = n - i - 1;
        c == 0 || l * 2 >= c || (c * 10 < total * 3 && c < 100 * rest_blocks.max(1))
    };
    for (i, b) in blocks.into_iter().enumerate() {
        let chars = b.text.chars().count();
        let here = pos;
        pos += chars;
        if let Some(r) = cut_rest {
            removed.push(Removed {
                text: cap(&b.text),
                reason: r.into(),
            });
            continue;
        }
        let near_edge = i < 4 || i + 3 >= n;
        let heading = b.tag.starts_with('h') && b.tag.len() == 2;
        let reason: Option<&'static str> = if b.caption {
            Some("caption")
        } else if i < 3 && title_norm.as_deref() == Some(lower(&b.text).as_str()) {
            Some("title")
        } else if let Some(r) = ui_reason(&b.text) {
            Some(r)
        } else if (heading || chars < 60 || b.link_chars * 2 > chars)
            && here * 10 >= total * 4
            && tail_reason(&b.text).is_some()
        {
            let r = tail_reason(&b.text);
            if tail_is_chrome(i) {
                cut_rest = r;
            }
            r
        } else if b.link_chars * 10 > chars * 6 && chars < 400 {
            Some(if b.in_li {
                "related-links"
            } else {
                "navigation"
            })
        } else if near_edge && chars < 160 {
            byline_reason(&b.text)
        } else {
            None
        };
        if let Some(r) = reason {
            removed.push(Removed {
                text: cap(&b.text),
                reason: r.into(),
            });
            continue;
        }
        kept.push(b.text);
    }
    kept
}

/// Uses the JSON-LD `articleBody` as a check on the extracted paragraphs.
fn apply_article_body(meta: &Meta, paragraphs: &mut Vec<String>, removed: &mut Vec<Removed>) {
    let Some(body) = meta.article_body.as_deref() else {
        return;
    };
    let body_chars = body.chars().count();
    let truncated = body.ends_with("...") || body.ends_with('…') || body_chars < 400;
    let ours: usize = paragraphs.iter().map(|p| p.chars().count()).sum();
    let body_words: HashSet<String> = crate::score::tokens(&lower(body))
        .into_iter()
        .map(str::to_string)
        .collect();
    if truncated || body_words.len() < 40 {
        return;
    }
    // How much of our text the JSON-LD body covers.
    let mut covered = 0usize;
    let mut all = 0usize;
    for p in paragraphs.iter() {
        let toks = crate::score::tokens(p);
        all += toks.len();
        covered += toks
            .iter()
            .filter(|t| body_words.contains(&t.to_lowercase()))
            .count();
    }
    if ours * 2 < body_chars {
        // We missed most of the article: the JSON-LD body is the better text.
        for p in paragraphs.drain(..) {
            removed.push(Removed {
                text: cap(&p),
                reason: "not-in-article-body".into(),
            });
        }
        paragraphs.extend(body.split('\n').map(squash).filter(|p| !p.is_empty()));
        return;
    }
    if all > 0 && covered * 10 >= all * 7 {
        // The JSON-LD body agrees with ours: cut blocks that share nothing.
        let mut i = 0;
        while i < paragraphs.len() {
            let toks = crate::score::tokens(&paragraphs[i]);
            let hit = toks
                .iter()
                .filter(|t| body_words.contains(&t.to_lowercase()))
                .count();
            if toks.len() >= 3 && hit * 10 < toks.len() * 3 {
                let p = paragraphs.remove(i);
                removed.push(Removed {
                    text: cap(&p),
                    reason: "not-in-article-body".into(),
                });
            } else {
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_scan() {
        assert_eq!(max_nesting("<div><div><p>x</p></div></div>"), 2);
        assert_eq!(max_nesting("<script>if (a<div) {}</script><div></div>"), 1);
        let deep = "<div>".repeat(5000);
        assert_eq!(max_nesting(&deep), 5000);
    }

    #[test]
    fn keeps_structure_and_cuts_chrome() {
        let html = r#"<html><head><title>Big news - Example Times</title>
<meta property="og:site_name" content="Example Times"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Big news</h1><p>By Jane Doe</p>
<p>The first paragraph of the article says something long enough to be kept as content, with commas, and more words.</p>
<h2>A subheading</h2>
<p>The second paragraph continues the story, also long enough, with details, numbers like 42, and quotes.</p>
<blockquote>“A quote that matters downstream,” she said, in a long sentence that goes on.</blockquote>
<ul><li>First point of the list, which is a full sentence.</li><li>Second point of the list, also a sentence.</li></ul>
<figure><img src="x.jpg"><figcaption>Photo: Someone / Agency</figcaption></figure>
<p>Third paragraph with more text to make this article look like a real article, long enough for scoring.</p>
<h3>Related</h3><ul><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul>
</article><footer>Copyright Example Times 2020</footer></body></html>"#;
        let d = extract_html(html, "x".into(), Source::default());
        assert!(d.text.contains("The first paragraph"), "{}", d.text);
        assert!(d.text.contains("\n\nA subheading\n\n"), "{}", d.text);
        assert!(d.text.contains("A quote that matters"), "{}", d.text);
        assert!(d.text.contains("First point of the list"), "{}", d.text);
        assert!(!d.text.contains("Other story"), "{}", d.text);
        assert!(!d.text.contains("Photo:"), "{}", d.text);
        assert!(!d.text.contains("Home"), "{}", d.text);
        assert_eq!(d.title.as_deref(), Some("Big news"));
        assert_eq!(d.site.as_deref(), Some("Example Times"));
        assert_eq!(d.byline, vec!["Jane Doe".to_string()]);
        let reasons: Vec<&str> = d.removed.iter().map(|r| r.reason.as_str()).collect();
        assert!(reasons.contains(&"navigation"), "{reasons:?}");
        assert!(reasons.contains(&"caption"), "{reasons:?}");
        assert!(reasons.contains(&"related-links"), "{reasons:?}");
    }
}
