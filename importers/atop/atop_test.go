package atop

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"axis"
	"axis/importers"
	"axis/importers/importtest"
	"axis/inmem"
)

func load(t *testing.T, st axis.Store, opt importers.Options, paths ...string) *importers.Summary {
	t.Helper()
	sum, err := Import(context.Background(), st, paths, opt)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return sum
}

func rel(t *testing.T, st axis.Store, a, b string, kind axis.Kind) *axis.Relation {
	t.Helper()
	rs, err := st.Relations(context.Background(), axis.RelationFilter{Between: [2]string{a, b}, Kinds: []axis.Kind{kind}, WithEvidence: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		return nil
	}
	return &rs[0]
}

func TestMemberLevel(t *testing.T) {
	st := inmem.New()
	sum := load(t, st, importers.Options{}, "testdata/atop5_1m.csv")
	tests := []struct {
		name           string
		a, b           string
		kind           axis.Kind
		signed, ended  string
		nonProvocation bool
		note           string
	}{
		{"NATO-like pact, three members pairwise", "FRA", "USA", axis.DefensePact, "1949-08-24", "", false, ""},
		{"same alliance, consultation", "GBR", "USA", axis.ConsultationPact, "1949-08-24", "", false, ""},
		{"2024 treaty", "PRK", "RUS", axis.DefensePact, "2024-06-19", "", false, ""},
		{"Germany in 1882 is DEU, Austria-Hungary historical", "AUH", "DEU", axis.DefensePact, "1882-05-20", "1915-05-03", true, "specific adversary"},
		{"COW 365 in 1939 is the Soviet Union", "DEU", "SUN", axis.NonaggressionPact, "1939-08-23", "1941-06-22", false, ""},
		{"COW 255 in 1815 is Prussia", "PRU", "RUS", axis.ConsultationPact, "1815-09-26", "1825-12-01", false, ""},
		{"one-sided defense is a guarantee", "USA", "JPN", axis.SecurityGuarantee, "1960-06-23", "", false, "location"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := rel(t, st, tc.a, tc.b, tc.kind)
			if r == nil {
				t.Fatalf("no %s between %s and %s", tc.kind, tc.a, tc.b)
			}
			c := r.Commitment
			if c == nil || c.Signed.String() != tc.signed || c.Ended.String() != tc.ended {
				t.Fatalf("commitment %+v, want signed %s ended %s", c, tc.signed, tc.ended)
			}
			if c.Conditions.NonProvocation != tc.nonProvocation || !strings.Contains(c.Conditions.Note, tc.note) {
				t.Errorf("conditions %+v", c.Conditions)
			}
			if r.Status != axis.Confirmed || r.Evidence[0].Method != "import:atop" || !strings.HasPrefix(r.Evidence[0].Source, "atop5_1m.csv:") {
				t.Errorf("evidence %+v", r.Evidence[0])
			}
		})
	}
	if g := rel(t, st, "USA", "JPN", axis.SecurityGuarantee); g != nil && g.Source != "USA" {
		t.Errorf("guarantee goes %s→%s, want USA→JPN", g.Source, g.Target)
	}
	if a, err := st.Actor(context.Background(), "AUH"); err != nil || !a.Historical {
		t.Errorf("AUH: %+v %v", a, err)
	}
	want := map[string]int64{
		importers.ReasonUnknownCode:             2, // both rows of the pair
		importers.ReasonNoObligation:            2,
		"no other member in the alliance phase": 1,
	}
	for reason, n := range want {
		if got := sum.Skips(reason); got != n {
			t.Errorf("%q: %d, want %d", reason, got, n)
		}
	}
	if sum.RowsRead != 19 || sum.Imported+sum.SkippedTotal() != sum.RowsRead {
		t.Errorf("rows %d, imported %d, skipped %d", sum.RowsRead, sum.Imported, sum.SkippedTotal())
	}
}

