// Package storetest is the conformance suite every event.Store must pass,
// in the manner of testing/fstest.TestFS: an adapter's test calls Run with
// a function that opens a fresh, empty store.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/raqib/raqib/internal/event"
)

// Run runs the conformance suite. open must return a new, empty store; Run
// closes it.
func Run(t *testing.T, open func(t *testing.T) event.Store) {
	t.Helper()
	opened := func(t *testing.T) event.Store {
		s := open(t)
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		return s
	}
	t.Run("PutSemantics", func(t *testing.T) { testPut(t, opened(t)) })
	t.Run("Atomic", func(t *testing.T) { testAtomic(t, opened(t)) })
	t.Run("RoundTrip", func(t *testing.T) { testRoundTrip(t, opened(t)) })
	t.Run("Filters", func(t *testing.T) { testFilters(t, opened(t)) })
	t.Run("CountryFatalities", func(t *testing.T) { testCountryFatalities(t, opened(t)) })
	t.Run("Pagination", func(t *testing.T) { testPagination(t, opened(t)) })
	t.Run("Articles", func(t *testing.T) { testArticles(t, opened(t)) })
	t.Run("Stats", func(t *testing.T) { testStats(t, opened(t)) })
	t.Run("StatsKept", func(t *testing.T) { testStatsKept(t, opened(t)) })
	t.Run("Brief", func(t *testing.T) { testBrief(t, opened(t)) })
	t.Run("Cards", func(t *testing.T) { testCards(t, opened(t)) })
	t.Run("IngestErrors", func(t *testing.T) { testErrors(t, opened(t)) })
	t.Run("ConcurrentPut", func(t *testing.T) { testConcurrent(t, opened(t)) })
}

// builder makes an article and events whose evidence spans point at the
// exact bytes of the sentences they cite.
type builder struct {
	rec event.Record
}

func article(id, url, published, outlet, title string, sentences ...string) *builder {
	return &builder{rec: event.Record{Article: event.Article{
		ID: id, URL: url, Published: published, Outlet: outlet, Title: title,
		Text: strings.Join(sentences, "\n"),
	}}}
}

type place struct {
	name     string
	lat, lon float64
	admin1   string
}

var (
	kansafra = place{"كنصفرة", 35.6378, 36.5247, "Idlib"}
	// haas lies inside the 10 km bounding box around kansafra but about
	// 13 km from it, so it tells a box from a circle.
	haas    = place{"حاس", 35.7228, 36.6297, "Idlib"}
	idlib   = place{"إدلب", 35.9306, 36.6339, "Idlib"}
	hmeimim = place{"حميميم", 35.4113, 35.9487, "Latakia"}
)

func (b *builder) event(typ, sentence string, p place, date, actor1, actor2 string, claim *event.Claim) *builder {
	start := strings.Index(b.rec.Article.Text, sentence)
	if start < 0 {
		panic("storetest: sentence not in text: " + sentence)
	}
	e := event.Event{
		Doc:       b.rec.Article.ID,
		EventType: typ,
		Location: &event.Location{Name: p.name, Lat: p.lat, Lon: p.lon, Admin1: p.admin1,
			Country: "SYR", GeoPrecision: 1, GazetteerID: "test:" + p.name},
		Claim:    claim,
		Evidence: []event.Span{{Start: start, End: start + len(sentence), Text: sentence}},
		ACLED:    event.ACLED(typ),
	}
	if date != "" {
		e.Date = &date
		e.DatePrecision = map[int]string{10: "day", 7: "month", 4: "year"}[len(date)]
	}
	if actor1 != "" {
		e.Actor1 = &event.Actor{Code: actor1, Text: "نص " + actor1}
	}
	if actor2 != "" {
		e.Actor2 = &event.Actor{Code: actor2, Text: "نص " + actor2}
	}
	b.rec.Events = append(b.rec.Events, e)
	return b
}

func (b *builder) record() event.Record { return b.rec }

// The fixtures: three articles, four events.
const (
	s1a = "وقصفت قوات النظام بالمدفعية الثقيلة قرية كنصفرة في جبل الزاوية صباح الخميس."
	s1b = "واندلعت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام قرب بلدة حاس."
	s2  = "أعلنت وزارة الدفاع الروسية أن دفاعاتها الجوية أسقطت طائرات مسيرة حاولت مهاجمة قاعدة حميميم."
	s3  = "واستهدف القصف الروسي أطراف مدينة إدلب بعد منتصف الليل بغارات متتالية."
)

