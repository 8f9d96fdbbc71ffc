package source

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestJSONL(t *testing.T) {
	want := []struct {
		id, published, title string
		textHas              string
	}{
		{"t-001", "2022-03-14", "اشتباكات على محور الفوج 46", "الفوج 46 غربي حلب"},
		{"1002", "", "", "إسقاط طائرتين مسيرتين"},
		{"t-003", "", "مظاهرة في السويداء", "الجمعة\tمطالبين"},
	}
	items := drain(t, open(t, "testdata/articles.jsonl", Options{}))
	if len(items) != len(want) {
		t.Fatalf("got %d items; want %d", len(items), len(want))
	}
	for i, w := range want {
		t.Run(w.id, func(t *testing.T) {
			it := items[i]
			a := it.Article
			if it.Err != nil {
				t.Fatalf("item %d: %v", i, it.Err)
			}
			if a.ID != w.id || a.Published != w.published || a.Title != w.title || !strings.Contains(a.Text, w.textHas) {
				t.Errorf("item %d = %+v; want id %q published %q title %q text with %q", i, a, w.id, w.published, w.title, w.textHas)
			}
		})
	}
	t.Run("text kept verbatim", func(t *testing.T) {
		if got := items[2].Article.Text; !strings.Contains(got, "المعيشية.\r\nولم") {
			t.Errorf("text %q lost its CRLF", got)
		}
	})
	t.Run("origin names the line", func(t *testing.T) {
		for i, want := range []string{"testdata/articles.jsonl:1", "testdata/articles.jsonl:2", "testdata/articles.jsonl:4"} {
			if items[i].Origin != want {
				t.Errorf("item %d origin %q; want %q", i, items[i].Origin, want)
			}
		}
	})
}

// TestJSONLBad reads testdata/*.bad.jsonl and compares every item, good or
// bad, with the golden file beside it (-update rewrites them).
func TestJSONLBad(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.bad.jsonl")
	if len(files) == 0 {
		t.Fatal("no testdata/*.bad.jsonl")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			var b strings.Builder
			errs := 0
			for _, it := range drain(t, open(t, f, Options{})) {
				if it.Err != nil {
					errs++
					fmt.Fprintf(&b, "error\t%s\t%v\n", it.Origin, it.Err)
				} else {
					fmt.Fprintf(&b, "ok\t%s\t%s\n", it.Origin, it.Article.ID)
				}
			}
			if errs == 0 {
				t.Errorf("%s gave no item errors", f)
			}
			golden := f + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if b.String() != string(want) {
				t.Errorf("items of %s:\n%s\nwant:\n%s", f, b.String(), want)
			}
		})
	}
}

// TestJSONLRaw reads every JSONL file of testdata raw (Options.Raw): each
// item holds its line and no article until Parse, which gives the same
// article and error as reading it parsed.
func TestJSONLRaw(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.jsonl")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			parsed := drain(t, open(t, f, Options{}))
			raw := drain(t, open(t, f, Options{Raw: true}))
			if len(raw) != len(parsed) {
				t.Fatalf("read raw: %d items; want %d", len(raw), len(parsed))
			}
			for i := range raw {
				it := raw[i]
				if it.Err == nil && (it.Raw == nil || it.Article.ID != "" || it.Article.Text != "") {
					t.Fatalf("raw item %d (%s) = %+v; want its line and no article before Parse", i, it.Origin, it)
				}
				it.Parse()
				want := parsed[i]
				if it.Origin != want.Origin || it.Article != want.Article || fmt.Sprint(it.Err) != fmt.Sprint(want.Err) || it.Raw != nil {
					t.Errorf("raw item %d parsed = %q %+v %v; want %q %+v %v", i, it.Origin, it.Article, it.Err, want.Origin, want.Article, want.Err)
				}
			}
		})
	}
}

func TestParseLine(t *testing.T) {
	tests := []struct {
		name    string
		line    string
		wantID  string
		wantErr error  // checked with errors.Is when set
		errHas  string // else a substring of the error, "" for none
	}{
		{"good", `{"id":"a","text":"نص"}`, "a", nil, ""},
		{"numeric id", `{"id":17,"text":"نص"}`, "17", nil, ""},
		{"id trimmed", `{"id":"  a ","text":"نص"}`, "a", nil, ""},
		{"escaped text", `{"id":"a","text":"\u0646\u0635\n"}`, "a", nil, ""},
		{"missing id", `{"text":"نص"}`, "", ErrMissingID, ""},
		{"null id", `{"id":null,"text":"نص"}`, "", ErrMissingID, ""},
		{"missing text", `{"id":"a"}`, "a", ErrMissingText, ""},
		{"empty text", `{"id":"a","text":""}`, "a", ErrEmptyText, ""},
		{"blank text", `{"id":"a","text":" \n\t"}`, "a", ErrEmptyText, ""},
		{"invalid utf-8", "{\"id\":\"a\",\"text\":\"\xff\"}", "", ErrInvalidUTF8, ""},
		{"truncated", `{"id":"a","text":"نص`, "", nil, "invalid JSON"},
		{"not an object", `"just a string"`, "", nil, "invalid JSON"},
		{"text a number", `{"id":"a","text":5}`, "a", nil, "field text"},
		{"id an object", `{"id":{},"text":"x"}`, "", nil, "invalid id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := parseLine([]byte(tt.line))
			if a.ID != tt.wantID {
				t.Errorf("parseLine(%q).ID = %q; want %q", tt.line, a.ID, tt.wantID)
			}
			switch {
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("parseLine(%q) error %v; want %v", tt.line, err, tt.wantErr)
				}
			case tt.errHas != "":
				if err == nil || !strings.Contains(err.Error(), tt.errHas) {
					t.Errorf("parseLine(%q) error %v; want one with %q", tt.line, err, tt.errHas)
				}
			case err != nil:
				t.Errorf("parseLine(%q) error %v", tt.line, err)
			}
		})
	}
}

