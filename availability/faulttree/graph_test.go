package faulttree_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/availability"
	"github.com/slacalc/slacalc/availability/faulttree"
)

// TestNodeSpecsAgreeWithEvaluate evaluates coherent Aralia trees through
// the dependency-graph form, a different path (the availability package's
// own BDD compilation of the graph), and compares with Evaluate.
func TestNodeSpecsAgreeWithEvaluate(t *testing.T) {
	for _, name := range []string{"baobab1.xml", "chinese.xml", "das9205.xml", "isp9603.xml", "edfpa15b.xml"} {
		tr := araliaTree(t, name)
		ev, err := tr.Evaluate(context.Background(), faulttree.EvalOptions{})
		require.NoError(t, err)
		specs, top, err := tr.NodeSpecs("ft/")
		require.NoError(t, err)
		m, err := availability.NewModel(specs)
		require.NoError(t, err, name)
		a, err := m.Availability(top)
		require.NoError(t, err, name)
		assert.InEpsilon(t, ev.P, a.Unavailability(), 1e-12, name)
		b, err := tr.Availability(context.Background(), faulttree.EvalOptions{})
		require.NoError(t, err)
		assert.InEpsilon(t, ev.P, b.Unavailability(), 1e-15, name)
	}
}

func TestNodeSpecsNotCoherent(t *testing.T) {
	tr := araliaTree(t, "das9601.xml")
	_, _, err := tr.NodeSpecs("")
	require.ErrorIs(t, err, faulttree.ErrNotCoherent)
	var ce *faulttree.CoherenceError
	require.ErrorAs(t, err, &ce)
	assert.NotEmpty(t, ce.Gate)
}

// TestConcurrentEvaluate: a Tree is immutable and may be evaluated from
// several goroutines (run with -race).
func TestConcurrentEvaluate(t *testing.T) {
	tr := mustRead(t, faulttree.ReadOptions{}, doc(pumpTree), doc(pumpData))
	done := make(chan float64)
	for range 4 {
		go func() {
			ev, err := tr.Evaluate(context.Background(), faulttree.EvalOptions{})
			if err != nil {
				done <- -1
				return
			}
			done <- ev.P
		}()
	}
	for range 4 {
		assert.InDelta(t, 0.154, <-done, 1e-15)
	}
}

// TestEvaluateCancelled: a done context stops both paths promptly with an
// error that wraps the context's.
func TestEvaluateCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, name := range []string{"das9701.xml", "edf9203.xml"} {
		tr := araliaTree(t, name)
		_, err := tr.Evaluate(ctx, faulttree.EvalOptions{})
		require.ErrorIs(t, err, context.Canceled, name)
		_, err = tr.Importance(ctx, faulttree.EvalOptions{})
		require.ErrorIs(t, err, context.Canceled, name)
	}
}

// TestEvaluateBudget: a budget too small for the diagram is an error that
// wraps availability.ErrBudget, on both paths.
func TestEvaluateBudget(t *testing.T) {
	for _, name := range []string{"cea9601.xml", "edf9203.xml"} {
		tr := araliaTree(t, name)
		_, err := tr.Evaluate(context.Background(), faulttree.EvalOptions{MaxNodes: 5000})
		require.ErrorIs(t, err, availability.ErrBudget, name)
	}
}
