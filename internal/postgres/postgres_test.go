package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/postgres"
	"github.com/raqib/raqib/internal/storetest"
)

// serverDSN returns the test server from RAQIB_TEST_POSTGRES (see
// scripts/postgres.sh). Without it the tests fail in CI and skip elsewhere.
func serverDSN(t testing.TB) string {
	dsn := os.Getenv("RAQIB_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("RAQIB_TEST_POSTGRES is not set; in CI the PostgreSQL tests must run (start a server with scripts/postgres.sh)")
		}
		t.Skip("RAQIB_TEST_POSTGRES is not set; run eval \"$(scripts/postgres.sh)\" to test against PostgreSQL")
	}
	return dsn
}

// freshDSN creates an empty schema for one test, dropped when it ends, and
// returns a DSN whose search_path points at it.
func freshDSN(t testing.TB) string {
	dsn := serverDSN(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect to %s: %v", dsn, err)
	}
	defer conn.Close(ctx)
	schema := "raqib_test_" + hex.EncodeToString([]byte(rand.Text()[:8]))
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Errorf("connect for cleanup: %v", err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	return withParam(t, dsn, "search_path", schema)
}

func withParam(t testing.TB, dsn, k, v string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatalf("RAQIB_TEST_POSTGRES: %v", err)
		}
		q := u.Query()
		q.Set(k, v)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " " + k + "=" + v
}

func open(t testing.TB) *postgres.Store {
	s, _ := openDSN(t)
	return s
}

// openDSN opens a store on a fresh database and returns it with the
// database's DSN, to reopen it or connect to it beside the store.
func openDSN(t testing.TB) (*postgres.Store, string) {
	t.Helper()
	dsn := freshDSN(t)
	s, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s, dsn
}

func TestStore(t *testing.T) {
	serverDSN(t) // skip or fail once, not in every subtest
	storetest.Run(t, func(t *testing.T) event.Store { return open(t) })
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	dsn := freshDSN(t)
	s, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	a := event.Article{ID: "x", Text: "نص قصير"}
	if _, err := s.Put(ctx, []event.Record{{Article: a}}); err != nil {
		t.Fatalf("Put: %v", err)
	}
	s.Close()
	// opening again must not re-run migrations or lose data
	s, err = postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("second Open: %v", err)
	}
	defer s.Close()
	res, err := s.Put(ctx, []event.Record{{Article: a}})
	if err != nil || res[0].Status != event.Unchanged {
		t.Errorf("Put after reopen = %+v, %v; want unchanged", res, err)
	}
}

func BenchmarkPut(b *testing.B) {
	s := open(b)
	defer s.Close()
	batch := storetest.BenchBatch(100)
	ctx := context.Background()
	articles := 0
	for i := 0; b.Loop(); i++ {
		recs := storetest.Distinct(batch, fmt.Sprint(i))
		if _, err := s.Put(ctx, recs); err != nil {
			b.Fatal(err)
		}
		articles += len(recs)
	}
	b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
}
