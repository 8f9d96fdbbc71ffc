package extract

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/geo"
)

// placeWord is what a word does in a place expression (data/place_words.tsv).
type placeWord struct {
	role  string   // type, countryside, dir, near, within, origin
	kinds []string // for type
	deg   float64  // for dir
}

// placeMention is a place expression: tokens [from, to), its name tokens
// [nameFrom, nameTo), and what it resolves to.
type placeMention struct {
	from, to         int
	nameFrom, nameTo int
	cands            []*geo.Place
	place            *geo.Place
	kinds            []string // kinds a type word asks for
	typed            bool     // a type word stood before the name
	region           bool     // countryside or direction of a place: precision 3
	near             bool     // near the place: precision 2
	dirs             []float64
	qualifier        bool // it only says where the previous place lies
	origin           bool // a point of departure ("انطلاقا من")
	excepted         bool // named as an exception ("باستثناء بلدتي الفوعة وكفريا")
	anaphor          bool // "القاعدة" standing for a base named before
	context          string
	lat, lon         float64
	precision        int
	name             string
	unresolved       bool
	route            bool            // a point that names a road, not where the event is
	carried          *event.Location // the place of the story a placeless sentence continues
	fallbackTo       *geo.Place      // for a name the gazetteer lacks: the known place it lies in
	fallbackDir      bool            // … and the sentence said which side of it ("غرب مدينة إدلب")
	firstKey         string          // the reading of the first name word the gazetteer matched
	bareCity         bool            // a city named like its province, with no word saying which ("حمص")
	coordinated      bool            // joined by و to a dual or plural place word's first name ("ريفي حماة واللاذقية")
	contextNear      *geo.Place      // the place a "قرب X" qualifier after the name is near
	contextKm        float64         // how far from contextNear the place may lie
	contextAt        *geo.Place      // the qualifier's place itself ("بمحافظة صعدة")
}

func loadPlaceWords(lx *Lexicons) (*arabic.Matcher[placeWord], error) {
	m := arabic.NewMatcher[placeWord]()
	rows, err := readTSV(dataFS, "data/place_words.tsv", "form", "role")
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		pw := placeWord{role: r["role"]}
		if k, ok := strings.CutPrefix(pw.role, "type:"); ok {
			pw.role, pw.kinds = "type", strings.Split(k, ",")
		}
		if d, ok := strings.CutPrefix(pw.role, "dir:"); ok {
			deg, err := strconv.ParseFloat(d, 64)
			if err != nil {
				return nil, err
			}
			pw.role, pw.deg = "dir", deg
		}
		m.Add(r["form"], pw)
	}
	lx.Rows["place_words.tsv"] = len(rows)
	return m, nil
}

func (x *Extractor) word(dc *doc, i, to int) (arabic.Match[placeWord], bool) {
	return x.placeWords.At(dc.d, i, to)
}

func (x *Extractor) isRole(dc *doc, i, to int, role string) (arabic.Match[placeWord], bool) {
	m, ok := x.word(dc, i, to)
	if ok {
		for _, v := range m.Values {
			if v.role == role {
				m.Values = []placeWord{v}
				return m, true
			}
		}
	}
	return m, false
}

// dirsAt reads one or two direction words ("الجنوبي الشرقي", "شمال غرب")
// and returns their mean bearing.
func (x *Extractor) dirsAt(dc *doc, i, to int) (float64, int, bool) {
	m, ok := x.isRole(dc, i, to, "dir")
	if !ok {
		return 0, i, false
	}
	d1 := m.Values[0].deg
	if m2, ok := x.isRole(dc, m.To, to, "dir"); ok && !strings.HasPrefix(dc.norm(m.To), "و") {
		d2 := m2.Values[0].deg
		if math.Abs(d1-d2) == 90 || math.Abs(d1-d2) == 270 {
			return meanBearing(d1, d2), m2.To, true
		}
	}
	return d1, m.To, true
}

func meanBearing(a, b float64) float64 {
	x := math.Cos(a*math.Pi/180) + math.Cos(b*math.Pi/180)
	y := math.Sin(a*math.Pi/180) + math.Sin(b*math.Pi/180)
	d := math.Atan2(y, x) * 180 / math.Pi
	if d < 0 {
		d += 360
	}
	return d
}

// gazAt finds a gazetteer name at token i, skipping an opening quote.
func (x *Extractor) gazAt(dc *doc, i, to int) (arabic.Match[*geo.Place], bool) {
	if i < to && dc.toks[i].Kind == arabic.Punct && dc.toks[i].Norm == "#" {
		return x.gz.Matcher().At(dc.d, i+1, to) // a hashtag: "#ادلب"
	}
	if i < to && dc.toks[i].Kind == arabic.Punct && dc.toks[i].Norm == "\"" {
		m, ok := x.gz.Matcher().At(dc.d, i+1, to)
		if ok && m.To < to && dc.toks[m.To].Norm == "\"" {
			m.To++
		}
		return m, ok
	}
	m, ok := x.gz.Matcher().At(dc.d, i, to)
	if ok && m.To == m.From+1 && !hasArticle(dc.norm(i)) && onlyWithArticle(m.Values) {
		// "أو تنف مسؤوليتها": a name only ever written with its article
		// ("التنف") is not this bare word (but "جبهة قانية" may drop it, and
		// a name drops it before the place it belongs to: "غوطة دمشق")
		_, owner := x.gz.Matcher().At(dc.d, i+1, to)
		typed := false
		if i > 0 {
			_, typed = x.isRole(dc, i-1, i, "type")
		}
		if !typed && !owner {
			return m, false
		}
	}
	if ok && m.To-m.From > 1 && m.To < to {
		// "مدينة الباب شرقي حلب" is Al-Bab, east of Aleppo, not Damascus' "باب
		// شرقي": a name that ends in a direction word before another known
		// place gives that word back when the shorter name is known too
		if _, _, isDir := x.dirsAt(dc, m.To-1, m.To); isDir && !strings.HasPrefix(dc.key(m.To-1), "ال") { // not "الغوطة الشرقية"
			k := m.To
			if t, ok := x.isRole(dc, k, to, "type"); ok {
				k = t.To
			}
			if _, ok := x.gz.Matcher().At(dc.d, k, to); ok {
				if short, ok := x.gz.Matcher().At(dc.d, i, m.To-1); ok {
					return short, true
				}
			}
		}
	}
	return m, ok
}

// onlyWithArticle reports places whose one-word names all begin with the
// article: none of them is ever written bare.
func onlyWithArticle(ps []*geo.Place) bool {
	bare := func(n string) bool { return !strings.Contains(n, " ") && !strings.HasPrefix(n, "ال") }
	for _, p := range ps {
		if bare(p.Name) {
			return false
		}
		for _, n := range p.Names {
			if bare(n) {
				return false
			}
		}
	}
	return true
}

// countries counts the countries of the well-known places (cities,
// governorates, countries of the embedded gazetteer) an article names:
// a village namesake in another country is then unlikely.
func (x *Extractor) countries(dc *doc) map[string]int {
	out := map[string]int{}
	for _, m := range x.gz.Matcher().Find(dc.d, 0, len(dc.toks)) {
		if dc.insideActor(m.From, m.To) {
			continue // "فيلق القدس" is Iran's Quds Force, not Jerusalem
		}
		seen := map[string]bool{}
		for _, p := range m.Values {
			if p.Source == "GeoNames" || geo.Rank(p.Kind) > geo.Rank("city") || seen[p.Country] {
				continue
			}
			seen[p.Country] = true
			out[p.Country]++
		}
	}
	return out
}

// capitals maps each country of gz to its capital: the gazetteer places a
// country at its capital, so the city of that country within 2 km of the
// country's point.
func capitals(gz *geo.Gazetteer) map[string]*geo.Place {
	out := map[string]*geo.Place{}
	for _, c := range gz.Places {
		if c.Kind != "country" || c.Source == "GeoNames" {
			continue
		}
		for _, p := range gz.Places {
			if p.Kind == "city" && p.Country == c.Country && p.Source != "GeoNames" && geo.Km(p.Lat, p.Lon, c.Lat, c.Lon) < 2 {
				out[c.Country] = p
				break
			}
		}
	}
	return out
}

