package dates

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// raw is a resolved mention in normalised byte offsets.
type raw struct {
	s, e int
	date civil
	prec string
	rel  bool
}

// result is what a matcher recognised from a token: end is the index of the
// token after it (0: no match) and ms the mentions it resolved, which may be
// none (a relative expression with no anchor): the tokens are still used up.
type result struct {
	end int
	ms  []raw
}

type parser struct {
	t    []token
	a    civil
	hasA bool
	// the story's year: the year of the last date written out in full
	// (a day, month and year), at token narrAt. A later "في 21 آذار"
	// without a year belongs to that year when the text tells the past
	// ("في 20 آذار/مارس 2003 … في 25 آذار").
	narr       civil
	narrAt, at int
	// lookup keys by clitic policy and token, filled on demand: a token's
	// are arena[ref.start:ref.start+ref.n] (one slice for them all: most
	// words have none)
	refs  [3][]keyRef
	arena []phr
}

// keyRef locates a token's lookup keys in parser.arena.
type keyRef struct {
	start int32
	n     int16
	done  bool
}

func newParser(norm string, anchor time.Time) *parser {
	p := &parser{t: tokenize(norm), hasA: !anchor.IsZero()}
	if p.hasA {
		p.a = fromTime(anchor)
	}
	return p
}

// best runs every matcher at token i and keeps the longest match; on a
// tie the earlier matcher wins.
func (p *parser) best(i int) result {
	var b result
	switch p.t[i].kind {
	case tPunct:
		return b
	case tWord:
		start := false
		cs := candidates(p.t[i].s, cAll)
		for _, c := range cs.c[:cs.n] {
			if lex.prefix[c.s] {
				start = true
				break
			}
		}
		if !start {
			return b
		}
	}
	for _, f := range []func(int) result{
		p.numeric, p.absolute, p.weekdayExpr, p.relDay, p.monthExpr,
		p.yearExpr, p.period, p.ago, p.recent, p.nextDay,
	} {
		if r := f(i); r.end > b.end {
			b = r
		}
	}
	return b
}

// Clitic policies for word lookups: none, the conjunctions و/ف, or those
// plus the prepositions ب/ل/ك (with لل for ل+ال).
type clitic uint8

const (
	cNone clitic = iota
	cConj
	cAll
)

// phr is a lookup key starting at a token: the word (less its clitic
// prefix of pre bytes) and the words after it; end is the token after it.
type phr struct {
	key      string
	end, pre int
}

// cand is a word less a clitic prefix of pre bytes.
type cand struct {
	s   string
	pre int
}

// cands holds a word's candidates: c[:n].
type cands struct {
	c [4]cand
	n int
}

func (cs *cands) add(c cand) { cs.c[cs.n] = c; cs.n++ }

// candidates lists w and what is left of it without the clitics pol
// allows, keeping at least two letters: at most four, returned by value
// (this runs at every word of every text).
func candidates(w string, pol clitic) cands {
	var cs cands
	cs.add(cand{w, 0})
	if pol >= cConj && len(w) >= 6 && (strings.HasPrefix(w, "و") || strings.HasPrefix(w, "ف")) {
		cs.add(cand{w[2:], 2})
	}
	if pol >= cAll {
		for k := range cs.n {
			switch c := cs.c[k]; {
			case strings.HasPrefix(c.s, "لل") && len(c.s) >= 8:
				cs.add(cand{"ال" + c.s[4:], c.pre}) // للعام = ل + العام
			case len(c.s) >= 6 && (strings.HasPrefix(c.s, "ب") || strings.HasPrefix(c.s, "ل") || strings.HasPrefix(c.s, "ك")):
				cs.add(cand{c.s[2:], c.pre + 2})
			}
		}
	}
	return cs
}

// keys lists the lookup keys at token i, exact forms before stripped ones,
// longest first within each.
func (p *parser) keys(i int, pol clitic) []phr {
	if i < 0 || i >= len(p.t) || p.t[i].kind != tWord {
		return nil
	}
	if p.refs[pol] == nil {
		p.refs[pol] = make([]keyRef, len(p.t))
	} else if r := p.refs[pol][i]; r.done {
		return p.arena[r.start : int(r.start)+int(r.n) : int(r.start)+int(r.n)]
	}
	start := len(p.arena)
	cs := candidates(p.t[i].s, pol)
	for _, c := range cs.c[:cs.n] {
		if !lex.prefix[c.s] {
			continue
		}
		n := len(p.arena)
		k := c.s
		p.arena = append(p.arena, phr{k, i + 1, c.pre})
		for j := i + 1; j < len(p.t) && p.t[j].kind == tWord && p.t[j].gap; j++ {
			if k += " " + p.t[j].s; !lex.prefix[k] {
				break
			}
			p.arena = append(p.arena, phr{k, j + 1, c.pre})
		}
		slices.Reverse(p.arena[n:]) // longest first
	}
	p.refs[pol][i] = keyRef{start: int32(start), n: int16(len(p.arena) - start), done: true}
	return p.arena[start:len(p.arena):len(p.arena)]
}

