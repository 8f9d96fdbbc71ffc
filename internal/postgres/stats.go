package postgres

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/raqib/raqib/internal/event"
)

// Stats counts matching events by day, type, actor and admin1. Without a
// filter it reads the rollups kept at ingest (migration 0006), a few rows
// per day and type, instead of the events; a filter by types and dates
// reads its days, types and incidents from the day×type rollup (and,
// without dates, its actors and governorates from the totals by type,
// migration 0017), one by
// actors or a governorate (with types and dates or not) everything but
// its incidents from the facet rollup (migration 0010). Other filters
// (words, places, a document, claim, country, fatalities, background)
// count their matches.
func (s *Store) Stats(ctx context.Context, f event.Filter) (event.Stats, error) {
	f.Cursor = ""
	w, err := where(f, false)
	if err != nil {
		return event.Stats{}, err
	}
	var rolled func() (event.Stats, bool, error)
	switch {
	case len(w.parts) == 0:
		rolled = func() (event.Stats, bool, error) { return s.rolledUp(ctx) }
	case byDayType(f):
		rolled = func() (event.Stats, bool, error) { return s.rolledUpDays(ctx, f, w) }
	case byFacets(f):
		rolled = func() (event.Stats, bool, error) { return s.rolledUpFacets(ctx, f, w) }
	}
	if rolled != nil {
		st, ok, err := rolled()
		if err != nil {
			return event.Stats{}, fmt.Errorf("stats: %w", err)
		}
		if ok {
			return st, nil
		}
	}
	return s.scanStats(ctx, w)
}

// byFacets says whether f filters by actors or a governorate, with types
// and dates or not, and nothing else, so that its counts can be read from
// stats_facet.
func byFacets(f event.Filter) bool {
	g := f
	g.Types, g.From, g.To, g.Actors, g.Admin1 = nil, "", "", nil, ""
	w, err := where(g, false)
	return err == nil && len(w.parts) == 0 && (len(f.Actors) > 0 || f.Admin1 != "")
}

// keepDays says which dates as written an event must have to match f's
// range: the days a date covers meet the range, as where matches events.
func keepDays(f event.Filter) func(day string) bool {
	return func(day string) bool {
		if f.From == "" && f.To == "" {
			return true
		}
		lo, hi, ok := event.DateRange(day)
		return ok && (f.From == "" || hi >= f.From) && (f.To == "" || lo <= f.To)
	}
}

// rollupConds is the WHERE clause of f over a rollup by date as written:
// its types, its actors and governorate when facets, and the dates from a
// year before its range (where a year-dated event that reaches into it is
// written) to its end; keepDays then keeps the dates that meet the range.
func rollupConds(f event.Filter, facets bool) *cond {
	c := &cond{}
	if len(f.Types) > 0 {
		c.parts = append(c.parts, c.in("event_type", f.Types))
	}
	if start := event.EarliestStart(f.From); len(start) >= 4 {
		// "2019" sorts before every day of 2019: bound by the year
		c.add("date >= %s", start[:4])
	}
	if f.To != "" {
		// a date written as a month or a year sorts before its days
		c.add("date <> '' AND date <= %s", f.To)
	}
	if facets && len(f.Actors) > 0 {
		c.parts = append(c.parts, "("+c.in("actor1", f.Actors)+" OR "+c.in("actor2", f.Actors)+")")
	}
	if facets && f.Admin1 != "" {
		c.add("admin1 = %s", f.Admin1)
	}
	return c
}

// facetQuery reads the rows of stats_facet that f's events may be counted
// in, newest date first.
func facetQuery(f event.Filter) (string, []any) {
	c := rollupConds(f, true)
	return `SELECT date, event_type, admin1, actor1, actor2, events FROM stats_facet` + c.sql() + ` ORDER BY date DESC`, c.args
}

