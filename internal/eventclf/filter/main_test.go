package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	event := `{"doc":"a","event_type":"suicide_bomb","evidence":[{"text":"قتل خمسة أشخاص وأصيب عشرون آخرون أمس في انفجار سيارة مفخخة قرب سوق في مدينة الموصل."}]}`
	metaphor := `{"doc":"b","event_type":"attack","evidence":[{"text":"ويرى الكاتب أن الحكومة تشن هجوما على الحريات العامة في البلاد."}]}`
	other := `{"doc":"c","event_type":"consult","evidence":[{"text":"ويرى الكاتب أن الحكومة تشن هجوما على الحريات العامة في البلاد."}]}`
	bad := `{"doc":`
	tests := []struct {
		name string
		args []string
		in   string
		want []string
	}{
		{"model thresholds", nil, strings.Join([]string{event, metaphor, other}, "\n"), []string{event, other}},
		{"threshold 0 keeps all", []string{"-assault", "0"}, strings.Join([]string{event, metaphor}, "\n"), []string{event, metaphor}},
		{"threshold above 1 drops every assault", []string{"-assault", "1.1"}, strings.Join([]string{event, other}, "\n"), []string{other}},
		{"bad line kept and reported", nil, bad + "\n" + metaphor, []string{bad}},
		{"only the listed types filtered", []string{"-types", "suicide_bomb"}, strings.Join([]string{event, metaphor}, "\n"), []string{event, metaphor}},
		{"gated types", []string{"-types", "gated"}, strings.Join([]string{event, metaphor, other}, "\n"), []string{event, other}},
		{"listed type filtered", []string{"-types", "attack,suicide_bomb"}, strings.Join([]string{event, metaphor}, "\n"), []string{event}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if err := run(context.Background(), tt.args, strings.NewReader(tt.in), &out, &errb); err != nil {
				t.Fatalf("run: %v", err)
			}
			got := strings.Split(strings.TrimSpace(out.String()), "\n")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("run(%q) kept\n%s\nwant\n%s", tt.args, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if !strings.Contains(errb.String(), "kept") {
				t.Errorf("stderr %q: want a kept/dropped count", errb.String())
			}
		})
	}
}
