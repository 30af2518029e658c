package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"axis"
)

// Write runs fn in one IMMEDIATE transaction: if fn returns an error (or
// panics) everything it wrote is rolled back.
func (s *Store) Write(ctx context.Context, fn func(axis.Writer) error) (res axis.WriteResult, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return axis.WriteResult{}, fmt.Errorf("store %s: begin write: %w", s.path, err)
	}
	w := &writer{ctx: ctx, tx: tx}
	defer func() {
		w.closeStmts()
		if err != nil {
			tx.Rollback()
			res = axis.WriteResult{}
		}
	}()
	defer func() {
		if p := recover(); p != nil {
			w.closeStmts()
			tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(w); err != nil {
		return axis.WriteResult{}, err
	}
	if err := w.flush(); err != nil {
		return axis.WriteResult{}, err
	}
	if err := tx.Commit(); err != nil {
		return axis.WriteResult{}, fmt.Errorf("store %s: commit: %w", s.path, err)
	}
	return w.res, nil
}

// writer is the axis.Writer of one transaction.
type writer struct {
	ctx   context.Context
	tx    *sql.Tx
	res   axis.WriteResult
	codes map[string]bool // known actor codes, loaded on first use
	stmts map[string]*sql.Stmt
}

func (w *writer) stmt(q string) (*sql.Stmt, error) {
	if st, ok := w.stmts[q]; ok {
		return st, nil
	}
	if w.stmts == nil {
		w.stmts = map[string]*sql.Stmt{}
	}
	st, err := w.tx.PrepareContext(w.ctx, q)
	if err != nil {
		return nil, err
	}
	w.stmts[q] = st
	return st, nil
}

func (w *writer) exec(q string, args ...any) (sql.Result, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(w.ctx, args...)
}

func (w *writer) closeStmts() {
	for _, st := range w.stmts {
		st.Close()
	}
	w.stmts = nil
}

func (w *writer) flush() error { return nil }

// PutActor inserts or replaces an actor.
func (w *writer) PutActor(a *axis.Actor) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if err := w.loadCodes(); err != nil {
		return err
	}
	_, err := w.exec(`INSERT INTO actors(code, name, kind, country, aliases, theaters, terms, historical)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(code) DO UPDATE SET name=excluded.name, kind=excluded.kind, country=excluded.country,
			aliases=excluded.aliases, theaters=excluded.theaters, terms=excluded.terms, historical=excluded.historical`,
		a.Code, a.Name, string(a.Kind), a.Country, jsonList(a.Aliases), jsonList(a.Theaters), jsonList(a.Terms), a.Historical)
	if err != nil {
		return fmt.Errorf("put actor %s: %w", a.Code, err)
	}
	w.codes[a.Code] = true
	w.res.ActorsPut++
	return nil
}

func (w *writer) loadCodes() error {
	if w.codes != nil {
		return nil
	}
	codes, err := actorCodes(w.ctx, w.tx)
	if err != nil {
		return err
	}
	w.codes = make(map[string]bool, len(codes))
	for _, c := range codes {
		w.codes[c] = true
	}
	return nil
}

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

