package bdd

import (
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exactSupport counts the distinct variables beneath every gate with the
// bitsets of varSets: the reference for the sketches.
func exactSupport(s *Structure, order []int) []int {
	size := make([]int, len(s.Gates))
	for g, set := range s.varSets(order) {
		for _, w := range set {
			size[g] += bits.OnesCount64(w)
		}
	}
	return size
}

func allGates(s *Structure) []int {
	var order []int
	seen := make([]bool, len(s.Gates))
	for g := range s.Gates {
		order = s.appendPostorder(order, g, seen)
	}
	return order
}

// TestSupportSketches checks the k-minimum-values estimates against exact
// counts: exact below sketchK variables, within 40% from there (the standard
// error is 13%; the hashes are fixed, so the test is deterministic), on
// random shared structures over up to 2,000 variables.
func TestSupportSketches(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	checked := 0
	for c := range 40 {
		n := 10 + rng.IntN(2000)
		s := &Structure{NumVars: n}
		for g := range 300 {
			var in []Ref
			for range 2 + rng.IntN(6) {
				if g > 0 && rng.IntN(2) == 0 {
					in = append(in, GateRef(rng.IntN(g)))
				} else {
					in = append(in, VarRef(rng.IntN(n)))
				}
			}
			s.Gates = append(s.Gates, Gate{Kind: KindOr, Inputs: in})
		}
		s.Top = GateRef(len(s.Gates) - 1)
		order := allGates(s)
		want, got := exactSupport(s, order), s.supportSketches(order)
		for g := range s.Gates {
			if want[g] < sketchK {
				require.Equal(t, want[g], got[g], "case %d gate %d", c, g)
				continue
			}
			checked++
			assert.InEpsilon(t, want[g], got[g], 0.4, "case %d gate %d", c, g)
		}
	}
	require.Greater(t, checked, 1000, "too few gates above the sketch size")
}

// TestLargeOrders checks that the heuristics that rank by support size
// still give permutations beyond the exact-counting bound, where the
// sizes come from sketches, and that the estimate for the top of a
// 100,000-variable ladder is close to its true size.
func TestLargeOrders(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000-variable structure")
	}
	s := ladder(100_000)
	require.Greater(t, len(s.Gates)*((s.NumVars+63)/64), exactWords, "the ladder no longer exceeds the exact bound")
	size := s.supportSizes()
	assert.InEpsilon(t, 100_000, size[s.Top.Index], 0.4)
	assert.Equal(t, 2, size[0])
	for _, h := range []OrderHeuristic{DepthFirstSmallFirst, DepthFirstLargeFirst, ForceLargeFirst, ForceBest} {
		require.NoError(t, s.Order(h).Validate(), "heuristic %d", h)
	}
}

// TestSupportSpan checks the extent by hand: top = OR(g1, x2), g1 =
// AND(x0, x1). In the order x0, x1, x2, g1 spans levels 0..1 and top 0..2:
// 1 + 2. With x1 last, g1 spans 0..2: 2 + 2.
func TestSupportSpan(t *testing.T) {
	s := &Structure{NumVars: 3, Gates: []Gate{
		{Kind: KindOr, Inputs: []Ref{GateRef(1), VarRef(2)}},
		{Kind: KindAnd, Inputs: []Ref{VarRef(0), VarRef(1)}},
	}, Top: GateRef(0)}
	assert.Equal(t, 3, s.supportSpan(Order{0, 1, 2}))
	assert.Equal(t, 4, s.supportSpan(Order{0, 2, 1}))
	assert.Equal(t, 3, s.supportSpan(Order{2, 1, 0}))
}

// TestForceBest checks that ForceBest is whichever FORCE start has the
// smaller extent, Force on ties, and that both starts occur.
func TestForceBest(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	picked := map[OrderHeuristic]int{}
	for c := range 300 {
		s := randomStructure(rng, 5+rng.IntN(40), 5+rng.IntN(40))
		f, flf := s.Order(Force), s.Order(ForceLargeFirst)
		want, h := f, Force
		if s.supportSpan(flf) < s.supportSpan(f) {
			want, h = flf, ForceLargeFirst
		}
		require.Equal(t, want, s.Order(ForceBest), "case %d", c)
		if !slices.Equal(f, flf) {
			picked[h]++
		}
	}
	assert.Positive(t, picked[Force])
	assert.Positive(t, picked[ForceLargeFirst])
}