func TestDirectedDyadYear(t *testing.T) {
	st := inmem.New()
	sum := load(t, st, importers.Options{}, "testdata/atop5_1ddyr.csv")
	r := rel(t, st, "USA", "GBR", axis.DefensePact)
	if r == nil || r.Commitment.Signed.String() != "1949" || r.Commitment.Ended.String() != "1953" {
		t.Fatalf("USA-GBR %+v", r)
	}
	// COW 365 in the 1960s is the Soviet Union, in 2024 Russia; the gap in
	// 1963 splits the Soviet run into two evidence pieces.
	sov := rel(t, st, "SUN", "PRK", axis.DefensePact)
	if sov == nil || len(sov.Evidence) != 2 || sov.Commitment.Ended.String() != "1966" {
		t.Fatalf("SUN-PRK %+v", sov)
	}
	if r := rel(t, st, "RUS", "PRK", axis.DefensePact); r == nil || !r.Commitment.Ended.IsZero() {
		t.Fatalf("RUS-PRK should be in force: %+v", r)
	}
	if sum.Skips(importers.ReasonNoObligation) != 2 {
		t.Errorf("no-obligation rows %d", sum.Skips(importers.ReasonNoObligation))
	}
	// Both directions of a pair are one piece of evidence citing both.
	if ev := r.Evidence[0]; ev.Source != "atop5_1ddyr.csv:3-6,12-15" {
		t.Errorf("USA-GBR evidence %s", ev.Source)
	}
	// The United States is bound to defend Japan, not the reverse: a
	// guarantee, while consultation binds both.
	g := rel(t, st, "USA", "JPN", axis.SecurityGuarantee)
	if g == nil || g.Source != "USA" || g.Commitment.Signed.String() != "2021" || !g.Commitment.Ended.IsZero() {
		t.Errorf("USA→JPN guarantee %+v", g)
	}
	if rel(t, st, "USA", "JPN", axis.DefensePact) != nil || rel(t, st, "USA", "JPN", axis.ConsultationPact) == nil {
		t.Error("USA-JPN: want consultation and no mutual defense")
	}
	if sum.RowsRead != 34 || sum.Imported+sum.SkippedTotal() != sum.RowsRead {
		t.Errorf("rows %d, imported %d, skipped %d", sum.RowsRead, sum.Imported, sum.SkippedTotal())
	}
}

// TestDyadYear51 reads ATOP 5.1's undirected dyad-year layout: the pair in
// mem1, mem2, a dyad id, counts of alliances, atopid1..atopid9 and version.
func TestDyadYear51(t *testing.T) {
	st := inmem.New()
	sum := load(t, st, importers.Options{}, "testdata/atop5_1dy.csv")
	if sum.RowsRead != 12 || sum.Imported != 11 || sum.Skips(importers.ReasonNoObligation) != 1 {
		t.Errorf("rows %d, imported %d, skips %+v", sum.RowsRead, sum.Imported, sum.Skipped)
	}
	tests := []struct {
		a, b          string
		kind          axis.Kind
		signed, ended string
		evidence      int
	}{
		{"USA", "CAN", axis.DefensePact, "2016", "", 1}, // runs to the file's last year: open
		{"USA", "JPN", axis.ConsultationPact, "2016", "", 1},
		{"RUS", "PRK", axis.ConsultationPact, "2016", "2018", 1}, // stops a year before the end
		{"CHN", "PRK", axis.DefensePact, "2016", "", 1},
	}
	for _, tc := range tests {
		r := rel(t, st, tc.a, tc.b, tc.kind)
		if r == nil {
			t.Errorf("no %s %s-%s", tc.kind, tc.a, tc.b)
			continue
		}
		if r.Commitment.Signed.String() != tc.signed || r.Commitment.Ended.String() != tc.ended || len(r.Evidence) != tc.evidence {
			t.Errorf("%s %s-%s: signed %s ended %s, %d evidence", tc.kind, tc.a, tc.b, r.Commitment.Signed, r.Commitment.Ended, len(r.Evidence))
		}
	}
	if r := rel(t, st, "RUS", "PRK", axis.DefensePact); r != nil {
		t.Errorf("RUS-PRK has no defense flag in the fixture: %+v", r)
	}
	// The alliances ATOP names for the pair (atopid1..atopid9) are kept.
	if r := rel(t, st, "USA", "CAN", axis.DefensePact); r == nil || r.Evidence[0].Attrs["atopids"] != "3180,3345" ||
		!strings.HasSuffix(r.Evidence[0].Sentence, "from 2016 to 2018 (ATOP alliance 3180, 3345)") || r.Evidence[0].Source != "atop5_1dy.csv:2-4" {
		t.Errorf("USA-CAN evidence %+v", r)
	}
}

