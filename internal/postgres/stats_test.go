package postgres_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/postgres"
	"github.com/raqib/raqib/internal/storetest"
)

// checkRollup says whether the unfiltered Stats, read from the rollups, are
// what counting the events gives.
func checkRollup(t *testing.T, s *postgres.Store, when string) event.Stats {
	t.Helper()
	ctx := context.Background()
	got, err := s.Stats(ctx, event.Filter{})
	if err != nil {
		t.Fatalf("%s: Stats: %v", when, err)
	}
	want, err := s.ScanStats(ctx, event.Filter{})
	if err != nil {
		t.Fatalf("%s: ScanStats: %v", when, err)
	}
	gj, _ := json.MarshalIndent(got, "", " ")
	wj, _ := json.MarshalIndent(want, "", " ")
	if string(gj) != string(wj) {
		t.Errorf("%s: Stats from the rollups =\n%s\nwant (counted from the events)\n%s", when, gj, wj)
	}
	return got
}

// The counts kept at ingest follow every write: new articles, a changed
// article replacing its events (with other types, actors and fewer
// events), one left with no events, writes made outside Put, and
// concurrent batches.
func TestStatsRollup(t *testing.T) {
	ctx := context.Background()
	dsn := freshDSN(t)
	s, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)

	v1 := storetest.Distinct(storetest.SpreadBatch(20), "v1")
	v1 = append(v1, storetest.Distinct(v1, "again")...) // second reports of the same occurrences
	if _, err := s.Put(ctx, v1); err != nil {
		t.Fatal(err)
	}
	if st := checkRollup(t, s, "after the first put"); st.Events != 200 || len(st.ByDayType) == 0 {
		t.Fatalf("Stats = %d events, %d day×type counts; want 200 and some", st.Events, len(st.ByDayType))
	}

	// a new version of six articles: other types and actors, two events
	// fewer; the last one with no events at all
	v2 := v1[:6:6]
	for i := range v2 {
		r := v2[i]
		r.Article.Text += " v2"
		r.Key, r.Hash = "", ""
		r.Events = append([]event.Event(nil), r.Events[:3]...)
		for j := range r.Events {
			r.Events[j].EventType = "arrests"
			r.Events[j].Actor1 = &event.Actor{Code: fmt.Sprintf("ACT%d", i)}
			r.Events[j].Actor2 = nil
		}
		if i == len(v2)-1 {
			r.Events = nil
		}
		v2[i] = r
	}
	res, err := s.Put(ctx, v2)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Status != event.Updated {
			t.Fatalf("Put of new versions = %+v; want updated", res)
		}
	}
	checkRollup(t, s, "after replacing six articles")

	// a write outside Put is logged and counted from the events until a
	// writer folds it in
	if _, err := conn.Exec(ctx, `UPDATE events SET incident = '', incident_link = '', link_cell = NULL, link_lo = '', link_hi = ''`); err != nil {
		t.Fatal(err)
	}
	checkRollup(t, s, "after unlinking every event by hand")
	if _, err := s.LinkPending(ctx, 50); err != nil {
		t.Fatal(err)
	}
	checkRollup(t, s, "after LinkPending")

	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// overlapping batches: the same occurrences, types and actors
			_, err := s.Put(ctx, storetest.Distinct(storetest.SpreadBatch(10), fmt.Sprint("concurrent", i)))
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent Put: %v", err)
		}
	}
	checkRollup(t, s, "after concurrent puts")

	// and the unfiltered Stats do read the rollups
	if _, err := conn.Exec(ctx, `UPDATE stats_actor SET events = 999999 WHERE actor = 'CIV'`); err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx, event.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.ByActor) == 0 || st.ByActor[0] != (event.Count{Key: "CIV", N: 999999}) {
		t.Errorf("Stats.ByActor = %v; want CIV first with the count set in stats_actor", st.ByActor)
	}
}
