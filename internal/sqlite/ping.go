package sqlite

import "context"

// Ping checks that the database answers, without reading a table.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.db.QueryRowContext(ctx, `SELECT 1`).Scan(&one)
}
