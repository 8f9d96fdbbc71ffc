package eventclf

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatalf("Load() error: %v", err)
	}
	for _, kind := range Kinds {
		l := m.Kinds[kind]
		if l == nil {
			t.Fatalf("Load(): no %s model", kind)
		}
		if len(l.Weights) < 100 {
			t.Errorf("Load(): %s has %d weights; want a trained model", kind, len(l.Weights))
		}
		if th := m.Threshold(kind); th <= 0 || th >= 1 {
			t.Errorf("Threshold(%q) = %v; want in (0,1)", kind, th)
		}
	}
	if th := m.Threshold("earthquake"); th != 1 {
		t.Errorf("Threshold(unknown) = %v; want 1", th)
	}
	var licence bool
	for _, n := range m.Notes {
		licence = licence || strings.Contains(n, "MIT")
	}
	if !licence {
		t.Errorf("weights.tsv notes %q name no licence", m.Notes)
	}
}

func TestScore(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, kind, text string
		event            bool // whether the sentence reports an event of kind
	}{
		{"car bomb with toll", "assault", "قتل خمسة أشخاص على الأقل وأصيب عشرون آخرون أمس في انفجار سيارة مفخخة قرب سوق شعبي في مدينة الموصل.", true},
		{"gunmen shot", "assault", "أطلق مسلحون مجهولون النار على دورية للشرطة شمال بغداد أمس مما أدى إلى مقتل شرطيين.", true},
		{"meeting next week", "assault", "قال الرئيس إن الحكومة ستعقد اجتماعا الأسبوع المقبل لمناقشة الميزانية.", false},
		{"metaphor", "assault", "ويرى الكاتب أن الحكومة تشن هجوما على الحريات العامة في البلاد.", false},
		{"march yesterday", "protest", "تظاهر آلاف الطلاب أمس أمام مبنى البرلمان احتجاجا على رفع الرسوم الجامعية وهتفوا ضد الحكومة.", true},
		{"economy report", "protest", "ارتفعت أسعار النفط في الأسواق العالمية بسبب المخاوف من نقص الإمدادات.", false},
		{"empty", "assault", "", false},
		{"unknown kind", "earthquake", "قتل خمسة أشخاص في انفجار.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := m.Score(tt.kind, tt.text)
			if s < 0 || s > 1 || math.IsNaN(s) {
				t.Fatalf("Score(%q, %q) = %v; want in [0,1]", tt.kind, tt.text, s)
			}
			if got := s >= m.Threshold(tt.kind); got != tt.event {
				t.Errorf("Score(%q, %q) = %.3f, threshold %.3f: event %v; want %v", tt.kind, tt.text, s, m.Threshold(tt.kind), got, tt.event)
			}
		})
	}
}

func TestFeatures(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
		not        []string
	}{
		{"time anchor", "بعد اغتيال الحريري", []string{"w:اغتيال", "b:بعد_اغتيال", "c:anchor", "f:بعد", "s:short", "d:حرير"}, []string{"d:اغتيال"}},
		{"number bigram", "قتل 5 اشخاص", []string{"s:num", "b:قتل_#", "b:#_اشخاص"}, []string{"s:year"}},
		{"year and month", "في مارس 2007", []string{"s:year", "c:month"}, nil},
		{"punctuation breaks bigrams", "قصف، غارة", []string{"w:قصف", "w:غار"}, []string{"b:قصف_غار"}},
		{"clitics and article off", "وبالغارات", []string{"w:غار", "d:غار"}, nil},
		{"casualty class", "سقط قتيلان", []string{"c:casualty"}, nil},
		{"future verb", "وسيقوم الجيش", []string{"s:future"}, nil},
		{"car is not future", "سيارة", nil, []string{"s:future"}},
		{"quote", "قال «نرفض»", []string{"s:quote", "c:speech"}, nil},
		{"event as a time anchor", "وبعد اغتيال الرئيس عقدت الحكومة جلسة", []string{"c:event", "s:event-anchored"}, []string{"s:event-free"}},
		{"event reacted to", "وندد الرئيس بشدة بالهجوم على السفارة", []string{"c:reaction", "s:event-reacted"}, []string{"s:event-free"}},
		{"event reported", "قتل خمسة أشخاص في هجوم على السفارة", []string{"s:event-free"}, []string{"s:event-anchored", "s:event-reacted"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Features(tt.text)
			if !slices.IsSorted(got) {
				t.Errorf("Features(%q) = %q; want sorted", tt.text, got)
			}
			for _, f := range tt.want {
				if !slices.Contains(got, f) {
					t.Errorf("Features(%q) = %q; want %q among them", tt.text, got, f)
				}
			}
			for _, f := range tt.not {
				if slices.Contains(got, f) {
					t.Errorf("Features(%q) = %q; want no %q", tt.text, got, f)
				}
			}
		})
	}
}

