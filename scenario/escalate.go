package scenario

import (
	"context"
	"math"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"axis"
)

// RunOptions control a Monte Carlo run.
type RunOptions struct {
	Trials  int    // number of simulated crises (default 10,000)
	Seed    uint64 // the only source of randomness
	Workers int    // goroutines (default GOMAXPROCS); never changes the result
	Chains  int    // how many activation chains to report (default 10; -1 none)
}

// EscalationResult is what an escalation run reports. Every probability is
// the share of trials, with a 95% Wilson interval.
type EscalationResult struct {
	World   string    `json:"world"`
	At      axis.Date `json:"at"`
	Trigger Trigger   `json:"trigger"`
	Trials  int       `json:"trials"`
	Seed    uint64    `json:"seed"`
	Params  Params    `json:"params"`
	// States lists every state that joined in at least one trial, and the
	// trigger's two parties, by P(join) then code.
	States []StateResult `json:"states"`
	// ExpectedParticipants counts belligerents, the two parties included.
	ExpectedParticipants float64    `json:"expected_participants"`
	ParticipantsCI       [2]float64 `json:"participants_ci95"`
	// PMultiTheater is the probability that the war spans more than one
	// theater.
	PMultiTheater  float64          `json:"p_multi_theater"`
	MultiTheaterCI [2]float64       `json:"multi_theater_ci95"`
	Theaters       []TheaterResult  `json:"theaters"`
	Capability     *CapabilityShare `json:"capability,omitempty"`
	Chains         []ChainResult    `json:"chains"`
	Notes          []string         `json:"notes,omitempty"`
}

// StateResult is one state's chance of being drawn in.
type StateResult struct {
	Code  string     `json:"code"`
	Name  string     `json:"name,omitempty"`
	Role  string     `json:"role,omitempty"` // attacker or target for the trigger's parties
	PJoin float64    `json:"p_join"`
	CI    [2]float64 `json:"ci95"`
	// PAttackerSide and PTargetSide split PJoin by side.
	PAttackerSide float64 `json:"p_attacker_side"`
	PTargetSide   float64 `json:"p_target_side"`
}

// TheaterResult is the probability that the war reaches a theater.
type TheaterResult struct {
	Theater string  `json:"theater"`
	P       float64 `json:"p"`
}

// CapabilityShare is the expected capability on each side, when the world
// gives capabilities.
type CapabilityShare struct {
	Attacker float64 `json:"attacker"`
	Target   float64 `json:"target"`
}

// ChainResult is one activation chain, from a trigger party to a joiner,
// and how often it happened.
type ChainResult struct {
	Count int64       `json:"count"`
	P     float64     `json:"p"`
	Steps []ChainStep `json:"steps"`
}

// ChainStep is one activation: From being at war brought To in, through a
// commitment, a rivalry, cooperation, or an ongoing war.
type ChainStep struct {
	From string `json:"from"`
	To   string `json:"to"`
	Side string `json:"side"` // the side To joined: attacker or target
	// Via is the commitment kind, or rivalry, cooperation, ongoing_war.
	Via          string           `json:"via"`
	CommitmentID int64            `json:"commitment_id,omitempty"`
	RelationIDs  []int64          `json:"relation_ids,omitempty"`
	Title        string           `json:"title,omitempty"`
	Conditions   *axis.Conditions `json:"conditions,omitempty"`
	Evidence     []EvidenceRef    `json:"evidence,omitempty"`
}

// Arc types: what an activated tie does.
const (
	arcDefend  = iota // from attacked: to joins from's side
	arcOffend         // from on the attacker's side: to joins it
	arcSupport        // from at war: to joins from's side
	arcOppose         // from at war: to joins the other side
	arcHold           // from at war: to stays out of a war against from
)

// Arc sources.
const (
	srcCommitment = iota
	srcRivalry
	srcCooperation
)

type arc struct {
	from, to int32
	typ      uint8
	src      uint8
	theaters uint8 // mask of allowed theaters; 0 means any
	nonProv  bool
	p        float64 // probability
	pMatch   float64 // probability when a named adversary is in the war
	adv      []int32 // adversary-specific: fires only against these
	ref      int32   // index into the world's commitments, rivalries or cooperation
}

