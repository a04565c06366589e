package pricing_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/pricing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func euros(m money.Money) float64 { return float64(m.MinorUnits()) / 100 }

// TestCompareCompoundPoisson checks the simulated annual cost of time and
// materials against the compound Poisson closed forms: with N ~ Poisson(λ)
// incidents of H hours at rate r, E[cost] = λ·E[H]·r and
// Var[cost] = λ·E[H²]·r², E[H²] = Var[H] + E[H]². The increment is one
// second, which the simulated hours (rounded to the second) never cross,
// so billing adds no bias.
func TestCompareCompoundPoisson(t *testing.T) {
	tnm := pricing.TimeAndMaterials{Rate: pricing.HourlyRate{Rate: eur("EUR 100.00"), Increment: time.Second}}
	fixed := pricing.FixedPrice{Price: eur("EUR 250.00")}
	tests := []struct {
		name  string
		rate  float64 // incidents per year
		hours availability.Distribution
		eh    float64 // E[H], from the distribution's definition
		eh2   float64 // E[H²]
	}{
		{"exponential", 12, availability.Exponential(2), 2, 8},               // E[H²] = 2·mean²
		{"lognormal", 6, availability.LogNormal(1.5, 1.2), 1.5, 1.44 + 2.25}, // sd² + mean²
		{"gamma", 6, availability.Gamma(2, 3), 3, 4.5 + 9},                   // mean²/shape + mean²
		{"fixed", 20, availability.Fixed(1.5), 1.5, 2.25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := pricing.DemandProfile{IncidentsPerYear: tt.rate, HoursPerIncident: tt.hours}
			c, err := pricing.Compare(context.Background(), p, []pricing.Plan{tnm, fixed}, pricing.CompareOptions{Seed: 42, Confidence: 0.99})
			require.NoError(t, err)
			for _, m := range []struct {
				r        pricing.PlanResult
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
	bf := pricing.BreakFix{Rate: pricing.HourlyRate{Rate: eur("EUR 100.00"), Increment: time.Hour, CallOut: eur("EUR 50.00")}}
	p := pricing.DemandProfile{IncidentsPerYear: 12, HoursPerIncident: availability.Exponential(2)}
	c, err := pricing.Compare(context.Background(), p, []pricing.Plan{bf}, pricing.CompareOptions{Seed: 7, Confidence: 0.99})
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
	bf = pricing.BreakFix{Rate: pricing.HourlyRate{Rate: eur("EUR 125.00"), Increment: 15 * time.Minute, Minimum: time.Hour, CallOut: eur("EUR 75.00")}}
	c, err = pricing.Compare(context.Background(), pricing.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: availability.Fixed(1.3)}, []pricing.Plan{bf}, pricing.CompareOptions{Seed: 7})
	require.NoError(t, err)
	r = c.Models[0]
	assert.Equal(t, "EUR 1575.00", r.ClosedFormCost.String())
	assert.Zero(t, r.P50.MinorUnits()%26250, "P50 %v is a whole number of incidents", r.P50)
	assert.Zero(t, r.P90.MinorUnits()%26250, "P90 %v", r.P90)
	// P90 of Poisson(6) is 9 incidents (P(N ≤ 8) = 0.847, P(N ≤ 9) = 0.916).
	assert.Equal(t, "EUR 2362.50", r.P90.String())
}

func TestCompareDeterministic(t *testing.T) {
	p := pricing.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: availability.LogNormal(1.5, 1.2), UnitsPerMonth: availability.Poisson(40)}
	models := []pricing.Plan{
		pricing.BreakFix{Rate: pricing.HourlyRate{Rate: eur("EUR 125.00"), Increment: 15 * time.Minute}},
		pricing.Bundle{Hours: 20 * time.Hour, Price: eur("EUR 1900.00"), ValidityMonths: 12, Increment: 30 * time.Minute, AutoRenew: true},
		pricing.PayPerUse{Tiers: []pricing.Tier{{0, eur("EUR 2.00")}, {30, eur("EUR 1.50")}}},
	}
	opts := pricing.CompareOptions{Trials: 2000, Seed: 99, Delivery: pricing.DeliveryCost{PerHour: eur("EUR 50.00")}}
	a, err := pricing.Compare(context.Background(), p, models, opts)
	require.NoError(t, err)
	b, err := pricing.Compare(context.Background(), p, models, opts)
	require.NoError(t, err)
	if diff := cmp.Diff(a, b, cmp.AllowUnexported(availability.Distribution{}), cmp.Comparer(func(x, y money.Money) bool { return x == y })); diff != "" {
		t.Errorf("same seed, different results (-first +second):\n%s", diff)
	}
	opts.Seed = 100
	c, err := pricing.Compare(context.Background(), p, models, opts)
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
	bundle := pricing.Bundle{Hours: 20 * time.Hour, Price: eur("EUR 1900.00"), ValidityMonths: 12, Increment: 30 * time.Minute,
		Extra: pricing.HourlyRate{Rate: eur("EUR 110.00"), Increment: 30 * time.Minute}}
	p := pricing.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: availability.Fixed(1.4)}
	c, err := pricing.Compare(context.Background(), p, []pricing.Plan{bundle}, pricing.CompareOptions{Seed: 1})
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
	p.HoursPerIncident = availability.Exponential(1.4)
	c, err = pricing.Compare(context.Background(), p, []pricing.Plan{bundle}, pricing.CompareOptions{Seed: 1})
	require.NoError(t, err)
	u = c.Models[0].UnusedHours
	assert.False(t, u.Exact)
	assert.Less(t, u.Low, u.Mean)
	assert.Greater(t, u.High, u.Mean)
}

