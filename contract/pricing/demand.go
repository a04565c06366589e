package pricing

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/contract/money"
)

// WorkKind is the kind of service work a job is, after the four kinds of
// maintenance: corrective work fixes what broke (an incident), preventive
// work inspects while all works, perfective work keeps things running as
// circumstances change, adaptive work adds new functions. The zero
// WorkKind is [Corrective].
type WorkKind uint8

// The kinds of work.
const (
	Corrective WorkKind = iota // fix what broke: an incident
	Preventive                 // inspect and maintain although all works
	Perfective                 // keep things running as circumstances change
	Adaptive                   // extend with new functions
)

var workKindNames = [...]string{"corrective", "preventive", "perfective", "adaptive"}

// String returns the kind's name: "corrective", "preventive", "perfective"
// or "adaptive".
func (k WorkKind) String() string {
	if int(k) < len(workKindNames) {
		return workKindNames[k]
	}
	return "WorkKind(" + strconv.Itoa(int(k)) + ")"
}

// IsValid reports whether k is one of the declared kinds of work.
func (k WorkKind) IsValid() bool { return int(k) < len(workKindNames) }

// MarshalText implements [encoding.TextMarshaler] with the names of
// [WorkKind.String].
func (k WorkKind) MarshalText() ([]byte, error) {
	if int(k) >= len(workKindNames) {
		return nil, fieldErr("WorkKind", "value", k.String(), "is not a declared kind", money.ErrRange)
	}
	return []byte(k.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (k *WorkKind) UnmarshalText(text []byte) error {
	for i, n := range workKindNames {
		if n == string(text) {
			*k = WorkKind(i)
			return nil
		}
	}
	return parseErr("WorkKind.UnmarshalText", string(text), "not a kind of work", money.ErrSyntax)
}

// Job is one piece of service work that was done: an incident that was
// fixed, an inspection, a change.
type Job struct {
	Month int           // the month of the span in which it was done, from 0
	Kind  WorkKind      // what kind of work it was; the zero value is an incident
	Work  time.Duration // how long the work took, before any billing increment
}

// RealisedDemand is what a customer actually needed over a span: the jobs
// done, in the order they were done, and the units used each month. It is
// what a [Plan] prices.
type RealisedDemand struct {
	Months int     // the span in whole months, at least 1 (12 for a year)
	Jobs   []Job   // in order of Month
	Units  []int64 // units used in each month (users, GB, participants); nil or one per month
}

// Validate reports every invalid field at once: a span under one month, a
// job outside the span, out of month order, with negative work or an
// undeclared kind, a units list of the wrong length or negative units.
func (d RealisedDemand) Validate() error {
	var errs []error
	if d.Months < 1 {
		errs = append(errs, fieldErr("RealisedDemand", "Months", strconv.Itoa(d.Months), "must be at least 1", money.ErrRange))
	}
	for i, j := range d.Jobs {
		f := "Jobs[" + strconv.Itoa(i) + "]"
		if j.Month < 0 || j.Month >= max(d.Months, 1) {
			errs = append(errs, fieldErr("RealisedDemand", f+".Month", strconv.Itoa(j.Month), "is outside the span", money.ErrRange))
		} else if i > 0 && j.Month < d.Jobs[i-1].Month {
			errs = append(errs, fieldErr("RealisedDemand", f+".Month", strconv.Itoa(j.Month), "is before the previous job's month", money.ErrRange))
		}
		if j.Work < 0 {
			errs = append(errs, fieldErr("RealisedDemand", f+".Work", j.Work.String(), "must not be negative", money.ErrRange))
		}
		if int(j.Kind) >= len(workKindNames) {
			errs = append(errs, fieldErr("RealisedDemand", f+".Kind", j.Kind.String(), "is not a declared kind", money.ErrRange))
		}
	}
	if d.Units != nil && len(d.Units) != d.Months {
		errs = append(errs, fieldErr("RealisedDemand", "Units", strconv.Itoa(len(d.Units))+" months", "must list every month of the span or be nil", money.ErrRange))
	}
	for i, u := range d.Units {
		if u < 0 {
			errs = append(errs, fieldErr("RealisedDemand", "Units["+strconv.Itoa(i)+"]", strconv.FormatInt(u, 10), "must not be negative", money.ErrRange))
		}
	}
	return joinErrs(errs)
}

// joinErrs is [errors.Join], except that a single error is returned as it is.
func joinErrs(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return errors.Join(errs...)
}

// DemandProfile describes what a customer is expected to need, as
// distributions: incidents arrive as a Poisson process, each takes a
// random number of hours, and usage per month is random. [Compare]
// simulates spans of it; [BreakEven] varies its incident rate.
type DemandProfile struct {
	IncidentsPerYear float64                   `json:"incidentsPerYear"`       // the Poisson rate λ of incidents (corrective jobs), per year, ≥ 0
	HoursPerIncident availability.Distribution `json:"hoursPerIncident"`       // hours of work per incident, in hours
	UnitsPerMonth    availability.Distribution `json:"unitsPerMonth,omitzero"` // units used per month, for pay-per-use; rounded to whole units
	Months           int                       `json:"months,omitempty"`       // the span simulated and priced; 0 means 12 (a year)
}

func (p DemandProfile) months() int {
	if p.Months == 0 {
		return 12
	}
	return p.Months
}

// Validate reports every invalid field at once: a negative or non-finite
// incident rate, invalid distribution parameters, a negative span.
func (p DemandProfile) Validate() error {
	var errs []error
	if math.IsNaN(p.IncidentsPerYear) || math.IsInf(p.IncidentsPerYear, 0) || p.IncidentsPerYear < 0 {
		errs = append(errs, fieldErr("DemandProfile", "IncidentsPerYear", strconv.FormatFloat(p.IncidentsPerYear, 'g', -1, 64), "must be a finite rate ≥ 0", money.ErrRange))
	}
	if p.IncidentsPerYear > maxIncidentsPerYear {
		errs = append(errs, fieldErr("DemandProfile", "IncidentsPerYear", strconv.FormatFloat(p.IncidentsPerYear, 'g', -1, 64), fmt.Sprintf("is above the simulated limit of %g", float64(maxIncidentsPerYear)), money.ErrRange))
	}
	errs = append(errs, checkDistribution("DemandProfile", "HoursPerIncident", p.HoursPerIncident)...)
	errs = append(errs, checkDistribution("DemandProfile", "UnitsPerMonth", p.UnitsPerMonth)...)
	if p.Months < 0 {
		errs = append(errs, fieldErr("DemandProfile", "Months", strconv.Itoa(p.Months), "must not be negative", money.ErrRange))
	}
	return joinErrs(errs)
}

// maxIncidentsPerYear bounds the simulated incident rate, so that a span's
// jobs fit in memory.
const maxIncidentsPerYear = 1e5

// checkDistribution reports the invalid parameters of d, the field of a
// value of type typ, as fields of it ("HoursPerIncident.mean").
func checkDistribution(typ, field string, d availability.Distribution) []error {
	var out []error
	for _, e := range unjoinErrs(d.Validate()) {
		var ie *availability.InputError
		if errors.As(e, &ie) {
			_, param, _ := strings.Cut(ie.Field, ".")
			out = append(out, &availability.InputError{Func: "pricing", Field: typ + "." + field + "." + param, Value: ie.Value, Reason: ie.Reason, Err: ErrRange, Cause: ie})
			continue
		}
		out = append(out, e)
	}
	return out
}

// unjoinErrs returns the errors joined in err, or err alone.
func unjoinErrs(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		if _, one := err.(*availability.InputError); !one {
			return j.Unwrap()
		}
	}
	return []error{err}
}
