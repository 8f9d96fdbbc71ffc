package export

import (
	"bufio"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/*.tsv
var data embed.FS

// Country is a country as ACLED names it.
type Country struct {
	ISO3    string
	Numeric string // ISO 3166 numeric, as ACLED's iso column
	Name    string
	Region  string // ACLED region
}

// Actor maps a raqib actor code to ACLED's actor name and inter code and
// to PLOVER's actor and sector codes, for events dated in [From, To).
type Actor struct {
	Code         string
	ACLED        string // may hold {country} (the event's) and {self} (the code's country)
	Inter        int    // 0 when unknown
	PloverCode   string
	PloverSector string
	From, To     string // YYYY-MM-DD; empty is open
}

// PloverType is the PLOVER coding of a raqib event type.
type PloverType struct {
	EventType string
	Event     string // PLOVER category; empty when the type has none
	Mode      string
	Context   string
}

// Tables are the embedded mappings.
type Tables struct {
	Countries map[string]Country    // by ISO3
	Actors    map[string][]Actor    // by raqib code, in file order
	Plover    map[string]PloverType // by raqib event type
}

// LoadTables returns the embedded mappings, read once.
var LoadTables = sync.OnceValues(loadTables)

func loadTables() (*Tables, error) {
	t := &Tables{Countries: map[string]Country{}, Actors: map[string][]Actor{}, Plover: map[string]PloverType{}}
	err := readTSV("data/countries.tsv", 5, func(f []string) error {
		if len(f[0]) != 3 || len(f[1]) != 3 {
			return fmt.Errorf("bad iso3 %q or numeric %q", f[0], f[1])
		}
		t.Countries[f[0]] = Country{ISO3: f[0], Numeric: f[1], Name: f[2], Region: f[3]}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV("data/actors.tsv", 8, func(f []string) error {
		a := Actor{Code: f[0], ACLED: f[1], PloverCode: f[3], PloverSector: f[4], From: f[5], To: f[6]}
		if f[2] != "" {
			n, err := strconv.Atoi(f[2])
			if err != nil || n < 1 || n > 8 {
				return fmt.Errorf("inter %q: want 1-8", f[2])
			}
			a.Inter = n
		}
		if a.Code == "" || a.ACLED == "" {
			return fmt.Errorf("empty code or name")
		}
		t.Actors[a.Code] = append(t.Actors[a.Code], a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV("data/plover.tsv", 5, func(f []string) error {
		t.Plover[f[0]] = PloverType{EventType: f[0], Event: f[1], Mode: f[2], Context: f[3]}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// readTSV calls row for every data line of an embedded TSV file with a
// header line and # comment lines; every row must have n fields.
func readTSV(name string, n int, row func([]string) error) error {
	f, err := data.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		if line == 1 || strings.HasPrefix(sc.Text(), "#") || strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != n {
			return fmt.Errorf("%s:%d: %d fields, want %d", name, line, len(fields), n)
		}
		if err := row(fields); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	return sc.Err()
}

// ActorFor returns the mapping of a raqib actor code for an event dated
// date (YYYY-MM-DD, YYYY-MM, YYYY or empty). Codes the table does not list
// fall back by their form: XXX.MIL and XXX.GOV of a known country become
// its military forces or government, state forces; anything else keeps its
// code as name with no inter code.
func (t *Tables) ActorFor(code, date string) Actor {
	if rows := t.Actors[code]; len(rows) > 0 {
		for _, a := range rows {
			if (a.From == "" || date >= a.From) && (a.To == "" || date == "" || date < a.To) {
				return a
			}
		}
		return rows[len(rows)-1]
	}
	iso, role, _ := strings.Cut(code, ".")
	if c, ok := t.Countries[iso]; ok {
		switch role {
		case "MIL":
			return Actor{Code: code, ACLED: "Military Forces of " + c.Name, Inter: 1, PloverCode: iso, PloverSector: "MIL"}
		case "GOV":
			return Actor{Code: code, ACLED: "Government of " + c.Name, Inter: 1, PloverCode: iso, PloverSector: "GOV"}
		case "PMC":
			return Actor{Code: code, ACLED: "Private Security Forces (" + c.Name + ")", Inter: 8, PloverCode: iso, PloverSector: "PRM"}
		}
		if en, ok := nameFallback(code); ok {
			return Actor{Code: code, ACLED: en, PloverCode: iso, PloverSector: role}
		}
		return Actor{Code: code, ACLED: code, PloverCode: iso, PloverSector: role}
	}
	if en, ok := nameFallback(code); ok { // the names table's English name, not the bare code
		return Actor{Code: code, ACLED: en}
	}
	return Actor{Code: code, ACLED: code}
}

// ownCountry is the ISO3 a state actor code belongs to, or "".
func (t *Tables) ownCountry(code string) string {
	iso, _, _ := strings.Cut(code, ".")
	if _, ok := t.Countries[iso]; ok {
		return iso
	}
	return ""
}
