package export

import (
	"encoding/json"
	"io"

	"github.com/raqib/raqib/internal/event"
)

// jsonlEncoder writes SPEC §2 events, one JSON object a line, with their
// store IDs.
type jsonlEncoder struct{ enc *json.Encoder }

func newJSONL(w io.Writer) *jsonlEncoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &jsonlEncoder{enc: enc}
}

func (j *jsonlEncoder) begin() error { return nil }
func (j *jsonlEncoder) end() error   { return nil }

func (j *jsonlEncoder) write(e *event.StoredEvent) (string, error) {
	return "", j.enc.Encode(&e.Event)
}
