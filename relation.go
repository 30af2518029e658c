package axis

import (
	"fmt"
	"strings"
)

// Relation is one directed tie source -> target of one kind, with an
// optional item, a date, a status and the evidence behind it. Symmetric
// kinds are stored once per pair with Source < Target.
//
// Relations are keyed by (source, target, kind, item, date bucket): the same
// event told by two documents is one relation with two pieces of evidence.
// Commitments are keyed without a date, since one pair has one treaty of a
// kind; other kinds bucket by month (see Date.Bucket).
type Relation struct {
	ID     int64  `json:"id"`
	Source string `json:"source"`
	Target string `json:"target"`
	Kind   Kind   `json:"kind"`
	Item   string `json:"item,omitempty"`
	// Date is when it happened or began; Until ends an interval.
	Date  Date `json:"date"`
	Until Date `json:"until"`
	// Status is the strongest status among the evidence (see Statuses).
	Status   Status    `json:"status"`
	Quantity *Quantity `json:"quantity,omitempty"`
	// Events counts the events merged into this relation (GDELT rows, or
	// one per evidence piece for text).
	Events int `json:"events"`
	// GroupID ties the pairwise relations of one multi-party event ("China,
	// Russia and Iran held joint drills") together.
	GroupID string `json:"group_id,omitempty"`
	// Commitment holds treaty dates and conditions; nil for other families.
	Commitment *Commitment `json:"commitment,omitempty"`
	Evidence   []Evidence  `json:"evidence,omitempty"`
}

// Quantity is an amount stated for a transfer: "over a million shells",
// "11,000 troops", "dozens of drones".
type Quantity struct {
	Value float64 `json:"value"`
	Unit  string  `json:"unit,omitempty"`  // shells, troops, barrels, tonnes, usd, tiv
	Bound string  `json:"bound,omitempty"` // "", "over", "under", "about"
	// Cumulative marks a running total to the relation's date ("over six
	// million shells since 2023"), not one delivery; see QuantityTally.
	Cumulative bool `json:"cumulative,omitempty"`
}

// Commitment holds what ONTOLOGY.md says of formal obligations.
type Commitment struct {
	Signed     Date       `json:"signed"`
	InForce    Date       `json:"in_force"`
	Ended      Date       `json:"ended"`
	Conditions Conditions `json:"conditions"`
	Title      string     `json:"title,omitempty"` // treaty name
	Article    string     `json:"article,omitempty"`
}

// Conditions limit when a commitment applies (ATOP's conditions).
type Conditions struct {
	Adversaries    []string `json:"adversaries,omitempty"` // only against these actors
	Theaters       []string `json:"theaters,omitempty"`    // only in these theaters
	Conflict       string   `json:"conflict,omitempty"`    // only in this named conflict
	NonProvocation bool     `json:"non_provocation,omitempty"`
	Note           string   `json:"note,omitempty"`
}

// Unconditional reports whether no condition limits the commitment.
func (c Conditions) Unconditional() bool {
	return len(c.Adversaries) == 0 && len(c.Theaters) == 0 && c.Conflict == "" && !c.NonProvocation
}

// InForceOn reports whether the commitment is in force on d: entered into
// force (or signed, when no entry date is known) on or before d and not ended.
func (c *Commitment) InForceOn(d Date) bool {
	start := c.InForce
	if start.IsZero() {
		start = c.Signed
	}
	if !start.IsZero() && d.End().Compare(start.Start()) <= 0 {
		return false
	}
	if !c.Ended.IsZero() && !d.Start().Before(c.Ended.Start()) {
		return false
	}
	return true
}

// Normalize puts the relation in canonical form: symmetric pairs ordered,
// codes upper-case, status defaulted. Call it before Key or Validate.
func (r *Relation) Normalize() {
	r.Source = strings.ToUpper(strings.TrimSpace(r.Source))
	r.Target = strings.ToUpper(strings.TrimSpace(r.Target))
	if r.Kind.Symmetric() && r.Target < r.Source {
		r.Source, r.Target = r.Target, r.Source
	}
	if r.Status == "" {
		r.Status = Confirmed
	}
	if r.Events == 0 {
		r.Events = 1
	}
}

// Key is the identity of the relation in the store.
func (r *Relation) Key() string {
	bucket := r.Date.Bucket()
	if r.Kind.Family() == FamilyCommitment {
		bucket = ""
	}
	return strings.Join([]string{r.Source, r.Target, string(r.Kind), r.Item, bucket}, "|")
}

