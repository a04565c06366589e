package promrules_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
	"github.com/slacalc/slacalc/sla/promrules"
)

func shop() promrules.Config {
	return promrules.Config{
		Name:      "shop",
		Objective: sla.Objective{Target: availability.MustParse("99.9%"), Period: sla.Month},
		SLI:       promrules.SLI{Probe: `probe_success{job="shop"}`},
		Labels:    map[string]string{"team": "web"},
	}
}

func TestGenerate(t *testing.T) {
	f, err := promrules.Generate(shop())
	require.NoError(t, err)
	require.Len(t, f.Groups, 1)
	g := f.Groups[0]
	assert.Equal(t, "slacalc-shop", g.Name)
	var records []string
	var thresholds []string
	for _, r := range g.Rules {
		if r.Record != "" {
			records = append(records, r.Record)
		} else {
			thresholds = append(thresholds, r.Expr)
		}
		assert.Equal(t, "shop", r.Labels["slo"])
		assert.Equal(t, "web", r.Labels["team"])
	}
	// The default policies' windows, sorted: 5m, 30m, 1h, 2h, 6h, 1d, 3d.
	assert.Equal(t, []string{
		"slo:sli_error:ratio_rate5m", "slo:sli_error:ratio_rate30m", "slo:sli_error:ratio_rate1h",
		"slo:sli_error:ratio_rate2h", "slo:sli_error:ratio_rate6h", "slo:sli_error:ratio_rate1d",
		"slo:sli_error:ratio_rate3d", "slo:objective:ratio", "slo:error_budget:ratio",
	}, records)
	// Factors for a 30-day month (the SRE workbook's table): 2% in 1 h is
	// 0.02·720 = 14.4, 5% in 6 h is 0.05·120 = 6, 10% in 1 d is 0.1·30 = 3,
	// 10% in 3 d is 0.1·10 = 1; times 1 − 99.9% = 0.001.
	assert.Equal(t, []string{
		"slo:sli_error:ratio_rate1h{slo=\"shop\"} > (14.4 * 0.001)\nand\nslo:sli_error:ratio_rate5m{slo=\"shop\"} > (14.4 * 0.001)",
		"slo:sli_error:ratio_rate6h{slo=\"shop\"} > (6 * 0.001)\nand\nslo:sli_error:ratio_rate30m{slo=\"shop\"} > (6 * 0.001)",
		"slo:sli_error:ratio_rate1d{slo=\"shop\"} > (3 * 0.001)\nand\nslo:sli_error:ratio_rate2h{slo=\"shop\"} > (3 * 0.001)",
		"slo:sli_error:ratio_rate3d{slo=\"shop\"} > (1 * 0.001)\nand\nslo:sli_error:ratio_rate6h{slo=\"shop\"} > (1 * 0.001)",
	}, thresholds)
	assert.Equal(t, `max(1 - avg_over_time(probe_success{job="shop"}[5m]))`, g.Rules[0].Expr)
	assert.Equal(t, "0.999", g.Rules[7].Expr)
	assert.Equal(t, "0.001", g.Rules[8].Expr)
}

func TestGenerateRatios(t *testing.T) {
	c := shop()
	c.SLI = promrules.SLI{ErrorRatio: `sum(rate(http_requests_total{code=~"5.."}[$window])) / sum(rate(http_requests_total[$window]))`}
	c.Objective = sla.Objective{Target: availability.MustParse("99.5%"), Window: 28 * 24 * time.Hour}
	c.Policies = []sla.AlertPolicy{{Severity: "page", BudgetShare: 0.02, Long: time.Hour, Short: 5 * time.Minute}}
	f, err := promrules.Generate(c)
	require.NoError(t, err)
	r := f.Groups[0].Rules
	assert.Equal(t, `sum(rate(http_requests_total{code=~"5.."}[1h])) / sum(rate(http_requests_total[1h]))`, r[1].Expr)
	// 0.02 · 672 h / 1 h = 13.44 for a 28-day window; 1 − 99.5% = 0.005.
	assert.Contains(t, r[4].Expr, "> (13.44 * 0.005)")

	c.SLI = promrules.SLI{Availability: `avg_over_time(up{job="api"}[$window])`}
	f, err = promrules.Generate(c)
	require.NoError(t, err)
	assert.Equal(t, `1 - (avg_over_time(up{job="api"}[5m]))`, f.Groups[0].Rules[0].Expr)
}

