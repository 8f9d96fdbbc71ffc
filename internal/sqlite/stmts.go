package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps the read queries prepared. A page's SQL depends on the
// shape of its filter (which filters, how many values, how many cells),
// not on the values, which are parameters: a server sees few distinct
// texts, and parsing and planning one, a large part of a cheap page's
// cost, is paid once per connection instead of once per request.
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// maxStmts bounds the cache; texts beyond it are prepared for each use.
const maxStmts = 512

// query runs a read query through the cache.
func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := s.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return s.db.QueryContext(ctx, q, args...)
	}
	return st.QueryContext(ctx, args...)
}

// queryRow runs a one-row read query through the cache.
func (s *Store) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	st, err := s.stmt(ctx, q)
	if err != nil || st == nil {
		return s.db.QueryRowContext(ctx, q, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// stmt returns the prepared statement of q, or nil when the cache is full.
func (s *Store) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	c := &s.stmts
	c.mu.Lock()
	st, ok := c.m[q]
	full := len(c.m) >= maxStmts
	c.mu.Unlock()
	if ok {
		return st, nil
	}
	if full {
		return nil, nil
	}
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[q]; ok { // prepared meanwhile by another request
		st.Close()
		return old, nil
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[q] = st
	return st, nil
}

// close closes the cached statements.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}
