// Package scenario simulates what the alignment system does under stress:
// escalation cascades through commitments from a trigger incident (Monte
// Carlo over a World of states, commitments, rivalries and ongoing wars), and
// sanctions on supply networks (maximum flow, minimum cut and ranked
// interdiction sets).
//
// A World comes from the store (WorldFromStore) or from a standalone YAML
// file (LoadWorld), so historical and hypothetical cases run without a
// store. Randomness comes only from an explicit seed: trial i draws from a
// PCG stream derived from (seed, i), and every aggregate is a sum of
// integers, so a result is identical whatever the number of workers.
package scenario

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"axis"
)

// World is what an escalation runs on: the actors that may join a war, the
// commitments between them, their rivalries and cooperation, and the wars
// already being fought.
type World struct {
	Name        string       `json:"name" yaml:"name"`
	Description string       `json:"description,omitempty" yaml:"description"`
	At          axis.Date    `json:"at" yaml:"at"`
	Actors      []Actor      `json:"actors" yaml:"actors"`
	Commitments []Commitment `json:"commitments" yaml:"-"` // read through yamlWorld
	Rivalries   []Tie        `json:"rivalries,omitempty" yaml:"rivalries"`
	Cooperation []Tie        `json:"cooperation,omitempty" yaml:"cooperation"`
	Wars        []War        `json:"wars,omitempty" yaml:"wars"`
	// Outcome is what happened, for historical worlds; Validate compares a
	// run with it.
	Outcome *Outcome `json:"outcome,omitempty" yaml:"outcome"`
	// Notes say what was left out when the world was built from a store.
	Notes []string `json:"notes,omitempty" yaml:"-"`
}

// Actor is a state (or armed group) that can take part in a war.
type Actor struct {
	Code     string   `json:"code" yaml:"code"`
	Name     string   `json:"name,omitempty" yaml:"name"`
	Theaters []string `json:"theaters,omitempty" yaml:"theaters"`
	// Capability is an optional share of world power (e.g. a COW CINC
	// score); results report the expected capability on each side.
	Capability float64 `json:"capability,omitempty" yaml:"capability"`
}

// Commitment is one formal obligation between two parties. For a
// security_guarantee Parties[0] guarantees Parties[1]; every other kind is
// symmetric.
type Commitment struct {
	// ID is the relation ID in the store, or the 1-based position in a
	// world file.
	ID         int64           `json:"id" yaml:"id"`
	Kind       axis.Kind       `json:"kind" yaml:"kind"`
	Parties    [2]string       `json:"parties" yaml:"parties"`
	Status     axis.Status     `json:"status,omitempty" yaml:"status"`
	Title      string          `json:"title,omitempty" yaml:"title"`
	Signed     axis.Date       `json:"signed" yaml:"signed"`
	Conditions axis.Conditions `json:"conditions" yaml:"-"`
	// Group names the multilateral pact or organization the commitment is
	// one pair of: a member brought in by the group's commitment does not
	// call on the group again (each member decides once, not once per
	// fellow member at war).
	Group string `json:"group,omitempty" yaml:"group"`
	// Probability, when set, overrides the parameter for this commitment.
	Probability *float64      `json:"probability,omitempty" yaml:"probability"`
	Evidence    []EvidenceRef `json:"evidence,omitempty" yaml:"evidence"`
}

// EvidenceRef is the short form of a piece of evidence shown in a chain.
type EvidenceRef struct {
	RelationID int64     `json:"relation_id,omitempty" yaml:"-"`
	Source     string    `json:"source,omitempty" yaml:"source"`
	URL        string    `json:"url,omitempty" yaml:"url"`
	Published  axis.Date `json:"published" yaml:"published"`
	Sentence   string    `json:"sentence" yaml:"sentence"`
}

// Tie is an undirected rivalry or cooperation between two actors. Weight
// counts the relations behind it (at least 1).
type Tie struct {
	A        string        `json:"a" yaml:"a"`
	B        string        `json:"b" yaml:"b"`
	Weight   float64       `json:"weight" yaml:"weight"`
	IDs      []int64       `json:"relation_ids,omitempty" yaml:"-"`
	Evidence []EvidenceRef `json:"evidence,omitempty" yaml:"evidence"`
}

