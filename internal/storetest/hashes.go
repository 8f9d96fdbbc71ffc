package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/raqib/raqib/internal/event"
)

// Hasher is a store that tells the content hash of stored keys (ingest
// checks it before extracting).
type Hasher interface {
	event.Store
	Hashes(ctx context.Context, keys []string) (map[string]string, error)
}

// RunHashes checks Hashes: stored keys with their hash, absent keys left
// out, any number of keys.
func RunHashes(t *testing.T, open func(t *testing.T) Hasher) {
	s := open(t)
	ctx := context.Background()
	var recs []event.Record
	for i := range 700 {
		r := event.Record{Article: event.Article{ID: string(rune('a'+i%26)) + string(rune('0'+i%10)), Text: "نص " + string(rune(0x0660+i%10)) + string(rune('a'+i/26))}}
		r.Article.Text += string(rune(0x0600 + i))
		r.Normalize()
		recs = append(recs, r)
	}
	if _, err := s.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	keys := []string{"https://absent.example/"}
	for _, r := range recs {
		keys = append(keys, r.Key)
	}
	got, err := s.Hashes(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(recs) {
		t.Fatalf("Hashes gave %d keys; want %d (the absent one left out)", len(got), len(recs))
	}
	for _, r := range recs {
		if got[r.Key] != r.Hash {
			t.Fatalf("Hashes[%s] = %q; want %q", r.Key, got[r.Key], r.Hash)
		}
	}
	if empty, err := s.Hashes(ctx, nil); err != nil || len(empty) != 0 {
		t.Errorf("Hashes(nil) = %v, %v; want empty", empty, err)
	}
}

// Fingerprinter is a store that keeps fingerprints of the records ingest
// read (it looks a record up by its digest before parsing it).
type Fingerprinter interface {
	event.Store
	Fingerprints(ctx context.Context, digests []string) (map[string]event.Fingerprint, error)
	PutFingerprints(ctx context.Context, fps []event.Fingerprint) error
}

// RunFingerprints checks Fingerprints and PutFingerprints: a kept digest
// gives its key and hash with the hash stored now under the key (none when
// the key is not stored), a digest kept twice keeps its first reading,
// unknown digests are left out, any number of digests.
func RunFingerprints(t *testing.T, open func(t *testing.T) Fingerprinter) {
	s := open(t)
	ctx := context.Background()
	stored := event.Record{Article: event.Article{ID: "a", URL: "https://example.org/a", Text: "نص الخبر الثاني"}}
	stored.Normalize()
	if _, err := s.Put(ctx, []event.Record{stored}); err != nil {
		t.Fatal(err)
	}
	fps := []event.Fingerprint{
		{Digest: "d-current", Key: stored.Key, Hash: stored.Hash},
		{Digest: "d-past", Key: stored.Key, Hash: "an older hash"},
		{Digest: "d-unstored", Key: "https://example.org/b", Hash: "h-b"},
	}
	for i := range 600 {
		fps = append(fps, event.Fingerprint{Digest: fmt.Sprintf("d-%04d", i), Key: fmt.Sprintf("sha256:%04d", i), Hash: fmt.Sprintf("h-%04d", i)})
	}
	if err := s.PutFingerprints(ctx, fps); err != nil {
		t.Fatal(err)
	}
	if err := s.PutFingerprints(ctx, []event.Fingerprint{{Digest: "d-current", Key: "other", Hash: "other"}}); err != nil {
		t.Fatalf("PutFingerprints of a kept digest: %v", err)
	}
	digests := []string{"d-absent"}
	for _, f := range fps {
		digests = append(digests, f.Digest)
	}
	got, err := s.Fingerprints(ctx, digests)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(fps) {
		t.Fatalf("Fingerprints gave %d digests; want %d (the absent one left out)", len(got), len(fps))
	}
	tests := []struct {
		name   string
		digest string
		want   event.Fingerprint
	}{
		{"current version", "d-current", event.Fingerprint{Digest: "d-current", Key: stored.Key, Hash: stored.Hash, Stored: stored.Hash}},
		{"past version", "d-past", event.Fingerprint{Digest: "d-past", Key: stored.Key, Hash: "an older hash", Stored: stored.Hash}},
		{"key not stored", "d-unstored", event.Fingerprint{Digest: "d-unstored", Key: "https://example.org/b", Hash: "h-b"}},
		{"one of many", "d-0599", event.Fingerprint{Digest: "d-0599", Key: "sha256:0599", Hash: "h-0599"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got[tt.digest] != tt.want {
				t.Errorf("Fingerprints[%s] = %+v; want %+v", tt.digest, got[tt.digest], tt.want)
			}
		})
	}
	if empty, err := s.Fingerprints(ctx, nil); err != nil || len(empty) != 0 {
		t.Errorf("Fingerprints(nil) = %v, %v; want empty", empty, err)
	}
}
