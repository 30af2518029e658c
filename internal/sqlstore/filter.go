package sqlstore

import (
	"strings"

	"axis"
)

// Dialect writes the parts of a WHERE clause that differ between SQL
// dialects: placeholders and lists of values.
type Dialect interface {
	// Param appends v to args and returns its placeholder.
	Param(args *[]any, v any) string
	// In is the condition "col is one of vals", appending its arguments
	// to args.
	In(args *[]any, col string, vals []string) string
	// InInt64 is In for integer columns.
	InInt64(args *[]any, col string, vals []int64) string
}

// FilterSQL translates f into a WHERE clause (with a leading space, or ""
// when f keeps every relation) over relations r, with the semantics of
// axis.RelationFilter.Match, and the arguments of its placeholders.
func FilterSQL(f *axis.RelationFilter, d Dialect) (string, []any) {
	var conds []string
	var args []any
	p := func(v any) string { return d.Param(&args, v) }
	if len(f.IDs) > 0 {
		conds = append(conds, d.InInt64(&args, "r.id", f.IDs))
	}
	if a, b := f.Between[0], f.Between[1]; a != "" {
		conds = append(conds, `((r.source = `+p(a)+` AND r.target = `+p(b)+`) OR (r.source = `+p(b)+` AND r.target = `+p(a)+`))`)
	}
	if f.Actor != "" {
		conds = append(conds, `(r.source = `+p(f.Actor)+` OR r.target = `+p(f.Actor)+`)`)
	}
	if len(f.Actors) > 0 {
		conds = append(conds, d.In(&args, "r.source", f.Actors), d.In(&args, "r.target", f.Actors))
	}
	if len(f.Kinds) > 0 {
		conds = append(conds, d.In(&args, "r.kind", Strings(f.Kinds)))
	}
	if len(f.Families) > 0 {
		conds = append(conds, d.In(&args, "r.family", Strings(f.Families)))
	}
	if len(f.Items) > 0 {
		conds = append(conds, d.In(&args, "r.item", f.Items))
	}
	if len(f.Statuses) > 0 {
		conds = append(conds, d.In(&args, "r.status", Strings(f.Statuses)))
	}
	if !f.Since.IsZero() {
		// The relation's period ends after Since starts.
		conds = append(conds, `r.date_end > `+p(Days(f.Since.Start())))
	}
	if !f.Until.IsZero() {
		// The relation's period starts before Until ends.
		conds = append(conds, `r.date_start < `+p(Days(f.Until.End())))
	}
	if !f.At.IsZero() {
		// Commitments in force on At; other relations undated or dated
		// before At ends (axis.Relation.InForceOn).
		atStart, atEnd := Days(f.At.Start()), Days(f.At.End())
		conds = append(conds, `(CASE WHEN r.commitment IS NOT NULL
			THEN (r.c_start IS NULL OR r.c_start < `+p(atEnd)+`) AND (r.c_ended IS NULL OR `+p(atStart)+` < r.c_ended)
			ELSE r.date_start IS NULL OR r.date_start < `+p(atEnd)+` END)`)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

// Strings converts a list of string-like values (kinds, families,
// statuses) to strings.
func Strings[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}
