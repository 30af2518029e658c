package scenario

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"axis"
)

// Params are the probabilities of the escalation model. Every field can be
// overridden in a parameters file (LoadParams); docs/scenarios.md gives the
// sources of the defaults.
type Params struct {
	// Kinds is, per commitment kind, the probability that the commitment
	// is honoured once it is activated: for pulling kinds that the other
	// party joins the war; for neutrality and non-aggression pacts that the
	// other party stays out of a war against this one.
	Kinds map[axis.Kind]float64 `json:"kinds" yaml:"kinds"`
	// Rivalry is the probability that a rival of a belligerent joins the
	// other side, per unit of rivalry weight (capped at RivalryCap units).
	Rivalry    float64 `json:"rivalry" yaml:"rivalry"`
	RivalryCap float64 `json:"rivalry_cap" yaml:"rivalry_cap"`
	// Cooperation is the probability that a cooperation partner of a
	// belligerent joins its side, per unit of weight (capped likewise).
	Cooperation    float64 `json:"cooperation" yaml:"cooperation"`
	CooperationCap float64 `json:"cooperation_cap" yaml:"cooperation_cap"`
	// AdversaryMatch multiplies the probability of an adversary-specific
	// commitment when its named adversary is in the war (capped at 1):
	// specific promises are kept more often (Leeds, Long & Mitchell 2000).
	AdversaryMatch float64 `json:"adversary_match" yaml:"adversary_match"`
	// Status multiplies the probability by how sure the reporting of the
	// commitment is.
	Status map[axis.Status]float64 `json:"status" yaml:"status"`
	// Organizations turns membership of an organization into pairwise
	// commitments between its members (WorldFromStore).
	Organizations map[string]OrgRule `json:"organizations" yaml:"organizations"`
}

// OrgRule says what membership of an organization commits its members to.
type OrgRule struct {
	Kind     axis.Kind `json:"kind" yaml:"kind"`
	Theaters []string  `json:"theaters,omitempty" yaml:"theaters"`
}

// DefaultParams returns the default parameters. Per-kind honouring rates
// are those Berkemeier & Fuhrmann (2018) report for 1816–2003 where they
// report one (defence 41%, offence 74%, neutrality 78%, non-aggression 37%);
// the others are assumptions documented in docs/scenarios.md.
func DefaultParams() Params {
	return Params{
		Kinds: map[axis.Kind]float64{
			axis.DefensePact:          0.41,
			axis.OffensePact:          0.74,
			axis.NeutralityPact:       0.78,
			axis.NonaggressionPact:    0.37,
			axis.SecurityGuarantee:    0.41,
			axis.ConsultationPact:     0.15,
			axis.StrategicPartnership: 0.10,
		},
		Rivalry: 0.03, RivalryCap: 5,
		Cooperation: 0.01, CooperationCap: 5,
		AdversaryMatch: 1.2,
		Status: map[axis.Status]float64{
			axis.Confirmed: 1, axis.Reported: 0.9, axis.Alleged: 0.6,
			axis.Prospective: 0.5, axis.Denied: 0, axis.Negated: 0,
		},
		Organizations: map[string]OrgRule{
			// North Atlantic Treaty Art. 5, limited by Art. 6 to Europe and
			// North America; axis has no North America theater, so europe.
			"NATO": {Kind: axis.DefensePact, Theaters: []string{"europe"}},
			"CSTO": {Kind: axis.DefensePact},
		},
	}
}

// paramsFile mirrors Params with pointers, so a file overrides only what it
// names.
type paramsFile struct {
	Kinds          map[axis.Kind]float64   `yaml:"kinds"`
	Rivalry        *float64                `yaml:"rivalry"`
	RivalryCap     *float64                `yaml:"rivalry_cap"`
	Cooperation    *float64                `yaml:"cooperation"`
	CooperationCap *float64                `yaml:"cooperation_cap"`
	AdversaryMatch *float64                `yaml:"adversary_match"`
	Status         map[axis.Status]float64 `yaml:"status"`
	Organizations  map[string]OrgRule      `yaml:"organizations"`
}

