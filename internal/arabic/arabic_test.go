package arabic

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"alef with hamza above", "أحمد", "احمد"},
		{"alef with hamza below", "إدلب", "ادلب"},
		{"alef madda", "آذار", "اذار"},
		{"alef wasla", "ٱلله", "الله"},
		{"alef maqsura", "مستشفى", "مستشفي"},
		{"yeh with hamza", "رئيس", "رييس"},
		{"waw with hamza", "مؤتمر", "موتمر"},
		{"teh marbuta", "غارة", "غاره"},
		{"tashkeel", "قَصَفَتْ", "قصفت"},
		{"shadda and tanween", "هجوماً مكثّفاً", "هجوما مكثفا"},
		{"tatweel", "بـ11 غـارة", "ب11 غاره"},
		{"arabic-indic digits", "٢٠٢٠-٠٩-٢٠", "2020-09-20"},
		{"persian digits", "۱۲۳", "123"},
		{"arabic comma and semicolon", "أرنبة، عين لاروز؛", "ارنبه, عين لاروز;"},
		{"arabic question mark", "أين؟", "اين?"},
		{"guillemets", "«حميميم»", "\"حميميم\""},
		{"curly quotes", "“تاس”", "\"تاس\""},
		{"latin lowered", "M4 Road", "m4 road"},
		{"bidi marks dropped", "إدلب\u200f", "ادلب"},
		{"arabic decimal separator", "٢٫٦", "2.6"},
		{"invalid utf-8 becomes replacement", "a\xffb", "a\uFFFDb"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeOffsets(t *testing.T) {
	tests := []struct {
		name, text, find, wantOrig string
	}{
		{"tashkeel inside", "قال إنّ القَصفَ استهدف", "القصف", "القَصفَ"},
		{"hamza", "في إدلب اليوم", "ادلب", "إدلب"},
		{"digits", "بـ١١ غارة", "11", "١١"},
		{"tatweel", "غـارات روسية", "غارات", "غـارات"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := NormalizeOffsets(tt.text)
			i := strings.Index(n.Text, tt.find)
			if i < 0 {
				t.Fatalf("NormalizeOffsets(%q).Text = %q; lacks %q", tt.text, n.Text, tt.find)
			}
			s, e := n.Orig(i), n.Orig(i+len(tt.find))
			got := strings.TrimRight(tt.text[s:e], " ")
			if !strings.HasPrefix(got, tt.wantOrig) || len(got) > len(tt.wantOrig)+len("َ") {
				t.Errorf("original of %q = %q; want %q", tt.find, got, tt.wantOrig)
			}
		})
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // original text of each token
		kind []Kind
	}{
		{"words and comma", "قصفت الطائرات، إدلب", []string{"قصفت", "الطائرات", "،", "إدلب"}, []Kind{Word, Word, Punct, Word}},
		{"clitic and number with tatweel", "بـ11 غارة", []string{"بـ", "11", "غارة"}, []Kind{Word, Number, Word}},
		{"decimal number", "بقوة 2.6 درجة", []string{"بقوة", "2.6", "درجة"}, []Kind{Word, Number, Word}},
		{"arabic-indic number", "٢٥ غارة", []string{"٢٥", "غارة"}, []Kind{Number, Word}},
		{"quotes", "قرية “غرب سعيد”", []string{"قرية", "“", "غرب", "سعيد", "”"}, []Kind{Word, Punct, Word, Word, Punct}},
		{"diacritics stay in word", "قَصَفَ", []string{"قَصَفَ"}, []Kind{Word}},
		{"latin road code", "(M4)", []string{"(", "M4", ")"}, []Kind{Punct, Word, Punct}},
		{"invalid byte", "a\xffb", []string{"a", "\xff", "b"}, []Kind{Word, Punct, Word}},
		{"only space", " \n\t", nil, nil},
		{"hashtag words", "بمحافظة #البيضاء و#ميليشيا_الحوثي", []string{"بمحافظة", "البيضاء", "و", "ميليشيا", "الحوثي"}, []Kind{Word, Word, Word, Word, Word}},
		{"hash and underscore not in a hashtag", "# _x 5_ a_", []string{"#", "_", "x", "5", "_", "a", "_"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.in)
			var got []string
			var kinds []Kind
			for _, tk := range toks {
				got = append(got, tt.in[tk.Start:tk.End])
				kinds = append(kinds, tk.Kind)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Tokenize(%q) = %q; want %q", tt.in, got, tt.want)
			}
			for i := range kinds {
				if i < len(tt.kind) && kinds[i] != tt.kind[i] {
					t.Errorf("token %d %q kind %d; want %d", i, got[i], kinds[i], tt.kind[i])
				}
			}
		})
	}
}