// cue reports whether a cue word of role want starts at token i.
func (p *parser) cue(i int, want role, pol clitic) (end, pre int, ok bool) {
	for _, k := range p.keys(i, pol) {
		if lex.cues[k.key]&want != 0 {
			return k.end, k.pre, true
		}
	}
	return 0, 0, false
}

// cueRole returns all roles of the longest cue at token i.
func (p *parser) cueRole(i int, pol clitic) (role, int) {
	for _, k := range p.keys(i, pol) {
		if r, ok := lex.cues[k.key]; ok {
			return r, k.end
		}
	}
	return 0, 0
}

func (p *parser) punct(i int, s string) bool {
	return i >= 0 && i < len(p.t) && p.t[i].kind == tPunct && p.t[i].s == s
}

func (p *parser) word(i int) string {
	if i >= 0 && i < len(p.t) && p.t[i].kind == tWord {
		return p.t[i].s
	}
	return ""
}

// glued reports whether a number at token i is glued to a word that is
// not a clitic, as in F16: then it is no day or year.
func (p *parser) glued(i int) bool {
	if i+1 < len(p.t) && !p.t[i+1].gap && p.t[i+1].kind != tPunct && p.t[i+1].s != "م" {
		return true
	}
	if i == 0 || p.t[i].gap || p.t[i-1].kind != tWord {
		return false
	}
	switch p.t[i-1].s {
	case "ال", "و", "وال", "ب", "بال", "ف", "ل", "في":
		return false
	}
	return true
}

// number reads a plain number of at most maxDigits digits at token i.
func (p *parser) number(i, maxDigits int) (int, bool) {
	if i < 0 || i >= len(p.t) || p.t[i].kind != tNum || len(p.t[i].s) > maxDigits || p.glued(i) {
		return 0, false
	}
	n, err := strconv.Atoi(p.t[i].s)
	return n, err == nil
}

// dayNum reads a day of the month at token i: 20, الـ7, a range 5-6 (its
// first day) or an ordinal word (السابع، الحادي والعشرين).
func (p *parser) dayNum(i int) (d, ns, end int, ordinal, ok bool) {
	if i < 0 || i >= len(p.t) {
		return
	}
	ns = p.t[i].start
	if p.t[i].kind == tWord {
		if p.t[i].s == "ال" && i+1 < len(p.t) && p.t[i+1].kind == tNum && !p.t[i+1].gap {
			i++
		} else {
			for _, k := range p.keys(i, cNone) {
				if v, found := lex.ordinals[k.key]; found {
					return v, ns, k.end, true, true
				}
			}
			return
		}
	}
	t := p.t[i]
	if t.kind != tNum || p.glued(i) {
		return
	}
	if a, b, found := strings.Cut(t.s, "-"); found {
		x, err1 := strconv.Atoi(a)
		y, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || len(a) > 2 || len(b) > 2 || x < 1 || y > 31 || x >= y {
			return
		}
		return x, ns, i + 1, false, true
	}
	if len(t.s) > 2 {
		return
	}
	d, _ = strconv.Atoi(t.s)
	if d < 1 || d > 31 {
		return
	}
	return d, ns, i + 1, false, true
}

// monthWord reads one month name at token i.
func (p *parser) monthWord(i int) (m, end, pre int, weak, ok bool) {
	for _, k := range p.keys(i, cConj) {
		e, found := lex.months[k.key]
		if !found || k.pre > 0 && (e.weak || utf8.RuneCountInString(k.key) < 4) {
			continue
		}
		return e.month, k.end, k.pre, e.weak, true
	}
	return
}

// month reads a month name at token i, with its counterpart from another
// series if one follows: أيلول/سبتمبر, سبتمبر (أيلول), تموز-يوليو. A pair is
// never weak.
func (p *parser) month(i int) (m, end, pre int, weak, ok bool) {
	m, end, pre, weak, ok = p.monthWord(i)
	if !ok || end >= len(p.t) {
		return
	}
	open := p.punct(end, "(")
	if !open && !p.punct(end, "/") && !p.punct(end, "-") && !p.punct(end, "\\") {
		return
	}
	if m2, e2, _, _, ok2 := p.monthWord(end + 1); ok2 && m2 == m {
		end, weak = e2, false
		if open && p.punct(end, ")") {
			end++
		}
	}
	return
}