func fixtures() []event.Record {
	fat := 2
	a1 := article("t-1", "HTTPS://Example.ORG/news/1?utm_source=feed#top", "2020-10-09", "شبكة المثال",
		"تصعيد في جبل الزاوية", s1a, "وقال ناشطون إن مدنيين اثنين قتلا.", s1b).
		event("shelling_artillery_missile_attack", s1a, kansafra, "2020-10-08", "SYR.GOV", "CIV", nil).
		event("armed_clash", s1b, haas, "", "SYR.OPP", "SYR.GOV", &event.Claim{Status: event.Reported}).
		record()
	a1.Events[0].Fatalities = &fat
	a1.Events[0].Quantities = []event.Quantity{{Value: 11, Unit: "قذيفة"}}
	a1.Events[0].Source = &event.Source{Text: "ناشطون", Code: "LOCAL"}
	a2 := article("t-2", "", "2020-09-15", "وكالة التجربة", "الدفاع الروسية: إسقاط مسيرات فوق القاعدة", s2).
		event("disrupted_weapons_use", s2, hmeimim, "2020-09", "RUS.MIL", "UNK",
			&event.Claim{Status: event.Claimed, By: "RUS.MIL"}).
		record()
	a2.Events[0].Background = true
	a3 := article("t-3", "https://example.net/a/3", "2021-03-02", "شبكة المثال", "غارات ليلية", s3).
		event("air_drone_strike", s3, idlib, "2021-03-01", "RUS.MIL", "", nil).
		record()
	return []event.Record{a1, a2, a3}
}

// eventID is the ID a store gives event i of fixture record r.
func eventID(r event.Record, i int) string {
	r.Normalize()
	return event.EventIDs(r.Key, r.Events)[i]
}

func mustPut(t *testing.T, s event.Store, recs ...event.Record) []event.PutResult {
	t.Helper()
	res, err := s.Put(context.Background(), recs)
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	if len(res) != len(recs) {
		t.Fatalf("Put returned %d results for %d records", len(res), len(recs))
	}
	return res
}

func counts(t *testing.T, s event.Store) event.Counts {
	t.Helper()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatalf("Counts: %v", err)
	}
	return c
}

func statuses(res []event.PutResult) []event.PutStatus {
	out := make([]event.PutStatus, len(res))
	for i, r := range res {
		out[i] = r.Status
	}
	return out
}