func TestCandidates(t *testing.T) {
	tests := []struct{ name, word, want string }{
		{"conjunction, preposition, article and plural", "وبالغارات", "غاره"},
		{"article only", "الغارات", "غاره"},
		{"preposition lam with article", "للمرصد", "مرصد"},
		{"lam before a lam-initial name", "للاذقية", "لاذقيه"},
		{"enclitic pronoun", "قصفها", "قصف"},
		{"feminine plural with pronoun", "قواتها", "قوات"},
		{"dual feminine", "غارتين", "غاره"},
		{"accusative alef", "قتيلا", "قتيل"},
		{"fa and verb", "فقصفت", "قصفت"},
		{"word itself", "إدلب", "ادلب"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var forms []string
			for _, c := range Candidates(Normalize(tt.word)) {
				forms = append(forms, c.Form)
			}
			found := false
			for _, f := range forms {
				if f == tt.want {
					found = true
				}
			}
			if !found {
				t.Errorf("Candidates(%q) = %q; want it to include %q", tt.word, forms, tt.want)
			}
		})
	}
}

// "ه" after a plural in -ات is the pronoun "his" (ضرباته، غاراته) and costs
// what "ها" does; after anything else it may be a teh marbuta (غاره) and
// stays the costliest reading.
func TestCandidatePronounHeCost(t *testing.T) {
	tests := []struct {
		word, form string
		cost       int
	}{
		{"ضرباته", "ضربات", 2},
		{"وغاراته", "غارات", 3}, // و costs one more
		{"قصفه", "قصف", 4},
		{"قصفها", "قصف", 2},
	}
	for _, tt := range tests {
		got := -1
		for _, c := range Candidates(Normalize(tt.word)) {
			if c.Form == tt.form && (got < 0 || c.Cost < got) {
				got = c.Cost
			}
		}
		if got != tt.cost {
			t.Errorf("Candidates(%q): %q costs %d; want %d", tt.word, tt.form, got, tt.cost)
		}
	}
}

func TestCandidatesOrderByCost(t *testing.T) {
	cs := Candidates(Normalize("وبالغارات"))
	for i := 1; i < len(cs); i++ {
		if cs[i].Cost < cs[0].Cost {
			t.Errorf("candidate %d %q costs %d, less than the word itself", i, cs[i].Form, cs[i].Cost)
		}
	}
	if cs[0].Form != "وبالغارات" {
		t.Errorf("first candidate = %q; want the word as written", cs[0].Form)
	}
}

func TestStemAndIndexTerms(t *testing.T) {
	tests := []struct{ name, a, b string }{
		{"verb with conjunction and feminine t", "وقصفت", "قصف"},
		{"noun with article", "القصف", "قصف"},
		{"hamza in place name", "ادلب", "إدلب"},
		{"preposition on place name", "بإدلب", "إدلب"},
		{"plural with article", "والغارات", "غارات"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := IndexTerms(tt.a), IndexTerms(tt.b)
			if len(a) != 1 || len(b) != 1 || a[0] != b[0] {
				t.Errorf("IndexTerms(%q) = %q, IndexTerms(%q) = %q; want the same term", tt.a, a, tt.b, b)
			}
		})
	}
	if got := IndexTerms("قصف مدفعي"); len(got) != 2 {
		t.Errorf("IndexTerms(two words) = %q; want two terms", got)
	}
}

