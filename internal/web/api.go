package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/raqib/raqib/internal/event"
)

// badRequest is an error in the caller's query: it becomes a 400.
type badRequest struct{ msg string }

func (e badRequest) Error() string { return e.msg }

func badf(format string, args ...any) error { return badRequest{fmt.Sprintf(format, args...)} }

// apiError is the body of every error response.
type apiError struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	jsonHeader(w, code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// jsonHeader starts an answer of JSON that no cache keeps.
func jsonHeader(w http.ResponseWriter, code int) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, apiError{Error: msg})
}

// fail answers with the status an error calls for.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var br badRequest
	var fe *event.FilterError
	switch {
	case errors.As(err, &br):
		writeError(w, http.StatusBadRequest, br.msg)
	case errors.As(err, &fe):
		writeError(w, http.StatusBadRequest, fe.Error())
	case errors.Is(err, event.ErrBadCursor):
		writeError(w, http.StatusBadRequest, "bad cursor")
	case errors.Is(err, event.ErrNotFound):
		writeError(w, http.StatusNotFound, "not found")
	case errors.Is(err, context.Canceled):
		// the client went away; nobody reads the answer
		w.WriteHeader(499)
	default:
		s.log.Error("request failed", "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error")
	}
}

const isoDate = "2006-01-02"

// list reads a parameter that may repeat and may hold comma-separated values.
func list(q url.Values, key string) []string {
	var out []string
	for _, v := range q[key] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

func floats(s string, n int, name string) ([]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != n {
		return nil, badf("%s: want %d comma-separated numbers", name, n)
	}
	out := make([]float64, n)
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, badf("%s: %q is not a number", name, clip(p))
		}
		out[i] = f
	}
	return out, nil
}

// filterParams are the query parameters parseFilter reads.
var filterParams = []string{"q", "from", "to", "type", "actor", "admin1", "claim", "bbox", "near", "km", "doc", "limit", "cursor"}

func init() { filterParams = append(filterParams, deskParams...) } // desk.go

// listParams may repeat (and hold comma-separated values); every other
// parameter may be given once.
var listParams = map[string]bool{"type": true, "actor": true}

// checkParams refuses a query with a parameter the route does not read, a
// single-valued parameter given twice, or a value no store could look up
// (a NUL byte, invalid UTF-8, too long): an unknown parameter is a caller's
// mistake (a misspelt filter would silently select everything), and an
// answer must depend only on what the route reads.
func checkParams(q url.Values, allowed ...string) error {
	for k, vs := range q {
		if !slices.Contains(allowed, k) {
			if len(allowed) == 0 {
				return badf("unknown parameter %q: this route takes none", clip(k))
			}
			return badf("unknown parameter %q: want one of %s", clip(k), strings.Join(allowed, ", "))
		}
		if len(vs) > 1 && !listParams[k] {
			return badf("%s: given %d times, want once", k, len(vs))
		}
		for _, v := range vs {
			max := event.MaxFilterValue
			if k == "q" {
				max = event.MaxFilterText
			}
			if listParams[k] {
				max = event.MaxFilterValues * (event.MaxFilterValue + 1)
			}
			if err := event.CheckValue(v, max); err != nil {
				return badf("%s: %v", k, err)
			}
		}
	}
	return nil
}

// clip shortens a caller's string for an error message.
func clip(s string) string {
	if len(s) <= 64 {
		return strings.ToValidUTF8(s, "?")
	}
	return strings.ToValidUTF8(s[:64], "?") + "…"
}

