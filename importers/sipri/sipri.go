// Package sipri imports trade registers exported from the SIPRI Arms
// Transfers Database, in each layout SIPRI has published (told apart by
// their header, found below the export's lines of notes):
//
//   - the classic register (armstrade.sipri.org until 2023): one row per
//     deal, "Recipient, Supplier, Year of order, ..., SIPRI TIV of delivered
//     weapons", unnamed columns with "?" marks, estimates in brackets,
//     Latin-1, commas (semicolons are accepted too);
//   - the register of armstransfers.sipri.org (2024 on): one row per deal
//     and delivery year, "SIPRI AT Database ID, Supplier, Recipient,
//     Designation, Description, Armament category, Order date, ..., TIV deal
//     unit, TIV delivery values, Local production", UTF-8 with a BOM;
//   - the older DealsAndTIVs text export: the same columns as "Deal ID;
//     Seller; Buyer; ...", separated by semicolons.
//
// TIV tables (yearly totals by country) name no deals and are refused.
//
// Deals become arms transfers supplier → recipient dated by the year of
// order; the weapon description (or the "Armament category" column of
// newer exports) picks the arms item; the TIV of the order (of the
// deliveries in the newer layouts) becomes the relation's quantity (unit
// "tiv", millions). Deals of the same item between the same pair in the
// same year are one relation whose quantity is their sum, with one piece
// of evidence per deal.
package sipri

