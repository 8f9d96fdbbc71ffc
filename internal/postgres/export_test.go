package postgres

import (
	"context"

	"github.com/raqib/raqib/internal/event"
)

// ScanStats counts the events matching f from the events themselves, as
// Stats does for a filter, never from the rollups.
func (s *Store) ScanStats(ctx context.Context, f event.Filter) (event.Stats, error) {
	f.Cursor = ""
	w, err := where(f, false)
	if err != nil {
		return event.Stats{}, err
	}
	return s.scanStats(ctx, w)
}
