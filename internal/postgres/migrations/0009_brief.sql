-- What a list or a map shows of an event (event.Filter.Brief): its JSON
-- without the evidence, quantities, source and ACLED mapping, kept beside
-- the whole as text, so that a page sends and decodes a third of the bytes
-- and the server neither cuts the whole down nor prints a jsonb per row.
-- The backfill rewrites every row once; it changes no counted value, so
-- the stats trigger (migration 0006) is off while it runs.
ALTER TABLE events ADD COLUMN brief TEXT NOT NULL DEFAULT '';
ALTER TABLE events DISABLE TRIGGER events_stats_updated;
UPDATE events SET brief = (data - 'evidence' - 'quantities' - 'source' - 'acled')::text;
ALTER TABLE events ENABLE TRIGGER events_stats_updated;
