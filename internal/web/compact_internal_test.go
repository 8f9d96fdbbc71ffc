package web

import (
	"encoding/json"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/raqib/raqib/internal/event"
)

// str writes a string exactly as encoding/json does, whatever it holds.
func TestCardStringAsEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "plain", "غارة على \"إدلب\"", "a<b>&c", "line\nbreak\ttab\x01", "\u2028\u2029",
		"bad \xff utf8", "back\\slash", "AL-intl-1629-20180615~35", "emoji 😀 and ‎marks‏"} {
		checkCardString(t, s)
	}
}

func FuzzCardString(f *testing.F) {
	f.Add("غارة <على> إدلب")
	f.Fuzz(checkCardString)
}

// checkCardString checks that a card page (from the pool, as writeCards
// takes it) writes s as encoding/json does.
func checkCardString(t *testing.T, s string) {
	t.Helper()
	b := cardPages.Get().(*cardPage)
	defer cardPages.Put(b)
	b.out.Reset()
	b.str(s)
	want, _ := json.Marshal(s)
	if b.out.String() != string(want) {
		t.Errorf("str(%q) = %s; want %s", s, b.out.String(), want)
	}
}

// BenchmarkWriteCards writes a page of 100 cards, as the list endpoint does.
func BenchmarkWriteCards(b *testing.B) {
	card := []byte(`{"doc":"AL-internationalNews-1629-20180615~35","event_type":"government_regains_territory","date":"2022-07-05","date_precision":"day","location":{"name":"الدريهمي","lat":14.637,"lon":43.0551,"admin1":"Hodeidah","geo_precision":1},"actor1":{"code":"YEM.MIL","text":"الجيش"},"actor2":null,"fatalities":null,"claim":{"status":"reported"}}`)
	var p event.Page
	for i := range 100 {
		se := event.StoredEvent{Card: card}
		se.ID, se.Incident = "ev-"+strconv.Itoa(i)+"-a1b2c3d4e5f6", "inc-"+strconv.Itoa(i)
		se.Article.ID = "AL-internationalNews-1629-20180615"
		se.Article.Title = "القوات الحكومية تستعيد السيطرة على مدينة الدريهمي جنوب الحديدة"
		p.Events = append(p.Events, se)
	}
	p.Next = "MjAyMi0wNy0wNSBldi05OQ"
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		writeCards(w, p)
	}
}
