package http

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"axis"
	"axis/textcode"
)

// IngestRequest is the JSON body of POST /api/v1/ingest. A multipart form
// carries the same fields, with the document in the "file" part instead of
// "text".
type IngestRequest struct {
	Text   string    `json:"text"`
	Title  string    `json:"title"`
	Date   axis.Date `json:"date"`
	Source string    `json:"source"` // the document's URL
	// Format is text, markdown or html; empty guesses from the file name
	// or the content.
	Format string `json:"format"`
}

// IngestResult is what POST /api/v1/ingest answers.
type IngestResult struct {
	DryRun    bool             `json:"dry_run"`
	Document  axis.Document    `json:"document"`
	Sentences int              `json:"sentences"`
	Relations []textcode.Coded `json:"relations"`
	// Text is the document as the UI shows it, for highlighting: the text
	// itself, or for HTML the coded sentences.
	Text string `json:"text"`
	// Known is set when the document was already stored (a no-op).
	Known    bool             `json:"known"`
	Write    axis.WriteResult `json:"write"`
	Warnings []string         `json:"warnings"`
}

var ingestFormats = map[string]string{
	"": "", "text": textcode.FormatText, "txt": textcode.FormatText,
	"markdown": textcode.FormatMarkdown, "md": textcode.FormatMarkdown, "html": textcode.FormatHTML,
}

