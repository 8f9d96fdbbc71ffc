package extract

import (
	"sync"
	"testing"
)

var (
	testOnce sync.Once
	testX    *Extractor
	testErr  error
)

// newTestExtractor builds one extractor with the embedded data for all tests.
func newTestExtractor(t testing.TB) *Extractor {
	t.Helper()
	testOnce.Do(func() { testX, testErr = New(Options{}) })
	if testErr != nil {
		t.Fatal(testErr)
	}
	return testX
}
