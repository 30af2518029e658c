package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"axis"
	"axis/sqlite"
)

func init() {
	rootCmd.PersistentFlags().String("db", "", "store path (default $AXIS_DB, else ~/.local/share/axis/axis.db)")
}

// storePath is --db, else $AXIS_DB, else the per-user data directory.
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
	return openSQLite(cmd)
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
