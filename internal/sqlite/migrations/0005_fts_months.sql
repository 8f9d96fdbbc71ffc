-- Every event's full-text row also holds the month of its sort date
-- (plan.go, monthTerm), so that a common word's matches can be read one
-- month at a time, newest first.
UPDATE events_fts SET terms = terms || ' ' || coalesce((
	SELECT CASE WHEN length(e.date_lo) >= 7 THEN 'raqibmonth' || substr(e.date_lo, 1, 4) || substr(e.date_lo, 6, 2) ELSE 'raqibmonthnone' END
	FROM events e WHERE e.seq = events_fts.rowid), 'raqibmonthnone');
