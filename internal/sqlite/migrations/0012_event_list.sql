-- What a Brief page (a list or a map) reads of an event, in one row: the
-- brief JSON, the sort key, the incident and the article's key, id, title,
-- outlet, URL and date. A page read from events and articles touched an
-- event row and an article row for each of its events (about 250 pages of
-- the file for a page of 100 at a million events, neither row shared with
-- the next event's); this row is a quarter of a page, read by seq (the
-- events' rowid, which every page plan ends on) with one descent. Triggers
-- keep it in the write transaction.
CREATE TABLE event_list (
	seq         INTEGER PRIMARY KEY,  -- events.seq
	id          TEXT NOT NULL,
	date_lo     TEXT NOT NULL,
	incident    TEXT NOT NULL,
	article_key TEXT NOT NULL,
	article_id  TEXT NOT NULL,
	title       TEXT NOT NULL,
	outlet      TEXT NOT NULL,
	url         TEXT NOT NULL,
	published   TEXT NOT NULL,
	brief       TEXT NOT NULL
);
INSERT INTO event_list (seq, id, date_lo, incident, article_key, article_id, title, outlet, url, published, brief)
	SELECT e.seq, e.id, e.date_lo, e.incident, a.key, a.id, a.title, a.outlet, a.url, a.published, e.brief
	FROM events e JOIN articles a ON a.seq = e.article_seq ORDER BY e.seq;
CREATE TRIGGER event_list_insert AFTER INSERT ON events BEGIN
	INSERT INTO event_list (seq, id, date_lo, incident, article_key, article_id, title, outlet, url, published, brief)
		SELECT new.seq, new.id, new.date_lo, new.incident, a.key, a.id, a.title, a.outlet, a.url, a.published, new.brief
		FROM articles a WHERE a.seq = new.article_seq;
END;
CREATE TRIGGER event_list_delete AFTER DELETE ON events BEGIN
	DELETE FROM event_list WHERE seq = old.seq;
END;
CREATE TRIGGER event_list_incident AFTER UPDATE OF incident ON events WHEN old.incident IS NOT new.incident BEGIN
	UPDATE event_list SET incident = new.incident WHERE seq = new.seq;
END;
CREATE TRIGGER event_list_event AFTER UPDATE OF id, date_lo, brief, article_seq ON events BEGIN
	UPDATE event_list SET id = new.id, date_lo = new.date_lo, brief = new.brief,
		(article_key, article_id, title, outlet, url, published) =
			(SELECT a.key, a.id, a.title, a.outlet, a.url, a.published FROM articles a WHERE a.seq = new.article_seq)
		WHERE seq = new.seq;
END;
CREATE TRIGGER event_list_article AFTER UPDATE OF key, id, title, outlet, url, published ON articles BEGIN
	UPDATE event_list SET article_key = new.key, article_id = new.id, title = new.title, outlet = new.outlet, url = new.url, published = new.published
		WHERE seq IN (SELECT seq FROM events WHERE article_seq = new.seq);
END;

-- A type in a date range tests date_hi: kept in the type's order index, a
-- Brief page of it reads no event row at all.
DROP INDEX IF EXISTS events_type_order;
CREATE INDEX events_type_order ON events (event_type, date_lo DESC, id, date_hi, lat, lon);
