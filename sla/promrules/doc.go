// Package promrules turns an [sla.Objective] and a service-level indicator
// into a Prometheus rule file: recording rules for the error ratio over
// every alert window, and multi-window, multi-burn-rate alerting rules
// from [sla.BurnRateAlerts], so that the alerts page on exactly the burn
// rates the library computes (14.4, 6, 3 and 1 for a 30-day window under
// [sla.DefaultAlertPolicies]).
//
// # The indicator
//
// An [SLI] is one of
//
//   - an error ratio: PromQL with the placeholder $window, e.g.
//     sum(rate(http_requests_total{code=~"5.."}[$window])) / sum(rate(http_requests_total[$window]));
//   - an availability ratio, the same with good instead of bad events; the
//     error ratio is 1 − it;
//   - a probe: an instant-vector selector of 0/1 samples such as
//     probe_success{job="shop"} or up{job="shop"}; the error ratio over w is
//     the worst series' 1 − avg_over_time(selector[w]).
//
// # The rules
//
// For an indicator named by [Config].Name the file has one group,
// "slacalc-<name>", with
//
//   - slo:sli_error:ratio_rate<w> for every long and short window w of the
//     policies (5m, 30m, 1h, 2h, 6h, 1d, 3d by default), labelled slo="<name>";
//   - slo:objective:ratio and slo:error_budget:ratio, the target and 1 −
//     target as fractions, for dashboards;
//   - one alert SLOErrorBudgetBurn per policy, firing when the error ratio
//     over both the long and the short window exceeds factor × (1 − target),
//     labelled with severity, long_window and short_window.
//
// # Windows and service hours
//
// A rolling objective uses its window length. A calendar period uses the
// fixed lengths of the SRE convention ([sla.FixedScale]: a 30-day month, a
// 90-day quarter, a 365-day year), which is what the published burn-rate
// factors assume. The rules run around the clock: Prometheus cannot
// restrict them to the service hours of the objective's calendar, so an
// outage at night burns budget in the alert even when it does not count in
// [sla.Measure]. Measured availability for a statement is computed from
// the samples themselves (see package promrange).
package promrules
