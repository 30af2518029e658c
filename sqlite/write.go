package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"axis"
	"axis/internal/sqlstore"
)

// Write runs fn in one IMMEDIATE transaction: if fn returns an error (or
// panics) everything it wrote is rolled back.
func (s *Store) Write(ctx context.Context, fn func(axis.Writer) error) (res axis.WriteResult, err error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return axis.WriteResult{}, fmt.Errorf("store %s: begin write: %w", s.path, err)
	}
	// SQLite's foreign-key checks are off while the writer writes: they
	// cost three lookups a relation (both actors, and the relation of its
	// evidence) and the writer guarantees them itself: it checks actor
	// codes against the actors table before it writes a relation, and
	// numbers evidence with the IDs of relations it wrote or read. The
	// pragma cannot change inside a transaction, so it is set on the
	// connection around it.
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		conn.Close()
		return axis.WriteResult{}, fmt.Errorf("store %s: begin write: %w", s.path, err)
	}
	defer func() {
		if _, ferr := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON`); ferr != nil {
			// Never hand a connection without the checks back to the pool.
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return axis.WriteResult{}, fmt.Errorf("store %s: begin write: %w", s.path, err)
	}
	w := &writer{ctx: ctx, tx: tx}
	w.Tx = w
	defer func() {
		w.closeStmts()
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
			res = axis.WriteResult{}
		}
	}()
	if err := fn(w); err != nil {
		return axis.WriteResult{}, err
	}
	if err := w.finish(); err != nil {
		return axis.WriteResult{}, err
	}
	if err := tx.Commit(); err != nil {
		return axis.WriteResult{}, fmt.Errorf("store %s: commit: %w", s.path, err)
	}
	return w.Res, nil
}

// writer is the axis.Writer of one transaction: sqlstore.Writer merges
// relations by key and buffers new rows; writer implements its sqlstore.Tx
// with SQLite's SQL and writes the buffers with multi-row INSERTs.
type writer struct {
	sqlstore.Writer
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt

	bulk    bool     // in a bulk load (see maybeBulk)
	dropped []string // DDL of the indexes to rebuild at the end
	batch   batch    // values of one multi-row INSERT (flush)
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

// PutActor inserts or replaces an actor.
func (w *writer) PutActor(a *axis.Actor) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if err := w.LoadCodes(); err != nil {
		return err
	}
	_, err := w.exec(`INSERT INTO actors(code, name, kind, country, aliases, theaters, terms, historical)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(code) DO UPDATE SET name=excluded.name, kind=excluded.kind, country=excluded.country,
			aliases=excluded.aliases, theaters=excluded.theaters, terms=excluded.terms, historical=excluded.historical`,
		a.Code, a.Name, string(a.Kind), a.Country, sqlstore.JSONList(a.Aliases), sqlstore.JSONList(a.Theaters), sqlstore.JSONList(a.Terms), a.Historical)
	if err != nil {
		return fmt.Errorf("put actor %s: %w", a.Code, err)
	}
	w.ActorPut(a.Code)
	return nil
}

// ActorCodes implements sqlstore.Tx.
func (w *writer) ActorCodes() ([]string, error) { return actorCodes(w.ctx, w.tx) }

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
	ingested := d.Ingested.UTC()
	if d.Ingested.IsZero() {
		ingested = time.Now().UTC()
	}
	r, err := w.exec(`INSERT INTO documents(id, title, publisher, url, path, published, kind, ingested)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
		d.ID, d.Title, d.Publisher, d.URL, d.Path, d.Published.String(), d.Kind, ingested.Format(time.RFC3339Nano))
	if err != nil {
		return false, fmt.Errorf("put document %s: %w", d.ID, err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		w.Res.DocumentsKnown++
		return false, nil
	}
	d.Ingested = ingested
	w.Res.DocumentsNew++
	return true, nil
}

// batchRows is how many rows one multi-row INSERT writes. New relations
// and evidence are buffered and written in such batches: one statement per
// row costs more in database/sql and the driver than SQLite's own work.
const batchRows = 128

// FindRelation implements sqlstore.Tx.
func (w *writer) FindRelation(key string, id int64) (found bool, storedID int64, status axis.Status, hasQuant bool, err error) {
	q, arg := `SELECT id, status, quantity IS NOT NULL FROM relations WHERE key = ?`, any(key)
	if id > 0 {
		q, arg = `SELECT id, status, quantity IS NOT NULL FROM relations WHERE id = ?`, id
	}
	st, err := w.stmt(q)
	if err != nil {
		return false, 0, "", false, err
	}
	var s string
	err = st.QueryRowContext(w.ctx, arg).Scan(&storedID, &s, &hasQuant)
	if errors.Is(err, sql.ErrNoRows) {
		return false, 0, "", false, nil
	}
	return err == nil, storedID, axis.Status(s), hasQuant, err
}

