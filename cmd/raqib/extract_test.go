package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
)

func decodeEvents(t *testing.T, out string) []event.Event {
	t.Helper()
	var evs []event.Event
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var e event.Event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("output line is not an event: %v\n%s", err, line)
		}
		evs = append(evs, e)
	}
	return evs
}

func TestExtractCommand(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	good := `{"id":"a1","published":"2021-03-12","text":"قصفت طائرات حربية روسية صباح اليوم بلدة كفرنبل في ريف إدلب الجنوبي."}`
	corpus := filepath.Join(dir, "in.jsonl")
	lines := good + "\n" +
		`{"id":"broken", "text": ` + "\n" + // invalid JSON: reported, skipped
		`{"id":"empty","text":"   "}` + "\n" +
		`{"id":"a2","published":"2021-03-12","text":"قصفت قوات النظام أمس بلدة كنصفرة في جبل الزاوية."}` + "\n"
	if err := os.WriteFile(corpus, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(dir, "report.txt")
	if err := os.WriteFile(report, []byte("شنت طائرات روسية أمس غارات على بلدة كفرنبل في ريف إدلب الجنوبي."), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("jsonl with bad lines goes on", func(t *testing.T) {
		code, out, errs := runRaqib(t, "", "extract", corpus)
		if code != exitPartial {
			t.Errorf("exit %d; want %d (some articles skipped)", code, exitPartial)
		}
		evs := decodeEvents(t, out)
		docs := map[string]bool{}
		for _, e := range evs {
			docs[e.Doc] = true
		}
		if !docs["a1"] || !docs["a2"] {
			t.Errorf("events for %v; want a1 and a2\n%s", docs, errs)
		}
		if !strings.Contains(errs, ":2") || !strings.Contains(errs, "empty") {
			t.Errorf("stderr does not name the bad line and the empty article:\n%s", errs)
		}
		if !strings.Contains(errs, "4 articles read") || !strings.Contains(errs, "2 skipped") {
			t.Errorf("summary missing or wrong:\n%s", errs)
		}
	})
	t.Run("deterministic", func(t *testing.T) {
		_, one, _ := runRaqib(t, "", "extract", "-q", corpus)
		_, two, _ := runRaqib(t, "", "extract", "-q", "--workers", "1", corpus)
		if one != two || one == "" {
			t.Errorf("two runs (2 workers, 1 worker) differ or are empty")
		}
	})
	t.Run("text file with published date", func(t *testing.T) {
		code, out, errs := runRaqib(t, "", "extract", "--published", "2020-09-20", report)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		evs := decodeEvents(t, out)
		if len(evs) == 0 || evs[0].Doc != "report.txt" || evs[0].Date == nil || *evs[0].Date != "2020-09-19" {
			t.Errorf("got %+v; want an event of report.txt dated 2020-09-19 (أمس)", evs)
		}
	})
	t.Run("explain", func(t *testing.T) {
		code, out, _ := runRaqib(t, "", "extract", "--explain", report)
		if code != exitOK || !strings.Contains(out, "trigger") || !strings.Contains(out, "place") {
			t.Errorf("exit %d; --explain output lacks triggers or places:\n%s", code, out)
		}
	})
	t.Run("stdin", func(t *testing.T) {
		code, out, _ := runRaqib(t, good+"\n", "extract", "-")
		if code != exitOK || len(decodeEvents(t, out)) == 0 {
			t.Errorf("exit %d, output %q; want events from stdin", code, out)
		}
	})
	t.Run("usage errors", func(t *testing.T) {
		if code, _, _ := runRaqib(t, "", "extract"); code != exitUsage {
			t.Errorf("no input: exit %d; want %d", code, exitUsage)
		}
		if code, _, _ := runRaqib(t, "", "extract", "--published", "yesterday", report); code != exitUsage {
			t.Errorf("bad --published: exit %d; want %d", code, exitUsage)
		}
		if code, _, errs := runRaqib(t, "", "extract", filepath.Join(dir, "missing.jsonl")); code != exitUsage || !strings.Contains(errs, "missing.jsonl") {
			t.Errorf("missing file: exit %d, %q; want %d naming the file", code, errs, exitUsage)
		}
	})
}

func TestGazetteerCommands(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	// a GeoNames-format file written for this test: one Syrian village the
	// embedded gazetteer does not know
	row := "9100001\tKhirbat Fictum\tKhirbat Fictum\tخربة فكتوم\t35.7000\t36.5000\tP\tPPL\tSY\t\t12\t\t\t\t300\t\t0\tAsia/Damascus\t2024-01-01\n"
	gn := filepath.Join(dir, "SY-test.txt")
	if err := os.WriteFile(gn, []byte(row), 0o644); err != nil {
		t.Fatal(err)
	}
	article := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(article, []byte("قصفت قوات النظام أمس قرية خربة فكتوم بالمدفعية الثقيلة."), 0o644); err != nil {
		t.Fatal(err)
	}
	placed := func(out string) bool {
		for _, e := range decodeEvents(t, out) {
			if e.Location != nil && e.Location.GazetteerID == "geonames:9100001" {
				return true
			}
		}
		return false
	}
	if _, out, _ := runRaqib(t, "", "extract", "--published", "2021-01-02", article); placed(out) {
		t.Fatalf("the village is placed before any import")
	}
	if _, out, _ := runRaqib(t, "", "extract", "--published", "2021-01-02", "--gazetteer", gn, article); !placed(out) {
		t.Errorf("--gazetteer did not place the village:\n%s", out)
	}
	t.Setenv("RAQIB_GAZETTEER", gn)
	if _, out, _ := runRaqib(t, "", "extract", "--published", "2021-01-02", article); !placed(out) {
		t.Errorf("RAQIB_GAZETTEER did not place the village")
	}
	t.Setenv("RAQIB_GAZETTEER", "")
	code, out, errs := runRaqib(t, "", "gazetteer", "import", gn)
	if code != exitOK || !strings.Contains(out, "imported 1 places") {
		t.Fatalf("gazetteer import: exit %d, %q %q", code, out, errs)
	}
	if _, out, _ := runRaqib(t, "", "extract", "--published", "2021-01-02", article); !placed(out) {
		t.Errorf("an imported gazetteer is not used by later runs")
	}
	if code, out, _ := runRaqib(t, "", "gazetteer", "lookup", "خربة فكتوم"); code != exitOK || !strings.Contains(out, "geonames:9100001") {
		t.Errorf("gazetteer lookup: exit %d, %q", code, out)
	}
}
