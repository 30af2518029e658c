package sqlite

import (
	"context"
	"errors"
	"strings"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"axis"
	"axis/internal/sqlstore"
)

// Search runs a full-text query over evidence sentences, best matches
// first (bm25). Plain words must all occur (prefix*: a word starting so);
// AND, OR and NOT are operators. A query with double quotes is passed to
// FTS5 as written, so "a phrase" works; one FTS5 cannot parse is EINVALID.
// limit <= 0 means no limit.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]axis.SearchHit, error) {
	if strings.TrimSpace(query) == "" {
		return nil, axis.Errorf(axis.EINVALID, "empty search: give words to look for, e.g. \"artillery shells\"")
	}
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+evidenceCols+`, `+relationCols+`,
			snippet(evidence_fts, 0, '[', ']', '…', 40), bm25(evidence_fts)
		FROM evidence_fts f
		JOIN evidence e ON e.id = f.rowid
		JOIN relations r ON r.id = e.relation_id
		WHERE evidence_fts MATCH ?
		ORDER BY bm25(evidence_fts), e.id
		LIMIT ?`, ftsQuery(query), limit)
	if err != nil {
		return nil, searchError(query, err)
	}
	defer rows.Close()
	hits, err := sqlstore.ScanSearchHits(rows)
	if err != nil {
		return nil, searchError(query, err)
	}
	return hits, nil
}

// searchError turns an FTS5 parse error into EINVALID. The SQL around the
// MATCH is fixed, so a plain SQLITE_ERROR can only come from the query.
func searchError(query string, err error) error {
	var se *msqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_ERROR {
		return axis.FieldErrorf(axis.EINVALID, "query", "cannot parse search %q: put phrases in matching double quotes, join words with AND, OR, NOT, end a word with * for a prefix", query)
	}
	return err
}

// ftsQuery turns a user query into FTS5 syntax. Without double quotes each
// word is quoted, so punctuation ("Jong-un", "U.S.") cannot break the
// parser; AND/OR/NOT stay operators and a trailing * stays a prefix.
func ftsQuery(q string) string {
	if strings.Contains(q, `"`) {
		return q
	}
	words := strings.Fields(q)
	for i, w := range words {
		switch w {
		case "AND", "OR", "NOT":
			continue
		}
		prefix := strings.HasSuffix(w, "*")
		w = strings.TrimRight(w, "*")
		words[i] = `"` + w + `"`
		if prefix {
			words[i] += "*"
		}
	}
	return strings.Join(words, " ")
}
