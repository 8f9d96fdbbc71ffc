package postgres_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/postgres"
	"github.com/raqib/raqib/internal/storetest"
)

func partitionOf(t *testing.T, s *postgres.Store) map[string]string {
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
	s, dsn := openDSN(t)
	defer s.Close()
	recs := storetest.SpreadBatch(30)
	recs = append(recs, storetest.Distinct(recs, "again")...)
	if _, err := s.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	want := partitionOf(t, s)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, q := range []string{
		`UPDATE events SET incident = '', incident_link = '', link_cell = NULL, link_lo = '', link_hi = ''`,
		`DELETE FROM incidents`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.LinkPending(ctx, 7)
	if err != nil || n != len(want) {
		t.Fatalf("LinkPending = %d, %v; want %d", n, err, len(want))
	}
	got := partitionOf(t, s)
	for id, inc := range want {
		if got[id] != inc {
			t.Errorf("event %s: incident %q after LinkPending; %q when stored with linking", id, got[id], inc)
		}
	}
}
