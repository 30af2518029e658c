package analysis

import (
	"context"
	"sort"
	"strings"
	"sync"

	"axis"
)

// DependencyResult says where an actor's supplies come from, and who
// depends on it.
type DependencyResult struct {
	Actor   string     `json:"actor"`
	Kind    axis.Kind  `json:"kind,omitempty"` // the kind asked for, or "" for every transfer
	Window  Window     `json:"window"`
	Weights WeightsRef `json:"weights"`
	// Receives has one entry per kind and item the actor receives, with the
	// share from each supplier.
	Receives []Supply `json:"receives"`
	// Gives has one entry per kind and item the actor gives, with each
	// recipient's dependence on it: the share of the recipient's whole
	// intake of that kind and item that comes from the actor.
	Gives []Supply `json:"gives"`
	// Scope is "" when Gives lists every recipient, or ScopeGroup when it
	// lists only the members of the group asked for (GroupDependency).
	Scope string `json:"scope,omitempty"`
}

// ScopeGroup marks dependency results whose Gives stop at the group.
const ScopeGroup = "group"

// Supply is one kind and item with its partners.
type Supply struct {
	Kind      axis.Kind `json:"kind"`
	Item      string    `json:"item,omitempty"`
	Weight    float64   `json:"weight"` // the actor's total, by weight
	Relations int       `json:"relations"`
	Partners  []Share   `json:"partners"`
}

// Share is one partner's part. For Receives, Share is the supplier's part
// of the actor's intake. For Gives, Share is the actor's part of the
// recipient's intake (how much the recipient depends on the actor).
type Share struct {
	Actor      string        `json:"actor"`
	Weight     float64       `json:"weight"`
	Relations  int           `json:"relations"`
	Share      float64       `json:"share"`
	Quantities []QuantitySum `json:"quantities,omitempty"`
}

// Dependency answers "where do actor's supplies come from, and who depends
// on it?". kind "" means every transfer kind; otherwise any directed kind.
func Dependency(ctx context.Context, r axis.Reader, w *Weights, actor string, kind axis.Kind, win Window) (*DependencyResult, error) {
	res, err := DependencyMany(ctx, r, w, []string{actor}, kind, win)
	if err != nil {
		return nil, err
	}
	return res[0], nil
}

