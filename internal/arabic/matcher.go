package arabic

import (
	"sync"
	"sync/atomic"
)

// Matcher finds lexicon phrases in tokenised text. Phrases are stored by
// the Key of each word; text words are tried through their clitic
// Candidates, so one entry "غارة" finds "وبالغارات" and "غارتين".
type Matcher[T any] struct {
	root    *node[T]   // holds no value and no map: its children are first
	first   []*node[T] // the root's children by symbol, dense: the lookup of every reading of every word
	maxLen  int
	maxCost int  // the costliest candidate reading tried for a word; <0 for all
	names   bool // names take no future particle (Names)
	toponym bool // no preposition inside a name (Toponyms)
}

type node[T any] struct {
	next   map[uint32]*node[T] // by word key symbol
	values []T
}

// symbols numbers the word keys of every matcher's phrases, from 1: a
// document looks each candidate reading of its words up once (Doc.syms),
// and the matchers then walk their tries by number, and skip at once a
// reading that no phrase of any matcher holds (symbol 0), where each
// matcher hashed every reading of every word again.
var symbols = struct {
	mu  sync.RWMutex
	ids map[string]uint32
	n   atomic.Uint32 // len(ids): a document's numbering is current when it read as many
}{ids: map[string]uint32{}}

// symbolOf returns the number of word key w, numbering it if it is new.
func symbolOf(w string) uint32 {
	symbols.mu.Lock()
	defer symbols.mu.Unlock()
	id, ok := symbols.ids[w]
	if !ok {
		id = uint32(len(symbols.ids) + 1)
		symbols.ids[w] = id
		symbols.n.Store(id)
	}
	return id
}

// knownSymbol returns the number of word key w, 0 if no phrase holds it.
func knownSymbol(w string) uint32 {
	symbols.mu.RLock()
	defer symbols.mu.RUnlock()
	return symbols.ids[w]
}

// NewMatcher returns an empty matcher.
func NewMatcher[T any]() *Matcher[T] {
	return &Matcher[T]{root: &node[T]{}, maxCost: -1}
}

// MaxCost makes the matcher try only word readings costing at most c
// (see Candidate).
func (m *Matcher[T]) MaxCost(c int) *Matcher[T] {
	m.maxCost = c
	return m
}

// NoInflection makes the matcher try words as written and with proclitics
// only, not with enclitic pronouns or plural endings: names ("تنفي" is not
// "التنف", "كسرته" is not "كسرة") are not inflected like verbs and nouns.
func (m *Matcher[T]) NoInflection() *Matcher[T] {
	m.maxCost = 1
	return m
}

// Names makes the matcher one of names (places, actors, sources): no
// inflection, as NoInflection, and no reading through the future particle
// س, which only verbs take.
func (m *Matcher[T]) Names() *Matcher[T] {
	m.names = true
	return m.NoInflection()
}

// Toponyms makes the matcher one of place names: Names, and no word after
// the first read through a preposition ("التل بمدينة طرابلس" is not the
// village "تل مدينة"). Actor names keep it: "التحالف لدعم الشرعية" is
// "تحالف دعم الشرعية".
func (m *Matcher[T]) Toponyms() *Matcher[T] {
	m.toponym = true
	return m.Names()
}

// Add stores v under phrase. It reports false when the phrase has no words.
func (m *Matcher[T]) Add(phrase string, v T) bool {
	words := PhraseKeys(phrase)
	if len(words) == 0 {
		return false
	}
	n := m.root
	for _, w := range words {
		id := symbolOf(w)
		c := m.child(n, id)
		if c == nil {
			c = &node[T]{}
			switch {
			case n == m.root:
				if int(id) >= len(m.first) {
					m.first = append(m.first, make([]*node[T], int(id)+1-len(m.first))...)
				}
				m.first[id] = c
			case n.next == nil:
				n.next = map[uint32]*node[T]{id: c}
			default:
				n.next[id] = c
			}
		}
		n = c
	}
	n.values = append(n.values, v)
	if len(words) > m.maxLen {
		m.maxLen = len(words)
	}
	return true
}

// PhraseKeys returns the word keys of a lexicon phrase: its words and numbers,
// normalised, article stripped; punctuation is dropped.
func PhraseKeys(phrase string) []string {
	var out []string
	for _, t := range Tokenize(phrase) {
		if t.Kind != Punct {
			out = append(out, StripArticle(t.Norm))
		}
	}
	return out
}

// Match is one phrase found in a token slice: tokens [From, To).
type Match[T any] struct {
	From, To int
	Cost     int
	Values   []T
}

// Doc holds the tokens of a text with each token's candidates computed once,
// so several matchers can share the work.
type Doc struct {
	Text   string
	Tokens []Token
	Cands  [][]Candidate

	// the symbols of Cands (see symbols), token i's from symStart[i], as
	// numbered when symbols held symN keys
	syms     []uint32
	symStart []int32
	symN     uint32
}

