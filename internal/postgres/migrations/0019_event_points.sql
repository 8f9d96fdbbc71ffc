-- The points events are placed at, each once, with a GiST index: a place
-- page asks it whether the part of a box inside an edge cell holds any
-- event before walking that cell (gridSQL). The events' own GiST index
-- answers the same, but among the many events at one point (every event
-- placed at a town shares its gazetteer point) a probe read 169 buffers;
-- this table holds as many rows as there are places.
--
-- A point is added with the first event placed there and never removed:
-- a point no event is left at only makes a page walk a cell it could
-- have skipped.
CREATE TABLE event_points (
	lat DOUBLE PRECISION NOT NULL,
	lon DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (lat, lon)
);
INSERT INTO event_points (lat, lon)
	SELECT DISTINCT lat, lon FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL;
CREATE INDEX event_points_geo ON event_points USING gist (point(lon, lat));

CREATE FUNCTION event_points_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO event_points (lat, lon)
		SELECT DISTINCT lat, lon FROM new_rows WHERE lat IS NOT NULL AND lon IS NOT NULL
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
CREATE FUNCTION event_points_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO event_points (lat, lon) VALUES (NEW.lat, NEW.lon) ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
CREATE TRIGGER event_points_inserted AFTER INSERT ON events
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_points_inserted();
-- no code moves an event; a migration that does is followed
CREATE TRIGGER event_points_moved AFTER UPDATE OF lat, lon ON events FOR EACH ROW
	WHEN (NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL AND (OLD.lat IS DISTINCT FROM NEW.lat OR OLD.lon IS DISTINCT FROM NEW.lon))
	EXECUTE FUNCTION event_points_moved();
ANALYZE event_points;
