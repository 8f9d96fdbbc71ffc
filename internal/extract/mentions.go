package extract

import (
	"sort"
	"strconv"
	"strings"

	"github.com/raqib/raqib/internal/arabic"
)

// actorMention is an actor named in the text: tokens [from, to).
type actorMention struct {
	from, to int
	code     string // full code, e.g. RUS.MIL; for a bare country, ISO3 only
	kind     string // force, group, body, official, person, generic, civilian, state
	head     bool   // built from a head noun and a nationality ("طائرات حربية روسية")
	air      bool   // the head is an air force word (warplanes, helicopters, drones)
}

type sourceMention struct {
	from, to int
	code     string
	kind     string
}

type numberMention struct {
	from, to int
	value    int // -1 for vague amounts (عشرات)
}

// role completes a bare country code with a role for an event type.
func role(code, eventType string) string {
	if strings.Contains(code, ".") || len(code) != 3 {
		return code
	}
	switch {
	case code == "SYR":
		return "SYR.GOV"
	case eventType == "agreement" || eventType == "consult" || eventType == "ceasefire":
		return code + ".GOV"
	}
	return code + ".MIL"
}

// localCode prefixes the code of forces named without a country ("قوات
// الأمن"): the event's country completes it.
const localCode = "@."

// localize completes a local code with a country: Syrian forces are SYR.GOV
// (SPEC §4), others COUNTRY.MIL or COUNTRY.GOV. It returns "" when the
// country is unknown.
func localize(code, country string) string {
	if code == "COAL" && country == "YEM" {
		return "SAU.COAL" // in Yemen "التحالف" is the Saudi-led coalition, not the anti-ISIS one
	}
	if !strings.HasPrefix(code, localCode) {
		return code
	}
	if country == "" {
		return ""
	}
	if country == "SYR" {
		return "SYR.GOV"
	}
	return country + "." + strings.TrimPrefix(code, localCode)
}

// armyOf maps a land without an army of its own to the army that fights
// there when news says "الجيش", "القوات", "طائرات حربية" (words.tsv
// army_of); its police and security forces ("الشرطة", "قوات الأمن") stay its own.
var armyOf = landMap("army_of")

// proxyOf maps a land to the armed group that news there calls by its
// backer: "الميليشيات الموالية لإيران" in Yemen are the Houthis (words.tsv
// proxy_of).
var proxyOf = landMap("proxy_of")

// landMap reads a words.tsv set of "LAND:CODE" rows into a map from the
// land to the code.
func landMap(set string) map[string]string {
	m := map[string]string{}
	for _, w := range words(set) {
		if land, code, ok := strings.Cut(w, ":"); ok {
			m[land] = code
		}
	}
	return m
}

// longestNames finds the named actors of the document. A group's name that
// begins inside another name and goes on past it is the one meant: "وحدات
// من الجيش السوري الحر" names the Free Syrian Army, not "وحدات من الجيش"
// (the army's units) followed by "السوري الحر". A name of another kind
// that way only qualifies the first: "قوات الشرعية اليمنية" are the forces
// of "الشرعية", not the government itself.
func (x *Extractor) longestNames(dc *doc) []arabic.Match[ActorEntry] {
	n := len(dc.toks)
	var out []arabic.Match[ActorEntry]
	for _, m := range x.lx.Actors.Find(dc.d, 0, n) {
		if len(out) > 0 && m.From < out[len(out)-1].To {
			continue // inside a name taken over from the one before
		}
		if k := m.Values[0].Kind; k != "force" && k != "generic" {
			out = append(out, m) // only a force's words swallow the start of a group's name
			continue
		}
		for j := m.From + 1; j < m.To; j++ {
			if o, ok := x.lx.Actors.At(dc.d, j, n); ok && o.To > m.To && o.Values[0].Kind == "group" && o.Values[0].Code != m.Values[0].Code {
				m = o
				break
			}
		}
		out = append(out, m)
	}
	return out
}

// localHeads are the head nouns that name a state's forces on their own
// ("قوات الأمن", "الشرطة", "طائرات حربية"); "رئيس" or "عسكريا" alone do not.
var localHeads = words("local_heads")

// headStops are prepositions a head noun's nationality is never read past.
var headStops = words("head_stops")

// airHeads are head nouns that make an attack an air strike.
var airHeads = words("air_heads")

