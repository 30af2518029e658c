package facts

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"axis"
)

// CheckActors reports every actor code of the file (relation parties and
// conditions' adversaries) that is neither known nor declared in the file's
// actors, naming the closest codes of all (plus the file's own actors).
func (f *File) CheckActors(known func(code string) bool, all []string) error {
	errs := errorList{name: f.Name}
	declared := map[string]bool{}
	candidates := append([]string(nil), all...)
	for _, a := range f.Actors {
		declared[a.Code] = true
		candidates = append(candidates, a.Code)
		if (a.Kind == axis.ActorFirm || a.Kind == axis.ActorPerson) && a.Country != "" && !known(a.Country) && !declared[a.Country] {
			errs.add(a.Line, fmt.Sprintf("actors[%d].country", indexOfActor(f, a.Code)), "%s", unknownCode(a.Country, candidates))
		}
	}
	sort.Strings(candidates)
	ok := func(code string) bool { return declared[code] || known(code) }
	for i := range f.Relations {
		r := &f.Relations[i]
		// Normalize may have swapped the parties of a symmetric kind; the
		// line numbers follow the codes, not the field names.
		for _, code := range []string{r.Source, r.Target} {
			if ok(code) {
				continue
			}
			field := "source"
			if code != r.given[0] {
				field = "target"
			}
			errs.add(r.lineOf(field), r.path()+"."+field, "%s", unknownCode(code, candidates))
		}
		if r.Commitment != nil {
			for j, code := range r.Commitment.Conditions.Adversaries {
				if !ok(code) {
					errs.add(r.lineOf("adversaries"), fmt.Sprintf("%s.commitment.conditions.adversaries[%d]", r.path(), j), "%s", unknownCode(code, candidates))
				}
			}
		}
	}
	return errs.err()
}

func indexOfActor(f *File, code string) int {
	for i, a := range f.Actors {
		if a.Code == code {
			return i
		}
	}
	return 0
}

func unknownCode(code string, candidates []string) string {
	msg := fmt.Sprintf("unknown actor code %q", code)
	if len(candidates) > 0 {
		msg += "; closest known: " + strings.Join(axis.Closest(code, candidates, 5), ", ")
	}
	return msg
}

// Apply writes the file through w: its actors, the documents of the sources
// its relations cite, and its relations with one piece of evidence per
// citation. Errors name the file, line and relation.
func (f *File) Apply(w axis.Writer) error {
	for i := range f.Actors {
		a := f.Actors[i].Actor
		if err := w.PutActor(&a); err != nil {
			return wrap(err, "%s:%d: actors[%d]", f.Name, f.Actors[i].Line, i)
		}
	}
	for _, id := range f.citedSources() {
		s := f.Sources[id]
		d := s.Document(f.Name)
		if _, err := w.PutDocument(&d); err != nil {
			return wrap(err, "%s:%d: sources.%s", f.Name, s.Line, id)
		}
	}
	for i := range f.Relations {
		r := &f.Relations[i]
		rel := r.Relation
		if r.Quantity != nil {
			q := *r.Quantity
			rel.Quantity = &q
		}
		if r.Commitment != nil {
			c := *r.Commitment
			rel.Commitment = &c
		}
		rel.Evidence = r.Evidence(f)
		if _, err := w.PutRelation(&rel); err != nil {
			return wrap(err, "%s:%d: %s", f.Name, r.Line, r.path())
		}
		r.ID = rel.ID
	}
	return nil
}

// citedSources lists the ids of the sources some relation cites, sorted.
func (f *File) citedSources() []string {
	seen := map[string]bool{}
	for _, r := range f.Relations {
		for _, id := range r.Cite {
			seen[id] = true
		}
	}
	return sortedKeys(seen)
}

// Load parses a facts file, checks its actor codes against the store and
// writes it in one transaction: any error leaves the store as it was.
// Loading the same file twice changes nothing the second time.
func Load(ctx context.Context, s axis.Store, r io.Reader, name string) (axis.WriteResult, error) {
	f, err := Parse(r, name)
	if err != nil {
		return axis.WriteResult{}, err
	}
	actors, err := s.Actors(ctx, axis.ActorFilter{})
	if err != nil {
		return axis.WriteResult{}, err
	}
	codes := make([]string, len(actors))
	stored := make(map[string]*axis.Actor, len(actors))
	for i := range actors {
		codes[i] = actors[i].Code
		stored[actors[i].Code] = &actors[i]
	}
	if err := f.keepNewActors(stored); err != nil {
		return axis.WriteResult{}, err
	}
	if err := f.CheckActors(func(c string) bool { return stored[c] != nil }, codes); err != nil {
		return axis.WriteResult{}, err
	}
	return s.Write(ctx, f.Apply)
}

// keepNewActors drops from the file's actors those already stored with the
// same name, kind and country (a file loaded again), and refuses those that
// would overwrite a different stored actor: a facts file adds actors, it
// never redefines the gazetteer's.
func (f *File) keepNewActors(stored map[string]*axis.Actor) error {
	errs := errorList{name: f.Name}
	kept := f.Actors[:0:0]
	for i, a := range f.Actors {
		old := stored[a.Code]
		switch {
		case old == nil:
			kept = append(kept, a)
		case old.Name == a.Name && old.Kind == a.Kind && old.Country == a.Country:
			// already there: nothing to write
		default:
			errs.add(a.Line, fmt.Sprintf("actors[%d].code", i), "actor %s already exists as %q (%s); use another code for a new actor, or drop this entry to use the existing one", a.Code, old.Name, old.Kind)
		}
	}
	if err := errs.err(); err != nil {
		return err
	}
	f.Actors = kept
	return nil
}

// wrap prefixes a write error with where in the file it comes from, keeping
// its code; errors that are not domain errors stay wrapped as they are.
func wrap(err error, format string, args ...any) error {
	where := fmt.Sprintf(format, args...)
	code := axis.ErrorCode(err)
	if code == axis.EINTERNAL {
		return fmt.Errorf("%s: %w", where, err)
	}
	return axis.Errorf(code, "%s: %s", where, axis.ErrorMessage(err))
}
