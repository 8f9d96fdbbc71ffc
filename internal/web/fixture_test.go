package web_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/sqlite"
	"github.com/raqib/raqib/internal/web"
)

// fixture is a small store of Arabic articles written for these tests, with
// events built by hand so that every evidence span is known.
type fixture struct {
	store   *sqlite.Store
	records []event.Record
}

type evSpec struct {
	typ, quote, place, admin1, date string
	lat, lon                        float64
	a1, a2                          string
	claim                           *event.Claim
}

func article(id, published, title, text string, url string, evs ...evSpec) event.Record {
	a := event.Article{ID: id, Published: published, Outlet: "وكالة الاختبار", Title: title, Text: text, URL: url}
	r := event.Record{Article: a}
	for _, s := range evs {
		i := strings.Index(text, s.quote)
		if i < 0 {
			panic(fmt.Sprintf("fixture %s: quote %q not in text", id, s.quote))
		}
		d := s.date
		e := event.Event{
			Doc: id, EventType: s.typ, Date: &d, DatePrecision: "day",
			Location: &event.Location{Name: s.place, Lat: s.lat, Lon: s.lon, Admin1: s.admin1, Country: "SYR", GeoPrecision: 1},
			Evidence: []event.Span{{Start: i, End: i + len(s.quote), Text: s.quote}},
			Claim:    s.claim,
			ACLED:    event.ACLED(s.typ),
			Source:   &event.Source{Text: "المرصد السوري لحقوق الإنسان", Code: "SOHR"},
		}
		if s.a1 != "" {
			e.Actor1 = &event.Actor{Code: s.a1, Text: s.a1}
		}
		if s.a2 != "" {
			e.Actor2 = &event.Actor{Code: s.a2, Text: s.a2}
		}
		r.Events = append(r.Events, e)
	}
	return r
}

// xssText is an article whose text carries markup that must show as text.
const xssText = "أفاد ناشطون بأن قصفاً مدفعياً استهدف أطراف بلدة سرمين شرقي إدلب <script>window.__raqibPwned = \"script\"</script> " +
	"وذكروا أن <img src=x onerror=\"window.__raqibPwned = 'img'\"> القذائف سقطت قرب مدرسة، " +
	"والتفاصيل في <a href=\"javascript:window.__raqibPwned = 'link'\">هذا الرابط</a> دون تسجيل إصابات."

