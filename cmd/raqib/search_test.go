package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
)

// searchJSONL runs raqib search --format jsonl and decodes the events.
func searchJSONL(t *testing.T, dsn string, args ...string) []event.Event {
	t.Helper()
	code, out, stderr := runRaqib(t, "", append([]string{"search", "--db", dsn, "--format", "jsonl", "--limit", "0"}, args...)...)
	if code != exitOK {
		t.Fatalf("search %v: exit %d\n%s", args, code, stderr)
	}
	return decodeEvents(t, out)
}

// testSearch runs against the store TestIngest filled.
func testSearch(t *testing.T, dsn string) {
	all := searchJSONL(t, dsn)
	if len(all) < 5 {
		t.Fatalf("%d events in all; want the fixtures' events", len(all))
	}
	has := func(evs []event.Event, pred func(event.Event) bool) bool {
		for _, e := range evs {
			if pred(e) {
				return true
			}
		}
		return false
	}
	evidence := func(e event.Event) string { return event.Sentence(e) }
	tests := []struct {
		name string
		args []string
		// every result must satisfy each; some result must satisfy some
		each, some func(event.Event) bool
	}{
		// Text queries match the evidence sentence or the article title, so
		// only "some" is checked for them.
		{"قصف finds وقصفت", []string{"قصف"}, nil,
			func(e event.Event) bool { return strings.Contains(evidence(e), "وقصفت") }},
		{"ادلب finds إدلب", []string{"ادلب"}, nil,
			func(e event.Event) bool { return strings.Contains(evidence(e), "إدلب") }},
		{"type filter", []string{"--type", "arrests"},
			func(e event.Event) bool { return e.EventType == "arrests" }, nil},
		{"actor filter and query after flags", []string{"--actor", "RUS.MIL", "غارات"},
			func(e event.Event) bool {
				return (e.Actor1 != nil && e.Actor1.Code == "RUS.MIL") || (e.Actor2 != nil && e.Actor2.Code == "RUS.MIL")
			}, nil},
		{"flags after the query", []string{"قصف", "--from", "2020-11-01"},
			func(e event.Event) bool { return e.Date == nil || *e.Date >= "2020-11" }, nil},
		{"near a point", []string{"--near", "35.64,36.53", "--km", "10"},
			func(e event.Event) bool {
				return e.Location != nil && event.DistanceKm(35.64, 36.53, e.Location.Lat, e.Location.Lon) <= 10
			},
			func(e event.Event) bool { return strings.Contains(e.Location.Name, "كنصفرة") }},
		{"date range", []string{"--from", "2020-11-01", "--to", "2020-11-30"},
			func(e event.Event) bool { return e.Date != nil && strings.HasPrefix(*e.Date, "2020-11") }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := searchJSONL(t, dsn, tt.args...)
			if len(got) == 0 {
				t.Fatalf("search %v found nothing", tt.args)
			}
			if len(got) >= len(all) && len(tt.args) > 0 {
				t.Errorf("search %v found all %d events; the filter did nothing", tt.args, len(got))
			}
			for _, e := range got {
				if tt.each != nil && !tt.each(e) {
					b, _ := json.Marshal(e)
					t.Errorf("search %v returned an event that does not match: %s", tt.args, b)
				}
			}
			if tt.some != nil && !has(got, tt.some) {
				t.Errorf("search %v did not find the expected event among %d", tt.args, len(got))
			}
		})
	}
	t.Run("no match", func(t *testing.T) {
		if got := searchJSONL(t, dsn, "زلزال"); len(got) != 0 {
			t.Errorf("search زلزال found %d events; the fixtures have none", len(got))
		}
	})
	t.Run("text output", func(t *testing.T) {
		code, out, stderr := runRaqib(t, "", "search", "--db", dsn, "--limit", "2", "قصف")
		if code != exitOK {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		for _, want := range []string{"shelling_artillery_missile_attack", "place: ", "precision ", "«", "2 matching events shown; more match"} {
			if !strings.Contains(out, want) {
				t.Errorf("text output lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("sorted newest first", func(t *testing.T) {
		got := searchJSONL(t, dsn)
		for i := 1; i < len(got); i++ {
			if got[i-1].Date != nil && got[i].Date != nil && *got[i-1].Date < *got[i].Date {
				t.Errorf("event %d (%s) before event %d (%s)", i-1, *got[i-1].Date, i, *got[i].Date)
			}
		}
	})
}

func TestSearchUsage(t *testing.T) {
	isolate(t)
	tests := []struct {
		name string
		args []string
	}{
		{"bad date", []string{"--from", "2020-13-01"}},
		{"from after to", []string{"--from", "2021-01-01", "--to", "2020-01-01"}},
		{"unknown type", []string{"--type", "bombing"}},
		{"bad claim", []string{"--claim", "rumoured"}},
		{"bad point", []string{"--near", "35.6"}},
		{"point off the earth", []string{"--near", "135,20"}},
		{"bad format", []string{"--format", "xml"}},
		{"negative radius", []string{"--near", "35,36", "--km", "-1"}},
		{"radius too large", []string{"--near", "35,36", "--km", "30000"}},
		{"NUL in an actor", []string{"--actor", "SYR\x00GOV"}},
		{"invalid UTF-8 in admin1", []string{"--admin1", "\xc0\xae"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runRaqib(t, "", append([]string{"search", "--db", t.TempDir() + "/x.db"}, tt.args...)...)
			if code != exitUsage || stderr == "" {
				t.Errorf("search %v: exit %d, stderr %q; want %d and a message", tt.args, code, stderr, exitUsage)
			}
		})
	}
}
