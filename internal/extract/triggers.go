package extract

// Event words and types: the words of a sentence that tell events, and
// the event type each gives.

import (
	"slices"
	"sort"
	"strings"

	"github.com/raqib/raqib/internal/arabic"
)

// typeRank orders event types by how specific they are, as ACLED chooses
// between them for one act: a suicide bombing before the car bomb it used,
// a chemical attack before its delivery, any weapon before a bare "attack".
func typeRank(typ string) int {
	switch typ {
	case "suicide_bomb":
		return 6
	case "chemical_weapon":
		return 5
	case "air_drone_strike", "shelling_artillery_missile_attack", "remote_explosive_landmine_ied", "grenade":
		return 4
	case "excessive_force_against_protesters", "protest_with_intervention", "violent_demonstration", "mob_violence":
		return 3
	case "attack", "armed_clash", "abduction_forced_disappearance", "sexual_violence", "peaceful_protest":
		return 2
	}
	return 1
}

// sentenceTriggers returns the event words of a sentence. A weapon that
// falls or is fired ("سقطت عشرة صواريخ على…", "أطلقت قذائف") is an event word
// too. A protest the sentence says was broken up is one protest with
// intervention, however many words tell it.
func (x *Extractor) sentenceTriggers(dc *doc, s sentence) []arabic.Match[Trigger] {
	var out []arabic.Match[Trigger]
	out = append(out, within(dc.triggers, s)...)
	lexical := len(out)
	for _, m := range dc.instr {
		if m.From < s.from || m.From >= s.to || !attackType(m.Values[0]) {
			continue
		}
		gunfire := m.Values[0] == "armed_clash"
		if gunfire && !dc.killedBy(m, s) && !dc.shotAndHit(m, s) {
			continue // "برصاص" tells a shooting only when someone fell by it
		}
		if dc.shotDown(m, s, out) {
			// "اعترضت الدفاعات الجوية أمس ثلاثة صواريخ كانت تستهدف …": met in flight
			out = append(out, arabic.Match[Trigger]{From: m.From, To: m.To, Values: []Trigger{{Type: "disrupted_weapons_use", Class: "strong"}}})
			continue
		}
		covered := false
		for ti, t := range out {
			if ti >= lexical && t.Values[0].Type != m.Values[0] && t.To == m.From && strings.HasPrefix(dc.norm(m.From), "و") {
				continue // "مقاتلات ومدفعية التحالف": the guns are a second weapon, not the planes again
			}
			if family(t.Values[0].Type) == "protest" && !(t.From <= m.From && m.From < t.To) {
				continue // "لقي متظاهران مصرعهما برصاص الجيش": the protesters do not fire the shots
			}
			if t.From <= m.From && m.From < t.To || abs(t.From-m.From) <= 3 {
				covered = true
			}
		}
		if covered {
			continue
		}
		if m.From > s.from && dc.hasForm(m.From-1, crashWords...) && dc.anyForm(m.From, m.To, aircraftWords...) {
			continue // "سقوط طائرة نقل": an aircraft that fell crashed; nothing struck
		}
		fired, downed, drop := false, false, false
		// a verb of dropping fires what is dropped, not the aircraft
		// ("ألقت مروحيات حربية مناشير": leaflets)
		droppable := !dc.anyForm(m.From, m.To, aircraftWords...)
		for k := max(dc.clauseStart(m.From, s.from, 6), m.From-6); k < m.From; k++ {
			// five or six words back only a fire verb that tells no event of
			// its own ("أطلق مسلحون من بلدة اللطامنة قذائف"); "استهدف حزب الله
			// بصاروخ موجه دبابة" names the tank as the target
			drops := droppable && dc.written(k, droppedWords)
			if (dc.hasForm(k, firedWords...) || drops) && (k >= m.From-4 || !triggerAt(out, k)) {
				fired, drop = true, drops
				// "دمرت الدفاعات الجوية طائرتين مسيرتين": a subject between
				// the verb and the weapon makes the weapon what was destroyed;
				// "دمرت طائرات حربية جسرا" has the weapon as the doer
				downed = dc.hasForm(k, destroyWords...) && k < m.From-1
				break
			}
		}
		// "تمكنوا من تدمير طائرتين دون طيار": the weapon after a verbal noun
		// of destroying or downing is its object
		downed = downed || m.From > s.from && dc.hasForm(m.From-1, downingNouns...)
		if downed {
			out = append(out, arabic.Match[Trigger]{From: m.From, To: m.To, Values: []Trigger{{Type: "disrupted_weapons_use", Class: "strong"}}})
			continue
		}
		if !dc.anyForm(max(s.from, m.From-3), m.From, destroyWords...) && !dc.anyForm(max(s.from, m.From-3), m.From, "تدمير") {
			for k := m.To; k < min(m.To+2, s.to) && !fired; k++ {
				// "أضاف أن صواريخ سقطت على مواقع": the weapon, then what it did
				// (not "تدمير طائرتين أطلقتا من …": what was destroyed)
				fired = dc.hasForm(k, firedWords...) && !dc.hasForm(k, destroyWords...)
			}
		}
		// "مقاتلات ومدفعية التحالف العربي دمرت مواقع": warplanes or guns
		// before a verb of destroying did it
		if !fired && m.Values[0] != "chemical_weapon" {
			end := dc.clauseEnd(m.To, s.to, 5)
			for k := m.To; k < end && !triggerAt(out, k); k++ {
				if dc.hasForm(k, destroyWords...) {
					fired = true
					break
				}
			}
		}
		// "لقي فلسطينيان مصرعهما برصاص الجيش", "قتل ثلاثة بقذيفة": the dead
		// tell that the weapon struck
		fired = fired || dc.killedBy(m, s)
		if gunfire {
			// "لقي فلسطينيان مصرعهما برصاص الجيش": a shooting, an attack when
			// the dead are civilians (decided with the sentence's targets)
			out = append(out, arabic.Match[Trigger]{From: m.From, To: m.To, Values: []Trigger{{Type: "armed_clash", Class: "generic"}}})
		} else if fired {
			typ := m.Values[0]
			if drop && dc.aircraftBefore(m.From, s) {
				typ = "air_drone_strike" // "طائرة تابعة للحكومة ألقت قنابل": bombs dropped from the air
			}
			out = append(out, arabic.Match[Trigger]{From: m.From, To: m.To, Values: []Trigger{{Type: typ, Class: "strong"}}})
		}
	}
	// "تمكنت قوات النظام الخميس من السيطرة للمرة الأولى منذ ثلاثة أعوام على
	// نقطة": taking control told with words between the noun and its "على"
	for k := s.from + 1; k < s.to; k++ {
		if dc.key(k) != "سيطره" || !dc.hasForm(k-1, "من") || triggerAt(out, k) || !dc.anyForm(max(s.from, k-9), k-1, enabledWords...) {
			continue
		}
		if dc.aheadInClause(k, s, func(h int) bool { return dc.hasForm(h, "علي") }) {
			out = append(out, takeoverAt(k))
		}
	}
	// "استولت القوات التركية والجيش السوري الحر على المدينة": a verb of
	// seizing with its subject between it and its "على"
	for k := s.from; k < s.to; k++ {
		if !dc.hasForm(k, seizeVerbs...) || triggerAt(out, k) {
			continue
		}
		if dc.aheadInClause(k, s, func(h int) bool { return dc.hasForm(h, "علي") }) {
			out = append(out, takeoverAt(k))
		}
	}
	// "أطلق جنود إسرائيليون النار على متظاهرين": the verb of firing with
	// its subject between it and "النار"; at protesters, force used on them
	for k := s.from + 2; k < s.to; k++ {
		if dc.key(k) != "نار" || triggerAt(out, k) {
			continue
		}
		for v := k - 2; v >= max(s.from, k-5); v-- {
			if !dc.hasForm(v, fireVerbs...) || triggerAt(out, v) {
				continue
			}
			tr := Trigger{Type: "armed_clash", Class: "generic"}
			if k+2 < s.to && dc.hasForm(k+1, "علي") && dc.hasForm(k+2, protesterWords...) {
				tr = Trigger{Type: "excessive_force_against_protesters", Class: "strong"}
			}
			out = append(out, arabic.Match[Trigger]{From: v, To: v + 1, Values: []Trigger{tr}})
			break
		}
	}
	// "سقطت كركوك والموصل دون مقاومة بيد الأكراد": a place that fell into
	// someone's hands was taken
	for k := s.from; k < s.to; k++ {
		if !dc.hasForm(k, fallWords...) {
			continue
		}
		if dc.aheadInClause(k, s, func(h int) bool {
			return dc.hasForm(h, "بيد", "بايدي", "قبضه", "بقبضه") || dc.hasForm(h, "يد", "ايدي") && dc.hasForm(h-1, "في")
		}) {
			out = append(out, takeoverAt(k))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].From < out[j].From })
	// "تصدت الدفاعات الجوية لغارات إسرائيلية": the strikes are the event,
	// not a second one of confronting them
	// (and "… وأسقطت عددا من الصواريخ" after it downed some of them)
	struck := -1
	for _, o := range out {
		if dc.interceptedStrike(o) {
			struck = o.From
			break
		}
	}
	if struck >= 0 {
		kept := out[:0]
		for _, o := range out {
			if o.Values[0].Type == "disrupted_weapons_use" && (o.From > struck || struck-o.To <= 6) {
				continue
			}
			kept = append(kept, o)
		}
		out = kept
	}
	upgraded := ""
	for _, t := range out {
		if typ := t.Values[0].Type; typ == "protest_with_intervention" || typ == "excessive_force_against_protesters" {
			upgraded = typ
		}
	}
	if upgraded != "" {
		for i, t := range out {
			if t.Values[0].Type == "peaceful_protest" {
				out[i].Values = []Trigger{{Type: upgraded, Class: t.Values[0].Class}}
			}
		}
	}
	return out
}

