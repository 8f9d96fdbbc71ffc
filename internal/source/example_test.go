package source_test

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/raqib/raqib/internal/source"
)

func ExampleOpen() {
	ctx := context.Background()
	r, err := source.Open(ctx, "testdata/broken.bad.jsonl", source.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	for {
		it, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Println("fatal:", err)
			return
		}
		if it.Err != nil {
			fmt.Println("skip:", it.Err)
			continue
		}
		fmt.Println("article:", it.Article.ID)
	}
	// Output:
	// article: b-001
	// skip: line 2: invalid JSON at byte 40: unexpected end of JSON input
	// skip: line 3: invalid UTF-8
	// skip: line 4: missing id
	// skip: line 5 (id b-005): missing text
	// skip: line 6 (id b-006): empty text
	// skip: line 7: invalid JSON: a line must be an object, not a JSON array
	// skip: line 9: invalid id: {"nested": 1} is not a string or a number
	// skip: line 10 (id b-010): field text: JSON number, want a string
	// skip: line 11: missing id
	// article: b-012
}
