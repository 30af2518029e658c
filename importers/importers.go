// Package importers holds what every dataset importer shares: the options
// users pass (actor and date filters, --skip-bad), the summary an import
// reports, input discovery (files, folders, zip members read as streams),
// dataset documents, and the resolution of dataset codes to axis actors.
//
// Each dataset has its own subpackage (gdelt, atop, cow, sipri) that parses
// rows, maps them into the ontology and commits them in one Write, so a bad
// row without --skip-bad leaves the store untouched.
package importers

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"axis"
)

// Options are the filters and switches every importer takes.
type Options struct {
	// Actors keeps only relations with a party in this list (our codes).
	// Empty keeps every actor.
	Actors []string
	// Within, with Actors, keeps only relations whose two parties are both
	// in the list.
	Within bool
	// Since and Until keep relations dated in the range (inclusive). For
	// commitments, the commitment must be in force at some point of it.
	Since, Until axis.Date
	// MinMentions drops GDELT events mentioned fewer times (0 keeps all).
	MinMentions int
	// SkipBad skips malformed rows (counting them) instead of failing.
	SkipBad bool
	// Progress, when set, is called now and then with the bytes consumed
	// and the rows read so far across every input.
	Progress func(bytes, rows int64)
}

// KeepActors reports whether a relation between a and b passes the actor
// filter.
func (o *Options) KeepActors(a, b string) bool {
	if len(o.Actors) == 0 {
		return true
	}
	ina, inb := contains(o.Actors, a), contains(o.Actors, b)
	if o.Within {
		return ina && inb
	}
	return ina || inb
}

// KeepDate reports whether a dated relation passes --since/--until.
func (o *Options) KeepDate(d axis.Date) bool {
	return o.KeepSpan(d, d)
}

// KeepSpan reports whether an interval [from, to] overlaps --since/--until.
// A zero to means open-ended; a zero from passes only without filters.
func (o *Options) KeepSpan(from, to axis.Date) bool {
	if o.Since.IsZero() && o.Until.IsZero() {
		return true
	}
	if from.IsZero() {
		return false
	}
	if !o.Until.IsZero() && !from.Start().Before(o.Until.End()) {
		return false
	}
	if !o.Since.IsZero() && !to.IsZero() && to.End().Compare(o.Since.Start()) <= 0 {
		return false
	}
	return true
}

