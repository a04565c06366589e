package availability_test

import (
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/slacalc/slacalc/availability"
)

const year = 365 * day

func TestSimulationAgreesWithExact(t *testing.T) {
	// Long-run simulated availability must agree with the exact steady-state
	// result, MTBF/(MTBF+MTTR) per component composed by the BDD, within a
	// 99.9% confidence interval. Components without a process get
	// exponential failures and repairs with MTTR 4h and the MTBF matching
	// their availability.
	for _, tc := range []struct {
		name  string
		model *availability.Model
		node  string
	}{
		{"shared database", sharedDB(t), "shop"},
		{"bridge", bridge(t, availability.MustParse("99%")), "bridge"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			exact, err := tc.model.Availability(tc.node)
			require.NoError(t, err)
			sim, err := tc.model.Simulate(context.Background(), availability.SimulationConfig{
				Node: tc.node, RepairTime: 4 * time.Hour, Horizon: year, Runs: 400, Seed: 1,
			})
			require.NoError(t, err)
			est, err := sim.Availability(0.999, true)
			require.NoError(t, err)
			assert.LessOrEqual(t, est.Low.Compare(exact), 0, "low %v exact %v", est.Low, exact)
			assert.GreaterOrEqual(t, est.High.Compare(exact), 0, "high %v exact %v", est.High, exact)
			assert.Greater(t, est.StdErr, 0.0)
			// The interval must be informative: narrower than the unavailability.
			assert.Less(t, est.Low.Unavailability()-est.High.Unavailability(), exact.Unavailability())
		})
	}
}

func TestOutagesPerMonthArePoisson(t *testing.T) {
	// One exponential component with MTBF 100h and a repair of one second:
	// failures form (to within MTTR/MTBF ≈ 3e-6) a Poisson process, so the
	// number of outages in a 30-day month is Poisson with mean 720h/100h =
	// 7.2. Chi-square goodness of fit over 6000 months at a fixed seed.
	var b availability.Builder
	b.Component("c", availability.MustParse("99%"))
	m, err := b.Build()
	require.NoError(t, err)
	month := 30 * day
	sim, err := m.Simulate(context.Background(), availability.SimulationConfig{
		Node: "c", Horizon: month, Runs: 6000, Seed: 42,
		Processes: map[string]availability.Process{"c": {
			Failure: availability.Exponential(100),
			Repair:  availability.Fixed(1.0 / 3600),
		}},
	})
	require.NoError(t, err)
	counts := map[int]int{}
	for _, r := range sim.Runs {
		n := 0
		for _, o := range r.Down {
			if o.Start > 0 { // an outage open at the start began last month
				n++
			}
		}
		counts[n]++
	}
	pois := distuv.Poisson{Lambda: 7.2}
	// Bins 0–2, 3, …, 12, 13+ so that every expected count exceeds 5.
	var chi2 float64
	bins := 0
	addBin := func(obs int, p float64) {
		exp := p * float64(len(sim.Runs))
		chi2 += (float64(obs) - exp) * (float64(obs) - exp) / exp
		bins++
	}
	addBin(counts[0]+counts[1]+counts[2], pois.CDF(2))
	for k := 3; k <= 12; k++ {
		addBin(counts[k], pois.Prob(float64(k)))
	}
	tail := 0
	for k, c := range counts {
		if k >= 13 {
			tail += c
		}
	}
	addBin(tail, 1-pois.CDF(12))
	// bins − 1 degrees of freedom (the mean is known, not fitted).
	p := 1 - distuv.ChiSquared{K: float64(bins - 1)}.CDF(chi2)
	assert.Greater(t, p, 0.001, "chi2 %.2f with %d bins", chi2, bins)
}

func TestSimulatedDowntimeOfFixedRepairs(t *testing.T) {
	// Every outage lasts exactly one hour (Fixed repair), so each run's
	// downtime is one hour per outage, apart from outages cut by the
	// run's ends; and the outage count per year has mean 8760h/(100h+1h).
	var b availability.Builder
	b.Component("c", availability.MustParse("99%"))
	m, err := b.Build()
	require.NoError(t, err)
	sim, err := m.Simulate(context.Background(), availability.SimulationConfig{
		Node: "c", Horizon: year, Runs: 300, Seed: 3,
		Processes: map[string]availability.Process{"c": {
			Failure: availability.Exponential(100),
			Repair:  availability.Fixed(1),
		}},
	})
	require.NoError(t, err)
	total := 0
	for _, r := range sim.Runs {
		for _, o := range r.Down {
			if o.Start > 0 && o.End < year {
				require.Equal(t, time.Hour, o.End-o.Start)
			}
			require.False(t, o.Planned)
		}
		total += len(r.Down)
	}
	mean := float64(total) / float64(len(sim.Runs))
	// Renewal rate 1/(101h) over 8760h is 86.73 outages a year; the
	// standard error over 300 years is about √86.7/√300 ≈ 0.54.
	assert.InDelta(t, 8760.0/101, mean, 4*0.54)
}

