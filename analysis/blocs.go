package analysis

import (
	"context"
	"math"
	"math/rand/v2"
	"sort"

	"axis"
)

// BlocsResult splits the actors of the signed graph into blocs and says how
// far the system is from structural balance.
//
// Method: each pair's net tie is the sum of its signed relation weights; a
// positive net is an alliance-like tie, a negative one an enmity. Each
// connected component is split in two (Harary's structural balance: friends
// together, enemies apart) so as to minimise the frustration, the summed
// |weight| of positive ties across the split and negative ties inside one
// side. Components of up to ExactLimit actors are solved exactly by
// enumerating every split; larger ones by local search (best single moves
// from LocalRestarts seeded random starts and one start that propagates
// signs along a spanning tree), which finds a good split but does not prove
// it optimal.
type BlocsResult struct {
	Window  Window     `json:"window"`
	Weights WeightsRef `json:"weights"`
	Blocs   []Bloc     `json:"blocs"`
	Actors  int        `json:"actors"`
	Edges   int        `json:"edges"` // pairs with a non-zero net tie
	// Frustration is the summed |net| of the frustrating edges;
	// FrustrationCount their number (the unweighted frustration of this
	// split); FrustrationIndex is Frustration over the summed |net| of all
	// edges: 0 for a balanced system, up to 0.5.
	Frustration      float64      `json:"frustration"`
	FrustrationCount int          `json:"frustration_count"`
	FrustrationIndex float64      `json:"frustration_index"`
	FrustratingEdges []SignedEdge `json:"frustrating_edges"`
	Method           string       `json:"method"`
	Exact            bool         `json:"exact"`
}

// Bloc is one side of one component.
type Bloc struct {
	ID        int      `json:"id"`
	Component int      `json:"component"`
	Members   []string `json:"members"`
	// Leader is the member with the greatest positive strength.
	Leader string `json:"leader"`
}

// SignedEdge is a net tie between two actors.
type SignedEdge struct {
	A      string  `json:"a"`
	B      string  `json:"b"`
	Net    float64 `json:"net"`
	Reason string  `json:"reason,omitempty"` // "positive tie across blocs" or "negative tie inside a bloc"
}

// Search limits of Blocs.
const (
	ExactLimit    = 20
	LocalRestarts = 64
)

// Blocs answers "how does the system split, and how balanced is it?".
func Blocs(ctx context.Context, r axis.Reader, w *Weights, win Window) (*BlocsResult, error) {
	w = orDefault(w)
	if err := win.Validate(); err != nil {
		return nil, err
	}
	ref := win.Ref()
	g := newSignedGraph()
	err := each(ctx, r, axis.RelationFilter{}, win, func(rel *axis.Relation) error {
		if s := w.Signed(rel, ref); s != 0 {
			g.add(rel.Source, rel.Target, s)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return partition(g, win, w.Ref()), nil
}

type signedGraph struct {
	idx   map[string]int
	names []string
	net   map[[2]int]float64
}

func newSignedGraph() *signedGraph {
	return &signedGraph{idx: map[string]int{}, net: map[[2]int]float64{}}
}

func (g *signedGraph) id(c string) int {
	if v, ok := g.idx[c]; ok {
		return v
	}
	g.idx[c] = len(g.names)
	g.names = append(g.names, c)
	return len(g.names) - 1
}

func (g *signedGraph) add(a, b string, s float64) {
	i, j := g.id(a), g.id(b)
	if i > j {
		i, j = j, i
	}
	g.net[[2]int{i, j}] += s
}

type wedge struct {
	to int
	w  float64
}

// partition solves each component and assembles the result.
func partition(g *signedGraph, win Window, ref WeightsRef) *BlocsResult {
	res := &BlocsResult{Window: win, Weights: ref, Blocs: []Bloc{}, FrustratingEdges: []SignedEdge{}, Exact: true}
	n := len(g.names)
	adj := make([][]wedge, n)
	total := 0.0
	for k, v := range g.net {
		if v == 0 || math.Abs(v) < 1e-12 {
			continue
		}
		adj[k[0]] = append(adj[k[0]], wedge{k[1], v})
		adj[k[1]] = append(adj[k[1]], wedge{k[0], v})
		total += math.Abs(v)
		res.Edges++
	}
	for i := range adj {
		sort.Slice(adj[i], func(x, y int) bool { return adj[i][x].to < adj[i][y].to })
	}
	side := make([]int, n)
	comp := make([]int, n)
	for i := range comp {
		comp[i] = -1
	}
	nc := 0
	// components in order of their smallest actor code, for stable output
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return g.names[order[a]] < g.names[order[b]] })
	var comps [][]int
	for _, s := range order {
		if comp[s] >= 0 || len(adj[s]) == 0 {
			continue
		}
		var members []int
		stack := []int{s}
		comp[s] = nc
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			members = append(members, v)
			for _, e := range adj[v] {
				if comp[e.to] < 0 {
					comp[e.to] = nc
					stack = append(stack, e.to)
				}
			}
		}
		comps = append(comps, members)
		nc++
	}
	for _, members := range comps {
		if len(members) <= ExactLimit {
			exactSplit(members, adj, side)
		} else {
			res.Exact = false
			localSplit(members, adj, side)
		}
	}
	res.Method = "exact enumeration of every two-way split per component"
	if !res.Exact {
		res.Method = "exact enumeration for components of up to 20 actors; local search (best single moves, 64 seeded random starts and a spanning-tree start) for larger ones"
	}
	// blocs
	strength := make([]float64, n)
	for v := range adj {
		for _, e := range adj[v] {
			if e.w > 0 {
				strength[v] += e.w
			}
		}
	}
	id := 0
	for c, members := range comps {
		var sides [2][]int
		for _, v := range members {
			sides[side[v]] = append(sides[side[v]], v)
		}
		sort.Slice(sides[:], func(a, b int) bool { return len(sides[a]) > len(sides[b]) })
		for _, s := range sides {
			if len(s) == 0 {
				continue
			}
			id++
			b := Bloc{ID: id, Component: c + 1}
			lead := s[0]
			for _, v := range s {
				b.Members = append(b.Members, g.names[v])
				if strength[v] > strength[lead] || (strength[v] == strength[lead] && g.names[v] < g.names[lead]) {
					lead = v
				}
			}
			sort.Strings(b.Members)
			b.Leader = g.names[lead]
			res.Blocs = append(res.Blocs, b)
			res.Actors += len(s)
		}
	}
	for k, v := range g.net {
		if v == 0 {
			continue
		}
		i, j := k[0], k[1]
		same := side[i] == side[j]
		if (v > 0 && !same) || (v < 0 && same) {
			e := SignedEdge{A: g.names[i], B: g.names[j], Net: v, Reason: "positive tie across blocs"}
			if e.A > e.B {
				e.A, e.B = e.B, e.A
			}
			if v < 0 {
				e.Reason = "negative tie inside a bloc"
			}
			res.FrustratingEdges = append(res.FrustratingEdges, e)
			res.Frustration += math.Abs(v)
			res.FrustrationCount++
		}
	}
	sort.Slice(res.FrustratingEdges, func(a, b int) bool {
		x, y := res.FrustratingEdges[a], res.FrustratingEdges[b]
		if math.Abs(x.Net) != math.Abs(y.Net) {
			return math.Abs(x.Net) > math.Abs(y.Net)
		}
		return x.A+x.B < y.A+y.B
	})
	if total > 0 {
		res.FrustrationIndex = res.Frustration / total
	}
	return res
}

