-- Filters that pick a type, an actor or a governorate are read newest first:
-- indexes that hold the filter column and the sort order let SQLite walk them
-- in order and stop after one page, instead of sorting every match.
DROP INDEX IF EXISTS events_type;
DROP INDEX IF EXISTS events_actor1;
DROP INDEX IF EXISTS events_actor2;
DROP INDEX IF EXISTS events_admin1;
CREATE INDEX events_type_order ON events (event_type, date_lo DESC, id);
CREATE INDEX events_actor1_order ON events (actor1, date_lo DESC, id);
CREATE INDEX events_actor2_order ON events (actor2, date_lo DESC, id);
CREATE INDEX events_admin1_order ON events (admin1, date_lo DESC, id);
