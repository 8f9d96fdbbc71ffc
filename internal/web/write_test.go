package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/web"
)

type writeResult struct {
	Created []struct {
		Line   int
		ID     string
		Key    string
		Status string
		Events []struct {
			ID        string `json:"id"`
			EventType string `json:"event_type"`
		}
	}
	Errors []struct {
		Line  int
		ID    string
		Error string
	}
}

func post(t *testing.T, url, token, body string) (int, writeResult) {
	t.Helper()
	req, err := http.NewRequest("POST", url+"/api/v1/articles", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var wr writeResult
	json.NewDecoder(res.Body).Decode(&wr)
	return res.StatusCode, wr
}

func TestWriteAPIRefusals(t *testing.T) {
	good := `{"id": "w-1", "published": "2024-04-01", "text": "قصفت قوات النظام بلدة كنصفرة"}`
	tests := []struct {
		name        string
		serverToken string
		sendToken   string
		body        string
		want        int
	}{
		{"off without a token", "", "anything", good, http.StatusForbidden},
		{"no token sent", "s3cret", "", good, http.StatusUnauthorized},
		{"wrong token", "s3cret", "s3cre", good, http.StatusUnauthorized},
		{"over the size cap", "s3cret", "s3cret", `{"id": "big", "text": "` + strings.Repeat("ا", 600) + `"}`, http.StatusRequestEntityTooLarge},
		{"empty body", "s3cret", "s3cret", "\n\n", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t)
			ts := newServer(t, web.Options{Store: fx.store, Extractor: fakeExtractor{}, Token: tt.serverToken, MaxBody: 1000})
			code, _ := post(t, ts.URL, tt.sendToken, tt.body)
			if code != tt.want {
				t.Errorf("POST = %d; want %d", code, tt.want)
			}
			if _, err := fx.store.Article(context.Background(), "w-1"); err == nil && tt.want != http.StatusOK {
				t.Errorf("a refused request stored its article")
			}
		})
	}
}

func TestWriteAPIStores(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		want       int
		stored     []string // article ids
		badLines   []int
		eventTypes int // events created in all
	}{
		{
			name: "JSON lines with bad lines among good",
			body: `{"id": "w-1", "published": "2024-04-01", "title": "قصف", "text": "قصفت قوات النظام بلدة كنصفرة صباح اليوم"}` + "\n" +
				`{"id": "w-2", "text": ` + "\n" +
				`{"published": "2024-04-02", "text": "نص بلا معرّف"}` + "\n" +
				"\n" +
				`{"id": "w-3", "published": "2024-04-02", "text": "سقطت قذائف على سرمين"}` + "\n" +
				`{"id": "w-4", "published": "02/04/2024", "text": "تاريخ بصيغة خاطئة"}` + "\n",
			want: http.StatusOK, stored: []string{"w-1", "w-3"}, badLines: []int{2, 3, 6}, eventTypes: 2,
		},
		{
			name: "one pretty-printed object",
			body: "{\n  \"id\": \"w-9\",\n  \"published\": \"2024-04-05\",\n  \"text\": \"قصف على كنصفرة وسرمين\"\n}\n",
			want: http.StatusOK, stored: []string{"w-9"}, eventTypes: 2,
		},
		{
			name: "a JSON array",
			body: `[{"id": "w-5", "text": "هدوء حذر في المدينة"}, {"id": "", "text": "x"}]`,
			want: http.StatusOK, stored: []string{"w-5"}, badLines: []int{2},
		},
		{
			name: "every line bad",
			body: "not json\n{\"id\": \"w-6\"}\n",
			want: http.StatusBadRequest, badLines: []int{1, 2},
		},
		{
			name: "extractor refuses the text",
			body: `{"id": "w-7", "text": "نص\u0000ثنائي"}` + "\n" + `{"id": "w-8", "text": "سرمين"}`,
			want: http.StatusOK, stored: []string{"w-8"}, badLines: []int{1}, eventTypes: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t)
			ts := newServer(t, web.Options{Store: fx.store, Extractor: fakeExtractor{}, Token: "s3cret"})
			code, wr := post(t, ts.URL, "s3cret", tt.body)
			if code != tt.want {
				t.Fatalf("POST = %d; want %d (%+v)", code, tt.want, wr)
			}
			var ids []string
			events := 0
			for _, c := range wr.Created {
				ids = append(ids, c.ID)
				if c.Status != "new" {
					t.Errorf("article %s status %q; want new", c.ID, c.Status)
				}
				for _, e := range c.Events {
					events++
					se, err := fx.store.Event(context.Background(), e.ID)
					if err != nil || se.EventType != e.EventType || se.Doc != c.ID {
						t.Errorf("created event %s: store has %s of %s, %v", e.ID, se.EventType, se.Doc, err)
					}
				}
			}
			if strings.Join(ids, ",") != strings.Join(tt.stored, ",") {
				t.Errorf("created %v; want %v", ids, tt.stored)
			}
			if events != tt.eventTypes {
				t.Errorf("created %d events; want %d", events, tt.eventTypes)
			}
			var lines []int
			for _, e := range wr.Errors {
				lines = append(lines, e.Line)
				if e.Error == "" {
					t.Errorf("line %d: empty error", e.Line)
				}
			}
			if len(lines) != len(tt.badLines) {
				t.Errorf("errors on lines %v; want %v", lines, tt.badLines)
			} else {
				for i := range lines {
					if lines[i] != tt.badLines[i] {
						t.Errorf("errors on lines %v; want %v", lines, tt.badLines)
						break
					}
				}
			}
			for _, id := range tt.stored {
				if _, err := fx.store.Article(context.Background(), id); err != nil {
					t.Errorf("article %s not stored: %v", id, err)
				}
			}
			if len(tt.badLines) > 0 && tt.want == http.StatusOK {
				errs, err := fx.store.Errors(context.Background(), 100)
				if err != nil || len(errs) != len(tt.badLines) {
					t.Errorf("store recorded %d ingest errors (%v); want %d", len(errs), err, len(tt.badLines))
				}
			}
			// Posting the same body again changes nothing.
			if tt.want == http.StatusOK {
				_, again := post(t, ts.URL, "s3cret", tt.body)
				for _, c := range again.Created {
					if c.Status != "unchanged" {
						t.Errorf("second post: %s is %q; want unchanged", c.ID, c.Status)
					}
				}
			}
		})
	}
}
