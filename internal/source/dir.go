package source

import (
	"context"
	"errors"
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
// be opened is an item error. Symbolic links are followed, to files and to
// directories, with loop protection: a link back into a directory already
// being walked, or a broken link, is an item error, never silently skipped.
type dirReader struct {
	root     string
	files    []string // relative to root, slash-separated, sorted
	problems map[string]error
	cur      Reader
	opt      Options
}

var _ Reader = (*dirReader)(nil)

// dirFormats are the extensions a directory walk reads.
func dirWanted(name string) bool {
	f, _ := formatByName(name)
	return f != formatUnknown
}

// maxDirFiles bounds the files one directory walk lists (a link farm must
// not exhaust memory).
const maxDirFiles = 1 << 20

func openDir(root string, opt Options) (*dirReader, error) {
	d := &dirReader{root: root, opt: opt, problems: map[string]error{}}
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, fmt.Errorf("walk %s: %w", root, err)
	}
	if err := d.walk(real, "", map[string]bool{}); err != nil {
		return nil, fmt.Errorf("walk %s: %w", root, err)
	}
	sort.Strings(d.files)
	if len(d.files) == 0 {
		d.problems["."] = fmt.Errorf("%w: no article files (.jsonl, .txt, .html, .xml, .warc…) in the directory", ErrEmptyInput)
		d.files = []string{"."}
	}
	return d, nil
}

// walk lists the files of the real directory dir, named rel under the
// root. onPath holds the real paths of the directories being walked, so
// that a link to one of them is a loop.
func (d *dirReader) walk(dir, rel string, onPath map[string]bool) error {
	onPath[dir] = true
	defer delete(onPath, dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		if rel == "" {
			return err
		}
		d.problems[rel] = fmt.Errorf("read directory: %w", err)
		d.files = append(d.files, rel)
		return nil
	}
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, name)
		r := name
		if rel != "" {
			r = rel + "/" + name
		}
		if len(d.files) >= maxDirFiles {
			return fmt.Errorf("more than %d files", maxDirFiles)
		}
		t := e.Type()
		if t&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(path)
			if err != nil {
				if dirWanted(name) {
					d.problems[r] = fmt.Errorf("broken symbolic link: %w", err)
					d.files = append(d.files, r)
				}
				continue
			}
			fi, err := os.Stat(target)
			if err != nil {
				d.problems[r] = fmt.Errorf("symbolic link: %w", err)
				d.files = append(d.files, r)
				continue
			}
			switch {
			case fi.IsDir() && onPath[target]:
				d.problems[r] = fmt.Errorf("symbolic link loop: %s leads back to %s, not read again", r, target)
				d.files = append(d.files, r)
			case fi.IsDir():
				if err := d.walk(target, r, onPath); err != nil {
					return err
				}
			case fi.Mode().IsRegular() && dirWanted(name):
				d.files = append(d.files, r)
			case dirWanted(name):
				d.problems[r] = errors.New("not a regular file")
				d.files = append(d.files, r)
			}
			continue
		}
		switch {
		case e.IsDir():
			if len(name) > 1 && name[0] == '.' {
				continue // .git and the like
			}
			if err := d.walk(path, r, onPath); err != nil {
				return err
			}
		case t.IsRegular() && dirWanted(name):
			d.files = append(d.files, r)
		}
	}
	return nil
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
		if err := d.problems[rel]; err != nil {
			return Item{Article: event.Article{ID: rel}, Origin: path, Err: err}, nil
		}
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
