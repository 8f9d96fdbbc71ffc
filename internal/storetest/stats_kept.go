package storetest

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
)

// testStatsKept: Stats counts exactly the events Events lists for the same
// filter, and the timeline's incidents exactly their distinct incidents,
// after new articles, a re-ingest, a replaced article that changes its
// events' type, place, date, actors and incident, and an article whose
// events are all taken away. A store may count at ingest (a rollup kept
// in the write transaction) or at read time: both must agree with Events.
func testStatsKept(t *testing.T, s event.Store) {
	fx := fixtures()
	inc := incidentFixtures()
	filters := []struct {
		name string
		f    event.Filter
	}{
		{"all", event.Filter{}},
		{"type", event.Filter{Types: []string{"air_drone_strike", "armed_clash"}}},
		{"one day", event.Filter{From: "2020-10-08", To: "2020-10-08"}},
		{"from", event.Filter{From: "2020-10-09"}},
		{"to", event.Filter{To: "2020-09-30"}},
		{"type and dates", event.Filter{Types: []string{"shelling_artillery_missile_attack"}, From: "2020-10-01", To: "2020-10-31"}},
		{"admin1", event.Filter{Admin1: "Idlib"}},
		{"actor", event.Filter{Actors: []string{"SYR.GOV"}}},
		{"actor, type and dates", event.Filter{Actors: []string{"RUS.MIL"}, Types: []string{"air_drone_strike"}, From: "2020-10-08", To: "2021-12-31"}},
		{"claim", event.Filter{ClaimStatus: event.Denied}},
		{"country", event.Filter{Country: "SYR"}},
		{"admin1 and dates", event.Filter{Admin1: "Idlib", From: "2020-10-08", To: "2020-10-09"}},
		{"words", event.Filter{Text: "قصف"}},
		{"near", event.Filter{Near: &event.Near{Lat: kansafra.lat, Lon: kansafra.lon, Km: 10}}},
	}
	check := func(t *testing.T, step string) {
		t.Helper()
		for _, tt := range filters {
			got, err := s.Stats(context.Background(), tt.f)
			if err != nil {
				t.Fatalf("%s: Stats(%s): %v", step, tt.name, err)
			}
			want := statsOf(all(t, s, tt.f))
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(want)
			if string(gj) != string(wj) {
				t.Errorf("%s: Stats(%s) =\n%s\nwant (counted from Events)\n%s", step, tt.name, gj, wj)
			}
		}
	}
	mustPut(t, s, append(fx, inc...)...)
	check(t, "stored")

	mustPut(t, s, append(fx, inc...)...)
	check(t, "re-ingested")

	// inc-b now tells of an air strike on Idlib a day later by the
	// government: it leaves the Kansafra incident (whose day and type
	// keep their other reports) for another.
	b := inc[1]
	b.Article.Text = strings.Replace(b.Article.Text, "كنصفرة", "إدلب", 1)
	sentence := strings.Replace(inc2, "كنصفرة", "إدلب", 1)
	b.Events = []event.Event{b.Events[0]}
	e := &b.Events[0]
	e.EventType, e.Actor1 = "air_drone_strike", &event.Actor{Code: "SYR.GOV", Text: "قوات النظام"}
	day := "2020-10-09"
	e.Date = &day
	e.Location = &event.Location{Name: idlib.name, Lat: idlib.lat, Lon: idlib.lon, Admin1: idlib.admin1, Country: "SYR", GeoPrecision: 1, GazetteerID: "test:" + idlib.name}
	e.Evidence = []event.Span{{Start: 0, End: len(sentence), Text: sentence}}
	if res := mustPut(t, s, b); res[0].Status != event.Updated {
		t.Fatalf("replaced article: status %v; want updated", res[0].Status)
	}
	check(t, "replaced")

	// t-1 keeps one of its two events, inc-c none
	a := fx[0]
	a.Article.Text += "\nتحديث."
	a.Events = a.Events[:1]
	c := inc[2]
	c.Article.Text += "\nتحديث."
	c.Events = nil
	if res := mustPut(t, s, a, c); res[0].Status != event.Updated || res[1].Status != event.Updated {
		t.Fatalf("shrunk articles: statuses %v; want updated", statuses(res))
	}
	check(t, "events taken away")
}

// statsOf counts events as event.Stats does.
func statsOf(evs []event.StoredEvent) event.Stats {
	day, typ, actor, admin1 := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	incidents := map[[2]string]map[string]bool{}
	for _, e := range evs {
		d := event.EventDate(e.Event, event.Article{Published: e.Article.Published})
		typ[e.EventType]++
		if d != "" {
			day[d]++
			k := [2]string{d, e.EventType}
			if incidents[k] == nil {
				incidents[k] = map[string]bool{}
			}
			id := e.Incident
			if id == "" {
				id = e.ID
			}
			incidents[k][id] = true
		}
		var a1 string
		if e.Actor1 != nil && e.Actor1.Code != "" {
			a1 = e.Actor1.Code
			actor[a1]++
		}
		if e.Actor2 != nil && e.Actor2.Code != "" && e.Actor2.Code != a1 {
			actor[e.Actor2.Code]++
		}
		if e.Location != nil && e.Location.Admin1 != "" {
			admin1[e.Location.Admin1]++
		}
	}
	byCount := func(m map[string]int) []event.Count {
		var out []event.Count
		for k, n := range m {
			out = append(out, event.Count{Key: k, N: n})
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].N != out[j].N {
				return out[i].N > out[j].N
			}
			return out[i].Key < out[j].Key
		})
		return out
	}
	st := event.Stats{Events: len(evs), ByType: byCount(typ), ByActor: byCount(actor), ByAdmin1: byCount(admin1)}
	for d, n := range day {
		st.ByDay = append(st.ByDay, event.Count{Key: d, N: n})
	}
	sort.Slice(st.ByDay, func(i, j int) bool { return st.ByDay[i].Key > st.ByDay[j].Key })
	for k, ids := range incidents {
		st.ByDayType = append(st.ByDayType, event.DayTypeCount{Day: k[0], Type: k[1], N: len(ids)})
	}
	sort.Slice(st.ByDayType, func(i, j int) bool {
		a, b := st.ByDayType[i], st.ByDayType[j]
		if a.Day != b.Day {
			return a.Day > b.Day
		}
		return a.Type < b.Type
	})
	return st
}
