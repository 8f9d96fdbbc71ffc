package web_test

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/web"
)

// deskFixture is the fixture with three more articles: an Iraqi event with
// five deaths, a Syrian one recalling a battle of 2016 (a background event
// far outside the fixture's March 2024, which must not stretch the
// timeline) and one misdated to 2001.
func deskFixture(t *testing.T) *fixture {
	t.Helper()
	fx := newFixture(t)
	// a long article whose evidence comes late, and whose URL is
	// percent-encoded Arabic, for the event page
	basra := strings.Repeat("وتشهد المحافظة منذ أسابيع احتجاجات على انقطاع الكهرباء وشح المياه وتردي الخدمات العامة، ويطالب المحتجون بمحاسبة المسؤولين.\n", 40) +
		"البصرة - قتل خمسة محتجين برصاص قوات الأمن أمام مبنى المحافظة في البصرة مساء الثلاثاء."
	irq := article("t-basra", "2024-03-13", "قتلى في احتجاجات البصرة", basra, "https://news.example/2024/03/13/"+url.PathEscape("احتجاجات-البصرة"),
		evSpec{typ: "excessive_force_against_protesters", quote: "قتل خمسة محتجين برصاص قوات الأمن أمام مبنى المحافظة في البصرة", place: "البصرة", admin1: "البصرة", date: "2024-03-12", lat: 30.5085, lon: 47.7804, a1: "IRQ.MIL", a2: "PRO"})
	irq.Events[0].Location.Country = "IRQ"
	five := 5
	irq.Events[0].Fatalities = &five
	const old = "حلب - يستذكر الأهالي معارك حلب الشرقية، حين قصفت قوات النظام أحياء المدينة بالبراميل المتفجرة عام 2016."
	bg := article("t-recall", "2024-03-14", "ذكرى معارك حلب", old, "https://news.example/2024/03/14/recall",
		evSpec{typ: "air_drone_strike", quote: "قصفت قوات النظام أحياء المدينة بالبراميل المتفجرة", place: "حلب", admin1: "حلب", date: "2016-11-20", lat: 36.2, lon: 37.16, a1: "SYR.GOV", a2: "CIV"})
	bg.Events[0].Background = true
	// and an event misdated by years but not marked background, as the
	// extractor sometimes gives: it must not stretch the timeline either
	const stray = "إدلب - قصفت قوات النظام بلدة معرة مصرين بالمدفعية في الحادي عشر من أيلول."
	misdated := article("t-misdated", "2024-03-16", "قصف معرة مصرين", stray, "https://news.example/2024/03/16/misrin",
		evSpec{typ: "shelling_artillery_missile_attack", quote: "قصفت قوات النظام بلدة معرة مصرين بالمدفعية", place: "معرة مصرين", admin1: "إدلب", date: "2001-09-11", lat: 36.01, lon: 36.67, a1: "SYR.GOV"})
	recs := []event.Record{irq, bg, misdated}
	for i := range recs {
		recs[i].Normalize()
	}
	if _, err := fx.store.Put(context.Background(), recs); err != nil {
		t.Fatal(err)
	}
	fx.records = append(fx.records, recs...)
	return fx
}

func TestDeskFilters(t *testing.T) {
	fx := deskFixture(t)
	ts := newServer(t, web.Options{Store: fx.store})
	total := len(fx.events())
	tests := []struct {
		name, query string
		want        int
	}{
		{"no filter", "", total},
		{"country", "country=IRQ", 1},
		{"country, lower case", "country=syr", total - 1},
		{"a country without events", "country=LBN", 0},
		{"min fatalities", "min_fatalities=1", 1},
		{"min fatalities above all", "min_fatalities=6", 0},
		{"min fatalities 0 is no filter", "min_fatalities=0", total},
		{"both", "country=SYR&min_fatalities=1", 0},
		{"background left out", "background=exclude", total - 1},
		{"background only", "background=only", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var st struct{ Events int }
			if code := getJSON(t, ts.URL, "/api/v1/stats?"+tt.query, &st); code != 200 || st.Events != tt.want {
				t.Errorf("stats?%s = %d, %d events; want 200, %d", tt.query, code, st.Events, tt.want)
			}
			var p page
			if code := getJSON(t, ts.URL, "/api/v1/events?"+tt.query, &p); code != 200 || len(p.Events) != tt.want {
				t.Errorf("events?%s = %d, %d events; want 200, %d", tt.query, code, len(p.Events), tt.want)
			}
		})
	}
	for _, q := range []string{"country=SY", "country=S1R", "min_fatalities=-1", "min_fatalities=many", "background=yes"} {
		if code := getJSON(t, ts.URL, "/api/v1/events?"+q, nil); code != http.StatusBadRequest {
			t.Errorf("events?%s = %d; want 400", q, code)
		}
	}
}

