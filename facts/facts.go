// Package facts reads curated facts files: YAML documents that list cited
// sources, extra actors and relations in the axis ontology, each relation
// stated in our own words and backed by at least one citation.
//
// A facts file has three top-level keys:
//
//	sources:    # id -> publisher, title, url, date, type
//	actors:     # optional actors the gazetteer lacks (a firm, a person)
//	relations:  # source, target, kind, item, date, status, note, cite, ...
//
// Parse checks the structure, the ontology (kinds, items, statuses), dates and
// citations, and reports every problem with FILE:LINE and a field path.
// CheckActors checks actor codes against a known list. Apply writes the
// result through an axis.Writer, and Load does all of it in one store
// transaction, so a bad line anywhere leaves the store untouched.
//
// See docs/facts.md for the format with an example of every field.
package facts

import (
	"fmt"
	"sort"
	"strings"

	"axis"
)

// Source types and the confidence their evidence gets.
const (
	// TypeOfficial is a treaty text, a government or organization statement
	// or record: evidence confidence 1.0.
	TypeOfficial = "official"
	// TypeNews is a report by a news agency or major outlet: 0.9.
	TypeNews = "news"
	// TypeAnalysis is a think tank, research institute or NGO report: 0.85.
	TypeAnalysis = "analysis"
	// TypeReference is an encyclopedia or secondary compilation: 0.8.
	TypeReference = "reference"
)

// SourceTypes lists the valid source types, most authoritative first.
var SourceTypes = []string{TypeOfficial, TypeNews, TypeAnalysis, TypeReference}

// Confidence returns the evidence confidence for a source type.
func Confidence(sourceType string) float64 {
	switch sourceType {
	case TypeOfficial:
		return 1.0
	case TypeNews:
		return 0.9
	case TypeAnalysis:
		return 0.85
	}
	return 0.8
}

// File is a parsed facts file.
type File struct {
	Name      string
	Sources   map[string]*Source
	Actors    []Actor
	Relations []Relation
}

// Source is one citable publication.
type Source struct {
	ID        string
	Publisher string
	Title     string
	URL       string
	Date      axis.Date
	Type      string // official, news, analysis, reference
	Line      int
}

// Document returns the citation document of the source. Its ID hashes a
// canonical form of the citation (publisher, title, URL, date), so the same
// citation in two files, or loaded twice, is one document.
func (s *Source) Document(file string) axis.Document {
	return axis.Document{
		ID:        axis.HashContent([]byte(s.canonical())),
		Title:     s.Title,
		Publisher: s.Publisher,
		URL:       s.URL,
		Path:      file,
		Published: s.Date,
		Kind:      axis.DocCitation,
	}
}

func (s *Source) canonical() string {
	return strings.Join([]string{"citation", s.Publisher, s.Title, s.URL, s.Date.String()}, "\n")
}

// Actor is an actor declared in the file, with the line it starts on.
type Actor struct {
	axis.Actor
	Line int
}

// Relation is one relation of the file with its note, its citations and the
// line numbers needed to report errors against it.
type Relation struct {
	axis.Relation
	Note  string
	Cite  []string
	Index int // position in the relations list, from 0
	Line  int
	// lines of fields that actor checks and store errors point at
	lines map[string]int
	// given holds source and target as written, before Normalize ordered
	// the parties of a symmetric kind
	given [2]string
}

// path names the relation in error messages: relations[3].
func (r *Relation) path() string { return fmt.Sprintf("relations[%d]", r.Index) }

// lineOf returns the line of a field of the relation, or the relation's own
// line when the field is absent.
func (r *Relation) lineOf(field string) int {
	if l, ok := r.lines[field]; ok {
		return l
	}
	return r.Line
}

// Evidence builds the evidence pieces of the relation, one per citation.
func (r *Relation) Evidence(f *File) []axis.Evidence {
	out := make([]axis.Evidence, 0, len(r.Cite))
	for _, id := range r.Cite {
		s := f.Sources[id]
		doc := s.Document(f.Name)
		out = append(out, axis.Evidence{
			DocumentID: doc.ID,
			Source:     s.Publisher,
			URL:        s.URL,
			Published:  s.Date,
			Sentence:   r.Note,
			Method:     axis.MethodManual,
			Confidence: Confidence(s.Type),
			Status:     r.Status,
			Attrs:      map[string]string{"cite": id},
		})
	}
	return out
}

// lineError is one problem found in a file.
type lineError struct {
	line int
	path string
	msg  string
}

// errorList collects the problems of a file and turns them into one
// EINVALID axis error, one problem a line.
type errorList struct {
	name string
	errs []lineError
}

// maxErrors caps how many problems one error message lists.
const maxErrors = 25

func (l *errorList) add(line int, path, format string, args ...any) {
	l.errs = append(l.errs, lineError{line, path, fmt.Sprintf(format, args...)})
}

func (l *errorList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	sort.SliceStable(l.errs, func(i, j int) bool { return l.errs[i].line < l.errs[j].line })
	var b strings.Builder
	for i, e := range l.errs {
		if i == maxErrors {
			fmt.Fprintf(&b, "\n... and %d more problems", len(l.errs)-maxErrors)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		if e.path != "" {
			fmt.Fprintf(&b, "%s:%d: %s: %s", l.name, e.line, e.path, e.msg)
		} else {
			fmt.Fprintf(&b, "%s:%d: %s", l.name, e.line, e.msg)
		}
	}
	return axis.Errorf(axis.EINVALID, "%s", b.String())
}