// cost is the frustration of the component under side.
func cost(members []int, adj [][]wedge, side []int) float64 {
	c := 0.0
	for _, v := range members {
		for _, e := range adj[v] {
			if e.to < v {
				continue
			}
			same := side[v] == side[e.to]
			if (e.w > 0 && !same) || (e.w < 0 && same) {
				c += math.Abs(e.w)
			}
		}
	}
	return c
}

// gain is how much frustration drops when v changes side.
func gain(v int, adj [][]wedge, side []int) float64 {
	g := 0.0
	for _, e := range adj[v] {
		same := side[v] == side[e.to]
		// after the move "same" flips
		if e.w > 0 {
			if same {
				g -= e.w
			} else {
				g += e.w
			}
		} else {
			if same {
				g += -e.w
			} else {
				g -= -e.w
			}
		}
	}
	return g
}

// exactSplit tries every split with members[0] on side 0, walking them in
// Gray-code order so that each step moves one actor.
func exactSplit(members []int, adj [][]wedge, side []int) {
	for _, v := range members {
		side[v] = 0
	}
	m := len(members)
	if m == 1 {
		return
	}
	cur := cost(members, adj, side)
	best, bestCode := cur, uint64(0)
	var code uint64
	for step := uint64(1); step < 1<<(m-1); step++ {
		bit := trailingZeros(step) // flip members[bit+1]
		v := members[bit+1]
		cur -= gain(v, adj, side)
		side[v] ^= 1
		code ^= 1 << bit
		if cur < best-1e-12 {
			best, bestCode = cur, code
		}
	}
	for i := 1; i < m; i++ {
		side[members[i]] = int(bestCode>>(i-1)) & 1
	}
}

func trailingZeros(x uint64) int {
	n := 0
	for x&1 == 0 {
		x >>= 1
		n++
	}
	return n
}

// localSplit runs best-improvement local search from several starts.
func localSplit(members []int, adj [][]wedge, side []int) {
	rng := rand.New(rand.NewPCG(1, uint64(len(members))))
	best := math.Inf(1)
	bestSide := make([]int, len(members))
	gains := make(map[int]float64, len(members))
	try := func() {
		for _, v := range members {
			gains[v] = gain(v, adj, side)
		}
		for {
			bv, bg := -1, 1e-12
			for _, v := range members {
				if g := gains[v]; g > bg {
					bv, bg = v, g
				}
			}
			if bv < 0 {
				break
			}
			// moving bv flips the state of each of its edges
			for _, e := range adj[bv] {
				same := side[bv] == side[e.to]
				t := -math.Abs(e.w) // satisfied: moving e.to would frustrate it
				if (e.w > 0 && !same) || (e.w < 0 && same) {
					t = math.Abs(e.w)
				}
				gains[e.to] -= 2 * t
			}
			gains[bv] = -gains[bv]
			side[bv] ^= 1
		}
		if c := cost(members, adj, side); c < best-1e-12 {
			best = c
			for i, v := range members {
				bestSide[i] = side[v]
			}
		}
	}
	// spanning-tree start: strongest ties first, follow signs
	seen := map[int]bool{members[0]: true}
	side[members[0]] = 0
	queue := []int{members[0]}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		es := append([]wedge(nil), adj[v]...)
		sort.Slice(es, func(a, b int) bool { return math.Abs(es[a].w) > math.Abs(es[b].w) })
		for _, e := range es {
			if seen[e.to] {
				continue
			}
			seen[e.to] = true
			side[e.to] = side[v]
			if e.w < 0 {
				side[e.to] ^= 1
			}
			queue = append(queue, e.to)
		}
	}
	try()
	for r := 0; r < LocalRestarts; r++ {
		for _, v := range members {
			side[v] = rng.IntN(2)
		}
		try()
	}
	for i, v := range members {
		side[v] = bestSide[i]
	}
}