func (x *Extractor) findActors(dc *doc) {
	n := len(dc.toks)
	used := make([]bool, n)
	var out []actorMention
	// Head nouns with a nationality or a named actor after them come first:
	// "طائرات حربية روسية", "مروحيات لقوات النظام", "نظيره التركي".
	// A named actor wins over a head noun combination it covers at least as
	// long ("الجيش الوطني السوري" is the opposition's army, not "الجيش" + "السوري").
	named := x.longestNames(dc)
	inNamed := make([]int, n) // for each token, the end of the named actor covering it (0: none)
	for _, m := range named {
		for k := m.From; k < m.To; k++ {
			inNamed[k] = m.To
		}
	}
	for _, h := range x.lx.Heads.Find(dc.d, 0, n) {
		if to := inNamed[h.From]; to > 0 && (to > h.To || h.From > 0 && inNamed[h.From-1] == to) {
			continue // inside or shorter than a named actor
		}
		role := h.Values[0]
		sent := dc.sentOf[h.From]
		found := false
		if h.To < n && dc.singular(h.To, "مجهول", "مجهوله", "مجهولين", "مجهوله الهويه") {
			// "طائرات مجهولة", "مسلحون مجهولون": unidentified
			out = append(out, actorMention{from: h.From, to: h.To + 1, code: "UNK", kind: "force", head: true, air: dc.anyForm(h.From, h.To, airHeads...)})
			markUsed(used, h.From, h.To+1)
			continue
		}
		for j := h.To; j < n && j <= h.To+3 && dc.sentOf[j] == sent; j++ {
			if dc.hasForm(j, headStops...) {
				break // "صواريخ على مواقع إسرائيلية": the nationality is the target's
			}
			if nm, ok := x.lx.Nations.At(dc.d, j, n); ok && nm.Values[0].How == "adjective" {
				code := nm.Values[0].ISO3 + "." + role
				if code == "SYR.MIL" {
					code = "SYR.GOV" // SPEC §4: Syrian government forces are SYR.GOV
				}
				kind := "force"
				if role == "GOV" {
					kind = "official" // "المسؤولون الأتراك", "نظيره التركي": they speak and meet, not fight
				}
				m := actorMention{from: h.From, to: nm.To, code: code, kind: kind, head: true}
				m.air = dc.anyForm(h.From, h.To, airHeads...)
				out = append(out, m)
				markUsed(used, m.from, m.to)
				found = true
				break
			}
			if am, ok := x.lx.Actors.At(dc.d, j, n); ok {
				if j > h.To && !dc.hasForm(j-1, "تابعه", "تابع") || strings.HasPrefix(dc.norm(j), "و") {
					break // "النظام وفصائل المعارضة" is two sides, not one
				}
				if j == h.To && h.To-h.From > 1 && !strings.HasPrefix(dc.norm(h.To-1), "ال") {
					break // "طائرات مسيرة قاعدة حميميم": a noun with an indefinite adjective owns nothing after it; the base is the object
				}
				m := actorMention{from: h.From, to: am.To, code: am.Values[0].Code, kind: am.Values[0].Kind, head: true}
				m.air = dc.anyForm(h.From, h.To, airHeads...)
				out = append(out, m)
				markUsed(used, m.from, m.to)
				found = true
				break
			}
			if dc.toks[j].Kind != arabic.Word && !dc.modelMark(j) {
				break
			}
		}
		// "قوات الأمن", "الشرطة", "طائرات حربية" with no nationality: the forces
		// of the country where the event happens, decided when it is placed.
		drone := dc.anyForm(h.From, min(h.To+1, n), "مسيره", "مسيرات", "مسيرتين", "مسيرتان", "درون", "درونز")
		// "جيش المغاوير", "جيش خالد بن الوليد": "جيش" without the article
		// before a name is that group's name, not a state's army
		named := h.To == h.From+1 && h.To < n && dc.sentOf[h.To] == sent && dc.toks[h.To].Kind == arabic.Word &&
			strings.TrimPrefix(dc.norm(h.From), "و") == "جيش" && !x.lx.Nations.Starts(dc.key(h.To))
		if !found && named {
			out = append(out, actorMention{from: h.From, to: h.To + 1, code: "UNK", kind: "group"})
			markUsed(used, h.From, h.To+1)
			continue
		}
		if !found && !drone && (role == "MIL" || role == "GOV") && dc.anyForm(h.From, h.To, localHeads...) {
			if _, named := x.lx.Actors.At(dc.d, h.From, n); !named {
				m := actorMention{from: h.From, to: h.To, code: localCode + role, kind: "local", head: true}
				m.air = dc.anyForm(h.From, h.To, airHeads...)
				out = append(out, m)
				markUsed(used, m.from, m.to)
			}
		}
	}
	for _, m := range named {
		if anyUsed(used, m.From, m.To) {
			continue
		}
		a := actorMention{from: m.From, to: m.To, code: m.Values[0].Code, kind: m.Values[0].Kind}
		a.air = dc.anyForm(m.From, m.To, airHeads...)
		out = append(out, a)
		markUsed(used, m.From, m.To)
	}
	// Country names and capitals on their own stand for the state: "شنت روسيا غارات".
	for _, m := range x.lx.Nations.Find(dc.d, 0, n) {
		if anyUsed(used, m.From, m.To) {
			continue
		}
		v := m.Values[0]
		if v.How == "adjective" {
			continue
		}
		// "في تركيا": a country after a preposition of place is where, not who
		if m.From > 0 && dc.singular(m.From-1, "في", "داخل", "الي") {
			continue
		}
		if w := dc.norm(m.From); m.To == m.From+1 && (v.How == "country" || v.How == "capital") && strings.HasPrefix(w, "ب") &&
			!x.lx.Nations.Starts(arabic.Key(w)) && x.lx.Nations.Starts(arabic.Key(strings.TrimPrefix(w, "ب"))) {
			continue // "تفجير إدلب بسوريا", "اشتباكات بطرابلس": in Syria, in Tripoli (but "بريطانيا" is Britain, "بغداد" Baghdad)
		}
		if v.How == "capital" && m.From > 0 {
			if _, ok := x.isRole(dc, m.From-1, m.From, "type"); ok {
				continue // "بمدينة طرابلس": a city named after its place noun is where, not who
			}
		}
		out = append(out, actorMention{from: m.From, to: m.To, code: v.ISO3, kind: "state"})
	}
	sortMentions(out)
	dc.actors = partitives(dc, out)
}

