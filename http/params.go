package http

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"axis"
)

// query reads and checks URL parameters; the first error sticks and names
// the parameter.
type query struct {
	v   url.Values
	err error
}

func newQuery(r *http.Request) *query { return &query{v: r.URL.Query()} }

func (q *query) fail(name, format string, args ...any) {
	if q.err == nil {
		q.err = axis.FieldErrorf(axis.EINVALID, name, format, args...)
	}
}

func (q *query) str(name string) string { return strings.TrimSpace(q.v.Get(name)) }

// list reads a comma-separated or repeated parameter.
func (q *query) list(name string) []string {
	var out []string
	for _, v := range q.v[name] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

func (q *query) codes(name string) []string {
	l := q.list(name)
	for i := range l {
		l[i] = strings.ToUpper(l[i])
	}
	return l
}

func (q *query) intv(name string, def, lo, hi int) int {
	s := q.str(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		q.fail(name, "%q is not a whole number from %d to %d", s, lo, hi)
		return def
	}
	return n
}

func (q *query) boolv(name string) bool {
	s := q.str(name)
	if s == "" {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		q.fail(name, "%q is not true or false", s)
	}
	return b
}

func (q *query) date(name string) axis.Date {
	s := q.str(name)
	d, err := axis.ParseDate(s)
	if err != nil {
		q.fail(name, "invalid date %q: use %s", s, axis.AcceptedDateFormats)
	}
	return d
}

func (q *query) kinds(name string) []axis.Kind {
	var out []axis.Kind
	for _, s := range q.list(name) {
		k := axis.Kind(strings.ToLower(s))
		if !k.Valid() {
			q.fail(name, "unknown kind %q; valid kinds: %s", s, strings.Join(axis.KindNames(), ", "))
		}
		out = append(out, k)
	}
	return out
}

func (q *query) families(name string) []axis.Family {
	var out []axis.Family
	for _, s := range q.list(name) {
		f := axis.Family(strings.ToLower(s))
		if !axis.ValidFamily(f) {
			q.fail(name, "unknown family %q; valid: commitment, transfer, cooperation, hostility", s)
		}
		out = append(out, f)
	}
	return out
}

func (q *query) statuses(name string) []axis.Status {
	var out []axis.Status
	for _, s := range q.list(name) {
		st := axis.Status(strings.ToLower(s))
		if !st.Valid() {
			q.fail(name, "unknown status %q; valid: %s", s, strings.Join(axis.StatusNames(), ", "))
		}
		out = append(out, st)
	}
	return out
}

// actor reads one required actor code.
func (q *query) actor(name string, required bool) string {
	s := strings.ToUpper(q.str(name))
	if s == "" {
		if required {
			q.fail(name, "parameter %s is required (an actor code such as RUS)", name)
		}
		return ""
	}
	if !axis.ValidActorCode(s) {
		q.fail(name, "%q is not an actor code (2-24 upper-case letters, digits or _, e.g. RUS)", s)
	}
	return s
}

// decodeJSON reads a JSON body into v, refusing unknown fields and
// trailing data.
func decodeJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, _ := mime.ParseMediaType(ct)
		if mt != "application/json" {
			return axis.Errorf(axis.EINVALID, "the body must be JSON (Content-Type: application/json), not %s", mt)
		}
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		if errors.Is(err, io.EOF) {
			return axis.Errorf(axis.EINVALID, "the request body is empty; send a JSON object")
		}
		var ae *axis.Error
		if errors.As(err, &ae) {
			return ae
		}
		return axis.Errorf(axis.EINVALID, "the body is not valid JSON for this endpoint: %s", jsonErrText(err))
	}
	if dec.More() {
		return axis.Errorf(axis.EINVALID, "the body has data after the JSON object")
	}
	return nil
}

// jsonErrText keeps decoder messages short and free of Go type names.
func jsonErrText(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return "syntax error at byte " + itoa(se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "field " + strconv.Quote(te.Field) + " has the wrong type (got " + te.Value + ")"
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "json: unknown field ") {
		return "unknown field " + strings.TrimPrefix(msg, "json: unknown field ")
	}
	return "malformed JSON"
}
