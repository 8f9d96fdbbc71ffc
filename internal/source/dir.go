package source

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/raqib/raqib/internal/event"
)

// dirReader reads every article file under a directory, recursively, in
// sorted path order. Files of other kinds are ignored; a file that cannot
// be opened is an item error.
type dirReader struct {
	root  string
	files []string // relative to root, slash-separated, sorted
	cur   Reader
	opt   Options
}

var _ Reader = (*dirReader)(nil)

// dirFormats are the extensions a directory walk reads.
func dirWanted(name string) bool {
	f, _ := formatByName(name)
	return f != formatUnknown
}

func openDir(root string, opt Options) (*dirReader, error) {
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && len(d.Name()) > 1 && d.Name()[0] == '.' {
				return filepath.SkipDir // .git and the like
			}
			return nil
		}
		if !d.Type().IsRegular() || !dirWanted(d.Name()) {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk %s: %w", root, err)
	}
	sort.Strings(files)
	return &dirReader{root: root, files: files, opt: opt}, nil
}

func (d *dirReader) Next(ctx context.Context) (Item, error) {
	for {
		if err := ctx.Err(); err != nil {
			return Item{}, err
		}
		if d.cur != nil {
			it, err := d.cur.Next(ctx)
			if err == nil {
				return it, nil
			}
			d.cur.Close()
			d.cur = nil
			if err != io.EOF {
				// Fatal for that file only: report it and go on.
				return Item{Origin: d.root, Err: err}, nil
			}
		}
		if len(d.files) == 0 {
			return Item{}, io.EOF
		}
		rel := d.files[0]
		d.files = d.files[1:]
		path := filepath.Join(d.root, filepath.FromSlash(rel))
		f, err := os.Open(path)
		if err != nil {
			return Item{Origin: path, Err: err}, nil
		}
		format, _ := formatByName(rel)
		r, err := openReader(ctx, path, rel, f, format, d.opt)
		if err != nil {
			return Item{Article: event.Article{ID: rel}, Origin: path, Err: err}, nil
		}
		d.cur = r
	}
}

func (d *dirReader) Close() error {
	if d.cur != nil {
		return d.cur.Close()
	}
	return nil
}