// keyIncidentsQuery reads the incidents by day and type of a filter by one
// actor or one governorate (with types and dates or not) from
// stats_key_day; false for other filters.
func keyIncidentsQuery(f event.Filter) (string, []any, bool) {
	g := f
	g.Actors, g.Admin1 = nil, ""
	c := rollupConds(g, false)
	switch {
	case len(f.Actors) == 1 && f.Admin1 == "":
		c.add("kind = 'a' AND key = %s", f.Actors[0])
	case len(f.Actors) == 0 && f.Admin1 != "":
		c.add("kind = 'g' AND key = %s", f.Admin1)
	default:
		return "", nil, false
	}
	return `SELECT date, event_type, incidents FROM stats_key_day` + and(c.sql(), "date <> '' AND incidents > 0") +
		` ORDER BY date DESC, event_type`, c.args, true
}

// keptDayTypeCounts is dayTypeCounts of the dates as written keep says
// meet a filter's range.
func keptDayTypeCounts(ctx context.Context, db querier, q string, args []any, keep func(string) bool) ([]event.DayTypeCount, error) {
	all, err := dayTypeCounts(ctx, db, q, args)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, c := range all {
		if keep(c.Day) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// incidentsQuery counts the incidents of f's events by day and type over
// the matching events (w, where(f)): an incident counts once however many
// of its reports match.
func incidentsQuery(w *cond) string {
	return `SELECT e.date, e.event_type, count(DISTINCT CASE WHEN e.incident <> '' THEN e.incident ELSE e.id END)
		FROM events e` + and(w.sql(), "e.date <> ''") + ` GROUP BY e.date, e.event_type ORDER BY e.date DESC, e.event_type`
}

// facetStats counts f's events by day, type, actor and governorate from
// stats_facet (ByDayType, the incidents, is left empty).
func facetStats(ctx context.Context, tx pgx.Tx, f event.Filter) (event.Stats, error) {
	q, args := facetQuery(f)
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return event.Stats{}, err
	}
	defer rows.Close()
	keep := keepDays(f)
	var st event.Stats
	byType, byActor, byAdmin1 := map[string]int{}, map[string]int{}, map[string]int{}
	for rows.Next() {
		var k facet
		var n int
		if err := rows.Scan(&k.date, &k.typ, &k.admin1, &k.actor1, &k.actor2, &n); err != nil {
			return event.Stats{}, err
		}
		if n <= 0 || !keep(k.date) {
			continue
		}
		st.Events += n
		byType[k.typ] += n
		if k.actor1 != "" {
			byActor[k.actor1] += n
		}
		if k.actor2 != "" && k.actor2 != k.actor1 {
			byActor[k.actor2] += n
		}
		if k.admin1 != "" {
			byAdmin1[k.admin1] += n
		}
		if k.date == "" {
			continue
		}
		if i := len(st.ByDay) - 1; i >= 0 && st.ByDay[i].Key == k.date {
			st.ByDay[i].N += n
		} else {
			st.ByDay = append(st.ByDay, event.Count{Key: k.date, N: n})
		}
	}
	if err := rows.Err(); err != nil {
		return event.Stats{}, err
	}
	st.ByType, st.ByActor, st.ByAdmin1 = mostFirst(byType), mostFirst(byActor), mostFirst(byAdmin1)
	return st, nil
}

// mostFirst returns the counts of m, the largest first, then by key; nil
// for none.
func mostFirst(m map[string]int) []event.Count {
	var out []event.Count
	for k, n := range m {
		out = append(out, event.Count{Key: k, N: n})
	}
	slices.SortFunc(out, func(a, b event.Count) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Key, b.Key)) })
	return out
}