// aheadInClause reports a word after token k, in its clause and at most
// nine words on, at which ok holds: where a verb or noun of taking has
// its "على" or "بيد" after its subject.
func (dc *doc) aheadInClause(k int, s sentence, ok func(h int) bool) bool {
	for h := k + 1; h < min(dc.clauseEnd(k+1, s.to, 10), k+10); h++ {
		if ok(h) {
			return true
		}
	}
	return false
}

// takeoverAt is the event word of taking territory at token k.
func takeoverAt(k int) arabic.Match[Trigger] {
	return arabic.Match[Trigger]{From: k, To: k + 1, Values: []Trigger{{Type: "non_state_actor_overtakes_territory", Class: "territory"}}}
}

// gunmenWords name fighters on foot ("مسلحون", "عناصر", "خلايا"): what
// they target with no weapon named they attack on the ground.
var gunmenWords = words("gunmen")

// seizeVerbs seize a place ("استولت القوات … على المدينة").
var seizeVerbs = words("seize")

// fireVerbs open fire ("أطلق النار", "فتحوا النار") with a subject
// between them and "النار".
var fireVerbs = words("fire_verbs")

// protesterWords name protesters, at whom fire is force used on a protest.
var protesterWords = words("protesters")

// crashWords tell an aircraft falling or breaking up: a crash, not a strike.
var crashWords = words("crash")

