package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/raqib/raqib/internal/ingest"
)

// progress shows how a long run goes: a bar on a terminal, else a line
// every few seconds (articles, articles/s, events, how much of the input
// was read and the time left), so that logs of a batch job show it too.
type progress struct {
	bar   *progressbar.ProgressBar // terminal
	stop  chan struct{}
	wg    sync.WaitGroup
	mu    sync.Mutex
	w     io.Writer
	name  string
	total int64         // bytes of input, 0 when unknown (stdin, URLs)
	read  *atomic.Int64 // bytes of input read so far
	count func() (articles, events int)
	start time.Time
}

// newProgress starts progress reporting on stderr; nil when there is none
// (not a terminal and every is 0).
func newProgress(stderr io.Writer, name string, every time.Duration, total int64, read *atomic.Int64, count func() (int, int)) *progress {
	p := &progress{w: stderr, name: name, total: total, read: read, count: count, start: time.Now(), stop: make(chan struct{})}
	f, ok := stderr.(*os.File)
	tty := ok && term.IsTerminal(int(f.Fd()))
	switch {
	case tty:
		max := int64(-1)
		if total > 0 {
			max = total
		}
		p.bar = progressbar.NewOptions64(max,
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription(name),
			progressbar.OptionShowBytes(true),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionClearOnFinish(),
		)
		every = 200 * time.Millisecond
	case every <= 0:
		return nil
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.tick()
			}
		}
	}()
	return p
}

func (p *progress) tick() {
	n, events := p.count() // before p.mu: count takes the ingester's lock, which is held around println
	p.mu.Lock()
	defer p.mu.Unlock()
	el := time.Since(p.start).Seconds()
	rate := float64(n) / max(el, 1e-3)
	read := p.read.Load()
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("%s: %s articles (%.0f/s), %s events", p.name, ingest.Thousands(n), rate, ingest.Thousands(events)))
		p.bar.Set64(read)
		return
	}
	line := fmt.Sprintf("raqib %s: %s articles (%.0f/s), %s events", p.name, ingest.Thousands(n), rate, ingest.Thousands(events))
	if p.total > 0 && read > 0 {
		frac := min(1, float64(read)/float64(p.total))
		line += fmt.Sprintf(", %.0f%% of %.1f MB", 100*frac, float64(p.total)/1e6)
		if frac > 0 && frac < 1 {
			left := time.Duration(el * (1 - frac) / frac * float64(time.Second)).Round(time.Second)
			line += fmt.Sprintf(", ETA %s", left)
		}
	}
	fmt.Fprintln(p.w, line)
}

// println writes a message line, clearing the bar's line first; p may be
// nil. Messages and progress lines share w, so they take turns.
func (p *progress) println(w io.Writer, line string) {
	if p == nil {
		fmt.Fprintln(w, line)
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Clear()
	}
	fmt.Fprintln(p.w, line)
}

// finish stops reporting.
func (p *progress) finish() {
	if p == nil {
		return
	}
	close(p.stop)
	p.wg.Wait()
	if p.bar != nil {
		p.bar.Finish()
	}
}

// totalSize is the size in bytes of the file and directory targets, for
// the time left; 0 when a target's size is unknown (stdin, URLs).
func totalSize(targets []string) int64 {
	var n int64
	for _, t := range targets {
		fi, err := os.Stat(t)
		if err != nil {
			return 0
		}
		if !fi.IsDir() {
			n += fi.Size()
			continue
		}
		filepath.WalkDir(t, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
					n += fi.Size()
				}
			}
			return nil
		})
	}
	return n
}