type membership struct {
	war  int32
	side int8 // 1 = SideA, 2 = SideB of the war
}

// model is a world compiled for fast trials.
type model struct {
	w        *World
	n        int
	codes    []string
	idx      map[string]int32
	arcs     []arc
	out      [][]int32 // arc indices by from actor; holds first
	wars     [][]membership
	warTh    []uint8
	attacker int32
	target   int32
	theater  uint8
}

func theaterBit(t string) uint8 {
	for i, x := range axis.Theaters {
		if x == t {
			return 1 << i
		}
	}
	return 0
}

func theaterMask(ts []string) uint8 {
	var m uint8
	for _, t := range ts {
		m |= theaterBit(t)
	}
	return m
}

func compile(w *World, t Trigger, p Params) (*model, error) {
	m := &model{w: w, n: len(w.Actors), idx: map[string]int32{}}
	for i, a := range w.Actors {
		m.codes = append(m.codes, a.Code)
		m.idx[a.Code] = int32(i)
	}
	var codes = m.codes
	for _, c := range []struct{ f, code string }{{"attacker", t.Attacker}, {"target", t.Target}} {
		if _, ok := m.idx[c.code]; !ok {
			return nil, axis.FieldErrorf(axis.EINVALID, "trigger", "the %s %q is not in world %q; closest: %s", c.f, c.code, w.Name, strings.Join(axis.Closest(c.code, codes, 3), ", "))
		}
	}
	m.attacker, m.target = m.idx[t.Attacker], m.idx[t.Target]
	th := t.Theater
	if th == "" {
		th = warTheater(w, t.Attacker, t.Target)
	}
	m.theater = theaterBit(th)
	add := func(a arc) { m.arcs = append(m.arcs, a) }
	for i := range w.Commitments {
		c := &w.Commitments[i]
		pr := p.prob(c)
		a, b := m.idx[c.Parties[0]], m.idx[c.Parties[1]]
		base := arc{src: srcCommitment, ref: int32(i), theaters: theaterMask(c.Conditions.Theaters), nonProv: c.Conditions.NonProvocation, p: pr, pMatch: math.Min(1, pr*p.AdversaryMatch)}
		for _, adv := range c.Conditions.Adversaries {
			base.adv = append(base.adv, m.idx[adv])
		}
		switch c.Kind {
		case axis.DefensePact, axis.OffensePact, axis.ConsultationPact, axis.StrategicPartnership, axis.NeutralityPact, axis.NonaggressionPact:
			typ := map[axis.Kind]uint8{axis.DefensePact: arcDefend, axis.OffensePact: arcOffend, axis.ConsultationPact: arcSupport,
				axis.StrategicPartnership: arcSupport, axis.NeutralityPact: arcHold, axis.NonaggressionPact: arcHold}[c.Kind]
			x, y := base, base
			x.from, x.to, x.typ = a, b, typ
			y.from, y.to, y.typ = b, a, typ
			add(x)
			add(y)
		case axis.SecurityGuarantee:
			// Parties[0] guarantees Parties[1]: Parties[1] at war pulls it in.
			x := base
			x.from, x.to, x.typ = b, a, arcDefend
			add(x)
		}
	}
	ties := func(ts []Tie, src uint8, typ uint8, per, capw float64) {
		for i, t := range ts {
			wgt := t.Weight
			if wgt <= 0 {
				wgt = 1
			}
			pr := 1 - math.Pow(1-per, math.Min(wgt, capw))
			a, b := m.idx[t.A], m.idx[t.B]
			add(arc{from: a, to: b, typ: typ, src: src, ref: int32(i), p: pr, pMatch: pr})
			add(arc{from: b, to: a, typ: typ, src: src, ref: int32(i), p: pr, pMatch: pr})
		}
	}
	ties(w.Rivalries, srcRivalry, arcOppose, p.Rivalry, p.RivalryCap)
	ties(w.Cooperation, srcCooperation, arcSupport, p.Cooperation, p.CooperationCap)
	m.out = make([][]int32, m.n)
	for i := range m.arcs {
		a := &m.arcs[i]
		if a.p <= 0 {
			continue
		}
		m.out[a.from] = append(m.out[a.from], int32(i))
	}
	for _, o := range m.out {
		// Holds act before pulls, so a neutrality promise is in place before
		// the same belligerent's allies are called on.
		sort.SliceStable(o, func(i, j int) bool { return m.arcs[o[i]].typ == arcHold && m.arcs[o[j]].typ != arcHold })
	}
	m.wars = make([][]membership, m.n)
	for wi, war := range w.Wars {
		m.warTh = append(m.warTh, theaterBit(war.Theater))
		for _, c := range war.SideA {
			m.wars[m.idx[c]] = append(m.wars[m.idx[c]], membership{int32(wi), 1})
		}
		for _, c := range war.SideB {
			m.wars[m.idx[c]] = append(m.wars[m.idx[c]], membership{int32(wi), 2})
		}
	}
	return m, nil
}

