-- Copies every event of a PostgreSQL `raqib bench serve` store filled
-- through Put, with its articles, under new article keys and event ids
-- (same dates, places, words and incidents), once per run; then counts the
-- rollups of migrations 0006, 0010 and 0011 afresh (the stats trigger is off while it
-- copies, so the log of changes stays empty). For read benchmarks only,
-- when filling through Put is too slow. A 100,000-event store to a million
-- (about 40 s a copy on the project's 2-core machine):
--
--	raqib bench serve --seed seed.db --db "$DSN" --events 100000 --fill-only
--	for k in 1 2 3 4 5 6 7 8 9; do psql "$DSN" -v ON_ERROR_STOP=1 -v k=$k -f scripts/bench-copy-pg.sql; done
--
-- Run it with a store at migration 0011 or later (the brief column, the facet rollups).
BEGIN;
ALTER TABLE events DISABLE TRIGGER events_stats_inserted;
INSERT INTO articles (key, id, hash, url, title, outlet, author, lang, published, text, events, ingested_at)
	SELECT key || '#copy' || :'k', id, hash, url, title, outlet, author, lang, published, text, events, ingested_at
	FROM articles WHERE key NOT LIKE '%#copy%';
INSERT INTO events (id, article_seq, article_key, doc, event_type, date, date_lo, date_hi, actor1, actor2, admin1, claim_status,
		lat, lon, sentence, terms, data, incident, incident_link, link_cell, link_lo, link_hi, link_span, brief)
	SELECT e.id || 'c' || :'k', a.seq, a.key, e.doc, e.event_type, e.date, e.date_lo, e.date_hi, e.actor1, e.actor2, e.admin1, e.claim_status,
		e.lat, e.lon, e.sentence, e.terms, jsonb_set(e.data, '{id}', to_jsonb(e.id || 'c' || :'k')), e.incident, e.incident_link,
		e.link_cell, e.link_lo, e.link_hi, e.link_span,
		jsonb_set(e.brief::jsonb, '{id}', to_jsonb(e.id || 'c' || :'k'))::text
	FROM events e JOIN articles a ON a.key = e.article_key || '#copy' || :'k'
	WHERE e.article_key NOT LIKE '%#copy%';
ALTER TABLE events ENABLE TRIGGER events_stats_inserted;
TRUNCATE stats_delta, stats_day_incident, stats_day_type, stats_actor, stats_admin1;
INSERT INTO stats_day_incident (date, event_type, ikey, events)
	SELECT date, event_type, CASE WHEN incident <> '' THEN incident ELSE id END, count(*) FROM events GROUP BY 1, 2, 3;
INSERT INTO stats_day_type (date, event_type, events, incidents)
	SELECT date, event_type, sum(events), count(*) FROM stats_day_incident GROUP BY 1, 2;
INSERT INTO stats_actor (actor, events)
	SELECT k, count(*) FROM (SELECT actor1 AS k FROM events UNION ALL SELECT actor2 FROM events WHERE actor2 <> actor1) AS x
	WHERE k <> '' GROUP BY k;
INSERT INTO stats_admin1 (admin1, events)
	SELECT admin1, count(*) FROM events WHERE admin1 <> '' GROUP BY admin1;
-- the facet and per-actor/per-governorate incident rollups (migrations 0010
-- and 0011), the log of changes being empty
TRUNCATE stats_facet, stats_key_incident, stats_key_day;
INSERT INTO stats_facet (date, event_type, admin1, actor1, actor2, events)
	SELECT date, event_type, admin1, actor1, actor2, count(*) FROM events GROUP BY 1, 2, 3, 4, 5;
INSERT INTO stats_key_incident (kind, key, date, event_type, ikey, events)
	SELECT kind, key, date, event_type, ikey, count(*) FROM (
		SELECT 'a'::"char" AS kind, actor1 AS key, date, event_type, CASE WHEN incident <> '' THEN incident ELSE id END AS ikey
			FROM events WHERE actor1 <> ''
		UNION ALL SELECT 'a', actor2, date, event_type, CASE WHEN incident <> '' THEN incident ELSE id END
			FROM events WHERE actor2 <> '' AND actor2 <> actor1
		UNION ALL SELECT 'g', admin1, date, event_type, CASE WHEN incident <> '' THEN incident ELSE id END
			FROM events WHERE admin1 <> ''
	) AS x GROUP BY 1, 2, 3, 4, 5;
INSERT INTO stats_key_day (kind, key, date, event_type, incidents)
	SELECT kind, key, date, event_type, count(*) FROM stats_key_incident GROUP BY 1, 2, 3, 4;
COMMIT;
ANALYZE stats_facet, stats_key_incident, stats_key_day;
