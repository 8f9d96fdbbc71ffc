package sqlite

import (
	"context"
	"path/filepath"
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
		{"rare bbox", event.Filter{BBox: bbox}, false, byPlace, "SCAN g VIRTUAL TABLE INDEX 2:", true},
		{"rare bbox with a type", event.Filter{BBox: bbox, Types: []string{"attack"}}, false, byPlace, "VIRTUAL TABLE INDEX 2:", true},
		{"common bbox", event.Filter{BBox: bbox}, true, byDate, "events_order", false},
		{"rare near", event.Filter{Near: near}, false, byPlace, "SCAN g VIRTUAL TABLE INDEX 2:", true},
		{"common near", event.Filter{Near: near}, true, byDate, "events_order", false},
		{"rare words", event.Filter{Text: "قصف"}, false, byText, "events_fts", true},
		{"common words", event.Filter{Text: "قصف"}, true, byMonth, "events_fts", true},
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
			for _, step := range plan {
				if strings.HasPrefix(step, "SCAN e") && !strings.Contains(step, "INDEX") {
					t.Errorf("plan scans the events table:\n%s", all)
				}
				if strings.Contains(step, "TEMP B-TREE FOR ORDER BY") && !tt.mayScan {
					t.Errorf("plan sorts every match instead of reading them in order:\n%s", all)
				}
			}
		})
	}
}
