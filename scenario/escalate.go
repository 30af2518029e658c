package scenario

import (
	"context"
	"math"
	bits2 "math/bits"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"axis"
)

// RunOptions control a Monte Carlo run.
type RunOptions struct {
	Trials  int    // number of simulated crises (default 10,000)
	Seed    uint64 // the only source of randomness
	Workers int    // goroutines (default GOMAXPROCS); never changes the result
	Chains  int    // how many activation chains to report (default 10; -1 none)
	// ChainTrials is how many trials (the first ones, by index) chains are
	// counted over (default 2,000): chains are counted per joiner, which
	// costs as much as the rest of a trial in a dense world.
	ChainTrials int
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
	// ChainTrials is the number of trials the chains were counted over.
	ChainTrials int      `json:"chain_trials"`
	Notes       []string `json:"notes,omitempty"`
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
	// Chain is the most frequent activation chain that brought the state
	// in (counted over the chain trials), when chains are asked for.
	Chain *ChainResult `json:"chain,omitempty"`
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
	group    int16   // multilateral group (1-based), 0 for none
}

// hotArc is what the inner loop reads of an arc, packed in 16 bytes.
type hotArc struct {
	thr   uint64 // fires when a 53-bit uniform draw is below thr
	to    int32
	group int16 // multilateral group, 0 for none
	flags uint8 // flagComplex, flagOppose, flagOffend
}

// nbArc is hotArc for a neighbour's first arc, with the arc's index in
// place of its to.
type nbArc struct {
	thr   uint64
	ai    int32
	group int16
	flags uint8
}

// maxBitsetActors bounds the worlds that use neighbour bitsets (an n×n
// table of int32: 4 MB at 1,024 actors).
var maxBitsetActors = 1024

const (
	flagComplex = 1 << iota
	flagOppose
	flagOffend
	flagDefend
	flagMore // the next arc goes to the same actor
)

