package contract

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/slacalc/slacalc/contract/money"
	"github.com/slacalc/slacalc/contract/pricing"

	"gonum.org/v1/gonum/stat"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/sla"
)

// CreditRiskConfig configures [CreditRisk]: what is simulated, how each
// period is measured, and what a missed period costs.
type CreditRiskConfig struct {
	// Model and Node are the dependency graph and the service promised.
	Model *availability.Model
	Node  string
	// Processes and RepairTime give the components' failure and repair
	// behaviour, as in [availability.SimulationConfig].
	Processes  map[string]availability.Process
	RepairTime time.Duration
	// Start is the first period, a calendar month in its location (see
	// sla.CalendarMonth); a simulated year covers Months consecutive
	// periods from it, with their real lengths.
	Start sla.Period
	// Months is the number of periods in one simulated year; 0 means 12.
	Months int
	// Calendar and Rules say how each period is measured, as the contract
	// does: service window, exclusions, minimum outage, time slices. The
	// simulated outages are unplanned, or planned when maintenance alone
	// causes them.
	Calendar sla.Calendar
	Rules    sla.CountingRules
	// Target is the objective a period must reach; a period measured below
	// it is missed ([Risk.MissProbability]). The zero Availability is
	// 100%: any counted downtime misses.
	Target availability.Availability
	// Schedule and Fee turn a measured period into a credit: the schedule's
	// tiers applied to the period's fee.
	Schedule CreditSchedule
	Fee      money.Money
	// Years is the number of simulated years to run first; 0 means 1000.
	Years int
	// RelativeError, if positive, continues in rounds of Years until the
	// half-width of the expected yearly credit's interval is within this
	// share of it, or MaxYears is reached (0 means 100 × Years).
	RelativeError float64
	MaxYears      int
	// Confidence of the intervals, e.g. 0.95 (0 means 0.95).
	Confidence float64
	// Seed and Workers as in availability.SimulationConfig; the result
	// does not depend on Workers.
	Seed    uint64
	Workers int
}

// TierRisk is the probability that a period lands in one credit tier.
type TierRisk struct {
	Tier        CreditTier          `json:"tier"`
	Probability pricing.Expectation `json:"probability"`
}

// Risk is the outcome of [CreditRisk]: the distribution of a contract's
// measured periods and of the credits they cost. Every simulated figure is
// a mean over independent simulated years with its standard error and
// confidence interval (months within one year are not independent, years
// are).
type Risk struct {
	Years, Periods int // simulated years and measured periods
	// Availability is the distribution of a period's measured
	// availability: its mean and quantiles over all periods.
	MeanAvailability                                 availability.Availability
	AvailabilityP50, AvailabilityP10, AvailabilityP1 availability.Availability
	// Downtime is the distribution of a period's counted downtime.
	MeanDowntime                          time.Duration
	DowntimeP50, DowntimeP90, DowntimeP99 time.Duration
	// PeriodUnavailability is every simulated period's measured
	// unavailability (downtime over service time), in simulation order:
	// year by year, period by period.
	PeriodUnavailability []float64
	// CreditProbability is the probability that a period earns a credit.
	CreditProbability pricing.Expectation
	// MissProbability is the probability that a period is measured below
	// the config's Target: the chance that a month misses the promise,
	// whatever the credit schedule says about it.
	MissProbability pricing.Expectation
	// OutagesPerPeriod is the expected number of outages of a period
	// that fall in its service hours (merged, after the counting rules'
	// exclusions), and MeanOutage their mean length within service hours:
	// what an SLA that caps the number of incidents needs.
	OutagesPerPeriod pricing.Expectation
	MeanOutage       time.Duration
	// Tiers gives the probability of each tier of the schedule.
	Tiers []TierRisk
	// CreditPerPeriod and CreditPerYear are the expected credit.
	CreditPerPeriod, CreditPerYear pricing.MoneyExpectation
	// YearlyP50, YearlyP90 and YearlyP99 are quantiles of a year's credit.
	YearlyP50, YearlyP90, YearlyP99 money.Money
}

