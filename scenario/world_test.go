package scenario

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"axis"
	"axis/inmem"
)

func TestParseTrigger(t *testing.T) {
	cases := []struct {
		in      string
		want    Trigger
		wantErr string
	}{
		{"CHN attacks TWN", Trigger{Attacker: "CHN", Target: "TWN"}, ""},
		{"prk invades kor in east_asia on 2027-05-01", Trigger{Attacker: "PRK", Target: "KOR", Theater: "east_asia", Date: axis.Day(2027, 5, 1)}, ""},
		{"RUS strikes EST on 2027 in europe", Trigger{Attacker: "RUS", Target: "EST", Theater: "europe", Date: axis.Date{Year: 2027}}, ""},
		{"CHN attacks", Trigger{}, "too few words"},
		{"CHN bombs TWN", Trigger{}, "unknown verb"},
		{"CHN attacks CHN", Trigger{}, "same"},
		{"CHN attacks TWN in pacific", Trigger{}, "unknown theater"},
		{"CHN attacks TWN on tomorrow", Trigger{}, "bad date"},
		{"CHN attacks TWN soon", Trigger{}, "dangling"},
		{"CHN attacks TWN at dawn", Trigger{}, "unexpected"},
		{"C attacks TWN", Trigger{}, "actor codes"},
	}
	for _, c := range cases {
		got, err := ParseTrigger(c.in)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) || axis.ErrorCode(err) != axis.EINVALID {
				t.Errorf("%q: error %v, want EINVALID with %q", c.in, err, c.wantErr)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: got %+v, %v; want %+v", c.in, got, err, c.want)
		}
		if again, err := ParseTrigger(got.String()); err != nil || again != got {
			t.Errorf("%q: String() %q does not parse back: %+v %v", c.in, got.String(), again, err)
		}
	}
}

func FuzzParseTrigger(f *testing.F) {
	for _, s := range []string{"CHN attacks TWN", "PRK invades KOR in east_asia on 2027-05-01", "a b", "X attacks Y on 2024-02-30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tr, err := ParseTrigger(s)
		if err != nil {
			if axis.ErrorCode(err) != axis.EINVALID {
				t.Fatalf("%q: error without EINVALID: %v", s, err)
			}
			return
		}
		if again, err := ParseTrigger(tr.String()); err != nil || again != tr {
			t.Fatalf("%q -> %q does not round-trip: %+v %v", s, tr.String(), again, err)
		}
	})
}

