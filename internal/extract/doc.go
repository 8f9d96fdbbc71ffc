package extract

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/clean"
	"github.com/raqib/raqib/internal/dates"
	"github.com/raqib/raqib/internal/event"
)

// sentence is a run of tokens [from, to) ending at a full stop, question or
// exclamation mark, or a line break.
type sentence struct {
	from, to   int
	start, end int // byte offsets of the first and last token
	para       int // paragraph (line) number
	boiler     bool
}

// doc is one article under analysis: its tokens, sentences and every layer
// of mentions found in it.
type doc struct {
	// trace, when non-nil, collects the decisions the assembly of events
	// made and why ("raqib extract --explain"); nil in normal extraction.
	trace     *[]traceNote
	art       *event.Article
	d         *arabic.Doc
	toks      []arabic.Token
	sents     []sentence
	sentOf    []int // token index -> sentence index
	anchor    time.Time
	hasAnchor bool
	estimated bool // the anchor was guessed from the text: relative dates are less sure
	dates     []dateMention
	timed     []int // first tokens of date words, resolved or not (without an anchor "أمس" has no date)
	actors    []actorMention
	places    []placeMention
	placed    bool // some sentence names a place (not only a back-reference)
	sources   []sourceMention
	triggers  []arabic.Match[Trigger]
	instr     []arabic.Match[string]
	cues      []arabic.Match[string]
	frames    []arabic.Match[string]
	targets   []arabic.Match[string]
	units     []arabic.Match[string]
	casualty  []arabic.Match[string]
	numbers   []numberMention
	// countries counts the countries of the well-known places the article names.
	countries map[string]int
	// admin1 counts how often each governorate is named, for disambiguation.
	admin1 map[string]int
	// explicit marks events dated by words of their own sentence or paragraph.
	explicit map[*event.Event]bool
	// writtenDate marks events dated by a date written out (not a weekday or
	// "أمس" counted from the publication date).
	writtenDate map[*event.Event]bool
	// unknown marks events at names the gazetteer lacks (true: placed by a side of a town).
	unknown map[*event.Event]bool
	// weak marks events whose type is their event word's default: nothing said what kind of attack.
	weak map[*event.Event]bool
	// bare marks events at a city named like its province with no word saying which ("بإدلب").
	bare map[*event.Event]bool
	// lastActor is the doer of the latest attack, for sentences that go on
	// with its story without naming it ("القصف استهدف قرية…").
	lastActor     *event.Actor
	lastActorSent int
}

type dateMention struct {
	dates.Mention
	tok int // first token index
}

// span returns the exact text of tokens [from, to).
func (dc *doc) span(from, to int) event.Span {
	s, e := dc.toks[from].Start, dc.toks[to-1].End
	return event.Span{Start: s, End: e, Text: dc.art.Text[s:e]}
}

// textOf returns the original text of tokens [from, to).
func (dc *doc) textOf(from, to int) string {
	if from >= to {
		return ""
	}
	return dc.art.Text[dc.toks[from].Start:dc.toks[to-1].End]
}

// norm returns the normalised form of token i, or "" out of range.
func (dc *doc) norm(i int) string {
	if i < 0 || i >= len(dc.toks) {
		return ""
	}
	return dc.toks[i].Norm
}

// key returns token i's normalised form without the article.
func (dc *doc) key(i int) string { return arabic.StripArticle(dc.norm(i)) }

// hasForm reports whether token i reads as one of forms (through clitics).
func (dc *doc) hasForm(i int, forms ...string) bool {
	if i < 0 || i >= len(dc.toks) {
		return false
	}
	for _, c := range dc.d.Cands[i] {
		for _, f := range forms {
			if c.Form == f {
				return true
			}
		}
	}
	return false
}

