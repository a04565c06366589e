package bdd

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// Probabilities must give, for every gate built in one manager, exactly what
// freezing that gate and taking its probability gives (the same sums in the
// same order), and reject bad input.
func TestProbabilitiesMatchFreeze(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	ctx := context.Background()
	for trial := range 300 {
		n := 1 + rng.IntN(10)
		s := randomStructure(rng, n, 1+rng.IntN(8))
		m, err := NewManager(randomOrder(rng, n), Options{})
		require.NoError(t, err)
		var roots []Node
		for g := range s.Gates {
			top := *s
			top.Top = GateRef(g)
			f, err := Build(ctx, m, &top)
			require.NoError(t, err)
			roots = append(roots, f)
		}
		q := randomQ(rng, n)
		got, err := m.Probabilities(q, roots...)
		require.NoError(t, err)
		for i, f := range roots {
			d, err := m.Freeze(f)
			require.NoError(t, err)
			want, err := d.Probability(q)
			require.NoError(t, err)
			require.Equal(t, want, got[i], "trial %d gate %d", trial, i)
		}
	}
	m, err := NewManager(NaturalOrder(2), Options{})
	require.NoError(t, err)
	_, err = m.Probabilities([]float64{0.5})
	require.ErrorIs(t, err, ErrInvalid)
	_, err = m.Probabilities([]float64{0.5, 1.5}, True)
	require.ErrorIs(t, err, ErrInvalid)
	_, err = m.Probabilities([]float64{0.5, 0.5}, Node(99))
	require.ErrorIs(t, err, ErrInvalid)
	p, err := m.Probabilities([]float64{0.25, 0.5}, False, True, m.Var(0), m.Var(1))
	require.NoError(t, err)
	require.Equal(t, []float64{0, 1, 0.25, 0.5}, p)
}
