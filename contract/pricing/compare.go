package pricing

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/money"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// CompareOptions configures [Compare] and [BreakEven].
type CompareOptions struct {
	Trials     int          // simulated spans; 0 means 10 000
	Seed       uint64       // seeds the random streams: the same seed gives the same result
	Delivery   DeliveryCost // the provider's cost of delivering work, for margins
	Confidence float64      // level of the confidence intervals, in (0, 1); 0 means 0.95
}

const defaultTrials = 10_000

func (o CompareOptions) withDefaults() CompareOptions {
	if o.Trials == 0 {
		o.Trials = defaultTrials
	}
	if o.Confidence == 0 {
		o.Confidence = 0.95
	}
	return o
}

func (o CompareOptions) validate(cur money.Currency) error {
	var errs []error
	if o.Trials < 2 {
		errs = append(errs, fieldErr("CompareOptions", "Trials", strconv.Itoa(o.Trials), "must be at least 2", money.ErrRange))
	}
	if !(o.Confidence > 0 && o.Confidence < 1) {
		errs = append(errs, fieldErr("CompareOptions", "Confidence", strconv.FormatFloat(o.Confidence, 'g', -1, 64), "must be in (0, 1)", money.ErrRange))
	}
	errs = append(errs, o.Delivery.validate("CompareOptions", "Delivery.", cur))
	return errors.Join(errs...)
}

// Expectation is a simulated expectation with its uncertainty, in the unit
// of the field that holds it. Low and High bound the confidence interval
// Mean ± z·StdErr at the comparison's confidence level. When Exact is set
// the value is a closed form: StdErr is 0 and Low = High = Mean.
type Expectation struct {
	Mean   float64 // the sample mean (or the exact value)
	StdErr float64 // the standard error of the mean, sd/√trials
	Low    float64 // lower bound of the confidence interval
	High   float64 // upper bound of the confidence interval
	Exact  bool    // a closed form, not a simulation
}

// MoneyExpectation is an [Expectation] of an amount. The simulation works in
// float64 minor units; each field is that value rounded half-even to a
// whole minor unit, a rounding far below the simulation's own error.
type MoneyExpectation struct {
	Mean   money.Money // the sample mean
	StdErr money.Money // the standard error of the mean
	Low    money.Money // lower bound of the confidence interval
	High   money.Money // upper bound of the confidence interval
}

// PlanResult is what a [Comparison] found for one model, per span of the
// profile (a year by default). Costs are the customer's, which are the
// provider's revenue.
type PlanResult struct {
	Name string // the model's name

	Cost       MoneyExpectation // expected customer's cost
	CostStdDev money.Money      // standard deviation of the customer's cost between spans
	P50        money.Money      // median customer's cost (empirical quantile of the simulated spans)
	P90        money.Money      // customer's cost exceeded in one span in ten
	P99        money.Money      // customer's cost exceeded in one span in a hundred

	// ClosedFormCost is the expected cost in closed form when the model's
	// expectation is linear in the incident rate (see [BreakEven]),
	// rounded half-even; HasClosedForm says whether there is one.
	ClosedFormCost money.Money
	HasClosedForm  bool

	DeliveryCost MoneyExpectation // the provider's expected cost of delivering the work
	Margin       MoneyExpectation // the provider's expected margin: revenue − delivery cost
	MarginStdDev money.Money      // standard deviation of the provider's margin between spans
	MarginP10    money.Money      // the provider's margin in a bad span: it is lower one span in ten

	// ProviderRisk is the provider's share of the spread, a number in
	// [0, 1]: sd(margin) / (sd(cost) + sd(margin)). 0 means the customer's
	// bill absorbs all variation in the work (time and materials with no
	// delivery cost), 1 that the provider absorbs it all (a flat fee); 0
	// when neither varies.
	ProviderRisk float64

	// UnusedHours is, for a [Bundle], the expected prepaid hours that go
	// unused per span, in hours (exact where a closed form exists, see
	// [Bundle]); nil for other models.
	UnusedHours *Expectation
}

