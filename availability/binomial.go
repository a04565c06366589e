package availability

import (
	"math"

	"github.com/slacalc/slacalc/internal/fsum"
)

// This file evaluates binomial probabilities to near full float64 relative
// precision with the saddle-point expansion of C. Loader, "Fast and Accurate
// Computation of Binomial Probabilities" (2000):
//
//	P(X = x) = exp(δ(n) − δ(x) − δ(n−x) − D(x, n·p) − D(n−x, n·q)) / √(2π·x·(n−x)/n)
//
// where δ is the error of Stirling's formula for log n! and D(x, m) =
// x·log(x/m) + m − x is the deviance term, computed by a series when x is
// close to m so that it suffers no cancellation. Every term in the exponent
// is non-negative or tiny, so the result is accurate to a few units of
// 10⁻¹⁶ relative whenever it is representable.

const ln2Pi = 1.8378770664093454835606594728112352797227949472755668

// stirlingSmall[n] is δ(n) = log n! − (n+½)·log n + n − ½·log 2π for n ≤ 15,
// from math.Lgamma, whose absolute error there is below 10⁻¹⁵.
var stirlingSmall = func() [16]float64 {
	var t [16]float64
	for n := 1; n < len(t); n++ {
		lg, _ := math.Lgamma(float64(n) + 1)
		x := float64(n)
		t[n] = lg - (x+0.5)*math.Log(x) + x - ln2Pi/2
	}
	return t
}()

// stirlerr returns δ(n) for n ≥ 1 by the table or the asymptotic series
// 1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷) + 1/(1188n⁹).
func stirlerr(n int) float64 {
	if n < len(stirlingSmall) {
		return stirlingSmall[n]
	}
	const (
		s0 = 1.0 / 12
		s1 = 1.0 / 360
		s2 = 1.0 / 1260
		s3 = 1.0 / 1680
		s4 = 1.0 / 1188
	)
	x := float64(n)
	nn := x * x
	switch {
	case n > 500:
		return (s0 - s1/nn) / x
	case n > 80:
		return (s0 - (s1-s2/nn)/nn) / x
	case n > 35:
		return (s0 - (s1-(s2-s3/nn)/nn)/nn) / x
	}
	return (s0 - (s1-(s2-(s3-s4/nn)/nn)/nn)/nn) / x
}

// deviance returns D(x, m) = x·log(x/m) + m − x ≥ 0.
func deviance(x, m float64) float64 {
	if math.Abs(x-m) < 0.1*(x+m) {
		v := (x - m) / (x + m)
		s := (x - m) * v
		ej := 2 * x * v
		v2 := v * v
		for j := 1; j < 1000; j++ {
			ej *= v2
			s1 := s + ej/float64(2*j+1)
			if s1 == s {
				return s1
			}
			s = s1
		}
		return s
	}
	return x*math.Log(x/m) + m - x
}

// binomialPMF returns P(X = x) for X ~ Binomial(n, p), with q = 1 − p passed
// separately so that neither loses precision.
func binomialPMF(x, n int, p, q float64) float64 {
	switch {
	case p == 0:
		if x == 0 {
			return 1
		}
		return 0
	case q == 0:
		if x == n {
			return 1
		}
		return 0
	case x == 0:
		return math.Exp(float64(n) * logComplement(q, p))
	case x == n:
		return math.Exp(float64(n) * logComplement(p, q))
	}
	fn, fx := float64(n), float64(x)
	lc := stirlerr(n) - stirlerr(x) - stirlerr(n-x) - deviance(fx, fn*p) - deviance(fn-fx, fn*q)
	lf := ln2Pi + math.Log(fx) + math.Log1p(-fx/fn)
	return math.Exp(lc - 0.5*lf)
}

// logComplement returns log(a) where a = 1 − b, using log1p(−b) when b is
// the more precise of the two.
func logComplement(a, b float64) float64 {
	if b < 0.5 {
		return math.Log1p(-b)
	}
	return math.Log(a)
}

// binomialUpperTail returns P(X ≥ c) for X ~ Binomial(n, q), 1 ≤ c ≤ n.
// When c lies above the mean, the terms fall from x = c on and the sum stops
// once the geometric bound on the rest is below 10⁻¹⁷ of the sum. Otherwise
// the tail holds the bulk of the distribution (the result is at least about
// 0.3, so 1 − L loses no relative precision) and it returns 1 − P(X < c),
// summed downward from c − 1 in the same way.
func binomialUpperTail(n, c int, q float64) float64 {
	p := 1 - q
	switch {
	case q == 0:
		return 0
	case q == 1:
		return 1
	}
	var s fsum.Acc
	if float64(c) > float64(n)*q {
		for x := c; x <= n; x++ {
			t := binomialPMF(x, n, q, p)
			s.Add(t)
			// Ratio of the next term to this one; it only decreases.
			r := float64(n-x) / float64(x+1) * q / p
			if r < 1 && t*r/(1-r) <= 1e-17*s.Value() {
				break
			}
		}
		return clamp01(s.Value())
	}
	for x := c - 1; x >= 0; x-- {
		t := binomialPMF(x, n, q, p)
		s.Add(t)
		r := float64(x) / float64(n-x+1) * p / q
		if r < 1 && t*r/(1-r) <= 1e-17*s.Value() {
			break
		}
	}
	return clamp01(1 - s.Value())
}