// yearNum reads a four-digit year in lo..2100 at token i, with a
// following م (ميلادي) if written.
func (p *parser) yearNum(i, lo int) (y, end int, ok bool) {
	if i < 0 || i >= len(p.t) || p.t[i].kind != tNum || len(p.t[i].s) != 4 {
		return
	}
	y, ok = p.number(i, 4)
	if !ok || y < lo || y > 2100 {
		return 0, 0, false
	}
	end = i + 1
	if p.word(end) == "م" {
		end++
	}
	return y, end, true
}

type yKind uint8

const (
	yNone     yKind = iota // no year: the latest fitting date near the anchor
	yExplicit              // written out
	yOffset                // من العام الماضي: the anchor's year plus off
	yPast                  // سبتمبر الماضي
	yCurrent               // سبتمبر الجاري
	yNext                  // سبتمبر المقبل
	yFuture                // بحلول 10 أكتوبر: the first such date on or after the anchor
)

type ySpec struct {
	kind yKind
	y    int
}

// qual reads الماضي/الجاري/المقبل-like words at token i.
func (p *parser) qual(i int) (role, int, bool) {
	r, e := p.cueRole(i, cNone)
	for _, q := range []role{rPast, rCurrent, rNext} {
		if r&q != 0 {
			return q, e, true
		}
	}
	return 0, 0, false
}

func qualOffset(q role) int {
	switch q {
	case rPast:
		return -1
	case rNext:
		return 1
	}
	return 0
}

// yearSuffix reads what may follow a month: a year (2020, ، 2020, من عام
// 2020), a relative year (من العام الماضي) or a qualifier (الماضي).
func (p *parser) yearSuffix(j int) (ySpec, int) {
	if p.punct(j, ",") {
		if y, e, ok := p.yearNum(j+1, 1900); ok {
			return ySpec{yExplicit, y}, e
		}
	}
	if y, e, ok := p.yearNum(j, 1900); ok {
		return ySpec{yExplicit, y}, e
	}
	k := j
	if e, _, ok := p.cue(k, rOf, cNone); ok {
		k = e
	}
	if e, _, ok := p.cue(k, rYearnoun, cNone); ok {
		if y, e2, ok := p.yearNum(e, 1900); ok {
			return ySpec{yExplicit, y}, e2
		}
		if q, e2, ok := p.qual(e); ok {
			return ySpec{yOffset, qualOffset(q)}, e2
		}
	}
	if q, e, ok := p.qual(j); ok {
		switch q {
		case rPast:
			return ySpec{kind: yPast}, e
		case rNext:
			return ySpec{kind: yNext}, e
		}
		return ySpec{kind: yCurrent}, e
	}
	return ySpec{}, j
}

// resolve gives the date of day d (0: the month itself) of month m.
func (p *parser) resolve(d, m int, ys ySpec) (c civil, rel, ok bool) {
	dd := d
	if dd == 0 {
		dd = 1
	}
	if ys.kind == yExplicit {
		return civil{ys.y, m, dd}, false, valid(ys.y, m, dd)
	}
	if !p.hasA {
		return civil{}, true, false
	}
	a := p.a
	y := a.y
	switch ys.kind {
	case yOffset:
		y = a.y + ys.y
	case yPast:
		// "التاسع من أبريل الماضي" written on 30 April: a day of the
		// anchor's month already gone is this year's
		if m > a.m || m == a.m && (d == 0 || d >= a.d) {
			y--
		}
	case yNext:
		if m <= a.m {
			y++
		}
	case yFuture:
		for y = a.y - 1; y <= a.y+8; y++ {
			if valid(y, m, dd) && !(civil{y, m, dd}).before(a) || d == 0 && m == a.m && y == a.y {
				break
			}
		}
	case yNone:
		if n := p.narr; n.y != 0 && n.y < a.y && p.at-p.narrAt <= narrTokens && valid(n.y, m, dd) {
			return civil{n.y, m, dd}, true, true
		}
		limit := a.addDays(7)
		for y = a.y + 1; y >= a.y-8; y-- {
			if valid(y, m, dd) && !limit.before(civil{y, m, dd}) {
				break
			}
		}
	}
	return civil{y, m, dd}, true, valid(y, m, dd)
}

