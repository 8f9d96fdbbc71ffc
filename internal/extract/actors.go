package extract

// Actors: who acts and who is acted upon, as the words around an event
// word and the place of the story say.

import (
	"sort"
	"strings"

	"github.com/raqib/raqib/internal/arabic"
)

// placeAt reports an actor whose words are also a place mention of the
// sentence, other than where something came from: a base or an airport
// ("قاعدة حميميم", "مطار المزة") named as where an event happened.
func (dc *doc) placeAt(am actorMention) bool {
	for _, pm := range dc.places {
		if !pm.origin && !pm.qualifier && pm.place != nil && pm.nameFrom < am.to && am.from < pm.nameTo {
			return !(pm.place.Kind == "country" && dc.accused(am))
		}
	}
	return false
}

// loyalWords give the side someone is loyal to.
var loyalWords = words("loyal")

// accused reports an actor named as the accused of an accusation in its
// sentence ("اتهم رئيس مركز المصالحة … الولايات المتحدة الأمريكية
// باستخدام قنابل"): a state so named is the doer, not the place hit.
func (dc *doc) accused(am actorMention) bool {
	s := dc.sents[dc.sentOf[am.from]]
	return dc.anyForm(max(s.from, am.from-12), am.from, accuseWords...)
}

// supportWords introduce who backs the doer: "مسنودة بطيران التحالف",
// "بدعم من روسيا", "بإسناد التحالف".
var supportWords = words("support")

// supporter reports an actor named as backing the doer, within three words
// after a support word: not the doer of the event.
func (dc *doc) supporter(am actorMention) bool {
	for k := max(0, am.from-3); k < am.from; k++ {
		if dc.hasForm(k, supportWords...) {
			return true
		}
	}
	return strings.HasPrefix(dc.norm(am.from), "بدعم") || strings.HasPrefix(dc.norm(am.from), "باسناد")
}

// interceptWords are verbs of intercepting or downing a weapon in flight
// ("اعترضت", "أسقطت", "تصدت").
var interceptWords = words("intercept")

// interceptor reports an actor that is the subject of an interception verb
// right before or after it ("اعترضت قوات الدفاع الجوي السعودي، الجمعة، صاروخا",
// "الدفاع الجوي السعودي يعترض صاروخا"): of the missile it met it is not the
// launcher (SPEC §4: the launcher attacks, the interceptor downs).
func (dc *doc) interceptor(am actorMention) bool {
	return dc.hasForm(am.from-1, interceptWords...) || dc.hasForm(am.to, interceptWords...)
}

// ownControl reports "سيطرتها", "سيطرته", "سيطرتهم" at token i: control
// whose holder is a pronoun (what it holds follows with "على").
func (dc *doc) ownControl(i int) bool {
	n := dc.norm(i)
	for _, suf := range []string{"سيطرتها", "سيطرته", "سيطرتهم", "سيطرتهما"} {
		if strings.HasSuffix(n, suf) {
			return dc.hasForm(i+1, "علي")
		}
	}
	return false
}

// placeStartsAt reports a place mention that begins at token i: what a
// takeover told with "على" took ("سيطرتها على مطار الحديدة"), named and
// placed, not a place the sentence names elsewhere.
func (dc *doc) placeStartsAt(i int) bool {
	for _, pm := range dc.places {
		if pm.from == i {
			return true
		}
	}
	return false
}

// controlWords say who holds a place: "خاضعة لسيطرة المعارضة", "التي
// يسيطر عليها جيش الإسلام", "مناطق نفوذ الحوثيين".
var controlWords = words("control")

// controller reports an actor named as who holds a place, within two words
// after a control word: a description of the place, not a doer.
func (dc *doc) controller(am actorMention) bool {
	for k := max(0, am.from-2); k < am.from; k++ {
		if dc.hasForm(k, controlWords...) {
			return true
		}
	}
	return false
}

// agentWords introduce the doer after a passive or a verbal noun: "غارة
// نفذتها طائرات…", "من قبل قوات النظام", "براميل ألقتها مروحيات…".
var agentWords = words("agent")

// objectWords introduce the side acted upon: "على مواقع المعارضة", "ضد
// قوات النظام", "في صفوف الميليشيات", "مقرات لهيئة تحرير الشام".
var objectWords = words("object")

// withWords introduce the other side of talks and agreements: "مع نظيره التركي".
var withWords = words("with")

