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
// per day and type, instead of the events.
func (s *Store) Stats(ctx context.Context, f event.Filter) (event.Stats, error) {
	f.Cursor = ""
	w, err := where(f, false)
	if err != nil {
		return event.Stats{}, err
	}
	if len(w.parts) == 0 {
		st, ok, err := s.rolledUp(ctx)
		if err != nil {
			return event.Stats{}, fmt.Errorf("stats: %w", err)
		}
		if ok {
			return st, nil
		}
	} else if byDayType(f) {
		st, ok, err := s.rolledUpDays(ctx, f, w)
		if err != nil {
			return event.Stats{}, fmt.Errorf("stats: %w", err)
		}
		if ok {
			return st, nil
		}
	}
	return s.scanStats(ctx, w)
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
// from stats_day_type: the rows of its types from a year before its range
// (where a year-dated event that reaches into it is written) to its end,
// each date as written kept when the days it covers meet the range, as
// where matches events. Actors and admin1 are not in that rollup: they are
// counted over the matching events, in one pass and the same snapshot. It
// says false while writes not yet folded in are pending, as rolledUp.
func (s *Store) rolledUpDays(ctx context.Context, f event.Filter, w *cond) (event.Stats, bool, error) {
	var st event.Stats
	ok := false
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var pending bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM stats_delta)`).Scan(&pending); err != nil || pending {
			return err
		}
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
		rows, err := tx.Query(ctx, `SELECT date, event_type, events, incidents FROM stats_day_type`+c.sql()+
			` ORDER BY date DESC, event_type`, c.args...)
		if err != nil {
			return err
		}
		keep := func(day string) bool {
			if f.From == "" && f.To == "" {
				return true
			}
			lo, hi, ok := event.DateRange(day)
			return ok && (f.From == "" || hi >= f.From) && (f.To == "" || lo <= f.To)
		}
		if st, err = dayTypeStats(rows, keep, false); err != nil {
			return err
		}
		if st.Events == 0 {
			ok = true
			return nil
		}
		// actors and admin1 in one pass over the matches: 0 an actor, 1 an admin1
		rows, err = tx.Query(ctx, `WITH m AS MATERIALIZED (SELECT e.actor1, e.actor2, e.admin1 FROM events e`+w.sql()+`)
			SELECT 0 AS kind, k, count(*) AS n FROM (SELECT actor1 AS k FROM m UNION ALL SELECT actor2 FROM m WHERE actor2 <> actor1) AS x
				WHERE k <> '' GROUP BY k
			UNION ALL SELECT 1, admin1, count(*) FROM m WHERE admin1 <> '' GROUP BY admin1
			ORDER BY kind, n DESC, k`, w.args...)
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
	actors := map[string]int64{}
	admin1 := map[string]int64{}
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
		if a1 != "" {
			actors[a1] += n
		}
		if a2 != "" && a2 != a1 {
			actors[a2] += n
		}
		if ad != "" {
			admin1[ad] += n
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
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("fold stats: %w", err)
	}
	return nil
}

func sortedKeys[K comparable, V any](m map[K]V, compare func(a, b K) int) []K {
	ks := make([]K, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, compare)
	return ks
}
