package source

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// newsServer serves an RSS feed at /rss whose items link to pages on the
// same server: /p/1 and /p/3 are articles, /p/2 is missing. It records the
// User-Agents it saw and the most requests it served at once.
type newsServer struct {
	*httptest.Server
	mu       sync.Mutex
	agents   map[string]int
	inFlight atomic.Int32
	maxIn    atomic.Int32
}

func newNewsServer(t *testing.T) *newsServer {
	t.Helper()
	s := &newsServer{agents: map[string]int{}}
	pageHTML, err := os.ReadFile("testdata/page.html")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>خلاصة الاختبار</title><link>%[1]s/</link>
<item><title>عنوان من الخلاصة 1</title><link>%[1]s/p/1</link><pubDate>Thu, 10 Jun 2021 06:00:00 GMT</pubDate><description>ملخص قصير</description></item>
<item><title>صفحة مفقودة</title><link>%[1]s/p/2</link><description>ملخص</description></item>
<item><title>عنوان من الخلاصة 3</title><link>/p/3</link><pubDate>Fri, 11 Jun 2021 06:00:00 GMT</pubDate><description>ملخص</description></item>
</channel></rss>`, s.URL)
	})
	mux.HandleFunc("/p/1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(pageHTML)
	})
	mux.HandleFunc("/p/3", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page(`<title>صفحة ثالثة</title>`, para1, para2))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(50 * time.Millisecond)
		fmt.Fprint(w, "ok")
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat("x", 5000)))
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		for {
			m := s.maxIn.Load()
			if n <= m || s.maxIn.CompareAndSwap(m, n) {
				break
			}
		}
		s.mu.Lock()
		s.agents[r.UserAgent()]++
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func fastFetch() Options {
	return Options{Fetch: FetchOptions{HostDelay: -1, Timeout: 5 * time.Second}}
}

func TestFeedURL(t *testing.T) {
	s := newNewsServer(t)
	tests := []struct {
		name    string
		opt     Options
		wantIDs []string
		errs    []bool
	}{
		{
			name:    "links followed by default for a URL",
			opt:     fastFetch(),
			wantIDs: []string{"https://news.example.org/syria/2021/06/10/shelling-zawiya", s.URL + "/p/2", s.URL + "/p/3"},
			errs:    []bool{false, true, false},
		},
		{
			name: "links not followed when told",
			opt: func() Options {
				o := fastFetch()
				o.FollowLinks = FollowNever
				return o
			}(),
			wantIDs: []string{s.URL + "/p/1", s.URL + "/p/2", s.URL + "/p/3"},
			errs:    []bool{false, false, false},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := drain(t, open(t, s.URL+"/rss", tt.opt))
			if got := ids(items); fmt.Sprint(got) != fmt.Sprint(tt.wantIDs) {
				t.Fatalf("ids %q; want %q", got, tt.wantIDs)
			}
			for i, it := range items {
				if (it.Err != nil) != tt.errs[i] {
					t.Errorf("item %d err %v; want error %v", i, it.Err, tt.errs[i])
				}
			}
		})
	}
	t.Run("followed page keeps its metadata and falls back on the feed's", func(t *testing.T) {
		items := drain(t, open(t, s.URL+"/rss", fastFetch()))
		a1, a3 := items[0].Article, items[2].Article
		if a1.Outlet != "المرصد المثال" || a1.Published != "2021-06-10" || !strings.Contains(a1.Text, "كنصفرة") || strings.Contains(a1.Text, "SCRIPT_MARKER") {
			t.Errorf("page 1 = %+v", a1)
		}
		if a3.Title != "عنوان من الخلاصة 3" || a3.Outlet != "خلاصة الاختبار" || a3.Published != "2021-06-11" || !strings.Contains(a3.Text, "عشرين لغما") {
			t.Errorf("page 3 = %+v; want the feed's title, outlet and date", a3)
		}
		if !strings.Contains(items[1].Err.Error(), "404") {
			t.Errorf("missing page error %v; want the status", items[1].Err)
		}
	})
	t.Run("user agent", func(t *testing.T) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if len(s.agents) != 1 || s.agents[UserAgent] == 0 {
			t.Errorf("user agents seen %v; want only %q", s.agents, UserAgent)
		}
	})
	t.Run("a page URL is one article", func(t *testing.T) {
		items := drain(t, open(t, s.URL+"/p/3", fastFetch()))
		if len(items) != 1 || items[0].Err != nil || items[0].Article.ID != s.URL+"/p/3" || items[0].Article.Title != "صفحة ثالثة" {
			t.Errorf("got %+v", items)
		}
	})
	t.Run("a feed file's links are not followed by default", func(t *testing.T) {
		items := drain(t, open(t, "testdata/feed.rss", Options{Fetch: FetchOptions{Client: &http.Client{Transport: failTransport{t}}}}))
		if len(items) != 3 {
			t.Errorf("got %d items; want 3", len(items))
		}
	})
}

// failTransport fails the test on any request.
type failTransport struct{ t *testing.T }

func (f failTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f.t.Errorf("unexpected request to %s", r.URL)
	return nil, fmt.Errorf("no network in this test")
}

func TestFetcher(t *testing.T) {
	s := newNewsServer(t)
	ctx := context.Background()
	t.Run("refusals", func(t *testing.T) {
		f := NewFetcher(FetchOptions{HostDelay: -1, MaxBody: 1000})
		tests := []struct{ name, url, errHas string }{
			{"file scheme", "file:///etc/passwd", "only http and https"},
			{"ftp scheme", "ftp://example.org/x", "only http and https"},
			{"no host", "http:///x", "no host"},
			{"body too large", s.URL + "/big", "exceeds 1000"},
			{"redirect to file", s.URL + "/to-file", "redirect to a file URL"},
			{"not found", s.URL + "/nothing", "404"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := f.Get(ctx, tt.url)
				if err == nil || !strings.Contains(err.Error(), tt.errHas) {
					t.Errorf("Get(%q) error %v; want one with %q", tt.url, err, tt.errHas)
				}
			})
		}
	})
	t.Run("timeout", func(t *testing.T) {
		f := NewFetcher(FetchOptions{HostDelay: -1, Timeout: 10 * time.Millisecond})
		if _, err := f.Get(ctx, s.URL+"/slow"); err == nil {
			t.Error("Get of a slow page gave no error")
		}
	})
	t.Run("one request at a time per host", func(t *testing.T) {
		for s.inFlight.Load() > 0 { // the timeout test's request may still be served
			time.Sleep(10 * time.Millisecond)
		}
		s.maxIn.Store(0)
		f := NewFetcher(FetchOptions{HostDelay: -1})
		var wg sync.WaitGroup
		for range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := f.Get(ctx, s.URL+"/slow"); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if m := s.maxIn.Load(); m != 1 {
			t.Errorf("%d requests at once to one host; want 1", m)
		}
	})
	t.Run("delay between requests to a host", func(t *testing.T) {
		f := NewFetcher(FetchOptions{HostDelay: 100 * time.Millisecond})
		start := time.Now()
		for range 3 {
			if _, err := f.Get(ctx, s.URL+"/big"); err != nil {
				t.Fatal(err)
			}
		}
		if d := time.Since(start); d < 200*time.Millisecond {
			t.Errorf("3 requests took %v; want at least 2 delays of 100ms", d)
		}
	})
	t.Run("cancelled while waiting for the host", func(t *testing.T) {
		f := NewFetcher(FetchOptions{HostDelay: time.Hour})
		if _, err := f.Get(ctx, s.URL+"/big"); err != nil {
			t.Fatal(err)
		}
		cctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
		defer cancel()
		if _, err := f.Get(cctx, s.URL+"/big"); err == nil {
			t.Error("second Get within the delay did not wait for the context")
		}
	})
}
