package textcode

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"axis"
)

// IngestOptions control Ingest.
type IngestOptions struct {
	// DryRun codes without writing; Store may then be nil.
	DryRun bool
	// Date and URL, when set, are the publication date and source of every
	// document read (the --date and --source flags).
	Date axis.Date
	URL  string
	// Stdin is read for the path "-".
	Stdin io.Reader
}

// FileResult is what happened to one input.
type FileResult struct {
	Path      string         `json:"path"`
	Document  *axis.Document `json:"document,omitempty"`
	Sentences int            `json:"sentences"`
	Relations []Coded        `json:"relations,omitempty"`
	Repaired  int            `json:"repaired_utf8,omitempty"`
	// Status is new, already ingested, dry run, or skipped.
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
	// Write is what the store did (zero in a dry run).
	Write    axis.WriteResult `json:"write"`
	Warnings []string         `json:"warnings,omitempty"`
}

// Statuses of a FileResult.
const (
	StatusNew     = "new"
	StatusKnown   = "already ingested"
	StatusDryRun  = "dry run"
	StatusSkipped = "skipped"
)

// Skip is an input that was not ingested, and why.
type Skip struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Summary totals an ingest.
type Summary struct {
	Documents       int    `json:"documents"`
	New             int    `json:"documents_new"`
	Known           int    `json:"documents_already_ingested"`
	DateUnknown     int    `json:"documents_date_unknown"`
	Sentences       int    `json:"sentences"`
	Relations       int    `json:"relations_coded"`
	RelationsNew    int    `json:"relations_new"`
	RelationsMerged int    `json:"relations_merged"`
	EvidenceNew     int    `json:"evidence_new"`
	Repaired        int    `json:"utf8_repaired"`
	Dropped         int    `json:"relations_dropped"`
	Skipped         []Skip `json:"skipped"`
}

// Inputs expands paths into the files to read: files as given, folders
// walked recursively for .txt, .md and .html files (others are reported as
// skipped), "-" for standard input.
func Inputs(paths []string) (files []string, skipped []Skip) {
	WalkInputs(paths, func(f string) error {
		files = append(files, f)
		return nil
	}, func(s Skip) { skipped = append(skipped, s) })
	return files, skipped
}

