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
// what counting the events gives, and the Stats of an actor, a governorate
// and a type (stats_facet) too.
func checkRollup(t *testing.T, s *postgres.Store, when string) event.Stats {
	t.Helper()
	ctx := context.Background()
	var all event.Stats
	for i, f := range []event.Filter{
		{},
		{Actors: []string{"SYR.GOV"}},
		{Actors: []string{"ACT1", "CIV"}},
		{Admin1: "Idlib"},
		{Admin1: "Idlib", Types: []string{"attack"}, From: "2024-01-05"},
		{Types: []string{"arrests"}},
		{Actors: []string{"ACT2"}, Types: []string{"arrests"}, From: "2024-01-01", To: "2024-06-30"},
	} {
		got, err := s.Stats(ctx, f)
		if err != nil {
			t.Fatalf("%s: Stats(%+v): %v", when, f, err)
		}
		want, err := s.ScanStats(ctx, f)
		if err != nil {
			t.Fatalf("%s: ScanStats(%+v): %v", when, f, err)
		}
		gj, _ := json.MarshalIndent(got, "", " ")
		wj, _ := json.MarshalIndent(want, "", " ")
		if string(gj) != string(wj) {
			t.Errorf("%s: Stats(%+v) from the rollups =\n%s\nwant (counted from the events)\n%s", when, f, gj, wj)
		}
		if i == 0 {
			all = got
		}
	}
	return all
}

// openWithConn opens a store on a fresh database and a plain connection to
// the same database, for tests that look at or tamper with its tables;
// both close when the test ends.
func openWithConn(t *testing.T) (*postgres.Store, *pgx.Conn) {
	t.Helper()
	ctx := context.Background()
	s, dsn := openDSN(t)
	t.Cleanup(func() { s.Close() })
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	return s, conn
}

// datedRecords are 120 articles over many days, some of their events dated
// by month or year only: they cover days on both sides of a range's bounds.
func datedRecords() []event.Record {
	recs := storetest.Distinct(storetest.SpreadBatch(60), "v1")
	recs = append(recs, storetest.Distinct(recs, "again")...)
	for i, w := range []string{"2024-02", "2023", "2024", "2025-01", "2024-03"} {
		d := w
		recs[i*7].Events[0].Date = &d
	}
	return recs
}

