package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gsrDir is the OEDA sentences beside the repository (../shared/dev/gsr); CI has them.
var gsrDir = filepath.Join("..", "..", "..", "..", "shared", "dev", "gsr")

// TestShippedWeightsReproduce retrains from the data with the default
// flags and checks that the result is the shipped weights.tsv, byte for
// byte except the training date.
func TestShippedWeightsReproduce(t *testing.T) {
	out := filepath.Join(t.TempDir(), "weights.tsv")
	if err := run(context.Background(), []string{"-gsr", gsrDir, "-out", out}, io.Discard); err != nil {
		t.Fatalf("train: %v", err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "weights.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	g, w := withoutDate(string(got)), withoutDate(string(want))
	if len(g) != len(w) {
		t.Fatalf("retrained weights have %d lines; shipped %d (regenerate: go run ./internal/eventclf/train -out internal/eventclf/weights.tsv)", len(g), len(w))
	}
	for i := range g {
		if g[i] != w[i] {
			t.Fatalf("line %d: retrained %q; shipped %q (regenerate: go run ./internal/eventclf/train -out internal/eventclf/weights.tsv)", i+1, g[i], w[i])
		}
	}
}

func withoutDate(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(l, "# "+TrainedPrefix) {
			out = append(out, l)
		}
	}
	return out
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
