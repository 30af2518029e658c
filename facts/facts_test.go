package facts

import (
	"context"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"axis"
	"axis/inmem"
)

// testActors are the actors the tests' store knows.
var testActors = []axis.Actor{
	{Code: "RUS", Name: "Russia", Kind: axis.ActorState},
	{Code: "PRK", Name: "North Korea", Kind: axis.ActorState},
	{Code: "CHN", Name: "China", Kind: axis.ActorState},
	{Code: "USA", Name: "United States", Kind: axis.ActorState},
	{Code: "NATO", Name: "NATO", Kind: axis.ActorOrganization},
}

func newStore(t *testing.T) *inmem.Store {
	t.Helper()
	s := inmem.New()
	_, err := s.Write(context.Background(), func(w axis.Writer) error {
		for i := range testActors {
			a := testActors[i]
			if err := w.PutActor(&a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func readGood(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseGood(t *testing.T) {
	f, err := Parse(strings.NewReader(readGood(t)), "good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Sources) != 2 || len(f.Actors) != 1 || len(f.Relations) != 4 {
		t.Fatalf("got %d sources, %d actors, %d relations; want 2, 1, 4", len(f.Sources), len(f.Actors), len(f.Relations))
	}
	pact := f.Relations[0]
	if pact.Source != "PRK" || pact.Target != "RUS" {
		t.Errorf("symmetric pact not ordered: %s-%s", pact.Source, pact.Target)
	}
	if pact.Commitment == nil || pact.Commitment.Article != "4" || pact.Commitment.InForce != axis.Day(2024, 12, 4) {
		t.Errorf("commitment = %+v", pact.Commitment)
	}
	if pact.Date != axis.Day(2024, 6, 19) {
		t.Errorf("commitment date defaults to signed: got %s", pact.Date)
	}
	shells := f.Relations[1]
	want := &axis.Quantity{Value: 1e6, Unit: "shells", Bound: "over"}
	if !reflect.DeepEqual(shells.Quantity, want) {
		t.Errorf("quantity = %+v, want %+v", shells.Quantity, want)
	}
	if shells.Status != axis.Reported || shells.Until != axis.MustParseDate("2024-10") {
		t.Errorf("status %s until %s", shells.Status, shells.Until)
	}
	ev := shells.Evidence(f)
	if len(ev) != 2 {
		t.Fatalf("want one evidence per citation, got %d", len(ev))
	}
	if ev[0].Confidence != 0.9 || ev[1].Confidence != 1.0 {
		t.Errorf("confidences %v %v, want 0.9 (news) and 1.0 (official)", ev[0].Confidence, ev[1].Confidence)
	}
	if ev[1].Method != axis.MethodManual || ev[1].Source != "Example Ministry of Foreign Affairs" || ev[1].Published != axis.Day(2024, 6, 19) || ev[1].Status != axis.Reported {
		t.Errorf("evidence = %+v", ev[1])
	}
	if ev[0].Sentence != shells.Note {
		t.Errorf("evidence sentence is the note")
	}
	if got := f.Relations[2].Cite; !reflect.DeepEqual(got, []string{"wire-report"}) {
		t.Errorf("single cite value = %v", got)
	}
	if f.Relations[3].Status != axis.Confirmed || f.Relations[3].GroupID != "drill-2024-07" {
		t.Errorf("default status / group: %s %q", f.Relations[3].Status, f.Relations[3].GroupID)
	}
}

func TestDocumentIDStable(t *testing.T) {
	s := &Source{Publisher: "P", Title: "T", URL: "https://x", Date: axis.Day(2024, 1, 2)}
	a, b := s.Document("a.yaml"), s.Document("b.yaml")
	if a.ID != b.ID || len(a.ID) != 64 || a.Kind != axis.DocCitation {
		t.Errorf("ids %s %s kind %s", a.ID, b.ID, a.Kind)
	}
	s2 := *s
	s2.Title = "T2"
	if s2.Document("a").ID == a.ID {
		t.Error("different citations must hash differently")
	}
}

const header = `sources:
  s1: {publisher: P, title: T, url: "https://example.org", date: 2024-01-01}
relations:
`

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // substrings of the error
	}{
		{"unknown kind", header + "  - {source: RUS, target: PRK, kind: alliance, note: n, cite: [s1]}\n",
			[]string{"x.yaml:4: relations[0].kind: unknown kind \"alliance\"; valid kinds: defense_pact,", "incursion"}},
		{"unknown item", header + "  - {source: PRK, target: RUS, kind: arms, item: shells, note: n, cite: [s1]}\n",
			[]string{"x.yaml:4: relations[0].item: unknown item \"shells\" for kind arms; valid items: artillery_ammunition,"}},
		{"item on kind without items", header + "  - {source: PRK, target: RUS, kind: visit, item: naval, note: n, cite: [s1]}\n",
			[]string{"valid items: none"}},
		{"bad date", header + "  - source: PRK\n    target: RUS\n    kind: visit\n    date: 19/06/2024\n    note: n\n    cite: [s1]\n",
			[]string{"x.yaml:7: relations[0].date: invalid date \"19/06/2024\": use " + axis.AcceptedDateFormats}},
		{"impossible date", header + "  - {source: PRK, target: RUS, kind: visit, date: 2024-02-30, note: n, cite: [s1]}\n",
			[]string{"relations[0].date: invalid date \"2024-02-30\""}},
		{"no citation", header + "  - {source: PRK, target: RUS, kind: visit, note: n}\n",
			[]string{"x.yaml:4: relations[0].cite: missing required field"}},
		{"empty citation", header + "  - {source: PRK, target: RUS, kind: visit, note: n, cite: []}\n",
			[]string{"relations[0].cite: a relation needs at least one citation"}},
		{"unknown citation", header + "  - {source: PRK, target: RUS, kind: visit, note: n, cite: [s2]}\n",
			[]string{"x.yaml:4: relations[0].cite[0]: unknown citation \"s2\"; closest known: s1"}},
		{"unknown status", header + "  - {source: PRK, target: RUS, kind: visit, status: rumoured, note: n, cite: [s1]}\n",
			[]string{"unknown status \"rumoured\"; valid: confirmed, reported"}},
		{"unknown field", header + "  - {source: PRK, target: RUS, kind: visit, notes: n, cite: [s1]}\n",
			[]string{"relations[0].notes: unknown field; valid fields: cite, commitment,", "relations[0].note: missing required field"}},
		{"empty note", header + "  - {source: PRK, target: RUS, kind: visit, note: \"\", cite: [s1]}\n",
			[]string{"relations[0].note: the note states the fact"}},
		{"same actor twice", header + "  - {source: PRK, target: prk, kind: visit, note: n, cite: [s1]}\n",
			[]string{"two different actors"}},
		{"bad code shape", header + "  - {source: P-K, target: RUS, kind: visit, note: n, cite: [s1]}\n",
			[]string{"relations[0].source: invalid actor code \"P-K\""}},
		{"commitment on transfer", header + "  - {source: PRK, target: RUS, kind: arms, commitment: {signed: 2024}, note: n, cite: [s1]}\n",
			[]string{"commitment fields given for arms, which is not a commitment"}},
		{"bad theater", header + "  - {source: JPN, target: USA, kind: defense_pact, commitment: {conditions: {theaters: [pacific]}}, note: n, cite: [s1]}\n",
			[]string{"unknown theater \"pacific\"; valid: europe,"}},
		{"until before date", header + "  - {source: PRK, target: RUS, kind: visit, date: 2024, until: 2023, note: n, cite: [s1]}\n",
			[]string{"until 2023 is before date 2024"}},
		{"bad quantity", header + "  - {source: PRK, target: RUS, kind: troops, item: combat_troops, quantity: {value: many}, note: n, cite: [s1]}\n",
			[]string{"quantity \"many\" must be a number"}},
		{"bad bound", header + "  - {source: PRK, target: RUS, kind: troops, quantity: {value: 3, bound: around}, note: n, cite: [s1]}\n",
			[]string{"unknown bound \"around\""}},
		{"source without url scheme", "sources:\n  s1: {publisher: P, title: T, url: example.org, date: 2024}\nrelations: []\n",
			[]string{"x.yaml:2: sources.s1.url: url \"example.org\" must start with https://"}},
		{"source missing date", "sources:\n  s1: {publisher: P, title: T, url: \"https://e.org\"}\nrelations: []\n",
			[]string{"x.yaml:2: sources.s1.date: missing required field"}},
		{"source bad type", "sources:\n  s1: {publisher: P, title: T, url: \"https://e.org\", date: 2024, type: blog}\nrelations: []\n",
			[]string{"unknown source type \"blog\"; valid: official, news, analysis, reference"}},
		{"unknown top-level", "sources: {}\nrelations: []\nfacts: []\n",
			[]string{"x.yaml:3: facts: unknown field; valid fields: actors, relations, sources"}},
		{"missing relations", "sources: {}\n", []string{"relations: missing required field"}},
		{"relations not a list", "sources: {}\nrelations: {a: b}\n", []string{"x.yaml:2: relations: relations must be a list"}},
		{"top level list", "- a\n- b\n", []string{"x.yaml:1: the top level must be a mapping"}},
		{"empty file", "", []string{"x.yaml:1: empty facts file"}},
		{"yaml syntax", "sources: {\nrelations: [\n", []string{"x.yaml:", "invalid YAML"}},
		{"actor without country", "sources: {}\nactors:\n  - {code: ACME, name: Acme, kind: firm}\nrelations: []\n",
			[]string{"x.yaml:3: actors[0]: country: actor ACME is a firm and needs the country"}},
		{"citation checked on a bad relation", header + "  - {source: PRK, target: RUS, kind: arms, item: tanks, note: n, cite: [s9]}\n",
			[]string{"relations[0].item", "relations[0].cite[0]: unknown citation \"s9\""}},
		{"two treaties of one kind for a pair", header + "  - {source: USA, target: JPN, kind: defense_pact, commitment: {title: A, signed: 1951}, note: n, cite: [s1]}\n  - {source: JPN, target: USA, kind: defense_pact, commitment: {title: B, signed: 1960}, note: n, cite: [s1]}\n",
			[]string{"x.yaml:5: relations[1]: defense_pact JPN-USA already given at line 4 with title \"A\""}},
		{"two errors reported", header + "  - {source: PRK, target: RUS, kind: visits, note: n, cite: [s1]}\n  - {source: PRK, target: RUS, kind: arms, item: tanks, note: n, cite: [s1]}\n",
			[]string{"x.yaml:4: relations[0].kind", "x.yaml:5: relations[1].item"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.in), "x.yaml")
			if err == nil {
				t.Fatal("want an error, got none")
			}
			if axis.ErrorCode(err) != axis.EINVALID {
				t.Errorf("code %s, want invalid", axis.ErrorCode(err))
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%s\ndoes not contain\n%s", err, w)
				}
			}
		})
	}
}

func TestCheckActors(t *testing.T) {
	in := header + "  - {source: RUSS, target: PRK, kind: visit, note: n, cite: [s1]}\n" +
		"  - {source: USA, target: JPN, kind: defense_pact, commitment: {conditions: {adversaries: [CHM]}}, note: n, cite: [s1]}\n"
	f, err := Parse(strings.NewReader(in), "x.yaml")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{"RUS": true, "PRK": true, "USA": true, "CHN": true}
	all := []string{"CHN", "PRK", "RUS", "USA"}
	err = f.CheckActors(func(c string) bool { return known[c] }, all)
	if err == nil {
		t.Fatal("want errors")
	}
	for _, w := range []string{
		`x.yaml:4: relations[0].source: unknown actor code "RUSS"; closest known: RUS`,
		`x.yaml:5: relations[1].target: unknown actor code "JPN"`,
		`relations[1].commitment.conditions.adversaries[0]: unknown actor code "CHM"; closest known: CHN`,
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error\n%s\ndoes not contain\n%s", err, w)
		}
	}
}

func TestLoadTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	res, err := Load(ctx, s, strings.NewReader(readGood(t)), "good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := axis.WriteResult{ActorsPut: 1, DocumentsNew: 2, RelationsNew: 4, EvidenceNew: 5}
	if res != want {
		t.Errorf("first load %+v, want %+v", res, want)
	}
	before, _ := s.Stats(ctx)
	res, err = Load(ctx, s, strings.NewReader(readGood(t)), "good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed() || res.ActorsPut != 0 {
		t.Errorf("second load changed the store: %+v", res)
	}
	after, _ := s.Stats(ctx)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("stats changed: %+v -> %+v", before, after)
	}
	rels, _ := s.Relations(ctx, axis.RelationFilter{Between: [2]string{"RUS", "PRK"}, Kinds: []axis.Kind{axis.DefensePact}, WithEvidence: true})
	if len(rels) != 1 || rels[0].Commitment == nil || rels[0].Commitment.Article != "4" || len(rels[0].Evidence) != 1 {
		t.Fatalf("stored pact = %+v", rels)
	}
	if d, err := s.Document(ctx, rels[0].Evidence[0].DocumentID); err != nil || d.Kind != axis.DocCitation || d.URL != "https://example.org/treaty" {
		t.Errorf("citation document = %+v, %v", d, err)
	}
}

