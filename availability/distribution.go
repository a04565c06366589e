package availability

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/gonum/stat/distuv"
)

// ErrDistribution reports a distribution with invalid parameters.
var ErrDistribution = errors.New("invalid distribution")

// Distribution is the probability distribution of a non-negative quantity:
// a time to failure or to repair, the hours of work an incident takes, the
// units used in a month. It is the one vocabulary of distributions of the
// module, shared by the simulation of failures ([Process]) and the demand
// profiles of package pricing.
//
// Its unit is the unit of the field that holds it, and every such field
// says it: the lifetimes of a [Process] are in hours, like the hours of
// work per incident of a demand profile. Every constructor takes the
// parameters of the quantity itself, in that unit: [LogNormal] takes the
// mean and standard deviation of the quantity, not the μ and σ of its
// logarithm, and [Gamma] its shape and mean.
//
// A Distribution is a comparable value. The zero Distribution is the
// constant 0. Constructors do not check their parameters; [Distribution.Validate]
// does, and so does every function that takes a Distribution. Samples are
// drawn through gonum's [distuv] from the source given, so a seed fixes
// them.
type Distribution struct {
	kind distKind
	a, b float64 // the constructor's parameters
}

type distKind uint8

const (
	distFixed distKind = iota
	distExponential
	distWeibull
	distLogNormal
	distGamma
	distPoisson
)

// Fixed returns the distribution that is always v: useful for hand-checked
// cases (every repair takes exactly one hour) and scheduled work.
func Fixed(v float64) Distribution { return Distribution{kind: distFixed, a: v} }

// Exponential returns the memoryless distribution with the given mean
// (rate 1/mean): constant failure rates, many short jobs and a few long
// ones.
func Exponential(mean float64) Distribution { return Distribution{kind: distExponential, a: mean} }

// Weibull returns the Weibull distribution with shape k > 0 and scale
// λ > 0: P(X > x) = exp(−(x/λ)^k), with mean λ·Γ(1 + 1/k). A shape below
// 1 models infant mortality, above 1 wear-out.
func Weibull(shape, scale float64) Distribution {
	return Distribution{kind: distWeibull, a: shape, b: scale}
}

// LogNormal returns the log-normal distribution with the given mean and
// standard deviation of the quantity itself (the normal distribution of
// its logarithm has σ² = ln(1 + sd²/mean²) and μ = ln(mean) − σ²/2): a long
// right tail, the usual shape of repair times.
func LogNormal(mean, sd float64) Distribution {
	return Distribution{kind: distLogNormal, a: mean, b: sd}
}

// Gamma returns the gamma distribution with the given shape k and mean
// (scale mean/k); shape 1 is [Exponential].
func Gamma(shape, mean float64) Distribution { return Distribution{kind: distGamma, a: shape, b: mean} }

// Poisson returns the Poisson distribution with the given mean: counts of
// independent events, such as units used.
func Poisson(mean float64) Distribution { return Distribution{kind: distPoisson, a: mean} }

// Mean returns the distribution's mean.
func (d Distribution) Mean() float64 {
	switch d.kind {
	case distGamma:
		return d.b
	case distWeibull:
		return d.b * math.Gamma(1+1/d.a)
	}
	return d.a
}

// Variance returns the distribution's variance.
func (d Distribution) Variance() float64 {
	switch d.kind {
	case distExponential:
		return d.a * d.a
	case distWeibull:
		g1, g2 := math.Gamma(1+1/d.a), math.Gamma(1+2/d.a)
		return d.b * d.b * (g2 - g1*g1)
	case distLogNormal:
		return d.b * d.b
	case distGamma:
		return d.b * d.b / d.a
	case distPoisson:
		return d.a
	}
	return 0
}

// Constant returns the value of a [Fixed] distribution and true, or 0 and
// false for any other.
func (d Distribution) Constant() (float64, bool) {
	if d.kind == distFixed {
		return d.a, true
	}
	return 0, false
}

// PoissonMean returns the mean of a [Poisson] distribution and true, or 0
// and false for any other.
func (d Distribution) PoissonMean() (float64, bool) {
	if d.kind == distPoisson {
		return d.a, true
	}
	return 0, false
}

