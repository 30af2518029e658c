package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"axis"
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
	return w.res, nil
}

// writer is the axis.Writer of one transaction.
type writer struct {
	ctx   context.Context
	tx    *sql.Tx
	res   axis.WriteResult
	codes map[string]bool // known actor codes, loaded on first use
	stmts map[string]*sql.Stmt

	// New rows are numbered here and buffered until flush.
	idsLoaded           bool
	lastRelID, lastEvID int64
	firstEvID           int64 // evidence IDs above it are this Write's
	lastRelIDAtStart    int64
	// created maps the keys of the relations this Write created to their
	// IDs; when keysComplete it holds every key of the store, and a key
	// not in it is new without a lookup.
	created      map[string]int64
	keysComplete bool
	bulk         bool     // in a bulk load (see maybeBulk)
	dropped      []string // DDL of the indexes to rebuild at the end
	pend         []*pendingRel
	pendByKey    map[string]*pendingRel
	pendEv       []pendingEv
	pendEvKeys   map[evKey]bool
	batch        batch // values of one multi-row INSERT (flush)
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
		w.res.DocumentsKnown++
		return false, nil
	}
	d.Ingested = ingested
	w.res.DocumentsNew++
	return true, nil
}

// batchRows is how many rows one multi-row INSERT writes. New relations
// and evidence are buffered and written in such batches: one statement per
// row costs more in database/sql and the driver than SQLite's own work.
const batchRows = 128

// pendingRel is a new relation not yet written.
type pendingRel struct {
	r        axis.Relation // without evidence
	key      string
	status   axis.Status
	events   int
	quantity *axis.Quantity
}

// pendingEv is a new evidence piece not yet written.
type pendingEv struct {
	e    axis.Evidence // ID and RelationID set
	hash []byte
}

type evKey struct {
	rel  int64
	hash [16]byte
}

func keyOf(rel int64, h []byte) evKey {
	k := evKey{rel: rel}
	copy(k.hash[:], h)
	return k
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
	if err := w.loadIDs(); err != nil {
		return axis.PutResult{}, err
	}
	key := r.Key()
	id, known := w.created[key]
	if p, ok := w.pendByKey[key]; ok {
		return w.mergePending(r, p), nil
	}
	if !known && w.keysComplete {
		// created holds every key of the store: this one is new.
		return w.addRelation(r, key)
	}
	var (
		status   string
		events   int
		hasQuant bool
	)
	q, arg := `SELECT id, status, events, quantity IS NOT NULL FROM relations WHERE key = ?`, any(key)
	if known {
		q, arg = `SELECT id, status, events, quantity IS NOT NULL FROM relations WHERE id = ?`, id
	}
	st, err := w.stmt(q)
	if err != nil {
		return axis.PutResult{}, err
	}
	err = st.QueryRowContext(w.ctx, arg).Scan(&id, &status, &events, &hasQuant)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return w.addRelation(r, key)
	case err != nil:
		return axis.PutResult{}, fmt.Errorf("put relation %s: %w", key, err)
	}
	return w.mergeStored(r, id, axis.Status(status), hasQuant)
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
	created := w.lastRelID - w.lastRelIDAtStart
	if w.bulk || created < int64(bulkMin) || created < w.lastRelIDAtStart {
		return nil
	}
	w.bulk = true
	bulkLoads.Add(1)
	if err := w.flush(); err != nil {
		return err
	}
	if !w.keysComplete {
		rows, err := w.tx.QueryContext(w.ctx, `SELECT key, id FROM relations WHERE id <= ?`, w.lastRelIDAtStart)
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
			w.created[k] = id
		}
		if err := rows.Err(); err != nil {
			return err
		}
		w.keysComplete = true
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

func (w *writer) unknownActor(code string) error {
	known := make([]string, 0, len(w.codes))
	for c := range w.codes {
		known = append(known, c)
	}
	sort.Strings(known)
	return axis.FieldErrorf(axis.EINVALID, "actor", "unknown actor code %q; closest known: %s", code, strings.Join(axis.Closest(code, known, 3), ", "))
}

// loadIDs reads the last relation and evidence IDs: the transaction is
// IMMEDIATE, so no one else inserts until it ends and the writer can
// number new rows itself.
func (w *writer) loadIDs() error {
	if w.idsLoaded {
		return nil
	}
	err := w.tx.QueryRowContext(w.ctx, `SELECT (SELECT coalesce(max(id), 0) FROM relations), (SELECT coalesce(max(id), 0) FROM evidence)`).
		Scan(&w.lastRelID, &w.lastEvID)
	if err != nil {
		return err
	}
	w.idsLoaded = true
	w.firstEvID, w.lastRelIDAtStart = w.lastEvID, w.lastRelID
	w.keysComplete = w.lastRelID == 0
	w.pendByKey = map[string]*pendingRel{}
	w.created = map[string]int64{}
	w.pendEvKeys = map[evKey]bool{}
	return nil
}

