package sqlite

import (
	"encoding/json"
	"reflect"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/storetest"
)

// TestDecodeAsV1: scanEvent decodes stored events with the JSON v2
// prototype; what it reads of the JSON encoding/json wrote (the whole
// event and its brief) is what encoding/json reads.
func TestDecodeAsV1(t *testing.T) {
	for _, r := range storetest.BenchBatch(5) {
		for i, e := range r.Events {
			row := event.NewRow(&r, i, e)
			whole, err := json.Marshal(row.Event)
			if err != nil {
				t.Fatal(err)
			}
			brief, err := event.BriefJSON(row.Event)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range [][]byte{whole, []byte(brief)} {
				var v1, v2 event.Event
				if err := json.Unmarshal(b, &v1); err != nil {
					t.Fatal(err)
				}
				if err := jsonv2.Unmarshal(b, &v2, lenient); err != nil {
					t.Fatalf("v2 decode of %s: %v", b, err)
				}
				if !reflect.DeepEqual(v1, v2) {
					t.Errorf("v2 decode of %s =\n%+v\nwant (encoding/json)\n%+v", b, v2, v1)
				}
			}
		}
	}
}
