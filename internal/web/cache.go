package web

import (
	linked "container/list"
	"context"
	"net/http"
	"sync"
	"time"
)

// respCache keeps the answers of read routes for a short time and lets
// concurrent identical requests share one store query (request coalescing).
// Many analysts looking at the same view then cost the store one query per
// TTL instead of one per reader. The write API purges it; writes by other
// processes (raqib ingest) show after at most one TTL.
type respCache struct {
	ttl      time.Duration
	max      int // entries kept
	maxBytes int // larger answers are not kept
	mu       sync.Mutex
	entries  map[string]*cacheEntry
	lru      *linked.List // of *cacheEntry, most recent first
}

type cacheEntry struct {
	key    string
	at     time.Time
	ready  chan struct{} // closed when the answer below is filled in
	status int
	header http.Header
	body   []byte
	elem   *linked.Element
}

func newRespCache(ttl time.Duration) *respCache {
	return &respCache{ttl: ttl, max: 2048, maxBytes: 4 << 20, entries: map[string]*cacheEntry{}, lru: linked.New()}
}

// purge forgets every answer (after a write).
func (c *respCache) purge() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = map[string]*cacheEntry{}
	c.lru.Init()
}

func (c *respCache) drop(e *cacheEntry) {
	if c.entries[e.key] == e {
		delete(c.entries, e.key)
		c.lru.Remove(e.elem)
	}
}

// wrap serves h through the cache.
func (c *respCache) wrap(h http.HandlerFunc) http.HandlerFunc {
	if c == nil || c.ttl <= 0 {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.URL.Path + "?" + r.URL.Query().Encode()
		c.mu.Lock()
		e, ok := c.entries[key]
		if ok && e.isReady() && time.Since(e.at) > c.ttl {
			c.drop(e)
			ok = false
		}
		if ok {
			c.lru.MoveToFront(e.elem)
			c.mu.Unlock()
			select {
			case <-e.ready:
				e.write(w)
			case <-r.Context().Done():
			}
			return
		}
		e = &cacheEntry{key: key, ready: make(chan struct{})}
		e.elem = c.lru.PushFront(e)
		c.entries[key] = e
		for c.lru.Len() > c.max {
			c.drop(c.lru.Back().Value.(*cacheEntry))
		}
		c.mu.Unlock()

		// The first asker computes the answer for everyone waiting, so it
		// must not stop when its own client goes away.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 60*time.Second)
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		h(rec, r.WithContext(ctx))
		cancel()
		e.status, e.header, e.body, e.at = rec.status, rec.header, rec.body, time.Now()
		close(e.ready)
		if e.status != http.StatusOK || len(e.body) > c.maxBytes {
			c.mu.Lock()
			c.drop(e)
			c.mu.Unlock()
		}
		e.write(w)
	}
}

func (e *cacheEntry) isReady() bool {
	select {
	case <-e.ready:
		return true
	default:
		return false
	}
}

func (e *cacheEntry) write(w http.ResponseWriter) {
	for k, v := range e.header {
		w.Header()[k] = v
	}
	w.WriteHeader(e.status)
	_, _ = w.Write(e.body)
}

// recorder is a ResponseWriter that keeps what a handler writes.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   []byte
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
}
func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	r.body = append(r.body, b...)
	return len(b), nil
}
