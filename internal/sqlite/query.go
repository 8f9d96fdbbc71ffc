package sqlite

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/event"
)

// cond is a WHERE clause under construction with numbered parameters.
type cond struct {
	parts []string
	args  []any
}

// arg adds a parameter and returns its placeholder.
func (c *cond) arg(v any) string {
	c.args = append(c.args, v)
	return "?" + strconv.Itoa(len(c.args))
}

func (c *cond) add(format string, vals ...any) {
	ph := make([]any, len(vals))
	for i, v := range vals {
		ph[i] = c.arg(v)
	}
	c.parts = append(c.parts, fmt.Sprintf(format, ph...))
}

func (c *cond) in(col string, vals []string) string {
	ph := make([]string, len(vals))
	for i, v := range vals {
		ph[i] = c.arg(v)
	}
	return col + " IN (" + strings.Join(ph, ", ") + ")"
}

func (c *cond) sql() string {
	if len(c.parts) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.parts, " AND ")
}

// ftsQuery turns terms into an FTS5 query in which every term must occur,
// each quoted so that nothing in it is read as FTS5 syntax.
func ftsQuery(terms []string) string {
	q := make([]string, len(terms))
	for i, t := range terms {
		q[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	return strings.Join(q, " ")
}

// where builds the WHERE clause for f over events e, for Stats (Events
// reads pages through plan).
func where(f event.Filter, withCursor bool) (*cond, error) {
	c := &cond{}
	if terms := event.QueryTerms(arabic.IndexTerms, f.Text); len(terms) > 0 {
		c.add("e.seq IN (SELECT "+ftsSeq+" FROM events_fts WHERE events_fts MATCH %s)", ftsQuery(terms))
	}
	addColumns(c, f, false)
	if b := f.PlaceBounds(); b != nil {
		c.add("e.seq IN (SELECT seq FROM events_geo WHERE max_lat >= %s AND min_lat <= %s AND max_lon >= %s AND min_lon <= %s)", b.MinLat, b.MaxLat, b.MinLon, b.MaxLon)
	}
	addDeskFilters(c, f)
	placeConds(c, f, "e.")
	if withCursor && f.Cursor != "" {
		cur, err := event.ParseCursor(f.Cursor)
		if err != nil {
			return nil, err
		}
		c.add("(e.date_lo < %s OR (e.date_lo = %[1]s AND e.id > %s))", cur.Sort, cur.ID)
	}
	return c, nil
}

// addDeskFilters adds the filters read from the stored event's JSON
// (country, background, fatalities): no column, no migration.
func addDeskFilters(c *cond, f event.Filter) {
	if f.Country != "" {
		c.add("json_extract(e.data, '$.location.country') = %s", f.Country)
	}
	switch f.Background {
	case event.BackgroundExclude:
		c.parts = append(c.parts, "COALESCE(json_extract(e.data, '$.background'), 0) = 0")
	case event.BackgroundOnly:
		c.parts = append(c.parts, "COALESCE(json_extract(e.data, '$.background'), 0) = 1")
	}
	if f.MinFatalities > 0 {
		c.add("COALESCE(json_extract(e.data, '$.fatalities'), 0) >= %s", f.MinFatalities)
	}
}
