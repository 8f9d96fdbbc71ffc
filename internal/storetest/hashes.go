package storetest

import (
	"context"
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
