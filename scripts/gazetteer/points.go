package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/raqib/raqib/internal/geo"
)

// pointSource marks a curated row whose point was taken from Who's On First:
// the row stays curated (its names, kind and hierarchy are raqib's), only
// the coordinates are WOF's.
const pointSource = "whosonfirst-point"

// compiledKinds are the kinds of place whose compiled points are replaced:
// settlements, which WOF locates from GeoNames; areas keep raqib's points.
var compiledKinds = map[string]bool{"city": true, "town": true, "village": true, "neighbourhood": true, "camp": true}

// fixPoints rewrites, in the curated files of dir, the point of every
// "raqib-compiled" settlement that exactly one WOF locality of its country
// and name lies within maxKm of: "placed from general knowledge of the map"
// gives way to the surveyed point. It reports how many rows moved.
func fixPoints(dir string, recs []*record, c countries, maxKm float64, stderr io.Writer) (int, error) {
	type key struct{ cc, name string }
	byName := map[key][]*record{}
	for _, r := range recs {
		if r.Type != "locality" && r.Type != "localadmin" && r.Type != "neighbourhood" {
			continue
		}
		iso := c.iso3[r.CC]
		for _, n := range r.Ar {
			k := key{iso, phraseKey(n)}
			byName[k] = append(byName[k], r)
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if err != nil {
		return 0, err
	}
	moved := 0
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "wof_") {
			continue // this program's own output
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return moved, err
		}
		lines := strings.Split(string(b), "\n")
		changed := false
		for i, line := range lines {
			col := strings.Split(line, "\t")
			if len(col) < 11 || strings.HasPrefix(line, "#") || col[10] != "raqib-compiled" || !compiledKinds[col[4]] {
				continue
			}
			lat, err1 := strconv.ParseFloat(col[5], 64)
			lon, err2 := strconv.ParseFloat(col[6], 64)
			if err1 != nil || err2 != nil {
				continue
			}
			near := map[int64]*record{}
			for _, n := range append([]string{col[1]}, strings.Split(col[2], "|")...) {
				if strings.TrimSpace(n) == "" {
					continue
				}
				for _, r := range byName[key{col[7], phraseKey(n)}] {
					if geo.Km(lat, lon, r.Lat, r.Lon) <= maxKm {
						near[r.ID] = r
					}
				}
			}
			if len(near) != 1 {
				continue // none, or two namesakes close by: keep raqib's point
			}
			for _, r := range near {
				col[5], col[6] = strconv.FormatFloat(r.Lat, 'f', 5, 64), strconv.FormatFloat(r.Lon, 'f', 5, 64)
				fmt.Fprintf(stderr, "%s: %s %s moved %.1f km to wof-%d\n", filepath.Base(f), col[0], col[1], geo.Km(lat, lon, r.Lat, r.Lon), r.ID)
			}
			col[10] = pointSource
			lines[i] = strings.Join(col, "\t")
			changed = true
			moved++
		}
		if changed {
			if err := os.WriteFile(f, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
				return moved, err
			}
		}
	}
	return moved, nil
}
