package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"axis"
)

// Actor returns one actor, or ENOTFOUND naming the closest known codes.
func (s *Store) Actor(ctx context.Context, code string) (*axis.Actor, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	rows, err := s.db.QueryContext(ctx, `SELECT `+actorCols+` FROM actors WHERE code = ?`, code)
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

const actorCols = `code, name, kind, country, aliases, theaters, terms, historical`

func scanActors(rows *sql.Rows) ([]axis.Actor, error) {
	defer rows.Close()
	var out []axis.Actor
	for rows.Next() {
		var a axis.Actor
		var kind, aliases, theaters, terms string
		if err := rows.Scan(&a.Code, &a.Name, &kind, &a.Country, &aliases, &theaters, &terms, &a.Historical); err != nil {
			return nil, err
		}
		a.Kind = axis.ActorKind(kind)
		if err := unmarshalList(aliases, &a.Aliases); err != nil {
			return nil, err
		}
		if err := unmarshalList(theaters, &a.Theaters); err != nil {
			return nil, err
		}
		if err := unmarshalList(terms, &a.Terms); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func unmarshalList[T any](s string, dst *[]T) error {
	if s == "" || s == "[]" {
		*dst = nil
		return nil
	}
	return json.Unmarshal([]byte(s), dst)
}

// Actors lists the actors that pass f, ordered by code. Search matches a
// case-insensitive substring of the code, name or an alias.
func (s *Store) Actors(ctx context.Context, f axis.ActorFilter) ([]axis.Actor, error) {
	q := `SELECT ` + actorCols + ` FROM actors`
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
	var out []axis.Actor
	search := strings.ToLower(f.Search)
	for i := range all {
		if search == "" || actorMatches(&all[i], search) {
			out = append(out, all[i])
		}
	}
	return page(out, f.Offset, f.Limit), nil
}

func actorMatches(a *axis.Actor, q string) bool {
	if strings.Contains(strings.ToLower(a.Code), q) || strings.Contains(strings.ToLower(a.Name), q) {
		return true
	}
	for _, al := range a.Aliases {
		if strings.Contains(strings.ToLower(al), q) {
			return true
		}
	}
	return false
}

func page[T any](xs []T, offset, limit int) []T {
	if offset > len(xs) {
		return nil
	}
	xs = xs[max(offset, 0):]
	if limit > 0 && limit < len(xs) {
		xs = xs[:limit]
	}
	return xs
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
	if d.Published, err = storedDate(published); err != nil {
		return nil, err
	}
	if d.Ingested, err = time.Parse(time.RFC3339Nano, ingested); err != nil {
		return nil, err
	}
	return &d, nil
}

const relationCols = `r.id, r.source, r.target, r.kind, r.item, r.date, r.until, r.status, r.quantity, r.events, r.group_id, r.commitment`

type scanner interface{ Scan(dst ...any) error }

// relScan holds the columns of relationCols until finish converts them.
type relScan struct {
	r                         *axis.Relation
	kind, date, until, status string
	quantity, commitment      sql.NullString
}

func (x *relScan) dest() []any {
	r := x.r
	return []any{&r.ID, &r.Source, &r.Target, &x.kind, &r.Item, &x.date, &x.until, &x.status, &x.quantity, &r.Events, &r.GroupID, &x.commitment}
}

func (x *relScan) finish() error {
	r := x.r
	r.Kind, r.Status = axis.Kind(x.kind), axis.Status(x.status)
	var err error
	if r.Date, err = storedDate(x.date); err != nil {
		return err
	}
	if r.Until, err = storedDate(x.until); err != nil {
		return err
	}
	if x.quantity.Valid {
		r.Quantity = new(axis.Quantity)
		if err := json.Unmarshal([]byte(x.quantity.String), r.Quantity); err != nil {
			return fmt.Errorf("relation %d: quantity: %w", r.ID, err)
		}
	}
	if x.commitment.Valid {
		r.Commitment = new(axis.Commitment)
		if err := json.Unmarshal([]byte(x.commitment.String), r.Commitment); err != nil {
			return fmt.Errorf("relation %d: commitment: %w", r.ID, err)
		}
	}
	return nil
}

func scanRelation(sc scanner, r *axis.Relation) error {
	x := relScan{r: r}
	if err := sc.Scan(x.dest()...); err != nil {
		return err
	}
	return x.finish()
}

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

const evidenceCols = `e.id, e.relation_id, e.document_id, e.source, e.url, e.published, e.sentence, e.start, e."end", e.method, e.confidence, e.status, e.attrs`

func (s *Store) evidence(ctx context.Context, relationID int64) ([]axis.Evidence, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+evidenceCols+` FROM evidence e WHERE e.relation_id = ? ORDER BY e.id`, relationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []axis.Evidence
	for rows.Next() {
		var e axis.Evidence
		if err := scanEvidence(rows, &e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// evScan holds the columns of evidenceCols until finish converts them.
type evScan struct {
	e                 *axis.Evidence
	published, status string
	attrs             sql.NullString
}

func (x *evScan) dest() []any {
	e := x.e
	return []any{&e.ID, &e.RelationID, &e.DocumentID, &e.Source, &e.URL, &x.published, &e.Sentence, &e.Start, &e.End,
		&e.Method, &e.Confidence, &x.status, &x.attrs}
}

func (x *evScan) finish() error {
	e := x.e
	e.Status = axis.Status(x.status)
	var err error
	if e.Published, err = storedDate(x.published); err != nil {
		return err
	}
	if x.attrs.Valid {
		if err := json.Unmarshal([]byte(x.attrs.String), &e.Attrs); err != nil {
			return fmt.Errorf("evidence %d: attrs: %w", e.ID, err)
		}
	}
	return nil
}

func scanEvidence(sc scanner, e *axis.Evidence) error {
	x := evScan{e: e}
	if err := sc.Scan(x.dest()...); err != nil {
		return err
	}
	return x.finish()
}

// Relations returns the relations that pass f, ordered by date then id.
func (s *Store) Relations(ctx context.Context, f axis.RelationFilter) ([]axis.Relation, error) {
	var out []axis.Relation
	err := s.EachRelation(ctx, f, func(r *axis.Relation) error {
		out = append(out, *r)
		return nil
	})
	return out, err
}

// evidenceBatch is how many relations EachRelation reads before loading
// their evidence in one query.
const evidenceBatch = 256

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
	batch := make([]axis.Relation, 0, evidenceBatch)
	emit := func() error {
		if f.WithEvidence && len(batch) > 0 {
			if err := s.loadEvidence(ctx, batch); err != nil {
				return err
			}
		}
		for i := range batch {
			if err := fn(&batch[i]); err != nil {
				return err
			}
		}
		batch = batch[:0]
		return nil
	}
	for rows.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		batch = append(batch, axis.Relation{})
		if err := scanRelation(rows, &batch[len(batch)-1]); err != nil {
			return err
		}
		if len(batch) == cap(batch) || !f.WithEvidence {
			if err := emit(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return emit()
}

// loadEvidence fills the evidence of a batch of relations in one query.
func (s *Store) loadEvidence(ctx context.Context, rels []axis.Relation) error {
	idx := make(map[int64]int, len(rels))
	args := make([]any, len(rels))
	for i := range rels {
		idx[rels[i].ID] = i
		args[i] = rels[i].ID
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+evidenceCols+` FROM evidence e WHERE e.relation_id IN (`+placeholders(len(rels))+`) ORDER BY e.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var e axis.Evidence
		if err := scanEvidence(rows, &e); err != nil {
			return err
		}
		r := &rels[idx[e.RelationID]]
		r.Evidence = append(r.Evidence, e)
	}
	return rows.Err()
}

// filterSQL translates f into a WHERE clause with the semantics of
// axis.RelationFilter.Match.
func filterSQL(f *axis.RelationFilter) (string, []any) {
	var conds []string
	var args []any
	in := func(col string, vals []any) {
		if len(vals) > 500 {
			// Past SQLite's limit on parameters: pass the list as JSON.
			b, _ := json.Marshal(vals)
			conds = append(conds, col+` IN (SELECT value FROM json_each(?))`)
			args = append(args, string(b))
			return
		}
		conds = append(conds, col+` IN (`+placeholders(len(vals))+`)`)
		args = append(args, vals...)
	}
	if len(f.IDs) > 0 {
		in("r.id", anys(f.IDs))
	}
	if a, b := f.Between[0], f.Between[1]; a != "" {
		conds = append(conds, `((r.source = ? AND r.target = ?) OR (r.source = ? AND r.target = ?))`)
		args = append(args, a, b, b, a)
	}
	if f.Actor != "" {
		conds = append(conds, `(r.source = ? OR r.target = ?)`)
		args = append(args, f.Actor, f.Actor)
	}
	if len(f.Actors) > 0 {
		in("r.source", anys(f.Actors))
		in("r.target", anys(f.Actors))
	}
	if len(f.Kinds) > 0 {
		in("r.kind", anys(f.Kinds))
	}
	if len(f.Families) > 0 {
		in("r.family", anys(f.Families))
	}
	if len(f.Items) > 0 {
		in("r.item", anys(f.Items))
	}
	if len(f.Statuses) > 0 {
		in("r.status", anys(f.Statuses))
	}
	if !f.Since.IsZero() {
		// The relation's period ends after Since starts.
		conds = append(conds, `r.date_end > ?`)
		args = append(args, days(f.Since.Start()))
	}
	if !f.Until.IsZero() {
		// The relation's period starts before Until ends.
		conds = append(conds, `r.date_start < ?`)
		args = append(args, days(f.Until.End()))
	}
	if !f.At.IsZero() {
		// Commitments in force on At; other relations undated or dated
		// before At ends (axis.Relation.InForceOn).
		atStart, atEnd := days(f.At.Start()), days(f.At.End())
		conds = append(conds, `(CASE WHEN r.commitment IS NOT NULL
			THEN (r.c_start IS NULL OR r.c_start < ?) AND (r.c_ended IS NULL OR ? < r.c_ended)
			ELSE r.date_start IS NULL OR r.date_start < ? END)`)
		args = append(args, atEnd, atStart, atEnd)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		switch v := any(x).(type) {
		case axis.Kind:
			out[i] = string(v)
		case axis.Family:
			out[i] = string(v)
		case axis.Status:
			out[i] = string(v)
		default:
			out[i] = v
		}
	}
	return out
}

// Stats counts what is stored.
func (s *Store) Stats(ctx context.Context) (axis.Stats, error) {
	st := axis.Stats{ByFamily: map[string]int{}, ByKind: map[string]int{}, ByStatus: map[string]int{}}
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM actors), (SELECT count(*) FROM documents),
		(SELECT count(*) FROM relations), (SELECT count(*) FROM evidence)`).Scan(&st.Actors, &st.Documents, &st.Relations, &st.Evidence)
	if err != nil {
		return st, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT family, kind, status, count(*) FROM relations GROUP BY family, kind, status`)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var fam, kind, status string
		var n int
		if err := rows.Scan(&fam, &kind, &status, &n); err != nil {
			return st, err
		}
		st.ByFamily[fam] += n
		st.ByKind[kind] += n
		st.ByStatus[status] += n
	}
	return st, rows.Err()
}

// storedDate reads a date column back. It takes whatever Date.String
// wrote, even a date ParseDate would refuse (a Day(2024, 2, 31) built in
// code), so a stored relation can always be read.
func storedDate(s string) (axis.Date, error) {
	if s == "" {
		return axis.Date{}, nil
	}
	var n [3]int
	parts := strings.SplitN(s, "-", 3)
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return axis.Date{}, fmt.Errorf("stored date %q: %w", s, err)
		}
		n[i] = v
	}
	return axis.Date{Year: n[0], Month: n[1], Day: n[2]}, nil
}