// nextDay reads "اليوم التالي" (the next day) in a story told in a past
// year: the day after the story's last full date, which it then becomes.
func (p *parser) nextDay(i int) result {
	n := p.narr
	if n.y == 0 || !p.hasA || n.y >= p.a.y || p.at-p.narrAt > narrTokens {
		return result{}
	}
	w := strings.TrimPrefix(strings.TrimPrefix(p.word(i), "و"), "ف")
	if w != "اليوم" && w != "باليوم" || p.word(i+1) != "التالي" {
		return result{}
	}
	d := n.addDays(1)
	return result{end: i + 2, ms: []raw{{p.t[i].start, p.t[i+1].end, d, "day", true}}}
}

// narrTokens is how far a story's year carries: a few paragraphs.
const narrTokens = 400

// blockedDate reports whether the token before i names something after a
// day and month (قوى 14 آذار، مدينة 6 أكتوبر).
func (p *parser) blockedDate(i int) bool {
	_, _, ok := p.cue(i-1, rBlockdate, cAll)
	return ok
}

// futureBefore reports whether a word that points ahead (بحلول، المقرر)
// comes just before token i, or before a في there.
func (p *parser) futureBefore(i int) bool {
	if _, _, ok := p.cue(i-1, rYearprep, cConj); ok {
		i--
	}
	_, _, ok := p.cue(i-1, rFuture, cConj)
	return ok
}

// absolute reads a day and a month: [part of day] [يوم/يومي] DAY (و DAY)*
// [من] MONTH [YEAR], DAY being 20, الـ20, 5-6 or السابع (then من is
// required). "من الشهر الجاري" may stand for the month.
func (p *parser) absolute(i int) result {
	j, start := i, -1
	if e, pre, ok := p.cue(j, rDaypart, cConj); ok {
		start, j = p.t[j].start+pre, e
	}
	if e, pre, ok := p.cue(j, rDaynoun, cConj); ok {
		if start < 0 {
			start = p.t[j].start + pre
		}
		j = e
	}
	d, ns, e, ord, ok := p.dayNum(j)
	if !ok {
		return result{}
	}
	if ord && j == i && strings.Contains(p.word(i-1), "اسبوع") {
		// "الأسبوع الثاني من شباط": a week of the month, not its second day
		k := e
		if p.word(k) == "من" {
			k++
		}
		m, me, _, _, ok := p.month(k)
		if !ok {
			return result{}
		}
		ys, ye := p.yearSuffix(me)
		r := result{end: ye}
		if c, rel, ok := p.resolve(0, m, ys); ok {
			r.ms = []raw{{p.t[i-1].start, p.t[ye-1].end, c, "month", rel}}
		}
		return r
	}
	if start < 0 {
		start = ns
	}
	type item struct{ d, s, e int }
	items := []item{{d, start, p.t[e-1].end}}
	j = e
	for !ord {
		if p.punct(j, "-") || func() bool { _, _, ok := p.cue(j, rRange, cNone); return ok }() {
			if _, _, e2, ord2, ok := p.dayNum(j + 1); ok && !ord2 {
				items[len(items)-1].e = p.t[e2-1].end
				j = e2
				continue
			}
		}
		if p.word(j) == "و" || p.punct(j, ",") {
			if d2, ns2, e2, ord2, ok := p.dayNum(j + 1); ok && !ord2 {
				items = append(items, item{d2, ns2, p.t[e2-1].end})
				j = e2
				continue
			}
		}
		break
	}
	hasOf := false
	if e, _, ok := p.cue(j, rOf, cNone); ok {
		j, hasOf = e, true
	}
	if ord && !hasOf {
		return result{}
	}
	var ys ySpec
	m, e, _, _, ok := p.month(j)
	if ok {
		ys, e = p.yearSuffix(e)
	} else {
		// الخامس عشر من الشهر الجاري
		unit, off, _, e2, ok := p.periodRef(j)
		if !hasOf || !ok || unit != "month" {
			return result{}
		}
		e = e2
		if !p.hasA {
			return result{end: e}
		}
		mc := p.a.addMonths(off)
		m, ys = mc.m, ySpec{yOffset, mc.y - p.a.y}
	}
	if ys.kind != yExplicit && p.blockedDate(i) {
		return result{}
	}
	if ys.kind == yNone && p.futureBefore(i) {
		ys.kind = yFuture
	}
	r := result{end: e}
	for n, it := range items {
		c, rel, ok := p.resolve(it.d, m, ys)
		if !ok {
			continue
		}
		end := it.e
		if n == len(items)-1 {
			end = p.t[e-1].end
		}
		r.ms = append(r.ms, raw{it.s, end, c, "day", rel})
	}
	return r
}

