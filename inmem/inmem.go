// Package inmem is an in-memory axis.Store. It is the reference for the
// semantics every backend must share (merging by key, idempotent evidence,
// all-or-nothing writes), and a fast store for tests of the packages that
// only read. It keeps everything in memory: not for large data.
package inmem

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"axis"
)

// Store is an in-memory axis.Store. The zero value is not ready; use New.
type Store struct {
	mu        sync.RWMutex
	actors    map[string]axis.Actor
	documents map[string]axis.Document
	relations []*axis.Relation // index = ID-1
	byKey     map[string]int64
	evidence  map[string]bool // dedup key of each evidence piece
	nextEvID  int64
}

// New returns an empty store.
func New() *Store {
	return &Store{actors: map[string]axis.Actor{}, documents: map[string]axis.Document{}, byKey: map[string]int64{}, evidence: map[string]bool{}}
}

var _ axis.Store = (*Store)(nil)

// Close does nothing.
func (s *Store) Close() error { return nil }

// Write runs fn on a copy of the store and swaps it in only if fn succeeds.
func (s *Store) Write(ctx context.Context, fn func(axis.Writer) error) (axis.WriteResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx := &writer{s: s.clone()}
	if err := fn(tx); err != nil {
		return axis.WriteResult{}, err
	}
	s.actors, s.documents, s.relations = tx.s.actors, tx.s.documents, tx.s.relations
	s.byKey, s.evidence, s.nextEvID = tx.s.byKey, tx.s.evidence, tx.s.nextEvID
	return tx.res, nil
}

func (s *Store) clone() *Store {
	c := New()
	for k, v := range s.actors {
		c.actors[k] = v
	}
	for k, v := range s.documents {
		c.documents[k] = v
	}
	for _, r := range s.relations {
		cp := *r
		cp.Evidence = append([]axis.Evidence(nil), r.Evidence...)
		c.relations = append(c.relations, &cp)
	}
	for k, v := range s.byKey {
		c.byKey[k] = v
	}
	for k, v := range s.evidence {
		c.evidence[k] = v
	}
	c.nextEvID = s.nextEvID
	return c
}

type writer struct {
	s   *Store
	res axis.WriteResult
}

func (w *writer) PutActor(a *axis.Actor) error {
	if err := a.Validate(); err != nil {
		return err
	}
	w.s.actors[a.Code] = *a
	w.res.ActorsPut++
	return nil
}

func (w *writer) PutDocument(d *axis.Document) (bool, error) {
	if err := d.Validate(); err != nil {
		return false, err
	}
	if _, ok := w.s.documents[d.ID]; ok {
		w.res.DocumentsKnown++
		return false, nil
	}
	if d.Ingested.IsZero() {
		d.Ingested = time.Now().UTC()
	}
	w.s.documents[d.ID] = *d
	w.res.DocumentsNew++
	return true, nil
}

func (w *writer) PutRelation(r *axis.Relation) (axis.PutResult, error) {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return axis.PutResult{}, err
	}
	for _, code := range []string{r.Source, r.Target} {
		if _, ok := w.s.actors[code]; !ok {
			return axis.PutResult{}, axis.FieldErrorf(axis.EINVALID, "actor", "unknown actor code %q; closest known: %s", code, strings.Join(axis.Closest(code, w.s.codes(), 3), ", "))
		}
	}
	var res axis.PutResult
	id, ok := w.s.byKey[r.Key()]
	var stored *axis.Relation
	if ok {
		stored = w.s.relations[id-1]
	} else {
		cp := *r
		cp.Evidence = nil
		cp.Events = 0
		cp.ID = int64(len(w.s.relations) + 1)
		w.s.relations = append(w.s.relations, &cp)
		w.s.byKey[r.Key()] = cp.ID
		stored = &cp
		res.New = true
		w.res.RelationsNew++
	}
	r.ID = stored.ID
	for _, e := range r.Evidence {
		k := evidenceKey(stored.ID, &e)
		if w.s.evidence[k] {
			continue
		}
		w.s.evidence[k] = true
		w.s.nextEvID++
		e.ID, e.RelationID = w.s.nextEvID, stored.ID
		if e.Status == "" {
			e.Status = r.Status
		}
		stored.Evidence = append(stored.Evidence, e)
		stored.Status = stored.Status.Stronger(e.Status)
		res.NewEvidence++
	}
	if res.NewEvidence > 0 || len(r.Evidence) == 0 && res.New {
		stored.Events += r.Events
		if stored.Quantity == nil {
			stored.Quantity = r.Quantity
		}
	}
	w.res.EvidenceNew += res.NewEvidence
	switch {
	case res.New:
	case res.NewEvidence > 0:
		w.res.RelationsMerged++
	default:
		w.res.RelationsUnchanged++
	}
	return res, nil
}

