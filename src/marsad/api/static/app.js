// marsad's page: filters, a map, a timeline, the event list and one event with its Arabic evidence.
// Every string that comes from the store is put in the page as text (textContent, text nodes), never as
// HTML; links are made only for http(s) URLs. The server's Content-Security-Policy allows no inline script.
"use strict";

const $ = (id) => document.getElementById(id);
const PAGE = 1000;
const state = { events: [], cursor: null, selected: null, markers: new Map() };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? "")));
  return node;
}

function status(msg) { $("status").textContent = msg; }

async function getJSON(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  if (!r.ok) {
    let detail = r.statusText;
    try { detail = (await r.json()).detail || detail; } catch (e) { /* not JSON */ }
    throw new Error(`${r.status}: ${detail}`);
  }
  return r.json();
}

// -- filters --------------------------------------------------------------------------------------------------
function selected(select) { return [...select.selectedOptions].map((o) => o.value); }

function params() {
  const p = new URLSearchParams();
  for (const c of selected($("f-country"))) p.append("country", c);
  for (const t of selected($("f-type"))) p.append("type", t);
  if ($("f-from").value) p.set("from", $("f-from").value);
  if ($("f-to").value) p.set("to", $("f-to").value);
  if ($("f-actor").value.trim()) p.append("actor", $("f-actor").value.trim());
  if ($("f-text").value.trim()) p.append("text", $("f-text").value.trim());
  if ($("f-fatal").value) p.set("min_fatalities", $("f-fatal").value);
  if ($("f-conf").value) p.set("min_confidence", $("f-conf").value);
  return p;
}

async function loadFacets() {
  const f = await getJSON("/facets");
  const cs = $("f-country");
  for (const c of f.countries) cs.append(el("option", { value: c.name }, `${c.name} (${c.events})`));
  const ts = $("f-type");
  const types = new Map();
  for (const t of f.types) types.set(t.sub_event_type, (types.get(t.sub_event_type) || 0) + t.events);
  for (const [t, n] of [...types].sort()) ts.append(el("option", { value: t }, `${t} (${n})`));
}

// -- map --------------------------------------------------------------------------------------------------------
let map;
let layer;

function initMap() {
  map = L.map("map", { worldCopyJump: true, minZoom: 2, attributionControl: true }).setView([27, 30], 4);
  map.attributionControl.setPrefix("Leaflet").addAttribution("Natural Earth (world-atlas)");
  fetch("/static/vendor/world-atlas/countries-50m.json").then((r) => r.json()).then((topo) => {
    const land = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(land, { interactive: false, style: { color: "#7c8c94", weight: 0.7, fillColor: "#fbfaf5", fillOpacity: 1 } })
      .addTo(map).bringToBack();
  });
  layer = L.layerGroup().addTo(map);
}

function relayout() {
  // the detail panel opened or closed: the map and the timeline have a new width
  map.invalidateSize();
  const pts = [...state.markers.values()].map((m) => m.getLatLng());
  if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.2), { maxZoom: 8 });
  drawTimeline();
}

function drawMarkers() {
  layer.clearLayers();
  state.markers.clear();
  const pts = [];
  for (const ev of state.events) {
    if (ev.latitude == null || ev.longitude == null) continue;
    const r = 4 + Math.min(10, Math.log1p(ev.fatalities || 0) * 2);
    const m = L.circleMarker([ev.latitude, ev.longitude], {
      radius: r, color: "#7b241c", weight: 1, fillColor: "#c0392b", fillOpacity: 0.65,
    });
    m.bindTooltip(el("span", { class: "text" }, `${ev.event_date || "undated"} · ${ev.sub_event_type} · ${ev.location || ""}`));
    m.on("click", () => showEvent(ev.event_id));
    m.addTo(layer);
    state.markers.set(ev.event_id, m);
    pts.push([ev.latitude, ev.longitude]);
  }
  if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.2), { maxZoom: 8 });
}

