// Command gazetteer builds raqib's Who's On First gazetteer files
// (internal/geo/data/wof_*.tsv) from local clones of whosonfirst-data-admin-*
// repositories, read straight from their git objects.
//
// It keeps places with an Arabic name, as deep as countries.tsv asks per
// country, and drops what would do more harm than good: places the curated
// files already have, names that are common words or person names in Arabic
// news (measured on a corpus), names of two letters or fewer, and far-away
// places whose names collide with nearer ones. See README.md beside this file.
//
//	go run ./scripts/gazetteer -wof '/path/to/whosonfirst-data-admin-*/repo' \
//	    -corpus ../shared/data/ant-bulk.jsonl -out internal/geo/data
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/geo"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gazetteer:", err)
		os.Exit(1)
	}
}

type config struct {
	wofGlob    string
	countries  string
	corpus     string
	exclude    string
	cache      string
	lexicons   string
	out        string
	report     string
	nearPop    int64
	worldPop   int64
	maxCorpus  int
	commonMin  int
	placeShare float64
	points     bool
	// -cities mode (cities.go)
	cities      string
	ne          string
	neCountries string
	citiesPop   int64
}

func run(ctx context.Context, args []string, stderr io.Writer) error {
	var c config
	fs := flag.NewFlagSet("gazetteer", flag.ContinueOnError)
	fs.StringVar(&c.wofGlob, "wof", "", "glob of git directories of whosonfirst-data-admin-* repositories")
	fs.StringVar(&c.countries, "countries", "scripts/gazetteer/countries.tsv", "countries to read and their tiers")
	fs.StringVar(&c.corpus, "corpus", "", "JSONL articles (fields title, text; .gz read as gzip) to measure how a name is used")
	fs.StringVar(&c.exclude, "exclude", "", "comma-separated JSONL article files to leave out of the corpus (the scored sets)")
	fs.StringVar(&c.lexicons, "lexicons", "internal/extract/data", "extractor word lists a name must not collide with")
	fs.StringVar(&c.cache, "cache", "", "keep the records read from the repositories in this JSON file and read them from it next time")
	fs.StringVar(&c.out, "out", "internal/geo/data", "directory for wof_*.tsv")
	fs.StringVar(&c.report, "report", "", "write every dropped name and why to this TSV")
	fs.Int64Var(&c.nearPop, "near-pop", 10000, "least population of a locality in a near-tier country")
	fs.Int64Var(&c.worldPop, "world-pop", 100000, "least population of a locality in a world-tier country")
	fs.IntVar(&c.maxCorpus, "corpus-articles", 1<<30, "articles of the corpus to read")
	fs.IntVar(&c.commonMin, "common-min", 4, "a name seen this often in the corpus is judged by its contexts")
	fs.Float64Var(&c.placeShare, "place-share", 0.5, "least share of a frequent name's uses that must read as a place")
	fs.BoolVar(&c.points, "points", false, "first move the curated files' compiled settlement points to the one WOF locality of their name within 25 km")
	fs.StringVar(&c.cities, "cities", "", "instead of Who's On First: write world_cities.tsv from this world-cities-translations CSV (Arabic names) and -ne")
	fs.StringVar(&c.ne, "ne", "", "Natural Earth ne_10m_populated_places as GeoJSON (the points of -cities)")
	fs.StringVar(&c.neCountries, "ne-countries", "scripts/gazetteer/ne_countries.tsv", "the CSV's country names as Natural Earth writes them")
	fs.Int64Var(&c.citiesPop, "cities-pop", 10000, "least population of a -cities row (capitals are kept)")
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.cities != "" {
		return runCities(ctx, c, stderr)
	}
	if c.wofGlob == "" {
		return errors.New("-wof is required")
	}
	tiers, err := readCountries(c.countries)
	if err != nil {
		return err
	}
	dirs, err := filepath.Glob(c.wofGlob)
	if err != nil {
		return fmt.Errorf("glob %q: %w", c.wofGlob, err)
	}
	sort.Strings(dirs)
	recs, err := loadCache(c.cache)
	if err != nil {
		return err
	}
	cached := recs != nil
	for _, d := range dirs {
		if cached {
			break
		}
		rs, err := readRepo(ctx, d)
		if err != nil {
			return fmt.Errorf("%s: %w", d, err)
		}
		fmt.Fprintf(stderr, "%s: %d records with an Arabic name\n", d, len(rs))
		recs = append(recs, rs...)
	}
	if c.cache != "" {
		if err := saveCache(c.cache, recs); err != nil {
			return err
		}
	}
	if c.points {
		n, err := fixPoints(c.out, recs, tiers, 25, stderr)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "%d compiled points moved to Who's On First's\n", n)
	}
	curated, err := curatedPlaces()
	if err != nil {
		return err
	}
	blocked, err := lexiconForms(c.lexicons)
	if err != nil {
		return err
	}
	s := newSelector(c, tiers, recs, curated, blocked)
	if c.corpus != "" {
		if err := s.measure(ctx, c.corpus, c.maxCorpus, splitList(c.exclude)); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "%s: %d articles measured\n", c.corpus, s.articles)
	}
	places := s.selectPlaces()
	byTier := map[string][]*geo.Place{}
	for _, p := range places {
		t := tiers.tier[iso2Of(tiers, p.Country)]
		byTier[t] = append(byTier[t], p)
	}
	for _, t := range []string{"conflict", "near", "world"} {
		ps := byTier[t]
		sort.Slice(ps, func(i, j int) bool {
			if ps[i].Country != ps[j].Country {
				return ps[i].Country < ps[j].Country
			}
			return ps[i].ID < ps[j].ID
		})
		name := filepath.Join(c.out, "wof_"+t+".tsv")
		if err := writeFile(name, ps); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "%s: %d places\n", name, len(ps))
	}
	if c.report != "" {
		if err := s.writeReport(c.report); err != nil {
			return err
		}
	}
	return writeBBoxes(filepath.Join("internal/geo/testdata", "wof_country_bbox.tsv"), s.boxes)
}

