-- What a list item shows of an event besides its ID, article and incident
-- (event.CardJSON), kept as text beside the brief: a list page sends the
-- stored bytes instead of decoding every event's brief and encoding it
-- again. Put writes it; rows stored before this migration keep '' and are
-- carded from their brief as they are read (pageCols, scanCard), so the
-- migration rewrites no row.
ALTER TABLE events ADD COLUMN card TEXT NOT NULL DEFAULT '';