// Validate checks the relation against the ontology. It does not check that
// the actors exist; the store does, since only it knows them.
func (r *Relation) Validate() error {
	if !ValidActorCode(r.Source) {
		return FieldErrorf(EINVALID, "source", "invalid actor code %q", r.Source)
	}
	if !ValidActorCode(r.Target) {
		return FieldErrorf(EINVALID, "target", "invalid actor code %q", r.Target)
	}
	if r.Source == r.Target {
		return FieldErrorf(EINVALID, "target", "a relation needs two different actors (got %s twice)", r.Source)
	}
	info := r.Kind.Info()
	if info == nil {
		return FieldErrorf(EINVALID, "kind", "unknown kind %q; valid kinds: %s", r.Kind, strings.Join(KindNames(), ", "))
	}
	if !r.Kind.HasItem(r.Item) {
		valid := "none (this kind takes no item)"
		if len(info.Items) > 0 {
			valid = strings.Join(info.Items, ", ")
		}
		return FieldErrorf(EINVALID, "item", "unknown item %q for kind %s; valid items: %s", r.Item, r.Kind, valid)
	}
	if !r.Status.Valid() {
		return FieldErrorf(EINVALID, "status", "unknown status %q; valid: %s", r.Status, strings.Join(StatusNames(), ", "))
	}
	if !r.Until.IsZero() && r.Until.Before(r.Date) {
		return FieldErrorf(EINVALID, "until", "until %s is before date %s", r.Until, r.Date)
	}
	if r.Commitment != nil && info.Family != FamilyCommitment {
		return FieldErrorf(EINVALID, "commitment", "commitment fields given for %s, which is not a commitment", r.Kind)
	}
	if r.Quantity != nil && r.Quantity.Value < 0 {
		return FieldErrorf(EINVALID, "quantity", "quantity must not be negative")
	}
	for i := range r.Evidence {
		if err := r.Evidence[i].Validate(); err != nil {
			return fmt.Errorf("evidence %d: %w", i+1, err)
		}
	}
	return nil
}

// Involves reports whether code is source or target.
func (r *Relation) Involves(code string) bool { return r.Source == code || r.Target == code }

// Other returns the party that is not code.
func (r *Relation) Other(code string) string {
	if r.Source == code {
		return r.Target
	}
	return r.Source
}

// Flows reports whether the relation flows from a to b: a is its source and
// b its target, or the kind is symmetric and they are its two parties.
func (r *Relation) Flows(a, b string) bool {
	if r.Source == a && r.Target == b {
		return true
	}
	return r.Kind.Symmetric() && r.Source == b && r.Target == a
}

// InForceOn reports whether a commitment is in force on d; relations of other
// families are "in force" from their date on.
func (r *Relation) InForceOn(d Date) bool {
	if d.IsZero() {
		return true
	}
	if r.Commitment != nil {
		return r.Commitment.InForceOn(d)
	}
	return r.Date.IsZero() || r.Date.Start().Before(d.End())
}

// RelationFilter selects relations. Zero fields do not filter.
type RelationFilter struct {
	IDs      []int64
	Between  [2]string // both parties, in either direction
	Actor    string    // one party
	Actors   []string  // both parties within this set
	Kinds    []Kind
	Families []Family
	Items    []string
	Statuses []Status
	Since    Date // relation date on or after (unknown dates pass only without Since/Until)
	Until    Date // relation date on or before
	At       Date // commitments in force on this date; other relations dated up to it
	Limit    int
	Offset   int
	// WithEvidence loads each relation's evidence.
	WithEvidence bool
}

// Match reports whether r passes the filter (all but Limit and Offset).
// Backends translate the filter into their own queries; Match is the
// reference semantics they must agree with.
func (f *RelationFilter) Match(r *Relation) bool {
	if len(f.IDs) > 0 && !containsID(f.IDs, r.ID) {
		return false
	}
	if f.Between[0] != "" && !((r.Source == f.Between[0] && r.Target == f.Between[1]) || (r.Source == f.Between[1] && r.Target == f.Between[0])) {
		return false
	}
	if f.Actor != "" && !r.Involves(f.Actor) {
		return false
	}
	if len(f.Actors) > 0 && !(contains(f.Actors, r.Source) && contains(f.Actors, r.Target)) {
		return false
	}
	if len(f.Kinds) > 0 && !contains(f.Kinds, r.Kind) {
		return false
	}
	if len(f.Families) > 0 && !contains(f.Families, r.Kind.Family()) {
		return false
	}
	if len(f.Items) > 0 && !contains(f.Items, r.Item) {
		return false
	}
	if len(f.Statuses) > 0 && !contains(f.Statuses, r.Status) {
		return false
	}
	if !f.Since.IsZero() && (r.Date.IsZero() || r.Date.End().Compare(f.Since.Start()) <= 0) {
		return false
	}
	if !f.Until.IsZero() && (r.Date.IsZero() || !r.Date.Start().Before(f.Until.End())) {
		return false
	}
	if !f.At.IsZero() && !r.InForceOn(f.At) {
		return false
	}
	return true
}

func contains[T comparable](xs []T, x T) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func containsID(xs []int64, x int64) bool { return contains(xs, x) }