func testPut(t *testing.T, s event.Store) {
	ctx := context.Background()
	fx := fixtures()
	a1, a2 := fx[0], fx[1]

	res := mustPut(t, s, a1, a2)
	if got, want := statuses(res), []event.PutStatus{event.New, event.New}; !slices.Equal(got, want) {
		t.Fatalf("first Put statuses = %v; want %v", got, want)
	}
	if res[0].Key != "https://example.org/news/1" {
		t.Errorf("key of article with URL = %q; want the canonical URL", res[0].Key)
	}
	if want := "sha256:" + event.ContentHash(a2.Article); res[1].Key != want {
		t.Errorf("key of article without URL = %q; want %q", res[1].Key, want)
	}
	if res[0].Events != 2 || res[1].Events != 1 {
		t.Errorf("Put events = %d, %d; want 2, 1", res[0].Events, res[1].Events)
	}
	if c := counts(t, s); c.Articles != 2 || c.Events != 3 {
		t.Fatalf("after first Put Counts = %+v; want 2 articles, 3 events", c)
	}

	t.Run("unchanged", func(t *testing.T) {
		rewrapped := a2
		rewrapped.Article.Text = "  " + strings.ReplaceAll(a2.Article.Text, " ", " \n\t ") + "\n"
		res := mustPut(t, s, a1, rewrapped)
		if got, want := statuses(res), []event.PutStatus{event.Unchanged, event.Unchanged}; !slices.Equal(got, want) {
			t.Fatalf("re-Put statuses = %v; want %v", got, want)
		}
		if res[0].Events != 0 {
			t.Errorf("unchanged Put reports %d events written; want 0", res[0].Events)
		}
		if c := counts(t, s); c.Articles != 2 || c.Events != 3 {
			t.Errorf("after re-Put Counts = %+v; want 2 articles, 3 events", c)
		}
	})

	t.Run("updated replaces events", func(t *testing.T) {
		changed := article(a1.Article.ID, a1.Article.URL, "2020-10-10", "شبكة المثال", "تحديث: تصعيد في جبل الزاوية",
			s1a, "وارتفع عدد القتلى إلى ثلاثة مدنيين.").
			event("shelling_artillery_missile_attack", s1a, kansafra, "2020-10-08", "SYR.GOV", "CIV", nil).
			record()
		res := mustPut(t, s, changed)
		if res[0].Status != event.Updated || res[0].Events != 1 {
			t.Fatalf("Put of changed article = %+v; want updated with 1 event", res[0])
		}
		if c := counts(t, s); c.Articles != 2 || c.Events != 2 {
			t.Errorf("after update Counts = %+v; want 2 articles, 2 events", c)
		}
		if _, err := s.Event(ctx, eventID(a1, 1)); !errors.Is(err, event.ErrNotFound) {
			t.Errorf("Event(old second event) error = %v; want ErrNotFound", err)
		}
		got, err := s.Article(ctx, res[0].Key)
		if err != nil {
			t.Fatalf("Article: %v", err)
		}
		if got.Text != changed.Article.Text || got.Published != "2020-10-10" || got.Events != 1 {
			t.Errorf("Article after update = text %q, published %q, %d events; want the new version with 1 event",
				got.Text, got.Published, got.Events)
		}
		page, err := s.Events(ctx, event.Filter{Doc: res[0].Key})
		if err != nil {
			t.Fatalf("Events: %v", err)
		}
		if len(page.Events) != 1 || !strings.Contains(page.Events[0].Article.Title, "تحديث") {
			t.Errorf("events of updated article = %d, title %q; want 1 carrying the new title", len(page.Events), titleOf(page))
		}
		// a list (a Brief page, which a store may keep apart) shows the new version too
		brief, err := s.Events(ctx, event.Filter{Doc: res[0].Key, Brief: true})
		if err != nil {
			t.Fatalf("Events: %v", err)
		}
		if len(brief.Events) != 1 || !strings.Contains(titleOf(brief), "تحديث") || brief.Events[0].Article.Published != "2020-10-10" {
			t.Errorf("Brief events of updated article = %d, title %q; want 1 carrying the new title and date", len(brief.Events), titleOf(brief))
		}
		if res := mustPut(t, s, changed); res[0].Status != event.Unchanged {
			t.Errorf("re-Put of the updated article = %s; want unchanged", res[0].Status)
		}
	})

	t.Run("caller key and hash", func(t *testing.T) {
		r := fx[2]
		r.Key, r.Hash = "custom:one", "v1"
		if res := mustPut(t, s, r); res[0].Status != event.New || res[0].Key != "custom:one" {
			t.Fatalf("Put with own key = %+v; want new under custom:one", res[0])
		}
		if res := mustPut(t, s, r); res[0].Status != event.Unchanged {
			t.Errorf("re-Put with own hash = %s; want unchanged", res[0].Status)
		}
		r.Hash = "v2"
		if res := mustPut(t, s, r); res[0].Status != event.Updated {
			t.Errorf("Put with new own hash = %s; want updated", res[0].Status)
		}
	})

	t.Run("same key twice in a batch", func(t *testing.T) {
		r := fx[2]
		r.Key = "custom:twice"
		res := mustPut(t, s, r, r)
		if got, want := statuses(res), []event.PutStatus{event.New, event.Unchanged}; !slices.Equal(got, want) {
			t.Errorf("statuses = %v; want %v", got, want)
		}
	})
}

func titleOf(p event.Page) string {
	if len(p.Events) == 0 {
		return ""
	}
	return p.Events[0].Article.Title
}

