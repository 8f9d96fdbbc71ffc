// Command train fits raqib's sentence event classifier (internal/eventclf)
// on the OEDA Arabic event sentences and writes its weights file:
//
//	go run ./internal/eventclf/train -gsr ../shared/dev/gsr -out internal/eventclf/weights.tsv
//
// Each kind ("assault", "protest") gets an L2 logistic regression trained on
// all of its sentences; its threshold is the one that maximises F1 over
// out-of-fold scores (stratified k-fold, fixed seed), never over scores of
// sentences the model was fitted to. The output is byte-identical from run
// to run for the same data and flags.
//
// With -cv it also prints a nested cross-validation report: each outer
// fold's threshold is chosen by an inner cross-validation on the other
// folds, then P/R/F1 are measured on the held-out fold. With -rules (a path
// with %s for the kind, e.g. /tmp/clf-%s.jsonl: `raqib extract` output for
// the same sentences) the report adds the rule extractor alone, "rule AND
// score ≥ t" and "rule OR score ≥ t".
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/raqib/raqib/internal/eventclf"
)

type config struct {
	gsr, out, rules, date string
	scores                string
	gate                  string
	hard                  float64
	model                 string
	folds                 int
	seed                  int64
	cv                    bool
	repeats               int
	share                 float64
	opt                   eventclf.Options
}

// trainer returns how a kind's model is fitted: on its own sentences, or
// (with -share > 0) jointly with the other kinds' sentences at that weight.
func (c config) trainer(kind string, data map[string][]eventclf.Example) eventclf.Trainer {
	if c.model == "nb" {
		return func(ctx context.Context, exs []eventclf.Example) (*eventclf.Linear, error) {
			return eventclf.TrainNaiveBayes(exs, c.opt.MinCount, 1), nil
		}
	}
	if c.share <= 0 {
		return func(ctx context.Context, exs []eventclf.Example) (*eventclf.Linear, error) {
			return eventclf.Train(ctx, exs, c.opt)
		}
	}
	return func(ctx context.Context, exs []eventclf.Example) (*eventclf.Linear, error) {
		return eventclf.TrainJoint(ctx, kind, exs, data, c.share, c.opt)
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	var c config
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.StringVar(&c.gsr, "gsr", "../shared/dev/gsr", "folder with assault.jsonl and protest.jsonl (id, text, label yes/no)")
	fs.StringVar(&c.out, "out", "", "weights file to write (none: only the report)")
	fs.StringVar(&c.rules, "rules", "", "raqib extract output per kind, %s for the kind (with -cv)")
	fs.StringVar(&c.date, "date", "", "training date to note in the weights file (default: today, UTC)")
	fs.IntVar(&c.folds, "folds", 5, "cross-validation folds")
	fs.Int64Var(&c.seed, "seed", 1, "fold shuffling seed")
	fs.BoolVar(&c.cv, "cv", false, "print a nested cross-validation report")
	fs.IntVar(&c.repeats, "repeats", 0, "print average precision and best F1 of out-of-fold scores over this many fold seeds (for comparing settings)")
	fs.StringVar(&c.scores, "scores", "", "write each sentence's out-of-fold score to this TSV, %s for the kind (with -out)")
	fs.StringVar(&c.gate, "gate", defaultGate, "event types the classifier filters in the \"gated\" rows of the -cv report (comma-separated)")
	fs.StringVar(&c.model, "model", "lr", "lr (L2 logistic regression) or nb (naive Bayes, for comparison)")
	fs.Float64Var(&c.hard, "hard", 1, "loss weight of a \"difficult no\" sentence (one that looks like an event and is not)")
	fs.Float64Var(&c.share, "share", 0, "train each kind jointly with the other kinds' sentences at this loss weight (0: alone)")
	fs.Float64Var(&c.opt.L2, "l2", 0.01, "L2 penalty (per example)")
	fs.IntVar(&c.opt.MinCount, "min", 15, "minimum number of training sentences a feature must occur in")
	fs.Float64Var(&c.opt.PosWeight, "posweight", 1, "loss weight of a positive sentence")
	fs.IntVar(&c.opt.MaxIter, "iter", 300, "L-BFGS iterations")
	fs.Float64Var(&c.opt.Prune, "prune", 0.03, "drop weights smaller than this from the file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.folds < 2 {
		return errors.New("-folds must be at least 2")
	}
	model := &eventclf.Model{Kinds: map[string]*eventclf.Linear{}}
	sents := map[string][]sentence{}
	data := map[string][]eventclf.Example{}
	for _, kind := range eventclf.Kinds {
		path := filepath.Join(c.gsr, kind+".jsonl")
		ss, err := readSentences(path)
		if err != nil {
			return err
		}
		exs := make([]eventclf.Example, len(ss))
		for i, s := range ss {
			exs[i] = eventclf.Example{Features: eventclf.Features(s.Text), Label: s.Label == "yes"}
			if s.Strict == "difficult no" {
				exs[i].Weight = c.hard
			}
		}
		sents[kind], data[kind] = ss, exs
	}
	for _, kind := range eventclf.Kinds {
		exs, train := data[kind], c.trainer(kind, data)
		if c.repeats > 0 {
			if err := repeated(ctx, stdout, c, kind, exs, train); err != nil {
				return err
			}
		}
		if c.cv {
			if err := report(ctx, stdout, c, kind, sents[kind], exs, train); err != nil {
				return err
			}
		}
		if c.out == "" {
			continue
		}
		scores, err := eventclf.OutOfFold(ctx, exs, train, c.folds, c.seed)
		if err != nil {
			return err
		}
		if c.scores != "" {
			if err := writeScores(strings.ReplaceAll(c.scores, "%s", kind), sents[kind], scores); err != nil {
				return err
			}
		}
		labels := labelsOf(exs)
		t, m := eventclf.BestThreshold(scores, labels, func(i int, t float64) bool { return scores[i] >= t })
		l, err := train(ctx, exs)
		if err != nil {
			return err
		}
		l.Threshold = round(t)
		model.Kinds[kind] = l
		pos := 0
		for _, b := range labels {
			if b {
				pos++
			}
		}
		model.Notes = append(model.Notes, fmt.Sprintf("%s: %d sentences (%d yes) from %s; %d weights kept; threshold %.4g, the best on pooled %d-fold out-of-fold scores (F1 there %.3f, P %.3f, R %.3f: optimistic, the threshold is fitted to them; the nested figures of -cv are the honest ones)",
			kind, len(exs), pos, filepath.ToSlash(filepath.Join(filepath.Base(c.gsr), kind+".jsonl")), len(l.Weights), l.Threshold, c.folds, m.F1, m.P, m.R))
	}
	if c.out == "" {
		return nil
	}
	date := c.date
	if date == "" {
		date = time.Now().UTC().Format("2006-01-02")
	}
	model.Notes = append([]string{
		"raqib eventclf weights: P(one Arabic sentence reports an event of the kind) = σ(_bias + Σ weight of its features).",
		"Features (eventclf.Features): w: stem, b: adjacent stems (# = a number), d: stem with the article, c: word class (words.tsv), s: shape, f: first word.",
		"Data: OEDA Arabic event sentences (openeventdata/arabic_event_gsr, MIT licence), the half in ../shared/dev/gsr.",
		TrainedPrefix + date,
		fmt.Sprintf("Settings: L2 logistic regression by L-BFGS; -hard %g -share %g -l2 %g -min %d -posweight %g -iter %d -prune %g -folds %d -seed %d",
			c.hard, c.share, c.opt.L2, c.opt.MinCount, c.opt.PosWeight, c.opt.MaxIter, c.opt.Prune, c.folds, c.seed),
		"Reproduce: go run ./internal/eventclf/train -gsr ../shared/dev/gsr -out internal/eventclf/weights.tsv",
	}, model.Notes...)
	f, err := os.Create(c.out)
	if err != nil {
		return fmt.Errorf("write weights: %w", err)
	}
	if err := model.Write(f); err != nil {
		f.Close()
		return fmt.Errorf("write weights: %w", err)
	}
	return f.Close()
}

// defaultGate is eventclf.GatedTypes, comma-separated.
var defaultGate = strings.Join(eventclf.GatedTypes, ",")

// TrainedPrefix starts the one header line that differs between two runs
// on the same data: the training date.
const TrainedPrefix = "trained: "

func round(t float64) float64 { return math.Round(t*1e4) / 1e4 }

type sentence struct {
	ID, Text, Label, Strict string
}

func readSentences(path string) ([]sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read sentences: %w", err)
	}
	defer f.Close()
	var out []sentence
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		var s struct {
			ID     string `json:"id"`
			Text   string `json:"text"`
			Label  string `json:"label"`
			Strict string `json:"strict"`
		}
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, line, err)
		}
		if s.Label != "yes" && s.Label != "no" {
			return nil, fmt.Errorf("%s line %d: label %q is neither yes nor no", path, line, s.Label)
		}
		out = append(out, sentence{s.ID, s.Text, s.Label, s.Strict})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no sentences", path)
	}
	return out, nil
}