// RiskCarrier names who carries most of the spread: "customer",
// "provider", or "shared" when ProviderRisk is within [0.4, 0.6].
func (r PlanResult) RiskCarrier() string {
	switch {
	case r.ProviderRisk < 0.4:
		return "customer"
	case r.ProviderRisk > 0.6:
		return "provider"
	}
	return "shared"
}

// Comparison is the result of [Compare]: for each model, the customer's
// expected cost and its spread, and the provider's expected cost of
// delivery and margin, over the same simulated spans.
type Comparison struct {
	Profile  DemandProfile  // the demand simulated
	Options  CompareOptions // the options, with defaults filled in
	Currency money.Currency // the currency of all models
	Months   int            // the span of each trial, in months
	Work     Expectation    // hours of work per span, simulated; its expectation is λ·Months/12·E[hours]
	Models   []PlanResult   // in the order the models were given
}

// Compare prices Trials simulated spans of the profile with each model and
// summarises the costs. Every model sees the same spans (common random
// numbers), so differences between models are not simulation noise.
//
// The simulation: trial i draws from PCG streams seeded (Seed, 3i), (Seed, 3i+1) and
// (Seed, 3i+2) — for the incident counts, the hours and the units — so a
// trial's demand depends on nothing but the seed and i. Each month has a
// Poisson(λ/12) number of incidents, drawn by inversion of the Poisson
// distribution function with one uniform number per month (so that, for
// a fixed seed, a higher rate never gives fewer incidents; above 50 a
// month gonum's sampler is used instead). Each incident's hours are drawn
// from HoursPerIncident with gonum's [distuv] and rounded to the second;
// each month's units from UnitsPerMonth, rounded to a whole unit.
//
// Means come with standard errors and confidence intervals; quantiles are
// empirical ([stat.Empirical]) and so are amounts actually billed in some
// trial.
//
// Compare checks ctx every 256 spans and returns its error, wrapped, when
// it is done.
func Compare(ctx context.Context, p DemandProfile, models []Plan, opts CompareOptions) (*Comparison, error) {
	opts = opts.withDefaults()
	cur, err := checkModels(p, models, opts)
	if err != nil {
		return nil, err
	}
	sim := newSimulator(p, opts.Seed)
	n := opts.Trials
	work := make([]float64, n)
	costs := make([][]float64, len(models))
	margins := make([][]float64, len(models))
	deliveries := make([][]float64, len(models))
	unused := make([][]float64, len(models))
	for k, m := range models {
		costs[k] = make([]float64, n)
		margins[k] = make([]float64, n)
		deliveries[k] = make([]float64, n)
		if _, ok := asBundle(m); ok {
			unused[k] = make([]float64, n)
		}
	}
	for i := range n {
		if err := checkDone(ctx, i); err != nil {
			return nil, err
		}
		d, err := sim.span(i)
		if err != nil {
			return nil, err
		}
		var w float64
		for _, j := range d.Jobs {
			w += j.Work.Hours()
		}
		work[i] = w
		for k, m := range models {
			b, err := billFast(m, d)
			if err != nil {
				return nil, err
			}
			dc, err := opts.Delivery.of(b)
			if err != nil {
				return nil, err
			}
			costs[k][i] = float64(b.Total.MinorUnits())
			deliveries[k][i] = float64(dc.MinorUnits())
			margins[k][i] = float64(b.Total.MinorUnits()) - float64(dc.MinorUnits())
			if unused[k] != nil {
				unused[k][i] = b.UnusedPrepaid.Hours()
			}
		}
	}
	z := distuv.UnitNormal.Quantile(1 - (1-opts.Confidence)/2)
	c := &Comparison{Profile: p, Options: opts, Currency: cur, Months: sim.months}
	c.Work = ExpectationOf(work, z)
	for k, m := range models {
		r := PlanResult{Name: m.Name()}
		var errs []error
		costEst := ExpectationOf(costs[k], z)
		r.Cost, err = costEst.Money(cur)
		errs = append(errs, err)
		r.CostStdDev, err = money.FromMinorFloat(stat.StdDev(costs[k], nil), cur)
		errs = append(errs, err)
		slices.Sort(costs[k])
		for _, q := range []struct {
			p   float64
			dst *money.Money
		}{{0.5, &r.P50}, {0.9, &r.P90}, {0.99, &r.P99}} {
			*q.dst, err = money.FromMinorFloat(stat.Quantile(q.p, stat.Empirical, costs[k], nil), cur)
			errs = append(errs, err)
		}
		if fixed, per, ok := linearExpectation(m, p); ok {
			r.ClosedFormCost, err = money.FromMinorFloat(fixed+per*p.IncidentsPerYear*float64(sim.months)/12, cur)
			r.HasClosedForm = err == nil
			errs = append(errs, err)
		}
		r.DeliveryCost, err = ExpectationOf(deliveries[k], z).Money(cur)
		errs = append(errs, err)
		r.Margin, err = ExpectationOf(margins[k], z).Money(cur)
		errs = append(errs, err)
		sdMargin := stat.StdDev(margins[k], nil)
		slices.Sort(margins[k])
		r.MarginP10, err = money.FromMinorFloat(stat.Quantile(0.1, stat.Empirical, margins[k], nil), cur)
		errs = append(errs, err)
		r.MarginStdDev, err = money.FromMinorFloat(sdMargin, cur)
		errs = append(errs, err)
		if sdCost := stat.StdDev(costs[k], nil); sdCost+sdMargin > 0 {
			r.ProviderRisk = sdMargin / (sdCost + sdMargin)
		}
		if b, ok := asBundle(m); ok {
			e := ExpectationOf(unused[k], z)
			if exact, ok := b.expectedUnused(p); ok {
				e = Expectation{Mean: exact, Low: exact, High: exact, Exact: true}
			}
			r.UnusedHours = &e
		}
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
		c.Models = append(c.Models, r)
	}
	return c, nil
}

