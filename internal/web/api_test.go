package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/web"
)

func getJSON(t *testing.T, ts string, path string, v any) int {
	t.Helper()
	res, err := http.Get(ts + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if v != nil && res.StatusCode == http.StatusOK {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("GET %s: %v in %s", path, err, b)
		}
	}
	return res.StatusCode
}

type page struct {
	Events []event.StoredEvent `json:"events"`
	Next   string              `json:"next"`
}

func TestEventsFilters(t *testing.T) {
	fx := newFixture(t)
	ts := newServer(t, web.Options{Store: fx.store})
	all := fx.events()
	tests := []struct {
		name  string
		query string
		want  func(e event.Event) bool
	}{
		{"everything", "", func(e event.Event) bool { return true }},
		{"one type", "type=shelling_artillery_missile_attack", func(e event.Event) bool { return e.EventType == "shelling_artillery_missile_attack" }},
		{"two types comma-separated", "type=armed_clash,attack", func(e event.Event) bool { return e.EventType == "armed_clash" || e.EventType == "attack" }},
		{"two types repeated", "type=armed_clash&type=peaceful_protest", func(e event.Event) bool { return e.EventType == "armed_clash" || e.EventType == "peaceful_protest" }},
		{"actor as actor1 or actor2", "actor=SYR.GOV", func(e event.Event) bool {
			return (e.Actor1 != nil && e.Actor1.Code == "SYR.GOV") || (e.Actor2 != nil && e.Actor2.Code == "SYR.GOV")
		}},
		{"governorate", "admin1=" + url.QueryEscape("إدلب"), func(e event.Event) bool { return e.Location.Admin1 == "إدلب" }},
		{"date range", "from=2024-03-11&to=2024-03-15", func(e event.Event) bool { return *e.Date >= "2024-03-11" && *e.Date <= "2024-03-15" }},
		{"claimed", "claim=claimed", func(e event.Event) bool { return e.Claim != nil && e.Claim.Status == event.Claimed }},
		{"bbox around Idlib", "bbox=36.4,35.5,36.8,36.0", func(e event.Event) bool {
			return e.Location.Lon >= 36.4 && e.Location.Lon <= 36.8 && e.Location.Lat >= 35.5 && e.Location.Lat <= 36.0
		}},
		{"near Kansafra 10 km", "near=35.6464,36.5247&km=10", func(e event.Event) bool {
			return event.DistanceKm(35.6464, 36.5247, e.Location.Lat, e.Location.Lon) <= 10
		}},
		{"article", "doc=t-aleppo", func(e event.Event) bool { return e.Doc == "t-aleppo" }},
		{"text query", "q=" + url.QueryEscape("حميميم"), func(e event.Event) bool { return strings.Contains(event.Sentence(e), "حميميم") }},
		{"type and governorate", "type=air_drone_strike&admin1=" + url.QueryEscape("إدلب"), func(e event.Event) bool {
			return e.EventType == "air_drone_strike" && e.Location.Admin1 == "إدلب"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []string
			for _, e := range all {
				if tt.want(e) {
					want = append(want, e.ID)
				}
			}
			var p page
			if code := getJSON(t, ts.URL, "/api/v1/events?"+tt.query, &p); code != http.StatusOK {
				t.Fatalf("GET events?%s = %d", tt.query, code)
			}
			var got []string
			for _, e := range p.Events {
				got = append(got, e.ID)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("events?%s = %v; want %v", tt.query, got, want)
			}
			var st struct{ Events int }
			getJSON(t, ts.URL, "/api/v1/stats?"+tt.query, &st)
			if st.Events != len(want) {
				t.Errorf("stats?%s events = %d; want %d", tt.query, st.Events, len(want))
			}
			var fc struct{ Features []json.RawMessage }
			getJSON(t, ts.URL, "/api/v1/events.geojson?"+tt.query, &fc)
			if len(fc.Features) != len(want) {
				t.Errorf("events.geojson?%s has %d features; want %d", tt.query, len(fc.Features), len(want))
			}
		})
	}
}

func TestEventsPagination(t *testing.T) {
	fx := newFixture(t)
	ts := newServer(t, web.Options{Store: fx.store})
	for _, limit := range []int{1, 2, 4} {
		t.Run("limit "+strconv.Itoa(limit), func(t *testing.T) {
			seen := map[string]bool{}
			cursor := ""
			pages := 0
			for {
				q := "/api/v1/events?limit=" + strconv.Itoa(limit)
				if cursor != "" {
					q += "&cursor=" + url.QueryEscape(cursor)
				}
				var p page
				if code := getJSON(t, ts.URL, q, &p); code != http.StatusOK {
					t.Fatalf("GET %s = %d", q, code)
				}
				if len(p.Events) > limit {
					t.Fatalf("page of %d events; limit %d", len(p.Events), limit)
				}
				for _, e := range p.Events {
					if seen[e.ID] {
						t.Fatalf("event %s on two pages", e.ID)
					}
					seen[e.ID] = true
				}
				pages++
				if p.Next == "" || pages > 20 {
					break
				}
				cursor = p.Next
			}
			if len(seen) != len(fx.events()) {
				t.Errorf("pages held %d events; want %d", len(seen), len(fx.events()))
			}
		})
	}
}

