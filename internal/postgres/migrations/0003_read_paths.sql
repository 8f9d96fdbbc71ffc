-- Read paths whose cost follows the size of the answer (see plan.go): the
-- filter columns indexed together with the listing order, so that a page
-- of one type, actor or governorate is read newest first from one index
-- and stops after the page; and a GiST index over event points for
-- spatial filters.
DROP INDEX IF EXISTS events_type;
DROP INDEX IF EXISTS events_actor1;
DROP INDEX IF EXISTS events_actor2;
DROP INDEX IF EXISTS events_admin1;
DROP INDEX IF EXISTS events_latlon;
CREATE INDEX events_type_order ON events (event_type, date_lo DESC, id);
CREATE INDEX events_actor1_order ON events (actor1, date_lo DESC, id);
CREATE INDEX events_actor2_order ON events (actor2, date_lo DESC, id);
CREATE INDEX events_admin1_order ON events (admin1, date_lo DESC, id);
CREATE INDEX events_geo ON events USING gist (point(lon, lat)) WHERE lat IS NOT NULL AND lon IS NOT NULL;