func testAtomic(t *testing.T, s event.Store) {
	ctx := context.Background()
	fx := fixtures()
	mustPut(t, s, fx[0])
	bad := fx[1]
	bad.Events = slices.Clone(bad.Events)
	loc := *bad.Events[0].Location
	loc.Lat = math.NaN() // cannot be stored as JSON
	bad.Events[0].Location = &loc
	changed := fx[0]
	changed.Hash = "changed"
	if _, err := s.Put(ctx, []event.Record{fx[2], changed, bad}); err == nil {
		t.Fatal("Put of a batch with an unstorable event succeeded; want an error")
	}
	if c := counts(t, s); c.Articles != 1 || c.Events != 2 {
		t.Errorf("after failed batch Counts = %+v; want the 1 article and 2 events from before", c)
	}
	if _, err := s.Article(ctx, fx[2].Article.ID); !errors.Is(err, event.ErrNotFound) {
		t.Errorf("Article from failed batch: error = %v; want ErrNotFound", err)
	}
	if res := mustPut(t, s, fx[0]); res[0].Status != event.Unchanged {
		t.Errorf("article updated by the failed batch: re-Put = %s; want unchanged", res[0].Status)
	}
}

func testRoundTrip(t *testing.T, s event.Store) {
	ctx := context.Background()
	fx := fixtures()
	res := mustPut(t, s, fx...)
	for ri, r := range fx {
		for i, want := range r.Events {
			id := eventID(r, i)
			t.Run(id, func(t *testing.T) {
				got, err := s.Event(ctx, id)
				if err != nil {
					t.Fatalf("Event(%s): %v", id, err)
				}
				want.ID = id
				want.Incident = "i-" + id // no fixture reports another's occurrence
				gj, _ := json.Marshal(got.Event)
				wj, _ := json.Marshal(want)
				if string(gj) != string(wj) {
					t.Errorf("Event(%s) =\n%s\nwant\n%s", id, gj, wj)
				}
				if got.Sentence != want.Evidence[0].Text {
					t.Errorf("Sentence = %q; want %q", got.Sentence, want.Evidence[0].Text)
				}
				a := r.Article
				wantMeta := event.ArticleMeta{Key: res[ri].Key, ID: a.ID, Title: a.Title, Outlet: a.Outlet, URL: a.URL, Published: a.Published}
				if got.Article != wantMeta {
					t.Errorf("Article meta = %+v; want %+v", got.Article, wantMeta)
				}
				for _, sp := range got.Evidence {
					if a.Text[sp.Start:sp.End] != sp.Text {
						t.Errorf("evidence %d:%d does not cite the text", sp.Start, sp.End)
					}
				}
			})
		}
	}
	t.Run("article by key and id", func(t *testing.T) {
		for _, k := range []string{res[1].Key, fx[1].Article.ID} {
			a, err := s.Article(ctx, k)
			if err != nil {
				t.Fatalf("Article(%q): %v", k, err)
			}
			if a.Text != fx[1].Article.Text || a.Key != res[1].Key || a.Hash != event.ContentHash(fx[1].Article) ||
				a.Title != fx[1].Article.Title || a.Events != 1 || a.Ingested.IsZero() {
				t.Errorf("Article(%q) = %+v; want article t-2 with its text, hash and 1 event", k, a)
			}
		}
	})
	t.Run("missing", func(t *testing.T) {
		if _, err := s.Article(ctx, "no-such-article"); !errors.Is(err, event.ErrNotFound) {
			t.Errorf("Article(missing) error = %v; want ErrNotFound", err)
		}
		if _, err := s.Event(ctx, "no-such-event"); !errors.Is(err, event.ErrNotFound) {
			t.Errorf("Event(missing) error = %v; want ErrNotFound", err)
		}
	})
	t.Run("bad cursor", func(t *testing.T) {
		if _, err := s.Events(ctx, event.Filter{Cursor: "%%%"}); !errors.Is(err, event.ErrBadCursor) {
			t.Errorf("Events(bad cursor) error = %v; want ErrBadCursor", err)
		}
	})
}

// all pages through every event matching f, a few at a time.
func all(t *testing.T, s event.Store, f event.Filter) []event.StoredEvent {
	t.Helper()
	var out []event.StoredEvent
	f.Limit = 2
	for range 10000 {
		p, err := s.Events(context.Background(), f)
		if err != nil {
			t.Fatalf("Events(%+v): %v", f, err)
		}
		out = append(out, p.Events...)
		if p.Next == "" {
			return out
		}
		f.Cursor = p.Next
	}
	t.Fatal("Events never ends")
	return nil
}

