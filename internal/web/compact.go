package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/raqib/raqib/internal/event"
)

// listEvent is an event as a list or a map needs it: what it is, when,
// where, who, how many died, and the article title to show. The full event
// with its evidence comes from /api/v1/events/{id}; fields= adds more.
type listEvent struct {
	ID string `json:"id"`
	event.Card
	Article  listArticle `json:"article"`
	Incident string      `json:"incident,omitempty"` // SPEC §7
}

type listArticle struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
}

func compact(se *event.StoredEvent) listEvent {
	return listEvent{ID: se.ID, Card: event.CardOf(&se.Event), Article: listArticle{ID: se.Article.ID, Title: se.Article.Title}, Incident: se.Incident}
}

// hasCards says whether every event of a page holds its stored card
// (event.Filter.Cards; a store that keeps none gives Brief events).
func hasCards(evs []event.StoredEvent) bool {
	for i := range evs {
		if evs[i].Card == nil {
			return false
		}
	}
	return true
}

// fromCard fills the fields of se's event that its card holds from its
// stored card (a Cards page's event holds no other); an event without a
// card is left as it is.
func fromCard(se *event.StoredEvent) error {
	if se.Card == nil {
		return nil
	}
	var c event.Card
	if err := jsonv2.Unmarshal(se.Card, &c); err != nil {
		return fmt.Errorf("event %s: stored card: %w", se.ID, err)
	}
	se.SetCard(c)
	return nil
}

// writeCards writes a list page of events that hold their stored cards:
// the bytes writeJSON writes for their compact events (listEvent), each
// card's members copied as they are stored between the ID and the
// article, without decoding them into an event and encoding it again.
// The strings around them are encoded by encoding/json, as writeJSON's.
func writeCards(w http.ResponseWriter, p event.Page) {
	b := cardPages.Get().(*cardPage)
	defer cardPages.Put(b)
	b.out.Reset()
	b.out.WriteString(`{"events":[`)
	for i := range p.Events {
		se := &p.Events[i]
		c := se.Card
		if len(c) < 2 || c[0] != '{' || c[len(c)-1] != '}' {
			writeError(w, http.StatusInternalServerError, "event "+se.ID+": stored card is not a JSON object")
			return
		}
		if i > 0 {
			b.out.WriteByte(',')
		}
		b.out.WriteString(`{"id":`)
		b.str(se.ID)
		if len(c) > 2 {
			b.out.WriteByte(',')
			b.out.Write(c[1 : len(c)-1])
		}
		b.out.WriteString(`,"article":{"id":`)
		b.str(se.Article.ID)
		if se.Article.Title != "" {
			b.out.WriteString(`,"title":`)
			b.str(se.Article.Title)
		}
		b.out.WriteByte('}')
		if se.Incident != "" {
			b.out.WriteString(`,"incident":`)
			b.str(se.Incident)
		}
		b.out.WriteByte('}')
	}
	b.out.WriteByte(']')
	if p.Next != "" {
		b.out.WriteString(`,"next":`)
		b.str(p.Next)
	}
	b.out.WriteString("}\n")
	jsonHeader(w, http.StatusOK)
	_, _ = w.Write(b.out.Bytes())
}

// cardPage is writeCards' buffer and the encoder of its strings.
type cardPage struct {
	out     bytes.Buffer
	scratch bytes.Buffer
	enc     *json.Encoder
}

var cardPages = sync.Pool{New: func() any {
	b := &cardPage{}
	b.enc = json.NewEncoder(&b.scratch)
	b.enc.SetEscapeHTML(true)
	return b
}}

// str appends s as encoding/json encodes a string: as it is, quoted, when
// encoding/json would change none of its bytes (valid UTF-8 without
// control characters, quotes, backslashes, <, >, & or U+2028/U+2029, as
// IDs and most titles are), else through the encoder.
func (b *cardPage) str(s string) {
	if plainJSON(s) {
		b.out.WriteByte('"')
		b.out.WriteString(s)
		b.out.WriteByte('"')
		return
	}
	b.scratch.Reset()
	_ = b.enc.Encode(s) // a string always encodes
	b.out.Write(bytes.TrimSuffix(b.scratch.Bytes(), []byte("\n")))
}

// plainJSON says whether encoding/json, escaping HTML, writes s unchanged
// between its quotes.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size - 1
	}
	return true
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
