package main

import (
	"strings"
	"testing"
)

// TestCityFilter runs rows of the world-cities-translations CSV through the
// name filter: Wikidata labels of other items (a myth, a country, an event,
// a province, a word) must be rejected, and ordinary city names kept, with
// tashkeel and disambiguation cut.
func TestCityFilter(t *testing.T) {
	f := &cityFilter{countries: map[string]string{phraseKey("تايوان"): "Taiwan", phraseKey("عمان"): "Oman"}}
	for _, tt := range []struct {
		name, en, ar string
		want         string // "" when the row must be dropped
		why          string // a word of the reason, for dropped rows
	}{
		{"myth for Phoenix", "Phoenix", "العنقاء", "", "begin"},
		{"country for Formosa", "Formosa", "تايوان", "", ""},
		{"event for Reconquista", "Reconquista", "سقوط الأندلس", "", "begin"},
		{"party for Sig", "Sig", "جماعة دفاع عن المصالح", "", "words"},
		{"word for Apia", "Apia", "خيمية", "", "begin"},
		{"word for Puke", "Puke", "تل", "", "begin"},
		{"province for Kandahar", "Kandahar", "ولاية قندهار", "", "administrative"},
		{"county", "Bacau", "مقاطعة باكاو", "", "administrative"},
		{"region", "Kankan", "منطقة كانكان", "", "administrative"},
		{"province with hamza", "Louga", "إقليم لوغا", "", "administrative"},
		{"municipality", "Batna", "بلدية باتنة", "", "administrative"},
		{"department", "Bouira", "دائرة البويرة", "", "administrative"},
		{"club", "Barnsley", "نادي بارنسلي", "", "begin"},
		{"person", "Lorca", "فيديريكو غارثيا لوركا", "", "words"},
		{"country with tashkeel for Amman", "Amman", "عَمَّان", "", "country"},
		{"Latin letters", "Suez", "Suez", "", "Arabic"},
		{"Chicago", "Chicago", "شيكاغو", "شيكاغو", ""},
		{"Pittsburgh", "Pittsburgh", "بيتسبرغ", "بيتسبرغ", ""},
		{"Marseille", "Marseille", "مارسيليا", "مارسيليا", ""},
		{"Manchester", "Manchester", "مانشستر", "مانشستر", ""},
		{"article", "Cairo", "القاهرة", "القاهرة", ""},
		{"Latin article", "Ad Dammam", "الدمام", "الدمام", ""},
		{"El without the article", "El Paso", "إل باسو", "إل باسو", ""},
		{"prothetic alef", "Sevilla", "إشبيلية", "إشبيلية", ""},
		{"exonym", "Valencia", "بلنسية", "بلنسية", ""},
		{"x as sh", "Xi'an", "شيان", "شيان", ""},
		{"city noun", "Panama City", "مدينة بنما", "مدينة بنما", ""},
		{"comma", "San Fernando", "سان فرناندو، الفلبين", "سان فرناندو", ""},
		{"parentheses", "Stepanavan", "ستيبانافان (أرمينيا)", "ستيبانافان", ""},
		{"tashkeel", "Foggia", "فُدجَة", "فدجة", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, why := f.check(cityRow{CountryEn: "X", En: tt.en, Ar: tt.ar})
			if got != tt.want {
				t.Fatalf("check(%q, %q) = %q (%s); want %q", tt.en, tt.ar, got, why, tt.want)
			}
			if tt.want == "" && !strings.Contains(why, tt.why) {
				t.Errorf("check(%q, %q) dropped it because %q; want a reason with %q", tt.en, tt.ar, why, tt.why)
			}
		})
	}
}

// TestNaturalEarthJoin places a row at the Natural Earth place of its
// country and name, tells namesakes apart by population and refuses a
// namesake of another size.
func TestNaturalEarthJoin(t *testing.T) {
	ne := []*nePlace{
		{Names: []string{"Saint-Étienne"}, Country: "France", A3: "FRA", Pop: 170000, Geoname: 2980291},
		{Names: []string{"Portland"}, Country: "United States of America", A3: "USA", Pop: 135866, Geoname: 1},
		{Names: []string{"Portland"}, Country: "United States of America", A3: "USA", Pop: 1875000, Geoname: 2},
		{Names: []string{"Rostov"}, Country: "Russia", A3: "RUS", Pop: 33803, Geoname: 3},
		{Names: []string{"Dispur"}, Alt: []string{"Guwahati"}, Country: "India", A3: "IND", Pop: 16140, Geoname: 4},
		{Names: []string{"Gaza"}, Country: "Palestine", A3: "PSX", Pop: 400000, Geoname: 5},
	}
	nc := map[string][]neCountry{
		"United States":                  {{ne: "United States of America"}},
		"Palestinian Territory Occupied": {{ne: "Palestine", iso3: "PSE"}},
	}
	x := newNEIndex(ne)
	for _, tt := range []struct {
		name            string
		row             cityRow
		wantID, wantISO string
	}{
		{"accents", cityRow{CountryEn: "France", En: "Saint-Etienne", Pop: 172000}, "wc-2980291", "FRA"},
		{"namesakes told by size", cityRow{CountryEn: "United States", En: "Portland", Pop: 650000}, "wc-2", "USA"},
		{"namesake of another size", cityRow{CountryEn: "Russia", En: "Rostov", Pop: 1100000}, "", ""},
		{"alternative name", cityRow{CountryEn: "India", En: "Guwahati", Pop: 20000}, "wc-4", "IND"},
		{"country code mapped", cityRow{CountryEn: "Palestinian Territory Occupied", En: "Gaza", Pop: 410000}, "wc-5", "PSE"},
		{"absent", cityRow{CountryEn: "France", En: "Villeurbanne", Pop: 160000}, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, iso, why := x.join(tt.row, nc[tt.row.CountryEn])
			id := ""
			if p != nil {
				id = p.id()
			}
			if id != tt.wantID || iso != tt.wantISO {
				t.Errorf("join(%s/%s) = %q %q (%s); want %q %q", tt.row.CountryEn, tt.row.En, id, iso, why, tt.wantID, tt.wantISO)
			}
		})
	}
}
