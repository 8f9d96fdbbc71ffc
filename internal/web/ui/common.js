// Shared helpers of raqib's UI. Every text that comes from the store is put
// on the page with textContent or as a text node, never as HTML.
"use strict";

const raqib = (() => {
  let types = new Map();

  // el builds an element; children are nodes or strings (made text nodes).
  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k === "href") e.setAttribute("href", safeHref(v));
      else if (k === "dataset") Object.assign(e.dataset, v);
      else e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === undefined || c === null || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  // safeHref keeps site-relative links and http(s) URLs; anything else
  // (javascript:, data:) becomes an inert "#".
  function safeHref(u) {
    const s = String(u);
    if (s.startsWith("/") && !s.startsWith("//")) return s;
    try {
      const url = new URL(s);
      if (url.protocol === "http:" || url.protocol === "https:") return url.href;
    } catch (e) { /* not a URL */ }
    return "#";
  }

  function isWebURL(u) {
    return safeHref(u) !== "#" && /^https?:/i.test(String(u));
  }

  async function getJSON(path, params) {
    const qs = params && params.toString();
    const res = await fetch(qs ? path + "?" + qs : path, { headers: { Accept: "application/json" } });
    if (!res.ok) {
      let msg = res.status + " " + res.statusText;
      try { msg = (await res.json()).error || msg; } catch (e) { /* keep the status */ }
      throw new Error(msg);
    }
    return res.json();
  }

  async function loadTypes() {
    const list = await getJSON("/api/v1/types");
    types = new Map(list.map((t) => [t.code, t]));
    return list;
  }

  function lang() {
    return new URLSearchParams(location.search).get("lang") === "en" ? "en" : "ar";
  }

  function typeInfo(code) {
    return types.get(code) || { code, ar: code, en: code, color: "#7f8c8d" };
  }

  // typeName is the type's label in the chosen language.
  function typeName(code) {
    const t = typeInfo(code);
    return lang() === "en" ? t.en : t.ar;
  }

  // typeBadge shows a type's colour, its label and the other language's label.
  function typeBadge(code) {
    const t = typeInfo(code);
    const other = lang() === "en" ? t.ar : t.en;
    const sw = el("span", { class: "swatch" });
    sw.style.backgroundColor = t.color;
    return el("span", { class: "type-badge", "data-type": code },
      sw, el("span", { class: "type-name", text: typeName(code) }),
      el("span", { class: "type-other", lang: lang() === "en" ? "ar" : "en", text: other }));
  }

  // ---- names of actors and countries (GET /api/v1/names, one table) ----
  let actors = new Map();
  let countries = [];
  async function loadNames() {
    const n = await getJSON("/api/v1/names");
    actors = new Map(n.actors.map((a) => [a.code, a]));
    countries = n.countries;
    return n;
  }

  // actorName is a code's name in the chosen language ("{country}"
  // placeholders dropped); an unknown code is its own name.
  function actorName(code) {
    const a = actors.get(code);
    if (!a) return code;
    const name = lang() === "en" ? a.en : a.ar;
    return name.replace(/\s*\(\{country\}\)/, "").replace("{country}", "").trim();
  }

  // actorLabel shows an actor's name with its code beside it, small.
  function actorLabel(code) {
    if (!code) return null;
    const name = actorName(code);
    return el("span", { class: "actor", "data-code": code }, name,
      name !== code ? el("bdi", { class: "code actor-code", text: " " + code }) : null);
  }

  function countryName(code) {
    const c = countries.find((x) => x.code === code);
    return c ? (lang() === "en" ? c.en : c.ar) : code;
  }

  // decodedURL shows a percent-encoded address as people read it
  // (https://site/البصرة), keeping it unchanged when it does not decode.
  function decodedURL(u) {
    try { return decodeURI(String(u)); } catch (e) { return String(u); }
  }

  const claimNames = { reported: "مُبلَّغ عنه", claimed: "ادعاء", denied: "منفي", alleged: "مزعوم" };
  const datePrecisionNames = { day: "يوم", week: "أسبوع", month: "شهر", year: "سنة" };
  const geoPrecisionNames = { 1: "الموقع نفسه", 2: "قرب الموقع أو جزء من منطقة", 3: "المحافظة أو المنطقة فقط" };

  return {
    el, safeHref, isWebURL, getJSON, loadTypes, typeInfo, typeName, typeBadge, lang, claimNames, datePrecisionNames, geoPrecisionNames,
    loadNames, actorName, actorLabel, countryName, countries: () => countries, decodedURL,
  };
})();
