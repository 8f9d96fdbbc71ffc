package export

import (
	"testing"

	"github.com/raqib/raqib/internal/event"
)

func TestTablesLoadEveryRow(t *testing.T) {
	tab, err := LoadTables()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"data/countries.tsv", "data/actors.tsv", "data/plover.tsv"} {
		rows := 0
		if err := readTSV(name, map[string]int{"data/countries.tsv": 5, "data/actors.tsv": 8, "data/plover.tsv": 5}[name],
			func([]string) error { rows++; return nil }); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if rows == 0 {
			t.Errorf("%s: no rows", name)
		}
	}
	t.Run("every event type has a PLOVER row", func(t *testing.T) {
		for _, typ := range event.Types {
			if _, ok := tab.Plover[typ.Code]; !ok {
				t.Errorf("plover.tsv has no row for %s", typ.Code)
			}
		}
	})
	t.Run("actor countries are known", func(t *testing.T) {
		for code, rows := range tab.Actors {
			for _, a := range rows {
				if c := a.PloverCode; len(c) == 3 && c != "IGO" && c != "IMG" {
					if _, ok := tab.Countries[c]; !ok {
						t.Errorf("%s: PLOVER code %s is not in countries.tsv", code, c)
					}
				}
				if a.From != "" && a.To != "" && a.From >= a.To {
					t.Errorf("%s: period %s..%s is empty", code, a.From, a.To)
				}
			}
		}
	})
}

func TestActorFor(t *testing.T) {
	tab, err := LoadTables()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, code, date, want string
		inter                  int
	}{
		{"Assad era", "SYR.GOV", "2020-10-09", "Military Forces of Syria (2000-2024)", 1},
		{"after the fall", "SYR.GOV", "2025-01-15", "Military Forces of Syria (2024-)", 1},
		{"month date", "USA.MIL", "2017-03", "Military Forces of the United States (2017-2021)", 1},
		{"no date takes the current name", "USA.GOV", "", "Government of the United States (2025-)", 1},
		{"fallback military", "LBN.MIL", "2020-01-01", "Military Forces of Lebanon", 1},
		{"fallback government", "QAT.GOV", "2020-01-01", "Government of Qatar", 1},
		{"unknown acronym keeps its code", "XYZGROUP", "2020-01-01", "XYZGROUP", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tab.ActorFor(tt.code, tt.date)
			if a.ACLED != tt.want || a.Inter != tt.inter {
				t.Errorf("ActorFor(%q, %q) = %q/%d; want %q/%d", tt.code, tt.date, a.ACLED, a.Inter, tt.want, tt.inter)
			}
		})
	}
}

func TestInteraction(t *testing.T) {
	tests := []struct {
		name string
		a, b int
		want string
	}{
		{"state on civilians", 1, 7, "17"},
		{"lower first", 8, 2, "28"},
		{"sole actor", 2, 0, "20"},
		{"same side", 2, 2, "22"},
		{"none", 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := interaction(tt.a, tt.b); got != tt.want {
				t.Errorf("interaction(%d, %d) = %q; want %q", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestACLEDDay(t *testing.T) {
	tests := []struct{ name, in, day, year string }{
		{"day", "2020-10-09", "2020-10-09", "2020"},
		{"month", "2020-02", "2020-02-15", "2020"},
		{"year", "2019", "2019-07-02", "2019"},
		{"unknown", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, y := acledDay(tt.in)
			if d != tt.day || y != tt.year {
				t.Errorf("acledDay(%q) = %q, %q; want %q, %q", tt.in, d, y, tt.day, tt.year)
			}
		})
	}
}
