package postgres

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"axis"
	"axis/internal/sqlstore"
)

// Actor returns one actor, or ENOTFOUND naming the closest known codes.
func (s *Store) Actor(ctx context.Context, code string) (*axis.Actor, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	rows, err := s.pool.Query(ctx, `SELECT `+sqlstore.ActorCols+` FROM actors WHERE code = $1`, code)
	if err != nil {
		return nil, err
	}
	as, err := scanActors(rows)
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		known, err := actorCodes(ctx, s.pool)
		if err != nil {
			return nil, err
		}
		return nil, axis.Errorf(axis.ENOTFOUND, "no actor %q; closest known: %s", code, strings.Join(axis.Closest(code, known, 3), ", "))
	}
	return &as[0], nil
}

func scanActors(rows pgx.Rows) ([]axis.Actor, error) {
	defer rows.Close()
	return sqlstore.ScanActors(rows)
}

// Actors lists the actors that pass f, ordered by code. Search matches a
// case-insensitive substring of the code, name or an alias.
func (s *Store) Actors(ctx context.Context, f axis.ActorFilter) ([]axis.Actor, error) {
	q := `SELECT ` + sqlstore.ActorCols + ` FROM actors`
	var args []any
	if len(f.Kinds) > 0 {
		q += ` WHERE kind = ANY($1)`
		args = append(args, sqlstore.Strings(f.Kinds))
	}
	rows, err := s.pool.Query(ctx, q+` ORDER BY code`, args...)
	if err != nil {
		return nil, err
	}
	all, err := scanActors(rows)
	if err != nil {
		return nil, err
	}
	return sqlstore.MatchActors(all, f.Search, f.Offset, f.Limit), nil
}

// Document returns one document.
func (s *Store) Document(ctx context.Context, id string) (*axis.Document, error) {
	var d axis.Document
	var published string
	err := s.pool.QueryRow(ctx, `SELECT id, title, publisher, url, path, published, kind, ingested FROM documents WHERE id = $1`, id).
		Scan(&d.ID, &d.Title, &d.Publisher, &d.URL, &d.Path, &published, &d.Kind, &d.Ingested)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, axis.Errorf(axis.ENOTFOUND, "no document %q", id)
	}
	if err != nil {
		return nil, err
	}
	d.Ingested = d.Ingested.UTC()
	if d.Published, err = sqlstore.StoredDate(published); err != nil {
		return nil, err
	}
	return &d, nil
}

const (
	relationCols = sqlstore.RelationCols
	evidenceCols = sqlstore.EvidenceCols
)

func scanRelation(row pgx.Row, r *axis.Relation) error { return sqlstore.ScanRelation(row, r) }

// Relation returns one relation with its evidence.
func (s *Store) Relation(ctx context.Context, id int64) (*axis.Relation, error) {
	var r axis.Relation
	err := scanRelation(s.pool.QueryRow(ctx, `SELECT `+relationCols+` FROM relations r WHERE r.id = $1`, id), &r)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, axis.Errorf(axis.ENOTFOUND, "no relation %d", id)
	}
	if err != nil {
		return nil, err
	}
	if r.Evidence, err = s.evidence(ctx, id); err != nil {
		return nil, err
	}
	return &r, nil
}

