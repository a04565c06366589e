package pricing_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/pricing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServiceModelJSON round-trips every service model through JSON and
// checks that durations are written as Go duration strings (DESIGN.md).
func TestServiceModelJSON(t *testing.T) {
	eur := money.MustParseMoney
	rate := pricing.HourlyRate{Rate: eur("EUR 95.00"), Increment: 15 * time.Minute, Minimum: time.Hour, CallOut: eur("EUR 50.00"), Rounding: money.HalfUp}
	tests := []struct {
		name  string
		model any
		new   func() any
		want  []string // fragments of the encoding
	}{
		{"hourly rate", rate, func() any { return new(pricing.HourlyRate) },
			[]string{`"increment":"15m0s"`, `"minimum":"1h0m0s"`, `"rate":"EUR 95.00"`, `"rounding":"half-up"`}},
		{"time and materials", pricing.TimeAndMaterials{Label: "t&m", Rate: rate}, func() any { return new(pricing.TimeAndMaterials) },
			[]string{`"increment":"15m0s"`}},
		{"break/fix", pricing.BreakFix{Rate: rate}, func() any { return new(pricing.BreakFix) }, []string{`"callOut":"EUR 50.00"`}},
		{"fixed price", pricing.FixedPrice{Price: eur("EUR 400.00")}, func() any { return new(pricing.FixedPrice) }, []string{`"EUR 400.00"`}},
		{"subscription", pricing.Subscription{Fee: eur("EUR 750.00"), Included: []pricing.WorkKind{pricing.Corrective, pricing.Preventive},
			IncludedHours: 6*time.Hour + 30*time.Minute, Overage: rate}, func() any { return new(pricing.Subscription) },
			[]string{`"includedHours":"6h30m0s"`, `"included":["corrective","preventive"]`}},
		{"unlimited subscription", pricing.Subscription{Fee: eur("EUR 900.00"), Unlimited: true}, func() any { return new(pricing.Subscription) },
			[]string{`"unlimited":true`}},
		{"bundle", pricing.Bundle{Label: "strippenkaart", Hours: 20 * time.Hour, Price: eur("EUR 1800.00"), ValidityMonths: 12,
			Increment: 30 * time.Minute, Extra: rate}, func() any { return new(pricing.Bundle) },
			[]string{`"hours":"20h0m0s"`, `"increment":"30m0s"`, `"validityMonths":12`}},
		{"auto-renewing bundle", pricing.Bundle{Hours: 10 * time.Hour, Price: eur("EUR 900.00"), ValidityMonths: 6, Increment: time.Hour, AutoRenew: true},
			func() any { return new(pricing.Bundle) }, []string{`"autoRenew":true`}},
		{"pay-per-use", pricing.PayPerUse{Tiers: []pricing.Tier{{Above: 0, UnitPrice: eur("EUR 4.00")}, {Above: 100, UnitPrice: eur("EUR 3.50")}}},
			func() any { return new(pricing.PayPerUse) }, []string{`"EUR 3.50"`}},
		{"no contract", pricing.NoContract{BestEffort: &rate}, func() any { return new(pricing.NoContract) }, []string{`"increment":"15m0s"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.model)
			require.NoError(t, err)
			for _, w := range tt.want {
				assert.Contains(t, string(b), w)
			}
			back := tt.new()
			require.NoError(t, json.Unmarshal(b, back))
			got := derefAny(back)
			if d := cmp.Diff(tt.model, got, cmp.Comparer(func(a, b money.Money) bool { return a == b }),
				cmp.Comparer(func(a, b money.Share) bool { return a == b })); d != "" {
				t.Errorf("round trip (-want +got):\n%s", d)
			}
		})
	}
}

func derefAny(p any) any {
	switch v := p.(type) {
	case *pricing.HourlyRate:
		return *v
	case *pricing.TimeAndMaterials:
		return *v
	case *pricing.BreakFix:
		return *v
	case *pricing.FixedPrice:
		return *v
	case *pricing.Subscription:
		return *v
	case *pricing.Bundle:
		return *v
	case *pricing.PayPerUse:
		return *v
	case *pricing.NoContract:
		return *v
	}
	return nil
}

func TestServiceModelJSONErrors(t *testing.T) {
	var r pricing.HourlyRate
	err := json.Unmarshal([]byte(`{"rate":"EUR 95.00","increment":"15 minutes","minimum":"1x"}`), &r)
	require.Error(t, err)
	assert.ErrorIs(t, err, money.ErrSyntax)
	assert.Len(t, unjoin(err), 2, "both durations are reported")
	var b pricing.Bundle
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"hours":"twenty"}`), &b), money.ErrSyntax)
	var s pricing.Subscription
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"fee":"EUR 1.00","includedHours":"-"}`), &s), money.ErrSyntax)
}
