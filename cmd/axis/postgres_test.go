package main

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"axis/postgres/pgtest"
)

// The CLI on a PostgreSQL store: bootstrapped on first use like a SQLite
// file, and giving the same answers as one for the same baseline.
func TestPostgresStore(t *testing.T) {
	pg := pgtest.Schema(t)
	// A password the server (trust authentication in CI) ignores, to check
	// that no message prints it.
	u, err := url.Parse(pg)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), "s3cret-pw")
	pg = u.String()
	lite := filepath.Join(t.TempDir(), "axis.db")

	out, err := runAxis(t, "--db", pg, "init")
	if err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	if strings.Contains(out, "s3cret-pw") || !strings.HasPrefix(out, "store postgres://") || strings.Contains(out, " 0 relations") {
		t.Errorf("init printed %q; want the URL without its password and the baseline loaded", out)
	}
	again, err := runAxis(t, "--db", pg, "init")
	if err != nil || again != out {
		t.Errorf("second init = %q, %v; want the same counts %q", again, err, out)
	}
	for _, args := range [][]string{
		{"stats"},
		{"relations", "--between", "RUS", "--between", "PRK"},
		{"relations", "--actor", "IRN", "--since", "2023", "--format", "json"},
		{"actors", "--search", "korea"},
	} {
		want, err := runAxis(t, append([]string{"--db", lite}, args...)...)
		if err != nil {
			t.Fatalf("sqlite %v: %v", args, err)
		}
		got, err := runAxis(t, append([]string{"--db", pg}, args...)...)
		if err != nil {
			t.Fatalf("postgres %v: %v", args, err)
		}
		if got != want {
			t.Errorf("axis %s differs between the stores:\npostgres:\n%s\nsqlite:\n%s", strings.Join(args, " "), got, want)
		}
	}
	out, err = runAxis(t, "--db", pg, "search", "artillery", "--limit", "3")
	if err != nil || !strings.Contains(out, "RUS") {
		t.Errorf("search on postgres: %v\n%s", err, out)
	}
}

func TestPostgresUnreachable(t *testing.T) {
	_, err := runAxis(t, "--db", "postgres://axis:s3cret-pw@127.0.0.1:1/axis?connect_timeout=2", "stats")
	if err == nil || strings.Contains(err.Error(), "s3cret-pw") || !strings.Contains(err.Error(), "postgres://axis@127.0.0.1:1/axis") {
		t.Errorf("stats on an unreachable server: %v; want an error naming the URL without its password", err)
	}
}
