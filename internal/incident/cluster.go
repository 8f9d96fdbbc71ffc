package incident

import (
	"sort"
	"strconv"
	"strings"

	"github.com/raqib/raqib/internal/event"
)

// IDPrefix starts every incident id.
const IDPrefix = "i-"

// edge is a link between two reports (indexes into the reports).
type edge struct {
	a, b     int
	sameType bool
	why      []string
	rank     [3]float64 // lower is a better match: type, date, distance
}

// rank orders the links of a report into one other article.
func rank(a, b *feat, same bool) [3]float64 {
	var r [3]float64
	if !same {
		r[0] = 1
	}
	switch {
	case a.kind == dateExact && b.kind == dateExact:
	case a.kind == dateCoarse || b.kind == dateCoarse:
		r[1] = 2
	default:
		r[1] = 1
	}
	if a.gz == "" || a.gz != b.gz {
		r[2] = event.DistanceKm(a.lat, a.lon, b.lat, b.lon)
	}
	return r
}

// better: e is a better match than f; ties go to the smaller event ids.
func better(e, f *edge, fs []feat) bool {
	if e.rank != f.rank {
		for i := range e.rank {
			if e.rank[i] != f.rank[i] {
				return e.rank[i] < f.rank[i]
			}
		}
	}
	ea, eb := minmax(fs[e.a].id, fs[e.b].id)
	fa, fb := minmax(fs[f.a].id, fs[f.b].id)
	if ea != fa {
		return ea < fa
	}
	return eb < fb
}

func minmax(a, b string) (string, string) {
	if a < b {
		return a, b
	}
	return b, a
}

// Cluster partitions reports into incidents and sums each up. The
// partition is the connected components of the link relation over the
// reports given, so it does not depend on their order; every report is in
// exactly one incident (a report that links to nothing is an incident of
// its own). Incidents are returned in the order of their ids.
func (r *Rules) Cluster(reports []event.Report) []event.Incident {
	out, _ := r.cluster(reports, nil)
	return out
}

// Moved is a report whose incident or link a relinking changed.
type Moved struct {
	ID       string
	Incident string
	Link     *event.Link
}

