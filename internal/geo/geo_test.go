package geo

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var admin1Canonical = map[string]bool{
	"Damascus": true, "Rif Dimashq": true, "Aleppo": true, "Idlib": true, "Hama": true, "Homs": true,
	"Latakia": true, "Tartus": true, "Daraa": true, "As-Suwayda": true, "Quneitra": true,
	"Deir ez-Zor": true, "Raqqa": true, "Al-Hasakah": true,
}

// TestEmbeddedLoadsEveryRow checks that every data row of every embedded
// file becomes a place, with a kind, a country and (in Syria) a canonical
// governorate inside Syria's bounds.
func TestEmbeddedLoadsEveryRow(t *testing.T) {
	g, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	files, _ := fs.Glob(embedded, "data/*.tsv")
	for _, name := range files {
		b, _ := embedded.ReadFile(name)
		sc := bufio.NewScanner(bytes.NewReader(b))
		header := true
		for sc.Scan() {
			if sc.Text() == "" || strings.HasPrefix(sc.Text(), "#") {
				continue
			}
			if header {
				header = false
				continue
			}
			rows++
		}
	}
	if g.Len() != rows {
		t.Errorf("loaded %d places from %d rows; every row should load once (duplicate ids?)", g.Len(), rows)
	}
	if g.Len() < 1000 {
		t.Errorf("%d places; the embedded gazetteer should hold well over 1,000", g.Len())
	}
	syrian, govs := 0, 0
	for _, p := range g.Places {
		if p.Kind == "" || Rank(p.Kind) == 10 {
			t.Errorf("%s: unknown kind %q", p.ID, p.Kind)
		}
		if p.Country == "" {
			t.Errorf("%s: no country", p.ID)
		}
		if p.Country != "SYR" || p.Kind == "country" {
			continue
		}
		syrian++
		if !admin1Canonical[p.Admin1] {
			t.Errorf("%s: admin1 %q is not a canonical governorate name", p.ID, p.Admin1)
		}
		if p.Lat < 32.3 || p.Lat > 37.4 || p.Lon < 35.6 || p.Lon > 42.4 {
			t.Errorf("%s: (%.4f, %.4f) is outside Syria", p.ID, p.Lat, p.Lon)
		}
		if p.Kind == "governorate" {
			govs++
		}
	}
	if govs != 14 {
		t.Errorf("%d governorates; Syria has 14", govs)
	}
	if syrian < 1000 {
		t.Errorf("%d Syrian places; want over 1,000", syrian)
	}
	for _, a := range Admin1Names() {
		if g.Governorate(a) == nil {
			t.Errorf("no governorate row for %s", a)
		}
	}
}

func TestLookup(t *testing.T) {
	g, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, query, kind, admin1 string
	}{
		{"hamza variant", "ادلب", "governorate", "Idlib"},
		{"with article", "اللاذقية", "governorate", "Latakia"},
		{"capital abroad", "طهران", "city", ""},
		{"airbase", "قاعدة حميميم", "", "Latakia"},
		{"the spelling most Arabic news writes", "الأحواز", "city", "Khuzestan"},
		{"a front town WOF has only under many namesakes", "البرح", "town", "Taiz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := g.Lookup(tt.query)
			if len(ps) == 0 {
				t.Fatalf("Lookup(%q) found nothing", tt.query)
			}
			if tt.kind != "" && ps[0].Kind != tt.kind {
				t.Errorf("Lookup(%q)[0].Kind = %q; want %q", tt.query, ps[0].Kind, tt.kind)
			}
			if tt.admin1 != "" && ps[0].Admin1 != tt.admin1 {
				t.Errorf("Lookup(%q)[0].Admin1 = %q; want %q", tt.query, ps[0].Admin1, tt.admin1)
			}
		})
	}
	if ps := g.Lookup("كلمة لا وجود لها"); len(ps) != 0 {
		t.Errorf("Lookup(nonsense) = %v; want nothing", ps)
	}
}

