package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/raqib/raqib/internal/event"
)

// runBenchServe measures read speed: it fills a store with N events made
// from real extracted ones (replicated with new ids and shifted dates,
// written through the store's batch Put), starts the real `raqib serve` on
// it with the read cache off, and times the list endpoint per query shape
// from one client and then from many.
func runBenchServe(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("bench serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := fs.String("db", "", "store to fill and serve: a postgres:// DSN or a SQLite file (default: a temporary SQLite file, removed afterwards)")
	seed := fs.String("seed", defaultDB(e), "store holding real extracted events to replicate (fill one with raqib ingest)")
	n := fs.Int("events", 10000, "events the served store should hold; a --db that holds at least this many is used as it is")
	requests := fs.Int("requests", 100, "requests per query shape from the single client")
	clients := fs.Int("clients", 50, "concurrent clients of the second phase")
	duration := fs.Duration("duration", 20*time.Second, "length of the concurrent phase")
	fillOnly := fs.Bool("fill-only", false, "fill --db to --events and stop, measuring nothing (build a large store apart from the timed runs)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: raqib bench serve [flags]")
		fmt.Fprintln(e.stderr, "Fills a store with --events events replicated from --seed, serves it with `raqib serve` (read cache off)")
		fmt.Fprintln(e.stderr, "and reports p50/p95/p99 per query shape for one client and for --clients, and the server's memory.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 0 || *n < 1 || *requests < 1 || *clients < 1 || (*fillOnly && *db == "") {
		fs.Usage()
		return exitUsage
	}
	dsn := *db
	if dsn == "" {
		dir, err := os.MkdirTemp("", "raqib-bench-serve-")
		if err != nil {
			fmt.Fprintln(e.stderr, "raqib bench serve:", err)
			return exitUsage
		}
		defer os.RemoveAll(dir)
		dsn = filepath.Join(dir, "bench.db")
	}
	w := e.stdout
	seedRecs, err := seedRecords(ctx, *seed)
	if err != nil {
		fmt.Fprintf(e.stderr, "raqib bench serve: --seed %s: %v\n", redactDSN(*seed), err)
		return exitUsage
	}
	store, err := openStore(ctx, dsn)
	if err != nil {
		fmt.Fprintf(e.stderr, "raqib bench serve: %s: %v\n", redactDSN(dsn), err)
		return exitUsage
	}
	c, err := store.Counts(ctx)
	if err == nil && c.Events < *n {
		start := time.Now()
		var added int
		added, err = fillStore(ctx, store, seedRecs, c.Events, *n, e.stderr)
		fmt.Fprintf(w, "filled %s: %d events added in %.1f s (%.0f events/s)\n", redactDSN(dsn), added, time.Since(start).Seconds(), float64(added)/time.Since(start).Seconds())
	}
	if a, ok := store.(interface{ Analyze(context.Context) error }); ok && err == nil {
		err = a.Analyze(ctx) // PostgreSQL plans by its statistics: fresh ones, as autovacuum would give
	}
	if err == nil {
		c, err = store.Counts(ctx)
	}
	store.Close()
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib bench serve:", err)
		return exitPartial
	}
	if *fillOnly {
		fmt.Fprintf(w, "%s holds %d events, %d articles\n", redactDSN(dsn), c.Events, c.Articles)
		return exitOK
	}

	srv, err := startServe(ctx, dsn, e.stderr)
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib bench serve:", err)
		return exitPartial
	}
	defer srv.stop()
	shapes := benchShapes(seedRecs)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *clients + 4}, Timeout: 60 * time.Second}

	fmt.Fprintf(w, "\nraqib bench serve: %d events, %d articles in %s; uncached GET /api/v1/events (limit 100) on 127.0.0.1\n\n", c.Events, c.Articles, redactDSN(dsn))
	fmt.Fprintf(w, "| shape | p50 ms | p95 ms | p99 ms | errors | events an answer |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
	rng := rand.New(rand.NewPCG(1, 2))
	worst := 0.0
	answered := 0.0 // mean events an answer over the shapes, as the many clients draw them
	for _, sh := range shapes {
		// one warm-up request, as a live server has seen its queries before
		_, _, _ = benchGet(ctx, client, srv.base+sh.query(rng))
		var lat []time.Duration
		errs := 0
		for range *requests {
			d, _, err := benchGet(ctx, client, srv.base+sh.query(rng))
			if err != nil {
				errs++
				continue
			}
			lat = append(lat, d)
		}
		p := percentiles(lat)
		worst = max(worst, p[1])
		// how many events the shape's answers hold, counted after the
		// timed requests on answers of their own
		n, err := benchCount(ctx, client, srv.base, sh, rand.New(rand.NewPCG(5, 6)), 20)
		if err != nil {
			errs++
		}
		answered += n / float64(len(shapes))
		fmt.Fprintf(w, "| %s | %.1f | %.1f | %.1f | %d | %.0f |\n", sh.name, p[0], p[1], p[2], errs, n)
	}
	fmt.Fprintf(w, "\nworst single-client p95: %.1f ms\n", worst)
	// The unfiltered stats the UI asks for on every visit: from counts kept
	// at ingest where the store keeps them, else a count of every event.
	var slat []time.Duration
	serrs := 0
	for range 10 {
		d, _, err := benchGet(ctx, client, srv.base+"/api/v1/stats")
		if err != nil {
			serrs++
			continue
		}
		slat = append(slat, d)
	}
	p := percentiles(slat)
	fmt.Fprintf(w, "GET /api/v1/stats (unfiltered, 10 requests): p50 %.1f ms, max %.1f ms, %d errors\n", p[0], p[2], serrs)

	// The counts the UI asks for on every filter change, over the whole
	// store and over one type.
	typ := "attack"
	if len(seedRecs) > 0 && len(seedRecs[0].Events) > 0 {
		typ = seedRecs[0].Events[0].EventType
	}
	for _, path := range []string{"/api/v1/stats", "/api/v1/timeline", "/api/v1/stats?type=" + url.QueryEscape(typ)} {
		var lat []time.Duration
		errs := 0
		for range 5 {
			d, _, err := benchGet(ctx, client, srv.base+path)
			if err != nil {
				errs++
				continue
			}
			lat = append(lat, d)
		}
		slices.Sort(lat)
		if len(lat) == 0 {
			fmt.Fprintf(w, "GET %s: %d errors\n", path, errs)
			continue
		}
		fmt.Fprintf(w, "GET %s: median %.1f ms, slowest %.1f ms of 5, %d errors\n", path,
			float64(lat[len(lat)/2].Microseconds())/1000, float64(lat[len(lat)-1].Microseconds())/1000, errs)
	}

	// Many clients, every request a random shape.
	var mu sync.Mutex
	var all []time.Duration
	var received int64
	errs := 0
	cctx, cancel := context.WithTimeout(ctx, *duration)
	defer cancel()
	cpu0, cpuOK := srv.cpu()
	self0, selfOK := procCPU("self")
	start := time.Now()
	var wg sync.WaitGroup
	for i := range *clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(i)+10, 3))
			var mine []time.Duration
			var got int64
			bad := 0
			for cctx.Err() == nil {
				sh := shapes[r.IntN(len(shapes))]
				d, n, err := benchGet(ctx, client, srv.base+sh.query(r))
				if cctx.Err() != nil && d > 0 && err == nil {
					mine, got = append(mine, d), got+n
					break
				}
				if err != nil {
					bad++
					continue
				}
				mine, got = append(mine, d), got+n
			}
			mu.Lock()
			all, errs, received = append(all, mine...), errs+bad, received+got
			mu.Unlock()
		}()
	}
	wg.Wait()
	el := time.Since(start).Seconds()
	cpu1, cpu1OK := srv.cpu()
	self1, self1OK := procCPU("self")
	p = percentiles(all)
	fmt.Fprintf(w, "%d concurrent clients for %.0f s: %.0f req/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %d errors\n",
		*clients, el, float64(len(all))/el, p[0], p[1], p[2], errs)
	if len(all) > 0 {
		fmt.Fprintf(w, "received %.1f KB per answer as sent (gzip where the server compressed it)\n", float64(received)/1024/float64(len(all)))
	}
	if cpuOK && cpu1OK && len(all) > 0 {
		// CPU time per request moves far less than req/s when other work
		// shares the machine: the figure to compare between runs there.
		ms := float64((cpu1 - cpu0).Microseconds()) / 1000 / float64(len(all))
		fmt.Fprintf(w, "raqib serve CPU in that phase: %.2f ms per request (user + system)", ms)
		if answered > 0 {
			// the shapes answer fewer events on a small store: the cost of
			// an answer over its size
			fmt.Fprintf(w, "; answers hold %.0f events on average (the shapes' counts above), %.1f µs per event", answered, ms*1000/answered)
		}
		fmt.Fprintln(w)
	}
	if selfOK && self1OK && len(all) > 0 {
		// the clients run on the same machine: what they take is not
		// the server's to use
		fmt.Fprintf(w, "bench clients' CPU in that phase: %.2f ms per request\n",
			float64((self1-self0).Microseconds())/1000/float64(len(all)))
	}
	rss, hwm := srv.memory()
	fmt.Fprintf(w, "raqib serve memory: RSS %.0f MB now, peak %.0f MB (VmHWM)\n", float64(rss)/(1<<20), float64(hwm)/(1<<20))
	return exitOK
}

