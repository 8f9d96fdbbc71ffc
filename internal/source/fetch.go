package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// UserAgent is what raqib calls itself on the web.
const UserAgent = "raqib/0.1 (+https://github.com/raqib/raqib)"

// FetchOptions configure a Fetcher. Zero fields take the defaults.
type FetchOptions struct {
	Client    *http.Client  // default: one with Timeout
	Timeout   time.Duration // whole request, body included; default 30s
	MaxBody   int64         // bytes; a larger body is an error; default 16 MiB
	UserAgent string        // default UserAgent
	// HostDelay is the least time between the start of two requests to
	// one host; default 1s. Negative means none (tests).
	HostDelay time.Duration
}

// Fetcher gets web pages politely: one request at a time per host, a
// pause between requests to a host, timeouts, a body size limit, a
// User-Agent, http and https only (redirects included). It is safe for
// concurrent use; share one across readers.
type Fetcher struct {
	client  *http.Client
	timeout time.Duration
	maxBody int64
	ua      string
	delay   time.Duration

	mu    sync.Mutex
	hosts map[string]*hostGate
}

// hostGate serialises requests to one host.
type hostGate struct {
	turn chan struct{} // holds a token while a request is under way
	last time.Time     // when the last request started
}

// NewFetcher returns a Fetcher with opt's settings.
func NewFetcher(opt FetchOptions) *Fetcher {
	f := &Fetcher{timeout: opt.Timeout, maxBody: opt.MaxBody, ua: opt.UserAgent, delay: opt.HostDelay, hosts: map[string]*hostGate{}}
	if f.timeout <= 0 {
		f.timeout = 30 * time.Second
	}
	if f.maxBody <= 0 {
		f.maxBody = 16 << 20
	}
	if f.ua == "" {
		f.ua = UserAgent
	}
	if f.delay == 0 {
		f.delay = time.Second
	}
	c := opt.Client
	if c == nil {
		c = &http.Client{Timeout: f.timeout}
	} else {
		cc := *c
		c = &cc
	}
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("more than 5 redirects")
		}
		if s := req.URL.Scheme; s != "http" && s != "https" {
			return fmt.Errorf("redirect to a %s URL", s)
		}
		return nil
	}
	f.client = c
	return f
}

// Page is a fetched page.
type Page struct {
	URL         string // after redirects
	ContentType string
	Body        []byte
}

// Get fetches rawURL.
func (f *Fetcher) Get(ctx context.Context, rawURL string) (*Page, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch %q: %w", rawURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("fetch %q: only http and https URLs are fetched", rawURL)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("fetch %q: no host", rawURL)
	}
	release, err := f.acquire(ctx, strings.ToLower(u.Host))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	defer release()

	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	req.Header.Set("User-Agent", f.ua)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5")
	req.Header.Set("Accept-Language", "ar,en;q=0.5")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("fetch %s: %s", rawURL, resp.Status)
	}
	if resp.ContentLength > f.maxBody {
		return nil, fmt.Errorf("fetch %s: body of %d bytes exceeds %d", rawURL, resp.ContentLength, f.maxBody)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBody+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	if int64(len(body)) > f.maxBody {
		return nil, fmt.Errorf("fetch %s: body exceeds %d bytes", rawURL, f.maxBody)
	}
	return &Page{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type"), Body: body}, nil
}

// acquire waits for host's turn and for its delay to pass; release ends
// the turn.
func (f *Fetcher) acquire(ctx context.Context, host string) (release func(), err error) {
	f.mu.Lock()
	g := f.hosts[host]
	if g == nil {
		g = &hostGate{turn: make(chan struct{}, 1)}
		f.hosts[host] = g
	}
	f.mu.Unlock()
	select {
	case g.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	// g.last is only touched while holding the turn.
	if f.delay > 0 && !g.last.IsZero() {
		if wait := time.Until(g.last.Add(f.delay)); wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				<-g.turn
				return nil, ctx.Err()
			}
		}
	}
	g.last = time.Now()
	return func() { <-g.turn }, nil
}
