package analysis

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	"axis"
)

// CentralityResult ranks actors in the positive graph.
type CentralityResult struct {
	Family  axis.Family  `json:"family,omitempty"` // "" : every positive family
	Window  Window       `json:"window"`
	Weights WeightsRef   `json:"weights"`
	Nodes   int          `json:"nodes"`
	Edges   int          `json:"edges"` // directed weighted edges after merging relations
	Actors  []ActorScore `json:"actors"`
	Method  string       `json:"method"`
}

// ActorScore is one actor's centrality.
type ActorScore struct {
	Actor string `json:"actor"`
	// PageRank is weighted PageRank (damping 0.85) on the directed graph
	// whose edges run giver → receiver (both ways for symmetric kinds and
	// for membership, whose obligations bind the organization too),
	// weighted by summed relation weights; scores sum to 1.
	PageRank float64 `json:"pagerank"`
	// Betweenness is weighted betweenness on the undirected graph with
	// distance 1/strength, normalised by (n−1)(n−2) to [0,1]. It is computed
	// with Brandes' algorithm (brandes.go), which gives the same figures as
	// gonum's network.BetweennessWeighted (a test checks it) in a fraction
	// of the time on dense graphs.
	Betweenness float64 `json:"betweenness"`
	// Strength is the sum of the weights of the actor's edges, in and out.
	Strength float64 `json:"strength"`
	Degree   int     `json:"degree"` // distinct partners
}

// CentralityMethod describes the computation, for results and docs.
const CentralityMethod = "weighted PageRank (gonum network.PageRank, damping 0.85, tol 1e-10, rounded to 1e-6) on the directed positive graph (giver to receiver, both ways for symmetric kinds and membership); weighted betweenness (Brandes with Dijkstra, checked against gonum network.BetweennessWeighted) on the undirected positive graph with distance 1/strength"

// Centrality answers "who is central in the positive graph?". family ""
// takes every family whose sign is positive; a family with a negative sign
// (hostility) is measured on the magnitude of its weights.
func Centrality(ctx context.Context, r axis.Reader, w *Weights, family axis.Family, win Window) (*CentralityResult, error) {
	w = orDefault(w)
	if err := win.Validate(); err != nil {
		return nil, err
	}
	f := axis.RelationFilter{}
	if family != "" {
		if !axis.ValidFamily(family) {
			return nil, axis.FieldErrorf(axis.EINVALID, "family", "unknown family %q; valid: commitment, transfer, cooperation, hostility", family)
		}
		f.Families = []axis.Family{family}
	} else {
		for _, fam := range axis.Families {
			if w.Signs[fam] > 0 {
				f.Families = append(f.Families, fam)
			}
		}
	}
	ref := win.Ref()
	ids := map[string]int64{}
	var names []string
	id := func(c string) int64 {
		if v, ok := ids[c]; ok {
			return v
		}
		v := int64(len(names))
		ids[c] = v
		names = append(names, c)
		return v
	}
	type pair struct{ a, b string }
	dirs := make([]map[pair]float64, scanParts)
	for i := range dirs {
		dirs[i] = map[pair]float64{}
	}
	_, err := eachPart(ctx, r, f, win, func(part int, rel *axis.Relation) error {
		wt := math.Abs(w.Signed(rel, ref))
		if wt == 0 {
			return nil
		}
		dirs[part][pair{rel.Source, rel.Target}] += wt
		if rel.Kind.Symmetric() || rel.Kind == axis.Membership {
			dirs[part][pair{rel.Target, rel.Source}] += wt
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Merge the parts in order, over sorted keys, so sums are reproducible.
	type ipair struct{ a, b int64 }
	dir := map[ipair]float64{}
	for _, d := range dirs {
		keys := make([]pair, 0, len(d))
		for k := range d {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(x, y pair) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
		for _, k := range keys {
			dir[ipair{id(k.a), id(k.b)}] += d[k]
		}
	}
	res := &CentralityResult{Family: family, Window: win, Weights: w.Ref(), Nodes: len(names), Edges: len(dir), Actors: []ActorScore{}, Method: CentralityMethod}
	if len(names) == 0 {
		return res, nil
	}
	dg := simple.NewWeightedDirectedGraph(0, 0)
	for i := range names {
		dg.AddNode(simple.Node(int64(i)))
	}
	und := map[ipair]float64{}
	for p, wt := range dir {
		dg.SetWeightedEdge(dg.NewWeightedEdge(simple.Node(p.a), simple.Node(p.b), wt))
		k := p
		if k.a > k.b {
			k = ipair{k.b, k.a}
		}
		und[k] += wt
	}
	scores := make([]ActorScore, len(names))
	for i, n := range names {
		scores[i].Actor = n
	}
	// Strengths are sums of floats: add them in one order so that runs
	// agree to the last bit.
	pairs := make([]ipair, 0, len(und))
	for p := range und {
		pairs = append(pairs, p)
	}
	slices.SortFunc(pairs, func(x, y ipair) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
	adj := make([][]wedge, len(names))
	for _, p := range pairs {
		wt := und[p]
		adj[p.a] = append(adj[p.a], wedge{int(p.b), 1 / wt})
		adj[p.b] = append(adj[p.b], wedge{int(p.a), 1 / wt})
		scores[p.a].Strength += wt
		scores[p.b].Strength += wt
		scores[p.a].Degree++
		scores[p.b].Degree++
	}
	for i := range adj {
		sort.Slice(adj[i], func(x, y int) bool { return adj[i][x].to < adj[i][y].to })
	}
	// gonum starts the power iteration from a random vector; iterate to
	// 1e-10 and round to 1e-6 so that runs agree.
	pr := network.PageRank(dg, 0.85, 1e-10)
	for i := range scores {
		scores[i].PageRank = math.Round(pr[int64(i)]*1e6) / 1e6
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if n := len(names); n > 2 {
		bw := betweenness(adj)
		norm := float64((n - 1) * (n - 2))
		for i := range scores {
			// bw counts ordered pairs: each unordered pair twice.
			scores[i].Betweenness = bw[i] / norm
		}
	}
	sort.Slice(scores, func(i, j int) bool {
		if scores[i].PageRank != scores[j].PageRank {
			return scores[i].PageRank > scores[j].PageRank
		}
		return scores[i].Actor < scores[j].Actor
	})
	res.Actors = scores
	return res, nil
}
