package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/web"
)

type openAPIDoc struct {
	OpenAPI string `json:"openapi"`
	Paths   map[string]map[string]struct {
		OperationID string `json:"operationId"`
		Parameters  []struct {
			Ref  string `json:"$ref"`
			Name string `json:"name"`
			In   string `json:"in"`
		} `json:"parameters"`
		Responses map[string]json.RawMessage `json:"responses"`
	} `json:"paths"`
	Components struct {
		Parameters map[string]struct {
			Name string `json:"name"`
		} `json:"parameters"`
		Schemas map[string]struct {
			Required []string `json:"required"`
		} `json:"schemas"`
	} `json:"components"`
}

var pathWildcard = regexp.MustCompile(`\{([a-z]+)(\.\.\.)?\}`)

// TestOpenAPI keeps openapi.json true: every route the server registers is
// documented with its method, every documented operation is served, and
// each documented GET answers 200 on the fixture with the fields the
// document says are required.
func TestOpenAPI(t *testing.T) {
	fx := newFixture(t)
	ts := newServer(t, web.Options{Store: fx.store})
	res, err := http.Get(ts.URL + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	var doc openAPIDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi = %q; want 3.x", doc.OpenAPI)
	}
	served := map[string]bool{}
	for _, r := range web.Routes() {
		p := pathWildcard.ReplaceAllString(r.Path, "{$1}")
		served[strings.ToLower(r.Method)+" "+p] = true
		t.Run("documented "+r.Method+" "+r.Path, func(t *testing.T) {
			if _, ok := doc.Paths[p][strings.ToLower(r.Method)]; !ok {
				t.Errorf("%s %s is served but not in openapi.json", r.Method, p)
			}
		})
	}
	eventID := fx.events()[0].ID
	for path, ops := range doc.Paths {
		for method, op := range ops {
			t.Run("served "+method+" "+path, func(t *testing.T) {
				if !served[method+" "+path] {
					t.Fatalf("%s %s is in openapi.json but not served", method, path)
				}
				if op.OperationID == "" || op.Responses["200"] == nil {
					t.Errorf("%s %s: want an operationId and a 200 response", method, path)
				}
				for _, p := range op.Parameters {
					if p.Ref != "" {
						name := strings.TrimPrefix(p.Ref, "#/components/parameters/")
						if _, ok := doc.Components.Parameters[name]; !ok {
							t.Errorf("%s %s: parameter %s is not defined", method, path, p.Ref)
						}
					}
				}
				if method != "get" {
					return
				}
				url := strings.ReplaceAll(path, "{id}", eventID)
				if strings.HasPrefix(path, "/api/v1/articles/") {
					url = strings.ReplaceAll(path, "{id}", "t-aleppo")
				}
				if path == "/api/v1/search" {
					url += "?q=" + "قصف"
				}
				res, err := http.Get(ts.URL + url)
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				if res.StatusCode != http.StatusOK {
					t.Fatalf("GET %s = %d", url, res.StatusCode)
				}
				var resp struct {
					Content map[string]struct {
						Schema struct {
							Ref string `json:"$ref"`
						} `json:"schema"`
					} `json:"content"`
				}
				json.Unmarshal(op.Responses["200"], &resp)
				for ctype, c := range resp.Content {
					if !strings.HasPrefix(res.Header.Get("Content-Type"), ctype) {
						t.Errorf("GET %s: Content-Type %q; documented %q", url, res.Header.Get("Content-Type"), ctype)
					}
					if c.Schema.Ref == "" {
						continue
					}
					schema := doc.Components.Schemas[strings.TrimPrefix(c.Schema.Ref, "#/components/schemas/")]
					var body map[string]json.RawMessage
					if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
						t.Fatalf("GET %s: %v", url, err)
					}
					for _, req := range schema.Required {
						if _, ok := body[req]; !ok {
							t.Errorf("GET %s: no %q, which %s requires", url, req, c.Schema.Ref)
						}
					}
				}
			})
		}
	}
}

// TestFilterParametersDocumented checks that every query parameter the
// filter reads is listed in the document's components.
func TestFilterParametersDocumented(t *testing.T) {
	b, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc openAPIDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range doc.Components.Parameters {
		names = append(names, p.Name)
	}
	for _, want := range web.FilterParams() {
		t.Run(want, func(t *testing.T) {
			if !slices.Contains(names, want) {
				t.Errorf("filter parameter %q is not documented", want)
			}
		})
	}
}
