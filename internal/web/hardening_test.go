package web_test

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/raqib/raqib/internal/postgres"
	"github.com/raqib/raqib/internal/web"
)

// pgStore opens a PostgreSQL store in a fresh schema on the test server
// (scripts/postgres.sh), filled with the fixture's records.
func pgStore(t *testing.T) web.Store {
	t.Helper()
	dsn := os.Getenv("RAQIB_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("RAQIB_TEST_POSTGRES is not set; in CI the PostgreSQL tests must run")
		}
		t.Skip("RAQIB_TEST_POSTGRES is not set; run eval \"$(scripts/postgres.sh)\" to test against PostgreSQL")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	schema := "raqib_web_" + hex.EncodeToString([]byte(rand.Text()[:8]))
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Error(err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Error(err)
		}
	})
	var sdsn string
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		sdsn = u.String()
	} else {
		sdsn = dsn + " search_path=" + schema
	}
	st, err := postgres.Open(ctx, sdsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	recs := fixtureRecords()
	for i := range recs {
		recs[i].Normalize()
	}
	if _, err := st.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	return st
}

// errorOf GETs path and returns the status and the error message.
func errorOf(t *testing.T, base, path string) (int, string) {
	t.Helper()
	res, err := http.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct{ Error string }
	_ = json.NewDecoder(res.Body).Decode(&body)
	return res.StatusCode, body.Error
}

func TestUnknownParameters(t *testing.T) {
	fx := newFixture(t)
	ts := newServer(t, web.Options{Store: fx.store})
	tests := []struct{ name, path, wantInError string }{
		{"junk on the list", "/api/v1/events?limit=1000&junk=7", `"junk"`},
		{"nation is not a filter", "/api/v1/events?nation=SYR", `"nation"`},
		{"offset is not paging", "/api/v1/events?offset=100", `"offset"`},
		{"sort is not an option", "/api/v1/stats?sort=date", `"sort"`},
		{"junk on geojson", "/api/v1/events.geojson?x=1", `"x"`},
		{"junk on the timeline", "/api/v1/timeline?x=1", `"x"`},
		{"junk on search", "/api/v1/search?q=قصف&x=1", `"x"`},
		{"junk on one event", "/api/v1/events/abc?x=1", `"x"`},
		{"junk on articles", "/api/v1/articles?type=attack", `"type"`},
		{"junk on types", "/api/v1/types?x=1", `"x"`},
		{"a single value twice", "/api/v1/events?from=2024-01-01&from=2024-02-01", "want once"},
		{"km without near", "/api/v1/events?km=5", "near"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := errorOf(t, ts.URL, tt.path)
			if code != http.StatusBadRequest || !strings.Contains(msg, tt.wantInError) {
				t.Errorf("GET %s = %d %q; want 400 naming %s", tt.path, code, msg, tt.wantInError)
			}
		})
	}
	// Repeatable lists stay repeatable.
	if code, msg := errorOf(t, ts.URL, "/api/v1/events?type=attack&type=armed_clash&actor=SYR.GOV&actor=CIV"); code != http.StatusOK {
		t.Errorf("repeated type and actor = %d %q; want 200", code, msg)
	}
}

// TestNULAndInvalidUTF8 checks that both stores give the same answer — 400
// with a clear message — for a NUL byte or invalid UTF-8 in any filter
// value or path id (PostgreSQL used to answer 500, SQLite 200).
func TestNULAndInvalidUTF8(t *testing.T) {
	stores := map[string]func(*testing.T) web.Store{
		"sqlite":   func(t *testing.T) web.Store { return newFixture(t).store },
		"postgres": pgStore,
	}
	paths := []string{
		"/api/v1/events?actor=%00", "/api/v1/events?admin1=%00", "/api/v1/events?doc=%00", "/api/v1/events?q=%00",
		"/api/v1/stats?admin1=%00", "/api/v1/events.geojson?actor=SYR.GOV,%00", "/api/v1/timeline?doc=a%00b",
		"/api/v1/articles?outlet=%00", "/api/v1/events/%00", "/api/v1/articles/%00",
		"/api/v1/events?actor=%c0%ae", "/api/v1/events?admin1=%ff%fe", "/api/v1/events/%c0%ae", "/api/v1/articles/%ff",
		"/api/v1/search?q=%ff", "/api/v1/events?cursor=%00",
	}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			ts := newServer(t, web.Options{Store: open(t)})
			for _, p := range paths {
				code, msg := errorOf(t, ts.URL, p)
				if code != http.StatusBadRequest || !(strings.Contains(msg, "NUL") || strings.Contains(msg, "UTF-8")) {
					t.Errorf("GET %s = %d %q; want 400 saying NUL or UTF-8", p, code, msg)
				}
			}
		})
	}
}