// cityProvinces marks the governorates of gz that are one city (Damascus):
// the gazetteer places one within 2 km of its namesake city, and its sides
// are the city's quarters ("جنوب دمشق": Yarmouk, al-Hajar al-Aswad), not a
// countryside 25 km out, which is another province's.
func cityProvinces(gz *geo.Gazetteer) map[*geo.Place]bool {
	out := map[*geo.Place]bool{}
	for _, g := range gz.Places {
		if g.Kind != "governorate" {
			continue
		}
		for _, c := range gz.Lookup(g.Name) {
			if c.Kind == "city" && c.Country == g.Country && geo.Km(c.Lat, c.Lon, g.Lat, g.Lon) < 2 {
				out[g] = true
				break
			}
		}
	}
	return out
}

// capitalAt reads a bare "العاصمة" at token i ("سقوط قذائف على العاصمة")
// as the capital of the one country the article names most, when no name
// or nationality follows it (those are read as names: "العاصمة دمشق").
func (x *Extractor) capitalAt(dc *doc, i int, s sentence) (placeMention, bool) {
	if !dc.readAs(i, 1, "عاصمه") || !hasArticle(dc.norm(i)) || !x.pointedAt(dc, i, s) {
		return placeMention{}, false
	}
	// only where the phrase ends: "العاصمة السورية", "العاصمة أورومكي" are
	// names, read as such or not at all
	if i+1 < s.to && dc.toks[i+1].Kind != arabic.Punct && !dc.hasForm(i+1, capitalFollowers...) {
		return placeMention{}, false
	}
	best, n, tie := "", 0, false
	for c, k := range dc.countries {
		switch {
		case k > n:
			best, n, tie = c, k, false
		case k == n:
			tie = true
		}
	}
	cap := x.capitals[best]
	if tie || cap == nil {
		return placeMention{}, false
	}
	pm := placeMention{from: i, to: i + 1, nameFrom: i, nameTo: i + 1, cands: []*geo.Place{cap}}
	if i > s.from {
		if n, ok := x.isRole(dc, i-1, s.to, "near"); ok && n.To == i {
			pm.from, pm.near = i-1, true // "قرب العاصمة": near it
		}
	}
	return pm, true
}

// seatNamed returns the city a governorate mention names as its seat
// ("عاصمة محافظة السويداء", "مركز محافظة الحديدة"): the city of the
// governorate's name in it, or nil.
func (x *Extractor) seatNamed(dc *doc, pm placeMention, s sentence) *geo.Place {
	if pm.from <= s.from || !dc.hasForm(pm.from-1, "عاصمه", "مركز") || hasArticle(dc.norm(pm.from-1)) {
		return nil
	}
	for _, g := range pm.cands {
		if g.Kind != "governorate" {
			continue
		}
		for _, n := range append([]string{g.Name}, g.Names...) {
			for _, c := range x.gz.Lookup(n) {
				if c.Kind == "city" && c.Country == g.Country && c.Admin1 == g.Admin1 {
					return c
				}
			}
		}
	}
	return nil
}

// insideActor reports tokens from..to lying within a longer actor name.
func (dc *doc) insideActor(from, to int) bool {
	for _, am := range dc.actors {
		if am.from <= from && to <= am.to && am.to-am.from > to-from {
			return true
		}
	}
	return false
}

// capitalFollowers may follow a bare "العاصمة" that ends its phrase.
var capitalFollowers = words("capital_followers")

// findPlaces reads the place expressions of every sentence.
func (x *Extractor) findPlaces(dc *doc) {
	dc.countries = x.countries(dc)
	// A place inside a longer actor or source name is part of that name
	// ("مجلس منبج العسكري", "وكالة الأنباء السورية"); a source that is exactly a
	// place name is a newspaper ("الشرق الأوسط").
	type span struct{ from, to int }
	var names, exact []span
	for _, a := range dc.actors {
		if a.kind == "state" {
			continue
		}
		if _, ok := x.isRole(dc, a.from, a.to, "type"); ok {
			if a.kind == "group" && !a.head && a.to-a.from > 1 {
				// "جماعة ولاية سيناء", "ولاية خراسان": a group named after a province is the group
				names = append(names, span{a.from, a.to})
			}
			continue // "قاعدة حميميم الروسية", "مطار المزة العسكري": a place first, whoever holds it
		}
		names = append(names, span{a.from, a.to})
	}
	for _, s := range dc.sources {
		names = append(names, span{s.from, s.to})
		exact = append(exact, span{s.from, s.to})
	}
	inName := func(from, to int) bool {
		for _, n := range names {
			if n.from <= from && to <= n.to && n.to-n.from > to-from {
				return true
			}
		}
		for _, n := range exact {
			if n.from == from && n.to == to {
				return true
			}
		}
		return false
	}
	for _, s := range dc.sents {
		if s.boiler {
			continue
		}
		var ms []placeMention
		listNoun := -1 // the plural place noun a list after a colon names the items of
		for i := s.from; i < s.to; {
			if dc.toks[i].Kind == arabic.Punct {
				listNoun = dc.listAfterColon(i, s, listNoun)
				i++
				continue // no place name starts with a punctuation mark
			}
			pm, ok := x.placeAt(dc, i, s.to)
			governed := listNoun >= 0 && dc.toks[i-1].Kind == arabic.Punct
			if governed {
				// "المدن والبلدات التي تمت استعادتها هي: حزرما، النشابية، …": the
				// noun governs every item, as it does a list joined by و
				pm, ok = x.governedAt(dc, listNoun, i, s, pm, ok)
			}
			if !ok {
				if c, cok := x.capitalAt(dc, i, s); cok {
					ms = append(ms, c)
					i++
					continue
				}
			}
			listItem := false // a name a plural or dual place noun governs, a common word or not ("بلدات طفس ونصيب")
			if len(ms) > 0 && ms[len(ms)-1].to == i && strings.HasPrefix(dc.norm(i), "و") {
				// "بلدات الطيبة والنعيمة وصيدا": the plural noun governs the whole
				// list, and a name it governs wins when it runs longer than a
				// bare one ("بلدتي بصر الحرير ومليحة العطش", not "المليحة")
				if first := ms[listStart(ms)]; first.typed {
					pm, ok = x.governedAt(dc, first.from, i, s, pm, ok)
					listItem = ok && dc.dualAt(first.from)
				}
			}
			if !ok || !pm.anaphor && inName(pm.nameFrom, pm.nameTo) {
				i++
				continue
			}
			if definite, _, _ := dc.nounForm(pm.from); pm.nameFrom > pm.from && onlyImported(pm) && (definite || inName(pm.from, pm.from+1)) {
				i = pm.to
				continue // "بالقاعدة طليعة هذا العام": a place noun names a village only undefined ("قاعدة X", "بلدة X")
			}
			if pm.anaphor && !pm.region && !x.pointedAt(dc, i, s) && !dc.objectOfEvent(i) {
				i++
				continue // "سكان المدينة": not where anything happened
			}
			if pm.nameFrom > s.from && strings.HasPrefix(dc.norm(pm.nameFrom), "ل") && dc.hasForm(pm.nameFrom-1, purposeWords...) {
				i = pm.to
				continue // "تظاهروا دعما لغزة": for Gaza, not in Gaza
			}
			if dc.missionSeat(pm, s) {
				i = pm.to
				continue // "افتتاح السفارة الأمريكية في القدس": where an embassy is, not where anything happened
			}
			if !pm.typed && !pm.region && !pm.near && x.adjective(dc, pm, s) {
				i = pm.to
				continue // "سفينة تركية": Turkish, not Turkey
			}
			if !pm.typed && pm.nameFrom > s.from && x.givenName(dc, pm.nameFrom-1) {
				i = pm.to
				continue // "مروان حويجة", "صالح الصماد": a person's family name
			}
			if pm.nameTo-pm.nameFrom == 1 && !pm.anaphor && !pm.unresolved && !listItem && x.stopWord(dc, pm.nameFrom) && (!x.singularTyped(dc, pm) || onlyImported(pm)) {
				i++
				continue // "وباب", "قرب مدرسة", "بلدات تحت": common words, not places
			}
			if smallImported(pm) && !pm.region && (!x.inArticleCountry(dc, pm) || (pm.near || pm.typed && !x.singularTyped(dc, pm)) && !x.locatedAfter(dc, pm.to, s)) {
				i++
				continue // "قرب السياج", "منطقة معزولة": an imported village name that is a common word
			}
			if !pm.typed && !pm.region && !pm.near && !pm.anaphor && !pm.unresolved {
				listed := governed || len(ms) > 0 && ms[len(ms)-1].to >= i-1 && strings.HasPrefix(dc.norm(i), "و")
				if !listed && !x.plausiblePlace(dc, pm, i, s) {
					i++
					continue
				}
				// "حليفي دمشق", "مدعوم من أنقرة": a capital or country standing for
				// its state is an actor, unless a preposition makes it a place.
				if x.metonym(dc, pm, i, s) {
					i = pm.to
					continue
				}
			}
			if pm.typed && !pm.anaphor && !pm.unresolved && !x.kindFits(pm) && pm.nameTo-pm.nameFrom == 1 && x.stopWord(dc, pm.nameFrom) {
				i++
				continue // "طريق تل …": a common word after a place noun it cannot be
			}
			// "دمشق - ", "دبي، الإمارات العربية المتحدة (CNN)": a dateline, not where anything happened
			if i == s.from && x.dateline(dc, pm, s) {
				i = pm.to
				continue
			}
			if x.riverBank(dc, pm, s) {
				i = pm.to
				continue // "الضفة الغربية لنهر الفرات", "الضفة الغربية، للفرات": the river's bank, not the West Bank
			}
			if pm.from > s.from && !pm.region && dc.hasForm(pm.from-1, gateWords...) && !hasArticle(dc.norm(pm.from-1)) {
				i = pm.to
				continue // "حي باب طبرق" in Derna, "باب الأسباط": a gate or quarter named for the place it faces
			}
			if x.compared(dc, i, s) {
				i = pm.to
				continue // "عبر مفاوضات مثلما حدث في حلب": a place compared with, not where it happens
			}
			if i > s.from {
				o, ok := x.isRole(dc, i-1, s.to, "origin")
				if (!ok || o.To != i) && i > s.from+1 {
					o, ok = x.isRole(dc, i-2, s.to, "origin")
				}
				// "أجزاء من مدينة البوكمال": a part of the place, not a start from it
				// (also with an adjective between: "منطقة صحراوية من محافظة السويداء")
				pm.origin = ok && o.To == i && !dc.hasForm(o.From-1, partitiveWords...) &&
					!(o.From >= 2 && dc.hasForm(o.From-2, partitiveWords...) && (dc.adjectiveAt(o.From-1) || dc.hasForm(o.From-1, partAdjectives...)))
				// "بيت سوى وعربين": the word before is an exception only when it
				// is not the end of the place named before
				after := len(ms) > 0 && ms[len(ms)-1].to == i
				pm.excepted = !after && dc.hasForm(i-1, exceptWords...) || after && ms[len(ms)-1].excepted && strings.HasPrefix(dc.norm(i), "و")
			}
			if seat := x.seatNamed(dc, pm, s); seat != nil {
				pm.cands, pm.from = []*geo.Place{seat}, pm.from-1 // "عاصمة محافظة السويداء": the city
			}
			ms = append(ms, pm)
			i = pm.to
		}
		x.coordinate(dc, ms)
		x.qualify(dc, ms)
		x.routes(dc, ms)
		for _, pm := range ms {
			// "ريفي إدلب الجنوبي والجنوبي الشرقي" is two regions.
			for d := 1; d < len(pm.dirs); d++ {
				two := pm
				two.dirs = []float64{pm.dirs[d]}
				dc.places = append(dc.places, two)
			}
			if len(pm.dirs) > 1 {
				pm.dirs = pm.dirs[:1]
			}
			dc.places = append(dc.places, pm)
		}
	}
	x.resolvePlaces(dc)
	x.between(dc)
	for _, pm := range dc.places {
		if !pm.anaphor && (pm.place != nil && pm.place.Kind != "country" || pm.fallbackTo != nil) {
			dc.placed = true // a country alone places no event (sentencePlaces)
			break
		}
	}
}

