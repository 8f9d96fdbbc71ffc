package eventclf

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"sort"
	"strings"
)

// Example is one labelled sentence, already turned into features.
type Example struct {
	Features []string
	Label    bool
	Weight   float64 // loss weight (≤0 means 1)
}

// Options are the training settings.
type Options struct {
	L2        float64 // L2 penalty on the weights (not the bias), per example: loss/n + L2/2·|w|²
	MinCount  int     // a feature is kept only when at least this many training sentences have it
	PosWeight float64 // weight of a positive example's loss (≤0 means 1)
	MaxIter   int     // L-BFGS iterations (≤0 means 300)
	Prune     float64 // weights with |w| below this are dropped from the result
}

// Train fits an L2-regularised logistic regression to examples by L-BFGS.
// It is deterministic: features are indexed in sorted order and every sum
// runs in a fixed order. The Threshold of the result is 0.5; choose a better
// one with cross-validation (see OutOfFold and BestThreshold).
func Train(ctx context.Context, examples []Example, opt Options) (*Linear, error) {
	if opt.MaxIter <= 0 {
		opt.MaxIter = 300
	}
	if opt.PosWeight <= 0 {
		opt.PosWeight = 1
	}
	df := map[string]int{}
	for _, e := range examples {
		for _, f := range e.Features {
			df[f]++
		}
	}
	var names []string
	for f, n := range df {
		if n >= opt.MinCount {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	index := make(map[string]int, len(names))
	for i, f := range names {
		index[f] = i + 1 // 0 is the bias
	}
	rows := make([][]int, len(examples))
	ys := make([]float64, len(examples))
	cs := make([]float64, len(examples))
	var total float64
	for i, e := range examples {
		for _, f := range e.Features {
			if j, ok := index[f]; ok {
				rows[i] = append(rows[i], j)
			}
		}
		sort.Ints(rows[i])
		cs[i] = 1
		if e.Weight > 0 {
			cs[i] = e.Weight
		}
		if e.Label {
			ys[i] = 1
			cs[i] *= opt.PosWeight
		}
		total += cs[i]
	}
	if total == 0 {
		return nil, fmt.Errorf("train: no examples")
	}
	n := len(names) + 1
	loss := func(x, g []float64) float64 {
		for j := range g {
			g[j] = 0
		}
		var sum float64
		for i, row := range rows {
			z := x[0]
			for _, j := range row {
				z += x[j]
			}
			p := sigmoid(z)
			// log(1+e^z) - y·z, computed without overflow
			l := math.Max(z, 0) + math.Log1p(math.Exp(-math.Abs(z))) - ys[i]*z
			sum += cs[i] * l
			d := cs[i] * (p - ys[i]) / total
			g[0] += d
			for _, j := range row {
				g[j] += d
			}
		}
		f := sum / total
		for j := 1; j < n; j++ {
			f += opt.L2 / 2 * x[j] * x[j]
			g[j] += opt.L2 * x[j]
		}
		return f
	}
	x := make([]float64, n)
	if err := lbfgs(ctx, loss, x, opt.MaxIter); err != nil {
		return nil, err
	}
	l := &Linear{Bias: x[0], Weights: map[string]float64{}, Threshold: 0.5}
	for i, f := range names {
		if w := x[i+1]; math.Abs(w) >= opt.Prune && w != 0 {
			l.Weights[f] = w
		}
	}
	return l, nil
}

// lbfgs minimises f from x in place: limited-memory BFGS (10 pairs) with a
// backtracking Armijo line search, stopping when the gradient is flat or
// after maxIter steps.
func lbfgs(ctx context.Context, f func(x, g []float64) float64, x []float64, maxIter int) error {
	const m = 10
	n := len(x)
	g := make([]float64, n)
	fx := f(x, g)
	var ss, ys [][]float64
	var rhos []float64
	d := make([]float64, n)
	xn := make([]float64, n)
	gn := make([]float64, n)
	alpha := make([]float64, m)
	for it := 0; it < maxIter; it++ {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("train: %w", err)
		}
		if norm(g) < 1e-7 {
			return nil
		}
		// Two-loop recursion: d = -H·g.
		copy(d, g)
		for k := len(ss) - 1; k >= 0; k-- {
			alpha[k] = rhos[k] * dot(ss[k], d)
			axpy(-alpha[k], ys[k], d)
		}
		if k := len(ss) - 1; k >= 0 {
			scale(dot(ss[k], ys[k])/dot(ys[k], ys[k]), d)
		} else {
			scale(1/math.Max(norm(g), 1), d)
		}
		for k := 0; k < len(ss); k++ {
			b := rhos[k] * dot(ys[k], d)
			axpy(alpha[k]-b, ss[k], d)
		}
		scale(-1, d)
		slope := dot(g, d)
		if slope >= 0 { // not a descent direction: restart from the gradient
			ss, ys, rhos = nil, nil, nil
			copy(d, g)
			scale(-1/math.Max(norm(g), 1), d)
			slope = dot(g, d)
		}
		step, fn := 1.0, 0.0
		for ls := 0; ; ls++ {
			for j := range x {
				xn[j] = x[j] + step*d[j]
			}
			fn = f(xn, gn)
			if fn <= fx+1e-4*step*slope {
				break
			}
			if ls == 40 {
				return nil // no progress possible at float precision
			}
			step /= 2
		}
		s := make([]float64, n)
		y := make([]float64, n)
		for j := range x {
			s[j] = xn[j] - x[j]
			y[j] = gn[j] - g[j]
		}
		if sy := dot(s, y); sy > 1e-12 {
			if len(ss) == m {
				ss, ys, rhos = ss[1:], ys[1:], rhos[1:]
			}
			ss, ys, rhos = append(ss, s), append(ys, y), append(rhos, 1/sy)
		}
		copy(x, xn)
		copy(g, gn)
		done := fx-fn < 1e-10*math.Max(1, math.Abs(fx))
		fx = fn
		if done {
			return nil
		}
	}
	return nil
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func norm(a []float64) float64 { return math.Sqrt(dot(a, a)) }

func axpy(a float64, x, y []float64) {
	for i := range x {
		y[i] += a * x[i]
	}
}

func scale(a float64, x []float64) {
	for i := range x {
		x[i] *= a
	}
}

// Folds assigns each example to one of k folds, stratified by label: the
// positives and the negatives are each shuffled with seed and dealt round
// robin, so every fold holds about 1/k of each.
func Folds(labels []bool, k int, seed int64) []int {
	rng := rand.New(rand.NewSource(seed))
	fold := make([]int, len(labels))
	next := 0 // the negatives are dealt on from where the positives stopped, so fold sizes differ by one at most
	for _, want := range []bool{true, false} {
		var idx []int
		for i, l := range labels {
			if l == want {
				idx = append(idx, i)
			}
		}
		rng.Shuffle(len(idx), func(a, b int) { idx[a], idx[b] = idx[b], idx[a] })
		for _, i := range idx {
			fold[i] = next % k
			next++
		}
	}
	return fold
}

// Trainer fits a model to examples.
type Trainer func(ctx context.Context, examples []Example) (*Linear, error)

// OutOfFold returns, for each example, the score of a model trained on the
// other k-1 folds (stratified, seeded).
func OutOfFold(ctx context.Context, examples []Example, train Trainer, k int, seed int64) ([]float64, error) {
	labels := make([]bool, len(examples))
	for i, e := range examples {
		labels[i] = e.Label
	}
	fold := Folds(labels, k, seed)
	scores := make([]float64, len(examples))
	for f := 0; f < k; f++ {
		var tr []Example
		for i, e := range examples {
			if fold[i] != f {
				tr = append(tr, e)
			}
		}
		l, err := train(ctx, tr)
		if err != nil {
			return nil, err
		}
		for i, e := range examples {
			if fold[i] == f {
				scores[i] = l.Prob(e.Features)
			}
		}
	}
	return scores, nil
}

// PRF is precision, recall and F1 of a detection.
type PRF struct {
	TP, FP, FN int
	P, R, F1   float64
}

// Measure counts a detection's hits against labels.
func Measure(detected, labels []bool) PRF {
	var m PRF
	for i, d := range detected {
		switch {
		case d && labels[i]:
			m.TP++
		case d:
			m.FP++
		case labels[i]:
			m.FN++
		}
	}
	if m.TP+m.FP > 0 {
		m.P = float64(m.TP) / float64(m.TP+m.FP)
	}
	if m.TP+m.FN > 0 {
		m.R = float64(m.TP) / float64(m.TP+m.FN)
	}
	if m.P+m.R > 0 {
		m.F1 = 2 * m.P * m.R / (m.P + m.R)
	}
	return m
}

// BestThreshold returns the threshold t that maximises the F1 of
// detect(i, t) against labels, trying midpoints between the distinct
// scores; among equal F1 it keeps the lowest t.
func BestThreshold(scores []float64, labels []bool, detect func(i int, t float64) bool) (float64, PRF) {
	uniq := append([]float64(nil), scores...)
	sort.Float64s(uniq)
	cands := []float64{0}
	for i := 1; i < len(uniq); i++ {
		if uniq[i] > uniq[i-1] {
			cands = append(cands, (uniq[i]+uniq[i-1])/2)
		}
	}
	cands = append(cands, 1)
	best, bestT := PRF{F1: -1}, 0.5
	det := make([]bool, len(scores))
	for _, t := range cands {
		for i := range scores {
			det[i] = detect(i, t)
		}
		if m := Measure(det, labels); m.F1 > best.F1 {
			best, bestT = m, t
		}
	}
	return bestT, best
}

// TrainJoint fits one model to the sentences of kind and those of other
// kinds together, each feature twice: once shared by all kinds and once
// for its kind alone ("assault|w:قتل"), with a per-kind bias feature. The
// shared half learns what any reported event looks like (a day, a toll, a
// place, no speech verb), which a kind with few examples cannot learn alone;
// the kind half learns what sets it apart. The result is kind's Linear with
// the two halves summed, so it scores plain Features. Other kinds'
// sentences carry loss weight otherWeight.
func TrainJoint(ctx context.Context, kind string, own []Example, others map[string][]Example, otherWeight float64, opt Options) (*Linear, error) {
	var all []Example
	add := func(k string, exs []Example, w float64) {
		for _, e := range exs {
			fs := make([]string, 0, 2*len(e.Features)+1)
			fs = append(fs, "K:"+k)
			for _, f := range e.Features {
				fs = append(fs, f, k+"|"+f)
			}
			all = append(all, Example{Features: fs, Label: e.Label, Weight: w})
		}
	}
	add(kind, own, 1)
	names := make([]string, 0, len(others))
	for k := range others {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if k != kind {
			add(k, others[k], otherWeight)
		}
	}
	joint, err := Train(ctx, all, opt)
	if err != nil {
		return nil, err
	}
	l := &Linear{Bias: joint.Bias + joint.Weights["K:"+kind], Weights: map[string]float64{}, Threshold: joint.Threshold}
	prefix := kind + "|"
	for f, w := range joint.Weights {
		switch {
		case strings.HasPrefix(f, "K:"):
		case strings.HasPrefix(f, prefix):
			l.Weights[f[len(prefix):]] += w
		case !strings.Contains(f, "|"):
			l.Weights[f] += w
		}
	}
	return l, nil
}

// TrainNaiveBayes fits a Bernoulli-style naive Bayes over present features
// only (the usual "NB log-count ratio" linear model): weight(f) =
// log(P(f|yes)/P(f|no)) with add-alpha smoothing, bias the log prior odds.
// It is here to compare against logistic regression (train -model nb).
func TrainNaiveBayes(examples []Example, minCount int, alpha float64) *Linear {
	df := map[string]int{}
	pos := map[string]float64{}
	neg := map[string]float64{}
	var npos, nneg float64
	for _, e := range examples {
		if e.Label {
			npos++
		} else {
			nneg++
		}
		for _, f := range e.Features {
			df[f]++
			if e.Label {
				pos[f]++
			} else {
				neg[f]++
			}
		}
	}
	l := &Linear{Bias: math.Log((npos + alpha) / (nneg + alpha)), Weights: map[string]float64{}, Threshold: 0.5}
	for f, n := range df {
		if n < minCount {
			continue
		}
		l.Weights[f] = math.Log((pos[f]+alpha)/(npos+2*alpha)) - math.Log((neg[f]+alpha)/(nneg+2*alpha))
	}
	return l
}
