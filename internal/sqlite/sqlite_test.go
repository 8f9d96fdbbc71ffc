package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/sqlite"
	"github.com/raqib/raqib/internal/storetest"
)

func open(t testing.TB) *sqlite.Store {
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "raqib.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) event.Store { return open(t) })
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "raqib.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	a := event.Article{ID: "x", Text: "نص قصير"}
	if _, err := s.Put(ctx, []event.Record{{Article: a}}); err != nil {
		t.Fatalf("Put: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	// opening again must not re-run migrations or lose data
	s, err = sqlite.Open(ctx, path)
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
	b.ResetTimer()
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