// gateWords are the gate nouns: a place name after one names the gate or
// the quarter round it ("حي باب طبرق" in Derna), not the place it faces.
var gateWords = words("gate")

// riverBank reports a bank named with its river: "الضفة الغربية لنهر
// الفرات", "الضفة الغربية، للفرات" (a comma between, or the river named
// bare after "لل"): a river's bank, not the Palestinian West Bank.
func (x *Extractor) riverBank(dc *doc, pm placeMention, s sentence) bool {
	if !dc.anyForm(pm.nameFrom, pm.nameTo, "الضفه", "ضفه", "الضفتين") {
		return false
	}
	k := pm.to
	if k < s.to && dc.toks[k].Kind == arabic.Punct && (dc.toks[k].Norm == "،" || dc.toks[k].Norm == ",") {
		k++
	}
	if k >= s.to {
		return false
	}
	if dc.hasForm(k, "لنهر", "للنهر") {
		return true
	}
	if !strings.HasPrefix(dc.norm(k), "ل") {
		return false
	}
	g, ok := x.gazAt(dc, k, s.to)
	if !ok || g.From != k {
		return false
	}
	for _, p := range g.Values {
		if p.Kind == "river" {
			return true
		}
	}
	return false
}

// compareWords open a comparison with what happened elsewhere: "مثلما
// حدث في حلب", "كما جرى بالغوطة", "على غرار".
var compareWords = words("compare")

// compared reports a place mention at token i that only serves as a
// reference: a comparison ("مثلما حدث في X", "كما حدث بX", "على غرار X") or
// a border ("المديرية المحاذية لمنطقة جازان").
func (x *Extractor) compared(dc *doc, i int, s sentence) bool {
	if i-2 >= s.from && dc.hasForm(i-2, "علي") && dc.hasForm(i-1, "غرار") {
		return true
	}
	if i-1 >= s.from && dc.hasForm(i-1, "محاذيه", "محاذي", "متاخمه", "متاخم", "مجاوره", "مجاور") {
		return true // "المديرية المحاذية لمنطقة جازان": the place bordered, not where it happened
	}
	k := i - 1
	if k >= s.from && dc.hasForm(k, "في") {
		k--
	}
	return k-1 >= s.from && dc.hasForm(k, "حدث", "جري", "يحدث", "يجري") && dc.hasForm(k-1, compareWords...)
}

// governedAt reads at token i a name the place noun at token noun governs
// (qualifiedAt) when it runs longer than the mention pm found there (ok
// false: none), and returns that mention, else pm.
func (x *Extractor) governedAt(dc *doc, noun, i int, s sentence, pm placeMention, ok bool) (placeMention, bool) {
	if g, gok := x.qualifiedAt(dc, noun, i, s.to); gok && (!ok || g.To > pm.nameTo) {
		return placeMention{from: i, nameFrom: g.From, nameTo: g.To, cands: g.Values, to: g.To}, true
	}
	return pm, ok
}

// listAfterColon tracks a list of places after a colon at punctuation
// token i: a colon with a plural or dual place noun in the ten words before
// it opens one (the noun's index is returned), a comma goes on with the one
// open (list), any other mark ends it (-1).
func (dc *doc) listAfterColon(i int, s sentence, list int) int {
	switch dc.toks[i].Norm {
	case ",", "،":
		return list
	case ":":
		for k := i - 1; k >= max(s.from, i-10); k-- {
			if dc.dualAt(k) {
				return k
			}
		}
	}
	return -1
}

// listStart returns the index of the first of the mentions that end ms
// joined without a gap ("بلدات النشابية وحزرما وأوتايا"): the one whose
// place noun begins the list.
func listStart(ms []placeMention) int {
	k := len(ms) - 1
	for k > 0 && ms[k-1].to == ms[k].from {
		k--
	}
	return k
}

