package contract_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/sla"
)

// anyDowntime credits 10% of the fee for any month below 100%.
var anyDowntime = contract.CreditSchedule{Tiers: []contract.CreditTier{{
	Upper: contract.Below(money.Percent(100)), Lower: contract.AtLeast(money.Percent(0)), Credit: money.Percent(10),
}}}

func oneComponent(t *testing.T) *availability.Model {
	var b availability.Builder
	b.Component("server", availability.MustParse("99.95%"))
	m, err := b.Build()
	require.NoError(t, err)
	return m
}

func TestCreditRiskHandComputed(t *testing.T) {
	// One component with exponential up times (mean 2000 h) and repairs of
	// exactly one hour. A month earns the 10% credit when it has any
	// downtime: unless the component is up at the month's start (probability
	// A = 2000/2001) and does not fail during the month (exp(−T/2000h), by
	// memorylessness). So the expected yearly credit is
	// Σ_months EUR 1000 · 10% · (1 − A·exp(−T/2000h)) over the months of 2027
	// in UTC: seven of 744 h, four of 720 h and February's 672 h.
	const mtbf = 2000.0
	a := mtbf / (mtbf + 1)
	want := 0.0
	for _, hours := range []float64{744, 672, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744} {
		want += 100 * (1 - a*math.Exp(-hours/mtbf))
	}
	start, err := sla.CalendarMonth(2027, time.January, time.UTC)
	require.NoError(t, err)
	r, err := contract.CreditRisk(context.Background(), contract.CreditRiskConfig{
		Model: oneComponent(t), Node: "server",
		Processes: map[string]availability.Process{"server": {
			Failure: availability.Exponential(mtbf),
			Repair:  availability.Fixed(1),
		}},
		Start: start, Schedule: anyDowntime, Fee: money.MustParseMoney("EUR 1000.00"),
		Years: 2000, Seed: 11, Confidence: 0.999,
	})
	require.NoError(t, err)
	assert.Equal(t, 2000, r.Years)
	assert.Equal(t, 24000, r.Periods)
	low, high := float64(r.CreditPerYear.Low.MinorUnits())/100, float64(r.CreditPerYear.High.MinorUnits())/100
	assert.LessOrEqual(t, low, want+0.01, "want %.2f in [%.2f, %.2f]", want, low, high)
	assert.GreaterOrEqual(t, high, want-0.01, "want %.2f in [%.2f, %.2f]", want, low, high)
	t.Logf("expected yearly credit %.2f, simulated %v [%v, %v]", want, r.CreditPerYear.Mean, r.CreditPerYear.Low, r.CreditPerYear.High)
	require.Len(t, r.Tiers, 1)
	// The tier probability is the credit probability here.
	assert.Equal(t, r.CreditProbability, r.Tiers[0].Probability)
	// With the zero Target (100%) a month is missed exactly when it has
	// downtime: the same closed form, want/1200 per month.
	assert.InDelta(t, want/1200, r.MissProbability.Mean, 4*r.MissProbability.StdErr+1e-9)
	// Outages overlapping a month of H hours: the one in progress at its
	// start (probability 1 − A) plus the failures in it, H/(MTBF + MTTR) in
	// the stationary renewal process; averaged over the months of 2027.
	wantCount := 0.0
	for _, hours := range []float64{744, 672, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744} {
		wantCount += ((1 - a) + hours/(mtbf+1)) / 12
	}
	assert.InDelta(t, wantCount, r.OutagesPerPeriod.Mean, 4*r.OutagesPerPeriod.StdErr+1e-9)
	// Every repair takes an hour; outages cut by a month's end are shorter.
	assert.InDelta(t, time.Hour, r.MeanOutage, float64(2*time.Minute))
	assert.InDelta(t, want/1200, r.CreditProbability.Mean, 4*r.CreditProbability.StdErr+1e-9)
	// A month's credit is 0 or EUR 100, so the yearly credit is a multiple of 100.
	assert.Zero(t, r.YearlyP50.MinorUnits()%10000)
	assert.LessOrEqual(t, r.YearlyP50.MinorUnits(), r.YearlyP90.MinorUnits())
	assert.LessOrEqual(t, r.YearlyP90.MinorUnits(), r.YearlyP99.MinorUnits())
	assert.LessOrEqual(t, r.DowntimeP50, r.DowntimeP90)
}

func TestCreditRiskDeterministicAndPrecise(t *testing.T) {
	start, err := sla.CalendarMonth(2027, time.January, time.UTC)
	require.NoError(t, err)
	cfg := contract.CreditRiskConfig{
		Model: oneComponent(t), Node: "server", RepairTime: 4 * time.Hour,
		Start: start, Schedule: contract.AWSComputeInstance().Schedule, Fee: money.MustParseMoney("USD 500.00"),
		Years: 200, Seed: 5, Workers: 1,
	}
	one, err := contract.CreditRisk(context.Background(), cfg)
	require.NoError(t, err)
	cfg.Workers = 2
	two, err := contract.CreditRisk(context.Background(), cfg)
	require.NoError(t, err)
	assert.Equal(t, one, two)

	// Asking for ±5% runs more years than the first round, in whole rounds.
	cfg.RelativeError = 0.05
	precise, err := contract.CreditRisk(context.Background(), cfg)
	require.NoError(t, err)
	assert.Greater(t, precise.Years, 200)
	assert.Zero(t, precise.Years%200)
	half := float64(precise.CreditPerYear.High.MinorUnits()-precise.CreditPerYear.Low.MinorUnits()) / 2
	assert.LessOrEqual(t, half, 0.05*float64(precise.CreditPerYear.Mean.MinorUnits())+1)
}

func TestCreditRiskErrors(t *testing.T) {
	_, err := contract.CreditRisk(context.Background(), contract.CreditRiskConfig{})
	require.Error(t, err)
	for _, want := range []string{"Model", "Start", "Fee"} {
		assert.Contains(t, err.Error(), want)
	}
	start, _ := sla.CalendarMonth(2027, time.January, time.UTC)
	_, err = contract.CreditRisk(context.Background(), contract.CreditRiskConfig{
		Model: oneComponent(t), Node: "nope", Start: start, Fee: money.MustParseMoney("EUR 1.00"),
		Schedule: anyDowntime, Confidence: 2, RelativeError: -1,
	})
	require.ErrorIs(t, err, money.ErrRange)
	for _, want := range []string{`"nope"`, "Confidence", "RelativeError"} {
		assert.Contains(t, err.Error(), want)
	}
}
