-- Incidents (SPEC §7): every event belongs to one; the linker finds a new
-- event's candidates by its coarse grid cell and the days it may describe
-- (link_lo..link_hi), so that linking stays cheap at a million events.
ALTER TABLE events ADD COLUMN incident TEXT NOT NULL DEFAULT '';
-- why the event joined its incident (incident.Link as JSON), '' for its first report
ALTER TABLE events ADD COLUMN incident_link TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN link_cell INTEGER;
ALTER TABLE events ADD COLUMN link_lo TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN link_hi TEXT NOT NULL DEFAULT '';
-- link_span: 0 for windows of up to a week and a day, 1 for longer ones (months), so that a
-- look-up scans a short range of the index for the many short windows
ALTER TABLE events ADD COLUMN link_span INTEGER NOT NULL DEFAULT 0;
CREATE INDEX events_link ON events (link_cell, link_span, link_lo) WHERE link_cell IS NOT NULL;
CREATE INDEX events_incident ON events (incident);

-- One row per incident: what is filtered and sorted on, and the whole
-- record (event.Incident without its reports) in data.
CREATE TABLE incidents (
	id         TEXT PRIMARY KEY,
	event_type TEXT NOT NULL,
	date_lo    TEXT NOT NULL DEFAULT '',
	date_hi    TEXT NOT NULL DEFAULT '',
	reports    INTEGER NOT NULL,
	articles   INTEGER NOT NULL,
	disputed   INTEGER NOT NULL DEFAULT 0,
	data       TEXT NOT NULL
);
CREATE INDEX incidents_order ON incidents (date_lo DESC, id);
