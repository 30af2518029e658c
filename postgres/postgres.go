// Package postgres is the axis.Store for teams: one PostgreSQL database
// (or one schema of it) that several axis processes share, through
// github.com/jackc/pgx/v5 and its connection pool.
//
// It has the semantics of inmem, the reference store, and of the sqlite
// store: relations merge by axis.Relation.Key (a unique index), evidence is
// deduplicated by (relation, document, method, offsets, sentence), a
// relation's status is the strongest of its evidence, and every Write is one
// transaction. Writes from any number of processes are serialized by a
// transaction-level advisory lock, so two writers never race on a key.
// Search uses PostgreSQL's own text search (a stored tsvector with a GIN
// index, English stemming, ranked by ts_rank_cd).
//
// Migrations are numbered SQL files embedded in the binary, applied at Open
// in one transaction under an advisory lock and recorded in
// schema_migrations, so two processes may open a new database at once.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"axis"
	"axis/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is an axis.Store in a PostgreSQL database. It is safe for
// concurrent use, and several processes may share one database.
type Store struct {
	pool    *pgxpool.Pool
	url     string // without the password
	created bool
}

var _ axis.Store = (*Store)(nil)

// IsURL reports whether s names a PostgreSQL database (postgres:// or
// postgresql://) rather than a file path.
func IsURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

var passwordKV = regexp.MustCompile(`(?i)(password\s*=\s*)('[^']*'|\S+)`)

// Redact returns the connection string without its password (in the
// user-information part of a URL, or a password= parameter), for messages.
func Redact(s string) string {
	if u, err := url.Parse(s); err == nil && u.Scheme != "" {
		if u.User != nil {
			if _, ok := u.User.Password(); ok {
				u.User = url.User(u.User.Username())
			}
		}
		q := u.Query()
		if q.Has("password") {
			q.Del("password")
			u.RawQuery = q.Encode()
		}
		return u.String()
	}
	if i := strings.Index(s, "://"); i >= 0 {
		// Not parsable as a URL: drop anything between the scheme and an @.
		if j := strings.LastIndex(s, "@"); j > i {
			user := s[i+3 : j]
			if k := strings.Index(user, ":"); k >= 0 {
				s = s[:i+3] + user[:k] + s[j:]
			}
		}
	}
	return passwordKV.ReplaceAllString(s, "${1}…")
}

// Open connects to the database at connString (a postgres:// URL or a
// key=value string), creates the schema when needed and applies any
// migration not yet applied. Tables go in the first schema of the
// connection's search_path (add ?search_path=axis to the URL to keep axis
// apart from other tables). Errors name the URL without its password.
func Open(ctx context.Context, connString string) (*Store, error) {
	name := Redact(connString)
	cfg, err := pgxpool.ParseConfig(connString)
	if err != nil {
		return nil, fmt.Errorf("postgres store %s: invalid connection URL: %s", name, scrub(err.Error(), connString))
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = 10 * time.Second
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres store %s: %s", name, scrub(err.Error(), connString))
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres store %s: cannot connect: %s", name, scrub(err.Error(), connString))
	}
	s := &Store{pool: pool, url: name}
	if s.created, err = s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres store %s: %w", name, err)
	}
	if !s.created {
		// A first run stopped before it loaded anything left a store with
		// no actor: treat it as new so the next run bootstraps it.
		var has bool
		if err := pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM actors)`).Scan(&has); err != nil {
			pool.Close()
			return nil, fmt.Errorf("postgres store %s: %w", name, err)
		}
		s.created = !has
	}
	return s, nil
}

// scrub removes the password of connString from a driver message, in case
// the driver quoted it.
func scrub(msg, connString string) string {
	pw := ""
	if u, err := url.Parse(connString); err == nil && u.User != nil {
		pw, _ = u.User.Password()
	}
	if pw != "" {
		msg = strings.ReplaceAll(msg, pw, "…")
	}
	return passwordKV.ReplaceAllString(msg, "${1}…")
}

// Created reports whether the store is new: this Open created the schema,
// or the store holds no actor yet. The CLI bootstraps such a store.
func (s *Store) Created() bool { return s.created }

// URL is the connection string without its password.
func (s *Store) URL() string { return s.url }

// Pool exposes the connection pool for tools that need raw SQL
// (benchmarks, checks).
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close closes the pool's connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// lockKey is the SQL of an advisory-lock key for what, scoped to the
// store's schema: two stores in two schemas of one database do not wait
// for each other.
func lockKey(what string) string {
	return `hashtextextended('axis.` + what + `:' || coalesce(current_schema(), ''), 0)`
}

// migrate applies the migrations not yet recorded in schema_migrations, in
// order, in one transaction that holds an advisory lock: a second process
// opening the store at the same time waits, then finds them applied. It
// reports whether the first migration ran.
func (s *Store) migrate(ctx context.Context) (created bool, err error) {
	ms, err := sqlstore.Migrations(migrationFS)
	if err != nil {
		return false, err
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	var schema *string
	if err := tx.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return false, err
	}
	if schema == nil {
		return false, errors.New("no schema of the search_path exists: create it, or fix search_path in the URL")
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(`+lockKey("migrate")+`)`); err != nil {
		return false, fmt.Errorf("lock for migrations: %w", err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return false, err
	}
	applied := map[int]bool{}
	rows, err := tx.Query(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return false, err
	}
	versions, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil {
		return false, err
	}
	for _, v := range versions {
		applied[int(v)] = true
	}
	for i, m := range ms {
		if applied[m.Version] {
			continue
		}
		if _, err := tx.Exec(ctx, m.SQL); err != nil {
			return false, fmt.Errorf("migration %s: %w", m.Name, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations(version, name) VALUES ($1, $2)`, m.Version, m.Name); err != nil {
			return false, err
		}
		if i == 0 {
			created = true
		}
	}
	return created, tx.Commit(ctx)
}
