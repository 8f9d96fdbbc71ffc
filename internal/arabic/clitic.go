package arabic

import "strings"

// Candidate is one reading of a word once clitics and inflection are taken
// off: Form is what a lexicon is looked up with, Cost how far it strayed from
// the word as written: 0 as written (article aside), 1 with proclitics off,
// 2–3 with a plural, dual or case ending or a pronoun off, 4–5 with a
// one-letter pronoun off.
type Candidate struct {
	Form string
	Cost int
	// Verbal: the reading took off the future particle س, which only a
	// verb takes; a name or noun is never read through it ("سالزبيري" is
	// not س + "الزبيري").
	Verbal bool
	// Prep: the reading took off a preposition (ب, ل, ك, alone or after و
	// or ف): the word begins a phrase of its own, it does not go on a name
	// ("التل بمدينة طرابلس" is not "تل مدينة").
	Prep bool
}

// proclitics are the prefixes tried, longest first; each is a conjunction,
// preposition, future particle or the article, or a combination of them.
var proclitics = []string{
	"وبال", "فبال", "وكال", "فكال", "وللا", "ولل", "فلل",
	"وال", "فال", "بال", "كال", "لل",
	"وب", "فب", "ول", "فل", "وك", "فك", "وس", "فس",
	"و", "ف", "ب", "ل", "ك", "س",
}

// procliticPrep says, for each of proclitics, whether it takes off a
// preposition (ب, ل, ك, alone or after و or ف): Candidate.Prep.
var procliticPrep = func() []bool {
	out := make([]bool, len(proclitics))
	for i, p := range proclitics {
		q := strings.TrimLeft(p, "وف")
		out[i] = strings.HasPrefix(q, "ب") || strings.HasPrefix(q, "ل") || strings.HasPrefix(q, "ك")
	}
	return out
}()

var enclitics = []string{"هما", "كما", "هم", "هن", "ها", "كم", "نا", "ني", "ه", "ك", "ي"}

// runeLen counts runes; lexicon forms are short, so this stays cheap.
func runeLen(s string) int { return len([]rune(s)) }

// RuneCount is the number of letters of a normalised form.
func RuneCount(s string) int { return runeLen(s) }

// StripArticle drops a leading definite article ال when at least two letters
// remain. Lexicon keys and text forms are both compared without it.
func StripArticle(w string) string {
	if strings.HasPrefix(w, "ال") && runeLen(w) >= 4 {
		return w[len("ال"):]
	}
	return w
}

// Key is the form a lexicon entry's word is stored under: normalised, with
// the article stripped.
func Key(word string) string { return StripArticle(Normalize(word)) }

// Candidates returns the readings of a normalised word in order of cost:
// the word itself (article stripped), then with proclitics removed, then
// with enclitic pronouns or plural/dual endings removed. So "وبالغارات"
// yields "غارات" and "غاره", and "قصفها" yields "قصف".
func Candidates(norm string) []Candidate {
	return AppendCandidates(nil, norm)
}

// AppendCandidates appends the readings of norm to dst (each form once
// among those it appends).
func AppendCandidates(dst []Candidate, norm string) []Candidate {
	start := len(dst)
	add := func(form string, cost int, verbal, prep bool) {
		for _, c := range dst[start:] {
			if c.Form == form {
				return
			}
		}
		dst = append(dst, Candidate{form, cost, verbal, prep})
	}
	base := StripArticle(norm)
	add(base, 0, false, false)
	var basesBuf [1 + 8]Candidate // the word and a reading per proclitic that starts it
	bases := append(basesBuf[:0], Candidate{base, 0, false, false})
	for i, p := range proclitics {
		if !strings.HasPrefix(norm, p) {
			continue
		}
		rest := norm[len(p):]
		if runeLen(rest) < 2 {
			continue
		}
		cost := 1
		if strings.HasSuffix(p, "ال") || strings.HasSuffix(p, "لل") {
			cost = 1 // clitic plus article: as good as one clitic
		}
		rest = StripArticle(rest)
		verbal := strings.HasSuffix(p, "س")
		add(rest, cost, verbal, procliticPrep[i])
		bases = append(bases, Candidate{rest, cost, verbal, procliticPrep[i]})
	}
	var sufBuf [16]Candidate
	for _, b := range bases {
		for _, s := range appendSuffixReadings(sufBuf[:0], b.Form) {
			add(s.Form, b.Cost+s.Cost, b.Verbal, b.Prep)
		}
	}
	return dst
}