// wInitial are place words that begin with و themselves.
var wInitial = words("w_initial")

// duals are the type and region words that govern two or more names joined
// by و: "ريفي حماة واللاذقية", "محافظتي إدلب وحلب", "مدينتي رفح وخان يونس".
var duals = wordMap("duals")

// dualAt reports a dual or plural place word at token i ("ريفي", "بمحافظتي",
// "بلدات"), which governs the names joined after it.
func (dc *doc) dualAt(i int) bool {
	w := dc.norm(i)
	if rest, ok := strings.CutPrefix(w, "ب"); ok && duals[rest] {
		return true
	}
	return duals[w] || duals[arabic.StripArticle(w)]
}

// coordinate gives the names joined to a dual or plural place word what the
// word says of the first: a region, or a kind of place.
func (x *Extractor) coordinate(dc *doc, ms []placeMention) {
	for k := 1; k < len(ms); k++ {
		prev, cur := &ms[k-1], &ms[k]
		if cur.from != prev.to || cur.typed || cur.region || !strings.HasPrefix(dc.norm(cur.from), "و") {
			continue
		}
		if !dc.dualAt(prev.from) {
			continue
		}
		cur.coordinated = true
		if prev.region {
			cur.region = true
			cur.dirs = prev.dirs
		}
		if prev.typed {
			cur.typed, cur.kinds = true, prev.kinds
		}
	}
}

// countryNamed reports a country's name that starts at token j and runs past
// token next ("جنوب السودان").
func (x *Extractor) countryNamed(dc *doc, j, next, to int) bool {
	g, ok := x.gazAt(dc, j, to)
	if !ok || g.To <= next {
		return false
	}
	for _, p := range g.Values {
		if p.Kind == "country" {
			return true
		}
	}
	return false
}

// placeAt reads one place expression starting at token i.
func (x *Extractor) placeAt(dc *doc, i, to int) (placeMention, bool) {
	pm := placeMention{from: i}
	j := i
	// "على بعد 5 كيلومترات من", "بالقرب من", "محيط", "أطراف": near.
	if m, ok := x.isRole(dc, j, to, "near"); ok {
		if g, ok := x.gazAt(dc, j, to); !ok || g.To <= m.To {
			pm.near = true
			j = m.To
			for k := 0; k < 4 && j < to && (x.countAt(dc, j) || dc.hasForm(j, "كيلومترات", "كيلومتر", "كيلومترا", "كم", "كلم", "متر", "امتار", "مترا", "كيلو", "نحو", "حوالي", "قرابة")); k++ {
				j++
			}
			if dc.hasForm(j, "من") {
				j++
			}
		}
	}
	// "ريف إدلب الجنوبي", "ريفي حماة", "الريف الجنوبي الشرقي لإدلب",
	// "المنطقة الجنوبية الشرقية من المحافظة", "الجزء الشمالي من حلب".
	m, ok := x.isRole(dc, j, to, "countryside")
	if !ok && dc.hasForm(j, partNouns...) && strings.HasPrefix(dc.key(j), "") && strings.Contains(dc.norm(j), "ال") {
		if _, _, isDir := x.dirsAt(dc, j+1, to); isDir {
			m, ok = arabic.Match[placeWord]{From: j, To: j + 1}, true
		}
	}
	if ok {
		if g, ok := x.gazAt(dc, j, to); !ok || g.To <= m.To {
			k := m.To
			var dirs []float64
			if d, next, ok := x.dirsAt(dc, k, to); ok {
				dirs = append(dirs, d)
				k = next
			}
			if len(dirs) > 0 && k < to && dc.hasForm(k, "من") {
				k++ // "الجنوبية الشرقية من المحافظة"
			}
			if k < to && (dc.norm(k) == "محافظه" || dc.norm(k) == "مدينه") {
				k++
			}
			if g, ok := x.gazAt(dc, k, to); ok && !(g.To-g.From == 1 && x.stopWord(dc, g.From)) {
				pm.nameFrom, pm.nameTo, pm.cands = g.From, g.To, g.Values
				pm.region = true
				k = g.To
				if len(dirs) == 0 {
					if d, next, ok := x.dirsAt(dc, k, to); ok {
						dirs = append(dirs, d)
						k = next
						// "ريفي إدلب الجنوبي والجنوبي الشرقي": a second direction, same place.
						if strings.HasPrefix(dc.norm(k), "و") {
							if d2, next2, ok := x.dirsAt(dc, k, to); ok {
								dirs = append(dirs, d2)
								k = next2
							}
						}
					}
				}
				pm.dirs = dirs
				pm.to = k
				return pm, true
			}
			if len(dirs) > 0 {
				// "الريف الجنوبي الشرقي" (of the province the article is about)
				if k < to && dc.singular(k, "محافظه") {
					k++
				}
				pm.region, pm.dirs, pm.anaphor = true, dirs, true
				pm.nameFrom, pm.nameTo, pm.to = m.From, k, k
				pm.kinds = []string{"governorate"}
				return pm, true
			}
		}
	}
	// "شمال إدلب", "جنوب غربي مدينة حماة", "غرب مدينة إدلب"; but a country
	// whose name starts with a direction is that country ("جنوب السودان"),
	// and an adjective with the article opens a direction only with "ل"
	// ("الجنوبية الغربية لمطار الحديدة"; "اتهمت الدول الغربية دمشق" is no
	// "west of Damascus").
	if d, next, ok := x.dirsAt(dc, j, to); ok && !(hasArticle(dc.norm(j)) && !strings.HasPrefix(dc.norm(next), "ل")) && !x.countryNamed(dc, j, next, to) {
		k := next
		if k < to {
			if t, ok := x.isRole(dc, k, to, "type"); ok {
				if g, ok := x.gazAt(dc, k, to); ok && g.To > t.To {
					// "شمال مطار الحديدة": the gazetteer holds the airport whole
					pm.nameFrom, pm.nameTo, pm.cands, pm.to, pm.typed = g.From, g.To, g.Values, g.To, true
					pm.kinds = t.Values[0].kinds
					pm.dirs = []float64{d}
					pm.region = true
					return pm, true
				}
				pm.kinds = t.Values[0].kinds
				k = t.To
			}
		}
		if g, ok := x.gazAt(dc, k, to); ok && !(g.To-g.From == 1 && x.stopWord(dc, g.From) && len(pm.kinds) == 0) {
			pm.nameFrom, pm.nameTo, pm.cands, pm.to = g.From, g.To, g.Values, g.To
			pm.dirs = []float64{d}
			pm.region = true
			return pm, true
		}
		pm.kinds = nil
	}
	// "بلدة حارم", "مدينة إدلب", "قاعدة حميميم"; a name the gazetteer holds whole wins.
	if t, ok := x.isRole(dc, j, to, "type"); ok {
		after, afterOK := x.gazAt(dc, t.To, to)
		if g, ok := x.gazAt(dc, j, to); ok && g.To > t.To && (!afterOK || g.To >= after.To) {
			// a name the gazetteer holds with its place noun ("منطقة التل"),
			// unless the name after the noun runs longer ("منطقة تل رفعت")
			pm.nameFrom, pm.nameTo, pm.cands, pm.to, pm.typed = g.From, g.To, g.Values, g.To, true
			return pm, true
		}
		k := t.To
		pm.kinds = t.Values[0].kinds
		pm.typed = true
		// "بلدتي مليحة العطش": a name kept only with its place noun wins
		// when it runs longer than a bare name ("المليحة" near Damascus)
		q, qOK := x.qualifiedAt(dc, t.From, k, to)
		if g, ok := x.gazAt(dc, k, to); ok && (!qOK || g.To >= q.To) {
			pm.nameFrom, pm.nameTo, pm.cands, pm.to = g.From, g.To, g.Values, g.To
			if qOK && q.To == g.To && !x.kindFits(pm) {
				// "بلدة الضمير": the bare name is a subdistrict, the town is
				// kept as "مدينة الضمير"
				pm.cands = q.Values
			}
			return pm, true
		}
		if g, ok := q, qOK; ok {
			pm.nameFrom, pm.nameTo, pm.cands, pm.to = g.From, g.To, g.Values, g.To
			return pm, true
		}
		if cands := x.joinedAt(dc, k, to, pm.kinds); len(cands) > 0 {
			pm.nameFrom, pm.nameTo, pm.cands, pm.to = k, k+2, cands, k+2
			return pm, true
		}
		if cands := x.respeltAt(dc, k, to, pm.kinds); len(cands) > 0 {
			pm.nameFrom, pm.nameTo, pm.cands, pm.to = k, k+1, cands, k+1
			return pm, true
		}
		// "القاعدة", "المدينة": a place of that kind named before.
		if strings.HasPrefix(dc.norm(t.From), "ال") || strings.HasPrefix(dc.norm(t.From), "وال") || strings.HasPrefix(dc.norm(t.From), "بال") {
			if t.To == t.From+1 && dc.singular(t.From, anaphorTypes...) {
				pm.anaphor = true
				pm.nameFrom, pm.nameTo, pm.to = t.From, t.To, t.To
				return pm, true
			}
		}
		// "قرية “غرب سعيد”", "بلدة الحراك بريف درعا": a name the gazetteer
		// lacks, placed later where the sentence says it lies.
		if x.singularType(dc, t) {
			if nf, nt, ok := unknownName(dc, k, to); ok {
				pm.nameFrom, pm.nameTo, pm.to, pm.unresolved = nf, nt, nt, true
				return pm, true
			}
			if nt, ok := x.bareUnknownName(dc, k, to); ok {
				pm.nameFrom, pm.nameTo, pm.to, pm.unresolved = k, nt, nt, true
				return pm, true
			}
		}
		return pm, false
	}
	if g, ok := x.gazAt(dc, j, to); ok {
		pm.nameFrom, pm.nameTo, pm.cands, pm.to = g.From, g.To, g.Values, g.To
		pm.firstKey = x.firstKey(dc, g.From)
		return pm, true
	}
	return pm, false
}

