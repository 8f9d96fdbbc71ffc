package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxBylineRunes bounds a byline line; anything longer is a sentence.
const maxBylineRunes = 80

// maxBylineWords bounds each side of a byline: a name or an outlet.
const maxBylineWords = 5

// authorPrefixes open a line that names the author.
var authorPrefixes = []string{"بقلم", "كتب", "كتبت", "كتبه", "إعداد", "اعداد", "تحرير", "الكاتب", "الكاتبة", "بواسطة"}

// outletPrefixes open a line that names the outlet.
var outletPrefixes = []string{"المصدر", "مصدر الخبر", "نقلا عن", "نقلاً عن"}

// outletWords open a name that is an outlet, whatever follows.
var outletWords = []string{"صحيفة", "جريدة", "موقع", "وكالة", "قناة", "مجلة", "شبكة", "راديو", "إذاعة", "اذاعة", "تلفزيون", "مركز", "المرصد"}

// fillers stand where a dateline or credit would and name nobody:
// "دمشق - خاص".
var fillers = map[string]bool{nameKey("خاص"): true, nameKey("متابعات"): true, nameKey("خاص بـ"): true}

// Byline reports whether line is a closing byline and what it names:
// "رائد جبر – الشرق الأوسط" (author – outlet), "بيروت - محمد علي"
// (dateline – author), "المصدر: عنب بلدي", "(رويترز)", "بقلم: محمد علي",
// "مدونة هادي العبد الله" (a blog: outlet and author). Author and outlet
// are returned as written. A bare name is not taken: without a marker it
// cannot be told from the last words of a sentence.
func Byline(line string) (author, outlet string, ok bool) {
	s := strings.TrimSpace(line)
	s = strings.Trim(s, "\u200f\u200e\ufeff*•")
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > maxBylineRunes {
		return "", "", false
	}
	if last, _ := utf8.DecodeLastRuneInString(s); strings.ContainsRune(".!?؟،,:;؛", last) {
		return "", "", false
	}
	// "(رويترز)"
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		in := strings.TrimSpace(s[1 : len(s)-1])
		if in != "" && !strings.ContainsAny(in, "()") && words(in) <= maxBylineWords && !hasSentencePunct(in) {
			return "", in, true
		}
		return "", "", false
	}
	if rest, ok := cutPrefix(s, outletPrefixes); ok {
		if rest != "" && words(rest) <= maxBylineWords+1 && !hasSentencePunct(rest) {
			return "", unquote(rest), true
		}
		return "", "", false
	}
	if rest, ok := cutPrefix(s, authorPrefixes); ok {
		if a, o, ok := sides(rest); ok && a != "" {
			return a, o, true
		}
		if rest != "" && words(rest) <= maxBylineWords && isNameLike(rest) {
			return rest, "", true
		}
		return "", "", false
	}
	if rest, ok := strings.CutPrefix(s, "مدونة "); ok {
		rest = strings.TrimSpace(rest)
		if rest != "" && words(rest) <= maxBylineWords-1 && isNameLike(rest) {
			return rest, s, true
		}
		return "", "", false
	}
	return sides(s)
}

// cutPrefix cuts one of prefixes, followed by ':' or '-' or a space, from s.
func cutPrefix(s string, prefixes []string) (string, bool) {
	for _, p := range prefixes {
		rest, ok := strings.CutPrefix(s, p)
		if !ok {
			continue
		}
		if rest != "" {
			r, _ := utf8.DecodeRuneInString(rest)
			if isWordRune(r) {
				continue // "كتبت" is not "كتب"
			}
		}
		rest = strings.TrimLeft(rest, " \t:-–—")
		return strings.TrimSpace(rest), true
	}
	return "", false
}

// part is one side of a byline and what it looks like.
type part struct {
	text string
	kind int
}

const (
	partName   = iota // could be a person's name
	partOutlet        // an outlet or agency
	partPlace         // a dateline
	partOther         // none of these: not a byline
)

