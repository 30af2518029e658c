package textcode

import (
	"strconv"
	"strings"

	"axis"
)

var numberWords = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
	"a": 1}

var scaleWords = map[string]float64{"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

var vagueWords = map[string]float64{"dozens": 24, "hundreds": 200, "thousands": 2000, "millions": 2e6, "dozen": 12, "tens": 20}

var boundWords = map[string]string{"over": "over", "more": "over", "at": "over", "least": "over", "about": "about",
	"around": "about", "some": "about", "roughly": "about", "approximately": "about", "nearly": "under", "almost": "under",
	"up": "under", "fewer": "under", "less": "under", "estimated": "about", "several": "about", "an": "about"}

// quantity reads the amount stated before an item: "over a million
// shells", "11,000 troops", "dozens of drones", "240 billion dollars".
func (s *sent) quantity(it match) *axis.Quantity {
	i := it.start - 1
	// skip adjectives and "of", "pieces of"
	for i >= 0 && i >= it.start-4 {
		w := s.toks[i].low
		if w == "of" || w == "pieces" || w == "rounds" || w == "units" || isAdj(w) && vagueWords[w] == 0 || w == "-" || w == "made" {
			i--
			continue
		}
		break
	}
	if i < 0 {
		return nil
	}
	var val float64
	j := i
	w := s.toks[j].low
	switch {
	case vagueWords[w] > 0:
		val = vagueWords[w]
		if w == "thousands" && j > 1 && s.toks[j-1].low == "of" && s.toks[j-2].low == "tens" {
			val, j = 20000, j-2
		}
		if w == "dozen" && j > 0 && s.toks[j-1].low == "several" {
			val, j = 24, j-1
		}
	case scaleWords[w] > 0:
		scale := scaleWords[w]
		j--
		if j < 0 {
			return nil
		}
		n, ok := parseNum(s.toks[j])
		if !ok {
			return nil
		}
		val = n * scale
	default:
		n, ok := parseNum(s.toks[j])
		if !ok || s.toks[j].low == "a" {
			return nil
		}
		if s.toks[j].kind == tNum && len(s.toks[j].text) == 4 && !strings.Contains(s.toks[j].text, ",") && n >= 1800 && n <= 2100 {
			return nil // a year
		}
		val = n
	}
	q := &axis.Quantity{Value: val, Unit: unitOf(s.toks[it.end-1].low)}
	if j > 0 {
		switch s.toks[j-1].text {
		case "$":
			q.Unit = "usd"
		case "€":
			q.Unit = "eur"
		case "£":
			q.Unit = "gbp"
		}
	}
	if vagueWords[w] > 0 && w != "dozen" {
		q.Bound = "over"
	}
	for k := j - 1; k >= 0 && k >= j-3; k-- {
		if b, ok := boundWords[s.toks[k].low]; ok {
			q.Bound = b
			break
		}
	}
	return q
}

func parseNum(t token) (float64, bool) {
	if v, ok := numberWords[t.low]; ok {
		return v, true
	}
	if t.kind != tNum {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(t.text, ",", ""), 64)
	return v, err == nil
}

func unitOf(w string) string {
	switch w {
	case "dollars":
		return "usd"
	case "euros":
		return "eur"
	}
	return w
}
