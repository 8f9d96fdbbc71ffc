package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/raqib/raqib/internal/event"
)

// killCorpus writes n distinct articles, half with URLs and half keyed by
// their text, and returns their IDs.
func killCorpus(t *testing.T, path string, n int) []string {
	t.Helper()
	places := []string{"كنصفرة", "البارة", "سرمين", "أريحا", "كفرنبل", "معرة النعمان", "جسر الشغور", "دارة عزة", "الأتارب", "تفتناز"}
	actors := []string{"قوات النظام", "الطائرات الحربية الروسية", "فصائل المعارضة", "هيئة تحرير الشام", "القوات التركية"}
	verbs := []string{"قصفت", "استهدفت بالمدفعية", "شنت غارات جوية على", "هاجمت"}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	ids := make([]string, n)
	for i := range n {
		var text strings.Builder
		for j := range 6 {
			fmt.Fprintf(&text, "%s %s بلدة %s في ريف إدلب صباح اليوم، ما أدى إلى مقتل %d مدنيين وإصابة %d آخرين في الحادثة رقم %d. ",
				actors[(i+j)%len(actors)], verbs[(i*3+j)%len(verbs)], places[(i*7+j)%len(places)], j+1, i%9+1, i*10+j)
			text.WriteString("وتشهد المنطقة تصعيدا عسكريا متواصلا منذ أسابيع رغم اتفاق وقف إطلاق النار.\n\n")
		}
		a := event.Article{ID: fmt.Sprintf("kill-%05d", i), Published: fmt.Sprintf("2020-%02d-%02d", i%12+1, i%28+1),
			Outlet: "وكالة الاختبار", Title: fmt.Sprintf("تصعيد في ريف إدلب %d", i), Text: text.String()}
		if i%2 == 0 {
			a.URL = fmt.Sprintf("https://kill.example/news/%d", i)
		}
		ids[i] = a.ID
		if err := enc.Encode(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return ids
}

// buildRaqib builds the command into a temporary directory.
func buildRaqib(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "raqib")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// storedArticles counts the articles in a SQLite file another process is
// writing; -1 while the file or its schema does not exist yet.
func storedArticles(db *sql.DB) int {
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return -1
	}
	return n
}

// TestKillDuringIngest runs the real binary on a corpus of a few thousand
// articles, kills it with SIGKILL once the database holds some of them, runs
// the same command again, and checks that every article is stored exactly
// once and that the second run's summary adds up.
func TestKillDuringIngest(t *testing.T) {
	isolate(t)
	const n, batch = 3000, 50
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	ids := killCorpus(t, corpus, n)
	bin := buildRaqib(t)
	dbPath := filepath.Join(dir, "raqib.db")
	args := []string{"ingest", "--db", dbPath, "--batch", fmt.Sprint(batch), "--workers", "2", corpus}
	env := append(os.Environ(), "RAQIB_DATA="+t.TempDir(), "RAQIB_GAZETTEER=", "RAQIB_DB=")

	// First run: killed part-way.
	child := exec.Command(bin, args...)
	child.Env = env
	var childErr bytes.Buffer
	child.Stderr = &childErr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- child.Wait() }()
	watch, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close()
	deadline := time.Now().Add(2 * time.Minute)
	killed := false
	for !killed {
		select {
		case err := <-exited:
			t.Fatalf("ingest finished (%v) before it could be killed; stored %d\n%s", err, storedArticles(watch), childErr.String())
		default:
		}
		if time.Now().After(deadline) {
			child.Process.Kill()
			t.Fatal("no articles stored after 2 minutes")
		}
		if storedArticles(watch) >= n/5 {
			if err := child.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
		time.Sleep(5 * time.Millisecond)
	}
	err = <-exited
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != -1 {
		t.Fatalf("child ended with %v; want killed by a signal", err)
	}
	watch.Close()

	s := openTestStore(t, dbPath)
	after, err := s.Counts(context.Background())
	if err != nil {
		t.Fatalf("Counts after kill: %v", err)
	}
	t.Logf("killed with %d of %d articles and %d events stored", after.Articles, n, after.Events)
	if after.Articles <= 0 || after.Articles >= n || after.Articles%batch != 0 {
		t.Errorf("after the kill %d articles are stored; want whole batches of %d, fewer than %d", after.Articles, batch, n)
	}
	s.Close()

	// Second run: the same command, to the end.
	again := exec.Command(bin, args...)
	again.Env = env
	var againErr bytes.Buffer
	again.Stderr = &againErr
	if err := again.Run(); err != nil {
		t.Fatalf("second run: %v\n%s", err, againErr.String())
	}
	got := parseSummary(t, againErr.String())
	want := summary{read: n, new: n - after.Articles, unchanged: after.Articles, events: got.events}
	if got != want {
		t.Errorf("second run summary %+v; want %+v", got, want)
	}

	// Every article exactly once.
	s = openTestStore(t, dbPath)
	final, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if final.Articles != n || final.Events != after.Events+got.events {
		t.Errorf("final counts %+v; want %d articles and %d+%d events", final, n, after.Events, got.events)
	}
	seen := map[string]int{}
	f := event.ArticleFilter{Limit: event.MaxLimit}
	for {
		page, err := s.Articles(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range page.Articles {
			seen[a.ID]++
		}
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	for _, id := range ids {
		if seen[id] != 1 {
			t.Errorf("article %s stored %d times", id, seen[id])
		}
	}
	if len(seen) != n {
		t.Errorf("%d distinct articles listed; want %d", len(seen), n)
	}

	// The same as an ingest that was never interrupted.
	clean := filepath.Join(dir, "clean.db")
	code, _, stderr := runRaqib(t, "", "ingest", "--db", clean, "--batch", fmt.Sprint(batch), corpus)
	if code != exitOK {
		t.Fatalf("clean ingest: exit %d\n%s", code, stderr)
	}
	c, err := openTestStore(t, clean).Counts(context.Background())
	if err != nil || c.Articles != final.Articles || c.Events != final.Events {
		t.Errorf("clean ingest stored %+v (%v); the killed and resumed one %+v", c, err, final)
	}
}
