package scenario

import (
	"math"
	"sort"

	"axis"
)

// Validation compares a run with a historical world's known outcome.
type Validation struct {
	Outcome axis.Date    `json:"outcome_date"`
	Note    string       `json:"note,omitempty"`
	States  []StateScore `json:"states"`
	// MeanBrier is the mean over the listed states (the trigger's two
	// parties excluded) of (P(join) - joined)^2: 0 is perfect.
	MeanBrier float64 `json:"mean_brier"`
	// BaseRateBrier is the score of a forecast that gives every state the
	// share of listed states that joined: a model must beat it to be worth
	// anything.
	BaseRateBrier float64 `json:"base_rate_brier"`
	// SideCorrect counts the joiners the run put on their actual side more
	// often than on the other.
	SideCorrect int `json:"side_correct"`
	Joiners     int `json:"joiners"`
}

// StateScore is one state's forecast against what it did.
type StateScore struct {
	Code   string  `json:"code"`
	Actual string  `json:"actual"` // attacker, target or none
	PJoin  float64 `json:"p_join"`
	PSide  float64 `json:"p_actual_side"` // P(joining the side it joined), or P(staying out)
	Brier  float64 `json:"brier"`
}

// Compare scores res against the outcome of w. It returns nil when the
// world records no outcome.
func Compare(w *World, res *EscalationResult) *Validation {
	if w.Outcome == nil {
		return nil
	}
	v := &Validation{Outcome: w.Outcome.Date, Note: w.Outcome.Note}
	byCode := map[string]StateResult{}
	for _, s := range res.States {
		byCode[s.Code] = s
	}
	codes := make([]string, 0, len(w.Outcome.Joined))
	for c := range w.Outcome.Joined {
		if c != res.Trigger.Attacker && c != res.Trigger.Target {
			codes = append(codes, c)
		}
	}
	sort.Strings(codes)
	joined := 0
	for _, c := range codes {
		if w.Outcome.Joined[c] != SideNone {
			joined++
		}
	}
	base := float64(joined) / math.Max(1, float64(len(codes)))
	var sum, sumBase float64
	for _, c := range codes {
		actual := w.Outcome.Joined[c]
		s := byCode[c]
		y := 0.0
		side := 1 - s.PJoin
		switch actual {
		case SideAttacker:
			y, side = 1, s.PAttackerSide
			v.Joiners++
			if s.PAttackerSide > s.PTargetSide {
				v.SideCorrect++
			}
		case SideTarget:
			y, side = 1, s.PTargetSide
			v.Joiners++
			if s.PTargetSide > s.PAttackerSide {
				v.SideCorrect++
			}
		}
		b := (s.PJoin - y) * (s.PJoin - y)
		sum += b
		sumBase += (base - y) * (base - y)
		v.States = append(v.States, StateScore{Code: c, Actual: actual, PJoin: s.PJoin, PSide: round4(side), Brier: round4(b)})
	}
	if len(codes) > 0 {
		v.MeanBrier = round4(sum / float64(len(codes)))
		v.BaseRateBrier = round4(sumBase / float64(len(codes)))
	}
	sort.SliceStable(v.States, func(i, j int) bool { return v.States[i].Brier > v.States[j].Brier })
	return v
}
