package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/raqib/raqib/internal/web"
)

// chromium finds the browser: $RAQIB_CHROMIUM, /usr/bin/chromium, or
// chromium on $PATH (scripts/chromium.sh installs it). Without one the
// browser tests fail under CI=true and are skipped elsewhere.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("RAQIB_CHROMIUM"), "/usr/bin/chromium"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not found: run scripts/chromium.sh (or set RAQIB_CHROMIUM)")
	}
	t.Skip("chromium not found: run scripts/chromium.sh (or set RAQIB_CHROMIUM); under CI=true this fails")
	return ""
}

// artifacts is where screenshots go: $RAQIB_ARTIFACTS or testartifacts/ at
// the repository root (gitignored).
func artifacts(t *testing.T) string {
	dir := os.Getenv("RAQIB_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "..", "testartifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browser is one headless Chromium with a record of what went wrong in
// its pages: uncaught exceptions, console errors and CSP violations.
type browser struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1366, 820),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	b := &browser{ctx: ctx}
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("starting chromium: %v", err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == chromedp.ConsoleError {
				b.mu.Lock()
				b.errors = append(b.errors, m.String())
				b.mu.Unlock()
			}
		}
	}()
	return b
}

// takeErrors returns and forgets what went wrong so far.
func (b *browser) takeErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	e := b.errors
	b.errors = nil
	return e
}