// asBundle returns m as a Bundle if it is one, by value or pointer.
func asBundle(m Plan) (Bundle, bool) {
	switch b := m.(type) {
	case Bundle:
		return b, true
	case *Bundle:
		return *b, b != nil
	}
	return Bundle{}, false
}

// checkModels validates the profile, options and models, and returns their
// common currency.
func checkModels(p DemandProfile, models []Plan, opts CompareOptions) (money.Currency, error) {
	var errs []error
	errs = append(errs, p.Validate())
	if len(models) == 0 {
		return "", fieldErr("Compare", "models", "[]", "must list at least one model", money.ErrRange)
	}
	for i, m := range models {
		if m == nil {
			return "", fieldErr("Compare", "models["+strconv.Itoa(i)+"]", "nil", "is not a model", money.ErrRange)
		}
	}
	cur := models[0].Currency()
	for i, m := range models {
		if err := m.Validate(); err != nil {
			errs = append(errs, err)
		}
		if m.Currency() != cur {
			errs = append(errs, fieldErr("Compare", "models["+strconv.Itoa(i)+"]", m.Name()+" in "+m.Currency().String(), "is not in "+cur.String()+" like "+models[0].Name(), money.ErrCurrencyMismatch))
		}
	}
	errs = append(errs, opts.validate(cur))
	return cur, errors.Join(errs...)
}

// billFast bills without explanation for the package's models.
func billFast(m Plan, d *RealisedDemand) (Bill, error) {
	if b, ok := m.(biller); ok {
		return b.bill(d, false)
	}
	return m.Cost(*d)
}

// ExpectationOf returns the sample mean of x with its standard error and
// the interval mean ± z·stderr, z the normal quantile of the confidence
// wanted (1.96 for 95%).
func ExpectationOf(x []float64, z float64) Expectation {
	mean, sd := stat.MeanStdDev(x, nil)
	se := sd / math.Sqrt(float64(len(x)))
	return Expectation{Mean: mean, StdErr: se, Low: mean - z*se, High: mean + z*se}
}

