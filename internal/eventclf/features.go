package eventclf

import (
	"bufio"
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"github.com/raqib/raqib/internal/arabic"
)

//go:embed words.tsv
var wordsTSV string

// wordClasses maps a word's lookup form (arabic.Key) to its classes.
var wordClasses = mustWordClasses(wordsTSV)

func mustWordClasses(tsv string) map[string][]string {
	m, err := parseWordClasses(tsv)
	if err != nil {
		panic(err) // the file is embedded: a bad row is a build-time mistake the tests catch
	}
	return m
}

// parseWordClasses reads words.tsv: a header "class word note", comment
// lines starting with "#", then one word per row.
func parseWordClasses(tsv string) (map[string][]string, error) {
	m := map[string][]string{}
	sc := bufio.NewScanner(strings.NewReader(tsv))
	line, header := 0, false
	for sc.Scan() {
		line++
		s := sc.Text()
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		cols := strings.Split(s, "\t")
		if !header {
			if len(cols) < 2 || cols[0] != "class" || cols[1] != "word" {
				return nil, fmt.Errorf("words.tsv line %d: header must start with class, word", line)
			}
			header = true
			continue
		}
		if len(cols) < 2 || cols[0] == "" || cols[1] == "" {
			return nil, fmt.Errorf("words.tsv line %d: want class and word", line)
		}
		k := arabic.Key(cols[1])
		m[k] = append(m[k], cols[0])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("words.tsv: %w", err)
	}
	if !header {
		return nil, fmt.Errorf("words.tsv: no header")
	}
	return m, nil
}

// maxTokens bounds the work per sentence: a "sentence" of a whole article
// (no full stops) is read up to here.
const maxTokens = 400

// Features returns the sorted, de-duplicated feature names of one sentence.
// Every feature is a property of the text alone, chosen to carry over to
// sentences the model never saw:
//
//	w:STEM         a word's light stem (arabic.Stem: clitics, article, endings off)
//	b:STEM_STEM    two adjacent stems; numbers read as "#", punctuation breaks the chain
//	d:STEM         a stem written with the definite article (a verbal noun "الهجوم"
//	               names a topic more often than it reports an occurrence)
//	c:CLASS        a word of a class in words.tsv (month, casualty, speech, …)
//	s:SHAPE        word shapes: a number, a year, a future verb (سي…/ست…),
//	               a quote, the sentence's length band; an event word right
//	               after an anchor ("بعد اغتيال"), a few words after a
//	               reaction ("ندد بالهجوم"), or neither
//	f:STEM         the first word's stem ("وقال", "يذكر", "ومن")
func Features(text string) []string {
	toks := arabic.Tokenize(text)
	if len(toks) > maxTokens {
		toks = toks[:maxTokens]
	}
	set := map[string]bool{}
	add := func(f string) { set[f] = true }
	prev := ""
	words := 0
	anchor, reaction := -100, -100 // word index of the last anchor and reaction word
	for _, t := range toks {
		switch t.Kind {
		case arabic.Punct:
			prev = ""
			if t.Norm == "\"" {
				add("s:quote")
			}
			continue
		case arabic.Number:
			add("s:num")
			if len(t.Norm) == 4 && (strings.HasPrefix(t.Norm, "19") || strings.HasPrefix(t.Norm, "20")) {
				add("s:year")
			}
			if prev != "" {
				add("b:" + prev + "_#")
			}
			prev = "#"
			words++
			continue
		}
		stem := arabic.Stem(t.Norm)
		if words == 0 {
			add("f:" + stem)
		}
		words++
		add("w:" + stem)
		if prev != "" {
			add("b:" + prev + "_" + stem)
		}
		prev = stem
		if definite(t.Norm) {
			add("d:" + stem)
		}
		if future(t.Norm) {
			add("s:future")
		}
		for _, c := range classesOf(t.Norm) {
			add("c:" + c)
			switch c {
			case "anchor":
				anchor = words
			case "reaction":
				reaction = words
			case "event":
				// "بعد اغتيال", "منذ الهجوم على": an occurrence used as a time anchor;
				// "ندد بالهجوم", "محاكمة المتهمين بتفجير": one reacted to or tried.
				if words-anchor <= 2 {
					add("s:event-anchored")
				} else if words-reaction <= 6 {
					add("s:event-reacted")
				} else {
					add("s:event-free")
				}
			}
		}
	}
	switch {
	case words < 12:
		add("s:short")
	case words < 30:
		add("s:medium")
	default:
		add("s:long")
	}
	out := make([]string, 0, len(set))
	for f := range set {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// definite reports whether a normalised word carries the article, alone or
// after a conjunction or preposition (الهجوم، والهجوم، بالهجوم، للهجوم).
func definite(norm string) bool {
	for _, p := range []string{"ال", "وال", "فال", "بال", "كال", "لل", "وبال", "ولل"} {
		if strings.HasPrefix(norm, p) && arabic.RuneCount(norm)-arabic.RuneCount(p) >= 3 {
			return true
		}
	}
	return false
}

// future reports a future-tense verb: the particle سـ on an imperfect verb
// (سيقوم، ستشن، وسيتم). Nouns starting with سي/ست (سيارة، ستة) are common,
// so only words of five letters or more after an optional و count, and
// the سيار… and ستين… nouns never do.
func future(norm string) bool {
	w := strings.TrimPrefix(norm, "و")
	if !(strings.HasPrefix(w, "سي") || strings.HasPrefix(w, "ست") || strings.HasPrefix(w, "سن")) {
		return false
	}
	return arabic.RuneCount(w) >= 5 && !strings.HasPrefix(w, "سيار") && !strings.HasPrefix(w, "ستين")
}

// classesOf returns the words.tsv classes of a word, read as written or with
// its clitics off.
func classesOf(norm string) []string {
	var out []string
	seen := map[string]bool{}
	look := func(form string) {
		for _, cl := range wordClasses[form] {
			if !seen[cl] {
				seen[cl] = true
				out = append(out, cl)
			}
		}
	}
	for _, c := range arabic.Candidates(norm) {
		if c.Cost <= 2 {
			look(c.Form)
		}
	}
	look(arabic.Stem(norm))
	return out
}
