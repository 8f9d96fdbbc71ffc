package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/postgres"
	"github.com/raqib/raqib/internal/storetest"
)

// Place filters read cell by cell find what a test of every event finds,
// for points on cell boundaries and on the edges of the box too, page
// after page.
func TestPlaceCells(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	// a point every 0.05°: every fifth one on a quarter-degree cell line
	recs := storetest.Distinct(storetest.SpreadBatch(121), "grid")
	type pt struct{ lat, lon float64 }
	var pts []pt
	for i := range recs {
		for j := range recs[i].Events {
			k := i*5 + j
			p := pt{34.8 + float64(k/25)*0.05, 35.8 + float64(k%25)*0.05}
			l := *recs[i].Events[j].Location
			l.Lat, l.Lon = p.lat, p.lon
			recs[i].Events[j].Location = &l
			pts = append(pts, p)
		}
	}
	if _, err := s.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		f    event.Filter
	}{
		{"box on cell lines", event.Filter{BBox: &event.BBox{MinLat: 35, MinLon: 36, MaxLat: 35.5, MaxLon: 36.5}}},
		{"box across cells", event.Filter{BBox: &event.BBox{MinLat: 34.93, MinLon: 35.87, MaxLat: 35.61, MaxLon: 36.71}}},
		{"box of one cell", event.Filter{BBox: &event.BBox{MinLat: 35.3, MinLon: 36.3, MaxLat: 35.45, MaxLon: 36.45}}},
		// its edge strips, 0.02–0.03° wide, hold no point: their cells are not walked
		{"box whose edge strips hold no event", event.Filter{BBox: &event.BBox{MinLat: 35.47, MinLon: 35.97, MaxLat: 35.99, MaxLon: 36.49}}},
		{"box with nothing", event.Filter{BBox: &event.BBox{MinLat: 10, MinLon: 10, MaxLat: 10.5, MaxLon: 10.5}}},
		{"near", event.Filter{Near: &event.Near{Lat: 35.5, Lon: 36.25, Km: 20}}},
		{"near and box", event.Filter{Near: &event.Near{Lat: 35.5, Lon: 36.25, Km: 20}, BBox: &event.BBox{MinLat: 35.5, MinLon: 35, MaxLat: 40, MaxLon: 40}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := 0
			for _, p := range pts {
				ok := true
				if b := tt.f.BBox; b != nil {
					ok = p.lat >= b.MinLat && p.lat <= b.MaxLat && p.lon >= b.MinLon && p.lon <= b.MaxLon
				}
				if n := tt.f.Near; n != nil {
					ok = ok && n.Contains(p.lat, p.lon)
				}
				if ok {
					want++
				}
			}
			if want == 0 && tt.f.BBox != nil && tt.f.BBox.MinLat != 10 {
				t.Fatal("no point in the place: the test tests nothing")
			}
			got := listing(t, s, tt.f, 7)
			if len(got) != want {
				t.Errorf("%d events in pages of 7; want %d", len(got), want)
			}
		})
	}
}

