package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/raqib/raqib/internal/event"
)

// RunIncidents is the conformance suite of incident linking (SPEC §7) for
// a store that links what it stores and reads incidents back. open must
// return a new, empty store.
func RunIncidents(t *testing.T, open func(t *testing.T) event.Store) {
	t.Helper()
	opened := func(t *testing.T) incidentStore {
		s := open(t)
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		is, ok := s.(incidentStore)
		if !ok {
			t.Fatalf("%T does not implement event.IncidentReader", s)
		}
		return is
	}
	t.Run("Record", func(t *testing.T) { testIncidentRecord(t, opened(t)) })
	t.Run("OrderIndependent", func(t *testing.T) { testIncidentOrder(t, opened(t), opened(t), opened(t)) })
	t.Run("ReingestAndUpdate", func(t *testing.T) { testIncidentUpdate(t, opened(t)) })
	t.Run("Filters", func(t *testing.T) { testIncidentFilters(t, opened(t)) })
	t.Run("ConcurrentPut", func(t *testing.T) { testIncidentConcurrent(t, opened(t)) })
}

// testIncidentConcurrent: outlets' reports of one strike stored at once,
// each by its own writer, end in one incident, never split.
func testIncidentConcurrent(t *testing.T, s incidentStore) {
	const writers = 8
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := article(fmt.Sprintf("conc-%d", w), fmt.Sprintf("https://outlet%d.example/strike", w), "2020-10-09",
				fmt.Sprintf("وكالة %d", w), "غارات على كنصفرة", inc1).
				event("air_drone_strike", inc1, kansafra, "2020-10-08", "SYR.GOV", "CIV", nil).record()
			if _, err := s.Put(context.Background(), []event.Record{r}); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	p, err := s.Incidents(context.Background(), event.IncidentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Incidents) != 1 || len(p.Incidents[0].Reports) != writers {
		var sizes []int
		for _, inc := range p.Incidents {
			sizes = append(sizes, len(inc.Reports))
		}
		t.Errorf("incidents of sizes %v; want one of %d reports", sizes, writers)
	}
}

type incidentStore interface {
	event.Store
	event.IncidentReader
}

const (
	inc1 = "شنت طائرات حربية غارات على بلدة كنصفرة صباح الخميس ما أدى لمقتل خمسة مدنيين."
	inc2 = "قال المرصد السوري إن سبعة مدنيين قتلوا في قصف جوي على كنصفرة يوم الخميس."
	inc3 = "ونفت وزارة الدفاع الروسية أن تكون طائراتها قد قصفت كنصفرة."
	inc4 = "واندلعت اشتباكات بين فصائل المعارضة وقوات النظام قرب بلدة حاس."
	inc5 = "وقصفت قوات النظام مدينة إدلب بالمدفعية الثقيلة."
)

// incidentFixtures: one strike on Kansafra on 8 October 2020 told by three
// outlets (five, then seven killed; one report is a Russian denial), a
// clash near Haas the same day, and a shelling of Idlib a day later.
func incidentFixtures() []event.Record {
	five, seven := 5, 7
	a := article("inc-a", "https://a.example/1", "2020-10-08", "شبكة أ", "غارات على كنصفرة", inc1, inc4).
		event("air_drone_strike", inc1, kansafra, "2020-10-08", "SYR.GOV", "CIV", nil).
		event("armed_clash", inc4, haas, "2020-10-08", "SYR.OPP", "SYR.GOV", nil).
		record()
	a.Events[0].Fatalities = &five
	b := article("inc-b", "https://b.example/2", "2020-10-09", "وكالة ب", "سبعة قتلى", inc2).
		event("shelling_artillery_missile_attack", inc2, kansafra, "2020-10-08", "RUS.MIL", "CIV", nil).
		record()
	b.Events[0].Fatalities = &seven
	b.Events[0].Source = &event.Source{Text: "المرصد السوري", Code: "SOHR"}
	c := article("inc-c", "https://c.example/3", "2020-10-09", "موقع ج", "الدفاع الروسية تنفي", inc3, inc5).
		event("air_drone_strike", inc3, kansafra, "2020-10-08", "RUS.MIL", "", &event.Claim{Status: event.Denied, By: "RUS.MIL", DeniedBy: "RUS.MIL"}).
		event("shelling_artillery_missile_attack", inc5, idlib, "2020-10-09", "SYR.GOV", "", nil).
		record()
	return []event.Record{a, b, c}
}