func idsOf(evs []event.StoredEvent) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.ID
	}
	return out
}

func testFilters(t *testing.T, s event.Store) {
	fx := fixtures()
	mustPut(t, s, fx...)
	var (
		shell = eventID(fx[0], 0) // 2020-10-08 kansafra SYR.GOV→CIV
		clash = eventID(fx[0], 1) // no date: article's 2020-10-09, haas SYR.OPP→SYR.GOV
		drone = eventID(fx[1], 0) // 2020-09 hmeimim RUS.MIL→UNK claimed
		air   = eventID(fx[2], 0) // 2021-03-01 idlib RUS.MIL
	)
	a2key := fx[1]
	a2key.Normalize()
	tests := []struct {
		name string
		f    event.Filter
		want []string // in the order the store must return them
	}{
		{"none, newest first", event.Filter{}, []string{air, clash, shell, drone}},
		{"from", event.Filter{From: "2020-10-01"}, []string{air, clash, shell}},
		{"to", event.Filter{To: "2020-09-30"}, []string{drone}},
		{"month overlaps a range", event.Filter{From: "2020-09-20", To: "2020-09-25"}, []string{drone}},
		{"date without event date uses article date", event.Filter{From: "2020-10-09", To: "2020-10-09"}, []string{clash}},
		{"one type", event.Filter{Types: []string{"shelling_artillery_missile_attack"}}, []string{shell}},
		{"two types", event.Filter{Types: []string{"shelling_artillery_missile_attack", "air_drone_strike"}}, []string{air, shell}},
		{"actor as actor1", event.Filter{Actors: []string{"RUS.MIL"}}, []string{air, drone}},
		{"actor as actor2", event.Filter{Actors: []string{"CIV"}}, []string{shell}},
		{"actor either side", event.Filter{Actors: []string{"SYR.GOV"}}, []string{clash, shell}},
		{"admin1", event.Filter{Admin1: "Idlib"}, []string{air, clash, shell}},
		{"claimed", event.Filter{ClaimStatus: event.Claimed}, []string{drone}},
		{"reported includes no claim", event.Filter{ClaimStatus: event.Reported}, []string{air, clash, shell}},
		{"near 10 km", event.Filter{Near: &event.Near{Lat: kansafra.lat, Lon: kansafra.lon, Km: 10}}, []string{shell}},
		{"near 20 km", event.Filter{Near: &event.Near{Lat: kansafra.lat, Lon: kansafra.lon, Km: 20}}, []string{clash, shell}},
		{"near 50 km", event.Filter{Near: &event.Near{Lat: kansafra.lat, Lon: kansafra.lon, Km: 50}}, []string{air, clash, shell}},
		{"bbox", event.Filter{BBox: &event.BBox{MinLat: 35.3, MinLon: 35.8, MaxLat: 35.6, MaxLon: 36.1}}, []string{drone}},
		{"near with dates", event.Filter{Near: &event.Near{Lat: kansafra.lat, Lon: kansafra.lon, Km: 50}, From: "2020-10-09", To: "2021-12-31"}, []string{air, clash}},
		{"doc by key", event.Filter{Doc: a2key.Key}, []string{drone}},
		{"doc by id", event.Filter{Doc: "t-1"}, []string{clash, shell}},
		{"text: root finds prefixed and suffixed forms", event.Filter{Text: "قصف"}, []string{air, shell}},
		{"text: inflected query", event.Filter{Text: "وقصفت"}, []string{air, shell}},
		{"text: bare alef finds hamza", event.Filter{Text: "ادلب"}, []string{air}},
		{"text: hamza finds hamza", event.Filter{Text: "إدلب"}, []string{air}},
		{"text: terms are ANDed", event.Filter{Text: "قصف ادلب"}, []string{air}},
		{"text: title is searched", event.Filter{Text: "تصعيد"}, []string{clash, shell}},
		{"text: teh marbuta and plural", event.Filter{Text: "المسيرات"}, []string{drone}},
		{"text: tashkeel ignored", event.Filter{Text: "قَصْف"}, []string{air, shell}},
		{"text: no match", event.Filter{Text: "زلزال"}, nil},
		{"text with type", event.Filter{Text: "قصف", Types: []string{"air_drone_strike"}}, []string{air}},
		{"text with near", event.Filter{Text: "قصف", Near: &event.Near{Lat: kansafra.lat, Lon: kansafra.lon, Km: 10}}, []string{shell}},
		{"text with quote characters", event.Filter{Text: `"قصف*" (`}, []string{air, shell}},
		{"everything at once", event.Filter{Text: "قوات", From: "2020-10-01", To: "2020-10-31", Types: []string{"armed_clash"},
			Actors: []string{"SYR.OPP"}, Admin1: "Idlib", ClaimStatus: event.Reported,
			Near: &event.Near{Lat: kansafra.lat, Lon: kansafra.lon, Km: 20}, Doc: "t-1"}, []string{clash}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := idsOf(all(t, s, tt.f))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Events(%+v) = %v; want %v", tt.f, got, tt.want)
			}
		})
	}
}