// DependencyMany is Dependency for several actors in one pass over the
// store (a report asks for all its actors at once).
func DependencyMany(ctx context.Context, r axis.Reader, w *Weights, actors []string, kind axis.Kind, win Window) ([]*DependencyResult, error) {
	w = orDefault(w)
	if err := win.Validate(); err != nil {
		return nil, err
	}
	if kind != "" && !kind.Valid() {
		return nil, axis.FieldErrorf(axis.EINVALID, "kind", "unknown kind %q; valid kinds: %s", kind, strings.Join(axis.KindNames(), ", "))
	}
	codes, err := actorCodes(ctx, r, actors...)
	if err != nil {
		return nil, err
	}
	f := axis.RelationFilter{}
	if kind != "" {
		f.Kinds = []axis.Kind{kind}
	} else {
		f.Families = []axis.Family{axis.FamilyTransfer}
	}
	ref := win.Ref()
	want := map[string]int{}
	for i, c := range codes {
		want[c] = i
	}
	// One accumulator set per scan part, merged in part order.
	type acc struct {
		in, out []*supplyAcc
		intake  map[string]map[string]float64 // recipient -> kind|item -> weight
	}
	accs := make([]*acc, scanParts)
	for p := range accs {
		a := &acc{intake: map[string]map[string]float64{}}
		for range codes {
			a.in = append(a.in, newSupplyAcc())
			a.out = append(a.out, newSupplyAcc())
		}
		accs[p] = a
	}
	receive := func(a *acc, to string, key string, wt float64) {
		m := a.intake[to]
		if m == nil {
			m = map[string]float64{}
			a.intake[to] = m
		}
		m[key] += wt
	}
	_, err = eachPart(ctx, r, f, win, func(part int, rel *axis.Relation) error {
		a := accs[part]
		wt := w.Weight(rel, ref)
		key := string(rel.Kind) + "|" + rel.Item
		receive(a, rel.Target, key, wt)
		sym := rel.Kind.Symmetric()
		if sym {
			receive(a, rel.Source, key, wt)
		}
		if i, ok := want[rel.Target]; ok {
			a.in[i].add(rel, rel.Source, wt)
			if sym {
				a.out[i].add(rel, rel.Source, wt)
			}
		}
		if i, ok := want[rel.Source]; ok {
			a.out[i].add(rel, rel.Target, wt)
			if sym {
				a.in[i].add(rel, rel.Target, wt)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	intake := map[string]map[string]float64{}
	for _, a := range accs {
		for _, to := range sortedKeys(a.intake) {
			m := intake[to]
			if m == nil {
				m = map[string]float64{}
				intake[to] = m
			}
			for _, k := range sortedKeys(a.intake[to]) {
				m[k] += a.intake[to][k]
			}
		}
	}
	out := make([]*DependencyResult, len(codes))
	for i, c := range codes {
		in, gv := newSupplyAcc(), newSupplyAcc()
		for _, a := range accs {
			in.merge(a.in[i])
			gv.merge(a.out[i])
		}
		out[i] = &DependencyResult{Actor: c, Kind: kind, Window: win, Weights: w.Ref(), Receives: in.supplies(nil), Gives: gv.supplies(intake)}
	}
	return out, nil
}

type supplyAcc struct {
	by map[string]*Supply                            // kind|item
	pt map[string]map[string]*Share                  // kind|item -> partner
	qt map[string]map[string]map[string]*QuantitySum // kind|item -> partner -> unit
}

func newSupplyAcc() *supplyAcc {
	return &supplyAcc{by: map[string]*Supply{}, pt: map[string]map[string]*Share{}, qt: map[string]map[string]map[string]*QuantitySum{}}
}

func (s *supplyAcc) add(r *axis.Relation, partner string, wt float64) {
	key := string(r.Kind) + "|" + r.Item
	sp := s.by[key]
	if sp == nil {
		sp = &Supply{Kind: r.Kind, Item: r.Item}
		s.by[key] = sp
		s.pt[key] = map[string]*Share{}
		s.qt[key] = map[string]map[string]*QuantitySum{}
	}
	sp.Weight += wt
	sp.Relations++
	sh := s.pt[key][partner]
	if sh == nil {
		sh = &Share{Actor: partner}
		s.pt[key][partner] = sh
		s.qt[key][partner] = map[string]*QuantitySum{}
	}
	sh.Weight += wt
	sh.Relations++
	if q := r.Quantity; q != nil {
		qs := s.qt[key][partner][q.Unit]
		if qs == nil {
			qs = &QuantitySum{Unit: q.Unit}
			s.qt[key][partner][q.Unit] = qs
		}
		qs.add(r)
	}
}

// merge adds o into s, in sorted key order.
func (s *supplyAcc) merge(o *supplyAcc) {
	for _, key := range sortedKeys(o.by) {
		sp := o.by[key]
		mine := s.by[key]
		if mine == nil {
			mine = &Supply{Kind: sp.Kind, Item: sp.Item}
			s.by[key] = mine
			s.pt[key] = map[string]*Share{}
			s.qt[key] = map[string]map[string]*QuantitySum{}
		}
		mine.Weight += sp.Weight
		mine.Relations += sp.Relations
		for _, p := range sortedKeys(o.pt[key]) {
			sh := o.pt[key][p]
			ms := s.pt[key][p]
			if ms == nil {
				ms = &Share{Actor: p}
				s.pt[key][p] = ms
				s.qt[key][p] = map[string]*QuantitySum{}
			}
			ms.Weight += sh.Weight
			ms.Relations += sh.Relations
			for _, u := range sortedKeys(o.qt[key][p]) {
				q := o.qt[key][p][u]
				mq := s.qt[key][p][u]
				if mq == nil {
					mq = &QuantitySum{Unit: u}
					s.qt[key][p][u] = mq
				}
				mq.merge(q)
			}
		}
	}
}

// supplies builds the result. With intake nil, shares are of the actor's
// own total; else of each partner's intake.
func (s *supplyAcc) supplies(intake map[string]map[string]float64) []Supply {
	out := []Supply{}
	for key, sp := range s.by {
		for p, sh := range s.pt[key] {
			for _, u := range sortedKeys(s.qt[key][p]) {
				sh.Quantities = append(sh.Quantities, s.qt[key][p][u].final())
			}
			switch {
			case intake != nil && intake[p][key] > 0:
				sh.Share = sh.Weight / intake[p][key]
			case intake == nil && sp.Weight > 0:
				sh.Share = sh.Weight / sp.Weight
			}
			sp.Partners = append(sp.Partners, *sh)
		}
		sort.Slice(sp.Partners, func(i, j int) bool {
			if sp.Partners[i].Weight != sp.Partners[j].Weight {
				return sp.Partners[i].Weight > sp.Partners[j].Weight
			}
			return sp.Partners[i].Actor < sp.Partners[j].Actor
		})
		out = append(out, *sp)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return out[i].Item < out[j].Item
	})
	return out
}

// GroupDependency is Dependency for every member of a group, reading only
// the members' own relations: one query per member, run concurrently, and
// no scan of the whole store (what a report of a few actors needs on a big
// store). Receives lists every supplier, exactly as Dependency does; Gives
// lists only the group's members that depend on the actor (the intake of
// outsiders is not read), and Scope says so.
func GroupDependency(ctx context.Context, r axis.Reader, w *Weights, actors []string, win Window) ([]*DependencyResult, error) {
	w = orDefault(w)
	if err := win.Validate(); err != nil {
		return nil, err
	}
	codes, err := actorCodes(ctx, r, actors...)
	if err != nil {
		return nil, err
	}
	member := map[string]bool{}
	for _, c := range codes {
		member[c] = true
	}
	ref := win.Ref()
	n := len(codes)
	in, out := make([]*supplyAcc, n), make([]*supplyAcc, n)
	intake := make([]map[string]float64, n)
	errs := make([]error, n)
	sem := make(chan struct{}, max(scanParts, 1))
	var wg sync.WaitGroup
	for i, a := range codes {
		in[i], out[i], intake[i] = newSupplyAcc(), newSupplyAcc(), map[string]float64{}
		wg.Add(1)
		go func(i int, a string) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			f := axis.RelationFilter{Actor: a, Families: []axis.Family{axis.FamilyTransfer}}
			errs[i] = each(ctx, r, f, win, func(rel *axis.Relation) error {
				wt := w.Weight(rel, ref)
				sym := rel.Kind.Symmetric()
				other := rel.Other(a)
				if rel.Target == a || sym {
					in[i].add(rel, other, wt)
					intake[i][string(rel.Kind)+"|"+rel.Item] += wt
				}
				if (rel.Source == a || sym) && member[other] {
					out[i].add(rel, other, wt)
				}
				return nil
			})
		}(i, a)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	byActor := map[string]map[string]float64{}
	for i, c := range codes {
		byActor[c] = intake[i]
	}
	res := make([]*DependencyResult, n)
	for i, c := range codes {
		res[i] = &DependencyResult{Actor: c, Window: win, Weights: w.Ref(), Scope: ScopeGroup,
			Receives: in[i].supplies(nil), Gives: out[i].supplies(byActor)}
	}
	return res, nil
}
