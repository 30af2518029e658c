package gdelt

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"axis"
	"axis/importers"
)

// Method is the evidence method of GDELT rows.
const Method = axis.MethodImportPrefix + "gdelt"

// Confidence is given to GDELT evidence: machine-coded from news, often
// right about who and what, sometimes wrong about the direction or kind.
const Confidence = 0.5

// Publisher names GDELT in dataset documents.
const Publisher = "The GDELT Project"

// cameoCountry maps CAMEO country codes that are not the ISO code we use.
var cameoCountry = map[string]string{
	"ROM": "ROU", // CAMEO's older code for Romania
	"ZAR": "COD", // Zaire
	"TMP": "TLS", // East Timor
	"KSV": "XKX", // Kosovo
	"KOS": "XKX",
	"SER": "SRB",
	"YUG": "YUG",
	"SUN": "SUN",
	"PSE": "PSE",
	"WSB": "PSE", // CAMEO's West Bank
	"GZS": "PSE", // CAMEO's Gaza Strip
}

// cameoGroup maps CAMEO known-group codes (ActorKnownGroupCode) to actor
// codes, used when an actor has no country code.
var cameoGroup = map[string]string{
	"NAT": "NATO",
	"EEC": "EU",
	"UNO": "UN",
	"ASN": "ASEAN",
	"OPC": "OPEC",
	"ARL": "ARAB_LEAGUE",
	"AFB": "AU",
	"HEZ": "HEZBOLLAH",
	"HMS": "HAMAS",
	"TAL": "TALIBAN",
}

// actorTable resolves CAMEO codes to actor indexes lazily, so an actor is
// checked against the store (or added from the country tables) only when
// a row needs it.
type actorTable struct {
	res    *importers.Resolver
	opt    *importers.Options
	index  map[string]int // CAMEO code → index in codes
	codes  []string       // our codes
	state  []int8         // 0 unchecked, 1 usable, -1 unknown
	filter []bool         // in --actors
}