// War is a war already being fought when the trigger happens. A state of
// either side that joins the new war links its theater to it.
type War struct {
	Name    string   `json:"name" yaml:"name"`
	Theater string   `json:"theater" yaml:"theater"`
	SideA   []string `json:"side_a" yaml:"side_a"`
	SideB   []string `json:"side_b" yaml:"side_b"`
	IDs     []int64  `json:"relation_ids,omitempty" yaml:"-"`
}

// Outcome is what happened after a historical trigger: every listed state
// joined the attacker's side, the target's side, or none.
type Outcome struct {
	Date   axis.Date         `json:"date" yaml:"date"`
	Joined map[string]string `json:"joined" yaml:"joined"` // code -> attacker|target|none
	Note   string            `json:"note,omitempty" yaml:"note"`
}

// Outcome sides.
const (
	SideAttacker = "attacker"
	SideTarget   = "target"
	SideNone     = "none"
)

// yamlCommitment is how a commitment is written in a world file.
type yamlCommitment struct {
	Commitment `yaml:",inline"`
	Cond       struct {
		Adversaries    []string `yaml:"adversaries"`
		Theaters       []string `yaml:"theaters"`
		NonProvocation bool     `yaml:"non_provocation"`
		Note           string   `yaml:"note"`
	} `yaml:"conditions"`
}

type yamlWorld struct {
	World       `yaml:",inline"`
	Commitments []yamlCommitment `yaml:"commitments"`
}

// LoadWorld reads a world file (YAML; see docs/scenarios.md for the format).
// name labels errors, usually the file name.
func LoadWorld(r io.Reader, name string) (*World, error) {
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	var yw yamlWorld
	if err := dec.Decode(&yw); err != nil {
		if err == io.EOF {
			return nil, axis.Errorf(axis.EINVALID, "%s: empty world file", name)
		}
		return nil, axis.Errorf(axis.EINVALID, "%s: %v", name, err)
	}
	w := yw.World
	w.Commitments = nil
	for i, yc := range yw.Commitments {
		c := yc.Commitment
		c.Conditions = axis.Conditions{Adversaries: yc.Cond.Adversaries, Theaters: yc.Cond.Theaters, NonProvocation: yc.Cond.NonProvocation, Note: yc.Cond.Note}
		if c.ID == 0 {
			c.ID = int64(i + 1)
		}
		w.Commitments = append(w.Commitments, c)
	}
	if w.Name == "" {
		w.Name = name
	}
	if err := w.Validate(); err != nil {
		return nil, axis.Errorf(axis.EINVALID, "%s: %s", name, axis.ErrorMessage(err))
	}
	return &w, nil
}

