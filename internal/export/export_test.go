package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/export"
)

// pager is an event.Querier over a slice that hands out pages of two, so
// that every export is made from several pages.
type pager struct {
	events []event.StoredEvent
	calls  int
}

func (p *pager) Events(ctx context.Context, f event.Filter) (event.Page, error) {
	p.calls++
	start := 0
	if f.Cursor != "" {
		n, err := strconv.Atoi(f.Cursor)
		if err != nil {
			return event.Page{}, event.ErrBadCursor
		}
		start = n
	}
	end := min(start+2, len(p.events))
	page := event.Page{Events: p.events[start:end]}
	if end < len(p.events) {
		page.Next = strconv.Itoa(end)
	}
	return page, nil
}

func (p *pager) Event(ctx context.Context, id string) (event.StoredEvent, error) {
	return event.StoredEvent{}, event.ErrNotFound
}

func (p *pager) Stats(ctx context.Context, f event.Filter) (event.Stats, error) {
	return event.Stats{Events: len(p.events)}, nil
}

func ptr[T any](v T) *T { return &v }

// stored builds a stored event the way a store returns it.
func stored(id, typ, date, prec, a1, a2 string, loc *event.Location, sentence string) event.StoredEvent {
	e := event.Event{ID: id, Doc: "doc-" + id, EventType: typ, DatePrecision: prec, Location: loc,
		Evidence: []event.Span{{Start: 10, End: 10 + len(sentence), Text: sentence}}, ACLED: event.ACLED(typ)}
	if date != "" {
		e.Date = ptr(date)
	}
	if a1 != "" {
		e.Actor1 = &event.Actor{Code: a1, Text: "نص " + a1}
	}
	if a2 != "" {
		e.Actor2 = &event.Actor{Code: a2, Text: "نص " + a2}
	}
	return event.StoredEvent{Event: e, Sentence: sentence,
		Article: event.ArticleMeta{Key: "k-" + id, ID: "doc-" + id, Title: "عنوان", Outlet: "وكالة التجربة", URL: "https://example.org/" + id, Published: "2020-10-10"}}
}

func syria(name string, lat, lon float64, prec int) *event.Location {
	return &event.Location{Name: name, Lat: lat, Lon: lon, Admin1: "Idlib", Admin2: "Ariha", Country: "SYR", GeoPrecision: prec, GazetteerID: "sy-test"}
}

func corpus() []event.StoredEvent {
	shelling := stored("0123456789abcdef-0000", "shelling_artillery_missile_attack", "2020-10-09", "day", "SYR.GOV", "CIV",
		syria("كنصفرة", 35.6412, 36.5301, 1), "وقصفت قوات النظام بلدة كنصفرة ما أدى إلى مقتل ثلاثة مدنيين")
	shelling.Fatalities = ptr(3)
	shelling.Source = &event.Source{Text: "المرصد السوري لحقوق الإنسان", Code: "SOHR"}
	strike := stored("fedcba9876543210-0001", "air_drone_strike", "2020-10", "month", "RUS.MIL", "HTS",
		syria("ريف إدلب الجنوبي", 35.7, 36.6, 3), "شنت الطائرات الروسية غارات على ريف إدلب الجنوبي")
	strike.Claim = &event.Claim{Status: event.Claimed, By: "RUS.MIL"}
	consult := stored("1111111111111111-0002", "consult", "2020-10-08", "day", "RUS.GOV", "TUR.GOV",
		&event.Location{Name: "موسكو", Lat: 55.75, Lon: 37.62, Country: "RUS", GeoPrecision: 1}, "بحث وزيرا الخارجية الروسي والتركي في موسكو")
	noPlace := stored("2222222222222222-0003", "armed_clash", "2020-10-07", "day", "SYR.OPP", "SYR.GOV", nil, "اشتباكات عنيفة بين الفصائل وقوات النظام")
	usa := stored("3333333333333333-0004", "air_drone_strike", "2022-03-01", "day", "USA.MIL", "ISIS",
		syria("أطمة", 36.31, 36.66, 1), "استهدفت طائرة مسيرة أمريكية سيارة قرب أطمة")
	jordan := stored("4444444444444444-0005", "disrupted_weapons_use", "2022-02-17", "day", "JOR.MIL", "UNK",
		&event.Location{Name: "درعا", Lat: 32.62, Lon: 36.10, Admin1: "Daraa", Country: "SYR", GeoPrecision: 2}, "أسقط الجيش الأردني طائرة مسيرة قادمة من درعا")
	other := stored("5555555555555555-0006", "other", "2021-01-01", "day", "SYR.GOV", "", syria("حلب", 36.2, 37.15, 1), "حدث آخر في حلب")
	return []event.StoredEvent{shelling, strike, consult, noPlace, usa, jordan, other}
}

var now = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

func run(t *testing.T, format string, opt export.Options) (string, export.Summary) {
	t.Helper()
	var buf bytes.Buffer
	opt.Now = now
	q := &pager{events: corpus()}
	sum, err := export.Write(context.Background(), &buf, q, event.Filter{}, format, opt)
	if err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	if q.calls < 2 && opt.Max == 0 {
		t.Errorf("Write(%s) read %d pages; want every page", format, q.calls)
	}
	return buf.String(), sum
}

