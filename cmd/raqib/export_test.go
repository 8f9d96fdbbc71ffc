package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/export"
)

// testExport runs against the store TestIngest filled: every format is
// read back with a standard reader and agrees with the store.
func testExport(t *testing.T, dsn string) {
	s := openTestStore(t, dsn)
	st, err := s.Stats(context.Background(), event.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	all := searchJSONL(t, dsn)
	if len(all) != st.Events {
		t.Fatalf("search found %d events, Stats says %d", len(all), st.Events)
	}
	byID := map[string]event.Event{}
	acledable, located := 0, 0
	for _, e := range all {
		byID[e.ID] = e
		if e.Location != nil {
			located++
			if event.ACLED(e.EventType) != nil {
				acledable++
			}
		}
	}
	exportOut := func(t *testing.T, args ...string) (string, string) {
		code, out, stderr := runRaqib(t, "", append([]string{"export", "--db", dsn}, args...)...)
		if code != exitOK {
			t.Fatalf("export %v: exit %d\n%s", args, code, stderr)
		}
		return out, stderr
	}
	t.Run("jsonl", func(t *testing.T) {
		out, _ := exportOut(t, "--format", "jsonl")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != len(all) {
			t.Fatalf("%d lines; want %d", len(lines), len(all))
		}
		for _, l := range lines {
			var e event.Event
			if err := json.Unmarshal([]byte(l), &e); err != nil {
				t.Fatal(err)
			}
			want, ok := byID[e.ID]
			a, _ := json.Marshal(e)
			b, _ := json.Marshal(want)
			if !ok || string(a) != string(b) {
				t.Errorf("exported %s; search gave %s", a, b)
			}
		}
	})
	t.Run("acled-csv", func(t *testing.T) {
		out, stderr := exportOut(t, "--format", "acled-csv")
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(rows[0], ",") != strings.Join(export.ACLEDHeader, ",") || len(rows[0]) != 31 {
			t.Errorf("header %v", rows[0])
		}
		if len(rows)-1 != acledable {
			t.Errorf("%d rows; want %d (events with an ACLED type and a place)", len(rows)-1, acledable)
		}
		for _, r := range rows[1:] {
			if !strings.HasPrefix(r[0], r[0][:3]) || r[15] == "" || r[16] == "" || r[22] == "" || r[27] == "" {
				t.Errorf("row lacks id, iso, region, latitude or notes: %v", r)
			}
		}
		if !strings.Contains(stderr, "events written") {
			t.Errorf("stderr lacks the summary: %s", stderr)
		}
	})
	t.Run("geojson", func(t *testing.T) {
		out, _ := exportOut(t, "--format", "geojson")
		var fc struct {
			Type     string `json:"type"`
			Features []struct {
				Geometry struct {
					Coordinates [2]float64 `json:"coordinates"`
				} `json:"geometry"`
				Properties struct {
					ID string `json:"id"`
				} `json:"properties"`
			} `json:"features"`
		}
		if err := json.Unmarshal([]byte(out), &fc); err != nil {
			t.Fatal(err)
		}
		if fc.Type != "FeatureCollection" || len(fc.Features) != located {
			t.Fatalf("%s of %d features; want %d", fc.Type, len(fc.Features), located)
		}
		for _, f := range fc.Features {
			e := byID[f.Properties.ID]
			if e.Location == nil || f.Geometry.Coordinates != [2]float64{e.Location.Lon, e.Location.Lat} {
				t.Errorf("feature %s at %v; want the event's place", f.Properties.ID, f.Geometry.Coordinates)
			}
		}
	})
	t.Run("plover", func(t *testing.T) {
		out, _ := exportOut(t, "--format", "plover")
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var p export.PloverEvent
			if err := json.Unmarshal([]byte(l), &p); err != nil {
				t.Fatal(err)
			}
			e, ok := byID[p.ID]
			if !ok || p.EventType == "" || len(e.Evidence) == 0 || p.TextInfo.Start != e.Evidence[0].Start || p.TextInfo.End != e.Evidence[0].End {
				t.Errorf("plover record %+v does not match its event", p)
			}
		}
	})
	t.Run("filters apply", func(t *testing.T) {
		out, _ := exportOut(t, "--format", "jsonl", "--type", "arrests")
		n := strings.Count(out, "\n")
		if n == 0 || n >= len(all) || strings.Count(out, `"event_type":"arrests"`) != n {
			t.Errorf("--type arrests exported %d of %d events:\n%s", n, len(all), out)
		}
	})
	t.Run("unknown format", func(t *testing.T) {
		code, _, _ := runRaqib(t, "", "export", "--db", dsn, "--format", "xlsx")
		if code != exitUsage {
			t.Errorf("exit %d; want %d", code, exitUsage)
		}
	})
}
