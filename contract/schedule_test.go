package contract_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
)

// TestPublishedSchedules checks the published tables against DOMAIN.md's
// "Service credits: the facts": target, and for each tier its bounds and
// credit, written out as text.
func TestPublishedSchedules(t *testing.T) {
	want := []struct {
		service string
		target  string
		tiers   []string
		cap     string
	}{
		{"region level", "99.99%", []string{"< 99.99% and >= 99% → 10%", "< 99% and >= 95% → 30%", "< 95% and >= 0% → 100%"}, "100%"},
		{"single instance", "99.5%", []string{"< 99.5% and >= 99% → 10%", "< 99% and >= 95% → 30%", "< 95% and >= 0% → 100%"}, "100%"},
		{"S3 Standard", "99.9%", []string{"< 99.9% and >= 99% → 10%", "< 99% and >= 95% → 25%", "< 95% and >= 0% → 100%"}, "100%"},
		{"Compute Engine", "99.99%", []string{"< 99.99% and >= 99% → 10%", "< 99% and >= 95% → 25%", "< 95% and >= 0% → 50%"}, "50%"},
	}
	got := contract.PublishedSchedules()
	require.Len(t, got, len(want))
	for i, w := range want {
		p := got[i]
		assert.Contains(t, p.Service, w.service)
		assert.Equal(t, w.target, p.Target.String())
		var tiers []string
		for _, tr := range p.Schedule.Tiers {
			tiers = append(tiers, tr.String())
		}
		assert.Equal(t, w.tiers, tiers, p.Service)
		assert.Equal(t, w.cap, p.Schedule.Cap.String(), p.Service)
		assert.True(t, p.Schedule.Claim.Required, p.Service)
		assert.NotEmpty(t, p.Source)
		assert.False(t, p.Effective.IsZero())
		assert.True(t, p.Effective.Before(time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)) || p.Provider == "Amazon Web Services")
		require.NoError(t, p.Schedule.Validate(money.USD))

		b, err := json.Marshal(p)
		require.NoError(t, err)
		var back contract.PublishedSchedule
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, p, back, "JSON round trip of %s", p.Service)
	}
}

// TestPublishedSchedulesAreFresh checks that each call returns its own
// copy, so that a caller changing a tier cannot change the package's data.
func TestPublishedSchedulesAreFresh(t *testing.T) {
	a := contract.AWSComputeRegion()
	a.Schedule.Tiers[0].Credit = money.Percent(99)
	assert.Equal(t, money.Percent(10), contract.AWSComputeRegion().Schedule.Tiers[0].Credit)
}
