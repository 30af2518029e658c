package gdelt

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"

	"axis"
)

// CSVExport is the layout of GDELT events exported from Google BigQuery
// (the gdelt-bq.gdeltv2.events or gdelt-bq.full.events tables, "Save
// results" as CSV): comma-separated, quoted where needed, with a header row
// of the codebook's column names in any order and any subset that keeps
// the columns axis needs.
var CSVExport = Layout{Name: "GDELT BigQuery CSV export", SourceURL: -1}

// csvRequired are the columns a BigQuery export must keep.
var csvRequired = []string{"GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1CountryCode", "Actor2Code", "Actor2CountryCode",
	"EventCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles"}

// csvHeader maps the columns of a BigQuery export.
type csvHeader struct {
	n   int
	col map[string]int // lower-case name → index
}

// parseCSVHeader reads the header of a BigQuery export, or says which
// columns it lacks.
func parseCSVHeader(line []byte, file string) (*csvHeader, error) {
	rec, err := csv.NewReader(bytes.NewReader(line)).Read()
	if err != nil {
		return nil, axis.Errorf(axis.EINVALID, "%s:1: cannot read the CSV header: %v", file, err)
	}
	h := &csvHeader{n: len(rec), col: map[string]int{}}
	for i, name := range rec {
		h.col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff")))] = i
	}
	var missing []string
	for _, c := range csvRequired {
		if _, ok := h.col[strings.ToLower(c)]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, axis.Errorf(axis.EINVALID, "%s:1: this comma-separated GDELT export lacks columns %s; export them too (SELECT * keeps every column), or give GDELT's own tab-separated .export.CSV files", file, strings.Join(missing, ", "))
	}
	return h, nil
}

func (h *csvHeader) get(rec []string, name string) []byte {
	if i, ok := h.col[strings.ToLower(name)]; ok && i < len(rec) {
		return []byte(strings.TrimSpace(rec[i]))
	}
	return nil
}

// fill sets row from one line of the export, as SplitRow does for the
// tab-separated files. An event code that lost its leading zero to a
// numeric column ("57") gets it back.
func (h *csvHeader) fill(line []byte, row *Row) error {
	rec, err := csv.NewReader(bytes.NewReader(line)).Read()
	if err != nil {
		return fmt.Errorf("cannot split the CSV line: %v", err)
	}
	if len(rec) != h.n {
		return fmt.Errorf("expected %d comma-separated columns as in the header, found %d", h.n, len(rec))
	}
	row.Layout = &CSVExport
	row.ID = h.get(rec, "GLOBALEVENTID")
	var ok bool
	if row.Day, ok = atoi(h.get(rec, "SQLDATE")); !ok || !validDay(row.Day) {
		return fmt.Errorf("SQLDATE %q is not a YYYYMMDD date", h.get(rec, "SQLDATE"))
	}
	row.A1Code, row.A1Name = h.get(rec, "Actor1Code"), h.get(rec, "Actor1Name")
	row.A1Country, row.A1Group = h.get(rec, "Actor1CountryCode"), h.get(rec, "Actor1KnownGroupCode")
	row.A2Code, row.A2Name = h.get(rec, "Actor2Code"), h.get(rec, "Actor2Name")
	row.A2Country, row.A2Group = h.get(rec, "Actor2CountryCode"), h.get(rec, "Actor2KnownGroupCode")
	row.IsRoot = string(h.get(rec, "IsRootEvent")) == "1" || strings.EqualFold(string(h.get(rec, "IsRootEvent")), "true")
	row.Event = h.get(rec, "EventCode")
	if len(row.Event) > 0 && len(row.Event) < 3 {
		row.Event = append(bytes.Repeat([]byte("0"), 3-len(row.Event)), row.Event...)
	}
	if len(row.Event) < 2 || len(row.Event) > 4 {
		return fmt.Errorf("EventCode %q is not a CAMEO code", row.Event)
	}
	row.quad, row.goldstein, row.mentions = h.get(rec, "QuadClass"), h.get(rec, "GoldsteinScale"), h.get(rec, "NumMentions")
	row.sources, row.articles, row.tone = h.get(rec, "NumSources"), h.get(rec, "NumArticles"), h.get(rec, "AvgTone")
	row.Place = h.get(rec, "ActionGeo_FullName")
	row.URL = h.get(rec, "SOURCEURL")
	return nil
}
