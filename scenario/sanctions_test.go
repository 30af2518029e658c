package scenario

import (
	"context"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"axis"
	"axis/inmem"
)

func transfer(id int64, from, to string, qty float64, unit string) axis.Relation {
	r := axis.Relation{ID: id, Source: from, Target: to, Kind: axis.Arms, Status: axis.Confirmed, Date: axis.Day(2024, 1, 1)}
	if qty > 0 {
		r.Quantity = &axis.Quantity{Value: qty, Unit: unit}
	}
	return r
}

// The network: AA sends 5 straight to RUS and 5 through BY; CN sends 5 to
// BY; BY can pass on only 5. Max flow 10; the minimum cut is the two routes
// into RUS.
func knownNetwork() []axis.Relation {
	return []axis.Relation{
		transfer(1, "AA", "RUS", 5, "tiv"),
		transfer(2, "AA", "BY", 5, "tiv"),
		transfer(3, "CN", "BY", 5, "tiv"),
		transfer(4, "BY", "RUS", 5, "tiv"),
		transfer(5, "RUS", "CN", 7, "tiv"), // re-export by the target: ignored
	}
}

func TestMaxFlowAndMinCut(t *testing.T) {
	res := sanctionsOn(knownNetwork(), SanctionOptions{Target: "RUS", Kind: axis.Arms, Budget: 2, Top: 10})
	if res.Unit != "tiv" {
		t.Errorf("unit %q, want tiv", res.Unit)
	}
	if res.MaxFlow != 10 {
		t.Fatalf("max flow %v, want 10", res.MaxFlow)
	}
	var cut []string
	total := 0.0
	for _, e := range res.MinCut {
		cut = append(cut, e.From+"->"+e.To)
		total += e.Capacity
	}
	if want := []string{"AA->RUS", "BY->RUS"}; !reflect.DeepEqual(cut, want) || total != 10 {
		t.Errorf("min cut %v (capacity %v), want %v (10)", cut, total, want)
	}
	if len(res.Actors) == 0 || !reflect.DeepEqual(res.Actors[0].Actors, []string{"AA", "BY"}) || res.Actors[0].Removed != 10 {
		t.Errorf("best actor set %+v, want [AA BY] removing 10", res.Actors)
	}
	// Cutting AA alone removes 5, and CN's supply reroutes through BY.
	var aa *SanctionSet
	for i := range res.Actors {
		if reflect.DeepEqual(res.Actors[i].Actors, []string{"AA"}) {
			aa = &res.Actors[i]
		}
	}
	if aa == nil || aa.Removed != 5 || aa.Remaining != 5 {
		t.Fatalf("set [AA]: %+v, want removed 5", aa)
	}
	if len(aa.Reroutes) != 1 || aa.Reroutes[0].From != "CN" || aa.Reroutes[0].To != "BY" || aa.Reroutes[0].After != 5 {
		t.Errorf("reroutes after cutting AA: %+v, want CN->BY 0 -> 5", aa.Reroutes)
	}
	// No set is padded with an element that adds nothing.
	for _, s := range append(res.Actors, res.Routes...) {
		if len(s.Actors)+len(s.Routes) > 2 {
			t.Errorf("set larger than the budget: %+v", s)
		}
	}
	if res.Routes[0].Removed != 10 || len(res.Routes[0].Routes) != 2 {
		t.Errorf("best route set %+v, want both routes into RUS", res.Routes[0])
	}
}

func TestSanctionsWeightsWhenUnitsDisagree(t *testing.T) {
	rels := knownNetwork()
	rels[0].Quantity.Unit = "shells"
	rels[1].Status = axis.Alleged
	res := sanctionsOn(rels, SanctionOptions{Target: "RUS", Kind: axis.Arms})
	if res.Unit != "weight" || len(res.Notes) == 0 {
		t.Fatalf("unit %q notes %v, want weights explained", res.Unit, res.Notes)
	}
	// Weights: AA->RUS 1, AA->BY 0.5, CN->BY 1, BY->RUS 1 => flow 2.
	if res.MaxFlow != 2 {
		t.Errorf("max flow %v, want 2", res.MaxFlow)
	}
}