// -- timeline (drag to choose dates) -----------------------------------------------------------------------------
const SVGNS = "http://www.w3.org/2000/svg";
let scale = null;

function svg(tag, attrs) {
  const n = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  return n;
}

const DAY = 86400000;
const toDay = (s) => Date.parse(`${s}T00:00:00Z`);
const iso = (t) => new Date(t).toISOString().slice(0, 10);

function drawTimeline() {
  const box = $("timeline");
  box.replaceChildren();
  const dated = state.events.filter((e) => e.event_date);
  const width = box.clientWidth || 600;
  const height = 90;
  if (!dated.length) { scale = null; return; }
  let lo = Math.min(...dated.map((e) => toDay(e.event_date)));
  let hi = Math.max(...dated.map((e) => toDay(e.event_date)));
  if (hi - lo < 14 * DAY) { lo -= 7 * DAY; hi += 7 * DAY; }
  const span = hi - lo;
  const bin = span > 730 * DAY ? 30 * DAY : span > 120 * DAY ? 7 * DAY : DAY;
  const nbins = Math.floor(span / bin) + 1;
  const counts = new Array(nbins).fill(0);
  for (const e of dated) counts[Math.floor((toDay(e.event_date) - lo) / bin)] += 1;
  const max = Math.max(...counts);
  const x = (t) => 30 + ((t - lo) / (span + bin)) * (width - 40);
  scale = { lo, hi: hi + bin, x, inv: (px) => lo + ((px - 30) / (width - 40)) * (span + bin) };
  const bw = Math.max(1, (width - 40) / nbins - 1);
  counts.forEach((n, i) => {
    if (!n) return;
    const h = (n / max) * (height - 22);
    const bar = svg("rect", { class: "bar", x: x(lo + i * bin), y: height - 16 - h, width: bw, height: h });
    const title = svg("title", {});
    title.textContent = `${iso(lo + i * bin)}: ${n} event(s)`;
    bar.append(title);
    box.append(bar);
  });
  const first = svg("text", { x: 30, y: height - 3 });
  first.textContent = iso(lo);
  const last = svg("text", { x: width - 70, y: height - 3 });
  last.textContent = iso(hi);
  const top = svg("text", { x: 2, y: 10 });
  top.textContent = String(max);
  box.append(first, last, top);
}

function initBrush() {
  const box = $("timeline");
  let start = null;
  let rect = null;
  const px = (ev) => ev.clientX - box.getBoundingClientRect().left;
  box.addEventListener("mousedown", (ev) => {
    if (!scale) return;
    start = px(ev);
    rect = svg("rect", { class: "brush", x: start, y: 0, width: 0, height: 74 });
    box.append(rect);
  });
  window.addEventListener("mousemove", (ev) => {
    if (start === null) return;
    const now = px(ev);
    rect.setAttribute("x", Math.min(start, now));
    rect.setAttribute("width", Math.abs(now - start));
  });
  window.addEventListener("mouseup", (ev) => {
    if (start === null) return;
    const end = px(ev);
    const [a, b] = [Math.min(start, end), Math.max(start, end)];
    start = null;
    if (b - a < 3) { rect.remove(); return; }
    $("f-from").value = iso(Math.max(scale.lo, scale.inv(a)));
    $("f-to").value = iso(Math.min(scale.hi, scale.inv(b)));
    loadEvents();
  });
}

// -- the event list ------------------------------------------------------------------------------------------------
function actors(ev) {
  return [ev.actor1, ev.actor2].filter(Boolean).map((a) => a.name).join(" vs ");
}