// TestErrorAtLastLineWritesNothing appends a bad relation at the very end of
// an otherwise good file: the load fails and the store is as it was, both
// when the actor check catches it and when only the store does.
func TestErrorAtLastLineWritesNothing(t *testing.T) {
	ctx := context.Background()
	bad := readGood(t) + "  - {source: CHN, target: RUSS, kind: visit, note: n, cite: [wire-report]}\n"
	lastLine := strings.Count(bad, "\n")
	s := newStore(t)
	before, _ := s.Stats(ctx)
	_, err := Load(ctx, s, strings.NewReader(bad), "bad.yaml")
	if err == nil || !strings.Contains(err.Error(), "bad.yaml:"+strconv.Itoa(lastLine)+": relations[4].target: unknown actor code \"RUSS\"; closest known: RUS") {
		t.Fatalf("error = %v", err)
	}
	after, _ := s.Stats(ctx)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("stats changed: %+v -> %+v", before, after)
	}

	// Skip the actor check: the store rejects the last relation inside the
	// transaction, after everything before it was written.
	f, err := Parse(strings.NewReader(bad), "bad.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Write(ctx, f.Apply)
	if err == nil || !strings.Contains(err.Error(), "bad.yaml:"+strconv.Itoa(lastLine)+": relations[4]") || axis.ErrorCode(err) != axis.EINVALID {
		t.Fatalf("error = %v", err)
	}
	after, _ = s.Stats(ctx)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("stats changed: %+v -> %+v", before, after)
	}
}

