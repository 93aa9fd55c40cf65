// Marsad web UI: a hash-routed single page over the JSON API.
//
// SECURITY: page text is hostile. Every element is built with h() below,
// which only ever puts data in the DOM as text nodes (textContent) or as
// attribute values we construct; innerHTML is never used. Links to a
// document's own URL are shown only for http(s) URLs.
//
// OFFSETS: spans from the API are CODE-POINT offsets; JS strings are UTF-16,
// so texts are split with Array.from() before slicing.
"use strict";

const $main = () => document.getElementById("main");

/** Builds an element. attrs: plain attributes (strings) and `on*` functions; children: nodes or strings (as text). */
function h(tag, attrs, ...children) {
  const el = tag.startsWith("svg:")
    ? document.createElementNS("http://www.w3.org/2000/svg", tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return el;
}
const svg = (tag, attrs, ...ch) => h("svg:" + tag, attrs, ...ch);

function show(...nodes) {
  const m = $main();
  m.replaceChildren(...nodes.flat());
  window.scrollTo(0, 0);
}

async function api(path, params) {
  const u = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") u.searchParams.set(k, v);
  const r = await fetch(u);
  const body = await r.json().catch(() => ({ error: "bad JSON from " + path }));
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

const docHref = (id) => "#/doc/" + encodeURIComponent(id);
const entHref = (key) => "#/entity/" + encodeURIComponent(key);
const isLinkable = (key) => key && !key.startsWith("cameo:");
const safeUrl = (u) => (typeof u === "string" && /^https?:\/\//i.test(u) ? u : null);

/** Text with [start, end) code-point highlights as <mark>. */
function marked(text, highlights) {
  const cs = Array.from(text || "");
  const out = [];
  let at = 0;
  for (const [a, b] of [...(highlights || [])].sort((x, y) => x[0] - y[0])) {
    if (a < at || a > cs.length) continue;
    out.push(cs.slice(at, a).join(""));
    out.push(h("mark", {}, cs.slice(a, b).join("")));
    at = b;
  }
  out.push(cs.slice(at).join(""));
  return out;
}

function meta(d) {
  return h("div", { class: "meta" },
    [d.published, d.site, d.id].filter(Boolean).join(" · "));
}

// ---------- search and document list ----------

async function viewSearch(q) {
  document.getElementById("q").value = q;
  const r = await api("/api/search", { q, limit: 30 });
  show(
    h("h2", {}, `نتائج البحث عن «${q}»: ${r.total}`),
    r.hits.length === 0 ? h("p", { class: "muted" }, "لا نتائج.") : null,
    r.hits.map((hit) =>
      h("div", { class: "card hit" },
        h("a", { class: "hit-title", href: docHref(hit.id) }, hit.title || "(بلا عنوان)"),
        meta(hit),
        h("div", { class: "snippet" }, marked(hit.snippet.text, hit.snippet.highlights)),
      )),
  );
}

async function viewHome() {
  const [stats, docs] = await Promise.all([api("/api/stats"), api("/api/documents", { limit: 50 })]);
  show(
    h("p", { class: "muted" },
      `${stats.documents} مستند · ${stats.entities} كيان · ${stats.quotes} اقتباس · ${stats.events} حدث`),
    h("h2", {}, "أحدث المستندات"),
    docs.map((d) =>
      h("div", { class: "card" },
        h("a", { class: "hit-title", href: docHref(d.id) }, d.title || "(بلا عنوان)"),
        meta(d),
        h("div", { class: "meta" }, `${d.entities} كيان · ${d.quotes} اقتباس · ${d.events} حدث`))),
  );
}

// ---------- the article view ----------

/** Flat segments of `text` over a list of annotations {start, end, cls, title, href, data}. */
function annotate(text, anns) {
  const cs = Array.from(text);
  const n = cs.length;
  const cuts = new Set([0, n]);
  for (const a of anns) {
    a.start = Math.max(0, Math.min(n, a.start));
    a.end = Math.max(a.start, Math.min(n, a.end));
    cuts.add(a.start);
    cuts.add(a.end);
  }
  const pts = [...cuts].sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i + 1 < pts.length; i++) {
    const [s, e] = [pts[i], pts[i + 1]];
    if (s === e) continue;
    const seg = cs.slice(s, e).join("");
    const on = anns.filter((a) => a.start <= s && a.end >= e && a.end > a.start);
    if (on.length === 0) { out.push(seg); continue; }
    const classes = new Set(["ann"]);
    const titles = [];
    let href = null;
    const data = {};
    for (const a of on) {
      a.cls.split(" ").forEach((c) => classes.add(c));
      if (a.title) titles.push(a.title);
      if (a.href) href = a.href;
      Object.assign(data, a.data || {});
    }
    const attrs = { class: [...classes].join(" "), title: titles.join(" | ") };
    for (const [k, v] of Object.entries(data)) attrs["data-" + k] = v;
    out.push(href ? h("a", Object.assign(attrs, { href }), seg) : h("span", attrs, seg));
  }
  return out;
}

async function viewDoc(id) {
  const d = await api("/api/documents/" + encodeURIComponent(id));
  const ents = new Map((d.entities || []).map((e) => [e.id, e]));
  const [evs, keys] = await Promise.all([
    api("/api/events", { doc: d.id, limit: 500 }),
    api("/api/documents/" + encodeURIComponent(id) + "/entity-keys"),
  ]);
  // archive-wide entity keys, as the store computed them
  const entLink = (e) => (keys[e.id] ? entHref(keys[e.id]) : "#/entities?q=" + encodeURIComponent(e.name_ar || e.name));
  const anns = [];
  for (const m of d.mentions || []) {
    const e = m.entity ? ents.get(m.entity) : null;
    anns.push({
      start: m.span[0], end: m.span[1], cls: `mention t-${m.type}`,
      title: `${m.type}${e ? ": " + e.name : ""}`, href: e ? entLink(e) : null,
      data: { type: m.type, entity: m.entity || "" },
    });
  }
  for (const q of d.quotes || []) anns.push({ start: q.span[0], end: q.span[1], cls: "quote", title: `اقتباس (${q.kind}) — ${q.speaker.text}` });
  for (const t of d.times || []) anns.push({ start: t.span[0], end: t.span[1], cls: "time", title: `${t.kind}: ${t.value ?? "?"}` });
  (d.events || []).forEach((e, i) => {
    const what = `${e.cameo} ${e.plover ? e.plover.type : "—"}: ${e.source.text} → ${e.target ? e.target.text : "—"}`;
    anns.push({ start: e.span[0], end: e.span[1], cls: "event", title: what, data: { event: i } });
    for (const t of e.triggers && e.triggers.length ? e.triggers : [e.trigger]) {
      anns.push({ start: t[0], end: t[1], cls: "trigger", title: what });
    }
  });
  const article = h("div", { class: "article", id: "article" }, annotate(d.text, anns));
  const toggle = (label, cls) =>
    h("label", {}, h("input", { type: "checkbox", checked: "checked", onchange: (ev) => article.classList.toggle(cls, !ev.target.checked) }), " " + label);
  const removedBox = h("div", { id: "removed", hidden: "hidden" },
    (d.removed || []).length === 0 ? h("p", { class: "muted" }, "لم يُحذف شيء.") : null,
    (d.removed || []).map((r) => h("div", { class: "removed" }, h("span", { class: "reason ltr" }, r.reason), " ", r.text)));
  const url = safeUrl(d.source && d.source.url);
  show(
    h("h2", { id: "doc-title" }, d.title || "(بلا عنوان)"),
    h("div", { class: "meta" },
      [d.published, d.site, (d.byline || []).join("، ")].filter(Boolean).join(" · "), " ",
      url ? h("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, "المصدر") : (d.source && d.source.url ? h("span", { class: "ltr" }, d.source.url) : null)),
    h("div", { class: "toggles" },
      toggle("الكيانات", "hide-mentions"), toggle("الاقتباسات", "hide-quotes"),
      toggle("الأزمنة", "hide-times"), toggle("الأحداث", "hide-events"),
      h("button", { id: "show-removed", type: "button", onclick: () => { removedBox.hidden = !removedBox.hidden; } },
        `ما حُذف من الصفحة (${(d.removed || []).length})`)),
    h("div", { class: "legend" }, ["PER", "ORG", "GPE", "LOC", "FAC", "NORP", "MISC"].map((t) => h("span", { class: "t-" + t }, t))),
    removedBox,
    h("div", { class: "grid" },
      h("div", { class: "card" }, article),
      h("div", {},
        h("div", { class: "card" }, h("h3", {}, `الكيانات (${(d.entities || []).length})`),
          h("div", { class: "chips" }, (d.entities || []).map((e) => h("a", { href: entLink(e), title: e.type }, `${e.name_ar || e.name} · ${e.type}`)))),
        h("div", { class: "card" }, h("h3", {}, `الاقتباسات (${(d.quotes || []).length})`),
          (d.quotes || []).map((q) => h("p", {}, h("strong", {}, q.speaker.text), ": «", q.text, "»"))),
        h("div", { class: "card" }, h("h3", {}, `الأزمنة (${(d.times || []).length})`),
          (d.times || []).map((t) => h("div", {}, t.text, " → ", h("span", { class: "ltr" }, t.value ?? "?")))),
      )),
    h("div", { class: "card" }, h("h3", {}, `الأحداث (${evs.length})`), eventsTable(evs)),
  );
}

// ---------- events: table, timeline, map ----------

function actorCell(name, key) {
  if (!name) return "—";
  return isLinkable(key) ? h("a", { href: entHref(key) }, name) : name;
}

function eventsTable(rows) {
  if (!rows.length) return h("p", { class: "muted" }, "لا أحداث.");
  return h("table", {},
    h("tr", {}, ["اليوم", "CAMEO", "النوع", "الفاعل", "المفعول به", "المكان", "الجملة"].map((t) => h("th", {}, t))),
    rows.map((e) => h("tr", {},
      h("td", { class: "ltr" }, e.day || "—"),
      h("td", { class: "ltr" }, e.cameo),
      h("td", { class: "ltr" }, e.plover || "—"),
      h("td", {}, actorCell(e.source, e.source_key)),
      h("td", {}, actorCell(e.target, e.target_key)),
      h("td", {}, e.place || "—"),
      h("td", {}, h("a", { href: docHref(e.doc) }, e.sentence.length > 140 ? Array.from(e.sentence).slice(0, 140).join("") + "…" : e.sentence)))));
}

function timelineChart(days) {
  const W = 1000, H = 220, P = 30;
  const byDay = new Map();
  for (const d of days) {
    if (!byDay.has(d.day)) byDay.set(d.day, [0, 0, 0, 0, 0]);
    byDay.get(d.day)[d.quad_class] += d.count;
  }
  const keys = [...byDay.keys()].sort();
  if (!keys.length) return h("p", { class: "muted" }, "لا أحداث مؤرخة.");
  const max = Math.max(...keys.map((k) => byDay.get(k).reduce((a, b) => a + b, 0)));
  const bw = (W - 2 * P) / keys.length;
  const g = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", "aria-label": "timeline", id: "timeline", direction: "ltr" });
  keys.forEach((k, i) => {
    let y = H - P;
    for (let q = 1; q <= 4; q++) {
      const c = byDay.get(k)[q];
      if (!c) continue;
      const hgt = (c / max) * (H - 2 * P);
      y -= hgt;
      g.appendChild(svg("rect", { x: P + i * bw, y, width: Math.max(1, bw - 1), height: hgt, class: "bar-" + q }, svg("title", {}, `${k} quad ${q}: ${c}`)));
    }
  });
  g.appendChild(svg("text", { x: P, y: H - 8, "font-size": 12 }, keys[0]));
  g.appendChild(svg("text", { x: W - P, y: H - 8, "font-size": 12, "text-anchor": "end" }, keys[keys.length - 1]));
  g.appendChild(svg("text", { x: 2, y: P, "font-size": 12 }, String(max)));
  return g;
}

let worldCache = null;
async function mapChart(places) {
  if (!worldCache) worldCache = await (await fetch("/world.json")).json();
  const w = worldCache;
  const g = svg("svg", { viewBox: `0 0 ${w.w} ${w.h}`, width: "100%", role: "img", "aria-label": "map", id: "map" });
  for (const c of w.countries) g.appendChild(svg("path", { d: c.d, class: "map-country" }, svg("title", {}, c.name)));
  const max = Math.max(1, ...places.map((p) => p.count));
  for (const p of places) {
    const x = (p.lon + 180) * 2, y = (90 - p.lat) * 2;
    g.appendChild(svg("circle", { cx: x, cy: y, r: 1.5 + 6 * Math.sqrt(p.count / max), class: "map-dot" },
      svg("title", {}, `${p.place}: ${p.count}`)));
  }
  return g;
}

async function viewEvents(params) {
  const f = {};
  for (const k of ["actor", "code", "since", "until", "place"]) f[k] = params.get(k) || "";
  const [rows, days, places] = await Promise.all([
    api("/api/events", Object.assign({ limit: 200 }, f)),
    api("/api/events/timeline", f),
    api("/api/events/places", f),
  ]);
  const inputs = {};
  const form = h("form", { class: "filters card", onsubmit: (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams();
    for (const [k, el] of Object.entries(inputs)) if (el.value.trim()) p.set(k, el.value.trim());
    location.hash = "#/events?" + p.toString();
  } },
  [["actor", "الفاعل (RUS، mk:…، اسم)"], ["code", "رمز CAMEO (19)"], ["since", "من (YYYY-MM-DD)"], ["until", "إلى"], ["place", "المكان (SYR، اسم)"]].map(([k, label]) => {
    inputs[k] = h("input", { name: k, value: f[k] });
    return h("label", {}, label, inputs[k]);
  }),
  h("button", { type: "submit" }, "تصفية"));
  show(
    h("h2", {}, "الأحداث"), form,
    h("div", { class: "card" }, h("h3", {}, "الخط الزمني (حسب الفئة الرباعية)"), timelineChart(days),
      h("div", { class: "legend" }, [1, 2, 3, 4].map((q) => h("span", {}, h("svg:svg", { width: 10, height: 10 }, svg("rect", { width: 10, height: 10, class: "bar-" + q })), ` ${q}`)))),
    h("div", { class: "card" }, h("h3", {}, `الخريطة (${places.length} موقع)`), await mapChart(places)),
    h("div", { class: "card" }, h("h3", {}, `الأحداث (${rows.length})`), eventsTable(rows)),
  );
}

// ---------- entities ----------

async function viewEntities(params) {
  const q = params.get("q") || "";
  const type = params.get("type") || "";
  const list = await api("/api/entities", { q, type, limit: 200 });
  const input = h("input", { name: "q", value: q, placeholder: "اسم" });
  show(
    h("h2", {}, "الكيانات"),
    h("form", { class: "filters card", onsubmit: (ev) => { ev.preventDefault(); location.hash = "#/entities?q=" + encodeURIComponent(input.value.trim()); } },
      h("label", {}, "الاسم", input), h("button", { type: "submit" }, "بحث")),
    h("table", {}, h("tr", {}, ["الاسم", "النوع", "المستندات", "الإشارات", "المفتاح"].map((t) => h("th", {}, t))),
      list.map((e) => h("tr", {},
        h("td", {}, h("a", { href: entHref(e.key) }, e.name_ar && e.name_ar !== e.name ? `${e.name_ar} (${e.name})` : e.name)),
        h("td", {}, e.type), h("td", {}, e.documents), h("td", {}, e.mentions), h("td", { class: "ltr muted" }, e.key)))),
  );
}

async function viewEntity(key) {
  const p = await api("/api/entities/" + encodeURIComponent(key));
  const e = p.entity, rec = p.record || {};
  const kb = rec.kb || {};
  show(
    h("h2", { id: "entity-name" }, e.name_ar && e.name_ar !== e.name ? `${e.name_ar} — ${e.name}` : e.name),
    h("div", { class: "meta" }, `${e.type} · ${e.documents} مستند · ${e.mentions} إشارة · `, h("span", { class: "ltr" }, e.key)),
    h("div", { class: "meta ltr" }, [kb.cameo && "CAMEO " + kb.cameo, kb.wikidata, kb.country, kb.lat != null && `${kb.lat}, ${kb.lon}`].filter(Boolean).join(" · ")),
    (rec.roles || []).length ? h("p", {}, "الأدوار: ", rec.roles.join("، ")) : null,
    h("div", { class: "grid" },
      h("div", {},
        h("div", { class: "card" }, h("h3", {}, `الإشارات (${p.mentions.length})`),
          p.mentions.map((m) => {
            const ctx = Array.from(m.context);
            const i = m.context.indexOf(m.text);
            const at = i < 0 ? -1 : Array.from(m.context.slice(0, i)).length;
            return h("p", {}, h("a", { href: docHref(m.doc) }, m.title || m.doc), ": ",
              at < 0 ? m.context : marked(ctx.join(""), [[at, at + Array.from(m.text).length]]));
          })),
        h("div", { class: "card" }, h("h3", {}, `الاقتباسات (${p.quotes.length})`),
          p.quotes.map((q) => h("p", {}, "«", q.text, "» — ", h("a", { href: docHref(q.doc) }, q.title || q.doc)))),
        h("div", { class: "card" }, h("h3", {}, `أحداث هو فاعلها (${p.as_source.length})`), eventsTable(p.as_source)),
        h("div", { class: "card" }, h("h3", {}, `أحداث وقعت عليه (${p.as_target.length})`), eventsTable(p.as_target))),
      h("div", { class: "card" }, h("h3", {}, "يظهر مع"),
        h("div", { class: "chips" }, p.co_actors.map((c) => h("a", { href: entHref(c.key) }, `${c.name} (${c.documents})`))))),
  );
}

// ---------- actor network ----------

async function viewNetwork() {
  const pairs = await api("/api/actor-pairs", { per_day: "false", limit: 150 });
  const nodes = new Map();
  const node = (k, name) => { if (!nodes.has(k)) nodes.set(k, { k, name, deg: 0, x: 0, y: 0, vx: 0, vy: 0 }); return nodes.get(k); };
  const edges = pairs.map((p) => {
    const a = node(p.source_key, p.source), b = node(p.target_key, p.target);
    a.deg += p.count; b.deg += p.count;
    return { a, b, n: p.count };
  });
  const ns = [...nodes.values()];
  const W = 900, H = 600;
  ns.forEach((n, i) => { const t = (2 * Math.PI * i) / ns.length; n.x = W / 2 + 250 * Math.cos(t); n.y = H / 2 + 220 * Math.sin(t); });
  // a few hundred steps of a plain force layout (repulsion, springs, gravity)
  for (let it = 0; it < 300; it++) {
    for (const a of ns) for (const b of ns) {
      if (a === b) continue;
      const dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
      const f = 2000 / d2;
      a.vx += dx * f / Math.sqrt(d2); a.vy += dy * f / Math.sqrt(d2);
    }
    for (const e of edges) {
      const dx = e.b.x - e.a.x, dy = e.b.y - e.a.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
      const f = (d - 90) * 0.02;
      e.a.vx += dx / d * f; e.a.vy += dy / d * f; e.b.vx -= dx / d * f; e.b.vy -= dy / d * f;
    }
    for (const n of ns) {
      n.vx += (W / 2 - n.x) * 0.005; n.vy += (H / 2 - n.y) * 0.005;
      n.x = Math.max(20, Math.min(W - 20, n.x + n.vx * 0.5)); n.y = Math.max(20, Math.min(H - 20, n.y + n.vy * 0.5));
      n.vx *= 0.6; n.vy *= 0.6;
    }
  }
  const g = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", id: "network", role: "img", "aria-label": "actor network" });
  const maxN = Math.max(1, ...edges.map((e) => e.n));
  for (const e of edges) g.appendChild(svg("line", { x1: e.a.x, y1: e.a.y, x2: e.b.x, y2: e.b.y, class: "net-edge", "stroke-width": 0.5 + 4 * e.n / maxN }, svg("title", {}, `${e.a.name} → ${e.b.name}: ${e.n}`)));
  const maxD = Math.max(1, ...ns.map((n) => n.deg));
  for (const n of ns) {
    const c = svg("circle", { cx: n.x, cy: n.y, r: 4 + 10 * Math.sqrt(n.deg / maxD), class: "net-node" }, svg("title", {}, `${n.name} (${n.deg})`));
    const label = svg("text", { x: n.x, y: n.y - 14, "text-anchor": "middle", "font-size": 12 }, n.name);
    g.appendChild(isLinkable(n.k) ? svg("a", { href: entHref(n.k) }, c, label) : svg("g", {}, c, label));
  }
  show(h("h2", {}, "شبكة الفاعلين"),
    h("p", { class: "muted" }, `${ns.length} فاعل · ${edges.length} علاقة (أزواج فاعل ← مفعول به في الأحداث)`),
    ns.length ? h("div", { class: "card" }, g) : h("p", { class: "muted" }, "لا أحداث بين فاعلين بعد."));
}

// ---------- router ----------

async function route() {
  const hash = location.hash.slice(1) || "/";
  const [path, qs] = hash.split("?");
  const params = new URLSearchParams(qs || "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  try {
    if (parts[0] === "search") await viewSearch(params.get("q") || "");
    else if (parts[0] === "doc" && parts[1]) await viewDoc(parts[1]);
    else if (parts[0] === "entity" && parts[1]) await viewEntity(parts[1]);
    else if (parts[0] === "entities") await viewEntities(params);
    else if (parts[0] === "events") await viewEvents(params);
    else if (parts[0] === "network") await viewNetwork();
    else await viewHome();
    document.body.setAttribute("data-view", parts[0] || "home");
  } catch (e) {
    show(h("p", { class: "error" }, "خطأ: " + e.message));
  }
}

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", () => {
  document.getElementById("search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = document.getElementById("q").value.trim();
    if (q) location.hash = "#/search?q=" + encodeURIComponent(q);
  });
  route();
});
