package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/raqib/raqib/internal/event"
)

func TestWindows(t *testing.T) {
	tests := []struct {
		name string
		text string
		size int
	}{
		{"lines", strings.Repeat("سطر من النص العربي\n", 50), 64},
		{"sentences without line breaks", strings.Repeat("جملة قصيرة. ", 60), 50},
		{"one long word", strings.Repeat("ب", 300), 31},
		{"shorter than a window", "نص قصير", 64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := windows(tt.text, tt.size)
			at := 0
			for _, w := range ws {
				if w[0] != at {
					t.Fatalf("window %v starts at %d; want %d (windows must tile the text)", w, w[0], at)
				}
				if w[1]-w[0] > tt.size || w[1] <= w[0] {
					t.Fatalf("window %v is %d bytes; want 1..%d", w, w[1]-w[0], tt.size)
				}
				if !utf8.ValidString(tt.text[w[0]:w[1]]) {
					t.Fatalf("window %v cuts a rune", w)
				}
				if strings.Contains(tt.text, "\n") && w[1] < len(tt.text) && tt.text[w[1]-1] != '\n' {
					t.Errorf("window %v does not end at a line break", w)
				}
				at = w[1]
			}
			if at != len(tt.text) {
				t.Fatalf("windows end at %d; want %d", at, len(tt.text))
			}
		})
	}
}

// A long article is read window by window: an event far into it is found,
// its evidence points at the right bytes of the whole text, and the same
// event told in several windows stays one event.
func TestExtractLongArticleInWindows(t *testing.T) {
	x := newTestExtractor(t)
	filler := strings.Repeat("وقال المتحدث إن الاجتماع تناول الأوضاع الاقتصادية والتعليمية في البلاد.\n", 2000)
	strike := "قصفت طائرات حربية روسية بلدة كفرنبل في ريف إدلب الجنوبي أمس.\n"
	text := filler + strike + filler + strike + filler
	if len(text) < 3*windowBytes {
		t.Fatalf("test text is %d bytes; want several windows", len(text))
	}
	a := event.Article{ID: "long", Published: "2020-01-02", Text: text}
	evs, err := x.Extract(a)
	if err != nil {
		t.Fatal(err)
	}
	var strikes []event.Event
	for _, e := range evs {
		for _, sp := range e.Evidence {
			if sp.Start < 0 || sp.End > len(text) || text[sp.Start:sp.End] != sp.Text {
				t.Fatalf("evidence %+v is not text[start:end]", sp)
			}
		}
		if e.EventType == "air_drone_strike" {
			strikes = append(strikes, e)
		}
	}
	if len(strikes) != 1 {
		t.Fatalf("got %d air strikes; want the two mentions as one event: %+v", len(strikes), strikes)
	}
	if n := len(strikes[0].Evidence); n != 2 {
		t.Errorf("the strike cites %d sentences; want 2 (one in each window)", n)
	}
	if strikes[0].Evidence[0].Start < len(filler) {
		t.Errorf("evidence starts at %d, inside the filler (ends at %d)", strikes[0].Evidence[0].Start, len(filler))
	}
}

func TestExtractContextStops(t *testing.T) {
	x := newTestExtractor(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	text := strings.Repeat("قصفت طائرات حربية روسية بلدة كفرنبل في ريف إدلب الجنوبي أمس.\n", 3000)
	_, err := x.ExtractContext(ctx, event.Article{ID: "c", Text: text})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("ExtractContext with a cancelled context: err = %v; want context.Canceled", err)
	}
}

// Punctuation and blank lines alone, however long, hold no event.
func TestExtractPunctuationOnly(t *testing.T) {
	x := newTestExtractor(t)
	text := strings.Repeat("!?.,;:-)(*&^%$#@ ... ,,, !!!\n", 10000)
	evs, err := x.Extract(event.Article{ID: "p", Text: text})
	if err != nil || len(evs) != 0 {
		t.Fatalf("Extract(punctuation) = %d events, %v; want none and no error", len(evs), err)
	}
}

func TestExplainShowsFramesAndScores(t *testing.T) {
	x := newTestExtractor(t)
	out := x.Explain(event.Article{ID: "e", Published: "2020-01-10", Text: "ولم يزر أي مسؤول البلاد منذ اغتيال رئيس الوزراء. وقع هجوم على كنيسة في مدينة طنطا أمس."})
	for _, want := range []string{"frame:anchor", "target \"كنيسة\" civilian", "classifier assault"} {
		if !strings.Contains(out, want) {
			t.Errorf("Explain output lacks %q:\n%s", want, out)
		}
	}
}

// --explain tells which rule left a place aside for an event word, and the
// events the article gave.
func TestExplainShowsDecisionsAndEvents(t *testing.T) {
	x := newTestExtractor(t)
	out := x.Explain(event.Article{ID: "e", Published: "2018-06-09",
		Text: "وكثف التنظيم أمس من هجماته ضد قوات النظام في مدينة البوكمال منذ طرده من أحياء في مدينة الميادين."})
	for _, want := range []string{
		`decided "هجماته" not at "مدينة الميادين": the place of what it answers, or of a since-clause`,
		"## events: 1",
		`armed_clash @ "مدينة البوكمال" 2018-06-08`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Explain output lacks %q:\n%s", want, out)
		}
	}
}
