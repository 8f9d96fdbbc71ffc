package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/geo"
)

// candidate is one Arabic name of one record, with what the corpus says of it.
type candidate struct {
	rec  *record
	name string // as written, cleaned
	key  string // phrase key (normalised, articles stripped)
}

// usage counts how a name is used in the corpus.
type usage struct {
	total  int // occurrences
	place  int // after a place noun or a direction ("مدينة X", "شمال X")
	prep   int // after a locative preposition ("في X", "من X")
	person int // after a title or before "بن" ("الشيخ X", "X بن")
	clitic int // read with a clitic taken off ("باكرا" as ب + "اكرا")
	docs   int // articles it occurs in
}

type drop struct {
	id, name, reason string
}

type selector struct {
	cfg            config
	c              countries
	recs           []*record
	byID           map[int64]*record
	curated        map[string][]*geo.Place // phrase key -> curated places
	blocked        map[string]string       // phrase key -> word list
	stop           map[string]bool         // place_stopwords and given names (word keys)
	curatedCountry map[string]bool         // ISO3 of the countries the curated files have
	curatedBare    map[string]string       // key of a curated name without its place noun -> place id
	curatedList    []*geo.Place
	use            map[string]*usage
	articles       int                   // corpus articles read
	boxes          map[string][4]float64 // country bounding boxes
	drops          []drop
	// With countryOf set, measure also counts the articles in which a name
	// occurs next to a name of each country (countries.go of -cities).
	countryOf *arabic.Matcher[string] // country names, demonyms and big places -> ISO3
	together  map[string]map[string]int
}

func newSelector(c config, cs countries, recs []*record, curated []*geo.Place, blocked map[string]string) *selector {
	s := &selector{cfg: c, c: cs, recs: recs, byID: map[int64]*record{}, curated: map[string][]*geo.Place{},
		blocked: blocked, stop: map[string]bool{}, use: map[string]*usage{}, boxes: countryBoxes(recs, cs)}
	for _, r := range recs {
		s.byID[r.ID] = r
	}
	s.curatedCountry, s.curatedBare, s.curatedList = map[string]bool{}, map[string]string{}, curated
	for _, p := range curated {
		if p.Kind == "country" {
			s.curatedCountry[p.Country] = true
		}
		seen := map[string]bool{}
		for _, n := range append([]string{p.Name}, p.Names...) {
			k := phraseKey(n)
			if k != "" && !seen[k] {
				seen[k] = true
				s.curated[k] = append(s.curated[k], p)
				if b := bareKey(k); b != k && geo.Rank(p.Kind) < geo.Rank("district") {
					s.curatedBare[b] = p.ID
				}
			}
		}
	}
	for _, f := range []string{"place_stopwords.tsv", "given_names.tsv"} {
		rows, _ := readTSV(c.lexicons + "/" + f)
		for _, r := range rows {
			s.stop[arabic.Key(r["form"])] = true
		}
	}
	return s
}

// kind maps a WOF placetype to a gazetteer kind, or "" for a record the
// country's tier does not take.
func (s *selector) kind(r *record) string {
	tier := s.c.tier[r.CC]
	switch r.Type {
	case "country":
		return "country"
	case "region":
		// "region", not "governorate": the curated files hold the
		// governorates raqib labels its map with (internal/web labels.json).
		return "region"
	case "county":
		if tier == "world" {
			return ""
		}
		return "district"
	case "localadmin":
		if tier != "conflict" {
			return ""
		}
		return "subdistrict"
	case "locality":
		min := int64(0)
		switch tier {
		case "near":
			min = s.cfg.nearPop
		case "world":
			min = s.cfg.worldPop
		}
		if r.Pop < min && !r.Capital {
			return ""
		}
		switch {
		case r.Pop >= 100000 || r.Capital:
			return "city"
		case r.Pop >= 10000:
			return "town"
		}
		return "village"
	case "borough", "macrohood", "neighbourhood", "microhood":
		if tier != "conflict" {
			return ""
		}
		return "neighbourhood"
	case "campus":
		if tier != "conflict" {
			return ""
		}
		for _, n := range r.Ar {
			if strings.Contains(arabic.Normalize(n), "مطار") {
				return "airport"
			}
		}
		return "site"
	}
	return ""
}

var parens = regexp.MustCompile(`\s*[(\[（][^)\]）]*[)\]）]\s*`)