func newActorTable(res *importers.Resolver, opt *importers.Options) *actorTable {
	t := &actorTable{res: res, opt: opt, index: map[string]int{}}
	add := func(cameo, code string) {
		i := -1
		for j, c := range t.codes {
			if c == code {
				i = j
			}
		}
		if i < 0 {
			t.codes = append(t.codes, code)
			t.state = append(t.state, 0)
			t.filter = append(t.filter, len(opt.Actors) == 0 || contains(opt.Actors, code))
			i = len(t.codes) - 1
		}
		t.index[cameo] = i
	}
	for _, c := range importers.Countries {
		add(c.Code, c.Code)
	}
	for _, c := range importers.HistoricalCountries {
		add(c.Code, c.Code)
	}
	for k, v := range cameoCountry {
		add(k, v)
	}
	for k, v := range cameoGroup {
		add("group:"+k, v)
	}
	return t
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// lookup returns the actor index for an actor's country (or known group)
// code: -2 when the row names neither, -1 when the code is unknown.
func (t *actorTable) lookup(country, group []byte) int {
	var i int
	var ok bool
	switch {
	case len(country) > 0:
		i, ok = t.index[string(country)]
	case len(group) > 0:
		var k [16]byte
		n := copy(k[:], "group:")
		n += copy(k[n:], group)
		i, ok = t.index[string(k[:n])]
	default:
		return -2
	}
	if !ok {
		return -1
	}
	switch t.state[i] {
	case 1:
		return i
	case -1:
		return -1
	}
	if t.res.Use(t.codes[i]) {
		t.state[i] = 1
		return i
	}
	t.state[i] = -1
	return -1
}

type aggKey struct {
	src, tgt int16
	m        int16 // mapping index
	day      int32
}

type agg struct {
	events   int
	mentions int64
	sources  int64
	articles int64
	codes    []string
	// the most-mentioned event stands for the group in the evidence
	best struct {
		mentions  int
		line      int64
		id, code  string
		quad      int
		goldstein float64
		url       string
		place     string
		a1, a2    string
	}
}

// Importer aggregates GDELT rows and commits them.
type Importer struct {
	Opt     importers.Options
	Summary *importers.Summary
	actors  *actorTable
	res     *importers.Resolver
	since   int
	until   int
	groups  []monthGroup
	docs    []*axis.Document
	bytes   int64
}

// New prepares an import into st.
func New(ctx context.Context, st axis.Reader, opt importers.Options) (*Importer, error) {
	if err := opt.CheckActors(); err != nil {
		return nil, err
	}
	res, err := importers.NewResolver(ctx, st)
	if err != nil {
		return nil, err
	}
	if err := res.CheckFilter(opt.Actors); err != nil {
		return nil, err
	}
	im := &Importer{Opt: opt, Summary: importers.NewSummary("gdelt"), res: res}
	im.actors = newActorTable(res, &im.Opt)
	if !opt.Since.IsZero() {
		s := opt.Since.Start()
		im.since = s.Year()*10000 + int(s.Month())*100 + s.Day()
	}
	if !opt.Until.IsZero() {
		u := opt.Until.End().AddDate(0, 0, -1)
		im.until = u.Year()*10000 + int(u.Month())*100 + u.Day()
	}
	return im, nil
}

// Import reads every input of paths (files, folders, zips) and commits the
// relations in one Write. Without SkipBad, any malformed row stops the
// import with an error naming file and line, and nothing is written.
func Import(ctx context.Context, st axis.Store, paths []string, opt importers.Options) (*importers.Summary, error) {
	ins, err := importers.Inputs(paths)
	if err != nil {
		return nil, err
	}
	im, err := New(ctx, st, opt)
	if err != nil {
		return nil, err
	}
	for i := range ins {
		if notEvents(ins[i].Name) {
			im.Summary.FilesSkipped = append(im.Summary.FilesSkipped, ins[i].Name)
			continue
		}
		if err := im.ReadInput(ctx, &ins[i]); err != nil {
			return im.Summary, err
		}
	}
	return im.Summary, im.Commit(ctx, st)
}

// notEvents reports whether a file is one of GDELT's other exports
// (mentions, GKG), which share the download folders of the events.
func notEvents(name string) bool {
	low := strings.ToLower(name)
	return strings.Contains(low, ".mentions.") || strings.Contains(low, ".gkg.")
}

// ReadInput streams one input, aggregating its rows.
func (im *Importer) ReadInput(ctx context.Context, in *importers.Input) error {
	rc, err := in.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	hr := importers.NewHashingReader(rc, in.Size)
	doc := importers.DatasetDocument("", in.Name, in.Path, Publisher, "https://www.gdeltproject.org/")
	if err := im.Read(ctx, hr, in.Name, doc); err != nil {
		return err
	}
	doc.ID = hr.Sum()
	im.Summary.Files = append(im.Summary.Files, in.Name)
	return nil
}

// Read aggregates the rows of one stream named file; the evidence points
// to doc, whose ID the caller may fill in once the stream is read.
func (im *Importer) Read(ctx context.Context, r io.Reader, file string, doc *axis.Document) error {
	sc := NewScanner(r)
	sum := im.Summary
	groups := map[aggKey]*agg{}
	var row Row
	var csvHdr *csvHeader // a BigQuery CSV export, once its header is read
	for {
		line, err := sc.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %w", file, sc.Line+1, err)
		}
		if len(line) == 0 {
			continue
		}
		im.bytes += int64(len(line)) + 1
		sum.RowsRead++
		if sum.RowsRead&0xffff == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if im.Opt.Progress != nil {
				im.Opt.Progress(im.bytes, sum.RowsRead)
			}
		}
		if csvHdr != nil {
			err = csvHdr.fill(line, &row)
		} else {
			err = SplitRow(line, &row)
		}
		if err != nil {
			if sc.Line == 1 && csvHdr == nil {
				header, hdr, err := headerLine(line, file)
				if err != nil {
					return err
				}
				if header {
					csvHdr = hdr
					sum.RowsRead--
					continue
				}
			}
			if err := sum.Bad(&im.Opt, file, sc.Line, "%v", err); err != nil {
				return err
			}
			continue
		}
		mi := mapIndex(row.Event)
		if mi < 0 {
			sum.Skip(importers.ReasonUnmappedEvent, file, sc.Line)
			continue
		}
		a := im.actors.lookup(row.A1Country, row.A1Group)
		b := im.actors.lookup(row.A2Country, row.A2Group)
		switch {
		case a == -2 || b == -2:
			sum.Skip(importers.ReasonNoCountry, file, sc.Line)
			continue
		case a < 0 || b < 0:
			sum.Skip(importers.ReasonUnknownCode, file, sc.Line)
			continue
		case a == b:
			sum.Skip(importers.ReasonSameActor, file, sc.Line)
			continue
		}
		if im.Opt.Within && !(im.actors.filter[a] && im.actors.filter[b]) || !im.Opt.Within && !(im.actors.filter[a] || im.actors.filter[b]) {
			sum.Skip(importers.ReasonFilterActors, file, sc.Line)
			continue
		}
		if im.since != 0 && row.Day < im.since || im.until != 0 && row.Day > im.until {
			sum.Skip(importers.ReasonFilterDate, file, sc.Line)
			continue
		}
		if err := row.ParseCounts(); err != nil {
			if err := sum.Bad(&im.Opt, file, sc.Line, "%v", err); err != nil {
				return err
			}
			continue
		}
		if row.Mentions < im.Opt.MinMentions {
			sum.Skip(importers.ReasonFilterMention, file, sc.Line)
			continue
		}
		m := &mappings[mi]
		if m.Reverse {
			a, b = b, a
		}
		if m.Kind.Symmetric() && im.actors.codes[b] < im.actors.codes[a] {
			a, b = b, a
		}
		k := aggKey{int16(a), int16(b), int16(mi), int32(row.Day)}
		g := groups[k]
		if g == nil {
			g = &agg{}
			groups[k] = g
		}
		g.events++
		g.mentions += int64(row.Mentions)
		g.sources += int64(row.Sources)
		g.articles += int64(row.Articles)
		if !hasCode(g.codes, row.Event) && len(g.codes) < 8 {
			g.codes = append(g.codes, string(row.Event))
		}
		if g.events == 1 || row.Mentions > g.best.mentions {
			b := &g.best
			b.mentions, b.line, b.quad, b.goldstein = row.Mentions, sc.Line, row.Quad, row.Goldstein
			b.id, b.code, b.url, b.place = string(row.ID), string(row.Event), string(row.URL), string(row.Place)
			b.a1, b.a2 = string(row.A1Code), string(row.A2Code) // as GDELT coded the event
		}
		sum.Imported++
	}
	if im.Opt.Progress != nil {
		im.Opt.Progress(im.bytes, sum.RowsRead)
	}
	im.docs = append(im.docs, doc)
	im.emit(groups, file, doc)
	return nil
}

