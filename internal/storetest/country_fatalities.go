package storetest

import (
	"slices"
	"testing"

	"github.com/raqib/raqib/internal/event"
)

// testCountryFatalities checks the country, minimum-fatalities and background filters,
// alone, together and with the others, in Events and in Stats.
func testCountryFatalities(t *testing.T, s event.Store) {
	fx := fixtures()
	const sBasra = "وقتل خمسة محتجين برصاص قوات الأمن أمام مبنى المحافظة في البصرة."
	basra := article("t-basra", "https://example.org/basra", "2022-10-25", "شبكة المثال", "البصرة", sBasra).
		event("excessive_force_against_protesters", sBasra, place{"البصرة", 30.5085, 47.7804, "Basra"}, "2022-10-24", "IRQ.MIL", "PRO", nil).
		record()
	basra.Events[0].Location.Country = "IRQ"
	five := 5
	basra.Events[0].Fatalities = &five
	mustPut(t, s, append(fx, basra)...)
	var (
		shell = eventID(fx[0], 0) // SYR, 2 killed
		clash = eventID(fx[0], 1) // SYR, fatalities unknown
		drone = eventID(fx[1], 0) // SYR, background
		air   = eventID(fx[2], 0) // SYR
		irq   = eventID(basra, 0) // IRQ, 5 killed
	)
	tests := []struct {
		name string
		f    event.Filter
		want []string
	}{
		{"country", event.Filter{Country: "IRQ"}, []string{irq}},
		{"another country", event.Filter{Country: "SYR"}, []string{air, clash, shell, drone}},
		{"a country with no events", event.Filter{Country: "LBN"}, nil},
		{"at least one death", event.Filter{MinFatalities: 1}, []string{irq, shell}},
		{"at least three deaths", event.Filter{MinFatalities: 3}, []string{irq}},
		{"more than anyone", event.Filter{MinFatalities: 100}, nil},
		{"country and deaths", event.Filter{Country: "SYR", MinFatalities: 1}, []string{shell}},
		{"with a type", event.Filter{Country: "SYR", Types: []string{"air_drone_strike"}}, []string{air}},
		{"with text", event.Filter{Text: "قصف", MinFatalities: 1}, []string{shell}},
		{"background left out", event.Filter{Background: event.BackgroundExclude}, []string{irq, air, clash, shell}},
		{"background only", event.Filter{Background: event.BackgroundOnly}, []string{drone}},
		{"background only, in a country", event.Filter{Background: event.BackgroundOnly, Country: "IRQ"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := idsOf(all(t, s, tt.f))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Events(%+v) = %v; want %v", tt.f, got, tt.want)
			}
			st, err := s.Stats(t.Context(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if st.Events != len(tt.want) {
				t.Errorf("Stats(%+v).Events = %d; want %d", tt.f, st.Events, len(tt.want))
			}
		})
	}
}
