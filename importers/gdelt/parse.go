// Package gdelt imports GDELT event exports: the 2.0 format (61
// tab-separated columns, the 15-minute files) and the 1.0 format (58
// columns in the daily files from April 2013, 57 without SOURCEURL in the
// historical backfile's yearly and monthly files), plain or zipped, and
// events exported from Google BigQuery as CSV with a header row (columns
// found by name).
//
// Rows are streamed and split by hand on tabs; only the columns axis uses
// are parsed. Events between two mapped actors whose CAMEO code maps to a
// kind are aggregated per (file, dyad, kind, item, day) into one relation
// with an event count and one piece of evidence (the most-mentioned event
// of the group, with its SOURCEURL and CAMEO code). The store merges the
// days of a month into one relation whose event count adds up.
package gdelt

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
	"strconv"
)

// Layout gives the column positions of one GDELT event format, per the
// GDELT event codebooks (2.0: 61 columns with ADM2 codes in each geography
// block; 1.0: 57 columns, 58 with SOURCEURL).
type Layout struct {
	Name      string
	Columns   int
	ActionGeo int // ActionGeo_FullName
	DateAdded int
	SourceURL int // -1 when the format has none
}

// The columns before the geography blocks are the same in every version.
const (
	colID        = 0  // GLOBALEVENTID
	colDay       = 1  // SQLDATE, YYYYMMDD
	colA1Code    = 5  // Actor1Code
	colA1Name    = 6  // Actor1Name
	colA1Country = 7  // Actor1CountryCode
	colA1Group   = 8  // Actor1KnownGroupCode
	colA2Code    = 15 // Actor2Code
	colA2Name    = 16 // Actor2Name
	colA2Country = 17 // Actor2CountryCode
	colA2Group   = 18 // Actor2KnownGroupCode
	colIsRoot    = 25 // IsRootEvent
	colEvent     = 26 // EventCode
	colQuad      = 29 // QuadClass
	colGoldstein = 30 // GoldsteinScale
	colMentions  = 31 // NumMentions
	colSources   = 32 // NumSources
	colArticles  = 33 // NumArticles
	colTone      = 34 // AvgTone
)

// The layouts axis reads.
var (
	V2      = Layout{"GDELT 2.0", 61, 52, 59, 60}
	V1      = Layout{"GDELT 1.0", 58, 50, 56, 57}
	V1NoURL = Layout{"GDELT 1.0 (before SOURCEURL)", 57, 50, 56, -1}
)

// Row is one event with the columns axis uses. Byte slices point into the
// scanner's buffer and are valid until the next row.
type Row struct {
	Layout    *Layout
	ID        []byte
	Day       int // YYYYMMDD
	A1Code    []byte
	A1Name    []byte
	A1Country []byte
	A1Group   []byte
	A2Code    []byte
	A2Name    []byte
	A2Country []byte
	A2Group   []byte
	IsRoot    bool
	Event     []byte
	Quad      int
	Goldstein float64
	Mentions  int
	Sources   int
	Articles  int
	Tone      float64
	Place     []byte
	URL       []byte

	quad, goldstein, mentions, sources, articles, tone []byte // unparsed
}

const maxFields = 64

// ParseRow splits one line (without its newline) into row and parses every
// column axis uses. The error says what is wrong in words for the user.
func ParseRow(line []byte, row *Row) error {
	if err := SplitRow(line, row); err != nil {
		return err
	}
	return row.ParseCounts()
}

// SplitRow checks the column count and fills the row's codes, date, place
// and URL; ParseCounts parses the numbers. The importer parses numbers only
// for rows it keeps.
func SplitRow(line []byte, row *Row) error {
	var f [maxFields][]byte
	// Split the leading columns forward and the trailing ones backward: the
	// geography blocks in between are only counted.
	rest, got := splitHead(line, &f, colTone+1)
	n := got + 1
	if got == colTone+1 {
		n += bytes.Count(rest, tab)
	}
	switch n {
	case V2.Columns, V1.Columns, V1NoURL.Columns:
		tail := rest
		for k := n - 1; k >= V1NoURL.ActionGeo; k-- {
			i := bytes.LastIndexByte(tail, '\t')
			f[k] = tail[i+1:]
			tail = tail[:max(i, 0)]
		}
	default:
		if n == 1 && bytes.Count(line, []byte(",")) >= 10 {
			return fmt.Errorf("wrong delimiter: the line is comma-separated, GDELT event exports are tab-separated")
		}
		return fmt.Errorf("expected %d tab-separated columns (GDELT 2.0) or %d/%d (GDELT 1.0), found %d", V2.Columns, V1.Columns, V1NoURL.Columns, n)
	}
	switch n {
	case V2.Columns:
		row.Layout = &V2
	case V1.Columns:
		row.Layout = &V1
	case V1NoURL.Columns:
		row.Layout = &V1NoURL
	}
	var ok bool
	row.ID = f[colID]
	if row.Day, ok = atoi(f[colDay]); !ok || !validDay(row.Day) {
		return fmt.Errorf("SQLDATE %q is not a YYYYMMDD date", f[colDay])
	}
	row.A1Code, row.A1Name, row.A1Country, row.A1Group = f[colA1Code], f[colA1Name], f[colA1Country], f[colA1Group]
	row.A2Code, row.A2Name, row.A2Country, row.A2Group = f[colA2Code], f[colA2Name], f[colA2Country], f[colA2Group]
	row.IsRoot = len(f[colIsRoot]) == 1 && f[colIsRoot][0] == '1'
	row.Event = f[colEvent]
	if len(row.Event) < 2 || len(row.Event) > 4 {
		return fmt.Errorf("EventCode %q is not a CAMEO code", row.Event)
	}
	row.quad, row.goldstein, row.mentions, row.sources, row.articles, row.tone = f[colQuad], f[colGoldstein], f[colMentions], f[colSources], f[colArticles], f[colTone]
	row.Place = f[row.Layout.ActionGeo]
	row.URL = nil
	if row.Layout.SourceURL >= 0 {
		row.URL = f[row.Layout.SourceURL]
	}
	return nil
}

