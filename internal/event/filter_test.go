package event_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
)

func TestFilterValidate(t *testing.T) {
	tests := []struct {
		name      string
		f         event.Filter
		wantParam string // "" for a valid filter
	}{
		{"empty", event.Filter{}, ""},
		{"everything valid", event.Filter{Text: "قصف إدلب", From: "2024-01-01", To: "2024-02-01", Types: []string{"armed_clash"},
			Actors: []string{"SYR.GOV"}, ClaimStatus: event.Claimed, BBox: &event.BBox{MinLat: 35, MinLon: 36, MaxLat: 36, MaxLon: 37},
			Near: &event.Near{Lat: 35.6, Lon: 36.5, Km: event.DefaultNearKm}, Limit: 50}, ""},
		{"NUL in actor", event.Filter{Actors: []string{"SYR\x00GOV"}}, "actor"},
		{"NUL in admin1", event.Filter{Admin1: "\x00"}, "admin1"},
		{"NUL in doc", event.Filter{Doc: "a\x00"}, "doc"},
		{"NUL in text", event.Filter{Text: "قصف\x00"}, "q"},
		{"invalid UTF-8 in admin1", event.Filter{Admin1: "\xc0\xae"}, "admin1"},
		{"invalid UTF-8 in text", event.Filter{Text: "\xff\xfe"}, "q"},
		{"text too long", event.Filter{Text: strings.Repeat("ق", event.MaxFilterText)}, "q"},
		{"too many actors", event.Filter{Actors: strings.Split(strings.Repeat("A,", event.MaxFilterValues+1), ",")[:event.MaxFilterValues+1]}, "actor"},
		{"bad date", event.Filter{From: "2024-13-01"}, "from"},
		{"from after to", event.Filter{From: "2024-02-01", To: "2024-01-01"}, "from"},
		{"unknown type", event.Filter{Types: []string{"picnic"}}, "type"},
		{"unknown claim", event.Filter{ClaimStatus: "rumoured"}, "claim"},
		{"bbox upside down", event.Filter{BBox: &event.BBox{MinLat: 36, MaxLat: 35, MinLon: 36, MaxLon: 37}}, "bbox"},
		{"near off the earth", event.Filter{Near: &event.Near{Lat: 95, Lon: 36, Km: 10}}, "near"},
		{"zero radius", event.Filter{Near: &event.Near{Lat: 35, Lon: 36}}, "km"},
		{"radius too large", event.Filter{Near: &event.Near{Lat: 35, Lon: 36, Km: event.MaxNearKm + 1}}, "km"},
		{"country not alpha-3", event.Filter{Country: "SYRIA"}, "country"},
		{"negative fatalities", event.Filter{MinFatalities: -1}, "min_fatalities"},
		{"unknown background", event.Filter{Background: "some"}, "background"},
		{"negative limit", event.Filter{Limit: -1}, "limit"},
		{"foreign cursor", event.Filter{Cursor: "not-a-cursor!"}, "cursor"},
		{"a cursor a store made", event.Filter{Cursor: event.Cursor{Sort: "2024-01-01", ID: "x"}.String()}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.f.Validate()
			if tt.wantParam == "" {
				if err != nil {
					t.Fatalf("Validate() = %v; want nil", err)
				}
				return
			}
			var fe *event.FilterError
			if !errors.As(err, &fe) {
				t.Fatalf("Validate() = %v; want a *FilterError for %s", err, tt.wantParam)
			}
			if fe.Param != tt.wantParam {
				t.Errorf("Validate() blames %q (%v); want %q", fe.Param, err, tt.wantParam)
			}
		})
	}
}

func TestFilterNormalize(t *testing.T) {
	a := event.Filter{Text: "  قصف   إدلب ", Types: []string{"attack", " armed_clash", "attack"}, Actors: []string{"syr.gov", "CIV", " "}, Admin1: " Idlib "}
	b := event.Filter{Text: "قصف إدلب", Types: []string{"armed_clash", "attack"}, Actors: []string{"CIV", "SYR.GOV"}, Admin1: "Idlib"}
	a.Normalize()
	b.Normalize()
	if strings.Join(a.Types, ",") != "armed_clash,attack" || strings.Join(a.Actors, ",") != "CIV,SYR.GOV" || a.Text != b.Text || a.Admin1 != "Idlib" {
		t.Errorf("Normalize() = %+v; want %+v", a, b)
	}
}

func TestEarliestStart(t *testing.T) {
	// a year-precision event of 2023 (2023-01-01..2023-12-31) reaches 2023-12-31
	if got := event.EarliestStart("2023-12-31"); got > "2023-01-01" {
		t.Errorf("EarliestStart(2023-12-31) = %s; want at most 2023-01-01", got)
	}
	if got := event.EarliestStart("2024-12-31"); got > "2024-01-01" { // leap year
		t.Errorf("EarliestStart(2024-12-31) = %s; want at most 2024-01-01", got)
	}
}