// trial is one worker's reusable state.
type trial struct {
	m          *model
	rng        *rand.Rand
	pcg        *rand.PCG
	side       []int8
	front      []uint8
	parent     []int32 // arc index, or -1 for the trigger, or -2-war for a war link
	parentFrom []int32
	drawn      []uint32
	stamp      uint32
	bell       []int32
	qi         int
	holds      [][2]int32 // (who stays out, of a war against whom)
	deferred   []int32
	spare      []int32
	dirty      bool
	intervened bool

	// tallies
	joins      [][2]int64
	total      int64
	totalSq    int64
	multi      int64
	theaters   [8]int64
	chainIDs   map[chainKey]int32
	chainPar   []int32
	chainStep  []int64 // packed (from, code)
	chainCount []int64
	chainOf    []int32
	wantChains bool
}

func newTrial(m *model, wantChains bool) *trial {
	t := &trial{m: m, pcg: rand.NewPCG(0, 0), side: make([]int8, m.n), front: make([]uint8, m.n), parent: make([]int32, m.n),
		parentFrom: make([]int32, m.n), drawn: make([]uint32, len(m.arcs)), joins: make([][2]int64, m.n), chainOf: make([]int32, m.n),
		chainIDs: map[chainKey]int32{}, wantChains: wantChains}
	t.rng = rand.New(t.pcg)
	return t
}

// splitmix64 derives well-spread seeds from (seed, trial).
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func (t *trial) run(seed uint64, i int) {
	m := t.m
	t.pcg.Seed(splitmix64(seed^splitmix64(uint64(i))), splitmix64(uint64(i)+0x632be59bd9b4e019))
	for _, b := range t.bell {
		t.side[b], t.front[b] = 0, 0
	}
	t.bell, t.holds, t.deferred = t.bell[:0], t.holds[:0], t.deferred[:0]
	t.qi, t.intervened, t.dirty = 0, false, false
	t.stamp++
	if t.stamp == 0 { // wrapped: clear
		clear(t.drawn)
		t.stamp = 1
	}
	t.join(m.attacker, 1, m.theater, -1, -1)
	t.join(m.target, 2, m.theater, -1, -1)
	for {
		for t.qi < len(t.bell) {
			x := t.bell[t.qi]
			t.qi++
			for _, ai := range m.out[x] {
				t.eval(ai, true)
			}
		}
		if !t.dirty || len(t.deferred) == 0 {
			break
		}
		t.dirty = false
		t.spare = append(t.spare[:0], t.deferred...)
		t.deferred = t.deferred[:0]
		for _, ai := range t.spare {
			t.eval(ai, true)
		}
		if t.qi >= len(t.bell) && !t.dirty {
			break
		}
	}
	t.tally()
}

