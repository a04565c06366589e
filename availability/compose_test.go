package availability_test

import (
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"

	"github.com/slacalc/slacalc/availability"
)

// prec is the precision of the math/big references: products of up to 24
// float64 values and their complements need at most 24·(53+1074) bits to be
// exact, far below 30000; at 4096 bits the references are exact to far more
// digits than any comparison here needs.
const prec = 4096

func bf(x float64) *big.Float { return new(big.Float).SetPrec(prec).SetFloat64(x) }

func one() *big.Float { return bf(1) }

// exactWorkProb returns P(at least k of the parts work) for independent
// parts, by brute-force enumeration of all 2^n states in big.Float: the
// independent reference for KOfN, Series (k = n) and Parallel (k = 1).
func exactFailProb(k int, u []float64) *big.Float {
	n := len(u)
	fail := bf(0)
	for s := 0; s < 1<<n; s++ {
		p := one()
		up := 0
		for i := range n {
			if s>>i&1 == 1 {
				up++
				p.Mul(p, new(big.Float).SetPrec(prec).Sub(one(), bf(u[i])))
			} else {
				p.Mul(p, bf(u[i]))
			}
		}
		if up < k {
			fail.Add(fail, p)
		}
	}
	return fail
}

func relErr(got float64, want *big.Float) float64 {
	if want.Sign() == 0 {
		return math.Abs(got)
	}
	d := new(big.Float).SetPrec(prec).Sub(bf(got), want)
	d.Quo(d, want)
	f, _ := d.Float64()
	return math.Abs(f)
}

func parts(us ...float64) []availability.Availability {
	out := make([]availability.Availability, len(us))
	for i, u := range us {
		out[i] = availability.Must(availability.FromUnavailability(u))
	}
	return out
}

// randomU draws unavailabilities log-uniformly from [1e-15, 1], with a few
// exact 0s and 1s, as the precision requirement states.
func randomU(r *rand.Rand) float64 {
	switch r.IntN(40) {
	case 0:
		return 0
	case 1:
		return 1
	}
	return math.Pow(10, -15*r.Float64())
}

func TestForum(t *testing.T) {
	// DOMAIN.md, problem 1: application 99% over network 99.6%.
	app, network := availability.MustParse("99%"), availability.MustParse("99.6%")
	ind, err := availability.Series(app, network)
	require.NoError(t, err)
	// 0.99 × 0.996 = 0.98604 (exact decimal product).
	assert.Equal(t, "98.604%", ind.String())
	assert.InDelta(t, 0.01396, ind.Unavailability(), 1e-17)
	worst, err := availability.WorstCase.Series(app, network)
	require.NoError(t, err)
	// 1 − (0.01 + 0.004) = 0.986.
	assert.Equal(t, "98.6%", worst.String())
	year := 365 * day
	// 0.01 × 365 d = 3.65 d = 87.6 h; 0.004 × 365 d = 1.46 d = 35.04 h; sum 5.11 d = 122.64 h.
	assert.Equal(t, 87*time.Hour+36*time.Minute, app.Downtime(year))
	assert.Equal(t, 35*time.Hour+2*time.Minute+24*time.Second, network.Downtime(year))
	assert.Equal(t, 122*time.Hour+38*time.Minute+24*time.Second, worst.Downtime(year))
	best, err := availability.BestCase.Series(app, network)
	require.NoError(t, err)
	assert.Equal(t, "99%", best.String())
}

