package scenario

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"axis"
)

// SanctionOptions say which supply network to cut and how much to spend.
type SanctionOptions struct {
	Target string    // the receiving state, e.g. RUS
	Kind   axis.Kind // a transfer kind: arms, dual_use, …
	Item   string    // optional item of the kind: drones, …
	Budget int       // largest sanction set, in actors or routes (default 3)
	At     axis.Date // transfers dated up to this date (zero: all)
	Top    int       // how many sets to report per mode (default 5)
}

// SanctionsResult is the supply network into the target, its maximum flow
// and minimum cut, and the sanction sets ranked by the flow they remove.
type SanctionsResult struct {
	Target string    `json:"target"`
	Kind   axis.Kind `json:"kind"`
	Item   string    `json:"item,omitempty"`
	At     axis.Date `json:"at"`
	// Unit is the quantity unit of the capacities, or "weight" when the
	// relations do not all state quantities in one unit.
	Unit    string        `json:"unit"`
	MaxFlow float64       `json:"max_flow"`
	Supply  []Supply      `json:"supply"`
	Edges   []FlowEdge    `json:"edges"`
	MinCut  []FlowEdge    `json:"min_cut"`
	Actors  []SanctionSet `json:"actor_sets"`
	Routes  []SanctionSet `json:"route_sets"`
	Notes   []string      `json:"notes,omitempty"`
}

// Supply is what an actor sends beyond what it receives: its own
// production, the network's source.
type Supply struct {
	Actor    string  `json:"actor"`
	Capacity float64 `json:"capacity"`
	Flow     float64 `json:"flow"`
}

// FlowEdge is one route of the network: the transfers From -> To, their
// summed capacity, the flow the maximum flow sends on it, and the
// relations (and evidence) behind it. In a minimum cut, From "(own)"
// stands for the To actor's own production.
type FlowEdge struct {
	From        string        `json:"from"`
	To          string        `json:"to"`
	Capacity    float64       `json:"capacity"`
	Flow        float64       `json:"flow"`
	RelationIDs []int64       `json:"relation_ids,omitempty"`
	Evidence    []EvidenceRef `json:"evidence,omitempty"`
}

// SanctionSet is one set of actors (all their transfers stopped) or routes
// cut, what it removes and where the remaining flow goes.
type SanctionSet struct {
	Actors    []string `json:"actors,omitempty"`
	Routes    []string `json:"routes,omitempty"` // "FROM->TO"
	Removed   float64  `json:"removed"`
	Remaining float64  `json:"remaining"`
	Share     float64  `json:"share"` // removed / max flow
	// Reroutes lists the routes that carry more after the cut than before.
	Reroutes []Reroute `json:"reroutes,omitempty"`
	// Flowing lists the routes that still carry flow after the cut.
	Flowing []Reroute `json:"flowing,omitempty"`
}

// Reroute is a route whose flow rises after a cut.
type Reroute struct {
	From   string  `json:"from"`
	To     string  `json:"to"`
	Before float64 `json:"before"`
	After  float64 `json:"after"`
}

// statusWeight discounts transfers by how sure the reporting is.
var statusWeight = map[axis.Status]float64{axis.Confirmed: 1, axis.Reported: 0.8, axis.Alleged: 0.5, axis.Prospective: 0.3}

// network is the supply graph: node 0 is the super source, node 1 the
// target, the rest actors in code order.
type network struct {
	codes []string
	edges []nedge // supply edges first (from 0), then routes
	res   *residual
}

type nedge struct {
	from, to int
	cap      float64
	rels     []int64
	ev       []EvidenceRef
}

