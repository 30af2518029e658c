package postgres

import (
	"context"
	"strings"
	"unicode"

	"axis"
	"axis/internal/sqlstore"
)

// Search runs a full-text query over evidence sentences with PostgreSQL's
// text search, best matches first. It takes the sqlite store's syntax:
// plain words must all occur, OR between two words takes either, NOT (or
// -word) excludes a word, "a phrase" must occur as written, and word* is a
// prefix. Words are stemmed with the English configuration, so "shell" also
// finds "shells"; English stop words ("the", "of") are ignored, and a query
// of stop words only finds nothing.
//
// Rank is minus ts_rank_cd (normalized by the sentence's length), so, as
// with the sqlite store's bm25, lower is better; the two stores' ranks are
// not comparable with each other. limit <= 0 means no limit.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]axis.SearchHit, error) {
	if strings.TrimSpace(query) == "" {
		return nil, axis.Errorf(axis.EINVALID, "empty search: give words to look for, e.g. \"artillery shells\"")
	}
	web, prefixes := tsQuery(query)
	var args []any
	q := `websearch_to_tsquery('english', ` + arg(&args, web) + `)`
	if prefixes != "" {
		q = `(` + q + ` && to_tsquery('simple', ` + arg(&args, prefixes) + `))`
	}
	var lim any // NULL: no limit
	if limit > 0 {
		lim = limit
	}
	// The inner query ranks and limits; the headline, which re-parses the
	// sentence, is made for the hits kept only: the whole sentence with
	// the matches marked, or for a long one (a dataset row, a paragraph)
	// the two best fragments.
	rows, err := s.pool.Query(ctx, `SELECT `+evidenceCols+`, `+relationCols+`,
			CASE WHEN length(e.sentence) <= 400
				THEN ts_headline('english', e.sentence, h.q, 'StartSel=[, StopSel=], HighlightAll=true')
				ELSE ts_headline('english', e.sentence, h.q, 'StartSel=[, StopSel=], MaxWords=30, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "')
			END, h.rank
		FROM (SELECT e.id, `+q+` AS q, -ts_rank_cd(e.tsv, `+q+`, 1) AS rank
			FROM evidence e
			WHERE e.tsv @@ `+q+`
			ORDER BY rank, e.id
			LIMIT `+arg(&args, lim)+`) h
		JOIN evidence e ON e.id = h.id
		JOIN relations r ON r.id = e.relation_id
		ORDER BY h.rank, e.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return sqlstore.ScanSearchHits(rows)
}

// tsQuery turns a query in the sqlite store's syntax into the text of a
// websearch_to_tsquery (which never fails to parse: quotes, "or" and -word
// are its operators) and a to_tsquery of the prefix words ("shel:* &
// artil:*", or "" when there is none), which the caller ANDs with it.
func tsQuery(q string) (web, prefixes string) {
	var words, pre []string
	inQuote, not := false, false
	for _, w := range strings.Fields(q) {
		quotes := strings.Count(w, `"`)
		if inQuote || quotes > 0 {
			words = append(words, w)
			if quotes%2 == 1 {
				inQuote = !inQuote
			}
			continue
		}
		switch w {
		case "AND":
			continue
		case "OR":
			words = append(words, "or")
			continue
		case "NOT":
			not = true
			continue
		}
		if strings.HasSuffix(w, "*") && !not {
			// Only letters and digits: the rest is to_tsquery syntax.
			p := strings.Map(func(r rune) rune {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					return unicode.ToLower(r)
				}
				return -1
			}, w)
			if p != "" {
				pre = append(pre, p+":*")
			}
			continue
		}
		w = strings.TrimRight(w, "*")
		if not {
			w = "-" + strings.TrimLeft(w, "-")
			not = false
		}
		words = append(words, w)
	}
	return strings.Join(words, " "), strings.Join(pre, " & ")
}