func TestGenerateErrors(t *testing.T) {
	c := promrules.Config{
		SLI:       promrules.SLI{ErrorRatio: "rate(x[5m])", Probe: "not a selector!"},
		Objective: sla.Objective{Target: availability.MustParse("99%")},
		Policies:  []sla.AlertPolicy{{Severity: "page", BudgetShare: 2, Long: time.Hour, Short: 2 * time.Hour}},
		Labels:    map[string]string{"severity": "x"},
	}
	_, err := promrules.Generate(c)
	require.Error(t, err)
	msg := err.Error()
	for _, want := range []string{
		`promrules.Generate: name: "" is not a non-empty label value`,
		`sli.errorRatio: "rate(x[5m])" has no $window placeholder`,
		`sli.probe: "not a selector!" is not a metric selector`,
		`sli: 2 forms must set exactly one`,
		`objective.window: 0s is needed`,
		`labels: "severity" is not a label name or is one the rules set`,
	} {
		assert.Contains(t, msg, want)
	}
	assert.ErrorIs(t, err, promrules.ErrSLI)
	assert.ErrorIs(t, err, availability.ErrDuration)
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		72 * time.Hour: "3d", 6 * time.Hour: "6h", 90 * time.Minute: "90m", 30 * time.Second: "30s", 1500 * time.Millisecond: "1500ms",
	} {
		assert.Equal(t, want, promrules.Duration(d))
	}
}

// TestPromtool checks the generated file with `promtool check rules`, and
// with `promtool test rules` that a probe failing for good pages on the
// fast policy and stays silent while it succeeds.
func TestPromtool(t *testing.T) {
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Skip("promtool not installed (Debian: apt-get install prometheus)")
	}
	f, err := promrules.Generate(shop())
	require.NoError(t, err)
	dir := t.TempDir()
	var buf bytes.Buffer
	require.NoError(t, f.Encode(&buf))
	rules := filepath.Join(dir, "shop.rules.yml")
	require.NoError(t, os.WriteFile(rules, buf.Bytes(), 0o644))
	out, err := exec.Command(promtool, "check", "rules", rules).CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), "SUCCESS: 13 rules found") // 9 recording + 4 alerting
	t.Logf("promtool check rules: %s", bytes.TrimSpace(out))

	// The probe is up for an hour (samples 0..60 min), then down. At 2 h
	// the 5 m, 30 m and 1 h error ratios are 1, the 2 h and 6 h ones
	// (avg_over_time sees only the 2 h of samples there are, 61 up and 60
	// down) 60/121 ≈ 0.496, and so is 1 d and 3 d: every threshold
	// (0.0144, 0.006, 0.003, 0.001) is exceeded, so all four policies
	// fire. At 59 min every ratio is 0 and nothing fires.
	unit := `rule_files: [shop.rules.yml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'probe_success{job="shop"}'
        values: '1x60 0x120'
    alert_rule_test:
      - eval_time: 59m
        alertname: SLOErrorBudgetBurn
        exp_alerts: []
      - eval_time: 2h
        alertname: SLOErrorBudgetBurn
        exp_alerts:
          - exp_labels: {slo: shop, team: web, severity: page, long_window: 1h, short_window: 5m}
            exp_annotations:
              summary: shop is burning its error budget 14.4 times too fast
              description: "The error ratio over 1h and 5m exceeds 14.4 × (1 − 99.9%): 2% of the 30d budget would be spent in 1h."
          - exp_labels: {slo: shop, team: web, severity: page, long_window: 6h, short_window: 30m}
            exp_annotations:
              summary: shop is burning its error budget 6 times too fast
              description: "The error ratio over 6h and 30m exceeds 6 × (1 − 99.9%): 5% of the 30d budget would be spent in 6h."
          - exp_labels: {slo: shop, team: web, severity: ticket, long_window: 1d, short_window: 2h}
            exp_annotations:
              summary: shop is burning its error budget 3 times too fast
              description: "The error ratio over 1d and 2h exceeds 3 × (1 − 99.9%): 10% of the 30d budget would be spent in 1d."
          - exp_labels: {slo: shop, team: web, severity: ticket, long_window: 3d, short_window: 6h}
            exp_annotations:
              summary: shop is burning its error budget 1 times too fast
              description: "The error ratio over 3d and 6h exceeds 1 × (1 − 99.9%): 10% of the 30d budget would be spent in 3d."
`
	tests := filepath.Join(dir, "shop.test.yml")
	require.NoError(t, os.WriteFile(tests, []byte(unit), 0o644))
	out, err = exec.Command(promtool, "test", "rules", tests).CombinedOutput()
	require.NoError(t, err, "%s", out)
	t.Logf("promtool test rules: %s", bytes.TrimSpace(out))
}
