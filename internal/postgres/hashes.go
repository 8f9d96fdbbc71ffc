package postgres

import (
	"context"
	"fmt"

	"github.com/raqib/raqib/internal/event"
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

// Fingerprints returns the fingerprints stored for digests, each with the
// content hash stored now under its key; unknown digests are left out.
func (s *Store) Fingerprints(ctx context.Context, digests []string) (map[string]event.Fingerprint, error) {
	out := make(map[string]event.Fingerprint, len(digests))
	if len(digests) == 0 {
		return out, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT f.digest, f.key, f.hash, COALESCE(a.hash, '') FROM fingerprints f
		LEFT JOIN articles a ON a.key = f.key WHERE f.digest = ANY($1)`, digests)
	if err != nil {
		return nil, fmt.Errorf("fingerprints: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f event.Fingerprint
		if err := rows.Scan(&f.Digest, &f.Key, &f.Hash, &f.Stored); err != nil {
			return nil, fmt.Errorf("fingerprints: %w", err)
		}
		out[f.Digest] = f
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("fingerprints: %w", err)
	}
	return out, nil
}

// PutFingerprints keeps fingerprints in one statement; a digest already
// kept is left as it is (the same bytes always read the same).
func (s *Store) PutFingerprints(ctx context.Context, fps []event.Fingerprint) error {
	if len(fps) == 0 {
		return nil
	}
	digests, keys, hashes := make([]string, len(fps)), make([]string, len(fps)), make([]string, len(fps))
	for i, f := range fps {
		digests[i], keys[i], hashes[i] = f.Digest, f.Key, f.Hash
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO fingerprints (digest, key, hash)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (digest) DO NOTHING`, digests, keys, hashes)
	if err != nil {
		return fmt.Errorf("put fingerprints: %w", err)
	}
	return nil
}