func (b *browser) run(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// get runs one action that returns a value.
func get[T any](t *testing.T, b *browser, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func eval[T any](t *testing.T, b *browser, js string) T {
	t.Helper()
	return get(t, b, chromedp.Evaluate[T](js))
}

func text(t *testing.T, b *browser, css string) string {
	t.Helper()
	return get(t, b, chromedp.Text(chromedp.CSS(css)))
}

func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	png := get(t, b, chromedp.CaptureScreenshot())
	path := filepath.Join(artifacts(t), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// ready waits until the page has finished loading what its URL asks for.
var ready = chromedp.WaitVisible(chromedp.CSS(`body[data-ready="1"]`))

// countMarkers counts the events the map shows: single markers plus the
// number written on each cluster.
const countMarkers = `(() => {
  let n = document.querySelectorAll('#map .leaflet-marker-icon.ev-marker').length;
  for (const c of document.querySelectorAll('#map .marker-cluster span')) n += parseInt(c.textContent, 10);
  return n;
})()`

// waitMarkers polls until the map shows want markers (clusters finish
// animating after a zoom) and returns the last count seen.
func (b *browser) waitMarkers(t *testing.T, want int) int {
	t.Helper()
	var n int
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		n = eval[int](t, b, countMarkers)
		if n == want {
			return n
		}
	}
	return n
}

func apiCount(t *testing.T, base, query string) (stats, features int) {
	t.Helper()
	var st struct{ Events int }
	getJSON(t, base, "/api/v1/stats?"+query, &st)
	var fc struct{ Features []json.RawMessage }
	// the map draws one marker per incident; no two fixture articles
	// report one occurrence, so there are as many as events
	getJSON(t, base, "/api/v1/incidents.geojson?"+query, &fc)
	return st.Events, len(fc.Features)
}

func TestBrowser(t *testing.T) {
	fx := newFixture(t)
	ts := newServer(t, web.Options{Store: fx.store})
	b := newBrowser(t)
	b.run(t, viewport(1366, 768)) // a laptop's screen; the screenshots are this size
	defer func() {
		for _, e := range b.takeErrors() {
			t.Errorf("page error: %s", e)
		}
	}()
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	search := func() url.Values {
		q, _ := url.ParseQuery(strings.TrimPrefix(eval[string](t, b, `location.search`), "?"))
		return q
	}

	t.Run("map shows as many markers as the API returns", func(t *testing.T) {
		for _, q := range []string{"", "admin1=" + url.QueryEscape("إدلب"), "type=peaceful_protest,attack", "from=2024-03-15&to=2024-03-20"} {
			wantStats, wantFeatures := apiCount(t, ts.URL, q)
			if wantStats != wantFeatures || wantStats == 0 {
				t.Fatalf("API for %q: stats %d, features %d; want equal and not zero", q, wantStats, wantFeatures)
			}
			b.run(t, chromedp.Navigate(ts.URL+"/?"+q), ready)
			if n := b.waitMarkers(t, wantFeatures); n != wantFeatures {
				t.Errorf("map for %q shows %d markers; the API returns %d", q, n, wantFeatures)
			}
			count := text(t, b, "#count")
			items := eval[int](t, b, `document.querySelectorAll('#event-list .event-item').length`)
			if count != fmt.Sprint(wantStats) || items != wantStats {
				t.Errorf("page for %q counts %q events and lists %d; want %d", q, count, items, wantStats)
			}
		}
		b.run(t, chromedp.Navigate(ts.URL+"/"), ready)
		if borders := eval[int](t, b, `document.querySelectorAll('#map .leaflet-overlay-pane path').length`); borders == 0 {
			t.Errorf("no country borders drawn")
		}
		b.waitMarkers(t, len(fx.events()))
		b.screenshot(t, "map.png")
	})

	t.Run("changing a filter changes the URL and the counts", func(t *testing.T) {
		b.run(t, chromedp.Navigate(ts.URL+"/"), ready)
		all, _ := apiCount(t, ts.URL, "")
		// a type, from the filter bar's checkboxes
		b.run(t,
			chromedp.Click(css("#f-types summary")),
			chromedp.Click(css(`input[name=type][value="shelling_artillery_missile_attack"]`)),
			ready)
		q := search()
		if q.Get("type") != "shelling_artillery_missile_attack" {
			t.Errorf("URL after choosing a type = %q", q.Encode())
		}
		want, _ := apiCount(t, ts.URL, q.Encode())
		if count := text(t, b, "#count"); count != fmt.Sprint(want) || want == all {
			t.Errorf("count after choosing a type = %s; want %d (of %d)", count, want, all)
		}
		if n := b.waitMarkers(t, want); n != want {
			t.Errorf("map after choosing a type shows %d markers; want %d", n, want)
		}
		// then a governorate, from its select
		b.run(t,
			chromedp.Click(css("#f-types summary")),
			chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById('f-admin1'); s.value = 'إدلب'; s.dispatchEvent(new Event('change', {bubbles: true})); })()`),
			ready)
		q = search()
		if q.Get("admin1") != "إدلب" || q.Get("type") != "shelling_artillery_missile_attack" {
			t.Errorf("URL after choosing a governorate = %q", q.Encode())
		}
		want2, _ := apiCount(t, ts.URL, q.Encode())
		if count := text(t, b, "#count"); count != fmt.Sprint(want2) {
			t.Errorf("count after choosing a governorate = %s; want %d", count, want2)
		}
		// the timeline: a click on a day keeps that day
		b.run(t, chromedp.Navigate(ts.URL+"/"), ready)
		box := eval[[]float64](t, b, `(() => { const r = document.getElementById('timeline').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`)
		b.run(t, chromedp.MouseClickXY(box[0]+box[2]*0.1, box[1]+box[3]*0.5), chromedp.Sleep(100*time.Millisecond), ready)
		q = search()
		if q.Get("from") == "" || q.Get("from") != q.Get("to") {
			t.Fatalf("URL after clicking a day on the timeline = %q; want from=to=that day", q.Encode())
		}
		want3, _ := apiCount(t, ts.URL, q.Encode())
		if count := text(t, b, "#count"); count != fmt.Sprint(want3) {
			t.Errorf("count after clicking %s = %s; want %d", q.Get("from"), count, want3)
		}
		if n := b.waitMarkers(t, want3); n != want3 {
			t.Errorf("map after clicking %s shows %d markers; want %d", q.Get("from"), n, want3)
		}
		// dragging across the timeline keeps a span of days (from the
		// whole timeline: a chosen day clips the axis to that day)
		b.run(t, chromedp.Navigate(ts.URL+"/"), ready)
		b.run(t,
			chromedp.MouseEvent("mousePressed", box[0]+box[2]*0.05, box[1]+box[3]*0.5, chromedp.ButtonLeft),
			chromedp.MouseEvent("mouseMoved", box[0]+box[2]*0.5, box[1]+box[3]*0.5, chromedp.ButtonLeft),
			chromedp.MouseEvent("mouseReleased", box[0]+box[2]*0.6, box[1]+box[3]*0.5, chromedp.ButtonLeft),
			chromedp.Sleep(100*time.Millisecond), ready)
		q = search()
		if q.Get("from") == "" || q.Get("to") <= q.Get("from") {
			t.Errorf("URL after dragging over the timeline = %q; want a span of days", q.Encode())
		}
		want4, _ := apiCount(t, ts.URL, q.Encode())
		if count := text(t, b, "#count"); count != fmt.Sprint(want4) {
			t.Errorf("count after dragging %s..%s = %s; want %d", q.Get("from"), q.Get("to"), count, want4)
		}
		b.screenshot(t, "map-filtered.png")
		// and the back button restores the view before
		b.run(t, chromedp.NavigateBack(), chromedp.Sleep(200*time.Millisecond), ready)
		if count := text(t, b, "#count"); count != fmt.Sprint(all) {
			t.Errorf("count after going back = %s; want %d", count, all)
		}
	})

	t.Run("clicking an event opens its page with the evidence highlighted", func(t *testing.T) {
		b.run(t, chromedp.Navigate(ts.URL+"/?q="+url.QueryEscape("الميادين")), ready)
		href := get(t, b, chromedp.AttributeValue(css("#event-list a.event-link"), "href")).Value
		id, _ := url.PathUnescape(strings.TrimPrefix(href, "/event/"))
		var d detail
		if code := getJSON(t, ts.URL, "/api/v1/events/"+url.PathEscape(id), &d); code != 200 {
			t.Fatalf("event %q from the list: API says %d", id, code)
		}
		b.run(t, chromedp.Click(css("#event-list a.event-link")), chromedp.WaitVisible(css(`body.page-event[data-ready="1"]`)))
		if path := eval[string](t, b, `location.pathname`); path != "/event/"+id {
			t.Errorf("clicking the event went to %q; want /event/%s", path, id)
		}
		marks := eval[[]string](t, b, `[...document.querySelectorAll('#ev-text mark.evidence')].map(m => m.textContent)`)
		if len(marks) != len(d.Evidence) || len(marks) == 0 || marks[0] != d.Evidence[0].Text {
			t.Errorf("highlighted %q; want the evidence %+v", marks, d.Evidence)
		}
		fields := text(t, b, "#ev-fields")
		for _, want := range []string{"اعتداء على مدنيين", "Attack", "ISIS", "الميادين", "2024-03-15", "دقة المكان", "دقة التاريخ", "حالة الخبر", "المرصد السوري"} {
			if !strings.Contains(fields, want) {
				t.Errorf("event page fields lack %q", want)
			}
		}
		b.screenshot(t, "event.png")
		// the claimed event shows who claimed and who denied it
		var claimed string
		for _, e := range fx.events() {
			if e.Claim != nil {
				claimed = e.ID
			}
		}
		b.run(t, chromedp.Navigate(ts.URL+"/event/"+claimed), ready)
		fields = text(t, b, "#ev-fields")
		for _, want := range []string{"ادعاء", "RUS.MIL", "نفاه", "SYR.OPP"} {
			if !strings.Contains(fields, want) {
				t.Errorf("claimed event page lacks %q", want)
			}
		}
	})

	t.Run("markup in an article renders as text and nothing executes", func(t *testing.T) {
		var xssID string
		for _, e := range fx.events() {
			if e.Doc == "t-xss" {
				xssID = e.ID
			}
		}
		b.run(t, chromedp.Navigate(ts.URL+"/event/"+xssID), ready, chromedp.Sleep(500*time.Millisecond))
		if eval[bool](t, b, `window.__raqibPwned !== undefined`) {
			t.Errorf("the article's payload ran on the event page")
		}
		body := text(t, b, "#ev-text")
		for _, want := range []string{`<script>window.__raqibPwned = "script"</script>`, `<img src=x onerror="window.__raqibPwned = 'img'">`, `<a href="javascript:window.__raqibPwned = 'link'">`} {
			if !strings.Contains(body, want) {
				t.Errorf("article text does not show %q as text", want)
			}
		}
		elems := eval[int](t, b, `document.querySelectorAll('#ev-text *:not(mark), #event script, #event img, #event b').length`)
		jsLinks := eval[int](t, b, `document.querySelectorAll('a[href^="javascript:" i]').length`)
		if elems != 0 || jsLinks != 0 {
			t.Errorf("the payload became %d elements and %d javascript: links", elems, jsLinks)
		}
		marks := eval[[]string](t, b, `[...document.querySelectorAll('#ev-text mark.evidence')].map(m => m.textContent)`)
		if len(marks) != 1 || !strings.Contains(marks[0], "<script>") {
			t.Errorf("evidence with markup highlighted as %q", marks)
		}
		b.screenshot(t, "event-markup.png")
		// the map page shows the same article's title and place, in the
		// list and in the marker's popup
		b.run(t, chromedp.Navigate(ts.URL+"/?q="+url.QueryEscape("سرمين")), ready)
		b.waitMarkers(t, 1)
		b.run(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('#map .ev-marker, #map .marker-cluster').click()`), chromedp.Sleep(500*time.Millisecond))
		if eval[bool](t, b, `window.__raqibPwned !== undefined`) {
			t.Errorf("the payload ran on the map page")
		}
		if n := eval[int](t, b, `document.querySelectorAll('#event-list b, #event-list img, #event-list script, .leaflet-popup img, .leaflet-popup script').length`); n != 0 {
			t.Errorf("the payload became %d elements on the map page", n)
		}
		if title := text(t, b, "#event-list .title"); !strings.Contains(title, "<b onmouseover=") {
			t.Errorf("list title = %q; want the markup shown as text", title)
		}
	})
}