// ruleHits reads `raqib extract` output and returns, per sentence id, whether
// it holds a placed and an unplaced event of one of kind's types.
func ruleHits(path, kind, gate string) (map[string]hit, error) {
	want := map[string]bool{}
	for _, t := range eventclf.Types[kind] {
		want[t] = true
	}
	gated := map[string]bool{}
	for _, t := range strings.Split(gate, ",") {
		gated[strings.TrimSpace(t)] = true
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read rule events: %w", err)
	}
	defer f.Close()
	hits := map[string]hit{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		var e struct {
			Doc       string          `json:"doc"`
			EventType string          `json:"event_type"`
			Location  json.RawMessage `json:"location"`
		}
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, line, err)
		}
		if !want[e.EventType] {
			continue
		}
		h := hits[e.Doc]
		if len(e.Location) == 0 || string(e.Location) == "null" {
			h.unplaced = true
		} else {
			h.placed = true
		}
		if gated[e.EventType] {
			h.gated = true
		} else {
			h.ungated = true
		}
		hits[e.Doc] = h
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return hits, nil
}

func labelsOf(exs []eventclf.Example) []bool {
	out := make([]bool, len(exs))
	for i, e := range exs {
		out[i] = e.Label
	}
	return out
}

// writeScores writes id, label, out-of-fold score and text per sentence,
// for reading the classifier's errors.
func writeScores(path string, sents []sentence, scores []float64) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write scores: %w", err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "id\tlabel\tscore\ttext")
	for i, s := range sents {
		fmt.Fprintf(w, "%s\t%s\t%.4f\t%s\n", s.ID, s.Label, scores[i], strings.ReplaceAll(s.Text, "\t", " "))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write scores: %w", err)
	}
	return f.Close()
}