func TestBadQueries(t *testing.T) {
	fx := newFixture(t)
	ts := newServer(t, web.Options{Store: fx.store})
	tests := []struct{ name, path string }{
		{"bad from", "/api/v1/events?from=10-03-2024"},
		{"from after to", "/api/v1/events?from=2024-03-20&to=2024-03-01"},
		{"unknown type", "/api/v1/events?type=picnic"},
		{"bad claim", "/api/v1/stats?claim=maybe"},
		{"bbox with three numbers", "/api/v1/events?bbox=1,2,3"},
		{"bbox inverted", "/api/v1/events.geojson?bbox=40,36,35,32"},
		{"near not numbers", "/api/v1/events?near=a,b"},
		{"negative km", "/api/v1/events?near=35,36&km=-1"},
		{"zero limit", "/api/v1/events?limit=0"},
		{"forged cursor", "/api/v1/events?cursor=bm90LWEtY3Vyc29y"},
		{"search without words", "/api/v1/search?q=+"},
		{"articles bad limit", "/api/v1/articles?limit=x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := http.Get(ts.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var body struct{ Error string }
			json.NewDecoder(res.Body).Decode(&body)
			if res.StatusCode != http.StatusBadRequest || body.Error == "" {
				t.Errorf("GET %s = %d %q; want 400 with an error", tt.path, res.StatusCode, body.Error)
			}
		})
	}
	for _, path := range []string{"/api/v1/events/no-such-event", "/api/v1/articles/no-such-article", "/api/v1/nothing"} {
		t.Run("404 "+path, func(t *testing.T) {
			if code := getJSON(t, ts.URL, path, nil); code != http.StatusNotFound {
				t.Errorf("GET %s = %d; want 404", path, code)
			}
		})
	}
}

type detail struct {
	event.StoredEvent
	EvidenceValid bool        `json:"evidence_valid"`
	Context       *event.Span `json:"context"`
	Segments      []struct {
		Text string `json:"text"`
		Mark bool   `json:"mark"`
	} `json:"segments"`
}

func TestEventDetail(t *testing.T) {
	fx := newFixture(t)
	ts := newServer(t, web.Options{Store: fx.store})
	for _, r := range fx.records {
		for i, e := range r.Events {
			id := event.EventIDs(r.Key, r.Events)[i]
			t.Run(r.Article.ID+"/"+strconv.Itoa(i), func(t *testing.T) {
				var d detail
				if code := getJSON(t, ts.URL, "/api/v1/events/"+id, &d); code != http.StatusOK {
					t.Fatalf("GET event %s = %d", id, code)
				}
				if d.EventType != e.EventType || d.Article.ID != r.Article.ID || d.Article.Title != r.Article.Title {
					t.Errorf("event %s = %s of %q; want %s of %q", id, d.EventType, d.Article.ID, e.EventType, r.Article.ID)
				}
				if !d.EvidenceValid {
					t.Errorf("evidence_valid = false")
				}
				var whole, marked strings.Builder
				for _, s := range d.Segments {
					whole.WriteString(s.Text)
					if s.Mark {
						marked.WriteString(s.Text)
					}
				}
				if whole.String() != r.Article.Text {
					t.Errorf("segments do not add up to the article text")
				}
				if marked.String() != e.Evidence[0].Text {
					t.Errorf("marked text = %q; want %q", marked.String(), e.Evidence[0].Text)
				}
				if d.Context == nil || !strings.Contains(d.Context.Text, e.Evidence[0].Text) ||
					r.Article.Text[d.Context.Start:d.Context.End] != d.Context.Text {
					t.Errorf("context = %+v; want the text around %q at its offsets", d.Context, e.Evidence[0].Text)
				}
			})
		}
	}
}

func TestArticles(t *testing.T) {
	fx := newFixture(t)
	ts := newServer(t, web.Options{Store: fx.store})
	var p struct {
		Articles []event.StoredArticle `json:"articles"`
	}
	if code := getJSON(t, ts.URL, "/api/v1/articles?limit=100", &p); code != http.StatusOK {
		t.Fatalf("GET articles = %d", code)
	}
	if len(p.Articles) != len(fx.records) {
		t.Fatalf("articles = %d; want %d", len(p.Articles), len(fx.records))
	}
	for _, r := range fx.records {
		for _, key := range []string{r.Article.ID, r.Key} {
			t.Run(key, func(t *testing.T) {
				var a event.StoredArticle
				// keys are URLs: escape them whole, slashes included
				if code := getJSON(t, ts.URL, "/api/v1/articles/"+url.PathEscape(key), &a); code != http.StatusOK {
					t.Fatalf("GET article %s = %d", key, code)
				}
				if a.Text != r.Article.Text || a.Events != len(r.Events) {
					t.Errorf("article %s: %d events, text %d bytes; want %d, %d", key, a.Events, len(a.Text), len(r.Events), len(r.Article.Text))
				}
			})
		}
	}
}

