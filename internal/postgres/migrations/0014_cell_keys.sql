-- events_cell (migration 0005) carried the point as INCLUDE columns: the
-- box test of an edge cell (one the filter covers in part) was a filter on
-- the entries an index-only scan returned, and each entry it rejected had
-- first been checked against the visibility map. A cell whose events all
-- lie outside the box (a town just past its edge) cost that check for
-- every event it ever held: at a million events, a thousand buffer reads
-- for a page of nothing. With the point in the key the box test is an
-- index condition, applied to the entries inside the index scan, and a
-- rejected entry costs a comparison. The order the page reads (cell, then
-- date_lo DESC, id) is the same.
DROP INDEX IF EXISTS events_cell;
CREATE INDEX events_cell ON events (((floor(lat * 4)::integer * 2000 + floor(lon * 4)::integer)), date_lo DESC, id, lat, lon)
	WHERE lat IS NOT NULL AND lon IS NOT NULL;