// tierOf maps ISO 3166 alpha-2 to a tier; iso3 to alpha-3.
type countries struct {
	tier map[string]string
	iso3 map[string]string
}

func readCountries(path string) (countries, error) {
	c := countries{tier: map[string]string{}, iso3: map[string]string{}}
	rows, err := readTSV(path)
	if err != nil {
		return c, err
	}
	for _, r := range rows {
		switch r["tier"] {
		case "conflict", "near", "world":
		default:
			return c, fmt.Errorf("%s: %s: unknown tier %q", path, r["iso2"], r["tier"])
		}
		c.tier[r["iso2"]] = r["tier"]
		c.iso3[r["iso2"]] = r["iso3"]
	}
	return c, nil
}

func iso2Of(c countries, iso3 string) string {
	for k, v := range c.iso3 {
		if v == iso3 {
			return k
		}
	}
	return ""
}

func readTSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var head []string
	var rows []map[string]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		if head == nil {
			head = fs
			continue
		}
		r := map[string]string{}
		for i, h := range head {
			if i < len(fs) {
				r[h] = strings.TrimSpace(fs[i])
			}
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rows, nil
}

// record is one Who's On First place, with only the fields the gazetteer uses.
type record struct {
	ID       int64
	Type     string
	CC       string // ISO 3166 alpha-2
	NameEn   string
	Ar       []string // preferred names first, then variants
	Lat, Lon float64
	Pop      int64
	Region   int64
	County   int64
	Capital  bool
	BBox     string
}

// readRepo reads every current record of a WOF git directory from its
// objects (no work tree needed).
func readRepo(ctx context.Context, gitDir string) ([]*record, error) {
	ls := exec.CommandContext(ctx, "git", "--git-dir", gitDir, "ls-tree", "-r", "HEAD", "--", "data")
	out, err := ls.Output()
	if err != nil {
		return nil, fmt.Errorf("ls-tree: %w", err)
	}
	var shas []string
	for _, line := range strings.Split(string(out), "\n") {
		tab := strings.IndexByte(line, '\t')
		if tab < 0 {
			continue
		}
		path := line[tab+1:]
		if !strings.HasSuffix(path, ".geojson") || strings.Contains(filepath.Base(path), "-alt") {
			continue
		}
		f := strings.Fields(line[:tab])
		if len(f) == 3 && f[1] == "blob" {
			shas = append(shas, f[2])
		}
	}
	cmd := exec.CommandContext(ctx, "git", "--git-dir", gitDir, "cat-file", "--batch")
	cmd.Stdin = strings.NewReader(strings.Join(shas, "\n") + "\n")
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(pipe, 1<<20)
	var recs []*record
	var readErr error
	for range shas {
		if err := ctx.Err(); err != nil {
			readErr = err
			break
		}
		head, err := br.ReadString('\n')
		if err != nil {
			readErr = fmt.Errorf("cat-file: %w", err)
			break
		}
		f := strings.Fields(head)
		if len(f) == 2 && f[1] == "missing" {
			continue // the snapshot left out some of its largest files
		}
		if len(f) != 3 {
			readErr = fmt.Errorf("cat-file: bad header %q", head)
			break
		}
		n, err := strconv.Atoi(f[2])
		if err != nil {
			readErr = fmt.Errorf("cat-file: bad size in %q", head)
			break
		}
		buf := make([]byte, n+1) // content and its newline
		if _, err := io.ReadFull(br, buf); err != nil {
			readErr = fmt.Errorf("cat-file: %w", err)
			break
		}
		r, err := parseRecord(buf[:n])
		if err != nil {
			continue // a malformed record costs itself only
		}
		if r != nil {
			recs = append(recs, r)
		}
	}
	if readErr != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, readErr
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("cat-file: %w", err)
	}
	return recs, nil
}

