package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/raqib/raqib/internal/geo"
)

// dataDir is where raqib keeps a user's own data (imported gazetteers):
// $RAQIB_DATA, else $XDG_DATA_HOME/raqib, else ~/.local/share/raqib.
func dataDir(e *env) string {
	if d := e.getenv("RAQIB_DATA"); d != "" {
		return d
	}
	if d := e.getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "raqib")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ".raqib"
	}
	return filepath.Join(home, ".local", "share", "raqib")
}

// loadGazetteer builds the gazetteer a command uses: the embedded places,
// then what "raqib gazetteer import" stored, then --gazetteer files and
// $RAQIB_GAZETTEER (GeoNames dumps or raqib TSV files).
func loadGazetteer(e *env, extra []string) (*geo.Gazetteer, error) {
	gz, err := geo.Embedded()
	if err != nil {
		return nil, err
	}
	imported, _ := filepath.Glob(filepath.Join(dataDir(e), "gazetteer", "*.tsv"))
	files := append([]string{}, imported...)
	if v := e.getenv("RAQIB_GAZETTEER"); v != "" {
		files = append(files, filepath.SplitList(v)...)
	}
	files = append(files, extra...)
	for _, f := range files {
		if _, err := addGazetteerFile(gz, f, ""); err != nil {
			return nil, fmt.Errorf("gazetteer %s: %w", f, err)
		}
	}
	return gz, nil
}

// addGazetteerFile loads a raqib TSV (recognised by its header) or a
// GeoNames dump.
func addGazetteerFile(gz *geo.Gazetteer, path, alt string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	first, _ := bufio.NewReader(f).ReadString('\n')
	f.Close()
	if strings.HasPrefix(first, "id\tname_ar\t") {
		f, err := os.Open(path)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		before := gz.Len()
		err = gz.ReadTSV(f)
		return gz.Len() - before, err
	}
	return gz.LoadGeoNamesFile(path, alt)
}

func runGazetteer(ctx context.Context, e *env, args []string) int {
	const usage = "usage: raqib gazetteer import [--alternate alternateNamesV2.txt] FILE…\n       raqib gazetteer lookup NAME…\n       raqib gazetteer stats"
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, usage)
		return exitUsage
	}
	if isHelp(args[0]) {
		fmt.Fprintln(e.stdout, usage)
		return exitOK
	}
	if len(args) > 1 && isHelp(args[1]) && args[0] != "import" {
		fmt.Fprintln(e.stdout, map[string]string{
			"lookup": "usage: raqib gazetteer lookup NAME…\nPrints the places each Arabic NAME may mean: id, name, kind, lat,lon, admin1/admin2, source.",
			"stats":  "usage: raqib gazetteer stats\nPrints how many places the gazetteer holds (embedded, imported and $RAQIB_GAZETTEER).",
		}[args[0]])
		return exitOK
	}
	switch args[0] {
	case "import":
		return gazetteerImport(e, args[1:])
	case "lookup":
		return gazetteerLookup(e, args[1:])
	case "stats":
		gz, err := loadGazetteer(e, nil)
		if err != nil {
			fmt.Fprintln(e.stderr, "raqib gazetteer:", err)
			return exitUsage
		}
		fmt.Fprintf(e.stdout, "%d places\n", gz.Len())
		return exitOK
	}
	fmt.Fprintf(e.stderr, "raqib gazetteer: unknown subcommand %q\n", args[0])
	return exitUsage
}

func gazetteerImport(e *env, args []string) int {
	fs := flag.NewFlagSet("gazetteer import", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	alt := fs.String("alternate", "", "GeoNames alternateNamesV2.txt with more (Arabic) names")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: raqib gazetteer import [--alternate alternateNamesV2.txt] FILE…")
		fmt.Fprintln(fs.Output(), "Keeps the places of a GeoNames dump that have an Arabic name, for every later run.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "usage: raqib gazetteer import [--alternate alternateNamesV2.txt] FILE…")
		return exitUsage
	}
	dir := filepath.Join(dataDir(e), "gazetteer")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(e.stderr, "raqib gazetteer import:", err)
		return exitUsage
	}
	for _, path := range fs.Args() {
		gz := geo.New()
		n, err := gz.LoadGeoNamesFile(path, *alt)
		if err != nil {
			fmt.Fprintln(e.stderr, "raqib gazetteer import:", err)
			return exitUsage
		}
		name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + ".tsv"
		out := filepath.Join(dir, name)
		f, err := os.Create(out)
		if err != nil {
			fmt.Fprintln(e.stderr, "raqib gazetteer import:", err)
			return exitUsage
		}
		err = geo.WriteTSV(f, gz.Places)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			fmt.Fprintln(e.stderr, "raqib gazetteer import:", err)
			return exitUsage
		}
		fmt.Fprintf(e.stdout, "imported %d places with Arabic names from %s into %s\n", n, path, out)
	}
	return exitOK
}

func gazetteerLookup(e *env, args []string) int {
	gz, err := loadGazetteer(e, nil)
	if err != nil {
		fmt.Fprintln(e.stderr, "raqib gazetteer:", err)
		return exitUsage
	}
	code := exitOK
	for _, name := range args {
		ps := gz.Lookup(name)
		if len(ps) == 0 {
			fmt.Fprintf(e.stdout, "%s: not found\n", name)
			code = exitPartial
			continue
		}
		for _, p := range ps {
			fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s\t%.4f,%.4f\t%s/%s\t%s\n", name, p.ID, p.Name, p.Kind, p.Lat, p.Lon, p.Admin1, p.Admin2, p.Source)
		}
	}
	return code
}