// cluster forms incidents. With fresh nil it links every pair of reports
// and walks the links from each founder to say why each report joined.
// Otherwise only the fresh reports are new: the others come as whole
// stored incidents (their Incident set), which stay connected, so only
// links that touch a fresh report are looked for, and the stored reports
// keep the link they joined by. It returns the reports whose incident or
// link changed.
func (r *Rules) cluster(reports []event.Report, fresh []bool) ([]event.Incident, []Moved) {
	fs := make([]feat, len(reports))
	ok := make([]bool, len(reports))
	byCell := map[int64][]int{}
	for i := range reports {
		fs[i], ok[i] = r.features(i, &reports[i])
		if ok[i] {
			byCell[fs[i].cell] = append(byCell[fs[i].cell], i)
		}
	}
	var edges []edge
	for i := range fs {
		if !ok[i] || (fresh != nil && !fresh[i]) {
			continue
		}
		a := &fs[i]
		for _, c := range Neighbours(a.cell) {
			for _, j := range byCell[c] {
				b := &fs[j]
				// each pair once: from its lower index, or from its fresh end
				if (j <= i && (fresh == nil || fresh[j])) || a.art == b.art || a.hi < b.lo || b.hi < a.lo {
					continue // (every link needs the two windows to overlap)
				}
				linked, same, _ := r.compatible(a, b, false)
				if !linked {
					continue
				}
				edges = append(edges, edge{a: i, b: j, sameType: same, rank: rank(a, b, same)})
			}
		}
	}
	// An article tells each occurrence once (SPEC §2: one event per type,
	// place and day), so a report is linked to at most one report of
	// another article: the best match, when it is the best match the other
	// way too. The article's other reports it resembles are other acts.
	// (Every link between two articles is among the edges: when one of
	// them is fresh, all its links are.)
	type end struct {
		report int
		art    string
	}
	best := make(map[end]int, len(edges)) // a report and another article → its best edge there
	for k := range edges {
		e := &edges[k]
		for _, x := range [2]end{{e.a, fs[e.b].art}, {e.b, fs[e.a].art}} {
			if cur, ok := best[x]; !ok || better(e, &edges[cur], fs) {
				best[x] = k
			}
		}
	}
	var kept []edge
	for k, e := range edges {
		if best[end{e.a, fs[e.b].art}] == k && best[end{e.b, fs[e.a].art}] == k {
			_, _, e.why = r.compatible(&fs[e.a], &fs[e.b], true)
			kept = append(kept, e)
		}
	}
	parent := make([]int, len(reports))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	union := func(a, b int) {
		if ra, rb := find(a), find(b); ra != rb {
			parent[ra] = rb
		}
	}
	if fresh != nil {
		first := map[string]int{}
		for i := range reports {
			if inc := reports[i].Incident; !fresh[i] && inc != "" {
				if f, ok := first[inc]; ok {
					union(i, f)
				} else {
					first[inc] = i
				}
			}
		}
	}
	adj := map[int][]edge{}
	for _, e := range kept {
		union(e.a, e.b)
		adj[e.a] = append(adj[e.a], e)
		adj[e.b] = append(adj[e.b], e)
	}
	groups := map[int][]int{}
	for i := range reports {
		groups[find(i)] = append(groups[find(i)], i)
	}
	out := make([]event.Incident, 0, len(groups))
	var moved []Moved
	for _, members := range groups {
		sort.Slice(members, func(x, y int) bool { return before(&reports[members[x]], &reports[members[y]]) })
		var links map[int]*event.Link
		if fresh == nil {
			links = walk(reports, members, adj)
		} else {
			links = extend(reports, members, adj, fresh)
		}
		inc := summarize(reports, members, links, r.parties)
		for k, m := range members {
			old := &reports[m]
			if old.Incident != inc.ID || !sameLink(old.Link, inc.Reports[k].Link) {
				moved = append(moved, Moved{ID: old.ID, Incident: inc.ID, Link: inc.Reports[k].Link})
			}
		}
		out = append(out, inc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	sort.Slice(moved, func(i, j int) bool { return moved[i].ID < moved[j].ID })
	return out, moved
}

func sameLink(a, b *event.Link) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.To == b.To && strings.Join(a.Because, "\x00") == strings.Join(b.Because, "\x00")
}

// walk says how each report joined: a breadth-first walk from the founder
// over the links, earliest reports first.
func walk(all []event.Report, members []int, adj map[int][]edge) map[int]*event.Link {
	rank := map[int]int{}
	for k, m := range members {
		rank[m] = k
	}
	links := map[int]*event.Link{}
	seen := map[int]bool{members[0]: true}
	queue := []int{members[0]}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		es := adj[x]
		sort.Slice(es, func(i, j int) bool { return rank[other(es[i], x)] < rank[other(es[j], x)] })
		for _, e := range es {
			y := other(e, x)
			if _, in := rank[y]; seen[y] || !in {
				continue
			}
			seen[y] = true
			links[y] = &event.Link{To: all[x].ID, Because: e.why}
			queue = append(queue, y)
		}
	}
	return links
}

// extend keeps the links stored reports joined by and finds the fresh
// reports': each joins by its link to the earliest report it matched. A
// stored incident's founder that a fresh report bridged to an earlier
// incident joins by that bridge.
func extend(all []event.Report, members []int, adj map[int][]edge, fresh []bool) map[int]*event.Link {
	rank := map[int]int{}
	for k, m := range members {
		rank[m] = k
	}
	links := map[int]*event.Link{}
	for _, m := range members[1:] {
		es := adj[m]
		sort.Slice(es, func(i, j int) bool { return rank[other(es[i], m)] < rank[other(es[j], m)] })
		switch {
		case fresh[m] && len(es) > 0:
			links[m] = &event.Link{To: all[other(es[0], m)].ID, Because: es[0].why}
		case !fresh[m] && all[m].Link != nil:
			links[m] = all[m].Link
		case !fresh[m]: // a stored founder: the bridge into its old incident
			for _, x := range members {
				if !fresh[x] && all[x].Incident == all[m].Incident {
					if bs := bridges(all, x, adj, fresh); len(bs) > 0 {
						e := bs[0]
						why := e.why
						if x != m {
							why = append([]string{"through " + all[x].ID}, why...)
						}
						links[m] = &event.Link{To: all[other(e, x)].ID, Because: why}
						break
					}
				}
			}
		}
	}
	return links
}

// bridges are the links of stored report x to fresh reports.
func bridges(all []event.Report, x int, adj map[int][]edge, fresh []bool) []edge {
	var out []edge
	for _, e := range adj[x] {
		if fresh[other(e, x)] {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return all[other(out[i], x)].ID < all[other(out[j], x)].ID })
	return out
}

