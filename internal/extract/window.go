package extract

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/raqib/raqib/internal/dates"
	"github.com/raqib/raqib/internal/event"
)

// windowBytes bounds how much text one analysis holds at once. A news
// article is far shorter; a long one (a transcript, a scraped archive page,
// a hostile input) is read window by window, so that memory stays bounded
// by the window and time grows linearly with length.
const windowBytes = 48 << 10

// anchor is the date relative words count from, fixed once per article.
type anchor struct {
	t         time.Time
	ok        bool
	estimated bool // guessed from the text (SPEC §1): relative dates are less sure
}

// articleAnchor returns the publication date of a, else the date its URL
// carries, else a date estimated from the opening of its text (datelines,
// "اليوم الجمعة 12 نيسان").
func articleAnchor(a event.Article) anchor {
	if t, ok := a.PublishedTime(); ok {
		return anchor{t: t, ok: true}
	}
	if t, ok := dates.FromURL(a.URL); ok {
		return anchor{t: t, ok: true} // the date the outlet wrote in the article's address
	}
	head := a.Text
	if len(head) > windowBytes {
		head = head[:cut(head, windowBytes)]
	}
	if t, _, ok := dates.Estimate(head); ok {
		return anchor{t: t, ok: true, estimated: true}
	}
	return anchor{}
}

// windows splits text into consecutive byte ranges of at most about size
// bytes. Each ends at a line break in its second half where there is one,
// else at a sentence end, else at a space, else at a rune boundary, so that
// no sentence is cut unless a single one is longer than half a window.
func windows(text string, size int) [][2]int {
	var out [][2]int
	for start := 0; start < len(text); {
		end := len(text)
		if end-start > size {
			end = start + cut(text[start:], size)
		}
		out = append(out, [2]int{start, end})
		start = end
	}
	return out
}

// cut returns where to end a window over s of at most size bytes (size < len(s)).
func cut(s string, size int) int {
	w := s[:size]
	half := size / 2
	if i := strings.LastIndexByte(w, '\n'); i >= half {
		return i + 1
	}
	for _, stop := range []string{". ", ".", "؟", "!", "،", " "} {
		if i := strings.LastIndex(w, stop); i >= half {
			return i + len(stop)
		}
	}
	i := size
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	if i == 0 { // cannot happen on valid UTF-8 with size ≥ 4
		return size
	}
	return i
}

// extractWindows reads a long article window by window and joins the
// events: mentions of one event (type, place, day) in several windows become
// one event whose evidence cites them all.
func (x *Extractor) extractWindows(ctx context.Context, a event.Article, an anchor) ([]event.Event, error) {
	var out []*event.Event
	index := map[string]*event.Event{}
	any := false
	for _, w := range windows(a.Text, windowBytes) {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("extraction stopped at byte %d of %d: %w", w[0], len(a.Text), err)
		}
		sub := a
		sub.Text = a.Text[w[0]:w[1]]
		dc, err := x.analyzeText(sub, an)
		if err == errEmpty {
			continue // a window of punctuation or blank lines
		}
		if err != nil {
			return nil, err
		}
		any = true
		for _, e := range x.assemble(dc) {
			e := e
			for i := range e.Evidence {
				e.Evidence[i].Start += w[0]
				e.Evidence[i].End += w[0]
			}
			k := dedupKey(&e)
			if old, ok := index[k]; ok {
				merge(old, &e)
				continue
			}
			index[k] = &e
			out = append(out, &e)
		}
	}
	if !any {
		return nil, errEmpty
	}
	res := make([]event.Event, len(out))
	for i, e := range out {
		res[i] = *e
	}
	return x.vet(res), nil
}