// parseFilter reads an event filter from a query string (see openapi.json)
// and checks it with event.Filter.Validate, the validator raqib search and
// export use; extra names the route's own parameters beside the filter's.
func parseFilter(q url.Values, extra ...string) (event.Filter, error) {
	if err := checkParams(q, append(slices.Clip(filterParams), extra...)...); err != nil {
		return event.Filter{}, err
	}
	f := event.Filter{
		Text:        q.Get("q"),
		From:        q.Get("from"),
		To:          q.Get("to"),
		Types:       list(q, "type"),
		Actors:      list(q, "actor"),
		Admin1:      q.Get("admin1"),
		ClaimStatus: q.Get("claim"),
		Doc:         q.Get("doc"),
		Cursor:      q.Get("cursor"),
	}
	if v := q.Get("bbox"); v != "" {
		b, err := floats(v, 4, "bbox")
		if err != nil {
			return f, err
		}
		// GeoJSON order: west, south, east, north
		f.BBox = &event.BBox{MinLon: b[0], MinLat: b[1], MaxLon: b[2], MaxLat: b[3]}
	}
	if k := q.Get("km"); k != "" && q.Get("near") == "" {
		return f, badf("km: only with near")
	}
	if v := q.Get("near"); v != "" {
		p, err := floats(v, 2, "near")
		if err != nil {
			return f, err
		}
		km := float64(event.DefaultNearKm)
		if k := q.Get("km"); k != "" {
			if km, err = strconv.ParseFloat(k, 64); err != nil {
				return f, badf("km: want a positive distance in kilometres, got %q", clip(k))
			}
		}
		f.Near = &event.Near{Lat: p[0], Lon: p[1], Km: km}
	}
	if err := parseDeskFilter(q, &f); err != nil { // desk.go: country, min_fatalities, background
		return f, err
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return f, badf("limit: want a positive integer, got %q", clip(v))
		}
		f.Limit = n
	}
	f.Normalize()
	if err := f.Validate(); err != nil {
		return f, err
	}
	return f, nil
}

// maxArticleID bounds an article path id: article keys are canonical URLs,
// which may be long.
const maxArticleID = 4096

// cmpErr is the first error that is not nil.
func cmpErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkID refuses a path id no store could hold.
func checkID(id string, max int) error {
	if err := event.CheckValue(id, max); err != nil {
		return badf("id: %v", err)
	}
	return nil
}

// listPage is the JSON of a page of the list endpoints: compact events
// (see listEvent), or what fields= asked for.
type listPage struct {
	Events []any  `json:"events"`
	Next   string `json:"next,omitempty"`
}

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query(), "fields")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeEvents(w, r, f)
}

func (s *Server) writeEvents(w http.ResponseWriter, r *http.Request, f event.Filter) {
	fields, err := parseFields(r.URL.Query().Get("fields"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f.Brief = len(fields) == 0 // the compact event is what a Brief page holds
	f.Cards = f.Brief
	p, err := s.q.Events(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if f.Cards && hasCards(p.Events) {
		writeCards(w, p)
		return
	}
	items, err := listItems(p.Events, fields)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, listPage{Events: items, Next: p.Next})
}

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query(), "fields")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if f.Text == "" {
		writeError(w, http.StatusBadRequest, "q: a search needs words")
		return
	}
	s.writeEvents(w, r, f)
}

// segment is a run of article text, marked when it is evidence.
type segment struct {
	Text string `json:"text"`
	Mark bool   `json:"mark,omitempty"`
}

// eventDetail is one event with what its page shows.
type eventDetail struct {
	event.StoredEvent
	// EvidenceValid says every evidence span is exactly text[start:end].
	EvidenceValid bool `json:"evidence_valid"`
	// Context is the text around the evidence, cut at sentence or line ends.
	Context *event.Span `json:"context"`
	// Segments is the whole article text cut into runs, the evidence runs
	// marked, so a client highlights without converting byte offsets.
	Segments []segment `json:"segments"`
}