// Validate checks that every reference names a known actor, kind, theater
// and side.
func (w *World) Validate() error {
	known := map[string]bool{}
	var codes []string
	for i, a := range w.Actors {
		if !axis.ValidActorCode(a.Code) {
			return axis.FieldErrorf(axis.EINVALID, fmt.Sprintf("actors[%d].code", i), "invalid actor code %q (2-24 upper-case letters, digits or _)", a.Code)
		}
		if known[a.Code] {
			return axis.FieldErrorf(axis.EINVALID, fmt.Sprintf("actors[%d].code", i), "actor %s listed twice", a.Code)
		}
		if err := checkTheaters(fmt.Sprintf("actors[%d].theaters", i), a.Theaters); err != nil {
			return err
		}
		known[a.Code] = true
		codes = append(codes, a.Code)
	}
	actor := func(field, code string) error {
		if !known[code] {
			return axis.FieldErrorf(axis.EINVALID, field, "unknown actor %q; closest listed: %s", code, strings.Join(axis.Closest(code, codes, 3), ", "))
		}
		return nil
	}
	for i, c := range w.Commitments {
		f := fmt.Sprintf("commitments[%d]", i)
		if c.Kind.Family() != axis.FamilyCommitment || c.Kind == axis.Membership {
			return axis.FieldErrorf(axis.EINVALID, f+".kind", "%q is not a commitment kind; valid: %s", c.Kind, strings.Join(commitmentKindNames(), ", "))
		}
		for j, p := range c.Parties {
			if err := actor(fmt.Sprintf("%s.parties[%d]", f, j), p); err != nil {
				return err
			}
		}
		if c.Parties[0] == c.Parties[1] {
			return axis.FieldErrorf(axis.EINVALID, f+".parties", "a commitment needs two different parties (got %s twice)", c.Parties[0])
		}
		if c.Status != "" && !c.Status.Valid() {
			return axis.FieldErrorf(axis.EINVALID, f+".status", "unknown status %q; valid: %s", c.Status, strings.Join(axis.StatusNames(), ", "))
		}
		for j, a := range c.Conditions.Adversaries {
			if err := actor(fmt.Sprintf("%s.conditions.adversaries[%d]", f, j), a); err != nil {
				return err
			}
		}
		if err := checkTheaters(f+".conditions.theaters", c.Conditions.Theaters); err != nil {
			return err
		}
		if c.Probability != nil && (*c.Probability < 0 || *c.Probability > 1) {
			return axis.FieldErrorf(axis.EINVALID, f+".probability", "probability %v must be in [0,1]", *c.Probability)
		}
	}
	for _, ties := range []struct {
		name string
		ts   []Tie
	}{{"rivalries", w.Rivalries}, {"cooperation", w.Cooperation}} {
		for i, t := range ties.ts {
			f := fmt.Sprintf("%s[%d]", ties.name, i)
			if err := actor(f+".a", t.A); err != nil {
				return err
			}
			if err := actor(f+".b", t.B); err != nil {
				return err
			}
			if t.Weight < 0 {
				return axis.FieldErrorf(axis.EINVALID, f+".weight", "weight %v must not be negative", t.Weight)
			}
		}
	}
	for i, war := range w.Wars {
		f := fmt.Sprintf("wars[%d]", i)
		if !axis.ValidTheater(war.Theater) {
			return axis.FieldErrorf(axis.EINVALID, f+".theater", "unknown theater %q; valid: %s", war.Theater, strings.Join(axis.Theaters, ", "))
		}
		for _, c := range append(append([]string{}, war.SideA...), war.SideB...) {
			if err := actor(f+".sides", c); err != nil {
				return err
			}
		}
	}
	if w.Outcome != nil {
		for c, side := range w.Outcome.Joined {
			if err := actor("outcome.joined", c); err != nil {
				return err
			}
			if side != SideAttacker && side != SideTarget && side != SideNone {
				return axis.FieldErrorf(axis.EINVALID, "outcome.joined."+c, "side %q must be attacker, target or none", side)
			}
		}
	}
	return nil
}

func checkTheaters(field string, ts []string) error {
	for _, t := range ts {
		if !axis.ValidTheater(t) {
			return axis.FieldErrorf(axis.EINVALID, field, "unknown theater %q; valid: %s", t, strings.Join(axis.Theaters, ", "))
		}
	}
	return nil
}

func commitmentKindNames() []string {
	var out []string
	for _, k := range axis.KindsOf(axis.FamilyCommitment) {
		if k != axis.Membership {
			out = append(out, string(k))
		}
	}
	return out
}

// Actor returns the actor with code, or nil.
func (w *World) Actor(code string) *Actor {
	for i := range w.Actors {
		if w.Actors[i].Code == code {
			return &w.Actors[i]
		}
	}
	return nil
}

// hostileKinds are the hostility kinds that make a rivalry; condemnation
// alone does not.
var hostileKinds = []axis.Kind{axis.Sanction, axis.Threaten, axis.Attack, axis.Incursion}

// cooperativeKinds make a cooperation tie.
var cooperativeKinds = []axis.Kind{axis.JointExercise, axis.DiplomaticSupport, axis.Agreement}

