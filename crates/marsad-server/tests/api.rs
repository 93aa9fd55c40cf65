//! The JSON API against a real server on a loopback port.

mod common;
use common::*;

#[test]
fn api_answers_documents_search_entities_events_and_openapi() {
    let (dir, srv) = server("api");
    let base = format!("http://{}", srv.addr);

    let stats = get_json(&format!("{base}/api/stats"));
    assert_eq!(stats["documents"], 3);
    assert_eq!(stats["events"], 3);

    // documents: list and one by id, identical to what was stored
    let docs = get_json(&format!("{base}/api/documents?limit=2"));
    assert_eq!(docs.as_array().unwrap().len(), 2);
    let d = get_json(&format!("{base}/api/documents/fx-putin"));
    let line = std::fs::read_to_string(fixture_path()).unwrap();
    let want: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    assert_eq!(d, want);
    let (s, ct, body) = get(&format!("{base}/api/documents/missing"));
    assert_eq!(s, 404);
    assert!(ct.starts_with("application/json"));
    assert!(body.contains("error"));

    // search: normalized Arabic, snippet highlights in code points
    let r = get_json(&format!("{base}/api/search?q={}", enc("رئيس")));
    assert_eq!(r["total"], 2);
    for hit in r["hits"].as_array().unwrap() {
        let chars: Vec<char> = hit["snippet"]["text"].as_str().unwrap().chars().collect();
        let hl = hit["snippet"]["highlights"].as_array().unwrap();
        assert!(!hl.is_empty());
        for h in hl {
            let (a, b) = (
                h[0].as_u64().unwrap() as usize,
                h[1].as_u64().unwrap() as usize,
            );
            let w: String = chars[a..b].iter().collect();
            assert!(w.contains("رئيس"), "{w}");
        }
    }
    let r = get_json(&format!("{base}/api/search?q={}", enc("كتب")));
    assert_eq!(r["hits"][0]["id"], "fx-putin");

    // entities and an entity page (a key with a colon, percent-encoded)
    let e = get_json(&format!("{base}/api/entities?q={}", enc("بوتين")));
    assert_eq!(e[0]["key"], "mk:RUSGOV-putin");
    let p = get_json(&format!("{base}/api/entities/{}", enc("mk:RUSGOV-putin")));
    assert_eq!(p["mentions"].as_array().unwrap().len(), 2);
    assert_eq!(p["quotes"].as_array().unwrap().len(), 1);
    assert_eq!(p["as_source"].as_array().unwrap().len(), 1);
    assert!(p["co_actors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["key"] == "mk:FRA"));
    assert_eq!(get(&format!("{base}/api/entities/nobody")).0, 404);
    let keys = get_json(&format!("{base}/api/documents/fx-putin/entity-keys"));
    assert_eq!(keys["e1"], "mk:RUSGOV-putin");

    // events with filters, timeline, places, actor pairs per day
    let ev = |q: &str| {
        get_json(&format!("{base}/api/events?{q}"))
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(ev(""), 3);
    assert_eq!(ev("code=19"), 1);
    assert_eq!(ev("actor=RUS"), 3);
    assert_eq!(ev(&format!("actor={}", enc("بوتين"))), 1);
    assert_eq!(ev("since=2015-11-27"), 2);
    assert_eq!(ev("until=2015-11-26"), 1);
    assert_eq!(ev("place=SYR"), 1);
    assert_eq!(ev("doc=fx-france"), 1);
    let tl = get_json(&format!("{base}/api/events/timeline"));
    assert_eq!(
        tl.as_array()
            .unwrap()
            .iter()
            .map(|d| d["count"].as_i64().unwrap())
            .sum::<i64>(),
        3
    );
    let pl = get_json(&format!("{base}/api/events/places"));
    assert_eq!(pl[0]["count"], 1);
    assert_eq!(pl[0]["lat"], 36.2);
    let pairs = get_json(&format!("{base}/api/actor-pairs"));
    assert!(pairs
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["source_key"] == "mk:FRA"
            && p["target_key"] == "mk:RUS"
            && p["day"] == "2015-11-28"));
    let agg = get_json(&format!("{base}/api/actor-pairs?per_day=false"));
    assert!(agg.as_array().unwrap().iter().all(|p| p["day"].is_null()));

    // a bad parameter is a 400, an unknown route a JSON 404
    assert_eq!(get(&format!("{base}/api/events?limit=lots")).0, 400);
    let (s, ct, _) = get(&format!("{base}/api/nothing"));
    assert_eq!(s, 404);
    assert!(ct.starts_with("application/json"));

    // the OpenAPI document describes every API route the server has
    let spec = get_json(&format!("{base}/openapi.json"));
    let paths = spec["paths"].as_object().unwrap();
    for p in [
        "/api/stats",
        "/api/documents",
        "/api/documents/{id}",
        "/api/documents/{id}/entity-keys",
        "/api/search",
        "/api/entities",
        "/api/entities/{key}",
        "/api/events",
        "/api/events/timeline",
        "/api/events/places",
        "/api/actor-pairs",
    ] {
        assert!(paths.contains_key(p), "openapi.json lacks {p}");
    }
    drop(srv);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn hostile_text_stays_data_and_pages_carry_a_strict_csp() {
    let (dir, srv) = server("hostile");
    let base = format!("http://{}", srv.addr);
    // the hostile document comes back as JSON, never as HTML
    let (s, ct, body) = get(&format!("{base}/api/documents/fx-hostile"));
    assert_eq!(s, 200);
    assert!(ct.starts_with("application/json"), "{ct}");
    let d: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(d["title"].as_str().unwrap().contains("<script>"));
    // the only HTML the server sends is the static shell: no data in it
    let (s, ct, html) = get(&format!("{base}/"));
    assert_eq!(s, 200);
    assert!(ct.starts_with("text/html"));
    assert!(!html.contains("pwned"));
    assert!(html.contains("dir=\"rtl\""));
    // a strict CSP: no inline script, nothing from elsewhere
    let r = agent().get(&format!("{base}/")).call().unwrap();
    let csp = r
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    // the UI script never writes HTML from data
    let (_, _, js) = get(&format!("{base}/app.js"));
    for bad in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(
            !js.contains(&format!("{bad}="))
                && !js.contains(&format!(".{bad}("))
                && !js.contains(&format!("{bad} =")),
            "app.js uses {bad}"
        );
    }
    // assets and the map are embedded (no network)
    let world = get_json(&format!("{base}/world.json"));
    assert!(world["countries"].as_array().unwrap().len() > 150);
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "the shell loads nothing from elsewhere"
    );
    drop(srv);
    let _ = std::fs::remove_dir_all(dir);
}