// CreditRisk simulates the node's outages over many years of calendar
// periods, measures each period as the contract would, and reports the
// distribution of the measured availability, the probability of each credit
// tier, the expected credit per period and per year, and quantiles of the
// yearly credit. It answers what an availability figure alone cannot: how
// often a month falls below the promise, and what that costs.
func CreditRisk(ctx context.Context, cfg CreditRiskConfig) (*Risk, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	months := cfg.Months
	if months == 0 {
		months = 12
	}
	periods := make([]sla.Period, months)
	periods[0] = cfg.Start
	for i := 1; i < months; i++ {
		periods[i] = periods[i-1].Next()
	}
	start := periods[0].Start()
	horizon := periods[months-1].End().Sub(start)
	years := cfg.Years
	if years == 0 {
		years = 1000
	}
	maxYears := cfg.MaxYears
	if maxYears == 0 {
		maxYears = 100 * years
	}
	conf := cfg.Confidence
	if conf == 0 {
		conf = 0.95
	}
	z := math.Sqrt2 * math.Erfinv(conf)

	cur := cfg.Fee.Currency()
	nTiers := len(cfg.Schedule.Tiers)
	var (
		yearly    []float64   // credit per simulated year, minor units
		inTier    [][]float64 // per tier, share of a year's periods in it
		anyCredit []float64   // per year, share of periods with a credit
		missed    []float64   // per year, share of periods below the target
		counts    []float64   // per year, counted outages per period
		outageSum float64     // total time in service hours of those outages, ns
		outageN   float64     // number of counted outages
		avail     []float64   // every period's measured unavailability
		downtime  []float64   // every period's counted downtime, ns
	)
	inTier = make([][]float64, nTiers)
	for done := 0; done < maxYears; {
		round := min(years, maxYears-done)
		sim, err := cfg.Model.Simulate(ctx, availability.SimulationConfig{
			Node: cfg.Node, Processes: cfg.Processes, RepairTime: cfg.RepairTime,
			Horizon: horizon, Runs: round, Seed: cfg.Seed, FirstRun: done, Workers: cfg.Workers,
		})
		if err != nil {
			return nil, err
		}
		for _, run := range sim.Runs {
			outages := sla.SimulatedOutages(run, start, cfg.Node)
			var year int64
			tiers := make([]int, nTiers)
			credited, miss, n := 0, 0, 0
			for _, p := range periods {
				m, err := sla.Measure(p, cfg.Calendar, outages, cfg.Rules)
				if err != nil {
					return nil, err
				}
				c, err := cfg.Schedule.Assess(m.Downtime, m.ServiceTime, cfg.Fee)
				if err != nil {
					return nil, err
				}
				if c.Tier >= 0 {
					tiers[c.Tier]++
				}
				if m.Availability.Compare(cfg.Target) < 0 {
					miss++
				}
				for _, o := range m.Outages {
					if o.InWindow > 0 {
						n++
						outageSum += float64(o.InWindow)
					}
				}
				if c.Amount.Sign() > 0 {
					credited++
				}
				year += c.Amount.MinorUnits()
				avail = append(avail, m.Availability.Unavailability())
				downtime = append(downtime, float64(m.Downtime))
			}
			yearly = append(yearly, float64(year))
			for t := range tiers {
				inTier[t] = append(inTier[t], float64(tiers[t])/float64(months))
			}
			anyCredit = append(anyCredit, float64(credited)/float64(months))
			missed = append(missed, float64(miss)/float64(months))
			counts = append(counts, float64(n)/float64(months))
			outageN += float64(n)
		}
		done += round
		if cfg.RelativeError <= 0 {
			break
		}
		e := pricing.ExpectationOf(yearly, z)
		if e.Mean > 0 && (e.High-e.Low)/2 <= cfg.RelativeError*e.Mean {
			break
		}
	}

	r := &Risk{Years: len(yearly), Periods: len(avail)}
	var errs []error
	perYear := pricing.ExpectationOf(yearly, z)
	var err error
	r.CreditPerYear, err = perYear.Money(cur)
	errs = append(errs, err)
	perPeriod := pricing.Expectation{Mean: perYear.Mean / float64(months), StdErr: perYear.StdErr / float64(months),
		Low: perYear.Low / float64(months), High: perYear.High / float64(months)}
	r.CreditPerPeriod, err = perPeriod.Money(cur)
	errs = append(errs, err)
	r.CreditProbability = clampEstimate(pricing.ExpectationOf(anyCredit, z))
	r.MissProbability = clampEstimate(pricing.ExpectationOf(missed, z))
	r.OutagesPerPeriod = pricing.ExpectationOf(counts, z)
	r.OutagesPerPeriod.Low = max(0, r.OutagesPerPeriod.Low)
	if outageN > 0 {
		r.MeanOutage = time.Duration(outageSum / outageN)
	}
	for t, tier := range cfg.Schedule.Tiers {
		r.Tiers = append(r.Tiers, TierRisk{Tier: tier, Probability: clampEstimate(pricing.ExpectationOf(inTier[t], z))})
	}
	slices.Sort(yearly)
	for _, q := range []struct {
		p   float64
		dst *money.Money
	}{{0.5, &r.YearlyP50}, {0.9, &r.YearlyP90}, {0.99, &r.YearlyP99}} {
		*q.dst, err = money.FromMinorFloat(stat.Quantile(q.p, stat.Empirical, yearly, nil), cur)
		errs = append(errs, err)
	}
	r.PeriodUnavailability = slices.Clone(avail)
	slices.Sort(avail)
	r.MeanAvailability = mustUnavailability(stat.Mean(avail, nil))
	// Availability quantiles: the p-quantile of availability is the
	// (1−p)-quantile of unavailability.
	r.AvailabilityP50 = mustUnavailability(stat.Quantile(0.5, stat.Empirical, avail, nil))
	r.AvailabilityP10 = mustUnavailability(stat.Quantile(0.9, stat.Empirical, avail, nil))
	r.AvailabilityP1 = mustUnavailability(stat.Quantile(0.99, stat.Empirical, avail, nil))
	slices.Sort(downtime)
	r.MeanDowntime = time.Duration(stat.Mean(downtime, nil))
	r.DowntimeP50 = time.Duration(stat.Quantile(0.5, stat.Empirical, downtime, nil))
	r.DowntimeP90 = time.Duration(stat.Quantile(0.9, stat.Empirical, downtime, nil))
	r.DowntimeP99 = time.Duration(stat.Quantile(0.99, stat.Empirical, downtime, nil))
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return r, nil
}

