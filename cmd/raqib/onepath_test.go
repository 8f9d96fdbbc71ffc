package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/extract"
	"github.com/raqib/raqib/internal/geo"
	"github.com/raqib/raqib/internal/web"
)

// onePathLines are JSONL lines that the CLI and the write API must accept
// or reject alike (issue: `{"id":7}` and "2020-13-45" were accepted by one
// and refused by the other). want is "ok" or a piece of the error.
var onePathLines = []struct {
	name, line, id, want string
}{
	{"good", `{"id": "op-1", "published": "2020-10-09", "url": "https://op.example/1", "text": "قصفت قوات النظام بلدة كنصفرة في ريف إدلب الجنوبي اليوم."}`, "op-1", "ok"},
	{"numeric id", `{"id": 7, "published": "2020-10-09", "text": "شنت طائرات حربية روسية غارات على بلدة البارة في جبل الزاوية."}`, "7", "ok"},
	{"month 13", `{"id": "op-2", "published": "2020-13-45", "text": "قصف على سرمين."}`, "op-2", `"published" "2020-13-45"`},
	{"NUL in text", `{"id": "op-3", "text": "قصف\u0000على سرمين"}`, "op-3", "NUL"},
	{"NUL in title", `{"id": "op-4", "title": "\u0000", "text": "قصف على سرمين"}`, "op-4", "NUL"},
	{"empty text", `{"id": "op-5", "text": "  "}`, "op-5", "empty text"},
	{"missing id", `{"text": "قصف على أريحا"}`, "", "missing id"},
	{"id an object", `{"id": {"a": 1}, "text": "قصف على أريحا"}`, "", "invalid id"},
	{"text a number", `{"id": "op-6", "text": 5}`, "op-6", "want a string"},
	{"not JSON", `{"id": "op-7", "text": `, "", "invalid JSON"},
	{"id too long", `{"id": "` + strings.Repeat("x", 2000) + `", "text": "قصف على أريحا"}`, "", "more than the 1024 allowed"},
	{"first of two versions", `{"id": "op-8a", "url": "https://op.example/8", "text": "قصفت قوات النظام بلدة سرمين."}`, "op-8a", "ok"},
	{"later version", `{"id": "op-8b", "url": "https://op.example/8#x", "text": "قصفت قوات النظام بلدة سرمين بالمدفعية الثقيلة."}`, "op-8b", "ok"},
}

// TestOnePathCLIAndAPI feeds the same lines to raqib ingest and to the
// write API, on both stores, and checks that both accept and reject the
// same ones and store the same articles (the later of two versions).
func TestOnePathCLIAndAPI(t *testing.T) {
	isolate(t)
	var body strings.Builder
	for _, l := range onePathLines {
		body.WriteString(l.line + "\n")
	}
	// One line with invalid UTF-8, written raw.
	body.WriteString("{\"id\": \"op-9\", \"text\": \"\xff\xfe\"}\n")
	gz, err := geo.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Options{Gazetteer: gz})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			// The CLI.
			cliDSN := b.dsn(t)
			in := filepath.Join(t.TempDir(), "lines.jsonl")
			if err := os.WriteFile(in, []byte(body.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			_, _, stderr := runRaqib(t, "", "ingest", "--db", cliDSN, in)
			cliRejected := map[int]string{}
			for _, l := range strings.Split(stderr, "\n") {
				var n int
				if i := strings.Index(l, "lines.jsonl:"); i >= 0 {
					if _, err := fmtSscan(l[i+len("lines.jsonl:"):], &n); err == nil {
						cliRejected[n] = l
					}
				}
			}
			// The write API, on a store of its own.
			apiDSN := b.dsn(t)
			apiStore := openTestStore(t, apiDSN)
			srv, err := web.New(web.Options{Store: apiStore, Extractor: x, Token: "t"})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(srv)
			defer ts.Close()
			req, _ := http.NewRequest("POST", ts.URL+"/api/v1/articles", strings.NewReader(body.String()))
			req.Header.Set("Authorization", "Bearer t")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var wr struct {
				Errors []struct {
					Line  int
					Error string
				}
			}
			json.NewDecoder(res.Body).Decode(&wr)
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Fatalf("POST = %d; want 200 (one bad record must not fail the batch)", res.StatusCode)
			}
			apiRejected := map[int]string{}
			for _, e := range wr.Errors {
				apiRejected[e.Line] = e.Error
			}

			for i, l := range onePathLines {
				line := i + 1
				t.Run(l.name, func(t *testing.T) {
					cliMsg, cliBad := cliRejected[line]
					apiMsg, apiBad := apiRejected[line]
					if l.want == "ok" {
						if cliBad || apiBad {
							t.Errorf("rejected (CLI %q, API %q); want accepted by both", cliMsg, apiMsg)
						}
						return
					}
					if !cliBad || !strings.Contains(cliMsg, l.want) {
						t.Errorf("CLI: %q; want a rejection containing %q", cliMsg, l.want)
					}
					if !apiBad || !strings.Contains(apiMsg, l.want) {
						t.Errorf("API: %q; want a rejection containing %q", apiMsg, l.want)
					}
				})
			}
			t.Run("invalid UTF-8", func(t *testing.T) {
				line := len(onePathLines) + 1
				if _, ok := cliRejected[line]; !ok {
					t.Errorf("CLI accepted invalid UTF-8")
				}
				if _, ok := apiRejected[line]; !ok {
					t.Errorf("API accepted invalid UTF-8")
				}
			})
			t.Run("same articles stored", func(t *testing.T) {
				cli, api := storedIDs(t, openTestStore(t, cliDSN)), storedIDs(t, apiStore)
				want := "7,op-1,op-8b"
				if cli != want || api != want {
					t.Errorf("stored: CLI %s, API %s; want %s (the later version of a URL wins)", cli, api, want)
				}
			})
		})
	}
}

func storedIDs(t *testing.T, s event.Store) string {
	t.Helper()
	page, err := s.Articles(context.Background(), event.ArticleFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range page.Articles {
		ids = append(ids, a.ID)
	}
	sort.Strings(ids)
	return strings.Join(ids, ",")
}

// fmtSscan reads the line number that starts s.
func fmtSscan(s string, n *int) (int, error) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		*n = *n*10 + int(s[i]-'0')
		i++
	}
	if i == 0 {
		return 0, os.ErrInvalid
	}
	return 1, nil
}
