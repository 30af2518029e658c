// Package gazetteer knows the actors that reporting names: every UN member
// and observer state plus Taiwan and Kosovo, historical states for
// historical datasets, international organizations and groupings, armed
// groups, firms that appear in sanctions reporting, and the people who lead
// and speak for the states that matter most, with their terms in office.
//
// The data ships inside the binary as CSV files (data/*.csv, see
// docs/gazetteer.md for the format). Default parses them once; New builds a
// Gazetteer from any list of actors, for tests.
//
// A Gazetteer answers three questions: which actor has this code (Actor),
// which actors does this name denote (Lookup), and which state does this
// name act for on a given date (Resolve). Names lists every alias for a
// text matcher, longest first.
package gazetteer

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"axis"
)

// Name forms, the value of Name.Form.
const (
	FormName    = "name"    // the common or official name of a state ("Russia", "Russian Federation")
	FormAlias   = "alias"   // another name or abbreviation ("DPRK", "the US", "Britain")
	FormDemonym = "demonym" // demonym or adjective ("North Korean", "Iranians")
	FormCapital = "capital" // a capital used as a metonym ("Pyongyang", "Brussels" for the EU)
	FormSeat    = "seat"    // a seat of government or a state body ("the Kremlin", "the Pentagon", "IRGC")
	FormPerson  = "person"  // a person's name ("Vladimir Putin", "Putin")
	FormOrg     = "org"     // a name of an organization, armed group or firm ("NATO", "Ansar Allah")
)

// Forms lists the name forms.
var Forms = []string{FormName, FormAlias, FormDemonym, FormCapital, FormSeat, FormPerson, FormOrg}

// Name is one way of naming an actor, for a text matcher.
type Name struct {
	Text string `json:"text"` // as written in the data ("the DPRK") or a derived variant ("DPRK", "North Koreans")
	Code string `json:"code"` // the actor's code
	Form string `json:"form"` // one of Forms
}

// Ambiguity is a name that denotes more than one actor, listed on purpose.
// Prefer, when set, is the code Resolve picks when nothing else decides.
type Ambiguity struct {
	Alias  string   `json:"alias"`
	Codes  []string `json:"codes"`
	Prefer string   `json:"prefer,omitempty"`
	Note   string   `json:"note,omitempty"`
}

// Gazetteer indexes actors by code and by every name. It is safe for
// concurrent use; it never changes after it is built. The *axis.Actor
// values it returns are shared: callers must not modify them.
type Gazetteer struct {
	actors []axis.Actor             // sorted by code
	byCode map[string]*axis.Actor   // code -> actor
	byKey  map[string][]*axis.Actor // Key(name) -> actors, sorted by code
	names  []Name                   // longest first
	ambig  map[string]Ambiguity     // Key(alias) -> entry
}

var (
	defaultOnce sync.Once
	defaultG    *Gazetteer
)

// Default returns the gazetteer of the embedded data, parsed once. It
// panics only if the embedded data is broken, which the package's tests
// rule out.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		d, err := LoadEmbedded()
		if err != nil {
			panic("gazetteer: embedded data is broken: " + err.Error())
		}
		defaultG = d.built
	})
	return defaultG
}

// Actors returns every actor of the embedded data, validated and sorted by
// code. The slice is a fresh copy.
func Actors() []axis.Actor { return Default().Actors() }

// New builds a gazetteer from a list of actors: each actor's Name and
// Aliases become names (forms "name" and "alias" for states, "person" for
// persons, "org" for the rest). Later actors with a code already seen
// replace earlier ones. New does not validate the actors.
func New(actors []axis.Actor) *Gazetteer {
	return build(actors, nil, nil)
}

