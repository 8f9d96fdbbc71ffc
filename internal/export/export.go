// Package export writes stored events in the formats analysts use: ACLED's
// CSV, GeoJSON, SPEC §2 JSON lines and PLOVER-style JSON lines. Events are
// read from an event.Querier page by page and written as they come, so an
// export of any size runs in constant memory.
//
// The mappings from raqib's codes to ACLED's actor names, inter codes and
// countries and to PLOVER's categories are embedded TSV files in data/.
package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/raqib/raqib/internal/event"
)

// Format names.
const (
	ACLEDCSV = "acled-csv"
	GeoJSON  = "geojson"
	JSONL    = "jsonl"
	PLOVER   = "plover"
)

// Formats lists the export formats.
var Formats = []string{ACLEDCSV, GeoJSON, JSONL, PLOVER}

// Options configure Write.
type Options struct {
	// Max stops after this many events are written; 0 means all.
	Max int
	// Now is the ACLED timestamp of every row; zero means time.Now().
	Now time.Time
}

// Summary says what Write did.
type Summary struct {
	Written int
	// Skipped counts events the format cannot hold, by reason.
	Skipped map[string]int
}

// writePages writes the items of every page read through the cursor (""
// first) until a page has no next one or max items (0: no bound) are
// written; write says why an item is skipped, "" when it was written.
func writePages[T any](read func(cursor string) ([]T, string, error), max int, write func(*T) (string, error), sum *Summary) error {
	cursor := ""
	for {
		items, next, err := read(cursor)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		for i := range items {
			if max > 0 && sum.Written >= max {
				return nil
			}
			skip, err := write(&items[i])
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			if skip != "" {
				sum.Skipped[skip]++
				continue
			}
			sum.Written++
		}
		if next == "" {
			return nil
		}
		cursor = next
	}
}

// SkippedTotal is the number of events skipped for any reason.
func (s Summary) SkippedTotal() int {
	n := 0
	for _, v := range s.Skipped {
		n += v
	}
	return n
}

// String describes the skipped events, most frequent reason first.
func (s Summary) String() string {
	var reasons []string
	for r := range s.Skipped {
		reasons = append(reasons, r)
	}
	sort.Slice(reasons, func(i, j int) bool {
		if s.Skipped[reasons[i]] != s.Skipped[reasons[j]] {
			return s.Skipped[reasons[i]] > s.Skipped[reasons[j]]
		}
		return reasons[i] < reasons[j]
	})
	var b strings.Builder
	fmt.Fprintf(&b, "%d events written", s.Written)
	for _, r := range reasons {
		fmt.Fprintf(&b, ", %d skipped (%s)", s.Skipped[r], r)
	}
	return b.String()
}

// encoder writes one format. write returns a non-empty reason when the
// event cannot be written in the format.
type encoder interface {
	begin() error
	write(e *event.StoredEvent) (skip string, err error)
	end() error
}

// Write streams the events matching f from q to w in format.
func Write(ctx context.Context, w io.Writer, q event.Querier, f event.Filter, format string, opt Options) (Summary, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	t, err := LoadTables()
	if err != nil {
		return Summary{}, err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var enc encoder
	switch format {
	case ACLEDCSV:
		enc = newACLED(bw, t, opt.Now)
	case GeoJSON:
		enc = newGeoJSON(bw)
	case JSONL:
		enc = newJSONL(bw)
	case PLOVER:
		enc = newPLOVER(bw, t)
	default:
		return Summary{}, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
	}
	sum := Summary{Skipped: map[string]int{}}
	if err := enc.begin(); err != nil {
		return sum, err
	}
	f.Limit = event.MaxLimit
	read := func(cursor string) ([]event.StoredEvent, string, error) {
		f.Cursor = cursor
		page, err := q.Events(ctx, f)
		return page.Events, page.Next, err
	}
	if err := writePages(read, opt.Max, enc.write, &sum); err != nil {
		return sum, err
	}
	if err := enc.end(); err != nil {
		return sum, err
	}
	return sum, bw.Flush()
}

// eventDate is the date an event is filed under (its own, else its
// article's publication date).
func eventDate(e *event.StoredEvent) string {
	return event.EventDate(e.Event, event.Article{Published: e.Article.Published})
}
