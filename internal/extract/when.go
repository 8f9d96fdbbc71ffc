package extract

// When: the date each event word's sentence gives it.

import (
	"strings"
	"time"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/event"
)

// elapsedBefore reads "بعد <duration> على/من" before trigger t: an anchor
// frame that says how long before the sentence's day the event was. It
// returns the days and the precision of the date they give.
func (x *Extractor) elapsedBefore(dc *doc, t arabic.Match[Trigger], s sentence) (int, string, bool) {
	// the anchor word may stand further back than frameReach: the span
	// between is itself the reading ('بعد "عام تقريبا على الهجوم')
	k := -1
	for _, f := range within(dc.frames, s) {
		if f.Values[0] == "anchor" && f.To <= t.From && t.From-f.To <= 6 && dc.hasForm(f.From, "بعد", "عقب") {
			k = f.To
		}
	}
	if k < 0 {
		return 0, "", false
	}
	// 'بعد "عام تقريبا على', "بعد نحو شهرين من": quotes and "about" around the span
	skip := func() {
		for k < t.From && (dc.toks[k].Kind != arabic.Word && dc.toks[k].Kind != arabic.Number || dc.hasForm(k, aboutWords...)) {
			k++
		}
	}
	skip()
	n, counted := 1, false
	for _, nm := range dc.numbers {
		if nm.from == k && nm.value > 0 {
			n, k, counted = nm.value, nm.to, true
			break
		}
	}
	if k >= t.From {
		return 0, "", false
	}
	days, prec := 0, "day"
	switch w := dc.key(k); {
	case w == "يومين":
		days = 2
	case w == "اسبوعين":
		days, prec = 14, "week"
	case w == "شهرين":
		days, prec = 61, "month"
	case w == "عامين" || w == "سنتين":
		days, prec = 730, "year"
	case dc.hasForm(k, "يوم", "ايام"):
		days = n
	case dc.hasForm(k, "اسبوع", "اسابيع"):
		days, prec = 7*n, "week"
	case dc.hasForm(k, "شهر", "اشهر", "شهور"):
		days, prec = 30*n+n/2, "month"
	case dc.hasForm(k, "عام", "سنه", "اعوام", "سنوات"):
		days, prec = 365*n, "year"
	default:
		return 0, "", false
	}
	if !counted && dc.hasForm(k, "ايام", "اسابيع", "اشهر", "شهور", "اعوام", "سنوات") {
		return 0, "", false // "بعد أسابيع من التظاهرات": some weeks, no day to count back to
	}
	k++
	skip()
	if k >= t.From || !dc.hasForm(k, "علي", "من") {
		return 0, "", false
	}
	return days, prec, true
}

// aboutWords hedge or introduce a span of time ("نحو شهرين", "عام
// تقريبا", "بعد مرور عام").
var aboutWords = words("about")

// leadDate is the date the article's opening speaks of ("الجمعة", "أمس"),
// the default for events that carry no date of their own.
func (x *Extractor) leadDate(dc *doc) *dateMention {
	for k := range dc.dates {
		m := &dc.dates[k]
		if dc.sentOf[m.tok] <= 2 && m.Precision == "day" {
			return m
		}
	}
	return nil
}

// olderThan reports whether date d lies more than days before anchor.
func olderThan(d string, anchor time.Time, days int) bool {
	var t time.Time
	var err error
	switch len(d) {
	case 10:
		t, err = time.Parse("2006-01-02", d)
	case 7:
		t, err = time.Parse("2006-01", d)
		t = t.AddDate(0, 1, -1)
	case 4:
		t, err = time.Parse("2006", d)
		t = t.AddDate(1, 0, -1)
	default:
		return false
	}
	return err == nil && anchor.Sub(t) > time.Duration(days)*24*time.Hour
}

// secondDay returns a day joined by و to the day dateFor picks for t,
// after it or before it ("ليل الأربعاء ويوم الخميس", "يومي 3 و4 أيار", "3
// و5 مايو 2013" read as two), or nil.
func (x *Extractor) secondDay(dc *doc, t arabic.Match[Trigger], s sentence) *dateMention {
	first := x.dateFor(dc, t, s)
	if first == nil || first.Precision != "day" || first.tok < s.from || first.tok >= s.to {
		return nil
	}
	for k := range dc.dates {
		m := &dc.dates[k]
		if m.tok >= s.to || m.Precision != "day" || m.Date == first.Date {
			continue
		}
		if m.tok < first.tok {
			// "3 و5 مايو 2013": the day before, joined by و to the one read
			if m.tok >= s.from && dc.joinedDays(m, first) {
				return m
			}
			continue
		}
		if dc.joinedDays(first, m) {
			return m
		}
		break
	}
	return nil
}

// joinedDays reports date mention b right after a, joined to it by و
// ("يومي 3 و4 أيار", "ليل الأربعاء ويوم الخميس").
func (dc *doc) joinedDays(a, b *dateMention) bool {
	gap := strings.TrimSpace(dc.art.Text[a.End:b.Start])
	return gap == "و" || gap == "" && strings.HasPrefix(dc.art.Text[b.Start:b.End], "و")
}

