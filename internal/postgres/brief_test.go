package postgres_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/postgres"
	"github.com/raqib/raqib/internal/storetest"
)

// A database made before the brief JSON (migration 0009) gets it filled
// from its events when it is opened: brief pages answer as Put's brief
// JSON gave them, a page of each plan (in date order, one actor merged,
// grid cells, words in windows), and the counts kept at ingest are not
// disturbed by the rewrite.
func TestBriefBackfill(t *testing.T) {
	ctx := context.Background()
	s, dsn := openDSN(t)
	recs := storetest.SpreadBatch(40)
	recs = append(recs, storetest.Distinct(recs, "again")...)
	if _, err := s.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	pages := []event.Filter{
		{Brief: true, Limit: 500},
		{Brief: true, Actors: []string{"SYR.GOV"}, Limit: 500},
		{Brief: true, BBox: &event.BBox{MinLat: 35, MinLon: 36, MaxLat: 36.5, MaxLon: 37}, Limit: 500},
		{Brief: true, Text: "قصف", Limit: 500},
	}
	want := make([]string, len(pages))
	for i, f := range pages {
		want[i] = briefPageJSON(t, s, f)
	}
	st := checkRollup(t, s, "before the migration")
	s, conn := migrateAgain(t, s, dsn, []int{9}, `ALTER TABLE events DROP COLUMN brief`)
	var empty int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM events WHERE brief = ''`).Scan(&empty); err != nil || empty > 0 {
		t.Fatalf("after the migration %d events have no brief JSON (%v)", empty, err)
	}
	for i, f := range pages {
		if got := briefPageJSON(t, s, f); got != want[i] {
			t.Errorf("after the migration Events(%+v) =\n%s\nwant\n%s", f, got, want[i])
		}
	}
	var pending bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM stats_delta)`).Scan(&pending); err != nil || pending {
		t.Errorf("the migration logged changes to the counts (%v); it changes no counted value", err)
	}
	if got := checkRollup(t, s, "after the migration"); got.Events != st.Events {
		t.Errorf("after the migration Stats counts %d events; want %d", got.Events, st.Events)
	}
}

// briefPageJSON is a brief page of f as JSON, checked to hold events and
// none of what a brief page leaves out.
func briefPageJSON(t *testing.T, s *postgres.Store, f event.Filter) string {
	t.Helper()
	p, err := s.Events(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Events) == 0 {
		t.Fatalf("Events(%+v) is empty", f)
	}
	for _, e := range p.Events {
		if e.Evidence != nil || e.ACLED != nil || e.Sentence != "" {
			t.Fatalf("Events(%+v): event %s holds its evidence, ACLED mapping or sentence", f, e.ID)
		}
	}
	b, _ := json.Marshal(p)
	return string(b)
}

// Events stored before the cards (migration 0012) have none: a Cards page
// cards them from their brief as it reads them, the same bytes Put stores.
func TestCardsOfOldRows(t *testing.T) {
	ctx := context.Background()
	s, dsn := openDSN(t)
	defer s.Close()
	recs := storetest.SpreadBatch(40)
	if _, err := s.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	pages := []event.Filter{
		{Brief: true, Cards: true, Limit: 500},
		{Brief: true, Cards: true, Actors: []string{"SYR.GOV"}, Limit: 500},
		{Brief: true, Cards: true, Text: "قصف", Limit: 500},
	}
	want := make([]string, len(pages))
	for i, f := range pages {
		want[i] = cardsPageJSON(t, s, f)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if tag, err := conn.Exec(ctx, `UPDATE events SET card = ''`); err != nil || tag.RowsAffected() == 0 {
		t.Fatalf("emptying the cards: %v (%d rows)", err, tag.RowsAffected())
	}
	for i, f := range pages {
		if got := cardsPageJSON(t, s, f); got != want[i] {
			t.Errorf("without stored cards Events(%+v) =\n%s\nwant\n%s", f, got, want[i])
		}
	}
}

// cardsPageJSON is a Cards page of f as JSON with each event's card.
func cardsPageJSON(t *testing.T, s *postgres.Store, f event.Filter) string {
	t.Helper()
	p, err := s.Events(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	var cards []string
	for _, e := range p.Events {
		if len(e.Card) == 0 {
			t.Fatalf("Events(%+v): event %s has no card", f, e.ID)
		}
		cards = append(cards, string(e.Card))
	}
	b, _ := json.Marshal(struct {
		Page  event.Page
		Cards []string
	}{p, cards})
	return string(b)
}

// Events stored before they kept their article's id and title (migration
// 0015) get them filled when the database is opened: Cards pages, which
// read them from the event alone, answer as before, a page of each plan.
func TestEventArticleBackfill(t *testing.T) {
	ctx := context.Background()
	s, dsn := openDSN(t)
	if _, err := s.Put(ctx, storetest.SpreadBatch(40)); err != nil {
		t.Fatal(err)
	}
	pages := []event.Filter{
		{Brief: true, Cards: true, Limit: 500},
		{Brief: true, Cards: true, Actors: []string{"SYR.GOV"}, Limit: 500},
		{Brief: true, Cards: true, BBox: &event.BBox{MinLat: 35, MinLon: 36, MaxLat: 36.5, MaxLon: 37}, Limit: 500},
		{Brief: true, Cards: true, Text: "قصف", Limit: 500},
	}
	want := make([]string, len(pages))
	for i, f := range pages {
		want[i] = cardsPageJSON(t, s, f)
	}
	s, conn := migrateAgain(t, s, dsn, []int{15}, `ALTER TABLE events DROP COLUMN article_id, DROP COLUMN title`)
	var empty int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM events WHERE article_id = '' OR title = ''`).Scan(&empty); err != nil || empty > 0 {
		t.Fatalf("after the migration %d events have no article id or title (%v)", empty, err)
	}
	for i, f := range pages {
		if got := cardsPageJSON(t, s, f); got != want[i] {
			t.Errorf("after the migration Events(%+v) =\n%s\nwant\n%s", f, got, want[i])
		}
	}
}

// migrateAgain closes s, undoes migrations versions of the database at
// dsn (the statements undo, then forgetting the versions) and opens it
// again, so that the migrations run on the rows stored before; it returns
// the store and a connection to inspect the rows, both closed when the
// test ends.
func migrateAgain(t *testing.T, s *postgres.Store, dsn string, versions []int, undo ...string) (*postgres.Store, *pgx.Conn) {
	t.Helper()
	ctx := context.Background()
	s.Close()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	for _, q := range undo {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, err := conn.Exec(ctx, `DELETE FROM schema_version WHERE version = ANY($1)`, versions); err != nil {
		t.Fatalf("forgetting migrations %v: %v", versions, err)
	}
	s, err = postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, conn
}
