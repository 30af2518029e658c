package textcode

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strings"
	"unicode/utf8"

	"axis"
)

// docCoder codes a document block by block (paragraphs or headings), so a
// document of any size is coded in bounded memory. It hashes the
// normalised text as it goes: the hash is the document's id, and evidence
// offsets are character (rune) offsets into that normalised text, whose
// blocks are joined by a blank line.
type docCoder struct {
	c         *Coder
	date      axis.Date
	h         hash.Hash
	runes     int
	blocks    int
	sentences int
	out       []Coded
	par       *Paragraph
	capped    int // relations not kept past MaxRelationsPerDocument
}

// MaxRelationsPerDocument bounds the relations kept for one document, so a
// huge file is coded in bounded memory (a document is written in one
// transaction, so its relations are held until it ends). Past the bound the
// document is still read to its end (its hash covers all of it) and the
// relations not kept are counted in Doc.Capped.
const MaxRelationsPerDocument = 20000

func (c *Coder) newDoc(date axis.Date) *docCoder {
	return &docCoder{c: c, date: date, h: sha256.New()}
}

// block codes one block of raw (valid UTF-8) text. A heading does not
// carry coreference into the next block.
func (d *docCoder) block(raw string) {
	text := strings.TrimSpace(d.c.splitGlued(normalizeText(raw)))
	if text == "" {
		return
	}
	if d.blocks > 0 {
		d.h.Write([]byte("\n\n"))
		d.runes += 2
	}
	d.blocks++
	d.h.Write([]byte(text))
	par := NewParagraph(d.date)
	d.par = par
	pos, posRunes := 0, d.runes
	for _, sp := range splitSentences(text) {
		posRunes += utf8.RuneCountInString(text[pos:sp.start])
		sentence := text[sp.start:sp.end]
		n := utf8.RuneCountInString(sentence)
		d.sentences++
		for _, cd := range d.c.CodeSentence(sentence, par) {
			if len(d.out) >= MaxRelationsPerDocument {
				d.capped++
				continue
			}
			ev := &cd.Relation.Evidence[0]
			ev.Start, ev.End = posRunes, posRunes+n
			ev.Published = d.date
			d.out = append(d.out, cd)
		}
		posRunes += n
		pos = sp.end
	}
	d.runes += utf8.RuneCountInString(text)
}

// finish sets the document id on every piece of evidence and returns it.
func (d *docCoder) finish() string {
	id := hex.EncodeToString(d.h.Sum(nil))
	for i := range d.out {
		d.out[i].Relation.Evidence[0].DocumentID = id
	}
	return id
}

// CodeText codes a text whose paragraphs are separated by blank lines, as
// one document dated date. It is what the gold-set evaluation and tests use.
func (c *Coder) CodeText(text string, date axis.Date) []Coded {
	d := c.newDoc(date)
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		d.block(p)
	}
	d.finish()
	return d.out
}
