package importers

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"axis"
)

func TestHashingReader(t *testing.T) {
	small := []byte("GDELT row\n")
	h := NewHashingReader(bytes.NewReader(small), int64(len(small)))
	io.Copy(io.Discard, h)
	want := sha256.Sum256(small)
	if h.Sum() != hex.EncodeToString(want[:]) || h.N != int64(len(small)) {
		t.Errorf("small file: %s, want the content's SHA-256", h.Sum())
	}
	large := func(flip int64) string {
		r := io.LimitReader(&pattern{flip: flip}, LargeFile+10)
		h := NewHashingReader(r, LargeFile+10)
		io.Copy(io.Discard, h)
		if len(h.Sum()) != 64 {
			t.Fatal("id is not 64 hex digits")
		}
		return h.Sum()
	}
	a, b, c := large(-1), large(-1), large(LargeFile/2)
	if a != b || a == c {
		t.Errorf("large files: same content %v, changed content differs %v", a == b, a != c)
	}
}

// pattern yields a repeating byte pattern, one byte changed at flip.
type pattern struct{ pos, flip int64 }

func (p *pattern) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = byte(p.pos % 251)
		if p.pos == p.flip {
			b[i]++
		}
		p.pos++
	}
	return len(b), nil
}

func TestCOWCode(t *testing.T) {
	tests := []struct {
		ccode, year int
		want        string
	}{
		{2, 1950, "USA"}, {255, 1866, "PRU"}, {255, 1914, "DEU"}, {255, 1995, "DEU"}, {260, 1960, "FRG"},
		{365, 1900, "RUS"}, {365, 1939, "SUN"}, {365, 1992, "RUS"}, {345, 1914, "SRB"}, {345, 1950, "YUG"},
		{345, 2004, "SCG"}, {345, 2010, "SRB"}, {300, 1900, "AUH"}, {731, 2024, "PRK"}, {732, 2024, "KOR"},
		{678, 1980, "YEM"}, {680, 1980, "YMD"}, {999, 2000, ""},
	}
	for _, tc := range tests {
		if got := COWCode(tc.ccode, tc.year); got != tc.want {
			t.Errorf("COW %d in %d: %q, want %q", tc.ccode, tc.year, got, tc.want)
		}
	}
	for _, list := range [][]Country{Countries, HistoricalCountries} {
		for _, c := range list {
			a := c.Actor()
			if err := a.Validate(); err != nil {
				t.Errorf("%s: %v", c.Code, err)
			}
		}
	}
}

func TestNames(t *testing.T) {
	tests := map[string]string{"United States": "USA", "Cote d'Ivoire": "CIV", "Côte d'Ivoire": "CIV", "Korea, North": "PRK",
		"Antigua & Barbuda": "ATG", "U.S.": "USA", "Soviet Union": "SUN", "  viet   nam ": "VNM"}
	for name, want := range tests {
		if c := CountryByName(name); c == nil || c.Code != want {
			t.Errorf("%q: %v, want %s", name, c, want)
		}
	}
}

func TestKeepSpan(t *testing.T) {
	d := axis.MustParseDate
	o := Options{Since: d("2000"), Until: d("2010")}
	tests := []struct {
		from, to axis.Date
		want     bool
	}{
		{d("1990"), d("1995"), false}, {d("1990"), axis.Date{}, true}, {d("1990"), d("2000-03"), true},
		{d("2010-12-31"), axis.Date{}, true}, {d("2011"), axis.Date{}, false}, {axis.Date{}, axis.Date{}, false},
	}
	for _, tc := range tests {
		if got := o.KeepSpan(tc.from, tc.to); got != tc.want {
			t.Errorf("%s..%s: %v", tc.from, tc.to, got)
		}
	}
	if !(&Options{}).KeepSpan(axis.Date{}, axis.Date{}) {
		t.Error("no filter must keep undated")
	}
	a := Options{Actors: []string{"RUS", "PRK"}}
	w := Options{Actors: []string{"RUS", "PRK"}, Within: true}
	if !a.KeepActors("RUS", "USA") || w.KeepActors("RUS", "USA") || !w.KeepActors("PRK", "RUS") {
		t.Error("actor filter")
	}
}

