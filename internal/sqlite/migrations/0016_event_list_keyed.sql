-- event_list becomes what a list page reads, filed in the order pages read
-- it.
--
-- Each event keeps its card (event.CardJSON: what a list item shows besides
-- the ID, incident and article), written by Put and filled here by
-- raqib_card (cardOfBrief, registered by this package); a list page (and
-- the map's GeoJSON) sends or reads the stored card instead of decoding
-- every event's brief. event_list holds the card, ID, sort date, incident
-- and the article's id and title, and no longer the brief and the article's
-- key, outlet, URL and date: a Brief page reads those from the event's
-- and the article's rows, as a whole page does. Its rows are half as long.
--
-- event_list is filed under the full-text index's key (migration 0015,
-- plan.go ftsKey): the sort date as a number (yyyymmdd, 0 when undated) in
-- the high 32 bits and the seq in the low 32. Every page is read newest
-- first, so the rows of a page, and the newest rows that the pages of
-- every filter without dates read, lie together in a few pages of the
-- file rather than one page of the file for each event wherever its
-- article's ingest put it (at a million events filed by seq, a page of
-- 100 read about 100 pages from outside SQLite's cache). The triggers of
-- migration 0012 are written again for the key and the columns.
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
	article_id  TEXT NOT NULL,
	title       TEXT NOT NULL,
	card        TEXT NOT NULL
);
INSERT INTO event_list_keyed (key, seq, id, date_lo, incident, article_id, title, card)
	SELECT (CAST(replace(e.date_lo, '-', '') AS INTEGER) << 32) | e.seq, e.seq, e.id, e.date_lo, e.incident, a.id, a.title, e.card
	FROM events e JOIN articles a ON a.seq = e.article_seq ORDER BY 1;
DROP TABLE event_list;
ALTER TABLE event_list_keyed RENAME TO event_list;
CREATE TRIGGER event_list_insert AFTER INSERT ON events BEGIN
	INSERT INTO event_list (key, seq, id, date_lo, incident, article_id, title, card)
		SELECT (CAST(replace(new.date_lo, '-', '') AS INTEGER) << 32) | new.seq, new.seq, new.id, new.date_lo, new.incident,
			a.id, a.title, new.card
		FROM articles a WHERE a.seq = new.article_seq;
END;
CREATE TRIGGER event_list_delete AFTER DELETE ON events BEGIN
	DELETE FROM event_list WHERE key = (CAST(replace(old.date_lo, '-', '') AS INTEGER) << 32) | old.seq;
END;
CREATE TRIGGER event_list_incident AFTER UPDATE OF incident ON events WHEN old.incident IS NOT new.incident BEGIN
	UPDATE event_list SET incident = new.incident WHERE key = (CAST(replace(new.date_lo, '-', '') AS INTEGER) << 32) | new.seq;
END;
-- A new date moves the row: it is written again under its new key.
CREATE TRIGGER event_list_event AFTER UPDATE OF id, date_lo, card, article_seq ON events BEGIN
	DELETE FROM event_list WHERE key = (CAST(replace(old.date_lo, '-', '') AS INTEGER) << 32) | old.seq;
	INSERT INTO event_list (key, seq, id, date_lo, incident, article_id, title, card)
		SELECT (CAST(replace(new.date_lo, '-', '') AS INTEGER) << 32) | new.seq, new.seq, new.id, new.date_lo, new.incident,
			a.id, a.title, new.card
		FROM articles a WHERE a.seq = new.article_seq;
END;
CREATE TRIGGER event_list_article AFTER UPDATE OF id, title ON articles BEGIN
	UPDATE event_list SET article_id = new.id, title = new.title
		WHERE key IN (SELECT (CAST(replace(date_lo, '-', '') AS INTEGER) << 32) | seq FROM events WHERE article_seq = new.seq);
END;
