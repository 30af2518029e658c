package analysis

import (
	"context"
	"fmt"
	"math"

	"axis"
)

// Periods a trend can be grouped by.
const (
	ByMonth   = "month"
	ByQuarter = "quarter"
	ByYear    = "year"
)

// TrendResult is the history of a dyad, one point per period from the first
// dated relation to the last, empty periods included.
type TrendResult struct {
	A       string       `json:"a"`
	B       string       `json:"b"`
	By      string       `json:"by"`
	Window  Window       `json:"window"`
	Weights WeightsRef   `json:"weights"`
	Points  []TrendPoint `json:"points"`
	// Undated counts relations left out because their date is unknown, or
	// less precise than the period (a year-only date in a monthly trend).
	Undated int `json:"undated"`
}

// TrendPoint is one period. Scores use the weights without recency (a
// trend is a history); Hostility is a magnitude (positive).
type TrendPoint struct {
	Period            string    `json:"period"` // 2024-06, 2024-Q2, 2024
	Start             axis.Date `json:"start"`
	Cooperation       float64   `json:"cooperation"`
	Hostility         float64   `json:"hostility"`
	Net               float64   `json:"net"`
	Events            int       `json:"events"`
	CooperationEvents int       `json:"cooperation_events"`
	HostilityEvents   int       `json:"hostility_events"`
}

// Trend answers "how is the relation between a and b changing?".
func Trend(ctx context.Context, r axis.Reader, w *Weights, a, b string, by string, win Window) (*TrendResult, error) {
	w = orDefault(w)
	if err := win.Validate(); err != nil {
		return nil, err
	}
	if by == "" {
		by = ByYear
	}
	if by != ByMonth && by != ByQuarter && by != ByYear {
		return nil, axis.FieldErrorf(axis.EINVALID, "by", "unknown period %q; valid: month, quarter, year", by)
	}
	codes, err := actorCodes(ctx, r, a, b)
	if err != nil {
		return nil, err
	}
	a, b = codes[0], codes[1]
	res := &TrendResult{A: a, B: b, By: by, Window: win, Weights: w.Ref(), Points: []TrendPoint{}}
	pts := map[int]*TrendPoint{}
	lo, hi := 0, 0
	err = each(ctx, r, axis.RelationFilter{Between: [2]string{a, b}}, win, func(rel *axis.Relation) error {
		d := rel.Date
		if rel.Commitment != nil && !rel.Commitment.Signed.IsZero() {
			d = rel.Commitment.Signed
		}
		k, ok := periodIndex(d, by)
		if !ok {
			res.Undated++
			return nil
		}
		p := pts[k]
		if p == nil {
			p = &TrendPoint{}
			pts[k] = p
			if len(pts) == 1 || k < lo {
				lo = k
			}
			if len(pts) == 1 || k > hi {
				hi = k
			}
		}
		s := w.Base(rel) * w.Sign(rel)
		ev := max(rel.Events, 1)
		p.Events += ev
		if s < 0 {
			p.Hostility -= s
			p.HostilityEvents += ev
		} else {
			p.Cooperation += s
			p.CooperationEvents += ev
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(pts) == 0 {
		return res, nil
	}
	for k := lo; k <= hi; k++ {
		p := TrendPoint{}
		if q := pts[k]; q != nil {
			p = *q
		}
		p.Period, p.Start = periodName(k, by)
		// Sums of weights carry float noise (40.00000000000001): a score
		// has no meaning past a millionth.
		p.Cooperation, p.Hostility = round6(p.Cooperation), round6(p.Hostility)
		p.Net = round6(p.Cooperation - p.Hostility)
		res.Points = append(res.Points, p)
	}
	return res, nil
}

// periodIndex numbers periods consecutively: months since year 0, quarters,
// or years.
func periodIndex(d axis.Date, by string) (int, bool) {
	switch {
	case d.IsZero():
		return 0, false
	case by == ByYear:
		return d.Year, true
	case d.Precision() < axis.PrecisionMonth:
		return 0, false
	case by == ByQuarter:
		return d.Year*4 + (d.Month-1)/3, true
	}
	return d.Year*12 + d.Month - 1, true
}

func periodName(k int, by string) (string, axis.Date) {
	switch by {
	case ByYear:
		return fmt.Sprintf("%04d", k), axis.Date{Year: k}
	case ByQuarter:
		y, q := k/4, k%4
		return fmt.Sprintf("%04d-Q%d", y, q+1), axis.Date{Year: y, Month: q*3 + 1}
	}
	y, m := k/12, k%12+1
	d := axis.Date{Year: y, Month: m}
	return d.String(), d
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }
