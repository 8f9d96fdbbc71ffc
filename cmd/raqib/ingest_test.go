package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/raqib/raqib/internal/event"
)

// runRaqib runs the command in-process and returns its exit status,
// stdout and stderr.
func runRaqib(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

var summaryRE = regexp.MustCompile(`raqib ingest: (\d+) read, (\d+) new, (\d+) updated, (\d+) unchanged, (\d+) failed; (\d+) events stored; ([\d.]+) s`)

// summary is the final line of an ingest.
type summary struct{ read, new, updated, unchanged, failed, events int }

func parseSummary(t *testing.T, stderr string) summary {
	t.Helper()
	m := summaryRE.FindAllStringSubmatch(stderr, -1)
	if len(m) != 1 {
		t.Fatalf("want one summary line in stderr, got %d:\n%s", len(m), stderr)
	}
	n := make([]int, 6)
	for i := range n {
		n[i], _ = strconv.Atoi(m[0][i+1])
	}
	return summary{n[0], n[1], n[2], n[3], n[4], n[5]}
}

// isolate keeps the user's environment (imported gazetteers, RAQIB_DB) out
// of a test.
func isolate(t *testing.T) {
	t.Setenv("RAQIB_DATA", t.TempDir())
	t.Setenv("RAQIB_GAZETTEER", "")
	t.Setenv("RAQIB_DB", "")
}

// backend is a store the ingest tests run against.
type backend struct {
	name string
	dsn  func(t *testing.T) string
}

func backends() []backend {
	return []backend{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "raqib.db") }},
		{"postgres", freshPostgres},
	}
}

