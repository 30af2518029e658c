package analysis

import (
	"context"
	"math"
	"sort"
	"strconv"
	"strings"

	"axis"
)

// LedgerResult is what flows between two actors: each direction grouped by
// kind and item, what they do together (symmetric kinds such as joint
// exercises), and the commitments between them.
type LedgerResult struct {
	A           string           `json:"a"`
	B           string           `json:"b"`
	Window      Window           `json:"window"`
	Weights     WeightsRef       `json:"weights"`
	AtoB        Flow             `json:"a_to_b"`
	BtoA        Flow             `json:"b_to_a"`
	Mutual      Flow             `json:"mutual"` // symmetric non-commitment kinds
	Commitments []CommitmentLine `json:"commitments"`
	// Balance is AtoB.Score − BtoA.Score: positive when A gives more than it
	// receives, by weight (hostile acts count negative).
	Balance float64 `json:"balance"`
}

// Flow is one direction of a ledger (or the mutual part).
type Flow struct {
	From  string       `json:"from"`
	To    string       `json:"to"`
	Lines []LedgerLine `json:"lines"`
	// Empty is true when nothing is recorded; Note then says so in words.
	Empty bool    `json:"empty"`
	Note  string  `json:"note,omitempty"`
	Score float64 `json:"score"` // sum of signed weights
}

// LedgerLine sums the relations of one kind and item in one direction.
type LedgerLine struct {
	Kind       axis.Kind           `json:"kind"`
	Family     axis.Family         `json:"family"`
	Item       string              `json:"item,omitempty"`
	Relations  int                 `json:"relations"`
	Events     int                 `json:"events"`
	Quantities []QuantitySum       `json:"quantities,omitempty"`
	First      axis.Date           `json:"first"`
	Last       axis.Date           `json:"last"`
	Statuses   map[axis.Status]int `json:"statuses"`
	Evidence   int                 `json:"evidence"`
	Score      float64             `json:"score"`
	IDs        []int64             `json:"relation_ids"`
}

// QuantitySum adds the stated quantities that share a unit. Bound is
// "over" when any summand was a lower bound ("over a million"), "about"
// when any was approximate, else "".
type QuantitySum struct {
	Unit  string  `json:"unit"`
	Value float64 `json:"value"`
	Bound string  `json:"bound,omitempty"`
	N     int     `json:"n"` // relations that stated one
	// Cumulative says the value rests on a running total, which is not
	// added to earlier totals (see axis.QuantityTally).
	Cumulative bool `json:"cumulative,omitempty"`

	tally *axis.QuantityTally // nil once the sum is final
}

// add counts one relation's quantity.
func (q *QuantitySum) add(r *axis.Relation) {
	if q.tally == nil {
		q.tally = &axis.QuantityTally{}
	}
	q.tally.Add(*r.Quantity, r.AsOf())
	q.settle()
}

// merge adds o's quantities.
func (q *QuantitySum) merge(o *QuantitySum) {
	if q.tally == nil {
		q.tally = &axis.QuantityTally{}
	}
	q.tally.Merge(o.tally)
	q.settle()
}

// final returns the sum as a plain, comparable value.
func (q *QuantitySum) final() QuantitySum {
	out := *q
	out.tally = nil
	return out
}

func (q *QuantitySum) settle() {
	t := q.tally.Total()
	q.Value, q.Bound, q.Cumulative, q.N = t.Value, t.Bound, t.Cumulative, q.tally.N()
}

// CommitmentLine is one formal commitment between the two actors.
type CommitmentLine struct {
	ID         int64            `json:"id"`
	Kind       axis.Kind        `json:"kind"`
	Source     string           `json:"source"`
	Target     string           `json:"target"`
	Status     axis.Status      `json:"status"`
	Title      string           `json:"title,omitempty"`
	Article    string           `json:"article,omitempty"`
	Signed     axis.Date        `json:"signed"`
	InForce    axis.Date        `json:"in_force"`
	Ended      axis.Date        `json:"ended"`
	Conditions *axis.Conditions `json:"conditions,omitempty"`
	Evidence   int              `json:"evidence"`
	Score      float64          `json:"score"`
}

// NothingRecorded is the Note of an empty flow.
const NothingRecorded = "nothing recorded"

