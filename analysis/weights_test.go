package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"axis"
)

func TestDefaultWeightsCoverOntology(t *testing.T) {
	w := DefaultWeights()
	for _, k := range axis.Ontology {
		if _, ok := w.Kinds[k.Kind]; !ok {
			t.Errorf("no weight for %s", k.Kind)
		}
	}
	if w.Kinds[axis.DefensePact] <= 5*w.Kinds[axis.Visit] {
		t.Errorf("defense_pact %v should be far above visit %v", w.Kinds[axis.DefensePact], w.Kinds[axis.Visit])
	}
	if w.Statuses[axis.Negated] != 0 || w.Statuses[axis.Confirmed] != 1 || w.Signs[axis.FamilyHostility] != -1 {
		t.Errorf("statuses/signs %v %v", w.Statuses, w.Signs)
	}
	if w.Ref().Source != "embedded" || len(w.Digest) != 12 {
		t.Errorf("ref %+v", w.Ref())
	}
}

func TestLoadWeights(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name, text string
		errHas     []string
	}{
		{"override.yaml", "name: mine\nkinds:\n  visit: 2\nhalf_life_days: 0\n", nil},
		{"badkind.yaml", "kinds:\n  visits: 2\n", []string{"badkind.yaml:2", "visits", "defense_pact"}},
		{"badstatus.yaml", "statuses:\n  sure: 1\n", []string{"badstatus.yaml:2", "confirmed"}},
		{"negative.yaml", "kinds:\n  visit: -1\n", []string{"negative.yaml:2", "0 or more"}},
		{"sign.yaml", "signs:\n  hostility: -3\n", []string{"between -1 and 1"}},
		{"nan.yaml", "kinds:\n  visit: lots\n", []string{"must be a number"}},
		{"toplevel.yaml", "kindz: {}\n", []string{"toplevel.yaml", "valid top-level keys"}},
		{"halflife.yaml", "half_life_days: -5\n", []string{"half_life_days"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w, err := LoadWeights(write(tc.name, tc.text))
			if tc.errHas == nil {
				if err != nil {
					t.Fatal(err)
				}
				if w.Kinds[axis.Visit] != 2 || w.Kinds[axis.DefensePact] != DefaultWeights().Kinds[axis.DefensePact] || w.HalfLifeDays != 0 || w.Name != "mine" {
					t.Errorf("merged weights %+v", w)
				}
				return
			}
			if axis.ErrorCode(err) != axis.EINVALID {
				t.Fatalf("got %v, want EINVALID", err)
			}
			for _, s := range tc.errHas {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q lacks %q", err, s)
				}
			}
		})
	}
	if _, err := LoadWeights(filepath.Join(dir, "missing.yaml")); axis.ErrorCode(err) != axis.EINVALID {
		t.Errorf("missing file: %v", err)
	}
}

func TestRecency(t *testing.T) {
	w := DefaultWeights()
	w.HalfLifeDays = 365
	ref := axis.MustParseDate("2025-01-01")
	cases := []struct {
		name string
		r    axis.Relation
		want float64
	}{
		{"same day", axis.Relation{Kind: axis.Arms, Date: ref}, 1},
		{"a year before", axis.Relation{Kind: axis.Arms, Date: axis.MustParseDate("2024-01-02")}, 0.5},
		{"future", axis.Relation{Kind: axis.Arms, Date: axis.MustParseDate("2026")}, 1},
		{"undated", axis.Relation{Kind: axis.Arms}, 1},
		{"treaty in force", axis.Relation{Kind: axis.DefensePact, Date: axis.MustParseDate("1961"), Commitment: &axis.Commitment{Signed: axis.MustParseDate("1961-07-11")}}, 1},
		{"treaty ended a year ago", axis.Relation{Kind: axis.DefensePact, Date: axis.MustParseDate("1961"), Commitment: &axis.Commitment{Signed: axis.MustParseDate("1961"), Ended: axis.MustParseDate("2024-01-02")}}, 0.5},
	}
	for _, tc := range cases {
		if got := w.Recency(&tc.r, ref); !near(got, tc.want) && (got-tc.want > 1e-3 || tc.want-got > 1e-3) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	r := axis.Relation{Kind: axis.Sanction, Status: axis.Alleged, Events: 1}
	if got := w.Signed(&r, axis.Date{}); !near(got, -w.Kinds[axis.Sanction]*0.5) {
		t.Errorf("signed sanction %v", got)
	}
}

func FuzzParseWeights(f *testing.F) {
	f.Add(defaultWeightsYAML)
	f.Add([]byte("kinds:\n  visit: 2\n"))
	f.Add([]byte("signs: [1,2]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		w, err := ParseWeights(data, "fuzz", DefaultWeights())
		if err != nil {
			if axis.ErrorCode(err) != axis.EINVALID {
				t.Fatalf("error without EINVALID: %v", err)
			}
			return
		}
		for k, v := range w.Kinds {
			if v < 0 {
				t.Fatalf("negative weight %s=%v", k, v)
			}
		}
	})
}
