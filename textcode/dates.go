package textcode

import (
	"strconv"
	"time"

	"axis"
)

var monthNames = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

var weekdays = map[string]time.Weekday{"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday}

// dateExpr is a date named in a sentence.
type dateExpr struct {
	start, end int
	date       axis.Date
	until      axis.Date
	future     bool
}

// dates finds the date expressions of the sentence, resolved against the
// document date: "19 June 2024", "June 19, 2024", "June 2024", "in June"
// (the last June on or before the document), "2023", "since 2019" (until
// the document date), "last week", "last month", "last year", "this year",
// "next month", "yesterday", "on Wednesday". Relative dates need the
// document date; without it they are left out.
func (s *sent) dates() []dateExpr {
	if !s.datesOK {
		s.dateList, s.datesOK = s.findDates(), true
	}
	return s.dateList
}

func (s *sent) findDates() []dateExpr {
	var out []dateExpr
	doc := s.date
	toks := s.toks
	year := func(i int) (int, bool) {
		if i >= len(toks) || toks[i].kind != tNum || len(toks[i].text) != 4 {
			return 0, false
		}
		y, err := strconv.Atoi(toks[i].text)
		return y, err == nil && y >= 1800 && y <= 2100
	}
	day := func(i int) (int, bool) {
		if i < 0 || i >= len(toks) || toks[i].kind != tNum || len(toks[i].text) > 2 {
			return 0, false
		}
		d, err := strconv.Atoi(toks[i].text)
		return d, err == nil && d >= 1 && d <= 31
	}
	docT := doc.Start()
	for i := 0; i < len(toks); i++ {
		w := toks[i].low
		if m, ok := monthNames[w]; ok {
			if w == "may" && !startsUpper(toks[i].text) {
				continue
			}
			if len(w) <= 4 && w != "may" && w != "june" && w != "july" && !startsUpper(toks[i].text) {
				continue
			}
			e := dateExpr{start: i, end: i + 1}
			j := i + 1
			if j < len(toks) && toks[j].low == "." {
				j++
			}
			d, hasDay := day(j)
			if hasDay {
				j++
				if j < len(toks) && toks[j].low == "," {
					j++
				}
			} else if dd, ok := day(i - 1); ok {
				d, hasDay = dd, true
				e.start = i - 1
			}
			if y, ok := year(j); ok {
				e.end = j + 1
				if hasDay {
					e.date = axis.Day(y, m, d)
				} else {
					e.date = axis.Date{Year: y, Month: m}
				}
			} else if !doc.IsZero() {
				y := doc.Year
				if m > doc.Month {
					y--
				}
				if hasDay {
					e.date = axis.Day(y, m, d)
					e.end = i + 2
				} else {
					e.date = axis.Date{Year: y, Month: m}
				}
			} else {
				continue
			}
			if e.date.Precision() == axis.PrecisionDay && axis.Day(e.date.Year, e.date.Month, e.date.Day).Start().Day() != e.date.Day {
				continue
			}
			if i > 0 && toks[i-1].low == "since" || e.start > 0 && toks[e.start-1].low == "since" {
				e.until = doc
			}
			out = append(out, e)
			i = e.end - 1
			continue
		}
		if y, ok := year(i); ok {
			e := dateExpr{start: i, end: i + 1, date: axis.Date{Year: y}}
			if i > 0 && toks[i-1].low == "since" {
				e.until = doc
			}
			out = append(out, e)
			continue
		}
		if doc.IsZero() {
			continue
		}
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].low
		}
		switch {
		case (w == "last" || w == "past") && next == "week":
			t := docT.AddDate(0, 0, -7)
			out = append(out, dateExpr{start: i, end: i + 2, date: axis.Date{Year: t.Year(), Month: int(t.Month())}})
		case w == "last" && next == "month":
			t := docT.AddDate(0, -1, 0)
			out = append(out, dateExpr{start: i, end: i + 2, date: axis.Date{Year: t.Year(), Month: int(t.Month())}})
		case w == "last" && next == "year":
			out = append(out, dateExpr{start: i, end: i + 2, date: axis.Date{Year: doc.Year - 1}})
		case w == "this" && next == "year":
			out = append(out, dateExpr{start: i, end: i + 2, date: axis.Date{Year: doc.Year}})
		case w == "this" && next == "month":
			out = append(out, dateExpr{start: i, end: i + 2, date: axis.Date{Year: doc.Year, Month: doc.Month}})
		case w == "next" && next == "month":
			t := docT.AddDate(0, 1, 0)
			out = append(out, dateExpr{start: i, end: i + 2, date: axis.Date{Year: t.Year(), Month: int(t.Month())}, future: true})
		case w == "next" && next == "year":
			out = append(out, dateExpr{start: i, end: i + 2, date: axis.Date{Year: doc.Year + 1}, future: true})
		case w == "next" && next == "week":
			t := docT.AddDate(0, 0, 7)
			out = append(out, dateExpr{start: i, end: i + 2, date: axis.Date{Year: t.Year(), Month: int(t.Month())}, future: true})
		case w == "yesterday":
			out = append(out, dateExpr{start: i, end: i + 1, date: axis.DateOf(docT.AddDate(0, 0, -1))})
		case w == "today" || w == "overnight":
			out = append(out, dateExpr{start: i, end: i + 1, date: doc})
		default:
			if wd, ok := weekdays[w]; ok && doc.Precision() == axis.PrecisionDay {
				back := (int(docT.Weekday()) - int(wd) + 7) % 7
				if back == 0 {
					back = 7
				}
				out = append(out, dateExpr{start: i, end: i + 1, date: axis.DateOf(docT.AddDate(0, 0, -back))})
			}
		}
	}
	return out
}

// dateNear picks the date expression nearest the trigger; without one the
// relation is dated to the document's year (what the report states is true
// as of its publication).
func (s *sent) dateNear(tm match) (axis.Date, axis.Date) {
	ds := s.dates()
	best, bestD := -1, 1<<30
	for i, d := range ds {
		dist := abs(d.start - tm.start)
		if dist < bestD {
			best, bestD = i, dist
		}
	}
	if best >= 0 {
		return ds[best].date, ds[best].until
	}
	if s.date.IsZero() {
		return axis.Date{}, axis.Date{}
	}
	return axis.Date{Year: s.date.Year}, axis.Date{}
}

// dateFuture reports whether the sentence dates the trigger in the future.
func (s *sent) dateFuture(tm match) bool {
	for _, d := range s.dates() {
		if d.future {
			return true
		}
		if !s.date.IsZero() && s.date.Precision() == axis.PrecisionDay && d.date.Precision() >= axis.PrecisionMonth && s.date.Before(d.date) && d.date.Start().After(s.date.End()) {
			return true
		}
	}
	return false
}

// hasDate reports whether the sentence names a date (not counting the
// document's).
func (s *sent) hasDate(tm match) bool { return len(s.dates()) > 0 }