func TestLoadRefusesRedefiningActor(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	in := header + "  - {source: RUS, target: PRK, kind: visit, note: n, cite: [s1]}\n" +
		"actors:\n  - {code: RUS, name: Rusal, kind: firm, country: RUS}\n"
	before, _ := s.Stats(ctx)
	_, err := Load(ctx, s, strings.NewReader(in), "x.yaml")
	if err == nil || !strings.Contains(err.Error(), `x.yaml:6: actors[0].code: actor RUS already exists as "Russia" (state)`) {
		t.Fatalf("error = %v", err)
	}
	if a, _ := s.Actor(ctx, "RUS"); a.Kind != axis.ActorState {
		t.Errorf("RUS was overwritten: %+v", a)
	}
	after, _ := s.Stats(ctx)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("stats changed: %+v -> %+v", before, after)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(header + "  - {source: RUS, target: PRK, kind: visit, note: n, cite: [s1]}\n")
	f.Add("sources: {}\nrelations: []\n")
	f.Add("- [\n")
	f.Add("sources:\n  a: &x {publisher: P}\n  b: *x\nrelations: [*x]\n")
	f.Fuzz(func(t *testing.T, in string) {
		file, err := Parse(strings.NewReader(in), "fuzz.yaml")
		if err != nil {
			if axis.ErrorCode(err) != axis.EINVALID {
				t.Fatalf("non-domain error %v", err)
			}
			return
		}
		for _, r := range file.Relations {
			if len(r.Cite) == 0 || r.Note == "" || !r.Kind.Valid() {
				t.Fatalf("accepted bad relation %+v", r)
			}
			if err := r.Relation.Validate(); err != nil {
				t.Fatalf("accepted invalid relation: %v", err)
			}
		}
	})
}