// rolledUpFacets reads the stats of a filter by actors or governorate
// (byFacets) from stats_facet; the incidents by day and type, which count
// an incident once however many of its reports match, are counted over the
// matching events in the same snapshot. It says false while writes not yet
// folded in are pending, as rolledUp.
func (s *Store) rolledUpFacets(ctx context.Context, f event.Filter, w *cond) (event.Stats, bool, error) {
	var st event.Stats
	ok := false
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var pending bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM stats_delta)`).Scan(&pending); err != nil || pending {
			return err
		}
		var err error
		if st, err = facetStats(ctx, tx, f); err != nil {
			return err
		}
		if st.Events > 0 {
			if q, args, ok := keyIncidentsQuery(f); ok {
				st.ByDayType, err = keptDayTypeCounts(ctx, tx, q, args, keepDays(f))
			} else {
				st.ByDayType, err = dayTypeCounts(ctx, tx, incidentsQuery(w), w.args)
			}
			if err != nil {
				return err
			}
		}
		ok = true
		return nil
	})
	return st, ok, err
}

// and adds a condition to a WHERE clause that may be empty.
func and(where, part string) string {
	if where == "" {
		return " WHERE " + part
	}
	return where + " AND " + part
}

// byDayType says whether f filters by types and dates alone, so that its
// days, types and incidents can be read from stats_day_type.
func byDayType(f event.Filter) bool {
	g := f
	g.Types, g.From, g.To = nil, "", ""
	w, err := where(g, false)
	return err == nil && len(w.parts) == 0
}

// rolledUpDays reads the stats of a filter by types and dates (byDayType)
// from stats_day_type: the rows of its types and dates as written that
// meet its range (rollupConds, keepDays). Without dates its actors and
// admin1 come from the totals by type (migration 0017); with dates they
// are counted over the matching events, in one pass and the same
// snapshot: on a store of 100,000 events whose dates spread over ten
// years, reading them from stats_facet (about a row an event there) took
// longer. It says false while writes not yet folded in are pending, as
// rolledUp.
func (s *Store) rolledUpDays(ctx context.Context, f event.Filter, w *cond) (event.Stats, bool, error) {
	var st event.Stats
	ok := false
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var pending bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM stats_delta)`).Scan(&pending); err != nil || pending {
			return err
		}
		q, args := dayTypeQuery(f)
		rows, err := tx.Query(ctx, q, args...)
		if err != nil {
			return err
		}
		if st, err = dayTypeStats(rows, keepDays(f), false); err != nil {
			return err
		}
		if st.Events == 0 {
			ok = true
			return nil
		}
		// actors and admin1 in one pass over the matches, or from the
		// totals by type when f has no dates: 0 an actor, 1 an admin1
		aq, aargs := typeActorsAdmin1(f, w)
		rows, err = tx.Query(ctx, aq, aargs...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var kind int
			var c event.Count
			if err := rows.Scan(&kind, &c.Key, &c.N); err != nil {
				rows.Close()
				return err
			}
			if kind == 0 {
				st.ByActor = append(st.ByActor, c)
			} else {
				st.ByAdmin1 = append(st.ByAdmin1, c)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		ok = true
		return nil
	})
	return st, ok, err
}

// dayTypeQuery reads the rows of stats_day_type f's events may be counted
// in, newest date first.
func dayTypeQuery(f event.Filter) (string, []any) {
	c := rollupConds(f, false)
	return `SELECT date, event_type, events, incidents FROM stats_day_type` + c.sql() + ` ORDER BY date DESC, event_type`, c.args
}

// typeActorsAdmin1 is the query of a filter by types and dates
// (byDayType, its events w) that counts its events by actor and admin1:
// from the totals by type without dates, over the events with them.
func typeActorsAdmin1(f event.Filter, w *cond) (string, []any) {
	if f.From == "" && f.To == "" && len(f.Types) > 0 {
		return typeTotalsQuery, []any{f.Types}
	}
	return actorsAdmin1Query(w), w.args
}

