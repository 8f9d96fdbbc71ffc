package extract

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/raqib/raqib/internal/arabic"
)

//go:embed data/*.tsv
var dataFS embed.FS

// row is one lexicon line, by column name.
type row map[string]string

// readTSV reads an embedded lexicon: a header line, then rows; lines
// starting with # are comments. It checks that every row has the required
// columns filled.
func readTSV(fsys fs.FS, name string, required ...string) ([]row, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var header []string
	var rows []row
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		cols := strings.Split(s, "\t")
		if header == nil {
			header = cols
			for _, req := range required {
				if !contains(header, req) {
					return nil, fmt.Errorf("%s: header lacks column %q", name, req)
				}
			}
			continue
		}
		r := row{}
		for i, h := range header {
			if i < len(cols) {
				r[strings.TrimSpace(h)] = strings.TrimSpace(cols[i])
			}
		}
		for _, req := range required {
			if r[req] == "" {
				return nil, fmt.Errorf("%s line %d: empty %s", name, line, req)
			}
		}
		rows = append(rows, r)
	}
	return rows, sc.Err()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.TrimSpace(x) == s {
			return true
		}
	}
	return false
}

// forms splits a "|"-separated list of surface forms.
func forms(s string) []string {
	var out []string
	for _, f := range strings.Split(s, "|") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// Lexicons are raqib's word lists, compiled into phrase matchers.
type Lexicons struct {
	Actors      *arabic.Matcher[ActorEntry]
	Heads       *arabic.Matcher[string] // head noun -> role (MIL, GOV, PMC)
	Nations     *arabic.Matcher[Nation] // adjective, country or capital -> country
	Sources     *arabic.Matcher[SourceEntry]
	Triggers    *arabic.Matcher[Trigger]
	Instruments *arabic.Matcher[string] // weapon word -> event type
	Cues        *arabic.Matcher[string] // word -> cue kind
	Frames      *arabic.Matcher[string] // word -> frame that makes an event noun not a new event (frames.tsv)
	Targets     *arabic.Matcher[string] // word -> kind of target an attack is aimed at (targets.tsv)
	Units       *arabic.Matcher[string] // unit form -> canonical unit
	Casualties  *arabic.Matcher[string] // word -> killed, injured, captured, missing
	Numbers     *arabic.Matcher[int]    // number word -> value (-1 for vague)
	Rows        map[string]int          // rows loaded per file, for tests and reports
	ActorCodes  map[string]bool         // every actor code, so a source with one is a party
}

// ActorEntry is a named actor.
type ActorEntry struct {
	Code string
	Kind string // force, group, body, official, person, generic, civilian
}

// Nation is a country reached through an adjective, name or capital.
type Nation struct {
	ISO3 string
	How  string // adjective, country, capital
}

// SourceEntry is a reporting source.
type SourceEntry struct {
	Code string
	Kind string
}

// Trigger is an event word.
type Trigger struct {
	Type  string
	Class string // strong, generic, territory
}

// LoadLexicons reads every embedded lexicon.
func LoadLexicons() (*Lexicons, error) { return loadLexicons(dataFS) }

func loadLexicons(fsys fs.FS) (*Lexicons, error) {
	lx := &Lexicons{
		Actors: arabic.NewMatcher[ActorEntry]().Names(), Heads: arabic.NewMatcher[string]().MaxCost(3),
		Nations: arabic.NewMatcher[Nation]().Names(), Sources: arabic.NewMatcher[SourceEntry]().Names(),
		Triggers: arabic.NewMatcher[Trigger]().MaxCost(3), Instruments: arabic.NewMatcher[string]().MaxCost(3),
		Cues: arabic.NewMatcher[string]().NoInflection(), Frames: arabic.NewMatcher[string]().NoInflection(),
		Targets: arabic.NewMatcher[string]().MaxCost(3), Units: arabic.NewMatcher[string]().NoInflection(),
		Casualties: arabic.NewMatcher[string]().MaxCost(3), Numbers: arabic.NewMatcher[int]().NoInflection(),
		Rows: map[string]int{}, ActorCodes: map[string]bool{},
	}
	type loader struct {
		file     string
		required []string
		add      func(r row) error
	}
	each := func(s string, f func(string)) {
		for _, x := range forms(s) {
			f(x)
		}
	}
	loaders := []loader{
		{"actors.tsv", []string{"form", "code"}, func(r row) error {
			e := ActorEntry{Code: r["code"], Kind: r["kind"]}
			each(r["form"], func(f string) { lx.Actors.Add(f, e) })
			lx.ActorCodes[e.Code] = true
			return nil
		}},
		{"actor_heads.tsv", []string{"form", "role"}, func(r row) error {
			each(r["form"], func(f string) { lx.Heads.Add(f, r["role"]) })
			return nil
		}},
		{"nationalities.tsv", []string{"iso3"}, func(r row) error {
			each(r["adjective_ar"], func(f string) {
				lx.Nations.Add(f, Nation{r["iso3"], "adjective"})
				for _, d := range dualAdjectives(f) {
					lx.Nations.Add(d, Nation{r["iso3"], "adjective"})
				}
			})
			each(r["country_ar"], func(f string) { lx.Nations.Add(f, Nation{r["iso3"], "country"}) })
			each(r["capital_ar"], func(f string) { lx.Nations.Add(f, Nation{r["iso3"], "capital"}) })
			return nil
		}},
		{"sources.tsv", []string{"form", "code"}, func(r row) error {
			e := SourceEntry{Code: r["code"], Kind: r["kind"]}
			each(r["form"], func(f string) { lx.Sources.Add(f, e) })
			return nil
		}},
		{"triggers.tsv", []string{"form", "event_type", "class"}, func(r row) error {
			t := Trigger{Type: r["event_type"], Class: r["class"]}
			each(r["form"], func(f string) { lx.Triggers.Add(f, t) })
			return nil
		}},
		{"instruments.tsv", []string{"form", "event_type"}, func(r row) error {
			each(r["form"], func(f string) { lx.Instruments.Add(f, r["event_type"]) })
			return nil
		}},
		{"cues.tsv", []string{"form", "cue"}, func(r row) error {
			each(r["form"], func(f string) { lx.Cues.Add(f, r["cue"]) })
			return nil
		}},
		{"frames.tsv", []string{"form", "frame"}, func(r row) error {
			each(r["form"], func(f string) { lx.Frames.Add(f, r["frame"]) })
			return nil
		}},
		{"targets.tsv", []string{"form", "target"}, func(r row) error {
			each(r["form"], func(f string) { lx.Targets.Add(f, r["target"]) })
			return nil
		}},
		{"units.tsv", []string{"form", "unit"}, func(r row) error {
			each(r["form"], func(f string) { lx.Units.Add(f, r["unit"]) })
			return nil
		}},
		{"casualties.tsv", []string{"form", "kind"}, func(r row) error {
			each(r["form"], func(f string) { lx.Casualties.Add(f, r["kind"]) })
			return nil
		}},
		{"numbers.tsv", []string{"form", "value"}, func(r row) error {
			v, err := strconv.Atoi(r["value"])
			if err != nil {
				return fmt.Errorf("value %q: %w", r["value"], err)
			}
			each(r["form"], func(f string) { lx.Numbers.Add(f, v) })
			return nil
		}},
	}
	for _, l := range loaders {
		rows, err := readTSV(fsys, "data/"+l.file, l.required...)
		if err != nil {
			return nil, err
		}
		for i, r := range rows {
			if err := l.add(r); err != nil {
				return nil, fmt.Errorf("%s row %d: %w", l.file, i+1, err)
			}
		}
		lx.Rows[l.file] = len(rows)
	}
	return lx, nil
}

// wordSets are the closed word lists of data/words.tsv, by set name.
var wordSets = mustWordSets()

func mustWordSets() map[string][]string {
	rows, err := readTSV(dataFS, "data/words.tsv", "set", "forms")
	if err != nil {
		panic(fmt.Sprintf("extract: data/words.tsv: %v", err)) // embedded data: a build-time fault
	}
	out := map[string][]string{}
	for _, r := range rows {
		out[r["set"]] = forms(r["forms"])
	}
	return out
}

// words returns a word set of data/words.tsv; a set that is not there is a
// programming error.
func words(set string) []string {
	w, ok := wordSets[set]
	if !ok || len(w) == 0 {
		panic("extract: no word set " + set + " in data/words.tsv")
	}
	return w
}

// wordMap is words as a set.
func wordMap(set string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words(set) {
		m[w] = true
	}
	return m
}

// dualAdjectives derives the dual forms of a nationality adjective the list gives
// in the singular: "أمريكية" -> "أمريكيتان", "أمريكيتين"; "روسي" ->
// "روسيان" ("طائرتان أمريكيتان", "جنديان روسيان"). Forms the list already
// has are added again harmlessly.
func dualAdjectives(adj string) []string {
	switch {
	case strings.HasSuffix(adj, "ية"):
		stem := strings.TrimSuffix(adj, "ة")
		return []string{stem + "تان", stem + "تين"}
	case strings.HasSuffix(adj, "ي") && !strings.HasSuffix(adj, "يي"):
		return []string{adj + "ان"}
	}
	return nil
}