func TestKOfNClosedForms(t *testing.T) {
	// 2-of-3 with availability p: A = 3p² − 2p³; 3-of-5: A = 10p³q² + 5p⁴q + p⁵
	// (binomial tail), evaluated exactly in big.Rat from the decimal p.
	for _, pct := range []string{"90", "99", "99.9", "99.99999", "50", "12.5"} {
		p, _ := new(big.Rat).SetString(pct)
		p.Quo(p, big.NewRat(100, 1))
		q := new(big.Rat).Sub(big.NewRat(1, 1), p)
		pow := func(x *big.Rat, n int) *big.Rat {
			r := big.NewRat(1, 1)
			for range n {
				r.Mul(r, x)
			}
			return r
		}
		term := func(c int64, i, j int) *big.Rat {
			r := new(big.Rat).Mul(pow(p, i), pow(q, j))
			return r.Mul(r, big.NewRat(c, 1))
		}
		a23 := new(big.Rat).Sub(term(3, 2, 0), term(2, 3, 0))
		a35 := new(big.Rat).Add(term(10, 3, 2), term(5, 4, 1))
		a35.Add(a35, term(1, 5, 0))
		part := availability.MustParse(pct + "%")
		for _, c := range []struct {
			k, n int
			a    *big.Rat
		}{{2, 3, a23}, {3, 5, a35}} {
			u := new(big.Rat).Sub(big.NewRat(1, 1), c.a)
			want := new(big.Float).SetPrec(prec).SetRat(u)
			got, err := availability.KOfNIdentical(c.k, c.n, part)
			require.NoError(t, err)
			// The part itself is the float64 nearest to p, so allow its
			// representation error (relative 1.1e-16, times at most 5).
			assert.Less(t, relErr(got.Unavailability(), want), 1e-14, "%d-of-%d at %s%%", c.k, c.n, pct)
			// The general path must agree with the identical fast path.
			gen, err := availability.KOfN(c.k, slices.Repeat([]availability.Availability{part}, c.n)...)
			require.NoError(t, err)
			assert.Equal(t, got, gen)
		}
	}
}

func TestKOfNBruteForce(t *testing.T) {
	// Different parts against enumeration of all 2^n states, n ≤ 12.
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		n := 1 + r.IntN(12)
		if trial < 12 {
			n = trial + 1
		}
		u := make([]float64, n)
		for i := range u {
			u[i] = randomU(r)
		}
		k := 1 + r.IntN(n)
		got, err := availability.KOfN(k, parts(u...)...)
		require.NoError(t, err)
		want := exactFailProb(k, u)
		assert.LessOrEqual(t, relErr(got.Unavailability(), want), 1e-12, "k=%d u=%v", k, u)
	}
}

func TestPrecisionAgainstBig(t *testing.T) {
	// Series, parallel and k-of-n on random inputs with unavailabilities
	// down to 1e-15, against exact big.Float references: series U = 1 − Π(1−uᵢ),
	// parallel U = Π uᵢ, k-of-n by enumeration.
	r := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		n := 1 + r.IntN(24)
		u := make([]float64, n)
		for i := range u {
			u[i] = randomU(r)
		}
		ps := parts(u...)
		ser := one()
		par := one()
		for _, x := range u {
			ser.Mul(ser, new(big.Float).SetPrec(prec).Sub(one(), bf(x)))
			par.Mul(par, bf(x))
		}
		ser.Sub(one(), ser)
		s, err := availability.Series(ps...)
		require.NoError(t, err)
		assert.LessOrEqual(t, relErr(s.Unavailability(), ser), 1e-12, "series %v", u)
		p, err := availability.Parallel(ps...)
		require.NoError(t, err)
		assert.LessOrEqual(t, relErr(p.Unavailability(), par), 1e-12, "parallel %v", u)
	}
}

func TestLargeSeriesAndParallelPrecision(t *testing.T) {
	// DOMAIN.md: fifty parts of 1 − 1e-9 in series. Exact: 1 − (1 − 1e-9)^50,
	// in big.Float from the float64 nearest to 1e-9.
	u := slices.Repeat([]float64{1e-9}, 50)
	s, err := availability.Series(parts(u...)...)
	require.NoError(t, err)
	want := new(big.Float).SetPrec(prec).Sub(one(), bf(1e-9))
	pow := one()
	for range 50 {
		pow.Mul(pow, want)
	}
	pow.Sub(one(), pow)
	assert.LessOrEqual(t, relErr(s.Unavailability(), pow), 1e-14)

	// Two 99.9999% parts in parallel: U = 1e-6 · 1e-6 = 1e-12, twelve nines.
	six := availability.MustParse("99.9999%")
	p, err := availability.Parallel(six, six)
	require.NoError(t, err)
	assert.Equal(t, "99.9999999999%", p.String())
	assert.InDelta(t, 12, p.Nines(), 1e-12)

	// 100,000 parts in series, each 1 − 1e-12: U = 1 − (1−1e-12)^1e5 ≈ 1e-7 − 5e-15.
	big5 := slices.Repeat([]float64{1e-12}, 100000)
	s, err = availability.Series(parts(big5...)...)
	require.NoError(t, err)
	w := new(big.Float).SetPrec(prec).Sub(one(), bf(1e-12))
	pw := one()
	for range 100000 {
		pw.Mul(pw, w)
	}
	pw.Sub(one(), pw)
	assert.LessOrEqual(t, relErr(s.Unavailability(), pw), 1e-12)

	// Parallel of 1000 parts at U = 0.5: exactly 2^-1000, below float64's
	// normal range but representable; the log-sum must not lose it.
	half := slices.Repeat([]float64{0.5}, 1000)
	p, err = availability.Parallel(parts(half...)...)
	require.NoError(t, err)
	assert.InEpsilon(t, math.Ldexp(1, -1000), p.Unavailability(), 1e-13)
}

