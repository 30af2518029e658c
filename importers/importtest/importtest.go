// Package importtest holds the checks every dataset importer's tests share.
package importtest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"axis"
	"axis/importers"
	"axis/inmem"
)

// Import is a dataset importer's entry point.
type Import func(ctx context.Context, st axis.Store, paths []string, opt importers.Options) (*importers.Summary, error)

// BadInput is a file an importer must refuse: the error must contain Want,
// and with --skip-bad the import skips Skipped malformed rows, or still
// fails when Skipped is -1.
type BadInput struct {
	Name, Path, Want string
	Skipped          int64
}

// Writer returns a function that writes a file into a temporary folder and
// returns its path.
func Writer(t *testing.T) func(name, content string) string {
	dir := t.TempDir()
	return func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
}

// CheckBadInput imports each case into a new store: without --skip-bad it
// must fail with the expected message and store nothing; with --skip-bad
// it must skip the expected rows, or fail when the file is beyond skipping.
func CheckBadInput(t *testing.T, imp Import, cases []BadInput) {
	t.Helper()
	ctx := context.Background()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			st := inmem.New()
			_, err := imp(ctx, st, []string{tc.Path}, importers.Options{})
			if err == nil || !strings.Contains(err.Error(), tc.Want) {
				t.Fatalf("error %v, want %q", err, tc.Want)
			}
			if s, _ := st.Stats(ctx); s.Relations+s.Documents+s.Actors != 0 {
				t.Errorf("committed %+v", s)
			}
			sum, err := imp(ctx, st, []string{tc.Path}, importers.Options{SkipBad: true})
			if tc.Skipped < 0 {
				if err == nil {
					t.Error("--skip-bad accepted it")
				}
				return
			}
			if err != nil || sum.Skips(importers.ReasonMalformed) != tc.Skipped {
				t.Errorf("--skip-bad: %v, %+v", err, sum)
			}
		})
	}
}

// Case is a BadInput, written as a call so that test tables stay short.
func Case(name, path, want string, skipped int64) BadInput {
	return BadInput{Name: name, Path: path, Want: want, Skipped: skipped}
}