// civilianTarget reports an attack word aimed at a place of civilian life
// or at civilians (targets.tsv, CIV actors) within its clause, after it.
func (x *Extractor) civilianTarget(dc *doc, t arabic.Match[Trigger], s sentence) bool {
	end := min(dc.clauseEnd(t.To, s.to, 12), t.To+6)
	for _, m := range within(dc.targets, s) {
		if m.From >= t.To && m.From < end && m.Values[0] == "civilian" {
			return true
		}
	}
	lo, hi := dc.actorRange(s)
	for _, am := range dc.actors[lo:hi] {
		if am.from >= t.To && am.from < end && am.code == "CIV" {
			return true
		}
	}
	return x.civilianDead(dc, s)
}

// civilianDead reports a sentence whose dead are counted as people or
// civilians, not fighters ("قتل فيهما أكثر من 40 شخصا"): an attack word
// that does not say its kind killed civilians there.
func (x *Extractor) civilianDead(dc *doc, s sentence) bool {
	for _, c := range within(dc.casualty, s) {
		if c.Values[0] != "killed" {
			continue
		}
		for k := c.To; k < min(c.To+6, s.to); k++ {
			if u, ok := x.lx.Units.At(dc.d, k, s.to); ok && u.From == k {
				if civilianUnits[arabic.Key(u.Values[0])] {
					return true
				}
				break // the first unit counts the dead
			}
		}
	}
	return false
}

// civilianUnits are the units of units.tsv that count civilians.
var civilianUnits = wordMap("civilian_units")

// governmentAllies are the foreign states whose forces fight for a
// country's government: "SYR:RUS" (words.tsv).
var governmentAllies = wordMap("government_allies")

// foreignForce reports a state's forces acting in another country that are
// not its government's allies.
func foreignForce(code, country string) bool {
	state, _, ok := strings.Cut(code, ".")
	if !ok || country == "" || state == country || len(state) != 3 || !isGovernment(code) {
		return false
	}
	return !governmentAllies[country+":"+state]
}

func isGovernment(code string) bool {
	return code == "SYR.GOV" || strings.HasSuffix(code, ".GOV") || strings.HasSuffix(code, ".MIL")
}

// actorPick is an actor chosen for an event.
type actorPick struct {
	code, text string
	air        bool
	idx        int
	kind       string
}

func (x *Extractor) pickOf(dc *doc, i int, typ string) *actorPick {
	am := dc.actors[i]
	code := am.code
	if am.kind == "state" {
		code = role(code, typ)
	}
	if owner := dc.possessor(i); owner != "" {
		code = owner + ".MIL" // "هددت تركيا … سيطرت قواتها": Turkey's forces
	} else if strings.HasPrefix(code, localCode) {
		// "أصدر مجلس الوزراء الإسرائيلي تعليماته للجيش": the army of the
		// government that speaks to it in the same sentence
		if gov := dc.governmentBefore(i); gov != "" {
			code = gov + "." + strings.TrimPrefix(code, localCode)
		}
	}
	return &actorPick{code: code, text: dc.textOf(am.from, am.to), air: am.air, idx: i, kind: am.kind}
}

// namedAt returns the index of the named actor (not a head noun with a
// nationality, as "القوات اليمنية") that covers token i, or -1.
func (dc *doc) namedAt(i int) int {
	for k, am := range dc.actors {
		if am.from <= i && i < am.to && !am.head {
			return k
		}
	}
	return -1
}

// possessor returns the country whose forces a possessive force word names
// ("قواتها", "جيشه", "طائراتهم"): the last state named before it, in its
// sentence or the one before; "" when the word has no possessive or no
// state comes before.
func (dc *doc) possessor(i int) string {
	am := dc.actors[i]
	if am.kind == "state" || am.to != am.from+1 {
		return ""
	}
	w := arabic.StripArticle(dc.norm(am.from))
	if !(strings.HasSuffix(w, "ها") || strings.HasSuffix(w, "هم") || strings.HasSuffix(w, "ه")) || !dc.hasForm(am.from, possessiveForces...) {
		return ""
	}
	// the sentence's topic: its first state before the word ("هددت تركيا …
	// المدعومين من الولايات المتحدة … سيطرت قواتها"), else the last state of
	// the sentence before
	si := dc.sentOf[am.from]
	topic := ""
	for k := i - 1; k >= 0; k-- {
		p := dc.actors[k]
		if dc.sentOf[p.from] < si-1 || dc.sentOf[p.from] < si && topic != "" {
			break
		}
		if p.kind == "state" {
			topic = p.code
		}
	}
	return topic
}

// governmentBefore returns the country of a government body or official
// named before actor i in its sentence, or "".
func (dc *doc) governmentBefore(i int) string {
	si := dc.sentOf[dc.actors[i].from]
	for k := i - 1; k >= 0 && dc.sentOf[dc.actors[k].from] == si; k-- {
		if c := dc.actors[k].code; strings.HasSuffix(c, ".GOV") && c != "SYR.GOV" && dc.actors[k].kind != "force" {
			return strings.TrimSuffix(c, ".GOV")
		}
	}
	return ""
}

