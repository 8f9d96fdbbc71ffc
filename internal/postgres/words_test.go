package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/storetest"
)

// event_terms (migration 0018) files every word of every event, and no
// other, under the event's day key: after a batch, after a batch that
// replaces articles' events, after an event's date is changed in place,
// and after the migration fills it from the events stored before it. A
// page of words read from it is the same before and after the refill.
func TestEventTerms(t *testing.T) {
	ctx := context.Background()
	s, dsn := openDSN(t)
	recs := storetest.SpreadBatch(40)
	for i := range 5 {
		recs[i].Article.URL = fmt.Sprintf("https://example.org/%d", i)
	}
	if _, err := s.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	check := func(when string, conn *pgx.Conn) {
		t.Helper()
		var missing, extra, filed int
		err := conn.QueryRow(ctx, `WITH want AS (
				SELECT t.lexeme AS term, raqib_day_key(e.date_lo, e.seq) AS key
				FROM events e, unnest(e.terms) t WHERE t.lexeme NOT LIKE '~%')
			SELECT (SELECT count(*) FROM (SELECT * FROM want EXCEPT SELECT term, key FROM event_terms) x),
				(SELECT count(*) FROM (SELECT term, key FROM event_terms EXCEPT SELECT * FROM want) x),
				(SELECT count(*) FROM event_terms)`).Scan(&missing, &extra, &filed)
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		if missing > 0 || extra > 0 || filed == 0 {
			t.Errorf("%s: event_terms misses %d words of events and has %d of none (%d filed)", when, missing, extra, filed)
		}
		// the keys are event.DayKey's, which wordPage's ranges are made of
		var los []string
		var seqs, keys []int64
		err = conn.QueryRow(ctx, `SELECT (SELECT array_agg(date_lo ORDER BY seq) FROM events), (SELECT array_agg(seq ORDER BY seq) FROM events),
			(SELECT array_agg(DISTINCT key) FROM event_terms)`).Scan(&los, &seqs, &keys)
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		want := make([]int64, len(seqs))
		for i := range seqs {
			want[i] = event.DayKey(los[i], seqs[i])
		}
		slices.Sort(want)
		if slices.Sort(keys); !slices.Equal(keys, want) {
			t.Errorf("%s: event_terms keys %v; want event.DayKey of each event %v", when, keys, want)
		}
	}
	check("after a batch", conn)

	// the same articles with other events: the old ones' words go
	again := storetest.SpreadBatch(40)[:5]
	for i := range again {
		again[i].Article.URL = recs[i].Article.URL
		again[i].Article.Text += " تحديث"
		again[i].Events = again[i].Events[:1]
		d := "2023-06-01"
		again[i].Events[0].Date = &d
	}
	res, err := s.Put(ctx, again)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Status != event.Updated {
			t.Fatalf("Put of an article again with other events: %s; want %s", r.Status, event.Updated)
		}
	}
	check("after a batch replacing articles' events", conn)

	if _, err := conn.Exec(ctx, `UPDATE events SET date_lo = '2019-02-03' WHERE seq = (SELECT min(seq) FROM events)`); err != nil {
		t.Fatal(err)
	}
	check("after a date changed in place", conn)

	pages := []event.Filter{
		{Brief: true, Cards: true, Text: "قصف", Limit: 7},
		{Brief: true, Cards: true, Text: "قصف ادلب", From: "2024-01-10", To: "2024-02-20", Limit: 7},
	}
	want := make([]string, len(pages))
	for i, f := range pages {
		want[i] = cardsPageJSON(t, s, f)
	}
	s, conn2 := migrateAgain(t, s, dsn, []int{18},
		`DROP TABLE event_terms`,
		`DROP FUNCTION event_terms_inserted, event_terms_deleted, event_terms_updated CASCADE`,
		`DROP FUNCTION raqib_day_key`)
	check("after the migration", conn2)
	for i, f := range pages {
		if got := cardsPageJSON(t, s, f); got != want[i] || strings.Contains(got, `"Cards":null`) {
			t.Errorf("after the migration Events(%+v) =\n%s\nwant\n%s", f, got, want[i])
		}
	}
}

// event_points (migration 0019) holds every point an event is placed at:
// after a batch, after an event is moved in place, and after the
// migration fills it from the events stored before it.
func TestEventPoints(t *testing.T) {
	ctx := context.Background()
	s, dsn := openDSN(t)
	if _, err := s.Put(ctx, storetest.SpreadBatch(20)); err != nil {
		t.Fatal(err)
	}
	check := func(when string, conn *pgx.Conn) {
		t.Helper()
		var missing, points int
		err := conn.QueryRow(ctx, `SELECT (SELECT count(*) FROM events e WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL
				AND NOT EXISTS (SELECT 1 FROM event_points p WHERE p.lat = e.lat AND p.lon = e.lon)),
			(SELECT count(*) FROM event_points)`).Scan(&missing, &points)
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		if missing > 0 || points == 0 {
			t.Errorf("%s: %d placed events have no row in event_points (%d points)", when, missing, points)
		}
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	check("after a batch", conn)
	if _, err := conn.Exec(ctx, `UPDATE events SET lat = lat + 0.01 WHERE seq = (SELECT min(seq) FROM events WHERE lat IS NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	check("after an event moved", conn)
	_, conn2 := migrateAgain(t, s, dsn, []int{19}, `DROP TABLE event_points`, `DROP FUNCTION event_points_inserted, event_points_moved CASCADE`)
	check("after the migration", conn2)
}
