package sla

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/slacalc/slacalc/availability"
)

// Objective is a service-level objective, the one type for a promise of
// availability in this module: a target over each period, counted in a
// calendar's service hours under counting rules. It serves monitoring
// (error budgets and burn rates, [Objective.ErrorBudget]) and contracts
// (the objective of contract.Terms) alike.
//
// The period is the calendar Day, Week, Month, Quarter or Year containing
// the evaluation instant, in the calendar's time zone, or, when Period is
// [Window] (the zero value), the rolling Window up to the evaluation
// instant. A Window objective without a length holds over whatever period
// it is evaluated on, as in contract terms measured per billing period;
// [Objective.PeriodAt] then has no period to give and reports
// [ErrDuration].
type Objective struct {
	Name     string
	Target   availability.Availability
	Period   Unit          // a calendar unit, or Window (the zero value) for a rolling window
	Window   time.Duration // the rolling window's length when Period is Window; must be 0 otherwise
	Calendar Calendar      // the service hours counted; the zero Calendar is 7×24 in UTC
	Rules    CountingRules // how outages are counted; the zero value counts every outage in full
}

func (o Objective) validate(fn string) error {
	var errs []error
	switch {
	case o.Period < Window || o.Period > Year:
		errs = append(errs, inputErr(fn, "objective.period", o.Period.String(), "is not a unit", ErrRange))
	case o.Window < 0:
		errs = append(errs, inputErr(fn, "objective.window", o.Window.String(), "is negative", ErrDuration))
	case o.Period != Window && o.Window != 0:
		errs = append(errs, inputErr(fn, "objective.window", o.Window.String(), "is set but the period is "+o.Period.String()+", not a rolling window", ErrDuration))
	}
	return joinCapped(fn, errs, 0)
}

// Validate reports every problem of the objective at once: a period that is
// not a unit, or a window length that is negative or set for a calendar
// period.
func (o Objective) Validate() error { return o.validate("Objective.Validate") }

// PeriodAt returns the objective's period for an evaluation at asOf: the
// rolling window ending at asOf, or the calendar unit containing asOf.
func (o Objective) PeriodAt(asOf time.Time) (Period, error) {
	const fn = "Objective.PeriodAt"
	if err := o.validate(fn); err != nil {
		return Period{}, err
	}
	if o.Period == Window {
		if o.Window == 0 {
			return Period{}, inputErr(fn, "objective.window", "0s", "is needed: a rolling objective without a length has no period of its own", ErrDuration)
		}
		return RollingWindow(asOf, o.Window)
	}
	return CalendarPeriod(o.Period, asOf, o.Calendar.Location())
}

// ErrorBudget is the state of an objective's error budget at an instant.
// All durations are service time of the objective's calendar.
type ErrorBudget struct {
	Period      Period
	AsOf        time.Time
	ServiceTime time.Duration // in the whole period
	Elapsed     time.Duration // from the period's start to AsOf
	Budget      time.Duration // (1 − target) × ServiceTime
	Consumed    time.Duration // the downtime counted so far
	Remaining   time.Duration // Budget − Consumed; negative when overspent
	// RemainingShare is Remaining/Budget, a fraction (1 untouched, 0 spent,
	// negative overspent); 0 when the budget is 0.
	RemainingShare float64
	// BurnRate is the observed error rate, Consumed/Elapsed, divided by
	// the allowed one, 1 − target: 1 spends the budget exactly over the
	// window. It is +Inf when downtime was counted against a zero
	// budget and 0 before any service time has elapsed.
	BurnRate float64
	// Exhausted reports that the budget is spent.
	Exhausted bool
	// Exhaustion is the instant the budget runs out if the current burn
	// rate continues; zero when it is already exhausted, not burning, or,
	// for a calendar-aligned window, would last until the period's end.
	// For a rolling window it is a projection that ignores downtime leaving
	// the window.
	Exhaustion time.Time
}

