package http_test

import (
	"strings"
	"testing"

	axishttp "axis/http"
	"axis/scenario"
)

func TestSimulateEscalation(t *testing.T) {
	base := start(t, fixture(t), axishttp.Options{MaxBody: 512})
	tests := []struct {
		name    string
		body    string
		ctype   string
		status  int
		errType string
	}{
		{name: "runs", body: `{"trigger":"USA attacks PRK","trials":2000,"seed":7}`, status: 200},
		{name: "no trigger", body: `{}`, status: 400, errType: "invalid"},
		{name: "bad trigger", body: `{"trigger":"USA hugs PRK"}`, status: 400, errType: "invalid"},
		{name: "unknown actor", body: `{"trigger":"USA attacks ZZZ"}`, status: 404, errType: "not_found"},
		{name: "unknown field", body: `{"trigger":"USA attacks PRK","trails":5}`, status: 400, errType: "invalid"},
		{name: "bad json", body: `{"trigger":`, status: 400, errType: "invalid"},
		{name: "too many trials", body: `{"trigger":"USA attacks PRK","trials":100000000}`, status: 400, errType: "invalid"},
		{name: "not json", body: `trigger=USA`, ctype: "application/x-www-form-urlencoded", status: 400, errType: "invalid"},
		{name: "body too large", body: `{"trigger":"USA attacks PRK` + strings.Repeat(" ", 1000) + `"}`, status: 413, errType: "too_large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, env := do(t, base, call{method: "POST", path: "/api/v1/simulate/escalation", body: tt.body, ctype: tt.ctype})
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d (%s)", resp.StatusCode, tt.status, env.Error)
			}
			if tt.status != 200 {
				if env.ErrorType != tt.errType {
					t.Errorf("errorType %q, want %q (%s)", env.ErrorType, tt.errType, env.Error)
				}
				return
			}
			res := decode[scenario.EscalationResult](t, env.Data)
			p := map[string]float64{}
			for _, s := range res.States {
				p[s.Code] = s.PTargetSide
			}
			if res.Trials != 2000 || res.Seed != 7 || p["RUS"] <= 0 {
				t.Errorf("escalation: trials %d seed %d, RUS on PRK's side with p=%v; states %+v", res.Trials, res.Seed, p["RUS"], res.States)
			}
		})
	}
}

func TestSimulateSanctions(t *testing.T) {
	base := start(t, fixture(t), axishttp.Options{})
	tests := []struct {
		name    string
		body    string
		status  int
		errType string
	}{
		{"runs", `{"target":"RUS","kind":"arms","budget":1}`, 200, ""},
		{"default kind", `{"target":"RUS"}`, 200, ""},
		{"no target", `{}`, 400, "invalid"},
		{"unknown target", `{"target":"ZZZ"}`, 404, "not_found"},
		{"not a transfer", `{"target":"RUS","kind":"visit"}`, 400, "invalid"},
		{"bad item", `{"target":"RUS","kind":"arms","item":"lasers"}`, 400, "invalid"},
		{"budget too big", `{"target":"RUS","budget":9}`, 400, "invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, env := do(t, base, call{method: "POST", path: "/api/v1/simulate/sanctions", body: tt.body})
			if resp.StatusCode != tt.status || env.ErrorType != tt.errType {
				t.Fatalf("got %d %q (%s), want %d %q", resp.StatusCode, env.ErrorType, env.Error, tt.status, tt.errType)
			}
			if tt.status != 200 {
				return
			}
			res := decode[scenario.SanctionsResult](t, env.Data)
			sup := map[string]bool{}
			for _, s := range res.Supply {
				sup[s.Actor] = true
			}
			if res.MaxFlow <= 0 || !sup["PRK"] || !sup["IRN"] || len(res.MinCut) == 0 {
				t.Errorf("sanctions on RUS arms: %+v", res)
			}
		})
	}
}

// Without a date the world is today's, as on the command line: an undated
// world would count every attack ever recorded as a war still under way.
func TestSimulateEscalationDefaultsToToday(t *testing.T) {
	base := start(t, fixture(t), axishttp.Options{})
	_, env := do(t, base, call{method: "POST", path: "/api/v1/simulate/escalation", body: `{"trigger":"USA attacks PRK","trials":100}`})
	res := decode[scenario.EscalationResult](t, env.Data)
	if res.At.IsZero() || !strings.HasPrefix(res.World, "store at ") {
		t.Errorf("world %q at %v, want today's", res.World, res.At)
	}
}
