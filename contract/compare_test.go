package contract_test

import (
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/contract"
)

func euros(m contract.Money) float64 { return float64(m.MinorUnits()) / 100 }

// TestCompareCompoundPoisson checks the simulated annual cost of time and
// materials against the compound Poisson closed forms: with N ~ Poisson(λ)
// incidents of H hours at rate r, E[cost] = λ·E[H]·r and
// Var[cost] = λ·E[H²]·r², E[H²] = Var[H] + E[H]². The increment is one
// second, which the simulated hours (rounded to the second) never cross,
// so billing adds no bias.
func TestCompareCompoundPoisson(t *testing.T) {
	tnm := contract.TimeAndMaterials{Rate: contract.HourlyRate{Rate: money("EUR 100.00"), Increment: time.Second}}
	fixed := contract.FixedPrice{Price: money("EUR 250.00")}
	tests := []struct {
		name  string
		rate  float64 // incidents per year
		hours contract.Distribution
		eh    float64 // E[H], from the distribution's definition
		eh2   float64 // E[H²]
	}{
		{"exponential", 12, contract.Exponential(2), 2, 8},               // E[H²] = 2·mean²
		{"lognormal", 6, contract.LogNormal(1.5, 1.2), 1.5, 1.44 + 2.25}, // sd² + mean²
		{"gamma", 6, contract.Gamma(2, 3), 3, 4.5 + 9},                   // mean²/shape + mean²
		{"fixed", 20, contract.Fixed(1.5), 1.5, 2.25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := contract.DemandProfile{IncidentsPerYear: tt.rate, HoursPerIncident: tt.hours}
			c, err := contract.Compare(p, []contract.Model{tnm, fixed}, contract.CompareOptions{Seed: 42, Confidence: 0.99})
			require.NoError(t, err)
			for _, m := range []struct {
				r        contract.ModelResult
				mean, sd float64 // euros
			}{
				{c.Models[0], tt.rate * tt.eh * 100, 100 * math.Sqrt(tt.rate*tt.eh2)},
				{c.Models[1], tt.rate * 250, 250 * math.Sqrt(tt.rate)}, // E[N²]·price² with H ≡ 1 job
			} {
				r := m.r
				assert.LessOrEqual(t, euros(r.Cost.Low), m.mean, "%s: closed form %.2f below the interval [%v, %v]", r.Name, m.mean, r.Cost.Low, r.Cost.High)
				assert.GreaterOrEqual(t, euros(r.Cost.High), m.mean, "%s: closed form %.2f above the interval [%v, %v]", r.Name, m.mean, r.Cost.Low, r.Cost.High)
				assert.InEpsilon(t, m.sd, euros(r.CostStdDev), 0.04, "%s: sd", r.Name)
				assert.InDelta(t, m.sd/100, euros(r.Cost.StdErr), 0.04*m.sd/100, "%s: standard error sd/√10000", r.Name)
				require.True(t, r.HasClosedForm)
				assert.InDelta(t, m.mean, euros(r.ClosedFormCost), 0.01, "%s: ClosedFormCost", r.Name)
			}
			// The work per year is the compound Poisson mean in hours.
			assert.InDelta(t, tt.rate*tt.eh, c.Work.Mean, 3*c.Work.StdErr+1e-9)
		})
	}
}

// startedHours is the expected number of started hours of exponential
// work with mean mu hours. E[⌈H⌉] = Σₖ P(H > k) = 1/(1 − e^(−1/μ)) (a
// geometric series); as the simulation rounds H to the second first, the
// started hours of the rounded H' are Σₖ P(H > k + ½ s) =
// e^(−½s/μ)/(1 − e^(−1/μ)).
func startedHours(mu float64) float64 {
	return math.Exp(-0.5/3600/mu) / (1 - math.Exp(-1/mu))
}

