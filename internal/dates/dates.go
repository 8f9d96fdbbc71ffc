// Package dates finds date expressions in Arabic news text and resolves them
// against the article's publication date (SPEC §2: date, date_precision).
//
// Matching runs on the text as folded by arabic.NormalizeOffsets (hamza and
// alef forms, ى→ي, ة→ه, no tashkeel or tatweel, ASCII digits); every Mention
// carries byte offsets into the original text.
//
// Resolution rules, where Arabic usage leaves a choice:
//   - a weekday alone is the latest such day on or before the anchor
//     ("الجمعة" in a Friday article is that Friday); with الماضي/الماضية it is
//     strictly before, with المقبل/القادم strictly after;
//   - a day and month without a year is the latest such date no more than
//     seven days after the anchor; a month alone (في مارس/آذار، مطلع سبتمبر)
//     likewise, by its first day; after a word pointing ahead (بحلول،
//     المقرر، موعد: cues.tsv role future) it is the first such date on or
//     after the anchor instead; "سبتمبر الماضي" is the latest September
//     before the anchor's month (a day of the anchor's own month before the
//     anchor's day is that month's: "9 أبريل الماضي" on 30 April), "سبتمبر
//     الجاري" the anchor's year;
//   - a named day (قوى 14 آذار، مدينة 6 أكتوبر، اتفاق 5 آذار) is no date
//     unless its year is written;
//   - مطلع/بداية/أوائل/منتصف/أواسط/أواخر/نهاية keep the precision of the
//     period they qualify: "منتصف الشهر الجاري" is a month, "مطلع العام
//     الحالي" a year. None of them names one month reliably ("أوائل العام"
//     may be January to March), so a year never narrows to a month;
//   - الأسبوع الماضي is the anchor minus seven days at week precision, as are
//     قبل أسبوع and, at the anchor itself, الأيام الماضية and "the last 48 hours";
//   - "the last 24 hours" and قبل ساعات are the anchor's day;
//   - قبل أيام ("a few days ago") is the anchor minus five days at week
//     precision, قبل أسابيع the anchor minus three weeks at month precision;
//     منذ أيام is mostly how long something has lasted and is no date;
//   - bare numbers are years only after عام/العام/سنة or a period edge, or
//     after في/منذ/حتى/خلال when the next word cannot be the counted noun
//     ("في 2000 غارة" is a count), and only in 1950–2100.
package dates

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/raqib/raqib/internal/arabic"
)

// Mention is one date expression found in a text.
type Mention struct {
	Start, End int    // byte offsets into the original text; text[Start:End] is the expression
	Date       string // "2020-09-20", "2020-09" or "2020"
	Precision  string // "day", "week", "month" or "year"
	Relative   bool   // resolved from the anchor (اليوم، أمس، الجمعة، الشهر الماضي…) rather than written out
}

// Find returns the date expressions of text in text order. anchor is the
// document's publication date; when anchor.IsZero(), relative expressions
// are not resolved (left out) and absolute dates without a year are left out.
func Find(text string, anchor time.Time) []Mention {
	n := arabic.NormalizeOffsets(text)
	p := newParser(n.Text, anchor)
	var out []Mention
	for i := 0; i < len(p.t); {
		p.at = i
		r := p.best(i)
		if r.end <= i {
			i++
			continue
		}
		for _, m := range r.ms {
			if !m.rel && m.prec == "day" || p.narr.y != 0 && m.rel && m.prec == "day" && m.date.y == p.narr.y {
				p.narr, p.narrAt = m.date, r.end // "في اليوم التالي" moves the story on a day
			}
			out = append(out, Mention{
				Start:     n.Orig(m.s),
				End:       origEnd(n, text, m.e),
				Date:      m.date.format(m.prec),
				Precision: m.prec,
				Relative:  m.rel,
			})
		}
		i = r.end
	}
	return out
}

// datelineBytes is how far into a text a full date counts as its dateline
// ("دمشق - 20 أيلول/سبتمبر 2020 (رويترز)").
const datelineBytes = 200

