-- What a list or a map shows of an event (event.Filter.Brief): its JSON
-- without the evidence, quantities, source and ACLED mapping, kept beside
-- the whole so that a page decodes a third of the bytes and SQLite does
-- not cut the whole down on every read.
ALTER TABLE events ADD COLUMN brief TEXT NOT NULL DEFAULT '';
UPDATE events SET brief = json_remove(data, '$.evidence', '$.quantities', '$.source', '$.acled');
