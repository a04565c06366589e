package fsum

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCancellation(t *testing.T) {
	// 1e16 + 1 − 1e16 is 1 exactly; naive float64 summation gives 0 or 2.
	assert.Equal(t, 1.0, Sum([]float64{1e16, 1, -1e16}))
	var a Acc
	a.Add(3)
	a.Add(1e-20)
	// 3 + 1e-20 − 3 keeps the tiny term.
	assert.Equal(t, 1e-20, a.Sub(3))
	hi, lo := a.Parts()
	assert.Equal(t, 3.0, hi)
	assert.Equal(t, 1e-20, lo)
	var b Acc
	b.AddAcc(a)
	assert.Equal(t, a.Value(), b.Value())
}

func TestAgainstBig(t *testing.T) {
	// Random sums with wildly different magnitudes and signs against the
	// exact sum in big.Float (2000 bits hold any sum of these terms exactly).
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		n := 1 + r.IntN(2000)
		xs := make([]float64, n)
		exact := new(big.Float).SetPrec(2000)
		for i := range xs {
			xs[i] = math.Ldexp(r.Float64()-0.5, r.IntN(80)-40)
			exact.Add(exact, new(big.Float).SetPrec(2000).SetFloat64(xs[i]))
		}
		want, _ := exact.Float64()
		got := Sum(xs)
		if want == 0 {
			assert.Less(t, math.Abs(got), 1e-300)
			continue
		}
		assert.InEpsilon(t, want, got, 1e-15)
	}
}
