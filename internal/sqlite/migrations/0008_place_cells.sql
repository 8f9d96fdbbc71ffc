-- A page of a place filter read newest first from the grid cells it
-- covers (plan.go, cellPage): every located event is filed under its
-- quarter-degree cell (cell = row * 1441 + column, see placeCell) with its
-- sort key, date range and point, so that each cell's events are walked in
-- date order and the walks merged, a page costing at most a page per
-- cell however many events the place holds.
CREATE TABLE event_cells (
	cell    INTEGER NOT NULL,
	date_lo TEXT NOT NULL,
	id      TEXT NOT NULL,
	date_hi TEXT NOT NULL,
	lat     REAL NOT NULL,
	lon     REAL NOT NULL,
	seq     INTEGER NOT NULL,
	PRIMARY KEY (cell, date_lo DESC, id)
) WITHOUT ROWID;
CREATE INDEX event_cells_seq ON event_cells (seq);
INSERT INTO event_cells (cell, date_lo, id, date_hi, lat, lon, seq)
	SELECT CAST(floor((lat + 90) * 4) AS INTEGER) * 1441 + CAST(floor((lon + 180) * 4) AS INTEGER), date_lo, id, date_hi, lat, lon, seq
	FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL;
CREATE TRIGGER event_cells_insert AFTER INSERT ON events WHEN new.lat IS NOT NULL AND new.lon IS NOT NULL BEGIN
	INSERT INTO event_cells (cell, date_lo, id, date_hi, lat, lon, seq)
		VALUES (CAST(floor((new.lat + 90) * 4) AS INTEGER) * 1441 + CAST(floor((new.lon + 180) * 4) AS INTEGER),
			new.date_lo, new.id, new.date_hi, new.lat, new.lon, new.seq);
END;
CREATE TRIGGER event_cells_delete AFTER DELETE ON events WHEN old.lat IS NOT NULL BEGIN
	DELETE FROM event_cells WHERE seq = old.seq;
END;