// aircraftWords name aircraft (written as matching sees them: "طايرة").
var aircraftWords = words("aircraft")

// fallWords tell a place falling ("سقطت المدينة بيد…").
var fallWords = words("fall")

// weaponAt reports a weapon word starting at token k ("برصاص").
func (dc *doc) weaponAt(k int) bool {
	for _, m := range dc.instr {
		if m.From == k {
			return true
		}
	}
	return false
}

// killedBy reports a weapon that someone was killed or wounded by: a word
// for the dead or wounded at most five words before it in its sentence
// ("لقي فلسطينيان مصرعهما برصاص الجيش", "أصيب شاب بالرصاص الحي").
func (dc *doc) killedBy(m arabic.Match[string], s sentence) bool {
	for _, c := range dc.casualty {
		if c.From >= max(s.from, m.From-5) && c.To <= m.From && (c.Values[0] == "killed" || c.Values[0] == "injured") {
			return true
		}
	}
	return false
}

// shotAndHit reports gunfire a fire verb right before it lets off and that
// left dead or wounded after it in the sentence ("أطلق عدة أعيرة نارية على
// مجموعة … فأصاب ستة").
func (dc *doc) shotAndHit(m arabic.Match[string], s sentence) bool {
	if !dc.anyForm(max(s.from, m.From-3), m.From, firedWords...) {
		return false
	}
	for _, c := range dc.casualty {
		if c.From >= m.To && c.From < s.to && (c.Values[0] == "killed" || c.Values[0] == "injured") {
			return true
		}
	}
	return false
}

