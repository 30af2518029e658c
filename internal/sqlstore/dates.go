package sqlstore

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"axis"
)

// Dates are stored twice: as text (Date.String, read back by StoredDate)
// and as whole days since 1970-01-01 of the start and end of the period
// they name (DayStart, DayEnd), which the filters compare.

const secondsPerDay = 86400

// Days counts whole days since 1970-01-01 (t is always midnight UTC here).
func Days(t time.Time) int64 {
	s := t.Unix()
	d := s / secondsPerDay
	if s%secondsPerDay < 0 {
		d--
	}
	return d
}

// CivilDays is Days(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) without
// building a time (Howard Hinnant's days_from_civil); like time.Date it
// normalizes a day or month out of range.
func CivilDays(y, m, d int) int64 {
	if m < 1 || m > 12 || d < 1 || d > 28 {
		return Days(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC))
	}
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := yy / 400
	if yy < 0 && yy%400 != 0 {
		era--
	}
	yoe := yy - era*400
	mp := int64((m + 9) % 12)
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// DayStart is the day the period of d starts, Days(d.Start()); ok is
// false (NULL) when d is unknown.
func DayStart(d axis.Date) (day int64, ok bool) {
	if d.IsZero() {
		return 0, false
	}
	return CivilDays(d.Year, max(d.Month, 1), max(d.Day, 1)), true
}

// DayEnd is the first day after the period of d, Days(d.End()); ok is
// false (NULL) when d is unknown.
func DayEnd(d axis.Date) (day int64, ok bool) {
	switch d.Precision() {
	case axis.PrecisionYear:
		return CivilDays(d.Year+1, 1, 1), true
	case axis.PrecisionMonth:
		if d.Month == 12 {
			return CivilDays(d.Year+1, 1, 1), true
		}
		return CivilDays(d.Year, d.Month+1, 1), true
	case axis.PrecisionDay:
		return Days(d.Start()) + 1, true
	}
	return 0, false
}

// DateText is d.String() without fmt (it is called three times a
// relation).
func DateText(d axis.Date) string {
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		return d.String()
	}
	b := make([]byte, 0, 10)
	two := func(n int) { b = append(b, byte('0'+n/10), byte('0'+n%10)) }
	switch d.Precision() {
	case axis.PrecisionUnknown:
		return ""
	case axis.PrecisionDay:
		two(d.Year / 100)
		two(d.Year % 100)
		b = append(b, '-')
		two(d.Month)
		b = append(b, '-')
		two(d.Day)
	case axis.PrecisionMonth:
		two(d.Year / 100)
		two(d.Year % 100)
		b = append(b, '-')
		two(d.Month)
	default:
		two(d.Year / 100)
		two(d.Year % 100)
	}
	return string(b)
}

// StoredDate reads a date column back. It takes whatever Date.String
// wrote, even a date ParseDate would refuse (a Day(2024, 2, 31) built in
// code), so a stored relation can always be read.
func StoredDate(s string) (axis.Date, error) {
	if s == "" {
		return axis.Date{}, nil
	}
	var n [3]int
	parts := strings.SplitN(s, "-", 3)
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return axis.Date{}, fmt.Errorf("stored date %q: %w", s, err)
		}
		n[i] = v
	}
	return axis.Date{Year: n[0], Month: n[1], Day: n[2]}, nil
}