// addRelation buffers a relation whose key is new, with its evidence.
func (w *writer) addRelation(r *axis.Relation, key string) (axis.PutResult, error) {
	w.lastRelID++
	p := &pendingRel{key: key, status: r.Status, events: r.Events, quantity: r.Quantity}
	p.r = *r
	p.r.ID, p.r.Evidence = w.lastRelID, nil
	r.ID = p.r.ID
	n := w.addEvidence(r, p.r.ID, &p.status)
	w.pend = append(w.pend, p)
	w.pendByKey[key] = p
	w.created[key] = p.r.ID
	w.res.RelationsNew++
	w.res.EvidenceNew += n
	if len(w.pend) >= batchRows || len(w.pendEv) >= batchRows {
		if err := w.flush(); err != nil {
			return axis.PutResult{}, err
		}
		if err := w.maybeBulk(); err != nil {
			return axis.PutResult{}, err
		}
	}
	return axis.PutResult{New: true, NewEvidence: n}, nil
}

// addEvidence buffers the pieces of r not yet stored (nor buffered) for
// relation id, strengthening *status, and returns how many it added. The
// pieces of a relation that was stored before this Write must have been
// filtered by the caller.
func (w *writer) addEvidence(r *axis.Relation, id int64, status *axis.Status) int {
	n := 0
	for _, e := range r.Evidence {
		h := dedupHash(&e)
		k := keyOf(id, h)
		if w.pendEvKeys[k] {
			continue
		}
		w.pendEvKeys[k] = true
		if e.Status == "" {
			e.Status = r.Status
		}
		w.lastEvID++
		e.ID, e.RelationID = w.lastEvID, id
		w.pendEv = append(w.pendEv, pendingEv{e: e, hash: h})
		*status = status.Stronger(e.Status)
		n++
	}
	return n
}

// mergePending merges r into a relation created earlier in this Write.
func (w *writer) mergePending(r *axis.Relation, p *pendingRel) axis.PutResult {
	r.ID = p.r.ID
	n := w.addEvidence(r, p.r.ID, &p.status)
	if n == 0 {
		w.res.RelationsUnchanged++
		return axis.PutResult{}
	}
	p.events += r.Events
	if p.quantity == nil {
		p.quantity = r.Quantity
	}
	w.res.EvidenceNew += n
	w.res.RelationsMerged++
	return axis.PutResult{NewEvidence: n}
}

// mergeStored adds r's new evidence to the stored relation id.
func (w *writer) mergeStored(r *axis.Relation, id int64, status axis.Status, hasQuant bool) (axis.PutResult, error) {
	r.ID = id
	exists, err := w.stmt(`SELECT count(*) FROM evidence WHERE relation_id = ? AND dedup = ?`)
	if err != nil {
		return axis.PutResult{}, err
	}
	fresh := *r
	fresh.Evidence = nil
	for _, e := range r.Evidence {
		var n int
		if err := exists.QueryRowContext(w.ctx, id, dedupHash(&e)).Scan(&n); err != nil {
			return axis.PutResult{}, err
		}
		if n == 0 {
			fresh.Evidence = append(fresh.Evidence, e)
		}
	}
	n := w.addEvidence(&fresh, id, &status)
	if n == 0 {
		w.res.RelationsUnchanged++
		return axis.PutResult{}, nil
	}
	var quantity any
	if !hasQuant && r.Quantity != nil {
		b, err := json.Marshal(r.Quantity)
		if err != nil {
			return axis.PutResult{}, err
		}
		quantity = string(b)
	}
	if _, err := w.exec(`UPDATE relations SET status = ?, events = events + ?, quantity = coalesce(quantity, ?) WHERE id = ?`,
		string(status), r.Events, quantity, id); err != nil {
		return axis.PutResult{}, fmt.Errorf("update relation %d: %w", id, err)
	}
	w.res.EvidenceNew += n
	w.res.RelationsMerged++
	if len(w.pendEv) >= batchRows {
		if err := w.flush(); err != nil {
			return axis.PutResult{}, err
		}
	}
	return axis.PutResult{NewEvidence: n}, nil
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
	if len(w.pend) > 0 {
		for i := 0; i < len(w.pend); i += batchRows {
			for _, p := range w.pend[i:min(i+batchRows, len(w.pend))] {
				var err error
				if b.vals, err = appendRelationRow(b.vals, p); err != nil {
					return err
				}
			}
			if err := w.insert("relations", relationInsertCols, b); err != nil {
				return fmt.Errorf("write relations: %w", err)
			}
		}
		clear(w.pendByKey)
		clear(w.pend)
		w.pend = w.pend[:0]
	}
	if len(w.pendEv) > 0 {
		for i := 0; i < len(w.pendEv); i += batchRows {
			for _, p := range w.pendEv[i:min(i+batchRows, len(w.pendEv))] {
				e := &p.e
				b.vals = append(b.vals, e.ID, e.RelationID, p.hash, e.DocumentID, e.Source, e.URL, dateText(e.Published), e.Sentence,
					int64(e.Start), int64(e.End), e.Method, e.Confidence, string(e.Status), jsonMap(e.Attrs))
			}
			if err := w.insert("evidence", evidenceInsertCols, b); err != nil {
				return fmt.Errorf("write evidence: %w", err)
			}
		}
		clear(w.pendEvKeys)
		clear(w.pendEv)
		w.pendEv = w.pendEv[:0]
	}
	return nil
}

