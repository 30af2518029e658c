package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"axis"
)

// Table is tabular output that renders as an aligned table or as CSV.
type Table struct {
	Header []string
	Rows   [][]string
}

// Add appends a row, formatting each value with fmt's %v.
func (t *Table) Add(cells ...any) {
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = fmt.Sprint(c)
	}
	t.Rows = append(t.Rows, row)
}

// addFormatFlag adds --format with the given choices; the first is default.
func addFormatFlag(cmd *cobra.Command, choices ...string) {
	if len(choices) == 0 {
		choices = []string{"table", "json", "csv"}
	}
	cmd.Flags().String("format", choices[0], "output format: "+strings.Join(choices, "|"))
}

// outputFormat reads --format and checks it against the allowed values.
func outputFormat(cmd *cobra.Command) (string, error) {
	f, _ := cmd.Flags().GetString("format")
	usage := cmd.Flags().Lookup("format").Usage
	for _, c := range strings.Split(strings.TrimPrefix(usage, "output format: "), "|") {
		if f == c {
			return f, nil
		}
	}
	return "", axis.FieldErrorf(axis.EINVALID, "--format", "unknown format %q (%s)", f, usage)
}

// render writes v as JSON when format is json, else t as a table or CSV.
func render(w io.Writer, format string, v any, t *Table) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(t.Header); err != nil {
			return err
		}
		if err := cw.WriteAll(t.Rows); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	}
	return writeTable(w, t)
}

func writeTable(w io.Writer, t *Table) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(t.Header, "\t"))
	for _, r := range t.Rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}

// dateFlag reads a date flag, with an error naming the flag and the formats.
func dateFlag(cmd *cobra.Command, name string) (axis.Date, error) {
	s, _ := cmd.Flags().GetString(name)
	d, err := axis.ParseDate(s)
	if err != nil {
		return d, axis.FieldErrorf(axis.EINVALID, "--"+name, "invalid date %q: use %s", s, axis.AcceptedDateFormats)
	}
	return d, nil
}