// eval activates arc ai if its conditions hold now. An arc whose condition
// may still come true (a named adversary not yet in the war, an attacker
// not yet attacked) is deferred and looked at again when the war grows.
func (t *trial) eval(ai int32, mayDefer bool) {
	if t.drawn[ai] == t.stamp {
		return
	}
	a := &t.m.arcs[ai]
	x, y := a.from, a.to
	sx := t.side[x]
	if t.side[y] != 0 {
		return
	}
	switch a.typ {
	case arcDefend:
		if x == t.m.attacker {
			if a.nonProv {
				t.drawn[ai] = t.stamp
				return
			}
			if !t.intervened {
				t.deferred = append(t.deferred, ai)
				return
			}
		}
	case arcOffend:
		if sx != 1 {
			t.drawn[ai] = t.stamp
			return
		}
	}
	if a.theaters != 0 && t.front[x]&a.theaters == 0 {
		t.drawn[ai] = t.stamp
		return
	}
	p := a.p
	if len(a.adv) > 0 {
		matched := false
		for _, v := range a.adv {
			if t.side[v] == 3-sx {
				matched = true
				break
			}
		}
		if !matched {
			t.deferred = append(t.deferred, ai)
			return
		}
		p = a.pMatch
	}
	t.drawn[ai] = t.stamp
	if t.rng.Float64() >= p {
		return
	}
	front := t.front[x]
	if a.theaters != 0 {
		front &= a.theaters
	}
	switch a.typ {
	case arcHold:
		t.holds = append(t.holds, [2]int32{y, x})
	case arcOppose:
		t.join(y, 3-sx, front, ai, x)
	default:
		t.join(y, sx, front, ai, x)
	}
}

// join brings y into the war on side s. It refuses a state held out of a
// war against a member of the other side.
func (t *trial) join(y int32, s int8, front uint8, via, from int32) bool {
	if t.side[y] != 0 {
		return false
	}
	for _, h := range t.holds {
		if h[0] == y && t.side[h[1]] == 3-s {
			return false
		}
	}
	t.side[y], t.front[y], t.parent[y], t.parentFrom[y] = s, front, via, from
	t.bell = append(t.bell, y)
	t.dirty = true
	if s == 2 && y != t.m.target {
		t.intervened = true
	}
	// A state already at war elsewhere links that theater, and its enemies
	// and allies there come in on the matching sides.
	for _, mb := range t.m.wars[y] {
		t.front[y] |= t.m.warTh[mb.war]
	}
	for _, mb := range t.m.wars[y] {
		war := &t.m.w.Wars[mb.war]
		th := t.m.warTh[mb.war]
		for k, c := range append(war.SideA[:len(war.SideA):len(war.SideA)], war.SideB...) {
			o := t.m.idx[c]
			same := (k < len(war.SideA)) == (mb.side == 1)
			os := s
			if !same {
				os = 3 - s
			}
			t.join(o, os, th, -2-mb.war, y)
		}
	}
	// Its own neutrality and non-aggression promises bind at once.
	for _, ai := range t.m.out[y] {
		if t.m.arcs[ai].typ != arcHold {
			break
		}
		t.eval(ai, true)
	}
	return true
}

func (t *trial) tally() {
	var th uint8
	for _, b := range t.bell {
		t.joins[b][t.side[b]-1]++
		th |= t.front[b]
	}
	n := int64(len(t.bell))
	t.total += n
	t.totalSq += n * n
	if bits.OnesCount8(th) > 1 {
		t.multi++
	}
	for i := 0; i < 8; i++ {
		if th&(1<<i) != 0 {
			t.theaters[i]++
		}
	}
	if !t.wantChains {
		return
	}
	for _, b := range t.bell {
		if t.parent[b] == -1 {
			t.chainOf[b] = -1
			continue
		}
		k := chainKey{t.chainOf[t.parentFrom[b]], packStep(t.parentFrom[b], b, t.parent[b])}
		id, ok := t.chainIDs[k]
		if !ok {
			id = int32(len(t.chainPar))
			t.chainIDs[k] = id
			t.chainPar = append(t.chainPar, k.par)
			t.chainStep = append(t.chainStep, k.step)
			t.chainCount = append(t.chainCount, 0)
		}
		t.chainOf[b] = id
		t.chainCount[id]++
	}
}

type chainKey struct {
	par  int32
	step int64
}

// packStep packs one activation (from, to, arc or -2-war) in an int64.
func packStep(from, to, code int32) int64 {
	return int64(from)<<42 | int64(to)<<21 | int64(code+1<<20)
}

func unpackStep(s int64) (from, to, code int32) {
	return int32(s >> 42), int32(s >> 21 & (1<<21 - 1)), int32(s&(1<<21-1)) - 1<<20
}