// finish flushes the buffers and indexes the new evidence for full-text
// search in one statement: FTS5 flushes its in-memory index at every
// statement that writes it, so one big insert makes few, large segments.
func (w *writer) finish() error {
	if !w.idsLoaded {
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
	if w.lastEvID > w.firstEvID {
		if _, err := w.exec(`INSERT INTO evidence_fts(rowid, sentence) SELECT id, sentence FROM evidence WHERE id > ? AND id <= ?`, w.firstEvID, w.lastEvID); err != nil {
			return fmt.Errorf("index evidence: %w", err)
		}
	}
	return nil
}

// appendRelationRow appends the values of relationInsertCols for p.
func appendRelationRow(vals []any, p *pendingRel) ([]any, error) {
	r := &p.r
	var cStart, cEnded, commitment, quantity any
	if c := r.Commitment; c != nil {
		b, err := json.Marshal(c)
		if err != nil {
			return nil, err
		}
		commitment = string(b)
		start := c.InForce
		if start.IsZero() {
			start = c.Signed
		}
		cStart, cEnded = dayStart(start), dayStart(c.Ended)
	}
	if p.quantity != nil {
		b, err := json.Marshal(p.quantity)
		if err != nil {
			return nil, err
		}
		quantity = string(b)
	}
	return append(vals, r.ID, p.key, r.Source, r.Target, string(r.Kind), string(r.Kind.Family()), r.Item, dateText(r.Date), dayStart(r.Date), dayEnd(r.Date),
		dateText(r.Until), string(p.status), quantity, int64(p.events), r.GroupID, commitment, cStart, cEnded), nil
}

// dedupHash identifies an evidence piece within its relation: document,
// method, offsets and sentence (128 bits of SHA-256).
func dedupHash(e *axis.Evidence) []byte {
	var stack [256]byte
	b := append(stack[:0], e.DocumentID...)
	b = append(b, 0)
	b = append(b, e.Method...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(e.Start), 10)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(e.End), 10)
	b = append(b, 0)
	b = append(b, e.Sentence...)
	sum := sha256.Sum256(b)
	return append([]byte(nil), sum[:16]...)
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

// civilDays is days(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) without
// building a time (Howard Hinnant's days_from_civil); like time.Date it
// normalizes a day or month out of range.
func civilDays(y, m, d int) int64 {
	if m < 1 || m > 12 || d < 1 || d > 28 {
		return days(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC))
	}
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := yy / 400
	if yy < 0 && yy%400 != 0 {
		era--
	}
	yoe := yy - era*400
	mp := int64((m + 9) % 12)
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// dayStart is the day the period of d starts, or NULL when d is unknown.
func dayStart(d axis.Date) any {
	if d.IsZero() {
		return nil
	}
	return civilDays(d.Year, max(d.Month, 1), max(d.Day, 1))
}

// dayEnd is the first day after the period of d, or NULL when unknown.
func dayEnd(d axis.Date) any {
	switch d.Precision() {
	case axis.PrecisionYear:
		return civilDays(d.Year+1, 1, 1)
	case axis.PrecisionMonth:
		if d.Month == 12 {
			return civilDays(d.Year+1, 1, 1)
		}
		return civilDays(d.Year, d.Month+1, 1)
	case axis.PrecisionDay:
		return days(d.Start()) + 1
	}
	return nil
}

// dateText is d.String() without fmt (it is called three times a relation).
func dateText(d axis.Date) string {
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		return d.String()
	}
	b := make([]byte, 0, 10)
	two := func(n int) { b = append(b, byte('0'+n/10), byte('0'+n%10)) }
	switch d.Precision() {
	case axis.PrecisionUnknown:
		return ""
	case axis.PrecisionDay:
		two(d.Year / 100)
		two(d.Year % 100)
		b = append(b, '-')
		two(d.Month)
		b = append(b, '-')
		two(d.Day)
	case axis.PrecisionMonth:
		two(d.Year / 100)
		two(d.Year % 100)
		b = append(b, '-')
		two(d.Month)
	default:
		two(d.Year / 100)
		two(d.Year % 100)
	}
	return string(b)
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
