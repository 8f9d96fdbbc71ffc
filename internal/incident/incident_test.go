package incident

import (
	"math/rand"
	"sort"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
)

// rep builds a report of article art, published pub, of type typ at a
// gazetteer place (or none), on date (or none).
func rep(id, art, pub, typ, gz string, lat, lon float64, prec int, date, a1, a2 string) event.Report {
	var r event.Report
	r.ID, r.Doc, r.EventType = id, art, typ
	r.Article = event.ArticleMeta{Key: art, ID: art, Published: pub, Outlet: "outlet " + art}
	r.Location = &event.Location{Name: gz, Lat: lat, Lon: lon, GeoPrecision: prec, GazetteerID: gz, Country: "SYR"}
	if date != "" {
		r.Date = &date
		r.DatePrecision = map[int]string{10: "day", 7: "month"}[len(date)]
	}
	if a1 != "" {
		r.Actor1 = &event.Actor{Code: a1}
	}
	if a2 != "" {
		r.Actor2 = &event.Actor{Code: a2}
	}
	return r
}

func rules(t *testing.T) *Rules {
	t.Helper()
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLoadEveryType(t *testing.T) {
	r := rules(t)
	for _, typ := range event.Types {
		if len(r.Family(typ.Code)) == 0 {
			t.Errorf("type %s has no family in families.tsv", typ.Code)
		}
	}
}

// Douma 33.5718,36.4027; Hammouriyeh about 5 km away; Kafranbel far off.
func TestLinked(t *testing.T) {
	r := rules(t)
	tests := []struct {
		name string
		a, b event.Report
		want bool
	}{
		{"same strike, same day",
			rep("a", "A", "2018-04-08", "air_drone_strike", "douma", 33.5718, 36.4027, 1, "2018-04-07", "SYR.GOV", "CIV"),
			rep("b", "B", "2018-04-08", "shelling_artillery_missile_attack", "douma", 33.5718, 36.4027, 1, "2018-04-07", "", ""), true},
		{"a village and its countryside",
			rep("a", "A", "2018-04-08", "air_drone_strike", "douma", 33.5718, 36.4027, 1, "2018-04-07", "", ""),
			rep("b", "B", "2018-04-08", "air_drone_strike", "ghouta", 33.55, 36.42, 2, "2018-04-07", "", ""), true},
		{"two towns named exactly",
			rep("a", "A", "2018-04-08", "air_drone_strike", "douma", 33.5718, 36.4027, 1, "2018-04-07", "", ""),
			rep("b", "B", "2018-04-08", "air_drone_strike", "hammouriyeh", 33.527, 36.39, 1, "2018-04-07", "", ""), false},
		{"another day",
			rep("a", "A", "2018-04-08", "air_drone_strike", "douma", 33.5718, 36.4027, 1, "2018-04-07", "", ""),
			rep("b", "B", "2018-04-08", "air_drone_strike", "douma", 33.5718, 36.4027, 1, "2018-04-06", "", ""), false},
		{"a clash is no air strike",
			rep("a", "A", "2018-04-08", "air_drone_strike", "douma", 33.5718, 36.4027, 1, "2018-04-07", "", ""),
			rep("b", "B", "2018-04-08", "armed_clash", "douma", 33.5718, 36.4027, 1, "2018-04-07", "", ""), false},
		{"a chemical attack told days later, undated",
			rep("a", "A", "2018-04-08", "chemical_weapon", "douma", 33.5718, 36.4027, 1, "2018-04-07", "SYR.GOV", ""),
			rep("b", "B", "2018-04-12", "chemical_weapon", "douma", 33.5718, 36.4027, 1, "", "", ""), true},
		{"an air strike told days later is another",
			rep("a", "A", "2018-04-08", "air_drone_strike", "douma", 33.5718, 36.4027, 1, "2018-04-07", "", ""),
			rep("b", "B", "2018-04-12", "air_drone_strike", "douma", 33.5718, 36.4027, 1, "", "", ""), false},
		{"sides that contradict",
			rep("a", "A", "2018-04-08", "armed_clash", "douma", 33.5718, 36.4027, 1, "2018-04-07", "SYR.GOV", "SYR.OPP"),
			rep("b", "B", "2018-04-08", "armed_clash", "douma", 33.5718, 36.4027, 1, "2018-04-07", "TUR.MIL", "SDF"), false},
		{"parties to talks are not sides",
			rep("a", "A", "2018-09-08", "consult", "tehran", 35.69, 51.39, 1, "2018-09-07", "IRN.GOV", "RUS.GOV"),
			rep("b", "B", "2018-09-08", "consult", "tehran", 35.69, 51.39, 1, "2018-09-07", "TUR.GOV", "SYR.OPP"), true},
		{"a month does not link to a day of a frequent act",
			rep("a", "A", "2018-04-08", "air_drone_strike", "douma", 33.5718, 36.4027, 1, "2018-04", "", ""),
			rep("b", "B", "2018-04-08", "air_drone_strike", "douma", 33.5718, 36.4027, 1, "2018-04-07", "", ""), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			incs := r.Cluster([]event.Report{tt.a, tt.b})
			if got := len(incs) == 1; got != tt.want {
				t.Errorf("linked = %v; want %v (incidents %d)", got, tt.want, len(incs))
			}
			if tt.want && len(incs) == 1 {
				l := incs[0].Reports[1].Link
				if l == nil || l.To != incs[0].Reports[0].ID || len(l.Because) < 3 {
					t.Errorf("link = %+v; want why it joined the first report", l)
				}
			}
		})
	}
}