import (
	"bufio"
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
// actor) and "**" (organisation) marks, then without a parenthesised
// country ("Hezbollah (Lebanon)*", "East Germany (GDR)"), then without a
// trailing "rebels" ("Houthi rebels (Yemen)*" is the Houthis). Curly
// apostrophes count as straight ones ("Côte d’Ivoire").
func name(res *importers.Resolver, s string) string {
	s = strings.TrimSpace(s)
	if c := res.ByName(s); c != "" {
		return c
	}
	s = strings.ReplaceAll(strings.TrimRight(s, "* "), "’", "'")
	if c := res.ByName(s); c != "" {
		return c
	}
	s = parenRE.ReplaceAllString(s, "")
	if c := res.ByName(s); c != "" {
		return c
	}
	// "Houthi rebels (Yemen)*", "Syria rebels*": the group's own name.
	for _, suffix := range []string{" rebels", " Rebels", " forces", " government"} {
		if t, ok := strings.CutSuffix(s, suffix); ok {
			return res.ByName(t)
		}
	}
	return ""
}

// Layouts of the SIPRI exports axis reads, told apart by their header.
const (
	// layoutRegister is the classic trade register (armstrade.sipri.org,
	// until 2023): one row per deal, 16 columns from "Recipient, Supplier,
	// Year of order" to "SIPRI TIV of delivered weapons", unnamed columns
	// holding "?" marks, comma-separated, Latin-1, about 11 lines of notes
	// before the header.
	layoutRegister = iota
	// layoutDeals is the deal-by-year export: the trade register of
	// armstransfers.sipri.org (2024 on: "SIPRI AT Database ID, Supplier,
	// Recipient, Designation, Description, Armament category, Order date,
	// ... TIV deal unit, TIV delivery values, Local production",
	// comma-separated) and the older DealsAndTIVs text export ("Deal ID;
	// Seller; Buyer; ..." separated by semicolons). One row per deal and
	// delivery year, estimates flagged in "... is estimate" columns.
	layoutDeals
)

var dealsRequired = []string{"Designation", "Description", "Order date", "Delivery year", "TIV delivery values"}

// sniff looks at the first lines of a file for the header of a layout and
// the separator it uses. A SIPRI TIV table (yearly totals by country, no
// deals) is refused here with a message saying what to export instead.
func sniff(br *bufio.Reader, file string) (layout int, comma rune, err error) {
	head, _ := br.Peek(64 << 10)
	lines := strings.Split(string(head), "\n")
	for i, l := range lines {
		if i > 60 {
			break
		}
		low := strings.ToLower(strings.TrimPrefix(l, "\ufeff"))
		comma = ','
		if strings.Count(low, ";") > strings.Count(low, ",") {
			comma = ';'
		}
		fields := strings.Split(low, string(comma))
		for j := range fields {
			fields[j] = strings.Trim(strings.TrimSpace(fields[j]), `"`)
		}
		has := func(names ...string) bool {
			for _, n := range names {
				found := false
				for _, f := range fields {
					found = found || f == n
				}
				if !found {
					return false
				}
			}
			return true
		}
		switch {
		case has("recipient", "supplier", "year of order"):
			return layoutRegister, comma, nil
		case (has("supplier", "recipient") || has("seller", "buyer")) && has("delivery year"):
			return layoutDeals, comma, nil
		case len(fields) > 2 && (fields[0] == "recipient" || fields[0] == "supplier" || fields[0] == "") && isYear(fields[1]) && isYear(fields[2]):
			return 0, 0, axis.Errorf(axis.EINVALID, "%s:%d: this is a SIPRI TIV table (yearly totals by country, no deals), not a trade register: in the SIPRI Arms Transfers Database choose \"Trade registers\" and export that as CSV", file, i+1)
		}
	}
	return layoutRegister, ',', nil
}

func isYear(s string) bool {
	y, err := strconv.Atoi(s)
	return err == nil && y >= 1900 && y <= 2200
}

func readInput(ctx context.Context, in *importers.Input, res *importers.Resolver, opt *importers.Options, sum *importers.Summary, deals map[dealKey]*deal, order *[]dealKey, read *int64) (*axis.Document, error) {
	rc, err := in.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	hr := importers.NewHashingReader(rc, in.Size)
	br := bufio.NewReaderSize(hr, 64<<10)
	layout, comma, err := sniff(br, in.Name)
	if err != nil {
		return nil, err
	}
	req := required
	if layout == layoutDeals {
		req = dealsRequired
	}
	// The export starts with a few lines of notes before the header.
	t, err := importers.OpenTableSep(br, in.Name, "a SIPRI trade register", req, 60, comma)
	if err != nil {
		return nil, err
	}
	doc := importers.DatasetDocument("", in.Name, in.Path, publisher, homepage)
	add := func(r *record) { addRecord(r, in.Name, doc, res, opt, sum, deals, order) }
	if layout == layoutDeals {
		err = readDeals(ctx, t, in.Name, opt, sum, add)
	} else {
		err = readRegister(ctx, t, in.Name, opt, sum, add)
	}
	if err != nil {
		return nil, err
	}
	*read += hr.N
	if opt.Progress != nil {
		opt.Progress(*read, sum.RowsRead)
	}
	doc.ID = hr.Sum()
	return doc, nil
}

// record is one deal as read from either layout.
type record struct {
	line                    int64 // first row
	source                  string
	rows                    int64 // rows it comes from
	dealID                  string
	supplier, recipient     string
	year                    int
	designation, descr, cat string
	ordered, delivered      int // ordered -1: not in the layout
	years                   []string
	tivUnit, tivTotal       float64
	tivDelivered            float64
	status, comments, local string
	uncertain               bool
}

// rows reads the next record of t with the usual bookkeeping: rows split
// badly go to sum (or stop the import), blank rows are passed over.
func nextRow(ctx context.Context, t *importers.Table, file string, opt *importers.Options, sum *importers.Summary) ([]string, error) {
	for {
		rec, err := t.Next()
		if err != nil {
			var bad *importers.BadRow
			if errors.As(err, &bad) {
				sum.RowsRead++
				if err := sum.Bad(opt, file, bad.Line, "%s", bad.Msg); err != nil {
					return nil, err
				}
				continue
			}
			return nil, err
		}
		if strings.TrimSpace(strings.Trim(strings.Join(rec, ""), ";")) == "" {
			continue
		}
		sum.RowsRead++
		if sum.RowsRead%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		return rec, nil
	}
}

func readRegister(ctx context.Context, t *importers.Table, file string, opt *importers.Options, sum *importers.Summary, add func(*record)) error {
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
		rec, err := nextRow(ctx, t, file, opt, sum)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		bad := func(format string, args ...any) error { return sum.Bad(opt, file, t.Line, format, args...) }
		r := record{line: t.Line, source: fmt.Sprintf("%s:%d", file, t.Line), rows: 1,
			recipient: t.Get(rec, "Recipient"), supplier: t.Get(rec, "Supplier"),
			designation: t.Get(rec, "Weapon designation"), descr: t.Get(rec, "Weapon description"),
			cat: t.Get(rec, "Armament category"), status: t.Get(rec, "status"), comments: t.Get(rec, "Comments")}
		yearText := strings.Trim(t.Get(rec, "Year of order"), "()? ")
		year, err := strconv.Atoi(yearText)
		if err != nil || year < 1900 || year > 2200 {
			if err := bad("Year of order %q is not a year", t.Get(rec, "Year of order")); err != nil {
				return err
			}
			continue
		}
		r.year = year
		if r.recipient == "" || r.supplier == "" {
			if err := bad("supplier or recipient is empty"); err != nil {
				return err
			}
			continue
		}
		var u1, u2, u3 bool
		var ok1, ok2, ok3, ok4, ok5 bool
		r.ordered, u1, ok1 = count(t.Get(rec, "Number ordered"))
		r.delivered, u2, ok2 = count(t.Get(rec, "Number delivered"))
		r.tivUnit, ok3 = num(t.Get(rec, "SIPRI TIV per unit"))
		r.tivTotal, ok4 = num(t.Get(rec, "SIPRI TIV for total order"))
		r.tivDelivered, ok5 = num(t.Get(rec, "SIPRI TIV of delivered weapons"))
		if !(ok1 && ok2 && ok3 && ok4 && ok5) {
			if err := bad("a number column (numbers ordered/delivered, TIV) holds text"); err != nil {
				return err
			}
			continue
		}
		years, u3, ok := deliveryYears(t.Get(rec, "Year(s) of delivery"))
		if !ok {
			if err := bad("Year(s) of delivery %q is not a list of years", t.Get(rec, "Year(s) of delivery")); err != nil {
				return err
			}
			continue
		}
		r.years = years
		r.uncertain = u1 || u2 || u3 || yearText != t.Get(rec, "Year of order") ||
			uncertain(rec, "Year of order") || uncertain(rec, "Number ordered") || uncertain(rec, "Number delivered")
		add(&r)
	}
}

