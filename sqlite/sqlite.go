// Package sqlite is the embedded axis.Store: one SQLite file (pure Go,
// modernc.org/sqlite) in WAL mode, with numbered migrations embedded in the
// binary and an FTS5 index over evidence sentences.
//
// It has the semantics of inmem, the reference store: relations merge by
// axis.Relation.Key, evidence is deduplicated by (relation, document,
// method, offsets, sentence), a relation's status is the strongest of its
// evidence, and every Write is one transaction.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"axis"
	"axis/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is an axis.Store kept in one SQLite file. It is safe for concurrent
// use; writes are serialized by SQLite (BEGIN IMMEDIATE with a busy timeout).
type Store struct {
	db      *sql.DB
	path    string
	created bool
}

var _ axis.Store = (*Store)(nil)

// pragmas are set on every connection of the pool.
var pragmas = []string{
	"busy_timeout(10000)",
	"journal_mode(WAL)",
	"foreign_keys(1)",
	"synchronous(NORMAL)",
	"cache_size(-65536)", // 64 MiB of page cache per connection
	"temp_store(MEMORY)",
	"threads(2)", // helper threads for sorts (index rebuilds after bulk loads)
}

// Open opens the store at path, creating the file and its schema when
// needed and applying any migration not yet applied.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" || path == ":memory:" || strings.HasPrefix(path, "file:") {
		return nil, fmt.Errorf("store path %q: the sqlite store needs a file path (use inmem.New for a store in memory)", path)
	}
	if err := checkWritable(path); err != nil {
		return nil, err
	}
	if err := initPageSize(ctx, path); err != nil {
		return nil, err
	}
	q := make([]string, 0, len(pragmas)+1)
	for _, p := range pragmas {
		q = append(q, "_pragma="+p)
	}
	q = append(q, "_txlock=immediate")
	db, err := sql.Open("sqlite", path+"?"+strings.Join(q, "&"))
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s cannot be opened: %w", path, err)
	}
	if s.created, err = s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if !s.created {
		// A first run stopped before it loaded anything (Ctrl-C during
		// the bootstrap) left a store with no actor: treat it as new so
		// the next run bootstraps it.
		var has int
		if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM actors)`).Scan(&has); err != nil {
			db.Close()
			return nil, fmt.Errorf("store %s: %w", path, err)
		}
		s.created = has == 0
	}
	return s, nil
}

// pageSize is the page size of new store files (SQLite's default is 4 KiB).
// Bigger pages make bulk loads cheaper: fewer B-tree splits and
// page fetches per row, and index rebuilds write fewer pages.
const pageSize = 16384

// initPageSize gives a new (empty) store file its page size. It must be set
// before the first write and before WAL mode; the driver applies the
// connection pragmas in alphabetical order (journal_mode first), so it is
// done here on a connection of its own. Existing files keep theirs.
func initPageSize(ctx context.Context, path string) error {
	st, err := os.Stat(path)
	if err != nil || st.Size() > 0 {
		return nil
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `PRAGMA page_size = `+strconv.Itoa(pageSize)); err != nil {
		return fmt.Errorf("store %s: %w", path, err)
	}
	if _, err := db.ExecContext(ctx, `PRAGMA journal_mode = WAL`); err != nil {
		return fmt.Errorf("store %s: %w", path, err)
	}
	return nil
}

// checkWritable gives a plain message when the store cannot be written:
// SQLite's own is "unable to open database file".
func checkWritable(path string) error {
	notWritable := func(why string) error {
		return fmt.Errorf("store path %s is not writable: %s", path, why)
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return notWritable("folder " + dir + " does not exist")
	case err != nil:
		return notWritable(reason(err))
	case !st.IsDir():
		return notWritable(dir + " is not a folder")
	}
	// The folder must take the -wal and -shm files, the file must be
	// writable or creatable.
	if err := syscall.Access(dir, 2 /* W_OK */); err != nil {
		return notWritable("folder " + dir + ": " + reason(err))
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return notWritable(reason(err))
	}
	return f.Close()
}

func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}

// Created reports whether the store is new: this Open created the schema,
// or the store holds no actor yet (a first run was interrupted before it
// loaded anything). The CLI bootstraps such a store.
func (s *Store) Created() bool { return s.created }

// Path is the file the store lives in.
func (s *Store) Path() string { return s.path }

// DB exposes the database for tools that need raw SQL (benchmarks, checks).
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// migrate applies the migrations not yet recorded in schema_migrations, in
// order, each in its own transaction. It reports whether the first one ran.
func (s *Store) migrate(ctx context.Context) (created bool, err error) {
	ms, err := sqlstore.Migrations(migrationFS)
	if err != nil {
		return false, err
	}
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))`); err != nil {
		return false, fmt.Errorf("store %s: %w", s.path, err)
	}
	for _, m := range ms {
		ran, err := s.apply(ctx, m)
		if err != nil {
			return false, err
		}
		if ran && m.Version == ms[0].Version {
			created = true
		}
	}
	return created, nil
}

func (s *Store) apply(ctx context.Context, m sqlstore.Migration) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.Version).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name) VALUES (?, ?)`, m.Version, m.Name); err != nil {
		return false, err
	}
	return true, tx.Commit()
}
