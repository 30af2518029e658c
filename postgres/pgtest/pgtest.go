// Package pgtest gives tests a PostgreSQL database of their own: a fresh
// schema in the server named by AXIS_TEST_POSTGRES, dropped when the test
// ends. Tests skip when the variable is unset.
package pgtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Env names the variable holding the test server's URL.
const Env = "AXIS_TEST_POSTGRES"

// SkipReason is why tests skip without a server.
const SkipReason = "set " + Env + " to a PostgreSQL URL to run these (.ci/run starts a server and sets it)"

// ServerURL returns the test server's URL, or skips the test.
func ServerURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv(Env)
	if u == "" {
		tb.Skip(SkipReason)
	}
	return u
}

var seq atomic.Int64

// Schema creates an empty schema for the test, drops it (with all it
// holds) when the test ends, and returns a URL whose search_path is that
// schema: a store opened with it keeps its tables there.
func Schema(tb testing.TB) string {
	tb.Helper()
	url, drop, err := NewSchema(ServerURL(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := drop(); err != nil {
			tb.Error(err)
		}
	})
	return url
}

// NewSchema creates an empty schema in the server at server and returns a
// URL whose search_path is that schema, and a function that drops it.
func NewSchema(server string) (url string, drop func() error, err error) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		return "", nil, fmt.Errorf("connect to %s: %w", Env, err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("axis_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1_000_000, seq.Add(1))
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+name); err != nil {
		return "", nil, fmt.Errorf("create schema: %w", err)
	}
	drop = func() error {
		conn, err := pgx.Connect(ctx, server)
		if err != nil {
			return fmt.Errorf("drop schema %s: %w", name, err)
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP SCHEMA `+name+` CASCADE`); err != nil {
			return fmt.Errorf("drop schema %s: %w", name, err)
		}
		return nil
	}
	return WithSearchPath(server, name), drop, nil
}

// WithSearchPath returns connString with its search_path set to schema.
func WithSearchPath(connString, schema string) string {
	u, err := url.Parse(connString)
	if err != nil || u.Scheme == "" {
		return strings.TrimSpace(connString) + " search_path=" + schema
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
