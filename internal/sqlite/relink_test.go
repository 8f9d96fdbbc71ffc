package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/sqlite"
	"github.com/raqib/raqib/internal/storetest"
)

// partitionOf maps each event to its incident.
func partitionOf(t *testing.T, s *sqlite.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	f := event.Filter{Limit: event.MaxLimit}
	for {
		p, err := s.Events(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Events {
			out[e.ID] = e.Incident
		}
		if p.Next == "" {
			return out
		}
		f.Cursor = p.Next
	}
}

// A database an older raqib made holds events without incidents:
// LinkPending links them as if they had been stored with linking.
func TestLinkPending(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "raqib.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	recs := storetest.SpreadBatch(30)
	recs = append(recs, storetest.Distinct(recs, "again")...) // a second outlet tells each
	if _, err := s.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	want := partitionOf(t, s)
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{
		`UPDATE events SET incident = '', incident_link = '', link_cell = NULL, link_lo = '', link_hi = ''`,
		`DELETE FROM incidents`,
	} {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.LinkPending(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(want) {
		t.Errorf("LinkPending linked %d events; want %d", n, len(want))
	}
	got := partitionOf(t, s)
	linked := 0
	for id, inc := range want {
		if got[id] != inc {
			t.Errorf("event %s: incident %q after LinkPending; %q when stored with linking", id, got[id], inc)
		}
		if inc != "i-"+id {
			linked++
		}
	}
	if linked == 0 {
		t.Error("no event shares an incident: the test corpus must link something")
	}
	if again, err := s.LinkPending(ctx, 7); err != nil || again != 0 {
		t.Errorf("LinkPending again = %d, %v; want 0", again, err)
	}
}