// qualifiedAt reads at token k a name the gazetteer keeps only with its
// place noun ("قرية صيدا"), when the plural or dual place noun at token
// noun governs it ("بلدات الطيبة وصيدا", "قريتي زايدا والنعيمة"), or a
// town or village noun ("بلدة ضحيان" for Who's On First's "قرية ضحيان").
func (x *Extractor) qualifiedAt(dc *doc, noun, k, to int) (arabic.Match[*geo.Place], bool) {
	if !dc.dualAt(noun) && !dc.singular(noun, "بلده", "قريه") {
		return arabic.Match[*geo.Place]{}, false
	}
	m, ok := x.gz.Qualified().At(dc.d, k, to)
	if !ok {
		return m, false
	}
	if !dc.dualAt(noun) && m.To < to && dc.toks[m.To].Kind == arabic.Word {
		// (but a date or a word joined by و after it begins what follows:
		// "بلدة جاسم أمس", "بلدة جاسم واعتقلت")
		if _, placeWord := x.word(dc, m.To, to); !placeWord && !dc.hasForm(m.To, "في", "الواقعه", "التابعه", "الخاضعه", "المحاذيه", "القريبه") &&
			!slices.Contains(dc.timed, m.To) && !strings.HasPrefix(dc.norm(m.To), "و") {
			return arabic.Match[*geo.Place]{}, false // "بلدة مير علي": the name goes on
		}
	}
	// the kinds the noun names ("مدن" cities, not "قرية البلاد"), in the
	// article's country: "ثاني أكبر مدن البلاد" names no village of Yemen
	var kinds []string
	if t, tok := x.isRole(dc, noun, noun+1, "type"); tok {
		kinds = t.Values[0].kinds
	}
	var fit []*geo.Place
	for _, p := range m.Values {
		if (len(kinds) == 0 || kindIn(p.Kind, kinds)) && x.inArticleCountry(dc, placeMention{cands: []*geo.Place{p}}) {
			fit = append(fit, p)
		}
	}
	if len(fit) == 0 {
		return arabic.Match[*geo.Place]{}, false
	}
	m.Values = fit
	return m, true
}

// firstKey is the reading of word i under which some place name starts.
func (x *Extractor) firstKey(dc *doc, i int) string {
	for _, c := range dc.d.Cands[i] {
		if c.Cost <= 1 && x.gz.Matcher().Starts(c.Form) {
			return c.Form
		}
	}
	return ""
}

func (x *Extractor) singularType(dc *doc, t arabic.Match[placeWord]) bool {
	return dc.hasForm(t.From, "بلده", "قريه", "مدينه", "حي", "مخيم", "مزرعه")
}

func (x *Extractor) isNumberWord(dc *doc, i int) bool {
	_, ok := x.lx.Numbers.At(dc.d, i, len(dc.toks))
	return ok
}

// unknownName takes a quoted name, or one or two words that can start a
// Levantine toponym ("كفر", "تل", "عين", "دير"…), after a type word.
func unknownName(dc *doc, k, to int) (int, int, bool) {
	if k >= to {
		return 0, 0, false
	}
	if dc.toks[k].Kind == arabic.Punct && dc.toks[k].Norm == "\"" {
		for e := k + 1; e < to && e <= k+4; e++ {
			if dc.toks[e].Norm == "\"" && e > k+1 {
				return k + 1, e, true
			}
			if dc.toks[e].Kind != arabic.Word {
				break
			}
		}
		return 0, 0, false
	}
	return 0, 0, false
}

// qualify marks the places that only say where the previous one lies:
// "حارم في ريف إدلب", "الموزرة في جبل الزاوية", "عرب سعيد غرب مدينة إدلب".
func (x *Extractor) qualify(dc *doc, ms []placeMention) {
	for k := 1; k < len(ms); k++ {
		prev, cur := &ms[k-1], &ms[k]
		if strings.HasPrefix(dc.norm(cur.from), "و") && (cur.from == cur.nameFrom && !cur.region || cur.from < cur.nameFrom && !dc.hasForm(cur.from, wInitial...)) || cur.coordinated {
			continue // "والفطيرة", "ريفي حماة واللاذقية", "البصرة وكركوك وضواحي بغداد": a list goes on
		}
		gapOK := true
		within := false
		loose := 0 // words the gap may hold before "في": an adjective ("السجن المركزي في"), an unknown list item
		comma := prev.to
		for comma < cur.from-1 && comma < prev.to+2 && dc.adjectiveAt(comma) {
			comma++ // "قاعدة الضمير الجوية العسكرية، شمال شرق العاصمة دمشق"
		}
		if cur.from == comma+1 && (cur.region || cur.near) && dc.toks[comma].Kind == arabic.Punct && dc.toks[comma].Norm == "," {
			// "في قضاء الزبير، جنوب غرب البصرة", "منطقة دشتي برتشي، غربي كابول": set off by a
			// comma, a direction or countryside only says where the place before it lies
			if biggerOrRegion(cur, prev) {
				cur.qualifier = true
			}
			continue
		}
		for i := prev.to; i < cur.from; {
			if m, ok := x.isRole(dc, i, cur.from, "within"); ok {
				if strings.HasPrefix(dc.norm(i), "و") {
					gapOK = false // "في الغوطة الشرقية وفي محافظة إدلب": a second place, not where the first lies
					break
				}
				within = true
				i = m.To
				continue
			}
			if dc.toks[i].Kind == arabic.Punct && (dc.toks[i].Norm == "-" || dc.toks[i].Norm == "(" || dc.toks[i].Norm == "\"") {
				i++
				continue
			}
			if dc.toks[i].Kind == arabic.Word && strings.HasPrefix(dc.norm(i), "و") && dc.hasForm(i, moreSites...) {
				gapOK = false // "منطقة الدويلعة وأماكن في منطقة العباسيين": more targets, not where the first lies
				break
			}
			if dc.toks[i].Kind == arabic.Word && loose < 2 {
				loose++
				i++
				continue
			}
			gapOK = false
			break
		}
		if loose > 0 && !within && !cur.region && !cur.near {
			gapOK = false
		}
		if !gapOK {
			continue
		}
		if prev.to == cur.from && (strings.HasPrefix(dc.norm(cur.from), "ب") || strings.HasPrefix(dc.norm(cur.from), "ل")) {
			within = true // "بريف إدلب", "بمحافظة إدلب", "لإدلب"
		}
		if prev.to == cur.from && dc.hasForm(cur.from, "محافظه", "ولايه", "اقليم", "قضاء", "مديريه", "ناحيه") {
			within = true // "بمديرية نهم محافظة صنعاء": the province, set beside the district, says where it lies
		}
		if !within && !cur.region && !cur.near {
			continue
		}
		if !biggerOrRegion(cur, prev) {
			continue
		}
		cur.qualifier = true
	}
}

