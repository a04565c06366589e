package ftgen_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/internal/bdd"
	"github.com/slacalc/slacalc/internal/ftgen"
)

func TestGenerateShape(t *testing.T) {
	for _, p := range []ftgen.Params{
		{BasicEvents: 200},
		{BasicEvents: 1000, Window: 32},
		{BasicEvents: 1500, Window: 32, MeanArgs: 4, Repeated: 0.2, RepeatedGates: 0.3},
		{BasicEvents: 2},
	} {
		t.Run(fmt.Sprint(p.BasicEvents, p.Window), func(t *testing.T) {
			tr := ftgen.Generate(7, p)
			s := tr.Structure
			require.NoError(t, s.Validate())
			assert.Equal(t, p.BasicEvents, s.NumVars)
			assert.Len(t, tr.Probabilities, s.NumVars)
			// Every event and gate is used, and only gate 0 is unused.
			usedVar := make([]int, s.NumVars)
			usedGate := make([]int, len(s.Gates))
			for g, gate := range s.Gates {
				assert.NotEmpty(t, gate.Inputs, "gate %d", g)
				seen := map[bdd.Ref]bool{}
				for _, r := range gate.Inputs {
					assert.False(t, seen[r], "gate %d repeats %v", g, r)
					seen[r] = true
					if r.Gate {
						assert.Greater(t, r.Index, g, "gate %d uses an earlier gate", g)
						usedGate[r.Index]++
					} else {
						usedVar[r.Index]++
					}
				}
			}
			for v, n := range usedVar {
				assert.Positive(t, n, "event %d unused", v)
			}
			for g, n := range usedGate[1:] {
				assert.Positive(t, n, "gate %d unused", g+1)
			}
			for _, q := range tr.Probabilities {
				assert.True(t, q >= 0.01 && q <= 0.1, "probability %g", q)
			}
			// Same seed, same tree; another seed, another.
			require.Empty(t, cmp.Diff(tr, ftgen.Generate(7, p)))
			if p.BasicEvents > 2 {
				assert.NotEmpty(t, cmp.Diff(tr.Structure, ftgen.Generate(8, p).Structure))
			}
		})
	}
}

// eval evaluates gate g under the assignment x (bit v = event v failed),
// memoized in val (0 unknown, 1 false, 2 true): an evaluator independent
// of package bdd.
func eval(s *bdd.Structure, g int, x uint64, val []int8) bool {
	if val[g] != 0 {
		return val[g] == 2
	}
	c := 0
	for _, r := range s.Gates[g].Inputs {
		if r.Gate && eval(s, r.Index, x, val) || !r.Gate && x>>r.Index&1 == 1 {
			c++
		}
	}
	gate := s.Gates[g]
	v := c >= gate.K
	switch gate.Kind {
	case bdd.KindAnd:
		v = c == len(gate.Inputs)
	case bdd.KindOr:
		v = c > 0
	}
	val[g] = 1
	if v {
		val[g] = 2
	}
	return v
}

// bruteForce returns P(top) by enumerating the 2^n assignments.
func bruteForce(tr *ftgen.Tree) float64 {
	s := tr.Structure
	val := make([]int8, len(s.Gates))
	var p float64
	for x := uint64(0); x < 1<<s.NumVars; x++ {
		clear(val)
		if !eval(s, 0, x, val) {
			continue
		}
		w := 1.0
		for v, q := range tr.Probabilities {
			if x>>v&1 == 1 {
				w *= q
			} else {
				w *= 1 - q
			}
		}
		p += w
	}
	return p
}

// TestAgainstBruteForce compares the engine (modular with the default
// portfolio, and one diagram per heuristic) with enumeration on random
// small generated trees of every shape the generator makes.
func TestAgainstBruteForce(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 40
	}
	ctx := context.Background()
	heuristics := []bdd.OrderHeuristic{bdd.DepthFirst, bdd.DepthFirstSmallFirst, bdd.DepthFirstLargeFirst, bdd.Force, bdd.ForceLargeFirst, bdd.ForceBest}
	for seed := range uint64(n) {
		p := ftgen.Params{
			BasicEvents:   2 + int(seed%15),
			MeanArgs:      []float64{2, 3, 4}[seed%3],
			Repeated:      []float64{0.1, 0.3, 0.5}[seed/3%3],
			RepeatedGates: []float64{0.1, 0.5}[seed/9%2],
			Window:        []int{0, 4}[seed/18%2],
			MinProb:       0.05,
			MaxProb:       0.6,
		}
		tr := ftgen.Generate(seed, p)
		want := bruteForce(tr)
		res, err := bdd.ModularProbability(ctx, tr.Structure, tr.Probabilities, nil, bdd.Options{})
		require.NoError(t, err, "seed %d", seed)
		assert.InDelta(t, want, res.P, 1e-12*math.Max(want, 1e-300)+1e-15, "seed %d %+v", seed, p)
		assert.InDelta(t, 1-want, res.NotP, 1e-12, "seed %d", seed)
		for _, h := range heuristics {
			d, err := bdd.Compile(ctx, tr.Structure, tr.Structure.Order(h), bdd.Options{})
			require.NoError(t, err)
			got, err := d.Probability(tr.Probabilities)
			require.NoError(t, err)
			assert.InDelta(t, want, got, 1e-12, "seed %d heuristic %d", seed, h)
		}
	}
}
