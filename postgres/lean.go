package postgres

import (
	"context"

	"golang.org/x/sync/errgroup"

	"axis"
	"axis/internal/sqlstore"
)

// EachRelationLean implements axis.LeanReader: parts scans of disjoint id
// ranges, each on its own pooled connection, so a whole-graph analysis of
// a large store keeps the server's cores and this process's busy at once.
// Unlike the SQLite store's it reads the ordinary columns: pgx decodes them
// in binary, without the per-column cost that made a packed column pay
// there.
func (s *Store) EachRelationLean(ctx context.Context, f axis.RelationFilter, parts int, fn func(part int, r *axis.Relation) error) error {
	if f.WithEvidence || f.Limit > 0 || f.Offset > 0 {
		return axis.Errorf(axis.EINVALID, "EachRelationLean reads no evidence and takes no limit or offset")
	}
	if parts <= 1 {
		return s.eachRelation(ctx, f, `r.id`, func(r *axis.Relation) error { return fn(0, r) })
	}
	var lo, hi *int64
	if err := s.pool.QueryRow(ctx, `SELECT min(id), max(id) FROM relations`).Scan(&lo, &hi); err != nil {
		return err
	}
	if lo == nil {
		return nil
	}
	span := *hi - *lo + 1
	parts = int(min(int64(parts), span))
	bound := func(p int) int64 { return *lo + span*int64(p)/int64(parts) }
	where, args := filterSQL(&f)
	if where == "" {
		where = ` WHERE `
	} else {
		where += ` AND `
	}
	g, ctx := errgroup.WithContext(ctx)
	for p := range parts {
		g.Go(func() error {
			pargs := append([]any(nil), args...)
			q := `SELECT ` + relationCols + ` FROM relations r` + where +
				`r.id >= ` + arg(&pargs, bound(p)) + ` AND r.id < ` + arg(&pargs, bound(p+1)) + ` ORDER BY r.id`
			rows, err := s.pool.Query(ctx, q, pargs...)
			if err != nil {
				return err
			}
			defer rows.Close()
			return sqlstore.EachRelation(ctx, rows, false, nil, func(r *axis.Relation) error { return fn(p, r) })
		})
	}
	return g.Wait()
}

var _ axis.LeanReader = (*Store)(nil)
