package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
)

func TestHelpOnStdout(t *testing.T) {
	isolate(t)
	tests := []struct {
		name string
		args []string
		want string // in stdout
	}{
		{"raqib --help", []string{"--help"}, "usage: raqib COMMAND"},
		{"raqib -h", []string{"-h"}, "usage: raqib COMMAND"},
		{"raqib help", []string{"help"}, "usage: raqib COMMAND"},
		{"raqib help ingest", []string{"help", "ingest"}, "usage: raqib ingest"},
		{"extract --help", []string{"extract", "--help"}, "usage: raqib extract"},
		{"extract FILE --help reads no file", []string{"extract", "no-such-file.txt", "--help"}, "usage: raqib extract"},
		{"ingest -h", []string{"ingest", "-h"}, "usage: raqib ingest"},
		{"search --help", []string{"search", "--help"}, "usage: raqib search"},
		{"search QUERY -h", []string{"search", "قصف", "-h"}, "usage: raqib search"},
		{"export --help", []string{"export", "--help"}, "usage: raqib export"},
		{"serve --help", []string{"serve", "--help"}, "usage: raqib serve"},
		{"bench --help", []string{"bench", "--help"}, "usage: raqib bench ingest"},
		{"bench ingest --help", []string{"bench", "ingest", "--help"}, "usage: raqib bench ingest"},
		{"gazetteer --help", []string{"gazetteer", "--help"}, "usage: raqib gazetteer import"},
		{"gazetteer -h", []string{"gazetteer", "-h"}, "raqib gazetteer lookup"},
		{"gazetteer import --help", []string{"gazetteer", "import", "--help"}, "-alternate"},
		{"gazetteer lookup --help", []string{"gazetteer", "lookup", "--help"}, "usage: raqib gazetteer lookup"},
		{"gazetteer stats -h", []string{"gazetteer", "stats", "-h"}, "usage: raqib gazetteer stats"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runRaqib(t, "", tt.args...)
			if code != exitOK {
				t.Errorf("raqib %v: exit %d; want 0 (stderr %q)", tt.args, code, stderr)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("raqib %v: stdout %q; want it to contain %q", tt.args, out, tt.want)
			}
			if stderr != "" {
				t.Errorf("raqib %v: stderr %q; want help on stdout only", tt.args, stderr)
			}
			if strings.Contains(out, "not found") {
				t.Errorf("raqib %v: looked --help up as a name: %q", tt.args, out)
			}
		})
	}
	t.Run("no arguments is a usage error on stderr", func(t *testing.T) {
		code, out, stderr := runRaqib(t, "")
		if code != exitUsage || out != "" || !strings.Contains(stderr, "usage:") {
			t.Errorf("raqib: exit %d, stdout %q, stderr %q; want %d and usage on stderr", code, out, stderr, exitUsage)
		}
	})
	t.Run("a bad flag is still a usage error", func(t *testing.T) {
		code, _, stderr := runRaqib(t, "", "search", "--no-such-flag")
		if code != exitUsage || stderr == "" {
			t.Errorf("search --no-such-flag: exit %d, stderr %q; want %d and a message", code, stderr, exitUsage)
		}
	})
	t.Run("a query word after -- may be -h", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "raqib.db")
		code, _, stderr := runRaqib(t, "", "search", "--db", db, "--", "-h")
		if code != exitUsage || !strings.Contains(stderr, "does not exist") {
			t.Errorf("search -- -h: exit %d, stderr %q; want a search (refused: no database), not help", code, stderr)
		}
	})
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"-version"}, {"version"}} {
		code, out, _ := runRaqib(t, "", args...)
		if code != exitOK || !strings.HasPrefix(out, "raqib ") || !strings.Contains(out, "go1.") {
			t.Errorf("raqib %v: exit %d, %q; want 0 and \"raqib VERSION goX\"", args, code, out)
		}
	}
	old := version
	t.Cleanup(func() { version = old })
	version = "v9.8.7" // as -ldflags "-X main.version=v9.8.7" sets it
	if _, out, _ := runRaqib(t, "", "--version"); !strings.HasPrefix(out, "raqib v9.8.7") {
		t.Errorf("--version with a link-time version = %q; want it first", out)
	}
}

