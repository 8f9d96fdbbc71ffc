package postgres

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/raqib/raqib/internal/event"
)

// pageSQL builds the query for one page of f. PostgreSQL's planner picks
// among the order indexes of migration 0003 with its statistics; two
// shapes are spelt so that it can: a place filter of few matches (geo) is
// also a box test on the GiST index of event points, and one actor, who
// may be actor1 or actor2, is read as the union of the newest page from
// each actor index.
func pageSQL(f event.Filter, limit int, geo bool) (string, []any, error) {
	lim := strconv.Itoa(limit + 1)
	if len(f.Actors) == 1 {
		actor := f.Actors[0]
		g := f
		g.Actors = nil
		c, err := where(g, true)
		if err != nil {
			return "", nil, err
		}
		if geo {
			addBox(c, g)
		}
		a := c.arg(actor)
		rest := ""
		if len(c.parts) > 0 {
			rest = " AND " + strings.Join(c.parts, " AND ")
		}
		q := `SELECT ` + eventCols + ` FROM (` +
			`(SELECT e.seq FROM events e WHERE e.actor1 = ` + a + rest + ` ORDER BY e.date_lo DESC, e.id LIMIT ` + lim + `)` +
			` UNION ALL ` +
			`(SELECT e.seq FROM events e WHERE e.actor2 = ` + a + ` AND e.actor1 <> ` + a + rest + ` ORDER BY e.date_lo DESC, e.id LIMIT ` + lim + `)` +
			`) p JOIN events e ON e.seq = p.seq JOIN articles a ON a.seq = e.article_seq ORDER BY e.date_lo DESC, e.id LIMIT ` + lim
		return q, c.args, nil
	}
	c, err := where(f, true)
	if err != nil {
		return "", nil, err
	}
	if geo {
		addBox(c, f)
	}
	q := `SELECT ` + eventCols + ` FROM events e JOIN articles a ON a.seq = e.article_seq` + c.sql() +
		` ORDER BY e.date_lo DESC, e.id LIMIT ` + lim
	return q, c.args, nil
}

// useGeo says whether a place filter is rare enough to read its matches
// from the GiST index and sort them: fewer than sqrt(100 N) matches among N
// events (the planner cannot tell, its estimate for a box is a constant).
// A common one is found by walking the date order, as in SQLite; there
// each row walked is a heap read (the point is not in the order index),
// so the two costs meet near sqrt(100 N) matches for a page of a hundred.
func (s *Store) useGeo(ctx context.Context, f event.Filter) (bool, error) {
	b := f.BBox
	if b == nil && f.Near != nil {
		nb := f.Near.Bounds()
		b = &nb
	}
	if b == nil {
		return false, nil
	}
	var n, total int64
	err := s.pool.QueryRow(ctx, `SELECT coalesce((SELECT max(seq) FROM events), 0)`).Scan(&total)
	if err != nil {
		return false, err
	}
	dense := max(200, int64(math.Sqrt(100*float64(total))))
	err = s.pool.QueryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM events e WHERE point(e.lon, e.lat) <@ box(point($1, $2), point($3, $4)) LIMIT $5) x`,
		b.MinLon, b.MinLat, b.MaxLon, b.MaxLat, dense).Scan(&n)
	if err != nil {
		return false, err
	}
	return n < dense, nil
}

// addBox adds the GiST-indexable form of a place filter (the exact tests
// stay in where).
func addBox(c *cond, f event.Filter) {
	var b *event.BBox
	if f.BBox != nil {
		b = f.BBox
	} else if f.Near != nil {
		nb := f.Near.Bounds()
		b = &nb
	}
	if b != nil {
		c.add("point(e.lon, e.lat) <@ box(point(%s, %s), point(%s, %s))", b.MinLon, b.MinLat, b.MaxLon, b.MaxLat)
	}
}

// ExplainEvents returns PostgreSQL's plan (EXPLAIN, one line per step) for
// a page of f with sequential scans, bitmap scans and sorts priced out, so
// that tests on small tables see whether a page can be read in order from
// an index and stop after the page, as the planner does on large tables.
func (s *Store) ExplainEvents(ctx context.Context, f event.Filter) ([]string, error) {
	geo, err := s.useGeo(ctx, f)
	if err != nil {
		return nil, err
	}
	q, args, err := pageSQL(f, event.PageSize(f.Limit), geo)
	if err != nil {
		return nil, err
	}
	var out []string
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		for _, off := range []string{"enable_seqscan", "enable_bitmapscan", "enable_sort"} {
			if _, err := tx.Exec(ctx, `SET LOCAL `+off+` = off`); err != nil {
				return err
			}
		}
		rows, err := tx.Query(ctx, `EXPLAIN `+q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				return err
			}
			out = append(out, line)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("explain: %w", err)
	}
	return out, nil
}

// Analyze refreshes the planner's statistics (after a bulk load, before
// autovacuum would).
func (s *Store) Analyze(ctx context.Context) error {
	_, err := s.pool.Exec(ctx, `ANALYZE events`)
	return err
}
