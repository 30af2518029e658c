package http

import (
	"net/http"
	"strings"

	"axis"

	"axis/analysis"
)

// extraRoutes are the endpoints built on the analysis, scenario and
// ingest packages.
func (s *Server) extraRoutes() []Route {
	return []Route{
		{Method: "GET", Pattern: "/api/v1/ledger", Cache: true, handler: s.ledger},
		{Method: "GET", Pattern: "/api/v1/cohesion", Cache: true, handler: s.cohesion},
		{Method: "GET", Pattern: "/api/v1/dependency", Cache: true, handler: s.dependency},
		{Method: "GET", Pattern: "/api/v1/centrality", Cache: true, handler: s.centrality},
		{Method: "GET", Pattern: "/api/v1/blocs", Cache: true, handler: s.blocs},
		{Method: "GET", Pattern: "/api/v1/trend", Cache: true, handler: s.trend},
		{Method: "POST", Pattern: "/api/v1/simulate/escalation", handler: s.simulateEscalation},
		{Method: "POST", Pattern: "/api/v1/simulate/sanctions", handler: s.simulateSanctions},
		{Method: "POST", Pattern: "/api/v1/ingest", Upload: true, handler: s.ingest},
	}
}

// window reads since=, until= and at=.
func window(q *query) analysis.Window {
	w := analysis.Window{Since: q.date("since"), Until: q.date("until"), At: q.date("at")}
	if q.err == nil {
		if err := w.Validate(); err != nil {
			q.err = err
		}
	}
	return w
}

func (s *Server) ledger(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	a, b := q.actor("a", true), q.actor("b", true)
	win := window(q)
	if q.err != nil {
		return q.err
	}
	res, err := analysis.Ledger(r.Context(), s.store, s.opts.Weights, a, b, win)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

func (s *Server) cohesion(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	codes := q.codes("actors")
	if len(codes) < 2 {
		q.fail("actors", "cohesion needs at least two actor codes, e.g. actors=RUS,CHN,PRK,IRN")
	}
	if len(codes) > 50 {
		q.fail("actors", "cohesion takes at most 50 actors")
	}
	win := window(q)
	if q.err != nil {
		return q.err
	}
	res, err := analysis.Cohesion(r.Context(), s.store, s.opts.Weights, codes, win)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

func (s *Server) dependency(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	actor := q.actor("actor", true)
	var kind axis.Kind
	if ks := q.kinds("kind"); len(ks) > 1 {
		q.fail("kind", "dependency takes one kind")
	} else if len(ks) == 1 {
		kind = ks[0]
	}
	win := window(q)
	if q.err != nil {
		return q.err
	}
	res, err := analysis.Dependency(r.Context(), s.store, s.opts.Weights, actor, kind, win)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

func (s *Server) centrality(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	var fam axis.Family
	if fs := q.families("family"); len(fs) > 1 {
		q.fail("family", "centrality takes one family")
	} else if len(fs) == 1 {
		fam = fs[0]
	}
	win := window(q)
	if q.err != nil {
		return q.err
	}
	res, err := analysis.Centrality(r.Context(), s.store, s.opts.Weights, fam, win)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

func (s *Server) blocs(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	win := window(q)
	if q.err != nil {
		return q.err
	}
	res, err := analysis.Blocs(r.Context(), s.store, s.opts.Weights, win)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

func (s *Server) trend(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	a, b := q.actor("a", true), q.actor("b", true)
	by := strings.ToLower(q.str("by"))
	switch by {
	case "", analysis.ByMonth, analysis.ByQuarter, analysis.ByYear:
	default:
		q.fail("by", "unknown period %q; valid: month, quarter, year", by)
	}
	win := window(q)
	if q.err != nil {
		return q.err
	}
	res, err := analysis.Trend(r.Context(), s.store, s.opts.Weights, a, b, by, win)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}
