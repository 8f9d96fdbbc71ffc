package postgres

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/event"
)

// pageQuery chooses how a page of f is read and builds its query: a place
// filter that covers a few grid cells is read cell by cell (gridSQL); one
// that covers many is probed (useGeo) for whether to read its matches from
// the GiST index and sort them or to walk the date order.
func (s *Store) pageQuery(ctx context.Context, f event.Filter, limit int) (string, []any, error) {
	if cells, ok := gridCells(f); ok && len(f.Actors) != 1 {
		return gridSQL(f, limit, cells)
	}
	geo, err := s.useGeo(ctx, f)
	if err != nil {
		return "", nil, err
	}
	return pageSQL(f, limit, geo)
}

// pageSQL builds the query for one page of f. PostgreSQL's planner picks
// among the order indexes of migration 0003 with its statistics; two
// shapes are spelt so that it can: a place filter of few matches (geo) is
// also a box test on the GiST index of event points, and one actor, who
// may be actor1 or actor2, is read from both actor indexes, merged
// (mergedSQL).
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
		return mergedSQL(c, f, limit, []string{`e.actor1 = ` + a, `e.actor2 = ` + a + ` AND e.actor1 <> ` + a}), c.args, nil
	}
	c, err := where(f, true)
	if err != nil {
		return "", nil, err
	}
	if geo {
		addBox(c, f)
	}
	q := `SELECT ` + pageCols(f) + ` FROM events e` + pageJoin(f) + c.sql() +
		` ORDER BY e.date_lo DESC, e.id LIMIT ` + lim
	return q, c.args, nil
}

// cellExpr is an event's quarter-degree grid cell, as indexed by
// events_cell (migrations 0005 and 0014); cellOf is the same in Go.
const cellExpr = `(floor(e.lat * 4)::integer * 2000 + floor(e.lon * 4)::integer)`

func cellOf(lat, lon float64) int { return int(math.Floor(lat*4))*2000 + int(math.Floor(lon*4)) }

// maxGridCells is the most cells a place filter is read from cell by cell;
// a ±0.5° box covers 25 at most, a 10 km circle 4.
const maxGridCells = 64

// gridCell is a grid cell a place filter meets, with the part of its box
// inside the cell (all of the cell when whole).
type gridCell struct {
	cell                   int
	whole                  bool
	lat0, lat1, lon0, lon1 float64
}

// gridCells returns the grid cells a place filter of f meets, and false
// when it has none or meets more than maxGridCells.
func gridCells(f event.Filter) ([]gridCell, bool) {
	b := f.PlaceBounds()
	if b == nil || b.MinLat > b.MaxLat || b.MinLon > b.MaxLon {
		return nil, false
	}
	lat0, lat1 := math.Floor(b.MinLat*4), math.Floor(b.MaxLat*4)
	lon0, lon1 := math.Floor(b.MinLon*4), math.Floor(b.MaxLon*4)
	if (lat1-lat0+1)*(lon1-lon0+1) > maxGridCells {
		return nil, false
	}
	var cells []gridCell
	for la := lat0; la <= lat1; la++ {
		for lo := lon0; lo <= lon1; lo++ {
			cells = append(cells, gridCell{
				cell:  cellOf(la/4, lo/4),
				whole: b.MinLat <= la/4 && (la+1)/4 <= b.MaxLat && b.MinLon <= lo/4 && (lo+1)/4 <= b.MaxLon,
				lat0:  max(b.MinLat, la/4), lat1: min(b.MaxLat, (la+1)/4),
				lon0: max(b.MinLon, lo/4), lon1: min(b.MaxLon, (lo+1)/4),
			})
		}
	}
	return cells, true
}

