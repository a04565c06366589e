package bdd

import (
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// modulesByDescendants is the definition of a module applied literally, as
// the reference for the linear-time [Structure.Modules]: a gate is a module
// when no descendant has a parent outside the gate and its descendants.
// One bitset per gate, O(G·(G+V)) time.
func modulesByDescendants(s *Structure) []bool {
	gates := s.postorder()
	nv := s.NumVars
	id := func(r Ref) int {
		if r.Gate {
			return nv + r.Index
		}
		return r.Index
	}
	words := (nv + len(s.Gates) + 63) / 64
	desc := make([][]uint64, len(s.Gates))
	parents := make([][]int, nv+len(s.Gates))
	for _, g := range gates {
		set := make([]uint64, words)
		for _, r := range s.Gates[g].Inputs {
			x := id(r)
			set[x/64] |= 1 << (x % 64)
			if r.Gate {
				for i, w := range desc[r.Index] {
					set[i] |= w
				}
			}
			parents[x] = append(parents[x], g)
		}
		desc[g] = set
	}
	module := make([]bool, len(s.Gates))
	for _, g := range gates {
		ok := true
		for i, w := range desc[g] {
			for ; w != 0; w &= w - 1 {
				x := i*64 + bits.TrailingZeros64(w)
				for _, p := range parents[x] {
					if p != g && desc[g][(nv+p)/64]&(1<<((nv+p)%64)) == 0 {
						ok = false
					}
				}
			}
		}
		module[g] = ok
	}
	return module
}

// TestModulesLinear checks the linear-time module detection against the
// definition on random structures with shared variables and sub-trees,
// some with gates unreachable from Top and repeated inputs, and on the
// ladder, where only Top is a module.
func TestModulesLinear(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for c := range 2000 {
		// Few variables share much; many make modules common.
		n := 1 + rng.IntN(12)
		if c%2 == 0 {
			n = 1 + rng.IntN(60)
		}
		s := randomStructure(rng, n, 1+rng.IntN(25))
		if c%3 == 0 && len(s.Gates) > 2 {
			s.Top = GateRef(rng.IntN(len(s.Gates))) // leaves later gates unreachable
		}
		require.Equal(t, modulesByDescendants(s), s.Modules(), "case %d: %+v", c, s)
	}
	s := ladder(500)
	want := make([]bool, len(s.Gates))
	want[len(want)-1] = true
	require.Equal(t, want, s.Modules())
}