func TestACLEDCSV(t *testing.T) {
	out, sum := run(t, export.ACLEDCSV, export.Options{})
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("read back CSV: %v", err)
	}
	wantHeader := "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
	if got := strings.Join(rows[0], ","); got != wantHeader {
		t.Fatalf("header = %s; want %s", got, wantHeader)
	}
	if len(rows) != 1+5 || sum.Written != 5 {
		t.Fatalf("%d rows, summary %v; want 5 (consult and the event without a place skipped)", len(rows)-1, sum)
	}
	if sum.Skipped["no ACLED event type: consult"] != 1 || sum.Skipped["no location"] != 1 {
		t.Errorf("skipped = %v; want one consult and one without location", sum.Skipped)
	}
	byID := map[string]map[string]string{}
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		byID[m["notes"]] = m
	}
	tests := []struct {
		name, notes string
		want        map[string]string
	}{
		{"regime shelling on civilians", "وقصفت قوات النظام بلدة كنصفرة ما أدى إلى مقتل ثلاثة مدنيين", map[string]string{
			"event_date": "2020-10-09", "year": "2020", "time_precision": "1", "disorder_type": "Political violence",
			"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
			"actor1": "Military Forces of Syria (2000-2024)", "inter1": "1", "actor2": "Civilians (Syria)", "inter2": "7",
			"interaction": "17", "civilian_targeting": "Civilian targeting", "iso": "760", "region": "Middle East",
			"country": "Syria", "admin1": "Idlib", "admin2": "Ariha", "location": "كنصفرة", "latitude": "35.6412",
			"longitude": "36.5301", "geo_precision": "1", "source": "المرصد السوري لحقوق الإنسان; وكالة التجربة",
			"fatalities": "3", "tags": "", "timestamp": strconv.FormatInt(now.Unix(), 10)}},
		{"russian strike known to the month, claimed", "شنت الطائرات الروسية غارات على ريف إدلب الجنوبي", map[string]string{
			"event_date": "2020-10-16", "year": "2020", "time_precision": "3", "actor1": "Military Forces of Russia (2000-)",
			"inter1": "8", "actor2": "HTS: Hayat Tahrir al Sham", "inter2": "2", "interaction": "28", "civilian_targeting": "",
			"geo_precision": "3", "fatalities": "0", "tags": "claimed; claimed by RUS.MIL", "source": "وكالة التجربة"}},
		{"US drone strike named by presidency", "استهدفت طائرة مسيرة أمريكية سيارة قرب أطمة", map[string]string{
			"actor1": "Military Forces of the United States (2021-2025)", "inter1": "8", "actor2": "Islamic State (Syria)", "inter2": "2", "interaction": "28"}},
		{"fallback name for a state without a row", "أسقط الجيش الأردني طائرة مسيرة قادمة من درعا", map[string]string{
			"actor1": "Military Forces of Jordan", "inter1": "8", "actor2": "Unidentified Armed Group (Syria)", "inter2": "3",
			"interaction": "38", "disorder_type": "Strategic developments", "event_type": "Strategic developments", "sub_event_type": "Disrupted weapons use"}},
		{"sole actor", "حدث آخر في حلب", map[string]string{"actor2": "", "inter2": "", "interaction": "10", "sub_event_type": "Other"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row, ok := byID[tt.notes]
			if !ok {
				t.Fatalf("no row with notes %q", tt.notes)
			}
			for k, v := range tt.want {
				if row[k] != v {
					t.Errorf("%s = %q; want %q", k, row[k], v)
				}
			}
			if !strings.HasPrefix(row["event_id_cnty"], "SYR") || strings.Trim(row["event_id_cnty"][3:], "0123456789") != "" || len(row["event_id_cnty"]) < 8 {
				t.Errorf("event_id_cnty = %q; want SYR and digits", row["event_id_cnty"])
			}
		})
	}
	// IDs are stable across exports and distinct between events.
	again, _ := run(t, export.ACLEDCSV, export.Options{})
	if again != out {
		t.Error("a second export differs from the first")
	}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		if seen[r[0]] {
			t.Errorf("event_id_cnty %s twice", r[0])
		}
		seen[r[0]] = true
	}
}

