package importers

import (
	"context"
	"sort"
	"strings"

	"axis"
)

// Resolver turns dataset codes and names into axis actor codes. It knows the
// actors already in the store (with their names and aliases) and the
// Countries tables; a state the store lacks but the tables know is added as
// an actor in the import's Write (historical states with Historical set).
type Resolver struct {
	known map[string]bool
	names map[string]string
	added []*axis.Actor
	seen  map[string]bool
}

// NewResolver reads the store's actors.
func NewResolver(ctx context.Context, st axis.Reader) (*Resolver, error) {
	actors, err := st.Actors(ctx, axis.ActorFilter{})
	if err != nil {
		return nil, err
	}
	r := &Resolver{known: map[string]bool{}, names: map[string]string{}, seen: map[string]bool{}}
	for _, a := range actors {
		r.known[a.Code] = true
		if a.Kind == axis.ActorPerson || a.Kind == axis.ActorFirm {
			continue
		}
		r.names[NormName(a.Name)] = a.Code
		for _, al := range a.Aliases {
			if _, dup := r.names[NormName(al)]; !dup {
				r.names[NormName(al)] = a.Code
			}
		}
	}
	return r, nil
}

// Known reports whether code is in the store already.
func (r *Resolver) Known(code string) bool { return r.known[code] }

// Use reports whether code can be a relation party: it is in the store, or
// the country tables know it (then it is queued for adding).
func (r *Resolver) Use(code string) bool {
	if r.known[code] || r.seen[code] {
		return true
	}
	c := CountryByCode(code)
	if c == nil {
		return false
	}
	r.seen[code] = true
	r.added = append(r.added, c.Actor())
	return true
}

// ByName resolves a name or alias: the store's actors first, then the
// country tables. It returns "" when nothing matches.
func (r *Resolver) ByName(name string) string {
	n := NormName(name)
	if code, ok := r.names[n]; ok {
		return code
	}
	if c := byName[n]; c != nil {
		return c.Code
	}
	return ""
}

// Added lists the actors the import must create, in the order first used.
func (r *Resolver) Added() []*axis.Actor { return r.added }

// Actor returns the axis actor for a table entry.
func (c *Country) Actor() *axis.Actor {
	return &axis.Actor{Code: c.Code, Name: c.Name, Kind: axis.ActorState, Aliases: append([]string(nil), c.Aliases...), Historical: c.Historical}
}

// CheckFilter fails when a code of --actors is neither in the store nor in
// the country tables, naming the closest known codes: a typo would
// otherwise silently filter everything out.
func (r *Resolver) CheckFilter(codes []string) error {
	for _, c := range codes {
		if r.known[c] || CountryByCode(c) != nil {
			continue
		}
		all := make([]string, 0, len(r.known)+len(byCode))
		for k := range r.known {
			all = append(all, k)
		}
		for k := range byCode {
			if !r.known[k] {
				all = append(all, k)
			}
		}
		sort.Strings(all)
		return axis.FieldErrorf(axis.EINVALID, "--actors", "unknown actor code %q; closest known: %s", c, strings.Join(axis.Closest(c, all, 3), ", "))
	}
	return nil
}
