package export

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/raqib/raqib/internal/event"
)

// geojsonEncoder writes one GeoJSON FeatureCollection of Point features,
// streamed feature by feature. Properties are flat, so GIS tools show them
// as columns; evidence stays a list of spans. Events without a location
// are skipped.
type geojsonEncoder struct {
	w     io.Writer
	n     int
	buf   bytes.Buffer
	enc   *json.Encoder
	first bool
}

func newGeoJSON(w io.Writer) *geojsonEncoder {
	g := &geojsonEncoder{w: w, first: true}
	g.enc = json.NewEncoder(&g.buf)
	g.enc.SetEscapeHTML(false)
	return g
}

// NewFeature is the one GeoJSON feature of a stored event, for the export
// and the API alike; ok is false for an event without a location (GeoJSON
// has no feature without a geometry to give it).
func NewFeature(e *event.StoredEvent) (f Feature, ok bool) {
	l := e.Location
	if l == nil {
		return Feature{}, false
	}
	p := Properties{
		ID: e.ID, Doc: e.Doc, EventType: e.EventType, Date: eventDate(e), DatePrecision: e.DatePrecision,
		Location: l.Name, Admin1: l.Admin1, Admin2: l.Admin2, Admin3: l.Admin3, Country: l.Country,
		GeoPrecision: l.GeoPrecision, GazetteerID: l.GazetteerID, Fatalities: e.Fatalities,
		ClaimStatus: event.Reported, Background: e.Background, Sentence: e.Sentence, Evidence: e.Evidence,
		ArticleID: e.Article.ID, ArticleTitle: e.Article.Title, ArticleOutlet: e.Article.Outlet,
		ArticleURL: e.Article.URL, ArticlePublished: e.Article.Published,
	}
	if c := event.ACLED(e.EventType); c != nil {
		p.ACLEDEventType, p.ACLEDSubEventType = c.EventType, c.SubEventType
	}
	if e.Actor1 != nil {
		p.Actor1, p.Actor1Text = e.Actor1.Code, e.Actor1.Text
	}
	if e.Actor2 != nil {
		p.Actor2, p.Actor2Text = e.Actor2.Code, e.Actor2.Text
	}
	if e.Source != nil {
		p.Source, p.SourceCode = e.Source.Text, e.Source.Code
	}
	if c := e.Claim; c != nil && c.Status != "" {
		p.ClaimStatus, p.ClaimBy, p.ClaimDeniedBy = c.Status, c.By, c.DeniedBy
	}
	if p.Evidence == nil {
		p.Evidence = []event.Span{}
	}
	return Feature{Type: "Feature", ID: e.ID, Geometry: Geometry{Type: "Point", Coordinates: [2]float64{l.Lon, l.Lat}}, Properties: p}, true
}

// Feature is one GeoJSON feature as raqib writes it.
type Feature struct {
	Type       string     `json:"type"`
	ID         string     `json:"id"`
	Geometry   Geometry   `json:"geometry"`
	Properties Properties `json:"properties"`
}

// Geometry is a GeoJSON Point: [longitude, latitude].
type Geometry struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

// Properties are an event's fields, flattened.
type Properties struct {
	ID                string       `json:"id"`
	Doc               string       `json:"doc"`
	EventType         string       `json:"event_type"`
	ACLEDEventType    string       `json:"acled_event_type,omitempty"`
	ACLEDSubEventType string       `json:"acled_sub_event_type,omitempty"`
	Date              string       `json:"date,omitempty"`
	DatePrecision     string       `json:"date_precision,omitempty"`
	Actor1            string       `json:"actor1,omitempty"`
	Actor1Text        string       `json:"actor1_text,omitempty"`
	Actor2            string       `json:"actor2,omitempty"`
	Actor2Text        string       `json:"actor2_text,omitempty"`
	Location          string       `json:"location"`
	Admin1            string       `json:"admin1,omitempty"`
	Admin2            string       `json:"admin2,omitempty"`
	Admin3            string       `json:"admin3,omitempty"`
	Country           string       `json:"country,omitempty"`
	GeoPrecision      int          `json:"geo_precision"`
	GazetteerID       string       `json:"gazetteer_id,omitempty"`
	Fatalities        *int         `json:"fatalities"`
	Source            string       `json:"source,omitempty"`
	SourceCode        string       `json:"source_code,omitempty"`
	ClaimStatus       string       `json:"claim_status"`
	ClaimBy           string       `json:"claim_by,omitempty"`
	ClaimDeniedBy     string       `json:"claim_denied_by,omitempty"`
	Background        bool         `json:"background"`
	Sentence          string       `json:"sentence"`
	Evidence          []event.Span `json:"evidence"`
	ArticleID         string       `json:"article_id"`
	ArticleTitle      string       `json:"article_title,omitempty"`
	ArticleOutlet     string       `json:"article_outlet,omitempty"`
	ArticleURL        string       `json:"article_url,omitempty"`
	ArticlePublished  string       `json:"article_published,omitempty"`
}

func (g *geojsonEncoder) begin() error {
	_, err := io.WriteString(g.w, `{"type":"FeatureCollection","features":[`)
	return err
}

func (g *geojsonEncoder) end() error {
	_, err := io.WriteString(g.w, "\n]}\n")
	return err
}

func (g *geojsonEncoder) write(e *event.StoredEvent) (string, error) {
	f, ok := NewFeature(e)
	if !ok {
		return skipNoLocation, nil
	}
	g.buf.Reset()
	if g.first {
		g.buf.WriteString("\n")
	} else {
		g.buf.WriteString(",\n")
	}
	if err := g.enc.Encode(&f); err != nil {
		return "", err
	}
	b := bytes.TrimRight(g.buf.Bytes(), "\n")
	if _, err := g.w.Write(b); err != nil {
		return "", err
	}
	g.first = false
	g.n++
	return "", nil
}