func evidenceKey(relID int64, e *axis.Evidence) string {
	return strings.Join([]string{itoa(relID), e.DocumentID, e.Method, itoa(int64(e.Start)), itoa(int64(e.End)), e.Sentence}, "\x00")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func (s *Store) codes() []string {
	out := make([]string, 0, len(s.actors))
	for c := range s.actors {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// Actor returns one actor.
func (s *Store) Actor(ctx context.Context, code string) (*axis.Actor, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	a, ok := s.actors[strings.ToUpper(code)]
	if !ok {
		return nil, axis.Errorf(axis.ENOTFOUND, "no actor %q; closest known: %s", code, strings.Join(axis.Closest(strings.ToUpper(code), s.codes(), 3), ", "))
	}
	return &a, nil
}

// Actors lists actors by code.
func (s *Store) Actors(ctx context.Context, f axis.ActorFilter) ([]axis.Actor, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []axis.Actor
	q := strings.ToLower(f.Search)
	for _, code := range s.codes() {
		a := s.actors[code]
		if len(f.Kinds) > 0 && !hasKind(f.Kinds, a.Kind) {
			continue
		}
		if q != "" && !actorMatches(&a, q) {
			continue
		}
		out = append(out, a)
	}
	return page(out, f.Offset, f.Limit), nil
}

func hasKind(ks []axis.ActorKind, k axis.ActorKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func actorMatches(a *axis.Actor, q string) bool {
	if strings.Contains(strings.ToLower(a.Code), q) || strings.Contains(strings.ToLower(a.Name), q) {
		return true
	}
	for _, al := range a.Aliases {
		if strings.Contains(strings.ToLower(al), q) {
			return true
		}
	}
	return false
}

func page[T any](xs []T, offset, limit int) []T {
	offset = max(offset, 0)
	if offset > len(xs) {
		return nil
	}
	xs = xs[offset:]
	if limit > 0 && limit < len(xs) {
		xs = xs[:limit]
	}
	return xs
}

// Document returns one document.
func (s *Store) Document(ctx context.Context, id string) (*axis.Document, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	d, ok := s.documents[id]
	if !ok {
		return nil, axis.Errorf(axis.ENOTFOUND, "no document %q", id)
	}
	return &d, nil
}

// Relation returns one relation with its evidence.
func (s *Store) Relation(ctx context.Context, id int64) (*axis.Relation, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if id < 1 || int(id) > len(s.relations) {
		return nil, axis.Errorf(axis.ENOTFOUND, "no relation %d", id)
	}
	r := copyRel(s.relations[id-1], true)
	return &r, nil
}

func copyRel(r *axis.Relation, withEvidence bool) axis.Relation {
	cp := *r
	cp.Evidence = nil
	if withEvidence {
		cp.Evidence = append([]axis.Evidence(nil), r.Evidence...)
	}
	return cp
}

// Relations returns the matching relations ordered by date then id.
func (s *Store) Relations(ctx context.Context, f axis.RelationFilter) ([]axis.Relation, error) {
	var out []axis.Relation
	err := s.EachRelation(ctx, f, func(r *axis.Relation) error {
		out = append(out, *r)
		return nil
	})
	return out, err
}

// EachRelation calls fn for each matching relation, ordered by date then id.
func (s *Store) EachRelation(ctx context.Context, f axis.RelationFilter, fn func(*axis.Relation) error) error {
	s.mu.RLock()
	var matched []axis.Relation
	for _, r := range s.relations {
		if f.Match(r) {
			matched = append(matched, copyRel(r, f.WithEvidence))
		}
	}
	s.mu.RUnlock()
	sort.SliceStable(matched, func(i, j int) bool {
		if c := matched[i].Date.Compare(matched[j].Date); c != 0 {
			return c < 0
		}
		return matched[i].ID < matched[j].ID
	})
	for _, r := range page(matched, f.Offset, f.Limit) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	return nil
}

// Evidence returns a relation's evidence.
func (s *Store) Evidence(ctx context.Context, relationID int64) ([]axis.Evidence, error) {
	r, err := s.Relation(ctx, relationID)
	if err != nil {
		return nil, err
	}
	return r.Evidence, nil
}

// Search matches every query word as a case-insensitive substring; the
// sqlite store uses FTS5 ranking instead.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]axis.SearchHit, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	words := strings.Fields(strings.ToLower(query))
	if len(words) == 0 {
		return nil, axis.Errorf(axis.EINVALID, "empty search")
	}
	var hits []axis.SearchHit
	for _, r := range s.relations {
		for _, e := range r.Evidence {
			low := strings.ToLower(e.Sentence)
			all := true
			for _, w := range words {
				all = all && strings.Contains(low, w)
			}
			if all {
				hits = append(hits, axis.SearchHit{Evidence: e, Relation: copyRel(r, false), Snippet: e.Sentence})
			}
		}
	}
	return page(hits, 0, limit), nil
}

// Stats counts the contents.
func (s *Store) Stats(ctx context.Context) (axis.Stats, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := axis.Stats{Actors: len(s.actors), Documents: len(s.documents), Relations: len(s.relations),
		ByFamily: map[string]int{}, ByKind: map[string]int{}, ByStatus: map[string]int{}}
	for _, r := range s.relations {
		st.Evidence += len(r.Evidence)
		st.ByFamily[string(r.Kind.Family())]++
		st.ByKind[string(r.Kind)]++
		st.ByStatus[string(r.Status)]++
	}
	return st, nil
}
