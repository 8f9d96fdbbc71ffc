package web_test

import (
	"context"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/sqlite"
	"github.com/raqib/raqib/internal/web"
)

// incidentRecords: one strike on Kafr Nabl told by two outlets, the second
// of which reports the Russian ministry's denial and a higher toll.
func incidentRecords() []event.Record {
	a := article("inc-sohr", "2024-04-02", "غارات على كفرنبل",
		"إدلب - قتل خمسة مدنيين في غارات جوية روسية على بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم، بحسب المرصد السوري.",
		"https://a.example/kafrnabl",
		evSpec{typ: "air_drone_strike", quote: "غارات جوية روسية على بلدة كفرنبل في ريف إدلب الجنوبي", place: "كفرنبل", admin1: "إدلب", date: "2024-04-02", lat: 35.6137, lon: 36.5611, a1: "RUS.MIL", a2: "CIV"})
	five := 5
	a.Events[0].Fatalities = &five
	a.Article.Outlet = "شبكة أ"
	b := article("inc-denial", "2024-04-03", "موسكو تنفي قصف كفرنبل",
		"موسكو - نفت وزارة الدفاع الروسية أن تكون طائراتها قد قصفت بلدة كفرنبل أمس، فيما قال ناشطون إن سبعة مدنيين قتلوا.",
		"https://b.example/denial",
		evSpec{typ: "air_drone_strike", quote: "نفت وزارة الدفاع الروسية أن تكون طائراتها قد قصفت بلدة كفرنبل", place: "كفرنبل", admin1: "إدلب", date: "2024-04-02", lat: 35.6137, lon: 36.5611, a1: "RUS.MIL",
			claim: &event.Claim{Status: event.Denied, By: "RUS.MIL", DeniedBy: "RUS.MIL"}})
	seven := 7
	b.Events[0].Fatalities = &seven
	b.Events[0].Source = &event.Source{Text: "وزارة الدفاع الروسية", Code: "RUS.MIL"}
	b.Article.Outlet = "وكالة ب"
	return []event.Record{a, b}
}

func TestIncidentPage(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "incidents.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Put(ctx, incidentRecords()); err != nil {
		t.Fatal(err)
	}
	ts := newServer(t, web.Options{Store: st})
	var page struct {
		Incidents []event.Incident `json:"incidents"`
	}
	getJSON(t, ts.URL, "/api/v1/incidents?min_reports=2&disputed=true", &page)
	if len(page.Incidents) != 1 || len(page.Incidents[0].Reports) != 2 {
		t.Fatalf("GET /api/v1/incidents?min_reports=2&disputed=true = %+v; want one incident of two reports", page.Incidents)
	}
	id := page.Incidents[0].ID

	b := newBrowser(t)
	defer func() {
		for _, e := range b.takeErrors() {
			t.Errorf("page error: %s", e)
		}
	}()
	t.Run("reports side by side, the denial and the disagreements marked", func(t *testing.T) {
		b.run(t, chromedp.Navigate(ts.URL+"/incident/"+url.PathEscape(id)), ready)
		docs := eval[[]string](t, b, `[...document.querySelectorAll('#inc-reports .report')].map((r) => r.dataset.doc)`)
		if len(docs) != 2 || docs[0] == docs[1] {
			t.Errorf("report cards from %v; want one from each of two articles", docs)
		}
		if n := eval[int](t, b, `document.querySelectorAll('#inc-reports .report.denial').length`); n != 1 {
			t.Errorf("%d denial cards; want 1", n)
		}
		if vis := eval[bool](t, b, `!document.getElementById('inc-disputed').hidden`); !vis {
			t.Error("the incident is not shown as disputed")
		}
		claims := text(t, b, "#inc-claims")
		if !strings.Contains(claims, "وكالة ب") || !strings.Contains(claims, "RUS.MIL") {
			t.Errorf("claims = %q; want the denial by RUS.MIL in وكالة ب", claims)
		}
		if dis := text(t, b, "#inc-disagreements"); !strings.Contains(dis, "الحصيلة") || !strings.Contains(dis, "الادعاء") {
			t.Errorf("disagreements = %q; want the toll and the claim", dis)
		}
		if n := eval[int](t, b, `document.querySelectorAll('#inc-reports .report.disagrees').length`); n == 0 {
			t.Error("no report is marked as disagreeing")
		}
		if f := text(t, b, "#inc-fields"); !strings.Contains(f, "5–7") {
			t.Errorf("fields = %q; want the toll range 5–7", f)
		}
		b.screenshot(t, "incident.png")
	})
	t.Run("the map draws one marker for the incident, with its reports", func(t *testing.T) {
		b.run(t, chromedp.Navigate(ts.URL+"/"), ready)
		if n := b.waitMarkers(t, 1); n != 1 {
			t.Errorf("map shows %d markers; want 1 for two reports of one incident", n)
		}
		if n := text(t, b, "#map .reports-n"); n != "2" {
			t.Errorf("marker counts %q reports; want 2", n)
		}
		b.screenshot(t, "incident-map.png")
	})
	t.Run("an event page links to its incident", func(t *testing.T) {
		b.run(t, chromedp.Navigate(ts.URL+"/event/"+url.PathEscape(page.Incidents[0].Reports[1].ID)), ready)
		href := eval[string](t, b, `document.querySelector('a.incident-link').getAttribute('href')`)
		if href != "/incident/"+id {
			t.Errorf("incident link = %q; want /incident/%s", href, id)
		}
	})
}
