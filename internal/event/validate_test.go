package event_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
)

func TestArticleValidate(t *testing.T) {
	ok := event.Article{ID: "a-1", Published: "2020-09-20", Text: "قصفت قوات النظام قرية كنصفرة."}
	tests := []struct {
		name    string
		edit    func(a *event.Article)
		wantErr string // "" for a valid article
	}{
		{"valid", func(a *event.Article) {}, ""},
		{"published with a time", func(a *event.Article) { a.Published = "2020-09-20T10:00:00Z" }, ""},
		{"no published", func(a *event.Article) { a.Published = "" }, ""},
		{"NUL in text", func(a *event.Article) { a.Text = "قصف\x00" }, `"text" holds a NUL byte`},
		{"NUL in id", func(a *event.Article) { a.ID = "a\x00" }, `"id" holds a NUL byte`},
		{"NUL in title", func(a *event.Article) { a.Title = "\x00" }, `"title" holds a NUL byte`},
		{"invalid UTF-8", func(a *event.Article) { a.Text = "abc\xff" }, `"text" is not valid UTF-8`},
		{"empty text", func(a *event.Article) { a.Text = " \n\t" }, `"text" is empty`},
		{"empty id", func(a *event.Article) { a.ID = "  " }, `"id" is required`},
		{"month 13", func(a *event.Article) { a.Published = "2020-13-45" }, `"published" "2020-13-45"`},
		{"not a date", func(a *event.Article) { a.Published = "yesterday" }, `"published" "yesterday"`},
		{"bad time", func(a *event.Article) { a.Published = "2020-01-01 garbage" }, `RFC 3339`},
		{"id too long", func(a *event.Article) { a.ID = strings.Repeat("x", event.MaxIDBytes+1) }, `"id" is 1025 bytes`},
		{"url too long", func(a *event.Article) { a.URL = "https://x.example/" + strings.Repeat("x", event.MaxURLBytes) }, `"url" is`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ok
			tt.edit(&a)
			err := a.Validate()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Validate() = %v; want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Validate() = %v; want an error containing %q", err, tt.wantErr)
			}
			if !errors.Is(err, event.ErrInvalid) {
				t.Errorf("Validate() = %v; want it to wrap ErrInvalid", err)
			}
		})
	}
}

func TestContentHashFoldsSpace(t *testing.T) {
	texts := []string{"", "a", " a  b\n\tc ", "قصف\u00a0على  كنصفرة\u2003اليوم", "\u0085x\u2028y ", strings.Repeat("كلمة  ", 3000)}
	for _, s := range texts {
		sum := sha256.Sum256([]byte(strings.Join(strings.Fields(s), " ")))
		want := hex.EncodeToString(sum[:])
		if got := event.ContentHash(event.Article{Text: s}); got != want {
			t.Errorf("ContentHash(%.20q) = %s; want the hash of its fields joined by one space, %s", s, got, want)
		}
	}
}

// Extraction without storing reads a stray NUL in a text; storing never does.
func TestValidateForExtraction(t *testing.T) {
	a := event.Article{ID: "n", Text: "قصف\x00على سرمين"}
	if err := a.Validate(); err == nil {
		t.Error("Validate accepted a NUL in the text; a store cannot keep it")
	}
	if err := a.ValidateForExtraction(); err != nil {
		t.Errorf("ValidateForExtraction: %v; want the text read", err)
	}
	b := event.Article{ID: "n\x00", Text: "قصف على سرمين"}
	if err := b.ValidateForExtraction(); err == nil {
		t.Error("ValidateForExtraction accepted a NUL in the id")
	}
}
