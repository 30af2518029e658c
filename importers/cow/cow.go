// Package cow imports the Correlates of War Formal Alliances data set,
// version 4.1, in all six of its CSV files: by dyad and by directed dyad
// (alliance_v4.1_by_dyad.csv, alliance_v4.1_by_directed.csv: one row per
// pair with dyad_st_*/dyad_end_* dates, the directed file once each way),
// by member (alliance_v4.1_by_member.csv: one row per member with
// mem_st_*/mem_end_* dates), and their _yearly variants (one row per year,
// which collapse back into the pact they repeat). right_censor = 1 (still
// in force when the data end, 2012) leaves the pact open; a pair whose
// directed rows carry the defense flag one way only becomes a
// security_guarantee from the bound state.
//
// COW codes an alliance's type by flags; axis takes the strongest:
// defense (type I) → defense_pact, neutrality (IIa) → neutrality_pact,
// nonaggression (IIb) → nonaggression_pact, entente (III) →
// consultation_pact. State numbers map through importers.COWCode, with the
// year deciding for numbers COW reused (Prussia/Germany, USSR/Russia).
package cow

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"axis"
	"axis/importers"
)

// Method is the evidence method of COW rows.
const Method = axis.MethodImportPrefix + "cow"

// Confidence of COW evidence: coded by hand from treaty texts.
const Confidence = 0.9

const publisher = "Correlates of War Project"
const homepage = "https://correlatesofwar.org/data-sets/formal-alliances/"

// types lists COW's alliance flags, strongest first.
var types = []struct {
	col, label string
	kind       axis.Kind
}{
	{"defense", "defense pact (type I)", axis.DefensePact},
	{"neutrality", "neutrality pact (type IIa)", axis.NeutralityPact},
	{"nonaggression", "non-aggression pact (type IIb)", axis.NonaggressionPact},
	{"entente", "entente (type III)", axis.ConsultationPact},
}

var dyadCols = []string{"version4id", "ccode1", "ccode2", "dyad_st_year", "dyad_end_year", "defense", "neutrality", "nonaggression", "entente"}
var memberCols = []string{"version4id", "ccode", "mem_st_year", "mem_end_year", "defense", "neutrality", "nonaggression", "entente"}

// Import reads COW alliance files (by-dyad or by-member, told apart by
// their header) and commits their commitments in one Write.
func Import(ctx context.Context, st axis.Store, paths []string, opt importers.Options) (*importers.Summary, error) {
	return importers.ImportPacts(ctx, st, paths, opt, "cow", readInput)
}

// row is one dyad (or one member, B unset) as read.
type row struct {
	line       int64
	lines      []int64 // the rows a merged dyad or paired members come from
	id         string
	a, b       int
	start, end axis.Date
	flags      [4]bool
	// guarantor is the COW number of the only state of the pair bound to
	// defend the other (COW's directed flags differ), 0 when mutual.
	guarantor int
}

