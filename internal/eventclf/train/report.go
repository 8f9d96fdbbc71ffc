package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/raqib/raqib/internal/eventclf"
)

// detector is one way of deciding a sentence is an event: the classifier
// alone, or combined with the rule extractor's detection.
type detector struct {
	name   string
	detect func(rule bool, score, t float64) bool
	tuned  bool // false: the rule alone, no threshold
	two    bool // two thresholds: rule AND score ≥ t, or score ≥ t2
}

var detectors = []detector{
	{"rules alone", func(rule bool, _, _ float64) bool { return rule }, false, false},
	{"classifier alone", func(_ bool, s, t float64) bool { return s >= t }, true, false},
	{"rule AND score>=t", func(rule bool, s, t float64) bool { return rule && s >= t }, true, false},
	{"rule OR score>=t", func(rule bool, s, t float64) bool { return rule || s >= t }, true, false},
	{"rule&s>=t OR s>=t2", nil, true, true},
}

// bestTwo chooses t ≤ t2 maximising the F1 of "rule AND score ≥ t, or
// score ≥ t2" over a grid of score quantiles.
func bestTwo(scores []float64, rules, labels []bool) (float64, float64) {
	qs := append([]float64(nil), scores...)
	sort.Float64s(qs)
	var grid []float64
	for k := 0; k <= 60; k++ {
		grid = append(grid, qs[(len(qs)-1)*k/60])
	}
	grid = append(grid, 1.01)
	best, bt, bt2 := -1.0, 0.5, 1.01
	det := make([]bool, len(scores))
	for _, t := range grid {
		for _, t2 := range grid {
			if t2 < t {
				continue
			}
			for i, s := range scores {
				det[i] = rules[i] && s >= t || s >= t2
			}
			if m := eventclf.Measure(det, labels); m.F1 > best {
				best, bt, bt2 = m.F1, t, t2
			}
		}
	}
	return bt, bt2
}

// report runs nested cross-validation for one kind and prints, per
// detector, the per-fold P/R/F1 with their mean and spread, the pooled
// figures over all held-out folds, and the thresholds the inner folds chose.
func report(ctx context.Context, w io.Writer, c config, kind string, sents []sentence, exs []eventclf.Example, train eventclf.Trainer) error {
	labels := labelsOf(exs)
	rules := make([]bool, len(exs))
	haveRules := c.rules != ""
	if haveRules {
		hit, err := ruleHits(strings.ReplaceAll(c.rules, "%s", kind), kind)
		if err != nil {
			return err
		}
		for i, s := range sents {
			rules[i] = hit[s.ID]
		}
	}
	fold := eventclf.Folds(labels, c.folds, c.seed)
	type result struct {
		per         []eventclf.PRF
		thresholds  []float64
		thresholds2 []float64
		pooled      []bool
	}
	res := make([]result, len(detectors))
	for d := range res {
		res[d].pooled = make([]bool, len(exs))
	}
	for f := 0; f < c.folds; f++ {
		var trIdx, teIdx []int
		for i := range exs {
			if fold[i] == f {
				teIdx = append(teIdx, i)
			} else {
				trIdx = append(trIdx, i)
			}
		}
		tr := pick(exs, trIdx)
		// Thresholds come from an inner cross-validation on the training folds only.
		inner, err := eventclf.OutOfFold(ctx, tr, train, c.folds, c.seed+1)
		if err != nil {
			return err
		}
		trLabels, trRules := make([]bool, len(trIdx)), make([]bool, len(trIdx))
		for k, i := range trIdx {
			trLabels[k], trRules[k] = labels[i], rules[i]
		}
		model, err := train(ctx, tr)
		if err != nil {
			return err
		}
		teLabels := make([]bool, len(teIdx))
		teScores := make([]float64, len(teIdx))
		for k, i := range teIdx {
			teLabels[k] = labels[i]
			teScores[k] = model.Prob(exs[i].Features)
		}
		for d, det := range detectors {
			if !det.tuned && !haveRules || det.name != "classifier alone" && !haveRules {
				continue
			}
			t, t2 := 0.0, 0.0
			if det.two {
				t, t2 = bestTwo(inner, trRules, trLabels)
				det.detect = func(rule bool, s, t float64) bool { return rule && s >= t || s >= t2 }
			} else if det.tuned {
				t, _ = eventclf.BestThreshold(inner, trLabels, func(k int, t float64) bool { return det.detect(trRules[k], inner[k], t) })
			}
			got := make([]bool, len(teIdx))
			for k, i := range teIdx {
				got[k] = det.detect(rules[i], teScores[k], t)
				res[d].pooled[i] = got[k]
			}
			res[d].per = append(res[d].per, eventclf.Measure(got, teLabels))
			res[d].thresholds = append(res[d].thresholds, t)
			if det.two {
				res[d].thresholds2 = append(res[d].thresholds2, t2)
			}
		}
	}
	pos := 0
	for _, l := range labels {
		if l {
			pos++
		}
	}
	fmt.Fprintf(w, "%s: %d sentences, %d yes; %d-fold nested CV (seed %d), -share %g -l2 %g -min %d -posweight %g\n",
		kind, len(exs), pos, c.folds, c.seed, c.share, c.opt.L2, c.opt.MinCount, c.opt.PosWeight)
	fmt.Fprintf(w, "  %-20s %-15s %-15s %-15s %-26s %s\n", "detector", "P mean±sd", "R mean±sd", "F1 mean±sd", "pooled P/R/F1 (tp fp fn)", "thresholds")
	for d, det := range detectors {
		r := res[d]
		if len(r.per) == 0 {
			continue
		}
		var ps, rs, fs []float64
		for _, m := range r.per {
			ps, rs, fs = append(ps, m.P), append(rs, m.R), append(fs, m.F1)
		}
		pm := eventclf.Measure(r.pooled, labels)
		ts := ""
		if det.tuned {
			var parts []string
			for k, t := range r.thresholds {
				if det.two {
					parts = append(parts, fmt.Sprintf("%.2f/%.2f", t, r.thresholds2[k]))
				} else {
					parts = append(parts, fmt.Sprintf("%.2f", t))
				}
			}
			ts = strings.Join(parts, " ")
		}
		fmt.Fprintf(w, "  %-20s %-15s %-15s %-15s %.3f/%.3f/%.3f (%d %d %d)  %s\n", det.name,
			meanSD(ps), meanSD(rs), meanSD(fs), pm.P, pm.R, pm.F1, pm.TP, pm.FP, pm.FN, ts)
	}
	return nil
}

