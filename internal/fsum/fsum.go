// Package fsum provides error-free (double-double) accumulation of float64
// sums, so that long sums of probabilities and logarithms keep their precision
// whatever their length.
//
// An [Acc] carries the running sum as an unevaluated pair hi+lo with |lo| ≤
// ulp(hi)/2, updated with Knuth's TwoSum. The error of the final [Acc.Value]
// is at most one rounding of the exact sum plus n·2⁻¹⁰⁶·Σ|xᵢ|, which is
// negligible for any n that fits in memory.
package fsum

// Acc is a compensated accumulator. The zero value is an empty sum.
type Acc struct {
	hi, lo float64
}

// Add adds x to the sum.
func (a *Acc) Add(x float64) {
	s := a.hi + x
	bp := s - a.hi
	err := (a.hi - (s - bp)) + (x - bp)
	a.hi = s
	a.lo += err
}

// AddAcc adds the exact value of another accumulator.
func (a *Acc) AddAcc(b Acc) {
	a.Add(b.hi)
	a.Add(b.lo)
}

// Value returns the sum rounded to float64.
func (a *Acc) Value() float64 {
	return a.hi + a.lo
}

// Parts returns the unevaluated pair hi+lo; hi is the sum rounded to float64
// when Add was last called and lo the accumulated correction.
func (a *Acc) Parts() (hi, lo float64) {
	return a.hi, a.lo
}

// Sub returns a−b, where a is the accumulated sum and b a float64, rounded to
// float64. It is exact to first order even when the result is far smaller
// than either operand, which is what differences such as Σuᵢ − (n−1) need.
func (a *Acc) Sub(b float64) float64 {
	c := *a
	c.Add(-b)
	return c.Value()
}

// Sum returns Σ xs computed with an Acc.
func Sum(xs []float64) float64 {
	var a Acc
	for _, x := range xs {
		a.Add(x)
	}
	return a.Value()
}
