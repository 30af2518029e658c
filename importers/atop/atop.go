// Package atop imports the Alliance Treaty Obligations and Provisions
// (ATOP) data set, versions 4.01 to 5.1: the member-level file
// (atop5_1m.csv, atop5_0m.csv, atop4_01m.csv: one row per member and phase
// of an alliance, with its obligations and their conditions) and the
// dyad-year files (atop5_1dy.csv with the pair in mem1, mem2; the directed
// atop5_1ddyr.csv, atop5_0ddyr.csv, atop4_01ddyr.csv with stateA, stateB:
// one row per pair of states and year with the obligations they share).
// The alliance-level (atop5_1a.csv) and state-year (atop5_1sy.csv) files
// name no pairs and are refused with a message naming the right file.
//
// Obligations map to commitment kinds: defense → defense_pact (or
// security_guarantee when only one member of the pair is bound), offense
// → offense_pact, neutral → neutrality_pact, nonagg → nonaggression_pact,
// consul → consultation_pact. COW state numbers map to axis codes through
// importers.COWCode, historical states included.
package atop

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"axis"
	"axis/importers"
)

// Method is the evidence method of ATOP rows.
const Method = axis.MethodImportPrefix + "atop"

// Confidence of ATOP evidence: coded by hand from treaty texts.
const Confidence = 0.9

const publisher = "ATOP (Leeds et al.)"
const homepage = "http://www.atopdata.org/"

// obligation is one ATOP obligation column with its condition columns.
type obligation struct {
	col   string
	kind  axis.Kind
	label string
	pre   string // condition column prefix: defco, offco, neuco, conco
}

var obligations = []obligation{
	{"defense", axis.DefensePact, "defense", "def"},
	{"offense", axis.OffensePact, "offense", "off"},
	{"neutral", axis.NeutralityPact, "neutrality", "neu"},
	{"nonagg", axis.NonaggressionPact, "non-aggression", "nag"},
	{"consul", axis.ConsultationPact, "consultation", "con"},
}

// condition columns per obligation (ATOP codebook): specific adversary,
// location, specific conflict, non-compliance with a demand, number of
// attackers, non-provocation; consultation has "request" instead.
var condCols = map[string][]string{
	"def": {"defcoadv", "defcoloc", "defcocon", "defcodem", "defconum", "defconpr"},
	"off": {"offcoadv", "offcoloc", "offcocon", "offcodem", "offconum"},
	"neu": {"neucoadv", "neucoloc", "neucocon", "neucodem", "neuconum", "neuconpr"},
	"con": {"concoadv", "concoloc", "concocon", "concoreq"},
}

var condLabels = map[string]string{
	"coadv": "specific adversary", "coloc": "location", "cocon": "specific conflict",
	"codem": "non-compliance with a demand", "conum": "number of attackers", "conpr": "non-provocation",
	"coreq": "on request",
}

// ReasonNoOverlap is the skip reason for members of an alliance whose
// memberships never overlap another member's.
const ReasonNoOverlap = "no other member at the same time"

var memberCols = []string{"atopid", "member", "yrent", "defense", "offense", "neutral", "nonagg", "consul"}
var dyadCols = []string{"statea", "stateb", "year", "defense", "offense", "neutral", "nonagg", "consul"}

// Import reads ATOP files (member-level or dyad-year, told apart by their
// header) and commits their commitments in one Write.
func Import(ctx context.Context, st axis.Store, paths []string, opt importers.Options) (*importers.Summary, error) {
	return importers.ImportPacts(ctx, st, paths, opt, "atop", readInput)
}