func TestSanctionsFromStore(t *testing.T) {
	ctx := context.Background()
	s := inmem.New()
	_, err := s.Write(ctx, func(w axis.Writer) error {
		for _, c := range []string{"AA", "BY", "CN", "RUS"} {
			if err := w.PutActor(&axis.Actor{Code: c, Name: c, Kind: axis.ActorState}); err != nil {
				return err
			}
		}
		for _, r := range knownNetwork() {
			r := r
			r.ID = 0
			r.Evidence = []axis.Evidence{{DocumentID: "d", Sentence: r.Source + " sends arms to " + r.Target, Method: axis.MethodManual, Confidence: 1}}
			if _, err := w.PutRelation(&r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Sanctions(ctx, s, SanctionOptions{Target: "rus", Kind: axis.Arms, Budget: 3})
	if err != nil {
		t.Fatal(err)
	}
	if res.MaxFlow != 10 || len(res.Edges) != 4 || len(res.Edges[0].Evidence) == 0 {
		t.Errorf("max flow %v, %d edges, evidence %v", res.MaxFlow, len(res.Edges), res.Edges[0].Evidence)
	}
	for _, c := range []struct {
		opt  SanctionOptions
		code string
		want string
	}{
		{SanctionOptions{Target: "ZZZ", Kind: axis.Arms}, axis.ENOTFOUND, ""},
		{SanctionOptions{Target: "RUS", Kind: axis.Sanction}, axis.EINVALID, "not a transfer kind"},
		{SanctionOptions{Target: "RUS", Kind: axis.Arms, Item: "oil"}, axis.EINVALID, "drones"},
		{SanctionOptions{Kind: axis.Arms}, axis.EINVALID, "target"},
	} {
		_, err := Sanctions(ctx, s, c.opt)
		if axis.ErrorCode(err) != c.code || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: got %v, want %s mentioning %q", c.opt, err, c.code, c.want)
		}
	}
	empty, err := Sanctions(ctx, s, SanctionOptions{Target: "RUS", Kind: axis.Energy})
	if err != nil || empty.MaxFlow != 0 || len(empty.Notes) == 0 {
		t.Errorf("no energy transfers: %+v %v", empty, err)
	}
}

// The branch-and-bound ranking must give what an exhaustive search gives.
func TestRankMatchesExhaustiveSearch(t *testing.T) {
	for seed := uint64(1); seed <= 15; seed++ {
		var rels []axis.Relation
		x := seed
		next := func(k int) int { x = splitmix64(x); return int(x % uint64(k)) }
		for id := int64(1); len(rels) < 18; id++ {
			a, b := next(8), next(9)
			to := "RUS"
			if b < 8 {
				to = "N" + strconv.Itoa(b)
			}
			if "N"+strconv.Itoa(a) == to {
				continue
			}
			rels = append(rels, transfer(id, "N"+strconv.Itoa(a), to, float64(1+next(9)), "tiv"))
		}
		opt := SanctionOptions{Target: "RUS", Kind: axis.Arms, Budget: 2, Top: 4}
		res := sanctionsOn(rels, opt)
		if res.MaxFlow == 0 {
			continue
		}
		net := buildNetwork(rels, "RUS", "tiv")
		base := net.maxFlow(nil, nil)
		// Exhaustive: every actor set of size 1 or 2.
		type sc struct {
			key     string
			removed float64
			size    int
		}
		removed := func(vs ...int) float64 {
			rn := make([]bool, len(net.codes))
			for _, v := range vs {
				rn[v] = true
			}
			return base.value - net.maxFlow(rn, nil).value
		}
		var all []sc
		for a := 2; a < len(net.codes); a++ {
			if r := removed(a); r > 1e-9 {
				all = append(all, sc{net.codes[a], r, 1})
			}
			for b := a + 1; b < len(net.codes); b++ {
				r := removed(a, b)
				if r > removed(a)+1e-9 && r > removed(b)+1e-9 {
					all = append(all, sc{net.codes[a] + " " + net.codes[b], r, 2})
				}
			}
		}
		sort.SliceStable(all, func(i, j int) bool {
			if math.Abs(all[i].removed-all[j].removed) > 1e-9 {
				return all[i].removed > all[j].removed
			}
			return all[i].size < all[j].size
		})
		for i, s := range res.Actors {
			if i >= len(all) || math.Abs(all[i].removed-s.Removed) > 1e-3 {
				t.Errorf("seed %d: rank %d removes %v (%v); exhaustive has %+v", seed, i+1, s.Removed, s.Actors, all[:min(len(all), 4)])
				break
			}
		}
		if len(res.Actors) != min(len(all), opt.Top) {
			t.Errorf("seed %d: %d sets, exhaustive finds %d", seed, len(res.Actors), len(all))
		}
	}
}

// On the baseline, arms reach Russia through the Wagner Group from three
// suppliers (North Korea, Belarus, Syria) but Wagner hands on one recorded
// transfer, so Wagner's onward route is a shared bottleneck: cutting the
// biggest suppliers must leave another supplier's flow into Wagner higher.
func TestSanctionsBaselineArmsReroute(t *testing.T) {
	s := baselineStore(t)
	res, err := Sanctions(context.Background(), s, SanctionOptions{Target: "RUS", Kind: axis.Arms, Budget: 3})
	if err != nil {
		t.Fatal(err)
	}
	onward := false
	for _, e := range res.Edges {
		if e.From == "WAGNER" && e.To == "RUS" && len(e.RelationIDs) > 0 && len(e.Evidence) > 0 {
			onward = true
		}
	}
	if !onward {
		t.Fatalf("no WAGNER->RUS route with relations and evidence in %+v", res.Edges)
	}
	rerouted := 0
	for _, set := range append(res.Actors, res.Routes...) {
		for _, r := range set.Reroutes {
			if r.After <= r.Before {
				t.Errorf("%v%v: reroute %+v does not rise", set.Actors, set.Routes, r)
			}
			if r.To == "WAGNER" {
				rerouted++
			}
		}
	}
	if rerouted == 0 {
		t.Errorf("no ranked sanction set reroutes arms through WAGNER: %+v", res.Actors)
	}
}