// before orders reports: earliest published first, then by event id. The
// first is an incident's founder and names it.
func before(a, b *event.Report) bool {
	pa, pb := pubKey(a), pubKey(b)
	if pa != pb {
		return pa < pb
	}
	return a.ID < b.ID
}

func pubKey(r *event.Report) string {
	if len(r.Article.Published) >= 10 {
		return r.Article.Published[:10]
	}
	return "9999-99-99" // undated articles found nothing
}

// ID is the id of the incident whose first report has the given event id.
func ID(founder string) string { return IDPrefix + founder }

// summarize builds the incident record of one component.
func summarize(all []event.Report, members []int, links map[int]*event.Link, parties map[string]bool) event.Incident {
	inc := event.Incident{ID: ID(all[members[0]].ID)}
	for _, m := range members {
		rep := all[m]
		rep.Link = links[m] // rep.Incident stays the stored one: cluster compares
		inc.Reports = append(inc.Reports, rep)
	}
	fillSummary(&inc, parties)
	return inc
}

func other(e edge, x int) int {
	if e.a == x {
		return e.b
	}
	return e.a
}

// counter counts keys and remembers their first-seen order.
type counter struct {
	n     map[string]int
	order []string
	ids   map[string][]string
}

func newCounter() *counter { return &counter{n: map[string]int{}, ids: map[string][]string{}} }

func (c *counter) add(k, id string) {
	if k == "" {
		return
	}
	if _, ok := c.n[k]; !ok {
		c.order = append(c.order, k)
	}
	c.n[k]++
	if id != "" {
		c.ids[k] = append(c.ids[k], id)
	}
}

// counts returns the keys, most frequent first, then first seen.
func (c *counter) counts() []event.Count {
	keys := append([]string(nil), c.order...)
	sort.SliceStable(keys, func(i, j int) bool { return c.n[keys[i]] > c.n[keys[j]] })
	out := make([]event.Count, len(keys))
	for i, k := range keys {
		out[i] = event.Count{Key: k, N: c.n[k]}
	}
	return out
}

func (c *counter) values() []event.DisputedValue {
	var out []event.DisputedValue
	for _, k := range c.counts() {
		out = append(out, event.DisputedValue{Value: k.Key, Reports: c.ids[k.Key]})
	}
	return out
}

