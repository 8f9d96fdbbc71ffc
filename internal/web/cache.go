package web

import (
	"context"
	"encoding/json"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"
	"golang.org/x/sync/singleflight"

	"github.com/raqib/raqib/internal/event"
)

// DefaultCacheBytes is the read cache's budget: the answers it keeps take
// at most about this much memory, whatever clients ask.
const DefaultCacheBytes = 32 << 20

// cachedQuerier is an event.Querier that keeps the answers of another for
// a short time and lets concurrent identical questions share one store
// query, as a decorator in the manner of Prometheus' storage wrappers. Many
// analysts looking at the same view then cost the store one query per TTL.
// It is not what makes reads fast (the store's indexes are): it only
// smooths bursts of identical questions.
//
// Keys are normalised, validated filters (see queryKey), never raw query
// strings, so junk parameters cannot fill it; the memory of the answers it
// holds is estimated (answerBytes) and kept under a byte budget by evicting
// the least recently used ones; expired answers are dropped by the LRU's
// own sweeper. The write API purges it; writes by other processes
// (raqib ingest) show after at most one TTL.
type cachedQuerier struct {
	next     event.Querier
	lru      *expirable.LRU[string, cachedAnswer]
	budget   int64 // bytes of answers kept
	maxEntry int64 // larger answers are not kept
	bytes    atomic.Int64
	gen      atomic.Uint64 // bumped by purge: answers computed before it are not kept
	mu       sync.Mutex    // serialises Remove+Add so the byte count stays exact
	flight   singleflight.Group
}

var _ event.Querier = (*cachedQuerier)(nil)

// cachedAnswer is one kept answer with its estimated size.
type cachedAnswer struct {
	v    any // event.Page, event.StoredEvent or event.Stats
	size int64
}

// maxCachedAnswers bounds the number of answers whatever their size, so the
// LRU's own bookkeeping stays small too.
const maxCachedAnswers = 4096

func newCachedQuerier(next event.Querier, ttl time.Duration, budget int64) *cachedQuerier {
	if budget <= 0 {
		budget = DefaultCacheBytes
	}
	c := &cachedQuerier{next: next, budget: budget, maxEntry: max(budget/8, 1)}
	c.lru = expirable.NewLRU[string, cachedAnswer](maxCachedAnswers, func(_ string, a cachedAnswer) {
		c.bytes.Add(-a.size)
	}, ttl)
	return c
}

// Bytes is the estimated memory of the answers kept.
func (c *cachedQuerier) Bytes() int64 { return c.bytes.Load() }

// Len is the number of answers kept.
func (c *cachedQuerier) Len() int { return c.lru.Len() }

// purge forgets every answer (after a write).
func (c *cachedQuerier) purge() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen.Add(1)
	c.lru.Purge()
}

// Events answers from the cache, else from the store.
func (c *cachedQuerier) Events(ctx context.Context, f event.Filter) (event.Page, error) {
	v, err := c.get(ctx, "events", queryKey(f), func(ctx context.Context) (any, error) { return c.next.Events(ctx, f) })
	if err != nil {
		return event.Page{}, err
	}
	return v.(event.Page), nil
}

// Event answers from the cache, else from the store.
func (c *cachedQuerier) Event(ctx context.Context, id string) (event.StoredEvent, error) {
	v, err := c.get(ctx, "event", id, func(ctx context.Context) (any, error) { return c.next.Event(ctx, id) })
	if err != nil {
		return event.StoredEvent{}, err
	}
	return v.(event.StoredEvent), nil
}

// Stats answers from the cache, else from the store.
func (c *cachedQuerier) Stats(ctx context.Context, f event.Filter) (event.Stats, error) {
	f.Limit, f.Cursor = 0, "" // Stats ignores them: one answer for every page
	v, err := c.get(ctx, "stats", queryKey(f), func(ctx context.Context) (any, error) { return c.next.Stats(ctx, f) })
	if err != nil {
		return event.Stats{}, err
	}
	return v.(event.Stats), nil
}

// queryKey is the identity of a normalised filter: two requests that
// differ only in parameter order, repeats or spelling of a list share it.
func queryKey(f event.Filter) string {
	f.Normalize()
	f.Limit = event.PageSize(f.Limit)
	b, _ := json.Marshal(f) // a Filter always marshals
	return string(b)
}

func (c *cachedQuerier) get(ctx context.Context, kind, key string, query func(context.Context) (any, error)) (any, error) {
	key = kind + " " + key
	if a, ok := c.lru.Get(key); ok {
		return a.v, nil
	}
	gen := c.gen.Load()
	ch := c.flight.DoChan(key, func() (any, error) {
		// The first asker computes the answer for everyone waiting, so it
		// must not stop when its own client goes away.
		qctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 60*time.Second)
		defer cancel()
		v, err := query(qctx)
		if err != nil {
			return nil, err
		}
		c.keep(key, v, gen)
		return v, nil
	})
	select {
	case r := <-ch:
		return r.Val, r.Err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// keep adds an answer unless it is too large or a purge came since its
// query began, then evicts the least recently used answers over budget.
func (c *cachedQuerier) keep(key string, v any, gen uint64) {
	size := int64(len(key)) + answerBytes(v)
	if size > c.maxEntry {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen.Load() != gen {
		return
	}
	c.lru.Remove(key) // Add would replace without telling the evict callback
	c.bytes.Add(size)
	c.lru.Add(key, cachedAnswer{v: v, size: size})
	for c.bytes.Load() > c.budget {
		if _, _, ok := c.lru.RemoveOldest(); !ok {
			break
		}
	}
}

// answerBytes estimates the memory an answer holds: its strings plus a
// fixed overhead per struct and slice element. It errs high.
func answerBytes(v any) int64 {
	switch a := v.(type) {
	case event.Page:
		n := int64(64 + len(a.Next))
		for i := range a.Events {
			n += storedEventBytes(&a.Events[i])
		}
		return n
	case event.StoredEvent:
		return storedEventBytes(&a)
	case event.Stats:
		n := int64(128)
		for _, cs := range [][]event.Count{a.ByDay, a.ByType, a.ByActor, a.ByAdmin1} {
			for _, c := range cs {
				n += 48 + int64(len(c.Key))
			}
		}
		for _, c := range a.ByDayType {
			n += 64 + int64(len(c.Day)+len(c.Type))
		}
		return n
	}
	return 1 << 10
}

func storedEventBytes(se *event.StoredEvent) int64 {
	const structOverhead = 1024 // the event's structs, pointers and small fields
	m := se.Article
	n := structOverhead + len(se.Card) + len(se.Sentence) + len(m.Key) + len(m.ID) + len(m.Title) + len(m.Outlet) + len(m.URL) + len(m.Published)
	e := &se.Event
	n += len(e.ID) + len(e.Doc) + len(e.EventType) + len(e.DatePrecision)
	for _, sp := range e.Evidence {
		n += 32 + len(sp.Text)
	}
	// The rest (actors, place, source, claim, notes) is short text; its
	// JSON length bounds it well and is cheap next to a store query.
	if b, err := json.Marshal(struct {
		A1, A2, L, S, C, Q any
	}{e.Actor1, e.Actor2, e.Location, e.Source, e.Claim, e.Quantities}); err == nil {
		n += 2 * len(b)
	}
	return int64(n)
}
