// Package sipri imports the trade registers exported (as CSV) from the
// SIPRI Arms Transfers Database: one row per deal with recipient,
// supplier, year of order, numbers ordered and delivered, weapon
// designation and description, years of delivery and SIPRI trend-indicator
// values (TIV, in millions).
//
// Deals become arms transfers supplier → recipient dated by the year of
// order; the weapon description (or the "Armament category" column of
// newer exports) picks the arms item; the TIV of the order becomes the
// relation's quantity (unit "tiv", millions). Deals of the same item
// between the same pair in the same year are one relation whose quantity
// is their sum, with one piece of evidence per deal.
package sipri

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"axis"
	"axis/importers"
)

// Method is the evidence method of SIPRI rows.
const Method = axis.MethodImportPrefix + "sipri"

// Confidence of SIPRI evidence: curated from open sources, with estimates.
const Confidence = 0.85

const publisher = "SIPRI Arms Transfers Database"
const homepage = "https://www.sipri.org/databases/armstransfers"

// ReasonUnknownName is the skip reason for suppliers or recipients that
// match no actor name or alias.
const ReasonUnknownName = "unknown supplier or recipient name"

var required = []string{"Recipient", "Supplier", "Year of order", "Number ordered", "Weapon designation", "Weapon description"}

// Item picks the arms item for a weapon description and, when the export
// has one, its armament category.
func Item(description, category string) string {
	d := " " + strings.ToLower(description) + " "
	c := strings.ToLower(category)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(d, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("uav", "ucav", "drone", "unmanned", "loitering munition"):
		return "drones"
	case strings.HasPrefix(c, "air defen") || has(" sam", "sam system", "air defen", "anti-aircraft", " aa gun", "surface-to-air"):
		return "air_defense"
	case has("ballistic missile", " srbm", " mrbm", " bm ", "ballistic"):
		return "ballistic_missiles"
	case has("cruise missile", "anti-ship missile", "land-attack missile", "anti-ship", " asm"):
		return "cruise_missiles"
	case has("tanker", "transport ac", "helicopter", "fighter"):
		return "aircraft"
	case has("naval gun", "torpedo", "anti-submarine"):
		return "naval"
	case has("shell", "ammunition"):
		return "artillery_ammunition"
	case c == "artillery" || has("howitzer", "self-propelled gun", "towed gun", " mrl", "rocket launcher", "mortar", " gun "):
		return "artillery_systems"
	case c == "armoured vehicles" || has("tank", " apc", " ifv", "armoured", "armored", " afv", " apv", "mrap"):
		return "armored_vehicles"
	case c == "ships" || c == "naval weapons" || strings.HasPrefix(c, "anti-submarine") ||
		has("frigate", "corvette", "submarine", "destroyer", "patrol craft", "ship", "landing", "minehunter", "minesweeper", " fac", " opv", "torpedo", "naval"):
		return "naval"
	case c == "aircraft" || has("aircraft", "fighter", "helicopter", "trainer", " fga", "bomber", "tanker", "transport ac", " ac "):
		return "aircraft"
	case has("rifle", "small arms", "machine gun", "pistol"):
		return "small_arms"
	}
	return "other_arms"
}

// Import reads SIPRI trade registers and commits their transfers in one
// Write.
func Import(ctx context.Context, st axis.Store, paths []string, opt importers.Options) (*importers.Summary, error) {
	run, err := importers.Prepare(ctx, st, paths, opt, "sipri")
	if err != nil {
		return nil, err
	}
	deals := map[dealKey]*deal{}
	var order []dealKey
	var read int64
	docs, err := run.ReadAll(func(in *importers.Input) (*axis.Document, error) {
		return readInput(ctx, in, run.Resolver, &opt, run.Summary, deals, &order, &read)
	})
	if err != nil {
		return run.Summary, err
	}
	rels := make([]*axis.Relation, 0, len(order))
	for _, k := range order {
		d := deals[k]
		for i := range d.rel.Evidence {
			d.rel.Evidence[i].DocumentID = d.docs[i].ID
		}
		if d.tiv > 0 {
			d.rel.Quantity = &axis.Quantity{Value: d.tiv, Unit: "tiv"}
		}
		rels = append(rels, d.rel)
	}
	sort.SliceStable(rels, func(i, j int) bool { return rels[i].Date.Before(rels[j].Date) })
	run.Summary.SortSkips()
	return run.Summary, importers.Commit(ctx, st, run.Summary, docs, run.Resolver, rels)
}

