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
var admin1Abroad = func() map[string]string {
	m := map[string]string{}
	header := true
	for _, line := range strings.Split(admin1AbroadTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			continue
		}
		m[arabic.Normalize(f[1])] = f[1]
		for _, a := range strings.Split(f[2], "|") {
			m[arabic.Normalize(strings.TrimSpace(a))] = f[1]
		}
	}
	return m
}()

// admin1Alias maps a normalised spelling to the canonical governorate name.
var admin1Alias = func() map[string]string {
	m := map[string]string{}
	header := true
	for _, line := range strings.Split(admin1TSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			continue
		}
		m[arabic.Normalize(f[0])] = f[0]
		for _, a := range strings.Split(f[1], "|") {
			m[arabic.Normalize(strings.TrimSpace(a))] = f[0]
		}
	}
	return m
}()

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