func TestMatcher(t *testing.T) {
	m := NewMatcher[string]()
	m.Add("غارة", "air")
	m.Add("قوات النظام", "SYR.GOV")
	m.Add("النائب الأول لوزير الدفاع الروسي", "RUS.MIL")
	m.Add("وزير الدفاع", "MIL")
	tests := []struct {
		name, text string
		want       []string // matched original text
	}{
		{"clitics and plural", "ونفذت الطائرات وبالغارات على القرية", []string{"وبالغارات"}},
		{"two-word phrase with preposition", "استهدفت لقوات النظام مواقع", []string{"لقوات النظام"}},
		{"longest match wins", "وقال النائب الأول لوزير الدفاع الروسي إن", []string{"النائب الأول لوزير الدفاع الروسي"}},
		{"shorter phrase", "قال وزير الدفاع", []string{"وزير الدفاع"}},
		{"nothing", "لا شيء هنا", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDoc(tt.text)
			var got []string
			for _, mt := range m.Find(d, 0, len(d.Tokens)) {
				got = append(got, tt.text[d.Tokens[mt.From].Start:d.Tokens[mt.To-1].End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Find(%q) = %q; want %q", tt.text, got, tt.want)
			}
		})
	}
}

func checkTokens(t *testing.T, s string, toks []Token) {
	last := 0
	for _, tk := range toks {
		if tk.Start < last || tk.End <= tk.Start || tk.End > len(s) {
			t.Fatalf("token %+v out of order or range in %q", tk, s)
		}
		if tk.Kind != Punct && (!utf8.ValidString(s[tk.Start:tk.End])) {
			t.Fatalf("word token %+v is not valid UTF-8 in %q", tk, s)
		}
		last = tk.End
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"أحمد", "بـ١١ غارة", "«حميميم»", "a\xffb", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q; not valid UTF-8", s, n)
		}
		if Normalize(n) != n {
			t.Fatalf("Normalize is not idempotent on %q", s)
		}
		no := NormalizeOffsets(s)
		if no.Text != n {
			t.Fatalf("NormalizeOffsets(%q).Text = %q; Normalize = %q", s, no.Text, n)
		}
		prev := 0
		for i := 0; i <= len(no.Text); i++ {
			o := no.Orig(i)
			if o < prev || o > len(s) {
				t.Fatalf("Orig(%d) = %d; not monotone within [0,%d]", i, o, len(s))
			}
			prev = o
		}
	})
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"قصفت الطائرات، إدلب", "بـ11 غارة", "2,500.5", "\xff\xfe", "ـــ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkTokens(t, s, Tokenize(s))
	})
}

func FuzzCandidates(f *testing.F) {
	for _, s := range []string{"وبالغارات", "للاذقية", "قواتها", "ه", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		for _, c := range Candidates(n) {
			if !utf8.ValidString(c.Form) || c.Cost < 0 {
				t.Fatalf("Candidates(%q) gave %+v", n, c)
			}
		}
		_ = IndexTerms(s)
		_ = Stem(n)
	})
}

func BenchmarkTokenize(b *testing.B) {
	text := strings.Repeat("قصفت طائرات حربية روسية محيط مدينة إدلب بعدة غارات جوية، في تصعيدٍ جديد يأتي بعد أيام من الاجتماعات. ", 30)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		_ = NewDoc(text)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
		para []int
	}{
		{"full stops", "قصفت الطائرات البلدة. وقتل مدنيان.", []string{"قصفت الطائرات البلدة.", "وقتل مدنيان."}, []int{0, 0}},
		{"arabic question mark", "هل انتهت الحرب؟ لا.", []string{"هل انتهت الحرب؟", "لا."}, []int{0, 0}},
		{"line breaks are paragraphs", "عنوان الخبر\nنص الخبر الأول\n\nنص ثان", []string{"عنوان الخبر", "نص الخبر الأول", "نص ثان"}, []int{0, 1, 2}},
		{"dot inside a name or number", "قال موقع السورية.نت إن الزلزال بلغ 2.6 درجة.", []string{"قال موقع السورية.نت إن الزلزال بلغ 2.6 درجة."}, []int{0}},
		{"no final stop", "قصف على إدلب", []string{"قصف على إدلب"}, []int{0}},
		{"empty", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ss := Sentences(tt.text, Tokenize(tt.text))
			var got []string
			var para []int
			for _, s := range ss {
				got = append(got, tt.text[s.Start:s.End])
				para = append(para, s.Para)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Sentences(%q) = %q; want %q", tt.text, got, tt.want)
			}
			for i := range para {
				if i < len(tt.para) && para[i] != tt.para[i] {
					t.Errorf("sentence %d paragraph %d; want %d", i, para[i], tt.para[i])
				}
			}
		})
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"أ. ب؟ ج!\nد", "2.6.", "\n\n\n", "…"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		last := 0
		for _, sn := range Sentences(s, toks) {
			if sn.From != last || sn.To <= sn.From || sn.To > len(toks) || sn.Start != toks[sn.From].Start || sn.End != toks[sn.To-1].End {
				t.Fatalf("bad sentence %+v over %d tokens", sn, len(toks))
			}
			last = sn.To
		}
		if last != len(toks) {
			t.Fatalf("sentences cover %d of %d tokens", last, len(toks))
		}
	})
}

