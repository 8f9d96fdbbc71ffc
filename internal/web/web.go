// Package web serves raqib's REST API (/api/v1) and the analyst's web UI: a
// map, a timeline, a filter bar and event pages, embedded in the binary
// (an embed directive). It sees the store and the extractor only through the small
// interfaces below; cmd/raqib picks the adapters.
package web

import (
	"context"
	"embed"
	"errors"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/raqib/raqib/internal/event"
)

// Store is what the server needs of a store: to query events and articles,
// and (for the write API) to put them.
type Store interface {
	event.Querier
	event.ArticleReader
	event.Writer
}

// Extractor reads events out of an article; extract.Extractor is one.
type Extractor interface {
	Extract(a event.Article) ([]event.Event, error)
}

// DefaultCacheTTL is how long the read API keeps an answer.
const DefaultCacheTTL = 3 * time.Second

// DefaultMaxBody is the largest request body the write API accepts.
const DefaultMaxBody = 16 << 20

// DefaultBodyTimeout is how long the write API waits for a request body to
// arrive: a slow sender does not hold a connection longer.
const DefaultBodyTimeout = 30 * time.Second

// Options configure a Server.
type Options struct {
	Store     Store
	Extractor Extractor // needed by the write API only
	// Token enables the write API: POST /api/v1/articles then needs
	// "Authorization: Bearer <Token>". Empty leaves the write API off.
	Token   string
	MaxBody int64 // request body cap of the write API; DefaultMaxBody when 0
	Logger  *slog.Logger
	// UI, when set, replaces the embedded UI files (raqib serve --dev
	// passes os.DirFS of internal/web/ui so edits show on reload).
	UI fs.FS
	// CacheTTL is how long read answers are kept and shared between
	// identical requests; DefaultCacheTTL when 0, no cache when negative.
	CacheTTL time.Duration
	// CacheBytes is the read cache's memory budget; DefaultCacheBytes
	// when 0.
	CacheBytes int64
	// NoMetrics leaves /metrics off this handler, for a server that
	// serves MetricsHandler on another address (raqib serve --metrics-addr).
	NoMetrics bool
	// BodyTimeout is how long the write API waits for a request body;
	// DefaultBodyTimeout when 0.
	BodyTimeout time.Duration
	// Registry receives the server's metrics; a fresh registry with the
	// Go and process collectors when nil.
	Registry *prometheus.Registry
}

// Server is the HTTP handler of the API and the UI.
type Server struct {
	store   Store
	x       Extractor
	token   string
	maxBody int64
	log     *slog.Logger
	ui      fs.FS
	metrics *metrics
	// q answers reads: the store behind the read cache, or the store
	// itself when the cache is off.
	q           event.Querier
	cache       *cachedQuerier // nil when off
	noMetrics   bool
	bodyTimeout time.Duration
	mux         *http.ServeMux
	handler     http.Handler
}

//go:embed ui
var embedded embed.FS

// New builds a Server.
func New(opt Options) (*Server, error) {
	if opt.Store == nil {
		return nil, errors.New("web: no store")
	}
	s := &Server{store: opt.Store, x: opt.Extractor, token: opt.Token, maxBody: opt.MaxBody, log: opt.Logger, ui: opt.UI,
		noMetrics: opt.NoMetrics, bodyTimeout: opt.BodyTimeout}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBody
	}
	if s.bodyTimeout <= 0 {
		s.bodyTimeout = DefaultBodyTimeout
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.ui == nil {
		sub, err := fs.Sub(embedded, "ui")
		if err != nil {
			return nil, err
		}
		s.ui = sub
	}
	if s.token != "" && s.x == nil {
		return nil, errors.New("web: the write API needs an extractor")
	}
	reg := opt.Registry
	if reg == nil {
		reg = prometheus.NewRegistry()
		reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	m, err := newMetrics(reg, s.store)
	if err != nil {
		return nil, err
	}
	s.metrics = m
	ttl := opt.CacheTTL
	if ttl == 0 {
		ttl = DefaultCacheTTL
	}
	s.q = s.store
	if ttl > 0 {
		s.cache = newCachedQuerier(s.store, ttl, opt.CacheBytes)
		s.q = s.cache
		m.cacheBytes(s.cache)
	}
	s.mux = http.NewServeMux()
	s.routes()
	s.handler = s.observe(securityHeaders(s.mux))
	return s, nil
}

// MetricsHandler serves the Prometheus metrics, for another address.
func (s *Server) MetricsHandler() http.Handler { return s.metrics.handler() }

// ServeHTTP serves the API and the UI.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// route is one API route; the OpenAPI test checks the list against
// openapi.json in both directions.
type route struct {
	method, path string
	handler      http.HandlerFunc
}

func (s *Server) apiRoutes() []route {
	return append([]route{
		{"GET", "/api/v1/events", s.handleEvents},
		{"GET", "/api/v1/events/{id}", s.handleEvent},
		{"GET", "/api/v1/events.geojson", s.handleGeoJSON},
		{"GET", "/api/v1/incidents", s.handleIncidents},
		{"GET", "/api/v1/incidents/{id}", s.handleIncident},
		{"GET", "/api/v1/incidents.geojson", s.handleIncidentsGeoJSON},
		{"GET", "/api/v1/search", s.handleSearch},
		{"GET", "/api/v1/stats", s.handleStats},
		{"GET", "/api/v1/timeline", s.handleTimeline},
		{"GET", "/api/v1/types", s.handleTypes},
		{"GET", "/api/v1/articles", s.handleArticles},
		{"GET", "/api/v1/articles/{id...}", s.handleArticle},
		{"POST", "/api/v1/articles", s.handlePostArticles},
		{"GET", "/api/v1/openapi.json", s.handleOpenAPI},
	}, s.deskRoutes()...) // desk.go
}

func (s *Server) routes() {
	for _, rt := range s.apiRoutes() {
		s.mux.Handle(rt.method+" "+rt.path, gzipped(rt.handler))
	}
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such API route")
	})
	s.mux.HandleFunc("GET /healthz", s.handleHealth)
	if !s.noMetrics {
		s.mux.Handle("GET /metrics", s.metrics.handler())
	}
	s.mux.HandleFunc("GET /{$}", s.page("index.html"))
	s.mux.HandleFunc("GET /event/{id}", s.page("event.html"))
	s.mux.HandleFunc("GET /incident/{id}", s.page("incident.html"))
	s.mux.Handle("GET /ui/", http.StripPrefix("/ui/", s.static()))
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.ping(ctx); err != nil {
		s.log.Error("health check", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "store unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// Serve answers HTTP on ln until ctx is done, then shuts down gracefully,
// giving requests in flight up to grace to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second, // the write API reads bodies of up to MaxBody
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "grace", grace)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := hs.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		return serr
	}
	return err
}

// pinger is a store that can say it is reachable without querying its
// tables; both stores are.
type pinger interface {
	Ping(ctx context.Context) error
}

// ping checks the store the cheapest way it offers: /healthz must cost the
// same on an empty store and on a million events.
func (s *Server) ping(ctx context.Context) error {
	if p, ok := s.store.(pinger); ok {
		return p.Ping(ctx)
	}
	_, err := s.store.Counts(ctx)
	return err
}
