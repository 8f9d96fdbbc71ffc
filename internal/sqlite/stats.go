package sqlite

import (
	"context"
	"fmt"

	"github.com/raqib/raqib/internal/event"
)

// Stats counts matching events by day, type, actor and admin1, and
// incidents by day and type. A filter on dates, types, actors, governorate,
// claim status and country is answered from the counts kept at ingest
// (migration 0007): its cost follows the days and facets it spans, not the
// events. Other filters (words, places, a document, the desk's fatalities
// and background) count their matches.
func (s *Store) Stats(ctx context.Context, f event.Filter) (event.Stats, error) {
	f.Cursor = ""
	var st event.Stats
	var err error
	if rollupAnswers(f) {
		st, err = s.rollupStats(ctx, f)
	} else {
		st, err = s.matchStats(ctx, f)
	}
	if err != nil {
		return event.Stats{}, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

// rollupAnswers says whether the rollups hold every column f filters on.
func rollupAnswers(f event.Filter) bool {
	return f.Text == "" && f.Doc == "" && f.BBox == nil && f.Near == nil && f.Background == "" && f.MinFatalities == 0
}

// facetFiltered says whether f filters on a column event_days lacks.
func facetFiltered(f event.Filter) bool {
	return len(f.Actors) > 0 || f.Admin1 != "" || f.ClaimStatus != "" || f.Country != ""
}

// rollupConds is the WHERE clause of f over a rollup table: dates, types
// and, for event_facets and event_totals, the facets.
func rollupConds(f event.Filter, dated, facets bool) *cond {
	c := &cond{}
	if dated && f.From != "" {
		c.add("date_hi >= %s AND date_lo >= %s", f.From, event.EarliestStart(f.From))
	}
	if dated && f.To != "" {
		c.add("date_lo <> '' AND date_lo <= %s", f.To)
	}
	if len(f.Types) > 0 {
		c.parts = append(c.parts, c.in("event_type", f.Types))
	}
	if !facets {
		return c
	}
	if len(f.Actors) > 0 {
		c.parts = append(c.parts, "("+c.in("actor1", f.Actors)+" OR "+c.in("actor2", f.Actors)+")")
	}
	if f.Admin1 != "" {
		c.add("admin1 = %s", f.Admin1)
	}
	if f.ClaimStatus != "" {
		c.add("claim_status = %s", f.ClaimStatus)
	}
	if f.Country != "" {
		c.add("country = %s", f.Country)
	}
	return c
}

// rollupStats answers Stats from the rollups: totals by type, actor and
// governorate from event_totals (no dates) or event_facets (dates); by day
// and incidents by day from event_days unless the filter names a facet,
// then by day from event_facets and incidents from the matching events.
func (s *Store) rollupStats(ctx context.Context, f event.Filter) (event.Stats, error) {
	dated := f.From != "" || f.To != ""
	facets := facetFiltered(f)
	var st event.Stats
	var err error
	// the facet counts over the filter, as a table m(event_type, admin1, actor1, actor2, n)
	fc := rollupConds(f, dated, true)
	m := `WITH m AS (SELECT event_type, admin1, actor1, actor2, n FROM event_totals` + fc.sql() + `) `
	if dated {
		m = `WITH m AS (SELECT event_type, admin1, actor1, actor2, n FROM event_facets` + fc.sql() + `) `
	}
	for _, q := range []struct {
		dst *[]event.Count
		sql string
	}{
		{&st.ByType, m + `SELECT event_type, sum(n) AS k FROM m GROUP BY event_type ORDER BY k DESC, event_type`},
		{&st.ByActor, m + `SELECT a, sum(n) AS k FROM (SELECT actor1 AS a, n FROM m UNION ALL SELECT actor2, n FROM m WHERE actor2 <> actor1) WHERE a <> '' GROUP BY a ORDER BY k DESC, a`},
		{&st.ByAdmin1, m + `SELECT admin1, sum(n) AS k FROM m WHERE admin1 <> '' GROUP BY admin1 ORDER BY k DESC, admin1`},
	} {
		if *q.dst, err = s.counts(ctx, q.sql, fc.args); err != nil {
			return event.Stats{}, err
		}
	}
	for _, c := range st.ByType {
		st.Events += c.N
	}
	if !facets {
		dc := rollupConds(f, true, false)
		if st.ByDay, err = s.counts(ctx, `SELECT date, sum(events) FROM event_days`+and(dc.sql(), "date <> ''")+` GROUP BY date ORDER BY date DESC`, dc.args); err != nil {
			return event.Stats{}, err
		}
		st.ByDayType, err = s.dayTypeCounts(ctx, `SELECT date, event_type, incidents FROM event_days`+and(dc.sql(), "date <> '' AND incidents > 0")+` ORDER BY date DESC, event_type`, dc.args)
		return st, err
	}
	dc := rollupConds(f, true, true)
	if st.ByDay, err = s.counts(ctx, `SELECT date, sum(n) FROM event_facets`+and(dc.sql(), "date <> ''")+` GROUP BY date ORDER BY date DESC`, dc.args); err != nil {
		return event.Stats{}, err
	}
	// Incidents are counted once per day and type however many of their
	// reports match: distinct over the matching events, which the facet
	// indexes find.
	w, err := where(f, false)
	if err != nil {
		return event.Stats{}, err
	}
	st.ByDayType, err = s.dayTypeCounts(ctx, `SELECT e.date, e.event_type, count(DISTINCT CASE WHEN e.incident <> '' THEN e.incident ELSE e.id END) FROM events e`+
		and(w.sql(), "e.date <> ''")+` GROUP BY e.date, e.event_type ORDER BY e.date DESC, e.event_type`, w.args)
	return st, err
}

// and adds a condition to a WHERE clause that may be empty.
func and(where, part string) string {
	if where == "" {
		return " WHERE " + part
	}
	return where + " AND " + part
}

// matchStats counts the events matching f one by one.
func (s *Store) matchStats(ctx context.Context, f event.Filter) (event.Stats, error) {
	w, err := where(f, false)
	if err != nil {
		return event.Stats{}, err
	}
	// only the counted columns: a covering index (migration 0006) holds them
	m := `WITH m AS (SELECT e.date, e.event_type, e.actor1, e.actor2, e.admin1, e.incident, e.id FROM events e` + w.sql() + `) `
	var st event.Stats
	for _, q := range []struct {
		dst *[]event.Count
		sql string
	}{
		{&st.ByDay, m + `SELECT date, count(*) FROM m WHERE date <> '' GROUP BY date ORDER BY date DESC`},
		{&st.ByType, m + `SELECT event_type, count(*) AS n FROM m GROUP BY event_type ORDER BY n DESC, event_type`},
		{&st.ByActor, m + `SELECT k, count(*) AS n FROM (SELECT actor1 AS k FROM m UNION ALL SELECT actor2 FROM m WHERE actor2 <> actor1) WHERE k <> '' GROUP BY k ORDER BY n DESC, k`},
		{&st.ByAdmin1, m + `SELECT admin1, count(*) AS n FROM m WHERE admin1 <> '' GROUP BY admin1 ORDER BY n DESC, admin1`},
	} {
		if *q.dst, err = s.counts(ctx, q.sql, w.args); err != nil {
			return event.Stats{}, err
		}
	}
	for _, c := range st.ByType {
		st.Events += c.N
	}
	if st.ByDayType, err = s.dayTypeCounts(ctx, m+`SELECT date, event_type, count(DISTINCT CASE WHEN incident <> '' THEN incident ELSE id END) FROM m WHERE date <> '' GROUP BY date, event_type ORDER BY date DESC, event_type`, w.args); err != nil {
		return event.Stats{}, err
	}
	return st, nil
}

func (s *Store) dayTypeCounts(ctx context.Context, q string, args []any) ([]event.DayTypeCount, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []event.DayTypeCount
	for rows.Next() {
		var c event.DayTypeCount
		if err := rows.Scan(&c.Day, &c.Type, &c.N); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) counts(ctx context.Context, q string, args []any) ([]event.Count, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []event.Count
	for rows.Next() {
		var c event.Count
		if err := rows.Scan(&c.Key, &c.N); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
