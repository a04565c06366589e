// Package promrange reads the answer of a Prometheus range query
// (/api/v1/query_range, resultType matrix) of an up-or-down series such as
// up or probe_success and turns it into [sla.Outage] records, so that a
// period's measured availability and a contract statement can be made from
// monitoring data under the contract's own counting rules.
//
// # Samples become outages
//
// A range query evaluates its expression at Start, Start+Step, … up to End.
// Each evaluation instant t stands for the step [t, t+Step) that follows
// it, so a query for a period [P, Q) uses Start = P and End = Q − Step
// ([PeriodGrid] computes them). For every series:
//
//   - a sample of 1 is up;
//   - a sample v < 1 is down for its step, an outage with ErrorRate 1 − v
//     (0 for a failed probe is ErrorRate 1, a full outage). Per-outage
//     counting rules count it in full; time-slice rules weigh it by its
//     error rate;
//   - a step without a sample, or with NaN, is a gap: no data. Prometheus
//     leaves a gap when the series is stale or absent (the target vanished,
//     the server was down, or no sample within the lookback delta, 5 m by
//     default). [Grid].Gaps decides: [GapDown] (the zero value) counts gaps
//     as outages, since availability that was not observed cannot be
//     claimed; [GapUp] ignores them.
//
// Consecutive down steps with the same error rate are one outage. Outages
// carry no ID. With several series, Grid.ScopeLabel names the label whose
// value becomes each outage's Scope (for CountingRules.Scopes); without
// it every series is the whole service, so the service counts as down
// whenever any series is down.
//
// Samples must lie on the grid and in [0, 1]; anything else is an error,
// as is an API error response or another result type.
package promrange
