package postgres

import (
	"context"
	"fmt"
)

// Hashes returns the stored content hash of each of keys that is stored,
// so that ingest can skip extracting an article it already holds.
func (s *Store) Hashes(ctx context.Context, keys []string) (map[string]string, error) {
	out := make(map[string]string, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT key, hash FROM articles WHERE key = ANY($1)`, keys)
	if err != nil {
		return nil, fmt.Errorf("hashes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, h string
		if err := rows.Scan(&k, &h); err != nil {
			return nil, fmt.Errorf("hashes: %w", err)
		}
		out[k] = h
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("hashes: %w", err)
	}
	return out, nil
}
