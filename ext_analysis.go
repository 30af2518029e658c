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