func TestReadCommandsRefuseMissingDB(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo.db")
	for _, args := range [][]string{
		{"search", "--db", missing, "قصف"},
		{"export", "--db", missing, "--format", "geojson"},
		{"serve", "--db", missing, "--addr", "127.0.0.1:0"},
	} {
		t.Run(args[0], func(t *testing.T) {
			code, out, stderr := runRaqib(t, "", args...)
			if code != exitUsage || !strings.Contains(stderr, "typo.db does not exist") || !strings.Contains(stderr, "ingest") {
				t.Errorf("raqib %v: exit %d, stderr %q; want %d and a message naming the file and ingest", args, code, stderr, exitUsage)
			}
			if strings.Contains(out, "matching events") {
				t.Errorf("raqib %v answered from an empty database: %q", args, out)
			}
			if _, err := os.Stat(missing); err == nil {
				t.Errorf("raqib %v created %s", args, missing)
			}
		})
	}
	t.Run("RAQIB_DB is checked too", func(t *testing.T) {
		t.Setenv("RAQIB_DB", missing)
		if code, _, stderr := runRaqib(t, "", "search", "x"); code != exitUsage || !strings.Contains(stderr, "does not exist") {
			t.Errorf("search with a missing $RAQIB_DB: exit %d, %q", code, stderr)
		}
	})
	t.Run("ingest creates it, then search reads it", func(t *testing.T) {
		if code, _, stderr := runRaqib(t, "", "ingest", "--db", missing, filepath.Join("..", "..", "examples", "articles.jsonl")); code != exitOK {
			t.Fatalf("ingest: exit %d\n%s", code, stderr)
		}
		code, out, stderr := runRaqib(t, "", "search", "--db", missing)
		if code != exitOK || !strings.Contains(out, "matching events") {
			t.Errorf("search after ingest: exit %d, %q %q", code, out, stderr)
		}
	})
}

func TestSearchCountryAndFatalities(t *testing.T) {
	isolate(t)
	db := filepath.Join(t.TempDir(), "raqib.db")
	if code, _, stderr := runRaqib(t, "", "ingest", "--db", db, filepath.Join("..", "..", "examples", "articles.jsonl")); code != exitOK {
		t.Fatalf("ingest: exit %d\n%s", code, stderr)
	}
	// the examples report no death toll the extractor reads: one event with
	// three deaths, stored as it is
	st, err := openStore(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	const text = "قتل ثلاثة مدنيين بقصف مدفعي على بلدة سرمين."
	three, day := 3, "2024-03-20"
	rec := event.Record{Article: event.Article{ID: "t-deaths", Published: day, Text: text}, Events: []event.Event{{
		Doc: "t-deaths", EventType: "shelling_artillery_missile_attack", Date: &day, Fatalities: &three,
		Location: &event.Location{Name: "سرمين", Lat: 35.9, Lon: 36.72, Country: "SYR", GeoPrecision: 1},
		Evidence: []event.Span{{Start: 0, End: len(text), Text: text}}}}}
	rec.Normalize()
	if _, err := st.Put(t.Context(), []event.Record{rec}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	all := searchJSONL(t, db)
	tests := []struct {
		name string
		args []string
		keep func(e eventLike) bool
	}{
		{"country", []string{"--country", "IRQ"}, func(e eventLike) bool { return e.country == "IRQ" }},
		{"country in lower case", []string{"--country", "syr"}, func(e eventLike) bool { return e.country == "SYR" }},
		{"min fatalities", []string{"--min-fatalities", "2"}, func(e eventLike) bool { return e.fatalities >= 2 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := 0
			for _, e := range all {
				if tt.keep(likeOf(e)) {
					want++
				}
			}
			got := searchJSONL(t, db, tt.args...)
			for _, e := range got {
				if !tt.keep(likeOf(e)) {
					t.Errorf("search %v returned %+v", tt.args, e.Location)
				}
			}
			if len(got) != want || want == 0 {
				t.Errorf("search %v: %d events; want %d (and some)", tt.args, len(got), want)
			}
		})
	}
	for _, args := range [][]string{{"--country", "Syria"}, {"--min-fatalities", "-1"}} {
		if code, _, stderr := runRaqib(t, "", append([]string{"search", "--db", db}, args...)...); code != exitUsage || stderr == "" {
			t.Errorf("search %v: exit %d, %q; want a usage error", args, code, stderr)
		}
	}
}

type eventLike struct {
	country    string
	fatalities int
}

func likeOf(e event.Event) eventLike {
	var l eventLike
	if e.Location != nil {
		l.country = e.Location.Country
	}
	if e.Fatalities != nil {
		l.fatalities = *e.Fatalities
	}
	return l
}
