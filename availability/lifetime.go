package availability

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"gonum.org/v1/gonum/stat/distuv"
)

// Lifetime is the distribution of a duration in a component's life: its time
// to failure or its time to repair. Implementations must be safe for
// concurrent use; the randomness comes from the source passed to Sample.
type Lifetime interface {
	// Sample draws one duration using src.
	Sample(src rand.Source) time.Duration
	// Mean returns the distribution's mean.
	Mean() time.Duration
	// String describes the distribution, e.g. "exponential(mean 720h0m0s)".
	String() string
}

// ErrLifetime reports a lifetime distribution with invalid parameters.
var ErrLifetime = errors.New("invalid lifetime distribution")

// Exponential returns the memoryless lifetime with the given mean, the
// default for failures and repairs (a constant failure rate 1/mean).
func Exponential(mean time.Duration) (Lifetime, error) {
	if mean <= 0 {
		return nil, inputErr("Exponential", "mean", mean.String(), "is not positive", ErrLifetime)
	}
	return exponential{mean: mean}, nil
}

// Weibull returns the Weibull lifetime with shape k > 0 and scale λ > 0:
// P(T > t) = exp(−(t/λ)^k). Shape below 1 models infant mortality, above 1
// wear-out. Samples come from gonum's distuv.Weibull.
func Weibull(shape float64, scale time.Duration) (Lifetime, error) {
	if err := checkFloat("Weibull", "shape", shape, math.SmallestNonzeroFloat64, math.MaxFloat64, ""); err != nil {
		return nil, retag(err, ErrLifetime)
	}
	if scale <= 0 {
		return nil, inputErr("Weibull", "scale", scale.String(), "is not positive", ErrLifetime)
	}
	return weibull{k: shape, scale: scale}, nil
}

// LogNormal returns the lifetime whose natural logarithm, in hours, is
// normal with mean mu and standard deviation sigma > 0: the usual model of
// repair times, with a long right tail. Samples come from gonum's
// distuv.LogNormal.
func LogNormal(mu, sigma float64) (Lifetime, error) {
	if err := checkFloat("LogNormal", "mu", mu, -math.MaxFloat64, math.MaxFloat64, ""); err != nil {
		return nil, retag(err, ErrLifetime)
	}
	if err := checkFloat("LogNormal", "sigma", sigma, math.SmallestNonzeroFloat64, math.MaxFloat64, ""); err != nil {
		return nil, retag(err, ErrLifetime)
	}
	return logNormal{mu: mu, sigma: sigma}, nil
}

// Gamma returns the gamma lifetime with shape α > 0 and the given scale
// (mean α·scale). Samples come from gonum's distuv.Gamma.
func Gamma(shape float64, scale time.Duration) (Lifetime, error) {
	if err := checkFloat("Gamma", "shape", shape, math.SmallestNonzeroFloat64, math.MaxFloat64, ""); err != nil {
		return nil, retag(err, ErrLifetime)
	}
	if scale <= 0 {
		return nil, inputErr("Gamma", "scale", scale.String(), "is not positive", ErrLifetime)
	}
	return gammaLife{alpha: shape, scale: scale}, nil
}

// Fixed returns a lifetime that always lasts d > 0: useful for hand-checked
// cases (every repair takes exactly one hour) and for scheduled work.
func Fixed(d time.Duration) (Lifetime, error) {
	if d <= 0 {
		return nil, inputErr("Fixed", "duration", d.String(), "is not positive", ErrLifetime)
	}
	return fixed{d: d}, nil
}

func retag(err error, sentinel error) error {
	if ie, ok := err.(*InputError); ok {
		c := *ie
		c.Err = sentinel
		return &c
	}
	return err
}

// hours converts a sample in hours to a Duration, saturating at the largest
// Duration (about 292 years) instead of overflowing.
func hours(h float64) time.Duration {
	ns := h * float64(time.Hour)
	if ns >= math.MaxInt64 {
		return math.MaxInt64
	}
	return time.Duration(ns)
}

type exponential struct{ mean time.Duration }

// Sample uses the standard library's ziggurat exponential sampler, which
// draws from the same distribution as distuv.Exponential without building a
// generator per call.
func (e exponential) Sample(src rand.Source) time.Duration {
	return hours(rand.New(src).ExpFloat64() * e.mean.Hours())
}
func (e exponential) Mean() time.Duration { return e.mean }
func (e exponential) String() string      { return "exponential(mean " + e.mean.String() + ")" }

type weibull struct {
	k     float64
	scale time.Duration
}

func (w weibull) Sample(src rand.Source) time.Duration {
	return hours(distuv.Weibull{K: w.k, Lambda: w.scale.Hours(), Src: src}.Rand())
}
func (w weibull) Mean() time.Duration {
	return hours(distuv.Weibull{K: w.k, Lambda: w.scale.Hours()}.Mean())
}
func (w weibull) String() string {
	return "weibull(shape " + strconv.FormatFloat(w.k, 'g', -1, 64) + ", scale " + w.scale.String() + ")"
}

type logNormal struct{ mu, sigma float64 }

func (l logNormal) Sample(src rand.Source) time.Duration {
	return hours(distuv.LogNormal{Mu: l.mu, Sigma: l.sigma, Src: src}.Rand())
}
func (l logNormal) Mean() time.Duration {
	return hours(distuv.LogNormal{Mu: l.mu, Sigma: l.sigma}.Mean())
}
func (l logNormal) String() string {
	return "lognormal(mu " + strconv.FormatFloat(l.mu, 'g', -1, 64) + ", sigma " + strconv.FormatFloat(l.sigma, 'g', -1, 64) + ")"
}

type gammaLife struct {
	alpha float64
	scale time.Duration
}

func (g gammaLife) Sample(src rand.Source) time.Duration {
	return hours(distuv.Gamma{Alpha: g.alpha, Beta: 1 / g.scale.Hours(), Src: src}.Rand())
}
func (g gammaLife) Mean() time.Duration { return hours(g.alpha * g.scale.Hours()) }
func (g gammaLife) String() string {
	return "gamma(shape " + strconv.FormatFloat(g.alpha, 'g', -1, 64) + ", scale " + g.scale.String() + ")"
}

type fixed struct{ d time.Duration }

func (f fixed) Sample(rand.Source) time.Duration { return f.d }
func (f fixed) Mean() time.Duration              { return f.d }
func (f fixed) String() string                   { return "fixed(" + f.d.String() + ")" }
