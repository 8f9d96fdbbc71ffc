package web

import (
	"testing"
)

// FuzzParseArticles: any body gives items and errors, never a panic; every
// item has a line number within the body, and one read without error an id.
func FuzzParseArticles(f *testing.F) {
	for _, s := range []string{
		`{"id": "a", "text": "قصف"}`, "{\"id\": 7, \"text\": \"x\"}\n\nnot json\n", `[{"id": "a", "text": "x"}, 5]`,
		"{\n \"id\": \"a\",\n \"text\": \"x\"\n}", `[`, "", "\n\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		items, _ := parseArticles(body)
		for _, it := range items {
			if it.line < 1 || it.line > len(body)+1 {
				t.Errorf("item line %d outside a body of %d bytes", it.line, len(body))
			}
			if it.err == nil && it.article.ID == "" {
				t.Errorf("item on line %d read without an id or an error", it.line)
			}
		}
	})
}