// threshold turns a probability into a bound on a 53-bit uniform draw.
func threshold(p float64) uint64 {
	return uint64(math.Round(math.Max(0, math.Min(1, p)) * (1 << 53)))
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
	outStart []int32 // pulling arcs of actor x are outStart[x]..outStart[x+1]
	// holdStart: the holds keeping actor y out are holdStart[y]..holdStart[y+1].
	holdStart []int32
	// The hot loop reads these flat arrays, not the arcs.
	hot []hotArc
	// For worlds of up to maxBitsetActors actors, nbr holds each actor's
	// pull-arc targets as a bitset (W words per actor).
	nbr []uint64
	// rankBase[x*W+w] is the index in nbHot of x's first neighbour in
	// word w; nbHot lists, per actor and neighbour in code order, the
	// first arc to it, with that arc's hot fields, so the common neighbour
	// with a single arc costs one load.
	rankBase []int32
	nbHot    []nbArc
	// holdFrom[i] is arcs[holdStart[0]+i].from, for join's scan.
	holdFrom []int32
	// thrMatch is thr for arcs whose named adversary is in the war.
	thrMatch []uint64
	// mainGroup is the first multilateral group of an actor's arcs, and
	// nbrEx its neighbour bitset without that group's arcs.
	mainGroup []int16
	nbrEx     []uint64
	thr       []uint64 // arc fires when a 53-bit uniform draw is below thr
	wars      [][]membership
	warTh     []uint8
	attacker  int32
	target    int32
	groups    int // number of multilateral groups
	theater   uint8
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
	groups := map[string]int16{}
	for i := range w.Commitments {
		c := &w.Commitments[i]
		pr := p.prob(c)
		a, b := m.idx[c.Parties[0]], m.idx[c.Parties[1]]
		base := arc{src: srcCommitment, ref: int32(i), theaters: theaterMask(c.Conditions.Theaters), nonProv: c.Conditions.NonProvocation, p: pr, pMatch: math.Min(1, pr*p.AdversaryMatch)}
		for _, adv := range c.Conditions.Adversaries {
			base.adv = append(base.adv, m.idx[adv])
		}
		if c.Group != "" {
			g, ok := groups[c.Group]
			if !ok && len(groups) < math.MaxInt16 {
				g = int16(len(groups) + 1)
				groups[c.Group] = g
			}
			base.group = g
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
	m.groups = len(groups)
	ties(w.Rivalries, srcRivalry, arcOppose, p.Rivalry, p.RivalryCap)
	ties(w.Cooperation, srcCooperation, arcSupport, p.Cooperation, p.CooperationCap)
	// Pulling arcs are grouped by the actor they start from, so one
	// actor's arcs are contiguous in memory. Holds (neutrality and
	// non-aggression) sit at the end, grouped by the actor they hold out:
	// they are drawn lazily, when that actor is about to join a war against
	// the promisee, which costs far fewer draws and is the same model.
	kept := m.arcs[:0]
	for _, a := range m.arcs {
		if a.p > 0 {
			kept = append(kept, a)
		}
	}
	m.arcs = kept
	sort.SliceStable(m.arcs, func(i, j int) bool {
		a, b := &m.arcs[i], &m.arcs[j]
		if (a.typ == arcHold) != (b.typ == arcHold) {
			return b.typ == arcHold
		}
		if a.typ == arcHold {
			return a.to < b.to
		}
		if a.from != b.from {
			return a.from < b.from
		}
		return a.to < b.to
	})
	m.holdStart = make([]int32, m.n+1)
	for i := range m.arcs {
		if m.arcs[i].typ == arcHold {
			m.holdStart[m.arcs[i].to+1]++
		}
	}
	pulls := int32(len(m.arcs))
	for i := range m.arcs {
		if m.arcs[i].typ == arcHold {
			pulls = int32(i)
			break
		}
	}
	m.holdStart[0] = pulls
	for _, a := range m.arcs[pulls:] {
		m.holdFrom = append(m.holdFrom, a.from)
	}
	for i := 1; i <= m.n; i++ {
		m.holdStart[i] += m.holdStart[i-1]
	}
	m.outStart = make([]int32, m.n+1)
	m.hot = make([]hotArc, len(m.arcs))
	m.thr = make([]uint64, len(m.arcs))
	m.thrMatch = make([]uint64, len(m.arcs))
	for i := range m.arcs {
		a := &m.arcs[i]
		if a.typ != arcHold {
			m.outStart[a.from+1]++
		}
		m.hot[i].to, m.hot[i].group, m.thr[i] = a.to, a.group, threshold(a.p)
		m.hot[i].thr = m.thr[i]
		m.thrMatch[i] = threshold(a.pMatch)
		// Simple arcs (no condition to check at run time) take the fast
		// path in trial.run; the rest go through trial.eval.
		if len(a.adv) > 0 || a.theaters != 0 || a.typ == arcHold || a.nonProv {
			m.hot[i].flags |= flagComplex
		}
		if a.typ == arcDefend {
			m.hot[i].flags |= flagDefend
		}
		if a.typ == arcOffend {
			m.hot[i].flags |= flagOffend
		}
		if a.typ == arcOppose {
			m.hot[i].flags |= flagOppose
		}
	}
	for i := 1; i <= m.n; i++ {
		m.outStart[i] += m.outStart[i-1]
	}
	for i := int32(0); i+1 < m.holdStart[0]; i++ {
		if m.arcs[i].from == m.arcs[i+1].from && m.arcs[i].to == m.arcs[i+1].to {
			m.hot[i].flags |= flagMore
		}
	}
	if m.n <= maxBitsetActors {
		W := (m.n + 63) / 64
		m.nbr = make([]uint64, m.n*W)
		m.rankBase = make([]int32, m.n*W)
		m.nbrEx = make([]uint64, m.n*W)
		m.mainGroup = make([]int16, m.n)
		for x := 0; x < m.n; x++ {
			for ai := m.outStart[x]; ai < m.outStart[x+1]; ai++ {
				if g := m.hot[ai].group; g != 0 && m.mainGroup[x] == 0 {
					m.mainGroup[x] = g
				}
			}
			base := int32(len(m.nbHot))
			for ai := m.outStart[x]; ai < m.outStart[x+1]; ai++ {
				y := int(m.hot[ai].to)
				if m.nbr[x*W+y/64]&(1<<(y%64)) == 0 {
					h := m.hot[ai] // arcs are sorted by to: ai is y's first
					m.nbHot = append(m.nbHot, nbArc{thr: h.thr, ai: ai, group: h.group, flags: h.flags})
				}
				m.nbr[x*W+y/64] |= 1 << (y % 64)
				if g := m.hot[ai].group; g == 0 || g != m.mainGroup[x] {
					m.nbrEx[x*W+y/64] |= 1 << (y % 64)
				}
			}
			for w := 0; w < W; w++ {
				m.rankBase[x*W+w] = base
				base += int32(bits2.OnesCount64(m.nbr[x*W+w]))
			}
		}
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

// trial is one worker's reusable state. Per-actor lists (arcs waiting on
// an actor) are linked lists in flat arrays, and per-arc marks are stamps,
// emptied in O(1) by the next stamp, so a trial allocates nothing once the
// arrays have grown.
type trial struct {
	// Workers write their trial's fields and arrays all the time: padding
	// keeps two workers' state off a shared cache line (false sharing made
	// two workers do 45% more work than one).
	_      [cachePad]byte
	m      *model
	pcg    rand.PCG
	side   []int8
	front  []uint8
	parent []int32 // arc index, or -1 for the trigger, or -2-war for a war link
	// parentFrom is the belligerent whose activation brought the actor in.
	parentFrom []int32
	joinGroup  []int16  // group of the arc that brought the actor in
	drawn      []uint32 // arc drawn in this trial when equal to stamp
	stamp      uint32
	bell       []int32 // belligerents in joining order; the work queue
	qi         int
	held       []bool // outcome of a drawn hold arc
	// groupCalled[y*groups+g-1] is stamp when group g called on y.
	groupCalled     []uint32
	waitHead        []int32
	waitStamp       []uint32
	lnkNext, lnkVal []int32
	// recheck lists arcs whose condition may now hold.
	recheck, recheckFull []int32
	// attackerWait lists the defence arcs of the attacker's side, waiting
	// for a third state to intervene against it.
	attackerWait []int32
	intervened   bool
	und          []uint64 // undecided actors, when the model has bitsets

	// tallies
	joins      [][2]int64
	total      int64
	totalSq    int64
	multi      int64
	theaters   [8]int64
	chainIDs   map[chainKey]int32
	chainPar   []int32
	chainStep  []int64 // packed (from, to, code)
	chainCount []int64
	chainHash  []uint64 // identity of a chain's content, equal across workers
	chainOf    []int32
	_          [cachePad]byte
}

// cachePad is two cache lines: adjacent-line prefetch makes lines pair up.
const cachePad = 128

// padded makes a slice of n elements with cachePad bytes free on each side,
// so that no other allocation (another worker's array) shares its cache
// lines.
func padded[T any](n, c int) []T {
	var z T
	pad := (cachePad + int(unsafe.Sizeof(z)) - 1) / int(unsafe.Sizeof(z))
	c = max(n, c)
	return make([]T, pad+c+pad)[pad : pad+n : pad+c]
}

// appendP appends v to s, growing it as padded does.
func appendP[T any](s []T, v T) []T {
	if len(s) == cap(s) {
		s = growP(s, 1)
	}
	return append(s, v)
}

// appendI32 is appendP for the hot int32 lists; unlike the generic
// instance, it inlines.
func appendI32(s []int32, v int32) []int32 {
	if len(s) == cap(s) {
		s = growP(s, 1)
	}
	return append(s, v)
}

// appendAllP appends vs to s, growing it as padded does.
func appendAllP[T any](s, vs []T) []T {
	if len(s)+len(vs) > cap(s) {
		s = growP(s, len(vs))
	}
	return append(s, vs...)
}

// growP returns s in a padded array with room for k more. It stays out
// of line so that appendP inlines.
//
//go:noinline
func growP[T any](s []T, k int) []T {
	g := padded[T](len(s), 2*(len(s)+k)+16)
	copy(g, s)
	return g
}

func newTrial(m *model) *trial {
	n, na := m.n, len(m.arcs)
	t := &trial{m: m, side: padded[int8](n, 0), front: padded[uint8](n, 0), parent: padded[int32](n, 0),
		parentFrom: padded[int32](n, 0), joinGroup: padded[int16](n, 0), drawn: padded[uint32](na, 0), joins: padded[[2]int64](n, 0), chainOf: padded[int32](n, 0),
		held: padded[bool](na, 0), waitHead: padded[int32](n, 0), waitStamp: padded[uint32](n, 0),
		chainIDs: map[chainKey]int32{}, groupCalled: padded[uint32](n*m.groups, 0),
		bell: padded[int32](0, n), lnkNext: padded[int32](0, 64), lnkVal: padded[int32](0, 64),
		recheck: padded[int32](0, 64), recheckFull: padded[int32](0, 64), attackerWait: padded[int32](0, 64)}
	if m.nbr != nil {
		t.und = padded[uint64]((n+63)/64, 0)
	}
	return t
}

// push adds v to the list of actor x in (head, stamp).
func (t *trial) push(head []int32, stamp []uint32, x, v int32) {
	if stamp[x] != t.stamp {
		stamp[x], head[x] = t.stamp, -1
	}
	t.lnkNext = appendI32(t.lnkNext, head[x])
	t.lnkVal = appendI32(t.lnkVal, v)
	head[x] = int32(len(t.lnkVal) - 1)
}

// splitmix64 derives well-spread seeds from (seed, trial).
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func (t *trial) run(seed uint64, i int, chains bool) {
	m := t.m
	h := splitmix64(seed ^ splitmix64(uint64(i)))
	t.pcg.Seed(h, splitmix64(h^uint64(i)^0x632be59bd9b4e019))
	for _, b := range t.bell {
		t.side[b], t.front[b] = 0, 0
	}
	t.bell, t.lnkNext, t.lnkVal = t.bell[:0], t.lnkNext[:0], t.lnkVal[:0]
	t.recheck, t.recheckFull, t.attackerWait = t.recheck[:0], t.recheckFull[:0], t.attackerWait[:0]
	t.qi, t.intervened = 0, false
	if m.nbr != nil {
		for i := range t.und {
			t.und[i] = ^uint64(0)
		}
	}
	t.stamp++
	if t.stamp == 0 { // wrapped: clear
		clear(t.drawn)
		clear(t.groupCalled)
		clear(t.waitStamp)
		t.stamp = 1
	}
	t.join(m.attacker, 1, m.theater, -1, -1)
	t.join(m.target, 2, m.theater, -1, -1)
	for {
		switch {
		case len(t.recheckFull) > 0:
			ai := t.recheckFull[len(t.recheckFull)-1]
			t.recheckFull = t.recheckFull[:len(t.recheckFull)-1]
			t.eval(ai, true)
		case len(t.recheck) > 0:
			ai := t.recheck[len(t.recheck)-1]
			t.recheck = t.recheck[:len(t.recheck)-1]
			t.eval(ai, false)
		case t.qi < len(t.bell):
			x := t.bell[t.qi]
			t.qi++
			if m.nbr != nil {
				t.pullBits(x)
			} else {
				lo, hi := m.outStart[x], m.outStart[x+1]
				for ai := lo; ai < hi; ai++ {
					if t.side[m.hot[ai].to] == 0 {
						t.pull(x, ai)
					}
				}
			}
		default:
			t.tally(chains)
			return
		}
	}
}

// pullBits activates x's arcs to undecided actors, found by intersecting
// x's neighbour bitset with the undecided set: in a large cascade most of
// an actor's partners are already at war when its turn comes, and this
// never looks at them.
func (t *trial) pullBits(x int32) {
	m := t.m
	W := len(t.und)
	nbr := m.nbr
	gx := t.joinGroup[x]
	if gx != 0 && gx == m.mainGroup[x] {
		nbr = m.nbrEx // the group that brought x in is not called again
	}
	full := m.nbr[int(x)*W : int(x)*W+W]
	nb := nbr[int(x)*W : int(x)*W+W]
	rank := m.rankBase[int(x)*W : int(x)*W+W]
	sx, fx := t.side[x], t.front[x]
	for w, bitsN := range nb {
		bits := bitsN & t.und[w]
		for bits != 0 {
			b := bits2.TrailingZeros64(bits)
			y := int32(w<<6 + b)
			bits &= bits - 1
			// The k-th neighbour of x (k = rank of y's bit) has its first
			// arc in nbHot[k].
			k := rank[w] + int32(bits2.OnesCount64(full[w]&(1<<b-1)))
			nh := &m.nbHot[k]
			ai, thr, g, fl := nh.ai, nh.thr, nh.group, nh.flags
			for t.side[y] == 0 {
				f := fl &^ flagMore
				// The common cases inline: no condition, or a defence pact
				// of a state already attacked.
				if f == 0 || (f == flagDefend && (sx != 1 || t.intervened)) {
					if g == 0 || (g != gx && t.firstCall(y, g)) {
						if t.pcg.Uint64()>>11 < thr {
							t.join(y, sx, fx, ai, x)
						}
					}
				} else {
					t.pull(x, ai)
				}
				if fl&flagMore == 0 {
					break
				}
				ai++
				h := &m.hot[ai]
				thr, g, fl = h.thr, h.group, h.flags
			}
		}
	}
}

// pull activates pulling arc ai of belligerent x, whose to is undecided.
func (t *trial) pull(x, ai int32) {
	h := &t.m.hot[ai]
	f := h.flags &^ flagMore
	if h.group != 0 && h.group == t.joinGroup[x] {
		return
	}
	sx := t.side[x]
	if f != 0 {
		if f&flagComplex != 0 || (f&flagDefend != 0 && sx == 1 && !t.intervened) {
			t.eval(ai, true)
			return
		}
		if f&flagOffend != 0 && sx != 1 {
			return
		}
	}
	if h.group != 0 && !t.firstCall(h.to, h.group) {
		return
	}
	if t.pcg.Uint64()>>11 >= h.thr {
		return
	}
	if f&flagOppose != 0 {
		t.join(h.to, 3-sx, t.front[x], ai, x)
	} else {
		t.join(h.to, sx, t.front[x], ai, x)
	}
}

// eval activates arc ai if its conditions hold now. An arc whose condition
// may still come true (a named adversary not yet in the war, an attacker
// not yet attacked) waits, when mayDefer, until the war grows that way.
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
	if a.group != 0 && a.group == t.joinGroup[x] {
		t.drawn[ai] = t.stamp
		return
	}
	switch a.typ {
	case arcDefend:
		// The attacker, and those who joined its side, are attacked only
		// once a third state enters the war against them.
		if sx == 1 {
			if a.nonProv && x == t.m.attacker {
				t.drawn[ai] = t.stamp
				return
			}
			if !t.intervened {
				if mayDefer {
					t.attackerWait = appendI32(t.attackerWait, ai)
				}
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
	thr := t.m.thr[ai]
	if len(a.adv) > 0 {
		matched := false
		for _, v := range a.adv {
			if t.side[v] == 3-sx {
				matched = true
				break
			}
		}
		if !matched {
			if mayDefer {
				for _, v := range a.adv {
					t.push(t.waitHead, t.waitStamp, v, ai)
				}
			}
			return
		}
		thr = t.m.thrMatch[ai]
	}
	t.drawn[ai] = t.stamp
	if a.group != 0 && !t.firstCall(y, a.group) {
		return
	}
	if t.pcg.Uint64()>>11 >= thr {
		return
	}
	front := t.front[x]
	if a.theaters != 0 {
		front &= a.theaters
	}
	switch a.typ {
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
	// Promises to stay out bind a state choosing to join, not the
	// trigger's parties (via -1) or a state already at war (a war link).
	if via >= 0 {
		m := t.m
		h0 := m.holdStart[0]
		for ai := m.holdStart[y]; ai < m.holdStart[y+1]; ai++ {
			if t.side[m.holdFrom[ai-h0]] == 3-s && t.holds(ai) {
				return false
			}
		}
	}
	t.side[y], t.front[y], t.parent[y], t.parentFrom[y] = s, front, via, from
	if t.und != nil {
		t.und[y>>6] &^= 1 << (y & 63)
	}
	t.joinGroup[y] = 0
	if via >= 0 {
		t.joinGroup[y] = t.m.hot[via].group
	}
	t.bell = appendI32(t.bell, y)
	if s == 2 && y != t.m.target && !t.intervened {
		t.intervened = true
		t.recheckFull = appendAllP(t.recheckFull, t.attackerWait)
	}
	if t.waitStamp[y] == t.stamp {
		for l := t.waitHead[y]; l >= 0; l = t.lnkNext[l] {
			t.recheck = appendI32(t.recheck, t.lnkVal[l])
		}
	}
	// A state already at war elsewhere links that theater, and its enemies
	// and allies there come in on the matching sides.
	for _, mb := range t.m.wars[y] {
		t.front[y] |= t.m.warTh[mb.war]
	}
	for _, mb := range t.m.wars[y] {
		war := &t.m.w.Wars[mb.war]
		th := t.m.warTh[mb.war]
		for k := 0; k < len(war.SideA)+len(war.SideB); k++ {
			c, inA := "", k < len(war.SideA)
			if inA {
				c = war.SideA[k]
			} else {
				c = war.SideB[k-len(war.SideA)]
			}
			os := s
			if inA != (mb.side == 1) {
				os = 3 - s
			}
			t.join(t.m.idx[c], os, th, -2-mb.war, y)
		}
	}
	return true
}

// firstCall reports whether this is the first time in the trial that
// group g calls on its member y, and records the call: a member decides
// once per pact, whichever fellow member called first.
func (t *trial) firstCall(y int32, g int16) bool {
	i := int(y)*t.m.groups + int(g) - 1
	if t.groupCalled[i] == t.stamp {
		return false
	}
	t.groupCalled[i] = t.stamp
	return true
}

// holds draws, once per trial, whether hold arc ai (its from at war)
// keeps its to out of a war against from.
func (t *trial) holds(ai int32) bool {
	if t.drawn[ai] == t.stamp {
		return t.held[ai]
	}
	a := &t.m.arcs[ai]
	x := a.from
	t.drawn[ai] = t.stamp
	t.held[ai] = false
	if a.theaters != 0 && t.front[x]&a.theaters == 0 {
		return false
	}
	thr := t.m.thr[ai]
	if len(a.adv) > 0 {
		matched := false
		for _, v := range a.adv {
			if t.side[v] == 3-t.side[x] {
				matched = true
				break
			}
		}
		if !matched {
			// The promise is limited to wars with named adversaries that
			// are not (yet) in this one; draw again if asked later.
			t.drawn[ai] = 0
			return false
		}
		thr = t.m.thrMatch[ai]
	}
	t.held[ai] = t.pcg.Uint64()>>11 < thr
	return t.held[ai]
}

func (t *trial) tally(chains bool) {
	var th uint8
	for _, b := range t.bell {
		t.joins[b][t.side[b]-1]++
		th |= t.front[b]
	}
	n := int64(len(t.bell))
	t.total += n
	t.totalSq += n * n
	if bits2.OnesCount8(th) > 1 {
		t.multi++
	}
	for i := 0; i < 8; i++ {
		if th&(1<<i) != 0 {
			t.theaters[i]++
		}
	}
	if !chains {
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
			t.chainPar = appendP(t.chainPar, k.par)
			t.chainStep = appendP(t.chainStep, k.step)
			t.chainCount = appendP(t.chainCount, 0)
			ph := uint64(0x51ed27)
			if k.par >= 0 {
				ph = t.chainHash[k.par]
			}
			t.chainHash = appendP(t.chainHash, splitmix64(ph^splitmix64(uint64(k.step))))
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
	if opt.ChainTrials <= 0 {
		opt.ChainTrials = 2000
	}
	if opt.ChainTrials > opt.Trials || opt.Chains < 0 {
		opt.ChainTrials = min(opt.Trials, max(opt.Chains, 0)*opt.Trials)
	}
	m, err := compile(w, tr, p)
	if err != nil {
		return nil, err
	}
	// Workers take blocks of trials as they become free: the first
	// ChainTrials trials cost more (chains are counted) and a shared
	// machine may slow one worker down. Every tally is an integer sum and
	// chains merge by content, so who ran which trial never shows.
	const block = 256
	workers := make([]*trial, opt.Workers)
	var wg sync.WaitGroup
	var next atomic.Int64
	errs := make([]error, opt.Workers)
	for k := range workers {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			t := newTrial(m) // allocated on the worker's own P
			workers[k] = t
			for {
				lo := int(next.Add(block)) - block
				if lo >= opt.Trials {
					return
				}
				if ctx.Err() != nil {
					errs[k] = ctx.Err()
					return
				}
				for i := lo; i < min(lo+block, opt.Trials); i++ {
					t.run(opt.Seed, i, i < opt.ChainTrials)
				}
			}
		}(k)
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
	if opt.Chains > 0 && opt.ChainTrials > 0 {
		res.ChainTrials = opt.ChainTrials
		var perState map[int32]ChainResult
		res.Chains, perState = m.topChains(ws, int64(opt.ChainTrials), opt.Chains)
		for i := range res.States {
			if c, ok := perState[m.idx[res.States[i].Code]]; ok {
				res.States[i].Chain = &c
			}
		}
	}
	return res
}

// topChains merges the workers' chain counts by the chain's content hash
// (the chain IDs differ between workers; the hash does not) and keeps the k
// most frequent, ties broken by length then hash, so the choice does not
// depend on the number of workers.
func (m *model) topChains(ws []*trial, n int64, k int) ([]ChainResult, map[int32]ChainResult) {
	type where struct{ w, id int32 }
	counts := map[uint64]int64{}
	first := map[uint64]where{}
	length := func(t *trial, id int32) int {
		l := 0
		for ; id >= 0; id = t.chainPar[id] {
			l++
		}
		return l
	}
	for wi, t := range ws {
		for id, c := range t.chainCount {
			h := t.chainHash[id]
			if _, ok := first[h]; !ok {
				first[h] = where{int32(wi), int32(id)}
			}
			counts[h] += c
		}
	}
	// Keep the k best in a small sorted slice: most chains are rare and
	// fall below the k-th count at once.
	type entry struct {
		h     uint64
		count int64
		l     int
	}
	better := func(a, b entry) bool {
		if a.count != b.count {
			return a.count > b.count
		}
		if a.l != b.l {
			return a.l < b.l
		}
		return a.h < b.h
	}
	var top []entry
	for h, c := range counts {
		if len(top) == k && c < top[k-1].count {
			continue
		}
		e := entry{h, c, length(ws[first[h].w], first[h].id)}
		if len(top) == k && !better(e, top[k-1]) {
			continue
		}
		i := sort.Search(len(top), func(i int) bool { return better(e, top[i]) })
		top = append(top, entry{})
		copy(top[i+1:], top[i:])
		top[i] = e
		if len(top) > k {
			top = top[:k]
		}
	}
	// The most frequent chain ending at each state.
	best := map[int32]entry{}
	for h, c := range counts {
		t := ws[first[h].w]
		_, to, _ := unpackStep(t.chainStep[first[h].id])
		if b, ok := best[to]; ok && c < b.count {
			continue
		}
		e := entry{h, c, length(t, first[h].id)}
		if b, ok := best[to]; !ok || better(e, b) {
			best[to] = e
		}
	}
	perState := make(map[int32]ChainResult, len(best))
	for to, e := range best {
		perState[to] = m.chainResult(ws, first[e.h].w, first[e.h].id, counts[e.h], n)
	}
	var out []ChainResult
	for _, e := range top {
		out = append(out, m.chainResult(ws, first[e.h].w, first[e.h].id, counts[e.h], n))
	}
	return out, perState
}

// chainResult materialises chain id of worker w, seen count times in n
// trials.
func (m *model) chainResult(ws []*trial, w, id int32, count, n int64) ChainResult {
	cr := ChainResult{Count: count, P: round4(float64(count) / float64(n))}
	t := ws[w]
	var steps []int64
	for x := id; x >= 0; x = t.chainPar[x] {
		steps = append(steps, t.chainStep[x])
	}
	side := int8(0)
	for i := len(steps) - 1; i >= 0; i-- {
		from, to, code := unpackStep(steps[i])
		if side == 0 {
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
	return cr
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
