package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/raqib/raqib/internal/event"
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

// Fingerprints returns the fingerprints stored for digests, each with the
// content hash stored now under its key; unknown digests are left out.
func (s *Store) Fingerprints(ctx context.Context, digests []string) (map[string]event.Fingerprint, error) {
	out := make(map[string]event.Fingerprint, len(digests))
	const chunk = 500
	for len(digests) > 0 {
		n := min(chunk, len(digests))
		part := digests[:n]
		digests = digests[n:]
		args := make([]any, len(part))
		for i, d := range part {
			args[i] = d
		}
		q := `SELECT f.digest, f.key, f.hash, COALESCE(a.hash, '') FROM fingerprints f
			LEFT JOIN articles a ON a.key = f.key WHERE f.digest IN (?` + strings.Repeat(",?", len(part)-1) + `)`
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("fingerprints: %w", err)
		}
		for rows.Next() {
			var f event.Fingerprint
			if err := rows.Scan(&f.Digest, &f.Key, &f.Hash, &f.Stored); err != nil {
				rows.Close()
				return nil, fmt.Errorf("fingerprints: %w", err)
			}
			out[f.Digest] = f
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("fingerprints: %w", err)
		}
	}
	return out, nil
}

// PutFingerprints keeps fingerprints, many rows to a statement; a digest
// already kept is left as it is (the same bytes always read the same).
func (s *Store) PutFingerprints(ctx context.Context, fps []event.Fingerprint) error {
	// Three parameters a row, well below SQLite's 32,766.
	const chunk = 500
	for len(fps) > 0 {
		n := min(chunk, len(fps))
		part := fps[:n]
		fps = fps[n:]
		args := make([]any, 0, 3*len(part))
		for _, f := range part {
			args = append(args, f.Digest, f.Key, f.Hash)
		}
		q := `INSERT INTO fingerprints (digest, key, hash) VALUES (?, ?, ?)` + strings.Repeat(", (?, ?, ?)", len(part)-1) +
			` ON CONFLICT (digest) DO NOTHING`
		if _, err := s.db.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("put fingerprints: %w", err)
		}
	}
	return nil
}
