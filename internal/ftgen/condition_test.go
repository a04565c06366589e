package ftgen_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/internal/bdd"
	"github.com/slacalc/slacalc/internal/ftgen"
)

// TestConditioningExact forces the conditioning fallback of
// ModularProbability with a node budget far below what the trees' modules
// need, and checks the result against the BDD built with the default
// budget: Shannon expansion on pivot events is exact, so they agree to
// rounding.
func TestConditioningExact(t *testing.T) {
	ctx := context.Background()
	conditioned := 0
	for seed := range uint64(30) {
		tr := ftgen.Generate(seed, ftgen.Params{BasicEvents: 40 + int(seed%5)*20, Repeated: 0.3, RepeatedGates: 0.2})
		want, err := bdd.ModularProbability(ctx, tr.Structure, tr.Probabilities, nil, bdd.Options{})
		require.NoError(t, err, "seed %d", seed)
		got, err := bdd.ModularProbability(ctx, tr.Structure, tr.Probabilities, nil, bdd.Options{MaxNodes: 200, Condition: true})
		var be *bdd.BuildError
		if errors.As(err, &be) && be.Bounded {
			// Too deep to condition within the budget: the bounds must
			// still bracket the value.
			assert.LessOrEqual(t, be.Lower, want.P*(1+1e-12), "seed %d", seed)
			assert.GreaterOrEqual(t, be.Upper, want.P*(1-1e-12), "seed %d", seed)
			continue
		}
		require.NoError(t, err, "seed %d", seed)
		conditioned += got.Conditioned
		assert.InEpsilon(t, want.P, got.P, 1e-12, "seed %d", seed)
		assert.InEpsilon(t, want.NotP, got.NotP, 1e-12, "seed %d", seed)
	}
	assert.Positive(t, conditioned, "no tree needed conditioning")
	t.Logf("%d pivots in all", conditioned)
}

// TestCancelBounds checks that a done context stops ModularProbability
// with certified bounds that bracket the exact value.
func TestCancelBounds(t *testing.T) {
	tr := issue15()
	want, err := bdd.ModularProbability(context.Background(), tr.Structure, tr.Probabilities, nil, bdd.Options{})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = bdd.ModularProbability(ctx, tr.Structure, tr.Probabilities, nil, bdd.Options{Condition: true})
	require.ErrorIs(t, err, context.Canceled)
	var be *bdd.BuildError
	require.ErrorAs(t, err, &be)
	require.True(t, be.Bounded)
	assert.LessOrEqual(t, be.Lower, want.P*(1+1e-12))
	assert.GreaterOrEqual(t, be.Upper, want.P*(1-1e-12))
}
