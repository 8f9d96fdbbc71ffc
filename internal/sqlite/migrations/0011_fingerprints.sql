-- Fingerprints of the input records ingest has read: the digest of a
-- record's bytes with the key and content hash they read as. A record read
-- again byte for byte is looked up by its digest and not decoded again;
-- a superseded version keeps its row, so that it is known when re-read.
CREATE TABLE fingerprints (
	digest TEXT PRIMARY KEY,
	key    TEXT NOT NULL,
	hash   TEXT NOT NULL
) WITHOUT ROWID;
