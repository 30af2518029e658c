package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"axis"
)

// Scanner is one row of any driver (*sql.Row, *sql.Rows, pgx.Row,
// pgx.Rows).
type Scanner interface{ Scan(dst ...any) error }

// Rows is a result set of any driver (*sql.Rows, pgx.Rows). The caller
// closes it.
type Rows interface {
	Scanner
	Next() bool
	Err() error
}

// The columns the stores read, in the order the scanners below take them.
// Both schemas name and type them alike: JSON columns are read as text,
// integers into int.
const (
	ActorCols    = `code, name, kind, country, aliases, theaters, terms, historical`
	RelationCols = `r.id, r.source, r.target, r.kind, r.item, r.date, r.until, r.status, r.quantity, r.events, r.group_id, r.commitment`
	EvidenceCols = `e.id, e.relation_id, e.document_id, e.source, e.url, e.published, e.sentence, e.start, e."end", e.method, e.confidence, e.status, e.attrs`
)

// ScanActors reads rows of ActorCols.
func ScanActors(rows Rows) ([]axis.Actor, error) {
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

// unmarshalList reads a JSON list column: empty lists (stored as []) are
// read back as nil, as written.
func unmarshalList[T any](s string, dst *[]T) error {
	if s == "" || s == "[]" {
		*dst = nil
		return nil
	}
	return json.Unmarshal([]byte(s), dst)
}

// RelScan holds the columns of RelationCols until Finish converts them.
type RelScan struct {
	r                         *axis.Relation
	kind, date, until, status string
	quantity, commitment      sql.NullString
}

// NewRelScan reads a row into r.
func NewRelScan(r *axis.Relation) RelScan { return RelScan{r: r} }

// Dest is what to pass to Scan.
func (x *RelScan) Dest() []any {
	r := x.r
	return []any{&r.ID, &r.Source, &r.Target, &x.kind, &r.Item, &x.date, &x.until, &x.status, &x.quantity, &r.Events, &r.GroupID, &x.commitment}
}

// Finish converts the scanned columns.
func (x *RelScan) Finish() error {
	r := x.r
	r.Kind, r.Status = axis.Kind(x.kind), axis.Status(x.status)
	var err error
	if r.Date, err = StoredDate(x.date); err != nil {
		return err
	}
	if r.Until, err = StoredDate(x.until); err != nil {
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

// ScanRelation reads a row of RelationCols into r.
func ScanRelation(sc Scanner, r *axis.Relation) error {
	x := RelScan{r: r}
	if err := sc.Scan(x.Dest()...); err != nil {
		return err
	}
	return x.Finish()
}

// EvScan holds the columns of EvidenceCols until Finish converts them.
type EvScan struct {
	e                 *axis.Evidence
	published, status string
	attrs             sql.NullString
}

// NewEvScan reads a row into e.
func NewEvScan(e *axis.Evidence) EvScan { return EvScan{e: e} }

// Dest is what to pass to Scan.
func (x *EvScan) Dest() []any {
	e := x.e
	return []any{&e.ID, &e.RelationID, &e.DocumentID, &e.Source, &e.URL, &x.published, &e.Sentence, &e.Start, &e.End,
		&e.Method, &e.Confidence, &x.status, &x.attrs}
}

// Finish converts the scanned columns.
func (x *EvScan) Finish() error {
	e := x.e
	e.Status = axis.Status(x.status)
	var err error
	if e.Published, err = StoredDate(x.published); err != nil {
		return err
	}
	if x.attrs.Valid {
		if err := json.Unmarshal([]byte(x.attrs.String), &e.Attrs); err != nil {
			return fmt.Errorf("evidence %d: attrs: %w", e.ID, err)
		}
	}
	return nil
}

// ScanEvidence reads a row of EvidenceCols into e.
func ScanEvidence(sc Scanner, e *axis.Evidence) error {
	x := EvScan{e: e}
	if err := sc.Scan(x.Dest()...); err != nil {
		return err
	}
	return x.Finish()
}

// ScanEvidenceRows reads rows of EvidenceCols.
func ScanEvidenceRows(rows Rows) ([]axis.Evidence, error) {
	var out []axis.Evidence
	for rows.Next() {
		var e axis.Evidence
		if err := ScanEvidence(rows, &e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// ScanSearchHits reads rows of EvidenceCols, RelationCols, a snippet and
// a rank.
func ScanSearchHits(rows Rows) ([]axis.SearchHit, error) {
	var hits []axis.SearchHit
	for rows.Next() {
		var h axis.SearchHit
		ev, rel := EvScan{e: &h.Evidence}, RelScan{r: &h.Relation}
		dst := append(ev.Dest(), rel.Dest()...)
		if err := rows.Scan(append(dst, &h.Snippet, &h.Rank)...); err != nil {
			return nil, err
		}
		if err := ev.Finish(); err != nil {
			return nil, err
		}
		if err := rel.Finish(); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// EvidenceBatch is how many relations EachRelation reads before loading
// their evidence in one query.
const EvidenceBatch = 256

// EachRelation streams rows of RelationCols to fn. With evidence, it
// reads EvidenceBatch relations at a time and has load fill their
// evidence (see LoadEvidence) before it calls fn on them.
func EachRelation(ctx context.Context, rows Rows, withEvidence bool, load func([]axis.Relation) error, fn func(*axis.Relation) error) error {
	batch := make([]axis.Relation, 0, EvidenceBatch)
	emit := func() error {
		if withEvidence && len(batch) > 0 {
			if err := load(batch); err != nil {
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
		if err := ScanRelation(rows, &batch[len(batch)-1]); err != nil {
			return err
		}
		if len(batch) == cap(batch) || !withEvidence {
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

// FillEvidence appends the evidence in rows (EvidenceCols, ordered by
// ID), which the caller read for the relations in rels, to those
// relations.
func FillEvidence(rels []axis.Relation, rows Rows) error {
	idx := make(map[int64]int, len(rels))
	for i := range rels {
		idx[rels[i].ID] = i
	}
	for rows.Next() {
		var e axis.Evidence
		if err := ScanEvidence(rows, &e); err != nil {
			return err
		}
		r := &rels[idx[e.RelationID]]
		r.Evidence = append(r.Evidence, e)
	}
	return rows.Err()
}

// MatchActors keeps the actors whose code, name or an alias contains
// search (case-insensitive), then applies offset and limit as
// axis.ActorFilter does. The search is done here, with Go's case folding,
// so the stores agree whatever the database's collation.
func MatchActors(all []axis.Actor, search string, offset, limit int) []axis.Actor {
	var out []axis.Actor
	search = strings.ToLower(search)
	for i := range all {
		if search == "" || actorMatches(&all[i], search) {
			out = append(out, all[i])
		}
	}
	return page(out, offset, limit)
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

// CollectRelations gathers what each streams (a store's EachRelation
// with its filter bound).
func CollectRelations(each func(fn func(*axis.Relation) error) error) ([]axis.Relation, error) {
	var out []axis.Relation
	err := each(func(r *axis.Relation) error {
		out = append(out, *r)
		return nil
	})
	return out, err
}

// StatsSQL are the queries of Stats: the counts of the four tables, and
// the relations by family, kind and status.
const (
	StatsCountsSQL = `SELECT (SELECT count(*) FROM actors), (SELECT count(*) FROM documents),
		(SELECT count(*) FROM relations), (SELECT count(*) FROM evidence)`
	StatsGroupsSQL = `SELECT family, kind, status, count(*) FROM relations GROUP BY family, kind, status`
)

// NewStats returns axis.Stats with its maps made.
func NewStats() axis.Stats {
	return axis.Stats{ByFamily: map[string]int{}, ByKind: map[string]int{}, ByStatus: map[string]int{}}
}

// AddGroups adds the rows of StatsGroupsSQL to st.
func AddGroups(st *axis.Stats, rows Rows) error {
	for rows.Next() {
		var fam, kind, status string
		var n int64
		if err := rows.Scan(&fam, &kind, &status, &n); err != nil {
			return err
		}
		st.ByFamily[fam] += int(n)
		st.ByKind[kind] += int(n)
		st.ByStatus[status] += int(n)
	}
	return rows.Err()
}
