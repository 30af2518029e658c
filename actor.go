package axis

import "regexp"

// ActorKind says what sort of actor it is.
type ActorKind string

// Actor kinds of ONTOLOGY.md.
const (
	ActorState        ActorKind = "state"
	ActorOrganization ActorKind = "organization"
	ActorArmedGroup   ActorKind = "armed_group"
	ActorFirm         ActorKind = "firm"
	ActorPerson       ActorKind = "person"
)

// ActorKinds lists the valid actor kinds.
var ActorKinds = []ActorKind{ActorState, ActorOrganization, ActorArmedGroup, ActorFirm, ActorPerson}

// Actor is a state, organization, armed group, firm or person that relations
// connect. Firms and persons act for a Country: a relation coded against a
// person or a firm counts against its state.
type Actor struct {
	Code     string    `json:"code"`               // RUS, NATO, HOUTHIS, person codes like PUTIN
	Name     string    `json:"name"`               // the common English name
	Kind     ActorKind `json:"kind"`               // state, organization, …
	Country  string    `json:"country,omitempty"`  // for firms and persons: the state they act for
	Aliases  []string  `json:"aliases,omitempty"`  // every way reporting names it
	Theaters []string  `json:"theaters,omitempty"` // home theaters
	// Terms are the offices a person held, so a name resolves to its state
	// on a given date. Empty for non-persons.
	Terms []Term `json:"terms,omitempty"`
	// Historical marks actors that no longer exist (Prussia, USSR), kept for
	// historical datasets and worlds.
	Historical bool `json:"historical,omitempty"`
}

// Term is an office held by a person for a state over an interval.
// An unknown End means the person still holds it.
type Term struct {
	Role    string `json:"role"`    // head_of_state, head_of_government, foreign_minister, defense_minister
	Country string `json:"country"` // the state served
	Start   Date   `json:"start"`
	End     Date   `json:"end"`
}

// Covers reports whether the term includes date d. An unknown d is covered
// by every term, so undated text still resolves.
func (t Term) Covers(d Date) bool {
	if d.IsZero() {
		return true
	}
	if !t.Start.IsZero() && d.End().Compare(t.Start.Start()) <= 0 {
		return false
	}
	if !t.End.IsZero() && !d.Start().Before(t.End.End()) {
		return false
	}
	return true
}

var actorCodeRE = regexp.MustCompile(`^[A-Z][A-Z0-9_]{1,23}$`)

// ValidActorCode reports whether code has the shape of an actor code.
func ValidActorCode(code string) bool { return actorCodeRE.MatchString(code) }

// Validate checks the actor's fields.
func (a *Actor) Validate() error {
	if !ValidActorCode(a.Code) {
		return FieldErrorf(EINVALID, "code", "actor code %q must be 2-24 upper-case letters, digits or _", a.Code)
	}
	if a.Name == "" {
		return FieldErrorf(EINVALID, "name", "actor %s has no name", a.Code)
	}
	ok := false
	for _, k := range ActorKinds {
		ok = ok || k == a.Kind
	}
	if !ok {
		return FieldErrorf(EINVALID, "kind", "actor %s: unknown kind %q (valid: state, organization, armed_group, firm, person)", a.Code, a.Kind)
	}
	if (a.Kind == ActorFirm || a.Kind == ActorPerson) && a.Country == "" && len(a.Terms) == 0 {
		return FieldErrorf(EINVALID, "country", "actor %s is a %s and needs the country it acts for", a.Code, a.Kind)
	}
	for _, t := range a.Theaters {
		if !ValidTheater(t) {
			return FieldErrorf(EINVALID, "theaters", "actor %s: unknown theater %q (valid: %v)", a.Code, t, Theaters)
		}
	}
	return nil
}

// CountryOn returns the state the actor acts for on date d: itself for a
// state, organization or armed group, its Country for a firm, and for a
// person the country of a term that covers d (or its Country).
func (a *Actor) CountryOn(d Date) string {
	switch a.Kind {
	case ActorPerson:
		for _, t := range a.Terms {
			if t.Covers(d) {
				return t.Country
			}
		}
		return a.Country
	case ActorFirm:
		return a.Country
	}
	return a.Code
}

// ActorFilter selects actors.
type ActorFilter struct {
	Search string      // case-insensitive substring of code, name or alias
	Kinds  []ActorKind // any of these kinds; empty means all
	Limit  int         // 0 means no limit
	Offset int
}