// Sanctions builds the supply network of kind (and item) into the target
// from the store's transfer relations and ranks sanction sets.
func Sanctions(ctx context.Context, r axis.Reader, opt SanctionOptions) (*SanctionsResult, error) {
	opt.Target = strings.ToUpper(strings.TrimSpace(opt.Target))
	if opt.Target == "" {
		return nil, axis.FieldErrorf(axis.EINVALID, "target", "a target actor is required, e.g. RUS")
	}
	if _, err := r.Actor(ctx, opt.Target); err != nil {
		return nil, err
	}
	if opt.Kind.Family() != axis.FamilyTransfer {
		var ks []string
		for _, k := range axis.KindsOf(axis.FamilyTransfer) {
			ks = append(ks, string(k))
		}
		return nil, axis.FieldErrorf(axis.EINVALID, "kind", "%q is not a transfer kind; valid: %s", opt.Kind, strings.Join(ks, ", "))
	}
	if !opt.Kind.HasItem(opt.Item) {
		return nil, axis.FieldErrorf(axis.EINVALID, "item", "unknown item %q for %s; valid: %s", opt.Item, opt.Kind, strings.Join(opt.Kind.Info().Items, ", "))
	}
	if opt.Budget <= 0 {
		opt.Budget = 3
	}
	if opt.Top <= 0 {
		opt.Top = 5
	}
	f := axis.RelationFilter{Kinds: []axis.Kind{opt.Kind}, At: opt.At, WithEvidence: true}
	if opt.Item != "" {
		f.Items = []string{opt.Item}
	}
	rels, err := r.Relations(ctx, f)
	if err != nil {
		return nil, err
	}
	return sanctionsOn(rels, opt), nil
}

