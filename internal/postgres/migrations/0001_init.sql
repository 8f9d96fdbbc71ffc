-- Articles keep their original text: every event's evidence offsets point into it.
-- Sorted and compared text columns use the "C" collation so that ordering is
-- by bytes, the same as in SQLite and in Go, whatever the database locale.
CREATE TABLE articles (
	seq         BIGSERIAL PRIMARY KEY,
	key         TEXT COLLATE "C" NOT NULL UNIQUE,  -- canonical URL or sha256:<content hash>
	id          TEXT NOT NULL,                     -- the article id as read (SPEC §1)
	hash        TEXT NOT NULL,                     -- content hash; a new one replaces the events
	url         TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	outlet      TEXT NOT NULL DEFAULT '',
	author      TEXT NOT NULL DEFAULT '',
	lang        TEXT NOT NULL DEFAULT '',
	published   TEXT COLLATE "C" NOT NULL DEFAULT '',
	text        TEXT NOT NULL,
	events      INTEGER NOT NULL DEFAULT 0,
	ingested_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX articles_id ON articles (id);
CREATE INDEX articles_published ON articles (published DESC, key);

-- Events keep the whole SPEC §2 object in data and copy out what is filtered on.
CREATE TABLE events (
	seq          BIGSERIAL PRIMARY KEY,
	id           TEXT COLLATE "C" NOT NULL UNIQUE,
	article_seq  BIGINT NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
	article_key  TEXT COLLATE "C" NOT NULL,
	doc          TEXT NOT NULL,
	event_type   TEXT COLLATE "C" NOT NULL,
	date         TEXT COLLATE "C" NOT NULL DEFAULT '',  -- as written, or the article's date; '' unknown
	date_lo      TEXT COLLATE "C" NOT NULL DEFAULT '',  -- first day the date covers
	date_hi      TEXT COLLATE "C" NOT NULL DEFAULT '',  -- last day the date covers
	actor1       TEXT COLLATE "C" NOT NULL DEFAULT '',
	actor2       TEXT COLLATE "C" NOT NULL DEFAULT '',
	admin1       TEXT COLLATE "C" NOT NULL DEFAULT '',
	claim_status TEXT NOT NULL DEFAULT 'reported',
	lat          DOUBLE PRECISION,
	lon          DOUBLE PRECISION,
	sentence     TEXT NOT NULL DEFAULT '',
	-- raqib's normalised terms (arabic.IndexTerms) of the evidence and the
	-- article title, through the 'simple' configuration
	terms        TSVECTOR NOT NULL,
	data         JSONB NOT NULL
);
CREATE INDEX events_order ON events (date_lo DESC, id);
CREATE INDEX events_article ON events (article_seq);
CREATE INDEX events_doc ON events (doc);
CREATE INDEX events_type ON events (event_type, date_lo);
CREATE INDEX events_actor1 ON events (actor1);
CREATE INDEX events_actor2 ON events (actor2);
CREATE INDEX events_admin1 ON events (admin1);
CREATE INDEX events_latlon ON events (lat, lon);
CREATE INDEX events_terms ON events USING GIN (terms);

CREATE TABLE ingest_errors (
	seq    BIGSERIAL PRIMARY KEY,
	origin TEXT NOT NULL,
	item   TEXT NOT NULL,
	reason TEXT NOT NULL,
	at     TIMESTAMPTZ NOT NULL
);
