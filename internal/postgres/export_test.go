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

// CoverWindows says, for each window a page of f of limit events is read
// in, newest first, whether it is a date-lexeme window (textWindows).
func (s *Store) CoverWindows(ctx context.Context, f event.Filter, limit int) ([]bool, error) {
	w, err := s.textWindows(ctx, f, limit)
	out := make([]bool, len(w))
	for i := range w {
		out[i] = w[i].cover
	}
	return out, err
}

// DateCover is dateCover.
var DateCover = dateCover

// YearCover is yearCover.
var YearCover = yearCover