func actorCodes(ctx context.Context, q querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT code FROM actors ORDER BY code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// PutDocument inserts d unless a document with its ID is stored.
func (w *writer) PutDocument(d *axis.Document) (bool, error) {
	if err := d.Validate(); err != nil {
		return false, err
	}
	ingested := d.Ingested
	if ingested.IsZero() {
		ingested = time.Now().UTC()
	}
	r, err := w.exec(`INSERT INTO documents(id, title, publisher, url, path, published, kind, ingested)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
		d.ID, d.Title, d.Publisher, d.URL, d.Path, d.Published.String(), d.Kind, ingested.Format(time.RFC3339Nano))
	if err != nil {
		return false, fmt.Errorf("put document %s: %w", d.ID, err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		w.res.DocumentsKnown++
		return false, nil
	}
	d.Ingested = ingested
	w.res.DocumentsNew++
	return true, nil
}

// PutRelation merges r by its key (see axis.Writer).
func (w *writer) PutRelation(r *axis.Relation) (axis.PutResult, error) {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return axis.PutResult{}, err
	}
	if err := w.loadCodes(); err != nil {
		return axis.PutResult{}, err
	}
	for _, code := range []string{r.Source, r.Target} {
		if !w.codes[code] {
			return axis.PutResult{}, w.unknownActor(code)
		}
	}
	key := r.Key()
	var (
		id       int64
		status   string
		events   int
		hasQuant bool
	)
	st, err := w.stmt(`SELECT id, status, events, quantity IS NOT NULL FROM relations WHERE key = ?`)
	if err != nil {
		return axis.PutResult{}, err
	}
	err = st.QueryRowContext(w.ctx, key).Scan(&id, &status, &events, &hasQuant)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return w.insertRelation(r, key)
	case err != nil:
		return axis.PutResult{}, fmt.Errorf("put relation %s: %w", key, err)
	}
	return w.mergeRelation(r, id, axis.Status(status), events, hasQuant)
}

func (w *writer) unknownActor(code string) error {
	known := make([]string, 0, len(w.codes))
	for c := range w.codes {
		known = append(known, c)
	}
	sort.Strings(known)
	return axis.FieldErrorf(axis.EINVALID, "actor", "unknown actor code %q; closest known: %s", code, strings.Join(axis.Closest(code, known, 3), ", "))
}

// insertRelation stores a relation whose key is new, with its evidence.
func (w *writer) insertRelation(r *axis.Relation, key string) (axis.PutResult, error) {
	// Deduplicate the evidence among itself and settle the status first,
	// so the relation row is written once with its final values.
	evs := make([]axis.Evidence, 0, len(r.Evidence))
	hashes := make([][]byte, 0, len(r.Evidence))
	seen := map[string]bool{}
	status := r.Status
	for _, e := range r.Evidence {
		h := dedupHash(&e)
		if seen[string(h)] {
			continue
		}
		seen[string(h)] = true
		if e.Status == "" {
			e.Status = r.Status
		}
		status = status.Stronger(e.Status)
		evs = append(evs, e)
		hashes = append(hashes, h)
	}
	var cStart, cEnded any
	var commitment any
	if c := r.Commitment; c != nil {
		b, err := json.Marshal(c)
		if err != nil {
			return axis.PutResult{}, err
		}
		commitment = string(b)
		start := c.InForce
		if start.IsZero() {
			start = c.Signed
		}
		cStart, cEnded = dayStart(start), dayStart(c.Ended)
	}
	var quantity any
	if r.Quantity != nil {
		b, err := json.Marshal(r.Quantity)
		if err != nil {
			return axis.PutResult{}, err
		}
		quantity = string(b)
	}
	res, err := w.exec(`INSERT INTO relations(key, source, target, kind, family, item, date, date_start, date_end,
			until, status, quantity, events, group_id, commitment, c_start, c_ended)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		key, r.Source, r.Target, string(r.Kind), string(r.Kind.Family()), r.Item, r.Date.String(), dayStart(r.Date), dayEnd(r.Date),
		r.Until.String(), string(status), quantity, r.Events, r.GroupID, commitment, cStart, cEnded)
	if err != nil {
		return axis.PutResult{}, fmt.Errorf("put relation %s: %w", key, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return axis.PutResult{}, err
	}
	r.ID = id
	for i := range evs {
		if err := w.insertEvidence(id, &evs[i], hashes[i]); err != nil {
			return axis.PutResult{}, err
		}
	}
	w.res.RelationsNew++
	w.res.EvidenceNew += len(evs)
	return axis.PutResult{New: true, NewEvidence: len(evs)}, nil
}

// insertEvidence stores one evidence piece, which must not be stored yet.
func (w *writer) insertEvidence(relID int64, e *axis.Evidence, hash []byte) error {
	res, err := w.exec(`INSERT INTO evidence(relation_id, dedup, document_id, source, url, published, sentence, start, "end",
			method, confidence, status, attrs)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		relID, hash, e.DocumentID, e.Source, e.URL, e.Published.String(), e.Sentence, e.Start, e.End,
		e.Method, e.Confidence, string(e.Status), jsonMap(e.Attrs))
	if err != nil {
		return fmt.Errorf("put evidence of relation %d: %w", relID, err)
	}
	evID, err := res.LastInsertId()
	if err != nil {
		return err
	}
	if _, err := w.exec(`INSERT INTO evidence_fts(rowid, sentence) VALUES (?, ?)`, evID, e.Sentence); err != nil {
		return fmt.Errorf("index evidence %d: %w", evID, err)
	}
	return nil
}

// mergeRelation adds r's new evidence to the stored relation id.
func (w *writer) mergeRelation(r *axis.Relation, id int64, status axis.Status, events int, hasQuant bool) (axis.PutResult, error) {
	r.ID = id
	var res axis.PutResult
	exists, err := w.stmt(`SELECT count(*) FROM evidence WHERE relation_id = ? AND dedup = ?`)
	if err != nil {
		return res, err
	}
	for _, e := range r.Evidence {
		h := dedupHash(&e)
		var n int
		if err := exists.QueryRowContext(w.ctx, id, h).Scan(&n); err != nil {
			return res, err
		}
		if n > 0 {
			continue
		}
		if e.Status == "" {
			e.Status = r.Status
		}
		if err := w.insertEvidence(id, &e, h); err != nil {
			return res, err
		}
		status = status.Stronger(e.Status)
		res.NewEvidence++
	}
	if res.NewEvidence == 0 {
		w.res.RelationsUnchanged++
		return res, nil
	}
	var quantity any
	if !hasQuant && r.Quantity != nil {
		b, err := json.Marshal(r.Quantity)
		if err != nil {
			return res, err
		}
		quantity = string(b)
	}
	if _, err := w.exec(`UPDATE relations SET status = ?, events = events + ?, quantity = coalesce(quantity, ?) WHERE id = ?`,
		string(status), r.Events, quantity, id); err != nil {
		return res, fmt.Errorf("update relation %d: %w", id, err)
	}
	w.res.EvidenceNew += res.NewEvidence
	w.res.RelationsMerged++
	return res, nil
}

// dedupHash identifies an evidence piece within its relation: document,
// method, offsets and sentence (128 bits of SHA-256).
func dedupHash(e *axis.Evidence) []byte {
	h := sha256.New()
	h.Write([]byte(e.DocumentID))
	h.Write([]byte{0})
	h.Write([]byte(e.Method))
	h.Write([]byte{0})
	h.Write(strconv.AppendInt(nil, int64(e.Start), 10))
	h.Write([]byte{0})
	h.Write(strconv.AppendInt(nil, int64(e.End), 10))
	h.Write([]byte{0})
	h.Write([]byte(e.Sentence))
	return h.Sum(nil)[:16]
}

const secondsPerDay = 86400

// days counts whole days since 1970-01-01 (t is always midnight UTC here).
func days(t time.Time) int64 {
	s := t.Unix()
	d := s / secondsPerDay
	if s%secondsPerDay < 0 {
		d--
	}
	return d
}

// dayStart is the day the period of d starts, or NULL when d is unknown.
func dayStart(d axis.Date) any {
	if d.IsZero() {
		return nil
	}
	return days(d.Start())
}

// dayEnd is the first day after the period of d, or NULL when unknown.
func dayEnd(d axis.Date) any {
	if d.IsZero() {
		return nil
	}
	return days(d.End())
}

func jsonList[T any](xs []T) string {
	if len(xs) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(xs)
	return string(b)
}

func jsonMap(m map[string]string) any {
	if m == nil {
		return nil
	}
	b, _ := json.Marshal(m)
	return string(b)
}
