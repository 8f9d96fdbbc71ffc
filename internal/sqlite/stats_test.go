package sqlite_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/sqlite"
	"github.com/raqib/raqib/internal/storetest"
)

// A database made before the stats rollups, the place cells, the brief
// JSON, the list rows and the cards (migrations 0007-0009, 0012, 0016) gets
// them filled from its events when it is opened: Stats, a place page,
// brief pages and card pages answer as before.
func TestReadPathsBackfill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "raqib.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	recs := storetest.SpreadBatch(40)
	recs = append(recs, storetest.Distinct(recs, "again")...) // a second outlet tells each: incidents of two reports
	if _, err := s.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	filters := []event.Filter{{}, {From: "2020-01-01", To: "2030-12-31"}, {Admin1: "Idlib"}}
	want := make([]string, len(filters))
	for i, f := range filters {
		st, err := s.Stats(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if st.Events == 0 {
			t.Fatalf("Stats(%+v) counts nothing", f)
		}
		b, _ := json.Marshal(st)
		want[i] = string(b)
	}
	pages := []event.Filter{{BBox: &event.BBox{MinLat: 35, MinLon: 36, MaxLat: 36.5, MaxLon: 37}, Limit: 500}, {Brief: true, Limit: 500},
		{Brief: true, Types: []string{"air_drone_strike"}, From: "2020-01-01", To: "2030-12-31", Limit: 500},
		{Brief: true, Cards: true, Limit: 500}, {Brief: true, Cards: true, Text: "قصف", Limit: 500}}
	wantPages := make([]string, len(pages))
	for i, f := range pages {
		wantPages[i] = pageJSON(t, s, f)
	}
	s.Close()

	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`DROP TRIGGER event_list_insert`, `DROP TRIGGER event_list_delete`, `DROP TRIGGER event_list_incident`,
		`DROP TRIGGER event_list_event`, `DROP TRIGGER event_list_article`, `DROP TABLE event_list`,
		`DELETE FROM schema_version WHERE version = 12`, `DELETE FROM schema_version WHERE version = 16`,
		`ALTER TABLE events DROP COLUMN card`,
		`DROP TRIGGER rollup_insert`, `DROP TRIGGER rollup_delete`, `DROP TRIGGER rollup_incident`,
		`DROP TABLE event_days`, `DROP TABLE event_facets`, `DROP TABLE event_totals`, `DROP INDEX events_day_incident`,
		`DELETE FROM schema_version WHERE version = 7`,
		`DROP TRIGGER event_cells_insert`, `DROP TRIGGER event_cells_delete`, `DROP TABLE event_cells`,
		`DELETE FROM schema_version WHERE version = 8`,
		`ALTER TABLE events DROP COLUMN brief`, `DELETE FROM schema_version WHERE version = 9`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()

	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i, f := range filters {
		st, err := s.Stats(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := json.Marshal(st); string(b) != want[i] {
			t.Errorf("after the migration Stats(%+v) =\n%s\nwant\n%s", f, b, want[i])
		}
	}
	for i, f := range pages {
		if got := pageJSON(t, s, f); got != wantPages[i] {
			t.Errorf("after the migration Events(%+v) =\n%s\nwant\n%s", f, got, wantPages[i])
		}
	}
}

func pageJSON(t *testing.T, s *sqlite.Store, f event.Filter) string {
	t.Helper()
	p, err := s.Events(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Events) == 0 {
		t.Fatalf("Events(%+v) is empty", f)
	}
	var cards []string
	for _, se := range p.Events {
		cards = append(cards, string(se.Card))
	}
	b, _ := json.Marshal(struct {
		Page  event.Page
		Cards []string
	}{p, cards})
	return string(b)
}
