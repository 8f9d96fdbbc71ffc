package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/event"
)

// A filter counts as common when it has at least denseAt(N) matches among
// N events: a page of such a filter is found by walking the date order
// index (about limit × N / matches entries, read in order from a compact
// index), and a rarer one by reading its matches from its own index and
// sorting them (one row read per match, at random places in the file).
// Measured at a million events, a row read costs about a hundred times an
// index entry once the file outgrows the page cache, so for a page of about
// a hundred the two costs meet near sqrt(N) matches; either way a page
// costs a bounded amount of work, never the whole match.
func denseAt(events int) int {
	if denseOverride > 0 {
		return denseOverride
	}
	return min(20000, max(200, int(math.Sqrt(float64(events)))))
}

// denseOverride, when positive, replaces denseAt's answer (for tests of
// both paths on small stores).
var denseOverride = 0

// approxEvents is about how many events the store holds: the largest seq,
// read from the end of the primary key (no count).
func (s *Store) approxEvents(ctx context.Context) (int, error) {
	var n sql.NullInt64
	err := s.queryRow(ctx, `SELECT max(seq) FROM events`).Scan(&n)
	return int(n.Int64), err
}

// driver says which index a page of events is read from.
type driver string

const (
	byDate  driver = "date"  // events_order (or a type/admin1 order index the planner picks)
	byText  driver = "text"  // the FTS5 matches, sorted
	byPlace driver = "place" // the R*Tree matches, sorted
	byCells driver = "cells" // the grid cells a place covers, each in date order, merged
	byActor driver = "actor" // event_actors, in order
	byMonth driver = "month" // the FTS5 matches of one month at a time, newest month first
	byKey   driver = "key"   // the FTS5 matches in rowid order, newest first (event.DayKey)
)

// pagePlan is the SQL of one page of events.
type pagePlan struct {
	driver driver
	sql    string
	args   []any
	fts    string // the FTS5 query, for byMonth and byKey
}