// benchShape is a kind of query with parameters drawn from the data.
type benchShape struct {
	name  string
	query func(r *rand.Rand) string
}

func benchShapes(seed []event.Record) []benchShape {
	var types, actors []string
	type pt struct{ lat, lon float64 }
	var pts []pt
	seenT, seenA := map[string]bool{}, map[string]bool{}
	for _, r := range seed {
		for _, ev := range r.Events {
			if !seenT[ev.EventType] {
				seenT[ev.EventType] = true
				types = append(types, ev.EventType)
			}
			for _, a := range []*event.Actor{ev.Actor1, ev.Actor2} {
				if a != nil && a.Code != "" && !seenA[a.Code] {
					seenA[a.Code] = true
					actors = append(actors, a.Code)
				}
			}
			if l := ev.Location; l != nil && (l.Lat != 0 || l.Lon != 0) {
				pts = append(pts, pt{l.Lat, l.Lon})
			}
		}
	}
	slices.Sort(types)
	slices.Sort(actors)
	if len(pts) == 0 {
		pts = []pt{{35.9, 36.6}}
	}
	if len(types) == 0 {
		types = []string{"attack"}
	}
	if len(actors) == 0 {
		actors = []string{"SYR.GOV"}
	}
	words := []string{"قصف", "غارة", "اشتباكات", "إدلب", "مقتل", "طائرة مسيرة", "حلب", "قوات النظام"}
	q := func(kv ...string) string {
		v := url.Values{"limit": {"100"}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return "/api/v1/events?" + v.Encode()
	}
	day := func(r *rand.Rand) time.Time { return benchEpoch.AddDate(0, 0, -r.IntN(benchSpanDays)) }
	return []benchShape{
		{"latest", func(*rand.Rand) string { return q() }},
		{"type", func(r *rand.Rand) string { return q("type", types[r.IntN(len(types))]) }},
		{"actor", func(r *rand.Rand) string { return q("actor", actors[r.IntN(len(actors))]) }},
		{"date range (30 days)", func(r *rand.Rand) string {
			d := day(r)
			return q("from", d.AddDate(0, 0, -30).Format("2006-01-02"), "to", d.Format("2006-01-02"))
		}},
		{"bbox (±0.5°)", func(r *rand.Rand) string {
			p := pts[r.IntN(len(pts))]
			return q("bbox", fmt.Sprintf("%.3f,%.3f,%.3f,%.3f", p.lon-0.5, p.lat-0.5, p.lon+0.5, p.lat+0.5))
		}},
		{"near (10 km)", func(r *rand.Rand) string {
			p := pts[r.IntN(len(pts))]
			return q("near", fmt.Sprintf("%.4f,%.4f", p.lat, p.lon), "km", "10")
		}},
		{"Arabic words", func(r *rand.Rand) string { return q("q", words[r.IntN(len(words))]) }},
		{"type + date range", func(r *rand.Rand) string {
			d := day(r)
			return q("type", types[r.IntN(len(types))], "from", d.AddDate(0, 0, -90).Format("2006-01-02"), "to", d.Format("2006-01-02"))
		}},
	}
}

// Replicas are spread over benchSpanDays days before benchEpoch.
var benchEpoch = time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)

