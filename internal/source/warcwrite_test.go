package source

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWARCWriterRoundTrip(t *testing.T) {
	pageHTML, err := os.ReadFile("testdata/page.html")
	if err != nil {
		t.Fatal(err)
	}
	date := time.Date(2021, 6, 11, 1, 0, 0, 0, time.UTC)
	for _, gz := range []bool{false, true} {
		name := map[bool]string{false: "crawl.warc", true: "crawl.warc.gz"}[gz]
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			w := NewWARCWriter(&b, gz)
			if err := w.WriteInfo(date, "software: raqib", "format: WARC File Format 1.0"); err != nil {
				t.Fatal(err)
			}
			const u1, u2 = "https://news.example.org/a/1", "https://news.example.org/logo.png"
			if err := w.WriteResponse(u1, date, "text/html; charset=utf-8", pageHTML); err != nil {
				t.Fatal(err)
			}
			if err := w.WriteResponse(u2, date, "image/png", []byte("\x89PNG\r\n\x1a\n")); err != nil {
				t.Fatal(err)
			}
			if err := w.WriteResponse("https://x.example/\r\nWARC-Type: evil", date, "text/html", nil); err == nil {
				t.Errorf("a URI with a line break was written")
			}
			var again bytes.Buffer
			w2 := NewWARCWriter(&again, gz)
			_ = w2.WriteInfo(date, "software: raqib", "format: WARC File Format 1.0")
			_ = w2.WriteResponse(u1, date, "text/html; charset=utf-8", pageHTML)
			_ = w2.WriteResponse(u2, date, "image/png", []byte("\x89PNG\r\n\x1a\n"))
			if !bytes.Equal(b.Bytes(), again.Bytes()) {
				t.Errorf("the same records gave different bytes")
			}
			path := filepath.Join(t.TempDir(), name)
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := Open(context.Background(), path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			var ids []string
			for {
				it, err := r.Next(context.Background())
				if err == io.EOF {
					break
				}
				if err != nil || it.Err != nil {
					t.Fatalf("read back: %v %v", err, it.Err)
				}
				ids = append(ids, it.Article.ID)
				if !strings.Contains(it.Article.Text, "كنصفرة") {
					t.Errorf("article text %q lacks the page's words", it.Article.Text)
				}
			}
			// the page names its canonical URL, which becomes the article's id
			if len(ids) != 1 || !strings.HasSuffix(ids[0], "/shelling-zawiya") {
				t.Errorf("read back %q; want the one HTML page (its canonical URL)", ids)
			}
		})
	}
}
