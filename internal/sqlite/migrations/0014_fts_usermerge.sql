-- Keep the full-text index in few segments as it is written. Each write
-- transaction adds a segment; FTS5 merges a level's segments when it holds
-- four (automerge), so a store filled a batch at a time through Put kept 8
-- to 26 of them, and a common word's page reads every one (migration 0013
-- merged them once). Put now ends each batch with a 'merge' command
-- (sqlite.go, mergeFTS) that merges any level holding two segments, a
-- bounded number of pages a batch; 'usermerge' is that two.
INSERT INTO events_fts (events_fts, rank) VALUES ('usermerge', 2);