// String describes the distribution in the form [ParseDistribution]
// reads, e.g. "lognormal(mean 3, sd 2)", keeping every parameter exactly.
func (d Distribution) String() string {
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	switch d.kind {
	case distExponential:
		return "exponential(mean " + g(d.a) + ")"
	case distWeibull:
		return "weibull(shape " + g(d.a) + ", scale " + g(d.b) + ")"
	case distLogNormal:
		return "lognormal(mean " + g(d.a) + ", sd " + g(d.b) + ")"
	case distGamma:
		return "gamma(shape " + g(d.a) + ", mean " + g(d.b) + ")"
	case distPoisson:
		return "poisson(mean " + g(d.a) + ")"
	}
	return "fixed(" + g(d.a) + ")"
}

// Validate reports every invalid parameter at once: a NaN or infinite
// one, a negative one, or one that must be positive and is not (every mean
// but that of Fixed and Poisson, every shape and scale).
func (d Distribution) Validate() error { return d.validate("Distribution.Validate", "distribution") }

func (d Distribution) validate(fn, field string) error {
	var errs []error
	check := func(name string, x float64, positive bool) {
		switch {
		case math.IsNaN(x) || math.IsInf(x, 0):
			errs = append(errs, inputErr(fn, field+"."+name, fmtFloat(x), "must be finite", ErrDistribution))
		case positive && x <= 0:
			errs = append(errs, inputErr(fn, field+"."+name, fmtFloat(x), "must be positive", ErrDistribution))
		case x < 0:
			errs = append(errs, inputErr(fn, field+"."+name, fmtFloat(x), "must not be negative", ErrDistribution))
		}
	}
	switch d.kind {
	case distFixed, distPoisson:
		check("mean", d.a, false)
	case distExponential:
		check("mean", d.a, true)
	case distWeibull:
		check("shape", d.a, true)
		check("scale", d.b, true)
	case distLogNormal:
		check("mean", d.a, true)
		check("sd", d.b, false)
	case distGamma:
		check("shape", d.a, true)
		check("mean", d.b, true)
	}
	return errors.Join(errs...)
}

// Sample draws one value with src.
func (d Distribution) Sample(src rand.Source) float64 {
	switch d.kind {
	case distExponential:
		// The standard library's ziggurat sampler draws from the same
		// distribution as distuv.Exponential without a generator per call.
		return rand.New(src).ExpFloat64() * d.a
	case distWeibull:
		return distuv.Weibull{K: d.a, Lambda: d.b, Src: src}.Rand()
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

// Survival returns P(X > x).
func (d Distribution) Survival(x float64) float64 {
	switch d.kind {
	case distExponential:
		return distuv.Exponential{Rate: 1 / d.a}.Survival(x)
	case distWeibull:
		return distuv.Weibull{K: d.a, Lambda: d.b}.Survival(x)
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

// sampleHours draws one value of a distribution in hours as a Duration,
// saturating at the largest Duration (about 292 years) instead of
// overflowing.
func (d Distribution) sampleHours(src rand.Source) time.Duration { return hours(d.Sample(src)) }

// hours converts a number of hours to a Duration, saturating at the
// largest Duration.
func hours(h float64) time.Duration {
	ns := h * float64(time.Hour)
	if ns >= math.MaxInt64 {
		return math.MaxInt64
	}
	return time.Duration(ns)
}

// ParseDistribution parses the form [Distribution.String] writes:
// "fixed(1.5)", "exponential(mean 2)", "weibull(shape 1.5, scale 800)",
// "lognormal(mean 1.5, sd 1.2)", "gamma(shape 2, mean 3)" or
// "poisson(mean 40)". It checks the syntax, not the parameters' ranges,
// which [Distribution.Validate] checks.
func ParseDistribution(s string) (Distribution, error) {
	bad := func(msg string) (Distribution, error) {
		return Distribution{}, &InputError{Func: "availability.ParseDistribution", Value: strconv.Quote(s), Reason: msg, Err: ErrSyntax}
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
		d.kind, keys = distFixed, []string{""}
	case "exponential":
		d.kind, keys = distExponential, []string{"mean"}
	case "weibull":
		d.kind, keys = distWeibull, []string{"shape", "scale"}
	case "lognormal":
		d.kind, keys = distLogNormal, []string{"mean", "sd"}
	case "gamma":
		d.kind, keys = distGamma, []string{"shape", "mean"}
	case "poisson":
		d.kind, keys = distPoisson, []string{"mean"}
	default:
		return bad("unknown distribution " + strconv.Quote(name) + "; want fixed, exponential, weibull, lognormal, gamma or poisson")
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
// [Distribution.String].
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
