package bdd_test

import (
	"context"
	"testing"

	"github.com/slacalc/slacalc/internal/bdd"
	"github.com/slacalc/slacalc/internal/ftgen"
	"github.com/stretchr/testify/require"
)

// TestSiftIssue15 builds the whole issue-15 tree (200 events, 117 gates,
// shared sub-trees; see internal/ftgen) with sifting from three orders:
// the probability must match the modular evaluation, and the work, swaps
// included, must stay in the millions of steps (measured: 2.49 M from
// DepthFirst, 0.33 M from ForceLargeFirst, 0.92 M from
// DepthFirstLargeFirst), which a starved operation cache would not.
func TestSiftIssue15(t *testing.T) {
	tr := ftgen.Generate(65, ftgen.Params{BasicEvents: 200, RepeatedGates: 0.3})
	ctx := context.Background()
	want, err := bdd.ModularProbability(ctx, tr.Structure, tr.Probabilities, nil, bdd.Options{})
	require.NoError(t, err)
	for _, h := range []bdd.OrderHeuristic{bdd.DepthFirst, bdd.ForceLargeFirst, bdd.DepthFirstLargeFirst} {
		d, steps, err := bdd.SiftSteps(ctx, tr.Structure, tr.Structure.Order(h), bdd.Options{})
		require.NoError(t, err, "%v", h)
		require.Less(t, steps, uint64(6_000_000), "%v", h)
		p, err := d.Probability(tr.Probabilities)
		require.NoError(t, err)
		require.InEpsilon(t, want.P, p, 1e-12, "%v", h)
	}
}