func TestJSONLLongLines(t *testing.T) {
	dir := t.TempDir()
	huge := strings.Repeat("قصف مدفعي على القرى الجنوبية. ", 200000) // ~5 MB
	content := fmt.Sprintf("{\"id\":\"big\",\"text\":%q}\n{\"id\":\"small\",\"text\":\"نص قصير\"}\n", huge)
	path := writeFile(t, dir, "big.jsonl", []byte(content))

	t.Run("a line of several MB is read whole", func(t *testing.T) {
		items := drain(t, open(t, path, Options{}))
		if len(items) != 2 || items[0].Err != nil || items[0].Article.Text != huge || items[1].Article.ID != "small" {
			t.Fatalf("got %d items, first err %v, first text %d bytes; want the %d-byte text then small", len(items), items[0].Err, len(items[0].Article.Text), len(huge))
		}
	})
	t.Run("a line over MaxLine is an item error and the next line is read", func(t *testing.T) {
		items := drain(t, open(t, path, Options{MaxLine: 1 << 20}))
		if len(items) != 2 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "line 1: longer than") || items[1].Article.ID != "small" {
			t.Fatalf("got %+v", items)
		}
	})
	t.Run("gzip", func(t *testing.T) {
		gzPath := writeFile(t, dir, "big.jsonl.gz", gz(t, []byte(content)))
		items := drain(t, open(t, gzPath, Options{}))
		if got := ids(items); len(got) != 2 || got[0] != "big" || got[1] != "small" {
			t.Fatalf("ids %v; want [big small]", got)
		}
	})
}

func TestReadLine(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want []string // "!" marks a too-long line
	}{
		{"plain", "a\nbb\n", 10, []string{"a", "bb"}},
		{"crlf", "a\r\nb", 10, []string{"a", "b"}},
		{"too long then short", strings.Repeat("x", 100) + "\ny\n", 10, []string{"!", "y"}},
		{"exactly max", "xxxxx\n", 5, []string{"xxxxx"}},
		{"empty lines", "\n\n", 5, []string{"", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			br := bufio.NewReaderSize(strings.NewReader(tt.in), 16)
			var got []string
			for {
				line, long, err := readLine(br, tt.max)
				if long {
					got = append(got, "!")
				} else if err == nil || len(line) > 0 {
					got = append(got, string(line))
				}
				if err != nil {
					break
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("lines of %q = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStdin(t *testing.T) {
	tests := []struct {
		name, in string
		wantIDs  []string
	}{
		{"jsonl", "{\"id\":\"s1\",\"text\":\"نص\"}\n{\"id\":\"s2\",\"text\":\"نص آخر\"}\n", []string{"s1", "s2"}},
		{"plain text", "نص عادي يصل من المدخل القياسي.\n", []string{"stdin"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := drain(t, open(t, "-", Options{Stdin: strings.NewReader(tt.in)}))
			if got := ids(items); fmt.Sprint(got) != fmt.Sprint(tt.wantIDs) {
				t.Errorf("ids %v; want %v", got, tt.wantIDs)
			}
		})
	}
	t.Run("gzip jsonl", func(t *testing.T) {
		in := gz(t, []byte("{\"id\":\"z1\",\"text\":\"نص\"}\n"))
		items := drain(t, open(t, "-", Options{Stdin: strings.NewReader(string(in))}))
		if got := ids(items); len(got) != 1 || got[0] != "z1" {
			t.Errorf("ids %v; want [z1]", got)
		}
	})
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	r := open(t, "testdata/articles.jsonl", Options{})
	defer r.Close()
	cancel()
	if _, err := r.Next(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Next after cancel: %v; want context.Canceled", err)
	}
}

func FuzzParseLine(f *testing.F) {
	for _, s := range []string{`{"id":"a","text":"نص"}`, `{"id":1,"text":""}`, `{`, "{\"id\":\"\xff\"}", `[]`, `{"id":{},"text":5}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		a, err := parseLine(line)
		if err == nil {
			if a.ID == "" || strings.TrimSpace(a.Text) == "" {
				t.Fatalf("parseLine(%q) = %+v without error", line, a)
			}
			if !utf8.ValidString(a.Text) {
				t.Fatalf("parseLine(%q): invalid UTF-8 text", line)
			}
		} else if a.Text != "" {
			t.Fatalf("parseLine(%q) kept text with error %v", line, err)
		}
	})
}

func BenchmarkJSONL(b *testing.B) {
	var sb strings.Builder
	para := strings.Repeat("قصفت قوات النظام بلدات جبل الزاوية بريف إدلب الجنوبي. ", 40)
	for i := range 1000 {
		fmt.Fprintf(&sb, "{\"id\":\"b-%d\",\"published\":\"2021-01-01\",\"text\":%q}\n", i, para)
	}
	data := sb.String()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r := newJSONL("bench", strings.NewReader(data), io.NopCloser(nil), Options{}.withDefaults())
		for {
			if _, err := r.Next(b.Context()); err != nil {
				break
			}
		}
	}
}