func TestBreakEvenClosedForm(t *testing.T) {
	bf := pricing.BreakFix{Rate: pricing.HourlyRate{Rate: eur("EUR 100.00"), Increment: time.Hour, CallOut: eur("EUR 50.00")}}
	monthly := pricing.Subscription{Fee: eur("EUR 100.00"), Unlimited: true}
	tests := []struct {
		name  string
		hours availability.Distribution
		want  float64
	}{
		// 2 h × 100.00 + 50.00 = 250.00 an incident against 12 × 100.00: 1200/250 = 4.8 a year.
		{"fixed hours", availability.Fixed(2), 4.8},
		// 1.6 h billed as 2 h: the same 4.8.
		{"fixed hours rounded up", availability.Fixed(1.6), 4.8},
		// Exponential, mean 2 h, per started hour: 50 + 100·startedHours(2) an incident.
		{"exponential hours", availability.Exponential(2), 1200 / (50 + 100*startedHours(2))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := pricing.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: tt.hours}
			be, err := pricing.BreakEven(context.Background(), p, bf, monthly, pricing.CompareOptions{})
			require.NoError(t, err)
			assert.True(t, be.ClosedForm)
			assert.InDelta(t, tt.want, be.IncidentsPerYear, 1e-9)
			assert.Equal(t, "EUR 1200.00", be.Cost.String())
		})
	}
	// A fee of 1200.00 a year plus 200.00 an incident against 100.00 an
	// incident: the lines cross at −12 incidents a year, so never.
	dear := pricing.Subscription{Fee: eur("EUR 100.00"), Overage: pricing.HourlyRate{Rate: eur("EUR 200.00"), Increment: time.Hour}}
	_, err := pricing.BreakEven(context.Background(), pricing.DemandProfile{HoursPerIncident: availability.Fixed(1)},
		dear, pricing.FixedPrice{Price: eur("EUR 100.00")}, pricing.CompareOptions{})
	assert.ErrorIs(t, err, pricing.ErrNoBreakEven)
	// Against 300.00 an incident they cross at 1200/(300 − 200) = 12 a year.
	be, err := pricing.BreakEven(context.Background(), pricing.DemandProfile{HoursPerIncident: availability.Fixed(1)},
		dear, pricing.FixedPrice{Price: eur("EUR 300.00")}, pricing.CompareOptions{})
	require.NoError(t, err)
	assert.InDelta(t, 12, be.IncidentsPerYear, 1e-9)
	assert.Equal(t, "EUR 3600.00", be.Cost.String())
	// Parallel lines never cross.
	_, err = pricing.BreakEven(context.Background(), pricing.DemandProfile{HoursPerIncident: availability.Fixed(1)},
		pricing.Subscription{Fee: eur("EUR 10.00"), Unlimited: true}, pricing.FixedPrice{Price: eur("EUR 0.00")}, pricing.CompareOptions{})
	assert.ErrorIs(t, err, pricing.ErrNoBreakEven)
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
	bf := pricing.BreakFix{Rate: pricing.HourlyRate{Rate: eur("EUR 100.00"), Increment: time.Hour, CallOut: eur("EUR 50.00")}}
	bundle := pricing.Bundle{Hours: 10 * time.Hour, Price: eur("EUR 900.00"), ValidityMonths: 12, Increment: time.Hour,
		Extra: pricing.HourlyRate{Rate: eur("EUR 100.00"), Increment: time.Hour}}
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
	p := pricing.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: availability.Fixed(2)}
	be, err := pricing.BreakEven(context.Background(), p, bf, bundle, pricing.CompareOptions{Seed: 5})
	require.NoError(t, err)
	assert.False(t, be.ClosedForm)
	assert.InEpsilon(t, lo, be.IncidentsPerYear, 0.02, "exact %.4f", lo)
	assert.InEpsilon(t, 250*lo, euros(be.Cost), 0.02)
}

