package facts_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"axis"
	"axis/baseline"
	"axis/facts"
	"axis/gazetteer"
	"axis/sqlite"
)

// openSQLite returns a new sqlite store holding the gazetteer's actors.
func openSQLite(t *testing.T) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "axis.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Write(ctx, func(w axis.Writer) error {
		for _, a := range gazetteer.Actors() {
			if err := w.PutActor(&a); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSQLiteLastLineErrorAndReload is the acceptance test on the
// real store: the baseline loads, a file whose last line is bad leaves the
// stats as they were, and loading a good file twice changes nothing.
func TestSQLiteLastLineErrorAndReload(t *testing.T) {
	ctx := context.Background()
	s := openSQLite(t)
	res, err := facts.Load(ctx, s, bytes.NewReader(baseline.Facts), baseline.Name)
	if err != nil {
		t.Fatal(err)
	}
	if res.RelationsNew < 150 {
		t.Fatalf("baseline: %d new relations", res.RelationsNew)
	}
	good, err := os.ReadFile("testdata/good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"unknown actor": "  - {source: CHN, target: RUSS, kind: visit, note: n, cite: [wire-report]}\n",
		"unknown kind":  "  - {source: CHN, target: RUS, kind: alliance, note: n, cite: [wire-report]}\n",
		"bad date":      "  - {source: CHN, target: RUS, kind: visit, date: 2024-13, note: n, cite: [wire-report]}\n",
		"no citation":   "  - {source: CHN, target: RUS, kind: visit, note: n}\n",
	}
	for name, last := range cases {
		t.Run(name, func(t *testing.T) {
			before, _ := s.Stats(ctx)
			bad := string(good) + last
			_, err := facts.Load(ctx, s, strings.NewReader(bad), "bad.yaml")
			if err == nil || axis.ErrorCode(err) != axis.EINVALID {
				t.Fatalf("want an invalid-input error, got %v", err)
			}
			if want := "bad.yaml:" + strconv.Itoa(strings.Count(bad, "\n")) + ":"; !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not point at the last line (%s)", err, want)
			}
			after, _ := s.Stats(ctx)
			if !reflect.DeepEqual(before, after) {
				t.Errorf("stats changed: %+v -> %+v", before, after)
			}
		})
	}
	for i := 0; i < 2; i++ {
		res, err := facts.Load(ctx, s, bytes.NewReader(good), "good.yaml")
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 && res.Changed() {
			t.Errorf("second load changed the store: %+v", res)
		}
	}
	res, err = facts.Load(ctx, s, bytes.NewReader(baseline.Facts), baseline.Name)
	if err != nil || res.Changed() {
		t.Errorf("reloading the baseline: %+v, %v", res, err)
	}
}
