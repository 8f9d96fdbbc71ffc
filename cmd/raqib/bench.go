package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/raqib/raqib/internal/extract"
)

func runBench(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 && args[0] == "serve" {
		return runBenchServe(ctx, e, args[1:])
	}
	if len(args) == 0 || args[0] != "ingest" {
		fmt.Fprintln(e.stderr, "usage: raqib bench ingest [--db DSN] [--workers N] [--batch N] FILE")
		fmt.Fprintln(e.stderr, "       raqib bench serve [--db DSN] [--seed DB] [--events N] [--clients N] [--duration D]")
		return exitUsage
	}
	fs := flag.NewFlagSet("bench ingest", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := fs.String("db", "", "store to write into: a postgres:// DSN or a SQLite file (default: a new temporary SQLite file, removed afterwards)")
	workers := fs.Int("workers", runtime.NumCPU(), "articles extracted in parallel")
	batch := fs.Int("batch", 100, "articles written per transaction")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: raqib bench ingest [flags] FILE")
		fmt.Fprintln(e.stderr, "Ingests FILE end to end (read → extract → store) and reports articles/s, MB/s and peak memory.")
		fmt.Fprintln(e.stderr, "Give --db an empty database to measure first-time ingest; a second run measures the unchanged path.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args[1:]); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 || *workers < 1 || *batch < 1 {
		fs.Usage()
		return exitUsage
	}
	file := fs.Arg(0)
	fi, err := os.Stat(file)
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib bench:", err)
		return exitUsage
	}
	dsn, where := *db, ""
	if dsn == "" {
		dir, err := os.MkdirTemp("", "raqib-bench-")
		if err != nil {
			fmt.Fprintln(e.stderr, "raqib bench:", err)
			return exitUsage
		}
		defer os.RemoveAll(dir)
		dsn, where = filepath.Join(dir, "bench.db"), "SQLite (new temporary file)"
	} else if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		where = "PostgreSQL " + redactDSN(dsn)
	} else {
		where = "SQLite " + dsn
	}

	gz, err := loadGazetteer(e, nil)
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib bench:", err)
		return exitUsage
	}
	x, err := extract.New(extract.Options{Gazetteer: gz})
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib bench:", err)
		return exitUsage
	}
	store, err := openStore(ctx, dsn)
	if err != nil {
		fmt.Fprintf(e.stderr, "raqib bench: %s: %v\n", redactDSN(dsn), err)
		return exitUsage
	}
	defer store.Close()

	mem := newMemWatch()
	stopWatch := mem.start(250 * time.Millisecond)
	in := &ingester{w: store, x: x, workers: *workers, batch: *batch, stderr: e.stderr}
	var checkpoints []string
	done := 0
	in.progress = func(n int) {
		before := done
		done += n
		if done/1000 != before/1000 {
			checkpoints = append(checkpoints, fmt.Sprintf("%d: %.0f MB", done/1000*1000, float64(procStatus("VmRSS"))/(1<<20)))
		}
	}
	start := time.Now()
	code := in.run(ctx, e.stdin, []string{file})
	elapsed := time.Since(start).Seconds()
	stopWatch()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	hwm := procStatus("VmHWM")

	st := in.st
	mb := float64(fi.Size()) / 1e6
	w := e.stdout
	fmt.Fprintf(w, "raqib bench ingest: %s (%.1f MB) into %s, %d workers, batches of %d\n", file, mb, where, *workers, *batch)
	fmt.Fprintf(w, "articles:   %s\n", st)
	fmt.Fprintf(w, "time:       %.2f s end to end (read → extract → store)\n", elapsed)
	fmt.Fprintf(w, "throughput: %.1f articles/s, %.3f MB/s of input, %.3f MB/s of article text\n",
		float64(st.read)/elapsed, mb/elapsed, float64(st.textBytes)/1e6/elapsed)
	fmt.Fprintf(w, "memory:     peak RSS %.0f MB (VmHWM); Go heap in use at most %.0f MB (sampled), runtime Sys %.0f MB, %.2f GB allocated in all, %d GC cycles\n",
		float64(hwm)/(1<<20), float64(mem.maxHeap())/(1<<20), float64(ms.Sys)/(1<<20), float64(ms.TotalAlloc)/(1<<30), ms.NumGC)
	if len(checkpoints) > 0 {
		fmt.Fprintf(w, "RSS by articles done: %s\n", strings.Join(checkpoints, ", "))
	}
	return code
}

// memWatch samples the Go heap in use while a benchmark runs.
type memWatch struct {
	mu   sync.Mutex
	heap uint64
}

func newMemWatch() *memWatch { return &memWatch{} }

func (m *memWatch) start(every time.Duration) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			m.sample()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait(); m.sample() }
}

func (m *memWatch) sample() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.mu.Lock()
	m.heap = max(m.heap, ms.HeapInuse)
	m.mu.Unlock()
}

func (m *memWatch) maxHeap() uint64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.heap
}

// procStatus reads a "kB" field of /proc/self/status, in bytes; 0 where
// there is no /proc.
func procStatus(field string) uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || k != field {
			continue
		}
		n, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			return 0
		}
		return n << 10
	}
	return 0
}