// numeric reads 2019-05-03, 2019/05/03, 03/05/2019, 3.5.2019 (day first).
func (p *parser) numeric(i int) result {
	if i >= len(p.t) || p.t[i].kind != tNum || p.glued(i) {
		return result{}
	}
	s := p.t[i].s
	var sep string
	for _, c := range []string{"-", "/", "."} {
		if strings.Count(s, c) == 2 {
			sep = c
		}
	}
	parts := strings.Split(s, sep)
	if sep == "" || len(parts) != 3 {
		return result{}
	}
	n := make([]int, 3)
	for k, x := range parts {
		n[k], _ = strconv.Atoi(x)
	}
	var c civil
	switch {
	case len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		c = civil{n[0], n[1], n[2]}
	case len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2:
		c = civil{n[2], n[1], n[0]}
	default:
		return result{}
	}
	if c.y < 1900 || c.y > 2100 || !valid(c.y, c.m, c.d) {
		return result{}
	}
	return result{end: i + 1, ms: []raw{{p.t[i].start, p.t[i].end, c, "day", false}}}
}

// writtenDate reads a day date written out after a weekday or اليوم
// (الخميس 25 نيسان، الأحد الموافق 2020/09/20); ok only for one date.
func (p *parser) writtenDate(j int) (result, bool) {
	if p.punct(j, ",") {
		j++
	}
	if e, _, ok := p.cue(j, rLink, cNone); ok {
		j = e
	}
	for _, f := range []func(int) result{p.absolute, p.numeric} {
		if r := f(j); r.end > 0 && len(r.ms) <= 1 {
			return r, true
		}
	}
	return result{}, false
}

func (p *parser) weekdayWord(i int) (wd, end, pre int, ok bool) {
	for _, k := range p.keys(i, cConj) {
		if v, found := lex.weekdays[k.key]; found {
			return v, k.end, k.pre, true
		}
	}
	return
}

// weekdayExpr reads [part of day] [يوم] WEEKDAY [second weekday after a
// night] [الماضي/المقبل] [written date].
func (p *parser) weekdayExpr(i int) result {
	j, start, night := i, -1, false
	if r, e := p.cueRole(i, cConj); r&rDaypart != 0 {
		_, pre, _ := p.cue(i, rDaypart, cConj)
		start, j, night = p.t[i].start+pre, e, r&rNight != 0
	}
	if e, pre, ok := p.cue(j, rDaynoun, cConj); ok {
		if start < 0 {
			start = p.t[j].start + pre
		}
		j = e
	}
	wd, end, pre, ok := p.weekdayWord(j)
	if !ok {
		return result{}
	}
	if j == i && p.word(j-1) == "بين" && strings.Contains(p.word(j), "اثنين") {
		if _, _, _, second := p.weekdayWord(end); !second {
			return result{} // "الجدل بين الاثنين": between the two, not Monday
		}
	}
	if start < 0 {
		start = p.t[j].start + pre
	}
	if night { // ليل الأحد الاثنين, ليلة السبت على الأحد
		k := end
		if p.punct(k, "-") || p.punct(k, "/") {
			k++
		} else if e, _, ok := p.cue(k, rNightlink, cNone); ok {
			k = e
		}
		if wd2, e2, _, ok := p.weekdayWord(k); ok && wd2 == (wd+1)%7 {
			end = e2
		}
	}
	q, e, hasQ := p.qual(end)
	if hasQ && q != rCurrent {
		end = e
	} else {
		q = 0
	}
	if r, ok := p.writtenDate(end); ok {
		if len(r.ms) == 1 {
			r.ms[0].s = start
		}
		return r
	}
	r := result{end: end}
	if !p.hasA {
		return r
	}
	aw := p.a.weekday()
	var c civil
	if q == rNext {
		fwd := (wd - aw + 7) % 7
		if fwd == 0 {
			fwd = 7
		}
		c = p.a.addDays(fwd)
	} else {
		back := (aw - wd + 7) % 7
		if back == 0 && q == rPast {
			back = 7
		}
		c = p.a.addDays(-back)
	}
	r.ms = []raw{{start, p.t[end-1].end, c, "day", true}}
	return r
}

