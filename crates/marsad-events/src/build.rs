//! Compiles the source dictionaries under `../shared/data/events` into the
//! small TSV assets of `assets/events/` that [`crate::Coder::bundled`] embeds.
//!
//! Rebuild with
//! `cargo test -p marsad-events --release -- --ignored regenerate_assets`
//! (a second; a normal test checks that the committed assets equal what this
//! module derives from the sources, when the sources are present).
//!
//! * `verbs.tsv` — UniversalPetrarch's Arabic CAMEO verb dictionary
//!   (`CAMEO.ar.0.5.txt`): one line per verb lemma:
//!   `lemma<TAB>code-or-empty<TAB>pattern=code;…`. A lemma's code is its own
//!   bracketed code, else its block's header code; patterns are the block's
//!   `- * words [code]` lines reduced to their literal Arabic words (synset
//!   references `&X` and the `*` verb slot dropped).
//! * `cameo.tsv` — every CAMEO event code with its GDELT name, Goldstein
//!   score and quad class (`cameo_codes_goldstein_quad.csv`) and its PLOVER
//!   type and mode (`CAMEO2PLOVER-2021.txt`, a code missing there takes its
//!   parent's line).
//! * `actors.tsv` — UniversalPetrarch's Arabic actor dictionary
//!   (`actor_dict_ar_v4.txt`, last listed code of each entry) and agents
//!   (`agents.all.ar.txt`, role codes such as `COP`, `MIL`, `REB`), as
//!   normalized phrase → CAMEO actor code.

use crate::EventsError;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

/// Lemma → (code, patterns) while compiling the verb dictionary.
type VerbTable = BTreeMap<String, (Option<String>, Vec<(String, String)>)>;

fn read(path: &Path) -> Result<String, EventsError> {
    std::fs::read_to_string(path).map_err(|e| EventsError::File {
        path: path.display().to_string(),
        detail: format!("{e} (the event sources live in ../shared/data/events)"),
    })
}