// LoadParams reads a YAML parameters file over the defaults: what the file
// names replaces the default, the rest stays. name labels errors.
func LoadParams(r io.Reader, name string) (Params, error) {
	p := DefaultParams()
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	var f paramsFile
	if err := dec.Decode(&f); err != nil && err != io.EOF {
		return p, axis.Errorf(axis.EINVALID, "%s: %v (valid keys: kinds, rivalry, rivalry_cap, cooperation, cooperation_cap, adversary_match, status, organizations)", name, err)
	}
	for k, v := range f.Kinds {
		p.Kinds[k] = v
	}
	for s, v := range f.Status {
		p.Status[s] = v
	}
	for o, r := range f.Organizations {
		p.Organizations[o] = r
	}
	set := func(dst *float64, src *float64) {
		if src != nil {
			*dst = *src
		}
	}
	set(&p.Rivalry, f.Rivalry)
	set(&p.RivalryCap, f.RivalryCap)
	set(&p.Cooperation, f.Cooperation)
	set(&p.CooperationCap, f.CooperationCap)
	set(&p.AdversaryMatch, f.AdversaryMatch)
	if err := p.Validate(); err != nil {
		return p, axis.Errorf(axis.EINVALID, "%s: %s", name, axis.ErrorMessage(err))
	}
	return p, nil
}

// Validate checks kinds, statuses and ranges.
func (p *Params) Validate() error {
	prob := func(field string, v float64) error {
		if v < 0 || v > 1 {
			return axis.FieldErrorf(axis.EINVALID, field, "probability %v must be in [0,1]", v)
		}
		return nil
	}
	for _, k := range sortedKinds(p.Kinds) {
		if k.Family() != axis.FamilyCommitment || k == axis.Membership {
			return axis.FieldErrorf(axis.EINVALID, "kinds", "%q is not a commitment kind; valid: %s", k, strings.Join(commitmentKindNames(), ", "))
		}
		if err := prob("kinds."+string(k), p.Kinds[k]); err != nil {
			return err
		}
	}
	for s, v := range p.Status {
		if !s.Valid() {
			return axis.FieldErrorf(axis.EINVALID, "status", "unknown status %q; valid: %s", s, strings.Join(axis.StatusNames(), ", "))
		}
		if err := prob("status."+string(s), v); err != nil {
			return err
		}
	}
	for _, f := range []struct {
		n string
		v float64
	}{{"rivalry", p.Rivalry}, {"cooperation", p.Cooperation}} {
		if err := prob(f.n, f.v); err != nil {
			return err
		}
	}
	if p.AdversaryMatch < 0 || p.RivalryCap < 0 || p.CooperationCap < 0 {
		return axis.FieldErrorf(axis.EINVALID, "adversary_match", "multipliers and caps must not be negative")
	}
	for o, r := range p.Organizations {
		if r.Kind.Family() != axis.FamilyCommitment || r.Kind == axis.Membership {
			return axis.FieldErrorf(axis.EINVALID, "organizations."+o+".kind", "%q is not a commitment kind; valid: %s", r.Kind, strings.Join(commitmentKindNames(), ", "))
		}
		if err := checkTheaters("organizations."+o+".theaters", r.Theaters); err != nil {
			return err
		}
	}
	return nil
}

// prob is the probability that commitment c is honoured.
func (p *Params) prob(c *Commitment) float64 {
	if c.Probability != nil {
		return *c.Probability
	}
	v := p.Kinds[c.Kind]
	st := c.Status
	if st == "" {
		st = axis.Confirmed
	}
	if m, ok := p.Status[st]; ok {
		v *= m
	}
	return v
}

func sortedKinds(m map[axis.Kind]float64) []axis.Kind {
	ks := make([]axis.Kind, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
	return ks
}

// String summarises the per-kind probabilities, for logs.
func (p Params) String() string {
	var b strings.Builder
	for _, k := range sortedKinds(p.Kinds) {
		fmt.Fprintf(&b, "%s=%.2f ", k, p.Kinds[k])
	}
	return strings.TrimSpace(b.String())
}
