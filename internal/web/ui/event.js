// The event page: every field of one event, a mini-map of its place, and
// its article's text with the evidence spans highlighted. The fields stay
// in view: the article scrolls inside its own box to the first evidence,
// not the page. The server cuts the text into runs, so this page never
// converts byte offsets; each run becomes a text node or a <mark>, never
// HTML.
"use strict";

(async () => {
  const { el, getJSON, loadTypes, loadNames, typeBadge, typeInfo, isWebURL, claimNames, datePrecisionNames, geoPrecisionNames,
    actorName, countryName, decodedURL } = raqib;
  const status = document.getElementById("status");
  const parts = location.pathname.split("/");
  const id = decodeURIComponent(parts[parts.length - 1] || "");
  if (document.referrer) {
    try {
      const ref = new URL(document.referrer);
      if (ref.origin === location.origin && ref.pathname === "/") document.getElementById("back").setAttribute("href", "/" + ref.search);
    } catch (e) { /* keep the plain link */ }
  }
  let ev;
  try {
    await Promise.all([loadTypes(), loadNames()]);
    ev = await getJSON("/api/v1/events/" + encodeURIComponent(id));
  } catch (err) {
    status.textContent = "تعذّر تحميل الحدث: " + err.message;
    document.body.dataset.ready = "1";
    return;
  }
  status.hidden = true;
  document.getElementById("event").hidden = false;
  const t = typeInfo(ev.event_type);
  document.title = "رقيب — " + t.ar;
  document.getElementById("ev-title").append(typeBadge(ev.event_type));

  const fields = document.getElementById("ev-fields");
  const row = (dl, name, ...value) => {
    dl.append(el("dt", { text: name }), el("dd", {}, ...value));
  };
  // an actor: its name from the names table, its code, and the words of the article
  const actor = (a) => a ? [el("span", { class: "actor-name", text: actorName(a.code) }), " ", el("bdi", { class: "code", text: "(" + a.code + ")" }), " — ", a.text] : ["—"];
  const named = (code) => el("span", {}, actorName(code), " ", el("bdi", { class: "code", text: "(" + code + ")" }));
  row(fields, "النوع", typeBadge(ev.event_type), t.acled ? el("span", { class: "acled", lang: "en", text: " ACLED: " + t.acled.event_type + " / " + t.acled.sub_event_type }) : null);
  row(fields, "الفاعل", ...actor(ev.actor1));
  row(fields, "الطرف الآخر", ...actor(ev.actor2));
  const loc = ev.location || {};
  const where = [loc.name, loc.admin2, loc.admin1, loc.country && countryName(loc.country)].filter((x) => x).join("، ");
  row(fields, "المكان", where || "—", el("span", { class: "precision", text: " (دقة المكان: " + (geoPrecisionNames[loc.geo_precision] || "غير معروفة") + ")" }));
  if (loc.lat !== undefined) row(fields, "الإحداثيات", el("bdi", { dir: "ltr", text: loc.lat.toFixed(4) + ", " + loc.lon.toFixed(4) }));
  row(fields, "التاريخ", el("bdi", { text: ev.date || "غير معروف" }),
    el("span", { class: "precision", text: " (دقة التاريخ: " + (datePrecisionNames[ev.date_precision] || "غير معروفة") + ")" }));
  const claim = ev.claim || { status: "reported" };
  const claimParts = [claimNames[claim.status] || claim.status];
  if (claim.by) claimParts.push(" — ادّعاه: ", named(claim.by));
  if (claim.denied_by) claimParts.push(" — نفاه: ", named(claim.denied_by));
  row(fields, "حالة الخبر", el("span", { class: "claim claim-" + claim.status }, ...claimParts));
  if (ev.source) row(fields, "المصدر", ev.source.text, ev.source.code ? " · " : null, ev.source.code ? el("bdi", { class: "code", text: ev.source.code }) : null);
  if (ev.fatalities !== null && ev.fatalities !== undefined) row(fields, "القتلى", String(ev.fatalities));
  if (ev.quantities && ev.quantities.length) row(fields, "الكميات", ev.quantities.map((q) => q.value + " " + q.unit).join("، "));
  if (ev.background) row(fields, "ملاحظة", "حدث سابق يستعيده المقال");
  if (ev.incident) row(fields, "الحادثة", el("a", { href: "/incident/" + encodeURIComponent(ev.incident), class: "incident-link", text: "كل التقارير عن هذه الحادثة" }));

  const evid = document.getElementById("ev-evidence");
  for (const sp of ev.evidence || []) {
    evid.append(el("li", {}, el("q", { class: "evidence-quote", text: sp.text }),
      el("small", { class: "offsets", dir: "ltr", text: " [" + sp.start + ", " + sp.end + ")" })));
  }

  const art = ev.article || {};
  const meta = document.getElementById("ev-article");
  row(meta, "العنوان", art.title || "—");
  row(meta, "الوسيلة", art.outlet || "—");
  row(meta, "تاريخ النشر", el("bdi", { text: art.published || "—" }));
  row(meta, "المعرّف", el("bdi", { class: "code", text: art.id || "" }));
  if (art.url) {
    // Only http(s) addresses become links; anything else is shown as text.
    // shown decoded (https://site/البصرة, not %D8%A7…); the link keeps the address as stored
    row(meta, "الرابط", isWebURL(art.url)
      ? el("a", { href: art.url, rel: "noopener noreferrer nofollow", target: "_blank", dir: "ltr", class: "article-url", text: decodedURL(art.url) })
      : el("bdi", { dir: "ltr", text: decodedURL(art.url) }));
  }

  document.getElementById("ev-invalid").hidden = ev.evidence_valid;
  const text = document.getElementById("ev-text");
  for (const seg of ev.segments || []) {
    text.append(seg.mark ? el("mark", { class: "evidence", text: seg.text }) : document.createTextNode(seg.text));
  }
  // Scroll the article's own box, not the page, so the fields stay in view.
  const first = text.querySelector("mark.evidence");
  if (first) {
    const box = text.getBoundingClientRect(), m = first.getBoundingClientRect();
    text.scrollTop += m.top - box.top - (box.height - m.height) / 2;
  }
  if (loc.lat !== undefined && loc.lon !== undefined && window.L) {
    const mapEl = document.getElementById("ev-map");
    mapEl.hidden = false;
    const zoom = { 1: 10, 2: 9, 3: 7 }[loc.geo_precision] || 8;
    const map = L.map(mapEl, { zoomControl: true, attributionControl: true, scrollWheelZoom: false }).setView([loc.lat, loc.lon], zoom);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth · Leaflet");
    window.raqibMiniMap = map; // for the browser tests and the console
    const dot = el("span", { class: "dot" });
    dot.style.backgroundColor = t.color;
    L.marker([loc.lat, loc.lon], { icon: L.divIcon({ className: "ev-marker", html: dot, iconSize: [14, 14] }), title: loc.name || "", keyboard: false }).addTo(map);
    if (loc.geo_precision >= 2) L.circle([loc.lat, loc.lon], { radius: loc.geo_precision === 2 ? 5000 : 25000, color: t.color, weight: 1, fillOpacity: 0.1 }).addTo(map);
    try { await raqibBasemap.addTo(map); } catch (err) { /* the marker alone still shows where */ }
  }
  document.body.dataset.ready = "1";
})();
