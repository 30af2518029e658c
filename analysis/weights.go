package analysis

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"axis"
)

//go:embed weights.yaml
var defaultWeightsYAML []byte

// Weights turn relations into numbers: a weight per kind, per status, a sign
// per family and a recency half-life. weights.yaml documents the defaults.
type Weights struct {
	Name         string                  `json:"name"`
	Source       string                  `json:"source"` // "embedded" or the file it was read from
	Digest       string                  `json:"digest"` // first 12 hex digits of the SHA-256 of the file(s)
	HalfLifeDays float64                 `json:"half_life_days"`
	Signs        map[axis.Family]float64 `json:"signs"`
	Statuses     map[axis.Status]float64 `json:"statuses"`
	Kinds        map[axis.Kind]float64   `json:"kinds"`
}

// WeightsRef names the weights a result was computed with.
type WeightsRef struct {
	Name   string `json:"name"`
	Source string `json:"source"`
	Digest string `json:"digest"`
}

// Ref returns the short reference results carry.
func (w *Weights) Ref() WeightsRef { return WeightsRef{w.Name, w.Source, w.Digest} }

// String is "name (source, digest)".
func (r WeightsRef) String() string {
	return fmt.Sprintf("%s (%s, sha256 %s)", r.Name, r.Source, r.Digest)
}

// DefaultWeights returns the embedded weights.yaml.
func DefaultWeights() *Weights {
	w, err := ParseWeights(defaultWeightsYAML, "embedded", nil)
	if err != nil {
		panic("analysis: embedded weights.yaml: " + err.Error())
	}
	return w
}

// LoadWeights reads a weights file over the defaults: keys the file leaves
// out keep their default values. An empty path returns the defaults.
func LoadWeights(path string) (*Weights, error) {
	if path == "" {
		return DefaultWeights(), nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, axis.FieldErrorf(axis.EINVALID, "--weights", "cannot read weights file: %v", err)
	}
	return ParseWeights(data, path, DefaultWeights())
}

type weightsFile struct {
	Name         string               `yaml:"name"`
	HalfLifeDays *float64             `yaml:"half_life_days"`
	Signs        map[string]yaml.Node `yaml:"signs"`
	Statuses     map[string]yaml.Node `yaml:"statuses"`
	Kinds        map[string]yaml.Node `yaml:"kinds"`
}

// ParseWeights parses a weights file named source. Keys it leaves out are
// taken from base (nil: they must all be present). Errors name the file,
// the line and the valid keys.
func ParseWeights(data []byte, source string, base *Weights) (*Weights, error) {
	var f weightsFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, axis.Errorf(axis.EINVALID, "%s: %v (valid top-level keys: name, half_life_days, signs, statuses, kinds)", source, err)
	}
	w := &Weights{Name: f.Name, Source: source, Signs: map[axis.Family]float64{}, Statuses: map[axis.Status]float64{}, Kinds: map[axis.Kind]float64{}}
	sum := sha256.Sum256(data)
	w.Digest = hex.EncodeToString(sum[:])[:12]
	if base != nil {
		w.HalfLifeDays = base.HalfLifeDays
		for k, v := range base.Signs {
			w.Signs[k] = v
		}
		for k, v := range base.Statuses {
			w.Statuses[k] = v
		}
		for k, v := range base.Kinds {
			w.Kinds[k] = v
		}
		w.Digest = base.Digest + "+" + w.Digest
		if w.Name == "" {
			w.Name = base.Name + "+" + source
		}
	}
	if w.Name == "" {
		w.Name = source
	}
	if f.HalfLifeDays != nil {
		if *f.HalfLifeDays < 0 || math.IsNaN(*f.HalfLifeDays) {
			return nil, axis.FieldErrorf(axis.EINVALID, "half_life_days", "%s: half_life_days must be 0 (no decay) or positive, got %v", source, *f.HalfLifeDays)
		}
		w.HalfLifeDays = *f.HalfLifeDays
	}
	familyNames := make([]string, len(axis.Families))
	for i, fam := range axis.Families {
		familyNames[i] = string(fam)
	}
	if err := readSection(source, "signs", f.Signs, familyNames, -1, func(k string, v float64) { w.Signs[axis.Family(k)] = v }); err != nil {
		return nil, err
	}
	if err := readSection(source, "statuses", f.Statuses, axis.StatusNames(), 0, func(k string, v float64) { w.Statuses[axis.Status(k)] = v }); err != nil {
		return nil, err
	}
	if err := readSection(source, "kinds", f.Kinds, axis.KindNames(), 0, func(k string, v float64) { w.Kinds[axis.Kind(k)] = v }); err != nil {
		return nil, err
	}
	if base == nil {
		for _, k := range axis.KindNames() {
			if _, ok := w.Kinds[axis.Kind(k)]; !ok {
				return nil, axis.FieldErrorf(axis.EINVALID, "kinds", "%s: no weight for kind %s", source, k)
			}
		}
		for _, s := range axis.StatusNames() {
			if _, ok := w.Statuses[axis.Status(s)]; !ok {
				return nil, axis.FieldErrorf(axis.EINVALID, "statuses", "%s: no weight for status %s", source, s)
			}
		}
		for _, fam := range axis.Families {
			if _, ok := w.Signs[fam]; !ok {
				return nil, axis.FieldErrorf(axis.EINVALID, "signs", "%s: no sign for family %s", source, fam)
			}
		}
	}
	return w, nil
}