// StoredEvidence implements sqlstore.Tx: one indexed lookup a piece.
func (w *writer) StoredEvidence(id int64, hashes [][]byte) ([]bool, error) {
	exists, err := w.stmt(`SELECT count(*) FROM evidence WHERE relation_id = ? AND dedup = ?`)
	if err != nil {
		return nil, err
	}
	stored := make([]bool, len(hashes))
	for i, h := range hashes {
		var n int
		if err := exists.QueryRowContext(w.ctx, id, h).Scan(&n); err != nil {
			return nil, err
		}
		stored[i] = n > 0
	}
	return stored, nil
}

// UpdateRelation implements sqlstore.Tx.
func (w *writer) UpdateRelation(id int64, status axis.Status, events int, quantity any) error {
	_, err := w.exec(`UPDATE relations SET status = ?, events = events + ?, quantity = coalesce(quantity, ?) WHERE id = ?`,
		string(status), events, quantity, id)
	return err
}

// Buffered implements sqlstore.Tx: it flushes batchRows rows at a time,
// and considers a bulk load after a flush of new relations.
func (w *writer) Buffered(created bool) error {
	if !created {
		if len(w.PendEv) >= batchRows {
			return w.flush()
		}
		return nil
	}
	if len(w.Pend) >= batchRows || len(w.PendEv) >= batchRows {
		if err := w.flush(); err != nil {
			return err
		}
		return w.maybeBulk()
	}
	return nil
}

// Bulk loading. Keeping the relation indexes up to date row by row costs
// more than half of an insert; building them once at the end costs less
// than a quarter. So when a Write has created at least bulkMin relations
// and at least as many as the store held before, the writer loads every
// stored key into memory (it no longer needs the key index to find them),
// drops the relation indexes and rebuilds them before commit. Readers see
// the indexes all along: they read the last committed snapshot.
var bulkMin = 20_000

// bulkIndexes are the indexes dropped during a bulk load.
// bulkLoads counts bulk loads, for tests.
var bulkLoads atomic.Int64

var bulkIndexes = []string{"relations_key", "relations_dyad", "relations_target", "relations_date"}

func (w *writer) maybeBulk() error {
	created := w.LastRelID - w.StartRelID
	if w.bulk || created < int64(bulkMin) || created < w.StartRelID {
		return nil
	}
	w.bulk = true
	bulkLoads.Add(1)
	if err := w.flush(); err != nil {
		return err
	}
	if !w.KeysComplete {
		rows, err := w.tx.QueryContext(w.ctx, `SELECT key, id FROM relations WHERE id <= ?`, w.StartRelID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			var id int64
			if err := rows.Scan(&k, &id); err != nil {
				return err
			}
			w.Created[k] = id
		}
		if err := rows.Err(); err != nil {
			return err
		}
		w.KeysComplete = true
	}
	for _, name := range bulkIndexes {
		var ddl string
		err := w.tx.QueryRowContext(w.ctx, `SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`, name).Scan(&ddl)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return err
		}
		w.closeStmts() // dropping an index invalidates prepared statements
		if _, err := w.tx.ExecContext(w.ctx, `DROP INDEX `+name); err != nil {
			return fmt.Errorf("bulk load: drop index %s: %w", name, err)
		}
		w.dropped = append(w.dropped, ddl)
	}
	return nil
}

// LastIDs implements sqlstore.Tx: the transaction is IMMEDIATE, so no one
// else inserts until it ends.
func (w *writer) LastIDs() (rel, ev int64, err error) {
	err = w.tx.QueryRowContext(w.ctx, `SELECT (SELECT coalesce(max(id), 0) FROM relations), (SELECT coalesce(max(id), 0) FROM evidence)`).
		Scan(&rel, &ev)
	return rel, ev, err
}

// A column of a multi-row INSERT, with the value SQLite stores when the
// INSERT leaves it out: columns at their default in every row of a batch
// are left out (binding a value costs more in the driver than storing it).
type column struct {
	name string
	def  any // default value (nil: NULL); required columns have noDefault
}

type required struct{}

var noDefault any = required{}

var relationInsertCols = []column{{"id", noDefault}, {"key", noDefault}, {"source", noDefault}, {"target", noDefault},
	{"kind", noDefault}, {"family", noDefault}, {"item", ""}, {"date", ""}, {"date_start", nil}, {"date_end", nil},
	{"until", ""}, {"status", noDefault}, {"quantity", nil}, {"events", int64(0)}, {"group_id", ""},
	{"commitment", nil}, {"c_start", nil}, {"c_ended", nil}}

var evidenceInsertCols = []column{{"id", noDefault}, {"relation_id", noDefault}, {"dedup", noDefault}, {"document_id", noDefault},
	{"source", ""}, {"url", ""}, {"published", ""}, {"sentence", noDefault}, {"start", int64(0)}, {`"end"`, int64(0)},
	{"method", noDefault}, {"confidence", float64(0)}, {"status", noDefault}, {"attrs", nil}}

// batch holds the values of a multi-row INSERT, row by row.
type batch struct {
	vals []any
	args []any
}