// TestRefusedATOPFiles: the alliance-level and state-year files name no
// pairs; the error names the file to give instead.
func TestRefusedATOPFiles(t *testing.T) {
	for _, f := range []string{"atop5_1a.csv", "atop5_1sy.csv"} {
		_, err := Import(context.Background(), inmem.New(), []string{"testdata/" + f}, importers.Options{SkipBad: true})
		if err == nil || !strings.Contains(err.Error(), f+":1:") || !strings.Contains(err.Error(), "atop5_1m.csv") {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func TestFiltersAndIdempotence(t *testing.T) {
	st := inmem.New()
	sum := load(t, st, importers.Options{Actors: []string{"PRK"}, Since: axis.MustParseDate("2000")}, "testdata/atop5_1m.csv", "testdata/atop5_1ddyr.csv")
	rs, _ := st.Relations(context.Background(), axis.RelationFilter{})
	for _, r := range rs {
		if !r.Involves("PRK") {
			t.Errorf("filter let %s-%s through", r.Source, r.Target)
		}
	}
	if len(rs) == 0 || sum.Skips(importers.ReasonFilterActors) == 0 || sum.Skips(importers.ReasonFilterDate) == 0 {
		t.Errorf("relations %d, skips %+v", len(rs), sum.Skipped)
	}
	st2 := inmem.New()
	load(t, st2, importers.Options{}, "testdata/atop5_1m.csv")
	again := load(t, st2, importers.Options{}, "testdata/atop5_1m.csv")
	if again.Write.Changed() {
		t.Errorf("second import changed the store: %+v", again.Write)
	}
}

func TestBadInput(t *testing.T) {
	good, _ := os.ReadFile("testdata/atop5_1m.csv")
	lines := strings.SplitAfter(string(good), "\n")
	write := importtest.Writer(t)
	tests := []importtest.BadInput{
		importtest.Case("column count", write("short.csv", lines[0]+lines[1]+"9001,2,1949\n"), "short.csv:3: expected 35 columns", 1),
		importtest.Case("not a number", write("nan.csv", lines[0]+strings.Replace(lines[1], "9001,2,", "9001,USA,", 1)), "nan.csv:2: member \"USA\" is not a COW state number", 1),
		importtest.Case("semicolons", write("semi.csv", strings.ReplaceAll(lines[0], ",", ";")+strings.ReplaceAll(lines[1], ",", ";")), "semi.csv:1: wrong delimiter", -1),
		importtest.Case("COW header", write("cow.csv", "version4id,ccode1,state_name1,ccode2,state_name2\n1,2,USA,200,UK\n"), "looks like a COW alliance by-dyad file", -1),
	}
	importtest.CheckBadInput(t, Import, tests)
}

func FuzzMemberRow(f *testing.F) {
	good, _ := os.ReadFile("testdata/atop5_1m.csv")
	lines := strings.SplitAfter(string(good), "\n")
	f.Add(lines[1])
	f.Add(lines[6])
	f.Add("9001,2,x,,,,,,,,\n")
	f.Fuzz(func(t *testing.T, row string) {
		dir := t.TempDir()
		p := filepath.Join(dir, "f.csv")
		os.WriteFile(p, []byte(lines[0]+lines[1]+row), 0o644)
		Import(context.Background(), inmem.New(), []string{p}, importers.Options{SkipBad: true})
	})
}

func FuzzDyadYearRow(f *testing.F) {
	good, _ := os.ReadFile("testdata/atop5_1dy.csv")
	lines := strings.SplitAfter(string(good), "\n")
	f.Add(lines[1])
	f.Add(lines[6])
	f.Add("365,731,19x1,1,1,0,0,0,1,0\n")
	f.Fuzz(func(t *testing.T, row string) {
		p := filepath.Join(t.TempDir(), "f.csv")
		os.WriteFile(p, []byte(lines[0]+lines[1]+row), 0o644)
		sum, err := Import(context.Background(), inmem.New(), []string{p}, importers.Options{SkipBad: true})
		if err == nil && sum.Imported+sum.SkippedTotal() != sum.RowsRead {
			t.Fatalf("rows %d, imported %d, skipped %d", sum.RowsRead, sum.Imported, sum.SkippedTotal())
		}
	})
}
