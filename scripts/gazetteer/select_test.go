package main

import "testing"

// TestDivisions reads a place's region and county from its hierarchy, and
// none from a hierarchy entry that is the planet.
func TestDivisions(t *testing.T) {
	byID := map[int64]*record{
		1:  {ID: 1, Type: "region", NameEn: "Sa'dah"},
		2:  {ID: 2, Type: "county", NameEn: "Sahar"},
		0:  {ID: 0, Type: "planet", NameEn: "Earth"},
		10: {ID: 10, Type: "country", NameEn: "Yemen"},
	}
	tests := []struct {
		name           string
		rec            record
		admin1, admin2 string
	}{
		{"a village in a region and county", record{Type: "locality", Region: 1, County: 2}, "Sa'dah", "Sahar"},
		{"a hierarchy that stops at the planet", record{Type: "locality", Region: 0, County: 0}, "", ""},
		{"a region is in no region", record{Type: "region", Region: 1}, "", ""},
		{"a country in the region slot", record{Type: "locality", Region: 10}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a1, a2 := divisions(byID, &tt.rec)
			if a1 != tt.admin1 || a2 != tt.admin2 {
				t.Errorf("divisions(%+v) = %q, %q; want %q, %q", tt.rec, a1, a2, tt.admin1, tt.admin2)
			}
		})
	}
}
