package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"axis"
	"axis/postgres"
	"axis/sqlite"
)

func init() {
	rootCmd.PersistentFlags().String("db", "", "store: a SQLite file path, or a postgres:// URL for a shared PostgreSQL store (default $AXIS_DB, else ~/.local/share/axis/axis.db)")
}

// storePath is --db, else $AXIS_DB, else the per-user data directory. It is
// a file path, or a postgres:// (postgresql://) URL: see storeName before
// printing it.
func storePath(cmd *cobra.Command) string {
	if p, _ := cmd.Flags().GetString("db"); p != "" {
		return p
	}
	if p := os.Getenv("AXIS_DB"); p != "" {
		return p
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "axis.db"
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "axis", "axis.db")
}

// openStore opens the store, creating it and loading the gazetteer and the
// baseline dataset on first use. The caller closes it.
func openStore(cmd *cobra.Command) (axis.Store, error) {
	s, _, err := openBootstrapped(cmd)
	return s, err
}

// createdStore is a store that knows whether Open just created it (or
// found it empty): the SQLite and PostgreSQL stores.
type createdStore interface {
	axis.Store
	Created() bool
}

// openBootstrapped opens the SQLite file or, for a postgres:// URL, the
// PostgreSQL store, bootstraps it when new, and returns it with the name
// to print for it (a URL without its password).
func openBootstrapped(cmd *cobra.Command) (createdStore, string, error) {
	if loc := storePath(cmd); postgres.IsURL(loc) {
		s, err := openPostgres(cmd, loc)
		if err != nil {
			return nil, "", err
		}
		return s, s.URL(), nil
	}
	s, err := openSQLite(cmd)
	if err != nil {
		return nil, "", err
	}
	return s, s.Path(), nil
}

// storeExists reports whether the store is there already. A PostgreSQL
// URL counts as there: the database exists, or opening it says why not.
func storeExists(cmd *cobra.Command) bool {
	loc := storePath(cmd)
	if postgres.IsURL(loc) {
		return true
	}
	st, err := os.Stat(loc)
	return err == nil && st.Size() > 0
}

// storeName is the store location for messages: the path, or the URL
// without its password.
func storeName(cmd *cobra.Command) string {
	loc := storePath(cmd)
	if postgres.IsURL(loc) {
		return postgres.Redact(loc)
	}
	return loc
}

func openPostgres(cmd *cobra.Command, url string) (*postgres.Store, error) {
	s, err := postgres.Open(cmd.Context(), url)
	if err != nil {
		return nil, fmt.Errorf("cannot open store: %w", err)
	}
	if err := bootstrap(cmd, s, s.URL()); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func openSQLite(cmd *cobra.Command) (*sqlite.Store, error) {
	path := storePath(cmd)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the store folder %s: %v", filepath.Dir(path), errors.Unwrap(err))
	}
	s, err := sqlite.Open(cmd.Context(), path)
	if err != nil {
		return nil, fmt.Errorf("cannot open store %s: %w", path, err)
	}
	if err := bootstrap(cmd, s, path); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// withStore opens the store, runs fn with it and closes it.
func withStore(cmd *cobra.Command, fn func(axis.Store) error) error {
	s, err := openStore(cmd)
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(s)
}