// symbolsAt returns the symbols of the candidates of token i, numbering
// the document's readings first if phrases were added since (or never).
func (d *Doc) symbolsAt(i int) []uint32 {
	if n := symbols.n.Load(); d.symStart == nil || d.symN != n {
		d.number()
	}
	return d.syms[d.symStart[i]:d.symStart[i+1]]
}

func (d *Doc) number() {
	symbols.mu.RLock()
	defer symbols.mu.RUnlock()
	d.symN = uint32(len(symbols.ids))
	if d.symStart == nil {
		d.symStart = make([]int32, len(d.Cands)+1)
		total := 0
		for _, cs := range d.Cands {
			total += len(cs)
		}
		d.syms = make([]uint32, 0, total)
	}
	d.syms = d.syms[:0]
	for i, cs := range d.Cands {
		d.symStart[i] = int32(len(d.syms))
		for _, c := range cs {
			d.syms = append(d.syms, symbols.ids[c.Form])
		}
	}
	d.symStart[len(d.Cands)] = int32(len(d.syms))
}

// NewDoc tokenises text and computes candidates for every word.
func NewDoc(text string) *Doc {
	toks := Tokenize(text)
	d := &Doc{Text: text, Tokens: toks, Cands: make([][]Candidate, len(toks))}
	// every token's candidates in one slice (news: 1.5 a token on average)
	all := make([]Candidate, 0, 2*len(toks))
	for i, t := range toks {
		start := len(all)
		switch t.Kind {
		case Word:
			all = AppendCandidates(all, t.Norm)
		case Number:
			all = append(all, Candidate{Form: t.Norm})
		default:
			continue
		}
		d.Cands[i] = all[start:len(all):len(all)]
	}
	return d
}

// FindAll returns every match starting anywhere in tokens [from, to), the
// longest (then cheapest) at each start position, left to right; matches may
// overlap. Words after the first are tried as written and with clitics.
func (m *Matcher[T]) FindAll(d *Doc, from, to int) []Match[T] {
	var out []Match[T]
	for i := from; i < to; i++ {
		if best, ok := m.longestAt(d, i, to); ok {
			out = append(out, best)
		}
	}
	return out
}

// Find returns non-overlapping matches in tokens [from, to), choosing the
// longest match at the leftmost position first.
func (m *Matcher[T]) Find(d *Doc, from, to int) []Match[T] {
	var out []Match[T]
	for i := from; i < to; {
		if best, ok := m.longestAt(d, i, to); ok {
			out = append(out, best)
			i = best.To
			continue
		}
		i++
	}
	return out
}

// At returns the longest match starting exactly at token i.
func (m *Matcher[T]) At(d *Doc, i, to int) (Match[T], bool) {
	return m.longestAt(d, i, to)
}

func (m *Matcher[T]) longestAt(d *Doc, i, to int) (Match[T], bool) {
	var best Match[T]
	found := false
	// short marks a walk whose last word was read as a clitic and two
	// letters ("وأم" as و + أم): a name may go on from it ("وأم المياذن",
	// "وتل رفعت") but not end there.
	var walk func(n *node[T], j, cost int, short bool)
	walk = func(n *node[T], j, cost int, short bool) {
		if len(n.values) > 0 && !short {
			l := j - i
			if !found || l > best.To-best.From || (l == best.To-best.From && cost < best.Cost) {
				best = Match[T]{From: i, To: j, Cost: cost, Values: n.values}
				found = true
			}
		}
		if j >= to || (n != m.root && n.next == nil) || j-i >= m.maxLen {
			return
		}
		syms := d.symbolsAt(j)
		for k, c := range d.Cands[j] {
			if syms[k] == 0 {
				continue // in no phrase of any matcher
			}
			shortForm := false
			if m.maxCost >= 0 && c.Cost > 0 && runeLen(c.Form) < 3 {
				// names: a clitic leaves at least three letters ("فتح" is
				// not "التح"), unless the name goes on
				shortForm = true
			}
			if m.maxCost >= 0 && c.Cost > m.maxCost {
				continue // names: no inflection
			}
			if m.names && c.Verbal {
				continue // names take no future particle ("سالزبيري" is not س + "الزبيري")
			}
			if m.toponym && j > i && c.Prep {
				continue // a preposition begins a new phrase: "التل بمدينة" is not "تل مدينة"
			}
			if nx := m.child(n, syms[k]); nx != nil {
				walk(nx, j+1, cost+c.Cost, shortForm)
			}
		}
	}
	if i < len(d.Cands) && d.Cands[i] != nil {
		walk(m.root, i, 0, false)
	}
	return best, found
}

// Starts reports whether some phrase of the matcher begins with the word key
// form.
func (m *Matcher[T]) Starts(form string) bool {
	id := knownSymbol(form)
	return id != 0 && m.child(m.root, id) != nil
}

// child returns n's child under the word key symbol id, nil if none.
func (m *Matcher[T]) child(n *node[T], id uint32) *node[T] {
	if n == m.root {
		if int(id) < len(m.first) {
			return m.first[id]
		}
		return nil
	}
	return n.next[id]
}
