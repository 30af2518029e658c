package analysis

import (
	"context"
	"strings"
	"time"

	"axis"
)

// Window limits an analysis in time. Since and Until bound the dates of
// events (transfers, cooperation, hostility); commitments count when they
// are in force on the reference date and did not end before Since. At asks
// for the system as it stood on one day: commitments in force then, other
// relations dated up to it. All zero: everything.
type Window struct {
	Since axis.Date `json:"since"`
	Until axis.Date `json:"until"`
	At    axis.Date `json:"at"`
}

// now is the clock for the default reference date; tests replace it.
var now = time.Now

// Ref is the reference date for recency and for commitments in force: At,
// else Until, else today (UTC).
func (w Window) Ref() axis.Date {
	switch {
	case !w.At.IsZero():
		return w.At
	case !w.Until.IsZero():
		return w.Until
	}
	return axis.DateOf(now())
}

// Validate rejects a window that ends before it starts.
func (w Window) Validate() error {
	if !w.Since.IsZero() && !w.Until.IsZero() && w.Until.Before(w.Since) {
		return axis.FieldErrorf(axis.EINVALID, "until", "--until %s is before --since %s", w.Until, w.Since)
	}
	if !w.At.IsZero() && (!w.Since.IsZero() || !w.Until.IsZero()) {
		return axis.FieldErrorf(axis.EINVALID, "at", "--at asks for one day; use it without --since and --until")
	}
	return nil
}

// Contains reports whether r falls in the window.
func (w Window) Contains(r *axis.Relation) bool {
	if r.Kind.Family() == axis.FamilyCommitment {
		if w.At.IsZero() && w.Until.IsZero() && w.Since.IsZero() {
			return true
		}
		if !w.At.IsZero() || !w.Until.IsZero() {
			if !r.InForceOn(w.Ref()) {
				return false
			}
		}
		if !w.Since.IsZero() && r.Commitment != nil && !r.Commitment.Ended.IsZero() && r.Commitment.Ended.Before(w.Since) {
			return false
		}
		return true
	}
	f := axis.RelationFilter{Since: w.Since, Until: w.Until, At: w.At}
	return f.Match(r)
}

// each streams the relations that pass f and the window. No analysis
// depends on their order, so it uses the store's lean scan
// (axis.LeanReader, in one part) or its unordered scan
// (axis.UnorderedReader) when the store has one; fn must not keep the
// relation it is given.
func each(ctx context.Context, rd axis.Reader, f axis.RelationFilter, win Window, fn func(*axis.Relation) error) error {
	b := win.compile()
	if lr, ok := lean(rd, f); ok {
		return lr.EachRelationLean(ctx, f, 1, func(_ int, r *axis.Relation) error {
			if !b.contains(r) {
				return nil
			}
			return fn(r)
		})
	}
	walk := rd.EachRelation
	if u, ok := rd.(axis.UnorderedReader); ok {
		walk = u.EachRelationUnordered
	}
	return walk(ctx, f, func(r *axis.Relation) error {
		if !b.contains(r) {
			return nil
		}
		return fn(r)
	})
}

// actorCodes upper-cases codes and checks that each actor exists.
func actorCodes(ctx context.Context, rd axis.Reader, codes ...string) ([]string, error) {
	out := make([]string, len(codes))
	seen := map[string]bool{}
	for i, c := range codes {
		c = strings.ToUpper(strings.TrimSpace(c))
		if seen[c] {
			return nil, axis.FieldErrorf(axis.EINVALID, "actors", "actor %s is named twice", c)
		}
		seen[c] = true
		if _, err := rd.Actor(ctx, c); err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

func orDefault(w *Weights) *Weights {
	if w == nil {
		return DefaultWeights()
	}
	return w
}