// partitives joins a generic fighter word to the group named after "من"
// ("مسلحون من داعش", "مقاتلون من هيئة تحرير الشام"): some of that group,
// so the group acts (but "من قبل" names a doer of its own).
func partitives(dc *doc, ms []actorMention) []actorMention {
	out := ms[:0]
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		if i+1 < len(ms) && m.kind == "generic" && ms[i+1].from == m.to+1 && dc.norm(m.to) == "من" &&
			(ms[i+1].kind == "group" || ms[i+1].kind == "force") {
			g := ms[i+1]
			g.from, g.air = m.from, g.air || m.air
			m = g
			i++
		}
		out = append(out, m)
	}
	return out
}

// modelMark reports a token of a model designation between an aircraft
// or weapon noun and its nationality ("طائرتان F-15 أمريكيتان", "مقاتلات
// سو-24 روسية"): a dash, a Latin word, or a number after one of them (not
// a count: "أسر 3 لبنانيين").
func (dc *doc) modelMark(i int) bool {
	t := dc.toks[i]
	switch t.Kind {
	case arabic.Number:
		return i > 0 && dc.toks[i-1].Kind != arabic.Number && dc.modelMark(i-1)
	case arabic.Punct:
		return t.Norm == "-"
	case arabic.Word:
		for _, r := range t.Norm {
			if r < 'A' || r > 'z' || r > 'Z' && r < 'a' {
				return false
			}
		}
		return true
	}
	return false
}

func (dc *doc) anyForm(from, to int, forms ...string) bool {
	for i := from; i < to; i++ {
		if dc.hasForm(i, forms...) {
			return true
		}
	}
	return false
}

func markUsed(used []bool, from, to int) {
	for i := from; i < to; i++ {
		used[i] = true
	}
}

func anyUsed(used []bool, from, to int) bool {
	for i := from; i < to; i++ {
		if used[i] {
			return true
		}
	}
	return false
}

func sortMentions(ms []actorMention) {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].from < ms[j].from })
}

func (x *Extractor) findSources(dc *doc) {
	for _, m := range x.lx.Sources.Find(dc.d, 0, len(dc.toks)) {
		dc.sources = append(dc.sources, sourceMention{from: m.From, to: m.To, code: m.Values[0].Code, kind: m.Values[0].Kind})
	}
}

// findNumbers reads digits ("11", "١١", "2,500") and number words ("ثماني",
// "خمسة وعشرين", "ثلاثة آلاف") as values.
func (x *Extractor) findNumbers(dc *doc) {
	n := len(dc.toks)
	for i := 0; i < n; i++ {
		t := dc.toks[i]
		if t.Kind == arabic.Number {
			v, ok := parseDigits(t.Norm)
			if !ok {
				continue
			}
			to := i + 1
			// "3 آلاف", "12 ألف", "2 مليون"
			if to < n {
				switch {
				case dc.hasForm(to, "الف", "الاف", "الفا"):
					v *= 1000
					to++
				case dc.hasForm(to, "مليون", "ملايين"):
					v *= 1000000
					to++
				}
			}
			dc.numbers = append(dc.numbers, numberMention{i, to, v})
			continue
		}
		m, ok := x.lx.Numbers.At(dc.d, i, n)
		if !ok {
			continue
		}
		v, to := m.Values[0], m.To
		// "خمسة وعشرين": units then tens joined by و.
		if v > 0 && v < 10 && to < n {
			if m2, ok := x.lx.Numbers.At(dc.d, to, n); ok && strings.HasPrefix(dc.norm(to), "و") && m2.Values[0] >= 20 && m2.Values[0] < 100 && m2.Values[0]%10 == 0 {
				v += m2.Values[0]
				to = m2.To
			}
		}
		if v > 0 && to < n && dc.hasForm(to, "الاف", "الف") && v < 1000 {
			v *= 1000
			to++
		}
		dc.numbers = append(dc.numbers, numberMention{i, to, v})
		i = to - 1
	}
}

func parseDigits(s string) (int, bool) {
	s = strings.ReplaceAll(s, ",", "")
	if strings.Contains(s, ".") {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, false
		}
		return int(f), true
	}
	v, err := strconv.Atoi(s)
	return v, err == nil && v >= 0
}
