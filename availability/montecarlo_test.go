package availability_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
)

func TestMonteCarloAgreesWithExact(t *testing.T) {
	// The bridge at 90% per link: exact R = 2p² + 2p³ − 5p⁴ + 2p⁵ = 0.97848,
	// U = 0.02152. The 99.9% Wilson interval must contain it.
	m := bridge(t, availability.MustParse("90%"))
	exact, err := m.Availability("bridge")
	require.NoError(t, err)
	assert.InDelta(t, 0.02152, exact.Unavailability(), 1e-15)
	est, err := m.MonteCarlo(context.Background(), "bridge", availability.MonteCarloConfig{
		Seed: 5, RelativeError: 0.02, Confidence: 0.999})
	require.NoError(t, err)
	assert.LessOrEqual(t, est.Low.Compare(exact), 0)
	assert.GreaterOrEqual(t, est.High.Compare(exact), 0)
	// It stopped once the half-width was within 2% of the estimate.
	half := (est.Low.Unavailability() - est.High.Unavailability()) / 2
	assert.LessOrEqual(t, half, 0.02*est.Availability.Unavailability())
	assert.Less(t, est.Samples, 10_000_000)
}

func TestMonteCarloDeterministic(t *testing.T) {
	m := sharedDB(t)
	cfg := availability.MonteCarloConfig{Seed: 1, MaxSamples: 200_000, Workers: 1}
	one, err := m.MonteCarlo(context.Background(), "shop", cfg)
	require.NoError(t, err)
	cfg.Workers = 3
	three, err := m.MonteCarlo(context.Background(), "shop", cfg)
	require.NoError(t, err)
	assert.Equal(t, one, three)
	assert.Equal(t, 200_704, one.Samples) // 49 batches of 4096
}

func TestMonteCarloErrors(t *testing.T) {
	m := sharedDB(t)
	for _, cfg := range []availability.MonteCarloConfig{{Confidence: 1}, {Confidence: -0.5}, {RelativeError: -1}, {MaxSamples: -1}} {
		_, err := m.MonteCarlo(context.Background(), "shop", cfg)
		require.ErrorIs(t, err, availability.ErrSimulation)
	}
	_, err := m.MonteCarlo(context.Background(), "ghost", availability.MonteCarloConfig{})
	require.ErrorIs(t, err, availability.ErrUnknownNode)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = m.MonteCarlo(ctx, "shop", availability.MonteCarloConfig{})
	require.ErrorIs(t, err, context.Canceled)
}