// ErrorBudget returns the budget of the objective at asOf when consumed
// downtime has been counted in the period so far (for example
// [Measurement].Downtime).
func (o Objective) ErrorBudget(asOf time.Time, consumed time.Duration) (ErrorBudget, error) {
	const fn = "Objective.ErrorBudget"
	if consumed < 0 {
		return ErrorBudget{}, inputErr(fn, "consumed", consumed.String(), "is negative", ErrDuration)
	}
	p, err := o.PeriodAt(asOf)
	if err != nil {
		return ErrorBudget{}, err
	}
	c := o.Calendar
	service, err := c.ServiceTime(p)
	if err != nil {
		return ErrorBudget{}, err
	}
	elapsed, err := c.Elapsed(p.Start(), minTime(asOf, p.End()))
	if err != nil {
		return ErrorBudget{}, err
	}
	eb := ErrorBudget{Period: p, AsOf: asOf, ServiceTime: service, Elapsed: elapsed, Consumed: consumed}
	eb.Budget = o.Target.Downtime(service)
	eb.Remaining = eb.Budget - consumed
	if eb.Budget > 0 {
		eb.RemainingShare = float64(eb.Remaining) / float64(eb.Budget)
	}
	u := o.Target.Unavailability()
	switch {
	case consumed == 0 || elapsed == 0:
	case u == 0:
		eb.BurnRate = math.Inf(1)
	default:
		eb.BurnRate = float64(consumed) / float64(elapsed) / u
	}
	eb.Exhausted = eb.Remaining <= 0 && (eb.Budget > 0 || consumed > 0)
	if eb.Exhausted || consumed == 0 || elapsed == 0 {
		return eb, nil
	}
	// Service time until the remaining budget is spent at the observed rate.
	ahead := float64(eb.Remaining) * float64(elapsed) / float64(consumed)
	if ahead >= float64(math.MaxInt64) {
		return eb, nil
	}
	t, err := c.Deadline(asOf, time.Duration(ahead))
	if err != nil {
		return eb, nil // beyond the computable years: no projection
	}
	if o.Period == Window || t.Before(p.End()) {
		eb.Exhaustion = t
	}
	return eb, nil
}

// Evaluate measures the objective's period up to asOf from outage records
// under the objective's counting rules and returns the error budget with
// the measurement it rests on.
func (o Objective) Evaluate(asOf time.Time, outages []Outage) (ErrorBudget, Measurement, error) {
	p, err := o.PeriodAt(asOf)
	if err != nil {
		return ErrorBudget{}, Measurement{}, err
	}
	var m Measurement
	if asOf.After(p.Start()) {
		sofar, err := NewPeriod(p.Start(), minTime(asOf, p.End()))
		if err != nil {
			return ErrorBudget{}, Measurement{}, err
		}
		if m, err = Measure(sofar, o.Calendar, outages, o.Rules); err != nil {
			return ErrorBudget{}, Measurement{}, err
		}
	}
	eb, err := o.ErrorBudget(asOf, m.Downtime)
	return eb, m, err
}

type objectiveJSON struct {
	Name     string                    `json:"name,omitempty"`
	Target   availability.Availability `json:"target"`
	Period   Unit                      `json:"period"`
	Window   string                    `json:"window,omitempty"`
	Calendar Calendar                  `json:"calendar"`
	Rules    CountingRules             `json:"rules,omitzero"`
}

// MarshalJSON encodes the objective with the target as a percentage, the
// period as a unit name, the window as a Go duration string, and the
// calendar and counting rules in full.
func (o Objective) MarshalJSON() ([]byte, error) {
	return json.Marshal(objectiveJSON{Name: o.Name, Target: o.Target, Period: o.Period, Window: durText(o.Window), Calendar: o.Calendar, Rules: o.Rules})
}

// UnmarshalJSON decodes the form of MarshalJSON and validates it; "target"
// and "period" are required, other keys than those of MarshalJSON are
// errors, and every problem is reported at once at its path.
func (o *Objective) UnmarshalJSON(b []byte) error {
	const fn = "Objective.UnmarshalJSON"
	var j objectiveJSON
	errs := strict(fn, "target", "period").Decode(b, &j)
	v := Objective{Name: j.Name, Target: j.Target, Period: j.Period, Calendar: j.Calendar, Rules: j.Rules}
	if err := parseDur(fn, "window", j.Window, &v.Window); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if err := v.validate(fn); err != nil {
		return errors.Join(relative(err, "objective.")...)
	}
	*o = v
	return nil
}