// TestCompareClosedFormWithIncrements checks ClosedFormCost when billing
// increments matter.
func TestCompareClosedFormWithIncrements(t *testing.T) {
	bf := contract.BreakFix{Rate: contract.HourlyRate{Rate: money("EUR 100.00"), Increment: time.Hour, CallOut: money("EUR 50.00")}}
	p := contract.DemandProfile{IncidentsPerYear: 12, HoursPerIncident: contract.Exponential(2)}
	c, err := contract.Compare(p, []contract.Model{bf}, contract.CompareOptions{Seed: 7, Confidence: 0.99})
	require.NoError(t, err)
	r := c.Models[0]
	want := 12 * (50 + 100*startedHours(2)) // 12 × (50 + 254.131…) = 3649.58
	require.True(t, r.HasClosedForm)
	assert.InDelta(t, want, euros(r.ClosedFormCost), 0.01)
	assert.LessOrEqual(t, euros(r.Cost.Low), want)
	assert.GreaterOrEqual(t, euros(r.Cost.High), want)

	// Fixed 1.3 h billed per started 15 minutes with a 1-hour minimum: 1.5 h ×
	// 125.00 + 75.00 call-out = 262.50 an incident, 6 a year: 1575.00 exactly,
	// and every simulated year is a multiple of 262.50.
	bf = contract.BreakFix{Rate: contract.HourlyRate{Rate: money("EUR 125.00"), Increment: 15 * time.Minute, Minimum: time.Hour, CallOut: money("EUR 75.00")}}
	c, err = contract.Compare(contract.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: contract.Fixed(1.3)}, []contract.Model{bf}, contract.CompareOptions{Seed: 7})
	require.NoError(t, err)
	r = c.Models[0]
	assert.Equal(t, "EUR 1575.00", r.ClosedFormCost.String())
	assert.Zero(t, r.P50.MinorUnits()%26250, "P50 %v is a whole number of incidents", r.P50)
	assert.Zero(t, r.P90.MinorUnits()%26250, "P90 %v", r.P90)
	// P90 of Poisson(6) is 9 incidents (P(N ≤ 8) = 0.847, P(N ≤ 9) = 0.916).
	assert.Equal(t, "EUR 2362.50", r.P90.String())
}

func TestCompareDeterministic(t *testing.T) {
	p := contract.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: contract.LogNormal(1.5, 1.2), UnitsPerMonth: contract.Poisson(40)}
	models := []contract.Model{
		contract.BreakFix{Rate: contract.HourlyRate{Rate: money("EUR 125.00"), Increment: 15 * time.Minute}},
		contract.Bundle{Hours: 20 * time.Hour, Price: money("EUR 1900.00"), ValidityMonths: 12, Increment: 30 * time.Minute, AutoRenew: true},
		contract.PayPerUse{Tiers: []contract.Tier{{0, money("EUR 2.00")}, {30, money("EUR 1.50")}}},
	}
	opts := contract.CompareOptions{Trials: 2000, Seed: 99, Delivery: contract.DeliveryCost{PerHour: money("EUR 50.00")}}
	a, err := contract.Compare(p, models, opts)
	require.NoError(t, err)
	b, err := contract.Compare(p, models, opts)
	require.NoError(t, err)
	if diff := cmp.Diff(a, b, cmp.AllowUnexported(contract.Distribution{}), cmp.Comparer(func(x, y contract.Money) bool { return x == y })); diff != "" {
		t.Errorf("same seed, different results (-first +second):\n%s", diff)
	}
	opts.Seed = 100
	c, err := contract.Compare(p, models, opts)
	require.NoError(t, err)
	assert.NotEqual(t, a.Models[0].Cost.Mean, c.Models[0].Cost.Mean, "another seed gives other spans")
}

// poissonPMF returns P(N = n) for N ~ Poisson(mu), computed by recurrence.
func poissonPMF(mu float64, n int) float64 {
	p := math.Exp(-mu)
	for k := 1; k <= n; k++ {
		p *= mu / float64(k)
	}
	return p
}

func TestCompareUnusedBundleHours(t *testing.T) {
	bundle := contract.Bundle{Hours: 20 * time.Hour, Price: money("EUR 1900.00"), ValidityMonths: 12, Increment: 30 * time.Minute,
		Extra: contract.HourlyRate{Rate: money("EUR 110.00"), Increment: 30 * time.Minute}}
	p := contract.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: contract.Fixed(1.4)}
	c, err := contract.Compare(p, []contract.Model{bundle}, contract.CompareOptions{Seed: 1})
	require.NoError(t, err)
	u := c.Models[0].UnusedHours
	require.NotNil(t, u)
	// 1.4 h draws 1.5 h; unused = max(0, 20 − 1.5·N), N ~ Poisson(6): Σₙ₌₀¹³ P(n)·(20 − 1.5n).
	var want float64
	for n := 0; 1.5*float64(n) < 20; n++ {
		want += poissonPMF(6, n) * (20 - 1.5*float64(n))
	}
	assert.True(t, u.Exact)
	assert.InDelta(t, want, u.Mean, 1e-9)
	assert.InDelta(t, 11.0, u.Mean, 0.1, "about 20 − 6·1.5 = 11 h, a little more for years with many incidents")

	// With exponential hours there is no closed form; the simulated mean has an interval.
	p.HoursPerIncident = contract.Exponential(1.4)
	c, err = contract.Compare(p, []contract.Model{bundle}, contract.CompareOptions{Seed: 1})
	require.NoError(t, err)
	u = c.Models[0].UnusedHours
	assert.False(t, u.Exact)
	assert.Less(t, u.Low, u.Mean)
	assert.Greater(t, u.High, u.Mean)
}