// Escalate runs opt.Trials simulated crises from trigger tr in world w.
// The result depends only on (w, tr, p, opt.Trials, opt.Seed), never on
// opt.Workers.
func Escalate(ctx context.Context, w *World, tr Trigger, p Params, opt RunOptions) (*EscalationResult, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if opt.Trials <= 0 {
		opt.Trials = 10000
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Workers > opt.Trials {
		opt.Workers = opt.Trials
	}
	if opt.Chains == 0 {
		opt.Chains = 10
	}
	m, err := compile(w, tr, p)
	if err != nil {
		return nil, err
	}
	workers := make([]*trial, opt.Workers)
	var wg sync.WaitGroup
	errs := make([]error, opt.Workers)
	for k := range workers {
		workers[k] = newTrial(m, opt.Chains > 0)
		lo, hi := k*opt.Trials/opt.Workers, (k+1)*opt.Trials/opt.Workers
		wg.Add(1)
		go func(t *trial, lo, hi, k int) {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				if i&1023 == 0 && ctx.Err() != nil {
					errs[k] = ctx.Err()
					return
				}
				t.run(opt.Seed, i)
			}
		}(workers[k], lo, hi, k)
	}
	wg.Wait()
	for _, e := range errs {
		if e != nil {
			return nil, e
		}
	}
	return m.aggregate(workers, tr, p, opt), nil
}

func wilson(k, n int64) [2]float64 {
	if n == 0 {
		return [2]float64{0, 1}
	}
	const z = 1.959964
	fn := float64(n)
	ph := float64(k) / fn
	den := 1 + z*z/fn
	c := (ph + z*z/(2*fn)) / den
	h := z * math.Sqrt(ph*(1-ph)/fn+z*z/(4*fn*fn)) / den
	return [2]float64{round4(math.Max(0, c-h)), round4(math.Min(1, c+h))}
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

func (m *model) aggregate(ws []*trial, tr Trigger, p Params, opt RunOptions) *EscalationResult {
	n := int64(opt.Trials)
	res := &EscalationResult{World: m.w.Name, At: m.w.At, Trigger: tr, Trials: opt.Trials, Seed: opt.Seed, Params: p, Notes: m.w.Notes}
	if res.Trigger.Theater == "" {
		for i, t := range axis.Theaters {
			if m.theater == 1<<i {
				res.Trigger.Theater = t
			}
		}
	}
	joins := make([][2]int64, m.n)
	var total, totalSq, multi int64
	var theaters [8]int64
	for _, t := range ws {
		for i := range joins {
			joins[i][0] += t.joins[i][0]
			joins[i][1] += t.joins[i][1]
		}
		total += t.total
		totalSq += t.totalSq
		multi += t.multi
		for i := range theaters {
			theaters[i] += t.theaters[i]
		}
	}
	var capA, capT float64
	hasCap := false
	for i := 0; i < m.n; i++ {
		k := joins[i][0] + joins[i][1]
		a := &m.w.Actors[i]
		if a.Capability > 0 {
			hasCap = true
			capA += a.Capability * float64(joins[i][0]) / float64(n)
			capT += a.Capability * float64(joins[i][1]) / float64(n)
		}
		if k == 0 {
			continue
		}
		sr := StateResult{Code: a.Code, Name: a.Name, PJoin: round4(float64(k) / float64(n)), CI: wilson(k, n),
			PAttackerSide: round4(float64(joins[i][0]) / float64(n)), PTargetSide: round4(float64(joins[i][1]) / float64(n))}
		switch int32(i) {
		case m.attacker:
			sr.Role = SideAttacker
		case m.target:
			sr.Role = SideTarget
		}
		res.States = append(res.States, sr)
	}
	sort.SliceStable(res.States, func(i, j int) bool {
		a, b := res.States[i], res.States[j]
		if (a.Role != "") != (b.Role != "") {
			return a.Role != ""
		}
		if a.PJoin != b.PJoin {
			return a.PJoin > b.PJoin
		}
		return a.Code < b.Code
	})
	if hasCap {
		res.Capability = &CapabilityShare{Attacker: round4(capA), Target: round4(capT)}
	}
	mean := float64(total) / float64(n)
	vr := math.Max(0, float64(totalSq)/float64(n)-mean*mean)
	h := 1.959964 * math.Sqrt(vr/float64(n))
	res.ExpectedParticipants = round4(mean)
	res.ParticipantsCI = [2]float64{round4(mean - h), round4(mean + h)}
	res.PMultiTheater = round4(float64(multi) / float64(n))
	res.MultiTheaterCI = wilson(multi, n)
	for i, t := range axis.Theaters {
		if theaters[i] > 0 {
			res.Theaters = append(res.Theaters, TheaterResult{Theater: t, P: round4(float64(theaters[i]) / float64(n))})
		}
	}
	if opt.Chains > 0 {
		res.Chains = m.topChains(ws, n, opt.Chains)
	}
	return res
}

// topChains merges the workers' chain counts by the chain's content (the
// IDs differ between workers) and keeps the k most frequent.
func (m *model) topChains(ws []*trial, n int64, k int) []ChainResult {
	counts := map[string]int64{}
	paths := map[string][]int64{}
	for _, t := range ws {
		for id, c := range t.chainCount {
			if c == 0 {
				continue
			}
			var steps []int64
			for x := int32(id); x >= 0; x = t.chainPar[x] {
				steps = append(steps, t.chainStep[x])
			}
			var b strings.Builder
			for i := len(steps) - 1; i >= 0; i-- {
				b.WriteString(strconv.FormatInt(steps[i], 36))
				b.WriteByte('.')
			}
			key := b.String()
			if _, ok := paths[key]; !ok {
				rev := make([]int64, len(steps))
				for i := range steps {
					rev[i] = steps[len(steps)-1-i]
				}
				paths[key] = rev
			}
			counts[key] += c
		}
	}
	keys := make([]string, 0, len(counts))
	for key := range counts {
		keys = append(keys, key)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		if len(paths[keys[i]]) != len(paths[keys[j]]) {
			return len(paths[keys[i]]) < len(paths[keys[j]])
		}
		return keys[i] < keys[j]
	})
	if len(keys) > k {
		keys = keys[:k]
	}
	var out []ChainResult
	for _, key := range keys {
		cr := ChainResult{Count: counts[key], P: round4(float64(counts[key]) / float64(n))}
		side := int8(0)
		for i, st := range paths[key] {
			from, to, code := unpackStep(st)
			if i == 0 {
				side = 1
				if from == m.target {
					side = 2
				}
			}
			step := m.step(from, to, code)
			if step.Side == "other" {
				side = 3 - side
			}
			step.Side = [3]string{"", SideAttacker, SideTarget}[side]
			cr.Steps = append(cr.Steps, step)
		}
		out = append(out, cr)
	}
	return out
}