// typeTotalsQuery reads the events of the types $1 by actor (kind 0) and
// admin1 (kind 1) from the totals by type (migration 0017), in the order
// of actorsAdmin1Query.
const typeTotalsQuery = `SELECT 0 AS kind, actor AS k, sum(events)::bigint AS n FROM stats_type_actor WHERE event_type = ANY($1) GROUP BY actor
	UNION ALL SELECT 1, admin1, sum(events)::bigint FROM stats_type_admin1 WHERE event_type = ANY($1) GROUP BY admin1
	ORDER BY kind, n DESC, k`

// actorsAdmin1Query counts the events matching w by actor (kind 0) and
// admin1 (kind 1).
func actorsAdmin1Query(w *cond) string {
	return `WITH m AS MATERIALIZED (SELECT e.actor1, e.actor2, e.admin1 FROM events e` + w.sql() + `)
		SELECT 0 AS kind, k, count(*) AS n FROM (SELECT actor1 AS k FROM m UNION ALL SELECT actor2 FROM m WHERE actor2 <> actor1) AS x
			WHERE k <> '' GROUP BY k
		UNION ALL SELECT 1, admin1, count(*) FROM m WHERE admin1 <> '' GROUP BY admin1
		ORDER BY kind, n DESC, k`
}

// scanStats counts the events matching w.
func (s *Store) scanStats(ctx context.Context, w *cond) (event.Stats, error) {
	m := `WITH m AS (SELECT e.date, e.event_type, e.actor1, e.actor2, e.admin1, e.incident, e.id FROM events e` + w.sql() + `) `
	return s.stats(ctx, s.pool, w.args, m+`SELECT date, count(*) FROM m WHERE date <> '' GROUP BY date ORDER BY date DESC`,
		m+`SELECT event_type, count(*) AS n FROM m GROUP BY event_type ORDER BY n DESC, event_type`,
		m+`SELECT k, count(*) AS n FROM (SELECT actor1 AS k FROM m UNION ALL SELECT actor2 FROM m WHERE actor2 <> actor1) AS x
			WHERE k <> '' GROUP BY k ORDER BY n DESC, k`,
		m+`SELECT admin1, count(*) AS n FROM m WHERE admin1 <> '' GROUP BY admin1 ORDER BY n DESC, admin1`,
		m+`SELECT date, event_type, count(DISTINCT CASE WHEN incident <> '' THEN incident ELSE id END) FROM m
			WHERE date <> '' GROUP BY date, event_type ORDER BY date DESC, event_type`)
}

