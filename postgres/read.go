package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"axis"
)

// Actor returns one actor, or ENOTFOUND naming the closest known codes.
func (s *Store) Actor(ctx context.Context, code string) (*axis.Actor, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	rows, err := s.pool.Query(ctx, `SELECT `+actorCols+` FROM actors WHERE code = $1`, code)
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

const actorCols = `code, name, kind, country, aliases, theaters, terms, historical`

func scanActors(rows pgx.Rows) ([]axis.Actor, error) {
	defer rows.Close()
	var out []axis.Actor
	for rows.Next() {
		var a axis.Actor
		var kind string
		if err := rows.Scan(&a.Code, &a.Name, &kind, &a.Country, &a.Aliases, &a.Theaters, &a.Terms, &a.Historical); err != nil {
			return nil, err
		}
		a.Kind = axis.ActorKind(kind)
		// Empty lists are stored as []: read them back as nil, as written.
		if len(a.Aliases) == 0 {
			a.Aliases = nil
		}
		if len(a.Theaters) == 0 {
			a.Theaters = nil
		}
		if len(a.Terms) == 0 {
			a.Terms = nil
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Actors lists the actors that pass f, ordered by code. Search matches a
// case-insensitive substring of the code, name or an alias.
func (s *Store) Actors(ctx context.Context, f axis.ActorFilter) ([]axis.Actor, error) {
	q := `SELECT ` + actorCols + ` FROM actors`
	var args []any
	if len(f.Kinds) > 0 {
		q += ` WHERE kind = ANY($1)`
		args = append(args, strs(f.Kinds))
	}
	rows, err := s.pool.Query(ctx, q+` ORDER BY code`, args...)
	if err != nil {
		return nil, err
	}
	all, err := scanActors(rows)
	if err != nil {
		return nil, err
	}
	// The search is done here, with Go's case folding, so it agrees with
	// the other stores whatever the database's collation.
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
	if d.Published, err = storedDate(published); err != nil {
		return nil, err
	}
	return &d, nil
}

const relationCols = `r.id, r.source, r.target, r.kind, r.item, r.date, r.until, r.status, r.quantity, r.events, r.group_id, r.commitment`

// relScan holds the columns of relationCols until finish converts them.
type relScan struct {
	r                         *axis.Relation
	kind, date, until, status string
	events                    int32
}

func (x *relScan) dest() []any {
	r := x.r
	return []any{&r.ID, &r.Source, &r.Target, &x.kind, &r.Item, &x.date, &x.until, &x.status, &r.Quantity, &x.events, &r.GroupID, &r.Commitment}
}

func (x *relScan) finish() error {
	r := x.r
	r.Kind, r.Status, r.Events = axis.Kind(x.kind), axis.Status(x.status), int(x.events)
	var err error
	if r.Date, err = storedDate(x.date); err != nil {
		return err
	}
	if r.Until, err = storedDate(x.until); err != nil {
		return err
	}
	return nil
}

func scanRelation(row pgx.Row, r *axis.Relation) error {
	x := relScan{r: r}
	if err := row.Scan(x.dest()...); err != nil {
		return err
	}
	return x.finish()
}

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

const evidenceCols = `e.id, e.relation_id, e.document_id, e.source, e.url, e.published, e.sentence, e.start, e."end", e.method, e.confidence, e.status, e.attrs`

func (s *Store) evidence(ctx context.Context, relationID int64) ([]axis.Evidence, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+evidenceCols+` FROM evidence e WHERE e.relation_id = $1 ORDER BY e.id`, relationID)
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
	start, end        int32
}

func (x *evScan) dest() []any {
	e := x.e
	return []any{&e.ID, &e.RelationID, &e.DocumentID, &e.Source, &e.URL, &x.published, &e.Sentence, &x.start, &x.end,
		&e.Method, &e.Confidence, &x.status, &e.Attrs}
}

func (x *evScan) finish() error {
	e := x.e
	e.Status, e.Start, e.End = axis.Status(x.status), int(x.start), int(x.end)
	var err error
	e.Published, err = storedDate(x.published)
	return err
}

func scanEvidence(row pgx.Row, e *axis.Evidence) error {
	x := evScan{e: e}
	if err := row.Scan(x.dest()...); err != nil {
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
	ids := make([]int64, len(rels))
	for i := range rels {
		idx[rels[i].ID] = i
		ids[i] = rels[i].ID
	}
	rows, err := s.pool.Query(ctx, `SELECT `+evidenceCols+` FROM evidence e WHERE e.relation_id = ANY($1) ORDER BY e.id`, ids)
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

// arg appends v to args and returns its placeholder.
func arg(args *[]any, v any) string {
	*args = append(*args, v)
	return "$" + strconv.Itoa(len(*args))
}

// filterSQL translates f into a WHERE clause with the semantics of
// axis.RelationFilter.Match.
func filterSQL(f *axis.RelationFilter) (string, []any) {
	var conds []string
	var args []any
	if len(f.IDs) > 0 {
		conds = append(conds, `r.id = ANY(`+arg(&args, f.IDs)+`)`)
	}
	if a, b := f.Between[0], f.Between[1]; a != "" {
		pa, pb := arg(&args, a), arg(&args, b)
		conds = append(conds, `((r.source = `+pa+` AND r.target = `+pb+`) OR (r.source = `+pb+` AND r.target = `+pa+`))`)
	}
	if f.Actor != "" {
		p := arg(&args, f.Actor)
		conds = append(conds, `(r.source = `+p+` OR r.target = `+p+`)`)
	}
	if len(f.Actors) > 0 {
		p := arg(&args, f.Actors)
		conds = append(conds, `r.source = ANY(`+p+`) AND r.target = ANY(`+p+`)`)
	}
	if len(f.Kinds) > 0 {
		conds = append(conds, `r.kind = ANY(`+arg(&args, strs(f.Kinds))+`)`)
	}
	if len(f.Families) > 0 {
		conds = append(conds, `r.family = ANY(`+arg(&args, strs(f.Families))+`)`)
	}
	if len(f.Items) > 0 {
		conds = append(conds, `r.item = ANY(`+arg(&args, f.Items)+`)`)
	}
	if len(f.Statuses) > 0 {
		conds = append(conds, `r.status = ANY(`+arg(&args, strs(f.Statuses))+`)`)
	}
	if !f.Since.IsZero() {
		// The relation's period ends after Since starts.
		conds = append(conds, `r.date_end > `+arg(&args, days(f.Since.Start())))
	}
	if !f.Until.IsZero() {
		// The relation's period starts before Until ends.
		conds = append(conds, `r.date_start < `+arg(&args, days(f.Until.End())))
	}
	if !f.At.IsZero() {
		// Commitments in force on At; other relations undated or dated
		// before At ends (axis.Relation.InForceOn).
		atStart, atEnd := arg(&args, days(f.At.Start())), arg(&args, days(f.At.End()))
		conds = append(conds, `(CASE WHEN r.commitment IS NOT NULL
			THEN (r.c_start IS NULL OR r.c_start < `+atEnd+`) AND (r.c_ended IS NULL OR `+atStart+` < r.c_ended)
			ELSE r.date_start IS NULL OR r.date_start < `+atEnd+` END)`)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// Stats counts what is stored.
func (s *Store) Stats(ctx context.Context) (axis.Stats, error) {
	st := axis.Stats{ByFamily: map[string]int{}, ByKind: map[string]int{}, ByStatus: map[string]int{}}
	err := s.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM actors), (SELECT count(*) FROM documents),
		(SELECT count(*) FROM relations), (SELECT count(*) FROM evidence)`).Scan(&st.Actors, &st.Documents, &st.Relations, &st.Evidence)
	if err != nil {
		return st, err
	}
	rows, err := s.pool.Query(ctx, `SELECT family, kind, status, count(*) FROM relations GROUP BY family, kind, status`)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var fam, kind, status string
		var n int64
		if err := rows.Scan(&fam, &kind, &status, &n); err != nil {
			return st, err
		}
		st.ByFamily[fam] += int(n)
		st.ByKind[kind] += int(n)
		st.ByStatus[status] += int(n)
	}
	return st, rows.Err()
}

// storedDate reads a date column back. It takes whatever Date.String
// wrote, even a date ParseDate would refuse, so a stored relation can
// always be read.
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