func TestSimulatedMaintenance(t *testing.T) {
	// A component that (practically) never fails, with 2 hours of planned
	// maintenance every week starting 1h into the run: a 4-week run holds
	// exactly 4 planned outages of 2h.
	var b availability.Builder
	b.Component("c", availability.MustParse("99.9999%")).Group("svc", availability.RequireAll, "c")
	m, err := b.Build()
	require.NoError(t, err)
	week := 7 * day
	sim, err := m.Simulate(context.Background(), availability.SimulationConfig{
		Node: "svc", Horizon: 4 * week, Runs: 3, Seed: 9, Warmup: 3 * week,
		Processes: map[string]availability.Process{"c": {
			Failure:     availability.Fixed((200 * year).Hours()),
			Repair:      availability.Fixed(1.0 / 60),
			Maintenance: availability.Maintenance{Every: week, Duration: 2 * time.Hour, Offset: time.Hour},
		}},
	})
	require.NoError(t, err)
	for _, r := range sim.Runs {
		require.Len(t, r.Down, 4)
		for i, o := range r.Down {
			assert.Equal(t, availability.DownSpan{Start: time.Hour + time.Duration(i)*week, End: 3*time.Hour + time.Duration(i)*week, Planned: true}, o)
		}
		assert.Equal(t, 8*time.Hour, r.Planned)
		assert.Equal(t, 8*time.Hour, r.Downtime)
	}
	est, err := sim.Availability(0.95, false)
	require.NoError(t, err)
	assert.Equal(t, availability.Perfect, est.Availability)
}

func TestSimulationDeterministicAcrossWorkers(t *testing.T) {
	m := sharedDB(t)
	cfg := availability.SimulationConfig{Node: "shop", RepairTime: 4 * time.Hour, Horizon: year, Runs: 64, Seed: 77, Workers: 1}
	one, err := m.Simulate(context.Background(), cfg)
	require.NoError(t, err)
	cfg.Workers = 4
	four, err := m.Simulate(context.Background(), cfg)
	require.NoError(t, err)
	assert.Equal(t, one, four)
	cfg.Seed = 78
	other, err := m.Simulate(context.Background(), cfg)
	require.NoError(t, err)
	assert.NotEqual(t, one, other)

	// Two rounds of 32 runs continue one simulation of 64.
	cfg.Seed, cfg.Runs = 77, 32
	first, err := m.Simulate(context.Background(), cfg)
	require.NoError(t, err)
	cfg.FirstRun = 32
	second, err := m.Simulate(context.Background(), cfg)
	require.NoError(t, err)
	assert.Equal(t, one.Runs, append(first.Runs, second.Runs...))
}

func TestSimulationErrors(t *testing.T) {
	m := sharedDB(t)
	_, err := m.Simulate(context.Background(), availability.SimulationConfig{Node: "shop"})
	require.ErrorIs(t, err, availability.ErrSimulation)
	for _, want := range []string{"Horizon: 0s is not positive", "Runs: 0 is below 1", "RepairTime: 0s is not positive"} {
		assert.Contains(t, err.Error(), want)
	}
	_, err = m.Simulate(context.Background(), availability.SimulationConfig{Node: "shop", Horizon: year, Runs: 1,
		Processes: map[string]availability.Process{"ghost": {}, "path1": {}, "db": {}}, RepairTime: time.Hour})
	require.ErrorIs(t, err, availability.ErrUnknownNode)
	require.ErrorIs(t, err, availability.ErrNotComponent)
	assert.Contains(t, err.Error(), `needs a Failure and a Repair distribution with positive means`)
	_, err = m.Simulate(context.Background(), availability.SimulationConfig{Node: "nope"})
	require.ErrorIs(t, err, availability.ErrUnknownNode)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = m.Simulate(ctx, availability.SimulationConfig{Node: "shop", Horizon: year, Runs: 10, RepairTime: time.Hour})
	require.ErrorIs(t, err, context.Canceled)
	sim, err := m.Simulate(context.Background(), availability.SimulationConfig{Node: "shop", Horizon: day, Runs: 2, RepairTime: time.Hour})
	require.NoError(t, err)
	_, err = sim.Availability(1, true)
	require.ErrorIs(t, err, availability.ErrRange)
	_, err = sim.Availability(math.NaN(), true)
	require.ErrorIs(t, err, availability.ErrRange)
}