func testPagination(t *testing.T, s event.Store) {
	// 40 articles, 1–5 events each, on 9 distinct dates in 9 months (many ties) and
	// some without a date.
	var recs []event.Record
	want := 0
	base := time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)
	for i := range 40 {
		var sentences []string
		n := 1 + i%5
		for j := range n {
			sentences = append(sentences, fmt.Sprintf("قصفت القوات موقعا رقم %d في الخبر %d.", j, i))
		}
		b := article(fmt.Sprintf("p-%02d", i), "", base.AddDate(0, i%9, 0).Format("2006-01-02"), "", "", sentences...)
		for j, sen := range sentences {
			date := base.AddDate(0, (i+j)%9, 0).Format("2006-01-02")
			if (i+j)%7 == 0 {
				date = ""
			}
			b.event("shelling_artillery_missile_attack", sen, kansafra, date, "SYR.GOV", "", nil)
		}
		recs = append(recs, b.record())
		want += n
	}
	mustPut(t, s, recs...)
	// Every filter shape pages the same way, whichever index a store reads
	// it from; each of these matches every event.
	shapes := []struct {
		name string
		f    event.Filter
	}{
		{"text", event.Filter{Text: "قصف"}},
		{"none", event.Filter{}},
		{"actor", event.Filter{Actors: []string{"SYR.GOV"}}},
		{"type", event.Filter{Types: []string{"shelling_artillery_missile_attack"}}},
		{"near", event.Filter{Near: &event.Near{Lat: kansafra.lat, Lon: kansafra.lon, Km: 5}}},
		{"bbox", event.Filter{BBox: &event.BBox{MinLat: kansafra.lat - 0.1, MinLon: kansafra.lon - 0.1, MaxLat: kansafra.lat + 0.1, MaxLon: kansafra.lon + 0.1}}},
		{"from", event.Filter{From: "2000-01-01"}},
		{"text from", event.Filter{Text: "قصف", From: "2000-01-01"}},
	}
	for _, sh := range shapes {
		for _, limit := range []int{1, 7, 50, 1000} {
			if sh.name != "text" && (limit == 1 || limit == 1000) {
				continue // the text shape keeps every limit; the others the two that split pages mid-day
			}
			testPages(t, s, sh.name, sh.f, limit, want)
		}
	}
}

func testPages(t *testing.T, s event.Store, name string, f event.Filter, limit, want int) {
	ctx := context.Background()
	{
		t.Run(fmt.Sprintf("%s limit %d", name, limit), func(t *testing.T) {
			var got []event.StoredEvent
			f.Limit = limit
			for pages := 0; ; pages++ {
				if pages > want {
					t.Fatal("more pages than events")
				}
				p, err := s.Events(ctx, f)
				if err != nil {
					t.Fatalf("Events: %v", err)
				}
				if len(p.Events) > limit {
					t.Fatalf("page of %d events; limit %d", len(p.Events), limit)
				}
				if p.Next != "" && len(p.Events) != limit {
					t.Fatalf("short page of %d with a next cursor", len(p.Events))
				}
				got = append(got, p.Events...)
				if p.Next == "" {
					break
				}
				f.Cursor = p.Next
			}
			if len(got) != want {
				t.Errorf("paged through %d events; want %d", len(got), want)
			}
			seen := map[string]bool{}
			for i, e := range got {
				if seen[e.ID] {
					t.Errorf("event %s returned twice", e.ID)
				}
				seen[e.ID] = true
				if i == 0 {
					continue
				}
				prev, cur := sortDate(got[i-1]), sortDate(e)
				if prev < cur || (prev == cur && got[i-1].ID >= e.ID) {
					t.Errorf("events %d and %d out of order: (%s, %s) before (%s, %s)", i-1, i, prev, got[i-1].ID, cur, e.ID)
				}
			}
		})
	}
}