// partition names each report's incident by its fellow reports.
func partition(incs []event.Incident) map[string]string {
	out := map[string]string{}
	for _, inc := range incs {
		var ids []string
		for _, r := range inc.Reports {
			ids = append(ids, r.ID)
		}
		sort.Strings(ids)
		for _, id := range ids {
			out[id] = inc.ID + ":" + strings.Join(ids, ",")
		}
	}
	return out
}

func corpus() []event.Report {
	return []event.Report{
		rep("a1", "A", "2018-04-08", "chemical_weapon", "douma", 33.5718, 36.4027, 1, "2018-04-07", "SYR.GOV", "CIV"),
		rep("a2", "A", "2018-04-08", "armed_clash", "harasta", 33.558, 36.365, 1, "2018-04-07", "SYR.GOV", "SYR.OPP"),
		rep("b1", "B", "2018-04-09", "air_drone_strike", "douma", 33.5718, 36.4027, 1, "2018-04-07", "RUS.MIL", ""),
		rep("b2", "B", "2018-04-09", "chemical_weapon", "douma", 33.5718, 36.4027, 1, "2018-04-07", "SYR.GOV", ""),
		rep("c1", "C", "2018-04-12", "chemical_weapon", "douma", 33.5718, 36.4027, 1, "", "", ""),
		rep("d1", "D", "2018-04-08", "armed_clash", "harasta", 33.558, 36.365, 1, "2018-04-07", "SYR.OPP", "SYR.GOV"),
		rep("e1", "E", "2018-04-18", "chemical_weapon", "douma", 33.5718, 36.4027, 1, "", "", ""),
		rep("f1", "F", "2018-04-08", "air_drone_strike", "idlib", 35.93, 36.63, 1, "2018-04-07", "", ""),
	}
}