// countUpTo counts the rows of a query, stopping at limit.
func (s *Store) countUpTo(ctx context.Context, limit int, q string, args ...any) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT count(*) FROM (`+q+` LIMIT `+strconv.Itoa(limit)+`)`, args...).Scan(&n)
	return n, err
}

// plan builds the query for one page of f. Words with no other filter
// than dates are read in the full-text index's order, a place alone over
// few grid cells from the cells; other text and place filters are probed
// first (how many matches, up to denseAt) to choose between reading their
// matches and walking the date order; one actor is read from
// event_actors in order; the rest is left to SQLite's planner over the
// order indexes of migration 0002.
func (s *Store) plan(ctx context.Context, f event.Filter, limit int) (pagePlan, error) {
	c := &cond{}
	p := pagePlan{driver: byDate}
	from := "events e"
	sortLo, sortID := "e.date_lo", "e.id"
	terms := event.QueryTerms(arabic.IndexTerms, f.Text)
	if len(terms) > 0 && f.TextAndDatesOnly() {
		// Words and dates alone are read newest first in the full-text
		// index's own order (eventsByKey), a page's worth of matches
		// whether the words are rare or common: no probe to choose.
		p.driver, p.fts = byKey, ftsQuery(terms)
		return p, nil
	}
	box := f.PlaceBounds()
	if box != nil && placeOnly(f) {
		if cells := placeCells(box); len(cells) <= maxCells {
			cells, err := s.placedCells(ctx, box, cells)
			if err != nil {
				return p, err
			}
			return cellPage(f, limit, cells)
		}
	}
	dense := 0
	if len(terms) > 0 || box != nil {
		n, err := s.approxEvents(ctx)
		if err != nil {
			return p, err
		}
		dense = denseAt(n)
	}
	switch {
	case len(terms) > 0:
		q := ftsQuery(terms)
		n, err := s.countUpTo(ctx, dense, `SELECT rowid FROM events_fts WHERE events_fts MATCH ?`, q)
		if err != nil {
			return p, err
		}
		if n < dense {
			p.driver = byText
			from = "(SELECT " + ftsSeq + " AS seq FROM events_fts WHERE events_fts MATCH " + c.arg(q) + ") t CROSS JOIN events e INDEXED BY events_seq_keys ON e.seq = t.seq"
		} else {
			// Common words with other filters: read their matches a month
			// at a time, newest month first, until the page is full
			// (eventsByMonth).
			p.driver, p.fts = byMonth, q
			return p, nil
		}
	case box != nil:
		only := placeOnly(f)
		geo := "SELECT seq FROM events_geo WHERE max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND min_lon <= ?"
		if only {
			// The R*Tree holds the sort key and the point: its matches are
			// sorted without reading a row, so many more count as rare.
			dense = min(20000, 8*dense)
		}
		n, err := s.countUpTo(ctx, dense, geo, box.MinLat, box.MaxLat, box.MinLon, box.MaxLon)
		if err != nil {
			return p, err
		}
		if n < dense && only {
			return s.placePage(f, limit, box)
		}
		if n < dense {
			p.driver = byPlace
			from = fmt.Sprintf("(SELECT seq FROM events_geo WHERE max_lat >= %s AND min_lat <= %s AND max_lon >= %s AND min_lon <= %s) g CROSS JOIN events e INDEXED BY events_seq_keys ON e.seq = g.seq",
				c.arg(box.MinLat), c.arg(box.MaxLat), c.arg(box.MinLon), c.arg(box.MaxLon))
		}
	case len(f.Actors) == 1 && len(f.Types) != 1:
		p.driver = byActor
		from = "event_actors x"
		c.add("x.actor = %s", f.Actors[0])
		sortLo, sortID = "x.date_lo", "x.id"
	}
	n := len(c.parts)
	if err := addFilters(c, f, p.driver); err != nil {
		return p, err
	}
	rows := "e"
	if p.driver == byActor {
		rows = "x"
		if len(c.parts) > n || !listed(f) {
			// the other filters, or a page not from event_list, read the event
			from += " CROSS JOIN events e ON e.seq = x.seq"
		}
	}
	if f.Cursor != "" {
		cur, err := event.ParseCursor(f.Cursor)
		if err != nil {
			return p, err
		}
		c.add("("+sortLo+" < %s OR ("+sortLo+" = %[1]s AND "+sortID+" > %s))", cur.Sort, cur.ID)
	}
	if p.driver == byText || p.driver == byPlace {
		p.sql = sortedPage(f, from+c.sql(), limit+1)
	} else {
		join := pageJoin(f, rows)
		if !listed(f) { // the event is read already: its article
			join = ` JOIN articles a ON a.seq = e.article_seq`
		}
		p.sql = `SELECT ` + pageCols(f) + ` FROM ` + from + join + c.sql() +
			` ORDER BY ` + sortLo + ` DESC, ` + sortID + ` LIMIT ` + strconv.Itoa(limit+1)
	}
	p.args = c.args
	return p, nil
}

// sortedPage is the query of a page whose matches (from, over events e
// and its conditions) are sorted rather than read in order: the matches'
// sort keys are sorted and cut to the page first, and only the page's
// events are then decoded and joined to their articles (a sort of whole
// result rows would read every match's article and JSON).
func sortedPage(f event.Filter, from string, n int) string {
	return keyedPage(f, `SELECT e.seq, e.date_lo, e.id FROM `+from+` ORDER BY e.date_lo DESC, e.id LIMIT `+strconv.Itoa(n), n)
}

// keyedPage is the query of a page of f whose events' seqs and sort keys
// are found first: keys gives the columns seq, date_lo and id in listing
// order, cut to the page (n rows). Only the page's events are then read,
// in the order the keys come: SQLite sees that the outer ORDER BY is the
// subquery's and sorts nothing (a sort of the page's whole rows, a brief
// of about a kilobyte each, cost as much as reading them).
func keyedPage(f event.Filter, keys string, n int) string {
	return `SELECT ` + pageCols(f) + ` FROM (` + keys + `) p` + pageJoin(f, "p") + ` ORDER BY p.date_lo DESC, p.id LIMIT ` + strconv.Itoa(n)
}

// addFilters adds the conditions the driver does not already apply. The
// exact place tests read lat and lon from the order index (they are in it),
// behind unary + so that no other index is picked for them.
func addFilters(c *cond, f event.Filter, d driver) error {
	addColumns(c, f, d == byActor)
	addDeskFilters(c, f)
	placeConds(c, f, "+e.")
	return nil
}

// addColumns adds f's conditions on the event's own columns: dates,
// types, actors (unless skipActors: the page is read from an actor's
// index), governorate, claim and document.
func addColumns(c *cond, f event.Filter, skipActors bool) {
	if f.From != "" {
		// an event overlapping the range starts at most a year before it
		// (a year-precision date): a bound the date indexes can seek on
		c.add("e.date_hi >= %s AND e.date_lo >= %s", f.From, event.EarliestStart(f.From))
	}
	if f.To != "" {
		c.add("e.date_lo <> '' AND e.date_lo <= %s", f.To)
	}
	if len(f.Types) > 0 {
		c.parts = append(c.parts, c.in("e.event_type", f.Types))
	}
	if len(f.Actors) > 0 && !skipActors {
		a1 := c.in("e.actor1", f.Actors)
		a2 := c.in("e.actor2", f.Actors)
		c.parts = append(c.parts, "("+a1+" OR "+a2+")")
	}
	if f.Admin1 != "" {
		c.add("e.admin1 = %s", f.Admin1)
	}
	if f.ClaimStatus != "" {
		c.add("e.claim_status = %s", f.ClaimStatus)
	}
	if f.Doc != "" {
		c.add("(e.article_key = %s OR e.doc = %[1]s)", f.Doc)
	}
}

// placeConds adds the exact tests of the place filters on the lat and lon
// columns of a table (prefix "+e." or "g."; unary + keeps SQLite from
// picking another index for them).
func placeConds(c *cond, f event.Filter, prefix string) {
	lt, ln := prefix+"lat", prefix+"lon"
	if b := f.BBox; b != nil {
		c.add(lt+" BETWEEN %s AND %s AND "+ln+" BETWEEN %s AND %s", b.MinLat, b.MaxLat, b.MinLon, b.MaxLon)
	}
	if n := f.Near; n != nil {
		b := n.Bounds()
		c.add(lt+" BETWEEN %s AND %s AND "+ln+" BETWEEN %s AND %s", b.MinLat, b.MaxLat, b.MinLon, b.MaxLon)
		lt, ln = strings.TrimPrefix(lt, "+"), strings.TrimPrefix(ln, "+")
		lat, lon := c.arg(n.Lat), c.arg(n.Lon)
		c.parts = append(c.parts, fmt.Sprintf(
			"2 * %g * asin(sqrt(sin(radians(%s - %s) / 2) * sin(radians(%s - %s) / 2)"+
				" + cos(radians(%s)) * cos(radians(%s)) * sin(radians(%s - %s) / 2) * sin(radians(%s - %s) / 2))) <= %s",
			event.EarthRadiusKm, lt, lat, lt, lat, lat, lt, ln, lon, ln, lon, c.arg(n.Km)))
	}
}

// placeOnly says whether f filters by place and dates only: then the R*Tree
// alone answers which events make the page.
func placeOnly(f event.Filter) bool {
	return f.Text == "" && len(f.Types) == 0 && len(f.Actors) == 0 && f.Admin1 == "" && f.ClaimStatus == "" && f.Doc == "" &&
		f.Country == "" && f.Background == "" && f.MinFatalities == 0
}

// Place-only filters over at most maxCells grid cells are read cell by
// cell (cellPage): a ±0.5° box covers up to 25 quarter-degree cells, 10 km
// around a place up to 4.
const (
	cellsPerDegree = 4
	maxCells       = 36
)

// placeCell is the grid cell of a point, as migration 0008 files it: rows
// and columns of a quarter degree from the south-west corner of the world.
func placeCell(lat, lon float64) int64 {
	row := int64(math.Floor((lat + 90) * cellsPerDegree))
	col := int64(math.Floor((lon + 180) * cellsPerDegree))
	return row*(360*cellsPerDegree+1) + col
}

// placeCells returns the grid cells that meet a box, or more than maxCells
// of them when the box is too large to be read cell by cell.
func placeCells(b *event.BBox) []int64 {
	clamp := func(v, lo, hi float64) float64 { return max(lo, min(hi, v)) }
	r0 := int64(math.Floor((clamp(b.MinLat, -90, 90) + 90) * cellsPerDegree))
	r1 := int64(math.Floor((clamp(b.MaxLat, -90, 90) + 90) * cellsPerDegree))
	c0 := int64(math.Floor((clamp(b.MinLon, -180, 180) + 180) * cellsPerDegree))
	c1 := int64(math.Floor((clamp(b.MaxLon, -180, 180) + 180) * cellsPerDegree))
	if r1 < r0 || c1 < c0 || (r1-r0+1)*(c1-c0+1) > maxCells {
		return make([]int64, maxCells+1)
	}
	var out []int64
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			out = append(out, r*(360*cellsPerDegree+1)+c)
		}
	}
	return out
}

// placedCells returns the cells worth walking for a place within box: those
// the box covers whole, and of the others those with an event in the part
// the box covers (a seek of the R*Tree each, all in one query). A cell met
// in part and with no event there was walked to its end, every event it
// holds read and tested to find none (a city just outside a box, its
// cell's hundred thousand events at a million): that was most of a place
// page's cost.
func (s *Store) placedCells(ctx context.Context, box *event.BBox, cells []int64) ([]int64, error) {
	const size = 1.0 / cellsPerDegree
	const margin = 1e-9 // a point placed in a cell by rounding may lie a hair outside it
	var out, part []int64
	c := &cond{}
	var probes []string
	for _, cell := range cells {
		row, col := cell/(360*cellsPerDegree+1), cell%(360*cellsPerDegree+1)
		lat0, lon0 := float64(row)/cellsPerDegree-90, float64(col)/cellsPerDegree-180
		if box.MinLat <= lat0 && box.MaxLat >= lat0+size && box.MinLon <= lon0 && box.MaxLon >= lon0+size {
			out = append(out, cell)
			continue
		}
		// the R*Tree rounds its boxes outward: it misses no event in the part
		probes = append(probes, fmt.Sprintf("EXISTS (SELECT 1 FROM events_geo WHERE max_lat >= %s AND min_lat <= %s AND max_lon >= %s AND min_lon <= %s)",
			c.arg(max(box.MinLat, lat0-margin)), c.arg(min(box.MaxLat, lat0+size+margin)),
			c.arg(max(box.MinLon, lon0-margin)), c.arg(min(box.MaxLon, lon0+size+margin))))
		part = append(part, cell)
	}
	if len(part) == 0 {
		return out, nil
	}
	found := make([]bool, len(part))
	dst := make([]any, len(part))
	for i := range found {
		dst[i] = &found[i]
	}
	if err := s.queryRow(ctx, `SELECT `+strings.Join(probes, ", "), c.args...).Scan(dst...); err != nil {
		return nil, err
	}
	for i, ok := range found {
		if ok {
			out = append(out, part[i])
		}
	}
	return out, nil
}

// cellPage reads a page of a place-only filter from event_cells: in each
// cell the box or circle meets, its matching events newest first (a seek
// and a walk of the cell's primary key), the walks merged as they go
// (SQLite's merge of a UNION ALL whose arms are each in the order asked)
// and stopped at the page; only the page's events are then read. The cost
// is about a page and an entry per cell, whatever the place holds (each
// arm cut to a page in a subquery of its own was sorted again before the
// merge, which then read a page from every cell).
func cellPage(f event.Filter, limit int, cells []int64) (pagePlan, error) {
	c := &cond{}
	placeConds(c, f, "c.")
	if f.From != "" {
		c.add("c.date_hi >= %s AND c.date_lo >= %s", f.From, event.EarliestStart(f.From))
	}
	if f.To != "" {
		c.add("c.date_lo <> '' AND c.date_lo <= %s", f.To)
	}
	if f.Cursor != "" {
		cur, err := event.ParseCursor(f.Cursor)
		if err != nil {
			return pagePlan{}, err
		}
		c.add("(c.date_lo < %s OR (c.date_lo = %[1]s AND c.id > %s))", cur.Sort, cur.ID)
	}
	shared := strings.Join(c.parts, " AND ")
	lim := strconv.Itoa(limit + 1)
	if len(cells) == 0 { // no event in the place
		return pagePlan{driver: byCells, sql: keyedPage(f, `SELECT 0 AS seq, '' AS date_lo, '' AS id WHERE 0`, limit+1)}, nil
	}
	arms := make([]string, len(cells))
	for i, cell := range cells {
		arms[i] = `SELECT c.seq, c.date_lo, c.id FROM event_cells c WHERE c.cell = ` + c.arg(cell) + ` AND ` + shared
	}
	q := keyedPage(f, strings.Join(arms, " UNION ALL ")+` ORDER BY 2 DESC, 3 LIMIT `+lim, limit+1)
	return pagePlan{driver: byCells, sql: q, args: c.args}, nil
}

// placePage reads a page of a place-only filter from the R*Tree: its
// matches, sorted by the sort key it carries, cut to the page; only the
// page's events are then read.
func (s *Store) placePage(f event.Filter, limit int, box *event.BBox) (pagePlan, error) {
	c := &cond{}
	c.add("g.max_lat >= %s AND g.min_lat <= %s AND g.max_lon >= %s AND g.min_lon <= %s", box.MinLat, box.MaxLat, box.MinLon, box.MaxLon)
	placeConds(c, f, "g.")
	if f.From != "" {
		c.add("g.date_hi >= %s", f.From)
	}
	if f.To != "" {
		c.add("g.date_lo <> '' AND g.date_lo <= %s", f.To)
	}
	if f.Cursor != "" {
		cur, err := event.ParseCursor(f.Cursor)
		if err != nil {
			return pagePlan{}, err
		}
		c.add("(g.date_lo < %s OR (g.date_lo = %[1]s AND g.id > %s))", cur.Sort, cur.ID)
	}
	lim := strconv.Itoa(limit + 1)
	q := keyedPage(f, `SELECT g.seq, g.date_lo, g.id FROM events_geo g`+c.sql()+` ORDER BY g.date_lo DESC, g.id LIMIT `+lim, limit+1)
	return pagePlan{driver: byPlace, sql: q, args: c.args}, nil
}

// ExplainEvents returns the driver and SQLite's query plan (EXPLAIN QUERY
// PLAN, one line per step) for a page of f, for tests that check no
// filter shape scans the store.
func (s *Store) ExplainEvents(ctx context.Context, f event.Filter) (string, []string, error) {
	p, err := s.plan(ctx, f, event.PageSize(f.Limit))
	if err != nil {
		return "", nil, err
	}
	switch p.driver {
	case byMonth: // one run's query: each run's is alike
		if p.sql, p.args, err = monthQuery(f, p.fts, []string{"2024-02", "2024-01"}, event.PageSize(f.Limit)+1); err != nil {
			return "", nil, err
		}
	case byKey:
		if p.sql, p.args, err = keyQuery(f, p.fts, event.DayKey("2024-01-01", 0), event.DayKey("2024-02-01", 0), event.PageSize(f.Limit)+1); err != nil {
			return "", nil, err
		}
	}
	rows, err := s.db.QueryContext(ctx, `EXPLAIN QUERY PLAN `+p.sql, p.args...)
	if err != nil {
		return "", nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			return "", nil, err
		}
		out = append(out, detail)
	}
	return string(p.driver), out, rows.Err()
}

// monthTerm is the FTS5 term that files an event under the month of its
// sort date, so that the matches of common words can be read one month at
// a time, newest first, instead of all at once (see eventsByMonth).
func monthTerm(dateLo string) string {
	if len(dateLo) >= 7 {
		return "raqibmonth" + dateLo[:4] + dateLo[5:7]
	}
	return "raqibmonthnone"
}

// ftsTerms is what events_fts holds for an event: its normalised words
// (arabic.IndexTerms of the evidence and the title) and its month term.
func ftsTerms(row event.Row) string {
	return strings.Join(row.Terms(arabic.IndexTerms), " ") + " " + monthTerm(row.DateLo)
}

// pageRows runs a page query and returns the events with their sort keys.
// A Cards page reads each event's stored card (cardCols).
func (s *Store) pageRows(ctx context.Context, q string, args []any, max int, cards bool) ([]event.StoredEvent, []string, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var evs []event.StoredEvent
	var keys []string
	for rows.Next() && len(evs) < max {
		if evs == nil { // a page's worth at once: an event is some 340 bytes, copied at each doubling
			evs, keys = make([]event.StoredEvent, 0, max), make([]string, 0, max)
		}
		var se event.StoredEvent
		var key string
		var err error
		if cards {
			se, key, err = scanCard(rows)
		} else {
			se, key, err = scanEvent(rows)
		}
		if err != nil {
			return nil, nil, err
		}
		evs, keys = append(evs, se), append(keys, key)
	}
	return evs, keys, rows.Err()
}

// dateSpanSQL reads the newest and the oldest dated sort keys, as max and
// min so that each is one seek of events_order: ordered by (date_lo, id),
// as it was, the oldest key was found by sorting every event of the oldest
// day (the index runs id ascending within a date descending), a cost that
// grew with the store and was paid by every page of a common word.
const dateSpanSQL = `SELECT COALESCE((SELECT max(date_lo) FROM events), ''),
	COALESCE((SELECT min(date_lo) FROM events WHERE date_lo > ''), '')`

// eventsByMonth reads a page of a common text filter with other filters
// than dates month by month, newest first, each run of months' matches
// sorted (monthQuery): a page costs the matches of the months it spans,
// not all the matches. Events without a date come last, as in every
// listing.
func (s *Store) eventsByMonth(ctx context.Context, f event.Filter, limit int, fts string) ([]event.StoredEvent, []string, error) {
	var hi, lo string
	err := s.queryRow(ctx, dateSpanSQL).Scan(&hi, &lo)
	if err != nil {
		return nil, nil, err
	}
	if f.Cursor != "" {
		cur, err := event.ParseCursor(f.Cursor)
		if err != nil {
			return nil, nil, err
		}
		hi = min(hi, cur.Sort)
	}
	if f.To != "" {
		hi = min(hi, f.To)
	}
	if f.From != "" {
		lo = max(lo, event.EarliestStart(f.From))
	}
	var months []string
	if t, err := time.Parse("2006-01", firstN(hi, 7)); err == nil {
		end, err := time.Parse("2006-01", firstN(lo, 7))
		if err != nil {
			end = t
		}
		for ; !t.Before(end); t = t.AddDate(0, -1, 0) {
			months = append(months, t.Format("2006-01"))
		}
	}
	// Months are read in runs that double (1, 2, 4… months) until the page
	// is full: a word common in a large store fills it from the first
	// month, one spread thin over a small store takes a few queries, not
	// one per month.
	var runs [][]string
	for i, n := 0, 1; i < len(months); i, n = i+n, n*2 {
		runs = append(runs, months[i:min(len(months), i+n)])
	}
	if f.From == "" && f.To == "" {
		runs = append(runs, []string{""}) // events without a date come last
	}
	var evs []event.StoredEvent
	var keys []string
	for _, run := range runs {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		need := limit + 1 - len(evs)
		q, args, err := monthQuery(f, fts, run, need)
		if err != nil {
			return nil, nil, err
		}
		got, k, err := s.pageRows(ctx, q, args, need, listed(f))
		if err != nil {
			return nil, nil, err
		}
		evs, keys = append(evs, got...), append(keys, k...)
		if len(evs) > limit {
			break
		}
	}
	return evs, keys, nil
}

// monthQuery is the query of eventsByMonth for a run of months, newest
// first ("" for events without a date): its matches sorted by keys read
// from events_seq_keys, one at a random place in the index for each.
func monthQuery(f event.Filter, fts string, months []string, need int) (string, []any, error) {
	c := &cond{}
	terms := make([]string, len(months))
	for i, m := range months {
		terms[i] = `"` + monthTerm(m) + `"`
	}
	match := c.arg("(" + fts + ") AND (" + strings.Join(terms, " OR ") + ")")
	from := "(SELECT " + ftsSeq + " AS seq FROM events_fts WHERE events_fts MATCH " + match + ") t CROSS JOIN events e INDEXED BY events_seq_keys ON e.seq = t.seq"
	if err := addFilters(c, f, byText); err != nil {
		return "", nil, err
	}
	if f.Cursor != "" {
		cur, err := event.ParseCursor(f.Cursor)
		if err != nil {
			return "", nil, err
		}
		c.add("(e.date_lo < %s OR (e.date_lo = %[1]s AND e.id > %s))", cur.Sort, cur.ID)
	}
	return sortedPage(f, from+c.sql(), need), c.args, nil
}

// ftsKeySQL is event.DayKey, the rowid events_fts files an event under
// (migration 0015) and the key of event_list (migration 0016), over the
// columns date_lo and seq of t.
func ftsKeySQL(t string) string {
	return `((CAST(replace(` + t + `.date_lo, '-', '') AS INTEGER) << 32) | ` + t + `.seq)`
}

// ftsSeq is the seq of an events_fts row.
const ftsSeq = `(rowid & 4294967295)`

// eventsByKey reads a page of a text filter with no other filter than
// dates from events_fts in rowid order, newest first (event.DayKey): the key of
// the page's last match is found first (the matches read are about a
// page), and the matches from the start of that day up are then sorted
// into listing order, the dates and the cursor tested on them (keyQuery).
// When those tests leave the run short, the next run starts below it. A
// page costs about a page of matches, however many the words have.
func (s *Store) eventsByKey(ctx context.Context, f event.Filter, limit int, fts string) ([]event.StoredEvent, []string, error) {
	lo, hi, err := f.KeyRange() // keys from lo up to below hi
	if err != nil {
		return nil, nil, err
	}
	var evs []event.StoredEvent
	var keys []string
	for len(evs) <= limit && hi > lo {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		need := limit + 1 - len(evs)
		// the day of the need-th match below hi is where this run starts
		var last sql.NullInt64
		err := s.queryRow(ctx, ftsLastSQL, fts, lo, hi, need-1).Scan(&last)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, nil, err
		}
		start := lo
		if last.Valid {
			start = max(lo, last.Int64>>32<<32)
		}
		q, args, err := keyQuery(f, fts, start, hi, need)
		if err != nil {
			return nil, nil, err
		}
		got, k, err := s.pageRows(ctx, q, args, need, listed(f))
		if err != nil {
			return nil, nil, err
		}
		evs, keys = append(evs, got...), append(keys, k...)
		hi = start
	}
	return evs, keys, nil
}

// ftsLastSQL finds the key of the (?4 + 1)-th match of ?1 with a key from
// ?2 up to below ?3, newest first.
const ftsLastSQL = `SELECT rowid FROM events_fts WHERE events_fts MATCH ?1 AND rowid >= ?2 AND rowid < ?3 ORDER BY rowid DESC LIMIT 1 OFFSET ?4`

// keyQuery is the query of eventsByKey for the matches with keys from lo
// up to below hi, sorted into listing order. A filter from a date tests
// the events' date_hi, read with the sort keys from events_seq_keys;
// otherwise the sort keys are read from the run's rows of event_list
// (about a page of them, read again for the page from the page cache),
// the end date and the cursor tested on them.
func keyQuery(f event.Filter, fts string, lo, hi int64, need int) (string, []any, error) {
	c := &cond{}
	from := fmt.Sprintf("(SELECT rowid AS key, %s AS seq FROM events_fts WHERE events_fts MATCH %s AND rowid >= %s AND rowid < %s) t",
		ftsSeq, c.arg(fts), c.arg(lo), c.arg(hi))
	var cur event.Cursor
	if f.Cursor != "" {
		var err error
		if cur, err = event.ParseCursor(f.Cursor); err != nil {
			return "", nil, err
		}
	}
	if f.From != "" {
		from += " CROSS JOIN events e INDEXED BY events_seq_keys ON e.seq = t.seq"
		if err := addFilters(c, f, byText); err != nil {
			return "", nil, err
		}
		if f.Cursor != "" {
			c.add("(e.date_lo < %s OR (e.date_lo = %[1]s AND e.id > %s))", cur.Sort, cur.ID)
		}
		return sortedPage(f, from+c.sql(), need), c.args, nil
	}
	if f.To != "" {
		c.add("k.date_lo <> '' AND k.date_lo <= %s", f.To)
	}
	if f.Cursor != "" {
		c.add("(k.date_lo < %s OR (k.date_lo = %[1]s AND k.id > %s))", cur.Sort, cur.ID)
	}
	keys := `SELECT k.seq, k.date_lo, k.id FROM ` + from + ` CROSS JOIN event_list k ON k.key = t.key` + c.sql() +
		` ORDER BY k.date_lo DESC, k.id LIMIT ` + strconv.Itoa(need)
	return keyedPage(f, keys, need), c.args, nil
}

func firstN(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}
