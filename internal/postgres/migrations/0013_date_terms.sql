-- An event's date as three more lexemes of its terms: its year, month and
-- day ('~y2025', '~m202501', '~d20250131'), which no text can yield (the
-- 'simple' parser splits at '~'). A page of Arabic words is read window
-- by window, newest first (textWindows): a window's test is the words AND
-- the date lexemes that cover it, so the GIN index intersects the words'
-- matches with the window's events and reads no more of a common word's
-- matches than the window holds, where a date range beside the words made
-- it read all of them, a cost that grew with the store.
CREATE FUNCTION raqib_date_terms(d TEXT) RETURNS TSVECTOR
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT CASE WHEN d ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
		array_to_tsvector(ARRAY['~y' || substr(d, 1, 4), '~m' || substr(d, 1, 4) || substr(d, 6, 2), '~d' || replace(d, '-', '')])
	ELSE ''::tsvector END
$$;

-- the counts per day do not change: the rollup trigger is spared a
-- million-row transition table
ALTER TABLE events DISABLE TRIGGER events_stats_updated;
UPDATE events SET terms = terms || raqib_date_terms(date_lo) WHERE date_lo <> '';
ALTER TABLE events ENABLE TRIGGER events_stats_updated;