func TestCompareValidation(t *testing.T) {
	bf := pricing.BreakFix{Rate: pricing.HourlyRate{Rate: eur("EUR 100.00"), Increment: time.Hour}}
	usd := pricing.FixedPrice{Price: eur("USD 10.00")}
	good := pricing.DemandProfile{IncidentsPerYear: 1, HoursPerIncident: availability.Fixed(1)}
	tests := []struct {
		name   string
		p      pricing.DemandProfile
		models []pricing.Plan
		opts   pricing.CompareOptions
		fields []string
		err    error
	}{
		{"negative rate", pricing.DemandProfile{IncidentsPerYear: -1}, []pricing.Plan{bf}, pricing.CompareOptions{}, []string{"IncidentsPerYear"}, money.ErrRange},
		{"NaN rate", pricing.DemandProfile{IncidentsPerYear: math.NaN()}, []pricing.Plan{bf}, pricing.CompareOptions{}, []string{"IncidentsPerYear"}, money.ErrRange},
		{"bad distributions", pricing.DemandProfile{HoursPerIncident: availability.Exponential(0), UnitsPerMonth: availability.LogNormal(1, -1), Months: -1}, []pricing.Plan{bf}, pricing.CompareOptions{},
			[]string{"HoursPerIncident.mean", "UnitsPerMonth.sd", "Months"}, money.ErrRange},
		{"currency mismatch", good, []pricing.Plan{bf, usd}, pricing.CompareOptions{}, []string{"models[1]"}, money.ErrCurrencyMismatch},
		{"delivery in another currency", good, []pricing.Plan{bf}, pricing.CompareOptions{Delivery: pricing.DeliveryCost{PerHour: eur("USD 1.00")}}, []string{"Delivery.PerHour"}, money.ErrCurrencyMismatch},
		{"one trial", good, []pricing.Plan{bf}, pricing.CompareOptions{Trials: 1}, []string{"Trials"}, money.ErrRange},
		{"bad confidence", good, []pricing.Plan{bf}, pricing.CompareOptions{Confidence: 1}, []string{"Confidence"}, money.ErrRange},
		{"invalid model", good, []pricing.Plan{pricing.Bundle{Price: eur("EUR 1.00"), Increment: time.Hour, AutoRenew: true}}, pricing.CompareOptions{}, []string{"Hours", "ValidityMonths"}, money.ErrRange},
		{"no models", good, nil, pricing.CompareOptions{}, []string{"models"}, money.ErrRange},
		{"nil model", good, []pricing.Plan{bf, nil}, pricing.CompareOptions{}, []string{"models[1]"}, money.ErrRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := pricing.Compare(context.Background(), tt.p, tt.models, tt.opts)
			require.ErrorIs(t, err, tt.err)
			assert.Equal(t, tt.fields, fieldsOf(err))
		})
	}
}

func TestRiskCarrier(t *testing.T) {
	p := pricing.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: availability.Exponential(2)}
	c, err := pricing.Compare(context.Background(), p, []pricing.Plan{
		pricing.TimeAndMaterials{Rate: pricing.HourlyRate{Rate: eur("EUR 100.00"), Increment: time.Second}},
		pricing.Subscription{Fee: eur("EUR 100.00"), Unlimited: true},
	}, pricing.CompareOptions{Trials: 1000, Delivery: pricing.DeliveryCost{PerHour: eur("EUR 50.00")}})
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
	p := pricing.DemandProfile{IncidentsPerYear: 6, HoursPerIncident: availability.LogNormal(1.5, 1.2)}
	models := []pricing.Plan{
		pricing.BreakFix{Rate: pricing.HourlyRate{Rate: eur("EUR 125.00"), Increment: 15 * time.Minute, Minimum: time.Hour, CallOut: eur("EUR 75.00")}},
		pricing.Subscription{Fee: eur("EUR 150.00"), Unlimited: true},
		pricing.Bundle{Hours: 20 * time.Hour, Price: eur("EUR 1900.00"), ValidityMonths: 12, Increment: 30 * time.Minute,
			Extra: pricing.HourlyRate{Rate: eur("EUR 110.00"), Increment: 30 * time.Minute}},
	}
	for _, trials := range []int{100, 1000, 10_000} {
		b.Run("years="+itoa(trials), func(b *testing.B) {
			opts := pricing.CompareOptions{Trials: trials, Seed: 1, Delivery: pricing.DeliveryCost{PerHour: eur("EUR 55.00"), PerJob: eur("EUR 20.00")}}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := pricing.Compare(context.Background(), p, models, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
