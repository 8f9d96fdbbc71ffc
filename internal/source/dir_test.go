package source

import (
	"fmt"
	"strings"
	"testing"
)

func TestDir(t *testing.T) {
	items := drain(t, open(t, "testdata/corpus", Options{}))
	want := []string{"a.txt", "c-1", "c-2", "b/deeper/d.htm"}
	if got := ids(items); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("ids %q; want %q (sorted, recursive, .md and hidden dirs skipped)", got, want)
	}
	for _, it := range items {
		t.Run(it.Article.ID, func(t *testing.T) {
			if it.Err != nil {
				t.Fatalf("%s: %v", it.Origin, it.Err)
			}
			if strings.Contains(it.Article.Text, "SCRIPT_MARKER") {
				t.Errorf("%s: script in text %q", it.Origin, it.Article.Text)
			}
			if strings.TrimSpace(it.Article.Text) == "" {
				t.Errorf("%s: empty text", it.Origin)
			}
		})
	}
	t.Run("a bad file is an item error and the walk goes on", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, dir, "1.txt", []byte("\x00\x01"))
		writeFile(t, dir, "2.xml", []byte("<rss><channel><item>"))
		writeFile(t, dir, "3.txt", []byte("نص سليم."))
		items := drain(t, open(t, dir, Options{}))
		if len(items) != 3 || items[0].Err == nil || items[1].Err == nil || items[2].Err != nil || items[2].Article.ID != "3.txt" {
			t.Fatalf("got %+v; want two errors then 3.txt", items)
		}
	})
}