// biggerOrRegion reports whether cur can contain prev.
func biggerOrRegion(cur, prev *placeMention) bool {
	if cur.region || cur.near {
		return true
	}
	best := 99
	for _, p := range cur.cands {
		best = min(best, geo.Rank(p.Kind))
	}
	prevBest := 99
	for _, p := range prev.cands {
		prevBest = min(prevBest, geo.Rank(p.Kind))
	}
	return best <= prevBest || best <= geo.Rank("region") || prev.unresolved
}

func keyOf(name string) string { return strings.Join(arabic.PhraseKeys(name), " ") }

// anaphorTypes are the place nouns that, with the article and no name,
// stand for a place of that kind named before ("القاعدة" for Hmeimim base).
var anaphorTypes = words("anaphor_types")

// partNouns name a part of a place when a direction follows them ("المنطقة
// الجنوبية الشرقية من المحافظة", "الجزء الشمالي من حلب").
var partNouns = words("part_nouns")

// locatives are words after which a bare name is read as a place.
var locatives = words("locatives")

// plausiblePlace decides whether a bare gazetteer name (no place noun before
// it) is a place here: not a common word, and for small places that only an
// imported gazetteer knows, after a locative word or preposition.
func (x *Extractor) plausiblePlace(dc *doc, pm placeMention, i int, s sentence) bool {
	if pm.nameTo-pm.nameFrom == 1 && x.stopWord(dc, pm.nameFrom) {
		return false
	}
	best := 99
	imported := true
	for _, p := range pm.cands {
		best = min(best, geo.Rank(p.Kind))
		if p.Source != "GeoNames" {
			imported = false
		}
	}
	if c := dc.d.Cands[pm.nameFrom]; pm.nameTo-pm.nameFrom == 1 && best >= geo.Rank("subdistrict") && len(c) > 0 && c[0].Form != pm.firstKey && arabic.RuneCount(pm.firstKey) <= 3 {
		return false // "لقاح" is a vaccine, not ل + the village قاح
	}
	if best >= geo.Rank("town") && !x.inArticleCountry(dc, pm) {
		return false // "خيبر" in a story of Pakistan: no village of Yemen
	}
	if !imported || best < geo.Rank("town") {
		return true
	}
	if !x.inArticleCountry(dc, pm) {
		return false // "الحسينية" in an article on Yemen is not the Syrian village
	}
	// A small place only an imported gazetteer knows is most often a common
	// word ("أكثر", "السياج", "كمين", "نزهة" are villages somewhere): it is read
	// as a place only when the sentence says where it lies ("X في ريف حماة",
	// "X بريف إدلب", "X جنوب حلب"); a place noun before it or a list of places
	// it stands in are handled before this.
	return x.locatedAfter(dc, pm.to, s)
}

// locatedAfter reports that the words from token k say where the place
// before them lies: "في ريف …", "بريف …", "بمحافظة …", "جنوب …", "في منطقة …".
func (x *Extractor) locatedAfter(dc *doc, k int, s sentence) bool {
	if k >= s.to {
		return false
	}
	where := func(j int) bool {
		if j >= s.to {
			return false
		}
		for _, role := range []string{"countryside", "dir", "type"} {
			if m, ok := x.isRole(dc, j, s.to, role); ok {
				j = m.To // "في ريف حماة", "جنوب حلب", "بمحافظة إدلب": a name must follow
				if role == "dir" {
					if _, next, ok := x.dirsAt(dc, m.From, s.to); ok {
						j = next
					}
				}
				break
			}
		}
		if g, ok := x.gazAt(dc, j, s.to); ok {
			for _, p := range g.Values {
				if p.Kind == "governorate" || p.Kind == "region" || p.Kind == "district" {
					return true
				}
			}
		}
		return false
	}
	if dc.singular(k, "في", "ضمن") {
		return where(k + 1)
	}
	return where(k) // "بريف إدلب", "جنوب حلب"
}

func (x *Extractor) stopWord(dc *doc, i int) bool {
	for _, c := range dc.d.Cands[i] {
		if c.Cost <= 1 && x.stopPlaces[c.Form] {
			return true
		}
	}
	// "في أحد ميادين المدينة": a name written with the article is no place
	// without it when its bare form is an ordinary word
	if hasArticle(dc.norm(i)) {
		return false
	}
	// "الغارات لم تدمر سلاح الجو": after a particle only a verb comes;
	// "يستهدفها دوماً": a word written with tanween is indefinite, no town's name
	return dc.readAs(i, 1, articleNames...) || dc.hasForm(i-1, verbParticles...) || tanween(dc.textOf(i, i+1))
}

// tanween reports a word that ends in a tanween mark (ً ٌ ٍ), after a
// final alef or before it ("دوماً", "دومًا").
func tanween(w string) bool {
	w = strings.TrimSuffix(w, "ا")
	return strings.HasSuffix(w, "\u064b") || strings.HasSuffix(w, "\u064c") || strings.HasSuffix(w, "\u064d")
}

var articleNames, verbParticles = words("article_names"), words("verb_particles")

// hasArticle reports a normalised word that carries the article after any
// proclitics ("الرقة", "بالرقة", "وللرقة").
func hasArticle(w string) bool {
	for _, p := range []string{"", "و", "ف", "ب", "ك", "وب", "فب", "وك", "فك"} {
		if strings.HasPrefix(w, p+"ال") {
			return true
		}
	}
	return strings.HasPrefix(w, "لل") || strings.HasPrefix(w, "ولل") || strings.HasPrefix(w, "فلل")
}

// kindFits reports whether a typed mention has a candidate of the kind its
// place noun asks for.
func (x *Extractor) kindFits(pm placeMention) bool {
	for _, p := range pm.cands {
		if kindIn(p.Kind, pm.kinds) {
			return true
		}
	}
	return false
}

// metonym reports a bare country or capital name that overlaps a state
// actor and has no preposition making it a place.
func (x *Extractor) metonym(dc *doc, pm placeMention, i int, s sentence) bool {
	state := false
	for _, a := range dc.actors {
		if a.kind == "state" && a.from <= pm.nameFrom && pm.nameTo <= a.to {
			state = true
			break
		}
	}
	if !state {
		return false
	}
	if pm.from == pm.nameFrom && pm.firstKey != "" && strings.HasPrefix(dc.norm(pm.from), "ب") && !strings.HasPrefix(arabic.StripArticle(dc.norm(pm.from)), pm.firstKey) {
		return false // "بالقاهرة", "بدمشق": a fused "ب" puts the event in the city (not "باكستان")
	}
	if i > s.from && dc.hasForm(i-1, "في", "الي", "قرب", "داخل", "نحو", "باتجاه") {
		return false
	}
	if i-2 >= s.from && dc.hasForm(i-1, "مع") && dc.hasForm(i-2, "حدود", "الحدود", "حدودها", "حدوده") && !slices.ContainsFunc(pm.cands, isCountry) {
		return false // "على الحدود مع قطاع غزة": the border of a territory, a place (a country's border lies on both sides)
	}
	return !dc.struckAt(pm, i, s)
}

func isCountry(p *geo.Place) bool { return p.Kind == "country" }

