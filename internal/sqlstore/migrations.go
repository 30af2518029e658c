package sqlstore

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Migration is one numbered SQL file of a store's schema.
type Migration struct {
	Version int
	Name    string // file name
	SQL     string
}

// Migrations reads migrations/*.sql from fsys (a store's embedded files),
// ordered by the number their names start with ("0001_init.sql"). How they
// are applied (locks, transactions, the record of what ran) is the
// store's.
func Migrations(fsys fs.ReadFileFS) ([]Migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, n := range names {
		base := filepath.Base(n)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and _", base)
		}
		b, err := fsys.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{v, base, string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}
