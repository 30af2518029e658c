package http_test

import (
	"encoding/json"
	"strings"
	"testing"

	"axis/analysis"
	axishttp "axis/http"
)

func TestAnalysisEndpoints(t *testing.T) {
	base := start(t, fixture(t), axishttp.Options{})
	tests := []struct {
		name    string
		path    string
		status  int
		errType string
		check   func(t *testing.T, d json.RawMessage)
	}{
		{name: "ledger", path: "/api/v1/ledger?a=RUS&b=PRK", status: 200, check: func(t *testing.T, d json.RawMessage) {
			l := decode[analysis.LedgerResult](t, d)
			if len(l.Commitments) != 1 || l.Commitments[0].Article != "4" {
				t.Errorf("commitments = %+v", l.Commitments)
			}
			if len(l.AtoB.Lines) != 1 || l.AtoB.Lines[0].Item != "oil" {
				t.Errorf("RUS→PRK = %+v", l.AtoB)
			}
			if len(l.BtoA.Lines) != 1 || l.BtoA.Lines[0].Item != "artillery_ammunition" {
				t.Errorf("PRK→RUS = %+v", l.BtoA)
			}
		}},
		{name: "ledger empty direction", path: "/api/v1/ledger?a=IRN&b=RUS", status: 200, check: func(t *testing.T, d json.RawMessage) {
			l := decode[analysis.LedgerResult](t, d)
			if !l.BtoA.Empty || l.BtoA.Note == "" || l.AtoB.Empty {
				t.Errorf("IRN/RUS ledger = %+v / %+v", l.AtoB, l.BtoA)
			}
		}},
		{name: "ledger needs b", path: "/api/v1/ledger?a=RUS", status: 400, errType: "invalid"},
		{name: "ledger unknown actor", path: "/api/v1/ledger?a=RUS&b=ZZZ", status: 404, errType: "not_found"},
		{name: "ledger at with since", path: "/api/v1/ledger?a=RUS&b=PRK&at=2024&since=2023", status: 400, errType: "invalid"},
		{name: "cohesion", path: "/api/v1/cohesion?actors=RUS,CHN,PRK,IRN", status: 200, check: func(t *testing.T, d json.RawMessage) {
			c := decode[analysis.CohesionResult](t, d)
			if c.Hub != "RUS" || len(c.Matrix) != 4 || c.Verdict == "" {
				t.Errorf("cohesion hub %q, %d rows, verdict %q", c.Hub, len(c.Matrix), c.Verdict)
			}
		}},
		{name: "cohesion one actor", path: "/api/v1/cohesion?actors=RUS", status: 400, errType: "invalid"},
		{name: "dependency", path: "/api/v1/dependency?actor=RUS&kind=arms", status: 200, check: func(t *testing.T, d json.RawMessage) {
			dep := decode[analysis.DependencyResult](t, d)
			var got []string
			for _, s := range dep.Receives {
				for _, p := range s.Partners {
					got = append(got, s.Item+":"+p.Actor)
				}
			}
			if j := strings.Join(got, " "); !strings.Contains(j, "artillery_ammunition:PRK") || !strings.Contains(j, "drones:IRN") {
				t.Errorf("RUS receives %s", j)
			}
		}},
		{name: "dependency bad kind", path: "/api/v1/dependency?actor=RUS&kind=shells", status: 400, errType: "invalid"},
		{name: "centrality", path: "/api/v1/centrality", status: 200, check: func(t *testing.T, d json.RawMessage) {
			c := decode[analysis.CentralityResult](t, d)
			if len(c.Actors) == 0 || c.Actors[0].Actor != "RUS" {
				t.Errorf("centrality = %+v", c.Actors)
			}
		}},
		{name: "centrality family", path: "/api/v1/centrality?family=transfer&at=2025-01-01", status: 200},
		{name: "centrality two families", path: "/api/v1/centrality?family=transfer,hostility", status: 400, errType: "invalid"},
		{name: "blocs", path: "/api/v1/blocs", status: 200, check: func(t *testing.T, d json.RawMessage) {
			b := decode[analysis.BlocsResult](t, d)
			side := map[string]int{}
			for _, bl := range b.Blocs {
				for _, m := range bl.Members {
					side[m] = bl.ID
				}
			}
			if side["USA"] == side["RUS"] {
				t.Errorf("USA and RUS in one bloc: %+v", b.Blocs)
			}
		}},
		{name: "trend", path: "/api/v1/trend?a=RUS&b=PRK&by=year", status: 200, check: func(t *testing.T, d json.RawMessage) {
			tr := decode[analysis.TrendResult](t, d)
			if tr.By != "year" || len(tr.Points) == 0 {
				t.Errorf("trend = %+v", tr)
			}
		}},
		{name: "trend bad period", path: "/api/v1/trend?a=RUS&b=PRK&by=week", status: 400, errType: "invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, env := do(t, base, call{path: tt.path})
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d (%s: %s)", resp.StatusCode, tt.status, env.ErrorType, env.Error)
			}
			if tt.status >= 300 && (env.Status != "error" || env.ErrorType != tt.errType) {
				t.Errorf("envelope = %+v", env)
			}
			if tt.check != nil {
				tt.check(t, env.Data)
			}
		})
	}
}
