package storetest

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/raqib/raqib/internal/event"
)

// testBrief: a Brief page lists the same events in the same order as a
// full one, holds the same values of every field a list shows
// (event.BriefFields, the incident and the article's id and title), and
// leaves out what it does not show (the evidence, quantities, source,
// ACLED mapping and sentence), which is what makes it cheap to read and
// send: a store that ignores Brief fails here.
func testBrief(t *testing.T, s event.Store) {
	mustPut(t, s, append(fixtures(), incidentFixtures()...)...)
	for _, tt := range []struct {
		name string
		f    event.Filter
	}{
		{"all", event.Filter{}},
		{"type", event.Filter{Types: []string{"air_drone_strike"}}},
		{"actor", event.Filter{Actors: []string{"SYR.GOV"}}},
		{"dates", event.Filter{From: "2020-10-08", To: "2020-10-09"}},
		{"near", event.Filter{Near: &event.Near{Lat: kansafra.lat, Lon: kansafra.lon, Km: 10}}},
		{"bbox", event.Filter{BBox: &event.BBox{MinLat: 35, MinLon: 36, MaxLat: 36, MaxLon: 37}}},
		{"words", event.Filter{Text: "قصف"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			full := all(t, s, tt.f)
			b := tt.f
			b.Brief = true
			brief := all(t, s, b)
			if !slices.Equal(idsOf(brief), idsOf(full)) {
				t.Fatalf("Brief page lists %v; the full one %v", idsOf(brief), idsOf(full))
			}
			if len(full) == 0 {
				t.Fatalf("Events(%+v) is empty: the fixtures should match", tt.f)
			}
			if len(unshown(full[0])) == 0 {
				t.Fatalf("Events(%+v)[0] has no evidence, quantities, source, ACLED mapping or sentence: nothing for Brief to leave out", tt.f)
			}
			for i := range full {
				if g, w := briefOf(t, brief[i]), briefOf(t, full[i]); g != w {
					t.Errorf("Brief event %s =\n%s\nwant\n%s", full[i].ID, g, w)
				}
				if left := unshown(brief[i]); len(left) > 0 {
					t.Errorf("Brief event %s holds %v; a Brief page leaves them out", full[i].ID, left)
				}
			}
		})
	}
}

// unshown names the fields of e a list does not show that e holds.
func unshown(e event.StoredEvent) []string {
	var out []string
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"evidence", e.Evidence != nil},
		{"quantities", e.Quantities != nil},
		{"source", e.Source != nil},
		{"acled", e.ACLED != nil},
		{"sentence", e.Sentence != ""},
	} {
		if f.set {
			out = append(out, f.name)
		}
	}
	return out
}

// briefOf is the JSON of what a list shows of an event.
func briefOf(t *testing.T, e event.StoredEvent) string {
	t.Helper()
	b, err := json.Marshal(e.Event)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	keep := map[string]json.RawMessage{}
	for _, k := range event.BriefFields {
		keep[k] = m[k]
	}
	keep["incident"], _ = json.Marshal(e.Incident)
	keep["article"], _ = json.Marshal([]string{e.Article.Key, e.Article.ID, e.Article.Title, e.Article.Outlet, e.Article.URL, e.Article.Published})
	out, _ := json.Marshal(keep)
	return string(out)
}
