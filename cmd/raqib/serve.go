package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
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

	opt := web.Options{Token: e.getenv("RAQIB_TOKEN"), MaxBody: *maxBody, Logger: log}
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
	log.Info("serving", "url", "http://"+ln.Addr().String()+"/", "db", redactDSN(*db), "write_api", opt.Token != "", "dev", *dev)
	if err := srv.Serve(ctx, ln, 10*time.Second); err != nil && !errors.Is(err, context.Canceled) {
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
