package postgres

import "context"

// Ping checks that the server answers, without reading a table.
func (s *Store) Ping(ctx context.Context) error {
	return s.pool.Ping(ctx)
}