// step describes the activation of to by from through code (an arc
// index, or -2-war). Side is "same" or "other" relative to from.
func (m *model) step(from, to, code int32) ChainStep {
	s := ChainStep{From: m.codes[from], To: m.codes[to], Side: "same"}
	if code <= -2 {
		war := &m.w.Wars[-2-code]
		s.Via, s.Title, s.RelationIDs = "ongoing_war", war.Name, war.IDs
		if inList(war.SideA, s.From) != inList(war.SideA, s.To) {
			s.Side = "other"
		}
		return s
	}
	a := &m.arcs[code]
	switch a.src {
	case srcCommitment:
		c := &m.w.Commitments[a.ref]
		s.Via, s.CommitmentID, s.Title, s.Evidence = string(c.Kind), c.ID, c.Title, c.Evidence
		if !c.Conditions.Unconditional() || c.Conditions.Note != "" {
			cond := c.Conditions
			s.Conditions = &cond
		}
	case srcRivalry:
		t := &m.w.Rivalries[a.ref]
		s.Via, s.RelationIDs, s.Evidence = "rivalry", t.IDs, t.Evidence
	case srcCooperation:
		t := &m.w.Cooperation[a.ref]
		s.Via, s.RelationIDs, s.Evidence = "cooperation", t.IDs, t.Evidence
	}
	if a.typ == arcOppose {
		s.Side = "other"
	}
	return s
}

func inList(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