// clean returns a usable Arabic name, or "" for one that is not (Latin
// letters, digits, punctuation left over from a label).
func clean(n string) string {
	n = parens.ReplaceAllString(n, " ")
	n = strings.Join(strings.Fields(n), " ")
	for _, r := range n {
		if r == ' ' || r == '-' || unicode.In(r, unicode.Arabic) {
			continue
		}
		return ""
	}
	return strings.Trim(n, " -")
}

func (s *selector) dropName(r *record, name, reason string) {
	s.drops = append(s.drops, drop{fmt.Sprintf("wof-%d", r.ID), name, reason})
}

// candidates returns the names worth measuring: every cleaned Arabic name of
// a record its tier takes.
func (s *selector) candidates() []candidate {
	var out []candidate
	for _, r := range s.recs {
		if s.c.tier[r.CC] == "" || s.kind(r) == "" {
			continue
		}
		seen := map[string]bool{}
		add := func(c string) {
			k := phraseKey(c)
			if c == "" || k == "" || seen[k] {
				return
			}
			seen[k] = true
			out = append(out, candidate{rec: r, name: c, key: k})
		}
		for _, n := range r.Ar {
			c := clean(n)
			add(c)
			// WOF writes many units with their noun ("مديرية خنفر"); news
			// often drops it, so the bare name is a candidate too, judged
			// like any other.
			// Foreign names end in -a or -e written either way ("كويته",
			// "كويتا"); outside the conflict countries the other spelling
			// is a candidate too, judged like any other.
			if s.c.tier[r.CC] != "conflict" && r.Type == "locality" && !strings.Contains(c, " ") {
				if rs := []rune(c); len(rs) > 3 {
					switch rs[len(rs)-1] {
					case 'ة', 'ه':
						add(string(rs[:len(rs)-1]) + "ا")
					case 'ا':
						add(string(rs[:len(rs)-1]) + "ة")
					}
				}
			}
			if w := strings.Fields(c); len(w) > 1 && adminNouns[arabic.Key(w[0])] && !startsDefinite(arabic.Normalize(w[0])) {
				add(strings.Join(w[1:], " "))
			}
		}
	}
	return out
}

// Context words, as word keys (normalised, article stripped).
var (
	placeNouns = keySet("مدينة بلدة قرية منطقة حي محافظة مديرية مخيم ناحية قضاء ولاية إقليم مقاطعة عاصمة ريف مركز " +
		"بلدات قرى مدن أحياء مناطق مديريات جبهة معبر مطار قاعدة ميناء جزيرة شمال جنوب شرق غرب شمالي جنوبي شرقي غربي " +
		"وسط ضواحي أطراف قرب محيط مداخل مدخل عزلة")
	adminNouns = keySet("مدينة بلدة قرية منطقة حي محافظة مديرية مخيم ناحية قضاء ولاية إقليم مقاطعة عزلة مركز")
	locPreps   = keySet("في من إلى داخل نحو باتجاه")
	titles     = keySet("رئيس وزير شيخ سيد أمير ملك زعيم قائد لواء عميد عقيد دكتور نائب متحدث ناطق إعلامي صحفي شاب طفل " +
		"مواطن شهيد الرئيس اللاعب لاعب مدرب الفنان فنان الكاتب كاتب الشاعر شاعر المخرج مخرج الأستاذ أستاذ السفير سفير")
	sonOf = keySet("بن ابن بنت")
)

// bareKey is a phrase key without its leading place noun ("مدينه موصل" ->
// "موصل").
func bareKey(k string) string {
	w := strings.Fields(k)
	if len(w) > 1 && placeNouns[w[0]] {
		return strings.Join(w[1:], " ")
	}
	return k
}

func keySet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[arabic.Key(w)] = true
	}
	return m
}

// definite reports a word with the article, bare or after a proclitic.
func definite(d *arabic.Doc, i int) bool {
	if i < 0 || i >= len(d.Tokens) {
		return false
	}
	return startsDefinite(d.Tokens[i].Norm)
}

func startsDefinite(norm string) bool {
	for _, p := range []string{"ال", "وال", "فال", "بال", "لل", "وبال", "ولل"} {
		if strings.HasPrefix(norm, p) {
			return true
		}
	}
	return false
}

