package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/raqib/raqib/internal/event"
)

// testCards: a Cards page lists the events of the full page in its order
// (over pages: the cursors agree), each with its stored card (the bytes of
// event.CardJSON of the full event), ID, incident and article id and
// title, and none of the event decoded; after articles are put again with
// fewer events and new text and titles (their events replaced, incidents
// re-linked) the cards still follow the events and their articles.
func testCards(t *testing.T, s event.Store) {
	recs := SpreadBatch(30)
	recs = append(recs, Distinct(recs, "again")...)
	mustPut(t, s, append(recs, append(fixtures(), incidentFixtures()...)...)...)
	check := func(when string) {
		t.Helper()
		for _, f := range []event.Filter{{}, {Types: []string{"air_drone_strike"}}, {Text: "قصف"}, {From: "2024-01-05", To: "2024-03-01"},
			{Near: &event.Near{Lat: kansafra.lat, Lon: kansafra.lon, Km: 60}}, {Actors: []string{"SYR.GOV"}}} {
			full := all(t, s, f)
			c := f
			c.Brief, c.Cards = true, true
			cards := all(t, s, c)
			if len(full) == 0 {
				t.Fatalf("%s: Events(%+v) is empty: the fixtures should match", when, f)
			}
			if !slices.Equal(idsOf(cards), idsOf(full)) {
				t.Fatalf("%s: Cards pages of %+v list %v; the full ones %v", when, f, idsOf(cards), idsOf(full))
			}
			for i, se := range cards {
				w := full[i]
				want, err := event.CardJSON(w.Event)
				if err != nil {
					t.Fatal(err)
				}
				if string(se.Card) != want || se.Incident != w.Incident || se.Article.ID != w.Article.ID || se.Article.Title != w.Article.Title {
					t.Errorf("%s: card of %s = %s %q %s %q; want %s %q %s %q", when, w.ID, se.Card, se.Incident, se.Article.ID, se.Article.Title,
						want, w.Incident, w.Article.ID, w.Article.Title)
				}
				if se.EventType != "" || se.Location != nil || se.Evidence != nil || se.Sentence != "" {
					t.Errorf("%s: card of %s carries the decoded event", when, w.ID)
				}
			}
		}
	}
	check("after the first put")
	again := slices.Clone(recs[:10])
	for i := range again {
		again[i].Article.Text += " ."
		again[i].Article.Title += " (محدّث)"
		again[i].Events = again[i].Events[:len(again[i].Events)-1]
		again[i].Key, again[i].Hash = "", ""
		again[i].Normalize()
	}
	if _, err := s.Put(context.Background(), again); err != nil {
		t.Fatal(err)
	}
	check("after putting articles again")
}