// relDay reads [part of day] [يوم] اليوم/أمس/غدا… [، WEEKDAY] [written date].
func (p *parser) relDay(i int) result {
	j, start, part := i, -1, false
	if e, pre, ok := p.cue(j, rDaypart, cConj); ok {
		start, j, part = p.t[j].start+pre, e, true
	}
	if e, pre, ok := p.cue(j, rDaynoun, cConj); ok {
		if start < 0 {
			start = p.t[j].start + pre
		}
		j, part = e, true
	}
	var rel relEntry
	end, found := 0, false
	for _, k := range p.keys(j, cAll) {
		if v, ok := lex.relative[k.key]; ok {
			rel, end, found = v, k.end, true
			if start < 0 {
				start = p.t[j].start + k.pre
			}
			break
		}
	}
	if !found || !rel.alone && !part {
		return result{}
	}
	if _, _, ok := p.cue(i-1, rBlockbefore, cAll); ok {
		return result{}
	}
	if _, _, ok := p.cue(end, rBlockafter, cNone); ok {
		return result{}
	}
	if _, _, _, ord, ok := p.dayNum(end); ok && ord {
		return result{}
	}
	k := end
	if p.punct(k, ",") {
		k++
	}
	wd := -1
	if w, e, _, ok := p.weekdayWord(k); ok {
		wd, end = w, e
	}
	if r, ok := p.writtenDate(end); ok {
		if len(r.ms) == 1 {
			r.ms[0].s = start
		}
		return r
	}
	r := result{end: end}
	if p.hasA {
		d := p.a.addDays(rel.days)
		if wd >= 0 && d.weekday() != wd {
			d = p.nearestWeekday(d, wd)
		}
		r.ms = []raw{{start, p.t[end-1].end, d, "day", true}}
	}
	return r
}

// nearestWeekday returns the day of weekday wd nearest to d, within three
// days and not after the anchor: a relative day named with a weekday it does
// not fall on ("اليوم الخميس" in an article dated Saturday, "أمس الأربعاء"
// dated Wednesday) was written a day or two off the publication date, and
// the weekday tells the day meant.
func (p *parser) nearestWeekday(d civil, wd int) civil {
	for n := 1; n <= 3; n++ {
		if e := d.addDays(-n); e.weekday() == wd {
			return e
		}
		if e := d.addDays(n); e.weekday() == wd && !p.a.before(e) {
			return e
		}
	}
	return d
}

// monthExpr reads [edge] [شهر] MONTH [YEAR | qualifier]; a month with no
// year needs في/منذ/حتى/خلال, an edge or شهر before it, and a weak name
// (مارس، آب…) needs شهر, a year or a qualifier.
func (p *parser) monthExpr(i int) result {
	j, start, edge, noun := i, -1, false, false
	if e, pre, ok := p.cue(j, rEdge, cConj); ok {
		start, j, edge = p.t[j].start+pre, e, true
	}
	if e, pre, ok := p.cue(j, rMonthnoun, cConj); ok {
		if start < 0 {
			start = p.t[j].start + pre
		}
		j, noun = e, true
	}
	m, e, pre, weak, ok := p.month(j)
	if !ok {
		return result{}
	}
	if start < 0 {
		start = p.t[j].start + pre
	}
	if isLatin(p.t[j].s) { // September 20, 2020
		if d, _, e2, ord, ok := p.dayNum(e); ok && !ord {
			k := e2
			if p.punct(k, ",") {
				k++
			}
			if y, e3, ok := p.yearNum(k, 1900); ok && valid(y, m, d) {
				return result{end: e3, ms: []raw{{start, p.t[e3-1].end, civil{y, m, d}, "day", false}}}
			}
		}
	}
	ys, e := p.yearSuffix(e)
	if ys.kind == yNone {
		_, _, prep := p.cue(i-1, rYearprep, cConj)
		if weak && !noun || !edge && !noun && !prep {
			return result{}
		}
		if p.futureBefore(i) {
			ys.kind = yFuture
		}
	}
	r := result{end: e}
	if c, rel, ok := p.resolve(0, m, ys); ok {
		r.ms = []raw{{start, p.t[e-1].end, c, "month", rel}}
	}
	return r
}