func TestLoadWorld1939(t *testing.T) {
	b, err := os.ReadFile("testdata/1939.yaml")
	if err != nil {
		t.Fatal(err)
	}
	w, err := LoadWorld(bytes.NewReader(b), "1939.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if w.Name != "europe-1939" || len(w.Actors) < 25 || len(w.Commitments) < 30 || w.Outcome == nil || len(w.Wars) != 2 {
		t.Fatalf("world read wrong: %s, %d actors, %d commitments, outcome %v, %d wars", w.Name, len(w.Actors), len(w.Commitments), w.Outcome, len(w.Wars))
	}
	var anglo *Commitment
	for i := range w.Commitments {
		if w.Commitments[i].Parties == [2]string{"GBR", "POL"} {
			anglo = &w.Commitments[i]
		}
	}
	if anglo == nil || anglo.Kind != axis.DefensePact || len(anglo.Conditions.Adversaries) != 1 || anglo.Conditions.Adversaries[0] != "GER" || anglo.ID == 0 {
		t.Errorf("Anglo-Polish agreement read as %+v", anglo)
	}
	pb, err := os.ReadFile("testdata/params-pre1945.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := LoadParams(bytes.NewReader(pb), "params-pre1945.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Escalate(context.Background(), w, Trigger{Attacker: "GER", Target: "POL"}, p, RunOptions{Trials: 5000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	v := Compare(w, res)
	if v == nil || len(v.States) != len(w.Outcome.Joined) || v.MeanBrier <= 0 || v.MeanBrier >= 1 || v.Joiners != 8 {
		t.Fatalf("validation %+v", v)
	}
	// Britain's pact names Germany, the attacker: it is likely to fire.
	if s := pjoin(res, "GBR"); s.PTargetSide < 0.5 {
		t.Errorf("P(GBR on Poland's side)=%v, want above 0.5", s.PTargetSide)
	}
	// Romania's pact is against the USSR only, which rarely enters.
	if s := pjoin(res, "ROU"); s.PJoin > 0.2 {
		t.Errorf("P(ROU)=%v, want small", s.PJoin)
	}
	var buf bytes.Buffer
	if err := WriteChart(&buf, res, "svg", 10); err != nil || !strings.Contains(buf.String(), "<svg") {
		t.Errorf("chart: %v, %d bytes", err, buf.Len())
	}
	if err := WriteChart(&buf, res, "gif", 10); axis.ErrorCode(err) != axis.EINVALID {
		t.Errorf("gif chart: %v, want EINVALID", err)
	}
}

func TestLoadWorldErrors(t *testing.T) {
	base := "actors:\n  - {code: AA, theaters: [europe]}\n  - {code: BB}\n"
	cases := []struct {
		name, doc, want string
	}{
		{"empty", "", "empty world file"},
		{"unknown key", base + "allies: []\n", "allies"},
		{"bad actor code", "actors:\n  - {code: a}\n", "actors[0].code"},
		{"duplicate actor", "actors:\n  - {code: AA}\n  - {code: AA}\n", "listed twice"},
		{"bad theater", "actors:\n  - {code: AA, theaters: [pacific]}\n", "unknown theater \"pacific\""},
		{"unknown party", base + "commitments:\n  - {kind: defense_pact, parties: [AA, CC]}\n", "commitments[0].parties[1]: unknown actor \"CC\""},
		{"not a commitment", base + "commitments:\n  - {kind: arms, parties: [AA, BB]}\n", "not a commitment kind; valid: defense_pact"},
		{"same party", base + "commitments:\n  - {kind: defense_pact, parties: [AA, AA]}\n", "two different parties"},
		{"bad probability", base + "commitments:\n  - {kind: defense_pact, parties: [AA, BB], probability: 2}\n", "must be in [0,1]"},
		{"bad adversary", base + "commitments:\n  - {kind: defense_pact, parties: [AA, BB], conditions: {adversaries: [ZZ]}}\n", "adversaries[0]"},
		{"bad rivalry", base + "rivalries:\n  - {a: AA, b: QQ}\n", "rivalries[0].b"},
		{"bad war theater", base + "wars:\n  - {theater: mars, side_a: [AA], side_b: [BB]}\n", "wars[0].theater"},
		{"bad outcome side", base + "outcome:\n  joined: {AA: winner}\n", "must be attacker, target or none"},
	}
	for _, c := range cases {
		_, err := LoadWorld(strings.NewReader(c.doc), "w.yaml")
		if err == nil || axis.ErrorCode(err) != axis.EINVALID || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "w.yaml") {
			t.Errorf("%s: error %v, want EINVALID naming w.yaml and %q", c.name, err, c.want)
		}
	}
}

func FuzzLoadWorld(f *testing.F) {
	b, _ := os.ReadFile("testdata/1939.yaml")
	f.Add(string(b))
	f.Add("actors:\n  - {code: AA}\n  - {code: BB}\ncommitments:\n  - {kind: defense_pact, parties: [AA, BB]}\n")
	f.Fuzz(func(t *testing.T, doc string) {
		w, err := LoadWorld(strings.NewReader(doc), "fuzz")
		if err != nil {
			return
		}
		if len(w.Actors) < 2 {
			return
		}
		tr := Trigger{Attacker: w.Actors[0].Code, Target: w.Actors[1].Code}
		if _, err := Escalate(context.Background(), w, tr, DefaultParams(), RunOptions{Trials: 20, Seed: 1, Workers: 1}); err != nil {
			t.Fatalf("a valid world fails to run: %v", err)
		}
	})
}

func TestLoadParams(t *testing.T) {
	p, err := LoadParams(strings.NewReader("kinds:\n  defense_pact: 0.9\nrivalry: 0.2\nstatus:\n  alleged: 0.1\norganizations:\n  AUKUS: {kind: consultation_pact}\n"), "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d := DefaultParams()
	if p.Kinds[axis.DefensePact] != 0.9 || p.Kinds[axis.OffensePact] != d.Kinds[axis.OffensePact] || p.Rivalry != 0.2 || p.Cooperation != d.Cooperation ||
		p.Status[axis.Alleged] != 0.1 || p.Organizations["AUKUS"].Kind != axis.ConsultationPact || p.Organizations["NATO"].Kind != axis.DefensePact {
		t.Errorf("params not overlaid on the defaults: %+v", p)
	}
	for _, c := range []struct{ doc, want string }{
		{"kinds:\n  arms: 0.5\n", "not a commitment kind"},
		{"kinds:\n  defense_pact: 1.5\n", "must be in [0,1]"},
		{"rivalry: -1\n", "must be in [0,1]"},
		{"status:\n  sure: 1\n", "unknown status"},
		{"organizations:\n  NATO: {kind: visit}\n", "organizations.NATO.kind"},
		{"alliance: 1\n", "valid keys"},
	} {
		_, err := LoadParams(strings.NewReader(c.doc), "p.yaml")
		if axis.ErrorCode(err) != axis.EINVALID || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "p.yaml") {
			t.Errorf("%q: %v, want EINVALID with %q", c.doc, err, c.want)
		}
	}
}

func TestWorldFromStore(t *testing.T) {
	ctx := context.Background()
	s := inmem.New()
	ev := []axis.Evidence{{DocumentID: "d", Sentence: "a sentence", Method: axis.MethodManual, Confidence: 1, Source: "Test Wire"}}
	_, err := s.Write(ctx, func(w axis.Writer) error {
		for _, a := range []axis.Actor{
			{Code: "AA", Name: "A", Kind: axis.ActorState, Theaters: []string{"east_asia"}},
			{Code: "BB", Name: "B", Kind: axis.ActorState, Theaters: []string{"east_asia"}},
			{Code: "CC", Name: "C", Kind: axis.ActorState, Theaters: []string{"europe"}},
			{Code: "DD", Name: "D", Kind: axis.ActorState, Theaters: []string{"europe"}},
			{Code: "EE", Name: "E", Kind: axis.ActorState, Theaters: []string{"europe"}},
			{Code: "NATO", Name: "NATO", Kind: axis.ActorOrganization},
			{Code: "FIRM", Name: "Firm", Kind: axis.ActorFirm, Country: "AA"},
		} {
			a := a
			if err := w.PutActor(&a); err != nil {
				return err
			}
		}
		rels := []axis.Relation{
			{Source: "AA", Target: "BB", Kind: axis.DefensePact, Commitment: &axis.Commitment{Signed: axis.Day(2000, 1, 1), Title: "AB treaty", Conditions: axis.Conditions{Adversaries: []string{"CC"}}}},
			{Source: "AA", Target: "CC", Kind: axis.DefensePact, Commitment: &axis.Commitment{Signed: axis.Day(2030, 1, 1)}}, // not yet in force
			{Source: "AA", Target: "DD", Kind: axis.DefensePact, Commitment: &axis.Commitment{Signed: axis.Day(1990, 1, 1), Ended: axis.Day(2001, 1, 1)}},
			{Source: "CC", Target: "NATO", Kind: axis.Membership},
			{Source: "DD", Target: "NATO", Kind: axis.Membership},
			{Source: "EE", Target: "NATO", Kind: axis.Membership},
			{Source: "CC", Target: "DD", Kind: axis.Attack, Item: "ground", Date: axis.Day(2022, 2, 24)},
			{Source: "BB", Target: "CC", Kind: axis.Sanction, Date: axis.Day(2023, 1, 1)},
			{Source: "BB", Target: "CC", Kind: axis.Threaten, Date: axis.Day(2023, 5, 1)},
			{Source: "AA", Target: "CC", Kind: axis.Condemn, Date: axis.Day(2023, 5, 1)},
			{Source: "AA", Target: "BB", Kind: axis.JointExercise, Item: "naval", Date: axis.Day(2023, 5, 1)},
			{Source: "FIRM", Target: "BB", Kind: axis.StrategicPartnership},
		}
		for i := range rels {
			rels[i].Evidence = ev
			if _, err := w.PutRelation(&rels[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	w, err := WorldFromStore(ctx, s, axis.Day(2024, 6, 1))
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, a := range w.Actors {
		codes = append(codes, a.Code)
	}
	if strings.Join(codes, " ") != "AA BB CC DD EE" {
		t.Errorf("actors %v, want the five states", codes)
	}
	var got []string
	for _, c := range w.Commitments {
		got = append(got, c.Parties[0]+"-"+c.Parties[1]+":"+string(c.Kind)+"/"+c.Group)
	}
	want := "AA-BB:defense_pact/ CC-DD:defense_pact/NATO CC-EE:defense_pact/NATO DD-EE:defense_pact/NATO"
	if strings.Join(got, " ") != want {
		t.Errorf("commitments %v, want %s", got, want)
	}
	if len(w.Commitments) > 0 && (w.Commitments[0].Title != "AB treaty" || len(w.Commitments[0].Evidence) != 1 || w.Commitments[0].Conditions.Adversaries[0] != "CC") {
		t.Errorf("first commitment lost its title, conditions or evidence: %+v", w.Commitments[0])
	}
	if len(w.Rivalries) != 2 || w.Rivalries[0].A != "BB" || w.Rivalries[0].B != "CC" || w.Rivalries[0].Weight != 2 || w.Rivalries[1].A != "CC" {
		t.Errorf("rivalries %+v, want BB-CC weight 2 (condemnation does not count) and CC-DD", w.Rivalries)
	}
	if len(w.Cooperation) != 1 || len(w.Wars) != 1 || w.Wars[0].Theater != "europe" {
		t.Errorf("cooperation %+v wars %+v", w.Cooperation, w.Wars)
	}
	// AA attacks BB in east_asia: CC (at war with DD in europe) is not
	// pulled in, but if BB's rival CC joins, the theaters link.
	res, err := Escalate(ctx, w, Trigger{Attacker: "CC", Target: "AA"}, DefaultParams(), RunOptions{Trials: 2000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if res.PMultiTheater != 1 || pjoin(res, "DD").PTargetSide != 1 {
		t.Errorf("CC's war with DD should link europe: P(multi)=%v, DD %+v", res.PMultiTheater, pjoin(res, "DD"))
	}
	if s := pjoin(res, "BB"); s.PTargetSide == 0 {
		t.Errorf("BB's pact with AA against CC never fired: %+v", s)
	}
}

// The example of docs/scenarios.md loads and runs as documented.
func TestExampleWorld(t *testing.T) {
	b, err := os.ReadFile("testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	w, err := LoadWorld(bytes.NewReader(b), "example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Escalate(context.Background(), w, Trigger{Attacker: "AAA", Target: "BBB"}, DefaultParams(), RunOptions{Trials: 10000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	// CCC: defence pact naming AAA, 0.41 x 1.2; DDD: already at war with AAA.
	if s := pjoin(res, "CCC"); 0.492 < s.CI[0] || 0.492 > s.CI[1] {
		t.Errorf("P(CCC)=%v CI %v, want 0.492", s.PJoin, s.CI)
	}
	if pjoin(res, "DDD").PTargetSide != 1 || res.PMultiTheater != 1 || res.Capability == nil {
		t.Errorf("the far war should bring DDD in and link east_asia: %+v", res)
	}
}

// Every world file in testdata loads, and the historical ones score.
func TestTestdataWorlds(t *testing.T) {
	for _, c := range []struct {
		file, trigger string
		joiners       int
	}{{"1939.yaml", "GER attacks POL", 8}, {"1914.yaml", "AUH attacks SRB", 7}, {"example.yaml", "AAA attacks BBB", 2}} {
		b, err := os.ReadFile("testdata/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		w, err := LoadWorld(bytes.NewReader(b), c.file)
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		tr, _ := ParseTrigger(c.trigger)
		res, err := Escalate(context.Background(), w, tr, DefaultParams(), RunOptions{Trials: 1000, Seed: 1})
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if v := Compare(w, res); v == nil || v.Joiners != c.joiners {
			t.Errorf("%s: validation %+v, want %d joiners", c.file, v, c.joiners)
		}
	}
}
