// Package eventclf scores whether one Arabic sentence reports an event of a
// kind ("assault" or "protest"): a logistic regression over features of the
// text itself (stems, stem pairs, word shapes and word classes; see
// Features), trained on the OEDA Arabic event sentences by the command in
// ./train, its weights embedded from the reviewable weights.tsv.
//
// It is meant as a filter on what the rules find: a sentence that mentions
// an attack as a time anchor, a reaction, a trial or a metaphor scores low.
package eventclf

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Kinds are the event kinds a Model scores.
var Kinds = []string{"assault", "protest"}

//go:embed weights.tsv
var weightsTSV string

// Linear is one kind's logistic regression: P = σ(Bias + Σ Weights[f]).
type Linear struct {
	Bias      float64
	Weights   map[string]float64
	Threshold float64 // the score at or above which a sentence counts as an event, chosen by cross-validation
}

// Prob returns σ(Bias + Σ Weights[f]) over a sentence's features.
func (l *Linear) Prob(features []string) float64 {
	z := l.Bias
	for _, f := range features {
		z += l.Weights[f]
	}
	return sigmoid(z)
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// Model holds one Linear per kind.
type Model struct {
	Kinds map[string]*Linear
	Notes []string // the file's comment lines: data, date, settings, licence, figures
}

var (
	loadOnce  sync.Once
	loaded    *Model
	loadError error
)

// Load returns the model of the embedded weights.tsv. It parses the file
// once; the Model is read-only and safe for concurrent use.
func Load() (*Model, error) {
	loadOnce.Do(func() {
		loaded, loadError = Read(strings.NewReader(weightsTSV))
	})
	return loaded, loadError
}

// Score returns P(the sentence reports an event of kind) for one sentence
// of Arabic text. An unknown kind scores 0.
func (m *Model) Score(kind, text string) float64 {
	l := m.Kinds[kind]
	if l == nil {
		return 0
	}
	return l.Prob(Features(text))
}

// Threshold returns the score at or above which a sentence counts as an
// event of kind, as chosen by cross-validation when the model was trained
// (1 for an unknown kind: nothing passes).
func (m *Model) Threshold(kind string) float64 {
	l := m.Kinds[kind]
	if l == nil {
		return 1
	}
	return l.Threshold
}

// Reserved feature names for a kind's bias and threshold rows.
const (
	biasRow      = "_bias"
	thresholdRow = "_threshold"
)

// Read parses a weights file: comment lines starting with "#", a header
// "kind feature weight", then one row per kind and feature; the rows
// "_bias" and "_threshold" hold a kind's intercept and threshold.
func Read(r io.Reader) (*Model, error) {
	m := &Model{Kinds: map[string]*Linear{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line, header := 0, false
	for sc.Scan() {
		line++
		s := sc.Text()
		if strings.HasPrefix(s, "#") {
			m.Notes = append(m.Notes, strings.TrimSpace(strings.TrimPrefix(s, "#")))
			continue
		}
		if strings.TrimSpace(s) == "" {
			continue
		}
		cols := strings.Split(s, "\t")
		if !header {
			if len(cols) != 3 || cols[0] != "kind" || cols[1] != "feature" || cols[2] != "weight" {
				return nil, fmt.Errorf("weights line %d: header must be kind, feature, weight", line)
			}
			header = true
			continue
		}
		if len(cols) != 3 || cols[0] == "" || cols[1] == "" {
			return nil, fmt.Errorf("weights line %d: want kind, feature, weight", line)
		}
		w, err := strconv.ParseFloat(cols[2], 64)
		if err != nil || math.IsNaN(w) || math.IsInf(w, 0) {
			return nil, fmt.Errorf("weights line %d: bad weight %q", line, cols[2])
		}
		l := m.Kinds[cols[0]]
		if l == nil {
			l = &Linear{Weights: map[string]float64{}, Threshold: 0.5}
			m.Kinds[cols[0]] = l
		}
		switch cols[1] {
		case biasRow:
			l.Bias = w
		case thresholdRow:
			l.Threshold = w
		default:
			l.Weights[cols[1]] = w
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("weights: %w", err)
	}
	if !header {
		return nil, fmt.Errorf("weights: no header")
	}
	return m, nil
}

// Write writes m in the format Read reads: notes as comment lines, then the
// header, then per kind (sorted) its bias, threshold and weights sorted by
// feature, each weight with six significant digits.
func (m *Model) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, n := range m.Notes {
		fmt.Fprintf(bw, "# %s\n", n)
	}
	fmt.Fprintln(bw, "kind\tfeature\tweight")
	kinds := make([]string, 0, len(m.Kinds))
	for k := range m.Kinds {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		l := m.Kinds[k]
		fmt.Fprintf(bw, "%s\t%s\t%s\n", k, biasRow, formatWeight(l.Bias))
		fmt.Fprintf(bw, "%s\t%s\t%s\n", k, thresholdRow, formatWeight(l.Threshold))
		feats := make([]string, 0, len(l.Weights))
		for f := range l.Weights {
			feats = append(feats, f)
		}
		sort.Strings(feats)
		for _, f := range feats {
			fmt.Fprintf(bw, "%s\t%s\t%s\n", k, f, formatWeight(l.Weights[f]))
		}
	}
	return bw.Flush()
}

func formatWeight(w float64) string { return strconv.FormatFloat(w, 'g', 6, 64) }