func fixtureRecords() []event.Record {
	return []event.Record{
		article("t-kansafra", "2024-03-10", "قصف على ريف إدلب الجنوبي",
			"إدلب - قصفت قوات النظام بالمدفعية الثقيلة بلدة كنصفرة في ريف إدلب الجنوبي صباح اليوم الأحد، ما أدى إلى مقتل مدنيين اثنين.\n"+
				"وفي سياق متصل، شنت طائرات حربية روسية غارات جوية على محيط بلدة البارة المجاورة دون أنباء عن إصابات.",
			"https://news.example/2024/03/10/kansafra",
			evSpec{typ: "shelling_artillery_missile_attack", quote: "قصفت قوات النظام بالمدفعية الثقيلة بلدة كنصفرة في ريف إدلب الجنوبي", place: "كنصفرة", admin1: "إدلب", date: "2024-03-10", lat: 35.6464, lon: 36.5247, a1: "SYR.GOV", a2: "CIV"},
			evSpec{typ: "air_drone_strike", quote: "شنت طائرات حربية روسية غارات جوية على محيط بلدة البارة", place: "البارة", admin1: "إدلب", date: "2024-03-10", lat: 35.6797, lon: 36.5392, a1: "RUS.MIL"}),
		article("t-aleppo", "2024-03-12", "اشتباكات غرب حلب",
			"حلب - اندلعت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام على محور الراشدين غرب مدينة حلب مساء أمس الإثنين، وفق ما أفاد به مراسلنا.",
			"https://news.example/2024/03/12/aleppo",
			evSpec{typ: "armed_clash", quote: "اندلعت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام على محور الراشدين غرب مدينة حلب", place: "الراشدين", admin1: "حلب", date: "2024-03-11", lat: 36.18, lon: 37.08, a1: "SYR.OPP", a2: "SYR.GOV"}),
		article("t-mayadin", "2024-03-15", "هجوم في ريف دير الزور",
			"دير الزور - هاجم مسلحون من تنظيم الدولة حاجزاً لقوات النظام قرب مدينة الميادين في ريف دير الزور الشرقي فجر اليوم، وقُتل ثلاثة عناصر.",
			"",
			evSpec{typ: "attack", quote: "هاجم مسلحون من تنظيم الدولة حاجزاً لقوات النظام قرب مدينة الميادين", place: "الميادين", admin1: "دير الزور", date: "2024-03-15", lat: 35.0196, lon: 40.4528, a1: "ISIS", a2: "SYR.GOV"}),
		article("t-daraa", "2024-03-15", "مظاهرة في درعا",
			"درعا - خرج العشرات في مظاهرة سلمية في مدينة درعا البلد اليوم الجمعة للمطالبة بالإفراج عن المعتقلين.",
			"https://news.example/2024/03/15/daraa",
			evSpec{typ: "peaceful_protest", quote: "خرج العشرات في مظاهرة سلمية في مدينة درعا البلد", place: "درعا البلد", admin1: "درعا", date: "2024-03-15", lat: 32.6125, lon: 36.1033, a1: "CIV"}),
		article("t-hmeimim", "2024-03-18", "الدفاع الروسية: إسقاط مسيرتين",
			"قالت وزارة الدفاع الروسية إن دفاعاتها الجوية أسقطت طائرتين مسيرتين قرب قاعدة حميميم في ريف اللاذقية، فيما نفت الفصائل إطلاق أي طائرة.",
			"https://news.example/2024/03/18/hmeimim",
			evSpec{typ: "disrupted_weapons_use", quote: "أسقطت طائرتين مسيرتين قرب قاعدة حميميم في ريف اللاذقية", place: "حميميم", admin1: "اللاذقية", date: "2024-03-18", lat: 35.4108, lon: 35.9486, a1: "RUS.MIL", a2: "UNK",
				claim: &event.Claim{Status: event.Claimed, By: "RUS.MIL", DeniedBy: "SYR.OPP"}}),
		article("t-xss", "2024-03-20", "<b onmouseover=\"window.__raqibPwned='title'\">عنوان</b> قصف سرمين", xssText,
			"javascript:window.__raqibPwned='url'",
			evSpec{typ: "shelling_artillery_missile_attack", quote: "قصفاً مدفعياً استهدف أطراف بلدة سرمين شرقي إدلب <script>window.__raqibPwned = \"script\"</script>", place: "سرمين <img src=x onerror=\"window.__raqibPwned='place'\">", admin1: "إدلب", date: "2024-03-20", lat: 35.9069, lon: 36.7239, a1: "SYR.GOV"}),
	}
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "fixture.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	recs := fixtureRecords()
	for i := range recs {
		recs[i].Normalize()
	}
	if _, err := st.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	return &fixture{store: st, records: recs}
}

// events lists the fixture's events with their IDs, for computing what a
// filter should return without asking the store.
func (f *fixture) events() []event.Event {
	var out []event.Event
	for _, r := range f.records {
		for i, e := range r.Events {
			e.ID = event.EventIDs(r.Key, r.Events)[i]
			out = append(out, e)
		}
	}
	return out
}

// fakeExtractor finds one event per sentence that names a place it knows,
// so the write API can be tested without the real extractor's lexicons.
type fakeExtractor struct{}

func (fakeExtractor) Extract(a event.Article) ([]event.Event, error) {
	if strings.Contains(a.Text, "\x00") {
		return nil, fmt.Errorf("text contains NUL bytes")
	}
	var out []event.Event
	for _, place := range []string{"كنصفرة", "سرمين"} {
		if i := strings.Index(a.Text, place); i >= 0 {
			d := a.Published
			out = append(out, event.Event{Doc: a.ID, EventType: "shelling_artillery_missile_attack", Date: &d,
				Location: &event.Location{Name: place, Lat: 35.7, Lon: 36.6, Admin1: "إدلب", GeoPrecision: 1},
				Evidence: []event.Span{{Start: i, End: i + len(place), Text: place}}})
		}
	}
	return out, nil
}

func newServer(t testing.TB, opt web.Options) *httptest.Server {
	t.Helper()
	s, err := web.New(opt)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts
}