func readInput(ctx context.Context, in *importers.Input, res *importers.Resolver, opt *importers.Options, sum *importers.Summary, pacts *importers.Pacts, read *int64) (*axis.Document, error) {
	rc, err := in.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	hr := importers.NewHashingReader(rc, in.Size)
	doc := importers.DatasetDocument("", in.Name, in.Path, publisher, homepage)
	// The two layouts share no required header: try member-level first.
	t, err := importers.OpenTable(hr, in.Name, "an ATOP member-level or dyad-year file", nil, 0)
	if err != nil {
		return nil, err
	}
	// ATOP 5.1's dyad-year file (atop5_1dy.csv) names the pair mem1, mem2;
	// the directed dyad-year files (atop5_1ddyr.csv, atop5_0ddyr.csv,
	// atop4_01ddyr.csv) stateA, stateB.
	if !t.Has("member") {
		t.Alias("stateA", "mem1")
		t.Alias("stateB", "mem2")
	}
	var rd reader
	switch {
	case hasAll(t, memberCols):
		rd = &memberReader{byAlliance: map[string][]member{}}
	case hasAll(t, dyadCols):
		rd = &dyadReader{runs: map[dyadKey]*run{}}
	default:
		return nil, importers.WrongFormat(in.Name, t.Line, "an ATOP member-level or dyad-year file", t.Header)
	}
	err = t.EachRow(ctx, in.Name, opt, sum, func(rec []string) string {
		if opt.Progress != nil && sum.RowsRead%1024 == 0 {
			opt.Progress(*read+hr.N, sum.RowsRead)
		}
		return rd.row(t, rec)
	})
	if err != nil {
		return nil, err
	}
	*read += hr.N
	if opt.Progress != nil {
		opt.Progress(*read, sum.RowsRead)
	}
	doc.ID = hr.Sum()
	rd.emit(in.Name, doc, res, opt, sum, pacts)
	return doc, nil
}

func hasAll(t *importers.Table, cols []string) bool {
	for _, c := range cols {
		if !t.Has(c) {
			return false
		}
	}
	return true
}

type reader interface {
	// row reads one record, returning a message when it is malformed.
	row(t *importers.Table, rec []string) string
	// emit turns what was read into pacts.
	emit(file string, doc *axis.Document, res *importers.Resolver, opt *importers.Options, sum *importers.Summary, pacts *importers.Pacts)
}

// member is one row of the member-level file.
type member struct {
	line        int64
	atopid      string
	phase       string
	ccode       int
	entry, exit axis.Date
	obl         [5]bool
	conds       [5][]string // condition labels per obligation
}

type memberReader struct {
	byAlliance map[string][]member
	order      []string
}

func (m *memberReader) row(t *importers.Table, rec []string) string {
	var mb member
	mb.line = t.Line
	mb.atopid = t.Get(rec, "atopid")
	mb.phase = t.Get(rec, "phase")
	if mb.atopid == "" {
		return "atopid is empty"
	}
	var ok bool
	if mb.ccode, ok = t.Int(rec, "member"); !ok || mb.ccode <= 0 {
		return fmt.Sprintf("member %q is not a COW state number", t.Get(rec, "member"))
	}
	ints := map[string]int{}
	for _, c := range []string{"yrent", "moent", "dayent", "yrexit", "moexit", "dayexit"} {
		v, ok := t.Int(rec, c)
		if !ok {
			return fmt.Sprintf("%s %q is not a number", c, t.Get(rec, c))
		}
		ints[c] = v
	}
	if ints["yrent"] <= 0 {
		return fmt.Sprintf("yrent %q is not a year", t.Get(rec, "yrent"))
	}
	mb.entry = importers.DateOf(ints["yrent"], ints["moent"], ints["dayent"])
	mb.exit = importers.DateOf(ints["yrexit"], ints["moexit"], ints["dayexit"])
	for i, o := range obligations {
		f, ok := t.Flag(rec, o.col)
		if !ok {
			return fmt.Sprintf("%s %q is not 0 or 1", o.col, t.Get(rec, o.col))
		}
		mb.obl[i] = f
		for _, c := range condCols[o.pre] {
			if on, _ := t.Flag(rec, c); on {
				mb.conds[i] = append(mb.conds[i], condLabels[c[3:]])
			}
		}
	}
	key := mb.atopid + "/" + mb.phase
	if _, seen := m.byAlliance[key]; !seen {
		m.order = append(m.order, key)
	}
	m.byAlliance[key] = append(m.byAlliance[key], mb)
	return ""
}

