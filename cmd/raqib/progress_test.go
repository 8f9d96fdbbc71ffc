package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// On a non-terminal, ingest prints a progress line every --progress
// interval: articles, articles/s, events, how much was read, the time left.
func TestIngestProgressLines(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	killCorpus(t, corpus, 600)
	code, _, stderr := runRaqib(t, "", "ingest", "--db", filepath.Join(dir, "p.db"), "--workers", "1", "--batch", "20", "--progress", "20ms", corpus)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	line := regexp.MustCompile(`(?m)^raqib ingest: [\d,]+ articles \(\d+/s\), [\d,]+ events, \d+% of [\d.]+ MB(, ETA \d+[hms\d]*)?$`)
	got := line.FindAllString(stderr, -1)
	if len(got) < 2 {
		t.Fatalf("%d progress lines; want several:\n%s", len(got), stderr)
	}
	if !strings.Contains(stderr, ", ETA ") {
		t.Errorf("no progress line gives the time left:\n%s", stderr)
	}
	if got := parseSummary(t, stderr); got.new != 600 {
		t.Errorf("summary %+v; want 600 new", got)
	}
	t.Run("none with --progress 0", func(t *testing.T) {
		_, _, stderr := runRaqib(t, "", "ingest", "--db", filepath.Join(dir, "q.db"), "--progress", "0", corpus)
		if line.MatchString(stderr) {
			t.Errorf("progress lines with --progress 0:\n%s", stderr)
		}
	})
}
