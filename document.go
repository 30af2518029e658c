package axis

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Document is a source that evidence comes from: an ingested article, a
// cited publication in a facts file, or a dataset file. Its ID is the
// SHA-256 of its content (or of its citation), so the same document is
// stored once however often it is read.
type Document struct {
	ID        string    `json:"id"`                  // hex SHA-256
	Title     string    `json:"title,omitempty"`     // headline or file name
	Publisher string    `json:"publisher,omitempty"` // "Reuters", "SIPRI"
	URL       string    `json:"url,omitempty"`       // source address
	Path      string    `json:"path,omitempty"`      // local file it was read from
	Published Date      `json:"published"`           // publication date, maybe unknown
	Kind      string    `json:"kind"`                // article, citation, dataset
	Ingested  time.Time `json:"ingested"`            // when the store first saw it
}

// Document kinds.
const (
	DocArticle  = "article"
	DocCitation = "citation"
	DocDataset  = "dataset"
)

// HashContent returns the document ID for content.
func HashContent(content []byte) string {
	h := sha256.Sum256(content)
	return hex.EncodeToString(h[:])
}

// Validate checks the document's fields.
func (d *Document) Validate() error {
	if len(d.ID) != 64 {
		return FieldErrorf(EINVALID, "id", "document id must be a 64-character SHA-256 hex digest")
	}
	switch d.Kind {
	case DocArticle, DocCitation, DocDataset:
	default:
		return FieldErrorf(EINVALID, "kind", "unknown document kind %q (valid: article, citation, dataset)", d.Kind)
	}
	return nil
}