const benchSpanDays = 10 * 365

// benchGet times one GET of u, to the last byte of the answer, and returns
// the bytes received. It asks for gzip itself, as a browser does, so that
// Go's Transport leaves the answer compressed: the server still compresses
// every answer it would compress for a browser, but the client, which runs
// on the same machine and throws the answer away, does not spend CPU the
// server could use inflating it (a full page at a million events is
// ~60 KB of JSON; a page of the small store's shapes a fraction of it, so
// inflating on the client had cost the large store's runs more).
func benchGet(ctx context.Context, c *http.Client, u string) (time.Duration, int64, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	start := time.Now()
	res, err := c.Do(req)
	if err != nil {
		return 0, 0, err
	}
	n, err := io.Copy(io.Discard, res.Body)
	res.Body.Close()
	d := time.Since(start)
	if err == nil && res.StatusCode != http.StatusOK {
		err = fmt.Errorf("%s: %s", u, res.Status)
	}
	return d, n, err
}

// benchCount returns the mean number of events in n answers of sh.
func benchCount(ctx context.Context, c *http.Client, base string, sh benchShape, r *rand.Rand, n int) (float64, error) {
	total := 0
	for range n {
		req, err := http.NewRequestWithContext(ctx, "GET", base+sh.query(r), nil)
		if err != nil {
			return 0, err
		}
		res, err := c.Do(req)
		if err != nil {
			return 0, err
		}
		var page struct{ Events []json.RawMessage }
		err = json.NewDecoder(io.LimitReader(res.Body, 64<<20)).Decode(&page)
		res.Body.Close()
		if err != nil {
			return 0, err
		}
		total += len(page.Events)
	}
	return float64(total) / float64(n), nil
}

