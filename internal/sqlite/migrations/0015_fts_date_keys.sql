-- File every event in the full-text index under a rowid that sorts as the
-- listing does: its sort date as a number (yyyymmdd, 0 when undated) in the
-- high 32 bits and its seq in the low 32 (plan.go, ftsKey). The index keeps
-- each word's matches in rowid order, so a common word's newest matches
-- are read newest first straight from it, as many as a page needs
-- (eventsByKey); filed by seq, a page had to read a month of matches and
-- test every event of the month against them, a cost that grew with the
-- store. The index is written afresh in key order (rows written out of
-- order flush the index's pending segment at every step back) and merged.
CREATE VIRTUAL TABLE events_fts_keyed USING fts5 (terms, tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO events_fts_keyed (rowid, terms)
	SELECT (CAST(replace(e.date_lo, '-', '') AS INTEGER) << 32) | e.seq, f.terms
	FROM events e JOIN events_fts f ON f.rowid = e.seq ORDER BY 1;
DROP TABLE events_fts;
ALTER TABLE events_fts_keyed RENAME TO events_fts;
INSERT INTO events_fts (events_fts) VALUES ('optimize');
INSERT INTO events_fts (events_fts, rank) VALUES ('usermerge', 2);