// freshPostgres returns a DSN for an empty schema on the server named by
// RAQIB_TEST_POSTGRES (scripts/postgres.sh), dropped after the test. The
// test fails without one in CI and is skipped elsewhere.
func freshPostgres(t *testing.T) string {
	dsn := os.Getenv("RAQIB_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("RAQIB_TEST_POSTGRES is not set; in CI the PostgreSQL tests must run (start a server with scripts/postgres.sh)")
		}
		t.Skip("RAQIB_TEST_POSTGRES is not set; run eval \"$(scripts/postgres.sh)\" to test against PostgreSQL")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect to %s: %v", dsn, err)
	}
	defer conn.Close(ctx)
	schema := "raqib_cmd_" + hex.EncodeToString([]byte(rand.Text()[:8]))
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Errorf("connect for cleanup: %v", err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("RAQIB_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func openTestStore(t *testing.T, dsn string) event.Store {
	t.Helper()
	s, err := openStore(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// warcRecord is one gzip member holding a WARC response record.
func warcRecord(t *testing.T, uri, contentType, body string) []byte {
	t.Helper()
	httpMsg := "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\n\r\n" + body
	rec := fmt.Sprintf("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: 2020-11-06T10:00:00Z\r\n"+
		"WARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		uri, rand.Text(), len(httpMsg), httpMsg)
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(rec))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const warcPage = `<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8">
<title>غارات على سرمين</title>
<meta property="og:title" content="غارات جوية على مدينة سرمين">
<meta property="article:published_time" content="2020-11-06T07:00:00Z">
<script>var ads = "اشترك الآن";</script></head>
<body><nav>الرئيسية | سياسة | رياضة</nav>
<article><h1>غارات جوية على مدينة سرمين</h1>
<p>شنت طائرات حربية روسية صباح اليوم الجمعة غارات جوية على مدينة سرمين في ريف إدلب الشرقي، ما أدى إلى دمار في الممتلكات.</p>
<p>وتأتي الغارات في إطار تصعيد متواصل تشهده المنطقة منذ أسابيع.</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>`

// fixtureCorpus copies the fixtures into a new directory, adds a WARC.gz
// crawl, and returns the ingest targets: JSONL (with a bad line), a
// directory holding a .txt, an HTML page, an RSS file and the crawl.
func fixtureCorpus(t *testing.T) (dir string, targets []string) {
	t.Helper()
	dir = t.TempDir()
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", "ingest", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	warc := append(warcRecord(t, "https://warc.example/news/sarmin", "text/html; charset=utf-8", warcPage),
		warcRecord(t, "https://warc.example/style.css", "text/css", "body{}")...)
	targets = []string{
		write("articles.jsonl", read("articles.jsonl")),
		filepath.Dir(write("reports/report.txt", read("report.txt"))),
		write("page.html", read("page.html")),
		write("feed.xml", read("feed.xml")),
		write("crawl.warc.gz", warc),
	}
	return dir, targets
}

func TestIngest(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			isolate(t)
			dsn := b.dsn(t)
			dir, targets := fixtureCorpus(t)
			args := append([]string{"ingest", "--db", dsn, "--published", "2020-11-05", "--batch", "3", "--workers", "2"}, targets...)

			code, _, stderr := runRaqib(t, "", args...)
			first := parseSummary(t, stderr)
			t.Run("first run stores everything but the bad line", func(t *testing.T) {
				if code != exitPartial {
					t.Errorf("exit %d; want %d (one item failed)\n%s", code, exitPartial, stderr)
				}
				want := summary{read: 9, new: 8, failed: 1, events: first.events}
				if first != want || first.events < 5 {
					t.Errorf("summary %+v; want %+v with at least 5 events\n%s", first, want, stderr)
				}
				if !strings.Contains(stderr, "articles.jsonl:4") || !strings.Contains(stderr, "invalid JSON") {
					t.Errorf("stderr does not name the bad line and its reason:\n%s", stderr)
				}
				s := openTestStore(t, dsn)
				c, err := s.Counts(context.Background())
				if err != nil || c.Articles != 8 || c.Events != first.events || c.Errors != 1 {
					t.Errorf("store counts %+v (%v); want 8 articles, %d events, 1 error", c, err, first.events)
				}
				errs, err := s.Errors(context.Background(), 10)
				if err != nil || len(errs) != 1 || !strings.Contains(errs[0].Origin, "articles.jsonl:4") || errs[0].Reason == "" {
					t.Errorf("ingest errors %+v (%v); want the bad line with a reason", errs, err)
				}
			})

			t.Run("re-run leaves everything unchanged", func(t *testing.T) {
				code, _, stderr := runRaqib(t, "", args...)
				got := parseSummary(t, stderr)
				if want := (summary{read: 9, unchanged: 8, failed: 1}); got != want || code != exitPartial {
					t.Errorf("summary %+v, exit %d; want %+v, exit %d\n%s", got, code, want, exitPartial, stderr)
				}
				c, _ := openTestStore(t, dsn).Counts(context.Background())
				if c.Articles != 8 || c.Events != first.events {
					t.Errorf("store counts %+v; want 8 articles and %d events as before", c, first.events)
				}
			})

			t.Run("a changed article replaces its events", func(t *testing.T) {
				changed := `{"id": "fx-kansafra", "published": "2020-10-09", "outlet": "وكالة الاختبار", "url": "https://news.example/2020/10/09/kansafra?utm_medium=rss", "title": "قصف على جبل الزاوية", "text": "قصفت قوات النظام بالصواريخ بلدة كنصفرة في جبل الزاوية بريف إدلب الجنوبي، اليوم الجمعة، ما أدى إلى مقتل ثلاثة مدنيين.\n\nكما شنت طائرات حربية روسية غارات جوية على بلدة البارة المجاورة."}` + "\n"
				p := filepath.Join(dir, "changed.jsonl")
				if err := os.WriteFile(p, []byte(changed), 0o644); err != nil {
					t.Fatal(err)
				}
				code, _, stderr := runRaqib(t, "", "ingest", "--db", dsn, p)
				got := parseSummary(t, stderr)
				if code != exitOK || got.read != 1 || got.updated != 1 || got.new != 0 || got.events < 1 {
					t.Fatalf("summary %+v, exit %d; want one updated article with events\n%s", got, code, stderr)
				}
				s := openTestStore(t, dsn)
				key := event.CanonicalURL("https://news.example/2020/10/09/kansafra")
				a, err := s.Article(context.Background(), key)
				if err != nil {
					t.Fatalf("Article(%s): %v", key, err)
				}
				if !strings.Contains(a.Text, "بالصواريخ") {
					t.Errorf("stored text is the old one: %q", a.Text)
				}
				page, err := s.Events(context.Background(), event.Filter{Doc: key, Limit: event.MaxLimit})
				if err != nil {
					t.Fatal(err)
				}
				if len(page.Events) != got.events {
					t.Errorf("%d events stored for the article; the summary said %d", len(page.Events), got.events)
				}
				for _, e := range page.Events {
					for _, sp := range e.Evidence {
						if sp.Start < 0 || sp.End > len(a.Text) || a.Text[sp.Start:sp.End] != sp.Text {
							t.Errorf("event %s: evidence %d-%d %q is not in the new text", e.ID, sp.Start, sp.End, sp.Text)
						}
						if strings.Contains(sp.Text, "بالمدفعية الثقيلة") {
							t.Errorf("event %s still cites the old text: %q", e.ID, sp.Text)
						}
					}
				}
				c, _ := s.Counts(context.Background())
				if c.Articles != 8 {
					t.Errorf("%d articles after the update; want still 8", c.Articles)
				}
			})

			t.Run("search", func(t *testing.T) { testSearch(t, dsn) })
			t.Run("export", func(t *testing.T) { testExport(t, dsn) })
		})
	}
}