// dateFor picks the date mention nearest the trigger in its sentence, or
// failing that the last one earlier in the paragraph.
func (x *Extractor) dateFor(dc *doc, t arabic.Match[Trigger], s sentence) *dateMention {
	var best *dateMention
	bestD := 1 << 30
	for k := range dc.dates {
		m := &dc.dates[k]
		if m.tok < s.from || m.tok >= s.to || m.tok > 0 && dc.hasForm(m.tok-1, "منذ") {
			continue // "منذ عام": since when, not when
		}
		if x.reportDate(dc, m, t) {
			continue // "كشف المركز الجمعة إحباط هجوم": when it was said, not when it happened
		}
		if x.closerTrigger(dc, m, t, s) {
			continue // "غارات … لأول مرة منذ وقف إطلاق النار منذ عام": the truce's date
		}
		d := abs(m.tok - t.From)
		if dc.nextClause(t.To, m.tok) {
			d += 1000 // "سيطرت على دمشق عام 1918، وبنفس اليوم من عام 2017 …": the next clause's date, kept only when the sentence has no other
		}
		// at the same distance the date after the event word is its own:
		// "أعلنت الثلاثاء أن الضربة التي استهدفت فجر الاثنين …"
		if d < bestD || d == bestD && m.tok > t.From {
			best, bestD = m, d
		}
	}
	if best != nil {
		return best
	}
	for k := len(dc.dates) - 1; k >= 0; k-- {
		m := &dc.dates[k]
		if m.tok < s.from && dc.sents[dc.sentOf[m.tok]].para == s.para {
			return m
		}
	}
	return nil
}

// afterDate returns the first token after date mention m.
func (dc *doc) afterDate(m *dateMention) int {
	end := m.tok
	for end < len(dc.toks) && dc.toks[end].Start < m.End {
		end++
	}
	return end
}

// reportDate reports a date that dates the telling: it follows a reporting
// word or its speaker directly and comes before the event word.
func (x *Extractor) reportDate(dc *doc, m *dateMention, t arabic.Match[Trigger]) bool {
	if m.tok >= t.From {
		return false
	}
	// "أعلنت في وقت سابق الثلاثاء أن الضربة …": a date a few words after a
	// reporting word and right before the "أن" of what was told (commas
	// and quotes aside: "قالت وكالة \"تسنيم\"، الإيرانية، الثلاثاء، أن")
	end := dc.afterDate(m)
	for end < t.From && dc.toks[end].Kind == arabic.Punct {
		end++
	}
	told := end < t.From && dc.hasForm(end, "ان", "بان")
	for _, c := range dc.cues {
		if c.Values[0] != "report" {
			continue
		}
		if c.To == m.tok || told && c.To <= m.tok && dc.wordsIn(c.To, m.tok) <= 4 {
			return true
		}
		if c.To <= m.tok && m.tok-c.To <= 6 {
			for _, sm := range dc.sources {
				if sm.from >= c.To && sm.to == m.tok {
					return true
				}
			}
			for _, am := range dc.actors {
				if am.from >= c.To && am.to == m.tok {
					return true
				}
			}
		}
	}
	return false
}

// wordsIn counts the words (not punctuation) of tokens [from, to).
func (dc *doc) wordsIn(from, to int) int {
	n := 0
	for k := from; k < to; k++ {
		if dc.toks[k].Kind != arabic.Punct {
			n++
		}
	}
	return n
}

// closerTrigger reports a date mention that stands nearer another event
// word of the sentence, of another story (a truce, talks), than t: it dates
// that one.
func (x *Extractor) closerTrigger(dc *doc, m *dateMention, t arabic.Match[Trigger], s sentence) bool {
	d := abs(m.tok - t.From)
	for _, o := range dc.triggers {
		if o.From < s.from || o.From >= s.to || o.From == t.From || story(o.Values[0].Type) == story(t.Values[0].Type) {
			continue
		}
		if abs(m.tok-o.From) < d {
			return true
		}
	}
	return false
}

// explicitDay reports an event dated by a day written out in full (not
// relative to the publication date).
func (dc *doc) explicitDay(ev *event.Event, t arabic.Match[Trigger], s sentence) bool {
	for _, m := range dc.dates {
		if m.tok >= s.from && m.tok < s.to && !m.Relative && ev.Date != nil && m.Date == *ev.Date {
			return true
		}
	}
	return false
}

// nextClause reports a new clause joined by و after a comma between tokens
// from and to ("…، وفي اليوم التالي"); "، وذلك يوم الجمعة" goes on telling
// the same act.
func (dc *doc) nextClause(from, to int) bool {
	for k := from; k+1 < to; k++ {
		if p := dc.toks[k]; p.Kind == arabic.Punct && (p.Norm == "," || p.Norm == ";") {
			if w := dc.norm(k + 1); strings.HasPrefix(w, "و") && len(w) > 2 && !dc.hasForm(k+1, "وذلك", "وهو", "وهي") {
				return true
			}
		}
	}
	return false
}