// fillSummary sums up an incident's reports. parties are the types whose
// actors are parties to talks, not doers.
func fillSummary(inc *event.Incident, parties map[string]bool) {
	types, outlets, sources := newCounter(), newCounter(), newCounter()
	actorN := map[string]*event.ActorCount{}
	var actorOrder []string
	arts := map[string]bool{}
	doers, tolls, claimSide := newCounter(), newCounter(), newCounter()
	denied := false
	var fMin, fMax, cMin = -1, -1, -1
	var best *event.Location
	bestN := 0
	places := newCounter()
	var lo, hi string
	for _, r := range inc.Reports {
		e := r.Event
		types.add(e.EventType, e.ID)
		akey := r.Article.Key
		if akey == "" {
			akey = e.Doc
		}
		if !arts[akey] {
			arts[akey] = true
			outlets.add(outletOf(r.Article), "")
		}
		if e.Source != nil {
			s := e.Source.Code
			if s == "" {
				s = e.Source.Text
			}
			sources.add(s, "")
		}
		for _, a := range []struct {
			role string
			act  *event.Actor
		}{{"actor1", e.Actor1}, {"actor2", e.Actor2}} {
			if a.act == nil || a.act.Code == "" {
				continue
			}
			k := a.role + "|" + a.act.Code
			if actorN[k] == nil {
				actorN[k] = &event.ActorCount{Role: a.role, Code: a.act.Code, Text: a.act.Text}
				actorOrder = append(actorOrder, k)
			}
			actorN[k].Reports++
		}
		if e.Actor1 != nil && known(e.Actor1.Code) && !parties[e.EventType] {
			doers.add(e.Actor1.Code, e.ID)
		}
		isDenied := e.Claim != nil && (e.Claim.Status == event.Denied || e.Claim.DeniedBy != "")
		if e.Claim != nil && e.Claim.Status != "" && (e.Claim.Status != event.Reported || e.Claim.By != "" || e.Claim.DeniedBy != "") {
			inc.Claims = append(inc.Claims, event.IncidentClaim{Report: e.ID, Doc: e.Doc, Outlet: outletOf(r.Article),
				Status: e.Claim.Status, By: e.Claim.By, DeniedBy: e.Claim.DeniedBy})
		}
		if isDenied {
			denied = true
			by := ""
			if e.Claim.DeniedBy != "" {
				by = e.Claim.DeniedBy
			} else {
				by = e.Claim.By
			}
			claimSide.add("denied by "+orUnknown(by), e.ID)
			if e.Claim.Status != event.Denied {
				claimSide.add(e.Claim.Status+" "+orUnknown(e.Claim.By), e.ID)
			}
		} else {
			st := event.Reported
			if e.Claim != nil && e.Claim.Status != "" {
				st = e.Claim.Status
			}
			claimSide.add(st, e.ID)
		}
		if e.Fatalities != nil {
			f := *e.Fatalities
			tolls.add(strconv.Itoa(f), e.ID)
			if fMin < 0 || f < fMin {
				fMin = f
			}
			if f > fMax {
				fMax = f
			}
			if !isDenied && (cMin < 0 || f < cMin) {
				cMin = f
			}
		}
		if l := e.Location; l != nil {
			k := l.GazetteerID
			if k == "" {
				k = l.Name
			}
			places.add(k, "")
			if best == nil || l.GeoPrecision < best.GeoPrecision && l.GeoPrecision > 0 {
				best, bestN = l, places.n[k]
			} else if l.GeoPrecision == best.GeoPrecision && places.n[k] > bestN {
				best, bestN = l, places.n[k]
			}
		}
		if e.Date != nil {
			if a, b, ok := event.DateRange(*e.Date); ok && len(*e.Date) == 10 {
				if lo == "" || a < lo {
					lo = a
				}
				if b > hi {
					hi = b
				}
			}
		}
	}
	if lo == "" { // no report gives a day: the months, else publication days
		for _, r := range inc.Reports {
			d := event.EventDate(r.Event, event.Article{Published: r.Article.Published})
			if a, b, ok := event.DateRange(d); ok {
				if lo == "" || a < lo {
					lo = a
				}
				if b > hi {
					hi = b
				}
			}
		}
	}
	inc.DateLo, inc.DateHi = lo, hi
	if best != nil {
		l := *best
		inc.Location = &l
	}
	inc.Types = types.counts()
	inc.EventType = inc.Types[0].Key
	inc.Articles = len(arts)
	inc.Outlets = outlets.counts()
	inc.Sources = sources.counts()
	for _, k := range actorOrder {
		inc.Actors = append(inc.Actors, *actorN[k])
	}
	sort.SliceStable(inc.Actors, func(i, j int) bool {
		if inc.Actors[i].Role != inc.Actors[j].Role {
			return inc.Actors[i].Role < inc.Actors[j].Role
		}
		return inc.Actors[i].Reports > inc.Actors[j].Reports
	})
	if fMin >= 0 {
		if cMin < 0 {
			cMin = fMin
		}
		inc.Fatalities = &event.FatalityRange{Min: fMin, Max: fMax, Headline: cMin}
	}
	if len(doers.n) > 1 && !oneState(doers.order) {
		inc.Disagreements = append(inc.Disagreements, event.Disagreement{Field: "actor1", Values: doers.values()})
	}
	if len(types.n) > 1 {
		inc.Disagreements = append(inc.Disagreements, event.Disagreement{Field: "event_type", Values: types.values()})
	}
	if len(tolls.n) > 1 {
		inc.Disagreements = append(inc.Disagreements, event.Disagreement{Field: "fatalities", Values: tolls.values()})
	}
	if denied {
		inc.Disagreements = append(inc.Disagreements, event.Disagreement{Field: "claim", Values: claimSide.values()})
	}
	inc.Disputed = len(inc.Disagreements) > 0
	if inc.Actors == nil {
		inc.Actors = []event.ActorCount{}
	}
	if inc.Claims == nil {
		inc.Claims = []event.IncidentClaim{}
	}
	if inc.Disagreements == nil {
		inc.Disagreements = []event.Disagreement{}
	}
}

// oneState: codes of one state's forces (SYR.GOV, SYR.MIL) do not
// disagree on who did it.
func oneState(codes []string) bool {
	first := ""
	for _, c := range codes {
		st, _, ok := strings.Cut(c, ".")
		if !ok {
			return false
		}
		if first == "" {
			first = st
		} else if st != first {
			return false
		}
	}
	return true
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// outletOf names an article's outlet: its outlet field, else its URL's host.
func outletOf(a event.ArticleMeta) string {
	if a.Outlet != "" {
		return a.Outlet
	}
	u := a.URL
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexByte(u, '/'); i >= 0 {
		u = u[:i]
	}
	if u == "" {
		return a.ID
	}
	return u
}