// Money returns e, an expectation in minor units of cur, as amounts, each
// field rounded half-even to a whole minor unit.
func (e Expectation) Money(cur money.Currency) (MoneyExpectation, error) {
	var m MoneyExpectation
	var errs [4]error
	m.Mean, errs[0] = money.FromMinorFloat(e.Mean, cur)
	m.StdErr, errs[1] = money.FromMinorFloat(e.StdErr, cur)
	m.Low, errs[2] = money.FromMinorFloat(e.Low, cur)
	m.High, errs[3] = money.FromMinorFloat(e.High, cur)
	return m, errors.Join(errs[:]...)
}

// linearExpectation returns the model's expected cost per span as fixed +
// perIncident·N̄ in minor units, N̄ the expected incidents per span, when
// the model has that closed form.
func linearExpectation(m Plan, p DemandProfile) (fixed, perIncident float64, ok bool) {
	if e, isLinear := m.(interface {
		expectation(DemandProfile) (float64, float64, bool)
	}); isLinear {
		return e.expectation(p)
	}
	return 0, 0, false
}

// simulator draws the spans of a profile.
type simulator struct {
	p                    DemandProfile
	months               int
	seed                 uint64
	counts, hours, units rand.PCG
	d                    RealisedDemand
}

func newSimulator(p DemandProfile, seed uint64) *simulator {
	s := &simulator{p: p, months: p.months(), seed: seed}
	s.d.Months = s.months
	if p.UnitsPerMonth != (availability.Distribution{}) {
		s.d.Units = make([]int64, s.months)
	}
	return s
}

// span returns trial i's demand; it is overwritten by the next call.
func (s *simulator) span(i int) (*RealisedDemand, error) {
	s.counts.Seed(s.seed, 3*uint64(i))
	s.hours.Seed(s.seed, 3*uint64(i)+1)
	s.units.Seed(s.seed, 3*uint64(i)+2)
	mu := s.p.IncidentsPerYear / 12
	s.d.Jobs = s.d.Jobs[:0]
	for month := range s.months {
		n := poissonCount(mu, &s.counts)
		for range n {
			h := s.p.HoursPerIncident.Sample(&s.hours)
			if h < 0 || math.IsNaN(h) || h > maxHoursPerJob {
				return nil, fieldErr("DemandProfile", "HoursPerIncident", s.p.HoursPerIncident.String(), "drew "+strconv.FormatFloat(h, 'g', -1, 64)+" hours for one incident", money.ErrRange)
			}
			s.d.Jobs = append(s.d.Jobs, Job{Month: month, Kind: Corrective, Work: workDuration(h)})
		}
		if s.d.Units != nil {
			u := math.Round(s.p.UnitsPerMonth.Sample(&s.units))
			if u < 0 || u > math.MaxInt64/2 {
				return nil, fieldErr("DemandProfile", "UnitsPerMonth", s.p.UnitsPerMonth.String(), "drew "+strconv.FormatFloat(u, 'g', -1, 64)+" units", money.ErrRange)
			}
			s.d.Units[month] = int64(u)
		}
	}
	return &s.d, nil
}

// maxHoursPerJob bounds a simulated job's hours (about 11 years of work),
// so that a draw from a far tail is reported instead of overflowing.
const maxHoursPerJob = 1e5

// poissonCount draws a Poisson(mu) count by inversion with one uniform
// number, which makes the count non-decreasing in mu for a fixed stream.
// Above mu = 50, where e^−mu makes the sequential search slow, it uses
// gonum's sampler.
func poissonCount(mu float64, src *rand.PCG) int {
	if mu <= 0 {
		return 0
	}
	if mu > 50 {
		return int(distuv.Poisson{Lambda: mu, Src: src}.Rand())
	}
	u := float64(src.Uint64()>>11) / (1 << 53)
	k, pk := 0, math.Exp(-mu)
	cdf := pk
	for u >= cdf && pk > 0 {
		k++
		pk *= mu / float64(k)
		cdf += pk
	}
	return k
}

// checkDone returns ctx's error, wrapped, every 256 trials.
func checkDone(ctx context.Context, trial int) error {
	if trial%256 != 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("pricing: simulation stopped after %d spans: %w", trial, err)
	}
	return nil
}
