package geo

import (
	"regexp"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/arabic"
)

// TestWorldCitiesRows loads every row scripts/gazetteer -cities wrote and
// checks it: a wc-<GeoNames id> (or wc-q<Wikidata id>) id used once, an
// Arabic name of more than two letters, a settlement kind, and no place of
// the other files with the same name within 15 km (the rows only add what
// the other files lack).
func TestWorldCitiesRows(t *testing.T) {
	g, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	id := regexp.MustCompile(`^wc-(q?[0-9]+)$`)
	others := map[string][]*Place{}
	for _, p := range g.Places {
		if p.Source == "wikidata-names+naturalearth" {
			continue
		}
		for _, n := range append([]string{p.Name}, p.Names...) {
			k := strings.Join(arabic.PhraseKeys(n), " ")
			others[k] = append(others[k], p)
		}
	}
	seen := map[string]bool{}
	n := 0
	for _, p := range g.Places {
		if p.Source != "wikidata-names+naturalearth" {
			continue
		}
		n++
		if !id.MatchString(p.ID) {
			t.Errorf("%s: id is not wc-<number>", p.ID)
		}
		if seen[p.ID] {
			t.Errorf("%s: id used twice", p.ID)
		}
		seen[p.ID] = true
		switch p.Kind {
		case "city", "town", "village":
		default:
			t.Errorf("%s: kind %q; want city, town or village", p.ID, p.Kind)
		}
		if len(p.Country) != 3 {
			t.Errorf("%s: country %q is not ISO 3166 alpha-3", p.ID, p.Country)
		}
		for _, name := range append([]string{p.Name}, p.Names...) {
			key := strings.Join(arabic.PhraseKeys(name), " ")
			if arabic.RuneCount(strings.ReplaceAll(key, " ", "")) <= 2 {
				t.Errorf("%s: name %q has two letters or fewer", p.ID, name)
			}
			if !hasArabic(name) {
				t.Errorf("%s: name %q is not Arabic", p.ID, name)
			}
			for _, o := range others[key] {
				if d := Km(p.Lat, p.Lon, o.Lat, o.Lon); d <= 15 {
					t.Errorf("%s %q: %s has the name %.1f km away", p.ID, name, o.ID, d)
				}
			}
		}
	}
	if n < 500 {
		t.Errorf("%d world-cities places; the generated file should hold over a thousand", n)
	}
}

// TestWorldCitiesFindPlaces looks up cities of countries whose Who's On
// First repositories could not be read.
func TestWorldCitiesFindPlaces(t *testing.T) {
	g, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, country string }{
		{"شيكاغو", "USA"}, {"بيتسبرغ", "USA"}, {"مدينة مانشستر", "GBR"}, {"مدينة مارسيليا", "FRA"}, {"دوسلدورف", "DEU"},
	} {
		t.Run(tt.text, func(t *testing.T) {
			for _, p := range g.Lookup(tt.text) {
				if p.Country == tt.country {
					return
				}
			}
			t.Errorf("Lookup(%q) = %v; want a place in %s", tt.text, ids(g.Lookup(tt.text)), tt.country)
		})
	}
}
