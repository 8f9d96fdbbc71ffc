-- Merge the full-text index into one segment. A word's matches are read
-- from every segment the index has: at a million events a store had seven
-- to twelve, and a common word's month of matches (plan.go,
-- eventsByMonth) took twice as long to read from them as from one.
-- Writes add segments again (FTS5 merges them by level as it goes).
INSERT INTO events_fts (events_fts) VALUES ('optimize');
