// The incident page: every report of one occurrence side by side, with its
// outlet, cited source, claim or denial and why it was linked; the reports
// that disagree with the others (on the doer, the type, the toll or the
// claim) are marked. Store text goes on the page as text, never HTML.
"use strict";

(async () => {
  const { el, getJSON, loadTypes, typeBadge, typeInfo, claimNames } = raqib;
  const status = document.getElementById("status");
  const parts = location.pathname.split("/");
  const id = decodeURIComponent(parts[parts.length - 1] || "");
  let inc;
  try {
    await loadTypes();
    inc = await getJSON("/api/v1/incidents/" + encodeURIComponent(id));
  } catch (err) {
    status.textContent = "تعذّر تحميل الحادثة: " + err.message;
    document.body.dataset.ready = "1";
    return;
  }
  status.hidden = true;
  document.getElementById("incident").hidden = false;
  document.title = "رقيب — حادثة: " + typeInfo(inc.event_type).ar;
  document.getElementById("inc-title").append(typeBadge(inc.event_type));
  document.getElementById("inc-disputed").hidden = !inc.disputed;

  const fieldNames = { actor1: "الفاعل", event_type: "نوع الحدث", fatalities: "الحصيلة", claim: "الادعاء والنفي" };
  const fields = document.getElementById("inc-fields");
  const row = (name, ...value) => fields.append(el("dt", { text: name }), el("dd", {}, ...value));
  const loc = inc.location || {};
  row("المكان", [loc.name, loc.admin2, loc.admin1, loc.country].filter((x) => x).join("، ") || "—");
  row("التاريخ", el("bdi", { text: inc.date_lo === inc.date_hi ? (inc.date_lo || "—") : inc.date_lo + " — " + inc.date_hi }));
  row("التقارير", String(inc.reports.length) + " في " + inc.articles + " مقال");
  if (inc.fatalities) {
    const f = inc.fatalities;
    row("القتلى", f.min === f.max ? String(f.min) : f.min + "–" + f.max + " (الأدنى الموثوق: " + f.headline + ")");
  }
  const actors = (inc.actors || []).map((a) => a.code + " ×" + a.reports + (a.role === "actor2" ? " (طرف آخر)" : ""));
  if (actors.length) row("الجهات", el("bdi", { class: "code", text: actors.join("، ") }));
  row("الوسائل", (inc.outlets || []).map((c) => c.key + " ×" + c.n).join("، ") || "—");
  if ((inc.sources || []).length) row("المصادر المذكورة", inc.sources.map((c) => c.key + " ×" + c.n).join("، "));

  const claims = document.getElementById("inc-claims");
  for (const c of inc.claims || []) {
    const denied = c.status === "denied" || !!c.denied_by;
    const li = el("li", { class: denied ? "denied" : "" }, el("strong", { text: c.outlet || c.doc }), ": ",
      claimNames[c.status] || c.status,
      ...(c.by ? [" — ادّعاه: ", el("bdi", { class: "code", text: c.by })] : []),
      ...(c.denied_by ? [" — نفاه: ", el("bdi", { class: "code", text: c.denied_by })] : []));
    claims.append(li);
  }
  document.getElementById("inc-claims-box").hidden = !claims.children.length;

  // which fields each report disagrees on: a report whose value is not the
  // most common one
  const differs = new Map();
  const dis = document.getElementById("inc-disagreements");
  for (const d of inc.disagreements || []) {
    dis.append(el("li", {}, el("strong", { text: fieldNames[d.field] || d.field }), ": ",
      d.values.map((v) => v.value + " (" + v.reports.length + ")").join(" / ")));
    d.values.slice(1).forEach((v) => v.reports.forEach((r) => {
      if (!differs.has(r)) differs.set(r, []);
      differs.get(r).push(fieldNames[d.field] || d.field);
    }));
  }
  document.getElementById("inc-dis-box").hidden = !dis.children.length;

  document.getElementById("inc-count").textContent = "(" + inc.reports.length + ")";
  const box = document.getElementById("inc-reports");
  for (const r of inc.reports) {
    const a = r.article || {};
    const cl = r.claim || { status: "reported" };
    const denial = cl.status === "denied" || !!cl.denied_by;
    const card = el("section", { class: "report" + (differs.has(r.id) ? " disagrees" : "") + (denial ? " denial" : ""), "data-id": r.id, "data-doc": r.doc },
      el("div", { class: "outlet", text: a.outlet || a.id || r.doc }),
      el("div", { class: "meta" }, el("bdi", { text: a.published || "" }), " · ", a.title || ""),
      typeBadge(r.event_type),
      el("div", { class: "meta" }, (r.location && r.location.name) || "—", " · ", el("bdi", { text: r.date || "بلا تاريخ" })),
      r.actor1 || r.actor2 ? el("div", { class: "code", text: [r.actor1 && r.actor1.code, r.actor2 && r.actor2.code].filter((x) => x).join(" ← ") }) : null,
      r.fatalities !== null && r.fatalities !== undefined ? el("div", { text: "القتلى: " + r.fatalities }) : null,
      r.source ? el("div", { class: "source" }, "المصدر: ", r.source.text) : null,
      el("div", { class: "claim claim-" + cl.status }, claimNames[cl.status] || cl.status,
        ...(cl.by ? [" — ادّعاه: ", el("bdi", { class: "code", text: cl.by })] : []),
        ...(cl.denied_by ? [" — نفاه: ", el("bdi", { class: "code", text: cl.denied_by })] : [])),
      differs.has(r.id) ? el("div", { class: "differs", text: "يخالف الأغلبية في: " + differs.get(r.id).join("، ") }) : null,
      el("q", { class: "evidence-quote", text: r.sentence || "" }),
      r.link ? el("details", { class: "why" }, el("summary", { text: "لماذا رُبط بهذه الحادثة" }),
        el("ul", {}, ...r.link.because.map((b) => el("li", { dir: "ltr", text: b })))) : el("div", { class: "why", text: "أول تقرير عن الحادثة" }),
      el("a", { href: "/event/" + encodeURIComponent(r.id), class: "event-link", text: "تفاصيل التقرير" }));
    box.append(card);
  }
  document.body.dataset.ready = "1";
})();
