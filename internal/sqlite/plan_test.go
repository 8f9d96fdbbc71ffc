package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/storetest"
)

// TestConformanceDense runs the conformance suite with every text and place
// filter counted as common, so that the date-order paths of plan (taken on
// large stores) answer exactly as the match-reading ones do.
func TestConformanceDense(t *testing.T) {
	denseOverride = 1
	t.Cleanup(func() { denseOverride = 0 })
	storetest.Run(t, func(t *testing.T) event.Store {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "dense.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestQueryPlans checks, for each filter shape, which index plan reads a
// page from and that SQLite's plan for it neither scans the events table
// nor sorts more than the matches of a rare filter.
func TestQueryPlans(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "plans.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Put(ctx, storetest.BenchBatch(20)); err != nil {
		t.Fatal(err)
	}
	cur := event.Cursor{Sort: "2024-01-03", ID: "x"}.String()
	near := &event.Near{Lat: 35.6, Lon: 36.5, Km: 10}
	bbox := &event.BBox{MinLat: 35, MinLon: 36, MaxLat: 36, MaxLon: 37}
	large := &event.BBox{MinLat: 32, MinLon: 35, MaxLat: 37, MaxLon: 42}
	tests := []struct {
		name       string
		f          event.Filter
		dense      bool
		wantDriver driver
		wantUses   string // an index the plan must use
		mayScan    bool   // a sort of the matches is allowed (rare filters)
	}{
		{"latest", event.Filter{}, false, byDate, "events_order", false},
		{"latest, next page", event.Filter{Cursor: cur}, false, byDate, "events_order", false},
		{"type", event.Filter{Types: []string{"attack"}}, false, byDate, "events_type_order", false},
		{"admin1", event.Filter{Admin1: "Idlib"}, false, byDate, "events_admin1_order", false},
		{"actor", event.Filter{Actors: []string{"SYR.GOV"}}, false, byActor, "SEARCH x USING PRIMARY KEY (actor=?", false},
		{"actor, next page", event.Filter{Actors: []string{"SYR.GOV"}, Cursor: cur}, false, byActor, "SEARCH x USING PRIMARY KEY (actor=?", false},
		{"date range", event.Filter{From: "2024-01-01", To: "2024-01-31"}, false, byDate, "events_order", false},
		{"type in a date range", event.Filter{Types: []string{"attack"}, From: "2024-01-01", To: "2024-03-31"}, false, byDate, "events_type_order", false},
		// a place alone: each grid cell's events in date order, merged (the
		// sorts are of a page per cell, not of the matches)
		{"bbox", event.Filter{BBox: bbox}, false, byCells, "SEARCH c USING PRIMARY KEY (cell=?)", true},
		{"bbox, dates, next page", event.Filter{BBox: bbox, From: "2024-01-01", To: "2024-03-31", Cursor: cur}, false, byCells, "SEARCH c USING PRIMARY KEY (cell=? AND date_lo", true},
		{"near", event.Filter{Near: near}, false, byCells, "SEARCH c USING PRIMARY KEY (cell=?)", true},
		{"near, common", event.Filter{Near: near}, true, byCells, "SEARCH c USING PRIMARY KEY (cell=?)", true},
		{"rare large bbox", event.Filter{BBox: large}, false, byPlace, "SCAN g VIRTUAL TABLE INDEX 2:", true},
		{"common large bbox", event.Filter{BBox: large}, true, byDate, "events_order", false},
		{"rare bbox with a type", event.Filter{BBox: bbox, Types: []string{"attack"}}, false, byPlace, "VIRTUAL TABLE INDEX 2:", true},
		{"common bbox with a type", event.Filter{BBox: bbox, Types: []string{"attack"}}, true, byDate, "events_type_order", false},
		{"rare near with a type", event.Filter{Near: near, Types: []string{"attack"}}, false, byPlace, "VIRTUAL TABLE INDEX 2:", true},
		{"rare words", event.Filter{Text: "قصف"}, false, byKey, "SCAN events_fts VIRTUAL TABLE INDEX 0:M1><", true},
		// a common word's matches are read from the full-text index in its
		// own order (by date), a run of keys at a time: a run is sorted,
		// never all the matches (TestFTSKeys checks the run's bound)
		{"common words", event.Filter{Text: "قصف"}, true, byKey, "SCAN events_fts VIRTUAL TABLE INDEX 0:M1><", true},
		{"common words, dates, next page", event.Filter{Text: "قصف", From: "2024-01-01", To: "2024-02-15", Cursor: cur}, true, byKey, "SCAN events_fts VIRTUAL TABLE INDEX 0:M1><", true},
		// the matches of a sorted page are sorted by keys read from an index, not from their rows
		{"rare words, sort keys", event.Filter{Text: "قصف", Types: []string{"attack"}, From: "2024-01-01"}, false, byText, "SEARCH e USING COVERING INDEX events_seq_keys (seq=?", true},
		{"common words, sort keys", event.Filter{Text: "قصف", Actors: []string{"SYR.GOV"}}, true, byMonth, "SEARCH e USING COVERING INDEX events_seq_keys (seq=?)", true},
		{"rare bbox with a type, sort keys", event.Filter{BBox: bbox, Types: []string{"attack"}}, false, byPlace, "SEARCH e USING COVERING INDEX events_seq_keys (seq=?)", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.dense {
				denseOverride = 1
				defer func() { denseOverride = 0 }()
			}
			d, plan, err := s.ExplainEvents(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(plan, "\n")
			if driver(d) != tt.wantDriver {
				t.Errorf("driver %s; want %s\n%s", d, tt.wantDriver, all)
			}
			if !strings.Contains(all, tt.wantUses) {
				t.Errorf("plan does not use %s:\n%s", tt.wantUses, all)
			}
			// each cell is walked in date order and the walks merged as
			// they go: only the page is sorted, after its events are read
			if driver(d) == byCells && strings.Count(all, "TEMP B-TREE") > 1 {
				t.Errorf("plan sorts each cell's events instead of merging them in order:\n%s", all)
			}
			for _, step := range plan {
				if strings.HasPrefix(step, "SCAN e") && !strings.Contains(step, "INDEX") {
					t.Errorf("plan scans the events table:\n%s", all)
				}
				if strings.Contains(step, "TEMP B-TREE FOR ORDER BY") && !tt.mayScan {
					t.Errorf("plan sorts every match instead of reading them in order:\n%s", all)
				}
			}
			// A Cards page (a list, a map) reads each of its events from
			// one row of event_list, and neither the event's row nor its
			// article's: the filters are tested on indexes.
			t.Run("cards", func(t *testing.T) {
				f := tt.f
				f.Brief, f.Cards = true, true
				_, plan, err := s.ExplainEvents(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				all := strings.Join(plan, "\n")
				i := strings.Index(all, "SEARCH l USING INTEGER PRIMARY KEY (rowid=?)")
				if i < 0 {
					t.Errorf("Cards plan does not read event_list by key:\n%s", all)
				}
				// the page's rows come in the order their keys were found
				// in: a sort of whole rows costs as much as reading them
				if i >= 0 && strings.Contains(all[i:], "TEMP B-TREE") {
					t.Errorf("Cards plan sorts the page's rows after reading them:\n%s", all)
				}
				for _, step := range plan {
					if strings.HasPrefix(step, "SEARCH a ") || strings.HasPrefix(step, "SEARCH e USING INTEGER PRIMARY KEY") ||
						strings.HasPrefix(step, "SEARCH e USING INDEX") || strings.HasPrefix(step, "SCAN e USING INDEX") {
						t.Errorf("Cards plan reads an event's or an article's row (%s):\n%s", step, all)
					}
				}
			})
		})
	}
}

// TestFTSKeys: the full-text index files every event under event.DayKey of its
// sort date and seq (Put and migration 0015 alike), and the bound of a
// common word's run is found reading the index newest first, not sorting
// the word's matches.
func TestFTSKeys(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "keys.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	recs := storetest.BenchBatch(20)
	recs[0].Events[0].Date = nil // undated: its article's date
	recs[0].Article.Published = ""
	if _, err := s.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T) {
		t.Helper()
		rows, err := s.db.QueryContext(ctx, `SELECT e.date_lo, e.seq, f.rowid, `+ftsKeySQL("e")+` FROM events e LEFT JOIN events_fts f ON f.rowid = `+ftsKeySQL("e"))
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		n, undated := 0, 0
		for rows.Next() {
			var lo string
			var seq, sqlKey int64
			var key sql.NullInt64
			if err := rows.Scan(&lo, &seq, &key, &sqlKey); err != nil {
				t.Fatal(err)
			}
			if want := event.DayKey(lo, seq); !key.Valid || key.Int64 != want || sqlKey != want {
				t.Errorf("event %d of %q: full-text rowid %v, ftsKeySQL %d; want %d", seq, lo, key, sqlKey, want)
			}
			n++
			if lo == "" {
				undated++
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if n == 0 || undated == 0 {
			t.Errorf("%d events, %d undated; want some of each", n, undated)
		}
	}
	t.Run("put", check)
	t.Run("migration", func(t *testing.T) {
		// file the index by seq, as before migration 0015, and migrate again
		for _, q := range []string{
			`CREATE TEMP TABLE old AS SELECT ` + ftsSeq + ` AS seq, terms FROM events_fts`,
			`DELETE FROM events_fts`,
			`INSERT INTO events_fts (rowid, terms) SELECT seq, terms FROM temp.old`,
			`DELETE FROM schema_version WHERE version = 15`,
		} {
			if _, err := s.db.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		if err := migrate(ctx, s.db); err != nil {
			t.Fatal(err)
		}
		check(t)
	})
	if got, want := []int64{event.DayNumber("2024-01-02"), event.DayNumber("")}, []int64{20240102, 0}; !slices.Equal(got, want) {
		t.Errorf("DayNumber(2024-01-02), DayNumber(\"\") = %v; want %v", got, want)
	}
	rows, err := s.db.QueryContext(ctx, `EXPLAIN QUERY PLAN `+ftsLastSQL, `"x"`, 0, 1<<62, 100)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if all := strings.Join(plan, "\n"); strings.Contains(all, "TEMP B-TREE") || !strings.Contains(all, "VIRTUAL TABLE INDEX") || !strings.Contains(all, "M1><") {
		t.Errorf("a run's bound is not read from the index newest first within its keys:\n%s", all)
	}
}

// TestDateSpanPlan: the newest and oldest dates a common word's months run
// between are each one seek of events_order, not a scan or a sort of the
// events of a day (which grows with the store).
func TestDateSpanPlan(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "span.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.db.QueryContext(ctx, `EXPLAIN QUERY PLAN `+dateSpanSQL)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	all := strings.Join(plan, "\n")
	if strings.Contains(all, "TEMP B-TREE") || strings.Contains(all, "SCAN events") || strings.Count(all, "SEARCH events USING COVERING INDEX events_order") != 2 {
		t.Errorf("date span plan is not two seeks of events_order:\n%s", all)
	}
	var hi, lo string
	if err := s.queryRow(ctx, dateSpanSQL).Scan(&hi, &lo); err != nil || hi != "" || lo != "" {
		t.Errorf("date span of an empty store = %q, %q, %v; want two empty strings", hi, lo, err)
	}
}

// TestPlaceCells: a point's cell (as migration 0008 files it) is among the
// cells of every box that holds the point, and a box too large to read
// cell by cell says so.
func TestPlaceCells(t *testing.T) {
	tests := []struct {
		name     string
		lat, lon float64
		box      event.BBox
	}{
		{"inside", 35.6378, 36.5247, event.BBox{MinLat: 35.1, MinLon: 36.0, MaxLat: 36.1, MaxLon: 37.0}},
		{"on the south-west corner", 35.25, 36.5, event.BBox{MinLat: 35.25, MinLon: 36.5, MaxLat: 35.3, MaxLon: 36.6}},
		{"on the north-east corner", 35.5, 36.75, event.BBox{MinLat: 35.3, MinLon: 36.6, MaxLat: 35.5, MaxLon: 36.75}},
		{"south and west of zero", -0.1, -0.1, event.BBox{MinLat: -0.2, MinLon: -0.2, MaxLat: 0.2, MaxLon: 0.2}},
		{"the date line", 10, 180, event.BBox{MinLat: 9.9, MinLon: 179.9, MaxLat: 10.1, MaxLon: 180}},
		{"the pole", 90, 0, event.BBox{MinLat: 89.9, MinLon: -0.1, MaxLat: 90, MaxLon: 0.1}},
	}
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "cells.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i, tt := range tests {
		day := "2024-01-02"
		text := fmt.Sprintf("قصف %d", i)
		r := event.Record{Article: event.Article{ID: tt.name, Published: day, Text: text}, Events: []event.Event{{
			EventType: "attack", Date: &day, Location: &event.Location{Name: tt.name, Lat: tt.lat, Lon: tt.lon},
			Evidence: []event.Span{{Start: 0, End: len(text), Text: text}},
		}}}
		if _, err := s.Put(ctx, []event.Record{r}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := s.Events(ctx, event.Filter{BBox: &tt.box})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, e := range p.Events {
				found = found || e.Location.Name == tt.name
			}
			if !found {
				t.Errorf("Events(bbox %+v) lacks the event at (%g, %g)", tt.box, tt.lat, tt.lon)
			}
			cells := placeCells(&tt.box)
			if len(cells) > maxCells {
				t.Fatalf("placeCells(%+v): %d cells, more than %d", tt.box, len(cells), maxCells)
			}
			if c := placeCell(tt.lat, tt.lon); !slices.Contains(cells, c) {
				t.Errorf("placeCells(%+v) = %v; want it to hold %d, the cell of (%g, %g)", tt.box, cells, c, tt.lat, tt.lon)
			}
		})
	}
	if n := len(placeCells(&event.BBox{MinLat: 32, MinLon: 35, MaxLat: 37, MaxLon: 42})); n <= maxCells {
		t.Errorf("a 5° × 7° box: %d cells; want more than %d", n, maxCells)
	}
}

// TestPlacedCells: a cell a place meets in part is walked only when it
// holds an event in that part, so that a city just outside a box is not
// read event by event; a place with no event at all gives an empty page.
func TestPlacedCells(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "placed.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i, p := range []struct {
		name     string
		lat, lon float64
	}{{"outside", 35.6, 36.6}, {"inside", 35.9, 36.9}} {
		day := "2024-01-02"
		text := fmt.Sprintf("قصف %d", i)
		r := event.Record{Article: event.Article{ID: p.name, Published: day, Text: text}, Events: []event.Event{{
			EventType: "attack", Date: &day, Location: &event.Location{Name: p.name, Lat: p.lat, Lon: p.lon},
			Evidence: []event.Span{{Start: 0, End: len(text), Text: text}},
		}}}
		if _, err := s.Put(ctx, []event.Record{r}); err != nil {
			t.Fatal(err)
		}
	}
	// four cells meet the box; the outside event's cell meets it in part
	// (35.7-35.75°N), where it holds nothing
	box := &event.BBox{MinLat: 35.7, MinLon: 36.55, MaxLat: 35.99, MaxLon: 36.99}
	if n := len(placeCells(box)); n != 4 {
		t.Fatalf("placeCells: %d cells; want 4", n)
	}
	d, plan, err := s.ExplainEvents(ctx, event.Filter{BBox: box})
	if err != nil {
		t.Fatal(err)
	}
	if all := strings.Join(plan, "\n"); driver(d) != byCells || strings.Count(all, "SEARCH c USING PRIMARY KEY") != 1 {
		t.Errorf("driver %s; want %s walking the one cell with an event in the box:\n%s", d, byCells, all)
	}
	p, err := s.Events(ctx, event.Filter{BBox: box})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Events) != 1 || p.Events[0].Location.Name != "inside" {
		t.Errorf("Events(bbox) = %d events; want the inside one", len(p.Events))
	}
	p, err = s.Events(ctx, event.Filter{BBox: &event.BBox{MinLat: 10, MinLon: 10, MaxLat: 10.5, MaxLon: 10.5}})
	if err != nil || len(p.Events) != 0 || p.Next != "" {
		t.Errorf("Events(an empty box) = %d events, next %q, %v; want none", len(p.Events), p.Next, err)
	}
}

// TestFTSOptimized: opening a store whose full-text index has several
// segments merges them into one (migration 0013), which halves what a
// common word's matches cost to read at a million events.
func TestFTSOptimized(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "fts.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	segments := func(s *Store) int {
		var n int
		if err := s.db.QueryRow(`SELECT count(DISTINCT segid) FROM events_fts_idx`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if _, err := s.db.Exec(`DELETE FROM schema_version WHERE version = 13`); err != nil {
		t.Fatal(err)
	}
	// as before migration 0014: Put's merge leaves fewer than 16 segments
	// on a level alone
	if _, err := s.db.Exec(`INSERT INTO events_fts (events_fts, rank) VALUES ('usermerge', 16)`); err != nil {
		t.Fatal(err)
	}
	for i := range 3 { // each write transaction adds a segment
		if _, err := s.Put(ctx, storetest.Distinct(storetest.BenchBatch(5), fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	if n := segments(s); n < 2 {
		t.Fatalf("three writes left %d segments; the test needs several", n)
	}
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := segments(s); n != 1 {
		t.Errorf("after the migration the full-text index has %d segments; want 1", n)
	}
}

// ftsSegments counts the segments of the full-text index: each has its
// leaves' first terms in events_fts_idx under its segid.
func ftsSegments(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT count(DISTINCT segid) FROM events_fts_idx`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A store written a batch at a time keeps its full-text index in few
// segments: a common word's page reads every one. FTS5's own merging (four
// segments to a level) left 8 to 26 here; Put's merge keeps fewer.
func TestFTSSegmentsStayFew(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 300 batches")
	}
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "fts.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	batch := storetest.BenchBatch(2)
	most := 0
	for i := range 300 {
		if _, err := s.Put(ctx, storetest.Distinct(batch, fmt.Sprint("b", i))); err != nil {
			t.Fatal(err)
		}
		most = max(most, ftsSegments(t, s))
	}
	n := ftsSegments(t, s)
	t.Logf("after 300 batches: %d segments, at most %d", n, most)
	if n > 6 || most > 9 {
		t.Errorf("after 300 batches the full-text index has %d segments, at most %d; want at most 6 and never more than 9", n, most)
	}
}
