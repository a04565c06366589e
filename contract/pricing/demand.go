package pricing

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/slacalc/slacalc/contract/money"

	"gonum.org/v1/gonum/stat/distuv"
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

// Distribution is a probability distribution of a non-negative quantity,
// the hours of work per incident or the units used per month; its unit is
// the unit of the field that holds it. It is a value, sampled through
// gonum's [distuv] with a seeded source. The zero Distribution is the
// constant 0.
type Distribution struct {
	kind distKind
	a, b float64 // the constructor's parameters
}

type distKind uint8

const (
	distFixed distKind = iota
	distExponential
	distLogNormal
	distGamma
	distPoisson
)

// Fixed returns the distribution that is always v.
func Fixed(v float64) Distribution { return Distribution{kind: distFixed, a: v} }

// Exponential returns the exponential distribution with the given mean
// (rate 1/mean): many short jobs, a few long ones.
func Exponential(mean float64) Distribution { return Distribution{kind: distExponential, a: mean} }

// LogNormal returns the log-normal distribution with the given mean and
// standard deviation (not the μ and σ of the underlying normal, which are
// σ² = ln(1 + sd²/mean²) and μ = ln(mean) − σ²/2): a long right tail, the
// usual shape of repair times.
func LogNormal(mean, sd float64) Distribution {
	return Distribution{kind: distLogNormal, a: mean, b: sd}
}

// Gamma returns the gamma distribution with the given shape k and mean
// (rate k/mean); shape 1 is [Exponential].
func Gamma(shape, mean float64) Distribution { return Distribution{kind: distGamma, a: shape, b: mean} }

// Poisson returns the Poisson distribution with the given mean: counts of
// independent events, such as units used.
func Poisson(mean float64) Distribution { return Distribution{kind: distPoisson, a: mean} }

// Mean returns the distribution's mean.
func (d Distribution) Mean() float64 {
	if d.kind == distGamma {
		return d.b
	}
	return d.a
}

// Variance returns the distribution's variance.
func (d Distribution) Variance() float64 {
	switch d.kind {
	case distExponential:
		return d.a * d.a
	case distLogNormal:
		return d.b * d.b
	case distGamma:
		return d.b * d.b / d.a
	case distPoisson:
		return d.a
	}
	return 0
}

// String describes the distribution, e.g. "lognormal(mean 3, sd 2)".
func (d Distribution) String() string {
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	switch d.kind {
	case distExponential:
		return "exponential(mean " + g(d.a) + ")"
	case distLogNormal:
		return "lognormal(mean " + g(d.a) + ", sd " + g(d.b) + ")"
	case distGamma:
		return "gamma(shape " + g(d.a) + ", mean " + g(d.b) + ")"
	case distPoisson:
		return "poisson(mean " + g(d.a) + ")"
	}
	return "fixed(" + g(d.a) + ")"
}

func (d Distribution) validate(typ, field string) error {
	var errs []error
	check := func(name string, x float64, positive bool) {
		switch {
		case math.IsNaN(x) || math.IsInf(x, 0):
			errs = append(errs, fieldErr(typ, field+"."+name, strconv.FormatFloat(x, 'g', -1, 64), "must be finite", money.ErrRange))
		case positive && x <= 0:
			errs = append(errs, fieldErr(typ, field+"."+name, strconv.FormatFloat(x, 'g', -1, 64), "must be positive", money.ErrRange))
		case x < 0:
			errs = append(errs, fieldErr(typ, field+"."+name, strconv.FormatFloat(x, 'g', -1, 64), "must not be negative", money.ErrRange))
		}
	}
	switch d.kind {
	case distFixed, distPoisson:
		check("mean", d.a, false)
	case distExponential:
		check("mean", d.a, true)
	case distLogNormal:
		check("mean", d.a, true)
		check("sd", d.b, false)
	case distGamma:
		check("shape", d.a, true)
		check("mean", d.b, true)
	}
	return joinErrs(errs)
}

// sample draws one value with src.
func (d Distribution) sample(src rand.Source) float64 {
	switch d.kind {
	case distExponential:
		return distuv.Exponential{Rate: 1 / d.a, Src: src}.Rand()
	case distLogNormal:
		mu, sigma := d.logNormalParams()
		return distuv.LogNormal{Mu: mu, Sigma: sigma, Src: src}.Rand()
	case distGamma:
		return distuv.Gamma{Alpha: d.a, Beta: d.a / d.b, Src: src}.Rand()
	case distPoisson:
		if d.a == 0 {
			return 0
		}
		return distuv.Poisson{Lambda: d.a, Src: src}.Rand()
	}
	return d.a
}

