package extract

// Speakers: who tells a sentence, with what stance, and the denials and
// claims of responsibility that attach to events told elsewhere.

import (
	"github.com/raqib/raqib/internal/event"
)

// sentCtx is what a sentence says about the events in it beyond the
// events themselves: who speaks, with what stance, and when.
type sentCtx struct {
	speaker    *speaker
	hedge      bool
	deny       bool
	denier     string
	habitual   bool
	background bool
	speakers   map[int]bool // actor mention indexes that are speakers, not parties to the event
}

type speaker struct {
	text  string
	code  string
	party bool // a party to the conflict (claims) rather than a reporter (reports)
}

func (x *Extractor) sentenceContext(dc *doc, si int, prev *speaker) sentCtx {
	s := dc.sents[si]
	sc := sentCtx{speakers: map[int]bool{}}
	// "واشنطن: …", "اليمن: عشرات القتلى في غارات": a name and a colon
	// opening a headline or sentence label who speaks or where, not the doer.
	lo, hi := dc.actorRange(s)
	for i := lo; i < hi; i++ {
		am := dc.actors[i]
		if am.from >= s.from && am.from <= s.from+1 && am.to < s.to && dc.toks[am.to].Norm == ":" {
			sc.speakers[i] = true
			if am.kind != "state" && am.kind != "civilian" {
				sc.speaker = &speaker{text: dc.textOf(am.from, am.to), code: speakerCode(am), party: true}
			}
		}
	}
	for _, c := range within(dc.cues, s) {
		switch c.Values[0] {
		case "habitual", "span":
			sc.habitual = true
		case "hedge":
			sc.hedge = true
		case "background":
			if c.From <= s.from+2 {
				sc.background = true
			}
		case "report", "deny":
			sp, idx := x.speakerAfter(dc, c.To, s.to)
			if idx >= 0 && sc.speaker == nil && armed(dc.actors[idx]) && dc.anyForm(c.To, dc.actors[idx].from, "ان") {
				// "وقالت مصادر إن طائرات أمريكية قصفت": the reported clause's
				// subject acts, it does not speak (a later "مضيفة أن …" of a
				// named speaker keeps its reading)
				sp, idx = nil, -1
			}
			if sp == nil {
				sp, idx = x.speakerBefore(dc, c.From, s.from)
			}
			if idx >= 0 {
				sc.speakers[idx] = true
				// "قال الرئيس الأميركي دونالد ترامب": the name in apposition speaks too
				for k := idx + 1; k < hi && dc.actors[k].from == dc.actors[k-1].to; k++ {
					sc.speakers[k] = true
				}
			}
			if c.Values[0] == "deny" {
				sc.deny = true
				if sp != nil {
					sc.denier = sp.code
				}
				continue
			}
			if sp != nil && sc.speaker == nil {
				sc.speaker = sp
			} else if sp == nil && sc.speaker == nil {
				sc.speaker = prev // "وأضاف", "وأوضح": the last speaker goes on
			}
		}
	}
	return sc
}

// speakerAfter finds who speaks after a reporting word: "وقال المرصد",
// "بحسب وكالة سانا", "أعلنت وزارة الدفاع الروسية".
func (x *Extractor) speakerAfter(dc *doc, from, to int) (*speaker, int) {
	limit := min(from+5, to)
	for _, sm := range dc.sources {
		if sm.from >= from && sm.from < limit {
			return x.sourceSpeaker(dc, sm), -1
		}
	}
	for i, am := range dc.actors {
		if am.from >= from && am.from < limit && am.kind != "civilian" && am.kind != "local" {
			return &speaker{text: dc.textOf(am.from, am.to), code: speakerCode(am), party: true}, i
		}
	}
	return nil, -1
}

func (x *Extractor) speakerBefore(dc *doc, at, from int) (*speaker, int) {
	for _, sm := range dc.sources {
		if sm.to == at && sm.from >= from {
			return x.sourceSpeaker(dc, sm), -1
		}
	}
	for i, am := range dc.actors {
		if am.to == at && am.from >= from && am.kind != "civilian" && am.kind != "local" {
			return &speaker{text: dc.textOf(am.from, am.to), code: speakerCode(am), party: true}, i
		}
	}
	return nil, -1
}

// sourceSpeaker makes a speaker of a source; a source that is a party to
// the conflict (a ministry, the Russian reconciliation centre) claims.
func (x *Extractor) sourceSpeaker(dc *doc, sm sourceMention) *speaker {
	return &speaker{text: dc.textOf(sm.from, sm.to), code: sm.code, party: x.lx.ActorCodes[sm.code]}
}

// speakerCode is the code of an actor that speaks: a state speaks as its government.
func speakerCode(am actorMention) string {
	if am.kind == "state" {
		return role(am.code, "agreement")
	}
	return am.code
}

func (x *Extractor) opensWithReport(dc *doc, s sentence) bool {
	for _, c := range dc.cues {
		if c.From == s.from && c.Values[0] == "report" {
			sp, _ := x.speakerAfter(dc, c.To, s.to)
			return sp == nil
		}
	}
	return false
}

// linkDenial adds a denial to the events it denies: those at a place the
// denying sentence names, or else the latest event before it.
func (x *Extractor) linkDenial(dc *doc, s sentence, denier string, before []*event.Event) {
	var ids []string
	for k := range dc.places {
		pm := &dc.places[k]
		if pm.from >= s.from && pm.from < s.to && pm.place != nil {
			ids = append(ids, pm.place.ID)
		}
	}
	linked := false
	for _, e := range before {
		if e.Location == nil || e.Claim == nil {
			continue
		}
		for _, id := range ids {
			if e.Location.GazetteerID == id && e.Claim.DeniedBy == "" {
				e.Claim.DeniedBy = denier
				linked = true
			}
		}
	}
	if !linked && len(ids) == 0 && len(before) > 0 {
		if e := before[len(before)-1]; e.Claim != nil && e.Claim.DeniedBy == "" && e.Claim.Status == event.Claimed {
			e.Claim.DeniedBy = denier
		}
	}
}

// responsibility words: a group that claims an attack did it.
var responsibility = words("responsibility")

// amongWords open a sentence about some of what the sentence before told
// ("وكان من بينها هجومان").
var amongWords = words("among")

// claimant finds an actor claiming responsibility in the sentence or the
// next one ("وتبنت حركة الشباب الهجوم", "أعلن تنظيم الدولة مسؤوليته عن
// التفجير"), or in the one before when the sentence tells some of its attacks.
func (x *Extractor) claimant(dc *doc, s sentence, typ string) *actorPick {
	si := dc.sentOf[s.from]
	from, to := s.from, s.to
	if si+1 < len(dc.sents) {
		to = dc.sents[si+1].to
	}
	if si > 0 && dc.anyForm(s.from, min(s.from+5, s.to), amongWords...) {
		// "وأعلن التنظيم مسؤوليته عن أغلبها. وكان من بينها هجومان …": the
		// attacks among those claimed in the sentence before
		from = dc.sents[si-1].from
	}
	for k := from; k < to; k++ {
		if !dc.hasForm(k, responsibility...) {
			continue
		}
		// a named group before an unnamed one: "أعلن تنظيم الدولة الذي ينشط
		// متشددون موالون له في سيناء مسؤوليته"
		best := -1
		for i, am := range dc.actors {
			if am.from >= k-14 && am.from <= k+3 && armed(am) && (best < 0 || dc.actors[best].kind == "generic" && am.kind != "generic") {
				best = i
			}
		}
		if best >= 0 {
			return x.pickOf(dc, best, typ)
		}
	}
	return nil
}
