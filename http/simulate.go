package http

import (
	"net/http"
	"time"

	"axis"
	"axis/scenario"
)

// EscalationRequest is the body of POST /api/v1/simulate/escalation.
type EscalationRequest struct {
	// Trigger is "ATTACKER attacks TARGET [in THEATER] [on DATE]".
	Trigger string `json:"trigger"`
	// At is the date whose commitments are in force (default: the
	// trigger's date, else today).
	At axis.Date `json:"at"`
	// Trials (default 10,000, at most MaxTrials) and Seed (default 1).
	Trials int     `json:"trials"`
	Seed   *uint64 `json:"seed"`
	// Chains is how many activation chains to report (default 10).
	Chains int `json:"chains"`
}

// MaxTrials bounds one escalation run over the API.
const MaxTrials = 200000

func (s *Server) simulateEscalation(w http.ResponseWriter, r *http.Request) error {
	var req EscalationRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	if req.Trigger == "" {
		return axis.FieldErrorf(axis.EINVALID, "trigger", "trigger is required, e.g. %s", scenario.TriggerForm)
	}
	tr, err := scenario.ParseTrigger(req.Trigger)
	if err != nil {
		return err
	}
	if req.Trials < 0 || req.Trials > MaxTrials {
		return axis.FieldErrorf(axis.EINVALID, "trials", "trials must be from 1 to %d (0 takes the default 10,000)", MaxTrials)
	}
	if req.Chains < 0 || req.Chains > 100 {
		return axis.FieldErrorf(axis.EINVALID, "chains", "chains must be from 0 to 100")
	}
	seed := uint64(1)
	if req.Seed != nil {
		seed = *req.Seed
	}
	at := req.At
	if at.IsZero() {
		at = tr.Date
	}
	if at.IsZero() {
		// As the CLI does: the world of today, so that only wars still
		// under way link theaters (an undated world counts every attack
		// ever recorded as a war in progress).
		at = axis.DateOf(time.Now())
	}
	for _, code := range []string{tr.Attacker, tr.Target} {
		if _, err := s.store.Actor(r.Context(), code); err != nil {
			return err
		}
	}
	params := scenario.DefaultParams()
	world, err := scenario.WorldFromStoreWith(r.Context(), s.store, at, params)
	if err != nil {
		return err
	}
	res, err := scenario.Escalate(r.Context(), world, tr, params, scenario.RunOptions{Trials: req.Trials, Seed: seed, Chains: req.Chains})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

// SanctionsRequest is the body of POST /api/v1/simulate/sanctions.
type SanctionsRequest struct {
	Target string    `json:"target"` // the receiving actor, e.g. RUS
	Kind   axis.Kind `json:"kind"`   // a transfer kind (default arms)
	Item   string    `json:"item"`   // optional item of the kind
	Budget int       `json:"budget"` // largest sanction set (default 3, at most MaxBudget)
	At     axis.Date `json:"at"`     // transfers dated up to this date
	Top    int       `json:"top"`    // sets reported per mode (default 5, at most 50)
}

// MaxBudget bounds the size of the sanction sets searched over the API.
const MaxBudget = 5

func (s *Server) simulateSanctions(w http.ResponseWriter, r *http.Request) error {
	var req SanctionsRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	if req.Kind == "" {
		req.Kind = axis.Arms
	}
	if req.Budget < 0 || req.Budget > MaxBudget {
		return axis.FieldErrorf(axis.EINVALID, "budget", "budget must be from 1 to %d (0 takes the default 3)", MaxBudget)
	}
	if req.Top < 0 || req.Top > 50 {
		return axis.FieldErrorf(axis.EINVALID, "top", "top must be from 1 to 50 (0 takes the default 5)")
	}
	res, err := scenario.Sanctions(r.Context(), s.store, scenario.SanctionOptions{
		Target: req.Target, Kind: req.Kind, Item: req.Item, Budget: req.Budget, At: req.At, Top: req.Top,
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}