func TestInputs(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "b.csv"), []byte("x\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.md"), []byte("x\n"), 0o644)
	f, _ := os.Create(filepath.Join(dir, "a.CSV.zip"))
	zw := zip.NewWriter(f)
	w, _ := zw.Create("a.CSV")
	w.Write([]byte("hello\n"))
	zw.Close()
	f.Close()
	ins, err := Inputs([]string{dir})
	if err != nil || len(ins) != 2 || ins[0].Name != "a.CSV" || ins[0].Size != 6 || ins[1].Name != "b.csv" {
		t.Fatalf("%+v %v", ins, err)
	}
	rc, err := ins[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if string(b) != "hello\n" {
		t.Errorf("member %q", b)
	}
	for _, bad := range []string{filepath.Join(dir, "missing.csv"), t.TempDir()} {
		if _, err := Inputs([]string{bad}); err == nil || axis.ErrorCode(err) != axis.EINVALID {
			t.Errorf("%s: %v", bad, err)
		}
	}
	if _, err := Inputs(nil); err == nil {
		t.Error("no paths accepted")
	}
}

func TestDescribe(t *testing.T) {
	tests := map[string]string{
		"GLOBALEVENTID,SQLDATE":                   "GDELT",
		"atopid,member,yrent":                     "ATOP member-level",
		"stateA,stateB,year":                      "ATOP dyad-year",
		"version4id,ccode1,ccode2":                "by-dyad",
		"version4id,ccode,state":                  "by-member",
		"Recipient,Supplier,Year":                 "SIPRI",
		"name,age":                                "",
		"dyad,mem1,mem2,year,atopally":            "ATOP dyad-year",
		"atopid,cowid,begyr,begmo":                "alliance-level file (atop5_1a.csv)",
		"ccode,year,atopally,atopid1":             "state-year file",
		"SIPRI AT Database ID,Supplier,Recipient": "SIPRI",
		"Deal ID,Seller,Buyer,Designation":        "SIPRI",
	}
	for h, want := range tests {
		got := Describe(strings.Split(h, ","))
		if (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("%s: %q", h, got)
		}
	}
}

func TestCheckFilter(t *testing.T) {
	r := &Resolver{known: map[string]bool{"NATO": true}}
	if err := r.CheckFilter([]string{"RUS", "NATO", "SUN"}); err != nil {
		t.Error(err)
	}
	err := r.CheckFilter([]string{"RUSS"})
	if err == nil || !strings.Contains(err.Error(), `unknown actor code "RUSS"; closest known: RUS`) {
		t.Errorf("%v", err)
	}
}

// TestTableQuirks: Latin-1 fields are decoded, a byte-order mark does not
// hide the first column, a trailing separator adds no column, and
// semicolon files read with OpenTableSep.
func TestTableQuirks(t *testing.T) {
	tests := []struct {
		name, content string
		comma         rune
		want          []string // name column of each row
	}{
		{"latin1", "id,name\n1,C\xf4te d'Ivoire\n2,W\xfcrttemberg\n", ',', []string{"Côte d'Ivoire", "Württemberg"}},
		{"utf8 with BOM", "\ufeffid,name\n1,Türkiye\n", ',', []string{"Türkiye"}},
		{"trailing separator", "id,name,\n1,Chad,\n2,Mali\n", ',', []string{"Chad", "Mali"}},
		{"row separator only", "id,name\n1,Chad,\n", ',', []string{"Chad"}},
		{"semicolons", "id;name\n1;\"Korea, North\"\n", ';', []string{"Korea, North"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb, err := OpenTableSep(strings.NewReader(tc.content), "f.csv", "a test file", []string{"id", "name"}, 0, tc.comma)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for {
				rec, err := tb.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("line %d: %v", tb.Line, err)
				}
				got = append(got, tb.Get(rec, "name"))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q", got)
			}
		})
	}
}
