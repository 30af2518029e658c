package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"axis"
	"axis/internal/sqlstore"
)

// Actor returns one actor, or ENOTFOUND naming the closest known codes.
func (s *Store) Actor(ctx context.Context, code string) (*axis.Actor, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	rows, err := s.db.QueryContext(ctx, `SELECT `+sqlstore.ActorCols+` FROM actors WHERE code = ?`, code)
	if err != nil {
		return nil, err
	}
	as, err := scanActors(rows)
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		known, err := actorCodes(ctx, s.db)
		if err != nil {
			return nil, err
		}
		return nil, axis.Errorf(axis.ENOTFOUND, "no actor %q; closest known: %s", code, strings.Join(axis.Closest(code, known, 3), ", "))
	}
	return &as[0], nil
}

func scanActors(rows *sql.Rows) ([]axis.Actor, error) {
	defer rows.Close()
	return sqlstore.ScanActors(rows)
}

// Actors lists the actors that pass f, ordered by code. Search matches a
// case-insensitive substring of the code, name or an alias.
func (s *Store) Actors(ctx context.Context, f axis.ActorFilter) ([]axis.Actor, error) {
	q := `SELECT ` + sqlstore.ActorCols + ` FROM actors`
	var args []any
	if len(f.Kinds) > 0 {
		q += ` WHERE kind IN (` + placeholders(len(f.Kinds)) + `)`
		for _, k := range f.Kinds {
			args = append(args, string(k))
		}
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY code`, args...)
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
	var published, ingested string
	err := s.db.QueryRowContext(ctx, `SELECT id, title, publisher, url, path, published, kind, ingested FROM documents WHERE id = ?`, id).
		Scan(&d.ID, &d.Title, &d.Publisher, &d.URL, &d.Path, &published, &d.Kind, &ingested)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, axis.Errorf(axis.ENOTFOUND, "no document %q", id)
	}
	if err != nil {
		return nil, err
	}
	if d.Published, err = sqlstore.StoredDate(published); err != nil {
		return nil, err
	}
	if d.Ingested, err = time.Parse(time.RFC3339Nano, ingested); err != nil {
		return nil, err
	}
	return &d, nil
}

const (
	relationCols = sqlstore.RelationCols
	evidenceCols = sqlstore.EvidenceCols
)

func scanRelation(sc sqlstore.Scanner, r *axis.Relation) error { return sqlstore.ScanRelation(sc, r) }

// Relation returns one relation with its evidence.
func (s *Store) Relation(ctx context.Context, id int64) (*axis.Relation, error) {
	var r axis.Relation
	err := scanRelation(s.db.QueryRowContext(ctx, `SELECT `+relationCols+` FROM relations r WHERE r.id = ?`, id), &r)
	if errors.Is(err, sql.ErrNoRows) {
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
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM relations WHERE id = ?`, relationID).Scan(&n); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, axis.Errorf(axis.ENOTFOUND, "no relation %d", relationID)
	}
	return nil, nil
}

func (s *Store) evidence(ctx context.Context, relationID int64) ([]axis.Evidence, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+evidenceCols+` FROM evidence e WHERE e.relation_id = ? ORDER BY e.id`, relationID)
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

// EachRelation streams the relations that pass f, ordered by date then id.
func (s *Store) EachRelation(ctx context.Context, f axis.RelationFilter, fn func(*axis.Relation) error) error {
	return s.eachRelation(ctx, f, `r.date_start, r.id`, fn)
}

// EachRelationUnordered streams the same relations in id order: a plain
// table scan, where date order makes SQLite walk the date index and look up
// every row apart (several times slower over a whole large store).
func (s *Store) EachRelationUnordered(ctx context.Context, f axis.RelationFilter, fn func(*axis.Relation) error) error {
	return s.eachRelation(ctx, f, `r.id`, fn)
}

var _ axis.UnorderedReader = (*Store)(nil)

func (s *Store) eachRelation(ctx context.Context, f axis.RelationFilter, order string, fn func(*axis.Relation) error) error {
	where, args := filterSQL(&f)
	q := `SELECT ` + relationCols + ` FROM relations r` + where + ` ORDER BY ` + order
	if f.Limit > 0 || f.Offset > 0 {
		limit := f.Limit
		if limit <= 0 {
			limit = -1
		}
		q += ` LIMIT ? OFFSET ?`
		args = append(args, limit, max(f.Offset, 0))
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return sqlstore.EachRelation(ctx, rows, f.WithEvidence, func(rels []axis.Relation) error { return s.loadEvidence(ctx, rels) }, fn)
}

// loadEvidence fills the evidence of a batch of relations in one query.
func (s *Store) loadEvidence(ctx context.Context, rels []axis.Relation) error {
	args := make([]any, len(rels))
	for i := range rels {
		args[i] = rels[i].ID
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+evidenceCols+` FROM evidence e WHERE e.relation_id IN (`+placeholders(len(rels))+`) ORDER BY e.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return sqlstore.FillEvidence(rels, rows)
}

// filterSQL translates f into a WHERE clause with the semantics of
// axis.RelationFilter.Match.
func filterSQL(f *axis.RelationFilter) (string, []any) { return sqlstore.FilterSQL(f, dialect{}) }

// dialect is SQLite's sqlstore.Dialect: ? placeholders, and lists past
// SQLite's limit on parameters passed as one JSON argument.
type dialect struct{}

func (dialect) Param(args *[]any, v any) string {
	*args = append(*args, v)
	return "?"
}

func (dialect) In(args *[]any, col string, vals []string) string { return in(args, col, vals) }

func (dialect) InInt64(args *[]any, col string, vals []int64) string { return in(args, col, vals) }

func in[T any](args *[]any, col string, vals []T) string {
	if len(vals) > 500 {
		// Past SQLite's limit on parameters: pass the list as JSON.
		b, _ := json.Marshal(vals)
		*args = append(*args, string(b))
		return col + ` IN (SELECT value FROM json_each(?))`
	}
	for _, v := range vals {
		*args = append(*args, v)
	}
	return col + ` IN (` + placeholders(len(vals)) + `)`
}

// Stats counts what is stored.
func (s *Store) Stats(ctx context.Context) (axis.Stats, error) {
	st := sqlstore.NewStats()
	err := s.db.QueryRowContext(ctx, sqlstore.StatsCountsSQL).Scan(&st.Actors, &st.Documents, &st.Relations, &st.Evidence)
	if err != nil {
		return st, err
	}
	rows, err := s.db.QueryContext(ctx, sqlstore.StatsGroupsSQL)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	err = sqlstore.AddGroups(&st, rows)
	return st, err
}