// triggerAt reports an event word at token k.
func triggerAt(ts []arabic.Match[Trigger], k int) bool {
	for _, t := range ts {
		if t.From <= k && k < t.To {
			return true
		}
	}
	return false
}

// destroyWords destroy what follows them: a weapon they govern was shot
// down or destroyed before it struck.
var destroyWords = words("destroy")

// shotDownWords are the verbs of intercepting that only take a weapon
// ("اعترضت"), not the ones that also tell a drop or a fall ("أسقطت"،
// "تسقط").
var shotDownWords = words("shot_down")

// shotDown reports a weapon that a verb of intercepting before it in its
// clause met in flight, words apart, when no event word of downing tells it
// already ("اعترضت صاروخا").
func (dc *doc) shotDown(m arabic.Match[string], s sentence, out []arabic.Match[Trigger]) bool {
	for _, t := range out {
		if t.Values[0].Type == "disrupted_weapons_use" && t.From <= m.From && m.From-t.To <= 3 {
			return false
		}
	}
	for k := max(dc.clauseStart(m.From, s.from, 6), m.From-6); k < m.From; k++ {
		if dc.hasForm(k, shotDownWords...) && !triggerAt(out, k) {
			return true
		}
	}
	return false
}

// firedWords make a weapon word an event: it fell, hit or was fired.
var firedWords = words("fired")

// droppedWords are verbs of dropping ("ألقت"), which the clitic reading
// takes for the article and a stem: they are read as written (doc.written).
var droppedWords = wordMap("dropped")

// aircraftBefore reports a means of the air (an instrument of air strikes:
// an aircraft, "الطيران", a drone) named before token i in its clause.
func (dc *doc) aircraftBefore(i int, s sentence) bool {
	from := dc.clauseStart(i, s.from, 10)
	for _, m := range dc.instr {
		if m.From >= from && m.To <= i && m.Values[0] == "air_drone_strike" {
			return true
		}
	}
	return false
}

// killedWithin reports a word of the dead in tokens [from, to).
func (dc *doc) killedWithin(from, to int) bool {
	for _, c := range dc.casualty {
		if c.From >= from && c.From < to && c.Values[0] == "killed" {
			return true
		}
	}
	return false
}

// typeOf decides a trigger's event type: strong words fix it, attack words
// take it from the weapon named nearest, territory words from who acts.
func (x *Extractor) typeOf(dc *doc, t arabic.Match[Trigger], s sentence, a1 *actorPick) string {
	tr := t.Values[0]
	if attackType(tr.Type) && x.foiledAfter(dc, t, s) {
		return "disrupted_weapons_use"
	}
	switch tr.Class {
	case "generic":
		best, bestD := "", 1<<30
		// another event word of the sentence close by names the kind of
		// attack ("تفجير استهدف", "غارات استهدفت")
		for _, o := range within(dc.triggers, s) {
			if o.From == t.From || !attackType(o.Values[0].Type) {
				continue
			}
			d := abs(o.From - t.From)
			specific := o.Values[0].Type != "shelling_artillery_missile_attack" && o.Values[0].Type != "armed_clash"
			if d <= 4 && d < bestD && (o.Values[0].Class == "strong" || specific && o.Values[0].Type != tr.Type) {
				best, bestD = o.Values[0].Type, d
			}
		}
		for _, m := range within(dc.instr, s) {
			d := m.From - t.To
			if m.To <= t.From {
				d = t.From - m.To
			}
			if d < 0 {
				d = 0
			}
			if d < bestD && !insideOther(m, t, within(dc.triggers, s)) {
				best, bestD = m.Values[0], d
			}
		}
		if best != "" {
			return best
		}
		if a1 != nil && a1.air {
			return "air_drone_strike"
		}
		if attackType(tr.Type) && t.To < s.to && (dc.hasForm(t.To, protesterWords...) || dc.hasForm(t.To, "حشود")) {
			return "violent_demonstration" // "هاجمت الحشود الغاضبة المباني": protesters who attack riot
		}
		if tr.Type == "shelling_artillery_missile_attack" && a1 != nil && a1.idx >= 0 && dc.hasForm(dc.actors[a1.idx].from, gunmenWords...) {
			// "مسلحون استهدفوا قرية": gunmen with no weapon of range named
			// attacked on the ground
			return "armed_clash"
		}
		if bombard := tr.Type == "shelling_artillery_missile_attack" || tr.Type == "air_drone_strike"; bombard {
			if st := x.storyType(dc, s); st != "" {
				return st // "القصف" after a story of air strikes is the air strikes
			}
		}
		return tr.Type
	case "territory":
		if a1 != nil && isGovernment(a1.code) {
			return "government_regains_territory"
		}
		return "non_state_actor_overtakes_territory"
	}
	return tr.Type
}