// parseRecord returns nil for records that are not current or have no
// Arabic name (countries are kept without one, for their bounding box).
func parseRecord(b []byte) (*record, error) {
	var doc struct {
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	p := doc.Properties
	num := func(k string) float64 {
		var v any
		if json.Unmarshal(p[k], &v) != nil {
			return 0
		}
		switch x := v.(type) {
		case float64:
			return x
		case string:
			f, _ := strconv.ParseFloat(x, 64)
			return f
		}
		return 0
	}
	str := func(k string) string {
		var s string
		_ = json.Unmarshal(p[k], &s)
		return s
	}
	strs := func(k string) []string {
		var s []string
		_ = json.Unmarshal(p[k], &s)
		return s
	}
	if _, ok := p["mz:is_current"]; ok && num("mz:is_current") == 0 {
		return nil, nil
	}
	if d := str("edtf:deprecated"); d != "" && d != "uuuu" {
		return nil, nil
	}
	var sup []int64
	_ = json.Unmarshal(p["wof:superseded_by"], &sup)
	if len(sup) > 0 {
		return nil, nil
	}
	r := &record{
		ID: int64(num("wof:id")), Type: str("wof:placetype"), CC: str("wof:country"), NameEn: str("wof:name"),
		Lat: num("geom:latitude"), Lon: num("geom:longitude"), BBox: str("geom:bbox"),
	}
	if _, ok := p["lbl:latitude"]; ok {
		r.Lat, r.Lon = num("lbl:latitude"), num("lbl:longitude")
	}
	if en := strs("name:eng_x_preferred"); len(en) > 0 {
		r.NameEn = en[0]
	}
	r.Ar = append(strs("name:ara_x_preferred"), strs("name:ara_x_variant")...)
	r.Pop = int64(num("wof:population"))
	if gp := int64(num("gn:population")); gp > r.Pop {
		r.Pop = gp
	}
	if _, ok := p["wof:capital_of"]; ok {
		r.Capital = true
	}
	var hier []map[string]int64
	_ = json.Unmarshal(p["wof:hierarchy"], &hier)
	if len(hier) > 0 {
		r.Region, r.County = hier[0]["region_id"], hier[0]["county_id"]
	}
	if len(r.Ar) == 0 && r.Type != "country" {
		return nil, nil
	}
	return r, nil
}

// curatedPlaces is the embedded gazetteer without the rows this program
// writes (Who's On First's and the world cities'), so that a run does not
// see its own output.
func curatedPlaces() ([]*geo.Place, error) {
	g, err := geo.Embedded()
	if err != nil {
		return nil, err
	}
	var out []*geo.Place
	for _, p := range g.Places {
		if p.Source != source && p.Source != citySource {
			out = append(out, p)
		}
	}
	return out, nil
}

// lexiconForms are the phrase keys of every form in the extractor's word
// lists: a place name reading like one would hide the word or be hidden.
func lexiconForms(dir string) (map[string]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, f := range files {
		rows, err := readTSV(f)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if form := r["form"]; form != "" {
				out[phraseKey(form)] = filepath.Base(f)
			}
			for _, form := range strings.Split(r["forms"], "|") { // words.tsv: sets of forms
				if form = strings.TrimSpace(form); form != "" {
					out[phraseKey(form)] = filepath.Base(f)
				}
			}
		}
	}
	return out, nil
}

func phraseKey(s string) string { return strings.Join(arabic.PhraseKeys(s), " ") }

const source = "whosonfirst"

func writeFile(path string, ps []*geo.Place) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := geo.WriteTSV(f, ps); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}

// countryBoxes are the bounding boxes of the countries read, from their
// WOF country and region records (polygons, independent of the points the
// rows take); a row outside its country's box is a data error.
func countryBoxes(recs []*record, c countries) map[string][4]float64 {
	box := map[string][4]float64{}
	for _, r := range recs {
		iso := c.iso3[r.CC]
		if r.Type != "country" && r.Type != "region" || iso == "" {
			continue
		}
		f := strings.Split(r.BBox, ",")
		if len(f) != 4 {
			continue
		}
		var b [4]float64
		for i, v := range f {
			b[i], _ = strconv.ParseFloat(strings.TrimSpace(v), 64)
		}
		if o, ok := box[iso]; ok {
			b = [4]float64{min(o[0], b[0]), min(o[1], b[1]), max(o[2], b[2]), max(o[3], b[3])}
		}
		box[iso] = b
	}
	return box
}

// writeBBoxes writes the boxes for the test that every row lies inside its
// country.
func writeBBoxes(path string, box map[string][4]float64) error {
	var rows []string
	for iso, b := range box {
		rows = append(rows, fmt.Sprintf("%s\t%.4f\t%.4f\t%.4f\t%.4f", iso, b[0], b[1], b[2], b[3]))
	}
	sort.Strings(rows)
	text := "# Bounding boxes (min lon, min lat, max lon, max lat) of the countries in internal/geo/data/wof_*.tsv,\n" +
		"# from their Who's On First country and region records (CC BY 4.0); written by scripts/gazetteer.\n" +
		"iso3\tminlon\tminlat\tmaxlon\tmaxlat\n" + strings.Join(rows, "\n") + "\n"
	return os.WriteFile(path, []byte(text), 0o644)
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func loadCache(path string) ([]*record, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var recs []*record
	if err := json.Unmarshal(b, &recs); err != nil {
		return nil, fmt.Errorf("cache %s: %w", path, err)
	}
	return recs, nil
}

func saveCache(path string, recs []*record) error {
	b, err := json.Marshal(recs)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
