package export

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/raqib/raqib/internal/event"
)

// ploverEncoder writes PLOVER-style JSON lines (PLOVER manual 0.7b1): the
// category, mode and context from data/plover.tsv, the actor and recipient
// as PLOVER actor objects (a country or IGO/IMG code, a sector and the
// text as written), the event location with GeoNames-style names, and
// text_info pointing at the evidence by byte offsets into the article text.
// Event types without a PLOVER category are skipped.
type ploverEncoder struct {
	enc *json.Encoder
	t   *Tables
}

func newPLOVER(w io.Writer, t *Tables) *ploverEncoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &ploverEncoder{enc: enc, t: t}
}

// PloverEvent is one PLOVER record.
type PloverEvent struct {
	ID        string         `json:"id"`
	EventDate string         `json:"event_date"`
	EventType string         `json:"event_type"`
	Mode      string         `json:"mode,omitempty"`
	Context   []string       `json:"context,omitempty"`
	Actor     []PloverActor  `json:"actor"`
	Recipient []PloverActor  `json:"recipient"`
	EventLoc  *PloverLoc     `json:"event_loc"`
	Dead      *int           `json:"dead,omitempty"`
	TextInfo  PloverTextInfo `json:"text_info"`
	CiteInfo  PloverCite     `json:"cite_info"`
	Raqib     string         `json:"raqib_event_type"`
}

// PloverActor is a PLOVER actor object.
type PloverActor struct {
	Code      string `json:"code"`
	Sector    string `json:"sector,omitempty"`
	ActorText string `json:"actor_text"`
	RaqibCode string `json:"raqib_code"`
}

// PloverLoc is a PLOVER location object.
type PloverLoc struct {
	Name        string  `json:"name"`
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	Admin1      string  `json:"admin1,omitempty"`
	Admin2      string  `json:"admin2,omitempty"`
	Admin3      string  `json:"admin3,omitempty"`
	CC3         string  `json:"cc3,omitempty"`
	Precision   int     `json:"geo_precision"`
	GazetteerID string  `json:"gazetteer_id,omitempty"`
}

// PloverTextInfo points at the evidence: Start and End of the first span and
// every span, byte offsets into the article text.
type PloverTextInfo struct {
	Start    int          `json:"start"`
	End      int          `json:"end"`
	Text     string       `json:"text"`
	Evidence []event.Span `json:"evidence"`
}

// PloverCite is a PLOVER citation object.
type PloverCite struct {
	Corpus      string `json:"corpus"`
	Citation    string `json:"citation"`
	URL         string `json:"url,omitempty"`
	Title       string `json:"title,omitempty"`
	Language    string `json:"language"`
	Publication string `json:"publication,omitempty"`
	Coder       string `json:"coder"`
}

func (p *ploverEncoder) begin() error { return nil }
func (p *ploverEncoder) end() error   { return nil }

func (p *ploverEncoder) write(e *event.StoredEvent) (string, error) {
	m, ok := p.t.Plover[e.EventType]
	if !ok || m.Event == "" {
		return skipNoPlover, nil
	}
	date := eventDate(e)
	rec := PloverEvent{
		ID: e.ID, EventDate: date, EventType: m.Event, Mode: m.Mode,
		Actor: p.actors(e.Actor1, date, e.Location), Recipient: p.actors(e.Actor2, date, e.Location),
		Dead: e.Fatalities, Raqib: e.EventType,
		CiteInfo: PloverCite{Corpus: "raqib", Citation: e.Article.ID, URL: e.Article.URL, Title: e.Article.Title,
			Language: "ar", Publication: e.Article.Outlet, Coder: "raqib"},
	}
	if m.Context != "" {
		rec.Context = []string{m.Context}
	}
	if e.Background {
		rec.Context = append(rec.Context, "historical")
	}
	if l := e.Location; l != nil {
		rec.EventLoc = &PloverLoc{Name: l.Name, Lat: l.Lat, Lon: l.Lon, Admin1: l.Admin1, Admin2: l.Admin2, Admin3: l.Admin3,
			CC3: l.Country, Precision: l.GeoPrecision, GazetteerID: l.GazetteerID}
	}
	rec.TextInfo.Evidence = e.Evidence
	if rec.TextInfo.Evidence == nil {
		rec.TextInfo.Evidence = []event.Span{}
	}
	if len(e.Evidence) > 0 {
		rec.TextInfo.Start, rec.TextInfo.End, rec.TextInfo.Text = e.Evidence[0].Start, e.Evidence[0].End, e.Evidence[0].Text
	}
	return "", p.enc.Encode(&rec)
}

func (p *ploverEncoder) actors(a *event.Actor, date string, l *event.Location) []PloverActor {
	if a == nil || a.Code == "" {
		return []PloverActor{}
	}
	m := p.t.ActorFor(a.Code, date)
	code, sector := m.PloverCode, m.PloverSector
	switch {
	case code != "":
	case m.PloverSector != "" && l != nil && l.Country != "":
		code = l.Country // unidentified gunmen, civilians: of the country the event is in
	default:
		code = strings.ReplaceAll(a.Code, ".", "") // a bare group acronym
	}
	return []PloverActor{{Code: code, Sector: sector, ActorText: a.Text, RaqibCode: a.Code}}
}