// gridSQL reads a page of a place filter cell by cell: each cell's newest
// matches in listing order from events_cell (the exact place test on the
// point the index keys, migration 0014), at most a page from each, sorted
// together and cut to the page. The cells are array parameters, so the
// query's text depends on the filter's shape and not on how many cells it
// covers or which: PostgreSQL plans it once for a connection and keeps the
// plan. (A Merge Append of one branch per cell read no more than the page
// from all of them together, but a box of 25 cells took 5 ms to plan, at
// every request, more than the page took to read.) The sort is of at most
// maxGridCells × (limit+1) keys. A cell the place meets only in part is
// walked only when event_points (migration 0019) holds a point in that
// part, as SQLite asks its R*Tree: the walk tests every entry of the
// cell, and a box whose edge grazes a city's cell (at a million events,
// Damascus's held 95,811 events, none in the box) read all of it for none
// (13 ms). The points are few (595 at a million bench events, a
// gazetteer's worth in real news), so a probe reads a few pages (3–6 µs);
// the GiST index of the events' own points, among thousands of events at
// one point, read 169 buffers a probe (0.3 ms).
func gridSQL(f event.Filter, limit int, cells []gridCell) (string, []any, error) {
	c, err := where(f, true)
	if err != nil {
		return "", nil, err
	}
	n := len(cells)
	ids, whole := make([]int, n), make([]bool, n)
	lat0, lat1, lon0, lon1 := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i, g := range cells {
		ids[i], whole[i] = g.cell, g.whole
		lat0[i], lat1[i], lon0[i], lon1[i] = g.lat0, g.lat1, g.lon0, g.lon1
	}
	test := strings.Join(c.parts, " AND ") // the place test at least
	grid := `SELECT g.cell FROM unnest(` + c.arg(ids) + `::integer[], ` + c.arg(whole) + `::boolean[], ` +
		c.arg(lat0) + `::float8[], ` + c.arg(lat1) + `::float8[], ` + c.arg(lon0) + `::float8[], ` + c.arg(lon1) + `::float8[]) AS g(cell, whole, lat0, lat1, lon0, lon1)
		WHERE g.whole OR EXISTS (SELECT 1 FROM event_points x WHERE point(x.lon, x.lat) <@ box(point(g.lon0, g.lat0), point(g.lon1, g.lat1)))`
	lim := c.arg(limit + 1)
	q := `SELECT ` + pageCols(f) + ` FROM (SELECT k.date_lo, k.id FROM (` + grid + `) g
		CROSS JOIN LATERAL (SELECT e.date_lo, e.id FROM events e WHERE ` + cellExpr + ` = g.cell AND ` + test +
		` ORDER BY e.date_lo DESC, e.id LIMIT ` + lim + `) k ORDER BY k.date_lo DESC, k.id LIMIT ` + lim +
		`) p JOIN events e ON e.id = p.id` + pageJoin(f) + ` ORDER BY p.date_lo DESC, p.id`
	return q, c.args, nil
}

// mergedSQL reads a page from disjoint ranges of one index each (one
// actor as actor1 and as actor2): the newest matches of each range in
// listing order, whole rows, merged by a Merge Append that reads from each
// range only as far as the page needs. (Reading the ranges' keys alone and
// then the page's rows by id read each row's index entry twice and the
// id index's pages besides: at a million events 502 buffers a page, 109
// now.) The columns are pageCols(f)'s, whose first two are the event's id
// and sort date.
func mergedSQL(c *cond, f event.Filter, limit int, ranges []string) string {
	lim := strconv.Itoa(limit + 1)
	rest := ""
	if len(c.parts) > 0 {
		rest = " AND " + strings.Join(c.parts, " AND ")
	}
	parts := make([]string, len(ranges))
	for i, r := range ranges {
		parts[i] = `(SELECT ` + pageCols(f) + ` FROM events e` + pageJoin(f) + ` WHERE ` + r + rest +
			` ORDER BY e.date_lo DESC, e.id LIMIT ` + lim + `)`
	}
	return strings.Join(parts, ` UNION ALL `) + ` ORDER BY 2 DESC, 1 LIMIT ` + lim
}

// textWindowDays are the date windows a rare words filter is read in,
// newest first, in days back from the newest date it may match; the last
// window reaches back to the oldest.
var textWindowDays = []int{31, 365, 3 * 365}

// coverGrowth is how many times more days each date-lexeme window spans
// than the one before it.
const coverGrowth = 4

// textWindow is a span of days, lo to hi, in which a page of Arabic words
// is read; a zero lo is the last window, every older match and the undated
// ones. A window tests the words and date lexemes in one GIN test: a
// cover window (sized for a common word) the lexemes of its days exactly
// (dateCover), a fixed one those of its months or years (yearCover).
type textWindow struct {
	lo, hi time.Time
	cover  bool
}

