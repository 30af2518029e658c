package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"axis"
)

// Write runs fn in one transaction: if fn returns an error (or panics)
// everything it wrote is rolled back. The transaction first takes an
// advisory lock, so Writes from every process sharing the database run one
// after the other: the writer can then number new rows itself and tell new
// keys from stored ones without racing another writer.
func (s *Store) Write(ctx context.Context, fn func(axis.Writer) error) (res axis.WriteResult, err error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return axis.WriteResult{}, fmt.Errorf("postgres store %s: begin write: %w", s.url, err)
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback(context.WithoutCancel(ctx))
			panic(p)
		}
		if err != nil {
			tx.Rollback(context.WithoutCancel(ctx))
			res = axis.WriteResult{}
		}
	}()
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(`+lockKey("write")+`)`); err != nil {
		return axis.WriteResult{}, fmt.Errorf("postgres store %s: lock for write: %w", s.url, err)
	}
	w := &writer{ctx: ctx, tx: tx}
	if err := fn(w); err != nil {
		return axis.WriteResult{}, err
	}
	if err := w.flush(); err != nil {
		return axis.WriteResult{}, err
	}
	if err := tx.Commit(ctx); err != nil {
		return axis.WriteResult{}, fmt.Errorf("postgres store %s: commit: %w", s.url, err)
	}
	if w.res.RelationsNew >= analyzeMin {
		// Fresh statistics after a bulk load, so the next queries are
		// planned for the tables' new size rather than waiting for
		// autovacuum. The data is committed: a failure here is no error.
		s.pool.Exec(context.WithoutCancel(ctx), `ANALYZE relations, evidence`)
	}
	return w.res, nil
}

// analyzeMin is how many new relations make Write refresh the planner's
// statistics after it commits.
const analyzeMin = 10_000

// writer is the axis.Writer of one transaction.
type writer struct {
	ctx   context.Context
	tx    pgx.Tx
	res   axis.WriteResult
	codes map[string]bool // known actor codes, loaded on first use

	// New rows are numbered here and buffered until flush, which writes
	// them with COPY.
	idsLoaded           bool
	lastRelID, lastEvID int64
	// created maps the keys of the relations this Write created to their
	// IDs; when keysComplete (the store was empty) it holds every key of
	// the store, and a key not in it is new without a lookup.
	created      map[string]int64
	keysComplete bool
	pend         []*pendingRel
	pendByKey    map[string]*pendingRel
	pendEv       []pendingEv
	pendEvKeys   map[evKey]bool
}

// PutActor inserts or replaces an actor.
func (w *writer) PutActor(a *axis.Actor) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if err := w.loadCodes(); err != nil {
		return err
	}
	_, err := w.tx.Exec(w.ctx, `INSERT INTO actors(code, name, kind, country, aliases, theaters, terms, historical)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, country = excluded.country,
			aliases = excluded.aliases, theaters = excluded.theaters, terms = excluded.terms, historical = excluded.historical`,
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
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func actorCodes(ctx context.Context, q querier) ([]string, error) {
	rows, err := q.Query(ctx, `SELECT code FROM actors ORDER BY code`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// PutDocument inserts d unless a document with its ID is stored.
func (w *writer) PutDocument(d *axis.Document) (bool, error) {
	if err := d.Validate(); err != nil {
		return false, err
	}
	ingested := d.Ingested.UTC()
	if d.Ingested.IsZero() {
		// PostgreSQL keeps microseconds: round here so the caller's copy
		// equals what is read back.
		ingested = time.Now().UTC().Truncate(time.Microsecond)
	}
	tag, err := w.tx.Exec(w.ctx, `INSERT INTO documents(id, title, publisher, url, path, published, kind, ingested)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
		d.ID, d.Title, d.Publisher, d.URL, d.Path, d.Published.String(), d.Kind, ingested)
	if err != nil {
		return false, fmt.Errorf("put document %s: %w", d.ID, err)
	}
	if tag.RowsAffected() == 0 {
		w.res.DocumentsKnown++
		return false, nil
	}
	d.Ingested = ingested
	w.res.DocumentsNew++
	return true, nil
}

// batchRows is how many buffered rows make the writer flush them (one
// COPY per table).
const batchRows = 5000

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
	if p, ok := w.pendByKey[key]; ok {
		return w.mergePending(r, p), nil
	}
	id, known := w.created[key]
	if !known && w.keysComplete {
		return w.addRelation(r, key)
	}
	var (
		status   string
		hasQuant bool
		row      pgx.Row
	)
	if known {
		row = w.tx.QueryRow(w.ctx, `SELECT id, status, quantity IS NOT NULL FROM relations WHERE id = $1`, id)
	} else {
		row = w.tx.QueryRow(w.ctx, `SELECT id, status, quantity IS NOT NULL FROM relations WHERE key = $1`, key)
	}
	err := row.Scan(&id, &status, &hasQuant)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return w.addRelation(r, key)
	case err != nil:
		return axis.PutResult{}, fmt.Errorf("put relation %s: %w", key, err)
	}
	return w.mergeStored(r, id, axis.Status(status), hasQuant)
}