// WorldFromStore builds the world in force on date at from the store: the
// states and armed groups, the commitments in force (membership of an
// organization becomes pairwise commitments between its members when the
// parameters name the organization, see Params.Organizations), rivalries
// from sanctions, threats, attacks and incursions, cooperation from joint
// exercises, diplomatic support and agreements, and ongoing wars from
// attacks in the twelve months before at. A zero at takes everything.
func WorldFromStore(ctx context.Context, r axis.Reader, at axis.Date) (*World, error) {
	return WorldFromStoreWith(ctx, r, at, DefaultParams())
}

// WorldFromStoreWith is WorldFromStore with the parameters that say how
// organizations' memberships expand.
func WorldFromStoreWith(ctx context.Context, r axis.Reader, at axis.Date, p Params) (*World, error) {
	actors, err := r.Actors(ctx, axis.ActorFilter{Kinds: []axis.ActorKind{axis.ActorState, axis.ActorArmedGroup, axis.ActorOrganization}})
	if err != nil {
		return nil, err
	}
	w := &World{Name: "store", At: at}
	if !at.IsZero() {
		w.Name = "store at " + at.String()
	}
	in := map[string]bool{}
	for _, a := range actors {
		if a.Kind == axis.ActorOrganization || a.Historical {
			continue
		}
		w.Actors = append(w.Actors, Actor{Code: a.Code, Name: a.Name, Theaters: a.Theaters})
		in[a.Code] = true
	}
	rels, err := r.Relations(ctx, axis.RelationFilter{Families: []axis.Family{axis.FamilyCommitment, axis.FamilyHostility, axis.FamilyCooperation}, At: at, WithEvidence: true})
	if err != nil {
		return nil, err
	}
	members := map[string][]string{}
	memberRel := map[string][]*axis.Relation{}
	skipped := map[string]int{}
	type pair struct{ a, b string }
	rivals := map[pair]*Tie{}
	coop := map[pair]*Tie{}
	wars := map[pair]*War{}
	var order []pair
	for i := range rels {
		rel := &rels[i]
		if rel.Status == axis.Negated || rel.Status == axis.Denied {
			skipped["denied or negated"]++
			continue
		}
		if rel.Kind == axis.Membership {
			if in[rel.Source] {
				members[rel.Target] = append(members[rel.Target], rel.Source)
				memberRel[rel.Target] = append(memberRel[rel.Target], rel)
			}
			continue
		}
		if !in[rel.Source] || !in[rel.Target] {
			skipped["involving an organization, firm or person"]++
			continue
		}
		switch rel.Kind.Family() {
		case axis.FamilyCommitment:
			c := Commitment{ID: rel.ID, Kind: rel.Kind, Parties: [2]string{rel.Source, rel.Target}, Status: rel.Status, Group: rel.GroupID, Evidence: evidenceRefs(rel, 2)}
			if rel.Commitment != nil {
				c.Title, c.Signed = rel.Commitment.Title, rel.Commitment.Signed
				c.Conditions = rel.Commitment.Conditions
				c.Conditions.Adversaries = keep(c.Conditions.Adversaries, in)
			}
			w.Commitments = append(w.Commitments, c)
		case axis.FamilyHostility, axis.FamilyCooperation:
			k := pair{min(rel.Source, rel.Target), max(rel.Source, rel.Target)}
			m := coop
			if rel.Kind.Family() == axis.FamilyHostility {
				if !hasKind(hostileKinds, rel.Kind) {
					continue
				}
				m = rivals
				if rel.Kind == axis.Attack && ongoing(rel, at) && (rel.Status == axis.Confirmed || rel.Status == axis.Reported) {
					wk := pair{rel.Source, rel.Target}
					if wars[wk] == nil && wars[pair{rel.Target, rel.Source}] == nil {
						wars[wk] = &War{Name: rel.Source + " vs " + rel.Target, Theater: warTheater(w, rel.Source, rel.Target), SideA: []string{rel.Source}, SideB: []string{rel.Target}}
						order = append(order, wk)
					}
					if wr := wars[wk]; wr != nil {
						wr.IDs = append(wr.IDs, rel.ID)
					}
				}
			} else if !hasKind(cooperativeKinds, rel.Kind) {
				continue
			}
			t := m[k]
			if t == nil {
				t = &Tie{A: k.a, B: k.b}
				m[k] = t
			}
			t.Weight++
			t.IDs = append(t.IDs, rel.ID)
			if len(t.Evidence) < 2 {
				t.Evidence = append(t.Evidence, evidenceRefs(rel, 1)...)
			}
		}
	}
	// Organizations' memberships become pairwise commitments.
	orgs := make([]string, 0, len(members))
	for o := range members {
		orgs = append(orgs, o)
	}
	sort.Strings(orgs)
	for _, o := range orgs {
		rule, ok := p.Organizations[o]
		if !ok {
			skipped["membership of organizations without a rule in the parameters"]++
			continue
		}
		ms := members[o]
		sort.Strings(ms)
		for i := 0; i < len(ms); i++ {
			for j := i + 1; j < len(ms); j++ {
				if ms[i] == ms[j] {
					continue
				}
				rel := memberRel[o][0]
				w.Commitments = append(w.Commitments, Commitment{ID: rel.ID, Kind: rule.Kind, Parties: [2]string{ms[i], ms[j]}, Status: axis.Confirmed, Group: o,
					Title: o + " membership", Conditions: axis.Conditions{Theaters: rule.Theaters, Note: "expanded from membership of " + o}, Evidence: evidenceRefs(rel, 1)})
			}
		}
	}
	w.Rivalries = sortedTies(rivals)
	w.Cooperation = sortedTies(coop)
	for _, k := range order {
		w.Wars = append(w.Wars, *wars[k])
	}
	var notes []string
	for why, n := range skipped {
		notes = append(notes, fmt.Sprintf("%d relations skipped: %s", n, why))
	}
	sort.Strings(notes)
	w.Notes = notes
	return w, w.Validate()
}

