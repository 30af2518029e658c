package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"

	"axis"
)

func TestCentralityStar(t *testing.T) {
	var rels []rel
	for _, c := range []string{"BBB", "CCC", "DDD", "EEE"} {
		rels = append(rels, rel{src: c, tgt: "AAA", kind: axis.Arms, item: "drones", date: "2024-01"})
		rels = append(rels, rel{src: "AAA", tgt: c, kind: axis.Energy, item: "oil", date: "2024-02"})
	}
	rels = append(rels, rel{src: "BBB", tgt: "CCC", kind: axis.Sanction, date: "2024-03"}) // hostility: not in the positive graph
	s := newStore(t, []string{"AAA", "BBB", "CCC", "DDD", "EEE"}, rels)
	got, err := Centrality(ctx, s, flat(), "", Window{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Nodes != 5 || got.Edges != 8 || len(got.Actors) != 5 {
		t.Fatalf("nodes %d edges %d actors %d", got.Nodes, got.Edges, len(got.Actors))
	}
	top := got.Actors[0]
	if top.Actor != "AAA" || !near(top.Betweenness, 1) || top.Degree != 4 {
		t.Errorf("top %+v", top)
	}
	sum := 0.0
	for _, a := range got.Actors {
		sum += a.PageRank
		if a.Actor != "AAA" && (a.Betweenness != 0 || a.PageRank >= top.PageRank) {
			t.Errorf("leaf %+v", a)
		}
	}
	if !near(sum, 1) && sum-1 > 1e-6 {
		t.Errorf("pagerank sums to %v", sum)
	}
	host, err := Centrality(ctx, s, flat(), axis.FamilyHostility, Window{})
	if err != nil {
		t.Fatal(err)
	}
	if host.Nodes != 2 || host.Edges != 1 {
		t.Errorf("hostility graph nodes %d edges %d", host.Nodes, host.Edges)
	}
	if _, err := Centrality(ctx, s, nil, "friendship", Window{}); axis.ErrorCode(err) != axis.EINVALID {
		t.Errorf("bad family: %v", err)
	}
	empty, err := Centrality(ctx, s, nil, "", Window{Until: axis.MustParseDate("2000")})
	if err != nil || empty.Nodes != 0 {
		t.Errorf("empty window: %v %+v", err, empty)
	}
}

// Our Brandes betweenness must agree with gonum's path-enumerating
// BetweennessWeighted on random weighted graphs.
func TestBetweennessMatchesGonum(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		rng := rand.New(rand.NewPCG(seed, 9))
		n := 12
		adj := make([][]wedge, n)
		g := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
		for i := 0; i < n; i++ {
			g.AddNode(simple.Node(int64(i)))
		}
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				if rng.Float64() > 0.35 {
					continue
				}
				w := float64(1 + rng.IntN(3)) // small integers make ties, testing path counting
				adj[i] = append(adj[i], wedge{j, w})
				adj[j] = append(adj[j], wedge{i, w})
				g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(int64(i)), simple.Node(int64(j)), w))
			}
		}
		want := network.BetweennessWeighted(g, path.DijkstraAllPaths(g))
		got := betweenness(adj)
		for i := 0; i < n; i++ {
			if math.Abs(got[i]-want[int64(i)]) > 1e-9 {
				t.Errorf("seed %d node %d: %v, gonum %v", seed, i, got[i], want[int64(i)])
			}
		}
	}
}

// Scores are sums over a graph the code keeps in maps: two runs on the same
// store must still agree to the last bit (reports and diffs depend on it).
func TestCentralityReproducible(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var actors []string
	for i := range 25 {
		actors = append(actors, string(rune('A'+i))+"XX")
	}
	kinds := []axis.Kind{axis.Arms, axis.Energy, axis.Trade, axis.Visit, axis.JointExercise, axis.DualUse}
	statuses := []axis.Status{axis.Confirmed, axis.Reported, axis.Alleged}
	var rels []rel
	for range 400 {
		a := rng.IntN(len(actors))
		b := (a + 1 + rng.IntN(len(actors)-1)) % len(actors)
		rels = append(rels, rel{src: actors[a], tgt: actors[b], kind: kinds[rng.IntN(len(kinds))],
			date: fmt.Sprintf("%d-%02d", 2015+rng.IntN(10), 1+rng.IntN(12)), status: statuses[rng.IntN(len(statuses))], events: 1 + rng.IntN(5)})
	}
	s := newStore(t, actors, rels)
	win := Window{Until: axis.MustParseDate("2025-06")}
	first, err := Centrality(ctx, s, nil, "", win)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		again, err := Centrality(ctx, s, nil, "", win)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(first, again) {
			for i := range first.Actors {
				if first.Actors[i] != again.Actors[i] {
					t.Fatalf("run differs at %d: %+v vs %+v", i, first.Actors[i], again.Actors[i])
				}
			}
			t.Fatal("runs differ")
		}
	}
}
