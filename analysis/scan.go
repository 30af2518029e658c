package analysis

import (
	"context"
	"sync"

	"axis"
)

// scanParts is how many concurrent queries a whole-store scan is split
// into. A store with a lean scan (axis.LeanReader) splits the table into
// that many ranges of ids itself. Otherwise, when the store has an
// unordered scan (axis.UnorderedReader), the kinds are split: each
// query then runs on its own connection and core, and skipping the other
// part's rows costs little. An ordered scan walks the date index and reads
// every row to test its kind, so splitting it would only double the work;
// it runs as one query.
var scanParts = 2

// eachPart streams the relations that pass f and win through fn, split
// into up to scanParts concurrent queries (see scanParts). fn receives the part's
// index and is never called concurrently for the same part, so callers keep
// one accumulator per part and merge them in part order (which keeps float
// sums deterministic). Within a part relations come in store order.
func eachPart(ctx context.Context, r axis.Reader, f axis.RelationFilter, win Window, fn func(part int, rel *axis.Relation) error) (int, error) {
	if lr, ok := lean(r, f); ok {
		b := win.compile()
		return scanParts, lr.EachRelationLean(ctx, f, scanParts, func(part int, rel *axis.Relation) error {
			if !b.contains(rel) {
				return nil
			}
			return fn(part, rel)
		})
	}
	kinds := f.Kinds
	if len(kinds) == 0 {
		for _, k := range axis.Ontology {
			if len(f.Families) == 0 || containsFamily(f.Families, k.Family) {
				kinds = append(kinds, k.Kind)
			}
		}
	}
	parts := min(scanParts, len(kinds))
	if _, ok := r.(axis.UnorderedReader); !ok {
		parts = 1
	}
	if parts <= 1 {
		return 1, each(ctx, r, f, win, func(rel *axis.Relation) error { return fn(0, rel) })
	}
	split := make([][]axis.Kind, parts)
	for i, k := range kinds {
		split[i%parts] = append(split[i%parts], k)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for p := 0; p < parts; p++ {
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			pf := f
			pf.Kinds, pf.Families = split[p], nil
			errs[p] = each(ctx, r, pf, win, func(rel *axis.Relation) error { return fn(p, rel) })
			if errs[p] != nil {
				cancel()
			}
		}(p)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil && err != context.Canceled {
			return parts, err
		}
	}
	for _, err := range errs {
		if err != nil {
			return parts, err
		}
	}
	return parts, nil
}

func containsFamily(fs []axis.Family, f axis.Family) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

// lean returns the store's lean scan when it has one and f allows it (no
// evidence, limit or offset). The analyses that use it keep no relation
// past fn, as axis.LeanReader requires.
func lean(r axis.Reader, f axis.RelationFilter) (axis.LeanReader, bool) {
	lr, ok := r.(axis.LeanReader)
	if !ok || f.WithEvidence || f.Limit > 0 || f.Offset > 0 {
		return nil, false
	}
	return lr, true
}
