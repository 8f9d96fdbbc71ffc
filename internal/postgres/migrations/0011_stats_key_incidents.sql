-- The incidents of one actor or one governorate by date and type (SPEC §7:
-- the reports of one occurrence count once), kept at ingest as the day×type
-- ones are (migration 0006), so that the timeline and Stats of an actor or
-- a governorate count no events (stats.go, keyIncidents). kind is 'a' for
-- an actor (as actor1 or actor2) and 'g' for a governorate (admin1).
--
-- stats_key_incident: how many events of the key each incident has on a
-- date and type; stats_key_day: on how many incidents (those with one).
CREATE TABLE stats_key_incident (
	kind       "char" NOT NULL,
	key        TEXT COLLATE "C" NOT NULL,
	date       TEXT COLLATE "C" NOT NULL,
	event_type TEXT COLLATE "C" NOT NULL,
	ikey       TEXT COLLATE "C" NOT NULL,
	events     BIGINT NOT NULL,
	PRIMARY KEY (kind, key, date, event_type, ikey)
);
CREATE TABLE stats_key_day (
	kind       "char" NOT NULL,
	key        TEXT COLLATE "C" NOT NULL,
	date       TEXT COLLATE "C" NOT NULL,
	event_type TEXT COLLATE "C" NOT NULL,
	incidents  BIGINT NOT NULL,
	PRIMARY KEY (kind, key, date, event_type)
);

-- The events as stored less the changes logged and not yet folded in, as
-- in migration 0010.
INSERT INTO stats_key_incident (kind, key, date, event_type, ikey, events)
	SELECT kind, key, date, event_type, ikey, sum(n) FROM (
		SELECT 'a'::"char" AS kind, actor1 AS key, date, event_type, CASE WHEN incident <> '' THEN incident ELSE id END AS ikey, 1 AS n
			FROM events WHERE actor1 <> ''
		UNION ALL SELECT 'a', actor2, date, event_type, CASE WHEN incident <> '' THEN incident ELSE id END, 1
			FROM events WHERE actor2 <> '' AND actor2 <> actor1
		UNION ALL SELECT 'g', admin1, date, event_type, CASE WHEN incident <> '' THEN incident ELSE id END, 1
			FROM events WHERE admin1 <> ''
		UNION ALL SELECT 'a', actor1, date, event_type, ikey, -n FROM stats_delta WHERE actor1 <> ''
		UNION ALL SELECT 'a', actor2, date, event_type, ikey, -n FROM stats_delta WHERE actor2 <> '' AND actor2 <> actor1
		UNION ALL SELECT 'g', admin1, date, event_type, ikey, -n FROM stats_delta WHERE admin1 <> ''
	) AS x GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0;
INSERT INTO stats_key_day (kind, key, date, event_type, incidents)
	SELECT kind, key, date, event_type, count(*) FROM stats_key_incident WHERE events > 0 GROUP BY 1, 2, 3, 4;
ANALYZE stats_key_incident, stats_key_day;
