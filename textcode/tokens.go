package textcode

import (
	"unicode"
	"unicode/utf8"
)

// token is one word, number or punctuation mark of a sentence.
type token struct {
	text  string // as written
	low   string // lower case
	start int    // byte offsets in the sentence
	end   int
	kind  tokKind
}

type tokKind uint8

const (
	tWord tokKind = iota
	tNum
	tPunct
)

// tokenize splits a sentence into tokens. Words are runs of letters and
// digits; "'s" and "n't" are tokens of their own; numbers keep their
// internal commas and dots ("11,000", "1.5"); every other mark is a token.
func tokenize(s string, buf []token) []token {
	toks := buf[:0]
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || unicode.IsSpace(r):
			i += size
		case unicode.IsDigit(r):
			j := i + size
			for j < len(s) {
				c := s[j]
				if c >= '0' && c <= '9' {
					j++
					continue
				}
				if (c == ',' || c == '.') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
					j += 2
					continue
				}
				break
			}
			// digits glued to letters ("1960s", "KN-23" handled by hyphen)
			k := j
			for k < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[k:])
				if !unicode.IsLetter(r2) {
					break
				}
				k += sz
			}
			kind := tNum
			if k > j {
				kind, j = tWord, k
			}
			toks = append(toks, mk(s, i, j, kind))
			i = j
		case unicode.IsLetter(r):
			j := i + size
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) && !unicode.IsDigit(r2) {
					break
				}
				j += sz
			}
			// n't
			if j+2 < len(s)+0 && j+2 <= len(s) && s[j] == '\'' && j+1 < len(s) && s[j+1] == 't' && j-1 > i && (s[j-1] == 'n' || s[j-1] == 'N') && (j+2 == len(s) || !isLetterByte(s[j+2])) {
				toks = append(toks, mk(s, i, j-1, tWord))
				toks = append(toks, token{text: s[j-1 : j+2], low: "n't", start: j - 1, end: j + 2, kind: tWord})
				i = j + 2
				continue
			}
			toks = append(toks, mk(s, i, j, tWord))
			i = j
			// 's and s'
			if i < len(s) && s[i] == '\'' {
				if i+1 < len(s) && (s[i+1] == 's' || s[i+1] == 'S') && (i+2 == len(s) || !isLetterByte(s[i+2])) {
					toks = append(toks, token{text: s[i : i+2], low: "'s", start: i, end: i + 2, kind: tWord})
					i += 2
				} else if i+1 == len(s) || !isLetterByte(s[i+1]) {
					toks = append(toks, token{text: "'", low: "'s", start: i, end: i + 1, kind: tWord})
					i++
				}
			}
		default:
			toks = append(toks, mk(s, i, i+size, tPunct))
			i += size
		}
	}
	return toks
}

func isLetterByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func mk(s string, i, j int, k tokKind) token {
	t := s[i:j]
	return token{text: t, low: toLowerFast(t), start: i, end: j, kind: k}
}

// toLowerFast lower-cases ASCII without allocating when t is already lower.
func toLowerFast(t string) string {
	ascii, upper := true, false
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= 0x80 {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			upper = true
		}
	}
	if !ascii {
		return lower(t)
	}
	if !upper {
		return t
	}
	b := make([]byte, len(t))
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

// tokenizeWords returns the lower-case word tokens of a phrase, the form
// rule and name phrases are matched in.
func tokenizeWords(s string) []string {
	toks := tokenize(s, nil)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, t.low)
	}
	return out
}
