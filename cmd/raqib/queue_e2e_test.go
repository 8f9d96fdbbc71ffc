package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/natsq"
	"github.com/raqib/raqib/internal/natsq/natstest"
)

// e2eArticles is how many articles of ant-bulk the end-to-end test queues:
// enough for kills and a node stop to land mid-run, few enough for CI.
const e2eArticles = 800

// queueSlice writes the first n articles of ant-bulk with distinct keys
// (the corpus repeats a few URLs; a repeated key is left out, so that the
// order in which concurrent workers store versions cannot matter).
func queueSlice(t *testing.T, path string, n int) int {
	t.Helper()
	src := filepath.Join("..", "..", "..", "shared", "data", "ant-bulk.jsonl")
	f, err := os.Open(src)
	if err != nil {
		t.Fatalf("the shared corpus: %v", err)
	}
	defer f.Close()
	var out bytes.Buffer
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	kept := 0
	for sc.Scan() && kept < n {
		var a event.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		k := event.ArticleKey(a)
		if seen[k] {
			continue
		}
		seen[k] = true
		out.Write(sc.Bytes())
		out.WriteByte('\n')
		kept++
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return kept
}

// TestQueueEndToEnd runs the scale-out path for real: a 3-node JetStream
// cluster (R3 stream) on loopback ports, PostgreSQL, two `raqib worker`
// processes and `raqib ingest --queue`. Mid-run one worker is killed with
// SIGKILL and started again, and one NATS node is stopped. At the end the
// stored articles and events must equal a direct SQLite ingest of the same
// file, exactly: nothing lost, nothing doubled.
func TestQueueEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a NATS cluster, PostgreSQL and the real binary")
	}
	isolate(t)
	dsn := freshPostgres(t)
	bin := hostileBinary(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "slice.jsonl")
	n := queueSlice(t, corpus, e2eArticles)
	nodes := natstest.Start(t, 3)
	urls := natstest.URLs(nodes)
	env := append(os.Environ(), "RAQIB_DATA="+t.TempDir(), "RAQIB_GAZETTEER=", "RAQIB_DB=")

	type proc struct {
		cmd    *exec.Cmd
		stderr *bytes.Buffer
		done   chan struct{}
	}
	startWorker := func() *proc {
		cmd := exec.Command(bin, "worker", "--queue", urls, "--db", dsn, "--replicas", "3", "--workers", "1",
			"--batch", "20", "--ack-wait", "3s", "--metrics-every", "2s")
		cmd.Env = env
		var errb bytes.Buffer
		cmd.Stderr = &syncWriter{b: &errb}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		p := &proc{cmd: cmd, stderr: &errb, done: make(chan struct{})}
		go func() { cmd.Wait(); close(p.done) }()
		t.Cleanup(func() { cmd.Process.Kill(); <-p.done })
		return p
	}
	store := openTestStore(t, dsn)
	stored := func() int {
		c, err := store.Counts(context.Background())
		if err != nil {
			return -1
		}
		return c.Articles
	}
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(4 * time.Minute)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s (%d of %d stored)", what, stored(), n)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	w1, w2 := startWorker(), startWorker()
	// The publisher, the real binary too.
	pub := exec.Command(bin, "ingest", "--queue", urls, "--replicas", "3", corpus)
	pub.Env = env
	var pubErr bytes.Buffer
	pub.Stderr = &pubErr
	if err := pub.Run(); err != nil {
		t.Fatalf("ingest --queue: %v\n%s", err, pubErr.String())
	}
	if want := fmt.Sprintf("%d read, %d published, 0 duplicate, 0 failed", n, n); !strings.Contains(pubErr.String(), want) {
		t.Fatalf("publisher: want %q in\n%s", want, pubErr.String())
	}

	waitFor("a fifth stored", func() bool { return stored() >= n/5 })
	if err := w1.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-w1.done
	t.Logf("worker 1 killed with %d of %d stored", stored(), n)
	w1 = startWorker()

	waitFor("half stored", func() bool { return stored() >= n/2 })
	nodes[2].Shutdown()
	nodes[2].WaitForShutdown()
	t.Logf("NATS node 3 stopped with %d of %d stored", stored(), n)

	// The cluster may be electing new leaders for a few seconds after the
	// stop: connecting (which checks the streams) is retried meanwhile.
	var q *natsq.Queue
	for deadline := time.Now().Add(time.Minute); ; {
		var err error
		q, err = natsq.Connect(context.Background(), natstest.URLs(nodes[:2]), natsq.Options{})
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	defer q.Close()
	waitFor("the queue drained", func() bool {
		st, err := q.Status(context.Background())
		return err == nil && st.Pending == 0 && st.AckPending == 0 && st.Messages == 0 && stored() == n
	})
	st, _ := q.Status(context.Background())
	if st.Dead != 0 {
		t.Errorf("%d dead letters; want none", st.Dead)
	}
	t.Run("queue status", func(t *testing.T) {
		code, out, stderr := runRaqib(t, "", "queue", "status", "--queue", natstest.URLs(nodes[:2]))
		if code != exitOK || !strings.Contains(out, "0 pending (not delivered), 0 delivered and not acked") || !strings.Contains(out, "dead letters (RAQIB_DEAD): 0") {
			t.Errorf("exit %d\n%s%s", code, out, stderr)
		}
	})

	// SIGTERM: both workers finish and exit.
	for i, w := range []*proc{w1, w2} {
		w.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-w.done:
		case <-time.After(15 * time.Second):
			t.Errorf("worker %d still running 15 s after SIGTERM", i+1)
		}
		if code := w.cmd.ProcessState.ExitCode(); code != exitOK || !strings.Contains(w.stderr.String(), "raqib worker: stopped;") {
			t.Errorf("worker %d: exit %d\n%s", i+1, code, w.stderr.String())
		}
	}
	t.Logf("worker 2's log:\n%s", tail(w2.stderr.String()))

	// The same file ingested directly into SQLite.
	direct := filepath.Join(dir, "direct.db")
	code, _, stderr := runRaqib(t, "", "ingest", "--db", direct, corpus)
	if code != exitOK {
		t.Fatalf("direct ingest: exit %d\n%s", code, stderr)
	}
	t.Run("same articles", func(t *testing.T) {
		a, b := articleSet(t, store), articleSet(t, openTestStore(t, direct))
		if len(a) != n || strings.Join(a, "\n") != strings.Join(b, "\n") {
			t.Errorf("queue stored %d articles, direct %d; the sets differ: %v", len(a), len(b), firstDiff(a, b))
		}
	})
	t.Run("same events", func(t *testing.T) {
		_, qe, _ := runRaqib(t, "", "export", "--db", dsn, "--format", "jsonl")
		_, de, _ := runRaqib(t, "", "export", "--db", direct, "--format", "jsonl")
		a, b := sortedLines(qe), sortedLines(de)
		if len(a) == 0 || strings.Join(a, "\n") != strings.Join(b, "\n") {
			t.Errorf("queue stored %d events, direct %d; they differ: %v", len(a), len(b), firstDiff(a, b))
		}
	})
}

// syncWriter serialises a child's stderr writes into a buffer.
type syncWriter struct {
	mu sync.Mutex
	b  *bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

// articleSet lists key, hash and id of every stored article, sorted.
func articleSet(t *testing.T, s event.Store) []string {
	t.Helper()
	var out []string
	f := event.ArticleFilter{Limit: event.MaxLimit}
	for {
		page, err := s.Articles(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range page.Articles {
			out = append(out, a.Key+" "+a.Hash+" "+a.ID+" "+fmt.Sprint(a.Events))
		}
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	sort.Strings(out)
	return out
}

func sortedLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprintf("first difference at %d:\n  %.300s\n  %.300s", i, a[i], b[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d", len(a), len(b))
}
