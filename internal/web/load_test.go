//go:build loadtest

// The load test: 200 concurrent readers of /api/v1/events for 30 s against
// a store of 50,000 generated events, over loopback, through the server's
// real timeouts. It is behind a build tag because it takes about a minute:
//
//	go test -tags loadtest -run TestLoad -v ./internal/web
//
// RAQIB_LOAD_EVENTS, RAQIB_LOAD_READERS and RAQIB_LOAD_DURATION change the
// size, the concurrency and the length.
package web_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/sqlite"
	"github.com/raqib/raqib/internal/web"
)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

type loadPlace struct {
	name, admin1 string
	lat, lon     float64
}

var loadPlaces = []loadPlace{
	{"كنصفرة", "إدلب", 35.646, 36.525}, {"البارة", "إدلب", 35.680, 36.539}, {"سرمين", "إدلب", 35.907, 36.724},
	{"أريحا", "إدلب", 35.813, 36.608}, {"معرة النعمان", "إدلب", 35.644, 36.671}, {"الأتارب", "حلب", 36.138, 36.830},
	{"الراشدين", "حلب", 36.180, 37.080}, {"منبج", "حلب", 36.528, 37.955}, {"الباب", "حلب", 36.370, 37.517},
	{"كفرنبودة", "حماة", 35.457, 36.510}, {"اللطامنة", "حماة", 35.323, 36.615}, {"حميميم", "اللاذقية", 35.411, 35.949},
	{"كباني", "اللاذقية", 35.767, 36.180}, {"الميادين", "دير الزور", 35.020, 40.453}, {"البوكمال", "دير الزور", 34.452, 40.918},
	{"درعا البلد", "درعا", 32.613, 36.103}, {"طفس", "درعا", 32.740, 36.070}, {"تدمر", "حمص", 34.560, 38.267},
	{"الرستن", "حمص", 34.927, 36.733}, {"القامشلي", "الحسكة", 37.051, 41.227},
}

var loadActors = []string{"SYR.GOV", "SYR.OPP", "HTS", "RUS.MIL", "TUR.MIL", "SDF", "ISIS", "UNK", "CIV", "IRN.MIL"}

// loadRecords generates n events, five to an article, over two years.
func loadRecords(n int) []event.Record {
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	var recs []event.Record
	for a := 0; a*5 < n; a++ {
		day := start.AddDate(0, 0, a%730)
		pub := day.Format("2006-01-02")
		var text string
		var spans []event.Span
		for j := range 5 {
			p := loadPlaces[(a*7+j*3)%len(loadPlaces)]
			s := fmt.Sprintf("وأفاد مراسلنا بأن حادثة رقم %d وقعت في %s بريف %s وأسفرت عن أضرار مادية. ", a*5+j, p.name, p.admin1)
			spans = append(spans, event.Span{Start: len(text), End: len(text) + len(s) - 1, Text: s[:len(s)-1]})
			text += s
		}
		r := event.Record{Article: event.Article{ID: fmt.Sprintf("load-%d", a), Published: pub, Outlet: "وكالة الحمل",
			Title: fmt.Sprintf("تقرير ميداني %d", a), URL: fmt.Sprintf("https://load.example/%d", a), Text: text}}
		for j := range 5 {
			if a*5+j >= n {
				break
			}
			p := loadPlaces[(a*7+j*3)%len(loadPlaces)]
			ty := event.Types[(a+j)%len(event.Types)].Code
			d := day.AddDate(0, 0, -j%2).Format("2006-01-02")
			r.Events = append(r.Events, event.Event{
				Doc: r.Article.ID, EventType: ty, Date: &d, DatePrecision: "day",
				Location: &event.Location{Name: p.name, Lat: p.lat + float64(j)*0.01, Lon: p.lon, Admin1: p.admin1, Country: "SYR", GeoPrecision: 1},
				Actor1:   &event.Actor{Code: loadActors[(a+j)%len(loadActors)], Text: "فاعل"},
				Actor2:   &event.Actor{Code: loadActors[(a*3+j)%len(loadActors)], Text: "طرف"},
				Evidence: []event.Span{spans[j]},
			})
		}
		recs = append(recs, r)
	}
	return recs
}