// partition returns the store's incidents as sorted lists of event ids,
// and the incident id of each list.
func partition(t *testing.T, s incidentStore) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, e := range all(t, s, event.Filter{}) {
		if e.Incident == "" {
			t.Errorf("event %s has no incident", e.ID)
		}
		out[e.Incident] += ""
	}
	groups := map[string]string{}
	for id := range out {
		inc, err := s.Incident(context.Background(), id)
		if err != nil {
			t.Fatalf("Incident(%s): %v", id, err)
		}
		var ids []string
		for _, r := range inc.Reports {
			ids = append(ids, r.ID)
		}
		sort.Strings(ids)
		groups[strings.Join(ids, ",")] = id
	}
	return groups
}

func testIncidentOrder(t *testing.T, s1, s2, s3 incidentStore) {
	recs := incidentFixtures()
	for _, r := range recs {
		mustPut(t, s1, r)
	}
	rev := slices.Clone(recs)
	slices.Reverse(rev)
	for _, r := range rev {
		mustPut(t, s2, r)
	}
	mustPut(t, s3, recs[2], recs[0], recs[1]) // one batch, another order
	p1, p2, p3 := partition(t, s1), partition(t, s2), partition(t, s3)
	if len(p1) != 3 {
		t.Errorf("incidents = %v; want 3 (the strike, the clash, the shelling)", p1)
	}
	for name, p := range map[string]map[string]string{"reversed": p2, "one batch": p3} {
		if len(p) != len(p1) {
			t.Errorf("%s: partition %v; want %v", name, p, p1)
		}
		for members, id := range p1 {
			if p[members] != id {
				t.Errorf("%s: incident of %s = %q; want %q", name, members, p[members], id)
			}
		}
	}
}