// textWindows returns the windows in which a page of f is read, newest
// first, or nil to read it in one query. (Words alone or with dates are
// read from event_terms, wordPage; these windows serve words with other
// filters.) Words are matched by the GIN
// index, which gives matches in no order, and reads a word's whole list to
// intersect it with a date range: a cost that grows with the store for a
// common word. Such a word (estimated from the column's statistics,
// wordShare) is read in windows whose test adds the date lexemes that
// cover their days (migration 0013): the index then reads no more than
// the window's events, the first window sized to hold about two pages of
// matches. A rarer word, whose list costs less than such a window, is read
// in the fixed windows of textWindowDays, its list walked by the index
// and the lexemes of each window's months (the first) or years keeping
// the matches read from the heap and sorted to those. With one actor the
// words are read in windows only when they are the rarer filter.
func (s *Store) textWindows(ctx context.Context, f event.Filter, limit int) ([]textWindow, error) {
	terms := event.QueryTerms(arabic.IndexTerms, f.Text)
	if len(terms) == 0 {
		return nil, nil
	}
	if _, ok := gridCells(f); ok {
		return nil, nil
	}
	var hi, oldestDay string
	var n int64
	err := s.pool.QueryRow(ctx, `SELECT coalesce((SELECT max(date_lo) FROM events), ''),
		coalesce((SELECT min(date_lo) FROM events WHERE date_lo > ''), ''),
		coalesce((SELECT max(seq) FROM events), 0)`).Scan(&hi, &oldestDay, &n)
	if err != nil {
		return nil, err
	}
	newest, err := time.Parse(time.DateOnly, hi)
	if err != nil { // no dated events
		return nil, nil
	}
	oldest, oldErr := time.Parse(time.DateOnly, oldestDay)
	if f.To != "" && f.To < hi {
		hi = f.To
	}
	if f.Cursor != "" {
		cur, err := event.ParseCursor(f.Cursor)
		if err != nil {
			return nil, err
		}
		if cur.Sort < hi {
			hi = cur.Sort
		}
	}
	top, err := time.Parse(time.DateOnly, hi)
	if err != nil { // a cursor among the undated ones
		return nil, nil
	}
	first := time.Time{}
	if f.From != "" {
		first, _ = time.Parse(time.DateOnly, event.EarliestStart(f.From))
	}
	share, err := s.wordShare(ctx, terms)
	if err != nil {
		return nil, err
	}
	if len(f.Actors) == 1 {
		// One actor's page walks the actor's two indexes and tests the
		// words on each row (mergedSQL): about limit/share rows. Windows
		// test the actor on each of the words' rows: about limit/(the
		// actor's share). The rarer filter leads; windows are then sized
		// for the matches of both.
		var events int64
		if err := s.pool.QueryRow(ctx, `SELECT coalesce((SELECT events FROM stats_actor WHERE actor = $1), 0)`, f.Actors[0]).Scan(&events); err != nil {
			return nil, err
		}
		actorShare := float64(events) / float64(max(n, 1))
		if share > 0 && actorShare < share {
			return nil, nil
		}
		share *= actorShare
	}
	var out []textWindow
	// a window of e events costs about twice a list of e matches
	if events := float64(2*(limit+1)) / share; share > 0 && 2*events < share*float64(n) {
		span := 1.0 // days from the oldest to the newest, both counted
		if oldErr == nil && !newest.Before(oldest) {
			span = newest.Sub(oldest).Hours()/24 + 1
		}
		days := int(math.Ceil(events * span / float64(n)))
		if oldErr == nil && oldest.After(first) {
			first = oldest
		}
		for end := top; ; days *= coverGrowth {
			start := end.AddDate(0, 0, 1-max(days, 1))
			if !start.After(first) {
				break
			}
			out = append(out, textWindow{lo: start, hi: end, cover: true})
			end = start.AddDate(0, 0, -1)
		}
	} else {
		end := top
		for _, d := range textWindowDays {
			lo := top.AddDate(0, 0, -d)
			if !lo.After(first) {
				break
			}
			out = append(out, textWindow{lo: lo, hi: end})
			end = lo.AddDate(0, 0, -1)
		}
	}
	return append(out, textWindow{}), nil
}

