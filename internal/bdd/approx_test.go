package bdd

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestApproxBoundsBruteForce tries to break the cut-down diagrams'
// brackets: on random shared structures, with gates' diagrams cut to 1 to
// 6 nodes (so that nearly every gate is cut) and input brackets of random
// width, the lower build evaluated at the low ends must stay below the
// exact probability there, and the upper build at the high ends above the
// exact probability there, both found by enumeration.
func TestApproxBoundsBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	ctx := context.Background()
	cut := 0
	for c := range 600 {
		n := 2 + rng.IntN(10)
		s := randomStructure(rng, n, 2+rng.IntN(30))
		qLo, qHi := randomQ(rng, n), make([]float64, n)
		lo, hi := make([]pair, n), make([]pair, n)
		for v := range n {
			qHi[v] = qLo[v]
			if c%2 == 1 {
				qHi[v] += rng.Float64() * (1 - qLo[v])
			}
			lo[v], hi[v] = pair{qLo[v], 1 - qLo[v]}, pair{qHi[v], 1 - qHi[v]}
		}
		wantLo, _, _ := bruteForce(s, qLo)
		wantHi, _, _ := bruteForce(s, qHi)
		keep := 1 + rng.IntN(6)
		l, h, _, err := approxBounds(ctx, s, lo, hi, s.Order(DepthFirst), keep, Options{})
		require.NoError(t, err, "case %d", c)
		require.LessOrEqual(t, l.t, wantLo+1e-12, "case %d: lower", c)
		require.GreaterOrEqual(t, h.t, wantHi-1e-12, "case %d: upper", c)
		assert.InDelta(t, 1, l.t+l.f, 1e-12, "case %d: lower pair", c)
		assert.InDelta(t, 1, h.t+h.f, 1e-12, "case %d: upper pair", c)
		if l.t < wantLo-1e-9 || h.t > wantHi+1e-9 {
			cut++
		}
	}
	require.Greater(t, cut, 100, "too few structures were actually cut")
}

// TestApproxBoundsExactWhenUncut checks that a cap the diagrams never
// reach gives the exact probability from both builds.
func TestApproxBoundsExactWhenUncut(t *testing.T) {
	rng := rand.New(rand.NewPCG(53, 54))
	for c := range 50 {
		s := randomStructure(rng, 8, 12)
		q := randomQ(rng, 8)
		in := make([]pair, 8)
		for v := range in {
			in[v] = pair{q[v], 1 - q[v]}
		}
		want, _, _ := bruteForce(s, q)
		l, h, _, err := approxBounds(context.Background(), s, in, in, s.Order(DepthFirst), 1<<20, Options{})
		require.NoError(t, err)
		relClose(t, want, l.t, 1e-12, "case %d: lower", c)
		relClose(t, want, h.t, 1e-12, "case %d: upper", c)
	}
}

// TestModularCutBounds checks the cut-down builds inside
// ModularProbability on a structure whose depth-first order is
// exponential: Top = OR(AND(x1..xn), AND(x1, y1), …, AND(xn, yn)) puts
// every x before every y, and its diagram (511 or 1,023 nodes) exceeds the
// budget. With gates cut to 32 nodes the bounds must be certified
// (against enumeration) and never looser than those of Bounds. How much
// they gain depends on where the probability is: with rare events (as in
// fault trees) most of it is on a few paths, which the cut keeps, and the
// bracket must be tighter than Bounds' on most draws; with probabilities
// up to one half it is spread over all 2ⁿ paths, and a cut that keeps 32
// nodes keeps little of it (the bracket then stays that of Bounds).
func TestModularCutBounds(t *testing.T) {
	defer func(k int) { approxKeep = k }(approxKeep)
	approxKeep = 32
	rng := rand.New(rand.NewPCG(55, 56))
	tighter := 0
	const cases = 40
	for c := range cases {
		n := 8 + rng.IntN(2)
		s := pairsStructure(n) // gates before their users, as bruteForce needs
		rare := c%2 == 0
		q := randomQ(rng, 2*n)
		if rare {
			for v := range q {
				q[v] = 1e-3 + 1e-2*rng.Float64()
			}
		}
		want, _, _ := bruteForce(s, q)
		_, err := ModularProbability(context.Background(), s, q, []OrderHeuristic{DepthFirst}, Options{MaxNodes: 400})
		var be *BuildError
		require.ErrorAs(t, err, &be, "case %d: the exact diagram fitted", c)
		require.True(t, be.Bounded, "case %d", c)
		require.LessOrEqual(t, be.Lower, want*(1+1e-12), "case %d", c)
		require.GreaterOrEqual(t, be.Upper, want*(1-1e-12), "case %d", c)
		lo, hi, err := Bounds(s, q)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, be.Lower, lo*(1-1e-12), "case %d", c)
		assert.LessOrEqual(t, be.Upper, hi*(1+1e-12), "case %d", c)
		if rare && be.Upper-be.Lower < 0.5*(hi-lo) {
			tighter++
		}
	}
	t.Logf("%d of %d rare-event draws at most half as wide as Bounds", tighter, cases/2)
	require.Greater(t, tighter, cases/4, "the cut builds rarely tightened the bounds")
}
