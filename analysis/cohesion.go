package analysis

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"axis"
)

// CohesionResult describes how tightly a group of actors is tied together.
type CohesionResult struct {
	Actors  []string   `json:"actors"`
	Window  Window     `json:"window"`
	Weights WeightsRef `json:"weights"`
	// Matrix[i][j] is the net tie strength between Actors[i] and Actors[j]:
	// the sum of signed relation weights, both directions. The diagonal is 0.
	Matrix [][]float64 `json:"matrix"`
	Pairs  []PairTie   `json:"pairs"`
	// Density is the share of pairs with a positive net tie.
	Density float64 `json:"density"`
	// Bilateral and Multilateral count events (relations without a group,
	// or groups of relations) among the group's members; an event is
	// multilateral when three or more members take part. Hostility and
	// commitments are not events.
	Bilateral         int     `json:"bilateral_events"`
	Multilateral      int     `json:"multilateral_events"`
	MultilateralShare float64 `json:"multilateral_share"`
	// Degree is each actor's number of positive ties; Strength the sum of
	// its positive net tie strengths.
	Degree   []int     `json:"degree"`
	Strength []float64 `json:"strength"`
	// Centralization is Freeman's degree centralisation of the positive
	// ties (0 for a clique, 1 for a star); WeightedCentralization the same
	// on strengths scaled by the strongest tie. Hub is the actor with the
	// greatest strength.
	Centralization         float64 `json:"centralization"`
	WeightedCentralization float64 `json:"weighted_centralization"`
	Hub                    string  `json:"hub"`
	// TriadicClosure is the transitivity of the positive ties: the share of
	// connected triples whose third pair is tied too (NaN-free: 0 when there
	// are no triples).
	TriadicClosure float64 `json:"triadic_closure"`
	// Shape is "bloc", "hub_and_spoke", "bilateral" or "unconnected";
	// Verdict says it in a paragraph with the figures behind it.
	Shape   string `json:"shape"`
	Verdict string `json:"verdict"`
}

// PairTie is the tie between two members.
type PairTie struct {
	A         string  `json:"a"`
	B         string  `json:"b"`
	Positive  float64 `json:"positive"`
	Negative  float64 `json:"negative"` // as a positive number
	Net       float64 `json:"net"`
	Relations int     `json:"relations"`
}

// Cohesion answers "is this group a bloc, a hub and spokes, or a set of
// bilateral deals?".
func Cohesion(ctx context.Context, r axis.Reader, w *Weights, codes []string, win Window) (*CohesionResult, error) {
	w = orDefault(w)
	if err := win.Validate(); err != nil {
		return nil, err
	}
	if len(codes) < 2 {
		return nil, axis.FieldErrorf(axis.EINVALID, "actors", "cohesion needs at least two actors, got %d", len(codes))
	}
	codes, err := actorCodes(ctx, r, codes...)
	if err != nil {
		return nil, err
	}
	n := len(codes)
	idx := map[string]int{}
	for i, c := range codes {
		idx[c] = i
	}
	ref := win.Ref()
	pos := square(n)
	neg := square(n)
	count := make([][]int, n)
	for i := range count {
		count[i] = make([]int, n)
	}
	groups := map[string]map[string]bool{}
	bilateral := 0
	err = each(ctx, r, axis.RelationFilter{Actors: codes}, win, func(rel *axis.Relation) error {
		i, ok1 := idx[rel.Source]
		j, ok2 := idx[rel.Target]
		if !ok1 || !ok2 || i == j {
			return nil
		}
		s := w.Signed(rel, ref)
		if s >= 0 {
			pos[i][j] += s
			pos[j][i] += s
		} else {
			neg[i][j] -= s
			neg[j][i] -= s
		}
		count[i][j]++
		count[j][i]++
		fam := rel.Kind.Family()
		if fam == axis.FamilyHostility || fam == axis.FamilyCommitment || s == 0 {
			return nil
		}
		if rel.GroupID == "" {
			bilateral++
			return nil
		}
		g := groups[rel.GroupID]
		if g == nil {
			g = map[string]bool{}
			groups[rel.GroupID] = g
		}
		g[rel.Source], g[rel.Target] = true, true
		return nil
	})
	if err != nil {
		return nil, err
	}
	res := &CohesionResult{Actors: codes, Window: win, Weights: w.Ref(), Matrix: square(n), Pairs: []PairTie{},
		Degree: make([]int, n), Strength: make([]float64, n)}
	multi := 0
	for _, g := range groups {
		if len(g) >= 3 {
			multi++
		} else {
			bilateral++
		}
	}
	res.Bilateral, res.Multilateral = bilateral, multi
	if multi+bilateral > 0 {
		res.MultilateralShare = float64(multi) / float64(multi+bilateral)
	}
	tie := make([][]bool, n)
	for i := range tie {
		tie[i] = make([]bool, n)
	}
	ties, maxTie := 0, 0.0
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			net := pos[i][j] - neg[i][j]
			res.Matrix[i][j], res.Matrix[j][i] = net, net
			res.Pairs = append(res.Pairs, PairTie{A: codes[i], B: codes[j], Positive: pos[i][j], Negative: neg[i][j], Net: net, Relations: count[i][j]})
			if net > 0 {
				tie[i][j], tie[j][i] = true, true
				ties++
				res.Degree[i]++
				res.Degree[j]++
				res.Strength[i] += net
				res.Strength[j] += net
				maxTie = math.Max(maxTie, net)
			}
		}
	}
	res.Density = float64(ties) / float64(n*(n-1)/2)
	deg := make([]float64, n)
	scaled := make([]float64, n)
	for i := range deg {
		deg[i] = float64(res.Degree[i])
		if maxTie > 0 {
			scaled[i] = res.Strength[i] / maxTie
		}
	}
	res.Centralization = freeman(deg)
	res.WeightedCentralization = freeman(scaled)
	if maxTie > 0 {
		best := 0
		for i := range res.Strength {
			if res.Strength[i] > res.Strength[best] {
				best = i
			}
		}
		res.Hub = codes[best]
	}
	res.TriadicClosure = transitivity(tie)
	res.Shape, res.Verdict = verdict(res)
	return res, nil
}