func TestFeaturesBounded(t *testing.T) {
	long := strings.Repeat("قصف الطيران مدينة حلب أمس ", 10000)
	if n := len(Features(long)); n > 4*maxTokens {
		t.Errorf("Features(50,000 words) has %d features; want at most %d", n, 4*maxTokens)
	}
}

func TestWordsTSV(t *testing.T) {
	m, err := parseWordClasses(wordsTSV)
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, line := range strings.Split(wordsTSV, "\n")[1:] {
		if line != "" && !strings.HasPrefix(line, "#") {
			rows++
		}
	}
	got := 0
	for _, cls := range m {
		got += len(cls)
	}
	if got != rows {
		t.Errorf("words.tsv: %d rows loaded; want all %d", got, rows)
	}
	bad := []struct{ name, tsv string }{
		{"no header", "month\tيناير\n"},
		{"missing word", "class\tword\nmonth\t\n"},
		{"empty", ""},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := parseWordClasses(tt.tsv); err == nil {
				t.Errorf("parseWordClasses(%q): no error", tt.tsv)
			}
		})
	}
}

func TestRead(t *testing.T) {
	good := "# note\nkind\tfeature\tweight\nassault\t_bias\t-2\nassault\t_threshold\t0.3\nassault\tw:قصف\t4\n"
	m, err := Read(strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Score("assault", "قصف"); math.Abs(got-sigmoid(2)) > 1e-12 {
		t.Errorf("Score = %v; want σ(2) = %v", got, sigmoid(2))
	}
	if m.Threshold("assault") != 0.3 || len(m.Notes) != 1 {
		t.Errorf("Read: threshold %v, notes %q; want 0.3 and one note", m.Threshold("assault"), m.Notes)
	}
	var b strings.Builder
	if err := m.Write(&b); err != nil {
		t.Fatal(err)
	}
	if b.String() != good {
		t.Errorf("Write after Read = %q; want %q", b.String(), good)
	}
	bad := []struct{ name, tsv string }{
		{"no header", "assault\tw:x\t1\n"},
		{"wrong header", "kind\tword\tweight\n"},
		{"bad weight", "kind\tfeature\tweight\nassault\tw:x\tmany\n"},
		{"NaN weight", "kind\tfeature\tweight\nassault\tw:x\tNaN\n"},
		{"two columns", "kind\tfeature\tweight\nassault\t1\n"},
		{"empty", ""},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Read(strings.NewReader(tt.tsv)); err == nil {
				t.Errorf("Read(%q): no error", tt.tsv)
			}
		})
	}
}

// synthetic makes n sentences: events carry one of the event words, the
// others one of the talk words, and all share filler words.
func synthetic(n int, offset int) []Example {
	events := []string{"قصفت الطائرات", "انفجرت سيارة", "قتل مسلحون"}
	talks := []string{"قال الوزير", "عقد اجتماع", "دعا البيان"}
	fillers := []string{"المدينة", "أمس", "في", "الحكومة", "الشمال", "اليوم"}
	var out []Example
	for i := 0; i < n; i++ {
		k := i + offset
		head := talks[k%len(talks)]
		label := k%3 == 0
		if label {
			head = events[k%len(events)]
		}
		text := fmt.Sprintf("%s %s %s", head, fillers[k%len(fillers)], fillers[(k/2)%len(fillers)])
		out = append(out, Example{Features: Features(text), Label: label})
	}
	return out
}

func TestTrainSeparates(t *testing.T) {
	ctx := context.Background()
	train := synthetic(90, 0)
	l, err := Train(ctx, train, Options{L2: 0.01, MinCount: 2})
	if err != nil {
		t.Fatal(err)
	}
	test := synthetic(30, 1000)
	for i, e := range append(train, test...) {
		p := l.Prob(e.Features)
		if (p >= 0.5) != e.Label {
			t.Errorf("example %d %q: P = %.3f; want label %v", i, e.Features, p, e.Label)
		}
	}
	scores, err := OutOfFold(ctx, train, func(ctx context.Context, exs []Example) (*Linear, error) {
		return Train(ctx, exs, Options{L2: 0.01, MinCount: 2})
	}, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	labels := make([]bool, len(train))
	for i, e := range train {
		labels[i] = e.Label
	}
	if _, m := BestThreshold(scores, labels, func(i int, t float64) bool { return scores[i] >= t }); m.F1 != 1 {
		t.Errorf("out-of-fold F1 on separable data = %.3f (%+v); want 1", m.F1, m)
	}
}

func TestTrainCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Train(ctx, synthetic(30, 0), Options{L2: 0.01, MinCount: 1}); err == nil {
		t.Error("Train(cancelled context): no error")
	}
}

