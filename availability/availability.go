package availability

import (
	"math"
	"math/big"
	"strconv"
	"time"
)

// Availability is the long-run fraction of time a service is up, stored as
// its complement, the unavailability U = 1 − A, in a float64.
//
// Storing U keeps high availabilities exact to float64's relative precision:
// 99.9999999999% is U = 10⁻¹², held to 16 significant digits, whereas the
// float64 nearest to 0.999999999999 carries only four correct digits of U.
// Availability is immutable and comparable with ==; two values are equal
// exactly when their unavailabilities are.
//
// The zero Availability is 100% (U = 0): a part that never fails.
type Availability struct {
	u float64 // unavailability, always in [0, 1], never NaN
}

// Perfect is 100% availability, the zero value.
var Perfect = Availability{}

// Never is 0% availability: a part that is never up.
var Never = Availability{u: 1}

// FromPercent returns the availability p percent, with p in [0, 100].
//
// The float64 p is read as the shortest decimal that identifies it, which is
// how it was almost certainly written: FromPercent(99.9999999999) has exactly
// the unavailability 10⁻¹² rounded once, as [Parse]("99.9999999999%") does,
// although the float64 literal itself differs from 99.9999999999 by 10⁻¹⁴.
func FromPercent(p float64) (Availability, error) {
	if err := checkFloat("FromPercent", "percent", p, 0, 100, "%"); err != nil {
		return Availability{}, err
	}
	return Availability{u: complementOfDecimal(p, 100)}, nil
}

// complementOfDecimal returns (max − d)/max rounded once, where d is the
// shortest decimal that identifies x.
func complementOfDecimal(x float64, max int64) float64 {
	d, _ := new(big.Rat).SetString(strconv.FormatFloat(x, 'g', -1, 64))
	m := big.NewRat(max, 1)
	d.Sub(m, d)
	d.Quo(d, m)
	f, _ := d.Float64()
	return f
}

// FromFraction returns the availability a, with a in [0, 1]. Like
// [FromPercent] it reads a as the shortest decimal that identifies it, so
// FromFraction(0.999999999999) has the unavailability 10⁻¹² rounded once.
// Use [FromUnavailability] when the unavailability itself is at hand.
func FromFraction(a float64) (Availability, error) {
	if err := checkFloat("FromFraction", "fraction", a, 0, 1, ""); err != nil {
		return Availability{}, err
	}
	return Availability{u: complementOfDecimal(a, 1)}, nil
}

// FromUnavailability returns the availability 1 − u, with u in [0, 1]. It is
// the lossless constructor: every float64 in [0, 1] is kept exactly.
func FromUnavailability(u float64) (Availability, error) {
	if err := checkFloat("FromUnavailability", "unavailability", u, 0, 1, ""); err != nil {
		return Availability{}, err
	}
	return Availability{u: u}, nil
}

// FromNines returns the availability with n nines, 1 − 10⁻ⁿ, for n ≥ 0.
// Fractional nines are allowed: 3.5 nines is 1 − 10^−3.5 ≈ 99.968%. Nines
// beyond float64's range (n > 323) give an unavailability that rounds to 0.
func FromNines(n float64) (Availability, error) {
	if err := checkFloat("FromNines", "nines", n, 0, math.MaxFloat64, ""); err != nil {
		return Availability{}, err
	}
	return Availability{u: math.Pow(10, -n)}, nil
}

// FromMTBF returns the steady-state availability MTBF/(MTBF + MTTR) of a part
// that runs for a mean time between failures mtbf and then takes a mean time
// to repair mttr. Here MTBF is the mean up time (some texts call it MTTF);
// the result depends only on the ratio of the two means, not on their
// distributions. mtbf must be positive and mttr non-negative.
func FromMTBF(mtbf, mttr time.Duration) (Availability, error) {
	if mtbf <= 0 {
		return Availability{}, inputErr("FromMTBF", "mtbf", mtbf.String(), "is not positive", ErrDuration)
	}
	if mttr < 0 {
		return Availability{}, inputErr("FromMTBF", "mttr", mttr.String(), "is negative", ErrDuration)
	}
	return Availability{u: ratio(int64(mttr), int64(mtbf)+int64(mttr), mtbf, mttr)}, nil
}

