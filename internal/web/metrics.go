package web

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/raqib/raqib/internal/event"
)

// metrics are the server's Prometheus series.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	ingested *prometheus.CounterVec // write API articles by put status
	events   prometheus.Counter     // events stored by the write API
}

func newMetrics(reg *prometheus.Registry, st event.ArticleReader) (*metrics, error) {
	m := &metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "raqib_http_requests_total",
			Help: "HTTP requests by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "raqib_http_request_duration_seconds",
			Help:    "HTTP request latency by route pattern and method.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method"}),
		ingested: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "raqib_api_articles_ingested_total",
			Help: "Articles posted to the write API, by outcome (new, updated, unchanged, error).",
		}, []string{"status"}),
		events: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "raqib_api_events_ingested_total",
			Help: "Events extracted and stored by the write API.",
		}),
	}
	counts := &countsCache{st: st}
	stored := []prometheus.Collector{
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "raqib_store_articles",
			Help: "Articles held by the store.",
		}, func() float64 { return float64(counts.get().Articles) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "raqib_store_events",
			Help: "Events held by the store.",
		}, func() float64 { return float64(counts.get().Events) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "raqib_store_ingest_errors",
			Help: "Ingest errors recorded by the store.",
		}, func() float64 { return float64(counts.get().Errors) }),
	}
	for _, c := range append([]prometheus.Collector{m.requests, m.latency, m.ingested, m.events}, stored...) {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// countsCache asks the store for its counts once per scrape at most every
// few seconds: three gauges read them and a scrape should not cost three
// full-table counts.
type countsCache struct {
	st event.ArticleReader
	mu sync.Mutex
	at time.Time
	c  event.Counts
}

func (cc *countsCache) get() event.Counts {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if time.Since(cc.at) < 2*time.Second {
		return cc.c
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if c, err := cc.st.Counts(ctx); err == nil {
		cc.c, cc.at = c, time.Now()
	}
	return cc.c
}

// statusWriter remembers the status code a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	code  int
	bytes int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe counts, times and logs every request. The route label is the
// ServeMux pattern that matched (set on r by the mux), so that IDs in paths
// do not explode the label space.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.code == 0 {
			sw.code = http.StatusOK
		}
		d := time.Since(start)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		s.metrics.requests.WithLabelValues(route, r.Method, strconv.Itoa(sw.code)).Inc()
		s.metrics.latency.WithLabelValues(route, r.Method).Observe(d.Seconds())
		level := s.logLevel(sw.code)
		s.log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path, "route", route,
			"status", sw.code, "bytes", sw.bytes, "duration", d, "remote", r.RemoteAddr)
	})
}

func (s *Server) logLevel(code int) slog.Level {
	switch {
	case code >= 500:
		return slog.LevelError
	case code >= 400:
		return slog.LevelWarn
	}
	return slog.LevelInfo
}

// securityHeaders sets the headers every response carries. The CSP allows
// scripts and styles from this origin only: the UI has no inline script or
// style, and sets element styles through the DOM, which CSP permits.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// cacheBytes exports the read cache's size, so an operator sees it stay
// under its budget.
func (m *metrics) cacheBytes(c *cachedQuerier) {
	_ = m.reg.Register(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "raqib_read_cache_bytes",
		Help: "Estimated memory of the answers the read cache holds.",
	}, func() float64 { return float64(c.Bytes()) }))
	_ = m.reg.Register(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "raqib_read_cache_answers",
		Help: "Answers the read cache holds.",
	}, func() float64 { return float64(c.Len()) }))
}