func (d Distribution) logNormalParams() (mu, sigma float64) {
	s2 := math.Log1p(d.b * d.b / (d.a * d.a))
	return math.Log(d.a) - s2/2, math.Sqrt(s2)
}

// survival returns P(X > x).
func (d Distribution) survival(x float64) float64 {
	switch d.kind {
	case distExponential:
		return distuv.Exponential{Rate: 1 / d.a}.Survival(x)
	case distLogNormal:
		mu, sigma := d.logNormalParams()
		return distuv.LogNormal{Mu: mu, Sigma: sigma}.Survival(x)
	case distGamma:
		return distuv.Gamma{Alpha: d.a, Beta: d.a / d.b}.Survival(x)
	case distPoisson:
		return distuv.Poisson{Lambda: d.a}.Survival(x)
	}
	if d.a > x {
		return 1
	}
	return 0
}

// DemandProfile describes what a customer is expected to need, as
// distributions: incidents arrive as a Poisson process, each takes a
// random number of hours, and usage per month is random. [Compare]
// simulates spans of it; [BreakEven] varies its incident rate.
type DemandProfile struct {
	IncidentsPerYear float64      `json:"incidentsPerYear"`       // the Poisson rate λ of incidents (corrective jobs), per year, ≥ 0
	HoursPerIncident Distribution `json:"hoursPerIncident"`       // hours of work per incident
	UnitsPerMonth    Distribution `json:"unitsPerMonth,omitzero"` // units used per month, for pay-per-use; rounded to whole units
	Months           int          `json:"months,omitempty"`       // the span simulated and priced; 0 means 12 (a year)
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
	if err := p.HoursPerIncident.validate("DemandProfile", "HoursPerIncident"); err != nil {
		errs = append(errs, err)
	}
	if err := p.UnitsPerMonth.validate("DemandProfile", "UnitsPerMonth"); err != nil {
		errs = append(errs, err)
	}
	if p.Months < 0 {
		errs = append(errs, fieldErr("DemandProfile", "Months", strconv.Itoa(p.Months), "must not be negative", money.ErrRange))
	}
	return joinErrs(errs)
}

// maxIncidentsPerYear bounds the simulated incident rate, so that a span's
// jobs fit in memory.
const maxIncidentsPerYear = 1e5

// ParseDistribution parses the form [Distribution.String] writes:
// "fixed(1.5)", "exponential(mean 2)", "lognormal(mean 1.5, sd 1.2)",
// "gamma(shape 2, mean 3)" or "poisson(mean 40)". It checks the syntax,
// not the parameters' ranges, which [DemandProfile.Validate] checks.
func ParseDistribution(s string) (Distribution, error) {
	bad := func(msg string) (Distribution, error) {
		return Distribution{}, parseErr("ParseDistribution", s, msg, money.ErrSyntax)
	}
	name, rest, ok := strings.Cut(s, "(")
	if !ok || !strings.HasSuffix(rest, ")") {
		return bad("want name(parameters)")
	}
	args := strings.Split(rest[:len(rest)-1], ", ")
	var keys []string
	var d Distribution
	switch name {
	case "fixed":
		d.kind = distFixed
	case "exponential":
		d.kind, keys = distExponential, []string{"mean"}
	case "lognormal":
		d.kind, keys = distLogNormal, []string{"mean", "sd"}
	case "gamma":
		d.kind, keys = distGamma, []string{"shape", "mean"}
	case "poisson":
		d.kind, keys = distPoisson, []string{"mean"}
	default:
		return bad("unknown distribution " + strconv.Quote(name))
	}
	if d.kind == distFixed {
		keys = []string{""}
	}
	if len(args) != len(keys) {
		return bad(name + " takes " + strconv.Itoa(len(keys)) + " parameters")
	}
	params := []*float64{&d.a, &d.b}
	for i, arg := range args {
		if keys[i] != "" {
			v, ok := strings.CutPrefix(arg, keys[i]+" ")
			if !ok {
				return bad("want " + strconv.Quote(keys[i]) + " as parameter " + strconv.Itoa(i+1))
			}
			arg = v
		}
		x, err := strconv.ParseFloat(arg, 64)
		if err != nil {
			return bad("bad number " + strconv.Quote(arg))
		}
		*params[i] = x
	}
	return d, nil
}

// MarshalText implements [encoding.TextMarshaler] with the form of
// [Distribution.String], which keeps every parameter exactly.
func (d Distribution) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler] with
// [ParseDistribution].
func (d *Distribution) UnmarshalText(text []byte) error {
	v, err := ParseDistribution(string(text))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