func (w *writer) unknownActor(code string) error {
	known := make([]string, 0, len(w.codes))
	for c := range w.codes {
		known = append(known, c)
	}
	sort.Strings(known)
	return axis.FieldErrorf(axis.EINVALID, "actor", "unknown actor code %q; closest known: %s", code, strings.Join(axis.Closest(code, known, 3), ", "))
}

// loadIDs reads the last relation and evidence IDs: Write holds the write
// lock, so no one else inserts until it ends and the writer numbers new
// rows itself.
func (w *writer) loadIDs() error {
	if w.idsLoaded {
		return nil
	}
	err := w.tx.QueryRow(w.ctx, `SELECT (SELECT coalesce(max(id), 0) FROM relations), (SELECT coalesce(max(id), 0) FROM evidence)`).
		Scan(&w.lastRelID, &w.lastEvID)
	if err != nil {
		return err
	}
	w.idsLoaded = true
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
	if err := w.maybeFlush(); err != nil {
		return axis.PutResult{}, err
	}
	return axis.PutResult{New: true, NewEvidence: n}, nil
}

// addEvidence buffers the pieces of r not yet buffered for relation id,
// strengthening *status, and returns how many it added. The pieces already
// stored must have been filtered by the caller.
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

// mergePending merges r into a relation created earlier in this Write and
// not yet flushed.
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
	rows, err := w.tx.Query(w.ctx, `SELECT dedup FROM evidence WHERE relation_id = $1`, id)
	if err != nil {
		return axis.PutResult{}, err
	}
	stored, err := pgx.CollectRows(rows, pgx.RowTo[[]byte])
	if err != nil {
		return axis.PutResult{}, err
	}
	have := make(map[evKey]bool, len(stored))
	for _, h := range stored {
		have[keyOf(id, h)] = true
	}
	fresh := *r
	fresh.Evidence = nil
	for _, e := range r.Evidence {
		if !have[keyOf(id, dedupHash(&e))] {
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
	if _, err := w.tx.Exec(w.ctx, `UPDATE relations SET status = $1, events = events + $2, quantity = coalesce(quantity, $3::jsonb) WHERE id = $4`,
		string(status), r.Events, quantity, id); err != nil {
		return axis.PutResult{}, fmt.Errorf("update relation %d: %w", id, err)
	}
	w.res.EvidenceNew += n
	w.res.RelationsMerged++
	if err := w.maybeFlush(); err != nil {
		return axis.PutResult{}, err
	}
	return axis.PutResult{NewEvidence: n}, nil
}

func (w *writer) maybeFlush() error {
	if len(w.pend) >= batchRows || len(w.pendEv) >= batchRows {
		return w.flush()
	}
	return nil
}

var relationCopyCols = []string{"id", "key", "source", "target", "kind", "family", "item", "date", "date_start", "date_end",
	"until", "status", "quantity", "events", "group_id", "commitment", "c_start", "c_ended"}

var evidenceCopyCols = []string{"id", "relation_id", "dedup", "document_id", "source", "url", "published", "sentence",
	"start", "end", "method", "confidence", "status", "attrs"}

// flush writes the buffered relations, then their evidence, each with one
// COPY.
func (w *writer) flush() error {
	if len(w.pend) > 0 {
		rows := make([][]any, 0, len(w.pend))
		for _, p := range w.pend {
			row, err := relationRow(p)
			if err != nil {
				return err
			}
			rows = append(rows, row)
		}
		if _, err := w.tx.CopyFrom(w.ctx, pgx.Identifier{"relations"}, relationCopyCols, pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("write relations: %w", err)
		}
		clear(w.pendByKey)
		clear(w.pend)
		w.pend = w.pend[:0]
	}
	if len(w.pendEv) > 0 {
		rows := make([][]any, 0, len(w.pendEv))
		for _, p := range w.pendEv {
			e := &p.e
			rows = append(rows, []any{e.ID, e.RelationID, p.hash, e.DocumentID, e.Source, e.URL, e.Published.String(), e.Sentence,
				int32(e.Start), int32(e.End), e.Method, e.Confidence, string(e.Status), jsonMap(e.Attrs)})
		}
		if _, err := w.tx.CopyFrom(w.ctx, pgx.Identifier{"evidence"}, evidenceCopyCols, pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("write evidence: %w", err)
		}
		clear(w.pendEvKeys)
		clear(w.pendEv)
		w.pendEv = w.pendEv[:0]
	}
	return nil
}

// relationRow is the row of relationCopyCols for p.
func relationRow(p *pendingRel) ([]any, error) {
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
	return []any{r.ID, p.key, r.Source, r.Target, string(r.Kind), string(r.Kind.Family()), r.Item, r.Date.String(), dayStart(r.Date), dayEnd(r.Date),
		r.Until.String(), string(p.status), quantity, int32(p.events), r.GroupID, commitment, cStart, cEnded}, nil
}

// dedupHash identifies an evidence piece within its relation: document,
// method, offsets and sentence (128 bits of SHA-256), as in the sqlite
// store.
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
func days(t time.Time) int32 {
	s := t.Unix()
	d := s / secondsPerDay
	if s%secondsPerDay < 0 {
		d--
	}
	return int32(d)
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
