package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/raqib/raqib/internal/event"
)

// TestSignalStops sends SIGTERM or SIGINT to the real binary in the middle
// of a run and checks that it stops within a second, says so, and keeps
// what it had committed (ingest) or written (extract).
func TestSignalStops(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real binary")
	}
	isolate(t)
	bin := hostileBinary(t)
	dir := t.TempDir()
	env := append(os.Environ(), "RAQIB_DATA="+t.TempDir(), "RAQIB_GAZETTEER=", "RAQIB_DB=")

	// stopAfter starts the command, sends sig once ready() is true, and
	// returns how long the command took to exit after the signal.
	stopAfter := func(t *testing.T, sig syscall.Signal, ready func(stdout string) bool, args ...string) (time.Duration, string, string, int) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		var out, errb bytes.Buffer
		sout := &syncWriter{b: &out}
		cmd.Stdout, cmd.Stderr = sout, &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		deadline := time.Now().Add(2 * time.Minute)
		current := func() string { sout.mu.Lock(); defer sout.mu.Unlock(); return out.String() }
		for !ready(current()) {
			select {
			case <-exited:
				t.Fatalf("finished before the signal\n%s", errb.String())
			default:
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatal("never ready for the signal")
			}
			time.Sleep(10 * time.Millisecond)
		}
		sent := time.Now()
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		select {
		case <-exited:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("still running 30 s after %s", sig)
		}
		return time.Since(sent), out.String(), errb.String(), cmd.ProcessState.ExitCode()
	}

	t.Run("ingest, SIGTERM", func(t *testing.T) {
		corpus := filepath.Join(dir, "corpus.jsonl")
		killCorpus(t, corpus, 4000)
		db := filepath.Join(dir, "sig.db")
		watch, err := sql.Open("sqlite", "file:"+db+"?mode=ro&_pragma=busy_timeout(5000)")
		if err != nil {
			t.Fatal(err)
		}
		defer watch.Close()
		took, _, stderr, code := stopAfter(t, syscall.SIGTERM, func(string) bool { return storedArticles(watch) >= 200 },
			"ingest", "--db", db, "--batch", "50", "--workers", "2", corpus)
		watch.Close()
		if took > time.Second {
			t.Errorf("took %s to stop after SIGTERM; want under a second", took)
		}
		if code != exitPartial || !strings.Contains(stderr, "stopped by a signal") {
			t.Errorf("exit %d; want %d with a message\n%s", code, exitPartial, stderr)
		}
		got := parseSummary(t, stderr)
		c, err := openTestStore(t, db).Counts(context.Background())
		if err != nil || c.Articles < 200 || c.Articles != got.new || c.Articles == 4000 {
			t.Errorf("stored %+v (%v), summary %+v; want what was extracted before the signal committed, as the summary says", c, err, got)
		}
	})

	t.Run("extract, SIGINT during a long article", func(t *testing.T) {
		var b bytes.Buffer
		b.WriteString(goodArticle("s-1") + "\n")
		long, _ := json.Marshal(event.Article{ID: "s-long", Published: "2020-10-09", Text: arabicText(24 << 20)})
		b.Write(long)
		b.WriteString("\n")
		in := filepath.Join(dir, "long.jsonl")
		if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		// Ready once the first article's events are out: the long one is
		// then being extracted (it takes many seconds).
		took, stdout, stderr, code := stopAfter(t, syscall.SIGINT, func(stdout string) bool { return strings.Contains(stdout, `"doc":"s-1"`) },
			"extract", "--workers", "1", "--article-timeout", "0", in)
		if took > time.Second {
			t.Errorf("took %s to stop after SIGINT; want under a second", took)
		}
		if code != exitPartial || !strings.Contains(stderr, "stopped by a signal") {
			t.Errorf("exit %d; want %d with a message\n%s", code, exitPartial, stderr)
		}
		if !strings.Contains(stdout, `"doc":"s-1"`) {
			t.Errorf("the events of the article before the long one are missing:\n%.300s", stdout)
		}
	})
}