// sortDate is the date an event is sorted by: its own, else its article's.
func sortDate(e event.StoredEvent) string {
	if e.Date != nil {
		lo, _, _ := event.DateRange(*e.Date)
		return lo
	}
	return e.Article.Published
}

func testArticles(t *testing.T, s event.Store) {
	ctx := context.Background()
	fx := fixtures()
	mustPut(t, s, fx...)
	var got []string
	f := event.ArticleFilter{Limit: 1}
	for range 10 {
		p, err := s.Articles(ctx, f)
		if err != nil {
			t.Fatalf("Articles: %v", err)
		}
		for _, a := range p.Articles {
			if a.Text != "" {
				t.Errorf("Articles lists %s with its text; want metadata only", a.ID)
			}
			got = append(got, a.ID)
		}
		if p.Next == "" {
			break
		}
		f.Cursor = p.Next
	}
	if want := []string{"t-3", "t-1", "t-2"}; !slices.Equal(got, want) {
		t.Errorf("Articles = %v; want %v (newest published first)", got, want)
	}
	p, err := s.Articles(ctx, event.ArticleFilter{Outlet: "شبكة المثال"})
	if err != nil {
		t.Fatalf("Articles(outlet): %v", err)
	}
	var ids []string
	for _, a := range p.Articles {
		ids = append(ids, a.ID)
	}
	if want := []string{"t-3", "t-1"}; !slices.Equal(ids, want) {
		t.Errorf("Articles(outlet) = %v; want %v", ids, want)
	}
}

func testStats(t *testing.T, s event.Store) {
	fx := fixtures()
	mustPut(t, s, fx...)
	tests := []struct {
		name string
		f    event.Filter
		want event.Stats
	}{
		{"all", event.Filter{}, event.Stats{
			Events:   4,
			ByDay:    []event.Count{{Key: "2021-03-01", N: 1}, {Key: "2020-10-09", N: 1}, {Key: "2020-10-08", N: 1}, {Key: "2020-09", N: 1}},
			ByType:   []event.Count{{Key: "air_drone_strike", N: 1}, {Key: "armed_clash", N: 1}, {Key: "disrupted_weapons_use", N: 1}, {Key: "shelling_artillery_missile_attack", N: 1}},
			ByActor:  []event.Count{{Key: "RUS.MIL", N: 2}, {Key: "SYR.GOV", N: 2}, {Key: "CIV", N: 1}, {Key: "SYR.OPP", N: 1}, {Key: "UNK", N: 1}},
			ByAdmin1: []event.Count{{Key: "Idlib", N: 3}, {Key: "Latakia", N: 1}},
			ByDayType: []event.DayTypeCount{{Day: "2021-03-01", Type: "air_drone_strike", N: 1}, {Day: "2020-10-09", Type: "armed_clash", N: 1},
				{Day: "2020-10-08", Type: "shelling_artillery_missile_attack", N: 1}, {Day: "2020-09", Type: "disrupted_weapons_use", N: 1}},
		}},
		{"filtered, limit and cursor ignored", event.Filter{Text: "قصف", Limit: 1, Cursor: "ignored"}, event.Stats{
			Events:    2,
			ByDay:     []event.Count{{Key: "2021-03-01", N: 1}, {Key: "2020-10-08", N: 1}},
			ByType:    []event.Count{{Key: "air_drone_strike", N: 1}, {Key: "shelling_artillery_missile_attack", N: 1}},
			ByActor:   []event.Count{{Key: "CIV", N: 1}, {Key: "RUS.MIL", N: 1}, {Key: "SYR.GOV", N: 1}},
			ByAdmin1:  []event.Count{{Key: "Idlib", N: 2}},
			ByDayType: []event.DayTypeCount{{Day: "2021-03-01", Type: "air_drone_strike", N: 1}, {Day: "2020-10-08", Type: "shelling_artillery_missile_attack", N: 1}},
		}},
		{"nothing", event.Filter{Admin1: "Aleppo"}, event.Stats{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Stats(context.Background(), tt.f)
			if err != nil {
				t.Fatalf("Stats: %v", err)
			}
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(tt.want)
			if string(gj) != string(wj) {
				t.Errorf("Stats(%+v) =\n%s\nwant\n%s", tt.f, gj, wj)
			}
		})
	}
}