function drawList() {
  const body = $("events").tBodies[0];
  body.replaceChildren();
  for (const ev of state.events) {
    const tr = el("tr", { "data-id": ev.event_id },
      el("td", {}, ev.event_date ? (ev.event_date_end && ev.event_date_end !== ev.event_date ? `${ev.event_date} – ${ev.event_date_end}` : ev.event_date) : "undated"),
      el("td", {}, ev.sub_event_type),
      el("td", {}, actors(ev)),
      el("td", {}, [ev.location, ev.admin1, ev.country].filter(Boolean).join(", ")),
      el("td", {}, ev.fatalities ?? ""),
      el("td", {}, (ev.sources || []).length));
    tr.addEventListener("click", () => showEvent(ev.event_id));
    if (ev.event_id === state.selected) tr.classList.add("selected");
    body.append(tr);
  }
}

async function loadEvents(more = false) {
  status("loading…");
  const p = params();
  p.set("limit", PAGE);
  p.set("sort", "-date");
  if (more && state.cursor) p.set("cursor", state.cursor);
  try {
    const page = await getJSON(`/events?${p}`);
    state.events = more ? state.events.concat(page.events) : page.events;
    state.cursor = page.next_cursor;
    $("more").hidden = !page.next_cursor;
    status(`${state.events.length}${page.next_cursor ? "+" : ""} events`);
    drawMarkers();
    drawTimeline();
    drawList();
  } catch (e) {
    status(`could not load events (${e.message})`);
  }
}

// -- one event ---------------------------------------------------------------------------------------------------
function link(url, label) {
  if (typeof url === "string" && /^https?:\/\//i.test(url)) {
    return el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, label || url);
  }
  return document.createTextNode(label || "");
}

function highlighted(text, spans) {
  // the article as text nodes and <mark>s; spans: [{start, end, kind}] in original offsets
  const frag = el("div", { class: "article", lang: "ar", dir: "rtl" });
  const cuts = spans.filter((s) => s.start < s.end && s.end <= text.length).sort((a, b) => a.start - b.start || b.end - a.end);
  let at = 0;
  for (const s of cuts) {
    if (s.start < at) continue; // nested or overlapping: the outer span is already marked
    frag.append(document.createTextNode(text.slice(at, s.start)));
    const m = el("mark", { class: s.kind, "data-start": s.start, "data-end": s.end }, text.slice(s.start, s.end));
    frag.append(m);
    at = s.end;
  }
  frag.append(document.createTextNode(text.slice(at)));
  return frag;
}

function triggerMarks(evidence, triggers) {
  // a trigger inside an evidence span is marked inside it: split the evidence around it
  const out = [];
  for (const ev of evidence) {
    const inner = triggers.filter((t) => t.start >= ev.start && t.end <= ev.end).sort((a, b) => a.start - b.start);
    let at = ev.start;
    for (const t of inner) {
      if (t.start > at) out.push({ start: at, end: t.start, kind: "evidence" });
      out.push({ start: t.start, end: t.end, kind: "trigger" });
      at = t.end;
    }
    if (at < ev.end) out.push({ start: at, end: ev.end, kind: "evidence" });
  }
  return out;
}

