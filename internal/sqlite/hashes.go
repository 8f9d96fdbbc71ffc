package sqlite

import (
	"context"
	"fmt"
	"strings"
)

// Hashes returns the stored content hash of each of keys that is stored,
// so that ingest can skip extracting an article it already holds.
func (s *Store) Hashes(ctx context.Context, keys []string) (map[string]string, error) {
	out := make(map[string]string, len(keys))
	// SQLite allows 32,766 parameters; stay well below.
	const chunk = 500
	for len(keys) > 0 {
		n := min(chunk, len(keys))
		part := keys[:n]
		keys = keys[n:]
		args := make([]any, len(part))
		for i, k := range part {
			args[i] = k
		}
		q := `SELECT key, hash FROM articles WHERE key IN (?` + strings.Repeat(",?", len(part)-1) + `)`
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("hashes: %w", err)
		}
		for rows.Next() {
			var k, h string
			if err := rows.Scan(&k, &h); err != nil {
				rows.Close()
				return nil, fmt.Errorf("hashes: %w", err)
			}
			out[k] = h
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("hashes: %w", err)
		}
	}
	return out, nil
}
