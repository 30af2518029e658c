package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"axis"
	"axis/internal/sqlstore"
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
	if err := lockForWrite(ctx, tx); err != nil {
		return axis.WriteResult{}, fmt.Errorf("postgres store %s: %w", s.url, err)
	}
	w := &writer{ctx: ctx, tx: tx}
	w.Tx = w
	if err := fn(w); err != nil {
		return axis.WriteResult{}, err
	}
	if err := w.flush(); err != nil {
		return axis.WriteResult{}, err
	}
	if err := tx.Commit(ctx); err != nil {
		return axis.WriteResult{}, fmt.Errorf("postgres store %s: commit: %w", s.url, err)
	}
	if w.Res.RelationsNew >= analyzeMin {
		// Fresh statistics after a bulk load, so the next queries are
		// planned for the tables' new size rather than waiting for
		// autovacuum. The data is committed: a failure here is no error.
		s.pool.Exec(context.WithoutCancel(ctx), `ANALYZE relations, evidence`)
	}
	return w.Res, nil
}

// WriteLockTimeout is how long a Write waits while another one (from this
// or another process) holds the store, as the SQLite store's busy timeout.
var WriteLockTimeout = 10 * time.Second

// lockForWrite takes the store's write lock for the transaction, waiting
// at most WriteLockTimeout.
func lockForWrite(ctx context.Context, tx pgx.Tx) error {
	ms := strconv.FormatInt(WriteLockTimeout.Milliseconds(), 10)
	if _, err := tx.Exec(ctx, `SET LOCAL lock_timeout = `+ms); err != nil {
		return fmt.Errorf("lock for write: %w", err)
	}
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(`+lockKey("write")+`)`)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "55P03" { // lock_not_available
		return axis.Errorf(axis.ECONFLICT, "another write has held the store for over %s; try again when it is done", WriteLockTimeout)
	}
	if err != nil {
		return fmt.Errorf("lock for write: %w", err)
	}
	// Statements after the lock may wait on row locks as long as they need.
	if _, err := tx.Exec(ctx, `SET LOCAL lock_timeout = 0`); err != nil {
		return fmt.Errorf("lock for write: %w", err)
	}
	return nil
}

// analyzeMin is how many new relations make Write refresh the planner's
// statistics after it commits.
const analyzeMin = 10_000

// writer is the axis.Writer of one transaction: sqlstore.Writer merges
// relations by key and numbers and buffers new rows; writer implements its
// sqlstore.Tx with PostgreSQL's SQL and writes the buffers with COPY.
type writer struct {
	sqlstore.Writer
	ctx context.Context
	tx  pgx.Tx
}

// PutActor inserts or replaces an actor.
func (w *writer) PutActor(a *axis.Actor) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if err := w.LoadCodes(); err != nil {
		return err
	}
	_, err := w.tx.Exec(w.ctx, `INSERT INTO actors(code, name, kind, country, aliases, theaters, terms, historical)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, country = excluded.country,
			aliases = excluded.aliases, theaters = excluded.theaters, terms = excluded.terms, historical = excluded.historical`,
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
		w.Res.DocumentsKnown++
		return false, nil
	}
	d.Ingested = ingested
	w.Res.DocumentsNew++
	return true, nil
}

// batchRows is how many buffered rows make the writer flush them (one
// COPY per table).
const batchRows = 5000

// FindRelation implements sqlstore.Tx.
func (w *writer) FindRelation(key string, id int64) (found bool, storedID int64, status axis.Status, hasQuant bool, err error) {
	var row pgx.Row
	if id > 0 {
		row = w.tx.QueryRow(w.ctx, `SELECT id, status, quantity IS NOT NULL FROM relations WHERE id = $1`, id)
	} else {
		row = w.tx.QueryRow(w.ctx, `SELECT id, status, quantity IS NOT NULL FROM relations WHERE key = $1`, key)
	}
	var s string
	err = row.Scan(&storedID, &s, &hasQuant)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, 0, "", false, nil
	}
	return err == nil, storedID, axis.Status(s), hasQuant, err
}

// StoredEvidence implements sqlstore.Tx: one query reads the relation's
// dedup hashes (a round trip a piece would cost more over the network).
func (w *writer) StoredEvidence(id int64, hashes [][]byte) ([]bool, error) {
	rows, err := w.tx.Query(w.ctx, `SELECT dedup FROM evidence WHERE relation_id = $1`, id)
	if err != nil {
		return nil, err
	}
	stored, err := pgx.CollectRows(rows, pgx.RowTo[[]byte])
	if err != nil {
		return nil, err
	}
	have := make(map[string]bool, len(stored))
	for _, h := range stored {
		have[string(h)] = true
	}
	out := make([]bool, len(hashes))
	for i, h := range hashes {
		out[i] = have[string(h)]
	}
	return out, nil
}

// UpdateRelation implements sqlstore.Tx.
func (w *writer) UpdateRelation(id int64, status axis.Status, events int, quantity any) error {
	_, err := w.tx.Exec(w.ctx, `UPDATE relations SET status = $1, events = events + $2, quantity = coalesce(quantity, $3::jsonb) WHERE id = $4`,
		string(status), events, quantity, id)
	return err
}

// LastIDs implements sqlstore.Tx: Write holds the write lock, so no one
// else inserts until it ends.
func (w *writer) LastIDs() (rel, ev int64, err error) {
	err = w.tx.QueryRow(w.ctx, `SELECT (SELECT coalesce(max(id), 0) FROM relations), (SELECT coalesce(max(id), 0) FROM evidence)`).
		Scan(&rel, &ev)
	return rel, ev, err
}

// Buffered implements sqlstore.Tx: it flushes batchRows rows at a time.
func (w *writer) Buffered(bool) error {
	if len(w.Pend) >= batchRows || len(w.PendEv) >= batchRows {
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
	if len(w.Pend) > 0 {
		rows := make([][]any, 0, len(w.Pend))
		for _, p := range w.Pend {
			row, err := relationRow(p)
			if err != nil {
				return err
			}
			rows = append(rows, row)
		}
		if _, err := w.tx.CopyFrom(w.ctx, pgx.Identifier{"relations"}, relationCopyCols, pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("write relations: %w", err)
		}
	}
	if len(w.PendEv) > 0 {
		rows := make([][]any, 0, len(w.PendEv))
		for _, p := range w.PendEv {
			e := &p.E
			rows = append(rows, []any{e.ID, e.RelationID, p.Hash, e.DocumentID, e.Source, e.URL, sqlstore.DateText(e.Published), e.Sentence,
				int32(e.Start), int32(e.End), e.Method, e.Confidence, string(e.Status), sqlstore.JSONMap(e.Attrs)})
		}
		if _, err := w.tx.CopyFrom(w.ctx, pgx.Identifier{"evidence"}, evidenceCopyCols, pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("write evidence: %w", err)
		}
	}
	w.Flushed()
	return nil
}

// relationRow is the row of relationCopyCols for p. The integer columns
// are int4: pgx's COPY takes int32 for them (sqlite's rows hold int64).
func relationRow(p *sqlstore.PendingRel) ([]any, error) {
	r := &p.R
	commitment, quantity, cStart, cEnded, err := p.JSONColumns()
	if err != nil {
		return nil, err
	}
	return []any{r.ID, p.Key, r.Source, r.Target, string(r.Kind), string(r.Kind.Family()), r.Item, sqlstore.DateText(r.Date), dayStart(r.Date), dayEnd(r.Date),
		sqlstore.DateText(r.Until), string(p.Status), quantity, int32(p.Events), r.GroupID, commitment, dayStart(cStart), dayStart(cEnded)}, nil
}

// dayStart is sqlstore.DayStart as an int4 column value, or nil (NULL).
func dayStart(d axis.Date) any {
	if n, ok := sqlstore.DayStart(d); ok {
		return int32(n)
	}
	return nil
}

// dayEnd is sqlstore.DayEnd as an int4 column value, or nil (NULL).
func dayEnd(d axis.Date) any {
	if n, ok := sqlstore.DayEnd(d); ok {
		return int32(n)
	}
	return nil
}
