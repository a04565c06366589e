package availability_test

import (
	"context"
	"testing"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOutageFrequency checks the Vesely formula on cases derived by hand
// and against the simulation.
func TestOutageFrequency(t *testing.T) {
	ctx := context.Background()
	// Two components in series, MTBF 999 h and 499 h, MTTR 1 h: each fails
	// once per 1000 h and 500 h; B_a = A_b = 499/500, B_b = A_a = 999/1000,
	// so w = 0.998/1000 + 0.999/500 = 0.002996 per hour.
	var b availability.Builder
	b.Component("a", availability.MustParse("99.9%")).
		Component("b", availability.MustParse("99.8%")).
		Group("s", availability.RequireAll, "a", "b")
	m, err := b.Build()
	require.NoError(t, err)
	procs := map[string]availability.Process{
		"a": {Failure: availability.Exponential(999), Repair: availability.Fixed(1)},
		"b": {Failure: availability.Exponential(499), Repair: availability.Fixed(1)},
	}
	f, err := m.OutageFrequency(ctx, "s", procs, 0)
	require.NoError(t, err)
	assert.InDelta(t, 0.002996, f.PerHour, 1e-15)
	// U = 1 − 0.999·0.998 = 0.002998; mean outage U/w = 1.000667556 h.
	assert.InDelta(t, (0.002998/0.002996)*float64(time.Hour), float64(f.MeanOutage), float64(time.Microsecond))
	// Without processes, w_i = U_i/MTTR: the same figures with a 1 h repair time.
	g, err := m.OutageFrequency(ctx, "s", nil, time.Hour)
	require.NoError(t, err)
	assert.InDelta(t, f.PerHour, g.PerHour, 1e-15)

	// The simulation counts outages starting in 10 years of 8760 h.
	sim, err := m.Simulate(ctx, availability.SimulationConfig{Node: "s", Processes: procs, Horizon: 8760 * time.Hour, Runs: 400, Seed: 9})
	require.NoError(t, err)
	n := 0
	for _, r := range sim.Runs {
		for _, d := range r.Down {
			if d.Start > 0 {
				n++
			}
		}
	}
	perHour := float64(n) / (400 * 8760)
	// Poisson-like count of about 10,500: a relative standard error near 1%.
	assert.InEpsilon(t, f.PerHour, perHour, 0.04)

	_, err = m.OutageFrequency(ctx, "s", nil, 0)
	assert.ErrorIs(t, err, availability.ErrSimulation)
}