func hasCode(codes []string, c []byte) bool {
	for _, x := range codes {
		if x == string(c) {
			return true
		}
	}
	return false
}

// headerLine looks at a first line that is not an event: a tab-separated
// GDELT header is skipped (true); a comma-separated one is a BigQuery CSV
// export, read by name from then on (true and its columns); the header of
// another format, or comma-separated rows without a header, fail the whole
// file, even with --skip-bad; anything else is a malformed row like any
// other (false, nil, nil).
func headerLine(line []byte, file string) (bool, *csvHeader, error) {
	if bytes.HasPrefix(line, []byte("GLOBALEVENTID\t")) {
		return true, nil, nil
	}
	if !bytes.Contains(line, []byte("\t")) && bytes.Contains(bytes.ToUpper(line), []byte("GLOBALEVENTID")) {
		h, err := parseCSVHeader(line, file)
		return err == nil, h, err
	}
	sep := ","
	if bytes.Contains(line, []byte("\t")) {
		sep = "\t"
	}
	fields := strings.Split(string(line), sep)
	if importers.Describe(fields) != "" {
		return false, nil, importers.WrongFormat(file, 1, "a GDELT event export", fields)
	}
	if sep == "," && len(fields) >= 10 {
		return false, nil, axis.Errorf(axis.EINVALID, "%s:1: wrong delimiter: the line is comma-separated without a GDELT header; axis reads GDELT's own tab-separated .export.CSV files, or a BigQuery CSV export whose first line names the columns (GLOBALEVENTID,SQLDATE,...)", file)
	}
	return false, nil, nil
}

// monthGroup is the days of one (file, pair, kind, item, month): one
// relation for the store, built only when it is written, so what is kept
// in memory until the commit is the compact aggregates.
type monthGroup struct {
	src, tgt int16
	m        int16
	days     []dayGroup
	file     string
	doc      *axis.Document
}

type dayGroup struct {
	day int32
	g   *agg
}

// emit files one stream's groups by month, in a stable order.
func (im *Importer) emit(groups map[aggKey]*agg, file string, doc *axis.Document) {
	keys := make([]aggKey, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	// By actor code and kind, not by their table indices: those are built
	// from maps, so they differ from run to run, and the order decides the
	// IDs new relations get.
	code := im.actors.codes
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.day/100 != b.day/100 {
			return a.day/100 < b.day/100
		}
		if code[a.src] != code[b.src] {
			return code[a.src] < code[b.src]
		}
		if code[a.tgt] != code[b.tgt] {
			return code[a.tgt] < code[b.tgt]
		}
		if ma, mb := mappings[a.m], mappings[b.m]; ma != mb {
			switch {
			case ma.Kind != mb.Kind:
				return ma.Kind < mb.Kind
			case ma.Item != mb.Item:
				return ma.Item < mb.Item
			case ma.Label != mb.Label:
				return ma.Label < mb.Label
			}
			return !ma.Reverse && mb.Reverse
		}
		return a.day < b.day
	})
	var cur *monthGroup
	for _, k := range keys {
		if cur == nil || cur.src != k.src || cur.tgt != k.tgt || cur.m != k.m || cur.days[0].day/100 != k.day/100 {
			im.groups = append(im.groups, monthGroup{src: k.src, tgt: k.tgt, m: k.m, file: file, doc: doc})
			cur = &im.groups[len(im.groups)-1]
		}
		cur.days = append(cur.days, dayGroup{k.day, groups[k]})
	}
}