// Ledger answers "what flows between a and b, each way?".
func Ledger(ctx context.Context, r axis.Reader, w *Weights, a, b string, win Window) (*LedgerResult, error) {
	w = orDefault(w)
	if err := win.Validate(); err != nil {
		return nil, err
	}
	codes, err := actorCodes(ctx, r, a, b)
	if err != nil {
		return nil, err
	}
	a, b = codes[0], codes[1]
	ref := win.Ref()
	res := &LedgerResult{A: a, B: b, Window: win, Weights: w.Ref(), Commitments: []CommitmentLine{}}
	ab, ba, mu := newFlowAcc(a, b), newFlowAcc(b, a), newFlowAcc(a, b)
	err = each(ctx, r, axis.RelationFilter{Between: [2]string{a, b}, WithEvidence: true}, win, func(rel *axis.Relation) error {
		s := w.Signed(rel, ref)
		switch {
		case rel.Kind.Family() == axis.FamilyCommitment:
			cl := CommitmentLine{ID: rel.ID, Kind: rel.Kind, Source: rel.Source, Target: rel.Target, Status: rel.Status,
				Evidence: len(rel.Evidence), Score: s, Signed: rel.Date}
			if c := rel.Commitment; c != nil {
				cl.Title, cl.Article, cl.Signed, cl.InForce, cl.Ended = c.Title, c.Article, c.Signed, c.InForce, c.Ended
				if !c.Conditions.Unconditional() || c.Conditions.Note != "" {
					cond := c.Conditions
					cl.Conditions = &cond
				}
			}
			res.Commitments = append(res.Commitments, cl)
		case rel.Kind.Symmetric():
			mu.add(rel, s)
		case rel.Source == a:
			ab.add(rel, s)
		default:
			ba.add(rel, s)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(res.Commitments, func(i, j int) bool {
		if res.Commitments[i].Score != res.Commitments[j].Score {
			return res.Commitments[i].Score > res.Commitments[j].Score
		}
		return res.Commitments[i].ID < res.Commitments[j].ID
	})
	res.AtoB, res.BtoA, res.Mutual = ab.flow(), ba.flow(), mu.flow()
	res.Balance = res.AtoB.Score - res.BtoA.Score
	return res, nil
}

type flowAcc struct {
	from, to string
	lines    map[string]*LedgerLine
	qty      map[string]map[string]*QuantitySum
}

func newFlowAcc(from, to string) *flowAcc {
	return &flowAcc{from: from, to: to, lines: map[string]*LedgerLine{}, qty: map[string]map[string]*QuantitySum{}}
}

func (f *flowAcc) add(r *axis.Relation, score float64) {
	key := string(r.Kind) + "|" + r.Item
	l := f.lines[key]
	if l == nil {
		l = &LedgerLine{Kind: r.Kind, Family: r.Kind.Family(), Item: r.Item, Statuses: map[axis.Status]int{}}
		f.lines[key] = l
		f.qty[key] = map[string]*QuantitySum{}
	}
	l.Relations++
	l.Events += max(r.Events, 1)
	l.Statuses[r.Status]++
	l.Evidence += len(r.Evidence)
	l.Score += score
	l.IDs = append(l.IDs, r.ID)
	if !r.Date.IsZero() {
		if l.First.IsZero() || r.Date.Before(l.First) {
			l.First = r.Date
		}
		last := r.Date
		if !r.Until.IsZero() {
			last = r.Until
		}
		if l.Last.IsZero() || l.Last.Before(last) {
			l.Last = last
		}
	}
	if q := r.Quantity; q != nil {
		qs := f.qty[key][q.Unit]
		if qs == nil {
			qs = &QuantitySum{Unit: q.Unit}
			f.qty[key][q.Unit] = qs
		}
		qs.add(r)
	}
}

func (f *flowAcc) flow() Flow {
	fl := Flow{From: f.from, To: f.to, Lines: []LedgerLine{}}
	for key, l := range f.lines {
		for _, q := range f.qty[key] {
			l.Quantities = append(l.Quantities, q.final())
		}
		sort.Slice(l.Quantities, func(i, j int) bool { return l.Quantities[i].Unit < l.Quantities[j].Unit })
		sort.Slice(l.IDs, func(i, j int) bool { return l.IDs[i] < l.IDs[j] })
		fl.Lines = append(fl.Lines, *l)
		fl.Score += l.Score
	}
	sort.Slice(fl.Lines, func(i, j int) bool {
		x, y := fl.Lines[i], fl.Lines[j]
		if math.Abs(x.Score) != math.Abs(y.Score) {
			return math.Abs(x.Score) > math.Abs(y.Score)
		}
		if x.Kind != y.Kind {
			return x.Kind < y.Kind
		}
		return x.Item < y.Item
	})
	if len(fl.Lines) == 0 {
		fl.Empty, fl.Note = true, NothingRecorded
	}
	return fl
}

// String formats the sum for people: "over 1,000,000 shells".
func (q QuantitySum) String() string {
	s := HumanNumber(q.Value)
	if q.Unit != "" {
		s += " " + q.Unit
	}
	if q.Bound != "" {
		s = q.Bound + " " + s
	}
	return s
}

// HumanNumber writes whole numbers with thousands separators
// (21,000,000) and others with two decimals.
func HumanNumber(v float64) string {
	if v != math.Trunc(v) || math.Abs(v) >= 1e15 {
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	s := strconv.FormatInt(int64(math.Abs(v)), 10)
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