func TestLoad(t *testing.T) {
	nEvents := envInt("RAQIB_LOAD_EVENTS", 50000)
	readers := envInt("RAQIB_LOAD_READERS", 200)
	duration := 30 * time.Second
	if d, err := time.ParseDuration(os.Getenv("RAQIB_LOAD_DURATION")); err == nil && d > 0 {
		duration = d
	}
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "load.db")
	st, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	began := time.Now()
	recs := loadRecords(nEvents)
	for i := 0; i < len(recs); i += 500 {
		if _, err := st.Put(ctx, recs[i:min(i+500, len(recs))]); err != nil {
			t.Fatal(err)
		}
	}
	c, err := st.Counts(ctx)
	if err != nil || c.Events < nEvents {
		t.Fatalf("store holds %d events (%v); want %d", c.Events, err, nEvents)
	}
	t.Logf("stored %d events in %d articles in %s", c.Events, c.Articles, time.Since(began).Round(time.Millisecond))
	if os.Getenv("RAQIB_LOAD_ANALYZE") != "" {
		db, err := sql.Open("sqlite", dbPath)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("ANALYZE"); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}

	opt := web.Options{Store: st}
	if os.Getenv("RAQIB_LOAD_NOCACHE") != "" {
		opt.CacheTTL = -1
	}
	srv, err := web.New(opt)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(sctx, ln, 10*time.Second) }()
	defer func() {
		stop()
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
	base := "http://" + ln.Addr().String() + "/api/v1/events"
	queries := []string{
		"", "?limit=50", "?type=air_drone_strike", "?type=armed_clash,attack",
		"?admin1=" + url.QueryEscape("إدلب"), "?actor=RUS.MIL", "?from=2024-03-01&to=2024-03-31",
		"?bbox=36.3,35.5,36.9,36.0", "?near=35.65,36.55&km=15", "?claim=reported&admin1=" + url.QueryEscape("حلب"),
		"?q=" + url.QueryEscape("الميادين"),
	}
	// and month windows of every type group, so that not every answer is
	// one the read cache already holds
	for m := range 24 {
		first := time.Date(2023, time.Month(1+m), 1, 0, 0, 0, 0, time.UTC)
		w := "?from=" + first.Format("2006-01-02") + "&to=" + first.AddDate(0, 1, -1).Format("2006-01-02")
		queries = append(queries, w, w+"&type="+event.Types[m%len(event.Types)].Code)
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConns: readers * 2, MaxIdleConnsPerHost: readers * 2}}

	for _, q := range queries[:11] { // one at a time first, to see what each costs
		t0 := time.Now()
		res, err := client.Get(base + q)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		t.Logf("alone: %-60s %d in %s", q, res.StatusCode, time.Since(t0).Round(100*time.Microsecond))
	}

	var mu sync.Mutex
	var lat []time.Duration
	var errs []string
	deadline := time.Now().Add(duration)
	var wg sync.WaitGroup
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			var bad []string
			next := ""
			for i := r; time.Now().Before(deadline); i++ {
				u := base + queries[i%len(queries)]
				if next != "" { // every other request follows the previous page's cursor
					u = base + "?cursor=" + url.QueryEscape(next)
				}
				t0 := time.Now()
				res, err := client.Get(u)
				if err != nil {
					bad = append(bad, err.Error())
					continue
				}
				var p struct {
					Events []json.RawMessage `json:"events"`
					Next   string            `json:"next"`
				}
				derr := json.NewDecoder(res.Body).Decode(&p)
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				mine = append(mine, time.Since(t0))
				switch {
				case res.StatusCode != http.StatusOK:
					bad = append(bad, fmt.Sprintf("%s: %d", u, res.StatusCode))
				case derr != nil:
					bad = append(bad, fmt.Sprintf("%s: %v", u, derr))
				}
				if next == "" && i%len(queries) == 0 {
					next = p.Next
				} else {
					next = ""
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs = append(errs, bad...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Errorf("%d errors, the first: %s", len(errs), errs[0])
	}
	if len(lat) == 0 {
		t.Fatal("no requests completed")
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		return lat[min(len(lat)-1, int(float64(len(lat))*p))].Round(100 * time.Microsecond)
	}
	report := fmt.Sprintf("load: %d events, %d readers, %d distinct queries + cursors, %s: %d requests (%.0f/s), %d errors; p50 %s p95 %s p99 %s max %s",
		c.Events, readers, len(queries), duration, len(lat), float64(len(lat))/duration.Seconds(), len(errs), pct(0.50), pct(0.95), pct(0.99), lat[len(lat)-1].Round(100*time.Microsecond))
	t.Log(report)
	fmt.Println(report)
}
