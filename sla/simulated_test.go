package sla_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

func TestSimulatedOutages(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	require.NoError(t, err)
	// March 2025 in Amsterdam: the clocks go forward on the 30th, so the
	// month is 743 hours long (44,580 minutes).
	start := time.Date(2025, 3, 1, 0, 0, 0, 0, ams)
	run := availability.Run{Down: []availability.DownSpan{
		{Start: time.Hour, End: 2 * time.Hour},
		{Start: 10 * time.Hour, End: 12 * time.Hour, Planned: true},
		{Start: 742 * time.Hour, End: 743 * time.Hour}, // the last hour of the month
	}}
	got := sla.SimulatedOutages(run, start, "shop")
	require.Len(t, got, 3)
	assert.Equal(t, sla.Outage{ID: "sim-1", Start: start.Add(time.Hour), End: start.Add(2 * time.Hour), Scope: "shop", Kind: sla.Unplanned}, got[0])
	assert.Equal(t, sla.Planned, got[1].Kind)
	// 742 h after 1 March 00:00 CET is 31 March 23:00 CEST, one hour of
	// wall clock being skipped on the 30th.
	assert.Equal(t, time.Date(2025, 3, 31, 23, 0, 0, 0, ams), got[2].Start.In(ams))
	p, err := sla.CalendarMonth(2025, time.March, ams)
	require.NoError(t, err)
	// Unplanned 2 h out of 743 h when planned work is excluded.
	m, err := sla.Measure(p, sla.Calendar{}, got, sla.CountingRules{Exclude: []sla.OutageKind{sla.Planned}})
	require.NoError(t, err)
	assert.Equal(t, 2*time.Hour, m.Downtime)
	assert.Equal(t, 743*time.Hour, m.ServiceTime)
	assert.Equal(t, "sim-12", sla.SimulatedOutages(availability.Run{Down: make([]availability.DownSpan, 12)}, start, "")[11].ID)
}