// CheckActors validates and upper-cases the codes of --actors.
func (o *Options) CheckActors() error {
	for i, c := range o.Actors {
		c = strings.ToUpper(strings.TrimSpace(c))
		if !axis.ValidActorCode(c) {
			return axis.FieldErrorf(axis.EINVALID, "--actors", "invalid actor code %q (use codes like RUS,CHN,PRK,IRN)", c)
		}
		o.Actors[i] = c
	}
	return nil
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// Skip reasons shared by the importers. Filters count as reasons too, so
// every row read is accounted for.
const (
	ReasonMalformed     = "malformed row"
	ReasonUnknownCode   = "unknown actor code"
	ReasonNoCountry     = "actor without a country code"
	ReasonSameActor     = "both actors the same"
	ReasonUnmappedEvent = "unmapped event code"
	ReasonNoObligation  = "no obligation flag set"
	ReasonFilterActors  = "filtered out by --actors"
	ReasonFilterDate    = "filtered out by --since/--until"
	ReasonFilterMention = "filtered out by --min-mentions"
	ReasonHeader        = "header row"
)

// MaxSkipLines is how many line references a skip reason keeps.
const MaxSkipLines = 5

// Skip counts the rows skipped for one reason, with the first few places.
type Skip struct {
	Reason string   `json:"reason"`
	Count  int64    `json:"count"`
	Lines  []string `json:"first_lines"` // file:line
}

// Summary is what an import did, for the user.
type Summary struct {
	Dataset string   `json:"dataset"`
	Files   []string `json:"files"`
	// FilesSkipped lists files of a folder that are not of the format
	// (GDELT mentions or GKG files next to the event exports).
	FilesSkipped []string `json:"files_skipped,omitempty"`
	RowsRead     int64    `json:"rows_read"`
	// Imported counts the rows that became (part of) a relation.
	Imported int64 `json:"rows_imported"`
	// Relations counts the relations handed to the store (after
	// aggregation); Write says how the store merged them.
	Relations   int              `json:"relations"`
	ActorsAdded []string         `json:"actors_added,omitempty"`
	Write       axis.WriteResult `json:"write"`
	Skipped     []*Skip          `json:"skipped"`
	skips       map[string]*Skip
}

// NewSummary starts the summary of an import of dataset.
func NewSummary(dataset string) *Summary {
	return &Summary{Dataset: dataset, Skipped: []*Skip{}, Files: []string{}, skips: map[string]*Skip{}}
}

// Skip records that the row at file:line was skipped for reason.
func (s *Summary) Skip(reason, file string, line int64) {
	sk := s.skips[reason]
	if sk == nil {
		sk = &Skip{Reason: reason}
		s.skips[reason] = sk
		s.Skipped = append(s.Skipped, sk)
	}
	sk.Count++
	if len(sk.Lines) < MaxSkipLines {
		sk.Lines = append(sk.Lines, fmt.Sprintf("%s:%d", file, line))
	}
}

// SkipN records n skipped rows at once, keeping the given line reference.
func (s *Summary) SkipN(reason string, n int64, where string) {
	if n == 0 {
		return
	}
	sk := s.skips[reason]
	if sk == nil {
		sk = &Skip{Reason: reason}
		s.skips[reason] = sk
		s.Skipped = append(s.Skipped, sk)
	}
	sk.Count += n
	if len(sk.Lines) < MaxSkipLines && where != "" {
		sk.Lines = append(sk.Lines, where)
	}
}

// Skips returns the count for one reason.
func (s *Summary) Skips(reason string) int64 {
	if sk := s.skips[reason]; sk != nil {
		return sk.Count
	}
	return 0
}

// SkippedTotal counts every skipped row.
func (s *Summary) SkippedTotal() int64 {
	var n int64
	for _, sk := range s.Skipped {
		n += sk.Count
	}
	return n
}

// SortSkips orders the reasons by count, largest first.
func (s *Summary) SortSkips() {
	sort.SliceStable(s.Skipped, func(i, j int) bool { return s.Skipped[i].Count > s.Skipped[j].Count })
}

// RowError is the error for a bad row: it names the file and line.
func RowError(file string, line int64, format string, args ...any) error {
	return axis.Errorf(axis.EINVALID, "%s:%d: %s (pass --skip-bad to skip such rows; nothing was imported)", file, line, fmt.Sprintf(format, args...))
}

// Bad handles a malformed row: with --skip-bad it is counted and nil is
// returned, else the row's error.
func (s *Summary) Bad(o *Options, file string, line int64, format string, args ...any) error {
	if o.SkipBad {
		s.Skip(ReasonMalformed, file, line)
		return nil
	}
	return RowError(file, line, format, args...)
}

// Commit writes the relations through one transaction, adding the documents
// first and any actors the resolver had to create.
func Commit(ctx context.Context, st axis.Store, sum *Summary, docs []*axis.Document, res *Resolver, rels []*axis.Relation) error {
	return CommitEach(ctx, st, sum, docs, res, len(rels), func(i int) *axis.Relation { return rels[i] })
}

// CommitEach is Commit for n relations built one at a time by rel, so an
// importer need not hold them all.
func CommitEach(ctx context.Context, st axis.Store, sum *Summary, docs []*axis.Document, res *Resolver, n int, rel func(i int) *axis.Relation) error {
	wr, err := st.Write(ctx, func(w axis.Writer) error {
		for _, d := range docs {
			if _, err := w.PutDocument(d); err != nil {
				return err
			}
		}
		for _, a := range res.Added() {
			if err := w.PutActor(a); err != nil {
				return fmt.Errorf("actor %s: %w", a.Code, err)
			}
		}
		for i := 0; i < n; i++ {
			if i&1023 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			r := rel(i)
			if _, err := w.PutRelation(r); err != nil {
				src := ""
				if len(r.Evidence) > 0 {
					src = r.Evidence[0].Source + ": "
				}
				return fmt.Errorf("%s%s %s→%s: %w", src, r.Kind, r.Source, r.Target, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	sum.Write = wr
	sum.Relations = n
	for _, a := range res.Added() {
		sum.ActorsAdded = append(sum.ActorsAdded, a.Code)
	}
	return nil
}

// Run is what every import starts from: its inputs, the resolver of codes
// and names, and the summary it fills.
type Run struct {
	Inputs   []Input
	Resolver *Resolver
	Summary  *Summary
}

// Prepare checks the options, lists the inputs and opens a resolver on the
// store. Nothing is read yet.
func Prepare(ctx context.Context, st axis.Store, paths []string, opt Options, format string) (*Run, error) {
	if err := opt.CheckActors(); err != nil {
		return nil, err
	}
	ins, err := Inputs(paths)
	if err != nil {
		return nil, err
	}
	res, err := NewResolver(ctx, st)
	if err != nil {
		return nil, err
	}
	if err := res.CheckFilter(opt.Actors); err != nil {
		return nil, err
	}
	return &Run{Inputs: ins, Resolver: res, Summary: NewSummary(format)}, nil
}

// ReadAll reads every input with read and returns their documents in
// order; the summary lists the files read.
func (r *Run) ReadAll(read func(in *Input) (*axis.Document, error)) ([]*axis.Document, error) {
	var docs []*axis.Document
	for i := range r.Inputs {
		doc, err := read(&r.Inputs[i])
		if err != nil {
			return nil, err
		}
		docs = append(docs, doc)
		r.Summary.Files = append(r.Summary.Files, r.Inputs[i].Name)
	}
	return docs, nil
}
