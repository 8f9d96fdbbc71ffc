package postgres_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/storetest"
)

// TestQueryPlans checks, for each filter shape, that a page can be read in
// order from an index and stop after the page (sequential scans and sorts
// priced out, as they are on a large table), and from which index.
func TestQueryPlans(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	if _, err := s.Put(ctx, storetest.BenchBatch(20)); err != nil {
		t.Fatal(err)
	}
	if err := s.Analyze(ctx); err != nil {
		t.Fatal(err)
	}
	cur := event.Cursor{Sort: "2024-01-03", ID: "x"}.String()
	tests := []struct {
		name     string
		f        event.Filter
		wantUses []string // indexes the plan must use
		grid     bool     // read cell by cell (gridSQL)
	}{
		{"latest", event.Filter{}, []string{"events_order"}, false},
		{"latest, next page", event.Filter{Cursor: cur}, []string{"events_order"}, false},
		{"type", event.Filter{Types: []string{"attack"}}, []string{"events_type_order"}, false},
		{"admin1", event.Filter{Admin1: "Idlib"}, []string{"events_admin1_order"}, false},
		{"actor", event.Filter{Actors: []string{"SYR.GOV"}}, []string{"events_actor1_order", "events_actor2_order", "Merge Append"}, false},
		{"actor, next page", event.Filter{Actors: []string{"SYR.GOV"}, Cursor: cur}, []string{"events_actor1_order", "events_actor2_order"}, false},
		{"date range", event.Filter{From: "2024-01-01", To: "2024-01-31"}, []string{"events_order"}, false},
		{"bbox", event.Filter{BBox: &event.BBox{MinLat: 35, MinLon: 36, MaxLat: 36, MaxLon: 37}}, []string{"events_cell", "Function Scan on g", "Index Scan using event_points_geo"}, true},
		{"bbox, next page", event.Filter{BBox: &event.BBox{MinLat: 35, MinLon: 36, MaxLat: 36, MaxLon: 37}, Cursor: cur}, []string{"events_cell", "Function Scan on g", "Index Scan using event_points_geo"}, true},
		{"near", event.Filter{Near: &event.Near{Lat: 35.6, Lon: 36.5, Km: 10}}, []string{"events_cell", "Function Scan on g", "Index Scan using event_points_geo"}, true},
		{"bbox and type", event.Filter{BBox: &event.BBox{MinLat: 35, MinLon: 36, MaxLat: 36, MaxLon: 37}, Types: []string{"attack"}}, []string{"events_cell", "Function Scan on g", "Index Scan using event_points_geo"}, true},
		// a box of more cells than maxGridCells walks the date order
		{"country-sized bbox", event.Filter{BBox: &event.BBox{MinLat: 32, MinLon: 35, MaxLat: 37.5, MaxLon: 42.5}}, []string{"events_order"}, false},
		// words alone are read from event_terms in key order (wordPage):
		// the rarest word's keys walked, the others' looked up by key
		{"words", event.Filter{Text: "قصف"}, []string{"Index Only Scan Backward using event_terms_pkey"}, false},
		{"two words, dates, next page", event.Filter{Text: "قصف ادلب", From: "2024-01-01", To: "2024-01-31", Cursor: cur},
			[]string{"Index Only Scan Backward using event_terms_pkey on event_terms t", "event_terms_pkey on event_terms u"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := s.ExplainEvents(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(plan, "\n")
			if strings.Contains(all, "Seq Scan on events") {
				t.Errorf("plan scans the events table:\n%s", all)
			}
			for _, idx := range tt.wantUses {
				if !strings.Contains(all, idx) {
					t.Errorf("plan does not use %s:\n%s", idx, all)
				}
			}
			if tt.f.From != "" && len(tt.wantUses) == 1 && tt.wantUses[0] == "events_order" &&
				!regexp.MustCompile(`using events_order on events e\S*.*\n\s*Index Cond: .*date_hi >= `).MatchString(all) {
				// date_hi is in events_order's key (migration 0016): the
				// overlap test does not read rows the page does not list
				t.Errorf("plan does not test date_hi in events_order's index condition:\n%s", all)
			}
			if strings.Contains(all, "on event_terms u") &&
				!regexp.MustCompile(`using event_terms_pkey on event_terms u\S*.*\n\s*Index Cond: \(\(term = .*key`).MatchString(all) {
				// the second word's keys are looked up, or walked from
				// the range's newest, never from the word's newest
				t.Errorf("plan does not bound the second word's keys in its index condition:\n%s", all)
			}
			if tt.grid {
				// the box is tested inside the index scan (the point is in
				// events_cell's key): an entry outside it is not returned
				// to be rejected
				if !regexp.MustCompile(`using events_cell on events e\S*.*\n\s*Index Cond: .*lat >= .*lon <= `).MatchString(all) {
					t.Errorf("plan does not test the box in events_cell's index condition:\n%s", all)
				}
				// each cell's page is read in order; the cells' pages,
				// maxGridCells × (limit+1) keys at most, are sorted
				return
			}
			// every other shape reads its page in order, merging ordered
			// ranges where it reads more than one
			if strings.Contains(all, "Sort  ") {
				t.Errorf("plan sorts the matches instead of reading them in order:\n%s", all)
			}
		})
	}
}

// TestStatsPlans checks that Stats of an actor or a governorate is read
// from the rows of stats_facet its index finds, not by scanning the rollup
// or the events, its incidents from stats_key_day (one actor, one
// governorate) or counted over the events the indexes find (more); a
// type's from stats_day_type and its totals by type (migration 0017), and
// with dates from stats_day_type and the type's events. (With a
// second filter, which index the planner takes depends on how many rows
// each range holds: any, but not a scan.)
func TestStatsPlans(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	if _, err := s.Put(ctx, storetest.SpreadBatch(40)); err != nil {
		t.Fatal(err)
	}
	if err := s.Analyze(ctx); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		f        event.Filter
		wantUses []string
	}{
		{"actor", event.Filter{Actors: []string{"SYR.GOV"}}, []string{"stats_facet_actor1", "stats_facet_actor2", "stats_key_day_pkey"}},
		{"two actors", event.Filter{Actors: []string{"SYR.GOV", "CIV"}}, []string{"Index Scan", "stats_facet", "events_actor1_order", "events_actor2_order"}},
		{"actor and dates", event.Filter{Actors: []string{"SYR.GOV"}, From: "2024-01-01", To: "2024-03-31"}, []string{"Index Scan on stats_facet"}},
		{"admin1", event.Filter{Admin1: "Idlib"}, []string{"stats_facet_admin1", "stats_key_day_pkey"}},
		{"actor and admin1", event.Filter{Actors: []string{"SYR.GOV"}, Admin1: "Idlib"}, []string{"Index Scan on stats_facet", "on events e"}},
		{"admin1 and type", event.Filter{Admin1: "Idlib", Types: []string{"attack"}}, []string{"Index Scan on stats_facet"}},
		{"type", event.Filter{Types: []string{"attack"}}, []string{"stats_day_type_pkey", "stats_type_actor_pkey", "stats_type_admin1_pkey"}},
		{"type and dates", event.Filter{Types: []string{"attack"}, From: "2024-01-01"}, []string{"stats_day_type_pkey", "Index Only Scan using events_stats"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := s.ExplainStats(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(plan, "\n")
			if len(plan) == 0 {
				t.Fatalf("ExplainStats(%+v) gives no plan; want the rollups' queries", tt.f)
			}
			if strings.Contains(all, "Seq Scan") {
				t.Errorf("plan scans a table:\n%s", all)
			}
			for _, idx := range tt.wantUses {
				if !strings.Contains(all, idx) {
					t.Errorf("plan does not use %s:\n%s", idx, all)
				}
			}
		})
	}
	// words are counted over their matches: no rollup holds them
	if plan, err := s.ExplainStats(ctx, event.Filter{Actors: []string{"SYR.GOV"}, Text: "قصف"}); err != nil || len(plan) != 0 {
		t.Errorf("ExplainStats(actor and words) = %q, %v; want no rollup plan", plan, err)
	}
}
