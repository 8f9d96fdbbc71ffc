// The map page: filter bar (state in the URL), clustered map of events,
// daily timeline stacked by type (click or drag to filter dates) and the
// event list. Every text from the store goes in with textContent.
"use strict";

(async () => {
  const { el, getJSON, loadTypes, typeInfo, typeName, typeBadge } = raqib;
  const MAP_LIMIT = 5000;
  const PAGE = 50;
  const body = document.body;
  const form = document.getElementById("filters");
  const $ = (id) => document.getElementById(id);

  // ---- filter state, kept in the URL ----
  function readState() {
    const p = new URLSearchParams(location.search);
    return {
      from: p.get("from") || "", to: p.get("to") || "",
      types: p.getAll("type").flatMap((v) => v.split(",")).filter((v) => v),
      actor: p.get("actor") || "", admin1: p.get("admin1") || "",
      claim: p.get("claim") || "", q: p.get("q") || "",
      lang: p.get("lang") === "en" ? "en" : "",
    };
  }

  function stateParams(st, withDates = true) {
    const p = new URLSearchParams();
    if (withDates && st.from) p.set("from", st.from);
    if (withDates && st.to) p.set("to", st.to);
    for (const t of st.types) p.append("type", t);
    if (st.actor) p.set("actor", st.actor);
    if (st.admin1) p.set("admin1", st.admin1);
    if (st.claim) p.set("claim", st.claim);
    if (st.q) p.set("q", st.q);
    return p;
  }

  function pushState(st) {
    const p = stateParams(st);
    if (st.lang) p.set("lang", st.lang);
    const qs = p.toString();
    history.pushState(null, "", qs ? "/?" + qs : "/");
  }

  function stateToForm(st) {
    $("f-from").value = st.from;
    $("f-to").value = st.to;
    for (const cb of form.querySelectorAll("input[name=type]")) cb.checked = st.types.includes(cb.value);
    $("f-types-n").textContent = st.types.length ? "(" + st.types.length + ")" : "";
    ensureOption($("f-actor"), st.actor);
    $("f-actor").value = st.actor;
    ensureOption($("f-admin1"), st.admin1);
    $("f-admin1").value = st.admin1;
    $("f-claim").value = st.claim;
    $("f-q").value = st.q;
    $("f-lang").textContent = st.lang === "en" ? "ع" : "EN";
  }

  function formToState() {
    return {
      from: $("f-from").value, to: $("f-to").value,
      types: [...form.querySelectorAll("input[name=type]:checked")].map((cb) => cb.value),
      actor: $("f-actor").value, admin1: $("f-admin1").value,
      claim: $("f-claim").value, q: $("f-q").value.trim(),
      lang: readState().lang,
    };
  }

  function ensureOption(sel, value) {
    if (value && ![...sel.options].some((o) => o.value === value)) sel.append(el("option", { value, text: value }));
  }

  // ---- map ----
  const map = L.map("map", { minZoom: 2, maxZoom: 14, zoomSnap: 0.5, worldCopyJump: true, attributionControl: true }).setView([35, 38.5], 6);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth · Leaflet");
  const cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45, spiderfyOnMaxZoom: true });
  map.addLayer(cluster);

  async function loadBorders() {
    try {
      const topo = await getJSON("/ui/vendor/world-atlas/countries-50m.json");
      const land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, { interactive: false, style: { color: "#8a8577", weight: 0.8, fillColor: "#f3efe4", fillOpacity: 1 } }).addTo(map).bringToBack();
    } catch (err) {
      $("map-status").textContent = "تعذّر تحميل حدود الدول: " + err.message;
    }
  }

  function marker(f) {
    const [lon, lat] = f.geometry.coordinates;
    const p = f.properties;
    // one marker per incident (every report of one occurrence), with its
    // number of reports when more than one outlet told it
    const dot = el("span", { class: "dot" });
    dot.style.backgroundColor = typeInfo(p.event_type).color;
    const n = p.reports || 1;
    const icon = n > 1 ? el("span", {}, dot, el("span", { class: "reports-n", text: String(n) })) : dot;
    const m = L.marker([lat, lon], {
      icon: L.divIcon({ className: "ev-marker" + (p.disputed ? " disputed" : ""), html: icon, iconSize: [14, 14] }),
      title: typeName(p.event_type) + " — " + (p.place || "") + (n > 1 ? " (" + n + " تقارير)" : ""),
      keyboard: true,
    });
    const href = p.incident ? "/incident/" + encodeURIComponent(p.incident) : "/event/" + encodeURIComponent(f.id);
    m.bindPopup(() => el("div", { class: "popup", dir: "rtl" },
      typeBadge(p.event_type),
      el("div", {}, el("bdi", { text: p.date || "تاريخ غير معروف" }), " · ", p.place || ""),
      p.actor1 ? el("div", { class: "code", text: [p.actor1, p.actor2].filter((x) => x).join(" ← ") }) : null,
      n > 1 ? el("div", { text: n + " تقارير من " + p.articles + " مقالات" + (p.disputed ? " — متنازع عليها" : "") }) : null,
      el("a", { href, class: "event-link", text: n > 1 ? "التقارير جنباً إلى جنب" : "تفاصيل الحدث" })));
    return m;
  }

  // ---- timeline ----
  let chart = null;
  let days = [];
  function drawTimeline(tl, st) {
    days = tl.days;
    const inRange = (d) => (!st.from || d >= st.from) && (!st.to || d <= st.to);
    const datasets = tl.series.map((s) => {
      const color = typeInfo(s.type).color;
      return {
        label: typeName(s.type), data: s.counts, stack: "all", borderWidth: 0,
        backgroundColor: tl.days.map((d) => (inRange(d) ? color : color + "40")),
      };
    });
    if (chart) {
      chart.data.labels = tl.days;
      chart.data.datasets = datasets;
      chart.update("none");
    } else {
      chart = new Chart($("timeline"), {
        type: "bar",
        data: { labels: tl.days, datasets },
        options: {
          animation: false, responsive: true, maintainAspectRatio: false,
          interaction: { mode: "index", intersect: false },
          scales: {
            x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 12 } },
            y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
          },
          plugins: { legend: { display: false }, tooltip: { filter: (item) => item.raw > 0 } },
        },
      });
    }
    const legend = $("legend");
    legend.replaceChildren(...tl.series.map((s) => el("li", {}, typeBadge(s.type), " ", el("bdi", { text: String(s.counts.reduce((a, b) => a + b, 0)) }))));
  }

  // Click a day to see that day; drag across days to see the span.
  const canvas = $("timeline");
  const brush = $("brush");
  let dragFrom = null;
  const dayAt = (evt) => {
    if (!chart || !days.length) return null;
    const v = chart.scales.x.getValueForPixel(evt.offsetX);
    return Math.max(0, Math.min(days.length - 1, Math.round(v)));
  };
  canvas.addEventListener("pointerdown", (evt) => {
    dragFrom = dayAt(evt);
    if (dragFrom === null) return;
    canvas.setPointerCapture(evt.pointerId);
    brush.hidden = false;
    brush.style.left = evt.offsetX + "px";
    brush.style.width = "2px";
  });
  canvas.addEventListener("pointermove", (evt) => {
    if (dragFrom === null) return;
    const x0 = chart.scales.x.getPixelForValue(dragFrom);
    brush.style.left = Math.min(x0, evt.offsetX) + "px";
    brush.style.width = Math.max(2, Math.abs(evt.offsetX - x0)) + "px";
  });
  canvas.addEventListener("pointerup", (evt) => {
    if (dragFrom === null) return;
    const to = dayAt(evt);
    const a = Math.min(dragFrom, to), b = Math.max(dragFrom, to);
    dragFrom = null;
    brush.hidden = true;
    const st = readState();
    st.from = days[a];
    st.to = days[b];
    pushState(st);
    stateToForm(st);
    reload();
  });

  // ---- event list ----
  let nextCursor = "";
  function eventItem(e) {
    const loc = e.location || {};
    return el("li", { class: "event-item" },
      el("a", { href: "/event/" + encodeURIComponent(e.id), class: "event-link", "data-id": e.id },
        typeBadge(e.event_type),
        el("span", { class: "meta" }, el("bdi", { text: e.date || "؟" }), " · ", loc.name || "", loc.admin1 ? "، " + loc.admin1 : ""),
        el("span", { class: "actors code", text: [e.actor1 && e.actor1.code, e.actor2 && e.actor2.code].filter((x) => x).join(" ← ") }),
        el("span", { class: "title", text: (e.article && e.article.title) || e.sentence || "" })));
  }

  async function loadMore(st, gen, replace) {
    const p = stateParams(st);
    p.set("limit", String(PAGE));
    if (!replace && nextCursor) p.set("cursor", nextCursor);
    const page = await getJSON("/api/v1/events", p);
    if (gen !== generation) return;
    const items = page.events.map(eventItem);
    if (replace) $("event-list").replaceChildren(...items);
    else $("event-list").append(...items);
    nextCursor = page.next || "";
    $("more").hidden = !nextCursor;
  }
  $("more").addEventListener("click", () => loadMore(readState(), generation, false).catch(showError));

  // ---- loading ----
  let generation = 0;
  function showError(err) {
    $("map-status").textContent = "خطأ: " + err.message;
  }

  async function reload() {
    const gen = ++generation;
    body.dataset.ready = "0";
    const st = readState();
    const p = stateParams(st);
    const geoParams = stateParams(st);
    geoParams.set("limit", String(MAP_LIMIT));
    try {
      const [stats, geo, tl] = await Promise.all([
        getJSON("/api/v1/stats", p),
        getJSON("/api/v1/incidents.geojson", geoParams),
        getJSON("/api/v1/timeline", stateParams(st, false)), // the timeline shows every date, the chosen span bright
        loadMore(st, gen, true),
      ]);
      if (gen !== generation) return;
      $("count").textContent = String(stats.events);
      cluster.clearLayers();
      cluster.addLayers(geo.features.map(marker));
      body.dataset.markers = String(geo.features.length);
      $("map-status").textContent = geo.next
        ? "تعرض الخريطة أحدث " + geo.features.length + " حادثة (" + stats.events + " تقريراً)"
        : "على الخريطة " + geo.features.length + " حادثة (" + stats.events + " تقريراً)";
      if (geo.features.length) map.fitBounds(cluster.getBounds(), { padding: [30, 30], maxZoom: 9 });
      drawTimeline(tl, st);
    } catch (err) {
      if (gen === generation) showError(err);
    }
    if (gen === generation) body.dataset.ready = "1";
  }

  // ---- wiring ----
  function apply() {
    pushState(formToState());
    stateToForm(readState());
    reload();
  }
  form.addEventListener("submit", (evt) => { evt.preventDefault(); apply(); });
  form.addEventListener("change", (evt) => { if (evt.target.name !== "q") apply(); });
  $("f-reset").addEventListener("click", () => {
    const lang = readState().lang;
    history.pushState(null, "", lang ? "/?lang=en" : "/");
    stateToForm(readState());
    reload();
  });
  $("f-lang").addEventListener("click", () => {
    const st = readState();
    st.lang = st.lang === "en" ? "" : "en";
    pushState(st);
    location.reload();
  });
  window.addEventListener("popstate", () => { stateToForm(readState()); reload(); });

  try {
    const [types, facets] = await Promise.all([loadTypes(), getJSON("/api/v1/stats"), loadBorders()]);
    const list = $("f-types-list");
    for (const t of types) {
      list.append(el("label", { class: "type-option" }, el("input", { type: "checkbox", name: "type", value: t.code }), typeBadge(t.code)));
    }
    for (const c of facets.by_actor.slice(0, 300)) $("f-actor").append(el("option", { value: c.key, text: c.key + " (" + c.n + ")" }));
    for (const c of facets.by_admin1.slice(0, 300)) $("f-admin1").append(el("option", { value: c.key, text: c.key + " (" + c.n + ")" }));
  } catch (err) {
    showError(err);
  }
  stateToForm(readState());
  reload();
})();