// FromDowntime returns the availability of a period that contained the given
// downtime: 1 − downtime/period. The period must be positive and the
// downtime must lie in [0, period].
func FromDowntime(downtime, period time.Duration) (Availability, error) {
	if period <= 0 {
		return Availability{}, inputErr("FromDowntime", "period", period.String(), "is not positive", ErrDuration)
	}
	if downtime < 0 {
		return Availability{}, inputErr("FromDowntime", "downtime", downtime.String(), "is negative", ErrDuration)
	}
	if downtime > period {
		return Availability{}, inputErr("FromDowntime", "downtime", downtime.String(), "is longer than the period "+period.String(), ErrDuration)
	}
	return Availability{u: ratio(int64(downtime), int64(period), 0, 0)}, nil
}

// ratio returns num/den correctly rounded. When the int64 sum den = a+b may
// have overflowed (a, b > 0), it is recomputed exactly with big integers.
func ratio(num, den int64, a, b time.Duration) float64 {
	const exact = 1 << 53 // integers below this convert to float64 exactly
	if num >= 0 && num < exact && den > 0 && den < exact {
		// IEEE division of two exact operands is correctly rounded.
		return float64(num) / float64(den)
	}
	r := new(big.Rat)
	if a > 0 && den < int64(a) { // overflow of mtbf+mttr
		d := new(big.Int).Add(big.NewInt(int64(a)), big.NewInt(int64(b)))
		r.SetFrac(big.NewInt(num), d)
	} else {
		r.SetFrac64(num, den)
	}
	f, _ := r.Float64()
	return f
}

// Must returns a when err is nil and panics otherwise. It is meant for
// literals in tests and examples: availability.Must(availability.FromPercent(99.9)).
func Must(a Availability, err error) Availability {
	if err != nil {
		panic(err)
	}
	return a
}

// Fraction returns the availability as a number in [0, 1].
func (a Availability) Fraction() float64 { return 1 - a.u }

// Percent returns the availability as a number in [0, 100].
func (a Availability) Percent() float64 { return 100 - 100*a.u }

// Unavailability returns 1 − A, the long-run fraction of time down, in
// [0, 1]. It carries the full precision of the value.
func (a Availability) Unavailability() float64 { return a.u }

// Nines returns −log₁₀(1 − A): 3 for 99.9%, 3.5 for about 99.968%. It is
// +Inf for 100% and 0 for 0%.
func (a Availability) Nines() float64 {
	if a.u == 0 {
		return math.Inf(1)
	}
	return -math.Log10(a.u)
}

// Downtime returns the downtime this availability allows over a period:
// U × period, rounded to the nearest nanosecond (halves away from zero). The
// product is computed exactly before rounding, so 99.9% over a 30-day month
// is exactly 43m12s. A negative period gives the negated result.
func (a Availability) Downtime(period time.Duration) time.Duration {
	if a.u == 0 || period == 0 {
		return 0
	}
	if a.u == 1 {
		return period
	}
	var x big.Float
	x.SetPrec(128).SetFloat64(a.u)
	var p big.Float
	p.SetPrec(128).SetInt64(int64(period))
	x.Mul(&x, &p) // exact: 53 + 63 bits fit in 128
	half := new(big.Float).SetPrec(128).SetFloat64(0.5)
	if x.Sign() < 0 {
		half.Neg(half)
	}
	x.Add(&x, half)   // exact at this precision
	n, _ := x.Int64() // truncates toward zero
	return time.Duration(n)
}

// Uptime returns period − Downtime(period).
func (a Availability) Uptime(period time.Duration) time.Duration {
	return period - a.Downtime(period)
}

// Compare returns −1 if a is less available than b, +1 if it is more
// available, and 0 if they are equal.
func (a Availability) Compare(b Availability) int {
	switch {
	case a.u > b.u:
		return -1
	case a.u < b.u:
		return 1
	}
	return 0
}
