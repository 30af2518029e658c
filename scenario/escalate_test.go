package scenario

import (
	"context"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"axis"
)

func prob(p float64) *float64 { return &p }

// world builds a small world of states A..Z-style codes in theaters.
func world(codes string, th string, cs ...Commitment) *World {
	w := &World{Name: "test"}
	for _, c := range strings.Fields(codes) {
		w.Actors = append(w.Actors, Actor{Code: c, Theaters: []string{th}})
	}
	for i := range cs {
		cs[i].ID = int64(i + 1)
	}
	w.Commitments = cs
	return w
}

func pact(kind axis.Kind, a, b string, p float64) Commitment {
	return Commitment{Kind: kind, Parties: [2]string{a, b}, Probability: prob(p)}
}

func run(t *testing.T, w *World, trig string, trials, workers int) *EscalationResult {
	t.Helper()
	if err := w.Validate(); err != nil {
		t.Fatal(err)
	}
	tr, err := ParseTrigger(trig)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Escalate(context.Background(), w, tr, DefaultParams(), RunOptions{Trials: trials, Seed: 42, Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func pjoin(res *EscalationResult, code string) StateResult {
	for _, s := range res.States {
		if s.Code == code {
			return s
		}
	}
	return StateResult{Code: code, CI: [2]float64{0, 0}}
}

// A chain of defence pacts T–B–C: C is drawn in only if B honours its pact
// with T and C honours its pact with B, so P(C) = p1·p2.
func TestChainOfDefencePactsMatchesClosedForm(t *testing.T) {
	cases := []struct{ p1, p2 float64 }{{0.5, 0.5}, {0.41, 0.75}, {0.9, 0.3}, {1, 1}}
	for _, c := range cases {
		w := world("XX TT BB CC", "europe", pact(axis.DefensePact, "TT", "BB", c.p1), pact(axis.DefensePact, "BB", "CC", c.p2))
		res := run(t, w, "XX attacks TT", 20000, 2)
		for _, want := range []struct {
			code string
			p    float64
		}{{"BB", c.p1}, {"CC", c.p1 * c.p2}} {
			s := pjoin(res, want.code)
			if want.p < s.CI[0] || want.p > s.CI[1] {
				t.Errorf("p1=%v p2=%v: PP(%s joins)=%v, CI %v does not contain the closed form %v", c.p1, c.p2, want.code, s.PJoin, s.CI, want.p)
			}
			if s.PAttackerSide != 0 {
				t.Errorf("%s joined the attacker's side with PP=%v", want.code, s.PAttackerSide)
			}
		}
		wantParticipants := 2 + c.p1 + c.p1*c.p2
		if wantParticipants < res.ParticipantsCI[0]-1e-9 || wantParticipants > res.ParticipantsCI[1]+1e-9 {
			t.Errorf("expected participants %v, CI %v does not contain %v", res.ExpectedParticipants, res.ParticipantsCI, wantParticipants)
		}
	}
}

func TestNeutralityPactKeepsPartyOut(t *testing.T) {
	cases := []struct {
		name    string
		neutral float64
		want    float64
	}{
		{"no neutrality pact", 0, 1},
		{"neutrality always honoured", 1, 0},
		{"neutrality honoured half the time", 0.5, 0.5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cs := []Commitment{pact(axis.DefensePact, "TT", "CC", 1)}
			if c.neutral > 0 {
				cs = append(cs, pact(axis.NeutralityPact, "CC", "AA", c.neutral))
			}
			res := run(t, world("AA TT CC", "europe", cs...), "AA attacks TT", 4000, 2)
			s := pjoin(res, "CC")
			if c.want < s.CI[0] || c.want > s.CI[1] {
				t.Errorf("PP(CC joins)=%v CI %v, want %v", s.PJoin, s.CI, c.want)
			}
		})
	}
}

// A broken promise does not keep the trigger's target out of its own war,
// nor a state already at war out of that war.
func TestHoldsDoNotBindPartiesAtWar(t *testing.T) {
	w := world("AA TT SS UU", "europe", pact(axis.NonaggressionPact, "AA", "TT", 1), pact(axis.StrategicPartnership, "AA", "SS", 1),
		pact(axis.NeutralityPact, "UU", "SS", 1))
	w.Wars = []War{{Name: "old", Theater: "europe", SideA: []string{"SS"}, SideB: []string{"UU"}}}
	res := run(t, w, "AA attacks TT", 200, 1)
	if s := pjoin(res, "TT"); s.PTargetSide != 1 {
		t.Errorf("target: %+v, want always at war", s)
	}
	if s := pjoin(res, "UU"); s.PTargetSide != 1 {
		t.Errorf("UU, at war with SS already: %+v, want always in", s)
	}
}

func TestTheaterLimitedCommitment(t *testing.T) {
	cases := []struct {
		trigger string
		want    float64
	}{
		{"AA attacks TT in europe", 1},
		{"AA attacks TT in east_asia", 0},
		{"AA attacks TT", 1}, // default theater: the parties' shared home theater, europe
	}
	for _, c := range cases {
		c1 := pact(axis.DefensePact, "TT", "CC", 1)
		c1.Conditions.Theaters = []string{"europe"}
		res := run(t, world("AA TT CC", "europe", c1), c.trigger, 500, 1)
		if got := pjoin(res, "CC").PJoin; got != c.want {
			t.Errorf("%s: PP(CC joins)=%v, want %v", c.trigger, got, c.want)
		}
	}
}

func TestAdversarySpecificCommitment(t *testing.T) {
	// C defends T only against R. When A attacks T, C stays out unless R
	// enters the war on A's side (R is A's offensive ally).
	mk := func(withR bool) *World {
		c := pact(axis.DefensePact, "TT", "CC", 1)
		c.Conditions.Adversaries = []string{"RR"}
		cs := []Commitment{c}
		if withR {
			cs = append(cs, pact(axis.OffensePact, "AA", "RR", 1))
		}
		return world("AA TT CC RR", "europe", cs...)
	}
	if got := pjoin(run(t, mk(false), "AA attacks TT", 500, 1), "CC").PJoin; got != 0 {
		t.Errorf("without RR in the war: PP(CC)=%v, want 0", got)
	}
	res := run(t, mk(true), "AA attacks TT", 500, 1)
	if got := pjoin(res, "CC").PTargetSide; got != 1 {
		t.Errorf("with RR in the war: PP(CC on TT's side)=%v, want 1", got)
	}
	if got := pjoin(res, "RR").PAttackerSide; got != 1 {
		t.Errorf("offence pact: PP(RR on AA's side)=%v, want 1", got)
	}
}

func TestNonProvocationAndAttackerAllies(t *testing.T) {
	// D defends A; A is the attacker. With non-provocation D never comes in;
	// without it D comes in only once someone intervenes against A.
	for _, c := range []struct {
		nonProv, intervener bool
		want                float64
	}{{true, true, 0}, {false, false, 0}, {false, true, 1}} {
		d := pact(axis.DefensePact, "AA", "DD", 1)
		d.Conditions.NonProvocation = c.nonProv
		cs := []Commitment{d}
		if c.intervener {
			cs = append(cs, pact(axis.DefensePact, "TT", "GG", 1))
		}
		res := run(t, world("AA TT DD GG", "europe", cs...), "AA attacks TT", 200, 1)
		if got := pjoin(res, "DD").PAttackerSide; got != c.want {
			t.Errorf("non-provocation=%v intervener=%v: PP(DD)=%v, want %v", c.nonProv, c.intervener, got, c.want)
		}
	}
}

func TestOngoingWarLinksTheaters(t *testing.T) {
	w := world("AA TT SS UU", "east_asia", pact(axis.StrategicPartnership, "AA", "SS", 1))
	w.Actors[2].Theaters = []string{"europe"}
	w.Actors[3].Theaters = []string{"europe"}
	w.Wars = []War{{Name: "SS vs UU", Theater: "europe", SideA: []string{"SS"}, SideB: []string{"UU"}}}
	res := run(t, w, "AA attacks TT", 100, 1)
	if res.PMultiTheater != 1 {
		t.Errorf("PP(multi-theater)=%v, want 1", res.PMultiTheater)
	}
	if got := pjoin(res, "UU").PTargetSide; got != 1 {
		t.Errorf("UU, at war with SS, should join TT's side: got %v", got)
	}
	if len(res.Chains) == 0 || res.Chains[0].Steps[len(res.Chains[0].Steps)-1].Via == "" {
		t.Fatalf("no chains: %+v", res.Chains)
	}
	found := false
	for _, c := range res.Chains {
		last := c.Steps[len(c.Steps)-1]
		if last.To == "UU" && last.Via == "ongoing_war" && last.Side == SideTarget && c.Steps[0].Via == string(axis.StrategicPartnership) {
			found = true
		}
	}
	if !found {
		t.Errorf("no chain AA -partnership-> SS -war-> UU in %+v", res.Chains)
	}
}

func TestRivalryJoinsOtherSide(t *testing.T) {
	w := world("AA TT RR", "europe")
	w.Rivalries = []Tie{{A: "TT", B: "RR", Weight: 1}}
	p := DefaultParams()
	p.Rivalry = 1
	tr, _ := ParseTrigger("AA attacks TT")
	res, err := Escalate(context.Background(), w, tr, p, RunOptions{Trials: 50, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := pjoin(res, "RR").PAttackerSide; got != 1 {
		t.Errorf("TT's rival should join AA's side: %v", got)
	}
}

// synthetic builds a random world of n states and m commitments, for the
// determinism test and the benchmark.
func synthetic(n, m int, seed uint64) *World {
	w := &World{Name: "synthetic"}
	th := []string{"europe", "middle_east", "east_asia", "south_asia"}
	for i := 0; i < n; i++ {
		w.Actors = append(w.Actors, Actor{Code: "SS" + strconv.Itoa(i), Theaters: []string{th[i%4]}, Capability: 1 / float64(n)})
	}
	kinds := []axis.Kind{axis.DefensePact, axis.DefensePact, axis.ConsultationPact, axis.StrategicPartnership, axis.NeutralityPact, axis.NonaggressionPact, axis.SecurityGuarantee, axis.OffensePact}
	x := seed
	next := func(k int) int { x = splitmix64(x); return int(x % uint64(k)) }
	for len(w.Commitments) < m {
		a := next(n)
		b := a/20*20 + next(20) // mostly regional blocs of 20
		if next(5) == 0 {
			b = next(n)
		}
		if a == b || b >= n {
			continue
		}
		c := Commitment{ID: int64(len(w.Commitments) + 1), Kind: kinds[next(len(kinds))], Parties: [2]string{w.Actors[a].Code, w.Actors[b].Code}}
		switch next(10) {
		case 0:
			c.Conditions.Theaters = []string{th[next(4)]}
		case 1:
			c.Conditions.Adversaries = []string{w.Actors[next(n)].Code}
		}
		w.Commitments = append(w.Commitments, c)
	}
	for i := 0; i < n/2; i++ {
		a, b := next(n), next(n)
		if a != b {
			w.Rivalries = append(w.Rivalries, Tie{A: w.Actors[a].Code, B: w.Actors[b].Code, Weight: 1})
		}
	}
	w.Wars = []War{{Name: "w", Theater: "europe", SideA: []string{"SS0"}, SideB: []string{"SS4"}}}
	return w
}

// groupedWorld builds a world shaped like the real alliance system: most
// commitments are the pairs of a few multilateral pacts (sizes like the
// OAS, NATO, the Arab League, the CSTO …; members decide once per pact),
// the rest bilateral commitments of every kind, mostly within a region.
func groupedWorld(n, m int, seed uint64) *World {
	w := synthetic(n, 0, seed)
	x := seed
	next := func(k int) int { x = splitmix64(x); return int(x % uint64(k)) }
	sizes := []int{35, 32, 22, 20, 15, 10, 8, 6}
	kinds := []axis.Kind{axis.DefensePact, axis.DefensePact, axis.DefensePact, axis.ConsultationPact, axis.DefensePact, axis.NonaggressionPact, axis.ConsultationPact, axis.DefensePact}
	start := 0
	for g, size := range sizes {
		if start+size > n {
			break
		}
		for i := start; i < start+size; i++ {
			for j := i + 1; j < start+size && len(w.Commitments) < m; j++ {
				c := Commitment{ID: int64(len(w.Commitments) + 1), Kind: kinds[g], Group: "G" + strconv.Itoa(g),
					Parties: [2]string{w.Actors[i].Code, w.Actors[j].Code}}
				if g == 1 {
					c.Conditions.Theaters = []string{w.Actors[i].Theaters[0]}
				}
				w.Commitments = append(w.Commitments, c)
			}
		}
		start += size
	}
	bilateral := []axis.Kind{axis.DefensePact, axis.ConsultationPact, axis.StrategicPartnership, axis.NeutralityPact, axis.NonaggressionPact, axis.NonaggressionPact, axis.SecurityGuarantee, axis.OffensePact}
	for len(w.Commitments) < m {
		a := next(n)
		b := a/20*20 + next(20)
		if next(3) == 0 {
			b = next(n)
		}
		if a == b || b >= n {
			continue
		}
		c := Commitment{ID: int64(len(w.Commitments) + 1), Kind: bilateral[next(len(bilateral))], Parties: [2]string{w.Actors[a].Code, w.Actors[b].Code}}
		if next(10) == 0 {
			c.Conditions.Adversaries = []string{w.Actors[next(n)].Code}
		}
		w.Commitments = append(w.Commitments, c)
	}
	return w
}

func TestGroupedWorldIsRealistic(t *testing.T) {
	w := groupedWorld(200, 2000, 1)
	if err := w.Validate(); err != nil || len(w.Commitments) != 2000 || len(w.Actors) != 200 {
		t.Fatalf("%v: %d commitments, %d actors", err, len(w.Commitments), len(w.Actors))
	}
}

func TestDeterministicAcrossWorkers(t *testing.T) {
	w := synthetic(60, 400, 7)
	if err := w.Validate(); err != nil {
		t.Fatal(err)
	}
	tr := Trigger{Attacker: "SS1", Target: "SS2"}
	var first *EscalationResult
	for _, workers := range []int{1, 2, 3, 8} {
		res, err := Escalate(context.Background(), w, tr, DefaultParams(), RunOptions{Trials: 3000, Seed: 99, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = res
			if len(res.States) < 5 || len(res.Chains) == 0 {
				t.Fatalf("degenerate result: %d states, %d chains", len(res.States), len(res.Chains))
			}
			continue
		}
		if !reflect.DeepEqual(first, res) {
			t.Errorf("workers=%d gives a different result from workers=1", workers)
		}
	}
	other, _ := Escalate(context.Background(), w, tr, DefaultParams(), RunOptions{Trials: 3000, Seed: 100, Workers: 2})
	if reflect.DeepEqual(first.States, other.States) {
		t.Errorf("a different seed gave the same per-state results")
	}
}

func TestWilsonCoversZeroAndOne(t *testing.T) {
	for _, c := range []struct{ k, n int64 }{{0, 100}, {100, 100}, {50, 100}} {
		ci := wilson(c.k, c.n)
		p := float64(c.k) / float64(c.n)
		if p < ci[0] || p > ci[1] || math.IsNaN(ci[0]) {
			t.Errorf("wilson(%d,%d)=%v does not contain %v", c.k, c.n, ci, p)
		}
	}
}

func TestEscalateErrors(t *testing.T) {
	w := world("AA TT", "europe")
	for _, trig := range []Trigger{{Attacker: "AA", Target: "ZZ"}, {Attacker: "QQ", Target: "TT"}} {
		_, err := Escalate(context.Background(), w, trig, DefaultParams(), RunOptions{Trials: 10})
		if axis.ErrorCode(err) != axis.EINVALID || !strings.Contains(err.Error(), "not in world") {
			t.Errorf("%v: got %v, want EINVALID naming the missing actor", trig, err)
		}
	}
}

// A multilateral pact of T, M1, M2, M3 (every pair a defence pact with
// p = 0.5): as a group each member decides once, on T's call, so
// P(join) = 0.5; as unrelated pairs members call on each other and
// P(join) = 1 - 0.5·(1 - 0.5·...) is higher.
func TestGroupMembersDecideOnce(t *testing.T) {
	mk := func(group string) *World {
		codes := []string{"TT", "M1", "M2", "M3"}
		var cs []Commitment
		for i := range codes {
			for j := i + 1; j < len(codes); j++ {
				c := pact(axis.DefensePact, codes[i], codes[j], 0.5)
				c.Group = group
				cs = append(cs, c)
			}
		}
		return world("AA TT M1 M2 M3", "europe", cs...)
	}
	grouped := run(t, mk("PACT"), "AA attacks TT", 20000, 2)
	for _, c := range []string{"M1", "M2", "M3"} {
		s := pjoin(grouped, c)
		if 0.5 < s.CI[0] || 0.5 > s.CI[1] {
			t.Errorf("grouped: P(%s)=%v CI %v, want 0.5", c, s.PJoin, s.CI)
		}
	}
	// M2 also has its own pact with TT and always comes in through it: it
	// is at war without the group having brought it in, yet M1 and M3
	// still decide once.
	w := mk("PACT")
	w.Commitments = append(w.Commitments, pact(axis.DefensePact, "TT", "M2", 1))
	w.Commitments[len(w.Commitments)-1].ID = 99
	twice := run(t, w, "AA attacks TT", 20000, 2)
	for _, c := range []string{"M1", "M3"} {
		if s := pjoin(twice, c); 0.5 < s.CI[0] || 0.5 > s.CI[1] {
			t.Errorf("called by two members: P(%s)=%v CI %v, want 0.5", c, s.PJoin, s.CI)
		}
	}
	// Pairwise: M1 joins on TT's call, or else on M2's or M3's if they
	// joined; P(M1) = 0.5 + 0.5·P(M1 brought in by the others) > 0.6.
	if p := pjoin(run(t, mk(""), "AA attacks TT", 20000, 2), "M1").PJoin; p < 0.6 {
		t.Errorf("pairwise: P(M1)=%v, want above 0.6", p)
	}
}

// Worlds too large for neighbour bitsets take the plain loop; it must give
// the same model.
func TestPlainLoopMatchesBitsets(t *testing.T) {
	w := groupedWorld(120, 900, 3)
	tr := Trigger{Attacker: "SS3", Target: "SS40"}
	withBits, err := Escalate(context.Background(), w, tr, DefaultParams(), RunOptions{Trials: 20000, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	defer func(v int) { maxBitsetActors = v }(maxBitsetActors)
	maxBitsetActors = 0
	plain, err := Escalate(context.Background(), w, tr, DefaultParams(), RunOptions{Trials: 20000, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(withBits.ExpectedParticipants-plain.ExpectedParticipants) > 3*(withBits.ParticipantsCI[1]-withBits.ParticipantsCI[0]) {
		t.Errorf("expected participants %v with bitsets, %v without", withBits.ExpectedParticipants, plain.ExpectedParticipants)
	}
	for _, s := range withBits.States {
		p := pjoin(plain, s.Code)
		if math.Abs(s.PJoin-p.PJoin) > 0.03 {
			t.Errorf("%s: P(join) %v with bitsets, %v without", s.Code, s.PJoin, p.PJoin)
		}
	}
}

// TestGroupedWorldPinned pins figures of a seeded run on the benchmark's
// world, recorded before the worker state was padded and scheduled in
// blocks: performance work must not change what a seed gives.
func TestGroupedWorldPinned(t *testing.T) {
	w := groupedWorld(200, 2000, 1)
	tr := Trigger{Attacker: "SS3", Target: "SS40"}
	want := []struct {
		code             string
		p, pAtt, pTarget float64
	}{{"SS3", 1, 1, 0}, {"SS40", 1, 0, 1}, {"SS0", 0.8906, 0.3304, 0.5602}, {"SS4", 0.8906, 0.5602, 0.3304}, {"SS23", 0.7098, 0.7082, 0.0016}}
	for _, workers := range []int{1, 2} {
		res, err := Escalate(context.Background(), w, tr, DefaultParams(), RunOptions{Trials: 5000, Seed: 1, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if res.ExpectedParticipants != 61.0232 || res.PMultiTheater != 0 || len(res.Chains) == 0 || res.Chains[0].Count != 864 {
			t.Errorf("workers=%d: participants %v, multi-theater %v, top chain %+v; want 61.0232, 0, count 864", workers, res.ExpectedParticipants, res.PMultiTheater, res.Chains)
		}
		for i, s := range want {
			if i >= len(res.States) {
				t.Fatalf("workers=%d: only %d states", workers, len(res.States))
			}
			g := res.States[i]
			if g.Code != s.code || g.PJoin != s.p || g.PAttackerSide != s.pAtt || g.PTargetSide != s.pTarget {
				t.Errorf("workers=%d: state %d = %s %v %v %v; want %s %v %v %v", workers, i, g.Code, g.PJoin, g.PAttackerSide, g.PTargetSide, s.code, s.p, s.pAtt, s.pTarget)
			}
		}
	}
}