// yearExpr reads [edge] عام/العام/سنة YEAR (و YEAR)*, edge YEAR, or
// في/منذ/حتى/خلال YEAR when the next word fits a year.
func (p *parser) yearExpr(i int) result {
	j, start, edge, noun, prep := i, -1, false, false, false
	if e, pre, ok := p.cue(j, rEdge, cConj); ok {
		start, j, edge = p.t[j].start+pre, e, true
	}
	if e, pre, ok := p.cue(j, rYearnoun, cConj); ok {
		if start < 0 {
			start = p.t[j].start + pre
		}
		j, noun = e, true
	}
	if !edge && !noun {
		e, _, ok := p.cue(j, rYearprep, cConj)
		if !ok {
			return result{}
		}
		j, prep = e, true
	}
	y, e, ok := p.yearNum(j, 1950)
	if !ok {
		return result{}
	}
	if start < 0 {
		start = p.t[j].start
	}
	if prep && !p.fitsYear(e) {
		return result{}
	}
	r := result{end: e, ms: []raw{{start, p.t[e-1].end, civil{y, 1, 1}, "year", false}}}
	for noun && (p.word(r.end) == "و" || p.punct(r.end, ",")) { // عامي 2016 و2017
		y2, e2, ok := p.yearNum(r.end+1, 1950)
		if !ok {
			break
		}
		r.ms = append(r.ms, raw{p.t[r.end+1].start, p.t[e2-1].end, civil{y2, 1, 1}, "year", false})
		r.end = e2
	}
	return r
}

// fitsYear reports whether token i may follow a bare year: the end,
// punctuation, or a function word (not a counted noun: في 2000 غارة).
func (p *parser) fitsYear(i int) bool {
	if i >= len(p.t) {
		return true
	}
	switch p.t[i].kind {
	case tPunct:
		return p.t[i].s != "%"
	case tNum:
		return false
	}
	if _, _, ok := p.cue(i, rAfteryear, cConj); ok {
		return true
	}
	if _, _, _, ok := p.weekdayWord(i); ok {
		return true
	}
	return false
}

// periodRef reads [هذا/هذه] الأسبوع/الشهر/العام/السنة + qualifier (optional
// after هذا): the unit, its offset from the anchor's, where the expression
// starts (normalised bytes) and the token after it.
func (p *parser) periodRef(j int) (unit string, off, start, end int, ok bool) {
	this := false
	start = -1
	if e, pre, ok := p.cue(j, rThis, cConj); ok {
		start, j, this = p.t[j].start+pre, e, true
	}
	found := false
	for _, k := range p.keys(j, cAll) {
		if !strings.HasPrefix(k.key, "ال") || k.end != j+1 {
			continue
		}
		if u, ok := lex.units[k.key[len("ال"):]]; ok && u.count == 1 && u.unit != "day" && u.unit != "hour" {
			unit, end, found = u.unit, k.end, true
			if start < 0 {
				start = p.t[j].start + k.pre
			}
			break
		}
	}
	if !found {
		return "", 0, 0, 0, false
	}
	if q, e, ok := p.qual(end); ok {
		return unit, qualOffset(q), start, e, true
	}
	if this {
		return unit, 0, start, end, true
	}
	return "", 0, 0, 0, false
}

// period reads [edge] الأسبوع/الشهر/العام الماضي/الجاري/المقبل, هذا العام.
func (p *parser) period(i int) result {
	j, start := i, -1
	if e, pre, ok := p.cue(j, rEdge, cConj); ok {
		start, j = p.t[j].start+pre, e
	}
	unit, off, s, e, ok := p.periodRef(j)
	if !ok {
		return result{}
	}
	if start < 0 {
		start = s
	}
	r := result{end: e}
	if !p.hasA {
		return r
	}
	var c civil
	switch unit {
	case "week":
		c = p.a.addDays(7 * off)
	case "month":
		c = p.a.addMonths(off)
	default:
		c = civil{p.a.y + off, 1, 1}
	}
	r.ms = []raw{{start, p.t[e-1].end, c, unit, true}}
	return r
}