/// Normalizes a dictionary word: the text layer's full folding, then `_`
/// and `+` joins become spaces.
pub fn norm_phrase(s: &str) -> String {
    let s = s.replace(['_', '+'], " ");
    let n = marsad_arabic::normalize_str(&s);
    n.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn bracket_code(s: &str) -> Option<String> {
    let a = s.find('[')?;
    let b = s[a..].find(']')? + a;
    let c = s[a + 1..b].trim();
    if !c.is_empty() && c.chars().all(|c| c.is_ascii_digit()) {
        Some(c.to_string())
    } else {
        None
    }
}

/// Builds `verbs.tsv` from the text of `CAMEO.ar.0.5.txt`.
pub fn build_verbs(src: &str) -> String {
    let mut started = false;
    // lemma -> (code, patterns)
    let mut out: VerbTable = BTreeMap::new();
    let mut block_code: Option<String> = None;
    let mut block_head = String::new();
    let mut block_verbs: Vec<String> = Vec::new();
    let flush = |verbs: &mut Vec<String>, out: &mut VerbTable, pats: &[(String, String)]| {
        for v in verbs.drain(..) {
            if let Some(e) = out.get_mut(&v) {
                for p in pats {
                    if !e.1.contains(p) {
                        e.1.push(p.clone());
                    }
                }
            }
        }
    };
    let mut block_pats: Vec<(String, String)> = Vec::new();
    for line in src.lines() {
        if line.contains("VERB PATTERNS") {
            started = true;
            continue;
        }
        if !started {
            continue;
        }
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if t.starts_with("---") {
            flush(&mut block_verbs, &mut out, &block_pats);
            block_pats.clear();
            block_code = bracket_code(t);
            block_head = norm_phrase(t.trim_start_matches('-').split('[').next().unwrap_or(""));
            continue;
        }
        if let Some(rest) = t.strip_prefix('-') {
            let body = rest.split('#').next().unwrap_or("");
            let Some(code) = bracket_code(body) else {
                continue;
            };
            let words: Vec<String> = body
                .split('[')
                .next()
                .unwrap_or("")
                .replace(['(', ')', '{', '}'], " ")
                .split_whitespace()
                .filter(|w| *w != "*" && !w.starts_with('&') && !w.starts_with('$'))
                .map(|w| norm_phrase(&w.replace('*', "")))
                .filter(|w| !w.is_empty())
                .collect();
            // a pattern of bare prepositions says nothing about the object
            const FUNCTION: &[&str] = &[
                "في", "من", "الي", "علي", "عن", "مع", "ب", "ل", "ضد", "هوو", "ك",
            ];
            if words.iter().all(|w| FUNCTION.contains(&w.as_str())) {
                continue;
            }
            block_pats.push((words.join(" "), code));
            continue;
        }
        let body = t.split('#').next().unwrap_or("");
        let own = bracket_code(body);
        let lemma = norm_phrase(body.split('[').next().unwrap_or(""));
        if lemma.is_empty() || lemma.contains("هوو") {
            continue;
        }
        // the block's code belongs to its head verb; the other lemmas of a
        // block are machine-translated synonyms that carry it only through
        // their own bracket (block codes on synonyms coded بدأ as 190)
        let code = own.or_else(|| block_code.clone().filter(|_| lemma == block_head));
        let e = out.entry(lemma.clone()).or_insert((None, Vec::new()));
        if e.0.is_none() {
            e.0 = code;
        }
        block_verbs.push(lemma);
    }
    flush(&mut block_verbs, &mut out, &block_pats);
    let mut s = String::from("# lemma\tcode\tpatterns (generated from UniversalPetrarch CAMEO.ar.0.5.txt; do not edit)\n");
    for (lemma, (code, pats)) in out {
        let p: Vec<String> = pats
            .iter()
            .filter(|(_, c)| Some(c) != code.as_ref())
            .map(|(w, c)| format!("{w}={c}"))
            .collect();
        let _ = writeln!(s, "{lemma}\t{}\t{}", code.unwrap_or_default(), p.join(";"));
    }
    s
}

fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut q = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if q && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => q = !q,
            ',' if !q => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Builds `cameo.tsv` from the CAMEO code table and the CAMEO→PLOVER table.
pub fn build_cameo(codes_csv: &str, plover: &str) -> String {
    let mut pl: HashMap<String, (String, String)> = HashMap::new();
    for line in plover.lines() {
        let body = line.split('#').next().unwrap_or("");
        let Some((code, rest)) = body.split_once(':') else {
            continue;
        };
        let code = code.trim();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let mut parts = rest.split(',').map(|p| p.trim().to_string());
        let ty = parts.next().unwrap_or_default();
        let mode = parts.next().unwrap_or_default();
        if !ty.is_empty() {
            pl.insert(code.to_string(), (ty, mode));
        }
    }
    let mut s = String::from(
        "# code\tname\tgoldstein\tquad\tplover_type\tplover_mode (generated; do not edit)\n",
    );
    for line in codes_csv.lines().skip(1) {
        let f = csv_fields(line);
        if f.len() < 9 {
            continue;
        }
        let code = f[0].trim();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let mut k = code.to_string();
        let (ty, mode) = loop {
            if let Some(v) = pl.get(&k) {
                break v.clone();
            }
            if k.len() <= 2 {
                break (String::new(), String::new());
            }
            k.pop();
        };
        let _ = writeln!(
            s,
            "{code}\t{}\t{}\t{}\t{ty}\t{mode}",
            f[6].replace(['\t', '\n'], " "),
            f[8].trim(),
            f[4].trim()
        );
    }
    s
}

/// Builds `actors.tsv` from the actor dictionary and the agents file.
pub fn build_actors(actor_dict: &str, agents: &str) -> String {
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    let mut pending: Vec<String> = Vec::new();
    let mut last: Option<String> = None;
    let valid = |c: &str| {
        c.len() >= 3 && c.len().is_multiple_of(3) && c.chars().all(|c| c.is_ascii_uppercase())
    };
    let finish = |pending: &mut Vec<String>,
                  last: &mut Option<String>,
                  map: &mut BTreeMap<String, String>| {
        if let Some(code) = last.take() {
            for p in pending.drain(..) {
                map.entry(p).or_insert_with(|| code.clone());
            }
        }
        pending.clear();
    };
    for line in actor_dict.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let indented = line.starts_with('\t') || line.starts_with("  ");
        let t = line.trim();
        if indented && t.starts_with('[') {
            // a dated code line: the last one wins (the most recent role)
            if let Some(c) = t[1..].split([' ', ']']).next() {
                if valid(c) {
                    last = Some(c.to_string());
                }
            }
            continue;
        }
        if t.starts_with('+') {
            // an alias of the current entry
            let p = norm_phrase(
                t.trim_start_matches('+')
                    .split(['[', '#'])
                    .next()
                    .unwrap_or(""),
            );
            if !p.is_empty() {
                pending.push(p);
            }
            continue;
        }
        finish(&mut pending, &mut last, &mut map);
        let name = t.split(['[', '#']).next().unwrap_or("");
        let p = norm_phrase(name);
        if p.is_empty() {
            continue;
        }
        pending.push(p);
        if let Some(a) = t.find('[') {
            let c = t[a + 1..].split([' ', ']']).next().unwrap_or("");
            if valid(c) {
                last = Some(c.to_string());
            }
        }
    }
    finish(&mut pending, &mut last, &mut map);
    for line in agents.lines() {
        let t = line.trim();
        let Some(a) = t.find("[~") else {
            continue;
        };
        let rest = &t[a + 2..];
        let Some(b) = rest.find(']') else {
            continue;
        };
        let code = rest[..b].trim();
        if !valid(code) {
            continue;
        }
        let ar = rest[b + 1..].trim_start_matches([' ', '#', '?']);
        let p = norm_phrase(ar.trim_start_matches(['#', '?', ' ']));
        if p.is_empty() || !p.chars().any(marsad_arabic::is_arabic_letter) {
            continue;
        }
        map.entry(p).or_insert_with(|| code.to_string());
    }
    let mut s = String::from("# phrase\tcode (generated from UniversalPetrarch actor_dict_ar_v4.txt and agents.all.ar.txt; do not edit)\n");
    for (p, c) in map {
        if p.split(' ').count() > 4 {
            continue;
        }
        let _ = writeln!(s, "{p}\t{c}");
    }
    s
}

/// Derives all three generated assets from `events_dir`
/// (`../shared/data/events`): `(file name, content)` pairs.
pub fn build_all(events_dir: &Path) -> Result<Vec<(&'static str, String)>, EventsError> {
    let up = events_dir.join("universalpetrarch-ar");
    let verbs = build_verbs(&read(&up.join("CAMEO.ar.0.5.txt"))?);
    let cameo = build_cameo(
        &read(&events_dir.join("cameo/cameo_codes_goldstein_quad.csv"))?,
        &read(&events_dir.join("plover/CAMEO2PLOVER-2021.txt"))?,
    );
    let actors = build_actors(
        &read(&up.join("actor_dict_ar_v4.txt"))?,
        &read(&up.join("agents.all.ar.txt"))?,
    );
    Ok(vec![
        ("verbs.tsv", verbs),
        ("cameo.tsv", cameo),
        ("actors.tsv", actors),
    ])
}
