package source

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseArticle: any bytes give an article or an error, never a panic;
// an article read without error has an id and a text, both valid UTF-8.
func FuzzParseArticle(f *testing.F) {
	for _, s := range []string{
		`{"id": "a", "text": "قصف"}`, `{"id": 7, "text": "x"}`, `{"id": {"a":1}, "text": "x"}`,
		`{"id": "a", "text": 5}`, `[1,2]`, `{"id": "a", "text": "\u0000"}`, "{\"id\": \"a\", \"text\": \"\xff\"}", ``, `null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ParseArticle(b)
		if err != nil {
			return
		}
		if strings.TrimSpace(a.ID) == "" || strings.TrimSpace(a.Text) == "" {
			t.Errorf("ParseArticle(%q) = %+v without error; want an id and a text", b, a)
		}
		if !utf8.ValidString(a.Text) || !utf8.ValidString(a.ID) {
			t.Errorf("ParseArticle(%q) gave invalid UTF-8 without error", b)
		}
	})
}