// wordShare estimates the share of events that hold all the terms, from
// lexemeFreqs: 0 when a term is not among them.
func (s *Store) wordShare(ctx context.Context, terms []string) (float64, error) {
	freq, err := s.lexemeFreqs(ctx)
	if err != nil {
		return 0, err
	}
	share := 1.0
	for _, t := range terms { // words of arabic.IndexTerms, no spaces
		share *= freq[t]
	}
	return share, nil
}

// lexemeFreqs returns the share of events that hold each of the most
// common lexemes PostgreSQL's statistics keep of events.terms (read at
// most once a minute; the map is not to be changed).
func (s *Store) lexemeFreqs(ctx context.Context) (map[string]float64, error) {
	s.lexMu.Lock()
	defer s.lexMu.Unlock()
	if s.lexFreq == nil || time.Since(s.lexRead) > time.Minute {
		var elems []string
		var freqs []float64
		err := s.pool.QueryRow(ctx, `SELECT coalesce(most_common_elems::text::text[], '{}'), coalesce(most_common_elem_freqs, '{}')
			FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'events' AND attname = 'terms'`).Scan(&elems, &freqs)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return nil, err
		}
		freq := make(map[string]float64, len(elems))
		for i, e := range elems {
			if i < len(freqs) {
				freq[e] = freqs[i]
			}
		}
		s.lexFreq, s.lexRead = freq, time.Now()
	}
	return s.lexFreq, nil
}

// dateCover returns the date lexemes of migration 0013 that cover the days
// from lo to hi (both counted) and no other day, as an OR tsquery: whole
// years as years, whole months as months, the rest as days.
func dateCover(lo, hi time.Time) string {
	var terms []string
	for d := lo; !d.After(hi); {
		switch {
		case d.YearDay() == 1 && !d.AddDate(1, 0, -1).After(hi):
			terms = append(terms, "'~y"+d.Format("2006")+"'")
			d = d.AddDate(1, 0, 0)
		case d.Day() == 1 && !d.AddDate(0, 1, -1).After(hi):
			terms = append(terms, "'~m"+d.Format("200601")+"'")
			d = d.AddDate(0, 1, 0)
		default:
			terms = append(terms, "'~d"+d.Format("20060102")+"'")
			d = d.AddDate(0, 0, 1)
		}
	}
	return strings.Join(terms, " | ")
}

// yearCover returns the year lexemes of migration 0013 of the years from
// lo's to hi's, as an OR tsquery: every day from lo to hi and the rest of
// their years; or, when lo and hi lie in the same or adjoining months (the
// 31-day window), those months' lexemes. At a million events a month's
// list is a twelfth of a year's: the index intersects it with a word's in
// 1.2 ms against 1.7, and PostgreSQL no longer cuts a year's matches to the
// window with the date order index (2 ms more). More months than two are
// not worth it: the index reads every list of an OR in full (twelve months
// took 15 ms).
func yearCover(lo, hi time.Time) string {
	var terms []string
	if m := monthIndex(hi) - monthIndex(lo); m >= 0 && m <= 1 {
		for d := time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC); !d.After(hi); d = d.AddDate(0, 1, 0) {
			terms = append(terms, "'~m"+d.Format("200601")+"'")
		}
		return strings.Join(terms, " | ")
	}
	for y := lo.Year(); y <= hi.Year(); y++ {
		terms = append(terms, "'~y"+strconv.Itoa(y)+"'")
	}
	return strings.Join(terms, " | ")
}

// monthIndex numbers the months: consecutive months, consecutive numbers.
func monthIndex(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }

// windowSQL builds the query for window i of windows (see textWindows):
// the matches from its first day up to, not including, the first day of
// the window before it, its words and date lexemes in one test of the GIN
// index (the last window: the words alone).
func windowSQL(f event.Filter, limit int, windows []textWindow, i int) (string, []any, error) {
	w := windows[i]
	g := f
	if !w.lo.IsZero() {
		g.Text = "" // tested below with the window's lexemes
	}
	c, err := where(g, true)
	if err != nil {
		return "", nil, err
	}
	if !w.lo.IsZero() {
		// a fixed window's words are rarer: the index walks their list, and
		// the months or years keep the heap reads to the window's
		cover := yearCover(w.lo, w.hi)
		if w.cover {
			cover = dateCover(w.lo, w.hi)
		}
		terms := event.QueryTerms(arabic.IndexTerms, f.Text)
		c.add("e.terms @@ (plainto_tsquery('simple', %s) && %s::tsquery)", strings.Join(terms, " "), cover)
	}
	// A cover window's lexemes are its days exactly (the windows follow
	// one another, each ending the day before the next one's first): date
	// tests would add nothing but a path PostgreSQL sometimes prefers, the
	// date order walked and every row's terms tested on the heap (for a
	// common word over 12 days, 3,306 buffers against 479 from the index).
	if !w.cover {
		if !w.lo.IsZero() {
			c.add("e.date_lo >= %s", w.lo.Format(time.DateOnly))
		}
		if i > 0 {
			c.add("e.date_lo < %s", windows[i-1].lo.Format(time.DateOnly))
		}
	}
	q := `SELECT ` + pageCols(f) + ` FROM events e` + pageJoin(f) + c.sql() +
		` ORDER BY e.date_lo DESC, e.id LIMIT ` + strconv.Itoa(limit+1)
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
	q, args, err := s.explained(ctx, f)
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

// explained is the query whose plan ExplainEvents gives: wordPage's
// newest matches when wordPage reads f, else the first date window's
// (textWindows), else pageQuery's.
func (s *Store) explained(ctx context.Context, f event.Filter) (string, []any, error) {
	limit := event.PageSize(f.Limit)
	var words []string
	if f.TextAndDatesOnly() {
		var err error
		if words, err = s.lexemes(ctx, f.Text); err != nil {
			return "", nil, err
		}
	}
	if len(words) > 0 {
		lo, hi, err := f.KeyRange()
		if err != nil {
			return "", nil, err
		}
		q, args := newestSQL(words, lo, hi, limit+1)
		return q, args, nil
	}
	windows, err := s.textWindows(ctx, f, limit)
	if err != nil {
		return "", nil, err
	}
	if windows != nil {
		return windowSQL(f, limit, windows, 0)
	}
	return s.pageQuery(ctx, f, limit)
}

// ExplainStats returns PostgreSQL's plans (EXPLAIN, one line per step) of
// the queries Stats runs over the rollups for f, with sequential scans
// priced out: for a filter by actors or a governorate, the read of
// stats_facet and of its incidents (stats_key_day for one actor or one
// governorate, else counted over the matching events); for one
// by types and dates, the read of stats_day_type and the actors and
// governorates counted over the matching events. It
// returns nothing for a filter the rollups do not answer.
func (s *Store) ExplainStats(ctx context.Context, f event.Filter) ([]string, error) {
	f.Cursor = ""
	w, err := where(f, false)
	if err != nil {
		return nil, err
	}
	type query struct {
		sql  string
		args []any
	}
	var qs []query
	fq, fargs := facetQuery(f)
	switch {
	case len(w.parts) == 0:
	case byDayType(f):
		dq, dargs := dayTypeQuery(f)
		aq, aargs := typeActorsAdmin1(f, w)
		qs = append(qs, query{dq, dargs}, query{aq, aargs})
	case byFacets(f):
		qs = append(qs, query{fq, fargs})
		if kq, kargs, ok := keyIncidentsQuery(f); ok {
			qs = append(qs, query{kq, kargs})
		} else {
			qs = append(qs, query{incidentsQuery(w), w.args})
		}
	}
	var out []string
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL enable_seqscan = off`); err != nil {
			return err
		}
		for _, q := range qs {
			rows, err := tx.Query(ctx, `EXPLAIN `+q.sql, q.args...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var line string
				if err := rows.Scan(&line); err != nil {
					rows.Close()
					return err
				}
				out = append(out, line)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("explain stats: %w", err)
	}
	return out, nil
}

// Analyze refreshes the planner's statistics and the visibility map
// (after a bulk load, before autovacuum would): index-only scans, such as a
// place filter's on events_cell, read no heap row for an all-visible page.
func (s *Store) Analyze(ctx context.Context) error {
	_, err := s.pool.Exec(ctx, `VACUUM (ANALYZE) events, event_terms, event_points, stats_facet`)
	return err
}
