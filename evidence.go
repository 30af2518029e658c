package axis

import (
	"strings"
)

// Evidence is one piece of support for a relation: the sentence (or dataset
// row, or citation note) it came from, where, how it was coded and how sure.
type Evidence struct {
	ID         int64  `json:"id"`
	RelationID int64  `json:"relation_id"`
	DocumentID string `json:"document_id"`
	// Source names where it came from for a reader: a publisher, a URL, a
	// dataset file and row.
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Published Date   `json:"published"`
	// Sentence is the exact text (or row summary) that states the relation;
	// Start and End are its character offsets in the document (0 when the
	// evidence is not from running text).
	Sentence string `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	// Method is rule:<id>, import:<dataset> or manual.
	Method     string  `json:"method"`
	Confidence float64 `json:"confidence"`
	// Status is what this piece of evidence says; a relation takes the
	// strongest of its evidence's statuses.
	Status Status `json:"status"`
	// Attrs keeps method-specific details: the CAMEO code, Goldstein score
	// and mention counts of a GDELT row, the matched words of a rule.
	Attrs map[string]string `json:"attrs,omitempty"`
}

// Method prefixes.
const (
	MethodRulePrefix   = "rule:"
	MethodImportPrefix = "import:"
	MethodManual       = "manual"
)

// Validate checks the evidence's fields.
func (e *Evidence) Validate() error {
	if e.DocumentID == "" {
		return FieldErrorf(EINVALID, "document_id", "evidence needs the document it came from")
	}
	if strings.TrimSpace(e.Sentence) == "" {
		return FieldErrorf(EINVALID, "sentence", "evidence needs the sentence or row that states it")
	}
	if !(e.Method == MethodManual || strings.HasPrefix(e.Method, MethodRulePrefix) || strings.HasPrefix(e.Method, MethodImportPrefix)) {
		return FieldErrorf(EINVALID, "method", "method %q must be rule:<id>, import:<dataset> or manual", e.Method)
	}
	if e.Confidence < 0 || e.Confidence > 1 {
		return FieldErrorf(EINVALID, "confidence", "confidence %v must be in [0,1]", e.Confidence)
	}
	if e.Status != "" && !e.Status.Valid() {
		return FieldErrorf(EINVALID, "status", "unknown status %q; valid: %s", e.Status, strings.Join(StatusNames(), ", "))
	}
	if e.Start < 0 || e.End < e.Start {
		return FieldErrorf(EINVALID, "offsets", "offsets %d..%d are not a range", e.Start, e.End)
	}
	return nil
}

// SearchHit is one full-text match over evidence sentences.
type SearchHit struct {
	Evidence Evidence `json:"evidence"`
	Relation Relation `json:"relation"`
	Snippet  string   `json:"snippet"` // the sentence with matches marked [like this]
	Rank     float64  `json:"rank"`    // lower is better (bm25)
}
