package web

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/raqib/raqib/internal/event"
)

// created is one stored article in the write API's answer.
type created struct {
	Line   int            `json:"line"`
	ID     string         `json:"id"`
	Key    string         `json:"key"`
	Status string         `json:"status"` // new, updated or unchanged
	Events []createdEvent `json:"events"`
}

type createdEvent struct {
	ID        string `json:"id"`
	EventType string `json:"event_type"`
}

// lineError is one input line that was not stored.
type lineError struct {
	Line  int    `json:"line"`
	ID    string `json:"id,omitempty"`
	Error string `json:"error"`
}

type writeResult struct {
	Created []created   `json:"created"`
	Errors  []lineError `json:"errors"`
}

// authorized checks the bearer token in constant time.
func (s *Server) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	const prefix = "Bearer "
	if len(h) < len(prefix) || !strings.EqualFold(h[:len(prefix)], prefix) {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(h[len(prefix):])), []byte(s.token)) == 1
}

// handlePostArticles reads SPEC §1 articles — JSON lines, one JSON object
// or a JSON array — extracts their events and stores them in one batch.
// Bad lines are reported by number and the good ones still stored.
func (s *Server) handlePostArticles(w http.ResponseWriter, r *http.Request) {
	// Refusals come before a byte of the body is read, and close the
	// connection: otherwise net/http drains the unread body (up to 256 KiB)
	// before it sends the answer, and a slow sender holds it for as long as
	// it likes.
	if s.token == "" {
		w.Header().Set("Connection", "close")
		writeError(w, http.StatusForbidden, "the write API is off: start the server with RAQIB_TOKEN set")
		return
	}
	if !s.authorized(r) {
		w.Header().Set("Connection", "close")
		w.Header().Set("WWW-Authenticate", `Bearer realm="raqib"`)
		writeError(w, http.StatusUnauthorized, "a bearer token is required")
		return
	}
	// An authorised sender still gets a deadline for its body.
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(s.bodyTimeout)) // unsupported only by test recorders
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody))
	_ = rc.SetReadDeadline(time.Time{})
	var tooBig *http.MaxBytesError
	var netErr net.Error
	switch {
	case errors.As(err, &netErr) && netErr.Timeout():
		w.Header().Set("Connection", "close")
		writeError(w, http.StatusRequestTimeout, fmt.Sprintf("the body did not arrive within %s", s.bodyTimeout))
		return
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is larger than %d bytes", s.maxBody))
		return
	case err != nil:
		writeError(w, http.StatusBadRequest, "reading the body: "+err.Error())
		return
	}
	items, res := parseArticles(body)
	type pending struct {
		line int
		rec  event.Record
	}
	var batch []pending
	for _, it := range items {
		evs, err := s.x.Extract(it.article)
		if err != nil {
			res.Errors = append(res.Errors, lineError{Line: it.line, ID: it.article.ID, Error: "extract: " + err.Error()})
			continue
		}
		rec := event.Record{Article: it.article, Events: evs}
		rec.Normalize()
		batch = append(batch, pending{it.line, rec})
	}
	if len(batch) > 0 {
		recs := make([]event.Record, len(batch))
		for i, p := range batch {
			recs[i] = p.rec
		}
		results, err := s.store.Put(r.Context(), recs)
		if err != nil {
			s.fail(w, r, fmt.Errorf("put: %w", err))
			return
		}
		if s.cache != nil {
			s.cache.purge()
		}
		for i, pr := range results {
			p := batch[i]
			c := created{Line: p.line, ID: p.rec.Article.ID, Key: pr.Key, Status: string(pr.Status), Events: []createdEvent{}}
			ids := event.EventIDs(pr.Key, p.rec.Events)
			for j, e := range p.rec.Events {
				c.Events = append(c.Events, createdEvent{ID: ids[j], EventType: e.EventType})
			}
			res.Created = append(res.Created, c)
			s.metrics.ingested.WithLabelValues(c.Status).Inc()
			s.metrics.events.Add(float64(pr.Events))
		}
	}
	for _, le := range res.Errors {
		s.metrics.ingested.WithLabelValues("error").Inc()
		ie := event.IngestError{Origin: "api:" + r.RemoteAddr, ID: fmt.Sprintf("line %d", le.Line), Reason: le.Error, At: time.Now().UTC()}
		if le.ID != "" {
			ie.ID += " (" + le.ID + ")"
		}
		if err := s.store.RecordError(r.Context(), ie); err != nil {
			s.log.Warn("recording an ingest error", "err", err)
		}
	}
	code := http.StatusOK
	if len(res.Created) == 0 {
		code = http.StatusBadRequest
		if len(res.Errors) == 0 {
			res.Errors = append(res.Errors, lineError{Line: 0, Error: "no articles in the body"})
		}
	}
	writeJSON(w, code, res)
}

type item struct {
	line    int
	article event.Article
}

// parseArticles reads the body as one JSON object, a JSON array of
// objects, or JSON lines; it returns the readable articles with their line
// numbers (1-based; for an array, the element number) and a result holding
// an error for every unreadable one.
func parseArticles(body []byte) ([]item, writeResult) {
	res := writeResult{Created: []created{}, Errors: []lineError{}}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var raw []json.RawMessage
		if err := json.Unmarshal(trimmed, &raw); err != nil {
			res.Errors = append(res.Errors, lineError{Line: 1, Error: "not a JSON array of articles: " + err.Error()})
			return nil, res
		}
		var items []item
		for i, m := range raw {
			a, err := readArticle(m)
			if err != nil {
				res.Errors = append(res.Errors, lineError{Line: i + 1, ID: a.ID, Error: err.Error()})
				continue
			}
			items = append(items, item{i + 1, a})
		}
		return items, res
	}
	// A single object may be pretty-printed over many lines.
	if len(trimmed) > 0 && trimmed[0] == '{' && json.Valid(trimmed) {
		a, err := readArticle(trimmed)
		if err != nil {
			res.Errors = append(res.Errors, lineError{Line: 1, ID: a.ID, Error: err.Error()})
			return nil, res
		}
		return []item{{1, a}}, res
	}
	var items []item
	for i, line := range bytes.Split(body, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		a, err := readArticle(line)
		if err != nil {
			res.Errors = append(res.Errors, lineError{Line: i + 1, ID: a.ID, Error: err.Error()})
			continue
		}
		items = append(items, item{i + 1, a})
	}
	return items, res
}

func readArticle(b []byte) (event.Article, error) {
	var a event.Article
	if !utf8.Valid(b) {
		return a, errors.New("not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&a); err != nil {
		return event.Article{}, fmt.Errorf("not a JSON article: %w", err)
	}
	if dec.More() {
		return a, errors.New("trailing data after the JSON object")
	}
	switch {
	case strings.TrimSpace(a.ID) == "":
		return a, errors.New(`"id" is required`)
	case strings.TrimSpace(a.Text) == "":
		return a, errors.New(`"text" is required`)
	}
	if a.Published != "" {
		if _, ok := a.PublishedTime(); !ok {
			return a, fmt.Errorf(`"published" %q: want YYYY-MM-DD`, a.Published)
		}
	}
	return a, nil
}
