package pricing_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/pricing"
)

func pricingValue(kind uint8) any {
	switch kind % 9 {
	case 1:
		return new(pricing.TimeAndMaterials)
	case 2:
		return new(pricing.BreakFix)
	case 3:
		return new(pricing.FixedPrice)
	case 4:
		return new(pricing.Subscription)
	case 5:
		return new(pricing.Bundle)
	case 6:
		return new(pricing.PayPerUse)
	case 7:
		return new(pricing.NoContract)
	case 8:
		return new(pricing.DemandProfile)
	}
	return new(pricing.HourlyRate)
}

// TestStrictJSON checks that unknown keys (with the nearest key) and
// missing required keys are errors at their paths, all at once.
func TestStrictJSON(t *testing.T) {
	tests := []struct {
		kind  uint8
		json  string
		paths []string
	}{
		{0, `{"rate": "EUR 1.00"}`, []string{"increment"}},
		{2, `{"rate": {"rate": "EUR 1.00", "incremnt": "1h"}}`, []string{"rate.incremnt", "rate.increment"}},
		{3, `{"prize": "EUR 1.00"}`, []string{"prize", "price"}},
		{4, `{"fee": "EUR 1.00", "overage": {"rate": "EUR 1.00", "increment": "1 hour"}}`, []string{"overage.increment"}},
		{5, `{"hours": "20h", "price": "EUR 1.00", "increment": "1h"}`, []string{"validityMonths"}},
		{6, `{"tiers": [{"above": 0, "unitPrice": "EUR 1.00"}, {"unitPrice": "EUR 1.00"}]}`, []string{"tiers[1].above"}},
		{8, `{"incidentsPerYear": 2, "hoursPerIncident": "fixed(2)", "month": 12}`, []string{"month"}},
	}
	for _, tt := range tests {
		err := json.Unmarshal([]byte(tt.json), pricingValue(tt.kind))
		require.Error(t, err, tt.json)
		var paths []string
		for _, e := range flatten(err) {
			var ie *availability.InputError
			require.ErrorAs(t, e, &ie)
			paths = append(paths, ie.Field)
		}
		assert.ElementsMatch(t, tt.paths, paths, "%s: %v", tt.json, err)
	}
	err := json.Unmarshal([]byte(`{"prize": "EUR 1.00"}`), new(pricing.FixedPrice))
	assert.Contains(t, err.Error(), `did you mean "price"?`)
	tiers := `{"tiers": [` + strings.TrimSuffix(strings.Repeat(`{"above": 0, "unitPrice": "EUR 1.00"},`, pricing.MaxTiers+1), ",") + `]}`
	assert.ErrorIs(t, json.Unmarshal([]byte(tiers), new(pricing.PayPerUse)), availability.ErrLimit)
}

func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		if _, one := err.(*availability.InputError); !one {
			var out []error
			for _, e := range j.Unwrap() {
				out = append(out, flatten(e)...)
			}
			return out
		}
	}
	return []error{err}
}

// FuzzServiceModelJSON decodes arbitrary documents as each JSON type of
// the package: no panic, and what decodes encodes to a stable form.
func FuzzServiceModelJSON(f *testing.F) {
	for _, s := range []struct {
		kind uint8
		json string
	}{
		{0, `{"rate": "EUR 95.00", "increment": "15m0s", "minimum": "1h0m0s", "callOut": "EUR 50.00", "rounding": "half-up"}`},
		{1, `{"label": "t&m", "rate": {"rate": "EUR 95.00", "increment": "15m"}}`},
		{2, `{"rate": {"rate": "EUR 95.00", "increment": "15m"}}`},
		{3, `{"price": "EUR 400.00"}`},
		{4, `{"fee": "EUR 750.00", "included": ["corrective"], "includedHours": "6h30m", "overage": {"rate": "EUR 95.00", "increment": "15m"}}`},
		{5, `{"hours": "20h", "price": "EUR 1800.00", "validityMonths": 12, "increment": "30m", "autoRenew": true}`},
		{6, `{"tiers": [{"above": 0, "unitPrice": "EUR 4.00"}, {"above": 100, "unitPrice": "EUR 3.50"}], "pricing": "all-units"}`},
		{7, `{"bestEffort": {"rate": "EUR 95.00", "increment": "15m"}}`},
		{8, `{"incidentsPerYear": 6, "hoursPerIncident": "lognormal(mean 3, sd 2)", "months": 12}`},
	} {
		f.Add(s.kind, []byte(s.json))
	}
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		v := pricingValue(kind)
		if json.Unmarshal(data, v) != nil {
			return
		}
		enc1, err := json.Marshal(v)
		if err != nil {
			return // a decoded value need not be valid; Validate says so
		}
		w := pricingValue(kind)
		if err := json.Unmarshal(enc1, w); err != nil {
			t.Fatalf("encoded value does not decode: %v\n%s", err, enc1)
		}
		enc2, err := json.Marshal(w)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(enc1, enc2) {
			t.Fatalf("decode → encode is not stable:\n%s\n%s", enc1, enc2)
		}
	})
}