// ParseCounts parses QuadClass, GoldsteinScale, the mention counts and
// AvgTone of a split row.
func (row *Row) ParseCounts() error {
	var ok bool
	if row.Quad, ok = atoi(row.quad); !ok || row.Quad < 1 || row.Quad > 4 {
		return fmt.Errorf("QuadClass %q is not 1-4", row.quad)
	}
	if row.Goldstein, ok = parseDecimal(row.goldstein); !ok || row.Goldstein < -10 || row.Goldstein > 10 {
		return fmt.Errorf("GoldsteinScale %q is not a number in [-10,10]", row.goldstein)
	}
	if row.Mentions, ok = atoi(row.mentions); !ok {
		return fmt.Errorf("NumMentions %q is not a whole number", row.mentions)
	}
	if row.Sources, ok = atoi(row.sources); !ok {
		return fmt.Errorf("NumSources %q is not a whole number", row.sources)
	}
	if row.Articles, ok = atoi(row.articles); !ok {
		return fmt.Errorf("NumArticles %q is not a whole number", row.articles)
	}
	row.Tone, _ = parseDecimal(row.tone)
	return nil
}

const (
	low7 = 0x7f7f7f7f7f7f7f7f
	tabs = 0x0909090909090909
)

// tabMask sets the high bit of each byte of w that is a tab, and no other
// bit (no carries cross bytes, so there are no false positives).
func tabMask(w uint64) uint64 {
	v := w ^ tabs
	return ^(((v & low7) + low7) | v | low7)
}

var tab = []byte{'\t'}

// splitHead fills f[0:k] with the first k tab-separated fields of line and
// returns what follows the k-th tab and k; a line with fewer tabs gives its
// last field and the number of tabs it has.
func splitHead(line []byte, f *[maxFields][]byte, k int) ([]byte, int) {
	n, start, i := 0, 0, 0
	for ; i+8 <= len(line); i += 8 {
		m := tabMask(binary.LittleEndian.Uint64(line[i:]))
		for m != 0 {
			j := i + bits.TrailingZeros64(m)>>3
			f[n] = line[start:j]
			n++
			start = j + 1
			if n == k {
				return line[start:], n
			}
			m &= m - 1
		}
	}
	for ; i < len(line); i++ {
		if line[i] == '\t' {
			f[n] = line[start:i]
			n++
			start = i + 1
			if n == k {
				return line[start:], n
			}
		}
	}
	return line[start:], n
}

// splitTabs splits line on tabs into f (up to maxFields fields) and returns
// the number of fields. It looks at eight bytes at a time: GDELT fields are
// short, and one IndexByte call per field costs more than the field.
func splitTabs(line []byte, f *[maxFields][]byte) int {
	n, start, i := 0, 0, 0
	for ; i+8 <= len(line); i += 8 {
		m := tabMask(binary.LittleEndian.Uint64(line[i:]))
		for m != 0 {
			j := i + bits.TrailingZeros64(m)>>3
			if n < maxFields {
				f[n] = line[start:j]
			}
			n++
			start = j + 1
			m &= m - 1
		}
	}
	for ; i < len(line); i++ {
		if line[i] == '\t' {
			if n < maxFields {
				f[n] = line[start:i]
			}
			n++
			start = i + 1
		}
	}
	if n < maxFields {
		f[n] = line[start:]
	}
	return n + 1
}

func validDay(d int) bool {
	y, m, day := d/10000, d/100%100, d%100
	return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && day >= 1 && day <= daysIn(y, m)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// parseDecimal parses "-3.4", "10", "2.5" quickly, falling back to strconv
// for anything else ("1e3").
func parseDecimal(b []byte) (float64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	neg := false
	s := b
	if s[0] == '-' {
		neg, s = true, s[1:]
	}
	var ip, fp int64
	div := 1.0
	dot := false
	digits := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
			if digits > 15 {
				goto slow
			}
			if dot {
				fp = fp*10 + int64(c-'0')
				div *= 10
			} else {
				ip = ip*10 + int64(c-'0')
			}
		case c == '.' && !dot:
			dot = true
		default:
			goto slow
		}
	}
	if digits == 0 {
		return 0, false
	}
	{
		v := float64(ip) + float64(fp)/div
		if neg {
			v = -v
		}
		return v, true
	}
slow:
	v, err := strconv.ParseFloat(string(b), 64)
	return v, err == nil
}

// Scanner reads lines without allocating per line.
type Scanner struct {
	r    *bufio.Reader
	long []byte
	Line int64 // number of the line last returned
}

// NewScanner reads from r with a large buffer.
func NewScanner(r io.Reader) *Scanner {
	return &Scanner{r: bufio.NewReaderSize(r, 1<<20)}
}

// Next returns the next line without its line ending, or io.EOF. The slice
// is valid until the next call.
func (s *Scanner) Next() ([]byte, error) {
	line, err := s.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		s.long = append(s.long[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = s.r.ReadSlice('\n')
			s.long = append(s.long, line...)
		}
		line = s.long
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	if len(line) == 0 && err == io.EOF {
		return nil, io.EOF
	}
	s.Line++
	if n := len(line); n > 0 && line[n-1] == '\n' {
		line = line[:n-1]
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, nil
}
