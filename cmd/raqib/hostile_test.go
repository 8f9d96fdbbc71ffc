package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/raqib/raqib/internal/event"
)

// The hostile-input suite: each case makes its input in the test, runs the
// real binary as a child watched for memory (its RSS is polled and it is
// killed past the bound; the peak is read from the kernel's rusage) and
// time, and checks the message, that the rest of the batch was kept, and
// the peak memory.

// maxRSS is the bound on the peak RSS of one run of raqib on any input
// under the size limits (issue 8).
const maxRSS = 400 << 20

var (
	hostileBinOnce sync.Once
	hostileBin     string
	hostileBinErr  error
)

// hostileBinary builds raqib once for the suite.
func hostileBinary(t *testing.T) string {
	t.Helper()
	hostileBinOnce.Do(func() {
		dir, err := os.MkdirTemp("", "raqib-hostile-")
		if err != nil {
			hostileBinErr = err
			return
		}
		hostileBin = filepath.Join(dir, "raqib")
		out, err := exec.Command("go", "build", "-o", hostileBin, ".").CombinedOutput()
		if err != nil {
			hostileBinErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if hostileBinErr != nil {
		t.Fatal(hostileBinErr)
	}
	return hostileBin
}

// childRun is the outcome of a watched run of the binary.
type childRun struct {
	code           int
	stdout, stderr string
	peakRSS        int64 // bytes, from rusage
	cpu, wall      time.Duration
	killedFor      string // "memory" or "time" when the watch killed it
}

// runWatched runs the binary with args, killing it when its RSS passes
// memLimit or when it runs past timeout.
func runWatched(t *testing.T, memLimit int64, timeout time.Duration, args ...string) childRun {
	t.Helper()
	cmd := exec.Command(hostileBinary(t), args...)
	cmd.Env = append(os.Environ(), "RAQIB_DATA="+t.TempDir(), "RAQIB_GAZETTEER=", "RAQIB_DB=")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var killedFor string
	var peak atomic.Int64
	go func() {
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		deadline := time.After(timeout)
		for {
			select {
			case <-done:
				return
			case <-deadline:
				killedFor = "time"
				cmd.Process.Kill()
				return
			case <-tick.C:
				rss, hwm := childRSS(cmd.Process.Pid)
				if hwm > peak.Load() {
					peak.Store(hwm)
				}
				if rss > memLimit {
					killedFor = "memory"
					cmd.Process.Kill()
					return
				}
			}
		}
	}()
	cmd.Wait()
	close(done)
	r := childRun{code: cmd.ProcessState.ExitCode(), stdout: out.String(), stderr: errb.String(), wall: time.Since(start), killedFor: killedFor}
	r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	// The peak is the child's own high-water mark as /proc showed it, not
	// rusage's ru_maxrss: that one also counts the test process's memory,
	// which the child shared between fork and exec.
	r.peakRSS = peak.Load()
	t.Logf("raqib %s: exit %d, peak RSS %d MB, %s wall, %s CPU", args[0], r.code, r.peakRSS>>20, r.wall.Round(time.Millisecond), r.cpu.Round(time.Millisecond))
	if killedFor != "" {
		t.Fatalf("raqib %s: killed for %s after %s (peak RSS %d MB)\n%s", strings.Join(args, " "), killedFor, r.wall, r.peakRSS>>20, tail(r.stderr))
	}
	return r
}

// childRSS reads the resident set of a process and its high-water mark,
// in bytes; 0 when gone.
func childRSS(pid int) (rss, hwm int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || (k != "VmRSS" && k != "VmHWM") {
			continue
		}
		n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if k == "VmRSS" {
			rss = n << 10
		} else {
			hwm = n << 10
		}
	}
	return rss, hwm
}

func tail(s string) string {
	if len(s) > 3000 {
		return "…" + s[len(s)-3000:]
	}
	return s
}

// goodArticle is an article every batch holds, to check the rest is kept.
func goodArticle(id string) string {
	b, _ := json.Marshal(event.Article{ID: id, Published: "2020-10-09", URL: "https://good.example/" + id,
		Text: "قصفت قوات النظام بالمدفعية الثقيلة بلدة كنصفرة في جبل الزاوية بريف إدلب الجنوبي، اليوم الجمعة، ما أدى إلى مقتل مدنيين."})
	return string(b)
}

func writeInput(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// arabicText is n bytes of real-looking Arabic news text, varied so that
// places and actors change from paragraph to paragraph.
func arabicText(n int) string {
	places := []string{"كنصفرة", "البارة", "سرمين", "أريحا", "كفرنبل", "معرة النعمان", "جسر الشغور", "دارة عزة", "الأتارب", "تفتناز"}
	actors := []string{"قوات النظام", "الطائرات الحربية الروسية", "فصائل المعارضة", "هيئة تحرير الشام"}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "%s قصفت بلدة %s في ريف إدلب صباح اليوم، ما أدى إلى مقتل %d مدنيين. وقال ناشطون إن القصف استهدف منازل المدنيين.\n\n",
			actors[i%len(actors)], places[(i*7)%len(places)], i%9+1)
	}
	return b.String()
}

func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("the hostile-input suite runs the real binary on large inputs")
	}
	isolate(t)
	dir := t.TempDir()

	t.Run("1.5 M garbage lines: messages and error rows bounded", func(t *testing.T) {
		var b bytes.Buffer
		b.WriteString(goodArticle("g-first") + "\n")
		for i := range 1_500_000 {
			fmt.Fprintf(&b, "garbage %d\n", i)
		}
		b.WriteString(goodArticle("g-last") + "\n")
		in := writeInput(t, dir, "garbage.jsonl", b.Bytes())
		db := filepath.Join(t.TempDir(), "g.db")
		r := runWatched(t, maxRSS, 3*time.Minute, "ingest", "--db", db, "--progress", "0", in)
		if r.code != exitPartial {
			t.Errorf("exit %d; want %d", r.code, exitPartial)
		}
		lines := strings.Count(r.stderr, "\n")
		if lines > maxMessages+20 {
			t.Errorf("%d stderr lines; want at most about %d", lines, maxMessages)
		}
		want := "raqib ingest: … and " + thousands(1_500_000-maxMessages) + " more like this: " + in + ":"
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, tail(r.stderr))
		}
		s := openTestStore(t, db)
		c, err := s.Counts(context.Background())
		if err != nil || c.Articles != 2 || c.Errors > 1001 || c.Errors < 1000 {
			t.Errorf("store %+v (%v); want the 2 good articles and 1,000 error rows and one summary", c, err)
		}
		errs, _ := s.Errors(context.Background(), 1)
		if len(errs) != 1 || !strings.Contains(errs[0].Reason, "… and 1,499,000 more like this") {
			t.Errorf("latest error row %+v; want the summary of the rest", errs)
		}
		if r.peakRSS > maxRSS {
			t.Errorf("peak RSS %d MB; want < %d MB", r.peakRSS>>20, maxRSS>>20)
		}
	})

	t.Run("bad records among good ones: clear messages, the rest stored", func(t *testing.T) {
		lines := []string{
			goodArticle("b-1"),
			`{"id": "b-nul", "text": "قصف\u0000على سرمين"}`,
			"{\"id\": \"b-utf8\", \"text\": \"\xff\xfe\"}",
			`{"id": "b-date", "published": "2020-13-45", "text": "قصف على سرمين"}`,
			`{"id": {"x": 1}, "text": "قصف على سرمين"}`,
			`{"id": "b-big", "title": "` + strings.Repeat("ع", event.MaxFieldBytes) + `", "text": "قصف"}`,
			goodArticle("b-2"),
		}
		in := writeInput(t, dir, "bad.jsonl", []byte(strings.Join(lines, "\n")+"\n"))
		db := filepath.Join(t.TempDir(), "b.db")
		r := runWatched(t, maxRSS, time.Minute, "ingest", "--db", db, in)
		for _, want := range []string{"bad.jsonl:2 (id b-nul): invalid article: \"text\" holds a NUL byte", "bad.jsonl:3: line 3: invalid UTF-8",
			`bad.jsonl:4 (id b-date): invalid article: "published" "2020-13-45"`, "bad.jsonl:5: line 5: invalid id", `"title" is 131072 bytes, more than the 65536 allowed`} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
			}
		}
		if c, _ := openTestStore(t, db).Counts(context.Background()); c.Articles != 2 || c.Errors != 5 {
			t.Errorf("store %+v; want 2 articles and 5 errors", c)
		}
	})

	t.Run("a 17.8 MB page of a million attributes: refused, memory bounded", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("<!doctype html><html><body><article>")
		for i := 0; b.Len() < 17_800_000; i++ {
			b.WriteString("<span")
			for j := range 40 {
				fmt.Fprintf(&b, " data-a%d=\"v%d\"", j, i)
			}
			b.WriteString(">نص</span>")
		}
		b.WriteString("</article></body></html>")
		d := t.TempDir()
		writeInput(t, d, "huge.html", []byte(b.String()))
		writeInput(t, d, "ok.jsonl", []byte(goodArticle("h-1")+"\n"))
		r := runWatched(t, maxRSS, time.Minute, "extract", d)
		if !strings.Contains(r.stderr, "huge.html") || !strings.Contains(r.stderr, "page too complex: more than 250000 attributes") {
			t.Errorf("stderr lacks the refusal:\n%s", tail(r.stderr))
		}
		if !strings.Contains(r.stdout, `"doc":"h-1"`) || r.code != exitPartial {
			t.Errorf("exit %d, stdout %.200q; want exit 1 with the events of h-1", r.code, r.stdout)
		}
		if r.peakRSS > maxRSS {
			t.Errorf("peak RSS %d MB; want < %d MB", r.peakRSS>>20, maxRSS>>20)
		}
	})

	t.Run("a directory behind a symbolic link is followed", func(t *testing.T) {
		real := t.TempDir()
		writeInput(t, real, "a.jsonl", []byte(goodArticle("l-1")+"\n"))
		link := filepath.Join(t.TempDir(), "linkdir")
		if err := os.Symlink(real, link); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(real, filepath.Join(real, "loop")); err != nil {
			t.Fatal(err)
		}
		r := runWatched(t, maxRSS, time.Minute, "extract", link)
		if !strings.Contains(r.stdout, `"doc":"l-1"`) || !strings.Contains(r.stderr, "symbolic link loop") || r.code != exitPartial {
			t.Errorf("exit %d, stdout %.100q, stderr %q; want l-1's events and the loop reported", r.code, r.stdout, r.stderr)
		}
	})

	t.Run("empty inputs: one exit status for every format", func(t *testing.T) {
		d := t.TempDir()
		for _, name := range []string{"e.jsonl", "e.txt", "e.html", "e.xml", "e.warc.gz"} {
			t.Run(name, func(t *testing.T) {
				p := writeInput(t, d, name, nil)
				if strings.HasSuffix(name, ".gz") {
					var buf bytes.Buffer
					gzipWrite(t, &buf, nil)
					p = writeInput(t, d, name, buf.Bytes())
				}
				r := runWatched(t, maxRSS, time.Minute, "extract", p)
				if r.code != exitPartial || !strings.Contains(r.stderr, "empty input: no articles") {
					t.Errorf("extract: exit %d, %q; want %d and \"empty input\"", r.code, r.stderr, exitPartial)
				}
				r = runWatched(t, maxRSS, time.Minute, "ingest", "--db", filepath.Join(t.TempDir(), "e.db"), p)
				if r.code != exitPartial || !strings.Contains(r.stderr, "empty input: no articles") {
					t.Errorf("ingest: exit %d, %q; want %d and \"empty input\"", r.code, r.stderr, exitPartial)
				}
			})
		}
	})

	t.Run("22 MB of punctuation lines: bounded memory, a clear message", func(t *testing.T) {
		text := strings.Repeat("!!! ... ؟؟ ،،، ;;; ---\n", 1_000_000)[:22_000_000]
		d := t.TempDir()
		writeInput(t, d, "punct.txt", []byte(text))
		writeInput(t, d, "z.jsonl", []byte(goodArticle("p-1")+"\n"))
		r := runWatched(t, maxRSS, 2*time.Minute, "extract", "--article-timeout", "5s", d)
		if r.peakRSS > maxRSS {
			t.Errorf("peak RSS %d MB; want < %d MB", r.peakRSS>>20, maxRSS>>20)
		}
		if !strings.Contains(r.stdout, `"doc":"p-1"`) {
			t.Errorf("the good article after it was not extracted:\n%s", tail(r.stderr))
		}
		if r.code == exitPartial && !strings.Contains(r.stderr, "punct.txt: article extraction stopped: took longer than 5s (--article-timeout); skipped") {
			t.Errorf("exit 1 without the timeout message:\n%s", tail(r.stderr))
		}
	})

	t.Run("long articles: memory bounded, time linear in length", func(t *testing.T) {
		cpu := map[int]time.Duration{}
		for _, mb := range []int{1, 8} {
			b, _ := json.Marshal(event.Article{ID: fmt.Sprintf("long-%d", mb), Published: "2020-10-09", Text: arabicText(mb << 20)})
			in := writeInput(t, dir, fmt.Sprintf("long-%d.jsonl", mb), append(b, '\n'))
			r := runWatched(t, maxRSS, 3*time.Minute, "extract", "--workers", "1", "--article-timeout", "0", in)
			if r.code != exitOK {
				t.Fatalf("%d MB: exit %d\n%s", mb, r.code, tail(r.stderr))
			}
			if r.peakRSS > maxRSS {
				t.Errorf("%d MB: peak RSS %d MB; want < %d MB", mb, r.peakRSS>>20, maxRSS>>20)
			}
			cpu[mb] = r.cpu
			t.Logf("%d MB: %s CPU, %s wall, peak RSS %d MB", mb, r.cpu, r.wall, r.peakRSS>>20)
		}
		// Linear with room for noise: 8× the text in at most 12× the time
		// (start-up, some 0.3 s, counts in both).
		if cpu[8] > 12*cpu[1] {
			t.Errorf("8 MB took %s of CPU, 1 MB %s: more than 12×, not linear", cpu[8], cpu[1])
		}
	})

	t.Run("a 50 MB JSONL line and a 30 MB article: clear messages, memory bounded", func(t *testing.T) {
		var b bytes.Buffer
		huge, _ := json.Marshal(event.Article{ID: "huge-50", Text: arabicText(50 << 20)})
		b.Write(huge)
		b.WriteString("\n")
		big, _ := json.Marshal(event.Article{ID: "big-30", Published: "2020-10-09", Text: arabicText(30 << 20)})
		b.Write(big)
		b.WriteString("\n" + goodArticle("x-1") + "\n")
		in := writeInput(t, dir, "huge.jsonl", b.Bytes())
		db := filepath.Join(t.TempDir(), "x.db")
		r := runWatched(t, maxRSS, 3*time.Minute, "ingest", "--db", db, "--article-timeout", "5s", in)
		for _, want := range []string{"huge.jsonl:1: line 1: longer than 50331648 bytes",
			"(id big-30): article extraction stopped: took longer than 5s (--article-timeout); skipped"} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, tail(r.stderr))
			}
		}
		if c, _ := openTestStore(t, db).Counts(context.Background()); c.Articles != 1 || c.Errors != 2 {
			t.Errorf("store %+v; want x-1 stored and two errors", c)
		}
		if r.peakRSS > maxRSS {
			t.Errorf("peak RSS %d MB; want < %d MB", r.peakRSS>>20, maxRSS>>20)
		}
		t.Logf("peak RSS %d MB, %s", r.peakRSS>>20, r.wall)
	})

	t.Run("a too-slow article fails with its id and the rest go on", func(t *testing.T) {
		lines := goodArticle("t-1") + "\n" + goodArticle("t-2") + "\n"
		in := writeInput(t, dir, "slow.jsonl", []byte(lines))
		db := filepath.Join(t.TempDir(), "t.db")
		// A budget no extraction meets: every article fails alone, none
		// stops the run.
		r := runWatched(t, maxRSS, time.Minute, "ingest", "--db", db, "--article-timeout", "1ns", in)
		for _, id := range []string{"t-1", "t-2"} {
			if want := "(id " + id + "): article extraction stopped: took longer than 1ns"; !strings.Contains(r.stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
			}
		}
		if r.code != exitPartial {
			t.Errorf("exit %d; want %d", r.code, exitPartial)
		}
		r = runWatched(t, maxRSS, time.Minute, "ingest", "--db", db, in)
		if got := parseSummary(t, r.stderr); got.new != 2 {
			t.Errorf("with the default budget: %+v; want both stored", got)
		}
	})
}

// thousands is ingest.Thousands, spelled out here so the test checks it.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func gzipWrite(t *testing.T, w *bytes.Buffer, b []byte) {
	t.Helper()
	zw := gzip.NewWriter(w)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}
