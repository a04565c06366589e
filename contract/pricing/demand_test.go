package pricing_test

import (
	"encoding/json"
	"testing"

	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/pricing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDistributionText(t *testing.T) {
	tests := []struct {
		d          pricing.Distribution
		text       string
		mean, vari float64 // from the definitions
	}{
		{pricing.Fixed(1.5), "fixed(1.5)", 1.5, 0},
		{pricing.Exponential(2), "exponential(mean 2)", 2, 4},
		{pricing.LogNormal(1.5, 1.2), "lognormal(mean 1.5, sd 1.2)", 1.5, 1.44},
		{pricing.Gamma(2, 3), "gamma(shape 2, mean 3)", 3, 4.5},
		{pricing.Poisson(40), "poisson(mean 40)", 40, 40},
		{pricing.Distribution{}, "fixed(0)", 0, 0},
		{pricing.Exponential(0.1), "exponential(mean 0.1)", 0.1, 0.1 * 0.1},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			assert.Equal(t, tt.text, tt.d.String())
			assert.InDelta(t, tt.mean, tt.d.Mean(), 1e-12)
			assert.InDelta(t, tt.vari, tt.d.Variance(), 1e-12)
			back, err := pricing.ParseDistribution(tt.text)
			require.NoError(t, err)
			assert.Equal(t, tt.d, back)
		})
	}
	for _, bad := range []string{"", "fixed", "fixed()", "normal(mean 1)", "exponential(2)", "lognormal(mean 1)", "gamma(mean 3, shape 2)", "poisson(mean x)", "fixed(1) "} {
		_, err := pricing.ParseDistribution(bad)
		assert.ErrorIs(t, err, money.ErrSyntax, bad)
	}
}

func TestDemandProfileJSON(t *testing.T) {
	p := pricing.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: pricing.LogNormal(1.5, 1.2), UnitsPerMonth: pricing.Poisson(40), Months: 24}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"incidentsPerYear":6,"hoursPerIncident":"lognormal(mean 1.5, sd 1.2)","unitsPerMonth":"poisson(mean 40)","months":24}`, string(b))
	var back pricing.DemandProfile
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, p, back)
}

func FuzzParseDistribution(f *testing.F) {
	for _, s := range []string{"fixed(1.5)", "exponential(mean 2)", "lognormal(mean 1.5, sd 1.2)", "gamma(shape 2, mean 3)", "poisson(mean 40)", "fixed(NaN)", "gamma(shape 1e308, mean -0)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := pricing.ParseDistribution(s)
		if err != nil {
			return
		}
		back, err := pricing.ParseDistribution(d.String())
		if err != nil {
			t.Fatalf("ParseDistribution(%q) = %v, whose String does not parse: %v", s, d, err)
		}
		if back.String() != d.String() {
			t.Fatalf("round trip %q -> %q -> %q", s, d.String(), back.String())
		}
	})
}
