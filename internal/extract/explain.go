package extract

import (
	"fmt"
	"strings"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/eventclf"
)

// Explain returns a readable account of what the extractor saw in an
// article, sentence by sentence: triggers, actors, places, dates and cues.
// It is for people tuning lexicons ("raqib extract --explain").
func (x *Extractor) Explain(a event.Article) string {
	dc, err := x.analyze(a)
	if err != nil {
		return "error: " + err.Error()
	}
	// the assembly's decisions, told with each sentence, and its events
	var trace []traceNote
	dc.trace = &trace
	evs := x.vet(x.assemble(dc))
	var b strings.Builder
	in := func(s sentence, from int) bool { return from >= s.from && from < s.to }
	for _, s := range dc.sents {
		fmt.Fprintf(&b, "## [%d-%d] p%d", s.start, s.end, s.para)
		if s.boiler {
			b.WriteString(" (boilerplate)")
		}
		fmt.Fprintf(&b, "\n%s\n", dc.art.Text[s.start:s.end])
		for _, t := range dc.triggers {
			if in(s, t.From) {
				fmt.Fprintf(&b, "  trigger %q %s/%s", dc.textOf(t.From, t.To), t.Values[0].Type, t.Values[0].Class)
				if f := x.framed(dc, t, s); f != "" {
					fmt.Fprintf(&b, " frame:%s", f)
				}
				if !dc.introduces(t) {
					b.WriteString(" (names no new event alone: definite, plural or purpose)")
				}
				if x.suppressed(dc, t, s) {
					b.WriteString(" suppressed")
				}
				b.WriteString("\n")
			}
		}
		for _, m := range dc.targets {
			if in(s, m.From) {
				fmt.Fprintf(&b, "  target %q %s\n", dc.textOf(m.From, m.To), m.Values[0])
			}
		}
		for _, k := range eventclf.Kinds {
			fmt.Fprintf(&b, "  classifier %s %.3f\n", k, x.clf.Score(k, dc.art.Text[s.start:s.end]))
		}
		for _, m := range dc.instr {
			if in(s, m.From) {
				fmt.Fprintf(&b, "  instrument %q %s\n", dc.textOf(m.From, m.To), m.Values[0])
			}
		}
		for _, m := range dc.actors {
			if in(s, m.from) {
				fmt.Fprintf(&b, "  actor %q %s (%s)\n", dc.textOf(m.from, m.to), m.code, m.kind)
			}
		}
		for _, m := range dc.sources {
			if in(s, m.from) {
				fmt.Fprintf(&b, "  source %q %s\n", dc.textOf(m.from, m.to), m.code)
			}
		}
		for _, p := range dc.places {
			if !in(s, p.from) {
				continue
			}
			id := "?"
			if p.place != nil {
				id = p.place.ID
			}
			fmt.Fprintf(&b, "  place %q -> %s (%.3f,%.3f) p%d", p.name, id, p.lat, p.lon, p.precision)
			for _, f := range []struct {
				on   bool
				name string
			}{{p.qualifier, "qualifier"}, {p.region, "region"}, {p.near, "near"}, {p.origin, "origin"}, {p.excepted, "excepted"}, {p.anaphor, "anaphor"}, {p.unresolved, "unresolved"}} {
				if f.on {
					b.WriteString(" " + f.name)
				}
			}
			b.WriteString("\n")
		}
		for _, d := range dc.dates {
			if in(s, d.tok) {
				fmt.Fprintf(&b, "  date %q %s %s\n", a.Text[d.Start:d.End], d.Date, d.Precision)
			}
		}
		for _, c := range dc.cues {
			if in(s, c.From) {
				fmt.Fprintf(&b, "  cue %q %s\n", dc.textOf(c.From, c.To), c.Values[0])
			}
		}
		for _, n := range trace {
			if in(s, n.tok) {
				fmt.Fprintf(&b, "  decided %s\n", n.text)
			}
		}
	}
	fmt.Fprintf(&b, "## events: %d\n", len(evs))
	for _, e := range evs {
		place := "-"
		if e.Location != nil {
			place = e.Location.Name
		}
		date, a1 := "-", "-"
		if e.Date != nil {
			date = *e.Date
		}
		if e.Actor1 != nil {
			a1 = e.Actor1.Code
		}
		fmt.Fprintf(&b, "  %s @ %q %s %s", e.EventType, place, date, a1)
		if e.Fatalities != nil {
			fmt.Fprintf(&b, " dead %d", *e.Fatalities)
		}
		b.WriteString("\n")
	}
	return b.String()
}