// build makes a gazetteer. forms, when non-nil, gives the form of each
// alias per actor code (keyed by the alias text as written).
func build(actors []axis.Actor, forms map[string]map[string]string, ambig []Ambiguity) *Gazetteer {
	g := &Gazetteer{
		byCode: map[string]*axis.Actor{},
		byKey:  map[string][]*axis.Actor{},
		ambig:  map[string]Ambiguity{},
	}
	idx := map[string]int{}
	for _, a := range actors {
		a = cloneActor(a)
		if i, ok := idx[a.Code]; ok {
			g.actors[i] = a
			continue
		}
		idx[a.Code] = len(g.actors)
		g.actors = append(g.actors, a)
	}
	sort.Slice(g.actors, func(i, j int) bool { return g.actors[i].Code < g.actors[j].Code })
	seen := map[Name]bool{}
	add := func(text, code, form string) {
		text = strings.TrimSpace(text)
		if Key(text) == "" {
			return // nothing a matcher could find ("", ".", "-")
		}
		n := Name{Text: text, Code: code, Form: form}
		if seen[n] {
			return
		}
		// The same text under two forms for one actor: keep the first.
		for _, f := range Forms {
			if seen[Name{Text: text, Code: code, Form: f}] {
				return
			}
		}
		seen[n] = true
		g.names = append(g.names, n)
	}
	for i := range g.actors {
		a := &g.actors[i]
		g.byCode[a.Code] = a
		texts := append([]string{a.Name}, a.Aliases...)
		for _, t := range texts {
			form := defaultForm(a, t)
			if f, ok := forms[a.Code][t]; ok {
				form = f
			}
			for _, v := range variants(t, form) {
				add(v, a.Code, form)
			}
		}
	}
	for _, n := range g.names {
		k := Key(n.Text)
		if k == "" {
			continue
		}
		list := g.byKey[k]
		dup := false
		for _, a := range list {
			dup = dup || a.Code == n.Code
		}
		if !dup {
			g.byKey[k] = append(list, g.byCode[n.Code])
		}
	}
	for _, list := range g.byKey {
		sort.Slice(list, func(i, j int) bool { return list[i].Code < list[j].Code })
	}
	sort.Slice(g.names, func(i, j int) bool {
		a, b := &g.names[i], &g.names[j]
		if la, lb := utf8.RuneCountInString(a.Text), utf8.RuneCountInString(b.Text); la != lb {
			return la > lb
		}
		if a.Text != b.Text {
			return a.Text < b.Text
		}
		return a.Code < b.Code
	})
	for _, e := range ambig {
		g.ambig[Key(e.Alias)] = e
	}
	return g
}

func defaultForm(a *axis.Actor, text string) string {
	switch a.Kind {
	case axis.ActorPerson:
		return FormPerson
	case axis.ActorState:
		if text == a.Name {
			return FormName
		}
		return FormAlias
	}
	return FormOrg
}

