package cow

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

func rel(t *testing.T, st axis.Store, a, b string, kind axis.Kind) *axis.Relation {
	t.Helper()
	rs, err := st.Relations(context.Background(), axis.RelationFilter{Between: [2]string{a, b}, Kinds: []axis.Kind{kind}, WithEvidence: true})
	if err != nil || len(rs) != 1 {
		return nil
	}
	return &rs[0]
}

func TestByDyadAndMember(t *testing.T) {
	st := inmem.New()
	sum, err := Import(context.Background(), st, []string{"testdata/alliance_v4.1_by_dyad.csv", "testdata/alliance_v4.1_by_member.csv"}, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		a, b          string
		kind          axis.Kind
		signed, ended string
		evidence      int
	}{
		{"DEU", "AUH", axis.DefensePact, "1879-10-07", "1918-11-11", 1}, // listed both ways, one evidence
		{"SUN", "DEU", axis.NeutralityPact, "1939-08-23", "1941-06-22", 1},
		{"USA", "GBR", axis.DefensePact, "1949-08-24", "", 1},
		{"SUN", "PRK", axis.DefensePact, "1961-07-06", "1996-09-10", 1},
		{"FRA", "SUN", axis.ConsultationPact, "1935-05-02", "1939", 1},
		{"PRU", "BAVARIA", axis.DefensePact, "1866-08-22", "1871-01-18", 1},
		{"RUS", "BLR", axis.DefensePact, "1992-05-15", "", 1},
		{"ARM", "GEO", axis.DefensePact, "1993-12-09", "1999-04-02", 1},
	}
	for _, tc := range tests {
		r := rel(t, st, tc.a, tc.b, tc.kind)
		if r == nil {
			t.Errorf("no %s %s-%s", tc.kind, tc.a, tc.b)
			continue
		}
		if r.Commitment.Signed.String() != tc.signed || r.Commitment.Ended.String() != tc.ended || len(r.Evidence) != tc.evidence {
			t.Errorf("%s-%s: %+v, %d evidence", tc.a, tc.b, r.Commitment, len(r.Evidence))
		}
	}
	if a, err := st.Actor(context.Background(), "BAVARIA"); err != nil || !a.Historical {
		t.Errorf("BAVARIA %+v %v", a, err)
	}
	for reason, n := range map[string]int64{importers.ReasonUnknownCode: 1, importers.ReasonNoObligation: 1, "no other member in the alliance": 1} {
		if sum.Skips(reason) != n {
			t.Errorf("%q: %d want %d", reason, sum.Skips(reason), n)
		}
	}
	if sum.Imported+sum.SkippedTotal() != sum.RowsRead {
		t.Errorf("rows %d, imported %d, skipped %d", sum.RowsRead, sum.Imported, sum.SkippedTotal())
	}
	again, err := Import(context.Background(), st, []string{"testdata/alliance_v4.1_by_member.csv", "testdata/alliance_v4.1_by_dyad.csv"}, importers.Options{})
	if err != nil || again.Write.Changed() {
		t.Errorf("second import: %v %+v", err, again.Write)
	}
}

// TestOtherV41Files reads the directed, dyad-yearly, member-yearly and
// directed-yearly layouts of COW v4.1: both directions and all years of one pact are one
// piece of evidence, right_censor = 1 leaves a pact open even when the row
// carries 2012 as its end, a defense flag set one way only is a guarantee,
// and a Latin-1 state name does no harm.
func TestOtherV41Files(t *testing.T) {
	st := inmem.New()
	sum, err := Import(context.Background(), st, []string{"testdata/alliance_v4.1_by_directed.csv", "testdata/alliance_v4.1_by_dyad_yearly.csv", "testdata/alliance_v4.1_by_member_yearly.csv", "testdata/alliance_v4.1_by_directed_yearly.csv"}, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		a, b          string
		kind          axis.Kind
		signed, ended string
		lines         string
	}{
		{"USA", "JPN", axis.SecurityGuarantee, "1951-09-08", "", "alliance_v4.1_by_directed.csv:2"},
		{"GBR", "CYP", axis.SecurityGuarantee, "1960-08-16", "", "alliance_v4.1_by_directed.csv:4"},
		{"FRA", "RUS", axis.DefensePact, "1892-08-17", "1917-08-04", "alliance_v4.1_by_directed.csv:6"},
		{"FRA", "GBR", axis.ConsultationPact, "1904-04-08", "1914-08", "alliance_v4.1_by_dyad_yearly.csv:2"},
		{"CHN", "PRK", axis.DefensePact, "1961-07-11", "", "alliance_v4.1_by_dyad_yearly.csv:5"},
		{"PRU", "WURTTEMBERG", axis.DefensePact, "1870-11-25", "1871-01", "alliance_v4.1_by_member_yearly.csv:2"},
		{"PHL", "USA", axis.DefensePact, "1951-08-30", "", "alliance_v4.1_by_directed_yearly.csv:2"},
	}
	for _, tc := range tests {
		r := rel(t, st, tc.a, tc.b, tc.kind)
		if r == nil {
			t.Errorf("no %s %s-%s", tc.kind, tc.a, tc.b)
			continue
		}
		if r.Source != tc.a || r.Commitment.Signed.String() != tc.signed || r.Commitment.Ended.String() != tc.ended || len(r.Evidence) != 1 || r.Evidence[0].Source != tc.lines {
			t.Errorf("%s %s-%s: %s→%s %+v, evidence %+v", tc.kind, tc.a, tc.b, r.Source, r.Target, r.Commitment, r.Evidence)
		}
	}
	if r := rel(t, st, "USA", "JPN", axis.DefensePact); r != nil {
		t.Errorf("one-sided pact also stored as mutual: %+v", r)
	}
	if sum.RowsRead != 20 || sum.Imported != 19 || sum.Skips("no other member in the alliance") != 1 {
		t.Errorf("rows %d, imported %d, skipped %+v", sum.RowsRead, sum.Imported, sum.Skipped)
	}
}