func TestBinomialTailLarge(t *testing.T) {
	// Identical parts with large n against the exact binomial tail in
	// big.Float, Σ_{j ≥ n−k+1} C(n,j) q^j (1−q)^(n−j).
	for _, c := range []struct {
		k, n int
		u    float64
	}{
		{500, 1000, 0.3}, {990, 1000, 1e-3}, {1, 1000, 0.99}, {700, 1000, 0.5}, {290, 300, 1e-3}, {150, 300, 0.6}, {299, 300, 1e-4},
	} {
		q := bf(c.u)
		p := new(big.Float).SetPrec(prec).Sub(one(), q)
		want := bf(0)
		binom := new(big.Int)
		for j := c.n - c.k + 1; j <= c.n; j++ {
			binom.Binomial(int64(c.n), int64(j))
			term := new(big.Float).SetPrec(prec).SetInt(binom)
			term.Mul(term, powBig(q, j))
			term.Mul(term, powBig(p, c.n-j))
			want.Add(want, term)
		}
		got, err := availability.KOfNIdentical(c.k, c.n, parts(c.u)[0])
		require.NoError(t, err)
		assert.LessOrEqual(t, relErr(got.Unavailability(), want), 1e-12, "%d-of-%d u=%g", c.k, c.n, c.u)
		if c.n <= 300 {
			// The DP for different parts, fed with nearly equal parts, must agree too.
			u := slices.Repeat([]float64{c.u}, c.n)
			u[0] = math.Nextafter(c.u, 0)
			dp, err := availability.KOfN(c.k, parts(u...)...)
			require.NoError(t, err)
			assert.InEpsilon(t, got.Unavailability(), dp.Unavailability(), 1e-12, "%d-of-%d u=%g", c.k, c.n, c.u)
		}
	}
}

func powBig(x *big.Float, n int) *big.Float {
	r := one()
	b := new(big.Float).SetPrec(prec).Set(x)
	for n > 0 {
		if n&1 == 1 {
			r.Mul(r, b)
		}
		b.Mul(b, b)
		n >>= 1
	}
	return r
}

// lpBound solves the linear programme over all joint distributions of n
// binary parts with the given unavailabilities: minimise (or maximise) the
// probability that at least k work. Variables are the 2^n state
// probabilities; constraints Σ x = 1 and, for each part, the probability of
// the states where it is down equals its unavailability.
func lpBound(t *testing.T, k int, u []float64, maximise bool) float64 {
	n := len(u)
	states := 1 << n
	c := make([]float64, states)
	for s := range states {
		up := 0
		for i := range n {
			if s>>i&1 == 1 {
				up++
			}
		}
		if up >= k {
			c[s] = 1
			if maximise {
				c[s] = -1
			}
		}
	}
	A := mat.NewDense(n+1, states, nil)
	b := make([]float64, n+1)
	for s := range states {
		A.Set(0, s, 1)
		for i := range n {
			if s>>i&1 == 0 {
				A.Set(i+1, s, 1)
			}
		}
	}
	b[0] = 1
	copy(b[1:], u)
	opt, _, err := lp.Simplex(c, A, b, 1e-12, nil)
	require.NoError(t, err)
	if maximise {
		return -opt
	}
	return opt
}