type dealKey struct {
	src, tgt, item string
	year           int
}

type deal struct {
	rel  *axis.Relation
	tiv  float64
	docs []*axis.Document
}

var parenRE = regexp.MustCompile(`\s*\(.*\)\s*$`)

// name resolves a SIPRI party name: as given, without SIPRI's "*" (non-state
// actor) marks, then without a parenthesised country ("Hezbollah
// (Lebanon)*").
func name(res *importers.Resolver, s string) string {
	s = strings.TrimSpace(s)
	if c := res.ByName(s); c != "" {
		return c
	}
	s = strings.TrimRight(s, "* ")
	if c := res.ByName(s); c != "" {
		return c
	}
	return res.ByName(parenRE.ReplaceAllString(s, ""))
}

func readInput(ctx context.Context, in *importers.Input, res *importers.Resolver, opt *importers.Options, sum *importers.Summary, deals map[dealKey]*deal, order *[]dealKey, read *int64) (*axis.Document, error) {
	rc, err := in.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	hr := importers.NewHashingReader(rc, in.Size)
	// The export starts with a few lines of notes before the header.
	t, err := importers.OpenTable(hr, in.Name, "a SIPRI trade register", required, 40)
	if err != nil {
		return nil, err
	}
	doc := importers.DatasetDocument("", in.Name, in.Path, publisher, homepage)
	// The unnamed columns after year of order, number ordered and number
	// delivered hold SIPRI's "?" uncertainty marks.
	flagAfter := map[string]int{}
	for i, h := range t.Header {
		if strings.TrimSpace(h) == "" && i > 0 {
			flagAfter[strings.ToLower(strings.TrimSpace(t.Header[i-1]))] = i
		}
	}
	uncertain := func(rec []string, col string) bool {
		i, ok := flagAfter[strings.ToLower(col)]
		return ok && strings.Contains(rec[i], "?")
	}
	for {
		rec, err := t.Next()
		if err == io.EOF {
			break
		}
		var bad *importers.BadRow
		if errors.As(err, &bad) {
			sum.RowsRead++
			if err := sum.Bad(opt, in.Name, bad.Line, "%s", bad.Msg); err != nil {
				return nil, err
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		sum.RowsRead++
		if sum.RowsRead%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		recipient, supplier := t.Get(rec, "Recipient"), t.Get(rec, "Supplier")
		year, ok := t.Int(rec, "Year of order")
		if !ok || year < 1900 || year > 2200 {
			if err := sum.Bad(opt, in.Name, t.Line, "Year of order %q is not a year", t.Get(rec, "Year of order")); err != nil {
				return nil, err
			}
			continue
		}
		if recipient == "" || supplier == "" {
			if err := sum.Bad(opt, in.Name, t.Line, "supplier or recipient is empty"); err != nil {
				return nil, err
			}
			continue
		}
		ordered, ok1 := t.Int(rec, "Number ordered")
		delivered, ok2 := t.Int(rec, "Number delivered")
		tivUnit, ok3 := num(t.Get(rec, "SIPRI TIV per unit"))
		tivTotal, ok4 := num(t.Get(rec, "SIPRI TIV for total order"))
		tivDel, ok5 := num(t.Get(rec, "SIPRI TIV of delivered weapons"))
		if !(ok1 && ok2 && ok3 && ok4 && ok5) {
			if err := sum.Bad(opt, in.Name, t.Line, "a number column (numbers ordered/delivered, TIV) holds text"); err != nil {
				return nil, err
			}
			continue
		}
		years, ok := deliveryYears(t.Get(rec, "Year(s) of delivery"))
		if !ok {
			if err := sum.Bad(opt, in.Name, t.Line, "Year(s) of delivery %q is not a list of years", t.Get(rec, "Year(s) of delivery")); err != nil {
				return nil, err
			}
			continue
		}
		src, tgt := name(res, supplier), name(res, recipient)
		if src == "" || tgt == "" {
			sum.Skip(ReasonUnknownName, in.Name, t.Line)
			continue
		}
		if !res.Use(src) || !res.Use(tgt) {
			sum.Skip(importers.ReasonUnknownCode, in.Name, t.Line)
			continue
		}
		if src == tgt {
			sum.Skip(importers.ReasonSameActor, in.Name, t.Line)
			continue
		}
		if !opt.KeepActors(src, tgt) {
			sum.Skip(importers.ReasonFilterActors, in.Name, t.Line)
			continue
		}
		date := axis.Date{Year: year}
		if !opt.KeepDate(date) {
			sum.Skip(importers.ReasonFilterDate, in.Name, t.Line)
			continue
		}
		sum.Imported++
		designation, description := t.Get(rec, "Weapon designation"), t.Get(rec, "Weapon description")
		item := Item(description, t.Get(rec, "Armament category"))
		status := axis.Confirmed
		if uncertain(rec, "Year of order") || uncertain(rec, "Number ordered") || uncertain(rec, "Number delivered") {
			status = axis.Reported
		}
		var b strings.Builder
		fmt.Fprintf(&b, "SIPRI: %s ordered ", recipient)
		if ordered > 0 {
			fmt.Fprintf(&b, "%d ", ordered)
		}
		fmt.Fprintf(&b, "%s (%s) from %s in %d", designation, description, supplier, year)
		if len(years) > 0 {
			fmt.Fprintf(&b, "; %d delivered in %s", delivered, strings.Join(years, ", "))
		}
		if tivTotal > 0 {
			fmt.Fprintf(&b, "; TIV %s million", strconv.FormatFloat(tivTotal, 'f', -1, 64))
		}
		if c := t.Get(rec, "Comments"); c != "" {
			fmt.Fprintf(&b, " (%s)", c)
		}
		attrs := map[string]string{
			"designation": designation, "description": description,
			"number_ordered": strconv.Itoa(ordered), "number_delivered": strconv.Itoa(delivered),
			"delivery_years": strings.Join(years, ";"), "status": t.Get(rec, "status"),
			"tiv_per_unit": fmtNum(tivUnit), "tiv_total": fmtNum(tivTotal), "tiv_delivered": fmtNum(tivDel),
		}
		if status == axis.Reported {
			attrs["uncertain"] = "SIPRI marks a figure of this deal with ?"
		}
		ev := axis.Evidence{Source: fmt.Sprintf("%s:%d", in.Name, t.Line), URL: homepage, Published: date,
			Sentence: b.String(), Method: Method, Confidence: Confidence, Status: status, Attrs: attrs}
		k := dealKey{src, tgt, item, year}
		d := deals[k]
		if d == nil {
			d = &deal{rel: &axis.Relation{Source: src, Target: tgt, Kind: axis.Arms, Item: item, Date: date, Status: status}}
			deals[k] = d
			*order = append(*order, k)
		} else {
			d.rel.Events++
		}
		if d.rel.Events == 0 {
			d.rel.Events = 1
		}
		d.rel.Status = d.rel.Status.Stronger(status)
		if len(years) > 0 {
			last, _ := strconv.Atoi(years[len(years)-1])
			if u := (axis.Date{Year: last}); d.rel.Until.Before(u) && !u.Before(date) {
				d.rel.Until = u
			}
		}
		if tivTotal > 0 {
			d.tiv += tivTotal
		} else {
			d.tiv += tivDel
		}
		d.rel.Evidence = append(d.rel.Evidence, ev)
		d.docs = append(d.docs, doc)
	}
	*read += hr.N
	if opt.Progress != nil {
		opt.Progress(*read, sum.RowsRead)
	}
	doc.ID = hr.Sum()
	return doc, nil
}

// num parses a TIV; empty is 0.
func num(s string) (float64, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", ""))
	if s == "" {
		return 0, true
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil && v >= 0
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// deliveryYears splits "2020; 2021" (SIPRI separates with semicolons, older
// exports with commas).
func deliveryYears(s string) ([]string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, true
	}
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		p = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(p), "?"))
		y, err := strconv.Atoi(p)
		if err != nil || y < 1900 || y > 2200 {
			return nil, false
		}
		out = append(out, p)
	}
	return out, true
}
