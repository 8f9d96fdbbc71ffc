package sqlite_test

import (
	"testing"

	"github.com/raqib/raqib/internal/storetest"
)

func TestHashes(t *testing.T) {
	storetest.RunHashes(t, func(t *testing.T) storetest.Hasher { s := open(t); t.Cleanup(func() { s.Close() }); return s })
}

func TestFingerprints(t *testing.T) {
	storetest.RunFingerprints(t, func(t *testing.T) storetest.Fingerprinter { s := open(t); t.Cleanup(func() { s.Close() }); return s })
}
