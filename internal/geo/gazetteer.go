// Package geo is raqib's gazetteer: places with Arabic names and variants,
// coordinates and administrative units, from embedded TSV files and from
// GeoNames dumps a user adds, and the lookups place resolution needs.
package geo

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/raqib/raqib/internal/arabic"
)

//go:embed data/*.tsv
var embedded embed.FS

// Place is one gazetteer entry.
type Place struct {
	ID      string
	Name    string // Arabic name as usually written
	Names   []string
	NameEn  string
	Kind    string // country, governorate, district, subdistrict, city, town, village, …
	Lat     float64
	Lon     float64
	Country string // ISO 3166 alpha-3
	Admin1  string
	Admin2  string
	Source  string
}

// Kinds in order of how readily a bare name means them; smaller is bigger.
var kindRank = map[string]int{
	"country": 0, "governorate": 1, "city": 2, "region": 3, "district": 4, "base": 4, "airport": 4,
	"crossing": 5, "road": 5, "mountain": 5, "river": 5, "subdistrict": 6, "town": 6, "camp": 7,
	"site": 7, "neighbourhood": 8, "village": 9,
}

// Rank orders kinds: countries and governorates first, villages last.
func Rank(kind string) int {
	if r, ok := kindRank[kind]; ok {
		return r
	}
	return 10
}

// Area reports whether the place is an area rather than a point-like site.
func (p *Place) Area() bool {
	switch p.Kind {
	case "country", "governorate", "district", "subdistrict", "region", "mountain", "river", "road":
		return true
	}
	return false
}

// Gazetteer holds places and finds them in text.
type Gazetteer struct {
	Places  []*Place
	byID    map[string]*Place
	matcher *arabic.Matcher[*Place]
	// qualified finds the names kept only with their place noun ("قرية
	// صيدا") by the name alone, for text where a plural noun governs a list
	// ("بلدات الطيبة وصيدا").
	qualified *arabic.Matcher[*Place]
	admin1    map[string]*Place // canonical admin1 name -> governorate row
}

// qualifiers are the place nouns a name may be kept with (data/README.md).
var qualifiers = []string{"قرية", "بلدة", "مدينة", "حي", "مديرية", "محافظة", "مطار", "قاعدة"}

// New returns an empty gazetteer.
func New() *Gazetteer {
	return &Gazetteer{byID: map[string]*Place{}, matcher: arabic.NewMatcher[*Place]().Toponyms(),
		qualified: arabic.NewMatcher[*Place]().Toponyms(), admin1: map[string]*Place{}}
}

