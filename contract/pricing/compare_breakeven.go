package pricing

import (
	"context"
	"math"
	"strconv"

	"github.com/slacalc/slacalc/contract/money"
)

// BreakEvenPoint is the incident rate at which two models cost the
// customer the same on average.
type BreakEvenPoint struct {
	IncidentsPerYear float64     // the break-even rate λ, incidents per year
	ClosedForm       bool        // solved exactly; otherwise by bisection on simulated expectations
	Cost             money.Money // the expected cost per span of either model at that rate, rounded half-even
}

// BreakEven returns the incident rate at which models a and b have the
// same expected cost per span for the profile (whose own incident rate is
// ignored, except to size the search), e.g. the rate at which break/fix
// costs as much as a monthly fee.
//
// When both models' expected costs are linear in the rate — fixed +
// perIncident·λ·Months/12, true of [TimeAndMaterials], [BreakFix],
// [FixedPrice], [NoContract], a [Subscription] whose fee covers every
// incident or none, and [PayPerUse] with fixed or Poisson units — the
// point is solved exactly: λ = (fixed_b − fixed_a)·12 / (Months·(per_a −
// per_b)). The expected charge per incident under an [HourlyRate] is
// Σₖ P(⌈H/inc⌉ = k)·max(minimum, k·inc)·rate + call-out, summed from the
// hours distribution's survival function (exact for fixed hours); the
// rounding of each charge to a minor unit is ignored.
//
// Otherwise (a [Bundle], a subscription with limited included hours) the
// point is found by bisection on the two models' simulated expected costs,
// computed with [Compare]'s simulation at the same seed for every rate
// tried, so both curves are deterministic and non-decreasing steps in λ.
// The search doubles from 1 incident a year up to max(100, 16·λ) (λ the
// profile's rate, capped at 10⁵) to find a sign change, then bisects to a
// relative width of 10⁻⁶. Its accuracy is that of the simulated
// expectations; more trials make it finer.
//
// It fails with [ErrNoBreakEven] when the costs do not cross at a rate
// ≥ 0 (in the searched range).
//
// BreakEven checks ctx during the simulations and returns its error,
// wrapped, when it is done.
func BreakEven(ctx context.Context, p DemandProfile, a, b Plan, opts CompareOptions) (BreakEvenPoint, error) {
	opts = opts.withDefaults()
	cur, err := checkModels(p, []Plan{a, b}, opts)
	if err != nil {
		return BreakEvenPoint{}, err
	}
	if err := checkDone(ctx, 0); err != nil {
		return BreakEvenPoint{}, err
	}
	months := float64(p.months())
	fa, pa, okA := linearExpectation(a, p)
	fb, pb, okB := linearExpectation(b, p)
	if okA && okB {
		if pa == pb {
			if fa == fb {
				cost, err := money.FromMinorFloat(fa, cur)
				return BreakEvenPoint{IncidentsPerYear: 0, ClosedForm: true, Cost: cost}, err
			}
			return BreakEvenPoint{}, noBreakEven(a, b, "the expected costs are parallel in the incident rate")
		}
		rate := (fb - fa) * 12 / (months * (pa - pb))
		if rate < 0 {
			return BreakEvenPoint{}, noBreakEven(a, b, "the expected costs cross only at a negative incident rate ("+strconv.FormatFloat(rate, 'g', 6, 64)+" a year)")
		}
		cost, err := money.FromMinorFloat(fa+pa*rate*months/12, cur)
		return BreakEvenPoint{IncidentsPerYear: rate, ClosedForm: true, Cost: cost}, err
	}
	diff := func(rate float64) (float64, float64, error) {
		q := p
		q.IncidentsPerYear = rate
		means, err := simulatedMeans(ctx, q, []Plan{a, b}, opts)
		if err != nil {
			return 0, 0, err
		}
		return means[0] - means[1], means[0], nil
	}
	limit := min(max(100, 16*p.IncidentsPerYear), maxIncidentsPerYear)
	lo := 0.0
	dlo, costLo, err := diff(lo)
	if err != nil {
		return BreakEvenPoint{}, err
	}
	if dlo == 0 {
		cost, err := money.FromMinorFloat(costLo, cur)
		return BreakEvenPoint{Cost: cost}, err
	}
	hi := 0.0
	for next := 1.0; ; next *= 2 {
		hi = min(next, limit)
		dhi, _, err := diff(hi)
		if err != nil {
			return BreakEvenPoint{}, err
		}
		if math.Signbit(dhi) != math.Signbit(dlo) || dhi == 0 {
			break
		}
		if hi == limit {
			return BreakEvenPoint{}, noBreakEven(a, b, "the simulated expected costs do not cross between 0 and "+strconv.FormatFloat(limit, 'g', 6, 64)+" incidents a year")
		}
		lo, dlo = hi, dhi
	}
	for hi-lo > 1e-6*max(1, hi) {
		mid := (lo + hi) / 2
		d, _, err := diff(mid)
		if err != nil {
			return BreakEvenPoint{}, err
		}
		if d != 0 && math.Signbit(d) == math.Signbit(dlo) {
			lo, dlo = mid, d
		} else {
			hi = mid
		}
	}
	_, costHi, err := diff(hi)
	if err != nil {
		return BreakEvenPoint{}, err
	}
	cost, err := money.FromMinorFloat(costHi, cur)
	return BreakEvenPoint{IncidentsPerYear: hi, Cost: cost}, err
}

func noBreakEven(a, b Plan, why string) error {
	return fieldErr("BreakEven", "models", a.Name()+" and "+b.Name(), why, ErrNoBreakEven)
}

// simulatedMeans returns each model's mean simulated cost per span in
// minor units, with Compare's simulation.
func simulatedMeans(ctx context.Context, p DemandProfile, models []Plan, opts CompareOptions) ([]float64, error) {
	sim := newSimulator(p, opts.Seed)
	sums := make([]float64, len(models))
	for i := range opts.Trials {
		if err := checkDone(ctx, i); err != nil {
			return nil, err
		}
		d, err := sim.span(i)
		if err != nil {
			return nil, err
		}
		for k, m := range models {
			b, err := billFast(m, d)
			if err != nil {
				return nil, err
			}
			sums[k] += float64(b.Total.MinorUnits())
		}
	}
	for k := range sums {
		sums[k] /= float64(opts.Trials)
	}
	return sums, nil
}
