//! Metadata of an HTML page: title, byline, publication date, site name,
//! canonical URL, language and the JSON-LD `articleBody`.
//!
//! Each field is gathered from several signals in a fixed order of trust
//! (JSON-LD and OpenGraph first, then `<meta>` names, then the page's own
//! elements, then the URL and free text), and every value is cleaned: site
//! suffixes cut from titles, URLs and the site name refused as authors,
//! dates normalised to ISO 8601.

use crate::dates;
use dom_query::{Document, NodeRef};
use std::collections::HashMap;

/// What the page says about itself.
#[derive(Debug, Default, Clone)]
pub struct Meta {
    /// The headline.
    pub title: Option<String>,
    /// Authors.
    pub byline: Vec<String>,
    /// Publication date, ISO 8601.
    pub published: Option<String>,
    /// Site or outlet name.
    pub site: Option<String>,
    /// Canonical URL (`<link rel=canonical>`, `og:url`, JSON-LD `url`).
    pub canonical: Option<String>,
    /// `<html lang>` (or `content-language`), ISO 639-1 when it is one.
    pub lang: Option<String>,
    /// JSON-LD `articleBody`, when the page ships one.
    pub article_body: Option<String>,
    /// The raw `<title>`.
    pub html_title: Option<String>,
}

/// Collapses runs of whitespace to one space and trims.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.map(|x| squash(&x)).filter(|x| !x.is_empty())
}

/// The JSON-LD facts of an article-like object.
#[derive(Default, Debug)]
struct JsonLd {
    headline: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    body: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    site: Option<String>,
}

fn is_article_type(t: &serde_json::Value) -> bool {
    let check = |s: &str| {
        s.ends_with("Article")
            || s == "BlogPosting"
            || s == "Report"
            || s == "LiveBlogPosting"
            || s == "SocialMediaPosting"
    };
    match t {
        serde_json::Value::String(s) => check(s),
        serde_json::Value::Array(a) => a.iter().any(|x| x.as_str().is_some_and(check)),
        _ => false,
    }
}

fn names_of(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| names_of(x, out)),
        serde_json::Value::Object(o) => {
            if let Some(n) = o.get("name") {
                names_of(n, out);
            }
        }
        _ => {}
    }
}

fn str_of(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Object(o) => str_of(o.get("name").or_else(|| o.get("@id"))),
        serde_json::Value::Array(a) => str_of(a.first()),
        _ => None,
    }
}

