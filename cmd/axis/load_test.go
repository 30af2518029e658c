package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"axis"
	"axis/sqlite"
)

// runAxis runs the root command with args and returns its output and error.
func runAxis(t *testing.T, args ...string) (string, error) {
	t.Helper()
	resetFlags(rootCmd)
	var out bytes.Buffer
	rootCmd.SetOut(&out)
	rootCmd.SetErr(&out)
	rootCmd.SetArgs(args)
	err := rootCmd.ExecuteContext(context.Background())
	return out.String(), err
}

// resetFlags puts every flag of c and its subcommands back to its default:
// cobra keeps values between runs in one process, and slice flags given
// again append to the last run's values.
func resetFlags(c *cobra.Command) {
	reset := func(f *pflag.Flag) {
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			sv.Replace(nil)
		} else {
			f.Value.Set(f.DefValue)
		}
		f.Changed = false
	}
	c.Flags().VisitAll(reset)
	c.PersistentFlags().VisitAll(reset)
	for _, sub := range c.Commands() {
		resetFlags(sub)
	}
}

func storeStats(t *testing.T, path string) axis.Stats {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

const loadGood = `sources:
  w1: {publisher: Example Wire, title: A visit, url: "https://example.org/1", date: 2025-10-10}
relations:
  - {source: PRK, target: RUS, kind: visit, date: 2025-10, status: reported, note: A delegation visited Moscow., cite: [w1]}
`

func TestLoadCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "axis.db")
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(good, []byte(loadGood), 0o644); err != nil {
		t.Fatal(err)
	}
	badText := loadGood + "  - {source: PRK, target: RUSS, kind: visit, note: n, cite: [w1]}\n"
	if err := os.WriteFile(bad, []byte(badText), 0o644); err != nil {
		t.Fatal(err)
	}

	out, err := runAxis(t, "--db", db, "load", good)
	if err != nil || !strings.Contains(out, "good.yaml: 1 relation new") {
		t.Fatalf("first load: %q, %v", out, err)
	}
	out, err = runAxis(t, "--db", db, "load", good)
	if err != nil || !strings.Contains(out, "good.yaml: no changes") {
		t.Fatalf("second load: %q, %v", out, err)
	}

	before := storeStats(t, db)
	_, err = runAxis(t, "--db", db, "load", bad)
	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), `bad.yaml:5: relations[1].target: unknown actor code "RUSS"; closest known: RUS`) {
		t.Fatalf("bad load: err %v, exit code %d", err, exitCode(err))
	}
	if after := storeStats(t, db); !reflect.DeepEqual(before, after) {
		t.Errorf("a bad last line changed the stats: %+v -> %+v", before, after)
	}

	out, err = runAxis(t, "--db", db, "load", "--check", good)
	if err != nil || !strings.Contains(out, "ok, 1 relation entry citing 1 source") {
		t.Errorf("--check: %q, %v", out, err)
	}
	// --check writes nothing, so it creates no store either: with none
	// yet, it checks against the gazetteer.
	fresh := filepath.Join(dir, "fresh", "axis.db")
	out, err = runAxis(t, "--db", fresh, "load", "--check", good)
	if err != nil || !strings.Contains(out, "ok, 1 relation entry") {
		t.Errorf("--check without a store: %q, %v", out, err)
	}
	if _, err := os.Stat(fresh); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("--check created the store %s (stat: %v)", fresh, err)
	}
	loadCmd.Flags().Set("check", "false")

	if _, err := runAxis(t, "--db", db, "load", filepath.Join(dir, "missing.yaml")); exitCode(err) != 2 {
		t.Errorf("missing file: %v, exit code %d", err, exitCode(err))
	}
}
