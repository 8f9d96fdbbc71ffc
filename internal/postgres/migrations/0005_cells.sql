-- Place filters read a page from a btree over a quarter-degree grid cell and
-- the listing order (plan.go): a box or circle covers a few cells, each cell's
-- newest matches come from one index range, and a merge of those ranges
-- stops after the page. The point is included so that the exact test of a
-- cell's entries needs no heap row. The expression is cellExpr in plan.go.
CREATE INDEX events_cell ON events (((floor(lat * 4)::integer * 2000 + floor(lon * 4)::integer)), date_lo DESC, id)
	INCLUDE (lat, lon) WHERE lat IS NOT NULL AND lon IS NOT NULL;
