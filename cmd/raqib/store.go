package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/raqib/raqib/internal/event"
)

// The store is opened by openStore (serve.go): postgres:// and
// postgresql:// DSNs open PostgreSQL, anything else is a SQLite file. Its
// result has event.Store's methods, so every command shares that one
// function; dbFlag gives them the same --db flag.

// dbFlag registers --db, defaulting to $RAQIB_DB, else ./raqib.db.
func dbFlag(fs *flag.FlagSet, e *env) *string {
	return fs.String("db", defaultDB(e), "SQLite file or postgres:// DSN (default $RAQIB_DB or ./raqib.db)")
}

// filterFlags are the event filters search and export share.
type filterFlags struct {
	from, to, admin1, claim, near string
	km                            float64
	types, actors                 listFlag
	country                       string
	minFatalities                 int
}

func (ff *filterFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&ff.from, "from", "", "first day, YYYY-MM-DD (events whose date range overlaps)")
	fs.StringVar(&ff.to, "to", "", "last day, YYYY-MM-DD")
	fs.Var(&ff.types, "type", "event type code, e.g. air_drone_strike (repeatable: any of them)")
	fs.Var(&ff.actors, "actor", "actor code as actor1 or actor2, e.g. SYR.GOV (repeatable: any of them)")
	fs.StringVar(&ff.admin1, "admin1", "", "first-level administrative area, e.g. Idlib")
	fs.StringVar(&ff.claim, "claim", "", "claim status: reported, claimed, denied or alleged")
	fs.StringVar(&ff.near, "near", "", "LAT,LON: events within --km of this point")
	fs.Float64Var(&ff.km, "km", event.DefaultNearKm, "radius for --near, in kilometres")
	fs.StringVar(&ff.country, "country", "", "country of the event's place, ISO 3166 alpha-3, e.g. SYR")
	fs.IntVar(&ff.minFatalities, "min-fatalities", 0, "events reporting at least this many deaths")
}

// filter builds the filter from the flags and checks it with the validator
// the REST API uses too (event.Filter.Validate); its errors are the user's.
func (ff *filterFlags) filter(text string) (event.Filter, error) {
	f := event.Filter{Text: text, From: ff.from, To: ff.to, Admin1: ff.admin1, ClaimStatus: ff.claim,
		Country: ff.country, MinFatalities: ff.minFatalities}
	for _, t := range ff.types {
		f.Types = append(f.Types, strings.Split(t, ",")...)
	}
	for _, a := range ff.actors {
		f.Actors = append(f.Actors, strings.Split(a, ",")...)
	}
	if ff.near != "" {
		lat, lon, err := parseLatLon(ff.near)
		if err != nil {
			return f, err
		}
		f.Near = &event.Near{Lat: lat, Lon: lon, Km: ff.km}
	}
	f.Normalize()
	if err := f.Validate(); err != nil {
		var fe *event.FilterError
		if errors.As(err, &fe) {
			if fe.Param == "q" {
				return f, fmt.Errorf("query: %s", fe.Msg)
			}
			return f, fmt.Errorf("--%s: %s", strings.ReplaceAll(fe.Param, "_", "-"), fe.Msg)
		}
		return f, err
	}
	return f, nil
}

func parseLatLon(s string) (lat, lon float64, err error) {
	a, b, ok := strings.Cut(s, ",")
	if ok {
		lat, err = strconv.ParseFloat(strings.TrimSpace(a), 64)
		if err == nil {
			lon, err = strconv.ParseFloat(strings.TrimSpace(b), 64)
		}
	}
	if !ok || err != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return 0, 0, fmt.Errorf("--near %q: want LAT,LON in degrees, e.g. 35.64,36.53", s)
	}
	return lat, lon, nil
}
