-- Every event's words (the lexemes of events.terms but the date lexemes
-- of migration 0013) filed under the event's day key: its sort date as
-- the number YYYYMMDD (0 when it has none) in the high 32 bits, its seq in
-- the low 32 (event.DayKey; SQLite's events_fts rowid). The primary key
-- holds a word's matches newest first, so that a page of words with no
-- other filter than dates walks about a page of them (wordPage) where the
-- GIN index of events.terms gives every match, in no order, to be read
-- and sorted. At a million events the table holds some 40 million rows
-- (1.9 GB, its key 1.4 GB) and fills in under two minutes.
CREATE TABLE event_terms (
	term TEXT COLLATE "C" NOT NULL,
	key  BIGINT NOT NULL
);

CREATE FUNCTION raqib_day_key(date_lo text, seq bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
	SELECT ((CASE WHEN date_lo = '' THEN 0 ELSE replace(date_lo, '-', '')::bigint END) << 32) | seq
$$;

INSERT INTO event_terms (term, key)
	SELECT t.lexeme, raqib_day_key(e.date_lo, e.seq) FROM events e, unnest(e.terms) t
	WHERE t.lexeme NOT LIKE '~%';
SET LOCAL maintenance_work_mem = '256MB';
ALTER TABLE event_terms ADD PRIMARY KEY (term, key);

CREATE FUNCTION event_terms_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO event_terms (term, key)
		SELECT t.lexeme, raqib_day_key(n.date_lo, n.seq) FROM new_rows n, unnest(n.terms) t
		WHERE t.lexeme NOT LIKE '~%';
	RETURN NULL;
END $$;
CREATE FUNCTION event_terms_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM event_terms x USING (
		SELECT t.lexeme AS term, raqib_day_key(o.date_lo, o.seq) AS key FROM old_rows o, unnest(o.terms) t
	) d WHERE x.term = d.term AND x.key = d.key;
	RETURN NULL;
END $$;
-- no code changes an event's words or date in place; a migration that
-- does is followed, one row at a time
CREATE FUNCTION event_terms_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM event_terms WHERE key = raqib_day_key(OLD.date_lo, OLD.seq)
		AND term IN (SELECT lexeme FROM unnest(OLD.terms));
	INSERT INTO event_terms (term, key)
		SELECT lexeme, raqib_day_key(NEW.date_lo, NEW.seq) FROM unnest(NEW.terms) WHERE lexeme NOT LIKE '~%';
	RETURN NULL;
END $$;
CREATE TRIGGER event_terms_inserted AFTER INSERT ON events
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_terms_inserted();
CREATE TRIGGER event_terms_deleted AFTER DELETE ON events
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_terms_deleted();
CREATE TRIGGER event_terms_updated AFTER UPDATE OF terms, date_lo, seq ON events FOR EACH ROW
	WHEN (OLD.terms IS DISTINCT FROM NEW.terms OR OLD.date_lo IS DISTINCT FROM NEW.date_lo OR OLD.seq IS DISTINCT FROM NEW.seq)
	EXECUTE FUNCTION event_terms_updated();
ANALYZE event_terms;