func square(n int) [][]float64 {
	m := make([][]float64, n)
	for i := range m {
		m[i] = make([]float64, n)
	}
	return m
}

// freeman is Freeman's centralisation of the scores x of an n-node graph
// whose maximum possible score is n-1: Σ(max−x_i) / ((n−1)(n−2)).
func freeman(x []float64) float64 {
	n := len(x)
	if n < 3 {
		return 0
	}
	m := 0.0
	for _, v := range x {
		m = math.Max(m, v)
	}
	s := 0.0
	for _, v := range x {
		s += m - v
	}
	c := s / float64((n-1)*(n-2))
	return math.Min(math.Max(c, 0), 1)
}

// transitivity is 3 × triangles / connected triples.
func transitivity(tie [][]bool) float64 {
	n := len(tie)
	closed, triples := 0, 0
	for v := 0; v < n; v++ {
		for a := 0; a < n; a++ {
			if a == v || !tie[v][a] {
				continue
			}
			for b := a + 1; b < n; b++ {
				if b == v || !tie[v][b] {
					continue
				}
				triples++
				if tie[a][b] {
					closed++
				}
			}
		}
	}
	if triples == 0 {
		return 0
	}
	return float64(closed) / float64(triples)
}

// Thresholds of the verdict, documented in docs/analysis.md.
const (
	blocDensity       = 0.8  // nearly every pair tied
	blocClosure       = 0.6  // most triples closed
	blocMultilateral  = 0.15 // a real share of events taken together
	hubCentralization = 0.5  // weighted centralisation at or above which one state is the hub
)

func verdict(c *CohesionResult) (string, string) {
	names := strings.Join(c.Actors, ", ")
	figures := fmt.Sprintf("density %.2f (%d of %d pairs tied), triadic closure %.2f, degree centralisation %.2f (weighted %.2f), multilateral events %d of %d (%.0f%%)",
		c.Density, countTrue(c.Pairs), len(c.Pairs), c.TriadicClosure, c.Centralization, c.WeightedCentralization,
		c.Multilateral, c.Multilateral+c.Bilateral, 100*c.MultilateralShare)
	strongest := ""
	if c.Hub != "" {
		share := 0.0
		total := 0.0
		for _, s := range c.Strength {
			total += s
		}
		for i, a := range c.Actors {
			if a == c.Hub && total > 0 {
				share = c.Strength[i] / total * 2 // each tie counts at both ends
			}
		}
		strongest = fmt.Sprintf(" %s takes part in %.0f%% of the group's tie strength.", c.Hub, 100*share)
	}
	switch {
	case c.Density == 0:
		return "unconnected", fmt.Sprintf("No positive tie is recorded among %s in this window, so they do not form a group (%s).", names, figures)
	case c.Density >= blocDensity && c.TriadicClosure >= blocClosure && c.MultilateralShare >= blocMultilateral:
		return "bloc", fmt.Sprintf("%s behave as a bloc: almost every pair is tied, the ties close into triangles and a real share of their activity is multilateral (%s).%s", names, figures, strongest)
	case c.WeightedCentralization >= hubCentralization:
		return "hub_and_spoke", fmt.Sprintf("%s form a hub-and-spoke system around %s: the strongest ties all run through it, and the spokes are tied to each other much more weakly (%s).%s", names, c.Hub, figures, strongest)
	default:
		return "bilateral", fmt.Sprintf("%s look like a set of bilateral transactions rather than a bloc: ties exist but are not closed into a common group and few events are multilateral (%s).%s", names, figures, strongest)
	}
}

func countTrue(ps []PairTie) int {
	n := 0
	for _, p := range ps {
		if p.Net > 0 {
			n++
		}
	}
	return n
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