// listing reads every page of f, limit events a page, as "date id" lines,
// and checks that they come in listing order, each once.
func listing(t *testing.T, s *postgres.Store, f event.Filter, limit int) []string {
	t.Helper()
	var got []string
	f.Limit = limit
	for {
		p, err := s.Events(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Events {
			got = append(got, fmt.Sprintf("%s %s", sortDate(e), e.ID))
		}
		if p.Next == "" {
			break
		}
		f.Cursor = p.Next
	}
	if !slices.IsSortedFunc(got, compareListing) {
		t.Errorf("pages not in listing order: %v", got)
	}
	if len(slices.Compact(slices.Clone(got))) != len(got) {
		t.Errorf("an event on two pages: %v", got)
	}
	return got
}

// Arabic words with other filters are read window by window
// (textWindows), words alone or with dates from event_terms (wordPage):
// pages of any size list every match, in order, across the windows'
// bounds and the days' of wordPage's runs.
func TestTextWindows(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	// 1,000 events over three years; one in five without the words
	// one article in forty by a rare actor
	recs := storetest.SpreadBatch(200)
	for i := range recs {
		if i%5 == 0 {
			recs[i].Article.Title = "عنوان"
			for j := range recs[i].Events {
				recs[i].Events[j].Evidence = nil
			}
		}
		if i%40 == 1 {
			for j := range recs[i].Events {
				recs[i].Events[j].Actor1 = &event.Actor{Code: "RARE.ACT", Text: "نص"}
			}
		}
	}
	if _, err := s.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	// with statistics the common word is read in date-lexeme windows
	// (pages of 7 and 100), and in fixed windows when a page needs as
	// many matches as the word has (pages of 500)
	if err := s.Analyze(ctx); err != nil {
		t.Fatal(err)
	}
	everyType := []string{"shelling_artillery_missile_attack", "air_drone_strike", "armed_clash", "attack", "arrests"}
	for limit, want := range map[int]bool{7: true, 100: true, 500: false} {
		w, err := s.CoverWindows(ctx, event.Filter{Text: "قصف", Types: everyType}, limit)
		if err != nil {
			t.Fatal(err)
		}
		if len(w) < 2 || w[0] != want {
			t.Errorf("pages of %d: windows %+v; want the first a cover window: %v", limit, w, want)
		}
	}
	// with one actor, windows when the words are the rarer filter (SYR.GOV
	// is in every event), the actor's own indexes when it is (RARE.ACT)
	for actor, want := range map[string]bool{"SYR.GOV": true, "RARE.ACT": false} {
		w, err := s.CoverWindows(ctx, event.Filter{Text: "قصف", Actors: []string{actor}}, 100)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(w) > 0; got != want {
			t.Errorf("words and %s: windows %v; want windows: %v", actor, w, want)
		}
	}
	for _, tt := range []struct {
		name string
		f    event.Filter
	}{
		{"words", event.Filter{Text: "قصف"}},
		{"words and a common actor", event.Filter{Text: "قصف", Actors: []string{"SYR.GOV"}}},
		{"words and a rare actor", event.Filter{Text: "قصف", Actors: []string{"RARE.ACT"}}},
		{"words after a date", event.Filter{Text: "قصف", From: "2024-03-01"}},
		{"words in a date range", event.Filter{Text: "قصف", From: "2024-06-01", To: "2025-02-10"}},
		{"words before a date", event.Filter{Text: "قصف", To: "2024-03-01"}},
		{"two words and a type", event.Filter{Text: "قصف مدنيين", Types: []string{"attack"}}},
		{"words of every type in a date range", event.Filter{Text: "قصف", Types: everyType, From: "2024-06-01", To: "2025-02-10"}},
		{"two words before a date, next pages", event.Filter{Text: "قصف مدنيين", To: "2024-09-01"}},
	} {
		f := tt.f
		t.Run(tt.name, func(t *testing.T) {
			st, err := s.ScanStats(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if st.Events == 0 {
				t.Fatal("no match: the test tests nothing")
			}
			for _, limit := range []int{7, 100, 500} {
				if got := listing(t, s, f, limit); len(got) != st.Events {
					t.Errorf("%d events in pages of %d; want %d", len(got), limit, st.Events)
				}
			}
		})
	}
}

// The date lexemes of a window cover its days and no other: whole years
// and months as such, the days around them one by one; a fixed window's,
// its years, or its one or two months.
func TestDateCover(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, tt := range []struct {
		name         string
		cover        func(lo, hi time.Time) string
		lo, hi, want string
	}{
		{"dateCover", postgres.DateCover, "2024-03-05", "2024-03-05", "'~d20240305'"},
		{"dateCover", postgres.DateCover, "2024-02-27", "2024-03-01", "'~d20240227' | '~d20240228' | '~d20240229' | '~d20240301'"},
		{"dateCover", postgres.DateCover, "2024-01-31", "2024-03-31", "'~d20240131' | '~m202402' | '~m202403'"},
		{"dateCover", postgres.DateCover, "2023-12-31", "2025-01-01", "'~d20231231' | '~y2024' | '~d20250101'"},
		{"dateCover", postgres.DateCover, "2024-03-06", "2024-03-05", ""},
		{"yearCover", postgres.YearCover, "2023-12-31", "2025-01-01", "'~y2023' | '~y2024' | '~y2025'"},
		{"yearCover", postgres.YearCover, "2024-03-01", "2024-05-31", "'~y2024'"},
		{"yearCover", postgres.YearCover, "2023-12-31", "2024-01-30", "'~m202312' | '~m202401'"},
		{"yearCover", postgres.YearCover, "2024-03-05", "2024-03-31", "'~m202403'"},
	} {
		if got := tt.cover(day(tt.lo), day(tt.hi)); got != tt.want {
			t.Errorf("%s(%s, %s) = %q; want %q", tt.name, tt.lo, tt.hi, got, tt.want)
		}
	}
}

// sortDate is the date an event is listed by: its own, else its article's.
func sortDate(e event.StoredEvent) string {
	if e.Date != nil {
		lo, _, _ := event.DateRange(*e.Date)
		return lo
	}
	return e.Article.Published
}

// compareListing orders "date id" strings newest date first, then by id.
func compareListing(a, b string) int {
	var da, ia, db, ib string
	fmt.Sscan(a, &da, &ia)
	fmt.Sscan(b, &db, &ib)
	if da != db {
		if da > db {
			return -1
		}
		return 1
	}
	if ia < ib {
		return -1
	}
	if ia > ib {
		return 1
	}
	return 0
}