// rolledUp reads the unfiltered stats from the rollups, in one snapshot.
// It says false when writes not yet folded in are pending (an update of
// events made outside Put), which only a scan of the events can count.
func (s *Store) rolledUp(ctx context.Context) (event.Stats, bool, error) {
	var st event.Stats
	ok := false
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var pending bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM stats_delta)`).Scan(&pending); err != nil || pending {
			return err
		}
		// one pass over the day×type rows gives the days, the types and the
		// incidents; read backwards in the order of the primary key, and
		// each day's types turned round for ByDayType's order
		rows, err := tx.Query(ctx, `SELECT date, event_type, events, incidents FROM stats_day_type ORDER BY date DESC, event_type DESC`)
		if err != nil {
			return err
		}
		if st, err = dayTypeStats(rows, nil, true); err != nil {
			return err
		}
		if st.ByActor, err = counts(ctx, tx, `SELECT actor, events FROM stats_actor WHERE events > 0 ORDER BY events DESC, actor`, nil); err != nil {
			return err
		}
		if st.ByAdmin1, err = counts(ctx, tx, `SELECT admin1, events FROM stats_admin1 WHERE events > 0 ORDER BY events DESC, admin1`, nil); err != nil {
			return err
		}
		ok = true
		return nil
	})
	return st, ok, err
}

// dayTypeStats folds rows of (date, event_type, events, incidents), newest
// day first, into the event total, the days, the types (most first) and
// ByDayType of a Stats, and closes rows. keep (nil for every row) says
// which dates as written to count; typesDesc says each day's types come in
// descending order (the primary key read backwards) and are turned round
// for ByDayType's order.
func dayTypeStats(rows pgx.Rows, keep func(day string) bool, typesDesc bool) (event.Stats, error) {
	defer rows.Close()
	var st event.Stats
	byType := map[string]int{}
	dayStart := 0 // where the current day's ByDayType counts start
	for rows.Next() {
		var c event.DayTypeCount
		var events int
		if err := rows.Scan(&c.Day, &c.Type, &events, &c.N); err != nil {
			return event.Stats{}, err
		}
		if keep != nil && !keep(c.Day) {
			continue
		}
		st.Events += events
		byType[c.Type] += events
		if c.Day == "" {
			continue
		}
		if n := len(st.ByDay); n > 0 && st.ByDay[n-1].Key == c.Day {
			st.ByDay[n-1].N += events
		} else {
			if typesDesc {
				slices.Reverse(st.ByDayType[dayStart:])
			}
			dayStart = len(st.ByDayType)
			st.ByDay = append(st.ByDay, event.Count{Key: c.Day, N: events})
		}
		if c.N > 0 {
			st.ByDayType = append(st.ByDayType, c)
		}
	}
	if err := rows.Err(); err != nil {
		return event.Stats{}, err
	}
	if typesDesc {
		slices.Reverse(st.ByDayType[dayStart:])
	}
	for k, n := range byType {
		st.ByType = append(st.ByType, event.Count{Key: k, N: n})
	}
	slices.SortFunc(st.ByType, func(a, b event.Count) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Key, b.Key)) })
	return st, nil
}

// stats runs the five counting queries of Stats, each giving key and count
// (ByDayType: day, type and count).
func (s *Store) stats(ctx context.Context, db querier, args []any, byDay, byType, byActor, byAdmin1, byDayType string) (event.Stats, error) {
	var st event.Stats
	var err error
	for _, q := range []struct {
		dst *[]event.Count
		sql string
	}{
		{&st.ByDay, byDay},
		{&st.ByType, byType},
		{&st.ByActor, byActor},
		{&st.ByAdmin1, byAdmin1},
	} {
		if *q.dst, err = counts(ctx, db, q.sql, args); err != nil {
			return event.Stats{}, fmt.Errorf("stats: %w", err)
		}
	}
	for _, c := range st.ByType {
		st.Events += c.N
	}
	if st.ByDayType, err = dayTypeCounts(ctx, db, byDayType, args); err != nil {
		return event.Stats{}, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

func dayTypeCounts(ctx context.Context, db querier, q string, args []any) ([]event.DayTypeCount, error) {
	rows, err := db.Query(ctx, q, args...)
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

func counts(ctx context.Context, db querier, q string, args []any) ([]event.Count, error) {
	rows, err := db.Query(ctx, q, args...)
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

// dayType is a date as written and an event type.
type dayType struct{ date, typ string }

// dayIncident is an incident (or a lone event's id) on a date and type.
type dayIncident struct {
	dayType
	ikey string
}

// foldStats moves the changes the triggers logged in stats_delta into the
// rollups. It must run under the linker's lock (linkLock): one writer at a
// time updates the counters, so they are never locked in two orders.
func foldStats(ctx context.Context, tx pgx.Tx) error {
	rows, err := tx.Query(ctx, `WITH d AS (DELETE FROM stats_delta RETURNING *)
		SELECT date, event_type, admin1, actor1, actor2, ikey, sum(n) FROM d GROUP BY 1, 2, 3, 4, 5, 6`)
	if err != nil {
		return fmt.Errorf("fold stats: %w", err)
	}
	days := map[dayType]int64{}
	incs := map[dayIncident]int64{}
	facets := map[facet]int64{}
	keyIncs := map[keyIncident]int64{}
	actors := map[string]int64{}
	admin1 := map[string]int64{}
	typeActors := map[[2]string]int64{} // type, actor
	typeAdmin1 := map[[2]string]int64{} // type, governorate
	for rows.Next() {
		var d dayIncident
		var ad, a1, a2 string
		var n int64
		if err := rows.Scan(&d.date, &d.typ, &ad, &a1, &a2, &d.ikey, &n); err != nil {
			rows.Close()
			return fmt.Errorf("fold stats: %w", err)
		}
		days[d.dayType] += n
		incs[d] += n
		facets[facet{d.dayType, ad, a1, a2}] += n
		if a1 != "" {
			keyIncs[keyIncident{actorKey, a1, d}] += n
		}
		if a2 != "" && a2 != a1 {
			keyIncs[keyIncident{actorKey, a2, d}] += n
		}
		if ad != "" {
			keyIncs[keyIncident{admin1Key, ad, d}] += n
		}
		if a1 != "" {
			actors[a1] += n
			typeActors[[2]string{d.typ, a1}] += n
		}
		if a2 != "" && a2 != a1 {
			actors[a2] += n
			typeActors[[2]string{d.typ, a2}] += n
		}
		if ad != "" {
			admin1[ad] += n
			typeAdmin1[[2]string{d.typ, ad}] += n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("fold stats: %w", err)
	}
	if len(days) == 0 {
		return nil
	}
	// An incident counts on a date and type while it has an event there:
	// the ones whose count leaves or reaches zero change the day's total.
	keys := sortedKeys(incs, func(a, b dayIncident) int {
		return cmp.Or(cmp.Compare(a.date, b.date), cmp.Compare(a.typ, b.typ), cmp.Compare(a.ikey, b.ikey))
	})
	var dates, types, ikeys []string
	var ns []int64
	for _, k := range keys {
		if incs[k] != 0 {
			dates, types, ikeys, ns = append(dates, k.date), append(types, k.typ), append(ikeys, k.ikey), append(ns, incs[k])
		}
	}
	incidents := map[dayType]int64{}
	rows, err = tx.Query(ctx, `INSERT INTO stats_day_incident AS s (date, event_type, ikey, events)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[])
		ON CONFLICT (date, event_type, ikey) DO UPDATE SET events = s.events + EXCLUDED.events
		RETURNING date, event_type, ikey, events`,
		dates, types, ikeys, ns)
	if err != nil {
		return fmt.Errorf("fold stats: %w", err)
	}
	for rows.Next() {
		var d dayIncident
		var now int64
		if err := rows.Scan(&d.date, &d.typ, &d.ikey, &now); err != nil {
			rows.Close()
			return fmt.Errorf("fold stats: %w", err)
		}
		before := now - incs[d]
		switch {
		case before <= 0 && now > 0:
			incidents[d.dayType]++
		case before > 0 && now <= 0:
			incidents[d.dayType]--
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("fold stats: %w", err)
	}
	dates, types = dates[:0], types[:0]
	var evs, ins []int64
	for _, k := range sortedKeys(days, func(a, b dayType) int { return cmp.Or(cmp.Compare(a.date, b.date), cmp.Compare(a.typ, b.typ)) }) {
		dates, types, evs, ins = append(dates, k.date), append(types, k.typ), append(evs, days[k]), append(ins, incidents[k])
	}
	b := &pgx.Batch{}
	b.Queue(`DELETE FROM stats_day_incident WHERE (date, event_type) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND events <= 0`, dates, types)
	b.Queue(`INSERT INTO stats_day_type AS s (date, event_type, events, incidents)
		SELECT * FROM unnest($1::text[], $2::text[], $3::int8[], $4::int8[])
		ON CONFLICT (date, event_type) DO UPDATE SET events = s.events + EXCLUDED.events, incidents = s.incidents + EXCLUDED.incidents`,
		dates, types, evs, ins)
	b.Queue(`DELETE FROM stats_day_type WHERE (date, event_type) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND events <= 0`, dates, types)
	for _, t := range []struct {
		table, col string
		n          map[string]int64
	}{{"stats_actor", "actor", actors}, {"stats_admin1", "admin1", admin1}} {
		ks := sortedKeys(t.n, cmp.Compare[string])
		vs := make([]int64, len(ks))
		for i, k := range ks {
			vs[i] = t.n[k]
		}
		b.Queue(`INSERT INTO `+t.table+` AS s (`+t.col+`, events) SELECT * FROM unnest($1::text[], $2::int8[])
			ON CONFLICT (`+t.col+`) DO UPDATE SET events = s.events + EXCLUDED.events`, ks, vs)
		b.Queue(`DELETE FROM `+t.table+` WHERE `+t.col+` = ANY($1) AND events <= 0`, ks)
	}
	for _, t := range []struct {
		table, col string
		n          map[[2]string]int64
	}{{"stats_type_actor", "actor", typeActors}, {"stats_type_admin1", "admin1", typeAdmin1}} {
		ks := sortedKeys(t.n, func(a, b [2]string) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
		typs, keys, vs := make([]string, len(ks)), make([]string, len(ks)), make([]int64, len(ks))
		for i, k := range ks {
			typs[i], keys[i], vs[i] = k[0], k[1], t.n[k]
		}
		b.Queue(`INSERT INTO `+t.table+` AS s (event_type, `+t.col+`, events) SELECT * FROM unnest($1::text[], $2::text[], $3::int8[])
			ON CONFLICT (event_type, `+t.col+`) DO UPDATE SET events = s.events + EXCLUDED.events`, typs, keys, vs)
		b.Queue(`DELETE FROM `+t.table+` WHERE (event_type, `+t.col+`) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND events <= 0`, typs, keys)
	}
	queueFacets(b, facets)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("fold stats: %w", err)
	}
	if err := foldKeyIncidents(ctx, tx, keyIncs); err != nil {
		return fmt.Errorf("fold stats: %w", err)
	}
	return nil
}

// The kinds of key stats_key_incident counts incidents for.
const (
	actorKey  = "a" // an actor, as actor1 or actor2
	admin1Key = "g" // a governorate
)

// keyIncident is a row of stats_key_incident: an incident (or a lone
// event's id) on a date and type among the events of an actor or a
// governorate.
type keyIncident struct {
	kind, key string
	dayIncident
}

// foldKeyIncidents adds n to stats_key_incident and counts in
// stats_key_day the incidents whose count there leaves or reaches zero,
// as the day×type rollup does for all events.
func foldKeyIncidents(ctx context.Context, tx pgx.Tx, n map[keyIncident]int64) error {
	ks := sortedKeys(n, func(a, b keyIncident) int {
		return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.key, b.key), cmp.Compare(a.date, b.date),
			cmp.Compare(a.typ, b.typ), cmp.Compare(a.ikey, b.ikey))
	})
	var kinds, keys, dates, types, ikeys []string
	var ns []int64
	for _, k := range ks {
		if n[k] != 0 {
			kinds, keys, dates, types = append(kinds, k.kind), append(keys, k.key), append(dates, k.date), append(types, k.typ)
			ikeys, ns = append(ikeys, k.ikey), append(ns, n[k])
		}
	}
	if len(ns) == 0 {
		return nil
	}
	type keyDay struct{ kind, key, date, typ string }
	days := map[keyDay]int64{}
	rows, err := tx.Query(ctx, `INSERT INTO stats_key_incident AS s (kind, key, date, event_type, ikey, events)
		SELECT * FROM unnest($1::"char"[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int8[])
		ON CONFLICT (kind, key, date, event_type, ikey) DO UPDATE SET events = s.events + EXCLUDED.events
		RETURNING kind::text, key, date, event_type, ikey, events`,
		kinds, keys, dates, types, ikeys, ns)
	if err != nil {
		return err
	}
	for rows.Next() {
		var k keyIncident
		var now int64
		if err := rows.Scan(&k.kind, &k.key, &k.date, &k.typ, &k.ikey, &now); err != nil {
			rows.Close()
			return err
		}
		before := now - n[k]
		d := keyDay{k.kind, k.key, k.date, k.typ}
		switch {
		case before <= 0 && now > 0:
			days[d]++
		case before > 0 && now <= 0:
			days[d]--
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	b := &pgx.Batch{}
	b.Queue(`DELETE FROM stats_key_incident WHERE (kind, key, date, event_type, ikey) IN
		(SELECT * FROM unnest($1::"char"[], $2::text[], $3::text[], $4::text[], $5::text[])) AND events <= 0`,
		kinds, keys, dates, types, ikeys)
	kinds, keys, dates, types, ns = kinds[:0], keys[:0], dates[:0], types[:0], ns[:0]
	for _, d := range sortedKeys(days, func(a, b keyDay) int {
		return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.key, b.key), cmp.Compare(a.date, b.date), cmp.Compare(a.typ, b.typ))
	}) {
		if days[d] != 0 {
			kinds, keys, dates, types, ns = append(kinds, d.kind), append(keys, d.key), append(dates, d.date), append(types, d.typ), append(ns, days[d])
		}
	}
	if len(ns) > 0 {
		b.Queue(`INSERT INTO stats_key_day AS s (kind, key, date, event_type, incidents)
			SELECT * FROM unnest($1::"char"[], $2::text[], $3::text[], $4::text[], $5::int8[])
			ON CONFLICT (kind, key, date, event_type) DO UPDATE SET incidents = s.incidents + EXCLUDED.incidents`,
			kinds, keys, dates, types, ns)
		b.Queue(`DELETE FROM stats_key_day WHERE (kind, key, date, event_type) IN
			(SELECT * FROM unnest($1::"char"[], $2::text[], $3::text[], $4::text[])) AND incidents <= 0`,
			kinds, keys, dates, types)
	}
	return tx.SendBatch(ctx, b).Close()
}

// facet is a row of stats_facet: a date as written, a type, a governorate
// and the two actors.
type facet struct {
	dayType
	admin1, actor1, actor2 string
}

// queueFacets adds the changes to stats_facet to b, in the order of its
// primary key, and drops the rows left with no events.
func queueFacets(b *pgx.Batch, n map[facet]int64) {
	ks := sortedKeys(n, func(a, b facet) int {
		return cmp.Or(cmp.Compare(a.date, b.date), cmp.Compare(a.typ, b.typ), cmp.Compare(a.admin1, b.admin1),
			cmp.Compare(a.actor1, b.actor1), cmp.Compare(a.actor2, b.actor2))
	})
	var dates, types, admin1, actor1, actor2 []string
	var evs []int64
	for _, k := range ks {
		if n[k] == 0 {
			continue
		}
		dates, types, admin1 = append(dates, k.date), append(types, k.typ), append(admin1, k.admin1)
		actor1, actor2, evs = append(actor1, k.actor1), append(actor2, k.actor2), append(evs, n[k])
	}
	if len(dates) == 0 {
		return
	}
	b.Queue(`INSERT INTO stats_facet AS s (date, event_type, admin1, actor1, actor2, events)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int8[])
		ON CONFLICT (date, event_type, admin1, actor1, actor2) DO UPDATE SET events = s.events + EXCLUDED.events`,
		dates, types, admin1, actor1, actor2, evs)
	b.Queue(`DELETE FROM stats_facet WHERE (date, event_type, admin1, actor1, actor2) IN
		(SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])) AND events <= 0`,
		dates, types, admin1, actor1, actor2)
}

func sortedKeys[K comparable, V any](m map[K]V, compare func(a, b K) int) []K {
	ks := make([]K, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, compare)
	return ks
}