func (s *Server) handleEvent(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := cmpErr(checkParams(r.URL.Query()), checkID(id, event.MaxFilterValue)); err != nil {
		s.fail(w, r, err)
		return
	}
	se, err := s.q.Event(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := eventDetail{StoredEvent: se, Segments: []segment{}}
	a, err := s.store.Article(r.Context(), se.Article.Key)
	switch {
	case errors.Is(err, event.ErrNotFound):
	case err != nil:
		s.fail(w, r, err)
		return
	default:
		d.EvidenceValid = validSpans(a.Text, se.Evidence)
		if d.EvidenceValid {
			d.Segments = segments(a.Text, se.Evidence)
			d.Context = surrounding(a.Text, se.Evidence, 400)
		} else {
			d.Segments = []segment{{Text: a.Text}}
		}
	}
	writeJSON(w, http.StatusOK, d)
}

func validSpans(text string, spans []event.Span) bool {
	for _, sp := range spans {
		if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End || text[sp.Start:sp.End] != sp.Text {
			return false
		}
	}
	return len(spans) > 0
}

// segments cuts text into unmarked and marked runs; overlapping spans merge.
func segments(text string, spans []event.Span) []segment {
	sp := append([]event.Span(nil), spans...)
	sort.Slice(sp, func(i, j int) bool { return sp[i].Start < sp[j].Start })
	var out []segment
	pos := 0
	for i := 0; i < len(sp); i++ {
		start, end := sp[i].Start, sp[i].End
		for i+1 < len(sp) && sp[i+1].Start <= end {
			i++
			end = max(end, sp[i].End)
		}
		start = max(start, pos)
		if start > pos {
			out = append(out, segment{Text: text[pos:start]})
		}
		if end > start {
			out = append(out, segment{Text: text[start:end], Mark: true})
		}
		pos = max(pos, end)
	}
	if pos < len(text) {
		out = append(out, segment{Text: text[pos:]})
	}
	return out
}

// surrounding returns the text around the evidence: up to about pad bytes
// either side, cut back to a line or sentence end, never inside a rune.
func surrounding(text string, spans []event.Span, pad int) *event.Span {
	lo, hi := len(text), 0
	for _, sp := range spans {
		lo, hi = min(lo, sp.Start), max(hi, sp.End)
	}
	start := max(0, lo-pad)
	if i := strings.LastIndexAny(text[start:lo], "\n.!?؟"); i >= 0 {
		start += i + 1
	}
	for start < lo && !utf8.RuneStart(text[start]) {
		start++
	}
	end := min(len(text), hi+pad)
	if i := strings.IndexAny(text[hi:end], "\n.!?؟"); i >= 0 {
		end = hi + i + 1
	}
	for end > hi && end < len(text) && !utf8.RuneStart(text[end]) {
		end--
	}
	t := strings.TrimSpace(text[start:end])
	off := strings.Index(text[start:end], t)
	return &event.Span{Start: start + off, End: start + off + len(t), Text: t}
}

// statsJSON is the JSON of event.Stats.
type statsJSON struct {
	Events   int           `json:"events"`
	ByDay    []event.Count `json:"by_day"`
	ByType   []event.Count `json:"by_type"`
	ByActor  []event.Count `json:"by_actor"`
	ByAdmin1 []event.Count `json:"by_admin1"`
}

func nonNil(c []event.Count) []event.Count {
	if c == nil {
		return []event.Count{}
	}
	return c
}

func (s *Server) handleStats(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := s.q.Stats(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, statsJSON{Events: st.Events, ByDay: nonNil(st.ByDay), ByType: nonNil(st.ByType),
		ByActor: nonNil(st.ByActor), ByAdmin1: nonNil(st.ByAdmin1)})
}

// timeline is incidents per day stacked by type: Series[i].Counts[j] is
// the number of incidents (occurrences, however many reports tell them) of
// Series[i].Type on Days[j].
type timeline struct {
	Days   []string `json:"days"`
	Series []series `json:"series"`
}

type series struct {
	Type   string `json:"type"`
	Counts []int  `json:"counts"`
}

// maxFilledDays is the longest span whose empty days the timeline fills in.
const maxFilledDays = 1500

func (s *Server) handleTimeline(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f.Cursor = ""
	all, err := s.q.Stats(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// One pass: the store counts by day and type together.
	byType := map[string]map[string]int{}
	daySet := map[string]bool{}
	for _, c := range all.ByDayType {
		if len(c.Day) != len(isoDate) { // month- and year-dated events have no day
			continue
		}
		if byType[c.Type] == nil {
			byType[c.Type] = map[string]int{}
		}
		byType[c.Type][c.Day] = c.N
		daySet[c.Day] = true
	}
	tl := timeline{Days: fillDays(daySet), Series: []series{}}
	for _, c := range all.ByType {
		sr := series{Type: c.Key, Counts: make([]int, len(tl.Days))}
		for j, d := range tl.Days {
			sr.Counts[j] = byType[c.Key][d]
		}
		tl.Series = append(tl.Series, sr)
	}
	writeJSON(w, http.StatusOK, tl)
}

// fillDays returns the days in order, with the days between them when the
// span is short enough to draw every day.
func fillDays(set map[string]bool) []string {
	days := make([]string, 0, len(set))
	for d := range set {
		days = append(days, d)
	}
	sort.Strings(days)
	if len(days) < 2 {
		return days
	}
	first, err1 := time.Parse(isoDate, days[0])
	last, err2 := time.Parse(isoDate, days[len(days)-1])
	if err1 != nil || err2 != nil || last.Sub(first) > maxFilledDays*24*time.Hour {
		return days
	}
	var out []string
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		out = append(out, d.Format(isoDate))
	}
	return out
}

// Feature is a GeoJSON feature of one event.
type feature struct {
	Type       string         `json:"type"`
	ID         string         `json:"id"`
	Geometry   geometry       `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

type geometry struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

type featureCollection struct {
	Type     string    `json:"type"`
	Features []feature `json:"features"`
	// Next continues the listing when limit cut it short.
	Next string `json:"next,omitempty"`
}

// GeoJSON limits: a map draws at most this many events per request.
const (
	defaultGeoLimit = 5000
	maxGeoLimit     = 20000
)

func (s *Server) handleGeoJSON(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	want := defaultGeoLimit
	if f.Limit > 0 {
		want = min(f.Limit, maxGeoLimit)
	}
	fc := featureCollection{Type: "FeatureCollection", Features: []feature{}}
	f.Brief, f.Cards = true, true // a feature holds what a list shows
	got := 0
	for {
		f.Limit = min(event.MaxLimit, want-got)
		p, err := s.q.Events(r.Context(), f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, e := range p.Events {
			got++
			if err := fromCard(&e); err != nil {
				s.fail(w, r, err)
				return
			}
			if e.Location == nil {
				continue
			}
			fc.Features = append(fc.Features, toFeature(e))
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

func writeJSONKeepType(w http.ResponseWriter, v any) {
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(v)
}

func toFeature(e event.StoredEvent) feature {
	l := e.Location
	props := map[string]any{
		"event_type":    e.EventType,
		"place":         l.Name,
		"admin1":        l.Admin1,
		"geo_precision": l.GeoPrecision,
		"doc":           e.Doc,
		"title":         e.Article.Title,
	}
	if e.Date != nil {
		props["date"] = *e.Date
	}
	if e.Actor1 != nil {
		props["actor1"] = e.Actor1.Code
	}
	if e.Actor2 != nil {
		props["actor2"] = e.Actor2.Code
	}
	if e.Claim != nil {
		props["claim"] = e.Claim.Status
	}
	return feature{Type: "Feature", ID: e.ID, Geometry: geometry{Type: "Point", Coordinates: [2]float64{l.Lon, l.Lat}}, Properties: props}
}

func (s *Server) handleTypes(w http.ResponseWriter, r *http.Request) {
	if err := checkParams(r.URL.Query()); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, typeLabels)
}

// articlesPage is the JSON of a page of articles.
type articlesPage struct {
	Articles []event.StoredArticle `json:"articles"`
	Next     string                `json:"next,omitempty"`
}

func (s *Server) handleArticles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if err := checkParams(q, "outlet", "limit", "cursor"); err != nil {
		s.fail(w, r, err)
		return
	}
	af := event.ArticleFilter{Outlet: q.Get("outlet"), Cursor: q.Get("cursor")}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			s.fail(w, r, badf("limit: want a positive integer, got %q", v))
			return
		}
		af.Limit = n
	}
	p, err := s.store.Articles(r.Context(), af)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Articles == nil {
		p.Articles = []event.StoredArticle{}
	}
	writeJSON(w, http.StatusOK, articlesPage{Articles: p.Articles, Next: p.Next})
}

func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := cmpErr(checkParams(r.URL.Query()), checkID(id, maxArticleID)); err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.store.Article(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}
