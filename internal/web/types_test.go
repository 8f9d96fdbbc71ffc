package web

import (
	"strings"
	"testing"

	"github.com/raqib/raqib/internal/event"
)

func TestTypeLabelsEmbedded(t *testing.T) {
	labels, err := parseTypeLabels(typesTSV)
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Count(strings.TrimRight(typesTSV, "\n"), "\n")
	if len(labels) != rows || len(labels) != len(event.Types) {
		t.Fatalf("loaded %d labels from %d rows; SPEC has %d types", len(labels), rows, len(event.Types))
	}
	for _, l := range labels {
		t.Run(l.Code, func(t *testing.T) {
			if !strings.ContainsFunc(l.AR, func(r rune) bool { return r >= 0x0600 && r <= 0x06FF }) {
				t.Errorf("Arabic label %q has no Arabic letters", l.AR)
			}
			if (l.ACLED == nil) != (l.Code == "consult") {
				t.Errorf("ACLED class %+v for %s", l.ACLED, l.Code)
			}
		})
	}
}

func TestTypeLabelsBad(t *testing.T) {
	const header = "code\tar\ten\tcolor\tcomment\n"
	var all strings.Builder
	all.WriteString(header)
	for _, ty := range event.Types {
		all.WriteString(ty.Code + "\tعربي\tEnglish\t#123456\tc\n")
	}
	if _, err := parseTypeLabels(all.String()); err != nil {
		t.Fatalf("a complete table: %v", err)
	}
	tests := []struct{ name, tsv, want string }{
		{"bad header", "code\tlabel\n", "header"},
		{"unknown type", header + "picnic\tنزهة\tPicnic\t#123456\tc\n", "not a SPEC event type"},
		{"missing column", header + "attack\tاعتداء\tAttack\t#123456\n", "5 columns"},
		{"bad colour", header + "attack\tاعتداء\tAttack\tred\tc\n", "colour"},
		{"twice", header + "attack\tا\tA\t#123456\tc\nattack\tا\tA\t#123456\tc\n", "twice"},
		{"missing types", header + "attack\tا\tA\t#123456\tc\n", "no row for"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseTypeLabels(tt.tsv)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parseTypeLabels = %v; want an error about %q", err, tt.want)
			}
		})
	}
}

func TestSegments(t *testing.T) {
	text := "قصفت قوات النظام بلدة كنصفرة. وشنت طائرات غارات على البارة."
	span := func(sub string) event.Span {
		i := strings.Index(text, sub)
		return event.Span{Start: i, End: i + len(sub), Text: sub}
	}
	tests := []struct {
		name  string
		spans []event.Span
		marks []string
	}{
		{"one span", []event.Span{span("بلدة كنصفرة")}, []string{"بلدة كنصفرة"}},
		{"two apart, out of order", []event.Span{span("البارة"), span("قوات النظام")}, []string{"قوات النظام", "البارة"}},
		{"overlapping merge", []event.Span{span("قوات النظام بلدة"), span("بلدة كنصفرة")}, []string{"قوات النظام بلدة كنصفرة"}},
		{"whole text", []event.Span{span(text)}, []string{text}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs := segments(text, tt.spans)
			var whole strings.Builder
			var marks []string
			for _, s := range segs {
				whole.WriteString(s.Text)
				if s.Mark {
					marks = append(marks, s.Text)
				}
			}
			if whole.String() != text {
				t.Errorf("segments join to %q; want the text", whole.String())
			}
			if strings.Join(marks, "|") != strings.Join(tt.marks, "|") {
				t.Errorf("marks = %q; want %q", marks, tt.marks)
			}
			c := surrounding(text, tt.spans, 20)
			if text[c.Start:c.End] != c.Text {
				t.Errorf("context %+v is not text[start:end]", c)
			}
		})
	}
}

func TestValidSpans(t *testing.T) {
	text := "قصف على كنصفرة"
	tests := []struct {
		name  string
		spans []event.Span
		want  bool
	}{
		{"exact", []event.Span{{Start: 14, End: 26, Text: "كنصفرة"}}, true},
		{"wrong text", []event.Span{{Start: 14, End: 26, Text: "البارة"}}, false},
		{"past the end", []event.Span{{Start: 14, End: 99, Text: "كنصفرة"}}, false},
		{"negative", []event.Span{{Start: -1, End: 2, Text: "x"}}, false},
		{"none", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := validSpans(text, tt.spans); got != tt.want {
				t.Errorf("validSpans(%v) = %v; want %v", tt.spans, got, tt.want)
			}
		})
	}
}