// sortedTies lists the ties of m by their pair.
func sortedTies[K comparable](m map[K]*Tie) []Tie {
	out := make([]Tie, 0, len(m))
	for _, t := range m {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].A < out[j].A || out[i].A == out[j].A && out[i].B < out[j].B })
	return out
}

func hasKind(ks []axis.Kind, k axis.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func keep(codes []string, in map[string]bool) []string {
	var out []string
	for _, c := range codes {
		if in[c] {
			out = append(out, c)
		}
	}
	return out
}

// ongoing reports whether an attack makes a war under way on at: dated in
// the twelve months before at, or an interval that covers at, or a ground
// invasion with no end recorded (it goes on until one is).
func ongoing(r *axis.Relation, at axis.Date) bool {
	if recent(r.Date, at) {
		return true
	}
	if !r.Until.IsZero() {
		return at.IsZero() || !r.Until.End().Before(at.Start())
	}
	return r.Item == "ground" && !r.Date.IsZero()
}

// recent reports whether d falls in the twelve months up to at (any known
// date when at is zero).
func recent(d, at axis.Date) bool {
	if d.IsZero() {
		return false
	}
	if at.IsZero() {
		return true
	}
	return !d.Start().After(at.End()) && d.End().After(at.Start().AddDate(-1, 0, 0))
}

// warTheater is the theater two states share, else the target's first.
func warTheater(w *World, a, b string) string {
	ta, tb := w.Actor(a), w.Actor(b)
	if ta != nil && tb != nil {
		for _, x := range tb.Theaters {
			for _, y := range ta.Theaters {
				if x == y && x != "global" {
					return x
				}
			}
		}
	}
	if tb != nil {
		for _, x := range tb.Theaters {
			if x != "global" {
				return x
			}
		}
	}
	return "global"
}

func evidenceRefs(r *axis.Relation, n int) []EvidenceRef {
	var out []EvidenceRef
	for _, e := range r.Evidence {
		if len(out) == n {
			break
		}
		out = append(out, EvidenceRef{RelationID: r.ID, Source: e.Source, URL: e.URL, Published: e.Published, Sentence: e.Sentence})
	}
	return out
}
