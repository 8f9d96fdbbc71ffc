package web

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"

	"github.com/raqib/raqib/internal/event"
)

// typeLabel is how the UI names and colours an event type.
type typeLabel struct {
	Code  string `json:"code"`
	AR    string `json:"ar"`
	EN    string `json:"en"`
	Color string `json:"color"`
	// ACLED is the ACLED classification; absent for raqib's consult.
	ACLED *event.ACLEDClass `json:"acled,omitempty"`
}

//go:embed data/types.tsv
var typesTSV string

var typeLabels = mustTypeLabels(typesTSV)

var hexColor = regexp.MustCompile(`^#[0-9a-f]{6}$`)

// parseTypeLabels reads data/types.tsv: code, Arabic label, English label,
// colour and a comment column, after a header line. Every row must name a
// SPEC §3 type and every type must have a row.
func parseTypeLabels(tsv string) ([]typeLabel, error) {
	lines := strings.Split(strings.TrimRight(tsv, "\n"), "\n")
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "code\tar\ten\tcolor\tcomment") {
		return nil, fmt.Errorf("types.tsv: bad header")
	}
	seen := map[string]bool{}
	var out []typeLabel
	for i, line := range lines[1:] {
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("types.tsv:%d: want 5 columns, got %d", i+2, len(f))
		}
		code := f[0]
		if _, ok := event.LookupType(code); !ok {
			return nil, fmt.Errorf("types.tsv:%d: %q is not a SPEC event type", i+2, code)
		}
		if seen[code] {
			return nil, fmt.Errorf("types.tsv:%d: %q listed twice", i+2, code)
		}
		seen[code] = true
		if f[1] == "" || f[2] == "" || !hexColor.MatchString(f[3]) {
			return nil, fmt.Errorf("types.tsv:%d: want an Arabic label, an English label and a #rrggbb colour", i+2)
		}
		out = append(out, typeLabel{Code: code, AR: f[1], EN: f[2], Color: f[3], ACLED: event.ACLED(code)})
	}
	for _, t := range event.Types {
		if !seen[t.Code] {
			return nil, fmt.Errorf("types.tsv: no row for %q", t.Code)
		}
	}
	return out, nil
}

func mustTypeLabels(tsv string) []typeLabel {
	l, err := parseTypeLabels(tsv)
	if err != nil {
		panic(err)
	}
	return l
}
