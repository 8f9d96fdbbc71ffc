package geo

import (
	_ "embed"
	"strings"

	"github.com/raqib/raqib/internal/arabic"
)

//go:embed names/admin1.tsv
var admin1TSV string

// admin1AbroadTSV holds the first-level divisions of other conflict
// countries: country, canonical name, aliases.
//
//go:embed names/admin1_abroad.tsv
var admin1AbroadTSV string

// admin1Abroad maps a normalised spelling of another country's division to
// the spelling raqib's curated rows use.
var admin1Abroad = aliases(admin1AbroadTSV, 1, 2)

// admin1Alias maps a normalised spelling to the canonical governorate name.
var admin1Alias = aliases(admin1TSV, 0, 1)

// aliases reads a TSV of names (after a header line; "#" lines are
// comments) into a map from the normalised name and each of its
// "|"-separated variants to the name: the name in column name, the
// variants in column alt.
func aliases(tsv string, name, alt int) map[string]string {
	m := map[string]string{}
	header := true
	for _, line := range strings.Split(tsv, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) <= max(name, alt) {
			continue
		}
		m[arabic.Normalize(f[name])] = f[name]
		for _, a := range strings.Split(f[alt], "|") {
			m[arabic.Normalize(strings.TrimSpace(a))] = f[name]
		}
	}
	return m
}

// CanonicalAdmin1 returns the canonical spelling of a Syrian governorate
// name, or of another conflict country's first-level division as raqib's
// curated rows spell it ("Al Bayda'" is "Al-Bayda"), or the name unchanged.
func CanonicalAdmin1(name string) string {
	k := arabic.Normalize(strings.TrimSpace(name))
	if c, ok := admin1Alias[k]; ok {
		return c
	}
	if c, ok := admin1Abroad[k]; ok {
		return c
	}
	return name
}

// Admin1Names lists the canonical governorate names.
func Admin1Names() []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range admin1Alias {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}
