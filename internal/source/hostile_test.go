package source

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every format gives the same answer for an empty input: one item that
// could not be read (so every command exits 1, as for any unreadable item).
func TestEmptyInputsOneRule(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"e.jsonl", "e.warc.gz", "e.warc", "e.txt", "e.html", "e.xml", "blank.jsonl", "bom.txt", "e.gz"} {
		t.Run(name, func(t *testing.T) {
			var content []byte
			switch name {
			case "blank.jsonl":
				content = []byte("\n \n\t\n")
			case "bom.txt":
				content = []byte("\xef\xbb\xbf\n")
			case "e.warc.gz", "e.gz":
				content = gz(t, nil)
			}
			path := writeFile(t, dir, name, content)
			items := drain(t, open(t, path, Options{}))
			if len(items) != 1 || !errors.Is(items[0].Err, ErrEmptyInput) {
				t.Fatalf("items %+v; want one item with ErrEmptyInput", items)
			}
		})
	}
	t.Run("stdin", func(t *testing.T) {
		items := drain(t, open(t, "-", Options{Stdin: strings.NewReader("  \n")}))
		if len(items) != 1 || !errors.Is(items[0].Err, ErrEmptyInput) {
			t.Fatalf("items %+v; want one item with ErrEmptyInput", items)
		}
	})
	t.Run("directory without article files", func(t *testing.T) {
		d := t.TempDir()
		writeFile(t, d, "notes.md", []byte("# notes"))
		items := drain(t, open(t, d, Options{}))
		if len(items) != 1 || !errors.Is(items[0].Err, ErrEmptyInput) {
			t.Fatalf("items %+v; want one item with ErrEmptyInput", items)
		}
	})
}

func TestDirSymlinks(t *testing.T) {
	real := t.TempDir()
	writeFile(t, real, "a.txt", []byte("نص أول."))
	if err := os.MkdirAll(filepath.Join(real, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, real, "sub/b.txt", []byte("نص ثان."))
	other := t.TempDir()
	writeFile(t, other, "c.txt", []byte("نص ثالث."))
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, name); err != nil {
			t.Fatal(err)
		}
	}
	link(filepath.Join(other, "c.txt"), filepath.Join(real, "linked.txt")) // a file
	link(other, filepath.Join(real, "otherdir"))                           // a directory
	link(real, filepath.Join(real, "sub", "loop"))                         // back up: a loop
	link(filepath.Join(other, "gone.txt"), filepath.Join(real, "broken.txt"))
	top := filepath.Join(t.TempDir(), "linkdir")
	link(real, top) // the target itself a link to a directory

	items := drain(t, open(t, top, Options{}))
	var got, bad []string
	for _, it := range items {
		if it.Err != nil {
			bad = append(bad, it.Article.ID+": "+it.Err.Error())
			continue
		}
		got = append(got, it.Article.ID)
	}
	if want := "a.txt linked.txt otherdir/c.txt sub/b.txt"; strings.Join(got, " ") != want {
		t.Errorf("read %q; want %q", strings.Join(got, " "), want)
	}
	joined := strings.Join(bad, "\n")
	if len(bad) != 2 || !strings.Contains(joined, "broken.txt: broken symbolic link") || !strings.Contains(joined, "sub/loop: symbolic link loop") {
		t.Errorf("reported %q; want the broken link and the loop", bad)
	}
}

func TestHTMLTooComplex(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		page string
		want error
	}{
		{"too many attributes", "<html><body>" + manyAttributes(MaxHTMLAttributes+1) + "</body></html>", ErrPageTooComplex},
		{"too many elements", "<html><body>" + strings.Repeat("<i>", MaxHTMLElements+1) + "</body></html>", ErrPageTooComplex},
		{"an ordinary page", "<html><body><article><p>" + strings.Repeat("قصفت قوات النظام بلدة كنصفرة. ", 50) + "</p></article></body></html>", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, dir, "p.html", []byte(tt.page))
			items := drain(t, open(t, path, Options{}))
			if len(items) != 1 || !errors.Is(items[0].Err, tt.want) {
				t.Fatalf("items %+v; want one with error %v", items, tt.want)
			}
		})
	}
}

// manyAttributes writes elements of 100 distinct attributes each (the
// tokenizer drops repeated names), n attributes in all.
func manyAttributes(n int) string {
	var b strings.Builder
	for n > 0 {
		b.WriteString("<p")
		for i := 0; i < 100 && n > 0; i++ {
			fmt.Fprintf(&b, " a%d=x", i)
			n--
		}
		b.WriteString(">نص</p>")
	}
	return b.String()
}
