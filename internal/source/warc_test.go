package source

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

// warcRec builds one WARC record.
func warcRec(typ, uri, date, contentType string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08d-0000-0000-0000-000000000000>\r\n", typ, len(block))
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "WARC-Date: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", date, contentType, len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

// httpResp builds an HTTP response as a WARC response record holds it.
func httpResp(status, contentType string, body []byte, extra ...string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n", status, contentType, len(body))
	for _, h := range extra {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

// crawl builds the records of a small news crawl: warcinfo, a request, an
// HTML response with metadata, a PNG response, a 404 page, a metadata
// record, and an HTML response without a date.
func crawl(t *testing.T) [][]byte {
	t.Helper()
	pageHTML, err := os.ReadFile("testdata/page.html")
	if err != nil {
		t.Fatal(err)
	}
	const http = "application/http; msgtype=response"
	return [][]byte{
		warcRec("warcinfo", "", "2021-06-11T00:00:00Z", "application/warc-fields", []byte("software: raqib-test\r\nformat: WARC File Format 1.0\r\n")),
		warcRec("request", "https://news.example.org/syria/2021/06/10/shelling-zawiya", "2021-06-11T01:00:00Z", "application/http; msgtype=request",
			[]byte("GET /syria/2021/06/10/shelling-zawiya HTTP/1.1\r\nHost: news.example.org\r\n\r\n")),
		warcRec("response", "https://news.example.org/syria/2021/06/10/shelling-zawiya", "2021-06-11T01:00:01Z", http,
			httpResp("200 OK", "text/html; charset=utf-8", pageHTML)),
		warcRec("response", "https://news.example.org/logo.png", "2021-06-11T01:00:02Z", http,
			httpResp("200 OK", "image/png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))),
		warcRec("response", "https://news.example.org/gone", "2021-06-11T01:00:03Z", http,
			httpResp("404 Not Found", "text/html", []byte("<html><body><p>الصفحة غير موجودة</p></body></html>"))),
		warcRec("metadata", "https://news.example.org/syria/2021/06/10/shelling-zawiya", "2021-06-11T01:00:04Z", "application/warc-fields",
			[]byte("fetchTimeMs: 120\r\n")),
		warcRec("response", "<https://other.example.com/a/9>", "2021-06-12T05:06:07Z", http,
			httpResp("200 OK", "text/html", []byte(page(`<title>خبر بلا تاريخ</title>`, para1, para2)), "Transfer-Encoding: identity")),
	}
}

func gzMembers(t *testing.T, recs [][]byte) []byte {
	var b bytes.Buffer
	for _, r := range recs {
		b.Write(gz(t, r))
	}
	return b.Bytes()
}

func TestWARC(t *testing.T) {
	recs := crawl(t)
	dir := t.TempDir()
	plain := bytes.Join(recs, nil)
	compressed := gzMembers(t, recs)
	truncated := append(bytes.Clone(compressed), gz(t, recs[2])[:200]...)
	lastRec := recs[6]
	truncatedPlain := append(bytes.Clone(plain), lastRec[:len(lastRec)/2]...)
	corrupt := bytes.Join([][]byte{recs[2], []byte("garbage that is not a record\r\nmore garbage\r\n\r\n"), recs[6]}, nil)
	badLength := bytes.Join([][]byte{[]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nbody\r\n\r\n"), recs[6]}, nil)

	const url1, url2 = "https://news.example.org/syria/2021/06/10/shelling-zawiya", "https://other.example.com/a/9"
	tests := []struct {
		name    string
		file    string
		content []byte
		want    []string // article IDs, "!" for an item error
		errHas  string   // in the item error, if any
	}{
		{"warc", "crawl.warc", plain, []string{url1, url2}, ""},
		{"warc.gz with one member per record", "crawl.warc.gz", compressed, []string{url1, url2}, ""},
		{"warc.gz cut inside the last member", "cut.warc.gz", truncated, []string{url1, url2, "!"}, "truncated"},
		{"warc cut inside the last block", "cut.warc", truncatedPlain, []string{url1, url2, "!"}, "truncated"},
		{"garbage between records: error, resync", "garbage.warc", corrupt, []string{url1, "!", url2}, "corrupt"},
		{"bad Content-Length: error, resync", "badlen.warc", badLength, []string{"!", url2}, "Content-Length"},
		{"unknown extension sniffed", "crawl.bin", plain, []string{url1, url2}, ""},
		{"empty", "empty.warc", nil, []string{"!"}, "empty input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, dir, tt.file, tt.content)
			items := drain(t, open(t, path, Options{}))
			var got []string
			for _, it := range items {
				if it.Err != nil {
					got = append(got, "!")
					if !strings.Contains(it.Err.Error(), tt.errHas) {
						t.Errorf("item error %v; want one with %q", it.Err, tt.errHas)
					}
					continue
				}
				got = append(got, it.Article.ID)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Fatalf("items %q; want %q", got, tt.want)
			}
		})
	}
	t.Run("articles", func(t *testing.T) {
		path := writeFile(t, dir, "a.warc.gz", compressed)
		items := drain(t, open(t, path, Options{}))
		a1, a2 := items[0].Article, items[1].Article
		if a1.Published != "2021-06-10" || a1.Outlet != "المرصد المثال" || !strings.Contains(a1.Text, "كنصفرة") || strings.Contains(a1.Text, "SCRIPT_MARKER") {
			t.Errorf("first article = %+v", a1)
		}
		if a2.Published != "2021-06-12" || a2.URL != url2 || a2.Title != "خبر بلا تاريخ" {
			t.Errorf("second article = %+v; want the WARC-Date and the target URI", a2)
		}
		if items[0].Origin != path+"#3" {
			t.Errorf("origin %q; want %s#3 (the record number)", items[0].Origin, path)
		}
	})
	t.Run("response too large", func(t *testing.T) {
		path := writeFile(t, dir, "big.warc", plain)
		items := drain(t, open(t, path, Options{MaxFile: 100}))
		if len(items) != 2 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "exceeds 100") || items[0].Article.URL != url1 || items[1].Article.URL != url2 {
			t.Errorf("got %+v; want size errors for the two HTML pages only, naming their URLs", items)
		}
	})
	t.Run("gzip-encoded payload", func(t *testing.T) {
		body := gz(t, []byte(page(`<title>مضغوط</title>`, para1, para2)))
		rec := warcRec("response", "https://z.example.com/1", "2021-01-01T00:00:00Z", "application/http; msgtype=response",
			httpResp("200 OK", "text/html", body, "Content-Encoding: gzip"))
		path := writeFile(t, dir, "enc.warc", rec)
		items := drain(t, open(t, path, Options{}))
		if len(items) != 1 || items[0].Err != nil || items[0].Article.Title != "مضغوط" {
			t.Errorf("got %+v", items)
		}
	})
}

func TestReadRecord(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		resync  bool
		wantErr error // nil: a record; io.EOF; or errWARCCorrupt / errWARCTruncated
		wantLen int64
	}{
		{"response", "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n", false, nil, 3},
		{"blank lines first", "\r\n\r\nWARC/1.1\r\nWARC-Type: request\r\nContent-Length: 0\r\n\r\n", false, nil, 0},
		{"end of input", "\r\n\r\n", false, io.EOF, 0},
		{"garbage", "hello\r\n", false, errWARCCorrupt, 0},
		{"garbage skipped when resyncing", "hello\r\nWARC/1.0\r\nContent-Length: 1\r\n\r\nx", true, nil, 1},
		{"negative length", "WARC/1.0\r\nContent-Length: -5\r\n\r\n", false, errWARCCorrupt, 0},
		{"no length", "WARC/1.0\r\nWARC-Type: response\r\n\r\n", false, errWARCCorrupt, 0},
		{"header cut", "WARC/1.0\r\nWARC-Type: resp", false, errWARCTruncated, 0},
		{"block cut", "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 100\r\n\r\nabc", false, errWARCTruncated, 0},
		{"skipped block cut", "WARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: 100\r\n\r\nabc", false, errWARCTruncated, 0},
		{"huge length", "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999999999\r\n\r\nabc", false, errWARCTruncated, 0},
		{"header line too long", "WARC/1.0\r\nX: " + strings.Repeat("a", maxWARCLine+10) + "\r\n\r\n", false, errWARCCorrupt, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := readRecord(bufio.NewReader(strings.NewReader(tt.in)), 1<<20, tt.resync)
			if tt.wantErr == nil {
				if err != nil || rec.length != tt.wantLen {
					t.Errorf("readRecord(%q) = length %d, %v; want %d", tt.in, rec.length, err, tt.wantLen)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("readRecord(%q) error %v; want %v", tt.in, err, tt.wantErr)
			}
		})
	}
}

func FuzzReadRecord(f *testing.F) {
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 38\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999999999999999999\r\n\r\n"))
	f.Add([]byte("garbage\nWARC/1.0\r\n\r\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		br := bufio.NewReader(bytes.NewReader(data))
		resync := false
		for i := 0; i < 1000; i++ {
			rec, err := readRecord(br, 1<<16, resync)
			if err == io.EOF {
				return
			}
			if err != nil {
				if !errors.Is(err, errWARCCorrupt) && !errors.Is(err, errWARCTruncated) {
					t.Fatalf("readRecord error %v is neither corrupt nor truncated", err)
				}
				if errors.Is(err, errWARCTruncated) {
					return
				}
				resync = true
				continue
			}
			resync = false
			if rec.block != nil && int64(len(rec.block)) != rec.length {
				t.Fatalf("block of %d bytes for Content-Length %d", len(rec.block), rec.length)
			}
		}
		t.Fatal("readRecord does not reach the end")
	})
}

// FuzzWARC runs the whole reader, HTTP parsing and HTML extraction
// included, over arbitrary input: it must end without panicking.
func FuzzWARC(f *testing.F) {
	f.Add(warcRec("response", "https://x.example/1", "2021-01-01T00:00:00Z", "application/http; msgtype=response",
		httpResp("200 OK", "text/html", []byte(page("", para1)))))
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 5\r\n\r\nHTTP/"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := newWARC("fuzz", bytes.NewReader(data), io.NopCloser(nil), Options{MaxFile: 1 << 16}.withDefaults())
		for i := 0; ; i++ {
			if i > 2000 {
				t.Fatal("reader does not end")
			}
			if _, err := r.Next(t.Context()); err != nil {
				return
			}
		}
	})
}