// insert writes the rows in b.vals (len(cols) values each) with one
// multi-row INSERT that leaves out the columns at their default in every
// row.
func (w *writer) insert(table string, cols []column, b *batch) error {
	nc := len(cols)
	rows := len(b.vals) / nc
	var mask uint64 // columns written
	for j, c := range cols {
		if c.def == noDefault {
			mask |= 1 << j
			continue
		}
		for i := j; i < len(b.vals); i += nc {
			if b.vals[i] != c.def {
				mask |= 1 << j
				break
			}
		}
	}
	b.args = b.args[:0]
	for i := 0; i < len(b.vals); i += nc {
		for j := range nc {
			if mask&(1<<j) != 0 {
				b.args = append(b.args, b.vals[i+j])
			}
		}
	}
	_, err := w.exec(insertSQL(table, cols, mask, rows), b.args...)
	clear(b.vals) // drop references to the strings
	b.vals = b.vals[:0]
	return err
}

type insertKey struct {
	table string
	mask  uint64
	rows  int
}

// insertSQL is a multi-row INSERT of rows rows of the columns in mask
// (memoized: the text of a big insert is long).
func insertSQL(table string, cols []column, mask uint64, rows int) string {
	k := insertKey{table, mask, rows}
	if q, ok := insertSQLs.Load(k); ok {
		return q.(string)
	}
	var names []string
	for j, c := range cols {
		if mask&(1<<j) != 0 {
			names = append(names, c.name)
		}
	}
	row := "(" + placeholders(len(names)) + ")"
	q := "INSERT OR FAIL INTO " + table + "(" + strings.Join(names, ", ") + ") VALUES " + strings.TrimSuffix(strings.Repeat(row+",", rows), ",")
	insertSQLs.Store(k, q)
	return q
}

var insertSQLs sync.Map

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// flush writes the buffered relations, then their evidence.
func (w *writer) flush() error {
	b := &w.batch
	if len(w.Pend) > 0 {
		for i := 0; i < len(w.Pend); i += batchRows {
			for _, p := range w.Pend[i:min(i+batchRows, len(w.Pend))] {
				var err error
				if b.vals, err = appendRelationRow(b.vals, p); err != nil {
					return err
				}
			}
			if err := w.insert("relations", relationInsertCols, b); err != nil {
				return fmt.Errorf("write relations: %w", err)
			}
		}
	}
	if len(w.PendEv) > 0 {
		for i := 0; i < len(w.PendEv); i += batchRows {
			for _, p := range w.PendEv[i:min(i+batchRows, len(w.PendEv))] {
				e := &p.E
				b.vals = append(b.vals, e.ID, e.RelationID, p.Hash, e.DocumentID, e.Source, e.URL, sqlstore.DateText(e.Published), e.Sentence,
					int64(e.Start), int64(e.End), e.Method, e.Confidence, string(e.Status), sqlstore.JSONMap(e.Attrs))
			}
			if err := w.insert("evidence", evidenceInsertCols, b); err != nil {
				return fmt.Errorf("write evidence: %w", err)
			}
		}
	}
	w.Flushed()
	return nil
}

// finish flushes the buffers and indexes the new evidence for full-text
// search in one statement: FTS5 flushes its in-memory index at every
// statement that writes it, so one big insert makes few, large segments.
func (w *writer) finish() error {
	if !w.IDsLoaded() {
		return nil
	}
	if err := w.flush(); err != nil {
		return err
	}
	for _, ddl := range w.dropped {
		if _, err := w.tx.ExecContext(w.ctx, ddl); err != nil {
			return fmt.Errorf("bulk load: rebuild index: %w", err)
		}
	}
	if w.LastEvID > w.StartEvID {
		if _, err := w.exec(`INSERT INTO evidence_fts(rowid, sentence) SELECT id, sentence FROM evidence WHERE id > ? AND id <= ?`, w.StartEvID, w.LastEvID); err != nil {
			return fmt.Errorf("index evidence: %w", err)
		}
	}
	return nil
}

// appendRelationRow appends the values of relationInsertCols for p.
func appendRelationRow(vals []any, p *sqlstore.PendingRel) ([]any, error) {
	r := &p.R
	commitment, quantity, cStart, cEnded, err := p.JSONColumns()
	if err != nil {
		return nil, err
	}
	return append(vals, r.ID, p.Key, r.Source, r.Target, string(r.Kind), string(r.Kind.Family()), r.Item, sqlstore.DateText(r.Date), dayStart(r.Date), dayEnd(r.Date),
		sqlstore.DateText(r.Until), string(p.Status), quantity, int64(p.Events), r.GroupID, commitment, dayStart(cStart), dayStart(cEnded)), nil
}

// dayStart is sqlstore.DayStart as a column value: int64, or nil (NULL).
func dayStart(d axis.Date) any {
	if n, ok := sqlstore.DayStart(d); ok {
		return n
	}
	return nil
}

// dayEnd is sqlstore.DayEnd as a column value: int64, or nil (NULL).
func dayEnd(d axis.Date) any {
	if n, ok := sqlstore.DayEnd(d); ok {
		return n
	}
	return nil
}
