package export

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// lexiconCodes reads the actor codes the extractor can produce from its
// lexicon (internal/extract/data/actors.tsv, column 2).
func lexiconCodes(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("../extract/data/actors.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := map[string]bool{}
	var out []string
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		if first || strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		if c := strings.Split(sc.Text(), "\t"); len(c) > 1 && c[1] != "" && !seen[c[1]] {
			seen[c[1]] = true
			out = append(out, c[1])
		}
	}
	if len(out) < 50 {
		t.Fatalf("read %d codes from the lexicon; want its ~95", len(out))
	}
	return out
}

func TestActorNames(t *testing.T) {
	names, err := LoadActorNames()
	if err != nil {
		t.Fatal(err)
	}
	tab, err := LoadTables()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("every lexicon code has an Arabic and an English name", func(t *testing.T) {
		for _, code := range lexiconCodes(t) {
			n, ok := names[code]
			if !ok {
				t.Errorf("%s: no row in data/actor_names.tsv", code)
				continue
			}
			if n.AR == code || n.EN == code {
				t.Errorf("%s: named by its code (%q, %q)", code, n.AR, n.EN)
			}
		}
	})
	t.Run("no lexicon code is exported raw to ACLED", func(t *testing.T) {
		for _, code := range lexiconCodes(t) {
			if a := tab.ActorFor(code, "2021-03-12"); a.ACLED == code || a.ACLED == "" {
				t.Errorf("ActorFor(%s).ACLED = %q; want a name", code, a.ACLED)
			}
		}
	})
	t.Run("acled names agree with actors.tsv", func(t *testing.T) {
		for code, n := range names {
			rows := tab.Actors[code]
			if n.Source != "acled" || len(rows) == 0 {
				continue
			}
			ok := false
			for _, r := range rows {
				ok = ok || strings.HasPrefix(r.ACLED, n.EN)
			}
			if !ok {
				t.Errorf("%s: en %q (acled) is none of actors.tsv's names %+v", code, n.EN, rows)
			}
		}
	})
	t.Run("raqib names are only where actors.tsv has no name", func(t *testing.T) {
		for code, n := range names {
			if n.Source == "raqib" && len(tab.Actors[code]) > 0 {
				t.Errorf("%s: raqib name %q although actors.tsv has ACLED's", code, n.EN)
			}
		}
	})
	tests := []struct {
		name, code, wantEN, wantAR string
	}{
		{"ACLED name", "HTS", "HTS: Hayat Tahrir al Sham", "هيئة تحرير الشام"},
		{"period suffix dropped for labels", "SYR.GOV", "Military Forces of Syria", "قوات النظام السوري"},
		{"no ACLED name", "AQ", "Al Qaeda", "تنظيم القاعدة"},
		{"a country's role ACLED has no pattern for", "IRQ.KRG", "Kurdistan Regional Government Forces (Peshmerga)", "البيشمركة"},
		{"not in the table, by form", "KWT.MIL", "Military Forces of Kuwait", "KWT.MIL"},
		{"unknown", "XYZ", "XYZ", "XYZ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := tab.NameActor(tt.code)
			if n.EN != tt.wantEN || n.AR != tt.wantAR {
				t.Errorf("NameActor(%q) = %q/%q; want %q/%q", tt.code, n.AR, n.EN, tt.wantAR, tt.wantEN)
			}
		})
	}
	t.Run("the ACLED export writes the name, not the code", func(t *testing.T) {
		if a := tab.ActorFor("AQ", "2020-01-01"); a.ACLED != "Al Qaeda" {
			t.Errorf("ActorFor(AQ) = %q", a.ACLED)
		}
		if a := tab.ActorFor("SAU.COAL", "2020-01-01"); a.ACLED != "Saudi-led Coalition" || a.PloverCode != "SAU" {
			t.Errorf("ActorFor(SAU.COAL) = %+v", a)
		}
	})
}
