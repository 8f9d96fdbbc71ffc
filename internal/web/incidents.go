package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/raqib/raqib/internal/event"
)

// incidentParams are the query parameters the incident routes read beyond
// parseFilter's.
var incidentParams = []string{"disputed", "min_reports"}

// incidents returns the store's incident reader, or answers 501.
func (s *Server) incidents(w http.ResponseWriter) (event.IncidentReader, bool) {
	ir, ok := s.store.(event.IncidentReader)
	if !ok {
		writeError(w, http.StatusNotImplemented, "this store does not keep incidents")
	}
	return ir, ok
}

// parseIncidentFilter reads the event filter and disputed=true, min_reports=N.
func parseIncidentFilter(q url.Values) (event.IncidentFilter, error) {
	f, err := parseFilter(q, incidentParams...)
	if err != nil {
		return event.IncidentFilter{}, err
	}
	inf := event.IncidentFilter{Filter: f}
	switch v := q.Get("disputed"); v {
	case "", "false", "0":
	case "true", "1":
		inf.Disputed = true
	default:
		return inf, badf("disputed: want true or false, got %q", v)
	}
	if v := q.Get("min_reports"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return inf, badf("min_reports: want a non-negative integer, got %q", v)
		}
		inf.MinReports = n
	}
	return inf, nil
}

// incidentsPage is the JSON of a page of incidents. Their reports are
// listed by id, article and outlet; GET /api/v1/incidents/{id} gives them
// in full.
type incidentsPage struct {
	Incidents []event.Incident `json:"incidents"`
	Next      string           `json:"next,omitempty"`
}

func (s *Server) handleIncidents(w http.ResponseWriter, r *http.Request) {
	ir, ok := s.incidents(w)
	if !ok {
		return
	}
	f, err := parseIncidentFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := ir.Incidents(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Incidents == nil {
		p.Incidents = []event.Incident{}
	}
	writeJSON(w, http.StatusOK, incidentsPage{Incidents: p.Incidents, Next: p.Next})
}

// handleIncident answers with one incident and its reports in full. The id
// may also be an event's: the answer is then that event's incident.
func (s *Server) handleIncident(w http.ResponseWriter, r *http.Request) {
	ir, ok := s.incidents(w)
	if !ok {
		return
	}
	id := r.PathValue("id")
	inc, err := ir.Incident(r.Context(), id)
	if errors.Is(err, event.ErrNotFound) && !strings.HasPrefix(id, "i-") {
		var se event.StoredEvent
		if se, err = s.store.Event(r.Context(), id); err == nil {
			inc, err = ir.Incident(r.Context(), se.Incident)
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, inc)
}

// handleIncidentsGeoJSON answers with one point per incident, at its most
// precise agreed place, with its number of reports: the map's markers.
func (s *Server) handleIncidentsGeoJSON(w http.ResponseWriter, r *http.Request) {
	ir, ok := s.incidents(w)
	if !ok {
		return
	}
	f, err := parseIncidentFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	want := defaultGeoLimit
	if f.Limit > 0 {
		want = min(f.Limit, maxGeoLimit)
	}
	fc := featureCollection{Type: "FeatureCollection", Features: []feature{}}
	got := 0
	for {
		f.Limit = min(event.MaxLimit, want-got)
		p, err := ir.Incidents(r.Context(), f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for i := range p.Incidents {
			got++
			if inc := &p.Incidents[i]; inc.Location != nil {
				fc.Features = append(fc.Features, incidentFeature(inc))
			}
		}
		fc.Next = p.Next
		if p.Next == "" || got >= want {
			break
		}
		f.Cursor = p.Next
	}
	w.Header().Set("Content-Type", "application/geo+json")
	writeJSONKeepType(w, fc)
}

func incidentFeature(inc *event.Incident) feature {
	l := inc.Location
	props := map[string]any{
		"incident":      inc.ID,
		"event_type":    inc.EventType,
		"place":         l.Name,
		"admin1":        l.Admin1,
		"geo_precision": l.GeoPrecision,
		"date":          inc.DateLo,
		"date_hi":       inc.DateHi,
		"reports":       len(inc.Reports),
		"articles":      inc.Articles,
		"disputed":      inc.Disputed,
	}
	for _, a := range inc.Actors {
		if _, ok := props[a.Role]; !ok {
			props[a.Role] = a.Code
		}
	}
	if len(inc.Reports) > 0 {
		props["first_report"] = inc.Reports[0].ID
	}
	return feature{Type: "Feature", ID: inc.ID, Geometry: geometry{Type: "Point", Coordinates: [2]float64{l.Lon, l.Lat}}, Properties: props}
}