func TestDistributions(t *testing.T) {
	tests := []struct {
		d          availability.Distribution
		mean, vari float64 // from the definitions
		desc       string
	}{
		{availability.Exponential(10), 10, 100, "exponential(mean 10)"},
		// Weibull mean λ·Γ(1 + 1/k): k = 2, λ = 10 → 10·Γ(1.5) = 10·0.886226925 = 8.86226925;
		// variance λ²(Γ(2) − Γ(1.5)²) = 100·(1 − π/4) = 21.4601836602551720.
		{availability.Weibull(2, 10), 8.862269254527580, 21.460183660255172, "weibull(shape 2, scale 10)"},
		// Log-normal with e^(μ+σ²/2) = 1.6487212707 (μ = 0, σ = 1): the mean and sd are the quantity's.
		{availability.LogNormal(1.6487212707001282, 2.1611974158950877), 1.6487212707001282, 4.670774270471605, "lognormal(mean 1.6487212707001282, sd 2.1611974158950877)"},
		// Gamma mean is its mean; variance mean²/shape = 36/3.
		{availability.Gamma(3, 6), 6, 12, "gamma(shape 3, mean 6)"},
		{availability.Fixed(1), 1, 0, "fixed(1)"},
		{availability.Poisson(40), 40, 40, "poisson(mean 40)"},
		{availability.Distribution{}, 0, 0, "fixed(0)"},
	}
	for _, tt := range tests {
		assert.InEpsilon(t, tt.mean+1, tt.d.Mean()+1, 1e-12, tt.desc)
		assert.InEpsilon(t, tt.vari+1, tt.d.Variance()+1, 1e-12, tt.desc)
		assert.Equal(t, tt.desc, tt.d.String())
		back, err := availability.ParseDistribution(tt.desc)
		require.NoError(t, err)
		assert.Equal(t, tt.d, back)
		require.NoError(t, tt.d.Validate())
	}
	for _, bad := range []availability.Distribution{
		availability.Exponential(0), availability.Weibull(0, 1), availability.Weibull(1, -1),
		availability.LogNormal(math.NaN(), 1), availability.LogNormal(0, 1), availability.LogNormal(1, -1),
		availability.Gamma(math.Inf(1), 1), availability.Fixed(-1), availability.Poisson(-2),
	} {
		require.ErrorIs(t, bad.Validate(), availability.ErrDistribution, bad.String())
	}
	for _, bad := range []string{"", "fixed", "fixed()", "normal(mean 1)", "exponential(2)", "lognormal(mean 1)", "gamma(mean 3, shape 2)", "poisson(mean x)", "fixed(1) ", "weibull(scale 1, shape 2)"} {
		_, err := availability.ParseDistribution(bad)
		assert.ErrorIs(t, err, availability.ErrSyntax, bad)
	}
}

// TestDistributionSamples checks the sample mean of each distribution
// against its mean, within 5 standard errors, and Survival against the
// empirical tail at the mean.
func TestDistributionSamples(t *testing.T) {
	src := rand.NewPCG(11, 12)
	for _, d := range []availability.Distribution{
		availability.Exponential(2), availability.Weibull(1.5, 3), availability.LogNormal(2, 1.5),
		availability.Gamma(2.5, 4), availability.Poisson(7), availability.Fixed(3),
	} {
		const n = 200_000
		sum, above := 0.0, 0
		for range n {
			x := d.Sample(src)
			sum += x
			if x > d.Mean() {
				above++
			}
		}
		se := math.Sqrt(d.Variance() / n)
		assert.InDelta(t, d.Mean(), sum/n, 5*se+1e-12, d.String())
		p := d.Survival(d.Mean())
		assert.InDelta(t, p, float64(above)/n, 5*math.Sqrt(p*(1-p)/n)+1e-12, d.String())
	}
}

func TestMaintenanceJSON(t *testing.T) {
	mt := availability.Maintenance{Every: 7 * day, Duration: 2 * time.Hour, Offset: time.Hour}
	data, err := json.Marshal(mt)
	require.NoError(t, err)
	assert.Equal(t, `{"every":"168h0m0s","duration":"2h0m0s","offset":"1h0m0s"}`, string(data))
	var back availability.Maintenance
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, mt, back)
	require.NoError(t, json.Unmarshal([]byte(`{"every":"24h","duration":"30m"}`), &back))
	assert.Equal(t, availability.Maintenance{Every: day, Duration: 30 * time.Minute}, back)
	err = json.Unmarshal([]byte(`{"every":"weekly","duration":"30m"}`), &back)
	require.ErrorIs(t, err, availability.ErrSyntax)
	assert.Contains(t, err.Error(), `every: "weekly" is not a duration`)
}

func TestDownSpanJSON(t *testing.T) {
	s := availability.DownSpan{Start: 36 * time.Hour, End: 37*time.Hour + 30*time.Minute, Planned: true}
	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, `{"start":"36h0m0s","end":"37h30m0s","planned":true}`, string(b))
	var back availability.DownSpan
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, s, back)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"start":"1h","end":"30m"}`), &back), availability.ErrDuration)
	assert.Error(t, json.Unmarshal([]byte(`{"start":3600,"end":"2h"}`), &back), "offsets are duration strings, not numbers")
}
