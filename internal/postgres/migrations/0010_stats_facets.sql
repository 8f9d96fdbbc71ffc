-- Events per date as written × type × governorate × actors, kept at ingest
-- as the day×type rollup is (migration 0006: the triggers' stats_delta
-- rows folded in by Put under the linker's lock), so that Stats and the
-- timeline of an actor or a governorate read these counts, not the events
-- (stats.go, rolledUpFacets). The rows of an actor are found by actor1 or
-- by actor2, those of a governorate by admin1, each in date order.
CREATE TABLE stats_facet (
	date       TEXT COLLATE "C" NOT NULL,
	event_type TEXT COLLATE "C" NOT NULL,
	admin1     TEXT COLLATE "C" NOT NULL,
	actor1     TEXT COLLATE "C" NOT NULL,
	actor2     TEXT COLLATE "C" NOT NULL,
	events     BIGINT NOT NULL,
	PRIMARY KEY (date, event_type, admin1, actor1, actor2)
);
CREATE INDEX stats_facet_actor1 ON stats_facet (actor1, date);
CREATE INDEX stats_facet_actor2 ON stats_facet (actor2, date);
CREATE INDEX stats_facet_admin1 ON stats_facet (admin1, date);

-- The events as stored less the changes logged and not yet folded in, so
-- that the next fold brings this table where the others will be.
INSERT INTO stats_facet (date, event_type, admin1, actor1, actor2, events)
	SELECT date, event_type, admin1, actor1, actor2, sum(n) FROM (
		SELECT date, event_type, admin1, actor1, actor2, 1 AS n FROM events
		UNION ALL
		SELECT date, event_type, admin1, actor1, actor2, -n FROM stats_delta
	) AS x GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0;
-- the planner's statistics now, not when autovacuum comes round
ANALYZE stats_facet;
