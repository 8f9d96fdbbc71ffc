// Command filter measures the event classifier as a filter on the rule
// extractor's output: it reads `raqib extract` JSONL and drops each event of
// an assault or protest type whose evidence sentences all score below the
// kind's threshold (an event of both kinds must pass both). Other events and
// lines pass unchanged.
//
//	raqib extract ../shared/dev/wide/articles.jsonl | go run ./internal/eventclf/filter > filtered.jsonl
//	go run ./internal/eventclf/filter -assault 0.2 -protest 0.1 events.jsonl > filtered.jsonl
//	go run ./internal/eventclf/filter -types gated -assault 0.12 -protest 0.12 events.jsonl  # as Model.Keep
//
// It is a measuring tool for deciding how to wire the classifier into the
// extractor, not part of the pipeline.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/eventclf"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "filter:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("filter", flag.ContinueOnError)
	fs.SetOutput(stderr)
	weights := fs.String("weights", "", "weights file (default: the embedded one)")
	only := fs.String("types", "", "comma-separated event types to filter, or \"gated\" for eventclf.GatedTypes (default: every assault and protest type)")
	thresholds := map[string]*float64{}
	for _, k := range eventclf.Kinds {
		thresholds[k] = fs.Float64(k, -1, "keep a "+k+" event when an evidence sentence scores at least this (default: the model's threshold)")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	m, err := eventclf.Load()
	if *weights != "" {
		var f *os.File
		if f, err = os.Open(*weights); err != nil {
			return err
		}
		m, err = eventclf.Read(f)
		f.Close()
	}
	if err != nil {
		return err
	}
	for k, t := range thresholds {
		if *t < 0 {
			*t = m.Threshold(k)
		}
	}
	in := stdin
	if fs.NArg() > 1 {
		return fmt.Errorf("one input file at most")
	}
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	filtered := map[string]bool{}
	list := strings.Split(*only, ",")
	if *only == "gated" {
		list = eventclf.GatedTypes
	}
	for _, t := range list {
		if t = strings.TrimSpace(t); t != "" {
			filtered[t] = true
		}
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	var kept, dropped int
	for line := 1; sc.Scan(); line++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		var e struct {
			EventType string     `json:"event_type"`
			Evidence  []evidence `json:"evidence"`
		}
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			fmt.Fprintf(stderr, "filter: line %d: %v (kept)\n", line, err)
		} else if (len(filtered) == 0 || filtered[e.EventType]) && !passes(m, thresholds, e.EventType, e.Evidence) {
			dropped++
			continue
		}
		kept++
		w.Write(sc.Bytes())
		w.WriteByte('\n')
	}
	fmt.Fprintf(stderr, "filter: kept %d events, dropped %d\n", kept, dropped)
	return sc.Err()
}

// evidence is one evidence span of an event (SPEC §2).
type evidence struct {
	Text string `json:"text"`
}

// passes reports whether an event clears the threshold of every kind its
// type belongs to, on the best-scoring sentence of its evidence.
func passes(m *eventclf.Model, thresholds map[string]*float64, eventType string, evidence []evidence) bool {
	for _, k := range eventclf.KindsOf(eventType) {
		best := 0.0
		for _, ev := range evidence {
			toks := arabic.Tokenize(ev.Text)
			for _, s := range arabic.Sentences(ev.Text, toks) {
				if p := m.Score(k, ev.Text[s.Start:s.End]); p > best {
					best = p
				}
			}
		}
		if best < *thresholds[k] {
			return false
		}
	}
	return true
}
