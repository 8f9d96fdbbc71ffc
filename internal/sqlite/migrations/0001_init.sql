-- Articles keep their original text: every event's evidence offsets point into it.
CREATE TABLE articles (
	seq         INTEGER PRIMARY KEY,
	key         TEXT NOT NULL UNIQUE,  -- canonical URL or sha256:<content hash>
	id          TEXT NOT NULL,         -- the article id as read (SPEC §1)
	hash        TEXT NOT NULL,         -- content hash; a new one replaces the events
	url         TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	outlet      TEXT NOT NULL DEFAULT '',
	author      TEXT NOT NULL DEFAULT '',
	lang        TEXT NOT NULL DEFAULT '',
	published   TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL,
	events      INTEGER NOT NULL DEFAULT 0,
	ingested_at TEXT NOT NULL
);
CREATE INDEX articles_id ON articles (id);
CREATE INDEX articles_published ON articles (published DESC, key);

-- Events keep the whole SPEC §2 object in data and copy out what is filtered on.
CREATE TABLE events (
	seq          INTEGER PRIMARY KEY,
	id           TEXT NOT NULL UNIQUE,
	article_seq  INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
	article_key  TEXT NOT NULL,
	doc          TEXT NOT NULL,
	event_type   TEXT NOT NULL,
	date         TEXT NOT NULL DEFAULT '',  -- as written, or the article's date; '' unknown
	date_lo      TEXT NOT NULL DEFAULT '',  -- first day the date covers
	date_hi      TEXT NOT NULL DEFAULT '',  -- last day the date covers
	actor1       TEXT NOT NULL DEFAULT '',
	actor2       TEXT NOT NULL DEFAULT '',
	admin1       TEXT NOT NULL DEFAULT '',
	claim_status TEXT NOT NULL DEFAULT 'reported',
	lat          REAL,
	lon          REAL,
	sentence     TEXT NOT NULL DEFAULT '',
	data         TEXT NOT NULL
);
CREATE INDEX events_order ON events (date_lo DESC, id);
CREATE INDEX events_article ON events (article_seq);
CREATE INDEX events_doc ON events (doc);
CREATE INDEX events_type ON events (event_type, date_lo);
CREATE INDEX events_actor1 ON events (actor1);
CREATE INDEX events_actor2 ON events (actor2);
CREATE INDEX events_admin1 ON events (admin1);
CREATE INDEX events_latlon ON events (lat, lon);

-- Full-text index over raqib's normalised terms (arabic.IndexTerms) of each
-- event's evidence and its article's title; rowid = events.seq.
CREATE VIRTUAL TABLE events_fts USING fts5 (terms, tokenize = 'unicode61 remove_diacritics 0');

CREATE TABLE ingest_errors (
	seq    INTEGER PRIMARY KEY,
	origin TEXT NOT NULL,
	item   TEXT NOT NULL,
	reason TEXT NOT NULL,
	at     TEXT NOT NULL
);
