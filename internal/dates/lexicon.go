package dates

import (
	"embed"
	"fmt"
	"strconv"
	"strings"

	"github.com/raqib/raqib/internal/arabic"
)

//go:embed data/*.tsv
var dataFS embed.FS

// role is a bit set of what a cue word (data/cues.tsv) can do.
type role uint32

const (
	rDaypart role = 1 << iota
	rNight
	rDaynoun
	rPast
	rCurrent
	rNext
	rRecent
	rThis
	rEdge
	rMonthnoun
	rYearnoun
	rYearprep
	rAgo
	rAgoblock
	rOf
	rLink
	rRange
	rNightlink
	rBlockdate
	rBlockbefore
	rBlockafter
	rWeakmonth
	rAfteryear
	rFuture
	rAbout
)

var roleNames = map[string]role{
	"daypart": rDaypart, "night": rNight, "daynoun": rDaynoun,
	"past": rPast, "current": rCurrent, "next": rNext, "recent": rRecent, "this": rThis,
	"edge": rEdge, "monthnoun": rMonthnoun, "yearnoun": rYearnoun, "yearprep": rYearprep,
	"ago": rAgo, "agoblock": rAgoblock, "of": rOf, "link": rLink, "range": rRange,
	"nightlink": rNightlink, "blockdate": rBlockdate, "blockbefore": rBlockbefore,
	"blockafter": rBlockafter, "weakmonth": rWeakmonth, "afteryear": rAfteryear, "future": rFuture,
	"about": rAbout,
}

type monthEntry struct {
	month int
	weak  bool // an ordinary word too, or Latin: needs a day, a year, شهر or a pair
}

type unitEntry struct {
	unit  string // day, week, month, year, hour
	count int    // 0 for plurals, which need a number
}

type relEntry struct {
	days  int
	alone bool // false: only after يوم or a part of day
}

// lexicon holds the embedded word lists, keyed by normalised form; a
// multi-word form is keyed with single spaces between its words.
type lexicon struct {
	months   map[string]monthEntry
	weekdays map[string]int
	ordinals map[string]int
	numbers  map[string]int
	units    map[string]unitEntry
	relative map[string]relEntry
	cues     map[string]role
	prefix   map[string]bool // every form and its leading words: where a key may go on
}

var lex = mustLoad()

func mustLoad() *lexicon {
	lx, err := load()
	if err != nil {
		panic(err)
	}
	return lx
}

// row is one data line of a TSV file.
type row struct {
	file string
	line int
	cols []string
}

// readTSV returns the data rows of data/name, checking the header has want
// columns and every row as many. Blank lines and lines starting with # are
// comments.
func readTSV(name string, want ...string) ([]row, error) {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return nil, fmt.Errorf("dates: %w", err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) == 0 || lines[0] != strings.Join(want, "\t") {
		return nil, fmt.Errorf("dates: %s: header must be %q", name, strings.Join(want, "\t"))
	}
	var rows []row
	for i, l := range lines[1:] {
		l = strings.TrimRight(l, "\r")
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		cols := strings.Split(l, "\t")
		if len(cols) != len(want) {
			return nil, fmt.Errorf("dates: %s:%d: %d columns, want %d", name, i+2, len(cols), len(want))
		}
		if cols[0] = key(cols[0]); cols[0] == "" {
			return nil, fmt.Errorf("dates: %s:%d: empty form", name, i+2)
		}
		rows = append(rows, row{name, i + 2, cols})
	}
	return rows, nil
}

// key is the lookup form of a lexicon entry: normalised, words separated
// by one space.
func key(form string) string {
	return strings.Join(strings.Fields(arabic.Normalize(form)), " ")
}

func (r row) int(col, lo, hi int) (int, error) {
	n, err := strconv.Atoi(r.cols[col])
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("dates: %s:%d: %q is not a number in %d..%d", r.file, r.line, r.cols[col], lo, hi)
	}
	return n, nil
}