func TestFilters(t *testing.T) {
	st := inmem.New()
	sum, err := Import(context.Background(), st, []string{"testdata/alliance_v4.1_by_dyad.csv"}, importers.Options{Until: axis.MustParseDate("1900")})
	if err != nil {
		t.Fatal(err)
	}
	rs, _ := st.Relations(context.Background(), axis.RelationFilter{})
	if len(rs) != 2 || sum.Skips(importers.ReasonFilterDate) != 5 {
		t.Errorf("%d relations, %d date-filtered", len(rs), sum.Skips(importers.ReasonFilterDate))
	}
}

func TestBadInput(t *testing.T) {
	good, _ := os.ReadFile("testdata/alliance_v4.1_by_dyad.csv")
	lines := strings.SplitAfter(string(good), "\n")
	write := importtest.Writer(t)
	tests := []importtest.BadInput{
		importtest.Case("column count", write("short.csv", lines[0]+"1,255,Germany\n"+lines[3]), "short.csv:2: expected 18 columns", 1),
		importtest.Case("bad year", write("year.csv", lines[0]+strings.Replace(lines[4], "1949", "19x9", 1)), "year.csv:2: dyad_st_year \"19x9\"", 1),
		importtest.Case("ends before start", write("order.csv", lines[0]+strings.Replace(lines[1], "1918", "1870", 1)), "order.csv:2: ends (1870-11-11) before it starts", 1),
		importtest.Case("tabs", write("tabs.csv", strings.ReplaceAll(lines[0], ",", "\t")), "tabs.csv:1: wrong delimiter", -1),
		importtest.Case("ATOP header", write("atop.csv", "atopid,member,yrent\n1,2,1949\n"), "its header looks like an ATOP member-level file", -1),
		importtest.Case("empty", write("empty.csv", ""), "empty.csv: the file is empty", -1),
	}
	importtest.CheckBadInput(t, Import, tests)
}

func FuzzDyadRow(f *testing.F) {
	good, _ := os.ReadFile("testdata/alliance_v4.1_by_dyad.csv")
	lines := strings.SplitAfter(string(good), "\n")
	f.Add(lines[1])
	f.Add(lines[4])
	f.Add("\"1,2\",x\n")
	f.Fuzz(func(t *testing.T, row string) {
		p := filepath.Join(t.TempDir(), "f.csv")
		os.WriteFile(p, []byte(lines[0]+row), 0o644)
		Import(context.Background(), inmem.New(), []string{p}, importers.Options{SkipBad: true})
	})
}

func FuzzMemberRow(f *testing.F) {
	good, _ := os.ReadFile("testdata/alliance_v4.1_by_member.csv")
	lines := strings.SplitAfter(string(good), "\n")
	f.Add(lines[2])
	f.Add(lines[4])
	f.Add("10,371,Armenia,,,,,,,,,,,,,0,1,1,0,1,1,4.1\n")
	f.Fuzz(func(t *testing.T, row string) {
		p := filepath.Join(t.TempDir(), "f.csv")
		os.WriteFile(p, []byte(lines[0]+lines[1]+row), 0o644)
		sum, err := Import(context.Background(), inmem.New(), []string{p}, importers.Options{SkipBad: true})
		if err == nil && sum.Imported+sum.SkippedTotal() != sum.RowsRead {
			t.Fatalf("rows %d, imported %d, skipped %d", sum.RowsRead, sum.Imported, sum.SkippedTotal())
		}
	})
}
