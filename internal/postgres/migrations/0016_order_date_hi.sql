-- A page of a date range tests date_hi (an event overlapping the range may
-- start before it). events_order (date_lo DESC, id) could not: PostgreSQL
-- read such pages from events_stats_date instead, which tests date_hi in
-- the index but is not in listing order, and sorted them, reading every
-- event of the page's last day from the heap to do so (about 230 rows for
-- a page of 100 at a million events). With date_hi in events_order's key,
-- after the listing order, the test is an index condition on the index
-- that gives the order: the page reads its own rows and stops.
DROP INDEX IF EXISTS events_order;
CREATE INDEX events_order ON events (date_lo DESC, id, date_hi);
