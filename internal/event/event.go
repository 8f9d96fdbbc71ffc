// Package event holds raqib's domain types: the article that comes in, the
// event that goes out (SPEC §2), and the interfaces the adapters implement.
// It depends on the standard library only.
package event

import "time"

// Article is one news text (SPEC §1). Text is kept exactly as received:
// every Span in an Event is a byte range into it.
type Article struct {
	ID        string `json:"id"`
	Published string `json:"published,omitempty"` // ISO date, YYYY-MM-DD
	Outlet    string `json:"outlet,omitempty"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Author    string `json:"author,omitempty"`
	Lang      string `json:"lang,omitempty"`
	Text      string `json:"text"`
}

// PublishedTime parses Published; ok is false when it is absent or malformed.
func (a *Article) PublishedTime() (t time.Time, ok bool) {
	if len(a.Published) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", a.Published[:10])
	return t, err == nil
}

// Event is one extracted event, as written to JSONL (SPEC §2).
type Event struct {
	ID            string      `json:"id,omitempty"`
	Doc           string      `json:"doc"`
	EventType     string      `json:"event_type"`
	Location      *Location   `json:"location"`
	Date          *string     `json:"date"`
	DatePrecision string      `json:"date_precision,omitempty"`
	Actor1        *Actor      `json:"actor1"`
	Actor2        *Actor      `json:"actor2"`
	Fatalities    *int        `json:"fatalities"`
	Quantities    []Quantity  `json:"quantities,omitempty"`
	Source        *Source     `json:"source,omitempty"`
	Claim         *Claim      `json:"claim,omitempty"`
	Background    bool        `json:"background,omitempty"`
	Evidence      []Span      `json:"evidence"`
	ACLED         *ACLEDClass `json:"acled,omitempty"`
	// Incident is the cross-article incident of a stored event (SPEC §7);
	// stores set it, extraction leaves it empty.
	Incident string `json:"incident,omitempty"`
}

// Location is where an event happened.
type Location struct {
	Name         string  `json:"name"`
	Lat          float64 `json:"lat"`
	Lon          float64 `json:"lon"`
	Admin1       string  `json:"admin1,omitempty"`
	Admin2       string  `json:"admin2,omitempty"`
	Admin3       string  `json:"admin3,omitempty"`
	Country      string  `json:"country,omitempty"` // ISO 3166 alpha-3
	GeoPrecision int     `json:"geo_precision"`     // 1 exact, 2 near / part of a district, 3 region or province
	GazetteerID  string  `json:"gazetteer_id,omitempty"`
}

// Actor is a party to an event: a SPEC §4 code and the words it was read from.
type Actor struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// Quantity is a counted thing: 11 air strikes, 2 drones.
type Quantity struct {
	Value int    `json:"value"`
	Unit  string `json:"unit"`
}

// Source is who reported the event in the article.
type Source struct {
	Text string `json:"text"`
	Code string `json:"code,omitempty"`
}

// Claim statuses.
const (
	Reported = "reported"
	Claimed  = "claimed"
	Denied   = "denied"
	Alleged  = "alleged"
)

// Claim says how the article stands behind the event and on whose word.
type Claim struct {
	Status   string `json:"status"`
	By       string `json:"by,omitempty"`
	DeniedBy string `json:"denied_by,omitempty"`
}

// Span is a byte range of an article's text and the exact text it covers.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// ACLEDClass is the ACLED event type and sub-event type of an event.
type ACLEDClass struct {
	EventType    string `json:"event_type"`
	SubEventType string `json:"sub_event_type"`
}