async function showEvent(id) {
  state.selected = id;
  for (const tr of $("events").tBodies[0].rows) tr.classList.toggle("selected", tr.dataset.id === id);
  const body = $("detail-body");
  body.replaceChildren(el("p", {}, "loading…"));
  if ($("detail").hidden) {
    $("detail").hidden = false;
    document.querySelector("main").classList.add("with-detail");
    relayout();
  }
  let ev;
  try {
    ev = await getJSON(`/events/${encodeURIComponent(id)}`);
  } catch (e) {
    body.replaceChildren(el("p", {}, `could not load the event (${e.message})`));
    return;
  }
  const dl = el("dl", {});
  const row = (k, v) => { if (v !== null && v !== undefined && v !== "") dl.append(el("dt", {}, k), el("dd", { class: "value" }, v)); };
  row("Type", `${ev.event_type} / ${ev.sub_event_type}`);
  row("Date", ev.event_date ? `${ev.event_date}${ev.event_date_end && ev.event_date_end !== ev.event_date ? ` – ${ev.event_date_end}` : ""}` : "undated");
  row("Actor 1", ev.actor1 && ev.actor1.name);
  row("Actor 2", ev.actor2 && ev.actor2.name);
  row("Place", [ev.location, ev.admin2, ev.admin1, ev.country].filter(Boolean).join(", "));
  row("Place as written", ev.location_ar);
  row("Deaths", ev.fatalities === null ? "not stated" : ev.fatalities_max && ev.fatalities_max !== ev.fatalities ? `${ev.fatalities} (reports up to ${ev.fatalities_max})` : ev.fatalities);
  row("Injuries", ev.injuries);
  row("Confidence", ev.confidence);
  const parts = [el("h2", {}, `${ev.sub_event_type}${ev.location ? ` in ${ev.location}` : ""}`), dl];
  if ((ev.fatalities_reports || []).length) {
    parts.push(el("h3", {}, "Fatality reports"),
      el("ul", { class: "plain" }, ...ev.fatalities_reports.map((r) => el("li", {}, `${r.outlet || r.doc_id}: ${r.fatalities}`))));
  }
  if ((ev.merge_reasons || []).length) {
    parts.push(el("h3", {}, "Why the reports were merged"),
      el("ul", { class: "plain" }, ...ev.merge_reasons.map((r) => el("li", {}, r))));
  }
  parts.push(el("h3", {}, `Sources (${(ev.sources || []).length})`),
    el("ul", { class: "plain" }, ...(ev.sources || []).map((s) => el("li", {},
      `${s.published || "undated"} · ${s.outlet || "unknown outlet"} · `, link(s.url, s.url ? "link" : s.doc_id)))));
  body.replaceChildren(...parts);
  for (const s of (ev.sources || []).slice(0, 5)) {
    try {
      const doc = await getJSON(`/documents/${encodeURIComponent(s.doc_id)}`);
      if (state.selected !== id) return;
      const mine = doc.events.filter((m) => m.event_id === id);
      const evidence = mine.flatMap((m) => m.evidence || []);
      const triggers = mine.map((m) => m.trigger).filter(Boolean);
      body.append(el("div", { class: "article-head", lang: "ar", dir: "rtl" }, doc.doc.title || doc.doc.id),
        el("div", { class: "meta" }, `${doc.doc.outlet || ""} ${doc.doc.published || ""}`),
        highlighted(doc.text, triggerMarks(evidence, triggers)));
      if (doc.quotes.length) {
        const by = new Map();
        for (const q of doc.quotes) {
          const who = (q.speaker && (q.speaker.name || q.speaker.mention)) || "unknown";
          if (!by.has(who)) by.set(who, []);
          by.get(who).push(q);
        }
        const list = el("div", { class: "quotes" });
        for (const [who, qs] of by) {
          for (const q of qs) {
            list.append(el("div", { class: "quote" }, el("span", { class: "who" }, `${who}: `),
              el("span", { class: "ar", lang: "ar", dir: "rtl" }, q.text)));
          }
        }
        body.append(el("h3", {}, "Quotes in this article"), list);
      }
    } catch (e) {
      body.append(el("p", {}, `could not load ${s.doc_id} (${e.message})`));
    }
  }
}

// -- wiring --------------------------------------------------------------------------------------------------------
function init() {
  initMap();
  initBrush();
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); loadEvents(); });
  $("f-reset").addEventListener("click", () => { $("filters").reset(); loadEvents(); });
  $("more").addEventListener("click", () => loadEvents(true));
  $("close").addEventListener("click", () => {
    $("detail").hidden = true;
    document.querySelector("main").classList.remove("with-detail");
    state.selected = null;
    drawList();
    relayout();
  });
  window.addEventListener("resize", drawTimeline);
  loadFacets().catch((e) => status(`could not load filters (${e.message})`));
  loadEvents();
}

document.addEventListener("DOMContentLoaded", init);