func TestCanonicalAdmin1(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Lattakia", "Latakia"}, {"Hamah", "Hama"}, {"Homs (Hims)", "Homs"}, {"Dar`a", "Daraa"},
		{"Days Az Zawr", "Deir ez-Zor"}, {"Ar Raqqah", "Raqqa"}, {"Hasaka (Al Haksa)", "Al-Hasakah"},
		{"As Suwayda'", "As-Suwayda"}, {"إدلب", "Idlib"}, {"Basra", "Basra"},
		{"Al Bayda'", "Al-Bayda"}, {"Sa`dah", "Saada"}, {"Ninawa", "Nineveh"}, {"Darnah", "Derna"},
	}
	for _, tt := range tests {
		if got := CanonicalAdmin1(tt.in); got != tt.want {
			t.Errorf("CanonicalAdmin1(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestGeoNamesFixture reads a small GeoNames-format country file written
// for this test, with admin code files and alternate names beside it.
func TestGeoNamesFixture(t *testing.T) {
	g := New()
	n, err := g.LoadGeoNamesFile(filepath.Join("testdata", "XX.txt"), filepath.Join("testdata", "alternateNamesV2.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// six rows: one without an Arabic name and one abandoned place are left out
	if n != 4 {
		t.Errorf("added %d places; want 4", n)
	}
	tests := []struct {
		query, id, kind, admin1, admin2 string
	}{
		{"قرية الاختبار", "geonames:9000010", "village", "Northern Test Province", "Test District"},
		{"القرية الاختبارية", "geonames:9000010", "village", "", ""}, // from alternateNamesV2.txt
		{"التجربة", "geonames:9000011", "city", "", ""},
		{"جبل المثال", "geonames:9000013", "mountain", "", ""},
		{"تل فكتوم", "geonames:9000015", "village", "Idlib", ""},
	}
	for _, tt := range tests {
		ps := g.Lookup(tt.query)
		if len(ps) == 0 || ps[0].ID != tt.id {
			t.Errorf("Lookup(%q) = %v; want %s", tt.query, ps, tt.id)
			continue
		}
		if ps[0].Kind != tt.kind || tt.admin1 != "" && ps[0].Admin1 != tt.admin1 || tt.admin2 != "" && ps[0].Admin2 != tt.admin2 {
			t.Errorf("Lookup(%q) = %+v; want kind %s admin %s/%s", tt.query, *ps[0], tt.kind, tt.admin1, tt.admin2)
		}
	}
	if ps := g.Lookup("الخربة المهجورة"); len(ps) != 0 {
		t.Errorf("an abandoned place (PPLH) was imported: %v", ps)
	}
	// a round trip through raqib's own TSV keeps every place
	var buf bytes.Buffer
	if err := WriteTSV(&buf, g.Places); err != nil {
		t.Fatal(err)
	}
	g2 := New()
	if err := g2.ReadTSV(&buf); err != nil {
		t.Fatal(err)
	}
	if g2.Len() != g.Len() {
		t.Errorf("TSV round trip: %d places; want %d", g2.Len(), g.Len())
	}
}

func TestGeoNamesBadRow(t *testing.T) {
	_, err := New().LoadGeoNamesFile(filepath.Join("testdata", "bad.txt"), "")
	if err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad coordinates: err = %v; want an error naming line 1", err)
	}
	if _, err := New().LoadGeoNamesFile(filepath.Join("testdata", "missing.txt"), ""); err == nil {
		t.Errorf("a missing file gave no error")
	}
}

// TestSharedGeoNames imports the Syrian GeoNames file that ../shared
// provides, as a user's own download would be.
func TestSharedGeoNames(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "data", "geonames-sy", "SY.txt")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the shared GeoNames file is needed for this test: %v", err)
	}
	g, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	before := g.Len()
	n, err := g.LoadGeoNamesFile(path, "")
	if err != nil {
		t.Fatal(err)
	}
	if n < 5000 || g.Len() != before+n {
		t.Errorf("imported %d places (gazetteer %d → %d); want thousands", n, before, g.Len())
	}
	for _, p := range g.Places[before:] {
		if p.Country == "SYR" && p.Kind != "country" && !admin1Canonical[p.Admin1] {
			t.Fatalf("%s %s: admin1 %q not mapped to a canonical governorate", p.ID, p.Name, p.Admin1)
		}
	}
}

func TestOffsetAndKm(t *testing.T) {
	lat, lon := Offset(35.0, 36.0, 90, 25)
	if d := Km(35.0, 36.0, lat, lon); d < 24.5 || d > 25.5 {
		t.Errorf("Offset 25 km east lands %.2f km away", d)
	}
	if lat != 35.0 || lon <= 36.0 {
		t.Errorf("Offset east = (%f, %f); want same latitude, larger longitude", lat, lon)
	}
}

// Two-word names are found spelt with ظ for ض and ض for ظ; one-word names
// keep their spelling.
func TestDadZahSpellings(t *testing.T) {
	g := New()
	g.Add(&Place{ID: "a", Name: "حوش الضواهرة", Kind: "village"})
	g.Add(&Place{ID: "b", Name: "الضمير", Kind: "town"})
	if ps := g.Lookup("حوش الظواهرة"); len(ps) != 1 || ps[0].ID != "a" {
		t.Errorf("Lookup(حوش الظواهرة) = %v; want the place spelt with ض", ps)
	}
	if ps := g.Lookup("الظمير"); len(ps) != 0 {
		t.Errorf("Lookup(الظمير) = %v; want nothing: one-word names keep their spelling", ps)
	}
}