// dealRows gathers the rows of one deal of the deal-by-year layout.
type dealRows struct {
	record
	lines []int64
	seen  map[string]bool // delivery years
}

func readDeals(ctx context.Context, t *importers.Table, file string, opt *importers.Options, sum *importers.Summary, add func(*record)) error {
	t.Alias("Supplier", "Seller")
	t.Alias("Recipient", "Buyer")
	t.Alias("Deal ID", "SIPRI AT Database ID")
	t.Alias("Local production", "Local production;")
	if !t.Has("Supplier") || !t.Has("Recipient") {
		return importers.WrongFormat(file, t.Line, "a SIPRI trade register", t.Header)
	}
	byID := map[string]*dealRows{}
	var order []*dealRows
	for {
		rec, err := nextRow(ctx, t, file, opt, sum)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		bad := func(format string, args ...any) error { return sum.Bad(opt, file, t.Line, format, args...) }
		supplier, recipient := t.Get(rec, "Supplier"), t.Get(rec, "Recipient")
		orderText := t.Get(rec, "Order date")
		year, err := strconv.Atoi(strings.Trim(orderText, "()? "))
		if err != nil || year < 1900 || year > 2200 {
			if err := bad("Order date %q is not a year", orderText); err != nil {
				return err
			}
			continue
		}
		if supplier == "" || recipient == "" {
			if err := bad("supplier or recipient is empty"); err != nil {
				return err
			}
			continue
		}
		n, u1, ok1 := count(t.Get(rec, "Numbers delivered"))
		unit, ok2 := num(t.Get(rec, "TIV deal unit"))
		tiv, ok3 := num(t.Get(rec, "TIV delivery values"))
		if !(ok1 && ok2 && ok3) {
			if err := bad("a number column (numbers delivered, TIV) holds text"); err != nil {
				return err
			}
			continue
		}
		dy := strings.Trim(t.Get(rec, "Delivery year"), "()? ")
		if dy != "" && !isYear(dy) {
			if err := bad("Delivery year %q is not a year", t.Get(rec, "Delivery year")); err != nil {
				return err
			}
			continue
		}
		id := t.Get(rec, "Deal ID")
		key := id
		if key == "" {
			key = fmt.Sprintf("line %d", t.Line)
		}
		d := byID[key]
		if d == nil {
			d = &dealRows{record: record{line: t.Line, dealID: id, supplier: supplier, recipient: recipient, year: year,
				designation: t.Get(rec, "Designation"), descr: t.Get(rec, "Description"), cat: t.Get(rec, "Armament category"),
				ordered: -1, status: t.Get(rec, "Status"), tivUnit: unit,
				local: strings.TrimRight(t.Get(rec, "Local production"), "; ")}, seen: map[string]bool{}}
			byID[key] = d
			order = append(order, d)
		}
		d.lines = append(d.lines, t.Line)
		d.delivered += n
		d.tivDelivered += tiv
		if dy != "" && !d.seen[dy] {
			d.seen[dy] = true
			d.years = append(d.years, dy)
		}
		d.uncertain = d.uncertain || u1 || yes(t.Get(rec, "Order date is estimate")) ||
			yes(t.Get(rec, "Numbers delivered is estimate")) || yes(t.Get(rec, "Delivery year is estimate"))
	}
	for _, d := range order {
		r := d.record
		r.rows = int64(len(d.lines))
		sort.Strings(r.years)
		l0, l1 := d.lines[0], d.lines[len(d.lines)-1]
		r.source = fmt.Sprintf("%s:%d", file, l0)
		if l1 != l0 {
			r.source = fmt.Sprintf("%s:%d-%d", file, l0, l1)
		}
		r.tivTotal = r.tivDelivered
		add(&r)
	}
	return nil
}