// percentiles returns p50, p95 and p99 in milliseconds.
func percentiles(d []time.Duration) [3]float64 {
	if len(d) == 0 {
		return [3]float64{}
	}
	slices.Sort(d)
	at := func(p float64) float64 {
		i := min(len(d)-1, int(p*float64(len(d))))
		return float64(d[i].Microseconds()) / 1000
	}
	return [3]float64{at(0.50), at(0.95), at(0.99)}
}

// seedRecords reads every event of a store with its article, as records.
func seedRecords(ctx context.Context, dsn string) ([]event.Record, error) {
	if !strings.Contains(dsn, "://") {
		if _, err := os.Stat(dsn); err != nil {
			return nil, err
		}
	}
	st, err := openStore(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	byKey := map[string]*event.Record{}
	var order []string
	f := event.Filter{Limit: event.MaxLimit}
	for {
		p, err := st.Events(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, se := range p.Events {
			r, ok := byKey[se.Article.Key]
			if !ok {
				a, err := st.Article(ctx, se.Article.Key)
				if err != nil {
					return nil, err
				}
				r = &event.Record{Article: a.Article}
				byKey[se.Article.Key] = r
				order = append(order, se.Article.Key)
			}
			ev := se.Event
			ev.ID = ""
			r.Events = append(r.Events, ev)
		}
		if p.Next == "" {
			break
		}
		f.Cursor = p.Next
	}
	if len(order) == 0 {
		return nil, errors.New("no events: fill it first with raqib ingest")
	}
	out := make([]event.Record, 0, len(order))
	for _, k := range order {
		r := byKey[k]
		// Keep the text up to the last evidence byte: offsets stay exact
		// and the replicated store does not hold megabytes of copies.
		end := 0
		for _, ev := range r.Events {
			for _, sp := range ev.Evidence {
				end = max(end, sp.End)
			}
		}
		if end > 0 && end < len(r.Article.Text) {
			r.Article.Text = r.Article.Text[:end]
		}
		out = append(out, *r)
	}
	return out, nil
}

// fillStore adds replicas of seed until the store holds n events: copy k
// of an article gets a new URL (so new event ids) and its dates shifted by
// a pseudo-random number of days within benchSpanDays.
func fillStore(ctx context.Context, st storeCloser, seed []event.Record, have, n int, progress io.Writer) (int, error) {
	const batch = 500
	run := time.Now().UnixNano() // replicas of each fill are new articles, whatever the store holds
	var recs []event.Record
	added, pending := 0, 0
	lastReport := time.Now()
	put := func() error {
		res, err := st.Put(ctx, recs)
		if err != nil {
			return err
		}
		for _, r := range res {
			if r.Status == event.New {
				added += r.Events
			}
		}
		recs, pending = recs[:0], 0
		return nil
	}
	for k := 0; have+added+pending < n; k++ {
		if err := ctx.Err(); err != nil {
			return added, err
		}
		for i := range seed {
			if have+added+pending >= n {
				break
			}
			r := replica(seed[i], run, k, i)
			if left := n - have - added - pending; len(r.Events) > left {
				r.Events = r.Events[:left]
			}
			pending += len(r.Events)
			recs = append(recs, r)
			if len(recs) == batch {
				if err := put(); err != nil {
					return added, err
				}
				if time.Since(lastReport) > 10*time.Second {
					fmt.Fprintf(progress, "raqib bench serve: %d of %d events\n", have+added, n)
					lastReport = time.Now()
				}
			}
		}
	}
	if len(recs) > 0 {
		if err := put(); err != nil {
			return added, err
		}
	}
	return added, nil
}

func replica(r event.Record, run int64, k, i int) event.Record {
	shift := int((uint64(k)*2654435761 + uint64(i)*40503) % benchSpanDays)
	out := event.Record{Article: r.Article}
	out.Article.ID = fmt.Sprintf("%s~%d", r.Article.ID, k)
	out.Article.URL = fmt.Sprintf("https://bench.raqib.invalid/%d/%d/%d", run, k, i)
	out.Article.Published = shiftDate(r.Article.Published, shift)
	out.Events = make([]event.Event, len(r.Events))
	for j, ev := range r.Events {
		ev.Doc = out.Article.ID
		if ev.Date != nil {
			d := shiftDate(*ev.Date, shift)
			ev.Date = &d
		}
		out.Events[j] = ev
	}
	return out
}

// shiftDate moves a YYYY-MM-DD date (or a published timestamp's date) to
// benchEpoch minus shift days, keeping it a day of the same form; other
// dates (a month, a year) are moved by whole years.
func shiftDate(d string, shift int) string {
	t := benchEpoch.AddDate(0, 0, -shift)
	switch {
	case len(d) >= 10 && d[4] == '-' && d[7] == '-':
		return t.Format("2006-01-02") + d[10:]
	case len(d) == 7:
		return t.Format("2006-01")
	case len(d) == 4:
		return t.Format("2006")
	}
	return d
}

// benchServer is a `raqib serve` child process.
type benchServer struct {
	cmd  *exec.Cmd
	base string
}

func startServe(ctx context.Context, dsn string, stderr io.Writer) (*benchServer, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.CommandContext(ctx, exe, "serve", "--db", dsn, "--addr", addr, "--cache-ttl", "0")
	cmd.Env = append(os.Environ(), "RAQIB_TOKEN=")
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &benchServer{cmd: cmd, base: "http://" + addr}
	for range 300 {
		if res, err := http.Get(s.base + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.stop()
	return nil, errors.New("raqib serve did not come up within 30 s")
}

func (s *benchServer) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
}

// cpu reads the child's user and system CPU time so far from
// /proc/PID/stat (in clock ticks, 100 a second on Linux); ok is false
// where there is no /proc.
func (s *benchServer) cpu() (time.Duration, bool) { return procCPU(strconv.Itoa(s.cmd.Process.Pid)) }

// procCPU reads a process's user and system CPU time so far from
// /proc/PID/stat; pid "self" is this one.
func procCPU(pid string) (time.Duration, bool) {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0, false
	}
	// the fields after the command name, which is in parentheses and may
	// hold spaces: state is the first, utime and stime the 12th and 13th
	_, rest, ok := strings.Cut(string(b), ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 13 {
		return 0, false
	}
	ut, err1 := strconv.ParseUint(f[11], 10, 64)
	st, err2 := strconv.ParseUint(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(ut+st) * (time.Second / 100), true
}

// memory reads the child's VmRSS and VmHWM in bytes.
func (s *benchServer) memory() (rss, hwm uint64) {
	f, err := os.Open("/proc/" + strconv.Itoa(s.cmd.Process.Pid) + "/status")
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		n, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "VmRSS":
			rss = n << 10
		case "VmHWM":
			hwm = n << 10
		}
	}
	return rss, hwm
}