// WalkInputs is Inputs without holding the list: fn is called for each
// file in order (folders in lexical order), skip for each input left out.
// An error from fn stops the walk and is returned.
func WalkInputs(paths []string, fn func(file string) error, skip func(Skip)) error {
	for _, p := range paths {
		if p == "-" {
			if err := fn(p); err != nil {
				return err
			}
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			skip(Skip{p, "cannot read: " + plainErr(err)})
			continue
		}
		if !st.IsDir() {
			if err := fn(p); err != nil {
				return err
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				skip(Skip{path, "cannot read: " + plainErr(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if FormatOf(path) == "" {
				skip(Skip{path, "not a .txt, .md or .html file"})
				return nil
			}
			return fn(path)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func plainErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Ingester codes documents and writes them to a store, one transaction per
// document: a crash mid-ingest leaves the earlier documents stored and the
// current one absent; a document already stored (same content hash) is a
// no-op reported as already ingested.
type Ingester struct {
	Coder *Coder
	Store axis.Store // nil in a dry run
	Opts  IngestOptions
	known map[string]bool // actor codes known to be in the store
}

// File codes and stores one input. Errors are returned only for store
// failures; unreadable input is a skipped FileResult.
func (in *Ingester) File(ctx context.Context, path string) (*FileResult, error) {
	res := &FileResult{Path: path}
	var r io.Reader
	meta := Meta{Path: path, Date: in.Opts.Date, URL: in.Opts.URL}
	if path == "-" {
		if in.Opts.Stdin == nil {
			res.Status, res.Reason = StatusSkipped, "no standard input"
			return res, nil
		}
		r = in.Opts.Stdin
		meta.Path = ""
	} else {
		f, err := os.Open(path)
		if err != nil {
			res.Status, res.Reason = StatusSkipped, "cannot read: "+plainErr(err)
			return res, nil
		}
		defer f.Close()
		r = f
	}
	doc, err := in.Coder.CodeReader(r, meta)
	if err != nil {
		res.Status, res.Reason = StatusSkipped, err.Error()
		if !errors.Is(err, ErrBinary) {
			res.Reason = "cannot read: " + plainErr(err)
		}
		return res, nil
	}
	res.Document = &doc.Document
	res.Sentences = doc.Sentences
	res.Relations = doc.Relations
	res.Repaired = doc.Repaired
	if doc.Repaired > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d invalid UTF-8 sequences repaired", doc.Repaired))
	}
	if doc.Capped > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("document too large: %d relations past the first %d not kept", doc.Capped, MaxRelationsPerDocument))
	}
	if doc.Truncated {
		res.Warnings = append(res.Warnings, "an HTML text run was too long; the rest of the file was not read")
	}
	if doc.Document.Published.IsZero() {
		res.Warnings = append(res.Warnings, "publication date unknown (use --date)")
	}
	if in.Opts.DryRun || in.Store == nil {
		res.Status = StatusDryRun
		return res, nil
	}
	if err := in.ensureActors(ctx, res); err != nil {
		return nil, err
	}
	wr, err := in.Store.Write(ctx, func(w axis.Writer) error {
		isNew, err := w.PutDocument(&doc.Document)
		if err != nil || !isNew {
			return err
		}
		for i := range res.Relations {
			rel := res.Relations[i].Relation
			rel.Evidence = append([]axis.Evidence(nil), rel.Evidence...)
			if _, err := w.PutRelation(&rel); err != nil {
				return fmt.Errorf("%s: relation %s %s %s: %w", path, rel.Source, rel.Kind, rel.Target, err)
			}
			res.Relations[i].Relation.ID = rel.ID
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	res.Write = wr
	if wr.DocumentsKnown > 0 && wr.DocumentsNew == 0 {
		res.Status = StatusKnown
	} else {
		res.Status = StatusNew
	}
	return res, nil
}

// ensureActors drops relations whose actors the store does not know and
// the lexicon cannot supply, and adds the ones the lexicon has.
func (in *Ingester) ensureActors(ctx context.Context, res *FileResult) error {
	if in.known == nil {
		in.known = map[string]bool{}
	}
	var missing []*axis.Actor
	bad := map[string]bool{}
	for _, cd := range res.Relations {
		for _, code := range []string{cd.Relation.Source, cd.Relation.Target} {
			if in.known[code] || bad[code] {
				continue
			}
			_, err := in.Store.Actor(ctx, code)
			switch {
			case err == nil:
				in.known[code] = true
			case axis.ErrorCode(err) == axis.ENOTFOUND:
				if in.Coder.lex.Actor != nil {
					if a, ok := in.Coder.lex.Actor(code); ok {
						missing = append(missing, a)
						in.known[code] = true
						continue
					}
				}
				bad[code] = true
			default:
				return err
			}
		}
	}
	if len(missing) > 0 {
		if _, err := in.Store.Write(ctx, func(w axis.Writer) error {
			for _, a := range missing {
				cp := *a
				if err := w.PutActor(&cp); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	if len(bad) > 0 {
		kept := res.Relations[:0]
		for _, cd := range res.Relations {
			if bad[cd.Relation.Source] || bad[cd.Relation.Target] {
				res.Warnings = append(res.Warnings, fmt.Sprintf("dropped %s %s %s: actor not in the store", cd.Relation.Source, cd.Relation.Kind, cd.Relation.Target))
				continue
			}
			kept = append(kept, cd)
		}
		res.Relations = kept
	}
	return nil
}

// Add folds a file's result into the summary.
func (s *Summary) Add(r *FileResult) {
	if r.Status == StatusSkipped {
		s.Skipped = append(s.Skipped, Skip{r.Path, r.Reason})
		return
	}
	s.Documents++
	switch r.Status {
	case StatusNew:
		s.New++
	case StatusKnown:
		s.Known++
	}
	if r.Document != nil && r.Document.Published.IsZero() {
		s.DateUnknown++
	}
	s.Sentences += r.Sentences
	s.Relations += len(r.Relations)
	s.RelationsNew += r.Write.RelationsNew
	s.RelationsMerged += r.Write.RelationsMerged
	s.EvidenceNew += r.Write.EvidenceNew
	s.Repaired += r.Repaired
	for _, w := range r.Warnings {
		if strings.HasPrefix(w, "dropped ") {
			s.Dropped++
		}
	}
}
