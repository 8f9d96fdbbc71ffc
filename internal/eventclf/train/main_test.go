package main

import (
	"context"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/eventclf"
)

// gsrDir is the OEDA sentences beside the repository (../shared/dev/gsr); CI has them.
var gsrDir = filepath.Join("..", "..", "..", "..", "shared", "dev", "gsr")

// TestShippedWeightsReproduce retrains from the data with the default
// flags and checks that the result is the shipped weights.tsv: the same
// notes (but the training date and the per-kind summaries), the same
// features, and weights equal to within 1e-4 (another CPU may round the last
// printed digit of a float differently; the optimum itself is unique).
func TestShippedWeightsReproduce(t *testing.T) {
	out := filepath.Join(t.TempDir(), "weights.tsv")
	if err := run(context.Background(), []string{"-gsr", gsrDir, "-out", out}, io.Discard); err != nil {
		t.Fatalf("train: %v", err)
	}
	got, want := readModel(t, out), readModel(t, filepath.Join("..", "weights.tsv"))
	const regen = "regenerate: go run ./internal/eventclf/train -out internal/eventclf/weights.tsv"
	if g, w := stableNotes(got.Notes), stableNotes(want.Notes); strings.Join(g, "\n") != strings.Join(w, "\n") {
		t.Errorf("retrained notes\n%s\nshipped\n%s\n(%s)", strings.Join(g, "\n"), strings.Join(w, "\n"), regen)
	}
	const tol, prune = 1e-4, 0.03
	for _, kind := range eventclf.Kinds {
		g, w := got.Kinds[kind], want.Kinds[kind]
		if g == nil || w == nil {
			t.Fatalf("%s: retrained %v, shipped %v; want both (%s)", kind, g != nil, w != nil, regen)
		}
		if math.Abs(g.Bias-w.Bias) > tol || math.Abs(g.Threshold-w.Threshold) > tol {
			t.Errorf("%s: retrained bias %v threshold %v; shipped %v %v (%s)", kind, g.Bias, g.Threshold, w.Bias, w.Threshold, regen)
		}
		for f := range union(g.Weights, w.Weights) {
			gw, gok := g.Weights[f]
			ww, wok := w.Weights[f]
			switch {
			case gok && wok && math.Abs(gw-ww) > tol,
				gok && !wok && math.Abs(gw) > prune+tol,
				!gok && wok && math.Abs(ww) > prune+tol:
				t.Errorf("%s %s: retrained %v (%v), shipped %v (%v) (%s)", kind, f, gw, gok, ww, wok, regen)
			}
		}
	}
}

func readModel(t *testing.T, path string) *eventclf.Model {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := eventclf.Read(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

// stableNotes drops the notes that may differ between two faithful runs:
// the training date, and the per-kind summaries (a weight at the pruning
// edge changes the count kept).
func stableNotes(notes []string) []string {
	var out []string
	for _, n := range notes {
		if strings.HasPrefix(n, TrainedPrefix) || strings.HasPrefix(n, "assault:") || strings.HasPrefix(n, "protest:") {
			continue
		}
		out = append(out, n)
	}
	return out
}

func union(a, b map[string]float64) map[string]bool {
	u := map[string]bool{}
	for f := range a {
		u[f] = true
	}
	for f := range b {
		u[f] = true
	}
	return u
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad")
	if err := os.MkdirAll(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(bad, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name  string
		files map[string]string
		args  []string
		want  string
	}{
		{"missing folder", nil, []string{"-gsr", filepath.Join(dir, "none")}, "no such file"},
		{"bad label", map[string]string{"assault.jsonl": `{"id":"a","text":"x","label":"maybe"}` + "\n"}, []string{"-gsr", bad}, "neither yes nor no"},
		{"bad json", map[string]string{"assault.jsonl": "{\n"}, []string{"-gsr", bad}, "line 1"},
		{"one fold", nil, []string{"-gsr", bad, "-folds", "1"}, "-folds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for name, text := range tt.files {
				write(name, text)
			}
			err := run(context.Background(), tt.args, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("run(%q) error %v; want one containing %q", tt.args, err, tt.want)
			}
		})
	}
}