func load() (*lexicon, error) {
	lx := &lexicon{
		months: map[string]monthEntry{}, weekdays: map[string]int{}, ordinals: map[string]int{},
		numbers: map[string]int{}, units: map[string]unitEntry{}, relative: map[string]relEntry{},
		cues: map[string]role{},
	}
	lx.prefix = map[string]bool{"ال": true}
	words := func(form string) {
		f := strings.Fields(form)
		for n := 1; n <= len(f); n++ {
			lx.prefix[strings.Join(f[:n], " ")] = true
		}
	}
	dup := func(r row, old, v any, seen bool) error {
		if seen && old != v {
			return fmt.Errorf("dates: %s:%d: %q listed twice with different values", r.file, r.line, r.cols[0])
		}
		return nil
	}

	rows, err := readTSV("cues.tsv", "form", "role", "note")
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		ro, ok := roleNames[r.cols[1]]
		if !ok {
			return nil, fmt.Errorf("dates: %s:%d: unknown role %q", r.file, r.line, r.cols[1])
		}
		lx.cues[r.cols[0]] |= ro
		words(r.cols[0])
	}

	if rows, err = readTSV("months.tsv", "form", "month", "note"); err != nil {
		return nil, err
	}
	for _, r := range rows {
		m, err := r.int(1, 1, 12)
		if err != nil {
			return nil, err
		}
		e := monthEntry{month: m, weak: lx.cues[r.cols[0]]&rWeakmonth != 0 || isLatin(r.cols[0])}
		old, seen := lx.months[r.cols[0]]
		if err := dup(r, old, e, seen); err != nil {
			return nil, err
		}
		lx.months[r.cols[0]] = e
		words(r.cols[0])
	}

	for _, f := range []struct {
		name, col string
		lo, hi    int
		m         map[string]int
	}{
		{"weekdays.tsv", "weekday", 0, 6, lx.weekdays},
		{"ordinals.tsv", "value", 1, 31, lx.ordinals},
		{"numbers.tsv", "value", 1, 99, lx.numbers},
	} {
		if rows, err = readTSV(f.name, "form", f.col, "note"); err != nil {
			return nil, err
		}
		for _, r := range rows {
			v, err := r.int(1, f.lo, f.hi)
			if err != nil {
				return nil, err
			}
			old, seen := f.m[r.cols[0]]
			if err := dup(r, old, v, seen); err != nil {
				return nil, err
			}
			f.m[r.cols[0]] = v
			words(r.cols[0])
		}
	}

	if rows, err = readTSV("units.tsv", "form", "unit", "count", "note"); err != nil {
		return nil, err
	}
	for _, r := range rows {
		switch r.cols[1] {
		case "day", "week", "month", "year", "hour":
		default:
			return nil, fmt.Errorf("dates: %s:%d: unknown unit %q", r.file, r.line, r.cols[1])
		}
		c, err := r.int(2, 0, 2)
		if err != nil {
			return nil, err
		}
		lx.units[r.cols[0]] = unitEntry{unit: r.cols[1], count: c}
		words(r.cols[0])
		words("ال" + r.cols[0])
	}

	if rows, err = readTSV("relative.tsv", "form", "days", "alone", "note"); err != nil {
		return nil, err
	}
	for _, r := range rows {
		d, err := r.int(1, -7, 7)
		if err != nil {
			return nil, err
		}
		if r.cols[2] != "yes" && r.cols[2] != "no" {
			return nil, fmt.Errorf("dates: %s:%d: alone must be yes or no", r.file, r.line)
		}
		lx.relative[r.cols[0]] = relEntry{days: d, alone: r.cols[2] == "yes"}
		words(r.cols[0])
	}
	return lx, nil
}

func isLatin(s string) bool {
	for _, r := range s {
		if r >= 0x80 {
			return false
		}
	}
	return true
}