func TestTrainJoint(t *testing.T) {
	ctx := context.Background()
	own := synthetic(60, 0)
	others := map[string][]Example{"protest": synthetic(60, 500)}
	l, err := TrainJoint(ctx, "assault", own, others, 0.5, Options{L2: 0.01, MinCount: 2})
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range synthetic(30, 2000) {
		if p := l.Prob(e.Features); (p >= 0.5) != e.Label {
			t.Errorf("example %d: P = %.3f; want label %v", i, p, e.Label)
		}
	}
	for f := range l.Weights {
		if strings.Contains(f, "|") || strings.HasPrefix(f, "K:") {
			t.Errorf("TrainJoint kept joint-only feature %q", f)
		}
	}
}

func TestFolds(t *testing.T) {
	labels := make([]bool, 103)
	for i := range labels {
		labels[i] = i%10 == 0 // 11 positives
	}
	fold := Folds(labels, 5, 7)
	pos, all := make([]int, 5), make([]int, 5)
	for i, f := range fold {
		all[f]++
		if labels[i] {
			pos[f]++
		}
	}
	for f := 0; f < 5; f++ {
		if pos[f] < 2 || pos[f] > 3 || all[f] < 20 || all[f] > 21 {
			t.Errorf("fold %d: %d positives of %d; want 2–3 of 20–21", f, pos[f], all[f])
		}
	}
	if again := Folds(labels, 5, 7); !slices.Equal(again, fold) {
		t.Error("Folds with the same seed differ")
	}
}

func TestMeasure(t *testing.T) {
	got := Measure([]bool{true, true, false, false}, []bool{true, false, true, false})
	if got.TP != 1 || got.FP != 1 || got.FN != 1 || got.P != 0.5 || got.R != 0.5 || got.F1 != 0.5 {
		t.Errorf("Measure = %+v; want tp fp fn 1 1 1 and P R F1 0.5", got)
	}
}

func FuzzScore(f *testing.F) {
	f.Add("قتل خمسة أشخاص في انفجار سيارة مفخخة")
	f.Add("«»،؛؟ ١٢٣ 2007")
	f.Add("\xff\xfe")
	m, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, kind := range Kinds {
			if s := m.Score(kind, text); s < 0 || s > 1 || math.IsNaN(s) {
				t.Errorf("Score(%q, %q) = %v; want in [0,1]", kind, text, s)
			}
		}
	})
}

// BenchmarkScore scores one typical news sentence (go test -bench Score).
func BenchmarkScore(b *testing.B) {
	m, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	text := "وقالت الشرطة إن خمسة أشخاص قتلوا وأصيب عشرون آخرون أمس في انفجار سيارة مفخخة قرب سوق شعبي وسط مدينة الموصل شمال العراق."
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		m.Score("assault", text)
	}
}

func TestTrainNaiveBayes(t *testing.T) {
	l := TrainNaiveBayes(synthetic(90, 0), 2, 1)
	for i, e := range synthetic(30, 1000) {
		if p := l.Prob(e.Features); (p >= 0.5) != e.Label {
			t.Errorf("example %d: P = %.3f; want label %v", i, p, e.Label)
		}
	}
}

func TestKeep(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	report := "قتل خمسة أشخاص وأصيب عشرون آخرون أمس في انفجار سيارة مفخخة قرب سوق في مدينة الموصل."
	anchor := "وقال الرئيس في كلمة ألقاها بعد اغتيال الحريري إن الحكومة ستعقد اجتماعا الأسبوع المقبل."
	tests := []struct {
		name, eventType, sentence string
		want                      bool
	}{
		{"gated type, reported", "suicide_bomb", report, true},
		{"gated type, time anchor", "attack", anchor, false},
		{"ungated type kept whatever the score", "air_drone_strike", anchor, true},
		{"not an assault or protest type", "consult", anchor, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := m.Keep(tt.eventType, tt.sentence); got != tt.want {
				t.Errorf("Keep(%q, %q) = %v (score %.3f); want %v", tt.eventType, tt.sentence, got, m.Score("assault", tt.sentence), tt.want)
			}
		})
	}
	for _, g := range GatedTypes {
		if len(KindsOf(g)) == 0 {
			t.Errorf("gated type %q belongs to no kind", g)
		}
	}
}