func (m *memberReader) emit(file string, doc *axis.Document, res *importers.Resolver, opt *importers.Options, sum *importers.Summary, pacts *importers.Pacts) {
	for _, key := range m.order {
		members := m.byAlliance[key]
		used := make([]bool, len(members))
		why := make([]string, len(members)) // first skip reason of a member's pairs
		skip := func(i, j int, reason string) {
			for _, k := range []int{i, j} {
				if why[k] == "" {
					why[k] = reason
				}
			}
		}
		for i := range members {
			for j := i + 1; j < len(members); j++ {
				a, b := &members[i], &members[j]
				start := later(a.entry, b.entry)
				end := earlier(a.exit, b.exit)
				if !end.IsZero() && end.Before(start) {
					skip(i, j, ReasonNoOverlap)
					continue
				}
				if a.ccode == b.ccode {
					continue
				}
				ca, cb := importers.COWCode(a.ccode, start.Year), importers.COWCode(b.ccode, start.Year)
				if ca == "" || cb == "" || !res.Use(ca) || !res.Use(cb) {
					skip(i, j, importers.ReasonUnknownCode)
					continue
				}
				if !opt.KeepActors(ca, cb) {
					skip(i, j, importers.ReasonFilterActors)
					continue
				}
				if !opt.KeepSpan(start, end) {
					skip(i, j, importers.ReasonFilterDate)
					continue
				}
				any := false
				for k, o := range obligations {
					if !a.obl[k] && !b.obl[k] {
						continue
					}
					any = true
					src, tgt, kind := ca, cb, o.kind
					note := ""
					if a.obl[k] != b.obl[k] {
						if o.kind == axis.DefensePact {
							kind = axis.SecurityGuarantee
							if b.obl[k] {
								src, tgt = cb, ca
							}
						} else {
							note = "asymmetric: only " + pickS(a.obl[k], ca, cb) + " is bound"
						}
					}
					conds := union(a.conds[k], b.conds[k])
					pacts.Add(importers.Pact{A: src, B: tgt, Kind: kind, Start: start, End: end,
						Conditions: conditions(conds, note),
						Title:      "ATOP " + a.atopid,
						Doc:        doc,
						Evidence: axis.Evidence{
							Source:     fmt.Sprintf("%s:%d,%d", file, a.line, b.line),
							URL:        homepage,
							Published:  start,
							Sentence:   memberSentence(a, src, tgt, o.label, kind, start, end, conds, note),
							Method:     Method,
							Confidence: Confidence,
							Status:     axis.Confirmed,
							Attrs: map[string]string{
								"atopid": a.atopid, "phase": a.phase, "obligation": o.col,
								"ccode1": strconv.Itoa(a.ccode), "ccode2": strconv.Itoa(b.ccode),
								"conditions": strings.Join(conds, "; "),
							},
						}})
				}
				if any {
					used[i], used[j] = true, true
				}
			}
		}
		for i := range members {
			if used[i] {
				sum.Imported++
				continue
			}
			reason := why[i]
			switch {
			case reason != "":
			case len(members) == 1:
				reason = "no other member in the alliance phase"
			default:
				reason = importers.ReasonNoObligation
			}
			sum.Skip(reason, file, members[i].line)
		}
	}
}