// yes reads SIPRI's estimate flags ("Yes", "True", "1", "?" or "x").
func yes(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "y", "true", "1", "?", "x":
		return true
	}
	return false
}

// addRecord resolves a deal's parties, applies the filters and adds it to
// its (supplier, recipient, item, year) relation.
func addRecord(r *record, file string, doc *axis.Document, res *importers.Resolver, opt *importers.Options, sum *importers.Summary, deals map[dealKey]*deal, order *[]dealKey) {
	where := fmt.Sprintf("%s:%d", file, r.line)
	src, tgt := name(res, r.supplier), name(res, r.recipient)
	switch {
	case src == "" || tgt == "":
		sum.SkipN(ReasonUnknownName, r.rows, where)
		return
	case !res.Use(src) || !res.Use(tgt):
		sum.SkipN(importers.ReasonUnknownCode, r.rows, where)
		return
	case src == tgt:
		sum.SkipN(importers.ReasonSameActor, r.rows, where)
		return
	case !opt.KeepActors(src, tgt):
		sum.SkipN(importers.ReasonFilterActors, r.rows, where)
		return
	}
	date := axis.Date{Year: r.year}
	if !opt.KeepDate(date) {
		sum.SkipN(importers.ReasonFilterDate, r.rows, where)
		return
	}
	sum.Imported += r.rows
	item := Item(r.descr, r.cat)
	status := axis.Confirmed
	if r.uncertain {
		status = axis.Reported
	}
	var b strings.Builder
	b.WriteString("SIPRI")
	if r.dealID != "" {
		fmt.Fprintf(&b, " deal %s", r.dealID)
	}
	fmt.Fprintf(&b, ": %s ordered ", r.recipient)
	if r.ordered > 0 {
		fmt.Fprintf(&b, "%d ", r.ordered)
	}
	fmt.Fprintf(&b, "%s (%s) from %s in %d", r.designation, r.descr, r.supplier, r.year)
	if len(r.years) > 0 {
		fmt.Fprintf(&b, "; %d delivered in %s", r.delivered, strings.Join(r.years, ", "))
	}
	if r.tivTotal > 0 {
		fmt.Fprintf(&b, "; TIV %s million", fmtNum(r.tivTotal))
	}
	if r.comments != "" {
		fmt.Fprintf(&b, " (%s)", r.comments)
	}
	attrs := map[string]string{
		"designation": r.designation, "description": r.descr,
		"number_delivered": strconv.Itoa(r.delivered),
		"delivery_years":   strings.Join(r.years, ";"), "status": r.status,
		"tiv_per_unit": fmtNum(r.tivUnit), "tiv_delivered": fmtNum(r.tivDelivered),
	}
	if r.ordered >= 0 {
		attrs["number_ordered"] = strconv.Itoa(r.ordered)
		attrs["tiv_total"] = fmtNum(r.tivTotal)
	}
	for k, v := range map[string]string{"deal_id": r.dealID, "armament_category": r.cat, "local_production": r.local} {
		if v != "" {
			attrs[k] = v
		}
	}
	if status == axis.Reported {
		attrs["uncertain"] = "SIPRI marks a figure of this deal as uncertain or estimated"
	}
	ev := axis.Evidence{Source: r.source, URL: homepage, Published: date,
		Sentence: b.String(), Method: Method, Confidence: Confidence, Status: status, Attrs: attrs}
	k := dealKey{src, tgt, item, r.year}
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
	if len(r.years) > 0 {
		last, _ := strconv.Atoi(r.years[len(r.years)-1])
		if u := (axis.Date{Year: last}); d.rel.Until.Before(u) && !u.Before(date) {
			d.rel.Until = u
		}
	}
	if r.tivTotal > 0 {
		d.tiv += r.tivTotal
	} else {
		d.tiv += r.tivDelivered
	}
	d.rel.Evidence = append(d.rel.Evidence, ev)
	d.docs = append(d.docs, doc)
}

