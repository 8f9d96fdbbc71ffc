package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "update golden files")

// drain reads every item of r, failing the test on a fatal error.
func drain(t *testing.T, r Reader) []Item {
	t.Helper()
	defer r.Close()
	var items []Item
	for {
		it, err := r.Next(context.Background())
		if errors.Is(err, io.EOF) {
			return items
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		items = append(items, it)
		if len(items) > 10000 {
			t.Fatal("reader does not end")
		}
	}
}

// open opens target with opt, failing the test on error.
func open(t *testing.T, target string, opt Options) Reader {
	t.Helper()
	r, err := Open(context.Background(), target, opt)
	if err != nil {
		t.Fatalf("Open(%q): %v", target, err)
	}
	return r
}

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeFile(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func ids(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Article.ID)
	}
	return out
}
