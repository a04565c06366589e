package pricing

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/stat"
)

// TestPoissonCount checks the inversion sampler's mean and variance (both
// μ for a Poisson distribution) and that a higher rate never gives fewer
// incidents on the same stream.
func TestPoissonCount(t *testing.T) {
	for _, mu := range []float64{0.1, 0.5, 2, 10, 49, 80} {
		var src rand.PCG
		src.Seed(1, 2)
		x := make([]float64, 50000)
		for i := range x {
			x[i] = float64(poissonCount(mu, &src))
		}
		mean, variance := stat.MeanVariance(x, nil)
		se := math.Sqrt(mu / float64(len(x)))
		assert.InDelta(t, mu, mean, 4*se, "mean, μ = %g", mu)
		assert.InEpsilon(t, mu, variance, 0.05, "variance, μ = %g", mu)
	}
	var a, b rand.PCG
	for i := range 10000 {
		a.Seed(3, uint64(i))
		b.Seed(3, uint64(i))
		lo, hi := poissonCount(0.4, &a), poissonCount(0.45, &b)
		require.LessOrEqual(t, lo, hi, "stream %d", i)
	}
}

// TestExpectedBilledHours checks the series for the expected billed hours
// against a direct simulation of the billing rule.
func TestExpectedBilledHours(t *testing.T) {
	for _, tt := range []struct {
		hours        availability.Distribution
		inc, minimum time.Duration
	}{
		{availability.LogNormal(1.5, 1.2), 15 * time.Minute, time.Hour},
		{availability.Gamma(2, 3), time.Hour, 0},
		{availability.Exponential(0.3), 30 * time.Minute, 30 * time.Minute},
	} {
		want, ok := expectedBilledHours(tt.inc, tt.minimum, tt.hours)
		require.True(t, ok)
		var src rand.PCG
		src.Seed(9, 9)
		rate := HourlyRate{Increment: tt.inc, Minimum: tt.minimum}
		x := make([]float64, 200000)
		for i := range x {
			x[i] = rate.BilledTime(workDuration(tt.hours.Sample(&src))).Hours()
		}
		mean, sd := stat.MeanStdDev(x, nil)
		assert.InDelta(t, want, mean, 4*sd/math.Sqrt(float64(len(x))), "%v per %v, minimum %v", tt.hours, tt.inc, tt.minimum)
	}
}

// TestExpectedUnusedAgainstSimulation checks the closed form of a bundle's
// unused hours against the simulated mean.
func TestExpectedUnusedAgainstSimulation(t *testing.T) {
	b := Bundle{Hours: 20 * time.Hour, Price: money.MustParseMoney("EUR 1900.00"), ValidityMonths: 6, Increment: time.Hour,
		Extra: HourlyRate{Rate: money.MustParseMoney("EUR 100.00"), Increment: time.Hour}}
	p := DemandProfile{IncidentsPerYear: 8, HoursPerIncident: availability.Fixed(2.5), Months: 24}
	want, ok := b.expectedUnused(p)
	require.True(t, ok)
	sim := newSimulator(p, 4)
	x := make([]float64, 20000)
	for i := range x {
		d, err := sim.span(i)
		require.NoError(t, err)
		bill, err := b.bill(d, false)
		require.NoError(t, err)
		x[i] = bill.UnusedPrepaid.Hours()
	}
	mean, sd := stat.MeanStdDev(x, nil)
	assert.InDelta(t, want, mean, 4*sd/math.Sqrt(float64(len(x))))
	_, ok = Bundle{ValidityMonths: 12, AutoRenew: true}.expectedUnused(p)
	assert.False(t, ok, "automatic renewal has no closed form")
}
