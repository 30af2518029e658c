package analysis

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"

	"axis"
	"axis/sqlite"
)

// fullPath hides the sqlite store's lean scan (axis.LeanReader), so the
// analyses read it through EachRelationUnordered, the full path.
type fullPath struct {
	axis.Reader
	u axis.UnorderedReader
}

func (f fullPath) EachRelationUnordered(ctx context.Context, rf axis.RelationFilter, fn func(*axis.Relation) error) error {
	return f.u.EachRelationUnordered(ctx, rf, fn)
}

// leanStore builds a small sqlite store of random relations of every kind,
// with quantities, periods, event counts, groups and commitments that
// ended, among six actors.
func leanStore(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "lean.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	actors := []string{"AAA", "BBB", "CCC", "DDD", "EEE", "FFF"}
	statuses := []axis.Status{axis.Confirmed, axis.Reported, axis.Alleged, axis.Prospective, axis.Denied, axis.Negated}
	rng := rand.New(rand.NewPCG(7, 9))
	doc := &axis.Document{ID: axis.HashContent([]byte("lean")), Kind: axis.DocCitation, Title: "Lean"}
	_, err = s.Write(ctx, func(w axis.Writer) error {
		for _, c := range actors {
			if err := w.PutActor(&axis.Actor{Code: c, Name: "Actor " + c, Kind: axis.ActorState}); err != nil {
				return err
			}
		}
		if _, err := w.PutDocument(doc); err != nil {
			return err
		}
		for i := 0; i < 600; i++ {
			a, b := rng.IntN(len(actors)), rng.IntN(len(actors)-1)
			if b >= a {
				b++
			}
			info := axis.Ontology[rng.IntN(len(axis.Ontology))]
			r := &axis.Relation{Source: actors[a], Target: actors[b], Kind: info.Kind, Status: statuses[rng.IntN(len(statuses))],
				Events: rng.IntN(4)}
			if len(info.Items) > 0 {
				r.Item = info.Items[rng.IntN(len(info.Items))]
			}
			switch rng.IntN(3) {
			case 0:
				r.Date = axis.Date{Year: 2015 + rng.IntN(11)}
			case 1:
				r.Date = axis.Date{Year: 2015 + rng.IntN(11), Month: 1 + rng.IntN(12)}
			default:
				r.Date = axis.Day(2015+rng.IntN(11), 1+rng.IntN(12), 1+rng.IntN(28))
			}
			if rng.IntN(5) == 0 {
				r.Until = axis.Date{Year: r.Date.Year + 1 + rng.IntN(2)}
			}
			if rng.IntN(4) == 0 {
				r.Quantity = &axis.Quantity{Value: float64(rng.IntN(50)), Unit: []string{"shells", "troops"}[rng.IntN(2)], Cumulative: rng.IntN(2) == 0}
			}
			if rng.IntN(6) == 0 {
				r.GroupID = fmt.Sprintf("g%d", rng.IntN(20))
			}
			if info.Family == axis.FamilyCommitment {
				r.Commitment = &axis.Commitment{Signed: r.Date}
				if rng.IntN(3) == 0 {
					r.Commitment.Ended = axis.Date{Year: r.Date.Year + 2}
				}
			}
			r.Evidence = []axis.Evidence{{DocumentID: doc.ID, Sentence: fmt.Sprint("fixture ", i), Start: i, End: i + 1,
				Method: axis.MethodManual, Confidence: 1, Status: r.Status}}
			if _, err := w.PutRelation(r); err != nil {
				return fmt.Errorf("relation %d: %w", i, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestLeanScanGivesSameResults runs every analysis on one sqlite store
// through its lean scan and through the full one: the results must be the
// same, in one part and in two. Every string, count, rank and verdict must
// be identical; floats may differ in the last bits only, as the two paths
// (and Centrality's own graph build, which walks a map) add the same
// weights in another order.
func TestLeanScanGivesSameResults(t *testing.T) {
	s := leanStore(t)
	full := fullPath{Reader: s, u: s}
	if _, ok := axis.Reader(full).(axis.LeanReader); ok {
		t.Fatal("fullPath still has the lean scan")
	}
	codes := []string{"AAA", "BBB", "CCC", "DDD"}
	wins := []Window{{}, {Until: axis.MustParseDate("2022-06")}, {Since: axis.MustParseDate("2018"), Until: axis.MustParseDate("2024")}, {At: axis.MustParseDate("2020-03-15")}}
	type run func(axis.Reader, Window) (any, error)
	runs := map[string]run{
		"cohesion":     func(r axis.Reader, w Window) (any, error) { return Cohesion(ctx, r, nil, codes, w) },
		"dependency":   func(r axis.Reader, w Window) (any, error) { return Dependency(ctx, r, nil, "AAA", "", w) },
		"centrality":   func(r axis.Reader, w Window) (any, error) { return Centrality(ctx, r, nil, "", w) },
		"centrality-t": func(r axis.Reader, w Window) (any, error) { return Centrality(ctx, r, flat(), axis.FamilyTransfer, w) },
		"blocs":        func(r axis.Reader, w Window) (any, error) { return Blocs(ctx, r, nil, w) },
		"trend":        func(r axis.Reader, w Window) (any, error) { return Trend(ctx, r, nil, "AAA", "BBB", ByYear, w) },
	}
	defer func(n int) { scanParts = n }(scanParts)
	for _, parts := range []int{1, 2} {
		scanParts = parts
		for name, f := range runs {
			for _, w := range wins {
				a, err := f(full, w)
				if err != nil {
					t.Fatal(err)
				}
				b, err := f(s, w)
				if err != nil {
					t.Fatal(err)
				}
				if !sameResult(reflect.ValueOf(a), reflect.ValueOf(b)) {
					t.Errorf("%s, %d parts, window %+v: lean scan differs:\nfull %+v\nlean %+v", name, parts, w, a, b)
				}
			}
		}
	}
}

// sameResult is reflect.DeepEqual with floats compared to 1e-12, relative.
func sameResult(a, b reflect.Value) bool {
	if a.Kind() != b.Kind() || a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Float32, reflect.Float64:
		x, y := a.Float(), b.Float()
		return x == y || math.Abs(x-y) <= 1e-12*math.Max(math.Abs(x), math.Abs(y))
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameResult(a.Elem(), b.Elem())
	case reflect.Slice, reflect.Array:
		if a.Kind() == reflect.Slice && (a.IsNil() != b.IsNil()) || a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !sameResult(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			v := b.MapIndex(k)
			if !v.IsValid() || !sameResult(a.MapIndex(k), v) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if !sameResult(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	}
	if a.CanInterface() && b.CanInterface() {
		return reflect.DeepEqual(a.Interface(), b.Interface())
	}
	return fmt.Sprint(a) == fmt.Sprint(b)
}