// possessedDeed reports a verbal noun of attacking with a possessive
// pronoun at token i ("بإطلاقها", "وقصفهم", "هجماته"; words.tsv deed_nouns).
func (dc *doc) possessedDeed(i int) bool {
	w := dc.norm(i)
	for _, p := range []string{"و", "ف"} {
		if strings.HasPrefix(w, p) && len(w) > 8 {
			w = strings.TrimPrefix(w, p)
			break
		}
	}
	for _, p := range []string{"ب", "ل"} {
		if strings.HasPrefix(w, p) && len(w) > 8 {
			w = strings.TrimPrefix(w, p)
			break
		}
	}
	for _, suf := range []string{"ها", "هم", "ه"} {
		if stem, ok := strings.CutSuffix(w, suf); ok && deedNouns[stem] {
			return true
		}
	}
	return false
}

// personsPlural reports a plural of persons at token i ("المسلحين",
// "الحوثيون", "مقاتلو"): what "هم" points back to.
func (dc *doc) personsPlural(i int) bool {
	n := dc.norm(i)
	return strings.HasSuffix(n, "ين") || strings.HasSuffix(n, "ون") || strings.HasSuffix(n, "و") || dc.hasForm(i, gunmenWords...)
}

// deedNouns are verbal nouns of attacking (words.tsv deed_nouns).
var deedNouns = wordMap("deed_nouns")

// possessiveForces are force words with a possessive pronoun.
var possessiveForces = words("possessive_forces")

// placeActor completes an actor's code with the country the event is in:
// forces named without a country ("قوات الأمن") are that country's, and a
// generic name that means a Syrian side in Syria ("الجيش الوطني") means that
// country's army elsewhere.
func placeActor(a *actorPick, country, typ string) string {
	n := arabic.Normalize(a.text)
	talks := typ == "consult" || typ == "agreement" || typ == "ceasefire" // talks abroad are about Syria's sides
	namedArmy := a.kind == "group" && strings.Contains(n, "جيش")          // "الجيش الوطني" in Yemen is Yemen's army
	if !talks && strings.HasPrefix(a.code, "SYR.") && country != "" && country != "SYR" && (a.kind == "generic" || a.kind == "force" || namedArmy) && !syrianByName(n) {
		return country + ".MIL"
	}
	if army := armyOf[country]; army != "" && a.code == localCode+"MIL" && !strings.Contains(n, "امن") && !strings.Contains(n, "شرط") {
		return army + ".MIL" // "قصف الجيش مواقع في القطاع": in Gaza an unnamed army is Israel's
	}
	if group := proxyOf[country]; group != "" && a.code == "IRN.MIL" && proxyByName(n) {
		return group // "الميليشيات الموالية لإيران" in Yemen: the Houthis, not Iran's forces
	}
	return localize(a.code, country)
}

// proxyByName reports an actor text, normalised, that names Iran's allies
// or militias ("حلفاء لإيران", "المدعومة من إيران", "الميليشيات الإيرانية")
// rather than its own forces ("الحرس الثوري", "القوات الإيرانية") or a
// group by its name ("ميليشيا حزب الله").
func proxyByName(n string) bool {
	if strings.Contains(n, "حزب") {
		return false // "ميليشيا حزب الله" is named: Hezbollah, not the land's own group
	}
	for _, w := range []string{"ميليشي", "مليشي", " لايران", "من ايران", "حلفاء"} {
		if strings.Contains(" "+n, w) {
			return true
		}
	}
	return false
}