// Embedded returns a gazetteer of the places shipped with raqib.
func Embedded() (*Gazetteer, error) {
	g := New()
	files, err := fs.Glob(embedded, "data/*.tsv")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, name := range files {
		f, err := embedded.Open(name)
		if err != nil {
			return nil, err
		}
		err = g.ReadTSV(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return g, nil
}

// Add puts a place into the gazetteer under all its names. A place whose
// id is already present is ignored.
func (g *Gazetteer) Add(p *Place) {
	if p.ID != "" {
		if _, dup := g.byID[p.ID]; dup {
			return
		}
		g.byID[p.ID] = p
	}
	if p.Admin1 != "" {
		p.Admin1 = CanonicalAdmin1(p.Admin1)
	}
	g.Places = append(g.Places, p)
	seen := map[string]bool{}
	for _, n := range withDadZah(append([]string{p.Name}, p.Names...)) {
		k := strings.Join(arabic.PhraseKeys(n), " ")
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		g.matcher.Add(n, p)
		for _, q := range qualifiers {
			if rest, ok := strings.CutPrefix(n, q+" "); ok && strings.TrimSpace(rest) != "" {
				g.qualified.Add(rest, p)
			}
		}
	}
	if p.Kind == "governorate" && p.Country == "SYR" && p.Admin1 != "" {
		g.admin1[p.Admin1] = p
	}
}

// ByID returns the place with the given id.
func (g *Gazetteer) ByID(id string) *Place { return g.byID[id] }

// Governorate returns the governorate row of a canonical admin1 name.
func (g *Gazetteer) Governorate(admin1 string) *Place { return g.admin1[admin1] }

// Matcher returns the phrase matcher over all place names.
func (g *Gazetteer) Matcher() *arabic.Matcher[*Place] { return g.matcher }

// withDadZah adds to names of two words or more the spelling with ظ for ض
// and ض for ظ, which Levantine names trade freely ("حوش الظواهرة" for
// "حوش الضواهرة"). One-word names keep their spelling: a swapped one-word
// name is too often an ordinary word ("الظاهر").
func withDadZah(names []string) []string {
	out := names
	for _, n := range names {
		if !strings.Contains(n, " ") {
			continue
		}
		if strings.Contains(n, "ض") {
			out = append(out, strings.ReplaceAll(n, "ض", "ظ"))
		} else if strings.Contains(n, "ظ") {
			out = append(out, strings.ReplaceAll(n, "ظ", "ض"))
		}
	}
	return out
}

// Qualified returns the phrase matcher over the names the gazetteer holds
// only after a place noun, without that noun.
func (g *Gazetteer) Qualified() *arabic.Matcher[*Place] { return g.qualified }

// Lookup returns the places a name may mean, biggest kinds first.
func (g *Gazetteer) Lookup(name string) []*Place {
	d := arabic.NewDoc(name)
	m, ok := g.matcher.At(d, 0, len(d.Tokens))
	if !ok || m.To != len(d.Tokens) {
		return nil
	}
	out := append([]*Place(nil), m.Values...)
	sort.SliceStable(out, func(i, j int) bool { return Rank(out[i].Kind) < Rank(out[j].Kind) })
	return out
}

// Len is the number of places.
func (g *Gazetteer) Len() int { return len(g.Places) }

var tsvHeader = []string{"id", "name_ar", "variants_ar", "name_en", "kind", "lat", "lon", "country", "admin1", "admin2", "source"}

// ReadTSV reads places in raqib's gazetteer TSV format (see data/README.md).
func (g *Gazetteer) ReadTSV(r io.Reader) error {
	br := bufio.NewReader(r)
	col := map[string]int{}
	line := 0
	for {
		s, err := br.ReadString('\n')
		if s == "" && err != nil {
			if err == io.EOF {
				break
			}
			return err
		}
		line++
		s = strings.TrimRight(s, "\r\n")
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Split(s, "\t")
		if len(col) == 0 {
			for i, h := range f {
				col[strings.TrimSpace(h)] = i
			}
			for _, h := range tsvHeader {
				if _, ok := col[h]; !ok {
					return fmt.Errorf("line %d: header lacks column %q", line, h)
				}
			}
			continue
		}
		get := func(name string) string {
			if i := col[name]; i < len(f) {
				return strings.TrimSpace(f[i])
			}
			return ""
		}
		lat, err1 := strconv.ParseFloat(get("lat"), 64)
		lon, err2 := strconv.ParseFloat(get("lon"), 64)
		if err1 != nil || err2 != nil || math.Abs(lat) > 90 || math.Abs(lon) > 180 {
			return fmt.Errorf("line %d: bad coordinates %q %q", line, get("lat"), get("lon"))
		}
		p := &Place{
			ID: get("id"), Name: get("name_ar"), NameEn: get("name_en"), Kind: get("kind"),
			Lat: lat, Lon: lon, Country: get("country"), Admin1: get("admin1"), Admin2: get("admin2"), Source: get("source"),
		}
		if p.ID == "" || p.Name == "" {
			return fmt.Errorf("line %d: id and name_ar are required", line)
		}
		for _, v := range strings.Split(get("variants_ar"), "|") {
			if v = strings.TrimSpace(v); v != "" {
				p.Names = append(p.Names, v)
			}
		}
		g.Add(p)
	}
	return nil
}

// WriteTSV writes places in raqib's gazetteer TSV format.
func WriteTSV(w io.Writer, places []*Place) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, strings.Join(tsvHeader, "\t"))
	clean := func(s string) string { return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s) }
	for _, p := range places {
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\t%s\t%.5f\t%.5f\t%s\t%s\t%s\t%s\n", clean(p.ID), clean(p.Name),
			clean(strings.Join(p.Names, "|")), clean(p.NameEn), p.Kind, p.Lat, p.Lon, p.Country,
			clean(p.Admin1), clean(p.Admin2), clean(p.Source))
	}
	return bw.Flush()
}

// Km is the great-circle distance between two points in kilometres.
func Km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

// Offset moves a point km kilometres along a bearing in degrees (0 = north).
func Offset(lat, lon, bearing, km float64) (float64, float64) {
	rad := math.Pi / 180
	dlat := km / 111.2 * math.Cos(bearing*rad)
	dlon := km / (111.2 * math.Cos(lat*rad)) * math.Sin(bearing*rad)
	return lat + dlat, lon + dlon
}