// readSection checks each key of a section against valid and each value
// against min (signs may be -1..1).
func readSection(source, section string, m map[string]yaml.Node, valid []string, min float64, set func(string, float64)) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		n := m[k]
		ok := false
		for _, v := range valid {
			ok = ok || v == k
		}
		if !ok {
			return axis.FieldErrorf(axis.EINVALID, section, "%s:%d: unknown key %q in %s; valid: %s", source, n.Line, k, section, strings.Join(valid, ", "))
		}
		var v float64
		if err := n.Decode(&v); err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return axis.FieldErrorf(axis.EINVALID, section, "%s:%d: %s.%s must be a number, got %q", source, n.Line, section, k, n.Value)
		}
		if v < min || (min < 0 && v > 1) {
			rng := "0 or more"
			if min < 0 {
				rng = "between -1 and 1"
			}
			return axis.FieldErrorf(axis.EINVALID, section, "%s:%d: %s.%s must be %s, got %v", source, n.Line, section, k, rng, v)
		}
		set(k, v)
	}
	return nil
}

// Base is a relation's weight without recency: kind × status × (1+ln events).
func (w *Weights) Base(r *axis.Relation) float64 {
	ev := float64(max(r.Events, 1))
	return w.Kinds[r.Kind] * w.Statuses[r.Status] * (1 + math.Log(ev))
}

// Recency is the decay factor of r seen from ref: 0.5^(age/half-life).
// Commitments in force on ref, undated relations and a zero half-life give 1.
func (w *Weights) Recency(r *axis.Relation, ref axis.Date) float64 {
	if w.HalfLifeDays <= 0 || ref.IsZero() {
		return 1
	}
	d := r.Date
	if !r.Until.IsZero() {
		d = r.Until
	}
	if r.Commitment != nil {
		if r.Commitment.InForceOn(ref) {
			return 1
		}
		if !r.Commitment.Ended.IsZero() {
			d = r.Commitment.Ended
		}
	}
	if d.IsZero() {
		return 1
	}
	age := float64(startDay(ref) - startDay(d))
	if age <= 0 {
		return 1
	}
	return math.Exp2(-age / w.HalfLifeDays)
}

// Weight is Base × Recency: how much r counts, seen from ref, before sign.
func (w *Weights) Weight(r *axis.Relation, ref axis.Date) float64 {
	return w.Base(r) * w.Recency(r, ref)
}

// Sign is the sign of r's family (+1 cooperation, -1 hostility by default).
func (w *Weights) Sign(r *axis.Relation) float64 { return w.Signs[r.Kind.Family()] }

// Signed is Weight × Sign.
func (w *Weights) Signed(r *axis.Relation, ref axis.Date) float64 {
	return w.Weight(r, ref) * w.Sign(r)
}