// syrianByName reports an actor text, normalised, that names Syria's sides itself.
func syrianByName(n string) bool {
	for _, w := range []string{"سوري", "النظام", "الاسد", "دمشق"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// actorsFor finds actor1 (who acts) and actor2 (who is acted upon).
func (x *Extractor) actorsFor(dc *doc, t arabic.Match[Trigger], s sentence, sc sentCtx, si int) (a1, a2 *actorPick) {
	typ := t.Values[0].Type
	lo, hi := dc.actorRange(s)
	inSent := func(i int) bool { return dc.actors[i].from >= s.from && dc.actors[i].from < s.to }
	// "قتل ثلاثة جنود عراقيين": those killed or wounded are the side acted upon
	victim := func(i int) bool {
		a := dc.actors[i].from
		for _, c := range dc.casualty {
			if c.To <= a && a-c.To <= 2 && c.From >= s.from {
				return true
			}
			// "قتل 13 عنصرا من قوات النظام": a count of them, then "من" (who
			// may still have taken a town: "خلال سيطرتهم على بلدة ناحتة")
			if t.Values[0].Class != "territory" && c.To <= a && a-c.To <= 4 && c.From >= s.from && dc.hasForm(a-1, "من") && dc.numberWithin(c.To, a-1) {
				return true
			}
		}
		return false
	}
	objectBefore := func(i int) bool {
		for k := max(s.from, dc.actors[i].from-2); k < dc.actors[i].from; k++ {
			if k == t.From {
				continue // the event verb itself: "استهدف حزب الله…" has the doer after it
			}
			if typ == "armed_clash" && dc.singular(k, "مع") {
				continue // "تبادل لإطلاق النار مع قوات الأمن": in a clash both sides fight
			}
			if dc.hasForm(k, objectWords...) && k > s.from {
				return true // (a sentence that opens with "مقاتلي تنظيم داعش هاجموا" has no verb before them)
			}
		}
		if dc.placeAt(dc.actors[i]) {
			return true // "استهداف قاعدة حميميم": the base named as the place is what was hit
		}
		if t.Values[0].Class == "territory" && dc.actors[i].from > t.To && dc.expelledFrom(t.From, dc.actors[i].from) {
			return true // "تحرير بلدة تسيل من مسلحي داعش": those driven out of the place, not who took it
		}
		if dc.hasForm(dc.actors[i].from-1, loyalWords...) {
			return true // "مسلحا مواليا للنظام": whom the dead were loyal to
		}
		if t.Values[0].Class != "territory" && dc.controller(dc.actors[i]) {
			return true // "مدينة خاضعة لسيطرة المعارضة": who holds the place, not who acts
		}
		return strings.HasPrefix(dc.norm(dc.actors[i].from), "ل") && dc.actors[i].from > s.from && dc.hasForm(dc.actors[i].from-1, objectWords...)
	}
	// a strike's or shelling's doer is never who intercepted its weapon (in
	// a clash, "وتصدت قوات الشرعية لمحاولات تسلل", who repels also fights)
	intercepts := func(am actorMention) bool {
		return (typ == "air_drone_strike" || typ == "shelling_artillery_missile_attack") && dc.interceptor(am)
	}
	// 1. the doer named after an agent word anywhere after the trigger (for
	// a foiled attack that is who launched it: "طائرة مسيرة أطلقها الحوثيون")
	var launcher *actorPick
	for i := lo; i < hi; i++ {
		am := dc.actors[i]
		if !inSent(i) || am.from < t.To || am.kind == "civilian" {
			continue
		}
		for k := max(t.To, am.from-2); k < am.from; k++ {
			if dc.hasForm(k, agentWords...) {
				if typ == "disrupted_weapons_use" {
					launcher = x.pickOf(dc, i, typ)
				} else {
					a1 = x.pickOf(dc, i, typ)
				}
				break
			}
		}
		if a1 != nil || launcher != nil {
			break
		}
	}
	// 1b. a verbal noun with a possessive pronoun ("ردت تركيا بإطلاقها
	// قذائف", "خرقت إسرائيل الهدنة بقصفها مواقع"): the pronoun is the doer,
	// the nearest state or force named before it in the sentence
	if a1 == nil && typ != "disrupted_weapons_use" && dc.possessedDeed(t.From) {
		// "ردا على قصفهم ضاحية الأسد": "هم" is people, the nearest plural of
		// persons before it, even one named as what was hit ("مواقع المسلحين")
		people := strings.HasSuffix(dc.norm(t.From), "هم")
		for i := hi - 1; i >= lo; i-- {
			am := dc.actors[i]
			if !inSent(i) || am.to > t.From || am.kind == "civilian" || !armed(am) && am.kind != "state" || victim(i) || dc.supporter(am) || intercepts(am) {
				continue
			}
			plural := dc.personsPlural(am.from)
			if people && !plural {
				continue // "هم" points back to persons
			}
			if objectBefore(i) && !(people && plural) {
				continue
			}
			a1 = x.pickOf(dc, i, typ)
			break
		}
	}
	// 2. a nationality right after the event noun: "غارات روسية", "القصف الإسرائيلي"
	if a1 == nil {
		for j := t.To; j < min(t.To+2, s.to); j++ {
			if nm, ok := x.lx.Nations.At(dc.d, j, s.to); ok && nm.Values[0].How == "adjective" {
				if k := dc.namedAt(j); k >= 0 && dc.actors[k].from >= t.To && dc.actors[k].kind == "group" {
					a1 = x.pickOf(dc, k, typ) // "سيطر الجيش السوري الحر": the adjective is part of a group's name
					break
				}
				a1 = &actorPick{code: role(nm.Values[0].ISO3, typ), text: dc.textOf(t.From, nm.To), idx: -1}
				break
			}
			if dc.toks[j].Kind != arabic.Word {
				break
			}
		}
	}
	// 2b. the weapon is the head of an actor's name: "ومدفعية التحالف العربي"
	// (a downed weapon's owner launched it: not the one who downed it)
	if a1 == nil && typ != "disrupted_weapons_use" {
		for i := lo; i < hi; i++ {
			am := dc.actors[i]
			// "مقاتلات ومدفعية التحالف": the owner after the second weapon owns both
			joined := am.from == t.To && strings.HasPrefix(dc.norm(t.To), "و") && dc.weaponAt(t.To)
			if inSent(i) && (am.from == t.From && am.to > t.To || joined) && armed(am) {
				a1 = x.pickOf(dc, i, typ)
				break
			}
		}
	}
	// 3. a subject right before the verb: "أن وسائل الدفاع الجوي الروسية أسقطت"
	if a1 == nil {
		for i := lo; i < hi; i++ {
			am := dc.actors[i]
			if inSent(i) && am.to <= t.From && t.From-am.to <= 1 && armed(am) && !objectBefore(i) && !sc.speakers[i] && !victim(i) && !dc.supporter(am) && !intercepts(am) {
				a1 = x.pickOf(dc, i, typ)
			}
		}
	}
	// 4. verb first: "قصفت طائرات حربية روسية", "شنت روسيا مساء السبت غارات";
	// the subject may begin inside the event words and go on past them
	// ("تقدمت قوات الجيش"; "بقذائف مدفعية" names a weapon, not its owner)
	if a1 == nil {
		for i := lo; i < hi; i++ {
			am := dc.actors[i]
			if !inSent(i) || am.from <= t.From || am.from < t.To && am.to <= t.To || am.from > t.To+3 || am.kind == "civilian" || objectBefore(i) || dc.supporter(am) || intercepts(am) {
				continue
			}
			if dc.sentOf[am.from] == dc.sentOf[t.From] && !sc.speakers[i] {
				a1 = x.pickOf(dc, i, typ)
			}
			break
		}
	}
	// An event word that only dates or answers something else ("ردا على
	// هجوم كيميائي", "بعد القصف") has no doer but the one its own words name.
	afterWord, after := x.afterClause(dc, t, s)
	framed := false
	switch x.framed(dc, t, s) {
	case "anchor", "reaction":
		framed = !after
	}
	// "توعد الرئيس الأميركي، دونالد ترامب، برد قوي على الهجوم": an event in
	// the object of a vow, threat or condemnation is answered, not done, there
	if attackType(typ) && dc.stanceBefore(max(s.from, t.From-12), t.From) {
		framed = true
	}
	// 5. subject first: "قوات النظام قصفت…", nearest actor before the trigger
	if a1 == nil && !framed {
		for i := hi - 1; i >= lo; i-- {
			am := dc.actors[i]
			if !inSent(i) || am.to > t.From || t.From-am.to > 10 || am.kind == "civilian" || objectBefore(i) || victim(i) || dc.supporter(am) || intercepts(am) {
				continue
			}
			if sc.speakers[i] && !selfReported(typ) {
				continue
			}
			a1 = x.pickOf(dc, i, typ)
			break
		}
	}
	// 5b. "تقدمت قوات الجيش الوطني …، بعد أن أحكمت سيطرتها على": the verb
	// after "بعد أن" has the sentence's subject, however far before
	if a1 == nil && after {
		for i := lo; i < hi; i++ {
			am := dc.actors[i]
			if !inSent(i) || am.to > afterWord || !armed(am) || objectBefore(i) || victim(i) || dc.supporter(am) || sc.speakers[i] {
				continue
			}
			a1 = x.pickOf(dc, i, typ)
			break
		}
	}
	// 5c. "فان ميليشيات الحوثي، منذ سيطرتها على الحديدة": a takeover told
	// with its doer as a pronoun (often a past one that dates what the
	// sentence tells) was done by the pronoun's antecedent, the actor right
	// before it, when it is armed and the place taken is named after "على"
	if a1 == nil && t.Values[0].Class == "territory" && dc.ownControl(t.From) && dc.placeStartsAt(t.To) {
		for i := hi - 1; i >= lo; i-- {
			am := dc.actors[i]
			if !inSent(i) || am.to > t.From {
				continue
			}
			if armed(am) && t.From-am.to <= 3 && !objectBefore(i) && !victim(i) && !dc.supporter(am) && !dc.controller(am) {
				a1 = x.pickOf(dc, i, typ)
			}
			break
		}
	}
	// 6. an air force named anywhere in the sentence, for an attack
	if a1 == nil && !framed {
		for i := lo; i < hi; i++ {
			if inSent(i) && dc.actors[i].air && !objectBefore(i) && !sc.speakers[i] && !dc.supporter(dc.actors[i]) && !intercepts(dc.actors[i]) {
				a1 = x.pickOf(dc, i, typ)
				break
			}
		}
	}
	// 7. the group that claims the attack: "وتبنت حركة الشباب الهجوم"
	if a1 == nil && attackType(typ) {
		a1 = x.claimant(dc, s, typ)
	}
	// 7b. the party that speaks, for what a party does by saying it (truces, foiled attacks)
	if a1 == nil && selfReported(typ) && sc.speaker != nil && sc.speaker.party {
		a1 = &actorPick{code: role(sc.speaker.code, typ), text: sc.speaker.text, idx: -1}
	}
	// 8. the doer of the story the sentence goes on with, or the last armed
	// actor of the two sentences before
	// (not when the sentence names who met the weapon and not who launched it:
	// "صاروخ باليستي اعترضته الدفاعات الجوية السعودية" has no doer to borrow)
	met := false
	for i := lo; i < hi; i++ {
		met = met || inSent(i) && intercepts(dc.actors[i])
	}
	framed = framed || met
	if a1 == nil && !framed && dc.lastActor != nil && dc.lastActorSent >= si-2 && attackType(typ) && canDo(dc.lastActor.Code, typ) {
		a1 = &actorPick{code: dc.lastActor.Code, text: dc.lastActor.Text, idx: -1}
	}
	for back := 1; a1 == nil && !framed && back <= 2 && si-back >= 0; back++ {
		p := dc.sents[si-back]
		if p.boiler {
			continue
		}
		speakers := x.sentenceContext(dc, si-back, nil).speakers
		plo, phi := dc.actorRange(p)
		for i := phi - 1; i >= plo; i-- {
			am := dc.actors[i]
			if am.from >= p.from && am.from < p.to && armed(am) && !speakers[i] && canDo(am.code, typ) && !dc.controller(am) {
				if intercepts(am) {
					framed = true // the story's last doer met the weapon: who launched it is untold
					break
				}
				a1 = x.pickOf(dc, i, typ)
				break
			}
		}
	}
	if family(typ) == "protest" {
		return x.protestActors(dc, s, typ, a1, a2, dc.textOf(t.From, t.To))
	}
	// a chemical attack is done by whom the article says used the weapons
	// ("نافية استخدام النظام السوري أسلحة كيميائية"), not by the states
	// that react to it in its sentences
	if typ == "chemical_weapon" {
		if i := dc.chemicalUser(); i >= 0 && (a1 == nil || a1.idx != i) {
			a1 = x.pickOf(dc, i, typ)
		}
	}
	if launcher != nil && (a1 == nil || launcher.code != a1.code) {
		a2 = launcher
	}
	// actor2: the side acted upon
	for i := lo; i < hi; i++ {
		am := dc.actors[i]
		if !inSent(i) || am.from < t.From || sc.speakers[i] || (a1 != nil && a1.idx == i) {
			continue
		}
		if objectBefore(i) || (typ == "consult" || typ == "agreement" || typ == "ceasefire") && dc.hasForm(am.from-1, withWords...) {
			p := x.pickOf(dc, i, typ)
			if a1 == nil || p.code != a1.code {
				a2 = p
				break
			}
		}
	}
	if a2 == nil {
		for i := lo; i < hi; i++ {
			if inSent(i) && victim(i) && (a1 == nil || a1.idx != i) {
				a2 = x.pickOf(dc, i, typ)
				break
			}
		}
	}
	if a2 == nil {
		for i := lo; i < hi; i++ {
			am := dc.actors[i]
			if inSent(i) && am.kind == "civilian" {
				a2 = x.pickOf(dc, i, typ)
				break
			}
		}
	}
	// talks and agreements: the parties named in the sentence, in order
	if a1 == nil && (typ == "consult" || typ == "agreement") {
		for i := lo; i < hi; i++ {
			if am := dc.actors[i]; inSent(i) && !sc.speakers[i] && am.kind != "civilian" && am.kind != "local" {
				a1 = x.pickOf(dc, i, typ)
				break
			}
		}
	}
	if a2 == nil && (typ == "armed_clash" || typ == "consult" || typ == "agreement") && a1 != nil {
		// "اشتباكات بين قوات الدعم السريع والجيش السوداني": the other side
		for i := lo; i < hi; i++ {
			am := dc.actors[i]
			if inSent(i) && !sc.speakers[i] && a1.idx != i && armed(am) || inSent(i) && am.kind == "state" && typ != "armed_clash" && a1.idx != i {
				if p := x.pickOf(dc, i, typ); p.code != a1.code && !crowd(p.code) {
					a2 = p
					break
				}
			}
		}
	}
	// "أكد المقداد أنه بعد وصول الوفد إلى دمشق تم عقد اجتماعات مع الوفد
	// الأممي": a speaker telling of talks the sentence names no other party
	// of is a party, before any actor of the sentences before
	if (typ == "consult" || typ == "agreement") && a1 != nil && a1.idx >= 0 && !inSent(a1.idx) {
		for i := lo; i < hi; i++ {
			if am := dc.actors[i]; inSent(i) && sc.speakers[i] && (am.kind == "official" || am.kind == "person") {
				if p := x.pickOf(dc, i, typ); a2 == nil || p.code != a2.code {
					a1 = p
					break
				}
			}
		}
	}
	if a2 == nil && (typ == "consult" || typ == "agreement") {
		for i := lo; i < hi; i++ {
			if inSent(i) && !sc.speakers[i] && (a1 == nil || a1.idx != i) {
				p := x.pickOf(dc, i, typ)
				if a1 == nil || p.code != a1.code {
					a2 = p
					break
				}
			}
		}
	}
	// "غارات استهدفت مواقع الحوثيين … فيما نفذ الانقلابيون حملة اقتحامات":
	// a group without aircraft flies no air strike; an air force named in
	// the sentence did, or the story's armed doer that can
	if typ == "air_drone_strike" && t.Values[0].Class == "strong" && a1 != nil && !canDo(a1.code, typ) {
		a1 = nil
		for i := lo; i < hi; i++ {
			if inSent(i) && canDo(dc.actors[i].code, typ) && dc.actors[i].kind != "state" && !sc.speakers[i] && !objectBefore(i) {
				a1 = x.pickOf(dc, i, typ)
				break
			}
		}
		if a1 == nil && dc.lastActor != nil && dc.lastActorSent >= si-2 && canDo(dc.lastActor.Code, typ) {
			a1 = &actorPick{code: dc.lastActor.Code, text: dc.lastActor.Text, idx: -1}
		}
	}
	return a1, a2
}

// canDo reports whether an actor taken from the sentences before may be
// the doer of an event of typ: air strikes are a state's, or a group's only
// when it is named in the event's own sentence (drones).
func canDo(code, typ string) bool {
	if typ != "air_drone_strike" {
		return true
	}
	return strings.HasSuffix(code, ".MIL") || strings.HasSuffix(code, ".GOV") || code == "COAL" || strings.HasSuffix(code, ".COAL") || strings.HasPrefix(code, "@")
}

// selfReported types are ones whose doer is often the one announcing them.
func selfReported(typ string) bool {
	switch typ {
	case "disrupted_weapons_use", "ceasefire", "agreement", "consult", "change_to_group_activity", "arrests",
		"non_state_actor_overtakes_territory", "government_regains_territory":
		return true
	}
	return false
}

// armed reports whether an actor mention can be a side that fights.
func armed(am actorMention) bool {
	switch am.kind {
	case "civilian", "official", "person", "state", "body":
		return false
	}
	return true
}

// state reports forces of a state: the armed forces, police and security.
func state(code string) bool {
	return strings.HasSuffix(code, ".GOV") || strings.HasSuffix(code, ".MIL") || strings.HasPrefix(code, localCode)
}

// crowd reports protesters, rioters and civilians.
func crowd(code string) bool { return code == "PRO" || code == "RIO" || code == "CIV" }

// protestActors orders the sides of protests and arrests as ACLED does:
// protesters are actor1 of a protest and the forces that break it up
// actor2; the forces that arrest are actor1 of an arrest.
func (x *Extractor) protestActors(dc *doc, s sentence, typ string, a1, a2 *actorPick, said string) (*actorPick, *actorPick) {
	var crowdPick, forcePick *actorPick
	for i := range dc.actors {
		am := dc.actors[i]
		if am.from < s.from || am.from >= s.to {
			continue
		}
		switch {
		case crowd(am.code) && crowdPick == nil:
			crowdPick = x.pickOf(dc, i, typ)
		case state(am.code) && am.kind != "state" && forcePick == nil:
			forcePick = x.pickOf(dc, i, typ)
		}
	}
	switch typ {
	case "arrests":
		if forcePick != nil {
			a1 = forcePick
		} else if a1 != nil && crowd(a1.code) {
			a1 = nil
		}
		if crowdPick != nil {
			a2 = crowdPick
		}
	default:
		if crowdPick != nil {
			a1 = crowdPick
		} else if a1 == nil || !crowd(a1.code) {
			a1 = &actorPick{code: "PRO", text: said, idx: -1} // ACLED's "Protesters (country)"
		}
		if (typ == "violent_demonstration" || typ == "mob_violence") && a1.code == "PRO" {
			a1 = &actorPick{code: "RIO", text: a1.text, idx: a1.idx, kind: a1.kind} // ACLED's "Rioters (country)"
		}
		a2 = nil
		if typ != "peaceful_protest" && forcePick != nil {
			a2 = forcePick
		}
		if typ == "excessive_force_against_protesters" && a2 != nil {
			a1, a2 = a2, a1 // ACLED: the force is actor1, the protesters actor2
		}
	}
	return a1, a2
}

// armedTarget reports an armed actor among those an attack word targets.
func (x *Extractor) armedTarget(dc *doc, t arabic.Match[Trigger], s sentence, a1 *actorPick) bool {
	end := dc.clauseEnd(t.To, s.to, 12)
	for i, am := range dc.actors {
		if am.from >= t.To && am.from < end && (a1 == nil || a1.idx != i) && !crowd(am.code) && am.kind != "state" && am.kind != "person" {
			return true
		}
	}
	return false
}

// actorRange is the index range of the actor mentions that start in s
// (dc.actors is sorted by position).
func (dc *doc) actorRange(s sentence) (int, int) {
	lo := sort.Search(len(dc.actors), func(i int) bool { return dc.actors[i].from >= s.from })
	hi := sort.Search(len(dc.actors), func(i int) bool { return dc.actors[i].from >= s.to })
	return lo, hi
}

// useWords tell who used a weapon: "استخدام النظام السوري أسلحة كيميائية".
var useWords = words("use")

// chemicalUser returns the index of the first actor the document names as
// using chemical weapons ("استخدام X (ل)أسلحة كيميائية"), or -1.
func (dc *doc) chemicalUser() int {
	for i, am := range dc.actors {
		if am.kind == "civilian" || am.from == 0 || !dc.hasForm(am.from-1, useWords...) {
			continue
		}
		for _, in := range dc.instr {
			if in.Values[0] == "chemical_weapon" && in.From >= am.to && in.From <= am.to+1 {
				return i
			}
		}
	}
	return -1
}

// stanceWords are verbs of a stance towards an event (vowing, threatening,
// condemning, demanding): their subject reacts to the event in their object.
var stanceWords = wordMap("stance")

// numberWithin reports a number mention that begins within tokens [from, to).
func (dc *doc) numberWithin(from, to int) bool {
	for _, nm := range dc.numbers {
		if nm.from >= from && nm.from < to {
			return true
		}
	}
	return false
}

// expelledFrom reports an actor at token a named after a place and "من",
// with at most one word between ("بلدة تسيل من مسلحي داعش", "قرية حاج
// خليل من إرهابيي ب ي د"): those driven out of the place since token from.
func (dc *doc) expelledFrom(from, a int) bool {
	for k := a - 1; k >= max(from, a-2); k-- {
		if dc.singular(k, "من") {
			for _, pm := range dc.places {
				if pm.from >= from && pm.to <= k {
					return true
				}
			}
			return false
		}
	}
	return false
}

// stanceBefore reports a verb of stance in tokens from..to-1, read as
// written (doc.written), so that "طالبان" is no "طالب".
func (dc *doc) stanceBefore(from, to int) bool {
	for k := from; k < to; k++ {
		if dc.written(k, stanceWords) {
			return true
		}
	}
	return false
}

// written reports token k, as written or after a "و" or "ف", in set: a
// word read without the clitic analysis, which would take some for another
// word ("طالبان" for "طالب" + "ان") or the letters of the article for the
// article ("ألقت").
func (dc *doc) written(k int, set map[string]bool) bool {
	n := dc.norm(k)
	return set[n] || len(n) > 2 && (n[:2] == "و" || n[:2] == "ف") && set[n[2:]]
}

// afterClause reports an event verb that opens a clause of "بعد أن" or
// "بعدما" ("وحققت قوات النظام تقدما، بعد أن تمكنت من السيطرة على بلدتين"):
// a finite verb with no subject of its own, whose doer is the sentence's
// subject, unlike the noun an anchor dates something by ("بعد القصف"). It
// returns the token of "بعد"/"بعدما".
func (x *Extractor) afterClause(dc *doc, t arabic.Match[Trigger], s sentence) (int, bool) {
	f, ok := x.frameWord(dc, t, s, "anchor")
	if !ok || t.From-f.To > 1 {
		return 0, false
	}
	switch {
	case dc.hasForm(f.From, "بعدما", "وبعدما") && f.To == t.From:
		return f.From, true
	case dc.hasForm(f.From, "بعد", "وبعد") && f.To == f.From+1 && f.To < t.From && dc.hasForm(f.To, "ان"):
		return f.From, t.From == f.To+1
	}
	return 0, false
}
