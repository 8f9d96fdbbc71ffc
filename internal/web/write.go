package web

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/ingest"
	"github.com/raqib/raqib/internal/source"
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
	if len(items) == 0 && len(res.Errors) == 0 {
		res.Errors = append(res.Errors, lineError{Line: 0, Error: "no articles in the body"})
		writeJSON(w, http.StatusBadRequest, res)
		return
	}
	// Every line, readable or not, goes through the one ingest pipeline,
	// so that the API accepts and rejects what `raqib ingest` does and
	// keeps the same ingest_errors.
	origin := "api:" + r.RemoteAddr
	msgs := make([]ingest.Message, len(items))
	for i, it := range items {
		msgs[i] = ingest.Message{Article: it.article, Origin: fmt.Sprintf("%s line %d", origin, it.line), Err: it.err}
	}
	p := &ingest.Pipeline{Store: s.store, Extractor: ctxExtractor{s.x}, Workers: 1, ArticleTimeout: s.articleTimeout()}
	run := p.NewRun()
	results, err := run.Process(r.Context(), msgs)
	if err != nil {
		s.fail(w, r, fmt.Errorf("put: %w", err))
		return
	}
	if err := run.Finish(r.Context(), origin); err != nil {
		s.log.Warn("recording an ingest error summary", "err", err)
	}
	stored := false
	for i, pr := range results {
		line := items[i].line
		switch pr.Status {
		case ingest.New, ingest.Updated, ingest.Unchanged:
			stored = stored || pr.Status != ingest.Unchanged
			c := created{Line: line, ID: pr.ID, Key: pr.Key, Status: string(pr.Status), Events: []createdEvent{}}
			ids := event.EventIDs(pr.Key, pr.Events)
			for j, e := range pr.Events {
				c.Events = append(c.Events, createdEvent{ID: ids[j], EventType: e.EventType})
			}
			res.Created = append(res.Created, c)
			s.metrics.ingested.WithLabelValues(c.Status).Inc()
			s.metrics.events.Add(float64(len(pr.Events)))
		default:
			msg := "not stored"
			if pr.Err != nil {
				msg = pr.Err.Error()
			}
			res.Errors = append(res.Errors, lineError{Line: line, ID: pr.ID, Error: msg})
			s.metrics.ingested.WithLabelValues("error").Inc()
		}
	}
	if stored && s.cache != nil {
		s.cache.purge()
	}
	sort.SliceStable(res.Errors, func(i, j int) bool { return res.Errors[i].Line < res.Errors[j].Line })
	code := http.StatusOK
	if len(res.Created) == 0 {
		code = http.StatusBadRequest
	}
	writeJSON(w, code, res)
}

// ctxExtractor gives the pipeline the extractor under a context; an
// extractor without ExtractContext ignores it.
type ctxExtractor struct{ x Extractor }

func (c ctxExtractor) ExtractContext(ctx context.Context, a event.Article) ([]event.Event, error) {
	if x, ok := c.x.(ingest.Extractor); ok {
		return x.ExtractContext(ctx, a)
	}
	return c.x.Extract(a)
}

// articleTimeout is the time one posted article may take to extract, the
// same as raqib ingest's default.
func (s *Server) articleTimeout() time.Duration { return 10 * time.Second }

type item struct {
	line    int
	article event.Article
	err     error // the line could not be read as an article
}

// parseArticles reads the body as one JSON object, a JSON array of
// objects, or JSON lines, each read as raqib ingest reads a JSONL line
// (source.ParseArticle). It returns every article with its line number
// (1-based; for an array, the element number), an unreadable one with its
// error; a body that is not even a JSON array gives a result error.
func parseArticles(body []byte) ([]item, writeResult) {
	res := writeResult{Created: []created{}, Errors: []lineError{}}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var raw []json.RawMessage
		if err := json.Unmarshal(trimmed, &raw); err != nil {
			res.Errors = append(res.Errors, lineError{Line: 1, Error: "not a JSON array of articles: " + err.Error()})
			return nil, res
		}
		items := make([]item, 0, len(raw))
		for i, m := range raw {
			a, err := source.ParseArticle(m)
			items = append(items, item{i + 1, a, err})
		}
		return items, res
	}
	// A single object may be pretty-printed over many lines.
	if len(trimmed) > 0 && trimmed[0] == '{' && json.Valid(trimmed) {
		var compact bytes.Buffer
		if err := json.Compact(&compact, trimmed); err == nil {
			trimmed = compact.Bytes()
		}
		a, err := source.ParseArticle(trimmed)
		return []item{{1, a, err}}, res
	}
	var items []item
	for i, line := range bytes.Split(body, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		a, err := source.ParseArticle(line)
		items = append(items, item{i + 1, a, err})
	}
	return items, res
}