func tokenKey(d *arabic.Doc, i int) string {
	if i < 0 || i >= len(d.Tokens) || d.Tokens[i].Kind != arabic.Word {
		return ""
	}
	return arabic.Key(d.Tokens[i].Norm)
}

// measure reads the corpus and counts, for every candidate name, how often
// it occurs and in which contexts. Articles that also appear in one of the
// exclude files (same URL or same opening) are skipped, so that the
// annotated sets used to score raqib do not choose its places.
func (s *selector) measure(ctx context.Context, path string, max int, exclude []string) error {
	return s.measureNames(ctx, s.candidates(), path, max, exclude)
}

// measureNames is measure for a given list of names.
func (s *selector) measureNames(ctx context.Context, cands []candidate, path string, max int, exclude []string) error {
	m := arabic.NewMatcher[string]().NoInflection()
	for _, c := range cands {
		if _, ok := s.use[c.key]; !ok {
			s.use[c.key] = &usage{}
			m.Add(c.name, c.key)
		}
	}
	skip := map[string]bool{}
	for _, x := range exclude {
		if err := eachArticle(ctx, x, 1<<30, func(a article) {
			skip[a.URL] = a.URL != ""
			skip[opening(a.Text)] = true
		}); err != nil {
			return err
		}
	}
	n := 0
	err := eachArticle(ctx, path, max, func(a article) {
		if skip[a.URL] || skip[opening(a.Text)] {
			return
		}
		n++
		d := arabic.NewDoc(a.Title + "\n" + a.Text)
		seen := map[string]bool{}
		for _, mt := range m.FindAll(d, 0, len(d.Tokens)) {
			u := s.use[mt.Values[0]]
			u.total++
			if !seen[mt.Values[0]] {
				seen[mt.Values[0]] = true
				u.docs++
			}
			if mt.Cost > 0 {
				u.clitic++
			}
			prev, next := tokenKey(d, mt.From-1), tokenKey(d, mt.To)
			first := d.Tokens[mt.From].Norm
			switch {
			case mt.Cost > 0 && (strings.HasPrefix(first, "ب") || strings.HasPrefix(first, "وب") || strings.HasPrefix(first, "فب")):
				u.prep++ // "بالأهواز", "وبكركوك"
			case placeNouns[prev] && !definite(d, mt.From-1):
				u.place++ // "منطقة X", not "المنطقة X" (an adjective follows a definite noun)
			case locPreps[prev]:
				u.prep++
			}
			if titles[prev] || sonOf[next] || sonOf[prev] {
				u.person++
			}
		}
		if s.countryOf != nil && len(seen) > 0 {
			isos := map[string]bool{}
			for _, mt := range s.countryOf.FindAll(d, 0, len(d.Tokens)) {
				for _, v := range mt.Values {
					isos[v] = true
				}
			}
			for k := range seen {
				if s.together[k] == nil {
					s.together[k] = map[string]int{}
				}
				for iso := range isos {
					s.together[k][iso]++
				}
			}
		}
	})
	s.articles = n
	return err
}

type article struct {
	URL, Title, Text string
}

func opening(text string) string {
	r := []rune(strings.TrimSpace(text))
	return string(r[:min(len(r), 200)])
}

