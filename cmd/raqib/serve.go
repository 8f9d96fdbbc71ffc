package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/raqib/raqib/internal/extract"
	"github.com/raqib/raqib/internal/postgres"
	"github.com/raqib/raqib/internal/sqlite"
	"github.com/raqib/raqib/internal/web"
)

// storeCloser is a web.Store that can be closed.
type storeCloser interface {
	web.Store
	Close() error
}

// openStore opens the store a DSN names: postgres:// or postgresql:// URLs
// open PostgreSQL, anything else is a SQLite file path.
func openStore(ctx context.Context, dsn string) (storeCloser, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return postgres.Open(ctx, dsn)
	}
	return sqlite.Open(ctx, dsn)
}

// defaultDB is $RAQIB_DB, else ./raqib.db.
func defaultDB(e *env) string {
	if v := e.getenv("RAQIB_DB"); v != "" {
		return v
	}
	return "raqib.db"
}

func runServe(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := fs.String("db", defaultDB(e), "SQLite file or postgres:// DSN (default $RAQIB_DB or ./raqib.db)")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	dev := fs.Bool("dev", false, "serve the UI from internal/web/ui on disk (edit and reload) instead of the embedded copy")
	uiDir := fs.String("ui-dir", "internal/web/ui", "the UI directory --dev serves")
	maxBody := fs.Int64("max-body", web.DefaultMaxBody, "largest body the write API accepts, in bytes")
	logJSON := fs.Bool("log-json", false, "write logs as JSON lines instead of text")
	metricsAddr := fs.String("metrics-addr", "", "serve Prometheus /metrics on this address (e.g. 127.0.0.1:9090) instead of the main one")
	cacheTTL := fs.Duration("cache-ttl", web.DefaultCacheTTL, "how long the read cache keeps an answer (0: no cache)")
	cacheMB := fs.Int64("cache-mb", web.DefaultCacheBytes>>20, "memory budget of the read cache, in MiB")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: raqib serve [flags]")
		fmt.Fprintln(e.stderr, "Serves the REST API under /api/v1 and the web UI at /. Set RAQIB_TOKEN to enable the write API")
		fmt.Fprintln(e.stderr, "(POST /api/v1/articles with \"Authorization: Bearer $RAQIB_TOKEN\").")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	var h slog.Handler = slog.NewTextHandler(e.stderr, nil)
	if *logJSON {
		h = slog.NewJSONHandler(e.stderr, nil)
	}
	log := slog.New(h)

	if *cacheTTL <= 0 {
		*cacheTTL = -1 // web.Options: negative is off, 0 the default
	}
	if *cacheMB <= 0 {
		fmt.Fprintln(e.stderr, "raqib serve: --cache-mb must be positive")
		return exitUsage
	}
	opt := web.Options{Token: e.getenv("RAQIB_TOKEN"), MaxBody: *maxBody, Logger: log, CacheBytes: *cacheMB << 20, CacheTTL: *cacheTTL, NoMetrics: *metricsAddr != ""}
	if *dev {
		if st, err := os.Stat(filepath.Join(*uiDir, "index.html")); err != nil || st.IsDir() {
			fmt.Fprintf(e.stderr, "raqib serve: --dev: no index.html in %s (run from the source tree or set --ui-dir)\n", *uiDir)
			return exitUsage
		}
		opt.UI = os.DirFS(*uiDir)
	}
	open := openExistingStore // reading a database that is not there is a mistyped --db
	if opt.Token != "" {
		open = openStore // the write API may fill a new one
	}
	store, err := open(ctx, *db)
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib serve:", err)
		return exitUsage
	}
	defer store.Close()
	opt.Store = store
	if opt.Token != "" {
		gz, err := loadGazetteer(e, nil)
		if err != nil {
			fmt.Fprintln(e.stderr, "raqib serve:", err)
			return exitUsage
		}
		x, err := extract.New(extract.Options{Gazetteer: gz})
		if err != nil {
			fmt.Fprintln(e.stderr, "raqib serve:", err)
			return exitUsage
		}
		opt.Extractor = x
	}
	srv, err := web.New(opt)
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib serve:", err)
		return exitUsage
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib serve:", err)
		return exitUsage
	}
	defer ln.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	metricsDone := make(chan error, 1)
	if *metricsAddr != "" {
		mln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			fmt.Fprintln(e.stderr, "raqib serve: --metrics-addr:", err)
			return exitUsage
		}
		if !isLoopback(mln.Addr()) {
			log.Warn("metrics are served on a non-loopback address: anyone who reaches it reads them", "addr", mln.Addr().String())
		}
		log.Info("serving metrics", "url", "http://"+mln.Addr().String()+"/metrics")
		go func() { metricsDone <- serveMetrics(ctx, mln, srv.MetricsHandler()) }()
	} else {
		metricsDone <- nil
	}
	log.Info("serving", "url", "http://"+ln.Addr().String()+"/", "db", redactDSN(*db), "write_api", opt.Token != "", "dev", *dev)
	err = srv.Serve(ctx, ln, 10*time.Second)
	cancel()
	if merr := <-metricsDone; merr != nil && err == nil {
		err = merr
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(e.stderr, "raqib serve:", err)
		return exitPartial
	}
	log.Info("stopped")
	return exitOK
}

// redactDSN hides a password in a postgres:// DSN before it is logged.
func redactDSN(dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		if at := strings.LastIndex(dsn, "@"); at > i {
			if c := strings.Index(dsn[i+3:at], ":"); c >= 0 {
				return dsn[:i+3+c+1] + "***" + dsn[at:]
			}
		}
	}
	return dsn
}

// isLoopback says whether a listener's address is on this machine only.
func isLoopback(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
}

// serveMetrics serves /metrics alone on ln until ctx is done.
func serveMetrics(ctx context.Context, ln net.Listener, h http.Handler) error {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", h)
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
	}()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("metrics: %w", err)
	}
	return nil
}
