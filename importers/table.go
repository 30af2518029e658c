package importers

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"axis"
)

// Table reads a comma-separated dataset file with a header row, record by
// record, tracking line numbers. Columns are found by name (case
// insensitive), so extra columns and reordering do no harm.
type Table struct {
	File   string
	Header []string
	Line   int64 // line of the current record
	cols   map[string]int
	r      *csv.Reader
}

// OpenTable reads up to maxPreamble lines before the header (SIPRI exports
// start with notes) and returns the table once a row holding every required
// column is found. want names the format for errors ("an ATOP file").
func OpenTable(r io.Reader, file, want string, required []string, maxPreamble int) (*Table, error) {
	return OpenTableSep(r, file, want, required, maxPreamble, ',')
}

// OpenTableSep is OpenTable for a file whose fields are separated by comma
// (',' or ';'; the legacy SIPRI text export uses semicolons).
func OpenTableSep(r io.Reader, file, want string, required []string, maxPreamble int, comma rune) (*Table, error) {
	cr := csv.NewReader(r)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	var first []string
	var firstLine int64
	for i := 0; i <= maxPreamble; i++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, axis.Errorf(axis.EINVALID, "%s:%d: %v", file, pe.Line, pe.Err)
			}
			return nil, Errorf(file, err)
		}
		Latin1Fields(rec)
		if first == nil {
			first, firstLine = rec, int64(line)
		}
		cols := map[string]int{}
		for j, h := range rec {
			key := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
			if _, dup := cols[key]; !dup {
				cols[key] = j
			}
		}
		ok := true
		for _, c := range required {
			if _, has := cols[strings.ToLower(c)]; !has {
				ok = false
				break
			}
		}
		if ok {
			return &Table{File: file, Header: rec, Line: int64(line), cols: cols, r: cr}, nil
		}
		if Describe(rec) != "" {
			return nil, WrongFormat(file, int64(line), want, rec)
		}
	}
	if first == nil {
		return nil, axis.Errorf(axis.EINVALID, "%s: the file is empty", file)
	}
	if Describe(first) == "" && len(first) > 1 {
		return nil, axis.Errorf(axis.EINVALID, "%s:%d: not %s: the header lacks columns %s", file, firstLine, want, strings.Join(missing(first, required), ", "))
	}
	return nil, WrongFormat(file, firstLine, want, first)
}

func missing(header, required []string) []string {
	has := map[string]bool{}
	for _, h := range header {
		has[strings.ToLower(strings.TrimSpace(h))] = true
	}
	var out []string
	for _, c := range required {
		if !has[strings.ToLower(c)] {
			out = append(out, c)
		}
	}
	return out
}

// Next returns the next record, io.EOF at the end. A record with another
// number of fields than the header, or a quoting error, returns a *BadRow
// (the caller decides whether to skip it).
func (t *Table) Next() ([]string, error) {
	rec, err := t.r.Read()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			t.Line = int64(pe.StartLine)
			return nil, &BadRow{Line: t.Line, Msg: pe.Err.Error()}
		}
		return nil, Errorf(t.File, err)
	}
	line, _ := t.r.FieldPos(0)
	t.Line = int64(line)
	Latin1Fields(rec)
	// A trailing separator on every row (or on the header only) adds an
	// empty last field: not a different layout.
	if len(rec) == len(t.Header)+1 && strings.TrimSpace(rec[len(rec)-1]) == "" {
		rec = rec[:len(rec)-1]
	} else if len(rec)+1 == len(t.Header) && strings.TrimSpace(t.Header[len(t.Header)-1]) == "" {
		rec = append(rec, "")
	}
	if len(rec) != len(t.Header) {
		if len(rec) == 1 && (strings.Contains(rec[0], ";") || strings.Contains(rec[0], "\t")) {
			return nil, &BadRow{Line: t.Line, Msg: "wrong delimiter: fields split by " + delimName(rec[0]) + ", expected commas"}
		}
		return nil, &BadRow{Line: t.Line, Msg: "expected " + strconv.Itoa(len(t.Header)) + " columns as in the header, found " + strconv.Itoa(len(rec))}
	}
	return rec, nil
}

