package web_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/web"
)

// countingStore counts the event queries that reach the store and makes
// each take a while, so that concurrent requests overlap.
type countingStore struct {
	web.Store
	events atomic.Int64
}

func (s *countingStore) Events(ctx context.Context, f event.Filter) (event.Page, error) {
	s.events.Add(1)
	time.Sleep(50 * time.Millisecond)
	return s.Store.Events(ctx, f)
}

func TestReadCache(t *testing.T) {
	tests := []struct {
		name      string
		ttl       time.Duration
		wait      time.Duration // between the two rounds
		write     bool          // post an article between the rounds
		wantCalls int64
	}{
		{"identical requests share one query", time.Minute, 0, false, 1},
		{"an answer expires after the TTL", 100 * time.Millisecond, 300 * time.Millisecond, false, 2},
		{"a write purges the cache", time.Minute, 0, true, 2},
		{"no cache when the TTL is negative", -1, 0, false, 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t)
			st := &countingStore{Store: fx.store}
			ts := newServer(t, web.Options{Store: st, CacheTTL: tt.ttl, Token: "tok", Extractor: fakeExtractor{}})
			round := func() {
				var wg sync.WaitGroup
				for range 20 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						var p page
						if code := getJSON(t, ts.URL, "/api/v1/events?type=shelling_artillery_missile_attack", &p); code != http.StatusOK || len(p.Events) != 2 {
							t.Errorf("GET = %d with %d events; want 200 with 2", code, len(p.Events))
						}
					}()
				}
				wg.Wait()
			}
			round()
			time.Sleep(tt.wait)
			if tt.write {
				if code, _ := post(t, ts.URL, "tok", `{"id": "c-1", "text": "`+strings.Repeat("هدوء ", 3)+`"}`); code != http.StatusOK {
					t.Fatalf("POST = %d", code)
				}
			}
			round()
			if got := st.events.Load(); got != tt.wantCalls {
				t.Errorf("store answered %d event queries for 40 requests; want %d", got, tt.wantCalls)
			}
		})
	}
}