// The counts kept at ingest follow every write: new articles, a changed
// article replacing its events (with other types, actors and fewer
// events), one left with no events, writes made outside Put, and
// concurrent batches.
func TestStatsRollup(t *testing.T) {
	ctx := context.Background()
	s, conn := openWithConn(t)

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

// Stats of a filter by types and dates alone, read from the day×type
// rollup, are what counting the matching events gives: days, month- and
// year-dated events reaching into the range or not, replaced articles.
func TestStatsByDayTypeRollup(t *testing.T) {
	ctx := context.Background()
	s, conn := openWithConn(t)
	recs := datedRecords()
	if _, err := s.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	v2 := recs[:4:4]
	for i := range v2 {
		r := v2[i]
		r.Article.Text += " v2"
		r.Key, r.Hash = "", ""
		r.Events = append([]event.Event(nil), r.Events[:2]...)
		for j := range r.Events {
			r.Events[j].EventType = "arrests"
		}
		v2[i] = r
	}
	if _, err := s.Put(ctx, v2); err != nil {
		t.Fatal(err)
	}
	all, err := s.Stats(ctx, event.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.ByType) < 2 {
		t.Fatalf("the fixtures have %d types; want some", len(all.ByType))
	}
	typ := all.ByType[0].Key
	for _, tt := range []struct {
		name string
		f    event.Filter
	}{
		{"one type", event.Filter{Types: []string{typ}}},
		{"two types", event.Filter{Types: []string{typ, "arrests"}}},
		{"a month", event.Filter{From: "2024-02-01", To: "2024-02-29"}},
		{"from a day in a month", event.Filter{From: "2024-02-15"}},
		{"up to a day", event.Filter{To: "2024-01-20"}},
		{"a year on", event.Filter{From: "2024-12-31", To: "2025-12-31"}},
		{"a type in 90 days", event.Filter{Types: []string{typ}, From: "2024-01-10", To: "2024-04-09"}},
		{"nothing", event.Filter{Types: []string{"no_such_type"}}},
		{"nothing in range", event.Filter{From: "1990-01-01", To: "1990-12-31"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Stats(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.ScanStats(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(want)
			if string(gj) != string(wj) {
				t.Errorf("Stats(%+v) from the rollup =\n%s\nwant (counted from the events)\n%s", tt.f, gj, wj)
			}
		})
	}

	// and they do read the rollup
	if _, err := conn.Exec(ctx, `UPDATE stats_day_type SET events = events + 1000 WHERE event_type = $1`, typ); err != nil {
		t.Fatal(err)
	}
	f := event.Filter{Types: []string{typ}}
	got, err := s.Stats(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.ScanStats(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if got.Events <= want.Events+999 {
		t.Errorf("Stats(%+v).Events = %d after adding 1000 a day in stats_day_type; want more than %d", f, got.Events, want.Events+999)
	}
}

// Stats of actors and governorates, with types and dates or not, are what
// counting the matching events gives, and are read from stats_facet.
func TestStatsByFacetRollup(t *testing.T) {
	ctx := context.Background()
	s, conn := openWithConn(t)
	recs := datedRecords()
	// other actors and governorates on some events: the same actor on both
	// sides, an actor2 alone, no governorate
	for i := range recs[:30] {
		e := &recs[i].Events[i%5]
		switch i % 3 {
		case 0:
			e.Actor2 = &event.Actor{Code: "SYR.GOV"}
		case 1:
			e.Actor1, e.Actor2 = nil, &event.Actor{Code: "REB"}
		case 2:
			if e.Location != nil {
				l := *e.Location
				l.Admin1 = ""
				e.Location = &l
			}
		}
	}
	if _, err := s.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		f    event.Filter
	}{
		{"actor", event.Filter{Actors: []string{"SYR.GOV"}}},
		{"actor2 alone", event.Filter{Actors: []string{"REB"}}},
		{"two actors", event.Filter{Actors: []string{"REB", "CIV"}}},
		{"governorate", event.Filter{Admin1: "Idlib"}},
		{"actor and governorate", event.Filter{Actors: []string{"CIV"}, Admin1: "Idlib"}},
		{"actor in a month", event.Filter{Actors: []string{"SYR.GOV"}, From: "2024-02-01", To: "2024-02-29"}},
		{"governorate from a day", event.Filter{Admin1: "Idlib", From: "2024-02-15"}},
		{"actor and a type up to a day", event.Filter{Actors: []string{"CIV"}, Types: []string{"attack"}, To: "2024-01-20"}},
		{"no such actor", event.Filter{Actors: []string{"NOBODY"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Stats(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.ScanStats(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(want)
			if string(gj) != string(wj) {
				t.Errorf("Stats(%+v) from the rollup =\n%s\nwant (counted from the events)\n%s", tt.f, gj, wj)
			}
			if (got.Events == 0) != (tt.name == "no such actor") {
				t.Errorf("Stats(%+v) counts %d events: the fixtures do not test it", tt.f, got.Events)
			}
		})
	}

	// and they do read the rollup
	if _, err := conn.Exec(ctx, `UPDATE stats_facet SET events = events + 1000 WHERE actor1 = 'REB' OR actor2 = 'REB'`); err != nil {
		t.Fatal(err)
	}
	f := event.Filter{Actors: []string{"REB"}}
	got, err := s.Stats(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.ScanStats(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if got.Events <= want.Events+999 {
		t.Errorf("Stats(%+v).Events = %d after adding 1000 a row in stats_facet; want more than %d", f, got.Events, want.Events+999)
	}
	// and its incidents stats_key_day
	if _, err := conn.Exec(ctx, `UPDATE stats_key_day SET incidents = incidents + 1000 WHERE kind = 'a' AND key = 'REB'`); err != nil {
		t.Fatal(err)
	}
	if got, err = s.Stats(ctx, f); err != nil {
		t.Fatal(err)
	}
	if len(got.ByDayType) == 0 || got.ByDayType[0].N < 1000 {
		t.Errorf("Stats(%+v).ByDayType = %v after adding 1000 to each in stats_key_day; want 1000 more", f, got.ByDayType)
	}
}

// A store made before the facet and incident rollups gets them when it is
// opened, filled from its events less the changes logged and not yet
// folded in: after the next fold they count what the events do.
func TestStatsFacetMigration(t *testing.T) {
	ctx := context.Background()
	s, dsn := openDSN(t)
	if _, err := s.Put(ctx, storetest.Distinct(storetest.SpreadBatch(20), "v1")); err != nil {
		t.Fatal(err)
	}
	s, _ = migrateAgain(t, s, dsn, []int{10, 11},
		`DROP TABLE stats_facet, stats_key_incident, stats_key_day`,
		// a change logged and not folded in when the rollups are made
		`UPDATE events SET incident = '', incident_link = '', link_cell = NULL, link_lo = '', link_hi = ''`)
	if _, err := s.LinkPending(ctx, 50); err != nil {
		t.Fatal(err)
	}
	checkRollup(t, s, "after the migration and a fold")
}

// A database made before the totals by type (migration 0017) gets them
// from its events when it is opened: the stats of a type, which read them,
// answer as counting the events does.
func TestTypeTotalsBackfill(t *testing.T) {
	ctx := context.Background()
	s, dsn := openDSN(t)
	recs := storetest.SpreadBatch(40)
	if _, err := s.Put(ctx, append(recs, storetest.Distinct(recs, "again")...)); err != nil {
		t.Fatal(err)
	}
	s, conn := migrateAgain(t, s, dsn, []int{17}, `DROP TABLE stats_type_actor, stats_type_admin1`)
	var n int
	if err := conn.QueryRow(ctx, `SELECT (SELECT count(*) FROM stats_type_actor) + (SELECT count(*) FROM stats_type_admin1)`).Scan(&n); err != nil || n == 0 {
		t.Fatalf("after the migration the totals by type hold %d rows (%v)", n, err)
	}
	checkRollup(t, s, "after the migration")
}
