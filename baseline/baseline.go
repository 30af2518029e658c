// Package baseline embeds the curated, source-cited facts of today's
// alignment system that a new axis store starts with. The file is a facts
// file (see package facts and docs/facts.md); docs/baseline.md says what it
// covers, its as-of date and how to update it.
package baseline

import _ "embed"

// Facts is the baseline facts file.
//
//go:embed baseline.yaml
var Facts []byte

// Name is the file name used in messages about the baseline.
const Name = "baseline.yaml"

// AsOf is the date of the latest fact the baseline records; Curated is when
// it was last reviewed. See docs/baseline.md.
const (
	AsOf    = "2025-10-02"
	Curated = "2026-11-30"
)