func TestClusterOrderIndependent(t *testing.T) {
	r := rules(t)
	reps := corpus()
	want := partition(r.Cluster(reps))
	if want["a1"] != want["b2"] || want["a1"] != want["c1"] || want["a2"] != want["d1"] || want["a1"] == want["b1"] {
		t.Fatalf("partition = %v; want the chemical attack told by A, B, C, the clash by A and D, and B's air strike apart", want)
	}
	rng := rand.New(rand.NewSource(1))
	for n := range 20 {
		shuffled := append([]event.Report(nil), reps...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		got := partition(r.Cluster(shuffled))
		for id, w := range want {
			if got[id] != w {
				t.Errorf("order %d: incident of %s = %s; want %s", n, id, got[id], w)
			}
		}
	}
}

// Adding reports one article at a time, as a store does, ends in the same
// incidents as clustering them all at once.
func TestIncrementalMatchesFull(t *testing.T) {
	r := rules(t)
	reps := corpus()
	want := partition(r.Cluster(reps))
	rng := rand.New(rand.NewSource(2))
	for n := range 10 {
		arts := map[string][]event.Report{}
		var order []string
		for _, x := range reps {
			if _, ok := arts[x.Doc]; !ok {
				order = append(order, x.Doc)
			}
			arts[x.Doc] = append(arts[x.Doc], x)
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var stored []event.Report
		for _, art := range order {
			members := append([]event.Report(nil), arts[art]...)
			fresh := make([]bool, len(members))
			for i := range fresh {
				fresh[i] = true
			}
			for _, s := range stored {
				members, fresh = append(members, s), append(fresh, false)
			}
			incs, _ := r.cluster(members, fresh)
			stored = stored[:0]
			for _, inc := range incs {
				for _, rp := range inc.Reports {
					rp.Incident = inc.ID
					stored = append(stored, rp)
				}
			}
		}
		got := partition(r.Cluster(stored))
		for id, w := range want {
			if got[id] != w {
				t.Errorf("order %v: incident of %s = %s; want %s", order, id, got[id], w)
			}
		}
		_ = n
	}
}

func TestSummary(t *testing.T) {
	r := rules(t)
	a := rep("a", "A", "2018-04-08", "air_drone_strike", "douma", 33.5718, 36.4027, 1, "2018-04-07", "SYR.GOV", "CIV")
	b := rep("b", "B", "2018-04-09", "air_drone_strike", "douma", 33.5718, 36.4027, 1, "2018-04-07", "RUS.MIL", "CIV")
	c := rep("c", "C", "2018-04-09", "shelling_artillery_missile_attack", "douma", 33.5718, 36.4027, 1, "2018-04-07", "SYR.MIL", "")
	twenty, twentyFour, three := 20, 24, 3
	a.Fatalities, b.Fatalities, c.Fatalities = &twenty, &twentyFour, &three
	c.Claim = &event.Claim{Status: event.Denied, By: "SYR.GOV", DeniedBy: "SYR.GOV"}
	a.Source = &event.Source{Text: "المرصد", Code: "SOHR"}
	incs := r.Cluster([]event.Report{c, b, a})
	if len(incs) != 1 {
		t.Fatalf("incidents = %d; want 1", len(incs))
	}
	inc := incs[0]
	if inc.ID != "i-a" || inc.EventType != "air_drone_strike" || inc.Articles != 3 {
		t.Errorf("id %s, type %s, articles %d; want i-a, air_drone_strike, 3", inc.ID, inc.EventType, inc.Articles)
	}
	if f := inc.Fatalities; f == nil || f.Min != 3 || f.Max != 24 || f.Headline != 20 {
		t.Errorf("fatalities = %+v; want 3 to 24, headline 20 (the denial's toll is not credible)", f)
	}
	got := map[string][]event.DisputedValue{}
	for _, d := range inc.Disagreements {
		got[d.Field] = d.Values
	}
	if len(got["actor1"]) != 3 || len(got["event_type"]) != 2 || len(got["fatalities"]) != 3 || len(got["claim"]) < 2 || !inc.Disputed {
		t.Errorf("disagreements = %+v; want the doer, the type, the toll and the denial", inc.Disagreements)
	}
	if len(inc.Sources) != 1 || inc.Sources[0].Key != "SOHR" {
		t.Errorf("sources = %+v; want SOHR", inc.Sources)
	}
}
