package http_test

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	axishttp "axis/http"
)

// TestOpenAPIMatchesRoutes checks the served OpenAPI document against the
// server's real routes: every route documented, nothing documented that
// does not exist, every path parameter declared, and every documented
// operation answering on the live server with something other than 404/405.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	st := fixture(t)
	base := start(t, st, axishttp.Options{})
	resp, err := http.Get(base + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			OperationID string `json:"operationId"`
			Parameters  []struct {
				Name string `json:"name"`
				In   string `json:"in"`
			} `json:"parameters"`
			Responses map[string]json.RawMessage `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi version %q", doc.OpenAPI)
	}
	documented := map[string]bool{}
	ids := map[string]bool{}
	for p, ops := range doc.Paths {
		for m, o := range ops {
			key := strings.ToUpper(m) + " " + p
			documented[key] = true
			if o.OperationID == "" || ids[o.OperationID] {
				t.Errorf("%s: missing or duplicate operationId %q", key, o.OperationID)
			}
			ids[o.OperationID] = true
			if _, ok := o.Responses["200"]; !ok {
				t.Errorf("%s: no 200 response documented", key)
			}
			declared := map[string]bool{}
			for _, prm := range o.Parameters {
				if prm.In == "path" {
					declared[prm.Name] = true
				}
			}
			for _, m := range regexp.MustCompile(`\{(\w+)\}`).FindAllStringSubmatch(p, -1) {
				if !declared[m[1]] {
					t.Errorf("%s: path parameter %s not declared", key, m[1])
				}
			}
		}
	}
	real := map[string]bool{"GET /healthz": true, "GET /readyz": true}
	for _, rt := range axishttp.NewServer(st, axishttp.Options{}).Routes() {
		real[rt.Method+" "+rt.Pattern] = true
	}
	var missing, extra []string
	for k := range real {
		if !documented[k] {
			missing = append(missing, k)
		}
	}
	for k := range documented {
		if !real[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		t.Errorf("routes not in openapi.json: %v", missing)
	}
	if len(extra) > 0 {
		t.Errorf("openapi.json documents routes the server lacks: %v", extra)
	}
	// Every documented operation exists on the live server.
	for k := range documented {
		method, p, _ := strings.Cut(k, " ")
		p = strings.NewReplacer("{code}", "RUS", "{id}", "1").Replace(p)
		req, _ := http.NewRequest(method, base+p, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == 404 || resp.StatusCode == 405 {
			t.Errorf("%s answers %d", k, resp.StatusCode)
		}
	}
}
