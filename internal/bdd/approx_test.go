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
