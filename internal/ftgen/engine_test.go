package ftgen_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slacalc/slacalc/internal/bdd"
	"github.com/slacalc/slacalc/internal/ftgen"
)

// issue15 is the tree of issue 15 as this generator makes it: 200 basic
// events, 117 gates, a third of the repetitions shared sub-trees. With an
// operation cache an eighth of the node table (commit 1a354f2) the
// default portfolio took 10.5 million steps on it, and ForceLargeFirst
// alone 45 s or more (one run did not finish in 60 s) with fewer than
// 8,000 nodes, recomputing the same sub-problems.
func issue15() *ftgen.Tree {
	return ftgen.Generate(65, ftgen.Params{BasicEvents: 200, RepeatedGates: 0.3})
}

// TestIssue15 checks the work on the issue-15 tree in steps, not time, so
// that it is the same on every machine: with the cache sized to the work,
// every order takes under about half a million steps (measured: 370 to
// 410 k for the portfolio, whose loser stops a little later or earlier
// with the timing; 502 k DepthFirst, 399 k DepthFirstLargeFirst, 130 k
// ForceLargeFirst); the bound of 2 million leaves room for changes of
// order or folding, not for a starved cache.
func TestIssue15(t *testing.T) {
	tr := issue15()
	require.Len(t, tr.Structure.Gates, 117)
	ctx := context.Background()
	var want float64
	for i, hs := range [][]bdd.OrderHeuristic{nil, {bdd.DepthFirst}, {bdd.ForceLargeFirst}, {bdd.DepthFirstLargeFirst}, {bdd.Force}, {bdd.ForceBest}} {
		res, err := bdd.ModularProbability(ctx, tr.Structure, tr.Probabilities, hs, bdd.Options{})
		require.NoError(t, err, "heuristics %v", hs)
		assert.Less(t, res.Steps, uint64(2_000_000), "heuristics %v", hs)
		if i == 0 {
			want = res.P
		}
		assert.InEpsilon(t, want, res.P, 1e-12, "heuristics %v", hs)
	}
}

// TestStepBudget checks that the step budget bounds the work where the
// node budget does not: a tree whose diagram stays small stops cleanly,
// with certified bounds, after about the given number of steps.
func TestStepBudget(t *testing.T) {
	tr := issue15()
	const budget = 50_000
	_, err := bdd.ModularProbability(context.Background(), tr.Structure, tr.Probabilities,
		[]bdd.OrderHeuristic{bdd.DepthFirst}, bdd.Options{MaxSteps: budget})
	require.ErrorIs(t, err, bdd.ErrStepBudget)
	require.ErrorIs(t, err, bdd.ErrBudget)
	var be *bdd.BuildError
	require.True(t, errors.As(err, &be))
	assert.True(t, be.Bounded)
	assert.LessOrEqual(t, be.Lower, be.Upper)
	// The budget is checked every few thousand steps.
	assert.Less(t, be.Steps, uint64(budget+1<<12))
	assert.Contains(t, err.Error(), "step budget exceeded")

	// The same through Compile and a bare Manager.
	_, err = bdd.Compile(context.Background(), tr.Structure, tr.Structure.Order(bdd.DepthFirstLargeFirst), bdd.Options{MaxSteps: budget})
	require.ErrorIs(t, err, bdd.ErrStepBudget)
}

// benchTrees are the benchmark fixtures: the issue-15 tree, and trees of
// growing size with local sharing (Window 32; global sharing makes trees
// beyond a few hundred events too hard for any BDD engine).
func benchTrees() []struct {
	name string
	tree *ftgen.Tree
} {
	out := []struct {
		name string
		tree *ftgen.Tree
	}{{"issue15", issue15()}}
	for _, n := range []int{200, 1000, 5000} {
		out = append(out, struct {
			name string
			tree *ftgen.Tree
		}{fmt.Sprint(n), ftgen.Generate(1, ftgen.Params{BasicEvents: n, Window: 32})})
	}
	return out
}

// BenchmarkModularProbability evaluates generated trees exactly with the
// default portfolio and reports the steps (machine-independent work) and
// the nodes of the largest module, so that a change to the orders, the
// cache or the folding that makes some shape slower shows at once.
func BenchmarkModularProbability(b *testing.B) {
	for _, bt := range benchTrees() {
		s, q := bt.tree.Structure, bt.tree.Probabilities
		b.Run(bt.name, func(b *testing.B) {
			b.ReportAllocs()
			var res *bdd.ModularResult
			for b.Loop() {
				var err error
				res, err = bdd.ModularProbability(context.Background(), s, q, nil, bdd.Options{})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Steps), "steps")
			b.ReportMetric(float64(res.MaxNodes), "nodes")
		})
	}
}

// BenchmarkOrders builds the issue-15 tree with each heuristic alone: the
// case that regressed was one order with a starved cache.
func BenchmarkOrders(b *testing.B) {
	tr := issue15()
	for _, o := range []struct {
		name string
		h    bdd.OrderHeuristic
	}{{"DepthFirst", bdd.DepthFirst}, {"DepthFirstSmallFirst", bdd.DepthFirstSmallFirst}, {"DepthFirstLargeFirst", bdd.DepthFirstLargeFirst}, {"Force", bdd.Force}, {"ForceLargeFirst", bdd.ForceLargeFirst}, {"ForceBest", bdd.ForceBest}} {
		h := o.h
		b.Run(o.name, func(b *testing.B) {
			b.ReportAllocs()
			var res *bdd.ModularResult
			for b.Loop() {
				var err error
				res, err = bdd.ModularProbability(context.Background(), tr.Structure, tr.Probabilities, []bdd.OrderHeuristic{h}, bdd.Options{})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Steps), "steps")
		})
	}
}