func memberSentence(a *member, src, tgt, label string, kind axis.Kind, start, end axis.Date, conds []string, note string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "ATOP alliance %s", a.atopid)
	if a.phase != "" {
		fmt.Fprintf(&b, " (phase %s)", a.phase)
	}
	if kind == axis.SecurityGuarantee {
		fmt.Fprintf(&b, ": %s bound to defend %s", src, tgt)
	} else {
		fmt.Fprintf(&b, ": %s and %s share a %s obligation", src, tgt, label)
	}
	fmt.Fprintf(&b, " from %s", start)
	if end.IsZero() {
		b.WriteString(", still in force")
	} else {
		fmt.Fprintf(&b, " to %s", end)
	}
	if len(conds) > 0 {
		fmt.Fprintf(&b, "; conditions: %s", strings.Join(conds, ", "))
	}
	if note != "" {
		fmt.Fprintf(&b, "; %s", note)
	}
	return b.String()
}

// conditions turns ATOP's condition flags into axis conditions. ATOP says
// that a condition exists, not which adversary or place: the labels go to
// Note; non-provocation becomes NonProvocation.
func conditions(labels []string, note string) axis.Conditions {
	var c axis.Conditions
	var parts []string
	for _, l := range labels {
		if l == "non-provocation" {
			c.NonProvocation = true
		}
		parts = append(parts, l)
	}
	if len(parts) > 0 {
		c.Note = "ATOP conditions: " + strings.Join(parts, ", ")
	}
	if note != "" {
		if c.Note != "" {
			c.Note += "; "
		}
		c.Note += note
	}
	return c
}