func TestBoundsAreSharpLP(t *testing.T) {
	// For n ≤ 6 the worst and best cases must equal the optimum of the linear
	// programme over all joint distributions with the given marginals.
	r := rand.New(rand.NewPCG(5, 6))
	for trial := range 150 {
		n := 1 + r.IntN(6)
		u := make([]float64, n)
		for i := range u {
			switch r.IntN(4) {
			case 0:
				u[i] = math.Round(r.Float64()*20) / 20 // ties and 0/1 extremes
			default:
				u[i] = 0.01 + 0.98*r.Float64()
			}
		}
		if trial%10 == 0 { // identical parts exercise the fast path
			for i := range u {
				u[i] = u[0]
			}
		}
		k := 1 + r.IntN(n)
		ps := parts(u...)
		worst, err := availability.WorstCase.KOfN(k, ps...)
		require.NoError(t, err)
		best, err := availability.BestCase.KOfN(k, ps...)
		require.NoError(t, err)
		ind, err := availability.KOfN(k, ps...)
		require.NoError(t, err)
		assert.InDelta(t, lpBound(t, k, u, false), worst.Fraction(), 1e-9, "worst k=%d u=%v", k, u)
		assert.InDelta(t, lpBound(t, k, u, true), best.Fraction(), 1e-9, "best k=%d u=%v", k, u)
		assert.LessOrEqual(t, worst.Compare(ind), 0)
		assert.LessOrEqual(t, ind.Compare(best), 0)
		if k == n {
			s, _ := availability.WorstCase.Series(ps...)
			assert.InDelta(t, s.Fraction(), worst.Fraction(), 1e-15)
			s, _ = availability.BestCase.Series(ps...)
			assert.InDelta(t, s.Fraction(), best.Fraction(), 1e-15)
		}
		if k == 1 {
			p, _ := availability.WorstCase.Parallel(ps...)
			assert.InDelta(t, p.Fraction(), worst.Fraction(), 1e-15)
			p, _ = availability.BestCase.Parallel(ps...)
			assert.InDelta(t, p.Fraction(), best.Fraction(), 1e-15)
		}
	}
}

func TestProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 500 {
		n := 1 + r.IntN(10)
		u := make([]float64, n)
		for i := range u {
			u[i] = randomU(r)
		}
		ps := parts(u...)
		lo, hi := slices.Max(u), slices.Min(u)
		for _, as := range []availability.Assumption{availability.Independent, availability.WorstCase, availability.BestCase} {
			s, err := as.Series(ps...)
			require.NoError(t, err)
			p, err := as.Parallel(ps...)
			require.NoError(t, err)
			// series ≤ min part, parallel ≥ max part (in unavailability: ≥ max, ≤ min).
			assert.GreaterOrEqual(t, s.Unavailability(), lo, "%v series %v", as, u)
			assert.LessOrEqual(t, p.Unavailability(), hi, "%v parallel %v", as, u)
			one, err := as.KOfN(1, ps...)
			require.NoError(t, err)
			all, err := as.KOfN(n, ps...)
			require.NoError(t, err)
			// 1-of-n = parallel, n-of-n = series.
			assert.InEpsilon(t, 1+p.Unavailability(), 1+one.Unavailability(), 1e-15, "%v 1-of-n %v", as, u)
			assert.InEpsilon(t, 1+s.Unavailability(), 1+all.Unavailability(), 1e-15, "%v n-of-n %v", as, u)
		}
		k := 1 + r.IntN(n)
		b, err := availability.BoundsOf(func(as availability.Assumption) (availability.Availability, error) {
			return as.KOfN(k, ps...)
		})
		require.NoError(t, err)
		assert.LessOrEqual(t, b.Worst.Compare(b.Independent), 0)
		assert.LessOrEqual(t, b.Independent.Compare(b.Best), 0)
		assert.Equal(t, b.Worst, b.Under(availability.WorstCase))
		assert.Equal(t, b.Best, b.Under(availability.BestCase))
		assert.Equal(t, b.Independent, b.Under(availability.Independent))
	}
}

func TestCompositionErrors(t *testing.T) {
	_, err := availability.Series()
	require.ErrorIs(t, err, availability.ErrEmpty)
	assert.Equal(t, "availability.Series: parts: is empty", err.Error())
	_, err = availability.WorstCase.Parallel()
	require.ErrorIs(t, err, availability.ErrEmpty)
	_, err = availability.KOfN(1)
	require.ErrorIs(t, err, availability.ErrEmpty)
	a := availability.MustParse("99%")
	_, err = availability.KOfN(0, a, a)
	require.ErrorIs(t, err, availability.ErrK)
	assert.Equal(t, "availability.KOfN: k: 0 is outside [1, 2]", err.Error())
	_, err = availability.BestCase.KOfN(3, a, a)
	require.ErrorIs(t, err, availability.ErrK)
	_, err = availability.KOfNIdentical(4, 3, a)
	require.ErrorIs(t, err, availability.ErrK)
	_, err = availability.KOfNIdentical(1, 0, a)
	require.ErrorIs(t, err, availability.ErrEmpty)
	_, err = availability.BoundsOf(func(as availability.Assumption) (availability.Availability, error) { return as.Series() })
	require.ErrorIs(t, err, availability.ErrEmpty)
}
