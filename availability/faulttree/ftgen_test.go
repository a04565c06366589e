package faulttree_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/slacalc/slacalc/availability/faulttree"
	"github.com/slacalc/slacalc/internal/bdd"
	"github.com/slacalc/slacalc/internal/ftgen"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGeneratedTreeRoundTrip reads a generated tree's Open-PSA XML back:
// same events, same probabilities, same top-event probability as the
// engine computes on the generated structure directly.
func TestGeneratedTreeRoundTrip(t *testing.T) {
	tr := ftgen.Generate(3, ftgen.Params{BasicEvents: 300, Window: 16})
	var buf bytes.Buffer
	require.NoError(t, tr.WriteOpenPSA(&buf))
	ft, err := faulttree.Read(faulttree.ReadOptions{}, faulttree.Source{Name: "generated.xml", Reader: &buf})
	require.NoError(t, err)
	events := ft.Events()
	require.Len(t, events, tr.Structure.NumVars)
	for _, e := range events {
		var v int
		_, err := fmt.Sscanf(e.Name, "e%d", &v)
		require.NoError(t, err)
		assert.Equal(t, tr.Probabilities[v-1], e.Probability, e.Name)
	}
	ctx := context.Background()
	want, err := bdd.ModularProbability(ctx, tr.Structure, tr.Probabilities, nil, bdd.Options{})
	require.NoError(t, err)
	got, err := ft.Evaluate(ctx, faulttree.EvalOptions{})
	require.NoError(t, err)
	assert.InEpsilon(t, want.P, got.P, 1e-12)
}
