package web

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/raqib/raqib/internal/event"
)

// FuzzParseFilter checks that any query string either gives a filter the
// stores accept (valid, normalised, no NUL) or a caller's error: never a
// panic, never an error of another kind (which the API would answer 500).
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{
		"", "q=قصف&from=2024-01-01&to=2024-02-01", "type=attack,armed_clash&actor=syr.gov&actor=CIV",
		"bbox=36,35,37,36", "near=35.6,36.5&km=5", "limit=1000&cursor=IjIwMjQtMDEtMDEiICJ4Ig",
		"actor=%00", "admin1=%c0%ae", "junk=1", "near=NaN,1", "bbox=-inf,0,0,0", "km=1e400&near=1,1", "from=2024-02-30",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return // the server answers 400 before parseFilter runs
		}
		flt, err := parseFilter(q)
		if err != nil {
			var br badRequest
			var fe *event.FilterError
			if !errors.As(err, &br) && !errors.As(err, &fe) {
				t.Fatalf("parseFilter(%q) = %T %v; want a caller's error", raw, err, err)
			}
			if !utf8.ValidString(err.Error()) {
				t.Fatalf("parseFilter(%q): error %q is not valid UTF-8", raw, err)
			}
			return
		}
		if err := flt.Validate(); err != nil {
			t.Fatalf("parseFilter(%q) accepted a filter Validate refuses: %v", raw, err)
		}
		again := flt
		again.Normalize()
		if queryKey(again) != queryKey(flt) {
			t.Fatalf("parseFilter(%q) returned a filter that is not normalised", raw)
		}
		for _, s := range append(append([]string{flt.Text, flt.Admin1, flt.Doc, flt.Cursor, flt.From, flt.To}, flt.Types...), flt.Actors...) {
			if strings.IndexByte(s, 0) >= 0 || !utf8.ValidString(s) {
				t.Fatalf("parseFilter(%q) let through %q", raw, s)
			}
		}
	})
}

// FuzzParseArticles checks that any body gives articles that are readable
// and an error list, never a panic, and that every input line is either an
// article or an error.
func FuzzParseArticles(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","text":"قصف"}`, "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\"}\n", `[{"id":"a","text":"x"},{"id":""}]`,
		"\xff\xfe", `{"id":"a","text":"x","published":"yesterday"}`, "[", "{\n\"id\": \"a\",\n\"text\": \"t\"\n}", "\x00",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		items, res := parseArticles(body)
		if res.Created == nil || res.Errors == nil {
			t.Fatalf("parseArticles(%q): nil lists in the result", body)
		}
		for _, it := range items {
			if strings.TrimSpace(it.article.ID) == "" || strings.TrimSpace(it.article.Text) == "" {
				t.Fatalf("parseArticles(%q) accepted an article without id or text: %+v", body, it.article)
			}
			if it.line < 1 {
				t.Fatalf("parseArticles(%q) gave line %d", body, it.line)
			}
		}
		for _, e := range res.Errors {
			if e.Error == "" || e.Line < 0 {
				t.Fatalf("parseArticles(%q) gave an empty error %+v", body, e)
			}
		}
	})
}
