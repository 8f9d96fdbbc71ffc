package postgres_test

import (
	"testing"

	"github.com/raqib/raqib/internal/storetest"
)

func TestHashes(t *testing.T) {
	storetest.RunHashes(t, func(t *testing.T) storetest.Hasher { return open(t) })
}

func TestFingerprints(t *testing.T) {
	storetest.RunFingerprints(t, func(t *testing.T) storetest.Fingerprinter { return open(t) })
}