func readInput(ctx context.Context, in *importers.Input, res *importers.Resolver, opt *importers.Options, sum *importers.Summary, pacts *importers.Pacts, read *int64) (*axis.Document, error) {
	rc, err := in.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	hr := importers.NewHashingReader(rc, in.Size)
	want := "a COW alliance file (by dyad, directed dyad or member, yearly or not)"
	t, err := importers.OpenTable(hr, in.Name, want, nil, 0)
	if err != nil {
		return nil, err
	}
	byDyad := hasAll(t, dyadCols)
	if !byDyad && !hasAll(t, memberCols) {
		return nil, importers.WrongFormat(in.Name, t.Line, want, t.Header)
	}
	prefix, c1 := "mem", "ccode"
	if byDyad {
		prefix, c1 = "dyad", "ccode1"
	}
	var rows []row
	err = t.EachRow(ctx, in.Name, opt, sum, func(rec []string) string {
		r, msg := parseRow(t, rec, prefix, c1, byDyad)
		if msg == "" {
			rows = append(rows, r)
		}
		return msg
	})
	if err != nil {
		return nil, err
	}
	*read += hr.N
	if opt.Progress != nil {
		opt.Progress(*read, sum.RowsRead)
	}
	doc := importers.DatasetDocument(hr.Sum(), in.Name, in.Path, publisher, homepage)
	if byDyad {
		rows = mergeDyads(rows)
	} else {
		rows = pairMembers(dedupeMembers(rows), in.Name, sum)
	}
	seen := map[string]bool{}
	// A member row is imported when one of its pairs is, else counted under
	// the first reason one of its pairs was skipped for.
	imported := map[int64]bool{}
	why := map[int64]string{}
	var lines []int64
	for _, r := range rows {
		reason := emit(r, in.Name, doc, res, opt, pacts, seen)
		ls := r.lines
		if ls == nil {
			ls = []int64{r.line}
		}
		for _, l := range ls {
			if _, ok := why[l]; !ok && !imported[l] {
				lines = append(lines, l)
			}
			if reason == "" {
				imported[l] = true
			} else if why[l] == "" {
				why[l] = reason
			}
		}
	}
	for _, l := range lines {
		if imported[l] {
			sum.Imported++
		} else {
			sum.Skip(why[l], in.Name, l)
		}
	}
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

func parseRow(t *importers.Table, rec []string, prefix, c1 string, byDyad bool) (row, string) {
	r := row{line: t.Line, id: t.Get(rec, "version4id")}
	if r.id == "" {
		return r, "version4id is empty"
	}
	var ok bool
	if r.a, ok = t.Int(rec, c1); !ok || r.a <= 0 {
		return r, fmt.Sprintf("%s %q is not a COW state number", c1, t.Get(rec, c1))
	}
	if byDyad {
		if r.b, ok = t.Int(rec, "ccode2"); !ok || r.b <= 0 {
			return r, fmt.Sprintf("ccode2 %q is not a COW state number", t.Get(rec, "ccode2"))
		}
	}
	var n [6]int
	for i, c := range []string{"_st_year", "_st_month", "_st_day", "_end_year", "_end_month", "_end_day"} {
		if n[i], ok = t.Int(rec, prefix+c); !ok {
			return r, fmt.Sprintf("%s%s %q is not a number", prefix, c, t.Get(rec, prefix+c))
		}
	}
	if n[0] <= 0 {
		return r, fmt.Sprintf("%s_st_year %q is not a year", prefix, t.Get(rec, prefix+"_st_year"))
	}
	r.start = importers.DateOf(n[0], n[1], n[2])
	r.end = importers.DateOf(n[3], n[4], n[5])
	// right_censor = 1: still in force when the data end (31 Dec 2012);
	// some rows carry that date as their end, which is not an ending.
	if rc, ok := t.Int(rec, "right_censor"); ok && rc == 1 {
		r.end = axis.Date{}
	}
	if !r.end.IsZero() && r.end.Before(r.start) {
		return r, fmt.Sprintf("ends (%s) before it starts (%s)", r.end, r.start)
	}
	for i, ty := range types {
		f, ok := t.Flag(rec, ty.col)
		if !ok {
			return r, fmt.Sprintf("%s %q is not 0 or 1", ty.col, t.Get(rec, ty.col))
		}
		r.flags[i] = f
	}
	return r, ""
}

// mergeDyads folds the rows of one pact between one pair into one row: the
// two directions of the directed file, and the years of the yearly files.
// When one direction carries the defense flag and the other does not, the
// pact is one-sided: guarantor is the bound state.
func mergeDyads(rows []row) []row {
	type key struct {
		id     string
		lo, hi int
		start  axis.Date
	}
	type dirs struct {
		ab, ba       [4]bool
		hasAB, hasBA bool
	}
	idx := map[key]int{}
	var out []row
	var ds []dirs
	for _, r := range rows {
		lo, hi := min(r.a, r.b), max(r.a, r.b)
		k := key{r.id, lo, hi, r.start}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, row{line: r.line, id: r.id, a: lo, b: hi, start: r.start, end: r.end})
			ds = append(ds, dirs{})
		}
		o, d := &out[i], &ds[i]
		o.lines = append(o.lines, r.line)
		if r.end.IsZero() {
			o.end = axis.Date{}
		} else if !o.end.IsZero() && o.end.Before(r.end) {
			o.end = r.end
		}
		for j, f := range r.flags {
			if r.a == lo {
				d.ab[j] = d.ab[j] || f
			} else {
				d.ba[j] = d.ba[j] || f
			}
		}
		if r.a == lo {
			d.hasAB = true
		} else {
			d.hasBA = true
		}
	}
	for i := range out {
		d := &ds[i]
		for j := range out[i].flags {
			out[i].flags[j] = d.ab[j] || d.ba[j]
		}
		if d.hasAB && d.hasBA && d.ab[0] != d.ba[0] {
			out[i].guarantor = out[i].a
			if d.ba[0] {
				out[i].guarantor = out[i].b
			}
		}
	}
	return out
}

// dedupeMembers folds the repeated rows of the yearly member file (one per
// year, same membership) into one row per membership.
func dedupeMembers(rows []row) []row {
	type key struct {
		id         string
		a          int
		start, end axis.Date
		flags      [4]bool
	}
	idx := map[key]int{}
	var out []row
	for _, r := range rows {
		k := key{r.id, r.a, r.start, r.end, r.flags}
		if i, ok := idx[k]; ok {
			out[i].lines = append(out[i].lines, r.line)
			continue
		}
		idx[k] = len(out)
		r.lines = []int64{r.line}
		out = append(out, r)
	}
	return out
}

