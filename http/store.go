package http

import (
	"net/http"
	"strconv"
	"strings"

	"axis"
)

// Paging limits for list endpoints.
const (
	defaultLimit = 100
	maxLimit     = 1000
)

// apiRoutes is the table of every API endpoint; openapi.json documents
// exactly these (a test checks it).
func (s *Server) apiRoutes() []Route {
	rs := []Route{
		{Method: "GET", Pattern: "/api/v1/openapi.json", handler: s.openapi},
		{Method: "GET", Pattern: "/api/v1/ontology", handler: s.ontology},
		{Method: "GET", Pattern: "/api/v1/stats", handler: s.stats},
		{Method: "GET", Pattern: "/api/v1/actors", handler: s.actors},
		{Method: "GET", Pattern: "/api/v1/actors/{code}", handler: s.actor},
		{Method: "GET", Pattern: "/api/v1/relations", handler: s.relations},
		{Method: "GET", Pattern: "/api/v1/relations/{id}", handler: s.relation},
		{Method: "GET", Pattern: "/api/v1/relations/{id}/evidence", handler: s.evidence},
		{Method: "GET", Pattern: "/api/v1/search", handler: s.search},
	}
	return append(rs, s.extraRoutes()...)
}

// Page is a slice of a list with what is needed to ask for the next one.
type Page[T any] struct {
	Items  []T `json:"items"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
	// NextOffset is the offset of the next page, or null on the last one.
	NextOffset *int `json:"next_offset"`
}

func newPage[T any](items []T, limit, offset int) Page[T] {
	p := Page[T]{Items: items, Limit: limit, Offset: offset}
	if len(items) > limit {
		p.Items = items[:limit]
		n := offset + limit
		p.NextOffset = &n
	}
	if p.Items == nil {
		p.Items = []T{}
	}
	return p
}

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, err := w.Write(openapiJSON)
	return err
}

// OntologyKind is one kind of relation as the API shows it.
type OntologyKind struct {
	Kind        axis.Kind   `json:"kind"`
	Family      axis.Family `json:"family"`
	Symmetric   bool        `json:"symmetric"`
	Items       []string    `json:"items"`
	Description string      `json:"description"`
}

// OntologyData is the body of GET /api/v1/ontology.
type OntologyData struct {
	Families   []axis.Family    `json:"families"`
	Kinds      []OntologyKind   `json:"kinds"`
	Statuses   []axis.Status    `json:"statuses"`
	ActorKinds []axis.ActorKind `json:"actor_kinds"`
	Theaters   []string         `json:"theaters"`
}

func (s *Server) ontology(w http.ResponseWriter, r *http.Request) error {
	d := OntologyData{Families: axis.Families, Statuses: axis.Statuses, ActorKinds: axis.ActorKinds, Theaters: axis.Theaters}
	for _, k := range axis.Ontology {
		items := k.Items
		if items == nil {
			items = []string{}
		}
		d.Kinds = append(d.Kinds, OntologyKind{k.Kind, k.Family, k.Symmetric, items, k.Description})
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) error {
	st, err := s.store.Stats(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, st)
	return nil
}

func (s *Server) actors(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := axis.ActorFilter{Search: q.str("search"), Limit: q.intv("limit", defaultLimit, 1, maxLimit), Offset: q.intv("offset", 0, 0, 1<<30)}
	for _, k := range q.list("kind") {
		ak := axis.ActorKind(strings.ToLower(k))
		valid := false
		for _, x := range axis.ActorKinds {
			valid = valid || x == ak
		}
		if !valid {
			q.fail("kind", "unknown actor kind %q; valid: state, organization, armed_group, firm, person", k)
		}
		f.Kinds = append(f.Kinds, ak)
	}
	if q.err != nil {
		return q.err
	}
	limit := f.Limit
	f.Limit++ // one more tells whether a next page exists
	as, err := s.store.Actors(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newPage(as, limit, f.Offset))
	return nil
}

func (s *Server) actor(w http.ResponseWriter, r *http.Request) error {
	code := strings.ToUpper(r.PathValue("code"))
	if !axis.ValidActorCode(code) {
		return axis.FieldErrorf(axis.EINVALID, "code", "%q is not an actor code (2-24 upper-case letters, digits or _, e.g. RUS)", r.PathValue("code"))
	}
	a, err := s.store.Actor(r.Context(), code)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, a)
	return nil
}

// relationFilter reads the relation filters shared by the list endpoints:
// between=A,B actor= actors= kind= family= item= status= since= until= at=.
func relationFilter(q *query) axis.RelationFilter {
	var f axis.RelationFilter
	if b := q.codes("between"); len(b) > 0 {
		if len(b) != 2 {
			q.fail("between", "between takes exactly two actor codes, e.g. between=RUS,PRK")
		} else {
			f.Between = [2]string{b[0], b[1]}
		}
	}
	f.Actor = q.actor("actor", false)
	f.Actors = q.codes("actors")
	f.Kinds = q.kinds("kind")
	f.Families = q.families("family")
	f.Items = q.list("item")
	f.Statuses = q.statuses("status")
	f.Since = q.date("since")
	f.Until = q.date("until")
	f.At = q.date("at")
	if !f.Since.IsZero() && !f.Until.IsZero() && f.Until.Before(f.Since) {
		q.fail("until", "until %s is before since %s", f.Until, f.Since)
	}
	return f
}

func (s *Server) relations(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := relationFilter(q)
	limit := q.intv("limit", defaultLimit, 1, maxLimit)
	f.Offset = q.intv("offset", 0, 0, 1<<30)
	f.WithEvidence = q.boolv("evidence")
	if q.err != nil {
		return q.err
	}
	f.Limit = limit + 1
	rs, err := s.store.Relations(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newPage(rs, limit, f.Offset))
	return nil
}

func relationID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, axis.FieldErrorf(axis.EINVALID, "id", "relation id %q must be a positive whole number", r.PathValue("id"))
	}
	return id, nil
}

func (s *Server) relation(w http.ResponseWriter, r *http.Request) error {
	id, err := relationID(r)
	if err != nil {
		return err
	}
	rel, err := s.store.Relation(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rel)
	return nil
}

func (s *Server) evidence(w http.ResponseWriter, r *http.Request) error {
	id, err := relationID(r)
	if err != nil {
		return err
	}
	// Relation first, so an unknown id is a 404 rather than an empty list.
	if _, err := s.store.Relation(r.Context(), id); err != nil {
		return err
	}
	ev, err := s.store.Evidence(r.Context(), id)
	if err != nil {
		return err
	}
	if ev == nil {
		ev = []axis.Evidence{}
	}
	writeJSON(w, http.StatusOK, ev)
	return nil
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	text := q.str("q")
	if text == "" {
		q.fail("q", "parameter q is required: the words to find in evidence sentences")
	}
	if len(text) > 500 {
		q.fail("q", "the query is longer than 500 characters")
	}
	limit := q.intv("limit", 20, 1, 200)
	if q.err != nil {
		return q.err
	}
	hits, err := s.store.Search(r.Context(), text, limit)
	if err != nil {
		return err
	}
	if hits == nil {
		hits = []axis.SearchHit{}
	}
	writeJSON(w, http.StatusOK, hits)
	return nil
}
