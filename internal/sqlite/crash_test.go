package sqlite_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/sqlite"
	"github.com/raqib/raqib/internal/storetest"
)

const (
	crashArticles = 1500
	crashBatch    = 25
)

// TestMain runs the test binary as TestKillMidIngest's child process when
// RAQIB_CRASH_DB is set.
func TestMain(m *testing.M) {
	if path := os.Getenv("RAQIB_CRASH_DB"); path != "" {
		crashChild(path)
	}
	os.Exit(m.Run())
}

// crashChild ingests the corpus into path in batches, printing a line per
// batch, and exits.
func crashChild(path string) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	recs := storetest.SpreadBatch(crashArticles)
	counts := map[event.PutStatus]int{}
	for i := 0; i < len(recs); i += crashBatch {
		res, err := s.Put(ctx, recs[i:min(i+crashBatch, len(recs))])
		if err != nil {
			fmt.Println("error", err)
			os.Exit(2)
		}
		for _, r := range res {
			counts[r.Status]++
		}
		fmt.Println("batch", i/crashBatch)
	}
	fmt.Printf("done new=%d updated=%d unchanged=%d\n", counts[event.New], counts[event.Updated], counts[event.Unchanged])
	s.Close()
	os.Exit(0)
}

// child runs the ingest in a child process; when killAfter > 0 it sends
// SIGKILL once that many batches have been reported.
func child(t *testing.T, path string, killAfter int) (last string) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "RAQIB_CRASH_DB="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	batches := 0
	for sc.Scan() {
		last = sc.Text()
		if strings.HasPrefix(last, "batch ") {
			batches++
			if killAfter > 0 && batches == killAfter {
				if err := cmd.Process.Kill(); err != nil {
					t.Fatalf("kill: %v", err)
				}
				break
			}
		}
	}
	err = cmd.Wait()
	if killAfter > 0 {
		if err == nil {
			t.Fatal("child finished before it was killed")
		}
		return last
	}
	if err != nil {
		t.Fatalf("child: %v (last line %q)", err, last)
	}
	return last
}

// TestKillMidIngest kills an ingest with SIGKILL part-way through, runs it
// again, and checks that every article is stored exactly once with all its
// events.
func TestKillMidIngest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "raqib.db")
	start := time.Now()
	child(t, path, 7) // killed while writing the following batches
	t.Logf("killed after %v", time.Since(start))

	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open after kill: %v", err)
	}
	c, err := s.Counts(context.Background())
	s.Close()
	if err != nil {
		t.Fatalf("Counts after kill: %v", err)
	}
	if c.Articles < 7*crashBatch || c.Articles%crashBatch != 0 || c.Events != 5*c.Articles {
		t.Errorf("after kill: %+v; want whole batches of %d articles with 5 events each, at least 7 of them", c, crashBatch)
	}

	again := child(t, path, 0)
	want := fmt.Sprintf("done new=%d updated=0 unchanged=%d", crashArticles-c.Articles, c.Articles)
	if again != want {
		t.Errorf("re-run reported %q; want %q", again, want)
	}
	if third := child(t, path, 0); third != fmt.Sprintf("done new=0 updated=0 unchanged=%d", crashArticles) {
		t.Errorf("third run reported %q; want everything unchanged", third)
	}
	s, err = sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	c, err = s.Counts(context.Background())
	if err != nil {
		t.Fatalf("Counts: %v", err)
	}
	if c.Articles != crashArticles || c.Events != 5*crashArticles {
		t.Errorf("after re-run: %+v; want %d articles and %d events", c, crashArticles, 5*crashArticles)
	}
}
