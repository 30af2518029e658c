package http

import (
	"net/http"

	"axis/analysis"
)

// extraRoutes are the endpoints built on the analysis, scenario and
// ingest packages.
func (s *Server) extraRoutes() []Route {
	return []Route{
		{Method: "GET", Pattern: "/api/v1/ledger", handler: s.ledger},
		{Method: "GET", Pattern: "/api/v1/cohesion", handler: s.cohesion},
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
