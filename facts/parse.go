package facts

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"axis"
)

// maxFileSize bounds what Parse reads, so a runaway input cannot exhaust
// memory: the baseline is well under 1 MB.
const maxFileSize = 64 << 20

var yamlLineRE = regexp.MustCompile(`^line (\d+): (.*)$`)

var sourceIDRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$`)

// Parse reads a facts file. name is used in error messages ("FILE:LINE:
// relations[3].kind: ..."). It checks the structure, the ontology (kind,
// item, status), dates, quantities, conditions and citations; it does not
// check that actor codes exist (see CheckActors). All problems found are
// reported together in one EINVALID error.
func Parse(r io.Reader, name string) (*File, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, axis.Errorf(axis.EINVALID, "%s: cannot read: %v", name, err)
	}
	if len(data) > maxFileSize {
		return nil, axis.Errorf(axis.EINVALID, "%s: file is larger than %d MB", name, maxFileSize>>20)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, axis.Errorf(axis.EINVALID, "%s", yamlMessage(name, err))
	}
	p := &parser{errs: errorList{name: name}}
	f := &File{Name: name, Sources: map[string]*Source{}}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		p.errs.add(1, "", "empty facts file: expected the keys sources and relations")
		return nil, p.errs.err()
	}
	root := doc.Content[0]
	p.mapping(root, "", map[string]func(*yaml.Node){
		"sources":   func(n *yaml.Node) { p.sources(f, n) },
		"actors":    func(n *yaml.Node) { p.actors(f, n) },
		"relations": func(n *yaml.Node) { p.relations(f, n) },
	}, "sources", "relations")
	p.checkCitations(f)
	p.checkCommitments(f)
	if err := p.errs.err(); err != nil {
		return nil, err
	}
	return f, nil
}

// yamlMessage turns a yaml.v3 syntax error into "FILE:LINE: message" form.
func yamlMessage(name string, err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		return name + ":" + m[1] + ": invalid YAML: " + m[2]
	}
	return name + ": invalid YAML: " + msg
}

type parser struct {
	errs errorList
	// cites holds every relation's citations, valid relation or not, so
	// unknown citation ids are reported together with other problems.
	cites []Relation
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// mapping walks a YAML mapping, calling the handler of each known key and
// reporting unknown, duplicate and missing required keys.
func (p *parser) mapping(n *yaml.Node, path string, fields map[string]func(*yaml.Node), required ...string) bool {
	if n.Kind != yaml.MappingNode {
		what := "the top level"
		if path != "" {
			what = path
		}
		p.errs.add(n.Line, path, "%s must be a mapping of keys to values, got %s", what, kindName(n))
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		h, ok := fields[k.Value]
		switch {
		case !ok:
			p.errs.add(k.Line, join(path, k.Value), "unknown field; valid fields: %s", strings.Join(sortedKeys(fields), ", "))
		case seen[k.Value]:
			p.errs.add(k.Line, join(path, k.Value), "field given twice")
		default:
			seen[k.Value] = true
			h(v)
		}
	}
	for _, r := range required {
		if !seen[r] {
			p.errs.add(n.Line, join(path, r), "missing required field")
		}
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

// scalar returns a scalar's text, reporting other node kinds.
func (p *parser) scalar(n *yaml.Node, path string) (string, bool) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.ScalarNode {
		p.errs.add(n.Line, path, "expected a single value, got %s", kindName(n))
		return "", false
	}
	if n.Tag == "!!null" {
		return "", true
	}
	return strings.TrimSpace(n.Value), true
}

func (p *parser) str(dst *string, path string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if s, ok := p.scalar(n, path); ok {
			*dst = s
		}
	}
}

func (p *parser) date(dst *axis.Date, path string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		s, ok := p.scalar(n, path)
		if !ok {
			return
		}
		d, err := axis.ParseDate(s)
		if err != nil {
			p.errs.add(n.Line, path, "invalid date %q: use %s", s, axis.AcceptedDateFormats)
			return
		}
		*dst = d
	}
}

func (p *parser) strings(dst *[]string, path string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
			// a single value is a list of one
			*dst = []string{strings.TrimSpace(n.Value)}
			return
		}
		if n.Kind == yaml.ScalarNode {
			return
		}
		if n.Kind != yaml.SequenceNode {
			p.errs.add(n.Line, path, "expected a list, got %s", kindName(n))
			return
		}
		for i, c := range n.Content {
			if s, ok := p.scalar(c, fmt.Sprintf("%s[%d]", path, i)); ok && s != "" {
				*dst = append(*dst, s)
			}
		}
	}
}

func (p *parser) sources(f *File, n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		p.errs.add(n.Line, "sources", "sources must map each source id to its publisher, title, url and date, got %s", kindName(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		id := k.Value
		path := "sources." + id
		if !sourceIDRE.MatchString(id) {
			p.errs.add(k.Line, path, "source id %q must be 1-80 letters, digits, '.', ':', '_' or '-'", id)
			continue
		}
		if _, dup := f.Sources[id]; dup {
			p.errs.add(k.Line, path, "source id given twice")
			continue
		}
		s := &Source{ID: id, Line: k.Line, Type: TypeNews}
		p.mapping(v, path, map[string]func(*yaml.Node){
			"publisher": p.str(&s.Publisher, path+".publisher"),
			"title":     p.str(&s.Title, path+".title"),
			"url":       p.str(&s.URL, path+".url"),
			"date":      p.date(&s.Date, path+".date"),
			"type":      p.str(&s.Type, path+".type"),
		}, "publisher", "title", "url", "date")
		if v.Kind == yaml.MappingNode {
			if s.Publisher == "" || s.Title == "" {
				p.errs.add(v.Line, path, "a source needs a publisher and a title")
			}
			if s.URL != "" && !strings.HasPrefix(s.URL, "https://") && !strings.HasPrefix(s.URL, "http://") {
				p.errs.add(v.Line, path+".url", "url %q must start with https:// or http://", s.URL)
			}
			if !contains(SourceTypes, s.Type) {
				p.errs.add(v.Line, path+".type", "unknown source type %q; valid: %s", s.Type, strings.Join(SourceTypes, ", "))
			}
		}
		f.Sources[id] = s
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func (p *parser) actors(f *File, n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		p.errs.add(n.Line, "actors", "actors must be a list, got %s", kindName(n))
		return
	}
	seen := map[string]bool{}
	for i, c := range n.Content {
		path := fmt.Sprintf("actors[%d]", i)
		a := Actor{Line: c.Line}
		var kind string
		if !p.mapping(c, path, map[string]func(*yaml.Node){
			"code":     p.str(&a.Code, path+".code"),
			"name":     p.str(&a.Name, path+".name"),
			"kind":     p.str(&kind, path+".kind"),
			"country":  p.str(&a.Country, path+".country"),
			"aliases":  p.strings(&a.Aliases, path+".aliases"),
			"theaters": p.strings(&a.Theaters, path+".theaters"),
		}, "code", "name", "kind") {
			continue
		}
		a.Kind = axis.ActorKind(kind)
		a.Code = strings.ToUpper(a.Code)
		a.Country = strings.ToUpper(a.Country)
		if err := a.Validate(); err != nil {
			p.errs.add(c.Line, path, "%s", axis.ErrorMessage(err))
			continue
		}
		if seen[a.Code] {
			p.errs.add(c.Line, path+".code", "actor %s declared twice", a.Code)
			continue
		}
		seen[a.Code] = true
		f.Actors = append(f.Actors, a)
	}
}

func (p *parser) relations(f *File, n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		p.errs.add(n.Line, "relations", "relations must be a list, got %s", kindName(n))
		return
	}
	for i, c := range n.Content {
		r, ok := p.relation(c, i)
		p.cites = append(p.cites, r)
		if ok {
			f.Relations = append(f.Relations, r)
		}
	}
}

// relation parses one relation; ok is false when it has errors.
func (p *parser) relation(n *yaml.Node, index int) (Relation, bool) {
	before := len(p.errs.errs)
	r := Relation{Index: index, Line: n.Line, lines: map[string]int{}}
	path := r.path()
	var kind, status string
	var quantity *yaml.Node
	var commitment *yaml.Node
	at := func(field string, h func(*yaml.Node)) func(*yaml.Node) {
		return func(v *yaml.Node) {
			r.lines[field] = v.Line
			h(v)
		}
	}
	if !p.mapping(n, path, map[string]func(*yaml.Node){
		"source":     at("source", p.str(&r.Source, path+".source")),
		"target":     at("target", p.str(&r.Target, path+".target")),
		"kind":       at("kind", p.str(&kind, path+".kind")),
		"item":       at("item", p.str(&r.Item, path+".item")),
		"date":       at("date", p.date(&r.Date, path+".date")),
		"until":      at("until", p.date(&r.Until, path+".until")),
		"status":     at("status", p.str(&status, path+".status")),
		"quantity":   at("quantity", func(v *yaml.Node) { quantity = v }),
		"commitment": at("commitment", func(v *yaml.Node) { commitment = v }),
		"group":      at("group", p.str(&r.GroupID, path+".group")),
		"note":       at("note", p.str(&r.Note, path+".note")),
		"cite":       at("cite", p.strings(&r.Cite, path+".cite")),
	}, "source", "target", "kind", "note", "cite") {
		return r, false
	}
	r.Source = strings.ToUpper(r.Source)
	r.Target = strings.ToUpper(r.Target)
	r.given = [2]string{r.Source, r.Target}
	r.Kind = axis.Kind(kind)
	r.Status = axis.Status(status)

	for _, side := range []string{"source", "target"} {
		code := r.Source
		if side == "target" {
			code = r.Target
		}
		if _, given := r.lines[side]; given && !axis.ValidActorCode(code) {
			p.errs.add(r.lineOf(side), path+"."+side, "invalid actor code %q: use ISO alpha-3 for states (RUS, PRK) or a short upper-case code (NATO, HOUTHIS)", code)
		}
	}
	if r.Source != "" && r.Source == r.Target {
		p.errs.add(r.lineOf("target"), path+".target", "a relation needs two different actors (got %s twice)", r.Source)
	}
	info := r.Kind.Info()
	if _, given := r.lines["kind"]; given && info == nil {
		p.errs.add(r.lineOf("kind"), path+".kind", "unknown kind %q; valid kinds: %s", kind, strings.Join(axis.KindNames(), ", "))
	}
	if info != nil && !r.Kind.HasItem(r.Item) {
		valid := "none (this kind takes no item)"
		if len(info.Items) > 0 {
			valid = strings.Join(info.Items, ", ")
		}
		p.errs.add(r.lineOf("item"), path+".item", "unknown item %q for kind %s; valid items: %s", r.Item, r.Kind, valid)
	}
	if status != "" && !r.Status.Valid() {
		p.errs.add(r.lineOf("status"), path+".status", "unknown status %q; valid: %s", status, strings.Join(axis.StatusNames(), ", "))
	}
	if !r.Until.IsZero() && r.Until.Before(r.Date) {
		p.errs.add(r.lineOf("until"), path+".until", "until %s is before date %s", r.Until, r.Date)
	}
	if _, given := r.lines["note"]; given && r.Note == "" {
		p.errs.add(r.lineOf("note"), path+".note", "the note states the fact in your own words and must not be empty")
	}
	if _, given := r.lines["cite"]; given && len(r.Cite) == 0 {
		p.errs.add(r.lineOf("cite"), path+".cite", "a relation needs at least one citation (a source id)")
	}
	if quantity != nil {
		r.Quantity = p.quantity(quantity, path+".quantity")
	}
	if commitment != nil {
		if info != nil && info.Family != axis.FamilyCommitment {
			p.errs.add(commitment.Line, path+".commitment", "commitment fields given for %s, which is not a commitment (commitment kinds: %s)", r.Kind, kindList(axis.KindsOf(axis.FamilyCommitment)))
		} else {
			r.Commitment = p.commitment(commitment, path+".commitment", &r)
		}
	}
	if r.Commitment != nil {
		if r.Date.IsZero() {
			r.Date = r.Commitment.Signed
		}
		if r.Until.IsZero() {
			r.Until = r.Commitment.Ended
		}
	}
	if len(p.errs.errs) > before {
		return r, false
	}
	r.Normalize()
	if err := r.Relation.Validate(); err != nil {
		p.errs.add(n.Line, path, "%s", axis.ErrorMessage(err))
		return r, false
	}
	return r, true
}

func kindList(ks []axis.Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// Quantity bounds.
var bounds = []string{"", "over", "under", "about"}

func (p *parser) quantity(n *yaml.Node, path string) *axis.Quantity {
	q := &axis.Quantity{}
	var value, cumulative string
	p.mapping(n, path, map[string]func(*yaml.Node){
		"value":      p.str(&value, path+".value"),
		"unit":       p.str(&q.Unit, path+".unit"),
		"bound":      p.str(&q.Bound, path+".bound"),
		"cumulative": p.str(&cumulative, path+".cumulative"),
	}, "value")
	switch cumulative {
	case "", "false", "no":
	case "true", "yes":
		q.Cumulative = true
	default:
		p.errs.add(n.Line, path+".cumulative", "cumulative must be true or false, got %q", cumulative)
	}
	if value != "" {
		v, err := strconv.ParseFloat(strings.ReplaceAll(value, "_", ""), 64)
		if err != nil || v < 0 {
			p.errs.add(n.Line, path+".value", "quantity %q must be a number not below 0", value)
		}
		q.Value = v
	}
	if !contains(bounds, q.Bound) {
		p.errs.add(n.Line, path+".bound", "unknown bound %q; valid: over, under, about (or none)", q.Bound)
	}
	return q
}

func (p *parser) commitment(n *yaml.Node, path string, r *Relation) *axis.Commitment {
	c := &axis.Commitment{}
	p.mapping(n, path, map[string]func(*yaml.Node){
		"signed":   p.date(&c.Signed, path+".signed"),
		"in_force": p.date(&c.InForce, path+".in_force"),
		"ended":    p.date(&c.Ended, path+".ended"),
		"title":    p.str(&c.Title, path+".title"),
		"article":  p.str(&c.Article, path+".article"),
		"conditions": func(v *yaml.Node) {
			cp := path + ".conditions"
			var np string
			p.mapping(v, cp, map[string]func(*yaml.Node){
				"adversaries": func(a *yaml.Node) {
					r.lines["adversaries"] = a.Line
					p.strings(&c.Conditions.Adversaries, cp+".adversaries")(a)
				},
				"theaters":        p.strings(&c.Conditions.Theaters, cp+".theaters"),
				"conflict":        p.str(&c.Conditions.Conflict, cp+".conflict"),
				"non_provocation": p.str(&np, cp+".non_provocation"),
				"note":            p.str(&c.Conditions.Note, cp+".note"),
			})
			for i, a := range c.Conditions.Adversaries {
				c.Conditions.Adversaries[i] = strings.ToUpper(a)
			}
			for _, t := range c.Conditions.Theaters {
				if !axis.ValidTheater(t) {
					p.errs.add(v.Line, cp+".theaters", "unknown theater %q; valid: %s", t, strings.Join(axis.Theaters, ", "))
				}
			}
			switch np {
			case "", "false", "no":
			case "true", "yes":
				c.Conditions.NonProvocation = true
			default:
				p.errs.add(v.Line, cp+".non_provocation", "non_provocation must be true or false, got %q", np)
			}
		},
	})
	if !c.InForce.IsZero() && !c.Signed.IsZero() && c.InForce.Before(c.Signed) {
		p.errs.add(n.Line, path+".in_force", "in_force %s is before signed %s", c.InForce, c.Signed)
	}
	if !c.Ended.IsZero() && !c.Signed.IsZero() && c.Ended.Before(c.Signed) {
		p.errs.add(n.Line, path+".ended", "ended %s is before signed %s", c.Ended, c.Signed)
	}
	return c
}

// checkCitations reports relations citing unknown source ids.
func (p *parser) checkCitations(f *File) {
	ids := sortedKeys(f.Sources)
	for _, r := range p.cites {
		for i, id := range r.Cite {
			if _, ok := f.Sources[id]; !ok {
				msg := fmt.Sprintf("unknown citation %q", id)
				if len(ids) > 0 {
					msg += "; closest known: " + strings.Join(axis.Closest(id, ids, 3), ", ")
				} else {
					msg += "; the file defines no sources"
				}
				p.errs.add(r.lineOf("cite"), fmt.Sprintf("%s.cite[%d]", r.path(), i), "%s", msg)
			}
		}
	}
}

// checkCommitments reports two commitments of one kind between one pair
// with different treaty titles: the store keys commitments without a date,
// so the second would silently merge into the first.
func (p *parser) checkCommitments(f *File) {
	first := map[string]*Relation{}
	for i := range f.Relations {
		r := &f.Relations[i]
		if r.Commitment == nil {
			continue
		}
		k := r.Key()
		prev, ok := first[k]
		if !ok {
			first[k] = r
			continue
		}
		if prev.Commitment != nil && prev.Commitment.Title != r.Commitment.Title {
			p.errs.add(r.Line, r.path(), "%s %s-%s already given at line %d with title %q; a pair has one commitment of a kind (use another kind, or cite the same treaty)",
				r.Kind, r.Source, r.Target, prev.Line, prev.Commitment.Title)
		}
	}
}