func testIncidentRecord(t *testing.T, s incidentStore) {
	recs := incidentFixtures()
	mustPut(t, s, recs...)
	strike := eventID(recs[0], 0)
	se, err := s.Event(context.Background(), strike)
	if err != nil {
		t.Fatal(err)
	}
	inc, err := s.Incident(context.Background(), se.Incident)
	if err != nil {
		t.Fatal(err)
	}
	if inc.ID != "i-"+strike {
		t.Errorf("incident id = %s; want i- and the first published report %s", inc.ID, strike)
	}
	if len(inc.Reports) != 3 || inc.Articles != 3 {
		t.Fatalf("reports %d, articles %d; want 3, 3: %+v", len(inc.Reports), inc.Articles, inc.Reports)
	}
	if inc.Reports[0].ID != strike || inc.Reports[0].Link != nil {
		t.Errorf("first report = %s (link %v); want %s, unlinked", inc.Reports[0].ID, inc.Reports[0].Link, strike)
	}
	for _, r := range inc.Reports[1:] {
		if r.Link == nil || len(r.Link.Because) < 3 || r.Sentence == "" || r.Article.Outlet == "" {
			t.Errorf("report %s: link %+v, sentence %q, outlet %q; want why it was linked and its article", r.ID, r.Link, r.Sentence, r.Article.Outlet)
		}
	}
	if inc.EventType != "air_drone_strike" || inc.DateLo != "2020-10-08" || inc.DateHi != "2020-10-08" {
		t.Errorf("type %s, dates %s..%s; want air_drone_strike on 2020-10-08", inc.EventType, inc.DateLo, inc.DateHi)
	}
	if f := inc.Fatalities; f == nil || f.Min != 5 || f.Max != 7 || f.Headline != 5 {
		t.Errorf("fatalities = %+v; want 5 to 7, headline 5", f)
	}
	if !inc.Disputed {
		t.Error("not disputed; the reports differ on the doer, the type and the toll, and one is a denial")
	}
	fields := map[string]bool{}
	for _, d := range inc.Disagreements {
		fields[d.Field] = true
	}
	for _, f := range []string{"actor1", "event_type", "fatalities", "claim"} {
		if !fields[f] {
			t.Errorf("disagreements %+v lack %s", inc.Disagreements, f)
		}
	}
	denied := false
	for _, c := range inc.Claims {
		denied = denied || (c.Status == event.Denied && c.Report == eventID(recs[2], 0) && c.Outlet == "موقع ج")
	}
	if !denied {
		t.Errorf("claims %+v lack the denial of inc-c", inc.Claims)
	}
	if len(inc.Sources) != 1 || inc.Sources[0].Key != "SOHR" || len(inc.Outlets) != 3 {
		t.Errorf("sources %+v, outlets %+v; want SOHR and three outlets", inc.Sources, inc.Outlets)
	}
	// the timeline counts the occurrence once, however many reports tell it:
	// fewer incidents than events on its day
	st, err := s.Stats(context.Background(), event.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	events, incidents := 0, 0
	for _, c := range st.ByDay {
		if c.Key == "2020-10-08" {
			events = c.N
		}
	}
	for _, c := range st.ByDayType {
		if c.Day == "2020-10-08" {
			incidents += c.N
		}
	}
	if events < 3 || incidents == 0 || incidents >= events {
		t.Errorf("2020-10-08: %d events, %d incidents by type; want the 3 reports of one occurrence counted once", events, incidents)
	}
	if _, err := s.Incident(context.Background(), "i-nothing"); !errors.Is(err, event.ErrNotFound) {
		t.Errorf("Incident(missing) error = %v; want ErrNotFound", err)
	}
}

func testIncidentUpdate(t *testing.T, s incidentStore) {
	recs := incidentFixtures()
	mustPut(t, s, recs...)
	before := partition(t, s)
	if res := mustPut(t, s, recs...); res[0].Status != event.Unchanged {
		t.Fatalf("re-ingest status %v", res[0].Status)
	}
	if after := partition(t, s); !maps(before, after) {
		t.Errorf("re-ingest changed incidents: %v, then %v", before, after)
	}
	// inc-b now says the strike hit Idlib the next day: its report leaves
	// the strike and joins the shelling of Idlib; the others stay.
	b := recs[1]
	b.Article.Text += "\n"
	b.Article.Text = strings.Replace(b.Article.Text, "كنصفرة", "إدلب", 1)
	b.Events[0].Evidence[0] = event.Span{Start: 0, End: len(strings.Replace(inc2, "كنصفرة", "إدلب", 1)), Text: strings.Replace(inc2, "كنصفرة", "إدلب", 1)}
	day := "2020-10-09"
	b.Events[0].Date = &day
	loc := *b.Events[0].Location
	loc.Name, loc.Lat, loc.Lon, loc.GazetteerID = idlib.name, idlib.lat, idlib.lon, "test:"+idlib.name
	b.Events[0].Location = &loc
	if res := mustPut(t, s, b); res[0].Status != event.Updated {
		t.Fatalf("update status %v", res[0].Status)
	}
	strike, err := s.Incident(context.Background(), "i-"+eventID(recs[0], 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(strike.Reports) != 2 || strike.Fatalities == nil || strike.Fatalities.Max != 5 {
		t.Errorf("strike after the update: %d reports, toll %+v; want 2 reports, 5 killed", len(strike.Reports), strike.Fatalities)
	}
	se, err := s.Event(context.Background(), eventID(recs[2], 1))
	if err != nil {
		t.Fatal(err)
	}
	shelling, err := s.Incident(context.Background(), se.Incident)
	if err != nil {
		t.Fatal(err)
	}
	if len(shelling.Reports) != 2 {
		t.Errorf("Idlib shelling after the update: %d reports; want 2 (inc-c and the changed inc-b)", len(shelling.Reports))
	}
}

func maps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func testIncidentFilters(t *testing.T, s incidentStore) {
	mustPut(t, s, incidentFixtures()...)
	ctx := context.Background()
	tests := []struct {
		name string
		f    event.IncidentFilter
		want int
	}{
		{"all", event.IncidentFilter{}, 3},
		{"disputed", event.IncidentFilter{Disputed: true}, 1},
		{"min reports 2", event.IncidentFilter{MinReports: 2}, 1},
		{"text of one report", event.IncidentFilter{Filter: event.Filter{Text: "المرصد"}}, 1},
		{"type", event.IncidentFilter{Filter: event.Filter{Types: []string{"armed_clash"}}}, 1},
		{"from", event.IncidentFilter{Filter: event.Filter{From: "2020-10-09"}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := s.Incidents(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Incidents) != tt.want {
				t.Errorf("Incidents(%+v) = %d; want %d", tt.f, len(p.Incidents), tt.want)
			}
		})
	}
	t.Run("pages", func(t *testing.T) {
		var seen []string
		f := event.IncidentFilter{Filter: event.Filter{Limit: 1}}
		for range 5 {
			p, err := s.Incidents(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, inc := range p.Incidents {
				seen = append(seen, inc.ID)
			}
			if p.Next == "" {
				break
			}
			f.Cursor = p.Next
		}
		if len(seen) != 3 || seen[0] == seen[1] || seen[1] == seen[2] {
			t.Errorf("paged incidents = %v; want 3 distinct", seen)
		}
	})
}