// sanctionsOn does the work of Sanctions on relations already read.
func sanctionsOn(rels []axis.Relation, opt SanctionOptions) *SanctionsResult {
	if opt.Budget <= 0 {
		opt.Budget = 3
	}
	if opt.Top <= 0 {
		opt.Top = 5
	}
	res := &SanctionsResult{Target: opt.Target, Kind: opt.Kind, Item: opt.Item, At: opt.At, Unit: "weight"}
	// Quantities where every relation states one in the same unit.
	units := map[string]int{}
	usable := 0
	for i := range rels {
		if statusWeight[rels[i].Status] == 0 {
			continue
		}
		usable++
		if q := rels[i].Quantity; q != nil && q.Value > 0 {
			units[q.Unit]++
		}
	}
	if len(units) == 1 {
		for u, n := range units {
			if n == usable && u != "" {
				res.Unit = u
			}
		}
	}
	if res.Unit == "weight" {
		res.Notes = append(res.Notes, fmt.Sprintf("capacities are weights (1 per confirmed relation, 0.8 reported, 0.5 alleged, 0.3 prospective): %d of the %d %s relations read state a quantity, in %d unit(s)", sum(units), usable, opt.Kind, len(units)))
	}
	net := buildNetwork(rels, opt.Target, res.Unit)
	base := net.maxFlow(nil, nil)
	res.MaxFlow = round4(base.value)
	live := net.onPaths()
	for i, e := range net.edges {
		if !live.edge[i] {
			continue // transfers that cannot reach the target
		}
		if e.from == 0 {
			res.Supply = append(res.Supply, Supply{Actor: net.codes[e.to], Capacity: round4(e.cap), Flow: round4(base.flow[i])})
			continue
		}
		res.Edges = append(res.Edges, net.flowEdge(i, base.flow[i]))
	}
	for i, e := range net.edges {
		if base.reach[e.from] && !base.reach[e.to] {
			fe := net.flowEdge(i, base.flow[i])
			if e.from == 0 {
				fe.From = "(own)"
			}
			res.MinCut = append(res.MinCut, fe)
		}
	}
	if base.value <= 0 {
		res.Notes = append(res.Notes, "no flow reaches the target: no "+string(opt.Kind)+" transfers into "+opt.Target+" are recorded")
		return res
	}
	// Candidates: actors and routes on some path into the target.
	var actors []int
	for v := 2; v < len(net.codes); v++ {
		if live.node[v] {
			actors = append(actors, v)
		}
	}
	var routes []int
	for i, e := range net.edges {
		if e.from != 0 && live.edge[i] {
			routes = append(routes, i)
		}
	}
	var notes [2]string
	res.Actors, notes[0] = net.rank(actors, opt, base, true)
	res.Routes, notes[1] = net.rank(routes, opt, base, false)
	for _, n := range notes {
		if n != "" {
			res.Notes = append(res.Notes, n)
		}
	}
	return res
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func buildNetwork(rels []axis.Relation, target, unit string) *network {
	codes := map[string]bool{}
	for i := range rels {
		codes[rels[i].Source], codes[rels[i].Target] = true, true
	}
	delete(codes, target)
	net := &network{codes: []string{"(source)", target}}
	for c := range codes {
		net.codes = append(net.codes, c)
	}
	sort.Strings(net.codes[2:])
	idx := map[string]int{}
	for i, c := range net.codes {
		idx[c] = i
	}
	type key struct{ a, b int }
	byPair := map[key]*nedge{}
	volumes := map[key]*axis.QuantityTally{}
	var pairs []key
	for i := range rels {
		rel := &rels[i]
		w := statusWeight[rel.Status]
		if w == 0 || rel.Source == target {
			continue // re-exports by the target do not flow into it
		}
		k := key{idx[rel.Source], idx[rel.Target]}
		e := byPair[k]
		if e == nil {
			e = &nedge{from: k.a, to: k.b}
			byPair[k] = e
			pairs = append(pairs, k)
		}
		if unit != "weight" {
			// Volumes go through a tally so that restated running totals
			// are not added to each other.
			q := *rel.Quantity
			q.Value *= w
			if volumes[k] == nil {
				volumes[k] = &axis.QuantityTally{}
			}
			volumes[k].Add(q, rel.AsOf())
			e.cap = volumes[k].Total().Value
		} else {
			e.cap += w
		}
		e.rels = append(e.rels, rel.ID)
		if len(e.ev) < 2 {
			e.ev = append(e.ev, evidenceRefs(rel, 1)...)
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		return pairs[i].a < pairs[j].a || pairs[i].a == pairs[j].a && pairs[i].b < pairs[j].b
	})
	in := make([]float64, len(net.codes))
	out := make([]float64, len(net.codes))
	for _, k := range pairs {
		out[k.a] += byPair[k].cap
		in[k.b] += byPair[k].cap
	}
	// Each actor's own supply is what it sends beyond what it receives.
	for v := 2; v < len(net.codes); v++ {
		if s := out[v] - in[v]; s > 1e-12 {
			net.edges = append(net.edges, nedge{from: 0, to: v, cap: s})
		}
	}
	for _, k := range pairs {
		net.edges = append(net.edges, *byPair[k])
	}
	return net
}

func (n *network) flowEdge(i int, flow float64) FlowEdge {
	e := &n.edges[i]
	return FlowEdge{From: n.codes[e.from], To: n.codes[e.to], Capacity: round4(e.cap), Flow: round4(flow), RelationIDs: e.rels, Evidence: e.ev}
}

type flowResult struct {
	value float64
	flow  []float64 // per network edge
	reach []bool    // nodes reachable from the source in the residual graph
}

// residual is the network as a residual graph, built once and reused by
// every max-flow run of a ranking.
type residual struct {
	start []int32 // arcs of node v are start[v]..start[v+1]
	to    []int32
	rev   []int32
	cap0  []float64
	edge  []int32 // network edge of a forward arc, -1 for a reverse arc
	cap   []float64
}

func (n *network) residual() *residual {
	N := len(n.codes)
	deg := make([]int32, N+1)
	for _, e := range n.edges {
		deg[e.from+1]++
		deg[e.to+1]++
	}
	for v := 1; v <= N; v++ {
		deg[v] += deg[v-1]
	}
	m := int(deg[N])
	r := &residual{start: deg, to: make([]int32, m), rev: make([]int32, m), cap0: make([]float64, m), edge: make([]int32, m), cap: make([]float64, m)}
	fill := append([]int32(nil), deg[:N]...)
	for i, e := range n.edges {
		a, b := fill[e.from], fill[e.to]
		fill[e.from]++
		fill[e.to]++
		r.to[a], r.rev[a], r.cap0[a], r.edge[a] = int32(e.to), b, e.cap, int32(i)
		r.to[b], r.rev[b], r.cap0[b], r.edge[b] = int32(e.from), a, 0, -1
	}
	return r
}

// maxFlow runs Edmonds–Karp (shortest augmenting paths by BFS) with the
// given nodes and edges removed. We keep our own implementation rather than
// gonum's network.MaxFlowDinic because that returns the flow value only:
// the minimum cut (the nodes reachable in the residual graph), the flow on
// each edge (to show rerouting) and removals need the residual graph.
// The networks are small (tens of actors), so the O(V·E²) bound is no
// concern, and BFS in fixed arc order makes the flows deterministic.
func (n *network) maxFlow(removedNode []bool, removedEdge []bool) flowResult {
	if n.res == nil {
		n.res = n.residual()
	}
	r := n.res
	N := len(n.codes)
	copy(r.cap, r.cap0)
	for a := range r.cap {
		if e := r.edge[a]; e >= 0 {
			ed := &n.edges[e]
			if removedEdge != nil && removedEdge[e] || removedNode != nil && (removedNode[ed.from] || removedNode[ed.to]) {
				r.cap[a] = 0
			}
		}
	}
	const eps = 1e-9
	res := flowResult{flow: make([]float64, len(n.edges))}
	prevArc := make([]int32, N)
	queue := make([]int32, 0, N)
	for {
		for i := range prevArc {
			prevArc[i] = -1
		}
		prevArc[0] = -2
		queue = append(queue[:0], 0)
		for qi := 0; qi < len(queue) && prevArc[1] == -1; qi++ {
			v := queue[qi]
			for a := r.start[v]; a < r.start[v+1]; a++ {
				if w := r.to[a]; r.cap[a] > eps && prevArc[w] == -1 {
					prevArc[w] = a
					queue = append(queue, w)
				}
			}
		}
		if prevArc[1] == -1 {
			break
		}
		push := math.Inf(1)
		for v := int32(1); v != 0; {
			a := prevArc[v]
			push = math.Min(push, r.cap[a])
			v = r.to[r.rev[a]]
		}
		for v := int32(1); v != 0; {
			a := prevArc[v]
			r.cap[a] -= push
			r.cap[r.rev[a]] += push
			v = r.to[r.rev[a]]
		}
		res.value += push
	}
	res.reach = make([]bool, N)
	for _, v := range queue {
		res.reach[v] = true
	}
	for a := range r.cap {
		if e := r.edge[a]; e >= 0 {
			res.flow[e] = r.cap[r.rev[a]] // what was pushed along it
		}
	}
	return res
}

type liveSet struct {
	node []bool
	edge []bool
}

// onPaths marks the nodes and edges on some source -> target path.
func (n *network) onPaths() liveSet {
	N := len(n.codes)
	fwd, bwd := make([]bool, N), make([]bool, N)
	fwd[0], bwd[1] = true, true
	for changed := true; changed; {
		changed = false
		for _, e := range n.edges {
			if fwd[e.from] && !fwd[e.to] && e.to != 1 {
				fwd[e.to], changed = true, true
			}
			if bwd[e.to] && !bwd[e.from] {
				bwd[e.from], changed = true, true
			}
		}
	}
	fwd[1] = true
	ls := liveSet{node: make([]bool, N), edge: make([]bool, len(n.edges))}
	for v := range ls.node {
		ls.node[v] = fwd[v] && bwd[v]
	}
	for i, e := range n.edges {
		ls.edge[i] = ls.node[e.from] && ls.node[e.to]
	}
	return ls
}

// maxCombinations bounds the sets enumerated per ranking; past it the
// candidates are cut to those carrying the most flow, and a note says so.
const maxCombinations = 300000

// rank finds the opt.Top sets of up to opt.Budget candidates (actors when
// byActor, else route edges) that remove the most flow. A set is kept only
// if it removes strictly more than each of its subsets one element smaller,
// so padding a good set with useless elements does not crowd the list.
//
// Branch and bound: a set removes at most the base flow through its
// elements (the base flow minus the paths through them is still feasible),
// so sets are evaluated in order of that bound and the search stops when
// the bound falls below the worst set kept. The result is the exhaustive
// search's.
func (n *network) rank(cands []int, opt SanctionOptions, base flowResult, byActor bool) ([]SanctionSet, string) {
	const eps = 1e-9
	through := make([]float64, len(cands))
	for ci, c := range cands {
		if byActor {
			for i, e := range n.edges {
				if e.to == c {
					through[ci] += base.flow[i]
				}
			}
		} else {
			through[ci] = base.flow[c]
		}
	}
	note := ""
	total := func(m int) int {
		t := 0
		for k := 1; k <= opt.Budget && k <= m; k++ {
			t += binom(m, k)
		}
		return t
	}
	if total(len(cands)) > maxCombinations {
		order := make([]int, len(cands))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(i, j int) bool { return through[order[i]] > through[order[j]] })
		m := len(cands)
		for m > opt.Budget && total(m) > maxCombinations {
			m--
		}
		sort.Ints(order[:m])
		var c2 []int
		var t2 []float64
		for _, i := range order[:m] {
			c2 = append(c2, cands[i])
			t2 = append(t2, through[i])
		}
		what := "routes"
		if byActor {
			what = "actors"
		}
		note = fmt.Sprintf("%s sets searched over the %d of %d %s carrying the most flow", what, m, len(cands), what)
		cands, through = c2, t2
	}
	type entry struct {
		set   []int32 // indices into cands
		bound float64
	}
	var all []entry
	var rec func(start int, set []int32, b float64)
	rec = func(start int, set []int32, b float64) {
		if len(set) > 0 {
			all = append(all, entry{append([]int32(nil), set...), math.Min(b, base.value)})
		}
		if len(set) == opt.Budget {
			return
		}
		for i := start; i < len(cands); i++ {
			rec(i+1, append(set, int32(i)), b+through[i])
		}
	}
	rec(0, nil, 0)
	sort.SliceStable(all, func(i, j int) bool { return all[i].bound > all[j].bound })
	keyOf := func(set []int32) string { return fmt.Sprint(set) }
	memo := map[string]float64{}
	rn := make([]bool, len(n.codes))
	re := make([]bool, len(n.edges))
	eval := func(set []int32) float64 {
		k := keyOf(set)
		if v, ok := memo[k]; ok {
			return v
		}
		for _, i := range set {
			if byActor {
				rn[cands[i]] = true
			} else {
				re[cands[i]] = true
			}
		}
		v := base.value - n.maxFlow(rn, re).value
		for _, i := range set {
			if byActor {
				rn[cands[i]] = false
			} else {
				re[cands[i]] = false
			}
		}
		memo[k] = v
		return v
	}
	type scored struct {
		set     []int32
		removed float64
	}
	better := func(a, b scored) bool {
		if math.Abs(a.removed-b.removed) > eps {
			return a.removed > b.removed
		}
		if len(a.set) != len(b.set) {
			return len(a.set) < len(b.set)
		}
		return keyOf(a.set) < keyOf(b.set)
	}
	var top []scored
	for _, e := range all {
		if len(top) == opt.Top && e.bound < top[len(top)-1].removed-eps {
			break
		}
		if e.bound <= eps {
			break
		}
		r := eval(e.set)
		if r <= eps {
			continue
		}
		ok := true
		if len(e.set) > 1 {
			for drop := range e.set {
				sub := append(append([]int32{}, e.set[:drop]...), e.set[drop+1:]...)
				if r <= eval(sub)+eps {
					ok = false
					break
				}
			}
		}
		if !ok {
			continue
		}
		sc := scored{e.set, r}
		i := sort.Search(len(top), func(i int) bool { return better(sc, top[i]) })
		top = append(top, scored{})
		copy(top[i+1:], top[i:])
		top[i] = sc
		if len(top) > opt.Top {
			top = top[:opt.Top]
		}
	}
	out := []SanctionSet{}
	for _, s := range top {
		ss := SanctionSet{Removed: round4(s.removed), Remaining: round4(base.value - s.removed), Share: round4(s.removed / base.value)}
		rn := make([]bool, len(n.codes))
		re := make([]bool, len(n.edges))
		for _, i := range s.set {
			c := cands[i]
			if byActor {
				rn[c] = true
				ss.Actors = append(ss.Actors, n.codes[c])
			} else {
				re[c] = true
				ss.Routes = append(ss.Routes, n.codes[n.edges[c].from]+"->"+n.codes[n.edges[c].to])
			}
		}
		after := n.maxFlow(rn, re)
		for i, e := range n.edges {
			if e.from == 0 {
				continue
			}
			rr := Reroute{From: n.codes[e.from], To: n.codes[e.to], Before: round4(base.flow[i]), After: round4(after.flow[i])}
			if after.flow[i] > base.flow[i]+1e-6 {
				ss.Reroutes = append(ss.Reroutes, rr)
			}
			if after.flow[i] > 1e-6 {
				ss.Flowing = append(ss.Flowing, rr)
			}
		}
		out = append(out, ss)
	}
	return out, note
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func binom(n, k int) int {
	r := 1
	for i := 1; i <= k; i++ {
		r = r * (n - k + i) / i
		if r > 1<<40 {
			return r
		}
	}
	return r
}
