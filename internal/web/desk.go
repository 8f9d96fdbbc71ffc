package web

import (
	_ "embed"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/export"
)

// The analyst's desk: the filters beyond the basic ones (country, minimum
// fatalities), the names of actors and countries the UI shows instead of
// codes, and a download of the current selection in every export format.

// deskParams are the query parameters parseDeskFilter reads.
var deskParams = []string{"country", "min_fatalities", "background"}

// parseDeskFilter reads the country, minimum-fatalities and background
// filters into f.
func parseDeskFilter(q url.Values, f *event.Filter) error {
	if v := strings.ToUpper(strings.TrimSpace(q.Get("country"))); v != "" {
		if len(v) != 3 || strings.Trim(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return badf("country: want an ISO 3166 alpha-3 code such as SYR, got %q", q.Get("country"))
		}
		f.Country = v
	}
	if v := q.Get("min_fatalities"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return badf("min_fatalities: want 0 or a positive integer, got %q", v)
		}
		f.MinFatalities = n
	}
	switch v := q.Get("background"); v {
	case "", event.BackgroundExclude, event.BackgroundOnly:
		f.Background = v
	default:
		return badf("background: want exclude or only, got %q", v)
	}
	return nil
}

func (s *Server) deskRoutes() []route {
	return []route{
		{"GET", "/api/v1/export", s.handleExport},
		{"GET", "/api/v1/names", s.handleNames},
	}
}

// exportFiles are the download's content type and file name by format.
var exportFiles = map[string]struct{ ctype, name string }{
	export.ACLEDCSV: {"text/csv; charset=utf-8", "raqib-events-acled.csv"},
	export.GeoJSON:  {"application/geo+json", "raqib-events.geojson"},
	export.JSONL:    {"application/x-ndjson", "raqib-events.jsonl"},
	export.PLOVER:   {"application/x-ndjson", "raqib-events-plover.jsonl"},
}

// handleExport streams the events of a filter in an export format as a
// download: the same filter as /events, so the UI's export button gives
// exactly the selection on screen. Written as it is read, in constant
// memory, whatever the size.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = export.ACLEDCSV
	}
	file, ok := exportFiles[format]
	if !ok {
		s.fail(w, r, badf("format: want one of %s, got %q", strings.Join(export.Formats, ", "), format))
		return
	}
	f, err := parseFilter(q, "format")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if f.Cursor != "" {
		s.fail(w, r, badf("cursor: an export is the whole selection; drop the cursor"))
		return
	}
	w.Header().Set("Content-Type", file.ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", file.name))
	w.Header().Set("Cache-Control", "no-store")
	sum, err := export.Write(r.Context(), w, s.store, f, format, export.Options{})
	if err != nil {
		// The status is sent: the client sees a cut-off file, the log says why.
		s.log.Error("export failed", "format", format, "written", sum.Written, "err", err)
		return
	}
	s.log.Info("export", "format", format, "summary", sum.String())
}

//go:embed data/countries.tsv
var countriesTSV string

// countryName is a country's code and names.
type countryName struct {
	Code string `json:"code"`
	AR   string `json:"ar"`
	EN   string `json:"en"`
}

// names is the JSON of /api/v1/names.
type names struct {
	Actors    []export.ActorName `json:"actors"`
	Countries []countryName      `json:"countries"`
}

func parseCountries(tsv string) ([]countryName, error) {
	var out []countryName
	for i, line := range strings.Split(strings.TrimRight(tsv, "\n"), "\n") {
		if i == 0 || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 || len(f[0]) != 3 || f[1] == "" || f[2] == "" {
			return nil, fmt.Errorf("countries.tsv:%d: want iso3, Arabic name, English name, note", i+1)
		}
		out = append(out, countryName{Code: f[0], AR: f[1], EN: f[2]})
	}
	return out, nil
}

// handleNames serves the names of actor codes and countries, so the UI's
// filters and labels show "قوات النظام السوري" rather than SYR.GOV.
func (s *Server) handleNames(w http.ResponseWriter, r *http.Request) {
	actors, err := export.ActorNames()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	countries, err := parseCountries(countriesTSV)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, names{Actors: actors, Countries: countries})
}
