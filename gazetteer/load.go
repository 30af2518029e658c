package gazetteer

import (
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"

	"axis"
)

//go:embed data/*.csv
var embedded embed.FS

// The data files, in the order they are read.
const (
	StatesFile      = "states.csv"
	OrgsFile        = "orgs.csv"
	PeopleFile      = "people.csv"
	AmbiguitiesFile = "ambiguous.csv"
)

// Header rows of the data files (first line of each, exactly).
var (
	StatesHeader      = []string{"code", "name", "official", "aliases", "demonyms", "capitals", "seats", "theaters", "historical"}
	OrgsHeader        = []string{"code", "kind", "name", "country", "theaters", "aliases", "capitals", "seats"}
	PeopleHeader      = []string{"code", "name", "aliases", "role", "country", "start", "end", "note"}
	AmbiguitiesHeader = []string{"alias", "codes", "prefer", "note"}
)

// Roles a person's term may have.
var Roles = []string{
	"head_of_state", "head_of_government", "foreign_minister", "defense_minister",
	"deputy_head_of_government", "party_leader", "security_official", "military_chief",
	"intelligence_chief", "spokesperson", "envoy", "secretary_general", "high_representative",
	"commission_president", "council_president", "director_general", "group_leader", "minister",
}

// ValidRole reports whether r is one of Roles.
func ValidRole(r string) bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Data is a parsed gazetteer: the actors, the form of each of their names
// and the ambiguity table.
type Data struct {
	Actors      []axis.Actor
	Forms       map[string]map[string]string // code -> name text -> form
	Ambiguities []Ambiguity

	built *Gazetteer // the gazetteer Load built to check the data
}

// Gazetteer builds the gazetteer of the data as it is now.
func (d *Data) Gazetteer() *Gazetteer { return build(d.Actors, d.Forms, d.Ambiguities) }

// LoadEmbedded parses the data files embedded in the binary.
func LoadEmbedded() (*Data, error) {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		return nil, err
	}
	return Load(sub)
}

// Load parses the four data files of fsys (states.csv, orgs.csv,
// people.csv, ambiguous.csv; orgs, people and ambiguous may be absent) and
// checks them: codes well formed and unique, every actor valid, every
// country and term country a known code, term dates in order, and every
// name that denotes two actors listed in the ambiguity table with exactly
// those actors. Errors name the file, the line and the field.
func Load(fsys fs.FS) (*Data, error) {
	d := &Data{Forms: map[string]map[string]string{}}
	files := []struct {
		name     string
		required bool
		parse    func(*Data, io.Reader, string) error
	}{
		{StatesFile, true, (*Data).parseStates},
		{OrgsFile, false, (*Data).parseOrgs},
		{PeopleFile, false, (*Data).parsePeople},
		{AmbiguitiesFile, false, (*Data).parseAmbiguities},
	}
	for _, f := range files {
		r, err := fsys.Open(f.name)
		if errors.Is(err, fs.ErrNotExist) && !f.required {
			continue
		}
		if err != nil {
			return nil, axis.Errorf(axis.EINVALID, "gazetteer: cannot open %s: %v", f.name, err)
		}
		err = f.parse(d, r, f.name)
		r.Close()
		if err != nil {
			return nil, err
		}
	}
	if err := d.check(); err != nil {
		return nil, err
	}
	sort.Slice(d.Actors, func(i, j int) bool { return d.Actors[i].Code < d.Actors[j].Code })
	return d, nil
}

// reader reads one CSV data file, checking its header.
type reader struct {
	file   string
	cr     *csv.Reader
	line   int
	fields int
}

func newReader(r io.Reader, file string, header []string) (*reader, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	rd := &reader{file: file, cr: cr}
	h, err := rd.next()
	if err == io.EOF {
		return nil, axis.Errorf(axis.EINVALID, "%s: empty file: the first line must be the header %s", file, strings.Join(header, ","))
	}
	if err != nil {
		return nil, err
	}
	if strings.Join(h, ",") != strings.Join(header, ",") {
		return nil, axis.Errorf(axis.EINVALID, "%s:%d: header is %q, want %s", file, rd.line, strings.Join(h, ","), strings.Join(header, ","))
	}
	rd.fields = len(header)
	return rd, nil
}