// appendSuffixReadings appends to out the readings of w with one
// inflectional ending or enclitic pronoun stripped.
func appendSuffixReadings(out []Candidate, w string) []Candidate {
	n := runeLen(w)
	endings := []struct {
		suf, repl string
		min       int
	}{
		{"تين", "ه", 5}, {"تان", "ه", 5}, {"ات", "ه", 4}, {"ين", "", 5}, {"ون", "", 5}, {"ان", "", 5},
		{"تا", "ه", 4}, // dual construct: غارتا
		{"ا", "", 4},   // accusative tanween written as alef: قتيلا، هجوما
	}
	for _, e := range endings {
		if n >= e.min && strings.HasSuffix(w, e.suf) {
			out = append(out, Candidate{Form: w[:len(w)-len(e.suf)] + e.repl, Cost: 2})
		}
	}
	for _, e := range enclitics {
		if strings.HasSuffix(w, e) && n-runeLen(e) >= 3 {
			stem := w[:len(w)-len(e)]
			// One-letter pronouns look like other endings: ه like teh marbuta
			// (غاره), ي like the nisba adjective (اجتماعي), ك like a root letter.
			// They are the least likely reading.
			cost := 2
			if runeLen(e) == 1 && !(e == "ه" && strings.HasSuffix(stem, "ات") && runeLen(stem) >= 4) {
				cost = 4 // but a plural in -ات before ه is plainly "his": ضرباته، غاراته، قواته
			}
			out = append(out, Candidate{Form: stem, Cost: cost})
			if strings.HasSuffix(stem, "ت") && runeLen(stem) >= 4 {
				// feminine noun before a pronoun: قواتها -> قوات, غارته -> غاره
				out = append(out, Candidate{Form: stem[:len(stem)-len("ت")] + "ه", Cost: cost + 1})
			}
		}
	}
	return out
}

// IndexTerms returns the terms a text is indexed and searched under: for
// each word its normalised, article-free form and its clitic-free stem, so
// that a query for "قصف" finds "وقصفت" and "القصف", and "ادلب" finds "إدلب".
func IndexTerms(text string) []string {
	var out []string
	for _, t := range Tokenize(text) {
		switch t.Kind {
		case Number:
			out = append(out, t.Norm)
		case Word:
			out = append(out, Stem(t.Norm))
		}
	}
	return out
}

// Stem is a light stemmer for search: it strips a conjunction, preposition
// and article, an enclitic pronoun, and verbal/plural endings, and keeps at
// least three letters.
func Stem(norm string) string {
	w := norm
	for _, p := range proclitics {
		if strings.HasPrefix(w, p) && runeLen(w)-runeLen(p) >= 3 {
			w = w[len(p):]
			break
		}
	}
	w = StripArticle(w)
	for _, s := range []string{"هما", "كما", "تين", "تان", "هم", "هن", "ها", "كم", "نا", "ات", "ون", "ين", "وا", "ه", "ت", "ي", "ا"} {
		if strings.HasSuffix(w, s) && runeLen(w)-runeLen(s) >= 3 {
			w = w[:len(w)-len(s)]
			break
		}
	}
	// present-tense prefixes of verbs: يقصف, تقصف, نقصف
	if runeLen(w) >= 5 {
		for _, p := range []string{"ي", "ت", "ن"} {
			if strings.HasPrefix(w, p) {
				w = w[len(p):]
				break
			}
		}
	}
	return w
}