// Latin1Fields re-decodes, in place, every field that is not valid UTF-8
// as Windows-1252 (a superset of Latin-1): the COW files and older SIPRI
// exports are Latin-1 ("Côte d'Ivoire", "Württemberg"), the newer ones
// UTF-8, sometimes with a byte-order mark. Valid UTF-8 is left alone, so a
// file may even mix the two.
func Latin1Fields(rec []string) {
	for i, f := range rec {
		if !utf8.ValidString(f) {
			if s, err := charmap.Windows1252.NewDecoder().String(f); err == nil {
				rec[i] = s
			}
		}
	}
}

// Alias lets col be read under its other name alt when the header lacks
// col but has alt (ATOP 5.1's dyad-year file names the states mem1/mem2,
// its directed file stateA/stateB). It reports whether col is now present.
func (t *Table) Alias(col string, alts ...string) bool {
	col = strings.ToLower(col)
	if _, ok := t.cols[col]; ok {
		return true
	}
	for _, a := range alts {
		if i, ok := t.cols[strings.ToLower(a)]; ok {
			t.cols[col] = i
			return true
		}
	}
	return false
}

// BadRow is a malformed row found by Table.Next.
type BadRow struct {
	Line int64
	Msg  string
}

func (b *BadRow) Error() string { return b.Msg }

// Has reports whether the header has col.
func (t *Table) Has(col string) bool {
	_, ok := t.cols[strings.ToLower(col)]
	return ok
}

// Get returns the trimmed value of col in rec, "" when the column is absent.
func (t *Table) Get(rec []string, col string) string {
	if i, ok := t.cols[strings.ToLower(col)]; ok && i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

// Int parses col as an integer; empty (and ATOP/COW missing codes such as
// -9 are left to the caller) gives 0 and ok=true. ok=false means the value
// is not a number.
func (t *Table) Int(rec []string, col string) (int, bool) {
	s := t.Get(rec, col)
	if s == "" || s == "." || strings.EqualFold(s, "NA") {
		return 0, true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == float64(int(f)) {
		return int(f), true
	}
	return 0, false
}

// Flag reads a 0/1 column; missing or empty is false.
func (t *Table) Flag(rec []string, col string) (bool, bool) {
	n, ok := t.Int(rec, col)
	return n == 1, ok && (n == 0 || n == 1 || n < 0)
}

// DateOf builds a date from year, month and day numbers, dropping unknown
// parts (zero or negative codes, impossible days).
func DateOf(y, m, d int) axis.Date {
	if y <= 0 {
		return axis.Date{}
	}
	if m < 1 || m > 12 {
		return axis.Date{Year: y}
	}
	if d < 1 || d > 31 {
		return axis.Date{Year: y, Month: m}
	}
	s := axis.Day(y, m, d).String()
	if _, err := axis.ParseDate(s); err != nil {
		return axis.Date{Year: y, Month: m}
	}
	return axis.Day(y, m, d)
}

// EachRow reads t to its end and calls fn on every row it could split.
// Rows the table cannot split, and rows fn rejects by returning a message,
// go to sum as bad rows (an error that stops the import unless --skip-bad);
// the context is checked every few thousand rows.
func (t *Table) EachRow(ctx context.Context, file string, opt *Options, sum *Summary, fn func(rec []string) string) error {
	for {
		rec, err := t.Next()
		if err == io.EOF {
			return nil
		}
		var bad *BadRow
		if errors.As(err, &bad) {
			sum.RowsRead++
			if err := sum.Bad(opt, file, bad.Line, "%s", bad.Msg); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		sum.RowsRead++
		if sum.RowsRead%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if msg := fn(rec); msg != "" {
			if err := sum.Bad(opt, file, t.Line, "%s", msg); err != nil {
				return err
			}
		}
	}
}