// insideOther reports a weapon word that is part of another event word of
// the sentence ("هجوم كيميائي"): it says that event's kind, not the kind of
// a generic word elsewhere ("استهدفت صورايخ مطار التيفور … على هجوم كيميائي").
func insideOther(m arabic.Match[string], t arabic.Match[Trigger], trigs []arabic.Match[Trigger]) bool {
	for _, o := range trigs {
		if o.From != t.From && o.From <= m.From && m.To <= o.To && o.To-o.From > m.To-m.From {
			return true
		}
	}
	return false
}

// attackType reports the types that a foiling can be of.
func attackType(typ string) bool {
	switch typ {
	case "armed_clash", "air_drone_strike", "shelling_artillery_missile_attack", "remote_explosive_landmine_ied", "suicide_bomb", "grenade", "chemical_weapon", "attack":
		return true
	}
	return false
}

// family groups event types that tell one story: a protest and its
// dispersal, an attack and its casualties.
func family(typ string) string {
	switch typ {
	case "peaceful_protest", "protest_with_intervention", "excessive_force_against_protesters", "violent_demonstration", "mob_violence", "arrests":
		return "protest"
	}
	if attackType(typ) {
		return "attack"
	}
	return typ
}

// storyType is the attack kind the article has been telling in the three
// sentences before s, read from their weapon words ("" when none or mixed).
func (x *Extractor) storyType(dc *doc, s sentence) string {
	from := s.start
	si := dc.sentOf[s.from]
	if si >= 3 {
		from = dc.sents[si-3].start
	} else if si > 0 {
		from = dc.sents[0].start
	}
	kind := ""
	for _, m := range dc.instr {
		st := dc.toks[m.From].Start
		if st < from || st >= s.start {
			continue
		}
		if kind != "" && kind != m.Values[0] {
			return ""
		}
		kind = m.Values[0]
	}
	return kind
}

// story groups the types that one retold event may take: an attack and
// its foiling are one story; any other type only with itself (a protest
// and its dispersal are joined by upgrade, an arrest stays an arrest).
func story(typ string) string {
	if typ == "disrupted_weapons_use" || attackType(typ) {
		return "attack"
	}
	return typ
}

// enabledWords say an actor managed to do what follows ("تمكنت من",
// "استطاعت", "نجحت في").
var enabledWords = words("enabled")

// downingNouns are verbal nouns of destroying or downing: the weapon after
// one is what was destroyed ("تدمير طائرتين دون طيار").
var downingNouns = words("downing")

// wholeWords begin with a letter that could be a proclitic but are words
// of their own ("وحيد").
var wholeWords = words("whole_words")

// dropInWholeWords removes event words read inside one of wholeWords by
// taking a letter off it: "منفذ وحيد" tells no "حيد" (neutralised).
func (dc *doc) dropInWholeWords(ts []arabic.Match[Trigger]) []arabic.Match[Trigger] {
	out := ts[:0]
	for _, t := range ts {
		if !slices.Contains(wholeWords, arabic.StripArticle(dc.norm(t.From))) {
			out = append(out, t)
		}
	}
	return out
}
