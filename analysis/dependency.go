package analysis

import (
	"context"
	"sort"

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
}

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
	w = orDefault(w)
	if err := win.Validate(); err != nil {
		return nil, err
	}
	if kind != "" && !kind.Valid() {
		return nil, axis.FieldErrorf(axis.EINVALID, "kind", "unknown kind %q; valid kinds: %v", kind, axis.KindNames())
	}
	codes, err := actorCodes(ctx, r, actor)
	if err != nil {
		return nil, err
	}
	actor = codes[0]
	f := axis.RelationFilter{Actor: actor}
	if kind != "" {
		f.Kinds = []axis.Kind{kind}
	} else {
		f.Families = []axis.Family{axis.FamilyTransfer}
	}
	ref := win.Ref()
	in, out := newSupplyAcc(), newSupplyAcc()
	err = each(ctx, r, f, win, func(rel *axis.Relation) error {
		wt := w.Weight(rel, ref)
		switch {
		case rel.Kind.Symmetric():
			// both parties give and receive
			in.add(rel, rel.Other(actor), wt)
			out.add(rel, rel.Other(actor), wt)
		case rel.Target == actor:
			in.add(rel, rel.Source, wt)
		default:
			out.add(rel, rel.Target, wt)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	res := &DependencyResult{Actor: actor, Kind: kind, Window: win, Weights: w.Ref()}
	res.Receives = in.supplies(nil)
	// For each recipient, its whole intake of the kinds it gets from actor.
	intake := map[string]map[string]float64{} // recipient -> kind|item -> weight
	for _, rec := range sortedKeys(out.partners()) {
		kinds := out.kindsOf(rec)
		tot := map[string]float64{}
		err := each(ctx, r, axis.RelationFilter{Actor: rec, Kinds: kinds}, win, func(rel *axis.Relation) error {
			if rel.Target != rec && !rel.Kind.Symmetric() {
				return nil
			}
			tot[string(rel.Kind)+"|"+rel.Item] += w.Weight(rel, ref)
			return nil
		})
		if err != nil {
			return nil, err
		}
		intake[rec] = tot
	}
	res.Gives = out.supplies(intake)
	return res, nil
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
		qs.Value += q.Value
		qs.N++
		if q.Bound != "" && qs.Bound != "over" {
			qs.Bound = q.Bound
		}
	}
}

func (s *supplyAcc) partners() map[string]bool {
	out := map[string]bool{}
	for _, m := range s.pt {
		for p := range m {
			out[p] = true
		}
	}
	return out
}

func (s *supplyAcc) kindsOf(partner string) []axis.Kind {
	seen := map[axis.Kind]bool{}
	var out []axis.Kind
	for key, m := range s.pt {
		if m[partner] != nil && !seen[s.by[key].Kind] {
			seen[s.by[key].Kind] = true
			out = append(out, s.by[key].Kind)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// supplies builds the result. With intake nil, shares are of the actor's
// own total; else of each partner's intake.
func (s *supplyAcc) supplies(intake map[string]map[string]float64) []Supply {
	out := []Supply{}
	for key, sp := range s.by {
		for p, sh := range s.pt[key] {
			for _, u := range sortedKeys(s.qt[key][p]) {
				sh.Quantities = append(sh.Quantities, *s.qt[key][p][u])
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
