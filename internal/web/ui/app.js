// The map page: filter bar (state in the URL), clustered map of events,
// daily timeline of incidents on a real time axis stacked by type (click or drag to
// filter dates), the events as a list or a sortable table (paged through
// the API's cursor) and downloads of the selection in every export format.
// Every text from the store goes in with textContent.
"use strict";

(async () => {
  const { el, getJSON, loadTypes, loadNames, typeInfo, typeName, typeBadge, actorName, actorLabel, countryName, claimNames } = raqib;
  const MAP_LIMIT = 5000;
  const PAGE = 50;
  const DAY = 86400000;
  const body = document.body;
  const form = document.getElementById("filters");
  const $ = (id) => document.getElementById(id);

  // ---- filter state, kept in the URL ----
  function readState() {
    const p = new URLSearchParams(location.search);
    return {
      from: p.get("from") || "", to: p.get("to") || "",
      types: p.getAll("type").flatMap((v) => v.split(",")).filter((v) => v),
      actor: p.get("actor") || "", country: p.get("country") || "", admin1: p.get("admin1") || "",
      claim: p.get("claim") || "", fatal: p.get("min_fatalities") || "", q: p.get("q") || "",
      lang: p.get("lang") === "en" ? "en" : "",
    };
  }

  function stateParams(st, withDates = true) {
    const p = new URLSearchParams();
    if (withDates && st.from) p.set("from", st.from);
    if (withDates && st.to) p.set("to", st.to);
    for (const t of st.types) p.append("type", t);
    if (st.actor) p.set("actor", st.actor);
    if (st.country) p.set("country", st.country);
    if (st.admin1) p.set("admin1", st.admin1);
    if (st.claim) p.set("claim", st.claim);
    if (st.fatal && st.fatal !== "0") p.set("min_fatalities", st.fatal);
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
    for (const [id, v] of [["f-actor", st.actor], ["f-country", st.country], ["f-admin1", st.admin1]]) {
      ensureOption($(id), v);
      $(id).value = v;
    }
    $("f-claim").value = st.claim;
    $("f-fatal").value = st.fatal;
    $("f-q").value = st.q;
    $("f-lang").textContent = st.lang === "en" ? "ع" : "EN";
  }

  function formToState() {
    return {
      from: $("f-from").value, to: $("f-to").value,
      types: [...form.querySelectorAll("input[name=type]:checked")].map((cb) => cb.value),
      actor: $("f-actor").value, country: $("f-country").value, admin1: $("f-admin1").value,
      claim: $("f-claim").value, fatal: $("f-fatal").value.trim(), q: $("f-q").value.trim(),
      lang: readState().lang,
    };
  }

  function ensureOption(sel, value) {
    if (value && ![...sel.options].some((o) => o.value === value)) sel.append(el("option", { value, text: value }));
  }

  // ---- map ----
  const map = L.map("map", { minZoom: 2, maxZoom: 14, zoomSnap: 0.5, worldCopyJump: true, attributionControl: true }).setView([35, 38.5], 6);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth · GeoNames · Leaflet");
  window.raqibMap = map; // for the browser tests and the console
  const cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45, spiderfyOnMaxZoom: true });
  map.addLayer(cluster);

  async function loadBorders() {
    try {
      await raqibBasemap.addTo(map);
    } catch (err) {
      $("map-status").textContent = "تعذّر تحميل حدود الدول: " + err.message;
    }
  }

  const actorsText = (a1, a2) => [a1, a2].filter((x) => x).map(actorName).join(" ← ");

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
      p.actor1 ? el("div", { class: "actors", text: actorsText(p.actor1, p.actor2) }) : null,
      n > 1 ? el("div", { text: n + " تقارير من " + p.articles + " مقالات" + (p.disputed ? " — متنازع عليها" : "") }) : null,
      el("a", { href, class: "event-link", text: n > 1 ? "التقارير جنباً إلى جنب" : "تفاصيل الحدث" })));
    return m;
  }

  // ---- timeline: a Chart.js time scale, one bar per day ----
  // Days are local midnights, so the date adapter prints the day the API
  // counted whatever the browser's time zone.
  const dayMs = (d) => { const [y, m, dd] = d.split("-").map(Number); return new Date(y, m - 1, dd).getTime(); };
  const msDay = (ms) => {
    const d = new Date(ms);
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  };
  let chart = null;
  let range = null; // [first, last] day drawn

  function drawTimeline(tl, r, outside) {
    range = r;
    const datasets = tl.series.map((s) => ({
      label: typeName(s.type), stack: "all", borderWidth: 0, backgroundColor: typeInfo(s.type).color,
      data: tl.days.map((d, i) => ({ x: dayMs(d), y: s.counts[i] })).filter((p) => p.y > 0),
    }));
    const spanDays = r ? Math.round((dayMs(r[1]) - dayMs(r[0])) / DAY) + 1 : 1;
    const x = {
      type: "time", stacked: true, offset: true,
      min: r ? dayMs(r[0]) - DAY / 2 : undefined, max: r ? dayMs(r[1]) + DAY / 2 : undefined,
      time: {
        unit: spanDays > 800 ? "year" : spanDays > 120 ? "month" : spanDays > 21 ? "week" : "day",
        isoWeekday: true, tooltipFormat: "yyyy-MM-dd",
        displayFormats: { day: "d MMM", week: "d MMM", month: "MMM yyyy", year: "yyyy" },
      },
      ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 12, source: "auto" },
      grid: { offset: false },
    };
    if (chart) {
      chart.data.datasets = datasets;
      chart.options.scales.x = x;
      chart.update("none");
    } else {
      chart = new Chart($("timeline"), {
        type: "bar",
        data: { datasets },
        options: {
          animation: false, responsive: true, maintainAspectRatio: false, parsing: { xAxisKey: "x", yAxisKey: "y" },
          barPercentage: 1, categoryPercentage: 0.9,
          interaction: { mode: "x", intersect: false },
          scales: { x, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
          plugins: { legend: { display: false }, tooltip: { filter: (item) => item.raw && item.raw.y > 0 } },
        },
      });
      window.raqibChart = chart; // for the browser tests and the console
    }
    const canvas = $("timeline");
    canvas.dataset.min = r ? r[0] : "";
    canvas.dataset.max = r ? r[1] : "";
    canvas.dataset.outside = String(outside);
    const note = $("timeline-note");
    note.hidden = outside === 0;
    note.textContent = outside ? outside + " من الأحداث المختارة مؤرخة خارج هذا المدى (أحداث سابقة يستعيدها مقال، أو بلا يوم محدد) فلا تظهر في المخطط" : "";
    const legend = $("legend");
    const sums = tl.series.map((s) => [s.type, s.counts.reduce((a, b) => a + b, 0)]).filter(([, n]) => n > 0);
    legend.replaceChildren(...sums.map(([type, n]) => el("li", {}, typeBadge(type), " ", el("bdi", { text: String(n) }))));
  }

  // MAX_GAP is the longest run of empty days inside the span the timeline
  // draws: a lone event years away (a misdated one, a war remembered) is
  // another cluster.
  const MAX_GAP = 60;

  // mainSpan is the first and last day of the cluster of days holding the
  // most events, clusters being split where MAX_GAP days pass without one.
  function mainSpan(tl) {
    let best = null, cur = null;
    tl.days.forEach((d, i) => {
      const n = tl.series.reduce((a, s) => a + s.counts[i], 0);
      if (n === 0) return;
      if (cur && (dayMs(d) - dayMs(cur.last)) / DAY > MAX_GAP) cur = null;
      if (!cur) cur = { first: d, last: d, n: 0 };
      cur.last = d;
      cur.n += n;
      if (!best || cur.n > best.n) best = { ...cur };
      else if (best.first === cur.first) best = { ...cur };
    });
    return best ? [best.first, best.last] : null;
  }

  // loadTimeline draws the days of the selection: the chosen dates if any,
  // else the main span of the events that are not recalled from the past
  // (an article remembering a battle of 2016, or a stray date, must not
  // stretch the axis over years); events dated outside it are counted, not
  // drawn.
  async function loadTimeline(st, total) {
    let r = null;
    if (!st.from || !st.to) {
      const p = stateParams(st);
      p.set("background", "exclude");
      let tl = await getJSON("/api/v1/timeline", p);
      if (!tl.days.length) tl = await getJSON("/api/v1/timeline", stateParams(st));
      const span = mainSpan(tl);
      if (span) r = [st.from || span[0], st.to || span[1]];
    } else {
      r = [st.from, st.to];
    }
    if (r && r[0] > r[1]) r = st.from ? [st.from, st.from] : [st.to, st.to];
    if (!r) return { tl: { days: [], series: [] }, r: null, outside: total };
    const inRange = { ...st, from: r[0], to: r[1] };
    const [tl, stIn] = await Promise.all([getJSON("/api/v1/timeline", stateParams(inRange)), getJSON("/api/v1/stats", stateParams(inRange))]);
    // month- and year-dated events overlap the range but have no day to
    // draw; the bars count incidents (reports of one occurrence once), so
    // the events with a day are counted from the stats, not from the bars
    const dayDated = stIn.by_day.reduce((n, c) => n + (c.key.length === 10 ? c.n : 0), 0);
    return { tl, r, outside: Math.max(0, total - stIn.events) + Math.max(0, stIn.events - dayDated) };
  }

  // Click a day to see that day; drag across days to see the span.
  const canvas = $("timeline");
  const brush = $("brush");
  let dragFrom = null;
  const dayAt = (evt) => {
    if (!chart || !range) return null;
    const v = chart.scales.x.getValueForPixel(evt.offsetX);
    const ms = Math.min(dayMs(range[1]), Math.max(dayMs(range[0]), v));
    return msDay(Math.round((ms - dayMs(range[0])) / DAY) * DAY + dayMs(range[0]) + DAY / 4);
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
    const x0 = chart.scales.x.getPixelForValue(dayMs(dragFrom));
    brush.style.left = Math.min(x0, evt.offsetX) + "px";
    brush.style.width = Math.max(2, Math.abs(evt.offsetX - x0)) + "px";
  });
  canvas.addEventListener("pointerup", (evt) => {
    if (dragFrom === null) return;
    const to = dayAt(evt);
    const [a, b] = [dragFrom, to].sort();
    dragFrom = null;
    brush.hidden = true;
    const st = readState();
    st.from = a;
    st.to = b;
    pushState(st);
    stateToForm(st);
    reload();
  });

  // ---- events: a list or a sortable table of the same rows ----
  let nextCursor = "";
  let rows = [];
  let sortKey = "", sortDir = 1;

  function eventItem(e) {
    const loc = e.location || {};
    return el("li", { class: "event-item" },
      el("a", { href: "/event/" + encodeURIComponent(e.id), class: "event-link", "data-id": e.id },
        typeBadge(e.event_type),
        el("span", { class: "meta" }, el("bdi", { text: e.date || "؟" }), " · ", loc.name || "", loc.admin1 ? "، " + loc.admin1 : ""),
        el("span", { class: "actors", text: actorsText(e.actor1 && e.actor1.code, e.actor2 && e.actor2.code) }),
        el("span", { class: "title", text: (e.article && e.article.title) || e.sentence || "" })));
  }

  const sortValue = {
    date: (e) => e.date || "",
    type: (e) => typeName(e.event_type),
    actor1: (e) => (e.actor1 ? actorName(e.actor1.code) : ""),
    actor2: (e) => (e.actor2 ? actorName(e.actor2.code) : ""),
    place: (e) => ((e.location && e.location.name) || ""),
    fatalities: (e) => (e.fatalities === null || e.fatalities === undefined ? -1 : e.fatalities),
    claim: (e) => ((e.claim && e.claim.status) || "reported"),
  };

  function tableRow(e) {
    const loc = e.location || {};
    return el("tr", { "data-id": e.id },
      el("td", {}, el("a", { href: "/event/" + encodeURIComponent(e.id), class: "event-link" }, el("bdi", { text: e.date || "؟" }))),
      el("td", {}, typeBadge(e.event_type)),
      el("td", {}, e.actor1 ? actorLabel(e.actor1.code) : "—"),
      el("td", {}, e.actor2 ? actorLabel(e.actor2.code) : "—"),
      el("td", {}, loc.name || "—", loc.admin1 ? el("span", { class: "muted", text: "، " + loc.admin1 }) : null,
        loc.country && loc.country !== "SYR" ? el("span", { class: "muted", text: "، " + countryName(loc.country) }) : null),
      el("td", { class: "num" }, e.fatalities === null || e.fatalities === undefined ? "—" : String(e.fatalities)),
      el("td", {}, claimNames[(e.claim && e.claim.status) || "reported"] || ""));
  }

  function renderTable() {
    let list = rows;
    if (sortKey) {
      const f = sortValue[sortKey];
      list = [...rows].sort((a, b) => {
        const x = f(a), y = f(b);
        const c = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "ar");
        return c * sortDir || (a.id < b.id ? -1 : 1);
      });
    }
    $("event-table").tBodies[0].replaceChildren(...list.map(tableRow));
    for (const btn of document.querySelectorAll("#event-table th button")) {
      const th = btn.parentElement;
      if (btn.dataset.sort === sortKey) th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    }
  }

  for (const btn of document.querySelectorAll("#event-table th button")) {
    btn.addEventListener("click", () => {
      if (sortKey === btn.dataset.sort) sortDir = -sortDir;
      else { sortKey = btn.dataset.sort; sortDir = sortKey === "date" || sortKey === "fatalities" ? -1 : 1; }
      renderTable();
    });
  }

  function showView(view) {
    const table = view === "table";
    $("event-list").hidden = table;
    $("table-wrap").hidden = !table;
    $("view-list").setAttribute("aria-selected", String(!table));
    $("view-table").setAttribute("aria-selected", String(table));
    body.dataset.view = view;
  }
  $("view-list").addEventListener("click", () => showView("list"));
  $("view-table").addEventListener("click", () => showView("table"));

  async function loadMore(st, gen, replace) {
    const p = stateParams(st);
    p.set("limit", String(PAGE));
    if (!replace && nextCursor) p.set("cursor", nextCursor);
    const page = await getJSON("/api/v1/events", p);
    if (gen !== generation) return;
    if (replace) rows = [];
    rows = rows.concat(page.events);
    const items = page.events.map(eventItem);
    if (replace) $("event-list").replaceChildren(...items);
    else $("event-list").append(...items);
    renderTable();
    nextCursor = page.next || "";
    $("more").hidden = !nextCursor;
  }
  $("more").addEventListener("click", () => loadMore(readState(), generation, false).catch(showError));

  // ---- export: the links download exactly the selection on screen ----
  function exportLinks(st) {
    for (const a of document.querySelectorAll("#export-list a")) {
      const p = stateParams(st);
      p.set("format", a.dataset.format);
      a.setAttribute("href", "/api/v1/export?" + p.toString());
    }
  }

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
    exportLinks(st);
    try {
      const [stats, geo, all] = await Promise.all([
        getJSON("/api/v1/stats", p),
        getJSON("/api/v1/incidents.geojson", geoParams),
        getJSON("/api/v1/stats", stateParams(st, false)),
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
      const t = await loadTimeline(st, all.events);
      if (gen !== generation) return;
      drawTimeline(t.tl, t.r, t.outside);
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
  form.addEventListener("change", (evt) => { if (evt.target.name !== "q" && evt.target.name !== "min_fatalities") apply(); });
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
  // a menu closes when the user clicks elsewhere
  document.addEventListener("click", (evt) => {
    for (const d of document.querySelectorAll("details[open]")) if (!d.contains(evt.target)) d.open = false;
  });

  try {
    const [types, facets] = await Promise.all([loadTypes(), getJSON("/api/v1/stats"), loadNames(), loadBorders()]);
    const list = $("f-types-list");
    for (const t of types) {
      list.append(el("label", { class: "type-option" }, el("input", { type: "checkbox", name: "type", value: t.code }), typeBadge(t.code)));
    }
    for (const c of facets.by_actor.slice(0, 300)) {
      $("f-actor").append(el("option", { value: c.key, title: c.key, text: actorName(c.key) + " (" + c.n + ")" }));
    }
    for (const c of raqib.countries()) $("f-country").append(el("option", { value: c.code, text: countryName(c.code) }));
    for (const c of facets.by_admin1.slice(0, 300)) $("f-admin1").append(el("option", { value: c.key, text: c.key + " (" + c.n + ")" }));
  } catch (err) {
    showError(err);
  }
  stateToForm(readState());
  showView(new URLSearchParams(location.search).get("view") === "table" ? "table" : "list");
  reload();
})();
