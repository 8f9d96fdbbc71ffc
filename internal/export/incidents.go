package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/raqib/raqib/internal/event"
)

// IncidentFormats are the formats WriteIncidents writes: ACLED's CSV, one
// row per incident, and the incident records as JSON lines.
var IncidentFormats = []string{ACLEDCSV, JSONL}

// WriteIncidents streams the incidents matching f from q to w, one row or
// line per incident (next to Write's one row per report).
func WriteIncidents(ctx context.Context, w io.Writer, q event.IncidentReader, f event.IncidentFilter, format string, opt Options) (Summary, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	t, err := LoadTables()
	if err != nil {
		return Summary{}, err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var write func(inc *event.Incident) (string, error)
	var cw *csv.Writer
	switch format {
	case ACLEDCSV:
		cw = csv.NewWriter(bw)
		if err := cw.Write(ACLEDHeader); err != nil {
			return Summary{}, err
		}
		now := strconv.FormatInt(opt.Now.Unix(), 10)
		write = func(inc *event.Incident) (string, error) {
			row, skip := t.IncidentRow(inc, now)
			if skip != "" {
				return skip, nil
			}
			return "", cw.Write(row)
		}
	case JSONL:
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		write = func(inc *event.Incident) (string, error) { return "", enc.Encode(inc) }
	default:
		return Summary{}, fmt.Errorf("incidents: unknown format %q (want one of %s)", format, strings.Join(IncidentFormats, ", "))
	}
	sum := Summary{Skipped: map[string]int{}}
	f.Limit = event.MaxLimit
	read := func(cursor string) ([]event.Incident, string, error) {
		f.Cursor = cursor
		page, err := q.Incidents(ctx, f)
		return page.Incidents, page.Next, err
	}
	if err := writePages(read, opt.Max, write, &sum); err != nil {
		return sum, err
	}
	if cw != nil {
		cw.Flush()
		if err := cw.Error(); err != nil {
			return sum, err
		}
	}
	return sum, bw.Flush()
}

// IncidentRow is the ACLED row of an incident: its merged type, place and
// dates (time_precision 1 for one day, 2 up to a week, 3 beyond), the
// actors most reports give, the headline toll (the lowest credible
// figure), every outlet and cited source joined with "; ", and notes that
// sum up the reports, the claims and denials and the disagreements.
func (t *Tables) IncidentRow(inc *event.Incident, timestamp string) ([]string, string) {
	e := event.StoredEvent{Event: event.Event{ID: strings.TrimPrefix(inc.ID, "i-"), EventType: inc.EventType, Location: inc.Location}}
	if inc.DateLo != "" {
		d := inc.DateLo
		e.Date = &d
		e.DatePrecision = "day"
		if inc.DateHi != inc.DateLo {
			lo, _ := time.Parse("2006-01-02", inc.DateLo)
			hi, _ := time.Parse("2006-01-02", inc.DateHi)
			if hi.Sub(lo) <= 7*24*time.Hour {
				e.DatePrecision = "week"
			} else {
				e.DatePrecision = "month"
			}
		}
	}
	for _, a := range inc.Actors { // most reports first within a role
		act := &event.Actor{Code: a.Code, Text: a.Text}
		if a.Role == "actor1" && e.Actor1 == nil {
			e.Actor1 = act
		} else if a.Role == "actor2" && e.Actor2 == nil {
			e.Actor2 = act
		}
	}
	if inc.Fatalities != nil {
		h := inc.Fatalities.Headline
		e.Fatalities = &h
	}
	row, skip := t.ACLEDRow(&e, timestamp)
	if skip != "" {
		return nil, skip
	}
	var sources []string
	for _, c := range inc.Sources {
		sources = append(sources, c.Key)
	}
	for _, c := range inc.Outlets {
		sources = append(sources, c.Key)
	}
	col := map[string]int{}
	for i, h := range ACLEDHeader {
		col[h] = i
	}
	row[col["source"]] = strings.Join(sources, "; ")
	row[col["notes"]] = incidentNotes(inc)
	if inc.Disputed {
		row[col["tags"]] = "disputed"
	} else {
		row[col["tags"]] = ""
	}
	return row, ""
}

func incidentNotes(inc *event.Incident) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d reports in %d articles.", len(inc.Reports), inc.Articles)
	if f := inc.Fatalities; f != nil && f.Min != f.Max {
		fmt.Fprintf(&b, " Tolls from %d to %d; the lowest credible, %d, is given.", f.Min, f.Max, f.Headline)
	}
	for _, c := range inc.Claims {
		switch {
		case c.Status == event.Denied:
			fmt.Fprintf(&b, " Denied by %s (%s).", orSomeone(c.DeniedBy, c.By), c.Outlet)
		case c.DeniedBy != "":
			fmt.Fprintf(&b, " %s by %s, denied by %s (%s).", upper(c.Status), orSomeone(c.By, ""), c.DeniedBy, c.Outlet)
		case c.By != "":
			fmt.Fprintf(&b, " %s by %s (%s).", upper(c.Status), c.By, c.Outlet)
		}
	}
	for _, d := range inc.Disagreements {
		if d.Field == "claim" || d.Field == "fatalities" {
			continue
		}
		var vs []string
		for _, v := range d.Values {
			vs = append(vs, fmt.Sprintf("%s (%d)", v.Value, len(v.Reports)))
		}
		fmt.Fprintf(&b, " Reports differ on %s: %s.", d.Field, strings.Join(vs, " vs "))
	}
	return b.String()
}

func orSomeone(a, b string) string {
	if a != "" {
		return a
	}
	if b != "" {
		return b
	}
	return "an unnamed party"
}

func upper(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
