-- Copies events of a `raqib bench serve` store, with their articles, under
-- new keys and ids (same dates, places and words) until it holds 1,000,000
-- events or has doubled; run it again to go on. The store's triggers file
-- the copies in every read index and rollup; the copies' incidents have no
-- records and the linker does not see them. For read benchmarks only, when
-- filling through Put is too slow:
--
--	raqib bench serve --seed seed.db --db big.db --events 1000000   # stop it part way (Ctrl-C)
--	raqib search --db big.db --limit 1 x                              # migrations run on open
--	sqlite3 big.db < scripts/bench-copy.sql                           # twice if under half a million
.timer on
PRAGMA cache_size = -262144;
CREATE TEMP TABLE p AS SELECT (SELECT max(seq) FROM articles) AS m, (SELECT max(seq) FROM events) AS e,
	(SELECT seq FROM events ORDER BY seq LIMIT 1 OFFSET min(1000000 - (SELECT count(*) FROM events), (SELECT count(*) FROM events)) - 1) AS k;
SELECT * FROM temp.p;
BEGIN;
INSERT INTO articles (seq, key, id, hash, url, title, outlet, author, lang, published, text, events, ingested_at)
	SELECT a.seq + p.m, a.key || '#copy' || p.m, a.id || '~c' || p.m, a.hash, a.url || '#copy' || p.m, a.title, a.outlet, a.author, a.lang, a.published, a.text, a.events, a.ingested_at
	FROM articles a, temp.p p WHERE a.seq IN (SELECT DISTINCT article_seq FROM events, temp.p WHERE events.seq <= p.k);
INSERT INTO events (seq, id, article_seq, article_key, doc, event_type, date, date_lo, date_hi, actor1, actor2, admin1, claim_status, lat, lon,
		sentence, data, incident, incident_link, link_cell, link_lo, link_hi, link_span, brief)
	SELECT x.seq + p.e, x.id || 'c' || p.m, x.article_seq + p.m, x.article_key || '#copy' || p.m, x.doc || '~c' || p.m, x.event_type, x.date, x.date_lo, x.date_hi,
		x.actor1, x.actor2, x.admin1, x.claim_status, x.lat, x.lon, x.sentence,
		json_set(x.data, '$.id', x.id || 'c' || p.m, '$.doc', x.doc || '~c' || p.m),
		CASE WHEN x.incident <> '' THEN x.incident || 'c' || p.m ELSE '' END, x.incident_link, x.link_cell, x.link_lo, x.link_hi, x.link_span,
		json_set(x.brief, '$.id', x.id || 'c' || p.m, '$.doc', x.doc || '~c' || p.m)
	FROM events x, temp.p p WHERE x.seq <= p.k ORDER BY x.seq;
-- a full-text rowid holds the event's date above its seq (migration 0015): adding to it adds to the seq
INSERT INTO events_fts (rowid, terms) SELECT f.rowid + p.e, f.terms FROM events_fts f, temp.p p WHERE (f.rowid & 4294967295) <= p.k;
COMMIT;
SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM articles);
INSERT INTO events_fts (events_fts) VALUES ('optimize'); -- one segment, as migration 0013 leaves it
PRAGMA wal_checkpoint(TRUNCATE);