// Estimate guesses a document date for a text without a publication date,
// from the absolute dates it mentions, with the precision it can vouch for;
// ok is false when nothing fits.
//
// A full day-month-year date in the dateline is taken at day precision.
// Otherwise the latest absolute date mentioned is a lower bound of the
// publication date: a day is widened to week precision, a month or year
// keeps its own.
func Estimate(text string) (date time.Time, precision string, ok bool) {
	var best civil
	bestPrec := ""
	for _, m := range Find(text, time.Time{}) {
		c, err := parseDate(m.Date)
		if err != nil {
			continue
		}
		if m.Precision == "day" && m.Start < datelineBytes {
			return c.time(), "day", true
		}
		if bestPrec == "" || best.before(c) || (best == c && finer(m.Precision, bestPrec)) {
			best, bestPrec = c, m.Precision
		}
	}
	switch bestPrec {
	case "":
		return time.Time{}, "", false
	case "day":
		return best.time(), "week", true
	}
	return best.time(), bestPrec, true
}

func finer(a, b string) bool {
	rank := map[string]int{"day": 0, "week": 1, "month": 2, "year": 3}
	return rank[a] < rank[b]
}

// origEnd maps the end of a normalised span back to the original text: the
// end of the last original rune, plus any tashkeel written on it.
func origEnd(n arabic.Normalized, text string, ne int) int {
	if ne <= 0 {
		return n.Orig(0)
	}
	p := n.Orig(ne - 1)
	_, w := utf8.DecodeRuneInString(text[p:])
	e := p + w
	for e < len(text) {
		r, w := utf8.DecodeRuneInString(text[e:])
		if !(r >= 0x064B && r <= 0x065F || r == 0x0670) {
			break
		}
		e += w
	}
	return e
}

// civil is a calendar date without a clock or zone.
type civil struct{ y, m, d int }

func fromTime(t time.Time) civil {
	y, m, d := t.Date()
	return civil{y, int(m), d}
}

func (c civil) time() time.Time { return time.Date(c.y, time.Month(c.m), c.d, 0, 0, 0, 0, time.UTC) }

func (c civil) addDays(n int) civil { return fromTime(c.time().AddDate(0, 0, n)) }

// addMonths moves to the first day of the month n months away.
func (c civil) addMonths(n int) civil {
	return fromTime(time.Date(c.y, time.Month(c.m)+time.Month(n), 1, 0, 0, 0, 0, time.UTC))
}

func (c civil) before(o civil) bool {
	if c.y != o.y {
		return c.y < o.y
	}
	if c.m != o.m {
		return c.m < o.m
	}
	return c.d < o.d
}

func (c civil) weekday() int { return int(c.time().Weekday()) }

func (c civil) format(prec string) string {
	switch prec {
	case "year":
		return fmt.Sprintf("%04d", c.y)
	case "month":
		return fmt.Sprintf("%04d-%02d", c.y, c.m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", c.y, c.m, c.d)
}

func valid(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parseDate reads a Mention.Date back; a month or year starts on its first day.
func parseDate(s string) (civil, error) {
	var c civil
	var err error
	switch len(s) {
	case 4:
		_, err = fmt.Sscanf(s, "%4d", &c.y)
		c.m, c.d = 1, 1
	case 7:
		_, err = fmt.Sscanf(s, "%4d-%2d", &c.y, &c.m)
		c.d = 1
	case 10:
		_, err = fmt.Sscanf(s, "%4d-%2d-%2d", &c.y, &c.m, &c.d)
	default:
		err = fmt.Errorf("dates: bad date %q", s)
	}
	return c, err
}

// urlDate finds a date written in a URL's path: "/2018/03/22/",
// "/20180306-", "-2018-04-10".
var urlDate = regexp.MustCompile(`(?:^|[/_-])((?:19|20)\d\d)(?:/(\d\d)/(\d\d)|(\d\d)(\d\d)|-(\d\d)-(\d\d))(?:[/_.-]|$)`)

// FromURL returns the publication date a news URL carries in its path
// (most outlets write it there: "arabic.cnn.com/…/2018/03/22/…",
// "france24.com/ar/20180306-…"); ok is false when it has none or the
// digits make no date.
func FromURL(u string) (t time.Time, ok bool) {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexByte(u, '/'); i >= 0 {
		u = u[i:] // the path: a host's digits are no date
	} else {
		return time.Time{}, false
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	for _, m := range urlDate.FindAllStringSubmatch(u, -1) {
		y, mo, d := m[1], m[2], m[3]
		if mo == "" {
			mo, d = m[4], m[5]
		}
		if mo == "" {
			mo, d = m[6], m[7]
		}
		t, err := time.Parse("2006-01-02", y+"-"+mo+"-"+d)
		if err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