fn walk_jsonld(v: &serde_json::Value, out: &mut JsonLd, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        serde_json::Value::Array(a) => a.iter().for_each(|x| walk_jsonld(x, out, depth + 1)),
        serde_json::Value::Object(o) => {
            let t = o.get("@type").cloned().unwrap_or_default();
            if is_article_type(&t) {
                if out.headline.is_none() {
                    out.headline = str_of(o.get("headline")).or_else(|| str_of(o.get("name")));
                }
                if out.authors.is_empty() {
                    if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
                        names_of(a, &mut out.authors);
                    }
                }
                if out.published.is_none() {
                    out.published =
                        str_of(o.get("datePublished")).or_else(|| str_of(o.get("dateCreated")));
                }
                if out.body.is_none() {
                    out.body = str_of(o.get("articleBody"));
                }
                if out.publisher.is_none() {
                    out.publisher = str_of(o.get("publisher"));
                }
                if out.url.is_none() {
                    out.url = str_of(o.get("url"))
                        .or_else(|| str_of(o.get("mainEntityOfPage")))
                        .filter(|u| u.starts_with("http"));
                }
            } else if t.as_str() == Some("WebSite") && out.site.is_none() {
                out.site = str_of(o.get("name"));
            }
            for (k, x) in o {
                if k == "@graph" || k == "mainEntity" || k == "itemListElement" {
                    walk_jsonld(x, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// The elements metadata is read from, found in one walk of the tree
/// (one pass instead of a CSS selector query per field).
#[derive(Default)]
struct Index<'a> {
    html: Option<NodeRef<'a>>,
    metas: Vec<NodeRef<'a>>,
    ldjson: Vec<NodeRef<'a>>,
    canonical: Option<String>,
    title: Option<NodeRef<'a>>,
    h1: Vec<NodeRef<'a>>,
    rel_author: Vec<NodeRef<'a>>,
    itemprop_author: Vec<NodeRef<'a>>,
    times: Vec<NodeRef<'a>>,
}

fn index(doc: &Document) -> Index<'_> {
    let mut ix = Index::default();
    for n in doc.root().descendants_it() {
        if !n.is_element() {
            continue;
        }
        let Some(name) = n.node_name() else { continue };
        match &*name {
            "html" if ix.html.is_none() => ix.html = Some(n),
            "meta" => ix.metas.push(n),
            "script" if n.attr("type").is_some_and(|t| t.contains("ld+json")) => {
                ix.ldjson.push(n);
            }
            "link"
                if ix.canonical.is_none()
                    && n.attr("rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                ix.canonical = n.attr("href").map(|h| h.trim().to_string());
            }
            "title" if ix.title.is_none() => ix.title = Some(n),
            "h1" if ix.h1.len() < 8 => ix.h1.push(n),
            "a" if ix.rel_author.len() < 4
                && n.attr("rel").is_some_and(|r| r.contains("author")) =>
            {
                ix.rel_author.push(n);
            }
            "time" if ix.times.len() < 5 && n.has_attr("datetime") => ix.times.push(n),
            _ => {}
        }
        if let Some(p) = n.attr("itemprop") {
            if &*p == "author" && ix.itemprop_author.len() < 4 {
                ix.itemprop_author.push(n);
            } else if &*p == "datePublished" && ix.times.len() < 5 {
                ix.times.push(n);
            }
        }
    }
    ix
}

fn parse_jsonld(scripts: &[NodeRef<'_>]) -> JsonLd {
    let mut out = JsonLd::default();
    for s in scripts {
        let raw = s.text();
        let t = raw
            .trim()
            .trim_start_matches("//<![CDATA[")
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("//]]>")
            .trim_end_matches("]]>")
            .trim()
            .trim_end_matches(';');
        if t.len() > 4 << 20 {
            continue;
        }
        // Some sites put raw newlines inside strings: tolerate them.
        let v: serde_json::Value = match serde_json::from_str(t) {
            Ok(v) => v,
            Err(_) => match serde_json::from_str(&t.replace(['\n', '\r', '\t'], " ")) {
                Ok(v) => v,
                Err(_) => continue,
            },
        };
        walk_jsonld(&v, &mut out, 0);
    }
    out
}

/// Collects the page's metadata.
pub fn collect(doc: &Document, page_url: Option<&str>) -> Meta {
    let ix = index(doc);
    let mut metas: HashMap<String, String> = HashMap::new();
    for m in &ix.metas {
        let key = m
            .attr("property")
            .or_else(|| m.attr("name"))
            .or_else(|| m.attr("itemprop"))
            .or_else(|| m.attr("http-equiv"));
        let (Some(k), Some(c)) = (key, m.attr("content")) else {
            continue;
        };
        let c = squash(&c);
        if c.is_empty() {
            continue;
        }
        metas.entry(k.to_lowercase()).or_insert(c);
    }
    let get = |keys: &[&str]| keys.iter().find_map(|k| metas.get(*k).cloned());
    let ld = parse_jsonld(&ix.ldjson);

    // site
    let site = nonempty(
        get(&["og:site_name", "application-name", "twitter:site:name"])
            .or_else(|| ld.publisher.clone())
            .or_else(|| ld.site.clone()),
    );

    // canonical URL
    let canonical = ix
        .canonical
        .clone()
        .filter(|u| u.starts_with("http"))
        .or_else(|| get(&["og:url"]).filter(|u| u.starts_with("http")))
        .or_else(|| ld.url.clone());

    // title
    let html_title = nonempty(ix.title.map(|t| t.text().to_string()));
    let h1s: Vec<String> = ix
        .h1
        .iter()
        .map(|h| squash(&h.text()))
        .filter(|t| !t.is_empty() && t.chars().count() < 300)
        .collect();
    let og = nonempty(get(&["og:title", "twitter:title", "title", "headline"]));
    let title = choose_title(
        og.as_deref(),
        ld.headline.as_deref(),
        &h1s,
        html_title.as_deref(),
        site.as_deref(),
    );

    // byline
    let mut byline: Vec<String> = Vec::new();
    let host = canonical
        .as_deref()
        .or(page_url)
        .and_then(|u| u.split("://").nth(1))
        .and_then(|r| r.split('/').next())
        .unwrap_or("")
        .to_lowercase();
    let push_author = |name: &str, byline: &mut Vec<String>| {
        if is_site_like(name, site.as_deref(), &host) {
            return;
        }
        for n in split_authors(name) {
            if is_site_like(&n, site.as_deref(), &host) {
                continue;
            }
            if is_plausible_author(&n, site.as_deref())
                && !byline.iter().any(|b| b.eq_ignore_ascii_case(&n))
            {
                byline.push(n);
            }
        }
    };
    for a in &ld.authors {
        push_author(a, &mut byline);
    }
    if byline.is_empty() {
        if let Some(a) = get(&[
            "author",
            "article:author",
            "dc.creator",
            "byl",
            "sailthru.author",
            "parsely-author",
        ]) {
            push_author(&a, &mut byline);
        }
    }
    if byline.is_empty() {
        let named: Vec<NodeRef> = ix
            .itemprop_author
            .iter()
            .filter_map(|a| {
                a.descendants_it()
                    .find(|d| d.attr("itemprop").is_some_and(|p| &*p == "name"))
            })
            .collect();
        for group in [&ix.rel_author, &named, &ix.itemprop_author] {
            for n in group.iter() {
                let t = squash(&n.text());
                if !t.is_empty() && t.chars().count() < 80 {
                    push_author(&t, &mut byline);
                }
            }
            if !byline.is_empty() {
                break;
            }
        }
    }

    // published
    let mut published = ld.published.as_deref().and_then(dates::normalize);
    if published.is_none() {
        published = get(&[
            "article:published_time",
            "og:published_time",
            "datepublished",
            "publishdate",
            "pubdate",
            "publish-date",
            "date",
            "dc.date",
            "dc.date.issued",
            "dcterms.created",
            "sailthru.date",
            "parsely-pub-date",
            "citation_publication_date",
            "article:published",
            "og:article:published_time",
        ])
        .and_then(|d| dates::normalize(&d));
    }
    if published.is_none() {
        for t in &ix.times {
            if let Some(d) = t
                .attr("datetime")
                .or_else(|| t.attr("content"))
                .and_then(|d| dates::normalize(&d))
            {
                published = Some(d);
                break;
            }
        }
    }
    if published.is_none() {
        published = canonical.as_deref().or(page_url).and_then(dates::from_url);
    }

    // language
    let lang = ix
        .html
        .and_then(|h| h.attr("lang").or_else(|| h.attr("xml:lang")))
        .map(|l| l.to_string())
        .or_else(|| get(&["content-language", "og:locale", "language"]))
        .and_then(|l| {
            let p = l
                .trim()
                .split(['-', '_', ','])
                .next()
                .unwrap_or("")
                .to_lowercase();
            (p.len() == 2 && p.chars().all(|c| c.is_ascii_lowercase())).then_some(p)
        });

    Meta {
        title,
        byline,
        published,
        site,
        canonical,
        lang,
        article_body: nonempty(ld.body),
        html_title,
    }
}

/// Separators between a headline and a site name in `<title>`.
const TITLE_SEPS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " « ", " » "];

/// Cuts a site prefix or suffix from a title ("Headline - Site" → "Headline").
pub fn strip_site(title: &str, site: Option<&str>) -> String {
    let t = title.trim();
    // "Org - Section - Kind - Headline": the longest part is the headline.
    for sep in TITLE_SEPS {
        let parts: Vec<&str> = t.split(sep).map(str::trim).collect();
        if parts.len() >= 3 {
            if let Some(best) = parts.iter().max_by_key(|p| p.chars().count()) {
                return best.to_string();
            }
        }
    }
    for sep in TITLE_SEPS {
        if let Some((a, b)) = t.rsplit_once(sep).or_else(|| t.split_once(sep)) {
            let (a, b) = (a.trim(), b.trim());
            let is_site = |x: &str| {
                site.is_some_and(|s| {
                    let s = s.to_lowercase();
                    let x = x.to_lowercase();
                    !s.is_empty() && (x.contains(&s) || s.contains(&x))
                })
            };
            if is_site(b)
                || (!is_site(a)
                    && b.chars().count() * 2 < a.chars().count()
                    && b.split_whitespace().count() <= 5)
            {
                return a.to_string();
            }
            if is_site(a)
                || (a.chars().count() * 2 < b.chars().count() && a.split_whitespace().count() <= 4)
            {
                return b.to_string();
            }
        }
    }
    t.to_string()
}

fn words(s: &str) -> Vec<String> {
    crate::score::tokens(&s.to_lowercase())
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// Share of `a`'s words found in `b`.
fn overlap(a: &str, b: &str) -> f64 {
    let aw = words(a);
    if aw.is_empty() {
        return 0.0;
    }
    let bw: std::collections::HashSet<String> = words(b).into_iter().collect();
    aw.iter().filter(|w| bw.contains(*w)).count() as f64 / aw.len() as f64
}

fn choose_title(
    og: Option<&str>,
    ld: Option<&str>,
    h1s: &[String],
    html_title: Option<&str>,
    site: Option<&str>,
) -> Option<String> {
    let reference = og.or(ld).or(html_title);
    // An h1 that the other signals agree with is the cleanest title.
    if let Some(r) = reference {
        for h in h1s {
            if overlap(h, r) >= 0.8 && overlap(r, h) >= 0.5 {
                return Some(h.clone());
            }
        }
    }
    if let Some(o) = og.or(ld) {
        return Some(strip_site(o, site));
    }
    if let Some(t) = html_title {
        return Some(strip_site(t, site));
    }
    h1s.first().cloned()
}

/// Splits "A and B", "A, B", "A و B" into names and drops "By"/"بقلم".
pub fn split_authors(s: &str) -> Vec<String> {
    let s = squash(s);
    let s = strip_byline_prefix(&s);
    s.split([',', '،', ';', '|', '/'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" و "))
        .map(|p| {
            p.trim()
                .trim_matches(|c: char| c == '(' || c == ')' || c == '-')
                .trim()
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// "By Jane Doe" → "Jane Doe"; "بقلم: فلان" → "فلان".
pub fn strip_byline_prefix(s: &str) -> &str {
    let t = s.trim();
    for p in [
        "بقلم:",
        "بقلم :",
        "بقلم",
        "كتب:",
        "كتبت:",
        "كتب",
        "كتبت",
        "By:",
        "By ",
        "by ",
        "BY ",
        "Par ",
        "par ",
    ] {
        if let Some(r) = t.strip_prefix(p) {
            return r.trim_start_matches([':', ' ']).trim();
        }
    }
    t
}

/// An author string that is the outlet itself ("Sputnik" on
/// sputniknews.com, the site name, a copyright line).
fn is_site_like(name: &str, site: Option<&str>, host: &str) -> bool {
    let n = name.trim().to_lowercase();
    if n.contains('©')
        || n.starts_with("(c)")
        || n.starts_with("c)")
        || n.contains("www.")
        || n.contains(".com")
    {
        return true;
    }
    if let Some(s) = site {
        let s = s.trim().to_lowercase();
        if s.chars().count() >= 3 && (n.contains(&s) || s.contains(&n)) {
            return true;
        }
    }
    if let Some(first) = n.split_whitespace().next() {
        let first: String = first.chars().filter(|c| c.is_alphanumeric()).collect();
        if first.is_ascii() && first.len() >= 4 && host.contains(&first) {
            return true;
        }
    }
    false
}

/// An author string that names a person or desk, not a URL, a site or a date.
fn is_plausible_author(n: &str, site: Option<&str>) -> bool {
    let n = n.trim();
    let chars = n.chars().count();
    if !(2..=80).contains(&chars) || n.contains("://") || n.starts_with("www.") || n.contains('@') {
        return false;
    }
    if n.chars().filter(|c| c.is_ascii_digit()).count() > 2 {
        return false;
    }
    if let Some(s) = site {
        if n.eq_ignore_ascii_case(s.trim()) {
            return false;
        }
    }
    n.split_whitespace().count() <= 8
}
