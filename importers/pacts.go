package importers

import (
	"context"
	"sort"

	"axis"
)

// Pact is one commitment read from an alliance dataset: one obligation
// between two states over an interval, with the row it came from.
type Pact struct {
	A, B       string
	Kind       axis.Kind
	Start, End axis.Date // End zero: still in force
	Conditions axis.Conditions
	Title      string
	Evidence   axis.Evidence // DocumentID filled from Doc at the end
	Doc        *axis.Document
}

type pactKey struct {
	a, b string
	kind axis.Kind
}

// Pacts merges the pacts of an import by (pair, kind), the key the store
// gives commitments: one relation whose dates span every pact of that kind
// between the pair (signed at the earliest, ended at the latest end, or
// open if any is), with the conditions and title of the latest, and one
// piece of evidence per pact.
type Pacts struct {
	m    map[pactKey]*pactGroup
	keys []pactKey
}

type pactGroup struct {
	rel    *axis.Relation
	latest axis.Date
	open   bool
	docs   []*axis.Document
}

// Add merges one pact.
func (p *Pacts) Add(pc Pact) {
	if p.m == nil {
		p.m = map[pactKey]*pactGroup{}
	}
	a, b := pc.A, pc.B
	if pc.Kind.Symmetric() && b < a {
		a, b = b, a
	}
	k := pactKey{a, b, pc.Kind}
	g := p.m[k]
	if g == nil {
		g = &pactGroup{rel: &axis.Relation{Source: a, Target: b, Kind: pc.Kind, Status: axis.Confirmed,
			Commitment: &axis.Commitment{Signed: pc.Start, Ended: pc.End, Conditions: pc.Conditions, Title: pc.Title}},
			latest: pc.Start, open: pc.End.IsZero()}
		g.rel.Date = pc.Start
		p.m[k] = g
		p.keys = append(p.keys, k)
	} else {
		c := g.rel.Commitment
		if !pc.Start.IsZero() && (c.Signed.IsZero() || pc.Start.Before(c.Signed)) {
			c.Signed, g.rel.Date = pc.Start, pc.Start
		}
		if pc.End.IsZero() {
			g.open = true
		} else if c.Ended.Before(pc.End) {
			c.Ended = pc.End
		}
		if !pc.Start.Before(g.latest) {
			g.latest, c.Conditions, c.Title = pc.Start, pc.Conditions, pc.Title
		}
	}
	if g.open {
		g.rel.Commitment.Ended = axis.Date{}
	}
	g.rel.Evidence = append(g.rel.Evidence, pc.Evidence)
	g.docs = append(g.docs, pc.Doc)
}

// Len is the number of relations.
func (p *Pacts) Len() int { return len(p.keys) }

// Relations returns the merged relations, ordered by signing date then
// pair, with each evidence's document ID filled in.
func (p *Pacts) Relations() []*axis.Relation {
	out := make([]*axis.Relation, 0, len(p.keys))
	for _, k := range p.keys {
		g := p.m[k]
		for i := range g.rel.Evidence {
			g.rel.Evidence[i].DocumentID = g.docs[i].ID
		}
		g.rel.Until = g.rel.Commitment.Ended
		if !g.rel.Until.IsZero() && g.rel.Until.Before(g.rel.Date) {
			g.rel.Until = axis.Date{}
		}
		out = append(out, g.rel)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if c := out[i].Date.Compare(out[j].Date); c != 0 {
			return c < 0
		}
		if out[i].Source != out[j].Source {
			return out[i].Source < out[j].Source
		}
		return out[i].Target < out[j].Target
	})
	return out
}

// PactReader reads one input of an alliance dataset into pacts, counting
// the rows it reads.
type PactReader func(ctx context.Context, in *Input, res *Resolver, opt *Options, sum *Summary, pacts *Pacts, read *int64) (*axis.Document, error)

// ImportPacts is the whole import of an alliance dataset (ATOP, COW):
// every input read with read, their pacts merged, all committed in one
// Write.
func ImportPacts(ctx context.Context, st axis.Store, paths []string, opt Options, format string, read PactReader) (*Summary, error) {
	run, err := Prepare(ctx, st, paths, opt, format)
	if err != nil {
		return nil, err
	}
	var pacts Pacts
	var rows int64
	docs, err := run.ReadAll(func(in *Input) (*axis.Document, error) {
		return read(ctx, in, run.Resolver, &opt, run.Summary, &pacts, &rows)
	})
	if err != nil {
		return run.Summary, err
	}
	run.Summary.SortSkips()
	return run.Summary, Commit(ctx, st, run.Summary, docs, run.Resolver, pacts.Relations())
}
