package importers

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"path/filepath"

	"axis"
)

// HashingReader passes reads through and hashes every byte, so a dataset
// file is read once: its document ID (the SHA-256 of its content) is known
// when the last row has been parsed.
type HashingReader struct {
	R io.Reader
	h hash.Hash
	N int64 // bytes read so far
}

// NewHashingReader wraps r.
func NewHashingReader(r io.Reader) *HashingReader {
	return &HashingReader{R: r, h: sha256.New()}
}

// Read reads from the underlying reader and hashes what it got.
func (h *HashingReader) Read(p []byte) (int, error) {
	n, err := h.R.Read(p)
	if n > 0 {
		h.h.Write(p[:n])
		h.N += int64(n)
	}
	return n, err
}

// Sum returns the hex SHA-256 of everything read.
func (h *HashingReader) Sum() string { return hex.EncodeToString(h.h.Sum(nil)) }

// DatasetDocument returns the document for one dataset file (or zip member)
// whose content hashed to id. The ID is the content hash, so the same rows
// imported from a renamed file or from inside a zip are the same document.
func DatasetDocument(id, name, path, publisher, url string) *axis.Document {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return &axis.Document{ID: id, Title: name, Publisher: publisher, URL: url, Path: abs, Kind: axis.DocDataset}
}
