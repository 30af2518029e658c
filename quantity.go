package axis

// QuantityTally totals the quantities several relations state in one unit.
//
// Separate deliveries add up. A cumulative figure is different: reporting
// often restates a running total ("over six million shells since 2023",
// later "more than twelve million"), and each such figure already contains
// every delivery up to its date. Adding two of them counts the same shells
// twice. So the tally keeps the latest cumulative figure and adds only the
// separate deliveries dated after it; with no cumulative figure it is the
// plain sum.
type QuantityTally struct {
	parts []tallyPart
}

type tallyPart struct {
	q    Quantity
	asOf Date
}

// Add counts q, stated as of asOf (the relation's end date, else its date).
func (t *QuantityTally) Add(q Quantity, asOf Date) {
	t.parts = append(t.parts, tallyPart{q, asOf})
}

// Merge adds everything o counted.
func (t *QuantityTally) Merge(o *QuantityTally) {
	if o == nil {
		return
	}
	t.parts = append(t.parts, o.parts...)
}

// N is the number of quantities counted.
func (t *QuantityTally) N() int { return len(t.parts) }

// Total is the tally's value. Its Bound is "over" when any counted figure
// was a lower bound, else the bound of the last qualified figure; it is
// Cumulative when a cumulative figure underlies it.
func (t *QuantityTally) Total() Quantity {
	var total Quantity
	latest := -1
	for i, p := range t.parts {
		if !p.q.Cumulative {
			continue
		}
		if latest < 0 || t.parts[latest].asOf.Before(p.asOf) ||
			(t.parts[latest].asOf.Compare(p.asOf) == 0 && p.q.Value > t.parts[latest].q.Value) {
			latest = i
		}
	}
	for i, p := range t.parts {
		if total.Unit == "" {
			total.Unit = p.q.Unit
		}
		if latest >= 0 && i != latest {
			after := !p.q.Cumulative && !p.asOf.IsZero() && !p.asOf.Start().Before(t.parts[latest].asOf.End())
			if !after {
				continue
			}
		}
		total.Value += p.q.Value
		switch {
		case p.q.Bound == "over" || total.Bound == "over":
			total.Bound = "over"
		case p.q.Bound != "":
			total.Bound = p.q.Bound
		}
	}
	total.Cumulative = latest >= 0
	return total
}

// AsOf is the date a relation's quantity is stated for: the end of its
// interval when it has one, else its date.
func (r *Relation) AsOf() Date {
	if !r.Until.IsZero() {
		return r.Until
	}
	return r.Date
}
