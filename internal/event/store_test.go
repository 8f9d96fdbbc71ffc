package event_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"lower-case scheme and host", "HTTPS://Example.ORG/News/1", "https://example.org/News/1"},
		{"fragment dropped", "https://example.org/a#comments", "https://example.org/a"},
		{"tracking parameters dropped", "https://example.org/a?utm_source=rss&id=7&fbclid=x", "https://example.org/a?id=7"},
		{"default port dropped", "http://example.org:80/a", "http://example.org/a"},
		{"other port kept", "http://example.org:8080/a", "http://example.org:8080/a"},
		{"empty path", "https://example.org", "https://example.org/"},
		{"space trimmed", "  https://example.org/a \n", "https://example.org/a"},
		{"arabic path kept", "https://example.org/أخبار/1", "https://example.org/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/1"},
		{"not http", "ftp://example.org/a", ""},
		{"relative", "/news/1", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := event.CanonicalURL(tt.in); got != tt.want {
				t.Errorf("CanonicalURL(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestArticleKey(t *testing.T) {
	text := "قصفت قوات النظام قرية كنصفرة."
	tests := []struct {
		name string
		a, b event.Article
		same bool
	}{
		{"same URL, other text", event.Article{URL: "https://x.org/1", Text: text}, event.Article{URL: "https://X.org/1#top", Text: "نص آخر"}, true},
		{"no URL, re-wrapped text", event.Article{Text: text}, event.Article{Text: "\n " + strings.ReplaceAll(text, " ", "  \n") + "\t"}, true},
		{"no URL, other text", event.Article{Text: text}, event.Article{Text: text + " وقتل مدني."}, false},
		{"URL against none", event.Article{URL: "https://x.org/1", Text: text}, event.Article{Text: text}, false},
		{"ids do not matter", event.Article{ID: "a", Text: text}, event.Article{ID: "b", Text: text}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ka, kb := event.ArticleKey(tt.a), event.ArticleKey(tt.b)
			if (ka == kb) != tt.same {
				t.Errorf("ArticleKey = %q and %q; same = %v, want %v", ka, kb, ka == kb, tt.same)
			}
		})
	}
}

func TestDateRange(t *testing.T) {
	tests := []struct {
		in, lo, hi string
		ok         bool
	}{
		{"2020-10-08", "2020-10-08", "2020-10-08", true},
		{"2020-02", "2020-02-01", "2020-02-29", true},
		{"2021", "2021-01-01", "2021-12-31", true},
		{"2020-13", "", "", false},
		{"2020-02-30", "", "", false},
		{"", "", "", false},
		{"yesterday", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			lo, hi, ok := event.DateRange(tt.in)
			if lo != tt.lo || hi != tt.hi || ok != tt.ok {
				t.Errorf("DateRange(%q) = %q, %q, %v; want %q, %q, %v", tt.in, lo, hi, ok, tt.lo, tt.hi, tt.ok)
			}
		})
	}
}

func TestNear(t *testing.T) {
	tests := []struct {
		name     string
		n        event.Near
		lat, lon float64
		in       bool
	}{
		{"centre", event.Near{Lat: 35.64, Lon: 36.52, Km: 1}, 35.64, 36.52, true},
		{"9 km north", event.Near{Lat: 35.64, Lon: 36.52, Km: 10}, 35.64 + 9/111.2, 36.52, true},
		{"11 km north", event.Near{Lat: 35.64, Lon: 36.52, Km: 10}, 35.64 + 11/111.2, 36.52, false},
		{"box corner", event.Near{Lat: 35.64, Lon: 36.52, Km: 10}, 35.72, 36.62, false},
		{"near the pole", event.Near{Lat: 89.99, Lon: 0, Km: 5}, 89.99, 179, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.n.Contains(tt.lat, tt.lon); got != tt.in {
				t.Errorf("Contains(%v, %v) = %v (%.1f km); want %v", tt.lat, tt.lon, got, event.DistanceKm(tt.n.Lat, tt.n.Lon, tt.lat, tt.lon), tt.in)
			}
			b := tt.n.Bounds()
			inBox := tt.lat >= b.MinLat && tt.lat <= b.MaxLat && tt.lon >= b.MinLon && tt.lon <= b.MaxLon
			if tt.in && !inBox {
				t.Errorf("Bounds() = %+v leaves out a point in the circle", b)
			}
		})
	}
	if d := event.DistanceKm(33.5138, 36.2765, 36.2021, 37.1343); math.Abs(d-309) > 5 {
		t.Errorf("DistanceKm(Damascus, Aleppo) = %.0f; want about 309", d)
	}
}

func TestCursor(t *testing.T) {
	for _, c := range []event.Cursor{{}, {Sort: "2020-10-08", ID: "ab12-0003"}, {Sort: `"q" ' `, ID: "إدلب\x00"}} {
		got, err := event.ParseCursor(c.String())
		if err != nil || got != c {
			t.Errorf("ParseCursor(%+v.String()) = %+v, %v", c, got, err)
		}
	}
	for _, bad := range []string{"%%%", "", "Zm9v"} {
		if _, err := event.ParseCursor(bad); err == nil {
			t.Errorf("ParseCursor(%q) succeeded; want an error", bad)
		}
	}
}

func FuzzParseCursor(f *testing.F) {
	f.Add(event.Cursor{Sort: "2020-10-08", ID: "x-0001"}.String())
	f.Add("Zm9v")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := event.ParseCursor(s)
		if err != nil {
			return
		}
		if again, err := event.ParseCursor(c.String()); err != nil || again != c {
			t.Errorf("cursor %+v does not round-trip: %+v, %v", c, again, err)
		}
	})
}

func TestNewRow(t *testing.T) {
	month := "2020-09"
	r := &event.Record{Article: event.Article{ID: "a-1", Published: "2020-09-15", Title: "عنوان", Text: "نص"}}
	r.Normalize()
	tests := []struct {
		name                string
		e                   event.Event
		date, lo, hi, claim string
		point               bool
	}{
		{"own month date", event.Event{Date: &month, Location: &event.Location{Lat: 1, Lon: 2, Admin1: "Idlib"}}, "2020-09", "2020-09-01", "2020-09-30", "reported", true},
		{"article date when none", event.Event{Claim: &event.Claim{Status: event.Denied}}, "2020-09-15", "2020-09-15", "2020-09-15", "denied", false},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row := event.NewRow(r, i, tt.e)
			if row.Date != tt.date || row.DateLo != tt.lo || row.DateHi != tt.hi || row.ClaimStatus != tt.claim || row.HasPoint != tt.point {
				t.Errorf("NewRow = %+v; want date %s [%s, %s], claim %s, point %v", row, tt.date, tt.lo, tt.hi, tt.claim, tt.point)
			}
			if want := event.ContentEventID(r.Key, tt.e, 0); row.Event.ID != want || row.Event.Doc != "a-1" {
				t.Errorf("NewRow ID, Doc = %q, %q; want %q, a-1", row.Event.ID, row.Event.Doc, want)
			}
		})
	}
}

func ExampleArticleKey() {
	a := event.Article{URL: "https://Example.org/news/1?utm_source=rss#top", Text: "..."}
	b := event.Article{Text: "نص  بلا\nرابط"}
	fmt.Println(event.ArticleKey(a))
	fmt.Println(event.ArticleKey(b) == "sha256:"+event.ContentHash(event.Article{Text: "نص بلا رابط"}))
	// Output:
	// https://example.org/news/1
	// true
}

// SetCard writes back what CardOf reads: an event emptied and set from its
// card has the same card, and no field the card lacks.
func TestSetCardInvertsCardOf(t *testing.T) {
	d, n := "2020-10-08", 3
	e := event.Event{ID: "x", Doc: "a~0", EventType: "shelling_artillery_missile_attack", Date: &d, DatePrecision: "day",
		Location:   &event.Location{Name: "كنصفرة", Lat: 35.6, Lon: 36.5, Admin1: "Idlib", Admin2: "Ariha", Country: "SYR", GeoPrecision: 1, GazetteerID: "g"},
		Actor1:     &event.Actor{Code: "SYR.GOV", Text: "قوات النظام"},
		Fatalities: &n, Claim: &event.Claim{Status: "reported"}}
	var got event.Event
	got.SetCard(event.CardOf(&e))
	a, err := event.CardJSON(got)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := event.CardJSON(e); a != b {
		t.Errorf("card after SetCard = %s; want %s", a, b)
	}
	if got.ID != "" || got.Location.Admin2 != "" || got.Location.GazetteerID != "" {
		t.Errorf("SetCard set fields a card lacks: %+v", got)
	}
	got.SetCard(event.Card{})
	if got.Location != nil || got.Actor1 != nil || got.Date != nil {
		t.Errorf("SetCard of an empty card left %+v", got)
	}
}