// ago reads قبل/منذ [N] UNIT: قبل يومين، منذ ثلاثة أيام، قبل أسبوع.
func (p *parser) ago(i int) result {
	j, pre, ok := p.cue(i, rAgo, cConj)
	if !ok {
		return result{}
	}
	start := p.t[i].start + pre
	approx := false
	if e, _, ok := p.cue(j, rAbout, cNone); ok && p.before(i) {
		// "قبل نحو أسبوع": about a week ago; "منذ نحو 3 سنوات" is mostly
		// how long something has lasted
		j, approx = e, true
	}
	n := 0
	if v, ok := p.number(j, 2); ok && v > 0 {
		n, j = v, j+1
	} else {
		for _, k := range p.keys(j, cNone) {
			if v, ok := lex.numbers[k.key]; ok {
				n, j = v, k.end
				break
			}
		}
	}
	var u unitEntry
	found := false
	for _, k := range p.keys(j, cNone) {
		if v, ok := lex.units[k.key]; ok {
			u, j, found = v, k.end, true
			break
		}
	}
	if !found {
		return result{}
	}
	few := false
	if n == 0 && u.count == 0 {
		// "قبل أيام", "قبل أسابيع": a few days or weeks before, told one
		// precision coarser; "منذ أيام" is mostly how long something has
		// gone on, not when it happened
		if !p.before(i) || u.unit != "day" && u.unit != "week" {
			return result{}
		}
		few = true
	}
	if n == 0 {
		n = u.count
		if v, ok := lex.numbers[p.word(j)]; ok && v == 1 && u.count == 1 { // قبل يوم واحد
			j++
		} else if u.count == 1 && p.startsDate(j) {
			return result{} // منذ يوم الاثنين، منذ عام 2011، قبل شهر آب
		}
	}
	if _, _, ok := p.cue(j, rAgoblock, cNone); ok {
		return result{} // قبل يومين من الهجوم
	}
	r := result{end: j}
	if !p.hasA {
		return r
	}
	var c civil
	prec := u.unit
	switch {
	case few && u.unit == "day":
		c, prec = p.a.addDays(-5), "week"
	case few:
		c, prec = p.a.addDays(-21), "month"
	case u.unit == "hour":
		if n > 24 {
			return r
		}
		c, prec = p.a, "day"
	case u.unit == "day":
		c = p.a.addDays(-n)
		if approx {
			prec = "week" // "قبل نحو يومين": the day is not sure
		}
	case u.unit == "week":
		c = p.a.addDays(-7 * n)
	case u.unit == "month":
		c = p.a.addMonths(-n)
	case u.unit == "year":
		c = civil{p.a.y - n, 1, 1}
	}
	r.ms = []raw{{start, p.t[j-1].end, c, prec, true}}
	return r
}

// before reports whether the ago-cue at token i is قبل ("before"), not منذ.
func (p *parser) before(i int) bool {
	for _, k := range p.keys(i, cConj) {
		if k.key == "قبل" {
			return true
		}
	}
	return false
}

// recent reads الساعات [الـ24] الماضية, الـ24 ساعة الماضية, الأيام الأخيرة.
func (p *parser) recent(i int) result {
	j, start := i, -1
	n := 0
	num := func(k int) (int, int, bool) {
		if p.word(k) == "ال" && k+1 < len(p.t) && !p.t[k+1].gap {
			k++
		}
		v, ok := p.number(k, 3)
		return v, k + 1, ok && v > 0
	}
	var u unitEntry
	if v, e, ok := num(j); ok { // الـ24 ساعة الماضية
		n, start = v, p.t[j].start
		for _, k := range p.keys(e, cNone) {
			if x, ok := lex.units[k.key]; ok && x.unit == "hour" {
				u, j = x, k.end
				break
			}
		}
		if u.unit == "" {
			return result{}
		}
	} else { // الساعات [الـ24] الماضية
		for _, k := range p.keys(j, cAll) {
			x, ok := lex.units[strings.TrimPrefix(k.key, "ال")]
			if ok && strings.HasPrefix(k.key, "ال") && x.count == 0 && (x.unit == "hour" || x.unit == "day") {
				u, start, j = x, p.t[j].start+k.pre, k.end
				break
			}
		}
		if u.unit == "" {
			return result{}
		}
		if u.unit == "hour" {
			if v, e, ok := num(j); ok {
				n, j = v, e
			}
		}
	}
	r, e := p.cueRole(j, cNone)
	if r&(rPast|rRecent) == 0 {
		return result{}
	}
	res := result{end: e}
	if !p.hasA {
		return res
	}
	prec := "day"
	if u.unit == "day" || n > 24 {
		prec = "week"
	}
	res.ms = []raw{{start, p.t[e-1].end, p.a, prec, true}}
	return res
}

// startsDate reports whether a weekday, a relative day, a number or a month
// name starts at token i: then a singular unit before it names that date
// (منذ يوم الاثنين) rather than counting one unit back.
func (p *parser) startsDate(i int) bool {
	if i >= len(p.t) {
		return false
	}
	if p.t[i].kind == tNum || p.word(i) == "ال" {
		return true
	}
	if _, _, _, ok := p.weekdayWord(i); ok {
		return true
	}
	if _, _, _, _, ok := p.monthWord(i); ok {
		return true
	}
	for _, k := range p.keys(i, cAll) {
		if _, ok := lex.relative[k.key]; ok {
			return true
		}
	}
	return false
}
