package contract_test

import (
	"encoding/json"
	"testing"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/pricing"
	"github.com/slacalc/slacalc/sla"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEnumsAsText checks that every enum of the module marshals to its
// name and back, and that an undeclared value is an error both ways.
func TestEnumsAsText(t *testing.T) {
	roundTrip := func(t *testing.T, v any, text string, back any) {
		t.Helper()
		b, err := json.Marshal(v)
		require.NoError(t, err)
		assert.JSONEq(t, `"`+text+`"`, string(b))
		require.NoError(t, json.Unmarshal(b, back))
	}
	var cs contract.ClaimStatus
	roundTrip(t, contract.Forfeited, "forfeited", &cs)
	assert.Equal(t, contract.Forfeited, cs)
	var tp pricing.TierPricing
	roundTrip(t, pricing.AllUnits, "all-units", &tp)
	assert.Equal(t, pricing.AllUnits, tp)
	var r sla.Reason
	roundTrip(t, sla.OutOfScope, "out of scope", &r)
	assert.Equal(t, sla.OutOfScope, r)
	var k sla.OutageKind
	roundTrip(t, sla.Planned, "planned", &k)
	assert.Equal(t, sla.Planned, k)

	_, err := json.Marshal(contract.ClaimStatus(9))
	assert.Error(t, err)
	_, err = json.Marshal(pricing.TierPricing(9))
	assert.Error(t, err)
	_, err = json.Marshal(sla.Reason(9))
	assert.Error(t, err)
	assert.ErrorIs(t, json.Unmarshal([]byte(`"paid"`), &cs), availability.ErrSyntax)
	assert.ErrorIs(t, json.Unmarshal([]byte(`"flat"`), &tp), availability.ErrSyntax)
	assert.ErrorIs(t, json.Unmarshal([]byte(`"other"`), &r), availability.ErrSyntax)
	assert.Error(t, json.Unmarshal([]byte(`2`), &cs), "numbers are not accepted")
}