func TestUIPathTricks(t *testing.T) {
	fx := newFixture(t)
	ts := newServer(t, web.Options{Store: fx.store})
	for _, p := range []string{"/ui/%c0%ae%c0%ae/etc/passwd", "/ui/%c0%ae%c0%ae%2f%c0%ae%c0%ae%2fetc%2fpasswd", "/ui/%ff",
		"/ui/app.js%00", "/ui/..%2f..%2fetc%2fpasswd", "/ui/vendor/%c0%af"} {
		res, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d; want 404", p, res.StatusCode)
		}
	}
	if code := getJSON(t, ts.URL, "/ui/app.js", nil); code != http.StatusOK {
		t.Errorf("GET /ui/app.js = %d; want 200", code)
	}
}

// slowPost opens a connection, sends a POST's headers announcing a body
// and none of it, and returns the status line it reads and how long that
// took (0 and the time waited when nothing came within wait).
func slowPost(t *testing.T, addr, token string, wait time.Duration) (string, time.Duration) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	req := "POST /api/v1/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100000\r\n"
	if token != "" {
		req += "Authorization: Bearer " + token + "\r\n"
	}
	start := time.Now()
	if _, err := io.WriteString(c, req+"\r\n{\"id\":"); err != nil {
		t.Fatal(err)
	}
	_ = c.SetReadDeadline(time.Now().Add(wait))
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return "", time.Since(start)
	}
	return strings.TrimSpace(line), time.Since(start)
}

func TestWriteAPISlowBody(t *testing.T) {
	fx := newFixture(t)
	s, err := web.New(web.Options{Store: fx.store, Token: "tok", Extractor: fakeExtractor{}, BodyTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	addr := strings.TrimPrefix(ts.URL, "http://")

	t.Run("no token: 401 at once", func(t *testing.T) {
		line, took := slowPost(t, addr, "", 5*time.Second)
		if !strings.Contains(line, "401") || took > 2*time.Second {
			t.Errorf("slow body without a token: %q after %v; want 401 at once", line, took)
		}
	})
	t.Run("wrong token: 401 at once", func(t *testing.T) {
		line, took := slowPost(t, addr, "nope", 5*time.Second)
		if !strings.Contains(line, "401") || took > 2*time.Second {
			t.Errorf("slow body with a wrong token: %q after %v; want 401 at once", line, took)
		}
	})
	t.Run("token: the body times out", func(t *testing.T) {
		line, took := slowPost(t, addr, "tok", 10*time.Second)
		if !strings.Contains(line, "408") || took < 250*time.Millisecond || took > 5*time.Second {
			t.Errorf("slow body with the token: %q after %v; want 408 after the 300ms body deadline", line, took)
		}
	})
}

// TestJunkQueriesBoundedCache drives the server with 2,048 distinct junk
// queries (all refused, none kept) and then 2,048 distinct valid ones that
// each ask for a full page, and checks the cache's own byte accounting
// never passes its budget.
func TestJunkQueriesBoundedCache(t *testing.T) {
	fx := newFixture(t)
	const budget = 64 << 10
	s, err := web.New(web.Options{Store: fx.store, CacheTTL: time.Minute, CacheBytes: budget})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	for i := range 2048 {
		p := fmt.Sprintf("/api/v1/events?limit=1000&junk=%d", i)
		if code, _ := errorOf(t, ts.URL, p); code != http.StatusBadRequest {
			t.Fatalf("GET %s = %d; want 400", p, code)
		}
	}
	if b, n := web.CacheBytes(s); b != 0 || n != 0 {
		t.Fatalf("after 2,048 refused queries the cache holds %d answers, %d bytes; want none", n, b)
	}
	peak, peakN := int64(0), 0
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 2048 {
		p := "/api/v1/events?limit=1000&from=" + day.AddDate(0, 0, i%700).Format("2006-01-02") + "&q=" + []string{"", "قصف", "إدلب"}[i/700]
		var pg page
		if code := getJSON(t, ts.URL, p, &pg); code != http.StatusOK {
			t.Fatalf("GET %s = %d; want 200", p, code)
		}
		b, n := web.CacheBytes(s)
		peak, peakN = max(peak, b), max(peakN, n)
	}
	if peak > budget {
		t.Errorf("the cache held %d bytes at its peak; want at most its budget %d", peak, budget)
	}
	if peakN < 3 || peak < budget/2 {
		t.Errorf("the cache held at most %d answers, %d bytes; want it used (≥ 3 answers, ≥ half its budget)", peakN, peak)
	}
}

func TestMetricsElsewhere(t *testing.T) {
	fx := newFixture(t)
	s, err := web.New(web.Options{Store: fx.store, NoMetrics: true})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	if code := getJSON(t, ts.URL, "/metrics", nil); code != http.StatusNotFound {
		t.Errorf("GET /metrics on the main handler with NoMetrics = %d; want 404", code)
	}
	ms := httptest.NewServer(s.MetricsHandler())
	t.Cleanup(ms.Close)
	res, err := http.Get(ms.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || !strings.Contains(string(b), "raqib_read_cache_bytes") {
		t.Errorf("metrics handler = %d without raqib_read_cache_bytes", res.StatusCode)
	}
}