func TestBreakEvenClosedForm(t *testing.T) {
	bf := contract.BreakFix{Rate: contract.HourlyRate{Rate: money("EUR 100.00"), Increment: time.Hour, CallOut: money("EUR 50.00")}}
	monthly := contract.Subscription{Fee: money("EUR 100.00"), Unlimited: true}
	tests := []struct {
		name  string
		hours contract.Distribution
		want  float64
	}{
		// 2 h × 100.00 + 50.00 = 250.00 an incident against 12 × 100.00: 1200/250 = 4.8 a year.
		{"fixed hours", contract.Fixed(2), 4.8},
		// 1.6 h billed as 2 h: the same 4.8.
		{"fixed hours rounded up", contract.Fixed(1.6), 4.8},
		// Exponential, mean 2 h, per started hour: 50 + 100·startedHours(2) an incident.
		{"exponential hours", contract.Exponential(2), 1200 / (50 + 100*startedHours(2))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := contract.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: tt.hours}
			be, err := contract.BreakEven(p, bf, monthly, contract.CompareOptions{})
			require.NoError(t, err)
			assert.True(t, be.ClosedForm)
			assert.InDelta(t, tt.want, be.IncidentsPerYear, 1e-9)
			assert.Equal(t, "EUR 1200.00", be.Cost.String())
		})
	}
	// A fee of 1200.00 a year plus 200.00 an incident against 100.00 an
	// incident: the lines cross at −12 incidents a year, so never.
	dear := contract.Subscription{Fee: money("EUR 100.00"), Overage: contract.HourlyRate{Rate: money("EUR 200.00"), Increment: time.Hour}}
	_, err := contract.BreakEven(contract.DemandProfile{HoursPerIncident: contract.Fixed(1)},
		dear, contract.FixedPrice{Price: money("EUR 100.00")}, contract.CompareOptions{})
	assert.ErrorIs(t, err, contract.ErrNoBreakEven)
	// Against 300.00 an incident they cross at 1200/(300 − 200) = 12 a year.
	be, err := contract.BreakEven(contract.DemandProfile{HoursPerIncident: contract.Fixed(1)},
		dear, contract.FixedPrice{Price: money("EUR 300.00")}, contract.CompareOptions{})
	require.NoError(t, err)
	assert.InDelta(t, 12, be.IncidentsPerYear, 1e-9)
	assert.Equal(t, "EUR 3600.00", be.Cost.String())
	// Parallel lines never cross.
	_, err = contract.BreakEven(contract.DemandProfile{HoursPerIncident: contract.Fixed(1)},
		contract.Subscription{Fee: money("EUR 10.00"), Unlimited: true}, contract.FixedPrice{Price: money("EUR 0.00")}, contract.CompareOptions{})
	assert.ErrorIs(t, err, contract.ErrNoBreakEven)
}

// TestBreakEvenBisection checks the simulated break-even of a bundle
// against the exact one. Incidents of exactly 2 h; break/fix costs 250.00
// each, so 250·λ a year; the bundle 900.00 for 10 h a year, then 100.00 an
// hour: 900 + 200·E[(N − 5)⁺] with E[(N − 5)⁺] = λ − 5 + Σₙ₌₀⁴ (5 − n)·P(n).
// The exact crossing is found here by bisection on those sums.
func TestBreakEvenBisection(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates 10 000 years per bisection step")
	}
	bf := contract.BreakFix{Rate: contract.HourlyRate{Rate: money("EUR 100.00"), Increment: time.Hour, CallOut: money("EUR 50.00")}}
	bundle := contract.Bundle{Hours: 10 * time.Hour, Price: money("EUR 900.00"), ValidityMonths: 12, Increment: time.Hour,
		Extra: contract.HourlyRate{Rate: money("EUR 100.00"), Increment: time.Hour}}
	exactGap := func(l float64) float64 {
		over := l - 5
		for n := range 5 {
			over += float64(5-n) * poissonPMF(l, n)
		}
		return 250*l - (900 + 200*over)
	}
	lo, hi := 1.0, 10.0
	for range 100 {
		mid := (lo + hi) / 2
		if exactGap(mid) < 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	p := contract.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: contract.Fixed(2)}
	be, err := contract.BreakEven(p, bf, bundle, contract.CompareOptions{Seed: 5})
	require.NoError(t, err)
	assert.False(t, be.ClosedForm)
	assert.InEpsilon(t, lo, be.IncidentsPerYear, 0.02, "exact %.4f", lo)
	assert.InEpsilon(t, 250*lo, euros(be.Cost), 0.02)
}