func (s *Server) ingest(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	dryRun := q.boolv("dry_run")
	if q.err != nil {
		return q.err
	}
	if !dryRun {
		if err := s.authorize(r); err != nil {
			return err
		}
	}
	if s.opts.Coder == nil {
		return errorf(http.StatusServiceUnavailable, ErrUnavailable, "this server has no text coder; ingest is not available")
	}
	req, content, name, err := readIngest(r)
	if err != nil {
		return err
	}
	if req.Source != "" {
		u, err := url.Parse(req.Source)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return axis.FieldErrorf(axis.EINVALID, "source", "source %q must be an http:// or https:// address", req.Source)
		}
	}
	format, ok := ingestFormats[strings.ToLower(req.Format)]
	if !ok {
		return axis.FieldErrorf(axis.EINVALID, "format", "unknown format %q; valid: text, markdown, html", req.Format)
	}
	if format == "" && name != "" {
		format = textcode.FormatOf(name)
	}
	if len(bytes.TrimSpace(content)) == 0 {
		return axis.FieldErrorf(axis.EINVALID, "text", "the document is empty: send text, or a file in the \"file\" part of a multipart form")
	}
	doc, err := s.opts.Coder.CodeReader(bytes.NewReader(content), textcode.Meta{Title: req.Title, URL: req.Source, Date: req.Date, Path: name, Format: format})
	if err != nil {
		if errors.Is(err, textcode.ErrBinary) {
			return axis.FieldErrorf(axis.EINVALID, "file", "the upload is not text (binary content); send .txt, .md or .html")
		}
		return err
	}
	res := &IngestResult{DryRun: dryRun, Document: doc.Document, Sentences: doc.Sentences, Relations: doc.Relations, Warnings: []string{}}
	res.Document.Path = "" // a server-side detail
	if res.Relations == nil {
		res.Relations = []textcode.Coded{}
	}
	if doc.Repaired > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d invalid UTF-8 sequences repaired", doc.Repaired))
	}
	if doc.Document.Published.IsZero() {
		res.Warnings = append(res.Warnings, "publication date unknown (give a date)")
	}
	if format == textcode.FormatHTML || (format == "" && bytes.HasPrefix(bytes.TrimSpace(content), []byte("<"))) {
		var sents []string
		for _, c := range res.Relations {
			if e := c.Evidence(); e != nil && (len(sents) == 0 || sents[len(sents)-1] != e.Sentence) {
				sents = append(sents, e.Sentence)
			}
		}
		res.Text = strings.Join(sents, "\n\n")
	} else {
		res.Text = strings.ToValidUTF8(string(content), "\uFFFD")
	}
	if !dryRun {
		if err := s.saveIngest(r, res); err != nil {
			return err
		}
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

// saveIngest writes the coded document in one transaction. Relations whose
// actors the store does not know are dropped with a warning.
func (s *Server) saveIngest(r *http.Request, res *IngestResult) error {
	ctx := r.Context()
	known := map[string]bool{}
	kept := res.Relations[:0]
	for _, c := range res.Relations {
		ok := true
		for _, code := range []string{c.Relation.Source, c.Relation.Target} {
			if v, seen := known[code]; seen {
				ok = ok && v
				continue
			}
			_, err := s.store.Actor(ctx, code)
			switch {
			case err == nil:
				known[code] = true
			case axis.ErrorCode(err) == axis.ENOTFOUND:
				known[code] = false
				ok = false
			default:
				return err
			}
		}
		if !ok {
			res.Warnings = append(res.Warnings, fmt.Sprintf("dropped %s %s %s: actor not in the store", c.Relation.Source, c.Relation.Kind, c.Relation.Target))
			continue
		}
		kept = append(kept, c)
	}
	res.Relations = kept
	doc := res.Document
	wr, err := s.store.Write(ctx, func(w axis.Writer) error {
		isNew, err := w.PutDocument(&doc)
		if err != nil || !isNew {
			return err
		}
		for i := range res.Relations {
			rel := res.Relations[i].Relation
			rel.Evidence = append([]axis.Evidence(nil), rel.Evidence...)
			if _, err := w.PutRelation(&rel); err != nil {
				return err
			}
			res.Relations[i].Relation.ID = rel.ID
		}
		return nil
	})
	if err != nil {
		return err
	}
	res.Write = wr
	if wr.Changed() {
		s.cache.invalidate()
	}
	res.Known = wr.DocumentsKnown > 0 && wr.DocumentsNew == 0
	return nil
}

// readIngest reads a JSON or multipart body: the request fields, the
// document's content and its file name (empty for JSON).
func readIngest(r *http.Request) (IngestRequest, []byte, string, error) {
	var req IngestRequest
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/json", "":
		if err := decodeJSON(r, &req); err != nil {
			return req, nil, "", err
		}
		return req, []byte(req.Text), "", nil
	case "multipart/form-data":
		mr, err := r.MultipartReader()
		if err != nil {
			return req, nil, "", axis.Errorf(axis.EINVALID, "malformed multipart body: %v", err)
		}
		var content []byte
		var name string
		got := false
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return req, nil, "", bodyErr(err)
			}
			field := part.FormName()
			b, err := io.ReadAll(part)
			part.Close()
			if err != nil {
				return req, nil, "", bodyErr(err)
			}
			small := func() (string, error) {
				if len(b) > 4096 || !utf8.Valid(b) {
					return "", axis.FieldErrorf(axis.EINVALID, field, "form field %s must be short UTF-8 text", field)
				}
				return strings.TrimSpace(string(b)), nil
			}
			switch field {
			case "file", "text":
				if got {
					return req, nil, "", axis.FieldErrorf(axis.EINVALID, field, "send one document per request (one file or text part)")
				}
				got, content = true, b
				if field == "file" {
					name = filepath.Base(part.FileName())
				}
			case "title", "source", "format", "date":
				v, err := small()
				if err != nil {
					return req, nil, "", err
				}
				switch field {
				case "title":
					req.Title = v
				case "source":
					req.Source = v
				case "format":
					req.Format = v
				case "date":
					if req.Date, err = axis.ParseDate(v); err != nil {
						return req, nil, "", axis.FieldErrorf(axis.EINVALID, "date", "invalid date %q: use %s", v, axis.AcceptedDateFormats)
					}
				}
			default:
				return req, nil, "", axis.FieldErrorf(axis.EINVALID, field, "unknown form field %q; valid: file, text, title, date, source, format", field)
			}
		}
		if name == "." || name == "/" {
			name = ""
		}
		return req, content, name, nil
	}
	return req, nil, "", axis.Errorf(axis.EINVALID, "send JSON (application/json) or a multipart form (multipart/form-data), not %s", mt)
}

func bodyErr(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return axis.Errorf(axis.EINVALID, "malformed multipart body")
}