// pairMembers turns member rows into dyad rows: every two members of an
// alliance, over the time both were members.
func pairMembers(members []row, file string, sum *importers.Summary) []row {
	byID := map[string][]int{}
	var order []string
	for i, m := range members {
		if _, ok := byID[m.id]; !ok {
			order = append(order, m.id)
		}
		byID[m.id] = append(byID[m.id], i)
	}
	var out []row
	paired := make([]bool, len(members))
	defer func() {
		for i, m := range members {
			if !paired[i] && len(byID[m.id]) > 1 {
				for _, l := range m.lines {
					sum.Skip("no other member at the same time", file, l)
				}
			}
		}
	}()
	for _, id := range order {
		idx := byID[id]
		if len(idx) == 1 {
			for _, l := range members[idx[0]].lines {
				sum.Skip("no other member in the alliance", file, l)
			}
			continue
		}
		for x := 0; x < len(idx); x++ {
			for y := x + 1; y < len(idx); y++ {
				a, b := members[idx[x]], members[idx[y]]
				if a.a == b.a {
					continue
				}
				start := a.start
				if start.Before(b.start) {
					start = b.start
				}
				end := a.end
				if end.IsZero() || !b.end.IsZero() && b.end.Before(end) {
					end = b.end
				}
				if !end.IsZero() && end.Before(start) {
					continue
				}
				paired[idx[x]], paired[idx[y]] = true, true
				var flags [4]bool
				for i := range flags {
					flags[i] = a.flags[i] || b.flags[i]
				}
				guarantor := 0
				if a.flags[0] != b.flags[0] {
					guarantor = a.a
					if b.flags[0] {
						guarantor = b.a
					}
				}
				lines := append(append([]int64(nil), a.lines...), b.lines...)
				out = append(out, row{line: a.line, lines: lines, id: id, a: a.a, b: b.a, start: start, end: end, flags: flags, guarantor: guarantor})
			}
		}
	}
	return out
}

// emit adds the pact of one dyad, or returns why it skipped it.
func emit(r row, file string, doc *axis.Document, res *importers.Resolver, opt *importers.Options, pacts *importers.Pacts, seen map[string]bool) string {
	ty := -1
	for i, f := range r.flags {
		if f {
			ty = i
			break
		}
	}
	if ty < 0 {
		return importers.ReasonNoObligation
	}
	ca, cb := importers.COWCode(r.a, r.start.Year), importers.COWCode(r.b, r.start.Year)
	if ca == "" || cb == "" || !res.Use(ca) || !res.Use(cb) {
		return importers.ReasonUnknownCode
	}
	if !opt.KeepActors(ca, cb) {
		return importers.ReasonFilterActors
	}
	if !opt.KeepSpan(r.start, r.end) {
		return importers.ReasonFilterDate
	}
	lo, hi := min(r.a, r.b), max(r.a, r.b)
	key := fmt.Sprintf("%s/%d/%d/%s", r.id, lo, hi, r.start)
	if seen[key] {
		return "" // the same membership listed twice
	}
	seen[key] = true
	t := types[ty]
	kind, label, src, tgt := t.kind, t.label, ca, cb
	if ty == 0 && r.guarantor != 0 {
		kind, label = axis.SecurityGuarantee, "one-sided defense pact (type I, only "+pickCode(r.guarantor == r.a, ca, cb)+" bound)"
		if r.guarantor != r.a {
			src, tgt = cb, ca
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "COW alliance %s: %s and %s, %s, from %s", r.id, src, tgt, label, r.start)
	if r.end.IsZero() {
		b.WriteString(", still in force")
	} else {
		fmt.Fprintf(&b, " to %s", r.end)
	}
	pacts.Add(importers.Pact{A: src, B: tgt, Kind: kind, Start: r.start, End: r.end, Doc: doc,
		Title: "COW alliance " + r.id,
		Evidence: axis.Evidence{Source: fmt.Sprintf("%s:%d", file, r.line), URL: homepage, Published: r.start,
			Sentence: b.String(), Method: Method, Confidence: Confidence, Status: axis.Confirmed,
			Attrs: map[string]string{"version4id": r.id, "type": t.col, "ccode1": strconv.Itoa(r.a), "ccode2": strconv.Itoa(r.b)}}})
	return ""
}

func pickCode(first bool, a, b string) string {
	if first {
		return a
	}
	return b
}
