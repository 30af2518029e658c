package analysis

import (
	"context"
	"math"
	"sort"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
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
	// whose edges run giver → receiver (both ways for symmetric kinds),
	// weighted by summed relation weights; scores sum to 1.
	PageRank float64 `json:"pagerank"`
	// Betweenness is weighted betweenness on the undirected graph with
	// distance 1/strength, normalised by (n−1)(n−2)/2 to [0,1].
	Betweenness float64 `json:"betweenness"`
	// Strength is the sum of the weights of the actor's edges, in and out.
	Strength float64 `json:"strength"`
	Degree   int     `json:"degree"` // distinct partners
}

// CentralityMethod describes the computation, for results and docs.
const CentralityMethod = "weighted PageRank (gonum network.PageRank, damping 0.85, tol 1e-8) on the directed positive graph (giver to receiver, both ways for symmetric kinds); weighted betweenness (gonum network.BetweennessWeighted over Dijkstra all-pairs shortest paths) on the undirected positive graph with distance 1/strength"

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
	type pair struct{ a, b int64 }
	dir := map[pair]float64{}
	err := each(ctx, r, f, win, func(rel *axis.Relation) error {
		wt := math.Abs(w.Signed(rel, ref))
		if wt == 0 {
			return nil
		}
		s, t := id(rel.Source), id(rel.Target)
		dir[pair{s, t}] += wt
		if rel.Kind.Symmetric() {
			dir[pair{t, s}] += wt
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	res := &CentralityResult{Family: family, Window: win, Weights: w.Ref(), Nodes: len(names), Edges: len(dir), Actors: []ActorScore{}, Method: CentralityMethod}
	if len(names) == 0 {
		return res, nil
	}
	dg := simple.NewWeightedDirectedGraph(0, 0)
	ug := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
	for i := range names {
		dg.AddNode(simple.Node(int64(i)))
		ug.AddNode(simple.Node(int64(i)))
	}
	und := map[pair]float64{}
	for p, wt := range dir {
		dg.SetWeightedEdge(dg.NewWeightedEdge(simple.Node(p.a), simple.Node(p.b), wt))
		k := p
		if k.a > k.b {
			k = pair{k.b, k.a}
		}
		und[k] += wt
	}
	scores := make([]ActorScore, len(names))
	for i, n := range names {
		scores[i].Actor = n
	}
	for p, wt := range und {
		ug.SetWeightedEdge(ug.NewWeightedEdge(simple.Node(p.a), simple.Node(p.b), 1/wt))
		scores[p.a].Strength += wt
		scores[p.b].Strength += wt
		scores[p.a].Degree++
		scores[p.b].Degree++
	}
	pr := network.PageRank(dg, 0.85, 1e-8)
	for i := range scores {
		scores[i].PageRank = pr[int64(i)]
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	n := len(names)
	if n > 2 {
		bw := network.BetweennessWeighted(ug, path.DijkstraAllPaths(ug))
		norm := float64((n-1)*(n-2)) / 2
		for i := range scores {
			// BetweennessWeighted counts each unordered pair twice.
			scores[i].Betweenness = bw[int64(i)] / 2 / norm
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
