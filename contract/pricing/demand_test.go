package pricing_test

import (
	"encoding/json"
	"testing"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/pricing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDemandProfileJSON(t *testing.T) {
	p := pricing.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: availability.LogNormal(1.5, 1.2), UnitsPerMonth: availability.Poisson(40), Months: 24}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"incidentsPerYear":6,"hoursPerIncident":"lognormal(mean 1.5, sd 1.2)","unitsPerMonth":"poisson(mean 40)","months":24}`, string(b))
	var back pricing.DemandProfile
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, p, back)
}
