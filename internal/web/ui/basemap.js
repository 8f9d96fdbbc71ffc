// The offline base map both pages share: Natural Earth country borders
// (world-atlas TopoJSON) with their rings unwrapped across the antimeridian
// (so no stray lines cross the world), country labels inside each country's
// largest polygon and governorate labels from raqib's gazetteer
// (ui/labels.json), shown from zoom 6.
"use strict";

const raqibBasemap = (() => {
  const { el, getJSON, lang } = raqib;

  // unwrapRing makes a ring's longitudes continuous: a step of more than
  // 180° is the ring crossing the antimeridian, which Leaflet would draw as
  // a line across the whole map; shifting the rest of the ring by 360°
  // draws it past ±180 instead.
  // A ring around a pole (Antarctica) does not close once unwrapped: it is
  // kept, its edge along the pole lying on the map's bottom border.
  function unwrapRing(ring) {
    let shift = 0;
    let prev = null;
    const out = ring.map(([lon, lat]) => {
      if (prev !== null) {
        const d = lon + shift - prev;
        if (d > 180) shift -= 360;
        else if (d < -180) shift += 360;
      }
      prev = lon + shift;
      return [prev, lat];
    });
    return out.length && Math.abs(out[out.length - 1][0] - out[0][0]) > 180 ? ring : out;
  }

  function unwrapGeometry(g) {
    if (!g) return g;
    if (g.type === "Polygon") return { type: g.type, coordinates: g.coordinates.map(unwrapRing) };
    if (g.type === "MultiPolygon") return { type: g.type, coordinates: g.coordinates.map((p) => p.map(unwrapRing)) };
    return g;
  }

  // ringArea is a ring's area in square degrees (its sign dropped).
  function ringArea(ring) {
    let a = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
    return Math.abs(a / 2);
  }

  // labelPoint is the centroid of a feature's largest polygon's outer ring.
  function labelPoint(g) {
    const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    let best = null, bestArea = 0;
    for (const p of polys) {
      const a = ringArea(p[0]);
      if (a > bestArea) { best = p[0]; bestArea = a; }
    }
    if (!best) return null;
    let x = 0, y = 0, a = 0;
    for (let i = 0, j = best.length - 1; i < best.length; j = i++) {
      const f = best[j][0] * best[i][1] - best[i][0] * best[j][1];
      x += (best[j][0] + best[i][0]) * f;
      y += (best[j][1] + best[i][1]) * f;
      a += f;
    }
    if (Math.abs(a) < 1e-9) return [best[0][1], best[0][0]];
    return [y / (3 * a), x / (3 * a)];
  }

  function label(latlng, text, cls) {
    return L.marker(latlng, {
      pane: "labels", interactive: false, keyboard: false,
      icon: L.divIcon({ className: "map-label " + cls, html: el("span", { text }), iconSize: null }),
    });
  }

  // addTo draws the borders and the labels on map; it resolves when done.
  async function addTo(map, opts = {}) {
    if (!map.getPane("labels")) {
      map.createPane("labels");
      map.getPane("labels").style.zIndex = 450; // above the borders, below markers
      map.getPane("labels").style.pointerEvents = "none";
    }
    const [topo, labels] = await Promise.all([
      getJSON("/ui/vendor/world-atlas/countries-50m.json"),
      opts.labels === false ? null : getJSON("/ui/labels.json"),
    ]);
    const land = topojson.feature(topo, topo.objects.countries);
    for (const f of land.features) f.geometry = unwrapGeometry(f.geometry);
    L.geoJSON(land, { interactive: false, style: { color: "#8a8577", weight: 0.8, fillColor: "#f3efe4", fillOpacity: 1 } }).addTo(map).bringToBack();
    if (!labels) return;
    const en = lang() === "en";
    const countryLayer = L.layerGroup();
    for (const f of land.features) {
      const names = labels.countries[f.id];
      const at = labelPoint(f.geometry);
      if (!at) continue;
      // in Arabic, only the countries the tables name in Arabic: no
      // English names among the Arabic ones
      const text = names ? (en ? names.en : names.ar) : en ? f.properties && f.properties.name : "";
      if (text) countryLayer.addLayer(label(at, text, "country"));
    }
    const govLayer = L.layerGroup(labels.governorates.map((g) => label([g.lat, g.lon], en ? g.en : g.ar, "governorate")));
    countryLayer.addTo(map);
    const zoomed = () => {
      const z = map.getZoom();
      if (z >= 3 && !map.hasLayer(countryLayer)) countryLayer.addTo(map);
      if (z < 3 && map.hasLayer(countryLayer)) map.removeLayer(countryLayer);
      if (z >= 6 && !map.hasLayer(govLayer)) govLayer.addTo(map);
      if (z < 6 && map.hasLayer(govLayer)) map.removeLayer(govLayer);
    };
    map.on("zoomend", zoomed);
    // after Leaflet has placed the labels for the new view
    map.on("zoomend moveend viewreset", () => requestAnimationFrame(declutter));
    zoomed();
    declutter();
  }

  // declutter hides a label that would overlap one shown before it
  // (countries first, then governorates), so dense areas stay readable.
  function declutter() {
    const shown = [];
    for (const span of document.querySelectorAll(".map-label.country span, .map-label.governorate span")) {
      span.style.visibility = "";
      const r = span.getBoundingClientRect();
      if (r.width === 0) continue;
      if (shown.some((o) => r.left < o.right && r.right > o.left && r.top < o.bottom && r.bottom > o.top)) {
        span.style.visibility = "hidden";
        continue;
      }
      shown.push(r);
    }
  }

  return { addTo, unwrapRing };
})();