// sides reads "A – B" (or with "-", "—", "/", "|"; up to three parts).
func sides(s string) (author, outlet string, ok bool) {
	raw := splitSides(s)
	if len(raw) == 0 || len(raw) > 3 {
		return "", "", false
	}
	parts := make([]part, len(raw))
	known := false
	for i, r := range raw {
		parts[i] = classify(r)
		if parts[i].kind == partOther {
			return "", "", false
		}
		if parts[i].kind != partName {
			known = true
		}
	}
	if len(parts) == 1 {
		// Alone on its line, only a listed, quoted or self-declared outlet
		// ("وكالة …") is taken: "CNN" yes, a sentence's last word no.
		t := parts[0].text
		if parts[0].kind == partOutlet && (outlets[nameKey(t)] || t != raw[0] || startsWithAny(t, outletWords)) {
			return "", t, true
		}
		return "", "", false
	}
	// A name that is both an outlet and a place ("الرياض") is a dateline
	// when it opens the line or another outlet is named.
	var names, outs []string
	for i, p := range parts {
		switch p.kind {
		case partName:
			names = append(names, p.text)
		case partOutlet:
			if datelines[nameKey(p.text)] && (i == 0 || otherOutlet(parts, i)) {
				continue
			}
			outs = append(outs, p.text)
		}
	}
	switch {
	case len(names) == 2 && len(outs) == 0 && !known && !strings.HasPrefix(names[0], "ال") && strings.HasPrefix(names[1], "ال"):
		// "محمد علي - الوطن": a name, then what reads as a paper.
		return names[0], names[1], true
	case len(names) > 1:
		return "", "", false
	case len(names) == 0 && len(outs) == 0:
		return "", "", false // only places
	}
	if len(names) == 1 {
		author = names[0]
	}
	outlet = strings.Join(outs, "/")
	if len(outs) > 1 {
		outlet = span(s, outs[0], outs[len(outs)-1])
	}
	if len(names) == 1 && len(outs) == 0 && !known {
		return "", "", false
	}
	return author, outlet, true
}

func otherOutlet(parts []part, skip int) bool {
	for i, p := range parts {
		if i != skip && p.kind == partOutlet {
			return true
		}
	}
	return false
}

// span returns s from the start of first to the end of last, as written.
func span(s, first, last string) string {
	i := strings.Index(s, first)
	j := strings.LastIndex(s, last)
	if i < 0 || j < i {
		return first
	}
	return s[i : j+len(last)]
}

// splitSides splits s at byline separators: a dash with a space on at
// least one side (a hyphen inside a word is not one), a slash, a bar.
func splitSides(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		sep := false
		switch r {
		case '/', '|':
			sep = true
		case '-', '–', '—':
			before := i > 0 && s[i-1] == ' '
			after := i+utf8.RuneLen(r) < len(s) && s[i+utf8.RuneLen(r)] == ' '
			sep = before || after
		}
		if sep {
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + utf8.RuneLen(r)
		}
	}
	out = append(out, strings.TrimSpace(s[start:]))
	for _, p := range out {
		if p == "" {
			return nil
		}
	}
	return out
}

func classify(raw string) part {
	t := unquote(raw)
	quoted := t != raw
	switch {
	case t == "" || words(t) > maxBylineWords || hasSentencePunct(t):
		return part{raw, partOther}
	case quoted, outlets[nameKey(t)]:
		return part{t, partOutlet}
	case datelines[nameKey(t)], fillers[nameKey(t)]:
		return part{t, partPlace}
	case hasLatin(t), startsWithAny(t, outletWords), strings.HasSuffix(t, " نت"), strings.HasSuffix(t, ".نت"):
		return part{t, partOutlet}
	case isNameLike(t):
		return part{t, partName}
	}
	return part{t, partOther}
}

// unquote strips «», quotes and parentheses around s.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	for _, q := range [][2]string{{"«", "»"}, {"\"", "\""}, {"“", "”"}, {"(", ")"}} {
		if strings.HasPrefix(s, q[0]) && strings.HasSuffix(s, q[1]) && len(s) > len(q[0])+len(q[1]) {
			return strings.TrimSpace(s[len(q[0]) : len(s)-len(q[1])])
		}
	}
	return s
}

func startsWithAny(s string, ws []string) bool {
	for _, w := range ws {
		if rest, ok := strings.CutPrefix(s, w); ok && (rest == "" || rest[0] == ' ') {
			return true
		}
	}
	return false
}

// isNameLike reports whether s reads as a person's name: two to
// maxBylineWords words of letters only (a single word is more often a
// section name, "رياضة", than an author).
func isNameLike(s string) bool {
	if n := words(s); n < 2 || n > maxBylineWords {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsMark(r) && r != ' ' && r != 'ـ' {
			return false
		}
	}
	return true
}

func hasLatin(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func hasSentencePunct(s string) bool { return strings.ContainsAny(s, "،,؛;!?؟:") }

func words(s string) int { return len(strings.Fields(s)) }
