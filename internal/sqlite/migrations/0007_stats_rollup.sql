-- Stats and the timeline read counts kept at ingest, not the events (see
-- stats.go): triggers on events keep them in the write transaction, so a
-- new, replaced or deleted event and an event that changes incident are
-- counted as they are stored. The store never updates an event's date,
-- type, place, actors or claim in place (a changed article's events are
-- deleted and inserted again), so only inserts, deletes and incident
-- changes are counted.
--
-- event_days: events and incidents (SPEC §7: the reports of one occurrence
-- count once; an event not yet linked counts as its own) per date as
-- written and type. A (date, type, incident) is counted while at least one
-- event holds it: events_day_incident finds the others.
CREATE TABLE event_days (
	date_lo    TEXT NOT NULL,
	date       TEXT NOT NULL,
	event_type TEXT NOT NULL,
	date_hi    TEXT NOT NULL,
	events     INTEGER NOT NULL,
	incidents  INTEGER NOT NULL,
	PRIMARY KEY (date_lo, date, event_type)
) WITHOUT ROWID;
CREATE INDEX events_day_incident ON events (date, event_type, incident) WHERE incident <> '';

-- event_facets: events per date × type × governorate × actors × claim ×
-- country; event_totals: the same over all dates (the unfiltered and
-- undated questions read a few thousand rows, not one per day).
CREATE TABLE event_facets (
	date_lo      TEXT NOT NULL,
	date         TEXT NOT NULL,
	event_type   TEXT NOT NULL,
	admin1       TEXT NOT NULL,
	actor1       TEXT NOT NULL,
	actor2       TEXT NOT NULL,
	claim_status TEXT NOT NULL,
	country      TEXT NOT NULL,
	date_hi      TEXT NOT NULL,
	n            INTEGER NOT NULL,
	PRIMARY KEY (date_lo, date, event_type, admin1, actor1, actor2, claim_status, country)
) WITHOUT ROWID;
CREATE TABLE event_totals (
	event_type   TEXT NOT NULL,
	admin1       TEXT NOT NULL,
	actor1       TEXT NOT NULL,
	actor2       TEXT NOT NULL,
	claim_status TEXT NOT NULL,
	country      TEXT NOT NULL,
	n            INTEGER NOT NULL,
	PRIMARY KEY (event_type, admin1, actor1, actor2, claim_status, country)
) WITHOUT ROWID;

INSERT INTO event_days (date_lo, date, event_type, date_hi, events, incidents)
	SELECT date_lo, date, event_type, date_hi, count(*), count(DISTINCT CASE WHEN incident <> '' THEN incident ELSE id END)
	FROM events GROUP BY date_lo, date, event_type;
INSERT INTO event_facets (date_lo, date, event_type, admin1, actor1, actor2, claim_status, country, date_hi, n)
	SELECT date_lo, date, event_type, admin1, actor1, actor2, claim_status, coalesce(json_extract(data, '$.location.country'), ''), date_hi, count(*)
	FROM events GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
INSERT INTO event_totals (event_type, admin1, actor1, actor2, claim_status, country, n)
	SELECT event_type, admin1, actor1, actor2, claim_status, country, sum(n) FROM event_facets GROUP BY 1, 2, 3, 4, 5, 6;

CREATE TRIGGER rollup_insert AFTER INSERT ON events BEGIN
	INSERT INTO event_days (date_lo, date, event_type, date_hi, events, incidents)
		VALUES (new.date_lo, new.date, new.event_type, new.date_hi, 1,
			new.incident = '' OR NOT EXISTS (SELECT 1 FROM events x WHERE x.date = new.date AND x.event_type = new.event_type
				AND x.incident = new.incident AND x.incident <> '' AND x.seq <> new.seq))
		ON CONFLICT DO UPDATE SET events = events + 1, incidents = incidents + excluded.incidents;
	INSERT INTO event_facets (date_lo, date, event_type, admin1, actor1, actor2, claim_status, country, date_hi, n)
		VALUES (new.date_lo, new.date, new.event_type, new.admin1, new.actor1, new.actor2, new.claim_status,
			coalesce(json_extract(new.data, '$.location.country'), ''), new.date_hi, 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO event_totals (event_type, admin1, actor1, actor2, claim_status, country, n)
		VALUES (new.event_type, new.admin1, new.actor1, new.actor2, new.claim_status, coalesce(json_extract(new.data, '$.location.country'), ''), 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER rollup_delete AFTER DELETE ON events BEGIN
	UPDATE event_days SET events = events - 1,
		incidents = incidents - (old.incident = '' OR NOT EXISTS (SELECT 1 FROM events x WHERE x.date = old.date
			AND x.event_type = old.event_type AND x.incident = old.incident AND x.incident <> ''))
		WHERE date_lo = old.date_lo AND date = old.date AND event_type = old.event_type;
	DELETE FROM event_days WHERE date_lo = old.date_lo AND date = old.date AND event_type = old.event_type AND events <= 0;
	UPDATE event_facets SET n = n - 1
		WHERE date_lo = old.date_lo AND date = old.date AND event_type = old.event_type AND admin1 = old.admin1 AND actor1 = old.actor1
			AND actor2 = old.actor2 AND claim_status = old.claim_status AND country = coalesce(json_extract(old.data, '$.location.country'), '');
	DELETE FROM event_facets
		WHERE date_lo = old.date_lo AND date = old.date AND event_type = old.event_type AND admin1 = old.admin1 AND actor1 = old.actor1
			AND actor2 = old.actor2 AND claim_status = old.claim_status AND country = coalesce(json_extract(old.data, '$.location.country'), '') AND n <= 0;
	UPDATE event_totals SET n = n - 1
		WHERE event_type = old.event_type AND admin1 = old.admin1 AND actor1 = old.actor1 AND actor2 = old.actor2
			AND claim_status = old.claim_status AND country = coalesce(json_extract(old.data, '$.location.country'), '');
	DELETE FROM event_totals
		WHERE event_type = old.event_type AND admin1 = old.admin1 AND actor1 = old.actor1 AND actor2 = old.actor2
			AND claim_status = old.claim_status AND country = coalesce(json_extract(old.data, '$.location.country'), '') AND n <= 0;
END;

-- The linker moves an event from one incident to another one row at a
-- time: its old incident stops counting on its day when no other report
-- of that day and type holds it, its new one starts counting when none did.
CREATE TRIGGER rollup_incident AFTER UPDATE OF incident ON events WHEN old.incident <> new.incident BEGIN
	UPDATE event_days SET incidents = incidents
		- (old.incident = '' OR NOT EXISTS (SELECT 1 FROM events x WHERE x.date = old.date AND x.event_type = old.event_type
			AND x.incident = old.incident AND x.incident <> ''))
		+ (new.incident = '' OR NOT EXISTS (SELECT 1 FROM events x WHERE x.date = new.date AND x.event_type = new.event_type
			AND x.incident = new.incident AND x.incident <> '' AND x.seq <> new.seq))
		WHERE date_lo = new.date_lo AND date = new.date AND event_type = new.event_type;
END;