// struckAt reports a city or territory named after "على" right after an
// attack word ("غارات جوية على دمشق", "سلسلة غارات على قطاع غزة"): what was
// struck is where. A country struck that way stays its state ("هجوم على
// إيران" may be words or a threat; where it happened is named elsewhere).
func (dc *doc) struckAt(pm placeMention, i int, s sentence) bool {
	if i-1 <= s.from || !dc.singular(i-1, "علي") {
		return false
	}
	if slices.ContainsFunc(pm.cands, isCountry) {
		return false
	}
	for _, t := range dc.triggers {
		if t.To <= i-1 && i-1-t.To <= 1 && t.From >= s.from && attackType(t.Values[0].Type) {
			return true
		}
	}
	return false
}

// routes marks the places a road is named by ("طريق المسطومة أريحا-مفرق
// قرية نحليا"): the event is where the road's last named point is.
func (x *Extractor) routes(dc *doc, ms []placeMention) {
	for k := 1; k < len(ms); k++ {
		prev, cur := &ms[k-1], &ms[k]
		if prev.qualifier || cur.qualifier {
			continue
		}
		gap := cur.from - prev.to
		hyphen := gap == 1 && dc.toks[prev.to].Norm == "-"
		road := gap == 0 && prev.typed && kindIn("road", prev.kinds)
		if hyphen || road {
			prev.route = true
		}
	}
	// "قطع الطريق بين البوكمال ومدينة دير الزور", "قطع خط إمداد الحوثيين بين
	// الحديدة وصنعاء": the two ends of a road say which road, not where
	// anything happened
	for k := 0; k+1 < len(ms); k++ {
		a, b := &ms[k], &ms[k+1]
		if a.from < 2 || !dc.hasForm(a.from-1, "بين") || !strings.HasPrefix(dc.norm(b.from), "و") || !dc.roadBefore(a.from-1) {
			continue
		}
		a.route, b.route = true, true
	}
	// "سيطرته على "خط الحديدة صنعاء"", "طريق حلب دمشق": a road word, then
	// two places side by side, names the road by its two ends
	for k := 0; k+1 < len(ms); k++ {
		a, b := &ms[k], &ms[k+1]
		if b.from != a.to || a.qualifier || b.qualifier || a.region || b.region || strings.HasPrefix(dc.norm(b.from), "و") {
			continue
		}
		before := a.from - 1
		if before >= 0 && dc.toks[before].Kind == arabic.Punct && dc.toks[before].Norm == "\"" {
			before--
		}
		if before >= 0 && dc.hasForm(before, "طريق", "الطريق", "خط", "الخط") {
			a.route, b.route = true, true
		}
	}
}

// roadBefore reports a word of road or supply line in the few words before
// token i, with no punctuation between.
func (dc *doc) roadBefore(i int) bool {
	return dc.formBefore(i, 4, "طريق", "الطريق", "خط", "الخط", "طرق", "خطوط", "امداد", "الامداد")
}

// readAs reports whether token i reads as one of forms at a cost of at
// most maxCost (arabic.Candidate).
func (dc *doc) readAs(i, maxCost int, forms ...string) bool {
	if i < 0 || i >= len(dc.d.Cands) {
		return false
	}
	for _, c := range dc.d.Cands[i] {
		if c.Cost <= maxCost && slices.Contains(forms, c.Form) {
			return true
		}
	}
	return false
}

// singular reports whether token i reads as one of forms without a plural
// or dual ending ("القاعدة", not "القواعد" or "والبلدات").
func (dc *doc) singular(i int, forms ...string) bool {
	if i < 0 || i >= len(dc.d.Cands) {
		return false
	}
	for _, c := range dc.d.Cands[i] {
		if c.Cost > 1 {
			continue
		}
		for _, f := range forms {
			if c.Form == f {
				return true
			}
		}
	}
	return false
}

// pointedAt reports whether a place expression at token i stands where an
// event's place stands: after a preposition of place or right after an event
// word ("استهداف القاعدة").
func (x *Extractor) pointedAt(dc *doc, i int, s sentence) bool {
	n := dc.norm(i)
	if strings.HasPrefix(n, "ب") || strings.HasPrefix(n, "وب") {
		return true
	}
	if i == s.from {
		return false
	}
	if i-1 > s.from && dc.singular(i-1, "ذات", "نفس") {
		i-- // "في ذات الجبهة", "في نفس المدينة": the same place, pointed at past "ذات"
	}
	if dc.singular(i-1, "في", "علي", "الي", "قرب", "باتجاه", "نحو", "داخل", "محيط", "من", "عند") {
		return true
	}
	for _, t := range dc.triggers {
		if t.To == i {
			return true
		}
	}
	return false
}

// singularTyped reports a name after a singular place noun that names one
// place ("مدينة الباب", "بلدة القصير"): then even a common word is a name.
func (x *Extractor) singularTyped(dc *doc, pm placeMention) bool {
	if !pm.typed || pm.nameFrom == 0 {
		return false
	}
	t := pm.nameFrom - 1
	if dc.toks[t].Kind == arabic.Punct && t > 0 {
		t-- // "قرية “…”"
	}
	return dc.singular(t, "بلده", "قريه", "مدينه", "حي", "مخيم", "معبر", "مطار", "قاعده", "ناحيه", "جبل", "سهل", "بلدتي", "مدينتي", "قريتي")
}

func (x *Extractor) givenName(dc *doc, i int) bool {
	for _, c := range dc.d.Cands[i] {
		if c.Cost <= 1 && x.givenNames[c.Form] {
			return true
		}
	}
	return false
}

// purposeWords before "لـ" + place make the place what the act is for.
var purposeWords = words("purpose")

// missionWords name a diplomatic mission and seatActs what is done to one
// or to a capital without violence (opening, moving, recognising).
var missionWords, seatActs = words("mission"), words("seat_acts")

// missionSeat reports a place named only as the seat of a diplomatic act:
// "افتتاح السفارة الأمريكية في القدس", "نقل السفارة الأمريكية من تل أبيب
// إلى القدس", "الاعتراف بالقدس عاصمة لإسرائيل" (but "هجوم على السفارة
// الأمريكية في بغداد" is where the attack was).
func (dc *doc) missionSeat(pm placeMention, s sentence) bool {
	if pm.from > s.from && strings.HasPrefix(dc.norm(pm.from), "ب") && dc.hasForm(pm.from-1, seatActs...) {
		return true // "الاعتراف بالقدس"
	}
	for k := pm.from - 1; k >= max(s.from, pm.from-8); k-- {
		if dc.toks[k].Kind == arabic.Punct && dc.toks[k].Norm != "\"" {
			return false
		}
		if dc.hasForm(k, missionWords...) {
			return k > s.from && dc.hasForm(k-1, seatActs...)
		}
	}
	return false
}

// adjective reports a one-word name that is also a nationality adjective
// and follows a noun: "سفينة تركية" is a Turkish ship, not Turkey.
func (x *Extractor) adjective(dc *doc, pm placeMention, s sentence) bool {
	if pm.nameTo-pm.nameFrom != 1 || pm.nameFrom == s.from {
		return false
	}
	m, ok := x.lx.Nations.At(dc.d, pm.nameFrom, pm.nameTo)
	if !ok || m.Values[0].How != "adjective" {
		return false
	}
	prev := dc.toks[pm.nameFrom-1]
	return prev.Kind == arabic.Word && !dc.singular(pm.nameFrom-1, locatives...)
}

// dateline reports a place opening a sentence as the place a report was
// filed from: "دمشق - كشف…", "القاهرة: …", "دبي، الإمارات العربية المتحدة (CNN) --".
func (x *Extractor) dateline(dc *doc, pm placeMention, s sentence) bool {
	if pm.to >= s.to || dc.toks[pm.to].Kind != arabic.Punct {
		return false
	}
	switch dc.toks[pm.to].Norm {
	case "-", ":":
		return true
	case ",":
		for k := pm.to + 1; k < s.to && k <= pm.to+6; k++ {
			if n := dc.toks[k].Norm; n == "(" || n == "-" {
				return true
			}
		}
	}
	return false
}

