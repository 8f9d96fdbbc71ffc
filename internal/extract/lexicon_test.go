package extract

import (
	"bufio"
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/arabic"
	"github.com/raqib/raqib/internal/event"
)

// dataRows counts the data rows of an embedded lexicon: lines that are not
// blank, not comments and not the header.
func dataRows(t *testing.T, name string) int {
	b, err := fs.ReadFile(dataFS, "data/"+name)
	if err != nil {
		t.Fatal(err)
	}
	n, header := 0, true
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		n++
	}
	return n
}

// TestLexiconsLoadEveryRow loads every embedded lexicon and checks that no
// row was dropped and that every code in them is one raqib knows.
func TestLexiconsLoadEveryRow(t *testing.T) {
	x := newTestExtractor(t)
	files, _ := fs.Glob(dataFS, "data/*.tsv")
	if len(files) < 12 {
		t.Fatalf("%d lexicon files; want at least 12", len(files))
	}
	for _, f := range files {
		name := strings.TrimPrefix(f, "data/")
		t.Run(name, func(t *testing.T) {
			want := dataRows(t, name)
			if got := x.lx.Rows[name]; got != want {
				t.Errorf("loaded %d rows; the file has %d", got, want)
			}
			if want == 0 {
				t.Errorf("no rows")
			}
		})
	}
}

func TestLexiconCodes(t *testing.T) {
	for _, name := range []string{"triggers.tsv", "instruments.tsv"} {
		rows, err := readTSV(dataFS, "data/"+name, "form", "event_type")
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			if _, ok := event.LookupType(r["event_type"]); !ok {
				t.Errorf("%s row %d: unknown event type %q", name, i+1, r["event_type"])
			}
			if name == "triggers.tsv" && r["class"] != "strong" && r["class"] != "generic" && r["class"] != "territory" {
				t.Errorf("%s row %d: class %q", name, i+1, r["class"])
			}
			if r["note"] == "" {
				t.Errorf("%s row %d (%s): no note", name, i+1, r["form"])
			}
		}
	}
	rows, err := readTSV(dataFS, "data/actors.tsv", "form", "code")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		c := r["code"]
		if c == "" || strings.ContainsAny(c, " \t") || strings.ToUpper(c) != c {
			t.Errorf("actors.tsv row %d: code %q is not COUNTRY.ROLE or an acronym", i+1, c)
		}
	}
	cues, err := readTSV(dataFS, "data/cues.tsv", "form", "cue")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{"report": true, "deny": true, "hedge": true, "future": true, "negation": true, "habitual": true, "background": true, "foiled": true, "stalled": true, "ended": true, "idiom": true, "purpose": true}
	for i, r := range cues {
		if !kinds[r["cue"]] {
			t.Errorf("cues.tsv row %d: cue kind %q", i+1, r["cue"])
		}
	}
}

func TestLexiconLookups(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name, text, want string
		find             func(text string) string
	}{
		{"plural trigger with clitics", "وبالغارات", "air_drone_strike", func(s string) string { return x.firstTrigger(s) }},
		{"verb trigger", "قصفت", "shelling_artillery_missile_attack", func(s string) string { return x.firstTrigger(s) }},
		{"official to the body he speaks for", "النائب الأول لوزير الدفاع الروسي", "RUS.MIL", func(s string) string { return x.firstActor(s) }},
		{"kremlin", "الكرملين", "RUS.GOV", func(s string) string { return x.firstActor(s) }},
		{"regime forces with preposition", "لقوات النظام", "SYR.GOV", func(s string) string { return x.firstActor(s) }},
		{"head and nationality", "طائرات حربية روسية", "RUS.MIL", func(s string) string { return x.firstActor(s) }},
		{"syrian forces are SYR.GOV", "الجيش السوري", "SYR.GOV", func(s string) string { return x.firstActor(s) }},
		{"monitor", "المرصد السوري لحقوق الإنسان", "SOHR", func(s string) string { return x.firstSource(s) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.find(tt.text); got != tt.want {
				t.Errorf("%q → %q; want %q", tt.text, got, tt.want)
			}
		})
	}
}

func (x *Extractor) testDoc(text string) *doc {
	a := &event.Article{ID: "t", Text: text}
	dc := &doc{art: a}
	dc.d = newArabicDoc(text)
	dc.toks = dc.d.Tokens
	dc.split()
	return dc
}

func (x *Extractor) firstTrigger(text string) string {
	dc := x.testDoc(text)
	if ms := x.lx.Triggers.Find(dc.d, 0, len(dc.toks)); len(ms) > 0 {
		return ms[0].Values[0].Type
	}
	return ""
}

func (x *Extractor) firstActor(text string) string {
	dc := x.testDoc(text)
	x.findActors(dc)
	if len(dc.actors) > 0 {
		return dc.actors[0].code
	}
	return ""
}

func (x *Extractor) firstSource(text string) string {
	dc := x.testDoc(text)
	x.findSources(dc)
	if len(dc.sources) > 0 {
		return dc.sources[0].code
	}
	return ""
}

// TestLexiconsDoNotHideTowns guards against a word list swallowing a town:
// after normalisation and without the article, "دوماً" (always) is the city
// of Douma and "الدوما" (the Russian parliament) too. A cue, trigger, unit
// or source entry that reads exactly like a city, town, governorate or base
// would hide it; the few actors that are places on purpose (a base speaking
// for the forces in it) are listed here.
func TestLexiconsDoNotHideTowns(t *testing.T) {
	x := newTestExtractor(t)
	big := map[string]bool{"country": true, "governorate": true, "city": true, "town": true, "base": true, "airport": true, "region": true}
	placeKeys := map[string]string{}
	for _, p := range x.gz.Places {
		if !big[p.Kind] {
			continue
		}
		for _, n := range append([]string{p.Name}, p.Names...) {
			placeKeys[strings.Join(arabic.PhraseKeys(n), " ")] = p.ID
		}
	}
	onPurpose := map[string]bool{ // actors named after the place they hold
		"قاعدة حميميم": true, "قاعدة حميميم الجوية": true, "مطار حميميم": true, "حميميم": true,
		"قاعدة طرطوس البحرية": true, "القاعدة البحرية الروسية في طرطوس": true, "القاعدة الروسية في طرطوس": true,
		"قاعدة عين الأسد": true, "الفرقة 17": true, "الاتحاد الروسي": true, "الجمهورية الإسلامية الإيرانية": true,
		"قريتين": true, // the unit "two villages"; the town is القريتين, matched as a place first
	}
	for _, f := range []struct{ file, col string }{
		{"cues.tsv", "form"}, {"triggers.tsv", "form"}, {"units.tsv", "form"}, {"sources.tsv", "form"},
		{"actors.tsv", "form"}, {"casualties.tsv", "form"}, {"numbers.tsv", "form"}, {"instruments.tsv", "form"},
	} {
		rows, err := readTSV(dataFS, "data/"+f.file, f.col)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			k := strings.Join(arabic.PhraseKeys(r[f.col]), " ")
			if id, ok := placeKeys[k]; ok && !onPurpose[r[f.col]] {
				t.Errorf("%s: %q reads like the place %s", f.file, r[f.col], id)
			}
		}
	}
}
