-- Read paths whose cost follows the size of the answer, not of the store
-- (see query.go, plan): an R*Tree over event points for spatial filters, a
-- table of (actor, date, id) so that one actor's events are read newest
-- first from one index whether the actor is actor1 or actor2, and an order
-- index that also holds what the date and spatial filters test, so that a
-- scan in date order reads no table row it does not return.
-- The R*Tree also carries each event's sort key and exact point (auxiliary
-- columns), so that a page of a place filter is read from it alone.
CREATE VIRTUAL TABLE events_geo USING rtree (seq, min_lat, max_lat, min_lon, max_lon, +date_lo, +date_hi, +id, +lat, +lon);
INSERT INTO events_geo (seq, min_lat, max_lat, min_lon, max_lon, date_lo, date_hi, id, lat, lon)
	SELECT seq, lat, lat, lon, lon, date_lo, date_hi, id, lat, lon FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL;
CREATE TRIGGER events_geo_insert AFTER INSERT ON events WHEN new.lat IS NOT NULL AND new.lon IS NOT NULL BEGIN
	INSERT INTO events_geo (seq, min_lat, max_lat, min_lon, max_lon, date_lo, date_hi, id, lat, lon)
		VALUES (new.seq, new.lat, new.lat, new.lon, new.lon, new.date_lo, new.date_hi, new.id, new.lat, new.lon);
END;
CREATE TRIGGER events_geo_delete AFTER DELETE ON events BEGIN
	DELETE FROM events_geo WHERE seq = old.seq;
END;

CREATE TABLE event_actors (
	actor   TEXT NOT NULL,
	date_lo TEXT NOT NULL,
	id      TEXT NOT NULL,
	seq     INTEGER NOT NULL,
	PRIMARY KEY (actor, date_lo DESC, id)
) WITHOUT ROWID;
CREATE INDEX event_actors_seq ON event_actors (seq);
INSERT INTO event_actors (actor, date_lo, id, seq) SELECT actor1, date_lo, id, seq FROM events WHERE actor1 <> '';
INSERT INTO event_actors (actor, date_lo, id, seq) SELECT actor2, date_lo, id, seq FROM events WHERE actor2 <> '' AND actor2 <> actor1;
CREATE TRIGGER event_actors_insert AFTER INSERT ON events BEGIN
	INSERT INTO event_actors (actor, date_lo, id, seq) SELECT new.actor1, new.date_lo, new.id, new.seq WHERE new.actor1 <> '';
	INSERT INTO event_actors (actor, date_lo, id, seq) SELECT new.actor2, new.date_lo, new.id, new.seq WHERE new.actor2 <> '' AND new.actor2 <> new.actor1;
END;
CREATE TRIGGER event_actors_delete AFTER DELETE ON events BEGIN
	DELETE FROM event_actors WHERE seq = old.seq;
END;

DROP INDEX IF EXISTS events_order;
CREATE INDEX events_order ON events (date_lo DESC, id, date_hi, lat, lon);
DROP INDEX IF EXISTS events_latlon;
