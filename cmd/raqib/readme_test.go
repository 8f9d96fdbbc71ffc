package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// readmeCommands returns the lines of README.md's ```sh blocks that run
// ./raqib, in order.
func readmeCommands(t *testing.T, readme []byte) []string {
	t.Helper()
	var out []string
	in := false
	sc := bufio.NewScanner(bytes.NewReader(readme))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```"):
			in = !in && strings.TrimPrefix(line, "```") == "sh"
		case in && strings.Contains(line, "./raqib "):
			out = append(out, strings.TrimSpace(line))
		}
	}
	if in {
		t.Fatalf("README.md: a ```sh block is not closed")
	}
	return out
}

var (
	addrRE   = regexp.MustCompile(`--addr\s+(\S+)`)
	assignRE = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*=`)
)

// TestREADME runs every ./raqib command of README.md's ```sh blocks, as
// written, with a freshly built binary in a scratch directory where
// examples/ is the repository's: each must exit 0. Search commands must
// find something, and serve commands must come up and answer /healthz (they
// listen on a free port instead of the README's, which may be taken, and
// are then stopped with SIGINT).
// The README carries no merge leftovers: a conflict marker line would be
// shown to every reader as is.
func TestREADMEHasNoConflictMarkers(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(line, "<<<<<<< ") || strings.HasPrefix(line, ">>>>>>> ") || line == "=======" {
			t.Errorf("README.md line %d is a merge conflict marker: %q", i+1, line)
		}
	}
}

func TestREADME(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary: not in -short")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	cmds := readmeCommands(t, readme)
	if len(cmds) < 15 {
		t.Fatalf("found %d ./raqib commands in README.md; the parser must be broken", len(cmds))
	}
	dir := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "raqib"), "./cmd/raqib")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if err := os.Symlink(filepath.Join(root, "examples"), filepath.Join(dir, "examples")); err != nil {
		t.Fatal(err)
	}
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "RAQIB_DATA=" + filepath.Join(dir, "data"), "LANG=C.UTF-8"}
	for i, line := range cmds {
		t.Run(fmt.Sprintf("%02d %s", i+1, line), func(t *testing.T) {
			if strings.Contains(line, "./raqib serve") {
				testServeLine(t, dir, env, line)
				return
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, "sh", "-c", line)
			cmd.Dir, cmd.Env = dir, env
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("%s: %v\nstdout: %.2000s\nstderr: %.2000s", line, err, stdout.String(), stderr.String())
			}
			if strings.Contains(line, "./raqib search") {
				if stdout.Len() == 0 || strings.Contains(stdout.String(), " of 0 matching") {
					t.Errorf("%s found nothing:\n%s", line, stdout.String())
				}
			}
		})
	}
}

// testServeLine starts a README serve command on a free port, waits for it
// to answer /healthz and the UI, and stops it: it must exit 0.
func testServeLine(t *testing.T, dir string, env []string, line string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	if !addrRE.MatchString(line) {
		t.Fatalf("%s: no --addr to move to a free port", line)
	}
	line = addrRE.ReplaceAllString(line, "--addr "+addr)
	// leading VAR=value words go to the environment, so that exec makes
	// raqib itself the process SIGINT reaches
	words := strings.Fields(line)
	for len(words) > 0 && assignRE.MatchString(words[0]) {
		env = append(env[:len(env):len(env)], words[0])
		words = words[1:]
	}
	cmd := exec.Command("sh", "-c", "exec "+strings.Join(words, " "))
	cmd.Dir, cmd.Env = dir, env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	up := false
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline) && !up; time.Sleep(100 * time.Millisecond) {
		select {
		case err := <-done:
			t.Fatalf("%s exited before serving: %v\n%s", line, err, stderr.String())
		default:
		}
		res, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			res.Body.Close()
			up = res.StatusCode == http.StatusOK
		}
	}
	if up {
		if res, err := http.Get("http://" + addr + "/"); err != nil || res.StatusCode != http.StatusOK {
			t.Errorf("%s: the UI does not answer: %v", line, err)
		} else {
			res.Body.Close()
		}
	}
	_ = cmd.Process.Signal(syscall.SIGINT)
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("%s: exit %v after SIGINT\n%s", line, err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		_ = cmd.Process.Kill()
		t.Errorf("%s did not stop after SIGINT", line)
	}
	if !up {
		t.Errorf("%s never answered /healthz\n%s", line, stderr.String())
	}
}
