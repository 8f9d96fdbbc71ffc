package web_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/web"
)

func getRaw(t *testing.T, base, path string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	// a Transport that does not ask for gzip itself, so the test sees
	// what the server sends
	res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}

func TestListShape(t *testing.T) {
	fx := newFixture(t)
	ts := newServer(t, web.Options{Store: fx.store})
	t.Run("compact by default", func(t *testing.T) {
		_, b := getRaw(t, ts.URL, "/api/v1/events?actor=RUS.MIL")
		var p struct{ Events []map[string]json.RawMessage }
		if err := json.Unmarshal(b, &p); err != nil || len(p.Events) != 2 {
			t.Fatalf("list = %v, %d events; want 2", err, len(p.Events))
		}
		for _, k := range []string{"id", "doc", "event_type", "date", "location", "actor1", "actor2", "fatalities", "article"} {
			if _, ok := p.Events[0][k]; !ok {
				t.Errorf("compact event lacks %q: %s", k, b)
			}
		}
		for _, k := range []string{"evidence", "sentence", "source", "acled"} {
			if _, ok := p.Events[0][k]; ok {
				t.Errorf("compact event carries %q", k)
			}
		}
	})
	t.Run("fields adds what is asked", func(t *testing.T) {
		_, b := getRaw(t, ts.URL, "/api/v1/events?actor=RUS.MIL&fields=evidence,source")
		var p struct{ Events []map[string]json.RawMessage }
		if err := json.Unmarshal(b, &p); err != nil || len(p.Events) != 2 {
			t.Fatalf("list = %v, %d events", err, len(p.Events))
		}
		if _, ok := p.Events[0]["evidence"]; !ok {
			t.Errorf("fields=evidence: no evidence in %s", b)
		}
		if _, ok := p.Events[0]["acled"]; ok {
			t.Errorf("fields=evidence,source: acled too")
		}
	})
	t.Run("fields=all is the full event", func(t *testing.T) {
		var p page
		if code := getJSON(t, ts.URL, "/api/v1/events?actor=RUS.MIL&fields=all", &p); code != 200 || len(p.Events) != 2 || len(p.Events[0].Evidence) == 0 || p.Events[0].Sentence == "" {
			t.Errorf("fields=all = %d, %+v; want full events", code, p.Events)
		}
	})
	t.Run("unknown field", func(t *testing.T) {
		if code, msg := errorOf(t, ts.URL, "/api/v1/events?fields=password"); code != 400 || !strings.Contains(msg, "password") {
			t.Errorf("fields=password = %d %q; want 400", code, msg)
		}
	})
	t.Run("gzip for large answers", func(t *testing.T) {
		res, b := getRaw(t, ts.URL, "/api/v1/events?fields=all", "Accept-Encoding", "gzip")
		if res.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("Content-Encoding = %q; want gzip", res.Header.Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(strings.NewReader(string(b)))
		if err != nil {
			t.Fatal(err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil || !json.Valid(plain) || len(plain) <= len(b) {
			t.Errorf("gunzipped %d bytes into %d (err %v); want valid, larger JSON", len(b), len(plain), err)
		}
		// the same answer inflated as sent plain, from pooled writers too
		_, want := getRaw(t, ts.URL, "/api/v1/events?fields=all", "Accept-Encoding", "identity")
		for i := range 3 {
			_, b := getRaw(t, ts.URL, "/api/v1/events?fields=all", "Accept-Encoding", "gzip")
			zr, err := gzip.NewReader(strings.NewReader(string(b)))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(zr)
			if err != nil || string(got) != string(want) {
				t.Errorf("request %d: gunzipped answer (err %v) differs from the plain one:\n%s\nwant\n%s", i, err, got, want)
			}
		}
		res, _ = getRaw(t, ts.URL, "/api/v1/types", "Accept-Encoding", "identity")
		if res.Header.Get("Content-Encoding") != "" {
			t.Errorf("gzip sent to a client that did not ask for it")
		}
		res, _ = getRaw(t, ts.URL, "/api/v1/events/none", "Accept-Encoding", "gzip")
		if res.Header.Get("Content-Encoding") != "" || res.StatusCode != 404 {
			t.Errorf("a small 404 = %d %q; want plain", res.StatusCode, res.Header.Get("Content-Encoding"))
		}
	})
}

// countsStore counts the calls that read whole tables.
type countsStore struct {
	web.Store
	counts atomic.Int64
}

func (s *countsStore) Counts(ctx context.Context) (event.Counts, error) {
	s.counts.Add(1)
	return s.Store.Counts(ctx)
}

func (s *countsStore) Ping(ctx context.Context) error { return nil }

func TestHealthzOnlyPings(t *testing.T) {
	fx := newFixture(t)
	st := &countsStore{Store: fx.store}
	ts := newServer(t, web.Options{Store: st})
	for range 5 {
		if code := getJSON(t, ts.URL, "/healthz", nil); code != 200 {
			t.Fatalf("/healthz = %d", code)
		}
	}
	if n := st.counts.Load(); n != 0 {
		t.Errorf("/healthz counted the store %d times; want a ping only", n)
	}
	if err := fx.store.Ping(context.Background()); err != nil {
		t.Errorf("sqlite Ping: %v", err)
	}
}

// noCards is a store that keeps no cards: its Cards pages are Brief pages.
type noCards struct{ web.Store }

func (s noCards) Events(ctx context.Context, f event.Filter) (event.Page, error) {
	f.Cards = false
	return s.Store.Events(ctx, f)
}

// A list page made of stored cards is, byte for byte, the page of compact
// events a store without cards gives, for every filter shape and page; so
// is the GeoJSON read from cards.
func TestListCardsAsCompact(t *testing.T) {
	fx := newFixture(t)
	cards := newServer(t, web.Options{Store: fx.store, CacheTTL: -1})
	plain := newServer(t, web.Options{Store: noCards{fx.store}, CacheTTL: -1})
	for _, q := range []string{"", "?limit=2", "?actor=RUS.MIL", "?type=air_drone_strike", "?q=قصف", "?near=35.7,36.6&km=50",
		"?bbox=36,35,37,36.5", "?from=2020-01-01&to=2030-12-31"} {
		path := "/api/v1/events" + q
		for path != "" {
			_, got := getRaw(t, cards.URL, path)
			_, want := getRaw(t, plain.URL, path)
			if string(got) != string(want) {
				t.Fatalf("%s: from cards\n%s\nwant\n%s", path, got, want)
			}
			var p struct {
				Events []struct{ ID string }
				Next   string
			}
			if err := json.Unmarshal(got, &p); err != nil {
				t.Fatalf("%s: %v: %s", path, err, got)
			}
			if q == "" && len(p.Events) == 0 {
				t.Fatalf("%s: no events", path)
			}
			_, gotGeo := getRaw(t, cards.URL, strings.Replace(path, "/events", "/events.geojson", 1))
			_, wantGeo := getRaw(t, plain.URL, strings.Replace(path, "/events", "/events.geojson", 1))
			if string(gotGeo) != string(wantGeo) || !strings.Contains(string(wantGeo), `"Feature"`) && len(p.Events) > 0 {
				t.Fatalf("%s: GeoJSON from cards\n%s\nwant\n%s", path, gotGeo, wantGeo)
			}
			path = ""
			if p.Next != "" {
				path = "/api/v1/events" + q
				if q == "" {
					path += "?"
				} else {
					path += "&"
				}
				path += "cursor=" + p.Next
			}
		}
	}
}
