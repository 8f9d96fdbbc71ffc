package geo

import (
	_ "embed"
	"strings"

	"github.com/raqib/raqib/internal/arabic"
)

//go:embed names/admin1.tsv
var admin1TSV string

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
// name, or the name unchanged when it is not one.
func CanonicalAdmin1(name string) string {
	if c, ok := admin1Alias[arabic.Normalize(strings.TrimSpace(name))]; ok {
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
