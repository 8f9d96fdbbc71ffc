package web

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/raqib/raqib/internal/event"
)

// listEvent is an event as a list or a map needs it: what it is, when,
// where, who, how many died, and the article title to show. The full event
// with its evidence comes from /api/v1/events/{id}; fields= adds more.
type listEvent struct {
	ID            string       `json:"id"`
	Doc           string       `json:"doc"`
	EventType     string       `json:"event_type"`
	Date          *string      `json:"date"`
	DatePrecision string       `json:"date_precision,omitempty"`
	Location      *listPlace   `json:"location"`
	Actor1        *event.Actor `json:"actor1"`
	Actor2        *event.Actor `json:"actor2"`
	Fatalities    *int         `json:"fatalities"`
	Claim         *event.Claim `json:"claim,omitempty"`
	Article       listArticle  `json:"article"`
	Incident      string       `json:"incident,omitempty"` // SPEC §7
}

type listPlace struct {
	Name         string  `json:"name"`
	Lat          float64 `json:"lat"`
	Lon          float64 `json:"lon"`
	Admin1       string  `json:"admin1,omitempty"`
	GeoPrecision int     `json:"geo_precision"`
}

type listArticle struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
}

func compact(se *event.StoredEvent) listEvent {
	le := listEvent{ID: se.ID, Doc: se.Doc, EventType: se.EventType, Date: se.Date, DatePrecision: se.DatePrecision,
		Actor1: se.Actor1, Actor2: se.Actor2, Fatalities: se.Fatalities, Article: listArticle{ID: se.Article.ID, Title: se.Article.Title}}
	if l := se.Location; l != nil {
		le.Location = &listPlace{Name: l.Name, Lat: l.Lat, Lon: l.Lon, Admin1: l.Admin1, GeoPrecision: l.GeoPrecision}
	}
	le.Claim = se.Claim
	le.Incident = se.Incident
	return le
}

// extraFields are the names fields= may ask for: the full event's
// top-level fields beyond the compact ones, or "all" for the full event.
var extraFields = []string{"all", "location", "quantities", "source", "background", "evidence", "acled", "sentence", "article"}

// parseFields reads fields=a,b: nil for the compact shape.
func parseFields(v string) ([]string, error) {
	if v == "" {
		return nil, nil
	}
	var out []string
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !slices.Contains(extraFields, f) {
			return nil, badf("fields: unknown field %q: want some of %s", clip(f), strings.Join(extraFields, ", "))
		}
		out = append(out, f)
	}
	return out, nil
}

// listItems shapes a page for the list endpoint.
func listItems(evs []event.StoredEvent, fields []string) ([]any, error) {
	out := make([]any, len(evs))
	for i := range evs {
		switch {
		case len(fields) == 0:
			out[i] = compact(&evs[i])
		case slices.Contains(fields, "all"):
			out[i] = &evs[i]
		default:
			// the compact event with the asked fields of the full one
			full, err := json.Marshal(&evs[i])
			if err != nil {
				return nil, err
			}
			var fm map[string]json.RawMessage
			if err := json.Unmarshal(full, &fm); err != nil {
				return nil, err
			}
			cb, err := json.Marshal(compact(&evs[i]))
			if err != nil {
				return nil, err
			}
			var m map[string]json.RawMessage
			if err := json.Unmarshal(cb, &m); err != nil {
				return nil, err
			}
			for _, f := range fields {
				if v, ok := fm[f]; ok {
					m[f] = v
				}
			}
			out[i] = m
		}
	}
	return out, nil
}
