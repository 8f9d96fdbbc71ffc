-- A sorted page (plan.go, sortedPage) finds its matches by seq (FTS5
-- rowids, R*Tree ids) and sorts them by date: this index gives each match's
-- sort key and the columns the other filters test without reading the
-- event's row (a twentieth of its bytes, so it stays in the page cache
-- where the rows of a million events do not).
CREATE INDEX events_seq_keys ON events (seq, date_lo, id, date_hi, event_type, admin1, actor1, actor2, claim_status, lat, lon);