func TestTimelineAndSearch(t *testing.T) {
	fx := newFixture(t)
	ts := newServer(t, web.Options{Store: fx.store})
	var tl struct {
		Days   []string
		Series []struct {
			Type   string
			Counts []int
		}
	}
	if code := getJSON(t, ts.URL, "/api/v1/timeline", &tl); code != http.StatusOK {
		t.Fatalf("GET timeline = %d", code)
	}
	want := map[string]map[string]int{}
	for _, e := range fx.events() {
		if want[e.EventType] == nil {
			want[e.EventType] = map[string]int{}
		}
		want[e.EventType][*e.Date]++
	}
	if len(tl.Days) != 11 || tl.Days[0] != "2024-03-10" || tl.Days[10] != "2024-03-20" {
		t.Errorf("days = %v; want every day from 2024-03-10 to 2024-03-20", tl.Days)
	}
	for _, s := range tl.Series {
		for j, n := range s.Counts {
			if n != want[s.Type][tl.Days[j]] {
				t.Errorf("%s on %s = %d; want %d", s.Type, tl.Days[j], n, want[s.Type][tl.Days[j]])
			}
		}
	}
	if len(tl.Series) != len(want) {
		t.Errorf("%d series; want %d", len(tl.Series), len(want))
	}
	var p page
	if code := getJSON(t, ts.URL, "/api/v1/search?q="+url.QueryEscape("الميادين"), &p); code != http.StatusOK || len(p.Events) != 1 || p.Events[0].Doc != "t-mayadin" {
		t.Errorf("search الميادين = %d, %d events; want the Mayadin attack", code, len(p.Events))
	}
}

func TestServingHygiene(t *testing.T) {
	fx := newFixture(t)
	ts := newServer(t, web.Options{Store: fx.store})
	for _, path := range []string{"/", "/event/x", "/api/v1/events", "/ui/app.js", "/healthz", "/api/v1/nothing"} {
		t.Run("headers "+path, func(t *testing.T) {
			res, err := http.Get(ts.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			csp := res.Header.Get("Content-Security-Policy")
			for _, want := range []string{"script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "default-src 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("CSP %q lacks %q", csp, want)
				}
			}
			if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
				t.Errorf("CSP %q allows inline code", csp)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("no nosniff header")
			}
		})
	}
	t.Run("healthz", func(t *testing.T) {
		var h struct{ Status string }
		if code := getJSON(t, ts.URL, "/healthz", &h); code != http.StatusOK || h.Status != "ok" {
			t.Errorf("healthz = %d %q", code, h.Status)
		}
	})
	t.Run("metrics", func(t *testing.T) {
		getJSON(t, ts.URL, "/api/v1/events?limit=1", nil)
		res, err := http.Get(ts.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		text := string(b)
		for _, want := range []string{
			`raqib_http_requests_total{code="200",method="GET",route="GET /api/v1/events"}`,
			`raqib_http_request_duration_seconds_bucket{method="GET",route="GET /api/v1/events",le="+Inf"}`,
			"raqib_store_events " + strconv.Itoa(len(fx.events())),
			"raqib_store_articles " + strconv.Itoa(len(fx.records)),
		} {
			if !strings.Contains(text, want) {
				t.Errorf("metrics lack %q", want)
			}
		}
	})
	t.Run("no inline script or style in the UI", func(t *testing.T) {
		for _, path := range []string{"/", "/event/x"} {
			res, err := http.Get(ts.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			html := string(b)
			for _, bad := range []string{"<script>", "<style", " style=", " onclick=", " onload="} {
				if strings.Contains(html, bad) {
					t.Errorf("%s contains %q", path, bad)
				}
			}
		}
	})
	t.Run("static files, no listings", func(t *testing.T) {
		for path, want := range map[string]int{"/ui/vendor/leaflet/leaflet.js": 200, "/ui/vendor/world-atlas/countries-50m.json": 200, "/ui/": 404, "/ui/vendor/": 404} {
			if code := getJSON(t, ts.URL, path, nil); code != want {
				t.Errorf("GET %s = %d; want %d", path, code, want)
			}
		}
	})
}

func TestGracefulShutdown(t *testing.T) {
	fx := newFixture(t)
	s, err := web.New(web.Options{Store: fx.store})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln, 5*time.Second) }()
	if code := getJSON(t, "http://"+ln.Addr().String(), "/healthz", nil); code != http.StatusOK {
		t.Fatalf("healthz = %d", code)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve after cancel = %v; want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after its context was cancelled")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Errorf("server still answers after shutdown")
	}
}
