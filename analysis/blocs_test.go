package analysis

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"axis"
)

func TestBlocsTriangles(t *testing.T) {
	pos := func(a, b string) rel { return rel{src: a, tgt: b, kind: axis.Arms, item: "drones", date: "2024-01"} }
	neg := func(a, b string) rel { return rel{src: a, tgt: b, kind: axis.Sanction, date: "2024-01"} }
	cases := []struct {
		name       string
		rels       []rel
		count      int
		index      float64
		blocs      int
		frustrated string
	}{
		{"all friends", []rel{pos("AAA", "BBB"), pos("BBB", "CCC"), pos("AAA", "CCC")}, 0, 0, 1, ""},
		{"two against one", []rel{pos("AAA", "BBB"), neg("BBB", "CCC"), neg("AAA", "CCC")}, 0, 0, 2, ""},
		{"all enemies", []rel{neg("AAA", "BBB"), neg("BBB", "CCC"), neg("AAA", "CCC")}, 1, 1.0 / 3, 2, "negative tie inside a bloc"},
		{"friend of friend is enemy", []rel{pos("AAA", "BBB"), pos("BBB", "CCC"), neg("AAA", "CCC")}, 1, 1.0 / 3, 0, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t, []string{"AAA", "BBB", "CCC"}, tc.rels)
			got, err := Blocs(ctx, s, flat(), Window{})
			if err != nil {
				t.Fatal(err)
			}
			if got.FrustrationCount != tc.count || !near(got.FrustrationIndex, tc.index) || len(got.FrustratingEdges) != tc.count {
				t.Errorf("frustration %d (index %v, edges %v), want %d (%v)", got.FrustrationCount, got.FrustrationIndex, got.FrustratingEdges, tc.count, tc.index)
			}
			if tc.blocs > 0 && len(got.Blocs) != tc.blocs {
				t.Errorf("blocs %+v, want %d", got.Blocs, tc.blocs)
			}
			if tc.frustrated != "" && got.FrustratingEdges[0].Reason != tc.frustrated {
				t.Errorf("reason %q", got.FrustratingEdges[0].Reason)
			}
			if !got.Exact || got.Actors != 3 || got.Edges != 3 {
				t.Errorf("exact %v actors %d edges %d", got.Exact, got.Actors, got.Edges)
			}
		})
	}
}

// Two camps with a few traitor edges: local search must find the planted
// split when the graph is too big for enumeration, and agree with the exact
// method on a small one.
func TestBlocsPlantedAndLocalAgreesWithExact(t *testing.T) {
	for _, n := range []int{12, 60} {
		g := newSignedGraph()
		rng := rand.New(rand.NewPCG(7, uint64(n)))
		camp := func(i int) int { return i % 2 }
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				if rng.Float64() > 0.3 {
					continue
				}
				w := 1 + rng.Float64()
				if camp(i) != camp(j) {
					w = -w
				}
				g.add(fmt.Sprintf("A%03d", i), fmt.Sprintf("A%03d", j), w)
			}
		}
		g.add("A000", "A002", -0.1) // one weak frustrating tie inside camp 0 (on top of a positive one, or alone)
		res := partition(g, Window{}, WeightsRef{})
		if res.FrustrationIndex > 0.02 {
			t.Errorf("n=%d: frustration index %v, want near 0 (%d frustrating)", n, res.FrustrationIndex, res.FrustrationCount)
		}
		if n > ExactLimit == res.Exact {
			t.Errorf("n=%d exact=%v", n, res.Exact)
		}
		if n <= ExactLimit {
			// local search on the same small graph finds the same optimum
			members := make([]int, len(g.names))
			for i := range members {
				members[i] = i
			}
			adj := make([][]wedge, len(g.names))
			for k, v := range g.net {
				adj[k[0]] = append(adj[k[0]], wedge{k[1], v})
				adj[k[1]] = append(adj[k[1]], wedge{k[0], v})
			}
			side := make([]int, len(members))
			localSplit(members, adj, side)
			if c := cost(members, adj, side); !near(c, res.Frustration) {
				t.Errorf("local %v vs exact %v", c, res.Frustration)
			}
		}
	}
}
