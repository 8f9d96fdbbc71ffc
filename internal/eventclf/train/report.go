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

// hit is what the rule extractor found in one sentence for one kind.
type hit struct {
	placed, unplaced bool // an event of the kind with a location, and one with location null
	gated, ungated   bool // an event of a type in -gate, and one of another type
}

func (h hit) any() bool { return h.placed || h.unplaced }

// detector is one way of deciding a sentence is an event: the rules alone,
// the classifier alone, or the two combined, with up to two score
// thresholds t ≤ t2 chosen by cross-validation.
type detector struct {
	name    string
	thresh  int // how many thresholds it takes: 0, 1 or 2
	rules   bool
	detect  func(h hit, s, t, t2 float64) bool
	explain string
}

var detectors = []detector{
	{"rules", 0, true, func(h hit, _, _, _ float64) bool { return h.any() },
		"the rule extractor alone: an event of the kind's types, placed or not"},
	{"clf", 1, false, func(_ hit, s, t, _ float64) bool { return s >= t },
		"the classifier alone: score ≥ t"},
	{"rule AND clf", 1, true, func(h hit, s, t, _ float64) bool { return h.any() && s >= t },
		"a rule event and score ≥ t (the classifier as a filter on every rule event)"},
	{"rule OR clf", 1, true, func(h hit, s, t, _ float64) bool { return h.any() || s >= t },
		"a rule event or score ≥ t"},
	{"rule AND clf, OR clf high", 2, true, func(h hit, s, t, t2 float64) bool { return h.any() && s >= t || s >= t2 },
		"a rule event with score ≥ t, or any sentence with score ≥ t2 (filter and rescue)"},
	{"placed OR unplaced AND clf", 1, true, func(h hit, s, t, _ float64) bool { return h.placed || h.unplaced && s >= t },
		"placed rule events kept; unplaced ones (location null) only with score ≥ t"},
	{"ungated OR gated AND clf", 1, true, func(h hit, s, t, _ float64) bool { return h.ungated || h.gated && s >= t },
		"rule events of the -gate types only with score ≥ t, of other types always"},
	{"ungated OR gated AND clf, OR clf high", 2, true, func(h hit, s, t, t2 float64) bool { return h.ungated || h.gated && s >= t || s >= t2 },
		"as above, and any sentence with score ≥ t2 (rescue)"},
	{"placed AND clf low, unplaced AND clf", 2, true, func(h hit, s, t, t2 float64) bool { return h.placed && s >= t || h.unplaced && s >= t2 },
		"placed rule events with score ≥ t, unplaced ones with score ≥ t2"},
}

// grid is the candidate thresholds: 61 quantiles of the scores and 1.01 (never).
func grid(scores []float64) []float64 {
	qs := append([]float64(nil), scores...)
	sort.Float64s(qs)
	var g []float64
	for k := 0; k <= 60; k++ {
		g = append(g, qs[(len(qs)-1)*k/60])
	}
	return append(g, 1.01)
}

// tune chooses the detector's thresholds that maximise F1 over scores.
func tune(d detector, scores []float64, hits []hit, labels []bool) (float64, float64) {
	if d.thresh == 0 {
		return 0, 0
	}
	g := grid(scores)
	g2 := []float64{0}
	if d.thresh == 2 {
		g2 = g
	}
	best, bt, bt2 := -1.0, 0.0, 0.0
	det := make([]bool, len(scores))
	for _, t := range g {
		for _, t2 := range g2 {
			for i, s := range scores {
				det[i] = d.detect(hits[i], s, t, t2)
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
	hits := make([]hit, len(exs))
	haveRules := c.rules != ""
	if haveRules {
		byID, err := ruleHits(strings.ReplaceAll(c.rules, "%s", kind), kind, c.gate)
		if err != nil {
			return err
		}
		for i, s := range sents {
			hits[i] = byID[s.ID]
		}
	}
	fold := eventclf.Folds(labels, c.folds, c.seed)
	type result struct {
		per    []eventclf.PRF
		ts     []string
		pooled []bool
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
		trLabels, trHits := make([]bool, len(trIdx)), make([]hit, len(trIdx))
		for k, i := range trIdx {
			trLabels[k], trHits[k] = labels[i], hits[i]
		}
		model, err := train(ctx, tr)
		if err != nil {
			return err
		}
		teLabels := make([]bool, len(teIdx))
		for k, i := range teIdx {
			teLabels[k] = labels[i]
		}
		for d, det := range detectors {
			if det.rules && !haveRules {
				continue
			}
			t, t2 := tune(det, inner, trHits, trLabels)
			got := make([]bool, len(teIdx))
			for k, i := range teIdx {
				got[k] = det.detect(hits[i], model.Prob(exs[i].Features), t, t2)
				res[d].pooled[i] = got[k]
			}
			res[d].per = append(res[d].per, eventclf.Measure(got, teLabels))
			switch det.thresh {
			case 1:
				res[d].ts = append(res[d].ts, fmt.Sprintf("%.2f", t))
			case 2:
				res[d].ts = append(res[d].ts, fmt.Sprintf("%.2f/%.2f", t, t2))
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
	fmt.Fprintf(w, "  %-38s %-12s %-12s %-12s %-30s %s\n", "detector", "P mean±sd", "R mean±sd", "F1 mean±sd", "pooled P/R/F1 (tp fp fn)", "thresholds per outer fold")
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
		fmt.Fprintf(w, "  %-38s %-12s %-12s %-12s %-30s %s\n", det.name, meanSD(ps), meanSD(rs), meanSD(fs),
			fmt.Sprintf("%.3f/%.3f/%.3f (%d %d %d)", pm.P, pm.R, pm.F1, pm.TP, pm.FP, pm.FN), strings.Join(r.ts, " "))
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