func mustUnavailability(u float64) availability.Availability {
	a, err := availability.FromUnavailability(min(1, max(0, u)))
	if err != nil { // unreachable: u is a mean of values in [0, 1]
		return availability.Never
	}
	return a
}

// clampEstimate keeps a probability's interval inside [0, 1].
func clampEstimate(e pricing.Expectation) pricing.Expectation {
	e.Low = max(0, e.Low)
	e.High = min(1, e.High)
	return e
}

func (cfg CreditRiskConfig) validate() error {
	var errs []error
	bad := func(field, value, reason string, sentinel error) {
		errs = append(errs, fieldErr("CreditRiskConfig", field, value, reason, sentinel))
	}
	if cfg.Model == nil {
		bad("Model", "nil", "is required", money.ErrRange)
	} else if !cfg.Model.Has(cfg.Node) {
		bad("Node", strconv.Quote(cfg.Node), "is not a node of the model", money.ErrRange)
	}
	if cfg.Start.Unit() != sla.Month {
		bad("Start", cfg.Start.String(), "is not a calendar month", money.ErrRange)
	}
	if cfg.Months < 0 {
		bad("Months", strconv.Itoa(cfg.Months), "is negative", money.ErrRange)
	}
	if cfg.Years < 0 || cfg.MaxYears < 0 {
		bad("Years", strconv.Itoa(cfg.Years)+"/"+strconv.Itoa(cfg.MaxYears), "is negative", money.ErrRange)
	}
	if math.IsNaN(cfg.RelativeError) || cfg.RelativeError < 0 {
		bad("RelativeError", strconv.FormatFloat(cfg.RelativeError, 'g', -1, 64), "is not a non-negative number", money.ErrRange)
	}
	if math.IsNaN(cfg.Confidence) || cfg.Confidence < 0 || cfg.Confidence >= 1 {
		bad("Confidence", strconv.FormatFloat(cfg.Confidence, 'g', -1, 64), "is not in (0, 1)", money.ErrRange)
	}
	if !cfg.Fee.Currency().Known() {
		bad("Fee", cfg.Fee.String(), "has no known currency", money.ErrUnknownCurrency)
	} else if cfg.Fee.Sign() < 0 {
		bad("Fee", cfg.Fee.String(), "is negative", money.ErrRange)
	} else if err := cfg.Schedule.Validate(cfg.Fee.Currency()); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
