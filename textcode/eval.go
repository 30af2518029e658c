package textcode

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"axis"
)

// GoldExample is one line of a gold file.
type GoldExample struct {
	Text      string         `json:"text"`
	Date      string         `json:"date"`
	Relations []GoldRelation `json:"relations"`
}

// GoldRelation is one relation a gold example states.
type GoldRelation struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Kind   string `json:"kind"`
	Item   string `json:"item"`
	Status string `json:"status"`
}

// Score is precision, recall and F1 over (source, target, kind).
type Score struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (s *Score) compute() {
	if s.TP+s.FP > 0 {
		s.Precision = float64(s.TP) / float64(s.TP+s.FP)
	}
	if s.TP+s.FN > 0 {
		s.Recall = float64(s.TP) / float64(s.TP+s.FN)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
}

// Miss is one disagreement with the gold set, for --explain.
type Miss struct {
	Line  int    `json:"line"`
	Text  string `json:"text"`
	Kind  string `json:"type"` // false_positive, false_negative, item, status
	Gold  string `json:"gold,omitempty"`
	Coded string `json:"coded,omitempty"`
}

// EvalReport is the result of Evaluate.
type EvalReport struct {
	Examples       int               `json:"examples"`
	Overall        Score             `json:"overall"`
	PerKind        map[string]*Score `json:"per_kind"`
	Matched        int               `json:"matched"`
	ItemAccuracy   float64           `json:"item_accuracy"`
	StatusAccuracy float64           `json:"status_accuracy"`
	Misses         []Miss            `json:"misses,omitempty"`
}

type triple struct{ s, t, k string }

func keyOf(src, tgt string, k axis.Kind) triple {
	if k.Symmetric() && tgt < src {
		src, tgt = tgt, src
	}
	return triple{src, tgt, string(k)}
}

// ReadGold reads a gold file, one JSON example per line; errors name the line.
func ReadGold(r io.Reader, name string) ([]GoldExample, error) {
	var out []GoldExample
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		b := strings.TrimSpace(sc.Text())
		if b == "" || strings.HasPrefix(b, "#") {
			continue
		}
		var ex GoldExample
		if err := json.Unmarshal([]byte(b), &ex); err != nil {
			return nil, axis.Errorf(axis.EINVALID, "%s:%d: not a gold example (%v); want {\"text\",\"date\",\"relations\":[{\"source\",\"target\",\"kind\",\"item\",\"status\"}]}", name, line, err)
		}
		if _, err := axis.ParseDate(ex.Date); err != nil {
			return nil, axis.Errorf(axis.EINVALID, "%s:%d: date %q: use %s", name, line, ex.Date, axis.AcceptedDateFormats)
		}
		for i, g := range ex.Relations {
			if !axis.Kind(g.Kind).Valid() {
				return nil, axis.Errorf(axis.EINVALID, "%s:%d: relation %d: unknown kind %q; valid kinds: %s", name, line, i+1, g.Kind, strings.Join(axis.KindNames(), ", "))
			}
			if g.Status != "" && !axis.Status(g.Status).Valid() {
				return nil, axis.Errorf(axis.EINVALID, "%s:%d: relation %d: unknown status %q; valid: %s", name, line, i+1, g.Status, strings.Join(axis.StatusNames(), ", "))
			}
		}
		out = append(out, ex)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// Evaluate codes every example and scores the coder: precision, recall and
// F1 on (source, target, kind), overall and per kind; and on matched
// relations, whether the items and the status agree.
func (c *Coder) Evaluate(examples []GoldExample) EvalReport {
	rep := EvalReport{Examples: len(examples), PerKind: map[string]*Score{}}
	per := func(k string) *Score {
		if rep.PerKind[k] == nil {
			rep.PerKind[k] = &Score{}
		}
		return rep.PerKind[k]
	}
	itemOK, statusOK := 0, 0
	for li, ex := range examples {
		date, _ := axis.ParseDate(ex.Date)
		gold := map[triple]map[string]bool{}
		goldStatus := map[triple]string{}
		for _, g := range ex.Relations {
			k := keyOf(strings.ToUpper(g.Source), strings.ToUpper(g.Target), axis.Kind(g.Kind))
			if gold[k] == nil {
				gold[k] = map[string]bool{}
			}
			gold[k][g.Item] = true
			st := g.Status
			if st == "" {
				st = string(axis.Confirmed)
			}
			goldStatus[k] = st
		}
		pred := map[triple]map[string]bool{}
		predStatus := map[triple]string{}
		for _, cd := range c.CodeText(ex.Text, date) {
			r := cd.Relation
			k := keyOf(r.Source, r.Target, r.Kind)
			if pred[k] == nil {
				pred[k] = map[string]bool{}
			}
			pred[k][r.Item] = true
			if old, ok := predStatus[k]; !ok || axis.Status(old).Stronger(r.Status) != axis.Status(old) {
				predStatus[k] = string(r.Status)
			}
		}
		for k, items := range pred {
			if g, ok := gold[k]; ok {
				rep.Overall.TP++
				per(k.k).TP++
				rep.Matched++
				if sameSet(g, items) {
					itemOK++
				} else {
					rep.Misses = append(rep.Misses, Miss{Line: li + 1, Text: ex.Text, Kind: "item", Gold: tripleString(k) + " " + setString(g), Coded: setString(items)})
				}
				if goldStatus[k] == predStatus[k] {
					statusOK++
				} else {
					rep.Misses = append(rep.Misses, Miss{Line: li + 1, Text: ex.Text, Kind: "status", Gold: tripleString(k) + " " + goldStatus[k], Coded: predStatus[k]})
				}
			} else {
				rep.Overall.FP++
				per(k.k).FP++
				rep.Misses = append(rep.Misses, Miss{Line: li + 1, Text: ex.Text, Kind: "false_positive", Coded: tripleString(k) + " " + setString(items) + " " + predStatus[k]})
			}
		}
		for k, g := range gold {
			if _, ok := pred[k]; !ok {
				rep.Overall.FN++
				per(k.k).FN++
				rep.Misses = append(rep.Misses, Miss{Line: li + 1, Text: ex.Text, Kind: "false_negative", Gold: tripleString(k) + " " + setString(g) + " " + goldStatus[k]})
			}
		}
	}
	rep.Overall.compute()
	for _, s := range rep.PerKind {
		s.compute()
	}
	if rep.Matched > 0 {
		rep.ItemAccuracy = float64(itemOK) / float64(rep.Matched)
		rep.StatusAccuracy = float64(statusOK) / float64(rep.Matched)
	}
	sort.SliceStable(rep.Misses, func(i, j int) bool { return rep.Misses[i].Line < rep.Misses[j].Line })
	return rep
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func setString(m map[string]bool) string {
	var xs []string
	for k := range m {
		if k == "" {
			k = "-"
		}
		xs = append(xs, k)
	}
	sort.Strings(xs)
	return "[" + strings.Join(xs, ",") + "]"
}

func tripleString(k triple) string {
	sep := ">"
	if axis.Kind(k.k).Symmetric() {
		sep = "-"
	}
	return k.s + sep + k.t + " " + k.k
}

// Kinds lists the kinds of the report in ontology order.
func (r *EvalReport) Kinds() []string {
	var out []string
	for _, k := range axis.KindNames() {
		if r.PerKind[k] != nil {
			out = append(out, k)
		}
	}
	return out
}
