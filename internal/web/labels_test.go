package web_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/export"
	"github.com/raqib/raqib/internal/geo"
)

var updateLabels = flag.Bool("update-labels", false, "rewrite ui/labels.json from the gazetteer and the country tables")

// mapLabels is ui/labels.json: the base map's place names. Countries are
// keyed by ISO 3166 numeric, the id of Natural Earth's countries in
// world-atlas (the map draws the label inside the country's largest
// polygon); governorates are the embedded gazetteer's, at its coordinates.
type mapLabels struct {
	Countries    map[string]labelName `json:"countries"`
	Governorates []govLabel           `json:"governorates"`
}

type labelName struct {
	AR string `json:"ar"`
	EN string `json:"en"`
}

type govLabel struct {
	AR      string  `json:"ar"`
	EN      string  `json:"en"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Country string  `json:"country"`
}

func buildLabels(t *testing.T) []byte {
	t.Helper()
	tab, err := export.LoadTables()
	if err != nil {
		t.Fatal(err)
	}
	ar := map[string]string{} // iso3 -> Arabic, from data/countries.tsv
	b, err := os.ReadFile("data/countries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if f := strings.Split(line, "\t"); i > 0 && !strings.HasPrefix(line, "#") && len(f) > 1 {
			ar[f[0]] = f[1]
		}
	}
	l := mapLabels{Countries: map[string]labelName{}}
	for iso3, c := range tab.Countries {
		if ar[iso3] != "" {
			l.Countries[c.Numeric] = labelName{AR: ar[iso3], EN: c.Name}
		}
	}
	gz, err := geo.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range gz.Places {
		if p.Kind != "governorate" || seen[p.ID] {
			continue
		}
		seen[p.ID] = true
		l.Governorates = append(l.Governorates, govLabel{
			AR: strings.TrimPrefix(p.Name, "محافظة "), EN: strings.TrimSuffix(p.NameEn, " Governorate"),
			Lat: p.Lat, Lon: p.Lon, Country: p.Country})
	}
	sort.Slice(l.Governorates, func(i, j int) bool {
		a, b := l.Governorates[i], l.Governorates[j]
		if a.Country != b.Country {
			return a.Country < b.Country
		}
		return a.EN < b.EN
	})
	out, err := json.MarshalIndent(l, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

// TestMapLabels keeps ui/labels.json what the gazetteer and the country
// tables give (go test ./internal/web -run TestMapLabels -update-labels).
func TestMapLabels(t *testing.T) {
	want := buildLabels(t)
	if *updateLabels {
		if err := os.WriteFile("ui/labels.json", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("ui/labels.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("ui/labels.json is stale: go test ./internal/web -run TestMapLabels -update-labels")
	}
	var l mapLabels
	if err := json.Unmarshal(got, &l); err != nil {
		t.Fatal(err)
	}
	syr := 0
	for _, g := range l.Governorates {
		if g.Country == "SYR" {
			syr++
		}
	}
	if syr != 14 || l.Countries["760"].AR == "" {
		t.Errorf("labels: %d Syrian governorates, Syria = %+v; want 14 and an Arabic name", syr, l.Countries["760"])
	}
}