// variants returns the text and the forms derived from it: the text without
// a leading "the", and for demonyms the plural ("North Korean" → "North
// Koreans").
func variants(text, form string) []string {
	out := []string{text}
	if len(text) > 4 && strings.EqualFold(text[:4], "the ") {
		out = append(out, strings.TrimSpace(text[4:]))
	}
	if form == FormDemonym {
		if p := plural(text); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// plural returns the plural of a demonym used as a noun, or "" when the
// demonym does not take an -s ("Chinese", "Swiss", "British", "French").
func plural(d string) string {
	if strings.HasSuffix(d, "ese") {
		return ""
	}
	switch d[len(d)-1] {
	case 'n', 'i', 'o', 'a', 'k', 'e', 'r':
		return d + "s"
	}
	return ""
}

func cloneActor(a axis.Actor) axis.Actor {
	a.Aliases = append([]string(nil), a.Aliases...)
	a.Theaters = append([]string(nil), a.Theaters...)
	a.Terms = append([]axis.Term(nil), a.Terms...)
	return a
}

// Actors returns the gazetteer's actors sorted by code, as a fresh copy.
func (g *Gazetteer) Actors() []axis.Actor {
	out := make([]axis.Actor, len(g.actors))
	for i, a := range g.actors {
		out[i] = cloneActor(a)
	}
	return out
}

// Actor returns the actor with the code, which is matched exactly
// (codes are upper case).
func (g *Gazetteer) Actor(code string) (*axis.Actor, bool) {
	a, ok := g.byCode[code]
	return a, ok
}

// Lookup returns the actors a name denotes, sorted by code: an exact match
// on a name or alias after Key normalisation (case, diacritics, dots,
// hyphens, a leading "the"), trying the name without a possessive ("Russia's",
// "Houthis'") when the name itself is unknown. It returns nil for an unknown
// name and more than one actor for an ambiguous one (see Ambiguities).
func (g *Gazetteer) Lookup(name string) []*axis.Actor {
	k := Key(name)
	if k == "" {
		return nil
	}
	if l, ok := g.byKey[k]; ok {
		return append([]*axis.Actor(nil), l...)
	}
	if s, ok := stripPossessive(k); ok {
		if l, ok := g.byKey[s]; ok {
			return append([]*axis.Actor(nil), l...)
		}
	}
	return nil
}

func stripPossessive(k string) (string, bool) {
	switch {
	case strings.HasSuffix(k, "'s"):
		return strings.TrimSpace(k[:len(k)-2]), true
	case strings.HasSuffix(k, "'"):
		return strings.TrimSpace(k[:len(k)-1]), true
	}
	return k, false
}

// Resolve returns the code of the actor a name acts for on date on: a
// state, organization or armed group is itself, a firm is itself too (the
// text coder decides when to count a firm against its state), and a person
// is the country of the term that covers the date; a date outside every
// term gives the country of the latest term begun before it, else of the
// first term. An unknown date takes the person's current country.
//
// An ambiguous name resolves when its actors all act for the same code on
// that date, or when exactly one of its persons held office on that date,
// or when the ambiguity table prefers one; otherwise Resolve reports false.
// A name that matches no alias but is exactly an actor's code ("RUS",
// "NATO") resolves as that actor.
func (g *Gazetteer) Resolve(name string, on axis.Date) (string, bool) {
	cands := g.Lookup(name)
	if len(cands) == 0 {
		if a, ok := g.byCode[strings.TrimSpace(name)]; ok {
			cands = []*axis.Actor{a}
		}
	}
	switch len(cands) {
	case 0:
		return "", false
	case 1:
		return countryOn(cands[0], on), true
	}
	first := countryOn(cands[0], on)
	same := true
	for _, a := range cands[1:] {
		same = same && countryOn(a, on) == first
	}
	if same {
		return first, true
	}
	if !on.IsZero() {
		var inOffice []*axis.Actor
		for _, a := range cands {
			if a.Kind != axis.ActorPerson {
				continue
			}
			for _, t := range a.Terms {
				if t.Covers(on) {
					inOffice = append(inOffice, a)
					break
				}
			}
		}
		if len(inOffice) == 1 {
			return countryOn(inOffice[0], on), true
		}
	}
	if e, ok := g.ambig[Key(name)]; ok && e.Prefer != "" {
		if a, ok := g.byCode[e.Prefer]; ok {
			return countryOn(a, on), true
		}
	}
	return "", false
}

// countryOn is the code an actor acts for on date d.
func countryOn(a *axis.Actor, d axis.Date) string {
	if a.Kind != axis.ActorPerson {
		return a.Code
	}
	if len(a.Terms) == 0 || (d.IsZero() && a.Country != "") {
		return a.Country
	}
	if d.IsZero() {
		// No Country set (New with a hand-made actor): an open term, else
		// the latest one.
		best := 0
		for i, t := range a.Terms {
			if t.End.IsZero() {
				return t.Country
			}
			if a.Terms[best].Start.Before(t.Start) {
				best = i
			}
		}
		return a.Terms[best].Country
	}
	for _, t := range a.Terms {
		if t.Covers(d) {
			return t.Country
		}
	}
	// Outside every term: the latest term begun before d, else the first.
	best := -1
	for i, t := range a.Terms {
		if t.Start.Before(d) && (best < 0 || a.Terms[best].Start.Before(t.Start)) {
			best = i
		}
	}
	if best >= 0 {
		return a.Terms[best].Country
	}
	first := 0
	for i, t := range a.Terms {
		if t.Start.Before(a.Terms[first].Start) {
			first = i
		}
	}
	return a.Terms[first].Country
}

// Names returns every name of every actor for a text matcher, longest
// first (by characters; ties by text, then code). Names written with a
// leading "the" come with and without it; demonyms come with their plural.
// Aliases written all in capitals ("US", "UN", "DPRK") are acronyms that a
// matcher should take only in capitals. The slice is a fresh copy.
func (g *Gazetteer) Names() []Name {
	return append([]Name(nil), g.names...)
}

// Ambiguities returns the table of names that denote more than one actor
// on purpose, sorted by alias.
func (g *Gazetteer) Ambiguities() []Ambiguity {
	out := make([]Ambiguity, 0, len(g.ambig))
	for _, e := range g.ambig {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Alias < out[j].Alias })
	return out
}

var letterFold = strings.NewReplacer(
	"đ", "d", "ł", "l", "ø", "o", "ß", "ss", "æ", "ae", "œ", "oe", "ı", "i",
	"þ", "th", "ð", "d",
	"’", "'", "‘", "'", "ʼ", "'", "`", "'", "´", "'",
	"‐", " ", "‑", " ", "–", " ", "—", " ", "-", " ", "_", " ",
	".", "", ",", " ",
)

// Key normalises a name for matching: diacritics removed (also đ, ł, ø, ß,
// æ, ı), lower case, curly apostrophes made straight, dots removed ("U.S."
// → "us"), hyphens, dashes, underscores and commas made spaces, spaces
// collapsed and a leading "the " dropped. Two names match when their keys
// are equal.
func Key(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ToLower(s)
	if !isASCII(s) {
		var b strings.Builder
		b.Grow(len(s))
		for _, r := range norm.NFD.String(s) {
			if unicode.Is(unicode.Mn, r) {
				continue
			}
			b.WriteRune(r)
		}
		s = b.String()
	}
	s = letterFold.Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	for strings.HasPrefix(s, "the ") {
		s = s[4:]
	}
	return s
}

// InOffice returns the persons holding role for country (a state or an
// organization code) on date on, sorted by code. An unknown date matches
// every term.
func (g *Gazetteer) InOffice(country, role string, on axis.Date) []*axis.Actor {
	var out []*axis.Actor
	for i := range g.actors {
		a := &g.actors[i]
		if a.Kind != axis.ActorPerson {
			continue
		}
		for _, t := range a.Terms {
			if t.Country == country && t.Role == role && t.Covers(on) {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
