package extract

import (
	"sync"
	"testing"

	"github.com/raqib/raqib/internal/arabic"
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

func newArabicDoc(text string) *arabic.Doc { return arabic.NewDoc(text) }
