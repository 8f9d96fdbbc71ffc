package source

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		file    string
		content []byte
		wantErr error
	}{
		{"arabic text", "report-1.txt", []byte("سقطت قذائف على حي سكني.\n\nاقرأ أيضا: يبقى كما هو\n"), nil},
		{"byte-order mark dropped", "bom.txt", []byte("\xef\xbb\xbfنص بعلامة ترتيب البايت."), nil},
		{"binary", "binary.txt", []byte("PK\x03\x04\x00\x00\x00binary"), ErrBinary},
		{"invalid utf-8", "latin1.txt", []byte("caf\xe9 au lait"), ErrInvalidUTF8},
		{"empty", "empty.txt", []byte(" \n\n"), ErrEmptyInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, dir, tt.file, tt.content)
			items := drain(t, open(t, path, Options{}))
			if len(items) != 1 {
				t.Fatalf("got %d items; want 1", len(items))
			}
			it := items[0]
			if it.Article.ID != tt.file || it.Origin != path {
				t.Errorf("id %q origin %q; want %q %q", it.Article.ID, it.Origin, tt.file, path)
			}
			if !errors.Is(it.Err, tt.wantErr) {
				t.Fatalf("err %v; want %v", it.Err, tt.wantErr)
			}
			if tt.wantErr == nil {
				want := strings.TrimPrefix(string(tt.content), "\xef\xbb\xbf")
				if it.Article.Text != want {
					t.Errorf("text %q; want %q verbatim", it.Article.Text, want)
				}
			}
		})
	}
	t.Run("too large", func(t *testing.T) {
		path := writeFile(t, dir, "large.txt", []byte(strings.Repeat("نص ", 1000)))
		items := drain(t, open(t, path, Options{MaxFile: 100}))
		if len(items) != 1 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "larger than 100 bytes") {
			t.Errorf("got %+v; want a size error", items)
		}
	})
	t.Run("committed fixture", func(t *testing.T) {
		items := drain(t, open(t, "testdata/report.txt", Options{}))
		want, _ := os.ReadFile("testdata/report.txt")
		if len(items) != 1 || items[0].Article.Text != string(want) || items[0].Article.ID != "report.txt" {
			t.Errorf("got %+v", items)
		}
	})
}

func TestOpenErrors(t *testing.T) {
	tests := []struct{ name, target string }{
		{"missing file", "testdata/no-such-file.jsonl"},
		{"missing directory", "testdata/no-such-dir/"},
		{"malformed feed", ""},
	}
	dir := t.TempDir()
	tests[2].target = writeFile(t, dir, "bad.xml", []byte("<rss><channel><item><title>x"))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r, err := Open(t.Context(), tt.target, Options{}); err == nil {
				r.Close()
				t.Errorf("Open(%q) gave no error", tt.target)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head string
		want format
	}{
		{"warc", "WARC/1.0\r\nWARC-Type: warcinfo", formatWARC},
		{"jsonl", "\xef\xbb\xbf{\"id\":1}", formatJSONL},
		{"html doctype", "\n<!DOCTYPE html><html>", formatHTML},
		{"html bare", "<html lang=\"ar\">", formatHTML},
		{"rss", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", formatFeed},
		{"atom", "<feed xmlns=\"http://www.w3.org/2005/Atom\">", formatFeed},
		{"xhtml", "<?xml version=\"1.0\"?><!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\">", formatHTML},
		{"text", "نص عادي", formatText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sniff([]byte(tt.head)); got != tt.want {
				t.Errorf("sniff(%q) = %v; want %v", tt.head, got, tt.want)
			}
		})
	}
}
