package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"flag"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/source"
)

var update = flag.Bool("update", false, "rewrite examples/page.html, feed.xml and crawl.warc.gz")

// The example files the README's commands read (examples/page.html,
// feed.xml, crawl.warc.gz) are written by raqib from its example articles
// (examples/articles.jsonl): go test ./cmd/raqib -run TestExampleFiles -update
// rewrites them; without -update the test fails when they differ from what
// the articles give.

const examplesBase = "https://example.org/raqib/" // a reserved domain: the examples link nowhere

func exampleArticles(t *testing.T) []event.Article {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "examples", "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []event.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a event.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil || len(out) < 2 {
		t.Fatalf("examples/articles.jsonl: %d articles, %v", len(out), err)
	}
	return out
}

var pageTmpl = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>{{.Title}} | {{.Outlet}}</title>
<meta property="og:title" content="{{.Title}}">
<meta property="og:url" content="{{.URL}}">
<meta property="og:site_name" content="{{.Outlet}}">
<meta property="article:published_time" content="{{.Published}}T08:00:00Z">
<link rel="canonical" href="{{.URL}}">
</head>
<body>
<nav><a href="/">الرئيسية</a> <a href="/news">أخبار</a></nav>
<article>
<h1>{{.Title}}</h1>
{{range .Paras}}<p>{{.}}</p>
{{end}}</article>
<footer>مثال كتبه مشروع رقيب؛ لا يشير إلى موقع حقيقي.</footer>
</body>
</html>
`))

// examplePage renders an article as a news site's page.
func examplePage(a event.Article) []byte {
	body := a.Text
	if first, rest, ok := strings.Cut(body, "\n"); ok && first == a.Title {
		body = rest // the page shows the title as its heading
	}
	var b bytes.Buffer
	err := pageTmpl.Execute(&b, struct {
		event.Article
		Paras []string
	}{a, strings.Split(strings.TrimSpace(body), "\n")})
	if err != nil {
		panic(err)
	}
	return b.Bytes()
}

func exampleFeed(arts []event.Article) []byte {
	type item struct {
		Title       string `xml:"title"`
		Link        string `xml:"link"`
		GUID        string `xml:"guid"`
		PubDate     string `xml:"pubDate"`
		Description string `xml:"description"`
	}
	type channel struct {
		Title       string `xml:"title"`
		Link        string `xml:"link"`
		Description string `xml:"description"`
		Items       []item `xml:"item"`
	}
	ch := channel{Title: "raqib example", Link: examplesBase, Description: "أخبار كتبها مشروع رقيب أمثلةً"}
	for _, a := range arts {
		d, _ := time.Parse("2006-01-02", a.Published)
		ch.Items = append(ch.Items, item{a.Title, examplesBase + a.ID, examplesBase + a.ID, d.Add(8 * time.Hour).Format(time.RFC1123Z), a.Text})
	}
	out, err := xml.MarshalIndent(struct {
		XMLName xml.Name `xml:"rss"`
		Version string   `xml:"version,attr"`
		Channel channel  `xml:"channel"`
	}{Version: "2.0", Channel: ch}, "", " ")
	if err != nil {
		panic(err)
	}
	return append(append([]byte(xml.Header), out...), '\n')
}

func exampleWARC(arts []event.Article) []byte {
	var b bytes.Buffer
	w := source.NewWARCWriter(&b, true)
	first, _ := time.Parse("2006-01-02", arts[0].Published)
	_ = w.WriteInfo(first, "software: raqib (cmd/raqib/examples_test.go)", "format: WARC File Format 1.0")
	for _, a := range arts {
		d, _ := time.Parse("2006-01-02", a.Published)
		a.URL = examplesBase + a.ID
		_ = w.WriteResponse(a.URL, d.Add(9*time.Hour), "text/html; charset=utf-8", examplePage(a))
	}
	return b.Bytes()
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestExampleFiles(t *testing.T) {
	arts := exampleArticles(t)
	page := arts[0]
	page.URL = examplesBase + page.ID
	files := []struct {
		name string
		data []byte
		gz   bool
	}{
		{"page.html", examplePage(page), false},
		{"feed.xml", exampleFeed(arts), false},
		{"crawl.warc.gz", exampleWARC(arts), true},
	}
	for _, f := range files {
		path := filepath.Join("..", "..", "examples", f.name)
		if *update {
			if err := os.WriteFile(path, f.data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./cmd/raqib -run TestExampleFiles -update writes it)", err)
		}
		want := f.data
		if f.gz { // compare what the file holds, not how this Go version compresses it
			got, want = gunzip(t, got), gunzip(t, want)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("examples/%s differs from what examples/articles.jsonl gives; go test ./cmd/raqib -run TestExampleFiles -update rewrites it", f.name)
		}
	}
	t.Run("each format gives the articles' events", func(t *testing.T) {
		isolate(t)
		want := map[string]int{} // event type -> count, from the JSONL articles
		_, out, _ := runRaqib(t, "", "extract", filepath.Join("..", "..", "examples", "articles.jsonl"))
		for _, e := range decodeEvents(t, out) {
			want[e.EventType]++
		}
		for _, f := range files {
			code, out, stderr := runRaqib(t, "", "extract", filepath.Join("..", "..", "examples", f.name))
			if code != exitOK {
				t.Fatalf("extract examples/%s: exit %d\n%s", f.name, code, stderr)
			}
			got := map[string]int{}
			for _, e := range decodeEvents(t, out) {
				got[e.EventType]++
			}
			if f.name == "page.html" { // one article, whose text begins with its title
				for typ := range got {
					if want[typ] == 0 {
						t.Errorf("examples/page.html gives a %s event the articles do not", typ)
					}
				}
				if len(got) == 0 {
					t.Errorf("examples/page.html gives no events")
				}
				continue
			}
			// every kind of event the articles give (a page or a feed item
			// also reads its headline, which may tell one more)
			for typ := range want {
				if got[typ] == 0 {
					t.Errorf("examples/%s gives no %s event; the JSONL articles give %d", f.name, typ, want[typ])
				}
			}
		}
	})
}
