package axis_test

import (
	"encoding/json"
	"strings"
	"testing"

	"axis"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in        string
		want      string
		precision axis.Precision
		bad       bool
	}{
		{"", "", axis.PrecisionUnknown, false},
		{"2024", "2024", axis.PrecisionYear, false},
		{"2024-06", "2024-06", axis.PrecisionMonth, false},
		{"2024-06-19", "2024-06-19", axis.PrecisionDay, false},
		{"2024-13", "", 0, true},
		{"2024-02-30", "", 0, true},
		{"19 June 2024", "", 0, true},
		{"24", "", 0, true},
		{"2024-6-1", "", 0, true},
	}
	for _, tt := range tests {
		d, err := axis.ParseDate(tt.in)
		if tt.bad {
			if err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
				t.Errorf("ParseDate(%q) error = %v, want one listing the formats", tt.in, err)
			}
			if axis.ErrorCode(err) != axis.EINVALID {
				t.Errorf("ParseDate(%q) code = %q", tt.in, axis.ErrorCode(err))
			}
			continue
		}
		if err != nil || d.String() != tt.want || d.Precision() != tt.precision {
			t.Errorf("ParseDate(%q) = %v (%v), %v; want %q (%v)", tt.in, d, d.Precision(), err, tt.want, tt.precision)
		}
	}
}

func TestDatePeriodsAndBuckets(t *testing.T) {
	june := axis.MustParseDate("2024-06")
	day := axis.MustParseDate("2024-06-19")
	if june.Bucket() != day.Bucket() {
		t.Errorf("month and day in it should share a bucket: %q vs %q", june.Bucket(), day.Bucket())
	}
	if got := june.End().Sub(june.Start()).Hours() / 24; got != 30 {
		t.Errorf("June spans %v days", got)
	}
	if !axis.MustParseDate("2023").Before(june) || june.Before(axis.MustParseDate("2023")) {
		t.Error("2023 should sort before June 2024")
	}
	b, _ := json.Marshal(struct{ D, U axis.Date }{D: day})
	if string(b) != `{"D":"2024-06-19","U":null}` {
		t.Errorf("json = %s", b)
	}
	var back struct{ D, U axis.Date }
	if err := json.Unmarshal(b, &back); err != nil || back.D != day || !back.U.IsZero() {
		t.Errorf("round trip = %+v, %v", back, err)
	}
}

func TestTermCovers(t *testing.T) {
	term := axis.Term{Role: "defense_minister", Country: "RUS", Start: axis.MustParseDate("2012-11-06"), End: axis.MustParseDate("2024-05-12")}
	for d, want := range map[string]bool{"2023": true, "2012-11": true, "2012-10": false, "2024-05-12": true, "2024-05-13": false, "2025": false, "": true} {
		if got := term.Covers(axis.MustParseDate(d)); got != want {
			t.Errorf("Covers(%q) = %v, want %v", d, got, want)
		}
	}
}