// num parses a TIV; empty is 0. SIPRI writes estimates in parentheses or
// with "?"; the figure is taken as it stands.
func num(s string) (float64, bool) {
	s = strings.Trim(strings.TrimSpace(strings.ReplaceAll(s, ",", "")), "()? ")
	if s == "" {
		return 0, true
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil && v >= 0
}

// count parses a number of weapons: "12", "(12)" (a SIPRI estimate), "12?"
// or empty (0). uncertain reports the estimate marks.
func count(s string) (n int, uncertain bool, ok bool) {
	s = strings.TrimSpace(s)
	t := strings.Trim(s, "()? ")
	if t == "" {
		return 0, s != "", true
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(t, ",", ""), 64)
	if err != nil || f < 0 || f != float64(int(f)) {
		return 0, false, false
	}
	return int(f), t != s, true
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

var (
	yearTok  = regexp.MustCompile(`^\(?(\d{4})\)?\??(?:\s*\(\d+\??\))?$`)
	rangeTok = regexp.MustCompile(`^\(?(\d{4})\)?\s*[-–]\s*\(?(\d{4})\)?\??$`)
)

// deliveryYears splits SIPRI's delivery years: "2020; 2021" (older exports
// use commas), ranges "2014-2016", estimated years "(2015)" or "2015?", and
// a year with its number "2023(2)". uncertain reports the estimate marks.
func deliveryYears(s string) (years []string, uncertain bool, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, false, true
	}
	add := func(y int) {
		ys := strconv.Itoa(y)
		for _, x := range years {
			if x == ys {
				return
			}
		}
		years = append(years, ys)
	}
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if strings.HasPrefix(p, "(") || strings.HasSuffix(p, "?") {
			uncertain = true
		}
		if m := rangeTok.FindStringSubmatch(p); m != nil {
			a, _ := strconv.Atoi(m[1])
			b, _ := strconv.Atoi(m[2])
			if a < 1900 || b > 2200 || b < a || b-a > 100 {
				return nil, false, false
			}
			for y := a; y <= b; y++ {
				add(y)
			}
			continue
		}
		m := yearTok.FindStringSubmatch(p)
		if m == nil {
			return nil, false, false
		}
		y, _ := strconv.Atoi(m[1])
		if y < 1900 || y > 2200 {
			return nil, false, false
		}
		add(y)
	}
	sort.Strings(years)
	return years, uncertain, true
}
