-- File event_list under the full-text index's key (migration 0015, plan.go
-- ftsKey): its sort date as a number (yyyymmdd, 0 when undated) in the high
-- 32 bits and its seq in the low 32. Every page is read newest first, so
-- the rows of a page, and the rows the pages asked most often read (the
-- newest), lie together in a few pages of the file, kept in the page
-- cache, rather than one page of the file for each event wherever its
-- article's ingest put it: at a million events filed by seq, a page of
-- 100 read about 100 pages from outside the cache. The triggers of
-- migration 0012 are written again for the key.
--
-- Each event also keeps its card (event.CardJSON: what a list item shows
-- besides the ID, incident and article), written by Put and filled here by
-- raqib_card (cardOfBrief, registered by this package), and event_list
-- holds it: a list page sends the stored bytes instead of decoding every
-- event's brief and encoding it again.
ALTER TABLE events ADD COLUMN card TEXT NOT NULL DEFAULT '';
UPDATE events SET card = raqib_card(brief);
DROP TRIGGER event_list_insert;
DROP TRIGGER event_list_delete;
DROP TRIGGER event_list_incident;
DROP TRIGGER event_list_event;
DROP TRIGGER event_list_article;
CREATE TABLE event_list_keyed (
	key         INTEGER PRIMARY KEY,  -- (yyyymmdd of date_lo << 32) | seq
	seq         INTEGER NOT NULL,     -- events.seq
	id          TEXT NOT NULL,
	date_lo     TEXT NOT NULL,
	incident    TEXT NOT NULL,
	article_key TEXT NOT NULL,
	article_id  TEXT NOT NULL,
	title       TEXT NOT NULL,
	outlet      TEXT NOT NULL,
	url         TEXT NOT NULL,
	published   TEXT NOT NULL,
	brief       TEXT NOT NULL,
	card        TEXT NOT NULL
);
INSERT INTO event_list_keyed (key, seq, id, date_lo, incident, article_key, article_id, title, outlet, url, published, brief, card)
	SELECT (CAST(replace(l.date_lo, '-', '') AS INTEGER) << 32) | l.seq, l.seq, l.id, l.date_lo, l.incident, l.article_key, l.article_id,
		l.title, l.outlet, l.url, l.published, l.brief, e.card
	FROM event_list l JOIN events e ON e.seq = l.seq ORDER BY 1;
DROP TABLE event_list;
ALTER TABLE event_list_keyed RENAME TO event_list;
CREATE TRIGGER event_list_insert AFTER INSERT ON events BEGIN
	INSERT INTO event_list (key, seq, id, date_lo, incident, article_key, article_id, title, outlet, url, published, brief, card)
		SELECT (CAST(replace(new.date_lo, '-', '') AS INTEGER) << 32) | new.seq, new.seq, new.id, new.date_lo, new.incident,
			a.key, a.id, a.title, a.outlet, a.url, a.published, new.brief, new.card
		FROM articles a WHERE a.seq = new.article_seq;
END;
CREATE TRIGGER event_list_delete AFTER DELETE ON events BEGIN
	DELETE FROM event_list WHERE key = (CAST(replace(old.date_lo, '-', '') AS INTEGER) << 32) | old.seq;
END;
CREATE TRIGGER event_list_incident AFTER UPDATE OF incident ON events WHEN old.incident IS NOT new.incident BEGIN
	UPDATE event_list SET incident = new.incident WHERE key = (CAST(replace(new.date_lo, '-', '') AS INTEGER) << 32) | new.seq;
END;
-- A new date moves the row: it is written again under its new key.
CREATE TRIGGER event_list_event AFTER UPDATE OF id, date_lo, brief, card, article_seq ON events BEGIN
	DELETE FROM event_list WHERE key = (CAST(replace(old.date_lo, '-', '') AS INTEGER) << 32) | old.seq;
	INSERT INTO event_list (key, seq, id, date_lo, incident, article_key, article_id, title, outlet, url, published, brief, card)
		SELECT (CAST(replace(new.date_lo, '-', '') AS INTEGER) << 32) | new.seq, new.seq, new.id, new.date_lo, new.incident,
			a.key, a.id, a.title, a.outlet, a.url, a.published, new.brief, new.card
		FROM articles a WHERE a.seq = new.article_seq;
END;
CREATE TRIGGER event_list_article AFTER UPDATE OF key, id, title, outlet, url, published ON articles BEGIN
	UPDATE event_list SET article_key = new.key, article_id = new.id, title = new.title, outlet = new.outlet, url = new.url, published = new.published
		WHERE key IN (SELECT (CAST(replace(date_lo, '-', '') AS INTEGER) << 32) | seq FROM events WHERE article_seq = new.seq);
END;