func TestCompareValidation(t *testing.T) {
	bf := contract.BreakFix{Rate: contract.HourlyRate{Rate: money("EUR 100.00"), Increment: time.Hour}}
	usd := contract.FixedPrice{Price: money("USD 10.00")}
	good := contract.DemandProfile{IncidentsPerYear: 1, HoursPerIncident: contract.Fixed(1)}
	tests := []struct {
		name   string
		p      contract.DemandProfile
		models []contract.Model
		opts   contract.CompareOptions
		fields []string
		err    error
	}{
		{"negative rate", contract.DemandProfile{IncidentsPerYear: -1}, []contract.Model{bf}, contract.CompareOptions{}, []string{"IncidentsPerYear"}, contract.ErrRange},
		{"NaN rate", contract.DemandProfile{IncidentsPerYear: math.NaN()}, []contract.Model{bf}, contract.CompareOptions{}, []string{"IncidentsPerYear"}, contract.ErrRange},
		{"bad distributions", contract.DemandProfile{HoursPerIncident: contract.Exponential(0), UnitsPerMonth: contract.LogNormal(1, -1), Months: -1}, []contract.Model{bf}, contract.CompareOptions{},
			[]string{"HoursPerIncident.mean", "UnitsPerMonth.sd", "Months"}, contract.ErrRange},
		{"currency mismatch", good, []contract.Model{bf, usd}, contract.CompareOptions{}, []string{"models[1]"}, contract.ErrCurrencyMismatch},
		{"delivery in another currency", good, []contract.Model{bf}, contract.CompareOptions{Delivery: contract.DeliveryCost{PerHour: money("USD 1.00")}}, []string{"Delivery.PerHour"}, contract.ErrCurrencyMismatch},
		{"one trial", good, []contract.Model{bf}, contract.CompareOptions{Trials: 1}, []string{"Trials"}, contract.ErrRange},
		{"bad confidence", good, []contract.Model{bf}, contract.CompareOptions{Confidence: 1}, []string{"Confidence"}, contract.ErrRange},
		{"invalid model", good, []contract.Model{contract.Bundle{Price: money("EUR 1.00"), Increment: time.Hour, AutoRenew: true}}, contract.CompareOptions{}, []string{"Hours", "ValidityMonths"}, contract.ErrRange},
		{"no models", good, nil, contract.CompareOptions{}, []string{"models"}, contract.ErrRange},
		{"nil model", good, []contract.Model{bf, nil}, contract.CompareOptions{}, []string{"models[1]"}, contract.ErrRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := contract.Compare(tt.p, tt.models, tt.opts)
			require.ErrorIs(t, err, tt.err)
			assert.Equal(t, tt.fields, fieldsOf(err))
		})
	}
}

func TestRiskCarrier(t *testing.T) {
	p := contract.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: contract.Exponential(2)}
	c, err := contract.Compare(p, []contract.Model{
		contract.TimeAndMaterials{Rate: contract.HourlyRate{Rate: money("EUR 100.00"), Increment: time.Second}},
		contract.Subscription{Fee: money("EUR 100.00"), Unlimited: true},
	}, contract.CompareOptions{Trials: 1000, Delivery: contract.DeliveryCost{PerHour: money("EUR 50.00")}})
	require.NoError(t, err)
	// Time and materials at 100/h with a cost of 50/h: margin = cost/2, so sd(margin) = sd(cost)/2
	// and the provider's share is (1/2)/(1 + 1/2) = 1/3.
	assert.InDelta(t, 1.0/3, c.Models[0].ProviderRisk, 0.01)
	assert.Equal(t, "customer", c.Models[0].RiskCarrier())
	// A flat fee: the customer's cost never varies.
	assert.Equal(t, 1.0, c.Models[1].ProviderRisk)
	assert.Equal(t, "provider", c.Models[1].RiskCarrier())
	assert.Equal(t, "EUR 0.00", c.Models[1].CostStdDev.String())
}

func BenchmarkCompare(b *testing.B) {
	p := contract.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: contract.LogNormal(1.5, 1.2)}
	models := []contract.Model{
		contract.BreakFix{Rate: contract.HourlyRate{Rate: money("EUR 125.00"), Increment: 15 * time.Minute, Minimum: time.Hour, CallOut: money("EUR 75.00")}},
		contract.Subscription{Fee: money("EUR 150.00"), Unlimited: true},
		contract.Bundle{Hours: 20 * time.Hour, Price: money("EUR 1900.00"), ValidityMonths: 12, Increment: 30 * time.Minute,
			Extra: contract.HourlyRate{Rate: money("EUR 110.00"), Increment: 30 * time.Minute}},
	}
	for _, trials := range []int{100, 1000, 10_000} {
		b.Run("years="+itoa(trials), func(b *testing.B) {
			opts := contract.CompareOptions{Trials: trials, Seed: 1, Delivery: contract.DeliveryCost{PerHour: money("EUR 55.00"), PerJob: money("EUR 20.00")}}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := contract.Compare(p, models, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