func TestIngestUsage(t *testing.T) {
	isolate(t)
	db := filepath.Join(t.TempDir(), "raqib.db")
	_, targets := fixtureCorpus(t)
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no targets", []string{"ingest", "--db", db}, exitUsage},
		{"bad batch", []string{"ingest", "--db", db, "--batch", "0", targets[2]}, exitUsage},
		{"bad date", []string{"ingest", "--db", db, "--published", "5/11/2020", targets[2]}, exitUsage},
		{"unknown flag", []string{"ingest", "--db", db, "--fast", targets[2]}, exitUsage},
		{"missing file, the rest stored", []string{"ingest", "--db", db, filepath.Join(t.TempDir(), "nope.jsonl"), targets[2]}, exitUsage},
		{"all good", []string{"ingest", "--db", db, targets[3]}, exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runRaqib(t, "", tt.args...)
			if code != tt.want {
				t.Errorf("exit %d; want %d\n%s", code, tt.want, stderr)
			}
		})
	}
	s := openTestStore(t, db)
	c, err := s.Counts(context.Background())
	if err != nil || c.Articles != 3 {
		t.Errorf("counts %+v (%v); want the page and the feed's two items stored despite the missing file", c, err)
	}
}

func TestIngestStdin(t *testing.T) {
	isolate(t)
	db := filepath.Join(t.TempDir(), "raqib.db")
	b, err := os.ReadFile(filepath.Join("testdata", "ingest", "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runRaqib(t, string(b), "ingest", "--db", db, "-")
	got := parseSummary(t, stderr)
	if want := (summary{read: 4, new: 3, failed: 1, events: got.events}); got != want || code != exitPartial {
		t.Errorf("summary %+v, exit %d; want %+v, exit %d", got, code, want, exitPartial)
	}
}

// Two versions of one URL in one input (a page crawled from two sections):
// the later version wins, as a re-crawl would (the write API's rule too),
// and a re-run of the same input changes nothing, also when the versions
// are batches apart (the earlier waits for the later instead of replacing
// the stored version and being replaced again); the earlier version read
// alone later is stored again.
func TestIngestRepeatedURL(t *testing.T) {
	isolate(t)
	in := filepath.Join(t.TempDir(), "twice.jsonl")
	lines := `{"id": "v1", "url": "https://dup.example/a", "published": "2020-10-09", "text": "قصفت قوات النظام بلدة كنصفرة في ريف إدلب الجنوبي اليوم."}
{"id": "v2", "url": "https://dup.example/a#comments", "published": "2020-10-09", "text": "قصفت قوات النظام بلدة كنصفرة في ريف إدلب الجنوبي اليوم، وفق ناشطين."}
{"id": "v3", "published": "2020-10-09", "text": "نص مكرر بلا رابط"}
{"id": "v4", "published": "2020-10-09", "text": "نص   مكرر بلا رابط"}
`
	old := filepath.Join(t.TempDir(), "old.jsonl")
	if err := os.WriteFile(in, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(old, []byte(strings.SplitAfter(lines, "\n")[0]), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, batch := range []string{"100", "1"} {
		t.Run("batch "+batch, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "raqib.db")
			first := summary{read: 4, new: 2, unchanged: 2}
			if batch == "1" {
				first = summary{read: 4, new: 2, updated: 1, unchanged: 1}
			}
			tests := []struct {
				name  string
				input string
				want  summary
				id    string
			}{
				{"first run keeps the later version", in, first, "v2"},
				{"second run changes nothing", in, summary{read: 4, unchanged: 4}, "v2"},
				{"the earlier version alone replaces it", old, summary{read: 1, updated: 1}, "v1"},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					code, _, stderr := runRaqib(t, "", "ingest", "--db", db, "--batch", batch, tt.input)
					got := parseSummary(t, stderr)
					got.events = 0
					if code != exitOK || got != tt.want {
						t.Errorf("exit %d, summary %+v; want 0, %+v\n%s", code, got, tt.want, stderr)
					}
					a, err := openTestStore(t, db).Article(context.Background(), "https://dup.example/a")
					if err != nil || a.ID != tt.id {
						t.Errorf("stored article %q (%v); want %s", a.ID, err, tt.id)
					}
				})
			}
		})
	}
}