// split finds sentences and paragraphs, marking boilerplate lines.
func (dc *doc) split() {
	lines := clean.Lines(dc.art.Text)
	li := 0
	dc.sentOf = make([]int, len(dc.toks))
	for _, as := range arabic.Sentences(dc.art.Text, dc.toks) {
		s := sentence{from: as.From, to: as.To, start: as.Start, end: as.End, para: as.Para}
		for li < len(lines) && lines[li].End <= s.start {
			li++
		}
		s.boiler = li < len(lines) && s.start >= lines[li].Start && lines[li].Boilerplate
		for i := s.from; i < s.to; i++ {
			dc.sentOf[i] = len(dc.sents)
		}
		dc.sents = append(dc.sents, s)
	}
}

// digestLead is how many sentences from the top of an article may open it
// as a digest of the day's history.
const digestLead = 6

// markDigest sets aside the entries of a "this day in history" digest
// (CNN's "حدث في 8 سبتمبر"): after a lead that says a list of the day's
// past events follows ("فيما يلي تسلسل لأبرز الأحداث التاريخية في 8
// سبتمبر"), a sentence with no date of its own is an entry of an unnamed
// year ("قصف مدينة لندن بصاروخ V2 لأول مرة"), not news of the day. Entries
// with a year, and the dated news teasers after the list, stay. Explain
// shows the entries as boilerplate.
func (dc *doc) markDigest() {
	head := -1
	for si, s := range dc.sents {
		if si >= digestLead {
			break
		}
		if digestHeader(arabic.Normalize(dc.textOf(s.from, s.to))) {
			head = si
		}
	}
	if head < 0 {
		return
	}
	for si := head + 1; si < len(dc.sents); si++ {
		s := &dc.sents[si]
		if !slices.ContainsFunc(dc.timed, func(i int) bool { return i >= s.from && i < s.to }) {
			s.boiler = true
		}
	}
}

// digestHeader reports whether normalised text announces a list of the
// day's past events: "تسلسل لأبرز الأحداث التاريخية في 8 سبتمبر", "فيما
// يلي تسلسل الأحداث التي حدثت في مثل هذا اليوم" (not a timeline of a
// crisis, "تسلسل الأحداث التاريخية في الأزمة").
func digestHeader(t string) bool {
	if !strings.Contains(t, "الاحداث") || !strings.Contains(t, "تسلسل") && !strings.Contains(t, "فيما يلي") {
		return false
	}
	if strings.Contains(t, "في مثل هذا اليوم") {
		return true
	}
	const day = "الاحداث التاريخيه في "
	i := strings.Index(t, day)
	return i >= 0 && i+len(day) < len(t) && t[i+len(day)] >= '0' && t[i+len(day)] <= '9'
}

// validText reports whether a text can be analysed.
func validText(s string) error {
	if strings.TrimSpace(s) == "" {
		return errEmpty
	}
	if !utf8.ValidString(s) {
		return errUTF8
	}
	if looksBinary(s) {
		return errBinary
	}
	return nil
}

// looksBinary reports text that is mostly not text: more than 1% control
// bytes (NUL and C0 controls other than tab, newline, carriage return and
// form feed). A stray NUL in a real article is tolerated.
func looksBinary(s string) bool {
	ctl := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			ctl++
		}
	}
	return ctl > 2 && ctl*100 > len(s)
}

// traceNote is one decision of the assembly, told for --explain: which
// event word left which place aside, and the rule that said so.
type traceNote struct {
	tok  int // the event word's first token
	text string
}

// skip records that event word t does not make an event at place pm, and why.
func (dc *doc) skip(t arabic.Match[Trigger], pm *placeMention, why string) {
	if dc.trace == nil {
		return
	}
	*dc.trace = append(*dc.trace, traceNote{tok: t.From, text: fmt.Sprintf("%q not at %q: %s", dc.textOf(t.From, t.To), dc.textOf(pm.from, pm.to), why)})
}

// note records a decision about event word t.
func (dc *doc) note(t arabic.Match[Trigger], why string) {
	if dc.trace == nil {
		return
	}
	*dc.trace = append(*dc.trace, traceNote{tok: t.From, text: fmt.Sprintf("%q: %s", dc.textOf(t.From, t.To), why)})
}
