package export

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// ActorName is how raqib names an actor code for people: in Arabic, and in
// English with ACLED's name where ACLED has one (data/actor_names.tsv, the
// one table of actor names that the UI's filters and labels and the ACLED
// export read).
type ActorName struct {
	Code string `json:"code"`
	AR   string `json:"ar"`
	EN   string `json:"en"` // may hold {country}, the event's country
	// Source is "acled" when EN is ACLED's name (or ACLED's pattern for
	// state forces), "raqib" when ACLED has none and raqib names it in
	// ACLED's style.
	Source string `json:"en_source"`
}

var enSources = map[string]bool{"acled": true, "raqib": true}

// LoadActorNames returns the embedded actor names by code, read once.
var LoadActorNames = sync.OnceValues(func() (map[string]ActorName, error) {
	out := map[string]ActorName{}
	err := readTSV("data/actor_names.tsv", 5, func(f []string) error {
		n := ActorName{Code: f[0], AR: f[1], EN: f[2], Source: f[3]}
		if n.Code == "" || n.AR == "" || n.EN == "" || !enSources[n.Source] {
			return fmt.Errorf("want a code, an Arabic and an English name and en_source acled or raqib")
		}
		if _, dup := out[n.Code]; dup {
			return fmt.Errorf("%s listed twice", n.Code)
		}
		out[n.Code] = n
		return nil
	})
	return out, err
})

// ActorNames returns the table sorted by code.
func ActorNames() ([]ActorName, error) {
	m, err := LoadActorNames()
	if err != nil {
		return nil, err
	}
	out := make([]ActorName, 0, len(m))
	for _, n := range m {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

// NameActor returns the names of a code: the table's row, else names built
// from the code's form (XXX.MIL, XXX.GOV of a known country), else the code
// itself in both languages.
func (t *Tables) NameActor(code string) ActorName {
	if names, err := LoadActorNames(); err == nil {
		if n, ok := names[code]; ok {
			return n
		}
	}
	if a := t.ActorFor(code, ""); a.ACLED != code {
		return ActorName{Code: code, AR: code, EN: a.ACLED, Source: "acled"}
	}
	return ActorName{Code: code, AR: code, EN: code}
}

// nameFallback is ActorFor's last resort for a code actors.tsv does not
// list and whose form says nothing: the English name of the names table.
func nameFallback(code string) (string, bool) {
	names, err := LoadActorNames()
	if err != nil {
		return "", false
	}
	n, ok := names[code]
	if !ok || strings.TrimSpace(n.EN) == "" {
		return "", false
	}
	return n.EN, true
}
