package sla_test

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

func TestBurnRateAlerts(t *testing.T) {
	a := availability.MustParse("99.9%")
	alerts, err := sla.BurnRateAlerts(a, 30*day, sla.DefaultAlertPolicies())
	require.NoError(t, err)
	// share × 720 h / long: 0.02×720/1 = 14.4, 0.05×720/6 = 6, 0.1×720/24 = 3, 0.1×720/72 = 1.
	want := []float64{14.4, 6, 3, 1}
	require.Len(t, alerts, 4)
	for i, w := range want {
		assert.InDelta(t, w, alerts[i].Factor, 1e-12)
		assert.InDelta(t, w*0.001, alerts[i].ErrorRate, 1e-15)
	}
	// A 28-day window: 0.02 × 672 h / 1 h = 13.44.
	alerts, err = sla.BurnRateAlerts(a, 28*day, sla.DefaultAlertPolicies())
	require.NoError(t, err)
	assert.InDelta(t, 13.44, alerts[0].Factor, 1e-12)

	_, err = sla.BurnRateAlerts(a, 0, []sla.AlertPolicy{{BudgetShare: 2, Long: -time.Hour, Short: time.Hour}})
	assert.ErrorIs(t, err, sla.ErrRange)
	assert.ErrorIs(t, err, sla.ErrDuration)

	br, err := sla.BurnRate(0.0144, a)
	require.NoError(t, err)
	assert.InDelta(t, 14.4, br, 1e-12)
	br, err = sla.BurnRate(0.1, availability.Perfect)
	require.NoError(t, err)
	assert.True(t, math.IsInf(br, 1))
	_, err = sla.BurnRate(-1, a)
	assert.ErrorIs(t, err, sla.ErrRange)
}

func TestErrorBudgetRolling(t *testing.T) {
	o := sla.Objective{Target: availability.MustParse("99.9%"), Window: 30 * day}
	asOf := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	eb, err := o.ErrorBudget(asOf, 21*time.Minute+36*time.Second)
	require.NoError(t, err)
	// Budget 0.001 × 720 h = 43m12s; half of it spent over the whole window: burn rate 0.5.
	assert.Equal(t, 43*time.Minute+12*time.Second, eb.Budget)
	assert.Equal(t, 21*time.Minute+36*time.Second, eb.Remaining)
	assert.InDelta(t, 0.5, eb.RemainingShare, 1e-12)
	assert.InDelta(t, 0.5, eb.BurnRate, 1e-12)
	// The remaining half lasts another 30 days at that rate.
	assert.Equal(t, asOf.Add(30*day), eb.Exhaustion)
	assert.False(t, eb.Exhausted)

	eb, err = o.ErrorBudget(asOf, time.Hour)
	require.NoError(t, err)
	assert.True(t, eb.Exhausted)
	assert.Equal(t, -16*time.Minute-48*time.Second, eb.Remaining)
	assert.True(t, eb.Exhaustion.IsZero())

	_, err = sla.Objective{Target: availability.MustParse("99%")}.ErrorBudget(asOf, 0)
	assert.ErrorIs(t, err, sla.ErrDuration)
	_, err = o.ErrorBudget(asOf, -time.Second)
	assert.ErrorIs(t, err, sla.ErrDuration)
}

func TestErrorBudgetAligned(t *testing.T) {
	o := sla.Objective{Target: availability.MustParse("99.9%"), Period: sla.Month}
	asOf := time.Date(2025, 1, 11, 0, 0, 0, 0, time.UTC) // 10 days into January
	eb, err := o.ErrorBudget(asOf, 20*time.Minute)
	require.NoError(t, err)
	// 0.001 × 744 h = 2678.4 s.
	assert.Equal(t, 2678400*time.Millisecond, eb.Budget)
	assert.Equal(t, 240*time.Hour, eb.Elapsed)
	// (1200 s / 864,000 s) / 0.001 = 1.3888...
	assert.InDelta(t, 1200.0/864000/0.001, eb.BurnRate, 1e-12)
	// Remaining 1478.4 s at 1200 s per 864,000 s lasts 1,064,448 s = 12 d 7 h 40 m 48 s.
	assert.Equal(t, time.Date(2025, 1, 23, 7, 40, 48, 0, time.UTC), eb.Exhaustion)

	// At a burn rate below 1 the budget lasts beyond the month: no exhaustion.
	eb, err = o.ErrorBudget(asOf, 5*time.Minute)
	require.NoError(t, err)
	assert.True(t, eb.Exhaustion.IsZero())
}

func TestObjectiveEvaluate(t *testing.T) {
	c := office(t, time.UTC)
	o := sla.Objective{Name: "api", Target: availability.MustParse("99.5%"), Period: sla.Month, Calendar: c}
	outages := []sla.Outage{
		{Start: fri.Add(16 * time.Hour), End: mon.Add(10 * time.Hour)}, // 2 h in office hours
		{Start: mon.Add(12 * time.Hour)},                               // open: 12:00–17:00 Monday, 5 h by asOf
	}
	asOf := mon.Add(day) // Tuesday 14 January 00:00
	eb, m, err := o.Evaluate(asOf, outages)
	require.NoError(t, err)
	assert.Equal(t, 7*time.Hour, m.Downtime)
	// Budget: 0.005 × 184 h = 55m12s; 7 h spent.
	assert.Equal(t, 55*time.Minute+12*time.Second, eb.Budget)
	assert.True(t, eb.Exhausted)
	// Elapsed: 9 weekdays (2–3, 6–10, 13 January) × 8 h = 72 h.
	assert.Equal(t, 72*time.Hour, eb.Elapsed)
}

func TestObjectiveJSON(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	o := sla.Objective{Name: "web", Target: availability.MustParse("99.95%"), Window: 28 * day, Calendar: office(t, ams, sla.WhitMonday())}
	b, err := json.Marshal(o)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"target":"99.95%"`)
	assert.Contains(t, string(b), `"window":"672h0m0s"`)
	assert.Contains(t, string(b), `"period":"window"`)
	var back sla.Objective
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, o.Target, back.Target)
	assert.Equal(t, o.Window, back.Window)
	assert.Equal(t, o.Calendar.Hours(), back.Calendar.Hours())
	assert.Equal(t, o.Calendar.Holidays(), back.Calendar.Holidays())
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(again))
	assert.Error(t, json.Unmarshal([]byte(`{"target":"99.9%","period":"window","window":"-1h"}`), &back))
}
