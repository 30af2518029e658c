package sqlstore

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"axis"
)

// numbered is a Dialect with $n placeholders and lists spelled out.
type numbered struct{}

func (numbered) Param(args *[]any, v any) string {
	*args = append(*args, v)
	return "$" + strconv.Itoa(len(*args))
}

func (d numbered) In(args *[]any, col string, vals []string) string {
	var ps []string
	for _, v := range vals {
		ps = append(ps, d.Param(args, v))
	}
	return col + " IN (" + strings.Join(ps, ",") + ")"
}

func (d numbered) InInt64(args *[]any, col string, vals []int64) string {
	var ps []string
	for _, v := range vals {
		ps = append(ps, d.Param(args, v))
	}
	return col + " IN (" + strings.Join(ps, ",") + ")"
}

func TestFilterSQL(t *testing.T) {
	day := func(s string) int64 { return Days(axis.MustParseDate(s).Start()) }
	cases := []struct {
		name  string
		f     axis.RelationFilter
		where string
		args  []any
	}{
		{"none", axis.RelationFilter{}, "", nil},
		{"between", axis.RelationFilter{Between: [2]string{"RUS", "PRK"}},
			" WHERE ((r.source = $1 AND r.target = $2) OR (r.source = $3 AND r.target = $4))", []any{"RUS", "PRK", "PRK", "RUS"}},
		{"ids and kinds", axis.RelationFilter{IDs: []int64{3, 5}, Kinds: []axis.Kind{axis.Arms}},
			" WHERE r.id IN ($1,$2) AND r.kind IN ($3)", []any{int64(3), int64(5), "arms"}},
		{"actors", axis.RelationFilter{Actors: []string{"IRN", "RUS"}},
			" WHERE r.source IN ($1,$2) AND r.target IN ($3,$4)", []any{"IRN", "RUS", "IRN", "RUS"}},
		{"since until", axis.RelationFilter{Since: axis.MustParseDate("2022"), Until: axis.MustParseDate("2023-06")},
			" WHERE r.date_end > $1 AND r.date_start < $2", []any{day("2022"), day("2023-07")}},
	}
	for _, c := range cases {
		where, args := FilterSQL(&c.f, numbered{})
		if where != c.where || !reflect.DeepEqual(args, c.args) {
			t.Errorf("%s: FilterSQL = %q %v, want %q %v", c.name, where, args, c.where, c.args)
		}
	}
	// At: commitments in force on the day, other relations dated before
	// it ends; every placeholder has its argument.
	where, args := FilterSQL(&axis.RelationFilter{At: axis.MustParseDate("2024-06-19")}, numbered{})
	if !strings.Contains(where, "r.c_start < $1") || !strings.Contains(where, "$2 < r.c_ended") || !strings.Contains(where, "r.date_start < $3") {
		t.Errorf("At: %q", where)
	}
	if want := []any{day("2024-06-20"), day("2024-06-19"), day("2024-06-20")}; !reflect.DeepEqual(args, want) {
		t.Errorf("At: args %v, want %v", args, want)
	}
}