// Evidence returns a relation's evidence, oldest first.
func (s *Store) Evidence(ctx context.Context, relationID int64) ([]axis.Evidence, error) {
	evs, err := s.evidence(ctx, relationID)
	if err != nil || len(evs) > 0 {
		return evs, err
	}
	var ok bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM relations WHERE id = $1)`, relationID).Scan(&ok); err != nil {
		return nil, err
	}
	if !ok {
		return nil, axis.Errorf(axis.ENOTFOUND, "no relation %d", relationID)
	}
	return nil, nil
}

func (s *Store) evidence(ctx context.Context, relationID int64) ([]axis.Evidence, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+evidenceCols+` FROM evidence e WHERE e.relation_id = $1 ORDER BY e.id`, relationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return sqlstore.ScanEvidenceRows(rows)
}

// Relations returns the relations that pass f, ordered by date then id.
func (s *Store) Relations(ctx context.Context, f axis.RelationFilter) ([]axis.Relation, error) {
	return sqlstore.CollectRelations(func(fn func(*axis.Relation) error) error { return s.EachRelation(ctx, f, fn) })
}

// EachRelation streams the relations that pass f, ordered by date (unknown
// first) then id.
func (s *Store) EachRelation(ctx context.Context, f axis.RelationFilter, fn func(*axis.Relation) error) error {
	return s.eachRelation(ctx, f, `r.date_start NULLS FIRST, r.id`, fn)
}

// EachRelationUnordered streams the same relations in id order, which the
// primary key gives without a sort.
func (s *Store) EachRelationUnordered(ctx context.Context, f axis.RelationFilter, fn func(*axis.Relation) error) error {
	return s.eachRelation(ctx, f, `r.id`, fn)
}

var _ axis.UnorderedReader = (*Store)(nil)

func (s *Store) eachRelation(ctx context.Context, f axis.RelationFilter, order string, fn func(*axis.Relation) error) error {
	where, args := filterSQL(&f)
	q := `SELECT ` + relationCols + ` FROM relations r` + where + ` ORDER BY ` + order
	if f.Limit > 0 || f.Offset > 0 {
		var limit any // NULL: no limit
		if f.Limit > 0 {
			limit = f.Limit
		}
		q += ` LIMIT ` + arg(&args, limit) + ` OFFSET ` + arg(&args, max(f.Offset, 0))
	}
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return sqlstore.EachRelation(ctx, rows, f.WithEvidence, func(rels []axis.Relation) error { return s.loadEvidence(ctx, rels) }, fn)
}

// loadEvidence fills the evidence of a batch of relations in one query.
func (s *Store) loadEvidence(ctx context.Context, rels []axis.Relation) error {
	ids := make([]int64, len(rels))
	for i := range rels {
		ids[i] = rels[i].ID
	}
	rows, err := s.pool.Query(ctx, `SELECT `+evidenceCols+` FROM evidence e WHERE e.relation_id = ANY($1) ORDER BY e.id`, ids)
	if err != nil {
		return err
	}
	defer rows.Close()
	return sqlstore.FillEvidence(rels, rows)
}

// arg appends v to args and returns its placeholder.
func arg(args *[]any, v any) string {
	*args = append(*args, v)
	return "$" + strconv.Itoa(len(*args))
}

// filterSQL translates f into a WHERE clause with the semantics of
// axis.RelationFilter.Match.
func filterSQL(f *axis.RelationFilter) (string, []any) { return sqlstore.FilterSQL(f, dialect{}) }

// dialect is PostgreSQL's sqlstore.Dialect: numbered placeholders, and
// lists passed as one array argument (= ANY), whatever their length.
type dialect struct{}

func (dialect) Param(args *[]any, v any) string { return arg(args, v) }

func (dialect) In(args *[]any, col string, vals []string) string {
	return col + ` = ANY(` + arg(args, vals) + `)`
}

func (dialect) InInt64(args *[]any, col string, vals []int64) string {
	return col + ` = ANY(` + arg(args, vals) + `)`
}

// Stats counts what is stored.
func (s *Store) Stats(ctx context.Context) (axis.Stats, error) {
	st := sqlstore.NewStats()
	err := s.pool.QueryRow(ctx, sqlstore.StatsCountsSQL).Scan(&st.Actors, &st.Documents, &st.Relations, &st.Evidence)
	if err != nil {
		return st, err
	}
	rows, err := s.pool.Query(ctx, sqlstore.StatsGroupsSQL)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	err = sqlstore.AddGroups(&st, rows)
	return st, err
}
