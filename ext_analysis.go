package axis

import "context"

// UnorderedReader is an optional part of a Reader for whole-graph
// analyses, which sum relations and do not care about their order.
// EachRelationUnordered streams the relations that pass f exactly as
// EachRelation does, but in whatever order is cheapest for the backend (for
// a SQL store: table order, with no ORDER BY). On a large store this avoids
// sorting, or walking the date index with one row lookup per relation.
//
// Package analysis uses it when the Reader implements it and falls back to
// EachRelation otherwise; results do not depend on which is used.
type UnorderedReader interface {
	EachRelationUnordered(ctx context.Context, f RelationFilter, fn func(*Relation) error) error
}

// LeanReader is an optional part of a Reader for whole-graph analyses
// that read every relation once and keep none of them. EachRelationLean
// streams the relations that pass f (which must not ask for evidence, a
// limit or an offset) in no particular order, with every field of the
// relation but its evidence, split into at most parts disjoint slices of
// the store that it reads concurrently (for a SQL store: ranges of ids, one
// connection each).
//
// fn receives the slice's index in [0, parts) and is never called
// concurrently for the same slice, so a caller keeps one accumulator per
// slice. The *Relation, and the Commitment and Quantity it points to, are
// reused or shared between calls: fn must neither keep nor modify them.
// Relations come with the same field values as from EachRelation.
//
// Package analysis uses it when the Reader implements it and falls back to
// UnorderedReader or EachRelation otherwise; results do not depend on which
// is used.
type LeanReader interface {
	EachRelationLean(ctx context.Context, f RelationFilter, parts int, fn func(part int, r *Relation) error) error
}