func TestExportEndpoint(t *testing.T) {
	fx := deskFixture(t)
	ts := newServer(t, web.Options{Store: fx.store})
	for _, q := range []string{"", "admin1=" + url.QueryEscape("إدلب"), "country=IRQ", "type=peaceful_protest,attack&from=2024-03-15"} {
		var st struct{ Events int }
		getJSON(t, ts.URL, "/api/v1/stats?"+q, &st)
		for _, format := range []string{"acled-csv", "geojson", "jsonl", "plover"} {
			t.Run(format+" "+q, func(t *testing.T) {
				res, err := http.Get(ts.URL + "/api/v1/export?format=" + format + "&" + q)
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				if res.StatusCode != 200 {
					t.Fatalf("status %d", res.StatusCode)
				}
				if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; filename=") {
					t.Errorf("Content-Disposition %q; want an attachment", cd)
				}
				n := 0
				switch format {
				case "acled-csv":
					if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
						t.Errorf("Content-Type %q", ct)
					}
					rows, err := csv.NewReader(res.Body).ReadAll()
					if err != nil {
						t.Fatal(err)
					}
					n = len(rows) - 1 // the header
					if len(rows) == 0 || rows[0][0] != "event_id_cnty" {
						t.Errorf("no ACLED header: %q", rows)
					}
				case "geojson":
					var fc struct{ Features []json.RawMessage }
					if err := json.NewDecoder(res.Body).Decode(&fc); err != nil {
						t.Fatal(err)
					}
					n = len(fc.Features)
				default:
					sc := bufio.NewScanner(res.Body)
					sc.Buffer(nil, 1<<20)
					for sc.Scan() {
						if !json.Valid(sc.Bytes()) {
							t.Errorf("not a JSON line: %.100s", sc.Text())
						}
						n++
					}
				}
				if n != st.Events {
					t.Errorf("%s of %q: %d events; the selection has %d", format, q, n, st.Events)
				}
			})
		}
	}
	t.Run("the ACLED export names actors ACLED has no name for", func(t *testing.T) {
		res, err := http.Get(ts.URL + "/api/v1/export?format=acled-csv&country=IRQ")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !strings.Contains(string(b), "Military Forces of Iraq") || !strings.Contains(string(b), "Protesters (Iraq)") {
			t.Errorf("ACLED CSV lacks the actors' names:\n%s", b)
		}
	})
	for _, q := range []string{"format=xml", "format=jsonl&cursor=abc", "format=jsonl&from=yesterday"} {
		if code := getJSON(t, ts.URL, "/api/v1/export?"+q, nil); code != http.StatusBadRequest {
			t.Errorf("export?%s = %d; want 400", q, code)
		}
	}
}

func TestNamesEndpoint(t *testing.T) {
	fx := newFixture(t)
	ts := newServer(t, web.Options{Store: fx.store})
	var n struct {
		Actors []struct {
			Code, AR, EN string
			Source       string `json:"en_source"`
		}
		Countries []struct{ Code, AR, EN string }
	}
	if code := getJSON(t, ts.URL, "/api/v1/names", &n); code != 200 {
		t.Fatalf("names: %d", code)
	}
	actors := map[string]string{}
	for _, a := range n.Actors {
		actors[a.Code] = a.AR + " / " + a.EN + " / " + a.Source
	}
	for code, want := range map[string]string{
		"SYR.GOV": "قوات النظام السوري / Military Forces of Syria / acled",
		"AQ":      "تنظيم القاعدة / Al Qaeda / raqib",
	} {
		if actors[code] != want {
			t.Errorf("names: %s = %q; want %q", code, actors[code], want)
		}
	}
	if len(n.Countries) < 20 || n.Countries[0].Code != "SYR" || n.Countries[0].AR == "" {
		t.Errorf("names: countries %+v; want Syria first, with its Arabic name", n.Countries[:min(3, len(n.Countries))])
	}
}
