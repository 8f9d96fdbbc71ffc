package geo

import (
	"bufio"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/arabic"
)

// TestWhosOnFirstRows loads every row scripts/gazetteer wrote from Who's On
// First and checks it: a wof-<number> id used once, an Arabic name of more
// than two letters, a known kind, and a point inside its country's bounding
// box (from the country's own WOF record, with a little slack for coasts),
// which catches swapped coordinates and wrong countries.
func TestWhosOnFirstRows(t *testing.T) {
	boxes := readBBoxes(t, "testdata/wof_country_bbox.tsv")
	g, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	id := regexp.MustCompile(`^wof-[0-9]+$`)
	seen := map[string]bool{}
	n := 0
	for _, p := range g.Places {
		if p.Source != "whosonfirst" {
			continue
		}
		n++
		if !id.MatchString(p.ID) {
			t.Errorf("%s: id is not wof-<number>", p.ID)
		}
		if seen[p.ID] {
			t.Errorf("%s: id used twice", p.ID)
		}
		seen[p.ID] = true
		for _, name := range append([]string{p.Name}, p.Names...) {
			key := strings.Join(arabic.PhraseKeys(name), "")
			if arabic.RuneCount(key) <= 2 {
				t.Errorf("%s: name %q has two letters or fewer", p.ID, name)
			}
			if !hasArabic(name) {
				t.Errorf("%s: name %q is not Arabic", p.ID, name)
			}
		}
		if Rank(p.Kind) == 10 {
			t.Errorf("%s: unknown kind %q", p.ID, p.Kind)
		}
		b, ok := boxes[p.Country]
		if !ok {
			t.Errorf("%s: no bounding box for country %q", p.ID, p.Country)
			continue
		}
		const slack = 0.25 // degrees
		if p.Lon < b[0]-slack || p.Lat < b[1]-slack || p.Lon > b[2]+slack || p.Lat > b[3]+slack {
			t.Errorf("%s %s: (%.4f, %.4f) is outside %s", p.ID, p.NameEn, p.Lat, p.Lon, p.Country)
		}
	}
	if n < 1000 {
		t.Errorf("%d Who's On First places; the generated files should hold thousands", n)
	}
}

// TestWhosOnFirstFindsPlaces looks up a few places only the Who's On First
// files have, one per kind of place the files add.
func TestWhosOnFirstFindsPlaces(t *testing.T) {
	g, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, text, country string
	}{
		{"Yemeni district", "مديرية خنفر", "YEM"},
		{"Pakistani province", "بلوشستان", "PAK"},
		{"West Bank neighbourhood", "حي شرفات", "PSE"},
		{"Italian province", "فودجا", "ITA"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ps := g.Lookup(tt.text)
			for _, p := range ps {
				if p.Country == tt.country && p.Source == "whosonfirst" {
					return
				}
			}
			t.Errorf("Lookup(%q) = %v; want a Who's On First place in %s", tt.text, ids(ps), tt.country)
		})
	}
}

func ids(ps []*Place) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

func readBBoxes(t *testing.T, path string) map[string][4]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][4]float64{}
	sc := bufio.NewScanner(f)
	header := true
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) != 5 {
			t.Fatalf("%s: bad row %q", path, line)
		}
		var b [4]float64
		for i := range b {
			if b[i], err = strconv.ParseFloat(fs[i+1], 64); err != nil {
				t.Fatalf("%s: bad row %q", path, line)
			}
		}
		out[fs[0]] = b
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