// A name is never read through the future particle س, which only verbs
// take; a verb lexicon still is.
func TestNamesTakeNoFutureParticle(t *testing.T) {
	names := NewMatcher[string]().Names()
	names.Add("الزبيري", "place")
	verbs := NewMatcher[string]().MaxCost(3)
	verbs.Add("يقصف", "verb")
	d := NewDoc("زار سالزبيري وقال إن الطيران سيقصف المدينة")
	if ms := names.FindAll(d, 0, len(d.Tokens)); len(ms) != 0 {
		t.Errorf("names matched %+v in %q; want none (س is no clitic of a name)", ms, d.Text)
	}
	if ms := verbs.FindAll(d, 0, len(d.Tokens)); len(ms) != 1 {
		t.Errorf("verbs matched %d times; want سيقصف once", len(ms))
	}
}

// A clitic may leave a two-letter first word of a longer name ("وأم
// المياذن", "وتل رفعت"), never a two-letter name on its own ("وام" is not
// و + the place "ام").
func TestNamesShortFirstWordAfterClitic(t *testing.T) {
	names := NewMatcher[string]().Names()
	names.Add("أم المياذن", "village")
	names.Add("تل رفعت", "town")
	names.Add("ام", "short")
	for _, tt := range []struct {
		text string
		want int // matched tokens
	}{
		{"قصفت الطائرات النعيمة وأم المياذن", 2},
		{"وتل رفعت", 2},
		{"وام", 0},
		{"أم", 1},
	} {
		d := NewDoc(tt.text)
		got := 0
		for _, m := range names.FindAll(d, 0, len(d.Tokens)) {
			got += m.To - m.From
		}
		if got != tt.want {
			t.Errorf("%q: names matched %d tokens; want %d", tt.text, got, tt.want)
		}
	}
}

func TestToponymsTakeNoPrepositionInside(t *testing.T) {
	m := NewMatcher[string]().Toponyms()
	m.Add("تل مدينة", "village")
	n := NewMatcher[string]().Names()
	n.Add("تحالف دعم الشرعية", "coalition")
	d := NewDoc("اشتباكات في حي التل بمدينة طرابلس وقال التحالف لدعم الشرعية")
	if got := m.Find(d, 0, len(d.Tokens)); len(got) != 0 {
		t.Errorf("Toponyms found %v in %q; want nothing", got, "التل بمدينة")
	}
	if got := n.Find(d, 0, len(d.Tokens)); len(got) != 1 {
		t.Errorf("Names found %v; want the coalition through لدعم", got)
	}
}

// A document numbers its words' readings by the phrases known when it is
// read; phrases added to any matcher after that are found in it all the
// same, and a reading of no phrase matches nothing.
func TestMatcherPhrasesAddedAfterDoc(t *testing.T) {
	d := NewDoc("قصفت الطائرات بلدة زردنا الشمالية")
	a := NewMatcher[string]()
	a.Add("بلدة", "town")
	if got := a.Find(d, 0, len(d.Tokens)); len(got) != 1 || got[0].Values[0] != "town" {
		t.Fatalf("before: %+v", got)
	}
	b := NewMatcher[string]().Names()
	if b.Add("زردنا الشمالية", "village"); !b.Starts("زردنا") || b.Starts("قصف") {
		t.Errorf("Starts: the new phrase's first word, and no other")
	}
	got := b.Find(d, 0, len(d.Tokens))
	if len(got) != 1 || got[0].From != 3 || got[0].To != 5 {
		t.Errorf("a phrase added after the document was read: %+v", got)
	}
	if got := a.Find(d, 0, len(d.Tokens)); len(got) != 1 || got[0].From != 2 {
		t.Errorf("the first matcher after the second grew: %+v", got)
	}
}

// AppendCandidates appends a word's readings whatever dst already holds
// (NewDoc appends every word's to one slice): the same readings as
// Candidates, deduplicated among themselves only; and a Doc's candidates
// are each token's own.
func TestAppendCandidatesToOneSlice(t *testing.T) {
	words := []string{"وبالغارات", "للاذقية", "قواتها", "الغارات", "غارات", "ه"}
	var all []Candidate
	for _, w := range words {
		start := len(all)
		all = AppendCandidates(all, w)
		if got, want := all[start:], Candidates(w); !slices.Equal(got, want) {
			t.Errorf("AppendCandidates after %d readings of other words, %q: %+v; want %+v", start, w, got, want)
		}
	}
	text := "قصفت الطائرات وبالغارات 12 قواتها، في اللاذقية"
	d := NewDoc(text)
	for i, tok := range d.Tokens {
		var want []Candidate
		switch tok.Kind {
		case Word:
			want = Candidates(tok.Norm)
		case Number:
			want = []Candidate{{Form: tok.Norm}}
		}
		if !slices.Equal(d.Cands[i], want) {
			t.Errorf("NewDoc(%q): candidates of %q = %+v; want %+v", text, tok.Norm, d.Cands[i], want)
		}
	}
}
