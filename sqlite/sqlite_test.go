package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"axis"
	"axis/sqlite"
	"axis/storetest"
)

func openTemp(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "axis.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) axis.Store { return openTemp(t) })
}