func TestGeoJSON(t *testing.T) {
	out, sum := run(t, export.GeoJSON, export.Options{})
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type     string `json:"type"`
			ID       string `json:"id"`
			Geometry struct {
				Type        string    `json:"type"`
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal([]byte(out), &fc); err != nil {
		t.Fatalf("read back GeoJSON: %v\n%s", err, out)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 6 || sum.Written != 6 || sum.Skipped["no location"] != 1 {
		t.Fatalf("type %q, %d features, summary %v; want a FeatureCollection of 6 (one without location skipped)", fc.Type, len(fc.Features), sum)
	}
	want := corpus()
	for _, f := range fc.Features {
		t.Run(f.ID, func(t *testing.T) {
			var e *event.StoredEvent
			for i := range want {
				if want[i].ID == f.ID {
					e = &want[i]
				}
			}
			if e == nil {
				t.Fatalf("feature %s is no event of the corpus", f.ID)
			}
			if f.Type != "Feature" || f.Geometry.Type != "Point" || len(f.Geometry.Coordinates) != 2 ||
				f.Geometry.Coordinates[0] != e.Location.Lon || f.Geometry.Coordinates[1] != e.Location.Lat {
				t.Errorf("geometry = %+v; want Point [%v %v]", f.Geometry, e.Location.Lon, e.Location.Lat)
			}
			if f.Properties["event_type"] != e.EventType || f.Properties["sentence"] != e.Sentence || f.Properties["location"] != e.Location.Name {
				t.Errorf("properties = %v; want the event's type, sentence and place", f.Properties)
			}
			if e.Actor1 != nil && f.Properties["actor1"] != e.Actor1.Code {
				t.Errorf("actor1 = %v; want %s", f.Properties["actor1"], e.Actor1.Code)
			}
		})
	}
}

func TestJSONL(t *testing.T) {
	out, sum := run(t, export.JSONL, export.Options{})
	want := corpus()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(want) || sum.Written != len(want) {
		t.Fatalf("%d lines, summary %v; want %d", len(lines), sum, len(want))
	}
	for i, line := range lines {
		t.Run(want[i].ID, func(t *testing.T) {
			var e event.Event
			if err := json.Unmarshal([]byte(line), &e); err != nil {
				t.Fatalf("read back: %v", err)
			}
			got, _ := json.Marshal(e)
			exp, _ := json.Marshal(want[i].Event)
			if string(got) != string(exp) {
				t.Errorf("event = %s; want %s", got, exp)
			}
		})
	}
	t.Run("max", func(t *testing.T) {
		out, sum := run(t, export.JSONL, export.Options{Max: 3})
		if n := strings.Count(out, "\n"); n != 3 || sum.Written != 3 {
			t.Errorf("Max 3 wrote %d lines (summary %v)", n, sum)
		}
	})
}

func TestPLOVER(t *testing.T) {
	out, sum := run(t, export.PLOVER, export.Options{})
	if sum.Written != 6 || sum.Skipped["no PLOVER category"] != 1 {
		t.Fatalf("summary %v; want 6 written and the 'other' event skipped", sum)
	}
	recs := map[string]export.PloverEvent{}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var r export.PloverEvent
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("read back %s: %v", line, err)
		}
		recs[r.ID] = r
	}
	tests := []struct {
		name, id, event, mode, actor, sector, recipient string
		start, end                                      int
	}{
		{"shelling", "0123456789abcdef-0000", "ASSAULT", "heavy-weapons", "SYR", "MIL", "SYR", 10, 10 + len("وقصفت قوات النظام بلدة كنصفرة ما أدى إلى مقتل ثلاثة مدنيين")},
		{"air strike", "fedcba9876543210-0001", "ASSAULT", "aerial", "RUS", "MIL", "SYR", 10, 10 + len("شنت الطائرات الروسية غارات على ريف إدلب الجنوبي")},
		{"consult", "1111111111111111-0002", "CONSULT", "", "RUS", "GOV", "TUR", 10, 10 + len("بحث وزيرا الخارجية الروسي والتركي في موسكو")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := recs[tt.id]
			if !ok {
				t.Fatalf("no record %s", tt.id)
			}
			if r.EventType != tt.event || r.Mode != tt.mode {
				t.Errorf("event %s/%s; want %s/%s", r.EventType, r.Mode, tt.event, tt.mode)
			}
			if len(r.Actor) != 1 || r.Actor[0].Code != tt.actor || r.Actor[0].Sector != tt.sector {
				t.Errorf("actor = %+v; want %s %s", r.Actor, tt.actor, tt.sector)
			}
			if len(r.Recipient) != 1 || r.Recipient[0].Code != tt.recipient {
				t.Errorf("recipient = %+v; want %s", r.Recipient, tt.recipient)
			}
			if r.TextInfo.Start != tt.start || r.TextInfo.End != tt.end || len(r.TextInfo.Evidence) != 1 {
				t.Errorf("text_info = %+v; want %d-%d", r.TextInfo, tt.start, tt.end)
			}
			if r.EventLoc == nil || r.EventLoc.Name == "" || r.EventDate == "" {
				t.Errorf("event_loc %+v, date %q; want both", r.EventLoc, r.EventDate)
			}
		})
	}
	if r := recs["2222222222222222-0003"]; r.EventLoc != nil {
		t.Errorf("event without a place has event_loc %+v", r.EventLoc)
	}
}

func TestUnknownFormat(t *testing.T) {
	_, err := export.Write(context.Background(), &bytes.Buffer{}, &pager{}, event.Filter{}, "xlsx", export.Options{})
	if err == nil || !strings.Contains(err.Error(), "acled-csv") {
		t.Errorf("Write(xlsx) error = %v; want one naming the formats", err)
	}
}