func union(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, x := range b {
		found := false
		for _, y := range out {
			found = found || x == y
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}

func later(a, b axis.Date) axis.Date {
	if a.Before(b) {
		return b
	}
	return a
}

// earlier returns the earlier end; a zero end is open, so the other wins.
func earlier(a, b axis.Date) axis.Date {
	switch {
	case a.IsZero():
		return b
	case b.IsZero():
		return a
	case a.Before(b):
		return a
	}
	return b
}

func pickS(first bool, a, b string) string {
	if first {
		return a
	}
	return b
}

// dyadKey is a pair of COW numbers and an obligation.
type dyadKey struct {
	a, b int
	obl  int
}

// run is a stretch of consecutive years a pair shared an obligation, with
// the lines of its rows.
type run struct {
	first, last int
	lines       []int64
	ids         []string // atopid1..atopid9 of its rows
	spans       []span   // closed spans
}

type span struct {
	first, last int
	lines       []int64
	ids         []string
}

type dyadReader struct {
	pairs     map[pairYear]*pairRows
	pairOrder []pairYear
	runs      map[dyadKey]*run
	order     []dyadKey
	maxYear   int
	// rows skipped while reading, by reason
	skipped map[string][]int64
	reasons []string
}

func (d *dyadReader) skip(reason string, line int64) {
	if d.skipped == nil {
		d.skipped = map[string][]int64{}
	}
	if _, ok := d.skipped[reason]; !ok {
		d.reasons = append(d.reasons, reason)
	}
	d.skipped[reason] = append(d.skipped[reason], line)
}

func (d *dyadReader) row(t *importers.Table, rec []string) string {
	a, ok1 := t.Int(rec, "stateA")
	b, ok2 := t.Int(rec, "stateB")
	y, ok3 := t.Int(rec, "year")
	if !ok1 || !ok2 || a <= 0 || b <= 0 {
		return fmt.Sprintf("the pair %q, %q is not two COW state numbers", t.Get(rec, "stateA"), t.Get(rec, "stateB"))
	}
	if !ok3 || y < 1500 || y > 2200 {
		return fmt.Sprintf("year %q is not a year", t.Get(rec, "year"))
	}
	var flags [5]bool
	for i, o := range obligations {
		f, ok := t.Flag(rec, o.col)
		if !ok {
			return fmt.Sprintf("%s %q is not 0 or 1", o.col, t.Get(rec, o.col))
		}
		flags[i] = f
	}
	if a == b {
		d.skip(importers.ReasonSameActor, t.Line)
		return ""
	}
	// Rows are gathered per pair and year first: a directed file lists the
	// pair both ways, and a defense obligation one way only is a guarantee.
	lo, hi := min(a, b), max(a, b)
	k := pairYear{lo, hi, y}
	py := d.pairs[k]
	if py == nil {
		py = &pairRows{}
		if d.pairs == nil {
			d.pairs = map[pairYear]*pairRows{}
		}
		d.pairs[k] = py
		d.pairOrder = append(d.pairOrder, k)
	}
	py.lines = append(py.lines, t.Line)
	for i := 1; i <= 9; i++ {
		if id := t.Get(rec, "atopid"+strconv.Itoa(i)); id != "" && id != "0" && id != "." && !strings.HasPrefix(id, "-") {
			py.ids = addID(py.ids, id)
		}
	}
	for i, f := range flags {
		if a == lo {
			py.ab[i] = py.ab[i] || f
		} else {
			py.ba[i] = py.ba[i] || f
		}
	}
	if a == lo {
		py.hasAB = true
	} else {
		py.hasBA = true
	}
	d.maxYear = max(d.maxYear, y)
	return ""
}

// pairYear is a pair of COW numbers (lower first) and a year.
type pairYear struct{ lo, hi, year int }

// pairRows is what the rows of one pair and year say, by direction.
type pairRows struct {
	ab, ba       [5]bool // obligations of lo toward hi, of hi toward lo
	hasAB, hasBA bool
	lines        []int64
	ids          []string // the alliances ATOP lists for the pair (atopid1..9)
}

// guaranteeObl is the obligation index of a one-sided defense obligation
// (dyadKey.a is then the bound state).
const guaranteeObl = 5 // after the five obligations

// runs turns the pair-years into runs of consecutive years per pair and
// obligation, in the order of the pairs and years.
func (d *dyadReader) buildRuns() {
	sort.SliceStable(d.pairOrder, func(i, j int) bool {
		a, b := d.pairOrder[i], d.pairOrder[j]
		if a.lo != b.lo {
			return a.lo < b.lo
		}
		if a.hi != b.hi {
			return a.hi < b.hi
		}
		return a.year < b.year
	})
	for _, k := range d.pairOrder {
		py := d.pairs[k]
		any := false
		for i := range obligations {
			ab, ba := py.ab[i], py.ba[i]
			if !ab && !ba {
				continue
			}
			any = true
			key := dyadKey{k.lo, k.hi, i}
			if i == 0 && py.hasAB && py.hasBA && ab != ba {
				key = dyadKey{k.lo, k.hi, guaranteeObl}
				if ba {
					key.a, key.b = k.hi, k.lo
				}
			}
			d.addYear(key, k.year, py.lines, py.ids)
		}
		if !any {
			for _, l := range py.lines {
				d.skip(importers.ReasonNoObligation, l)
			}
		}
	}
}

func (d *dyadReader) addYear(k dyadKey, y int, lines []int64, ids []string) {
	r := d.runs[k]
	switch {
	case r == nil:
		r = &run{first: y, last: y, lines: append([]int64(nil), lines...)}
		d.runs[k] = r
		d.order = append(d.order, k)
	case y == r.last || y == r.last+1:
		r.last = y
		r.lines = append(r.lines, lines...)
	default:
		r.spans = append(r.spans, span{r.first, r.last, r.lines, r.ids})
		r.first, r.last, r.lines, r.ids = y, y, append([]int64(nil), lines...), nil
	}
	for _, id := range ids {
		r.ids = addID(r.ids, id)
	}
}

func addID(ids []string, id string) []string {
	for _, x := range ids {
		if x == id {
			return ids
		}
	}
	return append(ids, id)
}

func (d *dyadReader) emit(file string, doc *axis.Document, res *importers.Resolver, opt *importers.Options, sum *importers.Summary, pacts *importers.Pacts) {
	d.buildRuns()
	for _, reason := range d.reasons {
		for _, l := range d.skipped[reason] {
			sum.Skip(reason, file, l)
		}
	}
	// A row is imported when one of its obligations is, else counted under
	// the first reason one of them was skipped for.
	imported := map[int64]bool{}
	why := map[int64]string{}
	var lines []int64
	mark := func(sp span, reason string) {
		for _, l := range sp.lines {
			if !imported[l] && why[l] == "" {
				lines = append(lines, l)
			}
			if reason == "" {
				imported[l] = true
			} else if why[l] == "" {
				why[l] = reason
			}
		}
	}
	for _, k := range d.order {
		r := d.runs[k]
		spans := append(r.spans, span{r.first, r.last, r.lines, r.ids})
		for _, sp := range spans {
			first, last := sp.first, sp.last
			ca, cb := importers.COWCode(k.a, first), importers.COWCode(k.b, first)
			if ca == "" || cb == "" || !res.Use(ca) || !res.Use(cb) {
				mark(sp, importers.ReasonUnknownCode)
				continue
			}
			start := axis.Date{Year: first}
			var end axis.Date
			if last < d.maxYear {
				end = axis.Date{Year: last + 1}
			}
			if !opt.KeepActors(ca, cb) {
				mark(sp, importers.ReasonFilterActors)
				continue
			}
			if !opt.KeepSpan(start, end) {
				mark(sp, importers.ReasonFilterDate)
				continue
			}
			mark(sp, "")
			var o obligation
			var sentence string
			if k.obl == guaranteeObl {
				o = obligation{"defense", axis.SecurityGuarantee, "one-sided defense", "def"}
				sentence = fmt.Sprintf("ATOP dyad-years: %s bound to defend %s (not the reverse) every year from %d to %d", ca, cb, first, last)
			} else {
				o = obligations[k.obl]
				sentence = fmt.Sprintf("ATOP dyad-years: %s and %s share a %s obligation every year from %d to %d", ca, cb, o.label, first, last)
			}
			if len(sp.ids) > 0 {
				sentence += " (ATOP alliance " + strings.Join(sp.ids, ", ") + ")"
			}
			src := file + ":" + lineRanges(sp.lines)
			pacts.Add(importers.Pact{A: ca, B: cb, Kind: o.kind, Start: start, End: end, Doc: doc,
				Title: "ATOP dyad-years",
				Evidence: axis.Evidence{Source: src, URL: homepage, Published: start, Sentence: sentence,
					Method: Method, Confidence: Confidence, Status: axis.Confirmed,
					Attrs: dyadAttrs(o.col, k, first, last, sp.ids)}})
		}
	}
	for _, l := range lines {
		if imported[l] {
			sum.Imported++
		} else {
			sum.Skip(why[l], file, l)
		}
	}
}

// lineRanges writes sorted line numbers as ranges: "2-5,18-19"; after four
// ranges the rest is elided.
func lineRanges(lines []int64) string {
	ls := append([]int64(nil), lines...)
	sort.Slice(ls, func(i, j int) bool { return ls[i] < ls[j] })
	var parts []string
	for i := 0; i < len(ls); {
		j := i
		for j+1 < len(ls) && ls[j+1] <= ls[j]+1 {
			j++
		}
		if len(parts) == 4 {
			parts = append(parts, "...")
			break
		}
		if ls[j] == ls[i] {
			parts = append(parts, strconv.FormatInt(ls[i], 10))
		} else {
			parts = append(parts, strconv.FormatInt(ls[i], 10)+"-"+strconv.FormatInt(ls[j], 10))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

func dyadAttrs(col string, k dyadKey, first, last int, ids []string) map[string]string {
	m := map[string]string{"obligation": col, "ccode1": strconv.Itoa(k.a), "ccode2": strconv.Itoa(k.b),
		"first_year": strconv.Itoa(first), "last_year": strconv.Itoa(last)}
	if len(ids) > 0 {
		m["atopids"] = strings.Join(ids, ",")
	}
	return m
}
