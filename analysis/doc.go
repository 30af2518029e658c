// Package analysis answers the questions analysts ask of the alignment
// system from the evidence graph: what flows between two actors (Ledger),
// how cohesive a group is (Cohesion), who depends on whom (Dependency), who
// is central (Centrality), how the system splits into blocs on the signed
// graph (Blocs) and how a dyad changes over time (Trend).
//
// Every function reads only through axis.Reader and returns a plain value
// with JSON tags; the CLI, the HTTP API and the reports render those values.
// Each value names the Weights it was computed with (see weights.yaml).
package analysis
