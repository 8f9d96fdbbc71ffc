package geo

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
)

// GeoNames reads places from the GeoNames dump format: a country file such
// as SY.txt or allCountries.txt (19 tab-separated columns), optionally with
// admin1CodesASCII.txt and admin2Codes.txt for admin names and
// alternateNamesV2.txt for more names.
type GeoNames struct {
	Admin1 map[string]string // "SY.02" -> "Lattakia"
	Admin2 map[string]string // "SY.02.123" -> "Jableh"
	Alt    map[string][]string
}

// LoadGeoNamesFile reads a GeoNames country file into g. Admin code files
// lying beside it (admin1CodesASCII.txt, admin2Codes.txt) are used when present,
// and alternateNamesV2.txt when alt is not empty. It returns how many places
// were added.
func (g *Gazetteer) LoadGeoNamesFile(path, alt string) (int, error) {
	gn := GeoNames{}
	dir := filepath.Dir(path)
	var err error
	if gn.Admin1, err = readCodes(filepath.Join(dir, "admin1CodesASCII.txt")); err != nil {
		return 0, err
	}
	if gn.Admin2, err = readCodes(filepath.Join(dir, "admin2Codes.txt")); err != nil {
		return 0, err
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if alt != "" {
		af, err := os.Open(alt)
		if err != nil {
			return 0, err
		}
		gn.Alt, err = ReadAlternateNames(af)
		af.Close()
		if err != nil {
			return 0, fmt.Errorf("%s: %w", alt, err)
		}
	}
	before := g.Len()
	err = gn.Read(f, func(p *Place) { g.Add(p) })
	if err != nil {
		return g.Len() - before, fmt.Errorf("%s: %w", path, err)
	}
	return g.Len() - before, nil
}

// readCodes reads an admin code file (code, name, ascii name, id); a missing
// file is not an error.
func readCodes(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		if len(p) >= 2 {
			m[p[0]] = p[1]
		}
	}
	return m, sc.Err()
}

// ReadAlternateNames reads alternateNamesV2.txt (or alternateNames.txt) and
// keeps the Arabic-script names per geonameid.
func ReadAlternateNames(r io.Reader) (map[string][]string, error) {
	out := map[string][]string{}
	br := bufio.NewReaderSize(r, 1<<16)
	for {
		line, err := br.ReadString('\n')
		if line != "" {
			f := strings.Split(strings.TrimRight(line, "\r\n"), "\t")
			if len(f) >= 4 && (f[2] == "ar" || f[2] == "" || f[2] == "arz" || f[2] == "apc") && hasArabic(f[3]) {
				out[f[1]] = append(out[f[1]], f[3])
			}
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
}

func hasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// Read parses a GeoNames dump, calling add for each place that has an
// Arabic name. A malformed row is an error naming its line.
func (gn GeoNames) Read(r io.Reader, add func(*Place)) error {
	br := bufio.NewReaderSize(r, 1<<16)
	for n := 1; ; n++ {
		line, err := br.ReadString('\n')
		if s := strings.TrimRight(line, "\r\n"); s != "" && !strings.HasPrefix(s, "#") {
			p, perr := gn.parse(s)
			if perr != nil {
				return fmt.Errorf("line %d: %w", n, perr)
			}
			if p != nil {
				add(p)
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func (gn GeoNames) parse(s string) (*Place, error) {
	f := strings.Split(s, "\t")
	if len(f) < 15 {
		return nil, fmt.Errorf("%d columns, want 19", len(f))
	}
	lat, err1 := strconv.ParseFloat(f[4], 64)
	lon, err2 := strconv.ParseFloat(f[5], 64)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("bad coordinates %q %q", f[4], f[5])
	}
	kind := geonamesKind(f[6], f[7], f[14])
	if kind == "" {
		return nil, nil
	}
	var names []string
	if hasArabic(f[1]) {
		names = append(names, f[1])
	}
	for _, a := range strings.Split(f[3], ",") {
		if hasArabic(a) {
			names = append(names, strings.TrimSpace(a))
		}
	}
	names = append(names, gn.Alt[f[0]]...)
	if len(names) == 0 {
		return nil, nil
	}
	cc := f[8]
	p := &Place{
		ID: "geonames:" + f[0], Name: names[0], Names: names[1:], NameEn: f[1], Kind: kind,
		Lat: lat, Lon: lon, Country: ISO3(cc), Source: "GeoNames",
	}
	if a1 := gn.Admin1[cc+"."+f[10]]; a1 != "" {
		p.Admin1 = CanonicalAdmin1(a1)
	}
	if a2 := gn.Admin2[cc+"."+f[10]+"."+f[11]]; a2 != "" {
		p.Admin2 = a2
	}
	return p, nil
}

// geonamesKind maps a GeoNames feature class and code to a raqib kind; ""
// leaves the row out.
func geonamesKind(class, code, population string) string {
	switch class {
	case "A":
		switch code {
		case "PCLI", "PCL", "PCLD", "PCLF", "PCLS":
			return "country"
		case "ADM1":
			return "governorate"
		case "ADM2":
			return "district"
		case "ADM3":
			return "subdistrict"
		}
		return ""
	case "P":
		switch code {
		case "PPLC", "PPLA":
			return "city"
		case "PPLA2", "PPLA3":
			return "town"
		case "PPLX":
			return "neighbourhood"
		case "PPLH", "PPLW":
			return ""
		}
		if pop, _ := strconv.Atoi(population); pop >= 100000 {
			return "city"
		} else if pop >= 10000 {
			return "town"
		}
		return "village"
	case "S":
		switch code {
		case "AIRB", "AIRP", "AIRF":
			return "airport"
		case "MILB", "INSM":
			return "base"
		case "PSTB":
			return "crossing"
		case "PRN":
			return "site"
		}
		return ""
	case "L":
		switch code {
		case "RGN", "AREA", "PLN", "VAL":
			return "region"
		case "CMPRF":
			return "camp"
		}
		return ""
	case "T":
		switch code {
		case "MT", "MTS", "PLAT":
			return "mountain"
		}
		return ""
	case "H":
		if code == "STM" {
			return "river"
		}
		return ""
	case "R":
		return "road"
	}
	return ""
}

var iso3 = map[string]string{
	"SY": "SYR", "TR": "TUR", "IQ": "IRQ", "LB": "LBN", "JO": "JOR", "IL": "ISR", "PS": "PSE", "RU": "RUS",
	"IR": "IRN", "US": "USA", "GB": "GBR", "FR": "FRA", "DE": "DEU", "EG": "EGY", "SA": "SAU", "AE": "ARE",
	"QA": "QAT", "KW": "KWT", "YE": "YEM", "LY": "LBY", "SD": "SDN", "KZ": "KAZ", "CH": "CHE", "BE": "BEL",
	"CN": "CHN", "UA": "UKR", "OM": "OMN", "BH": "BHR", "TN": "TUN", "DZ": "DZA", "MA": "MAR", "SO": "SOM",
	"AF": "AFG", "PK": "PAK", "AT": "AUT", "IT": "ITA", "ES": "ESP", "NL": "NLD", "ML": "MLI", "NG": "NGA",
}

// ISO3 maps an ISO 3166 alpha-2 code to alpha-3, leaving unknown codes as given.
func ISO3(cc string) string {
	if c, ok := iso3[cc]; ok {
		return c
	}
	return cc
}
