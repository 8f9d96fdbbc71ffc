-- Counts kept at ingest, so that the unfiltered /stats reads a few thousand
-- rows, not the events. Triggers on events append signed rows to
-- stats_delta (appends take no row locks, so concurrent writers cannot
-- deadlock on a hot counter); Put folds them into the rollups while it holds
-- the linker's lock, one writer at a time (foldStats in stats.go).
CREATE TABLE stats_delta (
	date       TEXT COLLATE "C" NOT NULL,
	event_type TEXT COLLATE "C" NOT NULL,
	admin1     TEXT COLLATE "C" NOT NULL,
	actor1     TEXT COLLATE "C" NOT NULL,
	actor2     TEXT COLLATE "C" NOT NULL,
	ikey       TEXT COLLATE "C" NOT NULL, -- the event's incident, or its own id while it has none
	n          INTEGER NOT NULL           -- +1 an event with these values appeared, -1 one went
);

-- events and incidents (SPEC §7: the reports of one occurrence count once)
-- by date as written and type
CREATE TABLE stats_day_type (
	date       TEXT COLLATE "C" NOT NULL,
	event_type TEXT COLLATE "C" NOT NULL,
	events     BIGINT NOT NULL,
	incidents  BIGINT NOT NULL,
	PRIMARY KEY (date, event_type)
);
-- how many events each incident has on a date and type: an incident is
-- counted on that date and type while it has one
CREATE TABLE stats_day_incident (
	date       TEXT COLLATE "C" NOT NULL,
	event_type TEXT COLLATE "C" NOT NULL,
	ikey       TEXT COLLATE "C" NOT NULL,
	events     BIGINT NOT NULL,
	PRIMARY KEY (date, event_type, ikey)
);
CREATE TABLE stats_actor (
	actor  TEXT COLLATE "C" PRIMARY KEY,
	events BIGINT NOT NULL
);
CREATE TABLE stats_admin1 (
	admin1 TEXT COLLATE "C" PRIMARY KEY,
	events BIGINT NOT NULL
);

INSERT INTO stats_day_incident (date, event_type, ikey, events)
	SELECT date, event_type, CASE WHEN incident <> '' THEN incident ELSE id END, count(*) FROM events GROUP BY 1, 2, 3;
INSERT INTO stats_day_type (date, event_type, events, incidents)
	SELECT date, event_type, sum(events), count(*) FROM stats_day_incident GROUP BY 1, 2;
INSERT INTO stats_actor (actor, events)
	SELECT k, count(*) FROM (SELECT actor1 AS k FROM events UNION ALL SELECT actor2 FROM events WHERE actor2 <> actor1) AS x
	WHERE k <> '' GROUP BY k;
INSERT INTO stats_admin1 (admin1, events)
	SELECT admin1, count(*) FROM events WHERE admin1 <> '' GROUP BY admin1;

CREATE FUNCTION events_stats_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stats_delta
		SELECT date, event_type, admin1, actor1, actor2, CASE WHEN incident <> '' THEN incident ELSE id END, 1 FROM new_rows;
	RETURN NULL;
END $$;
CREATE FUNCTION events_stats_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stats_delta
		SELECT date, event_type, admin1, actor1, actor2, CASE WHEN incident <> '' THEN incident ELSE id END, -1 FROM old_rows;
	RETURN NULL;
END $$;
-- an update that changes none of the counted values (a link, a link cell)
-- nets to nothing
CREATE FUNCTION events_stats_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stats_delta
		SELECT date, event_type, admin1, actor1, actor2, ikey, sum(n) FROM (
			SELECT date, event_type, admin1, actor1, actor2, CASE WHEN incident <> '' THEN incident ELSE id END AS ikey, 1 AS n FROM new_rows
			UNION ALL
			SELECT date, event_type, admin1, actor1, actor2, CASE WHEN incident <> '' THEN incident ELSE id END, -1 FROM old_rows
		) AS d GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0;
	RETURN NULL;
END $$;
CREATE TRIGGER events_stats_inserted AFTER INSERT ON events
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION events_stats_inserted();
CREATE TRIGGER events_stats_deleted AFTER DELETE ON events
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION events_stats_deleted();
CREATE TRIGGER events_stats_updated AFTER UPDATE ON events
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION events_stats_updated();