// each calls fn on every record to the end of the file.
func (r *reader) each(fn func(rec []string) error) error {
	for {
		rec, err := r.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}

func (r *reader) next() ([]string, error) {
	rec, err := r.cr.Read()
	if err == io.EOF {
		return nil, err
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, axis.Errorf(axis.EINVALID, "%s:%d: %v", r.file, pe.Line, pe.Err)
		}
		return nil, axis.Errorf(axis.EINVALID, "%s: %v", r.file, err)
	}
	r.line, _ = r.cr.FieldPos(0)
	if r.fields > 0 && len(rec) != r.fields {
		return nil, axis.Errorf(axis.EINVALID, "%s:%d: %d fields, want %d (quote a cell that holds a comma)", r.file, r.line, len(rec), r.fields)
	}
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	return rec, nil
}

func (r *reader) errorf(field, format string, args ...any) error {
	return axis.FieldErrorf(axis.EINVALID, field, "%s:%d: %s", r.file, r.line, fmt.Sprintf(format, args...))
}

// list splits a ;-separated cell.
func list(cell string) []string {
	var out []string
	for _, p := range strings.Split(cell, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (d *Data) setForm(code, text, form string) {
	m := d.Forms[code]
	if m == nil {
		m = map[string]string{}
		d.Forms[code] = m
	}
	if _, ok := m[text]; !ok {
		m[text] = form
	}
}

// addNames appends the texts to the actor's aliases with a form, skipping
// ones it already has.
func (d *Data) addNames(a *axis.Actor, form string, texts []string) {
	for _, t := range texts {
		if _, ok := d.Forms[a.Code][t]; ok {
			continue
		}
		d.setForm(a.Code, t, form)
		if t != a.Name {
			a.Aliases = append(a.Aliases, t)
		}
	}
}

func (r *reader) theaters(cell string) ([]string, error) {
	ts := list(cell)
	for _, t := range ts {
		if !axis.ValidTheater(t) {
			return nil, r.errorf("theaters", "unknown theater %q (valid: %s)", t, strings.Join(axis.Theaters, ", "))
		}
	}
	return ts, nil
}

func (r *reader) code(cell string) (string, error) {
	if !axis.ValidActorCode(cell) {
		return "", r.errorf("code", "code %q must match ^[A-Z][A-Z0-9_]{1,23}$", cell)
	}
	return cell, nil
}

func (d *Data) parseStates(in io.Reader, file string) error {
	r, err := newReader(in, file, StatesHeader)
	if err != nil {
		return err
	}
	return r.each(func(rec []string) error {
		code, err := r.code(rec[0])
		if err != nil {
			return err
		}
		if rec[1] == "" {
			return r.errorf("name", "state %s has no name", code)
		}
		th, err := r.theaters(rec[7])
		if err != nil {
			return err
		}
		a := axis.Actor{Code: code, Name: rec[1], Kind: axis.ActorState, Theaters: th}
		switch rec[8] {
		case "", "no", "false":
		case "yes", "true":
			a.Historical = true
		default:
			return r.errorf("historical", "historical is %q: use yes or leave it empty", rec[8])
		}
		d.addNames(&a, FormName, []string{rec[1]})
		d.addNames(&a, FormName, list(rec[2]))
		d.addNames(&a, FormAlias, list(rec[3]))
		d.addNames(&a, FormDemonym, list(rec[4]))
		d.addNames(&a, FormCapital, list(rec[5]))
		d.addNames(&a, FormSeat, list(rec[6]))
		if err := d.append(r, a); err != nil {
			return err
		}
		return nil
	})
}

func (d *Data) append(r *reader, a axis.Actor) error {
	for _, b := range d.Actors {
		if b.Code == a.Code {
			return r.errorf("code", "code %s is used twice", a.Code)
		}
	}
	if err := a.Validate(); err != nil {
		return r.errorf("", "%v", err)
	}
	d.Actors = append(d.Actors, a)
	return nil
}

func (d *Data) parseOrgs(in io.Reader, file string) error {
	r, err := newReader(in, file, OrgsHeader)
	if err != nil {
		return err
	}
	return r.each(func(rec []string) error {
		code, err := r.code(rec[0])
		if err != nil {
			return err
		}
		kind := axis.ActorKind(rec[1])
		switch kind {
		case axis.ActorOrganization, axis.ActorArmedGroup, axis.ActorFirm:
		default:
			return r.errorf("kind", "kind %q is not allowed here (valid: organization, armed_group, firm)", rec[1])
		}
		if rec[2] == "" {
			return r.errorf("name", "%s has no name", code)
		}
		th, err := r.theaters(rec[4])
		if err != nil {
			return err
		}
		a := axis.Actor{Code: code, Name: rec[2], Kind: kind, Country: rec[3], Theaters: th}
		if a.Country != "" && !axis.ValidActorCode(a.Country) {
			return r.errorf("country", "country %q is not an actor code", a.Country)
		}
		d.addNames(&a, FormOrg, []string{rec[2]})
		d.addNames(&a, FormOrg, list(rec[5]))
		d.addNames(&a, FormCapital, list(rec[6]))
		d.addNames(&a, FormSeat, list(rec[7]))
		if err := d.append(r, a); err != nil {
			return err
		}
		return nil
	})
}

func (d *Data) parsePeople(in io.Reader, file string) error {
	r, err := newReader(in, file, PeopleHeader)
	if err != nil {
		return err
	}
	index := map[string]int{}
	for _, a := range d.Actors {
		index[a.Code] = -1
	}
	for {
		rec, err := r.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		code, err := r.code(rec[0])
		if err != nil {
			return err
		}
		if !strings.HasPrefix(code, "P_") {
			return r.errorf("code", "person code %q must start with P_", code)
		}
		if rec[1] == "" {
			return r.errorf("name", "person %s has no name", code)
		}
		if !ValidRole(rec[3]) {
			return r.errorf("role", "unknown role %q (valid: %s)", rec[3], strings.Join(Roles, ", "))
		}
		if !axis.ValidActorCode(rec[4]) {
			return r.errorf("country", "country %q is not an actor code", rec[4])
		}
		start, err := axis.ParseDate(rec[5])
		if err != nil {
			return r.errorf("start", "%v", err)
		}
		end, err := axis.ParseDate(rec[6])
		if err != nil {
			return r.errorf("end", "%v", err)
		}
		if start.IsZero() {
			return r.errorf("start", "a term needs a start date (%s)", axis.AcceptedDateFormats)
		}
		if !end.IsZero() && end.Before(start) {
			return r.errorf("end", "term ends (%s) before it starts (%s)", end, start)
		}
		i, ok := index[code]
		switch {
		case ok && i < 0:
			return r.errorf("code", "code %s is already used by a state or organization", code)
		case !ok:
			index[code] = len(d.Actors)
			i = len(d.Actors)
			d.Actors = append(d.Actors, axis.Actor{Code: code, Name: rec[1], Kind: axis.ActorPerson})
			d.addNames(&d.Actors[i], FormPerson, []string{rec[1]})
		}
		a := &d.Actors[i]
		if a.Name != rec[1] {
			return r.errorf("name", "person %s is named %q here but %q above", code, rec[1], a.Name)
		}
		d.addNames(a, FormPerson, list(rec[2]))
		a.Terms = append(a.Terms, axis.Term{Role: rec[3], Country: rec[4], Start: start, End: end})
	}
	// A person's Country is the country of the term begun last.
	for i := range d.Actors {
		a := &d.Actors[i]
		if a.Kind != axis.ActorPerson {
			continue
		}
		sort.SliceStable(a.Terms, func(x, y int) bool { return a.Terms[x].Start.Before(a.Terms[y].Start) })
		a.Country = a.Terms[len(a.Terms)-1].Country
		for _, t := range a.Terms {
			if t.End.IsZero() {
				a.Country = t.Country // an open term wins
			}
		}
		if err := a.Validate(); err != nil {
			return axis.Errorf(axis.EINVALID, "%s: %v", file, err)
		}
	}
	return nil
}

func (d *Data) parseAmbiguities(in io.Reader, file string) error {
	r, err := newReader(in, file, AmbiguitiesHeader)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	return r.each(func(rec []string) error {
		if rec[0] == "" {
			return r.errorf("alias", "empty alias")
		}
		k := Key(rec[0])
		if seen[k] {
			return r.errorf("alias", "alias %q is listed twice", rec[0])
		}
		seen[k] = true
		e := Ambiguity{Alias: rec[0], Codes: list(rec[1]), Prefer: rec[2], Note: rec[3]}
		if len(e.Codes) < 2 {
			return r.errorf("codes", "alias %q lists %d codes: an ambiguity needs two or more", rec[0], len(e.Codes))
		}
		sort.Strings(e.Codes)
		if e.Prefer != "" && !contains(e.Codes, e.Prefer) {
			return r.errorf("prefer", "prefer %q is not one of the codes %s", e.Prefer, strings.Join(e.Codes, ";"))
		}
		d.Ambiguities = append(d.Ambiguities, e)
		return nil
	})
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// check verifies what needs every file read: countries exist, and names
// that denote two actors are exactly those of the ambiguity table.
func (d *Data) check() error {
	codes := map[string]axis.ActorKind{}
	var all []string
	for _, a := range d.Actors {
		codes[a.Code] = a.Kind
		all = append(all, a.Code)
	}
	known := func(c string) bool { _, ok := codes[c]; return ok }
	for _, a := range d.Actors {
		if a.Kind != axis.ActorPerson && a.Country != "" && !known(a.Country) {
			return axis.FieldErrorf(axis.EINVALID, "country", "actor %s: unknown country %s (closest: %s)", a.Code, a.Country, strings.Join(axis.Closest(a.Country, all, 3), ", "))
		}
		if a.Kind == axis.ActorFirm && codes[a.Country] != axis.ActorState {
			return axis.FieldErrorf(axis.EINVALID, "country", "firm %s: country %s is not a state", a.Code, a.Country)
		}
		for _, t := range a.Terms {
			if !known(t.Country) {
				return axis.FieldErrorf(axis.EINVALID, "country", "%s: person %s: unknown term country %s (closest: %s)", PeopleFile, a.Code, t.Country, strings.Join(axis.Closest(t.Country, all, 3), ", "))
			}
			if codes[t.Country] == axis.ActorPerson {
				return axis.FieldErrorf(axis.EINVALID, "country", "%s: person %s: term country %s is a person", PeopleFile, a.Code, t.Country)
			}
		}
	}
	for _, a := range d.Actors {
		for _, t := range append([]string{a.Name}, a.Aliases...) {
			if Key(t) == "" {
				return axis.FieldErrorf(axis.EINVALID, "aliases", "actor %s: the name %q has nothing to match (no letters or digits)", a.Code, t)
			}
		}
	}
	g := d.Gazetteer()
	d.built = g
	table := map[string]Ambiguity{}
	for _, e := range d.Ambiguities {
		for _, c := range e.Codes {
			if !known(c) {
				return axis.FieldErrorf(axis.EINVALID, "codes", "%s: alias %q: unknown code %s", AmbiguitiesFile, e.Alias, c)
			}
		}
		table[Key(e.Alias)] = e
	}
	var keys []string
	for k := range g.byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		l := g.byKey[k]
		e, listed := table[k]
		if len(l) < 2 {
			continue
		}
		got := make([]string, len(l))
		for i, a := range l {
			got[i] = a.Code
		}
		if !listed {
			return axis.Errorf(axis.EINVALID, "gazetteer: the name %q denotes %s: add it to %s or remove it from all but one actor", k, strings.Join(got, " and "), AmbiguitiesFile)
		}
		if strings.Join(got, ";") != strings.Join(e.Codes, ";") {
			return axis.Errorf(axis.EINVALID, "%s: alias %q lists %s but the data gives it to %s", AmbiguitiesFile, e.Alias, strings.Join(e.Codes, ";"), strings.Join(got, ";"))
		}
	}
	for k, e := range table {
		if len(g.byKey[k]) < 2 {
			return axis.Errorf(axis.EINVALID, "%s: alias %q is not ambiguous in the data (it denotes %d actors): remove it from the table", AmbiguitiesFile, e.Alias, len(g.byKey[k]))
		}
	}
	return nil
}
