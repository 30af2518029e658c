package analysis

import "axis"

// Whole-store scans test every relation's date against the window and
// compute its age; doing that with time.Time costs more than the rest of
// the analysis. These helpers work on day numbers instead.

// dayNumber is the number of days from 1970-01-01 to the given civil date
// (proleptic Gregorian; Howard Hinnant's days_from_civil).
func dayNumber(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// startDay is the first day of the period d names (as Date.Start).
func startDay(d axis.Date) int {
	return dayNumber(d.Year, max(d.Month, 1), max(d.Day, 1))
}

// endDay is the first day after the period d names (as Date.End).
func endDay(d axis.Date) int {
	switch d.Precision() {
	case axis.PrecisionYear:
		return dayNumber(d.Year+1, 1, 1)
	case axis.PrecisionMonth:
		if d.Month == 12 {
			return dayNumber(d.Year+1, 1, 1)
		}
		return dayNumber(d.Year, d.Month+1, 1)
	}
	return startDay(d) + 1
}

// bounds is a Window compiled to day numbers.
type bounds struct {
	since, until, at       bool
	sinceStart, untilEnd   int
	atStart, atEnd         int
	refStart, refEnd       int
	anyBound, hasRefForCmt bool
}

func (w Window) compile() bounds {
	b := bounds{since: !w.Since.IsZero(), until: !w.Until.IsZero(), at: !w.At.IsZero()}
	if b.since {
		b.sinceStart = startDay(w.Since)
	}
	if b.until {
		b.untilEnd = endDay(w.Until)
	}
	if b.at {
		b.atStart, b.atEnd = startDay(w.At), endDay(w.At)
	}
	b.anyBound = b.since || b.until || b.at
	b.hasRefForCmt = b.until || b.at
	ref := w.Ref()
	b.refStart, b.refEnd = startDay(ref), endDay(ref)
	return b
}

// contains is Window.Contains on day numbers.
func (b *bounds) contains(r *axis.Relation) bool {
	if !b.anyBound {
		return true
	}
	if r.Kind.Family() == axis.FamilyCommitment {
		if b.hasRefForCmt && !b.inForce(r) {
			return false
		}
		if b.since && r.Commitment != nil && !r.Commitment.Ended.IsZero() && startDay(r.Commitment.Ended) < b.sinceStart {
			return false
		}
		return true
	}
	dated := !r.Date.IsZero()
	if b.since && (!dated || endDay(r.Date) <= b.sinceStart) {
		return false
	}
	if b.until && (!dated || startDay(r.Date) >= b.untilEnd) {
		return false
	}
	if b.at && dated && startDay(r.Date) >= b.atEnd {
		return false
	}
	return true
}

// inForce is Relation.InForceOn(ref) on day numbers.
func (b *bounds) inForce(r *axis.Relation) bool {
	c := r.Commitment
	if c == nil {
		return r.Date.IsZero() || startDay(r.Date) < b.refEnd
	}
	start := c.InForce
	if start.IsZero() {
		start = c.Signed
	}
	if !start.IsZero() && b.refEnd <= startDay(start) {
		return false
	}
	if !c.Ended.IsZero() && b.refStart >= startDay(c.Ended) {
		return false
	}
	return true
}