func pick(exs []eventclf.Example, idx []int) []eventclf.Example {
	out := make([]eventclf.Example, len(idx))
	for k, i := range idx {
		out[k] = exs[i]
	}
	return out
}

func meanSD(xs []float64) string {
	var m float64
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	var v float64
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	if len(xs) > 1 {
		v /= float64(len(xs) - 1)
	}
	return fmt.Sprintf("%.3f±%.3f", m, math.Sqrt(v))
}

// repeated prints, over c.repeats fold seeds, the mean average precision
// and the mean best F1 of the out-of-fold scores: threshold-free and
// steadier than one nested run, for comparing settings.
func repeated(ctx context.Context, w io.Writer, c config, kind string, exs []eventclf.Example, train eventclf.Trainer) error {
	labels := labelsOf(exs)
	var aps, f1s []float64
	for s := 0; s < c.repeats; s++ {
		scores, err := eventclf.OutOfFold(ctx, exs, train, c.folds, c.seed+int64(s)*101)
		if err != nil {
			return err
		}
		_, m := eventclf.BestThreshold(scores, labels, func(i int, t float64) bool { return scores[i] >= t })
		aps = append(aps, averagePrecision(scores, labels))
		f1s = append(f1s, m.F1)
	}
	fmt.Fprintf(w, "%s: %d repeats of %d-fold CV: average precision %s, best-threshold F1 %s\n", kind, c.repeats, c.folds, meanSD(aps), meanSD(f1s))
	return nil
}

// averagePrecision is the mean of the precision at each positive, scores
// ranked high to low.
func averagePrecision(scores []float64, labels []bool) float64 {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]] > scores[idx[b]] })
	var tp, sum float64
	pos := 0
	for rank, i := range idx {
		if labels[i] {
			tp++
			sum += tp / float64(rank+1)
			pos++
		}
	}
	if pos == 0 {
		return 0
	}
	return sum / float64(pos)
}
