package axis

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a Date is known.
type Precision uint8

// Precisions, from nothing known to the exact day.
const (
	PrecisionUnknown Precision = iota
	PrecisionYear
	PrecisionMonth
	PrecisionDay
)

// String names the precision.
func (p Precision) String() string {
	return [...]string{"unknown", "year", "month", "day"}[p]
}

// Date is a calendar date known to a year, a month or a day. Reporting often
// says "in 2023" or "last June"; a Date keeps exactly what was said. The zero
// Date is unknown. Month and Day are zero when not known.
type Date struct {
	Year  int
	Month int
	Day   int
}

// AcceptedDateFormats lists the forms ParseDate takes, for error messages.
const AcceptedDateFormats = "YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024, 2024-06, 2024-06-19)"

// Day returns a day-precision Date.
func Day(y, m, d int) Date { return Date{y, m, d} }

// DateOf returns the day-precision Date of t (in UTC).
func DateOf(t time.Time) Date {
	t = t.UTC()
	return Date{t.Year(), int(t.Month()), t.Day()}
}

// ParseDate parses YYYY, YYYY-MM or YYYY-MM-DD. The empty string is the
// unknown Date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	bad := Errorf(EINVALID, "invalid date %q: use %s", s, AcceptedDateFormats)
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, bad
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || (i > 0 && len(p) != 2) {
			return Date{}, bad
		}
		n[i] = v
	}
	d := Date{n[0], n[1], n[2]}
	if len(parts) >= 2 && (d.Month < 1 || d.Month > 12) {
		return Date{}, bad
	}
	if len(parts) == 3 {
		t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		if t.Day() != d.Day {
			return Date{}, bad
		}
	}
	return d, nil
}

// MustParseDate is ParseDate for constants in code and tests.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Precision reports how much of the date is known.
func (d Date) Precision() Precision {
	switch {
	case d.Year == 0:
		return PrecisionUnknown
	case d.Month == 0:
		return PrecisionYear
	case d.Day == 0:
		return PrecisionMonth
	}
	return PrecisionDay
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// String formats the date at its precision: "2024", "2024-06", "2024-06-19",
// or "" when unknown.
func (d Date) String() string {
	switch d.Precision() {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// Start is the first instant of the period the date names.
// The unknown date starts at the zero time.
func (d Date) Start() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	m, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// End is the first instant after the period the date names.
func (d Date) End() time.Time {
	switch d.Precision() {
	case PrecisionYear:
		return d.Start().AddDate(1, 0, 0)
	case PrecisionMonth:
		return d.Start().AddDate(0, 1, 0)
	case PrecisionDay:
		return d.Start().AddDate(0, 0, 1)
	}
	return time.Time{}
}

// Compare orders dates by their start; unknown dates sort first.
func (d Date) Compare(o Date) int {
	return d.Start().Compare(o.Start())
}

// Before reports whether d's period starts before o's.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// Bucket is the part of the date used in relation keys: the month when the
// month is known, else the year, else "". Two reports of the same event, one
// saying "June 2024" and one "19 June 2024", land in the same bucket.
func (d Date) Bucket() string {
	if d.Precision() >= PrecisionMonth {
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return d.String()
}

// MarshalJSON writes the date as its string, or null when unknown.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads a string date or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return Errorf(EINVALID, "invalid date %s: use %s", b, AcceptedDateFormats)
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalText and UnmarshalText let dates appear in YAML and CSV as strings.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses the text form.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