func testErrors(t *testing.T, s event.Store) {
	ctx := context.Background()
	at := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	errs := []event.IngestError{
		{Origin: "feed.xml", ID: "https://example.org/x", Reason: "http 404", At: at},
		{Origin: "bulk.jsonl", ID: "line 7", Reason: "invalid character 'x' looking for beginning of value", At: at.Add(time.Minute)},
	}
	for _, e := range errs {
		if err := s.RecordError(ctx, e); err != nil {
			t.Fatalf("RecordError: %v", err)
		}
	}
	if c := counts(t, s); c.Errors != 2 || c.Articles != 0 {
		t.Errorf("Counts = %+v; want 2 errors, no articles", c)
	}
	got, err := s.Errors(ctx, 10)
	if err != nil {
		t.Fatalf("Errors: %v", err)
	}
	if len(got) != 2 {
		t.Fatalf("Errors returned %d; want 2", len(got))
	}
	for i, want := range []event.IngestError{errs[1], errs[0]} {
		g := got[i]
		if g.Origin != want.Origin || g.ID != want.ID || g.Reason != want.Reason || !g.At.Equal(want.At) {
			t.Errorf("Errors[%d] = %+v; want %+v", i, g, want)
		}
	}
	if got, err := s.Errors(ctx, 1); err != nil || len(got) != 1 || got[0].ID != "line 7" {
		t.Errorf("Errors(limit 1) = %+v, %v; want the newest only", got, err)
	}
}

func testConcurrent(t *testing.T, s event.Store) {
	var batch []event.Record
	perRound := 0
	for i := range 30 {
		sen := fmt.Sprintf("سقطت قذائف على بلدة رقم %d.", i)
		b := article(fmt.Sprintf("c-%02d", i), "", "2022-02-02", "", "", sen).
			event("shelling_artillery_missile_attack", sen, kansafra, "2022-02-01", "SYR.GOV", "", nil)
		if i%2 == 0 {
			b.event("attack", sen, kansafra, "2022-02-01", "UNK", "CIV", nil)
		}
		batch = append(batch, b.record())
		perRound += len(b.rec.Events)
	}
	const rounds, writers = 5, 3
	news := map[string]int{}
	for round := range rounds {
		recs := Distinct(batch, fmt.Sprintf("round-%d", round))
		// each writer gets the batch in another order, and all start at once
		orders := make([][]event.Record, writers)
		for w := range orders {
			orders[w] = slices.Clone(recs)
			if w%2 == 1 {
				slices.Reverse(orders[w])
			}
			if w == 2 {
				mid := len(recs) / 2
				orders[w] = append(orders[w][mid:], orders[w][:mid]...)
			}
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		results := make([][]event.PutResult, writers)
		errs := make([]error, writers)
		for w := range writers {
			wg.Go(func() {
				<-start
				results[w], errs[w] = s.Put(context.Background(), orders[w])
			})
		}
		close(start)
		wg.Wait()
		for w, err := range errs {
			if err != nil {
				t.Fatalf("round %d, writer %d: Put: %v", round, w, err)
			}
		}
		for _, res := range results {
			for _, r := range res {
				if r.Status == event.New {
					news[r.Key]++
				}
			}
		}
	}
	if c := counts(t, s); c.Articles != rounds*len(batch) || c.Events != rounds*perRound {
		t.Errorf("Counts = %+v; want %d articles and %d events", c, rounds*len(batch), rounds*perRound)
	}
	if len(news) != rounds*len(batch) {
		t.Errorf("%d articles reported new; want %d", len(news), rounds*len(batch))
	}
	for k, n := range news {
		if n != 1 {
			t.Errorf("article %s reported new %d times; want once", k, n)
		}
	}
}
