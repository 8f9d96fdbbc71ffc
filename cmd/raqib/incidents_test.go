package main

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
	"github.com/raqib/raqib/internal/export"
)

// articlesOneStrike are two outlets' reports of one strike and a third
// outlet's report of a strike elsewhere.
const articlesOneStrike = `{"id":"one-a","published":"2020-10-09","outlet":"شبكة أ","url":"https://a.example/1","text":"قصفت قوات النظام بالمدفعية الثقيلة بلدة كنصفرة في جبل الزاوية بريف إدلب الجنوبي اليوم الجمعة، ما أدى إلى مقتل ثلاثة مدنيين."}
{"id":"one-b","published":"2020-10-09","outlet":"وكالة ب","url":"https://b.example/2","text":"قال المرصد السوري لحقوق الإنسان إن قوات النظام قصفت بالمدفعية بلدة كنصفرة في ريف إدلب الجنوبي اليوم الجمعة وقتل أربعة مدنيين."}
{"id":"one-c","published":"2020-10-09","outlet":"موقع ج","url":"https://c.example/3","text":"شنت طائرات حربية روسية غارات جوية على مدينة الباب في ريف حلب الشمالي الشرقي اليوم الجمعة."}
`

// The ids raqib extract prints are the ids the store gives, and every
// stored event carries its incident, in export and in raqib incidents.
func TestIncidentsCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "raqib.db")
	code, out, stderr := runRaqib(t, articlesOneStrike, "extract", "-")
	if code != exitOK {
		t.Fatalf("extract: exit %d\n%s", code, stderr)
	}
	var extracted []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var e event.Event
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatal(err)
		}
		extracted = append(extracted, e.ID)
	}
	if code, _, stderr := runRaqib(t, articlesOneStrike, "ingest", "--db", db, "-"); code != exitOK {
		t.Fatalf("ingest: exit %d\n%s", code, stderr)
	}
	_, out, _ = runRaqib(t, "", "export", "--db", db, "--format", "jsonl")
	var stored []string
	incidentOf := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var e event.Event
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatal(err)
		}
		stored = append(stored, e.ID)
		if e.Incident == "" {
			t.Errorf("exported event %s has no incident", e.ID)
		}
		incidentOf[e.Doc] = e.Incident
	}
	slices.Sort(extracted)
	slices.Sort(stored)
	if len(extracted) == 0 || !slices.Equal(extracted, stored) {
		t.Errorf("extract ids %v; stored ids %v; want the same", extracted, stored)
	}
	if incidentOf["one-a"] == "" || incidentOf["one-a"] != incidentOf["one-b"] || incidentOf["one-a"] == incidentOf["one-c"] {
		t.Fatalf("incidents by article = %v; want one-a and one-b together, one-c apart", incidentOf)
	}

	t.Run("list", func(t *testing.T) {
		code, out, stderr := runRaqib(t, "", "incidents", "--db", db, "--min-reports", "2")
		if code != exitOK || !strings.Contains(out, incidentOf["one-a"]) || !strings.Contains(out, "2 reports, 2 articles") || strings.Contains(out, incidentOf["one-c"]) {
			t.Errorf("incidents --min-reports 2: exit %d\n%s%s", code, out, stderr)
		}
	})
	t.Run("show", func(t *testing.T) {
		code, out, stderr := runRaqib(t, "", "incidents", "show", "--db", db, incidentOf["one-a"])
		if code != exitOK || !strings.Contains(out, "شبكة أ") || !strings.Contains(out, "وكالة ب") || !strings.Contains(out, "linked to") {
			t.Errorf("incidents show: exit %d\n%s%s", code, out, stderr)
		}
		if code, _, _ := runRaqib(t, "", "incidents", "show", "--db", db, "i-nothing"); code != exitPartial {
			t.Errorf("incidents show of a missing id: exit %d; want %d", code, exitPartial)
		}
	})
	t.Run("acled-csv per incident", func(t *testing.T) {
		code, out, stderr := runRaqib(t, "", "export", "--db", db, "--format", "acled-csv", "--incidents")
		if code != exitOK {
			t.Fatalf("export --incidents: exit %d\n%s", code, stderr)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 || !slices.Equal(rows[0], export.ACLEDHeader) {
			t.Fatalf("rows = %d (header %v); want the header and two incidents", len(rows), rows[0])
		}
		src := slices.Index(export.ACLEDHeader, "source")
		notes := slices.Index(export.ACLEDHeader, "notes")
		found := false
		for _, r := range rows[1:] {
			if strings.Contains(r[src], "شبكة أ") && strings.Contains(r[src], "وكالة ب") && strings.Contains(r[notes], "2 reports") {
				found = true
			}
		}
		if !found {
			t.Errorf("no row joins both outlets' reports: %v", rows[1:])
		}
	})
}