// relation builds the relation of a month group: days of one month share
// the store's relation key, so they go as one relation with one piece of
// evidence per day and the events of all.
func (im *Importer) relation(mg *monthGroup) *axis.Relation {
	m := mappings[mg.m]
	src, tgt := im.actors.codes[mg.src], im.actors.codes[mg.tgt]
	r := &axis.Relation{Source: src, Target: tgt, Kind: m.Kind, Item: m.Item, Status: axis.Reported,
		Evidence: make([]axis.Evidence, 0, len(mg.days))}
	for _, dg := range mg.days {
		g := dg.g
		d := axis.Day(int(dg.day/10000), int(dg.day/100%100), int(dg.day%100))
		if r.Date.IsZero() {
			r.Date = d
		}
		r.Events += g.events
		ev := axis.Evidence{
			DocumentID: mg.doc.ID,
			Source:     mg.file + ":" + strconv.FormatInt(g.best.line, 10),
			URL:        g.best.url,
			Published:  d,
			Sentence:   sentence(src, tgt, d, m, g),
			Method:     Method,
			Confidence: Confidence,
			Status:     axis.Reported,
			Attrs: map[string]string{
				"cameo":        g.best.code,
				"quad_class":   strconv.Itoa(g.best.quad),
				"goldstein":    strconv.FormatFloat(g.best.goldstein, 'f', 1, 64),
				"num_mentions": strconv.FormatInt(g.mentions, 10),
				"num_sources":  strconv.FormatInt(g.sources, 10),
				"num_articles": strconv.FormatInt(g.articles, 10),
				"events":       strconv.Itoa(g.events),
			},
		}
		if len(g.codes) > 1 {
			ev.Attrs["cameo_codes"] = strings.Join(g.codes, ",")
		}
		r.Evidence = append(r.Evidence, ev)
	}
	return r
}

// Relations builds every relation read so far (for tests and tools; Commit
// builds them one at a time).
func (im *Importer) Relations() []*axis.Relation {
	out := make([]*axis.Relation, len(im.groups))
	for i := range im.groups {
		out[i] = im.relation(&im.groups[i])
	}
	return out
}

func sentence(src, tgt string, d axis.Date, m Mapping, g *agg) string {
	b := make([]byte, 0, 160)
	b = append(b, "GDELT "...)
	b = append(b, d.String()...)
	b = append(b, ": "...)
	b = append(b, src...)
	if m.Kind.Symmetric() {
		b = append(b, " and "...)
	} else {
		b = append(b, " → "...)
	}
	b = append(b, tgt...)
	b = append(b, ", CAMEO "...)
	b = append(b, g.best.code...)
	b = append(b, " ("...)
	b = append(b, m.Label...)
	b = append(b, "), "...)
	if g.events > 1 {
		b = strconv.AppendInt(b, int64(g.events), 10)
		b = append(b, " events, "...)
	}
	b = strconv.AppendInt(b, g.mentions, 10)
	b = append(b, " mentions; top event "...)
	b = append(b, g.best.id...)
	if g.best.a1 != "" || g.best.a2 != "" {
		b = append(b, " (Actor1 "...)
		b = append(b, g.best.a1...)
		b = append(b, ", Actor2 "...)
		b = append(b, g.best.a2...)
		b = append(b, ')')
	}
	if g.best.place != "" {
		b = append(b, " at "...)
		b = append(b, g.best.place...)
	}
	b = append(b, ", Goldstein "...)
	b = strconv.AppendFloat(b, g.best.goldstein, 'f', 1, 64)
	return string(b)
}

// Commit writes everything read in one transaction.
func (im *Importer) Commit(ctx context.Context, st axis.Store) error {
	im.Summary.SortSkips()
	return importers.CommitEach(ctx, st, im.Summary, im.docs, im.res, len(im.groups), func(i int) *axis.Relation {
		return im.relation(&im.groups[i])
	})
}