// onlyImported reports a mention whose every candidate comes from an
// imported (GeoNames) gazetteer.
func onlyImported(pm placeMention) bool {
	if len(pm.cands) == 0 {
		return false
	}
	for _, p := range pm.cands {
		if p.Source != "GeoNames" {
			return false
		}
	}
	return true
}

// smallImported reports an imported mention that can only be a small place.
func smallImported(pm placeMention) bool {
	if !onlyImported(pm) {
		return false
	}
	for _, p := range pm.cands {
		if geo.Rank(p.Kind) < geo.Rank("town") {
			return false
		}
	}
	return true
}

// inArticleCountry reports whether some candidate of a mention lies in the
// country the article's well-known places are mostly in (or the article
// names none).
func (x *Extractor) inArticleCountry(dc *doc, pm placeMention) bool {
	top, n := "", 0
	for c, k := range dc.countries {
		if k > n || k == n && c < top {
			top, n = c, k
		}
	}
	if top == "" {
		return true
	}
	for _, p := range pm.cands {
		if p.Country == top {
			return true
		}
	}
	return false
}

// toponymHeads begin two-word Levantine place names ("كفر نبل", "تل رفعت").
var toponymHeads = words("toponym_heads")

// bareUnknownName reads an unquoted name the gazetteer lacks after a
// singular place noun: one word (two after a toponym head such as كفر or
// تل), not a common word, not a nisba adjective ("بلدة كردية"), and followed
// by where it lies ("بلدة الحراك بريف درعا الشرقي"), so it can be placed.
func (x *Extractor) bareUnknownName(dc *doc, k, to int) (int, bool) {
	if k >= to || dc.toks[k].Kind != arabic.Word {
		return 0, false
	}
	end := k + 1
	if dc.singular(k, toponymHeads...) && end < to && dc.toks[end].Kind == arabic.Word {
		end++
	}
	for i := k; i < end; i++ {
		n := arabic.StripArticle(dc.norm(i))
		if x.stopWord(dc, i) || nisba(n) || arabic.RuneCount(n) < 3 {
			return 0, false
		}
		if _, ok := x.word(dc, i, to); ok {
			return 0, false // a place word, not a name
		}
	}
	if !x.locatedAfter(dc, end, sentence{from: k, to: to}) {
		return 0, false
	}
	return end, true
}

// between reads "بين مدينتي رفح وخان يونس", "بين مدينة سلحب وقرية نهر
// البارد" as one place between the two: their midpoint, precision 2, named
// as written; the second name only says where the first ends.
func (x *Extractor) between(dc *doc) {
	for k := 0; k+1 < len(dc.places); k++ {
		a, b := &dc.places[k], &dc.places[k+1]
		if a.from == 0 || !dc.hasForm(a.from-1, "بين") || dc.sentOf[a.from] != dc.sentOf[b.from] {
			continue
		}
		if b.from != a.to || !strings.HasPrefix(dc.norm(b.from), "و") || a.qualifier || b.qualifier || a.region || b.region {
			continue
		}
		if a.place == nil && a.fallbackTo == nil || b.place == nil && b.fallbackTo == nil {
			continue
		}
		if geo.Km(a.lat, a.lon, b.lat, b.lon) > 30 {
			continue // too far apart to be one spot between them
		}
		a.lat, a.lon = (a.lat+b.lat)/2, (a.lon+b.lon)/2
		a.precision = max(a.precision, 2)
		a.near = true
		a.to = b.to
		a.name = dc.art.Text[dc.toks[a.from-1].Start:dc.toks[b.to-1].End]
		b.qualifier = true
	}
}

// objectOfEvent reports a token an event word governs as its object, or
// that ends it: "دخول المدينة", "اقتحام البلدة".
func (dc *doc) objectOfEvent(i int) bool {
	for _, t := range dc.triggers {
		if t.From < i && i < t.To || t.To == i {
			return true
		}
	}
	return false
}

// exceptWords name the places an event left out ("سيطرت على المحافظة
// باستثناء بلدتي الفوعة وكفريا"): not where it happened.
var exceptWords = words("except")

// adjectiveAt reports a nisba adjective at token i ("صحراوية", "جبلية",
// "الشرقية"): a word of four letters or more ending in ي or يه.
func (dc *doc) adjectiveAt(i int) bool {
	w := arabic.StripArticle(dc.norm(i))
	return dc.toks[i].Kind == arabic.Word && nisba(w) && arabic.RuneCount(w) >= 4
}

// nisba reports a normalised word with the ending of a nisba adjective
// (ي, or يه for the feminine): "كردية", "صحراوي".
func nisba(w string) bool { return strings.HasSuffix(w, "يه") || strings.HasSuffix(w, "ي") }

// partitiveWords before "من" make it name a part of a place ("أجزاء من
// مدينة البوكمال"), not where something came from.
var partitiveWords = words("partitive")

// partAdjectives say how many or how large parts are ("مناطق عديدة من
// عفرين", "أجزاء واسعة من"): the part is still of the place after "من".
var partAdjectives = words("part_adjectives")

// joinedAt reads two words after a place noun as the one-word name the
// gazetteer writes them as ("منطقة كوي سنجق" for كويسنجق), keeping the
// places of the noun's kinds. The noun must head a construct, so it has no
// article: "في المنطقة بعد أن" is no "بعدان".
func (x *Extractor) joinedAt(dc *doc, k, to int, kinds []string) []*geo.Place {
	if k+1 >= to || dc.toks[k].Kind != arabic.Word || dc.toks[k+1].Kind != arabic.Word || strings.HasPrefix(dc.norm(k+1), "و") {
		return nil
	}
	if k > 0 && hasArticle(dc.norm(k-1)) {
		return nil
	}
	return x.lookupKinds(dc.norm(k)+dc.norm(k+1), kinds, func(*geo.Place) bool { return true })
}

// lookupKinds returns the places the gazetteer holds under name that are of
// one of kinds (any kind when none is given) and that keep accepts.
func (x *Extractor) lookupKinds(name string, kinds []string, keep func(*geo.Place) bool) []*geo.Place {
	var out []*geo.Place
	for _, p := range x.gz.Lookup(name) {
		if (len(kinds) == 0 || kindIn(p.Kind, kinds)) && keep(p) {
			out = append(out, p)
		}
	}
	return out
}

// respellings are the ways Arabic writes one foreign sound: "ch" as تش or
// ش ("كيرش" and "كيرتش" for Kerch).
var respellings = [][2]string{{"تش", "ش"}, {"ش", "تش"}}

// respelt returns the other spellings of a foreign name: "ch" written the
// other way, and a long vowel written short ("ماستونغ" for مستونغ).
func respelt(n string) []string {
	var out []string
	for _, r := range respellings {
		if strings.Contains(n, r[0]) {
			out = append(out, strings.Replace(n, r[0], r[1], 1))
		}
	}
	rs := []rune(n)
	for i := 1; i < len(rs)-1; i++ {
		if rs[i] == 'ا' {
			out = append(out, string(rs[:i])+string(rs[i+1:]))
		}
	}
	return out
}

// respeltAt reads one word after a place noun as a foreign name the
// gazetteer spells another way ("مدينة كيرش" for كيرتش), keeping the cities,
// towns and districts of the noun's kinds.
func (x *Extractor) respeltAt(dc *doc, k, to int, kinds []string) []*geo.Place {
	if k >= to || dc.toks[k].Kind != arabic.Word || arabic.RuneCount(dc.norm(k)) < 4 {
		return nil
	}
	if k > 0 && hasArticle(dc.norm(k-1)) {
		return nil // as in joinedAt: "المدينة" heads no name
	}
	settlement := func(p *geo.Place) bool { return p.Kind == "city" || p.Kind == "town" || p.Kind == "district" }
	for _, v := range respelt(dc.norm(k)) {
		if out := x.lookupKinds(v, kinds, settlement); len(out) > 0 {
			return out
		}
	}
	return nil
}

// moreSites are plural nouns of places that, joined by "و" after a place,
// add targets ("وأماكن في منطقة العباسيين").
var moreSites = words("more_sites")