// eachArticle calls fn for the first max articles of a JSONL file (gzipped
// when its name ends in .gz).
func eachArticle(ctx context.Context, path string, max int, fn func(article)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 0; n < max && sc.Scan(); {
		if err := ctx.Err(); err != nil {
			return err
		}
		var a article
		if json.Unmarshal(sc.Bytes(), &a) != nil {
			continue
		}
		n++
		fn(a)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// qualifier is the place noun a name may keep in front of it when the bare
// name is too common a word.
func qualifier(kind string) string {
	switch kind {
	case "city":
		return "مدينة"
	case "town":
		return "بلدة"
	case "village":
		return "قرية"
	case "neighbourhood":
		return "حي"
	case "governorate", "region":
		return "محافظة"
	case "district":
		return "مديرية"
	}
	return ""
}

// judge decides what to do with one name: keep it as is, keep only a
// qualified form, or drop it (with the reason).
func (s *selector) judge(c candidate, kind string) (keep string, reason string) {
	words := strings.Fields(c.key)
	letters := arabic.RuneCount(strings.ReplaceAll(c.key, " ", ""))
	switch {
	case letters <= 2:
		return "", "short"
	case s.blocked[c.key] != "":
		return "", "word list " + s.blocked[c.key]
	}
	if len(words) > 1 && placeNouns[words[0]] {
		if startsDefinite(strings.Fields(arabic.Normalize(c.name))[0]) {
			return "", "generic: a definite place noun and its adjective" // "المنطقة الجنوبية"
		}
		return c.name, "" // already qualified: "مديرية حيس"
	}
	if len(words) == 1 && s.stop[c.key] {
		return s.qualify(c, kind, "stop word")
	}
	u := s.use[c.key]
	if s.cfg.corpus == "" || u == nil {
		return c.name, ""
	}
	big := kind == "country" || kind == "governorate" || kind == "region"
	switch {
	case geo.Rank(kind) > geo.Rank("town") && u.total == 0:
		// Never written in the corpus at all: kept out to keep the
		// gazetteer small (a village the news names shows up there).
		return "", "small place absent from the corpus"
	case geo.Rank(kind) > geo.Rank("town") && u.place == 0:
		// A village or neighbourhood the news never names after a place
		// noun or direction is more likely to be hit by a homonym than meant.
		return s.qualify(c, kind, "small place never named as a place in the corpus")
	case len(words) == 1 && letters <= 4 && !big && u.place == 0:
		// Short names are what clitics and typos produce ("فخمين" read as
		// و+"خمين"); they need evidence of use as a place.
		return s.qualify(c, kind, "short name never named as a place in the corpus")
	case u.person*5 >= u.total && u.total >= 3:
		return s.qualify(c, kind, fmt.Sprintf("person name (%d of %d)", u.person, u.total))
	case u.total >= s.cfg.commonMin && float64(u.place)+0.5*float64(u.prep) < s.placeShare(kind, u.total)*float64(u.total):
		return s.qualify(c, kind, fmt.Sprintf("common word (%d uses, %d after a place noun, %d after a preposition)", u.total, u.place, u.prep))
	}
	return c.name, ""
}

func (s *selector) qualify(c candidate, kind, why string) (string, string) {
	q := qualifier(kind)
	if q == "" {
		return "", why
	}
	return q + " " + c.name, why + "; kept as qualified"
}

// rank orders places of one name: nearer tier first, then bigger kind,
// then more people.
func (s *selector) tierRank(cc string) int {
	switch s.c.tier[cc] {
	case "conflict":
		return 0
	case "near":
		return 1
	}
	return 2
}

// selectPlaces applies every filter and returns the gazetteer rows.
func (s *selector) selectPlaces() []*geo.Place {
	type entry struct {
		rec   *record
		kind  string
		names []string
		keys  []string
	}
	var entries []*entry
	byRec := map[int64]*entry{}
	for _, c := range s.candidates() {
		kind := s.kind(c.rec)
		e := byRec[c.rec.ID]
		if e == nil {
			e = &entry{rec: c.rec, kind: kind}
			byRec[c.rec.ID] = e
			entries = append(entries, e)
		}
		name, why := s.judge(c, kind)
		if why != "" {
			s.dropName(c.rec, c.name, why)
		}
		if name == "" {
			continue
		}
		k := phraseKey(name)
		if s.dupOfCurated(c.rec, k) || s.dupOfCurated(c.rec, bareKey(k)) {
			e.names, e.keys = nil, nil
			s.dropName(c.rec, c.name, "curated files have it")
			e.kind = "" // the whole record is a place raqib already has
			continue
		}
		if e.kind == "" {
			continue
		}
		why = s.curatedHomonym(c.rec, kind, k)
		if id := s.curatedBare[k]; why == "" && id != "" && bareKey(k) == k {
			// "كردستان" is what news calls the curated "إقليم كردستان".
			why = "the curated files name another place so (" + id + ")"
		}
		if why == "" && bareKey(k) != k {
			why = s.curatedHomonym(c.rec, kind, bareKey(k))
		}
		if why != "" {
			s.dropName(c.rec, name, why)
			continue
		}
		if slices.Contains(e.keys, k) {
			continue // a bare name qualified back into one the record has
		}
		e.names = append(e.names, name)
		e.keys = append(e.keys, k)
	}
	// Homonyms among the new rows: the nearer tier wins; many small places of
	// one name are too ambiguous to place.
	groups := map[string][]*entry{}
	for _, e := range entries {
		if e.kind == "" {
			continue
		}
		for _, k := range e.keys {
			groups[k] = append(groups[k], e)
		}
	}
	// How many places share a name, with or without its place noun, across
	// every country read: "الطيبة" names a dozen villages, and a small one
	// of them is a guess.
	bare := map[string]map[int64]bool{}
	for _, e := range entries {
		for _, k := range e.keys {
			b := bareKey(k)
			if bare[b] == nil {
				bare[b] = map[int64]bool{}
			}
			bare[b][e.rec.ID] = true
		}
	}
	banned := map[int64]map[string]bool{}
	ban := func(e *entry, k, why string) {
		if banned[e.rec.ID] == nil {
			banned[e.rec.ID] = map[string]bool{}
		}
		banned[e.rec.ID][k] = true
		s.dropName(e.rec, k, why)
	}
	for k, g := range groups {
		if len(g) < 2 && len(bare[bareKey(k)]) <= 3 {
			continue
		}
		best := 3
		for _, e := range g {
			best = min(best, s.tierRank(e.rec.CC))
		}
		// One place twice (WOF has some localities also as a neighbourhood,
		// some districts also as a localadmin): the bigger kind, then the
		// more people, stays. A city and its province are two places.
		sort.SliceStable(g, func(i, j int) bool {
			if a, b := geo.Rank(g[i].kind), geo.Rank(g[j].kind); a != b {
				return a < b
			}
			return g[i].rec.Pop > g[j].rec.Pop
		})
		for i, e := range g {
			for _, f := range g[:i] {
				area := func(x *entry) bool { return (&geo.Place{Kind: x.kind}).Area() }
				if f != e && area(e) == area(f) && geo.Km(e.rec.Lat, e.rec.Lon, f.rec.Lat, f.rec.Lon) <= 10 && !banned[f.rec.ID][k] {
					ban(e, k, fmt.Sprintf("same place as wof-%d", f.rec.ID))
					break
				}
			}
		}
		var same []*entry
		for _, e := range g {
			if banned[e.rec.ID][k] {
				continue
			}
			if s.tierRank(e.rec.CC) > best && e.rec.Pop < 1000000 {
				ban(e, k, "homonym of a place in a nearer country")
				continue
			}
			same = append(same, e)
		}
		if n := len(bare[bareKey(k)]); n > 3 {
			for _, e := range same {
				if geo.Rank(e.kind) >= geo.Rank("town") {
					ban(e, k, fmt.Sprintf("one of %d places of this name", n))
				}
			}
		}
	}
	var out []*geo.Place
	for _, e := range entries {
		if e.kind == "" {
			continue
		}
		var names []string
		for i, n := range e.names {
			if !banned[e.rec.ID][e.keys[i]] {
				names = append(names, n)
			}
		}
		if len(names) == 0 {
			continue
		}
		p := &geo.Place{
			ID: "wof-" + strconv.FormatInt(e.rec.ID, 10), Name: names[0], Names: names[1:], NameEn: e.rec.NameEn,
			Kind: e.kind, Lat: e.rec.Lat, Lon: e.rec.Lon, Country: s.c.iso3[e.rec.CC], Source: source,
		}
		if b, ok := s.boxes[p.Country]; !ok || p.Lon < b[0]-boxSlack || p.Lat < b[1]-boxSlack || p.Lon > b[2]+boxSlack || p.Lat > b[3]+boxSlack {
			s.dropName(e.rec, p.Name, "point outside its country") // WOF has a few (radians, wrong country code)
			continue
		}
		if e.rec.Type == "country" && s.curatedCountry[p.Country] {
			s.dropName(e.rec, p.Name, "curated files have the country")
			continue
		}
		p.Admin1, p.Admin2 = divisions(s.byID, e.rec)
		if p.Country == "SYR" {
			// Syria's rows carry ACLED's governorate and district names, as
			// the curated files do: take them from the nearest curated place.
			p.Admin1, p.Admin2 = s.nearestSyrianAdmin(p.Lat, p.Lon)
		}
		out = append(out, p)
	}
	return out
}

func (s *selector) nearestSyrianAdmin(lat, lon float64) (string, string) {
	best, a1, a2 := 1e9, "", ""
	for _, ps := range s.curated {
		for _, p := range ps {
			if p.Country != "SYR" || p.Admin1 == "" || p.Kind == "country" || p.Kind == "governorate" {
				continue
			}
			if d := geo.Km(lat, lon, p.Lat, p.Lon); d < best {
				best, a1, a2 = d, p.Admin1, p.Admin2
			}
		}
	}
	return a1, a2
}

// dupOfCurated reports a record the curated files already have: the same
// name within 10 km (25 km for areas and cities, whose points differ more).
func (s *selector) dupOfCurated(r *record, key string) bool {
	// The same point under a longer curated name ("بلدة الطيبة" and "الطيبة
	// في المثلث"): the first word of the bare names agrees within 3 km.
	if w := strings.Fields(bareKey(key)); len(w) > 0 {
		for _, p := range s.near(r.Lat, r.Lon, 3) {
			for _, n := range append([]string{p.Name}, p.Names...) {
				if v := strings.Fields(bareKey(phraseKey(n))); len(v) > 0 && v[0] == w[0] {
					return true
				}
			}
		}
	}
	for _, p := range s.curated[key] {
		lim := 10.0
		if p.Area() || p.Kind == "city" || r.Type == "region" || r.Type == "county" || r.Type == "country" {
			lim = 40
		}
		if r.Type == "country" && p.Kind == "country" || geo.Km(r.Lat, r.Lon, p.Lat, p.Lon) <= lim {
			return true
		}
	}
	return false
}

// curatedHomonym reports why a name the curated files give to another place
// should not be added: news that names it has so far been read as the
// curated place, and a second candidate only gives resolution a chance to
// pick the wrong one ("العديسة" in Lebanon, not the West Bank village).
func (s *selector) curatedHomonym(r *record, kind, key string) string {
	// A place of a conflict country named like a curated place of another
	// country is kept: the extractor chooses between them by the countries
	// and provinces the article names ("صيدا" near Daraa, not Sidon).
	other := s.c.tier[r.CC] == "conflict"
	for _, p := range s.curated[key] {
		if p.Country == s.c.iso3[r.CC] {
			other = false
		}
	}
	if other {
		return ""
	}
	for _, p := range s.curated[key] {
		return "homonym of a curated place (" + p.ID + ")"
	}
	return ""
}

func (s *selector) writeReport(path string) error {
	sort.Slice(s.drops, func(i, j int) bool { return s.drops[i].reason < s.drops[j].reason })
	var b strings.Builder
	b.WriteString("id\tname\treason\tuses\n")
	for _, d := range s.drops {
		u := s.use[phraseKey(d.name)]
		us := ""
		if u != nil {
			us = fmt.Sprintf("%d/%d/%d/%d", u.total, u.place, u.prep, u.person)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", d.id, d.name, d.reason, us)
	}
	var keys []string
	for k := range s.use {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b.WriteString("#uses\n")
	for _, k := range keys {
		u := s.use[k]
		if u.total > 0 {
			fmt.Fprintf(&b, "#use\t%s\t%d\t%d\t%d\t%d\n", k, u.total, u.place, u.prep, u.person)
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// boxSlack is how far (degrees) a point may lie outside its country's box;
// the test in internal/geo allows the same.
const boxSlack = 0.25

// placeShare is the least share of a frequent name's uses that must read as
// a place. City names are written in constructs the context count misses
// ("عرب الأهواز", "أهالي كركوك") and are seldom also ordinary words, so they
// need less, unless the word is very frequent ("العاصمة", "الساحل").
func (s *selector) placeShare(kind string, uses int) float64 {
	if kind == "city" && uses < 200 {
		return s.cfg.placeShare / 2.5
	}
	return s.cfg.placeShare
}

// near returns the curated places within km of a point.
func (s *selector) near(lat, lon, km float64) []*geo.Place {
	var out []*geo.Place
	for _, p := range s.curatedList {
		if geo.Km(lat, lon, p.Lat, p.Lon) <= km {
			out = append(out, p)
		}
	}
	return out
}

// divisions returns the English names of the region and county a record
// lies in, by its hierarchy. A hierarchy entry that is no region or county
// (WOF gives the planet, "Earth", where it knows no division) names none.
func divisions(byID map[int64]*record, r *record) (admin1, admin2 string) {
	if p := byID[r.Region]; p != nil && p.Type == "region" && r.Type != "region" && r.Type != "country" {
		admin1 = p.NameEn
	}
	if p := byID[r.County]; p != nil && p.Type == "county" && r.Type != "county" && r.Type != "region" && r.Type != "country" {
		admin2 = p.NameEn
	}
	return admin1, admin2
}
