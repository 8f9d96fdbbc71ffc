-- Stats count by day, type, actor and governorate: an index holding those
-- columns lets a count read it (an index-only scan) instead of the heap.
CREATE INDEX events_stats ON events (event_type, date_lo, date_hi, date, admin1, actor1, actor2, claim_status);
CREATE INDEX events_stats_date ON events (date_lo, date_hi, date, event_type, admin1, actor1, actor2, claim_status);