// BurnRate returns how fast an error rate (a fraction of failed requests or
// of time down, in [0, 1]) spends the error budget of the target: the error
// rate divided by 1 − target. A burn rate of 1 spends the budget exactly
// over the window.
func BurnRate(errorRate float64, target availability.Availability) (float64, error) {
	if math.IsNaN(errorRate) || errorRate < 0 || errorRate > 1 {
		return 0, inputErr("BurnRate", "errorRate", strconv.FormatFloat(errorRate, 'g', -1, 64), "is outside [0, 1]", ErrRange)
	}
	u := target.Unavailability()
	if u == 0 {
		if errorRate == 0 {
			return 0, nil
		}
		return math.Inf(1), nil
	}
	return errorRate / u, nil
}

// AlertPolicy is one row of a multi-window burn-rate alerting scheme: alert
// when BudgetShare of the window's budget is spent within Long, confirmed
// over Short.
type AlertPolicy struct {
	Severity    string        // e.g. "page" or "ticket"
	BudgetShare float64       // fraction of the window's budget, e.g. 0.02 for 2%
	Long        time.Duration // the long alert window, e.g. 1h
	Short       time.Duration // the short window that confirms the burn is still going on, e.g. 5m
}

// DefaultAlertPolicies returns the scheme of the Google SRE Workbook
// ("Alerting on SLOs"): page on 2% of the budget in 1 h (5 m short window)
// or 5% in 6 h (30 m); open a ticket on 10% in 1 d (2 h) or 10% in 3 d (6 h).
func DefaultAlertPolicies() []AlertPolicy {
	return []AlertPolicy{
		{Severity: "page", BudgetShare: 0.02, Long: time.Hour, Short: 5 * time.Minute},
		{Severity: "page", BudgetShare: 0.05, Long: 6 * time.Hour, Short: 30 * time.Minute},
		{Severity: "ticket", BudgetShare: 0.10, Long: 24 * time.Hour, Short: 2 * time.Hour},
		{Severity: "ticket", BudgetShare: 0.10, Long: 72 * time.Hour, Short: 6 * time.Hour},
	}
}

// BurnRateAlert is an AlertPolicy resolved for one objective.
type BurnRateAlert struct {
	AlertPolicy
	// Factor is the burn-rate threshold: BudgetShare × window / Long. For
	// a 30-day window and the default policies: 14.4, 6, 3 and 1.
	Factor float64
	// ErrorRate is the error-rate threshold as a fraction: Factor × (1 −
	// target). Alert when the error rate over both Long and Short exceeds
	// it.
	ErrorRate float64
}

// BurnRateAlerts resolves the policies for a target over a window of the
// given length (the objective's window, e.g. 30 days). Every policy's
// share must lie in (0, 1] and its windows must be positive, with Short ≤
// Long ≤ window.
func BurnRateAlerts(target availability.Availability, window time.Duration, policies []AlertPolicy) ([]BurnRateAlert, error) {
	const fn = "BurnRateAlerts"
	var errs []error
	if window <= 0 {
		errs = append(errs, inputErr(fn, "window", window.String(), "is not positive", ErrDuration))
	}
	out := make([]BurnRateAlert, 0, len(policies))
	for i, p := range policies {
		f := func(s string) string { return fmt.Sprintf("policies[%d].%s", i, s) }
		ok := true
		if math.IsNaN(p.BudgetShare) || p.BudgetShare <= 0 || p.BudgetShare > 1 {
			errs = append(errs, inputErr(fn, f("budgetShare"), strconv.FormatFloat(p.BudgetShare, 'g', -1, 64), "is outside (0, 1]", ErrRange))
			ok = false
		}
		if p.Long <= 0 || (window > 0 && p.Long > window) {
			errs = append(errs, inputErr(fn, f("long"), p.Long.String(), "is not in (0, window]", ErrDuration))
			ok = false
		}
		if p.Short <= 0 || p.Short > p.Long {
			errs = append(errs, inputErr(fn, f("short"), p.Short.String(), "is not in (0, long]", ErrDuration))
			ok = false
		}
		if ok && window > 0 {
			factor := p.BudgetShare * float64(window) / float64(p.Long)
			out = append(out, BurnRateAlert{AlertPolicy: p, Factor: factor, ErrorRate: factor * target.Unavailability()})
		}
	}
	if len(errs) > 0 {
		return nil, joinCapped(fn, errs, 0)
	}
	return out, nil
}
