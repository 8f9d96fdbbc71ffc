package web_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/raqib/raqib/internal/storetest"
	"github.com/raqib/raqib/internal/web"
)

// viewport sets the page's size, as a laptop or a phone shows it.
func viewport(w, h int64) chromedp.Action[chromedp.Void] { return chromedp.EmulateViewport(w, h) }

// outOfView lists the visible header controls that stick out of the
// viewport, and says whether the page scrolls sideways.
const outOfView = `(() => {
  const W = document.documentElement.clientWidth;
  const out = [];
  for (const e of document.querySelectorAll('header.top input, header.top select, header.top button, header.top summary, header.top h1, header.top nav a, #map-status, #count')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue; // not shown
    if (e.closest('details:not([open])') && e.tagName !== 'SUMMARY') continue; // in a closed menu
    if (r.left < -0.5 || r.right > W + 0.5) out.push((e.id || e.tagName) + ' [' + Math.round(r.left) + ', ' + Math.round(r.right) + ']');
  }
  if (document.documentElement.scrollWidth > W + 1) out.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + W);
  return out;
})()`

func TestBrowserDesk(t *testing.T) {
	fx := deskFixture(t)
	ts := newServer(t, web.Options{Store: fx.store})
	b := newBrowser(t)
	defer func() {
		for _, e := range b.takeErrors() {
			t.Errorf("page error: %s", e)
		}
	}()
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	total := len(fx.events())

	t.Run("header controls fit the screen", func(t *testing.T) {
		for _, size := range []struct {
			w, h int64
			page string
		}{{1366, 768, "/"}, {412, 900, "/"}, {1280, 800, "/"}, {820, 1000, "/"}, {412, 900, "/event/" + fx.events()[0].ID}, {1366, 768, "/event/" + fx.events()[0].ID}} {
			b.run(t, viewport(size.w, size.h), chromedp.Navigate(ts.URL+size.page), ready)
			if out := eval[[]string](t, b, outOfView); len(out) > 0 {
				t.Errorf("%s at %d×%d: out of view: %s", size.page, size.w, size.h, strings.Join(out, "; "))
			}
			if size.page == "/" { // the menus, open, fit too
				for _, menu := range []string{"#f-types", "#export"} {
					b.run(t, chromedp.Click(css(menu+" summary")))
					out := eval[[]string](t, b, `[...document.querySelectorAll('`+menu+` input, `+menu+` a')].filter(e => { const r = e.getBoundingClientRect(); return r.left < -0.5 || r.right > document.documentElement.clientWidth + 0.5; }).map(e => e.value || e.textContent)`)
					if len(out) > 0 {
						t.Errorf("%s open at %d×%d: out of view: %q", menu, size.w, size.h, out)
					}
					if size.w < 500 {
						b.screenshot(t, fmt.Sprintf("desk-menu%s-%dx%d.png", strings.TrimPrefix(menu, "#"), size.w, size.h))
					}
					b.run(t, chromedp.Click(css(menu+" summary")))
				}
			}
			if size.page == "/" {
				if _, want := apiCount(t, ts.URL, ""); b.waitMarkers(t, want) != want {
					t.Errorf("map at %d×%d does not show the %d events", size.w, size.h, want)
				}
				b.screenshot(t, fmt.Sprintf("desk-map-%dx%d.png", size.w, size.h))
			}
		}
		b.run(t, viewport(1366, 768))
	})

	t.Run("the world map has no lines across it, and place labels", func(t *testing.T) {
		b.run(t, viewport(1366, 768), chromedp.Navigate(ts.URL+"/"), ready)
		labels := eval[[]string](t, b, `[...document.querySelectorAll('.map-label')].map(e => e.className.includes('country') ? 'c:' + e.textContent : 'g:' + e.textContent)`)
		for _, want := range []string{"c:سوريا", "c:لبنان", "g:إدلب", "g:حلب"} {
			if !strings.Contains(strings.Join(labels, "|"), want) {
				t.Errorf("map labels %q lack %q", labels, want)
			}
		}
		b.run(t, chromedp.Evaluate[chromedp.Void](`void window.raqibMap.setView([20, 0], 2, {animate: false})`), chromedp.Sleep(400*time.Millisecond))
		// Every border segment the map draws must be shorter than half the
		// world: a longer one is a ring crossing the antimeridian drawn
		// across the map.
		long := eval[[]string](t, b, `(() => {
  const m = window.raqibMap, world = 256 * Math.pow(2, m.getZoom());
  // the world's top and bottom edges (±85°), where a polar ring's edge lies
  const top = m.latLngToLayerPoint([85.0511, 0]).y, bottom = m.latLngToLayerPoint([-85.0511, 0]).y;
  // and the visible part: Leaflet clips a polygon a little beyond the view,
  // drawing its cut edge out of sight
  const v0 = m.containerPointToLayerPoint([0, 0]), v1 = m.containerPointToLayerPoint(m.getSize());
  const onEdge = (y) => Math.abs(y - top) < 2 || Math.abs(y - bottom) < 2 || y < v0.y - 1 || y > v1.y + 1;
  const out = [];
  for (const p of document.querySelectorAll('#map .leaflet-overlay-pane path')) {
    const nums = (p.getAttribute('d') || '').match(/-?\d+(\.\d+)?/g) || [];
    const cmds = (p.getAttribute('d') || '').match(/[MLZ]/gi) || [];
    let prev = null, i = 0;
    for (const c of cmds) {
      if (c.toUpperCase() === 'Z') { prev = null; continue; }
      const pt = [parseFloat(nums[i]), parseFloat(nums[i + 1])]; i += 2;
      if (c.toUpperCase() === 'L' && prev !== null && Math.abs(pt[0] - prev[0]) > world / 2 && !(onEdge(pt[1]) && onEdge(prev[1])))
        out.push(Math.round(prev[0]) + ',' + Math.round(prev[1]) + '→' + Math.round(pt[0]) + ',' + Math.round(pt[1]));
      prev = pt;
    }
  }
  return out;
})()`)
		overlaps := eval[int](t, b, `(() => {
  const rs = [...document.querySelectorAll('#map .map-label span')].filter(s => s.style.visibility !== 'hidden').map(s => s.getBoundingClientRect()).filter(r => r.width > 0);
  let n = 0;
  for (let i = 0; i < rs.length; i++) for (let j = 0; j < i; j++) {
    const a = rs[i], b = rs[j];
    if (a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top) n++;
  }
  return n;
})()`)
		if overlaps > 0 {
			t.Errorf("world view: %d pairs of place labels overlap", overlaps)
		}
		paths := eval[int](t, b, `document.querySelectorAll('#map .leaflet-overlay-pane path').length`)
		if paths < 100 || len(long) > 0 {
			t.Errorf("world view: %d border paths, %d segments across half the world (%v)", paths, len(long), long[:min(5, len(long))])
		}
		b.screenshot(t, "desk-world.png")
	})

	t.Run("the timeline has a real time axis clipped to the selection", func(t *testing.T) {
		b.run(t, viewport(1366, 768), chromedp.Navigate(ts.URL+"/"), ready)
		type axis struct {
			Type, Min, Max, Outside string
			Note                    string
			DayPx, TwoDayPx         float64
			Ticks                   []float64
		}
		read := func() axis {
			return eval[axis](t, b, `(() => {
  const c = window.raqibChart, x = c.scales.x, cv = document.getElementById('timeline');
  const d0 = new Date(2024, 2, 12).getTime(), day = 86400000;
  return {Type: x.type, Min: cv.dataset.min, Max: cv.dataset.max, Outside: cv.dataset.outside,
    Note: document.getElementById('timeline-note').hidden ? '' : document.getElementById('timeline-note').textContent,
    DayPx: x.getPixelForValue(d0 + day) - x.getPixelForValue(d0), TwoDayPx: x.getPixelForValue(d0 + 2 * day) - x.getPixelForValue(d0),
    Ticks: x.ticks.map(t => t.value)};
})()`)
		}
		a := read()
		// the fixture runs 2024-03-10..20; the article recalling 2016 and the
		// event misdated 2001 are counted, not drawn
		if a.Type != "time" || a.Min != "2024-03-10" || a.Max != "2024-03-20" || a.Outside != "2" || !strings.Contains(a.Note, "2") {
			t.Errorf("timeline of everything: %+v; want a time scale over 2024-03-10..2024-03-20 with 2 events outside", a)
		}
		if a.DayPx <= 0 || a.TwoDayPx < 1.99*a.DayPx || a.TwoDayPx > 2.01*a.DayPx {
			t.Errorf("one day is %.1f px and two days %.1f px; a time axis keeps them proportional", a.DayPx, a.TwoDayPx)
		}
		for i := 1; i < len(a.Ticks); i++ {
			if a.Ticks[i] <= a.Ticks[i-1] {
				t.Errorf("ticks %v are not in time order", a.Ticks)
				break
			}
		}
		b.screenshot(t, "desk-timeline.png")
		// a selection clips the axis to it; the rest is counted
		b.run(t, chromedp.Navigate(ts.URL+"/?from=2024-03-12&to=2024-03-15"), ready)
		a = read()
		in, _ := apiCount(t, ts.URL, "from=2024-03-12&to=2024-03-15")
		if a.Min != "2024-03-12" || a.Max != "2024-03-15" || a.Outside != fmt.Sprint(total-in) {
			t.Errorf("timeline of 2024-03-12..15: %+v; want that range and %d outside", a, total-in)
		}
	})

	t.Run("the table sorts, pages through the cursor and follows the filters", func(t *testing.T) {
		b.run(t, viewport(1366, 768), chromedp.Navigate(ts.URL+"/"), ready, chromedp.Click(css("#view-table")))
		rows := func() int { return eval[int](t, b, `document.querySelectorAll('#event-table tbody tr').length`) }
		if n := rows(); n != total {
			t.Errorf("table shows %d rows; want %d", n, total)
		}
		if eval[bool](t, b, `!document.getElementById('event-list').hidden`) {
			t.Errorf("the list still shows beside the table")
		}
		fatal := func() []string {
			return eval[[]string](t, b, `[...document.querySelectorAll('#event-table tbody tr td:nth-child(6)')].map(td => td.textContent)`)
		}
		b.run(t, chromedp.Click(css(`#event-table button[data-sort="fatalities"]`)))
		if f := fatal(); len(f) == 0 || f[0] != "5" {
			t.Errorf("sorted by deaths, most first: %q; want 5 first", f)
		}
		if s := eval[string](t, b, `document.querySelector('#event-table button[data-sort="fatalities"]').parentElement.getAttribute('aria-sort')`); s != "descending" {
			t.Errorf("aria-sort = %q; want descending", s)
		}
		b.run(t, chromedp.Click(css(`#event-table button[data-sort="fatalities"]`)))
		if f := fatal(); len(f) == 0 || f[len(f)-1] != "5" {
			t.Errorf("sorted by deaths, fewest first: %q; want 5 last", f)
		}
		b.run(t, chromedp.Click(css(`#event-table button[data-sort="date"]`)))
		dates := eval[[]string](t, b, `[...document.querySelectorAll('#event-table tbody tr td:first-child')].map(td => td.textContent)`)
		for i := 1; i < len(dates); i++ {
			if dates[i] > dates[i-1] {
				t.Errorf("sorted by date, newest first: %q", dates)
				break
			}
		}
		names := eval[string](t, b, `document.getElementById('event-table').textContent`)
		for _, want := range []string{"قوات النظام السوري", "الجيش العراقي", "متظاهرون"} {
			if !strings.Contains(names, want) {
				t.Errorf("table lacks the actor name %q", want)
			}
		}
		b.screenshot(t, "desk-table.png")
		// English labels name the actors in English, ACLED's names first
		b.run(t, chromedp.Navigate(ts.URL+"/?lang=en&view=table"), ready)
		en := eval[string](t, b, `document.getElementById('event-table').textContent + '|' + [...document.querySelectorAll('#f-actor option')].map(o => o.textContent).join('|')`)
		for _, want := range []string{"Military Forces of Iraq", "Protesters", "Military Forces of Syria ("} {
			if !strings.Contains(en, want) {
				t.Errorf("English table and actor filter lack %q: %.300s", want, en)
			}
		}
		b.run(t, chromedp.Navigate(ts.URL+"/?view=table"), ready)
		if opts := eval[string](t, b, `[...document.querySelectorAll('#f-actor option')].map(o => o.textContent).join('|')`); !strings.Contains(opts, "قوات النظام السوري (") || strings.Contains(opts, "SYR.GOV (") {
			t.Errorf("actor filter options %q; want names, not codes", opts)
		}
		// the filters: a country
		b.run(t, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById('f-country'); s.value = 'IRQ'; s.dispatchEvent(new Event('change', {bubbles: true})); })()`), ready)
		if q := eval[string](t, b, `location.search`); !strings.Contains(q, "country=IRQ") {
			t.Errorf("URL after choosing a country = %q", q)
		}
		if n, c := rows(), text(t, b, "#count"); n != 1 || c != "1" {
			t.Errorf("table for Iraq: %d rows, count %s; want 1", n, c)
		}
		// and the fatalities filter, typed and applied
		b.run(t, chromedp.Navigate(ts.URL+"/"), ready, chromedp.Click(css("#view-table")),
			chromedp.SendKeys(css("#f-fatal"), "3"), chromedp.Click(css("#f-apply")), chromedp.Sleep(100*time.Millisecond), ready)
		if q := eval[string](t, b, `location.search`); !strings.Contains(q, "min_fatalities=3") {
			t.Errorf("URL after at least 3 deaths = %q", q)
		}
		if n := rows(); n != 1 {
			t.Errorf("table for at least 3 deaths: %d rows; want 1", n)
		}
		// paging: more events than a page, fetched with the API's cursor
		big := deskFixture(t)
		if _, err := big.store.Put(context.Background(), storetest.BenchBatch(12)); err != nil {
			t.Fatal(err)
		}
		bigTS := newServer(t, web.Options{Store: big.store})
		all, _ := apiCount(t, bigTS.URL, "")
		b.run(t, chromedp.Navigate(bigTS.URL+"/?view=table"), ready)
		if n := rows(); n != 50 {
			t.Errorf("first page: %d rows; want 50 of %d", n, all)
		}
		b.run(t, chromedp.Click(css("#more")))
		for deadline := time.Now().Add(10 * time.Second); rows() != all && time.Now().Before(deadline); {
			time.Sleep(100 * time.Millisecond) // the next page arrives
		}
		if n := rows(); n != all {
			t.Errorf("after more: %d rows; want all %d", n, all)
		}
		if eval[bool](t, b, `!document.getElementById('more').hidden`) {
			t.Errorf("more still offered after the last page")
		}
		ids := eval[int](t, b, `new Set([...document.querySelectorAll('#event-table tbody tr')].map(r => r.dataset.id)).size`)
		if ids != all {
			t.Errorf("%d distinct events in the table; want %d (pages overlap or skip)", ids, all)
		}
	})

	t.Run("the export button downloads the selection", func(t *testing.T) {
		dir := t.TempDir()
		q := "type=" + url.QueryEscape("excessive_force_against_protesters,shelling_artillery_missile_attack")
		b.run(t, viewport(1366, 768), chromedp.Navigate(ts.URL+"/?"+q), ready)
		want, _ := apiCount(t, ts.URL, q)
		if count := text(t, b, "#count"); count != fmt.Sprint(want) || want < 2 {
			t.Fatalf("count %s; want %d (at least 2)", count, want)
		}
		// each format's link is the selection's filters
		hrefs := eval[map[string]string](t, b, `Object.fromEntries([...document.querySelectorAll('#export-list a')].map(a => [a.dataset.format, a.getAttribute('href')]))`)
		for _, f := range []string{"acled-csv", "geojson", "jsonl", "plover"} {
			u, err := url.Parse(hrefs[f])
			if err != nil || u.Path != "/api/v1/export" || u.Query().Get("format") != f || u.Query().Get("type") != "excessive_force_against_protesters,shelling_artillery_missile_attack" && len(u.Query()["type"]) != 2 {
				t.Errorf("export link for %s = %q", f, hrefs[f])
			}
		}
		lines := get(t, b, chromedp.Evaluate[map[string]int](`(async () => {
  const out = {};
  for (const a of document.querySelectorAll('#export-list a')) {
    const text = await (await fetch(a.href)).text();
    out[a.dataset.format] = a.dataset.format === 'geojson' ? JSON.parse(text).features.length : text.trim().split('\n').length - (a.dataset.format === 'acled-csv' ? 1 : 0);
  }
  return out;
})()`, chromedp.EvalAwaitPromise))
		if len(lines) != 4 {
			t.Errorf("fetched %d export links; want 4", len(lines))
		}
		for f, n := range lines {
			if n != want {
				t.Errorf("the %s export holds %d events; the page shows %d", f, n, want)
			}
		}
		// and a click really downloads the file
		ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
		defer cancel()
		progress := chromedp.Events(ctx, cdpbrowser.DownloadProgress)
		allow := true
		if err := chromedp.Do(ctx,
			chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
					Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &allow})
				return err
			}),
			chromedp.Click(css("#export summary")),
			chromedp.Click(css(`#export-list a[data-format="acled-csv"]`)),
		); err != nil {
			t.Fatal(err)
		}
		b.screenshot(t, "desk-export.png")
		var file string
		for ev, err := range progress {
			if err != nil {
				t.Fatalf("download: %v", err)
			}
			if ev.State == cdpbrowser.DownloadProgressStateCompleted {
				file = filepath.Join(dir, ev.GUID)
				break
			}
		}
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil || len(rows)-1 != want {
			t.Errorf("downloaded ACLED CSV: %d rows after the header, %v; want %d", len(rows)-1, err, want)
		}
	})

	t.Run("the event page keeps its fields in view, with a mini-map and the decoded URL", func(t *testing.T) {
		var id string
		for _, e := range fx.events() {
			if e.Doc == "t-basra" {
				id = e.ID
			}
		}
		for _, size := range [][2]int64{{1366, 768}, {412, 900}} {
			b.run(t, viewport(size[0], size[1]), chromedp.Navigate(ts.URL+"/event/"+id), ready, chromedp.Sleep(200*time.Millisecond))
			type view struct {
				ScrollY                  float64
				FieldsTop, FieldsBottom  float64
				Height                   float64
				MarkTop, MarkBottom      float64
				BoxTop, BoxBottom        float64
				Markers                  int
				CenterLat, CenterLon     float64
				URLText, URLHref, Fields string
			}
			v := eval[view](t, b, `(() => {
  const f = document.getElementById('ev-fields').getBoundingClientRect();
  const m = document.querySelector('#ev-text mark.evidence').getBoundingClientRect();
  const box = document.getElementById('ev-text').getBoundingClientRect();
  const a = document.querySelector('a.article-url');
  const c = window.raqibMiniMap ? window.raqibMiniMap.getCenter() : {lat: 0, lng: 0};
  return {ScrollY: window.scrollY, FieldsTop: f.top, FieldsBottom: f.bottom, Height: window.innerHeight,
    MarkTop: m.top, MarkBottom: m.bottom, BoxTop: box.top, BoxBottom: box.bottom,
    Markers: document.querySelectorAll('#ev-map .leaflet-marker-icon.ev-marker').length, CenterLat: c.lat, CenterLon: c.lng,
    URLText: a ? a.textContent : '', URLHref: a ? a.getAttribute('href') : '', Fields: document.getElementById('ev-fields').textContent};
})()`)
			if v.ScrollY != 0 || v.FieldsTop < 0 || v.FieldsTop > v.Height/2 {
				t.Errorf("%d×%d: the page scrolled to %.0f, fields at %.0f..%.0f of %.0f; want the fields at the top", size[0], size[1], v.ScrollY, v.FieldsTop, v.FieldsBottom, v.Height)
			}
			if size[0] == 1366 && v.FieldsBottom > v.Height {
				t.Errorf("%d×%d: fields end at %.0f, below the screen's %.0f", size[0], size[1], v.FieldsBottom, v.Height)
			}
			if v.MarkTop < v.BoxTop || v.MarkBottom > v.BoxBottom {
				t.Errorf("%d×%d: the evidence (%.0f..%.0f) is not shown in the article box (%.0f..%.0f)", size[0], size[1], v.MarkTop, v.MarkBottom, v.BoxTop, v.BoxBottom)
			}
			if v.Markers != 1 || v.CenterLat < 30.4 || v.CenterLat > 30.6 || v.CenterLon < 47.7 || v.CenterLon > 47.9 {
				t.Errorf("mini-map: %d markers, centred on %.3f,%.3f; want one at Basra", v.Markers, v.CenterLat, v.CenterLon)
			}
			if v.URLText != "https://news.example/2024/03/13/احتجاجات-البصرة" || !strings.Contains(v.URLHref, "%D8%") {
				t.Errorf("URL shown as %q (link %q); want it decoded, the link kept", v.URLText, v.URLHref)
			}
			for _, want := range []string{"الجيش العراقي", "IRQ.MIL", "متظاهرون", "العراق"} {
				if !strings.Contains(v.Fields, want) {
					t.Errorf("event fields lack %q", want)
				}
			}
			b.screenshot(t, fmt.Sprintf("desk-event-%dx%d.png", size[0], size[1]))
		}
		b.run(t, viewport(1366, 768))
	})
}
